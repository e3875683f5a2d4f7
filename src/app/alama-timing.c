/* alama-timing.c: timing lines for benchmarks.
 *
 * With ALAMA_DEBUG_TIMING set in the environment, the app prints lines
 * like "alama-timing: first-paint 212.4 ms" on stderr, in milliseconds of
 * g_get_monotonic_time() since main() started (alama_timing_start()).
 * tests/bench/app-open.sh reads them.  Without the variable every
 * function here does nothing.
 *
 * The stall monitor is a high-priority timeout every STALL_PERIOD_MS: when
 * the main loop is busy, it runs late, and the longest interval between
 * two of its runs, minus its period, is the longest time the loop did not
 * come back to handle input or draw.  On a loaded machine that includes
 * time the main thread waited for a CPU; so the main thread's own CPU
 * time between two runs is measured too ("longest-busy"), the stall an
 * idle machine would show.  It is also given counting only from
 * the first paint: before it, the window's first frame (with the GL
 * renderer, setting up GL) is part of the longest stall.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-timing.h"

#include <string.h>
#include <time.h>

#define STALL_PERIOD_MS 5

static gint64 start_us = -1;
static guint stall_source;
static gint64 last_tick_us;
static gint64 longest_stall_us;
static gint64 longest_stall_at_us;
/* The same since the first paint, when the reader sees the text. */
static gint64 painted_us = -1;
static gint64 longest_painted_us;
/* Main-thread CPU time at the last tick, and the most used between two. */
static gint64 last_cpu_us;
static gint64 longest_busy_us;
static gint64 longest_busy_painted_us;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/**
 * alama_timing_enabled:
 *
 * Returns: whether ALAMA_DEBUG_TIMING is set
 */
gboolean
alama_timing_enabled (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_getenv ("ALAMA_DEBUG_TIMING") != NULL;
  return enabled;
}

/**
 * alama_timing_start:
 *
 * Sets the origin of the times printed: call it first thing in main().
 */
void
alama_timing_start (void)
{
  start_us = g_get_monotonic_time ();
}

static double
since_start_ms (gint64 now_us)
{
  if (start_us < 0)
    start_us = now_us;
  return (double) (now_us - start_us) / 1000.0;
}

/**
 * alama_timing_mark:
 * @event: a name without spaces ("first-paint")
 *
 * Prints "alama-timing: EVENT MS ms" on stderr.
 */
void
alama_timing_mark (const char *event)
{
  if (!alama_timing_enabled ())
    return;
  if (strcmp (event, "first-paint") == 0)
    painted_us = g_get_monotonic_time ();
  g_printerr ("alama-timing: %s %.1f ms\n", event, since_start_ms (g_get_monotonic_time ()));
}

/**
 * alama_timing_count:
 * @what: a name without spaces ("highlights")
 * @count: how many
 *
 * Prints "alama-timing: WHAT COUNT" on stderr.
 */
void
alama_timing_count (const char *what,
                    guint       count)
{
  if (alama_timing_enabled ())
    g_printerr ("alama-timing: %s %u\n", what, count);
}

static gboolean
stall_tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - last_tick_us - STALL_PERIOD_MS * 1000;
  gint64 cpu = thread_cpu_us ();
  gint64 busy = cpu - last_cpu_us;

  if (busy > longest_busy_us)
    longest_busy_us = busy;
  if (painted_us >= 0 && last_tick_us >= painted_us && busy > longest_busy_painted_us)
    longest_busy_painted_us = busy;
  last_cpu_us = cpu;

  /* Only the stalls that began after it: the one holding the first
   * frame ends after it. */
  if (painted_us >= 0 && last_tick_us >= painted_us && late > longest_painted_us)
    longest_painted_us = late;
  if (late > longest_stall_us)
    {
      longest_stall_us = late;
      longest_stall_at_us = now;
    }
  last_tick_us = now;
  return G_SOURCE_CONTINUE;
}

/**
 * alama_timing_watch_stalls:
 *
 * Starts (or restarts) measuring the longest main-loop stall.
 */
void
alama_timing_watch_stalls (void)
{
  if (!alama_timing_enabled ())
    return;
  g_clear_handle_id (&stall_source, g_source_remove);
  longest_stall_us = 0;
  longest_stall_at_us = 0;
  longest_painted_us = 0;
  longest_busy_us = 0;
  longest_busy_painted_us = 0;
  last_cpu_us = thread_cpu_us ();
  last_tick_us = g_get_monotonic_time ();
  stall_source = g_timeout_add_full (G_PRIORITY_HIGH, STALL_PERIOD_MS, stall_tick_cb, NULL, NULL);
}

/**
 * alama_timing_stop_stalls:
 *
 * Stops the stall monitor and prints "alama-timing: longest-stall MS ms
 * at MS ms", the stall's length and when it ended.
 */
void
alama_timing_stop_stalls (void)
{
  if (stall_source == 0)
    return;
  /* The time since the last tick counts too: the caller may be the stall. */
  stall_tick_cb (NULL);
  g_clear_handle_id (&stall_source, g_source_remove);
  g_printerr ("alama-timing: longest-stall %.1f ms at %.1f ms\n",
              (double) longest_stall_us / 1000.0, since_start_ms (longest_stall_at_us));
  g_printerr ("alama-timing: longest-busy %.1f ms\n", (double) longest_busy_us / 1000.0);
  g_printerr ("alama-timing: longest-busy-after-first-paint %.1f ms\n",
              (double) longest_busy_painted_us / 1000.0);
  /* Last: tests/bench/app-open.sh waits for this line. */
  g_printerr ("alama-timing: longest-stall-after-first-paint %.1f ms\n",
              (double) longest_painted_us / 1000.0);
}
