/* test-text-decoder.c: tests for decoding text files and encoding them back.
 *
 * Legacy and UTF-16 samples are made here from UTF-8 with g_convert(), so
 * that they are the bytes other tools write, and the code page tables are
 * checked against the C library's iconv.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "alama-text-decoder.h"

#define BOM_UTF8 "\xEF\xBB\xBF"

/* An Arabic sentence with diacritics, tatweel, an Arabic-Indic number,
 * mixed Latin, ZWNJ and RLM marks and CRLF line ends. */
#define ARABIC_UTF8                                                                  \
  "قالَ سامي حدّاد في بيروت: «الـــمؤتمر يبدأ ١٥ أيار» عن UNESCO\u200c\u200f.\r\n" \
  "وعادت ريم إلى حلب.\r\n"

static AlamaDecodedText *
decode_ok (const void *data,
           gsize       len,
           const char *encoding)
{
  g_autoptr (GError) error = NULL;
  AlamaDecodedText *decoded = alama_text_decode (data, len, encoding, &error);

  g_assert_no_error (error);
  g_assert_nonnull (decoded);
  g_assert_true (g_utf8_validate_len (decoded->text, decoded->len, NULL));
  g_assert_cmpuint (strlen (decoded->text), ==, decoded->len);
  g_assert_cmpuint (decoded->source_bytes, ==, len);
  g_assert_cmpuint (strlen (decoded->sha256), ==, 64);
  return decoded;
}

/* Decoding must fail with exactly @message. */
static void
decode_fails (const void *data,
              gsize       len,
              const char *encoding,
              const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDecodedText) decoded = alama_text_decode (data, len, encoding, &error);

  g_assert_null (decoded);
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, message);
}

/* @utf8 in @charset through iconv, optionally after a byte-order mark. */
static GBytes *
convert (const char *utf8,
         const char *charset,
         const char *prefix,
         gsize       prefix_len)
{
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  g_autofree char *converted = g_convert (utf8, -1, charset, "UTF-8", NULL, &len, &error);
  GByteArray *bytes = g_byte_array_new ();

  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) prefix, (guint) prefix_len);
  g_byte_array_append (bytes, (const guint8 *) converted, (guint) len);
  return g_byte_array_free_to_bytes (bytes);
}

