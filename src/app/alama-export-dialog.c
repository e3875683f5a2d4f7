/* alama-export-dialog.c: export a document to TEI, CoNLL, JSON, brat or
 * PDF, asking where with a file chooser.
 *
 * The core's exporters write the formats (alama-document-io.h), atomically;
 * PDF goes through the print layout (alama-print.h).  Exporting never
 * changes whether the document counts as saved: only Save writes Alama XML.
 * Formats are named as on the command line ("tei", "conll", "json",
 * "brat") plus "pdf", which is what the window's win.export action takes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-export-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "alama-document-io.h"
#include "alama-file-format.h"
#include "alama-print.h"

typedef struct
{
  const char *name;
  const char *extension;
  const char *filter_name;
  const char *pattern;
  const char *dialog_title;
} ExportFormat;

static const ExportFormat export_formats[] = {
  { "tei", ".tei.xml", N_("TEI XML"), "*.xml", N_("Export as TEI XML") },
  { "conll", ".conll", N_("CoNLL (IOB2)"), "*.conll", N_("Export as CoNLL") },
  { "json", ".json", N_("JSON"), "*.json", N_("Export as JSON") },
  { "brat", ".ann", N_("brat standoff annotations"), "*.ann", N_("Export as brat Standoff") },
  { "pdf", ".pdf", N_("PDF documents"), "*.pdf", N_("Export as PDF") },
};

static const ExportFormat *
lookup_format (const char *name)
{
  for (guint k = 0; k < G_N_ELEMENTS (export_formats); k++)
    if (g_strcmp0 (name, export_formats[k].name) == 0)
      return &export_formats[k];
  return NULL;
}

/**
 * alama_export_format_is_valid:
 * @format: a format name
 *
 * Returns: whether @format is one of "tei", "conll", "json", "brat", "pdf"
 */
gboolean
alama_export_format_is_valid (const char *format)
{
  return lookup_format (format) != NULL;
}

/* A file name without the extensions Alama gives: "article.alama.xml",
 * "article.xml" and "article.txt" are all "article". */
static char *
name_stem (const char *name)
{
  static const char *const long_extensions[] = { ".alama.xml", ".tei.xml" };
  const char *dot;

  for (guint k = 0; k < G_N_ELEMENTS (long_extensions); k++)
    if (g_str_has_suffix (name, long_extensions[k])
        && strlen (name) > strlen (long_extensions[k]))
      return g_strndup (name, strlen (name) - strlen (long_extensions[k]));
  dot = strrchr (name, '.');
  if (dot && dot != name)
    return g_strndup (name, (gsize) (dot - name));
  return g_strdup (name);
}

/**
 * alama_export_suggest_name:
 * @format: an export format ("tei", …)
 * @source: (nullable): the file the document was opened from
 * @title: (nullable): the document's title, when there is no @source
 *
 * The file name a chooser proposes: the source's name with the format's
 * extension ("article.txt" → "article.tei.xml").  For brat, whose text
 * goes to NAME.txt beside NAME.ann, a name that would write over the
 * opened text gets "-brat" ("article-brat.ann").
 *
 * Returns: (transfer full): a base name
 */
char *
alama_export_suggest_name (const char *format,
                           GFile      *source,
                           const char *title)
{
  const ExportFormat *f = lookup_format (format);
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (f != NULL, NULL);

  if (source)
    base = g_file_get_basename (source);
  else if (title && *title)
    base = g_strdup (title);
  else
    base = g_strdup (_("document"));
  stem = name_stem (base);
  if (strcmp (f->name, "brat") == 0 && source)
    {
      g_autofree char *text_name = g_strconcat (stem, ".txt", NULL);

      if (strcmp (text_name, base) == 0)
        return g_strconcat (stem, "-brat", f->extension, NULL);
    }
  return g_strconcat (stem, f->extension, NULL);
}

