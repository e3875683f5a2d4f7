/* test-features.c: tests for the feature extractor.
 *
 * Features are opaque hashes, so the tests compare rows with each other
 * rather than with fixed values: what must be equal, what must differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "alama-clitics.h"
#include "alama-common-words.h"
#include "alama-context.h"
#include "alama-features.h"
#include "alama-gazetteer.h"
#include "alama-hash.h"
#include "alama-lexicon.h"
#include "alama-normalizer.h"

/* Fills @words from nul-terminated strings. */
static void
make_words (const char *const *strings,
            guint              n,
            AlamaWord         *words)
{
  for (guint i = 0; i < n; i++)
    {
      words[i].text = strings[i];
      words[i].len = strlen (strings[i]);
      words[i].kind = alama_word_guess_kind (strings[i], words[i].len);
    }
}

/* A copy of the rows, which the extractor overwrites on its next call. */
static guint64 *
extract (AlamaFeatures     *features,
         const char *const *strings,
         guint              n)
{
  g_autofree AlamaWord *words = g_new (AlamaWord, MAX (n, 1));
  const guint64 *rows;

  make_words (strings, n, words);
  rows = alama_features_extract (features, words, n, NULL);
  g_assert_nonnull (rows);
  return g_memdup2 (rows, (gsize) MAX (n, 1) * ALAMA_MAX_FEATURES * sizeof (guint64));
}

static const guint64 *
row (const guint64 *rows,
     guint          i)
{
  return rows + (gsize) i * ALAMA_MAX_FEATURES;
}

static guint
row_len (const guint64 *r)
{
  guint k = 0;

  while (k < ALAMA_MAX_FEATURES && r[k] != 0)
    k++;
  return k;
}

static gboolean
row_has (const guint64 *r,
         guint64        feature)
{
  for (guint k = 0; k < ALAMA_MAX_FEATURES && r[k] != 0; k++)
    if (r[k] == feature)
      return TRUE;
  return FALSE;
}

static gboolean
rows_equal (const guint64 *a,
            const guint64 *b)
{
  return memcmp (a, b, ALAMA_MAX_FEATURES * sizeof (guint64)) == 0;
}

static const char *sentence[] = {
  "قال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "إن", "الأمم", "المتحدة",
  "يجب", "أن", "تتحرك", ".",
};

static const char *other_sentence[] = {
  "وقعت", "الهجمات", "في", "11", "سبتمبر", "2001", "في", "نيويورك", "،", "وقال", "جورج",
  "بوش", "Bush", "http://example.org", "😀", "«", "القاعدة", "»", "مسؤولة", "؟",
};

static void
test_repeatable (void)
{
  g_autoptr (AlamaFeatures) features = alama_features_new (NULL);
  guint n = G_N_ELEMENTS (sentence);
  g_autofree guint64 *first = extract (features, sentence, n);
  g_autofree guint64 *other = extract (features, other_sentence, G_N_ELEMENTS (other_sentence));
  g_autofree guint64 *second = extract (features, sentence, n);
  g_autoptr (AlamaFeatures) fresh = alama_features_new (NULL);
  g_autofree guint64 *third = extract (fresh, sentence, n);

  /* Scratch reused after a longer sentence, or a new extractor: the same
   * hashes. */
  g_assert_nonnull (other);
  g_assert_cmpmem (first, n * ALAMA_MAX_FEATURES * sizeof (guint64), second,
                   n * ALAMA_MAX_FEATURES * sizeof (guint64));
  g_assert_cmpmem (first, n * ALAMA_MAX_FEATURES * sizeof (guint64), third,
                   n * ALAMA_MAX_FEATURES * sizeof (guint64));
}

static void
check_rows (const guint64 *rows,
            guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      const guint64 *r = row (rows, i);
      guint len = row_len (r);

      /* Rows are 0-terminated: nothing after the first empty slot. */
      for (guint k = len; k < ALAMA_MAX_FEATURES; k++)
        g_assert_cmpuint (r[k], ==, 0);
      g_assert_cmpuint (len, >, 10);
    }
}

static void
test_row_layout (void)
{
  g_autoptr (AlamaFeatures) features = alama_features_new (NULL);
  g_autofree guint64 *a = extract (features, sentence, G_N_ELEMENTS (sentence));
  g_autofree guint64 *b = extract (features, other_sentence, G_N_ELEMENTS (other_sentence));
  const char *one[] = { "باريس" };
  g_autofree guint64 *c = extract (features, one, 1);

  check_rows (a, G_N_ELEMENTS (sentence));
  check_rows (b, G_N_ELEMENTS (other_sentence));
  check_rows (c, 1);
}

