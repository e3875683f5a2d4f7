/* test-crf-learner.c: tests for the CRF learner (alama-crf-learner.h).
 *
 * The gradient of a sentence's negative log-likelihood is checked against
 * finite differences and the likelihood against enumeration of the legal
 * label sequences; the learner's sparse steps, with the L2 shrinking kept
 * as a common factor, against plain dense SGD steps on the same data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "alama-crf-learner.h"
#include "alama-decoder.h"

/* Two entity types: O, B-0, I-0, B-1, I-1. */
#define L 5
#define N_FEATURES 7
#define N_SENTENCES 4
#define MAX_WORDS 4
#define N_WEIGHTS (N_FEATURES * L + (L + 1) * L)

typedef struct
{
  guint32 feat_start[N_SENTENCES * MAX_WORDS + 1];
  guint32 feat_ids[N_SENTENCES * MAX_WORDS * 3];
  guint8 labels[N_SENTENCES * MAX_WORDS];
  guint first_word[N_SENTENCES];
  guint n_words[N_SENTENCES];
  AlamaCrfData data;
} Toy;

/* Random sentences of 1 to MAX_WORDS words with 1 to 3 distinct features
 * each and legal reference labels; with @separable, a word's first feature
 * tells its label (feature l for label l). */
static void
toy_init (Toy     *toy,
          GRand   *rand,
          gboolean separable)
{
  guint word = 0;
  guint n_ids = 0;

  for (guint s = 0; s < N_SENTENCES; s++)
    {
      guint prev = G_MAXUINT;

      toy->first_word[s] = word;
      toy->n_words[s] = 1 + (guint) g_rand_int_range (rand, 0, MAX_WORDS);
      for (guint i = 0; i < toy->n_words[s]; i++, word++)
        {
          guint label;
          guint n = 1 + (guint) g_rand_int_range (rand, 0, 3);

          do
            label = (guint) g_rand_int_range (rand, 0, L);
          while (!alama_label_transition_allowed (prev, label));
          toy->labels[word] = (guint8) label;
          prev = label;
          toy->feat_start[word] = n_ids;
          for (guint k = 0; k < n; k++)
            {
              /* The telling features are not drawn as noise. */
              guint32 f = separable && k == 0
                              ? label
                              : (guint32) g_rand_int_range (rand, separable ? L : 0, N_FEATURES);
              gboolean seen = FALSE;

              for (guint j = toy->feat_start[word]; j < n_ids; j++)
                seen |= toy->feat_ids[j] == f;
              if (!seen)
                toy->feat_ids[n_ids++] = f;
            }
        }
    }
  toy->feat_start[word] = n_ids;
  toy->data.n_labels = L;
  toy->data.n_features = N_FEATURES;
  toy->data.feat_start = toy->feat_start;
  toy->data.feat_ids = toy->feat_ids;
  toy->data.labels = toy->labels;
}

/* The probability of the reference labels of sentence s, by enumeration. */
static double
brute_force_likelihood (const Toy   *toy,
                        const float *weights,
                        guint        s)
{
  const float *transitions = weights + N_FEATURES * L;
  guint n = toy->n_words[s];
  guint seq[MAX_WORDS] = { 0 };
  double z = 0;
  double gold = 0;

  for (;;)
    {
      double score = 0;
      gboolean legal = TRUE;
      gboolean is_gold = TRUE;

      for (guint i = 0; i < n; i++)
        {
          guint word = toy->first_word[s] + i;
          guint prev = i == 0 ? L : seq[i - 1];

          legal &= alama_label_transition_allowed (i == 0 ? G_MAXUINT : seq[i - 1], seq[i]);
          is_gold &= seq[i] == toy->labels[word];
          score += transitions[prev * L + seq[i]];
          for (guint j = toy->feat_start[word]; j < toy->feat_start[word + 1]; j++)
            score += weights[toy->feat_ids[j] * L + seq[i]];
        }
      if (legal)
        {
          z += exp (score);
          if (is_gold)
            gold = exp (score);
        }
      /* Next sequence, in base L. */
      {
        guint i = 0;

        while (i < n && ++seq[i] == L)
          seq[i++] = 0;
        if (i == n)
          break;
      }
    }
  return gold / z;
}

