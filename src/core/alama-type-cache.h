/* alama-type-cache.h: a bounded cache of what is computed once per word type.
 *
 * Text repeats its words: the few thousand most frequent word types make up
 * most of the tokens.  The cache maps a word (its bytes and token kind) to
 * a fixed-size value that a caller computed from the word alone, so that
 * the work is done once per distinct type instead of once per token.  It
 * is direct-mapped (one slot per hash value modulo its size, a newer type
 * evicts an older one) and compares the stored bytes, so a hit is always
 * the same word and the cached value is exactly the one it replaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longer words are not cached (they are rare and computed as usual). */
#define ALAMA_TYPE_CACHE_MAX_TEXT 45

typedef struct _AlamaTypeCache AlamaTypeCache;

AlamaTypeCache *alama_type_cache_new (gsize value_size,
                                      guint n_slots);
void alama_type_cache_free (AlamaTypeCache *cache);
void alama_type_cache_clear (AlamaTypeCache *cache);
gpointer alama_type_cache_lookup (AlamaTypeCache *cache,
                                  guint64         hash,
                                  const char     *text,
                                  gsize           len,
                                  guint           kind,
                                  gboolean       *found);
void alama_type_cache_prefetch (const AlamaTypeCache *cache,
                                guint64               hash);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaTypeCache, alama_type_cache_free)

G_END_DECLS
