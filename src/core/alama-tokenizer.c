/* alama-tokenizer.c: split raw UTF-8 text into tokens and sentences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-tokenizer.h"

#include <string.h>

#include "alama-unicode.h"

/* A cursor over valid UTF-8 that counts characters as it goes. */
typedef struct
{
  const char *text;
  gsize len;
  gsize byte;
  gsize chr;
} Cursor;

static gunichar
peek_at (const Cursor *cur,
         gsize         byte)
{
  if (byte >= cur->len)
    return 0;
  return g_utf8_get_char (cur->text + byte);
}

static gunichar
peek (const Cursor *cur)
{
  return peek_at (cur, cur->byte);
}

static gsize
next_byte (const Cursor *cur,
           gsize         byte)
{
  return (gsize) (g_utf8_next_char (cur->text + byte) - cur->text);
}

static void
advance (Cursor *cur)
{
  cur->byte = next_byte (cur, cur->byte);
  cur->chr++;
}

static gboolean
is_space (gunichar c)
{
  /* The zero-width space is a format character for Unicode, but web text
   * uses it to separate words without showing a gap. */
  return g_unichar_isspace (c) || c == 0x0085 || c == 0x200B;
}

static gboolean
is_newline (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0085 || c == 0x2028 || c == 0x2029;
}

/* alama_unichar_is_arabic_letter() takes the presentation-form blocks
 * whole, and they also hold the ornate parentheses ﴾ ﴿ that frame Quranic
 * quotations, and a few symbols: only real letters make a word. */
static gboolean
is_arabic_letter (gunichar c)
{
  return alama_unichar_is_arabic_letter (c) && g_unichar_isalpha (c);
}

static gboolean
is_other_letter (gunichar c)
{
  /* Tatweel and the small waw and yeh are modifier letters for Unicode but
   * marks for Arabic: they never start a word of another script. */
  return !is_arabic_letter (c) && !alama_unichar_is_ignorable (c)
         && g_unichar_isalpha (c);
}

static gboolean
is_combining (gunichar c)
{
  return alama_unichar_is_arabic_mark (c) || c == ALAMA_TATWEEL
         || g_unichar_ismark (c);
}

static gboolean
is_sentence_final (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x061F || c == 0x2026
         || c == 0x06D4 || c == 0x3002;
}

static gboolean
is_closing (gunichar c)
{
  return c == ')' || c == ']' || c == '}' || c == '"' || c == '\''
         || c == 0x00BB || c == 0x201D || c == 0x2019 || c == 0x203A;
}

static gboolean
has_prefix_ascii_nocase (const Cursor *cur,
                         const char   *prefix)
{
  gsize n = strlen (prefix);

  return cur->len - cur->byte >= n
         && g_ascii_strncasecmp (cur->text + cur->byte, prefix, n) == 0;
}

/* Characters that end a URL or e-mail address when they close it. */
static gboolean
is_trailing_url_punct (gunichar c)
{
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?'
         || c == 0x060C || c == 0x061B || c == 0x061F || is_closing (c)
         || c == 0x00AB || c == '(' || c == '[';
}

/* Consumes a run of non-space characters from the cursor, then gives back
 * trailing punctuation; parentheses inside the URL are kept when balanced. */
static void
scan_url (Cursor *cur)
{
  gsize last_good_byte = cur->byte;
  gsize last_good_chr = cur->chr;
  int depth = 0;

  while (cur->byte < cur->len)
    {
      gunichar c = peek (cur);

      if (is_space (c) || c == '<' || c == '>' || c == 0x00AB || c == 0x00BB
          || c == '"' || alama_unichar_is_format_mark (c))
        break;
      if (c == '(')
        depth++;
      else if (c == ')')
        {
          if (depth == 0)
            break;
          depth--;
        }
      advance (cur);
      if (!is_trailing_url_punct (c) || (c == ')' && depth >= 0))
        {
          last_good_byte = cur->byte;
          last_good_chr = cur->chr;
        }
    }
  cur->byte = last_good_byte;
  cur->chr = last_good_chr;
}

