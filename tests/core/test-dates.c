/* test-dates.c: tests for the rule-based date recognizer.
 *
 * Each case is an Arabic sentence and the dates expected in it, given as
 * surface strings: the expected offsets are found by searching each surface
 * in the input, after the previous one, and compared with the entity's
 * character and byte offsets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "alama-dates.h"
#include "alama-tokenizer.h"

typedef struct
{
  const char *surface;
  const char *when;
} Expected;

typedef struct
{
  const char *name;
  const char *input;
  Expected expected[4]; /* ends at the first NULL surface */
} DateCase;

static const DateCase cases[] = {
  /* Month names with a day and a year. */
  { "basic", "وقعت الهجمات في 11 سبتمبر 2001 في نيويورك.",
    { { "11 سبتمبر 2001", "2001-09-11" } } },
  { "two-dates", "من 1 يناير 2001 إلى 31 ديسمبر 2005",
    { { "1 يناير 2001", "2001-01-01" }, { "31 ديسمبر 2005", "2005-12-31" } } },
  { "month-min-year", "في سبتمبر من عام 2001 تغير العالم",
    { { "سبتمبر من عام 2001", "2001-09" } } },
  { "alef-variants", "في إبريل وابريل وأبريل",
    { { "إبريل", "--04" }, { "ابريل", "--04" }, { "أبريل", "--04" } } },
  { "ilul-spellings", "بين أيلول 2001 وايلول 2002",
    { { "أيلول 2001", "2001-09" }, { "ايلول 2002", "2002-09" } } },
  { "haziran-alone", "بعد نكسة حزيران تغير كل شيء",
    { { "حزيران", "--06" } } },
  { "leap-day", "في 29 فبراير 2000 و29 فبراير 2001",
    { { "29 فبراير 2000", "2000-02-29" }, { "فبراير 2001", "2001-02" } } },
  { "day-out-of-range", "في 32 يناير", { { "يناير", "--01" } } },

  /* Paired names. */
  { "paired-slash", "انتهت المهلة في 11 أيلول/سبتمبر 2001 تقريبا",
    { { "11 أيلول/سبتمبر 2001", "2001-09-11" } } },
  { "paired-paren-year", "وفي أيلول (سبتمبر) 2001 تغير العالم.",
    { { "أيلول (سبتمبر) 2001", "2001-09" } } },
  { "paired-paren", "تبدأ الدراسة في سبتمبر (أيلول) المقبل.",
    { { "سبتمبر (أيلول)", "--09" } } },
  { "paired-ambiguous", "في آذار (مارس) الماضي", { { "آذار (مارس)", "--03" } } },

  /* Levantine two-word months. */
  { "levantine-two-word", "اندلعت الحرب في 6 تشرين الأول 1973",
    { { "6 تشرين الأول 1973", "1973-10-06" } } },
  { "levantine-paired", "في كانون الثاني (يناير) 2011 بدأت الاحتجاجات",
    { { "كانون الثاني (يناير) 2011", "2011-01" } } },
  { "levantine-paired-slash", "في أكتوبر/تشرين الأول 1973",
    { { "أكتوبر/تشرين الأول 1973", "1973-10" } } },

  /* Maghrebi months. */
  { "maghrebi-juillet", "استقلت الجزائر في 5 جويلية 1962 بعد حرب طويلة",
    { { "5 جويلية 1962", "1962-07-05" } } },
  { "maghrebi-janvier", "ثورة 14 جانفي 2011 في تونس",
    { { "14 جانفي 2011", "2011-01-14" } } },

  /* Hijri dates. */
  { "hijri-full", "في 15 رمضان 1422 هـ وصل الوفد",
    { { "15 رمضان 1422 هـ", "" } } },
  { "hijri-attached-suffix", "توفي في 5 جمادى الأولى 1430هـ",
    { { "5 جمادى الأولى 1430هـ", "" } } },
  { "hijri-dhu", "يبدأ الحج في 8 ذي الحجة", { { "8 ذي الحجة", "" } } },
  { "hijri-rabi", "ولد في ربيع الأول", { { "ربيع الأول", "" } } },
  { "hijri-shawwal", "يحل عيد الفطر في شوال", { { "شوال", "" } } },
  { "hijri-muharram-year", "في محرم 1445 بدأ العام", { { "محرم 1445", "" } } },
  { "hijri-year-trigger", "تأسست سنة 1343 هـ", { { "سنة 1343 هـ", "" } } },
  { "hijri-bare-year", "في 1422 هـ انتقل إلى المدينة", { { "1422 هـ", "" } } },

  /* "شهر" before a month. */
  { "shahr-ramadan", "خلال شهر رمضان المبارك", { { "شهر رمضان", "" } } },
  { "shahr-gregorian", "وفي شهر مايو 2005 عاد", { { "شهر مايو 2005", "2005-05" } } },
  { "shahr-clitic", "احتفلوا بشهر رمضان", { { "شهر رمضان", "" } } },

  /* Ambiguous months with support. */
  { "ambiguous-day", "في 3 مارس أعلن الوزير", { { "3 مارس", "--03-03" } } },
  { "ambiguous-year", "منذ مارس 2003 والحرب مستمرة", { { "مارس 2003", "2003-03" } } },
  { "ambiguous-modifier", "في منتصف آذار عاد الوفد", { { "آذار", "--03" } } },

  /* Weekdays. */
  { "yawm-weekday", "وصل الوفد يوم الخميس إلى القاهرة.", { { "يوم الخميس", "" } } },
  { "weekday-full", "وقعت الهجمات صباح الثلاثاء 11 سبتمبر/أيلول 2001.",
    { { "الثلاثاء 11 سبتمبر/أيلول 2001", "2001-09-11" } } },
  { "weekday-comma", "الأحد، 11 مارس 2001", { { "الأحد، 11 مارس 2001", "2001-03-11" } } },
  { "weekday-muwafiq", "يوم الخميس الموافق 13 سبتمبر 2001 وصل",
    { { "يوم الخميس الموافق 13 سبتمبر 2001", "2001-09-13" } } },
  { "weekday-numeric", "الثلاثاء 11/9/2001", { { "الثلاثاء 11/9/2001", "2001-09-11" } } },

  /* Proclitics left out of the span. */
  { "clitic-weekday", "بين الأربعاء والخميس", { { "الأربعاء", "" }, { "الخميس", "" } } },
  { "clitic-weekday-marks", "عقد اجتماعان الأربعاء وَالخَمِيسِ",
    { { "الأربعاء", "" }, { "الخَمِيسِ", "" } } },
  { "clitic-tatweel", "الأربعاء وـالخميس", { { "الأربعاء", "" }, { "الخميس", "" } } },
  { "clitic-month", "تنتهي المهلة بيناير المقبل", { { "يناير", "--01" } } },
  { "clitic-double", "وبيناير 2011 اندلعت الثورة", { { "يناير 2011", "2011-01" } } },
  { "clitic-wafi-am", "وفي عام 2001 انتخب رئيس جديد.", { { "عام 2001", "2001" } } },
  { "clitic-li-am", "أقرت الميزانية لعام 2001 أمس.", { { "عام 2001", "2001" } } },
  { "clitic-yawm", "تأجل الاجتماع ليوم الأحد المقبل", { { "يوم الأحد", "" } } },

  /* Marks inside words and other digits. */
  { "diacritics", "وقع الزلزال في سِبْتَمْبَر 2001", { { "سِبْتَمْبَر 2001", "2001-09" } } },
  { "tatweel", "في 5 سبتمـــبر 2001", { { "5 سبتمـــبر 2001", "2001-09-05" } } },
  { "zwnj", "في 5 سبتم\u200cبر", { { "5 سبتم\u200cبر", "--09-05" } } },
  { "rlm-between", "\u200fفي 11 سبتمبر\u200f 2001", { { "11 سبتمبر\u200f 2001", "2001-09-11" } } },
  { "arabic-indic", "في ١١ سبتمبر ٢٠٠١", { { "١١ سبتمبر ٢٠٠١", "2001-09-11" } } },
  { "persian-digits", "في ۱۱ سبتمبر ۲۰۰۱", { { "۱۱ سبتمبر ۲۰۰۱", "2001-09-11" } } },
  { "arabic-indic-year", "وفي عام ٢٠٠١ تغير", { { "عام ٢٠٠١", "2001" } } },
  { "arabic-indic-numeric", "بتاريخ ١١/٩/٢٠٠١ صدر القرار",
    { { "١١/٩/٢٠٠١", "2001-09-11" } } },

  /* Numeric dates. */
  { "numeric-slash", "صدر القرار في 11/9/2001 ونشر.", { { "11/9/2001", "2001-09-11" } } },
  { "numeric-iso", "في 2001-09-11 حدث", { { "2001-09-11", "2001-09-11" } } },
  { "numeric-dot", "بتاريخ 11.9.2001.", { { "11.9.2001", "2001-09-11" } } },
  { "numeric-ymd-suffix", "بتاريخ 2001/09/11 م", { { "2001/09/11 م", "2001-09-11" } } },
  { "numeric-us-order", "في 9/25/2001", { { "9/25/2001", "2001-09-25" } } },
  { "numeric-hijri", "في 23/6/1422 هـ", { { "23/6/1422 هـ", "" } } },

  /* Years. */
  { "year-suffix", "نكبة 1948م", { { "1948م", "1948" } } },
  { "year-range-spaced", "خلال عام 2001 - 2005", { { "عام 2001 - 2005", "2001/2005" } } },
  { "year-range-token", "في الفترة عام 2001-2005", { { "عام 2001-2005", "2001/2005" } } },
  { "year-bc", "بني عام 1200 قبل الميلاد", { { "عام 1200 قبل الميلاد", "" } } },

  /* Line breaks and characters outside the BMP. */
  { "crlf-break", "وصل الوفد يوم\r\nالخميس 11\r\nسبتمبر 2001",
    { { "الخميس", "" }, { "سبتمبر 2001", "2001-09" } } },
  { "crlf-offsets", "السطر الأول\r\nفي 11 سبتمبر 2001\r\n",
    { { "11 سبتمبر 2001", "2001-09-11" } } },
  { "sentence-break", "وصل في 11. سبتمبر 2001 م", { { "سبتمبر 2001 م", "2001-09" } } },
  { "emoji", "😀🇪🇬 وفي 11 سبتمبر 2001 😀", { { "11 سبتمبر 2001", "2001-09-11" } } },
  { "emoji-clitic", "🎉والخميس🎉", { { "الخميس", "" } } },
  { "presentation-forms", "ﻭﺍﻟﺨﻤﻴﺲ ﻭﻟﻌﺎﻡ 2001", { { "ﺍﻟﺨﻤﻴﺲ", "" }, { "ﻌﺎﻡ 2001", "2001" } } },

  /* Not dates. */
  { "neg-today", "وصل الوفد اليوم إلى القاهرة.", { { NULL } } },
  { "neg-yesterday", "أعلن أمس أن الوفد وصل بالأمس.", { { NULL } } },
  { "neg-tomorrow", "سيصل الوفد غدا.", { { NULL } } },
  { "neg-next-month", "تجرى الانتخابات الشهر المقبل.", { { NULL } } },
  { "neg-last-week", "التقى الأسبوع الماضي بالرئيس.", { { NULL } } },
  { "neg-last-year", "ارتفعت الأسعار العام الماضي.", { { NULL } } },
  { "neg-hours", "خلال 24 ساعة.", { { NULL } } },
  { "neg-years-ago", "منذ ثلاث سنوات.", { { NULL } } },
  { "neg-quantity", "قتل 2001 شخص في الحادث.", { { NULL } } },
  { "neg-bare-year", "في 2001 وقعت الهجمات", { { NULL } } },
  { "neg-am-alone", "مضى عام على الحادث.", { { NULL } } },
  { "neg-am-out-of-range", "في عام 3000 وعام 999", { { NULL } } },
  { "neg-maras-verb", "مارس الضغط على الحكومة.", { { NULL } } },
  { "neg-ramadan-name", "قال طه ياسين رمضان إن الوضع مستقر", { { NULL } } },
  { "neg-rajab-name", "قال رجب طيب أردوغان", { { NULL } } },
  { "neg-zero", "حصل الفريق على صفر من النقاط.", { { NULL } } },
  { "neg-nissan", "اشترى سيارة نيسان جديدة.", { { NULL } } },
  { "neg-father", "زار أب وابنه المدينة", { { NULL } } },
  { "neg-tammuz", "عبد القدماء الإله تموز", { { NULL } } },
  { "neg-rabi-name", "زار ربيع المدينة", { { NULL } } },
  { "neg-ratios", "بلغت النسبة 3.5 في المئة وانتهت المباراة 10/20 و11/9.", { { NULL } } },
  { "neg-range-no-trigger", "الفترة 2001-2005", { { NULL } } },
  { "neg-eleven", "فاز الأحد عشر لاعبا", { { NULL } } },
  { "neg-invalid-numeric", "التاريخ 13/13/2001 و31/4/2001 و2001-13-01 خاطئ", { { NULL } } },
  { "neg-shahr-alone", "بعد شهر من الحادث", { { NULL } } },
};

