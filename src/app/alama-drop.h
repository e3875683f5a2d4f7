/* alama-drop.h: opening files dropped on a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alama-window.h"

G_BEGIN_DECLS

void alama_drop_attach (AlamaWindow *window,
                        GtkWidget   *area);
void alama_drop_open_files (AlamaWindow *window,
                            GSList      *files);

G_END_DECLS
