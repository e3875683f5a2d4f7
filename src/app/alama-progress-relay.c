/* alama-progress-relay.c: hands the progress of work on a worker thread
 * to the main thread, a few times a second at most.
 *
 * A worker tells its progress as often as it likes (the recognizer: every
 * 64 KiB of text, a hundred times a second on a fast machine); a progress
 * bar needs no more than about 20 updates a second, and each update is a
 * main-loop source, so the relay lets through one every 50 ms and drops
 * the others.  Each update carries the generation it was made for: the
 * receiver ignores one from work it has given up on (a file opened
 * since).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-progress-relay.h"

/* The shortest time between two updates passed on. */
#define MIN_INTERVAL_US (G_USEC_PER_SEC / 20)

struct _AlamaProgressRelay
{
  GObject *target;
  guint generation;
  GMainContext *context;
  AlamaProgressShowFunc show;
  /* When the last update was passed on (monotonic µs), 0 before the first. */
  gint64 last_us;
  double last_fraction;
};

typedef struct
{
  GObject *target;
  guint generation;
  double fraction;
  AlamaProgressShowFunc show;
} Update;

static void
update_free (Update *update)
{
  g_object_unref (update->target);
  g_free (update);
}

static gboolean
show_update_cb (gpointer user_data)
{
  Update *update = user_data;

  update->show (update->target, update->generation, update->fraction);
  return G_SOURCE_REMOVE;
}

/**
 * alama_progress_relay_new:
 * @target: the object @show is for; each update passed on holds a
 *   reference until it is shown (on @context's thread, where the last
 *   reference must be dropped)
 * @generation: passed on to @show, to tell a late update from an earlier
 *   piece of work
 * @context: (nullable): the main context @show runs in; %NULL for the
 *   global default one
 * @show: shows an update
 *
 * Makes a relay for one piece of work, used by the thread doing it.
 *
 * Returns: (transfer full): the relay; free it with
 *   alama_progress_relay_free()
 */
AlamaProgressRelay *
alama_progress_relay_new (GObject               *target,
                          guint                  generation,
                          GMainContext          *context,
                          AlamaProgressShowFunc  show)
{
  AlamaProgressRelay *self;

  g_return_val_if_fail (G_IS_OBJECT (target), NULL);
  g_return_val_if_fail (show != NULL, NULL);

  self = g_new0 (AlamaProgressRelay, 1);
  self->target = target;
  self->generation = generation;
  self->context = g_main_context_ref (context ? context : g_main_context_default ());
  self->show = show;
  self->last_fraction = -1.0;
  return self;
}

void
alama_progress_relay_free (AlamaProgressRelay *self)
{
  if (self == NULL)
    return;
  g_main_context_unref (self->context);
  g_free (self);
}

/**
 * alama_progress_relay_report:
 * @fraction: how much of the work is done, from 0 to 1
 * @relay: (type AlamaProgressRelay): the relay
 *
 * Passes @fraction on to the main context unless an update went less than
 * 50 ms ago; the first report and one of 1 (done) always go.  Has the
 * signature of an #AlamaProgressFunc, to be given to the recognizer.
 */
void
alama_progress_relay_report (double   fraction,
                             gpointer relay)
{
  AlamaProgressRelay *self = relay;
  gint64 now = g_get_monotonic_time ();
  Update *update;

  g_return_if_fail (self != NULL);

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction == self->last_fraction)
    return;
  if (self->last_us != 0 && now - self->last_us < MIN_INTERVAL_US && fraction < 1.0)
    return;
  self->last_us = now;
  self->last_fraction = fraction;

  update = g_new0 (Update, 1);
  update->target = g_object_ref (self->target);
  update->generation = self->generation;
  update->fraction = fraction;
  update->show = self->show;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, show_update_cb, update,
                              (GDestroyNotify) update_free);
}
