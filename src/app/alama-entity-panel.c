/* alama-entity-panel.c: a side panel listing a document's entities.
 *
 * For each label of the document's label set, a header with the number of
 * entities and a switch that hides or shows the label's highlights in the
 * view; under it the distinct surfaces, compared after alama_normalize()
 * so that spellings with and without diacritics, tatweel or hamza on the
 * alef count as one, each with its number of occurrences.  Activating a
 * surface selects its next occurrence in the view.  Rejected annotations
 * are not entities and are not listed.
 *
 * The list follows the document's edits incrementally: ::changed says which
 * range of characters changed; the entities listed in that range are taken
 * out and the document's entities there put back, and only the rows of the
 * surfaces concerned are updated (their counts, their place, added or
 * removed).  The rows stay, and with them the scroll position, the focus
 * and which types are expanded.  The ranges of a burst of edits (accept
 * all, undo of a group) are merged and handled once, from an idle; a range
 * holding many entities is done by rebuilding the list whole, keeping the
 * scroll position.
 *
 * Surfaces are shown in their own direction: Arabic ones right-aligned
 * even when the interface is left-to-right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-entity-panel.h"

#include <glib/gi18n.h>

#include "alama-normalizer.h"

typedef struct _Section Section;

typedef struct
{
  Section *section;
  char *key;    /* normalized surface */
  char *text;   /* the surface as first written in the text */
  GArray *spans; /* gsize pairs [start, end) in characters, in text order */
  guint next;   /* the occurrence the next activation selects */
  GtkWidget *row;
  gboolean touched; /* during an update: its spans changed */
} Surface;

struct _Section
{
  char *label;
  guint index; /* its place in the list */
  guint count;
  GPtrArray *surfaces; /* Surface */
  GtkWidget *row;
  gboolean touched;
};

/* One entity listed, for finding those of a range that changed. */
typedef struct
{
  gsize start;
  gsize end;
  Surface *surface;
} Entry;

/* Above this many entities in the range that changed, the list is rebuilt
 * whole: cheaper than as many row updates. */
#define MAX_INCREMENTAL_ENTRIES 2000

struct _AlamaEntityPanel
{
  GtkBox parent_instance;

  /* Template children. */
  GtkSearchEntry *search_entry;
  GtkListBox *list_box;

  AlamaDocumentView *view;
  gulong document_handler;
  AlamaDocument *document;
  gulong changed_handler;
  guint rebuild_id;
  GPtrArray *sections; /* Section */
  char *filter_key;    /* normalized filter, NULL when empty */

  GArray *entries;     /* Entry, by start then end: every entity listed */
  GHashTable *by_key;  /* "LABEL\nkey" → Surface */
  gsize max_chars;     /* the longest entity listed, in characters */
  /* The range that changed since the last update, in characters; empty
   * when dirty_start >= dirty_end. */
  gsize dirty_start;
  gsize dirty_end;
  gboolean rebuild_all;
  GHashTable *collapsed; /* label names of the types collapsed */
  GtkScrolledWindow *scrolled_window;
};