/* One feature fires on every word of every sentence: the bias. */
static void
test_bias (void)
{
  g_autoptr (AlamaFeatures) features = alama_features_new (NULL);
  g_autofree guint64 *a = extract (features, sentence, G_N_ELEMENTS (sentence));
  g_autofree guint64 *b = extract (features, other_sentence, G_N_ELEMENTS (other_sentence));
  const char *one[] = { "." };
  g_autofree guint64 *c = extract (features, one, 1);
  guint n_common = 0;

  for (guint k = 0; k < row_len (row (a, 0)); k++)
    {
      guint64 f = row (a, 0)[k];
      gboolean everywhere = row_has (row (c, 0), f);

      for (guint i = 0; everywhere && i < G_N_ELEMENTS (sentence); i++)
        everywhere = row_has (row (a, i), f);
      for (guint i = 0; everywhere && i < G_N_ELEMENTS (other_sentence); i++)
        everywhere = row_has (row (b, i), f);
      n_common += everywhere;
    }
  g_assert_cmpuint (n_common, ==, 1);
}

static void
test_context (void)
{
  g_autoptr (AlamaFeatures) features = alama_features_new (NULL);
  const char *a[] = { "قال", "الرئيس", "محمد", "علي", "في", "بيروت" };
  const char *b[] = { "قال", "الرئيس", "محمد", "عبده", "في", "بيروت" };
  const char *c[] = { "قال", "الوزير", "محمد", "علي", "في", "بيروت" };
  g_autofree guint64 *ra = extract (features, a, G_N_ELEMENTS (a));
  g_autofree guint64 *rb = extract (features, b, G_N_ELEMENTS (b));
  g_autofree guint64 *rc = extract (features, c, G_N_ELEMENTS (c));

  /* محمد's row sees the next word and the one before. */
  g_assert_false (rows_equal (row (ra, 2), row (rb, 2)));
  g_assert_false (rows_equal (row (ra, 2), row (rc, 2)));
  /* A word two away is seen too. */
  g_assert_false (rows_equal (row (ra, 1), row (rb, 1)));
  g_assert_false (rows_equal (row (ra, 5), row (rb, 5)));
  /* The changed word's own row changes; far words do not see it. */
  g_assert_false (rows_equal (row (ra, 3), row (rb, 3)));
  g_assert_true (rows_equal (row (ra, 0), row (rb, 0)));
  g_assert_true (rows_equal (row (ra, 5), row (rc, 5)));

  /* The sentence's edges are context too: the same word alone, first or
   * last has different rows. */
  {
    const char *alone[] = { "بيروت" };
    const char *first[] = { "بيروت", "في" };
    g_autofree guint64 *r1 = extract (features, alone, 1);
    g_autofree guint64 *r2 = extract (features, first, 2);

    g_assert_false (rows_equal (row (r1, 0), row (r2, 0)));
    g_assert_false (rows_equal (row (r2, 0), row (ra, 5)));
  }
}

/* Spellings that differ only in hamza, diacritics, tatweel or marks
 * normalize alike, so they share the features of the normalized word, and
 * words two away, which see only a neighbour's normalized form, cannot
 * tell them apart. */
