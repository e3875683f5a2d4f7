/* test-status.c: the status bar under the document: the counts of
 * suggested, accepted and manual annotations after opening and after each
 * kind of edit and its undo; what it says of saving; the entity under the
 * caret; and a plain text just opened, its names found, that is neither
 * modified nor asks anything on closing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "alama-application.h"
#include "alama-document-view.h"
#include "alama-status-bar.h"
#include "alama-window.h"
#include "app-test-util.h"

/* Names the recognizer suggests, and «وبيروت» with its conjunction. */
#define TEXT "قال الوزير إن لبنان وبيروت يدفعان الثمن، بغداد أيضا.\n" \
             "وأكد الأمين العام خالد المنصوري ذلك في القاهرة يوم الخميس.\n"

static AlamaApplication *app;

typedef struct
{
  AppTestDoc doc;
  AlamaStatusBar *bar;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  app_test_doc_open (&f->doc, app, "alama-status-XXXXXX", TEXT);
  f->bar = alama_window_get_status_bar (f->doc.window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->bar)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  app_test_doc_close (&f->doc);
}

static gsize
offset_of (const char *needle)
{
  return app_test_offset_of (TEXT, needle, 0);
}

static void
activate (Fixture    *f,
          const char *action,
          const char *label)
{
  app_test_activate (f->doc.view, action, label);
  app_test_spin ();
}

/* Counts by scanning the document, to hold the bar's against. */
static void
count (AlamaDocument *document,
       guint          counts[ALAMA_N_STATUSES])
{
  memset (counts, 0, sizeof (guint) * ALAMA_N_STATUSES);
  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    counts[alama_document_get_annotation (document, k)->status]++;
}

/* The bar's counts are the document's, and its text says them. */
static void
assert_counts (Fixture *f,
               guint    suggested,
               guint    accepted,
               guint    manual,
               guint    rejected)
{
  guint counts[ALAMA_N_STATUSES];
  g_autofree char *expected = NULL;

  count (f->doc.document, counts);
  g_assert_cmpuint (counts[ALAMA_STATUS_SUGGESTED], ==, suggested);
  g_assert_cmpuint (counts[ALAMA_STATUS_ACCEPTED] + counts[ALAMA_STATUS_EDITED], ==, accepted);
  g_assert_cmpuint (counts[ALAMA_STATUS_MANUAL], ==, manual);
  g_assert_cmpuint (counts[ALAMA_STATUS_REJECTED], ==, rejected);
  for (guint k = 0; k < ALAMA_N_STATUSES; k++)
    g_assert_cmpuint (alama_status_bar_get_count (f->bar, k), ==, counts[k]);
  if (rejected)
    expected = g_strdup_printf ("%u suggested · %u accepted · %u manual · %u rejected", suggested,
                                accepted, manual, rejected);
  else
    expected = g_strdup_printf ("%u suggested · %u accepted · %u manual", suggested, accepted,
                                manual);
  g_assert_cmpstr (alama_status_bar_get_counts_text (f->bar), ==, expected);
}

/* A plain text just opened: its suggestions counted, nothing to undo, not
 * modified, and not saved yet. */
static void
test_after_load (Fixture       *f,
                 gconstpointer  data)
{
  guint counts[ALAMA_N_STATUSES];

  count (f->doc.document, counts);
  g_assert_cmpuint (counts[ALAMA_STATUS_SUGGESTED], >=, 3);
  assert_counts (f, counts[ALAMA_STATUS_SUGGESTED], 0, 0, 0);
  g_assert_false (alama_document_get_modified (f->doc.document));
  g_assert_false (alama_document_can_undo (f->doc.document));
  g_assert_false (
      gtk_widget_get_sensitive (app_test_find_button (GTK_WIDGET (f->doc.window), "doc.undo")));
  g_assert_true (alama_status_bar_get_never_saved (f->bar));
  g_assert_cmpstr (alama_status_bar_get_saved_text (f->bar), ==, "Not saved yet");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->doc.window)), ==, "text.txt");
}

