/* test-panel.c: the entity side panel: counts per type, surfaces grouped
 * after normalization, filtering, jumping to occurrences, hiding a type's
 * highlights, following the document's changes edit by edit (the scroll
 * position, the types collapsed and the untouched rows kept), Arabic
 * surfaces right-aligned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-application.h"
#include "alama-document-view.h"
#include "alama-entity-panel.h"
#include "alama-find.h"
#include "alama-window.h"
#include "app-test-util.h"

static AlamaApplication *app;

/* The panel counts exactly the document's entities, per label, and its
 * surfaces add up to them. */
static void
test_article_counts (void)
{
  g_autofree char *path = g_build_filename (SAMPLES_DIR, "article.txt", NULL);
  AlamaWindow *window = app_test_open_window (app, path);
  AlamaDocument *document = alama_window_get_document (window);
  AlamaEntityPanel *panel = alama_window_get_entity_panel (window);
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  AlamaLabelSet *labels = alama_document_get_label_set (document);
  guint n = alama_document_get_n_annotations (document);
  guint total = 0;

  for (guint k = 0; k < n; k++)
    {
      const AlamaAnnotation *annotation = alama_document_get_annotation (document, k);

      if (alama_annotation_is_entity (annotation))
        g_hash_table_insert (counts, annotation->label,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (
                                                   counts, annotation->label))
                                               + 1));
    }
  g_assert_cmpuint (g_hash_table_size (counts), >, 0);
  for (guint k = 0; k < alama_label_set_get_n_labels (labels); k++)
    {
      const char *label = alama_label_set_get (labels, k)->name;
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, label));

      g_test_message ("%s: %u", label, count);
      g_assert_cmpuint (alama_entity_panel_get_label_count (panel, label), ==, count);
      g_assert_cmpuint (alama_entity_panel_get_n_surfaces (panel, label, FALSE), <=, count);
      total += count;
    }
  g_assert_cmpuint (alama_entity_panel_get_label_count (panel, "PERS"), >, 0);
  g_assert_cmpuint (alama_entity_panel_get_surface_count (panel, "LOC", "بيروت"), >=, 2);
  g_assert_cmpuint (total, ==, n - alama_document_count_annotations (document,
                                                                     ALAMA_STATUS_REJECTED));
  app_test_close_window (window);
}

/* «أحمد» three ways and «احمد» rejected once; «سعيد» once, «القاهرة» as
 * LOC. */
#define VARIANTS "قال أحمد إن احمد و أَحْمَد وأحـــمد ذهبوا مع سعيد إلى القاهرة.\n"

typedef struct
{
  AlamaDocument *document;
  AlamaDocumentView *view;
  AlamaEntityPanel *panel;
  GtkWidget *window;
} Fixture;

static gsize
offset_of (const char *needle,
           guint       nth)
{
  return app_test_offset_of (VARIANTS, needle, nth);
}

static void
annotate (AlamaDocument         *document,
          const char            *surface,
          guint                  nth,
          const char            *label,
          AlamaAnnotationStatus  status)
{
  gsize start = offset_of (surface, nth);
  g_autoptr (AlamaAnnotation) annotation
      = alama_annotation_new (NULL, start, start + (gsize) g_utf8_strlen (surface, -1), label);
  g_autoptr (GError) error = NULL;

  annotation->status = status;
  g_assert_nonnull (alama_document_add_annotation (document, annotation, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  f->document = alama_document_new (VARIANTS, -1, &error);
  g_assert_no_error (error);
  annotate (f->document, "أحمد", 0, "PERS", ALAMA_STATUS_SUGGESTED);
  annotate (f->document, "احمد", 0, "PERS", ALAMA_STATUS_ACCEPTED);
  annotate (f->document, "أَحْمَد", 0, "PERS", ALAMA_STATUS_MANUAL);
  annotate (f->document, "أحـــمد", 0, "PERS", ALAMA_STATUS_REJECTED);
  annotate (f->document, "سعيد", 0, "PERS", ALAMA_STATUS_SUGGESTED);
  annotate (f->document, "القاهرة", 0, "LOC", ALAMA_STATUS_SUGGESTED);

  f->view = ALAMA_DOCUMENT_VIEW (alama_document_view_new ());
  f->panel = ALAMA_ENTITY_PANEL (alama_entity_panel_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->panel));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->view));
  alama_entity_panel_set_view (f->panel, f->view);
  alama_document_view_set_document (f->view, f->document);
  f->window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), box);
  gtk_window_present (GTK_WINDOW (f->window));
  app_test_spin ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  app_test_spin ();
  g_assert_finalize_object (f->document);
}

