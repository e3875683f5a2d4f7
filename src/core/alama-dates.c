/* alama-dates.c: rule-based recognition of calendar dates (being written). */
#include "alama-dates.h"

void
alama_find_dates (const char       *text,
                  const AlamaToken *tokens,
                  guint             n_tokens,
                  GArray           *entities)
{
}
