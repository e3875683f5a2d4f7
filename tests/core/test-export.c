/* test-export.c: tests for the exporters.
 *
 * What is written is read back with independent parsers (json-glib for
 * JSON, libxml2 for TEI) or by hand for the line formats, and compared with
 * the document: the texts are Arabic with diacritics, astral characters,
 * CRLF line breaks and characters XML must escape.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

#include "alama-conll-reader.h"
#include "alama-export.h"
#include "alama-import.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"

/* Two paragraphs; the first has a CRLF inside a name. */
static const char rich_text[] =
  "قال الرئيس إيمانويل ماكرون في باريس 😀 يوم ١١ سبتمبر ٢٠٠١ أمام جامعة\r\n"
  "القاهرة: وبيروت مدينةٌ جميلة & <كبيرة> ﷺ.\r\n"
  "\r\n"
  "شركة Apple Inc. في 🇱🇧 لبنان.";

/* The offset in code points of the first @needle in @text. */
static gsize
find_chars (const char *text,
            const char *needle)
{
  const char *p = strstr (text, needle);

  g_assert_nonnull (p);
  return (gsize) g_utf8_pointer_to_offset (text, p);
}

static const AlamaAnnotation *
add (AlamaDocument         *document,
     const char            *needle,
     const char            *label,
     AlamaAnnotationStatus  status,
     double                 confidence,
     const char            *origin,
     const char            *note)
{
  const char *text = alama_document_get_text (document, NULL);
  gsize start = find_chars (text, needle);
  g_autoptr (AlamaAnnotation) a = alama_annotation_new (NULL, start,
                                                        start + g_utf8_strlen (needle, -1), label);
  g_autoptr (GError) error = NULL;
  const char *id;

  a->status = status;
  a->confidence = confidence;
  a->origin = g_strdup (origin);
  a->note = g_strdup (note);
  id = alama_document_add_annotation (document, a, &error);
  g_assert_no_error (error);
  return alama_document_lookup_annotation (document, id);
}

/* A document with every kind of annotation: a model's suggestions at each
 * confidence level, a date, a name over a line break, a name inside a word
 * (after the proclitic و), a rejected suggestion, a nested name of a label
 * Alama does not know, notes. */
static AlamaDocument *
make_rich_document (const char *text)
{
  AlamaDocument *document = alama_document_new (text, -1, NULL);
  const char *m1 = alama_document_add_agent (document, ALAMA_AGENT_MODEL, "alama-ner", "1.0");
  const char *p1 = alama_document_add_agent (document, ALAMA_AGENT_PERSON, "ليلى", NULL);
  const AlamaAnnotation *date;
  g_autoptr (AlamaAnnotation) dated = NULL;
  const AlamaAnnotation *paris;

  add (document, "إيمانويل ماكرون", "PERS", ALAMA_STATUS_SUGGESTED, 0.95, m1, NULL);
  paris = add (document, "باريس", "LOC", ALAMA_STATUS_SUGGESTED, 0.7, m1, NULL);
  g_assert_true (alama_document_accept (document, paris->id, p1, NULL));
  date = add (document, "١١ سبتمبر ٢٠٠١", "DATE", ALAMA_STATUS_SUGGESTED, 0.5, m1, NULL);
  /* when is only set by the recognizer: replace the annotation. */
  dated = alama_annotation_copy (date);
  g_free (dated->when);
  dated->when = g_strdup ("2001-09-11");
  alama_document_remove_annotation (document, dated->id, NULL);
  alama_document_add_annotation (document, dated, NULL);
  add (document, strstr (text, "جامعة\r\n") ? "جامعة\r\nالقاهرة" : "جامعة\nالقاهرة", "ORG",
       ALAMA_STATUS_MANUAL, -1, p1, NULL);
  add (document, "بيروت", "LOC", ALAMA_STATUS_MANUAL, -1, p1, "عاصمة لبنان");
  add (document, "الرئيس", "MISC", ALAMA_STATUS_REJECTED, 0.3, m1, NULL);
  add (document, "شركة Apple Inc.", "ORG", ALAMA_STATUS_MANUAL, -1, p1, NULL);
  add (document, "Apple", "PRODUCT", ALAMA_STATUS_MANUAL, -1, p1, NULL);
  add (document, "لبنان", "LOC", ALAMA_STATUS_MANUAL, -1, p1, "a \"quoted\" note\twith a tab");
  return document;
}

static guint
count_entities (AlamaDocument *document)
{
  guint n = 0;

  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    n += alama_annotation_is_entity (alama_document_get_annotation (document, i));
  return n;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strndup (data, size);
}

/* TSV */

