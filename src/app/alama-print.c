/* alama-print.c: print a document, or export it as PDF, with its entities
 * highlighted and a legend of the labels.
 *
 * The whole text is one PangoLayout as wide as the page (wrapped at words,
 * each paragraph right-aligned when it is right-to-left), with a background
 * attribute on every entity in its label's colour, lighter than on screen
 * so that the text stays dark on paper; rejected suggestions get none.  As
 * on screen, a suggestion nobody confirmed is also underlined.  Pages are
 * runs of the layout's lines: each page shows the lines whose bottom fits
 * under the page's top, so a line is never cut in two.  Every page has the
 * document's title at the top and its number at the bottom; the first one
 * has the legend under the title.
 *
 * The paginator (AlamaPrintPages) knows nothing of GtkPrintOperation, so
 * that it can lay out on any cairo surface; units are points.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-print.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "alama-atomic-file.h"
#include "alama-document-view.h"
#include "alama-label-set.h"
#include "alama-print-settings.h"

/* The document's face (as in alama.css), smaller than on screen. */
#define BODY_FONT "Noto Naskh Arabic, Amiri, serif 12"
#define SMALL_FONT "Noto Sans, Noto Naskh Arabic, sans 9"
/* The share of the label's colour over white (the view's are 0.22 and
 * 0.45 over the theme's background). */
#define SUGGESTED_MIX 0.18
#define CONFIRMED_MIX 0.35
/* Space under the header and the legend and over the footer, in points. */
#define GAP 10.0

struct _AlamaPrintPages
{
  double width;
  double height;
  PangoLayout *header;
  PangoLayout *footer;
  PangoLayout *body;
  PangoLayout *legend; /* NULL when the document has no entity */
  double header_height;
  double footer_height;
  double legend_height;
  /* Per page: the index of its first line, and the y of that line's top
   * in the body layout (points); one more entry closes the last page. */
  GArray *first_lines;
  GArray *tops;
  guint n_pages;
};

/* The labels the legend always lists, in the window's order. */
static const char *const legend_labels[] = { "PERS", "LOC", "ORG", "MISC", "DATE" };

static void
print_color (const char *label,
             double      mix,
             guint16    *red,
             guint16    *green,
             guint16    *blue)
{
  GdkRGBA color;

  alama_document_view_get_label_color (label, &color);
  *red = (guint16) (65535.0 * (1.0 - mix + mix * color.red));
  *green = (guint16) (65535.0 * (1.0 - mix + mix * color.green));
  *blue = (guint16) (65535.0 * (1.0 - mix + mix * color.blue));
}

static void
insert_background (PangoAttrList *attrs,
                   const char    *label,
                   double         mix,
                   guint          start_byte,
                   guint          end_byte)
{
  PangoAttribute *attr;
  guint16 red;
  guint16 green;
  guint16 blue;

  print_color (label, mix, &red, &green, &blue);
  attr = pango_attr_background_new (red, green, blue);
  attr->start_index = start_byte;
  attr->end_index = end_byte;
  pango_attr_list_insert (attrs, attr);
}

static PangoLayout *
new_layout (PangoContext *context,
            const char   *font,
            double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr (PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* The body: the text with a background on each entity. */
/* Whether the entities labelled @label are left plain: hidden in the
 * window printing. */
static gboolean
is_hidden (const char *const *hidden_labels,
           const char        *label)
{
  return hidden_labels != NULL && g_strv_contains (hidden_labels, label);
}

static PangoLayout *
body_layout (AlamaDocument     *document,
             const char *const *hidden_labels,
             PangoContext      *context,
             double             width)
{
  PangoLayout *layout = new_layout (context, BODY_FONT, width);
  g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();
  gsize len;
  const char *text = alama_document_get_text (document, &len);
  guint n = alama_document_get_n_annotations (document);

  pango_layout_set_text (layout, text, (int) len);
  for (guint k = 0; k < n; k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);
      guint start_byte;
      guint end_byte;
      PangoAttribute *attr;

      if (!alama_annotation_is_entity (a) || a->start >= a->end
          || is_hidden (hidden_labels, a->label))
        continue;
      start_byte = (guint) alama_document_char_to_byte (document, a->start);
      end_byte = (guint) alama_document_char_to_byte (document, a->end);
      if (a->status == ALAMA_STATUS_SUGGESTED)
        {
          GdkRGBA color;

          insert_background (attrs, a->label, SUGGESTED_MIX, start_byte, end_byte);
          alama_document_view_get_label_color (a->label, &color);
          attr = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);
          attr->start_index = start_byte;
          attr->end_index = end_byte;
          pango_attr_list_insert (attrs, attr);
          attr = pango_attr_underline_color_new ((guint16) (65535.0 * color.red),
                                                 (guint16) (65535.0 * color.green),
                                                 (guint16) (65535.0 * color.blue));
          attr->start_index = start_byte;
          attr->end_index = end_byte;
          pango_attr_list_insert (attrs, attr);
        }
      else
        insert_background (attrs, a->label, CONFIRMED_MIX, start_byte, end_byte);
    }
  pango_layout_set_attributes (layout, attrs);
  return layout;
}

