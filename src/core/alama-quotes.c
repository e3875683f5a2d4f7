/* alama-quotes.c: short quotations in a sentence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-quotes.h"

#include <string.h>

/* Quotation marks, in pairs: an opening mark and the one that closes it
 * (the same for the straight marks). */
static const struct
{
  const char *open;
  const char *close;
} pairs[] = {
  { "\xc2\xab", "\xc2\xbb" },         /* « » */
  { "\xe2\x80\x9c", "\xe2\x80\x9d" }, /* “ ” */
  { "\"", "\"" },
  { "'", "'" },
};

static gboolean
is (const AlamaWord *w,
    const char      *mark)
{
  return w->len == strlen (mark) && memcmp (w->text, mark, w->len) == 0;
}

/* The pair that word @w opens, or -1. */
static int
opening_pair (const AlamaWord *w)
{
  if (w->kind != ALAMA_TOKEN_PUNCT)
    return -1;
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    if (is (w, pairs[p].open))
      return (int) p;
  return -1;
}

static gboolean
is_mark (const AlamaWord *w)
{
  if (w->kind != ALAMA_TOKEN_PUNCT)
    return FALSE;
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    if (is (w, pairs[p].open) || is (w, pairs[p].close))
      return TRUE;
  return FALSE;
}

/**
 * alama_quotes_find:
 * @words: (array length=n_words): one sentence
 * @n_words: how many words
 * @marks: (out caller-allocates) (array length=n_words): per word, its
 *   place in a quotation of 1 to %ALAMA_QUOTE_MAX_WORDS words
 *
 * Finds the quotations of a sentence: an opening mark, 1 to
 * %ALAMA_QUOTE_MAX_WORDS words, the mark that closes it.  An empty pair
 * (' ' written for a double mark) is skipped, so that its closing mark may
 * open the next quotation; a mark that nothing closes soon enough is
 * ignored.
 */
void
alama_quotes_find (const AlamaWord *words,
                   guint            n_words,
                   AlamaQuoteMark  *marks)
{
  for (guint i = 0; i < n_words; i++)
    marks[i] = (AlamaQuoteMark) { ALAMA_QUOTE_OUTSIDE, 0, -1 };

  for (guint i = 0; i < n_words; i++)
    {
      int p = opening_pair (&words[i]);
      guint end = MIN (n_words, i + ALAMA_QUOTE_MAX_WORDS + 2);
      guint j;
      gint before;

      if (p < 0)
        continue;
      for (j = i + 1; j < end && !is (&words[j], pairs[p].close); j++)
        ;
      if (j == end || j == i + 1)
        continue;
      before = (gint) i - 1;
      while (before >= 0 && is_mark (&words[before]))
        before--;
      for (guint k = i + 1; k < j; k++)
        {
          AlamaQuoteMark *m = &marks[k];

          m->n_words = (guint8) (j - i - 1);
          m->position = j == i + 2       ? ALAMA_QUOTE_ONLY
                        : k == i + 1     ? ALAMA_QUOTE_FIRST
                        : k == j - 1     ? ALAMA_QUOTE_LAST
                                         : ALAMA_QUOTE_MIDDLE;
          m->before = before;
        }
      i = j;
    }
}
