/* alama-decoder.c: Viterbi and forward-backward under IOB2 constraints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-decoder.h"

#include <math.h>

#include "alama-model.h"

struct _AlamaDecoder
{
  guint n_labels;
  guint capacity;
  /* The legal transitions, in increasing label order: n_pred[y] labels
   * pred[y][…] may come before y, n_succ[x] labels succ[x][…] after x.
   * Skipping the illegal ones changes no result: they never win a max,
   * and their exp () is exactly 0. */
  guint8 n_pred[ALAMA_MODEL_MAX_LABELS];
  guint8 pred[ALAMA_MODEL_MAX_LABELS][ALAMA_MODEL_MAX_LABELS];
  guint8 n_succ[ALAMA_MODEL_MAX_LABELS];
  guint8 succ[ALAMA_MODEL_MAX_LABELS][ALAMA_MODEL_MAX_LABELS];
  float *delta;   /* n_words × L: best score ending in each label */
  guint *back;    /* n_words × L: the label before it */
  double *alpha;
  double *beta;
};

AlamaDecoder *
alama_decoder_new (guint n_labels)
{
  AlamaDecoder *self;

  g_return_val_if_fail (n_labels > 0 && n_labels <= ALAMA_MODEL_MAX_LABELS, NULL);
  self = g_new0 (AlamaDecoder, 1);
  self->n_labels = n_labels;
  for (guint x = 0; x < n_labels; x++)
    for (guint y = 0; y < n_labels; y++)
      if (alama_label_transition_allowed (x, y))
        {
          self->pred[y][self->n_pred[y]++] = (guint8) x;
          self->succ[x][self->n_succ[x]++] = (guint8) y;
        }
  return self;
}

void
alama_decoder_free (AlamaDecoder *self)
{
  if (self == NULL)
    return;
  g_free (self->delta);
  g_free (self->back);
  g_free (self->alpha);
  g_free (self->beta);
  g_free (self);
}

static void
ensure_capacity (AlamaDecoder *self,
                 guint         n_words)
{
  gsize cells;

  if (n_words <= self->capacity)
    return;
  self->capacity = MAX (n_words, 2 * self->capacity);
  cells = (gsize) self->capacity * self->n_labels;
  self->delta = g_renew (float, self->delta, cells);
  self->back = g_renew (guint, self->back, cells);
  self->alpha = g_renew (double, self->alpha, cells);
  self->beta = g_renew (double, self->beta, cells);
}

/**
 * alama_label_transition_allowed:
 * @from: the previous label, or %ALAMA_MODEL_MAX_LABELS and above for the
 *   sentence start
 * @to: the next label
 *
 * Returns: whether IOB2 allows @to after @from
 */
gboolean
alama_label_transition_allowed (guint from,
                                guint to)
{
  if (to == 0 || to % 2 == 1)
    return TRUE;
  /* I-t (to = 2 + 2t) continues B-t (1 + 2t) or I-t. */
  return from == to || from + 1 == to;
}

#define START_ROW(self) ((self)->n_labels)

/**
 * alama_decoder_viterbi:
 * @decoder: the decoder (scratch space)
 * @scores: @n_words × L label scores
 * @transitions: (L+1) × L transition scores, row L the sentence start
 * @n_words: how many words
 * @labels: (out caller-allocates): @n_words labels
 *
 * Finds the highest-scoring legal label sequence.
 */
