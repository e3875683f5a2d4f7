/* test-document.c: tests for AlamaDocument, the document model.
 *
 * The text: exact characters whatever they are (diacritics, CRLF, a BOM,
 * characters beyond the BMP), code-point offsets with a byte index beside
 * them, and no text that is not UTF-8.  The annotations: ids, ordering,
 * every edit, the ::changed signal, grouped undo and redo that restore the
 * exact state, and the modified flag.
 *
 * Every document is checked to be finalized at the end of its test, so a
 * reference leaked by the document (or by a test) fails the test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib-object.h>
#include <string.h>

#include "alama-document.h"
#include "alama-xml.h"

/* A sentence with names, a date, and a name that occurs twice. */
static const char sentence[] = "زار محمد بن سلمان القاهرة يوم 11 سبتمبر 2001 والتقى وزير خارجية "
                               "مصر في مقر جامعة الدول العربية، ثم عاد محمد إلى الرياض.";

/* Helpers. */

static AlamaDocument *
document_new (const char *text)
{
  g_autoptr (GError) error = NULL;
  AlamaDocument *document = alama_document_new (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (ALAMA_IS_DOCUMENT (document));
  return document;
}

/* A document with the sentence and its two usual agents, m1 and p1. */
static AlamaDocument *
sentence_document_new (void)
{
  AlamaDocument *document = document_new (sentence);

  g_assert_cmpstr (alama_document_add_agent (document, ALAMA_AGENT_MODEL, "alama-ner", "0.1.0"),
                   ==, "m1");
  g_assert_cmpstr (alama_document_add_agent (document, ALAMA_AGENT_PERSON, "Layla", NULL), ==,
                   "p1");
  return document;
}

/* The code-point span of the @nth (from 0) occurrence of @needle in @text. */
static void
find_span (const char *text,
           const char *needle,
           guint       nth,
           gsize      *start,
           gsize      *end)
{
  const char *p = text;

  for (;;)
    {
      p = strstr (p, needle);
      g_assert_nonnull (p);
      if (nth-- == 0)
        break;
      p += strlen (needle);
    }
  *start = (gsize) g_utf8_pointer_to_offset (text, p);
  *end = *start + (gsize) g_utf8_strlen (needle, -1);
}

static char *
add_full (AlamaDocument         *document,
          const char            *id,
          gsize                  start,
          gsize                  end,
          const char            *label,
          AlamaAnnotationStatus  status,
          const char            *origin,
          double                 confidence)
{
  g_autoptr (AlamaAnnotation) annotation = alama_annotation_new (id, start, end, label);
  g_autoptr (GError) error = NULL;
  const char *new_id;

  annotation->status = status;
  annotation->origin = g_strdup (origin);
  annotation->confidence = confidence;
  new_id = alama_document_add_annotation (document, annotation, &error);
  g_assert_no_error (error);
  g_assert_nonnull (new_id);
  return g_strdup (new_id);
}

/* A suggestion of the model m1, with a fresh id. */
static char *
add_suggestion (AlamaDocument *document,
                gsize          start,
                gsize          end,
                const char    *label,
                double         confidence)
{
  return add_full (document, NULL, start, end, label, ALAMA_STATUS_SUGGESTED, "m1", confidence);
}

/* An annotation the person p1 made, with a fresh id. */
static char *
add_manual (AlamaDocument *document,
            gsize          start,
            gsize          end,
            const char    *label)
{
  return add_full (document, NULL, start, end, label, ALAMA_STATUS_MANUAL, "p1", -1);
}

static const AlamaAnnotation *
lookup (AlamaDocument *document,
        const char    *id)
{
  const AlamaAnnotation *annotation = alama_document_lookup_annotation (document, id);

  g_assert_nonnull (annotation);
  g_assert_cmpstr (annotation->id, ==, id);
  return annotation;
}

static void
message_annotation (const char            *prefix,
                    const AlamaAnnotation *a)
{
  g_test_message ("%s %s [%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ") %s origin=%s %s "
                  "confidence=%g confirmed_by=%s when=%s note=%s",
                  prefix, a->id, a->start, a->end, a->label, a->origin ? a->origin : "-",
                  alama_annotation_status_to_string (a->status), a->confidence,
                  a->confirmed_by ? a->confirmed_by : "-", a->when ? a->when : "-",
                  a->note ? a->note : "-");
}

static const AlamaAnnotation *
snapshot_find (GPtrArray  *annotations,
               const char *id)
{
  for (guint i = 0; i < annotations->len; i++)
    if (strcmp (((AlamaAnnotation *) annotations->pdata[i])->id, id) == 0)
      return annotations->pdata[i];
  g_assert_not_reached ();
}

/* Copies of all the annotations, in the document's order. */
static GPtrArray *
snapshot (AlamaDocument *document)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_annotation_free);

  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    g_ptr_array_add (copy, alama_annotation_copy (alama_document_get_annotation (document, i)));
  return copy;
}

/* The invariants every state must keep: annotations sorted by start, end
 * and id; ids unique and found by lookup; spans inside the text; the
 * per-status counts adding up. */
static void
assert_consistent (AlamaDocument *document)
{
  guint n = alama_document_get_n_annotations (document);
  guint total = 0;

  for (guint i = 0; i < n; i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);

      g_assert_nonnull (a->id);
      g_assert_nonnull (a->label);
      g_assert_cmpuint (a->start, <, a->end);
      g_assert_cmpuint (a->end, <=, alama_document_get_n_chars (document));
      g_assert_true (alama_document_lookup_annotation (document, a->id) == a);
      if (i > 0)
        {
          const AlamaAnnotation *p = alama_document_get_annotation (document, i - 1);

          g_assert_true (p->start < a->start || (p->start == a->start && p->end < a->end)
                         || (p->start == a->start && p->end == a->end
                             && strcmp (p->id, a->id) < 0));
        }
    }
  for (guint s = 0; s < ALAMA_N_STATUSES; s++)
    total += alama_document_count_annotations (document, (AlamaAnnotationStatus) s);
  g_assert_cmpuint (total, ==, n);
}

/* Whether the document's annotations are, field by field, @expected. */
static void
assert_state (AlamaDocument *document,
              GPtrArray     *expected)
{
  guint n = alama_document_get_n_annotations (document);
  gboolean same = n == expected->len;

  for (guint i = 0; same && i < n; i++)
    same = alama_annotation_equal (alama_document_get_annotation (document, i),
                                   expected->pdata[i]);
  if (!same)
    {
      for (guint i = 0; i < n; i++)
        message_annotation ("have", alama_document_get_annotation (document, i));
      for (guint i = 0; i < expected->len; i++)
        message_annotation ("want", expected->pdata[i]);
    }
  g_assert_true (same);
  assert_consistent (document);
}

/* Records what a document tells its listeners. */
typedef struct
{
  guint64 start;
  guint64 end;
  guint n_annotations; /* as the handler saw them */
} Range;

typedef struct
{
  GArray *changed; /* Range */
  guint n_modified;
  guint n_can_undo;
  guint n_can_redo;
  gboolean modified;
  gboolean can_undo;
  gboolean can_redo;
} Watch;

static void
changed_cb (AlamaDocument *document,
            guint64        start,
            guint64        end,
            Watch         *watch)
{
  Range range = { start, end, alama_document_get_n_annotations (document) };

  g_assert_cmpuint (start, <, end);
  g_assert_cmpuint (end, <=, alama_document_get_n_chars (document));
  g_array_append_val (watch->changed, range);
}

/* Checks that each notification comes with a real change of the value. */
static void
notify_cb (AlamaDocument *document,
           GParamSpec    *pspec,
           Watch         *watch)
{
  const char *name = g_param_spec_get_name (pspec);
  gboolean value = FALSE;

  g_object_get (document, name, &value, NULL);
  if (strcmp (name, "modified") == 0)
    {
      g_assert_cmpint (value, ==, alama_document_get_modified (document));
      g_assert_cmpint (value, !=, watch->modified);
      watch->modified = value;
      watch->n_modified++;
    }
  else if (strcmp (name, "can-undo") == 0)
    {
      g_assert_cmpint (value, ==, alama_document_can_undo (document));
      g_assert_cmpint (value, !=, watch->can_undo);
      watch->can_undo = value;
      watch->n_can_undo++;
    }
  else if (strcmp (name, "can-redo") == 0)
    {
      g_assert_cmpint (value, ==, alama_document_can_redo (document));
      g_assert_cmpint (value, !=, watch->can_redo);
      watch->can_redo = value;
      watch->n_can_redo++;
    }
  else
    g_assert_not_reached ();
}

static Watch *
watch_new (AlamaDocument *document)
{
  Watch *watch = g_new0 (Watch, 1);

  watch->changed = g_array_new (FALSE, FALSE, sizeof (Range));
  watch->modified = alama_document_get_modified (document);
  watch->can_undo = alama_document_can_undo (document);
  watch->can_redo = alama_document_can_redo (document);
  g_signal_connect (document, "changed", G_CALLBACK (changed_cb), watch);
  g_signal_connect (document, "notify::modified", G_CALLBACK (notify_cb), watch);
  g_signal_connect (document, "notify::can-undo", G_CALLBACK (notify_cb), watch);
  g_signal_connect (document, "notify::can-redo", G_CALLBACK (notify_cb), watch);
  return watch;
}

/* Only after the document is gone: its handlers point here. */
static void
watch_free (Watch *watch)
{
  g_array_unref (watch->changed);
  g_free (watch);
}

/* Exactly one ::changed since the last check, over [@start, @end). */
static void
expect_changed (Watch *watch,
                gsize  start,
                gsize  end)
{
  g_assert_cmpuint (watch->changed->len, ==, 1);
  g_assert_cmpuint (g_array_index (watch->changed, Range, 0).start, ==, start);
  g_assert_cmpuint (g_array_index (watch->changed, Range, 0).end, ==, end);
  g_array_set_size (watch->changed, 0);
}

static void
expect_no_change (Watch *watch)
{
  g_assert_cmpuint (watch->changed->len, ==, 0);
}

static void
expect_notified (Watch *watch,
                 guint  n_modified,
                 guint  n_can_undo,
                 guint  n_can_redo)
{
  g_assert_cmpuint (watch->n_modified, ==, n_modified);
  g_assert_cmpuint (watch->n_can_undo, ==, n_can_undo);
  g_assert_cmpuint (watch->n_can_redo, ==, n_can_redo);
  watch->n_modified = watch->n_can_undo = watch->n_can_redo = 0;
}

/* Checks the value of char_to_byte() at every offset, and dup_substring()
 * of every single character, against GLib's own UTF-8 walking. */
static void
check_offsets (AlamaDocument *document,
               const char    *text)
{
  gsize len = 0;
  gsize n = (gsize) g_utf8_strlen (text, -1);
  g_autofree char *all = NULL;

  g_assert_cmpstr (alama_document_get_text (document, &len), ==, text);
  g_assert_cmpuint (len, ==, strlen (text));
  g_assert_cmpuint (alama_document_get_n_chars (document), ==, n);
  for (gsize k = 0; k <= n; k++)
    {
      const char *p = g_utf8_offset_to_pointer (text, (glong) k);

      g_assert_cmpuint (alama_document_char_to_byte (document, k), ==, (gsize) (p - text));
      if (k < n)
        {
          g_autofree char *c = alama_document_dup_substring (document, k, k + 1);
          gsize c_len = (gsize) (g_utf8_next_char (p) - p);

          g_assert_cmpuint (strlen (c), ==, c_len);
          g_assert_true (memcmp (c, p, c_len) == 0);
        }
    }
  all = alama_document_dup_substring (document, 0, n);
  g_assert_cmpstr (all, ==, text);
}

/* The text. */

static void
test_text_diacritics (void)
{
  /* Fully vocalized, with shadda + kasra stacks, a dagger alef and tatweel:
   * each mark is a code point of its own. */
  const char *text = "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ ـــ ١٢٣";
  AlamaDocument *document = document_new (text);
  g_autofree char *allah = NULL;
  gsize start, end;

  check_offsets (document, text);
  g_assert_cmpuint (alama_document_get_n_chars (document), ==, g_utf8_strlen (text, -1));
  g_assert_cmpuint (alama_document_get_n_chars (document), ==, 46);
  find_span (text, "اللَّهِ", 0, &start, &end);
  g_assert_cmpuint (start, ==, 7);
  g_assert_cmpuint (end, ==, 14);
  allah = alama_document_dup_substring (document, start, end);
  g_assert_cmpstr (allah, ==, "اللَّهِ");
  g_assert_finalize_object (document);
}

static void
test_text_crlf (void)
{
  /* CR and LF are two characters: no newline conversion, ever. */
  const char *text = "السطر الأول\r\nالسطر الثاني\r\n\r\nوالأخير\n";
  AlamaDocument *document = document_new (text);
  g_autofree char *line = NULL;
  g_autofree char *crlf = NULL;

  check_offsets (document, text);
  g_assert_cmpuint (alama_document_get_n_chars (document), ==, 37);
  line = alama_document_dup_substring (document, 13, 25);
  g_assert_cmpstr (line, ==, "السطر الثاني");
  crlf = alama_document_dup_substring (document, 11, 13);
  g_assert_cmpstr (crlf, ==, "\r\n");
  g_assert_finalize_object (document);
}

static void
test_text_bom (void)
{
  /* The BOM stays in the text as U+FEFF, character 0. */
  const char *text = "\xEF\xBB\xBF"
                     "مرحبا بالعالم";
  AlamaDocument *document = document_new (text);
  g_autofree char *bom = NULL;
  g_autofree char *word = NULL;

  check_offsets (document, text);
  g_assert_cmpuint (alama_document_get_n_chars (document), ==, 14);
  g_assert_cmpuint (alama_document_char_to_byte (document, 1), ==, 3);
  bom = alama_document_dup_substring (document, 0, 1);
  g_assert_cmpstr (bom, ==, "\xEF\xBB\xBF");
  word = alama_document_dup_substring (document, 1, 6);
  g_assert_cmpstr (word, ==, "مرحبا");
  g_assert_finalize_object (document);
}

