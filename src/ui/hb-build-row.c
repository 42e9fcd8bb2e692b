/* hb-build-row.c: one build: status, commit, branch, times, Deploy and Test Results
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-build-row.h"
#include "hb-ui-a11y.h"
#include "hb-ui-closures.h"
#include "hb-ui-util.h"

struct _HbBuildRow
{
  GtkWidget parent_instance;

  HbBuild *build;
  GSignalGroup *build_signals; /* its status and deploy time rename the row and its buttons */
  GtkWidget *icon_box;
  GtkWidget *text_box;
  GtkWidget *actions_box;
  GtkButton *tests_button;
  GtkWidget *deploy_button;
  GtkWidget *deploy_slot;
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

static char *deployed_text (HbBuildRow *self, GDateTime *deployed);

/* A screen reader hears which build a row and its buttons are about: every row has a
 * "Test Results" and a "Deploy" button. */
static void
update_accessible (HbBuildRow *self)
{
  g_autofree char *message = NULL;
  g_autofree char *status = NULL;
  g_autofree char *deployed = NULL;
  g_autofree char *description = NULL;
  g_autofree char *tests = NULL;
  g_autofree char *deploy = NULL;

  if (self->build == NULL)
    return;
  message = hb_ui_first_line (self, hb_build_get_commit_message (self->build));
  status = hb_ui_build_status_text (self, hb_build_get_status (self->build));
  deployed = deployed_text (self, hb_build_get_deployed (self->build));
  /* Translators: how a screen reader describes a build, "<status>, <deployed or not>" */
  description = g_strdup_printf (_ ("%s, %s"), status, deployed);
  /* Translators: a build's Test Results button, for a screen reader: "… of “<commit message>”" */
  tests = g_strdup_printf (_ ("Test Results of “%s”"), message);
  deploy = g_strdup_printf (hb_build_get_deployed (self->build) != NULL ? _ ("Redeploy “%s”")
                                                                        : _ ("Deploy “%s”"),
                            message);
  hb_ui_name_list_item (GTK_WIDGET (self), message, description);
  hb_ui_set_accessible_label (self, message);
  hb_ui_button_set_accessible_label (self->tests_button, tests);
  hb_ui_button_set_accessible_label (GTK_BUTTON (self->deploy_button), deploy);
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
  g_signal_group_set_target (self->build_signals, build);
  update_accessible (self);
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

/* ---- layout: one line, or the buttons under the text when that would leave it too little ---- */

#define SPACING 12
#define LINE_SPACING 6
/* The text keeps at least this much beside the buttons; less, and they move under it. */
#define TEXT_MIN_BESIDE 200

static int
width_of (GtkWidget *widget)
{
  int natural = 0;

  if (gtk_widget_should_layout (widget))
    gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static int
height_of (GtkWidget *widget, int width)
{
  int minimum = 0;

  if (gtk_widget_should_layout (widget))
    gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Where each part goes in a row @width wide. */
typedef struct
{
  gboolean one_line;
  gboolean has_actions; /* a button is shown: a row without one needs no second line */
  int icon_width;
  int text_width;
  int actions_width;
  int top_height; /* icon and text; the whole row on one line */
  int height;
} Layout;

static void
compute_layout (HbBuildRow *self, int width, Layout *layout)
{
  layout->icon_width = width_of (self->icon_box);
  layout->actions_width = width_of (self->actions_box);
  layout->has_actions = gtk_widget_get_visible (GTK_WIDGET (self->tests_button)) ||
                        gtk_widget_get_visible (self->deploy_button);
  layout->one_line =
      width - layout->icon_width - layout->actions_width - 2 * SPACING >= TEXT_MIN_BESIDE;
  if (layout->one_line)
    layout->text_width = width - layout->icon_width - layout->actions_width - 2 * SPACING;
  else
    layout->text_width = MAX (0, width - layout->icon_width - SPACING);

  layout->top_height = MAX (height_of (self->icon_box, layout->icon_width),
                            height_of (self->text_box, layout->text_width));
  layout->height = layout->top_height;
  if (layout->one_line)
    {
      layout->top_height =
          MAX (layout->top_height, height_of (self->actions_box, layout->actions_width));
      layout->height = layout->top_height;
    }
  else if (layout->has_actions)
    layout->height += LINE_SPACING + height_of (self->actions_box, layout->actions_width);
}

static void
hb_build_row_measure (GtkWidget *widget,
                      GtkOrientation orientation,
                      int for_size,
                      int *minimum,
                      int *natural,
                      int *minimum_baseline,
                      int *natural_baseline)
{
  HbBuildRow *self = HB_BUILD_ROW (widget);
  Layout layout;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int text_min, text_nat;

      gtk_widget_measure (self->text_box, orientation, -1, &text_min, &text_nat, NULL, NULL);
      /* The narrowest is two lines: icon and text, then the buttons. */
      *minimum = MAX (width_of (self->icon_box) + SPACING + text_min, width_of (self->actions_box));
      *natural = width_of (self->icon_box) + text_nat + width_of (self->actions_box) + 2 * SPACING;
      return;
    }
  if (for_size < 0)
    {
      int ignored;

      hb_build_row_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &ignored, &for_size, NULL,
                            NULL);
    }
  compute_layout (self, for_size, &layout);
  *minimum = *natural = layout.height;
}

static GtkSizeRequestMode
hb_build_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
place (GtkWidget *widget, int row_width, int x, int y, int width, int height)
{
  GtkAllocation allocation = { x, y, width, height };

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    allocation.x = row_width - x - width;
  if (gtk_widget_should_layout (widget))
    gtk_widget_size_allocate (widget, &allocation, -1);
}

static void
hb_build_row_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  HbBuildRow *self = HB_BUILD_ROW (widget);
  Layout layout;

  compute_layout (self, width, &layout);
  place (self->icon_box, width, 0, 0, layout.icon_width, layout.top_height);
  place (self->text_box, width, layout.icon_width + SPACING, 0, layout.text_width,
         layout.top_height);
  if (layout.one_line)
    place (self->actions_box, width, width - layout.actions_width, 0, layout.actions_width, height);
  else
    place (self->actions_box, width, width - layout.actions_width, layout.top_height + LINE_SPACING,
           layout.actions_width, MAX (0, height - layout.top_height - LINE_SPACING));
}

