/* alama-model.c: a trained recognizer model, read in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-model.h"

#include <math.h>
#include <string.h>

#include "alama-features.h"
#include "alama-hash.h"

G_DEFINE_QUARK (alama-model-error-quark, alama_model_error)

#define MAGIC "ALAMANER"
#define TYPE_NAME_SIZE 16
/* The largest word score or transition score a model may give; far above
 * anything training produces (weights are in the tens). */
#define MAX_SCORE 1e30

struct _AlamaModel
{
  gatomicrefcount ref_count;
  GBytes *bytes;          /* keeps the data alive: a mapping or a resource */
  gpointer aligned_copy;  /* set when the data had to be copied to align it */
  guint n_types;
  guint n_labels;
  char type_names[ALAMA_MODEL_MAX_TYPES][TYPE_NAME_SIZE];
  const float *transitions;
  const guint64 *feature_keys;
  const gint16 *feature_weights;
  gsize feature_capacity;
  guint n_features;
  float weight_scale;
  float temperature;
  guint history_window;
  guint context_window;
  AlamaLexicon lexicon;
  AlamaWordSet common_words;
  AlamaGazetteer gazetteer;
  char *metadata;
  char version[17];       /* the checksum in hex: names this exact model */
};

/* The layout of the sections after the header, for given sizes. */
typedef struct
{
  gsize type_names;
  gsize transitions;
  gsize feature_keys;
  gsize feature_weights;
  gsize lexicon_keys;
  gsize lexicon_counts;
  gsize common_words;
  gsize gazetteer_keys;
  gsize gazetteer_values;
  gsize metadata;
  gsize end;
} Layout;

static gsize
align8 (gsize n)
{
  return (n + 7) & ~(gsize) 7;
}

/* Sizes come from a file: every product is checked so that a hostile header
 * cannot wrap an offset around. */
static gboolean
compute_layout (guint32 n_types,
                guint32 feature_capacity,
                guint32 lexicon_capacity,
                guint32 common_capacity,
                guint32 gazetteer_capacity,
                guint32 metadata_len,
                Layout *layout)
{
  gsize n_labels = 2 * (gsize) n_types + 1;
  gsize off = ALAMA_MODEL_HEADER_SIZE;

  layout->type_names = off;
  off = align8 (off + (gsize) n_types * TYPE_NAME_SIZE);
  layout->transitions = off;
  off = align8 (off + (n_labels + 1) * n_labels * sizeof (float));
  layout->feature_keys = off;
  off = align8 (off + (gsize) feature_capacity * sizeof (guint64));
  layout->feature_weights = off;
  off = align8 (off + (gsize) feature_capacity * n_labels * sizeof (gint16));
  layout->lexicon_keys = off;
  off = align8 (off + (gsize) lexicon_capacity * sizeof (guint64));
  layout->lexicon_counts = off;
  off = align8 (off + (gsize) lexicon_capacity * 2 * sizeof (guint32));
  layout->common_words = off;
  off = align8 (off + (gsize) common_capacity * sizeof (guint32));
  layout->gazetteer_keys = off;
  off = align8 (off + (gsize) gazetteer_capacity * sizeof (guint64));
  layout->gazetteer_values = off;
  off = align8 (off + (gsize) gazetteer_capacity * sizeof (guint32));
  layout->metadata = off;
  off = off + metadata_len;
  layout->end = off;
  /* 32-bit counts times small factors cannot overflow a 64-bit gsize. */
  return sizeof (gsize) >= 8 || off < G_MAXUINT32;
}

/**
 * alama_model_checksum:
 * @data: bytes
 * @len: how many
 *
 * A fast 64-bit checksum (not cryptographic): catches truncation, bit rot
 * and hand edits, which is all a model file needs.
 *
 * Returns: the checksum
 */
