/* fuzz-model.c: libFuzzer target for the model loader.
 *
 * A model file is untrusted input (a download, a file handed to --model):
 * alama_model_new_from_bytes() must refuse anything it cannot use with an
 * error, and whatever it accepts must be safe to use.  Each input is loaded
 * as it is, from an aligned and from a misaligned buffer, and once more
 * with its size field and checksum repaired, so that the fuzzer gets past
 * the checksum and reaches the header and layout checks behind it.  A model
 * that loads has every accessor read, a few made-up feature rows scored and
 * a short sentence recognized.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "alama-features.h"
#include "alama-hash.h"
#include "alama-model.h"
#include "alama-recognizer.h"
#include "fuzz-check.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);


#define N_ROWS 3

static const char sentence[] = "قال الدكتور سامي حداد في بيروت يوم 3 آذار 2024 إن شركة الأفق "
                               "ستفتح فرعا في حلب.\nوأكد Ahmed أن UNESCO وافقت.";

static void
use_model (AlamaModel *model,
           const guint8 *data,
           gsize         size)
{
  guint n_types = alama_model_get_n_types (model);
  guint n_labels = alama_model_get_n_labels (model);
  const float *transitions = alama_model_get_transitions (model);
  const AlamaLexicon *lexicon = alama_model_get_lexicon (model);
  const char *metadata = alama_model_get_metadata (model);
  guint64 features[N_ROWS * ALAMA_MAX_FEATURES] = { 0 };
  float scores[N_ROWS * ALAMA_MODEL_MAX_LABELS];
  const char *words[] = { "بيروت", "سامي", "حلب", "في", "x" };
  g_autoptr (AlamaRecognizer) recognizer = NULL;
  g_autoptr (GArray) entities = NULL;

  CHECK (n_types >= 1 && n_types <= ALAMA_MODEL_MAX_TYPES);
  CHECK (n_labels == 2 * n_types + 1);
  for (guint t = 0; t < n_types; t++)
    {
      const char *name = alama_model_get_type_name (model, t);

      CHECK (name != NULL && name[0] != '\0' && strlen (name) < 16);
      CHECK (g_utf8_validate (name, -1, NULL));
    }
  CHECK (transitions != NULL);
  for (guint i = 0; i < (n_labels + 1) * n_labels; i++)
    CHECK (isfinite (transitions[i]));
  CHECK (isfinite (alama_model_get_temperature (model)));
  CHECK (alama_model_get_temperature (model) > 0);
  CHECK (metadata != NULL && g_utf8_validate (metadata, -1, NULL));
  (void) alama_model_get_n_features (model);

  CHECK (lexicon != NULL);
  CHECK (lexicon->capacity == 0 || (lexicon->capacity & (lexicon->capacity - 1)) == 0);
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      guint32 total, in_name;

      alama_lexicon_lookup (lexicon, words[i], strlen (words[i]), &total, &in_name);
    }

  /* Rows of made-up feature hashes: some from the input itself, so that
   * they can hit the keys the input stores, and rows of every length. */
  for (guint r = 0; r < N_ROWS; r++)
    {
      guint n = r == 0 ? ALAMA_MAX_FEATURES : r * 5;

      for (guint k = 0; k < n; k++)
        {
          guint64 key = 0;
          gsize at = (gsize) (r * 131 + k * 8) % (size > 8 ? size - 8 : 1);

          if (size >= 8)
            memcpy (&key, data + at, 8);
          if (k % 2)
            key = alama_hash_combine (key, k);
          features[r * ALAMA_MAX_FEATURES + k] = key ? key : 1;
        }
    }
  alama_model_score (model, features, N_ROWS, NULL, scores);
  for (guint i = 0; i < N_ROWS * n_labels; i++)
    CHECK (!isnan (scores[i]));

  recognizer = alama_recognizer_new (model);
  entities = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
  alama_recognizer_recognize (recognizer, sentence, sizeof sentence - 1, entities);
  for (guint i = 0; i < entities->len; i++)
    {
      const AlamaEntity *e = &g_array_index (entities, AlamaEntity, i);

      CHECK (e->start_byte < e->end_byte && e->end_byte <= sizeof sentence - 1);
      CHECK (i == 0 || e->start_byte >= g_array_index (entities, AlamaEntity, i - 1).end_byte);
      CHECK (e->type != NULL);
      CHECK (!isnan (e->confidence) && e->confidence >= 0 && e->confidence <= 1);
    }
}

static void
try_load (const guint8 *data,
          gsize         size,
          gsize         misalign)
{
  guint8 *buffer = g_malloc (size + misalign + 1);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model = NULL;

  memcpy (buffer + misalign, data, size);
  /* The bytes own the buffer, so that the address sanitizer sees a model
   * that reads them after they are gone. */
  bytes = g_bytes_new_with_free_func (buffer + misalign, size, g_free, buffer);
  model = alama_model_new_from_bytes (bytes, &error);
  if (model == NULL)
    {
      CHECK (error != NULL && error->domain == ALAMA_MODEL_ERROR);
      CHECK (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
      return;
    }
  CHECK (error == NULL);
  use_model (model, data, size);
  /* The model keeps its own reference to the bytes. */
  g_clear_pointer (&bytes, g_bytes_unref);
  use_model (model, data, size);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *repaired = NULL;
  guint32 v32;
  guint64 v64;

  try_load (data, size, 0);
  try_load (data, size, 1);

  if (size < ALAMA_MODEL_HEADER_SIZE)
    return 0;
  /* The same bytes with a true size field and checksum, and the magic and
   * version the loader wants: what a buggy or hostile writer would make. */
  repaired = g_memdup2 (data, size);
  memcpy (repaired, "ALAMANER", 8);
  v32 = GUINT32_TO_LE (ALAMA_MODEL_FORMAT_VERSION);
  memcpy (repaired + 8, &v32, 4);
  v32 = GUINT32_TO_LE (ALAMA_FEATURE_SET_VERSION);
  memcpy (repaired + 12, &v32, 4);
  v64 = GUINT64_TO_LE ((guint64) size);
  memcpy (repaired + 16, &v64, 8);
  v64 = GUINT64_TO_LE (alama_model_checksum (repaired + ALAMA_MODEL_HEADER_SIZE,
                                             size - ALAMA_MODEL_HEADER_SIZE));
  memcpy (repaired + 24, &v64, 8);
  try_load (repaired, size, 0);
  return 0;
}
