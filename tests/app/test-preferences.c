/* test-preferences.c: the preferences (org.alama.Alama settings) and the
 * Preferences window: each key changes the windows at once: the view's
 * font and size, its line spacing, which entity types are highlighted,
 * whether a text is tagged on opening, whether a selection snaps to words;
 * zooming writes the size back; the window's controls write the keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>

#include "alama-application.h"
#include "alama-document-view.h"
#include "alama-entity-panel.h"
#include "alama-preferences-window.h"
#include "alama-window.h"
#include "app-test-util.h"

/* «وبيروت» with its conjunction, and a comma after «الثمن». */
#define TEXT "قال الوزير إن لبنان وبيروت يدفعان الثمن، بغداد أيضا.\n"

static AlamaApplication *app;

static const char *const keys[] = {
  "font", "line-spacing", "highlighted-labels", "recognize-on-open", "snap-to-words",
};

static GSettings *
get_settings (void)
{
  GSettings *settings = alama_application_get_settings (app);

  g_assert_nonnull (settings);
  return settings;
}

static void
reset_settings (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    g_settings_reset (get_settings (), keys[k]);
}

static AlamaWindow *
open_article (void)
{
  g_autofree char *path = g_build_filename (SAMPLES_DIR, "article.txt", NULL);

  return app_test_open_window (app, path);
}

/* The font Pango really uses for Arabic text in @view, and its size in
 * points. */
static char *
font_used (AlamaDocumentView *view,
           double            *size)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), "بيروت");
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
  g_autoptr (PangoFontDescription) desc = NULL;

  g_assert_nonnull (run);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  desc = pango_font_describe (run->item->analysis.font);
  pango_layout_iter_free (iter);
  *size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;
  return g_strdup (pango_font_description_get_family (desc));
}

static double
font_setting_size (void)
{
  g_autofree char *font = g_settings_get_string (get_settings (), "font");
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (font);

  return (double) pango_font_description_get_size (desc) / PANGO_SCALE;
}

/* The keys' defaults are the view's and window's own (used when the
 * schema is not installed); dates are highlighted like the other types. */
