/* alama-entity-panel.c: a side panel listing a document's entities.
 *
 * For each label of the document's label set, a header with the number of
 * entities and a switch that hides or shows the label's highlights in the
 * view; under it the distinct surfaces, compared after alama_normalize()
 * so that spellings with and without diacritics, tatweel or hamza on the
 * alef count as one, each with its number of occurrences.  Activating a
 * surface selects its next occurrence in the view; activating a header
 * collapses or expands its type.  Rejected annotations are not entities
 * and are not listed.
 *
 * The list is a GtkListView over a GListStore of rows (a header, or a
 * surface): a long text has thousands of distinct names, and only the rows
 * on screen get widgets.  The store holds the rows in the list's order,
 * the types collapsed and the filter are a GtkCustomFilter on it.
 *
 * The list follows the document's edits incrementally: ::changed says which
 * range of characters changed; the entities listed in that range are taken
 * out and the document's entities there put back, and only the rows of the
 * surfaces concerned change in the store (their counts, their place, added
 * or removed), one splice per type.  The other rows keep their widgets, the
 * view its scroll position, and the types which are expanded stay so.  The
 * ranges of a burst of edits (accept all, undo of a group) are merged and
 * handled once, from an idle.  A range holding many entities, and a new
 * document, are done by building the list afresh in steps of a few
 * milliseconds from an idle callback, so that a long text with tens of
 * thousands of entities does not freeze the window; the list shown stays
 * until the new one replaces it, keeping the scroll position.  The
 * functions that report on the list finish any update first.
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
typedef struct _Surface Surface;

/* One row of the list: a section's header or one of its surfaces. */
#define ALAMA_TYPE_PANEL_ITEM (alama_panel_item_get_type ())
G_DECLARE_FINAL_TYPE (AlamaPanelItem, alama_panel_item, ALAMA, PANEL_ITEM, GObject)

struct _Surface
{
  Section *section;
  char *key;    /* normalized surface */
  char *text;   /* the surface as first written in the text */
  GArray *spans; /* gsize pairs [start, end) in characters, in text order */
  guint next;   /* the occurrence the next activation selects */
  AlamaPanelItem *item; /* its row in the store; NULL until placed there */
  gboolean rtl; /* its text is right-to-left */
  gboolean touched; /* during an update: its spans changed */
};

struct _Section
{
  char *label;
  guint index; /* its place in the list */
  guint count;
  GPtrArray *surfaces; /* Surface; once placed, in the list's order */
  AlamaPanelItem *item; /* its header in the store; NULL until placed */
  gboolean touched;
};

/* One entity listed, for finding those of a range that changed. */
typedef struct
{
  gsize start;
  gsize end;
  Surface *surface;
} Entry;

/* What the panel knows of a document's entities: the one listed, or one
 * being built. */
typedef struct
{
  GPtrArray *sections; /* Section */
  GArray *entries;     /* Entry, by start then end: every entity listed */
  GHashTable *by_key;  /* "LABEL\nkey" → Surface */
  gsize max_chars;     /* the longest entity, in characters */
} Catalog;

/* Above this many entities in the range that changed, the list is rebuilt
 * whole: cheaper than as many row updates. */
#define MAX_INCREMENTAL_ENTRIES 2000

/* The priority of a rebuild's steps: before the text view measures the
 * lines of a long text, after a frame that is due is drawn. */
#define BUILD_PRIORITY (GDK_PRIORITY_REDRAW + 1)
/* The time one step may take, in microseconds. */
#define BUILD_BUDGET_US 4000

struct _AlamaEntityPanel
{
  GtkBox parent_instance;

  /* Template children. */
  GtkSearchEntry *search_entry;
  GtkListView *list_view;
  GtkScrolledWindow *scrolled_window;

  AlamaDocumentView *view;
  gulong document_handler;
  AlamaDocument *document;
  gulong changed_handler;
  char *filter_key;      /* normalized filter, NULL when empty */
  GHashTable *collapsed; /* label names of the types collapsed */

  /* The list shown. */
  Catalog *catalog;
  /* The rows: AlamaPanelItem, all of them in the list's order, and those
   * the filter keeps. */
  GListStore *items;
  GtkCustomFilter *filter;

  /* The update pending: the range that changed since the last one, in
   * characters (empty when dirty_start >= dirty_end). */
  guint update_id;
  gsize dirty_start;
  gsize dirty_end;

  /* A rebuild in steps: the catalog it fills and the next annotation to
   * sort in. */
  guint build_id;
  Catalog *building;
  guint build_next;
  gboolean build_keeps_scroll;
};

G_DEFINE_FINAL_TYPE (AlamaEntityPanel, alama_entity_panel, GTK_TYPE_BOX)