static void
test_text_astral (void)
{
  /* Four-byte characters (an emoji, a flag of two regional indicators,
   * Arabic mathematical letters) next to ZWNJ, RLM, LRM, combining marks
   * and Latin. */
  const char *text = "😀 🇱🇧 𞸀𞸁 ب"
                     "\xE2\x80\x8C"
                     "ي"
                     "\xE2\x80\x8F"
                     "ت (café) "
                     "\xE2\x80\x8E"
                     "𝕏";
  AlamaDocument *document = document_new (text);
  g_autofree char *flag = NULL;
  g_autofree char *math = NULL;

  check_offsets (document, text);
  g_assert_cmpuint (alama_document_get_n_chars (document), ==, 23);
  flag = alama_document_dup_substring (document, 2, 4);
  g_assert_cmpstr (flag, ==, "🇱🇧");
  math = alama_document_dup_substring (document, 5, 7);
  g_assert_cmpstr (math, ==, "𞸀𞸁");
  g_assert_cmpuint (alama_document_char_to_byte (document, 1), ==, 4);
  g_assert_finalize_object (document);
}

static void
test_text_empty (void)
{
  AlamaDocument *document = document_new ("");
  g_autoptr (AlamaAnnotation) annotation = alama_annotation_new (NULL, 0, 1, "PERS");
  g_autoptr (GError) error = NULL;
  g_autofree char *substring = NULL;
  gsize len = 1;

  g_assert_cmpstr (alama_document_get_text (document, &len), ==, "");
  g_assert_cmpuint (len, ==, 0);
  g_assert_cmpuint (alama_document_get_n_chars (document), ==, 0);
  g_assert_cmpuint (alama_document_char_to_byte (document, 0), ==, 0);
  substring = alama_document_dup_substring (document, 0, 0);
  g_assert_cmpstr (substring, ==, "");
  g_assert_cmpuint (alama_document_get_source (document)->bytes, ==, 0);
  g_assert_null (alama_document_add_annotation (document, annotation, &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_RANGE);
  g_assert_finalize_object (document);
}

static void
test_text_null (void)
{
  /* No text at all is allowed when its length is 0: an empty document,
   * whose text is still a string. */
  g_autoptr (GError) error = NULL;
  AlamaDocument *document = alama_document_new (NULL, 0, &error);
  g_autofree char *substring = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (alama_document_get_n_chars (document), ==, 0);
  g_assert_cmpstr (alama_document_get_text (document, NULL), ==, "");
  g_assert_cmpstr (alama_document_get_text (document, NULL), ==, "");
  substring = alama_document_dup_substring (document, 0, 0);
  g_assert_cmpstr (substring, ==, "");
  g_assert_finalize_object (document);
}

static void
test_programming_errors (void)
{
  AlamaDocument *document;

  /* Misuse is reported, and the call returns instead of crashing. */
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*text != NULL*");
  g_assert_null (alama_document_new (NULL, -1, NULL));
  g_test_assert_expected_messages ();
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*text != NULL*");
  g_assert_null (alama_document_new (NULL, 3, NULL));
  g_test_assert_expected_messages ();

  document = document_new (sentence);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*name != NULL*");
  g_assert_null (alama_document_add_agent (document, ALAMA_AGENT_PERSON, NULL, NULL));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (alama_document_get_n_agents (document), ==, 0);
  g_assert_cmpstr (alama_document_add_agent (document, ALAMA_AGENT_MODEL, "m", NULL), ==, "m1");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*name != NULL*");
  g_assert_null (alama_document_add_agent (document, ALAMA_AGENT_MODEL, NULL, NULL));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (alama_document_get_n_agents (document), ==, 1);
  g_assert_finalize_object (document);
}

static void
test_text_length (void)
{
  /* A length stops the text anywhere, even before invalid bytes, and the
   * document's copy is nul-terminated. */
  const char buffer[] = "مرحبا بالعالم\xFF";
  g_autoptr (GError) error = NULL;
  AlamaDocument *document = alama_document_new (buffer, 10, &error);
  gsize len = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (alama_document_get_text (document, &len), ==, "مرحبا");
  g_assert_cmpuint (len, ==, 10);
  g_assert_cmpuint (alama_document_get_n_chars (document), ==, 5);
  g_assert_cmpuint (alama_document_get_source (document)->bytes, ==, 10);
  g_assert_true (alama_document_get_text (document, NULL) != buffer);
  g_assert_finalize_object (document);

  document = alama_document_new (buffer, (gssize) strlen (buffer) - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_document_get_n_chars (document), ==, 13);
  g_assert_finalize_object (document);
}

static void
test_text_invalid (void)
{
  const struct
  {
    const char *name;
    const char *bytes;
    gssize len;
    gsize bad_byte;
  } cases[] = {
    { "lone-continuation", "abc\x80", -1, 3 },
    { "truncated-arabic", "مرحبا\xD8", -1, 10 },
    { "bad-continuation", "\xD8"
                          "A",
      -1, 0 },
    { "overlong-nul", "\xC0\x80", -1, 0 },
    { "overlong-slash", "\xE0\x80\xAF", -1, 0 },
    { "surrogate", "ab\xED\xA0\x80", -1, 2 },
    { "beyond-unicode", "\xF4\x90\x80\x80", -1, 0 },
    { "ff", "ok \xFF", -1, 3 },
    { "latin1", "caf\xE9", -1, 3 },
    { "windows-1256", "\xE3\xD1\xCD\xC8\xC7", -1, 0 },
    { "nul", "ab\0cd", 5, 2 },
    { "nul-first", "\0", 1, 0 },
    { "nul-last", "مرحبا\0", 11, 10 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *where = g_strdup_printf ("byte %" G_GSIZE_FORMAT, cases[i].bad_byte);
      AlamaDocument *document;

      g_test_message ("%s", cases[i].name);
      document = alama_document_new (cases[i].bytes, cases[i].len, &error);
      g_assert_null (document);
      g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_INVALID_TEXT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, where));

      /* No error location is fine too. */
      g_assert_null (alama_document_new (cases[i].bytes, cases[i].len, NULL));
    }
}

static void
test_text_large (void)
{
  /* Enough text for the sparse index to have thousands of marks, made of
   * pieces of every width so that marks fall inside and between them. */
  static const char *const pieces[] = {
    "word ", "مُحَمَّدٌ ", "ـــ", "\r\n", "😀", "𞸀", "١٢٣ ", "\xE2\x80\x8C", "\xE2\x80\x8F", "é",
    "x",
  };
  GString *text = g_string_sized_new ((1 << 20) + 64);
  g_autoptr (GError) error = NULL;
  AlamaDocument *document;
  g_autofree gsize *offsets = NULL;
  gsize n = 0;
  gsize len = 0;

  while (text->len < 1 << 20)
    g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
  document = alama_document_new (text->str, (gssize) text->len, &error);
  g_assert_no_error (error);

  /* The character to byte table the slow way. */
  offsets = g_new (gsize, text->len + 1);
  for (const char *p = text->str; p < text->str + text->len; p = g_utf8_next_char (p))
    offsets[n++] = (gsize) (p - text->str);
  offsets[n] = text->len;
  g_test_message ("%" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT " characters", text->len, n);

  g_assert_cmpuint (alama_document_get_n_chars (document), ==, n);
  alama_document_get_text (document, &len);
  g_assert_cmpuint (len, ==, text->len);
  g_assert_true (memcmp (alama_document_get_text (document, NULL), text->str, len) == 0);

  for (gsize k = 0; k <= n; k++)
    if (alama_document_char_to_byte (document, k) != offsets[k])
      g_assert_cmpuint (alama_document_char_to_byte (document, k), ==, offsets[k]);

  for (guint i = 0; i < 100; i++)
    {
      gsize k = (gsize) g_test_rand_int_range (0, (gint32) n + 1);
      gsize length = (gsize) g_test_rand_int_range (0, 600); /* not in MIN (): evaluated twice */
      gsize j = MIN (n, k + length);
      const char *p = g_utf8_offset_to_pointer (text->str, (glong) k);
      const char *q = g_utf8_offset_to_pointer (text->str, (glong) j);
      g_autofree char *substring = alama_document_dup_substring (document, k, j);

      g_assert_cmpuint (alama_document_char_to_byte (document, k), ==, (gsize) (p - text->str));
      g_assert_cmpuint (strlen (substring), ==, (gsize) (q - p));
      g_assert_true (memcmp (substring, p, (gsize) (q - p)) == 0);
    }
  g_assert_finalize_object (document);
  g_string_free (text, TRUE);
}

static void
test_text_substring_clamp (void)
{
  AlamaDocument *document = document_new ("مرحبا");
  g_autofree char *whole = alama_document_dup_substring (document, 0, G_MAXSIZE);
  g_autofree char *tail = alama_document_dup_substring (document, 3, 99);
  g_autofree char *backwards = alama_document_dup_substring (document, 4, 2);
  g_autofree char *past = alama_document_dup_substring (document, 7, 9);
  g_autofree char *empty = alama_document_dup_substring (document, 2, 2);

  g_assert_cmpstr (whole, ==, "مرحبا");
  g_assert_cmpstr (tail, ==, "با");
  g_assert_cmpstr (backwards, ==, "");
  g_assert_cmpstr (past, ==, "");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpuint (alama_document_char_to_byte (document, 5), ==, 10);
  g_assert_finalize_object (document);
}

/* Source, metadata, agents. */

