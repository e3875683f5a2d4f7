/* test-normalizer.c: tests for alama_normalize() and alama_normalize_dup().
 *
 * One table row per rule, with real Arabic words; every row also checks that
 * normalizing is idempotent and that ALAMA_NORMALIZED_MAX is enough.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "alama-normalizer.h"

typedef struct
{
  const char *name;
  const char *input;
  const char *expected;
} NormalizerCase;

static const NormalizerCase cases[] = {
  { "strip/harakat", "كَتَبَ", "كتب" },
  { "strip/tanwin", "كتاباً جديدٌ كتابٍ", "كتابا جديد كتاب" },
  { "strip/shadda-sukun", "الدَّرْسُ", "الدرس" },
  { "strip/superscript-alef", "هٰذا الرَّحْمٰنِ", "هذا الرحمن" },
  { "strip/quranic-marks", "ٱلْعَٰلَمِينَ ۝", "العلمين ۝" },
  { "strip/tatweel", "جـــميـل", "جميل" },
  { "strip/zwnj", "مي\u200Cخواهم", "ميخواهم" },
  { "strip/zwj", "ك\u200Dتاب", "كتاب" },
  { "strip/bidi-marks", "\u200Fال\u200Eعراق\u061C", "العراق" },
  { "strip/bidi-controls", "\u202Bبغداد\u202C \u2067دمشق\u2069", "بغداد دمشق" },
  { "strip/bom-soft-hyphen", "\uFEFFمدر\u00ADسة", "مدرسه" },
  { "alef/hamza-above", "أحمد", "احمد" },
  { "alef/hamza-below", "إسلام", "اسلام" },
  { "alef/madda", "آمن", "امن" },
  { "alef/wasla", "ٱلله", "الله" },
  { "alef/all", "أ إ آ ٱ ا", "ا ا ا ا ا" },
  { "alef-maqsura", "على مصطفى", "علي مصطفي" },
  { "ta-marbuta", "مدرسة جامعة", "مدرسه جامعه" },
  /* Hamza on waw and yeh, and the lone hamza, keep their identity. */
  { "hamza/kept", "مؤتمر قائد سماء", "مؤتمر قائد سماء" },
  { "persian-letters", "کتاب فارسی خانۀ", "كتاب فارسي خانه" },
  { "digits/arabic-indic", "٠١٢٣٤٥٦٧٨٩", "0123456789" },
  { "digits/extended", "۰۱۲۳۴۵۶۷۸۹", "0123456789" },
  /* Separators between digits are not digits: they stay as they are. */
  { "digits/separators", "٣٫٥ ١٬٠٠٠", "3٫5 1٬000" },
  { "latin/lower", "Barack OBAMA", "barack obama" },
  { "latin/accents", "ÉCOLE Ärger", "école ärger" },
  { "latin/other-scripts", "ΑΘΗΝΑ МОСКВА", "αθηνα москва" },
  { "latin/digits-kept", "COVID-19", "covid-19" },
  { "presentation-forms", "ﺍﻟﻌﺮﺑﻴﺔ", "العربيه" },
  { "presentation-forms/lam-alef", "ﻻ ﻷ ﻹ ﻵ ﻼ", "لا لا لا لا لا" },
  /* Characters of the presentation-form block without a decomposition
   * are kept: the variation selector of an emoji, the ornate parentheses. */
  { "presentation-forms/no-decomposition", "❤️ ﴾١﴿", "❤️ ﴾1﴿" },
  { "punctuation-kept", "«نعم»، لا؛ لماذا؟", "«نعم»، لا؛ لماذا؟" },
  { "url-kept", "https://Example.COM/Path", "https://example.com/path" },
  { "astral", "😀 𝐀", "😀 𝐀" },
  { "vocalized-sentence",
    "وَقَالَ الرَّئِيسُ إِنَّ المَدْرَسَةَ الجَدِيدَةَ سَتُفْتَحُ فِي ٢٠٢٤ عَلَى الأَرْجَحِ.",
    "وقال الرئيس ان المدرسه الجديده ستفتح في 2024 علي الارجح." },
  { "marks-only", "\u064E\u0651\u0640\u200C", "" },
  { "empty", "", "" },
};

static void
test_case (gconstpointer data)
{
  const NormalizerCase *tc = data;
  gsize len = strlen (tc->input);
  gsize out_size = ALAMA_NORMALIZED_MAX (len);
  g_autofree char *out = g_malloc (out_size);
  g_autofree char *again = NULL;
  gsize n;

  n = alama_normalize (tc->input, len, out, out_size);
  g_test_message ("\"%s\" → \"%s\"", tc->input, out);
  g_assert_cmpstr (out, ==, tc->expected);
  g_assert_cmpuint (n, ==, strlen (tc->expected));
  g_assert_cmpuint (n, <, out_size);
  g_assert_true (g_utf8_validate_len (out, n, NULL));

  /* The normalized form is a fixed point: features computed from a
   * normalized dictionary entry and from running text must agree. */
  again = alama_normalize_dup (out, -1);
  g_assert_cmpstr (again, ==, out);
}

