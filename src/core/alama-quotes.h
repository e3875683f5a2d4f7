/* alama-quotes.h: short quotations in a sentence.
 *
 * News names titles and brands between quotation marks: a programme
 * «الناس وأنا», a newspaper ' ' معاريف ' ', a car «نيسان أورفان».  The
 * words inside a short quotation, where they stand in it and the word
 * that introduces it (برنامج، بعنوان، صحيفة) become features.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-features.h"

G_BEGIN_DECLS

/* Longer quotations are speech, not names: their words get no mark. */
#define ALAMA_QUOTE_MAX_WORDS 8

/**
 * AlamaQuotePosition:
 * @ALAMA_QUOTE_OUTSIDE: not inside a short quotation
 * @ALAMA_QUOTE_ONLY: the only word of the quotation
 * @ALAMA_QUOTE_FIRST: its first word (of several)
 * @ALAMA_QUOTE_MIDDLE: neither first nor last
 * @ALAMA_QUOTE_LAST: its last word
 */
typedef enum
{
  ALAMA_QUOTE_OUTSIDE,
  ALAMA_QUOTE_ONLY,
  ALAMA_QUOTE_FIRST,
  ALAMA_QUOTE_MIDDLE,
  ALAMA_QUOTE_LAST,
} AlamaQuotePosition;

/**
 * AlamaQuoteMark:
 * @position: where the word stands in its quotation
 * @n_words: how many words the quotation holds (0 outside one)
 * @before: the index of the word before the opening mark(s), -1 when
 *   the quotation opens the sentence or the word is outside one
 *
 * What alama_quotes_find() says of one word.
 */
typedef struct
{
  guint8 position;
  guint8 n_words;
  gint32 before;
} AlamaQuoteMark;

void alama_quotes_find (const AlamaWord *words,
                        guint            n_words,
                        AlamaQuoteMark  *marks);

G_END_DECLS
