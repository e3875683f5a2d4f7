/* alama-preferences-window.c: the Preferences window: the document's font,
 * its size and line spacing, which entity types are highlighted, whether a
 * text is tagged on opening and whether a selection snaps to words.
 *
 * Every control writes the org.alama.Alama settings at once; the windows
 * follow them (the application binds them, see alama-application.c).  The
 * text size is the size of the font setting, so that zooming, the font
 * chooser and this window agree on one number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-preferences-window.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "alama-document-view.h"

struct _AlamaPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template children. */
  GtkFontButton *font_button;
  GtkSpinButton *size_spin;
  GtkSpinButton *spacing_spin;
  AdwPreferencesGroup *labels_group;
  GtkSwitch *recognize_switch;
  GtkSwitch *snap_switch;

  GSettings *settings;
  /* Label name → its GtkSwitch. */
  GHashTable *label_switches;
  /* Family name → GINT_TO_POINTER (1 + whether it has Arabic letters). */
  GHashTable *arabic_families;
};

G_DEFINE_FINAL_TYPE (AlamaPreferencesWindow, alama_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The entity types the highlighted-labels setting governs, in the
 * legend's order. */
static const struct
{
  const char *label;
  const char *title;
} label_rows[] = {
  { "PERS", N_("People") },
  { "LOC", N_("Places") },
  { "ORG", N_("Organizations") },
  { "MISC", N_("Other Names") },
  { "DATE", N_("Dates") },
};

/**
 * alama_preferences_font_covers_arabic:
 * @font_map: the font map @face belongs to
 * @face: a font face
 *
 * Whether @face has the Arabic letters (a few common ones are tried): the
 * font chooser lists only those faces.
 *
 * Returns: %TRUE when it has them
 */
gboolean
alama_preferences_font_covers_arabic (PangoFontMap        *font_map,
                                      const PangoFontFace *face)
{
  /* ب ل م ه ي and the alef: any Arabic face has them. */
  static const gunichar letters[] = { 0x0627, 0x0628, 0x0644, 0x0645, 0x0647, 0x064A };
  g_autoptr (PangoFontDescription) desc = NULL;
  PangoContext *context;
  g_autoptr (PangoFont) font = NULL;
  const char *family;

  g_return_val_if_fail (PANGO_IS_FONT_MAP (font_map), FALSE);
  g_return_val_if_fail (PANGO_IS_FONT_FACE ((PangoFontFace *) face), FALSE);

  desc = pango_font_face_describe ((PangoFontFace *) face);
  context = pango_font_map_create_context (font_map);
  font = pango_font_map_load_font (font_map, context, desc);
  g_object_unref (context);
  if (font == NULL)
    return FALSE;
  /* A family that is not there is replaced by another: check it is the
   * one asked for. */
  {
    g_autoptr (PangoFontDescription) loaded = pango_font_describe (font);

    family = pango_font_description_get_family (desc);
    if (family && g_ascii_strcasecmp (family, pango_font_description_get_family (loaded)) != 0)
      return FALSE;
  }
  for (guint k = 0; k < G_N_ELEMENTS (letters); k++)
    if (!pango_font_has_char (font, letters[k]))
      return FALSE;
  return TRUE;
}

/* The chooser's filter, the answer kept per family: the faces of a family
 * cover the same letters, and loading every face is slow. */
static gboolean
font_filter (const PangoFontFamily *family,
             const PangoFontFace   *face,
             gpointer               user_data)
{
  AlamaPreferencesWindow *self = user_data;
  const char *name = pango_font_family_get_name ((PangoFontFamily *) family);
  gpointer known = g_hash_table_lookup (self->arabic_families, name);
  PangoFontMap *font_map = gtk_font_chooser_get_font_map (GTK_FONT_CHOOSER (self->font_button));
  gboolean covers;

  if (known)
    return GPOINTER_TO_INT (known) - 1;
  covers = alama_preferences_font_covers_arabic (font_map ? font_map
                                                          : pango_cairo_font_map_get_default (),
                                                 face);
  g_clear_object (&font_map);
  g_hash_table_insert (self->arabic_families, g_strdup (name), GINT_TO_POINTER (covers + 1));
  return covers;
}

static PangoFontDescription *
settings_font (AlamaPreferencesWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "font");

  return pango_font_description_from_string (font);
}

