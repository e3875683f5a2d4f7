/* alama-normalizer.c: Arabic orthographic normalization for features.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-normalizer.h"

#include <string.h>

#include "alama-unicode.h"

/* Maps one character to its normalized form, or 0 to drop it. */
static gunichar
normalize_char (gunichar c)
{
  int digit;

  if (alama_unichar_is_ignorable (c))
    return 0;
  switch (c)
    {
    case 0x0622: /* آ */
    case 0x0623: /* أ */
    case 0x0625: /* إ */
    case 0x0671: /* ٱ */
    case 0x0672:
    case 0x0673:
      return 0x0627; /* ا */
    case 0x0649: /* ى */
    case 0x06CC: /* Persian yeh */
    case 0x064A:
      return 0x064A; /* ي */
    case 0x0629: /* ة */
    case 0x06C0:
      return 0x0647; /* ه */
    case 0x06A9: /* Persian keheh */
      return 0x0643; /* ك */
    default:
      break;
    }
  digit = alama_unichar_digit_value (c);
  if (digit >= 0)
    return (gunichar) ('0' + digit);
  if (c < 0x80)
    return (gunichar) g_ascii_tolower ((char) c);
  if (c >= 0xFB50 && c <= 0xFEFC)
    {
      /* Presentation forms: compatibility decomposition gives the letter. */
      gunichar d[4];
      gsize n = g_unichar_fully_decompose (c, TRUE, d, G_N_ELEMENTS (d));

      /* Characters of the block without a decomposition (the variation
       * selectors after an emoji, the ornate parentheses) come back as
       * themselves; recursing on them would never end. */
      if (n == 1 && d[0] != c)
        return normalize_char (d[0]);
    }
  return g_unichar_tolower (c);
}

/* The lam-alef ligatures U+FEF5–U+FEFC stand for two letters, lam and a
 * form of alef, so that "ﻻ" must compare equal to "لا".  Stores the alef
 * in @alef and returns lam, or returns 0 for any other character.  A third
 * character of the decomposition is the hamza or madda of the alef, which
 * normalization drops anyway. */
static gunichar
split_lam_alef (gunichar  c,
                gunichar *alef)
{
  gunichar d[4];

  if (c < 0xFEF5 || c > 0xFEFC)
    return 0;
  if (g_unichar_fully_decompose (c, TRUE, d, G_N_ELEMENTS (d)) < 2)
    return 0;
  *alef = normalize_char (d[1]);
  return normalize_char (d[0]);
}

/* Appends @c to @out when it fits with the terminating nul, so that the
 * output is always cut at a character boundary. */
static gboolean
append_char (gunichar  c,
             char     *out,
             gsize     out_size,
             gsize    *n)
{
  gsize char_len = (gsize) g_unichar_to_utf8 (c, NULL);

  if (*n + char_len + 1 > out_size)
    return FALSE;
  *n += (gsize) g_unichar_to_utf8 (c, out + *n);
  return TRUE;
}

/**
 * alama_normalize:
 * @word: UTF-8 text, valid
 * @len: length of @word in bytes
 * @out: (out caller-allocates): buffer for the normalized form
 * @out_size: size of @out in bytes; %ALAMA_NORMALIZED_MAX(@len) always fits
 *
 * Writes the feature form of @word into @out, nul-terminated: diacritics,
 * tatweel, joiners and bidi marks dropped; أ إ آ ٱ → ا; ى → ي; ة → ه;
 * Arabic-Indic digits → ASCII digits; presentation forms → letters (a
 * lam-alef ligature → two letters); lower case for other scripts.
 * Output that would not fit is cut at a character boundary.
 *
 * Returns: the length of the normalized form in bytes
 */
gsize
alama_normalize (const char *word,
                 gsize       len,
                 char       *out,
                 gsize       out_size)
{
  const char *p = word;
  const char *end = word + len;
  gsize n = 0;

  g_return_val_if_fail (out != NULL && out_size > 0, 0);

  while (p < end)
    {
      gunichar in = g_utf8_get_char (p);
      gunichar alef = 0;
      gunichar lam = split_lam_alef (in, &alef);
      gunichar c = lam != 0 ? lam : normalize_char (in);

      p = g_utf8_next_char (p);
      if (c != 0 && !append_char (c, out, out_size, &n))
        break;
      if (alef != 0 && !append_char (alef, out, out_size, &n))
        break;
    }
  out[n] = '\0';
  return n;
}

/**
 * alama_normalize_dup:
 * @word: UTF-8 text, valid
 * @len: length in bytes, or -1 when @word is nul-terminated
 *
 * Returns: (transfer full): the normalized form of @word; free with g_free()
 */
char *
alama_normalize_dup (const char *word,
                     gssize      len)
{
  gsize n = len < 0 ? strlen (word) : (gsize) len;
  char *out = g_malloc (ALAMA_NORMALIZED_MAX (n));

  alama_normalize (word, n, out, ALAMA_NORMALIZED_MAX (n));
  return out;
}
