/* alama-tokenizer.h: split raw UTF-8 text into tokens and sentences.
 *
 * The tokenizer never changes a character: a token is a pair of offsets
 * into the caller's text, in bytes and in Unicode code points (characters),
 * both half-open [start, end).  Whitespace, line breaks and stray bidi or
 * joiner marks between tokens belong to no token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ALAMA_TOKEN_ARABIC,   /* Arabic-script word, with its marks */
  ALAMA_TOKEN_LATIN,    /* word in another script (Latin, …), abbreviations */
  ALAMA_TOKEN_NUMBER,   /* digits, with inner separators: 3.5, 11/9/2001 */
  ALAMA_TOKEN_PUNCT,    /* one punctuation or symbol character, or a run of
                         * the same one ("...", "؟؟") */
  ALAMA_TOKEN_URL,
  ALAMA_TOKEN_EMAIL,
} AlamaTokenKind;

/**
 * AlamaToken:
 * @start_byte: offset of the first byte, in bytes from the text's start
 * @end_byte: offset one past the last byte
 * @start_char: offset of the first character, in code points
 * @end_char: offset one past the last character, in code points
 * @kind: what the token is
 * @sentence_end: %TRUE when the token closes a sentence
 */
typedef struct
{
  gsize start_byte;
  gsize end_byte;
  gsize start_char;
  gsize end_char;
  AlamaTokenKind kind;
  gboolean sentence_end;
} AlamaToken;

/* Sentences longer than this are cut, so that memory per sentence stays
 * bounded whatever the input. */
#define ALAMA_MAX_SENTENCE_TOKENS 1024

void alama_tokenize (const char *text,
                     gsize       len,
                     GArray     *tokens);

const char *alama_token_kind_to_string (AlamaTokenKind kind);

G_END_DECLS
