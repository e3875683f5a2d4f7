/* alama-snap.h: fitting a span of text to whole words.
 *
 * What a person selects or resizes by hand becomes a name's span the way
 * the recognizer draws one: whole tokens, no punctuation at either end, an
 * attached proclitic left out.  Offsets are Unicode code points, half-open
 * [start, end), as in AlamaDocument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-lexicon.h"

G_BEGIN_DECLS

/**
 * AlamaSnapEdge:
 * @ALAMA_SNAP_START: the span's start (the right edge in Arabic text)
 * @ALAMA_SNAP_END: the span's end (the left edge in Arabic text)
 */
typedef enum
{
  ALAMA_SNAP_START,
  ALAMA_SNAP_END,
} AlamaSnapEdge;

gboolean alama_snap_span (const char         *text,
                          GArray             *tokens,
                          const AlamaLexicon *lexicon,
                          gsize              *start,
                          gsize              *end);

gboolean alama_snap_resize (GArray        *tokens,
                            AlamaSnapEdge  edge,
                            gboolean       extend,
                            gsize         *start,
                            gsize         *end);

G_END_DECLS
