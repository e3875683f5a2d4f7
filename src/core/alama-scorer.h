/* alama-scorer.h: precision, recall and F1 of recognized names, counted
 * per mention as conlleval does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *type;
  guint gold;
  guint predicted;
  guint correct;
} AlamaScoreRow;

typedef struct _AlamaScorer AlamaScorer;

AlamaScorer *alama_scorer_new (void);
void alama_scorer_free (AlamaScorer *scorer);

void alama_scorer_add_tags (AlamaScorer       *scorer,
                            const char *const *gold,
                            const char *const *predicted,
                            guint              n_words);
void alama_scorer_add_span (AlamaScorer *scorer,
                            const char  *type,
                            gboolean     in_gold,
                            gboolean     in_predicted);

void alama_scorer_get_total (AlamaScorer   *scorer,
                             AlamaScoreRow *total);
GPtrArray *alama_scorer_get_rows (AlamaScorer *scorer);
guint alama_scorer_get_tokens (AlamaScorer *scorer);
guint alama_scorer_get_correct_tokens (AlamaScorer *scorer);

double alama_score_precision (const AlamaScoreRow *row);
double alama_score_recall (const AlamaScoreRow *row);
double alama_score_f1 (const AlamaScoreRow *row);

char *alama_scorer_format (AlamaScorer *scorer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaScorer, alama_scorer_free)

G_END_DECLS