/* Each kind of edit moves the counts, and undo moves them back. */
static void
test_edits (Fixture       *f,
            gconstpointer  data)
{
  gsize cairo = offset_of ("القاهرة");
  gsize baghdad = offset_of ("بغداد");
  gsize price = offset_of ("الثمن");
  guint counts[ALAMA_N_STATUSES];
  guint s;

  count (f->doc.document, counts);
  s = counts[ALAMA_STATUS_SUGGESTED];
  g_assert_nonnull (alama_entity_at (f->doc.document, cairo));
  g_assert_cmpint (alama_entity_at (f->doc.document, cairo)->status, ==, ALAMA_STATUS_SUGGESTED);

  /* Accept: one suggestion fewer, one accepted. */
  app_test_select_range (f->doc.view, cairo, cairo);
  activate (f, "doc.accept", NULL);
  assert_counts (f, s - 1, 1, 0, 0);
  g_assert_cmpstr (alama_status_bar_get_saved_text (f->bar), ==, "Unsaved changes");

  /* Relabel the accepted one: edited, still counted as accepted. */
  activate (f, "doc.label", "ORG");
  g_assert_cmpint (alama_entity_at (f->doc.document, cairo)->status, ==, ALAMA_STATUS_EDITED);
  assert_counts (f, s - 1, 1, 0, 0);

  /* Reject another: the rejected count appears. */
  g_assert_nonnull (alama_entity_at (f->doc.document, baghdad));
  app_test_select_range (f->doc.view, baghdad, baghdad);
  activate (f, "doc.reject", NULL);
  assert_counts (f, s - 2, 1, 0, 1);

  /* Label a word that had nothing: one manual. */
  g_assert_null (alama_entity_at (f->doc.document, price + 1));
  app_test_select_range (f->doc.view, price + 1, price + 2);
  activate (f, "doc.label", "DATE");
  assert_counts (f, s - 2, 1, 1, 1);

  /* Undo all four: as opened, and unmodified again. */
  for (guint k = 0; k < 4; k++)
    activate (f, "doc.undo", NULL);
  assert_counts (f, s, 0, 0, 0);
  g_assert_false (alama_document_get_modified (f->doc.document));
  g_assert_cmpstr (alama_status_bar_get_saved_text (f->bar), ==, "Not saved yet");

  /* Accept all in one go, then save. */
  activate (f, "doc.accept-all", NULL);
  assert_counts (f, 0, s, 0, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->doc.window), "win.save", NULL));
  g_assert_cmpstr (alama_status_bar_get_saved_text (f->bar), ==, "Saved");
  g_assert_false (alama_status_bar_get_never_saved (f->bar));
  activate (f, "doc.undo", NULL);
  g_assert_cmpstr (alama_status_bar_get_saved_text (f->bar), ==, "Unsaved changes");
  activate (f, "doc.redo", NULL);
  g_assert_cmpstr (alama_status_bar_get_saved_text (f->bar), ==, "Saved");
}

/* The caret: on an entity, its type, status and confidence; a selection,
 * its length; the position in characters. */
static void
test_caret (Fixture       *f,
            gconstpointer  data)
{
  gsize cairo = offset_of ("القاهرة");
  gsize n_chars = alama_document_get_n_chars (f->doc.document);
  const AlamaAnnotation *entity = alama_entity_at (f->doc.document, cairo);
  g_autofree char *expected = NULL;
  g_autofree char *position = NULL;

  g_assert_nonnull (entity);
  g_assert_cmpfloat (entity->confidence, >=, 0);
  app_test_select_range (f->doc.view, cairo + 2, cairo + 2);
  expected = g_strdup_printf ("%s · Suggested · %.0f%%", entity->label, entity->confidence * 100);
  g_assert_cmpstr (alama_status_bar_get_caret_text (f->bar), ==, expected);
  position = g_strdup_printf ("Character %u of %u", (guint) cairo + 2, (guint) n_chars);
  g_assert_cmpstr (alama_status_bar_get_position_text (f->bar), ==, position);

  /* Just after the name's last letter: still the name. */
  app_test_select_range (f->doc.view, entity->end, entity->end);
  g_assert_cmpstr (alama_status_bar_get_caret_text (f->bar), ==, expected);

  /* A label given by hand has no confidence. */
  app_test_select_range (f->doc.view, cairo + 2, cairo + 2);
  activate (f, "doc.label", "ORG");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("ORG · Edited · %.0f%%",
                              alama_entity_at (f->doc.document, cairo)->confidence * 100);
  g_assert_cmpstr (alama_status_bar_get_caret_text (f->bar), ==, expected);

  app_test_select_range (f->doc.view, 0, 3);
  g_assert_cmpstr (alama_status_bar_get_caret_text (f->bar), ==, "3 characters selected");
  app_test_select_range (f->doc.view, 0, 1);
  g_assert_cmpstr (alama_status_bar_get_caret_text (f->bar), ==, "1 character selected");
  app_test_select_range (f->doc.view, 0, 0);
  g_assert_cmpstr (alama_status_bar_get_caret_text (f->bar), ==, "");
}

