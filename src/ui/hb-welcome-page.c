/* hb-welcome-page.c: the signed-out page: what Harbor is for, and Sign In
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-ui-util.h"
#include "hb-ui-a11y.h"
#include "hb-welcome-page.h"

/* Built only when someone is signed out, so a signed-in start never pays for it. */
struct _HbWelcomePage
{
  AdwBin parent_instance;

  HbClient *client;
  GMenuModel *menu;

  GtkMenuButton *menu_button;
  AdwStatusPage *status_page;
  GtkWidget *sign_in_button;
};

G_DEFINE_FINAL_TYPE (HbWelcomePage, hb_welcome_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_MENU,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The status page's description is markup; a host may hold "&" (the address was typed). */
static char *
welcome_description (HbWelcomePage *self, const char *base_url)
{
  g_autoptr (GUri) uri = base_url != NULL ? g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : base_url;
  g_autofree char *text =
      g_strdup_printf (_ ("Sign in to %s to manage your applications"), host != NULL ? host : "");

  return g_markup_escape_text (text, -1);
}

static void
hb_welcome_page_constructed (GObject *object)
{
  HbWelcomePage *self = HB_WELCOME_PAGE (object);

  G_OBJECT_CLASS (hb_welcome_page_parent_class)->constructed (object);

  hb_ui_menu_button_set_lazy_menu (self->menu_button, self->menu);
  hb_ui_ensure_app_icon (gtk_widget_get_display (GTK_WIDGET (self)));
  adw_status_page_set_icon_name (self->status_page, APP_ID);
}

static void
hb_welcome_page_dispose (GObject *object)
{
  HbWelcomePage *self = HB_WELCOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_WELCOME_PAGE);
  g_clear_object (&self->client);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (hb_welcome_page_parent_class)->dispose (object);
}

static void
hb_welcome_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbWelcomePage *self = HB_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_MENU:
      g_value_set_object (value, self->menu);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_welcome_page_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  HbWelcomePage *self = HB_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      /* Set once, at construction; the template's description follows it by expression. */
      self->client = g_value_dup_object (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_MENU:
      self->menu = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_welcome_page_class_init (HbWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hb_welcome_page_constructed;
  object_class->dispose = hb_welcome_page_dispose;
  object_class->get_property = hb_welcome_page_get_property;
  object_class->set_property = hb_welcome_page_set_property;

  properties[PROP_CLIENT] =
      g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  properties[PROP_MENU] =
      g_param_spec_object ("menu", NULL, NULL, G_TYPE_MENU_MODEL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HbWelcomePage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, HbWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HbWelcomePage, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, welcome_description);
}

static void
hb_welcome_page_init (HbWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_ui_name_status_page (self->status_page);
}

/* The one thing to do on this page. */
void
hb_welcome_page_focus_sign_in (HbWelcomePage *self)
{
  g_return_if_fail (HB_IS_WELCOME_PAGE (self));
  gtk_widget_grab_focus (self->sign_in_button);
}

GtkWidget *
hb_welcome_page_new (HbClient *client, GMenuModel *menu)
{
  return g_object_new (HB_TYPE_WELCOME_PAGE, "client", client, "menu", menu, NULL);
}
