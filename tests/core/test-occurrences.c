/* test-occurrences.c: tests for finding the other occurrences of a name
 * (spellings, proclitics, word boundaries, several words) and for labelling
 * them in a document as one undoable step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "alama-document.h"
#include "alama-occurrences.h"
#include "alama-tokenizer.h"

/* The character offset of the @nth (from 0) occurrence of @needle in
 * @text, found byte for byte. */
static gsize
char_offset (const char *text,
             const char *needle,
             guint       nth)
{
  const char *p = strstr (text, needle);

  for (guint k = 0; k < nth && p; k++)
    p = strstr (p + strlen (needle), needle);
  g_assert_nonnull (p);
  return (gsize) g_utf8_pointer_to_offset (text, p);
}

static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (AlamaToken));

  alama_tokenize (text, strlen (text), tokens);
  return tokens;
}

/* The occurrences of the surface [start, start + length of @surface) as
 * "start-end" pairs joined by spaces, and the texts they cover joined by
 * "|", to compare with what a reader expects. */
static void
find (const char *text,
      gsize       start,
      gsize       end,
      char      **spans,
      char      **surfaces)
{
  g_autoptr (GArray) tokens = tokenize (text);
  g_autoptr (GArray) found = alama_occurrences_find (text, strlen (text), tokens, start, end);
  GString *s = g_string_new (NULL);
  GString *f = g_string_new (NULL);

  for (guint k = 0; k < found->len; k++)
    {
      const AlamaOccurrence *o = &g_array_index (found, AlamaOccurrence, k);
      const char *a = g_utf8_offset_to_pointer (text, (glong) o->start_char);
      const char *b = g_utf8_offset_to_pointer (text, (glong) o->end_char);

      g_assert_cmpuint (o->start_char, <, o->end_char);
      if (k > 0)
        {
          g_assert_cmpuint (o->start_char, >=, g_array_index (found, AlamaOccurrence, k - 1).end_char);
          g_string_append_c (s, ' ');
          g_string_append_c (f, '|');
        }
      /* Never the surface itself. */
      g_assert_true (o->end_char <= start || end <= o->start_char);
      g_string_append_printf (s, "%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT, o->start_char, o->end_char);
      g_string_append_len (f, a, b - a);
    }
  *spans = g_string_free (s, FALSE);
  *surfaces = g_string_free (f, FALSE);
}

/* The texts the occurrences of the @nth @needle in @text cover, "|"-joined. */
static char *
find_surfaces (const char *text,
               const char *needle,
               guint       nth)
{
  gsize start = char_offset (text, needle, nth);
  g_autofree char *spans = NULL;
  char *surfaces = NULL;

  find (text, start, start + (gsize) g_utf8_strlen (needle, -1), &spans, &surfaces);
  return surfaces;
}

static void
test_variants (void)
{
  /* Diacritics, tatweel, hamza on the alef, ta marbuta as ha, alef
   * maqsura as ya: all the same name. */
  const char *text = "زار أسامة القاهرة. ثم عاد أُسامَة إلى القاهره، "
                     "وقال اسامه إن القاهـــرة جميلة. مصطفى ومصطفي.";
  g_autofree char *osama = find_surfaces (text, "أسامة", 0);
  g_autofree char *cairo = find_surfaces (text, "القاهرة", 0);
  g_autofree char *mustafa = find_surfaces (text, "مصطفى", 0);

  g_assert_cmpstr (osama, ==, "أُسامَة|اسامه");
  g_assert_cmpstr (cairo, ==, "القاهره|القاهـــرة");
  /* «ومصطفي»: the conjunction is left out. */
  g_assert_cmpstr (mustafa, ==, "مصطفي");
}

static void
test_proclitics (void)
{
  const char *text = "بيروت مدينة. وبيروت جميلة، وَبِبيروت بحر، فلبيروت تاريخ، "
                     "لبيروت أهلها، كبيروت لا مدينة. ثم القاهرة وللقاهرة وبالقاهرة.";
  gsize first = char_offset (text, "بيروت", 0);
  gsize wa = char_offset (text, "وبيروت", 0);
  g_autofree char *spans = NULL;
  g_autofree char *surfaces = NULL;
  g_autofree char *cairo = find_surfaces (text, "القاهرة", 0);

  find (text, first, first + 5, &spans, &surfaces);
  /* Each one without its proclitics, marks on them included. */
  g_assert_cmpstr (surfaces, ==, "بيروت|بيروت|بيروت|بيروت|بيروت");
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT " ",
                                                 wa + 1, wa + 6);

    g_assert_true (g_str_has_prefix (spans, expected));
  }
  /* ل before the article drops its alef: «للقاهرة» holds «لقاهرة». */
  g_assert_cmpstr (cairo, ==, "لقاهرة|القاهرة");
}

/* Proclitic letters that belong to the name are not split off a word
 * that is the name itself; and a surface with proclitic letters of its
 * own matches only where they are. */
