/* alama-crf-learner.c: SGD on the L2-regularized negative log-likelihood of
 * a linear-chain CRF.
 *
 * The objective over N sentences is
 *
 *   J (w) = Σ_s [log Z_s (w) - score_s (w, gold_s)] + |w|² / (2 σ²)
 *
 * and each step takes one sentence's share of it,
 *
 *   w ← (1 - η λ) w - η ∇ [log Z_s - score_s],  λ = 1 / (σ² N),
 *
 * with the rate η = η₀ / (1 + t / N) after t steps (it halves after the
 * first epoch, then decays like 1/epoch: the Robbins–Monro conditions
 * hold, so the steps converge to the minimum of J).  The gradient of
 * log Z is the expected feature counts, from forward-backward
 * (alama_decoder_expectations ()).
 *
 * Only the weights of a sentence's features change with its gradient; the
 * shrinking by (1 - η λ), which touches every weight, is kept as one
 * common factor (w = scale × v), so a step costs the sentence's size, not
 * the model's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-crf-learner.h"

#include <math.h>

#include "alama-model.h"

struct _AlamaCrfLearner
{
  AlamaCrfData data;
  guint n_sentences;
  double lambda;       /* the prior's share of one sentence: 1 / (σ² N) */
  double rate;         /* η₀ */
  guint64 steps;
  double *v;           /* the weights are scale × v */
  double scale;
  gsize n_weights;
  AlamaDecoder *decoder;
  /* Scratch, per sentence. */
  guint capacity;
  float *scores;
  double *marginals;
  float transitions[(ALAMA_MODEL_MAX_LABELS + 1) * ALAMA_MODEL_MAX_LABELS];
  double counts[(ALAMA_MODEL_MAX_LABELS + 1) * ALAMA_MODEL_MAX_LABELS];
};

/* Below this the common factor is folded into the weights, before float
 * precision suffers. */
#define MIN_SCALE 1e-6

/**
 * alama_crf_learner_new:
 * @data: the training data (borrowed: it must outlive the learner)
 * @n_sentences: how many sentences one epoch visits (N), at least 1
 * @sigma2: the variance of the Gaussian prior on the weights (> 0; smaller
 *   regularizes more)
 * @rate: the learning rate of the first step (> 0)
 *
 * Returns: (transfer full): a learner whose weights are all 0
 */
AlamaCrfLearner *
alama_crf_learner_new (const AlamaCrfData *data,
                       guint               n_sentences,
                       double              sigma2,
                       double              rate)
{
  AlamaCrfLearner *self;
  guint L = data->n_labels;

  g_return_val_if_fail (L > 0 && L <= ALAMA_MODEL_MAX_LABELS, NULL);
  g_return_val_if_fail (sigma2 > 0 && rate > 0, NULL);
  self = g_new0 (AlamaCrfLearner, 1);
  self->data = *data;
  self->n_sentences = MAX (n_sentences, 1);
  self->lambda = 1.0 / (sigma2 * self->n_sentences);
  self->rate = rate;
  self->n_weights = data->n_features * L + (gsize) (L + 1) * L;
  self->v = g_new0 (double, self->n_weights);
  self->scale = 1.0;
  self->decoder = alama_decoder_new (L);
  return self;
}

void
alama_crf_learner_free (AlamaCrfLearner *self)
{
  if (self == NULL)
    return;
  g_free (self->v);
  alama_decoder_free (self->decoder);
  g_free (self->scores);
  g_free (self->marginals);
  g_free (self);
}

/* With scores and transitions filled in: computes the sentence's negative
 * log-likelihood and turns marginals and counts into the gradient's
 * residuals (expected minus reference counts), per word and label and per
 * transition.  *errors gets how many words' most probable label is not the
 * reference. */
static double
residuals (const AlamaCrfData *data,
           AlamaDecoder       *decoder,
           const float        *scores,
           const float        *transitions,
           guint               first_word,
           guint               n_words,
           double             *marginals,
           double             *counts,
           guint              *errors)
{
  guint L = data->n_labels;
  const guint8 *gold = data->labels + first_word;
  double log_z;
  double gold_score = 0;
  guint wrong = 0;

  log_z = alama_decoder_expectations (decoder, scores, transitions, n_words, marginals, counts);
  for (guint i = 0; i < n_words; i++)
    {
      guint prev = i == 0 ? L : gold[i - 1];
      const double *m = marginals + (gsize) i * L;
      guint best = 0;

      gold_score += scores[(gsize) i * L + gold[i]] + transitions[(gsize) prev * L + gold[i]];
      for (guint l = 1; l < L; l++)
        if (m[l] > m[best])
          best = l;
      if (best != gold[i])
        wrong++;
      marginals[(gsize) i * L + gold[i]] -= 1.0;
      counts[(gsize) prev * L + gold[i]] -= 1.0;
    }
  if (errors)
    *errors = wrong;
  return log_z - gold_score;
}

static void
ensure_capacity (AlamaCrfLearner *self,
                 guint            n_words)
{
  if (n_words <= self->capacity)
    return;
  self->capacity = MAX (n_words, 2 * self->capacity);
  self->scores = g_renew (float, self->scores, (gsize) self->capacity * self->data.n_labels);
  self->marginals = g_renew (double, self->marginals, (gsize) self->capacity * self->data.n_labels);
}