static void
log_entities (const char *text,
              GArray     *entities)
{
  for (guint i = 0; i < entities->len; i++)
    {
      const AlamaEntity *e = &g_array_index (entities, AlamaEntity, i);

      g_test_message ("  found [%zu,%zu) bytes [%zu,%zu) \"%.*s\" when=\"%s\" conf=%.2f",
                      e->start_char, e->end_char, e->start_byte, e->end_byte,
                      (int) (e->end_byte - e->start_byte), text + e->start_byte, e->when,
                      (double) e->confidence);
    }
}

/* Properties every result must have, whatever the input. */
static void
check_invariants (const char *text,
                  gsize       len,
                  GArray     *tokens,
                  GArray     *entities,
                  guint       first_entity,
                  gboolean    check_sentences)
{
  gsize prev_end = 0;

  for (guint i = first_entity; i < entities->len; i++)
    {
      const AlamaEntity *e = &g_array_index (entities, AlamaEntity, i);
      gboolean end_is_token_end = FALSE;

      g_assert_cmpstr (e->type, ==, ALAMA_TYPE_DATE_STRING);
      g_assert_cmpfloat (e->confidence, >=, 0.0f);
      g_assert_cmpfloat (e->confidence, <=, 1.0f);
      g_assert_nonnull (memchr (e->when, '\0', sizeof e->when));
      g_assert_cmpuint (e->start_byte, <, e->end_byte);
      g_assert_cmpuint (e->start_char, <, e->end_char);
      g_assert_cmpuint (e->end_byte, <=, len);
      g_assert_cmpuint (e->start_byte, >=, prev_end);
      prev_end = e->end_byte;

      /* Character offsets agree with byte offsets. */
      g_assert_cmpuint (e->start_char, ==, g_utf8_strlen (text, (gssize) e->start_byte));
      g_assert_cmpuint (e->end_char - e->start_char, ==,
                        g_utf8_strlen (text + e->start_byte,
                                       (gssize) (e->end_byte - e->start_byte)));

      for (guint t = 0; t < tokens->len; t++)
        {
          const AlamaToken *tok = &g_array_index (tokens, AlamaToken, t);

          if (tok->end_byte == e->end_byte)
            end_is_token_end = TRUE;
          if (check_sentences && tok->sentence_end)
            g_assert_false (tok->end_byte > e->start_byte && tok->end_byte < e->end_byte);
        }
      g_assert_true (end_is_token_end);
    }
}

