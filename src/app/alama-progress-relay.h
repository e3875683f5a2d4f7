/* alama-progress-relay.h: hands the progress of work on a worker thread
 * to the main thread, a few times a second at most.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AlamaProgressShowFunc:
 * @target: the object given to alama_progress_relay_new()
 * @generation: the number given to alama_progress_relay_new()
 * @fraction: how much of the work is done, from 0 to 1
 *
 * Shows progress; called in the thread that runs the relay's main context.
 */
typedef void (*AlamaProgressShowFunc) (GObject *target,
                                       guint    generation,
                                       double   fraction);

typedef struct _AlamaProgressRelay AlamaProgressRelay;

AlamaProgressRelay *alama_progress_relay_new (GObject               *target,
                                              guint                  generation,
                                              GMainContext          *context,
                                              AlamaProgressShowFunc  show);
void alama_progress_relay_free (AlamaProgressRelay *relay);
void alama_progress_relay_report (double   fraction,
                                  gpointer relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaProgressRelay, alama_progress_relay_free)

G_END_DECLS