/**
 * alama_export_fix_extension:
 * @format: an export format
 * @file: the file a chooser gave
 *
 * A chooser takes whatever name is typed: this adds the format's extension
 * when the name has none the format goes by (".tei.xml" or ".xml" for TEI,
 * ".conll", ".iob" or ".bio" for CoNLL, ".json", ".pdf").  Brat keeps
 * the name: NAME, NAME.ann and NAME.txt all give NAME.txt and NAME.ann.
 *
 * Returns: (transfer full): @file, or a file beside it with the extension
 */
GFile *
alama_export_fix_extension (const char *format,
                            GFile      *file)
{
  const ExportFormat *f = lookup_format (format);
  g_autofree char *base = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *fixed = NULL;
  g_autoptr (GFile) parent = NULL;
  AlamaFileFormat guessed;
  gboolean good;

  g_return_val_if_fail (f != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  base = g_file_get_basename (file);
  lower = g_ascii_strdown (base, -1);
  if (strcmp (f->name, "brat") == 0)
    good = TRUE;
  else if (strcmp (f->name, "pdf") == 0)
    good = g_str_has_suffix (lower, ".pdf");
  else if (strcmp (f->name, "tei") == 0)
    good = g_str_has_suffix (lower, ".xml") || g_str_has_suffix (lower, ".tei");
  else
    good = alama_file_format_guess (base, &guessed)
           && guessed == (strcmp (f->name, "json") == 0 ? ALAMA_FILE_FORMAT_JSON
                                                        : ALAMA_FILE_FORMAT_CONLL);
  if (good)
    return g_object_ref (file);
  fixed = g_strconcat (base, f->extension, NULL);
  parent = g_file_get_parent (file);
  return parent ? g_file_get_child (parent, fixed) : g_file_new_for_path (fixed);
}

/**
 * alama_export_write:
 * @document: the document
 * @format: an export format ("tei", "conll", "json", "brat" or "pdf")
 * @hidden_labels: (nullable) (array zero-terminated=1): labels a PDF
 *   prints plain and leaves out of its legend, as the window hides them
 * @title: (nullable): the title PDF pages carry
 * @file: a local file, with the extension it should have
 *   (alama_export_fix_extension()); for brat, NAME.ann or NAME.txt
 * @source: (nullable): the file the document was opened from, which brat's
 *   text file must not replace
 * @written: (out) (optional) (transfer full): the names of the files
 *   written, for people ("article.txt and article.ann")
 * @error: return location for an error
 *
 * Writes @document in @format, atomically; the document stays modified or
 * saved as it was.
 *
 * Returns: %TRUE when written
 */
gboolean
alama_export_write (AlamaDocument     *document,
                    const char        *format,
                    const char *const *hidden_labels,
                    const char        *title,
                    GFile             *file,
                    GFile             *source,
                    char             **written,
                    GError           **error)
{
  const ExportFormat *f = lookup_format (format);
  g_autofree char *path = NULL;
  AlamaFileFormat core_format;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (f != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only local files can be written"), uri);
      return FALSE;
    }

  if (strcmp (f->name, "pdf") == 0)
    {
      if (!alama_print_export_pdf (document, hidden_labels, title, file, NULL, error))
        return FALSE;
      if (written)
        *written = g_file_get_basename (file);
      return TRUE;
    }

  if (!alama_file_format_from_name (f->name, &core_format))
    g_assert_not_reached ();
  if (core_format == ALAMA_FILE_FORMAT_BRAT)
    {
      g_autofree char *stem = alama_brat_stem (path);
      g_autofree char *txt_path = g_strconcat (stem, ".txt", NULL);
      g_autofree char *ann_path = g_strconcat (stem, ".ann", NULL);
      g_autoptr (GFile) txt = g_file_new_for_path (txt_path);

      if (source && g_file_equal (txt, source))
        {
          g_autofree char *name = g_file_get_basename (txt);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       /* TRANSLATORS: %s is a file name (article.txt) */
                       _("The brat text file would replace “%s”, the text this document was "
                         "opened from: choose another name"),
                       name);
          return FALSE;
        }
      if (!alama_document_export_file (document, path, core_format, FALSE, error))
        return FALSE;
      if (written)
        {
          g_autofree char *txt_name = g_path_get_basename (txt_path);
          g_autofree char *ann_name = g_path_get_basename (ann_path);

          /* TRANSLATORS: the two files of a brat export */
          *written = g_strdup_printf (_("%s and %s"), txt_name, ann_name);
        }
      return TRUE;
    }
  if (!alama_document_export_file (document, path, core_format, FALSE, error))
    return FALSE;
  if (written)
    *written = g_file_get_basename (file);
  return TRUE;
}