static void
find_dates (const char *text,
            GArray     *tokens,
            GArray     *entities)
{
  alama_tokenize (text, strlen (text), tokens);
  alama_find_dates (text, (const AlamaToken *) (void *) tokens->data, tokens->len, entities);
}

static void
test_case (gconstpointer data)
{
  const DateCase *c = data;
  g_autoptr (GArray) tokens = g_array_new (FALSE, TRUE, sizeof (AlamaToken));
  g_autoptr (GArray) entities = g_array_new (FALSE, TRUE, sizeof (AlamaEntity));
  const char *from = c->input;
  guint n_expected = 0;

  find_dates (c->input, tokens, entities);
  g_test_message ("input: \"%s\"", c->input);
  log_entities (c->input, entities);
  check_invariants (c->input, strlen (c->input), tokens, entities, 0, TRUE);

  while (n_expected < G_N_ELEMENTS (c->expected) && c->expected[n_expected].surface != NULL)
    n_expected++;
  g_assert_cmpuint (entities->len, ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      const Expected *x = &c->expected[i];
      const AlamaEntity *e = &g_array_index (entities, AlamaEntity, i);
      const char *at = strstr (from, x->surface);
      gsize start_byte;
      gsize end_byte;
      gsize start_char;
      gsize end_char;

      g_assert_nonnull (at);
      start_byte = (gsize) (at - c->input);
      end_byte = start_byte + strlen (x->surface);
      start_char = (gsize) g_utf8_strlen (c->input, (gssize) start_byte);
      end_char = start_char + (gsize) g_utf8_strlen (x->surface, -1);
      from = c->input + end_byte;

      g_test_message ("expect [%zu,%zu) bytes [%zu,%zu) \"%s\" when=\"%s\"", start_char,
                      end_char, start_byte, end_byte, x->surface, x->when);
      g_assert_cmpuint (e->start_byte, ==, start_byte);
      g_assert_cmpuint (e->end_byte, ==, end_byte);
      g_assert_cmpuint (e->start_char, ==, start_char);
      g_assert_cmpuint (e->end_char, ==, end_char);
      g_assert_cmpstr (e->when, ==, x->when);
    }
}