static void
test_source (void)
{
  AlamaDocument *document = document_new (sentence);
  const AlamaSource *source = alama_document_get_source (document);
  g_autofree char *name = g_strdup ("خبر.txt");
  g_autofree char *encoding = g_strdup ("windows-1256");
  g_autofree char *sha =
      g_strdup ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  AlamaSource mine = { name, encoding, TRUE, G_GUINT64_CONSTANT (5000000000), sha };

  /* What a document made from a string says before a reader tells it
   * more. */
  g_assert_null (source->file_name);
  g_assert_cmpstr (source->encoding, ==, "UTF-8");
  g_assert_false (source->bom);
  g_assert_cmpuint (source->bytes, ==, strlen (sentence));
  g_assert_null (source->sha256);

  alama_document_set_source (document, &mine);
  /* Copied: the caller's strings may go. */
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&encoding, g_free);
  g_clear_pointer (&sha, g_free);
  source = alama_document_get_source (document);
  g_assert_cmpstr (source->file_name, ==, "خبر.txt");
  g_assert_cmpstr (source->encoding, ==, "windows-1256");
  g_assert_true (source->bom);
  g_assert_cmpuint (source->bytes, ==, G_GUINT64_CONSTANT (5000000000));
  g_assert_cmpstr (source->sha256, ==,
                   "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

  /* Setting it to itself is harmless. */
  alama_document_set_source (document, alama_document_get_source (document));
  source = alama_document_get_source (document);
  g_assert_cmpstr (source->file_name, ==, "خبر.txt");
  g_assert_cmpstr (source->sha256, ==,
                   "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

  /* Optional fields may be NULL. */
  {
    AlamaSource bare = { NULL, "UTF-8", FALSE, 3, NULL };

    alama_document_set_source (document, &bare);
    source = alama_document_get_source (document);
    g_assert_null (source->file_name);
    g_assert_null (source->sha256);
    g_assert_cmpuint (source->bytes, ==, 3);
  }

  /* The text itself never changes. */
  g_assert_cmpstr (alama_document_get_text (document, NULL), ==, sentence);
  g_assert_finalize_object (document);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_metadata (void)
{
  AlamaDocument *document = document_new (sentence);
  g_autoptr (GDateTime) old = g_date_time_new_utc (2001, 9, 11, 8, 46, 0);
  g_autoptr (GDateTime) older = g_date_time_new_utc (1999, 1, 1, 0, 0, 0);
  g_autofree char *title = NULL;
  guint n_title = 0;
  char *id;

  g_signal_connect (document, "notify::title", G_CALLBACK (count_cb), &n_title);

  g_assert_null (alama_document_get_title (document));
  alama_document_set_title (document, "خبر عن زيارة");
  g_assert_cmpstr (alama_document_get_title (document), ==, "خبر عن زيارة");
  g_assert_cmpuint (n_title, ==, 1);
  alama_document_set_title (document, "خبر عن زيارة");
  g_assert_cmpuint (n_title, ==, 1);
  alama_document_set_title (document, alama_document_get_title (document));
  g_assert_cmpuint (n_title, ==, 1);
  g_object_get (document, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "خبر عن زيارة");
  g_object_set (document, "title", "News", NULL);
  g_assert_cmpstr (alama_document_get_title (document), ==, "News");
  g_assert_cmpuint (n_title, ==, 2);
  alama_document_set_title (document, NULL);
  g_assert_null (alama_document_get_title (document));
  g_assert_cmpuint (n_title, ==, 3);
  /* The title is not an annotation: no undo, not modified. */
  g_assert_false (alama_document_can_undo (document));
  g_assert_false (alama_document_get_modified (document));

  g_assert_cmpstr (alama_document_get_language (document), ==, "ar");
  alama_document_set_language (document, "ar-EG");
  g_assert_cmpstr (alama_document_get_language (document), ==, "ar-EG");
  alama_document_set_language (document, alama_document_get_language (document));
  g_assert_cmpstr (alama_document_get_language (document), ==, "ar-EG");

  /* Both times are set at creation, created ≤ modified. */
  g_assert_nonnull (alama_document_get_created (document));
  g_assert_nonnull (alama_document_get_modified_time (document));
  g_assert_cmpint (g_date_time_compare (alama_document_get_created (document),
                                        alama_document_get_modified_time (document)),
                   <=, 0);

  alama_document_set_created (document, older);
  alama_document_set_modified_time (document, old);
  g_assert_true (g_date_time_equal (alama_document_get_created (document), older));
  g_assert_true (g_date_time_equal (alama_document_get_modified_time (document), old));

  /* An edit moves the modification time, not the creation time. */
  id = add_suggestion (document, 4, 8, "PERS", 0.9);
  g_assert_true (g_date_time_equal (alama_document_get_created (document), older));
  g_assert_cmpint (g_date_time_compare (alama_document_get_modified_time (document), old), >, 0);
  g_free (id);

  /* Setting a time to the one the document holds is harmless, even when
   * the document holds the only reference. */
  alama_document_set_modified_time (document, alama_document_get_modified_time (document));
  g_assert_nonnull (alama_document_get_modified_time (document));
  g_assert_cmpint (g_date_time_get_year (alama_document_get_modified_time (document)), >=, 2024);
  {
    GDateTime *only = g_date_time_new_utc (1998, 7, 6, 5, 4, 3);

    alama_document_set_created (document, only);
    g_date_time_unref (only);
    alama_document_set_created (document, alama_document_get_created (document));
    g_assert_cmpint (g_date_time_get_year (alama_document_get_created (document)), ==, 1998);
  }

  /* The label set starts as the default one. */
  {
    g_autoptr (AlamaLabelSet) standard = alama_label_set_new_default ();

    g_assert_true (alama_label_set_equal (alama_document_get_label_set (document), standard));
  }
  g_assert_finalize_object (document);
}

static void
test_agents (void)
{
  AlamaDocument *document = document_new (sentence);
  g_autoptr (GError) error = NULL;
  const AlamaAgent *agent;
  const char *m1;

  g_assert_cmpuint (alama_document_get_n_agents (document), ==, 0);
  g_assert_null (alama_document_lookup_agent (document, "m1"));

  m1 = alama_document_add_agent (document, ALAMA_AGENT_MODEL, "alama-ner", "0.1.0");
  g_assert_cmpstr (m1, ==, "m1");
  /* The same agent twice is one agent. */
  g_assert_true (alama_document_add_agent (document, ALAMA_AGENT_MODEL, "alama-ner", "0.1.0")
                 == m1);
  g_assert_cmpstr (alama_document_add_agent (document, ALAMA_AGENT_PERSON, "ليلى", NULL), ==, "p1");
  g_assert_cmpstr (alama_document_add_agent (document, ALAMA_AGENT_PERSON, "ليلى", NULL), ==, "p1");
  g_assert_cmpstr (alama_document_add_agent (document, ALAMA_AGENT_PERSON, "Omar", NULL), ==, "p2");
  /* Another version is another agent; so is a person of the same name. */
  g_assert_cmpstr (alama_document_add_agent (document, ALAMA_AGENT_MODEL, "alama-ner", "0.2.0"), ==,
                   "m2");
  g_assert_cmpstr (alama_document_add_agent (document, ALAMA_AGENT_MODEL, "alama-ner", NULL), ==,
                   "m3");
  g_assert_cmpstr (alama_document_add_agent (document, ALAMA_AGENT_PERSON, "alama-ner", "0.1.0"),
                   ==, "p3");
  g_assert_cmpuint (alama_document_get_n_agents (document), ==, 6);

  /* In order of declaration. */
  g_assert_cmpstr (alama_document_get_agent (document, 0)->id, ==, "m1");
  g_assert_cmpstr (alama_document_get_agent (document, 1)->id, ==, "p1");
  g_assert_cmpstr (alama_document_get_agent (document, 5)->id, ==, "p3");

  agent = alama_document_lookup_agent (document, "m2");
  g_assert_nonnull (agent);
  g_assert_cmpint (agent->kind, ==, ALAMA_AGENT_MODEL);
  g_assert_cmpstr (agent->name, ==, "alama-ner");
  g_assert_cmpstr (agent->version, ==, "0.2.0");
  agent = alama_document_lookup_agent (document, "p1");
  g_assert_cmpint (agent->kind, ==, ALAMA_AGENT_PERSON);
  g_assert_cmpstr (agent->name, ==, "ليلى");
  g_assert_null (agent->version);
  g_assert_null (alama_document_lookup_agent (document, "p9"));
  g_assert_null (alama_document_lookup_agent (document, "M1"));
  g_assert_null (alama_document_lookup_agent (document, NULL));

  /* Declared ids as a file names them; taken ones are refused. */
  g_assert_false (alama_document_add_agent_with_id (document, "m1", ALAMA_AGENT_PERSON, "X", NULL,
                                                    &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  g_assert_cmpuint (alama_document_get_n_agents (document), ==, 6);
  g_assert_cmpint (alama_document_lookup_agent (document, "m1")->kind, ==, ALAMA_AGENT_MODEL);
  g_assert_true (alama_document_add_agent_with_id (document, "m4", ALAMA_AGENT_PERSON, "Sara",
                                                   NULL, &error));
  g_assert_no_error (error);
  /* A new model skips the id a person took. */
  g_assert_cmpstr (alama_document_add_agent (document, ALAMA_AGENT_MODEL, "other", "1"), ==, "m5");
  g_assert_true (alama_document_add_agent_with_id (document, "annotator-7", ALAMA_AGENT_PERSON,
                                                   "Hind", NULL, &error));
  g_assert_cmpstr (alama_document_add_agent (document, ALAMA_AGENT_PERSON, "Hind", NULL), ==,
                   "annotator-7");

  /* Returned ids stay valid while more agents come. */
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("annotator %u", i);

      alama_document_add_agent (document, ALAMA_AGENT_PERSON, name, NULL);
    }
  g_assert_cmpstr (m1, ==, "m1");

  g_assert_finalize_object (document);
}

static void
test_agent_kind_strings (void)
{
  AlamaAgentKind kind = ALAMA_AGENT_PERSON;

  g_assert_cmpstr (alama_agent_kind_to_string (ALAMA_AGENT_MODEL), ==, "model");
  g_assert_cmpstr (alama_agent_kind_to_string (ALAMA_AGENT_PERSON), ==, "person");
  g_assert_true (alama_agent_kind_from_string ("model", &kind));
  g_assert_cmpint (kind, ==, ALAMA_AGENT_MODEL);
  g_assert_true (alama_agent_kind_from_string ("person", &kind));
  g_assert_cmpint (kind, ==, ALAMA_AGENT_PERSON);
  g_assert_false (alama_agent_kind_from_string ("Model", &kind));
  g_assert_false (alama_agent_kind_from_string ("robot", &kind));
  g_assert_false (alama_agent_kind_from_string ("", &kind));
  g_assert_false (alama_agent_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, ALAMA_AGENT_PERSON);
}

/* AlamaAnnotation on its own. */

static void
test_annotation_struct (void)
{
  g_autoptr (AlamaAnnotation) a = alama_annotation_new ("a1", 3, 7, "PERS");
  AlamaAnnotationStatus status = ALAMA_STATUS_SUGGESTED;

  /* A new annotation is a person's, with no confidence. */
  g_assert_cmpstr (a->id, ==, "a1");
  g_assert_cmpuint (a->start, ==, 3);
  g_assert_cmpuint (a->end, ==, 7);
  g_assert_cmpstr (a->label, ==, "PERS");
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_MANUAL);
  g_assert_cmpfloat (a->confidence, <, 0);
  g_assert_null (a->origin);
  g_assert_null (a->confirmed_by);
  g_assert_null (a->when);
  g_assert_null (a->note);

  a->origin = g_strdup ("m1");
  a->confirmed_by = g_strdup ("p1");
  a->when = g_strdup ("2001-09-11");
  a->note = g_strdup ("ملاحظة");

  /* Every field takes part in equality. */
  for (guint field = 0; field < 10; field++)
    {
      g_autoptr (AlamaAnnotation) b = alama_annotation_copy (a);

      g_assert_true (alama_annotation_equal (a, b));
      g_assert_true (b->id != a->id && b->note != a->note);
      switch (field)
        {
        case 0: g_free (b->id); b->id = g_strdup ("a2"); break;
        case 1: b->start++; break;
        case 2: b->end++; break;
        case 3: g_free (b->label); b->label = g_strdup ("LOC"); break;
        case 4: g_clear_pointer (&b->origin, g_free); break;
        case 5: b->status = ALAMA_STATUS_ACCEPTED; break;
        case 6: b->confidence = 0.5; break;
        case 7: g_free (b->confirmed_by); b->confirmed_by = g_strdup ("p2"); break;
        case 8: g_clear_pointer (&b->when, g_free); break;
        case 9: g_free (b->note); b->note = g_strdup ("ملاحظة أخرى"); break;
        default: g_assert_not_reached ();
        }
      g_assert_false (alama_annotation_equal (a, b));
      g_assert_false (alama_annotation_equal (b, a));
    }

  /* Only rejected annotations are not entities. */
  for (guint s = 0; s < ALAMA_N_STATUSES; s++)
    {
      const char *name = alama_annotation_status_to_string ((AlamaAnnotationStatus) s);

      a->status = (AlamaAnnotationStatus) s;
      g_assert_cmpint (alama_annotation_is_entity (a), ==, s != ALAMA_STATUS_REJECTED);
      g_assert_true (alama_annotation_status_from_string (name, &status));
      g_assert_cmpint (status, ==, s);
    }
  g_assert_cmpstr (alama_annotation_status_to_string (ALAMA_STATUS_SUGGESTED), ==, "suggested");
  g_assert_cmpstr (alama_annotation_status_to_string (ALAMA_STATUS_ACCEPTED), ==, "accepted");
  g_assert_cmpstr (alama_annotation_status_to_string (ALAMA_STATUS_EDITED), ==, "edited");
  g_assert_cmpstr (alama_annotation_status_to_string (ALAMA_STATUS_REJECTED), ==, "rejected");
  g_assert_cmpstr (alama_annotation_status_to_string (ALAMA_STATUS_MANUAL), ==, "manual");
  status = ALAMA_STATUS_EDITED;
  g_assert_false (alama_annotation_status_from_string ("Accepted", &status));
  g_assert_false (alama_annotation_status_from_string ("", &status));
  g_assert_false (alama_annotation_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, ALAMA_STATUS_EDITED);

  /* A boxed type, for bindings and GValues. */
  g_assert_true (G_TYPE_IS_BOXED (ALAMA_TYPE_ANNOTATION));
  alama_annotation_free (NULL);
}

/* Annotations in a document. */

static void
test_annotation_add (void)
{
  AlamaDocument *document = sentence_document_new ();
  Watch *watch = watch_new (document);
  g_autoptr (AlamaAnnotation) date = NULL;
  g_autoptr (GError) error = NULL;
  const AlamaAnnotation *a;
  gsize start, end;
  const char *id;
  char *manual;

  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 0);

  /* Without an id, with every field set. */
  find_span (sentence, "11 سبتمبر 2001", 0, &start, &end);
  date = alama_annotation_new (NULL, start, end, "DATE");
  date->origin = g_strdup ("m1");
  date->status = ALAMA_STATUS_SUGGESTED;
  date->confidence = 0.625;
  date->when = g_strdup ("2001-09-11");
  date->note = g_strdup ("تاريخ");
  id = alama_document_add_annotation (document, date, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "a1");
  /* The handler already saw the annotation. */
  g_assert_cmpuint (watch->changed->len, ==, 1);
  g_assert_cmpuint (g_array_index (watch->changed, Range, 0).n_annotations, ==, 1);
  expect_changed (watch, start, end);
  a = lookup (document, "a1");
  g_assert_true (a != date);
  g_assert_cmpuint (a->start, ==, start);
  g_assert_cmpuint (a->end, ==, end);
  g_assert_cmpstr (a->label, ==, "DATE");
  g_assert_cmpstr (a->origin, ==, "m1");
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_SUGGESTED);
  g_assert_cmpfloat (a->confidence, ==, 0.625);
  g_assert_null (a->confirmed_by);
  g_assert_cmpstr (a->when, ==, "2001-09-11");
  g_assert_cmpstr (a->note, ==, "تاريخ");
  g_assert_true (alama_annotation_is_entity (a));
  /* The caller's annotation is only read. */
  g_assert_null (date->id);

  /* With an id. */
  find_span (sentence, "الرياض", 0, &start, &end);
  {
    g_autoptr (AlamaAnnotation) riyadh = alama_annotation_new ("x-riyadh", start, end, "LOC");

    id = alama_document_add_annotation (document, riyadh, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (id, ==, "x-riyadh");
    g_assert_true (id != riyadh->id);
  }
  expect_changed (watch, start, end);
  g_assert_cmpint (lookup (document, "x-riyadh")->status, ==, ALAMA_STATUS_MANUAL);

  /* Overlapping and nested annotations are allowed, even on the same span. */
  manual = add_manual (document, start, end, "PERS");
  g_assert_cmpstr (manual, ==, "a2");
  g_free (manual);
  manual = add_manual (document, start, start + 1, "MISC");
  g_free (manual);
  manual = add_manual (document, 0, alama_document_get_n_chars (document), "MISC");
  g_free (manual);
  g_array_set_size (watch->changed, 0);

  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 5);
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_SUGGESTED), ==, 1);
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_MANUAL), ==, 4);
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_ACCEPTED), ==, 0);
  assert_consistent (document);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Add annotation");

  g_assert_null (alama_document_lookup_annotation (document, "a99"));
  g_assert_null (alama_document_lookup_annotation (document, NULL));
  g_assert_null (alama_document_lookup_annotation (document, ""));

  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_annotation_ids (void)
{
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) before = NULL;
  char *id;

  /* A file's ids, as a reader adds them. */
  g_free (add_full (document, "a7", 0, 3, "PERS", ALAMA_STATUS_MANUAL, "p1", -1));
  g_free (add_full (document, "a3", 4, 8, "PERS", ALAMA_STATUS_MANUAL, "p1", -1));
  /* Ids that do not look like a<N> do not move the counter. */
  g_free (add_full (document, "b100", 4, 8, "PERS", ALAMA_STATUS_MANUAL, "p1", -1));
  g_free (add_full (document, "a", 4, 8, "PERS", ALAMA_STATUS_MANUAL, "p1", -1));
  g_free (add_full (document, "a0", 4, 8, "PERS", ALAMA_STATUS_MANUAL, "p1", -1));
  g_free (add_full (document, "a-50", 4, 8, "PERS", ALAMA_STATUS_MANUAL, "p1", -1));
  g_free (add_full (document, "a+50", 4, 8, "PERS", ALAMA_STATUS_MANUAL, "p1", -1));
  g_free (add_full (document, "a50x", 4, 8, "PERS", ALAMA_STATUS_MANUAL, "p1", -1));
  g_free (add_full (document, "A60", 4, 8, "PERS", ALAMA_STATUS_MANUAL, "p1", -1));

  /* Next is a8 or later, never a clash. */
  id = add_manual (document, 9, 12, "LOC");
  g_assert_cmpstr (id, ==, "a8");
  g_free (id);
  /* An empty id is no id. */
  id = add_full (document, "", 9, 12, "LOC", ALAMA_STATUS_MANUAL, "p1", -1);
  g_assert_cmpstr (id, ==, "a9");
  g_free (id);
  g_free (add_full (document, "a100", 9, 12, "LOC", ALAMA_STATUS_MANUAL, "p1", -1));
  id = add_manual (document, 9, 12, "LOC");
  g_assert_cmpstr (id, ==, "a101");

  /* Removed and undone ids are not given out again. */
  g_assert_true (alama_document_remove_annotation (document, id, &error));
  g_assert_no_error (error);
  g_free (id);
  id = add_manual (document, 9, 12, "LOC");
  g_assert_cmpstr (id, ==, "a102");
  g_free (id);
  g_assert_true (alama_document_undo (document));
  id = add_manual (document, 9, 12, "LOC");
  g_assert_cmpstr (id, ==, "a103");
  g_free (id);
  assert_consistent (document);

  /* A taken id is refused, and nothing happens. */
  before = snapshot (document);
  {
    g_autoptr (AlamaAnnotation) again = alama_annotation_new ("a7", 20, 25, "ORG");
    g_autofree char *undo = g_strdup (alama_document_get_undo_description (document));
    Watch *watch = watch_new (document);

    g_assert_null (alama_document_add_annotation (document, again, &error));
    g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_DUPLICATE_ID);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
    g_free (again->id);
    again->id = g_strdup ("b100");
    g_assert_null (alama_document_add_annotation (document, again, &error));
    g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_DUPLICATE_ID);
    g_clear_error (&error);
    expect_no_change (watch);
    expect_notified (watch, 0, 0, 0);
    g_assert_false (alama_document_can_redo (document));
    g_assert_cmpstr (alama_document_get_undo_description (document), ==, undo);
    g_signal_handlers_disconnect_by_data (document, watch);
    watch_free (watch);
  }
  assert_state (document, before);
  g_assert_finalize_object (document);
}

