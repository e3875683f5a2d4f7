/* alama-import.h: make annotated documents of other tools' files.
 *
 * Imported annotations are gold: someone made them outside Alama.  Each
 * import declares a person agent named "import:" and the base name of the
 * file the annotations came from ("import:ANERcorp.conll",
 * "import:doc-12.ann"), and its annotations have that agent as origin and as confirmed_by, status
 * %ALAMA_STATUS_ACCEPTED and no confidence.  Accepted rather than manual
 * because they were confirmed elsewhere, not typed here: relabelling or
 * resizing one later makes it %ALAMA_STATUS_EDITED, which keeps the trace
 * that the file's version was changed.
 *
 * Offsets are Unicode code points of the resulting document's text.
 * Errors are in the #ALAMA_FORMAT_ERROR domain and start with the file
 * and line ("corpus.conll:12: …").  The returned documents have no undo
 * history and are unmodified; their source (alama_document_get_source())
 * is the file the text came from, with its size and SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-document.h"

G_BEGIN_DECLS

AlamaDocument *alama_import_conll (const char *data,
                                   gsize       len,
                                   const char *name,
                                   GError    **error);

AlamaDocument *alama_import_brat (const char *txt,
                                  gsize       txt_len,
                                  const char *ann,
                                  gsize       ann_len,
                                  const char *name,
                                  GError    **error);

G_END_DECLS
