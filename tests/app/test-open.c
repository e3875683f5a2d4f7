/* test-open.c: the ways into a document other than the Open dialog — the
 * recent files on an empty window, files dropped on a window — and
 * finding names again in an open one without losing what a person did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "alama-application.h"
#include "alama-document-view.h"
#include "alama-drop.h"
#include "alama-recent.h"
#include "alama-window.h"
#include "app-test-util.h"

#define TEXT "قال الوزير إن لبنان وبيروت يدفعان الثمن، بغداد أيضا.\n" \
             "وأكد الأمين العام خالد المنصوري ذلك في القاهرة يوم الخميس.\n"

static AlamaApplication *app;

typedef struct
{
  char *dir;
  char *paths[3];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = app_test_make_dir ("alama-open-XXXXXX");
  for (guint k = 0; k < G_N_ELEMENTS (f->paths); k++)
    {
      g_autofree char *name = g_strdup_printf ("text-%u.txt", k);

      f->paths[k] = g_build_filename (f->dir, name, NULL);
      g_assert_true (g_file_set_contents (f->paths[k], TEXT, -1, NULL));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_list_foreach (windows, (GFunc) (void (*) (void)) g_object_ref, NULL);
  for (GList *l = windows; l; l = l->next)
    gtk_window_destroy (l->data);
  app_test_spin ();
  for (GList *l = windows; l; l = l->next)
    g_assert_finalize_object (l->data);
  g_list_free (windows);
  for (guint k = 0; k < G_N_ELEMENTS (f->paths); k++)
    {
      g_remove (f->paths[k]);
      g_free (f->paths[k]);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
}

/* The window of @app showing @path (transfer none), or NULL. */
static AlamaWindow *
window_for (const char *path)
{
  AlamaWindow *found = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      GFile *file = ALAMA_IS_WINDOW (l->data) ? alama_window_get_file (l->data) : NULL;
      g_autofree char *shown = file ? g_file_get_path (file) : NULL;

      if (g_strcmp0 (shown, path) == 0)
        {
          g_assert_null (found);
          found = l->data;
        }
    }
  return found;
}

static guint
n_windows (void)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static AlamaRecentList *
find_recent_list (GtkWidget *widget)
{
  if (ALAMA_IS_RECENT_LIST (widget))
    return ALAMA_RECENT_LIST (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AlamaRecentList *found = find_recent_list (child);

      if (found)
        return found;
    }
  return NULL;
}

/* Opening a file puts it in the recent files; an empty window lists it,
 * and clicking it there opens it in that window.  A file deleted since is
 * left out. */
static void
test_recent (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (AlamaWindow) first = app_test_open_window (app, f->paths[0]);
  g_autoptr (AlamaWindow) second = app_test_open_window (app, f->paths[1]);
  AlamaWindow *empty = alama_window_new (app);
  AlamaRecentList *list;
  GList *recent;
  g_autofree char *top = NULL;
  g_autofree char *uri = g_filename_to_uri (f->paths[1], NULL, NULL);
  gboolean timed_out = FALSE;
  guint id;

  recent = alama_recent_get_files (ALAMA_RECENT_MAX);
  g_assert_cmpuint (g_list_length (recent), ==, 2);
  g_list_free_full (recent, (GDestroyNotify) gtk_recent_info_unref);

  gtk_window_present (GTK_WINDOW (empty));
  list = find_recent_list (GTK_WIDGET (empty));
  g_assert_nonnull (list);
  /* The list follows the recent files as they change. */
  id = g_timeout_add_seconds (10, app_test_timeout_cb, &timed_out);
  while (alama_recent_list_get_n_files (list) != 2 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (list)));

  /* A file that is gone is not listed. */
  g_assert_cmpint (g_remove (f->paths[0]), ==, 0);
  recent = alama_recent_get_files (ALAMA_RECENT_MAX);
  g_assert_cmpuint (g_list_length (recent), ==, 1);
  g_assert_cmpstr (gtk_recent_info_get_uri (recent->data), ==, uri);
  g_list_free_full (recent, (GDestroyNotify) gtk_recent_info_unref);
  alama_recent_add (alama_window_get_file (second));
  while (alama_recent_list_get_n_files (list) != 1 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);

  /* Clicking a file opens it in the empty window. */
  app_test_close_window (g_steal_pointer (&second));
  g_assert_null (window_for (f->paths[1]));
  top = g_file_get_path (alama_recent_list_get_file (list, 0));
  g_assert_cmpstr (top, ==, f->paths[1]);
  alama_recent_list_activate (list, 0);
  g_assert_true (window_for (f->paths[1]) == empty);
  app_test_wait_loaded (empty);
  g_assert_nonnull (alama_window_get_document (empty));
  g_source_remove (id);
}

