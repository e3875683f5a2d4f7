/* alama-trainer.c: structured averaged perceptron over IOB2 sequences, or
 * a linear-chain CRF over the same features and labels
 * (alama-crf-learner.c).
 *
 * Training is single-threaded and fully deterministic for a given seed:
 * the only randomness is the order of sentences in each epoch, drawn from
 * a GRand seeded by the user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-trainer.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "alama-conll-reader.h"
#include "alama-crf-learner.h"
#include "alama-context.h"
#include "alama-decoder.h"
#include "alama-features.h"
#include "alama-hash-map.h"
#include "alama-history.h"
#include "alama-lexicon.h"
#include "alama-model.h"
#include "alama-recognizer.h"
#include "alama-scorer.h"

typedef struct
{
  guint first_word;
  guint n_words;
  gboolean starts_document;  /* first of a file, or after a -DOCSTART- line */
} Sentence;

struct _AlamaTrainer
{
  GStringChunk *strings;
  GPtrArray *words;      /* every word of every file, in order */
  GPtrArray *tags;       /* its tag string */
  GArray *train;         /* Sentence */
  GArray *dev;           /* Sentence */
  GArray *all;           /* Sentence: both, in file order */
  guint8 *is_dev;        /* per word, set up by train () */
  GPtrArray *files;      /* base names, for the model's metadata */

  guint epochs;
  guint32 seed;
  guint ensemble;        /* how many models are averaged, 1: just one */
  guint min_count;
  float temperature;     /* 0: calibrate on the dev (else training) set */
  AlamaTrainerProgress progress;
  gpointer progress_data;

  /* Set up by train (). */
  GPtrArray *types;      /* type names, sorted */
  guint n_labels;
  guint8 *labels;        /* gold label per word */
  guint32 *feat_start;   /* per word: first entry in feat_ids; one extra at the end */
  guint32 *feat_ids;
  gsize n_features;
  guint64 *feature_keys; /* id → hash */
  char *dev_report;

  /* Lexical data stored into the model (alama-common-words.h,
   * alama-gazetteer.h); built by extract_features (). */
  gboolean use_common_words;
  gboolean use_gazetteers;
  AlamaWordSetBuilder *common_words;
  AlamaGazetteerBuilder *gazetteer;
  AlamaWordSet common_words_view;
  AlamaGazetteer gazetteer_view;

  /* Document history (alama-history.h). */
  guint history_window;  /* 0: none */
  guint8 *history_labels; /* per word, cross-validated first-pass label */

  AlamaTrainerLearner learner;
  double sigma2;         /* the CRF's prior variance */
  /* Context aggregation (alama-context.h). */
  guint context_window;  /* 0: none */
};

AlamaTrainer *
alama_trainer_new (void)
{
  AlamaTrainer *self = g_new0 (AlamaTrainer, 1);

  self->strings = g_string_chunk_new (1 << 16);
  self->words = g_ptr_array_new ();
  self->tags = g_ptr_array_new ();
  self->train = g_array_new (FALSE, FALSE, sizeof (Sentence));
  self->dev = g_array_new (FALSE, FALSE, sizeof (Sentence));
  self->all = g_array_new (FALSE, FALSE, sizeof (Sentence));
  self->files = g_ptr_array_new_with_free_func (g_free);
  self->epochs = 12;
  self->seed = 1;
  self->ensemble = 1;
  self->min_count = 2;
  self->use_common_words = TRUE;
  self->use_gazetteers = TRUE;
  self->history_window = ALAMA_TRAINER_DEFAULT_HISTORY_WINDOW;
  self->learner = ALAMA_TRAINER_LEARNER_PERCEPTRON;
  self->sigma2 = ALAMA_CRF_DEFAULT_SIGMA2;
  self->context_window = ALAMA_TRAINER_DEFAULT_CONTEXT_WINDOW;
  return self;
}

void
alama_trainer_free (AlamaTrainer *self)
{
  if (self == NULL)
    return;
  g_string_chunk_free (self->strings);
  g_ptr_array_unref (self->words);
  g_ptr_array_unref (self->tags);
  g_array_unref (self->train);
  g_array_unref (self->dev);
  g_array_unref (self->all);
  g_free (self->is_dev);
  g_ptr_array_unref (self->files);
  if (self->types)
    g_ptr_array_unref (self->types);
  g_free (self->labels);
  g_free (self->feat_start);
  g_free (self->feat_ids);
  g_free (self->feature_keys);
  g_free (self->dev_report);
  g_free (self->history_labels);
  alama_word_set_builder_free (self->common_words);
  alama_gazetteer_builder_free (self->gazetteer);
  g_free (self);
}

/**
 * alama_trainer_set_lexical_data:
 * @trainer: the trainer
 * @common_words: whether the model learns from, and stores, the dictionary
 *   of ordinary words (data/common-words/)
 * @gazetteers: whether it learns from, and stores, the lists of known
 *   names (data/gazetteers/)
 *
 * Both are on by default; turning them off is for measuring what they
 * bring.
 */
void
alama_trainer_set_lexical_data (AlamaTrainer *self,
                                gboolean      common_words,
                                gboolean      gazetteers)
{
  self->use_common_words = common_words;
  self->use_gazetteers = gazetteers;
}

/* Builds the dictionary and the gazetteer from the lists compiled into the
 * library, cleaned with the training corpus's word counts. */
