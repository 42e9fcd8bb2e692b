/* hb-test-level.c: one level of a test tree as shown: the children kept by a filter, in order
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-level.h"

#include "hb-test-node.h"

/* A plain array: a level is made once and never changes, so it needs none of a filter or
 * sort model's change tracking, nor a signal handler per open group. */
struct _HbTestLevel
{
  GObject parent_instance;
  GPtrArray *items;
};

static void hb_test_level_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbTestLevel,
                               hb_test_level,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      hb_test_level_list_model_init))

static GType
hb_test_level_get_item_type (GListModel *model)
{
  return HB_TYPE_TEST_NODE;
}

static guint
hb_test_level_get_n_items (GListModel *model)
{
  return HB_TEST_LEVEL (model)->items->len;
}

static gpointer
hb_test_level_get_item (GListModel *model, guint position)
{
  GPtrArray *items = HB_TEST_LEVEL (model)->items;

  return position < items->len ? g_object_ref (items->pdata[position]) : NULL;
}

static void
hb_test_level_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hb_test_level_get_item_type;
  iface->get_n_items = hb_test_level_get_n_items;
  iface->get_item = hb_test_level_get_item;
}

static void
hb_test_level_finalize (GObject *object)
{
  g_ptr_array_unref (HB_TEST_LEVEL (object)->items);
  G_OBJECT_CLASS (hb_test_level_parent_class)->finalize (object);
}

static void
hb_test_level_class_init (HbTestLevelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hb_test_level_finalize;
}

static void
hb_test_level_init (HbTestLevel *self)
{
}

HbTestLevel *
hb_test_level_new (GPtrArray *items)
{
  HbTestLevel *self = g_object_new (HB_TYPE_TEST_LEVEL, NULL);

  self->items = items;
  return self;
}
