/* alama-context.c: the neighbours of each word's latest occurrences.
 *
 * Every occurrence is an entry in a queue, oldest first, with the number
 * of its sentence, its neighbours and a link to the previous occurrence
 * of the same word; a map from the word's key leads to its latest
 * occurrence.  A lookup follows the links back until an occurrence is
 * older than the window, so nothing has to be taken out of a running sum
 * when a sentence leaves it.  When most of the queue has left the window,
 * the queue is cut and the map rebuilt with the words still in it: memory
 * is bounded by the words of the window, however long the document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-context.h"

#include <string.h>

#include "alama-hash-map.h"

typedef struct
{
  guint64 prev;
  guint64 next;
  guint32 link;      /* 1 + index of the word's previous occurrence, 0: none */
  guint32 before;    /* 1 + index of its latest occurrence in an earlier
                      * sentence, 0: none */
  guint32 sentence;
} Entry;

struct _AlamaContext
{
  guint window;
  AlamaHashMap latest;  /* key → 1 + index of its latest occurrence */
  GArray *entries;      /* Entry, oldest first */
  gsize head;           /* first entry still in the window */
  guint32 sentence;     /* number of the current sentence */
};

/* The queue is cut once this many entries have left the window (and they
 * are more than half of it). */
#define COMPACT_AFTER 4096

/**
 * alama_context_new:
 * @window: how many preceding sentences count (at least 1)
 *
 * Returns: (transfer full): an empty context memory
 */
AlamaContext *
alama_context_new (guint window)
{
  AlamaContext *self = g_new0 (AlamaContext, 1);

  self->window = MAX (window, 1);
  alama_hash_map_init (&self->latest);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  return self;
}

void
alama_context_free (AlamaContext *self)
{
  if (self == NULL)
    return;
  alama_hash_map_clear (&self->latest);
  g_array_unref (self->entries);
  g_free (self);
}

guint
alama_context_get_window (const AlamaContext *self)
{
  return self->window;
}

/**
 * alama_context_reset:
 * @context: the context memory
 *
 * Forgets everything: call it where a new document starts.
 */
void
alama_context_reset (AlamaContext *self)
{
  if (self->entries->len == 0 && self->sentence == 0)
    return;
  alama_hash_map_clear (&self->latest);
  alama_hash_map_init (&self->latest);
  g_array_set_size (self->entries, 0);
  self->head = 0;
  self->sentence = 0;
}

/* Follows the occurrences back from entry @p - 1, the word's latest. */
static gboolean
summarize (const AlamaContext  *self,
           guint32              p,
           AlamaContextSummary *summary)
{
  const Entry *entries = (const Entry *) self->entries->data;
  guint n = 0;

  /* Those of the current sentence do not count. */
  if (p != 0 && p - 1 >= self->head && entries[p - 1].sentence == self->sentence)
    p = entries[p - 1].before;
  for (; p != 0 && p - 1 >= self->head; p = entries[p - 1].link)
    {
      const Entry *e = &entries[p - 1];

      if (self->sentence - e->sentence > self->window)
        break;
      summary->prev[n] = e->prev;
      summary->next[n] = e->next;
      if (++n == ALAMA_CONTEXT_MAX_OCCURRENCES)
        break;
    }
  summary->n_occurrences = n;
  return n > 0;
}

/**
 * alama_context_lookup:
 * @context: the context memory
 * @key: a word's key (0 for none)
 * @summary: (out caller-allocates): what its latest occurrences in the
 *   preceding sentences of the window had around them; only the first
 *   @summary->n_occurrences elements of its arrays are set
 *
 * Occurrences in the current sentence (added since the last
 * alama_context_end_sentence()) do not count.
 *
 * Returns: %TRUE when the word occurred in the window
 */
gboolean
alama_context_lookup (const AlamaContext  *self,
                      guint64              key,
                      AlamaContextSummary *summary)
{
  const guint32 *latest;

  summary->n_occurrences = 0;
  if (key == 0 || self->latest.size == 0
      || (latest = alama_hash_map_lookup (&self->latest, key)) == NULL)
    return FALSE;
  return summarize (self, *latest, summary);
}

