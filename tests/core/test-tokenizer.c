/* test-tokenizer.c: tests for alama_tokenize().
 *
 * Most tests are rows of a table: an input text, the surfaces of the tokens
 * expected from it and, where it matters, their kinds.  Every row is also
 * checked against the promises of alama-tokenizer.h (offsets consistent,
 * sorted, on character boundaries), so that a new row tests those too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "alama-tokenizer.h"

/* Sentences are separated by "\n" and tokens by " " in @expected: neither
 * can occur inside a token, so the expectation reads like the text. */
typedef struct
{
  const char *name;
  const char *text;
  const char *expected;
  /* One letter per token, or NULL when the kinds are not the point of the
   * test: a(rabic) l(atin) n(umber) p(unct) u(rl) e(mail). */
  const char *kinds;
} TokenizerCase;

static const TokenizerCase cases[] = {
  /* Diacritics combine with their letter and never split a word. */
  { "diacritics/vocalized",
    "كَتَبَ الطَّالِبُ الدَّرْسَ.", "كَتَبَ الطَّالِبُ الدَّرْسَ .", "aaap" },
  { "diacritics/tanwin", "قرأتُ كتاباً جديداً", "قرأتُ كتاباً جديداً", "aaa" },
  { "diacritics/shadda-superscript-alef", "هٰذا الرَّحْمٰنِ", "هٰذا الرَّحْمٰنِ", "aa" },
  { "diacritics/quranic",
    "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ", "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ", "aaaa" },
  /* A mark after a space has no letter to sit on and belongs to no token. */
  { "diacritics/stray-mark", "كتب \u064Eالولد", "كتب الولد", "aa" },
  { "clitics/attached", "والعراق وبالكتاب لللغة", "والعراق وبالكتاب لللغة", "aaa" },
  { "tatweel/inside", "اللغة العـــربية", "اللغة العـــربية", "aa" },
  /* Tatweel never starts a token; after a letter it stays with it. */
  { "tatweel/edges", "ـــكلمةـــ ـ", "كلمةـــ", "a" },
  { "zwnj/inside", "مي\u200Cخواهم", "مي\u200Cخواهم", "a" },
  { "zwnj/edges", "\u200Cالعراق\u200C بغداد\u200C", "العراق بغداد", "aa" },
  { "zwnj/after-mark", "كَ\u200Cتَبَ", "كَ\u200Cتَبَ", "a" },
  { "zwj/inside", "ك\u200Dتاب", "ك\u200Dتاب", "a" },
  { "bidi/rlm-edges", "\u200Fالعراق\u200F \u200Fبغداد", "العراق بغداد", "aa" },
  { "bidi/rlm-inside", "ال\u200Fعراق", "ال\u200Fعراق", "a" },
  { "bidi/lrm-edges", "قال \u200EBarack Obama\u200E", "قال Barack Obama", "all" },
  { "bidi/lrm-inside-latin", "Ba\u200Erack", "Ba\u200Erack", "l" },
  { "bidi/alm", "\u061C١٢٣\u061C ال\u061Cعراق\u061C", "١٢٣ ال\u061Cعراق", "na" },
  { "bidi/run-of-marks", "ال\u200F\u200E\u061Cعراق \u200F\u200E", "ال\u200F\u200E\u061Cعراق", "a" },
  { "zwsp/separates", "كلمة\u200Bأخرى", "كلمة أخرى", "aa" },
  { "digits/arabic-indic", "عام ٢٠٠٩ و٠١٢٣٤٥٦٧٨٩", "عام ٢٠٠٩ و ٠١٢٣٤٥٦٧٨٩", "anan" },
  { "digits/extended", "سال ۱۳۹۹", "سال ۱۳۹۹", "an" },
  { "digits/decimal", "٣٫٥ و3.5 و۲٫۵", "٣٫٥ و 3.5 و ۲٫۵", "nanan" },
  { "digits/thousands", "١٬٠٠٠٬٠٠٠ و1,000 و١،٠٠٠", "١٬٠٠٠٬٠٠٠ و 1,000 و ١،٠٠٠", "nanan" },
  /* An Arabic comma between digits is a list unless it groups thousands. */
  { "digits/arabic-comma-list", "١،٢", "١ ، ٢", "npn" },
  { "digits/dates-times",
    "في 11/9/2001 الساعة 10:30 و١١/٩/٢٠٠١", "في 11/9/2001 الساعة 10:30 و ١١/٩/٢٠٠١", "ananan" },
  { "digits/trailing-separator", "عام 2009. ثم", "عام 2009 .\nثم", "anpa" },
  { "digits/suffix", "2009م", "2009 م", "na" },
  { "mixed/arabic-latin-digits", "قال Barack Obama في 2009", "قال Barack Obama في 2009", "allan" },
  { "mixed/no-spaces", "العراقIraq٢٠٢٤", "العراق Iraq ٢٠٢٤", "aln" },
  { "abbreviation/us", "جيش U.S. الكبير", "جيش U.S. الكبير", "ala" },
  { "abbreviation/eg", "e.g. this", "e.g. this", "ll" },
  { "abbreviation/usa-no-final-dot", "U.S.A today", "U.S.A today", "ll" },
  /* "Mr." does not end a sentence: its dot belongs to it. */
  { "abbreviation/mr", "Mr. Smith arrived. قال", "Mr. Smith arrived .\nقال", "lllpa" },
  { "latin/apostrophe-hyphen", "O'Brien al-Qaeda", "O'Brien al-Qaeda", "ll" },
  { "latin/other-scripts", "Αθήνα Москва", "Αθήνα Москва", "ll" },
  { "url/plain",
    "زوروا https://www.example.com/path?q=1&x=2 اليوم",
    "زوروا https://www.example.com/path?q=1&x=2 اليوم", "aua" },
  { "url/trailing-dot",
    "انظر http://example.com/page. ثم", "انظر http://example.com/page .\nثم", "aupa" },
  { "url/trailing-arabic-comma",
    "موقع www.aljazeera.net، وغيره", "موقع www.aljazeera.net ، وغيره", "aupa" },
  { "url/trailing-question",
    "هل زرت https://example.com؟", "هل زرت https://example.com ؟", "aaup" },
  { "url/parentheses", "(راجع https://ar.wikipedia.org/wiki/Foo_(bar))",
    "( راجع https://ar.wikipedia.org/wiki/Foo_(bar) )", "paup" },
  { "url/guillemets", "«https://example.com»", "« https://example.com »", "pup" },
  { "url/arabic-path",
    "https://ar.wikipedia.org/wiki/العراق", "https://ar.wikipedia.org/wiki/العراق", "u" },
  { "email/plain", "راسلونا على info@example.com.", "راسلونا على info@example.com .", "aaep" },
  { "email/local-part", "first.last+ner@mail.example.org", "first.last+ner@mail.example.org", "e" },
  { "email/after-dots", "...info@example.com", "...\ninfo@example.com", "pe" },
  { "email/no-domain-dot", "a@b", "a @ b", "lpl" },
  { "punct/arabic", "نعم، لا؛ لماذا؟", "نعم ، لا ؛ لماذا ؟", "apapap" },
  { "punct/guillemets", "قال «مرحبا» له", "قال « مرحبا » له", "apapa" },
  { "punct/double-quotes", "قال \"مرحبا\" له", "قال \" مرحبا \" له", "apapa" },
  { "punct/single-quotes", "قال 'مرحبا' له", "قال ' مرحبا ' له", "apapa" },
  { "punct/ellipsis-run", "انتظر... ثم", "انتظر ...\nثم", "apa" },
  { "punct/unicode-ellipsis", "انتظر… ثم", "انتظر …\nثم", "apa" },
  { "punct/question-exclamation", "حقا؟! نعم?! لا!!", "حقا ؟!\nنعم ?!\nلا !!", "apapap" },
  { "punct/emoji", "رائع 😀👍", "رائع 😀 👍", "app" },
  { "punct/ornate-parentheses", "﴿الحمد لله﴾", "﴿ الحمد لله ﴾", "paap" },
  { "sentence/two", "ذهب الولد. عاد الولد.", "ذهب الولد .\nعاد الولد .", "aapaap" },
  { "sentence/closing-guillemet", "قال «انتهى.» ثم ذهب", "قال « انتهى . »\nثم ذهب", "apappaa" },
  { "sentence/closing-quote", "قال \"انتهى.\" ثم", "قال \" انتهى . \"\nثم", "apappa" },
  /* A straight quote after a space opens the next sentence. */
  { "sentence/opening-quote", "انتهى. \"بدأ\" الآن", "انتهى .\n\" بدأ \" الآن", "appapa" },
  { "sentence/closing-brackets", "(انتهى.)] ثم", "( انتهى . ) ]\nثم", "papppa" },
  { "sentence/urdu-full-stop", "ختم۔ پھر", "ختم ۔\nپھر", "apa" },
  { "newline/crlf", "السطر الأول\r\nالسطر الثاني\r\n", "السطر الأول\nالسطر الثاني", "aaaa" },
  { "newline/lone-cr", "أ\rب\rج", "أ\nب\nج", "aaa" },
  { "newline/blank-lines", "أ\n\n\r\n\nب", "أ\nب", "aa" },
  { "newline/after-stop", "انتهى.\n»بدأ", "انتهى .\n» بدأ", "appa" },
  { "newline/line-separator", "أ\u2028ب\u2029ج", "أ\nب\nج", "aaa" },
  { "astral/emoji-before", "😀 كلمة", "😀 كلمة", "pa" },
  { "astral/math-bold", "𝐀𝐁 word 𝐂", "𝐀𝐁 word 𝐂", "lll" },
  { "bom/start", "\uFEFFكلمة أخرى", "كلمة أخرى", "aa" },
  { "empty", "", "", "" },
  { "whitespace-only", " \t\r\n\u00A0\u3000 \n", "", "" },
  { "marks-only", "\u200F\u064E\u0640\u200C", "", "" },
};

