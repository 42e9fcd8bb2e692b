/* fuzz-server-body.c: libFuzzer target for harbor-server's request-body handling: the size,
 * UTF-8 and nesting checks, JSON and form parsing, and every typed field read the routes do
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-json.h"
#include "hbs-test-tree.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The first byte picks how the rest is presented, as a client could present it. */
static const char *const content_types[] = {
  "application/json",
  "application/x-www-form-urlencoded",
  "application/json; charset=utf-8",
  NULL, /* no Content-Type header */
  "application/json; charset=latin1",
  "text/plain",
};

static const char *const fields[] = {
  "name",         "region_identifier", "key",      "value", "url",
  "role",         "collaboratorEmail", "branches", "tail",  "limit",
  "sourceFilter", "processFilter",
};

static void
read_every_field (HbsBody *body)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr (GError) error = NULL;
      const char *text;
      gboolean flag;
      gint64 number;
      JsonObject *object;

      /* Each read either succeeds or says why; a failure must always come with a message. */
      if (!hbs_body_get_string (body, fields[i], TRUE, &text, &error))
        g_assert (error != NULL && error->message[0] != '\0');
      else
        g_assert (text == NULL || g_utf8_validate (text, -1, NULL));
      g_clear_error (&error);
      if (!hbs_body_get_boolean (body, fields[i], FALSE, &flag, &error))
        g_assert (error != NULL);
      g_clear_error (&error);
      if (!hbs_body_get_int (body, fields[i], FALSE, &number, &error))
        g_assert (error != NULL);
      g_clear_error (&error);
      if (!hbs_body_get_object (body, fields[i], FALSE, &object, &error))
        g_assert (error != NULL);
      else if (object != NULL)
        g_list_free (json_object_get_members (object));
      g_clear_error (&error);
      hbs_body_has (body, fields[i]);
      hbs_body_find_field (body, fields[i]);
    }
}

/* Test ids come from the path; they must never name a node that does not exist. */
static void
lookup_test_id (const char *id)
{
  HbsTestSpec spec = { "fuzz/1", 700, 9, 5 };
  g_autoptr (GBytes) node = hbs_test_tree_render_node (&spec, id);

  if (node != NULL)
    g_assert (g_bytes_get_size (node) > 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean initialized;
  g_autoptr (HbsBody) body = NULL;
  g_autoptr (GError) error = NULL;
  guint selector;

  if (!initialized)
    {
      /* A critical from json-glib or GLib counts as a crash. */
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      initialized = TRUE;
    }
  if (size == 0)
    return 0;
  selector = data[0];
  data++;
  size--;
  if (selector == 0xff)
    {
      g_autofree char *id = g_strndup ((const char *) data, MIN (size, 64));

      lookup_test_id (id);
      return 0;
    }
  if (!hbs_json_check_text ((const char *) data, size, HBS_MAX_DEPTH, &error))
    g_assert (error != NULL && error->code == 400);
  g_clear_error (&error);
  body = hbs_body_parse (content_types[selector % G_N_ELEMENTS (content_types)],
                         (const char *) data, size, &error);
  if (body == NULL)
    {
      /* Refusals carry the HTTP status to answer with. */
      g_assert (error != NULL && error->domain == HBS_ERROR);
      g_assert (error->code == 400 || error->code == 413 || error->code == 415);
      return 0;
    }
  read_every_field (body);
  return 0;
}
