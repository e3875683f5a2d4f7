/* cmd-train.c: alama-ner train — learn a model from IOB2-tagged files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

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

int
cmd_train (int    argc,
           char **argv)
{
  g_autofree char *out = NULL;
  g_auto (GStrv) dev = NULL;
  g_auto (GStrv) files = NULL;
  int epochs = 12;
  int seed = 1;
  int min_count = 2;
  double hold_out = 0;
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
    { "min-count", 0, 0, G_OPTION_ARG_INT, &min_count,
      "Learn only features seen at least N times (default 2)", "N" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "TRAIN…" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("--out MODEL TRAIN…");
  g_autoptr (AlamaTrainer) trainer = alama_trainer_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autofree char *report = NULL;
  int status;

  g_option_context_set_summary (context,
                                "Train a recognizer model (structured averaged perceptron) on\n"
                                "files with one \"TOKEN TAG\" pair per line, IOB2 tags, and a\n"
                                "blank line between sentences (the ANERcorp format).\n"
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

  for (guint i = 0; files[i]; i++)
    if (!alama_trainer_add_file (trainer, files[i], FALSE, &error))
      {
        cli_error ("%s", error->message);
        return CLI_EXIT_FAILURE;
      }
  for (guint i = 0; dev && dev[i]; i++)
    if (!alama_trainer_add_file (trainer, dev[i], TRUE, &error))
      {
        cli_error ("%s", error->message);
        return CLI_EXIT_FAILURE;
      }
  if (hold_out > 0)
    alama_trainer_hold_out (trainer, hold_out);

  alama_trainer_set_epochs (trainer, (guint) epochs);
  alama_trainer_set_seed (trainer, (guint32) seed);
  alama_trainer_set_min_feature_count (trainer, (guint) min_count);
  alama_trainer_set_progress (trainer, progress_cb, NULL);
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
