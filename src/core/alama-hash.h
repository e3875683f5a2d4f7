/* alama-hash.h: the 64-bit hashes that features and word lists are keyed by,
 * and the open-addressing probe shared by every hash table of the project.
 *
 * The hash of a string is part of the model file format: changing it
 * invalidates every trained model (bump ALAMA_FEATURE_SET_VERSION).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

static inline guint64
alama_hash_mix (guint64 x)
{
  /* The splitmix64 finalizer: every input bit reaches every output bit. */
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

/* FNV-1a over the bytes, then mixed; never 0, which marks empty slots. */
static inline guint64
alama_hash_bytes (const char *s,
                  gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) s[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  h = alama_hash_mix (h);
  return h ? h : 1;
}

/* Combines a hash with a small tag (a feature template, a position). */
static inline guint64
alama_hash_combine (guint64 h,
                    guint64 tag)
{
  h = alama_hash_mix (h ^ (tag * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)));
  return h ? h : 1;
}

/* The slot where a probe for @key starts in a table of @capacity (a power
 * of two) slots. */
static inline gsize
alama_hash_home (gsize   capacity,
                 guint64 key)
{
  return (gsize) (key ^ (key >> 32)) & (capacity - 1);
}

/* Starts loading @key's first slot into the cache, for a probe soon after:
 * table lookups are cache misses, and several in flight overlap. */
static inline void
alama_hash_prefetch (const guint64 *keys,
                     gsize          capacity,
                     guint64        key)
{
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch (&keys[alama_hash_home (capacity, key)]);
#endif
}

/* Finds @key in an open-addressing table of @capacity (a power of two)
 * slots; returns its slot, or the empty slot where it would go. */
static inline gsize
alama_hash_probe (const guint64 *keys,
                  gsize          capacity,
                  guint64        key)
{
  gsize mask = capacity - 1;
  gsize i = alama_hash_home (capacity, key);

  while (keys[i] != 0 && keys[i] != key)
    i = (i + 1) & mask;
  return i;
}

G_END_DECLS
