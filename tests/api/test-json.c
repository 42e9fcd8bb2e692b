/* test-json.c: strict model readers: dates, durations, null urls, wrong types, nesting
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-api.h"
#include "hb-json-private.h"

#include <string.h>

static JsonNode *
parse (const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = _hb_json_parse (json, strlen (json), &error);

  g_assert_no_error (error);
  return node;
}

static void
assert_utc (GDateTime *dt, const char *expected)
{
  g_autofree char *text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  g_assert_nonnull (dt);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, 0);
}

static void
test_datetime_shapes (void)
{
  g_autoptr (GDateTime) bare = _hb_parse_datetime ("2012-02-28T13:36:30");
  g_autoptr (GDateTime) zulu = _hb_parse_datetime ("2012-07-03T00:36:44.292Z");
  g_autoptr (GDateTime) offset = _hb_parse_datetime ("2012-07-03T02:36:44+02:00");
  g_autoptr (GDateTime) fraction = _hb_parse_datetime ("2012-02-28T13:36:30.1234567");

  /* A zone-less date is UTC, not local time. */
  assert_utc (bare, "2012-02-28T13:36:30");
  assert_utc (zulu, "2012-07-03T00:36:44");
  g_assert_cmpint (g_date_time_get_microsecond (zulu), ==, 292000);
  assert_utc (offset, "2012-07-03T00:36:44");
  assert_utc (fraction, "2012-02-28T13:36:30");
  g_assert_null (_hb_parse_datetime ("yesterday"));
  g_assert_null (_hb_parse_datetime ("2012-13-40T99:00:00"));
  g_assert_null (_hb_parse_datetime (""));
}

