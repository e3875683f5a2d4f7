/* test-scorer.c: tests for conlleval-style mention scoring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "alama-scorer.h"

static const AlamaScoreRow *
find_row (GPtrArray  *rows,
          const char *type)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const AlamaScoreRow *row = rows->pdata[i];

      if (strcmp (row->type, type) == 0)
        return row;
    }
  g_error ("no row for %s", type);
}

static void
assert_row (AlamaScorer *scorer,
            const char  *type,
            guint        gold,
            guint        predicted,
            guint        correct)
{
  g_autoptr (GPtrArray) rows = alama_scorer_get_rows (scorer);
  const AlamaScoreRow *row = find_row (rows, type);

  g_assert_cmpuint (row->gold, ==, gold);
  g_assert_cmpuint (row->predicted, ==, predicted);
  g_assert_cmpuint (row->correct, ==, correct);
}

static void
assert_total (AlamaScorer *scorer,
              guint        gold,
              guint        predicted,
              guint        correct)
{
  AlamaScoreRow total;

  alama_scorer_get_total (scorer, &total);
  g_assert_cmpuint (total.gold, ==, gold);
  g_assert_cmpuint (total.predicted, ==, predicted);
  g_assert_cmpuint (total.correct, ==, correct);
}

/* Scores one sentence given as space-separated tag strings. */
static void
add (AlamaScorer *scorer,
     const char  *gold,
     const char  *predicted)
{
  g_auto (GStrv) g = g_strsplit (gold, " ", -1);
  g_auto (GStrv) p = g_strsplit (predicted, " ", -1);

  g_assert_cmpuint (g_strv_length (g), ==, g_strv_length (p));
  alama_scorer_add_tags (scorer, (const char *const *) g, (const char *const *) p,
                         g_strv_length (g));
}

static void
test_inside_after_outside (void)
{
  g_autoptr (AlamaScorer) scorer = alama_scorer_new ();

  /* conlleval reads an I- after O, or at the start, as opening a mention. */
  add (scorer, "B-PERS I-PERS O B-LOC", "I-PERS I-PERS O I-LOC");
  assert_row (scorer, "PERS", 1, 1, 1);
  assert_row (scorer, "LOC", 1, 1, 1);
  assert_total (scorer, 2, 2, 2);
}

static void
test_inside_after_other_type (void)
{
  g_autoptr (AlamaScorer) scorer = alama_scorer_new ();

  /* I-ORG after B-LOC closes the LOC and opens an ORG. */
  add (scorer, "B-LOC B-ORG I-ORG", "B-LOC I-ORG I-ORG");
  assert_row (scorer, "LOC", 1, 1, 1);
  assert_row (scorer, "ORG", 1, 1, 1);

  /* B- after B- of the same type opens a second mention. */
  add (scorer, "B-PERS B-PERS", "B-PERS I-PERS");
  assert_row (scorer, "PERS", 2, 1, 0);
  /* A tag without a prefix reads as I-. */
  add (scorer, "B-MISC I-MISC O", "MISC MISC O");
  assert_row (scorer, "MISC", 1, 1, 1);
}

static void
test_exact_match (void)
{
  g_autoptr (AlamaScorer) scorer = alama_scorer_new ();

  /* Too short, too long, shifted, wrong type: none counts. */
  add (scorer, "B-ORG I-ORG I-ORG O", "B-ORG I-ORG O O");
  add (scorer, "B-ORG I-ORG O O", "B-ORG I-ORG I-ORG O");
  add (scorer, "O B-ORG I-ORG O", "B-ORG I-ORG O O");
  add (scorer, "B-ORG I-ORG O", "B-LOC I-LOC O");
  assert_row (scorer, "ORG", 4, 3, 0);
  assert_row (scorer, "LOC", 0, 1, 0);
  assert_total (scorer, 4, 4, 0);

  /* Same span, same type, at the end of the sentence. */
  add (scorer, "O B-LOC I-LOC", "O B-LOC I-LOC");
  assert_row (scorer, "LOC", 1, 2, 1);
}