static char
kind_letter (AlamaTokenKind kind)
{
  return alama_token_kind_to_string (kind)[0];
}

/* What every tokenization must satisfy, whatever the text. */
static void
check_invariants (const char *text,
                  gsize       len,
                  GArray     *tokens)
{
  gsize prev_end = 0;
  guint in_sentence = 0;

  for (guint i = 0; i < tokens->len; i++)
    {
      const AlamaToken *tok = &g_array_index (tokens, AlamaToken, i);

      g_assert_cmpuint (tok->start_byte, >=, prev_end);
      g_assert_cmpuint (tok->start_byte, <, tok->end_byte);
      g_assert_cmpuint (tok->end_byte, <=, len);
      g_assert_true (g_utf8_validate_len (text + tok->start_byte,
                                          tok->end_byte - tok->start_byte, NULL));
      g_assert_cmpuint (tok->start_char, ==,
                        (gsize) g_utf8_pointer_to_offset (text, text + tok->start_byte));
      g_assert_cmpuint (tok->end_char, ==,
                        (gsize) g_utf8_pointer_to_offset (text, text + tok->end_byte));
      in_sentence++;
      g_assert_cmpuint (in_sentence, <=, ALAMA_MAX_SENTENCE_TOKENS);
      if (tok->sentence_end)
        in_sentence = 0;
      prev_end = tok->end_byte;
    }
  if (tokens->len > 0)
    g_assert_true (g_array_index (tokens, AlamaToken, tokens->len - 1).sentence_end);
}

