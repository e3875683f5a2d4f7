/* app-test-util.c: what the app's window tests share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "app-test-util.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

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

/* Queues a redraw of @widget and waits until its window has painted the
 * frame. */
void
app_test_wait_frame (GtkWidget *widget)
{
  gboolean painted = FALSE;
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (APP_TEST_LOAD_TIMEOUT_S, app_test_timeout_cb, &timed_out);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_signal_handler_disconnect (clock, handler);
  g_source_remove (id);
}

/* Runs the main loop until @widget is mapped. */
void
app_test_wait_mapped (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (APP_TEST_LOAD_TIMEOUT_S, app_test_timeout_cb, &timed_out);

  while (!gtk_widget_get_mapped (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Waits until the window is mapped and has painted a frame since now. */
void
app_test_wait_painted (AlamaWindow *window)
{
  app_test_wait_mapped (GTK_WIDGET (window));
  app_test_wait_frame (GTK_WIDGET (window));
}

/* Renders @widget as it was drawn last with its window's renderer.
 * Returns the picture (unref it). */
GdkTexture *
app_test_render_widget (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 100);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* @texture's pixels, 4 bytes each (Cairo's ARGB32: B, G, R, A in memory
 * on little-endian machines), *@size bytes in all (free them). */
guchar *
app_test_texture_pixels (GdkTexture *texture,
                         gsize      *size)
{
  gsize stride = (gsize) gdk_texture_get_width (texture) * 4;
  guchar *pixels;

  *size = stride * (gsize) gdk_texture_get_height (texture);
  pixels = g_malloc (*size);
  gdk_texture_download (texture, pixels, stride);
  return pixels;
}

/* Renders the view and counts coloured pixels: the highlights, as neither
 * the background nor the text (greys) is coloured.  Saves the picture
 * beside the test program for a person to look at. */
guint
app_test_count_highlight_pixels (AlamaWindow *window,
                                 const char  *png_name)
{
  GtkWidget *view = GTK_WIDGET (alama_window_get_document_view (window));
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, png_name, NULL);
  gsize size;
  guint count = 0;

  g_assert_cmpint (gtk_widget_get_height (view), >, 100);
  texture = app_test_render_widget (view);
  pixels = app_test_texture_pixels (texture, &size);
  for (gsize k = 0; k < size; k += 4)
    {
      /* The order of B, G and R does not matter to a spread. */
      int hi = MAX (pixels[k], MAX (pixels[k + 1], pixels[k + 2]));
      int lo = MIN (pixels[k], MIN (pixels[k + 1], pixels[k + 2]));

      if (hi - lo >= 20)
        count++;
    }
  if (gdk_texture_save_to_png (texture, png))
    g_test_message ("saved %s", png);
  return count;
}

/* Runs what the main loop has pending, without waiting for more. */
void
app_test_spin (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Makes a new empty directory in the temporary directory, named after
 * @prefix (a g_dir_make_tmp() template).  Returns its path (free it). */
char *
app_test_make_dir (const char *prefix)
{
  char *dir = g_dir_make_tmp (prefix, NULL);

  g_assert_nonnull (dir);
  return dir;
}

/* Removes the directory @path and all it holds, and checks it is gone. */
void
app_test_remove_dir (const char *path)
{
  g_autoptr (GFile) dir = g_file_new_for_path (path);

  remove_tree (dir);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Writes @text into text.txt of a new directory named after @prefix and
 * opens it in a new window of @app, shown and loaded.  doc->xml_path is
 * where the window saves it (text.xml beside it). */
void
app_test_doc_open (AppTestDoc       *doc,
                   AlamaApplication *app,
                   const char       *prefix,
                   const char       *text)
{
  doc->dir = app_test_make_dir (prefix);
  doc->text_path = g_build_filename (doc->dir, "text.txt", NULL);
  doc->xml_path = g_build_filename (doc->dir, "text.xml", NULL);
  g_assert_true (g_file_set_contents (doc->text_path, text, -1, NULL));
  doc->window = app_test_open_window (app, doc->text_path);
  doc->document = alama_window_get_document (doc->window);
  g_assert_nonnull (doc->document);
  doc->view = alama_window_get_document_view (doc->window);
}

/* Closes doc->window unless it is NULL (a test that closed it itself sets
 * it so), removes the saved file if any, the text and the directory, and
 * checks nothing else was left in it. */
void
app_test_doc_close (AppTestDoc *doc)
{
  if (doc->window)
    app_test_close_window (doc->window);
  g_remove (doc->xml_path);
  g_assert_cmpint (g_remove (doc->text_path), ==, 0);
  g_assert_cmpint (g_rmdir (doc->dir), ==, 0);
  g_clear_pointer (&doc->xml_path, g_free);
  g_clear_pointer (&doc->text_path, g_free);
  g_clear_pointer (&doc->dir, g_free);
}

/* The character offset in @text of the @nth (from 0) occurrence of
 * @needle, searching on one character after each. */
gsize
app_test_offset_of (const char *text,
                    const char *needle,
                    guint       nth)
{
  const char *found = strstr (text, needle);

  for (guint k = 0; k < nth && found; k++)
    found = strstr (g_utf8_next_char (found), needle);
  g_assert_nonnull (found);
  return (gsize) g_utf8_pointer_to_offset (text, found);
}

/* Selects characters [@start_char, @end_char) of @view's text, as a drag
 * would (equal offsets place the caret). */
void
app_test_select_range (AlamaDocumentView *view,
                       gsize              start_char,
                       gsize              end_char)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start_iter;
  GtkTextIter end_iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, (int) start_char);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, (int) end_char);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
}

