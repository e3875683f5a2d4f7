/* cli-commands.h: the alama-ner commands, one file each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

int cmd_convert (int    argc,
                 char **argv);
int cmd_extract (int    argc,
                 char **argv);
int cmd_tag (int    argc,
             char **argv);
int cmd_eval (int    argc,
              char **argv);
int cmd_train (int    argc,
               char **argv);
