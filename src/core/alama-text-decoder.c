/* alama-text-decoder.c: turn a text file's bytes into UTF-8 and back.
 *
 * The two legacy code pages are tables here rather than iconv conversions:
 * they are small, the C library need not have them, and a table gives the
 * same answer everywhere.  The tests check them against iconv.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-text-decoder.h"

#include <string.h>

typedef enum
{
  ENCODING_UTF8,
  ENCODING_UTF16, /* the byte-order mark decides */
  ENCODING_UTF16LE,
  ENCODING_UTF16BE,
  ENCODING_WINDOWS_1256,
  ENCODING_ISO_8859_6,
  ENCODING_UNKNOWN,
} Encoding;

static const char *const canonical_names[] = {
  [ENCODING_UTF8] = "UTF-8",
  [ENCODING_UTF16] = "UTF-16",
  [ENCODING_UTF16LE] = "UTF-16LE",
  [ENCODING_UTF16BE] = "UTF-16BE",
  [ENCODING_WINDOWS_1256] = "windows-1256",
  [ENCODING_ISO_8859_6] = "ISO-8859-6",
};

static const struct
{
  const char *name;
  Encoding encoding;
} encoding_names[] = {
  { "UTF-8", ENCODING_UTF8 },
  { "UTF8", ENCODING_UTF8 },
  { "UTF-16", ENCODING_UTF16 },
  { "UTF16", ENCODING_UTF16 },
  { "UTF-16LE", ENCODING_UTF16LE },
  { "UTF16LE", ENCODING_UTF16LE },
  { "UTF-16BE", ENCODING_UTF16BE },
  { "UTF16BE", ENCODING_UTF16BE },
  { "windows-1256", ENCODING_WINDOWS_1256 },
  { "windows1256", ENCODING_WINDOWS_1256 },
  { "cp1256", ENCODING_WINDOWS_1256 },
  { "ISO-8859-6", ENCODING_ISO_8859_6 },
  { "ISO8859-6", ENCODING_ISO_8859_6 },
  { "ISO_8859-6", ENCODING_ISO_8859_6 },
  { "arabic", ENCODING_ISO_8859_6 },
  { "ASMO-708", ENCODING_ISO_8859_6 },
  { "ECMA-114", ENCODING_ISO_8859_6 },
};

/* Bytes 0x00–0x7F are ASCII in both code pages; these tables give bytes
 * 0x80–0xFF.  They are Unicode's mappings (the windows-1256 of 1998, with
 * every byte defined, and ISO/IEC 8859-6:1999), which glibc's iconv and
 * Python's codecs share. */
#define NONE 0xFFFF

static const guint16 windows_1256_high[128] = {
  /* 0x80 */ 0x20AC, 0x067E, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  /* 0x88 */ 0x02C6, 0x2030, 0x0679, 0x2039, 0x0152, 0x0686, 0x0698, 0x0688,
  /* 0x90 */ 0x06AF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  /* 0x98 */ 0x06A9, 0x2122, 0x0691, 0x203A, 0x0153, 0x200C, 0x200D, 0x06BA,
  /* 0xA0 */ 0x00A0, 0x060C, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
  /* 0xA8 */ 0x00A8, 0x00A9, 0x06BE, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
  /* 0xB0 */ 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
  /* 0xB8 */ 0x00B8, 0x00B9, 0x061B, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x061F,
  /* 0xC0 */ 0x06C1, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627,
  /* 0xC8 */ 0x0628, 0x0629, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x062F,
  /* 0xD0 */ 0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x00D7,
  /* 0xD8 */ 0x0637, 0x0638, 0x0639, 0x063A, 0x0640, 0x0641, 0x0642, 0x0643,
  /* 0xE0 */ 0x00E0, 0x0644, 0x00E2, 0x0645, 0x0646, 0x0647, 0x0648, 0x00E7,
  /* 0xE8 */ 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0649, 0x064A, 0x00EE, 0x00EF,
  /* 0xF0 */ 0x064B, 0x064C, 0x064D, 0x064E, 0x00F4, 0x064F, 0x0650, 0x00F7,
  /* 0xF8 */ 0x0651, 0x00F9, 0x0652, 0x00FB, 0x00FC, 0x200E, 0x200F, 0x06D2,
};

