/* alama-document-view.c: a read-only text view of an AlamaDocument that
 * maps its annotations to text tags.
 *
 * Each label has a tag ("entity:PERS") applied on every annotation that is
 * an entity (anything but rejected), with a light background and an
 * underline in the label's colour: how a suggestion nobody looked at yet
 * looks.  Annotations a person accepted, edited or added also get
 * "confirmed:PERS", a stronger background without the underline, and those
 * a person added get "manual" (bold).  Tags created later win, so the
 * confirmed tags are created after the entity tags.
 *
 * The view follows the document's ::changed signal and redoes the tags only
 * in the range that changed.
 *
 * The reading font, its size and the line spacing are properties (bound to
 * the preferences by the application).  The font reaches the text through
 * a style provider of the view's own, on a CSS class only this view has:
 * GTK 4 sets a text view's default font from CSS alone.
 * A long text is neither inserted nor highlighted in one go, which would
 * freeze the window for as long: the text goes into the buffer a slice at
 * a time, and the highlights are applied from an idle callback a few
 * milliseconds at a time, those on screen first; ::highlights-done says
 * when the last one is on.  An edit of the document while that runs
 * finishes it first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-document-view.h"

#include <glib/gi18n.h>
#include <math.h>

#include "alama-i18n.h"
#include "alama-timing.h"

struct _AlamaDocumentView
{
  GtkTextView parent_instance;

  AlamaDocument *document;
  gulong changed_handler;

  /* Label name → GtkTextTag, both kinds; the tags belong to the buffer. */
  GHashTable *entity_tags;
  GHashTable *confirmed_tags;
  GtkTextTag *manual_tag;
  /* Every tag this view manages, to clear a range. */
  GPtrArray *all_tags;
  /* Names of the labels whose highlights are hidden. */
  GHashTable *hidden_labels;

  /* The reading font (with its size, in points) and line spacing. */
  PangoFontDescription *font;
  double line_spacing;
  GtkCssProvider *font_provider;
  char *font_class;
  /* The longest entity tagged, in characters: how far before a range that
   * changed an entity overlapping it can start. */
  gsize max_chars;
  /* ALAMA_DEBUG_TIMING: the frame clock watched for the first paint. */
  GdkFrameClock *timing_clock;
  gulong timing_paint_handler;
  /* Text shown by alama_document_view_show_text() not yet inserted. */
  char *pending_text;
  gsize pending_len;
  gsize pending_pos;
  guint insert_id;
  /* Highlighting in chunks: the next annotation, the range of those on
   * screen (already done, skipped) and the idle source. */
  guint highlight_next;
  guint highlight_skip_from;
  guint highlight_skip_to;
  guint highlight_id;
};

G_DEFINE_FINAL_TYPE (AlamaDocumentView, alama_document_view, GTK_TYPE_TEXT_VIEW)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_FONT,
  PROP_LINE_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  LABEL_VISIBILITY_CHANGED,
  HIGHLIGHTS_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Between GTK's redraw and the text view's line validation: frames are
 * still drawn between two chunks, and the highlights do not wait until
 * every line of a long text has been measured. */
#define CHUNK_PRIORITY (GDK_PRIORITY_REDRAW + 1)
/* The time one chunk may take, in microseconds. */
#define CHUNK_BUDGET_US 4000
/* The text inserted at a time, in bytes. */
#define INSERT_SLICE 65536

/* The labels Alama knows, in the order of the keys 1 to 5, and their
 * colours: the GNOME palette (blue 3, green 3, orange 3, purple 3, and the
 * teal of later palettes), used with transparency, so the text keeps the
 * theme's colour and stays readable on light and dark backgrounds alike. */
static const struct
{
  const char *label;
  const char *color;
} label_colors[] = {
  { "PERS", "#3584e4" },
  { "LOC", "#33d17a" },
  { "ORG", "#ff7800" },
  { "MISC", "#9141ac" },
  { "DATE", "#2190a4" },
};

#define OTHER_COLOR "#77767b"
#define SUGGESTED_ALPHA 0.22
#define CONFIRMED_ALPHA 0.45

/**
 * alama_document_view_get_label_color:
 * @label: a label name
 * @color: (out): its opaque colour; labels Alama does not know are grey
 */
void
alama_document_view_get_label_color (const char *label,
                                     GdkRGBA    *color)
{
  const char *spec = OTHER_COLOR;

  for (guint k = 0; k < G_N_ELEMENTS (label_colors); k++)
    if (g_strcmp0 (label, label_colors[k].label) == 0)
      spec = label_colors[k].color;
  gdk_rgba_parse (color, spec);
}

G_STATIC_ASSERT (G_N_ELEMENTS (label_colors) == ALAMA_DOCUMENT_VIEW_N_LABELS);

/**
 * alama_document_view_get_label:
 * @index: from 0 to %ALAMA_DOCUMENT_VIEW_N_LABELS - 1
 *
 * The labels Alama colours, one by one, in the order of the keys 1 to 5
 * that give them: PERS, LOC, ORG, MISC, DATE.
 *
 * Returns: (nullable): the label's name, or %NULL past the last
 */
