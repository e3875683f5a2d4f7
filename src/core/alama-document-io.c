/* alama-document-io.c: documents from files and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-document-io.h"

#include "alama-text-decoder.h"

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