G_DEFINE_FINAL_TYPE (AlamaEntityPanel, alama_entity_panel, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
surface_free (Surface *surface)
{
  g_free (surface->key);
  g_free (surface->text);
  g_array_unref (surface->spans);
  g_free (surface);
}

static void
section_free (Section *section)
{
  g_free (section->label);
  g_ptr_array_unref (section->surfaces);
  g_free (section);
}

static int
compare_surfaces (gconstpointer a,
                  gconstpointer b)
{
  const Surface *x = *(Surface *const *) a;
  const Surface *y = *(Surface *const *) b;
  gsize x_start = g_array_index (x->spans, gsize, 0);
  gsize y_start = g_array_index (y->spans, gsize, 0);

  /* The most frequent first, then in the order they appear. */
  if (x->spans->len != y->spans->len)
    return x->spans->len > y->spans->len ? -1 : 1;
  return x_start < y_start ? -1 : x_start > y_start;
}

static Section *
find_section (AlamaEntityPanel *self,
              const char       *label)
{
  if (self->sections == NULL)
    return NULL;
  for (guint k = 0; k < self->sections->len; k++)
    {
      Section *section = self->sections->pdata[k];

      if (strcmp (section->label, label) == 0)
        return section;
    }
  return NULL;
}

static Surface *
find_surface (AlamaEntityPanel *self,
              const char       *label,
              const char       *text)
{
  Section *section = find_section (self, label);
  g_autofree char *key = NULL;

  if (section == NULL)
    return NULL;
  key = alama_normalize_dup (text, -1);
  for (guint k = 0; k < section->surfaces->len; k++)
    {
      Surface *surface = section->surfaces->pdata[k];

      if (strcmp (surface->key, key) == 0)
        return surface;
    }
  return NULL;
}

static void
switch_active_cb (GtkSwitch        *sw,
                  GParamSpec       *pspec,
                  AlamaEntityPanel *self)
{
  const char *label = g_object_get_data (G_OBJECT (sw), "alama-label");

  if (self->view)
    alama_document_view_set_label_visible (self->view, label, gtk_switch_get_active (sw));
}

static gboolean
section_expanded (AlamaEntityPanel *self,
                  Section          *section)
{
  return !g_hash_table_contains (self->collapsed, section->label);
}

static void
update_section_row (AlamaEntityPanel *self,
                    Section          *section)
{
  GtkWidget *title = g_object_get_data (G_OBJECT (section->row), "alama-title");
  GtkWidget *arrow = g_object_get_data (G_OBJECT (section->row), "alama-arrow");
  gboolean expanded = section_expanded (self, section);
  /* TRANSLATORS: an entity type and how many entities it has, "PERS · 13" */
  g_autofree char *text = g_strdup_printf (_("%s · %u"), section->label, section->count);

  gtk_label_set_text (GTK_LABEL (title), text);
  gtk_image_set_from_icon_name (GTK_IMAGE (arrow),
                                expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (section->row), GTK_ACCESSIBLE_STATE_EXPANDED,
                               expanded, -1);
}

static GtkWidget *
section_row (AlamaEntityPanel *self,
             Section          *section)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *arrow = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *sw = gtk_switch_new ();
  g_autofree char *css_class = g_ascii_strdown (section->label, -1);
  g_autofree char *tooltip = g_strdup_printf (_("Highlight %s"), section->label);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (sw, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_switch_set_active (GTK_SWITCH (sw),
                         self->view == NULL
                             || alama_document_view_get_label_visible (self->view, section->label));
  g_object_set_data_full (G_OBJECT (sw), "alama-label", g_strdup (section->label), g_free);
  g_signal_connect (sw, "notify::active", G_CALLBACK (switch_active_cb), self);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sw);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Show or hide the names of this type"));
  gtk_widget_add_css_class (row, "alama-section");
  gtk_widget_add_css_class (row, css_class);
  g_object_set_data (G_OBJECT (row), "alama-section", section);
  g_object_set_data (G_OBJECT (row), "alama-switch", sw);
  g_object_set_data (G_OBJECT (row), "alama-title", title);
  g_object_set_data (G_OBJECT (row), "alama-arrow", arrow);
  section->row = row;
  update_section_row (self, section);
  return row;
}

static void
update_surface_row (Surface *surface)
{
  GtkWidget *count = g_object_get_data (G_OBJECT (surface->row), "alama-count");
  guint n = surface->spans->len / 2;
  g_autofree char *count_text = g_strdup_printf ("%u", n);
  /* TRANSLATORS: what a screen reader says for a name in the panel, "بيروت, 3 occurrences" */
  g_autofree char *a11y_label = g_strdup_printf (ngettext ("%s, %u occurrence",
                                                           "%s, %u occurrences", n),
                                                 surface->text, n);

  gtk_label_set_text (GTK_LABEL (count), count_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (surface->row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  a11y_label, -1);
}

/* The direction of the first letter of a strong direction in @text, as the
 * Unicode bidirectional algorithm finds a paragraph's (what
 * pango_find_base_dir() did before Pango deprecated it): by script, which
 * is exact for letters; digits, punctuation and marks have none. */
static GtkTextDirection
base_direction (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c))
        continue;
      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_COMMON:
        case G_UNICODE_SCRIPT_INHERITED:
          continue;
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
          return GTK_TEXT_DIR_RTL;
        default:
          return GTK_TEXT_DIR_LTR;
        }
    }
  return GTK_TEXT_DIR_NONE;
}

