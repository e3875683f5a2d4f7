/* alama-clitics.h: Arabic proclitics (و ف ب ل ك and the article ال).
 *
 * Two uses: a greedy analysis of a normalized word for features, and the
 * evidence-based decision whether a name's first word starts with a
 * proclitic that the name's span must leave out (وبيروت → بيروت) or with
 * letters that belong to the name (بغداد، وهران، لبنان).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-lexicon.h"

G_BEGIN_DECLS

/**
 * AlamaClitics:
 * @pattern: which proclitics were split off: bit 0 و/ف, bit 1 ب/ل/ك, bit 2
 *   the article (written ال or assimilated as in لل)
 * @stem: the word without conjunction and preposition, article kept (with
 *   its alef restored after لل), nul-terminated, normalized
 * @stem_len: length of @stem in bytes
 * @bare_offset: where the word without the article starts inside @stem
 */
typedef struct
{
  guint pattern;
  char stem[128];
  gsize stem_len;
  gsize bare_offset;
} AlamaClitics;

void alama_clitics_analyze (const char   *normalized,
                            gsize         len,
                            AlamaClitics *out);

gsize alama_proclitic_span_start (const char         *word,
                                  gsize               len,
                                  const AlamaLexicon *lexicon,
                                  gsize              *skip_chars);

G_END_DECLS