static void
test_defaults (void)
{
  GSettings *settings = get_settings ();
  g_autofree char *font = NULL;
  g_auto (GStrv) labels = NULL;
  g_autoptr (AlamaWindow) window = g_object_ref_sink (alama_window_new (NULL));
  g_auto (GStrv) window_labels = NULL;
  AlamaDocumentView *view = alama_window_get_document_view (window);
  g_autofree char *view_font = alama_document_view_dup_font (view);
  gboolean recognize;
  gboolean snap;

  reset_settings ();
  font = g_settings_get_string (settings, "font");
  labels = g_settings_get_strv (settings, "highlighted-labels");
  g_assert_cmpstr (font, ==, ALAMA_DOCUMENT_VIEW_DEFAULT_FONT);
  g_assert_cmpstr (view_font, ==, ALAMA_DOCUMENT_VIEW_DEFAULT_FONT);
  g_assert_cmpfloat (g_settings_get_double (settings, "line-spacing"), ==,
                     ALAMA_DOCUMENT_VIEW_DEFAULT_LINE_SPACING);
  g_assert_cmpfloat (alama_document_view_get_line_spacing (view), ==,
                     ALAMA_DOCUMENT_VIEW_DEFAULT_LINE_SPACING);
  g_object_get (window, "highlighted-labels", &window_labels, "recognize-on-open", &recognize,
                "snap-to-words", &snap, NULL);
  g_assert_true (g_strv_equal ((const char *const *) labels,
                               (const char *const *) window_labels));
  g_assert_true (g_strv_contains ((const char *const *) labels, "DATE"));
  g_assert_cmpuint (g_strv_length (labels), ==, 5);
  g_assert_true (recognize == g_settings_get_boolean (settings, "recognize-on-open"));
  g_assert_true (snap == g_settings_get_boolean (settings, "snap-to-words"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The font key reaches the text: Pango shapes it in that family and size,
 * in this window and in one opened later. */
static void
test_font (void)
{
  AlamaWindow *window = open_article ();
  AlamaWindow *second;
  AlamaDocumentView *view = alama_window_get_document_view (window);
  g_autofree char *family = NULL;
  g_autofree char *view_font = NULL;
  double size;

  reset_settings ();
  app_test_wait_painted (window);
  family = font_used (view, &size);
  g_test_message ("default: %s %g", family, size);
  g_assert_cmpstr (family, ==, "Noto Naskh Arabic");
  g_assert_cmpfloat (fabs (size - 16), <, 0.5);
  g_clear_pointer (&family, g_free);

  g_settings_set_string (get_settings (), "font", "Amiri Bold 22");
  view_font = alama_document_view_dup_font (view);
  g_assert_cmpstr (view_font, ==, "Amiri Bold 22");
  app_test_wait_painted (window);
  family = font_used (view, &size);
  g_test_message ("set: %s %g", family, size);
  g_assert_cmpstr (family, ==, "Amiri");
  g_assert_cmpfloat (fabs (size - 22), <, 0.5);
  g_clear_pointer (&family, g_free);

  second = open_article ();
  app_test_wait_painted (second);
  family = font_used (alama_window_get_document_view (second), &size);
  g_assert_cmpstr (family, ==, "Amiri");
  g_assert_cmpfloat (fabs (size - 22), <, 0.5);
  app_test_close_window (second);

  /* A family that is not installed falls back to an Arabic face, not to
   * boxes or a Latin face. */
  g_settings_set_string (get_settings (), "font", "No Such Family 18");
  app_test_wait_painted (window);
  g_clear_pointer (&family, g_free);
  family = font_used (view, &size);
  g_test_message ("missing family: %s %g", family, size);
  g_assert_cmpstr (family, ==, "Noto Naskh Arabic");
  g_assert_cmpfloat (fabs (size - 18), <, 0.5);

  reset_settings ();
  app_test_close_window (window);
}

/* The line spacing gives the pixels between wrapped lines and around
 * paragraphs, in proportion to the font size; the lines really move. */
static void
test_line_spacing (void)
{
  AlamaWindow *window = open_article ();
  GtkTextView *view = GTK_TEXT_VIEW (alama_window_get_document_view (window));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;
  int y_tight;
  int y_loose;
  int height;

  reset_settings ();
  g_settings_set_double (get_settings (), "line-spacing", 1.0);
  g_assert_cmpint (gtk_text_view_get_pixels_inside_wrap (view), ==, 0);
  g_assert_cmpint (gtk_text_view_get_pixels_above_lines (view), ==, 4);
  g_assert_cmpint (gtk_text_view_get_pixels_below_lines (view), ==, 4);
  app_test_wait_painted (window);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 2);
  gtk_text_view_get_line_yrange (view, &iter, &y_tight, &height);

  /* 16 pt is 21⅓ px: 2.0 puts one font size between lines. */
  g_settings_set_double (get_settings (), "line-spacing", 2.0);
  g_assert_cmpint (gtk_text_view_get_pixels_inside_wrap (view), ==, 21);
  g_assert_cmpint (gtk_text_view_get_pixels_above_lines (view), ==, 4 + 10);
  g_assert_cmpint (gtk_text_view_get_pixels_below_lines (view), ==, 4 + 10);
  app_test_wait_painted (window);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 2);
  gtk_text_view_get_line_yrange (view, &iter, &y_loose, &height);
  g_test_message ("third paragraph at y %d, then %d", y_tight, y_loose);
  g_assert_cmpint (y_loose, >, y_tight);

  /* Twice the size, twice the space. */
  g_settings_set_string (get_settings (), "font", "Noto Naskh Arabic 32");
  g_assert_cmpint (gtk_text_view_get_pixels_inside_wrap (view), ==, 43);

  /* Out of range (the schema's range keeps it from the key): clamped. */
  alama_document_view_set_line_spacing (ALAMA_DOCUMENT_VIEW (view), 5.0);
  g_assert_cmpfloat (alama_document_view_get_line_spacing (ALAMA_DOCUMENT_VIEW (view)), ==, 3.0);

  reset_settings ();
  app_test_close_window (window);
}

/* win.zoom-in and win.zoom-out step through the sizes and write the font
 * key, keeping the family; win.zoom-reset goes back to the default size;
 * the sizes stop at 8 and 72 points. */
static void
test_zoom (void)
{
  AlamaWindow *window = open_article ();
  AlamaDocumentView *view = alama_window_get_document_view (window);
  GtkWidget *widget = GTK_WIDGET (window);
  g_autofree char *font = NULL;

  reset_settings ();
  g_settings_set_string (get_settings (), "font", "Amiri 16");
  g_assert_true (gtk_widget_activate_action (widget, "win.zoom-in", NULL));
  g_assert_cmpfloat (font_setting_size (), ==, 18);
  g_assert_cmpfloat (alama_document_view_get_font_size (view), ==, 18);
  g_assert_true (gtk_widget_activate_action (widget, "win.zoom-in", NULL));
  g_assert_cmpfloat (font_setting_size (), ==, 20);
  g_assert_true (gtk_widget_activate_action (widget, "win.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (widget, "win.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (widget, "win.zoom-out", NULL));
  g_assert_cmpfloat (font_setting_size (), ==, 15);
  g_assert_true (gtk_widget_activate_action (widget, "win.zoom-reset", NULL));
  font = g_settings_get_string (get_settings (), "font");
  g_assert_cmpstr (font, ==, "Amiri 16");

  /* An odd size set by hand: the next step from it. */
  g_settings_set_string (get_settings (), "font", "Amiri 17");
  g_assert_true (gtk_widget_activate_action (widget, "win.zoom-in", NULL));
  g_assert_cmpfloat (font_setting_size (), ==, 18);
  g_settings_set_string (get_settings (), "font", "Amiri 17");
  g_assert_true (gtk_widget_activate_action (widget, "win.zoom-out", NULL));
  g_assert_cmpfloat (font_setting_size (), ==, 16);

  for (guint k = 0; k < 30; k++)
    gtk_widget_activate_action (widget, "win.zoom-in", NULL);
  g_assert_cmpfloat (font_setting_size (), ==, 72);
  for (guint k = 0; k < 40; k++)
    gtk_widget_activate_action (widget, "win.zoom-out", NULL);
  g_assert_cmpfloat (font_setting_size (), ==, 8);

  reset_settings ();
  app_test_close_window (window);
}

/* The zoom keys are bound: each is found among the window's shortcuts
 * with its action. */
static void
test_zoom_keys (void)
{
  static const struct
  {
    guint keyval;
    const char *action;
  } bindings[] = {
    { GDK_KEY_plus, "win.zoom-in" },       { GDK_KEY_equal, "win.zoom-in" },
    { GDK_KEY_KP_Add, "win.zoom-in" },     { GDK_KEY_minus, "win.zoom-out" },
    { GDK_KEY_KP_Subtract, "win.zoom-out" }, { GDK_KEY_0, "win.zoom-reset" },
  };
  g_autoptr (AlamaWindow) window = g_object_ref_sink (alama_window_new (NULL));
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  guint found = 0;

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action))
            continue;
          for (guint b = 0; b < G_N_ELEMENTS (bindings); b++)
            if (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == bindings[b].keyval
                && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))
                       == GDK_CONTROL_MASK
                && strcmp (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                           bindings[b].action)
                       == 0)
              found++;
        }
    }
  g_object_unref (controllers);
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (bindings));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
tag_shown (AlamaDocumentView *view,
           const char        *label)
{
  GtkTextTag *tag = alama_document_view_get_label_tag (view, label);
  gboolean background_set;

  g_assert_nonnull (tag);
  g_object_get (tag, "background-set", &background_set, NULL);
  g_assert_true (background_set == alama_document_view_get_label_visible (view, label));
  return background_set;
}