static void
append_legend_entry (GString       *text,
                     PangoAttrList *attrs,
                     AlamaLabelSet *labels,
                     const char    *name,
                     guint          count)
{
  const AlamaLabel *label = alama_label_set_lookup (labels, name);
  guint swatch_start;
  g_autofree char *entry = NULL;

  if (text->len > 0)
    g_string_append (text, "    ");
  /* The swatch: em spaces painted in the label's colour, as a confirmed
   * name is painted in the text. */
  swatch_start = (guint) text->len;
  g_string_append (text, "\u2003\u2003");
  insert_background (attrs, name, CONFIRMED_MIX, swatch_start, (guint) text->len);
  if (label && label->description)
    /* TRANSLATORS: a label of the printed legend: its name, what it is
     * and how many names have it, e.g. "PERS Person (12)" */
    entry = g_strdup_printf (_("%s %s (%u)"), name, _(label->description), count);
  else
    /* TRANSLATORS: a label of the printed legend and how many names have
     * it, e.g. "PERS (12)" */
    entry = g_strdup_printf (_("%s (%u)"), name, count);
  /* A no-break space keeps the swatch with its name when lines wrap. */
  g_string_append (text, "\u00a0");
  g_string_append (text, entry);
}

/* The legend: a swatch and a name for each label, the five the window
 * always shows and any other the document uses, less the hidden ones,
 * then what the underline means.  NULL when no entity is highlighted. */
static PangoLayout *
legend_layout (AlamaDocument     *document,
               const char *const *hidden_labels,
               PangoContext      *context,
               double             width)
{
  AlamaLabelSet *labels = alama_document_get_label_set (document);
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  guint n = alama_document_get_n_annotations (document);
  guint n_entities = 0;
  gboolean any_suggested = FALSE;
  PangoLayout *layout;

  for (guint k = 0; k < n; k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);

      if (!alama_annotation_is_entity (a) || is_hidden (hidden_labels, a->label))
        continue;
      n_entities++;
      any_suggested = any_suggested || a->status == ALAMA_STATUS_SUGGESTED;
      g_hash_table_insert (counts, a->label,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                                                    a->label))
                                             + 1));
    }
  if (n_entities == 0)
    return NULL;

  for (guint k = 0; k < G_N_ELEMENTS (legend_labels); k++)
    if (!is_hidden (hidden_labels, legend_labels[k]))
      append_legend_entry (text, attrs, labels, legend_labels[k],
                           GPOINTER_TO_UINT (g_hash_table_lookup (counts, legend_labels[k])));
  for (guint k = 0; k < alama_label_set_get_n_labels (labels); k++)
    {
      const AlamaLabel *label = alama_label_set_get (labels, k);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, label->name));
      gboolean listed = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (legend_labels); j++)
        listed = listed || strcmp (label->name, legend_labels[j]) == 0;
      if (!listed && count > 0)
        append_legend_entry (text, attrs, labels, label->name, count);
    }
  if (any_suggested)
    {
      PangoAttribute *attr;
      guint start;

      g_string_append_c (text, '\n');
      start = (guint) text->len;
      g_string_append (text, _("Underlined"));
      attr = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);
      attr->start_index = start;
      attr->end_index = (guint) text->len;
      pango_attr_list_insert (attrs, attr);
      /* TRANSLATORS: follows "Underlined" in the printed legend */
      g_string_append (text, _(": suggested by the recognizer, not yet checked by a person"));
    }

  layout = new_layout (context, SMALL_FONT, width);
  pango_layout_set_text (layout, text->str, (int) text->len);
  pango_layout_set_attributes (layout, attrs);
  return layout;
}

