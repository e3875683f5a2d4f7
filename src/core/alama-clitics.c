/* alama-clitics.c: Arabic proclitics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-clitics.h"

#include <string.h>

#include "alama-normalizer.h"
#include "alama-unicode.h"

#define ALEF 0x0627
#define LAM 0x0644

static gboolean
is_conjunction (gunichar c)
{
  return c == 0x0648 /* و */ || c == 0x0641 /* ف */;
}

static gboolean
is_preposition (gunichar c)
{
  return c == 0x0628 /* ب */ || c == LAM || c == 0x0643 /* ك */;
}

/* Decodes up to @max characters of a normalized word. */
static gsize
decode (const char *s,
        gsize       len,
        gunichar   *chars,
        gsize      *offsets,
        gsize       max)
{
  gsize n = 0;
  const char *p = s;

  while (p < s + len && n < max)
    {
      offsets[n] = (gsize) (p - s);
      chars[n++] = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
    }
  offsets[n] = (gsize) (p - s);
  return n;
}

static void
set_stem (AlamaClitics *out,
          const char   *prefix,
          const char   *s,
          gsize         len)
{
  gsize p = strlen (prefix);

  if (p + len >= sizeof out->stem)
    {
      len = sizeof out->stem - 1 - p;
      /* Never cut a character in half: s[len] is inside the word here. */
      while (len > 0 && (s[len] & 0xC0) == 0x80)
        len--;
    }
  memcpy (out->stem, prefix, p);
  memcpy (out->stem + p, s, len);
  out->stem_len = p + len;
  out->stem[out->stem_len] = '\0';
}

/**
 * alama_clitics_analyze:
 * @normalized: a word in normalized form
 * @len: its length in bytes
 * @out: (out caller-allocates): the analysis
 *
 * Splits off, greedily, a conjunction (و ف), then a preposition (ب ل ك),
 * then the article, as long as at least two letters remain.  Greedy means
 * wrong for some words (وزير is not و + زير); the analysis feeds features,
 * where the learner weighs it against the whole word.
 */
void
alama_clitics_analyze (const char   *normalized,
                       gsize         len,
                       AlamaClitics *out)
{
  gunichar c[8];
  gsize off[9];
  gsize n = decode (normalized, len, c, off, 7);
  gsize total = g_utf8_strlen (normalized, (gssize) len);
  gsize i = 0;
  gboolean assimilated = FALSE;

  out->pattern = 0;
  if (n >= 1 && is_conjunction (c[0]) && total - 1 >= 3)
    {
      out->pattern |= 1;
      i = 1;
    }
  if (i < n && is_preposition (c[i]) && total - i - 1 >= 3)
    {
      /* لل is ل + ال with the alef dropped. */
      if (c[i] == LAM && i + 1 < n && c[i + 1] == LAM && total - i - 2 >= 2)
        assimilated = TRUE;
      out->pattern |= 2;
      i++;
    }
  if (assimilated)
    {
      out->pattern |= 4;
      set_stem (out, "\xd8\xa7", normalized + off[i], len - off[i]);
      out->bare_offset = 4;
      return;
    }
  set_stem (out, "", normalized + off[i], len - off[i]);
  out->bare_offset = 0;
  if (i + 1 < n && c[i] == ALEF && c[i + 1] == LAM && total - i - 2 >= 2)
    {
      out->pattern |= 4;
      out->bare_offset = off[i + 2] - off[i];
    }
}

/* How often the lexicon saw a normalized form inside a name: a form that
 * is common as an ordinary word (يلي in ليلى) is no evidence of a name. */
static guint32
attested_as_name (const AlamaLexicon *lexicon,
                  const char         *s,
                  gsize               len)
{
  guint32 in_name = 0;

  alama_lexicon_lookup (lexicon, s, len, NULL, &in_name);
  return in_name;
}

/**
 * alama_proclitic_span_start:
 * @word: the first word of a name as written (UTF-8, may carry marks)
 * @len: its length in bytes
 * @lexicon: (nullable): word-form counts
 * @skip_chars: (out): how many characters the name's span leaves out
 *
 * Decides whether @word starts with proclitics that are not part of the
 * name.  Letters that look like proclitics often belong to a name (بغداد،
 * فلسطين، كندا، لبنان، وهران، وليد), so letters are left out only on
 * evidence: among the whole word and each way of splitting proclitics off,
 * the reading whose rest the lexicon has seen most often inside names wins,
 * the whole word on ties.  A rest that starts with the article (وبالعراق،
 * للعراق) counts one more, so it wins when the lexicon knows neither.
 *
 * Returns: how many bytes the span leaves out (0 when the whole word is
 *   the name)
 */
gsize
alama_proclitic_span_start (const char         *word,
                            gsize               len,
                            const AlamaLexicon *lexicon,
                            gsize              *skip_chars)
{
  char norm[256];
  gunichar c[8];
  gsize off[9];
  gsize nlen;
  gsize n;
  gsize total_letters;
  gsize max_prefix = 0;
  gsize best_k;
  guint64 best_score;
  const char *p;

  *skip_chars = 0;
  if (ALAMA_NORMALIZED_MAX (len) > sizeof norm)
    return 0;
  nlen = alama_normalize (word, len, norm, sizeof norm);
  n = decode (norm, nlen, c, off, 7);
  total_letters = g_utf8_strlen (norm, (gssize) nlen);
  if (n >= 1 && is_conjunction (c[0]))
    max_prefix = 1;
  if (max_prefix < n && is_preposition (c[max_prefix]))
    max_prefix++;
  if (max_prefix == 0)
    return 0;

  /* Each reading of the word scores how often the lexicon saw its name
   * part inside names; an article-initial rest gets one point more, so that
   * it wins when nothing is known.  The whole word wins ties. */
  best_k = 0;
  best_score = attested_as_name (lexicon, norm, nlen);
  for (gsize k = 1; k <= max_prefix; k++)
    {
      const char *rest = norm + off[k];
      gsize rest_len = nlen - off[k];
      gsize rest_letters = total_letters - k;
      gboolean article;
      char stem[260];
      gsize stem_len;
      guint64 score;

      if (rest_letters < 2)
        continue;
      /* للعراق = ل + (ا)لعراق: the lam left is the article's. */
      if (c[k - 1] == LAM && k < n && c[k] == LAM && rest_letters >= 3)
        {
          stem[0] = '\xd8';
          stem[1] = '\xa7';
          memcpy (stem + 2, rest, rest_len);
          stem_len = rest_len + 2;
          article = TRUE;
        }
      else
        {
          memcpy (stem, rest, rest_len);
          stem_len = rest_len;
          article = k + 1 < n && c[k] == ALEF && c[k + 1] == LAM && rest_letters >= 4;
        }
      /* A rest of two letters is too short to be a name on its own. */
      if (!article && rest_letters < 3)
        continue;
      score = (guint64) attested_as_name (lexicon, stem, stem_len) + (article ? 1 : 0);
      if (score > best_score)
        {
          best_score = score;
          best_k = k;
        }
    }

  /* Map best_k normalized letters back to the written word: skip that many
   * letters and the marks, tatweel and joiners written after each. */
  p = word;
  for (gsize letter = 0; letter < best_k && p < word + len; letter++)
    {
      p = g_utf8_next_char (p);
      (*skip_chars)++;
      while (p < word + len && alama_unichar_is_ignorable (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          (*skip_chars)++;
        }
    }
  return (gsize) (p - word);
}
