/* alama-context.h: the contexts the same word had earlier in the document
 * ("context aggregation", Ratinov & Roth 2009): per clitic-stripped
 * normalized word, what stood around its occurrences in the last few
 * sentences, whatever the model made of them: the words just before and
 * after each of its latest occurrences.  A name introduced as «نادي
 * الغرافة» keeps the trace of «نادي» when it comes back bare.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AlamaContext AlamaContext;

/* At most this many of a word's latest occurrences are summed up. */
#define ALAMA_CONTEXT_MAX_OCCURRENCES 8

/**
 * AlamaContextSummary:
 * @n_occurrences: how many earlier occurrences were looked at (at most
 *   %ALAMA_CONTEXT_MAX_OCCURRENCES), 0 when the word was not seen
 * @prev: per occurrence, latest first, the fingerprint of the word before
 *   it that was given to alama_context_add() (0: none)
 * @next: per occurrence, the fingerprint of the word after it (0: none)
 *
 * What alama_context_lookup() and alama_context_add() give.
 */
typedef struct
{
  guint n_occurrences;
  guint32 prev[ALAMA_CONTEXT_MAX_OCCURRENCES];
  guint32 next[ALAMA_CONTEXT_MAX_OCCURRENCES];
} AlamaContextSummary;

AlamaContext *alama_context_new (guint window);
void alama_context_free (AlamaContext *context);
void alama_context_reset (AlamaContext *context);
guint alama_context_get_window (const AlamaContext *context);

gboolean alama_context_lookup (const AlamaContext  *context,
                               guint64              key,
                               AlamaContextSummary *summary);
void alama_context_prefetch (const AlamaContext *context,
                             guint64             key);
gboolean alama_context_add (AlamaContext        *context,
                            guint64              key,
                            guint32              prev,
                            guint32              next,
                            AlamaContextSummary *summary);
void alama_context_end_sentence (AlamaContext *context);
gsize alama_context_get_n_remembered (const AlamaContext *context);
gsize alama_context_get_n_words (const AlamaContext *context);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaContext, alama_context_free)

G_END_DECLS
