/* test-server-live.c: harbor-server as a living service (triggered and deployed builds move,
 * service hooks are called) and its fault switches, over loopback
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hst.h"

#include <string.h>

#define TEST(path, fn) g_test_add (path, HstFixture, NULL, hst_setup, fn, hst_teardown)

typedef struct
{
  SoupServer *server;
  char *url;
  GPtrArray *payloads; /* JsonNode */
} HookReceiver;

static void
hook_cb (SoupServer *server,
         SoupServerMessage *msg,
         const char *path,
         GHashTable *query,
         gpointer user_data)
{
  HookReceiver *receiver = user_data;
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  g_assert_cmpstr (
      soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL),
      ==, "application/json");
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  g_ptr_array_add (receiver->payloads, json_node_ref (json_parser_get_root (parser)));
  soup_server_message_set_status (msg, 200, NULL);
}

static void
receiver_start (HookReceiver *receiver)
{
  g_autoptr (GSList) uris = NULL;

  receiver->server = soup_server_new (NULL, NULL);
  receiver->payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  soup_server_add_handler (receiver->server, "/hook", hook_cb, receiver, NULL);
  g_assert_true (
      soup_server_listen_local (receiver->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (receiver->server);
  receiver->url = g_strdup_printf ("http://127.0.0.1:%d/hook", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
}

static void
receiver_stop (HookReceiver *receiver)
{
  soup_server_disconnect (receiver->server);
  g_clear_object (&receiver->server);
  g_clear_pointer (&receiver->payloads, g_ptr_array_unref);
  g_clear_pointer (&receiver->url, g_free);
}

static char *
build_status (HstFixture *f, const char *path)
{
  g_autoptr (HstResponse) r = hst_get (f, path);

  return g_strdup (hst_member (hst_object (r), "status"));
}

/* Polls the build as a client would and records each status it sees, until it settles. */
static GPtrArray *
watch (HstFixture *f, const char *path)
{
  GPtrArray *seen = g_ptr_array_new_with_free_func (g_free);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_autofree char *status = build_status (f, path);

      if (seen->len == 0 || !g_str_equal (g_ptr_array_index (seen, seen->len - 1), status))
        g_ptr_array_add (seen, g_strdup (status));
      if (g_str_equal (status, "Succeeded") || g_str_equal (status, "Failed"))
        break;
      hst_wait (5);
    }
  return seen;
}

static gboolean
has_payloads (gpointer data)
{
  return ((HookReceiver *) data)->payloads->len > 0;
}

static char *
trigger (HstFixture *f, const char *message)
{
  g_autofree char *body = g_strdup_printf (
      "{\"branches\":{\"main\":{\"commit_id\":\"0123456789abcdef0123456789abcdef01234567\","
      "\"commit_message\":\"%s\",\"download_url\":\"https://example.org/src.tar.gz\"}}}",
      message);
  g_autoptr (HstResponse) r = hst_send (f, "POST", "/applications/docs-site/builds", body);
  g_autofree char *id = NULL;

  hst_assert_created (f, r, "/applications/docs-site/builds", &id);
  g_assert_cmpstr (id, ==, "6");
  return g_strconcat ("/applications/docs-site/builds/", id, NULL);
}

static void
add_hook (HstFixture *f, const char *url)
{
  g_autofree char *body = g_strdup_printf ("{\"url\":\"%s\"}", url);
  g_autoptr (HstResponse) r = hst_send (f, "POST", "/applications/docs-site/servicehooks", body);

  g_assert_cmpuint (r->status, ==, 201);
}

static void
test_trigger (HstFixture *f, gconstpointer data)
{
  HookReceiver receiver = {
    NULL,
  };
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) seen = NULL;
  g_autoptr (HstResponse) detail = NULL;
  g_autoptr (HstResponse) list = NULL;
  g_autoptr (HstResponse) tests = NULL;
  g_autofree char *tests_path = NULL;
  JsonObject *payload, *build;

  receiver_start (&receiver);
  add_hook (f, receiver.url);
  /* Slow enough that a loaded machine still sees every stage. */
  hbs_server_set_build_step_ms (f->server, 250);
  path = trigger (f, "Ship it");
  /* Newest first: the triggered build heads the list at once. */
  list = hst_get (f, "/applications/docs-site/builds");
  g_assert_true (g_str_has_suffix (
      hst_member (json_array_get_object_element (hst_array (list), 0), "url"), path));
  seen = watch (f, path);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "Queued");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "Building");
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "Succeeded");
  detail = hst_get (f, path);
  g_assert_nonnull (hst_member (hst_object (detail), "deployed"));
  g_assert_cmpstr (
      hst_member (json_object_get_object_member (hst_object (detail), "branch"), "name"), ==,
      "main");
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (hst_object (detail), "log_entries")), >=,
      4);
  tests_path = g_strconcat (path, "/tests", NULL);
  tests = hst_get (f, tests_path);
  g_assert_cmpuint (json_array_get_length (hst_array (tests)), >, 0);

  g_assert_true (hst_wait_for (has_payloads, &receiver, 5000));
  payload = json_node_get_object (g_ptr_array_index (receiver.payloads, 0));
  build = json_object_get_object_member (payload, "build");
  g_assert_cmpstr (hst_member (json_object_get_object_member (payload, "application"), "slug"), ==,
                   "docs-site");
  g_assert_cmpstr (hst_member (build, "id"), ==, "6");
  g_assert_cmpstr (hst_member (build, "status"), ==, "succeeded");
  g_assert_cmpstr (hst_member (json_object_get_object_member (build, "commit"), "id"), ==,
                   "0123456789abcdef0123456789abcdef01234567");
  g_assert_cmpstr (hst_member (json_object_get_object_member (
                                   json_object_get_object_member (build, "branch"), "commit"),
                               "message"),
                   ==, "Ship it");
  g_assert_true (g_str_has_prefix (hst_member (build, "url"), f->base));
  receiver_stop (&receiver);
}