/**
 * alama_context_add:
 * @context: the context memory
 * @key: a word's key; 0 is ignored
 * @prev: the key of the word before it, 0 for none
 * @next: the key of the word after it, 0 for none
 * @summary: (out caller-allocates) (optional): what
 *   alama_context_lookup() gave for @key just before
 *
 * Remembers one occurrence of a word of the current sentence.  It only
 * shows in lookups after alama_context_end_sentence().  Looking a word up
 * and adding it costs one probe of the map instead of two, and a lookup
 * costs no more when the current sentence repeats the word.
 *
 * Returns: %TRUE when the word occurred in the window before
 */
gboolean
alama_context_add (AlamaContext        *self,
                   guint64              key,
                   guint64              prev,
                   guint64              next,
                   AlamaContextSummary *summary)
{
  AlamaContextSummary ignored;
  guint32 *latest;
  gboolean found;
  Entry entry;

  if (summary == NULL)
    summary = &ignored;
  summary->n_occurrences = 0;
  if (key == 0 || self->entries->len >= G_MAXUINT32 - 1)
    return FALSE;
  latest = alama_hash_map_insert (&self->latest, key, NULL);
  found = summarize (self, *latest, summary);
  entry.prev = prev;
  entry.next = next;
  entry.link = *latest;
  entry.before = *latest;
  if (entry.link != 0 && entry.link - 1 >= self->head
      && g_array_index (self->entries, Entry, entry.link - 1).sentence == self->sentence)
    entry.before = g_array_index (self->entries, Entry, entry.link - 1).before;
  entry.sentence = self->sentence;
  g_array_append_val (self->entries, entry);
  *latest = self->entries->len;
  return found;
}

/* Drops the entries before head and the words that have no entry left. */
static void
compact (AlamaContext *self)
{
  guint32 cut = (guint32) self->head;
  Entry *entries;
  AlamaHashMap latest;

  g_array_remove_range (self->entries, 0, cut);
  self->head = 0;
  entries = (Entry *) self->entries->data;
  for (guint i = 0; i < self->entries->len; i++)
    {
      entries[i].link = entries[i].link > cut ? entries[i].link - cut : 0;
      entries[i].before = entries[i].before > cut ? entries[i].before - cut : 0;
    }

  alama_hash_map_init (&latest);
  for (gsize slot = 0; slot < self->latest.capacity; slot++)
    if (self->latest.keys[slot] != 0 && self->latest.values[slot] > cut)
      *alama_hash_map_insert (&latest, self->latest.keys[slot], NULL)
          = self->latest.values[slot] - cut;
  alama_hash_map_clear (&self->latest);
  self->latest = latest;
}

/**
 * alama_context_end_sentence:
 * @context: the context memory
 *
 * Makes the occurrences added since the last call count, and forgets the
 * sentences that fall out of the window.
 */
void
alama_context_end_sentence (AlamaContext *self)
{
  const Entry *entries = (const Entry *) self->entries->data;

  self->sentence++;
  while (self->head < self->entries->len
         && self->sentence - entries[self->head].sentence > self->window)
    self->head++;
  if (self->head > COMPACT_AFTER && self->head * 2 > self->entries->len)
    compact (self);
}

/**
 * alama_context_get_n_remembered:
 * @context: the context memory
 *
 * Returns: how many occurrences are in the window, those of the current
 *   sentence included
 */
gsize
alama_context_get_n_remembered (const AlamaContext *self)
{
  return self->entries->len - self->head;
}

/**
 * alama_context_get_n_words:
 * @context: the context memory
 *
 * Returns: how many words the memory holds, some of which may have left
 *   the window since it last cut its queue
 */
gsize
alama_context_get_n_words (const AlamaContext *self)
{
  return self->latest.size;
}
