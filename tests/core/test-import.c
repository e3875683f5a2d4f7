/* test-import.c: tests for the CoNLL and brat importers.
 *
 * Realistic files are fixtures (tests/data/import-*); malformed inputs are
 * tables of input and the exact positioned message they must give.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "alama-conll-reader.h"
#include "alama-export.h"
#include "alama-import.h"

typedef struct
{
  const char *label;
  const char *surface;
} Expected;

static char *
read_fixture (const char *name,
              gsize      *len)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, name, NULL);
  g_autoptr (GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

/* Checks labels and surfaces in document order, and that every annotation
 * is gold from the import agent. */
static void
expect_annotations (AlamaDocument  *document,
                    const char     *agent_name,
                    const Expected *expected,
                    guint           n_expected)
{
  const AlamaAgent *agent;

  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, n_expected);
  g_assert_cmpuint (alama_document_get_n_agents (document), ==, 1);
  agent = alama_document_get_agent (document, 0);
  g_assert_cmpint (agent->kind, ==, ALAMA_AGENT_PERSON);
  g_assert_cmpstr (agent->name, ==, agent_name);
  for (guint i = 0; i < n_expected; i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      g_autofree char *surface = alama_document_dup_substring (document, a->start, a->end);

      g_test_message ("annotation %u: %s %s", i, a->label, surface);
      g_assert_cmpstr (a->label, ==, expected[i].label);
      g_assert_cmpstr (surface, ==, expected[i].surface);
      g_assert_cmpint (a->status, ==, ALAMA_STATUS_ACCEPTED);
      g_assert_cmpstr (a->origin, ==, agent->id);
      g_assert_cmpstr (a->confirmed_by, ==, agent->id);
      g_assert_cmpfloat (a->confidence, <, 0);
      g_assert_nonnull (alama_label_set_lookup (alama_document_get_label_set (document),
                                                a->label));
    }
  g_assert_false (alama_document_get_modified (document));
  g_assert_false (alama_document_can_undo (document));
}

/* CoNLL */

static AlamaDocument *
import_conll (const char *data,
              GError    **error)
{
  return alama_import_conll (data, strlen (data), "test.conll", error);
}

static void
test_conll_anercorp (void)
{
  g_autoptr (GError) error = NULL;
  gsize len;
  g_autofree char *data = read_fixture ("import-anercorp.conll", &len);
  g_autoptr (AlamaDocument) document = alama_import_conll (data, len, TEST_DATA_DIR
                                                           "/import-anercorp.conll",
                                                           &error);
  const AlamaSource *source;
  const Expected expected[] = {
    { "LOC", "طرابلس" },
    { "ORG", "هيئة تنمية الموانئ" },
    { "LOC", "اليونان" },
    { "PERS", "رامي حداد" },  /* I- after O opens a mention */
    { "LOC", "صور" },
    { "ORG", "اليومية" },     /* so does I- after another label */
  };

  g_assert_no_error (error);
  g_assert_cmpstr (alama_document_get_text (document, NULL), ==,
                   "طرابلس (رويترز) – وقعت هيئة تنمية الموانئ اتفاقا مع اليونان أمس .\n"
                   "صرح رامي حداد لصحيفة صور اليومية");
  expect_annotations (document, "import:import-anercorp.conll", expected,
                      G_N_ELEMENTS (expected));
  source = alama_document_get_source (document);
  g_assert_cmpstr (source->file_name, ==, "import-anercorp.conll");
  /* The source record describes the rebuilt text, not the CoNLL file. */
  g_assert_cmpuint (source->bytes, ==, strlen (alama_document_get_text (document, NULL)));
  g_assert_cmpuint (len, >, source->bytes);
  g_assert_cmpuint (strlen (source->sha256), ==, 64);
  g_assert_false (source->bom);
}

