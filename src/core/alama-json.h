/* alama-json.h: write JSON strings and entity objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-entity.h"

G_BEGIN_DECLS

void alama_json_append_string (GString    *out,
                               const char *text,
                               gssize      len);

void alama_json_append_entity (GString           *out,
                               const AlamaEntity *entity,
                               const char        *text);

G_END_DECLS