/* highlighted-labels shows and hides each type's highlights in every
 * window; the entity panel's switches write the key. */
static void
test_highlighted_labels (void)
{
  static const char *const some[] = { "PERS", "LOC", NULL };
  AlamaWindow *window = open_article ();
  AlamaWindow *second = open_article ();
  AlamaDocumentView *view = alama_window_get_document_view (window);
  AlamaDocumentView *view2 = alama_window_get_document_view (second);
  g_auto (GStrv) labels = NULL;

  reset_settings ();
  g_assert_true (tag_shown (view, "PERS"));
  g_assert_true (tag_shown (view, "ORG"));

  g_settings_set_strv (get_settings (), "highlighted-labels", some);
  g_assert_true (tag_shown (view, "PERS"));
  g_assert_true (tag_shown (view, "LOC"));
  g_assert_false (tag_shown (view, "ORG"));
  g_assert_false (tag_shown (view2, "ORG"));
  g_assert_true (tag_shown (view2, "LOC"));

  /* The panel's switch of LOC, turned off: the key loses LOC, and the
   * other window follows. */
  alama_entity_panel_set_label_visible (alama_window_get_entity_panel (window), "LOC", FALSE);
  labels = g_settings_get_strv (get_settings (), "highlighted-labels");
  g_assert_cmpuint (g_strv_length (labels), ==, 1);
  g_assert_cmpstr (labels[0], ==, "PERS");
  g_assert_false (tag_shown (view2, "LOC"));
  g_clear_pointer (&labels, g_strfreev);

  /* On again: back in the legend's order. */
  alama_entity_panel_set_label_visible (alama_window_get_entity_panel (second), "ORG", TRUE);
  labels = g_settings_get_strv (get_settings (), "highlighted-labels");
  g_assert_cmpuint (g_strv_length (labels), ==, 2);
  g_assert_cmpstr (labels[0], ==, "PERS");
  g_assert_cmpstr (labels[1], ==, "ORG");
  g_assert_true (tag_shown (view, "ORG"));

  /* Hidden types leave no coloured pixel. */
  g_settings_set_strv (get_settings (), "highlighted-labels", (const char *const[]) { NULL });
  app_test_wait_painted (window);
  g_assert_cmpuint (app_test_count_highlight_pixels (window, "preferences-none.png"), ==, 0);
  reset_settings ();
  app_test_wait_painted (window);
  g_assert_cmpuint (app_test_count_highlight_pixels (window, "preferences-all.png"), >, 1000);

  app_test_close_window (second);
  app_test_close_window (window);
}