static void
test_normalized (void)
{
  g_autoptr (AlamaFeatures) features = alama_features_new (NULL);
  const char *spellings[] = { "أحمد", "احمد", "أَحْمَد", "أحـمد", "أَحْمَدُ" };
  guint64 *rows[G_N_ELEMENTS (spellings)];
  const char *unrelated[] = { "قال", "الرئيس", "محمد", "في", "بيروت" };
  g_autofree guint64 *unrelated_rows = extract (features, unrelated, 5);
  guint shared = 0;

  for (guint s = 0; s < G_N_ELEMENTS (spellings); s++)
    {
      const char *words[] = { "قال", "الرئيس", spellings[s], "في", "بيروت" };

      rows[s] = extract (features, words, G_N_ELEMENTS (words));
    }

  for (guint s = 1; s < G_N_ELEMENTS (spellings); s++)
    {
      g_test_message ("spelling %u", s);
      g_assert_true (rows_equal (row (rows[0], 0), row (rows[s], 0)));
      g_assert_true (rows_equal (row (rows[0], 4), row (rows[s], 4)));
      g_assert_false (rows_equal (row (rows[0], 2), row (rows[s], 2)));
    }
  /* Without marks, the hamza alone changes nothing the neighbours see. */
  g_assert_true (rows_equal (row (rows[0], 1), row (rows[1], 1)));
  g_assert_true (rows_equal (row (rows[0], 3), row (rows[1], 3)));

  /* Features of the word itself common to all spellings and absent from
   * another name in the same place: the normalized word's. */
  for (guint k = 0; k < row_len (row (rows[0], 2)); k++)
    {
      guint64 f = row (rows[0], 2)[k];
      gboolean everywhere = !row_has (row (unrelated_rows, 2), f);

      for (guint s = 1; everywhere && s < G_N_ELEMENTS (spellings); s++)
        everywhere = row_has (row (rows[s], 2), f);
      shared += everywhere;
    }
  g_assert_cmpuint (shared, >=, 1);

  for (guint s = 0; s < G_N_ELEMENTS (spellings); s++)
    g_free (rows[s]);
}

/* While training, a word's own occurrence is left out of the lexicon
 * counts it sees, so that it looks like a word seen in new text. */
static void
test_held_out (void)
{
  g_autoptr (AlamaLexiconBuilder) with = alama_lexicon_builder_new ();
  g_autoptr (AlamaLexiconBuilder) without = alama_lexicon_builder_new ();
  AlamaLexicon with_view, without_view;
  AlamaWord word;
  const guint8 held_out[] = { 2 };
  guint64 counted[ALAMA_MAX_FEATURES];
  guint64 left_out[ALAMA_MAX_FEATURES];
  guint64 unseen[ALAMA_MAX_FEATURES];
  AlamaFeatures *features;

  alama_lexicon_builder_add (with, "محمد", strlen ("محمد"), TRUE);
  alama_lexicon_builder_add (with, "علي", strlen ("علي"), TRUE);
  alama_lexicon_builder_add (without, "علي", strlen ("علي"), TRUE);
  g_assert_cmpuint (alama_lexicon_builder_size (with), ==, 2);
  alama_lexicon_builder_view (with, &with_view);
  alama_lexicon_builder_view (without, &without_view);
  make_words ((const char *const[]){ "محمد" }, 1, &word);

  features = alama_features_new (&with_view);
  memcpy (counted, alama_features_extract (features, &word, 1, NULL), sizeof counted);
  memcpy (left_out, alama_features_extract (features, &word, 1, held_out), sizeof left_out);
  alama_features_free (features);
  features = alama_features_new (&without_view);
  memcpy (unseen, alama_features_extract (features, &word, 1, NULL), sizeof unseen);
  alama_features_free (features);

  g_assert_false (rows_equal (counted, unseen));
  g_assert_true (rows_equal (left_out, unseen));
}

static void
test_odd_words (void)
{
  g_autoptr (AlamaFeatures) features = alama_features_new (NULL);
  GString *huge = g_string_new (NULL);
  AlamaWord words[4];
  const guint64 *rows;

  for (guint i = 0; i < 5000; i++)
    g_string_append (huge, i % 7 ? "ب" : "َ");
  words[0] = (AlamaWord) { huge->str, huge->len, ALAMA_TOKEN_ARABIC };
  words[1] = (AlamaWord) { "", 0, ALAMA_TOKEN_PUNCT };
  words[2] = (AlamaWord) { "ـ", strlen ("ـ"), ALAMA_TOKEN_ARABIC };
  words[3] = (AlamaWord) { "ﻻ", strlen ("ﻻ"), ALAMA_TOKEN_ARABIC };
  rows = alama_features_extract (features, words, 4, NULL);
  check_rows (rows, 4);

  /* No words: nothing to read, nothing to crash on. */
  g_assert_nonnull (alama_features_extract (features, words, 0, NULL));
  g_string_free (huge, TRUE);
}