/* Encoding @decoded again must give back @data. */
static void
assert_encodes_back (const AlamaDecodedText *decoded,
                     const void             *data,
                     gsize                   len)
{
  g_autoptr (GError) error = NULL;
  gsize out_len = 0;
  g_autofree guint8 *out =
    alama_text_encode (decoded->text, decoded->len, decoded->encoding, decoded->bom, &out_len,
                       &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_cmpmem (out, out_len, data, len);
}

static void
test_utf8 (void)
{
  g_autoptr (AlamaDecodedText) decoded = decode_ok (ARABIC_UTF8, strlen (ARABIC_UTF8), NULL);

  g_assert_cmpstr (decoded->encoding, ==, "UTF-8");
  g_assert_false (decoded->bom);
  /* Kept exactly, CRLF included. */
  g_assert_cmpstr (decoded->text, ==, ARABIC_UTF8);
  g_assert_cmpuint (decoded->len, ==, strlen (ARABIC_UTF8));
  assert_encodes_back (decoded, ARABIC_UTF8, strlen (ARABIC_UTF8));
}

static void
test_utf8_bom (void)
{
  const char *source = BOM_UTF8 ARABIC_UTF8;
  g_autoptr (AlamaDecodedText) decoded = decode_ok (source, strlen (source), NULL);
  g_autoptr (AlamaDecodedText) explicit = decode_ok (source, strlen (source), "utf8");

  g_assert_cmpstr (decoded->encoding, ==, "UTF-8");
  g_assert_true (decoded->bom);
  /* The mark is the first character, and counts. */
  g_assert_cmpstr (decoded->text, ==, source);
  g_assert_cmpuint (g_utf8_get_char (decoded->text), ==, 0xFEFF);
  g_assert_cmpint (g_utf8_strlen (decoded->text, -1), ==, g_utf8_strlen (ARABIC_UTF8, -1) + 1);
  g_assert_cmpuint (g_utf8_get_char (g_utf8_offset_to_pointer (decoded->text, 1)), ==, 0x0642);
  assert_encodes_back (decoded, source, strlen (source));

  g_assert_true (explicit->bom);
  g_assert_cmpstr (explicit->text, ==, source);
}

static void
test_utf8_bom_invalid (void)
{
  /* A UTF-8 mark says UTF-8: a bad byte after it is an error, not a sign of
   * windows-1256. */
  const char source[] = BOM_UTF8 "\xD9\x82\xC7\xE1";

  decode_fails (source, sizeof source - 1, NULL,
                "not valid UTF-8 at byte 5 (the file starts with a UTF-8 byte-order mark)");
}

static void
check_utf16 (const char *charset,
             const char *bom,
             const char *name)
{
  /* Arabic with an emoji and a character beyond the BMP: surrogate pairs. */
  const char *utf8 = "مرحبا 😀 بالعالم 𝔸\r\nسطر\n";
  g_autoptr (GBytes) bytes = convert (utf8, charset, bom, 2);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree char *expected = g_strconcat (BOM_UTF8, utf8, NULL);
  g_autoptr (AlamaDecodedText) detected = decode_ok (data, len, NULL);
  g_autoptr (AlamaDecodedText) plain = decode_ok (data, len, "utf-16");
  g_autoptr (AlamaDecodedText) named = decode_ok (data, len, name);

  g_assert_cmpstr (detected->encoding, ==, name);
  g_assert_true (detected->bom);
  g_assert_cmpstr (detected->text, ==, expected);
  assert_encodes_back (detected, data, len);

  g_assert_cmpstr (plain->encoding, ==, name);
  g_assert_cmpstr (plain->text, ==, expected);
  g_assert_cmpstr (named->encoding, ==, name);
  g_assert_true (named->bom);
  g_assert_cmpstr (named->text, ==, expected);
}

static void
test_utf16le (void)
{
  check_utf16 ("UTF-16LE", "\xFF\xFE", "UTF-16LE");
}

static void
test_utf16be (void)
{
  check_utf16 ("UTF-16BE", "\xFE\xFF", "UTF-16BE");
}

static void
test_utf16_no_bom (void)
{
  g_autoptr (GBytes) bytes = convert ("سلام", "UTF-16LE", "", 0);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autoptr (AlamaDecodedText) decoded = decode_ok (data, len, "UTF-16le");

  g_assert_cmpstr (decoded->text, ==, "سلام");
  g_assert_false (decoded->bom);
  assert_encodes_back (decoded, data, len);

  /* "UTF-16" alone needs the mark for the byte order. */
  decode_fails (data, len, "UTF-16",
                "invalid UTF-16 at byte 0: no byte-order mark to give the byte order "
                "(name UTF-16LE or UTF-16BE)");
}

static void
test_utf16_truncated (void)
{
  /* FF FE, "ab", then half a unit. */
  const char odd[] = "\xFF\xFE" "a\0b\0" "c";
  /* FF FE, "a", then a surrogate pair cut in its second unit. */
  const char cut_pair[] = "\xFF\xFE" "a\0" "\x3D\xD8\x00";
  /* Big-endian, one byte only after the mark. */
  const char be[] = "\xFE\xFF" "\x06";

  decode_fails (odd, sizeof odd - 1, NULL,
                "invalid UTF-16 at byte 6: truncated character (an odd number of bytes)");
  decode_fails (cut_pair, sizeof cut_pair - 1, NULL,
                "invalid UTF-16 at byte 4: truncated character (an odd number of bytes)");
  decode_fails (be, sizeof be - 1, "utf-16be",
                "invalid UTF-16 at byte 2: truncated character (an odd number of bytes)");
}

static void
test_utf16_surrogates (void)
{
  /* A high surrogate followed by a letter, a lone low surrogate, a high
   * surrogate at the very end. */
  const char high[] = "\xFF\xFE" "a\0" "\x3D\xD8" "b\0";
  const char low[] = "\xFE\xFF" "\x00" "a" "\xDE\x00";
  const char last[] = "\xFF\xFE" "a\0b\0c\0d\0e\0" "\x3D\xD8";

  decode_fails (high, sizeof high - 1, NULL,
                "invalid UTF-16 at byte 4: unpaired high surrogate 0xD83D");
  decode_fails (low, sizeof low - 1, NULL, "invalid UTF-16 at byte 4: unpaired low surrogate 0xDE00");
  decode_fails (last, sizeof last - 1, NULL,
                "invalid UTF-16 at byte 12: unpaired high surrogate 0xD83D");
}

/* Uses ف ق ك غ, the Arabic comma and tatweel: windows-1256 bytes that
 * ISO-8859-6 leaves undefined. */
#define WINDOWS_1256_UTF8 "في القاهرة، كتب غسان كنفاني قصة قصيرة عن الفلســطينيين.\r\n"

static void
test_windows_1256 (void)
{
  g_autoptr (GBytes) bytes = convert (WINDOWS_1256_UTF8, "CP1256", "", 0);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autoptr (AlamaDecodedText) decoded = decode_ok (data, len, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDecodedText) as_8859 = alama_text_decode (data, len, "ISO-8859-6", &error);

  g_assert_cmpstr (decoded->encoding, ==, "windows-1256");
  g_assert_false (decoded->bom);
  g_assert_cmpstr (decoded->text, ==, WINDOWS_1256_UTF8);
  assert_encodes_back (decoded, data, len);

  /* ف is 0xDD in windows-1256, not a byte of ISO-8859-6. */
  g_assert_null (as_8859);
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "byte 0xDD at byte offset 0 is not valid in ISO-8859-6");
}

