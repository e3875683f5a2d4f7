/* test-xml.c: tests for reading and writing Alama XML.
 *
 * Round trips on real Arabic (diacritics, CR and CRLF, tabs, edge spaces,
 * bidi marks, characters outside the BMP, markup characters, control
 * characters that force base64), the fixtures in tests/data (y_*.xml must
 * load; n_*.xml must fail with a positioned message holding the text of
 * n_*.expected), hostile input, and what the writer refuses.  Whatever is
 * saved is also validated against data/schema/alama.rng with xmllint, an
 * independent parser, when xmllint is installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <float.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "alama-xml.h"

#define SCHEMA TEST_DATA_DIR "/../../data/schema/alama.rng"

/* --- helpers --- */

static GBytes *
save_ok (AlamaDocument *doc)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = alama_xml_save (doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static AlamaDocument *
load_ok (GBytes     *bytes,
         const char *name)
{
  g_autoptr (GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  AlamaDocument *doc = alama_xml_load (data, len, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  if (!g_bytes_equal (a, b))
    {
      g_autofree char *x = g_strndup (g_bytes_get_data (a, NULL), g_bytes_get_size (a));
      g_autofree char *y = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));

      g_assert_cmpstr (x, ==, y);
      g_assert_not_reached ();
    }
}

/* Validates @bytes with xmllint against the schema, when xmllint is
 * installed. */
static void
assert_schema_valid (GBytes *bytes)
{
  static char *xmllint = NULL;
  static gboolean looked = FALSE;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  int status;
  int fd;

  if (!looked)
    {
      xmllint = g_find_program_in_path ("xmllint");
      looked = TRUE;
    }
  if (xmllint == NULL)
    {
      g_test_message ("xmllint not found: output not validated against the schema");
      return;
    }
  fd = g_file_open_tmp ("alama-test-XXXXXX.xml", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { xmllint, "--noout", "--relaxng", SCHEMA, path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_unlink (path);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      g_test_message ("%s\n%s", text, err);
      g_test_fail_printf ("xmllint: %s", err);
    }
}

static void
assert_documents_equal (AlamaDocument *a,
                        AlamaDocument *b)
{
  gsize len_a;
  gsize len_b;
  const char *text_a = alama_document_get_text (a, &len_a);
  const char *text_b = alama_document_get_text (b, &len_b);
  const AlamaSource *sa = alama_document_get_source (a);
  const AlamaSource *sb = alama_document_get_source (b);

  g_assert_cmpmem (text_a, len_a, text_b, len_b);
  g_assert_cmpuint (alama_document_get_n_chars (a), ==, alama_document_get_n_chars (b));

  g_assert_cmpstr (sa->file_name, ==, sb->file_name);
  g_assert_cmpstr (sa->encoding, ==, sb->encoding);
  g_assert_cmpint (sa->bom, ==, sb->bom);
  g_assert_cmpuint (sa->bytes, ==, sb->bytes);
  g_assert_cmpstr (sa->sha256, ==, sb->sha256);

  g_assert_cmpstr (alama_document_get_title (a), ==, alama_document_get_title (b));
  g_assert_cmpstr (alama_document_get_language (a), ==, alama_document_get_language (b));
  g_assert_true (g_date_time_equal (alama_document_get_created (a),
                                    alama_document_get_created (b)));
  g_assert_true (g_date_time_equal (alama_document_get_modified_time (a),
                                    alama_document_get_modified_time (b)));

  g_assert_cmpuint (alama_document_get_n_agents (a), ==, alama_document_get_n_agents (b));
  for (guint i = 0; i < alama_document_get_n_agents (a); i++)
    {
      const AlamaAgent *x = alama_document_get_agent (a, i);
      const AlamaAgent *y = alama_document_get_agent (b, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->version, ==, y->version);
    }

  g_assert_true (alama_label_set_equal (alama_document_get_label_set (a),
                                        alama_document_get_label_set (b)));

  g_assert_cmpuint (alama_document_get_n_annotations (a), ==,
                    alama_document_get_n_annotations (b));
  for (guint i = 0; i < alama_document_get_n_annotations (a); i++)
    {
      const AlamaAnnotation *x = alama_document_get_annotation (a, i);
      const AlamaAnnotation *y = alama_document_get_annotation (b, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpuint (x->start, ==, y->start);
      g_assert_cmpuint (x->end, ==, y->end);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpstr (x->origin, ==, y->origin);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpfloat (x->confidence, ==, y->confidence);
      g_assert_cmpstr (x->confirmed_by, ==, y->confirmed_by);
      g_assert_cmpstr (x->when, ==, y->when);
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_true (alama_annotation_equal (x, y));
    }
}

/* save → load → save: the reloaded document equals @doc, is unmodified
 * with nothing to undo, and saves to the same bytes.  Returns them. */
static GBytes *
round_trip (AlamaDocument *doc)
{
  g_autoptr (GBytes) first = save_ok (doc);
  g_autoptr (AlamaDocument) loaded = load_ok (first, "round-trip.xml");
  g_autoptr (GBytes) second = save_ok (loaded);
  g_autoptr (AlamaDocument) again = load_ok (second, "round-trip.xml");
  g_autoptr (GBytes) third = save_ok (again);

  assert_documents_equal (doc, loaded);
  assert_documents_equal (loaded, again);
  assert_bytes_equal (first, second);
  assert_bytes_equal (second, third);
  g_assert_false (alama_document_get_modified (loaded));
  g_assert_false (alama_document_can_undo (loaded));
  g_assert_false (alama_document_can_redo (loaded));
  assert_schema_valid (first);
  return g_steal_pointer (&first);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return g_strstr_len (data, len, needle) != NULL;
}

/* The code-point offset of the @nth (from 0) occurrence of @needle. */
static gsize
find_char (const char *text,
           const char *needle,
           guint       nth)
{
  const char *p = text;

  for (;;)
    {
      p = strstr (p, needle);
      g_assert_nonnull (p);
      if (nth-- == 0)
        return (gsize) g_utf8_pointer_to_offset (text, p);
      p++;
    }
}

static const char *
add_span (AlamaDocument        *doc,
          gsize                 start,
          gsize                 end,
          const char           *label,
          const char           *origin,
          AlamaAnnotationStatus status,
          double                confidence)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaAnnotation) a = alama_annotation_new (NULL, start, end, label);
  const char *id;

  a->origin = g_strdup (origin);
  a->status = status;
  a->confidence = confidence;
  id = alama_document_add_annotation (doc, a, &error);
  g_assert_no_error (error);
  return id;
}

static char *
read_fixture (const char *name,
              gsize      *len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
list_fixtures (const char *prefix)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (TEST_DATA_DIR, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
assert_load_fails (const char *data,
                   gsize       len,
                   const char *name,
                   const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) doc = alama_xml_load (data, len, name, &error);
  g_autofree char *pattern = g_strdup_printf ("%s:*:*: *", name ? name : "(memory)");

  g_assert_null (doc);
  g_assert_error (error, ALAMA_FORMAT_ERROR, error->code);
  g_test_message ("%s", error->message);
  g_assert_true (g_pattern_match_simple (pattern, error->message));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (expected)
    g_assert_nonnull (strstr (error->message, expected));
}

/* --- round trips --- */

typedef struct
{
  const char *name;
  const char *text;
  const char *needles[4]; /* substrings to annotate */
  gboolean base64;
} TextCase;

static const TextCase text_cases[] = {
  { "diacritics", "وَقَالَ أَحْمَدُ بْنُ عَلِيٍّ فِي بَيْرُوتَ سَنَةَ ١٩٩٠م",
    { "أَحْمَدُ بْنُ عَلِيٍّ", "بَيْرُوتَ", "١٩٩٠" }, FALSE },
  { "cr", "قال ماكرون\rفي باريس\r", { "ماكرون\r", "\rفي", "باريس\r" }, FALSE },
  { "crlf", "قال ماكرون\r\nفي باريس\r\n\r\n", { "ماكرون", "\r\n", "باريس\r\n\r\n" }, FALSE },
  { "lf-only", "\n\nبيروت\n", { "\n", "بيروت\n" }, FALSE },
  { "tabs-and-edge-spaces", "\t  زار\tسامي  حداد \t ", { "\t ", "سامي  حداد", " \t " }, FALSE },
  { "only-spaces", "   ", { " " }, FALSE },
  { "bidi-marks", "\u200fبيروت\u200e و Paris \u202bلبنان\u202c\u200c\u200d",
    { "\u200fبيروت\u200e", "Paris", "\u202bلبنان\u202c" }, FALSE },
  { "markup", "A&B <ORG> \"q\" 'a' ]]> &amp; &#13; <!-- x --> <?pi?> <![CDATA[",
    { "A&B", "<ORG>", "]]>", "&amp; &#13;" }, FALSE },
  { "astral", "😀 𝔸𝕃𝔸𝕄𝔸 🇱🇧 𠀀 عَ\U0001F1F1", { "😀", "𝔸𝕃𝔸𝕄𝔸", "🇱🇧", "\U0001F1F1" }, FALSE },
  { "allowed-oddities", "\x7f\xc2\x85\xc2\x9f \ufdd0 \ufffd \U0010FFFD", { "\x7f", "\ufdd0" },
    FALSE },
  { "empty", "", { NULL }, FALSE },
  { "control-char", "بيروت\x01 و\x1b[1mحلب\x1b[0m", { "بيروت\x01", "\x1b[1m", "حلب" }, TRUE },
  { "form-feed", "صفحة\x0cصفحة", { "\x0c" }, TRUE },
  { "fffe", "\ufeffنص \ufffe و \uffff", { "\ufffe", "\uffff" }, TRUE },
  { "lone-control-at-end", "حلب\x1f", { "حلب" }, TRUE },
};

static void
test_round_trip_text (gconstpointer data)
{
  const TextCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) doc = alama_document_new (c->text, -1, &error);
  g_autoptr (GBytes) bytes = NULL;
  const char *model;

  g_assert_no_error (error);
  model = alama_document_add_agent (doc, ALAMA_AGENT_MODEL, "alama-ner", "0.1.0");
  for (guint i = 0; i < G_N_ELEMENTS (c->needles) && c->needles[i]; i++)
    {
      gsize start = find_char (c->text, c->needles[i], 0);

      add_span (doc, start, start + g_utf8_strlen (c->needles[i], -1), i % 2 ? "LOC" : "PERS",
                model, ALAMA_STATUS_SUGGESTED, 0.5 + i / 8.0);
    }
  if (alama_document_get_n_chars (doc) > 0)
    add_span (doc, 0, alama_document_get_n_chars (doc), "MISC", NULL, ALAMA_STATUS_MANUAL, -1);
  alama_document_reset_history (doc);

  bytes = round_trip (doc);
  g_assert_cmpint (bytes_contain (bytes, "encoding=\"base64\""), ==, c->base64);
  /* No raw CR ever: a parser would read it as LF. */
  g_assert_false (bytes_contain (bytes, "\r"));
  if (!c->base64)
    {
      /* The text is there verbatim, but for the escapes. */
      GString *escaped = g_string_new (NULL);

      for (const char *p = c->text; *p; p++)
        switch (*p)
          {
          case '&':
            g_string_append (escaped, "&amp;");
            break;
          case '<':
            g_string_append (escaped, "&lt;");
            break;
          case '>':
            g_string_append (escaped, "&gt;");
            break;
          case '\r':
            g_string_append (escaped, "&#13;");
            break;
          default:
            g_string_append_c (escaped, *p);
          }
      g_assert_true (bytes_contain (bytes, escaped->str));
      g_string_free (escaped, TRUE);
    }
}

static void
test_round_trip_provenance (void)
{
  static const double confidences[] = {
    0, 1, 0.98, 1.0 / 3, 1e-5, 0.1 + 0.2, DBL_MIN, 5e-324, 1 - DBL_EPSILON / 2, 0.5,
    0.123456789012345678,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) doc = NULL;
  g_autoptr (GTimeZone) beirut = g_time_zone_new_offset (3 * 3600);
  g_autoptr (GDateTime) created = g_date_time_new (beirut, 2026, 11, 24, 8, 0, 1.5);
  g_autoptr (GDateTime) modified = g_date_time_new_utc (2026, 11, 24, 5, 10, 0.000001);
  g_autoptr (GBytes) bytes = NULL;
  GString *text = g_string_new (NULL);
  const char *model;
  const char *person;
  const char *other;

  for (guint i = 0; i < 40; i++)
    g_string_append (text, "سامي ");
  doc = alama_document_new (text->str, -1, &error);
  g_string_free (text, TRUE);
  g_assert_no_error (error);

  alama_document_set_title (doc, "عنوان\r\nبسطرين\tو & <وسوم> \"مقتبسة\"");
  alama_document_set_language (doc, NULL);
  model = alama_document_add_agent (doc, ALAMA_AGENT_MODEL, "alama-ner", "0.1.0");
  person = alama_document_add_agent (doc, ALAMA_AGENT_PERSON, "هدى \"Huda\" <h@example.org>",
                                     NULL);
  other = alama_document_add_agent (doc, ALAMA_AGENT_MODEL, "tab\there\nnewline\rcr", "");
  alama_label_set_add (alama_document_get_label_set (doc), "PERS", "persName", "tribal",
                       "PERSON", FALSE, "Person, with a \"type\"");

  for (guint i = 0; i < G_N_ELEMENTS (confidences); i++)
    add_span (doc, i * 5, i * 5 + 4, "PERS", i % 2 ? model : other, ALAMA_STATUS_SUGGESTED,
              confidences[i]);
  {
    const char *a = add_span (doc, 100, 104, "DATE", model, ALAMA_STATUS_SUGGESTED, 0.75);
    g_autofree char *id = g_strdup (a);

    alama_document_accept (doc, id, person, &error);
    g_assert_no_error (error);
    alama_document_set_note (doc, id, "ملاحظة\tمع\nأسطر\r\nو\"علامات\" & <b>", &error);
    g_assert_no_error (error);
  }
  {
    g_autofree char *id = g_strdup (add_span (doc, 105, 109, "LOC", model,
                                               ALAMA_STATUS_SUGGESTED, 0.25));

    alama_document_reject (doc, id, person, &error);
    g_assert_no_error (error);
  }
  {
    g_autofree char *id = g_strdup (add_span (doc, 110, 114, "ORG", model,
                                               ALAMA_STATUS_SUGGESTED, 0.6));

    alama_document_relabel (doc, id, "NORP", person, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr (AlamaAnnotation) a = alama_annotation_new ("z-last", 115, 119, "DATE");

    a->origin = g_strdup (person);
    a->when = g_strdup ("2001-09-11");
    a->note = g_strdup ("");
    alama_document_add_annotation (doc, a, &error);
    g_assert_no_error (error);
  }
  alama_document_set_created (doc, created);
  alama_document_set_modified_time (doc, modified);

  bytes = round_trip (doc);
  g_assert_true (bytes_contain (bytes, " confidence=\"0.98\""));
  g_assert_true (bytes_contain (bytes, " confidence=\"0\""));
  g_assert_true (bytes_contain (bytes, " confidence=\"1\""));
  g_assert_true (bytes_contain (bytes, "<created>2026-11-24T05:00:01.500000Z</created>"));
  g_assert_true (bytes_contain (bytes, "<modified>2026-11-24T05:10:00.000001Z</modified>"));
  g_assert_true (bytes_contain (bytes, "status=\"accepted\""));
  g_assert_true (bytes_contain (bytes, "status=\"rejected\""));
  g_assert_true (bytes_contain (bytes, "status=\"edited\""));
  g_assert_true (bytes_contain (bytes, "status=\"manual\""));
  g_assert_true (bytes_contain (bytes, "status=\"suggested\""));
  g_assert_true (bytes_contain (bytes, "<label name=\"NORP\""));
  g_assert_false (bytes_contain (bytes, "<language>"));
}

static void
test_escaping (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) doc = alama_document_new ("\t<a> & b\r\n ", -1, &error);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  id = g_strdup (add_span (doc, 1, 4, "ORG", NULL, ALAMA_STATUS_MANUAL, -1));
  alama_document_set_note (doc, id, "\t\"x\"\n\r&<>", &error);
  g_assert_no_error (error);
  alama_document_set_title (doc, "\r");
  bytes = round_trip (doc);
  g_assert_true (bytes_contain (bytes, ">\t&lt;a&gt; &amp; b&#13;\n </text>"));
  g_assert_true (bytes_contain (bytes, " note=\"&#9;&quot;x&quot;&#10;&#13;&amp;&lt;&gt;\">"));
  g_assert_true (bytes_contain (bytes, "status=\"manual\" note"));
  g_assert_true (bytes_contain (bytes, ">&lt;a&gt;</span>"));
  g_assert_true (bytes_contain (bytes, "<title>&#13;</title>"));
  g_assert_true (bytes_contain (bytes, "<text xml:space=\"preserve\" chars=\"11\">"));
}

static void
test_base64 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) doc = alama_document_new ("حلب\x01 بيروت", -1, &error);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *text64 = g_base64_encode ((const guchar *) "حلب\x01 بيروت",
                                             strlen ("حلب\x01 بيروت"));
  g_autofree char *span64 = g_base64_encode ((const guchar *) "بيروت", strlen ("بيروت"));
  g_autofree char *expected_text = NULL;
  g_autofree char *expected_span = NULL;

  g_assert_no_error (error);
  add_span (doc, 5, 10, "LOC", NULL, ALAMA_STATUS_MANUAL, -1);
  bytes = round_trip (doc);
  expected_text = g_strdup_printf ("<text xml:space=\"preserve\" encoding=\"base64\" "
                                   "chars=\"10\">%s</text>",
                                   text64);
  expected_span = g_strdup_printf (">%s</span>", span64);
  g_assert_true (bytes_contain (bytes, expected_text));
  g_assert_true (bytes_contain (bytes, expected_span));
  g_assert_false (bytes_contain (bytes, "\x01"));
}

