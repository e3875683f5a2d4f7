/* alama-window.c: a window showing one document, its entities highlighted.
 *
 * Opening a file runs on a worker thread: the worker reads the file and,
 * for plain text, runs the recognizer on it.  An AlamaDocument is not
 * thread-safe, so the worker builds its own and hands it over only when it
 * is done; meanwhile the text alone is passed to the view (a copy), so the
 * reader sees it before the names are found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-window.h"

#include <glib/gi18n.h>

#include "alama-clitics.h"
#include "alama-drop.h"
#include "alama-entity-panel.h"
#include "alama-export-dialog.h"
#include "alama-find.h"
#include "alama-i18n.h"
#include "alama-label-popover.h"
#include "alama-occurrences.h"
#include "alama-snap.h"
#include "alama-document-io.h"
#include "alama-file-format.h"
#include "alama-model.h"
#include "alama-print.h"
#include "alama-progress-relay.h"
#include "alama-recognizer.h"
#include "alama-status-bar.h"
#include "alama-recent.h"
#include "alama-recognizer.h"
#include "alama-recovery.h"
#include "alama-timing.h"
#include "alama-tokenizer.h"
#include "alama-xml.h"

struct _AlamaWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children. */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkSpinner *spinner;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkBox *legend;
  AlamaDocumentView *document_view;
  AlamaEntityPanel *entity_panel;
  GtkToggleButton *panel_button;
  GtkSearchBar *find_bar;
  GtkSearchEntry *find_entry;
  GtkLabel *find_status;

  /* Find in text: the document's text normalized, built on the first
   * search; the matches (gsize pairs, in characters) and the current one. */
  AlamaFindIndex *find_index;
  GArray *find_matches;
  /* The query find_matches answers: Return typed before the entry's
   * search delay ran searches the new text first. */
  char *find_query;
  guint find_current;
  GtkTextTag *search_tag;

  GFile *file;
  char *save_path;
  AlamaDocument *document;
  gulong modified_handler;
  gulong changed_handler;
  gulong can_undo_handler;
  gulong can_redo_handler;
  /* The id of the agent standing for the user, declared in the document
   * when it is shown: every edit by hand is made in its name. */
  char *person;
  /* The built-in model, for its lexicon only (proclitics), loaded the
   * first time a selection is snapped. */
  AlamaModel *model;
  /* Set once the user chose to close despite unsaved changes. */
  gboolean close_confirmed;
  gboolean loading;
  /* Counts openings, so that a late answer from an earlier one is ignored. */
  guint generation;
  GCancellable *cancellable;

  /* Preferences (bound to the settings by the application). */
  gboolean recognize_on_open;
  gboolean snap_to_words;
  char **highlighted_labels;
  /* The label popover of the text (right click, Menu, Shift+F10); a child
   * of the document view. */
  AlamaLabelPopover *label_popover;
  AlamaStatusBar *status_bar;
  /* The annotations were never written to a file: a plain text opened,
   * its names found by the recognizer, and not saved since. */
  gboolean never_saved;
  /* The legend is redone once per burst of edits (accept all). */
  guint legend_id;
  /* Keeps a recovery copy while the document has unsaved changes. */
  AlamaRecovery *recovery;
  /* doc.recognize is running on a worker thread. */
  gboolean recognizing;
  /* How far finding names has come, over the top of the text while the
   * worker runs (opening a plain text, doc.recognize). */
  GtkProgressBar *progress_bar;
  GMenu *recent_menu;
};

G_DEFINE_FINAL_TYPE (AlamaWindow, alama_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_DOCUMENT,
  PROP_LOADING,
  PROP_RECOGNIZE_ON_OPEN,
  PROP_SNAP_TO_WORDS,
  PROP_HIGHLIGHTED_LABELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The labels the legend always shows, in this order; others follow when a
 * document uses them. */
static const char *const legend_labels[] = { "PERS", "LOC", "ORG", "MISC", "DATE" };

/* The window is not the task's source object: the worker thread drops its
 * reference to the task last, sometimes after the callback ran, and a
 * window must not be finalized there.  The callback holds the window. */
typedef struct
{
  AlamaWindow *window; /* not a reference; alive until the callback */
  char *path;
  guint generation;
  gboolean recognize;
} LoadData;

typedef struct
{
  AlamaDocument *document;
  char *warning;
  gboolean never_saved;
} LoadResult;

typedef struct
{
  AlamaWindow *window;
  char *text;
  guint generation;
} Preview;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_object (&result->document);
  g_free (result->warning);
  g_free (result);
}

static void
preview_free (Preview *preview)
{
  g_object_unref (preview->window);
  g_free (preview->text);
  g_free (preview);
}

static void
update_subtitle (AlamaWindow *self)
{
  const char *subtitle = "";

  if (self->loading)
    subtitle = _("Loading…");
  else if (self->document)
    subtitle = alama_saved_state_text (self->document, self->never_saved);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
update_title (AlamaWindow *self)
{
  const char *title = NULL;
  g_autofree char *base_name = NULL;

  if (self->document)
    title = alama_document_get_title (self->document);
  /* A title that is only the name of the file the text came from follows
   * the file the window shows (after Save As, the new one). */
  if (title && self->file && self->document
      && g_strcmp0 (title, alama_document_get_source (self->document)->file_name) == 0)
    title = NULL;
  if ((title == NULL || *title == '\0') && self->file)
    title = base_name = g_file_get_basename (self->file);
  if (title == NULL || *title == '\0')
    title = _("Alama");
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_actions (AlamaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready = self->document != NULL && !self->loading;
  static const char *const edits[] = {
    "doc.label", "doc.label-exact", "doc.accept", "doc.reject", "doc.delete", "doc.accept-all",
    "doc.annotate-all", "doc.extend-word", "doc.shrink-word", "doc.extend-word-start",
    "doc.shrink-word-start", "doc.label-menu",
  };

  gtk_widget_action_set_enabled (widget, "win.save", ready);
  gtk_widget_action_set_enabled (widget, "win.save-as", ready);
  gtk_widget_action_set_enabled (widget, "win.export", ready);
  gtk_widget_action_set_enabled (widget, "win.print", ready);
  gtk_widget_action_set_enabled (widget, "doc.undo",
                                 ready && alama_document_can_undo (self->document));
  gtk_widget_action_set_enabled (widget, "doc.redo",
                                 ready && alama_document_can_redo (self->document));
  for (guint k = 0; k < G_N_ELEMENTS (edits); k++)
    gtk_widget_action_set_enabled (widget, edits[k], ready);
  gtk_widget_action_set_enabled (widget, "doc.recognize", ready && !self->recognizing);
}

/* Shows an update of a worker's alama_progress_relay_report(), unless it
 * comes late, from work the window no longer waits for. */
static void
show_progress (GObject *target,
               guint    generation,
               double   fraction)
{
  AlamaWindow *self = ALAMA_WINDOW (target);

  if (self->progress_bar == NULL || generation != self->generation
      || !(self->loading || self->recognizing))
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
}

/* A recognizer for a worker thread of the window (opening, Find Names
 * Again) whose progress shows in the window's bar, through @relay, which
 * the worker frees once the work is done. */
static AlamaRecognizer *
recognizer_for_worker (AlamaModel          *model,
                       GObject             *window,
                       guint                generation,
                       GTask               *task,
                       AlamaProgressRelay **relay)
{
  AlamaRecognizer *recognizer = alama_recognizer_new (model);

  *relay = alama_progress_relay_new (window, generation, g_task_get_context (task), show_progress);
  alama_recognizer_set_progress_func (recognizer, alama_progress_relay_report, *relay);
  return recognizer;
}

static void
hide_progress (AlamaWindow *self)
{
  if (self->progress_bar == NULL) /* disposed */
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
}

static void
set_loading (AlamaWindow *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  if (!self->recognizing)
    hide_progress (self);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  update_subtitle (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static GtkWidget *
legend_chip (const char *label,
             guint       count,
             const char *description)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (label);
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (count_text);
  g_autofree char *css_class = g_ascii_strdown (label, -1);
  guint key = 0;
  g_autofree char *tooltip = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (legend_labels); k++)
    if (strcmp (label, legend_labels[k]) == 0)
      key = k + 1;
  gtk_widget_add_css_class (chip, "alama-chip");
  gtk_widget_add_css_class (chip, key ? css_class : "other");
  gtk_widget_add_css_class (count_label, "count");
  gtk_box_append (GTK_BOX (chip), name);
  gtk_box_append (GTK_BOX (chip), count_label);
  /* The label keys are the legend's order (key_labels). */
  if (key)
    /* TRANSLATORS: the digit key that gives a label */
    tooltip = g_strdup_printf (_("%s\nKey %u labels the selection"),
                               description ? description : label, key);
  else if (description)
    tooltip = g_strdup (description);
  if (tooltip)
    gtk_widget_set_tooltip_text (chip, tooltip);
  return chip;
}

static void
update_legend (AlamaWindow *self)
{
  GtkWidget *child;
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  AlamaLabelSet *labels;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend))))
    gtk_box_remove (self->legend, child);
  if (self->document == NULL)
    return;

  n = alama_document_get_n_annotations (self->document);
  for (guint k = 0; k < n; k++)
    {
      const AlamaAnnotation *annotation = alama_document_get_annotation (self->document, k);

      if (alama_annotation_is_entity (annotation))
        g_hash_table_insert (counts, annotation->label,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (
                                                   counts, annotation->label))
                                               + 1));
    }

  labels = alama_document_get_label_set (self->document);
  for (guint k = 0; k < G_N_ELEMENTS (legend_labels); k++)
    {
      const AlamaLabel *label = alama_label_set_lookup (labels, legend_labels[k]);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, legend_labels[k]));
      const char *description = label ? alama_i18n_translate_data (label->description) : NULL;

      gtk_box_append (self->legend, legend_chip (legend_labels[k], count, description));
    }
  for (guint k = 0; k < alama_label_set_get_n_labels (labels); k++)
    {
      const AlamaLabel *label = alama_label_set_get (labels, k);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, label->name));
      gboolean shown = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (legend_labels); j++)
        shown = shown || strcmp (label->name, legend_labels[j]) == 0;
      if (!shown && count > 0)
        gtk_box_append (self->legend, legend_chip (label->name, count,
                                                   alama_i18n_translate_data (label->description)));
    }
}

