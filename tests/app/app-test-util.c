/* app-test-util.c: what the app's window tests share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "app-test-util.h"

#include <stdlib.h>

static char *test_home;

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
      file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info)
    remove_tree (child);
  g_file_delete (file, NULL, NULL);
}

static void
remove_test_home (void)
{
  g_autoptr (GFile) home = g_file_new_for_path (test_home);

  remove_tree (home);
  g_clear_pointer (&test_home, g_free);
}

/* The recent files and recovery copies the app writes go to a directory
 * of the test program's own, removed at exit, not the user's. */
static void
isolate_user_dirs (void)
{
  g_autofree char *data = NULL;
  g_autofree char *state = NULL;

  test_home = g_dir_make_tmp ("alama-app-test-XXXXXX", NULL);
  g_assert_nonnull (test_home);
  data = g_build_filename (test_home, "data", NULL);
  state = g_build_filename (test_home, "state", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_unsetenv ("ALAMA_RECOVERY_DIR");
  atexit (remove_test_home);
}

/* Sets up GTK and libadwaita for a test program and makes the real
 * application class (its startup loads the style sheet), not unique, so
 * that test programs can run side by side. */
AlamaApplication *
app_test_init (int    *argc,
               char ***argv)
{
  g_autoptr (GError) error = NULL;
  AlamaApplication *app;

  isolate_user_dirs ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  app = alama_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

/* A timeout source's callback: sets the gboolean it points to. */
gboolean
app_test_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the window has loaded what it was asked to
 * and its view has applied every highlight (they go on in chunks), then
 * lets the view lay itself out once. */
void
app_test_wait_loaded (AlamaWindow *window)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (APP_TEST_LOAD_TIMEOUT_S, app_test_timeout_cb, &timed_out);

  while ((alama_window_get_loading (window)
          || alama_document_view_get_highlighting (alama_window_get_document_view (window)))
         && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Opens @path in a new window of @app, shows it and waits until it has
 * loaded.  Returns a reference the caller drops. */
AlamaWindow *
app_test_open_window (AlamaApplication *app,
                      const char       *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  AlamaWindow *window = alama_window_new (app);

  alama_window_open (window, file);
  g_assert_true (alama_window_get_loading (window));
  gtk_window_present (GTK_WINDOW (window));
  app_test_wait_loaded (window);
  return g_object_ref (window);
}

/* Destroys @window, runs what that queued and checks nothing keeps it
 * alive. */
void
app_test_close_window (AlamaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (window);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits until the window is mapped and has painted a frame since now. */
void
app_test_wait_painted (AlamaWindow *window)
{
  gboolean painted = FALSE;
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (APP_TEST_LOAD_TIMEOUT_S, app_test_timeout_cb, &timed_out);
  GdkFrameClock *clock;
  gulong handler;

  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!painted && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_signal_handler_disconnect (clock, handler);
  g_source_remove (id);
}

/* Renders the view and counts coloured pixels: the highlights, as neither
 * the background nor the text (greys) is coloured.  Saves the picture
 * beside the test program for a person to look at. */
guint
app_test_count_highlight_pixels (AlamaWindow *window,
                        const char  *png_name)
{
  GtkWidget *view = GTK_WIDGET (alama_window_get_document_view (window));
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (view);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, png_name, NULL);
  gsize stride = (gsize) width * 4;
  guint count = 0;

  g_assert_cmpint (width, >, 100);
  g_assert_cmpint (height, >, 100);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc (stride * (gsize) height);
  gdk_texture_download (texture, pixels, stride);
  for (gsize k = 0; k < stride * (gsize) height; k += 4)
    {
      /* Cairo's ARGB32: B, G, R, A in memory on little-endian machines;
       * the order does not matter to a spread. */
      int hi = MAX (pixels[k], MAX (pixels[k + 1], pixels[k + 2]));
      int lo = MIN (pixels[k], MIN (pixels[k + 1], pixels[k + 2]));

      if (hi - lo >= 20)
        count++;
    }
  if (gdk_texture_save_to_png (texture, png))
    g_test_message ("saved %s", png);
  return count;
}

