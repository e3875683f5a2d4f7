/* test-highlight.c: an AlamaDocumentView applies the highlights of a long
 * document in chunks: those on screen at once, the others from idle
 * callbacks, then ::highlights-done; an edit meanwhile finishes them
 * first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "alama-document-view.h"
#include "app-test-util.h"

/* Enough names that applying them takes longer than one chunk. */
#define N_LINES 8000
#define LINE "زار سامي حداد بيروت يوم الخميس.\n"
/* Characters of LINE before «سامي حداد» (9), before «بيروت» (14), and all. */
#define PERS_START 4
#define PERS_END 13
#define LOC_START 14
#define LOC_END 19
#define LINE_CHARS 32

typedef struct
{
  GtkWidget *window;
  AlamaDocumentView *view;
  AlamaDocument *document;
  char *text;
} Fixture;

static AlamaDocument *
new_document (const char *text)
{
  g_autoptr (GError) error = NULL;
  AlamaDocument *document = alama_document_new (text, -1, &error);

  g_assert_no_error (error);
  for (guint k = 0; k < N_LINES; k++)
    {
      AlamaAnnotation pers = { 0 };
      AlamaAnnotation loc = { 0 };

      pers.start = (gsize) k * LINE_CHARS + PERS_START;
      pers.end = (gsize) k * LINE_CHARS + PERS_END;
      pers.label = (char *) "PERS";
      pers.status = ALAMA_STATUS_SUGGESTED;
      pers.confidence = -1;
      loc = pers;
      loc.start = (gsize) k * LINE_CHARS + LOC_START;
      loc.end = (gsize) k * LINE_CHARS + LOC_END;
      loc.label = (char *) "LOC";
      g_assert_nonnull (alama_document_add_annotation (document, &pers, &error));
      g_assert_no_error (error);
      g_assert_nonnull (alama_document_add_annotation (document, &loc, &error));
      g_assert_no_error (error);
    }
  return document;
}

/* Runs the main loop until the window has painted a frame. */
static void
wait_paint (GtkWidget *window)
{
  app_test_wait_mapped (window);
  app_test_wait_frame (window);
}

static gboolean
has_label_tag (AlamaDocumentView *view,
               const char        *label,
               gsize              offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = alama_document_view_get_label_tag (view, label);
  GtkTextIter iter;

  if (tag == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static guint
count_tagged_lines (AlamaDocumentView *view)
{
  guint n = 0;

  for (guint k = 0; k < N_LINES; k++)
    n += has_label_tag (view, "PERS", (gsize) k * LINE_CHARS + PERS_START)
         && has_label_tag (view, "LOC", (gsize) k * LINE_CHARS + LOC_START)
         && !has_label_tag (view, "PERS", (gsize) k * LINE_CHARS + 1);
  return n;
}

static void
done_cb (AlamaDocumentView *view,
         guint             *n_done)
{
  (*n_done)++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  for (guint k = 0; k < N_LINES; k++)
    g_string_append (text, LINE);
  f->text = g_string_free (g_steal_pointer (&text), FALSE);
  g_assert_cmpint (g_utf8_strlen (f->text, -1), ==, N_LINES * LINE_CHARS);
  f->document = new_document (f->text);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 400);
  f->view = ALAMA_DOCUMENT_VIEW (alama_document_view_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (f->view));
  gtk_window_set_child (GTK_WINDOW (f->window), scrolled);
  gtk_window_present (GTK_WINDOW (f->window));

  /* The text first, as the window shows it while the recognizer runs,
   * scrolled to the middle. */
  alama_document_view_show_text (f->view, f->text);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, N_LINES * LINE_CHARS);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, N_LINES / 2);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (f->view), gtk_text_buffer_get_insert (buffer),
                                0.0, TRUE, 0.0, 0.0);
  wait_paint (f->window);
  wait_paint (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&f->document);
  g_free (f->text);
}

static void
test_chunks (Fixture       *f,
             gconstpointer  data)
{
  GdkRectangle visible;
  GtkTextIter top;
  guint top_line;
  guint n_done = 0;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (f->view), &visible);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (f->view), &top, visible.x,
                                      visible.y + visible.height / 2);
  top_line = (guint) gtk_text_iter_get_line (&top);
  g_test_message ("line %u on screen", top_line);
  g_assert_cmpuint (top_line, >, 100);
  g_assert_cmpuint (top_line, <, N_LINES - 100);

  g_signal_connect (f->view, "highlights-done", G_CALLBACK (done_cb), &n_done);
  alama_document_view_set_document (f->view, f->document);

  /* On screen at once; the rest not yet. */
  g_assert_true (alama_document_view_get_highlighting (f->view));
  g_assert_cmpuint (n_done, ==, 0);
  g_assert_true (has_label_tag (f->view, "PERS", (gsize) top_line * LINE_CHARS + PERS_START));
  g_assert_true (has_label_tag (f->view, "LOC", (gsize) top_line * LINE_CHARS + LOC_START));
  g_assert_false (has_label_tag (f->view, "PERS", (gsize) (N_LINES - 1) * LINE_CHARS + PERS_START));
  g_assert_cmpuint (count_tagged_lines (f->view), <, N_LINES);

  while (alama_document_view_get_highlighting (f->view))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_done, ==, 1);
  g_assert_cmpuint (count_tagged_lines (f->view), ==, N_LINES);
}

/* An edit while highlights are applied: they are all applied first, then
 * the edit's range is redone. */
static void
test_edit_while_highlighting (Fixture       *f,
                              gconstpointer  data)
{
  const AlamaAnnotation *last;
  g_autofree char *id = NULL;
  gsize last_start;
  guint n_done = 0;

  g_signal_connect (f->view, "highlights-done", G_CALLBACK (done_cb), &n_done);
  alama_document_view_set_document (f->view, f->document);
  g_assert_true (alama_document_view_get_highlighting (f->view));

  last = alama_document_get_annotation (f->document,
                                        alama_document_get_n_annotations (f->document) - 1);
  id = g_strdup (last->id);
  last_start = last->start;
  g_assert_true (alama_document_remove_annotation (f->document, id, NULL));

  g_assert_false (alama_document_view_get_highlighting (f->view));
  g_assert_cmpuint (n_done, ==, 1);
  g_assert_false (has_label_tag (f->view, "LOC", last_start));
  g_assert_true (has_label_tag (f->view, "PERS", (gsize) (N_LINES - 1) * LINE_CHARS + PERS_START));
  g_assert_cmpuint (count_tagged_lines (f->view), ==, N_LINES - 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/alama/highlight/chunks", Fixture, NULL, fixture_set_up, test_chunks,
              fixture_tear_down);
  g_test_add ("/alama/highlight/edit-while-highlighting", Fixture, NULL, fixture_set_up,
              test_edit_while_highlighting, fixture_tear_down);
  return g_test_run ();
}
