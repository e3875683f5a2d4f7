/* test-context.c: the context memory (alama-context.h): what it remembers
 * of a word's earlier occurrences, for how many sentences, and how much
 * it keeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "alama-context.h"

#define KEY_A G_GUINT64_CONSTANT (0x1234567890abcdef)
#define KEY_B G_GUINT64_CONSTANT (0x0fedcba987654321)
#define KEY_C G_GUINT64_CONSTANT (0x00000000c0ffee00)
#define KEY_CLUB G_GUINT64_CONSTANT (0x5555aaaa5555aaaa)

/* Fingerprints of neighbours (any nonzero 32-bit values). */
#define FP_A 0x90abcdefu
#define FP_B 0x87654321u
#define FP_C 0xc0ffee01u
#define FP_CLUB 0x5555aaabu

static void
test_empty (void)
{
  g_autoptr (AlamaContext) context = alama_context_new (3);
  AlamaContextSummary summary;

  g_assert_cmpuint (alama_context_get_window (context), ==, 3);
  g_assert_false (alama_context_lookup (context, KEY_A, &summary));
  g_assert_cmpuint (summary.n_occurrences, ==, 0);
  g_assert_false (alama_context_lookup (context, 0, &summary));
  /* Key 0 (a number, punctuation) is not remembered. */
  g_assert_false (alama_context_add (context, 0, FP_A, FP_B, &summary));
  alama_context_end_sentence (context);
  g_assert_cmpuint (alama_context_get_n_remembered (context), ==, 0);
  g_assert_cmpuint (alama_context_get_n_words (context), ==, 0);
  g_assert_false (alama_context_lookup (context, 0, &summary));
  /* A window of 0 counts as 1. */
  {
    g_autoptr (AlamaContext) zero = alama_context_new (0);

    g_assert_cmpuint (alama_context_get_window (zero), ==, 1);
  }
}

static void
test_occurrences (void)
{
  g_autoptr (AlamaContext) context = alama_context_new (5);
  AlamaContextSummary summary;

  /* «نادي الغرافة»: the club after its head word (KEY_A). */
  g_assert_false (alama_context_add (context, KEY_A, 0, FP_CLUB, NULL));
  g_assert_false (alama_context_add (context, KEY_CLUB, FP_A, 0, &summary));
  g_assert_cmpuint (summary.n_occurrences, ==, 0);
  /* Not visible before the sentence ends. */
  g_assert_false (alama_context_lookup (context, KEY_CLUB, &summary));
  alama_context_end_sentence (context);

  g_assert_true (alama_context_lookup (context, KEY_CLUB, &summary));
  g_assert_cmpuint (summary.n_occurrences, ==, 1);
  g_assert_cmpuint (summary.prev[0], ==, FP_A);
  g_assert_cmpuint (summary.next[0], ==, 0);
  g_assert_false (alama_context_lookup (context, KEY_B, &summary));

  /* «وفاز الغرافة على …»: bare, twice in one sentence.  Adding gives what
   * a lookup would have given just before; the sentence's own
   * occurrences never count within it. */
  g_assert_true (alama_context_add (context, KEY_CLUB, FP_B, FP_C, &summary));
  g_assert_cmpuint (summary.n_occurrences, ==, 1);
  g_assert_cmpuint (summary.prev[0], ==, FP_A);
  g_assert_true (alama_context_add (context, KEY_CLUB, FP_C, 0, &summary));
  g_assert_cmpuint (summary.n_occurrences, ==, 1);
  g_assert_cmpuint (summary.prev[0], ==, FP_A);
  g_assert_true (alama_context_lookup (context, KEY_CLUB, &summary));
  g_assert_cmpuint (summary.n_occurrences, ==, 1);
  alama_context_end_sentence (context);

  /* Then all three count, latest first. */
  g_assert_true (alama_context_lookup (context, KEY_CLUB, &summary));
  g_assert_cmpuint (summary.n_occurrences, ==, 3);
  g_assert_cmpuint (summary.prev[0], ==, FP_C);
  g_assert_cmpuint (summary.next[0], ==, 0);
  g_assert_cmpuint (summary.prev[1], ==, FP_B);
  g_assert_cmpuint (summary.next[1], ==, FP_C);
  g_assert_cmpuint (summary.prev[2], ==, FP_A);
  g_assert_cmpuint (alama_context_get_n_remembered (context), ==, 4);

  /* A new document forgets them. */
  alama_context_reset (context);
  g_assert_false (alama_context_lookup (context, KEY_CLUB, &summary));
  g_assert_false (alama_context_lookup (context, KEY_A, &summary));
  g_assert_cmpuint (alama_context_get_n_remembered (context), ==, 0);
  g_assert_cmpuint (alama_context_get_n_words (context), ==, 0);
  /* And it is still usable. */
  alama_context_add (context, KEY_A, FP_B, 0, NULL);
  alama_context_end_sentence (context);
  g_assert_true (alama_context_lookup (context, KEY_A, &summary));
  g_assert_cmpuint (summary.prev[0], ==, FP_B);
}