static void
build_lexical_data (AlamaTrainer       *self,
                    const AlamaLexicon *lexicon)
{
  if (self->use_common_words)
    {
      self->common_words = alama_word_set_builder_new ();
      alama_word_set_builder_add_builtin (self->common_words, lexicon);
      alama_word_set_builder_view (self->common_words, &self->common_words_view);
    }
  if (self->use_gazetteers)
    {
      self->gazetteer = alama_gazetteer_builder_new ();
      alama_gazetteer_builder_add_builtin (self->gazetteer, lexicon);
      alama_gazetteer_builder_view (self->gazetteer, &self->gazetteer_view);
    }
}

void
alama_trainer_set_epochs (AlamaTrainer *self,
                          guint         epochs)
{
  self->epochs = MAX (epochs, 1);
}

void
alama_trainer_set_seed (AlamaTrainer *self,
                        guint32       seed)
{
  self->seed = seed;
}

/**
 * alama_trainer_set_ensemble:
 * @trainer: the trainer
 * @n_models: how many models to train, with the seeds seed, seed + 1, …,
 *   and average into the one written (1: just one)
 *
 * Averaging models that saw the sentences in different orders evens out
 * the luck of one order; training takes @n_models times as long, tagging
 * no longer.
 */
void
alama_trainer_set_ensemble (AlamaTrainer *self,
                            guint         n_models)
{
  self->ensemble = CLAMP (n_models, 1, ALAMA_TRAINER_MAX_ENSEMBLE);
}

/**
 * alama_trainer_set_min_feature_count:
 * @trainer: the trainer
 * @count: how many times a feature must occur in the training data to be
 *   learned (1 keeps all)
 */
void
alama_trainer_set_min_feature_count (AlamaTrainer *self,
                                     guint         count)
{
  self->min_count = MAX (count, 1);
}

/**
 * alama_trainer_set_temperature:
 * @trainer: the trainer
 * @temperature: the confidence temperature to store in the model, or 0 to
 *   fit it on the dev sentences (on the training sentences when there are
 *   none, which makes confidences too high)
 */
void
alama_trainer_set_temperature (AlamaTrainer *self,
                               float         temperature)
{
  self->temperature = MAX (temperature, 0.0f);
}

/**
 * alama_trainer_get_temperature:
 * @trainer: a trainer that has trained
 *
 * Returns: the temperature stored in the model
 */
float
alama_trainer_get_temperature (AlamaTrainer *self)
{
  return self->temperature;
}

/**
 * alama_trainer_set_learner:
 * @trainer: the trainer
 * @learner: how to learn the weights
 *
 * The structured averaged perceptron is the default.  The models of the
 * document history's folds are trained the same way.
 */
void
alama_trainer_set_learner (AlamaTrainer       *self,
                           AlamaTrainerLearner learner)
{
  self->learner = learner;
}

/**
 * alama_trainer_set_l2:
 * @trainer: the trainer
 * @sigma2: the variance of the CRF's Gaussian prior on the weights (> 0;
 *   smaller regularizes more); the default is %ALAMA_CRF_DEFAULT_SIGMA2
 *
 * Only the CRF learner is regularized.
 */
void
alama_trainer_set_l2 (AlamaTrainer *self,
                      double        sigma2)
{
  g_return_if_fail (sigma2 > 0);
  self->sigma2 = sigma2;
}

void
alama_trainer_set_progress (AlamaTrainer        *self,
                            AlamaTrainerProgress progress,
                            gpointer             user_data)
{
  self->progress = progress;
  self->progress_data = user_data;
}

