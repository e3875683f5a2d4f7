/* test-model.c: tests for training, writing and loading models.
 *
 * A tiny model is trained once, in a temporary directory, from a synthetic
 * IOB2 file; the loading tests then damage copies of it in every way a
 * file can be damaged (cut short, bit rot, hand edits, hostile headers)
 * and expect an error that names the file, never a crash or a hang.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "alama-conll-reader.h"
#include "alama-features.h"
#include "alama-hash.h"
#include "alama-lexicon.h"
#include "alama-model.h"
#include "alama-normalizer.h"
#include "alama-trainer.h"
#include "alama-type-cache.h"

/* Real Arabic news-style sentences, repeated enough that most features
 * reach the trainer's minimum count of two. */
static const char train_a[] =
  "-DOCSTART- O\n"
  "\n"
  "قال O\nالرئيس O\nمحمد B-PERS\nعلي I-PERS\nفي O\nبيروت B-LOC\n. O\n"
  "\n"
  "زار O\nأحمد B-PERS\nحسن I-PERS\nالقاهرة B-LOC\nأمس O\n"
  "\n"
  "أعلنت O\nالأمم B-ORG\nالمتحدة I-ORG\nفي O\nبغداد B-LOC\n"
  "\n";

static const char train_b[] =
  "وقال O\nمحمد B-PERS\nإن O\nجامعة B-ORG\nالقاهرة I-ORG\nتفتح O\n"
  "\n"
  "سافر O\nعلي B-PERS\nإلى O\nبيروت B-LOC\nثم O\nبغداد B-LOC\n"
  "\n"
  "التقى O\nأحمد B-PERS\nبمسؤولي O\nالأمم B-ORG\nالمتحدة I-ORG\n";

/* Everything the tests write lives in one directory, removed at exit. */
static char *tmp_dir;
static GPtrArray *tmp_files;

static char *
tmp_path (const char *name)
{
  char *path;

  if (tmp_dir == NULL)
    {
      g_autoptr (GError) error = NULL;

      tmp_dir = g_dir_make_tmp ("alama-test-model-XXXXXX", &error);
      g_assert_no_error (error);
      tmp_files = g_ptr_array_new_with_free_func (g_free);
    }
  path = g_build_filename (tmp_dir, name, NULL);
  g_ptr_array_add (tmp_files, g_strdup (path));
  return path;
}

static char *
write_tmp (const char *name,
           const void *data,
           gsize       len)
{
  g_autoptr (GError) error = NULL;
  char *path = tmp_path (name);

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_tmp (void)
{
  if (tmp_dir == NULL)
    return;
  for (guint i = 0; i < tmp_files->len; i++)
    g_remove (tmp_files->pdata[i]);
  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_files, g_ptr_array_unref);
  g_clear_pointer (&tmp_dir, g_free);
}

static void
count_epochs_cb (guint    epoch,
                 guint    n_epochs,
                 guint    mistakes,
                 double   train_seconds,
                 double   dev_f1,
                 gpointer user_data)
{
  guint *count = user_data;

  g_assert_cmpuint (epoch, ==, *count + 1);
  g_assert_cmpuint (n_epochs, ==, 3);
  g_assert_cmpfloat (dev_f1, <, 0);
  (*count)++;
}

