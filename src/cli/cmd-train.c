/* cmd-train.c: alama-ner train — learn a model from IOB2-tagged files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "alama-crf-learner.h"
#include "alama-model.h"
#include "alama-trainer.h"
#include "cli-commands.h"
#include "cli-common.h"

static void
progress_cb (guint    epoch,
             guint    n_epochs,
             guint    mistakes,
             double   seconds,
             double   dev_f1,
             gpointer user_data)
{
  if (dev_f1 >= 0)
    fprintf (stderr, "epoch %2u/%u: %7u word errors, %5.1f s, dev F1 %.2f\n", epoch, n_epochs,
             mistakes, seconds, 100 * dev_f1);
  else
    fprintf (stderr, "epoch %2u/%u: %7u word errors, %5.1f s\n", epoch, n_epochs, mistakes,
             seconds);
}

typedef struct
{
  char **files;
  char **dev;
  double hold_out;
  guint epochs;
  guint32 seed;
  guint ensemble;
  guint min_count;
  float temperature;
  gboolean no_common_words;
  gboolean no_gazetteers;
  guint history;
  AlamaTrainerLearner learner;
  double sigma2;
  guint context;
} TrainSettings;

static AlamaTrainer *
new_trainer (const TrainSettings *settings)
{
  g_autoptr (AlamaTrainer) trainer = alama_trainer_new ();
  g_autoptr (GError) error = NULL;

  for (guint i = 0; settings->files[i]; i++)
    if (!alama_trainer_add_file (trainer, settings->files[i], FALSE, &error))
      {
        cli_error ("%s", error->message);
        return NULL;
      }
  for (guint i = 0; settings->dev && settings->dev[i]; i++)
    if (!alama_trainer_add_file (trainer, settings->dev[i], TRUE, &error))
      {
        cli_error ("%s", error->message);
        return NULL;
      }
  if (settings->hold_out > 0)
    alama_trainer_hold_out (trainer, settings->hold_out);
  alama_trainer_set_epochs (trainer, settings->epochs);
  alama_trainer_set_seed (trainer, settings->seed);
  alama_trainer_set_ensemble (trainer, settings->ensemble);
  alama_trainer_set_min_feature_count (trainer, settings->min_count);
  alama_trainer_set_temperature (trainer, settings->temperature);
  alama_trainer_set_lexical_data (trainer, !settings->no_common_words, !settings->no_gazetteers);
  alama_trainer_set_history (trainer, settings->history);
  alama_trainer_set_learner (trainer, settings->learner);
  alama_trainer_set_l2 (trainer, settings->sigma2);
  alama_trainer_set_context (trainer, settings->context);
  alama_trainer_set_progress (trainer, progress_cb, NULL);
  return g_steal_pointer (&trainer);
}

/* Without held-out sentences, confidences fitted on the training data come
 * out too high: fit them first on a model trained on 90% of the sentences
 * and tested on the rest, then train on everything with that temperature. */
static gboolean
calibrate (TrainSettings *settings,
           const char    *out)
{
  TrainSettings held = *settings;
  g_autoptr (AlamaTrainer) trainer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = g_strdup_printf ("%s.calibration-%d", out, (int) getpid ());
  gboolean ok;

  held.hold_out = 0.1;
  trainer = new_trainer (&held);
  if (trainer == NULL)
    return FALSE;
  fprintf (stderr, "fitting confidences on a 90/10 split first\n");
  alama_trainer_set_progress (trainer, NULL, NULL);
  ok = alama_trainer_train (trainer, tmp, &error);
  g_unlink (tmp);
  if (!ok)
    {
      cli_error ("%s", error->message);
      return FALSE;
    }
  settings->temperature = alama_trainer_get_temperature (trainer);
  return TRUE;
}