static gboolean
tag_is_valid (const char *tag)
{
  if (strcmp (tag, "O") == 0)
    return TRUE;
  return (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-' && tag[2] != '\0'
         && strlen (tag + 2) < 16;
}

/**
 * alama_trainer_add_file:
 * @trainer: the trainer
 * @path: a CoNLL file with IOB2 tags ("TOKEN TAG" lines)
 * @dev: %TRUE to hold it out for evaluation after each epoch
 *
 * Each file, and each "-DOCSTART-" line in one, starts a new document
 * for the document history.
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Returns: %TRUE when the file was read whole
 */
gboolean
alama_trainer_add_file (AlamaTrainer *self,
                        const char   *path,
                        gboolean      dev,
                        GError      **error)
{
  FILE *stream = fopen (path, "r");
  g_autoptr (AlamaConllReader) reader = NULL;
  GError *local_error = NULL;
  gboolean first;

  if (stream == NULL)
    {
      int saved = errno;

      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_IO, "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  reader = alama_conll_reader_new (stream, path);
  first = TRUE;
  while (alama_conll_reader_next (reader, &local_error))
    {
      guint n = alama_conll_reader_get_n_words (reader);
      const char *const *words = alama_conll_reader_get_words (reader);
      const char *const *tags = alama_conll_reader_get_tags (reader);
      Sentence s = { self->words->len, n,
                     first || alama_conll_reader_starts_document (reader) };

      first = FALSE;

      for (guint i = 0; i < n; i++)
        {
          if (tags[i] == NULL || !tag_is_valid (tags[i]))
            {
              g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                           "%s:%u: expected an IOB2 tag (O, B-TYPE or I-TYPE) after the word, "
                           "found %s%s%s",
                           path, alama_conll_reader_get_first_line (reader) + i,
                           tags[i] ? "\"" : "", tags[i] ? tags[i] : "nothing",
                           tags[i] ? "\"" : "");
              fclose (stream);
              return FALSE;
            }
          g_ptr_array_add (self->words, g_string_chunk_insert (self->strings, words[i]));
          g_ptr_array_add (self->tags, g_string_chunk_insert_const (self->strings, tags[i]));
        }
      g_array_append_val (dev ? self->dev : self->train, s);
      g_array_append_val (self->all, s);
    }
  fclose (stream);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (!dev)
    g_ptr_array_add (self->files, g_path_get_basename (path));
  return TRUE;
}

/**
 * alama_trainer_hold_out:
 * @trainer: the trainer
 * @fraction: the share of training sentences, in (0, 1), to hold out
 *
 * Moves the last @fraction of the training sentences (in file order) to
 * the dev set: the usual way to carve a dev split from a corpus that has
 * none.
 */
void
alama_trainer_hold_out (AlamaTrainer *self,
                        double        fraction)
{
  guint n;

  g_return_if_fail (fraction > 0 && fraction < 1);
  n = (guint) (self->train->len * fraction + 0.5);
  for (guint k = self->train->len - n; k < self->train->len; k++)
    g_array_append_val (self->dev, g_array_index (self->train, Sentence, k));
  g_array_set_size (self->train, self->train->len - n);
}

guint
alama_trainer_get_n_sentences (AlamaTrainer *self,
                               gboolean      dev)
{
  return (dev ? self->dev : self->train)->len;
}

guint
alama_trainer_get_n_words (AlamaTrainer *self,
                           gboolean      dev)
{
  GArray *sentences = dev ? self->dev : self->train;
  guint n = 0;

  for (guint i = 0; i < sentences->len; i++)
    n += g_array_index (sentences, Sentence, i).n_words;
  return n;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Finds the entity types and turns tags into label numbers, repairing I-t
 * after O or after another type into B-t, as conlleval reads it. */
static gboolean
assign_labels (AlamaTrainer *self,
               GError      **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *sets[2] = { self->train, self->dev };

  self->types = g_ptr_array_new ();
  for (guint i = 0; i < self->tags->len; i++)
    {
      const char *tag = self->tags->pdata[i];

      if (strcmp (tag, "O") != 0 && g_hash_table_add (seen, (gpointer) (tag + 2)))
        g_ptr_array_add (self->types, (gpointer) (tag + 2));
    }
  if (self->types->len == 0 || self->types->len > ALAMA_MODEL_MAX_TYPES)
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "the training data has %u entity types; a model takes 1 to %d",
                   self->types->len, ALAMA_MODEL_MAX_TYPES);
      return FALSE;
    }
  g_ptr_array_sort (self->types, compare_strings);
  self->n_labels = 2 * self->types->len + 1;

  self->labels = g_new0 (guint8, self->words->len);
  for (guint s = 0; s < 2; s++)
    for (guint k = 0; k < sets[s]->len; k++)
      {
        Sentence *sentence = &g_array_index (sets[s], Sentence, k);
        guint8 prev = 0;

        for (guint i = sentence->first_word; i < sentence->first_word + sentence->n_words; i++)
          {
            const char *tag = self->tags->pdata[i];
            guint8 label = 0;

            if (strcmp (tag, "O") != 0)
              for (guint t = 0; t < self->types->len; t++)
                if (strcmp (tag + 2, self->types->pdata[t]) == 0)
                  {
                    label = (guint8) (tag[0] == 'B' ? 1 + 2 * t : 2 + 2 * t);
                    if (label % 2 == 0 && prev != label && prev + 1 != label)
                      label--;
                  }
            self->labels[i] = label;
            prev = label;
          }
      }
  return TRUE;
}

static void
sentence_words (AlamaTrainer   *self,
                const Sentence *s,
                GArray         *words)
{
  g_array_set_size (words, s->n_words);
  for (guint i = 0; i < s->n_words; i++)
    {
      AlamaWord *w = &g_array_index (words, AlamaWord, i);

      w->text = self->words->pdata[s->first_word + i];
      w->len = strlen (w->text);
      w->kind = alama_word_guess_kind (w->text, w->len);
    }
}

/**
 * alama_trainer_set_history:
 * @trainer: the trainer
 * @window: how many preceding sentences the document history features
 *   look at (alama-history.h), 0 for none
 *
 * The default is %ALAMA_TRAINER_DEFAULT_HISTORY_WINDOW.
 */
void
alama_trainer_set_history (AlamaTrainer *self,
                           guint         window)
{
  self->history_window = MIN (window, ALAMA_MODEL_MAX_HISTORY_WINDOW);
}

/**
 * alama_trainer_set_context:
 * @trainer: the trainer
 * @window: how many preceding sentences the context aggregation features
 *   look at (alama-context.h), 0 for none
 *
 * The default is %ALAMA_TRAINER_DEFAULT_CONTEXT_WINDOW.  The first-pass
 * models behind the document history use the same window.
 */
void
alama_trainer_set_context (AlamaTrainer *self,
                           guint         window)
{
  self->context_window = MIN (window, ALAMA_MODEL_MAX_CONTEXT_WINDOW);
}

#define HISTORY_FOLDS 5

/* Trains a model without history on the training sentences outside
 * [first, end) and labels the words of those sentences (and, for fold 0,
 * of the dev sentences) with it into history_labels, the way `tag` would. */