static void
test_variants (Fixture       *f,
               gconstpointer  data)
{
  g_assert_cmpuint (alama_entity_panel_get_label_count (f->panel, "PERS"), ==, 4);
  g_assert_cmpuint (alama_entity_panel_get_label_count (f->panel, "LOC"), ==, 1);
  g_assert_cmpuint (alama_entity_panel_get_label_count (f->panel, "ORG"), ==, 0);
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "PERS", FALSE), ==, 2);
  g_assert_cmpuint (alama_entity_panel_get_surface_count (f->panel, "PERS", "أحمد"), ==, 3);
  g_assert_cmpuint (alama_entity_panel_get_surface_count (f->panel, "PERS", "احمد"), ==, 3);
  g_assert_cmpuint (alama_entity_panel_get_surface_count (f->panel, "PERS", "سعيد"), ==, 1);
  g_assert_cmpuint (alama_entity_panel_get_surface_count (f->panel, "LOC", "أحمد"), ==, 0);
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  /* Vocalized and with a hamza, the filter still finds «احمد». */
  alama_entity_panel_set_filter (f->panel, "أَحم");
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "PERS", TRUE), ==, 1);
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "LOC", TRUE), ==, 0);
  alama_entity_panel_set_filter (f->panel, "قاهر");
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "PERS", TRUE), ==, 0);
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "LOC", TRUE), ==, 1);
  alama_entity_panel_set_filter (f->panel, "");
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "PERS", TRUE), ==, 2);
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "LOC", TRUE), ==, 1);
}

static void
assert_selected (AlamaDocumentView *view,
                 gsize              start_char,
                 gsize              end_char)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start;
  GtkTextIter end;

  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, (int) start_char);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, (int) end_char);
}

static void
test_jump (Fixture       *f,
           gconstpointer  data)
{
  gsize first = offset_of ("أحمد", 0);
  gsize second = offset_of ("احمد", 0);
  gsize third = offset_of ("أَحْمَد", 0);

  g_assert_true (alama_entity_panel_activate_surface (f->panel, "PERS", "احمد"));
  assert_selected (f->view, first, first + 4);
  g_assert_true (alama_entity_panel_activate_surface (f->panel, "PERS", "احمد"));
  assert_selected (f->view, second, second + 4);
  g_assert_true (alama_entity_panel_activate_surface (f->panel, "PERS", "احمد"));
  assert_selected (f->view, third, third + 7);
  /* After the last, the first again; the rejected one is skipped. */
  g_assert_true (alama_entity_panel_activate_surface (f->panel, "PERS", "احمد"));
  assert_selected (f->view, first, first + 4);
  g_assert_false (alama_entity_panel_activate_surface (f->panel, "PERS", "القاهرة"));
}

static void
test_hide_label (Fixture       *f,
                 gconstpointer  data)
{
  GtkTextTag *pers = alama_document_view_get_label_tag (f->view, "PERS");
  GtkTextTag *loc = alama_document_view_get_label_tag (f->view, "LOC");
  gboolean background_set;
  gboolean underline_set;

  g_assert_nonnull (pers);
  g_assert_nonnull (loc);
  alama_entity_panel_set_label_visible (f->panel, "PERS", FALSE);
  g_assert_false (alama_document_view_get_label_visible (f->view, "PERS"));
  g_object_get (pers, "background-set", &background_set, "underline-set", &underline_set, NULL);
  g_assert_false (background_set);
  g_assert_false (underline_set);
  g_object_get (loc, "background-set", &background_set, NULL);
  g_assert_true (background_set);

  /* A later rebuild of the panel keeps the switch as it was. */
  annotate (f->document, "أحمد", 0, "LOC", ALAMA_STATUS_MANUAL);
  app_test_spin ();
  g_assert_false (alama_document_view_get_label_visible (f->view, "PERS"));

  alama_entity_panel_set_label_visible (f->panel, "PERS", TRUE);
  g_object_get (pers, "background-set", &background_set, "underline-set", &underline_set, NULL);
  g_assert_true (background_set);
  g_assert_true (underline_set);
}