/* Base64 may be wrapped: the reader skips whitespace in it. */
static void
test_base64_wrapped (void)
{
  gsize len;
  g_autofree char *data = read_fixture ("y_base64.xml", &len);
  g_autoptr (GString) wrapped = g_string_new (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) doc = NULL;
  g_autoptr (AlamaDocument) original = NULL;
  const char *at = strstr (wrapped->str, "chars=\"22\">");

  g_assert_nonnull (at);
  g_string_insert (wrapped, at - wrapped->str + 11 + 8, "\n  \t\r\n");
  g_string_insert (wrapped, at - wrapped->str + 11, "\n");
  doc = alama_xml_load (wrapped->str, wrapped->len, "wrapped.xml", &error);
  g_assert_no_error (error);
  original = alama_xml_load (data, len, "y_base64.xml", &error);
  g_assert_no_error (error);
  assert_documents_equal (doc, original);
}

static void
test_deterministic (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) doc = alama_document_new ("زار سامي حداد بيروت", -1, &error);
  g_autoptr (GBytes) a = NULL;
  g_autoptr (GBytes) b = NULL;
  const char *model = alama_document_add_agent (doc, ALAMA_AGENT_MODEL, "alama-ner", "0.1.0");

  /* Added out of order: files list spans by start, end and id. */
  add_span (doc, 14, 19, "LOC", model, ALAMA_STATUS_SUGGESTED, 0.9);
  add_span (doc, 4, 13, "PERS", model, ALAMA_STATUS_SUGGESTED, 0.8);
  add_span (doc, 4, 8, "PERS", model, ALAMA_STATUS_SUGGESTED, 0.7);
  a = save_ok (doc);
  b = save_ok (doc);
  assert_bytes_equal (a, b);
  g_bytes_unref (round_trip (doc));
  g_assert_true (bytes_contain (a, "id=\"a3\" start=\"4\" end=\"8\""));
  g_assert_true (strstr (g_bytes_get_data (a, NULL), "id=\"a3\"")
                 < strstr (g_bytes_get_data (a, NULL), "id=\"a2\""));
}