const char *
alama_document_view_get_label (guint index)
{
  return index < G_N_ELEMENTS (label_colors) ? label_colors[index].label : NULL;
}

/**
 * alama_document_view_get_label_description:
 * @label: a label name
 *
 * Returns: (transfer none): what the default label set calls @label
 *   ("Person"), translated; @label itself when that set has no such label
 */
const char *
alama_document_view_get_label_description (const char *label)
{
  static AlamaLabelSet *labels;
  const AlamaLabel *found;

  if (g_once_init_enter (&labels))
    g_once_init_leave (&labels, alama_label_set_new_default ());
  found = alama_label_set_lookup (labels, label);
  if (found == NULL || found->description == NULL)
    return label;
  return alama_i18n_translate_data (found->description);
}

/* Hiding a label only unsets its tags' colours: the tags stay on the
 * text, so showing it again costs no retagging. */
static void
show_label_tags (GtkTextTag *entity,
                 GtkTextTag *confirmed,
                 gboolean    visible)
{
  g_object_set (entity,
                "background-set", visible,
                "underline-set", visible,
                NULL);
  g_object_set (confirmed, "background-set", visible, NULL);
}

static void
ensure_tags (AlamaDocumentView *self,
             const char        *label,
             GtkTextTag       **entity_tag,
             GtkTextTag       **confirmed_tag)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextTag *entity = g_hash_table_lookup (self->entity_tags, label);
  GtkTextTag *confirmed = g_hash_table_lookup (self->confirmed_tags, label);

  if (entity == NULL)
    {
      GdkRGBA color;
      GdkRGBA light;
      GdkRGBA strong;
      GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
      g_autofree char *entity_name = g_strconcat ("entity:", label, NULL);
      g_autofree char *confirmed_name = g_strconcat ("confirmed:", label, NULL);

      alama_document_view_get_label_color (label, &color);
      light = color;
      light.alpha = SUGGESTED_ALPHA;
      strong = color;
      strong.alpha = CONFIRMED_ALPHA;

      entity = gtk_text_tag_new (entity_name);
      g_object_set (entity,
                    "background-rgba", &light,
                    "underline", PANGO_UNDERLINE_SINGLE,
                    "underline-rgba", &color,
                    NULL);
      gtk_text_tag_table_add (table, entity);
      g_object_unref (entity);

      confirmed = gtk_text_tag_new (confirmed_name);
      g_object_set (confirmed,
                    "background-rgba", &strong,
                    "underline", PANGO_UNDERLINE_NONE,
                    NULL);
      gtk_text_tag_table_add (table, confirmed);
      g_object_unref (confirmed);

      /* The status tags outrank every label's tags. */
      gtk_text_tag_set_priority (self->manual_tag, gtk_text_tag_table_get_size (table) - 1);

      g_hash_table_insert (self->entity_tags, g_strdup (label), entity);
      g_hash_table_insert (self->confirmed_tags, g_strdup (label), confirmed);
      g_ptr_array_add (self->all_tags, entity);
      g_ptr_array_add (self->all_tags, confirmed);
      if (g_hash_table_contains (self->hidden_labels, label))
        show_label_tags (entity, confirmed, FALSE);
    }
  *entity_tag = entity;
  *confirmed_tag = confirmed;
}

static void
apply_annotation (AlamaDocumentView     *self,
                  const AlamaAnnotation *annotation)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextTag *entity;
  GtkTextTag *confirmed;
  GtkTextIter start;
  GtkTextIter end;

  if (!alama_annotation_is_entity (annotation))
    return;
  self->max_chars = MAX (self->max_chars, annotation->end - annotation->start);
  ensure_tags (self, annotation->label, &entity, &confirmed);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) annotation->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) annotation->end);
  gtk_text_buffer_apply_tag (buffer, entity, &start, &end);
  if (annotation->status != ALAMA_STATUS_SUGGESTED)
    gtk_text_buffer_apply_tag (buffer, confirmed, &start, &end);
  if (annotation->status == ALAMA_STATUS_MANUAL)
    gtk_text_buffer_apply_tag (buffer, self->manual_tag, &start, &end);
}

/* Clears the tags in [start, end) and puts back those of every annotation
 * that overlaps it, whole: an annotation reaching outside the range keeps
 * one continuous tag. */
static void
retag_range (AlamaDocumentView *self,
             gsize              start_char,
             gsize              end_char)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start;
  GtkTextIter end;
  guint n;
  guint lo = 0;
  gsize from;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) start_char);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) end_char);
  for (guint k = 0; k < self->all_tags->len; k++)
    gtk_text_buffer_remove_tag (buffer, self->all_tags->pdata[k], &start, &end);

  /* The annotations are sorted by start: from the first that can reach
   * the range (binary search) to the first after it, so that an edit of a
   * large document, and each edit of accept all, costs little. */
  n = alama_document_get_n_annotations (self->document);
  from = start_char > self->max_chars ? start_char - self->max_chars : 0;
  while (lo < n)
    {
      guint mid = lo + (n - lo) / 2;

      if (alama_document_get_annotation (self->document, mid)->start < from)
        lo = mid + 1;
      else
        n = mid;
    }
  n = alama_document_get_n_annotations (self->document);
  for (guint k = lo; k < n; k++)
    {
      const AlamaAnnotation *annotation = alama_document_get_annotation (self->document, k);

      if (annotation->start >= end_char)
        break;
      if (annotation->end > start_char)
        apply_annotation (self, annotation);
    }
}