static gboolean
label_fold (AlamaTrainer *self,
            guint         first,
            guint         end,
            gboolean      with_dev,
            GError      **error)
{
  g_autoptr (AlamaTrainer) fold = alama_trainer_new ();
  g_autoptr (AlamaModel) model = NULL;
  g_autoptr (AlamaRecognizer) recognizer = NULL;
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (AlamaWord));
  g_autofree char *path = NULL;
  int fd;
  gboolean ok;

  fold->epochs = self->epochs;
  fold->seed = self->seed;
  fold->min_count = self->min_count;
  fold->temperature = 1.0f;
  fold->use_common_words = self->use_common_words;
  fold->use_gazetteers = self->use_gazetteers;
  fold->history_window = 0;
  fold->learner = self->learner;
  fold->sigma2 = self->sigma2;
  fold->context_window = self->context_window;
  for (guint k = 0; k < self->train->len; k++)
    {
      const Sentence *s = &g_array_index (self->train, Sentence, k);
      Sentence copy = { fold->words->len, s->n_words, s->starts_document || k == end };

      if (k >= first && k < end)
        continue;
      for (guint i = 0; i < s->n_words; i++)
        {
          g_ptr_array_add (fold->words, self->words->pdata[s->first_word + i]);
          g_ptr_array_add (fold->tags, self->tags->pdata[s->first_word + i]);
        }
      g_array_append_val (fold->train, copy);
      g_array_append_val (fold->all, copy);
    }
  if (fold->train->len == 0)
    return TRUE;

  fd = g_file_open_tmp ("alama-fold-XXXXXX.model", &path, error);
  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);
  ok = alama_trainer_train (fold, path, error);
  if (ok)
    model = alama_model_new_from_file (path, error);
  g_unlink (path);
  if (model == NULL)
    return FALSE;

  recognizer = alama_recognizer_new (model);
  for (guint pass = 0; pass < 2; pass++)
    {
      GArray *set = pass == 0 ? self->train : self->dev;
      guint from = pass == 0 ? first : 0;
      guint to = pass == 0 ? end : with_dev ? self->dev->len : 0;

      alama_recognizer_start_document (recognizer);
      for (guint k = from; k < to; k++)
        {
          const Sentence *s = &g_array_index (set, Sentence, k);
          const char *const *tags;

          if (s->starts_document)
            alama_recognizer_start_document (recognizer);
          sentence_words (self, s, words);
          tags = alama_recognizer_tag_words (recognizer, (const AlamaWord *) words->data,
                                             s->n_words);
          for (guint i = 0; i < s->n_words; i++)
            {
              guint8 label = 0;

              if (tags && strcmp (tags[i], "O") != 0)
                for (guint t = 0; t < self->types->len; t++)
                  if (strcmp (tags[i] + 2, self->types->pdata[t]) == 0)
                    label = (guint8) (tags[i][0] == 'B' ? 1 + 2 * t : 2 + 2 * t);
              self->history_labels[s->first_word + i] = label;
            }
        }
    }
  return TRUE;
}

/* The labels the history is built from when training: each training
 * sentence labelled by a model trained on the other folds (contiguous
 * blocks, so a document mostly stays in one fold), so that the history
 * holds the kind of mistakes it will hold on new text. */
static gboolean
cross_validate (AlamaTrainer *self,
                GError      **error)
{
  guint n = self->train->len;

  self->history_labels = g_new0 (guint8, self->words->len);
  if (n < HISTORY_FOLDS)
    {
      memcpy (self->history_labels, self->labels, self->words->len);
      return TRUE;
    }
  for (guint f = 0; f < HISTORY_FOLDS; f++)
    if (!label_fold (self, (guint) ((guint64) n * f / HISTORY_FOLDS),
                     (guint) ((guint64) n * (f + 1) / HISTORY_FOLDS), f == 0, error))
      return FALSE;
  return TRUE;
}

/* Extracts every word's features and numbers those that occur at least
 * min_count times in the training sentences; dev words keep only features
 * that training knows.  Sentences are visited in file order, so word w's
 * features end where word w + 1's start. */