static void
test_windows_1256_ambiguous (void)
{
  /* Every byte here means something in ISO-8859-6 too, where ي and ى are
   * vowel marks: the letters tell windows-1256. */
  const char *utf8 = "مرحبا يا علي، هذا هو الذي رأيته في المدينة.\n";
  const char *short_utf8 = "مرحبا بالعالم";
  g_autoptr (GBytes) bytes = convert (utf8, "CP1256", "", 0);
  g_autoptr (GBytes) short_bytes = convert (short_utf8, "CP1256", "", 0);
  gsize len, short_len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  const guint8 *short_data = g_bytes_get_data (short_bytes, &short_len);
  g_autoptr (AlamaDecodedText) decoded = decode_ok (data, len, NULL);
  g_autoptr (AlamaDecodedText) short_decoded = decode_ok (short_data, short_len, NULL);
  g_autoptr (AlamaDecodedText) short_8859 = decode_ok (short_data, short_len, "iso-8859-6");

  g_assert_cmpstr (decoded->encoding, ==, "windows-1256");
  g_assert_cmpstr (decoded->text, ==, utf8);

  /* All Arabic letters either way: a tie, which goes to windows-1256. */
  g_assert_cmpstr (short_8859->text, !=, short_utf8);
  g_assert_cmpstr (short_decoded->encoding, ==, "windows-1256");
  g_assert_cmpstr (short_decoded->text, ==, short_utf8);
}

static void
check_iso_8859_6 (const char *utf8)
{
  g_autoptr (GBytes) bytes = convert (utf8, "ISO-8859-6", "", 0);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autoptr (AlamaDecodedText) decoded = decode_ok (data, len, NULL);
  g_autoptr (AlamaDecodedText) as_1256 = decode_ok (data, len, "cp1256");

  /* windows-1256 decodes these bytes too, into something else: detection
   * goes by which reads as Arabic. */
  g_assert_cmpstr (as_1256->text, !=, utf8);
  g_assert_cmpstr (decoded->encoding, ==, "ISO-8859-6");
  g_assert_false (decoded->bom);
  g_assert_cmpstr (decoded->text, ==, utf8);
  assert_encodes_back (decoded, data, len);
}

static void
test_iso_8859_6 (void)
{
  check_iso_8859_6 ("هذا هو الطريق إلى المدينة، وعلى اليمين بيت ليلى.\r\n");
  /* With vowel marks, which windows-1256 puts elsewhere. */
  check_iso_8859_6 ("بِسْمِ اللهِ الرَّحْمَنِ؛ وَهُوَ عَلَى كُلِّ شَيْءٍ قَدِيرٌ\n");
}

static void
test_latin_bytes (void)
{
  /* Mostly ASCII with a few Latin-1 bytes: nothing Arabic either way, and
   * windows-1256 reads them as the same Latin letters. */
  const char source[] = "caf\xE9 na\xEFve, d\xE9j\xE0 vu\n";
  g_autoptr (AlamaDecodedText) decoded = decode_ok (source, sizeof source - 1, NULL);

  g_assert_cmpstr (decoded->encoding, ==, "windows-1256");
  g_assert_cmpstr (decoded->text, ==, "café naïve, déjà vu\n");
}