static void
document_modified_cb (AlamaDocument *document,
                      GParamSpec    *pspec,
                      AlamaWindow   *self)
{
  update_subtitle (self);
}

static gboolean
update_legend_cb (gpointer user_data)
{
  AlamaWindow *self = user_data;

  self->legend_id = 0;
  update_legend (self);
  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (AlamaDocument *document,
                     guint64        start,
                     guint64        end,
                     AlamaWindow   *self)
{
  if (self->legend_id == 0)
    self->legend_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_legend_cb, self, NULL);
}

static void
document_history_cb (AlamaDocument *document,
                     GParamSpec    *pspec,
                     AlamaWindow   *self)
{
  update_actions (self);
}

static void
disconnect_document (AlamaWindow *self)
{
  if (self->document == NULL)
    return;
  g_clear_signal_handler (&self->modified_handler, self->document);
  g_clear_signal_handler (&self->changed_handler, self->document);
  g_clear_signal_handler (&self->can_undo_handler, self->document);
  g_clear_signal_handler (&self->can_redo_handler, self->document);
  g_clear_handle_id (&self->legend_id, g_source_remove);
  /* The copy stays when the window goes without the user having saved or
   * given the changes up. */
  if (self->recovery)
    {
      if (self->close_confirmed || !alama_document_get_modified (self->document))
        alama_recovery_discard (self->recovery);
      g_clear_object (&self->recovery);
    }
  g_clear_object (&self->document);
  g_clear_pointer (&self->person, g_free);
}

static void
clear_search_tag (AlamaWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->document_view));
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->search_tag, &start, &end);
}

static void
update_find_status (AlamaWindow *self)
{
  guint n = self->find_matches ? self->find_matches->len / 2 : 0;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  g_autofree char *text = NULL;

  if (n > 0)
    /* TRANSLATORS: "3 of 12" matches */
    text = g_strdup_printf (_("%u of %u"), self->find_current + 1, n);
  else if (*query)
    text = g_strdup (_("No matches"));
  gtk_label_set_text (self->find_status, text ? text : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-next", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-previous", n > 0);
}

static void
select_current_match (AlamaWindow *self)
{
  gsize start;
  gsize end;

  if (self->find_matches == NULL || self->find_matches->len == 0)
    return;
  start = g_array_index (self->find_matches, gsize, 2 * self->find_current);
  end = g_array_index (self->find_matches, gsize, 2 * self->find_current + 1);
  alama_document_view_select_range (self->document_view, start, end);
  update_find_status (self);
}

static void
run_search (AlamaWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->document_view));
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  GtkTextIter caret;
  gsize caret_char;

  clear_search_tag (self);
  g_clear_pointer (&self->find_matches, g_array_unref);
  self->find_current = 0;
  g_free (self->find_query);
  self->find_query = g_strdup (query);
  if (self->document && *query)
    {
      if (self->find_index == NULL)
        {
          gsize len;
          const char *text = alama_document_get_text (self->document, &len);

          self->find_index = alama_find_index_new (text, (gssize) len);
        }
      self->find_matches = alama_find_index_search (self->find_index, query);
    }
  if (self->find_matches == NULL || self->find_matches->len == 0)
    {
      update_find_status (self);
      return;
    }

  /* The first match from where the reader is. */
  gtk_text_buffer_get_selection_bounds (buffer, &caret, NULL);
  caret_char = (gsize) gtk_text_iter_get_offset (&caret);
  for (guint k = self->find_matches->len / 2; k > 0; k--)
    if (g_array_index (self->find_matches, gsize, 2 * (k - 1)) >= caret_char)
      self->find_current = k - 1;
  /* Over the entity highlights, whichever labels were added since. */
  gtk_text_tag_set_priority (self->search_tag,
                             gtk_text_tag_table_get_size (gtk_text_buffer_get_tag_table (buffer))
                                 - 1);
  for (guint k = 0; k < self->find_matches->len; k += 2)
    {
      GtkTextIter start;
      GtkTextIter end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                          (int) g_array_index (self->find_matches, gsize, k));
      gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                          (int) g_array_index (self->find_matches, gsize, k + 1));
      gtk_text_buffer_apply_tag (buffer, self->search_tag, &start, &end);
    }
  select_current_match (self);
}

static void
reset_find (AlamaWindow *self)
{
  g_clear_pointer (&self->find_index, alama_find_index_free);
  g_clear_pointer (&self->find_matches, g_array_unref);
  g_clear_pointer (&self->find_query, g_free);
  self->find_current = 0;
  if (gtk_search_bar_get_search_mode (self->find_bar))
    run_search (self);
  else
    update_find_status (self);
}

static void
find_step (AlamaWindow *self,
           gboolean     forward)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  guint n;

  if (g_strcmp0 (query, self->find_query) != 0)
    {
      run_search (self);
      return;
    }
  n = self->find_matches ? self->find_matches->len / 2 : 0;
  if (n == 0)
    return;
  self->find_current = forward ? (self->find_current + 1) % n : (self->find_current + n - 1) % n;
  select_current_match (self);
}

static void
find_changed_cb (GtkSearchEntry *entry,
                 AlamaWindow    *self)
{
  run_search (self);
}

static void
find_next_cb (GtkSearchEntry *entry,
              AlamaWindow    *self)
{
  find_step (self, TRUE);
}

static void
find_previous_cb (GtkSearchEntry *entry,
                  AlamaWindow    *self)
{
  find_step (self, FALSE);
}

static void
find_stop_cb (GtkSearchEntry *entry,
              AlamaWindow    *self)
{
  gtk_search_bar_set_search_mode (self->find_bar, FALSE);
}

static void
find_close_cb (GtkButton   *button,
               AlamaWindow *self)
{
  gtk_search_bar_set_search_mode (self->find_bar, FALSE);
}

static void
find_mode_cb (GtkSearchBar *bar,
              GParamSpec   *pspec,
              AlamaWindow  *self)
{
  if (gtk_search_bar_get_search_mode (bar))
    return;
  clear_search_tag (self);
  g_clear_pointer (&self->find_matches, g_array_unref);
  g_clear_pointer (&self->find_query, g_free);
  update_find_status (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

/* Shift+Enter goes back, as in GNOME's other apps. */
static gboolean
find_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     AlamaWindow           *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter)
      && (state & gtk_accelerator_get_default_mod_mask ()) == GDK_SHIFT_MASK)
    {
      find_step (self, FALSE);
      return TRUE;
    }
  return FALSE;
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

  if (strcmp (action_name, "win.find") == 0)
    {
      gtk_search_bar_set_search_mode (self->find_bar, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->find_entry), 0, -1);
    }
  else
    find_step (self, strcmp (action_name, "win.find-next") == 0);
}

