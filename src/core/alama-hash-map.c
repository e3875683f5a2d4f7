/* alama-hash-map.c: a growable open-addressing map of 64-bit hashes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-hash-map.h"

#include "alama-hash.h"

void
alama_hash_map_init (AlamaHashMap *map)
{
  map->capacity = 1024;
  map->size = 0;
  map->keys = g_new0 (guint64, map->capacity);
  map->values = g_new0 (guint32, map->capacity);
}

void
alama_hash_map_clear (AlamaHashMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
  map->capacity = 0;
  map->size = 0;
}

static void
grow (AlamaHashMap *map)
{
  AlamaHashMap bigger = { NULL, NULL, map->capacity * 2, map->size };

  bigger.keys = g_new0 (guint64, bigger.capacity);
  bigger.values = g_new0 (guint32, bigger.capacity);
  for (gsize i = 0; i < map->capacity; i++)
    if (map->keys[i] != 0)
      {
        gsize slot = alama_hash_probe (bigger.keys, bigger.capacity, map->keys[i]);

        bigger.keys[slot] = map->keys[i];
        bigger.values[slot] = map->values[i];
      }
  g_free (map->keys);
  g_free (map->values);
  *map = bigger;
}

/**
 * alama_hash_map_insert:
 * @map: the map
 * @key: a nonzero key
 * @inserted: (out) (optional): whether the key was new (its value is 0)
 *
 * Returns: (transfer none): the value slot of @key, valid until the next
 *   insertion
 */
guint32 *
alama_hash_map_insert (AlamaHashMap *map,
                       guint64       key,
                       gboolean     *inserted)
{
  gsize slot;

  g_assert (key != 0);
  if (2 * (map->size + 1) > map->capacity)
    grow (map);
  slot = alama_hash_probe (map->keys, map->capacity, key);
  if (inserted)
    *inserted = map->keys[slot] == 0;
  if (map->keys[slot] == 0)
    {
      map->keys[slot] = key;
      map->values[slot] = 0;
      map->size++;
    }
  return &map->values[slot];
}

/**
 * alama_hash_map_lookup:
 * @map: the map
 * @key: a nonzero key
 *
 * Returns: (transfer none) (nullable): the value of @key, or %NULL
 */
const guint32 *
alama_hash_map_lookup (const AlamaHashMap *map,
                       guint64             key)
{
  gsize slot = alama_hash_probe (map->keys, map->capacity, key);

  return map->keys[slot] == key ? &map->values[slot] : NULL;
}