static void
test_annotation_id_overflow (void)
{
  /* A file may hold an id with the largest number there is: the ids made
   * after it must still be unique. */
  AlamaDocument *document = sentence_document_new ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_free (add_full (document, "a18446744073709551614", 0, 3, "PERS", ALAMA_STATUS_MANUAL, "p1",
                    -1));
  first = add_manual (document, 4, 8, "PERS");
  second = add_manual (document, 9, 12, "LOC");
  g_test_message ("new ids: %s, %s", first, second);
  g_assert_cmpstr (first, !=, second);
  g_assert_nonnull (alama_document_lookup_annotation (document, first));
  g_assert_nonnull (alama_document_lookup_annotation (document, second));
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 3);
  assert_consistent (document);
  g_assert_finalize_object (document);
}

static void
test_annotation_range_errors (void)
{
  AlamaDocument *document = sentence_document_new ();
  Watch *watch = watch_new (document);
  gsize n = alama_document_get_n_chars (document);
  const struct
  {
    gsize start;
    gsize end;
  } bad[] = {
    { 3, 3 }, { 0, 0 }, { 5, 2 }, { 0, n + 1 }, { n, n + 1 }, { n, n }, { n + 5, n + 9 },
    { G_MAXSIZE - 1, G_MAXSIZE }, { 1, G_MAXSIZE },
  };
  char *id;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (AlamaAnnotation) a = alama_annotation_new (NULL, bad[i].start, bad[i].end, "PERS");
      g_autoptr (GError) error = NULL;

      g_assert_null (alama_document_add_annotation (document, a, &error));
      g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_RANGE);
      g_test_message ("%s", error->message);
      g_assert_null (alama_document_add_annotation (document, a, NULL));
    }
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 0);
  expect_no_change (watch);
  expect_notified (watch, 0, 0, 0);
  g_assert_false (alama_document_can_undo (document));

  /* The whole text and its last character are fine. */
  id = add_manual (document, 0, n, "MISC");
  g_free (id);
  id = add_manual (document, n - 1, n, "MISC");
  g_free (id);
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 2);
  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_annotation_label_errors (void)
{
  AlamaDocument *document = sentence_document_new ();
  Watch *watch = watch_new (document);
  g_autofree char *too_long = g_strnfill (65, 'X');
  const char *bad[] = {
    NULL, "", "1PERS", "_PERS", "-PERS", "PE RS", "PERS ", "PERS.X", "PERS:X", "PERS/X",
    "B<PERS>", "PERS\"", "شخص", "PERSé", "PERS\t", too_long,
  };
  guint n_labels = alama_label_set_get_n_labels (alama_document_get_label_set (document));

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (AlamaAnnotation) a = alama_annotation_new (NULL, 0, 3, bad[i]);
      g_autoptr (GError) error = NULL;

      g_assert_null (alama_document_add_annotation (document, a, &error));
      g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_LABEL);
      g_test_message ("%s", error->message);
    }
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 0);
  g_assert_cmpuint (alama_label_set_get_n_labels (alama_document_get_label_set (document)), ==,
                    n_labels);
  expect_no_change (watch);
  expect_notified (watch, 0, 0, 0);
  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_annotation_unknown_label (void)
{
  /* Labels from other tools are kept, not dropped, and join the label
   * set with generic mappings. */
  AlamaDocument *document = sentence_document_new ();
  AlamaLabelSet *labels = alama_document_get_label_set (document);
  g_autofree char *too_long_ok = g_strnfill (64, 'X');
  const AlamaLabel *label;
  char *id;

  g_assert_null (alama_label_set_lookup (labels, "GPE"));
  id = add_suggestion (document, 0, 3, "GPE", 0.4);
  g_assert_cmpstr (lookup (document, id)->label, ==, "GPE");
  g_free (id);
  label = alama_label_set_lookup (labels, "GPE");
  g_assert_nonnull (label);
  g_assert_cmpstr (label->tei_element, ==, "name");
  g_assert_cmpstr (label->tei_type, ==, "gpe");
  g_assert_cmpstr (label->enamex, ==, "GPE");
  g_assert_false (label->timex);
  g_assert_cmpuint (alama_label_set_get_n_labels (labels), ==, 6);

  /* Once. */
  id = add_manual (document, 4, 8, "GPE");
  g_free (id);
  g_assert_cmpuint (alama_label_set_get_n_labels (labels), ==, 6);

  id = add_manual (document, 4, 8, "B-Fac_2");
  g_free (id);
  g_assert_cmpstr (alama_label_set_lookup (labels, "B-Fac_2")->tei_type, ==, "b-fac_2");
  id = add_manual (document, 4, 8, too_long_ok);
  g_free (id);
  g_assert_nonnull (alama_label_set_lookup (labels, too_long_ok));
  /* Case matters: "pers" is not PERS. */
  id = add_manual (document, 4, 8, "pers");
  g_free (id);
  g_assert_cmpstr (alama_label_set_lookup (labels, "pers")->tei_type, ==, "pers");
  g_assert_cmpstr (alama_label_set_lookup (labels, "PERS")->tei_element, ==, "persName");
  g_assert_cmpuint (alama_label_set_get_n_labels (labels), ==, 9);

  /* Known labels keep their own mapping. */
  id = add_manual (document, 4, 8, "ORG");
  g_free (id);
  g_assert_cmpstr (alama_label_set_lookup (labels, "ORG")->tei_element, ==, "orgName");
  g_assert_cmpuint (alama_label_set_get_n_labels (labels), ==, 9);
  g_assert_finalize_object (document);
}

static void
test_annotation_order (void)
{
  AlamaDocument *document = sentence_document_new ();
  const char *const expected[] = { "a2", "a4", "a1", "a10", "b", "a3" };
  char *id;

  g_free (add_manual (document, 5, 9, "PERS"));                                      /* a1 */
  g_free (add_manual (document, 0, 3, "LOC"));                                       /* a2 */
  g_free (add_manual (document, 6, 7, "ORG"));                                       /* a3 */
  g_free (add_manual (document, 5, 7, "MISC"));                                      /* a4 */
  g_free (add_full (document, "b", 5, 9, "PERS", ALAMA_STATUS_MANUAL, "p1", -1));   /* b */
  g_free (add_full (document, "a10", 5, 9, "LOC", ALAMA_STATUS_MANUAL, "p1", -1));  /* a10 */

  /* By start, then end, then id as a string ("a1" < "a10" < "b"). */
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (alama_document_get_annotation (document, i)->id, ==, expected[i]);
  assert_consistent (document);

  /* Resizing moves an annotation to its new place; undo moves it back. */
  g_assert_true (alama_document_resize (document, "a2", 6, 8, "p1", NULL));
  g_assert_cmpstr (alama_document_get_annotation (document, 0)->id, ==, "a4");
  g_assert_cmpstr (alama_document_get_annotation (document, 4)->id, ==, "a3");
  g_assert_cmpstr (alama_document_get_annotation (document, 5)->id, ==, "a2");
  assert_consistent (document);
  g_assert_true (alama_document_undo (document));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (alama_document_get_annotation (document, i)->id, ==, expected[i]);

  /* Many annotations added in random order end up sorted. */
  for (guint i = 0; i < 300; i++)
    {
      gsize start = (gsize) g_test_rand_int_range (0, 100);
      gsize end = start + (gsize) g_test_rand_int_range (1, 10);

      id = add_manual (document, start, end, "PERS");
      g_free (id);
    }
  assert_consistent (document);
  /* And removing them in random order keeps it so. */
  while (alama_document_get_n_annotations (document) > 0)
    {
      gint32 n = (gint32) alama_document_get_n_annotations (document);
      guint i = (guint) g_test_rand_int_range (0, n);
      g_autofree char *victim = g_strdup (alama_document_get_annotation (document, i)->id);

      g_assert_true (alama_document_remove_annotation (document, victim, NULL));
      g_assert_null (alama_document_lookup_annotation (document, victim));
      if (i % 7 == 0)
        assert_consistent (document);
    }
  g_assert_finalize_object (document);
}

