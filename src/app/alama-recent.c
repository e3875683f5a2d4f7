/* alama-recent.c: the files opened and saved lately (GtkRecentManager, the
 * desktop's shared list, under the application name "Alama"), and a short
 * list of them on an empty window: clicking one opens it there
 * (win.open-file); the main menu's Open Recent lists more of them.  Files
 * that no longer exist are left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-recent.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "alama-file-format.h"

#define APP_NAME "Alama"

/**
 * alama_recent_add:
 * @file: a file opened or saved
 *
 * Puts @file first in the recent files.  Files that are not local are
 * ignored: they cannot be opened.
 */
void
alama_recent_add (GFile *file)
{
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  AlamaFileFormat format;
  GtkRecentData data = { 0 };

  g_return_if_fail (G_IS_FILE (file));
  path = g_file_get_path (file);
  if (path == NULL)
    return;
  uri = g_file_get_uri (file);
  data.app_name = (char *) APP_NAME;
  data.app_exec = (char *) "alama %u";
  if (alama_file_format_guess (path, &format) && format == ALAMA_FILE_FORMAT_XML)
    data.mime_type = (char *) "application/x-alama+xml";
  else
    data.mime_type = (char *) "text/plain";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static gint
newest_first (gconstpointer a,
              gconstpointer b)
{
  GDateTime *x = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *y = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (y, x);
}

/**
 * alama_recent_get_files:
 * @max: how many at most
 *
 * Returns: (transfer full) (element-type GtkRecentInfo): the files Alama
 *   opened or saved lately that still exist, newest first
 */
GList *
alama_recent_get_files (guint max)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GList *kept = NULL;
  guint n = 0;

  items = g_list_sort (items, newest_first);
  for (GList *l = items; l; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (n < max && gtk_recent_info_has_application (info, APP_NAME)
          && gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        {
          kept = g_list_prepend (kept, gtk_recent_info_ref (info));
          n++;
        }
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  return g_list_reverse (kept);
}

struct _AlamaRecentList
{
  GtkBox parent_instance;

  GtkListBox *rows;
  GPtrArray *files; /* GFile, one per row */
  gulong changed_handler;
};

G_DEFINE_FINAL_TYPE (AlamaRecentList, alama_recent_list, GTK_TYPE_BOX)

/* A file's name as it is shown, whatever its encoding on disk. */
static char *
display_basename (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_filename_display_name (name);
}

/* The folder a file is in, the home folder shown as ~. */
static char *
folder_name (GFile *file)
{
  g_autoptr (GFile) parent = g_file_get_parent (file);
  g_autoptr (GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;

  if (parent == NULL)
    return g_strdup ("");
  if (g_file_equal (parent, home))
    return g_strdup ("~");
  relative = g_file_get_relative_path (home, parent);
  if (relative)
    return g_build_filename ("~", relative, NULL);
  path = g_file_get_path (parent);
  return g_filename_display_name (path ? path : "");
}

/* How many recent files the main menu lists. */
#define RECENT_MENU_MAX 10

static void
fill_menu (GMenu *menu)
{
  GList *infos = alama_recent_get_files (RECENT_MENU_MAX);

  g_menu_remove_all (menu);
  for (GList *l = infos; l; l = l->next)
    {
      g_autoptr (GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (l->data));
      g_autofree char *display = display_basename (file);
      g_autofree char *folder = folder_name (file);
      /* TRANSLATORS: a recent file in the main menu: its name and its
       * folder, e.g. "article.txt (~/news)" */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), display, folder);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-file", "s",
                                         gtk_recent_info_get_uri (l->data));
      g_menu_append_item (menu, item);
    }
  /* With no recent file, a note with an action no window has: shown, but
   * not sensitive. */
  if (infos == NULL)
    g_menu_append (menu, _("No Recent Files"), "win.no-recent-files");
  g_list_free_full (infos, (GDestroyNotify) gtk_recent_info_unref);
}

static void
menu_recent_changed_cb (GtkRecentManager *manager,
                        GMenu            *menu)
{
  fill_menu (menu);
}

