/* alama-status-bar.c: the line under a document.
 *
 * From the start: how many annotations are suggested, accepted (as they
 * were or edited) and added by hand, and rejected when there are any; the
 * entity under the caret (type, status, confidence) or how much is
 * selected; where the caret is; and whether the annotations are saved.
 *
 * The counts are redone from an idle of high priority after the document
 * changes, before the next frame: one pass over the annotations (a fraction
 * of a millisecond for 55,000), once per burst of edits however many
 * ::changed signals the burst emits (accept all emits one per annotation).
 * The entity under the caret is found by binary search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-status-bar.h"

#include <glib/gi18n.h>
#include <libintl.h>

/* Entities are names and dates: the search for the one under the caret
 * looks back over annotations starting at most this many characters before
 * it. */
#define MAX_ENTITY_CHARS 1024

struct _AlamaStatusBar
{
  GtkBox parent_instance;

  /* Template children. */
  GtkLabel *counts_label;
  GtkLabel *caret_label;
  GtkLabel *position_label;
  GtkLabel *saved_label;

  AlamaDocumentView *view;
  gulong document_handler;
  gulong mark_set_handler;
  AlamaDocument *document;
  gulong changed_handler;
  gulong modified_handler;
  guint update_id;
  gboolean never_saved;
  guint counts[ALAMA_N_STATUSES];
};

G_DEFINE_FINAL_TYPE (AlamaStatusBar, alama_status_bar, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_VIEW,
  PROP_NEVER_SAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * alama_saved_state_text:
 * @document: (nullable): a document
 * @never_saved: whether its annotations were never written to a file (a
 *   plain text just opened)
 *
 * Returns: (transfer none): what to say about it: "Unsaved changes",
 *   "Not saved yet", "Saved", or "" without a document
 */
const char *
alama_saved_state_text (AlamaDocument *document,
                        gboolean       never_saved)
{
  if (document == NULL)
    return "";
  if (alama_document_get_modified (document))
    return _("Unsaved changes");
  if (never_saved)
    return _("Not saved yet");
  return _("Saved");
}

/**
 * alama_entity_at:
 * @document: a document
 * @offset: a caret position, in characters
 *
 * The entity (not rejected) holding the character after @offset, or else
 * the one ending at @offset (a click on the last half of a word's last
 * letter puts the caret after it).  Found by binary search: the cost does
 * not grow with the number of annotations.
 *
 * Returns: (transfer none) (nullable): the entity, valid until the next
 *   edit
 */
const AlamaAnnotation *
alama_entity_at (AlamaDocument *document,
                 gsize          offset)
{
  const AlamaAnnotation *before = NULL;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), NULL);

  /* The first annotation starting after the offset. */
  hi = alama_document_get_n_annotations (document);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (alama_document_get_annotation (document, mid)->start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint k = lo; k > 0; k--)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k - 1);

      if (a->start + MAX_ENTITY_CHARS < offset)
        break;
      if (!alama_annotation_is_entity (a))
        continue;
      if (offset < a->end)
        return a;
      if (a->end == offset && before == NULL)
        before = a;
    }
  return before;
}

static const char *
status_text (AlamaAnnotationStatus status)
{
  switch (status)
    {
    case ALAMA_STATUS_SUGGESTED:
      return C_("annotation status", "Suggested");
    case ALAMA_STATUS_ACCEPTED:
      return C_("annotation status", "Accepted");
    case ALAMA_STATUS_EDITED:
      return C_("annotation status", "Edited");
    case ALAMA_STATUS_REJECTED:
      return C_("annotation status", "Rejected");
    case ALAMA_STATUS_MANUAL:
      return C_("annotation status", "Added by hand");
    default:
      return "";
    }
}

