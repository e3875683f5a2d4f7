/* alama-gazetteer.h: lists of known names (places, people, organizations,
 * other names), matched longest first over the words of a sentence.
 *
 * An entry of one to ALAMA_GAZETTEER_MAX_WORDS words is keyed by a chain of
 * the hashes of its normalized words (alama_normalize()); every proper
 * prefix of an entry is stored too, flagged, so that a match grows word by
 * word and stops at the first word that no entry continues with.  Built by
 * the trainer from data/gazetteers/, stored in the model, read in place.
 * Hits are features, never labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alama-lexicon.h"

G_BEGIN_DECLS

#define ALAMA_GAZETTEER_MAX_WORDS 5

/* Entry types: bit t of a value (and of a match's B and I nibbles). */
typedef enum
{
  ALAMA_GAZETTEER_LOC,
  ALAMA_GAZETTEER_PERS,
  ALAMA_GAZETTEER_ORG,
  ALAMA_GAZETTEER_MISC,
  ALAMA_GAZETTEER_N_TYPES
} AlamaGazetteerType;

/* Value bit: the key is the start of a longer entry. */
#define ALAMA_GAZETTEER_PREFIX (1u << 4)
#define ALAMA_GAZETTEER_VALUE_MASK 0x1Fu

/**
 * AlamaGazetteer:
 * @keys: @capacity slots of entry keys, 0 for an empty slot
 * @values: per slot, type bits and %ALAMA_GAZETTEER_PREFIX
 * @capacity: a power of two, or 0 for no gazetteer
 *
 * A read-only view; the arrays belong to whoever made the view.
 */
typedef struct
{
  const guint64 *keys;
  const guint32 *values;
  gsize capacity;
} AlamaGazetteer;

guint64 alama_gazetteer_key_start (guint64 word_hash);
guint64 alama_gazetteer_key_next (guint64 key,
                                  guint64 word_hash);

void alama_gazetteer_match (const AlamaGazetteer *gazetteer,
                            const guint64        *hashes,
                            guint                 n_forms,
                            gsize                 stride,
                            guint                 n_words,
                            guint8               *out);

guint32 alama_gazetteer_lookup_start (const AlamaGazetteer *gazetteer,
                                      guint64               word_hash);
void alama_gazetteer_match_starts (const AlamaGazetteer *gazetteer,
                                   const guint64        *hashes,
                                   const guint32        *starts,
                                   guint                 n_forms,
                                   gsize                 stride,
                                   guint                 n_words,
                                   guint8               *out);

/* A growable gazetteer, for the trainer and for tests. */
typedef struct _AlamaGazetteerBuilder AlamaGazetteerBuilder;

AlamaGazetteerBuilder *alama_gazetteer_builder_new (void);
void alama_gazetteer_builder_free (AlamaGazetteerBuilder *builder);
gboolean alama_gazetteer_builder_add (AlamaGazetteerBuilder *builder,
                                      AlamaGazetteerType     type,
                                      const char            *entry,
                                      gsize                  len,
                                      const AlamaLexicon    *names);
guint alama_gazetteer_builder_add_lines (AlamaGazetteerBuilder *builder,
                                         AlamaGazetteerType     type,
                                         const char            *text,
                                         gsize                  len,
                                         const AlamaLexicon    *names);
guint alama_gazetteer_builder_add_builtin (AlamaGazetteerBuilder *builder,
                                           const AlamaLexicon    *names);
gsize alama_gazetteer_builder_size (AlamaGazetteerBuilder *builder);
void alama_gazetteer_builder_view (AlamaGazetteerBuilder *builder,
                                   AlamaGazetteer        *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaGazetteerBuilder, alama_gazetteer_builder_free)

G_END_DECLS