static gboolean
is_email_local_char (gunichar c)
{
  return g_ascii_isalnum ((int) c) && c < 0x80
         ? TRUE
         : (c == '.' || c == '_' || c == '%' || c == '+' || c == '-');
}

static gboolean
is_domain_char (gunichar c)
{
  return (c < 0x80 && g_ascii_isalnum ((int) c)) || c == '-' || c == '.';
}

/* Returns the byte length of an e-mail address starting at the cursor, or 0.
 * Only ASCII addresses are recognised; the trailing dot of a sentence is not
 * part of the address, nor are the dots of "..." before it.
 *
 * When there is no address, *@fail_end is set to where the scan of the local
 * part stopped: no address can start before that byte either, and the
 * caller skips the scan there so that a long run of local-part characters
 * split into many tokens ("a_b_c_…") costs linear time, not quadratic. */
static gsize
email_length (const Cursor *cur,
              gsize        *fail_end)
{
  gsize i = cur->byte;
  gsize at;
  gsize end;
  gboolean dot = FALSE;

  if (cur->text[i] == '.')
    return 0;
  while (i < cur->len && (guchar) cur->text[i] < 0x80
         && is_email_local_char ((guchar) cur->text[i]))
    i++;
  *fail_end = i;
  if (i == cur->byte || i >= cur->len || cur->text[i] != '@')
    return 0;
  at = i++;
  while (i < cur->len && (guchar) cur->text[i] < 0x80
         && is_domain_char ((guchar) cur->text[i]))
    i++;
  end = i;
  while (end > at + 1 && (cur->text[end - 1] == '.' || cur->text[end - 1] == '-'))
    end--;
  for (gsize j = at + 1; j < end; j++)
    if (cur->text[j] == '.')
      dot = TRUE;
  if (end <= at + 1 || !dot || cur->text[at + 1] == '.')
    return 0;
  return end - cur->byte;
}

/* Latin abbreviations written with dots: "U.S.", "e.g." (two or more single
 * letters each followed by a dot).  Returns the byte length or 0. */
static gsize
dotted_abbreviation_length (const Cursor *cur)
{
  gsize i = cur->byte;
  int letters = 0;

  while (i + 1 < cur->len && (guchar) cur->text[i] < 0x80
         && g_ascii_isalpha (cur->text[i]) && cur->text[i + 1] == '.')
    {
      letters++;
      i += 2;
    }
  if (letters < 2)
    return 0;
  /* "U.S.A" without a final dot still ends with a letter. */
  if (i < cur->len && (guchar) cur->text[i] < 0x80 && g_ascii_isalpha (cur->text[i])
      && (i + 1 >= cur->len || !g_ascii_isalnum (cur->text[i + 1])))
    i++;
  return i - cur->byte;
}

/* Titles that take a dot in Latin text and do not end a sentence. */
static gboolean
is_latin_title_abbreviation (const char *s,
                             gsize       len)
{
  static const char *const titles[] = { "Mr", "Mrs", "Ms", "Dr", "Prof", "St",
                                        "Jr", "Sr", "Inc", "Ltd", "Co", "Corp",
                                        "Gen", "Col", "Lt", "Sgt", "No", "vs",
                                        "etc", "Mt", "Ft" };

  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    if (strlen (titles[i]) == len && strncmp (titles[i], s, len) == 0)
      return TRUE;
  return FALSE;
}

static void
skip_in_word_marks (Cursor    *cur,
                    gboolean (*is_letter) (gunichar))
{
  /* Joiners and bidi marks stay in a word only between two of its letters. */
  while (cur->byte < cur->len)
    {
      gunichar c = peek (cur);

      if (is_combining (c))
        {
          advance (cur);
          continue;
        }
      if (alama_unichar_is_format_mark (c))
        {
          gsize b = cur->byte;

          while (b < cur->len && alama_unichar_is_format_mark (peek_at (cur, b)))
            b = next_byte (cur, b);
          if (b < cur->len && is_letter (peek_at (cur, b)))
            {
              while (cur->byte < b)
                advance (cur);
              continue;
            }
        }
      break;
    }
}

