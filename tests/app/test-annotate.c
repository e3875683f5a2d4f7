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

typedef struct
{
  char *dir;
  char *text_path;
  char *xml_path;
  AlamaWindow *window;
  AlamaDocument *document;
  AlamaDocumentView *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("alama-annotate-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->text_path = g_build_filename (f->dir, "text.txt", NULL);
  f->xml_path = g_build_filename (f->dir, "text.xml", NULL);
  g_assert_true (g_file_set_contents (f->text_path, TEXT, -1, NULL));
  f->window = app_test_open_window (app, f->text_path);
  f->document = alama_window_get_document (f->window);
  g_assert_nonnull (f->document);
  f->view = alama_window_get_document_view (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window)
    app_test_close_window (f->window);
  g_remove (f->xml_path);
  g_assert_cmpint (g_remove (f->text_path), ==, 0);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->xml_path);
  g_free (f->text_path);
  g_free (f->dir);
}

/* The character offset of the @nth occurrence (from 0) of @needle. */
static gsize
offset_of (const char *needle)
{
  const char *found = strstr (TEXT, needle);

  g_assert_nonnull (found);
  return (gsize) g_utf8_pointer_to_offset (TEXT, found);
}

static gsize
length_of (const char *word)
{
  return (gsize) g_utf8_strlen (word, -1);
}

static void
select_range (Fixture *f,
              gsize    start,
              gsize    end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
  GtkTextIter start_iter;
  GtkTextIter end_iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, (int) end);
  gtk_text_buffer_select_range (buffer, &start_iter, &end_iter);
}

static void
place_caret (Fixture *f,
             gsize    offset)
{
  select_range (f, offset, offset);
}

static void
activate (Fixture    *f,
          const char *action,
          const char *label)
{
  GtkWidget *view = GTK_WIDGET (f->view);

  if (label)
    g_assert_true (gtk_widget_activate_action (view, action, "s", label));
  else
    g_assert_true (gtk_widget_activate_action (view, action, NULL));
}

/* The entity (not rejected) holding character @offset. */
static const AlamaAnnotation *
entity_at (AlamaDocument *document,
           gsize          offset)
{
  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      if (alama_annotation_is_entity (a) && a->start <= offset && offset < a->end)
        return a;
    }
  return NULL;
}

static guint
count_entities (AlamaDocument *document)
{
  guint n = 0;

  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    n += alama_annotation_is_entity (alama_document_get_annotation (document, k));
  return n;
}

/* Every annotation, one line each, to compare documents. */
static char *
describe (AlamaDocument *document)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      g_string_append_printf (out, "%s %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %s %s %s %s\n",
                              a->id, a->start, a->end, a->label,
                              alama_annotation_status_to_string (a->status),
                              a->origin ? a->origin : "-",
                              a->confirmed_by ? a->confirmed_by : "-");
    }
  return g_string_free (out, FALSE);
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
          const AlamaAnnotation *a = entity_at (f->document, c);
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
  const AlamaAnnotation *a = entity_at (f->document, start);
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
  g_autofree char *before = describe (f->document);
  g_autofree char *after = NULL;

  select_range (f, word + 2, word + 4);
  activate (f, "doc.label", "PERS");
  assert_manual (f, word + 1, word + length_of ("وبيروت"), "PERS");
  g_assert_null (entity_at (f->document, word));

  /* One step back and forth, the tags following. */
  after = describe (f->document);
  activate (f, "doc.undo", NULL);
  {
    g_autofree char *undone = describe (f->document);

    g_assert_cmpstr (undone, ==, before);
  }
  assert_tags_match (f);
  activate (f, "doc.redo", NULL);
  {
    g_autofree char *redone = describe (f->document);

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

  select_range (f, comma, word + len);
  activate (f, "doc.label", "LOC");
  assert_manual (f, word, word + len, "LOC");
  g_assert_null (entity_at (f->document, comma));

  activate (f, "doc.undo", NULL);
  select_range (f, word + 1, word + 3);
  activate (f, "doc.label", "ORG");
  assert_manual (f, word, word + len, "ORG");

  /* A selection of punctuation and spaces only labels nothing. */
  {
    g_autofree char *before = describe (f->document);
    g_autofree char *after = NULL;

    select_range (f, comma, comma + 2);
    activate (f, "doc.label", "PERS");
    after = describe (f->document);
    g_assert_cmpstr (after, ==, before);
  }
}