static char *
tsv_unescape (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; *s; s++)
    {
      if (*s != '\\')
        {
          g_string_append_c (out, *s);
          continue;
        }
      s++;
      switch (*s)
        {
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'r':
          g_string_append_c (out, '\r');
          break;
        case '\\':
          g_string_append_c (out, '\\');
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return g_string_free (out, FALSE);
}

static void
test_tsv_escape (void)
{
  const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "", "" },
    { "بيروت", "بيروت" },
    { "a\tb\nc\rd\\e", "a\\tb\\nc\\rd\\\\e" },
    { "جامعة\r\nالقاهرة", "جامعة\\r\\nالقاهرة" },
    { "\\n", "\\\\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) out = g_string_new ("x");
      g_autofree char *back = NULL;

      alama_tsv_escape_append (out, cases[i].in, strlen (cases[i].in));
      g_assert_cmpstr (out->str + 1, ==, cases[i].out);
      back = tsv_unescape (out->str + 1);
      g_assert_cmpstr (back, ==, cases[i].in);
    }
}

static void
test_tsv_round_trip (void)
{
  g_autoptr (AlamaDocument) document = make_rich_document (rich_text);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = alama_export_tsv (document, &error);
  g_autofree char *tsv = NULL;
  g_auto (GStrv) lines = NULL;
  guint n = 0;
  gsize prev_start = 0;

  g_assert_no_error (error);
  tsv = bytes_to_string (bytes);
  g_assert_true (g_str_has_suffix (tsv, "\n"));
  lines = g_strsplit (tsv, "\n", -1);
  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      g_auto (GStrv) fields = NULL;
      g_autofree char *surface = NULL;
      g_autofree char *expected = NULL;

      if (!alama_annotation_is_entity (a))
        continue;
      fields = g_strsplit (lines[n++], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_cmpuint (g_ascii_strtoull (fields[0], NULL, 10), ==, a->start);
      g_assert_cmpuint (g_ascii_strtoull (fields[1], NULL, 10), ==, a->end);
      g_assert_cmpuint (a->start, >=, prev_start);
      prev_start = a->start;
      g_assert_cmpstr (fields[2], ==, a->label);
      surface = tsv_unescape (fields[3]);
      expected = alama_document_dup_substring (document, a->start, a->end);
      g_assert_cmpstr (surface, ==, expected);
    }
  g_assert_cmpuint (n, ==, count_entities (document));
  g_assert_cmpstr (lines[n], ==, "");
  g_assert_null (lines[n + 1]);
  g_assert_null (strstr (tsv, "MISC")); /* the rejected one */
  g_assert_nonnull (strstr (tsv, "ORG\tجامعة\\r\\nالقاهرة\n"));
}

/* JSON */

static JsonObject *
parse_json_object (GBytes    *bytes,
                   JsonNode **root)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = bytes_to_string (bytes);

  *root = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));
  return json_node_get_object (*root);
}

/* The UTF-8 text of [start, end) in UTF-16 code units of @utf16. */
static char *
utf16_slice (const gunichar2 *utf16,
             glong            start,
             glong            end)
{
  char *s = g_utf16_to_utf8 (utf16 + start, end - start, NULL, NULL, NULL);

  g_assert_nonnull (s);
  return s;
}

static void
check_json (AlamaDocument *document,
            JsonObject    *object,
            gboolean       utf16)
{
  const char *text = alama_document_get_text (document, NULL);
  g_autofree gunichar2 *units = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);
  JsonArray *annotations = json_object_get_array_member (object, "annotations");
  JsonArray *labels = json_object_get_array_member (object, "labels");
  JsonArray *agents = json_object_get_array_member (object, "agents");
  AlamaLabelSet *set = alama_document_get_label_set (document);

  g_assert_cmpstr (json_object_get_string_member (object, "offsets"), ==,
                   utf16 ? "utf16" : "codepoints");
  g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, text);
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "ar");
  g_assert_true (json_object_has_member (object, "source"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "source"),
                                               "bytes"),
                   ==, strlen (text));

  /* Every annotation, rejected ones too, with its status. */
  g_assert_cmpuint (json_array_get_length (annotations), ==,
                    alama_document_get_n_annotations (document));
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *o = json_array_get_object_element (annotations, i);
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      gint64 start = json_object_get_int_member (o, "start");
      gint64 end = json_object_get_int_member (o, "end");
      g_autofree char *surface = alama_document_dup_substring (document, a->start, a->end);
      g_autofree char *sliced = NULL;
      JsonNode *confidence = json_object_get_member (o, "confidence");

      g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, a->id);
      g_assert_cmpstr (json_object_get_string_member (o, "label"), ==, a->label);
      g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, surface);
      g_assert_cmpstr (json_object_get_string_member (o, "status"), ==,
                       alama_annotation_status_to_string (a->status));
      g_assert_cmpstr (json_object_get_string_member_with_default (o, "origin", NULL), ==,
                       a->origin);
      g_assert_cmpstr (json_object_get_string_member_with_default (o, "confirmed_by", NULL), ==,
                       a->confirmed_by);
      g_assert_cmpstr (json_object_get_string_member_with_default (o, "when", NULL), ==,
                       a->when);
      g_assert_cmpstr (json_object_get_string_member_with_default (o, "note", NULL), ==,
                       a->note);
      if (a->confidence < 0)
        g_assert_true (JSON_NODE_HOLDS_NULL (confidence));
      else
        g_assert_cmpfloat_with_epsilon (json_node_get_double (confidence), a->confidence, 1e-6);

      if (utf16)
        sliced = utf16_slice (units, start, end);
      else
        sliced = g_utf8_substring (text, start, end);
      g_assert_cmpstr (sliced, ==, surface);
      if (!utf16)
        {
          g_assert_cmpint (start, ==, a->start);
          g_assert_cmpint (end, ==, a->end);
        }
    }

  /* The whole label set, table by table. */
  g_assert_cmpuint (json_array_get_length (labels), ==, alama_label_set_get_n_labels (set));
  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      JsonObject *o = json_array_get_object_element (labels, i);
      const AlamaLabel *label = alama_label_set_get (set, i);

      g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, label->name);
      g_assert_cmpstr (json_object_get_string_member (o, "tei_element"), ==, label->tei_element);
      g_assert_cmpstr (json_object_get_string_member_with_default (o, "tei_type", NULL), ==,
                       label->tei_type);
      g_assert_cmpstr (json_object_get_string_member (o, "enamex"), ==, label->enamex);
      g_assert_true (json_object_get_boolean_member (o, "timex") == label->timex);
    }

  g_assert_cmpuint (json_array_get_length (agents), ==, alama_document_get_n_agents (document));
  for (guint i = 0; i < json_array_get_length (agents); i++)
    {
      JsonObject *o = json_array_get_object_element (agents, i);
      const AlamaAgent *agent = alama_document_get_agent (document, i);

      g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, agent->id);
      g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==,
                       alama_agent_kind_to_string (agent->kind));
      g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, agent->name);
    }
}

