/* alama-application.h: the application: one window per document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALAMA_APPLICATION_ID "org.alama.Alama"

#define ALAMA_TYPE_APPLICATION (alama_application_get_type ())

G_DECLARE_FINAL_TYPE (AlamaApplication, alama_application, ALAMA, APPLICATION, AdwApplication)

AlamaApplication *alama_application_new          (void);
GSettings        *alama_application_get_settings (AlamaApplication *self);

G_END_DECLS
