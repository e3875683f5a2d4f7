/* alama-lexicon.h: how often each word form was seen, and how often inside
 * a name.  Built while training, stored in the model, read in place.
 *
 * Words are keyed by the hash of their normalized form (alama_normalize()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AlamaLexicon:
 * @keys: @capacity slots of word hashes, 0 for an empty slot
 * @counts: two counts per slot: occurrences, occurrences inside a name
 * @capacity: a power of two
 *
 * A read-only view; the arrays belong to whoever made the view (usually an
 * #AlamaModel's mapped file).
 */
typedef struct
{
  const guint64 *keys;
  const guint32 *counts;
  gsize capacity;
} AlamaLexicon;

gboolean alama_lexicon_lookup (const AlamaLexicon *lexicon,
                               const char         *normalized,
                               gsize               len,
                               guint32            *total,
                               guint32            *in_name);

/* A growable lexicon, for the trainer and for tests. */
typedef struct _AlamaLexiconBuilder AlamaLexiconBuilder;

AlamaLexiconBuilder *alama_lexicon_builder_new (void);
void alama_lexicon_builder_free (AlamaLexiconBuilder *builder);
void alama_lexicon_builder_add (AlamaLexiconBuilder *builder,
                                const char          *word,
                                gsize                len,
                                gboolean             in_name);
void alama_lexicon_builder_view (AlamaLexiconBuilder *builder,
                                 AlamaLexicon        *view);
gsize alama_lexicon_builder_size (AlamaLexiconBuilder *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaLexiconBuilder, alama_lexicon_builder_free)

G_END_DECLS