static void
test_conll_schemes (void)
{
  const struct
  {
    const char *input;
    const char *text;
    Expected expected[4];
  } cases[] = {
    /* IOB2, two mentions side by side */
    { "بيروت B-LOC\nدمشق B-LOC\n", "بيروت دمشق", { { "LOC", "بيروت" }, { "LOC", "دمشق" } } },
    /* IOB1 */
    { "في O\nبيروت I-LOC\nدمشق I-LOC\n", "في بيروت دمشق", { { "LOC", "بيروت دمشق" } } },
    /* IOBES */
    { "أ S-PERS\nب B-ORG\nج I-ORG\nد E-ORG\nه E-LOC\n",
      "أ ب ج د ه",
      { { "PERS", "أ" }, { "ORG", "ب ج د" }, { "LOC", "ه" } } },
    /* A mention ends with its sentence */
    { "أحمد B-PERS\n\nعلي I-PERS\n", "أحمد\nعلي", { { "PERS", "أحمد" }, { "PERS", "علي" } } },
    /* Extra columns, tabs, CRLF, a BOM, a word without a tag */
    { "\xEF\xBB\xBFiPhone\tNNP\tB-PRODUCT\r\nجديد\r\n\r\n-DOCSTART- -X- O O\r\nx y O\r\n",
      "iPhone جديد\nx",
      { { "PRODUCT", "iPhone" } } },
    /* Diacritics, tatweel and astral characters count as code points */
    { "😀 O\nمُحَمَّـد B-PERS\n", "😀 مُحَمَّـد", { { "PERS", "مُحَمَّـد" } } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AlamaDocument) document = import_conll (cases[i].input, &error);
      guint n = 0;

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      g_assert_cmpstr (alama_document_get_text (document, NULL), ==, cases[i].text);
      while (n < G_N_ELEMENTS (cases[i].expected) && cases[i].expected[n].label)
        n++;
      expect_annotations (document, "import:test.conll", cases[i].expected, n);
    }
}

static void
test_conll_empty (void)
{
  const char *inputs[] = { "", "\n\n", "-DOCSTART- O\n\n" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AlamaDocument) document = import_conll (inputs[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (alama_document_get_text (document, NULL), ==, "");
      g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 0);
    }
}

static void
test_conll_errors (void)
{
  const struct
  {
    const char *input;
    gsize len; /* 0: nul-terminated */
    const char *message;
  } cases[] = {
    { "أ O\nب B-LOC\n\nج X-LOC\n", 0,
      "test.conll:4: tag \"X-LOC\" is not O, nor B-, I-, E- or S- and a label (letters, "
      "digits, '_' and '-', starting with a letter)" },
    { "أ B-\n", 0, NULL },
    { "أ B-1LOC\n", 0, NULL },
    { "أ PERS\n", 0, NULL },
    { "أ o\n", 0, NULL },
    { "أ B-LOC\nب \xff O\n", 0, "test.conll:2:4: invalid UTF-8" },
    { "أ O\nب\0 O\n", 11, "test.conll:2: NUL byte in text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gsize len = cases[i].len ? cases[i].len : strlen (cases[i].input);
      g_autoptr (AlamaDocument) document = alama_import_conll (cases[i].input, len, "test.conll",
                                                               &error);

      g_test_message ("case %u", i);
      g_assert_null (document);
      g_assert_nonnull (error);
      g_assert_true (error->domain == ALAMA_FORMAT_ERROR);
      if (cases[i].message)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      else
        g_assert_true (g_str_has_prefix (error->message, "test.conll:1: tag "));
    }
}

/* brat */

static AlamaDocument *
import_brat (const char *txt,
             const char *ann,
             GError    **error)
{
  return alama_import_brat (txt, strlen (txt), ann, strlen (ann), "doc", error);
}

static void
test_brat_fixture (void)
{
  g_autoptr (GError) error = NULL;
  gsize txt_len;
  gsize ann_len;
  g_autofree char *txt = read_fixture ("import-brat.txt", &txt_len);
  g_autofree char *ann = read_fixture ("import-brat.ann", &ann_len);
  g_autoptr (AlamaDocument) document = alama_import_brat (txt, txt_len, ann, ann_len,
                                                          "import-brat", &error);
  const Expected expected[] = {
    { "MISC", "جامعة" }, /* a discontinuous span with words between: split */
    { "ORG", "جامعة الدول العربية" },
    { "MISC", "العربية" },
    { "LOC", "القاهرة" },
    { "PERS", "أحمد أبو الغيط" }, /* the trigger سيزور is no entity */
    { "LOC", "بيروت" },
    { "DATE", "٥ مايو" },
  };
  const AlamaAnnotation *person;

  g_assert_no_error (error);
  g_assert_cmpstr (alama_document_get_text (document, NULL), ==, txt);
  g_assert_cmpstr (alama_document_get_source (document)->file_name, ==, "import-brat.txt");
  expect_annotations (document, "import:import-brat.ann", expected, G_N_ELEMENTS (expected));
  person = alama_document_get_annotation (document, 4);
  g_assert_cmpstr (person->note, ==, "الأمين العام للجامعة\nsecond note");
  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    if (i != 4)
      g_assert_null (alama_document_get_annotation (document, i)->note);
}

static void
test_brat_spans (void)
{
  const struct
  {
    const char *txt;
    const char *ann;
    Expected expected[3];
  } cases[] = {
    /* Fragments around a line break are one span again. */
    { "جامعة\nالقاهرة", "T1\tORG 0 5;6 13\tجامعة القاهرة\n", { { "ORG", "جامعة\nالقاهرة" } } },
    /* Unsorted fragments, an empty one, spaces between */
    { "جامعة  \n القاهرة", "T1\tORG 9 16;0 5;7 7\tالقاهرة جامعة \n",
      { { "ORG", "جامعة  \n القاهرة" } } },
    /* brat's CRLF counting: one character */
    { "أ\r\nبيروت\r\nلبنان", "T1\tLOC 2 7\tبيروت\nT2\tLOC 8 13\tلبنان",
      { { "LOC", "بيروت" }, { "LOC", "لبنان" } } },
    /* A tool that counted CRLF as two characters */
    { "أ\r\nبيروت\r\nلبنان", "T1\tLOC 3 8\tبيروت\r\nT2\tLOC 10 15\tلبنان\r\n",
      { { "LOC", "بيروت" }, { "LOC", "لبنان" } } },
    /* A name over a CRLF, in brat's counting */
    { "جامعة\r\nالقاهرة", "T1\tORG 0 5;6 13\tجامعة القاهرة", { { "ORG", "جامعة\r\nالقاهرة" } } },
    /* Astral characters and diacritics are one code point each */
    { "😀🇱🇧 مُحَمَّد", "T1\tPERS 4 12\tمُحَمَّد", { { "PERS", "مُحَمَّد" } } },
    /* No text column (brat fills it in), trailing text after a space */
    { "بيروت لبنان", "T1\tLOC 0 5\nT2\tLOC 6 11\tلبنان and more\n",
      { { "LOC", "بيروت" }, { "LOC", "لبنان" } } },
    /* A BOM in the .txt is a character; in the .ann it is skipped */
    { "\xEF\xBB\xBFبيروت", "\xEF\xBB\xBFT1\tLOC 1 6\tبيروت", { { "LOC", "بيروت" } } },
    /* Blank lines, and an unknown label */
    { "iPhone", "\n  \nT1\tPRODUCT 0 6\tiPhone\n\n", { { "PRODUCT", "iPhone" } } },
    /* Overlapping and identical annotations are kept */
    { "بيروت", "T1\tLOC 0 5\tبيروت\nT2\tORG 0 5\tبيروت\nT3\tMISC 1 3\tير\n",
      { { "LOC", "بيروت" }, { "ORG", "بيروت" }, { "MISC", "ير" } } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AlamaDocument) document = import_brat (cases[i].txt, cases[i].ann, &error);
      guint n = 0;

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      g_assert_cmpstr (alama_document_get_text (document, NULL), ==, cases[i].txt);
      while (n < G_N_ELEMENTS (cases[i].expected) && cases[i].expected[n].label)
        n++;
      expect_annotations (document, "import:doc.ann", cases[i].expected, n);
    }
}

static void
test_brat_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) document = alama_import_brat (NULL, 0, NULL, 0, "empty", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (alama_document_get_text (document, NULL), ==, "");
  g_assert_cmpuint (alama_document_get_n_annotations (document), ==, 0);
}

