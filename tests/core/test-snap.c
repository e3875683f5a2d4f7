/* test-snap.c: tests for fitting a span to whole words and for moving its
 * edges by a word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "alama-model.h"
#include "alama-snap.h"
#include "alama-tokenizer.h"

#define TEXT "قال الأمين العام، خالد المنصوري، إن وبيروت جميلة."

static GArray *tokens;

static gsize
offset_of (const char *needle)
{
  const char *p = strstr (TEXT, needle);

  g_assert_nonnull (p);
  return (gsize) g_utf8_pointer_to_offset (TEXT, p);
}

static gsize
end_of (const char *needle)
{
  return offset_of (needle) + (gsize) g_utf8_strlen (needle, -1);
}

static void
test_span (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model = alama_model_new_builtin (&error);
  gsize start;
  gsize end;

  g_assert_no_error (error);
  /* Part of two words, a comma at the end. */
  start = offset_of ("خالد") + 2;
  end = end_of ("المنصوري،");
  g_assert_true (alama_snap_span (TEXT, tokens, alama_model_get_lexicon (model), &start, &end));
  g_assert_cmpuint (start, ==, offset_of ("خالد"));
  g_assert_cmpuint (end, ==, end_of ("المنصوري"));

  /* The caret in «وبيروت»: the word without its conjunction. */
  start = end = offset_of ("وبيروت") + 3;
  g_assert_true (alama_snap_span (TEXT, tokens, alama_model_get_lexicon (model), &start, &end));
  g_assert_cmpuint (start, ==, offset_of ("بيروت"));
  g_assert_cmpuint (end, ==, end_of ("بيروت"));
  /* Without a lexicon the conjunction stays. */
  start = end = offset_of ("وبيروت") + 3;
  g_assert_true (alama_snap_span (TEXT, tokens, NULL, &start, &end));
  g_assert_cmpuint (start, ==, offset_of ("وبيروت"));

  /* Punctuation and space only: nothing, the span unchanged. */
  start = offset_of ("، خالد");
  end = start + 2;
  g_assert_false (alama_snap_span (TEXT, tokens, NULL, &start, &end));
  g_assert_cmpuint (start, ==, offset_of ("، خالد"));
  g_assert_cmpuint (end, ==, start + 2);
}

static void
test_resize (void)
{
  gsize start = offset_of ("خالد");
  gsize end = end_of ("خالد");

  /* The end takes in the next word, over nothing; then over a comma. */
  g_assert_true (alama_snap_resize (tokens, ALAMA_SNAP_END, TRUE, &start, &end));
  g_assert_cmpuint (end, ==, end_of ("المنصوري"));
  g_assert_true (alama_snap_resize (tokens, ALAMA_SNAP_END, TRUE, &start, &end));
  g_assert_cmpuint (end, ==, end_of ("إن"));
  /* And gives them up again, the comma with the word. */
  g_assert_true (alama_snap_resize (tokens, ALAMA_SNAP_END, FALSE, &start, &end));
  g_assert_cmpuint (end, ==, end_of ("المنصوري"));
  g_assert_true (alama_snap_resize (tokens, ALAMA_SNAP_END, FALSE, &start, &end));
  g_assert_cmpuint (end, ==, end_of ("خالد"));
  /* The last word stays. */
  g_assert_false (alama_snap_resize (tokens, ALAMA_SNAP_END, FALSE, &start, &end));
  g_assert_false (alama_snap_resize (tokens, ALAMA_SNAP_START, FALSE, &start, &end));
  g_assert_cmpuint (start, ==, offset_of ("خالد"));
  g_assert_cmpuint (end, ==, end_of ("خالد"));

  /* The start takes in «العام» across the comma, then «الأمين». */
  g_assert_true (alama_snap_resize (tokens, ALAMA_SNAP_START, TRUE, &start, &end));
  g_assert_cmpuint (start, ==, offset_of ("العام"));
  g_assert_true (alama_snap_resize (tokens, ALAMA_SNAP_START, TRUE, &start, &end));
  g_assert_cmpuint (start, ==, offset_of ("الأمين"));
  g_assert_true (alama_snap_resize (tokens, ALAMA_SNAP_START, FALSE, &start, &end));
  g_assert_cmpuint (start, ==, offset_of ("العام"));
  g_assert_true (alama_snap_resize (tokens, ALAMA_SNAP_START, FALSE, &start, &end));
  g_assert_cmpuint (start, ==, offset_of ("خالد"));

  /* At the text's edges there is nothing more to take. */
  start = 0;
  end = end_of ("قال");
  g_assert_false (alama_snap_resize (tokens, ALAMA_SNAP_START, TRUE, &start, &end));
  start = offset_of ("جميلة");
  end = end_of ("جميلة");
  g_assert_false (alama_snap_resize (tokens, ALAMA_SNAP_END, TRUE, &start, &end));

  /* An edge inside a word: the rest of it first (the conjunction left out
   * of «وبيروت»), and shrinking from there drops the partial word. */
  start = offset_of ("بيروت");
  end = end_of ("بيروت");
  g_assert_true (alama_snap_resize (tokens, ALAMA_SNAP_START, TRUE, &start, &end));
  g_assert_cmpuint (start, ==, offset_of ("وبيروت"));
  end = offset_of ("جميلة") + 2;
  g_assert_true (alama_snap_resize (tokens, ALAMA_SNAP_END, TRUE, &start, &end));
  g_assert_cmpuint (end, ==, end_of ("جميلة"));
  end = offset_of ("جميلة") + 2;
  g_assert_true (alama_snap_resize (tokens, ALAMA_SNAP_END, FALSE, &start, &end));
  g_assert_cmpuint (end, ==, end_of ("وبيروت"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tokens = g_array_new (FALSE, FALSE, sizeof (AlamaToken));
  alama_tokenize (TEXT, strlen (TEXT), tokens);
  g_test_add_func ("/alama/snap/span", test_span);
  g_test_add_func ("/alama/snap/resize", test_resize);
  status = g_test_run ();
  g_array_unref (tokens);
  return status;
}
