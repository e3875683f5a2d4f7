/* alama-history.h: how the same word was labelled earlier in the document
 * (an "extended prediction history", Ratinov & Roth 2009): per
 * clitic-stripped normalized word, how often each entity type was given to
 * it in the last few sentences, turned into features of the word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AlamaHistory AlamaHistory;

AlamaHistory *alama_history_new (guint window);
void alama_history_free (AlamaHistory *history);
void alama_history_reset (AlamaHistory *history);
guint alama_history_get_window (const AlamaHistory *history);

guint32 alama_history_lookup (const AlamaHistory *history,
                              guint64             key);
guint alama_history_features (guint32  prev,
                              guint32  code,
                              guint32  next,
                              guint64 *row,
                              guint    k,
                              guint    max);

void alama_history_add (AlamaHistory *history,
                        guint64       key,
                        guint         type);
void alama_history_end_sentence (AlamaHistory *history);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaHistory, alama_history_free)

G_END_DECLS