static void
test_explicit (void)
{
  const char *names[][2] = {
    { "utf-8", "UTF-8" },
    { "UTF8", "UTF-8" },
    { "Windows-1256", "windows-1256" },
    { "CP1256", "windows-1256" },
    { "iso-8859-6", "ISO-8859-6" },
    { "ARABIC", "ISO-8859-6" },
  };
  const char *utf8 = "\xD8\xA4"; /* ؤ, bytes valid in all three */
  g_autoptr (GBytes) bytes = convert (WINDOWS_1256_UTF8, "CP1256", "", 0);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (AlamaDecodedText) decoded = decode_ok (utf8, 2, names[i][0]);

      g_assert_cmpstr (decoded->encoding, ==, names[i][1]);
    }

  /* Valid UTF-8, read as windows-1256 when asked to. */
  {
    g_autoptr (AlamaDecodedText) decoded = decode_ok (utf8, 2, "cp1256");

    g_assert_cmpstr (decoded->text, ==, "ط¤");
    assert_encodes_back (decoded, utf8, 2);
  }

  /* windows-1256 bytes are not UTF-8. */
  decode_fails (data, len, "UTF-8", "not valid UTF-8 at byte 0");
  decode_fails ("ab\xC3", 3, "UTF-8", "not valid UTF-8 at byte 2");
  decode_fails ("abc\xA1xyz", 7, "arabic", "byte 0xA1 at byte offset 3 is not valid in ISO-8859-6");
}

static void
test_unknown_encoding (void)
{
  g_autoptr (GError) error = NULL;
  gsize out_len = 1;

  decode_fails ("abc", 3, "latin9",
                "unknown encoding \"latin9\": use UTF-8, UTF-16, UTF-16LE, UTF-16BE, "
                "windows-1256 or ISO-8859-6");
  decode_fails ("abc", 3, "utf-32", "unknown encoding \"utf-32\": use UTF-8, UTF-16, UTF-16LE, "
                                    "UTF-16BE, windows-1256 or ISO-8859-6");
  g_assert_null (alama_text_encode ("abc", 3, "cp1252", FALSE, &out_len, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "\"cp1252\""));
  g_assert_cmpuint (out_len, ==, 0);
}

static void
test_nul (void)
{
  const char *hint = " (a binary file?)";
  const char *encodings[] = { "UTF-8", "windows-1256", "ISO-8859-6" };
  const char utf16[] = "\xFF\xFE" "a\0\0\0";

  decode_fails ("abc\0def", 7, NULL,
                "NUL byte at byte offset 3 (a binary file, or UTF-16 without a byte-order mark?)");
  /* Before or after an invalid UTF-8 byte, NUL is what is wrong. */
  decode_fails ("ab\xFF\0", 4, NULL,
                "NUL byte at byte offset 3 (a binary file, or UTF-16 without a byte-order mark?)");
  for (gsize i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autofree char *message = g_strconcat ("NUL byte at byte offset 0", hint, NULL);

      decode_fails ("\0abc", 4, encodings[i], message);
    }
  decode_fails (utf16, sizeof utf16 - 1, NULL, "NUL character at byte offset 4 (a binary file?)");
  decode_fails (utf16 + 2, sizeof utf16 - 3, "UTF-16LE",
                "NUL character at byte offset 2 (a binary file?)");
}