/**
 * alama_window_find:
 * @window: the window
 * @query: what to find, in any spelling
 *
 * Opens the find bar with @query and selects its first match from the
 * caret on, at once (typing waits for a pause).
 */
void
alama_window_find (AlamaWindow *self,
                   const char  *query)
{
  g_return_if_fail (ALAMA_IS_WINDOW (self));
  g_return_if_fail (query != NULL);

  gtk_search_bar_set_search_mode (self->find_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->find_entry), query);
  run_search (self);
}

/**
 * alama_window_get_find_matches:
 * @window: the window
 * @current: (out) (optional): the index of the selected match
 *
 * Returns: (transfer none) (nullable): the matches of the find bar, as
 *   pairs of gsize: start and end (excluded) in characters
 */
const GArray *
alama_window_get_find_matches (AlamaWindow *self,
                               guint       *current)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);
  if (current)
    *current = self->find_current;
  return self->find_matches;
}

/**
 * alama_window_get_find_status:
 * @window: the window
 *
 * Returns: (transfer none): what the find bar says ("3 of 12")
 */
const char *
alama_window_get_find_status (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->find_status);
}

static void
set_document (AlamaWindow   *self,
              AlamaDocument *document)
{
  disconnect_document (self);
  if (document)
    {
      const char *name = g_get_real_name ();

      self->document = g_object_ref (document);
      self->modified_handler = g_signal_connect (document, "notify::modified",
                                                 G_CALLBACK (document_modified_cb), self);
      self->changed_handler = g_signal_connect (document, "changed",
                                                G_CALLBACK (document_changed_cb), self);
      self->can_undo_handler = g_signal_connect (document, "notify::can-undo",
                                                 G_CALLBACK (document_history_cb), self);
      self->can_redo_handler = g_signal_connect (document, "notify::can-redo",
                                                 G_CALLBACK (document_history_cb), self);
      /* GLib says "Unknown" when the password database has no real name. */
      if (name == NULL || *name == '\0' || strcmp (name, "Unknown") == 0)
        name = g_get_user_name ();
      self->person = g_strdup (alama_document_add_agent (document, ALAMA_AGENT_PERSON, name, NULL));
      if (self->file && self->save_path)
        {
          g_autofree char *original = g_file_get_path (self->file);

          if (original)
            self->recovery = alama_recovery_new (document, original, self->save_path);
        }
    }
  alama_document_view_set_document (self->document_view, document);
  reset_find (self);
  update_legend (self);
  update_title (self);
  update_subtitle (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static gboolean
show_preview_cb (gpointer user_data)
{
  Preview *preview = user_data;
  AlamaWindow *self = preview->window;

  if (preview->generation == self->generation && self->loading)
    {
      alama_document_view_show_text (self->document_view, preview->text);
      gtk_stack_set_visible_child_name (self->stack, "document");
    }
  return G_SOURCE_REMOVE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  AlamaFileFormat format;
  g_autoptr (AlamaDocument) document = NULL;
  g_autoptr (AlamaModel) model = NULL;
  g_autoptr (AlamaRecognizer) recognizer = NULL;
  g_autoptr (AlamaProgressRelay) relay = NULL;
  GError *error = NULL;
  LoadResult *result;
  Preview *preview;

  /* A file whose name says nothing is read as text: the decoder tells
   * whether it is. */
  if (!alama_file_format_guess (data->path, &format))
    format = ALAMA_FILE_FORMAT_TXT;
  document = alama_document_load_file (data->path, format, NULL, &error);
  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  result = g_new0 (LoadResult, 1);
  result->never_saved = format != ALAMA_FILE_FORMAT_XML;
  if (format == ALAMA_FILE_FORMAT_TXT && data->recognize)
    {
      preview = g_new0 (Preview, 1);
      preview->window = g_object_ref (data->window);
      preview->text = g_strdup (alama_document_get_text (document, NULL));
      preview->generation = data->generation;
      g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                                  show_preview_cb, preview, (GDestroyNotify) preview_free);

      model = alama_model_new_builtin (&error);
      if (model)
        {
          recognizer = recognizer_for_worker (model, G_OBJECT (data->window), data->generation,
                                              task, &relay);
          alama_recognizer_annotate (recognizer, document);
          /* The names found are what opening the text shows, not an edit
           * of the user's: nothing to undo, nothing to ask about on
           * closing.  The status says they are not saved yet. */
          alama_document_reset_history (document);
        }
      else
        {
          result->warning = g_strdup_printf (_("Names were not looked for: %s"), error->message);
          g_clear_error (&error);
        }
    }
  result->document = g_steal_pointer (&document);
  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

static void
load_done_cb (GObject      *source_object,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr (AlamaWindow) self = user_data;
  LoadData *data = g_task_get_task_data (G_TASK (res));
  guint generation = data->generation;
  g_autoptr (GError) error = NULL;
  LoadResult *result;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || generation != self->generation)
    {
      g_clear_pointer (&result, load_result_free);
      return;
    }

  set_loading (self, FALSE);
  if (result == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      set_document (self, NULL);
      return;
    }

  self->never_saved = result->never_saved;
  alama_status_bar_set_never_saved (self->status_bar, self->never_saved);
  set_document (self, result->document);
  alama_recent_add (self->file);
  gtk_stack_set_visible_child_name (self->stack, "document");
  /* The label keys act on the text: give it the focus, not the Open button. */
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
  if (result->warning)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (result->warning));
  if (g_getenv ("ALAMA_DEBUG_READY"))
    {
      g_autofree char *path = g_file_get_path (self->file);

      g_printerr ("alama: ready %s\n", path);
    }
  load_result_free (result);
}

/* Where win.save writes: the opened file when it is Alama XML, otherwise
 * NAME.xml beside it (article.txt → article.xml). */
static char *
save_path_for (const char *path)
{
  AlamaFileFormat format;
  const char *base;
  const char *dot;

  if (alama_file_format_guess (path, &format) && format == ALAMA_FILE_FORMAT_XML)
    return g_strdup (path);
  base = strrchr (path, G_DIR_SEPARATOR);
  base = base ? base + 1 : path;
  dot = strrchr (base, '.');
  if (dot && dot != base)
    {
      g_autofree char *stem = g_strndup (path, (gsize) (dot - path));

      return g_strconcat (stem, ".xml", NULL);
    }
  return g_strconcat (path, ".xml", NULL);
}

/**
 * alama_window_open:
 * @window: the window
 * @file: a local file: Alama XML, plain text or another format Alama reads
 *
 * Starts loading @file in the background; #AlamaWindow:loading is %TRUE
 * until it is shown, or an error page says why it could not be.
 */
