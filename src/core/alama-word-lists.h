/* alama-word-lists.h: closed lists of Arabic trigger words that point at a
 * name next to them: titles before people, heads of organization and place
 * names, verbs of saying, nationality adjectives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ALAMA_WORD_PERSON_TITLE = 1 << 0, /* الرئيس، الشيخ، الدكتور */
  ALAMA_WORD_ORG_HEAD = 1 << 1,     /* وزارة، حزب، شركة، وكالة */
  ALAMA_WORD_LOC_HEAD = 1 << 2,     /* مدينة، ولاية، إقليم */
  ALAMA_WORD_SAY_VERB = 1 << 3,     /* قال، أكد، أعلن */
  ALAMA_WORD_NATIONALITY = 1 << 4,  /* الفرنسي، العراقية، الأمريكيون */
  ALAMA_WORD_LOC_PREP = 1 << 5,     /* في، إلى، من */
  ALAMA_WORD_PERSON_KIN = 1 << 6,   /* بن، أبو، أم، آل */
} AlamaWordClass;

#define ALAMA_WORD_N_CLASSES 7

guint alama_word_class (const char *normalized,
                        gsize       len);

G_END_DECLS