/* Shift with the key: the selection as it is. */
static void
test_label_exact (Fixture       *f,
                  gconstpointer  data)
{
  gsize word = offset_of ("وبيروت");

  select_range (f, word, word + 3);
  activate (f, "doc.label-exact", "MISC");
  assert_manual (f, word, word + 3, "MISC");
}

/* Labelling over entities replaces them, as one step. */
static void
test_label_replaces_overlapping (Fixture       *f,
                                 gconstpointer  data)
{
  gsize first = offset_of ("خالد");
  gsize last = offset_of ("المنصوري") + length_of ("المنصوري");
  guint entities = count_entities (f->document);
  g_autofree char *before = describe (f->document);
  const AlamaAnnotation *old = entity_at (f->document, first);

  g_assert_nonnull (old);
  select_range (f, first, last);
  activate (f, "doc.label", "ORG");
  assert_manual (f, first, last, "ORG");
  g_assert_cmpuint (count_entities (f->document), ==, entities);
  activate (f, "doc.undo", NULL);
  {
    g_autofree char *undone = describe (f->document);

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

  select_range (f, word, word + 2);
  activate (f, "doc.label", "LOC");
  id = g_strdup (entity_at (f->document, word)->id);

  place_caret (f, word + 2);
  activate (f, "doc.label", "ORG");
  a = entity_at (f->document, word);
  g_assert_cmpstr (a->id, ==, id);
  g_assert_cmpstr (a->label, ==, "ORG");
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_MANUAL);
  assert_tags_match (f);

  /* The caret right after the entity's last letter still counts. */
  place_caret (f, a->end);
  activate (f, "doc.label", "PERS");
  g_assert_cmpstr (entity_at (f->document, word)->label, ==, "PERS");
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
  activate (f, "doc.accept", NULL);
  a = alama_document_lookup_annotation (f->document, id);
  g_assert_cmpint (a->status, ==, ALAMA_STATUS_ACCEPTED);
  g_assert_nonnull (a->confirmed_by);
  assert_tags_match (f);
  activate (f, "doc.undo", NULL);
  g_assert_cmpint (alama_document_lookup_annotation (f->document, id)->status, ==,
                   ALAMA_STATUS_SUGGESTED);

  /* Delete on a suggestion rejects it. */
  activate (f, "doc.delete", NULL);
  g_assert_cmpint (alama_document_lookup_annotation (f->document, id)->status, ==,
                   ALAMA_STATUS_REJECTED);
  g_assert_null (entity_at (f->document, start));
  assert_tags_match (f);
  activate (f, "doc.undo", NULL);
  g_assert_nonnull (entity_at (f->document, start));

  activate (f, "doc.reject", NULL);
  g_assert_cmpint (alama_document_lookup_annotation (f->document, id)->status, ==,
                   ALAMA_STATUS_REJECTED);
  activate (f, "doc.undo", NULL);
  assert_tags_match (f);

  /* Delete on a person's own annotation removes it. */
  select_range (f, word, word + 1);
  activate (f, "doc.label", "LOC");
  g_free (id);
  id = g_strdup (entity_at (f->document, word)->id);
  place_caret (f, word + 1);
  activate (f, "doc.delete", NULL);
  g_assert_null (alama_document_lookup_annotation (f->document, id));
  assert_tags_match (f);
  activate (f, "doc.undo", NULL);
  g_assert_nonnull (alama_document_lookup_annotation (f->document, id));
  assert_tags_match (f);

  /* Outside any entity, nothing happens. */
  {
    g_autofree char *before = describe (f->document);
    g_autofree char *after = NULL;

    place_caret (f, 0);
    activate (f, "doc.delete", NULL);
    after = describe (f->document);
    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_accept_all (Fixture       *f,
                 gconstpointer  data)
{
  guint suggested = alama_document_count_annotations (f->document, ALAMA_STATUS_SUGGESTED);

  g_assert_cmpuint (suggested, >, 0);
  activate (f, "doc.accept-all", NULL);
  g_assert_cmpuint (alama_document_count_annotations (f->document, ALAMA_STATUS_SUGGESTED), ==, 0);
  g_assert_cmpuint (alama_document_count_annotations (f->document, ALAMA_STATUS_ACCEPTED), ==,
                    suggested);
  assert_tags_match (f);
  activate (f, "doc.undo", NULL);
  g_assert_cmpuint (alama_document_count_annotations (f->document, ALAMA_STATUS_SUGGESTED), ==,
                    suggested);
}

/* The header bar's button for @action, found by its action name. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found)
        return found;
    }
  return NULL;
}

/* Undo and redo, and their buttons, are enabled as the document allows. */
static void
test_undo_enabled (Fixture       *f,
                   gconstpointer  data)
{
  gsize word = offset_of ("بغداد");
  GtkWidget *undo = find_button (GTK_WIDGET (f->window), "doc.undo");
  GtkWidget *redo = find_button (GTK_WIDGET (f->window), "doc.redo");

  g_assert_nonnull (undo);
  g_assert_nonnull (redo);
  alama_document_reset_history (f->document);
  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_false (gtk_widget_get_sensitive (redo));
  select_range (f, word, word + 1);
  activate (f, "doc.label", "LOC");
  g_assert_true (alama_document_can_undo (f->document));
  g_assert_true (gtk_widget_get_sensitive (undo));
  activate (f, "doc.undo", NULL);
  g_assert_false (alama_document_can_undo (f->document));
  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_true (gtk_widget_get_sensitive (redo));
  activate (f, "doc.redo", NULL);
  g_assert_nonnull (entity_at (f->document, word));
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

  select_range (f, word + 1, word + 2);
  activate (f, "doc.label", "LOC");
  place_caret (f, baghdad);
  activate (f, "doc.label", "ORG");
  activate (f, "doc.accept-all", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  g_assert_false (alama_document_get_modified (f->document));
  saved = describe (f->document);

  window = app_test_open_window (app, f->xml_path);
  reopened = describe (alama_window_get_document (window));
  g_assert_cmpstr (reopened, ==, saved);
  g_assert_false (alama_document_get_modified (alama_window_get_document (window)));
  app_test_close_window (window);
}

static AdwMessageDialog *
find_dialog (AlamaWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, k);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == GTK_WINDOW (window)
          && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
spin (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Answers as a click on a button would: adw_message_dialog_response()
 * only emits ::response, the button also closes the dialog. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  spin ();
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
  activate (f, "doc.accept-all", NULL);
  g_assert_true (alama_document_get_modified (f->document));
  gtk_window_close (GTK_WINDOW (window));
  spin ();
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  respond (dialog, "cancel");
  g_assert_null (find_dialog (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  gtk_window_close (GTK_WINDOW (window));
  spin ();
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
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

  activate (f, "doc.accept-all", NULL);
  gtk_window_close (GTK_WINDOW (window));
  spin ();
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  respond (dialog, "save");
  g_assert_true (g_file_test (f->xml_path, G_FILE_TEST_EXISTS));
  f->window = NULL;
  g_assert_finalize_object (window);

  /* Nothing to ask about: it just closes. */
  window = app_test_open_window (app, f->xml_path);
  g_assert_false (alama_document_get_modified (alama_window_get_document (window)));
  gtk_window_close (GTK_WINDOW (window));
  spin ();
  g_assert_null (find_dialog (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

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
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