static void
test_latest_only (void)
{
  g_autoptr (AlamaContext) context = alama_context_new (100);
  AlamaContextSummary summary;

  for (guint64 s = 1; s <= ALAMA_CONTEXT_MAX_OCCURRENCES + 3; s++)
    {
      alama_context_add (context, KEY_A, (guint32) s, 0, NULL);
      alama_context_end_sentence (context);
    }
  g_assert_true (alama_context_lookup (context, KEY_A, &summary));
  g_assert_cmpuint (summary.n_occurrences, ==, ALAMA_CONTEXT_MAX_OCCURRENCES);
  for (guint o = 0; o < ALAMA_CONTEXT_MAX_OCCURRENCES; o++)
    g_assert_cmpuint (summary.prev[o], ==, ALAMA_CONTEXT_MAX_OCCURRENCES + 3 - o);
}

static void
test_window (void)
{
  g_autoptr (AlamaContext) context = alama_context_new (2);
  AlamaContextSummary summary;

  alama_context_add (context, KEY_A, FP_B, 0, NULL);
  alama_context_end_sentence (context);          /* sentence 0 */
  alama_context_add (context, KEY_A, FP_C, 0, NULL);
  alama_context_end_sentence (context);          /* sentence 1 */
  g_assert_true (alama_context_lookup (context, KEY_A, &summary));
  g_assert_cmpuint (summary.n_occurrences, ==, 2);
  alama_context_end_sentence (context);          /* sentence 2: 0 leaves */
  g_assert_true (alama_context_lookup (context, KEY_A, &summary));
  g_assert_cmpuint (summary.n_occurrences, ==, 1);
  g_assert_cmpuint (summary.prev[0], ==, FP_C);
  alama_context_end_sentence (context);          /* sentence 3: 1 leaves */
  g_assert_false (alama_context_lookup (context, KEY_A, &summary));
  g_assert_false (alama_context_add (context, KEY_A, 0, 0, NULL));
  g_assert_cmpuint (alama_context_get_n_remembered (context), ==, 1);
}

/* A long document of ever new words through a small window: the queue is
 * cut and the map rebuilt, so what is kept stays bounded, and the words
 * of the window are still found with the right neighbours. */
static void
test_bounded (void)
{
  g_autoptr (AlamaContext) context = alama_context_new (3);
  AlamaContextSummary summary;
  gsize most_words = 0;

  for (guint64 s = 1; s <= 20000; s++)
    {
      alama_context_add (context, s * 16, FP_A, 0, NULL);
      alama_context_add (context, s * 16 + 1, 0, 0, NULL);
      alama_context_add (context, KEY_B, (guint32) (s * 16), 0, NULL);
      alama_context_end_sentence (context);
      g_assert_cmpuint (alama_context_get_n_remembered (context), <=, 9);
      most_words = MAX (most_words, alama_context_get_n_words (context));
    }
  /* Without the cuts it would hold 40001 words. */
  g_assert_cmpuint (most_words, <, 10000);
  g_assert_true (alama_context_lookup (context, 20000 * 16, &summary));
  g_assert_cmpuint (summary.prev[0], ==, FP_A);
  g_assert_true (alama_context_lookup (context, 19998 * 16 + 1, &summary));
  g_assert_false (alama_context_lookup (context, 19997 * 16, &summary));
  g_assert_false (alama_context_lookup (context, 16, &summary));
  g_assert_true (alama_context_lookup (context, KEY_B, &summary));
  g_assert_cmpuint (summary.n_occurrences, ==, 3);
  g_assert_cmpuint (summary.prev[0], ==, 20000 * 16);
  g_assert_cmpuint (summary.prev[1], ==, 19999 * 16);
  g_assert_cmpuint (summary.prev[2], ==, 19998 * 16);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/alama/context/empty", test_empty);
  g_test_add_func ("/alama/context/occurrences", test_occurrences);
  g_test_add_func ("/alama/context/latest-only", test_latest_only);
  g_test_add_func ("/alama/context/window", test_window);
  g_test_add_func ("/alama/context/bounded", test_bounded);
  return g_test_run ();
}