/* The first annotation that starts at or after @offset. */
static guint
first_annotation_from (AlamaDocument *document,
                       gsize          offset)
{
  guint lo = 0;
  guint hi = alama_document_get_n_annotations (document);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (alama_document_get_annotation (document, mid)->start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
highlights_done (AlamaDocumentView *self)
{
  guint n = alama_document_get_n_annotations (self->document);
  guint entities = 0;

  g_clear_handle_id (&self->highlight_id, g_source_remove);
  if (alama_timing_enabled ())
    {
      for (guint k = 0; k < n; k++)
        entities += alama_annotation_is_entity (alama_document_get_annotation (self->document, k));
      alama_timing_count ("highlights", entities);
      alama_timing_mark ("highlights-done");
      alama_timing_stop_stalls ();
    }
  g_signal_emit (self, signals[HIGHLIGHTS_DONE], 0);
}

/* Applies the next annotations' tags; with @budget_us > 0 for at most
 * about that long.  Returns whether annotations are left. */
static gboolean
highlight_some (AlamaDocumentView *self,
                gint64             budget_us)
{
  guint n = alama_document_get_n_annotations (self->document);
  gint64 deadline = g_get_monotonic_time () + budget_us;

  while (self->highlight_next < n)
    {
      if (self->highlight_next == self->highlight_skip_from
          && self->highlight_skip_to > self->highlight_skip_from)
        {
          self->highlight_next = MAX (self->highlight_next, self->highlight_skip_to);
          continue;
        }
      apply_annotation (self, alama_document_get_annotation (self->document, self->highlight_next));
      self->highlight_next++;
      if (budget_us > 0 && self->highlight_next % 32 == 0 && g_get_monotonic_time () >= deadline)
        break;
    }
  return self->highlight_next < n;
}

static gboolean
highlight_chunk_cb (gpointer user_data)
{
  AlamaDocumentView *self = user_data;

  if (highlight_some (self, CHUNK_BUDGET_US))
    return G_SOURCE_CONTINUE;
  self->highlight_id = 0;
  highlights_done (self);
  return G_SOURCE_REMOVE;
}

/* Applies every annotation still waiting, now. */
static void
finish_highlighting (AlamaDocumentView *self)
{
  if (self->highlight_id == 0)
    return;
  highlight_some (self, 0);
  highlights_done (self);
}

/* Clears the highlights and applies them again: those on screen at once,
 * the others in chunks. */
static void
start_highlighting (AlamaDocumentView *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GdkRectangle visible;
  GtkTextIter start;
  GtkTextIter end;
  gsize first;
  gsize last;

  g_clear_handle_id (&self->highlight_id, g_source_remove);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint k = 0; k < self->all_tags->len; k++)
    gtk_text_buffer_remove_tag (buffer, self->all_tags->pdata[k], &start, &end);

  /* On screen: no names are longer than this many characters before the
   * first visible one. */
  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_at_location (text_view, &start, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (text_view, &end, visible.x + visible.width,
                                      visible.y + visible.height);
  gtk_text_iter_forward_line (&end);
  first = (gsize) gtk_text_iter_get_offset (&start);
  last = (gsize) gtk_text_iter_get_offset (&end);
  self->highlight_skip_from = first_annotation_from (self->document, first > 256 ? first - 256 : 0);
  self->highlight_skip_to = first_annotation_from (self->document, last);
  for (guint k = self->highlight_skip_from; k < self->highlight_skip_to; k++)
    apply_annotation (self, alama_document_get_annotation (self->document, k));

  self->highlight_next = 0;
  if (highlight_some (self, CHUNK_BUDGET_US))
    {
      self->highlight_id = g_idle_add_full (CHUNK_PRIORITY, highlight_chunk_cb, self, NULL);
      g_source_set_name_by_id (self->highlight_id, "[alama] highlight");
    }
  else
    highlights_done (self);
}

static void
document_changed_cb (AlamaDocument     *document,
                     guint64            start,
                     guint64            end,
                     AlamaDocumentView *self)
{
  /* The annotations still waiting are counted by index, which an edit
   * shifts: apply them all before the edit's range is redone. */
  finish_highlighting (self);
  retag_range (self, (gsize) start, (gsize) end);
}

static const AlamaAnnotation *
annotation_at (AlamaDocumentView *self,
               gsize              offset)
{
  guint n = alama_document_get_n_annotations (self->document);

  for (guint k = 0; k < n; k++)
    {
      const AlamaAnnotation *annotation = alama_document_get_annotation (self->document, k);

      if (alama_annotation_is_entity (annotation) && annotation->start <= offset
          && offset < annotation->end)
        return annotation;
    }
  return NULL;
}

/**
 * alama_document_view_get_status_text:
 * @status: an annotation's status
 *
 * Returns: (transfer none): the status as the view's tooltip and the label
 * popover say it to a reader, translated.
 */
const char *
alama_document_view_get_status_text (AlamaAnnotationStatus status)
{
  switch (status)
    {
    case ALAMA_STATUS_SUGGESTED:
      return _("Suggested");
    case ALAMA_STATUS_ACCEPTED:
      return _("Accepted");
    case ALAMA_STATUS_EDITED:
      return _("Edited");
    case ALAMA_STATUS_REJECTED:
      return _("Rejected");
    case ALAMA_STATUS_MANUAL:
      return _("Added by hand");
    default:
      return "";
    }
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  AlamaDocumentView *self = ALAMA_DOCUMENT_VIEW (widget);
  GtkTextView *text_view = GTK_TEXT_VIEW (widget);
  GtkTextIter iter;
  const AlamaAnnotation *annotation;
  const AlamaLabel *label;
  const AlamaAgent *agent = NULL;
  g_autoptr (GString) markup = NULL;
  g_autofree char *surface = NULL;

  if (self->document == NULL)
    return FALSE;
  if (keyboard_mode)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
    }
  else
    {
      int bx;
      int by;

      gtk_text_view_window_to_buffer_coords (text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (text_view, &iter, bx, by))
        return FALSE;
    }
  annotation = annotation_at (self, (gsize) gtk_text_iter_get_offset (&iter));
  if (annotation == NULL)
    return FALSE;

  label = alama_label_set_lookup (alama_document_get_label_set (self->document), annotation->label);
  if (annotation->origin)
    agent = alama_document_lookup_agent (self->document, annotation->origin);
  surface = alama_document_dup_substring (self->document, annotation->start, annotation->end);

  markup = g_string_new (NULL);
  g_string_append_printf (markup, "<b>%s</b>", annotation->label);
  if (label && label->description)
    {
      const char *description = alama_i18n_translate_data (label->description);
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      g_string_append_printf (markup, " — %s", escaped);
    }
  {
    g_autofree char *escaped = g_markup_escape_text (surface, -1);

    g_string_append_printf (markup, "\n%s", escaped);
  }
  g_string_append_printf (markup, "\n%s", alama_document_view_get_status_text (annotation->status));
  if (agent)
    {
      g_autofree char *escaped = g_markup_escape_text (agent->name, -1);

      /* TRANSLATORS: "Suggested by alama-ner", "Accepted by Salma" */
      g_string_append_printf (markup, _(" by %s"), escaped);
    }
  if (annotation->confidence >= 0)
    g_string_append_printf (markup, _(" · confidence %.0f %%"),
                            round (annotation->confidence * 100));
  if (annotation->when)
    g_string_append_printf (markup, "\n%s", annotation->when);
  gtk_tooltip_set_markup (tooltip, markup->str);
  return TRUE;
}

/* ALAMA_DEBUG_TIMING: the first frame painted with text in the view. */
static void
timing_after_paint_cb (GdkFrameClock     *clock,
                       AlamaDocumentView *self)
{
  alama_timing_mark ("first-paint");
  g_clear_signal_handler (&self->timing_paint_handler, self->timing_clock);
  g_clear_object (&self->timing_clock);
}

static gboolean
timing_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  AlamaDocumentView *self = ALAMA_DOCUMENT_VIEW (widget);

  if (self->timing_clock == NULL)
    {
      self->timing_clock = g_object_ref (clock);
      self->timing_paint_handler = g_signal_connect (clock, "after-paint",
                                                     G_CALLBACK (timing_after_paint_cb), self);
    }
  return G_SOURCE_REMOVE;
}

