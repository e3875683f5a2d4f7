/* alama-application.c: the application: one window per document, a single
 * instance over D-Bus (opening a file from a second launch opens it in the
 * first), the About window, and the remembered window size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-application.h"

#include <glib/gi18n.h>

#include "alama-preferences-window.h"
#include "alama-recovery.h"
#include "alama-window.h"

struct _AlamaApplication
{
  AdwApplication parent_instance;

  /* NULL when the schema is not installed (a program run from the build
   * tree without GSETTINGS_SCHEMA_DIR): then nothing is remembered. */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (AlamaApplication, alama_application, ADW_TYPE_APPLICATION)

#ifndef ALAMA_VERSION
#error "ALAMA_VERSION must be defined by the build (meson project version)"
#endif

/**
 * alama_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the application's settings, or %NULL
 *   before startup or when the org.alama.Alama schema is not installed
 */
GSettings *
alama_application_get_settings (AlamaApplication *self)
{
  g_return_val_if_fail (ALAMA_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* A window that shows nothing yet, to open a file in instead of a new one. */
static AlamaWindow *
find_empty_window (AlamaApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (ALAMA_IS_WINDOW (window) && alama_window_get_file (ALAMA_WINDOW (window)) == NULL)
    return ALAMA_WINDOW (window);
  return NULL;
}

static void
open_file (AlamaApplication *self,
           GFile            *file)
{
  AlamaWindow *window = find_empty_window (self);

  if (window == NULL)
    window = alama_window_new (self);
  alama_window_open (window, file);
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_response_cb (GtkNativeDialog  *dialog,
                  int               response,
                  AlamaApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file)
        open_file (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_application_release (G_APPLICATION (self));
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  AlamaApplication *self = user_data;
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;

  dialog = gtk_file_chooser_native_new (_("Open"),
                                        gtk_application_get_active_window (GTK_APPLICATION (self)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Texts and Alama documents"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_mime_type (filter, "application/x-alama+xml");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_filter_add_pattern (filter, "*.conll");
  gtk_file_filter_add_pattern (filter, "*.bio");
  gtk_file_filter_add_pattern (filter, "*.ann");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);

  /* Kept alive until it answers, even with no window open. */
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Quitting closes each window as its close button would, so that a window
 * with unsaved changes asks first; the application ends with its last
 * window. */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (user_data)),
                                     (GCopyFunc) (void (*) (void)) g_object_ref, NULL);

  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *const developers[] = { "The Alama developers", NULL };
  AlamaApplication *self = user_data;
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  adw_about_window_set_application_name (about, _("Alama"));
  adw_about_window_set_application_icon (about, ALAMA_APPLICATION_ID);
  adw_about_window_set_developer_name (about, _("The Alama developers"));
  adw_about_window_set_version (about, ALAMA_VERSION);
  adw_about_window_set_comments (about,
                                 _("Read Arabic text and mark the names of people, places and organizations in it."));
  adw_about_window_set_developers (about, (const char **) developers);
  adw_about_window_set_copyright (about, "© 2026 The Alama developers");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);

  /* The built-in model is a work derived from its training corpus, whose
   * licence asks for attribution. */
  adw_about_window_add_acknowledgement_section (about, _("Training Data"),
                                                (const char *[]) {
                                                  "ANERcorp https://camel.abudhabi.nyu.edu/anercorp/",
                                                  NULL,
                                                });
  adw_about_window_add_legal_section (about, _("Named-Entity Model"),
                                      "© 2007 Yassine Benajiba, Paolo Rosso, José Miguel Benedí Ruiz",
                                      GTK_LICENSE_CUSTOM,
                                      _("The named-entity model was trained on ANERcorp "
                                        "(Benajiba et al. 2007), with the CAMeL Lab splits "
                                        "(Obeid et al. 2020), and is distributed under the "
                                        "<a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">"
                                        "Creative Commons Attribution-ShareAlike 4.0</a> licence.\n\n"
                                        "It holds word lists made from Ayaspell (hunspell-ar, "
                                        "GPL 2 or later), place names from GeoNames "
                                        "(geonames.org, CC BY 4.0), iso-codes, libgweather, "
                                        "Unicode CLDR and Faker (MIT), and a list of "
                                        "organizations written for Alama."));

  gtk_window_present (GTK_WINDOW (about));
}

/* The keyboard shortcuts window is built here rather than from the
 * application's resource (gtk/help-overlay.ui), which the window's own
 * files share; the keys are the ones AlamaWindow binds. */
#define SHORTCUT(accel, title) \
  "<child><object class='GtkShortcutsShortcut'>" \
  "<property name='accelerator'>" accel "</property>" \
  "<property name='title' translatable='yes'>" title "</property>" \
  "</object></child>"
/* The titles are extracted for translation by these macros' names
 * (po/meson.build); the builder translates them in the app's domain. */
#define SHORTCUTS_GROUP(title) \
  "<property name='title' translatable='yes'>" title "</property>"

static const char shortcuts_ui[] =
  "<interface>"
  "<object class='GtkShortcutsWindow' id='shortcuts'>"
  "<property name='modal'>true</property>"
  "<child><object class='GtkShortcutsSection'>"
  "<property name='section-name'>shortcuts</property>"
  "<property name='max-height'>20</property>"
  "<child><object class='GtkShortcutsGroup'>"
  SHORTCUTS_GROUP ("General")
  SHORTCUT ("&lt;Control&gt;o", "Open a Text or Document")
  SHORTCUT ("&lt;Control&gt;s", "Save")
  SHORTCUT ("&lt;Shift&gt;&lt;Control&gt;s", "Save As")
  SHORTCUT ("&lt;Control&gt;p", "Print")
  SHORTCUT ("F9", "Show or Hide the Entity Panel")
  SHORTCUT ("&lt;Control&gt;comma", "Preferences")
  SHORTCUT ("&lt;Control&gt;plus", "Larger Text")
  SHORTCUT ("&lt;Control&gt;minus", "Smaller Text")
  SHORTCUT ("&lt;Control&gt;0", "Default Text Size")
  SHORTCUT ("&lt;Control&gt;question", "Keyboard Shortcuts")
  SHORTCUT ("&lt;Control&gt;q", "Quit")
  "</object></child>"
  "<child><object class='GtkShortcutsGroup'>"
  SHORTCUTS_GROUP ("Annotating")
  SHORTCUT ("1", "Mark the Selection as a Person")
  SHORTCUT ("2", "Mark the Selection as a Place")
  SHORTCUT ("3", "Mark the Selection as an Organization")
  SHORTCUT ("4", "Mark the Selection as Another Name")
  SHORTCUT ("5", "Mark the Selection as a Date")
  SHORTCUT ("Return", "Accept the Annotation")
  SHORTCUT ("BackSpace", "Reject the Annotation")
  SHORTCUT ("Delete", "Delete the Annotation")
  SHORTCUT ("&lt;Control&gt;r", "Find Names Again")
  SHORTCUT ("&lt;Control&gt;z", "Undo")
  SHORTCUT ("&lt;Shift&gt;&lt;Control&gt;z", "Redo")
  "</object></child>"
  "<child><object class='GtkShortcutsGroup'>"
  SHORTCUTS_GROUP ("Names")
  SHORTCUT ("Menu", "Label Menu")
  SHORTCUT ("&lt;Shift&gt;&lt;Control&gt;a", "Label All Occurrences")
  SHORTCUT ("&lt;Shift&gt;&lt;Alt&gt;Left", "Add the Next Word")
  SHORTCUT ("&lt;Shift&gt;&lt;Alt&gt;Right", "Add the Word Before")
  SHORTCUT ("&lt;Alt&gt;Left", "Drop the Last Word")
  SHORTCUT ("&lt;Alt&gt;Right", "Drop the First Word")
  "</object></child>"
  "</object></child>"
  "</object>"
  "</interface>";

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_string (shortcuts_ui, -1);
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts"));

  gtk_window_set_transient_for (shortcuts,
                                gtk_application_get_active_window (GTK_APPLICATION (user_data)));
  gtk_window_present (shortcuts);
}

