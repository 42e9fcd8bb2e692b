/* hb-test-store-private.h: how a parser's batches reach an HbTestStore
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-test-parser-private.h"
#include "hb-test-store.h"

G_BEGIN_DECLS

/* The arena the store's parser writes into. */
HbTestStrings *_hb_test_store_get_strings (HbTestStore *self);

/* On the store's thread, in order. Takes ownership of @batch. */
void _hb_test_store_add_batch (HbTestStore *self, HbTestBatch *batch);
/* The last call: @error (nullable) says why the body was refused or cut short. */
void _hb_test_store_finish (HbTestStore *self, const GError *error);

G_END_DECLS