static GtkWidget *
surface_row (Surface *surface)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_label_new (surface->text);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  /* A label's xalign follows its direction: an Arabic name starts at the
   * right whatever the direction of the interface. */
  if (base_direction (surface->text) == GTK_TEXT_DIR_RTL)
    gtk_widget_set_direction (text, GTK_TEXT_DIR_RTL);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_start (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Go to the next occurrence"));
  g_object_set_data (G_OBJECT (row), "alama-surface", surface);
  g_object_set_data (G_OBJECT (row), "alama-text", text);
  g_object_set_data (G_OBJECT (row), "alama-count", count);
  surface->row = row;
  update_surface_row (surface);
  return row;
}

/* The list's order: the types in the label set's order, each header
 * before its surfaces, the surfaces by compare_surfaces(). */
static int
sort_func (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  Surface *x = g_object_get_data (G_OBJECT (a), "alama-surface");
  Surface *y = g_object_get_data (G_OBJECT (b), "alama-surface");
  Section *s = x ? x->section : g_object_get_data (G_OBJECT (a), "alama-section");
  Section *t = y ? y->section : g_object_get_data (G_OBJECT (b), "alama-section");

  if (s != t)
    return s->index < t->index ? -1 : 1;
  if (x == NULL || y == NULL)
    return (x != NULL) - (y != NULL);
  return compare_surfaces (&x, &y);
}

static void
clear_list (AlamaEntityPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  self->max_chars = 0;
}

static Section *
add_section (AlamaEntityPanel *self,
             const char       *label)
{
  Section *section = g_new0 (Section, 1);

  section->label = g_strdup (label);
  section->index = self->sections->len;
  section->surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) surface_free);
  g_ptr_array_add (self->sections, section);
  return section;
}

/* Where the span [start, end) is, or would go, in @spans (gsize pairs in
 * text order). */