void
alama_decoder_viterbi (AlamaDecoder *self,
                       const float  *scores,
                       const float  *transitions,
                       guint         n_words,
                       guint        *labels)
{
  guint L = self->n_labels;

  if (n_words == 0)
    return;
  ensure_capacity (self, n_words);

  for (guint y = 0; y < L; y++)
    self->delta[y] = alama_label_transition_allowed (G_MAXUINT, y)
                         ? scores[y] + transitions[START_ROW (self) * L + y]
                         : -INFINITY;

  for (guint i = 1; i < n_words; i++)
    {
      const float *prev = self->delta + (gsize) (i - 1) * L;
      float *cur = self->delta + (gsize) i * L;
      guint *back = self->back + (gsize) i * L;

      for (guint y = 0; y < L; y++)
        {
          float best = -INFINITY;
          guint arg = 0;

          for (guint k = 0; k < self->n_pred[y]; k++)
            {
              guint x = self->pred[y][k];
              float s;

              s = prev[x] + transitions[x * L + y];
              if (s > best)
                {
                  best = s;
                  arg = x;
                }
            }
          cur[y] = best + scores[(gsize) i * L + y];
          back[y] = arg;
        }
    }

  {
    const float *last = self->delta + (gsize) (n_words - 1) * L;
    guint arg = 0;

    for (guint y = 1; y < L; y++)
      if (last[y] > last[arg])
        arg = y;
    labels[n_words - 1] = arg;
    for (guint i = n_words - 1; i > 0; i--)
      labels[i - 1] = self->back[(gsize) i * L + labels[i]];
  }
}

/* log Σ exp (v[k]) over n values, shifted by their maximum so that no
 * term overflows and the largest never underflows. */
static double
log_sum_exp (const double *v,
             guint         n)
{
  double max = -INFINITY;
  double sum = 0;

  for (guint k = 0; k < n; k++)
    max = MAX (max, v[k]);
  if (max == -INFINITY)
    return -INFINITY;
  for (guint k = 0; k < n; k++)
    if (v[k] != -INFINITY)  /* exp (-∞) adds exactly 0 */
      sum += exp (v[k] - max);
  return max + log (sum);
}

/* Fills alpha and beta (log forward and backward messages, n_words × L)
 * for the potentials scores / temperature and trans (already divided,
 * -∞ where IOB2 forbids the move); returns log Z, -∞ when no legal
 * sequence has a finite score. */
static double
forward_backward (AlamaDecoder *self,
                  const float  *scores,
                  double        trans[ALAMA_MODEL_MAX_LABELS + 1][ALAMA_MODEL_MAX_LABELS],
                  guint         n_words,
                  double        inv_t)
{
  guint L = self->n_labels;
  double *alpha = self->alpha;
  double *beta = self->beta;

#define EMIT(i, y) (scores[(gsize) (i) * L + (y)] * inv_t)
  for (guint y = 0; y < L; y++)
    alpha[y] = trans[L][y] + EMIT (0, y);
  for (guint i = 1; i < n_words; i++)
    for (guint y = 0; y < L; y++)
      {
        double terms[ALAMA_MODEL_MAX_LABELS];
        guint n = self->n_pred[y];

        for (guint k = 0; k < n; k++)
          {
            guint x = self->pred[y][k];

            terms[k] = alpha[(gsize) (i - 1) * L + x] + trans[x][y];
          }
        alpha[(gsize) i * L + y] = log_sum_exp (terms, n) + EMIT (i, y);
      }

  for (guint y = 0; y < L; y++)
    beta[(gsize) (n_words - 1) * L + y] = 0;
  for (guint i = n_words - 1; i > 0; i--)
    for (guint x = 0; x < L; x++)
      {
        double terms[ALAMA_MODEL_MAX_LABELS];
        guint n = self->n_succ[x];

        for (guint k = 0; k < n; k++)
          {
            guint y = self->succ[x][k];

            terms[k] = trans[x][y] + EMIT (i, y) + beta[(gsize) i * L + y];
          }
        beta[(gsize) (i - 1) * L + x] = log_sum_exp (terms, n);
      }
#undef EMIT

  return log_sum_exp (alpha + (gsize) (n_words - 1) * L, L);
}

/* The transition potentials divided by the temperature, -∞ where IOB2
 * forbids the move; row L is the sentence start. */
static void
legal_transitions (AlamaDecoder *self,
                   const float  *transitions,
                   double        inv_t,
                   double        trans[ALAMA_MODEL_MAX_LABELS + 1][ALAMA_MODEL_MAX_LABELS])
{
  guint L = self->n_labels;

  for (guint x = 0; x <= L; x++)
    for (guint y = 0; y < L; y++)
      trans[x][y] = alama_label_transition_allowed (x == L ? G_MAXUINT : x, y)
                        ? transitions[x * L + y] * inv_t
                        : -INFINITY;
}

