/* fuzz-conll.c: libFuzzer target for the CoNLL reader.
 *
 * The input is read as a file, through fmemopen(), sentence by sentence to
 * its end or to the first error, and each sentence is checked against the
 * promises of alama-conll-reader.h: at least one word, words that are
 * non-empty valid UTF-8 without spaces or tabs, tags that are %NULL or
 * non-empty and have no space or tab, first lines that grow.  After the end
 * or an error the reader stays finished.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "alama-conll-reader.h"
#include "fuzz-check.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);


static void
check_field (const char *s)
{
  CHECK (s[0] != '\0');
  CHECK (g_utf8_validate (s, -1, NULL));
  CHECK (strchr (s, ' ') == NULL);
  CHECK (strchr (s, '\t') == NULL);
  CHECK (strchr (s, '\n') == NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* fmemopen() wants a writable buffer and, in older C libraries, a
   * non-zero size: read from a copy with one spare byte that is not part of
   * the stream. */
  g_autofree char *copy = g_malloc (size + 1);
  g_autoptr (GError) error = NULL;
  AlamaConllReader *reader;
  FILE *stream;
  guint prev_first_line = 0;
  guint n_lines = 1;
  guint n_sentences = 0;

  memcpy (copy, data, size);
  copy[size] = '\0';
  for (gsize i = 0; i < size; i++)
    n_lines += copy[i] == '\n';

  stream = size ? fmemopen (copy, size, "r") : fmemopen (copy, 1, "r");
  CHECK (stream != NULL);
  if (size == 0)
    fgetc (stream);

  reader = alama_conll_reader_new (stream, "fuzz.conll");
  while (alama_conll_reader_next (reader, &error))
    {
      guint n = alama_conll_reader_get_n_words (reader);
      const char *const *words = alama_conll_reader_get_words (reader);
      const char *const *tags = alama_conll_reader_get_tags (reader);
      guint first_line = alama_conll_reader_get_first_line (reader);

      CHECK (error == NULL);
      CHECK (n > 0);
      CHECK (first_line > prev_first_line);
      CHECK (first_line + n - 1 <= n_lines);
      for (guint i = 0; i < n; i++)
        {
          check_field (words[i]);
          if (tags[i] != NULL)
            check_field (tags[i]);
        }
      prev_first_line = first_line;
      n_sentences++;
      CHECK (n_sentences <= n_lines);
    }
  if (error)
    {
      CHECK (error->domain == ALAMA_FORMAT_ERROR);
      /* Messages start with the name given, then the line. */
      CHECK (g_str_has_prefix (error->message, "fuzz.conll:"));
      CHECK (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
    }
  else
    {
      /* At the end, the reader stays at the end. */
      CHECK (!alama_conll_reader_next (reader, &error));
      CHECK (error == NULL);
    }

  alama_conll_reader_free (reader);
  fclose (stream);
  return 0;
}
