/* hbs-test-cache.h: the tests of a build as served: generated trees kept rendered, and
 * results a caller gave for a build "1"
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _HbsTestCache HbsTestCache;

HbsTestCache *hbs_test_cache_new (void);
void hbs_test_cache_free (HbsTestCache *self);
void hbs_test_cache_add_fixture (HbsTestCache *self, const char *slug, JsonNode *roots);
GBytes *hbs_test_cache_render (HbsTestCache *self,
                               const char *slug,
                               JsonObject *build,
                               const char *test_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbsTestCache, hbs_test_cache_free)

G_END_DECLS
