/* alama-features.h: the features of each word of a sentence, as 64-bit
 * hashes that the model's weight table is keyed by.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-common-words.h"
#include "alama-context.h"
#include "alama-gazetteer.h"
#include "alama-history.h"
#include "alama-lexicon.h"
#include "alama-tokenizer.h"

G_BEGIN_DECLS

/* Bump whenever a feature is added, removed or computed differently: a
 * model trained with other features is refused at load time. */
#define ALAMA_FEATURE_SET_VERSION 4

/* At most this many features per word; unused slots hold 0. */
#define ALAMA_MAX_FEATURES 64

/**
 * AlamaWord:
 * @text: the word as written, UTF-8 (not nul-terminated)
 * @len: its length in bytes
 * @kind: what kind of token it is
 */
typedef struct
{
  const char *text;
  gsize len;
  AlamaTokenKind kind;
} AlamaWord;

AlamaTokenKind alama_word_guess_kind (const char *text,
                                      gsize       len);

typedef struct _AlamaFeatures AlamaFeatures;

AlamaFeatures *alama_features_new (const AlamaLexicon *lexicon);
void alama_features_free (AlamaFeatures *features);
void alama_features_set_lexical_data (AlamaFeatures        *features,
                                      const AlamaWordSet   *common_words,
                                      const AlamaGazetteer *gazetteer);

const guint64 *alama_features_extract (AlamaFeatures   *features,
                                       const AlamaWord *words,
                                       guint            n_words,
                                       const guint8    *held_out);

/**
 * AlamaWordScoreFunc:
 * @features: a word's own features (those that depend on the word alone),
 *   0-terminated unless all %ALAMA_MAX_FEATURES slots are used
 * @sums: (out caller-allocates): the values to remember for the word
 * @user_data: what alama_features_set_word_scorer() was given
 *
 * Sums up a word's own features, once per word type.
 */
typedef void (*AlamaWordScoreFunc) (const guint64 *features,
                                    gint32        *sums,
                                    gpointer       user_data);

void alama_features_set_word_scorer (AlamaFeatures      *features,
                                     guint               n_sums,
                                     AlamaWordScoreFunc  func,
                                     gpointer            user_data);
const gint32 *alama_features_get_word_sums (const AlamaFeatures *features);

void alama_features_set_history (AlamaFeatures      *features,
                                 const AlamaHistory *history);
void alama_features_set_context (AlamaFeatures *features,
                                 AlamaContext  *context);
guint64 alama_features_get_key (const AlamaFeatures *features,
                                const AlamaWord     *word,
                                guint                i);
guint32 alama_features_get_history (const AlamaFeatures *features,
                                    guint                i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaFeatures, alama_features_free)

G_END_DECLS