/* -- hostile hook targets */

typedef struct
{
  SoupServer *server;
  guint port;
  guint64 sent;     /* body bytes written to the hook caller */
  gboolean hung_up; /* the caller closed the connection */
  guint redirected; /* requests to /elsewhere */
  guint in_flight;  /* held requests right now */
  guint max_in_flight;
  GPtrArray *held; /* SoupServerMessage */
} Target;

#define CHUNK (64 * 1024)

static void
endless_chunk (SoupServerMessage *msg, gpointer user_data)
{
  Target *target = user_data;
  static char zeros[CHUNK];

  target->sent += CHUNK;
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, zeros,
                            CHUNK);
}

static void
endless_finished (SoupServerMessage *msg, gpointer user_data)
{
  ((Target *) user_data)->hung_up = TRUE;
}

static void
released (SoupServerMessage *msg, gpointer user_data)
{
  ((Target *) user_data)->in_flight--;
}

/* /endless: a reply that never ends. /redirect: a 302 to /elsewhere. /hold: never answered. */
static void
target_cb (SoupServer *server,
           SoupServerMessage *msg,
           const char *path,
           GHashTable *query,
           gpointer user_data)
{
  Target *target = user_data;

  soup_server_message_set_status (msg, 200, NULL);
  if (g_str_equal (path, "/endless"))
    {
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (endless_chunk), target);
      g_signal_connect (msg, "finished", G_CALLBACK (endless_finished), target);
      endless_chunk (msg, target);
    }
  else if (g_str_equal (path, "/redirect"))
    {
      g_autofree char *location = g_strdup_printf ("http://127.0.0.1:%u/elsewhere", target->port);

      soup_server_message_set_redirect (msg, 302, location);
    }
  else if (g_str_equal (path, "/elsewhere"))
    target->redirected++;
  else if (g_str_equal (path, "/hold"))
    {
      target->in_flight++;
      target->max_in_flight = MAX (target->max_in_flight, target->in_flight);
      g_signal_connect (msg, "finished", G_CALLBACK (released), target);
      soup_server_message_pause (msg);
      g_ptr_array_add (target->held, g_object_ref (msg));
    }
}