/* The Open Recent section of a window's main menu (transfer none). */
static GMenuModel *
find_recent_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    {
      GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

      for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
        {
          g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, i,
                                                                       G_MENU_LINK_SECTION);

          for (int j = 0; section && j < g_menu_model_get_n_items (section); j++)
            {
              g_autofree char *label = NULL;
              g_autoptr (GMenuModel) submenu = NULL;

              if (!g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s",
                                                    &label)
                  || strcmp (label, "Open _Recent") != 0)
                continue;
              submenu = g_menu_model_get_item_link (section, j, G_MENU_LINK_SUBMENU);
              g_assert_nonnull (submenu);
              g_assert_cmpint (g_menu_model_get_n_items (submenu), ==, 1);
              /* The section lives as long as the window's menu. */
              {
                g_autoptr (GMenuModel) recent = g_menu_model_get_item_link (submenu, 0,
                                                                            G_MENU_LINK_SECTION);
                return recent;
              }
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GMenuModel *found = find_recent_menu (child);

      if (found)
        return found;
    }
  return NULL;
}

/* The target of item @index of @menu, and its action. */
static char *
menu_item_target (GMenuModel *menu,
                  int         index,
                  char      **action)
{
  g_autoptr (GVariant) target = g_menu_model_get_item_attribute_value (menu, index,
                                                                       G_MENU_ATTRIBUTE_TARGET,
                                                                       G_VARIANT_TYPE_STRING);

  g_assert_true (g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_ACTION, "s",
                                                  action));
  return target ? g_variant_dup_string (target, NULL) : NULL;
}

/* Whether @menu holds just the note that there is no recent file. */
static gboolean
shows_no_file (GMenuModel *menu)
{
  g_autofree char *action = NULL;
  g_autofree char *target = NULL;

  if (g_menu_model_get_n_items (menu) != 1)
    return FALSE;
  target = menu_item_target (menu, 0, &action);
  return target == NULL;
}

/* The main menu's Open Recent lists the recent files, newest first, with
 * their folders, follows them as they change, says when there is none, and
 * opens the one chosen. */
static void
test_recent_menu (Fixture       *f,
                  gconstpointer  data)
{
  AlamaWindow *empty = alama_window_new (app);
  g_autoptr (AlamaWindow) first = NULL;
  g_autoptr (AlamaWindow) second = NULL;
  g_autofree char *uri0 = g_filename_to_uri (f->paths[0], NULL, NULL);
  g_autofree char *uri1 = g_filename_to_uri (f->paths[1], NULL, NULL);
  g_autofree char *action = NULL;
  g_autofree char *target = NULL;
  g_autofree char *label = NULL;
  g_autofree char *folder = g_path_get_basename (f->dir);
  GMenuModel *menu;
  gboolean timed_out = FALSE;
  guint id;

  gtk_recent_manager_purge_items (gtk_recent_manager_get_default (), NULL);
  menu = find_recent_menu (GTK_WIDGET (empty));
  g_assert_nonnull (menu);
  id = g_timeout_add_seconds (10, app_test_timeout_cb, &timed_out);
  while (!shows_no_file (menu) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  target = menu_item_target (menu, 0, &action);
  g_assert_null (target);
  /* None: a note whose action no window has, so it is not sensitive. */
  g_assert_cmpstr (action, ==, "win.no-recent-files");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (empty), action, NULL));
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_cmpstr (label, ==, "No Recent Files");

  first = app_test_open_window (app, f->paths[0]);
  second = app_test_open_window (app, f->paths[1]);
  while (g_menu_model_get_n_items (menu) != 2 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  for (int k = 0; k < 2; k++)
    {
      g_autofree char *item_action = NULL;
      g_autofree char *item_target = menu_item_target (menu, k, &item_action);
      g_autofree char *item_label = NULL;

      g_assert_cmpstr (item_action, ==, "win.open-file");
      /* Newest first. */
      g_assert_cmpstr (item_target, ==, k == 0 ? uri1 : uri0);
      g_assert_true (g_menu_model_get_item_attribute (menu, k, G_MENU_ATTRIBUTE_LABEL, "s",
                                                      &item_label));
      g_assert_true (g_str_has_prefix (item_label, k == 0 ? "text-1.txt (" : "text-0.txt ("));
      g_assert_nonnull (strstr (item_label, folder));
    }

  /* Choosing one opens it in the empty window. */
  g_clear_pointer (&target, g_free);
  g_clear_pointer (&action, g_free);
  target = menu_item_target (menu, 1, &action);
  app_test_close_window (g_steal_pointer (&first));
  g_assert_null (window_for (f->paths[0]));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (empty), action, "s", target));
  g_assert_true (window_for (f->paths[0]) == empty);
  app_test_wait_loaded (empty);
  g_source_remove (id);
}