void
alama_window_open (AlamaWindow *self,
                   GFile       *file)
{
  g_autoptr (GTask) task = NULL;
  LoadData *data;
  g_autofree char *path = NULL;

  g_return_if_fail (ALAMA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  alama_timing_mark ("open");
  alama_timing_watch_stalls ();
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;

  g_set_object (&self->file, file);
  path = g_file_get_path (file);
  g_clear_pointer (&self->save_path, g_free);
  set_document (self, NULL);
  set_loading (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("%s: only local files can be opened"), uri);

      set_loading (self, FALSE);
      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  self->save_path = save_path_for (path);
  update_title (self);

  data = g_new0 (LoadData, 1);
  data->window = self;
  data->path = g_steal_pointer (&path);
  data->generation = self->generation;
  data->recognize = self->recognize_on_open;
  task = g_task_new (NULL, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, alama_window_open);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* Writes the document as Alama XML to @path, which becomes its saved
 * state, and says so in a toast. */
static gboolean
write_document (AlamaWindow *self,
                const char  *path,
                GError     **error)
{
  g_autofree char *base_name = NULL;
  g_autofree char *message = NULL;

  if (!alama_xml_save_file (self->document, path, error))
    return FALSE;
  alama_document_set_unmodified (self->document);
  self->never_saved = FALSE;
  alama_status_bar_set_never_saved (self->status_bar, FALSE);
  {
    g_autoptr (GFile) saved = g_file_new_for_path (path);

    alama_recent_add (saved);
  }
  base_name = g_path_get_basename (path);
  message = g_strdup_printf (_("Saved as %s"), base_name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  update_subtitle (self);
  return TRUE;
}

/* Saves as Alama XML; an error is shown as a toast. */
static gboolean
save (AlamaWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (self->document == NULL || self->loading || self->save_path == NULL)
    return FALSE;
  if (!write_document (self, self->save_path, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return FALSE;
    }
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ALAMA_WINDOW (widget));
}

/**
 * alama_window_save_as:
 * @window: the window
 * @file: a local file; a name that does not end in .xml gets .alama.xml
 * @error: return location for an error
 *
 * Saves the document as Alama XML in @file; from then on the window shows
 * that file: its title, and where Save writes, follow it.
 *
 * Returns: %TRUE when saved
 */
gboolean
alama_window_save_as (AlamaWindow *self,
                      GFile       *file,
                      GError     **error)
{
  g_autofree char *path = NULL;
  AlamaFileFormat format;

  g_return_val_if_fail (ALAMA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->document == NULL || self->loading)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("There is no document to save yet"));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only local files can be written"), uri);
      return FALSE;
    }
  /* Files are read by their extension: another one would open as text. */
  if (!alama_file_format_guess (path, &format) || format != ALAMA_FILE_FORMAT_XML)
    {
      char *fixed = g_strconcat (path, ".alama.xml", NULL);

      g_free (path);
      path = fixed;
    }
  if (!write_document (self, path, error))
    return FALSE;
  g_clear_object (&self->file);
  self->file = g_file_new_for_path (path);
  g_free (self->save_path);
  self->save_path = g_steal_pointer (&path);
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  return TRUE;
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     AlamaWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GError) error = NULL;

      if (file && !alama_window_save_as (self, file, &error))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

/* win.save-as: proposes where Save writes when that is the opened Alama
 * XML file, otherwise NAME.alama.xml beside the opened file. */
static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;

  if (self->document == NULL || self->loading || self->file == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Save As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Alama documents"));
  gtk_file_filter_add_mime_type (filter, "application/x-alama+xml");
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  {
    g_autoptr (GFile) folder = g_file_get_parent (self->file);
    g_autofree char *base = g_file_get_basename (self->file);
    g_autofree char *path = g_file_get_path (self->file);

    if (folder)
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    if (path && self->save_path && strcmp (path, self->save_path) == 0)
      name = g_steal_pointer (&base);
    else
      {
        char *dot = strrchr (base, '.');

        if (dot && dot != base)
          *dot = '\0';
        name = g_strconcat (base, ".alama.xml", NULL);
      }
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* win.export: "tei", "conll", "json", "brat" or "pdf". */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_auto (GStrv) hidden = NULL;

  if (self->document == NULL || self->loading || !alama_export_format_is_valid (format))
    return;
  hidden = alama_document_view_dup_hidden_labels (self->document_view);
  alama_export_dialog_run (GTK_WINDOW (self), self->document, format,
                           (const char *const *) hidden, gtk_window_get_title (GTK_WINDOW (self)),
                           self->file, self->toast_overlay);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  g_auto (GStrv) hidden = NULL;

  if (self->document == NULL || self->loading)
    return;
  hidden = alama_document_view_dup_hidden_labels (self->document_view);
  alama_print_run_dialog (GTK_WINDOW (self), self->document, (const char *const *) hidden,
                          gtk_window_get_title (GTK_WINDOW (self)), self->toast_overlay);
}

/* Editing by hand.  The labels the keys 1 to 5 give, in the legend's
 * order. */
static const char *const key_labels[] = { "PERS", "LOC", "ORG", "MISC", "DATE" };

/**
 * alama_window_label_for_keyval:
 * @keyval: a key value
 *
 * The label a digit key gives: 1 to 5 label PERS, LOC, ORG, MISC, DATE.
 * Any decimal digit counts, so that the keys work whatever the layout:
 * ASCII and keypad digits, Arabic-Indic (١–٥) and Extended Arabic-Indic
 * (۱–۵, Persian and Urdu layouts) digits.
 *
 * Returns: (nullable): the label, or %NULL when @keyval is none of them
 */
const char *
alama_window_label_for_keyval (guint keyval)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  int digit;

  if (c == 0)
    return NULL;
  digit = g_unichar_digit_value (c);
  if (digit < 1 || digit > (int) G_N_ELEMENTS (key_labels))
    return NULL;
  return key_labels[digit - 1];
}

static void
get_selection (AlamaWindow *self,
               gsize       *start,
               gsize       *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->document_view));
  GtkTextIter start_iter;
  GtkTextIter end_iter;

  gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter);
  *start = (gsize) gtk_text_iter_get_offset (&start_iter);
  *end = (gsize) gtk_text_iter_get_offset (&end_iter);
}

/* The entity (not rejected) under the caret: the one holding the character
 * after it, or else the one just before it (a click on the last half of a
 * word's last letter puts the caret after it). */
static const AlamaAnnotation *
annotation_at_caret (AlamaWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->document_view));
  GtkTextIter iter;
  const AlamaAnnotation *before = NULL;
  gsize offset;
  guint n;

  if (self->document == NULL)
    return NULL;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  offset = (gsize) gtk_text_iter_get_offset (&iter);
  n = alama_document_get_n_annotations (self->document);
  for (guint k = 0; k < n; k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (self->document, k);

      if (!alama_annotation_is_entity (a))
        continue;
      if (a->start <= offset && offset < a->end)
        return a;
      if (a->end == offset)
        before = a;
    }
  return before;
}

/* The tokens of the lines that [start, end) touches, with offsets in the
 * whole text (no word crosses a line break).  Only those lines are
 * tokenized: keeping the tokens of a long text would cost more memory than
 * its text.  [0, n_chars) gives every token. */
static GArray *
line_tokens (AlamaWindow *self,
             gsize        start,
             gsize        end)
{
  gsize len;
  const char *text = alama_document_get_text (self->document, &len);
  gsize start_byte = alama_document_char_to_byte (self->document, start);
  gsize from = start_byte;
  gsize to = alama_document_char_to_byte (self->document, end);
  gsize from_char;
  GArray *array = g_array_new (FALSE, FALSE, sizeof (AlamaToken));
  AlamaToken *tokens;

  while (from > 0 && text[from - 1] != '\n')
    from--;
  while (to < len && text[to] != '\n')
    to++;
  from_char = start - (gsize) g_utf8_strlen (text + from, (gssize) (start_byte - from));
  alama_tokenize (text + from, to - from, array);
  tokens = (AlamaToken *) (gpointer) array->data;
  for (guint k = 0; k < array->len; k++)
    {
      tokens[k].start_char += from_char;
      tokens[k].end_char += from_char;
      tokens[k].start_byte += from;
      tokens[k].end_byte += from;
    }
  return array;
}

/* Snaps [*start, *end) to words, the way the recognizer draws a name
 * (alama_snap_span()): selecting part of «وبيروت» gives «بيروت».  Returns
 * FALSE when no word is left. */
static gboolean
snap_span (AlamaWindow *self,
           gsize       *start,
           gsize       *end)
{
  g_autoptr (GArray) tokens = line_tokens (self, *start, *end);

  if (self->model == NULL)
    {
      g_autoptr (GError) error = NULL;

      self->model = alama_model_new_builtin (&error);
      if (self->model == NULL)
        g_debug ("no built-in model, proclitics are kept: %s", error->message);
    }
  return alama_snap_span (alama_document_get_text (self->document, NULL), tokens,
                          self->model ? alama_model_get_lexicon (self->model) : NULL, start, end);
}

static void
show_error (AlamaWindow *self,
            GError      *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* Labels [start, end) by hand: the entities it overlaps go, in the same
 * undoable step. */
static void
label_span (AlamaWindow *self,
            gsize        start,
            gsize        end,
            const char  *label)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  AlamaAnnotation annotation = { 0 };
  guint n = alama_document_get_n_annotations (self->document);

  for (guint k = 0; k < n; k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (self->document, k);

      if (alama_annotation_is_entity (a) && a->start < end && start < a->end)
        g_ptr_array_add (ids, g_strdup (a->id));
    }

  annotation.start = start;
  annotation.end = end;
  annotation.label = (char *) label;
  annotation.origin = self->person;
  annotation.status = ALAMA_STATUS_MANUAL;
  annotation.confidence = -1;

  alama_document_begin_group (self->document, _("Label"));
  for (guint k = 0; k < ids->len; k++)
    alama_document_remove_annotation (self->document, ids->pdata[k], NULL);
  if (alama_document_add_annotation (self->document, &annotation, &error) == NULL)
    show_error (self, error);
  alama_document_end_group (self->document);
}