/* The section or surface owns its row; the store and the list view hold
 * it too, the list view perhaps a little longer (until its unbind), so
 * that its pointers are cleared when what they point to goes. */
struct _AlamaPanelItem
{
  GObject parent_instance;

  Section *section; /* NULL once gone */
  Surface *surface; /* NULL for a header, and once gone */
  GtkWidget *child; /* the child of the row it is bound to, if any */
  gboolean moving;  /* during an update: leaves or enters the store */
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

/* Lets go of a section's or surface's row: the list view may still hold
 * it for a moment. */
static void
panel_item_release (AlamaPanelItem *item)
{
  if (item == NULL)
    return;
  item->section = NULL;
  item->surface = NULL;
  g_object_unref (item);
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
  panel_item_release (surface->item);
  g_free (surface->key);
  g_free (surface->text);
  g_array_unref (surface->spans);
  g_free (surface);
}

static void
section_free (Section *section)
{
  panel_item_release (section->item);
  g_free (section->label);
  g_ptr_array_unref (section->surfaces);
  g_free (section);
}

static void
catalog_free (Catalog *catalog)
{
  g_ptr_array_unref (catalog->sections);
  g_array_unref (catalog->entries);
  g_hash_table_unref (catalog->by_key);
  g_free (catalog);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Catalog, catalog_free)

static Section *
catalog_add_section (Catalog    *catalog,
                     const char *label)
{
  Section *section = g_new0 (Section, 1);

  section->label = g_strdup (label);
  section->index = catalog->sections->len;
  section->surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) surface_free);
  g_ptr_array_add (catalog->sections, section);
  return section;
}

/* An empty catalog with a section for each label of @document's set. */
static Catalog *
catalog_new (AlamaDocument *document)
{
  Catalog *catalog = g_new0 (Catalog, 1);
  AlamaLabelSet *labels = alama_document_get_label_set (document);

  catalog->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  catalog->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  catalog->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint k = 0; k < alama_label_set_get_n_labels (labels); k++)
    catalog_add_section (catalog, alama_label_set_get (labels, k)->name);
  return catalog;
}

static Section *
catalog_find_section (Catalog    *catalog,
                      const char *label)
{
  if (catalog == NULL)
    return NULL;
  for (guint k = 0; k < catalog->sections->len; k++)
    {
      Section *section = catalog->sections->pdata[k];

      if (strcmp (section->label, label) == 0)
        return section;
    }
  return NULL;
}

static Surface *
catalog_find_surface (Catalog    *catalog,
                      const char *label,
                      const char *text)
{
  g_autofree char *key = NULL;
  g_autofree char *full_key = NULL;

  if (catalog == NULL)
    return NULL;
  key = alama_normalize_dup (text, -1);
  full_key = g_strconcat (label, "\n", key, NULL);
  return g_hash_table_lookup (catalog->by_key, full_key);
}

/* The list's order within a type: the most frequent first, then in the
 * order they appear; a total order, so that a list kept up to date edit
 * by edit is the one built afresh. */