/* alama_entity_at(), by binary search, agrees with a scan of every
 * annotation at every caret position. */
static void
test_entity_at (Fixture       *f,
                gconstpointer  data)
{
  gsize n_chars = alama_document_get_n_chars (f->doc.document);

  /* A rejected one and a manual one among them. */
  app_test_select_range (f->doc.view, offset_of ("بغداد"), offset_of ("بغداد"));
  activate (f, "doc.reject", NULL);
  app_test_select_range (f->doc.view, offset_of ("الثمن") + 1, offset_of ("الثمن") + 1);
  activate (f, "doc.label", "DATE");
  for (gsize offset = 0; offset <= n_chars; offset++)
    {
      const AlamaAnnotation *inside = NULL;
      const AlamaAnnotation *before = NULL;

      for (guint k = 0; k < alama_document_get_n_annotations (f->doc.document); k++)
        {
          const AlamaAnnotation *a = alama_document_get_annotation (f->doc.document, k);

          if (!alama_annotation_is_entity (a))
            continue;
          if (a->start <= offset && offset < a->end && inside == NULL)
            inside = a;
          if (a->end == offset)
            before = a;
        }
      g_assert_true (alama_entity_at (f->doc.document, offset) == (inside ? inside : before));
    }
}

/* Untouched, the window closes without asking; the XML opened says
 * "Saved". */
static void
test_close_untouched (Fixture       *f,
                      gconstpointer  data)
{
  AlamaWindow *window = f->doc.window;

  /* Moving the caret and selecting is no edit. */
  app_test_select_range (f->doc.view, 0, 4);
  app_test_spin ();
  g_assert_false (alama_document_get_modified (f->doc.document));
  gtk_window_close (GTK_WINDOW (window));
  app_test_spin ();
  g_assert_null (app_test_find_dialog (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  f->doc.window = NULL;
  g_assert_finalize_object (window);
  g_assert_false (g_file_test (f->doc.xml_path, G_FILE_TEST_EXISTS));
}

static void
test_xml_saved (Fixture       *f,
                gconstpointer  data)
{
  AlamaWindow *window;
  AlamaStatusBar *bar;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->doc.window), "win.save", NULL));
  window = app_test_open_window (app, f->doc.xml_path);
  bar = alama_window_get_status_bar (window);
  g_assert_false (alama_status_bar_get_never_saved (bar));
  g_assert_cmpstr (alama_status_bar_get_saved_text (bar), ==, "Saved");
  g_assert_cmpuint (alama_status_bar_get_count (bar, ALAMA_STATUS_SUGGESTED), ==,
                    alama_status_bar_get_count (f->bar, ALAMA_STATUS_SUGGESTED));
  gtk_window_close (GTK_WINDOW (window));
  app_test_spin ();
  g_assert_null (app_test_find_dialog (window));
  g_assert_finalize_object (window);
}

/* Nothing clipped at the default size: each label of the bar gets the
 * height it needs and none is ellipsized. */
static void
test_layout (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *bar = GTK_WIDGET (f->bar);
  guint n_labels = 0;

  gtk_window_set_default_size (GTK_WINDOW (f->doc.window), 960, 720);
  app_test_select_range (f->doc.view, offset_of ("القاهرة") + 1, offset_of ("القاهرة") + 1);
  app_test_wait_painted (f->doc.window);
  g_assert_cmpstr (alama_status_bar_get_caret_text (f->bar), !=, "");
  for (GtkWidget *child = gtk_widget_get_first_child (bar); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkAllocation allocation;
      int natural;

      if (!GTK_IS_LABEL (child))
        continue;
      n_labels++;
      gtk_widget_get_allocation (child, &allocation);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, allocation.width, NULL, &natural, NULL,
                          NULL);
      g_test_message ("“%s”: %d×%d, needs %d high", gtk_label_get_text (GTK_LABEL (child)),
                      allocation.width, allocation.height, natural);
      g_assert_cmpint (allocation.height, >=, natural);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))));
    }
  g_assert_cmpuint (n_labels, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  app = app_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/alama/status/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("after-load", test_after_load);
  ADD ("edits", test_edits);
  ADD ("caret", test_caret);
  ADD ("entity-at", test_entity_at);
  ADD ("close-untouched", test_close_untouched);
  ADD ("xml-saved", test_xml_saved);
  ADD ("layout", test_layout);
#undef ADD
  return app_test_run (&app);
}