/* Activates @action from @view, with the string parameter @label if not
 * NULL, as its key would, and checks the action was there to activate. */
void
app_test_activate (AlamaDocumentView *view,
                   const char        *action,
                   const char        *label)
{
  if (label)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), action, "s", label));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), action, NULL));
}

/* The entity (not rejected) holding character @offset, or NULL. */
const AlamaAnnotation *
app_test_entity_at (AlamaDocument *document,
                    gsize          offset)
{
  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      if (alama_annotation_is_entity (a) && a->start <= offset && offset < a->end)
        return a;
    }
  return NULL;
}

/* How many of @document's annotations are entities (not rejected). */
guint
app_test_count_entities (AlamaDocument *document)
{
  guint n = 0;

  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    n += alama_annotation_is_entity (alama_document_get_annotation (document, k));
  return n;
}

/* Every annotation, one line each, to compare documents: the id ("-"
 * without APP_TEST_DESCRIBE_IDS), span, label and status, then the origin
 * and who confirmed it ("-" where none) as @flags ask.  Free the result. */
char *
app_test_describe (AlamaDocument        *document,
                   AppTestDescribeFlags  flags)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      g_string_append_printf (out, "%s %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %s %s",
                              (flags & APP_TEST_DESCRIBE_IDS) ? a->id : "-", a->start, a->end,
                              a->label, alama_annotation_status_to_string (a->status));
      if (flags & APP_TEST_DESCRIBE_ORIGIN)
        g_string_append_printf (out, " %s", a->origin ? a->origin : "-");
      if (flags & APP_TEST_DESCRIBE_CONFIRMED_BY)
        g_string_append_printf (out, " %s", a->confirmed_by ? a->confirmed_by : "-");
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The button below @widget (a window's header bar's, say) for @action,
 * found by its action name, or NULL. */
GtkWidget *
app_test_find_button (GtkWidget  *widget,
                      const char *action)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = app_test_find_button (child, action);

      if (found)
        return found;
    }
  return NULL;
}

/* The visible message dialog over @window (over any window if NULL), or
 * NULL; checks there is no more than one. */
AdwMessageDialog *
app_test_find_dialog (AlamaWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, k);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w))
          && (!window || gtk_window_get_transient_for (w) == GTK_WINDOW (window)))
        {
          g_assert_null (found);
          found = ADW_MESSAGE_DIALOG (w);
        }
    }
  return found;
}

/* Answers @dialog as a click on a button would: adw_message_dialog_response()
 * only emits ::response, the button also closes the dialog. */
void
app_test_respond (AdwMessageDialog *dialog,
                  const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  app_test_spin ();
}

/* Runs the tests added, then drops *@app, the application app_test_init()
 * made.  Returns what main() returns. */
int
app_test_run (AlamaApplication **app)
{
  int status = g_test_run ();

  g_clear_object (app);
  return status;
}