static void
test_annotation_remove (void)
{
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GError) error = NULL;
  Watch *watch;
  char *a1 = add_suggestion (document, 4, 8, "PERS", 0.9);
  char *a2 = add_manual (document, 9, 17, "PERS");

  before = snapshot (document);
  watch = watch_new (document);
  g_assert_true (alama_document_remove_annotation (document, a1, &error));
  g_assert_no_error (error);
  /* The handler already sees the annotation gone. */
  g_assert_cmpuint (watch->changed->len, ==, 1);
  g_assert_cmpuint (g_array_index (watch->changed, Range, 0).n_annotations, ==, 1);
  expect_changed (watch, 4, 8);
  g_assert_null (alama_document_lookup_annotation (document, a1));
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 1);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Remove annotation");

  /* Twice: not found, and nothing happens. */
  g_assert_false (alama_document_remove_annotation (document, a1, &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (alama_document_remove_annotation (document, NULL, &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (alama_document_remove_annotation (document, "nope", NULL));
  expect_no_change (watch);

  /* The id may point into the annotation being removed. */
  g_assert_true (alama_document_remove_annotation (
      document, alama_document_get_annotation (document, 0)->id, NULL));
  expect_changed (watch, 9, 17);
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 0);

  g_assert_true (alama_document_undo (document));
  expect_changed (watch, 9, 17);
  g_assert_true (alama_document_undo (document));
  expect_changed (watch, 4, 8);
  assert_state (document, before);

  g_free (a1);
  g_free (a2);
  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_relabel (void)
{
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GError) error = NULL;
  Watch *watch;
  const AlamaAnnotation *a;
  char *suggestion = add_suggestion (document, 4, 8, "PERS", 0.875);
  char *manual = add_manual (document, 9, 17, "PERS");
  g_autoptr (GPtrArray) before = snapshot (document);
  g_autoptr (GPtrArray) after = NULL;

  watch = watch_new (document);

  /* A person's hand on a suggestion makes it edited. */
  g_assert_true (alama_document_relabel (document, suggestion, "LOC", "p1", &error));
  g_assert_no_error (error);
  expect_changed (watch, 4, 8);
  a = lookup (document, suggestion);
  g_assert_cmpstr (a->label, ==, "LOC");
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_EDITED);
  g_assert_cmpstr (a->confirmed_by, ==, "p1");
  /* Provenance stays. */
  g_assert_cmpstr (a->origin, ==, "m1");
  g_assert_cmpfloat (a->confidence, ==, 0.875);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Change label");

  /* Another person's change says who changed it last. */
  g_assert_true (alama_document_relabel (document, suggestion, "ORG", "p2", NULL));
  expect_changed (watch, 4, 8);
  g_assert_cmpstr (lookup (document, suggestion)->confirmed_by, ==, "p2");
  /* Without a person, the last confirmer stays. */
  g_assert_true (alama_document_relabel (document, suggestion, "MISC", NULL, NULL));
  expect_changed (watch, 4, 8);
  g_assert_cmpstr (lookup (document, suggestion)->confirmed_by, ==, "p2");
  g_assert_cmpint (lookup (document, suggestion)->status, ==, ALAMA_STATUS_EDITED);

  /* A person's own annotation stays manual. */
  g_assert_true (alama_document_relabel (document, manual, "ORG", "p2", NULL));
  expect_changed (watch, 9, 17);
  a = lookup (document, manual);
  g_assert_cmpstr (a->label, ==, "ORG");
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_MANUAL);
  g_assert_cmpstr (a->confirmed_by, ==, "p2");

  /* A new label joins the set. */
  g_assert_true (alama_document_relabel (document, manual, "FAC", "p1", NULL));
  expect_changed (watch, 9, 17);
  g_assert_nonnull (alama_label_set_lookup (alama_document_get_label_set (document), "FAC"));

  /* Label and id may be the document's own strings. */
  g_assert_true (alama_document_relabel (document, lookup (document, manual)->id,
                                         lookup (document, suggestion)->label, "p1", NULL));
  expect_changed (watch, 9, 17);
  g_assert_cmpstr (lookup (document, manual)->label, ==, "MISC");

  /* Errors change nothing. */
  after = snapshot (document);
  g_assert_false (alama_document_relabel (document, manual, "not a label", "p1", &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_LABEL);
  g_clear_error (&error);
  g_assert_false (alama_document_relabel (document, manual, NULL, "p1", &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_LABEL);
  g_clear_error (&error);
  g_assert_false (alama_document_relabel (document, "a99", "PERS", "p1", &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  expect_no_change (watch);
  assert_state (document, after);

  /* Each relabel was a step of its own. */
  for (guint i = 0; i < 6; i++)
    {
      g_assert_true (alama_document_undo (document));
      g_assert_cmpuint (watch->changed->len, ==, 1);
      g_array_set_size (watch->changed, 0);
    }
  assert_state (document, before);

  g_free (suggestion);
  g_free (manual);
  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_relabel_date (void)
{
  /* The normalized value belongs to DATE: leaving DATE drops it, undo
   * brings it back. */
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (AlamaAnnotation) date = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autofree char *id = NULL;
  gsize start, end;

  find_span (sentence, "11 سبتمبر 2001", 0, &start, &end);
  date = alama_annotation_new (NULL, start, end, "DATE");
  date->status = ALAMA_STATUS_SUGGESTED;
  date->origin = g_strdup ("m1");
  date->confidence = 0.5;
  date->when = g_strdup ("2001-09-11");
  id = g_strdup (alama_document_add_annotation (document, date, NULL));
  before = snapshot (document);

  /* Relabelling DATE as DATE changes nothing: no undo step, value kept. */
  g_assert_true (alama_document_relabel (document, id, "DATE", "p1", NULL));
  g_assert_cmpstr (lookup (document, id)->when, ==, "2001-09-11");
  assert_state (document, before);

  g_assert_true (alama_document_relabel (document, id, "MISC", "p1", NULL));
  g_assert_null (lookup (document, id)->when);
  g_assert_cmpint (lookup (document, id)->status, ==, ALAMA_STATUS_EDITED);

  g_assert_true (alama_document_undo (document));
  g_assert_cmpstr (lookup (document, id)->when, ==, "2001-09-11");
  g_assert_cmpstr (lookup (document, id)->label, ==, "DATE");
  assert_state (document, before);
  g_assert_true (alama_document_redo (document));
  g_assert_null (lookup (document, id)->when);
  g_assert_finalize_object (document);
}

static void
test_resize (void)
{
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GError) error = NULL;
  Watch *watch;
  const AlamaAnnotation *a;
  gsize n = alama_document_get_n_chars (document);
  char *suggestion = add_suggestion (document, 4, 8, "PERS", 0.5);
  char *manual = add_manual (document, 30, 40, "DATE");
  g_autoptr (GPtrArray) before = snapshot (document);
  g_autoptr (GPtrArray) after = NULL;

  watch = watch_new (document);

  /* Growing: the change covers old and new spans. */
  g_assert_true (alama_document_resize (document, suggestion, 4, 17, "p1", &error));
  g_assert_no_error (error);
  expect_changed (watch, 4, 17);
  a = lookup (document, suggestion);
  g_assert_cmpuint (a->start, ==, 4);
  g_assert_cmpuint (a->end, ==, 17);
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_EDITED);
  g_assert_cmpstr (a->confirmed_by, ==, "p1");
  g_assert_cmpstr (a->label, ==, "PERS");
  g_assert_cmpstr (a->origin, ==, "m1");
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Resize annotation");

  /* Shrinking. */
  g_assert_true (alama_document_resize (document, suggestion, 9, 17, NULL, NULL));
  expect_changed (watch, 4, 17);
  /* Moving far: both places change. */
  g_assert_true (alama_document_resize (document, suggestion, 50, 53, "p2", NULL));
  expect_changed (watch, 9, 53);
  g_assert_cmpstr (lookup (document, suggestion)->confirmed_by, ==, "p2");
  g_assert_cmpstr (alama_document_get_annotation (document, 1)->id, ==, suggestion);
  /* To the very end of the text. */
  g_assert_true (alama_document_resize (document, suggestion, n - 1, n, "p2", NULL));
  expect_changed (watch, 50, n);

  /* A person's own annotation stays manual; the id may be its own. */
  g_assert_true (alama_document_resize (document, lookup (document, manual)->id, 30, 44, "p1",
                                        NULL));
  expect_changed (watch, 30, 44);
  g_assert_cmpint (lookup (document, manual)->status, ==, ALAMA_STATUS_MANUAL);

  /* Errors change nothing. */
  after = snapshot (document);
  g_assert_false (alama_document_resize (document, manual, 5, 5, "p1", &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (alama_document_resize (document, manual, 8, 4, "p1", &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (alama_document_resize (document, manual, 0, n + 1, "p1", &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (alama_document_resize (document, "a99", 0, 3, "p1", &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  expect_no_change (watch);
  assert_state (document, after);

  /* Undo, one step each, with the same ranges. */
  g_assert_true (alama_document_undo (document));
  expect_changed (watch, 30, 44);
  g_assert_true (alama_document_undo (document));
  expect_changed (watch, 50, n);
  g_assert_true (alama_document_undo (document));
  expect_changed (watch, 9, 53);
  g_assert_true (alama_document_undo (document));
  expect_changed (watch, 4, 17);
  g_assert_true (alama_document_undo (document));
  expect_changed (watch, 4, 17);
  assert_state (document, before);

  g_free (suggestion);
  g_free (manual);
  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_accept (void)
{
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GError) error = NULL;
  Watch *watch;
  const AlamaAnnotation *a;
  char *suggestion = add_suggestion (document, 4, 8, "PERS", 0.75);
  char *manual = add_manual (document, 9, 17, "PERS");
  char *edited = add_suggestion (document, 18, 25, "LOC", 0.5);
  char *rejected = add_suggestion (document, 30, 44, "DATE", 0.25);
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;

  g_assert_true (alama_document_relabel (document, edited, "ORG", "p1", NULL));
  g_assert_true (alama_document_reject (document, rejected, "p1", NULL));
  before = snapshot (document);
  watch = watch_new (document);

  /* A suggestion becomes accepted, with its provenance kept. */
  g_assert_true (alama_document_accept (document, suggestion, "p1", &error));
  g_assert_no_error (error);
  expect_changed (watch, 4, 8);
  a = lookup (document, suggestion);
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpstr (a->confirmed_by, ==, "p1");
  g_assert_cmpstr (a->origin, ==, "m1");
  g_assert_cmpfloat (a->confidence, ==, 0.75);
  g_assert_cmpstr (a->label, ==, "PERS");
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Accept annotation");

  /* Accepting it again changes nothing and makes no step. */
  g_assert_true (alama_document_accept (document, suggestion, "p1", NULL));
  expect_no_change (watch);
  /* Another person confirming it is a change. */
  g_assert_true (alama_document_accept (document, suggestion, "p2", NULL));
  expect_changed (watch, 4, 8);
  g_assert_cmpstr (lookup (document, suggestion)->confirmed_by, ==, "p2");
  g_assert_cmpint (lookup (document, suggestion)->status, ==, ALAMA_STATUS_ACCEPTED);

  /* A manual annotation stays manual, but says who confirmed it. */
  g_assert_true (alama_document_accept (document, manual, "p2", NULL));
  expect_changed (watch, 9, 17);
  a = lookup (document, manual);
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_MANUAL);
  g_assert_cmpstr (a->confirmed_by, ==, "p2");
  g_assert_cmpstr (a->origin, ==, "p1");
  /* With nobody named, accepting a manual annotation is nothing. */
  g_assert_true (alama_document_accept (document, manual, NULL, NULL));
  expect_no_change (watch);

  /* An edited suggestion stays edited. */
  g_assert_true (alama_document_accept (document, edited, "p2", NULL));
  expect_changed (watch, 18, 25);
  g_assert_cmpint (lookup (document, edited)->status, ==, ALAMA_STATUS_EDITED);
  g_assert_cmpstr (lookup (document, edited)->confirmed_by, ==, "p2");

  /* Accepting a rejected suggestion takes the rejection back. */
  g_assert_false (alama_annotation_is_entity (lookup (document, rejected)));
  g_assert_true (alama_document_accept (document, lookup (document, rejected)->id, "p2", NULL));
  expect_changed (watch, 30, 44);
  a = lookup (document, rejected);
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_ACCEPTED);
  g_assert_true (alama_annotation_is_entity (a));
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_REJECTED), ==, 0);

  after = snapshot (document);
  g_assert_false (alama_document_accept (document, "a99", "p1", &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (alama_document_accept (document, NULL, "p1", NULL));
  expect_no_change (watch);
  assert_state (document, after);

  for (guint i = 0; i < 5; i++)
    g_assert_true (alama_document_undo (document));
  assert_state (document, before);

  g_free (suggestion);
  g_free (manual);
  g_free (edited);
  g_free (rejected);
  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_reject (void)
{
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GError) error = NULL;
  Watch *watch = watch_new (document);
  const AlamaAnnotation *a;
  char *suggestion = add_suggestion (document, 4, 8, "PERS", 0.75);
  char *other = add_suggestion (document, 9, 17, "LOC", 0.5);
  g_autoptr (GPtrArray) before = snapshot (document);
  guint n_entities = 0;

  g_array_set_size (watch->changed, 0);
  g_assert_true (alama_document_reject (document, suggestion, "p1", &error));
  g_assert_no_error (error);
  expect_changed (watch, 4, 8);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Reject annotation");

  /* Kept, as negative training data, but not an entity. */
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 2);
  a = lookup (document, suggestion);
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_REJECTED);
  g_assert_cmpstr (a->confirmed_by, ==, "p1");
  g_assert_cmpstr (a->label, ==, "PERS");
  g_assert_cmpstr (a->origin, ==, "m1");
  g_assert_cmpfloat (a->confidence, ==, 0.75);
  g_assert_false (alama_annotation_is_entity (a));
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_REJECTED), ==, 1);
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_SUGGESTED), ==, 1);
  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    n_entities += alama_annotation_is_entity (alama_document_get_annotation (document, i));
  g_assert_cmpuint (n_entities, ==, 1);

  /* Rejecting twice is nothing; without a person the confirmer stays. */
  g_assert_true (alama_document_reject (document, suggestion, "p1", NULL));
  g_assert_true (alama_document_reject (document, suggestion, NULL, NULL));
  expect_no_change (watch);
  g_assert_cmpstr (lookup (document, suggestion)->confirmed_by, ==, "p1");

  /* An accepted one can be rejected after all. */
  g_assert_true (alama_document_accept (document, other, "p1", NULL));
  g_array_set_size (watch->changed, 0);
  g_assert_true (alama_document_reject (document, other, "p2", NULL));
  expect_changed (watch, 9, 17);
  g_assert_cmpint (lookup (document, other)->status, ==, ALAMA_STATUS_REJECTED);
  g_assert_cmpstr (lookup (document, other)->confirmed_by, ==, "p2");
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_REJECTED), ==, 2);

  g_assert_false (alama_document_reject (document, "a99", "p1", &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_NOT_FOUND);
  expect_no_change (watch);

  g_assert_true (alama_document_undo (document));
  g_assert_true (alama_document_undo (document));
  g_assert_true (alama_document_undo (document));
  assert_state (document, before);

  g_free (suggestion);
  g_free (other);
  g_assert_finalize_object (document);
  watch_free (watch);
}

/* Checks that every annotation that differs between @before and the
 * document lies inside one of the ranges @watch saw. */
static void
assert_changes_covered (AlamaDocument *document,
                        GPtrArray     *before,
                        Watch         *watch)
{
  g_assert_cmpuint (before->len, ==, alama_document_get_n_annotations (document));
  for (guint i = 0; i < before->len; i++)
    {
      const AlamaAnnotation *old = before->pdata[i];
      const AlamaAnnotation *now = lookup (document, old->id);
      gboolean covered = FALSE;

      if (alama_annotation_equal (old, now))
        continue;
      for (guint k = 0; k < watch->changed->len; k++)
        {
          const Range *r = &g_array_index (watch->changed, Range, k);

          covered |= r->start <= now->start && now->end <= r->end;
        }
      g_assert_true (covered);
    }
}

static void
test_accept_all (void)
{
  AlamaDocument *document = sentence_document_new ();
  Watch *watch;
  char *pers1 = add_suggestion (document, 4, 8, "PERS", 0.75);
  char *loc = add_suggestion (document, 18, 25, "LOC", 0.5);
  char *pers2 = add_suggestion (document, 103, 107, "PERS", 0.6);
  char *manual = add_manual (document, 9, 17, "PERS");
  char *rejected = add_suggestion (document, 30, 44, "DATE", 0.25);
  char *edited = add_suggestion (document, 64, 67, "LOC", 0.3);
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;

  g_assert_true (alama_document_reject (document, rejected, "p1", NULL));
  g_assert_true (alama_document_relabel (document, edited, "ORG", "p1", NULL));
  before = snapshot (document);
  watch = watch_new (document);

  g_assert_cmpuint (alama_document_accept_all (document, NULL, "p2"), ==, 3);
  assert_changes_covered (document, before, watch);
  g_test_message ("accept_all emitted ::changed %u times", watch->changed->len);
  g_assert_cmpuint (watch->changed->len, >=, 1);
  g_assert_cmpuint (watch->changed->len, <=, 3);
  g_array_set_size (watch->changed, 0);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Accept all suggestions");

  /* Only suggestions: rejected stays rejected, edited and manual are left
   * alone. */
  g_assert_cmpint (lookup (document, pers1)->status, ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpint (lookup (document, pers2)->status, ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpint (lookup (document, loc)->status, ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpstr (lookup (document, loc)->confirmed_by, ==, "p2");
  g_assert_true (alama_annotation_equal (lookup (document, rejected),
                                         snapshot_find (before, rejected)));
  g_assert_cmpint (lookup (document, rejected)->status, ==, ALAMA_STATUS_REJECTED);
  g_assert_cmpint (lookup (document, edited)->status, ==, ALAMA_STATUS_EDITED);
  g_assert_cmpstr (lookup (document, edited)->confirmed_by, ==, "p1");
  g_assert_cmpint (lookup (document, manual)->status, ==, ALAMA_STATUS_MANUAL);
  g_assert_null (lookup (document, manual)->confirmed_by);
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_SUGGESTED), ==, 0);
  after = snapshot (document);

  /* One step: one undo, one ::changed covering them all. */
  g_assert_true (alama_document_undo (document));
  expect_changed (watch, 4, 107);
  assert_state (document, before);
  g_assert_true (alama_document_can_redo (document));
  g_assert_cmpstr (alama_document_get_redo_description (document), ==, "Accept all suggestions");
  g_assert_true (alama_document_redo (document));
  expect_changed (watch, 4, 107);
  assert_state (document, after);
  g_assert_true (alama_document_undo (document));
  g_array_set_size (watch->changed, 0);

  /* With a label: only suggestions of that label. */
  g_assert_cmpuint (alama_document_accept_all (document, "PERS", "p2"), ==, 2);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==,
                   "Accept all suggestions of a type");
  g_assert_cmpint (lookup (document, pers1)->status, ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpint (lookup (document, pers2)->status, ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpint (lookup (document, loc)->status, ==, ALAMA_STATUS_SUGGESTED);
  g_array_set_size (watch->changed, 0);
  g_assert_true (alama_document_undo (document));
  expect_changed (watch, 4, 107);
  assert_state (document, before);

  /* The label may be a string of the document's own. */
  g_assert_cmpuint (alama_document_accept_all (document, lookup (document, loc)->label, "p2"), ==,
                    1);
  g_assert_cmpint (lookup (document, loc)->status, ==, ALAMA_STATUS_ACCEPTED);
  g_assert_true (alama_document_undo (document));
  g_array_set_size (watch->changed, 0);
  watch->n_modified = watch->n_can_undo = watch->n_can_redo = 0;

  /* Nothing to accept: no step, no signal. */
  g_assert_cmpuint (alama_document_accept_all (document, "MISC", "p2"), ==, 0);
  g_assert_cmpuint (alama_document_accept_all (document, "NOPE", NULL), ==, 0);
  expect_no_change (watch);
  expect_notified (watch, 0, 0, 0);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Change label");
  g_assert_true (alama_document_can_redo (document));
  assert_state (document, before);

  g_free (pers1);
  g_free (pers2);
  g_free (loc);
  g_free (manual);
  g_free (rejected);
  g_free (edited);
  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_accept_all_empty (void)
{
  AlamaDocument *document = sentence_document_new ();
  Watch *watch = watch_new (document);

  g_assert_cmpuint (alama_document_accept_all (document, NULL, "p1"), ==, 0);
  expect_no_change (watch);
  expect_notified (watch, 0, 0, 0);
  g_assert_false (alama_document_can_undo (document));
  g_assert_null (alama_document_get_undo_description (document));
  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_note (void)
{
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GError) error = NULL;
  Watch *watch;
  char *id = add_suggestion (document, 4, 8, "PERS", 0.75);
  g_autoptr (GPtrArray) before = snapshot (document);
  const AlamaAnnotation *a;

  watch = watch_new (document);
  g_assert_true (alama_document_set_note (document, id, "اسم مركب؟ راجع", &error));
  g_assert_no_error (error);
  expect_changed (watch, 4, 8);
  a = lookup (document, id);
  g_assert_cmpstr (a->note, ==, "اسم مركب؟ راجع");
  /* A note is not a judgement of the annotation. */
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_SUGGESTED);
  g_assert_null (a->confirmed_by);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Edit note");

  /* The same note again is nothing, even from the document's own string. */
  g_assert_true (alama_document_set_note (document, id, "اسم مركب؟ راجع", NULL));
  g_assert_true (alama_document_set_note (document, id, lookup (document, id)->note, NULL));
  expect_no_change (watch);

  g_assert_true (alama_document_set_note (document, id, "second line\nسطر ثان", NULL));
  expect_changed (watch, 4, 8);
  /* An empty note is no note. */
  g_assert_true (alama_document_set_note (document, id, "", NULL));
  expect_changed (watch, 4, 8);
  g_assert_null (lookup (document, id)->note);
  g_assert_true (alama_document_set_note (document, id, "x", NULL));
  g_assert_true (alama_document_set_note (document, id, NULL, NULL));
  g_assert_null (lookup (document, id)->note);
  g_array_set_size (watch->changed, 0);

  g_assert_false (alama_document_set_note (document, "a99", "x", &error));
  g_assert_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_NOT_FOUND);
  expect_no_change (watch);

  for (guint i = 0; i < 5; i++)
    g_assert_true (alama_document_undo (document));
  assert_state (document, before);

  g_free (id);
  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_note_empty (void)
{
  /* Removing a note that is not there is no edit. */
  AlamaDocument *document = sentence_document_new ();
  g_autofree char *id = add_suggestion (document, 4, 8, "PERS", 0.75);
  Watch *watch;

  alama_document_set_unmodified (document);
  watch = watch_new (document);
  g_assert_true (alama_document_set_note (document, id, NULL, NULL));
  expect_no_change (watch);
  g_assert_true (alama_document_set_note (document, id, "", NULL));
  g_assert_null (lookup (document, id)->note);
  g_assert_false (alama_document_get_modified (document));
  expect_no_change (watch);
  expect_notified (watch, 0, 0, 0);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Add annotation");
  g_assert_finalize_object (document);
  watch_free (watch);
}

/* Undo and redo. */

/* Does every kind of edit, then undoes them all and redoes them all,
 * comparing every annotation field by field with the state after each
 * edit. */
static void
test_undo_exact (void)
{
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GPtrArray) states =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) descriptions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) entities = g_array_new (FALSE, TRUE, sizeof (AlamaEntity));
  Watch *watch;
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *a3 = NULL;
  g_autofree char *a4 = NULL;
  g_autofree char *a5 = NULL;
  AlamaEntity e = { 0 };
  guint n_steps;

#define STEP()                                                                                     \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_ptr_array_add (states, snapshot (document));                                                 \
    g_ptr_array_add (descriptions, g_strdup (alama_document_get_undo_description (document)));     \
    assert_consistent (document);                                                                  \
  }                                                                                                \
  G_STMT_END

  STEP ();
  {
    g_autoptr (AlamaAnnotation) date = alama_annotation_new (NULL, 30, 44, "DATE");

    date->status = ALAMA_STATUS_SUGGESTED;
    date->origin = g_strdup ("m1");
    date->confidence = 0.3;
    date->when = g_strdup ("2001-09-11");
    date->note = g_strdup ("ملاحظة");
    a1 = g_strdup (alama_document_add_annotation (document, date, NULL));
  }
  STEP ();
  a2 = add_suggestion (document, 4, 17, "PERS", 0.9);
  STEP ();
  a3 = add_manual (document, 18, 25, "LOC");
  STEP ();
  a4 = add_suggestion (document, 64, 67, "LOC", 0.7);
  STEP ();
  a5 = add_suggestion (document, 103, 107, "PERS", 0.7);
  STEP ();
  g_assert_true (alama_document_relabel (document, a1, "MISC", "p1", NULL));
  STEP ();
  g_assert_true (alama_document_resize (document, a2, 4, 8, "p1", NULL));
  STEP ();
  g_assert_true (alama_document_accept (document, a3, "p2", NULL));
  STEP ();
  g_assert_true (alama_document_reject (document, a4, "p1", NULL));
  STEP ();
  g_assert_true (alama_document_set_note (document, a3, "راجع", NULL));
  STEP ();
  alama_document_begin_group (document, "Annotate all occurrences");
  g_free (add_manual (document, 4, 8, "PERS"));
  g_free (add_manual (document, 103, 107, "PERS"));
  alama_document_begin_group (document, "inner");
  g_assert_true (alama_document_relabel (document, a3, "GPE", "p1", NULL));
  g_assert_true (alama_document_remove_annotation (document, a1, NULL));
  alama_document_end_group (document);
  alama_document_end_group (document);
  STEP ();
  g_assert_cmpuint (alama_document_accept_all (document, NULL, "p1"), ==, 1);
  STEP ();
  g_assert_true (alama_document_undo (document));
  e.start_char = 18;
  e.end_char = 25;
  e.type = "LOC";
  e.confidence = 0.25f;
  g_array_append_val (entities, e);
  e.start_char = 30;
  e.end_char = 44;
  e.type = "DATE";
  e.confidence = 0.125f;
  g_strlcpy (e.when, "--09", sizeof e.when);
  g_array_append_val (entities, e);
  alama_document_replace_suggestions (document, "m2", entities);
  /* The undone accept_all is gone from the redo stack; the states are the
   * undo stack. */
  g_ptr_array_remove_index (states, states->len - 1);
  g_ptr_array_remove_index (descriptions, descriptions->len - 1);
  STEP ();
  g_assert_true (alama_document_remove_annotation (document, a3, NULL));
  STEP ();
#undef STEP

  n_steps = states->len - 1;
  watch = watch_new (document);
  for (guint k = n_steps; k > 0; k--)
    {
      g_assert_true (alama_document_can_undo (document));
      g_assert_cmpstr (alama_document_get_undo_description (document), ==, descriptions->pdata[k]);
      g_assert_true (alama_document_undo (document));
      g_assert_cmpuint (watch->changed->len, ==, 1);
      g_array_set_size (watch->changed, 0);
      assert_state (document, states->pdata[k - 1]);
      g_assert_cmpstr (alama_document_get_redo_description (document), ==, descriptions->pdata[k]);
    }
  g_assert_false (alama_document_can_undo (document));
  g_assert_false (alama_document_undo (document));
  expect_no_change (watch);
  g_assert_false (alama_document_get_modified (document));

  for (guint k = 1; k <= n_steps; k++)
    {
      g_assert_true (alama_document_redo (document));
      g_assert_cmpuint (watch->changed->len, ==, 1);
      g_array_set_size (watch->changed, 0);
      assert_state (document, states->pdata[k]);
    }
  g_assert_false (alama_document_can_redo (document));
  g_assert_false (alama_document_redo (document));
  expect_no_change (watch);

  /* And once more down and up, to be sure redo left it all reusable. */
  while (alama_document_undo (document))
    ;
  assert_state (document, states->pdata[0]);
  while (alama_document_redo (document))
    ;
  assert_state (document, states->pdata[n_steps]);

  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_undo_redo_cleared (void)
{
  AlamaDocument *document = sentence_document_new ();
  Watch *watch = watch_new (document);
  g_autofree char *a1 = add_manual (document, 4, 8, "PERS");
  g_autofree char *a2 = add_manual (document, 9, 17, "PERS");
  g_autofree char *a3 = NULL;
  g_autoptr (GPtrArray) after_a1 = NULL;

  g_assert_true (alama_document_undo (document));
  after_a1 = snapshot (document);
  g_assert_true (alama_document_can_redo (document));
  g_assert_cmpstr (alama_document_get_redo_description (document), ==, "Add annotation");
  expect_notified (watch, 1, 1, 1);

  /* A new edit forgets what could be redone. */
  a3 = add_manual (document, 18, 25, "LOC");
  g_assert_false (alama_document_can_redo (document));
  g_assert_null (alama_document_get_redo_description (document));
  g_assert_false (alama_document_redo (document));
  expect_notified (watch, 0, 0, 1);
  g_assert_null (alama_document_lookup_annotation (document, a2));
  g_assert_true (alama_document_undo (document));
  assert_state (document, after_a1);

  /* A failed edit or one that changes nothing keeps it. */
  g_assert_true (alama_document_can_redo (document));
  g_assert_false (alama_document_remove_annotation (document, "a99", NULL));
  g_assert_true (alama_document_accept (document, a1, NULL, NULL));
  g_assert_cmpuint (alama_document_accept_all (document, "DATE", NULL), ==, 0);
  alama_document_begin_group (document, "nothing");
  alama_document_end_group (document);
  g_assert_true (alama_document_can_redo (document));
  g_assert_true (alama_document_redo (document));
  g_assert_nonnull (alama_document_lookup_annotation (document, a3));

  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_undo_group (void)
{
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  Watch *watch;
  char *kept = add_suggestion (document, 64, 67, "LOC", 0.5);
  gsize start, end;
  guint n_added = 0;

  alama_document_reset_history (document);
  before = snapshot (document);
  watch = watch_new (document);

  /* "Annotate all occurrences" of a name: one step, however many. */
  alama_document_begin_group (document, "Annotate all occurrences");
  for (guint nth = 0; nth < 2; nth++)
    {
      find_span (sentence, "محمد", nth, &start, &end);
      g_free (add_manual (document, start, end, "PERS"));
      n_added++;
      /* While a group is open nothing can be undone or redone. */
      g_assert_false (alama_document_can_undo (document));
      g_assert_false (alama_document_undo (document));
      g_assert_false (alama_document_can_redo (document));
    }
  /* Nested groups are part of the outer one. */
  alama_document_begin_group (document, "Inner group");
  g_assert_true (alama_document_relabel (document, kept, "GPE", "p1", NULL));
  alama_document_begin_group (document, "Innermost group");
  g_free (add_manual (document, 0, 3, "MISC"));
  alama_document_end_group (document);
  alama_document_end_group (document);
  g_assert_false (alama_document_can_undo (document));
  g_assert_null (alama_document_get_undo_description (document));
  /* Each edit in the group was seen as it happened; no history yet. */
  g_assert_cmpuint (watch->changed->len, ==, n_added + 2);
  expect_notified (watch, 0, 0, 0);
  alama_document_end_group (document);
  expect_notified (watch, 1, 1, 0);
  g_array_set_size (watch->changed, 0);

  g_assert_true (alama_document_can_undo (document));
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Annotate all occurrences");
  after = snapshot (document);
  g_assert_cmpuint (after->len, ==, 4);

  g_assert_true (alama_document_undo (document));
  expect_changed (watch, 0, 107);
  assert_state (document, before);
  g_assert_false (alama_document_can_undo (document));
  g_assert_cmpstr (alama_document_get_redo_description (document), ==, "Annotate all occurrences");
  g_assert_true (alama_document_redo (document));
  expect_changed (watch, 0, 107);
  assert_state (document, after);

  /* An empty group makes no step. */
  alama_document_begin_group (document, "Empty");
  alama_document_begin_group (document, "Empty too");
  alama_document_end_group (document);
  alama_document_end_group (document);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Annotate all occurrences");
  expect_no_change (watch);

  /* A group that adds and removes the same annotation undoes cleanly. */
  alama_document_begin_group (document, "Back and forth");
  {
    g_autofree char *id = add_manual (document, 3, 9, "ORG");

    g_assert_true (alama_document_resize (document, id, 3, 12, "p1", NULL));
    g_assert_true (alama_document_remove_annotation (document, id, NULL));
  }
  alama_document_end_group (document);
  assert_state (document, after);
  g_assert_true (alama_document_undo (document));
  assert_state (document, after);
  g_assert_true (alama_document_redo (document));
  assert_state (document, after);

  /* Ending a group that was never begun is a programming error. */
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*group_depth > 0*");
  alama_document_end_group (document);
  g_test_assert_expected_messages ();

  g_free (kept);
  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_undo_group_unfinished (void)
{
  /* A document freed with a group still open frees the group too. */
  AlamaDocument *document = sentence_document_new ();

  alama_document_begin_group (document, "Left open");
  g_free (add_manual (document, 0, 3, "PERS"));
  g_free (add_manual (document, 4, 8, "PERS"));
  g_assert_finalize_object (document);
}

static void
test_history_notify (void)
{
  AlamaDocument *document = sentence_document_new ();
  Watch *watch = watch_new (document);
  gboolean modified = TRUE;
  gboolean can_undo = TRUE;
  gboolean can_redo = TRUE;
  char *a1;
  char *a2;

  g_object_get (document, "modified", &modified, "can-undo", &can_undo, "can-redo", &can_redo,
                NULL);
  g_assert_false (modified);
  g_assert_false (can_undo);
  g_assert_false (can_redo);

  a1 = add_manual (document, 4, 8, "PERS");
  expect_notified (watch, 1, 1, 0);
  a2 = add_manual (document, 9, 17, "PERS");
  expect_notified (watch, 0, 0, 0);
  g_assert_true (alama_document_undo (document));
  expect_notified (watch, 0, 0, 1);
  /* Back where it was made: unmodified again. */
  g_assert_true (alama_document_undo (document));
  expect_notified (watch, 1, 1, 0);
  g_assert_false (alama_document_get_modified (document));
  g_assert_false (alama_document_undo (document));
  expect_notified (watch, 0, 0, 0);
  g_assert_true (alama_document_redo (document));
  expect_notified (watch, 1, 1, 0);
  g_assert_true (alama_document_redo (document));
  expect_notified (watch, 0, 0, 1);
  g_assert_false (alama_document_redo (document));
  expect_notified (watch, 0, 0, 0);

  alama_document_set_unmodified (document);
  expect_notified (watch, 1, 0, 0);
  alama_document_set_unmodified (document);
  expect_notified (watch, 0, 0, 0);

  g_assert_true (alama_document_undo (document));
  expect_notified (watch, 1, 0, 1);
  g_assert_true (alama_document_relabel (document, a1, "LOC", "p1", NULL));
  expect_notified (watch, 0, 0, 1);

  alama_document_reset_history (document);
  expect_notified (watch, 1, 1, 0);
  g_assert_false (alama_document_can_undo (document));
  g_assert_false (alama_document_get_modified (document));
  alama_document_reset_history (document);
  expect_notified (watch, 0, 0, 0);

  g_free (a1);
  g_free (a2);
  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_history_modified (void)
{
  AlamaDocument *document = sentence_document_new ();
  char *id;

  g_assert_false (alama_document_get_modified (document));
  id = add_manual (document, 4, 8, "PERS");
  g_free (id);
  g_assert_true (alama_document_get_modified (document));

  /* Saved: unmodified; undo leaves the saved state, redo returns to it. */
  alama_document_set_unmodified (document);
  g_assert_false (alama_document_get_modified (document));
  g_assert_true (alama_document_can_undo (document));
  g_assert_true (alama_document_undo (document));
  g_assert_true (alama_document_get_modified (document));
  g_assert_true (alama_document_redo (document));
  g_assert_false (alama_document_get_modified (document));

  /* Further edits and back. */
  id = add_manual (document, 9, 17, "PERS");
  g_free (id);
  g_assert_true (alama_document_get_modified (document));
  g_assert_true (alama_document_undo (document));
  g_assert_false (alama_document_get_modified (document));

  /* Saved, undone, then a different edit: the saved state cannot come
   * back, whatever is undone or redone. */
  g_assert_true (alama_document_redo (document));
  alama_document_set_unmodified (document);
  g_assert_true (alama_document_undo (document));
  id = add_manual (document, 18, 25, "LOC");
  g_free (id);
  g_assert_true (alama_document_get_modified (document));
  g_assert_true (alama_document_undo (document));
  g_assert_true (alama_document_get_modified (document));
  g_assert_true (alama_document_undo (document));
  g_assert_true (alama_document_get_modified (document));
  g_assert_true (alama_document_redo (document));
  g_assert_true (alama_document_redo (document));
  g_assert_true (alama_document_get_modified (document));

  /* Saved while there is something to redo. */
  g_assert_true (alama_document_undo (document));
  alama_document_set_unmodified (document);
  g_assert_true (alama_document_redo (document));
  g_assert_true (alama_document_get_modified (document));
  g_assert_true (alama_document_undo (document));
  g_assert_false (alama_document_get_modified (document));

  /* Reading a file ends with reset_history: unmodified, no history, the
   * annotations kept. */
  alama_document_reset_history (document);
  g_assert_false (alama_document_get_modified (document));
  g_assert_false (alama_document_can_undo (document));
  g_assert_false (alama_document_can_redo (document));
  g_assert_null (alama_document_get_undo_description (document));
  g_assert_null (alama_document_get_redo_description (document));
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 1);
  id = add_manual (document, 18, 25, "LOC");
  g_free (id);
  g_assert_true (alama_document_get_modified (document));
  g_assert_true (alama_document_undo (document));
  g_assert_false (alama_document_get_modified (document));
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 1);

  g_assert_finalize_object (document);
}

static void
test_history_descriptions (void)
{
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GArray) entities = g_array_new (FALSE, TRUE, sizeof (AlamaEntity));
  const char *const expected[] = {
    "Add annotation",   "Change label",           "Resize annotation",
    "Accept annotation", "Reject annotation",     "Edit note",
    "Accept all suggestions", "Accept all suggestions of a type", "Recognize entities",
    "My group",         "Remove annotation",
  };
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;
  guint k = 0;

  g_assert_null (alama_document_get_undo_description (document));
  g_assert_null (alama_document_get_redo_description (document));

  id = add_suggestion (document, 4, 8, "PERS", 0.5);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k++]);
  g_assert_true (alama_document_relabel (document, id, "LOC", "p1", NULL));
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k++]);
  g_assert_true (alama_document_resize (document, id, 4, 9, "p1", NULL));
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k++]);
  g_assert_true (alama_document_accept (document, id, "p2", NULL));
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k++]);
  g_assert_true (alama_document_reject (document, id, "p2", NULL));
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k++]);
  g_assert_true (alama_document_set_note (document, id, "note", NULL));
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k++]);
  alama_document_begin_group (document, NULL);
  other = add_suggestion (document, 18, 25, "LOC", 0.5);
  alama_document_end_group (document);
  g_assert_null (alama_document_get_undo_description (document));
  g_assert_cmpuint (alama_document_accept_all (document, NULL, "p1"), ==, 1);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k++]);
  g_assert_true (alama_document_undo (document));
  g_assert_cmpuint (alama_document_accept_all (document, "LOC", "p1"), ==, 1);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k++]);
  alama_document_replace_suggestions (document, "m1", entities);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k - 1]);
  g_assert_true (alama_document_reject (document, other, "p1", NULL));
  g_assert_true (alama_document_accept (document, other, "p1", NULL));
  g_assert_true (alama_document_undo (document));
  g_assert_true (alama_document_undo (document));
  g_assert_true (alama_document_undo (document));
  g_free (add_suggestion (document, 30, 44, "DATE", 0.5));
  alama_document_replace_suggestions (document, "m1", entities);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k++]);
  alama_document_begin_group (document, "My group");
  alama_document_begin_group (document, "Not mine");
  g_free (add_manual (document, 0, 3, "MISC"));
  alama_document_end_group (document);
  alama_document_end_group (document);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k++]);
  g_assert_true (alama_document_remove_annotation (document, id, NULL));
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, expected[k++]);
  g_assert_cmpuint (k, ==, G_N_ELEMENTS (expected));

  /* Undo walks them back, redo forwards. */
  g_assert_true (alama_document_undo (document));
  g_assert_cmpstr (alama_document_get_redo_description (document), ==, "Remove annotation");
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "My group");
  g_assert_true (alama_document_undo (document));
  g_assert_cmpstr (alama_document_get_redo_description (document), ==, "My group");
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Recognize entities");
  g_assert_true (alama_document_redo (document));
  g_assert_cmpstr (alama_document_get_redo_description (document), ==, "Remove annotation");
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "My group");

  g_assert_finalize_object (document);
}

