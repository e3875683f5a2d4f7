/* alama-window.h: a window showing one document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alama-application.h"
#include "alama-document-view.h"
#include "alama-document.h"
#include "alama-entity-panel.h"
#include "alama-label-popover.h"
#include "alama-status-bar.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_WINDOW (alama_window_get_type ())

G_DECLARE_FINAL_TYPE (AlamaWindow, alama_window, ALAMA, WINDOW, AdwApplicationWindow)

AlamaWindow *alama_window_new (AlamaApplication *app);

void alama_window_open (AlamaWindow *window,
                        GFile       *file);
GFile *alama_window_get_file (AlamaWindow *window);
AlamaDocument *alama_window_get_document (AlamaWindow *window);
gboolean alama_window_get_loading (AlamaWindow *window);
AlamaDocumentView *alama_window_get_document_view (AlamaWindow *window);
AlamaEntityPanel *alama_window_get_entity_panel (AlamaWindow *window);
AlamaStatusBar *alama_window_get_status_bar (AlamaWindow *window);
void alama_window_find (AlamaWindow *window,
                        const char  *query);
const GArray *alama_window_get_find_matches (AlamaWindow *window,
                                             guint       *current);
const char *alama_window_get_find_status (AlamaWindow *window);
void alama_window_set_highlighted_labels (AlamaWindow       *window,
                                          const char *const *labels);

const char *alama_window_label_for_keyval (guint keyval);

gboolean alama_window_save_as (AlamaWindow *window,
                               GFile       *file,
                               GError     **error);
AlamaLabelPopover *alama_window_get_label_popover (AlamaWindow *window);
const char *alama_window_get_save_path (AlamaWindow *window);
void alama_window_add_toast (AlamaWindow *window,
                             AdwToast    *toast);
void alama_window_restore (AlamaWindow   *window,
                           AlamaDocument *document,
                           GFile         *file,
                           const char    *save_path);
gboolean alama_window_get_recognizing (AlamaWindow *window);
GtkProgressBar *alama_window_get_progress_bar (AlamaWindow *window);

G_END_DECLS