static void
extract_features (AlamaTrainer        *self,
                  AlamaLexiconBuilder *lexicon)
{
  g_autoptr (AlamaHistory) history = NULL;
  g_autoptr (AlamaContext) context = NULL;
  g_autoptr (AlamaFeatures) extractor = NULL;
  g_autoptr (GArray) held_out = g_array_new (FALSE, FALSE, sizeof (guint8));
  AlamaLexicon lexicon_view;
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (AlamaWord));
  g_autoptr (GArray) hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree guint32 *hash_start = g_new0 (guint32, self->words->len + 1);
  g_autoptr (GArray) ids_out = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint n_words = self->words->len;
  AlamaHashMap counts;
  AlamaHashMap ids;

  alama_hash_map_init (&counts);
  alama_hash_map_init (&ids);

  for (guint word = 0; word < n_words; word++)
    if (!self->is_dev[word])
      alama_lexicon_builder_add (lexicon, self->words->pdata[word],
                                 strlen (self->words->pdata[word]), self->labels[word] != 0);
  alama_lexicon_builder_view (lexicon, &lexicon_view);
  extractor = alama_features_new (&lexicon_view);
  build_lexical_data (self, &lexicon_view);
  alama_features_set_lexical_data (extractor, &self->common_words_view, &self->gazetteer_view);
  if (self->history_window > 0)
    {
      history = alama_history_new (self->history_window);
      alama_features_set_history (extractor, history);
    }
  if (self->context_window > 0)
    {
      context = alama_context_new (self->context_window);
      alama_features_set_context (extractor, context);
    }

  for (guint k = 0; k < self->all->len; k++)
    {
      const Sentence *sentence = &g_array_index (self->all, Sentence, k);
      gboolean dev = self->is_dev[sentence->first_word];
      const guint64 *rows;

      if (history && sentence->starts_document)
        alama_history_reset (history);
      if (context && sentence->starts_document)
        alama_context_reset (context);
      sentence_words (self, sentence, words);
      g_array_set_size (held_out, sentence->n_words);
      for (guint i = 0; i < sentence->n_words; i++)
        g_array_index (held_out, guint8, i)
            = dev ? 0 : self->labels[sentence->first_word + i] != 0 ? 2 : 1;
      rows = alama_features_extract (extractor, (const AlamaWord *) words->data,
                                     sentence->n_words, (const guint8 *) held_out->data);
      /* The history of the next sentences: what a first-pass model,
       * which did not see this sentence, labelled its words. */
      if (history)
        {
          for (guint i = 0; i < sentence->n_words; i++)
            {
              guint8 label = self->history_labels[sentence->first_word + i];

              if (label != 0 || alama_features_get_history (extractor, i) != 0)
                alama_history_add (history,
                                   alama_features_get_key (extractor,
                                                           &g_array_index (words, AlamaWord, i), i),
                                   label == 0 ? 0 : (label - 1u) / 2 + 1);
            }
          alama_history_end_sentence (history);
        }
      for (guint i = 0; i < sentence->n_words; i++)
        {
          guint word = sentence->first_word + i;
          const guint64 *f = rows + (gsize) i * ALAMA_MAX_FEATURES;

          hash_start[word] = hashes->len;
          for (guint j = 0; j < ALAMA_MAX_FEATURES && f[j] != 0; j++)
            {
              g_array_append_val (hashes, f[j]);
              if (!dev)
                (*alama_hash_map_insert (&counts, f[j], NULL))++;
            }
        }
    }
  hash_start[n_words] = hashes->len;

  self->feat_start = g_new0 (guint32, n_words + 1);
  for (guint word = 0; word < n_words; word++)
    {
      const guint64 *h = &g_array_index (hashes, guint64, 0);

      self->feat_start[word] = ids_out->len;
      for (guint32 j = hash_start[word]; j < hash_start[word + 1]; j++)
        {
          const guint32 *count = alama_hash_map_lookup (&counts, h[j]);
          gboolean inserted;
          guint32 *id;

          if (count == NULL || *count < self->min_count)
            continue;
          id = alama_hash_map_insert (&ids, h[j], &inserted);
          if (inserted)
            {
              *id = keys->len;
              g_array_append_val (keys, h[j]);
            }
          g_array_append_val (ids_out, *id);
        }
    }
  self->feat_start[n_words] = ids_out->len;
  self->n_features = keys->len;
  self->feature_keys = (guint64 *) g_array_free (g_steal_pointer (&keys), FALSE);
  self->feat_ids = (guint32 *) g_array_free (g_steal_pointer (&ids_out), FALSE);
  alama_hash_map_clear (&counts);
  alama_hash_map_clear (&ids);
}

/* The features of word w are feat_ids[feat_start[w] … feat_start[w + 1]). */
static void
word_scores (const AlamaTrainer *self,
             const float        *weights,
             guint               word,
             float              *scores)
{
  guint L = self->n_labels;

  for (guint l = 0; l < L; l++)
    scores[l] = 0;
  for (guint32 j = self->feat_start[word]; j < self->feat_start[word + 1]; j++)
    {
      const float *w = weights + (gsize) self->feat_ids[j] * L;

      for (guint l = 0; l < L; l++)
        scores[l] += w[l];
    }
}

typedef struct
{
  float *w;      /* current weights: features then transitions */
  double *u;     /* sum of updates weighted by their time, for averaging */
  float *avg;    /* averaged weights, computed when needed */
  gsize size;
  guint64 time;
} Weights;

static void
update (Weights *weights,
        gsize    index,
        float    delta)
{
  weights->w[index] += delta;
  weights->u[index] += (double) weights->time * delta;
}

static void
average (Weights *weights)
{
  /* The average of w over all time steps is w - u / t. */
  for (gsize i = 0; i < weights->size; i++)
    weights->avg[i] = (float) (weights->w[i] - weights->u[i] / (double) MAX (weights->time, 1));
}

typedef struct
{
  AlamaDecoder *decoder;
  float *scores;
  guint *predicted;
  gsize capacity;
} Workspace;

static void
decode_sentence (const AlamaTrainer *self,
                 const float        *weights,
                 const Sentence     *s,
                 Workspace          *ws)
{
  guint L = self->n_labels;

  if (s->n_words > ws->capacity)
    {
      ws->capacity = MAX (s->n_words, 2 * ws->capacity);
      ws->scores = g_renew (float, ws->scores, ws->capacity * L);
      ws->predicted = g_renew (guint, ws->predicted, ws->capacity);
    }
  for (guint i = 0; i < s->n_words; i++)
    word_scores (self, weights, s->first_word + i, ws->scores + (gsize) i * L);
  alama_decoder_viterbi (ws->decoder, ws->scores, weights + self->n_features * L, s->n_words,
                         ws->predicted);
}

/* One epoch of the structured perceptron over the training sentences in
 * @order; returns how many words it labelled wrong. */
