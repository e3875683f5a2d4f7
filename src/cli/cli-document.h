/* cli-document.h: reading and writing whole documents, for convert and
 * extract.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "alama-document.h"
#include "alama-file-format.h"

G_BEGIN_DECLS

AlamaDocument *cli_read_document (const char      *path,
                                  AlamaFileFormat  format,
                                  const char      *encoding);
gboolean cli_write_document (AlamaDocument   *document,
                             const char      *path,
                             AlamaFileFormat  format,
                             gboolean         utf16_offsets);
gboolean cli_recognize_document (AlamaDocument *document,
                                 const char    *model_path,
                                 gboolean       dates);

G_END_DECLS
