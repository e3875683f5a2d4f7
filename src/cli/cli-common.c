/* cli-common.c: what every alama-ner command shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cli-common.h"

#include <stdio.h>

/**
 * cli_parse_options:
 * @context: the command's options
 * @argc: (inout): argument count
 * @argv: (inout): arguments
 *
 * Returns: -1 when parsing went well, else the exit status to return
 */
int
cli_parse_options (GOptionContext *context,
                   int            *argc,
                   char         ***argv)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return cli_usage_error (context, "%s", error->message);
  return -1;
}

int
cli_usage_error (GOptionContext *context,
                 const char     *format,
                 ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "alama-ner: %s\n", message);
  fprintf (stderr, "Try '%s --help' for more information.\n", g_get_prgname ());
  (void) context;
  return CLI_EXIT_USAGE;
}

void
cli_error (const char *format,
           ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fflush (stdout);
  fprintf (stderr, "alama-ner: %s\n", message);
}

/**
 * cli_load_model:
 * @path: (nullable): a model file, or %NULL for the built-in model
 *
 * Returns: (transfer full) (nullable): the model, or %NULL after printing
 *   why it could not be loaded
 */
AlamaModel *
cli_load_model (const char *path)
{
  g_autoptr (GError) error = NULL;
  AlamaModel *model = path ? alama_model_new_from_file (path, &error)
                           : alama_model_new_builtin (&error);

  if (model == NULL)
    cli_error ("%s", error->message);
  return model;
}