static void
timing_watch_first_paint (AlamaDocumentView *self)
{
  static gboolean watched;

  if (!alama_timing_enabled () || watched)
    return;
  watched = TRUE;
  gtk_widget_add_tick_callback (GTK_WIDGET (self), timing_tick_cb, NULL, NULL);
}

static void
insert_some (AlamaDocumentView *self,
             gint64             budget_us)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gint64 deadline = g_get_monotonic_time () + budget_us;

  while (self->pending_pos < self->pending_len)
    {
      const char *from = self->pending_text + self->pending_pos;
      gsize size = self->pending_len - self->pending_pos;
      GtkTextIter end;

      if (budget_us > 0 && size > INSERT_SLICE)
        {
          /* Up to the end of a line, so that no CR LF pair is split and
           * nor is a character; a line longer than the slice goes whole. */
          const char *newline = g_strrstr_len (from, INSERT_SLICE, "\n");

          if (newline == NULL)
            newline = strchr (from + INSERT_SLICE, '\n');
          if (newline)
            size = (gsize) (newline + 1 - from);
        }
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, from, (int) size);
      /* The caret starts where reading does (inserting moved it along). */
      if (self->pending_pos == 0)
        {
          GtkTextIter start;

          gtk_text_buffer_get_start_iter (buffer, &start);
          gtk_text_buffer_place_cursor (buffer, &start);
        }
      self->pending_pos += size;
      if (budget_us > 0 && g_get_monotonic_time () >= deadline)
        break;
    }
  if (self->pending_pos >= self->pending_len)
    {
      g_clear_handle_id (&self->insert_id, g_source_remove);
      g_clear_pointer (&self->pending_text, g_free);
      self->pending_len = self->pending_pos = 0;
    }
}