/* Recognizing again. */

static AlamaEntity
make_entity (AlamaDocument *document,
             gsize          start,
             gsize          end,
             const char    *type,
             float          confidence,
             const char    *when)
{
  AlamaEntity e = { 0 };

  e.start_char = start;
  e.end_char = end;
  e.start_byte = alama_document_char_to_byte (document, start);
  e.end_byte = alama_document_char_to_byte (document, end);
  e.type = type;
  e.confidence = confidence;
  g_strlcpy (e.when, when ? when : "", sizeof e.when);
  return e;
}

/* Appends @e to @entities, and to @wanted when it should be added. */
static void
push_entity (GArray      *entities,
             GArray      *wanted,
             AlamaEntity  e)
{
  g_array_append_val (entities, e);
  if (wanted)
    g_array_append_val (wanted, e);
}

static void
test_replace_suggestions (void)
{
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GArray) entities = g_array_new (FALSE, TRUE, sizeof (AlamaEntity));
  g_autoptr (GArray) wanted = g_array_new (FALSE, TRUE, sizeof (AlamaEntity));
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  const char *m2 = alama_document_add_agent (document, ALAMA_AGENT_MODEL, "alama-ner", "0.2.0");
  gsize n = alama_document_get_n_chars (document);
  gsize name_s, name_e, cairo_s, cairo_e, date_s, date_e, egypt_s, egypt_e;
  gsize league_s, league_e, mo2_s, mo2_e, riyadh_s, riyadh_e, ibn_s, ibn_e, back_s, back_e;
  gsize dual_s, dual_e;
  g_autofree char *untouched = NULL;
  g_autofree char *accepted = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *manual = NULL;
  g_autofree char *rejected = NULL;
  g_autofree char *other_agent = NULL;
  g_autofree char *old_date = NULL;
  const char *kept[4];
  Watch *watch;
  guint added;
  guint n_seen = 0;

  g_assert_cmpstr (m2, ==, "m2");
  find_span (sentence, "محمد بن سلمان", 0, &name_s, &name_e);
  find_span (sentence, "بن سلمان", 0, &ibn_s, &ibn_e);
  find_span (sentence, "القاهرة", 0, &cairo_s, &cairo_e);
  find_span (sentence, "11 سبتمبر 2001", 0, &date_s, &date_e);
  find_span (sentence, "مصر", 0, &egypt_s, &egypt_e);
  find_span (sentence, "جامعة الدول العربية", 0, &league_s, &league_e);
  find_span (sentence, "الدول", 0, &dual_s, &dual_e);
  find_span (sentence, "محمد", 1, &mo2_s, &mo2_e);
  find_span (sentence, "عاد ", 0, &back_s, &back_e);
  find_span (sentence, "الرياض", 0, &riyadh_s, &riyadh_e);
  g_assert_cmpuint (back_e, ==, mo2_s);

  untouched = add_suggestion (document, name_s, name_e, "PERS", 0.9);
  accepted = add_suggestion (document, cairo_s, cairo_e, "LOC", 0.8);
  g_assert_true (alama_document_accept (document, accepted, "p1", NULL));
  edited = add_suggestion (document, league_s, league_e, "LOC", 0.7);
  g_assert_true (alama_document_relabel (document, edited, "ORG", "p1", NULL));
  manual = add_manual (document, mo2_s, mo2_e, "PERS");
  rejected = add_suggestion (document, egypt_s, egypt_e, "PERS", 0.4);
  g_assert_true (alama_document_reject (document, rejected, "p1", NULL));
  other_agent = add_full (document, NULL, riyadh_s, riyadh_e, "LOC", ALAMA_STATUS_SUGGESTED, "m2",
                          0.6);
  old_date = add_suggestion (document, date_s, date_e, "DATE", 0.55);
  kept[0] = accepted;
  kept[1] = edited;
  kept[2] = manual;
  kept[3] = rejected;
  before = snapshot (document);

  /* The same name again: added anew. */
  push_entity (entities, wanted, make_entity (document, name_s, name_e, "PERS", 0.875f, NULL));
  /* Over an accepted annotation, by one character: left out. */
  push_entity (entities, NULL, make_entity (document, cairo_s - 1, cairo_e, "LOC", 0.5f, NULL));
  /* Exactly a rejected suggestion: left out, the rejection stands. */
  push_entity (entities, NULL, make_entity (document, egypt_s, egypt_e, "PERS", 0.9f, NULL));
  /* Inside an edited annotation: left out. */
  push_entity (entities, NULL, make_entity (document, dual_s, dual_e, "ORG", 0.5f, NULL));
  /* Around a manual one: left out. */
  push_entity (entities, NULL, make_entity (document, back_s, mo2_e + 1, "PERS", 0.5f, NULL));
  /* Touching kept ones on either side is not overlapping. */
  push_entity (entities, wanted, make_entity (document, back_s, back_e, "MISC", 0.25f, NULL));
  push_entity (entities, wanted, make_entity (document, cairo_e, cairo_e + 1, "MISC", 0.25f, NULL));
  /* A date with its value. */
  push_entity (entities, wanted,
               make_entity (document, date_s, date_e, "DATE", 0.5f, "2001-09-11"));
  /* Outside the text: left out. */
  push_entity (entities, NULL, make_entity (document, n - 1, n + 3, "MISC", 0.5f, NULL));
  /* New suggestions may overlap each other. */
  push_entity (entities, wanted, make_entity (document, ibn_s, ibn_e, "PERS", 0.375f, NULL));
  /* Where another agent's suggestion was. */
  push_entity (entities, wanted, make_entity (document, riyadh_s, riyadh_e, "LOC", 0.75f, NULL));
  /* A label Alama does not know yet. */
  push_entity (entities, wanted,
               make_entity (document, egypt_e + 1, egypt_e + 3, "GPE", 0.5f, NULL));

  watch = watch_new (document);
  added = alama_document_replace_suggestions (document, m2, entities);
  g_assert_cmpuint (added, ==, wanted->len);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Recognize entities");
  g_assert_cmpuint (watch->changed->len, >, 0);
  g_array_set_size (watch->changed, 0);
  assert_consistent (document);

  /* People's work is untouched. */
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_true (alama_annotation_equal (lookup (document, kept[i]),
                                           snapshot_find (before, kept[i])));
  /* All earlier suggestions are gone, whichever agent made them. */
  g_assert_null (alama_document_lookup_annotation (document, untouched));
  g_assert_null (alama_document_lookup_annotation (document, other_agent));
  g_assert_null (alama_document_lookup_annotation (document, old_date));
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, G_N_ELEMENTS (kept) + added);
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_SUGGESTED), ==, added);
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_REJECTED), ==, 1);
  g_assert_nonnull (alama_label_set_lookup (alama_document_get_label_set (document), "GPE"));

  /* Every new suggestion is one of the wanted entities, each once. */
  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      gboolean found = FALSE;

      if (a->status != ALAMA_STATUS_SUGGESTED)
        continue;
      n_seen++;
      g_assert_cmpstr (a->origin, ==, "m2");
      g_assert_null (a->confirmed_by);
      g_assert_null (a->note);
      for (guint k = 0; k < wanted->len && !found; k++)
        {
          const AlamaEntity *e = &g_array_index (wanted, AlamaEntity, k);

          if (e->start_char == a->start && e->end_char == a->end && strcmp (e->type, a->label) == 0)
            {
              found = TRUE;
              g_assert_cmpfloat (a->confidence, ==, (double) e->confidence);
              if (e->when[0])
                g_assert_cmpstr (a->when, ==, e->when);
              else
                g_assert_null (a->when);
            }
        }
      if (!found)
        message_annotation ("unexpected", a);
      g_assert_true (found);
    }
  g_assert_cmpuint (n_seen, ==, wanted->len);
  after = snapshot (document);

  /* One step: undo brings back the exact earlier state, redo the new one. */
  g_assert_true (alama_document_undo (document));
  g_assert_cmpuint (watch->changed->len, ==, 1);
  g_array_set_size (watch->changed, 0);
  assert_state (document, before);
  g_assert_true (alama_document_redo (document));
  g_assert_cmpuint (watch->changed->len, ==, 1);
  g_array_set_size (watch->changed, 0);
  assert_state (document, after);

  /* Recognizing again with the same result replaces the suggestions with
   * equal ones. */
  g_assert_cmpuint (alama_document_replace_suggestions (document, m2, entities), ==, wanted->len);
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, after->len);
  g_assert_true (alama_document_undo (document));
  assert_state (document, after);

  /* Nothing found: the suggestions go, as one step. */
  g_array_set_size (entities, 0);
  g_assert_cmpuint (alama_document_replace_suggestions (document, m2, entities), ==, 0);
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_SUGGESTED), ==, 0);
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, G_N_ELEMENTS (kept));
  g_assert_true (alama_document_undo (document));
  assert_state (document, after);
  g_assert_true (alama_document_redo (document));

  /* No suggestions and nothing found: no step. */
  g_array_set_size (watch->changed, 0);
  g_assert_cmpuint (alama_document_replace_suggestions (document, m2, entities), ==, 0);
  expect_no_change (watch);
  g_assert_cmpstr (alama_document_get_undo_description (document), ==, "Recognize entities");
  g_assert_true (alama_document_undo (document));
  assert_state (document, after);

  g_assert_finalize_object (document);
  watch_free (watch);
}