static guint
perceptron_epoch (AlamaTrainer *self,
                  Weights      *weights,
                  const guint  *order,
                  Workspace    *ws)
{
  guint L = self->n_labels;
  guint mistakes = 0;

  for (guint k = 0; k < self->train->len; k++)
    {
      const Sentence *s = &g_array_index (self->train, Sentence, order[k]);
      guint prev_gold = L;
      guint prev_pred = L;

      weights->time++;
      decode_sentence (self, weights->w, s, ws);
      for (guint i = 0; i < s->n_words; i++)
        {
          guint word = s->first_word + i;
          guint gold = self->labels[word];
          guint pred = ws->predicted[i];

          if (gold != pred)
            {
              mistakes++;
              for (guint32 j = self->feat_start[word]; j < self->feat_start[word + 1]; j++)
                {
                  gsize base = (gsize) self->feat_ids[j] * L;

                  update (weights, base + gold, 1.0f);
                  update (weights, base + pred, -1.0f);
                }
            }
          if (gold != pred || prev_gold != prev_pred)
            {
              gsize base = self->n_features * L;

              update (weights, base + (gsize) prev_gold * L + gold, 1.0f);
              update (weights, base + (gsize) prev_pred * L + pred, -1.0f);
            }
          prev_gold = gold;
          prev_pred = pred;
        }
    }
  return mistakes;
}

/* Scores @weights on @sentences; sets @f1 to the micro F1. */
static AlamaScorer *
evaluate (AlamaTrainer *self,
          const float  *weights,
          GArray       *sentences,
          Workspace    *ws,
          GPtrArray    *names,
          double       *f1)
{
  AlamaScorer *scorer = alama_scorer_new ();
  g_autoptr (GPtrArray) gold = g_ptr_array_new ();
  g_autoptr (GPtrArray) pred = g_ptr_array_new ();

  for (guint k = 0; k < sentences->len; k++)
    {
      const Sentence *s = &g_array_index (sentences, Sentence, k);

      decode_sentence (self, weights, s, ws);
      g_ptr_array_set_size (gold, 0);
      g_ptr_array_set_size (pred, 0);
      for (guint i = 0; i < s->n_words; i++)
        {
          g_ptr_array_add (gold, names->pdata[self->labels[s->first_word + i]]);
          g_ptr_array_add (pred, names->pdata[ws->predicted[i]]);
        }
      alama_scorer_add_tags (scorer, (const char *const *) gold->pdata,
                             (const char *const *) pred->pdata, s->n_words);
    }
  {
    AlamaScoreRow total;

    alama_scorer_get_total (scorer, &total);
    *f1 = alama_score_f1 (&total);
  }
  return scorer;
}

/* Chooses the temperature that makes the label marginals best calibrated
 * (lowest negative log-likelihood of the reference labels) on the held-out
 * sentences, or on the training sentences when there are none. */
static float
calibrate_temperature (AlamaTrainer *self,
                       const float  *weights,
                       GArray       *sentences,
                       Workspace    *ws)
{
  guint L = self->n_labels;
  g_autofree float *marginals = NULL;
  gsize marginals_capacity = 0;
  double best_nll = INFINITY;
  float best_t = 1.0f;
  double scale = 0;
  gsize n_scores = 0;
  guint n_sentences = MIN (sentences->len, 2000);

  /* Scores of a perceptron have no natural unit: search around their mean
   * spread. */
  for (guint k = 0; k < n_sentences; k++)
    {
      const Sentence *s = &g_array_index (sentences, Sentence, k);

      decode_sentence (self, weights, s, ws);
      for (gsize i = 0; i < (gsize) s->n_words * L; i++)
        scale += fabsf (ws->scores[i]);
      n_scores += (gsize) s->n_words * L;
    }
  scale = n_scores ? scale / n_scores : 1.0;
  if (scale <= 0)
    scale = 1.0;

  for (int step = -8; step <= 8; step++)
    {
      float t = (float) (scale * pow (2.0, step / 2.0));
      double nll = 0;

      for (guint k = 0; k < n_sentences; k++)
        {
          const Sentence *s = &g_array_index (sentences, Sentence, k);

          decode_sentence (self, weights, s, ws);
          if ((gsize) s->n_words * L > marginals_capacity)
            {
              marginals_capacity = (gsize) s->n_words * L * 2;
              marginals = g_renew (float, marginals, marginals_capacity);
            }
          alama_decoder_marginals (ws->decoder, ws->scores, weights + self->n_features * L,
                                   s->n_words, t, marginals);
          for (guint i = 0; i < s->n_words; i++)
            nll -= log (MAX (marginals[(gsize) i * L + self->labels[s->first_word + i]], 1e-9f));
        }
      if (nll < best_nll)
        {
          best_nll = nll;
          best_t = t;
        }
    }
  return best_t;
}

