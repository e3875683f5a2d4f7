/* test-quotes.c: short quotations in a sentence (alama-quotes.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "alama-quotes.h"
#include "alama-tokenizer.h"

/* The words of @text as the tokenizer splits it (one sentence). */
static guint
split (const char *text,
       AlamaWord  *words,
       guint       max)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, FALSE, sizeof (AlamaToken));
  guint n = 0;

  alama_tokenize (text, strlen (text), tokens);
  for (guint t = 0; t < tokens->len && n < max; t++)
    {
      const AlamaToken *tok = &g_array_index (tokens, AlamaToken, t);

      words[n].text = text + tok->start_byte;
      words[n].len = tok->end_byte - tok->start_byte;
      words[n].kind = tok->kind;
      n++;
    }
  return n;
}

static guint
index_of (const AlamaWord *words,
          guint            n,
          const char      *word)
{
  for (guint i = 0; i < n; i++)
    if (words[i].len == strlen (word) && memcmp (words[i].text, word, words[i].len) == 0)
      return i;
  g_assert_not_reached ();
}

static void
assert_mark (const AlamaQuoteMark *m,
             AlamaQuotePosition    position,
             guint                 n_words,
             gint                  before)
{
  g_assert_cmpuint (m->position, ==, position);
  g_assert_cmpuint (m->n_words, ==, n_words);
  g_assert_cmpint (m->before, ==, before);
}

/* A programme's title after «برنامج»: its words, their places, and the
 * word that introduces it; the words outside are not marked. */
static void
test_title (void)
{
  AlamaWord words[32];
  AlamaQuoteMark marks[32];
  guint n = split ("قدم برنامج « حوار من القلب » على القناة .", words, 32);
  guint b = index_of (words, n, "برنامج");

  alama_quotes_find (words, n, marks);
  assert_mark (&marks[index_of (words, n, "حوار")], ALAMA_QUOTE_FIRST, 3, (gint) b);
  assert_mark (&marks[index_of (words, n, "من")], ALAMA_QUOTE_MIDDLE, 3, (gint) b);
  assert_mark (&marks[index_of (words, n, "القلب")], ALAMA_QUOTE_LAST, 3, (gint) b);
  assert_mark (&marks[b], ALAMA_QUOTE_OUTSIDE, 0, -1);
  assert_mark (&marks[index_of (words, n, "القناة")], ALAMA_QUOTE_OUTSIDE, 0, -1);
  assert_mark (&marks[index_of (words, n, "«")], ALAMA_QUOTE_OUTSIDE, 0, -1);
}

/* ANERcorp writes a double mark as two single ones: ' ' معاريف ' '.  The
 * empty pair is skipped, the word before both marks introduces the name;
 * “ ” and " " pair too, and a quotation may open the sentence. */
static void
test_marks (void)
{
  static const char *const cases[][3] = {
    /* text, the quoted word, the word before ("" for none) */
    { "ذكرت صحيفة ' ' معاريف ' ' أمس", "معاريف", "صحيفة" },
    { "ذكرت صحيفة “ هآرتس ” أمس", "هآرتس", "صحيفة" },
    { "ذكرت صحيفة \" يديعوت \" أمس", "يديعوت", "صحيفة" },
    { "« الأهرام » نشرت الخبر", "الأهرام", "" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      AlamaWord words[32];
      AlamaQuoteMark marks[32];
      guint n = split (cases[c][0], words, 32);

      alama_quotes_find (words, n, marks);
      assert_mark (&marks[index_of (words, n, cases[c][1])], ALAMA_QUOTE_ONLY, 1,
                   cases[c][2][0] ? (gint) index_of (words, n, cases[c][2]) : -1);
      for (guint i = 0; i < n; i++)
        if (i != index_of (words, n, cases[c][1]))
          assert_mark (&marks[i], ALAMA_QUOTE_OUTSIDE, 0, -1);
    }
}

/* Nothing is marked where no quotation of 1 to ALAMA_QUOTE_MAX_WORDS
 * words is closed: a mark never closed, marks that do not pair, an empty
 * pair, a long quotation (speech, not a name). */
static void
test_not_quotations (void)
{
  static const char *const texts[] = {
    "قال « إن الوضع صعب",
    "قال « إن الوضع \" صعب",
    "قال « » ثم سكت",
    "قال « إن الوضع في المنطقة صعب جدا ولا بد من حل سريع » ثم سكت",
    "",
  };

  for (guint c = 0; c < G_N_ELEMENTS (texts); c++)
    {
      AlamaWord words[32];
      AlamaQuoteMark marks[32];
      guint n = split (texts[c], words, 32);

      alama_quotes_find (words, n, marks);
      for (guint i = 0; i < n; i++)
        assert_mark (&marks[i], ALAMA_QUOTE_OUTSIDE, 0, -1);
    }
}

/* A quotation of exactly ALAMA_QUOTE_MAX_WORDS words still counts. */
static void
test_longest (void)
{
  AlamaWord words[32];
  AlamaQuoteMark marks[32];
  guint n = split ("عنوانه « واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية » فقط", words, 32);

  g_assert_cmpuint (n, ==, ALAMA_QUOTE_MAX_WORDS + 4);
  alama_quotes_find (words, n, marks);
  assert_mark (&marks[2], ALAMA_QUOTE_FIRST, ALAMA_QUOTE_MAX_WORDS, 0);
  assert_mark (&marks[ALAMA_QUOTE_MAX_WORDS + 1], ALAMA_QUOTE_LAST, ALAMA_QUOTE_MAX_WORDS, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/alama/quotes/title", test_title);
  g_test_add_func ("/alama/quotes/marks", test_marks);
  g_test_add_func ("/alama/quotes/not-quotations", test_not_quotations);
  g_test_add_func ("/alama/quotes/longest", test_longest);
  return g_test_run ();
}