static void
update_counts (AlamaStatusBar *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *tooltip = NULL;
  guint accepted;
  guint n = 0;

  memset (self->counts, 0, sizeof self->counts);
  if (self->document)
    n = alama_document_get_n_annotations (self->document);
  for (guint k = 0; k < n; k++)
    {
      AlamaAnnotationStatus status = alama_document_get_annotation (self->document, k)->status;

      if ((guint) status < ALAMA_N_STATUSES)
        self->counts[status]++;
    }
  if (self->document == NULL)
    {
      gtk_label_set_text (self->counts_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->counts_label), NULL);
      return;
    }

  accepted = self->counts[ALAMA_STATUS_ACCEPTED] + self->counts[ALAMA_STATUS_EDITED];
  /* TRANSLATORS: annotations a model proposed that nobody looked at yet */
  g_string_append_printf (text, ngettext ("%u suggested", "%u suggested",
                                          self->counts[ALAMA_STATUS_SUGGESTED]),
                          self->counts[ALAMA_STATUS_SUGGESTED]);
  g_string_append (text, " · ");
  /* TRANSLATORS: suggestions a person confirmed, as they were or corrected */
  g_string_append_printf (text, ngettext ("%u accepted", "%u accepted", accepted), accepted);
  g_string_append (text, " · ");
  /* TRANSLATORS: annotations a person added by hand */
  g_string_append_printf (text, ngettext ("%u manual", "%u manual",
                                          self->counts[ALAMA_STATUS_MANUAL]),
                          self->counts[ALAMA_STATUS_MANUAL]);
  if (self->counts[ALAMA_STATUS_REJECTED] > 0)
    {
      g_string_append (text, " · ");
      /* TRANSLATORS: suggestions a person rejected */
      g_string_append_printf (text, ngettext ("%u rejected", "%u rejected",
                                              self->counts[ALAMA_STATUS_REJECTED]),
                              self->counts[ALAMA_STATUS_REJECTED]);
    }
  gtk_label_set_text (self->counts_label, text->str);
  /* TRANSLATORS: the tooltip of the counts: how many of the accepted
   * suggestions were taken as they were and how many corrected */
  tooltip = g_strdup_printf (_("Accepted as suggested: %u\nCorrected: %u"),
                             self->counts[ALAMA_STATUS_ACCEPTED],
                             self->counts[ALAMA_STATUS_EDITED]);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->counts_label), tooltip);
}

static void
update_caret (AlamaStatusBar *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;
  GtkTextIter insert;
  g_autofree char *caret = NULL;
  g_autofree char *position = NULL;
  g_autofree char *tooltip = NULL;
  guint n_selected;

  if (self->document == NULL || self->view == NULL)
    {
      gtk_label_set_text (self->caret_label, "");
      gtk_label_set_text (self->position_label, "");
      return;
    }
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  gtk_text_buffer_get_iter_at_mark (buffer, &insert, gtk_text_buffer_get_insert (buffer));
  n_selected = (guint) (gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start));
  if (n_selected > 0)
    caret = g_strdup_printf (ngettext ("%u character selected", "%u characters selected",
                                       n_selected),
                             n_selected);
  else
    {
      const AlamaAnnotation *entity
          = alama_entity_at (self->document, (gsize) gtk_text_iter_get_offset (&start));

      if (entity && entity->confidence >= 0)
        /* TRANSLATORS: the entity under the caret: its type, its status
         * and the model's confidence, "PERS · Suggested · 87%" */
        caret = g_strdup_printf (_("%s · %s · %.0f%%"), entity->label,
                                 status_text (entity->status), entity->confidence * 100);
      else if (entity)
        /* TRANSLATORS: the entity under the caret: its type and status */
        caret = g_strdup_printf (_("%s · %s"), entity->label, status_text (entity->status));
      if (entity)
        {
          const AlamaLabel *label
              = alama_label_set_lookup (alama_document_get_label_set (self->document),
                                        entity->label);

          if (label && label->description)
            tooltip = g_strdup (label->description);
        }
    }
  gtk_label_set_text (self->caret_label, caret ? caret : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->caret_label), tooltip);
  /* TRANSLATORS: where the caret is, in characters from the start of the
   * text (what annotation offsets count) */
  position = g_strdup_printf (_("Character %u of %u"), (guint) gtk_text_iter_get_offset (&insert),
                              (guint) alama_document_get_n_chars (self->document));
  gtk_label_set_text (self->position_label, position);
}

static void
update_saved (AlamaStatusBar *self)
{
  gtk_label_set_text (self->saved_label,
                      alama_saved_state_text (self->document, self->never_saved));
}