static void
scan_arabic_word (Cursor *cur)
{
  while (cur->byte < cur->len && is_arabic_letter (peek (cur)))
    {
      advance (cur);
      skip_in_word_marks (cur, is_arabic_letter);
    }
}

static gboolean
is_latin_word_char (gunichar c)
{
  return is_other_letter (c) || (c < 0x80 && g_ascii_isdigit ((int) c));
}

static void
scan_latin_word (Cursor *cur)
{
  while (cur->byte < cur->len)
    {
      gunichar c = peek (cur);

      if (is_latin_word_char (c))
        {
          advance (cur);
          skip_in_word_marks (cur, is_other_letter);
          continue;
        }
      /* Inner apostrophes and hyphens join: O'Brien, al-Qaeda. */
      if ((c == '\'' || c == 0x2019 || c == '-')
          && is_other_letter (peek_at (cur, next_byte (cur, cur->byte))))
        {
          advance (cur);
          continue;
        }
      break;
    }
}

static gboolean
is_number_separator (gunichar c)
{
  return c == '.' || c == ',' || c == ':' || c == '/' || c == '-' || c == 0x066B
         || c == 0x066C || c == 0x060C;
}

static void
scan_number (Cursor *cur)
{
  while (cur->byte < cur->len)
    {
      gunichar c = peek (cur);

      if (alama_unichar_digit_value (c) >= 0)
        {
          advance (cur);
          continue;
        }
      /* A separator stays inside only between two digits: "3.5", "11/9". The
       * Arabic comma joins only thousands groups of three digits. */
      if (is_number_separator (c))
        {
          gsize after = next_byte (cur, cur->byte);

          if (alama_unichar_digit_value (peek_at (cur, after)) >= 0)
            {
              if (c == 0x060C)
                {
                  gsize b = after;
                  int n = 0;

                  while (b < cur->len && alama_unichar_digit_value (peek_at (cur, b)) >= 0)
                    {
                      b = next_byte (cur, b);
                      n++;
                    }
                  if (n != 3)
                    break;
                }
              advance (cur);
              continue;
            }
        }
      break;
    }
}

static void
scan_punct (Cursor *cur)
{
  gunichar first = peek (cur);

  advance (cur);
  while (cur->byte < cur->len && peek (cur) == first)
    advance (cur);
  /* "?!" and "؟!" read as one mark. */
  while (cur->byte < cur->len && is_sentence_final (first)
         && is_sentence_final (peek (cur)) && peek (cur) != '.')
    advance (cur);
}

/**
 * alama_tokenize:
 * @text: valid UTF-8 (the caller validates it), not necessarily
 *   nul-terminated
 * @len: length of @text in bytes
 * @tokens: (element-type AlamaToken): an array that the tokens are appended to
 *
 * Splits @text into tokens, marking the last token of each sentence.  A
 * sentence ends at sentence-final punctuation (with the closing quotes or
 * brackets that follow it), at a line break, at the end of the text, or
 * after %ALAMA_MAX_SENTENCE_TOKENS tokens.  Offsets are absolute: the first
 * token of @text starts at byte 0 and character 0.
 *
 * Allocates nothing but what @tokens needs to grow.
 */