/* recognize-on-open off: a plain text opens with no suggestions; on: the
 * names are found. */
static void
test_recognize_on_open (void)
{
  AlamaWindow *window;
  AlamaDocument *document;
  gsize len;

  reset_settings ();
  g_settings_set_boolean (get_settings (), "recognize-on-open", FALSE);
  window = open_article ();
  document = alama_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_cmpuint (alama_document_get_n_chars (document), >, 100);
  g_assert_cmpuint (app_test_count_entities (document), ==, 0);
  alama_document_get_text (document, &len);
  g_assert_cmpint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (
                       GTK_TEXT_VIEW (alama_window_get_document_view (window)))),
                   ==, (int) alama_document_get_n_chars (document));
  app_test_close_window (window);

  g_settings_set_boolean (get_settings (), "recognize-on-open", TRUE);
  window = open_article ();
  g_assert_cmpuint (app_test_count_entities (alama_window_get_document (window)), >, 10);
  app_test_close_window (window);
  reset_settings ();
}

static gsize
offset_of (const char *needle)
{
  return app_test_offset_of (TEXT, needle, 0);
}

/* snap-to-words: on, a selection inside «وبيروت» grows to «بيروت»; off,
 * the 1–5 keys' action labels the selection exactly; with nothing
 * selected the word under the caret is labelled either way. */
