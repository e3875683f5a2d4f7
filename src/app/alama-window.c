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

#include "alama-document-io.h"
#include "alama-file-format.h"
#include "alama-model.h"
#include "alama-recognizer.h"
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

  GFile *file;
  char *save_path;
  AlamaDocument *document;
  gulong modified_handler;
  gulong changed_handler;
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save",
                                 self->document != NULL && !self->loading);
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
  gboolean known = FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (legend_labels); k++)
    known = known || strcmp (label, legend_labels[k]) == 0;
  gtk_widget_add_css_class (chip, "alama-chip");
  gtk_widget_add_css_class (chip, known ? css_class : "other");
  gtk_widget_add_css_class (count_label, "count");
  gtk_box_append (GTK_BOX (chip), name);
  gtk_box_append (GTK_BOX (chip), count_label);
  if (description)
    gtk_widget_set_tooltip_text (chip, description);
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
set_document (AlamaWindow   *self,
              AlamaDocument *document)
{
  if (self->document)
    {
      g_clear_signal_handler (&self->modified_handler, self->document);
      g_clear_signal_handler (&self->changed_handler, self->document);
      g_clear_object (&self->document);
    }
  if (document)
    {
      self->document = g_object_ref (document);
      self->modified_handler = g_signal_connect (document, "notify::modified",
                                                 G_CALLBACK (document_modified_cb), self);
      self->changed_handler = g_signal_connect (document, "changed",
                                                G_CALLBACK (document_changed_cb), self);
    }
  alama_document_view_set_document (self->document_view, document);
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

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AlamaWindow *self = ALAMA_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *base_name = NULL;
  g_autofree char *message = NULL;

  if (self->document == NULL || self->loading || self->save_path == NULL)
    return;
  if (!alama_xml_save_file (self->document, self->save_path, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  alama_document_set_unmodified (self->document);
  base_name = g_path_get_basename (self->save_path);
  message = g_strdup_printf (_("Saved as %s"), base_name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  update_subtitle (self);
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
  if (self->document)
    {
      g_clear_signal_handler (&self->modified_handler, self->document);
      g_clear_signal_handler (&self->changed_handler, self->document);
      g_clear_object (&self->document);
    }
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
  gtk_widget_class_set_template_from_resource (widget_class, "/org/alama/Alama/alama-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, AlamaWindow, document_view);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
}

static void
alama_window_init (AlamaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}
