/* alama-label-popover.h: the popover that labels the selection or the
 * entity under the caret, opened on the text by a right click, the Menu
 * key or Shift+F10.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "alama-document.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_LABEL_POPOVER (alama_label_popover_get_type ())

G_DECLARE_FINAL_TYPE (AlamaLabelPopover, alama_label_popover, ALAMA, LABEL_POPOVER, GtkPopover)

GtkWidget *alama_label_popover_new (void);
void alama_label_popover_set_target (AlamaLabelPopover     *popover,
                                     const char            *surface,
                                     const AlamaAnnotation *entity);
GtkWidget *alama_label_popover_get_label_button (AlamaLabelPopover *popover,
                                                 const char        *label);
GtkWidget *alama_label_popover_get_entity_box (AlamaLabelPopover *popover);

G_END_DECLS