static int
compare_surfaces (gconstpointer a,
                  gconstpointer b)
{
  const Surface *x = *(Surface *const *) a;
  const Surface *y = *(Surface *const *) b;
  const gsize *xs = (const gsize *) (gpointer) x->spans->data;
  const gsize *ys = (const gsize *) (gpointer) y->spans->data;

  if (x->spans->len != y->spans->len)
    return x->spans->len > y->spans->len ? -1 : 1;
  if (xs[0] != ys[0])
    return xs[0] < ys[0] ? -1 : 1;
  if (xs[1] != ys[1])
    return xs[1] < ys[1] ? -1 : 1;
  return strcmp (x->key, y->key);
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

/* Lists one entity of @document in @catalog: counts it in its section
 * (made when the label set lacks it) and adds its span to its surface
 * (made when new); the entry goes to @entries.  With @mark, the section
 * and surface are marked touched. */
static void
list_entity (Catalog               *catalog,
             AlamaDocument         *document,
             const AlamaAnnotation *annotation,
             GArray                *entries,
             gboolean               mark)
{
  Section *section = catalog_find_section (catalog, annotation->label);
  Surface *surface;
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  char *full_key;
  gsize span[2] = { annotation->start, annotation->end };
  Entry entry = { annotation->start, annotation->end, NULL };

  /* A label missing from the label set is still listed. */
  if (section == NULL)
    section = catalog_add_section (catalog, annotation->label);
  section->count++;
  text = alama_document_dup_substring (document, annotation->start, annotation->end);
  key = alama_normalize_dup (text, -1);
  full_key = g_strconcat (section->label, "\n", key, NULL);
  surface = g_hash_table_lookup (catalog->by_key, full_key);
  if (surface == NULL)
    {
      surface = g_new0 (Surface, 1);
      surface->section = section;
      surface->key = g_steal_pointer (&key);
      surface->text = g_steal_pointer (&text);
      surface->rtl = base_direction (surface->text) == GTK_TEXT_DIR_RTL;
      surface->spans = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_ptr_array_add (section->surfaces, surface);
      g_hash_table_insert (catalog->by_key, full_key, surface);
    }
  else
    g_free (full_key);
  g_array_insert_vals (surface->spans, 2 * span_position (surface->spans, span[0], span[1]),
                       span, 2);
  if (mark)
    {
      section->touched = TRUE;
      surface->touched = TRUE;
    }
  entry.surface = surface;
  g_array_append_val (entries, entry);
  catalog->max_chars = MAX (catalog->max_chars, annotation->end - annotation->start);
}

static gboolean
section_expanded (AlamaEntityPanel *self,
                  const char       *label)
{
  return !g_hash_table_contains (self->collapsed, label);
}

static gboolean
surface_shown (AlamaEntityPanel *self,
               Surface          *surface)
{
  if (!section_expanded (self, surface->section->label))
    return FALSE;
  return self->filter_key == NULL || strstr (surface->key, self->filter_key) != NULL;
}

/* --- Rows ------------------------------------------------------------- */

enum
{
  ROW_HEADER = 1,
  ROW_SURFACE
};

static void
switch_active_cb (GtkSwitch        *sw,
                  GParamSpec       *pspec,
                  AlamaEntityPanel *self)
{
  const char *label = g_object_get_data (G_OBJECT (sw), "alama-label");

  if (self->view && label)
    alama_document_view_set_label_visible (self->view, label, gtk_switch_get_active (sw));
}

/* A header's child: the arrow, the type with its count, the switch. */
static GtkWidget *
header_child_new (AlamaEntityPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *arrow = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  g_signal_connect (sw, "notify::active", G_CALLBACK (switch_active_cb), self);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sw);
  gtk_widget_set_tooltip_text (box, _("Show or hide the names of this type"));
  g_object_set_data (G_OBJECT (box), "alama-kind", GINT_TO_POINTER (ROW_HEADER));
  g_object_set_data (G_OBJECT (box), "alama-arrow", arrow);
  g_object_set_data (G_OBJECT (box), "alama-title", title);
  g_object_set_data (G_OBJECT (box), "alama-switch", sw);
  return box;
}

/* A surface's child: the surface, then its count. */
static GtkWidget *
surface_child_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_tooltip_text (box, _("Go to the next occurrence"));
  g_object_set_data (G_OBJECT (box), "alama-kind", GINT_TO_POINTER (ROW_SURFACE));
  g_object_set_data (G_OBJECT (box), "alama-text", text);
  g_object_set_data (G_OBJECT (box), "alama-count", count);
  return box;
}

/* Puts @section's state in the header child @box. */
static void
fill_header (AlamaEntityPanel *self,
             Section          *section,
             GtkWidget        *box)
{
  GtkWidget *row = gtk_widget_get_parent (box);
  GtkWidget *title = g_object_get_data (G_OBJECT (box), "alama-title");
  GtkWidget *arrow = g_object_get_data (G_OBJECT (box), "alama-arrow");
  GtkWidget *sw = g_object_get_data (G_OBJECT (box), "alama-switch");
  gboolean expanded = section_expanded (self, section->label);
  /* TRANSLATORS: an entity type and how many entities it has, "PERS · 13" */
  g_autofree char *text = g_strdup_printf (_("%s · %u"), section->label, section->count);

  gtk_label_set_text (GTK_LABEL (title), text);
  gtk_image_set_from_icon_name (GTK_IMAGE (arrow),
                                expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  if (row)
    gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                                 -1);
  if (g_strcmp0 (g_object_get_data (G_OBJECT (sw), "alama-label"), section->label) != 0)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Highlight %s"), section->label);

      gtk_widget_set_tooltip_text (sw, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      /* The label first: the switch's handler reads it. */
      g_object_set_data_full (G_OBJECT (sw), "alama-label", g_strdup (section->label), g_free);
    }
  gtk_switch_set_active (GTK_SWITCH (sw),
                         self->view == NULL
                             || alama_document_view_get_label_visible (self->view,
                                                                       section->label));
}

