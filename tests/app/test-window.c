/* test-window.c: opening a document in an AlamaWindow shows its text and
 * highlights exactly its entities, and follows edits of the document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "alama-application.h"
#include "alama-document-view.h"
#include "alama-window.h"
#include "app-test-util.h"
#include "alama-xml.h"

#define ARTICLE SAMPLES_DIR "/article.txt"

static AlamaApplication *app;

static char *
buffer_text (AlamaDocumentView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* Checks, character by character, that each label's tag covers exactly
 * the entities (annotations not rejected) with that label. */
static void
assert_tags_match (AlamaDocumentView *view,
                   AlamaDocument     *document)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  static const char *const labels[] = { "PERS", "LOC", "ORG", "MISC", "DATE" };
  gsize n_chars = alama_document_get_n_chars (document);
  guint n = alama_document_get_n_annotations (document);

  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, (int) n_chars);
  for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
    {
      GtkTextTag *tag = alama_document_view_get_label_tag (view, labels[l]);
      g_autofree gboolean *covered = g_new0 (gboolean, n_chars + 1);
      GtkTextIter iter;
      guint n_entities = 0;

      for (guint k = 0; k < n; k++)
        {
          const AlamaAnnotation *annotation = alama_document_get_annotation (document, k);

          if (!alama_annotation_is_entity (annotation) || strcmp (annotation->label, labels[l]) != 0)
            continue;
          n_entities++;
          for (gsize c = annotation->start; c < annotation->end; c++)
            covered[c] = TRUE;

          /* The tag starts and ends exactly at the span's ends. */
          g_assert_nonnull (tag);
          gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) annotation->start);
          g_assert_true (gtk_text_iter_has_tag (&iter, tag));
          gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) annotation->end);
          g_assert_true (gtk_text_iter_ends_tag (&iter, tag) || gtk_text_iter_has_tag (&iter, tag));
        }
      if (tag == NULL)
        {
          g_assert_cmpuint (n_entities, ==, 0);
          continue;
        }

      gtk_text_buffer_get_start_iter (buffer, &iter);
      for (gsize c = 0; c < n_chars; c++)
        {
          if (gtk_text_iter_has_tag (&iter, tag) != covered[c])
            g_error ("%s: character %" G_GSIZE_FORMAT " is %s but should %s", labels[l], c,
                     covered[c] ? "not tagged" : "tagged", covered[c] ? "be" : "not be");
          gtk_text_iter_forward_char (&iter);
        }
    }
}

static void
test_open_text (void)
{
  AlamaWindow *window = app_test_open_window (app, ARTICLE);
  AlamaDocument *document = alama_window_get_document (window);
  AlamaDocumentView *view = alama_window_get_document_view (window);
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  gsize len;

  g_assert_nonnull (document);
  g_assert_true (alama_document_view_get_document (view) == document);
  g_assert_true (g_file_get_contents (ARTICLE, &expected, &len, NULL));
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, expected);
  g_assert_cmpstr (alama_document_get_text (document, NULL), ==, expected);

  /* The sample has names of every kind; all are suggestions. */
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_SUGGESTED), >, 10);
  assert_tags_match (view, document);
  g_assert_true (gtk_widget_get_direction (GTK_WIDGET (view)) == GTK_TEXT_DIR_RTL);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));

  app_test_close_window (window);
}

/* CRLF line ends, diacritics and tatweel: offsets still line up, as the
 * buffer counts characters like the document (\r\n is two). */
static void
test_open_vocalized_crlf (void)
{
  const char *path = SAMPLES_DIR "/article-vocalized-crlf.txt";
  AlamaWindow *window = app_test_open_window (app, path);
  AlamaDocument *document = alama_window_get_document (window);
  AlamaDocumentView *view = alama_window_get_document_view (window);
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;

  g_assert_nonnull (document);
  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));
  g_assert_nonnull (strstr (expected, "\r\n"));
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, alama_document_get_text (document, NULL));
  g_assert_cmpuint (alama_document_get_n_annotations (document), >, 0);
  assert_tags_match (view, document);

  app_test_close_window (window);
}

/* Writes @contents to @name in a new temporary directory; returns the
 * path.  The directory is left for the caller's @dir. */
