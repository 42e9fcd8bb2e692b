/* hb-form-dialog.c: the dialog that asks for a few values before a request, and comes back
 * with them and the reason when the request fails
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-form-dialog.h"
#include "hb-ui-a11y.h"
#include "hb-ui-util.h"

#define ACCEPT "accept"

struct _HbFormDialog
{
  AdwMessageDialog parent_instance;

  GPtrArray *fields;   /* GtkEditable or AdwComboRow, in the order added */
  GPtrArray *labels;   /* each field's name, for a screen reader */
  GPtrArray *required; /* the editables that must hold more than spaces */
  GtkWidget *box;      /* holds the fields once there is more than one */
  GtkWidget *rows;     /* the boxed list the rows share */
  HbFormCheck check;   /* of checked_field, or NULL */
  guint checked_field;
  GtkWidget *problem; /* under the rows: what check found */
};

G_DEFINE_FINAL_TYPE (HbFormDialog, hb_form_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum
{
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
has_text (GtkEditable *editable)
{
  for (const char *p = gtk_editable_get_text (editable); *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* What the check finds in the checked field, said under it and to a screen reader; a field
 * still blank is only not ready. */
static gboolean
check_field (HbFormDialog *self)
{
  GtkWidget *field;
  g_autofree char *value = NULL;
  g_autofree char *problem = NULL;

  if (self->check == NULL)
    return TRUE;
  field = self->fields->pdata[self->checked_field];
  value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field))));
  if (*value != '\0')
    problem = self->check (value);
  gtk_label_set_text (GTK_LABEL (self->problem), problem != NULL ? problem : "");
  gtk_widget_set_visible (self->problem, problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
  gtk_accessible_update_state (
      GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
      problem != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem != NULL ? problem : "", -1);
  return *value != '\0' && problem == NULL;
}

static void
update_accept (HbFormDialog *self)
{
  gboolean ready = check_field (self);

  for (guint i = 0; i < self->required->len; i++)
    ready &= has_text (self->required->pdata[i]);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), ACCEPT, ready);
}

/* One field is the dialog's extra child itself; more share a box. */
static void
place (HbFormDialog *self, GtkWidget *widget)
{
  GtkWidget *only = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (self));

  if (only == NULL)
    {
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), widget);
      return;
    }
  if (self->box == NULL)
    {
      self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      g_object_ref (only);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), self->box);
      gtk_box_append (GTK_BOX (self->box), only);
      g_object_unref (only);
    }
  gtk_box_append (GTK_BOX (self->box), widget);
}

static guint
add_field (HbFormDialog *self, GtkWidget *field, const char *label, HbFormFieldFlags flags)
{
  if (flags & HB_FORM_FIELD_REQUIRED)
    {
      g_ptr_array_add (self->required, field);
      g_signal_connect_object (field, "changed", G_CALLBACK (update_accept), self,
                               G_CONNECT_SWAPPED);
      update_accept (self);
    }
  g_ptr_array_add (self->fields, field);
  g_ptr_array_add (self->labels, g_strdup (label));
  return self->fields->len - 1;
}

/* Rows share one boxed list, named after the dialog. */
static GtkListBox *
ensure_rows (HbFormDialog *self)
{
  if (self->rows == NULL)
    {
      self->rows = gtk_list_box_new ();
      gtk_widget_add_css_class (self->rows, "boxed-list");
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->rows), GTK_SELECTION_NONE);
      hb_ui_set_accessible_label (self->rows,
                                  adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (self)));
      place (self, self->rows);
    }
  return GTK_LIST_BOX (self->rows);
}

guint
hb_form_dialog_add_row (HbFormDialog *self,
                        const char *title,
                        const char *text,
                        HbFormFieldFlags flags)
{
  GtkWidget *row = adw_entry_row_new ();

  g_return_val_if_fail (HB_IS_FORM_DIALOG (self), 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row),
                                       (flags & HB_FORM_FIELD_ACTIVATES_DEFAULT) != 0);
  gtk_list_box_append (ensure_rows (self), row);
  return add_field (self, row, title, flags);
}

/* A titled row in the same list as the text rows, not a drop-down beside them with no label
 * of its own. */
guint
hb_form_dialog_add_choice (HbFormDialog *self,
                           const char *title,
                           const char *const *choices,
                           guint selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (choices);

  g_return_val_if_fail (HB_IS_FORM_DIALOG (self), 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  gtk_list_box_append (ensure_rows (self), row);
  hb_ui_name_combo_row (ADW_COMBO_ROW (row));
  return add_field (self, row, title, HB_FORM_FIELD_DEFAULT);
}

/**
 * hb_form_dialog_set_check:
 * @check: says why a value (without the spaces around it) cannot be sent, or returns NULL
 *
 * While the text row @field holds something @check refuses, the accept response is off and
 * the reason shows under the rows. Call once, after adding the rows.
 */
void
hb_form_dialog_set_check (HbFormDialog *self, guint field, HbFormCheck check)
{
  g_return_if_fail (HB_IS_FORM_DIALOG (self));
  g_return_if_fail (field < self->fields->len && GTK_IS_EDITABLE (self->fields->pdata[field]));
  g_return_if_fail (self->check == NULL);

  self->check = check;
  self->checked_field = field;
  self->problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->problem), 0);
  gtk_widget_add_css_class (self->problem, "caption");
  gtk_widget_add_css_class (self->problem, "error");
  place (self, self->problem);
  g_signal_connect_object (self->fields->pdata[field], "changed", G_CALLBACK (update_accept), self,
                           G_CONNECT_SWAPPED);
  update_accept (self);
}