static guint
span_position (GArray *spans,
               gsize   start,
               gsize   end)
{
  guint lo = 0;
  guint hi = spans->len / 2;

  /* Rebuilding adds spans in text order: try the end first. */
  if (hi > 0
      && (g_array_index (spans, gsize, 2 * hi - 2) < start
          || (g_array_index (spans, gsize, 2 * hi - 2) == start
              && g_array_index (spans, gsize, 2 * hi - 1) < end)))
    return hi;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gsize s = g_array_index (spans, gsize, 2 * mid);
      gsize e = g_array_index (spans, gsize, 2 * mid + 1);

      if (s < start || (s == start && e < end))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Lists one entity: counts it in its section (made when the label set
 * lacks it) and adds its span to its surface (made when new); the entry
 * goes to @entries.  Touched surfaces are added to @touched. */
static void
list_entity (AlamaEntityPanel      *self,
             const AlamaAnnotation *annotation,
             GArray                *entries,
             GPtrArray             *touched)
{
  Section *section = find_section (self, annotation->label);
  Surface *surface;
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  char *full_key;
  gsize span[2] = { annotation->start, annotation->end };
  Entry entry = { annotation->start, annotation->end, NULL };

  /* A label missing from the label set is still listed. */
  if (section == NULL)
    section = add_section (self, annotation->label);
  section->count++;
  section->touched = TRUE;
  text = alama_document_dup_substring (self->document, annotation->start, annotation->end);
  key = alama_normalize_dup (text, -1);
  full_key = g_strconcat (section->label, "\n", key, NULL);
  surface = g_hash_table_lookup (self->by_key, full_key);
  if (surface == NULL)
    {
      surface = g_new0 (Surface, 1);
      surface->section = section;
      surface->key = g_steal_pointer (&key);
      surface->text = g_steal_pointer (&text);
      surface->spans = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_ptr_array_add (section->surfaces, surface);
      g_hash_table_insert (self->by_key, full_key, surface);
    }
  else
    g_free (full_key);
  g_array_insert_vals (surface->spans, 2 * span_position (surface->spans, span[0], span[1]),
                       span, 2);
  if (touched && !surface->touched)
    g_ptr_array_add (touched, surface);
  surface->touched = TRUE;
  entry.surface = surface;
  g_array_append_val (entries, entry);
  self->max_chars = MAX (self->max_chars, annotation->end - annotation->start);
}

static void
rebuild (AlamaEntityPanel *self)
{
  AlamaLabelSet *labels;
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double scroll = gtk_adjustment_get_value (vadjustment);
  guint n;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->dirty_start = self->dirty_end = 0;
  self->rebuild_all = FALSE;
  clear_list (self);
  if (self->document == NULL)
    return;

  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  labels = alama_document_get_label_set (self->document);
  for (guint k = 0; k < alama_label_set_get_n_labels (labels); k++)
    add_section (self, alama_label_set_get (labels, k)->name);

  n = alama_document_get_n_annotations (self->document);
  for (guint k = 0; k < n; k++)
    {
      const AlamaAnnotation *annotation = alama_document_get_annotation (self->document, k);

      if (alama_annotation_is_entity (annotation))
        list_entity (self, annotation, self->entries, NULL);
    }

  for (guint k = 0; k < self->sections->len; k++)
    {
      Section *section = self->sections->pdata[k];

      section->touched = FALSE;
      g_ptr_array_sort (section->surfaces, compare_surfaces);
      gtk_list_box_append (self->list_box, section_row (self, section));
      for (guint j = 0; j < section->surfaces->len; j++)
        {
          Surface *surface = section->surfaces->pdata[j];

          surface->touched = FALSE;
          gtk_list_box_append (self->list_box, surface_row (surface));
        }
    }
  gtk_list_box_invalidate_filter (self->list_box);
  /* No layout ran since the rows went: the adjustment still has the old
   * range, and the value is put back as it was. */
  gtk_adjustment_set_value (vadjustment, scroll);
}

/* The first entry that may overlap a range starting at @start. */
static guint
first_entry_from (AlamaEntityPanel *self,
                  gsize             start)
{
  gsize from = start > self->max_chars ? start - self->max_chars : 0;
  guint lo = 0;
  guint hi = self->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->entries, Entry, mid).start < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a;
  const Entry *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

/* Takes out the entities listed in [start, end), lists the document's
 * entities there, and updates the rows concerned.  Returns FALSE, having
 * changed nothing, when the range holds too many entities for that to be
 * worth it. */
static gboolean
update_range (AlamaEntityPanel *self,
              gsize             start,
              gsize             end)
{
  g_autoptr (GPtrArray) touched = g_ptr_array_new ();
  g_autoptr (GArray) window = g_array_new (FALSE, FALSE, sizeof (Entry));
  guint first = first_entry_from (self, start);
  guint last = first;
  guint lo = 0;
  guint hi = alama_document_get_n_annotations (self->document);
  gsize from = start > self->max_chars ? start - self->max_chars : 0;

  while (last < self->entries->len && g_array_index (self->entries, Entry, last).start < end)
    last++;
  if (last - first > MAX_INCREMENTAL_ENTRIES)
    return FALSE;

  /* Out with the entities listed there; the others of the window stay. */
  for (guint k = first; k < last; k++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, k);
      Surface *surface = entry->surface;

      if (entry->end <= start)
        {
          g_array_append_val (window, *entry);
          continue;
        }
      g_array_remove_range (surface->spans,
                            2 * span_position (surface->spans, entry->start, entry->end), 2);
      surface->section->count--;
      surface->section->touched = TRUE;
      if (!surface->touched)
        g_ptr_array_add (touched, surface);
      surface->touched = TRUE;
    }

  /* In with the document's. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (alama_document_get_annotation (self->document, mid)->start < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint k = lo; k < alama_document_get_n_annotations (self->document); k++)
    {
      const AlamaAnnotation *annotation = alama_document_get_annotation (self->document, k);

      if (annotation->start >= end)
        break;
      if (alama_annotation_is_entity (annotation) && annotation->end > start)
        list_entity (self, annotation, window, touched);
    }
  g_array_sort (window, compare_entries);
  g_array_remove_range (self->entries, first, last - first);
  g_array_insert_vals (self->entries, first, window->data, window->len);

  /* The rows: gone, new or moved. */
  for (guint k = 0; k < touched->len; k++)
    {
      Surface *surface = touched->pdata[k];

      surface->touched = FALSE;
      if (surface->spans->len == 0)
        {
          g_autofree char *full_key = g_strconcat (surface->section->label, "\n", surface->key,
                                                   NULL);

          if (surface->row)
            gtk_list_box_remove (self->list_box, surface->row);
          g_hash_table_remove (self->by_key, full_key);
          g_ptr_array_remove (surface->section->surfaces, surface);
        }
      else if (surface->row == NULL)
        {
          surface->next = 0;
          gtk_list_box_append (self->list_box, surface_row (surface));
        }
      else
        {
          surface->next = surface->next % (surface->spans->len / 2);
          update_surface_row (surface);
          gtk_list_box_row_changed (GTK_LIST_BOX_ROW (surface->row));
        }
    }
  for (guint k = 0; k < self->sections->len; k++)
    {
      Section *section = self->sections->pdata[k];

      if (!section->touched)
        continue;
      section->touched = FALSE;
      if (section->row == NULL)
        gtk_list_box_append (self->list_box, section_row (self, section));
      else
        update_section_row (self, section);
    }
  return TRUE;
}