/* Splits the body's lines into pages: a page takes lines while their
 * bottom fits in its height. */
static void
paginate (AlamaPrintPages *self)
{
  PangoLayoutIter *iter = pango_layout_get_iter (self->body);
  double page_top = 0.0;
  double available = self->height - self->header_height - self->footer_height
                     - self->legend_height;
  guint line = 0;
  guint page_lines = 0;

  g_array_append_val (self->first_lines, line);
  g_array_append_val (self->tops, page_top);
  do
    {
      PangoRectangle logical;
      double top;
      double bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      /* A line taller than a page still goes on one, alone. */
      if (bottom - page_top > available && page_lines > 0)
        {
          page_top = top;
          g_array_append_val (self->first_lines, line);
          g_array_append_val (self->tops, page_top);
          available = self->height - self->header_height - self->footer_height;
          page_lines = 0;
        }
      page_lines++;
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  self->n_pages = self->first_lines->len;
  g_array_append_val (self->first_lines, line);
}

/**
 * alama_print_pages_new:
 * @document: the document
 * @hidden_labels: (nullable) (array zero-terminated=1): labels whose
 *   entities are printed plain and left out of the legend, as the window
 *   hides them
 * @title: the title printed at the top of each page
 * @context: the Pango context to lay out with (a print context's, or one
 *   of pango_cairo_font_map_get_default() at 72 dpi)
 * @width: the width of a page's printable area, in points
 * @height: its height, in points
 *
 * Lays @document out in pages.  The document is read now and not kept.
 *
 * Returns: (transfer full): the pages; free with alama_print_pages_free()
 */
AlamaPrintPages *
alama_print_pages_new (AlamaDocument     *document,
                       const char *const *hidden_labels,
                       const char        *title,
                       PangoContext      *context,
                       double             width,
                       double             height)
{
  AlamaPrintPages *self;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  self = g_new0 (AlamaPrintPages, 1);
  self->width = width;
  self->height = height;
  self->first_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  self->tops = g_array_new (FALSE, FALSE, sizeof (double));

  self->header = new_layout (context, SMALL_FONT, width);
  pango_layout_set_text (self->header, title ? title : "", -1);
  pango_layout_set_alignment (self->header, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (self->header, PANGO_ELLIPSIZE_MIDDLE);
  self->header_height = layout_height (self->header) + GAP;

  /* The footer's text changes per page; its height does not. */
  self->footer = new_layout (context, SMALL_FONT, width);
  pango_layout_set_alignment (self->footer, PANGO_ALIGN_CENTER);
  pango_layout_set_text (self->footer, "0", -1);
  self->footer_height = layout_height (self->footer) + GAP;

  self->legend = legend_layout (document, hidden_labels, context, width);
  if (self->legend)
    self->legend_height = layout_height (self->legend) + GAP;

  self->body = body_layout (document, hidden_labels, context, width);
  paginate (self);
  return self;
}

void
alama_print_pages_free (AlamaPrintPages *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->header);
  g_clear_object (&self->footer);
  g_clear_object (&self->legend);
  g_clear_object (&self->body);
  g_array_unref (self->first_lines);
  g_array_unref (self->tops);
  g_free (self);
}

/**
 * alama_print_pages_get_n_pages:
 * @pages: the pages
 *
 * Returns: how many pages the document takes, at least one
 */
guint
alama_print_pages_get_n_pages (AlamaPrintPages *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pages;
}

/**
 * alama_print_pages_get_body:
 * @pages: the pages
 *
 * Returns: (transfer none): the layout of the whole text, with its
 *   highlights as attributes
 */
PangoLayout *
alama_print_pages_get_body (AlamaPrintPages *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->body;
}

/**
 * alama_print_pages_get_legend:
 * @pages: the pages
 *
 * Returns: (transfer none) (nullable): the layout of the legend, or %NULL
 *   when the document has no entity to explain
 */
PangoLayout *
alama_print_pages_get_legend (AlamaPrintPages *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->legend;
}

/**
 * alama_print_pages_draw:
 * @pages: the pages
 * @cr: a cairo context whose origin is the top-left corner of the
 *   printable area, in points
 * @page: which page, from 0
 *
 * Draws one page: header, the legend on the first page, the page's lines,
 * and the page number.
 */
void
alama_print_pages_draw (AlamaPrintPages *self,
                        cairo_t         *cr,
                        guint            page)
{
  g_autofree char *number = NULL;
  PangoLayoutIter *iter;
  guint first;
  guint end;
  double top;
  double y;
  guint line = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, self->header);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, self->header_height - GAP / 2);
  cairo_line_to (cr, self->width, self->header_height - GAP / 2);
  cairo_stroke (cr);

  /* TRANSLATORS: the page number at the foot of a printed page */
  number = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  pango_layout_set_text (self->footer, number, -1);
  cairo_move_to (cr, 0, self->height - self->footer_height + GAP);
  pango_cairo_show_layout (cr, self->footer);

  y = self->header_height;
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page == 0 && self->legend)
    {
      cairo_move_to (cr, 0, y);
      pango_cairo_show_layout (cr, self->legend);
      y += self->legend_height;
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      cairo_move_to (cr, 0, y - GAP / 2);
      cairo_line_to (cr, self->width, y - GAP / 2);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }

  first = g_array_index (self->first_lines, guint, page);
  end = g_array_index (self->first_lines, guint, page + 1);
  top = g_array_index (self->tops, double, page);
  iter = pango_layout_get_iter (self->body);
  do
    {
      PangoRectangle logical;
      int baseline;

      if (line >= end)
        break;
      if (line >= first)
        {
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          baseline = pango_layout_iter_get_baseline (iter);
          cairo_move_to (cr, (double) logical.x / PANGO_SCALE,
                         y + (double) baseline / PANGO_SCALE - top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  cairo_restore (cr);
}

typedef struct
{
  AlamaDocument *document;
  char **hidden_labels;
  char *title;
  AlamaPrintPages *pages;
  AdwToastOverlay *toasts; /* for the print dialog's errors; may be NULL */
  gboolean reported;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_object (&data->document);
  g_strfreev (data->hidden_labels);
  g_free (data->title);
  g_clear_pointer (&data->pages, alama_print_pages_free);
  g_clear_object (&data->toasts);
  g_free (data);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *data)
{
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);

  g_clear_pointer (&data->pages, alama_print_pages_free);
  data->pages = alama_print_pages_new (data->document,
                                       (const char *const *) data->hidden_labels, data->title,
                                       pango_context,
                                       gtk_print_context_get_width (context),
                                       gtk_print_context_get_height (context));
  g_object_unref (pango_context);
  gtk_print_operation_set_n_pages (operation, (int) alama_print_pages_get_n_pages (data->pages));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintData         *data)
{
  alama_print_pages_draw (data->pages, gtk_print_context_get_cairo_context (context),
                          (guint) page);
}

/**
 * alama_print_operation_new:
 * @document: the document to print
 * @hidden_labels: (nullable) (array zero-terminated=1): labels printed
 *   plain (see alama_print_pages_new())
 * @title: its title, for the page headers and the print job's name
 *
 * Returns: (transfer full): a print operation that lays @document out when
 *   it begins (what it shows is the document as it is then)
 */
GtkPrintOperation *
alama_print_operation_new (AlamaDocument     *document,
                           const char *const *hidden_labels,
                           const char        *title)
{
  GtkPrintOperation *operation;
  GtkPageSetup *setup;
  PrintData *data;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), NULL);

  operation = gtk_print_operation_new ();
  data = g_new0 (PrintData, 1);
  data->document = g_object_ref (document);
  data->hidden_labels = g_strdupv ((char **) hidden_labels);
  data->title = g_strdup (title ? title : "");
  g_object_set_data_full (G_OBJECT (operation), "alama-print-data", data,
                          (GDestroyNotify) print_data_free);
  /* Room around the text beyond the printer's own margins (a quarter
   * of an inch, often): 2 cm, the paper size the locale's. */
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_top_margin (setup, 20, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 20, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, 20, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 20, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (operation, setup);
  g_object_unref (setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, data->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), data);
  return operation;
}