static void
test_snap_to_words (void)
{
  g_autofree char *dir = app_test_make_dir ("alama-preferences-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "text.txt", NULL);
  AlamaWindow *window;
  AlamaDocument *document;
  AlamaDocumentView *view;
  const AlamaAnnotation *a;
  gsize beirut = offset_of ("وبيروت");
  gsize price = offset_of ("الثمن");

  reset_settings ();
  /* No suggestions to get in the way. */
  g_settings_set_boolean (get_settings (), "recognize-on-open", FALSE);
  g_assert_true (g_file_set_contents (path, TEXT, -1, NULL));
  window = app_test_open_window (app, path);
  document = alama_window_get_document (window);
  view = alama_window_get_document_view (window);

  app_test_select_range (view, beirut + 2, beirut + 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.label", "s", "LOC"));
  a = app_test_entity_at (document, beirut + 2);
  g_assert_nonnull (a);
  g_assert_cmpuint (a->start, ==, beirut + 1);
  g_assert_cmpuint (a->end, ==, beirut + 6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.undo", NULL));

  g_settings_set_boolean (get_settings (), "snap-to-words", FALSE);
  app_test_select_range (view, beirut + 2, beirut + 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.label", "s", "LOC"));
  a = app_test_entity_at (document, beirut + 2);
  g_assert_nonnull (a);
  g_assert_cmpuint (a->start, ==, beirut + 2);
  g_assert_cmpuint (a->end, ==, beirut + 4);
  g_assert_null (app_test_entity_at (document, beirut + 1));

  /* A selection over «الثمن،» keeps its comma when not snapped. */
  app_test_select_range (view, price, price + 6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.label", "s", "MISC"));
  a = app_test_entity_at (document, price);
  g_assert_cmpuint (a->end, ==, price + 6);

  /* The caret alone in «لبنان»: its word. */
  app_test_select_range (view, offset_of ("لبنان") + 2, offset_of ("لبنان") + 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.label", "s", "LOC"));
  a = app_test_entity_at (document, offset_of ("لبنان"));
  g_assert_nonnull (a);
  g_assert_cmpuint (a->end, ==, offset_of ("لبنان") + 5);

  alama_document_set_unmodified (document);
  app_test_close_window (window);
  reset_settings ();
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_preferences (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (ALAMA_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* app.preferences (Ctrl+comma) opens one Preferences window over the
 * document; each control writes its key and follows it. */
static void
test_window (void)
{
  static const char *const preferences_accel[] = { "<Control>comma", NULL };
  AlamaWindow *window = open_article ();
  AlamaDocumentView *view = alama_window_get_document_view (window);
  g_auto (GStrv) accels = NULL;
  g_auto (GStrv) labels = NULL;
  g_autofree char *font = NULL;
  GtkWindow *preferences;
  GtkWidget *widget;
  gboolean snap;

  reset_settings ();
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_true (g_strv_equal ((const char *const *) accels, preferences_accel));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  g_object_ref (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));
  /* A second time: the same window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  {
    guint n = 0;

    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
      n += ALAMA_IS_PREFERENCES_WINDOW (l->data);
    g_assert_cmpuint (n, ==, 1);
  }

  widget = find_named (GTK_WIDGET (preferences), "recognize-on-open");
  g_assert_true (GTK_IS_SWITCH (widget));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (widget)));
  gtk_switch_set_active (GTK_SWITCH (widget), FALSE);
  g_assert_false (g_settings_get_boolean (get_settings (), "recognize-on-open"));

  widget = find_named (GTK_WIDGET (preferences), "snap-to-words");
  g_assert_true (GTK_IS_SWITCH (widget));
  gtk_switch_set_active (GTK_SWITCH (widget), FALSE);
  g_assert_false (g_settings_get_boolean (get_settings (), "snap-to-words"));
  g_object_get (window, "snap-to-words", &snap, NULL);
  g_assert_false (snap);
  g_settings_set_boolean (get_settings (), "snap-to-words", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (widget)));

  widget = find_named (GTK_WIDGET (preferences), "label-DATE");
  g_assert_true (GTK_IS_SWITCH (widget));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (widget)));
  gtk_switch_set_active (GTK_SWITCH (widget), FALSE);
  labels = g_settings_get_strv (get_settings (), "highlighted-labels");
  g_assert_false (g_strv_contains ((const char *const *) labels, "DATE"));
  g_assert_cmpuint (g_strv_length (labels), ==, 4);
  g_assert_false (alama_document_view_get_label_visible (view, "DATE"));
  /* The panel's switch turns it back on: so does the window's. */
  alama_entity_panel_set_label_visible (alama_window_get_entity_panel (window), "DATE", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (widget)));
  widget = find_named (GTK_WIDGET (preferences), "label-PERS");
  g_settings_set_strv (get_settings (), "highlighted-labels",
                       (const char *const[]) { "LOC", NULL });
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (widget)));

  widget = find_named (GTK_WIDGET (preferences), "line-spacing");
  g_assert_true (GTK_IS_SPIN_BUTTON (widget));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 2.5);
  g_assert_cmpfloat (fabs (g_settings_get_double (get_settings (), "line-spacing") - 2.5), <,
                     1e-9);
  g_assert_cmpfloat (fabs (alama_document_view_get_line_spacing (view) - 2.5), <, 1e-9);

  widget = find_named (GTK_WIDGET (preferences), "text-size");
  g_assert_true (GTK_IS_SPIN_BUTTON (widget));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)), ==, 16);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 24);
  font = g_settings_get_string (get_settings (), "font");
  g_assert_cmpstr (font, ==, "Noto Naskh Arabic 24");
  g_assert_cmpfloat (alama_document_view_get_font_size (view), ==, 24);
  /* Zooming moves the spin button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)), ==, 28);

  /* A face from the font chooser: its family, the size kept. */
  widget = find_named (GTK_WIDGET (preferences), "font");
  g_assert_true (GTK_IS_FONT_BUTTON (widget));
  gtk_font_chooser_set_font (GTK_FONT_CHOOSER (widget), "Amiri Bold 11");
  g_signal_emit_by_name (widget, "font-set");
  g_clear_pointer (&font, g_free);
  font = g_settings_get_string (get_settings (), "font");
  g_assert_cmpstr (font, ==, "Amiri Bold 28");
  g_clear_pointer (&font, g_free);
  font = alama_document_view_dup_font (view);
  g_assert_cmpstr (font, ==, "Amiri Bold 28");

  gtk_window_destroy (preferences);
  app_test_spin ();
  g_assert_finalize_object (preferences);
  reset_settings ();
  app_test_close_window (window);
}