static gboolean
insert_chunk_cb (gpointer user_data)
{
  AlamaDocumentView *self = user_data;

  insert_some (self, CHUNK_BUDGET_US);
  if (self->pending_text)
    return G_SOURCE_CONTINUE;
  self->insert_id = 0;
  return G_SOURCE_REMOVE;
}

/* Inserts what show_text() left, now. */
static void
finish_inserting (AlamaDocumentView *self)
{
  if (self->pending_text)
    insert_some (self, 0);
}

static void
disconnect_document (AlamaDocumentView *self)
{
  g_clear_handle_id (&self->highlight_id, g_source_remove);
  if (self->document)
    {
      g_clear_signal_handler (&self->changed_handler, self->document);
      g_clear_object (&self->document);
    }
}

/**
 * alama_document_view_show_text:
 * @view: the view
 * @text: UTF-8 text
 *
 * Shows @text with no highlights, before its document is ready (while the
 * recognizer runs on it).  Forgets the document shown so far.
 */
void
alama_document_view_show_text (AlamaDocumentView *self,
                               const char        *text)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (ALAMA_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (text != NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  if (self->document)
    {
      disconnect_document (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
    }
  g_clear_handle_id (&self->insert_id, g_source_remove);
  g_clear_pointer (&self->pending_text, g_free);
  gtk_text_buffer_set_text (buffer, "", 0);
  self->pending_text = g_strdup (text);
  self->pending_len = strlen (text);
  self->pending_pos = 0;
  /* The first slice at once: more than a screenful. */
  insert_some (self, 1);
  if (self->pending_text)
    {
      self->insert_id = g_idle_add_full (CHUNK_PRIORITY, insert_chunk_cb, self, NULL);
      g_source_set_name_by_id (self->insert_id, "[alama] insert text");
    }
  timing_watch_first_paint (self);
}

/**
 * alama_document_view_set_document:
 * @view: the view
 * @document: (nullable): the document to show
 *
 * Shows @document's text and highlights its entities, and keeps them up to
 * date as the document changes.  When the view already shows the same text
 * (alama_document_view_show_text()), it is kept, with the reader's place
 * in it.
 */
void
alama_document_view_set_document (AlamaDocumentView *self,
                                  AlamaDocument     *document)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;
  g_autofree char *shown = NULL;
  const char *text;
  gsize len;

  g_return_if_fail (ALAMA_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (document == NULL || ALAMA_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  disconnect_document (self);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  if (document == NULL)
    {
      g_clear_handle_id (&self->insert_id, g_source_remove);
      g_clear_pointer (&self->pending_text, g_free);
      gtk_text_buffer_set_text (buffer, "", 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
      return;
    }

  self->document = g_object_ref (document);
  self->changed_handler = g_signal_connect (document, "changed",
                                            G_CALLBACK (document_changed_cb), self);
  self->max_chars = 0;
  finish_inserting (self);

  text = alama_document_get_text (document, &len);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  if (strlen (shown) != len || memcmp (shown, text, len) != 0)
    gtk_text_buffer_set_text (buffer, text, (int) len);
  timing_watch_first_paint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  start_highlighting (self);
}

/**
 * alama_document_view_get_highlighting:
 * @view: the view
 *
 * Returns: whether highlights of the document are still being applied
 *   (#AlamaDocumentView::highlights-done follows)
 */
gboolean
alama_document_view_get_highlighting (AlamaDocumentView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_VIEW (self), FALSE);
  return self->highlight_id != 0;
}

/**
 * alama_document_view_get_document:
 * @view: the view
 *
 * Returns: (transfer none) (nullable): the document shown
 */
AlamaDocument *
alama_document_view_get_document (AlamaDocumentView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_VIEW (self), NULL);
  return self->document;
}

/**
 * alama_document_view_get_label_tag:
 * @view: the view
 * @label: a label name
 *
 * Returns: (transfer none) (nullable): the tag that marks every entity
 *   labelled @label, or %NULL when the view has not shown one yet
 */
GtkTextTag *
alama_document_view_get_label_tag (AlamaDocumentView *self,
                                   const char        *label)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_VIEW (self), NULL);
  return g_hash_table_lookup (self->entity_tags, label);
}

/**
 * alama_document_view_set_label_visible:
 * @view: the view
 * @label: a label name
 * @visible: whether the entities labelled @label are highlighted
 *
 * Hides or shows the highlights of one entity type; the text is unchanged.
 * Emits #AlamaDocumentView::label-visibility-changed when that changes
 * anything.
 */