static gboolean
update_cb (gpointer user_data)
{
  AlamaStatusBar *self = user_data;

  self->update_id = 0;
  update_counts (self);
  update_caret (self);
  return G_SOURCE_REMOVE;
}

static void
queue_update (AlamaStatusBar *self)
{
  /* Before the redraw (G_PRIORITY_HIGH_IDLE + 20), after the burst. */
  if (self->update_id == 0)
    self->update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_cb, self, NULL);
}

static void
document_changed_cb (AlamaDocument  *document,
                     guint64         start,
                     guint64         end,
                     AlamaStatusBar *self)
{
  queue_update (self);
}

static void
document_modified_cb (AlamaDocument  *document,
                      GParamSpec     *pspec,
                      AlamaStatusBar *self)
{
  update_saved (self);
}

static void
mark_set_cb (GtkTextBuffer  *buffer,
             GtkTextIter    *location,
             GtkTextMark    *mark,
             AlamaStatusBar *self)
{
  if (mark == gtk_text_buffer_get_insert (buffer)
      || mark == gtk_text_buffer_get_selection_bound (buffer))
    update_caret (self);
}

static void
set_document (AlamaStatusBar *self,
              AlamaDocument  *document)
{
  if (self->document != document)
    {
      if (self->document)
        {
          g_clear_signal_handler (&self->changed_handler, self->document);
          g_clear_signal_handler (&self->modified_handler, self->document);
          g_clear_object (&self->document);
        }
      if (document)
        {
          self->document = g_object_ref (document);
          self->changed_handler = g_signal_connect (document, "changed",
                                                    G_CALLBACK (document_changed_cb), self);
          self->modified_handler = g_signal_connect (document, "notify::modified",
                                                     G_CALLBACK (document_modified_cb), self);
        }
    }
  g_clear_handle_id (&self->update_id, g_source_remove);
  update_counts (self);
  update_caret (self);
  update_saved (self);
}

static void
view_document_cb (AlamaDocumentView *view,
                  GParamSpec        *pspec,
                  AlamaStatusBar    *self)
{
  set_document (self, alama_document_view_get_document (view));
}

/**
 * alama_status_bar_get_view:
 * @bar: the status bar
 *
 * Returns: (transfer none) (nullable): the view the bar follows
 */
AlamaDocumentView *
alama_status_bar_get_view (AlamaStatusBar *self)
{
  g_return_val_if_fail (ALAMA_IS_STATUS_BAR (self), NULL);
  return self->view;
}

/**
 * alama_status_bar_set_view:
 * @bar: the status bar
 * @view: (nullable): the view whose document and caret the bar describes
 */
