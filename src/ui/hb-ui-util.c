/* hb-ui-util.c: what every view shares: resources, the app icon, menus, error text, toasts
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "hb-api.h"
#include "hb-ui-a11y.h"
#include "hb-ui-resources.h"
#include "hb-ui-util.h"

/* The resources live in a static library, where an automatic constructor would be dropped
 * by the linker; every class that loads a template calls this first. */
void
hb_ui_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      hb_ui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

static void
create_menu_popup (GtkMenuButton *button, gpointer menu)
{
  gtk_menu_button_set_menu_model (button, menu);
  hb_ui_name_menu_button_popover (button);
}

/* Popover menus are built when first opened rather than with the window. */
void
hb_ui_menu_button_set_lazy_menu (GtkMenuButton *button, GMenuModel *menu)
{
  gtk_menu_button_set_create_popup_func (button, create_menu_popup, g_object_ref (menu),
                                         g_object_unref);
}

/* Installed, the app icon is in the icon theme; uninstalled runs (tests, the demo from the
 * build tree) find it in our resources.  The resource path is added only when the icon is
 * about to be shown and missing: each addition throws away the theme's index, which GTK
 * reads on a worker thread during startup and the signed-in first frame relies on. */
void
hb_ui_ensure_app_icon (GdkDisplay *display)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (display);
  g_auto (GStrv) paths = NULL;

  if (gtk_icon_theme_has_icon (theme, APP_ID))
    return;
  paths = gtk_icon_theme_get_resource_path (theme);
  if (paths == NULL || !g_strv_contains ((const char *const *) paths, RESOURCE_BASE "/icons"))
    gtk_icon_theme_add_resource_path (theme, RESOURCE_BASE "/icons");
}

/* What failed and what to do about it; the server's own words go in the detail. Faults are
 * told apart (issue 17): no connection, no answer in time, an answer cut short, a server
 * error, refused input. */
char *
hb_ui_error_to_text (const GError *error)
{
  if (error == NULL)
    return g_strdup ("");

  if (error->domain == HB_API_ERROR)
    {
      switch ((HbApiError) error->code)
        {
        case HB_API_ERROR_BAD_REQUEST:
          return g_strdup (_ ("The service did not accept this request"));
        case HB_API_ERROR_UNAUTHORIZED:
        case HB_API_ERROR_NOT_SIGNED_IN:
          return g_strdup (_ ("You need to sign in again"));
        case HB_API_ERROR_PAYMENT_REQUIRED:
          return g_strdup (_ ("The account owner needs a credit card on file"));
        case HB_API_ERROR_FORBIDDEN:
          return g_strdup (_ ("You do not have permission to do this"));
        case HB_API_ERROR_NOT_FOUND:
          return g_strdup (_ ("It no longer exists on the service"));
        case HB_API_ERROR_CONFLICT:
          return g_strdup (_ ("It already exists"));
        case HB_API_ERROR_SERVER:
          return g_strdup (_ ("The service had a problem; try again later"));
        case HB_API_ERROR_INVALID_RESPONSE:
          return g_strdup (_ ("The service sent an answer Harbor does not understand"));
        case HB_API_ERROR_INSECURE:
          return g_strdup (_ ("Harbor only talks to remote services over https"));
        case HB_API_ERROR_OUTCOME_UNKNOWN:
          return g_strdup (_ ("The answer was lost, and Harbor could not find out whether it "
                              "was done"));
        case HB_API_ERROR_FAILED:
        default:
          return g_strdup (_ ("Something went wrong talking to the service"));
        }
    }
  if (error->domain == G_RESOLVER_ERROR)
    return g_strdup (_ ("Cannot find the service; check your network connection"));
  if (error->domain == G_TLS_ERROR)
    return g_strdup (_ ("The service’s identity could not be verified"));

  switch (hb_api_error_get_fault (error))
    {
    case HB_API_FAULT_UNREACHABLE:
      return g_strdup (_ ("Cannot reach the service; check your network connection"));
    case HB_API_FAULT_TIMED_OUT:
      return g_strdup (_ ("The service took too long to answer"));
    case HB_API_FAULT_CUT_SHORT:
      return g_strdup (_ ("The service’s answer was cut short"));
    case HB_API_FAULT_NONE:
    case HB_API_FAULT_SERVER:
    case HB_API_FAULT_REFUSED:
    case HB_API_FAULT_OTHER:
    default:
      return g_strdup (_ ("Something went wrong talking to the service"));
    }
}