void
alama_document_view_set_label_visible (AlamaDocumentView *self,
                                       const char        *label,
                                       gboolean           visible)
{
  GtkTextTag *entity;
  GtkTextTag *confirmed;

  g_return_if_fail (ALAMA_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (label != NULL);

  if ((!visible) == g_hash_table_contains (self->hidden_labels, label))
    return;
  if (visible)
    g_hash_table_remove (self->hidden_labels, label);
  else
    g_hash_table_add (self->hidden_labels, g_strdup (label));
  entity = g_hash_table_lookup (self->entity_tags, label);
  confirmed = g_hash_table_lookup (self->confirmed_tags, label);
  if (entity && confirmed)
    show_label_tags (entity, confirmed, visible);
  g_signal_emit (self, signals[LABEL_VISIBILITY_CHANGED], 0, label, visible);
}

/**
 * alama_document_view_get_label_visible:
 * @view: the view
 * @label: a label name
 *
 * Returns: whether the entities labelled @label are highlighted
 */
gboolean
alama_document_view_get_label_visible (AlamaDocumentView *self,
                                       const char        *label)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_VIEW (self), FALSE);
  return !g_hash_table_contains (self->hidden_labels, label);
}

static gint
compare_labels (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/**
 * alama_document_view_dup_hidden_labels:
 * @view: the view
 *
 * Returns: (transfer full) (array zero-terminated=1): the labels whose
 *   entities the view does not highlight, sorted
 */
char **
alama_document_view_dup_hidden_labels (AlamaDocumentView *self)
{
  g_autofree const char **keys = NULL;
  char **labels;
  guint n;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT_VIEW (self), NULL);
  keys = (const char **) g_hash_table_get_keys_as_array (self->hidden_labels, &n);
  labels = g_new0 (char *, n + 1);
  for (guint k = 0; k < n; k++)
    labels[k] = g_strdup (keys[k]);
  g_qsort_with_data (labels, (gint) n, sizeof (char *), compare_labels, NULL);
  return labels;
}

/**
 * alama_document_view_select_range:
 * @view: the view
 * @start_char: where the range starts, in characters
 * @end_char: where it ends (excluded), in characters
 *
 * Selects [@start_char, @end_char) and scrolls it into view.
 */
void
alama_document_view_select_range (AlamaDocumentView *self,
                                  gsize              start_char,
                                  gsize              end_char)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;

  g_return_if_fail (ALAMA_IS_DOCUMENT_VIEW (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) start_char);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) end_char);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), gtk_text_buffer_get_insert (buffer),
                                0.1, FALSE, 0.0, 0.0);
}

/* The sizes zooming steps through, in points: small steps where a point
 * shows, larger ones where it hardly does. */
static const double zoom_sizes[] = {
  8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 36, 42, 48, 56, 64, 72,
};

#define MIN_FONT_SIZE 6.0
#define MAX_FONT_SIZE 96.0
/* The space between two paragraphs besides the line spacing, in pixels. */
#define PARAGRAPH_GAP 4

/* The size of @font in points; an absolute size counts at 96 pixels to the
 * inch, as CSS does. */
static double
font_size_points (const PangoFontDescription *font)
{
  double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

  if (pango_font_description_get_size_is_absolute (font))
    size = size * 72.0 / 96.0;
  return size;
}

static void
append_css_string (GString    *css,
                   const char *text)
{
  g_string_append_c (css, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (css, '\\');
      if (*p == '\n')
        continue;
      g_string_append_c (css, *p);
    }
  g_string_append_c (css, '"');
}

/* Line spacing: 1.0 is the font's own line height; each tenth more puts a
 * tenth of the font size between the lines of a paragraph.  Paragraphs are
 * set apart by half that more. */
static void
update_spacing (AlamaDocumentView *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  double size_px = font_size_points (self->font) * 96.0 / 72.0;
  int inside = (int) round ((self->line_spacing - 1.0) * size_px);

  gtk_text_view_set_pixels_inside_wrap (text_view, inside);
  gtk_text_view_set_pixels_above_lines (text_view, PARAGRAPH_GAP + inside / 2);
  gtk_text_view_set_pixels_below_lines (text_view, PARAGRAPH_GAP + inside / 2);
}

static void
update_font (AlamaDocumentView *self)
{
  g_autoptr (GString) css = g_string_new (NULL);
  const char *family = pango_font_description_get_family (self->font);
  PangoStyle style = pango_font_description_get_style (self->font);
  g_autofree char *size = NULL;

  g_string_append_printf (css, "textview.alama-document.%s {\n  font-family: ", self->font_class);
  /* The chosen family first; an Arabic face after it, for a family that is
   * not installed or has no Arabic letters. */
  if (family && *family)
    {
      g_auto (GStrv) names = g_strsplit (family, ",", -1);

      for (guint k = 0; names[k]; k++)
        {
          g_strstrip (names[k]);
          if (*names[k] == '\0')
            continue;
          append_css_string (css, names[k]);
          g_string_append (css, ", ");
        }
    }
  g_string_append (css, "\"Noto Naskh Arabic\", \"Amiri\", serif;\n");
  size = g_strdup_printf ("%g", font_size_points (self->font));
  g_strdelimit (size, ",", '.');
  g_string_append_printf (css, "  font-size: %spt;\n", size);
  if (pango_font_description_get_set_fields (self->font) & PANGO_FONT_MASK_WEIGHT)
    g_string_append_printf (css, "  font-weight: %d;\n",
                            CLAMP ((int) pango_font_description_get_weight (self->font), 100, 900));
  g_string_append_printf (css, "  font-style: %s;\n}\n",
                          style == PANGO_STYLE_ITALIC    ? "italic"
                          : style == PANGO_STYLE_OBLIQUE ? "oblique"
                                                         : "normal");
  gtk_css_provider_load_from_data (self->font_provider, css->str, (gssize) css->len);
  update_spacing (self);
}