static void
test_guess_kind (void)
{
  const struct
  {
    const char *word;
    AlamaTokenKind kind;
  } cases[] = {
    { "محمد", ALAMA_TOKEN_ARABIC },
    { "أَحْمَد", ALAMA_TOKEN_ARABIC },
    { "ـمحمد", ALAMA_TOKEN_ARABIC },
    { "ﻻ", ALAMA_TOKEN_ARABIC },
    { "Paris", ALAMA_TOKEN_LATIN },
    { "UN", ALAMA_TOKEN_LATIN },
    { "Élysée", ALAMA_TOKEN_LATIN },
    { "Москва", ALAMA_TOKEN_LATIN },
    { "2001", ALAMA_TOKEN_NUMBER },
    { "٢٠٠١", ALAMA_TOKEN_NUMBER },
    { "۱۴۰۰", ALAMA_TOKEN_NUMBER },
    { "3.5", ALAMA_TOKEN_NUMBER },
    { "11/9/2001", ALAMA_TOKEN_NUMBER },
    { "http://example.org", ALAMA_TOKEN_URL },
    { "https://ar.wikipedia.org/wiki/بيروت", ALAMA_TOKEN_URL },
    { "www.aljazeera.net", ALAMA_TOKEN_URL },
    { "info@example.org", ALAMA_TOKEN_EMAIL },
    { ".", ALAMA_TOKEN_PUNCT },
    { "،", ALAMA_TOKEN_PUNCT },
    { "؟", ALAMA_TOKEN_PUNCT },
    { "«", ALAMA_TOKEN_PUNCT },
    { "...", ALAMA_TOKEN_PUNCT },
    { "😀", ALAMA_TOKEN_PUNCT },
    { "", ALAMA_TOKEN_PUNCT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      g_assert_cmpint (alama_word_guess_kind (cases[i].word, strlen (cases[i].word)), ==,
                       cases[i].kind);
    }
}

/* Builds a small dictionary of ordinary words. */
static AlamaWordSetBuilder *
small_dictionary (void)
{
  static const char text[] = "# a comment line\n"
                             "كتاب\n"
                             "سيارة\n"
                             "قال\n"
                             "\n"
                             "معلم  \r\n";
  AlamaWordSetBuilder *builder = alama_word_set_builder_new ();

  g_assert_cmpuint (alama_word_set_builder_add_lines (builder, text, strlen (text), NULL), ==, 4);
  g_assert_cmpuint (alama_word_set_builder_size (builder), ==, 4);
  return builder;
}

static AlamaCommonWord
classify (const AlamaWordSet *set,
          const char         *word)
{
  g_autofree char *norm = alama_normalize_dup (word, -1);
  AlamaClitics clitics;

  alama_clitics_analyze (norm, strlen (norm), &clitics);
  return alama_common_word_classify (set, norm, strlen (norm), &clitics);
}

static void
test_common_words (void)
{
  g_autoptr (AlamaWordSetBuilder) builder = small_dictionary ();
  AlamaWordSet set;
  AlamaWordSet empty = { NULL, 0 };

  alama_word_set_builder_view (builder, &set);
  g_assert_true (alama_word_set_contains (&set, "كتاب", strlen ("كتاب")));
  g_assert_false (alama_word_set_contains (&set, "كتب", strlen ("كتب")));
  g_assert_false (alama_word_set_contains (&set, "", 0));

  g_assert_cmpint (classify (&set, "كتاب"), ==, ALAMA_COMMON_WORD_EXACT);
  g_assert_cmpint (classify (&set, "كِتَاب"), ==, ALAMA_COMMON_WORD_EXACT);
  g_assert_cmpint (classify (&set, "والكتاب"), ==, ALAMA_COMMON_WORD_EXACT);
  g_assert_cmpint (classify (&set, "بالسيارة"), ==, ALAMA_COMMON_WORD_EXACT);
  g_assert_cmpint (classify (&set, "معلمون"), ==, ALAMA_COMMON_WORD_INFLECTED);
  g_assert_cmpint (classify (&set, "كتابها"), ==, ALAMA_COMMON_WORD_INFLECTED);
  g_assert_cmpint (classify (&set, "السيارات"), ==, ALAMA_COMMON_WORD_INFLECTED);
  g_assert_cmpint (classify (&set, "بيروت"), ==, ALAMA_COMMON_WORD_UNKNOWN);
  g_assert_cmpint (classify (&set, "قالت"), ==, ALAMA_COMMON_WORD_UNKNOWN);
  g_assert_cmpint (classify (&empty, "كتاب"), ==, ALAMA_COMMON_WORD_NONE);
  g_assert_cmpint (classify (NULL, "كتاب"), ==, ALAMA_COMMON_WORD_NONE);
}

/* The training corpus's counts keep names out of the dictionary. */
static void
test_common_words_names (void)
{
  static const char text[] = "محمد\nكتاب\n";
  g_autoptr (AlamaLexiconBuilder) lexicon = alama_lexicon_builder_new ();
  g_autoptr (AlamaWordSetBuilder) builder = alama_word_set_builder_new ();
  AlamaLexicon view;
  AlamaWordSet set;

  for (guint i = 0; i < 3; i++)
    alama_lexicon_builder_add (lexicon, "محمد", strlen ("محمد"), i < 2);
  alama_lexicon_builder_add (lexicon, "كتاب", strlen ("كتاب"), TRUE);
  alama_lexicon_builder_view (lexicon, &view);
  g_assert_cmpuint (alama_word_set_builder_add_lines (builder, text, strlen (text), &view), ==, 1);
  alama_word_set_builder_view (builder, &set);
  g_assert_cmpint (classify (&set, "محمد"), ==, ALAMA_COMMON_WORD_UNKNOWN);
  g_assert_cmpint (classify (&set, "كتاب"), ==, ALAMA_COMMON_WORD_EXACT);
}

/* The list compiled into the library is the hunspell-derived one. */
static void
test_common_words_builtin (void)
{
  g_autoptr (AlamaWordSetBuilder) builder = alama_word_set_builder_new ();
  AlamaWordSet set;

  g_assert_cmpuint (alama_word_set_builder_add_builtin (builder, NULL), >, 50000);
  alama_word_set_builder_view (builder, &set);
  g_assert_cmpint (classify (&set, "والكتاب"), ==, ALAMA_COMMON_WORD_EXACT);
  g_assert_cmpint (classify (&set, "على"), ==, ALAMA_COMMON_WORD_EXACT);
  g_assert_cmpint (classify (&set, "فولكسفاغن"), ==, ALAMA_COMMON_WORD_UNKNOWN);
}

/* Matches of a gazetteer over a sentence, one byte per word. */
static void
match (const AlamaGazetteer *gazetteer,
       const char *const    *strings,
       guint                 n,
       guint8               *out)
{
  g_autofree guint64 *hashes = g_new (guint64, 3 * n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *norm = alama_normalize_dup (strings[i], -1);
      gsize len = strlen (norm);
      AlamaClitics clitics;

      alama_clitics_analyze (norm, len, &clitics);
      hashes[3 * i] = alama_hash_bytes (norm, len);
      hashes[3 * i + 1] = g_str_has_prefix (norm, "و") ? alama_hash_bytes (norm + 2, len - 2)
                                                        : hashes[3 * i];
      hashes[3 * i + 2] = alama_hash_bytes (clitics.stem, clitics.stem_len);
    }
  alama_gazetteer_match (gazetteer, hashes, 3, 3 * sizeof (guint64), n, out);
}

#define B(t) (1u << ALAMA_GAZETTEER_##t)
#define I(t) (16u << ALAMA_GAZETTEER_##t)

static void
test_gazetteer (void)
{
  static const char places[] = "# places\nبيروت\nالولايات المتحدة\nالولايات المتحدة الأمريكية\n"
                               "نيو\nإلى\n";
  static const char people[] = "علي\nأبو بكر\n";
  g_autoptr (AlamaGazetteerBuilder) builder = alama_gazetteer_builder_new ();
  g_autoptr (AlamaLexiconBuilder) lexicon = alama_lexicon_builder_new ();
  AlamaLexicon counts;
  AlamaGazetteer gazetteer;
  AlamaGazetteer empty = { NULL, NULL, 0 };
  guint8 out[8];

  /* إلى is an ordinary word in the "corpus": left out of the places. */
  for (guint i = 0; i < 4; i++)
    alama_lexicon_builder_add (lexicon, "إلى", strlen ("إلى"), FALSE);
  alama_lexicon_builder_view (lexicon, &counts);
  g_assert_cmpuint (alama_gazetteer_builder_add_lines (builder, ALAMA_GAZETTEER_LOC, places,
                                                       strlen (places), &counts), ==, 4);
  g_assert_cmpuint (alama_gazetteer_builder_add_lines (builder, ALAMA_GAZETTEER_PERS, people,
                                                       strlen (people), &counts), ==, 2);
  g_assert_false (alama_gazetteer_builder_add (builder, ALAMA_GAZETTEER_LOC, "ا ب ج د ه و",
                                               strlen ("ا ب ج د ه و"), NULL));
  alama_gazetteer_builder_view (builder, &gazetteer);

  /* Longest match first, then the next word; a proclitic on the first
   * word is stripped; diacritics and hamza spellings do not matter. */
  match (&gazetteer,
         (const char *const[]){ "زار", "عَلِي", "والولايات", "المتحدة", "الامريكية", "في",
                                "بيروت", "إلى" },
         8, out);
  g_assert_cmpuint (out[0], ==, 0);
  g_assert_cmpuint (out[1], ==, B (PERS));
  g_assert_cmpuint (out[2], ==, B (LOC));
  g_assert_cmpuint (out[3], ==, I (LOC));
  g_assert_cmpuint (out[4], ==, I (LOC));
  g_assert_cmpuint (out[5], ==, 0);
  g_assert_cmpuint (out[6], ==, B (LOC));
  g_assert_cmpuint (out[7], ==, 0);

  /* A prefix alone is no hit ("أبو" without "بكر"); the shorter entry is
   * found when the longer one breaks off. */
  match (&gazetteer, (const char *const[]){ "أبو", "علي", "الولايات", "المتحدة", "وبيروت" }, 5,
         out);
  g_assert_cmpuint (out[0], ==, 0);
  g_assert_cmpuint (out[1], ==, B (PERS));
  g_assert_cmpuint (out[2], ==, B (LOC));
  g_assert_cmpuint (out[3], ==, I (LOC));
  g_assert_cmpuint (out[4], ==, B (LOC));

  /* No gazetteer: no hits. */
  match (&empty, (const char *const[]){ "بيروت" }, 1, out);
  g_assert_cmpuint (out[0], ==, 0);
  match (NULL, (const char *const[]){ "بيروت" }, 1, out);
  g_assert_cmpuint (out[0], ==, 0);
}

static void
test_gazetteer_builtin (void)
{
  g_autoptr (AlamaGazetteerBuilder) builder = alama_gazetteer_builder_new ();
  AlamaGazetteer gazetteer;
  guint8 out[4];

  g_assert_cmpuint (alama_gazetteer_builder_add_builtin (builder, NULL), >, 5000);
  alama_gazetteer_builder_view (builder, &gazetteer);
  match (&gazetteer, (const char *const[]){ "في", "فرنسا", "الأمم", "المتحدة" }, 4, out);
  g_assert_cmpuint (out[1] & B (LOC), !=, 0);
  g_assert_cmpuint (out[2] & B (ORG), !=, 0);
  g_assert_cmpuint (out[3] & I (ORG), !=, 0);
}

/* The dictionary and gazetteer features appear only when the extractor
 * has the data, and they tell an ordinary word from a name. */
static void
test_lexical_features (void)
{
  g_autoptr (AlamaWordSetBuilder) dictionary = small_dictionary ();
  g_autoptr (AlamaGazetteerBuilder) places = alama_gazetteer_builder_new ();
  g_autoptr (AlamaFeatures) plain = alama_features_new (NULL);
  g_autoptr (AlamaFeatures) rich = alama_features_new (NULL);
  AlamaWordSet set;
  AlamaGazetteer gazetteer;
  const char *const words_a[] = { "قال", "كتاب", "بيروت" };
  const char *const words_b[] = { "قال", "كتاب", "طرابلس" };
  g_autofree guint64 *without = NULL;
  g_autofree guint64 *with = NULL;
  g_autofree guint64 *with_other = NULL;
  g_autofree guint64 *without_other = NULL;

  alama_word_set_builder_view (dictionary, &set);
  alama_gazetteer_builder_add (places, ALAMA_GAZETTEER_LOC, "بيروت", strlen ("بيروت"), NULL);
  alama_gazetteer_builder_view (places, &gazetteer);
  alama_features_set_lexical_data (rich, &set, &gazetteer);

  without = extract (plain, words_a, 3);
  with = extract (rich, words_a, 3);
  check_rows (with, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (row_len (row (with, i)), >, row_len (row (without, i)));

  /* بيروت is in the gazetteer, طرابلس is not: the last rows differ beyond
   * the word itself, and so does the row before (its right neighbour). */
  with_other = extract (rich, words_b, 3);
  without_other = extract (plain, words_b, 3);
  g_assert_cmpuint (row_len (row (with, 2)) - row_len (row (without, 2)), >,
                    row_len (row (with_other, 2)) - row_len (row (without_other, 2)));
  g_assert_false (rows_equal (row (with, 1), row (with_other, 1)));

  /* Empty data is no data. */
  {
    AlamaWordSet no_set = { NULL, 0 };
    AlamaGazetteer no_gazetteer = { NULL, NULL, 0 };
    g_autofree guint64 *again = NULL;

    alama_features_set_lexical_data (rich, &no_set, &no_gazetteer);
    again = extract (rich, words_a, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_true (rows_equal (row (again, i), row (without, i)));
  }
}

/* Features of one word of @strings after the sentences of @before went
 * through the same extractor (its context memory, if any, reset first). */
static guint64 *
row_after (AlamaFeatures      *features,
           AlamaContext       *context,
           const char *const **before,
           guint               n_before,
           const char *const  *strings,
           guint               n,
           guint               i)
{
  g_autofree guint64 *rows = NULL;

  if (context)
    alama_context_reset (context);
  for (guint b = 0; b < n_before; b++)
    {
      guint len = 0;

      while (before[b][len])
        len++;
      g_free (extract (features, before[b], len));
    }
  rows = extract (features, strings, n);
  return g_memdup2 (row (rows, i), ALAMA_MAX_FEATURES * sizeof (guint64));
}

/* Context aggregation (alama-context.h): a word gets features of the
 * words around its occurrences in the preceding sentences, whatever they
 * were, and loses them once those sentences leave the window or a new
 * document starts. */
static void
test_document_context (void)
{
  g_autoptr (AlamaContext) context = alama_context_new (2);
  g_autoptr (AlamaFeatures) plain = alama_features_new (NULL);
  g_autoptr (AlamaFeatures) features = alama_features_new (NULL);
  const char *const club[] = { "نادي", "الغرافة", "يستضيف", NULL };
  const char *const city[] = { "مدينة", "الغرافة", "يستضيف", NULL };
  const char *const with_clitic[] = { "وللغرافة", "ملعب", NULL };
  const char *const filler[] = { "وكان", "الجو", "حارا", NULL };
  const char *const later[] = { "وفاز", "الغرافة", "أمس", NULL };
  const char *const *intro_club[] = { club };
  const char *const *intro_city[] = { city };
  const char *const *intro_clitic[] = { with_clitic };
  const char *const *intro_self[] = { later };
  const char *const *one_filler[] = { club, filler };
  const char *const *two_fillers[] = { club, filler, filler };
  g_autofree guint64 *bare = row_after (plain, NULL, NULL, 0, later, 3, 1);
  g_autofree guint64 *after_club = NULL;
  g_autofree guint64 *after_city = NULL;
  g_autofree guint64 *after_clitic = NULL;
  g_autofree guint64 *after_self = NULL;
  g_autofree guint64 *after_one = NULL;
  g_autofree guint64 *after_two = NULL;
  g_autofree guint64 *first = NULL;
  g_autofree guint64 *reset = NULL;
  guint n = row_len (bare);

  alama_features_set_context (features, context);

  /* The first sentence of a document: nothing before it. */
  first = row_after (features, context, NULL, 0, later, 3, 1);
  g_assert_true (rows_equal (first, bare));

  /* After «نادي الغرافة يستضيف»: one feature for the word before, one for
   * the word after, appended to the row. */
  after_club = row_after (features, context, intro_club, 1, later, 3, 1);
  g_assert_cmpuint (row_len (after_club), ==, n + 2);
  g_assert_cmpmem (after_club, n * sizeof (guint64), bare, n * sizeof (guint64));

  /* Another word before, another feature; the word after is the same. */
  after_city = row_after (features, context, intro_city, 1, later, 3, 1);
  g_assert_cmpuint (row_len (after_city), ==, n + 2);
  g_assert_cmpuint (after_city[n], !=, after_club[n]);
  g_assert_cmpuint (after_city[n + 1], ==, after_club[n + 1]);

  /* The same word with clitics counts (key: the clitic-free form); it
   * had nothing before it. */
  after_clitic = row_after (features, context, intro_clitic, 1, later, 3, 1);
  g_assert_cmpuint (row_len (after_clitic), ==, n + 1);
  g_assert_cmpuint (after_clitic[n], !=, after_club[n + 1]);

  /* The same sentence twice: the same neighbours as before. */
  after_self = row_after (features, context, intro_self, 1, later, 3, 1);
  g_assert_cmpuint (row_len (after_self), ==, n + 2);

  /* Window 2: one sentence between still counts, two do not. */
  after_one = row_after (features, context, one_filler, 2, later, 3, 1);
  g_assert_true (rows_equal (after_one, after_club));
  after_two = row_after (features, context, two_fillers, 3, later, 3, 1);
  g_assert_true (rows_equal (after_two, bare));

  /* A new document forgets. */
  g_free (extract (features, club, 3));
  alama_context_reset (context);
  {
    g_autofree guint64 *rows = extract (features, later, 3);

    reset = g_memdup2 (row (rows, 1), ALAMA_MAX_FEATURES * sizeof (guint64));
  }
  g_assert_true (rows_equal (reset, bare));

  /* Unset, the extractor no longer reads or feeds it. */
  alama_features_set_context (features, NULL);
  alama_context_reset (context);
  g_free (extract (features, club, 3));
  alama_context_end_sentence (context);
  g_assert_cmpuint (alama_context_get_n_remembered (context), ==, 0);
  {
    g_autofree guint64 *rows = extract (features, later, 3);

    g_assert_true (rows_equal (row (rows, 1), bare));
  }
}

/* Words the training text holds often and never inside a name (في) are
 * not remembered: they get no context features. */
static void
test_document_context_frequent (void)
{
  g_autoptr (AlamaLexiconBuilder) lexicon = alama_lexicon_builder_new ();
  g_autoptr (AlamaContext) context = alama_context_new (5);
  g_autoptr (AlamaFeatures) plain = NULL;
  g_autoptr (AlamaFeatures) features = NULL;
  AlamaLexicon view;
  const char *const before[] = { "في", "بيروت", "أمس", NULL };
  const char *const after[] = { "في", "بيروت", "اليوم" };
  const char *const *intro[] = { before };
  g_autofree guint64 *fi_plain = NULL;
  g_autofree guint64 *fi = NULL;
  g_autofree guint64 *beirut_plain = NULL;
  g_autofree guint64 *beirut = NULL;

  for (guint i = 0; i < 12; i++)
    alama_lexicon_builder_add (lexicon, "في", strlen ("في"), FALSE);
  for (guint i = 0; i < 12; i++)
    alama_lexicon_builder_add (lexicon, "بيروت", strlen ("بيروت"), i == 0);
  alama_lexicon_builder_view (lexicon, &view);
  plain = alama_features_new (&view);
  features = alama_features_new (&view);
  alama_features_set_context (features, context);

  fi_plain = row_after (plain, NULL, NULL, 0, after, 3, 0);
  fi = row_after (features, context, intro, 1, after, 3, 0);
  g_assert_true (rows_equal (fi, fi_plain));
  /* بيروت, as frequent but once a name, is remembered. */
  beirut_plain = row_after (plain, NULL, NULL, 0, after, 3, 1);
  beirut = row_after (features, context, intro, 1, after, 3, 1);
  g_assert_cmpuint (row_len (beirut), ==, row_len (beirut_plain) + 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/features/repeatable", test_repeatable);
  g_test_add_func ("/alama/features/row-layout", test_row_layout);
  g_test_add_func ("/alama/features/bias", test_bias);
  g_test_add_func ("/alama/features/context", test_context);
  g_test_add_func ("/alama/features/normalized", test_normalized);
  g_test_add_func ("/alama/features/held-out", test_held_out);
  g_test_add_func ("/alama/features/odd-words", test_odd_words);
  g_test_add_func ("/alama/features/guess-kind", test_guess_kind);
  g_test_add_func ("/alama/features/common-words", test_common_words);
  g_test_add_func ("/alama/features/common-words-names", test_common_words_names);
  g_test_add_func ("/alama/features/common-words-builtin", test_common_words_builtin);
  g_test_add_func ("/alama/features/gazetteer", test_gazetteer);
  g_test_add_func ("/alama/features/gazetteer-builtin", test_gazetteer_builtin);
  g_test_add_func ("/alama/features/lexical-features", test_lexical_features);
  g_test_add_func ("/alama/features/document-context", test_document_context);
  g_test_add_func ("/alama/features/document-context-frequent", test_document_context_frequent);

  return g_test_run ();
}
