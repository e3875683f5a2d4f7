/* cmd-extract.c: alama-ner extract (being written). */
#include "cli-commands.h"
#include "cli-common.h"

int
cmd_extract (int    argc,
             char **argv)
{
  return CLI_EXIT_FAILURE;
}
