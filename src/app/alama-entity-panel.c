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
 * The list is rebuilt whole from an idle after the document changes: a
 * burst of edits (accept all, undo) then costs one rebuild.  A rebuild
 * counts the entities in steps of a few milliseconds from an idle
 * callback, so that a long text with tens of thousands of entities does
 * not freeze the window; the functions that report on the list finish it
 * first.  The list is a GtkListView: a long text has thousands of distinct
 * names, and only the rows on screen get widgets.
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
} Surface;

struct _Section
{
  char *label;
  guint count;
  GPtrArray *surfaces; /* Surface */
};

struct _AlamaEntityPanel
{
  GtkBox parent_instance;

  /* Template children. */
  GtkSearchEntry *search_entry;
  GtkListView *list_view;

  AlamaDocumentView *view;
  gulong document_handler;
  AlamaDocument *document;
  gulong changed_handler;
  guint rebuild_id;
  GPtrArray *sections; /* Section */
  char *filter_key;    /* normalized filter, NULL when empty */
  /* A rebuild in steps: the next annotation to sort in (surfaces by
   * "LABEL\nkey"). */
  guint build_id;
  GHashTable *build_keys;
  guint build_next;
  /* The rows: AlamaPanelItem, all of them and those the filter keeps. */
  GListStore *items;
  GtkCustomFilter *filter;
  /* Label → the GtkSwitch of its header while the header is on screen. */
  GHashTable *switches;
};

G_DEFINE_FINAL_TYPE (AlamaEntityPanel, alama_entity_panel, GTK_TYPE_BOX)

/* One row of the list: a section's header or one of its surfaces.  It
 * points into the panel's sections, and lives no longer than they do in
 * the list (the list view may keep it a little longer: its unbind reads
 * only the row's widgets). */
#define ALAMA_TYPE_PANEL_ITEM (alama_panel_item_get_type ())
G_DECLARE_FINAL_TYPE (AlamaPanelItem, alama_panel_item, ALAMA, PANEL_ITEM, GObject)

struct _AlamaPanelItem
{
  GObject parent_instance;

  Section *section;
  Surface *surface; /* NULL for the header */
};

G_DEFINE_FINAL_TYPE (AlamaPanelItem, alama_panel_item, G_TYPE_OBJECT)

static void
alama_panel_item_class_init (AlamaPanelItemClass *klass)
{
}

static void
alama_panel_item_init (AlamaPanelItem *self)
{
}

static AlamaPanelItem *
panel_item_new (Section *section,
                Surface *surface)
{
  AlamaPanelItem *item = g_object_new (ALAMA_TYPE_PANEL_ITEM, NULL);

  item->section = section;
  item->surface = surface;
  return item;
}

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

  if (self->view && label)
    alama_document_view_set_label_visible (self->view, label, gtk_switch_get_active (sw));
}

