/* alama-scorer.c: conlleval-style mention scoring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-scorer.h"

#include <string.h>

struct _AlamaScorer
{
  GHashTable *rows; /* type → AlamaScoreRow */
  guint tokens;
  guint correct_tokens;
};

static void
row_free (gpointer data)
{
  AlamaScoreRow *row = data;

  g_free (row->type);
  g_free (row);
}

AlamaScorer *
alama_scorer_new (void)
{
  AlamaScorer *self = g_new0 (AlamaScorer, 1);

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, row_free);
  return self;
}

void
alama_scorer_free (AlamaScorer *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->rows);
  g_free (self);
}

static AlamaScoreRow *
row_for (AlamaScorer *self,
         const char  *type,
         gsize        len)
{
  g_autofree char *key = g_strndup (type, len);
  AlamaScoreRow *row = g_hash_table_lookup (self->rows, key);

  if (row == NULL)
    {
      row = g_new0 (AlamaScoreRow, 1);
      row->type = g_steal_pointer (&key);
      g_hash_table_insert (self->rows, row->type, row);
    }
  return row;
}

/* Splits a tag into its prefix letter and type: "B-PERS" → 'B', "PERS";
 * "O" → 'O'.  A tag without a prefix ("PERS") reads as I-PERS, as in
 * conlleval. */
static char
split_tag (const char  *tag,
           const char **type,
           gsize       *type_len)
{
  if (tag == NULL || tag[0] == '\0' || strcmp (tag, "O") == 0)
    {
      *type = "";
      *type_len = 0;
      return 'O';
    }
  if ((tag[0] == 'B' || tag[0] == 'I' || tag[0] == 'E' || tag[0] == 'S') && tag[1] == '-')
    {
      *type = tag + 2;
      *type_len = strlen (tag + 2);
      return tag[0];
    }
  *type = tag;
  *type_len = strlen (tag);
  return 'I';
}

/* conlleval's chunk rules for IOB tags: a chunk starts at B-, or at I- after
 * O or after another type; it ends before any tag that starts one or
 * before O. */
static gboolean
starts_chunk (char        prev_prefix,
              const char *prev_type,
              gsize       prev_len,
              char        prefix,
              const char *type,
              gsize       len)
{
  if (prefix == 'O')
    return FALSE;
  if (prefix == 'B' || prefix == 'S' || prev_prefix == 'O' || prev_prefix == 'E'
      || prev_prefix == 'S')
    return TRUE;
  return prev_len != len || memcmp (prev_type, type, len) != 0;
}

/* Finds the chunks of a tag sequence: for each word, the index one past
 * the end of the chunk starting there, or 0 where no chunk starts. */
static void
find_chunks (const char *const *tags,
             guint              n,
             guint             *chunk_end)
{
  char prev_prefix = 'O';
  const char *prev_type = "";
  gsize prev_len = 0;
  guint open = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      const char *type;
      gsize len;
      char prefix = split_tag (tags[i], &type, &len);
      gboolean starts = starts_chunk (prev_prefix, prev_type, prev_len, prefix, type, len);

      chunk_end[i] = 0;
      if ((starts || prefix == 'O') && open != G_MAXUINT)
        {
          chunk_end[open] = i;
          open = G_MAXUINT;
        }
      if (starts)
        open = i;
      prev_prefix = prefix;
      prev_type = type;
      prev_len = len;
    }
  if (open != G_MAXUINT)
    chunk_end[open] = n;
}

static gboolean
same_type (const char *a,
           const char *b)
{
  const char *ta, *tb;
  gsize la, lb;

  split_tag (a, &ta, &la);
  split_tag (b, &tb, &lb);
  return la == lb && memcmp (ta, tb, la) == 0;
}

/**
 * alama_scorer_add_tags:
 * @scorer: the scorer
 * @gold: (array length=n_words): the reference tags of one sentence
 * @predicted: (array length=n_words): the system's tags
 * @n_words: how many words
 *
 * Counts the mentions of a sentence: a predicted mention is correct when a
 * gold mention has the same first word, last word and type.
 */
