/* alama-entity-panel.h: a side panel listing a document's entities by type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alama-document-view.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_ENTITY_PANEL (alama_entity_panel_get_type ())

G_DECLARE_FINAL_TYPE (AlamaEntityPanel, alama_entity_panel, ALAMA, ENTITY_PANEL, GtkBox)

GtkWidget *alama_entity_panel_new (void);

AlamaDocumentView *alama_entity_panel_get_view (AlamaEntityPanel *panel);
void alama_entity_panel_set_view (AlamaEntityPanel  *panel,
                                  AlamaDocumentView *view);

void alama_entity_panel_set_filter (AlamaEntityPanel *panel,
                                    const char       *filter);
guint alama_entity_panel_get_label_count (AlamaEntityPanel *panel,
                                          const char       *label);
guint alama_entity_panel_get_n_surfaces (AlamaEntityPanel *panel,
                                         const char       *label,
                                         gboolean          shown_only);
guint alama_entity_panel_get_surface_count (AlamaEntityPanel *panel,
                                            const char       *label,
                                            const char       *surface);
gboolean alama_entity_panel_activate_surface (AlamaEntityPanel *panel,
                                              const char       *label,
                                              const char       *surface);
void alama_entity_panel_set_label_visible (AlamaEntityPanel *panel,
                                           const char       *label,
                                           gboolean          visible);
void alama_entity_panel_set_expanded (AlamaEntityPanel *panel,
                                      const char       *label,
                                      gboolean          expanded);
gboolean alama_entity_panel_get_expanded (AlamaEntityPanel *panel,
                                          const char       *label);
GtkWidget *alama_entity_panel_get_surface_row (AlamaEntityPanel *panel,
                                               const char       *label,
                                               const char       *surface);
int alama_entity_panel_get_surface_position (AlamaEntityPanel *panel,
                                             const char       *label,
                                             const char       *surface);

G_END_DECLS
