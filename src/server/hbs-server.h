/* hbs-server.h: harbor-server, a local AppHarbor-compatible server on SoupServer
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hbs-limits.h"

G_BEGIN_DECLS

/* Fault switches for client tests; every field 0 means "no fault". */
typedef struct
{
  guint latency_ms;     /* delay every response */
  guint fail_every;     /* every Nth request answers 500 (0: never) */
  guint stall_every;    /* every Nth response never completes (0: never) */
  guint truncate_every; /* every Nth response body is cut short (0: never) */
} HbsFaults;

#define HBS_TYPE_SERVER (hbs_server_get_type ())
G_DECLARE_FINAL_TYPE (HbsServer, hbs_server, HBS, SERVER, GObject)

HbsServer *hbs_server_new (void);

void hbs_server_seed (HbsServer *self);
void hbs_server_add_big_tests (HbsServer *self, guint n_tests);
gboolean
hbs_server_add_test_results (HbsServer *self, const char *slug, const char *json, GError **error);
void
hbs_server_add_user (HbsServer *self, const char *name, const char *email, const char *password);
const char *hbs_server_get_default_user (HbsServer *self);
void hbs_server_add_token (HbsServer *self, const char *username, const char *token);
void hbs_server_add_client (HbsServer *self,
                            const char *id,
                            const char *secret,
                            const char *name,
                            const char *redirect_uri);
void hbs_server_set_has_card (HbsServer *self, const char *username, gboolean has_card);
void hbs_server_set_auto_approve (HbsServer *self, gboolean auto_approve);
gboolean hbs_server_set_data_file (HbsServer *self, const char *path, GError **error);
void hbs_server_set_faults (HbsServer *self, const HbsFaults *faults);
gboolean hbs_server_listen (
    HbsServer *self, const char *address, guint port, GTlsCertificate *cert, GError **error);
char *hbs_server_dup_base_url (HbsServer *self);
gboolean hbs_server_set_public_name (HbsServer *self, const char *name, GError **error);
void hbs_server_set_limits (HbsServer *self, const HbsLimits *limits);
guint64 hbs_server_raise_fd_limit (void);
void hbs_server_set_build_step_ms (HbsServer *self, guint ms);
void hbs_server_set_web_log_ms (HbsServer *self, guint ms);
gboolean hbs_server_flush (HbsServer *self, GError **error);

G_END_DECLS