static void
test_gradient (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2718);
  g_autoptr (AlamaDecoder) decoder = alama_decoder_new (L);

  for (guint round = 0; round < 20; round++)
    {
      Toy toy;
      float weights[N_WEIGHTS];

      toy_init (&toy, rand, FALSE);
      for (guint k = 0; k < N_WEIGHTS; k++)
        weights[k] = (float) g_rand_double_range (rand, -1.5, 1.5);

      for (guint s = 0; s < N_SENTENCES; s++)
        {
          double gradient[N_WEIGHTS] = { 0 };
          double nll = alama_crf_sentence_nll (&toy.data, decoder, weights, toy.first_word[s],
                                               toy.n_words[s], gradient);

          g_assert_cmpfloat (nll, >, 0);
          g_assert_cmpfloat_with_epsilon (nll, -log (brute_force_likelihood (&toy, weights, s)),
                                          1e-5);
          for (guint k = 0; k < N_WEIGHTS; k++)
            {
              const float h = 1.0f / 64;  /* exact in float */
              float saved = weights[k];
              double up;
              double down;

              weights[k] = saved + h;
              up = alama_crf_sentence_nll (&toy.data, decoder, weights, toy.first_word[s],
                                           toy.n_words[s], NULL);
              weights[k] = saved - h;
              down = alama_crf_sentence_nll (&toy.data, decoder, weights, toy.first_word[s],
                                             toy.n_words[s], NULL);
              weights[k] = saved;
              g_assert_cmpfloat_with_epsilon (gradient[k], (up - down) / (2 * h), 2e-3);
              /* A forbidden transition's weight does not count. */
              if (k >= N_FEATURES * L)
                {
                  guint from = (k - N_FEATURES * L) / L;
                  guint to = (k - N_FEATURES * L) % L;

                  if (!alama_label_transition_allowed (from == L ? G_MAXUINT : from, to))
                    g_assert_cmpfloat (gradient[k], ==, 0);
                }
            }
        }
    }
}

/* Runs the learner and plain SGD over all the weights side by side for
 * @epochs epochs (the same sentence orders) and requires the same weights
 * after every epoch. */
static void
compare_with_dense_sgd (GRand   *rand,
                        gboolean separable,
                        double   sigma2,
                        double   rate,
                        guint    epochs,
                        float   *final_weights,
                        guint   *final_errors)
{
  g_autoptr (AlamaDecoder) decoder = alama_decoder_new (L);
  g_autoptr (AlamaCrfLearner) learner = NULL;
  Toy toy;
  double w[N_WEIGHTS] = { 0 };
  float weights[N_WEIGHTS];
  double lambda = 1.0 / (sigma2 * N_SENTENCES);
  guint64 t = 0;

  toy_init (&toy, rand, separable);
  learner = alama_crf_learner_new (&toy.data, N_SENTENCES, sigma2, rate);
  g_assert_cmpuint (alama_crf_learner_get_n_weights (learner), ==, N_WEIGHTS);
  alama_crf_learner_get_weights (learner, weights);
  for (guint k = 0; k < N_WEIGHTS; k++)
    g_assert_cmpfloat (weights[k], ==, 0);

  for (guint epoch = 0; epoch < epochs; epoch++)
    {
      guint errors = 0;

      for (guint k = 0; k < N_SENTENCES; k++)
        {
          guint s = (guint) g_rand_int_range (rand, 0, N_SENTENCES);
          float wf[N_WEIGHTS];
          double gradient[N_WEIGHTS] = { 0 };
          double eta = rate / (1.0 + (double) t++ / N_SENTENCES);
          double expected_nll;
          double nll;
          guint e;

          for (guint j = 0; j < N_WEIGHTS; j++)
            wf[j] = (float) w[j];
          expected_nll = alama_crf_sentence_nll (&toy.data, decoder, wf, toy.first_word[s],
                                                 toy.n_words[s], gradient);
          nll = alama_crf_learner_step (learner, toy.first_word[s], toy.n_words[s], &e);
          g_assert_cmpfloat_with_epsilon (nll, expected_nll, 1e-4 * MAX (1.0, expected_nll));
          g_assert_cmpuint (e, <=, toy.n_words[s]);
          errors += e;
          for (guint j = 0; j < N_WEIGHTS; j++)
            w[j] = (1.0 - eta * lambda) * w[j] - eta * gradient[j];
        }
      alama_crf_learner_get_weights (learner, weights);
      for (guint j = 0; j < N_WEIGHTS; j++)
        g_assert_cmpfloat_with_epsilon (weights[j], w[j], 1e-4 * MAX (1.0, fabs (w[j])));
      *final_errors = errors;
    }
  memcpy (final_weights, weights, sizeof weights);
}

