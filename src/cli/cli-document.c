/* cli-document.c: reading and writing whole documents, for convert and
 * extract.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-document.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "alama-document-io.h"
#include "alama-recognizer.h"
#include "cli-common.h"

static GBytes *
read_stdin (void)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 block[65536];
  gsize n;

  while ((n = fread (block, 1, sizeof block, stdin)) > 0)
    g_byte_array_append (data, block, (guint) n);
  if (ferror (stdin))
    {
      cli_error ("reading standard input: %s", g_strerror (errno));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/**
 * cli_read_document:
 * @path: a file, or "-" for standard input
 * @format: its format
 * @encoding: (nullable): for plain text, its encoding
 *
 * Returns: (transfer full) (nullable): the document, or %NULL after saying
 *   why not
 */
AlamaDocument *
cli_read_document (const char      *path,
                   AlamaFileFormat  format,
                   const char      *encoding)
{
  g_autoptr (GError) error = NULL;
  AlamaDocument *document;

  if (strcmp (path, "-") == 0)
    {
      g_autoptr (GBytes) bytes = read_stdin ();
      gsize len;
      const guint8 *data;

      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &len);
      document = alama_document_load_bytes (data, len, format, encoding, "<stdin>", &error);
    }
  else
    document = alama_document_load_file (path, format, encoding, &error);
  if (document == NULL)
    cli_error ("%s", error->message);
  return document;
}

/**
 * cli_write_document:
 * @document: the document
 * @path: a file, or "-" for standard output
 * @format: the format to write
 * @utf16_offsets: for JSON, count UTF-16 code units
 *
 * Returns: %TRUE when written, else %FALSE after saying why not
 */
gboolean
cli_write_document (AlamaDocument   *document,
                    const char      *path,
                    AlamaFileFormat  format,
                    gboolean         utf16_offsets)
{
  g_autoptr (GError) error = NULL;

  if (strcmp (path, "-") == 0)
    {
      g_autoptr (GBytes) bytes = alama_document_export_bytes (document, format, utf16_offsets,
                                                              &error);
      gsize len;
      const void *data;

      if (bytes == NULL)
        {
          cli_error ("%s", error->message);
          return FALSE;
        }
      data = g_bytes_get_data (bytes, &len);
      if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
        {
          cli_error ("writing the output: %s", g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }
  if (!alama_document_export_file (document, path, format, utf16_offsets, &error))
    {
      cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * cli_recognize_document:
 * @document: the document
 * @model_path: (nullable): a model file, or %NULL for the built-in model
 * @dates: whether to look for dates too
 *
 * Adds the recognizer's suggestions to @document, keeping annotations
 * people made or confirmed.
 *
 * Returns: %FALSE when the model could not be loaded (after saying why)
 */
gboolean
cli_recognize_document (AlamaDocument *document,
                        const char    *model_path,
                        gboolean       dates)
{
  g_autoptr (AlamaModel) model = cli_load_model (model_path);
  g_autoptr (AlamaRecognizer) recognizer = NULL;

  if (model == NULL)
    return FALSE;
  recognizer = alama_recognizer_new (model);
  alama_recognizer_set_dates (recognizer, dates);
  alama_recognizer_annotate (recognizer, document);
  return TRUE;
}