static void
test_timespan (void)
{
  struct
  {
    const char *text;
    gboolean ok;
    GTimeSpan value;
  } cases[] = {
    { "00:00:00.0156002", TRUE, 15600 },
    { "00:00:03.3852434", TRUE, 3385243 },
    { "01:02:03", TRUE, G_TIME_SPAN_HOUR + 2 * G_TIME_SPAN_MINUTE + 3 * G_TIME_SPAN_SECOND },
    { "1.00:00:00.5", TRUE, G_TIME_SPAN_DAY + 500000 },
    { "-00:00:01", TRUE, -G_TIME_SPAN_SECOND },
    { "00:60:00", FALSE, 0 },
    { "24:00:00", FALSE, 0 },
    { "00:00", FALSE, 0 },
    { "00:00:00.12345678", FALSE, 0 },
    { "00:00:00 ", FALSE, 0 },
    { "", FALSE, 0 },
    { "99999999999.00:00:00", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GTimeSpan value = 0;

      g_assert_cmpint (_hb_parse_timespan (cases[i].text, &value), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (value, ==, cases[i].value);
    }
}

static void
test_app_detail_takes_fetched_url (void)
{
  g_autoptr (JsonNode) node = parse ("{\"name\":\"Hello\",\"slug\":\"hello\","
                                     "\"region_identifier\":\"amazon-web-services::eu-west-1\"}");
  g_autoptr (GError) error = NULL;
  g_autoptr (HbResource) app =
      hb_resource_new_from_json (HB_TYPE_APP, node, "https://h/applications/hello", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (hb_resource_get_id (app), ==, "hello");
  g_assert_cmpstr (hb_resource_get_url (app), ==, "https://h/applications/hello");
  g_assert_cmpint (hb_app_get_region (HB_APP (app)), ==, HB_REGION_EU_WEST_1);
  g_assert_true (hb_resource_is_openable (app));
}

static void
test_null_url_items_kept_not_openable (void)
{
  g_autoptr (JsonNode) owner = parse ("{\"url\":null,\"user\":{\"id\":\"abc=\",\"name\":\"ana\"},"
                                      "\"role\":\"owner\"}");
  g_autoptr (JsonNode) host =
      parse ("{\"url\":null,\"value\":\"x.apphb.com\",\"canonical\":false}");
  g_autoptr (GError) error = NULL;
  g_autoptr (HbResource) collaborator = NULL;
  g_autoptr (HbResource) hostname = NULL;

  /* Even with a fetched URL at hand, an explicit null stays null. */
  collaborator = hb_resource_new_from_json (HB_TYPE_COLLABORATOR, owner, "https://h/x", &error);
  g_assert_no_error (error);
  g_assert_false (hb_resource_is_openable (collaborator));
  g_assert_cmpstr (hb_resource_get_id (collaborator), ==, "abc=");
  g_assert_cmpint (hb_collaborator_get_role (HB_COLLABORATOR (collaborator)), ==,
                   HB_COLLABORATOR_ROLE_OWNER);

  hostname = hb_resource_new_from_json (HB_TYPE_HOSTNAME, host, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (hb_resource_is_openable (hostname));
  g_assert_cmpstr (hb_resource_get_id (hostname), ==, "x.apphb.com");
}

static void
test_build_reads_branch_and_old_commit (void)
{
  g_autoptr (JsonNode) node = parse (
      "{\"status\":\"Building\",\"created\":\"2012-02-28T13:36:30\",\"deployed\":null,"
      "\"commit\":{\"id\":\"abc\",\"message\":\"old\"},"
      "\"branch\":{\"name\":\"main\",\"commit\":{\"id\":\"def\",\"message\":\"new\"}},"
      "\"url\":\"https://h/applications/a/builds/7\",\"tests_url\":\"https://h/t\","
      "\"download_url\":\"https://h/d\",\"log_entries\":[{\"created\":\"2012-02-28T13:36:31\","
      "\"message\":\"Built\",\"details_url\":\"https://h/l/1\"}]}");
  g_autoptr (JsonNode) old = parse ("{\"status\":\"Mystery\",\"created\":\"2012-02-28T13:36:30\","
                                    "\"commit\":{\"id\":\"abc\",\"message\":\"old\"},"
                                    "\"url\":\"https://h/applications/a/builds/8\"}");
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBuild) build =
      HB_BUILD (hb_resource_new_from_json (HB_TYPE_BUILD, node, NULL, &error));
  g_autoptr (HbBuild) older = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (hb_resource_get_id (HB_RESOURCE (build)), ==, "7");
  g_assert_cmpint (hb_build_get_status (build), ==, HB_BUILD_STATUS_BUILDING);
  g_assert_cmpstr (hb_build_get_commit_id (build), ==, "def");
  g_assert_cmpstr (hb_build_get_branch (build), ==, "main");
  g_assert_null (hb_build_get_deployed (build));
  g_assert_cmpuint (g_list_model_get_n_items (hb_build_get_log_entries (build)), ==, 1);

  older = HB_BUILD (hb_resource_new_from_json (HB_TYPE_BUILD, old, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_build_get_commit_id (older), ==, "abc");
  g_assert_cmpint (hb_build_get_status (older), ==, HB_BUILD_STATUS_UNKNOWN);
}

static void
test_test_tree (void)
{
  g_autoptr (JsonNode) node =
      parse ("[{\"id\":\"1\",\"name\":\"AccountTests\",\"status\":\"Failed\",\"kind\":\"Group\","
             "\"duration\":\"00:00:01.2500000\",\"tests\":["
             "{\"id\":\"1.1\",\"name\":\"CanLogin\",\"status\":\"Passed\",\"kind\":\"Test\","
             "\"duration\":\"00:00:00.0400000\",\"tests\":[]},"
             "{\"id\":\"1.2\",\"name\":\"CanLogout\",\"status\":\"Skipped\",\"kind\":\"Test\","
             "\"duration\":\"00:00:00.0100000\",\"tests\":[]}]}]");
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) roots = hb_test_node_list_from_json (node, &error);
  g_autoptr (HbTestNode) group = NULL;
  g_autoptr (HbTestNode) leaf = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 1);
  group = g_list_model_get_item (roots, 0);
  g_assert_cmpint (hb_test_node_get_kind (group), ==, HB_TEST_KIND_GROUP);
  g_assert_cmpint (hb_test_node_get_duration (group), ==, 1250000);
  g_assert_cmpuint (hb_test_node_get_n_children (group), ==, 2);
  leaf = g_list_model_get_item (hb_test_node_get_children (group), 1);
  g_assert_cmpstr (hb_test_node_get_name (leaf), ==, "CanLogout");
  g_assert_cmpint (hb_test_node_get_status (leaf), ==, HB_TEST_STATUS_SKIPPED);
  g_assert_null (hb_test_node_get_children (leaf));
}

static void
test_error_with_inner_chain (void)
{
  g_autoptr (JsonNode) node = parse (
      "{\"commit_id\":\"abc\",\"date\":\"2012-07-03T00:36:44.292Z\",\"request_path\":\"/\","
      "\"message\":\"boom\",\"url\":\"https://h/applications/a/errors/e1\",\"exception\":"
      "{\"type\":\"System.Exception\",\"message\":\"outer\",\"stack_trace\":\"at A\","
      "\"inner_exception\":{\"type\":\"System.NullReferenceException\",\"message\":\"inner\","
      "\"stack_trace\":\"at B\",\"inner_exception\":null}}}");
  g_autoptr (GError) error = NULL;
  g_autoptr (HbAppError) app_error =
      HB_APP_ERROR (hb_resource_new_from_json (HB_TYPE_APP_ERROR, node, NULL, &error));
  HbException *outer, *inner;

  g_assert_no_error (error);
  g_assert_cmpstr (hb_resource_get_id (HB_RESOURCE (app_error)), ==, "e1");
  outer = hb_app_error_get_exception (app_error);
  inner = hb_exception_get_inner (outer);
  g_assert_cmpstr (hb_exception_get_message (outer), ==, "outer");
  g_assert_cmpstr (hb_exception_get_type_name (inner), ==, "System.NullReferenceException");
  g_assert_null (hb_exception_get_inner (inner));
}

typedef gpointer (*ReaderFunc) (JsonNode *, const char *, GError **);

static gpointer
read_test (JsonNode *node, const char *url, GError **error)
{
  return hb_test_node_new_from_json (node, error);
}

/* Each body is wrong in one place; every reader must refuse it, not guess. Items of the API
 * are read by their type (hb_resource_new_from_json ()), users and tests by their own. */
static void
test_wrong_types_are_invalid (void)
{
  struct
  {
    GType (*resource_type) (void); /* an item of the API, or NULL for @reader */
    ReaderFunc reader;
    const char *json;
  } cases[] = {
    { hb_app_get_type, NULL, "[]" },
    { hb_app_get_type, NULL, "{\"name\":1,\"slug\":\"a\"}" },
    { hb_app_get_type, NULL, "{\"name\":\"A\"}" },
    { hb_app_get_type, NULL, "{\"name\":\"A\",\"slug\":\"a\",\"url\":5}" },
    { NULL, (ReaderFunc) hb_user_new_from_json,
      "{\"id\":\"1\",\"username\":\"u\",\"email_addresses\":[1]}" },
    { NULL, (ReaderFunc) hb_user_new_from_json,
      "{\"id\":\"1\",\"username\":\"u\",\"email_addresses\":\"a\"}" },
    { hb_build_get_type, NULL,
      "{\"status\":\"Queued\",\"created\":\"never\","
      "\"commit\":{\"id\":\"a\",\"message\":\"m\"}}" },
    { hb_build_get_type, NULL, "{\"status\":\"Queued\",\"created\":\"2012-02-28T13:36:30\"}" },
    { hb_build_get_type, NULL,
      "{\"status\":true,\"created\":\"2012-02-28T13:36:30\","
      "\"commit\":{\"id\":\"a\",\"message\":\"m\"}}" },
    { hb_build_get_type, NULL,
      "{\"status\":\"Queued\",\"created\":\"2012-02-28T13:36:30\","
      "\"commit\":{\"id\":\"a\",\"message\":\"m\"},\"log_entries\":{}}" },
    { NULL, read_test,
      "{\"id\":\"1\",\"name\":\"n\",\"status\":\"Passed\",\"kind\":\"Test\","
      "\"duration\":\"soon\",\"tests\":[]}" },
    { NULL, read_test,
      "{\"id\":1,\"name\":\"n\",\"status\":\"Passed\",\"kind\":\"Test\","
      "\"duration\":\"00:00:01\",\"tests\":[]}" },
    { NULL, read_test,
      "{\"id\":\"1\",\"name\":\"n\",\"status\":\"Passed\",\"kind\":\"Group\","
      "\"duration\":\"00:00:01\",\"tests\":[3]}" },
    { hb_collaborator_get_type, NULL, "{\"user\":\"ana\",\"role\":\"owner\"}" },
    { hb_config_var_get_type, NULL, "{\"key\":\"k\",\"value\":null}" },
    { hb_hostname_get_type, NULL, "{\"value\":\"h\",\"canonical\":\"no\"}" },
    { hb_service_hook_get_type, NULL, "{\"value\":[]}" },
    { hb_drain_get_type, NULL, "{\"value\":\"syslog://x\"}" },
    { hb_app_error_get_type, NULL,
      "{\"commit_id\":\"a\",\"date\":\"2012-07-03T00:36:44Z\","
      "\"request_path\":\"/\",\"message\":\"m\","
      "\"exception\":{\"type\":\"T\",\"message\":\"m\","
      "\"stack_trace\":\"s\",\"inner_exception\":7}}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = parse (cases[i].json);
      g_autoptr (GError) error = NULL;
      gpointer object =
          cases[i].resource_type != NULL
              ? hb_resource_new_from_json (cases[i].resource_type (), node, NULL, &error)
              : cases[i].reader (node, NULL, &error);

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (object);
      g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
    }
}

static void
test_deep_nesting_refused (void)
{
  gsize depth = 100000;
  g_autofree char *deep = g_malloc (depth * 2 + 1);
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  /* json-glib 1.6 would overflow its stack on this. */
  memset (deep, '[', depth);
  memset (deep + depth, ']', depth);
  deep[depth * 2] = '\0';
  node = _hb_json_parse (deep, depth * 2, &error);
  g_assert_null (node);
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);

  /* Brackets inside strings do not count. */
  g_clear_error (&error);
  g_assert_true (_hb_json_check_depth ("[\"[[[[[[[[\\\"[[[[[\"]", 19, 2, &error));
  g_assert_no_error (error);
}

/* json-glib 1.6 decodes "\u0000" and hands back the string cut at that point: an app named
 * "ab\u0000cd" would read as "ab". Refused anywhere in the body, also in member names; an
 * escaped backslash followed by "u0000" is ordinary text. */
static void
test_nul_escape_refused (void)
{
  const char *refused[] = {
    "{\"name\":\"ab\\u0000cd\",\"slug\":\"ab\"}",
    "{\"na\\u0000me\":\"x\"}",
    "[\"\\u0000\"]",
    "[\"\\\\\\u0000\"]", /* an escaped backslash, then the escape */
    "[\"\\\"\\u0000\"]", /* an escaped quote does not end the string */
  };
  const char *accepted[][2] = {
    { "[\"ab\\\\u0000cd\"]", "ab\\u0000cd" }, /* a backslash, then the text u0000 */
    { "[\"\\\\\\\\u0000\"]", "\\\\u0000" },   /* two backslashes, then the text */
    { "[\"\\u0001\"]", "\001" },
    { "[\"u0000\"]", "u0000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      JsonNode *node = _hb_json_parse (refused[i], strlen (refused[i]), &error);

      g_test_message ("refused: %s", refused[i]);
      g_assert_null (node);
      g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (JsonNode) node = parse (accepted[i][0]);

      g_assert_cmpstr (json_array_get_string_element (json_node_get_array (node), 0), ==,
                       accepted[i][1]);
    }
}

static void
test_malformed_refused (void)
{
  const char *bodies[] = { "", "{", "{\"a\":}", "nul", "<html>", "{\"a\":1}garbage" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (GError) error = NULL;
      JsonNode *node = _hb_json_parse (bodies[i], strlen (bodies[i]), &error);

      g_assert_null (node);
      g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
    }
}

static void
test_regions (void)
{
  g_assert_cmpint (hb_region_from_id (hb_region_to_id (HB_REGION_EU_WEST_1)), ==,
                   HB_REGION_EU_WEST_1);
  g_assert_cmpint (hb_region_from_id ("mars-1"), ==, HB_REGION_UNKNOWN);
  g_assert_null (hb_region_to_id (HB_REGION_UNKNOWN));
  g_assert_true (G_TYPE_IS_ENUM (HB_TYPE_BUILD_STATUS));
  g_assert_true (G_TYPE_IS_ENUM (HB_TYPE_API_ERROR));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/datetime-shapes", test_datetime_shapes);
  g_test_add_func ("/json/timespan", test_timespan);
  g_test_add_func ("/json/app-detail-url", test_app_detail_takes_fetched_url);
  g_test_add_func ("/json/null-url", test_null_url_items_kept_not_openable);
  g_test_add_func ("/json/build", test_build_reads_branch_and_old_commit);
  g_test_add_func ("/json/test-tree", test_test_tree);
  g_test_add_func ("/json/app-error-chain", test_error_with_inner_chain);
  g_test_add_func ("/json/wrong-types", test_wrong_types_are_invalid);
  g_test_add_func ("/json/deep-nesting", test_deep_nesting_refused);
  g_test_add_func ("/json/malformed", test_malformed_refused);
  g_test_add_func ("/json/nul-escape", test_nul_escape_refused);
  g_test_add_func ("/json/regions", test_regions);
  return g_test_run ();
}
