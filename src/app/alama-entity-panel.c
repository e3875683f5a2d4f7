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
 * runs in steps of a few milliseconds from an idle callback, so that a
 * long text with tens of thousands of entities does not freeze the
 * window; the functions that report on the list finish it first.
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
} Surface;

struct _Section
{
  char *label;
  guint count;
  GPtrArray *surfaces; /* Surface */
  GtkWidget *row;
};

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
  /* A rebuild in steps: the next annotation to sort in (surfaces by
   * "LABEL\nkey"), then the next section and surface to give a row. */
  guint build_id;
  GHashTable *build_keys;
  guint build_next;
  gboolean build_sorted;
  guint build_section;
  guint build_surface;
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

static GtkWidget *
section_row (AlamaEntityPanel *self,
             Section          *section)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  /* TRANSLATORS: an entity type and how many entities it has, "PERS · 13" */
  g_autofree char *text = g_strdup_printf (_("%s · %u"), section->label, section->count);
  GtkWidget *title = gtk_label_new (text);
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
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sw);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "alama-section");
  gtk_widget_add_css_class (row, css_class);
  g_object_set_data (G_OBJECT (row), "alama-switch", sw);
  return row;
}

static GtkWidget *
surface_row (Surface *surface)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_label_new (surface->text);
  g_autofree char *count_text = g_strdup_printf ("%u", surface->spans->len / 2);
  GtkWidget *count = gtk_label_new (count_text);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_start (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Go to the next occurrence"));
  g_object_set_data (G_OBJECT (row), "alama-surface", surface);
  return row;
}

static void
clear_list (AlamaEntityPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);
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
  if (!self->build_sorted)
    {
      for (guint k = 0; k < self->sections->len; k++)
        {
          Section *section = self->sections->pdata[k];

          g_ptr_array_sort (section->surfaces, compare_surfaces);
        }
      g_clear_pointer (&self->build_keys, g_hash_table_unref);
      self->build_sorted = TRUE;
    }
  while (self->build_section < self->sections->len)
    {
      Section *section = self->sections->pdata[self->build_section];

      if (section->row == NULL)
        {
          section->row = section_row (self, section);
          gtk_list_box_append (self->list_box, section->row);
        }
      while (self->build_surface < section->surfaces->len)
        {
          Surface *surface = section->surfaces->pdata[self->build_surface++];

          surface->row = surface_row (surface);
          gtk_list_box_append (self->list_box, surface->row);
          if (budget_us > 0 && ++steps % 16 == 0 && g_get_monotonic_time () >= deadline)
            return TRUE;
        }
      self->build_section++;
      self->build_surface = 0;
    }
  gtk_list_box_invalidate_filter (self->list_box);
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
  self->build_sorted = FALSE;
  self->build_section = 0;
  self->build_surface = 0;
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
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  AlamaEntityPanel *self = user_data;
  Surface *surface = g_object_get_data (G_OBJECT (row), "alama-surface");

  if (surface == NULL || self->filter_key == NULL)
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

  if (surface)
    activate_surface (self, surface);
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
  finish_build (self);
  section = find_section (self, label);
  if (section)
    gtk_switch_set_active (g_object_get_data (G_OBJECT (section->row), "alama-switch"), visible);
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
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
alama_entity_panel_init (AlamaEntityPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list_box, filter_func, self, NULL);
}
