/* alama-conll-reader.c: read CoNLL-style files sentence by sentence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-conll-reader.h"

#include <errno.h>
#include <string.h>

G_DEFINE_QUARK (alama-format-error-quark, alama_format_error)

struct _AlamaConllReader
{
  FILE *stream;
  char *name;
  char *line;
  size_t line_size;
  guint line_number;
  guint first_line;
  GStringChunk *strings;
  GPtrArray *words;
  GPtrArray *tags;
  gboolean document_start;  /* a -DOCSTART- line since the last sentence */
  gboolean pending_start;   /* … seen while the current sentence was read */
};

/**
 * alama_conll_reader_new:
 * @stream: an open stream, read from its current position; not closed
 * @name: what to call it in error messages (a file name, "-")
 *
 * Returns: (transfer full): a reader
 */
AlamaConllReader *
alama_conll_reader_new (FILE       *stream,
                        const char *name)
{
  AlamaConllReader *self = g_new0 (AlamaConllReader, 1);

  self->stream = stream;
  self->name = g_strdup (name);
  self->strings = g_string_chunk_new (4096);
  self->words = g_ptr_array_new ();
  self->tags = g_ptr_array_new ();
  return self;
}

void
alama_conll_reader_free (AlamaConllReader *self)
{
  if (self == NULL)
    return;
  free (self->line);
  g_free (self->name);
  g_string_chunk_free (self->strings);
  g_ptr_array_unref (self->words);
  g_ptr_array_unref (self->tags);
  g_free (self);
}

/**
 * alama_conll_reader_next:
 * @reader: the reader
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Reads the next sentence.  Its words and tags stay valid until the next
 * call.  A word without a second column has a %NULL tag.
 *
 * Returns: %TRUE when a sentence was read; %FALSE at the end of the input
 *   or on error (then @error is set)
 */
gboolean
alama_conll_reader_next (AlamaConllReader *self,
                         GError          **error)
{
  ssize_t n;

  g_string_chunk_clear (self->strings);
  g_ptr_array_set_size (self->words, 0);
  g_ptr_array_set_size (self->tags, 0);
  self->document_start = self->pending_start;
  self->pending_start = FALSE;

  while ((n = getline (&self->line, &self->line_size, self->stream)) >= 0)
    {
      char *line = self->line;
      const char *end;
      char *word_end;
      char *tag;
      gsize len = (gsize) n;

      self->line_number++;
      /* g_utf8_validate() also fails on a NUL byte: look for one only
       * then, to tell which error it is. */
      if (!g_utf8_validate (line, n, &end))
        {
          if (memchr (line, '\0', (size_t) n) != NULL)
            g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                         "%s:%u: NUL byte in text", self->name, self->line_number);
          else
            g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                         "%s:%u:%ld: invalid UTF-8", self->name, self->line_number,
                         (long) (end - line) + 1);
          return FALSE;
        }
      /* A BOM on the first line is not part of the first word. */
      if (self->line_number == 1 && n >= 3 && memcmp (line, "\xef\xbb\xbf", 3) == 0)
        {
          line += 3;
          len -= 3;
        }
      /* What g_strchomp() does, with the length known; a line of blanks
       * ends up empty. */
      while (len > 0 && g_ascii_isspace (line[len - 1]))
        len--;
      line[len] = '\0';
      if (len == 0)
        {
          if (self->words->len > 0)
            return TRUE;
          continue;
        }
      if (g_str_has_prefix (line, "-DOCSTART-"))
        {
          if (self->words->len > 0)
            {
              self->pending_start = TRUE;
              return TRUE;
            }
          self->document_start = TRUE;
          continue;
        }
      {
        gsize lead = strspn (line, " \t");

        line += lead;
        len -= lead;
      }
      word_end = line + strcspn (line, " \t");
      tag = NULL;
      if (*word_end != '\0')
        {
          char *last = strrchr (word_end, ' ');
          char *last_tab = strrchr (word_end, '\t');

          if (last_tab > last)
            last = last_tab;
          tag = last + 1;
          *word_end = '\0';
          if (*tag == '\0')
            tag = NULL;
        }
      if (self->words->len == 0)
        self->first_line = self->line_number;
      g_ptr_array_add (self->words,
                       g_string_chunk_insert_len (self->strings, line, word_end - line));
      g_ptr_array_add (self->tags,
                       tag ? g_string_chunk_insert_len (self->strings, tag, line + len - tag)
                           : NULL);
    }
  if (ferror (self->stream))
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_IO, "%s: %s", self->name,
                   g_strerror (errno));
      return FALSE;
    }
  return self->words->len > 0;
}

guint
alama_conll_reader_get_n_words (AlamaConllReader *self)
{
  return self->words->len;
}

/**
 * alama_conll_reader_get_words:
 * @reader: the reader
 *
 * Returns: (transfer none) (array length=n_words): the sentence's words
 */
const char *const *
alama_conll_reader_get_words (AlamaConllReader *self)
{
  return (const char *const *) self->words->pdata;
}

/**
 * alama_conll_reader_get_tags:
 * @reader: the reader
 *
 * Returns: (transfer none): the sentence's tags, %NULL where a line had none
 */
const char *const *
alama_conll_reader_get_tags (AlamaConllReader *self)
{
  return (const char *const *) self->tags->pdata;
}

/**
 * alama_conll_reader_get_first_line:
 * @reader: the reader
 *
 * Returns: the line number (from 1) of the sentence's first word
 */
guint
alama_conll_reader_get_first_line (AlamaConllReader *self)
{
  return self->first_line;
}

/**
 * alama_conll_reader_starts_document:
 * @reader: the reader
 *
 * Returns: whether a "-DOCSTART-" line (the CoNLL 2003 document mark)
 *   came between the previous sentence and the current one, or before the
 *   first
 */
gboolean
alama_conll_reader_starts_document (AlamaConllReader *self)
{
  return self->document_start;
}