void
alama_tokenize (const char *text,
                gsize       len,
                GArray     *tokens)
{
  Cursor cur = { text, len, 0, 0 };
  guint sentence_first = tokens->len;
  gboolean close_pending = FALSE;
  gsize no_email_before = 0;

  g_return_if_fail (text != NULL || len == 0);
  g_return_if_fail (tokens != NULL);

  while (cur.byte < cur.len)
    {
      gunichar c = peek (&cur);
      AlamaToken tok = { 0 };
      gsize n;

      /* Marks and tatweel with no letter before them have nothing to
       * combine with: like stray joiners, they belong to no token. */
      if (is_space (c) || alama_unichar_is_format_mark (c) || is_combining (c))
        {
          if (is_newline (c) && tokens->len > sentence_first)
            {
              g_array_index (tokens, AlamaToken, tokens->len - 1).sentence_end = TRUE;
              sentence_first = tokens->len;
              close_pending = FALSE;
            }
          advance (&cur);
          continue;
        }

      tok.start_byte = cur.byte;
      tok.start_char = cur.chr;

      if (has_prefix_ascii_nocase (&cur, "http://") || has_prefix_ascii_nocase (&cur, "https://")
          || has_prefix_ascii_nocase (&cur, "ftp://") || has_prefix_ascii_nocase (&cur, "www."))
        {
          tok.kind = ALAMA_TOKEN_URL;
          scan_url (&cur);
        }
      else if (cur.byte >= no_email_before && (n = email_length (&cur, &no_email_before)) > 0)
        {
          tok.kind = ALAMA_TOKEN_EMAIL;
          while (cur.byte < tok.start_byte + n)
            advance (&cur);
        }
      else if (is_arabic_letter (c))
        {
          tok.kind = ALAMA_TOKEN_ARABIC;
          scan_arabic_word (&cur);
        }
      else if ((n = dotted_abbreviation_length (&cur)) > 0)
        {
          tok.kind = ALAMA_TOKEN_LATIN;
          while (cur.byte < tok.start_byte + n)
            advance (&cur);
        }
      else if (is_other_letter (c))
        {
          tok.kind = ALAMA_TOKEN_LATIN;
          scan_latin_word (&cur);
          if (peek (&cur) == '.'
              && is_latin_title_abbreviation (text + tok.start_byte, cur.byte - tok.start_byte))
            advance (&cur);
        }
      else if (alama_unichar_digit_value (c) >= 0)
        {
          tok.kind = ALAMA_TOKEN_NUMBER;
          scan_number (&cur);
        }
      else
        {
          tok.kind = ALAMA_TOKEN_PUNCT;
          scan_punct (&cur);
        }

      g_assert (cur.byte > tok.start_byte);
      tok.end_byte = cur.byte;
      tok.end_char = cur.chr;

      /* Closing quotes and brackets right after a full stop stay in its
       * sentence: «… انتهى.»  A straight quote can open the next sentence
       * as well, so it closes this one only when nothing separates it from
       * the stop.  The sentence still may not grow past its limit. */
      if (close_pending)
        {
          const AlamaToken *prev = &g_array_index (tokens, AlamaToken, tokens->len - 1);

          if (tok.kind == ALAMA_TOKEN_PUNCT && is_closing (c)
              && ((c != '"' && c != '\'') || prev->end_byte == tok.start_byte)
              && tokens->len - sentence_first < ALAMA_MAX_SENTENCE_TOKENS)
            {
              g_array_index (tokens, AlamaToken, tokens->len - 1).sentence_end = FALSE;
              tok.sentence_end = TRUE;
              g_array_append_val (tokens, tok);
              continue;
            }
          sentence_first = tokens->len;
          close_pending = FALSE;
        }

      if (tok.kind == ALAMA_TOKEN_PUNCT && is_sentence_final (c))
        {
          tok.sentence_end = TRUE;
          close_pending = TRUE;
        }
      else if (tokens->len + 1 - sentence_first >= ALAMA_MAX_SENTENCE_TOKENS)
        {
          tok.sentence_end = TRUE;
          sentence_first = tokens->len + 1;
        }
      g_array_append_val (tokens, tok);
    }

  if (tokens->len > sentence_first || close_pending)
    if (tokens->len > 0)
      g_array_index (tokens, AlamaToken, tokens->len - 1).sentence_end = TRUE;
}

const char *
alama_token_kind_to_string (AlamaTokenKind kind)
{
  switch (kind)
    {
    case ALAMA_TOKEN_ARABIC:
      return "arabic";
    case ALAMA_TOKEN_LATIN:
      return "latin";
    case ALAMA_TOKEN_NUMBER:
      return "number";
    case ALAMA_TOKEN_PUNCT:
      return "punct";
    case ALAMA_TOKEN_URL:
      return "url";
    case ALAMA_TOKEN_EMAIL:
      return "email";
    default:
      return "unknown";
    }
}
