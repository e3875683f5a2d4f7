/* alama-i18n.h: where the app finds its translations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *alama_i18n_get_localedir (void);
void alama_i18n_init (void);
const char *alama_i18n_translate_data (const char *text);

G_END_DECLS
