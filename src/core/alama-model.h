/* alama-model.h: a trained recognizer model, read in place.
 *
 * The file format (little-endian, version 4):
 *
 *   0   char[8]  magic "ALAMANER"
 *   8   u32      format version
 *   12  u32      feature-set version (ALAMA_FEATURE_SET_VERSION)
 *   16  u64      file size in bytes
 *   24  u64      checksum of bytes 80 … file size (alama_model_checksum())
 *   32  u32      number of entity types T (1 … 16)
 *   36  u32      feature table capacity F (a power of two)
 *   40  u32      number of features stored
 *   44  u32      lexicon capacity W (a power of two, or 0)
 *   48  f32      weight scale (weight = int16 × scale)
 *   52  f32      temperature for confidences
 *   56  u32      metadata length M in bytes
 *   60  u32      common-word set capacity C (a power of two, or 0)
 *   64  u32      gazetteer capacity G (a power of two, or 0)
 *   68  u32      document history window in sentences (alama-history.h),
 *                0 for none
 *   72  u32      context aggregation window in sentences
 *                (alama-context.h), 0 for none
 *   76  u32      reserved, 0
 *   80  char[T][16]        type names, nul-padded
 *       f32[(L+1)][L]      transition scores, L = 2T+1 labels; row L is the
 *                          sentence start
 *       u64[F]             feature hashes, 0 for an empty slot
 *       i16[F][L]          feature weights
 *       u64[W]             lexicon word hashes
 *       u32[W][2]          lexicon counts (seen, seen inside a name)
 *       u32[C]             common-word fingerprints (alama-common-words.h)
 *       u64[G]             gazetteer keys (alama-gazetteer.h)
 *       u32[G]             gazetteer values
 *       char[M]            metadata, JSON
 *
 * Each section starts at a multiple of 8 bytes.  Version 3 is version 4
 * without the context window (its bytes 72–75 are 0): it is read as a
 * model without context aggregation.  Version 1 (no common words, no
 * gazetteer, a 64-byte header) and version 2 (no document history) are
 * refused: retrain.  Labels are numbered
 * O = 0, B-type t = 1 + 2t, I-type t = 2 + 2t.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "alama-common-words.h"
#include "alama-gazetteer.h"
#include "alama-lexicon.h"

G_BEGIN_DECLS

#define ALAMA_MODEL_FORMAT_VERSION 4
/* The largest document history window a model may ask for. */
#define ALAMA_MODEL_MAX_HISTORY_WINDOW 1000
/* The largest context aggregation window a model may ask for. */
#define ALAMA_MODEL_MAX_CONTEXT_WINDOW 1000
#define ALAMA_MODEL_MAX_TYPES 16
#define ALAMA_MODEL_MAX_LABELS (2 * ALAMA_MODEL_MAX_TYPES + 1)
#define ALAMA_MODEL_HEADER_SIZE 80
#define ALAMA_MODEL_RESOURCE "/org/alama/ner/alama-ner.model"

#define ALAMA_MODEL_ERROR (alama_model_error_quark ())

typedef enum
{
  ALAMA_MODEL_ERROR_NOT_A_MODEL,  /* wrong magic */
  ALAMA_MODEL_ERROR_VERSION,      /* unknown format or feature-set version */
  ALAMA_MODEL_ERROR_TRUNCATED,    /* shorter than its header says */
  ALAMA_MODEL_ERROR_CORRUPT,      /* checksum or layout wrong */
  ALAMA_MODEL_ERROR_IO,
} AlamaModelError;

GQuark alama_model_error_quark (void);

typedef struct _AlamaModel AlamaModel;

AlamaModel *alama_model_new_from_file (const char *path,
                                       GError    **error);
AlamaModel *alama_model_new_from_bytes (GBytes  *bytes,
                                        GError **error);
AlamaModel *alama_model_new_builtin (GError **error);

AlamaModel *alama_model_ref (AlamaModel *model);
void alama_model_unref (AlamaModel *model);

guint alama_model_get_n_types (const AlamaModel *model);
guint alama_model_get_n_labels (const AlamaModel *model);
const char *alama_model_get_type_name (const AlamaModel *model,
                                       guint             type);
const float *alama_model_get_transitions (const AlamaModel *model);
float alama_model_get_temperature (const AlamaModel *model);
guint alama_model_get_history_window (const AlamaModel *model);
guint alama_model_get_context_window (const AlamaModel *model);
const AlamaLexicon *alama_model_get_lexicon (const AlamaModel *model);
const AlamaWordSet *alama_model_get_common_words (const AlamaModel *model);
const AlamaGazetteer *alama_model_get_gazetteer (const AlamaModel *model);
const char *alama_model_get_metadata (const AlamaModel *model);
guint alama_model_get_n_features (const AlamaModel *model);
const char *alama_model_get_version (const AlamaModel *model);

void alama_model_sum_weights (const AlamaModel *model,
                              const guint64    *features,
                              gint32           *sums);
void alama_model_score (const AlamaModel *model,
                        const guint64    *features,
                        guint             n_words,
                        const gint32     *base,
                        float            *scores);

guint64 alama_model_checksum (const guint8 *data,
                              gsize         len);

/* What the trainer hands to alama_model_write(). */
typedef struct
{
  guint n_types;
  const char *const *type_names;
  const float *transitions;   /* (L+1) × L */
  gsize n_features;
  const guint64 *feature_keys;
  const float *feature_weights; /* n_features × L */
  const AlamaLexicon *lexicon;  /* nullable */
  float temperature;
  const char *metadata;       /* JSON, nullable */
  const AlamaWordSet *common_words; /* nullable */
  const AlamaGazetteer *gazetteer;  /* nullable */
  guint history_window;       /* alama-history.h; 0 for none */
  guint context_window;       /* alama-context.h; 0 for none */
} AlamaModelData;

gboolean alama_model_write (const char           *path,
                            const AlamaModelData *data,
                            GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaModel, alama_model_unref)

G_END_DECLS
