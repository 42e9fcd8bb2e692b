/* fuzz-api-tests.c: libFuzzer target for hb_test_node_new_from_json (test trees)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

static gpointer
read_test_node (JsonNode *node, const char *url, GError **error)
{
  return hb_test_node_new_from_json (node, error);
}

FUZZ_API_TARGET (HB_TYPE_TEST_NODE, read_test_node)
