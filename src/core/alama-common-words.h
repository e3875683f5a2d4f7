/* alama-common-words.h: is a word an ordinary dictionary word?
 *
 * Arabic has no capital letters, so whether a word is in the dictionary is
 * the strongest cue that a name is, or is not, at hand.  The set holds
 * 32-bit fingerprints of normalized word forms (alama_normalize()) taken
 * from the Arabic hunspell dictionary (data/common-words/); it is built by
 * the trainer and stored in the model, which reads it in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alama-clitics.h"
#include "alama-lexicon.h"

G_BEGIN_DECLS

/**
 * AlamaWordSet:
 * @keys: @capacity slots of fingerprints, 0 for an empty slot
 * @capacity: a power of two, or 0 for no set
 *
 * A read-only view; the array belongs to whoever made the view.
 */
typedef struct
{
  const guint32 *keys;
  gsize capacity;
} AlamaWordSet;

/**
 * AlamaCommonWord:
 * @ALAMA_COMMON_WORD_NONE: no dictionary (the model has none)
 * @ALAMA_COMMON_WORD_EXACT: the word, or the word without its proclitics,
 *   is a dictionary word
 * @ALAMA_COMMON_WORD_INFLECTED: it is one once a common suffix is removed
 * @ALAMA_COMMON_WORD_UNKNOWN: the dictionary does not know it
 */
typedef enum
{
  ALAMA_COMMON_WORD_NONE,
  ALAMA_COMMON_WORD_EXACT,
  ALAMA_COMMON_WORD_INFLECTED,
  ALAMA_COMMON_WORD_UNKNOWN,
} AlamaCommonWord;

gboolean alama_word_set_contains (const AlamaWordSet *set,
                                  const char         *normalized,
                                  gsize               len);

AlamaCommonWord alama_common_word_classify (const AlamaWordSet *set,
                                            const char         *normalized,
                                            gsize               len,
                                            const AlamaClitics *clitics);

guint32 alama_word_set_fingerprint (const char *normalized,
                                    gsize       len);

gsize alama_word_set_probe (const guint32 *keys,
                            gsize          capacity,
                            guint32        key);

/* A growable set, for the trainer and for tests. */
typedef struct _AlamaWordSetBuilder AlamaWordSetBuilder;

AlamaWordSetBuilder *alama_word_set_builder_new (void);
void alama_word_set_builder_free (AlamaWordSetBuilder *builder);
void alama_word_set_builder_add (AlamaWordSetBuilder *builder,
                                 const char          *word,
                                 gsize                len);
guint alama_word_set_builder_add_lines (AlamaWordSetBuilder *builder,
                                        const char          *text,
                                        gsize                len,
                                        const AlamaLexicon  *names);
guint alama_word_set_builder_add_builtin (AlamaWordSetBuilder *builder,
                                          const AlamaLexicon  *names);
gsize alama_word_set_builder_size (AlamaWordSetBuilder *builder);
void alama_word_set_builder_view (AlamaWordSetBuilder *builder,
                                  AlamaWordSet        *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaWordSetBuilder, alama_word_set_builder_free)

G_END_DECLS