static void
test_confidence (void)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, TRUE, sizeof (AlamaToken));
  g_autoptr (GArray) entities = g_array_new (FALSE, TRUE, sizeof (AlamaEntity));
  const AlamaEntity *full;
  const AlamaEntity *weekday;

  find_dates ("في 11 سبتمبر 2001 ثم الخميس", tokens, entities);
  g_assert_cmpuint (entities->len, ==, 2);
  full = &g_array_index (entities, AlamaEntity, 0);
  weekday = &g_array_index (entities, AlamaEntity, 1);
  g_assert_cmpfloat (full->confidence, >=, 0.9f);
  g_assert_cmpfloat (weekday->confidence, <, full->confidence);
}

static void
test_appends (void)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, TRUE, sizeof (AlamaToken));
  g_autoptr (GArray) entities = g_array_new (FALSE, TRUE, sizeof (AlamaEntity));
  AlamaEntity other = { 0, 3, 0, 6, "PERS", 0.5f, "" };

  g_array_append_val (entities, other);
  find_dates ("زيد في 11 سبتمبر", tokens, entities);
  g_assert_cmpuint (entities->len, ==, 2);
  g_assert_cmpstr (g_array_index (entities, AlamaEntity, 0).type, ==, "PERS");
  g_assert_cmpstr (g_array_index (entities, AlamaEntity, 1).when, ==, "--09-11");
}