/**
 * alama_decoder_marginals:
 * @decoder: the decoder
 * @scores: @n_words × L label scores
 * @transitions: (L+1) × L transition scores
 * @n_words: how many words
 * @temperature: scores are divided by it before exponentiation
 * @marginals: (out caller-allocates): @n_words × L probabilities
 *
 * Reads the scores as a linear-chain CRF's potentials and computes each
 * word's label probabilities with forward-backward over legal sequences.
 * The sums run in log space, so no score spread can underflow them.
 */
void
alama_decoder_marginals (AlamaDecoder *self,
                         const float  *scores,
                         const float  *transitions,
                         guint         n_words,
                         float         temperature,
                         float        *marginals)
{
  guint L = self->n_labels;
  double inv_t = 1.0 / (temperature > 0 ? temperature : 1.0);
  double trans[ALAMA_MODEL_MAX_LABELS + 1][ALAMA_MODEL_MAX_LABELS];
  double log_z;

  if (n_words == 0)
    return;
  ensure_capacity (self, n_words);
  legal_transitions (self, transitions, inv_t, trans);
  log_z = forward_backward (self, scores, trans, n_words, inv_t);
  for (gsize k = 0; k < (gsize) n_words * L; k++)
    marginals[k]
        = log_z == -INFINITY ? 0.0f : (float) exp (self->alpha[k] + self->beta[k] - log_z);
}

/**
 * alama_decoder_expectations:
 * @decoder: the decoder
 * @scores: @n_words × L label scores
 * @transitions: (L+1) × L transition scores, row L the sentence start
 * @n_words: how many words, at least 1
 * @marginals: (out caller-allocates): @n_words × L label probabilities
 * @transition_counts: (out caller-allocates): (L+1) × L expected number of
 *   times each transition is taken in the sentence (row L: the start)
 *
 * Reads the scores as the potentials of a linear-chain CRF (temperature 1)
 * whose support is the legal IOB2 sequences, and computes what the
 * gradient of its log-likelihood needs: the label marginals, the expected
 * transition counts (the pairwise marginals summed over the positions) and
 * the log partition function.  Forbidden transitions get a count of 0.
 *
 * Returns: log Z, the log of the sum of exp (score) over the legal label
 *   sequences; -∞ (and all outputs 0) when every one scores -∞
 */
double
alama_decoder_expectations (AlamaDecoder *self,
                            const float  *scores,
                            const float  *transitions,
                            guint         n_words,
                            double       *marginals,
                            double       *transition_counts)
{
  guint L = self->n_labels;
  double trans[ALAMA_MODEL_MAX_LABELS + 1][ALAMA_MODEL_MAX_LABELS];
  const double *alpha;
  const double *beta;
  double log_z;

  g_return_val_if_fail (n_words > 0, -INFINITY);
  ensure_capacity (self, n_words);
  legal_transitions (self, transitions, 1.0, trans);
  log_z = forward_backward (self, scores, trans, n_words, 1.0);
  alpha = self->alpha;
  beta = self->beta;

  for (gsize k = 0; k < (gsize) (L + 1) * L; k++)
    transition_counts[k] = 0;
  if (log_z == -INFINITY)
    {
      for (gsize k = 0; k < (gsize) n_words * L; k++)
        marginals[k] = 0;
      return log_z;
    }
  for (gsize k = 0; k < (gsize) n_words * L; k++)
    marginals[k] = exp (alpha[k] + beta[k] - log_z);
  for (guint y = 0; y < L; y++)
    transition_counts[(gsize) L * L + y] = marginals[y];
  /* P (y[i-1] = x, y[i] = y) = exp (α[i-1][x] + t[x][y] + s[i][y] + β[i][y] - log Z) */
  for (guint i = 1; i < n_words; i++)
    for (guint x = 0; x < L; x++)
      {
        double from = alpha[(gsize) (i - 1) * L + x] - log_z;

        if (from == -INFINITY)
          continue;
        for (guint k = 0; k < self->n_succ[x]; k++)
          {
            guint y = self->succ[x][k];

            transition_counts[(gsize) x * L + y]
                += exp (from + trans[x][y] + scores[(gsize) i * L + y] + beta[(gsize) i * L + y]);
          }
      }
  return log_z;
}