static void
test_numbers (void)
{
  g_autoptr (AlamaScorer) scorer = alama_scorer_new ();
  g_autoptr (GPtrArray) rows = NULL;
  AlamaScoreRow total;

  /* By hand: gold PERS 2, LOC 2, ORG 1; found PERS 1 (right), LOC 1
   * (right), ORG 2 (one with a LOC's span, one too short). */
  add (scorer, "B-PERS I-PERS O B-LOC O B-ORG I-ORG", "B-PERS I-PERS O B-ORG O B-ORG O");
  add (scorer, "O B-LOC O B-PERS", "O B-LOC O O");

  rows = alama_scorer_get_rows (scorer);
  g_assert_cmpuint (rows->len, ==, 3);
  /* Sorted by type. */
  g_assert_cmpstr (((AlamaScoreRow *) rows->pdata[0])->type, ==, "LOC");
  g_assert_cmpstr (((AlamaScoreRow *) rows->pdata[1])->type, ==, "ORG");
  g_assert_cmpstr (((AlamaScoreRow *) rows->pdata[2])->type, ==, "PERS");

  assert_row (scorer, "PERS", 2, 1, 1);
  assert_row (scorer, "LOC", 2, 1, 1);
  assert_row (scorer, "ORG", 1, 2, 0);
  g_assert_cmpfloat_with_epsilon (alama_score_precision (find_row (rows, "PERS")), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (alama_score_recall (find_row (rows, "PERS")), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (alama_score_f1 (find_row (rows, "PERS")), 2.0 / 3, 1e-9);
  g_assert_cmpfloat (alama_score_precision (find_row (rows, "ORG")), ==, 0.0);
  g_assert_cmpfloat (alama_score_f1 (find_row (rows, "ORG")), ==, 0.0);

  alama_scorer_get_total (scorer, &total);
  g_assert_cmpuint (total.gold, ==, 5);
  g_assert_cmpuint (total.predicted, ==, 4);
  g_assert_cmpuint (total.correct, ==, 2);
  g_assert_cmpfloat_with_epsilon (alama_score_precision (&total), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (alama_score_recall (&total), 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (alama_score_f1 (&total), 4.0 / 9, 1e-9);

  g_assert_cmpuint (alama_scorer_get_tokens (scorer), ==, 11);
  g_assert_cmpuint (alama_scorer_get_correct_tokens (scorer), ==, 8);
}

static void
test_empty (void)
{
  g_autoptr (AlamaScorer) scorer = alama_scorer_new ();
  AlamaScoreRow total;
  g_autofree char *text = NULL;

  /* Nothing to score is 0, not a division by zero. */
  alama_scorer_add_tags (scorer, NULL, NULL, 0);
  add (scorer, "O O", "O O");
  alama_scorer_get_total (scorer, &total);
  g_assert_cmpuint (total.gold, ==, 0);
  g_assert_cmpfloat (alama_score_precision (&total), ==, 0.0);
  g_assert_cmpfloat (alama_score_recall (&total), ==, 0.0);
  g_assert_cmpfloat (alama_score_f1 (&total), ==, 0.0);
  text = alama_scorer_format (scorer);
  g_assert_nonnull (strstr (text, "micro"));
}

static void
test_null_tags (void)
{
  g_autoptr (AlamaScorer) scorer = alama_scorer_new ();
  const char *gold[] = { "B-LOC", NULL, "" };
  const char *predicted[] = { "B-LOC", "O", "O" };

  /* A missing or empty tag reads as O. */
  alama_scorer_add_tags (scorer, gold, predicted, 3);
  assert_total (scorer, 1, 1, 1);
}

static void
test_add_span (void)
{
  g_autoptr (AlamaScorer) scorer = alama_scorer_new ();

  alama_scorer_add_span (scorer, "DATE", TRUE, TRUE);
  alama_scorer_add_span (scorer, "DATE", TRUE, FALSE);
  alama_scorer_add_span (scorer, "DATE", FALSE, TRUE);
  alama_scorer_add_span (scorer, "DATE", FALSE, TRUE);
  alama_scorer_add_span (scorer, "PERS", TRUE, TRUE);
  alama_scorer_add_span (scorer, "PERS", FALSE, FALSE);
  assert_row (scorer, "DATE", 2, 3, 1);
  assert_row (scorer, "PERS", 1, 1, 1);
  assert_total (scorer, 3, 4, 2);

  /* Spans and tags add up in the same rows. */
  add (scorer, "B-PERS", "B-PERS");
  assert_row (scorer, "PERS", 2, 2, 2);
}

/* The line of @text that starts with @name. */
static char *
line_for (const char *text,
          const char *name)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], name) && lines[i][strlen (name)] == ' ')
      return g_strdup (lines[i]);
  return NULL;
}

static void
test_format (void)
{
  g_autoptr (AlamaScorer) scorer = alama_scorer_new ();
  g_autofree char *text = NULL;
  g_autofree char *micro = NULL;
  g_autofree char *pers = NULL;
  g_autofree char *org = NULL;
  g_autofree char *loc = NULL;

  add (scorer, "B-PERS I-PERS O B-LOC O B-ORG I-ORG", "B-PERS I-PERS O B-ORG O B-ORG O");
  add (scorer, "O B-LOC O B-PERS", "O B-LOC O O");
  text = alama_scorer_format (scorer);
  g_test_message ("%s", text);

  g_assert_true (g_str_has_prefix (text, "type"));
  g_assert_nonnull (strstr (text, "precision"));
  loc = line_for (text, "LOC");
  g_assert_nonnull (loc);
  g_assert_nonnull (strstr (loc, "100.00"));
  g_assert_true (strstr (text, "LOC") < strstr (text, "ORG"));
  g_assert_true (strstr (text, "ORG") < strstr (text, "PERS"));
  g_assert_true (strstr (text, "PERS") < strstr (text, "micro"));

  micro = line_for (text, "micro");
  g_assert_nonnull (micro);
  g_assert_nonnull (strstr (micro, "50.00"));
  g_assert_nonnull (strstr (micro, "40.00"));
  g_assert_nonnull (strstr (micro, "44.44"));
  pers = line_for (text, "PERS");
  g_assert_nonnull (strstr (pers, "100.00"));
  g_assert_nonnull (strstr (pers, "66.67"));
  org = line_for (text, "ORG");
  g_assert_nonnull (strstr (org, "0.00"));
  g_assert_nonnull (strstr (text, "tokens: 11"));
  g_assert_nonnull (strstr (text, "72.73%"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/scorer/inside-after-outside", test_inside_after_outside);
  g_test_add_func ("/alama/scorer/inside-after-other-type", test_inside_after_other_type);
  g_test_add_func ("/alama/scorer/exact-match", test_exact_match);
  g_test_add_func ("/alama/scorer/numbers", test_numbers);
  g_test_add_func ("/alama/scorer/empty", test_empty);
  g_test_add_func ("/alama/scorer/null-tags", test_null_tags);
  g_test_add_func ("/alama/scorer/add-span", test_add_span);
  g_test_add_func ("/alama/scorer/format", test_format);

  return g_test_run ();
}