static void
test_json_round_trip (void)
{
  g_autoptr (AlamaDocument) document = make_rich_document (rich_text);

  for (int utf16 = 0; utf16 <= 1; utf16++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) json = alama_export_json (document, utf16, &error);
      g_autoptr (GBytes) jsonl = NULL;
      g_autoptr (JsonNode) root = NULL;
      g_autoptr (JsonNode) line_root = NULL;
      g_autofree char *line = NULL;
      JsonObject *object;

      g_assert_no_error (error);
      object = parse_json_object (json, &root);
      check_json (document, object, utf16);

      /* JSON Lines: the same object on one line. */
      jsonl = alama_export_jsonl (document, utf16, &error);
      g_assert_no_error (error);
      line = bytes_to_string (jsonl);
      g_assert_true (g_str_has_suffix (line, "\n"));
      g_assert_true (strchr (line, '\n') == line + strlen (line) - 1);
      object = parse_json_object (jsonl, &line_root);
      check_json (document, object, utf16);
      g_assert_true (json_node_equal (root, line_root));
    }
}

/* The astral characters make UTF-16 offsets differ from code points. */
static void
test_json_utf16_offsets (void)
{
  g_autoptr (AlamaDocument) document = alama_document_new ("😀🇱🇧 بيروت 𝕏 ماكرون", -1, NULL);
  g_autoptr (GBytes) json = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *annotations;
  JsonObject *o;

  add (document, "بيروت", "LOC", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  add (document, "ماكرون", "PERS", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  json = alama_export_json (document, TRUE, NULL);
  annotations = json_object_get_array_member (parse_json_object (json, &root), "annotations");
  o = json_array_get_object_element (annotations, 0);
  g_assert_cmpint (json_object_get_int_member (o, "start"), ==, 7); /* 4 code points */
  g_assert_cmpint (json_object_get_int_member (o, "end"), ==, 12);
  o = json_array_get_object_element (annotations, 1);
  g_assert_cmpint (json_object_get_int_member (o, "start"), ==, 16); /* 11 code points */
  g_assert_cmpint (json_object_get_int_member (o, "end"), ==, 22);
}

/* TEI */

static int xml_errors;

/* libxml2 2.12 made the error const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *XmlErrorArg;
#else
typedef xmlError *XmlErrorArg;
#endif

static void
count_xml_error (void        *data,
                 XmlErrorArg  error)
{
  g_test_message ("libxml2: %s", error->message);
  xml_errors++;
}

static xmlDocPtr
parse_tei (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlDocPtr xml;

  xml_errors = 0;
  xmlSetStructuredErrorFunc (NULL, count_xml_error);
  xml = xmlReadMemory (data, (int) size, "export.tei.xml", NULL, XML_PARSE_NONET);
  xmlSetStructuredErrorFunc (NULL, NULL);
  g_assert_nonnull (xml);
  g_assert_cmpint (xml_errors, ==, 0);
  return xml;
}

static xmlXPathObjectPtr
evaluate (xmlDocPtr   xml,
          const char *expression)
{
  xmlXPathContextPtr context = xmlXPathNewContext (xml);
  xmlXPathObjectPtr result;

  xmlXPathRegisterNs (context, BAD_CAST "tei", BAD_CAST TEI_NS);
  result = xmlXPathEvalExpression (BAD_CAST expression, context);
  xmlXPathFreeContext (context);
  g_assert_nonnull (result);
  return result;
}

static char *
evaluate_string (xmlDocPtr   xml,
                 const char *expression)
{
  xmlXPathObjectPtr result = evaluate (xml, expression);
  char *s;

  g_assert_cmpint (result->type, ==, XPATH_STRING);
  s = g_strdup ((const char *) result->stringval);
  xmlXPathFreeObject (result);
  return s;
}

static double
evaluate_number (xmlDocPtr   xml,
                 const char *expression)
{
  xmlXPathObjectPtr result = evaluate (xml, expression);
  double n;

  g_assert_cmpint (result->type, ==, XPATH_NUMBER);
  n = result->floatval;
  xmlXPathFreeObject (result);
  return n;
}

static void
test_tei (void)
{
  g_autoptr (AlamaDocument) document = make_rich_document (rich_text);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) tei = alama_export_tei (document, &error);
  g_autofree char *body = NULL;
  xmlDocPtr xml;

  g_assert_no_error (error);
  xml = parse_tei (tei);

  /* The body's string value is the text, CRs included. */
  body = evaluate_string (xml, "string(/tei:TEI/tei:text/tei:body)");
  g_assert_cmpstr (body, ==, rich_text);

  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body/tei:p)"), ==, 2);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body/tei:p[1]//tei:lb)"), ==, 1);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:persName[@resp='#m1'][@cert='high'])"),
                     ==, 1);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:placeName[@cert='medium'])"), ==, 1);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:date[@when='2001-09-11'][@cert='low'])"),
                     ==, 1);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:placeName)"), ==, 3);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:orgName[@resp='#p1'][not(@cert)])"), ==,
                     2);
  /* The name over the line break keeps it, with an lb. */
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:orgName/tei:lb)"), ==, 1);
  /* The unknown label, nested in the organization. */
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:orgName/tei:name[@type='product'])"), ==,
                     1);
  /* The rejected suggestion is not a name. */
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:name[@type='misc'])"), ==, 0);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:respStmt[@xml:id='m1'])"), ==, 1);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:respStmt[@xml:id='p1']/tei:persName)"),
                     ==, 1);
  g_free (body);
  body = evaluate_string (xml, "string(//tei:placeName[2])");
  g_assert_cmpstr (body, ==, "بيروت");
  xmlFreeDoc (xml);
}