static void
test_source (void)
{
  const char *text = "\ufeffبيروت 😀\r\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) doc = alama_document_new (text, -1, &error);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  AlamaSource source = { "article.txt", "UTF-8", TRUE, strlen (text), sha };
  g_autoptr (GBytes) bytes = NULL;

  g_assert_no_error (error);
  alama_document_set_source (doc, &source);
  bytes = round_trip (doc);
  g_assert_true (bytes_contain (bytes, sha));
  g_clear_pointer (&bytes, g_bytes_unref);

  /* UTF-16: a BOM and 10 more code units (the emoji takes two): 22 bytes. */
  source = (AlamaSource){ "article-16.txt", "UTF-16LE", TRUE, 22, NULL };
  alama_document_set_source (doc, &source);
  g_bytes_unref (round_trip (doc));
  source.bytes = 18;
  alama_document_set_source (doc, &source);
  g_assert_null (alama_xml_save (doc, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "22 bytes in UTF-16LE, but its source had 18"));
  g_clear_error (&error);

  /* An encoding Alama does not know is not checked. */
  source = (AlamaSource){ NULL, "x-mac-arabic", FALSE, 3, NULL };
  alama_document_set_source (doc, &source);
  g_bytes_unref (round_trip (doc));

  /* Size and SHA-256 of a UTF-8 source must be the text's. */
  source = (AlamaSource){ "article.txt", "UTF-8", TRUE, strlen (text) + 1, NULL };
  alama_document_set_source (doc, &source);
  g_assert_null (alama_xml_save (doc, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "cannot save: the text is "));
  g_clear_error (&error);

  source = (AlamaSource){ "article.txt", "UTF-8", TRUE, strlen (text),
                          "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" };
  alama_document_set_source (doc, &source);
  g_assert_null (alama_xml_save (doc, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "SHA-256"));
  g_clear_error (&error);

  source = (AlamaSource){ "article.txt", "UTF-8", TRUE, strlen (text), "ABC" };
  alama_document_set_source (doc, &source);
  g_assert_null (alama_xml_save (doc, &error));
  g_assert_nonnull (strstr (error->message, "64 lowercase hexadecimal digits"));
  g_clear_error (&error);

  /* A single-byte code page has no BOM and one byte per character. */
  source = (AlamaSource){ NULL, "windows-1256", FALSE, alama_document_get_n_chars (doc), NULL };
  alama_document_set_source (doc, &source);
  g_bytes_unref (round_trip (doc));
  source.bom = TRUE;
  alama_document_set_source (doc, &source);
  g_assert_null (alama_xml_save (doc, &error));
  g_assert_nonnull (strstr (error->message, "byte-order mark"));
  g_clear_error (&error);
}