static char *
build_metadata (AlamaTrainer *self,
                guint         best_epoch,
                double        dev_f1,
                gsize         n_kept,
                float         temperature)
{
  GString *json = g_string_new ("{\n  \"name\": \"alama-ner\",\n");

  g_string_append_printf (json, "  \"format\": %d,\n  \"feature_set\": %d,\n",
                          ALAMA_MODEL_FORMAT_VERSION, ALAMA_FEATURE_SET_VERSION);
  if (self->learner == ALAMA_TRAINER_LEARNER_CRF)
    {
      char sigma2[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (sigma2, sizeof sigma2, "%g", self->sigma2);
      g_string_append_printf (json, "  \"learner\": \"linear-chain CRF\",\n"
                                    "  \"l2_sigma2\": %s,\n", sigma2);
    }
  else
    g_string_append (json, "  \"learner\": \"structured averaged perceptron\",\n");
  g_string_append (json, "  \"types\": [");
  for (guint t = 0; t < self->types->len; t++)
    g_string_append_printf (json, "%s\"%s\"", t ? ", " : "", (char *) self->types->pdata[t]);
  g_string_append (json, "],\n  \"trained_on\": [");
  for (guint f = 0; f < self->files->len; f++)
    {
      g_autofree char *escaped = g_strescape (self->files->pdata[f], NULL);

      g_string_append_printf (json, "%s\"%s\"", f ? ", " : "", escaped);
    }
  g_string_append_printf (json,
                          "],\n  \"sentences\": %u,\n  \"words\": %u,\n  \"epochs\": %u,\n"
                          "  \"best_epoch\": %u,\n  \"seed\": %u,\n  \"min_feature_count\": %u,\n"
                          "  \"features\": %" G_GSIZE_FORMAT ",\n  \"temperature\": %.4g",
                          self->train->len, alama_trainer_get_n_words (self, FALSE), self->epochs,
                          best_epoch, self->seed, self->min_count, n_kept, temperature);
  g_string_append_printf (json, ",\n  \"ensemble\": %u", self->ensemble);
  g_string_append_printf (json, ",\n  \"common_words\": %" G_GSIZE_FORMAT
                          ",\n  \"gazetteer_keys\": %" G_GSIZE_FORMAT,
                          self->common_words ? alama_word_set_builder_size (self->common_words) : 0,
                          self->gazetteer ? alama_gazetteer_builder_size (self->gazetteer) : 0);
  g_string_append_printf (json, ",\n  \"history_window\": %u", self->history_window);
  g_string_append_printf (json, ",\n  \"context_window\": %u", self->context_window);
  if (dev_f1 >= 0)
    g_string_append_printf (json, ",\n  \"dev_f1\": %.4f", dev_f1);
  g_string_append (json, "\n}\n");
  return g_string_free (json, FALSE);
}

/* Trains one model with @seed's sentence order; returns its weights (those
 * of the best epoch on the dev files when there are any, else of the last
 * one) and sets the best dev F1 and its epoch. */
static float *
train_member (AlamaTrainer    *self,
              guint32          seed,
              GPtrArray       *names,
              Workspace       *ws,
              double          *best_f1,
              guint           *best_epoch)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guint *order = g_new (guint, self->train->len);
  g_autoptr (AlamaCrfLearner) crf = NULL;
  Weights weights = { 0 };
  guint L = self->n_labels;
  float *best = NULL;

  weights.size = self->n_features * L + (gsize) (L + 1) * L;
  weights.avg = g_new0 (float, weights.size);
  if (self->learner == ALAMA_TRAINER_LEARNER_CRF)
    {
      AlamaCrfData data = { L, self->n_features, self->feat_start, self->feat_ids, self->labels };

      crf = alama_crf_learner_new (&data, self->train->len, self->sigma2,
                                   ALAMA_CRF_DEFAULT_RATE);
    }
  else
    {
      weights.w = g_new0 (float, weights.size);
      weights.u = g_new0 (double, weights.size);
    }
  for (guint k = 0; k < self->train->len; k++)
    order[k] = k;
  *best_f1 = -1;
  *best_epoch = 0;

  for (guint epoch = 1; epoch <= self->epochs; epoch++)
    {
      g_autoptr (GTimer) timer = g_timer_new ();
      guint mistakes = 0;
      double dev_f1 = -1;

      /* Fisher–Yates with the seeded generator. */
      for (guint k = self->train->len - 1; k > 0; k--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) k + 1);
          guint tmp = order[k];

          order[k] = order[j];
          order[j] = tmp;
        }

      if (crf)
        {
          for (guint k = 0; k < self->train->len; k++)
            {
              const Sentence *s = &g_array_index (self->train, Sentence, order[k]);
              guint errors;

              alama_crf_learner_step (crf, s->first_word, s->n_words, &errors);
              mistakes += errors;
            }
          alama_crf_learner_get_weights (crf, weights.avg);
        }
      else
        {
          mistakes = perceptron_epoch (self, &weights, order, ws);
          average (&weights);
        }
      if (self->dev->len > 0)
        {
          g_autoptr (AlamaScorer) scorer = evaluate (self, weights.avg, self->dev, ws, names,
                                                     &dev_f1);

          if (dev_f1 > *best_f1)
            {
              *best_f1 = dev_f1;
              *best_epoch = epoch;
              g_free (best);
              best = g_memdup2 (weights.avg, weights.size * sizeof (float));
              g_free (self->dev_report);
              self->dev_report = alama_scorer_format (scorer);
            }
        }
      if (self->progress)
        self->progress (epoch, self->epochs, mistakes, g_timer_elapsed (timer, NULL), dev_f1,
                        self->progress_data);
    }
  if (best == NULL)
    {
      best = g_steal_pointer (&weights.avg);
      *best_epoch = self->epochs;
    }
  g_free (weights.w);
  g_free (weights.u);
  g_free (weights.avg);
  return best;
}

/**
 * alama_trainer_train:
 * @trainer: the trainer, with training files added
 * @model_path: where to write the model
 * @error: return location for an error
 *
 * Trains for the set number of epochs.  With dev files, the weights of the
 * epoch with the best dev F1 are kept; otherwise those of the last epoch.
 *
 * Returns: %TRUE when the model was written
 */
