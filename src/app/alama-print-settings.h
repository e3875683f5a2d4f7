/* alama-print-settings.h: the print settings and page setup chosen last,
 * kept for the next print, also after a restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *alama_print_settings_get_path (void);

void alama_print_settings_restore (GtkPrintOperation *operation,
                                   const char        *path);
gboolean alama_print_settings_store (GtkPrintOperation  *operation,
                                     const char         *path,
                                     GError            **error);

G_END_DECLS
