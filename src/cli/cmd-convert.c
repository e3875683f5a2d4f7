/* cmd-convert.c: alama-ner convert — a document from one format to another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "cli-document.h"

static gboolean
pick_format (GOptionContext  *context,
             const char      *name,
             const char      *path,
             const char      *which,
             AlamaFileFormat *format,
             int             *status)
{
  if (name)
    {
      if (!alama_file_format_from_name (name, format))
        {
          *status = cli_usage_error (context,
                                     "unknown format '%s' (expected xml, tei, conll, tsv, json, "
                                     "jsonl, brat or txt)",
                                     name);
          return FALSE;
        }
      return TRUE;
    }
  if (strcmp (path, "-") != 0 && alama_file_format_guess (path, format))
    return TRUE;
  *status = cli_usage_error (context, "cannot tell the format of '%s' from its name: use %s", path,
                             which);
  return FALSE;
}

int
cmd_convert (int    argc,
             char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *model_path = NULL;
  gboolean recognize = FALSE;
  gboolean utf16 = FALSE;
  g_auto (GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from,
      "Format of IN: xml, conll, brat or txt (default: from its name)", "FORMAT" },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to,
      "Format of OUT: xml, tei, conll, tsv, json, jsonl, brat or txt (default: from its name)",
      "FORMAT" },
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding,
      "Encoding of a plain-text IN: UTF-8, UTF-16, windows-1256 or ISO-8859-6 (default: "
      "detected)", "ENCODING" },
    { "recognize", 'r', 0, G_OPTION_ARG_NONE, &recognize,
      "Also run the recognizer; annotations people made or confirmed are kept", NULL },
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model_path,
      "With --recognize, use the model in MODEL instead of the built-in one", "MODEL" },
    { "utf16-offsets", 0, 0, G_OPTION_ARG_NONE, &utf16,
      "In JSON output, count offsets in UTF-16 code units (for JavaScript tools)", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "IN OUT" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (AlamaDocument) document = NULL;
  AlamaFileFormat in_format;
  AlamaFileFormat out_format;
  int status;

  g_option_context_set_summary (
      context,
      "Read an annotated document and write it in another format.  IN may be\n"
      "Alama XML, CoNLL (IOB2), brat standoff (either file of the .txt/.ann pair)\n"
      "or plain text; OUT may be Alama XML, TEI P5, CoNLL, TSV spans, JSON, JSON\n"
      "Lines, brat standoff or txt (the source text, byte for byte).  - reads\n"
      "standard input or writes standard output.  Files are written atomically.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;
  if (files == NULL || g_strv_length (files) != 2)
    return cli_usage_error (context, "expected two files: IN OUT");
  if (!pick_format (context, from, files[0], "--from", &in_format, &status)
      || !pick_format (context, to, files[1], "--to", &out_format, &status))
    return status;
  if (model_path && !recognize)
    return cli_usage_error (context, "--model goes with --recognize");

  document = cli_read_document (files[0], in_format, encoding);
  if (document == NULL)
    return CLI_EXIT_FAILURE;
  if (recognize && !cli_recognize_document (document, model_path, TRUE))
    return CLI_EXIT_FAILURE;
  return cli_write_document (document, files[1], out_format, utf16) ? CLI_EXIT_OK
                                                                     : CLI_EXIT_FAILURE;
}
