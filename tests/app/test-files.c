/* test-files.c: Save As, the exports (TEI, CoNLL, JSON, brat, PDF) and the
 * print layout of an AlamaWindow's document.
 *
 * The file choosers are not driven: the tests call what their answers
 * call (alama_window_save_as (), alama_export_write ()) with a GFile.
 * Every written file is read back by something else than the code that
 * wrote it: Alama's importers, libxml2, json-glib, or a look at the PDF's
 * objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "alama-application.h"
#include "alama-document-io.h"
#include "alama-export-dialog.h"
#include "alama-print.h"
#include "alama-print-settings.h"
#include "alama-window.h"
#include "app-test-util.h"

static AlamaApplication *app;

typedef struct
{
  char *dir;
  char *text_path;
  AlamaWindow *window;
  AlamaDocument *document;
} Fixture;

/* The sample article, copied so that nothing is written beside it. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (SAMPLES_DIR "/article.txt", &contents, &len, NULL));
  f->dir = app_test_make_dir ("alama-files-XXXXXX");
  f->text_path = g_build_filename (f->dir, "article.txt", NULL);
  g_assert_true (g_file_set_contents (f->text_path, contents, (gssize) len, NULL));
  f->window = app_test_open_window (app, f->text_path);
  f->document = alama_window_get_document (f->window);
  g_assert_nonnull (f->document);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window)
    app_test_close_window (f->window);
  app_test_remove_dir (f->dir);
  g_free (f->text_path);
  g_free (f->dir);
}

/* The first suggestion of the recognizer, rejected by the person: the
 * document then has an annotation that is no entity, and is modified. */
static char *
reject_first_suggestion (Fixture *f)
{
  for (guint k = 0; k < alama_document_get_n_annotations (f->document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (f->document, k);

      if (a->status == ALAMA_STATUS_SUGGESTED)
        {
          g_autofree char *id = g_strdup (a->id);
          g_autoptr (GError) error = NULL;

          g_assert_true (alama_document_reject (f->document, id, NULL, &error));
          g_assert_no_error (error);
          g_assert_true (alama_document_get_modified (f->document));
          return g_steal_pointer (&id);
        }
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_save_as (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "copy", NULL);
  g_autofree char *saved_path = g_build_filename (f->dir, "copy.alama.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) reloaded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *window_path = NULL;
  g_autofree char *rejected = reject_first_suggestion (f);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "article.txt");
  /* A name without .xml gets .alama.xml: otherwise it would open as text. */
  g_assert_true (alama_window_save_as (f->window, file, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (saved_path, G_FILE_TEST_EXISTS));
  g_assert_false (alama_document_get_modified (f->document));

  /* The window now shows the new file. */
  window_path = g_file_get_path (alama_window_get_file (f->window));
  g_assert_cmpstr (window_path, ==, saved_path);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "copy.alama.xml");

  reloaded = alama_document_load_file (saved_path, ALAMA_FILE_FORMAT_XML, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alama_document_get_text (reloaded, NULL), ==,
                   alama_document_get_text (f->document, NULL));
  before = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS | APP_TEST_DESCRIBE_ORIGIN);
  after = app_test_describe (reloaded, APP_TEST_DESCRIBE_IDS | APP_TEST_DESCRIBE_ORIGIN);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (strstr (after, rejected));

  /* Save (Ctrl+S) now writes the new file, not article.xml. */
  g_clear_object (&reloaded);
  g_assert_true (alama_document_accept_all (f->document, NULL, NULL) > 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  g_assert_false (alama_document_get_modified (f->document));
  {
    g_autofree char *old_save = g_build_filename (f->dir, "article.xml", NULL);

    g_assert_false (g_file_test (old_save, G_FILE_TEST_EXISTS));
  }
  reloaded = alama_document_load_file (saved_path, ALAMA_FILE_FORMAT_XML, NULL, &error);
  g_assert_no_error (error);
  g_free (before);
  g_free (after);
  before = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS | APP_TEST_DESCRIBE_ORIGIN);
  after = app_test_describe (reloaded, APP_TEST_DESCRIBE_IDS | APP_TEST_DESCRIBE_ORIGIN);
  g_assert_cmpstr (after, ==, before);

  /* Reopened, the title is the file's name still. */
  {
    g_autoptr (GFile) saved = g_file_new_for_path (saved_path);

    alama_window_open (f->window, saved);
    app_test_wait_loaded (f->window);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "copy.alama.xml");
  }
}