static void
test_empty (void)
{
  g_autoptr (GArray) entities = g_array_new (FALSE, TRUE, sizeof (AlamaEntity));
  g_autoptr (GArray) tokens = g_array_new (FALSE, TRUE, sizeof (AlamaToken));

  alama_find_dates ("", NULL, 0, entities);
  g_assert_cmpuint (entities->len, ==, 0);
  find_dates ("", tokens, entities);
  find_dates (" \r\n\t", tokens, entities);
  find_dates ("ـ", tokens, entities);
  find_dates ("\u064e\u0640", tokens, entities);
  g_assert_cmpuint (entities->len, ==, 0);
}

/* Runs the recognizer on a text without its trailing nul, so that a read
 * past the end shows up under a sanitizer or valgrind. */
static void
run_unterminated (const char *text,
                  gsize       len,
                  gboolean    join_sentences)
{
  g_autofree char *copy = g_memdup2 (text, len);
  g_autoptr (GArray) tokens = g_array_new (FALSE, TRUE, sizeof (AlamaToken));
  g_autoptr (GArray) entities = g_array_new (FALSE, TRUE, sizeof (AlamaEntity));

  alama_tokenize (copy, len, tokens);
  /* Tokens from another source may have no sentence ends at all. */
  if (join_sentences)
    for (guint i = 0; i < tokens->len; i++)
      g_array_index (tokens, AlamaToken, i).sentence_end = FALSE;
  alama_find_dates (copy, (const AlamaToken *) (void *) tokens->data, tokens->len, entities);
  check_invariants (copy, len, tokens, entities, 0, !join_sentences);
}