static void
test_tei_header (void)
{
  g_autoptr (AlamaDocument) document = alama_document_new ("نص", -1, NULL);
  AlamaSource source = { (char *) "a&b <1>.txt", (char *) "windows-1256", FALSE, 12, NULL };
  g_autoptr (GBytes) tei = NULL;
  g_autofree char *title = NULL;
  xmlDocPtr xml;

  alama_document_set_source (document, &source);
  tei = alama_export_tei (document, NULL);
  xml = parse_tei (tei);
  title = evaluate_string (xml, "string(//tei:titleStmt/tei:title)");
  g_assert_cmpstr (title, ==, "a&b <1>.txt");
  g_free (title);
  title = evaluate_string (xml, "string(//tei:sourceDesc)");
  g_assert_nonnull (strstr (title, "windows-1256"));
  xmlFreeDoc (xml);
  g_clear_pointer (&tei, g_bytes_unref);

  alama_document_set_title (document, "\"عنوان\" & <نص>");
  tei = alama_export_tei (document, NULL);
  xml = parse_tei (tei);
  g_free (title);
  title = evaluate_string (xml, "string(//tei:titleStmt/tei:title)");
  g_assert_cmpstr (title, ==, "\"عنوان\" & <نص>");
  xmlFreeDoc (xml);
}

/* Crossing names cannot nest: the one that starts first is kept, the other
 * left out and counted. */