guint64
alama_model_checksum (const guint8 *data,
                      gsize         len)
{
  guint64 h = G_GUINT64_CONSTANT (0x243f6a8885a308d3) ^ len;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, data + i, 8);
      w = GUINT64_FROM_LE (w);
      h = (h ^ alama_hash_mix (w + i)) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
    }
  for (; i < len; i++)
    h = (h ^ data[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  return alama_hash_mix (h);
}

static guint32
read_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

static guint64
read_u64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

static float
read_f32 (const guint8 *p)
{
  float v;
  guint32 u = read_u32 (p);

  memcpy (&v, &u, 4);
  return v;
}

/* Probing stops at an empty slot: a table without one (which only a forged
 * file can have) would make lookups of absent keys loop forever. */
static gboolean
has_empty_slot32 (const guint32 *keys,
                  gsize          capacity)
{
  for (gsize i = 0; i < capacity; i++)
    if (keys[i] == 0)
      return TRUE;
  return capacity == 0;
}

static gboolean
has_empty_slot (const guint64 *keys,
                gsize          capacity)
{
  for (gsize i = 0; i < capacity; i++)
    if (keys[i] == 0)
      return TRUE;
  return capacity == 0;
}

static gboolean
is_power_of_two (guint32 n)
{
  return n != 0 && (n & (n - 1)) == 0;
}

/**
 * alama_model_new_from_bytes:
 * @bytes: the whole model file
 * @error: return location for an #ALAMA_MODEL_ERROR
 *
 * Checks the model and reads it in place: the weights stay in @bytes, which
 * the model keeps a reference to.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set
 */
AlamaModel *
alama_model_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  g_autoptr (AlamaModel) self = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint32 version, feature_version, n_types, feature_capacity, n_features;
  guint32 lexicon_capacity, metadata_len, common_capacity, gazetteer_capacity;
  guint64 file_size, checksum;
  Layout layout;

  g_return_val_if_fail (bytes != NULL, NULL);

#if G_BYTE_ORDER != G_LITTLE_ENDIAN
  g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_VERSION,
               "model files are little-endian and this machine is not");
  return NULL;