static const guint16 iso_8859_6_high[128] = {
  /* 0x80 */ 0x0080, 0x0081, 0x0082, 0x0083, 0x0084, 0x0085, 0x0086, 0x0087,
  /* 0x88 */ 0x0088, 0x0089, 0x008A, 0x008B, 0x008C, 0x008D, 0x008E, 0x008F,
  /* 0x90 */ 0x0090, 0x0091, 0x0092, 0x0093, 0x0094, 0x0095, 0x0096, 0x0097,
  /* 0x98 */ 0x0098, 0x0099, 0x009A, 0x009B, 0x009C, 0x009D, 0x009E, 0x009F,
  /* 0xA0 */ 0x00A0, NONE,   NONE,   NONE,   0x00A4, NONE,   NONE,   NONE,
  /* 0xA8 */ NONE,   NONE,   NONE,   NONE,   0x060C, 0x00AD, NONE,   NONE,
  /* 0xB0 */ NONE,   NONE,   NONE,   NONE,   NONE,   NONE,   NONE,   NONE,
  /* 0xB8 */ NONE,   NONE,   NONE,   0x061B, NONE,   NONE,   NONE,   0x061F,
  /* 0xC0 */ NONE,   0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627,
  /* 0xC8 */ 0x0628, 0x0629, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x062F,
  /* 0xD0 */ 0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x0637,
  /* 0xD8 */ 0x0638, 0x0639, 0x063A, NONE,   NONE,   NONE,   NONE,   NONE,
  /* 0xE0 */ 0x0640, 0x0641, 0x0642, 0x0643, 0x0644, 0x0645, 0x0646, 0x0647,
  /* 0xE8 */ 0x0648, 0x0649, 0x064A, 0x064B, 0x064C, 0x064D, 0x064E, 0x064F,
  /* 0xF0 */ 0x0650, 0x0651, 0x0652, NONE,   NONE,   NONE,   NONE,   NONE,
  /* 0xF8 */ NONE,   NONE,   NONE,   NONE,   NONE,   NONE,   NONE,   NONE,
};

/* The reverse of a table, sorted by code point, for encoding. */
typedef struct
{
  guint16 code_point;
  guint8 byte;
} ReverseEntry;

typedef struct
{
  Encoding encoding;
  const guint16 *high;
  ReverseEntry reverse[128];
  guint n_reverse;
} CodePage;

static CodePage windows_1256 = { ENCODING_WINDOWS_1256, windows_1256_high, { { 0, 0 } }, 0 };
static CodePage iso_8859_6 = { ENCODING_ISO_8859_6, iso_8859_6_high, { { 0, 0 } }, 0 };

static void
build_reverse (CodePage *page)
{
  page->n_reverse = 0;
  for (guint b = 0x80; b <= 0xFF; b++)
    {
      guint16 code_point = page->high[b - 0x80];
      guint i;

      if (code_point == NONE)
        continue;
      /* Insertion sort: 128 entries, once. */
      for (i = page->n_reverse; i > 0 && page->reverse[i - 1].code_point > code_point; i--)
        page->reverse[i] = page->reverse[i - 1];
      page->reverse[i].code_point = code_point;
      page->reverse[i].byte = (guint8) b;
      page->n_reverse++;
    }
}

/* Returns the byte for @c in @page, or -1 when it has none. */
static int
code_page_byte (const CodePage *page,
                gunichar        c)
{
  guint lo = 0;
  guint hi = page->n_reverse;

  if (c < 0x80)
    return (int) c;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (page->reverse[mid].code_point < c)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < page->n_reverse && page->reverse[lo].code_point == c)
    return page->reverse[lo].byte;
  return -1;
}

static const CodePage *
get_code_page (Encoding encoding)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      build_reverse (&windows_1256);
      build_reverse (&iso_8859_6);
      g_once_init_leave (&initialized, 1);
    }
  g_assert (encoding == ENCODING_WINDOWS_1256 || encoding == ENCODING_ISO_8859_6);
  return encoding == ENCODING_WINDOWS_1256 ? &windows_1256 : &iso_8859_6;
}

