/* alama-document-view.h: a read-only text view of an AlamaDocument that
 * highlights its entities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alama-document.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_DOCUMENT_VIEW (alama_document_view_get_type ())

/* The same as the defaults of the font and line-spacing settings. */
#define ALAMA_DOCUMENT_VIEW_DEFAULT_FONT "Noto Naskh Arabic 16"
#define ALAMA_DOCUMENT_VIEW_DEFAULT_LINE_SPACING 1.2

G_DECLARE_FINAL_TYPE (AlamaDocumentView, alama_document_view, ALAMA, DOCUMENT_VIEW, GtkTextView)

GtkWidget *alama_document_view_new (void);

AlamaDocument *alama_document_view_get_document (AlamaDocumentView *view);
void alama_document_view_set_document (AlamaDocumentView *view,
                                       AlamaDocument     *document);
gboolean alama_document_view_get_highlighting (AlamaDocumentView *view);
void alama_document_view_show_text (AlamaDocumentView *view,
                                    const char        *text);

GtkTextTag *alama_document_view_get_label_tag (AlamaDocumentView *view,
                                               const char        *label);
void alama_document_view_set_label_visible (AlamaDocumentView *view,
                                            const char        *label,
                                            gboolean           visible);
char **alama_document_view_dup_hidden_labels (AlamaDocumentView *view);
gboolean alama_document_view_get_label_visible (AlamaDocumentView *view,
                                                const char        *label);
void alama_document_view_select_range (AlamaDocumentView *view,
                                       gsize              start_char,
                                       gsize              end_char);
void alama_document_view_get_label_color (const char *label,
                                          GdkRGBA    *color);
const char *alama_document_view_get_status_text (AlamaAnnotationStatus status);

/* How many labels alama_document_view_get_label() gives. */
#define ALAMA_DOCUMENT_VIEW_N_LABELS 5
const char *alama_document_view_get_label (guint index);
const char *alama_document_view_get_label_description (const char *label);

void alama_document_view_set_font (AlamaDocumentView *view,
                                   const char        *font);
char *alama_document_view_dup_font (AlamaDocumentView *view);
double alama_document_view_get_font_size (AlamaDocumentView *view);
void alama_document_view_zoom (AlamaDocumentView *view,
                               int                direction);
void alama_document_view_set_line_spacing (AlamaDocumentView *view,
                                           double             spacing);
double alama_document_view_get_line_spacing (AlamaDocumentView *view);

G_END_DECLS
