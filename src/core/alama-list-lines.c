/* alama-list-lines.c: reading the one-entry-a-line data files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-list-lines.h"

#include <string.h>

/**
 * alama_list_next_entry:
 * @text: (inout): where to read from; moved past the entry's line
 * @end: the end of the text
 * @entry: (out): the entry, not nul-terminated
 * @len: (out): its length in bytes
 *
 * Finds the next entry of a list written one entry a line: trailing CR,
 * spaces and tabs are dropped; empty lines, lines starting with '#' and
 * lines that are not valid UTF-8 are skipped.
 *
 * Returns: %FALSE when the text holds no further entry
 */
gboolean
alama_list_next_entry (const char **text,
                       const char  *end,
                       const char **entry,
                       gsize       *len)
{
  while (*text < end)
    {
      const char *line = *text;
      const char *nl = memchr (line, '\n', (gsize) (end - line));
      gsize n = (gsize) ((nl ? nl : end) - line);

      *text = nl ? nl + 1 : end;
      while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
      if (n > 0 && line[0] != '#' && g_utf8_validate (line, (gssize) n, NULL))
        {
          *entry = line;
          *len = n;
          return TRUE;
        }
    }
  return FALSE;
}