/**
 * alama_document_view_set_font:
 * @view: the view
 * @font: (nullable): a Pango font description ("Amiri 18"); %NULL, an
 *   empty family or no size take those of %ALAMA_DOCUMENT_VIEW_DEFAULT_FONT
 *
 * Sets the font the text is shown in, and its size.
 */
void
alama_document_view_set_font (AlamaDocumentView *self,
                              const char        *font)
{
  PangoFontDescription *desc;
  double size;

  g_return_if_fail (ALAMA_IS_DOCUMENT_VIEW (self));

  desc = pango_font_description_from_string (ALAMA_DOCUMENT_VIEW_DEFAULT_FONT);
  if (font)
    {
      g_autoptr (PangoFontDescription) chosen = pango_font_description_from_string (font);

      /* Only what it says: a bare size keeps the default family. */
      if (pango_font_description_get_family (chosen) == NULL
          || *pango_font_description_get_family (chosen) == '\0')
        pango_font_description_unset_fields (chosen, PANGO_FONT_MASK_FAMILY);
      if (pango_font_description_get_size (chosen) <= 0)
        pango_font_description_unset_fields (chosen, PANGO_FONT_MASK_SIZE);
      pango_font_description_merge (desc, chosen, TRUE);
    }
  size = CLAMP (font_size_points (desc), MIN_FONT_SIZE, MAX_FONT_SIZE);
  pango_font_description_set_size (desc, (int) round (size * PANGO_SCALE));

  if (self->font && pango_font_description_equal (self->font, desc))
    {
      pango_font_description_free (desc);
      return;
    }
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = desc;
  update_font (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT]);
}

/**
 * alama_document_view_dup_font:
 * @view: the view
 *
 * Returns: (transfer full): the font the text is shown in, as a Pango font
 *   description with its size in points
 */
char *
alama_document_view_dup_font (AlamaDocumentView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_VIEW (self), NULL);
  return pango_font_description_to_string (self->font);
}

/**
 * alama_document_view_get_font_size:
 * @view: the view
 *
 * Returns: the size of the text, in points
 */
double
alama_document_view_get_font_size (AlamaDocumentView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_VIEW (self), 0.0);
  return font_size_points (self->font);
}

/**
 * alama_document_view_zoom:
 * @view: the view
 * @direction: above 0 to make the text larger by one step, below 0 to make
 *   it smaller, 0 to give it the default size
 *
 * Changes the size of the font (and so the #AlamaDocumentView:font
 * property), keeping its family.
 */
void
alama_document_view_zoom (AlamaDocumentView *self,
                          int                direction)
{
  g_autoptr (PangoFontDescription) desc = NULL;
  g_autoptr (PangoFontDescription) default_font = NULL;
  g_autofree char *font = NULL;
  double size;
  double next;

  g_return_if_fail (ALAMA_IS_DOCUMENT_VIEW (self));

  size = font_size_points (self->font);
  if (direction == 0)
    {
      default_font = pango_font_description_from_string (ALAMA_DOCUMENT_VIEW_DEFAULT_FONT);
      next = font_size_points (default_font);
    }
  else if (direction > 0)
    {
      next = size;
      for (guint k = G_N_ELEMENTS (zoom_sizes); k > 0; k--)
        if (zoom_sizes[k - 1] > size + 0.01)
          next = zoom_sizes[k - 1];
    }
  else
    {
      next = size;
      for (guint k = 0; k < G_N_ELEMENTS (zoom_sizes); k++)
        if (zoom_sizes[k] < size - 0.01)
          next = zoom_sizes[k];
    }
  desc = pango_font_description_copy (self->font);
  pango_font_description_set_size (desc, (int) round (next * PANGO_SCALE));
  font = pango_font_description_to_string (desc);
  alama_document_view_set_font (self, font);
}

/**
 * alama_document_view_set_line_spacing:
 * @view: the view
 * @spacing: from 1.0 (the font's own line height) to 3.0
 *
 * Sets the space between lines: every tenth over 1.0 adds a tenth of the
 * font size between the lines of a paragraph (as pixels inside wrap) and
 * half that above and below each paragraph.
 */
void
alama_document_view_set_line_spacing (AlamaDocumentView *self,
                                      double             spacing)
{
  g_return_if_fail (ALAMA_IS_DOCUMENT_VIEW (self));

  spacing = CLAMP (spacing, 1.0, 3.0);
  if (spacing == self->line_spacing)
    return;
  self->line_spacing = spacing;
  update_spacing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_SPACING]);
}