static gboolean
rebuild_cb (gpointer user_data)
{
  AlamaEntityPanel *self = user_data;

  self->rebuild_id = 0;
  if (self->rebuild_all || self->entries == NULL || self->document == NULL
      || !update_range (self, self->dirty_start, self->dirty_end))
    rebuild (self);
  self->dirty_start = self->dirty_end = 0;
  self->rebuild_all = FALSE;
  return G_SOURCE_REMOVE;
}

/* Brings the list up to date at once when an update is pending. */
static void
flush (AlamaEntityPanel *self)
{
  if (self->rebuild_id)
    {
      g_clear_handle_id (&self->rebuild_id, g_source_remove);
      rebuild_cb (self);
    }
}

static void
document_changed_cb (AlamaDocument    *document,
                     guint64           start,
                     guint64           end,
                     AlamaEntityPanel *self)
{
  if (self->dirty_start >= self->dirty_end)
    {
      self->dirty_start = (gsize) start;
      self->dirty_end = (gsize) end;
    }
  else
    {
      self->dirty_start = MIN (self->dirty_start, (gsize) start);
      self->dirty_end = MAX (self->dirty_end, (gsize) end);
    }
  /* Before the next frame (G_PRIORITY_HIGH_IDLE + 20), after the burst. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_cb, self, NULL);
}

static void
set_document (AlamaEntityPanel *self,
              AlamaDocument    *document)
{
  if (self->document == document)
    return;
  if (self->document)
    {
      g_clear_signal_handler (&self->changed_handler, self->document);
      g_clear_object (&self->document);
    }
  if (document)
    {
      self->document = g_object_ref (document);
      self->changed_handler = g_signal_connect (document, "changed",
                                                G_CALLBACK (document_changed_cb), self);
    }
  rebuild (self);
  /* Another document: from its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

static void
view_document_cb (AlamaDocumentView *view,
                  GParamSpec        *pspec,
                  AlamaEntityPanel  *self)
{
  set_document (self, alama_document_view_get_document (view));
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  AlamaEntityPanel *self = user_data;
  Surface *surface = g_object_get_data (G_OBJECT (row), "alama-surface");

  if (surface == NULL)
    return TRUE;
  if (!section_expanded (self, surface->section))
    return FALSE;
  if (self->filter_key == NULL)
    return TRUE;
  return strstr (surface->key, self->filter_key) != NULL;
}

static void
search_changed_cb (GtkSearchEntry   *entry,
                   AlamaEntityPanel *self)
{
  alama_entity_panel_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
activate_surface (AlamaEntityPanel *self,
                  Surface          *surface)
{
  guint n = surface->spans->len / 2;
  gsize start = g_array_index (surface->spans, gsize, 2 * (surface->next % n));
  gsize end = g_array_index (surface->spans, gsize, 2 * (surface->next % n) + 1);

  surface->next = (surface->next + 1) % n;
  if (self->view)
    alama_document_view_select_range (self->view, start, end);
}

static void
row_activated_cb (GtkListBox       *list_box,
                  GtkListBoxRow    *row,
                  AlamaEntityPanel *self)
{
  Surface *surface = g_object_get_data (G_OBJECT (row), "alama-surface");
  Section *section = g_object_get_data (G_OBJECT (row), "alama-section");

  if (surface)
    activate_surface (self, surface);
  else if (section)
    alama_entity_panel_set_expanded (self, section->label, !section_expanded (self, section));
}

/**
 * alama_entity_panel_set_filter:
 * @panel: the panel
 * @filter: (nullable): text the surfaces listed must contain, compared
 *   after normalization; %NULL or "" lists them all
 */
void
alama_entity_panel_set_filter (AlamaEntityPanel *self,
                               const char       *filter)
{
  g_return_if_fail (ALAMA_IS_ENTITY_PANEL (self));

  g_clear_pointer (&self->filter_key, g_free);
  if (filter && *filter)
    {
      self->filter_key = alama_normalize_dup (filter, -1);
      if (*self->filter_key == '\0')
        g_clear_pointer (&self->filter_key, g_free);
    }
  gtk_list_box_invalidate_filter (self->list_box);
}

/**
 * alama_entity_panel_get_label_count:
 * @panel: the panel
 * @label: a label name
 *
 * Returns: how many entities labelled @label the panel counts
 */
guint
alama_entity_panel_get_label_count (AlamaEntityPanel *self,
                                    const char       *label)
{
  Section *section;

  g_return_val_if_fail (ALAMA_IS_ENTITY_PANEL (self), 0);
  flush (self);
  section = find_section (self, label);
  return section ? section->count : 0;
}

/**
 * alama_entity_panel_get_n_surfaces:
 * @panel: the panel
 * @label: a label name
 * @shown_only: count only the surfaces the filter lets through
 *
 * Returns: how many distinct surfaces @label has
 */
guint
alama_entity_panel_get_n_surfaces (AlamaEntityPanel *self,
                                   const char       *label,
                                   gboolean          shown_only)
{
  Section *section;
  guint n = 0;

  g_return_val_if_fail (ALAMA_IS_ENTITY_PANEL (self), 0);
  flush (self);
  section = find_section (self, label);
  if (section == NULL)
    return 0;
  for (guint k = 0; k < section->surfaces->len; k++)
    {
      Surface *surface = section->surfaces->pdata[k];

      if (!shown_only || gtk_widget_get_child_visible (surface->row))
        n++;
    }
  return n;
}

/**
 * alama_entity_panel_get_surface_count:
 * @panel: the panel
 * @label: a label name
 * @surface: a surface, in any spelling that normalizes like the listed one
 *
 * Returns: how many times the panel counts @surface labelled @label
 */
guint
alama_entity_panel_get_surface_count (AlamaEntityPanel *self,
                                      const char       *label,
                                      const char       *text)
{
  Surface *surface;

  g_return_val_if_fail (ALAMA_IS_ENTITY_PANEL (self), 0);
  flush (self);
  surface = find_surface (self, label, text);
  return surface ? surface->spans->len / 2 : 0;
}

/**
 * alama_entity_panel_activate_surface:
 * @panel: the panel
 * @label: a label name
 * @surface: a surface, as for alama_entity_panel_get_surface_count()
 *
 * Does what activating the surface's row does: selects its next
 * occurrence in the view.
 *
 * Returns: whether the panel lists @surface
 */
gboolean
alama_entity_panel_activate_surface (AlamaEntityPanel *self,
                                     const char       *label,
                                     const char       *text)
{
  Surface *surface;

  g_return_val_if_fail (ALAMA_IS_ENTITY_PANEL (self), FALSE);
  flush (self);
  surface = find_surface (self, label, text);
  if (surface == NULL)
    return FALSE;
  g_signal_emit_by_name (self->list_box, "row-activated", surface->row);
  return TRUE;
}

/**
 * alama_entity_panel_set_label_visible:
 * @panel: the panel
 * @label: a label name
 * @visible: whether its highlights are shown
 *
 * Does what the label's switch does.
 */
void
alama_entity_panel_set_label_visible (AlamaEntityPanel *self,
                                      const char       *label,
                                      gboolean          visible)
{
  Section *section;

  g_return_if_fail (ALAMA_IS_ENTITY_PANEL (self));
  flush (self);
  section = find_section (self, label);
  if (section)
    gtk_switch_set_active (g_object_get_data (G_OBJECT (section->row), "alama-switch"), visible);
  else if (self->view)
    alama_document_view_set_label_visible (self->view, label, visible);
}

/**
 * alama_entity_panel_set_expanded:
 * @panel: the panel
 * @label: a label name
 * @expanded: whether the type's surfaces are listed under its header
 *
 * Does what activating the type's header does.  The state is kept across
 * edits and documents.
 */
void
alama_entity_panel_set_expanded (AlamaEntityPanel *self,
                                 const char       *label,
                                 gboolean          expanded)
{
  Section *section;

  g_return_if_fail (ALAMA_IS_ENTITY_PANEL (self));
  g_return_if_fail (label != NULL);

  if (expanded)
    g_hash_table_remove (self->collapsed, label);
  else
    g_hash_table_add (self->collapsed, g_strdup (label));
  flush (self);
  section = find_section (self, label);
  if (section && section->row)
    update_section_row (self, section);
  gtk_list_box_invalidate_filter (self->list_box);
}

gboolean
alama_entity_panel_get_expanded (AlamaEntityPanel *self,
                                 const char       *label)
{
  g_return_val_if_fail (ALAMA_IS_ENTITY_PANEL (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  return !g_hash_table_contains (self->collapsed, label);
}

/**
 * alama_entity_panel_get_surface_row:
 * @panel: the panel
 * @label: a label name
 * @surface: a surface, as for alama_entity_panel_get_surface_count()
 *
 * Returns: (transfer none) (nullable): the row listing @surface; its
 *   child is a box holding the surface's label, then its count
 */
GtkWidget *
alama_entity_panel_get_surface_row (AlamaEntityPanel *self,
                                    const char       *label,
                                    const char       *text)
{
  Surface *surface;

  g_return_val_if_fail (ALAMA_IS_ENTITY_PANEL (self), NULL);
  flush (self);
  surface = find_surface (self, label, text);
  return surface ? surface->row : NULL;
}

/**
 * alama_entity_panel_get_view:
 * @panel: the panel
 *
 * Returns: (transfer none) (nullable): the view the panel follows
 */
AlamaDocumentView *
alama_entity_panel_get_view (AlamaEntityPanel *self)
{
  g_return_val_if_fail (ALAMA_IS_ENTITY_PANEL (self), NULL);
  return self->view;
}

/**
 * alama_entity_panel_set_view:
 * @panel: the panel
 * @view: (nullable): the view whose document the panel lists, and in which
 *   it hides highlights and selects occurrences
 */
void
alama_entity_panel_set_view (AlamaEntityPanel  *self,
                             AlamaDocumentView *view)
{
  g_return_if_fail (ALAMA_IS_ENTITY_PANEL (self));
  g_return_if_fail (view == NULL || ALAMA_IS_DOCUMENT_VIEW (view));

  if (self->view == view)
    return;
  if (self->view)
    {
      g_clear_signal_handler (&self->document_handler, self->view);
      g_clear_object (&self->view);
    }
  if (view)
    {
      self->view = g_object_ref (view);
      self->document_handler = g_signal_connect (view, "notify::document",
                                                 G_CALLBACK (view_document_cb), self);
    }
  set_document (self, view ? alama_document_view_get_document (view) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

GtkWidget *
alama_entity_panel_new (void)
{
  return g_object_new (ALAMA_TYPE_ENTITY_PANEL, NULL);
}

static void
alama_entity_panel_dispose (GObject *object)
{
  AlamaEntityPanel *self = ALAMA_ENTITY_PANEL (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->view)
    {
      g_clear_signal_handler (&self->document_handler, self->view);
      g_clear_object (&self->view);
    }
  if (self->document)
    {
      g_clear_signal_handler (&self->changed_handler, self->document);
      g_clear_object (&self->document);
    }
  if (self->list_box)
    clear_list (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_ENTITY_PANEL);
  self->list_box = NULL;
  G_OBJECT_CLASS (alama_entity_panel_parent_class)->dispose (object);
}

static void
alama_entity_panel_finalize (GObject *object)
{
  AlamaEntityPanel *self = ALAMA_ENTITY_PANEL (object);

  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_free (self->filter_key);
  G_OBJECT_CLASS (alama_entity_panel_parent_class)->finalize (object);
}

static void
alama_entity_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AlamaEntityPanel *self = ALAMA_ENTITY_PANEL (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_entity_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AlamaEntityPanel *self = ALAMA_ENTITY_PANEL (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      alama_entity_panel_set_view (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_entity_panel_class_init (AlamaEntityPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_entity_panel_dispose;
  object_class->finalize = alama_entity_panel_finalize;
  object_class->get_property = alama_entity_panel_get_property;
  object_class->set_property = alama_entity_panel_set_property;

  properties[PROP_VIEW] = g_param_spec_object ("view", NULL, NULL, ALAMA_TYPE_DOCUMENT_VIEW,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Alama/alama-entity-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaEntityPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AlamaEntityPanel, list_box);
  gtk_widget_class_bind_template_child (widget_class, AlamaEntityPanel, scrolled_window);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
alama_entity_panel_init (AlamaEntityPanel *self)
{
  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list_box, filter_func, self, NULL);
  gtk_list_box_set_sort_func (self->list_box, sort_func, NULL, NULL);
}