void
alama_scorer_add_tags (AlamaScorer       *self,
                       const char *const *gold,
                       const char *const *predicted,
                       guint              n_words)
{
  g_autofree guint *gold_end = g_new (guint, n_words + 1);
  g_autofree guint *pred_end = g_new (guint, n_words + 1);

  find_chunks (gold, n_words, gold_end);
  find_chunks (predicted, n_words, pred_end);
  for (guint i = 0; i < n_words; i++)
    {
      const char *type;
      gsize len;

      self->tokens++;
      if (g_strcmp0 (gold[i], predicted[i]) == 0)
        self->correct_tokens++;
      if (gold_end[i])
        {
          split_tag (gold[i], &type, &len);
          row_for (self, type, len)->gold++;
        }
      if (pred_end[i])
        {
          split_tag (predicted[i], &type, &len);
          row_for (self, type, len)->predicted++;
          if (gold_end[i] == pred_end[i] && same_type (gold[i], predicted[i]))
            row_for (self, type, len)->correct++;
        }
    }
}

/**
 * alama_scorer_add_span:
 * @scorer: the scorer
 * @type: the mention's type
 * @in_gold: whether the reference has it
 * @in_predicted: whether the system found it
 *
 * Counts one mention compared as a span (start, end and type).
 */
void
alama_scorer_add_span (AlamaScorer *self,
                       const char  *type,
                       gboolean     in_gold,
                       gboolean     in_predicted)
{
  AlamaScoreRow *row = row_for (self, type, strlen (type));

  row->gold += in_gold ? 1 : 0;
  row->predicted += in_predicted ? 1 : 0;
  row->correct += in_gold && in_predicted ? 1 : 0;
}

void
alama_scorer_get_total (AlamaScorer   *self,
                        AlamaScoreRow *total)
{
  GHashTableIter iter;
  gpointer value;

  memset (total, 0, sizeof *total);
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const AlamaScoreRow *row = value;

      total->gold += row->gold;
      total->predicted += row->predicted;
      total->correct += row->correct;
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const AlamaScoreRow *ra = *(const AlamaScoreRow *const *) a;
  const AlamaScoreRow *rb = *(const AlamaScoreRow *const *) b;

  return strcmp (ra->type, rb->type);
}

/**
 * alama_scorer_get_rows:
 * @scorer: the scorer
 *
 * Returns: (transfer container) (element-type AlamaScoreRow): the rows per
 *   type, sorted by type; the rows belong to @scorer
 */
GPtrArray *
alama_scorer_get_rows (AlamaScorer *self)
{
  GPtrArray *rows = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (rows, value);
  g_ptr_array_sort (rows, compare_rows);
  return rows;
}

guint
alama_scorer_get_tokens (AlamaScorer *self)
{
  return self->tokens;
}

guint
alama_scorer_get_correct_tokens (AlamaScorer *self)
{
  return self->correct_tokens;
}

double
alama_score_precision (const AlamaScoreRow *row)
{
  return row->predicted ? (double) row->correct / row->predicted : 0.0;
}

double
alama_score_recall (const AlamaScoreRow *row)
{
  return row->gold ? (double) row->correct / row->gold : 0.0;
}

double
alama_score_f1 (const AlamaScoreRow *row)
{
  double p = alama_score_precision (row);
  double r = alama_score_recall (row);

  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static void
append_row (GString             *out,
            const char          *name,
            const AlamaScoreRow *row)
{
  g_string_append_printf (out, "%-8s %9.2f %9.2f %9.2f %8u %8u %8u\n", name,
                          100 * alama_score_precision (row), 100 * alama_score_recall (row),
                          100 * alama_score_f1 (row), row->gold, row->predicted, row->correct);
}

/**
 * alama_scorer_format:
 * @scorer: the scorer
 *
 * Returns: (transfer full): a table of per-type and micro-averaged scores
 */
char *
alama_scorer_format (AlamaScorer *self)
{
  GString *out = g_string_new (NULL);
  g_autoptr (GPtrArray) rows = alama_scorer_get_rows (self);
  AlamaScoreRow total;

  alama_scorer_get_total (self, &total);
  g_string_append_printf (out, "%-8s %9s %9s %9s %8s %8s %8s\n", "type", "precision", "recall",
                          "F1", "gold", "found", "correct");
  for (guint i = 0; i < rows->len; i++)
    append_row (out, ((AlamaScoreRow *) rows->pdata[i])->type, rows->pdata[i]);
  append_row (out, "micro", &total);
  if (self->tokens)
    g_string_append_printf (out, "tokens: %u, tag accuracy %.2f%%\n", self->tokens,
                            100.0 * self->correct_tokens / self->tokens);
  return g_string_free (out, FALSE);
}