/* The drop target of a window's content (transfer none). */
static GtkDropTarget *
find_drop_target (AlamaWindow *window)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (content);

  g_assert_true (gtk_widget_has_css_class (content, "alama-drop"));
  for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, k);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* Emits the drop target's ::drop with @paths, as a drop from a file
 * manager would. */
static gboolean
drop (AlamaWindow       *window,
      const char *const *paths)
{
  GtkDropTarget *target = find_drop_target (window);
  GSList *files = NULL;
  g_auto (GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_assert_nonnull (target);
  g_assert_true (g_type_is_a (GDK_TYPE_FILE_LIST, gdk_content_formats_get_gtypes (
                                                       gtk_drop_target_get_formats (target),
                                                       NULL)[0]));
  for (guint k = 0; paths[k]; k++)
    files = g_slist_append (files, g_file_new_for_path (paths[k]));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (files, g_object_unref);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  return handled;
}

/* One file dropped on an empty window opens there; several dropped on a
 * window showing a document open one window each; a file shown already
 * is not opened twice. */
static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  AlamaWindow *window = alama_window_new (app);
  const char *first[] = { f->paths[0], NULL };
  const char *others[] = { f->paths[1], f->paths[2], f->paths[0], NULL };

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (drop (window, first));
  g_assert_true (window_for (f->paths[0]) == window);
  g_assert_cmpuint (n_windows (), ==, 1);
  app_test_wait_loaded (window);

  g_assert_true (drop (window, others));
  g_assert_cmpuint (n_windows (), ==, 3);
  g_assert_true (window_for (f->paths[0]) == window);
  g_assert_nonnull (window_for (f->paths[1]));
  g_assert_nonnull (window_for (f->paths[2]));
  g_assert_true (window_for (f->paths[1]) != window_for (f->paths[2]));
  app_test_wait_loaded (window_for (f->paths[1]));
  app_test_wait_loaded (window_for (f->paths[2]));
}

/* Bluish pixels of @widget as rendered now: the drop outline is the
 * accent colour. */
static guint
count_accent_pixels (AlamaWindow *window,
                     GtkWidget   *widget)
{
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  gsize size;
  guint count = 0;

  app_test_wait_painted (window);
  /* Rendered now: a widget paintable pictures the widget as it was drawn
   * last before it was made. */
  texture = app_test_render_widget (widget);
  pixels = app_test_texture_pixels (texture, &size);
  /* B, G, R, A: more blue than red. */
  for (gsize k = 0; k < size; k += 4)
    if (pixels[k] > pixels[k + 2] + 80)
      count++;
  return count;
}

/* A drag of files over the window outlines it. */
static void
test_drop_highlight (Fixture       *f,
                     gconstpointer  data)
{
  AlamaWindow *window = alama_window_new (app);
  GtkWidget *content;
  guint plain;
  guint highlighted;

  gtk_window_present (GTK_WINDOW (window));
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  plain = count_accent_pixels (window, content);
  gtk_widget_set_state_flags (content, GTK_STATE_FLAG_DROP_ACTIVE, FALSE);
  highlighted = count_accent_pixels (window, content);
  gtk_widget_unset_state_flags (content, GTK_STATE_FLAG_DROP_ACTIVE);
  /* 3 pixels all round. */
  g_assert_cmpuint (highlighted, >=,
                    plain + 3 * (guint) (gtk_widget_get_width (content) + gtk_widget_get_height (content)));
}

