/* alama-json.c: write JSON strings and entity objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-json.h"

#include <math.h>
#include <string.h>

/**
 * alama_json_append_string:
 * @out: where to append
 * @text: valid UTF-8
 * @len: its length in bytes, or -1 when nul-terminated
 *
 * Appends @text as a quoted JSON string.  Non-ASCII characters are written
 * as they are (JSON text is UTF-8); control characters, quotes and
 * backslashes are escaped, and so are U+2028 and U+2029, which some
 * JavaScript parsers reject inside strings.
 */
void
alama_json_append_string (GString    *out,
                          const char *text,
                          gssize      len)
{
  const char *p = text;
  const char *end = text + (len < 0 ? strlen (text) : (gsize) len);
  const char *run = p;

  g_string_append_c (out, '"');
  while (p < end)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;
      char buf[8];

      if (c == '"')
        escape = "\\\"";
      else if (c == '\\')
        escape = "\\\\";
      else if (c == '\n')
        escape = "\\n";
      else if (c == '\r')
        escape = "\\r";
      else if (c == '\t')
        escape = "\\t";
      else if (c < 0x20)
        {
          g_snprintf (buf, sizeof buf, "\\u%04x", c);
          escape = buf;
        }
      else if (c == 0xE2 && end - p >= 3 && (guchar) p[1] == 0x80
               && ((guchar) p[2] == 0xA8 || (guchar) p[2] == 0xA9))
        {
          g_snprintf (buf, sizeof buf, "\\u%04x", (guchar) p[2] == 0xA8 ? 0x2028 : 0x2029);
          g_string_append_len (out, run, p - run);
          g_string_append (out, buf);
          p += 3;
          run = p;
          continue;
        }
      if (escape)
        {
          g_string_append_len (out, run, p - run);
          g_string_append (out, escape);
          run = p + 1;
        }
      p++;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/**
 * alama_json_append_entity:
 * @out: where to append
 * @entity: the entity
 * @text: the text its byte offsets point into
 *
 * Appends a JSON object: start and end in code points (end exclusive),
 * type, text (the surface), confidence in [0, 1] and, for dates that can
 * be placed on the Gregorian calendar, when.
 */
void
alama_json_append_entity (GString           *out,
                          const AlamaEntity *entity,
                          const char        *text)
{
  char confidence[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no NaN or infinity; the recognizer never gives one, but an
   * entity may come from elsewhere. */
  g_ascii_formatd (confidence, sizeof confidence, "%.3f",
                   isfinite (entity->confidence) ? CLAMP (entity->confidence, 0.0f, 1.0f) : 0.0);
  g_string_append_printf (out, "{\"start\":%" G_GSIZE_FORMAT ",\"end\":%" G_GSIZE_FORMAT
                               ",\"type\":",
                          entity->start_char, entity->end_char);
  alama_json_append_string (out, entity->type, -1);
  g_string_append (out, ",\"text\":");
  alama_json_append_string (out, text + entity->start_byte,
                            (gssize) (entity->end_byte - entity->start_byte));
  g_string_append_printf (out, ",\"confidence\":%s", confidence);
  if (entity->when[0])
    {
      g_string_append (out, ",\"when\":");
      alama_json_append_string (out, entity->when, -1);
    }
  g_string_append_c (out, '}');
}