/* doc.label and doc.label-exact: labels the selection, snapped to words
 * (doc.label) or as it is (doc.label-exact, Shift with the key, and
 * doc.label when snapping is off in the preferences).  With nothing
 * selected, relabels the entity under the caret, or labels the word under
 * it (doc.label, snapping or not: there is no other span to take). */
static void
label_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  const char *label = g_variant_get_string (parameter, NULL);
  gboolean exact = strcmp (action_name, "doc.label-exact") == 0;
  gsize start;
  gsize end;

  if (self->document == NULL || self->loading)
    return;
  get_selection (self, &start, &end);
  if (start == end)
    {
      const AlamaAnnotation *annotation = annotation_at_caret (self);

      if (annotation)
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *id = g_strdup (annotation->id);

          if (!alama_document_relabel (self->document, id, label, self->person, &error))
            show_error (self, error);
          return;
        }
      if (exact)
        return;
    }
  if (start != end && !self->snap_to_words)
    exact = TRUE;
  if (!exact && !snap_span (self, &start, &end))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  label_span (self, start, end, label);
}

/* doc.accept, doc.reject, doc.delete on the entity under the caret.
 * Delete rejects a suggestion (the model's proposal stays on record, and
 * the recognizer will not propose it again over it) and removes what a
 * person made or confirmed. */
static void
status_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  const AlamaAnnotation *annotation = annotation_at_caret (self);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean ok;

  if (annotation == NULL || self->loading)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  id = g_strdup (annotation->id);
  if (strcmp (action_name, "doc.accept") == 0)
    ok = alama_document_accept (self->document, id, self->person, &error);
  else if (strcmp (action_name, "doc.reject") == 0
           || annotation->status == ALAMA_STATUS_SUGGESTED)
    ok = alama_document_reject (self->document, id, self->person, &error);
  else
    ok = alama_document_remove_annotation (self->document, id, &error);
  if (!ok)
    show_error (self, error);
}

static void
accept_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

  if (self->document && !self->loading)
    alama_document_accept_all (self->document, NULL, self->person);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

  if (self->document == NULL || self->loading)
    return;
  if (strcmp (action_name, "doc.undo") == 0)
    alama_document_undo (self->document);
  else
    alama_document_redo (self->document);
}

/* The keys of the view, caught before GtkTextView sees them (it binds
 * Ctrl+Z, Delete and BackSpace itself).  The label keys are the digit row:
 * a key's own value is tried first, then the value of the same physical
 * key with no modifier, so that Shift+1 (which gives "!" on most layouts)
 * is still 1 and the override. */
static gboolean
view_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     AlamaWindow           *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  const char *label;

  if (event && (gdk_key_event_matches (event, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK)
                    == GDK_KEY_MATCH_EXACT
                || gdk_key_event_matches (event, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK)
                       == GDK_KEY_MATCH_EXACT))
    return gtk_widget_activate_action (widget, "doc.redo", NULL);
  if (event && gdk_key_event_matches (event, GDK_KEY_z, GDK_CONTROL_MASK) == GDK_KEY_MATCH_EXACT)
    return gtk_widget_activate_action (widget, "doc.undo", NULL);
  if (mods & ~GDK_SHIFT_MASK)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      return gtk_widget_activate_action (widget, "doc.accept", NULL);
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      return gtk_widget_activate_action (widget, "doc.delete", NULL);
    case GDK_KEY_BackSpace:
      return gtk_widget_activate_action (widget, "doc.reject", NULL);
    default:
      break;
    }

  label = alama_window_label_for_keyval (keyval);
  if (label == NULL && event)
    {
      guint base = 0;

      if (gdk_display_translate_key (gtk_widget_get_display (widget), keycode, 0,
                                     (int) gdk_key_event_get_layout (event), &base, NULL, NULL,
                                     NULL))
        label = alama_window_label_for_keyval (base);
    }
  if (label == NULL)
    return FALSE;
  return gtk_widget_activate_action (widget,
                                     (mods & GDK_SHIFT_MASK) ? "doc.label-exact" : "doc.label",
                                     "s", label);
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   AlamaWindow      *self)
{
  if (strcmp (response, "save") == 0 && !save (self))
    return;
  if (strcmp (response, "save") == 0 || strcmp (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Closing with unsaved changes asks first: Save, Discard or Cancel. */
static gboolean
alama_window_close_request (GtkWindow *window)
{
  AlamaWindow *self = ALAMA_WINDOW (window);
  AdwMessageDialog *dialog;
  const char *title;

  if (self->close_confirmed || self->loading || self->document == NULL
      || !alama_document_get_modified (self->document))
    return GTK_WINDOW_CLASS (alama_window_parent_class)->close_request (window);

  title = gtk_window_get_title (window);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The annotations of “%s” have unsaved changes. Changes that "
                                    "are not saved are lost."),
                                  title ? title : "");
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/**
 * alama_window_get_file:
 * @window: the window
 *
 * Returns: (transfer none) (nullable): the file shown or being opened
 */
GFile *
alama_window_get_file (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);
  return self->file;
}

/**
 * alama_window_get_document:
 * @window: the window
 *
 * Returns: (transfer none) (nullable): the document shown, once loaded
 */
AlamaDocument *
alama_window_get_document (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);
  return self->document;
}

gboolean
alama_window_get_loading (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), FALSE);
  return self->loading;
}

static void
toggle_panel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);

  gtk_toggle_button_set_active (self->panel_button,
                                !gtk_toggle_button_get_active (self->panel_button));
}

/**
 * alama_window_get_entity_panel:
 * @window: the window
 *
 * Returns: (transfer none): the side panel listing the entities
 */
AlamaEntityPanel *
alama_window_get_entity_panel (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);
  return self->entity_panel;
}

/**
 * alama_window_get_document_view:
 * @window: the window
 *
 * Returns: (transfer none): the view of the document
 */
AlamaDocumentView *
alama_window_get_document_view (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);
  return self->document_view;
}

/**
 * alama_window_get_status_bar:
 * @window: the window
 *
 * Returns: (transfer none): the status bar under the document
 */
AlamaStatusBar *
alama_window_get_status_bar (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);
  return self->status_bar;
}

AlamaWindow *
alama_window_new (AlamaApplication *app)
{
  return g_object_new (ALAMA_TYPE_WINDOW, "application", app, NULL);
}

static void
alama_window_dispose (GObject *object)
{
  AlamaWindow *self = ALAMA_WINDOW (object);

  /* A load still running finishes into a window without widgets: make its
   * answers (the preview, the document) stale so that they are dropped. */
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  disconnect_document (self);
  g_clear_pointer (&self->model, alama_model_unref);
  if (self->label_popover)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->label_popover)));
  if (self->find_bar)
    g_signal_handlers_disconnect_by_func (self->find_bar, find_mode_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_WINDOW);
  G_OBJECT_CLASS (alama_window_parent_class)->dispose (object);
}

static void
alama_window_finalize (GObject *object)
{
  AlamaWindow *self = ALAMA_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_pointer (&self->save_path, g_free);
  g_clear_pointer (&self->person, g_free);
  g_clear_pointer (&self->find_index, alama_find_index_free);
  g_clear_pointer (&self->find_matches, g_array_unref);
  g_clear_pointer (&self->find_query, g_free);
  g_clear_pointer (&self->highlighted_labels, g_strfreev);
  G_OBJECT_CLASS (alama_window_parent_class)->finalize (object);
}

static void
alama_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AlamaWindow *self = ALAMA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_RECOGNIZE_ON_OPEN:
      g_value_set_boolean (value, self->recognize_on_open);
      break;
    case PROP_SNAP_TO_WORDS:
      g_value_set_boolean (value, self->snap_to_words);
      break;
    case PROP_HIGHLIGHTED_LABELS:
      g_value_set_boxed (value, self->highlighted_labels);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Preferences.  Of the entity types, the five of the legend are
 * highlighted or not as #AlamaWindow:highlighted-labels says, which the
 * entity panel's switches change too; other labels a document brings are
 * highlighted unless their switch is turned off, for this window only. */
