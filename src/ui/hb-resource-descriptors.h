/* hb-resource-descriptors.h: what the resources page says and asks for each kind of item
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One row per kind the generic resources page shows; the strings are marked for
 * translation and translated where shown. */
typedef struct
{
  GType (*get_type) (void); /* the kind: its model's type */
  const char *name;         /* the detail view's page: "collaborators" */
  const char *title;        /* its tab */
  const char *icon_name;    /* its tab's icon */
  const char *add_title;    /* the Add button, and the heading of its form */
  const char *value_title;  /* the form's one text field */
  const char *list_name;    /* the list's accessible name */
  const char *empty_title;  /* the page without items */
  gboolean has_role;        /* a role is chosen when adding, and changed in each row */
  const char *added;        /* the toast after adding, "%s" the value given */
  const char *removed;      /* the toast after removing, "%s" the item's title */
  /* NULL: a removal is done at once and offers Undo (it is added again with its value);
   * else removing asks first, and this says what is lost (an Undo could not bring it back:
   * a collaborator's email address is not known, a drain would get a new token). */
  const char *remove_body;
  /* Fields below are NULL for most kinds (designated initializers). */
  const char *readded;           /* the toast after Undo re-adds an item whose removal asked first
                                  * ("%s" the value); NULL: such a removal has no Undo */
  const char *empty_description; /* under empty_title */
  /* Why a typed value cannot be sent (allocated, plain text), NULL when it can: the form's
   * Add stays off and says so under the field. NULL: anything not blank is sent. */
  char *(*check) (const char *value);
  /* The row's subtitle, copyable like the value: a drain's token. */
  const char *(*get_detail) (gpointer item);
  const char *copy_value;       /* a Copy button for the value ("Copy Address"), or NULL */
  const char *copy_value_name;  /* its accessible name, "%s" the item's title */
  const char *copy_detail;      /* the same for the detail ("Copy Token") */
  const char *copy_detail_name; /* ("Copy Token of %s") */
} HbResourceDescriptor;

const HbResourceDescriptor *hb_resource_descriptor_lookup (GType type);
/* The kinds the detail view shows as resources pages, in order. */
const HbResourceDescriptor *hb_resource_descriptors (guint *n_descriptors);

G_END_DECLS
