/* alama-timing.h: timing lines for benchmarks (ALAMA_DEBUG_TIMING=1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean alama_timing_enabled (void);
void alama_timing_start (void);
void alama_timing_mark (const char *event);
void alama_timing_count (const char *what,
                         guint       count);
void alama_timing_watch_stalls (void);
void alama_timing_stop_stalls (void);

G_END_DECLS
