/* test-arabic-ui.c: under an Arabic locale the interface is in Arabic and
 * mirrored right to left, and the controls without visible text have
 * (Arabic) accessible names.
 *
 * The program sets LANGUAGE=ar itself, over the suite's LANG=C.UTF-8, and
 * reads the catalogue the build made in <build>/po (ALAMA_LOCALEDIR, set
 * for the gui suite), as an uninstalled `alama` does: no Arabic locale
 * needs to be generated on the machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "alama-application.h"
#include "alama-document-view.h"
#include "alama-entity-panel.h"
#include "alama-i18n.h"
#include "alama-window.h"
#include "app-test-util.h"

#define ARTICLE SAMPLES_DIR "/article.txt"

static AlamaApplication *app;

/* The first widget of @type under @widget (depth first), or NULL. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found)
        return found;
    }
  return NULL;
}

/* The label of the item of @model (or of its sections) that activates
 * @action, or NULL. */
static char *
menu_label_for_action (GMenuModel *model,
                       const char *action)
{
  for (int k = 0; k < g_menu_model_get_n_items (model); k++)
    {
      g_autofree char *item_action = NULL;
      g_autofree char *label = NULL;
      g_autoptr (GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (model, k, G_MENU_ATTRIBUTE_ACTION, "s", &item_action)
          && strcmp (item_action, action) == 0
          && g_menu_model_get_item_attribute (model, k, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        return g_steal_pointer (&label);
      section = g_menu_model_get_item_link (model, k, G_MENU_LINK_SECTION);
      if (section)
        {
          char *found = menu_label_for_action (section, action);

          if (found)
            return found;
        }
    }
  return NULL;
}

/* Horizontal centre of @widget in the window's coordinates. */
static float
center_x (GtkWidget   *widget,
          AlamaWindow *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 0);
  return bounds.origin.x + bounds.size.width / 2;
}

static void
wait_layout (AlamaWindow *window)
{
  app_test_wait_painted (window);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* GTK takes the direction from its own Arabic catalogue, which it reads
 * only because the app's catalogue was found (GLib turns translations off
 * otherwise): both must be in place. */
static void
test_direction (void)
{
  g_assert_cmpstr (_("Alama"), ==, "علامة");
  g_assert_cmpint (gtk_widget_get_default_direction (), ==, GTK_TEXT_DIR_RTL);
}

/* A window with no document: its title, the empty page, the menu and the
 * header bar's buttons in Arabic, the header bar mirrored. */
static void
test_empty_window (void)
{
  AlamaWindow *window = alama_window_new (app);
  GtkWidget *title;
  GtkWidget *status_page;
  GtkWidget *menu_button;
  GtkWidget *open_button;
  GMenuModel *menu;
  g_autofree char *quit_label = NULL;
  g_autofree char *open_label = NULL;

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_layout (window);

  title = find_widget (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, "علامة");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "علامة");

  status_page = find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_true (gtk_widget_is_drawable (status_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==,
                   "افتح نصًا عربيًا أو ملف XML لعلامة");

  menu_button = find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (menu_button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  quit_label = menu_label_for_action (menu, "app.quit");
  g_assert_cmpstr (quit_label, ==, "إ_نهاء");
  open_label = menu_label_for_action (menu, "app.open");
  g_assert_cmpstr (open_label, ==, "_فتح…");

  /* The header bar's start is on the right: the Open button (a start
   * child) right of the main menu (an end child). */
  open_button = app_test_find_button (GTK_WIDGET (window), "app.open");
  g_assert_nonnull (open_button);
  g_assert_true (gtk_widget_get_ancestor (open_button, ADW_TYPE_HEADER_BAR) != NULL);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (open_button), ==, "فتح (Ctrl+O)");
  gtk_test_accessible_assert_property (open_button, GTK_ACCESSIBLE_PROPERTY_LABEL, "فتح");
  g_assert_cmpfloat (center_x (open_button, window), >, center_x (menu_button, window));
  gtk_test_accessible_assert_property (menu_button, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "القائمة الرئيسية");

  app_test_close_window (window);
}

/* Every control a person operates without visible text of its own gets a
 * name for screen readers: icon buttons, the panel's toggle, the search
 * entries, the text, the panel's list and switches. */
static void
assert_named (GtkWidget *widget,
              guint     *n_checked)
{
  gboolean needs_name = FALSE;

  if (!gtk_widget_get_visible (widget))
    return;
  /* GTK's own parts of composite widgets (the menu button's inner toggle,
   * the window controls) are named by GTK. */
  if (GTK_IS_MENU_BUTTON (widget) || GTK_IS_WINDOW_CONTROLS (widget))
    {
      needs_name = GTK_IS_MENU_BUTTON (widget);
      if (needs_name)
        {
          g_test_message ("checking %s", G_OBJECT_TYPE_NAME (widget));
          g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                           GTK_ACCESSIBLE_PROPERTY_LABEL));
          (*n_checked)++;
        }
      return;
    }
  if (GTK_IS_BUTTON (widget))
    needs_name = gtk_button_get_label (GTK_BUTTON (widget)) == NULL
                 && !GTK_IS_LIST_BOX_ROW (gtk_widget_get_parent (widget));
  else if (GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SWITCH (widget) || GTK_IS_TEXT_VIEW (widget)
           || GTK_IS_LIST_BOX (widget))
    needs_name = TRUE;
  if (needs_name)
    {
      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("%s (%s, in %s in %s) has no accessible label",
                 G_OBJECT_TYPE_NAME (widget),
                 gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget)
                                                      : "no tooltip",
                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (widget))));
      (*n_checked)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    assert_named (child, n_checked);
}