/**
 * alama_print_export_pdf:
 * @document: the document
 * @hidden_labels: (nullable) (array zero-terminated=1): labels printed
 *   plain (see alama_print_pages_new())
 * @title: its title, for the page headers
 * @file: a local file to write
 * @n_pages: (out) (optional): how many pages were written
 * @error: return location for an error
 *
 * Writes @document as PDF through GtkPrintOperation's export, atomically:
 * the PDF is made in a temporary file and then replaces @file at once.
 * The document is left as it is (not marked saved).
 *
 * Returns: %TRUE when written
 */
gboolean
alama_print_export_pdf (AlamaDocument     *document,
                        const char *const *hidden_labels,
                        const char        *title,
                        GFile             *file,
                        guint             *n_pages,
                        GError           **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  GtkPrintOperationResult result;
  PrintData *data;
  gboolean ok;
  int fd;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only local files can be written"), uri);
      return FALSE;
    }
  fd = g_file_open_tmp ("alama-XXXXXX.pdf", &tmp_path, error);
  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);

  operation = alama_print_operation_new (document, hidden_labels, title);
  gtk_print_operation_set_export_filename (operation, tmp_path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
  ok = result != GTK_PRINT_OPERATION_RESULT_ERROR;
  if (ok)
    ok = g_file_get_contents (tmp_path, &contents, &len, error)
         && alama_atomic_file_write (path, contents, len, FALSE, error);
  g_unlink (tmp_path);
  if (ok && n_pages)
    {
      data = g_object_get_data (G_OBJECT (operation), "alama-print-data");
      *n_pages = data->pages ? alama_print_pages_get_n_pages (data->pages) : 0;
    }
  return ok;
}

