/* main.c: harbor-server's command line
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hbs-server.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

static const char description[] =
    "A local AppHarbor-compatible server: the whole API of appharbor.com (user, applications,\n"
    "builds with live status changes, tests, collaborators, configuration variables, hostnames,\n"
    "service hooks, errors, drains, log sessions) and its OAuth 2 sign-in (consent page at\n"
    "/user/authorizations/new, form-encoded POST /tokens, PKCE S256, loopback redirects on any "
    "port).\n"
    "\n"
    "The first line printed is the base URL. API calls need a token: `--token T` issues one for\n"
    "the demo account; send it as `Authorization: Bearer T` or `?access_token=T`.\n"
    "\n"
    "The OAuth client harbor-desktop (secret harbor-desktop-secret, redirect\n"
    "http://127.0.0.1/oauth/callback on any port, PKCE required) is always registered. The\n"
    "seeded users are demo/demo (card on file), ana/ana (no card: adding a hostname to her app\n"
    "answers 402) and bob/bob. A build triggered with POST /applications/SLUG/builds, or a\n"
    "deployed one, moves Queued → Building → Succeeded over a few seconds (a commit message\n"
    "containing \"[fail]\" ends Failed), then calls the application's service hooks.\n"
    "\n"
    "Requests to an application's own URL are not served, but each application has a log: the\n"
    "last 1,500 lines of its builds, deploys, hook calls, configuration changes and a simulated\n"
    "web process (--web-log-ms), such as\n"
    "  2026-12-07T10:00:00.123+00:00 app[web.1]: GET / responded 200 in 12 ms\n"
    "POST /applications/SLUG/logsession ({\"tail\":true,\"limit\":50}) answers a session URL to\n"
    "GET once within a minute: the last lines first, then each new one as it is written.\n"
    "\n"
    "It answers only requests addressed to the address it listens on (localhost too, for a\n"
    "loopback one) or to --public-name; others get 400. It closes connections slow to send a\n"
    "request or idle too long, keeps at most --max-connections open (the oldest waiting one\n"
    "makes room), recovers when it runs out of file descriptors, caps tokens (10 per account\n"
    "and client), codes, sign-in sessions and log streams (64 at once), and rate-limits\n"
    "password guesses (429).\n"
    "\n"
    "Example:\n"
    "  harbor-server --seed --token T --port 0\n"
    "  curl -H 'Authorization: Bearer T' -H 'Accept: application/json' URL/applications\n";

typedef struct
{
  int port;
  char *address;
  char *public_name;
  char *data;
  gboolean seed;
  int big_tests;
  char *token;
  char **users;
  char **no_card;
  char *client_id;
  char *client_secret;
  char *client_name;
  char *redirect_uri;
  gboolean auto_approve;
  char *tls_cert;
  char *tls_key;
  int latency;
  int fail_every;
  int stall_every;
  int truncate_every;
  int build_step;
  int web_log;
  int max_connections;
  int request_timeout;
  int idle_timeout;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->address);
  g_free (o->public_name);
  g_free (o->data);
  g_free (o->token);
  g_strfreev (o->users);
  g_strfreev (o->no_card);
  g_free (o->client_id);
  g_free (o->client_secret);
  g_free (o->client_name);
  g_free (o->redirect_uri);
  g_free (o->tls_cert);
  g_free (o->tls_key);
}

static gboolean
parse_options (Options *o, int *argc, char ***argv, GError **error)
{
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &o->port,
      "Port to listen on; 0 picks a free one (default 0)", "PORT" },
    { "address", 'a', 0, G_OPTION_ARG_STRING, &o->address,
      "IP address to listen on (default 127.0.0.1)", "ADDRESS" },
    { "public-name", 0, 0, G_OPTION_ARG_STRING, &o->public_name,
      "Also answer requests for HOST[:PORT] (a proxy's name) and build their URLs from it; "
      "other Host headers than the listening address (or localhost) get 400",
      "HOST[:PORT]" },
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &o->data,
      "Keep the state in FILE (loaded if present; atomic writes)", "FILE" },
    { "seed", 's', 0, G_OPTION_ARG_NONE, &o->seed,
      "Start with the sample world (skipped when FILE already holds one)", NULL },
    { "big-tests", 0, 0, G_OPTION_ARG_INT, &o->big_tests,
      "Add application big-tests whose build 1 has N tests in nested groups (at most 1000000)",
      "N" },
    { "token", 't', 0, G_OPTION_ARG_STRING, &o->token,
      "Accept TOKEN for the demo account (or the first --user)", "TOKEN" },
    { "user", 'u', 0, G_OPTION_ARG_STRING_ARRAY, &o->users, "Register a user (repeatable)",
      "NAME:EMAIL:PASSWORD" },
    { "no-card", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->no_card,
      "USER has no credit card on file (hostnames answer 402)", "USER" },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &o->client_id,
      "Register an OAuth client with this id", "ID" },
    { "client-secret", 0, 0, G_OPTION_ARG_STRING, &o->client_secret, "…and this secret", "SECRET" },
    { "client-name", 0, 0, G_OPTION_ARG_STRING, &o->client_name,
      "…shown on the consent page as NAME", "NAME" },
    { "redirect-uri", 0, 0, G_OPTION_ARG_STRING, &o->redirect_uri,
      "…and this redirect URI (a loopback one matches any port)", "URI" },
    { "auto-approve", 0, 0, G_OPTION_ARG_NONE, &o->auto_approve,
      "Grant consent without a page, as the signed-in or the demo user (automation)", NULL },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &o->tls_cert,
      "Serve HTTPS with this PEM certificate", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &o->tls_key, "…and this PEM private key", "FILE" },
    { "build-step-ms", 0, 0, G_OPTION_ARG_INT, &o->build_step,
      "Time between a live build's stages (default 1500)", "MS" },
    { "web-log-ms", 0, 0, G_OPTION_ARG_INT, &o->web_log,
      "Time between the lines a deployed application's simulated web process writes to its log "
      "(default 3000; 0: none)",
      "MS" },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &o->max_connections,
      "Connections open at once; the oldest waiting one makes room for a new one (default 512, "
      "at most half the file descriptors)",
      "N" },
    { "request-timeout", 0, 0, G_OPTION_ARG_INT, &o->request_timeout,
      "Close a connection whose request has not fully arrived after S seconds (default 10)", "S" },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &o->idle_timeout,
      "Close a kept-alive connection idle for S seconds (default 60)", "S" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &o->latency, "Fault: delay every response by MS", "MS" },
    { "fail-every", 0, 0, G_OPTION_ARG_INT, &o->fail_every, "Fault: every Nth request answers 500",
      "N" },
    { "stall-every", 0, 0, G_OPTION_ARG_INT, &o->stall_every,
      "Fault: every Nth response never completes", "N" },
    { "truncate-every", 0, 0, G_OPTION_ARG_INT, &o->truncate_every,
      "Fault: every Nth response body is cut short", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new ("- a local AppHarbor-compatible server");

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, description);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (o->big_tests > HBS_MAX_BIG_TESTS)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--big-tests is at most %d",
                   HBS_MAX_BIG_TESTS);
      return FALSE;
    }
  if (o->port < 0 || o->port > 65535 || o->big_tests < 0 || o->latency < 0 || o->fail_every < 0 ||
      o->stall_every < 0 || o->truncate_every < 0 || o->build_step < 0 || o->web_log < 0 ||
      o->max_connections < 0 || o->request_timeout < 0 || o->request_timeout > 86400 ||
      o->idle_timeout < 0 || o->idle_timeout > 86400)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "Numbers must not be negative (a port is at most 65535, a timeout "
                           "at most a day)");
      return FALSE;
    }
  if ((o->client_id != NULL) != (o->client_secret != NULL) ||
      (o->client_id != NULL) != (o->redirect_uri != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--client-id, --client-secret and --redirect-uri go together");
      return FALSE;
    }
  if ((o->tls_cert != NULL) != (o->tls_key != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--tls-cert and --tls-key go together");
      return FALSE;
    }
  return TRUE;
}

/* Registers --user entries; returns the first user's name (for --token without --seed). */
static gboolean
add_users (HbsServer *server, char **users, GError **error)
{
  for (guint i = 0; users != NULL && users[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (users[i], ":", 3);

      if (g_strv_length (parts) != 3 || parts[0][0] == '\0' || strchr (parts[1], '@') == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--user wants NAME:EMAIL:PASSWORD, not “%s”", users[i]);
          return FALSE;
        }
      hbs_server_add_user (server, parts[0], parts[1], parts[2]);
    }
  return TRUE;
}

static gboolean
configure (HbsServer *server, Options *o, GError **error)
{
  HbsFaults faults = { o->latency, o->fail_every, o->stall_every, o->truncate_every };
  HbsLimits limits = { o->max_connections, o->request_timeout * 1000, o->idle_timeout * 1000 };

  if (!hbs_server_set_public_name (server, o->public_name, error))
    return FALSE;
  /* The file first: a loaded world must not be overwritten by the seed. */
  if (o->data != NULL && !hbs_server_set_data_file (server, o->data, error))
    return FALSE;
  if (o->seed)
    hbs_server_seed (server);
  if (o->big_tests > 0)
    hbs_server_add_big_tests (server, o->big_tests);
  if (!add_users (server, o->users, error))
    return FALSE;
  for (guint i = 0; o->no_card != NULL && o->no_card[i] != NULL; i++)
    hbs_server_set_has_card (server, o->no_card[i], FALSE);
  if (o->token != NULL)
    {
      /* The same account --auto-approve signs in. */
      const char *owner = hbs_server_get_default_user (server);

      if (owner == NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               "--token needs --seed, --data with users, or a --user to belong to");
          return FALSE;
        }
      hbs_server_add_token (server, owner, o->token);
    }
  if (o->client_id != NULL)
    hbs_server_add_client (server, o->client_id, o->client_secret,
                           o->client_name != NULL ? o->client_name : o->client_id, o->redirect_uri);
  hbs_server_set_auto_approve (server, o->auto_approve);
  hbs_server_set_faults (server, &faults);
  hbs_server_set_limits (server, &limits);
  if (o->build_step > 0)
    hbs_server_set_build_step_ms (server, o->build_step);
  hbs_server_set_web_log_ms (server, o->web_log);
  return TRUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

int
main (int argc, char **argv)
{
  g_auto (Options) options = {
    .web_log = HBS_DEFAULT_WEB_LOG_MS,
  };
  g_autoptr (HbsServer) server = NULL;
  g_autoptr (GTlsCertificate) cert = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  setlocale (LC_ALL, "");
  /* Every connection holds a descriptor: 1024, the usual soft limit, is not many. */
  hbs_server_raise_fd_limit ();
  if (!parse_options (&options, &argc, &argv, &error))
    {
      g_printerr ("harbor-server: %s\n", error->message);
      return 2;
    }
  server = hbs_server_new ();
  if (!configure (server, &options, &error))
    {
      g_printerr ("harbor-server: %s\n", error->message);
      return 1;
    }
  if (options.tls_cert != NULL)
    {
      cert = g_tls_certificate_new_from_files (options.tls_cert, options.tls_key, &error);
      if (cert == NULL)
        {
          g_printerr ("harbor-server: %s\n", error->message);
          return 1;
        }
    }
  if (!hbs_server_listen (server, options.address, options.port, cert, &error))
    {
      g_printerr ("harbor-server: %s\n", error->message);
      return 1;
    }
  url = hbs_server_dup_base_url (server);
  printf ("%s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  if (!hbs_server_flush (server, &error))
    {
      g_printerr ("harbor-server: could not save: %s\n", error->message);
      return 1;
    }
  return 0;
}