int
cmd_train (int    argc,
           char **argv)
{
  g_autofree char *out = NULL;
  g_auto (GStrv) dev = NULL;
  g_auto (GStrv) files = NULL;
  int epochs = 12;
  int seed = 1;
  int ensemble = 1;
  int min_count = 2;
  double hold_out = 0;
  gboolean no_common_words = FALSE;
  gboolean no_gazetteers = FALSE;
  int history = ALAMA_TRAINER_DEFAULT_HISTORY_WINDOW;
  g_autofree char *learner = NULL;
  double sigma2 = ALAMA_CRF_DEFAULT_SIGMA2;
  int context_window = ALAMA_TRAINER_DEFAULT_CONTEXT_WINDOW;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write the model to MODEL (required)", "MODEL" },
    { "dev", 'd', 0, G_OPTION_ARG_FILENAME_ARRAY, &dev,
      "Held-out IOB2 file scored after each epoch; the best epoch is kept (repeatable)", "DEV" },
    { "hold-out", 0, 0, G_OPTION_ARG_DOUBLE, &hold_out,
      "Use the last FRACTION of the training sentences as the dev set (e.g. 0.1)", "FRACTION" },
    { "epochs", 'e', 0, G_OPTION_ARG_INT, &epochs, "Passes over the training data (default 12)",
      "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed,
      "Seed for the sentence order; same seed, same model (default 1)", "S" },
    { "ensemble", 0, 0, G_OPTION_ARG_INT, &ensemble,
      "Train N models with the seeds S, S+1, … and write their average (default 1; "
      "training takes N times as long, tagging no longer)", "N" },
    { "min-count", 0, 0, G_OPTION_ARG_INT, &min_count,
      "Learn only features seen at least N times (default 2)", "N" },
    { "no-common-words", 0, 0, G_OPTION_ARG_NONE, &no_common_words,
      "Do not learn from the dictionary of ordinary words (for comparisons)", NULL },
    { "no-gazetteers", 0, 0, G_OPTION_ARG_NONE, &no_gazetteers,
      "Do not learn from the lists of known names (for comparisons)", NULL },
    { "history", 0, 0, G_OPTION_ARG_INT, &history,
      "Let a word's labels in the N preceding sentences count (default "
      G_STRINGIFY (ALAMA_TRAINER_DEFAULT_HISTORY_WINDOW) ", 0: off; training takes about 5 times "
      "longer)", "N" },
    { "learner", 0, 0, G_OPTION_ARG_STRING, &learner,
      "How to learn the weights: perceptron (structured averaged perceptron, the default) or "
      "crf (linear-chain CRF, stochastic gradient on the L2-regularized likelihood)",
      "perceptron|crf" },
    { "l2", 0, 0, G_OPTION_ARG_DOUBLE, &sigma2,
      "Variance of the CRF's Gaussian prior on the weights; smaller regularizes more "
      "(default " G_STRINGIFY (ALAMA_CRF_DEFAULT_SIGMA2) ")", "SIGMA2" },
    { "context", 0, 0, G_OPTION_ARG_INT, &context_window,
      "Let the words around a word's occurrences in the N preceding sentences count (default "
      G_STRINGIFY (ALAMA_TRAINER_DEFAULT_CONTEXT_WINDOW) ", 0: off)", "N" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "TRAIN…" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("--out MODEL");
  g_autoptr (AlamaTrainer) trainer = NULL;
  g_autoptr (GError) error = NULL;
  TrainSettings settings = { 0 };
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autofree char *report = NULL;
  int status;

  g_option_context_set_summary (context,
                                "Train a recognizer model (structured averaged perceptron, or a\n"
                                "linear-chain CRF with --learner crf) on files with one\n"
                                "\"TOKEN TAG\" pair per line, IOB2 tags, and a blank line\n"
                                "between sentences (the ANERcorp format).\n"
                                "Training is deterministic for a given seed.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;
  if (out == NULL)
    return cli_usage_error (context, "--out MODEL is required");
  if (files == NULL || files[0] == NULL)
    return cli_usage_error (context, "no training file given");
  if (epochs < 1 || epochs > 1000)
    return cli_usage_error (context, "--epochs must be between 1 and 1000");
  if (hold_out < 0 || hold_out >= 1)
    return cli_usage_error (context, "--hold-out must be a fraction in [0, 1)");
  if (min_count < 1)
    return cli_usage_error (context, "--min-count must be at least 1");
  if (history < 0 || history > ALAMA_MODEL_MAX_HISTORY_WINDOW)
    return cli_usage_error (context, "--history must be between 0 and "
                                     G_STRINGIFY (ALAMA_MODEL_MAX_HISTORY_WINDOW));
  if (ensemble < 1 || ensemble > ALAMA_TRAINER_MAX_ENSEMBLE)
    return cli_usage_error (context, "--ensemble must be between 1 and "
                                     G_STRINGIFY (ALAMA_TRAINER_MAX_ENSEMBLE));
  if (context_window < 0 || context_window > ALAMA_MODEL_MAX_CONTEXT_WINDOW)
    return cli_usage_error (context, "--context must be between 0 and "
                                     G_STRINGIFY (ALAMA_MODEL_MAX_CONTEXT_WINDOW));

  if (learner == NULL || g_strcmp0 (learner, "perceptron") == 0)
    settings.learner = ALAMA_TRAINER_LEARNER_PERCEPTRON;
  else if (g_strcmp0 (learner, "crf") == 0)
    settings.learner = ALAMA_TRAINER_LEARNER_CRF;
  else
    return cli_usage_error (context, "--learner must be perceptron or crf");
  if (!(sigma2 > 0 && sigma2 <= 1e6))
    return cli_usage_error (context, "--l2 must be a variance in (0, 1e6]");

  settings.files = files;
  settings.dev = dev;
  settings.hold_out = hold_out;
  settings.epochs = (guint) epochs;
  settings.seed = (guint32) seed;
  settings.ensemble = (guint) ensemble;
  settings.min_count = (guint) min_count;
  settings.no_common_words = no_common_words;
  settings.no_gazetteers = no_gazetteers;
  settings.history = (guint) history;
  settings.sigma2 = sigma2;
  settings.context = (guint) context_window;
  if ((dev == NULL || dev[0] == NULL) && hold_out == 0 && !calibrate (&settings, out))
    return CLI_EXIT_FAILURE;
  trainer = new_trainer (&settings);
  if (trainer == NULL)
    return CLI_EXIT_FAILURE;
  fprintf (stderr, "training on %u sentences (%u words), dev %u sentences (%u words)\n",
           alama_trainer_get_n_sentences (trainer, FALSE),
           alama_trainer_get_n_words (trainer, FALSE),
           alama_trainer_get_n_sentences (trainer, TRUE), alama_trainer_get_n_words (trainer, TRUE));

  if (!alama_trainer_train (trainer, out, &error))
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_FAILURE;
    }
  report = alama_trainer_format_dev_report (trainer);
  if (report)
    fprintf (stderr, "best epoch on the dev set:\n%s", report);
  fprintf (stderr, "wrote %s in %.1f s\n", out, g_timer_elapsed (timer, NULL));
  return CLI_EXIT_OK;
}