/* What no file could hold is refused, not changed. */
static void
test_save_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) doc = alama_document_new ("زار سامي حداد بيروت", -1, &error);
  g_autofree char *id = g_strdup (add_span (doc, 4, 8, "PERS", NULL, ALAMA_STATUS_SUGGESTED,
                                            0.5));
  g_autoptr (AlamaAnnotation) bad = NULL;

  /* A person who is not one of the document's agents. */
  alama_document_accept (doc, id, "p9", &error);
  g_assert_no_error (error);
  g_assert_null (alama_xml_save (doc, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "\"p9\""));
  g_clear_error (&error);
  alama_document_undo (doc);

  alama_document_set_note (doc, id, "bell \x07", &error);
  g_assert_no_error (error);
  g_assert_null (alama_xml_save (doc, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==,
                   "cannot save: the note of annotation a1 holds U+0007, which XML 1.0 "
                   "cannot hold");
  g_clear_error (&error);
  alama_document_undo (doc);

  alama_document_set_title (doc, "\uffff");
  g_assert_null (alama_xml_save (doc, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "the title holds U+FFFF"));
  g_clear_error (&error);
  alama_document_set_title (doc, NULL);

  bad = alama_annotation_new (NULL, 9, 13, "PERS");
  bad->confidence = 1.5;
  alama_document_add_annotation (doc, bad, &error);
  g_assert_no_error (error);
  g_assert_null (alama_xml_save (doc, &error));
  g_assert_nonnull (strstr (error->message, "outside [0, 1]"));
  g_clear_error (&error);
}

