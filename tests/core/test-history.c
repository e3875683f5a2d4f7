/* test-history.c: the document history (alama-history.h): what it
 * remembers, for how many sentences, and the features it gives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "alama-history.h"

#define KEY_A G_GUINT64_CONSTANT (0x1234567890abcdef)
#define KEY_B G_GUINT64_CONSTANT (0x0fedcba987654321)

/* Packed answer of alama_history_lookup(): bits 2–5 the most frequent
 * type, bit 1 names outnumber "O", bit 0 named more than once, bits 8+
 * the set of types. */
static guint
best_type (guint32 code)
{
  return (code >> 2) & 0xF;
}

static void
test_empty (void)
{
  g_autoptr (AlamaHistory) history = alama_history_new (3);
  guint64 row[8] = { 0 };

  g_assert_cmpuint (alama_history_get_window (history), ==, 3);
  g_assert_cmpuint (alama_history_lookup (history, KEY_A), ==, 0);
  g_assert_cmpuint (alama_history_lookup (history, 0), ==, 0);
  g_assert_cmpuint (alama_history_features (0, 0, 0, row, 2, 8), ==, 2);
  g_assert_cmpuint (row[2], ==, 0);
}

static void
test_counts (void)
{
  g_autoptr (AlamaHistory) history = alama_history_new (5);
  guint32 code;

  /* Sentence 1: A as type 2, B as O (B is not tracked: never a name). */
  alama_history_add (history, KEY_A, 2);
  alama_history_add (history, KEY_B, 0);
  /* Not visible before the sentence ends. */
  g_assert_cmpuint (alama_history_lookup (history, KEY_A), ==, 0);
  alama_history_end_sentence (history);
  code = alama_history_lookup (history, KEY_A);
  g_assert_cmpuint (best_type (code), ==, 2);
  g_assert_cmpuint (code & 3, ==, 2);                 /* names > O, once */
  g_assert_cmpuint (code >> 8, ==, 1u << 2);
  g_assert_cmpuint (alama_history_lookup (history, KEY_B), ==, 0);

  /* Sentence 2: A twice as type 1, once O. */
  alama_history_add (history, KEY_A, 1);
  alama_history_add (history, KEY_A, 1);
  alama_history_add (history, KEY_A, 0);
  alama_history_end_sentence (history);
  code = alama_history_lookup (history, KEY_A);
  g_assert_cmpuint (best_type (code), ==, 1);
  g_assert_cmpuint (code & 3, ==, 3);                 /* 3 names > 1 O, many */
  g_assert_cmpuint (code >> 8, ==, (1u << 1) | (1u << 2));

  alama_history_reset (history);
  g_assert_cmpuint (alama_history_lookup (history, KEY_A), ==, 0);
}

static void
test_window (void)
{
  g_autoptr (AlamaHistory) history = alama_history_new (2);

  alama_history_add (history, KEY_A, 3);
  alama_history_end_sentence (history);          /* sentence 0 */
  alama_history_end_sentence (history);          /* sentence 1 */
  g_assert_cmpuint (best_type (alama_history_lookup (history, KEY_A)), ==, 3);
  alama_history_end_sentence (history);          /* sentence 2: 0 leaves */
  g_assert_cmpuint (alama_history_lookup (history, KEY_A), ==, 0);

  /* Many sentences through a small window: the queue is compacted and the
   * counts stay right. */
  for (guint s = 0; s < 20000; s++)
    {
      alama_history_add (history, KEY_A, 1 + s % 2);
      alama_history_add (history, KEY_B, 4);
      alama_history_end_sentence (history);
    }
  /* The last two sentences: types 1 and 2 once each (19998 % 2 = 0 → 1). */
  g_assert_cmpuint (alama_history_lookup (history, KEY_A) >> 8, ==, (1u << 1) | (1u << 2));
  g_assert_cmpuint (alama_history_lookup (history, KEY_A) & 3, ==, 3);
  g_assert_cmpuint (best_type (alama_history_lookup (history, KEY_B)), ==, 4);
}

static void
test_features (void)
{
  g_autoptr (AlamaHistory) history = alama_history_new (4);
  guint64 row[8] = { 0 };
  guint64 other[8] = { 0 };
  guint32 code;
  guint k;

  alama_history_add (history, KEY_A, 1);
  alama_history_end_sentence (history);
  code = alama_history_lookup (history, KEY_A);
  /* Own: most frequent type and one per type; neighbours: one each. */
  k = alama_history_features (code, code, code, row, 0, 8);
  g_assert_cmpuint (k, ==, 4);
  for (guint i = 0; i < k; i++)
    {
      g_assert_cmpuint (row[i], !=, 0);
      for (guint j = 0; j < i; j++)
        g_assert_cmpuint (row[i], !=, row[j]);
    }
  /* The word before and the word after are different features. */
  g_assert_cmpuint (alama_history_features (code, 0, 0, other, 0, 8), ==, 1);
  g_assert_cmpuint (alama_history_features (0, 0, code, other, 1, 8), ==, 2);
  g_assert_cmpuint (other[0], ==, row[2]);
  g_assert_cmpuint (other[1], ==, row[3]);
  /* A full row stays full. */
  g_assert_cmpuint (alama_history_features (code, code, code, row, 7, 8), ==, 8);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/alama/history/empty", test_empty);
  g_test_add_func ("/alama/history/counts", test_counts);
  g_test_add_func ("/alama/history/window", test_window);
  g_test_add_func ("/alama/history/features", test_features);
  return g_test_run ();
}