/* Says once (from "done" or from the run's own result) why printing
 * failed. */
static void
report_error (PrintData    *data,
              const GError *error)
{
  g_autofree char *message = NULL;

  if (data->reported || data->toasts == NULL)
    return;
  data->reported = TRUE;
  /* TRANSLATORS: %s says why */
  message = g_strdup_printf (_("Could not print: %s"), error ? error->message : _("unknown error"));
  adw_toast_overlay_add_toast (data->toasts, adw_toast_new (message));
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         PrintData               *data)
{
  g_autoptr (GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_autofree char *path = alama_print_settings_get_path ();

      if (!alama_print_settings_store (operation, path, &error) && data->toasts)
        {
          /* TRANSLATORS: %s says why */
          g_autofree char *message = g_strdup_printf (_("Could not keep the print settings: %s"),
                                                      error->message);

          adw_toast_overlay_add_toast (data->toasts, adw_toast_new (message));
        }
      return;
    }
  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  report_error (data, error);
}

/**
 * alama_print_run_dialog:
 * @parent: the window printing
 * @document: the document to print
 * @hidden_labels: (nullable) (array zero-terminated=1): labels printed
 *   plain (see alama_print_pages_new())
 * @title: its title
 * @toasts: (nullable): where to say that printing failed
 *
 * Shows the print dialog and prints @document when the user says so.
 * Returns at once: GTK keeps the operation alive while its dialog is open.
 */
void
alama_print_run_dialog (GtkWindow         *parent,
                        AlamaDocument     *document,
                        const char *const *hidden_labels,
                        const char        *title,
                        AdwToastOverlay   *toasts)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GError) error = NULL;
  PrintData *data;

  g_return_if_fail (ALAMA_IS_DOCUMENT (document));

  operation = alama_print_operation_new (document, hidden_labels, title);
  {
    g_autofree char *path = alama_print_settings_get_path ();

    /* The printer, paper and options chosen last time. */
    alama_print_settings_restore (operation, path);
  }
  data = g_object_get_data (G_OBJECT (operation), "alama-print-data");
  data->toasts = toasts ? g_object_ref (toasts) : NULL;
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), data);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    report_error (data, error);
}
