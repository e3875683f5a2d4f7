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

typedef struct
{
  char *dir;
  char *text_path;
  AlamaWindow *window;
  AlamaDocument *document;
  AlamaDocumentView *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("alama-popover-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->text_path = g_build_filename (f->dir, "text.txt", NULL);
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
  app_test_close_window (f->window);
  g_assert_cmpint (g_remove (f->text_path), ==, 0);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->text_path);
  g_free (f->dir);
}

/* The character offset of the @nth (from 0) occurrence of @needle. */
static gsize
offset_of (const char *needle,
           guint       nth)
{
  const char *found = strstr (TEXT, needle);

  for (guint k = 0; k < nth && found; k++)
    found = strstr (found + strlen (needle), needle);
  g_assert_nonnull (found);
  return (gsize) g_utf8_pointer_to_offset (TEXT, found);
}

static gsize
end_of (const char *needle,
        guint       nth)
{
  return offset_of (needle, nth) + (gsize) g_utf8_strlen (needle, -1);
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

static char *
describe (AlamaDocument *document)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      g_string_append_printf (out, "%s %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %s %s\n", a->id,
                              a->start, a->end, a->label,
                              alama_annotation_status_to_string (a->status));
    }
  return g_string_free (out, FALSE);
}

/* Labels the @nth «needle» by hand and puts the caret inside it. */
static void
label_word (Fixture    *f,
            const char *needle,
            guint       nth,
            const char *label)
{
  select_range (f, offset_of (needle, nth), end_of (needle, nth));
  activate (f, "doc.label-exact", label);
  select_range (f, offset_of (needle, nth) + 1, offset_of (needle, nth) + 1);
}

static void
assert_entity (Fixture    *f,
               gsize       start,
               gsize       end,
               const char *label)
{
  const AlamaAnnotation *a = entity_at (f->document, start);

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
  before = describe (f->document);
  undo_description = alama_document_get_undo_description (f->document);
  g_assert_cmpstr (undo_description, !=, "Label All Occurrences");

  activate (f, "doc.annotate-all", NULL);
  for (guint k = 0; k < G_N_ELEMENTS (starts); k++)
    {
      const AlamaAnnotation *a = entity_at (f->document, starts[k]);

      assert_entity (f, starts[k], starts[k] + lens[k], "LOC");
      g_assert_cmpint (a->status, !=, ALAMA_STATUS_SUGGESTED);
      g_assert_null (entity_at (f->document, starts[k] - 1));
    }
  /* «بيروتي» is another word. */
  g_assert_null (entity_at (f->document, offset_of ("بيروتي", 0)));

  /* One step undoes it all, and redoes it. */
  after = describe (f->document);
  g_assert_cmpstr (alama_document_get_undo_description (f->document), ==, "Label All Occurrences");
  activate (f, "doc.undo", NULL);
  undone = describe (f->document);
  g_assert_cmpstr (undone, ==, before);
  activate (f, "doc.redo", NULL);
  redone = describe (f->document);
  g_assert_cmpstr (redone, ==, after);

  /* Again: nothing left to label, no new step. */
  activate (f, "doc.annotate-all", NULL);
  {
    g_autofree char *again = describe (f->document);

    g_assert_cmpstr (again, ==, after);
  }
  activate (f, "doc.undo", NULL);
  {
    g_autofree char *undone_again = describe (f->document);

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
  before = describe (f->document);

  /* The end takes in «المنصوري», whatever the model suggested there goes. */
  activate (f, "doc.extend-word", NULL);
  assert_entity (f, khalid, end_of ("المنصوري", 0), "PERS");
  g_assert_true (entity_at (f->document, offset_of ("المنصوري", 0)) == entity_at (f->document,
                                                                                   khalid));
  activate (f, "doc.undo", NULL);
  {
    g_autofree char *undone = describe (f->document);

    g_assert_cmpstr (undone, ==, before);
  }
  activate (f, "doc.redo", NULL);
  assert_entity (f, khalid, end_of ("المنصوري", 0), "PERS");
  activate (f, "doc.shrink-word", NULL);
  assert_entity (f, khalid, khalid_end, "PERS");
  /* The last word stays. */
  activate (f, "doc.shrink-word", NULL);
  activate (f, "doc.shrink-word-start", NULL);
  assert_entity (f, khalid, khalid_end, "PERS");

  /* The start takes in «العام», and gives it up. */
  activate (f, "doc.extend-word-start", NULL);
  assert_entity (f, offset_of ("العام", 0), khalid_end, "PERS");
  activate (f, "doc.shrink-word-start", NULL);
  assert_entity (f, khalid, khalid_end, "PERS");
  activate (f, "doc.undo", NULL);
  assert_entity (f, offset_of ("العام", 0), khalid_end, "PERS");
  activate (f, "doc.undo", NULL);
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

/* The popover's button for @action, found by its action name. */
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

static void
spin (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
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
  g_assert_null (entity_at (f->document, word));

  /* A right click on a word nobody labelled: labels only. */
  right_click (f, word + 1);
  spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_false (gtk_widget_get_visible (entity_box));
  g_assert_nonnull (find_button (GTK_WIDGET (popover), "clipboard.copy"));
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
  spin ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  assert_entity (f, word, word_end, "MISC");
  g_assert_cmpint (entity_at (f->document, word)->status, ==, ALAMA_STATUS_MANUAL);

  /* The Menu key over it: the entity's part too; relabel. */
  g_assert_true (press_key (f, GDK_KEY_Menu, 0));
  spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (gtk_widget_get_visible (entity_box));
  g_signal_emit_by_name (alama_label_popover_get_label_button (popover, "ORG"), "clicked");
  spin ();
  assert_entity (f, word, word_end, "ORG");

  /* Shift+F10, then Remove. */
  g_assert_true (press_key (f, GDK_KEY_F10, GDK_SHIFT_MASK));
  spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  button = find_button (GTK_WIDGET (popover), "doc.delete");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_null (entity_at (f->document, word));

  /* A right click inside a selection keeps it. */
  select_range (f, offset_of ("الأمين", 0), end_of ("العام", 0));
  right_click (f, offset_of ("العام", 0) + 1);
  spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_signal_emit_by_name (alama_label_popover_get_label_button (popover, "PERS"), "clicked");
  spin ();
  assert_entity (f, offset_of ("الأمين", 0), end_of ("العام", 0), "PERS");

  /* Its resize and label-all buttons act on the entity under the caret. */
  select_range (f, offset_of ("الأمين", 0) + 1, offset_of ("الأمين", 0) + 1);
  right_click (f, offset_of ("الأمين", 0) + 1);
  spin ();
  g_assert_true (gtk_widget_get_visible (entity_box));
  g_signal_emit_by_name (find_button (GTK_WIDGET (popover), "doc.shrink-word"), "clicked");
  spin ();
  assert_entity (f, offset_of ("الأمين", 0), end_of ("الأمين", 0), "PERS");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = app_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/alama/popover/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("annotate-all", test_annotate_all);
  ADD ("resize", test_resize);
  ADD ("popover", test_popover);
#undef ADD
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
