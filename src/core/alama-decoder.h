/* alama-decoder.h: best IOB2 label sequence (Viterbi), label marginals
 * and expected transition counts (forward-backward) for a first-order
 * sequence model.
 *
 * Labels are numbered O = 0, B-t = 1 + 2t, I-t = 2 + 2t; an I-t label is
 * only allowed right after B-t or I-t, so no decoded sequence is illegal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AlamaDecoder AlamaDecoder;

AlamaDecoder *alama_decoder_new (guint n_labels);
void alama_decoder_free (AlamaDecoder *decoder);

gboolean alama_label_transition_allowed (guint from,
                                         guint to);

void alama_decoder_viterbi (AlamaDecoder *decoder,
                            const float  *scores,
                            const float  *transitions,
                            guint         n_words,
                            guint        *labels);

void alama_decoder_marginals (AlamaDecoder *decoder,
                              const float  *scores,
                              const float  *transitions,
                              guint         n_words,
                              float         temperature,
                              float        *marginals);

double alama_decoder_expectations (AlamaDecoder *decoder,
                                   const float  *scores,
                                   const float  *transitions,
                                   guint         n_words,
                                   double       *marginals,
                                   double       *transition_counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaDecoder, alama_decoder_free)

G_END_DECLS
