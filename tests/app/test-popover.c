/* test-popover.c: the annotating gestures beyond the label keys: labelling
 * every occurrence of a name at once, moving an entity's edges by a word,
 * and the label popover that replaces the text's context menu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "alama-application.h"
#include "alama-document-view.h"
#include "alama-label-popover.h"
#include "alama-window.h"
#include "app-test-util.h"

/* «بيروت» four times, once with a conjunction and once with a
 * preposition, once vocalized; «بيروتي» is another word. */
#define TEXT "زار الوزير بيروت أمس، وقال إن بَيْرُوت جميلة ولبيروت تاريخ طويل.\n" \
             "وأكد الأمين العام خالد المنصوري ذلك في وبيروت يوم الخميس، وهو بيروتي.\n"

static AlamaApplication *app;

typedef AppTestDoc Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  app_test_doc_open (f, app, "alama-popover-XXXXXX", TEXT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  app_test_doc_close (f);
}

/* The character offset of the @nth (from 0) occurrence of @needle. */
static gsize
offset_of (const char *needle,
           guint       nth)
{
  return app_test_offset_of (TEXT, needle, nth);
}

static gsize
end_of (const char *needle,
        guint       nth)
{
  return offset_of (needle, nth) + (gsize) g_utf8_strlen (needle, -1);
}

/* Labels the @nth «needle» by hand and puts the caret inside it. */
static void
label_word (Fixture    *f,
            const char *needle,
            guint       nth,
            const char *label)
{
  app_test_select_range (f->view, offset_of (needle, nth), end_of (needle, nth));
  app_test_activate (f->view, "doc.label-exact", label);
  app_test_select_range (f->view, offset_of (needle, nth) + 1, offset_of (needle, nth) + 1);
}

static void
assert_entity (Fixture    *f,
               gsize       start,
               gsize       end,
               const char *label)
{
  const AlamaAnnotation *a = app_test_entity_at (f->document, start);

  g_assert_nonnull (a);
  g_assert_cmpuint (a->start, ==, start);
  g_assert_cmpuint (a->end, ==, end);
  g_assert_cmpstr (a->label, ==, label);
}

static void
test_annotate_all (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  const char *undo_description;
  /* Where each «بيروت» starts, its proclitics left out. */
  gsize starts[4];
  gsize lens[4] = { 5, 8, 5, 5 };

  starts[0] = offset_of ("بيروت", 0);
  starts[1] = offset_of ("بَيْرُوت", 0);
  starts[2] = offset_of ("لبيروت", 0) + 1;
  starts[3] = offset_of ("وبيروت", 0) + 1;
  label_word (f, "بيروت", 0, "LOC");
  before = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS);
  undo_description = alama_document_get_undo_description (f->document);
  g_assert_cmpstr (undo_description, !=, "Label All Occurrences");

  app_test_activate (f->view, "doc.annotate-all", NULL);
  for (guint k = 0; k < G_N_ELEMENTS (starts); k++)
    {
      const AlamaAnnotation *a = app_test_entity_at (f->document, starts[k]);

      assert_entity (f, starts[k], starts[k] + lens[k], "LOC");
      g_assert_cmpint (a->status, !=, ALAMA_STATUS_SUGGESTED);
      g_assert_null (app_test_entity_at (f->document, starts[k] - 1));
    }
  /* «بيروتي» is another word. */
  g_assert_null (app_test_entity_at (f->document, offset_of ("بيروتي", 0)));

  /* One step undoes it all, and redoes it. */
  after = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS);
  g_assert_cmpstr (alama_document_get_undo_description (f->document), ==, "Label All Occurrences");
  app_test_activate (f->view, "doc.undo", NULL);
  undone = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS);
  g_assert_cmpstr (undone, ==, before);
  app_test_activate (f->view, "doc.redo", NULL);
  redone = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS);
  g_assert_cmpstr (redone, ==, after);

  /* Again: nothing left to label, no new step. */
  app_test_activate (f->view, "doc.annotate-all", NULL);
  {
    g_autofree char *again = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS);

    g_assert_cmpstr (again, ==, after);
  }
  app_test_activate (f->view, "doc.undo", NULL);
  {
    g_autofree char *undone_again = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS);

    g_assert_cmpstr (undone_again, ==, before);
  }
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
    {
      g_autoptr (GtkEventController) c = g_list_model_get_item (controllers, k);

      if (g_strcmp0 (gtk_event_controller_get_name (c), name) == 0)
        return c;
    }
  g_error ("no controller %s", name);
  return NULL;
}