/* As wide as the longer of the two labels in this language, so the Test Results buttons stay
 * in one column whichever a row shows. */
static int
deploy_slot_width (void)
{
  static int width;

  if (width == 0)
    {
      const char *labels[] = { _ ("Deploy"), _ ("Redeploy") };

      for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          GtkWidget *button = g_object_ref_sink (gtk_button_new_with_label (labels[i]));

          width = MAX (width, width_of (button));
          g_object_unref (button);
        }
    }
  return width;
}

static void
hb_build_row_dispose (GObject *object)
{
  HbBuildRow *self = HB_BUILD_ROW (object);

  g_clear_object (&self->build_signals);
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

  widget_class->get_request_mode = hb_build_row_get_request_mode;
  widget_class->measure = hb_build_row_measure;
  widget_class->size_allocate = hb_build_row_size_allocate;
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
  gtk_widget_class_bind_template_child (widget_class, HbBuildRow, icon_box);
  gtk_widget_class_bind_template_child (widget_class, HbBuildRow, text_box);
  gtk_widget_class_bind_template_child (widget_class, HbBuildRow, actions_box);
  gtk_widget_class_bind_template_child (widget_class, HbBuildRow, tests_button);
  gtk_widget_class_bind_template_child (widget_class, HbBuildRow, deploy_button);
  gtk_widget_class_bind_template_child (widget_class, HbBuildRow, deploy_slot);
  gtk_widget_class_bind_template_child (widget_class, HbBuildRow, status_label);
}

static void
hb_build_row_init (HbBuildRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_size_request (self->deploy_slot, deploy_slot_width (), -1);
  self->build_signals = g_signal_group_new (HB_TYPE_BUILD);
  g_signal_group_connect_swapped (self->build_signals, "notify::status",
                                  G_CALLBACK (update_accessible), self);
  g_signal_group_connect_swapped (self->build_signals, "notify::deployed",
                                  G_CALLBACK (update_accessible), self);
}