/**
 * alama_crf_learner_step:
 * @learner: the learner
 * @first_word: the sentence's first word in the data
 * @n_words: its length (0 is a no-op)
 * @errors: (out) (optional): how many of its words the weights before the
 *   step gave a most probable label other than the reference
 *
 * Takes one stochastic gradient step on the sentence.
 *
 * Returns: the sentence's negative log-likelihood before the step (nats)
 */
double
alama_crf_learner_step (AlamaCrfLearner *self,
                        guint            first_word,
                        guint            n_words,
                        guint           *errors)
{
  const AlamaCrfData *data = &self->data;
  guint L = data->n_labels;
  gsize n_trans = (gsize) (L + 1) * L;
  double *vt = self->v + data->n_features * L;
  double rate;
  double nll;
  double step;

  if (errors)
    *errors = 0;
  if (n_words == 0)
    return 0;
  ensure_capacity (self, n_words);

  for (guint i = 0; i < n_words; i++)
    {
      guint word = first_word + i;
      double acc[ALAMA_MODEL_MAX_LABELS] = { 0 };

      for (guint32 j = data->feat_start[word]; j < data->feat_start[word + 1]; j++)
        {
          const double *w = self->v + (gsize) data->feat_ids[j] * L;

          for (guint l = 0; l < L; l++)
            acc[l] += w[l];
        }
      for (guint l = 0; l < L; l++)
        self->scores[(gsize) i * L + l] = (float) (self->scale * acc[l]);
    }
  for (gsize k = 0; k < n_trans; k++)
    self->transitions[k] = (float) (self->scale * vt[k]);

  nll = residuals (data, self->decoder, self->scores, self->transitions, first_word, n_words,
                   self->marginals, self->counts, errors);
  if (!isfinite (nll))
    return nll;

  rate = self->rate / (1.0 + (double) self->steps / self->n_sentences);
  self->steps++;
  /* w ← (1 - η λ) w first, in the common factor, then the gradient. */
  self->scale *= MAX (1.0 - rate * self->lambda, 0.5);
  step = rate / self->scale;
  for (guint i = 0; i < n_words; i++)
    {
      guint word = first_word + i;
      const double *r = self->marginals + (gsize) i * L;

      for (guint32 j = data->feat_start[word]; j < data->feat_start[word + 1]; j++)
        {
          double *w = self->v + (gsize) data->feat_ids[j] * L;

          for (guint l = 0; l < L; l++)
            w[l] -= step * r[l];
        }
    }
  for (gsize k = 0; k < n_trans; k++)
    vt[k] -= step * self->counts[k];

  if (self->scale < MIN_SCALE)
    {
      for (gsize k = 0; k < self->n_weights; k++)
        self->v[k] *= self->scale;
      self->scale = 1.0;
    }
  return nll;
}

/**
 * alama_crf_learner_get_n_weights:
 * @learner: the learner
 *
 * Returns: n_features × L + (L+1) × L
 */
gsize
alama_crf_learner_get_n_weights (const AlamaCrfLearner *self)
{
  return self->n_weights;
}

/**
 * alama_crf_learner_get_weights:
 * @learner: the learner
 * @weights: (out caller-allocates): alama_crf_learner_get_n_weights ()
 *   floats: the feature weights, then the transition weights
 */
void
alama_crf_learner_get_weights (const AlamaCrfLearner *self,
                               float                 *weights)
{
  for (gsize k = 0; k < self->n_weights; k++)
    weights[k] = (float) (self->scale * self->v[k]);
}

/**
 * alama_crf_sentence_nll:
 * @data: the training data
 * @decoder: a decoder for data->n_labels labels (scratch space)
 * @weights: n_features × L feature weights, then (L+1) × L transition
 *   weights
 * @first_word: the sentence's first word in the data
 * @n_words: its length, at least 1
 * @gradient: (inout) (optional): the gradient of the sentence's negative
 *   log-likelihood with respect to @weights (same layout) is added to it
 *
 * Returns: the negative log-likelihood of the sentence's reference labels
 *   under the CRF with @weights (nats): log Z - score (reference)
 */
double
alama_crf_sentence_nll (const AlamaCrfData *data,
                        AlamaDecoder       *decoder,
                        const float        *weights,
                        guint               first_word,
                        guint               n_words,
                        double             *gradient)
{
  guint L = data->n_labels;
  gsize n_trans = (gsize) (L + 1) * L;
  const float *transitions = weights + data->n_features * L;
  g_autofree float *scores = g_new0 (float, (gsize) n_words * L);
  g_autofree double *marginals = g_new (double, (gsize) n_words * L);
  double counts[(ALAMA_MODEL_MAX_LABELS + 1) * ALAMA_MODEL_MAX_LABELS];
  double nll;

  g_return_val_if_fail (n_words > 0, NAN);
  for (guint i = 0; i < n_words; i++)
    for (guint32 j = data->feat_start[first_word + i]; j < data->feat_start[first_word + i + 1];
         j++)
      for (guint l = 0; l < L; l++)
        scores[(gsize) i * L + l] += weights[(gsize) data->feat_ids[j] * L + l];

  nll = residuals (data, decoder, scores, transitions, first_word, n_words, marginals, counts,
                   NULL);
  if (gradient == NULL)
    return nll;
  for (guint i = 0; i < n_words; i++)
    for (guint32 j = data->feat_start[first_word + i]; j < data->feat_start[first_word + i + 1];
         j++)
      for (guint l = 0; l < L; l++)
        gradient[(gsize) data->feat_ids[j] * L + l] += marginals[(gsize) i * L + l];
  for (gsize k = 0; k < n_trans; k++)
    gradient[data->n_features * L + k] += counts[k];
  return nll;
}