static void
test_replace_suggestions_own_strings (void)
{
  /* The agent may be given as the origin of a suggestion that the call
   * itself replaces. */
  AlamaDocument *document = sentence_document_new ();
  g_autoptr (GArray) entities = g_array_new (FALSE, TRUE, sizeof (AlamaEntity));
  g_autofree char *id = add_suggestion (document, 4, 8, "PERS", 0.5);

  push_entity (entities, NULL, make_entity (document, 4, 8, "PERS", 0.5f, NULL));
  g_assert_cmpuint (alama_document_replace_suggestions (document, lookup (document, id)->origin,
                                                        entities),
                    ==, 1);
  g_assert_cmpstr (alama_document_get_annotation (document, 0)->origin, ==, "m1");
  g_assert_finalize_object (document);
}

/* Lifetime. */

static void
destroy_cb (gpointer data,
            GClosure *closure)
{
  (*(guint *) data)++;
}

static void
nothing_cb (void)
{
}

static void
test_finalize (void)
{
  /* A document with everything in it (annotations, agents, history both
   * ways, handlers) goes away with its last reference and lets go of its
   * handlers' data. */
  AlamaDocument *document = sentence_document_new ();
  GDateTime *when = g_date_time_new_utc (2020, 2, 2, 2, 2, 2);
  AlamaDocument *weak = document;
  guint destroyed = 0;

  g_signal_connect_data (document, "changed", G_CALLBACK (nothing_cb), &destroyed, destroy_cb, 0);
  g_signal_connect_data (document, "notify::modified", G_CALLBACK (nothing_cb), &destroyed,
                         destroy_cb, 0);
  alama_document_set_title (document, "عنوان");
  alama_document_set_created (document, when);
  g_date_time_unref (when);
  g_free (add_manual (document, 0, 3, "PERS"));
  g_free (add_suggestion (document, 4, 8, "ORG", 0.5));
  g_free (add_suggestion (document, 9, 17, "LOC", 0.5));
  g_assert_true (alama_document_undo (document));

  g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &weak);
  g_object_ref (document);
  g_object_unref (document);
  g_assert_nonnull (weak);
  g_object_unref (document);
  g_assert_null (weak);
  g_assert_cmpuint (destroyed, ==, 2);
}