static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr (GError) error = NULL;

  for (guint k = 0; k < alama_document_get_n_annotations (f->document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (f->document, k);

      if (strcmp (a->label, "LOC") == 0)
        id = g_strdup (a->id);
    }
  g_assert_nonnull (id);
  g_assert_true (alama_document_reject (f->document, id, NULL, &error));
  g_assert_no_error (error);
  app_test_spin ();
  g_assert_cmpuint (alama_entity_panel_get_label_count (f->panel, "LOC"), ==, 0);
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "LOC", FALSE), ==, 0);
  g_assert_true (alama_document_undo (f->document));
  app_test_spin ();
  g_assert_cmpuint (alama_entity_panel_get_label_count (f->panel, "LOC"), ==, 1);
}

/* Switching every type off leaves no coloured pixel in the view;
 * switching them on brings the highlights back. */
static void
test_hide_drawn (void)
{
  g_autofree char *path = g_build_filename (SAMPLES_DIR, "article.txt", NULL);
  AlamaWindow *window = app_test_open_window (app, path);
  AlamaEntityPanel *panel = alama_window_get_entity_panel (window);
  static const char *const labels[] = { "PERS", "LOC", "ORG", "MISC", "DATE" };
  guint shown;
  guint hidden;
  guint again;

  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  app_test_wait_painted (window);
  shown = app_test_count_highlight_pixels (window, "test-panel-shown.png");
  g_test_message ("%u highlight pixels", shown);
  g_assert_cmpuint (shown, >, 5000);

  for (guint k = 0; k < G_N_ELEMENTS (labels); k++)
    alama_entity_panel_set_label_visible (panel, labels[k], FALSE);
  app_test_wait_painted (window);
  hidden = app_test_count_highlight_pixels (window, "test-panel-hidden.png");
  g_test_message ("%u coloured pixels with every type hidden", hidden);
  g_assert_cmpuint (hidden, <, shown / 20);

  for (guint k = 0; k < G_N_ELEMENTS (labels); k++)
    alama_entity_panel_set_label_visible (panel, labels[k], TRUE);
  app_test_wait_painted (window);
  again = app_test_count_highlight_pixels (window, "test-panel-shown-again.png");
  g_assert_cmpuint (again, ==, shown);
  app_test_close_window (window);
}

/* Where @word is in @window's document, in characters; its @nth
 * occurrence (from 0). */
static void
span_of (AlamaWindow *window,
         const char  *word,
         guint        nth,
         gsize       *start,
         gsize       *end)
{
  const char *text = alama_document_get_text (alama_window_get_document (window), NULL);
  const char *found = strstr (text, word);

  for (guint k = 0; k < nth && found; k++)
    found = strstr (found + 1, word);
  g_assert_nonnull (found);
  *start = (gsize) g_utf8_pointer_to_offset (text, found);
  *end = *start + (gsize) g_utf8_strlen (word, -1);
}

static void
assert_find (AlamaWindow *window,
             const char  *query,
             const char  *word)
{
  guint current;
  const GArray *matches;
  gsize start;
  gsize end;
  gboolean seen = FALSE;

  span_of (window, word, 0, &start, &end);
  alama_window_find (window, query);
  matches = alama_window_get_find_matches (window, &current);
  g_assert_nonnull (matches);
  for (guint k = 0; k < matches->len; k += 2)
    seen = seen
           || (g_array_index (matches, gsize, k) == start
               && g_array_index (matches, gsize, k + 1) == end);
  g_test_message ("%s: %u matches", query, matches->len / 2);
  g_assert_true (seen);
}

/* Without diacritics, the query finds vocalized, stretched and hamzated
 * spellings, at their characters in a text with a BOM and CRLF. */
static void
test_find_variants (void)
{
  g_autofree char *path = g_build_filename (SAMPLES_DIR, "article-vocalized-crlf.txt", NULL);
  AlamaWindow *window = app_test_open_window (app, path);

  assert_find (window, "العاصمة", "العـــاصمة");
  assert_find (window, "المعرض", "المَعْرِضَ");
  assert_find (window, "الكتاب", "الكِتَابَ");
  assert_find (window, "ابريل", "أبريل");
  assert_find (window, "سعاد الحمامي", "سُعاد الحَمّامي");
  alama_window_find (window, "كلمة لا توجد");
  g_assert_cmpuint (alama_window_get_find_matches (window, NULL)->len, ==, 0);
  g_assert_cmpstr (alama_window_get_find_status (window), ==, "No matches");
  app_test_close_window (window);
}