static gboolean
is_highlighted (AlamaWindow *self,
                const char  *label)
{
  return self->highlighted_labels && g_strv_contains ((const char *const *) self->highlighted_labels,
                                                      label);
}

/**
 * alama_window_set_highlighted_labels:
 * @window: the window
 * @labels: (nullable): which of PERS, LOC, ORG, MISC and DATE to highlight
 *
 * Shows the highlights of the legend's entity types in @labels and hides
 * the others'; the entity panel's switches follow.
 */
void
alama_window_set_highlighted_labels (AlamaWindow       *self,
                                     const char *const *labels)
{
  static const char *const none[] = { NULL };

  g_return_if_fail (ALAMA_IS_WINDOW (self));

  if (labels == NULL)
    labels = none;
  if (self->highlighted_labels
      && g_strv_equal ((const char *const *) self->highlighted_labels, labels))
    return;
  g_strfreev (self->highlighted_labels);
  self->highlighted_labels = g_strdupv ((char **) labels);
  for (guint k = 0; k < G_N_ELEMENTS (legend_labels); k++)
    alama_entity_panel_set_label_visible (self->entity_panel, legend_labels[k],
                                          is_highlighted (self, legend_labels[k]));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTED_LABELS]);
}

/* A switch of the entity panel: the legend's types are kept in
 * #AlamaWindow:highlighted-labels, in the legend's order, with any other
 * names it held. */
static void
label_visibility_changed_cb (AlamaDocumentView *view,
                             const char        *label,
                             gboolean           visible,
                             AlamaWindow       *self)
{
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) labels = NULL;
  gboolean known = FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (legend_labels); k++)
    known = known || strcmp (label, legend_labels[k]) == 0;
  if (!known || is_highlighted (self, label) == visible)
    return;

  builder = g_strv_builder_new ();
  for (guint k = 0; k < G_N_ELEMENTS (legend_labels); k++)
    if (strcmp (label, legend_labels[k]) == 0 ? visible : is_highlighted (self, legend_labels[k]))
      g_strv_builder_add (builder, legend_labels[k]);
  for (guint k = 0; self->highlighted_labels && self->highlighted_labels[k]; k++)
    if (!g_strv_contains (legend_labels, self->highlighted_labels[k]))
      g_strv_builder_add (builder, self->highlighted_labels[k]);
  labels = g_strv_builder_end (builder);
  alama_window_set_highlighted_labels (self, (const char *const *) labels);
}

static void
alama_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AlamaWindow *self = ALAMA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RECOGNIZE_ON_OPEN:
      if (self->recognize_on_open != g_value_get_boolean (value))
        {
          self->recognize_on_open = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SNAP_TO_WORDS:
      if (self->snap_to_words != g_value_get_boolean (value))
        {
          self->snap_to_words = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_HIGHLIGHTED_LABELS:
      alama_window_set_highlighted_labels (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* win.zoom-in, win.zoom-out, win.zoom-reset: the size of the text, kept in
 * the font setting (the document view's font is bound to it). */
static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  int direction = 0;

  if (strcmp (action_name, "win.zoom-in") == 0)
    direction = 1;
  else if (strcmp (action_name, "win.zoom-out") == 0)
    direction = -1;
  alama_document_view_zoom (self->document_view, direction);
}

/* Ctrl with the wheel zooms, one step a notch (or a notch's worth of a
 * touchpad's smooth scrolling). */
static gboolean
view_scroll_cb (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                AlamaWindow              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (
      GTK_EVENT_CONTROLLER (controller));

  if ((state & gtk_accelerator_get_default_mod_mask ()) != GDK_CONTROL_MASK || dy == 0)
    return FALSE;
  alama_document_view_zoom (self->document_view, dy < 0 ? 1 : -1);
  return TRUE;
}

/* doc.annotate-all: labels the other occurrences of the entity under the
 * caret (alama_occurrences_label()), as one undoable step, and says how
 * many. */
static void
annotate_all_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  const AlamaAnnotation *annotation = annotation_at_caret (self);
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  g_autoptr (GArray) tokens = NULL;
  gsize start;
  gsize end;
  guint kept = 0;
  guint added;

  if (annotation == NULL || self->loading)
    {
      gtk_widget_error_bell (widget);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Put the caret on a name first")));
      return;
    }
  label = g_strdup (annotation->label);
  start = annotation->start;
  end = annotation->end;
  tokens = line_tokens (self, 0, alama_document_get_n_chars (self->document));
  added = alama_occurrences_label (self->document, tokens, start, end, label, self->person,
                                   _("Label All Occurrences"), &kept);
  if (added > 0)
    /* TRANSLATORS: %u is a count, %s a label name (PERS, LOC…) */
    message = g_strdup_printf (ngettext ("Labelled %u more occurrence as %s",
                                         "Labelled %u more occurrences as %s", added),
                               added, label);
  else if (kept > 0)
    message = g_strdup (_("Every other occurrence is labelled already"));
  else
    message = g_strdup (_("No other occurrences"));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* doc.extend-word, doc.shrink-word (at the entity's end) and
 * doc.extend-word-start, doc.shrink-word-start (at its start): the entity
 * under the caret takes in or gives up a word, and whatever other entity
 * it grows over goes, in the same undoable step.  The caret stays inside,
 * so that the keys can be pressed again. */
static void
resize_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  const AlamaAnnotation *annotation = annotation_at_caret (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->document_view));
  AlamaSnapEdge edge = g_str_has_suffix (action_name, "-start") ? ALAMA_SNAP_START : ALAMA_SNAP_END;
  gboolean extend = g_str_has_prefix (action_name, "doc.extend");
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr (GArray) tokens = NULL;
  GtkTextIter caret;
  gsize caret_char;
  gsize start;
  gsize end;
  guint n;

  if (annotation == NULL || self->loading)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  start = annotation->start;
  end = annotation->end;
  tokens = line_tokens (self, start, end);
  if (!alama_snap_resize (tokens, edge, extend, &start, &end))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  id = g_strdup (annotation->id);
  n = alama_document_get_n_annotations (self->document);
  for (guint k = 0; k < n; k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (self->document, k);

      if (alama_annotation_is_entity (a) && strcmp (a->id, id) != 0 && a->start < end
          && start < a->end)
        g_ptr_array_add (ids, g_strdup (a->id));
    }
  alama_document_begin_group (self->document, _("Resize"));
  for (guint k = 0; k < ids->len; k++)
    alama_document_remove_annotation (self->document, ids->pdata[k], NULL);
  if (!alama_document_resize (self->document, id, start, end, self->person, &error))
    show_error (self, error);
  alama_document_end_group (self->document);

  gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
  caret_char = (gsize) gtk_text_iter_get_offset (&caret);
  if (caret_char < start || caret_char > end)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &caret, (int) (caret_char < start ? start : end));
      gtk_text_buffer_place_cursor (buffer, &caret);
    }
}

/* Where the character at @offset is drawn, in the view's coordinates,
 * with a width that is never negative (right-to-left runs). */
static GdkRectangle
char_rect (AlamaWindow *self,
           gsize        offset)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->document_view);
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, (int) offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  if (rect.width < 0)
    {
      rect.x += rect.width;
      rect.width = -rect.width;
    }
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &rect.x,
                                         &rect.y);
  return rect;
}

/* doc.label-menu: opens the label popover over the selection, or else the
 * entity under the caret, or else the word under it, for what the label
 * keys and doc.accept, doc.reject, doc.delete would act on. */