static void
test_empty (void)
{
  const char *encodings[] = { NULL, "UTF-8", "UTF-16", "UTF-16BE", "cp1256", "ISO-8859-6" };

  for (gsize i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autoptr (AlamaDecodedText) decoded = decode_ok (NULL, 0, encodings[i]);

      g_assert_cmpstr (decoded->text, ==, "");
      g_assert_cmpuint (decoded->len, ==, 0);
      g_assert_false (decoded->bom);
      g_assert_cmpuint (decoded->source_bytes, ==, 0);
      g_assert_cmpstr (decoded->sha256, ==,
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      assert_encodes_back (decoded, "", 0);
    }
}

static void
test_checksum (void)
{
  g_autoptr (GBytes) bytes = convert (ARABIC_UTF8, "UTF-16BE", "\xFE\xFF", 2);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autoptr (AlamaDecodedText) decoded = decode_ok (data, len, NULL);
  g_autoptr (AlamaDecodedText) abc = decode_ok ("abc", 3, NULL);
  g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);

  /* Of the source bytes, not of the decoded text. */
  g_assert_cmpuint (decoded->source_bytes, ==, len);
  g_assert_cmpuint (decoded->len, !=, len);
  g_assert_cmpstr (decoded->sha256, ==, expected);
  g_assert_cmpstr (abc->sha256, ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_line_ends (void)
{
  const char *utf8 = "سطر\r\nسطر\rسطر\n\r\n";
  const char *charsets[] = { "UTF-8", "UTF-16LE", "CP1256", "ISO-8859-6" };

  for (gsize i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      gboolean utf16 = g_str_equal (charsets[i], "UTF-16LE");
      g_autoptr (GBytes) bytes = convert (utf8, charsets[i], "\xFF\xFE", utf16 ? 2 : 0);
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);
      g_autoptr (AlamaDecodedText) decoded = decode_ok (data, len, NULL);

      g_assert_cmpstr (decoded->text + (utf16 ? 3 : 0), ==, utf8);
    }
}

/* Each byte through the table and through iconv. */
static void
check_table (const char *name,
             const char *charset)
{
  guint n_defined = 0;

  for (guint b = 1; b <= 0xFF; b++)
    {
      char byte = (char) b;
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) iconv_error = NULL;
      g_autoptr (AlamaDecodedText) decoded = alama_text_decode ((const guint8 *) &byte, 1, name, &error);
      g_autofree char *expected = g_convert (&byte, 1, "UTF-8", charset, NULL, NULL, &iconv_error);

      if (g_error_matches (iconv_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        {
          g_test_skip ("iconv cannot convert this charset");
          return;
        }
      if (expected == NULL)
        {
          g_autofree char *message =
            g_strdup_printf ("byte 0x%02X at byte offset 0 is not valid in %s", b, name);

          g_assert_null (decoded);
          g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
          g_assert_cmpstr (error->message, ==, message);
        }
      else
        {
          gsize out_len = 0;
          g_autofree guint8 *back = NULL;

          g_assert_no_error (error);
          g_assert_cmpstr (decoded->text, ==, expected);
          back = alama_text_encode (decoded->text, decoded->len, name, FALSE, &out_len, &error);
          g_assert_no_error (error);
          g_assert_cmpmem (back, out_len, &byte, 1);
          n_defined++;
        }
    }
  g_test_message ("%s: %u bytes defined", name, n_defined);
}

static void
test_tables (void)
{
  check_table ("windows-1256", "CP1256");
  check_table ("ISO-8859-6", "ISO-8859-6");
}

static void
test_round_trip (void)
{
  const char *texts[] = {
    "",
    "سلام",
    "قال: «نعم»، ثم ذهب؛ أليس كذلك؟\r\n",
    ARABIC_UTF8,
    BOM_UTF8 "بداية",
    "مرحبا 😀 𝔸 \u200d\u200e\uFFFD",
  };
  const char *encodings[] = { "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-16", "windows-1256",
                              "ISO-8859-6" };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (encodings); j++)
      for (int bom = 0; bom <= 1; bom++)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (AlamaDecodedText) decoded = NULL;
          gsize out_len = 0;
          g_autofree guint8 *out = alama_text_encode (texts[i], strlen (texts[i]), encodings[j],
                                                      bom, &out_len, &error);
          gboolean utf16 = g_str_has_prefix (encodings[j], "UTF-16");
          gboolean adds_bom = (bom || g_str_equal (encodings[j], "UTF-16"))
                              && !g_str_has_prefix (texts[i], BOM_UTF8);
          g_autofree char *expected = g_strconcat (adds_bom ? BOM_UTF8 : "", texts[i], NULL);

          if (out == NULL)
            {
              /* Only the legacy pages refuse: a mark, or a character they
               * do not have. */
              g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
              g_assert_false (utf16 || g_str_equal (encodings[j], "UTF-8"));
              continue;
            }
          g_assert_no_error (error);
          decoded = decode_ok (out, out_len, encodings[j]);
          g_assert_cmpstr (decoded->text, ==, expected);
          g_assert_cmpint (decoded->bom, ==, g_str_has_prefix (expected, BOM_UTF8));
          if (utf16 && decoded->bom)
            {
              /* A UTF-16 mark is found without being told. */
              g_autoptr (AlamaDecodedText) detected = decode_ok (out, out_len, NULL);

              g_assert_cmpstr (detected->text, ==, expected);
            }
          assert_encodes_back (decoded, out, out_len);
        }
}