/* Next and previous go round; the current match is selected. */
static void
test_find_next_previous (void)
{
  g_autofree char *path = g_build_filename (SAMPLES_DIR, "article-vocalized-crlf.txt", NULL);
  AlamaWindow *window = app_test_open_window (app, path);
  AlamaDocumentView *view = alama_window_get_document_view (window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start;
  const GArray *matches;
  guint current;
  guint n;
  gsize first_start;
  gsize first_end;
  gsize last_start;
  gsize last_end;
  g_autofree char *status = NULL;

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  alama_window_find (window, "تونس");
  matches = alama_window_get_find_matches (window, &current);
  n = matches->len / 2;
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (current, ==, 0);
  span_of (window, "تونس", 0, &first_start, &first_end);
  assert_selected (view, first_start, first_end);
  status = g_strdup_printf ("1 of %u", n);
  g_assert_cmpstr (alama_window_get_find_status (window), ==, status);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-previous", NULL));
  alama_window_get_find_matches (window, &current);
  g_assert_cmpuint (current, ==, n - 1);
  last_start = g_array_index (matches, gsize, 2 * (n - 1));
  last_end = g_array_index (matches, gsize, 2 * (n - 1) + 1);
  assert_selected (view, last_start, last_end);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-next", NULL));
  alama_window_get_find_matches (window, &current);
  g_assert_cmpuint (current, ==, 0);
  assert_selected (view, first_start, first_end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-next", NULL));
  alama_window_get_find_matches (window, &current);
  g_assert_cmpuint (current, ==, 1);
  g_clear_pointer (&status, g_free);
  status = g_strdup_printf ("2 of %u", n);
  g_assert_cmpstr (alama_window_get_find_status (window), ==, status);

  /* The matches carry the search tag. */
  {
    GtkTextIter iter;
    GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "search");

    g_assert_nonnull (tag);
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) last_start);
    g_assert_true (gtk_text_iter_has_tag (&iter, tag));
  }
  app_test_close_window (window);
}

/* The index alone: a match maps back to whole characters, takes in the
 * diacritics after its last letter, and may end the text; a needle of
 * diacritics alone finds nothing. */
static void
test_find_index (void)
{
  /* «سلامٌ» with a tanwin at the very end; a lam-alef presentation form
   * (U+FEFB) stands for two letters. */
  const char *text = "قال \uFEFB شيء ثم سَلامٌ";
  g_autoptr (AlamaFindIndex) index = alama_find_index_new (text, -1);
  g_autoptr (GArray) alef = alama_find_index_search (index, "ا");
  g_autoptr (GArray) salam = alama_find_index_search (index, "سلام");
  g_autoptr (GArray) none = alama_find_index_search (index, "\u064E\u064F");
  g_autoptr (GArray) empty = alama_find_index_search (index, "");
  gsize n_chars = (gsize) g_utf8_strlen (text, -1);

  g_assert_cmpuint (salam->len, ==, 2);
  g_assert_cmpuint (g_array_index (salam, gsize, 0), ==, n_chars - 6);
  g_assert_cmpuint (g_array_index (salam, gsize, 1), ==, n_chars);
  /* «قال», the ligature (character 4, alone) and «سلام». */
  g_assert_cmpuint (alef->len, ==, 6);
  g_assert_cmpuint (g_array_index (alef, gsize, 2), ==, 4);
  g_assert_cmpuint (g_array_index (alef, gsize, 3), ==, 5);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
}

/* Escape in the find entry closes the bar and takes the highlights off;
 * F9's action hides and shows the panel. */
static void
test_find_close_and_toggle_panel (void)
{
  g_autofree char *path = g_build_filename (SAMPLES_DIR, "article.txt", NULL);
  AlamaWindow *window = app_test_open_window (app, path);
  GtkTextBuffer *buffer
      = gtk_text_view_get_buffer (GTK_TEXT_VIEW (alama_window_get_document_view (window)));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "search");
  GtkWidget *focus;
  GtkTextIter iter;
  gsize start;
  gsize end;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  alama_window_find (window, "بيروت");
  span_of (window, "بيروت", 0, &start, &end);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) start);
  g_assert_true (gtk_text_iter_has_tag (&iter, tag));

  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  focus = gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (focus);
  g_signal_emit_by_name (focus, "stop-search");
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));
  g_assert_cmpstr (alama_window_get_find_status (window), ==, "");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (alama_window_get_entity_panel (window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-panel", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (alama_window_get_entity_panel (window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-panel", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (alama_window_get_entity_panel (window))));
  app_test_close_window (window);
}