/* The names the choosers propose, and the extensions added to names typed
 * without one. */
static void
test_export_names (void)
{
  g_autoptr (GFile) source = g_file_new_for_path ("/tmp/dir/article.txt");
  g_autoptr (GFile) xml = g_file_new_for_path ("/tmp/dir/article.alama.xml");
  static const struct
  {
    const char *format;
    const char *from_text;
    const char *from_xml;
    const char *typed;
    const char *fixed;
  } cases[] = {
    { "tei", "article.tei.xml", "article.tei.xml", "out", "out.tei.xml" },
    { "conll", "article.conll", "article.conll", "out.txt", "out.txt.conll" },
    { "json", "article.json", "article.json", "out.json", "out.json" },
    { "brat", "article-brat.ann", "article.ann", "out", "out" },
    { "pdf", "article.pdf", "article.pdf", "out.PDF", "out.PDF" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *from_text = alama_export_suggest_name (cases[k].format, source, NULL);
      g_autofree char *from_xml = alama_export_suggest_name (cases[k].format, xml, NULL);
      g_autofree char *from_title = alama_export_suggest_name (cases[k].format, NULL, "مقال.txt");
      g_autofree char *typed_path = g_build_filename ("/tmp", cases[k].typed, NULL);
      g_autoptr (GFile) typed = g_file_new_for_path (typed_path);
      g_autoptr (GFile) fixed = alama_export_fix_extension (cases[k].format, typed);
      g_autofree char *fixed_name = g_file_get_basename (fixed);
      g_autoptr (GFile) fixed_parent = g_file_get_parent (fixed);
      g_autofree char *fixed_dir = g_file_get_path (fixed_parent);

      g_assert_true (alama_export_format_is_valid (cases[k].format));
      g_assert_cmpstr (from_text, ==, cases[k].from_text);
      g_assert_cmpstr (from_xml, ==, cases[k].from_xml);
      g_assert_true (g_str_has_prefix (from_title, "مقال."));
      g_assert_cmpstr (fixed_name, ==, cases[k].fixed);
      g_assert_cmpstr (fixed_dir, ==, "/tmp");
    }
  g_assert_false (alama_export_format_is_valid ("xml"));
  g_assert_false (alama_export_format_is_valid (NULL));
}

static char *
export (Fixture    *f,
        const char *format,
        const char *typed)
{
  g_autofree char *path = g_build_filename (f->dir, typed, NULL);
  g_autoptr (GFile) chosen = g_file_new_for_path (path);
  g_autoptr (GFile) file = alama_export_fix_extension (format, chosen);
  g_autoptr (GFile) source = g_file_new_for_path (f->text_path);
  g_autoptr (GError) error = NULL;
  g_autofree char *written = NULL;
  gboolean modified = alama_document_get_modified (f->document);

  g_assert_true (alama_export_write (f->document, format, NULL, "article.txt", file, source, &written,
                                     &error));
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_test_message ("%s: wrote %s", format, written);
  /* An export is not a save. */
  g_assert_cmpint (alama_document_get_modified (f->document), ==, modified);
  return g_file_get_path (file);
}

static void
test_export_formats (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *rejected = reject_first_suggestion (f);
  guint n_entities = app_test_count_entities (f->document);
  g_autoptr (GError) error = NULL;
  g_autofree char *tei = NULL;
  g_autofree char *conll = NULL;
  g_autofree char *json = NULL;
  g_autofree char *brat = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *brat_txt = NULL;
  g_autofree char *source_before = NULL;
  g_autofree char *source_after = NULL;
  g_autoptr (AlamaDocument) reread = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root;
  xmlDocPtr xml;

  g_assert_cmpuint (n_entities, >, 5);

  /* TEI: well-formed, one name element for each entity. */
  tei = export (f, "tei", "out");
  g_assert_true (g_str_has_suffix (tei, "out.tei.xml"));
  xml = xmlReadFile (tei, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert_nonnull (xml);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (xml)->name, ==, "TEI");
  xmlFreeDoc (xml);

  /* CoNLL: read back with as many entities. */
  conll = export (f, "conll", "out");
  reread = alama_document_load_file (conll, ALAMA_FILE_FORMAT_CONLL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (app_test_count_entities (reread), ==, n_entities);
  g_clear_object (&reread);

  /* JSON: json-glib reads it; every annotation is there, the rejected one
   * too (JSON carries statuses). */
  json = export (f, "json", "out");
  g_assert_true (json_parser_load_from_file (parser, json, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "text"), ==,
                   alama_document_get_text (f->document, NULL));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "annotations")),
                    ==, alama_document_get_n_annotations (f->document));

  /* brat: NAME.txt and NAME.ann, read back with the same text and
   * entities. */
  brat = export (f, "brat", "out.ann");
  brat_txt = g_build_filename (f->dir, "out.txt", NULL);
  g_assert_true (g_file_test (brat_txt, G_FILE_TEST_EXISTS));
  reread = alama_document_load_file (brat, ALAMA_FILE_FORMAT_BRAT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alama_document_get_text (reread, NULL), ==,
                   alama_document_get_text (f->document, NULL));
  g_assert_cmpuint (app_test_count_entities (reread), ==, n_entities);

  /* brat over the opened text is refused, and the text is left alone. */
  g_assert_true (g_file_get_contents (f->text_path, &source_before, NULL, NULL));
  {
    g_autofree char *path = g_build_filename (f->dir, "article.ann", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autoptr (GFile) source = g_file_new_for_path (f->text_path);

    g_assert_false (alama_export_write (f->document, "brat", NULL, NULL, file, source, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  g_assert_true (g_file_get_contents (f->text_path, &source_after, NULL, NULL));
  g_assert_cmpstr (source_after, ==, source_before);

  /* A file that cannot be written: an error, nothing else changes. */
  {
    g_autofree char *path = g_build_filename (f->dir, "no-such-dir", "out.json", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);

    g_assert_false (alama_export_write (f->document, "json", NULL, NULL, file, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_assert_true (alama_document_get_modified (f->document));
}

/* How many page objects a PDF has: "/Type /Page" but not "/Type /Pages". */
static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;
  guint n = 0;
  const char *needle = "/Type /Page";

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 5);
  g_assert_true (memcmp (contents, "%PDF-", 5) == 0);
  /* Streams hold NUL bytes: memmem (), not strstr (). */
  for (const char *p = contents;
       (p = memmem (p, len - (gsize) (p - contents), needle, strlen (needle)));
       p += strlen (needle))
    if ((gsize) (p - contents) + strlen (needle) < len && p[strlen (needle)] != 's')
      n++;
  return n;
}

/* A Pango context in points, as a print context gives. */
static PangoContext *
points_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  pango_cairo_context_set_resolution (context, 72.0);
  return context;
}

/* Draws @page on a white image at 1.5 times the size, for a person. */
static void
save_page_png (AlamaPrintPages *pages,
               guint            page,
               double           width,
               double           height,
               const char      *name)
{
  double scale = 1.5;
  double margin = 36.0;
  cairo_surface_t *surface = cairo_image_surface_create (
      CAIRO_FORMAT_RGB24, (int) ((width + 2 * margin) * scale), (int) ((height + 2 * margin) * scale));
  cairo_t *cr = cairo_create (surface);
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, name, NULL);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, margin, margin);
  alama_print_pages_draw (pages, cr, page);
  cairo_destroy (cr);
  if (cairo_surface_write_to_png (surface, png) == CAIRO_STATUS_SUCCESS)
    g_test_message ("saved %s", png);
  cairo_surface_destroy (surface);
}

/* The printed text carries a background on exactly the entities' bytes:
 * each entity is covered by a background of its own range, and the
 * rejected suggestion by none. */
static void
test_print_highlights (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *rejected = reject_first_suggestion (f);
  const AlamaAnnotation *gone = alama_document_lookup_annotation (f->document, rejected);
  PangoContext *context = points_context ();
  g_autoptr (AlamaPrintPages) pages = alama_print_pages_new (f->document, NULL, "article.txt", context,
                                                             523.0, 770.0);
  PangoLayout *body = alama_print_pages_get_body (pages);
  PangoLayout *legend = alama_print_pages_get_legend (pages);
  PangoAttrList *attrs = pango_layout_get_attributes (body);
  g_autoptr (GHashTable) ranges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GSList) list = NULL;
  guint n_backgrounds = 0;
  gsize gone_start;
  gsize gone_end;

  g_object_unref (context);
  g_assert_nonnull (gone);
  g_assert_cmpuint (alama_print_pages_get_n_pages (pages), ==, 1);
  /* The Arabic font is there: no box for a missing glyph. */
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (body), ==, 0);
  g_assert_nonnull (legend);
  g_assert_nonnull (strstr (pango_layout_get_text (legend), "PERS"));
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (legend), ==, 0);
  g_assert_true (pango_layout_is_wrapped (body));

  gone_start = alama_document_char_to_byte (f->document, gone->start);
  gone_end = alama_document_char_to_byte (f->document, gone->end);
  list = pango_attr_list_get_attributes (attrs);
  for (GSList *l = list; l; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_BACKGROUND)
        {
          n_backgrounds++;
          g_hash_table_add (ranges, g_strdup_printf ("%u-%u", attr->start_index, attr->end_index));
          g_assert_false (attr->start_index < gone_end && gone_start < attr->end_index);
        }
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
  g_assert_cmpuint (n_backgrounds, ==, app_test_count_entities (f->document));
  for (guint k = 0; k < alama_document_get_n_annotations (f->document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (f->document, k);
      g_autofree char *range = NULL;

      if (!alama_annotation_is_entity (a))
        continue;
      range = g_strdup_printf ("%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT,
                               alama_document_char_to_byte (f->document, a->start),
                               alama_document_char_to_byte (f->document, a->end));
      g_assert_true (g_hash_table_contains (ranges, range));
    }
  save_page_png (pages, 0, 523.0, 770.0, "files-print-page1.png");
}

