/* test-application.c: the application's settings (a new window opens at the
 * size the last one was left at), its About and keyboard shortcuts windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-application.h"
#include "alama-window.h"
#include "app-test-util.h"

static AlamaApplication *app;

static void
close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (window);
}

/* The schema compiled into build/data is found (GSETTINGS_SCHEMA_DIR) and
 * its defaults are what the window would use without it. */
static void
test_settings_found (void)
{
  GSettings *settings = alama_application_get_settings (app);
  g_autofree char *font = NULL;

  g_assert_nonnull (settings);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 960);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 720);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_true (g_settings_get_boolean (settings, "recognize-on-open"));
  g_assert_true (g_settings_get_boolean (settings, "snap-to-words"));
  font = g_settings_get_string (settings, "font");
  g_assert_cmpstr (font, ==, "Noto Naskh Arabic 16");
}

static void
test_window_size (void)
{
  GSettings *settings = alama_application_get_settings (app);
  AlamaWindow *window;
  int width;
  int height;

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);

  /* A new window opens at the remembered size... */
  window = g_object_ref (alama_window_new (app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  /* ...and its size, as it changes, is what the next one opens at. */
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);

  /* A change of the setting does not resize windows already open. */
  g_settings_set_int (settings, "window-width", 640);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 820);

  /* A window is freed once closed: the settings hold no reference to it. */
  close_window (GTK_WINDOW (window));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* The one toplevel of @type, or NULL (transfer none). */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);
  GtkWindow *found = NULL;

  for (guint k = 0; k < n; k++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, k);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        {
          g_assert_null (found);
          found = GTK_WINDOW (toplevel);
        }
    }
  return found;
}

static AdwAboutWindow *
find_about_window (void)
{
  return (AdwAboutWindow *) find_toplevel (ADW_TYPE_ABOUT_WINDOW);
}

/* app.about shows an About window over the active window that names the
 * version, the licence and the source of the model's training data. */
static void
test_about (void)
{
  AlamaWindow *window = g_object_ref (alama_window_new (app));
  AdwAboutWindow *about;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (find_about_window ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_about_window ();
  g_assert_nonnull (about);
  g_object_ref (about);

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Alama");
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, ALAMA_APPLICATION_ID);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, ALAMA_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);

  close_window (GTK_WINDOW (about));
  close_window (GTK_WINDOW (window));
}

/* app.shortcuts (Ctrl+?) shows the keyboard shortcuts over the active
 * window. */
static void
test_shortcuts (void)
{
  AlamaWindow *window = g_object_ref (alama_window_new (app));
  g_auto (GStrv) accels = NULL;
  GtkWindow *shortcuts;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.shortcuts");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>question");

  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_object_ref (shortcuts);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));

  close_window (shortcuts);
  close_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  app = app_test_init (&argc, &argv);

  g_test_add_func ("/alama/application/settings-found", test_settings_found);
  g_test_add_func ("/alama/application/window-size", test_window_size);
  g_test_add_func ("/alama/application/about", test_about);
  g_test_add_func ("/alama/application/shortcuts", test_shortcuts);
  return app_test_run (&app);
}
