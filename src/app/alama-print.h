/* alama-print.h: print a document, or export it as PDF, with its entities
 * highlighted and a legend of the labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alama-document.h"

G_BEGIN_DECLS

typedef struct _AlamaPrintPages AlamaPrintPages;

AlamaPrintPages *alama_print_pages_new (AlamaDocument     *document,
                                        const char *const *hidden_labels,
                                        const char        *title,
                                        PangoContext      *context,
                                        double             width,
                                        double             height);
void alama_print_pages_free (AlamaPrintPages *pages);
guint alama_print_pages_get_n_pages (AlamaPrintPages *pages);
PangoLayout *alama_print_pages_get_body (AlamaPrintPages *pages);
PangoLayout *alama_print_pages_get_legend (AlamaPrintPages *pages);
void alama_print_pages_draw (AlamaPrintPages *pages,
                             cairo_t         *cr,
                             guint            page);

GtkPrintOperation *alama_print_operation_new (AlamaDocument     *document,
                                              const char *const *hidden_labels,
                                              const char        *title);
gboolean alama_print_export_pdf (AlamaDocument     *document,
                                 const char *const *hidden_labels,
                                 const char        *title,
                                 GFile             *file,
                                 guint             *n_pages,
                                 GError           **error);
void alama_print_run_dialog (GtkWindow         *parent,
                             AlamaDocument     *document,
                             const char *const *hidden_labels,
                             const char        *title,
                             AdwToastOverlay   *toasts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaPrintPages, alama_print_pages_free)

G_END_DECLS
