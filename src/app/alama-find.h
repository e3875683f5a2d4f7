/* alama-find.h: finding text the way a reader spells it: without
 * diacritics or tatweel, with any alef, ya or ta marbuta.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AlamaFindIndex AlamaFindIndex;

AlamaFindIndex *alama_find_index_new (const char *text,
                                      gssize      len);
void alama_find_index_free (AlamaFindIndex *index);
GArray *alama_find_index_search (AlamaFindIndex *index,
                                 const char     *needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaFindIndex, alama_find_index_free)

G_END_DECLS