static void
target_start (Target *target)
{
  g_autoptr (GSList) uris = NULL;

  target->server = soup_server_new (NULL, NULL);
  target->held = g_ptr_array_new_with_free_func (g_object_unref);
  soup_server_add_handler (target->server, NULL, target_cb, target, NULL);
  g_assert_true (soup_server_listen_local (target->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (target->server);
  target->port = g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
}

static void
target_stop (Target *target)
{
  for (guint i = 0; i < target->held->len; i++)
    soup_server_message_unpause (g_ptr_array_index (target->held, i));
  hst_wait (50);
  soup_server_disconnect (target->server);
  g_clear_object (&target->server);
  g_clear_pointer (&target->held, g_ptr_array_unref);
}

static void
add_target_hook (HstFixture *f, Target *target, const char *path)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", target->port, path);

  add_hook (f, url);
}

static gboolean
hung_up (gpointer data)
{
  return ((Target *) data)->hung_up;
}

/* A hook that answers without end: the server reads a few KiB and hangs up (it read 400 MB
 * into memory before). */
static void
test_hook_reply_capped (HstFixture *f, gconstpointer data)
{
  Target target = {
    NULL,
  };

  target_start (&target);
  add_target_hook (f, &target, "/endless");
  g_free (trigger (f, "Hook me"));
  g_assert_true (hst_wait_for (hung_up, &target, 10000));
  g_test_message ("the server hung up after %" G_GUINT64_FORMAT " bytes were sent", target.sent);
  /* What the socket buffers hold, not what the target would send. */
  g_assert_cmpuint (target.sent, <, 32 * 1024 * 1024);
  target_stop (&target);
}

static gboolean
redirect_answered (gpointer data)
{
  Target *target = data;

  return target->redirected > 0 || target->in_flight == 0;
}

/* A hook's redirect is not followed: a hook URL cannot bounce the call elsewhere. */
static void
test_hook_no_redirect (HstFixture *f, gconstpointer data)
{
  Target target = {
    NULL,
  };
  Target witness = {
    NULL,
  };

  target_start (&target);
  target_start (&witness);
  add_target_hook (f, &target, "/redirect");
  /* A second hook that answers after the first: once it is in, the first has been handled. */
  add_target_hook (f, &witness, "/hold");
  g_free (trigger (f, "Hook me"));
  g_assert_true (hst_wait_for (redirect_answered, &witness, 10000));
  while (witness.in_flight == 0)
    hst_wait (10);
  hst_wait (200);
  g_assert_cmpuint (target.redirected, ==, 0);
  target_stop (&witness);
  target_stop (&target);
}

static guint
total_in_flight (Target *targets, guint n)
{
  guint total = 0;

  for (guint i = 0; i < n; i++)
    total += targets[i].in_flight;
  return total;
}

/* Hook calls are limited: however many hooks an application has, only a few are in flight. */
static void
test_hook_concurrency (HstFixture *f, gconstpointer data)
{
  Target targets[8] = {
    {
        NULL,
    },
  };
  guint max = 0;
  gint64 end;

  /* One target per port: libsoup alone allows two connections per host:port. */
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      target_start (&targets[i]);
      add_target_hook (f, &targets[i], "/hold");
    }
  g_free (trigger (f, "Hook me"));
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      max = MAX (max, total_in_flight (targets, G_N_ELEMENTS (targets)));
      hst_wait (10);
    }
  g_test_message ("at most %u hook calls in flight", max);
  g_assert_cmpuint (max, >, 0);
  g_assert_cmpuint (max, <=, 4);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    target_stop (&targets[i]);
}

static void
test_trigger_fails (HstFixture *f, gconstpointer data)
{
  HookReceiver receiver = {
    NULL,
  };
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) seen = NULL;
  g_autoptr (HstResponse) detail = NULL;
  g_autofree char *tests_path = NULL;
  g_autoptr (HstResponse) tests = NULL;

  receiver_start (&receiver);
  add_hook (f, receiver.url);
  path = trigger (f, "Break everything [fail]");
  seen = watch (f, path);
  g_assert_cmpstr (g_ptr_array_index (seen, seen->len - 1), ==, "Failed");
  detail = hst_get (f, path);
  g_assert_null (hst_member (hst_object (detail), "deployed"));
  tests_path = g_strconcat (path, "/tests", NULL);
  tests = hst_get (f, tests_path);
  g_assert_cmpstr (hst_member (json_array_get_object_element (hst_array (tests), 0), "status"), ==,
                   "Failed");
  g_assert_true (hst_wait_for (has_payloads, &receiver, 5000));
  g_assert_cmpstr (
      hst_member (json_object_get_object_member (
                      json_node_get_object (g_ptr_array_index (receiver.payloads, 0)), "build"),
                  "status"),
      ==, "failed");
  receiver_stop (&receiver);
}

