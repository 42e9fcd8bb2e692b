/* hb-form-dialog.h: the dialog that asks for a few values before a request, and comes back
 * with them and the reason when the request fails
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HB_TYPE_FORM_DIALOG (hb_form_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HbFormDialog, hb_form_dialog, HB, FORM_DIALOG, AdwMessageDialog)

typedef enum
{
  HB_FORM_FIELD_DEFAULT = 0,
  HB_FORM_FIELD_REQUIRED = 1 << 0,          /* the accept response waits for more than spaces */
  HB_FORM_FIELD_ACTIVATES_DEFAULT = 1 << 1, /* Enter in the field accepts */
} HbFormFieldFlags;

HbFormDialog *hb_form_dialog_new (GtkWidget *from, const char *heading, const char *accept_label);
void hb_form_dialog_set_error (HbFormDialog *self, const GError *error);
void hb_form_dialog_set_write_error (HbFormDialog *self,
                                     const GError *error,
                                     const char *not_done,
                                     const char *unknown);

/* Each returns the field's number, for the getters. A row is a titled text field, a choice
 * a titled drop-down row; they share one boxed list. */
guint hb_form_dialog_add_row (HbFormDialog *self,
                              const char *title,
                              const char *text,
                              HbFormFieldFlags flags);
guint hb_form_dialog_add_choice (HbFormDialog *self,
                                 const char *title,
                                 const char *const *choices,
                                 guint selected);

/* Why @value cannot be sent (allocated, plain text), or NULL. */
typedef char *(*HbFormCheck) (const char *value);
void hb_form_dialog_set_check (HbFormDialog *self, guint field, HbFormCheck check);

const char *hb_form_dialog_get_text (HbFormDialog *self, guint field);
guint hb_form_dialog_get_choice (HbFormDialog *self, guint field);
GtkWidget *hb_form_dialog_get_field (HbFormDialog *self, guint field);

G_END_DECLS
