/* hbt-snapshot.c: shared test helper: save what a widget draws as a PNG beside the build
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbt-snapshot.h"

/* Under sanitizers a first frame can lag: draws until there is something to save. */
static GskRenderNode *
draw (GtkWidget *widget, int *width, int *height)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GskRenderNode *node = NULL;

  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();

      gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
      *width = gtk_widget_get_width (widget);
      *height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, *width, *height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  return node;
}

void
hbt_save_screenshot (GtkWidget *widget, const char *name)
{
  const char *root = g_getenv ("HARBOR_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (root != NULL ? root : ".", "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = 0, height = 0;

  node = draw (widget, &width, &height);
  if (node == NULL)
    g_error ("nothing drawn for %s: mapped %d, %dx%d", G_OBJECT_TYPE_NAME (widget),
             gtk_widget_get_mapped (widget), width, height);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  /* Benchmarks call this too, outside a GTest run. */
  if (g_test_initialized ())
    g_test_message ("screenshot: %s", path);
  else
    g_print ("  saved %s\n", path);
}
