/* alama-document-io.h: read a document from a file in any format Alama
 * imports, and write it in any format it exports.
 *
 * The one place the CLI and the app turn files into documents and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-document.h"
#include "alama-file-format.h"

G_BEGIN_DECLS

AlamaDocument *alama_document_new_from_bytes (const guint8 *data,
                                              gsize         len,
                                              const char   *encoding,
                                              const char   *file_name,
                                              GError      **error);

AlamaDocument *alama_document_load_bytes (const guint8    *data,
                                          gsize            len,
                                          AlamaFileFormat  format,
                                          const char      *encoding,
                                          const char      *name,
                                          GError         **error);
AlamaDocument *alama_document_load_file (const char      *path,
                                         AlamaFileFormat  format,
                                         const char      *encoding,
                                         GError         **error);

GBytes *alama_document_export_bytes (AlamaDocument   *document,
                                     AlamaFileFormat  format,
                                     gboolean         utf16_offsets,
                                     GError         **error);
gboolean alama_document_export_file (AlamaDocument   *document,
                                     const char      *path,
                                     AlamaFileFormat  format,
                                     gboolean         utf16_offsets,
                                     GError         **error);

char *alama_brat_stem (const char *path);

G_END_DECLS
