/* hbs-seed.h: the seeded demo world that tests and `harbor --demo` rely on (see HACKING.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hbs-store.h"

G_BEGIN_DECLS

#define HBS_REGION_US "amazon-web-services::us-east-1"
#define HBS_REGION_EU "amazon-web-services::eu-west-1"

void hbs_seed_world (HbsStore *store);
void hbs_seed_big_tests (HbsStore *store, guint n_tests);
void hbs_seed_fixture_app (HbsStore *store, const char *slug, const char *owner);
void hbs_seed_set_tests (JsonObject *build, guint n_tests, guint fail_mod, guint skip_mod);
char *hbs_seed_commit_id (const char *text);

G_END_DECLS