static Encoding
lookup_encoding (const char *name,
                 GError    **error)
{
  g_autofree char *valid = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (encoding_names); i++)
    if (g_ascii_strcasecmp (name, encoding_names[i].name) == 0)
      return encoding_names[i].encoding;

  valid = g_utf8_make_valid (name, -1);
  g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
               "unknown encoding \"%s\": use UTF-8, UTF-16, UTF-16LE, UTF-16BE, "
               "windows-1256 or ISO-8859-6",
               valid);
  return ENCODING_UNKNOWN;
}

static void
set_nul_error (GError **error,
               gsize    offset,
               gboolean detecting)
{
  /* Text files have no NUL: a NUL byte is most often a binary file or, when
   * the encoding was not named, UTF-16 written without a byte-order mark. */
  g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
               "NUL byte at byte offset %" G_GSIZE_FORMAT "%s", offset,
               detecting ? " (a binary file, or UTF-16 without a byte-order mark?)"
                         : " (a binary file?)");
}

/* --- Decoding ---------------------------------------------------------- */

static char *
decode_utf8 (const guint8 *data,
             gsize         len,
             gboolean      detecting,
             gsize        *out_len,
             GError      **error)
{
  const char *end = NULL;
  char *text;

  /* g_utf8_validate_len() stops at a NUL byte too. */
  if (!g_utf8_validate_len ((const char *) data, len, &end))
    {
      gsize offset = (gsize) ((const guint8 *) end - data);

      if (data[offset] == 0)
        set_nul_error (error, offset, detecting);
      else
        g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                     "not valid UTF-8 at byte %" G_GSIZE_FORMAT, offset);
      return NULL;
    }
  text = g_malloc (len + 1);
  if (len > 0)
    memcpy (text, data, len);
  text[len] = '\0';
  *out_len = len;
  return text;
}

static guint
utf16_unit (const guint8 *p,
            gboolean      big_endian)
{
  return big_endian ? (guint) p[0] << 8 | p[1] : (guint) p[1] << 8 | p[0];
}

static char *
decode_utf16 (const guint8 *data,
              gsize         len,
              gboolean      big_endian,
              gsize        *out_len,
              GError      **error)
{
  g_autoptr (GString) out = g_string_sized_new (len + len / 2 + 1);
  gsize i = 0;

  while (len - i >= 2)
    {
      gsize start = i;
      gunichar c = utf16_unit (data + i, big_endian);

      i += 2;
      if (c >= 0xD800 && c <= 0xDBFF)
        {
          guint low;

          if (len - i == 1)
            {
              /* The pair is cut short: a truncated file, said below. */
              i = start;
              break;
            }
          if (len - i < 2 || (low = utf16_unit (data + i, big_endian)) < 0xDC00 || low > 0xDFFF)
            {
              g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                           "invalid UTF-16 at byte %" G_GSIZE_FORMAT
                           ": unpaired high surrogate 0x%04X",
                           start, c);
              return NULL;
            }
          c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
          i += 2;
        }
      else if (c >= 0xDC00 && c <= 0xDFFF)
        {
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                       "invalid UTF-16 at byte %" G_GSIZE_FORMAT ": unpaired low surrogate 0x%04X",
                       start, c);
          return NULL;
        }
      else if (c == 0)
        {
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                       "NUL character at byte offset %" G_GSIZE_FORMAT " (a binary file?)", start);
          return NULL;
        }
      g_string_append_unichar (out, c);
    }
  if (i < len)
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                   "invalid UTF-16 at byte %" G_GSIZE_FORMAT
                   ": truncated character (an odd number of bytes)",
                   i);
      return NULL;
    }
  *out_len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
