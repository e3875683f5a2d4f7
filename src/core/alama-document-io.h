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

G_BEGIN_DECLS

AlamaDocument *alama_document_new_from_bytes (const guint8 *data,
                                              gsize         len,
                                              const char   *encoding,
                                              const char   *file_name,
                                              GError      **error);

G_END_DECLS
