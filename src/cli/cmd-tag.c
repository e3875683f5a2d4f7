/* cmd-tag.c: alama-ner tag — IOB2 tags for text already split into words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "alama-conll-reader.h"
#include "alama-recognizer.h"
#include "cli-commands.h"
#include "cli-common.h"

#define DOCUMENT_START "-DOCSTART-"

int
cmd_tag (int    argc,
         char **argv)
{
  g_autofree char *model_path = NULL;
  g_auto (GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model_path,
      "Use the model in MODEL instead of the built-in one", "MODEL" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "[FILE|-]" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (AlamaModel) model = NULL;
  g_autoptr (AlamaRecognizer) recognizer = NULL;
  g_autoptr (AlamaConllReader) reader = NULL;
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (AlamaWord));
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) out = g_string_sized_new (1 << 16);
  const char *path;
  FILE *in;
  gboolean first = TRUE;
  int status;

  g_option_context_set_summary (context,
                                "Read one token per line (its first whitespace-separated column;\n"
                                "other columns are ignored), a blank line between sentences, and\n"
                                "write \"TOKEN TAG\" lines with IOB2 tags, sentence for sentence.\n"
                                "A \"" DOCUMENT_START "\" line starts a new document (names seen\n"
                                "earlier no longer count); it is copied as \"" DOCUMENT_START " O\" and a blank line.\n"
                                "Reads standard input when FILE is - or missing.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;
  if (files && files[0] && files[1])
    return cli_usage_error (context, "tag reads one file");
  path = files && files[0] ? files[0] : "-";

  model = cli_load_model (model_path);
  if (model == NULL)
    return CLI_EXIT_FAILURE;
  recognizer = alama_recognizer_new (model);

  in = strcmp (path, "-") == 0 ? stdin : fopen (path, "r");
  if (in == NULL)
    {
      cli_error ("%s: %s", path, g_strerror (errno));
      return CLI_EXIT_FAILURE;
    }
  reader = alama_conll_reader_new (in, strcmp (path, "-") == 0 ? "<stdin>" : path);
  while (alama_conll_reader_next (reader, &error))
    {
      guint n = alama_conll_reader_get_n_words (reader);
      const char *const *text = alama_conll_reader_get_words (reader);
      const char *const *tags;

      /* A "-DOCSTART-" line (the CoNLL 2003 convention) starts a new
       * document: what earlier sentences said of a word is forgotten. */
      gboolean starts_document = alama_conll_reader_starts_document (reader);

      if (starts_document)
        alama_recognizer_start_document (recognizer);
      g_array_set_size (words, n);
      for (guint i = 0; i < n; i++)
        {
          AlamaWord *w = &g_array_index (words, AlamaWord, i);

          w->text = text[i];
          w->len = strlen (text[i]);
          w->kind = alama_word_guess_kind (w->text, w->len);
        }
      tags = alama_recognizer_tag_words (recognizer, (const AlamaWord *) words->data, n);
      if (!first)
        g_string_append_c (out, '\n');
      first = FALSE;
      if (starts_document)
        g_string_append (out, DOCUMENT_START " O\n\n");
      for (guint i = 0; i < n; i++)
        {
          const AlamaWord *w = &g_array_index (words, AlamaWord, i);

          g_string_append_len (out, w->text, (gssize) w->len);
          g_string_append_c (out, ' ');
          g_string_append (out, tags[i]);
          g_string_append_c (out, '\n');
        }
      /* One write per 64 KiB rather than four stdio calls per word. */
      if (out->len >= (1 << 16))
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }
  fwrite (out->str, 1, out->len, stdout);
  if (in != stdin)
    fclose (in);
  if (error)
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_FAILURE;
    }
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      cli_error ("writing the output: %s", g_strerror (errno));
      return CLI_EXIT_FAILURE;
    }
  return CLI_EXIT_OK;
}
