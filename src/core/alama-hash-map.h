/* alama-hash-map.h: a growable map from nonzero 64-bit hashes to 32-bit
 * values, for building tables (lexicon, trainer features).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 *keys;   /* capacity slots, 0 = empty */
  guint32 *values;
  gsize capacity;  /* a power of two */
  gsize size;
} AlamaHashMap;

void alama_hash_map_init (AlamaHashMap *map);
void alama_hash_map_clear (AlamaHashMap *map);
guint32 *alama_hash_map_insert (AlamaHashMap *map,
                                guint64       key,
                                gboolean     *inserted);
const guint32 *alama_hash_map_lookup (const AlamaHashMap *map,
                                      guint64             key);

G_END_DECLS