/* The Preferences window is one for the application: a second Ctrl+comma
 * raises it. */
static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AlamaApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->settings == NULL)
    return;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (ALAMA_IS_PREFERENCES_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return;
      }
  if (ALAMA_IS_PREFERENCES_WINDOW (parent))
    parent = NULL;
  {
    GtkWindow *window = GTK_WINDOW (alama_preferences_window_new (self->settings));

    gtk_window_set_transient_for (window, parent);
    gtk_window_set_application (window, GTK_APPLICATION (self));
    gtk_window_present (window);
  }
}

static const GActionEntry app_actions[] = {
  { .name = "open", .activate = open_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "shortcuts", .activate = shortcuts_action },
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
};

/* Each new document window opens at the size and state the last one was
 * left in; a window writes its size back whenever it changes (GTK keeps a
 * window's default size up to date as it is resized), so the size of the
 * window closed last is the one kept. */
static void
alama_application_window_added (GtkApplication *application,
                                GtkWindow      *window)
{
  AlamaApplication *self = ALAMA_APPLICATION (application);
  const GSettingsBindFlags flags = G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES;

  GTK_APPLICATION_CLASS (alama_application_parent_class)->window_added (application, window);

  if (self->settings == NULL || !ALAMA_IS_WINDOW (window))
    return;
  g_settings_bind (self->settings, "window-width", window, "default-width", flags);
  g_settings_bind (self->settings, "window-height", window, "default-height", flags);
  g_settings_bind (self->settings, "window-maximized", window, "maximized", flags);

  /* The preferences, live in every window.  The view writes the font back
   * when zoomed, the window the labels when the entity panel's switches
   * change them. */
  g_settings_bind (self->settings, "font",
                   alama_window_get_document_view (ALAMA_WINDOW (window)), "font",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "line-spacing",
                   alama_window_get_document_view (ALAMA_WINDOW (window)), "line-spacing",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "highlighted-labels", window, "highlighted-labels",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "recognize-on-open", window, "recognize-on-open",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "snap-to-words", window, "snap-to-words",
                   G_SETTINGS_BIND_GET);
}