#endif

  if (size < 8 || memcmp (data, MAGIC, 8) != 0)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_NOT_A_MODEL,
                   "not an Alama model (no ALAMANER signature)");
      return NULL;
    }
  if (size < ALAMA_MODEL_HEADER_SIZE)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_TRUNCATED,
                   "model truncated: %" G_GSIZE_FORMAT " bytes, shorter than its header",
                   size);
      return NULL;
    }
  version = read_u32 (data + 8);
  feature_version = read_u32 (data + 12);
  if (version == 1)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_VERSION,
                   "model format version 1 is no longer supported (this program reads "
                   "version %u, which adds common words and gazetteers): retrain it with "
                   "alama-ner train", ALAMA_MODEL_FORMAT_VERSION);
      return NULL;
    }
  if (version == 2)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_VERSION,
                   "model format version 2 is no longer supported (this program reads "
                   "version %u, which adds the document history): retrain it with "
                   "alama-ner train", ALAMA_MODEL_FORMAT_VERSION);
      return NULL;
    }
  /* Version 3 is version 4 with bytes 72–75 reserved (0): no context
   * window. */
  if (version != ALAMA_MODEL_FORMAT_VERSION && version != 3)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_VERSION,
                   "model format version %u is not supported (this program reads version %u)",
                   version, ALAMA_MODEL_FORMAT_VERSION);
      return NULL;
    }
  if (feature_version != ALAMA_FEATURE_SET_VERSION)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_VERSION,
                   "model was trained with feature set %u, this program computes feature "
                   "set %u: retrain it with alama-ner train",
                   feature_version, ALAMA_FEATURE_SET_VERSION);
      return NULL;
    }
  file_size = read_u64 (data + 16);
  if (file_size > size)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_TRUNCATED,
                   "model truncated: %" G_GSIZE_FORMAT " of %" G_GUINT64_FORMAT " bytes",
                   size, file_size);
      return NULL;
    }
  if (file_size != size)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_CORRUPT,
                   "model corrupt: %" G_GSIZE_FORMAT " bytes where its header says %"
                   G_GUINT64_FORMAT, size, file_size);
      return NULL;
    }
  checksum = read_u64 (data + 24);
  if (alama_model_checksum (data + ALAMA_MODEL_HEADER_SIZE, size - ALAMA_MODEL_HEADER_SIZE)
      != checksum)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_CORRUPT,
                   "model corrupt: checksum mismatch");
      return NULL;
    }

  n_types = read_u32 (data + 32);
  feature_capacity = read_u32 (data + 36);
  n_features = read_u32 (data + 40);
  lexicon_capacity = read_u32 (data + 44);
  metadata_len = read_u32 (data + 56);
  common_capacity = read_u32 (data + 60);
  gazetteer_capacity = read_u32 (data + 64);
  if (n_types == 0 || n_types > ALAMA_MODEL_MAX_TYPES || !is_power_of_two (feature_capacity)
      || n_features >= feature_capacity
      || (lexicon_capacity != 0 && !is_power_of_two (lexicon_capacity))
      || (common_capacity != 0 && !is_power_of_two (common_capacity))
      || (gazetteer_capacity != 0 && !is_power_of_two (gazetteer_capacity))
      || (version == 3 && read_u32 (data + 72) != 0) || read_u32 (data + 76) != 0
      || !compute_layout (n_types, feature_capacity, lexicon_capacity, common_capacity,
                          gazetteer_capacity, metadata_len, &layout)
      || layout.end != size)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_CORRUPT,
                   "model corrupt: inconsistent header (%u types, %u feature slots, %u "
                   "lexicon slots, %u common-word slots, %u gazetteer slots)", n_types,
                   feature_capacity, lexicon_capacity, common_capacity, gazetteer_capacity);
      return NULL;
    }

  self = g_new0 (AlamaModel, 1);
  g_atomic_ref_count_init (&self->ref_count);
  g_snprintf (self->version, sizeof self->version, "%016" G_GINT64_MODIFIER "x", checksum);
  self->bytes = g_bytes_ref (bytes);
  if (((guintptr) data & 7) != 0)
    {
      self->aligned_copy = g_malloc (size);
      memcpy (self->aligned_copy, data, size);
      data = self->aligned_copy;
    }
  self->n_types = n_types;
  self->n_labels = 2 * n_types + 1;
  for (guint t = 0; t < n_types; t++)
    {
      const char *name = (const char *) data + layout.type_names + t * TYPE_NAME_SIZE;

      if (memchr (name, '\0', TYPE_NAME_SIZE) == NULL || name[0] == '\0'
          || !g_utf8_validate (name, -1, NULL))
        {
          g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_CORRUPT,
                       "model corrupt: bad name for entity type %u", t);
          return NULL;
        }
      memcpy (self->type_names[t], name, TYPE_NAME_SIZE);
    }
  self->transitions = (const float *) (data + layout.transitions);
  self->feature_keys = (const guint64 *) (data + layout.feature_keys);
  self->feature_weights = (const gint16 *) (data + layout.feature_weights);
  self->feature_capacity = feature_capacity;
  self->n_features = n_features;
  self->weight_scale = read_f32 (data + 48);
  self->temperature = read_f32 (data + 52);
  self->history_window = read_u32 (data + 68);
  if (self->history_window > ALAMA_MODEL_MAX_HISTORY_WINDOW)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_CORRUPT,
                   "model corrupt: document history window of %u sentences (at most %d)",
                   self->history_window, ALAMA_MODEL_MAX_HISTORY_WINDOW);
      return NULL;
    }
  self->context_window = read_u32 (data + 72);
  if (self->context_window > ALAMA_MODEL_MAX_CONTEXT_WINDOW)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_CORRUPT,
                   "model corrupt: context window of %u sentences (at most %d)",
                   self->context_window, ALAMA_MODEL_MAX_CONTEXT_WINDOW);
      return NULL;
    }
  /* Finite is not enough: a word's score sums ALAMA_MAX_FEATURES weights
   * of up to 32767 × scale, and a sentence's path up to
   * ALAMA_MAX_SENTENCE_TOKENS scores and transitions, in floats.  Bounding
   * both keeps every sum finite, so no confidence comes out NaN. */
  if (!isfinite (self->weight_scale) || self->weight_scale <= 0
      || self->weight_scale * 32767.0 * ALAMA_MAX_FEATURES > MAX_SCORE
      || !isfinite (self->temperature) || self->temperature <= 0)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_CORRUPT,
                   "model corrupt: bad weight scale or temperature");
      return NULL;
    }
  for (gsize i = 0; i < (gsize) (self->n_labels + 1) * self->n_labels; i++)
    if (!isfinite (self->transitions[i]) || fabsf (self->transitions[i]) > MAX_SCORE)
      {
        g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_CORRUPT,
                     "model corrupt: bad transition score");
        return NULL;
      }
  self->lexicon.keys = (const guint64 *) (data + layout.lexicon_keys);
  self->lexicon.counts = (const guint32 *) (data + layout.lexicon_counts);
  self->lexicon.capacity = lexicon_capacity;
  self->common_words.keys = (const guint32 *) (data + layout.common_words);
  self->common_words.capacity = common_capacity;
  self->gazetteer.keys = (const guint64 *) (data + layout.gazetteer_keys);
  self->gazetteer.values = (const guint32 *) (data + layout.gazetteer_values);
  self->gazetteer.capacity = gazetteer_capacity;
  if (!has_empty_slot (self->feature_keys, self->feature_capacity)
      || !has_empty_slot (self->lexicon.keys, self->lexicon.capacity)
      || !has_empty_slot32 (self->common_words.keys, self->common_words.capacity)
      || !has_empty_slot (self->gazetteer.keys, self->gazetteer.capacity))
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_CORRUPT,
                   "model corrupt: a hash table has no free slot");
      return NULL;
    }
  self->metadata = g_strndup ((const char *) data + layout.metadata, metadata_len);
  if (!g_utf8_validate (self->metadata, -1, NULL))
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_CORRUPT,
                   "model corrupt: metadata is not UTF-8");
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * alama_model_new_from_file:
 * @path: a model file
 * @error: return location for an #ALAMA_MODEL_ERROR
 *
 * Maps @path into memory and checks it.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set
 */