static void
wait_drawn (GtkWidget *widget)
{
  app_test_wait_mapped (widget);
  app_test_spin ();
}

/* Arabic surfaces are right-aligned, their label right-to-left, in the
 * left-to-right interface of the tests. */
static void
test_surface_rtl (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *row = alama_entity_panel_get_surface_row (f->panel, "PERS", "أحمد");
  GtkWidget *label;
  PangoRectangle logical;
  int x;

  g_assert_nonnull (row);
  /* What a screen reader says for it. */
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, "أحمد, 3 occurrences");
  g_assert_cmpint (gtk_widget_get_direction (f->window), ==, GTK_TEXT_DIR_LTR);
  label = gtk_widget_get_first_child (gtk_widget_get_first_child (row));
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_cmpint (gtk_widget_get_direction (label), ==, GTK_TEXT_DIR_RTL);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 400);
  wait_drawn (label);
  pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (label)), NULL, &logical);
  gtk_label_get_layout_offsets (GTK_LABEL (label), &x, NULL);
  g_test_message ("label %d px wide, text %d px at %d", gtk_widget_get_width (label),
                  logical.width, x + logical.x);
  g_assert_cmpint (gtk_widget_get_width (label), >, 2 * logical.width);
  /* The text ends at the label's right edge, not its left. */
  g_assert_cmpint (ABS (x + logical.x + logical.width - gtk_widget_get_width (label)), <=, 2);
}

/* Collapsing a type hides its surfaces; activating its header expands it
 * again; an edit keeps the state. */
static void
test_expanded (Fixture       *f,
               gconstpointer  data)
{
  g_assert_true (alama_entity_panel_get_expanded (f->panel, "PERS"));
  alama_entity_panel_set_expanded (f->panel, "PERS", FALSE);
  g_assert_false (alama_entity_panel_get_expanded (f->panel, "PERS"));
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "PERS", TRUE), ==, 0);
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "LOC", TRUE), ==, 1);

  annotate (f->document, "سعيد", 0, "LOC", ALAMA_STATUS_MANUAL);
  app_test_spin ();
  g_assert_false (alama_entity_panel_get_expanded (f->panel, "PERS"));
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "PERS", TRUE), ==, 0);
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "LOC", TRUE), ==, 2);

  alama_entity_panel_set_expanded (f->panel, "PERS", TRUE);
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (f->panel, "PERS", TRUE), ==, 2);
}

/* The panel's view of a document, to compare one kept up to date edit by
 * edit with one built afresh. */