gboolean
alama_trainer_train (AlamaTrainer *self,
                     const char   *model_path,
                     GError      **error)
{
  g_autoptr (AlamaLexiconBuilder) lexicon = alama_lexicon_builder_new ();
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree float *best = NULL;
  Workspace ws = { 0 };
  guint L;
  gsize n_trans;
  gsize size;
  double best_f1 = -1;
  guint best_epoch = 0;
  gboolean ok;

  if (self->train->len == 0)
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "no training sentences");
      return FALSE;
    }
  if (!assign_labels (self, error))
    return FALSE;
  L = self->n_labels;
  g_ptr_array_add (names, g_strdup ("O"));
  for (guint t = 0; t < self->types->len; t++)
    {
      g_ptr_array_add (names, g_strdup_printf ("B-%s", (char *) self->types->pdata[t]));
      g_ptr_array_add (names, g_strdup_printf ("I-%s", (char *) self->types->pdata[t]));
    }

  self->is_dev = g_new0 (guint8, self->words->len);
  for (guint k = 0; k < self->dev->len; k++)
    {
      const Sentence *s = &g_array_index (self->dev, Sentence, k);

      memset (self->is_dev + s->first_word, 1, s->n_words);
    }
  if (self->history_window > 0 && !cross_validate (self, error))
    return FALSE;
  extract_features (self, lexicon);

  n_trans = (gsize) (L + 1) * L;
  size = self->n_features * L + n_trans;
  ws.decoder = alama_decoder_new (L);
  /* An ensemble's members differ in their sentence order; the model gets
   * the mean of their weights. */
  for (guint m = 0; m < self->ensemble; m++)
    {
      g_autofree float *member = NULL;
      double member_f1;
      guint member_epoch;

      member = train_member (self, self->seed + m, names, &ws, &member_f1, &member_epoch);
      if (best == NULL)
        {
          best = g_steal_pointer (&member);
          best_f1 = member_f1;
          best_epoch = member_epoch;
          continue;
        }
      for (gsize i = 0; i < size; i++)
        best[i] += member[i];
    }
  if (self->ensemble > 1)
    {
      for (gsize i = 0; i < size; i++)
        best[i] /= (float) self->ensemble;
      if (self->dev->len > 0)
        {
          g_autoptr (AlamaScorer) scorer = evaluate (self, best, self->dev, &ws, names, &best_f1);

          g_free (self->dev_report);
          self->dev_report = alama_scorer_format (scorer);
        }
    }

  {
    float temperature = self->temperature > 0
                            ? self->temperature
                            : calibrate_temperature (self, best,
                                                     self->dev->len ? self->dev : self->train, &ws);
    g_autofree guint64 *kept_keys = g_new (guint64, self->n_features);
    g_autofree float *kept_weights = g_new (float, self->n_features * L);
    g_autofree char *metadata = NULL;
    g_autofree const char **type_names = g_new (const char *, self->types->len);
    AlamaLexicon lexicon_view;
    AlamaModelData data = { 0 };
    float max_abs = 0;
    float min_weight;
    gsize n_kept = 0;

    /* Features whose weights all round to zero at 16 bits are dropped,
     * and those of a CRF that move no log-odds by more than
     * 2 × ALAMA_CRF_MIN_WEIGHT. */
    for (gsize i = 0; i < self->n_features * L; i++)
      max_abs = MAX (max_abs, fabsf (best[i]));
    min_weight = 0.5f * max_abs / 32767.0f;
    if (self->learner == ALAMA_TRAINER_LEARNER_CRF)
      min_weight = MAX (min_weight, ALAMA_CRF_MIN_WEIGHT);
    for (gsize f = 0; f < self->n_features; f++)
      {
        gboolean useful = FALSE;

        for (guint l = 0; l < L; l++)
          if (fabsf (best[f * L + l]) >= min_weight)
            useful = TRUE;
        if (!useful)
          continue;
        kept_keys[n_kept] = self->feature_keys[f];
        memcpy (kept_weights + n_kept * L, best + f * L, L * sizeof (float));
        n_kept++;
      }
    for (guint t = 0; t < self->types->len; t++)
      type_names[t] = self->types->pdata[t];
    self->temperature = temperature;
    metadata = build_metadata (self, best_epoch, best_f1, n_kept, temperature);
    alama_lexicon_builder_view (lexicon, &lexicon_view);

    data.n_types = self->types->len;
    data.type_names = type_names;
    data.transitions = best + self->n_features * L;
    data.n_features = n_kept;
    data.feature_keys = kept_keys;
    data.feature_weights = kept_weights;
    data.lexicon = &lexicon_view;
    data.temperature = temperature;
    data.metadata = metadata;
    data.common_words = self->common_words ? &self->common_words_view : NULL;
    data.gazetteer = self->gazetteer ? &self->gazetteer_view : NULL;
    data.history_window = self->history_window;
    data.context_window = self->context_window;
    ok = alama_model_write (model_path, &data, error);
  }

  alama_decoder_free (ws.decoder);
  g_free (ws.scores);
  g_free (ws.predicted);
  return ok;
}

/**
 * alama_trainer_format_dev_report:
 * @trainer: a trainer that has trained with dev files
 *
 * Returns: (transfer full) (nullable): the score table of the best epoch
 *   on the dev files, or %NULL
 */
char *
alama_trainer_format_dev_report (AlamaTrainer *self)
{
  return g_strdup (self->dev_report);
}