/* A large text (beyond libxml2's 10 MB limit on single text nodes in
 * trees, which a SAX reader does not have) with many annotations. */
static void
test_large (void)
{
  g_autoptr (GError) error = NULL;
  GString *text = g_string_new (NULL);
  g_autoptr (AlamaDocument) doc = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (AlamaDocument) loaded = NULL;
  const char *model;
  const char *line = "وُلد سامي حداد في بيروت & عاش في حلب <٢٠٠١>\r\n";
  gsize line_chars = (gsize) g_utf8_strlen (line, -1);

  while (text->len < 11 * 1024 * 1024)
    g_string_append (text, line);
  doc = alama_document_new (text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
  model = alama_document_add_agent (doc, ALAMA_AGENT_MODEL, "alama-ner", "0.1.0");
  alama_document_begin_group (doc, "many");
  for (gsize start = 5; start + 9 < alama_document_get_n_chars (doc); start += line_chars * 50)
    add_span (doc, start, start + 9, "PERS", model, ALAMA_STATUS_SUGGESTED, 0.9);
  alama_document_end_group (doc);

  bytes = save_ok (doc);
  loaded = load_ok (bytes, "large.xml");
  assert_documents_equal (doc, loaded);
  g_string_free (text, TRUE);
}

/* --- fixtures --- */

/* These are written by hand to show what the reader accepts; every other
 * y_ fixture is what the writer writes, byte for byte. */
static const char *const not_canonical[] = { "y_minimal.xml", "y_hand-written.xml" };

static void
test_fixtures_valid (void)
{
  g_autoptr (GPtrArray) names = list_fixtures ("y_");

  g_assert_cmpuint (names->len, >=, 6);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      gsize len;
      g_autofree char *data = read_fixture (name, &len);
      g_autoptr (GBytes) original = g_bytes_new (data, len);
      g_autoptr (AlamaDocument) doc = NULL;
      g_autoptr (GBytes) bytes = NULL;

      g_test_message ("%s", name);
      doc = load_ok (original, name);
      g_assert_false (alama_document_get_modified (doc));
      bytes = round_trip (doc);
      if (!g_strv_contains (not_canonical, name))
        assert_bytes_equal (original, bytes);
      assert_schema_valid (original);
    }
}

