/* alama-trainer.h: train a recognizer model with the structured averaged
 * perceptron (or a linear-chain CRF, alama-crf-learner.h) on CoNLL/IOB2
 * files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AlamaTrainer AlamaTrainer;

/* Called after each epoch; dev_f1 is negative when there is no dev set. */
typedef void (*AlamaTrainerProgress) (guint    epoch,
                                      guint    n_epochs,
                                      guint    mistakes,
                                      double   train_seconds,
                                      double   dev_f1,
                                      gpointer user_data);

AlamaTrainer *alama_trainer_new (void);
void alama_trainer_free (AlamaTrainer *trainer);

gboolean alama_trainer_add_file (AlamaTrainer *trainer,
                                 const char   *path,
                                 gboolean      dev,
                                 GError      **error);

void alama_trainer_hold_out (AlamaTrainer *trainer,
                             double        fraction);
void alama_trainer_set_epochs (AlamaTrainer *trainer,
                               guint         epochs);
/* The most models alama_trainer_set_ensemble() averages. */
#define ALAMA_TRAINER_MAX_ENSEMBLE 100

void alama_trainer_set_ensemble (AlamaTrainer *trainer,
                                 guint         n_models);
void alama_trainer_set_seed (AlamaTrainer *trainer,
                             guint32       seed);
void alama_trainer_set_min_feature_count (AlamaTrainer *trainer,
                                          guint         count);
void alama_trainer_set_temperature (AlamaTrainer *trainer,
                                    float         temperature);
float alama_trainer_get_temperature (AlamaTrainer *trainer);
void alama_trainer_set_lexical_data (AlamaTrainer *trainer,
                                     gboolean      common_words,
                                     gboolean      gazetteers);
/* Preceding sentences the document history looks at (alama-history.h). */
#define ALAMA_TRAINER_DEFAULT_HISTORY_WINDOW 20

void alama_trainer_set_history (AlamaTrainer *trainer,
                                guint         window);
/* How the weights are learned; both give weights of the same model. */
typedef enum
{
  ALAMA_TRAINER_LEARNER_PERCEPTRON,  /* structured averaged perceptron (default) */
  ALAMA_TRAINER_LEARNER_CRF,         /* CRF, SGD on the L2-regularized likelihood */
} AlamaTrainerLearner;

void alama_trainer_set_learner (AlamaTrainer       *trainer,
                                AlamaTrainerLearner learner);
void alama_trainer_set_l2 (AlamaTrainer *trainer,
                           double        sigma2);
/* Preceding sentences the context aggregation looks at (alama-context.h). */
#define ALAMA_TRAINER_DEFAULT_CONTEXT_WINDOW 100

void alama_trainer_set_context (AlamaTrainer *trainer,
                                guint         window);
void alama_trainer_set_progress (AlamaTrainer        *trainer,
                                 AlamaTrainerProgress progress,
                                 gpointer             user_data);

guint alama_trainer_get_n_sentences (AlamaTrainer *trainer,
                                     gboolean      dev);
guint alama_trainer_get_n_words (AlamaTrainer *trainer,
                                 gboolean      dev);

gboolean alama_trainer_train (AlamaTrainer *trainer,
                              const char   *model_path,
                              GError      **error);

char *alama_trainer_format_dev_report (AlamaTrainer *trainer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaTrainer, alama_trainer_free)

G_END_DECLS