/* Puts @surface's text and count in the surface child @box. */
static void
fill_surface (Surface   *surface,
              GtkWidget *box)
{
  GtkWidget *row = gtk_widget_get_parent (box);
  GtkWidget *text = g_object_get_data (G_OBJECT (box), "alama-text");
  GtkWidget *count = g_object_get_data (G_OBJECT (box), "alama-count");
  guint n = surface->spans->len / 2;
  g_autofree char *count_text = g_strdup_printf ("%u", n);

  gtk_label_set_text (GTK_LABEL (text), surface->text);
  /* A label's xalign follows its direction: an Arabic name starts at the
   * right whatever the direction of the interface. */
  gtk_widget_set_direction (text, surface->rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_NONE);
  gtk_label_set_text (GTK_LABEL (count), count_text);
  if (row)
    {
      /* TRANSLATORS: what a screen reader says for a name in the panel, "بيروت, 3 occurrences" */
      g_autofree char *a11y_label = g_strdup_printf (ngettext ("%s, %u occurrence",
                                                               "%s, %u occurrences", n),
                                                     surface->text, n);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      a11y_label, -1);
    }
}

/* Brings the row @item is bound to, if any, up to date. */
static void
refill_item (AlamaEntityPanel *self,
             AlamaPanelItem   *item)
{
  if (item == NULL || item->child == NULL || item->section == NULL)
    return;
  if (item->surface)
    fill_surface (item->surface, item->child);
  else
    fill_header (self, item->section, item->child);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              AlamaEntityPanel         *self)
{
  /* Most rows are surfaces. */
  gtk_list_item_set_child (list_item, surface_child_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             AlamaEntityPanel         *self)
{
  AlamaPanelItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  int kind = item->surface ? ROW_SURFACE : ROW_HEADER;
  GtkWidget *row;

  if (item->section == NULL)
    return;
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (box), "alama-kind")) != kind)
    {
      box = kind == ROW_HEADER ? header_child_new (self) : surface_child_new ();
      gtk_list_item_set_child (list_item, box);
    }
  row = gtk_widget_get_parent (box);
  item->child = box;
  g_object_set_data (G_OBJECT (box), "alama-item", item);
  gtk_list_item_set_activatable (list_item, TRUE);
  if (kind == ROW_HEADER)
    {
      g_autofree char *css_class = g_ascii_strdown (item->section->label, -1);

      /* The header's colour is on the whole row. */
      if (row)
        {
          gtk_widget_add_css_class (row, "alama-section");
          gtk_widget_add_css_class (row, css_class);
        }
      g_object_set_data_full (G_OBJECT (box), "alama-row-class", g_steal_pointer (&css_class),
                              g_free);
      fill_header (self, item->section, box);
    }
  else
    fill_surface (item->surface, box);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               AlamaEntityPanel         *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  AlamaPanelItem *item = g_object_get_data (G_OBJECT (box), "alama-item");
  const char *row_class = g_object_get_data (G_OBJECT (box), "alama-row-class");
  GtkWidget *row = gtk_widget_get_parent (box);

  if (item && item->child == box)
    item->child = NULL;
  g_object_set_data (G_OBJECT (box), "alama-item", NULL);
  if (row && row_class)
    {
      gtk_widget_remove_css_class (row, "alama-section");
      gtk_widget_remove_css_class (row, row_class);
    }
  g_object_set_data (G_OBJECT (box), "alama-row-class", NULL);
  if (row)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_EXPANDED);
    }
}

static gboolean
filter_func (gpointer object,
             gpointer user_data)
{
  AlamaEntityPanel *self = user_data;
  AlamaPanelItem *item = object;

  if (item->surface == NULL)
    return item->section != NULL;
  return surface_shown (self, item->surface);
}

/* --- Updating the store -------------------------------------------------- */

/* Makes the store's rows from @first go from the items of @placed to
 * those of @fresh.  The items in both that are not moving keep their
 * order; the moving ones leave (those of @placed) and come in (those of
 * @fresh), in runs of a splice each.  The rows that stay keep their
 * widgets, and the list view, whose scroll position follows the rows on
 * screen, does not move.  Rows at the same place at both ends stay,
 * moving or not. */
static void
splice_rows (AlamaEntityPanel *self,
             guint             first,
             GPtrArray        *placed,
             GPtrArray        *fresh)
{
  g_autoptr (GPtrArray) run = g_ptr_array_new ();
  guint prefix = 0;
  guint suffix = 0;
  guint run_start = 0;
  guint run_length = 0;
  guint position;

  while (prefix < placed->len && prefix < fresh->len
         && placed->pdata[prefix] == fresh->pdata[prefix])
    prefix++;
  while (suffix < placed->len - prefix && suffix < fresh->len - prefix
         && placed->pdata[placed->len - 1 - suffix] == fresh->pdata[fresh->len - 1 - suffix])
    suffix++;

  /* Out, from the end so that the positions before stay right... */
  for (guint k = placed->len - suffix; k-- > prefix;)
    {
      AlamaPanelItem *item = placed->pdata[k];

      if (item->moving)
        {
          run_start = k;
          run_length++;
        }
      if (run_length > 0 && (!item->moving || k == prefix))
        {
          g_list_store_splice (self->items, first + run_start, run_length, NULL, 0);
          run_length = 0;
        }
    }
  /* ...and in, the others being in place already. */
  position = first + prefix;
  for (guint k = prefix; k <= fresh->len - suffix; k++)
    {
      AlamaPanelItem *item = k < fresh->len - suffix ? fresh->pdata[k] : NULL;

      if (item && item->moving)
        {
          g_ptr_array_add (run, item);
          continue;
        }
      if (run->len > 0)
        {
          g_list_store_splice (self->items, position, 0, run->pdata, run->len);
          position += run->len;
          g_ptr_array_set_size (run, 0);
        }
      position++;
    }

  for (guint k = 0; k < placed->len; k++)
    ((AlamaPanelItem *) placed->pdata[k])->moving = FALSE;
  for (guint k = 0; k < fresh->len; k++)
    ((AlamaPanelItem *) fresh->pdata[k])->moving = FALSE;
}

