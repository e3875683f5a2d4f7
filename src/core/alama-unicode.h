/* alama-unicode.h: character classes of Arabic text, shared by the
 * tokenizer, the normalizer and the feature extractor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An Arabic-script letter (base letters, extended letters for Persian and
 * Urdu, presentation forms).  Not marks, digits or punctuation: the
 * presentation blocks' symbols (U+FBB2–FBC1), ornate parentheses ﴾ ﴿ and
 * noncharacters (U+FDD0–FDEF) are left out. */
static inline gboolean
alama_unichar_is_arabic_letter (gunichar c)
{
  return (c >= 0x0620 && c <= 0x063F) || (c >= 0x0641 && c <= 0x064A)
         || (c >= 0x066E && c <= 0x066F) || (c >= 0x0671 && c <= 0x06D3)
         || c == 0x06D5 || (c >= 0x06EE && c <= 0x06EF)
         || (c >= 0x06FA && c <= 0x06FC) || c == 0x06FF
         || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08C9)
         || (c >= 0xFB50 && c <= 0xFBB1) || (c >= 0xFBD3 && c <= 0xFD3D)
         || (c >= 0xFD50 && c <= 0xFD8F) || (c >= 0xFD92 && c <= 0xFDC7)
         || (c >= 0xFDF0 && c <= 0xFDFB) || (c >= 0xFE70 && c <= 0xFE74)
         || (c >= 0xFE76 && c <= 0xFEFC);
}

/* Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks: all
 * combine with the letter before them. */
static inline gboolean
alama_unichar_is_arabic_mark (gunichar c)
{
  return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F)
         || c == 0x0670 || (c >= 0x06D6 && c <= 0x06DC)
         || (c >= 0x06DF && c <= 0x06E8) || (c >= 0x06EA && c <= 0x06ED)
         || (c >= 0x08CA && c <= 0x08FF);
}

#define ALAMA_TATWEEL 0x0640

/* Invisible joiners and bidi controls: ZWNJ, ZWJ, LRM, RLM, ALM, the
 * embedding/override/isolate controls and the zero-width no-break space
 * (a BOM in mid-text).  They belong to a word only when they sit inside it. */
static inline gboolean
alama_unichar_is_format_mark (gunichar c)
{
  return c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F
         || c == 0x061C || (c >= 0x202A && c <= 0x202E)
         || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x00AD;
}

/* Diacritics, tatweel and format marks: characters that the normalizer
 * drops and that never start a token. */
static inline gboolean
alama_unichar_is_ignorable (gunichar c)
{
  return alama_unichar_is_arabic_mark (c) || c == ALAMA_TATWEEL
         || alama_unichar_is_format_mark (c);
}

/* The value 0–9 of an ASCII, Arabic-Indic or Extended Arabic-Indic digit,
 * or -1. */
static inline int
alama_unichar_digit_value (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (int) (c - '0');
  if (c >= 0x0660 && c <= 0x0669)
    return (int) (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9)
    return (int) (c - 0x06F0);
  return -1;
}

G_END_DECLS
