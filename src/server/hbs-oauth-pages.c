/* hbs-oauth-pages.c: the pages of the sign-in flow: sign in, consent, errors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-oauth-pages.h"

static const char page_style[] =
    "body{font:16px/1.5 Cantarell,'Noto Sans',sans-serif;background:#f6f5f4;color:#2e3436;"
    "margin:0;display:flex;justify-content:center}"
    "main{background:#fff;margin:48px 16px;padding:32px;border-radius:12px;max-width:420px;"
    "width:100%;box-shadow:0 1px 4px rgba(0,0,0,.15)}"
    "h1{font-size:22px;margin:0 0 8px}label{display:block;margin-top:16px;font-weight:bold}"
    "input{box-sizing:border-box;width:100%;font:inherit;padding:8px;margin-top:4px;"
    "border:1px solid #c0bfbc;border-radius:6px}"
    ".buttons{display:flex;gap:12px;margin-top:24px}"
    "button{font:inherit;font-weight:bold;padding:8px 20px;border-radius:6px;border:0;"
    "background:#deddda;color:#2e3436;cursor:pointer}"
    "button.suggested{background:#3584e4;color:#fff}"
    ".notice{background:#e8f1fc;border-radius:6px;padding:8px 12px;margin-top:24px}"
    ".error{color:#c01c28;font-weight:bold}.muted{color:#5e5c64;font-size:14px}"
    "@media (prefers-color-scheme:dark){body{background:#242424;color:#fff}"
    "main{background:#303030}input{background:#1e1e1e;color:#fff;border-color:#5e5c64}"
    "button{background:#4a4a4a;color:#fff}.notice{background:#1c3a5e}.muted{color:#c0bfbc}}";

void
hbs_oauth_send_page (HbsRequest *req, guint status, const char *title, const char *content)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *html = g_strdup_printf (
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>%s – "
      "AppHarbor</title><style>%s</style></head>\n<body><main>\n%s\n</main></body></html>\n",
      escaped_title, page_style, content);

  hbs_request_html (req, status, html);
}

void
hbs_oauth_error_page (HbsRequest *req, guint status, const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  g_autofree char *content = g_strdup_printf ("<h1>This sign-in link does not work</h1>\n"
                                              "<p class=\"error\" role=\"alert\">%s</p>",
                                              escaped);

  hbs_oauth_send_page (req, status, "Sign-in error", content);
}

static void
append_hidden (GString *out, const char *name, const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, escaped);
}

void
hbs_oauth_sign_in_page (HbsRequest *req,
                        guint status,
                        const char *return_to,
                        const char *client_name,
                        const char *error,
                        gboolean demo)
{
  g_autoptr (GString) content = g_string_new ("<h1>Sign in to AppHarbor</h1>\n");

  if (client_name != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (client_name, -1);

      g_string_append_printf (content, "<p>to continue to <strong>%s</strong></p>\n", escaped);
    }
  if (error != NULL)
    g_string_append_printf (
        content, "<p class=\"error\" role=\"alert\" id=\"sign-in-error\">%s</p>\n", error);
  g_string_append (content, "<form method=\"post\" action=\"/session\">\n");
  append_hidden (content, "return_to", return_to);
  g_string_append (content, "<label for=\"username\">Username or email</label>\n"
                            "<input id=\"username\" name=\"username\" autocomplete=\"username\" "
                            "autocapitalize=\"none\" required autofocus>\n"
                            "<label for=\"password\">Password</label>\n"
                            "<input id=\"password\" name=\"password\" type=\"password\" "
                            "autocomplete=\"current-password\" required>\n"
                            "<div class=\"buttons\"><button id=\"sign-in\" class=\"suggested\" "
                            "type=\"submit\">Sign in</button></div>\n</form>\n");
  /* A newcomer in `harbor --demo` must never be stuck at a password prompt. */
  if (demo)
    g_string_append (content, "<p class=\"notice\" id=\"demo-notice\">Demo account: "
                              "<strong>demo</strong> / <strong>demo</strong></p>\n");
  hbs_oauth_send_page (req, status, "Sign in", content->str);
}

void
hbs_oauth_consent_page (HbsRequest *req,
                        const char *user_name,
                        const char *email,
                        const char *csrf,
                        const char *client_name,
                        const HbsAuthorization *auth)
{
  g_autofree char *escaped_client = g_markup_escape_text (client_name, -1);
  g_autofree char *escaped_user = g_markup_escape_text (user_name, -1);
  g_autofree char *escaped_email = g_markup_escape_text (email, -1);
  g_autoptr (GUri) target = g_uri_parse (auth->redirect_uri, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *host = g_markup_escape_text (
      target != NULL && g_uri_get_host (target) != NULL ? g_uri_get_host (target) : "?", -1);
  g_autoptr (GString) content = g_string_new (NULL);

  g_string_append_printf (content,
                          "<h1>Allow <span id=\"client-name\">%s</span> to use your account?</h1>\n"
                          "<p>Signed in as <strong id=\"user-name\">%s</strong> "
                          "<span class=\"muted\">(%s)</span></p>\n"
                          "<p>%s will be able to see and change your applications, builds and "
                          "their settings.</p>\n"
                          "<p class=\"muted\">You will return to %s.</p>\n"
                          "<form method=\"post\" action=\"/user/authorizations\">\n",
                          escaped_client, escaped_user, escaped_email, escaped_client, host);
  append_hidden (content, "client_id", auth->client_id);
  append_hidden (content, "redirect_uri", auth->redirect_uri);
  append_hidden (content, "state", auth->state);
  append_hidden (content, "code_challenge", auth->challenge);
  append_hidden (content, "code_challenge_method", auth->method);
  append_hidden (content, "csrf", csrf);
  g_string_append (
      content, "<div class=\"buttons\">"
               "<button id=\"deny\" name=\"decision\" value=\"deny\" type=\"submit\">Deny</button>"
               "<button id=\"allow\" class=\"suggested\" name=\"decision\" value=\"allow\" "
               "type=\"submit\">Allow</button></div>\n</form>\n");
  hbs_oauth_send_page (req, 200, "Authorize", content->str);
}