/**
 * hb_ui_write_error_to_text:
 * @error: why a write (create, change, delete, deploy) failed
 * @not_done: what to say when the service was asked afterwards and it had not happened
 *   ("“Shop” was not created")
 * @unknown: what to say when that could not be found out
 *
 * A write whose answer was lost is checked before it is said to have failed
 * (hb-client-writes.c): a person is told it did not happen only when that is known.
 *
 * Returns: (transfer full): the text, plain
 */
char *
hb_ui_write_error_to_text (const GError *error, const char *not_done, const char *unknown)
{
  g_autofree char *text = hb_ui_error_to_text (error);

  if (g_error_matches (error, HB_API_ERROR, HB_API_ERROR_OUTCOME_UNKNOWN))
    return g_strdup (unknown);
  if (hb_api_error_may_have_happened (error))
    /* Translators: "“Shop” was not created: The service took too long to answer" */
    return g_strdup_printf (_ ("%s: %s"), not_done, text);
  return g_steal_pointer (&text);
}

/* Only refused input is about what a person typed: the field is marked for nothing else. */
gboolean
hb_ui_error_is_about_input (const GError *error)
{
  return hb_api_error_get_fault (error) == HB_API_FAULT_REFUSED;
}

/* The combo row lists regions in this order. */
static const HbRegion regions[] = { HB_REGION_US_EAST_1, HB_REGION_EU_WEST_1 };

const char *
hb_ui_region_id_for_position (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (regions), NULL);
  return hb_region_to_id (regions[position]);
}

/* gtk_widget_dispose_template() only drops children bound by name; the rest go here. */
void
hb_ui_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* A spinner waits this long on screen before it turns: most loads are done by then. */
#define SPIN_DELAY_MS 300
/* Then it turns from an idle below GTK's own: an animation asks for a frame every frame, and
 * once frames are slow no idle runs again, while GTK 4.8 registers a window with AT-SPI from
 * a default idle. The one place where starting late is the point. */
#define SPIN_START_PRIORITY (G_PRIORITY_DEFAULT_IDLE + 10)

typedef struct
{
  GtkSpinner *spinner;
  guint delay_id;
} SpinState;

static gboolean
spin_now (gpointer data)
{
  SpinState *state = data;

  state->delay_id = 0;
  gtk_spinner_set_spinning (state->spinner, TRUE);
  return G_SOURCE_REMOVE;
}

static void
spin_soon (gpointer data)
{
  SpinState *state = data;

  state->delay_id = g_idle_add_full (SPIN_START_PRIORITY, spin_now, state, NULL);
}

static void
spin_state_free (gpointer data, GClosure *closure)
{
  g_free (data);
}

static void
spinner_mapped (GtkWidget *spinner, SpinState *state)
{
  g_clear_handle_id (&state->delay_id, g_source_remove);
  state->delay_id = g_timeout_add_once (SPIN_DELAY_MS, spin_soon, state);
}

static void
spinner_unmapped (GtkWidget *spinner, SpinState *state)
{
  g_clear_handle_id (&state->delay_id, g_source_remove);
  gtk_spinner_set_spinning (state->spinner, FALSE);
}

/**
 * hb_ui_spin_while_mapped:
 *
 * Makes @spinner spin while it is on screen, and only then, after SPIN_DELAY_MS. A spinner
 * shows on a page that says "loading", so on screen means something is loading; off screen,
 * GTK 4.8 keeps its CSS animation running, a frame every frame, and the window never idles.
 */
void
hb_ui_spin_while_mapped (GtkSpinner *spinner)
{
  SpinState *state = g_new0 (SpinState, 1);

  state->spinner = spinner;
  /* The state lives as long as the map handler, that is as long as the spinner; an unmap
   * always comes before the spinner goes, and it stops the delay. */
  g_signal_connect_data (spinner, "map", G_CALLBACK (spinner_mapped), state, spin_state_free, 0);
  g_signal_connect (spinner, "unmap", G_CALLBACK (spinner_unmapped), state);
  if (gtk_widget_get_mapped (GTK_WIDGET (spinner)))
    spinner_mapped (GTK_WIDGET (spinner), state);
  else
    gtk_spinner_set_spinning (spinner, FALSE);
}

