/* alama-document-io.c: documents from files and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-document-io.h"

#include <string.h>

#include "alama-atomic-file.h"
#include "alama-export.h"
#include "alama-import.h"
#include "alama-text-decoder.h"
#include "alama-xml.h"

/**
 * alama_document_new_from_bytes:
 * @data: the bytes of a plain-text file
 * @len: how many
 * @encoding: (nullable): the encoding, or %NULL to detect it (UTF-8, UTF-16
 *   with a byte-order mark, windows-1256, ISO-8859-6)
 * @file_name: (nullable): where the bytes came from, for the document's
 *   source record and for messages
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Makes an unannotated document of a text file, recording its encoding,
 * byte-order mark, size and SHA-256.
 *
 * Returns: (transfer full) (nullable): the document
 */
AlamaDocument *
alama_document_new_from_bytes (const guint8 *data,
                               gsize         len,
                               const char   *encoding,
                               const char   *file_name,
                               GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (AlamaDecodedText) decoded = alama_text_decode (data, len, encoding, &local_error);
  g_autofree char *base_name = file_name ? g_path_get_basename (file_name) : NULL;
  AlamaDocument *document;
  AlamaSource source = { 0 };

  if (decoded == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s",
                   file_name ? file_name : "<input>", local_error->message);
      return NULL;
    }
  document = alama_document_new (decoded->text, (gssize) decoded->len, error);
  if (document == NULL)
    return NULL;
  source.file_name = base_name;
  source.encoding = (char *) decoded->encoding;
  source.bom = decoded->bom;
  source.bytes = decoded->source_bytes;
  source.sha256 = decoded->sha256;
  alama_document_set_source (document, &source);
  if (base_name)
    alama_document_set_title (document, base_name);
  alama_document_reset_history (document);
  return document;
}

static void
cannot_read (AlamaFileFormat format,
             const char     *name,
             GError        **error)
{
  g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
               "%s: Alama writes %s but does not read it (it reads xml, conll, brat and txt)",
               name, alama_file_format_to_name (format));
}

/**
 * alama_document_load_bytes:
 * @data: a file's bytes
 * @len: how many
 * @format: its format; brat needs two files, use alama_document_load_file()
 * @encoding: (nullable): for plain text, its encoding, or %NULL to detect it
 * @name: the file's name, for messages and the source record
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Returns: (transfer full) (nullable): the document, unmodified, with no
 *   undo history
 */
AlamaDocument *
alama_document_load_bytes (const guint8    *data,
                           gsize            len,
                           AlamaFileFormat  format,
                           const char      *encoding,
                           const char      *name,
                           GError         **error)
{
  switch (format)
    {
    case ALAMA_FILE_FORMAT_XML:
      return alama_xml_load ((const char *) data, len, name, error);
    case ALAMA_FILE_FORMAT_CONLL:
      return alama_import_conll ((const char *) data, len, name, error);
    case ALAMA_FILE_FORMAT_TXT:
      return alama_document_new_from_bytes (data, len, encoding, name, error);
    case ALAMA_FILE_FORMAT_BRAT:
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "%s: brat annotations come as two files (.txt and .ann); name one of them",
                   name);
      return NULL;
    case ALAMA_FILE_FORMAT_TEI:
    case ALAMA_FILE_FORMAT_TSV:
    case ALAMA_FILE_FORMAT_JSON:
    case ALAMA_FILE_FORMAT_JSONL:
    default:
      cannot_read (format, name, error);
      return NULL;
    }
}

/**
 * alama_brat_stem:
 * @path: a brat file's path, with or without its .txt or .ann extension
 *
 * Returns: (transfer full): the path without the extension
 */
char *
alama_brat_stem (const char *path)
{
  if (g_str_has_suffix (path, ".ann") || g_str_has_suffix (path, ".txt"))
    return g_strndup (path, strlen (path) - 4);
  return g_strdup (path);
}

static gboolean
read_file (const char  *path,
           char       **data,
           gsize       *len,
           GError     **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!g_file_get_contents (path, data, len, &local_error))
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * alama_document_load_file:
 * @path: a file
 * @format: its format (see alama_file_format_guess())
 * @encoding: (nullable): for plain text, its encoding, or %NULL to detect it
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Reads a document.  For brat, @path names either file of the pair.
 *
 * Returns: (transfer full) (nullable): the document, unmodified, with no
 *   undo history
 */