/* The font chooser lists faces with Arabic letters only. */
static void
test_font_filter (void)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoFontFamily **families = NULL;
  int n_families = 0;
  gboolean naskh = FALSE;
  guint with = 0;
  guint without = 0;

  pango_font_map_list_families (font_map, &families, &n_families);
  for (int k = 0; k < n_families; k++)
    {
      const char *name = pango_font_family_get_name (families[k]);
      PangoFontFace *face = pango_font_family_get_face (families[k], NULL);
      gboolean covers;

      if (face == NULL)
        continue;
      covers = alama_preferences_font_covers_arabic (font_map, face);
      with += covers;
      without += !covers;
      if (strcmp (name, "Noto Naskh Arabic") == 0)
        naskh = covers;
      if (strcmp (name, "DejaVu Serif") == 0)
        g_assert_false (covers);
      if (strcmp (name, "Amiri") == 0)
        g_assert_true (covers);
    }
  g_free (families);
  g_test_message ("%u families with Arabic letters, %u without", with, without);
  g_assert_true (naskh);
}

int
main (int   argc,
      char *argv[])
{
  app = app_test_init (&argc, &argv);
  g_test_add_func ("/alama/preferences/defaults", test_defaults);
  g_test_add_func ("/alama/preferences/font", test_font);
  g_test_add_func ("/alama/preferences/line-spacing", test_line_spacing);
  g_test_add_func ("/alama/preferences/zoom", test_zoom);
  g_test_add_func ("/alama/preferences/zoom-keys", test_zoom_keys);
  g_test_add_func ("/alama/preferences/highlighted-labels", test_highlighted_labels);
  g_test_add_func ("/alama/preferences/recognize-on-open", test_recognize_on_open);
  g_test_add_func ("/alama/preferences/snap-to-words", test_snap_to_words);
  g_test_add_func ("/alama/preferences/window", test_window);
  g_test_add_func ("/alama/preferences/font-filter", test_font_filter);
  return app_test_run (&app);
}