static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (AlamaToken));

  alama_tokenize (text, strlen (text), tokens);
  check_invariants (text, strlen (text), tokens);
  return tokens;
}

static void
test_case (gconstpointer data)
{
  const TokenizerCase *tc = data;
  g_autoptr (GArray) tokens = tokenize (tc->text);
  g_auto (GStrv) sentences = g_strsplit (tc->expected, "\n", -1);
  guint i = 0;

  for (guint s = 0; tc->expected[0] != '\0' && sentences[s] != NULL; s++)
    {
      g_auto (GStrv) surfaces = g_strsplit (sentences[s], " ", -1);

      for (guint w = 0; surfaces[w] != NULL; w++, i++)
        {
          const AlamaToken *tok;
          g_autofree char *surface = NULL;

          if (i >= tokens->len)
            {
              g_test_message ("token %u \"%s\" missing: only %u tokens", i, surfaces[w],
                              tokens->len);
              g_test_fail ();
              return;
            }
          tok = &g_array_index (tokens, AlamaToken, i);
          surface = g_strndup (tc->text + tok->start_byte, tok->end_byte - tok->start_byte);
          g_test_message ("token %u: \"%s\" [%zu, %zu) bytes [%zu, %zu) chars %s%s", i, surface,
                          tok->start_byte, tok->end_byte, tok->start_char, tok->end_char,
                          alama_token_kind_to_string (tok->kind),
                          tok->sentence_end ? " (sentence end)" : "");
          g_assert_cmpstr (surface, ==, surfaces[w]);
          /* Only the last token of each expected sentence closes it. */
          g_assert_cmpint (tok->sentence_end, ==, surfaces[w + 1] == NULL);
          if (tc->kinds != NULL)
            {
              g_assert_cmpuint (i, <, strlen (tc->kinds));
              g_assert_cmpint (kind_letter (tok->kind), ==, tc->kinds[i]);
            }
        }
    }
  g_assert_cmpuint (tokens->len, ==, i);
  if (tc->kinds != NULL)
    g_assert_cmpuint (strlen (tc->kinds), ==, i);
}