decode_code_page (const CodePage *page,
                  const guint8   *data,
                  gsize           len,
                  gsize          *out_len,
                  GError        **error)
{
  g_autoptr (GString) out = g_string_sized_new (len + len / 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      guint8 b = data[i];

      if (b == 0)
        {
          set_nul_error (error, i, FALSE);
          return NULL;
        }
      if (b < 0x80)
        g_string_append_c (out, (char) b);
      else if (page->high[b - 0x80] != NONE)
        g_string_append_unichar (out, page->high[b - 0x80]);
      else
        {
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                       "byte 0x%02X at byte offset %" G_GSIZE_FORMAT " is not valid in %s", b, i,
                       canonical_names[page->encoding]);
          return NULL;
        }
    }
  *out_len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- Telling the legacy code pages apart ------------------------------ */

typedef enum
{
  CLASS_OTHER,
  CLASS_ARABIC_LETTER,
  CLASS_ARABIC_MARK,
  CLASS_LATIN_LETTER,
  CLASS_CONTROL,
} CharClass;

static CharClass
classify (gunichar c)
{
  if ((c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3))
    return CLASS_ARABIC_LETTER;
  if (c >= 0x064B && c <= 0x0652)
    return CLASS_ARABIC_MARK;
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
      || (c >= 0x00C0 && c <= 0x00FF && c != 0x00D7 && c != 0x00F7) || c == 0x0152 || c == 0x0153
      || c == 0x0192)
    return CLASS_LATIN_LETTER;
  if ((c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r')
      || (c >= 0x7F && c <= 0x9F))
    return CLASS_CONTROL;
  return CLASS_OTHER;
}

/* How much @data looks like text in @page: each Arabic letter counts one;
 * control characters, vowel marks on no letter, and Arabic letters touching
 * Latin ones count against.  The two pages share their ASCII half and
 * their hamza-to-dad letters; where they differ, Arabic text in the other
 * page turns into Latin letters glued to Arabic ones (windows-1256 reading
 * ISO-8859-6), or into stray vowel marks and controls (the reverse).
 * Returns %FALSE when @page leaves a byte of @data undefined. */
static gboolean
score_code_page (const CodePage *page,
                 const guint8   *data,
                 gsize           len,
                 gint64         *score)
{
  CharClass prev = CLASS_OTHER;
  gint64 s = 0;

  for (gsize i = 0; i < len; i++)
    {
      gunichar c = data[i] < 0x80 ? data[i] : page->high[data[i] - 0x80];
      CharClass cls;

      if (c == NONE)
        return FALSE;
      cls = classify (c);
      switch (cls)
        {
        case CLASS_ARABIC_LETTER:
          s += 1;
          if (prev == CLASS_LATIN_LETTER)
            s -= 2;
          break;
        case CLASS_ARABIC_MARK:
          if (prev != CLASS_ARABIC_LETTER && prev != CLASS_ARABIC_MARK)
            s -= 1;
          break;
        case CLASS_LATIN_LETTER:
          if (prev == CLASS_ARABIC_LETTER)
            s -= 2;
          break;
        case CLASS_CONTROL:
          s -= 2;
          break;
        case CLASS_OTHER:
        default:
          break;
        }
      prev = cls;
    }
  *score = s;
  return TRUE;
}

/* Whether bytes that are not valid UTF-8 as a whole are still mostly UTF-8:
 * many well-formed multi-byte sequences against few broken ones.  Legacy
 * Arabic text rarely forms a multi-byte sequence (a letter byte followed by
 * one of the few punctuation bytes in 0x80–0xBF), while UTF-8 Arabic with a
 * stray byte is almost all sequences; decoding the latter as windows-1256
 * would turn every letter into two wrong ones. */
static gboolean
is_broken_utf8 (const guint8 *data,
                gsize         len)
{
  gsize sequences = 0;
  gsize broken = 0;
  const char *p = (const char *) data;
  const char *end = p + len;

  while (p < end)
    {
      const char *bad;

      if (g_utf8_validate_len (p, (gsize) (end - p), &bad))
        bad = end;
      for (const char *q = p; q < bad; q = g_utf8_next_char (q))
        if ((guchar) *q >= 0x80)
          sequences++;
      if (bad >= end)
        break;
      broken++;
      p = bad + 1;
    }
  return sequences > 0 && sequences >= 4 * broken;
}