static double
size_points (const PangoFontDescription *desc)
{
  double size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;

  if (pango_font_description_get_size_is_absolute (desc))
    size = size * 72.0 / 96.0;
  return size > 0 ? size : 16.0;
}

static void
font_changed_cb (GSettings              *settings,
                 const char             *key,
                 AlamaPreferencesWindow *self)
{
  g_autoptr (PangoFontDescription) desc = settings_font (self);
  g_autoptr (PangoFontDescription) shown = NULL;
  double size = size_points (desc);

  /* The button shows the family and style; the size has its own row. */
  shown = pango_font_description_copy (desc);
  pango_font_description_unset_fields (shown, PANGO_FONT_MASK_SIZE);
  if (pango_font_description_get_family (shown) == NULL)
    {
      g_autoptr (PangoFontDescription) fallback =
          pango_font_description_from_string (ALAMA_DOCUMENT_VIEW_DEFAULT_FONT);

      pango_font_description_set_family (shown, pango_font_description_get_family (fallback));
    }
  pango_font_description_set_size (shown, (int) round (size * PANGO_SCALE));
  gtk_font_chooser_set_font_desc (GTK_FONT_CHOOSER (self->font_button), shown);
  if (fabs (gtk_spin_button_get_value (self->size_spin) - size) > 0.01)
    gtk_spin_button_set_value (self->size_spin, size);
}

/* A new face from the chooser: its family and style, the size kept. */
static void
font_set_cb (GtkFontButton          *button,
             AlamaPreferencesWindow *self)
{
  g_autoptr (PangoFontDescription) chosen = NULL;
  g_autoptr (PangoFontDescription) desc = NULL;
  g_autofree char *font = NULL;

  chosen = gtk_font_chooser_get_font_desc (GTK_FONT_CHOOSER (button));
  if (chosen == NULL)
    return;
  desc = settings_font (self);
  pango_font_description_unset_fields (chosen, PANGO_FONT_MASK_SIZE);
  pango_font_description_unset_fields (desc, PANGO_FONT_MASK_FAMILY | PANGO_FONT_MASK_STYLE
                                                 | PANGO_FONT_MASK_WEIGHT | PANGO_FONT_MASK_STRETCH
                                                 | PANGO_FONT_MASK_VARIANT);
  pango_font_description_merge (desc, chosen, TRUE);
  font = pango_font_description_to_string (desc);
  g_settings_set_string (self->settings, "font", font);
}

static void
size_changed_cb (GtkSpinButton          *spin,
                 AlamaPreferencesWindow *self)
{
  g_autoptr (PangoFontDescription) desc = settings_font (self);
  g_autofree char *font = NULL;
  double size = gtk_spin_button_get_value (spin);

  if (fabs (size_points (desc) - size) < 0.01)
    return;
  pango_font_description_set_size (desc, (int) round (size * PANGO_SCALE));
  font = pango_font_description_to_string (desc);
  g_settings_set_string (self->settings, "font", font);
}

static void
labels_changed_cb (GSettings              *settings,
                   const char             *key,
                   AlamaPreferencesWindow *self)
{
  g_auto (GStrv) labels = g_settings_get_strv (settings, "highlighted-labels");
  GHashTableIter iter;
  gpointer label;
  gpointer sw;

  g_hash_table_iter_init (&iter, self->label_switches);
  while (g_hash_table_iter_next (&iter, &label, &sw))
    gtk_switch_set_active (sw, g_strv_contains ((const char *const *) labels, label));
}

/* A label's switch: the label joins or leaves the list, the others'
 * places kept. */
static void
label_switch_cb (GtkSwitch              *sw,
                 GParamSpec             *pspec,
                 AlamaPreferencesWindow *self)
{
  const char *label = g_object_get_data (G_OBJECT (sw), "alama-label");
  gboolean active = gtk_switch_get_active (sw);
  g_auto (GStrv) labels = g_settings_get_strv (self->settings, "highlighted-labels");
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) result = NULL;

  if (g_strv_contains ((const char *const *) labels, label) == active)
    return;
  builder = g_strv_builder_new ();
  for (guint k = 0; k < G_N_ELEMENTS (label_rows); k++)
    {
      const char *name = label_rows[k].label;

      if (strcmp (name, label) == 0 ? active
                                    : g_strv_contains ((const char *const *) labels, name))
        g_strv_builder_add (builder, name);
    }
  for (guint k = 0; labels[k]; k++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (label_rows); j++)
        known = known || strcmp (labels[k], label_rows[j].label) == 0;
      if (!known)
        g_strv_builder_add (builder, labels[k]);
    }
  result = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "highlighted-labels", (const char *const *) result);
}

