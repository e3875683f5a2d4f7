/* alama-dates.h: rule-based recognition of calendar dates (DATE).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-entity.h"
#include "alama-tokenizer.h"

G_BEGIN_DECLS

/* The type string of every date entity. */
#define ALAMA_TYPE_DATE_STRING "DATE"

void alama_find_dates (const char       *text,
                       const AlamaToken *tokens,
                       guint             n_tokens,
                       GArray           *entities);

G_END_DECLS