/* The items of @surfaces' rows. */
static GPtrArray *
surface_items (GPtrArray *surfaces)
{
  GPtrArray *items = g_ptr_array_sized_new (surfaces->len);

  for (guint k = 0; k < surfaces->len; k++)
    {
      Surface *surface = surfaces->pdata[k];

      if (surface->item)
        g_ptr_array_add (items, surface->item);
    }
  return items;
}

/* Gives @catalog's sections and surfaces rows, those of @old (whose
 * sections it has first, in the same order) where the row is the same:
 * a section's header, a surface with the same key and place in the order
 * (its count and first span), which keeps the occurrence it selects
 * next.  The other rows of @old are marked moving: they go. */
static void
take_rows (Catalog *catalog,
           Catalog *old)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  for (guint k = 0; k < catalog->sections->len; k++)
    {
      Section *section = catalog->sections->pdata[k];
      Section *was = k < old->sections->len ? old->sections->pdata[k] : NULL;

      section->touched = FALSE;
      g_ptr_array_sort (section->surfaces, compare_surfaces);
      if (was)
        {
          section->item = g_steal_pointer (&was->item);
          section->item->section = section;
          for (guint j = 0; j < was->surfaces->len; j++)
            {
              Surface *surface = was->surfaces->pdata[j];

              if (surface->item)
                surface->item->moving = TRUE;
            }
        }
    }
  g_hash_table_iter_init (&iter, catalog->by_key);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Surface *surface = value;
      Surface *was = g_hash_table_lookup (old->by_key, key);

      surface->touched = FALSE;
      if (was == NULL)
        continue;
      surface->next = was->next % (surface->spans->len / 2);
      if (was->item && was->spans->len == surface->spans->len
          && memcmp (was->spans->data, surface->spans->data, 2 * sizeof (gsize)) == 0)
        {
          surface->item = g_steal_pointer (&was->item);
          surface->item->section = surface->section;
          surface->item->surface = surface;
          surface->item->moving = FALSE;
        }
    }
}

/* Shows @catalog (taken) instead of the list shown.  With @keep_scroll,
 * as an update of the rows shown, when the types are those shown, and
 * maybe more; otherwise all rows are new, from the top. */
static void
install_catalog (AlamaEntityPanel *self,
                 Catalog          *catalog,
                 gboolean          keep_scroll)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double scroll = gtk_adjustment_get_value (vadjustment);
  g_autoptr (Catalog) old = g_steal_pointer (&self->catalog);
  gboolean same_types = old && catalog && old->sections->len <= catalog->sections->len;
  g_autoptr (GPtrArray) items = g_ptr_array_new ();
  guint offset = 0;

  for (guint k = 0; same_types && k < old->sections->len; k++)
    same_types = strcmp (((Section *) old->sections->pdata[k])->label,
                         ((Section *) catalog->sections->pdata[k])->label)
                 == 0;
  self->catalog = catalog;
  if (keep_scroll && same_types)
    {
      g_autoptr (GPtrArray) placed = g_ptr_array_new_with_free_func (
          (GDestroyNotify) g_ptr_array_unref);

      /* The rows shown, before some go to the new catalog. */
      for (guint k = 0; k < old->sections->len; k++)
        g_ptr_array_add (placed,
                         surface_items (((Section *) old->sections->pdata[k])->surfaces));
      take_rows (catalog, old);
      for (guint k = 0; k < catalog->sections->len; k++)
        {
          Section *section = catalog->sections->pdata[k];
          g_autoptr (GPtrArray) fresh = NULL;

          for (guint j = 0; j < section->surfaces->len; j++)
            {
              Surface *surface = section->surfaces->pdata[j];

              if (surface->item == NULL)
                {
                  surface->item = panel_item_new (section, surface);
                  surface->item->moving = TRUE;
                }
            }
          fresh = surface_items (section->surfaces);
          if (section->item == NULL)
            {
              /* A type new to the list, at its end. */
              section->item = panel_item_new (section, NULL);
              g_list_store_insert (self->items, offset, section->item);
              g_list_store_splice (self->items, offset + 1, 0, fresh->pdata, fresh->len);
              for (guint j = 0; j < fresh->len; j++)
                ((AlamaPanelItem *) fresh->pdata[j])->moving = FALSE;
            }
          else
            {
              splice_rows (self, offset + 1, placed->pdata[k], fresh);
              refill_item (self, section->item);
            }
          offset += 1 + section->surfaces->len;
        }
      return;
    }

  for (guint k = 0; catalog && k < catalog->sections->len; k++)
    {
      Section *section = catalog->sections->pdata[k];

      section->touched = FALSE;
      g_ptr_array_sort (section->surfaces, compare_surfaces);
      section->item = panel_item_new (section, NULL);
      g_ptr_array_add (items, section->item);
      for (guint j = 0; j < section->surfaces->len; j++)
        {
          Surface *surface = section->surfaces->pdata[j];

          surface->touched = FALSE;
          surface->item = panel_item_new (section, surface);
          g_ptr_array_add (items, surface->item);
        }
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  /* No layout ran since the rows went: the adjustment still has the old
   * range, and the value is put back as it was. */
  gtk_adjustment_set_value (vadjustment, keep_scroll ? scroll : 0);
}