static char *
write_temp (char      **dir,
            const char *name,
            const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path;

  if (*dir == NULL)
    *dir = g_dir_make_tmp ("alama-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, name, NULL);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

/* Checks that @document holds exactly the entities @expected lists, as
 * "LABEL start end" lines, in order. */
static void
assert_entities (AlamaDocument *document,
                 const char    *expected)
{
  g_autoptr (GString) got = g_string_new (NULL);
  guint n = alama_document_get_n_annotations (document);

  for (guint k = 0; k < n; k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      if (alama_annotation_is_entity (a))
        g_string_append_printf (got, "%s %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT "\n", a->label,
                                a->start, a->end);
    }
  g_assert_cmpstr (got->str, ==, expected);
}

static void
remove_temp (const char *dir,
             const char *const *names)
{
  for (guint k = 0; names[k]; k++)
    {
      g_autofree char *path = g_build_filename (dir, names[k], NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/* A CoNLL file opens with its own names (nothing recognized on top), the
 * text rebuilt with single spaces, each name highlighted. */
static void
test_open_conll (void)
{
  static const char *const names[] = { "names.conll", NULL };
  g_autofree char *dir = NULL;
  g_autofree char *path = write_temp (&dir, "names.conll",
                                      "\xd8\xa8\xd9\x8a\xd8\xb1\xd9\x88\xd8\xaa B-LOC\n"
                                      "\xd8\xaa\xd8\xb3\xd8\xaa\xd8\xb6\xd9\x8a\xd9\x81 O\n"
                                      "\xd9\x86\xd8\xa8\xd9\x8a\xd9\x84 B-PERS\n"
                                      "\xd8\xb9\xd9\x8a\xd8\xb3\xd9\x89 I-PERS\n"
                                      "\n");
  AlamaWindow *window = app_test_open_window (app, path);
  AlamaDocument *document = alama_window_get_document (window);
  AlamaDocumentView *view = alama_window_get_document_view (window);
  g_autofree char *shown = NULL;

  g_assert_nonnull (document);
  shown = buffer_text (view);
  /* «بيروت تستضيف نبيل عيسى» */
  g_assert_cmpstr (shown, ==, alama_document_get_text (document, NULL));
  g_assert_true (g_str_has_prefix (shown, "\xd8\xa8\xd9\x8a\xd8\xb1\xd9\x88\xd8\xaa "));
  assert_entities (document, "LOC 0 5\nPERS 13 22\n");
  assert_tags_match (view, document);

  app_test_close_window (window);
  remove_temp (dir, names);
}

/* A brat .ann opens with the text of the .txt beside it and its names. */
static void
test_open_brat (void)
{
  static const char *const names[] = { "names.txt", "names.ann", NULL };
  g_autofree char *dir = NULL;
  /* «نبيل عيسى في بيروت» */
  g_autofree char *text_path = write_temp (&dir, "names.txt",
                                           "\xd9\x86\xd8\xa8\xd9\x8a\xd9\x84 "
                                           "\xd8\xb9\xd9\x8a\xd8\xb3\xd9\x89 "
                                           "\xd9\x81\xd9\x8a "
                                           "\xd8\xa8\xd9\x8a\xd8\xb1\xd9\x88\xd8\xaa\n");
  g_autofree char *path = write_temp (&dir, "names.ann",
                                      "T1\tPERS 0 9\t\xd9\x86\xd8\xa8\xd9\x8a\xd9\x84 "
                                      "\xd8\xb9\xd9\x8a\xd8\xb3\xd9\x89\n"
                                      "T2\tLOC 13 18\t\xd8\xa8\xd9\x8a\xd8\xb1\xd9\x88\xd8\xaa\n");
  AlamaWindow *window = app_test_open_window (app, path);
  AlamaDocument *document = alama_window_get_document (window);
  AlamaDocumentView *view = alama_window_get_document_view (window);
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;

  g_assert_nonnull (document);
  g_assert_true (g_file_get_contents (text_path, &expected, NULL, NULL));
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, expected);
  assert_entities (document, "PERS 0 9\nLOC 13 18\n");
  assert_tags_match (view, document);

  app_test_close_window (window);
  remove_temp (dir, names);
}

static void
test_follows_edits (void)
{
  AlamaWindow *window = app_test_open_window (app, ARTICLE);
  AlamaDocument *document = alama_window_get_document (window);
  AlamaDocumentView *view = alama_window_get_document_view (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  const AlamaAnnotation *annotation = NULL;
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  gsize start;
  GtkTextIter iter;
  g_autoptr (GError) error = NULL;

  /* A suggestion no other entity of its label touches. */
  for (guint k = 0; k < alama_document_get_n_annotations (document) && annotation == NULL; k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      if (a->status == ALAMA_STATUS_SUGGESTED)
        annotation = a;
    }
  g_assert_nonnull (annotation);
  id = g_strdup (annotation->id);
  label = g_strdup (annotation->label);
  start = annotation->start;

  g_assert_true (alama_document_reject (document, id, NULL, &error));
  g_assert_no_error (error);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) start);
  g_assert_false (gtk_text_iter_has_tag (&iter, alama_document_view_get_label_tag (view, label)));
  assert_tags_match (view, document);

  g_assert_true (alama_document_undo (document));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) start);
  g_assert_true (gtk_text_iter_has_tag (&iter, alama_document_view_get_label_tag (view, label)));
  assert_tags_match (view, document);

  g_assert_true (alama_document_accept (document, id, NULL, &error));
  g_assert_no_error (error);
  assert_tags_match (view, document);
  {
    GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
    g_autofree char *name = g_strconcat ("confirmed:", label, NULL);
    GtkTextTag *confirmed = gtk_text_tag_table_lookup (table, name);

    g_assert_nonnull (confirmed);
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) start);
    g_assert_true (gtk_text_iter_has_tag (&iter, confirmed));
    g_assert_true (alama_document_undo (document));
    g_assert_false (gtk_text_iter_has_tag (&iter, confirmed));
  }

  app_test_close_window (window);
}

