/* alama-file-format.h: the file formats Alama reads and writes, by name and
 * by file-name extension, for the command line and the app's file dialogs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AlamaFileFormat:
 * @ALAMA_FILE_FORMAT_XML: Alama's own annotated-document XML
 * @ALAMA_FILE_FORMAT_TEI: TEI P5 with inline name markup
 * @ALAMA_FILE_FORMAT_CONLL: one token and its IOB2 tag a line (ANERcorp)
 * @ALAMA_FILE_FORMAT_TSV: one entity a line: start, end, label, surface
 * @ALAMA_FILE_FORMAT_JSON: the whole document as one JSON object
 * @ALAMA_FILE_FORMAT_JSONL: the same object on one line (JSON Lines)
 * @ALAMA_FILE_FORMAT_BRAT: brat standoff (a .txt and an .ann file)
 * @ALAMA_FILE_FORMAT_TXT: the plain text, without annotations
 */
typedef enum
{
  ALAMA_FILE_FORMAT_XML,
  ALAMA_FILE_FORMAT_TEI,
  ALAMA_FILE_FORMAT_CONLL,
  ALAMA_FILE_FORMAT_TSV,
  ALAMA_FILE_FORMAT_JSON,
  ALAMA_FILE_FORMAT_JSONL,
  ALAMA_FILE_FORMAT_BRAT,
  ALAMA_FILE_FORMAT_TXT,
} AlamaFileFormat;

#define ALAMA_N_FILE_FORMATS 8

gboolean alama_file_format_from_name (const char      *name,
                                      AlamaFileFormat *format);
const char *alama_file_format_to_name (AlamaFileFormat format);
gboolean alama_file_format_guess (const char      *path,
                                  AlamaFileFormat *format);

G_END_DECLS
