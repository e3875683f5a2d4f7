/* alama-print-settings.c: the print settings and page setup chosen last,
 * kept for the next print, also after a restart.
 *
 * They live in one key file, $XDG_CONFIG_HOME/alama/print-settings.ini,
 * with GtkPrintSettings' and GtkPageSetup's own groups, as GNOME apps keep
 * them.  A missing or broken file means GTK's defaults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-print-settings.h"

#include "alama-atomic-file.h"

/**
 * alama_print_settings_get_path:
 *
 * Returns: (transfer full): the file the settings are kept in
 */
char *
alama_print_settings_get_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "alama", "print-settings.ini", NULL);
}

/**
 * alama_print_settings_restore:
 * @operation: a print operation not run yet
 * @path: the file, usually alama_print_settings_get_path()
 *
 * Gives @operation the settings and page setup stored last, if any.  The
 * page setup replaces the operation's default one only when one was
 * stored.
 */
void
alama_print_settings_restore (GtkPrintOperation *operation,
                              const char        *path)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GtkPrintSettings) settings = NULL;
  g_autoptr (GtkPageSetup) setup = NULL;

  g_return_if_fail (GTK_IS_PRINT_OPERATION (operation));

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return;
  settings = gtk_print_settings_new_from_key_file (file, NULL, NULL);
  if (settings)
    gtk_print_operation_set_print_settings (operation, settings);
  setup = gtk_page_setup_new_from_key_file (file, NULL, NULL);
  if (setup)
    gtk_print_operation_set_default_page_setup (operation, setup);
}

/**
 * alama_print_settings_store:
 * @operation: a print operation that has printed
 * @path: the file, usually alama_print_settings_get_path()
 * @error: return location for an error
 *
 * Keeps the settings @operation ended with, and its page setup, for
 * alama_print_settings_restore().  The file is replaced atomically.
 *
 * Returns: %TRUE when stored (or when there was nothing to store)
 */
gboolean
alama_print_settings_store (GtkPrintOperation  *operation,
                            const char         *path,
                            GError            **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autofree char *data = NULL;
  GtkPrintSettings *settings;
  GtkPageSetup *setup;
  gsize len;

  g_return_val_if_fail (GTK_IS_PRINT_OPERATION (operation), FALSE);

  settings = gtk_print_operation_get_print_settings (operation);
  if (settings == NULL)
    return TRUE;
  gtk_print_settings_to_key_file (settings, file, NULL);
  setup = gtk_print_operation_get_default_page_setup (operation);
  if (setup)
    gtk_page_setup_to_key_file (setup, file, NULL);
  data = g_key_file_to_data (file, &len, NULL);
  return alama_atomic_file_make_parent (path, error)
         && alama_atomic_file_write (path, data, len, FALSE, error);
}