static char *
decode_detect (const guint8 *data,
               gsize         len,
               Encoding     *encoding,
               gsize        *out_len,
               GError      **error)
{
  const guint8 *nul;
  const char *end = NULL;
  gint64 score_1256 = 0, score_8859 = 0;
  gboolean ok_1256, ok_8859;
  const CodePage *page;

  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      *encoding = ENCODING_UTF16LE;
      return decode_utf16 (data, len, FALSE, out_len, error);
    }
  if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      *encoding = ENCODING_UTF16BE;
      return decode_utf16 (data, len, TRUE, out_len, error);
    }

  /* NUL is U+0000 in all the other encodings: no need to go further. */
  nul = len > 0 ? memchr (data, 0, len) : NULL;
  if (nul != NULL)
    {
      set_nul_error (error, (gsize) (nul - data), TRUE);
      return NULL;
    }

  if (g_utf8_validate_len ((const char *) data, len, &end))
    {
      *encoding = ENCODING_UTF8;
      return decode_utf8 (data, len, TRUE, out_len, error);
    }
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      /* The mark says UTF-8: a broken UTF-8 file, not a legacy one. */
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                   "not valid UTF-8 at byte %" G_GSIZE_FORMAT
                   " (the file starts with a UTF-8 byte-order mark)",
                   (gsize) ((const guint8 *) end - data));
      return NULL;
    }
  if (is_broken_utf8 (data, len))
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                   "invalid UTF-8 at byte %" G_GSIZE_FORMAT
                   " (the rest is UTF-8; if the file is in another encoding, name it)",
                   (gsize) ((const guint8 *) end - data));
      return NULL;
    }

  ok_1256 = score_code_page (get_code_page (ENCODING_WINDOWS_1256), data, len, &score_1256);
  ok_8859 = score_code_page (get_code_page (ENCODING_ISO_8859_6), data, len, &score_8859);
  if (!ok_1256 && !ok_8859)
    {
      /* windows-1256 defines every byte, so this is for tables that
       * would not. */
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                   "not valid UTF-8 at byte %" G_GSIZE_FORMAT ", nor windows-1256 or ISO-8859-6",
                   (gsize) ((const guint8 *) end - data));
      return NULL;
    }
  /* A tie goes to windows-1256, by far the more common of the two. */
  if (ok_8859 && (!ok_1256 || score_8859 > score_1256))
    *encoding = ENCODING_ISO_8859_6;
  else
    *encoding = ENCODING_WINDOWS_1256;
  page = get_code_page (*encoding);
  return decode_code_page (page, data, len, out_len, error);
}

