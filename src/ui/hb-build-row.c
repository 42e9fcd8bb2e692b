/* hb-build-row.c: one build: status, commit, branch, times, Deploy and Test Results
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-build-row.h"
#include "hb-ui-closures.h"
#include "hb-ui-util.h"

struct _HbBuildRow
{
  GtkWidget parent_instance;

  HbBuild *build;
  GtkButton *tests_button;
  GtkButton *deploy_button;
  GtkLabel *status_label;
};

G_DEFINE_FINAL_TYPE (HbBuildRow, hb_build_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_BUILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

HbBuild *
hb_build_row_get_build (HbBuildRow *self)
{
  g_return_val_if_fail (HB_IS_BUILD_ROW (self), NULL);
  return self->build;
}

void
hb_build_row_set_build (HbBuildRow *self, HbBuild *build)
{
  const char *tests_url;

  g_return_if_fail (HB_IS_BUILD_ROW (self));

  if (!g_set_object (&self->build, build))
    return;
  tests_url = build != NULL ? hb_build_get_tests_url (build) : NULL;
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->tests_button), "s",
                                    tests_url != NULL ? tests_url : "");
  /* Deploy is the page's action: off while the service cannot be reached. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->deploy_button), "s",
                                    build != NULL ? hb_resource_get_id (HB_RESOURCE (build)) : "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->deploy_button), "builds.deploy");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILD]);
}

static char *
deploy_label (HbBuildRow *self, GDateTime *deployed)
{
  return g_strdup (deployed != NULL ? _ ("Redeploy") : _ ("Deploy"));
}

static char *
meta_text (HbBuildRow *self, const char *commit_id, const char *branch, GDateTime *created)
{
  g_autofree char *commit = hb_ui_short_commit (self, commit_id);
  g_autofree char *when = hb_ui_date_relative (self, created);

  /* Translators: "<short commit> · <branch> · <relative time>" under a build's message */
  return g_strdup_printf (_ ("%s · %s · %s"), commit, branch != NULL ? branch : "", when);
}

static char *
deployed_text (HbBuildRow *self, GDateTime *deployed)
{
  g_autofree char *when = NULL;

  if (deployed == NULL)
    return g_strdup (_ ("Not deployed"));
  when = hb_ui_date_relative (self, deployed);
  return g_strdup_printf (_ ("Deployed %s"), when);
}

static gboolean
can_show_tests (HbBuildRow *self, const char *tests_url, int status)
{
  return tests_url != NULL && hb_build_status_is_finished (status);
}

/* The service deploys only builds that succeeded. */
static gboolean
can_deploy (HbBuildRow *self, int status)
{
  return status == HB_BUILD_STATUS_SUCCEEDED;
}

static void
hb_build_row_dispose (GObject *object)
{
  HbBuildRow *self = HB_BUILD_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_BUILD_ROW);
  hb_ui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->build);

  G_OBJECT_CLASS (hb_build_row_parent_class)->dispose (object);
}

static void
hb_build_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbBuildRow *self = HB_BUILD_ROW (object);

  switch (prop_id)
    {
    case PROP_BUILD:
      g_value_set_object (value, self->build);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_build_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbBuildRow *self = HB_BUILD_ROW (object);

  switch (prop_id)
    {
    case PROP_BUILD:
      hb_build_row_set_build (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_build_row_class_init (HbBuildRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_build_row_dispose;
  object_class->get_property = hb_build_row_get_property;
  object_class->set_property = hb_build_row_set_property;

  properties[PROP_BUILD] =
      g_param_spec_object ("build", NULL, NULL, HB_TYPE_BUILD,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-build-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, hb_ui_build_status_icon_name);
  gtk_widget_class_bind_template_callback (widget_class, hb_ui_build_status_text);
  gtk_widget_class_bind_template_callback (widget_class, hb_ui_build_status_css_classes);
  gtk_widget_class_bind_template_callback (widget_class, hb_ui_first_line);
  gtk_widget_class_bind_template_callback (widget_class, hb_ui_date_exact);
  gtk_widget_class_bind_template_callback (widget_class, deploy_label);
  gtk_widget_class_bind_template_callback (widget_class, meta_text);
  gtk_widget_class_bind_template_callback (widget_class, deployed_text);
  gtk_widget_class_bind_template_callback (widget_class, can_show_tests);
  gtk_widget_class_bind_template_callback (widget_class, can_deploy);
  gtk_widget_class_bind_template_child (widget_class, HbBuildRow, tests_button);
  gtk_widget_class_bind_template_child (widget_class, HbBuildRow, deploy_button);
  gtk_widget_class_bind_template_child (widget_class, HbBuildRow, status_label);
}

static void
hb_build_row_init (HbBuildRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