/* As a key press reaches the view's gesture keys. */
static gboolean
press_key (Fixture        *f,
           guint           keyval,
           GdkModifierType state)
{
  GtkEventController *keys = find_controller (GTK_WIDGET (f->view), "alama-gesture-keys");
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

static void
test_resize (Fixture       *f,
             gconstpointer  data)
{
  gsize khalid = offset_of ("خالد", 0);
  gsize khalid_end = end_of ("خالد", 0);
  g_autofree char *before = NULL;

  label_word (f, "خالد", 0, "PERS");
  before = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS);

  /* The end takes in «المنصوري», whatever the model suggested there goes. */
  app_test_activate (f->view, "doc.extend-word", NULL);
  assert_entity (f, khalid, end_of ("المنصوري", 0), "PERS");
  g_assert_true (app_test_entity_at (f->document, offset_of ("المنصوري", 0))
                 == app_test_entity_at (f->document, khalid));
  app_test_activate (f->view, "doc.undo", NULL);
  {
    g_autofree char *undone = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS);

    g_assert_cmpstr (undone, ==, before);
  }
  app_test_activate (f->view, "doc.redo", NULL);
  assert_entity (f, khalid, end_of ("المنصوري", 0), "PERS");
  app_test_activate (f->view, "doc.shrink-word", NULL);
  assert_entity (f, khalid, khalid_end, "PERS");
  /* The last word stays. */
  app_test_activate (f->view, "doc.shrink-word", NULL);
  app_test_activate (f->view, "doc.shrink-word-start", NULL);
  assert_entity (f, khalid, khalid_end, "PERS");

  /* The start takes in «العام», and gives it up. */
  app_test_activate (f->view, "doc.extend-word-start", NULL);
  assert_entity (f, offset_of ("العام", 0), khalid_end, "PERS");
  app_test_activate (f->view, "doc.shrink-word-start", NULL);
  assert_entity (f, khalid, khalid_end, "PERS");
  app_test_activate (f->view, "doc.undo", NULL);
  assert_entity (f, offset_of ("العام", 0), khalid_end, "PERS");
  app_test_activate (f->view, "doc.undo", NULL);
  assert_entity (f, khalid, khalid_end, "PERS");

  /* The keys: the text is right-to-left, so Alt+Shift+Left moves the end
   * (the left edge) out, Alt+Right the start (the right edge) in. */
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (f->view)), ==, GTK_TEXT_DIR_RTL);
  g_assert_true (press_key (f, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_entity (f, khalid, end_of ("المنصوري", 0), "PERS");
  g_assert_true (press_key (f, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_entity (f, offset_of ("العام", 0), end_of ("المنصوري", 0), "PERS");
  g_assert_true (press_key (f, GDK_KEY_Right, GDK_ALT_MASK));
  assert_entity (f, khalid, end_of ("المنصوري", 0), "PERS");
  g_assert_true (press_key (f, GDK_KEY_Left, GDK_ALT_MASK));
  assert_entity (f, khalid, khalid_end, "PERS");
  /* Plain arrows stay the view's. */
  g_assert_false (press_key (f, GDK_KEY_Left, 0));
}

/* The middle of the character at @offset, in the view's coordinates. */
static void
char_center (Fixture *f,
             gsize    offset,
             double  *x,
             double  *y)
{
  GtkTextView *view = GTK_TEXT_VIEW (f->view);
  GtkTextIter iter;
  GdkRectangle rect;
  int wx;
  int wy;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, (int) offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x + rect.width / 2,
                                         rect.y + rect.height / 2, &wx, &wy);
  *x = wx;
  *y = wy;
}

static void
right_click (Fixture *f,
             gsize    offset)
{
  GtkEventController *click = find_controller (GTK_WIDGET (f->view), "alama-label-click");
  double x;
  double y;

  char_center (f, offset, &x, &y);
  g_signal_emit_by_name (click, "pressed", 1, x, y);
}

static void
test_popover (Fixture       *f,
              gconstpointer  data)
{
  AlamaLabelPopover *popover = alama_window_get_label_popover (f->window);
  GtkWidget *entity_box = alama_label_popover_get_entity_box (popover);
  gsize word = offset_of ("طويل", 0);
  gsize word_end = end_of ("طويل", 0);
  GtkWidget *button;

  app_test_wait_painted (f->window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (popover)) == GTK_WIDGET (f->view));
  g_assert_null (app_test_entity_at (f->document, word));

  /* A right click on a word nobody labelled: labels only. */
  right_click (f, word + 1);
  app_test_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_false (gtk_widget_get_visible (entity_box));
  g_assert_nonnull (app_test_find_button (GTK_WIDGET (popover), "clipboard.copy"));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
    GtkTextIter caret;
    GdkRectangle pointing;

    gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
    g_assert_cmpint (gtk_text_iter_get_offset (&caret), >=, (int) word);
    g_assert_cmpint (gtk_text_iter_get_offset (&caret), <=, (int) word_end);
    g_assert_true (gtk_popover_get_pointing_to (GTK_POPOVER (popover), &pointing));
    g_assert_cmpint (pointing.width, >, 0);
  }
  button = alama_label_popover_get_label_button (popover, "MISC");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  app_test_spin ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  assert_entity (f, word, word_end, "MISC");
  g_assert_cmpint (app_test_entity_at (f->document, word)->status, ==, ALAMA_STATUS_MANUAL);

  /* The Menu key over it: the entity's part too; relabel. */
  g_assert_true (press_key (f, GDK_KEY_Menu, 0));
  app_test_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (gtk_widget_get_visible (entity_box));
  g_signal_emit_by_name (alama_label_popover_get_label_button (popover, "ORG"), "clicked");
  app_test_spin ();
  assert_entity (f, word, word_end, "ORG");

  /* Shift+F10, then Remove. */
  g_assert_true (press_key (f, GDK_KEY_F10, GDK_SHIFT_MASK));
  app_test_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  button = app_test_find_button (GTK_WIDGET (popover), "doc.delete");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  app_test_spin ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_null (app_test_entity_at (f->document, word));

  /* A right click inside a selection keeps it. */
  app_test_select_range (f->view, offset_of ("الأمين", 0), end_of ("العام", 0));
  right_click (f, offset_of ("العام", 0) + 1);
  app_test_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_signal_emit_by_name (alama_label_popover_get_label_button (popover, "PERS"), "clicked");
  app_test_spin ();
  assert_entity (f, offset_of ("الأمين", 0), end_of ("العام", 0), "PERS");

  /* Its resize and label-all buttons act on the entity under the caret. */
  app_test_select_range (f->view, offset_of ("الأمين", 0) + 1, offset_of ("الأمين", 0) + 1);
  right_click (f, offset_of ("الأمين", 0) + 1);
  app_test_spin ();
  g_assert_true (gtk_widget_get_visible (entity_box));
  g_signal_emit_by_name (app_test_find_button (GTK_WIDGET (popover), "doc.shrink-word"), "clicked");
  app_test_spin ();
  assert_entity (f, offset_of ("الأمين", 0), end_of ("الأمين", 0), "PERS");
}

int
main (int   argc,
      char *argv[])
{
  app = app_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/alama/popover/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("annotate-all", test_annotate_all);
  ADD ("resize", test_resize);
  ADD ("popover", test_popover);
#undef ADD
  return app_test_run (&app);
}