/* ---- focusing a list's item ---- */

/* A focus asked for a row the list has not built yet; one per list, on its tick. */
typedef struct
{
  GtkWidget *list_view;
  GObject *item;
  HbUiRowShows row_shows;
  guint tick_id;
  guint frames;
} PendingFocus;

#define PENDING_FOCUS_KEY "hb-ui-pending-focus"

static GtkWidget *
find_row (GtkWidget *list_view, gpointer item, HbUiRowShows row_shows)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row) && row_shows (row, item))
      return row;
  return NULL;
}

static void
pending_focus_free (gpointer data)
{
  PendingFocus *pending = data;

  if (g_object_get_data (G_OBJECT (pending->list_view), PENDING_FOCUS_KEY) == pending)
    g_object_set_data (G_OBJECT (pending->list_view), PENDING_FOCUS_KEY, NULL);
  g_object_unref (pending->item);
  g_free (pending);
}

/* The row scrolled to is built by the next layout: a frame or two. */
static gboolean
focus_row_when_built (GtkWidget *list_view, GdkFrameClock *clock, gpointer user_data)
{
  PendingFocus *pending = user_data;
  GtkWidget *row = find_row (list_view, pending->item, pending->row_shows);

  if (row == NULL && ++pending->frames < 4)
    return G_SOURCE_CONTINUE;
  gtk_widget_grab_focus (row != NULL ? row : list_view);
  return G_SOURCE_REMOVE;
}

/**
 * hb_ui_list_focus_item:
 * @list_view: a #GtkListView (a column view's inner one too)
 * @position: where @item is in its model
 * @item: (type GObject): the item
 *
 * Scrolls to @item and gives the focus to the row showing it. GTK 4.8 has no call for it:
 * scroll-to-item leaves the focus where it was, and a list's grab_focus goes to the row the
 * list focused last, so the row widget is found by what it shows. The last call wins.
 */
void
hb_ui_list_focus_item (GtkWidget *list_view, guint position, gpointer item, HbUiRowShows row_shows)
{
  PendingFocus *pending = g_object_get_data (G_OBJECT (list_view), PENDING_FOCUS_KEY);
  GtkWidget *row;

  if (pending != NULL)
    gtk_widget_remove_tick_callback (list_view, pending->tick_id);
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
  row = find_row (list_view, item, row_shows);
  if (row != NULL)
    {
      gtk_widget_grab_focus (row);
      return;
    }
  pending = g_new0 (PendingFocus, 1);
  pending->list_view = list_view;
  pending->item = g_object_ref (item);
  pending->row_shows = row_shows;
  pending->tick_id =
      gtk_widget_add_tick_callback (list_view, focus_row_when_built, pending, pending_focus_free);
  g_object_set_data (G_OBJECT (list_view), PENDING_FOCUS_KEY, pending);
}

AdwToast *
hb_ui_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/* The whole text is escaped after formatting: a translation may hold an ampersand too. */
AdwToast *
hb_ui_toast_new_printf (const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return hb_ui_toast_new (text);
}

void
hb_ui_status_page_set_description (AdwStatusPage *page, const char *text)
{
  g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : NULL;

  adw_status_page_set_description (page, escaped);
}

void
hb_ui_add_toast (GtkWidget *from, AdwToast *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

/* Finished actions are confirmed in the window's toast overlay; @title is plain text. */
void
hb_ui_toast (GtkWidget *from, const char *title)
{
  hb_ui_add_toast (from, hb_ui_toast_new (title));
}

void
hb_ui_copy_text (GtkWidget *from, const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (from), text);
  hb_ui_toast (from, _ ("Copied to clipboard"));
}

/* Harbor's settings, or NULL where the schema is not installed (uninstalled runs, some
 * tests): callers then keep the defaults. */
GSettings *
hb_ui_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

/* @message with its "%s" replaced by @what: for messages that are not literals (a table's),
 * which are no printf formats either. */
char *
hb_ui_text_about (const char *message, const char *what)
{
  GString *text = g_string_new (message);
  const char *at = strstr (text->str, "%s");

  if (at != NULL)
    {
      gssize position = at - text->str;

      g_string_erase (text, position, 2);
      g_string_insert (text, position, what);
    }
  return g_string_free (text, FALSE);
}