static void
test_encode_bom (void)
{
  g_autoptr (GError) error = NULL;
  gsize out_len = 0;
  g_autofree guint8 *added = alama_text_encode ("س", 2, "UTF-8", TRUE, &out_len, &error);
  g_autofree guint8 *kept = NULL;
  g_autofree guint8 *utf16 = NULL;
  g_autofree guint8 *legacy = NULL;

  g_assert_no_error (error);
  g_assert_cmpmem (added, out_len, BOM_UTF8 "س", 5);
  /* A mark in the text is the mark, not one more. */
  kept = alama_text_encode (BOM_UTF8 "س", 5, "UTF-8", TRUE, &out_len, &error);
  g_assert_cmpmem (kept, out_len, BOM_UTF8 "س", 5);
  /* "UTF-16" is little-endian with a mark. */
  utf16 = alama_text_encode ("س", 2, "utf-16", FALSE, &out_len, &error);
  g_assert_cmpmem (utf16, out_len, "\xFF\xFE\x33\x06", 4);

  legacy = alama_text_encode ("س", 2, "cp1256", TRUE, &out_len, &error);
  g_assert_null (legacy);
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "windows-1256 has no byte-order mark");
}

static void
encode_fails (const char *text,
              const char *encoding,
              const char *message)
{
  g_autoptr (GError) error = NULL;
  gsize out_len = 0;
  g_autofree guint8 *out = alama_text_encode (text, strlen (text), encoding, FALSE, &out_len, &error);

  g_assert_null (out);
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_unencodable (void)
{
  g_autoptr (GError) error = NULL;
  gsize out_len = 0;

  /* پ is in windows-1256 (0x81) but not in ISO-8859-6. */
  encode_fails ("سلام پ", "ISO-8859-6",
                "character U+067E 'پ' at character offset 5 cannot be encoded in ISO-8859-6");
  encode_fails ("سلام 😀", "windows-1256",
                "character U+1F600 '😀' at character offset 5 cannot be encoded in windows-1256");
  /* The mark is a character like any other. */
  encode_fails (BOM_UTF8 "سلام", "windows-1256",
                "character U+FEFF at character offset 0 cannot be encoded in windows-1256");
  /* A mark is not shown on its own. */
  encode_fails ("ab\u0670", "cp1256",
                "character U+0670 at character offset 2 cannot be encoded in windows-1256");

  /* Not text. */
  g_assert_null (alama_text_encode ("ab\xFF", 3, "UTF-8", FALSE, &out_len, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "invalid UTF-8 at byte offset 2 of the text");
  g_clear_error (&error);
  g_assert_null (alama_text_encode ("a\0b", 3, "UTF-16LE", FALSE, &out_len, &error));
  g_assert_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "NUL character at byte offset 1 of the text");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/text-decoder/utf8", test_utf8);
  g_test_add_func ("/alama/text-decoder/utf8-bom", test_utf8_bom);
  g_test_add_func ("/alama/text-decoder/utf8-bom-invalid", test_utf8_bom_invalid);
  g_test_add_func ("/alama/text-decoder/utf16le", test_utf16le);
  g_test_add_func ("/alama/text-decoder/utf16be", test_utf16be);
  g_test_add_func ("/alama/text-decoder/utf16-no-bom", test_utf16_no_bom);
  g_test_add_func ("/alama/text-decoder/utf16-truncated", test_utf16_truncated);
  g_test_add_func ("/alama/text-decoder/utf16-surrogates", test_utf16_surrogates);
  g_test_add_func ("/alama/text-decoder/windows-1256", test_windows_1256);
  g_test_add_func ("/alama/text-decoder/windows-1256-ambiguous", test_windows_1256_ambiguous);
  g_test_add_func ("/alama/text-decoder/iso-8859-6", test_iso_8859_6);
  g_test_add_func ("/alama/text-decoder/latin-bytes", test_latin_bytes);
  g_test_add_func ("/alama/text-decoder/explicit", test_explicit);
  g_test_add_func ("/alama/text-decoder/unknown-encoding", test_unknown_encoding);
  g_test_add_func ("/alama/text-decoder/nul", test_nul);
  g_test_add_func ("/alama/text-decoder/empty", test_empty);
  g_test_add_func ("/alama/text-decoder/checksum", test_checksum);
  g_test_add_func ("/alama/text-decoder/line-ends", test_line_ends);
  g_test_add_func ("/alama/text-decoder/tables", test_tables);
  g_test_add_func ("/alama/text-decoder/round-trip", test_round_trip);
  g_test_add_func ("/alama/text-decoder/encode-bom", test_encode_bom);
  g_test_add_func ("/alama/text-decoder/unencodable", test_unencodable);

  return g_test_run ();
}