/* ALAMA_NORMALIZED_MAX() is enough even where lower case takes more bytes
 * than upper case: Ⱥ (2 bytes) → ⱥ (3 bytes). */
static void
test_bound (void)
{
  const char *inputs[] = { "ȺȺȺȺ", "Ⱥ", "Ⱦ ȺA", "ﻻﻻﻻ", "İİ", "ΩK", "كَتَبَ", "" };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      gsize len = strlen (inputs[i]);
      gsize max = ALAMA_NORMALIZED_MAX (len);
      g_autofree char *out = g_malloc (max);
      g_autofree char *big = g_malloc (len * 8 + 16);
      gsize n = alama_normalize (inputs[i], len, out, max);
      gsize n_big = alama_normalize (inputs[i], len, big, len * 8 + 16);

      g_test_message ("\"%s\": %zu bytes → %zu bytes", inputs[i], len, n);
      g_assert_cmpuint (n, <, max);
      g_assert_cmpuint (n, ==, n_big);
      g_assert_cmpstr (out, ==, big);
    }
}

/* A buffer too small gets as many whole characters as fit, nul-terminated:
 * never half a character, never a byte past the end. */
static void
test_cut_char_boundary (void)
{
  const char *word = "كتابٌ";
  const char *full = "كتاب";

  for (gsize size = 1; size <= 12; size++)
    {
      /* Exactly @size bytes, so that a sanitizer build catches overflow. */
      g_autofree char *out = g_malloc (size);
      gsize n = alama_normalize (word, strlen (word), out, size);
      gsize expected = MIN (strlen (full), (size - 1) / 2 * 2);

      g_assert_cmpuint (n, ==, expected);
      g_assert_cmpuint (n, <, size);
      g_assert_cmpint (out[n], ==, '\0');
      g_assert_true (g_utf8_validate_len (out, n, NULL));
      g_assert_cmpmem (out, n, full, n);
    }
}

static void
test_cut_size_one (void)
{
  char out[1] = { 'x' };

  g_assert_cmpuint (alama_normalize ("أحمد", strlen ("أحمد"), out, sizeof out), ==, 0);
  g_assert_cmpint (out[0], ==, '\0');
}

/* ASCII and Arabic mixed: each character is cut whole, whatever its
 * length. */
static void
test_cut_mixed (void)
{
  const char *word = "Aب😀c";
  char out[8];
  gsize n;

  n = alama_normalize (word, strlen (word), out, 4);
  g_assert_cmpstr (out, ==, "aب");
  g_assert_cmpuint (n, ==, 3);
  n = alama_normalize (word, strlen (word), out, 7);
  g_assert_cmpstr (out, ==, "aب");
  g_assert_cmpuint (n, ==, 3);
  n = alama_normalize (word, strlen (word), out, 8);
  g_assert_cmpstr (out, ==, "aب😀");
  g_assert_cmpuint (n, ==, 7);
}

/* A lam-alef ligature is two characters once normalized; a small buffer may
 * hold the lam only. */
static void
test_cut_lam_alef (void)
{
  char out[4];
  gsize n;

  n = alama_normalize ("ﻻ", strlen ("ﻻ"), out, sizeof out);
  g_assert_cmpstr (out, ==, "ل");
  g_assert_cmpuint (n, ==, 2);
}

/* Only @len bytes are read: a word need not end with a nul. */
static void
test_not_nul_terminated (void)
{
  const char *text = "مدرسةٌ جديدة";
  gsize len = strlen ("مدرسةٌ");
  g_autofree char *word = g_memdup2 (text, len);
  char out[64];

  g_assert_cmpuint (alama_normalize (word, len, out, sizeof out), ==, strlen ("مدرسه"));
  g_assert_cmpstr (out, ==, "مدرسه");
}

static void
test_dup (void)
{
  g_autofree char *all = alama_normalize_dup ("إلى المدرسةِ", -1);
  g_autofree char *part = alama_normalize_dup ("إلى المدرسةِ", (gssize) strlen ("إلى"));
  g_autofree char *empty = alama_normalize_dup ("", -1);
  g_autofree char *none = alama_normalize_dup ("أحمد", 0);

  g_assert_cmpstr (all, ==, "الي المدرسه");
  g_assert_cmpstr (part, ==, "الي");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (none, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/alama/normalizer/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/alama/normalizer/bound", test_bound);
  g_test_add_func ("/alama/normalizer/cut/char-boundary", test_cut_char_boundary);
  g_test_add_func ("/alama/normalizer/cut/size-one", test_cut_size_one);
  g_test_add_func ("/alama/normalizer/cut/mixed", test_cut_mixed);
  g_test_add_func ("/alama/normalizer/cut/lam-alef", test_cut_lam_alef);
  g_test_add_func ("/alama/normalizer/not-nul-terminated", test_not_nul_terminated);
  g_test_add_func ("/alama/normalizer/dup", test_dup);

  return g_test_run ();
}
