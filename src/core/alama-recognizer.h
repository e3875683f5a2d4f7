/* alama-recognizer.h: find the names and dates in raw text.
 *
 * One recognizer per thread: it owns scratch buffers that grow to the
 * longest sentence seen and are reused, so recognition allocates nothing
 * per word.  Several recognizers can share one (read-only) model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-document.h"
#include "alama-entity.h"
#include "alama-features.h"
#include "alama-model.h"

G_BEGIN_DECLS

typedef struct _AlamaRecognizer AlamaRecognizer;

/**
 * AlamaProgressFunc:
 * @fraction: how much of the work is done, from 0 to 1
 * @user_data: the data given with the function
 *
 * Told how far a long piece of work has come.
 */
typedef void (*AlamaProgressFunc) (double   fraction,
                                   gpointer user_data);

AlamaRecognizer *alama_recognizer_new (AlamaModel *model);
void alama_recognizer_free (AlamaRecognizer *recognizer);

AlamaModel *alama_recognizer_get_model (AlamaRecognizer *recognizer);

void alama_recognizer_set_dates (AlamaRecognizer *recognizer,
                                 gboolean         dates);
void alama_recognizer_set_confidences (AlamaRecognizer *recognizer,
                                       gboolean         confidences);

void alama_recognizer_set_progress_func (AlamaRecognizer   *recognizer,
                                        AlamaProgressFunc  func,
                                        gpointer           user_data);

void alama_recognizer_recognize (AlamaRecognizer *recognizer,
                                 const char      *text,
                                 gsize            len,
                                 GArray          *entities);

guint alama_recognizer_annotate (AlamaRecognizer *recognizer,
                                 AlamaDocument   *document);

void alama_recognizer_start_document (AlamaRecognizer *recognizer);
const char *const *alama_recognizer_tag_words (AlamaRecognizer *recognizer,
                                               const AlamaWord *words,
                                               guint            n_words);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaRecognizer, alama_recognizer_free)

G_END_DECLS
