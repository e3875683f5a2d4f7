/* alama-text-decoder.h: turn a text file's bytes into UTF-8 and back.
 *
 * Arabic text comes as UTF-8, UTF-16 (from Windows tools) or in one of the
 * two legacy Arabic code pages, windows-1256 and ISO-8859-6.  Decoding
 * keeps every character of the source: a byte-order mark stays in the text
 * as U+FEFF, CR and CRLF line ends stay as they are, so that character
 * offsets into the decoded text are offsets into the document as it is on
 * disk, and encoding it again gives back the source bytes.
 *
 * Encodings are named, case-insensitively, "UTF-8" ("utf8"), "UTF-16"
 * ("utf16": the byte-order mark decides), "UTF-16LE", "UTF-16BE",
 * "windows-1256" ("cp1256") and "ISO-8859-6" ("arabic", "iso8859-6",
 * "ASMO-708").  Errors are in the #ALAMA_FORMAT_ERROR domain, code
 * %ALAMA_FORMAT_ERROR_ENCODING, and give offsets in bytes of the source.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-conll-reader.h" /* ALAMA_FORMAT_ERROR */

G_BEGIN_DECLS

/**
 * AlamaDecodedText:
 * @text: the decoded text, valid UTF-8 without U+0000, nul-terminated;
 *   exactly the source's characters: a byte-order mark is its first
 *   character U+FEFF (and counts in character offsets), line ends are not
 *   changed
 * @len: length of @text in bytes, without the terminating nul
 * @encoding: the source's encoding, one of "UTF-8", "UTF-16LE", "UTF-16BE",
 *   "windows-1256", "ISO-8859-6"; a static string
 * @bom: %TRUE when the source began with a byte-order mark
 * @source_bytes: size of the source, in bytes
 * @sha256: SHA-256 of the source bytes, 64 lowercase hex digits and a nul
 *
 * A decoded text file.  Free it with alama_decoded_text_free().
 */
typedef struct
{
  char *text;
  gsize len;
  const char *encoding;
  gboolean bom;
  gsize source_bytes;
  char sha256[65];
} AlamaDecodedText;

AlamaDecodedText *alama_text_decode (const guint8 *data,
                                     gsize         len,
                                     const char   *encoding,
                                     GError      **error);
void alama_decoded_text_free (AlamaDecodedText *decoded);

guint8 *alama_text_encode (const char *text,
                           gsize       len,
                           const char *encoding,
                           gboolean    bom,
                           gsize      *out_len,
                           GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaDecodedText, alama_decoded_text_free)

G_END_DECLS