/** hb_form_dialog_get_field: Returns: (transfer none): the widget of @field */
GtkWidget *
hb_form_dialog_get_field (HbFormDialog *self, guint field)
{
  g_return_val_if_fail (HB_IS_FORM_DIALOG (self), NULL);
  g_return_val_if_fail (field < self->fields->len, NULL);
  return self->fields->pdata[field];
}

/** hb_form_dialog_get_text: Returns: (transfer none): what @field (an entry or a row) holds */
const char *
hb_form_dialog_get_text (HbFormDialog *self, guint field)
{
  GtkWidget *widget = hb_form_dialog_get_field (self, field);

  g_return_val_if_fail (GTK_IS_EDITABLE (widget), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

/** hb_form_dialog_get_choice: Returns: the position chosen in @field (a choice) */
guint
hb_form_dialog_get_choice (HbFormDialog *self, guint field)
{
  GtkWidget *widget = hb_form_dialog_get_field (self, field);

  g_return_val_if_fail (ADW_IS_COMBO_ROW (widget), 0);
  return adw_combo_row_get_selected (ADW_COMBO_ROW (widget));
}

/* Only refused input is about what was typed: the first field is marked for that alone. */
static void
mark_input (HbFormDialog *self, const GError *error)
{
  if (self->fields->len > 0 && hb_ui_error_is_about_input (error))
    gtk_widget_add_css_class (self->fields->pdata[0], "error");
}

/* What failed and what to do; the server's own words underneath. */
void
hb_form_dialog_set_error (HbFormDialog *self, const GError *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (HB_IS_FORM_DIALOG (self));
  if (error == NULL)
    return;
  text = hb_ui_error_to_text (error);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self), "%s\n%s", text, error->message);
  mark_input (self, error);
}

/**
 * hb_form_dialog_set_write_error:
 * @error: (nullable): why the write the form sent failed
 * @not_done: what to say when it was checked and had not happened ("Not added")
 * @unknown: what to say when that could not be found out
 *
 * The form comes back with what was typed and the truth about the write (see
 * hb_ui_write_error_to_text ()).
 */
void
hb_form_dialog_set_write_error (HbFormDialog *self,
                                const GError *error,
                                const char *not_done,
                                const char *unknown)
{
  g_autofree char *text = NULL;

  g_return_if_fail (HB_IS_FORM_DIALOG (self));
  if (error == NULL)
    return;
  text = hb_ui_write_error_to_text (error, not_done, unknown);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self), "%s\n%s", text, error->message);
  mark_input (self, error);
}

static void
hb_form_dialog_response (AdwMessageDialog *dialog, const char *response)
{
  if (g_strcmp0 (response, ACCEPT) == 0)
    g_signal_emit (dialog, signals[SUBMITTED], 0);
  if (ADW_MESSAGE_DIALOG_CLASS (hb_form_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (hb_form_dialog_parent_class)->response (dialog, response);
}

static void
hb_form_dialog_finalize (GObject *object)
{
  HbFormDialog *self = HB_FORM_DIALOG (object);

  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->labels);
  g_ptr_array_unref (self->required);
  G_OBJECT_CLASS (hb_form_dialog_parent_class)->finalize (object);
}

/* The text fields report their focus to a screen reader (hb_ui_expose_editable ()); done once
 * the dialog is mapped, since an earlier change left GTK 4.8 calling the dialog a "filler". */
static void
hb_form_dialog_map (GtkWidget *widget)
{
  HbFormDialog *self = HB_FORM_DIALOG (widget);

  GTK_WIDGET_CLASS (hb_form_dialog_parent_class)->map (widget);
  for (guint i = 0; i < self->fields->len; i++)
    if (GTK_IS_EDITABLE (self->fields->pdata[i]))
      hb_ui_expose_editable (self->fields->pdata[i], self->labels->pdata[i]);
}

static void
hb_form_dialog_class_init (HbFormDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hb_form_dialog_finalize;
  GTK_WIDGET_CLASS (klass)->map = hb_form_dialog_map;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = hb_form_dialog_response;

  /**
   * HbFormDialog::submitted:
   *
   * The accept response was chosen with every required field filled; the dialog closes.
   * Read the fields in the handler.
   */
  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hb_form_dialog_init (HbFormDialog *self)
{
  hb_ui_hide_squeezed (GTK_WIDGET (self));
  self->fields = g_ptr_array_new ();
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->required = g_ptr_array_new ();
}

/**
 * hb_form_dialog_new:
 * @from: a widget in the window the dialog belongs to
 * @accept_label: the button that sends the fields, also the default response
 *
 * Add the fields, set an error when coming back from a failed try, then present it.
 */
HbFormDialog *
hb_form_dialog_new (GtkWidget *from, const char *heading, const char *accept_label)
{
  GtkRoot *root = gtk_widget_get_root (from);
  HbFormDialog *self = g_object_new (HB_TYPE_FORM_DIALOG, "heading", heading, "transient-for",
                                     GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _ ("_Cancel"), ACCEPT,
                                    accept_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), ACCEPT,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), ACCEPT);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  return self;
}
