/* alama-snap.c: fitting a span of text to whole words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-snap.h"

#include "alama-clitics.h"
#include "alama-tokenizer.h"

/**
 * alama_snap_span:
 * @text: the UTF-8 text @tokens were made from
 * @tokens: (element-type AlamaToken): its tokens
 * @lexicon: (nullable): word-form counts, to tell a proclitic from a
 *   name's own first letter; without one, proclitics are kept
 * @start: (inout): where the span starts, in code points
 * @end: (inout): where it ends (excluded), in code points
 *
 * Snaps [*@start, *@end) to words: every token it touches (an empty span:
 * the token holding it) is taken whole, punctuation at either end is left
 * out, and so is a proclitic attached to the first word (و ب ل ك ف, the
 * article kept): part of «وبيروت» gives «بيروت».  A word that is all
 * proclitic letters stays whole.
 *
 * Returns: %FALSE when no word is left (the span is then unchanged)
 */
gboolean
alama_snap_span (const char         *text,
                 GArray             *tokens,
                 const AlamaLexicon *lexicon,
                 gsize              *start,
                 gsize              *end)
{
  const AlamaToken *t;
  guint first = G_MAXUINT;
  guint last = 0;
  gsize new_start;
  gsize new_end;

  g_return_val_if_fail (text != NULL && tokens != NULL, FALSE);
  g_return_val_if_fail (start != NULL && end != NULL && *start <= *end, FALSE);

  t = (const AlamaToken *) (gpointer) tokens->data;
  for (guint k = 0; k < tokens->len; k++)
    {
      gboolean touches = *start == *end ? t[k].start_char <= *start && *start <= t[k].end_char
                                        : t[k].start_char < *end && *start < t[k].end_char;

      if (!touches || t[k].kind == ALAMA_TOKEN_PUNCT)
        continue;
      if (first == G_MAXUINT)
        first = k;
      last = k;
      if (*start == *end)
        break;
    }
  if (first == G_MAXUINT)
    return FALSE;

  new_start = t[first].start_char;
  new_end = t[last].end_char;
  if (t[first].kind == ALAMA_TOKEN_ARABIC && lexicon)
    {
      gsize skip_chars = 0;

      alama_proclitic_span_start (text + t[first].start_byte,
                                  t[first].end_byte - t[first].start_byte, lexicon, &skip_chars);
      if (new_start + skip_chars < new_end)
        new_start += skip_chars;
    }
  *start = new_start;
  *end = new_end;
  return TRUE;
}

/**
 * alama_snap_resize:
 * @tokens: (element-type AlamaToken): the text's tokens
 * @edge: which end of the span moves
 * @extend: %TRUE to take in one more word, %FALSE to give one up
 * @start: (inout): where the span starts, in code points
 * @end: (inout): where it ends (excluded), in code points
 *
 * Moves one edge of [*@start, *@end) by a word, to a token boundary.
 * Extending an edge that falls inside a word first takes in the rest of
 * that word (a proclitic left out, say); otherwise it takes in the next
 * word on that side, and the punctuation between.  Shrinking gives up the
 * word at that edge (and any part of one) and the punctuation before the
 * word that is then at the edge; the last word is never given up.
 *
 * Returns: %FALSE when there is no word to take in or give up (the span
 *   is then unchanged)
 */
gboolean
alama_snap_resize (GArray        *tokens,
                   AlamaSnapEdge  edge,
                   gboolean       extend,
                   gsize         *start,
                   gsize         *end)
{
  const AlamaToken *t;
  gboolean found = FALSE;
  gsize best = 0;

  g_return_val_if_fail (tokens != NULL, FALSE);
  g_return_val_if_fail (start != NULL && end != NULL && *start < *end, FALSE);

  t = (const AlamaToken *) (gpointer) tokens->data;
  for (guint k = 0; k < tokens->len; k++)
    {
      const AlamaToken *w = &t[k];

      if (edge == ALAMA_SNAP_END && extend)
        {
          /* The nearest token end after *end, inside a word or the next
           * word's. */
          if (w->start_char < *end && *end < w->end_char)
            {
              best = w->end_char;
              found = TRUE;
              break;
            }
          if (w->kind != ALAMA_TOKEN_PUNCT && w->start_char >= *end)
            {
              best = w->end_char;
              found = TRUE;
              break;
            }
        }
      else if (edge == ALAMA_SNAP_END)
        {
          /* The last word's end before *end that keeps a word. */
          if (w->kind != ALAMA_TOKEN_PUNCT && w->end_char < *end && w->end_char > *start)
            {
              best = w->end_char;
              found = TRUE;
            }
        }
      else if (extend)
        {
          /* The nearest token start before *start. */
          if (w->start_char < *start && *start < w->end_char)
            {
              best = w->start_char;
              found = TRUE;
            }
          else if (w->kind != ALAMA_TOKEN_PUNCT && w->end_char <= *start)
            {
              best = w->start_char;
              found = TRUE;
            }
        }
      else
        {
          /* The first word's start after *start that keeps a word. */
          if (w->kind != ALAMA_TOKEN_PUNCT && w->start_char > *start && w->start_char < *end)
            {
              best = w->start_char;
              found = TRUE;
              break;
            }
        }
    }
  if (!found)
    return FALSE;
  if (edge == ALAMA_SNAP_END)
    *end = best;
  else
    *start = best;
  return TRUE;
}