static void
test_proclitic_letters_in_name (void)
{
  const char *text = "لبنان بلد. ولبنان جميل، وللبنان أهل، وبنان اسم.";
  g_autofree char *lebanon = find_surfaces (text, "لبنان", 0);

  g_assert_cmpstr (lebanon, ==, "لبنان|لبنان");
}

static void
test_word_boundaries (void)
{
  const char *text = "بيروت وبيروتي والبيروتيون بيروتية. بيروت! (بيروت) «بيروت»";
  g_autofree char *beirut = find_surfaces (text, "بيروت", 0);
  const char *latin = "Paris, PARIS and Parisian paris.";
  g_autofree char *paris = find_surfaces (latin, "Paris", 0);

  /* Words that merely start with the name are other words. */
  g_assert_cmpstr (beirut, ==, "بيروت|بيروت|بيروت");
  g_assert_cmpstr (paris, ==, "PARIS|paris");
}

static void
test_multi_word (void)
{
  const char *text = "قال خالد المنصوري إن خالد بن علي رأى خالدًا. "
                     "ثم خَالِد\nالمَنصوري وخالد المنصوري وخالد المنصورية وخالد، المنصوري.";
  g_autofree char *both = find_surfaces (text, "خالد المنصوري", 0);

  /* Across a line break, with marks, with the conjunction; not when the
   * second word differs or punctuation stands between. */
  g_assert_cmpstr (both, ==, "خَالِد\nالمَنصوري|خالد المنصوري");
  {
    /* The occurrence after the conjunction starts after it. */
    gsize start = char_offset (text, "وخالد المنصوري", 0);
    gsize name = char_offset (text, "خالد المنصوري", 0);
    g_autofree char *spans = NULL;
    g_autofree char *surfaces = NULL;
    g_autofree char *expected = NULL;

    find (text, name, name + 13, &spans, &surfaces);
    expected = g_strdup_printf ("%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT, start + 1, start + 14);
    g_assert_true (g_str_has_suffix (spans, expected));
  }
}

/* A surface that starts inside its word (a proclitic left out) matches the
 * word without it; one that ends inside its word matches only words that
 * are that part; one of marks or spaces only matches nothing. */
static void
test_partial_surfaces (void)
{
  const char *text = "وبيروت ثم بيروت ثم بيروتي ثم بير";
  gsize wa = char_offset (text, "وبيروت", 0);
  g_autofree char *spans = NULL;
  g_autofree char *surfaces = NULL;

  find (text, wa + 1, wa + 6, &spans, &surfaces);
  g_assert_cmpstr (surfaces, ==, "بيروت");
  g_clear_pointer (&spans, g_free);
  g_clear_pointer (&surfaces, g_free);
  find (text, wa + 1, wa + 4, &spans, &surfaces);
  g_assert_cmpstr (surfaces, ==, "بير");
  g_clear_pointer (&spans, g_free);
  g_clear_pointer (&surfaces, g_free);
  find (text, wa + 6, wa + 7, &spans, &surfaces);
  g_assert_cmpstr (surfaces, ==, "");
  g_clear_pointer (&spans, g_free);
  g_clear_pointer (&surfaces, g_free);
  find (text, wa, wa, &spans, &surfaces);
  g_assert_cmpstr (surfaces, ==, "");
}

static AlamaDocument *
document_with (const char *text)
{
  g_autoptr (GError) error = NULL;
  AlamaDocument *document = alama_document_new (text, -1, &error);

  g_assert_no_error (error);
  return document;
}

static const char *
add (AlamaDocument        *document,
     gsize                 start,
     gsize                 end,
     const char           *label,
     const char           *origin,
     AlamaAnnotationStatus status)
{
  g_autoptr (GError) error = NULL;
  AlamaAnnotation a = { 0 };
  const char *id;

  a.start = start;
  a.end = end;
  a.label = (char *) label;
  a.origin = (char *) origin;
  a.status = status;
  a.confidence = status == ALAMA_STATUS_SUGGESTED ? 0.9 : -1;
  id = alama_document_add_annotation (document, &a, &error);
  g_assert_no_error (error);
  return id;
}

static char *
describe (AlamaDocument *document)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      g_string_append_printf (out, "%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT " %s %s %s\n", a->start,
                              a->end, a->label, alama_annotation_status_to_string (a->status),
                              a->origin ? a->origin : "-");
    }
  return g_string_free (out, FALSE);
}

static const AlamaAnnotation *
entity_at (AlamaDocument *document,
           gsize          offset)
{
  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      if (alama_annotation_is_entity (a) && a->start <= offset && offset < a->end)
        return a;
    }
  return NULL;
}

/* The label of the entity at @offset, NULL when there is none. */
static const char *
label_at (AlamaDocument *document,
          gsize          offset)
{
  const AlamaAnnotation *a = entity_at (document, offset);

  return a ? a->label : NULL;
}

/* Labelling all: the free occurrences by hand, a matching suggestion
 * accepted, a wrong one replaced, a person's decision kept; one step. */
