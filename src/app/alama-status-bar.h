/* alama-status-bar.h: the line under a document: how many annotations are
 * suggested, accepted and added by hand, whether they are saved, and what
 * is under the caret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alama-document-view.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_STATUS_BAR (alama_status_bar_get_type ())

G_DECLARE_FINAL_TYPE (AlamaStatusBar, alama_status_bar, ALAMA, STATUS_BAR, GtkBox)

GtkWidget *alama_status_bar_new (void);

AlamaDocumentView *alama_status_bar_get_view (AlamaStatusBar *bar);
void alama_status_bar_set_view (AlamaStatusBar    *bar,
                                AlamaDocumentView *view);
gboolean alama_status_bar_get_never_saved (AlamaStatusBar *bar);
void alama_status_bar_set_never_saved (AlamaStatusBar *bar,
                                       gboolean        never_saved);

guint alama_status_bar_get_count (AlamaStatusBar        *bar,
                                  AlamaAnnotationStatus  status);
const char *alama_status_bar_get_counts_text (AlamaStatusBar *bar);
const char *alama_status_bar_get_saved_text (AlamaStatusBar *bar);
const char *alama_status_bar_get_caret_text (AlamaStatusBar *bar);
const char *alama_status_bar_get_position_text (AlamaStatusBar *bar);

const char *alama_saved_state_text (AlamaDocument *document,
                                    gboolean       never_saved);
const AlamaAnnotation *alama_entity_at (AlamaDocument *document,
                                        gsize          offset);

G_END_DECLS