/* Types hidden in the window are printed plain and left out of the
 * legend: hiding LOC there leaves every other entity highlighted and no
 * LOC entity, and the legend names PERS but not LOC. */
static void
test_print_hidden (Fixture       *f,
                   gconstpointer  data)
{
  AlamaDocumentView *view = alama_window_get_document_view (f->window);
  g_auto (GStrv) hidden = NULL;
  PangoContext *context = points_context ();
  g_autoptr (AlamaPrintPages) pages = NULL;
  g_autoptr (GSList) list = NULL;
  PangoLayout *legend;
  guint n_backgrounds = 0;
  guint n_loc = 0;
  guint n_entities = 0;

  alama_document_view_set_label_visible (view, "LOC", FALSE);
  alama_document_view_set_label_visible (view, "MISC", FALSE);
  hidden = alama_document_view_dup_hidden_labels (view);
  g_assert_cmpuint (g_strv_length (hidden), ==, 2);
  g_assert_cmpstr (hidden[0], ==, "LOC");
  g_assert_cmpstr (hidden[1], ==, "MISC");
  alama_document_view_set_label_visible (view, "MISC", TRUE);
  g_clear_pointer (&hidden, g_strfreev);
  hidden = alama_document_view_dup_hidden_labels (view);
  g_assert_cmpuint (g_strv_length (hidden), ==, 1);

  pages = alama_print_pages_new (f->document, (const char *const *) hidden, "article.txt",
                                 context, 523.0, 770.0);
  g_object_unref (context);
  legend = alama_print_pages_get_legend (pages);
  g_assert_nonnull (legend);
  g_assert_nonnull (strstr (pango_layout_get_text (legend), "PERS"));
  g_assert_null (strstr (pango_layout_get_text (legend), "LOC"));

  list = pango_attr_list_get_attributes (pango_layout_get_attributes (
      alama_print_pages_get_body (pages)));
  for (guint k = 0; k < alama_document_get_n_annotations (f->document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (f->document, k);
      gsize start;
      gsize end;

      if (!alama_annotation_is_entity (a))
        continue;
      n_entities++;
      if (strcmp (a->label, "LOC") != 0)
        continue;
      n_loc++;
      start = alama_document_char_to_byte (f->document, a->start);
      end = alama_document_char_to_byte (f->document, a->end);
      for (GSList *l = list; l; l = l->next)
        {
          PangoAttribute *attr = l->data;

          if (attr->klass->type == PANGO_ATTR_BACKGROUND
              || attr->klass->type == PANGO_ATTR_UNDERLINE)
            g_assert_false (attr->start_index < end && start < attr->end_index);
        }
    }
  for (GSList *l = list; l; l = l->next)
    n_backgrounds += ((PangoAttribute *) l->data)->klass->type == PANGO_ATTR_BACKGROUND;
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
  g_assert_cmpuint (n_loc, >, 0);
  g_assert_cmpuint (n_backgrounds, ==, n_entities - n_loc);
}

/* Export as PDF of the sample: a PDF of as many pages as laid out. */
static void
test_export_pdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "article.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = NULL;
  guint n_pages = 0;

  /* Unmodified: an export must not make it look edited either. */
  alama_document_set_unmodified (f->document);
  g_assert_true (alama_print_export_pdf (f->document, NULL, "article.txt", file, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >=, 1);
  g_assert_cmpuint (count_pdf_pages (path), ==, n_pages);
  g_assert_false (alama_document_get_modified (f->document));

  /* The same through the export entry point, with the extension added. */
  pdf = export (f, "pdf", "again");
  g_assert_true (g_str_has_suffix (pdf, "again.pdf"));
  g_assert_cmpuint (count_pdf_pages (pdf), ==, n_pages);
}

/* A long text goes over several pages, and its PDF has as many; every
 * line is on one page and only one. */
static void
test_export_pdf_long (void)
{
  g_autofree char *contents = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (AlamaDocument) document = NULL;
  g_autoptr (AlamaPrintPages) pages = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = app_test_make_dir ("alama-files-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "long.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  PangoContext *context = points_context ();
  guint n_pages = 0;

  g_assert_true (g_file_get_contents (SAMPLES_DIR "/article.txt", &contents, NULL, NULL));
  for (guint k = 0; k < 12; k++)
    g_string_append (text, contents);
  document = alama_document_new (text->str, (gssize) text->len, &error);
  g_assert_no_error (error);

  pages = alama_print_pages_new (document, NULL, "long", context, 523.0, 770.0);
  g_object_unref (context);
  g_assert_cmpuint (alama_print_pages_get_n_pages (pages), >, 1);
  g_assert_null (alama_print_pages_get_legend (pages));
  g_test_message ("%u pages", alama_print_pages_get_n_pages (pages));
  save_page_png (pages, 1, 523.0, 770.0, "files-print-long-page2.png");

  g_assert_true (alama_print_export_pdf (document, NULL, "long", file, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (count_pdf_pages (path), ==, n_pages);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The printer, paper and orientation chosen last come back for the next
 * print operation, through the key file; a broken file is ignored. */
static void
test_print_settings (void)
{
  g_autofree char *dir = g_dir_make_tmp ("alama-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "alama", "print-settings.ini", NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr (GtkPrintOperation) first = gtk_print_operation_new ();
  g_autoptr (GtkPrintOperation) second = gtk_print_operation_new ();
  g_autoptr (GtkPrintOperation) third = gtk_print_operation_new ();
  g_autoptr (GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a5 = gtk_paper_size_new (GTK_PAPER_NAME_A5);
  g_autoptr (GError) error = NULL;
  GtkPrintSettings *restored;
  GtkPageSetup *restored_setup;

  g_assert_nonnull (dir);
  gtk_print_settings_set_printer (settings, "Office Printer");
  gtk_print_settings_set_orientation (settings, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_settings_set_n_copies (settings, 3);
  gtk_print_operation_set_print_settings (first, settings);
  gtk_page_setup_set_paper_size (setup, a5);
  gtk_page_setup_set_top_margin (setup, 15, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (first, setup);
  /* The directory is made as needed. */
  g_assert_true (alama_print_settings_store (first, path, &error));
  g_assert_no_error (error);

  alama_print_settings_restore (second, path);
  restored = gtk_print_operation_get_print_settings (second);
  g_assert_nonnull (restored);
  g_assert_cmpstr (gtk_print_settings_get_printer (restored), ==, "Office Printer");
  g_assert_cmpint (gtk_print_settings_get_orientation (restored), ==,
                   GTK_PAGE_ORIENTATION_LANDSCAPE);
  g_assert_cmpint (gtk_print_settings_get_n_copies (restored), ==, 3);
  restored_setup = gtk_print_operation_get_default_page_setup (second);
  g_assert_nonnull (restored_setup);
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (restored_setup)), ==,
                   GTK_PAPER_NAME_A5);
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_top_margin (restored_setup, GTK_UNIT_MM),
                                  15.0, 0.01);

  /* A broken file leaves the operation as it was. */
  g_assert_true (g_file_set_contents (path, "[Print Settings\nprinter=", -1, NULL));
  alama_print_settings_restore (third, path);
  g_assert_null (gtk_print_operation_get_print_settings (third));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (parent), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  app = app_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/alama/files/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/alama/files/export-names", test_export_names);
  g_test_add_func ("/alama/files/export-pdf-long", test_export_pdf_long);
  g_test_add_func ("/alama/files/print-settings", test_print_settings);
  ADD ("save-as", test_save_as);
  ADD ("export-formats", test_export_formats);
  ADD ("print-highlights", test_print_highlights);
  ADD ("print-hidden", test_print_hidden);
  ADD ("export-pdf", test_export_pdf);
#undef ADD
  return app_test_run (&app);
}
