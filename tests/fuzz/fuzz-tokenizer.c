/* fuzz-tokenizer.c: libFuzzer target for the tokenizer and the normalizer.
 *
 * Every input that is valid UTF-8 is tokenized and each token is checked
 * against the promises of alama-tokenizer.h; each token and the whole text
 * are then normalized into exact-size buffers so that the address sanitizer
 * sees any write past ALAMA_NORMALIZED_MAX.  A broken promise aborts, which
 * libFuzzer reports as a crash with the input that caused it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "alama-normalizer.h"
#include "alama-tokenizer.h"
#include "alama-unicode.h"
#include "fuzz-check.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A message on stderr tells which promise broke; the input itself is saved
 * by libFuzzer. */

static gboolean
is_boundary (const char *text,
             gsize       len,
             gsize       byte)
{
  return byte == len || (byte < len && ((guchar) text[byte] & 0xC0) != 0x80);
}

static gboolean
tokens_equal (const AlamaToken *a,
              const AlamaToken *b)
{
  return a->start_byte == b->start_byte && a->end_byte == b->end_byte
         && a->start_char == b->start_char && a->end_char == b->end_char
         && a->kind == b->kind && !a->sentence_end == !b->sentence_end;
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0085 || c == 0x2028 || c == 0x2029;
}

static void
check_normalized (const char *word,
                  gsize       len,
                  gsize       small_size)
{
  gsize max = ALAMA_NORMALIZED_MAX (len);
  /* Exactly the documented size, so that one byte too many is an ASan
   * report rather than silent corruption. */
  char *out = g_malloc (max);
  /* Far larger than any mapping can need: tells whether the bound above
   * cut anything. */
  gsize big_size = len * 8 + 16;
  char *big = g_malloc (big_size);
  char *small = g_malloc (small_size);
  char *dup;
  gsize n, n_big, n_small;

  n = alama_normalize (word, len, out, max);
  CHECK (n < max);
  CHECK (out[n] == '\0');
  CHECK (strlen (out) == n);
  CHECK (g_utf8_validate_len (out, n, NULL));

  n_big = alama_normalize (word, len, big, big_size);
  CHECK (n_big == n);
  CHECK (memcmp (big, out, n) == 0);

  /* A small buffer cuts the output at a character boundary, so what is
   * left is a valid prefix of the full form. */
  n_small = alama_normalize (word, len, small, small_size);
  CHECK (n_small < small_size);
  CHECK (small[n_small] == '\0');
  CHECK (n_small <= n);
  CHECK (memcmp (small, out, n_small) == 0);
  CHECK (g_utf8_validate_len (small, n_small, NULL));

  dup = alama_normalize_dup (word, (gssize) len);
  CHECK (strlen (dup) == n);
  CHECK (memcmp (dup, out, n) == 0);

  g_free (dup);
  g_free (small);
  g_free (big);
  g_free (out);
}

static void
check_tokens (const char *text,
              gsize       len,
              GArray     *tokens,
              guint       first)
{
  gsize prev_end_byte = 0;
  gsize prev_end_char = 0;
  guint in_sentence = 0;

  for (guint i = first; i < tokens->len; i++)
    {
      const AlamaToken *tok = &g_array_index (tokens, AlamaToken, i);
      gsize start_char, end_char;

      CHECK (tok->kind >= ALAMA_TOKEN_ARABIC && tok->kind <= ALAMA_TOKEN_EMAIL);
      CHECK (strcmp (alama_token_kind_to_string (tok->kind), "unknown") != 0);

      /* Sorted, non-empty, non-overlapping, inside the text, on
       * character boundaries. */
      CHECK (tok->start_byte >= prev_end_byte);
      CHECK (tok->start_byte < tok->end_byte);
      CHECK (tok->end_byte <= len);
      CHECK (tok->start_char < tok->end_char);
      CHECK (tok->start_char >= prev_end_char);
      CHECK (is_boundary (text, len, tok->start_byte));
      CHECK (is_boundary (text, len, tok->end_byte));

      /* Character offsets are recounted from the previous token's end, so
       * the whole check stays linear in the input. */
      start_char = prev_end_char
                   + (gsize) g_utf8_pointer_to_offset (text + prev_end_byte,
                                                       text + tok->start_byte);
      end_char = start_char
                 + (gsize) g_utf8_pointer_to_offset (text + tok->start_byte,
                                                     text + tok->end_byte);
      CHECK (tok->start_char == start_char);
      CHECK (tok->end_char == end_char);
      CHECK (tok->end_char - tok->start_char <= tok->end_byte - tok->start_byte);

      /* Whitespace and stray marks between tokens belong to no token: a
       * token neither starts nor ends with one, and holds no space. */
      {
        const char *p = text + tok->start_byte;
        const char *end = text + tok->end_byte;
        gunichar first_c = g_utf8_get_char (p);
        gunichar last_c = g_utf8_get_char (g_utf8_prev_char (end));

        CHECK (!alama_unichar_is_format_mark (first_c));
        CHECK (!alama_unichar_is_format_mark (last_c));
        CHECK (first_c != ALAMA_TATWEEL);
        CHECK (!alama_unichar_is_arabic_mark (first_c));
        CHECK (!g_unichar_ismark (first_c));
        for (; p < end; p = g_utf8_next_char (p))
          CHECK (!g_unichar_isspace (g_utf8_get_char (p)));
      }

      /* A line break between two tokens ends the sentence of the first. */
      for (const char *p = text + prev_end_byte; i > first && p < text + tok->start_byte;
           p = g_utf8_next_char (p))
        if (is_line_break (g_utf8_get_char (p)))
          CHECK (g_array_index (tokens, AlamaToken, i - 1).sentence_end);

      in_sentence++;
      CHECK (in_sentence <= ALAMA_MAX_SENTENCE_TOKENS);
      if (tok->sentence_end)
        in_sentence = 0;

      check_normalized (text + tok->start_byte, tok->end_byte - tok->start_byte,
                        1 + (tok->end_byte % 7));

      prev_end_byte = tok->end_byte;
      prev_end_char = tok->end_char;
    }

  if (tokens->len > first)
    CHECK (g_array_index (tokens, AlamaToken, tokens->len - 1).sentence_end);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* libFuzzer's buffer has exactly @size bytes and no terminator, which is
   * what alama_tokenize() must cope with. */
  const char *text = (const char *) data;
  GArray *tokens;
  GArray *appended;
  AlamaToken sentinel = { 0 };

  if (!g_utf8_validate_len (text, size, NULL))
    return 0;

  tokens = g_array_new (FALSE, TRUE, sizeof (AlamaToken));
  alama_tokenize (text, size, tokens);
  check_tokens (text, size, tokens, 0);

  /* Appending to an array that already holds tokens gives the same tokens:
   * sentence state must not leak from the caller's earlier tokens. */
  appended = g_array_new (FALSE, TRUE, sizeof (AlamaToken));
  g_array_append_val (appended, sentinel);
  alama_tokenize (text, size, appended);
  CHECK (appended->len == tokens->len + 1);
  CHECK (tokens_equal (&g_array_index (appended, AlamaToken, 0), &sentinel));
  for (guint i = 0; i < tokens->len; i++)
    CHECK (tokens_equal (&g_array_index (appended, AlamaToken, i + 1),
                         &g_array_index (tokens, AlamaToken, i)));

  check_normalized (text, size, 1 + (size % 13));

  g_array_unref (appended);
  g_array_unref (tokens);
  return 0;
}
