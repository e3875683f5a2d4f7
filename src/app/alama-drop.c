/* alama-drop.c: opening files dropped on a window (or picked from its
 * recent files): one window per file.  The first goes into the window
 * itself when it shows nothing yet; a file some window already shows
 * brings that window forward instead of opening it twice.
 *
 * GtkDropTarget has no synthetic drop, so the drop handler only unpacks
 * the file list and alama_drop_open_files() does the rest (the tests call
 * it directly).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-drop.h"

/* The window of @application that shows @file (transfer none), or NULL. */
static AlamaWindow *
window_showing (GtkApplication *application,
                GFile          *file)
{
  if (application == NULL)
    return NULL;
  for (GList *l = gtk_application_get_windows (application); l; l = l->next)
    {
      GFile *shown;

      if (!ALAMA_IS_WINDOW (l->data))
        continue;
      shown = alama_window_get_file (l->data);
      if (shown && g_file_equal (shown, file))
        return l->data;
    }
  return NULL;
}

/**
 * alama_drop_open_files:
 * @window: the window the files were dropped on
 * @files: (element-type GFile): the files, in order
 *
 * Opens each file in a window of its own: the first in @window when it
 * shows nothing yet, the others in new windows.  A file already shown is
 * brought forward instead.
 */
void
alama_drop_open_files (AlamaWindow *window,
                       GSList      *files)
{
  GtkApplication *application;

  g_return_if_fail (ALAMA_IS_WINDOW (window));

  application = gtk_window_get_application (GTK_WINDOW (window));
  for (GSList *l = files; l; l = l->next)
    {
      GFile *file = l->data;
      AlamaWindow *target = window_showing (application, file);

      if (target == NULL)
        {
          if (alama_window_get_file (window) == NULL && alama_window_get_document (window) == NULL)
            target = window;
          else
            target = alama_window_new (ALAMA_APPLICATION (application));
          alama_window_open (target, file);
        }
      gtk_window_present (GTK_WINDOW (target));
    }
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         AlamaWindow   *window)
{
  GdkFileList *list;
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  if (files == NULL)
    return FALSE;
  alama_drop_open_files (window, files);
  g_slist_free (files);
  return TRUE;
}

/**
 * alama_drop_attach:
 * @window: a window
 * @area: the widget of @window that takes drops, its content
 *
 * Lets files be dropped on @area; while a drag of files is over it, it is
 * outlined (the alama-drop style class with the :drop(active) state).
 */
void
alama_drop_attach (AlamaWindow *window,
                   GtkWidget   *area)
{
  GtkDropTarget *target;

  g_return_if_fail (ALAMA_IS_WINDOW (window));
  g_return_if_fail (GTK_IS_WIDGET (area));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), window, 0);
  gtk_widget_add_css_class (area, "alama-drop");
  gtk_widget_add_controller (area, GTK_EVENT_CONTROLLER (target));
}
