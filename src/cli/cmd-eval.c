/* cmd-eval.c: alama-ner eval — precision, recall and F1 against a reference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "alama-conll-reader.h"
#include "alama-scorer.h"
#include "cli-commands.h"
#include "cli-common.h"

static FILE *
open_input (const char *path)
{
  FILE *in = fopen (path, "r");

  if (in == NULL)
    cli_error ("%s: %s", path, g_strerror (errno));
  return in;
}

static int
eval_tags (const char  *gold_path,
           const char  *pred_path,
           AlamaScorer *scorer)
{
  FILE *gold_in = open_input (gold_path);
  FILE *pred_in = gold_in ? open_input (pred_path) : NULL;
  g_autoptr (AlamaConllReader) gold = NULL;
  g_autoptr (AlamaConllReader) pred = NULL;
  g_autoptr (GError) error = NULL;
  int status = CLI_EXIT_OK;

  if (pred_in == NULL)
    {
      if (gold_in)
        fclose (gold_in);
      return CLI_EXIT_FAILURE;
    }
  gold = alama_conll_reader_new (gold_in, gold_path);
  pred = alama_conll_reader_new (pred_in, pred_path);
  for (;;)
    {
      gboolean has_gold = alama_conll_reader_next (gold, &error);
      gboolean has_pred = !error && alama_conll_reader_next (pred, &error);
      guint n;

      if (error)
        {
          cli_error ("%s", error->message);
          status = CLI_EXIT_FAILURE;
          break;
        }
      if (!has_gold && !has_pred)
        break;
      if (has_gold != has_pred
          || alama_conll_reader_get_n_words (gold) != alama_conll_reader_get_n_words (pred))
        {
          cli_error ("%s:%u: sentence does not match %s:%u (different number of words or "
                     "sentences)",
                     pred_path, alama_conll_reader_get_first_line (pred), gold_path,
                     alama_conll_reader_get_first_line (gold));
          status = CLI_EXIT_FAILURE;
          break;
        }
      n = alama_conll_reader_get_n_words (gold);
      for (guint i = 0; i < n; i++)
        {
          const char *g = alama_conll_reader_get_tags (gold)[i];
          const char *p = alama_conll_reader_get_tags (pred)[i];

          if (g == NULL || p == NULL)
            {
              AlamaConllReader *r = g == NULL ? gold : pred;

              cli_error ("%s:%u: no tag after the word",
                         r == gold ? gold_path : pred_path,
                         alama_conll_reader_get_first_line (r) + i);
              status = CLI_EXIT_FAILURE;
              break;
            }
          if (strcmp (alama_conll_reader_get_words (gold)[i],
                      alama_conll_reader_get_words (pred)[i])
              != 0)
            {
              cli_error ("%s:%u: word \"%s\" does not match \"%s\" in %s", pred_path,
                         alama_conll_reader_get_first_line (pred) + i,
                         alama_conll_reader_get_words (pred)[i],
                         alama_conll_reader_get_words (gold)[i], gold_path);
              status = CLI_EXIT_FAILURE;
              break;
            }
        }
      if (status != CLI_EXIT_OK)
        break;
      alama_scorer_add_tags (scorer, alama_conll_reader_get_tags (gold),
                             alama_conll_reader_get_tags (pred), n);
    }
  fclose (gold_in);
  fclose (pred_in);
  return status;
}

/* Reads a TSV span file (the output of extract) into a set of
 * "file\tstart\tend\tTYPE" keys, each mapped to its type. */
static GHashTable *
read_spans (const char *path)
{
  FILE *in = open_input (path);
  g_autoptr (GHashTable) spans = NULL;
  g_autofree char *file = g_strdup ("");
  char *line = NULL;
  size_t size = 0;
  ssize_t n;
  guint number = 0;

  if (in == NULL)
    return NULL;
  spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((n = getline (&line, &size, in)) >= 0)
    {
      g_auto (GStrv) fields = NULL;
      guint64 start, end;

      number++;
      g_strchomp (line);
      if (line[0] == '\0')
        continue;
      if (g_str_has_prefix (line, "# "))
        {
          g_free (file);
          file = g_strdup (line + 2);
          continue;
        }
      fields = g_strsplit (line, "\t", 4);
      if (g_strv_length (fields) < 3 || !g_ascii_string_to_unsigned (fields[0], 10, 0, G_MAXUINT64, &start, NULL)
          || !g_ascii_string_to_unsigned (fields[1], 10, 0, G_MAXUINT64, &end, NULL) || end <= start
          || fields[2][0] == '\0')
        {
          cli_error ("%s:%u: expected START<TAB>END<TAB>TYPE<TAB>SURFACE", path, number);
          free (line);
          fclose (in);
          return NULL;
        }
      g_hash_table_insert (spans,
                           g_strdup_printf ("%s\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\t%s",
                                            file, start, end, fields[2]),
                           g_strdup (fields[2]));
    }
  free (line);
  fclose (in);
  return g_steal_pointer (&spans);
}

static int
eval_spans (const char  *gold_path,
            const char  *pred_path,
            AlamaScorer *scorer)
{
  g_autoptr (GHashTable) gold = read_spans (gold_path);
  g_autoptr (GHashTable) pred = gold ? read_spans (pred_path) : NULL;
  GHashTableIter iter;
  gpointer key, type;

  if (pred == NULL)
    return CLI_EXIT_FAILURE;
  g_hash_table_iter_init (&iter, gold);
  while (g_hash_table_iter_next (&iter, &key, &type))
    alama_scorer_add_span (scorer, type, TRUE, g_hash_table_contains (pred, key));
  g_hash_table_iter_init (&iter, pred);
  while (g_hash_table_iter_next (&iter, &key, &type))
    if (!g_hash_table_contains (gold, key))
      alama_scorer_add_span (scorer, type, FALSE, TRUE);
  return CLI_EXIT_OK;
}

int
cmd_eval (int    argc,
          char **argv)
{
  gboolean spans = FALSE;
  g_auto (GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "spans", 0, 0, G_OPTION_ARG_NONE, &spans,
      "Compare TSV span files (START END TYPE SURFACE, as extract writes) instead of tags",
      NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "GOLD PRED" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (AlamaScorer) scorer = alama_scorer_new ();
  g_autofree char *table = NULL;
  int status;

  g_option_context_set_summary (
      context, "Score PRED against the reference GOLD, conlleval-style: a mention is correct\n"
               "when its first word, last word and type all match (an I- tag after O or\n"
               "after another type opens a new mention).  Both files have one \"WORD ... TAG\"\n"
               "line per word (the tag in the last column), a blank line between sentences.\n"
               "With --spans, both are TSV files of code-point spans.\n"
               "Prints micro-averaged and per-type precision, recall, F1 and counts.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;
  if (files == NULL || g_strv_length (files) != 2)
    return cli_usage_error (context, "expected two files: GOLD PRED");

  status = spans ? eval_spans (files[0], files[1], scorer) : eval_tags (files[0], files[1], scorer);
  if (status != CLI_EXIT_OK)
    return status;
  table = alama_scorer_format (scorer);
  fputs (table, stdout);
  return CLI_EXIT_OK;
}
