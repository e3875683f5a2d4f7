/* alama-occurrences.h: the other places a name is written in a text.
 *
 * A surface (the text of an entity) occurs again where the same words
 * stand, whole, compared after Arabic normalization (no diacritics or
 * tatweel, one alef, ya for alef maqsura, ha for ta marbuta), the first
 * word possibly carrying an attached proclitic (و ف, then ب ل ك) that the
 * occurrence leaves out: «وبيروت» holds «بيروت», «بيروتي» does not.
 *
 * Offsets are Unicode code points from the start of the text, half-open
 * [start, end), as everywhere in AlamaDocument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-document.h"

G_BEGIN_DECLS

/**
 * AlamaOccurrence:
 * @start_char: first character, in code points from the text's start
 * @end_char: one past the last character, in code points
 */
typedef struct
{
  gsize start_char;
  gsize end_char;
} AlamaOccurrence;

GArray *alama_occurrences_find (const char *text,
                                gsize       len,
                                GArray     *tokens,
                                gsize       start_char,
                                gsize       end_char);

guint alama_occurrences_label (AlamaDocument *document,
                               GArray        *tokens,
                               gsize          start_char,
                               gsize          end_char,
                               const char    *label,
                               const char    *person,
                               const char    *description,
                               guint         *n_kept);

G_END_DECLS