static void
test_steps (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (161803);
  float weights[N_WEIGHTS];
  guint errors;

  /* Weak and strong priors; the last one shrinks the common factor by
   * more than a million, so it is folded into the weights on the way. */
  compare_with_dense_sgd (rand, FALSE, 10.0, 0.1, 50, weights, &errors);
  compare_with_dense_sgd (rand, FALSE, 1.0, 0.5, 50, weights, &errors);
  compare_with_dense_sgd (rand, FALSE, 0.2, 0.3, 20000, weights, &errors);
  /* The strong prior keeps every weight small. */
  for (guint k = 0; k < N_WEIGHTS; k++)
    g_assert_cmpfloat (fabsf (weights[k]), <, 2.0f);
}

/* With a feature that tells each word's label, the learner ends up
 * labelling every training word right, and a weaker prior lets the
 * telling weights grow larger. */
static void
test_learns (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (AlamaDecoder) decoder = alama_decoder_new (L);
  double strongest[2];

  for (guint variant = 0; variant < 2; variant++)
    {
      g_autoptr (AlamaCrfLearner) learner = NULL;
      Toy toy;
      float weights[N_WEIGHTS];
      guint errors = 0;
      double sigma2 = variant == 0 ? 0.5 : 50.0;

      toy_init (&toy, rand, TRUE);
      learner = alama_crf_learner_new (&toy.data, N_SENTENCES, sigma2, 0.2);
      for (guint epoch = 0; epoch < 200; epoch++)
        {
          errors = 0;
          for (guint s = 0; s < N_SENTENCES; s++)
            {
              guint e;

              alama_crf_learner_step (learner, toy.first_word[s], toy.n_words[s], &e);
              errors += e;
            }
        }
      g_assert_cmpuint (errors, ==, 0);
      alama_crf_learner_get_weights (learner, weights);
      for (guint s = 0; s < N_SENTENCES; s++)
        {
          float scores[MAX_WORDS * L] = { 0 };
          guint labels[MAX_WORDS];

          for (guint i = 0; i < toy.n_words[s]; i++)
            {
              guint word = toy.first_word[s] + i;

              for (guint j = toy.feat_start[word]; j < toy.feat_start[word + 1]; j++)
                for (guint l = 0; l < L; l++)
                  scores[i * L + l] += weights[toy.feat_ids[j] * L + l];
            }
          alama_decoder_viterbi (decoder, scores, weights + N_FEATURES * L, toy.n_words[s],
                                 labels);
          for (guint i = 0; i < toy.n_words[s]; i++)
            g_assert_cmpuint (labels[i], ==, toy.labels[toy.first_word[s] + i]);
        }
      strongest[variant] = 0;
      for (guint l = 0; l < L; l++)
        strongest[variant] = MAX (strongest[variant], weights[l * L + l]);
    }
  g_assert_cmpfloat (strongest[1], >, strongest[0]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/crf-learner/gradient", test_gradient);
  g_test_add_func ("/alama/crf-learner/steps", test_steps);
  g_test_add_func ("/alama/crf-learner/learns", test_learns);

  return g_test_run ();
}