static const AlamaAnnotation *
find_status (AlamaDocument         *document,
             AlamaAnnotationStatus  status,
             guint                  nth)
{
  for (guint k = 0; k < alama_document_get_n_annotations (document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      if (a->status == status && nth-- == 0)
        return a;
    }
  g_error ("no annotation of status %s", alama_annotation_status_to_string (status));
}

static void
wait_recognized (AlamaWindow *window)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (APP_TEST_LOAD_TIMEOUT_S, app_test_timeout_cb, &timed_out);

  while (alama_window_get_recognizing (window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* doc.recognize brings back the suggestions a person removed, keeps what
 * a person accepted, rejected or made, and is one undoable step. */
static void
test_recognize (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (AlamaWindow) window = app_test_open_window (app, f->paths[0]);
  AlamaDocument *document = alama_window_get_document (window);
  AlamaAnnotation manual = { 0 };
  const char *word = strstr (TEXT, "الوزير");
  g_autofree char *fresh = app_test_describe (document, 0);
  g_autofree char *edited = NULL;
  g_autofree char *edited_ids = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *accepted = NULL;
  g_autofree char *rejected = NULL;
  g_autofree char *removed = NULL;
  guint n_suggested = alama_document_count_annotations (document, ALAMA_STATUS_SUGGESTED);
  GtkTextBuffer *buffer =
      gtk_text_view_get_buffer (GTK_TEXT_VIEW (alama_window_get_document_view (window)));
  g_autofree char *removed_label = NULL;
  gsize removed_start;
  GtkTextIter iter;

  g_assert_cmpuint (n_suggested, >=, 4);
  accepted = g_strdup (find_status (document, ALAMA_STATUS_SUGGESTED, 0)->id);
  rejected = g_strdup (find_status (document, ALAMA_STATUS_SUGGESTED, 1)->id);
  removed = g_strdup (find_status (document, ALAMA_STATUS_SUGGESTED, 2)->id);
  removed_start = alama_document_lookup_annotation (document, removed)->start;
  removed_label = g_strdup (alama_document_lookup_annotation (document, removed)->label);
  g_assert_true (alama_document_accept (document, accepted, NULL, NULL));
  g_assert_true (alama_document_reject (document, rejected, NULL, NULL));
  g_assert_true (alama_document_remove_annotation (document, removed, NULL));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) removed_start);
  g_assert_false (gtk_text_iter_has_tag (&iter, alama_document_view_get_label_tag (
                                                    alama_window_get_document_view (window),
                                                    removed_label)));
  manual.start = (gsize) g_utf8_pointer_to_offset (TEXT, word);
  manual.end = manual.start + (gsize) g_utf8_strlen ("الوزير", -1);
  manual.label = (char *) "PERS";
  manual.status = ALAMA_STATUS_MANUAL;
  manual.confidence = -1;
  g_assert_nonnull (alama_document_add_annotation (document, &manual, NULL));
  edited = app_test_describe (document, 0);
  edited_ids = app_test_describe (document, APP_TEST_DESCRIBE_IDS);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.recognize", NULL));
  g_assert_true (alama_window_get_recognizing (window));
  wait_recognized (window);

  /* What the person did is all there, with the same ids. */
  g_assert_cmpint (alama_document_lookup_annotation (document, accepted)->status, ==,
                   ALAMA_STATUS_ACCEPTED);
  g_assert_cmpint (alama_document_lookup_annotation (document, rejected)->status, ==,
                   ALAMA_STATUS_REJECTED);
  g_assert_cmpuint (find_status (document, ALAMA_STATUS_MANUAL, 0)->start, ==, manual.start);
  /* The removed suggestion is back, under a new id; the others are the
   * same spans. */
  g_assert_cmpuint (alama_document_count_annotations (document, ALAMA_STATUS_SUGGESTED), ==,
                    n_suggested - 2);
  after = app_test_describe (document, 0);
  g_assert_cmpstr (after, !=, edited);
  /* The view shows it again. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) removed_start);
  g_assert_true (gtk_text_iter_has_tag (&iter, alama_document_view_get_label_tag (
                                                   alama_window_get_document_view (window),
                                                   removed_label)));

  /* One step: one undo gives the document as it was before. */
  g_assert_true (alama_document_undo (document));
  undone = app_test_describe (document, APP_TEST_DESCRIBE_IDS);
  g_assert_cmpstr (undone, ==, edited_ids);
  g_assert_true (alama_document_redo (document));
  redone = app_test_describe (document, 0);
  g_assert_cmpstr (redone, ==, after);
  g_assert_cmpstr (fresh, !=, edited);
}

/* doc.recognize does nothing while the window is loading. */
static void
test_recognize_while_loading (Fixture       *f,
                              gconstpointer  data)
{
  AlamaWindow *window = alama_window_new (app);
  g_autoptr (GFile) file = g_file_new_for_path (f->paths[0]);

  gtk_window_present (GTK_WINDOW (window));
  alama_window_open (window, file);
  g_assert_true (alama_window_get_loading (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "doc.recognize", NULL);
  g_assert_false (alama_window_get_recognizing (window));
  app_test_wait_loaded (window);
}

/* What a test saw of the progress bar: the fractions it showed, in
 * order, and whether the text was there while it showed. */
typedef struct
{
  AlamaWindow *window;
  GArray *fractions; /* double */
  gboolean text_shown;
} ProgressSeen;

static void
progress_notify_cb (GObject    *bar,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  ProgressSeen *seen = user_data;
  double fraction = gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (
      GTK_TEXT_VIEW (alama_window_get_document_view (seen->window)));

  if (!gtk_widget_get_visible (GTK_WIDGET (bar)))
    return;
  g_assert_true (alama_window_get_loading (seen->window)
                 || alama_window_get_recognizing (seen->window));
  if (gtk_text_buffer_get_char_count (buffer) > 0)
    seen->text_shown = TRUE;
  if (seen->fractions->len == 0
      || g_array_index (seen->fractions, double, seen->fractions->len - 1) != fraction)
    g_array_append_val (seen->fractions, fraction);
}

static void
assert_progress_grew (ProgressSeen *seen)
{
  GArray *fractions = seen->fractions;
  gboolean between = FALSE;

  for (guint k = 0; k < fractions->len; k++)
    {
      double fraction = g_array_index (fractions, double, k);

      g_test_message ("progress %.3f", fraction);
      g_assert_cmpfloat (fraction, >=, 0.0);
      g_assert_cmpfloat (fraction, <=, 1.0);
      if (k > 0)
        g_assert_cmpfloat (fraction, >, g_array_index (fractions, double, k - 1));
      between |= fraction > 0.0 && fraction < 1.0;
    }
  g_assert_cmpuint (fractions->len, >=, 2);
  g_assert_true (between);
}

/* Opening a long plain text shows the text at once and, over it, a bar
 * that grows while the names are looked for and goes away when they are
 * found; Find Names Again shows it the same way. */
static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *article = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (f->dir, "long.txt", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  AlamaWindow *window = alama_window_new (app);
  GtkProgressBar *bar = alama_window_get_progress_bar (window);
  ProgressSeen seen = { window, fractions, FALSE };
  gboolean timed_out = FALSE;

  g_assert_true (g_file_get_contents (SAMPLES_DIR "/article.txt", &article, NULL, NULL));
  /* 2 MB: the names take a few tenths of a second to find even with an
   * optimized build, time for several updates 50 ms apart. */
  while (text->len < 2 * 1024 * 1024)
    g_string_append (text, article);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (progress_notify_cb), &seen);
  g_signal_connect (bar, "notify::visible", G_CALLBACK (progress_notify_cb), &seen);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  alama_window_open (window, file);
  app_test_wait_loaded (window);
  assert_progress_grew (&seen);
  g_assert_true (seen.text_shown);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_cmpuint (alama_document_count_annotations (alama_window_get_document (window),
                                                      ALAMA_STATUS_SUGGESTED), >, 0);

  g_array_set_size (fractions, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.recognize", NULL));
  wait_recognized (window);
  assert_progress_grew (&seen);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));

  /* An update that comes after the work is over changes nothing. */
  g_timeout_add (200, app_test_timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_signal_handlers_disconnect_by_data (bar, &seen);
  g_remove (path);
}

int
main (int    argc,
      char **argv)
{
  app = app_test_init (&argc, &argv);

  g_test_add ("/app/open/recent", Fixture, NULL, fixture_set_up, test_recent, fixture_tear_down);
  g_test_add ("/app/open/recent-menu", Fixture, NULL, fixture_set_up, test_recent_menu,
              fixture_tear_down);
  g_test_add ("/app/open/drop", Fixture, NULL, fixture_set_up, test_drop, fixture_tear_down);
  g_test_add ("/app/open/drop-highlight", Fixture, NULL, fixture_set_up, test_drop_highlight,
              fixture_tear_down);
  g_test_add ("/app/open/recognize", Fixture, NULL, fixture_set_up, test_recognize,
              fixture_tear_down);
  g_test_add ("/app/open/recognize-while-loading", Fixture, NULL, fixture_set_up,
              test_recognize_while_loading, fixture_tear_down);
  g_test_add ("/app/open/progress", Fixture, NULL, fixture_set_up, test_progress,
              fixture_tear_down);

  return app_test_run (&app);
}
