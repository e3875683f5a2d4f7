/* alama-context.c: the neighbours of each word's latest occurrences.
 *
 * Every occurrence is an entry in a queue, oldest first, with the number
 * of its sentence, its neighbours and a link to the previous occurrence
 * of the same word; a map from the word's key leads to its latest
 * occurrence.  A lookup follows the links back until an occurrence is
 * older than the window, so nothing has to be taken out of a running sum
 * when a sentence leaves it.  When most of the queue has left the window,
 * it is cut; when most words of the map have, the map is rebuilt with the
 * words still in it: memory is bounded by the words of the window,
 * however long the document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-context.h"

#include <string.h>

#include "alama-hash-map.h"
#include "alama-hash.h"

typedef struct
{
  guint32 prev;      /* fingerprints of the neighbours, 0: none */
  guint32 next;
  guint32 link;      /* number of the word's previous occurrence, 0: none */
  guint32 before;    /* number of its latest occurrence in an earlier
                      * sentence, 0: none */
  guint32 sentence;
} Entry;

/* Entries are numbered from 1 since the last reset (0: none); the queue
 * holds those after number base. */
struct _AlamaContext
{
  guint window;
  AlamaHashMap latest;  /* key → number of its latest occurrence */
  Entry *entries;       /* oldest first; entries[0] is number base + 1 */
  guint32 n_entries;
  guint32 capacity;
  guint32 base;
  guint32 head;         /* the entries up to this number left the window */
  guint32 sentence;     /* number of the current sentence */
};

/* The queue is cut once this many entries have left the window (and they
 * are more than half of it), which keeps it in the processor's caches;
 * the map is rebuilt once it holds this many words, most of them gone. */
#define COMPACT_AFTER 1024
#define REBUILD_AFTER 1024

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
  return self;
}

void
alama_context_free (AlamaContext *self)
{
  if (self == NULL)
    return;
  alama_hash_map_clear (&self->latest);
  g_free (self->entries);
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
  if (self->n_entries == 0 && self->sentence == 0)
    return;
  alama_hash_map_clear (&self->latest);
  alama_hash_map_init (&self->latest);
  self->n_entries = 0;
  self->base = 0;
  self->head = 0;
  self->sentence = 0;
}

static inline const Entry *
entry_at (const AlamaContext *self,
          guint32             number)
{
  return &self->entries[number - 1 - self->base];
}

/* Follows the occurrences back from number @p, the word's latest. */
static gboolean
summarize (const AlamaContext  *self,
           guint32              p,
           AlamaContextSummary *summary)
{
  guint n = 0;

  /* Those of the current sentence do not count. */
  if (p > self->head && entry_at (self, p)->sentence == self->sentence)
    p = entry_at (self, p)->before;
  for (; p > self->head; p = entry_at (self, p)->link)
    {
      const Entry *e = entry_at (self, p);

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
 * alama_context_prefetch:
 * @context: the context memory
 * @key: a word's key, not 0
 *
 * Starts loading where @key is looked for: call it for the words of a
 * sentence before adding them, so that the memory's cache misses overlap.
 */
void
alama_context_prefetch (const AlamaContext *self,
                        guint64             key)
{
  alama_hash_prefetch (self->latest.keys, self->latest.capacity, key);
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch (&self->latest.values[alama_hash_home (self->latest.capacity, key)]);
#endif
}

/**
 * alama_context_add:
 * @context: the context memory
 * @key: a word's key; 0 is ignored
 * @prev: a fingerprint of the word before it (say, bits of its key), 0 for
 *   none
 * @next: a fingerprint of the word after it, 0 for none
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
                   guint32              prev,
                   guint32              next,
                   AlamaContextSummary *summary)
{
  AlamaContextSummary ignored;
  guint32 *latest;
  gboolean found;
  Entry *entry;

  if (summary == NULL)
    summary = &ignored;
  summary->n_occurrences = 0;
  if (key == 0)
    return FALSE;
  latest = alama_hash_map_insert (&self->latest, key, NULL);
  found = summarize (self, *latest, summary);
  if (self->n_entries == self->capacity)
    {
      self->capacity = MAX (256, 2 * self->capacity);
      self->entries = g_renew (Entry, self->entries, self->capacity);
    }
  entry = &self->entries[self->n_entries++];
  entry->prev = prev;
  entry->next = next;
  entry->link = *latest;
  entry->before = *latest;
  if (*latest > self->head && entry_at (self, *latest)->sentence == self->sentence)
    entry->before = entry_at (self, *latest)->before;
  entry->sentence = self->sentence;
  *latest = self->base + self->n_entries;
  return found;
}

/* Rebuilds the map with the words still in the window, and renumbers the
 * entries @shift lower. */
static void
rebuild (AlamaContext *self,
         guint32       shift)
{
  AlamaHashMap latest;

  alama_hash_map_init (&latest);
  for (gsize slot = 0; slot < self->latest.capacity; slot++)
    if (self->latest.keys[slot] != 0 && self->latest.values[slot] > self->head)
      *alama_hash_map_insert (&latest, self->latest.keys[slot], NULL)
          = self->latest.values[slot] - shift;
  alama_hash_map_clear (&self->latest);
  self->latest = latest;
  if (shift == 0)
    return;
  for (guint32 i = 0; i < self->n_entries; i++)
    {
      Entry *e = &self->entries[i];

      e->link = e->link > self->head ? e->link - shift : 0;
      e->before = e->before > self->head ? e->before - shift : 0;
    }
  self->base -= shift;
  self->head -= shift;
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
  guint32 gone;

  self->sentence++;
  while (self->head < self->base + self->n_entries
         && self->sentence - entry_at (self, self->head + 1)->sentence > self->window)
    self->head++;
  gone = self->head - self->base;
  if (gone > COMPACT_AFTER && gone * 2 > self->n_entries)
    {
      self->n_entries -= gone;
      memmove (self->entries, self->entries + gone, self->n_entries * sizeof (Entry));
      self->base = self->head;
    }
  /* Numbers start again from 1 before they could overflow (after two
   * billion words of one document). */
  if (self->base > G_MAXUINT32 / 2)
    rebuild (self, self->base);
  else if (self->latest.size > REBUILD_AFTER
           && self->latest.size > 2 * (self->base + self->n_entries - self->head))
    rebuild (self, 0);
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
  return self->base + self->n_entries - self->head;
}

/**
 * alama_context_get_n_words:
 * @context: the context memory
 *
 * Returns: how many words the memory holds, some of which may have left
 *   the window since it was last rebuilt
 */
gsize
alama_context_get_n_words (const AlamaContext *self)
{
  return self->latest.size;
}
