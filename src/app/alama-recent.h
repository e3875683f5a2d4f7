/* alama-recent.h: the files opened and saved lately, their list on an
 * empty window and in the main menu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How many recent files an empty window lists. */
#define ALAMA_RECENT_MAX 5

void alama_recent_add (GFile *file);
GList *alama_recent_get_files (guint max);
void alama_recent_bind_menu (GMenu *menu);

#define ALAMA_TYPE_RECENT_LIST (alama_recent_list_get_type ())

G_DECLARE_FINAL_TYPE (AlamaRecentList, alama_recent_list, ALAMA, RECENT_LIST, GtkBox)

guint alama_recent_list_get_n_files (AlamaRecentList *list);
GFile *alama_recent_list_get_file (AlamaRecentList *list,
                                   guint            index);
void alama_recent_list_activate (AlamaRecentList *list,
                                 guint            index);

G_END_DECLS