static char *
describe_panel (AlamaEntityPanel *panel)
{
  static const char *const labels[] = { "PERS", "LOC", "ORG", "MISC", "DATE" };
  static const char *const surfaces[] = { "أحمد", "سعيد", "القاهرة", "مع" };
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < G_N_ELEMENTS (labels); k++)
    {
      g_string_append_printf (out, "%s %u %u:", labels[k],
                              alama_entity_panel_get_label_count (panel, labels[k]),
                              alama_entity_panel_get_n_surfaces (panel, labels[k], FALSE));
      for (guint j = 0; j < G_N_ELEMENTS (surfaces); j++)
        {
          g_string_append_printf (out, " %u@%d",
                                  alama_entity_panel_get_surface_count (panel, labels[k],
                                                                        surfaces[j]),
                                  alama_entity_panel_get_surface_position (panel, labels[k],
                                                                           surfaces[j]));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The view's tags, redone over the range each edit changed, cover
 * exactly the entities of their label. */
static void
assert_view_tags (Fixture *f)
{
  static const char *const labels[] = { "PERS", "LOC", "ORG" };
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
  gsize n_chars = alama_document_get_n_chars (f->document);

  for (guint j = 0; j < G_N_ELEMENTS (labels); j++)
    {
      GtkTextTag *tag = alama_document_view_get_label_tag (f->view, labels[j]);

      for (gsize offset = 0; offset < n_chars; offset++)
        {
          gboolean expected = FALSE;
          GtkTextIter iter;

          for (guint k = 0; k < alama_document_get_n_annotations (f->document); k++)
            {
              const AlamaAnnotation *a = alama_document_get_annotation (f->document, k);

              expected = expected
                         || (alama_annotation_is_entity (a) && strcmp (a->label, labels[j]) == 0
                             && a->start <= offset && offset < a->end);
            }
          gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
          g_assert_cmpint (tag != NULL && gtk_text_iter_has_tag (&iter, tag), ==, expected);
        }
    }
}

/* Edits, their undo and redo, one by one and in groups: the panel kept
 * up to date lists what a panel built afresh lists, rows in the same
 * order; a surface the edits did not touch keeps its row. */
static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *cairo_row = alama_entity_panel_get_surface_row (f->panel, "LOC", "القاهرة");
  /* Copies: an edit replaces the annotations it changes. */
  char *ids[8];
  guint n_ids = 0;
  g_autoptr (GError) error = NULL;

  for (guint k = 0; k < alama_document_get_n_annotations (f->document); k++)
    ids[n_ids++] = g_strdup (alama_document_get_annotation (f->document, k)->id);
  g_assert_cmpuint (n_ids, ==, 6);

  for (guint step = 0; step < 9; step++)
    {
      g_autofree char *kept = NULL;
      g_autofree char *fresh = NULL;
      AlamaEntityPanel *other = ALAMA_ENTITY_PANEL (g_object_ref_sink (alama_entity_panel_new ()));

      switch (step)
        {
        case 0:
          annotate (f->document, "سعيد", 0, "LOC", ALAMA_STATUS_MANUAL);
          break;
        case 1:
          g_assert_true (alama_document_relabel (f->document, ids[0], "ORG", NULL, &error));
          break;
        case 2:
          g_assert_true (alama_document_reject (f->document, ids[1], NULL, &error));
          break;
        case 3:
          alama_document_accept_all (f->document, NULL, NULL);
          break;
        case 4:
          /* A burst: several edits before the main loop runs. */
          g_assert_true (alama_document_undo (f->document));
          g_assert_true (alama_document_undo (f->document));
          g_assert_true (alama_document_undo (f->document));
          break;
        case 5:
          g_assert_true (alama_document_redo (f->document));
          g_assert_true (alama_document_redo (f->document));
          break;
        case 6:
          g_assert_true (alama_document_resize (f->document, ids[2], offset_of ("إن", 0),
                                                offset_of ("أَحْمَد", 0) + 7, NULL, &error));
          break;
        case 7:
          g_assert_true (alama_document_remove_annotation (f->document, ids[2], &error));
          break;
        case 8:
          while (alama_document_undo (f->document))
            ;
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_no_error (error);
      app_test_spin ();
      alama_entity_panel_set_view (other, f->view);
      kept = describe_panel (f->panel);
      fresh = describe_panel (other);
      g_test_message ("step %u:\n%s", step, kept);
      g_assert_cmpstr (kept, ==, fresh);
      assert_view_tags (f);
      alama_entity_panel_set_view (other, NULL);
      g_object_unref (other);
      if (step < 3)
        g_assert_true (alama_entity_panel_get_surface_row (f->panel, "LOC", "القاهرة") == cairo_row);
    }
  for (guint k = 0; k < n_ids; k++)
    g_free (ids[k]);
}

/* The row of the panel's list at @y pixels from the top of what it
 * shows, and where that row's top is, in the same pixels. */
static GtkWidget *
row_at (GtkScrolledWindow *scrolled,
        double             y,
        double            *top)
{
  GtkWidget *list = gtk_scrolled_window_get_child (scrolled);
  GtkWidget *row = gtk_widget_pick (list, gtk_widget_get_width (list) / 2.0, y, GTK_PICK_DEFAULT);
  double x;

  while (row && gtk_widget_get_parent (row) != list)
    row = gtk_widget_get_parent (row);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_translate_coordinates (row, list, 0, 0, &x, top));
  return row;
}

/* Lays out and draws the list of @scrolled until it has settled: it
 * measures the rows it shows as it goes, and places the others from their
 * heights.  Settled is two frames in a row with the same scroll range and
 * value, the same row at @y, at the same place. */
static void
wait_settled (GtkWidget         *window,
              GtkScrolledWindow *scrolled,
              double             y)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  double last[3] = { -1, -1, -1 };
  GtkWidget *last_row = NULL;
  guint same = 0;

  for (guint n = 0; same < 2; n++)
    {
      double now[3];
      GtkWidget *row;

      g_assert_cmpuint (n, <, 100);
      /* A layout of the list each time, not only when something asks. */
      gtk_widget_queue_resize (gtk_scrolled_window_get_child (scrolled));
      app_test_wait_frame (window);
      row = row_at (scrolled, y, &now[0]);
      now[1] = gtk_adjustment_get_value (vadjustment);
      now[2] = gtk_adjustment_get_upper (vadjustment);
      if (row == last_row && memcmp (now, last, sizeof now) == 0)
        same++;
      else
        same = 0;
      last_row = row;
      memcpy (last, now, sizeof now);
    }
}

