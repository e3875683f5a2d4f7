/* alama-type-cache.c: a bounded cache of what is computed once per word type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-type-cache.h"

#include <string.h>

/* Each slot: this header, then the value (a multiple of 8 bytes). */
typedef struct
{
  guint64 hash;
  guint8 len;      /* 0: an empty slot */
  guint8 kind;
  guint8 recent;   /* of the two slots of a set, the one used last */
  char text[ALAMA_TYPE_CACHE_MAX_TEXT];
} SlotHeader;

G_STATIC_ASSERT (sizeof (SlotHeader) == 56);

/* Two slots per set (a word may go in either), the least recently used
 * one replaced: fewer frequent words are evicted by a rare one that
 * happens to share their slot than with one slot per set. */
struct _AlamaTypeCache
{
  guint8 *slots;
  gsize slot_size;
  gsize mask;     /* of the sets */
  gboolean used;  /* a slot was filled since the last clear */
};

/**
 * alama_type_cache_new:
 * @value_size: bytes of the value stored per word type
 * @n_slots: how many types it holds at most; a power of two, at least 2
 *
 * Returns: (transfer full): an empty cache
 */
AlamaTypeCache *
alama_type_cache_new (gsize value_size,
                      guint n_slots)
{
  AlamaTypeCache *self;

  g_return_val_if_fail (n_slots >= 2 && (n_slots & (n_slots - 1)) == 0, NULL);
  self = g_new0 (AlamaTypeCache, 1);
  self->slot_size = sizeof (SlotHeader) + ((value_size + 7) & ~(gsize) 7);
  self->mask = n_slots / 2 - 1;
  self->slots = g_malloc0 (self->slot_size * n_slots);
  return self;
}

void
alama_type_cache_free (AlamaTypeCache *self)
{
  if (self == NULL)
    return;
  g_free (self->slots);
  g_free (self);
}

/**
 * alama_type_cache_clear:
 * @cache: the cache
 *
 * Forgets every type, for when what the values are computed from changes.
 * A cache never filled is left alone: its pages stay untouched (the memory
 * is counted as the types arrive, and creating an extractor stays cheap).
 */
void
alama_type_cache_clear (AlamaTypeCache *self)
{
  if (!self->used)
    return;
  self->used = FALSE;
  memset (self->slots, 0, self->slot_size * 2 * (self->mask + 1));
}

/* The first of the two slots of @hash's set. */
static inline guint8 *
set_of (const AlamaTypeCache *self,
        guint64               hash)
{
  return self->slots + self->slot_size * 2 * (gsize) ((hash ^ (hash >> 29)) & self->mask);
}

static inline gboolean
holds (const SlotHeader *slot,
       guint64           hash,
       const char       *text,
       gsize             len,
       guint             kind)
{
  return slot->hash == hash && slot->len == len && slot->kind == kind
         && memcmp (slot->text, text, len) == 0;
}

/**
 * alama_type_cache_prefetch:
 * @cache: the cache
 * @hash: the hash of a word that is looked up soon
 *
 * Starts loading the word's slot into the CPU's cache.
 */
void
alama_type_cache_prefetch (const AlamaTypeCache *self,
                           guint64               hash)
{
#if defined(__GNUC__) || defined(__clang__)
  const guint8 *p = set_of (self, hash);

  /* Both headers, and the first lines of both values. */
  for (gsize off = 0; off < 2 * self->slot_size; off += 64)
    __builtin_prefetch (p + off);
#endif
}

/**
 * alama_type_cache_lookup:
 * @cache: the cache
 * @hash: a hash of the word's bytes (the same function for every call)
 * @text: the word
 * @len: its length in bytes
 * @kind: a small number (below 256) that tells words of the same bytes
 *   apart, such as their token kind
 * @found: (out): %TRUE when the returned value is the word's
 *
 * Returns: (nullable): the word's value when @found; otherwise the slot
 *   now reserved for the word, which the caller must fill before the next
 *   call; %NULL for a word that is not cached (empty or too long)
 */
gpointer
alama_type_cache_lookup (AlamaTypeCache *self,
                         guint64         hash,
                         const char     *text,
                         gsize           len,
                         guint           kind,
                         gboolean       *found)
{
  guint8 *set;
  SlotHeader *a;
  SlotHeader *b;
  SlotHeader *slot;
  SlotHeader *other;

  *found = FALSE;
  if (len == 0 || len > ALAMA_TYPE_CACHE_MAX_TEXT || kind > G_MAXUINT8)
    return NULL;
  set = set_of (self, hash);
  a = (SlotHeader *) set;
  b = (SlotHeader *) (set + self->slot_size);
  *found = holds (a, hash, text, len, kind) || holds (b, hash, text, len, kind);
  /* The slot that holds the word; else the one not used last. */
  slot = *found ? (holds (a, hash, text, len, kind) ? a : b) : (a->recent ? b : a);
  other = slot == a ? b : a;
  slot->recent = 1;
  other->recent = 0;
  if (*found)
    return slot + 1;
  self->used = TRUE;
  slot->hash = hash;
  slot->len = (guint8) len;
  slot->kind = (guint8) kind;
  memcpy (slot->text, text, len);
  return slot + 1;
}
