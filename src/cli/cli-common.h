/* cli-common.h: what every alama-ner command shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-model.h"

G_BEGIN_DECLS

/* Exit statuses of every command. */
enum
{
  CLI_EXIT_OK = 0,
  CLI_EXIT_FAILURE = 1,
  CLI_EXIT_USAGE = 2,
};

int cli_parse_options (GOptionContext *context,
                       int            *argc,
                       char         ***argv);
int cli_usage_error (GOptionContext *context,
                     const char     *format,
                     ...) G_GNUC_PRINTF (2, 3);
void cli_error (const char *format,
                ...) G_GNUC_PRINTF (1, 2);
AlamaModel *cli_load_model (const char *path);

G_END_DECLS