typedef struct
{
  GtkWindow *parent;
  AlamaDocument *document;
  char *format;
  char **hidden_labels;
  char *title;
  GFile *source;
  AdwToastOverlay *toasts;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_clear_object (&request->parent);
  g_clear_object (&request->document);
  g_free (request->format);
  g_strfreev (request->hidden_labels);
  g_free (request->title);
  g_clear_object (&request->source);
  g_clear_object (&request->toasts);
  g_free (request);
}

static void
show_export_error (ExportRequest *request,
                   const GError  *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (request->parent, _("Could Not Export"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    ExportRequest   *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GFile) file = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *written = NULL;

      if (chosen)
        {
          file = alama_export_fix_extension (request->format, chosen);
          if (alama_export_write (request->document, request->format,
                                  (const char *const *) request->hidden_labels, request->title, file,
                                  request->source, &written, &error))
            {
              /* TRANSLATORS: %s is the file name, or two of them */
              g_autofree char *message = g_strdup_printf (_("Exported as %s"), written);

              if (request->toasts)
                adw_toast_overlay_add_toast (request->toasts, adw_toast_new (message));
            }
          else
            show_export_error (request, error);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  export_request_free (request);
}

/**
 * alama_export_dialog_run:
 * @parent: the document's window
 * @document: the document to export, as it is when the user has chosen
 * @format: an export format ("tei", "conll", "json", "brat" or "pdf")
 * @hidden_labels: (nullable) (array zero-terminated=1): labels hidden in
 *   the window, which a PDF prints plain
 * @title: (nullable): the document's title (for PDF pages)
 * @source: (nullable): the file the document was opened from: the chooser
 *   starts in its folder with its name
 * @toasts: (nullable): where to say it was exported
 *
 * Asks where to export, then writes the file; an error is shown in a
 * dialog.  Returns at once.
 */
void
alama_export_dialog_run (GtkWindow         *parent,
                         AlamaDocument     *document,
                         const char        *format,
                         const char *const *hidden_labels,
                         const char        *title,
                         GFile             *source,
                         AdwToastOverlay   *toasts)
{
  const ExportFormat *f = lookup_format (format);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  ExportRequest *request;
  g_autofree char *name = NULL;

  g_return_if_fail (ALAMA_IS_DOCUMENT (document));
  g_return_if_fail (f != NULL);

  dialog = gtk_file_chooser_native_new (_(f->dialog_title), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _(f->filter_name));
  gtk_file_filter_add_pattern (filter, f->pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  if (source)
    {
      g_autoptr (GFile) folder = g_file_get_parent (source);

      if (folder)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }
  name = alama_export_suggest_name (format, source, title);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  request = g_new0 (ExportRequest, 1);
  request->parent = parent ? g_object_ref (parent) : NULL;
  request->document = g_object_ref (document);
  request->format = g_strdup (format);
  request->hidden_labels = g_strdupv ((char **) hidden_labels);
  request->title = g_strdup (title);
  request->source = source ? g_object_ref (source) : NULL;
  request->toasts = toasts ? g_object_ref (toasts) : NULL;
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
