/* alama-ner.c: the command-line tool; main () only dispatches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "cli-commands.h"
#include "cli-common.h"

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "extract", cmd_extract, "Find names and dates in raw text" },
  { "tag", cmd_tag, "Tag tokenized text (one token per line) with IOB2 labels" },
  { "eval", cmd_eval, "Score predicted tags or spans against a reference" },
  { "train", cmd_train, "Train a model on IOB2-tagged files" },
  { "convert", cmd_convert, "Convert an annotated document to another format" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: alama-ner COMMAND [OPTION…]\n\n"
                "Arabic named-entity recognition: people, places, organizations,\n"
                "other names (PERS, LOC, ORG, MISC) and dates (DATE).\n\nCommands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun 'alama-ner COMMAND --help' for a command's options.\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_usage (stderr);
      return CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("alama-ner %s\n", ALAMA_VERSION);
      return CLI_EXIT_OK;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("alama-ner %s", commands[i].name);

        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }
  fprintf (stderr, "alama-ner: unknown command '%s'\n\n", argv[1]);
  print_usage (stderr);
  return CLI_EXIT_USAGE;
}
