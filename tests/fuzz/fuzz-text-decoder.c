/* fuzz-text-decoder.c: libFuzzer target for the text decoder.
 *
 * The input is decoded with detection and with each encoding named, and
 * each result is checked against the promises of alama-text-decoder.h:
 * valid UTF-8 of the stated length without U+0000, the source's size and
 * SHA-256, a byte-order mark flag that matches the text, and encoding the
 * text again gives back the input.  Detection agrees with decoding in the
 * encoding it found, and never fails where UTF-8 or windows-1256 would
 * not, except on mostly-UTF-8 input with broken bytes, which it refuses
 * as broken UTF-8 rather than read as windows-1256.  When the input is itself valid UTF-8, it is also encoded in each
 * encoding and decoded back.  Errors are #ALAMA_FORMAT_ERROR_ENCODING with
 * a UTF-8 message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "alama-text-decoder.h"
#include "fuzz-check.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define BOM_UTF8 "\xEF\xBB\xBF"

static const char *const encodings[] = {
  "UTF-8", "UTF-16", "UTF-16LE", "UTF-16BE", "windows-1256", "ISO-8859-6",
};

static void
check_error (const GError *error)
{
  CHECK (error != NULL);
  CHECK (error->domain == ALAMA_FORMAT_ERROR);
  CHECK (error->code == ALAMA_FORMAT_ERROR_ENCODING);
  CHECK (error->message[0] != '\0');
  CHECK (g_utf8_validate (error->message, -1, NULL));
}

static gboolean
is_legacy (const char *encoding)
{
  return g_str_equal (encoding, "windows-1256") || g_str_equal (encoding, "ISO-8859-6");
}

/* Checks @decoded, from @data decoded as @asked (%NULL: detected). */
static void
check_decoded (const AlamaDecodedText *decoded,
               const uint8_t          *data,
               size_t                  size,
               const char             *asked,
               const char             *sha256)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *back = NULL;
  gsize back_len = 0;
  gboolean known = FALSE;

  CHECK (decoded->text != NULL);
  CHECK (decoded->text[decoded->len] == '\0');
  /* Fails on a NUL byte too. */
  CHECK (g_utf8_validate_len (decoded->text, decoded->len, NULL));
  CHECK (strlen (decoded->text) == decoded->len);
  CHECK (decoded->source_bytes == size);
  CHECK (strcmp (decoded->sha256, sha256) == 0);

  CHECK (decoded->encoding != NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (encodings); i++)
    known |= g_str_equal (decoded->encoding, encodings[i]);
  CHECK (known);
  CHECK (!g_str_equal (decoded->encoding, "UTF-16"));
  if (asked != NULL && !g_str_equal (asked, "UTF-16"))
    CHECK (g_str_equal (decoded->encoding, asked));
  if (asked != NULL && g_str_equal (asked, "UTF-16"))
    CHECK (g_str_has_prefix (decoded->encoding, "UTF-16"));

  CHECK (decoded->bom == g_str_has_prefix (decoded->text, BOM_UTF8));
  if (is_legacy (decoded->encoding))
    {
      CHECK (!decoded->bom);
      /* One character per byte. */
      CHECK ((gsize) g_utf8_strlen (decoded->text, (gssize) decoded->len) == size);
    }

  /* Written back in its encoding, the text is the input again. */
  back = alama_text_encode (decoded->text, decoded->len, decoded->encoding, decoded->bom,
                            &back_len, &error);
  CHECK (error == NULL);
  CHECK (back != NULL);
  CHECK (back_len == size);
  CHECK (size == 0 || memcmp (back, data, size) == 0);
}

/* Encodes @text, valid UTF-8, in each encoding and decodes it back. */
static void
check_encode (const char *text,
              gsize       len)
{
  gboolean has_bom = len >= 3 && memcmp (text, BOM_UTF8, 3) == 0;

  for (gsize i = 0; i < G_N_ELEMENTS (encodings); i++)
    for (int bom = 0; bom <= 1; bom++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (AlamaDecodedText) decoded = NULL;
        gsize out_len = 0;
        g_autofree guint8 *out =
          alama_text_encode (text, len, encodings[i], bom, &out_len, &error);
        gboolean adds_bom = (bom || g_str_equal (encodings[i], "UTF-16")) && !has_bom;

        if (out == NULL)
          {
            check_error (error);
            /* Only a legacy page refuses valid text. */
            CHECK (is_legacy (encodings[i]));
            continue;
          }
        CHECK (error == NULL);
        CHECK (!is_legacy (encodings[i]) || out_len == (gsize) g_utf8_strlen (text, (gssize) len));

        decoded = alama_text_decode (out, out_len, encodings[i], &error);
        CHECK (error == NULL);
        CHECK (decoded != NULL);
        if (adds_bom)
          {
            CHECK (decoded->len == len + 3);
            CHECK (memcmp (decoded->text, BOM_UTF8, 3) == 0);
            CHECK (len == 0 || memcmp (decoded->text + 3, text, len) == 0);
          }
        else
          {
            CHECK (decoded->len == len);
            CHECK (len == 0 || memcmp (decoded->text, text, len) == 0);
          }
      }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDecodedText) detected = NULL;
  gboolean utf16_bom = size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE)
                                     || (data[0] == 0xFE && data[1] == 0xFF));
  gboolean utf8_ok = FALSE;
  gboolean windows_1256_ok = FALSE;
  gboolean refused_as_broken_utf8 = FALSE;

  detected = alama_text_decode (data, size, NULL, &error);
  if (detected != NULL)
    {
      g_autoptr (AlamaDecodedText) again = NULL;

      CHECK (error == NULL);
      check_decoded (detected, data, size, NULL, sha256);
      /* Detection found what decoding in that encoding gives. */
      again = alama_text_decode (data, size, detected->encoding, &error);
      CHECK (error == NULL);
      CHECK (again != NULL);
      CHECK (again->len == detected->len);
      CHECK (strcmp (again->text, detected->text) == 0);
      CHECK (utf16_bom == g_str_has_prefix (detected->encoding, "UTF-16"));
    }
  else
    {
      check_error (error);
      refused_as_broken_utf8 = strstr (error->message, "invalid UTF-8") != NULL;
    }
  g_clear_error (&error);

  for (gsize i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autoptr (AlamaDecodedText) decoded = alama_text_decode (data, size, encodings[i], &error);

      if (decoded == NULL)
        {
          check_error (error);
          g_clear_error (&error);
          continue;
        }
      CHECK (error == NULL);
      check_decoded (decoded, data, size, encodings[i], sha256);
      if (i == 0)
        utf8_ok = TRUE;
      if (g_str_equal (encodings[i], "windows-1256"))
        windows_1256_ok = TRUE;
      /* Without a UTF-16 mark, valid UTF-8 is detected as UTF-8. */
      if (i == 0 && !utf16_bom)
        {
          CHECK (detected != NULL);
          CHECK (g_str_equal (detected->encoding, "UTF-8"));
          CHECK (strcmp (detected->text, decoded->text) == 0);
        }
    }
  /* Without a UTF-16 mark or a UTF-8 one, whatever windows-1256 reads,
   * detection reads too. */
  if (windows_1256_ok && !utf16_bom && !(size >= 3 && memcmp (data, BOM_UTF8, 3) == 0))
    CHECK (detected != NULL || refused_as_broken_utf8);

  if (utf8_ok)
    check_encode ((const char *) data, size);

  return 0;
}
