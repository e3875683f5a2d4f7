/* alama-find.c: finding text the way a reader spells it.
 *
 * The text is normalized once, character by character, with the rules of
 * alama_normalize() (no diacritics or tatweel, one alef, ya for alef
 * maqsura, ha for ta marbuta); each byte of the normalized copy remembers
 * the character of the text it comes from.  A needle, normalized the same
 * way, is looked for in the copy, and each match maps back to a span of
 * the original text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-find.h"

#include <string.h>

#include "alama-normalizer.h"

struct _AlamaFindIndex
{
  GString *normalized;
  /* For each byte of normalized, the offset of the original character it
   * comes from, in characters. */
  GArray *char_of_byte; /* gsize */
  gsize n_chars;
};

/**
 * alama_find_index_new:
 * @text: UTF-8 text
 * @len: its length in bytes, or -1 when it is nul-terminated
 *
 * Returns: (transfer full): an index to search @text with
 */
AlamaFindIndex *
alama_find_index_new (const char *text,
                      gssize      len)
{
  AlamaFindIndex *index = g_new0 (AlamaFindIndex, 1);
  const char *p;
  const char *end;
  char out[ALAMA_NORMALIZED_MAX (8)];

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = (gssize) strlen (text);
  end = text + len;
  index->normalized = g_string_sized_new ((gsize) len);
  index->char_of_byte = g_array_sized_new (FALSE, FALSE, sizeof (gsize), (guint) len);
  for (p = text; p < end; p = g_utf8_next_char (p))
    {
      gsize char_len = (gsize) (g_utf8_next_char (p) - p);
      gsize n = alama_normalize (p, char_len, out, sizeof out);

      g_string_append_len (index->normalized, out, (gssize) n);
      for (gsize k = 0; k < n; k++)
        g_array_append_val (index->char_of_byte, index->n_chars);
      index->n_chars++;
    }
  return index;
}

void
alama_find_index_free (AlamaFindIndex *index)
{
  if (index == NULL)
    return;
  g_string_free (index->normalized, TRUE);
  g_array_unref (index->char_of_byte);
  g_free (index);
}

/**
 * alama_find_index_search:
 * @index: an index
 * @needle: what to look for, in any spelling
 *
 * Returns: (transfer full): the matches, in text order and not
 *   overlapping, as pairs of gsize: the start and end (excluded) of each,
 *   in characters of the original text.  A match takes in the diacritics
 *   and tatweel that follow its last letter.  Empty when @needle is empty
 *   or only diacritics.
 */
GArray *
alama_find_index_search (AlamaFindIndex *index,
                         const char     *needle)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *key = NULL;
  gsize key_len;
  const char *haystack;
  const char *found;

  g_return_val_if_fail (index != NULL, matches);
  g_return_val_if_fail (needle != NULL, matches);

  key = alama_normalize_dup (needle, -1);
  key_len = strlen (key);
  if (key_len == 0)
    return matches;
  haystack = index->normalized->str;
  for (found = strstr (haystack, key); found; found = strstr (found + key_len, key))
    {
      gsize start_byte = (gsize) (found - haystack);
      gsize end_byte = start_byte + key_len;
      gsize span[2];

      span[0] = g_array_index (index->char_of_byte, gsize, start_byte);
      span[1] = end_byte < index->normalized->len
                    ? g_array_index (index->char_of_byte, gsize, end_byte)
                    : index->n_chars;
      g_array_append_vals (matches, span, 2);
    }
  return matches;
}