static void
add_label_rows (AlamaPreferencesWindow *self)
{
  for (guint k = 0; k < G_N_ELEMENTS (label_rows); k++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *sw = gtk_switch_new ();
      GtkWidget *chip = gtk_label_new (label_rows[k].label);
      g_autofree char *css_class = g_ascii_strdown (label_rows[k].label, -1);
      g_autofree char *name = g_strconcat ("label-", label_rows[k].label, NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(label_rows[k].title));
      /* The label's name in its colour, as in the legend. */
      gtk_widget_add_css_class (chip, "alama-chip");
      gtk_widget_add_css_class (chip, css_class);
      gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), chip);
      gtk_widget_set_name (sw, name);
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(label_rows[k].title), -1);
      g_object_set_data_full (G_OBJECT (sw), "alama-label", g_strdup (label_rows[k].label),
                              g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (self->labels_group, row);
      g_hash_table_insert (self->label_switches, (gpointer) label_rows[k].label, sw);
    }
}

static void
bind_settings (AlamaPreferencesWindow *self)
{
  GHashTableIter iter;
  gpointer sw;

  g_settings_bind (self->settings, "line-spacing",
                   gtk_spin_button_get_adjustment (self->spacing_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "recognize-on-open", self->recognize_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-words", self->snap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  /* The font and the labels are parts of one key each: kept by hand. */
  g_signal_connect_object (self->settings, "changed::font", G_CALLBACK (font_changed_cb), self, 0);
  font_changed_cb (self->settings, "font", self);
  g_signal_connect (self->size_spin, "value-changed", G_CALLBACK (size_changed_cb), self);

  g_signal_connect_object (self->settings, "changed::highlighted-labels",
                           G_CALLBACK (labels_changed_cb), self, 0);
  labels_changed_cb (self->settings, "highlighted-labels", self);
  g_hash_table_iter_init (&iter, self->label_switches);
  while (g_hash_table_iter_next (&iter, NULL, &sw))
    g_signal_connect (sw, "notify::active", G_CALLBACK (label_switch_cb), self);
}

static void
alama_preferences_window_constructed (GObject *object)
{
  AlamaPreferencesWindow *self = ALAMA_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (alama_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  bind_settings (self);
}

static void
alama_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  AlamaPreferencesWindow *self = ALAMA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  AlamaPreferencesWindow *self = ALAMA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_preferences_window_dispose (GObject *object)
{
  AlamaPreferencesWindow *self = ALAMA_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (alama_preferences_window_parent_class)->dispose (object);
}

static void
alama_preferences_window_finalize (GObject *object)
{
  AlamaPreferencesWindow *self = ALAMA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->label_switches, g_hash_table_unref);
  g_clear_pointer (&self->arabic_families, g_hash_table_unref);
  G_OBJECT_CLASS (alama_preferences_window_parent_class)->finalize (object);
}

static void
alama_preferences_window_class_init (AlamaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = alama_preferences_window_constructed;
  object_class->dispose = alama_preferences_window_dispose;
  object_class->finalize = alama_preferences_window_finalize;
  object_class->get_property = alama_preferences_window_get_property;
  object_class->set_property = alama_preferences_window_set_property;

  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                                       | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Alama/alama-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferencesWindow, size_spin);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferencesWindow, spacing_spin);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferencesWindow, labels_group);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferencesWindow, recognize_switch);
  gtk_widget_class_bind_template_child (widget_class, AlamaPreferencesWindow, snap_switch);
  gtk_widget_class_bind_template_callback (widget_class, font_set_cb);
}

static void
alama_preferences_window_init (AlamaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->label_switches = g_hash_table_new (g_str_hash, g_str_equal);
  self->arabic_families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_label_rows (self);
  gtk_font_chooser_set_filter_func (GTK_FONT_CHOOSER (self->font_button), font_filter, self, NULL);
}

/**
 * alama_preferences_window_new:
 * @settings: the application's settings (org.alama.Alama)
 *
 * Returns: (transfer floating): a new Preferences window, its controls
 *   bound to @settings
 */
GtkWidget *
alama_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ALAMA_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