AlamaModel *
alama_model_new_from_file (const char *path,
                           GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, &local_error);
  g_autoptr (GBytes) bytes = NULL;
  AlamaModel *model;

  if (mapped == NULL)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  model = alama_model_new_from_bytes (bytes, &local_error);
  if (model == NULL)
    g_set_error (error, ALAMA_MODEL_ERROR, local_error->code, "%s: %s", path,
                 local_error->message);
  return model;
}

/**
 * alama_model_new_builtin:
 * @error: return location for an #ALAMA_MODEL_ERROR
 *
 * Returns: (transfer full) (nullable): the model compiled into the program
 */
AlamaModel *
alama_model_new_builtin (GError **error)
{
  g_autoptr (GBytes) bytes
      = g_resources_lookup_data (ALAMA_MODEL_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  if (bytes == NULL)
    {
      g_set_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_IO,
                   "this program was built without a model; give one with --model");
      return NULL;
    }
  return alama_model_new_from_bytes (bytes, error);
}

AlamaModel *
alama_model_ref (AlamaModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
alama_model_unref (AlamaModel *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_bytes_unref (self->bytes);
  g_free (self->aligned_copy);
  g_free (self->metadata);
  g_free (self);
}

guint
alama_model_get_n_types (const AlamaModel *self)
{
  return self->n_types;
}

guint
alama_model_get_n_labels (const AlamaModel *self)
{
  return self->n_labels;
}

/**
 * alama_model_get_type_name:
 * @model: the model
 * @type: a type number, below alama_model_get_n_types()
 *
 * Returns: (transfer none): the type's name, e.g. "PERS"; owned by @model
 */
const char *
alama_model_get_type_name (const AlamaModel *self,
                           guint             type)
{
  g_return_val_if_fail (type < self->n_types, NULL);
  return self->type_names[type];
}

/**
 * alama_model_get_transitions:
 * @model: the model
 *
 * Returns: (transfer none): (L+1) × L transition scores, row L being the
 *   sentence start
 */
const float *
alama_model_get_transitions (const AlamaModel *self)
{
  return self->transitions;
}

float
alama_model_get_temperature (const AlamaModel *self)
{
  return self->temperature;
}

/**
 * alama_model_get_history_window:
 * @model: the model
 *
 * Returns: how many preceding sentences of a document the model's history
 *   features look at (alama-history.h); 0 when it has none
 */
guint
alama_model_get_history_window (const AlamaModel *self)
{
  return self->history_window;
}

/**
 * alama_model_get_context_window:
 * @model: the model
 *
 * Returns: how many preceding sentences of a document the model's context
 *   aggregation features look at (alama-context.h); 0 when it has none
 *   (every model of format version 3)
 */
guint
alama_model_get_context_window (const AlamaModel *self)
{
  return self->context_window;
}

const AlamaLexicon *
alama_model_get_lexicon (const AlamaModel *self)
{
  return &self->lexicon;
}

/**
 * alama_model_get_common_words:
 * @model: the model
 *
 * Returns: (transfer none): the dictionary of ordinary words the model was
 *   trained with (capacity 0 when none), owned by @model
 */
const AlamaWordSet *
alama_model_get_common_words (const AlamaModel *self)
{
  return &self->common_words;
}

/**
 * alama_model_get_gazetteer:
 * @model: the model
 *
 * Returns: (transfer none): the gazetteer the model was trained with
 *   (capacity 0 when none), owned by @model
 */
const AlamaGazetteer *
alama_model_get_gazetteer (const AlamaModel *self)
{
  return &self->gazetteer;
}

const char *
alama_model_get_metadata (const AlamaModel *self)
{
  return self->metadata;
}

/**
 * alama_model_get_version:
 * @model: the model
 *
 * Returns: (transfer none): a string that names this exact model (its
 *   checksum), for the provenance of the annotations it makes
 */
const char *
alama_model_get_version (const AlamaModel *self)
{
  return self->version;
}

guint
alama_model_get_n_features (const AlamaModel *self)
{
  return self->n_features;
}

static void
prefetch_keys (const AlamaModel *self,
               const guint64    *f)
{
  for (guint k = 0; k < ALAMA_MAX_FEATURES && f[k] != 0; k++)
    alama_hash_prefetch (self->feature_keys, self->feature_capacity, f[k]);
}

/* The slots of a word's known features; starts loading their weights. */
static guint
find_slots (const AlamaModel *self,
            const guint64    *f,
            gsize            *slots)
{
  guint n = 0;

  for (guint k = 0; k < ALAMA_MAX_FEATURES && f[k] != 0; k++)
    {
      gsize slot = alama_hash_probe (self->feature_keys, self->feature_capacity, f[k]);

#if defined(__GNUC__) || defined(__clang__)
      __builtin_prefetch (self->feature_weights + slot * self->n_labels);
#endif
      /* Without a branch: whether a feature is known is unpredictable. */
      slots[n] = slot;
      n += self->feature_keys[slot] != 0;
    }
  return n;
}

/* Adds the weight rows of @slots to @acc; inlined with a constant
 * @n_labels, the compiler unrolls and vectorizes the inner loop. */
static inline void
sum_rows (const gint16 *weights,
          const gsize  *slots,
          guint         n_slots,
          guint         n_labels,
          gint32       *acc)
{
  for (guint k = 0; k < n_slots; k++)
    {
      const gint16 *w = weights + slots[k] * n_labels;

      for (guint l = 0; l < n_labels; l++)
        acc[l] += w[l];
    }
}

/**
 * alama_model_sum_weights:
 * @model: the model
 * @features: one row of feature hashes, 0-terminated unless all
 *   %ALAMA_MAX_FEATURES slots are used
 * @sums: (out caller-allocates): L sums, in the model's integer units
 *
 * Sums the weights of the features per label, unscaled: what
 * alama_model_score() takes as a word's @base (an #AlamaWordScoreFunc
 * that sums a word's own features once per word type).
 */
void
alama_model_sum_weights (const AlamaModel *self,
                         const guint64    *features,
                         gint32           *sums)
{
  gsize slots[ALAMA_MAX_FEATURES];
  guint n = find_slots (self, features, slots);

  memset (sums, 0, self->n_labels * sizeof (gint32));
  sum_rows (self->feature_weights, slots, n, self->n_labels, sums);
}

/**
 * alama_model_score:
 * @model: the model
 * @features: @n_words rows of %ALAMA_MAX_FEATURES feature hashes
 * @n_words: how many words
 * @base: (nullable): per word, L sums of alama_model_sum_weights() to
 *   start from (those of features left out of the rows)
 * @scores: (out caller-allocates): @n_words × L label scores
 *
 * Sums each word's feature weights per label.
 */
void
alama_model_score (const AlamaModel *self,
                   const guint64    *features,
                   guint             n_words,
                   const gint32     *base,
                   float            *scores)
{
  guint n_labels = self->n_labels;
  gsize slots[2][ALAMA_MAX_FEATURES];
  guint n_slots[2] = { 0, 0 };

  /* A pipeline over the words, so that the cache misses of the table
   * lookups overlap: the keys of word i + 2 are being loaded while word
   * i + 1's slots are found and word i's weights are summed.  The integer
   * sums do not depend on the order. */
  for (guint i = 0; i < MIN (n_words, 2); i++)
    prefetch_keys (self, features + (gsize) i * ALAMA_MAX_FEATURES);
  if (n_words > 0)
    n_slots[0] = find_slots (self, features, slots[0]);
  for (guint i = 0; i < n_words; i++)
    {
      guint cur = i & 1;
      gint32 acc[ALAMA_MODEL_MAX_LABELS] = { 0 };

      if (base)
        memcpy (acc, base + (gsize) i * n_labels, n_labels * sizeof (gint32));
      if (i + 2 < n_words)
        prefetch_keys (self, features + (gsize) (i + 2) * ALAMA_MAX_FEATURES);
      if (i + 1 < n_words)
        n_slots[!cur] = find_slots (self, features + (gsize) (i + 1) * ALAMA_MAX_FEATURES,
                                    slots[!cur]);
      if (n_labels == 9)  /* four types, as in the built-in model */
        sum_rows (self->feature_weights, slots[cur], n_slots[cur], 9, acc);
      else
        sum_rows (self->feature_weights, slots[cur], n_slots[cur], n_labels, acc);
      for (guint l = 0; l < n_labels; l++)
        scores[(gsize) i * n_labels + l] = (float) acc[l] * self->weight_scale;
    }
}

static void
put_u32 (GByteArray *out,
         gsize       offset,
         guint32     v)
{
  v = GUINT32_TO_LE (v);
  memcpy (out->data + offset, &v, 4);
}

static void
put_u64 (GByteArray *out,
         gsize       offset,
         guint64     v)
{
  v = GUINT64_TO_LE (v);
  memcpy (out->data + offset, &v, 8);
}

static void
put_f32 (GByteArray *out,
         gsize       offset,
         float       f)
{
  guint32 v;

  memcpy (&v, &f, 4);
  put_u32 (out, offset, v);
}

static guint32
capacity_for (gsize n)
{
  guint32 c = 16;

  /* Load factor at most 2/3 keeps linear probes short. */
  while ((gsize) c * 2 < n * 3)
    c *= 2;
  return c;
}

/**
 * alama_model_write:
 * @path: where to write the model; replaced atomically
 * @data: what to store
 * @error: return location for an error
 *
 * Quantizes the weights to 16 bits and writes a model file.
 *
 * Returns: %TRUE on success
 */
gboolean
alama_model_write (const char           *path,
                   const AlamaModelData *data,
                   GError              **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guint n_labels = 2 * data->n_types + 1;
  gsize lexicon_n = 0;
  guint32 feature_capacity = capacity_for (data->n_features + 1);
  guint32 lexicon_capacity;
  guint32 common_capacity = data->common_words ? (guint32) data->common_words->capacity : 0;
  guint32 gazetteer_capacity = data->gazetteer ? (guint32) data->gazetteer->capacity : 0;
  gsize metadata_len = data->metadata ? strlen (data->metadata) : 0;
  float max_abs = 0;
  float scale;
  Layout layout;
  guint64 *keys;

  g_return_val_if_fail (data->n_types > 0 && data->n_types <= ALAMA_MODEL_MAX_TYPES, FALSE);

  if (data->lexicon)
    for (gsize i = 0; i < data->lexicon->capacity; i++)
      if (data->lexicon->keys[i] != 0)
        lexicon_n++;
  lexicon_capacity = lexicon_n ? capacity_for (lexicon_n) : 0;

  compute_layout (data->n_types, feature_capacity, lexicon_capacity, common_capacity,
                  gazetteer_capacity, (guint32) metadata_len, &layout);
  g_byte_array_set_size (out, layout.end);
  memset (out->data, 0, layout.end);

  memcpy (out->data, MAGIC, 8);
  put_u32 (out, 8, ALAMA_MODEL_FORMAT_VERSION);
  put_u32 (out, 12, ALAMA_FEATURE_SET_VERSION);
  put_u64 (out, 16, layout.end);
  put_u32 (out, 32, data->n_types);
  put_u32 (out, 36, feature_capacity);
  put_u32 (out, 40, (guint32) data->n_features);
  put_u32 (out, 44, lexicon_capacity);
  put_u32 (out, 56, (guint32) metadata_len);
  put_u32 (out, 60, common_capacity);
  put_u32 (out, 64, gazetteer_capacity);
  put_u32 (out, 68, MIN (data->history_window, ALAMA_MODEL_MAX_HISTORY_WINDOW));
  put_u32 (out, 72, MIN (data->context_window, ALAMA_MODEL_MAX_CONTEXT_WINDOW));

  for (guint t = 0; t < data->n_types; t++)
    g_strlcpy ((char *) out->data + layout.type_names + t * TYPE_NAME_SIZE, data->type_names[t],
               TYPE_NAME_SIZE);
  for (gsize i = 0; i < (gsize) (n_labels + 1) * n_labels; i++)
    put_f32 (out, layout.transitions + 4 * i, data->transitions[i]);

  for (gsize i = 0; i < data->n_features * n_labels; i++)
    max_abs = MAX (max_abs, fabsf (data->feature_weights[i]));
  scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  put_f32 (out, 48, scale);
  put_f32 (out, 52, data->temperature > 0 ? data->temperature : 1.0f);

  keys = (guint64 *) (out->data + layout.feature_keys);
  for (gsize i = 0; i < data->n_features; i++)
    {
      gsize slot = alama_hash_probe (keys, feature_capacity, data->feature_keys[i]);

      put_u64 (out, layout.feature_keys + 8 * slot, data->feature_keys[i]);
      for (guint l = 0; l < n_labels; l++)
        {
          gint16 q = (gint16) lrintf (data->feature_weights[i * n_labels + l] / scale);
          guint16 u = GUINT16_TO_LE ((guint16) q);

          memcpy (out->data + layout.feature_weights + 2 * (slot * n_labels + l), &u, 2);
        }
    }

  if (lexicon_capacity)
    {
      guint64 *lkeys = (guint64 *) (out->data + layout.lexicon_keys);

      for (gsize i = 0; i < data->lexicon->capacity; i++)
        {
          gsize slot;

          if (data->lexicon->keys[i] == 0)
            continue;
          slot = alama_hash_probe (lkeys, lexicon_capacity, data->lexicon->keys[i]);
          put_u64 (out, layout.lexicon_keys + 8 * slot, data->lexicon->keys[i]);
          put_u32 (out, layout.lexicon_counts + 8 * slot, data->lexicon->counts[2 * i]);
          put_u32 (out, layout.lexicon_counts + 8 * slot + 4, data->lexicon->counts[2 * i + 1]);
        }
    }
  /* The set and the gazetteer are stored slot for slot, as built. */
  for (gsize i = 0; i < common_capacity; i++)
    put_u32 (out, layout.common_words + 4 * i, data->common_words->keys[i]);
  for (gsize i = 0; i < gazetteer_capacity; i++)
    {
      put_u64 (out, layout.gazetteer_keys + 8 * i, data->gazetteer->keys[i]);
      put_u32 (out, layout.gazetteer_values + 4 * i,
               data->gazetteer->keys[i] ? data->gazetteer->values[i] & ALAMA_GAZETTEER_VALUE_MASK
                                        : 0);
    }
  if (metadata_len)
    memcpy (out->data + layout.metadata, data->metadata, metadata_len);

  put_u64 (out, 24,
           alama_model_checksum (out->data + ALAMA_MODEL_HEADER_SIZE,
                                 layout.end - ALAMA_MODEL_HEADER_SIZE));
  return g_file_set_contents (path, (const char *) out->data, (gssize) layout.end, error);
}