/* Trains a model on @files (paths, in order) and returns its path. */
static char *
train (const char *model_name,
       const char *const *files,
       guint32     seed)
{
  g_autoptr (AlamaTrainer) trainer = alama_trainer_new ();
  g_autoptr (GError) error = NULL;
  char *model_path = tmp_path (model_name);
  guint epochs = 0;

  for (guint i = 0; files[i] != NULL; i++)
    {
      alama_trainer_add_file (trainer, files[i], FALSE, &error);
      g_assert_no_error (error);
    }
  alama_trainer_set_epochs (trainer, 3);
  alama_trainer_set_seed (trainer, seed);
  alama_trainer_set_progress (trainer, count_epochs_cb, &epochs);
  alama_trainer_train (trainer, model_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (epochs, ==, 3);
  return model_path;
}

static const char *
training_file (void)
{
  static char *path;

  if (path == NULL)
    {
      g_autofree char *text = g_strconcat (train_a, train_b, NULL);

      path = write_tmp ("train.conll", text, strlen (text));
    }
  return path;
}

/* The model every corruption test starts from, trained once. */
static const char *
reference_model (void)
{
  static char *path;

  if (path == NULL)
    {
      const char *files[] = { training_file (), NULL };

      path = train ("reference.model", files, 7);
    }
  return path;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static guint32
get_u32 (const guint8 *data,
         gsize         offset)
{
  guint32 v;

  memcpy (&v, data + offset, 4);
  return GUINT32_FROM_LE (v);
}

static void
set_u32 (guint8 *data,
         gsize   offset,
         guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (data + offset, &v, 4);
}

static void
set_u64 (guint8 *data,
         gsize   offset,
         guint64 v)
{
  v = GUINT64_TO_LE (v);
  memcpy (data + offset, &v, 8);
}

static void
set_f32 (guint8 *data,
         gsize   offset,
         float   f)
{
  guint32 v;

  memcpy (&v, &f, 4);
  set_u32 (data, offset, v);
}

/* Makes a hand edit look like a well-formed file, so that only the layout
 * checks stand between it and the reader. */
static void
fix_checksum (guint8 *data,
              gsize   len)
{
  set_u64 (data, 24, alama_model_checksum (data + ALAMA_MODEL_HEADER_SIZE,
                                           len - ALAMA_MODEL_HEADER_SIZE));
}

static gsize
align8 (gsize n)
{
  return (n + 7) & ~(gsize) 7;
}

/* Section offsets computed from the format described in alama-model.h, not
 * from the reader: the test checks the documentation too. */
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

static Layout
documented_layout (const guint8 *data)
{
  guint32 n_types = get_u32 (data, 32);
  gsize n_labels = 2 * n_types + 1;
  gsize features = get_u32 (data, 36);
  gsize words = get_u32 (data, 44);
  Layout l;

  l.type_names = ALAMA_MODEL_HEADER_SIZE;
  l.transitions = align8 (l.type_names + 16 * n_types);
  l.feature_keys = align8 (l.transitions + 4 * (n_labels + 1) * n_labels);
  l.feature_weights = align8 (l.feature_keys + 8 * features);
  l.lexicon_keys = align8 (l.feature_weights + 2 * features * n_labels);
  l.lexicon_counts = align8 (l.lexicon_keys + 8 * words);
  l.common_words = align8 (l.lexicon_counts + 8 * words);
  l.gazetteer_keys = align8 (l.common_words + 4 * (gsize) get_u32 (data, 60));
  l.gazetteer_values = align8 (l.gazetteer_keys + 8 * (gsize) get_u32 (data, 64));
  l.metadata = align8 (l.gazetteer_values + 4 * (gsize) get_u32 (data, 64));
  l.end = l.metadata + get_u32 (data, 56);
  return l;
}

/* Loads @len bytes of @data through a file named @name and expects one of
 * two error codes (pass the same twice for one), with the file's name in
 * the message. */
static void
assert_load_fails (const char   *name,
                   const guint8 *data,
                   gsize         len,
                   int           code,
                   int           other_code)
{
  g_autofree char *path = write_tmp (name, data, len);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model = alama_model_new_from_file (path, &error);

  g_assert_null (model);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", name, error->message);
  g_assert_true (error->domain == ALAMA_MODEL_ERROR);
  if (error->code != code)
    g_assert_cmpint (error->code, ==, other_code);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_train_and_load (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model = alama_model_new_from_file (reference_model (), &error);
  const char *metadata;
  const AlamaLexicon *lexicon;
  g_autofree char *beirut = alama_normalize_dup ("بيروت", -1);
  g_autofree char *fi = alama_normalize_dup ("في", -1);
  g_autofree char *unseen = alama_normalize_dup ("طوكيو", -1);
  guint32 total, in_name;
  const float *transitions;

  g_assert_no_error (error);
  g_assert_nonnull (model);

  /* Types are sorted by name, labels numbered O, B-t, I-t. */
  g_assert_cmpuint (alama_model_get_n_types (model), ==, 3);
  g_assert_cmpuint (alama_model_get_n_labels (model), ==, 7);
  g_assert_cmpstr (alama_model_get_type_name (model, 0), ==, "LOC");
  g_assert_cmpstr (alama_model_get_type_name (model, 1), ==, "ORG");
  g_assert_cmpstr (alama_model_get_type_name (model, 2), ==, "PERS");
  g_assert_cmpuint (alama_model_get_n_features (model), >, 0);
  g_assert_cmpfloat (alama_model_get_temperature (model), >, 0);

  transitions = alama_model_get_transitions (model);
  for (guint i = 0; i < 8 * 7; i++)
    g_assert_true (isfinite (transitions[i]));

  metadata = alama_model_get_metadata (model);
  g_test_message ("metadata: %s", metadata);
  g_assert_true (g_utf8_validate (metadata, -1, NULL));
  g_assert_nonnull (strstr (metadata, "\"types\": [\"LOC\", \"ORG\", \"PERS\"]"));
  g_assert_nonnull (strstr (metadata, "\"trained_on\": [\"train.conll\"]"));
  g_assert_nonnull (strstr (metadata, "\"epochs\": 3"));
  g_assert_nonnull (strstr (metadata, "\"seed\": 7"));
  g_assert_nonnull (strstr (metadata, "\"sentences\": 6"));
  g_assert_null (strstr (metadata, "dev_f1"));

  /* The lexicon counts the training words, by normalized form. */
  lexicon = alama_model_get_lexicon (model);
  g_assert_true (alama_lexicon_lookup (lexicon, beirut, strlen (beirut), &total, &in_name));
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpuint (in_name, ==, 2);
  g_assert_true (alama_lexicon_lookup (lexicon, fi, strlen (fi), &total, &in_name));
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpuint (in_name, ==, 0);
  g_assert_false (alama_lexicon_lookup (lexicon, unseen, strlen (unseen), &total, &in_name));
  g_assert_cmpuint (total, ==, 0);
}

static void
test_layout_documented (void)
{
  g_autoptr (GBytes) bytes = read_bytes (reference_model ());
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  Layout l = documented_layout (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model = alama_model_new_from_bytes (bytes, &error);
  guint32 feature_capacity = get_u32 (data, 36);
  guint32 stored = 0;

  g_assert_no_error (error);
  g_assert_cmpmem (data, 8, "ALAMANER", 8);
  g_assert_cmpuint (get_u32 (data, 8), ==, ALAMA_MODEL_FORMAT_VERSION);
  g_assert_cmpuint (get_u32 (data, 12), ==, ALAMA_FEATURE_SET_VERSION);
  g_assert_cmpuint (get_u32 (data, 68), ==, alama_model_get_history_window (model));
  g_assert_cmpuint (get_u32 (data, 72), ==, alama_model_get_context_window (model));
  g_assert_cmpuint (alama_model_get_context_window (model), ==,
                    ALAMA_TRAINER_DEFAULT_CONTEXT_WINDOW);
  for (guint offset = 76; offset < ALAMA_MODEL_HEADER_SIZE; offset += 4)
    g_assert_cmpuint (get_u32 (data, offset), ==, 0);
  g_assert_cmpuint (l.end, ==, len);
  g_assert_cmpstr ((const char *) data + l.type_names, ==, "LOC");
  g_assert_cmpmem (data + l.metadata, len - l.metadata, alama_model_get_metadata (model),
                   strlen (alama_model_get_metadata (model)));
  g_assert_true (feature_capacity != 0 && (feature_capacity & (feature_capacity - 1)) == 0);
  for (guint32 i = 0; i < feature_capacity; i++)
    {
      guint64 key;

      memcpy (&key, data + l.feature_keys + 8 * i, 8);
      stored += key != 0;
    }
  g_assert_cmpuint (stored, ==, get_u32 (data, 40));
  g_assert_cmpuint (stored, ==, alama_model_get_n_features (model));

  /* The dictionary and the gazetteer are stored where the header says. */
  g_assert_cmpuint (get_u32 (data, 60), ==, alama_model_get_common_words (model)->capacity);
  g_assert_cmpuint (get_u32 (data, 64), ==, alama_model_get_gazetteer (model)->capacity);
  g_assert_true ((const guint8 *) alama_model_get_common_words (model)->keys
                 == g_bytes_get_data (bytes, NULL) + l.common_words
                 || ((guintptr) data & 7) != 0);
  g_assert_true ((const guint8 *) alama_model_get_gazetteer (model)->values
                 == g_bytes_get_data (bytes, NULL) + l.gazetteer_values
                 || ((guintptr) data & 7) != 0);
}

/* A trained model carries the common words and the gazetteers it was
 * trained with, so that another model file brings its own. */
static void
test_lexical_sections (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model = alama_model_new_from_file (reference_model (), &error);
  g_autoptr (AlamaTrainer) trainer = alama_trainer_new ();
  g_autofree char *bare_path = tmp_path ("no-lexical.model");
  g_autoptr (AlamaModel) bare = NULL;
  const AlamaWordSet *common;
  const AlamaGazetteer *gazetteer;
  g_autofree char *book = alama_normalize_dup ("كتاب", -1);
  g_autofree char *volkswagen = alama_normalize_dup ("فولكسفاغن", -1);
  guint64 hashes[2];
  guint8 out[2];

  g_assert_no_error (error);
  common = alama_model_get_common_words (model);
  gazetteer = alama_model_get_gazetteer (model);
  g_assert_cmpuint (common->capacity, >, 100000);
  g_assert_cmpuint (gazetteer->capacity, >, 1000);
  g_assert_true (alama_word_set_contains (common, book, strlen (book)));
  g_assert_false (alama_word_set_contains (common, volkswagen, strlen (volkswagen)));
  g_assert_nonnull (strstr (alama_model_get_metadata (model), "\"common_words\": "));

  /* الأمم المتحدة is in the gazetteer, as an organization. */
  {
    g_autofree char *w0 = alama_normalize_dup ("الأمم", -1);
    g_autofree char *w1 = alama_normalize_dup ("المتحدة", -1);

    hashes[0] = alama_hash_bytes (w0, strlen (w0));
    hashes[1] = alama_hash_bytes (w1, strlen (w1));
  }
  alama_gazetteer_match (gazetteer, hashes, 1, sizeof (guint64), 2, out);
  g_assert_cmpuint (out[0], ==, 1u << ALAMA_GAZETTEER_ORG);
  g_assert_cmpuint (out[1], ==, 16u << ALAMA_GAZETTEER_ORG);

  /* Without them: empty sections, and the model still loads and tags. */
  alama_trainer_add_file (trainer, training_file (), FALSE, &error);
  g_assert_no_error (error);
  alama_trainer_set_epochs (trainer, 2);
  alama_trainer_set_lexical_data (trainer, FALSE, FALSE);
  alama_trainer_train (trainer, bare_path, &error);
  g_assert_no_error (error);
  bare = alama_model_new_from_file (bare_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_model_get_common_words (bare)->capacity, ==, 0);
  g_assert_cmpuint (alama_model_get_gazetteer (bare)->capacity, ==, 0);
}

static void
test_deterministic (void)
{
  const char *files[] = { training_file (), NULL };
  g_autofree char *again = train ("again.model", files, 7);
  g_autofree char *other_seed = train ("other-seed.model", files, 8);
  g_autoptr (GBytes) a = read_bytes (reference_model ());
  g_autoptr (GBytes) b = read_bytes (again);
  g_autoptr (GBytes) c = read_bytes (other_seed);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model = NULL;

  /* Byte for byte, so that a model can be reproduced from its recipe. */
  g_assert_true (g_bytes_equal (a, b));

  /* Another seed shuffles differently; the result may differ but must be a
   * valid model with the same types. */
  g_test_message ("seed 8 %s seed 7", g_bytes_equal (a, c) ? "equals" : "differs from");
  model = alama_model_new_from_file (other_seed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_model_get_n_types (model), ==, 3);
}

static void
test_file_order (void)
{
  g_autofree char *a = write_tmp ("a.conll", train_a, strlen (train_a));
  g_autofree char *b = write_tmp ("b.conll", train_b, strlen (train_b));
  const char *ab_files[] = { a, b, NULL };
  const char *ba_files[] = { b, a, NULL };
  g_autofree char *ab = train ("ab.model", ab_files, 7);
  g_autofree char *ba = train ("ba.model", ba_files, 7);
  g_autofree char *ab_again = train ("ab-again.model", ab_files, 7);
  g_autoptr (GBytes) ab_bytes = read_bytes (ab);
  g_autoptr (GBytes) ba_bytes = read_bytes (ba);
  g_autoptr (GBytes) ab_again_bytes = read_bytes (ab_again);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model_ab = NULL;
  g_autoptr (AlamaModel) model_ba = NULL;

  g_assert_true (g_bytes_equal (ab_bytes, ab_again_bytes));
  g_test_message ("file order b, a %s a, b",
                  g_bytes_equal (ab_bytes, ba_bytes) ? "equals" : "differs from");

  model_ab = alama_model_new_from_file (ab, &error);
  g_assert_no_error (error);
  model_ba = alama_model_new_from_file (ba, &error);
  g_assert_no_error (error);
  for (guint t = 0; t < 3; t++)
    g_assert_cmpstr (alama_model_get_type_name (model_ab, t), ==,
                     alama_model_get_type_name (model_ba, t));
  g_assert_nonnull (strstr (alama_model_get_metadata (model_ab),
                            "\"trained_on\": [\"a.conll\", \"b.conll\"]"));
  g_assert_nonnull (strstr (alama_model_get_metadata (model_ba),
                            "\"trained_on\": [\"b.conll\", \"a.conll\"]"));
}

static void
test_trainer_bad_tag (void)
{
  static const char text[] = "محمد B-PERS\nفي\nبيروت B-LOC\n";
  g_autofree char *path = write_tmp ("bad-tag.conll", text, strlen (text));
  g_autoptr (AlamaTrainer) trainer = alama_trainer_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *where = g_strdup_printf ("%s:2:", path);

  g_assert_false (alama_trainer_add_file (trainer, path, FALSE, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, where));
}

static void
test_truncated (void)
{
  g_autoptr (GBytes) bytes = read_bytes (reference_model ());
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  const struct
  {
    const char *name;
    gsize len;
  } cuts[] = {
    { "empty.model", 0 },
    { "seven.model", 7 },
    { "magic-only.model", 8 },
    { "sixty-three.model", 63 },
    { "header-only.model", ALAMA_MODEL_HEADER_SIZE },
    { "in-common-words.model", documented_layout (data).common_words + 4 },
    { "in-gazetteer.model", documented_layout (data).gazetteer_values + 4 },
    { "half.model", len / 2 },
    { "one-short.model", len - 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    assert_load_fails (cuts[i].name, data, cuts[i].len, ALAMA_MODEL_ERROR_TRUNCATED,
                       ALAMA_MODEL_ERROR_NOT_A_MODEL);
}

static void
test_one_byte_more (void)
{
  g_autoptr (GBytes) bytes = read_bytes (reference_model ());
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *longer = g_malloc0 (len + 1);

  memcpy (longer, data, len);
  assert_load_fails ("one-more.model", longer, len + 1, ALAMA_MODEL_ERROR_CORRUPT,
                     ALAMA_MODEL_ERROR_CORRUPT);
}

static void
test_flipped_byte (void)
{
  g_autoptr (GBytes) bytes = read_bytes (reference_model ());
  gsize len;
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));
  gsize where[] = { ALAMA_MODEL_HEADER_SIZE, len / 2, len - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (where); i++)
    {
      g_autofree char *name = g_strdup_printf ("flipped-%" G_GSIZE_FORMAT ".model", where[i]);

      data[where[i]] ^= 0x10;
      assert_load_fails (name, data, len, ALAMA_MODEL_ERROR_CORRUPT, ALAMA_MODEL_ERROR_CORRUPT);
      data[where[i]] ^= 0x10;
    }
}

static void
test_wrong_magic (void)
{
  g_autoptr (GBytes) bytes = read_bytes (reference_model ());
  gsize len;
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));
  static const char text[] = "<?xml version=\"1.0\"?><TEI/>\n";

  memcpy (data, "ALAMANEX", 8);
  assert_load_fails ("magic.model", data, len, ALAMA_MODEL_ERROR_NOT_A_MODEL,
                     ALAMA_MODEL_ERROR_NOT_A_MODEL);
  assert_load_fails ("text.model", (const guint8 *) text, strlen (text),
                     ALAMA_MODEL_ERROR_NOT_A_MODEL, ALAMA_MODEL_ERROR_NOT_A_MODEL);
}

static void
test_version (void)
{
  g_autoptr (GBytes) bytes = read_bytes (reference_model ());
  gsize len;
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));

  set_u32 (data, 8, ALAMA_MODEL_FORMAT_VERSION + 1);
  assert_load_fails ("format-version.model", data, len, ALAMA_MODEL_ERROR_VERSION,
                     ALAMA_MODEL_ERROR_VERSION);
  /* Version 1 files (before the common words and gazetteers) are refused
   * with a word on what to do. */
  {
    g_autofree char *path = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (AlamaModel) model = NULL;

    set_u32 (data, 8, 1);
    path = write_tmp ("version-1.model", data, len);
    model = alama_model_new_from_file (path, &error);
    g_assert_null (model);
    g_assert_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_VERSION);
    g_assert_nonnull (strstr (error->message, "version 1"));
    g_assert_nonnull (strstr (error->message, "retrain"));
  }
  /* So are version 2 files (before the document history). */
  {
    g_autofree char *path = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (AlamaModel) model = NULL;

    set_u32 (data, 8, 2);
    path = write_tmp ("version-2.model", data, len);
    model = alama_model_new_from_file (path, &error);
    g_assert_null (model);
    g_assert_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_VERSION);
    g_assert_nonnull (strstr (error->message, "version 2"));
    g_assert_nonnull (strstr (error->message, "retrain"));
  }
  /* Version 3 files (before the context window) are read as models
   * without context aggregation; their bytes 72–75 were reserved, so a
   * value there is damage. */
  {
    g_autofree char *path = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (AlamaModel) model = NULL;

    set_u32 (data, 8, 3);
    set_u32 (data, 72, 0);
    path = write_tmp ("version-3.model", data, len);
    model = alama_model_new_from_file (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (alama_model_get_context_window (model), ==, 0);
    g_assert_cmpuint (alama_model_get_history_window (model), ==, get_u32 (data, 68));
    set_u32 (data, 72, 5);
    assert_load_fails ("version-3-context.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }
  set_u32 (data, 8, ALAMA_MODEL_FORMAT_VERSION);
  set_u32 (data, 12, ALAMA_FEATURE_SET_VERSION + 1);
  assert_load_fails ("feature-version.model", data, len, ALAMA_MODEL_ERROR_VERSION,
                     ALAMA_MODEL_ERROR_VERSION);
}

typedef struct
{
  const char *name;
  gsize offset;
  guint32 value;
} HeaderEdit;

/* Headers that lie about the sizes, with a checksum that matches, so only
 * the layout checks can catch them; none may crash or allocate wildly. */
static void
test_hostile_header (void)
{
  g_autoptr (GBytes) bytes = read_bytes (reference_model ());
  gsize len;
  const guint8 *orig = g_bytes_get_data (bytes, &len);
  guint32 feature_capacity = get_u32 (orig, 36);
  guint32 metadata_len = get_u32 (orig, 56);
  guint32 common_capacity = get_u32 (orig, 60);
  guint32 gazetteer_capacity = get_u32 (orig, 64);
  const HeaderEdit edits[] = {
    { "huge-common-words.model", 60, 0x80000000u },
    { "odd-common-words.model", 60, common_capacity - 1 },
    { "half-common-words.model", 60, common_capacity / 2 },
    { "no-common-words.model", 60, 0 },
    { "huge-gazetteer.model", 64, 0x80000000u },
    { "odd-gazetteer.model", 64, 3 },
    { "double-gazetteer.model", 64, gazetteer_capacity * 2 },
    { "huge-history.model", 68, ALAMA_MODEL_MAX_HISTORY_WINDOW + 1 },
    { "max-history.model", 68, G_MAXUINT32 },
    { "huge-context.model", 72, ALAMA_MODEL_MAX_CONTEXT_WINDOW + 1 },
    { "max-context.model", 72, G_MAXUINT32 },
    { "reserved-76.model", 76, 0xffffffffu },
    { "huge-features.model", 36, 0x80000000u },
    { "huge-lexicon.model", 44, 0x80000000u },
    { "huge-metadata.model", 56, G_MAXUINT32 },
    { "more-metadata.model", 56, metadata_len + 8 },
    { "no-types.model", 32, 0 },
    { "17-types.model", 32, 17 },
    { "max-types.model", 32, G_MAXUINT32 },
    { "16-types.model", 32, 16 },
    { "zero-features.model", 36, 0 },
    { "odd-features.model", 36, feature_capacity - 1 },
    { "full-features.model", 40, feature_capacity },
    { "odd-lexicon.model", 44, 3 },
    { "half-features.model", 36, feature_capacity / 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree guint8 *data = g_memdup2 (orig, len);

      set_u32 (data, edits[i].offset, edits[i].value);
      fix_checksum (data, len);
      assert_load_fails (edits[i].name, data, len, ALAMA_MODEL_ERROR_CORRUPT,
                         ALAMA_MODEL_ERROR_CORRUPT);
    }

  /* All of it at once. */
  {
    g_autofree guint8 *data = g_memdup2 (orig, len);

    set_u32 (data, 32, 16);
    set_u32 (data, 36, 0x80000000u);
    set_u32 (data, 40, 0x7fffffffu);
    set_u32 (data, 44, 0x80000000u);
    set_u32 (data, 56, G_MAXUINT32);
    fix_checksum (data, len);
    assert_load_fails ("all-huge.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }

  /* A file size field that disagrees with the file. */
  {
    g_autofree guint8 *data = g_memdup2 (orig, len);

    set_u64 (data, 16, (guint64) len + 1000);
    assert_load_fails ("claims-longer.model", data, len, ALAMA_MODEL_ERROR_TRUNCATED,
                       ALAMA_MODEL_ERROR_TRUNCATED);
    set_u64 (data, 16, G_MAXUINT64);
    assert_load_fails ("claims-huge.model", data, len, ALAMA_MODEL_ERROR_TRUNCATED,
                       ALAMA_MODEL_ERROR_TRUNCATED);
    set_u64 (data, 16, 0);
    assert_load_fails ("claims-empty.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }
}

/* Damage inside the sections, with the checksum fixed up. */
static void
test_hostile_body (void)
{
  g_autoptr (GBytes) bytes = read_bytes (reference_model ());
  gsize len;
  const guint8 *orig = g_bytes_get_data (bytes, &len);
  Layout l = documented_layout (orig);

  {
    g_autofree guint8 *data = g_memdup2 (orig, len);

    memset (data + l.type_names, 'X', 16);
    fix_checksum (data, len);
    assert_load_fails ("unterminated-type.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }
  {
    g_autofree guint8 *data = g_memdup2 (orig, len);

    memset (data + l.type_names + 16, 0, 16);
    fix_checksum (data, len);
    assert_load_fails ("empty-type.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }
  {
    g_autofree guint8 *data = g_memdup2 (orig, len);

    memcpy (data + l.type_names, "\xff\xfe", 3);
    fix_checksum (data, len);
    assert_load_fails ("type-not-utf8.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }
  {
    g_autofree guint8 *data = g_memdup2 (orig, len);

    set_f32 (data, l.transitions + 4 * 5, NAN);
    fix_checksum (data, len);
    assert_load_fails ("nan-transition.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }
  {
    g_autofree guint8 *data = g_memdup2 (orig, len);

    set_f32 (data, l.transitions, INFINITY);
    fix_checksum (data, len);
    assert_load_fails ("inf-transition.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }
  {
    const float bad[] = { NAN, INFINITY, 0.0f, -1.0f };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree guint8 *data = g_memdup2 (orig, len);
        g_autofree char *name = g_strdup_printf ("temperature-%u.model", i);

        set_f32 (data, 52, bad[i]);
        assert_load_fails (name, data, len, ALAMA_MODEL_ERROR_CORRUPT,
                           ALAMA_MODEL_ERROR_CORRUPT);
      }
  }
  {
    g_autofree guint8 *data = g_memdup2 (orig, len);

    set_f32 (data, 48, NAN);
    assert_load_fails ("nan-scale.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }
  {
    g_autofree guint8 *data = g_memdup2 (orig, len);

    g_assert_cmpuint (len, >, l.metadata + 2);
    data[l.metadata + 1] = 0xff;
    fix_checksum (data, len);
    assert_load_fails ("metadata-not-utf8.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }
}

/* A hash table without an empty slot would make every lookup of an unknown
 * key probe forever: the reader must refuse it rather than hang later. */
static void
test_full_tables (void)
{
  g_autoptr (GBytes) bytes = read_bytes (reference_model ());
  gsize len;
  const guint8 *orig = g_bytes_get_data (bytes, &len);
  Layout l = documented_layout (orig);
  guint32 feature_capacity = get_u32 (orig, 36);
  guint32 lexicon_capacity = get_u32 (orig, 44);

  {
    g_autofree guint8 *data = g_memdup2 (orig, len);

    for (guint32 i = 0; i < feature_capacity; i++)
      {
        guint64 key;

        memcpy (&key, data + l.feature_keys + 8 * i, 8);
        if (key == 0)
          set_u64 (data, l.feature_keys + 8 * i, 0x5eed0000u + i);
      }
    fix_checksum (data, len);
    assert_load_fails ("full-feature-table.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }

  {
    g_autofree guint8 *data = g_memdup2 (orig, len);
    guint32 capacity = get_u32 (orig, 60);

    g_assert_cmpuint (capacity, >, 0);
    for (guint32 i = 0; i < capacity; i++)
      if (get_u32 (data, l.common_words + 4 * i) == 0)
        set_u32 (data, l.common_words + 4 * i, 0x5eed0000u + i);
    fix_checksum (data, len);
    assert_load_fails ("full-common-words.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }
  {
    g_autofree guint8 *data = g_memdup2 (orig, len);
    guint32 capacity = get_u32 (orig, 64);

    g_assert_cmpuint (capacity, >, 0);
    for (guint32 i = 0; i < capacity; i++)
      {
        guint64 key;

        memcpy (&key, data + l.gazetteer_keys + 8 * i, 8);
        if (key == 0)
          set_u64 (data, l.gazetteer_keys + 8 * i, 0x5eed0000u + i);
      }
    fix_checksum (data, len);
    assert_load_fails ("full-gazetteer.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }

  g_assert_cmpuint (lexicon_capacity, >, 0);
  {
    g_autofree guint8 *data = g_memdup2 (orig, len);

    for (guint32 i = 0; i < lexicon_capacity; i++)
      {
        guint64 key;

        memcpy (&key, data + l.lexicon_keys + 8 * i, 8);
        if (key == 0)
          set_u64 (data, l.lexicon_keys + 8 * i, 0x5eed0000u + i);
      }
    fix_checksum (data, len);
    assert_load_fails ("full-lexicon-table.model", data, len, ALAMA_MODEL_ERROR_CORRUPT,
                       ALAMA_MODEL_ERROR_CORRUPT);
  }
}

static void
test_missing_file (void)
{
  g_autofree char *path = tmp_path ("does-not-exist.model");
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model = alama_model_new_from_file (path, &error);

  g_assert_null (model);
  g_assert_error (error, ALAMA_MODEL_ERROR, ALAMA_MODEL_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "does-not-exist.model"));
}

static void
test_builtin (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model = alama_model_new_builtin (&error);
  const char *expected[] = { "LOC", "MISC", "ORG", "PERS" };

  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_cmpuint (alama_model_get_n_types (model), ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (alama_model_get_n_labels (model), ==, 2 * G_N_ELEMENTS (expected) + 1);
  for (guint t = 0; t < G_N_ELEMENTS (expected); t++)
    g_assert_cmpstr (alama_model_get_type_name (model, t), ==, expected[t]);
  g_assert_cmpuint (alama_model_get_n_features (model), >, 1000);
  g_assert_cmpfloat (alama_model_get_temperature (model), >, 0);
  g_assert_true (g_utf8_validate (alama_model_get_metadata (model), -1, NULL));

  /* References are counted. */
  g_assert_true (alama_model_ref (model) == model);
  alama_model_unref (model);
}

/* The same bytes one past an 8-byte boundary: the reader must not read
 * its tables through misaligned pointers. */
static void
test_unaligned (void)
{
  g_autoptr (GBytes) bytes = read_bytes (reference_model ());
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree guint8 *buffer = g_malloc (len + 8);
  guint8 *shifted;
  g_autoptr (GBytes) shifted_bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) aligned = alama_model_new_from_bytes (bytes, &error);
  g_autoptr (AlamaModel) model = NULL;
  g_autoptr (AlamaFeatures) features = NULL;
  const char *sentence[] = { "وقال", "محمد", "علي", "في", "بيروت", "إن", "الأمم", "المتحدة" };
  AlamaWord words[G_N_ELEMENTS (sentence)];
  const guint64 *rows;
  float scores_aligned[G_N_ELEMENTS (sentence) * 7];
  float scores_shifted[G_N_ELEMENTS (sentence) * 7];
  g_autofree char *beirut = alama_normalize_dup ("بيروت", -1);
  guint32 total = 0;

  g_assert_no_error (error);
  shifted = buffer + ((8 - ((guintptr) buffer & 7)) & 7) + 1;
  g_assert_cmpuint ((guintptr) shifted & 7, !=, 0);
  memcpy (shifted, data, len);
  shifted_bytes = g_bytes_new_static (shifted, len);
  model = alama_model_new_from_bytes (shifted_bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);

  g_assert_cmpuint (alama_model_get_n_types (model), ==, 3);
  g_assert_cmpstr (alama_model_get_type_name (model, 2), ==, "PERS");
  g_assert_cmpstr (alama_model_get_metadata (model), ==, alama_model_get_metadata (aligned));
  g_assert_cmpmem (alama_model_get_transitions (model), 8 * 7 * sizeof (float),
                   alama_model_get_transitions (aligned), 8 * 7 * sizeof (float));
  g_assert_true (alama_lexicon_lookup (alama_model_get_lexicon (model), beirut, strlen (beirut),
                                       &total, NULL));
  g_assert_cmpuint (total, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (sentence); i++)
    {
      words[i].text = sentence[i];
      words[i].len = strlen (sentence[i]);
      words[i].kind = alama_word_guess_kind (words[i].text, words[i].len);
    }
  features = alama_features_new (alama_model_get_lexicon (model));
  rows = alama_features_extract (features, words, G_N_ELEMENTS (words), NULL);
  alama_model_score (aligned, rows, G_N_ELEMENTS (words), NULL, scores_aligned);
  alama_model_score (model, rows, G_N_ELEMENTS (words), NULL, scores_shifted);
  g_assert_cmpmem (scores_aligned, sizeof scores_aligned, scores_shifted, sizeof scores_shifted);
}

/* alama_model_write() and the reader agree on every field the trainer
 * does not exercise: no lexicon, no metadata, quantized weights. */
static void
test_write_minimal (void)
{
  const char *type_names[] = { "PERS" };
  float transitions[4 * 3];
  const guint64 keys[] = { 0x1234, 0x5678 };
  const float weights[] = { 0.0f, 2.0f, -1.0f, 0.5f, 0.0f, 4.0f };
  AlamaModelData data = { 0 };
  g_autofree char *path = tmp_path ("minimal.model");
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model = NULL;
  guint64 row[ALAMA_MAX_FEATURES] = { 0x1234, 0x9999, 0x5678, 0 };
  float scores[3];

  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    transitions[i] = (float) i * 0.25f;
  data.n_types = 1;
  data.type_names = type_names;
  data.transitions = transitions;
  data.n_features = G_N_ELEMENTS (keys);
  data.feature_keys = keys;
  data.feature_weights = weights;
  g_assert_true (alama_model_write (path, &data, &error));
  g_assert_no_error (error);

  model = alama_model_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_model_get_n_types (model), ==, 1);
  g_assert_cmpuint (alama_model_get_n_features (model), ==, 2);
  g_assert_cmpstr (alama_model_get_metadata (model), ==, "");
  g_assert_cmpfloat (alama_model_get_temperature (model), ==, 1.0f);
  g_assert_cmpmem (alama_model_get_transitions (model), sizeof transitions, transitions,
                   sizeof transitions);
  g_assert_false (alama_lexicon_lookup (alama_model_get_lexicon (model), "x", 1, NULL, NULL));

  /* An unknown feature (0x9999) adds nothing; known ones add their
   * weights, within the 16-bit quantization step. */
  alama_model_score (model, row, 1, NULL, scores);
  g_assert_cmpfloat_with_epsilon (scores[0], 0.5f, 4.0f / 32767 * 2);
  g_assert_cmpfloat_with_epsilon (scores[1], 2.0f, 4.0f / 32767 * 2);
  g_assert_cmpfloat_with_epsilon (scores[2], 3.0f, 4.0f / 32767 * 2);
}

static void
sum_own (const guint64 *features,
         gint32        *sums,
         gpointer       model)
{
  alama_model_sum_weights (model, features, sums);
}

static guint
count_features (const guint64 *rows,
                guint          n_words)
{
  guint n = 0;

  for (gsize k = 0; k < (gsize) n_words * ALAMA_MAX_FEATURES; k++)
    n += rows[k] != 0;
  return n;
}

/* A word's own features summed once per word type (the recognizer's
 * word scorer) give exactly the scores of the full rows: for words met
 * for the first time, again (from the extractor's cache), and too long to
 * be cached. */
static void
test_word_sums (void)
{
  const char *sentences[][6] = {
    { "قال", "الرئيس", "محمد", "في", "بيروت", "." },
    { "وصل", "محمد", "إلى", "بيروت", "أمس", "." },
    { "قال", "الرئيس", "محمد", "في", "بيروت", "." },
    { "مستشفىالمدينةالجامعيةالكبيرةالجديدةفيبيروت", "في", "بيروت", "قال", "محمد", "!" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaModel) model = alama_model_new_builtin (&error);
  g_autoptr (AlamaFeatures) plain = NULL;
  g_autoptr (AlamaFeatures) summed = NULL;
  guint L;

  g_assert_no_error (error);
  L = alama_model_get_n_labels (model);
  plain = alama_features_new (alama_model_get_lexicon (model));
  summed = alama_features_new (alama_model_get_lexicon (model));
  alama_features_set_lexical_data (plain, alama_model_get_common_words (model),
                                   alama_model_get_gazetteer (model));
  alama_features_set_lexical_data (summed, alama_model_get_common_words (model),
                                   alama_model_get_gazetteer (model));
  alama_features_set_word_scorer (summed, L, sum_own, model);
  g_assert_cmpuint (strlen (sentences[3][0]), >, ALAMA_TYPE_CACHE_MAX_TEXT);

  for (guint s = 0; s < G_N_ELEMENTS (sentences); s++)
    {
      AlamaWord words[6];
      float expected[6 * ALAMA_MODEL_MAX_LABELS];
      float got[6 * ALAMA_MODEL_MAX_LABELS];
      const guint64 *rows;
      guint n_plain;

      for (guint i = 0; i < 6; i++)
        {
          words[i].text = sentences[s][i];
          words[i].len = strlen (sentences[s][i]);
          words[i].kind = alama_word_guess_kind (words[i].text, words[i].len);
        }
      rows = alama_features_extract (plain, words, 6, NULL);
      n_plain = count_features (rows, 6);
      alama_model_score (model, rows, 6, NULL, expected);
      rows = alama_features_extract (summed, words, 6, NULL);
      /* The own features are left out of the rows: at least the bias,
       * the forms, the affixes and a trigram per word. */
      g_assert_cmpuint (count_features (rows, 6) + 6 * 10, <=, n_plain);
      alama_model_score (model, rows, 6, alama_features_get_word_sums (summed), got);
      g_assert_cmpmem (got, 6 * L * sizeof (float), expected, 6 * L * sizeof (float));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/model/train-and-load", test_train_and_load);
  g_test_add_func ("/alama/model/layout-documented", test_layout_documented);
  g_test_add_func ("/alama/model/lexical-sections", test_lexical_sections);
  g_test_add_func ("/alama/model/deterministic", test_deterministic);
  g_test_add_func ("/alama/model/file-order", test_file_order);
  g_test_add_func ("/alama/model/trainer-bad-tag", test_trainer_bad_tag);
  g_test_add_func ("/alama/model/truncated", test_truncated);
  g_test_add_func ("/alama/model/one-byte-more", test_one_byte_more);
  g_test_add_func ("/alama/model/flipped-byte", test_flipped_byte);
  g_test_add_func ("/alama/model/wrong-magic", test_wrong_magic);
  g_test_add_func ("/alama/model/version", test_version);
  g_test_add_func ("/alama/model/hostile-header", test_hostile_header);
  g_test_add_func ("/alama/model/hostile-body", test_hostile_body);
  g_test_add_func ("/alama/model/full-tables", test_full_tables);
  g_test_add_func ("/alama/model/missing-file", test_missing_file);
  g_test_add_func ("/alama/model/builtin", test_builtin);
  g_test_add_func ("/alama/model/unaligned", test_unaligned);
  g_test_add_func ("/alama/model/write-minimal", test_write_minimal);
  g_test_add_func ("/alama/model/word-sums", test_word_sums);

  status = g_test_run ();
  remove_tmp ();
  return status;
}
