/* app-test-util.c: what the app's window tests share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "app-test-util.h"

/* A timeout source's callback: sets the gboolean it points to. */
gboolean
app_test_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the window has loaded what it was asked to,
 * then lets the view lay itself out once. */
void
app_test_wait_loaded (AlamaWindow *window)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (APP_TEST_LOAD_TIMEOUT_S, app_test_timeout_cb, &timed_out);

  while (alama_window_get_loading (window) && !timed_out)
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
