/* alama-entity.h: a recognized entity: a typed span of the source text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/**
 * AlamaEntity:
 * @start_char: first character, in Unicode code points from the text's start
 * @end_char: one past the last character (half-open span), in code points
 * @start_byte: the same start, in bytes into the UTF-8 text
 * @end_byte: the same end, in bytes
 * @type: the entity type ("PERS", "LOC", "ORG", "MISC", "DATE", …); a static
 *   or model-owned string, never freed by the user
 * @confidence: how sure the recognizer is, in [0, 1]
 * @when: for DATE, the normalized ISO 8601 value ("2001-09-11", "2001-09",
 *   "2001", "--09-11"), or an empty string when the date cannot be placed
 *   on the Gregorian calendar
 */
typedef struct
{
  gsize start_char;
  gsize end_char;
  gsize start_byte;
  gsize end_byte;
  const char *type;
  float confidence;
  char when[16];
} AlamaEntity;

static inline gboolean
alama_entity_equal (const AlamaEntity *a,
                    const AlamaEntity *b)
{
  return a->start_char == b->start_char && a->end_char == b->end_char
         && a->start_byte == b->start_byte && a->end_byte == b->end_byte
         && strcmp (a->type, b->type) == 0 && a->confidence == b->confidence
         && strcmp (a->when, b->when) == 0;
}

/* Whether two arrays of AlamaEntity hold the same entities in the same
 * order. */
static inline gboolean
alama_entities_equal (GArray *a,
                      GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!alama_entity_equal (&g_array_index (a, AlamaEntity, i),
                             &g_array_index (b, AlamaEntity, i)))
      return FALSE;
  return TRUE;
}

G_END_DECLS