/* In a window, an edit keeps the panel's scroll position and the types
 * collapsed; the rows of surfaces the edit did not touch stay.  The list
 * view keeps its place by the rows on screen: an edit that adds or
 * removes rows above them changes the adjustment's value, not what is on
 * screen. */
static void
test_keeps_scroll (void)
{
  g_autofree char *path = g_build_filename (SAMPLES_DIR, "article.txt", NULL);
  AlamaWindow *window = app_test_open_window (app, path);
  AlamaEntityPanel *panel = alama_window_get_entity_panel (window);
  AlamaDocument *document = alama_window_get_document (window);
  GtkWidget *row = alama_entity_panel_get_surface_row (panel, "PERS", "نبيل عيسى");
  GtkScrolledWindow *scrolled;
  GtkAdjustment *vadjustment;
  GtkTextBuffer *buffer
      = gtk_text_view_get_buffer (GTK_TEXT_VIEW (alama_window_get_document_view (window)));
  GtkTextIter iter;
  const AlamaAnnotation *target = NULL;
  double value;
  guint pers;
  GtkWidget *shown[3];
  double shown_at[3];
  double shown_top[3];
  double top;

  g_assert_nonnull (row);
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW));
  vadjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 500);
  alama_entity_panel_set_expanded (panel, "ORG", FALSE);
  app_test_wait_painted (window);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment), >, 200);
  gtk_adjustment_set_value (vadjustment, 150);
  app_test_wait_painted (window);
  value = gtk_adjustment_get_value (vadjustment);
  g_assert_cmpfloat (value, ==, 150);
  wait_settled (GTK_WIDGET (window), scrolled, 5);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 150);
  /* What is on screen: the rows at the top, the middle and the bottom. */
  for (guint k = 0; k < G_N_ELEMENTS (shown); k++)
    {
      shown_at[k] = 5 + k * (gtk_adjustment_get_page_size (vadjustment) - 10) / 2;
      shown[k] = row_at (scrolled, shown_at[k], &shown_top[k]);
    }

  /* Accept a LOC suggestion: its count moves, nothing else. */
  for (guint k = 0; k < alama_document_get_n_annotations (document) && target == NULL; k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      if (a->status == ALAMA_STATUS_SUGGESTED && strcmp (a->label, "LOC") == 0)
        target = a;
    }
  g_assert_nonnull (target);
  pers = alama_entity_panel_get_label_count (panel, "PERS");
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) target->start);
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.label", "s", "PERS"));
  g_assert_cmpuint (alama_entity_panel_get_label_count (panel, "PERS"), ==, pers + 1);
  wait_settled (GTK_WIDGET (window), scrolled, 5);
  g_test_message ("value %g → %g", value, gtk_adjustment_get_value (vadjustment));
  for (guint k = 0; k < G_N_ELEMENTS (shown); k++)
    {
      g_assert_true (row_at (scrolled, shown_at[k], &top) == shown[k]);
      g_assert_cmpfloat (top, ==, shown_top[k]);
    }
  value = gtk_adjustment_get_value (vadjustment);
  g_assert_false (alama_entity_panel_get_expanded (panel, "ORG"));
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (panel, "ORG", TRUE), ==, 0);
  g_assert_true (alama_entity_panel_get_surface_row (panel, "PERS", "نبيل عيسى") == row);

  /* Accept all: one burst, the same. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.accept-all", NULL));
  g_assert_cmpuint (alama_entity_panel_get_label_count (panel, "PERS"), ==, pers + 1);
  wait_settled (GTK_WIDGET (window), scrolled, 5);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, value);
  for (guint k = 0; k < G_N_ELEMENTS (shown); k++)
    {
      g_assert_true (row_at (scrolled, shown_at[k], &top) == shown[k]);
      g_assert_cmpfloat (top, ==, shown_top[k]);
    }
  g_assert_false (alama_entity_panel_get_expanded (panel, "ORG"));
  alama_entity_panel_set_expanded (panel, "ORG", TRUE);
  app_test_close_window (window);
}

/* An edit over more entities than an update row by row is worth: the
 * list is rebuilt whole, and still keeps its scroll position, the rows on
 * screen and the types collapsed. */