static void
test_tei_overlaps (void)
{
  const char *text = "قال إيمانويل ماكرون في باريس";
  g_autoptr (AlamaDocument) document = alama_document_new (text, -1, NULL);
  g_autoptr (GBytes) tei = NULL;
  g_autofree char *body = NULL;
  g_autofree char *xml_text = NULL;
  xmlDocPtr xml;

  add (document, "إيمانويل ماكرون", "PERS", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  add (document, "ماكرون في", "MISC", ALAMA_STATUS_MANUAL, -1, NULL, NULL);  /* crosses */
  add (document, "إيمانويل ماكرون", "LOC", ALAMA_STATUS_MANUAL, -1, NULL, NULL); /* same span */
  add (document, "ماكرون", "ORG", ALAMA_STATUS_MANUAL, -1, NULL, NULL);     /* nests */
  /* Crosses only the one left out. */
  add (document, "في باريس", "DATE", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  tei = alama_export_tei (document, NULL);
  xml_text = bytes_to_string (tei);
  g_assert_nonnull (strstr (xml_text, "<!-- 2 overlapping annotations"));
  xml = parse_tei (tei);
  body = evaluate_string (xml, "string(//tei:body)");
  g_assert_cmpstr (body, ==, text);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body//tei:persName)"), ==, 1);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:persName/tei:orgName)"), ==, 1);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body//tei:placeName)"), ==, 0);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body//tei:date)"), ==, 1);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body//tei:name)"), ==, 0);
  xmlFreeDoc (xml);
}

static void
test_tei_paragraphs (void)
{
  const struct
  {
    const char *text;
    guint paragraphs;
    guint line_breaks;
  } cases[] = {
    { "", 0, 0 },
    { "\n\n \t\r\n", 0, 0 },
    { "سطر", 1, 0 },
    { "\n\nسطر\n\n", 1, 0 },
    { "سطر\nسطر\rسطر\r\nسطر", 1, 3 },
    { "  سطر  \n \t \nسطر\r\r\rسطر", 3, 0 },
    { "\r\nأ\r\n\r\nب\r\nج\r\n", 2, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (AlamaDocument) document = alama_document_new (cases[i].text, -1, NULL);
      g_autoptr (GBytes) tei = NULL;
      g_autofree char *body = NULL;
      xmlDocPtr xml;

      g_test_message ("case %u", i);
      /* A name over the whole text, whitespace and all. */
      if (alama_document_get_n_chars (document) > 0)
        {
          g_autoptr (AlamaAnnotation) a = alama_annotation_new (NULL, 0,
                                                                alama_document_get_n_chars (document),
                                                                "MISC");

          alama_document_add_annotation (document, a, NULL);
        }
      tei = alama_export_tei (document, NULL);
      xml = parse_tei (tei);
      body = evaluate_string (xml, "string(//tei:body)");
      g_assert_cmpstr (body, ==, cases[i].text);
      g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body/tei:p[node()])"), ==,
                         cases[i].paragraphs);
      g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body/tei:p)"), ==,
                         MAX (cases[i].paragraphs, 1));
      g_assert_cmpfloat (evaluate_number (xml, "count(//tei:lb)"), ==, cases[i].line_breaks);
      /* The name is clamped to its paragraph when it has only one. */
      g_assert_cmpfloat (evaluate_number (xml, "count(//tei:name)"), ==,
                         cases[i].paragraphs == 1 ? 1 : 0);
      xmlFreeDoc (xml);
    }
}

