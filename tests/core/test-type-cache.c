/* test-type-cache.c: tests for the per-word-type cache and for what the
 * feature extractor keeps in it: a cached word must give exactly the
 * features it gives when computed afresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "alama-common-words.h"
#include "alama-features.h"
#include "alama-gazetteer.h"
#include "alama-hash.h"
#include "alama-normalizer.h"
#include "alama-type-cache.h"

static gpointer
look (AlamaTypeCache *cache,
      guint64         hash,
      const char     *text,
      guint           kind,
      gboolean       *found)
{
  return alama_type_cache_lookup (cache, hash, text, strlen (text), kind, found);
}

static void
test_cache_basics (void)
{
  g_autoptr (AlamaTypeCache) cache = alama_type_cache_new (sizeof (guint64), 8);
  char long_word[ALAMA_TYPE_CACHE_MAX_TEXT + 2];
  gboolean found;
  guint64 *value;

  value = look (cache, 7, "كتاب", 1, &found);
  g_assert_nonnull (value);
  g_assert_false (found);
  *value = 42;
  value = look (cache, 7, "كتاب", 1, &found);
  g_assert_true (found);
  g_assert_cmpuint (*value, ==, 42);

  /* The same hash with other bytes, or the same bytes of another kind,
   * is another word. */
  value = look (cache, 7, "كتب", 1, &found);
  g_assert_false (found);
  *value = 43;
  value = look (cache, 7, "كتاب", 2, &found);
  g_assert_false (found);
  *value = 44;

  /* Two slots per set: of the three words of hash 7, the one used least
   * recently (كتاب of kind 1) was replaced. */
  value = look (cache, 7, "كتب", 1, &found);
  g_assert_true (found);
  g_assert_cmpuint (*value, ==, 43);
  value = look (cache, 7, "كتاب", 2, &found);
  g_assert_true (found);
  g_assert_cmpuint (*value, ==, 44);
  value = look (cache, 7, "كتاب", 1, &found);
  g_assert_false (found);
  *value = 45;
  /* …and now كتب was the least recently used. */
  value = look (cache, 7, "كتاب", 2, &found);
  g_assert_true (found);
  value = look (cache, 7, "كتب", 1, &found);
  g_assert_false (found);
  *value = 43;

  /* Words that are not cached. */
  memset (long_word, 'a', sizeof long_word - 1);
  long_word[sizeof long_word - 1] = '\0';
  g_assert_null (look (cache, 9, long_word, 1, &found));
  g_assert_false (found);
  g_assert_null (look (cache, 9, "", 1, &found));
  g_assert_null (look (cache, 9, "a", 300, &found));

  alama_type_cache_clear (cache);
  look (cache, 7, "كتب", 1, &found);
  g_assert_false (found);
}

static const char *const text[] = {
  "قال", "الرئيس", "اللبناني", "ميشال", "عون", "في", "بيروت", "إن", "الولايات", "المتحدة",
  "ستدعم", "لبنان", "،", "وقال", "وزير", "الخارجية", "إن", "الوفد", "سيزور", "بيروت",
  "وبيروت", "ودمشق", "يوم", "2024", "Hello", "www.example.com", "وللكتاب", "بالمدرسة",
};

/* Each word of @strings, in sentences of @len words starting at @first. */
static void
sentence (const char *const *strings,
          guint              n_strings,
          guint              first,
          guint              len,
          AlamaWord         *words)
{
  for (guint i = 0; i < len; i++)
    {
      const char *s = strings[(first + i * 7) % n_strings];

      words[i].text = s;
      words[i].len = strlen (s);
      words[i].kind = alama_word_guess_kind (s, words[i].len);
    }
}

/* Rows from an extractor that has seen many sentences (cached words,
 * evicted words) equal the rows of a fresh extractor, with and without
 * the lexical data. */