/* Characters outside the BMP take four bytes but count as one character:
 * the two units must not be confused. */
static void
test_offsets_astral (void)
{
  const char *text = "😀 𝐀 كلمة";
  g_autoptr (GArray) tokens = tokenize (text);
  const AlamaToken *tok;

  g_assert_cmpuint (tokens->len, ==, 3);
  tok = &g_array_index (tokens, AlamaToken, 0);
  g_assert_cmpuint (tok->start_byte, ==, 0);
  g_assert_cmpuint (tok->end_byte, ==, 4);
  g_assert_cmpuint (tok->start_char, ==, 0);
  g_assert_cmpuint (tok->end_char, ==, 1);
  tok = &g_array_index (tokens, AlamaToken, 1);
  g_assert_cmpuint (tok->start_byte, ==, 5);
  g_assert_cmpuint (tok->end_byte, ==, 9);
  g_assert_cmpuint (tok->start_char, ==, 2);
  g_assert_cmpuint (tok->end_char, ==, 3);
  g_assert_cmpint (tok->kind, ==, ALAMA_TOKEN_LATIN);
  tok = &g_array_index (tokens, AlamaToken, 2);
  g_assert_cmpuint (tok->start_byte, ==, 10);
  g_assert_cmpuint (tok->end_byte, ==, 18);
  g_assert_cmpuint (tok->start_char, ==, 4);
  g_assert_cmpuint (tok->end_char, ==, 8);
}

/* A BOM is no part of a token, but it is a character of the text: offsets
 * after it count it, as the text widget will. */
static void
test_offsets_bom (void)
{
  const char *text = "\uFEFFكلمة";
  g_autoptr (GArray) tokens = tokenize (text);
  const AlamaToken *tok;

  g_assert_cmpuint (tokens->len, ==, 1);
  tok = &g_array_index (tokens, AlamaToken, 0);
  g_assert_cmpuint (tok->start_byte, ==, 3);
  g_assert_cmpuint (tok->end_byte, ==, 11);
  g_assert_cmpuint (tok->start_char, ==, 1);
  g_assert_cmpuint (tok->end_char, ==, 5);
  g_assert_true (tok->sentence_end);
}

static void
test_empty_null (void)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, TRUE, sizeof (AlamaToken));

  alama_tokenize (NULL, 0, tokens);
  g_assert_cmpuint (tokens->len, ==, 0);
  alama_tokenize ("", 0, tokens);
  g_assert_cmpuint (tokens->len, ==, 0);
}

/* The text need not end with a nul: only @len bytes are read, and a word
 * cut by @len ends there. */
static void
test_not_nul_terminated (void)
{
  const char *full = "كتب الطالب الدرس";
  gsize len = strlen ("كتب الط");
  g_autofree char *text = g_memdup2 (full, len);
  g_autoptr (GArray) tokens = g_array_new (FALSE, TRUE, sizeof (AlamaToken));
  const AlamaToken *tok;

  alama_tokenize (text, len, tokens);
  check_invariants (text, len, tokens);
  g_assert_cmpuint (tokens->len, ==, 2);
  tok = &g_array_index (tokens, AlamaToken, 1);
  g_assert_cmpuint (tok->end_byte, ==, len);
  g_assert_cmpuint (tok->end_char, ==, 7);
  g_assert_true (tok->sentence_end);
}

/* Tokens are appended; the caller's earlier tokens are left alone and
 * play no part in where sentences end. */
static void
test_append (void)
{
  const char *text = "أ\nب";
  g_autoptr (GArray) tokens = g_array_new (FALSE, TRUE, sizeof (AlamaToken));
  AlamaToken earlier = { 100, 200, 50, 60, ALAMA_TOKEN_LATIN, FALSE };
  const AlamaToken *tok;

  g_array_append_val (tokens, earlier);
  alama_tokenize (text, strlen (text), tokens);
  g_assert_cmpuint (tokens->len, ==, 3);
  tok = &g_array_index (tokens, AlamaToken, 0);
  g_assert_cmpuint (tok->start_byte, ==, 100);
  g_assert_false (tok->sentence_end);
  tok = &g_array_index (tokens, AlamaToken, 1);
  g_assert_cmpuint (tok->start_byte, ==, 0);
  g_assert_true (tok->sentence_end);
  tok = &g_array_index (tokens, AlamaToken, 2);
  g_assert_cmpuint (tok->start_char, ==, 2);
  g_assert_true (tok->sentence_end);
}