void
alama_status_bar_set_view (AlamaStatusBar    *self,
                           AlamaDocumentView *view)
{
  g_return_if_fail (ALAMA_IS_STATUS_BAR (self));
  g_return_if_fail (view == NULL || ALAMA_IS_DOCUMENT_VIEW (view));

  if (self->view == view)
    return;
  if (self->view)
    {
      g_clear_signal_handler (&self->document_handler, self->view);
      g_clear_signal_handler (&self->mark_set_handler,
                              gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
      g_clear_object (&self->view);
    }
  if (view)
    {
      self->view = g_object_ref (view);
      self->document_handler = g_signal_connect (view, "notify::document",
                                                 G_CALLBACK (view_document_cb), self);
      self->mark_set_handler = g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                                                 "mark-set", G_CALLBACK (mark_set_cb), self);
    }
  set_document (self, view ? alama_document_view_get_document (view) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

gboolean
alama_status_bar_get_never_saved (AlamaStatusBar *self)
{
  g_return_val_if_fail (ALAMA_IS_STATUS_BAR (self), FALSE);
  return self->never_saved;
}

/**
 * alama_status_bar_set_never_saved:
 * @bar: the status bar
 * @never_saved: whether the document's annotations were never written to
 *   a file: a plain text just opened, its names found by the recognizer
 *
 * An unmodified document then says "Not saved yet" rather than "Saved".
 */
void
alama_status_bar_set_never_saved (AlamaStatusBar *self,
                                  gboolean        never_saved)
{
  g_return_if_fail (ALAMA_IS_STATUS_BAR (self));

  never_saved = !!never_saved;
  if (self->never_saved == never_saved)
    return;
  self->never_saved = never_saved;
  update_saved (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEVER_SAVED]);
}

static void
flush (AlamaStatusBar *self)
{
  if (self->update_id)
    update_cb (self);
}

/**
 * alama_status_bar_get_count:
 * @bar: the status bar
 * @status: a status
 *
 * Returns: how many annotations with @status the bar counts (up to date
 *   even when an update is pending)
 */
guint
alama_status_bar_get_count (AlamaStatusBar        *self,
                            AlamaAnnotationStatus  status)
{
  g_return_val_if_fail (ALAMA_IS_STATUS_BAR (self), 0);
  g_return_val_if_fail ((guint) status < ALAMA_N_STATUSES, 0);
  flush (self);
  return self->counts[status];
}

/**
 * alama_status_bar_get_counts_text:
 * @bar: the status bar
 *
 * Returns: (transfer none): what the bar says of the counts
 */
const char *
alama_status_bar_get_counts_text (AlamaStatusBar *self)
{
  g_return_val_if_fail (ALAMA_IS_STATUS_BAR (self), NULL);
  flush (self);
  return gtk_label_get_text (self->counts_label);
}

/**
 * alama_status_bar_get_saved_text:
 * @bar: the status bar
 *
 * Returns: (transfer none): what the bar says of saving
 */
const char *
alama_status_bar_get_saved_text (AlamaStatusBar *self)
{
  g_return_val_if_fail (ALAMA_IS_STATUS_BAR (self), NULL);
  return gtk_label_get_text (self->saved_label);
}

/**
 * alama_status_bar_get_caret_text:
 * @bar: the status bar
 *
 * Returns: (transfer none): what the bar says of the entity under the
 *   caret or of the selection; "" for neither
 */
const char *
alama_status_bar_get_caret_text (AlamaStatusBar *self)
{
  g_return_val_if_fail (ALAMA_IS_STATUS_BAR (self), NULL);
  flush (self);
  return gtk_label_get_text (self->caret_label);
}

/**
 * alama_status_bar_get_position_text:
 * @bar: the status bar
 *
 * Returns: (transfer none): what the bar says of the caret's position
 */
const char *
alama_status_bar_get_position_text (AlamaStatusBar *self)
{
  g_return_val_if_fail (ALAMA_IS_STATUS_BAR (self), NULL);
  return gtk_label_get_text (self->position_label);
}

GtkWidget *
alama_status_bar_new (void)
{
  return g_object_new (ALAMA_TYPE_STATUS_BAR, NULL);
}

static void
alama_status_bar_dispose (GObject *object)
{
  AlamaStatusBar *self = ALAMA_STATUS_BAR (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->view)
    {
      g_clear_signal_handler (&self->document_handler, self->view);
      g_clear_signal_handler (&self->mark_set_handler,
                              gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
      g_clear_object (&self->view);
    }
  if (self->document)
    {
      g_clear_signal_handler (&self->changed_handler, self->document);
      g_clear_signal_handler (&self->modified_handler, self->document);
      g_clear_object (&self->document);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_STATUS_BAR);
  G_OBJECT_CLASS (alama_status_bar_parent_class)->dispose (object);
}

static void
alama_status_bar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AlamaStatusBar *self = ALAMA_STATUS_BAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    case PROP_NEVER_SAVED:
      g_value_set_boolean (value, self->never_saved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_status_bar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AlamaStatusBar *self = ALAMA_STATUS_BAR (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      alama_status_bar_set_view (self, g_value_get_object (value));
      break;
    case PROP_NEVER_SAVED:
      alama_status_bar_set_never_saved (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_status_bar_class_init (AlamaStatusBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_status_bar_dispose;
  object_class->get_property = alama_status_bar_get_property;
  object_class->set_property = alama_status_bar_set_property;

  properties[PROP_VIEW] = g_param_spec_object ("view", NULL, NULL, ALAMA_TYPE_DOCUMENT_VIEW,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEVER_SAVED] = g_param_spec_boolean ("never-saved", NULL, NULL, FALSE,
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                           | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Alama/alama-status-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaStatusBar, counts_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaStatusBar, caret_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaStatusBar, position_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaStatusBar, saved_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
alama_status_bar_init (AlamaStatusBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