static guint
n_builds (HstFixture *f)
{
  g_autoptr (HstResponse) r = hst_get (f, "/applications/docs-site/builds");

  return json_array_get_length (hst_array (r));
}

static void
test_trigger_rejects (HstFixture *f, gconstpointer data)
{
  static const char *const bodies[] = {
    "{}",
    "{\"branches\":{}}",
    "{\"branches\":[]}",
    "{\"branches\":{\"a\":{\"commit_id\":\"1\"},\"b\":{\"commit_id\":\"2\"}}}",
    "{\"branches\":{\"a\":{\"commit_message\":\"no id\"}}}",
    "{\"branches\":{\"a\":{\"commit_id\":7}}}",
    "{\"branches\":{\"a\":{\"commit_id\":\"1\",\"download_url\":\"file:///etc/passwd\"}}}",
    "{\"branches\":{\"a\":\"1\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (HstResponse) r = hst_send (f, "POST", "/applications/docs-site/builds", bodies[i]);

      g_test_message ("body %s", bodies[i]);
      hst_assert_error (r, 400);
    }
  {
    g_autoptr (HstResponse) no_auth =
        hst_request (f, "POST", "/applications/docs-site/builds?authorization=guess", NULL,
                     "application/json", "{\"branches\":{\"a\":{\"commit_id\":\"1\"}}}");
    hst_assert_error (no_auth, 401);
  }
  g_assert_cmpuint (n_builds (f), ==, 5);
}

static void
test_deploy (HstFixture *f, gconstpointer data)
{
  g_autoptr (HstResponse) before = hst_get (f, "/applications/hello-world/builds/58");
  g_autoptr (HstResponse) failed =
      hst_send (f, "POST", "/applications/hello-world/builds/59/deploy", NULL);
  g_autoptr (HstResponse) missing =
      hst_send (f, "POST", "/applications/hello-world/builds/99/deploy", NULL);
  g_autoptr (HstResponse) get = hst_get (f, "/applications/hello-world/builds/58/deploy");
  g_autoptr (HstResponse) r = NULL;
  g_autoptr (GPtrArray) seen = NULL;
  g_autoptr (HstResponse) after = NULL;

  g_assert_null (hst_member (hst_object (before), "deployed"));
  hst_assert_error (failed, 400);
  hst_assert_error (missing, 404);
  hst_assert_error (get, 405);
  /* Slow enough that a loaded machine still sees every stage. */
  hbs_server_set_build_step_ms (f->server, 250);
  r = hst_send (f, "POST", "/applications/hello-world/builds/58/deploy", NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (r->body), ==, 0);
  seen = watch (f, "/applications/hello-world/builds/58");
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "Queued");
  g_assert_cmpstr (g_ptr_array_index (seen, seen->len - 1), ==, "Succeeded");
  after = hst_get (f, "/applications/hello-world/builds/58");
  g_assert_nonnull (hst_member (hst_object (after), "deployed"));
}

static void
test_fault_latency (HstFixture *f, gconstpointer data)
{
  HbsFaults faults = { .latency_ms = 200 };
  gint64 start;
  g_autoptr (HstResponse) r = NULL;

  hbs_server_set_faults (f->server, &faults);
  start = g_get_monotonic_time ();
  r = hst_get (f, "/user");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * G_TIME_SPAN_MILLISECOND);
}

static void
test_fault_fail_every (HstFixture *f, gconstpointer data)
{
  HbsFaults faults = { .fail_every = 3 };

  hbs_server_set_faults (f->server, &faults);
  for (guint i = 1; i <= 6; i++)
    {
      g_autoptr (HstResponse) r = hst_get (f, "/applications");

      if (i % 3 == 0)
        hst_assert_error (r, 500);
      else
        g_assert_cmpuint (r->status, ==, 200);
    }
}