AlamaDocument *
alama_document_load_file (const char      *path,
                          AlamaFileFormat  format,
                          const char      *encoding,
                          GError         **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (format == ALAMA_FILE_FORMAT_BRAT)
    {
      g_autofree char *stem = alama_brat_stem (path);
      g_autofree char *txt_path = g_strconcat (stem, ".txt", NULL);
      g_autofree char *ann_path = g_strconcat (stem, ".ann", NULL);
      g_autofree char *txt = NULL;
      g_autofree char *ann = NULL;
      gsize txt_len = 0;
      gsize ann_len = 0;

      if (!read_file (txt_path, &txt, &txt_len, error)
          || !read_file (ann_path, &ann, &ann_len, error))
        return NULL;
      return alama_import_brat (txt, txt_len, ann, ann_len, stem, error);
    }
  if (!read_file (path, &data, &len, error))
    return NULL;
  return alama_document_load_bytes ((const guint8 *) data, len, format, encoding, path, error);
}

/* The source text in its own encoding: the original bytes. */
static GBytes *
export_text (AlamaDocument *document,
             GError       **error)
{
  const AlamaSource *source = alama_document_get_source (document);
  gsize len;
  const char *text = alama_document_get_text (document, &len);
  gsize out_len = 0;
  guint8 *bytes = alama_text_encode (text, len, source->encoding ? source->encoding : "UTF-8",
                                     source->bom, &out_len, error);

  return bytes ? g_bytes_new_take (bytes, out_len) : NULL;
}

/**
 * alama_document_export_bytes:
 * @document: the document
 * @format: any format but brat (two files: use alama_document_export_file())
 * @utf16_offsets: for JSON and JSON Lines, count offsets in UTF-16 code
 *   units (for JavaScript tools) instead of code points
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the document in @format; for txt,
 *   the source text in its original encoding
 */
GBytes *
alama_document_export_bytes (AlamaDocument   *document,
                             AlamaFileFormat  format,
                             gboolean         utf16_offsets,
                             GError         **error)
{
  switch (format)
    {
    case ALAMA_FILE_FORMAT_XML:
      return alama_xml_save (document, error);
    case ALAMA_FILE_FORMAT_TEI:
      return alama_export_tei (document, error);
    case ALAMA_FILE_FORMAT_CONLL:
      return alama_export_conll (document, error);
    case ALAMA_FILE_FORMAT_TSV:
      return alama_export_tsv (document, error);
    case ALAMA_FILE_FORMAT_JSON:
      return alama_export_json (document, utf16_offsets, error);
    case ALAMA_FILE_FORMAT_JSONL:
      return alama_export_jsonl (document, utf16_offsets, error);
    case ALAMA_FILE_FORMAT_TXT:
      return export_text (document, error);
    case ALAMA_FILE_FORMAT_BRAT:
    default:
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "brat standoff is two files (.txt and .ann): give a file name, not -");
      return NULL;
    }
}

static gboolean
write_bytes (const char *path,
             GBytes     *bytes,
             gboolean    keep_backup,
             GError    **error)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  return alama_atomic_file_write (path, data, len, keep_backup, error);
}

/**
 * alama_document_export_file:
 * @document: the document
 * @path: where to write; for brat, the pair PATH-stem.txt and .ann
 * @format: the format
 * @utf16_offsets: see alama_document_export_bytes()
 * @error: return location for an error
 *
 * Writes @document atomically (a failed write leaves any old file as it
 * was).  Saving as Alama XML keeps the previous version as a backup and
 * marks the document unmodified; exports leave it as it is.
 *
 * Returns: %TRUE when written
 */
gboolean
alama_document_export_file (AlamaDocument   *document,
                            const char      *path,
                            AlamaFileFormat  format,
                            gboolean         utf16_offsets,
                            GError         **error)
{
  g_autoptr (GBytes) bytes = NULL;

  if (format == ALAMA_FILE_FORMAT_XML)
    return alama_xml_save_file (document, path, error);
  if (format == ALAMA_FILE_FORMAT_BRAT)
    {
      g_autofree char *stem = alama_brat_stem (path);
      g_autofree char *txt_path = g_strconcat (stem, ".txt", NULL);
      g_autofree char *ann_path = g_strconcat (stem, ".ann", NULL);
      g_autoptr (GBytes) txt = NULL;
      g_autoptr (GBytes) ann = NULL;

      return alama_export_brat (document, &txt, &ann, error)
             && write_bytes (txt_path, txt, FALSE, error)
             && write_bytes (ann_path, ann, FALSE, error);
    }
  bytes = alama_document_export_bytes (document, format, utf16_offsets, error);
  return bytes != NULL && write_bytes (path, bytes, FALSE, error);
}
