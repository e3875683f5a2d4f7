/* fuzz-extract.c: libFuzzer target for the whole recognizer.
 *
 * Every input that is valid UTF-8 goes through alama_recognizer_recognize()
 * with the built-in model, with and without dates, and the entities are
 * checked against the promises of alama-entity.h: sorted, not overlapping,
 * inside the text, on character boundaries, character and byte offsets
 * telling the same span, a known type, a confidence in [0, 1].  The same
 * text recognized again gives the same entities, and tagging the
 * tokenizer's sentences word by word gives only the model's labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "alama-recognizer.h"
#include "alama-tokenizer.h"
#include "fuzz-check.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);


/* Made once: loading the model and growing the recognizers' buffers is not
 * what is being fuzzed, and reusing them is what extract does too. */
static AlamaModel *model;
static AlamaRecognizer *with_dates;
static AlamaRecognizer *without_dates;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr (GError) error = NULL;

  model = alama_model_new_builtin (&error);
  if (model == NULL)
    {
      fprintf (stderr, "fuzz-extract: %s\n", error->message);
      exit (1);
    }
  with_dates = alama_recognizer_new (model);
  without_dates = alama_recognizer_new (model);
  alama_recognizer_set_dates (without_dates, FALSE);
  return 0;
}

static gboolean
is_boundary (const char *text,
             gsize       len,
             gsize       byte)
{
  return byte == len || (byte < len && ((guchar) text[byte] & 0xC0) != 0x80);
}

static gboolean
is_known_type (const char *type)
{
  if (strcmp (type, "DATE") == 0)
    return TRUE;
  for (guint t = 0; t < alama_model_get_n_types (model); t++)
    if (strcmp (type, alama_model_get_type_name (model, t)) == 0)
      return TRUE;
  return FALSE;
}

static void
check_entities (const char *text,
                gsize       len,
                GArray     *entities,
                gboolean    dates)
{
  gsize prev_end_byte = 0;
  gsize prev_end_char = 0;

  for (guint i = 0; i < entities->len; i++)
    {
      const AlamaEntity *e = &g_array_index (entities, AlamaEntity, i);
      gsize start_char, end_char;

      CHECK (e->start_byte < e->end_byte);
      CHECK (e->end_byte <= len);
      CHECK (e->start_char < e->end_char);
      /* Sorted and not overlapping. */
      CHECK (e->start_byte >= prev_end_byte);
      CHECK (e->start_char >= prev_end_char);
      CHECK (is_boundary (text, len, e->start_byte));
      CHECK (is_boundary (text, len, e->end_byte));

      /* Counted on from the previous entity's end, so that the check stays
       * linear in the input. */
      start_char = prev_end_char
                   + (gsize) g_utf8_pointer_to_offset (text + prev_end_byte,
                                                       text + e->start_byte);
      end_char = start_char
                 + (gsize) g_utf8_pointer_to_offset (text + e->start_byte, text + e->end_byte);
      CHECK (e->start_char == start_char);
      CHECK (e->end_char == end_char);

      CHECK (e->type != NULL);
      CHECK (is_known_type (e->type));
      CHECK (dates || strcmp (e->type, "DATE") != 0);
      CHECK (!isnan (e->confidence));
      CHECK (e->confidence >= 0.0f && e->confidence <= 1.0f);
      CHECK (memchr (e->when, '\0', sizeof e->when) != NULL);
      CHECK (e->when[0] == '\0' || strcmp (e->type, "DATE") == 0);

      prev_end_byte = e->end_byte;
      prev_end_char = e->end_char;
    }
}

/* What tag does: each sentence of the tokenizer, as words, gets one of the
 * model's labels per word. */
static void
check_tags (const char *text,
            gsize       len)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, FALSE, sizeof (AlamaToken));
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (AlamaWord));
  guint first = 0;

  alama_tokenize (text, len, tokens);
  for (guint i = 0; i < tokens->len; i++)
    {
      const AlamaToken *tok = &g_array_index (tokens, AlamaToken, i);
      const char *const *tags;
      guint n;

      if (!tok->sentence_end)
        continue;
      n = i + 1 - first;
      g_array_set_size (words, n);
      for (guint k = 0; k < n; k++)
        {
          const AlamaToken *t = &g_array_index (tokens, AlamaToken, first + k);
          AlamaWord *w = &g_array_index (words, AlamaWord, k);

          w->text = text + t->start_byte;
          w->len = t->end_byte - t->start_byte;
          /* Guessed, as tag does, rather than taken from the tokenizer. */
          w->kind = alama_word_guess_kind (w->text, w->len);
        }
      tags = alama_recognizer_tag_words (with_dates, (const AlamaWord *) words->data, n);
      CHECK (tags != NULL);
      for (guint k = 0; k < n; k++)
        {
          CHECK (tags[k] != NULL);
          CHECK (strcmp (tags[k], "O") == 0
                 || ((tags[k][0] == 'B' || tags[k][0] == 'I') && tags[k][1] == '-'
                     && strcmp (tags[k] + 2, "DATE") != 0 && is_known_type (tags[k] + 2)));
        }
      first = i + 1;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* libFuzzer's buffer has exactly @size bytes and no terminator. */
  const char *text = (const char *) data;
  g_autoptr (GArray) entities = NULL;
  g_autoptr (GArray) again = NULL;
  g_autoptr (GArray) no_dates = NULL;

  if (!g_utf8_validate_len (text, size, NULL))
    return 0;

  entities = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
  again = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
  no_dates = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));

  alama_recognizer_recognize (with_dates, text, size, entities);
  check_entities (text, size, entities, TRUE);

  /* Nothing from this text stays behind in the recognizer's buffers. */
  alama_recognizer_recognize (with_dates, text, size, again);
  CHECK (alama_entities_equal (entities, again));

  alama_recognizer_recognize (without_dates, text, size, no_dates);
  check_entities (text, size, no_dates, FALSE);

  check_tags (text, size);
  return 0;
}
