/* alama-file-format.c: file formats by name and by extension.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-file-format.h"

#include <string.h>

static const char *const format_names[ALAMA_N_FILE_FORMATS] = {
  "xml", "tei", "conll", "tsv", "json", "jsonl", "brat", "txt",
};

/* Longer extensions first, so that ".tei.xml" wins over ".xml". */
static const struct
{
  const char *extension;
  AlamaFileFormat format;
} extensions[] = {
  { ".tei.xml", ALAMA_FILE_FORMAT_TEI },
  { ".tei", ALAMA_FILE_FORMAT_TEI },
  { ".xml", ALAMA_FILE_FORMAT_XML },
  { ".conll", ALAMA_FILE_FORMAT_CONLL },
  { ".iob", ALAMA_FILE_FORMAT_CONLL },
  { ".bio", ALAMA_FILE_FORMAT_CONLL },
  { ".tsv", ALAMA_FILE_FORMAT_TSV },
  { ".json", ALAMA_FILE_FORMAT_JSON },
  { ".jsonl", ALAMA_FILE_FORMAT_JSONL },
  { ".ndjson", ALAMA_FILE_FORMAT_JSONL },
  { ".ann", ALAMA_FILE_FORMAT_BRAT },
  { ".txt", ALAMA_FILE_FORMAT_TXT },
};

/**
 * alama_file_format_from_name:
 * @name: a format name as the command line takes it: "xml", "tei",
 *   "conll", "tsv", "json", "jsonl", "brat" or "txt" (ASCII case ignored)
 * @format: (out): the format
 *
 * Returns: %TRUE when @name names a format; @format is untouched otherwise
 */
gboolean
alama_file_format_from_name (const char      *name,
                             AlamaFileFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < ALAMA_N_FILE_FORMATS; i++)
    if (g_ascii_strcasecmp (name, format_names[i]) == 0)
      {
        *format = (AlamaFileFormat) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * alama_file_format_to_name:
 * @format: a format
 *
 * Returns: (transfer none): its name, as alama_file_format_from_name()
 *   takes it
 */
const char *
alama_file_format_to_name (AlamaFileFormat format)
{
  g_return_val_if_fail ((guint) format < ALAMA_N_FILE_FORMATS, "txt");
  return format_names[format];
}

/**
 * alama_file_format_guess:
 * @path: a file name or path; only its last component counts
 * @format: (out): the format
 *
 * Guesses a file's format from its extension, ignoring ASCII case:
 * .tei.xml and .tei are TEI, other .xml files Alama's XML; .conll, .iob
 * and .bio CoNLL; .tsv; .json; .jsonl and .ndjson JSON Lines; .ann brat
 * (its text is the .txt of the same base name); .txt plain text.
 *
 * Returns: %TRUE when the extension is known; @format is untouched
 *   otherwise
 */
gboolean
alama_file_format_guess (const char      *path,
                         AlamaFileFormat *format)
{
  g_autofree char *base = NULL;
  g_autofree char *lower = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  base = g_path_get_basename (path);
  lower = g_ascii_strdown (base, -1);
  len = strlen (lower);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      gsize n = strlen (extensions[i].extension);

      /* A bare ".txt" is a hidden file without an extension. */
      if (len > n && strcmp (lower + len - n, extensions[i].extension) == 0)
        {
          *format = extensions[i].format;
          return TRUE;
        }
    }
  return FALSE;
}