static void
test_fault_stall (HstFixture *f, gconstpointer data)
{
  HbsFaults faults = { .stall_every = 2 };
  g_autoptr (SoupSession) impatient = soup_session_new_with_options ("timeout", 1, NULL);
  g_autoptr (GError) first = NULL;
  g_autoptr (GError) second = NULL;

  hbs_server_set_faults (f->server, &faults);
  first = hst_send_expecting_failure (f, impatient, "/user");
  second = hst_send_expecting_failure (f, impatient, "/user");
  g_assert_no_error (first);
  g_assert_error (second, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

typedef struct
{
  GBytes *bytes;
  gboolean done;
} Body;

static void
body_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Body *b = user_data;

  b->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  b->done = TRUE;
}

/* The body announced by Content-Length, and the one that arrived. */
static void
fetch_lengths (HstFixture *f, goffset *announced, gsize *received)
{
  g_autofree char *url =
      g_strconcat (f->base, "/applications/hello-world/builds?access_token=T", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  Body b = {
    NULL,
  };

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, body_cb, &b);
  while (!b.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (b.bytes);
  *announced = soup_message_headers_get_content_length (soup_message_get_response_headers (msg));
  *received = g_bytes_get_size (b.bytes);
  g_bytes_unref (b.bytes);
}

static void
test_fault_truncate (HstFixture *f, gconstpointer data)
{
  HbsFaults faults = { .truncate_every = 2 };
  goffset announced;
  gsize received;
  g_autoptr (HstResponse) third = NULL;

  hbs_server_set_faults (f->server, &faults);
  fetch_lengths (f, &announced, &received);
  g_assert_cmpint (announced, ==, (goffset) received);
  /* The connection closes mid-body: fewer bytes than announced, and no valid JSON. */
  fetch_lengths (f, &announced, &received);
  g_assert_cmpint (announced, >, (goffset) received);
  g_assert_cmpuint (received, >, 0);
  third = hst_get (f, "/applications");
  g_assert_cmpuint (third->status, ==, 200);
}

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GInputStream **stream = user_data;

  *stream = soup_session_send_finish (SOUP_SESSION (source), result, NULL);
  if (*stream == NULL)
    *stream = g_memory_input_stream_new (); /* a failure: stop waiting, the test then fails */
}

/* Issue 17: a cut body keeps the status line and headers it was sent with, as a connection
 * that drops mid-body does: a create's 201 still says where the new item is. */
static void
test_fault_truncate_keeps_headers (HstFixture *f, gconstpointer data)
{
  HbsFaults faults = { .truncate_every = 1 };
  g_autofree char *url = g_strconcat (f->base, "/applications?access_token=T", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr (GBytes) body = g_bytes_new_static (
      "{\"name\":\"Cut Short\",\"region_identifier\":\"amazon-web-services::us-east-1\"}", 73);
  g_autoptr (GInputStream) stream = NULL;
  SoupMessageHeaders *headers;

  hbs_server_set_faults (f->server, &faults);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  soup_session_send_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &stream);
  while (stream == NULL)
    g_main_context_iteration (NULL, TRUE);
  headers = soup_message_get_response_headers (msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
  g_assert_true (g_str_has_suffix (soup_message_headers_get_one (headers, "Location"),
                                   "/applications/cut-short"));
  g_assert_cmpint (soup_message_headers_get_content_length (headers), ==, 16);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST ("/server/live/trigger", test_trigger);
  TEST ("/server/live/trigger-fails", test_trigger_fails);
  TEST ("/server/live/trigger-rejects", test_trigger_rejects);
  TEST ("/server/live/deploy", test_deploy);
  TEST ("/server/live/hook-reply-capped", test_hook_reply_capped);
  TEST ("/server/live/hook-no-redirect", test_hook_no_redirect);
  TEST ("/server/live/hook-concurrency", test_hook_concurrency);
  TEST ("/server/faults/latency", test_fault_latency);
  TEST ("/server/faults/fail-every", test_fault_fail_every);
  TEST ("/server/faults/stall", test_fault_stall);
  TEST ("/server/faults/truncate-keeps-headers", test_fault_truncate_keeps_headers);
  TEST ("/server/faults/truncate", test_fault_truncate);
  return g_test_run ();
}
