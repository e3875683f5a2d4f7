/* alama-lexicon.c: word-form counts for proclitic decisions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-lexicon.h"

#include "alama-hash.h"
#include "alama-hash-map.h"
#include "alama-normalizer.h"

/**
 * alama_lexicon_lookup:
 * @lexicon: the lexicon
 * @normalized: a normalized word form
 * @len: its length in bytes
 * @total: (out) (optional): how often the form was seen
 * @in_name: (out) (optional): how often it was seen inside a name
 *
 * Returns: %TRUE when the form was seen at all
 */
gboolean
alama_lexicon_lookup (const AlamaLexicon *lexicon,
                      const char         *normalized,
                      gsize               len,
                      guint32            *total,
                      guint32            *in_name)
{
  guint64 key;
  gsize slot;
  gboolean found;

  if (total)
    *total = 0;
  if (in_name)
    *in_name = 0;
  if (lexicon == NULL || lexicon->capacity == 0 || len == 0)
    return FALSE;
  key = alama_hash_bytes (normalized, len);
  slot = alama_hash_probe (lexicon->keys, lexicon->capacity, key);
  found = lexicon->keys[slot] == key;
  if (found && total)
    *total = lexicon->counts[2 * slot];
  if (found && in_name)
    *in_name = lexicon->counts[2 * slot + 1];
  return found;
}

struct _AlamaLexiconBuilder
{
  AlamaHashMap words;  /* word hash → index into counts / 2 */
  GArray *counts;      /* guint32 pairs: seen, seen inside a name */
  guint64 *view_keys;  /* slot-aligned copies for alama_lexicon_builder_view() */
  guint32 *view_counts;
};

AlamaLexiconBuilder *
alama_lexicon_builder_new (void)
{
  AlamaLexiconBuilder *self = g_new0 (AlamaLexiconBuilder, 1);

  alama_hash_map_init (&self->words);
  self->counts = g_array_new (FALSE, TRUE, sizeof (guint32));
  return self;
}

void
alama_lexicon_builder_free (AlamaLexiconBuilder *self)
{
  if (self == NULL)
    return;
  alama_hash_map_clear (&self->words);
  g_array_unref (self->counts);
  g_free (self->view_keys);
  g_free (self->view_counts);
  g_free (self);
}

/**
 * alama_lexicon_builder_add:
 * @builder: the builder
 * @word: a word as written (UTF-8); it is normalized here
 * @len: its length in bytes
 * @in_name: whether this occurrence is inside a name
 *
 * Counts one occurrence of @word.
 */
void
alama_lexicon_builder_add (AlamaLexiconBuilder *self,
                           const char          *word,
                           gsize                len,
                           gboolean             in_name)
{
  char buf[256];
  gsize n;
  gboolean inserted;
  guint32 *index;
  guint32 *counts;

  g_return_if_fail (self != NULL);

  if (ALAMA_NORMALIZED_MAX (len) > sizeof buf)
    return; /* No name is that long. */
  n = alama_normalize (word, len, buf, sizeof buf);
  if (n == 0)
    return;
  index = alama_hash_map_insert (&self->words, alama_hash_bytes (buf, n), &inserted);
  if (inserted)
    {
      *index = self->counts->len / 2;
      g_array_set_size (self->counts, self->counts->len + 2);
    }
  counts = &g_array_index (self->counts, guint32, 2 * *index);
  if (counts[0] < G_MAXUINT32)
    counts[0]++;
  if (in_name && counts[1] < G_MAXUINT32)
    counts[1]++;
}

/**
 * alama_lexicon_builder_view:
 * @builder: the builder
 * @view: (out caller-allocates): a view of its tables, valid until the
 *   builder changes or is freed
 */
void
alama_lexicon_builder_view (AlamaLexiconBuilder *self,
                            AlamaLexicon        *view)
{
  gsize capacity = self->words.capacity;

  g_free (self->view_keys);
  g_free (self->view_counts);
  self->view_keys = g_memdup2 (self->words.keys, capacity * sizeof (guint64));
  self->view_counts = g_new0 (guint32, 2 * capacity);
  for (gsize i = 0; i < capacity; i++)
    if (self->words.keys[i] != 0)
      {
        guint32 index = self->words.values[i];

        self->view_counts[2 * i] = g_array_index (self->counts, guint32, 2 * index);
        self->view_counts[2 * i + 1] = g_array_index (self->counts, guint32, 2 * index + 1);
      }
  view->keys = self->view_keys;
  view->counts = self->view_counts;
  view->capacity = capacity;
}

gsize
alama_lexicon_builder_size (AlamaLexiconBuilder *self)
{
  return self->words.size;
}
