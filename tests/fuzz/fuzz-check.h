/* fuzz-check.h: what every fuzz target shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

/* A broken promise aborts with a message; libFuzzer saves the input. */
#define CHECK(cond)                                                           \
  G_STMT_START                                                                \
  {                                                                           \
    if (!(cond))                                                              \
      {                                                                       \
        fprintf (stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, \
                 #cond);                                                      \
        abort ();                                                             \
      }                                                                       \
  }                                                                           \
  G_STMT_END
