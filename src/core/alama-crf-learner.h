/* alama-crf-learner.h: trains the weights of a linear-chain CRF over IOB2
 * labels by stochastic gradient descent on the L2-regularized negative
 * log-likelihood, one sentence at a time.
 *
 * The weights have the layout the structured perceptron of
 * alama-trainer.c learns and the model file stores: n_features × L feature
 * weights, then (L+1) × L transition weights (row L: the sentence start).
 * The CRF's distribution runs over the legal IOB2 sequences only, as the
 * decoder's (alama-decoder.h).
 *
 * Step t (counted from 0) on a sentence s does, over all the weights w,
 *
 *   w ← (1 - η_t λ) w - η_t ∇ nll_s (w),  η_t = rate / (1 + t / N),
 *   λ = 1 / (σ² N)
 *
 * (1 - η_t λ is kept at 0.5 or more), so that an epoch over the N
 * sentences descends Σ_s nll_s (w) + |w|² / (2 σ²).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-decoder.h"

G_BEGIN_DECLS

/* The training data: the features of word w are
 * feat_ids[feat_start[w] … feat_start[w + 1]), each below n_features, and
 * its reference label is labels[w] (a legal IOB2 sequence per sentence).
 * The learner only borrows the arrays. */
typedef struct
{
  guint n_labels;
  gsize n_features;
  const guint32 *feat_start;
  const guint32 *feat_ids;
  const guint8 *labels;
} AlamaCrfData;

/* Default variance of the Gaussian prior on the weights (--l2) and
 * learning rate of the first step, chosen by 5-fold cross-validation on
 * the first 90% of the ANERcorp training sentences (tests/bench/README.md). */
#define ALAMA_CRF_DEFAULT_SIGMA2 1.0
#define ALAMA_CRF_DEFAULT_RATE 0.1

/* A feature whose CRF weights are all smaller than this (in nats) is left
 * out of the model: it shifts no label's log-odds by more than twice as
 * much.  Without it a CRF model holds three times as many features as a
 * perceptron's, which slows tagging, for no measurable gain. */
#define ALAMA_CRF_MIN_WEIGHT 0.01f

typedef struct _AlamaCrfLearner AlamaCrfLearner;

AlamaCrfLearner *alama_crf_learner_new (const AlamaCrfData *data,
                                        guint               n_sentences,
                                        double              sigma2,
                                        double              rate);
void alama_crf_learner_free (AlamaCrfLearner *learner);

double alama_crf_learner_step (AlamaCrfLearner *learner,
                               guint            first_word,
                               guint            n_words,
                               guint           *errors);

gsize alama_crf_learner_get_n_weights (const AlamaCrfLearner *learner);
void alama_crf_learner_get_weights (const AlamaCrfLearner *learner,
                                    float                 *weights);

double alama_crf_sentence_nll (const AlamaCrfData *data,
                               AlamaDecoder       *decoder,
                               const float        *weights,
                               guint               first_word,
                               guint               n_words,
                               double             *gradient);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaCrfLearner, alama_crf_learner_free)

G_END_DECLS