/* The article: the entity panel (the box's first child) on the right of
 * the text, the find bar's buttons and entries named in Arabic. */
static void
test_document_mirrored (void)
{
  AlamaWindow *window = app_test_open_window (app, ARTICLE);
  GtkWidget *panel = GTK_WIDGET (alama_window_get_entity_panel (window));
  GtkWidget *view = GTK_WIDGET (alama_window_get_document_view (window));
  GtkWidget *entry;
  guint n_checked = 0;

  wait_layout (window);
  g_assert_true (gtk_widget_get_mapped (panel));
  g_assert_cmpint (gtk_widget_get_direction (panel), ==, GTK_TEXT_DIR_RTL);
  g_test_message ("panel centre %.0f, text centre %.0f", center_x (panel, window),
                  center_x (view, window));
  g_assert_cmpfloat (center_x (panel, window), >, center_x (view, window));

  entry = find_widget (panel, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_test_accessible_assert_property (entry, GTK_ACCESSIBLE_PROPERTY_LABEL, "تصفية الأسماء");
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "المستند");

  /* The find bar too, once shown. */
  alama_window_find (window, "بيروت");
  wait_layout (window);
  assert_named (GTK_WIDGET (window), &n_checked);
  g_test_message ("%u controls named", n_checked);
  g_assert_cmpuint (n_checked, >=, 12);

  /* The same window laid out left to right puts the panel on the left:
   * the comparison above is not true by accident of the layout. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  gtk_widget_set_direction (panel, GTK_TEXT_DIR_NONE);
  wait_layout (window);
  g_assert_cmpfloat (center_x (panel, window), <, center_x (view, window));
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  wait_layout (window);
  g_assert_cmpfloat (center_x (panel, window), >, center_x (view, window));

  app_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Before GTK starts: gtk_test_init() asks for en_US.UTF-8, which may not
   * exist, and GTK reads its direction from a catalogue while it starts. */
  g_setenv ("LANGUAGE", "ar", TRUE);
  setlocale (LC_ALL, "");
  alama_i18n_init ();
  app = app_test_init (&argc, &argv);
  g_test_message ("catalogues from %s", alama_i18n_get_localedir ());

  g_test_add_func ("/alama/arabic-ui/direction", test_direction);
  g_test_add_func ("/alama/arabic-ui/empty-window", test_empty_window);
  g_test_add_func ("/alama/arabic-ui/document-mirrored", test_document_mirrored);
  return app_test_run (&app);
}