/* Without punctuation a sentence is cut every ALAMA_MAX_SENTENCE_TOKENS
 * tokens, so that memory per sentence stays bounded. */
static void
test_long_sentence (void)
{
  const guint n_words = 3000;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) tokens = NULL;
  guint in_sentence = 0;
  guint n_sentences = 0;

  for (guint i = 0; i < n_words; i++)
    g_string_append (text, i % 2 == 0 ? "كلمة " : "أخرى ");
  tokens = tokenize (text->str);
  g_assert_cmpuint (tokens->len, ==, n_words);
  for (guint i = 0; i < tokens->len; i++)
    {
      in_sentence++;
      if (g_array_index (tokens, AlamaToken, i).sentence_end)
        {
          n_sentences++;
          if (i + 1 < tokens->len)
            g_assert_cmpuint (in_sentence, ==, ALAMA_MAX_SENTENCE_TOKENS);
          else
            g_assert_cmpuint (in_sentence, ==, n_words % ALAMA_MAX_SENTENCE_TOKENS);
          in_sentence = 0;
        }
    }
  g_assert_cmpuint (n_sentences, ==, (n_words + ALAMA_MAX_SENTENCE_TOKENS - 1)
                                         / ALAMA_MAX_SENTENCE_TOKENS);
}

/* Closing brackets after a full stop join its sentence, but not past the
 * limit: a stop as the last allowed token is followed by a new sentence. */
static void
test_long_sentence_closers (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) tokens = NULL;
  const AlamaToken *stop;

  for (guint i = 0; i < ALAMA_MAX_SENTENCE_TOKENS - 2; i++)
    g_string_append (text, "كلمة ");
  g_string_append (text, "انتهى.)]»)]»");
  tokens = tokenize (text->str);
  g_assert_cmpuint (tokens->len, ==, ALAMA_MAX_SENTENCE_TOKENS + 6);
  stop = &g_array_index (tokens, AlamaToken, ALAMA_MAX_SENTENCE_TOKENS - 1);
  g_assert_cmpuint (stop->end_byte - stop->start_byte, ==, 1);
  g_assert_true (stop->sentence_end);
  g_assert_true (g_array_index (tokens, AlamaToken, tokens->len - 1).sentence_end);
}

/* A run of characters that could start an e-mail address, split into many
 * tokens, must not be rescanned from each token: this takes seconds when
 * the tokenizer is quadratic and milliseconds when it is linear. */
static void
test_linear_email_run (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) tokens = g_array_new (FALSE, TRUE, sizeof (AlamaToken));

  for (guint i = 0; i < 150000; i++)
    g_string_append (text, "a_");
  alama_tokenize (text->str, text->len, tokens);
  g_assert_cmpuint (tokens->len, ==, 300000);
}

static void
test_kind_names (void)
{
  g_assert_cmpstr (alama_token_kind_to_string (ALAMA_TOKEN_ARABIC), ==, "arabic");
  g_assert_cmpstr (alama_token_kind_to_string (ALAMA_TOKEN_LATIN), ==, "latin");
  g_assert_cmpstr (alama_token_kind_to_string (ALAMA_TOKEN_NUMBER), ==, "number");
  g_assert_cmpstr (alama_token_kind_to_string (ALAMA_TOKEN_PUNCT), ==, "punct");
  g_assert_cmpstr (alama_token_kind_to_string (ALAMA_TOKEN_URL), ==, "url");
  g_assert_cmpstr (alama_token_kind_to_string (ALAMA_TOKEN_EMAIL), ==, "email");
  g_assert_cmpstr (alama_token_kind_to_string ((AlamaTokenKind) 99), ==, "unknown");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/alama/tokenizer/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/alama/tokenizer/offsets/astral", test_offsets_astral);
  g_test_add_func ("/alama/tokenizer/offsets/bom", test_offsets_bom);
  g_test_add_func ("/alama/tokenizer/empty-null", test_empty_null);
  g_test_add_func ("/alama/tokenizer/not-nul-terminated", test_not_nul_terminated);
  g_test_add_func ("/alama/tokenizer/append", test_append);
  g_test_add_func ("/alama/tokenizer/long-sentence", test_long_sentence);
  g_test_add_func ("/alama/tokenizer/long-sentence/closers", test_long_sentence_closers);
  g_test_add_func ("/alama/tokenizer/linear/email-run", test_linear_email_run);
  g_test_add_func ("/alama/tokenizer/kind-names", test_kind_names);

  return g_test_run ();
}