/* A row: the name, its count and, in a header, the switch. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              AlamaEntityPanel         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  g_signal_connect (sw, "notify::active", G_CALLBACK (switch_active_cb), self);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  gtk_box_append (GTK_BOX (box), sw);
  g_object_set_data (G_OBJECT (box), "alama-title", title);
  g_object_set_data (G_OBJECT (box), "alama-count", count);
  g_object_set_data (G_OBJECT (box), "alama-switch", sw);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             AlamaEntityPanel         *self)
{
  AlamaPanelItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *row = gtk_widget_get_parent (box);
  GtkLabel *title = g_object_get_data (G_OBJECT (box), "alama-title");
  GtkLabel *count = g_object_get_data (G_OBJECT (box), "alama-count");
  GtkSwitch *sw = g_object_get_data (G_OBJECT (box), "alama-switch");
  Section *section = item->section;

  if (item->surface == NULL)
    {
      /* TRANSLATORS: an entity type and how many entities it has, "PERS · 13" */
      g_autofree char *text = g_strdup_printf (_("%s · %u"), section->label, section->count);
      g_autofree char *css_class = g_ascii_strdown (section->label, -1);
      g_autofree char *tooltip = g_strdup_printf (_("Highlight %s"), section->label);

      gtk_label_set_text (title, text);
      gtk_widget_add_css_class (GTK_WIDGET (title), "heading");
      gtk_widget_set_visible (GTK_WIDGET (count), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (sw), TRUE);
      gtk_widget_set_margin_start (box, 0);
      gtk_widget_set_tooltip_text (GTK_WIDGET (sw), tooltip);
      gtk_widget_set_tooltip_text (box, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      /* The label first: the switch's handler reads it. */
      g_object_set_data_full (G_OBJECT (sw), "alama-label", g_strdup (section->label), g_free);
      gtk_switch_set_active (sw, self->view == NULL
                                     || alama_document_view_get_label_visible (self->view,
                                                                               section->label));
      g_hash_table_insert (self->switches, g_strdup (section->label), sw);
      gtk_list_item_set_activatable (list_item, FALSE);
      /* The header's colour is on the whole row. */
      gtk_widget_add_css_class (row, "alama-section");
      gtk_widget_add_css_class (row, css_class);
      g_object_set_data_full (G_OBJECT (box), "alama-row-class", g_steal_pointer (&css_class),
                              g_free);
    }
  else
    {
      g_autofree char *count_text = g_strdup_printf ("%u", item->surface->spans->len / 2);

      gtk_label_set_text (title, item->surface->text);
      gtk_widget_remove_css_class (GTK_WIDGET (title), "heading");
      gtk_label_set_text (count, count_text);
      gtk_widget_set_visible (GTK_WIDGET (count), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (sw), FALSE);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_tooltip_text (box, _("Go to the next occurrence"));
      gtk_list_item_set_activatable (list_item, TRUE);
    }
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               AlamaEntityPanel         *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkSwitch *sw = g_object_get_data (G_OBJECT (box), "alama-switch");
  const char *label = g_object_get_data (G_OBJECT (sw), "alama-label");
  const char *row_class = g_object_get_data (G_OBJECT (box), "alama-row-class");
  GtkWidget *row = gtk_widget_get_parent (box);

  if (label)
    {
      if (self->switches && g_hash_table_lookup (self->switches, label) == sw)
        g_hash_table_remove (self->switches, label);
      g_object_set_data (G_OBJECT (sw), "alama-label", NULL);
    }
  if (row_class)
    {
      gtk_widget_remove_css_class (row, "alama-section");
      gtk_widget_remove_css_class (row, row_class);
      g_object_set_data (G_OBJECT (box), "alama-row-class", NULL);
    }
}

static void
clear_list (AlamaEntityPanel *self)
{
  g_list_store_remove_all (self->items);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
}

/* The priority of a rebuild's steps: before the text view measures the
 * lines of a long text, after a frame that is due is drawn. */
#define BUILD_PRIORITY (GDK_PRIORITY_REDRAW + 1)
/* The time one step may take, in microseconds. */
#define BUILD_BUDGET_US 4000

static void
add_annotation (AlamaEntityPanel      *self,
                const AlamaAnnotation *annotation)
{
  Section *section;
  Surface *surface;
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  char *full_key;
  gsize span[2];

  if (!alama_annotation_is_entity (annotation))
    return;
  section = find_section (self, annotation->label);
  if (section == NULL)
    {
      /* A label missing from the label set is still listed. */
      section = g_new0 (Section, 1);
      section->label = g_strdup (annotation->label);
      section->surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) surface_free);
      g_ptr_array_add (self->sections, section);
    }
  section->count++;
  text = alama_document_dup_substring (self->document, annotation->start, annotation->end);
  key = alama_normalize_dup (text, -1);
  full_key = g_strconcat (section->label, "\n", key, NULL);
  surface = g_hash_table_lookup (self->build_keys, full_key);
  if (surface == NULL)
    {
      surface = g_new0 (Surface, 1);
      surface->section = section;
      surface->key = g_steal_pointer (&key);
      surface->text = g_steal_pointer (&text);
      surface->spans = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_ptr_array_add (section->surfaces, surface);
      g_hash_table_insert (self->build_keys, full_key, surface);
    }
  else
    g_free (full_key);
  span[0] = (gsize) annotation->start;
  span[1] = (gsize) annotation->end;
  g_array_append_vals (surface->spans, span, 2);
}

/* Does the next steps of a rebuild; with @budget_us > 0 for about that
 * long at most.  Returns whether steps are left. */
static gboolean
build_some (AlamaEntityPanel *self,
            gint64            budget_us)
{
  gint64 deadline = g_get_monotonic_time () + budget_us;
  guint n = alama_document_get_n_annotations (self->document);
  guint steps = 0;

  while (self->build_next < n)
    {
      add_annotation (self, alama_document_get_annotation (self->document, self->build_next++));
      if (budget_us > 0 && ++steps % 32 == 0 && g_get_monotonic_time () >= deadline)
        return TRUE;
    }
  {
    g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint k = 0; k < self->sections->len; k++)
      {
        Section *section = self->sections->pdata[k];

        g_ptr_array_sort (section->surfaces, compare_surfaces);
        g_ptr_array_add (items, panel_item_new (section, NULL));
        for (guint j = 0; j < section->surfaces->len; j++)
          g_ptr_array_add (items, panel_item_new (section, section->surfaces->pdata[j]));
      }
    g_clear_pointer (&self->build_keys, g_hash_table_unref);
    g_list_store_splice (self->items, 0, 0, items->pdata, items->len);
  }
  return FALSE;
}