/**
 * alama_document_view_get_line_spacing:
 * @view: the view
 *
 * Returns: the line spacing, from 1.0 to 3.0
 */
double
alama_document_view_get_line_spacing (AlamaDocumentView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_VIEW (self), 1.0);
  return self->line_spacing;
}

GtkWidget *
alama_document_view_new (void)
{
  return g_object_new (ALAMA_TYPE_DOCUMENT_VIEW, NULL);
}

static void
alama_document_view_dispose (GObject *object)
{
  AlamaDocumentView *self = ALAMA_DOCUMENT_VIEW (object);

  disconnect_document (self);
  if (self->font_provider)
    {
      gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                     GTK_STYLE_PROVIDER (self->font_provider));
      g_clear_object (&self->font_provider);
    }
  g_clear_handle_id (&self->insert_id, g_source_remove);
  g_clear_pointer (&self->pending_text, g_free);
  g_clear_signal_handler (&self->timing_paint_handler, self->timing_clock);
  g_clear_object (&self->timing_clock);
  G_OBJECT_CLASS (alama_document_view_parent_class)->dispose (object);
}

static void
alama_document_view_finalize (GObject *object)
{
  AlamaDocumentView *self = ALAMA_DOCUMENT_VIEW (object);

  g_clear_pointer (&self->entity_tags, g_hash_table_unref);
  g_clear_pointer (&self->confirmed_tags, g_hash_table_unref);
  g_clear_pointer (&self->all_tags, g_ptr_array_unref);
  g_clear_pointer (&self->hidden_labels, g_hash_table_unref);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->font_class, g_free);
  G_OBJECT_CLASS (alama_document_view_parent_class)->finalize (object);
}

static void
alama_document_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AlamaDocumentView *self = ALAMA_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_FONT:
      g_value_take_string (value, alama_document_view_dup_font (self));
      break;
    case PROP_LINE_SPACING:
      g_value_set_double (value, self->line_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_document_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AlamaDocumentView *self = ALAMA_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      alama_document_view_set_document (self, g_value_get_object (value));
      break;
    case PROP_FONT:
      alama_document_view_set_font (self, g_value_get_string (value));
      break;
    case PROP_LINE_SPACING:
      alama_document_view_set_line_spacing (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_document_view_class_init (AlamaDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alama_document_view_dispose;
  object_class->finalize = alama_document_view_finalize;
  object_class->get_property = alama_document_view_get_property;
  object_class->set_property = alama_document_view_set_property;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, ALAMA_TYPE_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  properties[PROP_FONT] = g_param_spec_string ("font", NULL, NULL, ALAMA_DOCUMENT_VIEW_DEFAULT_FONT,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_SPACING] = g_param_spec_double ("line-spacing", NULL, NULL, 1.0, 3.0,
                                                       ALAMA_DOCUMENT_VIEW_DEFAULT_LINE_SPACING,
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                           | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlamaDocumentView::label-visibility-changed:
   * @view: the view
   * @label: the label name
   * @visible: whether its entities are highlighted now
   *
   * A label's highlights were hidden or shown.
   */
  signals[LABEL_VISIBILITY_CHANGED] = g_signal_new ("label-visibility-changed",
                                                    G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                                    G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * AlamaDocumentView::highlights-done:
   * @view: the view
   *
   * Emitted when every highlight of a document just set is applied.
   */
  signals[HIGHLIGHTS_DONE] = g_signal_new ("highlights-done", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
alama_document_view_init (AlamaDocumentView *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);

  self->entity_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->confirmed_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->all_tags = g_ptr_array_new ();
  self->hidden_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->manual_tag = gtk_text_buffer_create_tag (buffer, "manual",
                                                 "weight", PANGO_WEIGHT_BOLD,
                                                 NULL);
  g_ptr_array_add (self->all_tags, self->manual_tag);

  gtk_text_view_set_editable (text_view, FALSE);
  gtk_text_view_set_cursor_visible (text_view, TRUE);
  gtk_text_view_set_wrap_mode (text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (text_view, 32);
  gtk_text_view_set_right_margin (text_view, 32);
  gtk_text_view_set_top_margin (text_view, 18);
  gtk_text_view_set_bottom_margin (text_view, 18);
  /* Arabic paragraphs get a right-to-left base direction from their text
   * either way; the widget's direction decides the others (empty lines, a
   * paragraph of digits) and which side the text starts from. */
  gtk_widget_set_direction (GTK_WIDGET (self), GTK_TEXT_DIR_RTL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "alama-document");
  {
    static guint n_views;

    self->font_class = g_strdup_printf ("alama-view-%u", ++n_views);
    gtk_widget_add_css_class (GTK_WIDGET (self), self->font_class);
    self->font_provider = gtk_css_provider_new ();
    gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                GTK_STYLE_PROVIDER (self->font_provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    self->line_spacing = ALAMA_DOCUMENT_VIEW_DEFAULT_LINE_SPACING;
    alama_document_view_set_font (self, NULL);
  }
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Document"),
                                  -1);
}
