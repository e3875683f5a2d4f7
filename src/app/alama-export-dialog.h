/* alama-export-dialog.h: export a document to TEI, CoNLL, JSON, brat or
 * PDF, asking where with a file chooser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alama-document.h"

G_BEGIN_DECLS

gboolean alama_export_format_is_valid (const char *format);
char *alama_export_suggest_name (const char *format,
                                 GFile      *source,
                                 const char *title);
GFile *alama_export_fix_extension (const char *format,
                                   GFile      *file);
gboolean alama_export_write (AlamaDocument     *document,
                             const char        *format,
                             const char *const *hidden_labels,
                             const char        *title,
                             GFile             *file,
                             GFile             *source,
                             char             **written,
                             GError           **error);
void alama_export_dialog_run (GtkWindow         *parent,
                              AlamaDocument     *document,
                              const char        *format,
                              const char *const *hidden_labels,
                              const char        *title,
                              GFile             *source,
                              AdwToastOverlay   *toasts);

G_END_DECLS
