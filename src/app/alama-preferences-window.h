/* alama-preferences-window.h: the Preferences window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_PREFERENCES_WINDOW (alama_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AlamaPreferencesWindow, alama_preferences_window, ALAMA, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *alama_preferences_window_new (GSettings *settings);

gboolean alama_preferences_font_covers_arabic (PangoFontMap        *font_map,
                                               const PangoFontFace *face);

G_END_DECLS