/* --- Building the list afresh ------------------------------------------ */

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
      const AlamaAnnotation *annotation
          = alama_document_get_annotation (self->document, self->build_next++);

      if (alama_annotation_is_entity (annotation))
        list_entity (self->building, self->document, annotation, self->building->entries, FALSE);
      if (budget_us > 0 && ++steps % 32 == 0 && g_get_monotonic_time () >= deadline)
        return TRUE;
    }
  install_catalog (self, g_steal_pointer (&self->building), self->build_keeps_scroll);
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

/* Starts building the list afresh, the list shown staying until the new
 * one is done; a rebuild under way starts again. */
static void
start_build (AlamaEntityPanel *self,
             gboolean          keep_scroll)
{
  g_clear_handle_id (&self->build_id, g_source_remove);
  g_clear_pointer (&self->building, catalog_free);
  if (self->document == NULL)
    {
      install_catalog (self, NULL, keep_scroll);
      return;
    }
  self->building = catalog_new (self->document);
  self->build_next = 0;
  self->build_keeps_scroll = keep_scroll;
  if (build_some (self, BUILD_BUDGET_US))
    {
      self->build_id = g_idle_add_full (BUILD_PRIORITY, build_cb, self, NULL);
      g_source_set_name_by_id (self->build_id, "[alama] entity panel");
    }
}

/* --- Following edits --------------------------------------------------- */

/* The first entry that may overlap a range starting at @start. */
static guint
first_entry_from (Catalog *catalog,
                  gsize    start)
{
  gsize from = start > catalog->max_chars ? start - catalog->max_chars : 0;
  guint lo = 0;
  guint hi = catalog->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (catalog->entries, Entry, mid).start < from)
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

/* Puts the surfaces of @section, whose rows start at @first in the store,
 * in order again after an update: the touched ones that lost every entity
 * go, the new ones come in, the others move where their counts put them.
 * Only the rows of touched surfaces leave and enter the store. */