/**
 * alama_recent_bind_menu:
 * @menu: a menu section
 *
 * Fills @menu with the recent files, newest first, each an item of
 * `win.open-file` with the file's URI, and keeps it so as they change for
 * as long as @menu lives.
 */
void
alama_recent_bind_menu (GMenu *menu)
{
  g_return_if_fail (G_IS_MENU (menu));

  fill_menu (menu);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (menu_recent_changed_cb), menu, 0);
}

static void
rebuild (AlamaRecentList *self)
{
  GtkWidget *child;
  GList *infos = alama_recent_get_files (ALAMA_RECENT_MAX);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows))))
    gtk_list_box_remove (self->rows, child);
  g_ptr_array_set_size (self->files, 0);

  for (GList *l = infos; l; l = l->next)
    {
      GFile *file = g_file_new_for_uri (gtk_recent_info_get_uri (l->data));
      g_autofree char *display = display_basename (file);
      g_autofree char *title = g_markup_escape_text (display, -1);
      g_autofree char *folder = folder_name (file);
      g_autofree char *subtitle = g_markup_escape_text (folder, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->rows, row);
      g_ptr_array_add (self->files, file);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->files->len > 0);
  g_list_free_full (infos, (GDestroyNotify) gtk_recent_info_unref);
}

static void
manager_changed_cb (GtkRecentManager *manager,
                    AlamaRecentList  *self)
{
  rebuild (self);
}

static void
row_activated_cb (GtkListBox      *box,
                  GtkListBoxRow   *row,
                  AlamaRecentList *self)
{
  alama_recent_list_activate (self, (guint) gtk_list_box_row_get_index (row));
}

/**
 * alama_recent_list_get_n_files:
 * @list: the list
 *
 * Returns: how many files it shows
 */
guint
alama_recent_list_get_n_files (AlamaRecentList *self)
{
  g_return_val_if_fail (ALAMA_IS_RECENT_LIST (self), 0);
  return self->files->len;
}

/**
 * alama_recent_list_get_file:
 * @list: the list
 * @index: a row, from the top
 *
 * Returns: (transfer none): the file the row opens
 */
GFile *
alama_recent_list_get_file (AlamaRecentList *self,
                            guint            index)
{
  g_return_val_if_fail (ALAMA_IS_RECENT_LIST (self), NULL);
  g_return_val_if_fail (index < self->files->len, NULL);
  return self->files->pdata[index];
}

/**
 * alama_recent_list_activate:
 * @list: the list
 * @index: a row, from the top
 *
 * Opens the row's file, as clicking it does.
 */
void
alama_recent_list_activate (AlamaRecentList *self,
                            guint            index)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (ALAMA_IS_RECENT_LIST (self));
  g_return_if_fail (index < self->files->len);
  uri = g_file_get_uri (self->files->pdata[index]);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-file", "s", uri);
}

static void
alama_recent_list_dispose (GObject *object)
{
  AlamaRecentList *self = ALAMA_RECENT_LIST (object);

  g_clear_signal_handler (&self->changed_handler, gtk_recent_manager_get_default ());
  G_OBJECT_CLASS (alama_recent_list_parent_class)->dispose (object);
}

static void
alama_recent_list_finalize (GObject *object)
{
  AlamaRecentList *self = ALAMA_RECENT_LIST (object);

  g_ptr_array_unref (self->files);
  G_OBJECT_CLASS (alama_recent_list_parent_class)->finalize (object);
}

static void
alama_recent_list_class_init (AlamaRecentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alama_recent_list_dispose;
  object_class->finalize = alama_recent_list_finalize;
}

static void
alama_recent_list_init (AlamaRecentList *self)
{
  GtkWidget *heading = gtk_label_new (_("Recent Files"));

  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "alama-recent-list");
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (self), heading);

  self->rows = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->rows, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->rows), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recent Files"), -1);
  g_signal_connect (self->rows, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->rows));

  self->changed_handler = g_signal_connect (gtk_recent_manager_get_default (), "changed",
                                            G_CALLBACK (manager_changed_cb), self);
  rebuild (self);
}