static void
label_menu_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  const AlamaAnnotation *annotation;
  g_autofree char *surface = NULL;
  GdkRectangle rect;
  GdkRectangle last;
  gsize start;
  gsize end;

  if (self->document == NULL || self->loading)
    return;
  annotation = annotation_at_caret (self);
  get_selection (self, &start, &end);
  if (start == end && annotation)
    {
      start = annotation->start;
      end = annotation->end;
    }
  else if (start == end && !snap_span (self, &start, &end))
    end = start;
  if (end > start)
    surface = alama_document_dup_substring (self->document, start, end);

  rect = char_rect (self, start);
  if (end > start)
    {
      last = char_rect (self, end - 1);
      /* On one line, the whole range; over several, its first line. */
      if (last.y == rect.y)
        gdk_rectangle_union (&rect, &last, &rect);
    }
  /* A target scrolled out of sight: the popover points at the nearest
   * edge of what is shown (GTK cannot place it outside the window), and
   * the view scrolls the target in. */
  {
    GtkTextView *view = GTK_TEXT_VIEW (self->document_view);
    int width = gtk_widget_get_width (GTK_WIDGET (view));
    int height = gtk_widget_get_height (GTK_WIDGET (view));

    if (rect.y + rect.height <= 0 || rect.y >= height || rect.x + rect.width <= 0 || rect.x >= width)
      {
        rect.x = CLAMP (rect.x, 0, MAX (width - 1, 0));
        rect.y = CLAMP (rect.y, 0, MAX (height - 1, 0));
        rect.width = rect.height = 1;
        /* The target holds or touches the caret. */
        gtk_text_view_scroll_to_mark (view, gtk_text_buffer_get_insert (gtk_text_view_get_buffer (view)),
                                      0.2, FALSE, 0, 0);
      }
  }
  alama_label_popover_set_target (self->label_popover, surface, annotation);
  /* The view's tooltip would cover the popover; it is back on ::closed. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->document_view), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->label_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->label_popover));
}

/* A right click over the text: the caret goes where it was clicked, unless
 * that is inside the selection, and the label popover opens instead of
 * GtkTextView's menu.  The gesture runs before the view's own, and claims
 * the click. */
static void
context_click_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  AlamaWindow     *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->document_view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;
  GtkTextIter start;
  GtkTextIter end;
  int bx;
  int by;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (self->document == NULL || self->loading)
    return;
  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_location (view, &iter, bx, by);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end)
      || !gtk_text_iter_in_range (&iter, &start, &end))
    gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_widget_activate_action (GTK_WIDGET (self), "doc.label-menu", NULL);
}

/* The keys of the gestures on the text, caught before GtkTextView's own
 * bindings (it opens its menu on Menu and Shift+F10, and unselects on
 * Ctrl+Shift+A).  Alt with an arrow moves the entity's edge on that side
 * of the screen: with Shift, out by a word; without, in by one.  In
 * right-to-left text the left edge is the end. */
static gboolean
gesture_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        AlamaWindow           *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gboolean left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;
  gboolean right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;

  if ((keyval == GDK_KEY_Menu && mods == 0) || (keyval == GDK_KEY_F10 && mods == GDK_SHIFT_MASK))
    return gtk_widget_activate_action (widget, "doc.label-menu", NULL);
  if ((keyval == GDK_KEY_a || keyval == GDK_KEY_A) && mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
    return gtk_widget_activate_action (widget, "doc.annotate-all", NULL);
  if ((left || right) && (mods == GDK_ALT_MASK || mods == (GDK_ALT_MASK | GDK_SHIFT_MASK)))
    {
      gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self->document_view)) == GTK_TEXT_DIR_RTL;
      gboolean at_end = left == rtl;
      gboolean extend = (mods & GDK_SHIFT_MASK) != 0;

      if (extend)
        return gtk_widget_activate_action (widget, at_end ? "doc.extend-word"
                                                          : "doc.extend-word-start", NULL);
      return gtk_widget_activate_action (widget, at_end ? "doc.shrink-word"
                                                        : "doc.shrink-word-start", NULL);
    }
  return FALSE;
}

static void
label_popover_closed_cb (GtkPopover  *popover,
                         AlamaWindow *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->document_view), TRUE);
}

/**
 * alama_window_get_label_popover:
 * @window: the window
 *
 * Returns: (transfer none): the label popover of the text
 */
AlamaLabelPopover *
alama_window_get_label_popover (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);
  return self->label_popover;
}

/**
 * alama_window_get_save_path:
 * @window: the window
 *
 * Returns: (nullable): where win.save writes, once a file is opened
 */
const char *
alama_window_get_save_path (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);
  return self->save_path;
}

/**
 * alama_window_add_toast:
 * @window: the window
 * @toast: (transfer full): a toast to show over the window's content
 */
void
alama_window_add_toast (AlamaWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (ALAMA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * alama_window_restore:
 * @window: the window
 * @document: a document rebuilt from a recovery copy
 * @file: the file it was first opened from
 * @save_path: where saving it writes
 *
 * Shows @document at once, marked modified, as if @file had been opened
 * and edited; anything being opened is abandoned.
 */
void
alama_window_restore (AlamaWindow   *self,
                      AlamaDocument *document,
                      GFile         *file,
                      const char    *save_path)
{
  g_return_if_fail (ALAMA_IS_WINDOW (self));
  g_return_if_fail (ALAMA_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (save_path != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  g_set_object (&self->file, file);
  g_free (self->save_path);
  self->save_path = g_strdup (save_path);
  set_loading (self, FALSE);
  alama_document_set_modified (document);
  set_document (self, document);
  gtk_stack_set_visible_child_name (self->stack, "document");
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/* win.open-file: opens a file given by its URI (a recent file), here when
 * the window is empty. */
static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  GSList files = { file, NULL };

  alama_drop_open_files (ALAMA_WINDOW (widget), &files);
}

/* doc.recognize: the recognizer runs again on a worker thread, over a copy
 * of the text (the text never changes, the annotations may meanwhile);
 * its suggestions then replace the untouched ones on the main thread, as
 * one undoable step that keeps what people made, changed or looked at. */
typedef struct
{
  AlamaWindow *window; /* not a reference; alive until the callback */
  char *text;
  gsize len;
  guint generation;
} RecognizeData;

typedef struct
{
  GArray *entities; /* AlamaEntity */
  /* The entities' types are the model's strings: it lives as long. */
  AlamaModel *model;
} RecognizeResult;

static void
recognize_data_free (RecognizeData *data)
{
  g_free (data->text);
  g_free (data);
}

static void
recognize_result_free (RecognizeResult *result)
{
  g_array_unref (result->entities);
  alama_model_unref (result->model);
  g_free (result);
}

static void
recognize_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RecognizeData *data = task_data;
  g_autoptr (AlamaModel) model = NULL;
  g_autoptr (AlamaRecognizer) recognizer = NULL;
  g_autoptr (AlamaProgressRelay) relay = NULL;
  RecognizeResult *result;
  GError *error = NULL;

  model = alama_model_new_builtin (&error);
  if (model == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  recognizer = recognizer_for_worker (model, G_OBJECT (data->window), data->generation, task,
                                     &relay);
  result = g_new0 (RecognizeResult, 1);
  result->entities = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
  result->model = alama_model_ref (model);
  alama_recognizer_recognize (recognizer, data->text, data->len, result->entities);
  g_debug ("recognize: %u names found on a worker thread", result->entities->len);
  g_task_return_pointer (task, result, (GDestroyNotify) recognize_result_free);
}

/* The suggestions, as "start end label" (a set). */
static GHashTable *
suggestion_keys (AlamaDocument *document)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = alama_document_get_n_annotations (document);

  for (guint k = 0; k < n; k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      if (a->status == ALAMA_STATUS_SUGGESTED)
        g_hash_table_add (keys, g_strdup_printf ("%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %s",
                                                 a->start, a->end, a->label));
    }
  return keys;
}

static guint
count_missing (GHashTable *from,
               GHashTable *in)
{
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    n += !g_hash_table_contains (in, key);
  return n;
}

static void
recognize_done_cb (GObject      *source_object,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr (AlamaWindow) self = user_data;
  RecognizeData *data = g_task_get_task_data (G_TASK (res));
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) after = NULL;
  g_autofree char *message = NULL;
  RecognizeResult *result;
  const char *agent;
  guint changed;
  guint changed_id;
  g_autoptr (GArray) blocked = NULL;
  gint64 start;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  /* Only one runs at a time: whatever its answer, it is over. */
  self->recognizing = FALSE;
  if (self->spinner == NULL) /* the window is gone */
    {
      g_clear_pointer (&result, recognize_result_free);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->loading);
  gtk_spinner_set_spinning (self->spinner, self->loading);
  if (!self->loading)
    hide_progress (self);
  update_actions (self);
  /* The window has shown another document since. */
  if (data->generation != self->generation
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&result, recognize_result_free);
      return;
    }
  if (result == NULL || self->document == NULL)
    {
      if (error)
        show_error (self, error);
      g_clear_pointer (&result, recognize_result_free);
      return;
    }

  start = g_get_monotonic_time ();
  before = suggestion_keys (self->document);
  agent = alama_document_add_agent (self->document, ALAMA_AGENT_MODEL, "alama-ner",
                                    alama_model_get_version (result->model));
  /* Each annotation replaced tells ::changed, and the listeners (the
   * view, the legend) then look at all annotations: thousands of
   * suggestions would take minutes.  Blocked meanwhile, they are told
   * once, over the whole text. */
  changed_id = g_signal_lookup ("changed", ALAMA_TYPE_DOCUMENT);
  blocked = g_array_new (FALSE, FALSE, sizeof (gulong));
  for (;;)
    {
      gulong handler = g_signal_handler_find (self->document,
                                              G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_UNBLOCKED,
                                              changed_id, 0, NULL, NULL, NULL);

      if (handler == 0)
        break;
      g_signal_handler_block (self->document, handler);
      g_array_append_val (blocked, handler);
    }
  alama_document_replace_suggestions (self->document, agent, result->entities);
  for (guint k = 0; k < blocked->len; k++)
    g_signal_handler_unblock (self->document, g_array_index (blocked, gulong, k));
  g_signal_emit (self->document, changed_id, 0, (guint64) 0,
                 (guint64) alama_document_get_n_chars (self->document));
  after = suggestion_keys (self->document);
  changed = count_missing (before, after) + count_missing (after, before);
  g_debug ("recognize: suggestions replaced in %.0f ms on the main thread",
           (double) (g_get_monotonic_time () - start) / 1000);
  if (changed == 0)
    message = g_strdup (_("Names found again: no suggestion changed"));
  else
    /* TRANSLATORS: after "Find Names Again"; suggestions added plus removed */
    message = g_strdup_printf (ngettext ("Names found again: %u suggestion changed",
                                         "Names found again: %u suggestions changed", changed),
                               changed);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  recognize_result_free (result);
}

static void
recognize_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  g_autoptr (GTask) task = NULL;
  RecognizeData *data;
  const char *text;

  if (self->document == NULL || self->loading || self->recognizing)
    return;
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  data = g_new0 (RecognizeData, 1);
  data->window = self;
  text = alama_document_get_text (self->document, &data->len);
  data->text = g_memdup2 (text, data->len + 1);
  data->generation = self->generation;
  self->recognizing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  update_actions (self);
  task = g_task_new (NULL, self->cancellable, recognize_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, recognize_action);
  g_task_set_task_data (task, data, (GDestroyNotify) recognize_data_free);
  g_task_run_in_thread (task, recognize_thread);
}

