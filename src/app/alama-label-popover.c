/* alama-label-popover.c: the popover that labels the selection or the
 * entity under the caret.
 *
 * It replaces the text view's context menu.  Its buttons are actionable:
 * they name the window's doc.* actions (and the text view's
 * clipboard.copy), which the popover finds through its parent, the view,
 * so the popover knows nothing of documents beyond what it shows.  The
 * window points it at the selection or entity and fills in what is
 * there with alama_label_popover_set_target().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-label-popover.h"

#include <glib/gi18n.h>

#include "alama-document-view.h"

struct _AlamaLabelPopover
{
  GtkPopover parent_instance;

  /* Template children. */
  GtkLabel *surface_label;
  GtkLabel *status_label;
  GtkBox *labels_box;
  GtkWidget *entity_box;

  /* The label buttons and their check marks, in the order of
   * alama_document_view_get_label(). */
  GtkWidget *checks[ALAMA_DOCUMENT_VIEW_N_LABELS];
  GtkWidget *buttons[ALAMA_DOCUMENT_VIEW_N_LABELS];
};

G_DEFINE_FINAL_TYPE (AlamaLabelPopover, alama_label_popover, GTK_TYPE_POPOVER)

/* A dot in the label's highlight colour. */
static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GdkRGBA color;

  alama_document_view_get_label_color (user_data, &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
button_clicked_cb (GtkButton         *button,
                   AlamaLabelPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static GtkWidget *
label_button (AlamaLabelPopover *self,
              guint              k)
{
  const char *label = alama_document_view_get_label (k);
  const char *description = alama_document_view_get_label_description (label);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *name = gtk_label_new (description);
  GtkWidget *code = gtk_label_new (label);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  g_autofree char *accel = g_strdup_printf ("%u", k + 1);
  GtkWidget *key = gtk_shortcut_label_new (accel);
  /* TRANSLATORS: a label button: "Person (PERS)" */
  g_autofree char *accessible = g_strdup_printf (_("%s (%s)"), description, label);
  g_autofree char *tooltip = NULL;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  (gpointer) label, NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "caption");
  gtk_widget_add_css_class (key, "dim-label");
  gtk_widget_set_visible (check, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Current label"), -1);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), code);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), key);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "doc.label");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", label);
  /* TRANSLATORS: tooltip of a label button; %u is its digit key */
  tooltip = g_strdup_printf (_("Label as %s (key %u)"), description, k + 1);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (button_clicked_cb), self);
  self->checks[k] = check;
  return button;
}

/**
 * alama_label_popover_set_target:
 * @popover: the popover
 * @surface: the text it acts on (the selection, the entity or the word
 *   under the caret), shown as its title
 * @entity: (nullable): the entity under the caret; without one, only the
 *   label buttons and Copy are shown
 */
void
alama_label_popover_set_target (AlamaLabelPopover     *self,
                                const char            *surface,
                                const AlamaAnnotation *entity)
{
  g_return_if_fail (ALAMA_IS_LABEL_POPOVER (self));

  gtk_label_set_text (self->surface_label, surface ? surface : "");
  gtk_widget_set_visible (GTK_WIDGET (self->surface_label), surface && *surface);
  gtk_widget_set_visible (self->entity_box, entity != NULL);
  for (guint k = 0; k < ALAMA_DOCUMENT_VIEW_N_LABELS; k++)
    gtk_widget_set_visible (
        self->checks[k], entity && g_strcmp0 (entity->label, alama_document_view_get_label (k)) == 0);
  if (entity)
    {
      const char *status_text = alama_document_view_get_status_text (entity->status);
      /* TRANSLATORS: the entity's label and status: "PERS · Suggested" */
      g_autofree char *status = g_strdup_printf (_("%s · %s"), entity->label, status_text);

      gtk_label_set_text (self->status_label, status);
    }
  else
    gtk_label_set_text (self->status_label, _("Not labelled"));
}

/**
 * alama_label_popover_get_label_button:
 * @popover: the popover
 * @label: one of the labels of the keys 1 to 5
 *
 * Returns: (transfer none) (nullable): the button that gives @label
 */
GtkWidget *
alama_label_popover_get_label_button (AlamaLabelPopover *self,
                                      const char        *label)
{
  g_return_val_if_fail (ALAMA_IS_LABEL_POPOVER (self), NULL);
  for (guint k = 0; k < ALAMA_DOCUMENT_VIEW_N_LABELS; k++)
    if (g_strcmp0 (label, alama_document_view_get_label (k)) == 0)
      return self->buttons[k];
  return NULL;
}

/**
 * alama_label_popover_get_entity_box:
 * @popover: the popover
 *
 * Returns: (transfer none): the part shown for an entity only
 */
GtkWidget *
alama_label_popover_get_entity_box (AlamaLabelPopover *self)
{
  g_return_val_if_fail (ALAMA_IS_LABEL_POPOVER (self), NULL);
  return self->entity_box;
}

GtkWidget *
alama_label_popover_new (void)
{
  return g_object_new (ALAMA_TYPE_LABEL_POPOVER, NULL);
}

static void
alama_label_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ALAMA_TYPE_LABEL_POPOVER);
  G_OBJECT_CLASS (alama_label_popover_parent_class)->dispose (object);
}

static void
alama_label_popover_class_init (AlamaLabelPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_label_popover_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Alama/alama-label-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaLabelPopover, surface_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaLabelPopover, status_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaLabelPopover, labels_box);
  gtk_widget_class_bind_template_child (widget_class, AlamaLabelPopover, entity_box);
  gtk_widget_class_bind_template_callback (widget_class, button_clicked_cb);
}

static void
alama_label_popover_init (AlamaLabelPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint k = 0; k < ALAMA_DOCUMENT_VIEW_N_LABELS; k++)
    {
      self->buttons[k] = label_button (self, k);
      gtk_box_append (self->labels_box, self->buttons[k]);
    }
}