static void
test_rebuild_keeps_scroll (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (AlamaDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  AlamaDocumentView *view = ALAMA_DOCUMENT_VIEW (alama_document_view_new ());
  AlamaEntityPanel *panel = ALAMA_ENTITY_PANEL (alama_entity_panel_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *window = gtk_window_new ();
  GtkScrolledWindow *scrolled;
  GtkAdjustment *vadjustment;
  GtkWidget *row;
  double top;
  double new_top;
  double value;
  const guint n = 2500;
  gint64 t0;
  gint64 t1;

  for (guint k = 0; k < n; k++)
    g_string_append_printf (text, k % 10 == 9 ? "سمير%u.\n" : "سمير%u ", k);
  document = alama_document_new (text->str, -1, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *word = g_strdup_printf ("سمير%u", k);
      const char *found = strstr (text->str, word);
      gsize start = (gsize) g_utf8_pointer_to_offset (text->str, found);
      g_autoptr (AlamaAnnotation) annotation
          = alama_annotation_new (NULL, start, start + (gsize) g_utf8_strlen (word, -1),
                                  k % 2 ? "PERS" : "LOC");

      annotation->status = ALAMA_STATUS_SUGGESTED;
      annotation->confidence = 0.9;
      g_assert_nonnull (alama_document_add_annotation (document, annotation, &error));
    }
  alama_document_reset_history (document);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (panel));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  alama_entity_panel_set_view (panel, view);
  alama_document_view_set_document (view, document);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  alama_entity_panel_set_expanded (panel, "LOC", FALSE);
  gtk_window_present (GTK_WINDOW (window));
  row = alama_entity_panel_get_surface_row (panel, "PERS", "سمير1");
  g_assert_nonnull (row);
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW));
  vadjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  wait_drawn (row);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, 5000);
  gtk_adjustment_set_value (vadjustment, 3000);
  wait_settled (window, scrolled, 100);
  /* A row on screen there: only rows on screen have widgets. */
  row = row_at (scrolled, 100, &top);
  value = gtk_adjustment_get_value (vadjustment);

  t0 = g_get_monotonic_time ();
  alama_document_accept_all (document, NULL, NULL);
  t1 = g_get_monotonic_time ();
  app_test_spin ();
  g_test_message ("accept all: %.1f ms, then %.1f ms to idle", (t1 - t0) / 1000.0,
                  (g_get_monotonic_time () - t1) / 1000.0);
  wait_settled (window, scrolled, 100);
  /* Rebuilt: the names accepted have the same counts, their rows stay. */
  g_assert_true (row_at (scrolled, 100, &new_top) == row);
  g_assert_cmpfloat (new_top, ==, top);
  g_assert_cmpint (alama_entity_panel_get_surface_position (panel, "PERS", "سمير1"), ==, 1);
  g_assert_cmpuint (alama_entity_panel_get_label_count (panel, "PERS"), ==, n / 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, value);
  g_assert_false (alama_entity_panel_get_expanded (panel, "LOC"));
  g_assert_cmpuint (alama_entity_panel_get_n_surfaces (panel, "LOC", TRUE), ==, 0);
  alama_entity_panel_set_expanded (panel, "LOC", TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  app_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  app = app_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/alama/panel/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/alama/panel/article-counts", test_article_counts);
  ADD ("variants", test_variants);
  ADD ("filter", test_filter);
  ADD ("jump", test_jump);
  ADD ("hide-label", test_hide_label);
  ADD ("follows-changes", test_follows_changes);
  ADD ("surface-rtl", test_surface_rtl);
  ADD ("expanded", test_expanded);
  ADD ("incremental", test_incremental);
  g_test_add_func ("/alama/panel/keeps-scroll", test_keeps_scroll);
  g_test_add_func ("/alama/panel/rebuild-keeps-scroll", test_rebuild_keeps_scroll);
  g_test_add_func ("/alama/panel/hide-drawn", test_hide_drawn);
  g_test_add_func ("/alama/panel/find-index", test_find_index);
  g_test_add_func ("/alama/panel/find-close-toggle-panel", test_find_close_and_toggle_panel);
  g_test_add_func ("/alama/panel/find-variants", test_find_variants);
  g_test_add_func ("/alama/panel/find-next-previous", test_find_next_previous);
#undef ADD
  return app_test_run (&app);
}