static void
test_prefixes (void)
{
  const char *text = "وَفي ١١ سبتمبر/أيلول 2001م، والخميس 5 جمادى الأولى 1430هـ و😀لعام 2001-2005"
                     " و11/9/2001 هـ\r\nيوم الأحد الموافق 3 تشرين الأول (أكتوبر) 1973 قبل الميلاد.";
  gsize len = strlen (text);

  /* Every prefix that ends on a character boundary: dates cut anywhere. */
  for (const char *p = text; p <= text + len; p = g_utf8_next_char (p))
    {
      run_unterminated (text, (gsize) (p - text), FALSE);
      if (p == text + len)
        break;
    }
}

static void
test_long_sentence (void)
{
  g_autoptr (GString) text = g_string_new (NULL);

  /* Far more tokens than one sentence may hold, with no sentence end. */
  for (guint i = 0; i < 1500; i++)
    g_string_append (text, i % 3 == 0 ? "11 سبتمبر " : "2001 ");
  run_unterminated (text->str, text->len, TRUE);
  run_unterminated (text->str, text->len, FALSE);
}

/* Random sequences of date-like pieces, marks and separators. */
static void
test_random (void)
{
  static const char *const pieces[] = {
    "11", "٢٠٠١", "2001", "1422", "9/25/2001", "2001-09-11", "31", "0", "13/13/2001",
    "2001-2005", "سبتمبر", "أيلول", "تشرين", "الأول", "ذو", "الحجة", "مارس", "رمضان",
    "شهر", "عام", "لعام", "يوم", "الخميس", "والخميس", "الأحد", "عشر", "الموافق", "من",
    "م", "هـ", "قبل", "الميلاد", "/", "(", ")", "-", "،", ".", " ", " ", " ", "\r\n",
    "\n", "\u064e", "\u0640", "\u200c", "\u200f", "😀", "و", "ب", "x", "a.b.", "http://x.y",
    /* Presentation forms, a lam-alef ligature, ornate parentheses and an
     * emoji variation selector, all from the presentation-form blocks. */
    "ﻭﺍﻟﺨﻤﻴﺲ", "ﻻ", "ﻟﺎ", "﴾", "﴿", "❤️", "\ufe0f",
  };
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint round = 0; round < 3000; round++)
    {
      guint n = (guint) g_test_rand_int_range (0, 24);

      g_string_truncate (text, 0);
      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      run_unterminated (text->str, text->len, round % 5 == 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/alama/dates/case/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/alama/dates/confidence", test_confidence);
  g_test_add_func ("/alama/dates/appends", test_appends);
  g_test_add_func ("/alama/dates/empty", test_empty);
  g_test_add_func ("/alama/dates/prefixes", test_prefixes);
  g_test_add_func ("/alama/dates/long-sentence", test_long_sentence);
  g_test_add_func ("/alama/dates/random", test_random);

  return g_test_run ();
}