static void
test_tei_control_characters (void)
{
  g_autoptr (AlamaDocument) page = alama_document_new ("صفحة\fصفحة", -1, NULL);
  g_autoptr (AlamaDocument) bad = alama_document_new ("سطر\nسطر\x01", -1, NULL);
  g_autoptr (AlamaDocument) nonchar = alama_document_new ("\xEF\xBF\xBE", -1, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) tei = alama_export_tei (page, &error);
  g_autofree char *body = NULL;
  xmlDocPtr xml;

  g_assert_no_error (error);
  xml = parse_tei (tei);
  body = evaluate_string (xml, "string(//tei:body)");
  g_assert_cmpstr (body, ==, "صفحةصفحة");
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:p/tei:pb)"), ==, 1);
  xmlFreeDoc (xml);

  g_assert_null (alama_export_tei (bad, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "text:2:4: character U+0001 cannot be written in XML 1.0");
  g_clear_error (&error);
  g_assert_null (alama_export_tei (nonchar, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
}

/* CoNLL */

static void
expect_conll (AlamaDocument *document,
              const char    *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) conll = alama_export_conll (document, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = bytes_to_string (conll);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_conll (void)
{
  g_autoptr (AlamaDocument) document = alama_document_new (
      "قال إيمانويل ماكرون في باريس.\nوصل وبيروت", -1, NULL);
  g_autoptr (AlamaDocument) empty = alama_document_new ("  \n", -1, NULL);

  add (document, "إيمانويل ماكرون", "PERS", ALAMA_STATUS_SUGGESTED, 0.9, NULL, NULL);
  add (document, "باريس", "LOC", ALAMA_STATUS_ACCEPTED, 0.9, NULL, NULL);
  add (document, "قال", "MISC", ALAMA_STATUS_REJECTED, 0.9, NULL, NULL);
  /* After the proclitic و: the whole word is tagged, as in ANERcorp. */
  add (document, "بيروت", "LOC", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  expect_conll (document, "قال O\n"
                          "إيمانويل B-PERS\n"
                          "ماكرون I-PERS\n"
                          "في O\n"
                          "باريس B-LOC\n"
                          ". O\n"
                          "\n"
                          "وصل O\n"
                          "وبيروت B-LOC\n");
  expect_conll (empty, "");
}

static void
test_conll_overlaps (void)
{
  g_autoptr (AlamaDocument) document = alama_document_new ("جامعة الدول العربية في القاهرة\n"
                                                           "مصر",
                                                           -1, NULL);
  const char *text = alama_document_get_text (document, NULL);
  g_autoptr (AlamaAnnotation) a = NULL;

  add (document, "جامعة الدول العربية", "ORG", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  add (document, "العربية", "MISC", ALAMA_STATUS_MANUAL, -1, NULL, NULL);   /* inside */
  add (document, "الدول العربية في", "LOC", ALAMA_STATUS_MANUAL, -1, NULL, NULL); /* crosses */
  add (document, "قاهرة", "LOC", ALAMA_STATUS_MANUAL, -1, NULL, NULL);      /* in a word */
  /* Over a line break: a new chunk in the next sentence. */
  a = alama_annotation_new (NULL, find_chars (text, "القاهرة"), alama_document_get_n_chars (document),
                            "PRODUCT");
  alama_document_add_annotation (document, a, NULL);
  /* Only the line break: no token. */
  g_clear_pointer (&a, alama_annotation_free);
  a = alama_annotation_new (NULL, find_chars (text, "\n"), find_chars (text, "\n") + 1, "DATE");
  alama_document_add_annotation (document, a, NULL);
  expect_conll (document, "جامعة B-ORG\n"
                          "الدول I-ORG\n"
                          "العربية I-ORG\n"
                          "في O\n"
                          "القاهرة B-PRODUCT\n"
                          "\n"
                          "مصر B-PRODUCT\n");
}

/* Export, then import: the same entities over the rebuilt text. */
static void
test_conll_round_trip (void)
{
  g_autoptr (AlamaDocument) document = make_rich_document (rich_text);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) conll = alama_export_conll (document, &error);
  g_autoptr (AlamaDocument) back = NULL;
  gsize size;
  const char *data = g_bytes_get_data (conll, &size);
  const char *expected[][2] = {
    { "PERS", "إيمانويل ماكرون" },
    { "LOC", "باريس" },
    { "DATE", "١١ سبتمبر ٢٠٠١" },
    { "ORG", "جامعة" }, /* cut at the sentence break */
    { "ORG", "القاهرة" },
    { "LOC", "وبيروت" }, /* the whole word */
    { "ORG", "شركة Apple Inc." }, /* the nested PRODUCT is left out */
    { "LOC", "لبنان" },
  };

  g_assert_no_error (error);
  back = alama_import_conll (data, size, "rich.conll", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_document_get_n_annotations (back), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (back, i);
      g_autofree char *surface = alama_document_dup_substring (back, a->start, a->end);

      g_assert_cmpstr (a->label, ==, expected[i][0]);
      g_assert_cmpstr (surface, ==, expected[i][1]);
    }
}

/* A text already tokenized the CoNLL way comes back identical. */
static void
test_conll_round_trip_exact (void)
{
  const char *text = "قال إيمانويل ماكرون في باريس .\nوصل Apple Inc. إلى بيروت يوم ١١ سبتمبر";
  g_autoptr (AlamaDocument) document = alama_document_new (text, -1, NULL);
  g_autoptr (GBytes) conll = NULL;
  g_autoptr (AlamaDocument) back = NULL;
  g_autoptr (GError) error = NULL;
  gsize size;
  const char *data;

  add (document, "إيمانويل ماكرون", "PERS", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  add (document, "باريس", "LOC", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  add (document, "Apple Inc.", "PRODUCT", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  add (document, "بيروت", "LOC", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  add (document, "١١ سبتمبر", "DATE", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  conll = alama_export_conll (document, NULL);
  data = g_bytes_get_data (conll, &size);
  back = alama_import_conll (data, size, "exact.conll", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alama_document_get_text (back, NULL), ==, text);
  g_assert_cmpuint (alama_document_get_n_annotations (back), ==,
                    alama_document_get_n_annotations (document));
  for (guint i = 0; i < alama_document_get_n_annotations (back); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      const AlamaAnnotation *b = alama_document_get_annotation (back, i);

      g_assert_cmpuint (a->start, ==, b->start);
      g_assert_cmpuint (a->end, ==, b->end);
      g_assert_cmpstr (a->label, ==, b->label);
    }
}

/* brat */

static void
export_brat (AlamaDocument *document,
             char         **txt,
             char         **ann)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) txt_bytes = NULL;
  g_autoptr (GBytes) ann_bytes = NULL;

  g_assert_true (alama_export_brat (document, &txt_bytes, &ann_bytes, &error));
  g_assert_no_error (error);
  *txt = bytes_to_string (txt_bytes);
  *ann = bytes_to_string (ann_bytes);
}

static void
test_brat (void)
{
  g_autoptr (AlamaDocument) document = make_rich_document (rich_text);
  g_autofree char *txt = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *lf_text = NULL;
  g_auto (GStrv) lines = NULL;

  export_brat (document, &txt, &ann);
  /* CRLF is written as LF, as brat reads it. */
  lf_text = g_strjoinv ("\n", (lines = g_strsplit (rich_text, "\r\n", -1)));
  g_assert_cmpstr (txt, ==, lf_text);
  g_assert_cmpstr (ann, ==,
                   "T1\tPERS 11 26\tإيمانويل ماكرون\n"
                   "T2\tLOC 30 35\tباريس\n"
                   "T3\tDATE 42 56\t١١ سبتمبر ٢٠٠١\n"
                   "T4\tORG 62 67;68 75\tجامعة القاهرة\n"
                   "T5\tLOC 78 83\tبيروت\n"
                   "#1\tAnnotatorNotes T5\tعاصمة لبنان\n"
                   "T6\tORG 111 126\tشركة Apple Inc.\n"
                   "T7\tPRODUCT 116 121\tApple\n"
                   "T8\tLOC 133 138\tلبنان\n"
                   "#2\tAnnotatorNotes T8\ta \"quoted\" note\twith a tab\n");
}

/* Lines brat would cut: surfaces split into fragments, notes joined. */
static void
test_brat_line_breaks (void)
{
  const char *text = "أ\nب\u2028ج\x0b" "د\r\rهـ";
  g_autoptr (AlamaDocument) document = alama_document_new (text, -1, NULL);
  g_autoptr (AlamaAnnotation) all = alama_annotation_new (NULL, 0, alama_document_get_n_chars (document),
                                                          "MISC");
  g_autoptr (AlamaAnnotation) only_break = alama_annotation_new (NULL, 1, 2, "LOC");
  g_autofree char *txt = NULL;
  g_autofree char *ann = NULL;

  all->note = g_strdup ("سطر\nسطر\u2029سطر");
  alama_document_add_annotation (document, all, NULL);
  alama_document_add_annotation (document, only_break, NULL);
  export_brat (document, &txt, &ann);
  g_assert_cmpstr (txt, ==, "أ\nب\u2028ج\x0b" "د\n\nهـ");
  g_assert_cmpstr (ann, ==, "T1\tMISC 0 1;2 3;4 5;6 7;9 11\tأ ب ج د هـ\n"
                            "#1\tAnnotatorNotes T1\tسطر سطر سطر\n");
}

/* Export, then import: identical annotations (ids aside). */
static void
check_brat_round_trip (const char *text)
{
  g_autoptr (AlamaDocument) document = make_rich_document (text);
  g_autoptr (AlamaDocument) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *txt = NULL;
  g_autofree char *ann = NULL;
  guint n = 0;

  export_brat (document, &txt, &ann);
  back = alama_import_brat (txt, strlen (txt), ann, strlen (ann), "rich", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_document_get_n_annotations (back), ==, count_entities (document));
  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      const AlamaAnnotation *b;
      g_autofree char *surface_a = NULL;
      g_autofree char *surface_b = NULL;
      g_auto (GStrv) pieces = NULL;

      if (!alama_annotation_is_entity (a))
        continue;
      b = alama_document_get_annotation (back, n++);
      g_assert_cmpstr (a->label, ==, b->label);
      g_assert_cmpstr (a->note, ==, b->note);
      g_assert_cmpint (b->status, ==, ALAMA_STATUS_ACCEPTED);
      surface_a = alama_document_dup_substring (document, a->start, a->end);
      surface_b = alama_document_dup_substring (back, b->start, b->end);
      if (strchr (text, '\r'))
        {
          pieces = g_strsplit (surface_a, "\r\n", -1);
          g_free (surface_a);
          surface_a = g_strjoinv ("\n", pieces);
        }
      else
        {
          g_assert_cmpuint (a->start, ==, b->start);
          g_assert_cmpuint (a->end, ==, b->end);
        }
      g_assert_cmpstr (surface_a, ==, surface_b);
    }
}

static void
test_brat_round_trip (void)
{
  g_auto (GStrv) lines = g_strsplit (rich_text, "\r\n", -1);
  g_autofree char *lf_text = g_strjoinv ("\n", lines);

  check_brat_round_trip (lf_text);
  check_brat_round_trip (rich_text);
}

/* Every label of the set exports in every format, whatever its mapping. */
static void
test_custom_labels (void)
{
  const char *text = "اشترى أحمد iPhone من متجر في دبي";
  g_autoptr (AlamaDocument) document = alama_document_new (text, -1, NULL);
  AlamaLabelSet *set = alama_document_get_label_set (document);
  g_autoptr (GBytes) tsv = NULL;
  g_autoptr (GBytes) json = NULL;
  g_autoptr (GBytes) conll = NULL;
  g_autoptr (GBytes) tei = NULL;
  g_autoptr (GBytes) brat_txt = NULL;
  g_autoptr (GBytes) brat_ann = NULL;
  g_autofree char *tsv_text = NULL;
  g_autofree char *json_text = NULL;
  g_autofree char *conll_text = NULL;
  g_autofree char *ann_text = NULL;
  xmlDocPtr xml;

  alama_label_set_add (set, "SHOP", "orgName", "shop", "ORGANIZATION", FALSE, "A shop");
  alama_label_set_add (set, "BAD", "not an element", NULL, "MISC", FALSE, NULL);
  add (document, "iPhone", "PRODUCT", ALAMA_STATUS_MANUAL, -1, NULL, NULL); /* unknown */
  add (document, "متجر", "SHOP", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  add (document, "دبي", "BAD", ALAMA_STATUS_MANUAL, -1, NULL, NULL);
  add (document, "أحمد", "PERS", ALAMA_STATUS_MANUAL, -1, NULL, NULL);

  tsv = alama_export_tsv (document, NULL);
  json = alama_export_json (document, FALSE, NULL);
  conll = alama_export_conll (document, NULL);
  tei = alama_export_tei (document, NULL);
  g_assert_true (alama_export_brat (document, &brat_txt, &brat_ann, NULL));
  tsv_text = bytes_to_string (tsv);
  json_text = bytes_to_string (json);
  conll_text = bytes_to_string (conll);
  ann_text = bytes_to_string (brat_ann);

  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      g_autofree char *tag = g_strdup_printf (" B-%s\n", a->label);
      g_autofree char *column = g_strdup_printf ("\t%s\t", a->label);
      g_autofree char *member = g_strdup_printf ("\"label\": \"%s\"", a->label);
      g_autofree char *type = g_strdup_printf ("\t%s ", a->label);

      g_assert_nonnull (strstr (tsv_text, column));
      g_assert_nonnull (strstr (json_text, member));
      g_assert_nonnull (strstr (conll_text, tag));
      g_assert_nonnull (strstr (ann_text, type));
    }

  xml = parse_tei (tei);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body//tei:name[@type='product'])"), ==,
                     1);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body//tei:orgName[@type='shop'])"), ==,
                     1);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body//tei:name[@type='bad'])"), ==, 1);
  g_assert_cmpfloat (evaluate_number (xml, "count(//tei:body//tei:persName)"), ==, 1);
  xmlFreeDoc (xml);
}

static void
test_file_formats (void)
{
  const struct
  {
    const char *path;
    AlamaFileFormat format;
  } guesses[] = {
    { "doc.xml", ALAMA_FILE_FORMAT_XML },
    { "/tmp/x.y/doc.TEI.XML", ALAMA_FILE_FORMAT_TEI },
    { "doc.tei", ALAMA_FILE_FORMAT_TEI },
    { "ANERcorp.conll", ALAMA_FILE_FORMAT_CONLL },
    { "train.iob", ALAMA_FILE_FORMAT_CONLL },
    { "train.bio", ALAMA_FILE_FORMAT_CONLL },
    { "out.tsv", ALAMA_FILE_FORMAT_TSV },
    { "out.json", ALAMA_FILE_FORMAT_JSON },
    { "out.jsonl", ALAMA_FILE_FORMAT_JSONL },
    { "doc-12.ann", ALAMA_FILE_FORMAT_BRAT },
    { "نص.txt", ALAMA_FILE_FORMAT_TXT },
  };
  const char *unknown[] = { "doc", "doc.pdf", ".txt", "xml", "doc.xml.bak" };

  for (guint i = 0; i < G_N_ELEMENTS (guesses); i++)
    {
      AlamaFileFormat format = ALAMA_FILE_FORMAT_TXT + 1;

      g_assert_true (alama_file_format_guess (guesses[i].path, &format));
      g_assert_cmpint (format, ==, guesses[i].format);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      AlamaFileFormat format = ALAMA_FILE_FORMAT_TSV;

      g_test_message ("%s", unknown[i]);
      g_assert_false (alama_file_format_guess (unknown[i], &format));
      g_assert_cmpint (format, ==, ALAMA_FILE_FORMAT_TSV);
    }
  for (guint f = 0; f < ALAMA_N_FILE_FORMATS; f++)
    {
      AlamaFileFormat format;

      g_assert_true (alama_file_format_from_name (alama_file_format_to_name (f), &format));
      g_assert_cmpint (format, ==, f);
    }
  {
    AlamaFileFormat format;

    g_assert_true (alama_file_format_from_name ("CoNLL", &format));
    g_assert_cmpint (format, ==, ALAMA_FILE_FORMAT_CONLL);
    g_assert_false (alama_file_format_from_name ("pdf", &format));
    g_assert_false (alama_file_format_from_name (NULL, &format));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/export/tsv/escape", test_tsv_escape);
  g_test_add_func ("/alama/export/tsv/round-trip", test_tsv_round_trip);
  g_test_add_func ("/alama/export/json/round-trip", test_json_round_trip);
  g_test_add_func ("/alama/export/json/utf16-offsets", test_json_utf16_offsets);
  g_test_add_func ("/alama/export/tei/document", test_tei);
  g_test_add_func ("/alama/export/tei/header", test_tei_header);
  g_test_add_func ("/alama/export/tei/overlaps", test_tei_overlaps);
  g_test_add_func ("/alama/export/tei/paragraphs", test_tei_paragraphs);
  g_test_add_func ("/alama/export/tei/control-characters", test_tei_control_characters);
  g_test_add_func ("/alama/export/conll/tags", test_conll);
  g_test_add_func ("/alama/export/conll/overlaps", test_conll_overlaps);
  g_test_add_func ("/alama/export/conll/round-trip", test_conll_round_trip);
  g_test_add_func ("/alama/export/conll/round-trip-exact", test_conll_round_trip_exact);
  g_test_add_func ("/alama/export/brat/document", test_brat);
  g_test_add_func ("/alama/export/brat/line-breaks", test_brat_line_breaks);
  g_test_add_func ("/alama/export/brat/round-trip", test_brat_round_trip);
  g_test_add_func ("/alama/export/custom-labels", test_custom_labels);
  g_test_add_func ("/alama/export/file-formats", test_file_formats);

  return g_test_run ();
}