static void
test_cached_features_equal (void)
{
  g_autoptr (AlamaWordSetBuilder) dictionary = alama_word_set_builder_new ();
  g_autoptr (AlamaGazetteerBuilder) places = alama_gazetteer_builder_new ();
  g_autoptr (AlamaFeatures) warm = alama_features_new (NULL);
  AlamaWordSet set;
  AlamaGazetteer gazetteer;
  guint n = G_N_ELEMENTS (text);

  for (guint i = 0; i < 4; i++)
    alama_word_set_builder_add (dictionary, text[i * 5], strlen (text[i * 5]));
  alama_word_set_builder_add (dictionary, "كتاب", strlen ("كتاب"));
  alama_gazetteer_builder_add (places, ALAMA_GAZETTEER_LOC, "بيروت", strlen ("بيروت"), NULL);
  alama_gazetteer_builder_add (places, ALAMA_GAZETTEER_LOC, "الولايات المتحدة",
                               strlen ("الولايات المتحدة"), NULL);
  alama_gazetteer_builder_add (places, ALAMA_GAZETTEER_PERS, "ميشال عون", strlen ("ميشال عون"), NULL);
  alama_word_set_builder_view (dictionary, &set);
  alama_gazetteer_builder_view (places, &gazetteer);

  for (guint with_data = 0; with_data < 2; with_data++)
    {
      if (with_data)
        alama_features_set_lexical_data (warm, &set, &gazetteer);
      for (guint round = 0; round < 3 * n; round++)
        {
          AlamaWord words[12];
          guint len = 1 + round % 12;
          g_autoptr (AlamaFeatures) fresh = alama_features_new (NULL);
          g_autofree guint64 *expected = NULL;
          const guint64 *rows;

          if (with_data)
            alama_features_set_lexical_data (fresh, &set, &gazetteer);
          sentence (text, n, round, len, words);
          expected = g_memdup2 (alama_features_extract (fresh, words, len, NULL),
                                (gsize) len * ALAMA_MAX_FEATURES * sizeof (guint64));
          rows = alama_features_extract (warm, words, len, NULL);
          g_assert_cmpmem (rows, (gsize) len * ALAMA_MAX_FEATURES * sizeof (guint64), expected,
                           (gsize) len * ALAMA_MAX_FEATURES * sizeof (guint64));
        }
    }
}

/* alama_gazetteer_match_starts() with the first lookups precomputed finds
 * what alama_gazetteer_match() finds. */
static void
test_match_starts (void)
{
  g_autoptr (AlamaGazetteerBuilder) builder = alama_gazetteer_builder_new ();
  AlamaGazetteer gazetteer;
  static const char *const entries[] = { "بيروت", "الولايات المتحدة", "الولايات المتحدة الأمريكية",
                                         "ميشال عون", "عون" };
  static const char *const words[] = { "قال", "ميشال", "عون", "في", "الولايات", "المتحدة",
                                       "الأمريكية", "بيروت", "عون", "الولايات" };
  struct
  {
    guint64 hashes[2];
    guint32 starts[2];
  } info[G_N_ELEMENTS (words)];
  guint8 expected[G_N_ELEMENTS (words)];
  guint8 got[G_N_ELEMENTS (words)];

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    alama_gazetteer_builder_add (builder, i == 3 ? ALAMA_GAZETTEER_PERS : ALAMA_GAZETTEER_LOC,
                                 entries[i], strlen (entries[i]), NULL);
  alama_gazetteer_builder_view (builder, &gazetteer);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *norm = alama_normalize_dup (words[i], -1);

      info[i].hashes[0] = alama_hash_bytes (norm, strlen (norm));
      /* A second form: the word less its first letter. */
      info[i].hashes[1] = alama_hash_bytes (norm + 2, strlen (norm) - 2);
      for (guint f = 0; f < 2; f++)
        info[i].starts[f] = alama_gazetteer_lookup_start (&gazetteer, info[i].hashes[f]);
    }
  alama_gazetteer_match (&gazetteer, info[0].hashes, 2, sizeof info[0], G_N_ELEMENTS (words),
                         expected);
  alama_gazetteer_match_starts (&gazetteer, info[0].hashes, info[0].starts, 2, sizeof info[0],
                                G_N_ELEMENTS (words), got);
  g_assert_cmpmem (got, sizeof got, expected, sizeof expected);
  g_assert_cmpuint (expected[1], ==, 1u << ALAMA_GAZETTEER_PERS);
  g_assert_cmpuint (expected[4], ==, 1u << ALAMA_GAZETTEER_LOC);
  g_assert_cmpuint (expected[6], ==, 16u << ALAMA_GAZETTEER_LOC);
  g_assert_cmpuint (alama_gazetteer_lookup_start (NULL, info[0].hashes[0]), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/type-cache/basics", test_cache_basics);
  g_test_add_func ("/type-cache/cached-features-equal", test_cached_features_equal);
  g_test_add_func ("/type-cache/gazetteer-match-starts", test_match_starts);
  return g_test_run ();
}
