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
#include "alama-entity-panel.h"
#include "alama-find.h"
#include "alama-document-io.h"
#include "alama-file-format.h"
#include "alama-model.h"
#include "alama-recognizer.h"
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
};

G_DEFINE_FINAL_TYPE (AlamaWindow, alama_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_DOCUMENT,
  PROP_LOADING,
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
} LoadData;

typedef struct
{
  AlamaDocument *document;
  char *warning;
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
  else if (self->document && alama_document_get_modified (self->document))
    subtitle = _("Unsaved changes");
  else if (self->document)
    subtitle = _("Saved");
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
update_title (AlamaWindow *self)
{
  const char *title = NULL;
  g_autofree char *base_name = NULL;

  if (self->document)
    title = alama_document_get_title (self->document);
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
  };

  gtk_widget_action_set_enabled (widget, "win.save", ready);
  gtk_widget_action_set_enabled (widget, "doc.undo",
                                 ready && alama_document_can_undo (self->document));
  gtk_widget_action_set_enabled (widget, "doc.redo",
                                 ready && alama_document_can_redo (self->document));
  for (guint k = 0; k < G_N_ELEMENTS (edits); k++)
    gtk_widget_action_set_enabled (widget, edits[k], ready);
}

static void
set_loading (AlamaWindow *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
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

      gtk_box_append (self->legend, legend_chip (legend_labels[k], count,
                                                 label ? label->description : NULL));
    }
  for (guint k = 0; k < alama_label_set_get_n_labels (labels); k++)
    {
      const AlamaLabel *label = alama_label_set_get (labels, k);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, label->name));
      gboolean shown = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (legend_labels); j++)
        shown = shown || strcmp (label->name, legend_labels[j]) == 0;
      if (!shown && count > 0)
        gtk_box_append (self->legend, legend_chip (label->name, count, label->description));
    }
}

static void
document_modified_cb (AlamaDocument *document,
                      GParamSpec    *pspec,
                      AlamaWindow   *self)
{
  update_subtitle (self);
}

static void
document_changed_cb (AlamaDocument *document,
                     guint64        start,
                     guint64        end,
                     AlamaWindow   *self)
{
  update_legend (self);
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
  guint n = self->find_matches ? self->find_matches->len / 2 : 0;

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
find_mode_cb (GtkSearchBar *bar,
              GParamSpec   *pspec,
              AlamaWindow  *self)
{
  if (gtk_search_bar_get_search_mode (bar))
    return;
  clear_search_tag (self);
  g_clear_pointer (&self->find_matches, g_array_unref);
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
  if (format == ALAMA_FILE_FORMAT_TXT)
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
          recognizer = alama_recognizer_new (model);
          alama_recognizer_annotate (recognizer, document);
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

  set_document (self, result->document);
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
  task = g_task_new (NULL, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, alama_window_open);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* Saves as Alama XML; an error is shown as a toast. */
static gboolean
save (AlamaWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *base_name = NULL;
  g_autofree char *message = NULL;

  if (self->document == NULL || self->loading || self->save_path == NULL)
    return FALSE;
  if (!alama_xml_save_file (self->document, self->save_path, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return FALSE;
    }
  alama_document_set_unmodified (self->document);
  base_name = g_path_get_basename (self->save_path);
  message = g_strdup_printf (_("Saved as %s"), base_name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  update_subtitle (self);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (ALAMA_WINDOW (widget));
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

/* Snaps [*start, *end) to words, the way the recognizer draws a name:
 * every token it touches (an empty span: the token holding it) is taken
 * whole, punctuation at either end is left out, and so is a proclitic
 * attached to the first word (و ب ل ك ف, the article kept): selecting part
 * of «وبيروت» gives «بيروت».  Returns FALSE when no word is left. */
static gboolean
snap_span (AlamaWindow *self,
           gsize       *start,
           gsize       *end)
{
  gsize len;
  const char *text = alama_document_get_text (self->document, &len);
  gsize start_byte = alama_document_char_to_byte (self->document, *start);
  gsize from = start_byte;
  gsize to = alama_document_char_to_byte (self->document, *end);
  gsize from_char;
  g_autoptr (GArray) array = g_array_new (FALSE, FALSE, sizeof (AlamaToken));
  AlamaToken *tokens;
  guint first = G_MAXUINT;
  guint last = 0;

  /* Only the lines the span touches are tokenized (no word crosses a line
   * break): keeping the tokens of a long text would cost more memory than
   * its text. */
  while (from > 0 && text[from - 1] != '\n')
    from--;
  while (to < len && text[to] != '\n')
    to++;
  from_char = *start - (gsize) g_utf8_strlen (text + from, (gssize) (start_byte - from));
  text += from;
  alama_tokenize (text, to - from, array);
  tokens = (AlamaToken *) (gpointer) array->data;
  for (guint k = 0; k < array->len; k++)
    {
      tokens[k].start_char += from_char;
      tokens[k].end_char += from_char;
    }

  for (guint k = 0; k < array->len; k++)
    {
      const AlamaToken *t = &tokens[k];
      gboolean touches = *start == *end ? t->start_char <= *start && *start <= t->end_char
                                        : t->start_char < *end && *start < t->end_char;

      if (!touches || t->kind == ALAMA_TOKEN_PUNCT)
        continue;
      if (first == G_MAXUINT)
        first = k;
      last = k;
      if (*start == *end)
        break;
    }
  if (first == G_MAXUINT)
    return FALSE;

  *start = tokens[first].start_char;
  *end = tokens[last].end_char;
  if (tokens[first].kind == ALAMA_TOKEN_ARABIC)
    {
      gsize skip_chars = 0;

      if (self->model == NULL)
        {
          g_autoptr (GError) error = NULL;

          self->model = alama_model_new_builtin (&error);
          if (self->model == NULL)
            g_debug ("no built-in model, proclitics are kept: %s", error->message);
        }
      if (self->model)
        alama_proclitic_span_start (text + tokens[first].start_byte,
                                    tokens[first].end_byte - tokens[first].start_byte,
                                    alama_model_get_lexicon (self->model), &skip_chars);
      /* A word that is all proclitic letters stays whole. */
      if (*start + skip_chars < *end)
        *start += skip_chars;
    }
  return *start < *end;
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
 * (doc.label) or as it is (doc.label-exact, Shift with the key).  With
 * nothing selected, relabels the entity under the caret, or labels the
 * word under it. */
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, ALAMA_TYPE_DOCUMENT,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
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
}

static void
alama_window_init (AlamaWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
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
}
