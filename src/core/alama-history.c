/* alama-history.c: label counts per word over the last sentences.
 *
 * A map from the word's key (the hash of its normalized, clitic-stripped
 * form) to a row of counts, one per entity type plus "O".  Only words that
 * were given a name label at least once are tracked; once tracked, their
 * "O" occurrences are counted too.  Every counted occurrence is also kept
 * in a queue with the number of its sentence, so that the counts of a
 * sentence that leaves the window are taken back out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-history.h"

#include "alama-hash-map.h"
#include "alama-hash.h"

/* Types beyond this are not tracked (a model has at most 8). */
#define N_TYPES 8

/* Feature templates; their numbers are part of the model format. */
enum
{
  T_HISTORY_MAJOR = 61,
  T_HISTORY_TYPE,
  T_HISTORY_AT,
};

typedef struct
{
  guint16 count[N_TYPES + 1];  /* [0] = O, [1 + t] = type t */
  guint16 names;
} Counts;

typedef struct
{
  guint32 row;       /* index into counts */
  guint32 sentence;
  guint8 type;
} Entry;

struct _AlamaHistory
{
  guint window;
  AlamaHashMap rows;  /* key → index into counts */
  GArray *counts;     /* Counts */
  GArray *queue;      /* Entry, oldest first from head */
  gsize head;
  guint32 sentence;   /* number of the current sentence */
};

/**
 * alama_history_new:
 * @window: how many preceding sentences count (at least 1)
 *
 * Returns: (transfer full): an empty history
 */
AlamaHistory *
alama_history_new (guint window)
{
  AlamaHistory *self = g_new0 (AlamaHistory, 1);

  self->window = MAX (window, 1);
  alama_hash_map_init (&self->rows);
  self->counts = g_array_new (FALSE, TRUE, sizeof (Counts));
  self->queue = g_array_new (FALSE, FALSE, sizeof (Entry));
  return self;
}

void
alama_history_free (AlamaHistory *self)
{
  if (self == NULL)
    return;
  alama_hash_map_clear (&self->rows);
  g_array_unref (self->counts);
  g_array_unref (self->queue);
  g_free (self);
}

guint
alama_history_get_window (const AlamaHistory *self)
{
  return self->window;
}

/**
 * alama_history_reset:
 * @history: the history
 *
 * Forgets everything: call it where a new document starts.
 */
void
alama_history_reset (AlamaHistory *self)
{
  if (self->rows.size == 0 && self->queue->len == 0)
    return;
  alama_hash_map_clear (&self->rows);
  alama_hash_map_init (&self->rows);
  g_array_set_size (self->counts, 0);
  g_array_set_size (self->queue, 0);
  self->head = 0;
  self->sentence = 0;
}

/**
 * alama_history_lookup:
 * @history: the history
 * @key: a word's key
 *
 * Returns: what the word was labelled in the window, packed for
 *   alama_history_features(): 0 when it was never labelled as a name
 */
guint32
alama_history_lookup (const AlamaHistory *self,
                      guint64             key)
{
  const guint32 *index;
  const Counts *c;
  guint best = 0;
  guint32 types = 0;

  if (key == 0 || self->rows.size == 0
      || (index = alama_hash_map_lookup (&self->rows, key)) == NULL)
    return 0;
  c = &g_array_index (self->counts, Counts, *index);
  if (c->names == 0)
    return 0;
  for (guint t = 1; t <= N_TYPES; t++)
    {
      if (c->count[t] > (best ? c->count[best] : 0))
        best = t;
      if (c->count[t] > 0)
        types |= 1u << t;
    }
  return (types << 8) | (best << 2) | (c->names > c->count[0] ? 2u : 0u) | (c->names > 1 ? 1u : 0u);
}

/**
 * alama_history_features:
 * @prev: alama_history_lookup() of the word before, 0 at the start
 * @code: alama_history_lookup() of the word
 * @next: alama_history_lookup() of the word after, 0 at the end
 * @row: the word's feature row
 * @k: the first free slot of @row
 * @max: the size of @row
 *
 * Appends the features of what the word was labelled before: the type it
 * was given most often, whether names outnumber "O" and whether it was
 * named more than once, each type it was given, and the type most often
 * given to each neighbour.
 *
 * Returns: the next free slot
 */
guint
alama_history_features (guint32  prev,
                        guint32  code,
                        guint32  next,
                        guint64 *row,
                        guint    k,
                        guint    max)
{
  if (code && k < max)
    row[k++] = alama_hash_combine (code & 0xFF, T_HISTORY_MAJOR);
  for (guint t = 1; t <= N_TYPES; t++)
    if ((code >> 8) & (1u << t) && k < max)
      row[k++] = alama_hash_combine (t, T_HISTORY_TYPE);
  if (prev && k < max)
    row[k++] = alama_hash_combine (((prev >> 2) & 0xF) * 2, T_HISTORY_AT);
  if (next && k < max)
    row[k++] = alama_hash_combine (((next >> 2) & 0xF) * 2 + 1, T_HISTORY_AT);
  return k;
}

/**
 * alama_history_add:
 * @history: the history
 * @key: a word's key
 * @type: 0 for "O", 1 + t for entity type t
 *
 * Counts one labelled word of the current sentence.  It only shows in the
 * features after alama_history_end_sentence().
 */
void
alama_history_add (AlamaHistory *self,
                   guint64       key,
                   guint         type)
{
  guint32 *index;
  Entry entry;

  if (type > N_TYPES || key == 0)
    return;
  if (type == 0)
    {
      index = (guint32 *) alama_hash_map_lookup (&self->rows, key);
      if (index == NULL)
        return;
    }
  else
    {
      gboolean inserted;

      index = alama_hash_map_insert (&self->rows, key, &inserted);
      if (inserted)
        {
          *index = self->counts->len;
          g_array_set_size (self->counts, self->counts->len + 1);
        }
    }
  entry.row = *index;
  entry.sentence = self->sentence;
  entry.type = (guint8) type;
  g_array_append_val (self->queue, entry);
}

static void
apply (AlamaHistory *self,
       const Entry  *e,
       int           delta)
{
  Counts *c = &g_array_index (self->counts, Counts, e->row);

  c->count[e->type] = (guint16) (c->count[e->type] + delta);
  if (e->type != 0)
    c->names = (guint16) (c->names + delta);
}

/**
 * alama_history_end_sentence:
 * @history: the history
 *
 * Makes the words added since the last call count, and drops the
 * sentences that fall out of the window.
 */
void
alama_history_end_sentence (AlamaHistory *self)
{
  Entry *entries = (Entry *) self->queue->data;
  gsize first_new = self->queue->len;

  /* The current sentence's entries were appended at the end; find where
   * they start (they are the ones numbered self->sentence). */
  while (first_new > self->head && entries[first_new - 1].sentence == self->sentence)
    first_new--;
  for (gsize i = first_new; i < self->queue->len; i++)
    apply (self, &entries[i], +1);
  self->sentence++;
  while (self->head < self->queue->len
         && self->sentence - entries[self->head].sentence > self->window)
    apply (self, &entries[self->head++], -1);
  if (self->head > 4096 && self->head * 2 > self->queue->len)
    {
      g_array_remove_range (self->queue, 0, (guint) self->head);
      self->head = 0;
    }
}
