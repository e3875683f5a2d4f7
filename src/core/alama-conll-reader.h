/* alama-conll-reader.h: read CoNLL-style files sentence by sentence.
 *
 * One token per line, its word in the first whitespace-separated column and
 * its tag, when there is one, in the last; a blank line ends a sentence.
 * This is the ANERcorp format ("TOKEN TAG").  Lines may end in CRLF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

#define ALAMA_FORMAT_ERROR (alama_format_error_quark ())

typedef enum
{
  ALAMA_FORMAT_ERROR_ENCODING, /* not valid in the expected encoding */
  ALAMA_FORMAT_ERROR_SYNTAX,   /* malformed input */
  ALAMA_FORMAT_ERROR_IO,
} AlamaFormatError;

GQuark alama_format_error_quark (void);

typedef struct _AlamaConllReader AlamaConllReader;

AlamaConllReader *alama_conll_reader_new (FILE       *stream,
                                          const char *name);
void alama_conll_reader_free (AlamaConllReader *reader);

gboolean alama_conll_reader_next (AlamaConllReader *reader,
                                  GError          **error);

guint alama_conll_reader_get_n_words (AlamaConllReader *reader);
const char *const *alama_conll_reader_get_words (AlamaConllReader *reader);
const char *const *alama_conll_reader_get_tags (AlamaConllReader *reader);
guint alama_conll_reader_get_first_line (AlamaConllReader *reader);
gboolean alama_conll_reader_starts_document (AlamaConllReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaConllReader, alama_conll_reader_free)

G_END_DECLS