static void
place_surfaces (AlamaEntityPanel *self,
                Section          *section,
                guint             first)
{
  GPtrArray *old = section->surfaces;
  g_autoptr (GPtrArray) placed = surface_items (old);
  g_autoptr (GPtrArray) moved = g_ptr_array_new ();
  g_autoptr (GPtrArray) gone = g_ptr_array_new_with_free_func ((GDestroyNotify) surface_free);
  g_autoptr (GPtrArray) kept = g_ptr_array_sized_new (old->len);
  g_autoptr (GPtrArray) fresh_items = NULL;
  GPtrArray *fresh = g_ptr_array_new_full (old->len, (GDestroyNotify) surface_free);
  guint i = 0;
  guint j = 0;

  for (guint k = 0; k < old->len; k++)
    {
      Surface *surface = old->pdata[k];

      if (!surface->touched)
        g_ptr_array_add (kept, surface);
      else if (surface->spans->len == 0)
        g_ptr_array_add (gone, surface);
      else
        g_ptr_array_add (moved, surface);
      if (surface->touched && surface->item)
        surface->item->moving = TRUE;
    }
  /* The untouched ones keep their order: merge the others in. */
  g_ptr_array_sort (moved, compare_surfaces);
  while (i < kept->len || j < moved->len)
    {
      if (j == moved->len
          || (i < kept->len && compare_surfaces (&kept->pdata[i], &moved->pdata[j]) < 0))
        g_ptr_array_add (fresh, kept->pdata[i++]);
      else
        g_ptr_array_add (fresh, moved->pdata[j++]);
    }
  for (guint k = 0; k < moved->len; k++)
    {
      Surface *surface = moved->pdata[k];

      if (surface->item == NULL)
        {
          surface->item = panel_item_new (section, surface);
          surface->item->moving = TRUE;
        }
    }
  fresh_items = surface_items (fresh);
  splice_rows (self, first, placed, fresh_items);

  for (guint k = 0; k < moved->len; k++)
    {
      Surface *surface = moved->pdata[k];

      surface->touched = FALSE;
      surface->next %= surface->spans->len / 2;
      refill_item (self, surface->item);
    }
  for (guint k = 0; k < gone->len; k++)
    {
      Surface *surface = gone->pdata[k];
      g_autofree char *full_key = g_strconcat (section->label, "\n", surface->key, NULL);

      g_hash_table_remove (self->catalog->by_key, full_key);
    }
  /* The surfaces are fresh's now, the gone ones gone's. */
  g_ptr_array_set_free_func (old, NULL);
  g_ptr_array_unref (old);
  section->surfaces = fresh;
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
  Catalog *catalog = self->catalog;
  g_autoptr (GArray) window = g_array_new (FALSE, FALSE, sizeof (Entry));
  guint first = first_entry_from (catalog, start);
  guint last = first;
  guint lo = 0;
  guint hi = alama_document_get_n_annotations (self->document);
  guint n_annotations = hi;
  guint offset = 0;
  gsize from = start > catalog->max_chars ? start - catalog->max_chars : 0;

  while (last < catalog->entries->len && g_array_index (catalog->entries, Entry, last).start < end)
    last++;
  if (last - first > MAX_INCREMENTAL_ENTRIES)
    return FALSE;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (alama_document_get_annotation (self->document, mid)->start < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* As many in the document's range (an undo may bring back thousands). */
  for (guint k = lo, n = 0; k < n_annotations; k++)
    {
      if (alama_document_get_annotation (self->document, k)->start >= end)
        break;
      if (++n > MAX_INCREMENTAL_ENTRIES)
        return FALSE;
    }

  /* Out with the entities listed there; the others of the window stay. */
  for (guint k = first; k < last; k++)
    {
      Entry *entry = &g_array_index (catalog->entries, Entry, k);
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
      surface->touched = TRUE;
    }

  /* In with the document's. */
  for (guint k = lo; k < n_annotations; k++)
    {
      const AlamaAnnotation *annotation = alama_document_get_annotation (self->document, k);

      if (annotation->start >= end)
        break;
      if (alama_annotation_is_entity (annotation) && annotation->end > start)
        list_entity (catalog, self->document, annotation, window, TRUE);
    }
  g_array_sort (window, compare_entries);
  g_array_remove_range (catalog->entries, first, last - first);
  g_array_insert_vals (catalog->entries, first, window->data, window->len);

  /* The rows: a header for a type new to the list, the surfaces of the
   * types touched in their order. */
  for (guint k = 0; k < catalog->sections->len; k++)
    {
      Section *section = catalog->sections->pdata[k];

      if (section->item == NULL)
        {
          section->item = panel_item_new (section, NULL);
          g_list_store_insert (self->items, offset, section->item);
        }
      if (section->touched)
        {
          section->touched = FALSE;
          place_surfaces (self, section, offset + 1);
          refill_item (self, section->item);
        }
      offset += 1 + section->surfaces->len;
    }
  return TRUE;
}

static gboolean
update_cb (gpointer user_data)
{
  AlamaEntityPanel *self = user_data;

  self->update_id = 0;
  if (self->document != NULL
      && (self->build_id != 0 || self->catalog == NULL
          || !update_range (self, self->dirty_start, self->dirty_end)))
    start_build (self, TRUE);
  self->dirty_start = self->dirty_end = 0;
  return G_SOURCE_REMOVE;
}

/* Brings the list up to date at once when an update is pending or under
 * way. */
static void
flush (AlamaEntityPanel *self)
{
  if (self->update_id)
    {
      g_clear_handle_id (&self->update_id, g_source_remove);
      update_cb (self);
    }
  finish_build (self);
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
  if (self->update_id == 0)
    {
      self->update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_cb, self, NULL);
      g_source_set_name_by_id (self->update_id, "[alama] entity panel update");
    }
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
  g_clear_handle_id (&self->update_id, g_source_remove);
  self->dirty_start = self->dirty_end = 0;
  /* Another document: not the last one's names while it is listed, and
   * from its top. */
  install_catalog (self, NULL, FALSE);
  start_build (self, FALSE);
}

