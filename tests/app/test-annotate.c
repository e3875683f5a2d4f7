/* test-annotate.c: correcting annotations by hand in an AlamaWindow:
 * labelling a selection (snapped to words, or exactly), relabelling,
 * accepting, rejecting and deleting, undo and redo, saving, and the
 * question on closing with unsaved changes.
 *
 * Keys are not synthesized: the tests drive the window's actions, the
 * layer the keys go through, and check the key-to-label mapping apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "alama-application.h"
#include "alama-document-view.h"
#include "alama-window.h"
#include "app-test-util.h"
#include "alama-xml.h"


/* «وبيروت» with its conjunction, a comma right before «بغداد», and names
 * the recognizer suggests. */
#define TEXT "قال الوزير إن لبنان وبيروت يدفعان الثمن، بغداد أيضا.\n" \
             "وأكد الأمين العام خالد المنصوري ذلك في القاهرة يوم الخميس.\n"

static AlamaApplication *app;

typedef AppTestDoc Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  app_test_doc_open (f, app, "alama-annotate-XXXXXX", TEXT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  app_test_doc_close (f);
}

static gsize
offset_of (const char *needle)
{
  return app_test_offset_of (TEXT, needle, 0);
}

static gsize
length_of (const char *word)
{
  return (gsize) g_utf8_strlen (word, -1);
}

static void
place_caret (Fixture *f,
             gsize    offset)
{
  app_test_select_range (f->view, offset, offset);
}

/* Each label's tag covers exactly the entities with that label. */
static void
assert_tags_match (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
  static const char *const labels[] = { "PERS", "LOC", "ORG", "MISC", "DATE" };
  gsize n_chars = alama_document_get_n_chars (f->document);

  for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
    {
      GtkTextTag *tag = alama_document_view_get_label_tag (f->view, labels[l]);
      GtkTextIter iter;

      gtk_text_buffer_get_start_iter (buffer, &iter);
      for (gsize c = 0; c < n_chars; c++)
        {
          const AlamaAnnotation *a = app_test_entity_at (f->document, c);
          gboolean want = a && strcmp (a->label, labels[l]) == 0;
          gboolean has = tag && gtk_text_iter_has_tag (&iter, tag);

          if (want != has)
            g_error ("%s: character %" G_GSIZE_FORMAT " is %s", labels[l], c,
                     has ? "tagged but should not be" : "not tagged but should be");
          gtk_text_iter_forward_char (&iter);
        }
    }
}

static void
assert_manual (Fixture    *f,
               gsize       start,
               gsize       end,
               const char *label)
{
  const AlamaAnnotation *a = app_test_entity_at (f->document, start);
  const AlamaAgent *agent;

  g_assert_nonnull (a);
  g_assert_cmpuint (a->start, ==, start);
  g_assert_cmpuint (a->end, ==, end);
  g_assert_cmpstr (a->label, ==, label);
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_MANUAL);
  g_assert_nonnull (a->origin);
  agent = alama_document_lookup_agent (f->document, a->origin);
  g_assert_nonnull (agent);
  g_assert_cmpint (agent->kind, ==, ALAMA_AGENT_PERSON);
  assert_tags_match (f);
}

static void
test_label_for_keyval (void)
{
  g_assert_cmpstr (alama_window_label_for_keyval (GDK_KEY_1), ==, "PERS");
  g_assert_cmpstr (alama_window_label_for_keyval (GDK_KEY_2), ==, "LOC");
  g_assert_cmpstr (alama_window_label_for_keyval (GDK_KEY_3), ==, "ORG");
  g_assert_cmpstr (alama_window_label_for_keyval (GDK_KEY_4), ==, "MISC");
  g_assert_cmpstr (alama_window_label_for_keyval (GDK_KEY_5), ==, "DATE");
  g_assert_cmpstr (alama_window_label_for_keyval (GDK_KEY_KP_2), ==, "LOC");
  /* Arabic-Indic ١–٥ (the Arabic layouts) and Extended Arabic-Indic ۱–۵
   * (Persian, Urdu). */
  g_assert_cmpstr (alama_window_label_for_keyval (GDK_KEY_Arabic_1), ==, "PERS");
  g_assert_cmpstr (alama_window_label_for_keyval (GDK_KEY_Arabic_5), ==, "DATE");
  g_assert_cmpstr (alama_window_label_for_keyval (gdk_unicode_to_keyval (0x06F3)), ==, "ORG");
  g_assert_null (alama_window_label_for_keyval (GDK_KEY_0));
  g_assert_null (alama_window_label_for_keyval (GDK_KEY_6));
  g_assert_null (alama_window_label_for_keyval (GDK_KEY_Arabic_6));
  g_assert_null (alama_window_label_for_keyval (GDK_KEY_a));
  g_assert_null (alama_window_label_for_keyval (GDK_KEY_exclam));
  g_assert_null (alama_window_label_for_keyval (GDK_KEY_Return));
}