static char *
decode_as (Encoding      encoding,
           const guint8 *data,
           gsize         len,
           Encoding     *actual,
           gsize        *out_len,
           GError      **error)
{
  *actual = encoding;
  switch (encoding)
    {
    case ENCODING_UTF8:
      return decode_utf8 (data, len, FALSE, out_len, error);
    case ENCODING_UTF16:
      if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
        *actual = ENCODING_UTF16BE;
      else if ((len >= 2 && data[0] == 0xFF && data[1] == 0xFE) || len == 0)
        *actual = ENCODING_UTF16LE;
      else
        {
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                       "invalid UTF-16 at byte 0: no byte-order mark to give the byte order "
                       "(name UTF-16LE or UTF-16BE)");
          return NULL;
        }
      return decode_utf16 (data, len, *actual == ENCODING_UTF16BE, out_len, error);
    case ENCODING_UTF16LE:
      return decode_utf16 (data, len, FALSE, out_len, error);
    case ENCODING_UTF16BE:
      return decode_utf16 (data, len, TRUE, out_len, error);
    case ENCODING_WINDOWS_1256:
    case ENCODING_ISO_8859_6:
      return decode_code_page (get_code_page (encoding), data, len, out_len, error);
    case ENCODING_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/**
 * alama_text_decode:
 * @data: (array length=len) (nullable): the source bytes; %NULL only when
 *   @len is 0
 * @len: size of @data, in bytes
 * @encoding: (nullable): the source's encoding, or %NULL to detect it
 * @error: return location for an #ALAMA_FORMAT_ERROR_ENCODING error
 *
 * Decodes a text file into UTF-8, keeping its characters as they are: a
 * byte-order mark becomes U+FEFF at the start of the text, line ends are
 * not changed.
 *
 * With @encoding %NULL, a UTF-16 byte-order mark (FF FE or FE FF) means
 * UTF-16; otherwise valid UTF-8 (with or without its byte-order mark) is
 * UTF-8; otherwise the input is read as windows-1256 or ISO-8859-6,
 * whichever defines all its bytes and gives the more plausible Arabic text
 * (more Arabic letters, fewer control characters, stray vowel marks and
 * Arabic letters glued to Latin ones), windows-1256 on a tie.  UTF-8 with
 * a UTF-8 byte-order mark and a bad byte is an error, not a legacy file.
 * With @encoding given, the input is decoded strictly in it; "UTF-16" wants
 * a byte-order mark, unless the input is empty.
 *
 * Errors name a byte offset into @data: a byte not valid in the encoding,
 * broken UTF-16 (an odd number of bytes, an unpaired surrogate), or a NUL
 * character, which no text file has.  An unknown @encoding is an error too.
 *
 * Returns: (transfer full) (nullable): the decoded text, or %NULL with
 *   @error set
 */
AlamaDecodedText *
alama_text_decode (const guint8 *data,
                   gsize         len,
                   const char   *encoding,
                   GError      **error)
{
  g_autoptr (AlamaDecodedText) result = NULL;
  g_autoptr (GChecksum) checksum = NULL;
  Encoding actual = ENCODING_UNKNOWN;
  gsize text_len = 0;
  char *text;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = (const guint8 *) "";

  if (encoding != NULL)
    {
      Encoding wanted = lookup_encoding (encoding, error);

      if (wanted == ENCODING_UNKNOWN)
        return NULL;
      text = decode_as (wanted, data, len, &actual, &text_len, error);
    }
  else
    text = decode_detect (data, len, &actual, &text_len, error);
  if (text == NULL)
    return NULL;

  result = g_new0 (AlamaDecodedText, 1);
  result->text = text;
  result->len = text_len;
  result->encoding = canonical_names[actual];
  result->bom = (actual == ENCODING_UTF8 || actual == ENCODING_UTF16LE
                 || actual == ENCODING_UTF16BE)
                && text_len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0;
  result->source_bytes = len;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  for (gsize done = 0; done < len;)
    {
      /* g_checksum_update() takes a signed length. */
      gsize chunk = MIN (len - done, (gsize) 1 << 30);

      g_checksum_update (checksum, data + done, (gssize) chunk);
      done += chunk;
    }
  g_strlcpy (result->sha256, g_checksum_get_string (checksum), sizeof result->sha256);

  return g_steal_pointer (&result);
}

/**
 * alama_decoded_text_free:
 * @decoded: (nullable) (transfer full): a decoded text
 *
 * Frees @decoded and its text.
 */
void
alama_decoded_text_free (AlamaDecodedText *decoded)
{
  if (decoded == NULL)
    return;
  g_free (decoded->text);
  g_free (decoded);
}

/* --- Encoding ---------------------------------------------------------- */

static void
append_utf16_unit (GString  *out,
                   guint     unit,
                   gboolean  big_endian)
{
  if (big_endian)
    {
      g_string_append_c (out, (char) (unit >> 8));
      g_string_append_c (out, (char) (unit & 0xFF));
    }
  else
    {
      g_string_append_c (out, (char) (unit & 0xFF));
      g_string_append_c (out, (char) (unit >> 8));
    }
}

/**
 * alama_text_encode:
 * @text: (array length=len) (nullable): UTF-8 text; %NULL only when @len
 *   is 0
 * @len: length of @text, in bytes
 * @encoding: the encoding to write, by any name alama_text_decode() takes
 * @bom: whether the output starts with a byte-order mark
 * @out_len: (out): return location for the size of the output, in bytes
 * @error: return location for an #ALAMA_FORMAT_ERROR_ENCODING error
 *
 * Encodes @text, the reverse of alama_text_decode(), so that a document
 * can be written back in its source's encoding: encoding a decoded text
 * with its @encoding and @bom gives back the source bytes.
 *
 * A U+FEFF at the start of @text is the byte-order mark in UTF-8 and UTF-16
 * and is written as it is, whatever @bom says; @bom %TRUE adds one when
 * @text has none.  "UTF-16" writes UTF-16LE, always with a byte-order
 * mark, for readers to know the byte order.  The legacy code pages have
 * no byte-order mark: @bom %TRUE is an error for them.
 *
 * Errors: @text not valid UTF-8 or holding U+0000 (with its byte offset),
 * a character that the legacy code page cannot encode (with its offset in
 * characters from the start of @text, counting a leading U+FEFF), an
 * unknown @encoding.
 *
 * Returns: (transfer full) (array length=out_len) (nullable): the encoded
 *   bytes, followed by two zero bytes that @out_len does not count, or
 *   %NULL with @error set
 */
guint8 *
alama_text_encode (const char *text,
                   gsize       len,
                   const char *encoding,
                   gboolean    bom,
                   gsize      *out_len,
                   GError    **error)
{
  g_autoptr (GString) out = NULL;
  const char *end = NULL;
  const char *p;
  gboolean has_bom;
  Encoding target;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (encoding != NULL, NULL);
  g_return_val_if_fail (out_len != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *out_len = 0;
  if (text == NULL)
    text = "";
  target = lookup_encoding (encoding, error);
  if (target == ENCODING_UNKNOWN)
    return NULL;

  if (!g_utf8_validate_len (text, len, &end))
    {
      gsize offset = (gsize) (end - text);

      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                   "%s at byte offset %" G_GSIZE_FORMAT " of the text",
                   text[offset] == '\0' ? "NUL character" : "invalid UTF-8", offset);
      return NULL;
    }
  has_bom = len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0;

  switch (target)
    {
    case ENCODING_UTF8:
      out = g_string_sized_new (len + 5);
      if (bom && !has_bom)
        g_string_append_len (out, "\xEF\xBB\xBF", 3);
      g_string_append_len (out, text, (gssize) len);
      break;

    case ENCODING_UTF16:
      target = ENCODING_UTF16LE;
      bom = TRUE;
      G_GNUC_FALLTHROUGH;
    case ENCODING_UTF16LE:
    case ENCODING_UTF16BE:
      {
        gboolean big_endian = target == ENCODING_UTF16BE;

        out = g_string_sized_new (2 * len + 4);
        if (bom && !has_bom)
          append_utf16_unit (out, 0xFEFF, big_endian);
        for (p = text; p < text + len; p = g_utf8_next_char (p))
          {
            gunichar c = g_utf8_get_char (p);

            if (c < 0x10000)
              append_utf16_unit (out, c, big_endian);
            else
              {
                append_utf16_unit (out, 0xD800 + ((c - 0x10000) >> 10), big_endian);
                append_utf16_unit (out, 0xDC00 + ((c - 0x10000) & 0x3FF), big_endian);
              }
          }
      }
      break;

    case ENCODING_WINDOWS_1256:
    case ENCODING_ISO_8859_6:
      {
        const CodePage *page = get_code_page (target);
        gsize char_offset = 0;

        if (bom)
          {
            g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                         "%s has no byte-order mark", canonical_names[target]);
            return NULL;
          }
        out = g_string_sized_new (len + 2);
        for (p = text; p < text + len; p = g_utf8_next_char (p), char_offset++)
          {
            gunichar c = g_utf8_get_char (p);
            int b = code_page_byte (page, c);

            if (b < 0)
              {
                char utf8[7] = { 0 };

                if (g_unichar_isgraph (c) && !g_unichar_ismark (c))
                  g_unichar_to_utf8 (c, utf8);
                g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                             "character U+%04X%s%s%s at character offset %" G_GSIZE_FORMAT
                             " cannot be encoded in %s",
                             c, utf8[0] ? " '" : "", utf8, utf8[0] ? "'" : "", char_offset,
                             canonical_names[target]);
                return NULL;
              }
            g_string_append_c (out, (char) b);
          }
      }
      break;

    case ENCODING_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

  *out_len = out->len;
  g_string_append_len (out, "\0\0", 2);
  return (guint8 *) g_string_free (g_steal_pointer (&out), FALSE);
}