static void
alama_application_window_removed (GtkApplication *application,
                                  GtkWindow      *window)
{
  AlamaApplication *self = ALAMA_APPLICATION (application);

  if (self->settings != NULL && ALAMA_IS_WINDOW (window))
    {
      g_settings_unbind (window, "default-width");
      g_settings_unbind (window, "default-height");
      g_settings_unbind (window, "maximized");
      g_settings_unbind (window, "highlighted-labels");
      g_settings_unbind (window, "recognize-on-open");
      g_settings_unbind (window, "snap-to-words");
      /* The view is gone when the window is being destroyed. */
      if (alama_window_get_document_view (ALAMA_WINDOW (window)))
        {
          g_settings_unbind (alama_window_get_document_view (ALAMA_WINDOW (window)), "font");
          g_settings_unbind (alama_window_get_document_view (ALAMA_WINDOW (window)),
                             "line-spacing");
        }
    }

  GTK_APPLICATION_CLASS (alama_application_parent_class)->window_removed (application, window);
}

static void
alama_application_startup (GApplication *application)
{
  static const char *const open_accels[] = { "<Control>o", NULL };
  static const char *const quit_accels[] = { "<Control>q", NULL };
  static const char *const shortcuts_accels[] = { "<Control>question", NULL };
  static const char *const preferences_accels[] = { "<Control>comma", NULL };
  g_autoptr (GtkCssProvider) provider = NULL;
  g_autoptr (GSettingsSchema) settings_schema = NULL;

  G_APPLICATION_CLASS (alama_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.shortcuts",
                                         shortcuts_accels);

  settings_schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                     ALAMA_APPLICATION_ID, TRUE);
  if (settings_schema != NULL)
    ALAMA_APPLICATION (application)->settings = g_settings_new_full (settings_schema, NULL, NULL);
  else
    g_debug ("settings schema %s not found: preferences and window size are not kept",
             ALAMA_APPLICATION_ID);

  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);
  /* Without the schema there is nothing for the Preferences to keep. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (application),
                                                                            "preferences")),
                               ALAMA_APPLICATION (application)->settings != NULL);

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/alama/Alama/alama.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
alama_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (alama_window_new (ALAMA_APPLICATION (application)));
  gtk_window_present (window);
  alama_recovery_offer (GTK_APPLICATION (application));
}

static void
alama_application_open (GApplication *application,
                        GFile       **files,
                        int           n_files,
                        const char   *hint)
{
  for (int k = 0; k < n_files; k++)
    open_file (ALAMA_APPLICATION (application), files[k]);
  alama_recovery_offer (GTK_APPLICATION (application));
}

static void
alama_application_dispose (GObject *object)
{
  AlamaApplication *self = ALAMA_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alama_application_parent_class)->dispose (object);
}

static void
alama_application_class_init (AlamaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = alama_application_dispose;

  gtk_app_class->window_added = alama_application_window_added;
  gtk_app_class->window_removed = alama_application_window_removed;

  app_class->startup = alama_application_startup;
  app_class->activate = alama_application_activate;
  app_class->open = alama_application_open;
}

static void
alama_application_init (AlamaApplication *self)
{
}

AlamaApplication *
alama_application_new (void)
{
  return g_object_new (ALAMA_TYPE_APPLICATION,
                       "application-id", ALAMA_APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/alama/Alama",
                       NULL);
}