static void
test_font_covers_text (void)
{
  AlamaWindow *window = app_test_open_window (app, ARTICLE);
  AlamaDocumentView *view = alama_window_get_document_view (window);
  g_autofree char *text = buffer_text (view);
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), text);
  const PangoFontDescription *font = pango_context_get_font_description (pango_layout_get_context (layout));
  g_autofree char *font_name = pango_font_description_to_string (font);

  g_test_message ("font: %s", font_name);
  g_assert_nonnull (strstr (pango_font_description_get_family (font), "Noto Naskh Arabic"));
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);

  app_test_close_window (window);
}

static void
test_save (void)
{
  g_autofree char *dir = app_test_make_dir ("alama-test-XXXXXX");
  g_autofree char *text_path = g_build_filename (dir, "article.txt", NULL);
  g_autofree char *xml_path = g_build_filename (dir, "article.xml", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  AlamaWindow *window;
  AlamaDocument *document;
  g_autoptr (AlamaDocument) saved = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (dir);
  g_assert_true (g_file_get_contents (ARTICLE, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (text_path, contents, (gssize) len, NULL));

  window = app_test_open_window (app, text_path);
  document = alama_window_get_document (window);
  /* The names found on opening are not a change, but are not saved yet. */
  g_assert_false (alama_document_get_modified (document));
  g_assert_cmpstr (alama_status_bar_get_saved_text (alama_window_get_status_bar (window)), ==,
                   "Not saved yet");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (alama_document_get_modified (document));
  g_assert_cmpstr (alama_status_bar_get_saved_text (alama_window_get_status_bar (window)), ==,
                   "Saved");

  saved = alama_xml_load_file (xml_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alama_document_get_text (saved, NULL), ==, contents);
  g_assert_cmpuint (alama_document_get_n_annotations (saved), ==,
                    alama_document_get_n_annotations (document));
  app_test_close_window (window);

  /* Opening the saved XML shows the same entities, unmodified. */
  window = app_test_open_window (app, xml_path);
  document = alama_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_false (alama_document_get_modified (document));
  assert_tags_match (alama_window_get_document_view (window), document);
  app_test_close_window (window);

  g_assert_cmpint (g_remove (xml_path), ==, 0);
  g_assert_cmpint (g_remove (text_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_highlights_drawn (void)
{
  AlamaWindow *window = app_test_open_window (app, ARTICLE);
  AlamaDocument *document = alama_window_get_document (window);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint before;
  guint after;

  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  app_test_wait_painted (window);
  before = app_test_count_highlight_pixels (window, "test-window-highlights.png");
  g_test_message ("%u highlight pixels", before);
  g_assert_cmpuint (before, >, 5000);

  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    g_ptr_array_add (ids, g_strdup (alama_document_get_annotation (document, k)->id));
  alama_document_begin_group (document, "reject all");
  for (guint k = 0; k < ids->len; k++)
    g_assert_true (alama_document_reject (document, ids->pdata[k], NULL, NULL));
  alama_document_end_group (document);

  app_test_wait_painted (window);
  after = app_test_count_highlight_pixels (window, "test-window-no-highlights.png");
  g_test_message ("%u coloured pixels with every suggestion rejected", after);
  g_assert_cmpuint (after, <, before / 20);

  app_test_close_window (window);
}

/* Closing a window while its file loads drops the late answers of the
 * worker (no critical warning, which would abort the test) and frees it. */
static void
test_close_while_loading (void)
{
  g_autoptr (GFile) file = g_file_new_for_path (ARTICLE);
  AlamaWindow *window = alama_window_new (app);
  gboolean timed_out = FALSE;
  guint id;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  alama_window_open (window, file);
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));

  id = g_timeout_add_seconds (APP_TEST_LOAD_TIMEOUT_S, app_test_timeout_cb, &timed_out);
  while (window != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
test_open_missing (void)
{
  AlamaWindow *window = app_test_open_window (app, SAMPLES_DIR "/no-such-file.txt");

  g_assert_null (alama_window_get_document (window));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL)
                  && alama_window_get_document (window) != NULL);
  app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app = app_test_init (&argc, &argv);

  g_test_add_func ("/alama/window/open-text", test_open_text);
  g_test_add_func ("/alama/window/open-vocalized-crlf", test_open_vocalized_crlf);
  g_test_add_func ("/alama/window/open-conll", test_open_conll);
  g_test_add_func ("/alama/window/open-brat", test_open_brat);
  g_test_add_func ("/alama/window/follows-edits", test_follows_edits);
  g_test_add_func ("/alama/window/font-covers-text", test_font_covers_text);
  g_test_add_func ("/alama/window/highlights-drawn", test_highlights_drawn);
  g_test_add_func ("/alama/window/save", test_save);
  g_test_add_func ("/alama/window/open-missing", test_open_missing);
  g_test_add_func ("/alama/window/close-while-loading", test_close_while_loading);
  return app_test_run (&app);
}