/* Part of «وبيروت» selected: the name is «بيروت», the conjunction left out. */
static void
test_label_snaps_proclitic (Fixture       *f,
                            gconstpointer  data)
{
  gsize word = offset_of ("وبيروت");
  g_autofree char *before = app_test_describe (f->document, APP_TEST_DESCRIBE_ALL);
  g_autofree char *after = NULL;

  app_test_select_range (f->view, word + 2, word + 4);
  app_test_activate (f->view, "doc.label", "PERS");
  assert_manual (f, word + 1, word + length_of ("وبيروت"), "PERS");
  g_assert_null (app_test_entity_at (f->document, word));

  /* One step back and forth, the tags following. */
  after = app_test_describe (f->document, APP_TEST_DESCRIBE_ALL);
  app_test_activate (f->view, "doc.undo", NULL);
  {
    g_autofree char *undone = app_test_describe (f->document, APP_TEST_DESCRIBE_ALL);

    g_assert_cmpstr (undone, ==, before);
  }
  assert_tags_match (f);
  app_test_activate (f->view, "doc.redo", NULL);
  {
    g_autofree char *redone = app_test_describe (f->document, APP_TEST_DESCRIBE_ALL);

    g_assert_cmpstr (redone, ==, after);
  }
  assert_tags_match (f);
}

/* «، بغداد»: the comma is left out; part of «بغداد»: the whole word. */
static void
test_label_snaps_punctuation (Fixture       *f,
                              gconstpointer  data)
{
  gsize comma = offset_of ("، بغداد");
  gsize word = offset_of ("بغداد");
  gsize len = length_of ("بغداد");

  app_test_select_range (f->view, comma, word + len);
  app_test_activate (f->view, "doc.label", "LOC");
  assert_manual (f, word, word + len, "LOC");
  g_assert_null (app_test_entity_at (f->document, comma));

  app_test_activate (f->view, "doc.undo", NULL);
  app_test_select_range (f->view, word + 1, word + 3);
  app_test_activate (f->view, "doc.label", "ORG");
  assert_manual (f, word, word + len, "ORG");

  /* A selection of punctuation and spaces only labels nothing. */
  {
    g_autofree char *before = app_test_describe (f->document, APP_TEST_DESCRIBE_ALL);
    g_autofree char *after = NULL;

    app_test_select_range (f->view, comma, comma + 2);
    app_test_activate (f->view, "doc.label", "PERS");
    after = app_test_describe (f->document, APP_TEST_DESCRIBE_ALL);
    g_assert_cmpstr (after, ==, before);
  }
}

/* Shift with the key: the selection as it is. */
static void
test_label_exact (Fixture       *f,
                  gconstpointer  data)
{
  gsize word = offset_of ("وبيروت");

  app_test_select_range (f->view, word, word + 3);
  app_test_activate (f->view, "doc.label-exact", "MISC");
  assert_manual (f, word, word + 3, "MISC");
}

/* Labelling over entities replaces them, as one step. */
static void
test_label_replaces_overlapping (Fixture       *f,
                                 gconstpointer  data)
{
  gsize first = offset_of ("خالد");
  gsize last = offset_of ("المنصوري") + length_of ("المنصوري");
  guint entities = app_test_count_entities (f->document);
  g_autofree char *before = app_test_describe (f->document, APP_TEST_DESCRIBE_ALL);
  const AlamaAnnotation *old = app_test_entity_at (f->document, first);

  g_assert_nonnull (old);
  app_test_select_range (f->view, first, last);
  app_test_activate (f->view, "doc.label", "ORG");
  assert_manual (f, first, last, "ORG");
  g_assert_cmpuint (app_test_count_entities (f->document), ==, entities);
  app_test_activate (f->view, "doc.undo", NULL);
  {
    g_autofree char *undone = app_test_describe (f->document, APP_TEST_DESCRIBE_ALL);

    g_assert_cmpstr (undone, ==, before);
  }
}