static void
view_document_cb (AlamaDocumentView *view,
                  GParamSpec        *pspec,
                  AlamaEntityPanel  *self)
{
  set_document (self, alama_document_view_get_document (view));
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

  if (item == NULL || item->section == NULL)
    return;
  if (item->surface)
    activate_surface (self, item->surface);
  else
    alama_entity_panel_set_expanded (self, item->section->label,
                                     !section_expanded (self, item->section->label));
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
  flush (self);
  section = catalog_find_section (self->catalog, label);
  return section ? section->count : 0;
}

/**
 * alama_entity_panel_get_n_surfaces:
 * @panel: the panel
 * @label: a label name
 * @shown_only: count only the surfaces listed: the filter lets them
 *   through and their type is expanded
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
  section = catalog_find_section (self->catalog, label);
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
  flush (self);
  surface = catalog_find_surface (self->catalog, label, text);
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
  surface = catalog_find_surface (self->catalog, label, text);
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

  g_return_if_fail (ALAMA_IS_ENTITY_PANEL (self));
  g_return_if_fail (label != NULL);

  if (self->view)
    alama_document_view_set_label_visible (self->view, label, visible);
  /* The switch on screen, if any, follows. */
  section = catalog_find_section (self->catalog, label);
  if (section && section->item && section->item->child)
    gtk_switch_set_active (g_object_get_data (G_OBJECT (section->item->child), "alama-switch"),
                           visible);
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

  if (expanded == section_expanded (self, label))
    return;
  if (expanded)
    g_hash_table_remove (self->collapsed, label);
  else
    g_hash_table_add (self->collapsed, g_strdup (label));
  section = catalog_find_section (self->catalog, label);
  if (section)
    refill_item (self, section->item);
  gtk_filter_changed (GTK_FILTER (self->filter),
                      expanded ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_MORE_STRICT);
}

gboolean
alama_entity_panel_get_expanded (AlamaEntityPanel *self,
                                 const char       *label)
{
  g_return_val_if_fail (ALAMA_IS_ENTITY_PANEL (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  return section_expanded (self, label);
}

/**
 * alama_entity_panel_get_surface_row:
 * @panel: the panel
 * @label: a label name
 * @surface: a surface, as for alama_entity_panel_get_surface_count()
 *
 * Only the rows on screen, or near it, have widgets.
 *
 * Returns: (transfer none) (nullable): the row of the list showing
 *   @surface, %NULL when none does; its child is a box holding the
 *   surface's label, then its count
 */
GtkWidget *
alama_entity_panel_get_surface_row (AlamaEntityPanel *self,
                                    const char       *label,
                                    const char       *text)
{
  Surface *surface;

  g_return_val_if_fail (ALAMA_IS_ENTITY_PANEL (self), NULL);
  flush (self);
  surface = catalog_find_surface (self->catalog, label, text);
  if (surface == NULL || surface->item == NULL || surface->item->child == NULL)
    return NULL;
  return gtk_widget_get_parent (surface->item->child);
}

/**
 * alama_entity_panel_get_surface_position:
 * @panel: the panel
 * @label: a label name
 * @surface: a surface, as for alama_entity_panel_get_surface_count()
 *
 * Returns: the place of @surface's row in the list, from 0, counting the
 *   headers and the rows the filter or a collapsed type hide; -1 when the
 *   panel does not list @surface
 */
int
alama_entity_panel_get_surface_position (AlamaEntityPanel *self,
                                         const char       *label,
                                         const char       *text)
{
  Surface *surface;
  guint position = 0;

  g_return_val_if_fail (ALAMA_IS_ENTITY_PANEL (self), -1);
  flush (self);
  surface = catalog_find_surface (self->catalog, label, text);
  if (surface == NULL)
    return -1;
  for (guint k = 0; k < surface->section->index; k++)
    position += 1 + ((Section *) self->catalog->sections->pdata[k])->surfaces->len;
  for (guint k = 0; k < surface->section->surfaces->len; k++)
    if (surface->section->surfaces->pdata[k] == surface)
      return (int) (position + 1 + k);
  g_return_val_if_reached (-1);
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

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_handle_id (&self->build_id, g_source_remove);
  g_clear_pointer (&self->building, catalog_free);
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
    g_list_store_remove_all (self->items);
  g_clear_pointer (&self->catalog, catalog_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_ENTITY_PANEL);
  self->list_view = NULL;
  self->scrolled_window = NULL;
  g_clear_object (&self->items);
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (alama_entity_panel_parent_class)->dispose (object);
}

static void
alama_entity_panel_finalize (GObject *object)
{
  AlamaEntityPanel *self = ALAMA_ENTITY_PANEL (object);

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
  gtk_widget_class_bind_template_child (widget_class, AlamaEntityPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, AlamaEntityPanel, scrolled_window);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
alama_entity_panel_init (AlamaEntityPanel *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;
  GtkNoSelection *selection;

  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
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