static void
test_brat_errors (void)
{
  const struct
  {
    const char *txt;
    const char *ann;
    const char *message;
  } cases[] = {
    { "بيروت لبنان", "T1\tLOC 0 5\tبيروت\nT2\tLOC 50 60\tلبنان\n",
      "doc.ann:2: offsets 50 60 outside the text (11 characters)" },
    { "بيروت لبنان", "T1\tLOC 0 5\tلبنان\n",
      "doc.ann:1: surface \"لبنان\" does not match the text \"بيروت\"" },
    { "بيروت لبنان", "T1\tLOC 0 4\tبيروت\n",
      "doc.ann:1: surface \"بيروت\" does not match the text \"بيرو\"" },
    { "جامعة\nالقاهرة", "T1\tORG 0 13\tجامعة القاهرة\n",
      "doc.ann:1: surface \"جامعة القاهرة\" does not match the text \"جامعة\\nالقاهرة\"" },
    { "بيروت", "T1\tLOC 0 5\tبيروت\nT1\tLOC 0 5\tبيروت\n",
      "doc.ann:2: annotation id T1 is used twice" },
    { "بيروت", "T1 LOC 0 5 بيروت\n", "doc.ann:1: expected an annotation id and a tab" },
    { "بيروت", "\tLOC 0 5\tبيروت\n", "doc.ann:1: expected an annotation id and a tab" },
    { "بيروت", "T1\tLOC\tبيروت\n", "doc.ann:1: expected TYPE START END after the id" },
    { "بيروت", "T1\tLOC 0\tبيروت\n",
      "doc.ann:1: expected offsets START END, fragments separated by ';'" },
    { "بيروت", "T1\tLOC 0 x\tبيروت\n",
      "doc.ann:1: expected offsets START END, fragments separated by ';'" },
    { "بيروت", "T1\tLOC -1 5\tبيروت\n",
      "doc.ann:1: expected offsets START END, fragments separated by ';'" },
    { "بيروت", "T1\tLOC 0 5;\tبيروت\n",
      "doc.ann:1: expected offsets START END, fragments separated by ';'" },
    { "بيروت", "T1\tLOC 0  5\tبيروت\n",
      "doc.ann:1: expected offsets START END, fragments separated by ';'" },
    { "بيروت", "T1\tLOC 0 99999999999999999999999\tبيروت\n",
      "doc.ann:1: expected offsets START END, fragments separated by ';'" },
    { "بيروت", "T1\tLOC 3 2\tير\n", "doc.ann:1: offsets 3 2 start after they end" },
    { "بيروت", "T1\tLOC 2 2\t\n", "doc.ann:1: the span is empty" },
    { "بيروت", "T1\tLOC 0 3;2 5\tبير روت\n", "doc.ann:1: fragments 0 3 and 2 5 overlap" },
    { "بيروت", "T1\tLoc.City 0 5\tبيروت\n",
      "doc.ann:1: \"Loc.City\" cannot be a label: use letters, digits, '_' and '-', starting "
      "with a letter" },
    { "بيروت", "T1\tLOC 0 5\tبيروت\n#1\tAnnotatorNotes\tنص\n",
      "doc.ann:2: expected a comment type and an annotation id" },
    { "بيروت", "T1\tLOC 0 5\tبيروت\xff\n", "doc.ann:1:17: invalid UTF-8" },
    { "بي\xc3روت", "", "doc.txt:1:3: invalid UTF-8" },
    { "سطر\nبي\xc3روت", "", "doc.txt:2:3: invalid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AlamaDocument) document = import_brat (cases[i].txt, cases[i].ann, &error);

      g_test_message ("case %u", i);
      g_assert_null (document);
      g_assert_error (error, ALAMA_FORMAT_ERROR, error->code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_brat_nul (void)
{
  const char ann[] = "T1\tLOC 0 5\tبيروت\n\0";
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) document = alama_import_brat ("بيروت", strlen ("بيروت"), ann,
                                                          sizeof ann - 1, "doc", &error);

  g_assert_null (document);
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "doc.ann:2:1: NUL byte");
}

/* Whatever the brat exporter cuts around, the importer joins again. */
static void
test_brat_export_line_breaks (void)
{
  const char *text = "أ\nب\u2028ج\x0b" "د\x1cهـ \x0c و";
  g_autoptr (AlamaDocument) document = alama_document_new (text, -1, NULL);
  g_autoptr (AlamaAnnotation) all = alama_annotation_new (NULL, 0,
                                                          alama_document_get_n_chars (document),
                                                          "MISC");
  g_autoptr (GBytes) txt = NULL;
  g_autoptr (GBytes) ann = NULL;
  g_autoptr (AlamaDocument) back = NULL;
  g_autoptr (GError) error = NULL;
  const AlamaAnnotation *a;

  alama_document_add_annotation (document, all, NULL);
  g_assert_true (alama_export_brat (document, &txt, &ann, NULL));
  back = alama_import_brat (g_bytes_get_data (txt, NULL), g_bytes_get_size (txt),
                            g_bytes_get_data (ann, NULL), g_bytes_get_size (ann), "doc", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_document_get_n_annotations (back), ==, 1);
  a = alama_document_get_annotation (back, 0);
  g_assert_cmpuint (a->start, ==, 0);
  g_assert_cmpuint (a->end, ==, alama_document_get_n_chars (document));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/import/conll/anercorp", test_conll_anercorp);
  g_test_add_func ("/alama/import/conll/schemes", test_conll_schemes);
  g_test_add_func ("/alama/import/conll/empty", test_conll_empty);
  g_test_add_func ("/alama/import/conll/errors", test_conll_errors);
  g_test_add_func ("/alama/import/brat/fixture", test_brat_fixture);
  g_test_add_func ("/alama/import/brat/spans", test_brat_spans);
  g_test_add_func ("/alama/import/brat/empty", test_brat_empty);
  g_test_add_func ("/alama/import/brat/errors", test_brat_errors);
  g_test_add_func ("/alama/import/brat/nul", test_brat_nul);
  g_test_add_func ("/alama/import/brat/export-line-breaks", test_brat_export_line_breaks);

  return g_test_run ();
}