static gboolean
build_cb (gpointer user_data)
{
  AlamaEntityPanel *self = user_data;

  if (build_some (self, BUILD_BUDGET_US))
    return G_SOURCE_CONTINUE;
  self->build_id = 0;
  return G_SOURCE_REMOVE;
}

/* Finishes a rebuild under way, now. */
static void
finish_build (AlamaEntityPanel *self)
{
  if (self->build_id == 0)
    return;
  g_clear_handle_id (&self->build_id, g_source_remove);
  build_some (self, 0);
}

static void
rebuild (AlamaEntityPanel *self)
{
  AlamaLabelSet *labels;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->build_id, g_source_remove);
  g_clear_pointer (&self->build_keys, g_hash_table_unref);
  clear_list (self);
  if (self->document == NULL)
    return;

  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  labels = alama_document_get_label_set (self->document);
  for (guint k = 0; k < alama_label_set_get_n_labels (labels); k++)
    {
      Section *section = g_new0 (Section, 1);

      section->label = g_strdup (alama_label_set_get (labels, k)->name);
      section->surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) surface_free);
      g_ptr_array_add (self->sections, section);
    }

  self->build_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->build_next = 0;
  if (build_some (self, BUILD_BUDGET_US))
    {
      self->build_id = g_idle_add_full (BUILD_PRIORITY, build_cb, self, NULL);
      g_source_set_name_by_id (self->build_id, "[alama] entity panel");
    }
}

static gboolean
rebuild_cb (gpointer user_data)
{
  AlamaEntityPanel *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (AlamaDocument    *document,
                     guint64           start,
                     guint64           end,
                     AlamaEntityPanel *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
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
}

static void
view_document_cb (AlamaDocumentView *view,
                  GParamSpec        *pspec,
                  AlamaEntityPanel  *self)
{
  set_document (self, alama_document_view_get_document (view));
}

static gboolean
surface_shown (AlamaEntityPanel *self,
               Surface          *surface)
{
  return self->filter_key == NULL || strstr (surface->key, self->filter_key) != NULL;
}

static gboolean
filter_func (gpointer object,
             gpointer user_data)
{
  AlamaEntityPanel *self = user_data;
  AlamaPanelItem *item = object;

  return item->surface == NULL || surface_shown (self, item->surface);
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
list_activate_cb (GtkListView      *list_view,
                  guint             position,
                  AlamaEntityPanel *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_autoptr (AlamaPanelItem) item = g_list_model_get_item (model, position);

  if (item && item->surface)
    activate_surface (self, item->surface);
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
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
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
  finish_build (self);
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
  finish_build (self);
  section = find_section (self, label);
  if (section == NULL)
    return 0;
  for (guint k = 0; k < section->surfaces->len; k++)
    {
      Surface *surface = section->surfaces->pdata[k];

      if (!shown_only || surface_shown (self, surface))
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
  finish_build (self);
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
  finish_build (self);
  surface = find_surface (self, label, text);
  if (surface == NULL)
    return FALSE;
  activate_surface (self, surface);
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
  GtkSwitch *sw;

  g_return_if_fail (ALAMA_IS_ENTITY_PANEL (self));
  finish_build (self);
  section = find_section (self, label);
  sw = section ? g_hash_table_lookup (self->switches, label) : NULL;
  if (sw)
    gtk_switch_set_active (sw, visible);
  else if (self->view)
    alama_document_view_set_label_visible (self->view, label, visible);
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
  g_clear_handle_id (&self->build_id, g_source_remove);
  g_clear_pointer (&self->build_keys, g_hash_table_unref);
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
  if (self->items)
    clear_list (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_ENTITY_PANEL);
  self->list_view = NULL;
  g_clear_object (&self->items);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->switches, g_hash_table_unref);
  G_OBJECT_CLASS (alama_entity_panel_parent_class)->dispose (object);
}

static void
alama_entity_panel_finalize (GObject *object)
{
  AlamaEntityPanel *self = ALAMA_ENTITY_PANEL (object);

  g_clear_pointer (&self->sections, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, AlamaEntityPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
alama_entity_panel_init (AlamaEntityPanel *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->switches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->items = g_list_store_new (ALAMA_TYPE_PANEL_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  selection = gtk_no_selection_new (G_LIST_MODEL (filtered));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}