/**
 * alama_window_get_recognizing:
 * @window: the window
 *
 * Returns: whether doc.recognize is running
 */
gboolean
alama_window_get_recognizing (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), FALSE);
  return self->recognizing;
}

/**
 * alama_window_get_progress_bar:
 * @window: the window
 *
 * Returns: (transfer none): the bar showing how far finding names has
 *   come, visible only meanwhile
 */
GtkProgressBar *
alama_window_get_progress_bar (AlamaWindow *self)
{
  g_return_val_if_fail (ALAMA_IS_WINDOW (self), NULL);
  return self->progress_bar;
}

static void
alama_window_class_init (AlamaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  window_class->close_request = alama_window_close_request;
  object_class->dispose = alama_window_dispose;
  object_class->finalize = alama_window_finalize;
  object_class->get_property = alama_window_get_property;
  object_class->set_property = alama_window_set_property;

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, ALAMA_TYPE_DOCUMENT,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECOGNIZE_ON_OPEN] = g_param_spec_boolean ("recognize-on-open", NULL, NULL, TRUE,
                                                             G_PARAM_READWRITE
                                                                 | G_PARAM_EXPLICIT_NOTIFY
                                                                 | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_TO_WORDS] = g_param_spec_boolean ("snap-to-words", NULL, NULL, TRUE,
                                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                             | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGHLIGHTED_LABELS] = g_param_spec_boxed ("highlighted-labels", NULL, NULL,
                                                            G_TYPE_STRV,
                                                            G_PARAM_READWRITE
                                                                | G_PARAM_EXPLICIT_NOTIFY
                                                                | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ALAMA_TYPE_DOCUMENT_VIEW);
  g_type_ensure (ALAMA_TYPE_ENTITY_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/alama/Alama/alama-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, entity_panel);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, find_bar);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, find_entry);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, find_status);
  gtk_widget_class_bind_template_callback (widget_class, find_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_stop_cb);

  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK,
                                       "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.find-previous", NULL);

  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, toggle_panel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-panel", NULL);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);

  /* The view catches these keys itself (view_key_pressed_cb); the
   * bindings serve when another widget of the window has the focus. */
  gtk_widget_class_install_action (widget_class, "doc.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "doc.redo", NULL, history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "doc.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "doc.redo", NULL);
  gtk_widget_class_install_action (widget_class, "doc.label", "s", label_action);
  gtk_widget_class_install_action (widget_class, "doc.label-exact", "s", label_action);
  for (guint k = 0; k < G_N_ELEMENTS (key_labels); k++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + k, 0, "doc.label", "s",
                                           key_labels[k]);
    }
  gtk_widget_class_install_action (widget_class, "doc.accept", NULL, status_action);
  gtk_widget_class_install_action (widget_class, "doc.reject", NULL, status_action);
  gtk_widget_class_install_action (widget_class, "doc.delete", NULL, status_action);
  gtk_widget_class_install_action (widget_class, "doc.accept-all", NULL, accept_all_action);

  gtk_widget_class_bind_template_callback (widget_class, find_close_cb);
  /* Save As, export and print (alama-export-dialog.c, alama-print.c). */
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "win.zoom-reset", NULL);
  /* Labelling all occurrences, resizing by a word, the label popover.  The
   * view catches their keys itself (gesture_key_pressed_cb); this binding
   * serves when another widget of the window has the focus. */
  gtk_widget_class_install_action (widget_class, "doc.annotate-all", NULL, annotate_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "doc.annotate-all", NULL);
  gtk_widget_class_install_action (widget_class, "doc.extend-word", NULL, resize_action);
  gtk_widget_class_install_action (widget_class, "doc.shrink-word", NULL, resize_action);
  gtk_widget_class_install_action (widget_class, "doc.extend-word-start", NULL, resize_action);
  gtk_widget_class_install_action (widget_class, "doc.shrink-word-start", NULL, resize_action);
  gtk_widget_class_install_action (widget_class, "doc.label-menu", NULL, label_menu_action);
  g_type_ensure (ALAMA_TYPE_STATUS_BAR);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, status_bar);
  gtk_widget_class_install_action (widget_class, "doc.recognize", NULL, recognize_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "doc.recognize",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  g_type_ensure (ALAMA_TYPE_RECENT_LIST);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, recent_menu);
}

static void
alama_window_init (AlamaWindow *self)
{
  GtkEventController *keys;
  GtkEventController *scroll;

  gtk_widget_init_template (GTK_WIDGET (self));
  alama_recent_bind_menu (self->recent_menu);
  gtk_stack_set_visible_child_name (self->stack, "empty");

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (view_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->document_view), keys);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (find_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->find_entry), keys);
  gtk_search_bar_connect_entry (self->find_bar, GTK_EDITABLE (self->find_entry));
  g_signal_connect (self->find_bar, "notify::search-mode-enabled", G_CALLBACK (find_mode_cb), self);
  self->search_tag = gtk_text_buffer_create_tag (
      gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->document_view)), "search",
      /* Dark text on the yellow in dark styles too. */
      "background", "#f6d32d", "foreground", "#241f31", NULL);
  update_actions (self);
  update_find_status (self);

  self->recognize_on_open = TRUE;
  self->snap_to_words = TRUE;
  self->highlighted_labels = g_strdupv ((char **) legend_labels);
  g_signal_connect (self->document_view, "label-visibility-changed",
                    G_CALLBACK (label_visibility_changed_cb), self);
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (view_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->document_view), scroll);
  /* The label popover, in place of the view's context menu. */
  self->label_popover = ALAMA_LABEL_POPOVER (alama_label_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->label_popover), GTK_WIDGET (self->document_view));
  g_signal_connect (self->label_popover, "closed", G_CALLBACK (label_popover_closed_cb), self);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (click), "alama-label-click");
    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect (click, "pressed", G_CALLBACK (context_click_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->document_view), GTK_EVENT_CONTROLLER (click));
  }
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "alama-gesture-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (gesture_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->document_view), keys);
  alama_drop_attach (self, GTK_WIDGET (self->toast_overlay));
}