static void
test_fixtures_invalid (void)
{
  g_autoptr (GPtrArray) names = list_fixtures ("n_");

  g_assert_cmpuint (names->len, >=, 15);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".xml"));
      g_autofree char *expected_path = g_strdup_printf ("%s/%s.expected", TEST_DATA_DIR, stem);
      g_autofree char *expected = NULL;
      g_autofree char *data = NULL;
      gsize len;

      if (g_file_get_contents (expected_path, &expected, NULL, NULL))
        g_strchomp (expected);
      g_test_message ("%s: expecting %s", name, expected ? expected : "(any positioned error)");
      data = read_fixture (name, &len);
      assert_load_fails (data, len, name, expected);
    }
}

/* Specific fixtures, with the exact message. */
static void
test_fixture_messages (void)
{
  static const struct
  {
    const char *name;
    const char *message;
  } cases[] = {
    { "n_doctype.xml", "n_doctype.xml:2:1: DOCTYPE is not allowed" },
    { "n_surface-mismatch.xml",
      "n_surface-mismatch.xml:18:5: span a7 [14, 19): surface \"بيروث\" does not match the "
      "text \"بيروت\"" },
    { "n_version-2.xml",
      "n_version-2.xml:2:1: Alama XML version 2 is not supported: this Alama reads version 1; "
      "the file was written by a newer one" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len;
      g_autofree char *data = read_fixture (cases[i].name, &len);
      g_autoptr (GError) error = NULL;
      g_autoptr (AlamaDocument) doc = alama_xml_load (data, len, cases[i].name, &error);

      g_assert_null (doc);
      g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* --- hostile input --- */

static const char *const head
    = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<alama xmlns=\"urn:alama:document:1\" version=\"1\" offsets=\"codepoints\">\n"
      "<meta><created>2026-11-24T05:00:00Z</created><modified>2026-11-24T05:00:00Z</modified>"
      "</meta>\n"
      "<labels><label name=\"LOC\" tei=\"placeName\" enamex=\"LOCATION\"/></labels>\n";

static char *
with_body (const char *body)
{
  return g_strconcat (head, body, "</alama>\n", NULL);
}

static void
test_hostile (void)
{
  static const struct
  {
    const char *body;
    const char *expected;
  } cases[] = {
    { "<text chars=\"5\">بيروت</text><annotations><span id=\"a\" start=\"0\" end=\"5\" "
      "label=\"LOC\" status=\"manual\">بيروت</span><span id=\"b\" start=\"0\" end=\"6\" "
      "label=\"LOC\" status=\"manual\">بيروت</span></annotations>",
      "5:113: span b [0, 6) is outside the text (5 characters)" },
    { "<text chars=\"5\">بيروت</text><annotations><span id=\"a\" start=\"0\" end=\"3\" "
      "label=\"LOC\" status=\"manual\" confidence=\"0x1p-2\">بير</span></annotations>",
      "confidence \"0x1p-2\" is not a number in [0, 1]" },
    { "<text chars=\"5\">بيروت</text><annotations><span id=\"a\" start=\"0\" end=\"3\" "
      "label=\"LOC\" status=\"manual\" confidence=\"-0.1\">بير</span></annotations>",
      "confidence \"-0.1\"" },
    { "<text chars=\"5\">بيروت</text><annotations><span id=\"a\" start=\" 0\" end=\"3\" "
      "label=\"LOC\" status=\"manual\">بير</span></annotations>",
      "start=\" 0\" is not a character offset" },
    { "<text chars=\"5\">بيروت</text><annotations><span id=\"a\" start=\"+0\" end=\"3\" "
      "label=\"LOC\" status=\"manual\">بير</span></annotations>",
      "start=\"+0\" is not a character offset" },
    { "<text chars=\"5\">بيروت</text><annotations><span id=\"a\" start=\"0\" end=\"3\" "
      "label=\"LOC\" status=\"manual\"/></annotations>",
      "span a [0, 3): surface \"\" does not match the text \"بير\"" },
    { "<text chars=\"x\">بيروت</text>", "chars=\"x\" is not a number" },
    { "<text chars=\"5\" encoding=\"hex\">بيروت</text>", "encoding=\"hex\" is not supported" },
    { "<text chars=\"2\" encoding=\"base64\">AAE=</text>",
      "5:1: the text holds a NUL character at byte 0" },
    { "<text chars=\"1\" encoding=\"base64\">/w==</text>",
      "5:1: the text cannot be used: invalid UTF-8 at byte 0" },
    { "<text chars=\"1\" encoding=\"base64\">QR==</text>", "not valid base64" },
    { "<text chars=\"1\" encoding=\"base64\">QQ=</text>", "not valid base64" },
    { "<text chars=\"1\" encoding=\"base64\">Q Q = =</text>", NULL /* valid: spaces skipped */ },
    { "<text chars=\"0\"/><annotations><span id=\"a\" start=\"0\" end=\"1\" label=\"LOC\" "
      "status=\"manual\">x</span></annotations>",
      "outside the text (0 characters)" },
    { "<text chars=\"5\">بيروت<x:include xmlns:x=\"http://www.w3.org/2001/XInclude\" "
      "href=\"/etc/passwd\"/></text>",
      "unexpected element <x:include>" },
    { "<text chars=\"5\" foo:bar=\"1\" xmlns:foo=\"urn:foo\">بيروت</text>",
      "unexpected attribute foo:bar on <text>" },
    { "<text chars=\"5\" xml:space=\"default\">بيروت</text>", "xml:space=\"default\"" },
    { "<text chars=\"5\">بيروت</text><annotations a=\"b\"/>",
      "unexpected attribute a on <annotations>" },
    { "<text chars=\"5\">بيروت</text>trailing", "unexpected text in <alama>" },
    { "<text chars=\"5\">بيروت</text></alama><alama>", "Extra content at the end" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = with_body (cases[i].body);

      g_test_message ("case %u", i);
      if (cases[i].expected)
        assert_load_fails (data, strlen (data), "hostile.xml", cases[i].expected);
      else
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (AlamaDocument) doc = alama_xml_load (data, strlen (data), NULL, &error);

          g_assert_no_error (error);
          g_assert_nonnull (doc);
        }
    }
}

static void
test_hostile_sizes (void)
{
  GString *s = g_string_new (head);
  gint64 start = g_get_monotonic_time ();

  /* Deep nesting where nesting is not allowed, and at the root. */
  for (guint i = 0; i < 200000; i++)
    g_string_append (s, "<meta>");
  assert_load_fails (s->str, s->len, "deep.xml", "5:1: <meta> appears twice in <alama>");
  g_string_assign (s, "<alama xmlns='urn:alama:document:1' version='1' offsets='codepoints'>");
  for (guint i = 0; i < 200000; i++)
    g_string_append (s, "<meta>");
  assert_load_fails (s->str, s->len, "deep.xml", "1:76: unexpected element <meta> in <meta>");
  g_string_truncate (s, 0);
  for (guint i = 0; i < 200000; i++)
    g_string_append (s, "<a>");
  assert_load_fails (s->str, s->len, "deep.xml", "the root element is <a>");
  g_string_truncate (s, 0);
  g_string_append (s, "<alama xmlns='urn:alama:document:1' version='1' offsets='codepoints'>");
  for (guint i = 0; i < 200000; i++)
    g_string_append (s, "<x:a xmlns:x='urn:x'>");
  assert_load_fails (s->str, s->len, "deep.xml", "1:70: unexpected element <x:a>");

  /* An attribute of 20 MB: libxml2's limit. */
  g_string_assign (s, "<alama xmlns='urn:alama:document:1' version='1' offsets='");
  for (guint i = 0; i < 20 * 1024 * 1024; i++)
    g_string_append_c (s, 'x');
  g_string_append (s, "'/>");
  assert_load_fails (s->str, s->len, "huge.xml", NULL);

  /* A quoted DOCTYPE inside a comment is just a comment; the real one is
   * still refused, with its position, before any entity is expanded. */
  g_string_assign (s, "<!-- <!DOCTYPE x> -->\n\n"
                      "  <!DOCTYPE alama SYSTEM \"http://127.0.0.1:9/x.dtd\""
                      " [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">]>"
                      "<alama>&a;</alama>");
  assert_load_fails (s->str, s->len, "ext.xml", "ext.xml:3:3: DOCTYPE is not allowed");

  /* Not UTF-8: UTF-16 with a BOM. */
  assert_load_fails ("\xff\xfe<\0a\0/\0>\0", 10, "utf16.xml", "utf16.xml:1:1: invalid UTF-8");
  assert_load_fails ("<", 1, "lt.xml", NULL);
  assert_load_fails ("\xef\xbb\xbf", 3, "bom.xml", NULL);
  assert_load_fails ("<alama", 6, NULL, "(memory):1:");

  g_string_free (s, TRUE);
  /* All this is linear: well under the test timeout even under valgrind. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
}

/* libxml2 must not print anything: the core never prints on bad input. */
static void
test_silent (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GPtrArray) names = list_fixtures ("n_");

      for (guint i = 0; i < names->len; i++)
        {
          gsize len;
          g_autofree char *data = read_fixture (names->pdata[i], &len);
          g_autoptr (GError) error = NULL;
          g_autoptr (AlamaDocument) doc = alama_xml_load (data, len, names->pdata[i], &error);

          g_assert_null (doc);
        }
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("?*");
}

/* --- files --- */

static void
test_save_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alama-xml-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "article.xml", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "dir.xml", NULL);
  g_autoptr (AlamaDocument) doc = alama_document_new ("زار سامي حداد بيروت", -1, &error);
  g_autoptr (AlamaDocument) loaded = NULL;
  g_autoptr (GBytes) first = NULL;
  g_autofree char *in_backup = NULL;
  gsize len;

  g_assert_no_error (error);
  add_span (doc, 4, 13, "PERS", NULL, ALAMA_STATUS_MANUAL, -1);
  g_assert_true (alama_document_get_modified (doc));
  g_assert_true (alama_xml_save_file (doc, path, &error));
  g_assert_no_error (error);
  g_assert_false (alama_document_get_modified (doc));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  first = save_ok (doc);

  loaded = alama_xml_load_file (path, &error);
  g_assert_no_error (error);
  assert_documents_equal (doc, loaded);

  /* Saving again keeps the previous version. */
  add_span (doc, 14, 19, "LOC", NULL, ALAMA_STATUS_MANUAL, -1);
  g_assert_true (alama_xml_save_file (doc, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (backup, &in_backup, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (in_backup, len, g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  g_clear_object (&loaded);
  loaded = alama_xml_load_file (path, &error);
  g_assert_no_error (error);
  assert_documents_equal (doc, loaded);

  /* Failures leave everything as it was. */
  add_span (doc, 0, 3, "LOC", NULL, ALAMA_STATUS_MANUAL, -1);
  g_assert_false (alama_xml_save_file (doc, missing, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "cannot save "));
  g_clear_error (&error);
  g_assert_true (alama_document_get_modified (doc));
  g_assert_false (alama_xml_save_file (doc, dir, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_IO);
  g_clear_error (&error);

  g_assert_null (alama_xml_load_file (missing, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_IO);
  g_clear_error (&error);

  /* Messages from a file name its path. */
  g_file_set_contents (path, "<alama/>", -1, &error);
  g_assert_no_error (error);
  g_assert_null (alama_xml_load_file (path, &error));
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);

  g_unlink (path);
  g_unlink (backup);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/alama/xml/round-trip/text/%s",
                                               text_cases[i].name);

      g_test_add_data_func (path, &text_cases[i], test_round_trip_text);
    }
  g_test_add_func ("/alama/xml/round-trip/provenance", test_round_trip_provenance);
  g_test_add_func ("/alama/xml/round-trip/large", test_large);
  g_test_add_func ("/alama/xml/escaping", test_escaping);
  g_test_add_func ("/alama/xml/base64", test_base64);
  g_test_add_func ("/alama/xml/base64-wrapped", test_base64_wrapped);
  g_test_add_func ("/alama/xml/deterministic", test_deterministic);
  g_test_add_func ("/alama/xml/source", test_source);
  g_test_add_func ("/alama/xml/save-errors", test_save_errors);
  g_test_add_func ("/alama/xml/fixtures/valid", test_fixtures_valid);
  g_test_add_func ("/alama/xml/fixtures/invalid", test_fixtures_invalid);
  g_test_add_func ("/alama/xml/fixtures/messages", test_fixture_messages);
  g_test_add_func ("/alama/xml/hostile/values", test_hostile);
  g_test_add_func ("/alama/xml/hostile/sizes", test_hostile_sizes);
  g_test_add_func ("/alama/xml/hostile/silent", test_silent);
  g_test_add_func ("/alama/xml/save-file", test_save_file);

  return g_test_run ();
}