/* The label keys with nothing selected and the caret inside an entity. */
static void
test_relabel (Fixture       *f,
              gconstpointer  data)
{
  gsize word = offset_of ("بغداد");
  g_autofree char *id = NULL;
  const AlamaAnnotation *a;

  app_test_select_range (f->view, word, word + 2);
  app_test_activate (f->view, "doc.label", "LOC");
  id = g_strdup (app_test_entity_at (f->document, word)->id);

  place_caret (f, word + 2);
  app_test_activate (f->view, "doc.label", "ORG");
  a = app_test_entity_at (f->document, word);
  g_assert_cmpstr (a->id, ==, id);
  g_assert_cmpstr (a->label, ==, "ORG");
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_MANUAL);
  assert_tags_match (f);

  /* The caret right after the entity's last letter still counts. */
  place_caret (f, a->end);
  app_test_activate (f->view, "doc.label", "PERS");
  g_assert_cmpstr (app_test_entity_at (f->document, word)->label, ==, "PERS");
  assert_tags_match (f);
}

static const AlamaAnnotation *
first_suggestion (AlamaDocument *document)
{
  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      if (a->status == ALAMA_STATUS_SUGGESTED)
        return a;
    }
  return NULL;
}

static void
test_accept_reject_delete (Fixture       *f,
                           gconstpointer  data)
{
  const AlamaAnnotation *a = first_suggestion (f->document);
  g_autofree char *id = NULL;
  gsize start;
  gsize word = offset_of ("بغداد");

  g_assert_nonnull (a);
  id = g_strdup (a->id);
  start = a->start;

  place_caret (f, start + 1);
  app_test_activate (f->view, "doc.accept", NULL);
  a = alama_document_lookup_annotation (f->document, id);
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_ACCEPTED);
  g_assert_nonnull (a->confirmed_by);
  assert_tags_match (f);
  app_test_activate (f->view, "doc.undo", NULL);
  g_assert_cmpint (alama_document_lookup_annotation (f->document, id)->status, ==,
                   ALAMA_STATUS_SUGGESTED);

  /* Delete on a suggestion rejects it. */
  app_test_activate (f->view, "doc.delete", NULL);
  g_assert_cmpint (alama_document_lookup_annotation (f->document, id)->status, ==,
                   ALAMA_STATUS_REJECTED);
  g_assert_null (app_test_entity_at (f->document, start));
  assert_tags_match (f);
  app_test_activate (f->view, "doc.undo", NULL);
  g_assert_nonnull (app_test_entity_at (f->document, start));

  app_test_activate (f->view, "doc.reject", NULL);
  g_assert_cmpint (alama_document_lookup_annotation (f->document, id)->status, ==,
                   ALAMA_STATUS_REJECTED);
  app_test_activate (f->view, "doc.undo", NULL);
  assert_tags_match (f);

  /* Delete on a person's own annotation removes it. */
  app_test_select_range (f->view, word, word + 1);
  app_test_activate (f->view, "doc.label", "LOC");
  g_free (id);
  id = g_strdup (app_test_entity_at (f->document, word)->id);
  place_caret (f, word + 1);
  app_test_activate (f->view, "doc.delete", NULL);
  g_assert_null (alama_document_lookup_annotation (f->document, id));
  assert_tags_match (f);
  app_test_activate (f->view, "doc.undo", NULL);
  g_assert_nonnull (alama_document_lookup_annotation (f->document, id));
  assert_tags_match (f);

  /* Outside any entity, nothing happens. */
  {
    g_autofree char *before = app_test_describe (f->document, APP_TEST_DESCRIBE_ALL);
    g_autofree char *after = NULL;

    place_caret (f, 0);
    app_test_activate (f->view, "doc.delete", NULL);
    after = app_test_describe (f->document, APP_TEST_DESCRIBE_ALL);
    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_accept_all (Fixture       *f,
                 gconstpointer  data)
{
  guint suggested = alama_document_count_annotations (f->document, ALAMA_STATUS_SUGGESTED);

  g_assert_cmpuint (suggested, >, 0);
  app_test_activate (f->view, "doc.accept-all", NULL);
  g_assert_cmpuint (alama_document_count_annotations (f->document, ALAMA_STATUS_SUGGESTED), ==, 0);
  g_assert_cmpuint (alama_document_count_annotations (f->document, ALAMA_STATUS_ACCEPTED), ==,
                    suggested);
  assert_tags_match (f);
  app_test_activate (f->view, "doc.undo", NULL);
  g_assert_cmpuint (alama_document_count_annotations (f->document, ALAMA_STATUS_SUGGESTED), ==,
                    suggested);
}

/* Undo and redo, and their buttons, are enabled as the document allows. */
static void
test_undo_enabled (Fixture       *f,
                   gconstpointer  data)
{
  gsize word = offset_of ("بغداد");
  GtkWidget *undo = app_test_find_button (GTK_WIDGET (f->window), "doc.undo");
  GtkWidget *redo = app_test_find_button (GTK_WIDGET (f->window), "doc.redo");

  g_assert_nonnull (undo);
  g_assert_nonnull (redo);
  alama_document_reset_history (f->document);
  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_false (gtk_widget_get_sensitive (redo));
  app_test_select_range (f->view, word, word + 1);
  app_test_activate (f->view, "doc.label", "LOC");
  g_assert_true (alama_document_can_undo (f->document));
  g_assert_true (gtk_widget_get_sensitive (undo));
  app_test_activate (f->view, "doc.undo", NULL);
  g_assert_false (alama_document_can_undo (f->document));
  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_true (gtk_widget_get_sensitive (redo));
  app_test_activate (f->view, "doc.redo", NULL);
  g_assert_nonnull (app_test_entity_at (f->document, word));
  g_assert_false (gtk_widget_get_sensitive (redo));
}

/* Saved and opened again: the same annotations, the person declared. */
static void
test_save_reopen (Fixture       *f,
                  gconstpointer  data)
{
  gsize word = offset_of ("وبيروت");
  gsize baghdad = offset_of ("بغداد");
  g_autofree char *saved = NULL;
  g_autofree char *reopened = NULL;
  AlamaWindow *window;

  app_test_select_range (f->view, word + 1, word + 2);
  app_test_activate (f->view, "doc.label", "LOC");
  place_caret (f, baghdad);
  app_test_activate (f->view, "doc.label", "ORG");
  app_test_activate (f->view, "doc.accept-all", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  g_assert_false (alama_document_get_modified (f->document));
  saved = app_test_describe (f->document, APP_TEST_DESCRIBE_ALL);

  window = app_test_open_window (app, f->xml_path);
  reopened = app_test_describe (alama_window_get_document (window), APP_TEST_DESCRIBE_ALL);
  g_assert_cmpstr (reopened, ==, saved);
  g_assert_false (alama_document_get_modified (alama_window_get_document (window)));
  app_test_close_window (window);
}

/* Closing a modified window asks; Cancel keeps it, Discard closes it. */
static void
test_close_asks (Fixture       *f,
                 gconstpointer  data)
{
  AlamaWindow *window = f->window;
  AdwMessageDialog *dialog;

  /* The names the recognizer found on opening are no change of the
   * user's: an edit makes the document modified. */
  g_assert_false (alama_document_get_modified (f->document));
  app_test_activate (f->view, "doc.accept-all", NULL);
  g_assert_true (alama_document_get_modified (f->document));
  gtk_window_close (GTK_WINDOW (window));
  app_test_spin ();
  dialog = app_test_find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  app_test_respond (dialog, "cancel");
  g_assert_null (app_test_find_dialog (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  gtk_window_close (GTK_WINDOW (window));
  app_test_spin ();
  dialog = app_test_find_dialog (window);
  g_assert_nonnull (dialog);
  app_test_respond (dialog, "discard");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_false (g_file_test (f->xml_path, G_FILE_TEST_EXISTS));
  f->window = NULL;
  g_assert_finalize_object (window);
}

/* Save in the question saves, then closes. */
static void
test_close_saves (Fixture       *f,
                  gconstpointer  data)
{
  AlamaWindow *window = f->window;
  AdwMessageDialog *dialog;

  app_test_activate (f->view, "doc.accept-all", NULL);
  gtk_window_close (GTK_WINDOW (window));
  app_test_spin ();
  dialog = app_test_find_dialog (window);
  g_assert_nonnull (dialog);
  app_test_respond (dialog, "save");
  g_assert_true (g_file_test (f->xml_path, G_FILE_TEST_EXISTS));
  f->window = NULL;
  g_assert_finalize_object (window);

  /* Nothing to ask about: it just closes. */
  window = app_test_open_window (app, f->xml_path);
  g_assert_false (alama_document_get_modified (alama_window_get_document (window)));
  gtk_window_close (GTK_WINDOW (window));
  app_test_spin ();
  g_assert_null (app_test_find_dialog (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  app = app_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/alama/annotate/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/alama/annotate/label-for-keyval", test_label_for_keyval);
  ADD ("label-snaps-proclitic", test_label_snaps_proclitic);
  ADD ("label-snaps-punctuation", test_label_snaps_punctuation);
  ADD ("label-exact", test_label_exact);
  ADD ("label-replaces-overlapping", test_label_replaces_overlapping);
  ADD ("relabel", test_relabel);
  ADD ("accept-reject-delete", test_accept_reject_delete);
  ADD ("accept-all", test_accept_all);
  ADD ("undo-enabled", test_undo_enabled);
  ADD ("save-reopen", test_save_reopen);
  ADD ("close-asks", test_close_asks);
  ADD ("close-saves", test_close_saves);
#undef ADD
  return app_test_run (&app);
}