static void
add_entity (AlamaDocument         *document,
            const char            *word,
            const char            *label,
            AlamaAnnotationStatus  status)
{
  AlamaAnnotation annotation = { 0 };

  find_span (sentence, word, 0, &annotation.start, &annotation.end);
  annotation.label = (char *) label;
  annotation.status = status;
  annotation.origin = (char *) (status == ALAMA_STATUS_MANUAL ? "p1" : "m1");
  annotation.confidence = -1;
  g_assert_nonnull (alama_document_add_annotation (document, &annotation, NULL));
}

/* A copy saves to the same bytes, has no history, and is its own: edits
 * to either leave the other alone, and new ids do not clash. */
static void
test_copy (void)
{
  g_autoptr (AlamaDocument) document = sentence_document_new ();
  g_autoptr (AlamaDocument) copy = NULL;
  g_autoptr (GBytes) original_bytes = NULL;
  g_autoptr (GBytes) copy_bytes = NULL;
  g_autoptr (GBytes) copy_bytes_after = NULL;
  AlamaAnnotation extra = { 0 };
  const char *id;

  alama_document_set_title (document, "عنوان");
  add_entity (document, "القاهرة", "LOC", ALAMA_STATUS_SUGGESTED);
  add_entity (document, "الرياض", "LOC", ALAMA_STATUS_MANUAL);
  add_entity (document, "مصر", "GPE", ALAMA_STATUS_SUGGESTED);
  g_assert_true (alama_document_reject (document, alama_document_get_annotation (document, 2)->id,
                                        "p1", NULL));

  copy = alama_document_copy (document);
  original_bytes = alama_xml_save (document, NULL);
  copy_bytes = alama_xml_save (copy, NULL);
  g_assert_nonnull (copy_bytes);
  g_assert_true (g_bytes_equal (original_bytes, copy_bytes));
  g_assert_false (alama_document_get_modified (copy));
  g_assert_false (alama_document_can_undo (copy));
  g_assert_true (alama_document_get_text (copy, NULL) != alama_document_get_text (document, NULL));
  g_assert_cmpuint (alama_document_char_to_byte (copy, 10), ==,
                    alama_document_char_to_byte (document, 10));

  g_assert_true (alama_document_undo (document));
  copy_bytes_after = alama_xml_save (copy, NULL);
  g_assert_true (g_bytes_equal (copy_bytes, copy_bytes_after));

  find_span (sentence, "محمد", 0, &extra.start, &extra.end);
  extra.label = (char *) "PERS";
  extra.status = ALAMA_STATUS_MANUAL;
  extra.confidence = -1;
  id = alama_document_add_annotation (copy, &extra, NULL);
  g_assert_nonnull (id);
  g_assert_null (alama_document_lookup_annotation (document, id));
  g_assert_cmpuint (alama_document_get_n_annotations (copy), ==, 4);
}

/* A document marked modified stays so through undo and redo, until it is
 * saved. */
static void
test_set_modified (void)
{
  g_autoptr (AlamaDocument) document = sentence_document_new ();
  guint notified = 0;

  g_signal_connect (document, "notify::modified", G_CALLBACK (count_cb), &notified);
  add_entity (document, "القاهرة", "LOC", ALAMA_STATUS_MANUAL);
  alama_document_set_unmodified (document);
  notified = 0;
  alama_document_set_modified (document);
  g_assert_true (alama_document_get_modified (document));
  g_assert_cmpuint (notified, ==, 1);
  alama_document_set_modified (document);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (alama_document_undo (document));
  g_assert_true (alama_document_get_modified (document));
  g_assert_true (alama_document_redo (document));
  g_assert_true (alama_document_get_modified (document));
  alama_document_set_unmodified (document);
  g_assert_false (alama_document_get_modified (document));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/document/text/diacritics", test_text_diacritics);
  g_test_add_func ("/alama/document/text/crlf", test_text_crlf);
  g_test_add_func ("/alama/document/text/bom", test_text_bom);
  g_test_add_func ("/alama/document/text/astral", test_text_astral);
  g_test_add_func ("/alama/document/text/empty", test_text_empty);
  g_test_add_func ("/alama/document/text/null", test_text_null);
  g_test_add_func ("/alama/document/text/length", test_text_length);
  g_test_add_func ("/alama/document/text/invalid", test_text_invalid);
  g_test_add_func ("/alama/document/text/large", test_text_large);
  g_test_add_func ("/alama/document/text/substring-clamp", test_text_substring_clamp);
  g_test_add_func ("/alama/document/source", test_source);
  g_test_add_func ("/alama/document/metadata", test_metadata);
  g_test_add_func ("/alama/document/agents", test_agents);
  g_test_add_func ("/alama/document/agents/kind-strings", test_agent_kind_strings);
  g_test_add_func ("/alama/document/annotation/struct", test_annotation_struct);
  g_test_add_func ("/alama/document/annotation/add", test_annotation_add);
  g_test_add_func ("/alama/document/annotation/ids", test_annotation_ids);
  g_test_add_func ("/alama/document/annotation/id-overflow", test_annotation_id_overflow);
  g_test_add_func ("/alama/document/annotation/range-errors", test_annotation_range_errors);
  g_test_add_func ("/alama/document/annotation/label-errors", test_annotation_label_errors);
  g_test_add_func ("/alama/document/annotation/unknown-label", test_annotation_unknown_label);
  g_test_add_func ("/alama/document/annotation/order", test_annotation_order);
  g_test_add_func ("/alama/document/annotation/remove", test_annotation_remove);
  g_test_add_func ("/alama/document/relabel", test_relabel);
  g_test_add_func ("/alama/document/relabel/date", test_relabel_date);
  g_test_add_func ("/alama/document/resize", test_resize);
  g_test_add_func ("/alama/document/accept", test_accept);
  g_test_add_func ("/alama/document/reject", test_reject);
  g_test_add_func ("/alama/document/accept-all", test_accept_all);
  g_test_add_func ("/alama/document/accept-all/empty", test_accept_all_empty);
  g_test_add_func ("/alama/document/note", test_note);
  g_test_add_func ("/alama/document/note/empty", test_note_empty);
  g_test_add_func ("/alama/document/undo/exact", test_undo_exact);
  g_test_add_func ("/alama/document/undo/redo-cleared", test_undo_redo_cleared);
  g_test_add_func ("/alama/document/undo-group", test_undo_group);
  g_test_add_func ("/alama/document/undo-group/unfinished", test_undo_group_unfinished);
  g_test_add_func ("/alama/document/history/notify", test_history_notify);
  g_test_add_func ("/alama/document/history/modified", test_history_modified);
  g_test_add_func ("/alama/document/history/descriptions", test_history_descriptions);
  g_test_add_func ("/alama/document/replace-suggestions", test_replace_suggestions);
  g_test_add_func ("/alama/document/replace-suggestions/own-strings",
                   test_replace_suggestions_own_strings);
  g_test_add_func ("/alama/document/finalize", test_finalize);
  g_test_add_func ("/alama/document/copy", test_copy);
  g_test_add_func ("/alama/document/set-modified", test_set_modified);
  g_test_add_func ("/alama/document/programming-errors", test_programming_errors);

  return g_test_run ();
}