static void
test_label_all (void)
{
  const char *text = "زار خالد بيروت. خالد بيروت اسم. وبيروت بعيدة، "
                     "بيروت قريبة، لبيروت أهل، بيروت أخيرا. بيروت.";
  g_autoptr (AlamaDocument) document = document_with (text);
  g_autoptr (GArray) tokens = tokenize (text);
  const char *model = alama_document_add_agent (document, ALAMA_AGENT_MODEL, "m", "1");
  g_autofree char *model_id = g_strdup (model);
  g_autofree char *person = g_strdup (alama_document_add_agent (document, ALAMA_AGENT_PERSON,
                                                                "p", NULL));
  gsize b0 = char_offset (text, "بيروت", 0);
  gsize b1 = char_offset (text, "بيروت", 1);
  gsize b2 = char_offset (text, "بيروت", 2); /* in وبيروت */
  gsize b3 = char_offset (text, "بيروت", 3);
  gsize b4 = char_offset (text, "بيروت", 4); /* in لبيروت */
  gsize b5 = char_offset (text, "بيروت", 5);
  gsize b6 = char_offset (text, "بيروت", 6);
  gsize pers = char_offset (text, "خالد بيروت", 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *accepted_id = NULL;
  guint kept = 0;
  guint added;

  add (document, b0, b0 + 5, "LOC", person, ALAMA_STATUS_MANUAL);
  /* A person said «خالد بيروت» is a name: kept. */
  add (document, pers, pers + 10, "PERS", person, ALAMA_STATUS_MANUAL);
  /* The model suggested the right thing here: accepted. */
  accepted_id = g_strdup (add (document, b3, b3 + 5, "LOC", model_id, ALAMA_STATUS_SUGGESTED));
  /* And a wrong label and span here: replaced. */
  add (document, b5 - 1, b5 + 5, "ORG", model_id, ALAMA_STATUS_SUGGESTED);
  /* A person accepted another label here: kept. */
  alama_document_accept (document,
                         add (document, b6, b6 + 5, "MISC", model_id, ALAMA_STATUS_SUGGESTED),
                         person, NULL);
  alama_document_reset_history (document);
  before = describe (document);

  added = alama_occurrences_label (document, tokens, b0, b0 + 5, "LOC", person,
                                   "Label all", &kept);
  g_assert_cmpuint (added, ==, 4);
  g_assert_cmpuint (kept, ==, 2);
  g_assert_cmpstr (label_at (document, b1), ==, "PERS");
  for (guint k = 0; k < 3; k++)
    {
      gsize at = k == 0 ? b2 : k == 1 ? b4 : b5;
      const AlamaAnnotation *a = entity_at (document, at);

      g_assert_nonnull (a);
      g_assert_cmpuint (a->start, ==, at);
      g_assert_cmpuint (a->end, ==, at + 5);
      g_assert_cmpstr (a->label, ==, "LOC");
      g_assert_cmpint (a->status, ==, ALAMA_STATUS_MANUAL);
      g_assert_cmpstr (a->origin, ==, person);
    }
  /* The proclitics stay outside. */
  g_assert_null (entity_at (document, b2 - 1));
  g_assert_null (entity_at (document, b4 - 1));
  g_assert_null (entity_at (document, b5 - 1));
  {
    const AlamaAnnotation *a = alama_document_lookup_annotation (document, accepted_id);

    g_assert_cmpint (a->status, ==, ALAMA_STATUS_ACCEPTED);
    g_assert_cmpstr (a->origin, ==, model_id);
    g_assert_cmpstr (a->confirmed_by, ==, person);
  }
  g_assert_cmpstr (label_at (document, b6), ==, "MISC");

  /* One step back and forth. */
  after = describe (document);
  g_assert_true (alama_document_undo (document));
  g_assert_false (alama_document_can_undo (document));
  undone = describe (document);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (alama_document_redo (document));
  redone = describe (document);
  g_assert_cmpstr (redone, ==, after);

  /* Again: nothing left to do, and no empty step. */
  g_assert_cmpuint (alama_occurrences_label (document, tokens, b0, b0 + 5, "LOC", person,
                                             "Label all", &kept),
                    ==, 0);
  g_assert_cmpuint (kept, ==, 6);
  g_assert_true (alama_document_undo (document));
  g_assert_false (alama_document_can_undo (document));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/alama/occurrences/variants", test_variants);
  g_test_add_func ("/alama/occurrences/proclitics", test_proclitics);
  g_test_add_func ("/alama/occurrences/proclitic-letters-in-name", test_proclitic_letters_in_name);
  g_test_add_func ("/alama/occurrences/word-boundaries", test_word_boundaries);
  g_test_add_func ("/alama/occurrences/multi-word", test_multi_word);
  g_test_add_func ("/alama/occurrences/partial-surfaces", test_partial_surfaces);
  g_test_add_func ("/alama/occurrences/label-all", test_label_all);
  return g_test_run ();
}
