/* alama-dates.c: rule-based recognition of calendar dates (DATE).
 *
 * The recognizer works on the tokenizer's output one sentence at a time and
 * matches a small grammar of Arabic news dates against normalized tokens:
 *
 *   [يوم] WEEKDAY [، | الموافق] [DATE-WITH-DAY]
 *   [DAY | شهر] MONTH [/ MONTH | ( MONTH )] [[من] [عام]] [YEAR [SUFFIX]]
 *   TRIGGER YEAR [- YEAR] [SUFFIX]        TRIGGER = عام العام سنة السنة
 *   YEAR SUFFIX                            SUFFIX = م هـ ميلادي هجري …
 *   d/m/yyyy  d-m-yyyy  d.m.yyyy  yyyy-mm-dd  yyyy/mm/dd  [SUFFIX]
 *
 * Matching is greedy from left to right, so entities come out sorted and
 * never overlap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-dates.h"

#include <string.h>

#include "alama-normalizer.h"

/* Every word the grammar compares is far shorter than this once
 * normalized; a longer token can be ignored rather than compared. */
#define WORD_NORM_SIZE 64

typedef enum
{
  CAL_NONE,
  CAL_GREGORIAN,
  CAL_HIJRI,
  CAL_BEFORE_CHRIST,
} Calendar;

enum
{
  /* The word has a common non-date reading (a verb, a name, a number):
   * it is a date only with a day, a year, "شهر" or a paired name. */
  MONTH_AMBIGUOUS = 1 << 0,
  /* Too short to survive proclitic stripping: "باب" is a door. */
  MONTH_NO_CLITIC = 1 << 1,
};

typedef struct
{
  const char *word1;
  const char *word2; /* the second word of a two-word name, or NULL */
  guint8 month;      /* 1–12 */
  guint8 calendar;   /* a Calendar */
  guint8 flags;
} MonthName;

/* All keys below are in the normalizer's output form: no diacritics,
 * bare alef, final ي for ى and ه for ة. */
static const MonthName month_names[] = {
  /* Egyptian and Gulf usage. */
  { "يناير", NULL, 1, CAL_GREGORIAN, 0 },
  { "فبراير", NULL, 2, CAL_GREGORIAN, 0 },
  { "مارس", NULL, 3, CAL_GREGORIAN, MONTH_AMBIGUOUS },
  { "ابريل", NULL, 4, CAL_GREGORIAN, 0 },
  { "مايو", NULL, 5, CAL_GREGORIAN, 0 },
  { "يونيو", NULL, 6, CAL_GREGORIAN, 0 },
  { "يونيه", NULL, 6, CAL_GREGORIAN, 0 },
  { "يوليو", NULL, 7, CAL_GREGORIAN, 0 },
  { "يوليه", NULL, 7, CAL_GREGORIAN, 0 },
  { "اغسطس", NULL, 8, CAL_GREGORIAN, 0 },
  { "سبتمبر", NULL, 9, CAL_GREGORIAN, 0 },
  { "اكتوبر", NULL, 10, CAL_GREGORIAN, 0 },
  { "نوفمبر", NULL, 11, CAL_GREGORIAN, 0 },
  { "ديسمبر", NULL, 12, CAL_GREGORIAN, 0 },
  /* Maghrebi usage (the months it shares with Egypt are above). */
  { "جانفي", NULL, 1, CAL_GREGORIAN, 0 },
  { "فيفري", NULL, 2, CAL_GREGORIAN, 0 },
  { "افريل", NULL, 4, CAL_GREGORIAN, 0 },
  { "ماي", NULL, 5, CAL_GREGORIAN, MONTH_AMBIGUOUS },
  { "جوان", NULL, 6, CAL_GREGORIAN, MONTH_AMBIGUOUS },
  { "جويليه", NULL, 7, CAL_GREGORIAN, 0 },
  { "اوت", NULL, 8, CAL_GREGORIAN, MONTH_AMBIGUOUS },
  /* Levantine and Iraqi usage. */
  { "كانون", "الثاني", 1, CAL_GREGORIAN, 0 },
  { "كانون", "ثاني", 1, CAL_GREGORIAN, 0 },
  { "شباط", NULL, 2, CAL_GREGORIAN, MONTH_AMBIGUOUS },
  { "اذار", NULL, 3, CAL_GREGORIAN, MONTH_AMBIGUOUS },
  { "نيسان", NULL, 4, CAL_GREGORIAN, MONTH_AMBIGUOUS },
  { "ايار", NULL, 5, CAL_GREGORIAN, MONTH_AMBIGUOUS },
  { "حزيران", NULL, 6, CAL_GREGORIAN, 0 },
  { "تموز", NULL, 7, CAL_GREGORIAN, MONTH_AMBIGUOUS },
  { "اب", NULL, 8, CAL_GREGORIAN, MONTH_AMBIGUOUS | MONTH_NO_CLITIC },
  { "ايلول", NULL, 9, CAL_GREGORIAN, 0 },
  { "تشرين", "الاول", 10, CAL_GREGORIAN, 0 },
  { "تشرين", "اول", 10, CAL_GREGORIAN, 0 },
  { "تشرين", "الثاني", 11, CAL_GREGORIAN, 0 },
  { "تشرين", "ثاني", 11, CAL_GREGORIAN, 0 },
  { "كانون", "الاول", 12, CAL_GREGORIAN, 0 },
  { "كانون", "اول", 12, CAL_GREGORIAN, 0 },
  /* Hijri months. */
  { "محرم", NULL, 1, CAL_HIJRI, MONTH_AMBIGUOUS },
  { "صفر", NULL, 2, CAL_HIJRI, MONTH_AMBIGUOUS },
  { "ربيع", "الاول", 3, CAL_HIJRI, 0 },
  { "ربيع", "الاخر", 4, CAL_HIJRI, 0 },
  { "ربيع", "الثاني", 4, CAL_HIJRI, 0 },
  { "جمادي", "الاولي", 5, CAL_HIJRI, 0 },
  { "جمادي", "الاول", 5, CAL_HIJRI, 0 },
  { "جمادي", "الاخره", 6, CAL_HIJRI, 0 },
  { "جمادي", "الثانيه", 6, CAL_HIJRI, 0 },
  { "جمادي", "الاخر", 6, CAL_HIJRI, 0 },
  { "جمادي", "الثاني", 6, CAL_HIJRI, 0 },
  { "رجب", NULL, 7, CAL_HIJRI, MONTH_AMBIGUOUS },
  { "شعبان", NULL, 8, CAL_HIJRI, MONTH_AMBIGUOUS },
  { "رمضان", NULL, 9, CAL_HIJRI, MONTH_AMBIGUOUS },
  { "شوال", NULL, 10, CAL_HIJRI, 0 },
  { "ذو", "القعده", 11, CAL_HIJRI, 0 },
  { "ذي", "القعده", 11, CAL_HIJRI, 0 },
  { "ذا", "القعده", 11, CAL_HIJRI, 0 },
  { "ذو", "الحجه", 12, CAL_HIJRI, 0 },
  { "ذي", "الحجه", 12, CAL_HIJRI, 0 },
  { "ذا", "الحجه", 12, CAL_HIJRI, 0 },
};

static const char *const weekdays[] = {
  "الاحد", "الاثنين", "الثلاثاء", "الثلثاء", "الاربعاء", "الخميس", "الجمعه", "السبت",
};

static const char *const year_triggers[] = { "عام", "العام", "سنه", "السنه" };

/* Words that place an event inside a month ("مطلع آذار"): enough support for
 * an ambiguous month name, though they stay outside the span. */
static const char *const month_modifiers[] = {
  "مطلع", "منتصف", "اواخر", "اوائل", "اواسط", "نهايه", "بدايه", "مستهل", "غره",
};

/* Conjunctions and prepositions written attached to the next word.  Longer
 * sequences are tried too, so "وبيناير" loses both letters. */
static const char *const proclitics[] = {
  "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك",
};

typedef struct
{
  char norm[WORD_NORM_SIZE]; /* normalized token, "" when never compared */
  gboolean can_start;        /* whether a date may start at this token */
} Word;

typedef struct
{
  const char *text;
  const AlamaToken *tok; /* the sentence's first token */
  const Word *word;
  guint n; /* tokens in the sentence */
} Sentence;

typedef struct
{
  guint first; /* token indices inside the sentence, inclusive */
  guint last;
  guint clitic; /* proclitic letters to leave out of the first token */
  gboolean has_day;
  float confidence;
  char when[16];
} Match;

typedef struct
{
  const MonthName *name;
  guint first;
  guint last;
  guint clitic;
} MonthMatch;

/* Takes @key; a word already in @set (two lists can share one) is freed,
 * so that every string the set holds stays reachable. */
static void
add_word (GHashTable *set,
          char       *key)
{
  if (g_hash_table_contains (set, key))
    g_free (key);
  else
    g_hash_table_add (set, key);
}

static void
add_start_word (GHashTable *set,
                const char *key)
{
  add_word (set, g_strdup (key));
  for (gsize i = 0; i < G_N_ELEMENTS (proclitics); i++)
    add_word (set, g_strconcat (proclitics[i], key, NULL));
}

/* Every normalized word that a date can start with, alone or behind a
 * proclitic: the first words of match_weekday() and match_date() other
 * than numbers.  Built once and never freed; only read afterwards. */
static GHashTable *
start_words (void)
{
  static GHashTable *set;

  if (g_once_init_enter (&set))
    {
      GHashTable *s = g_hash_table_new (g_str_hash, g_str_equal);

      add_start_word (s, "يوم");
      add_start_word (s, "شهر");
      for (gsize i = 0; i < G_N_ELEMENTS (weekdays); i++)
        add_start_word (s, weekdays[i]);
      for (gsize i = 0; i < G_N_ELEMENTS (year_triggers); i++)
        add_start_word (s, year_triggers[i]);
      for (gsize i = 0; i < G_N_ELEMENTS (month_names); i++)
        add_start_word (s, month_names[i].word1);
      g_once_init_leave (&set, s);
    }
  return set;
}

static void
fill_word (const char       *text,
           const AlamaToken *tok,
           GHashTable       *starts,
           Word             *word)
{
  gsize n;

  word->norm[0] = '\0';
  word->can_start = tok->kind == ALAMA_TOKEN_NUMBER;
  /* Latin words, URLs and addresses never take part in an Arabic date. */
  if (tok->kind != ALAMA_TOKEN_ARABIC && tok->kind != ALAMA_TOKEN_NUMBER
      && tok->kind != ALAMA_TOKEN_PUNCT)
    return;
  if (tok->end_byte <= tok->start_byte)
    return;
  n = alama_normalize (text + tok->start_byte, tok->end_byte - tok->start_byte, word->norm,
                       sizeof word->norm);
  /* Output that may have been cut must not match a key by accident. */
  if (n + 8 > sizeof word->norm)
    word->norm[0] = '\0';
  else if (!word->can_start)
    word->can_start = g_hash_table_contains (starts, word->norm);
}

/* Whether @norm is @key, or @key behind one of the proclitics when
 * @clitic is non-NULL; *@clitic receives the proclitic's letter count. */
static gboolean
norm_is (const char *norm,
         const char *key,
         guint      *clitic)
{
  gsize norm_len;
  gsize key_len;

  if (strcmp (norm, key) == 0)
    {
      if (clitic != NULL)
        *clitic = 0;
      return TRUE;
    }
  if (clitic == NULL)
    return FALSE;

  norm_len = strlen (norm);
  key_len = strlen (key);
  for (gsize i = 0; i < G_N_ELEMENTS (proclitics); i++)
    {
      gsize p_len = strlen (proclitics[i]);

      if (p_len + key_len == norm_len && strncmp (norm, proclitics[i], p_len) == 0
          && strcmp (norm + p_len, key) == 0)
        {
          *clitic = (guint) g_utf8_strlen (proclitics[i], (gssize) p_len);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
word_is (const Sentence *s,
         guint           i,
         const char     *key)
{
  return i < s->n && strcmp (s->word[i].norm, key) == 0;
}

static gboolean
word_in (const Sentence     *s,
         guint               i,
         const char *const  *keys,
         gsize               n_keys,
         guint              *clitic)
{
  if (i >= s->n)
    return FALSE;
  for (gsize k = 0; k < n_keys; k++)
    if (norm_is (s->word[i].norm, keys[k], clitic))
      return TRUE;
  return FALSE;
}

/* Parses a string of 1 to @max_digits ASCII digits. */
static gboolean
parse_digits (const char *str,
              gsize       len,
              gsize       max_digits,
              guint      *value)
{
  guint v = 0;

  if (len == 0 || len > max_digits)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (str[i]))
        return FALSE;
      v = v * 10 + (guint) (str[i] - '0');
    }
  *value = v;
  return TRUE;
}

static gboolean
token_number (const Sentence *s,
              guint           i,
              gsize           min_digits,
              gsize           max_digits,
              guint          *value)
{
  const char *norm;
  gsize len;

  if (i >= s->n || s->tok[i].kind != ALAMA_TOKEN_NUMBER)
    return FALSE;
  norm = s->word[i].norm;
  len = strlen (norm);
  return len >= min_digits && parse_digits (norm, len, max_digits, value);
}

static gboolean
token_day (const Sentence *s,
           guint           i,
           guint          *day)
{
  return token_number (s, i, 1, 2, day) && *day >= 1 && *day <= 31;
}

/* Any four-digit number; the caller checks the range its calendar allows. */
static gboolean
token_year (const Sentence *s,
            guint           i,
            guint          *year)
{
  return token_number (s, i, 4, 4, year);
}

static gboolean
is_gregorian_year (guint year)
{
  return year >= 1000 && year <= 2100;
}

static gboolean
is_dash (const Sentence *s,
         guint           i)
{
  return word_is (s, i, "-") || word_is (s, i, "–") || word_is (s, i, "—");
}

/* The calendar named by the word(s) after a year ("م", "هـ", "للهجرة",
 * "قبل الميلاد"), with the number of tokens they take. */
static Calendar
match_suffix (const Sentence *s,
              guint           i,
              guint          *n_tokens)
{
  static const char *const gregorian[] = { "م", "ميلادي", "ميلاديه", "للميلاد" };
  static const char *const hijri[] = { "ه", "هجري", "هجريه", "للهجره" };

  *n_tokens = 1;
  if (word_in (s, i, gregorian, G_N_ELEMENTS (gregorian), NULL))
    return CAL_GREGORIAN;
  if (word_in (s, i, hijri, G_N_ELEMENTS (hijri), NULL))
    return CAL_HIJRI;
  if (word_is (s, i, "قبل") && word_is (s, i + 1, "الميلاد"))
    {
      *n_tokens = 2;
      return CAL_BEFORE_CHRIST;
    }
  return CAL_NONE;
}

static guint
days_in_month (guint    month,
               guint    year,
               Calendar calendar)
{
  static const guint8 days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  /* Hijri months have 29 or 30 days depending on the moon sighting. */
  if (calendar != CAL_GREGORIAN)
    return 30;
  if (month == 2 && year != 0)
    return ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 29 : 28;
  return days[month - 1];
}

static gboolean
match_month (const Sentence *s,
             guint           i,
             gboolean        allow_clitic,
             MonthMatch     *mm)
{
  if (i >= s->n)
    return FALSE;
  for (gsize k = 0; k < G_N_ELEMENTS (month_names); k++)
    {
      const MonthName *name = &month_names[k];
      gboolean clitic_ok = allow_clitic && !(name->flags & MONTH_NO_CLITIC);
      guint clitic = 0;

      if (!norm_is (s->word[i].norm, name->word1, clitic_ok ? &clitic : NULL))
        continue;
      if (name->word2 != NULL && !word_is (s, i + 1, name->word2))
        continue;
      mm->name = name;
      mm->first = i;
      mm->last = name->word2 != NULL ? i + 1 : i;
      mm->clitic = clitic;
      return TRUE;
    }
  return FALSE;
}

/* The same month under another name right after the first one:
 * "سبتمبر/أيلول", "أيلول (سبتمبر)".  Returns the last token of the pair. */
static gboolean
match_paired_month (const Sentence   *s,
                    const MonthMatch *mm,
                    guint            *last)
{
  MonthMatch other;
  guint k = mm->last;
  gboolean paren;

  if (word_is (s, k + 1, "/"))
    paren = FALSE;
  else if (word_is (s, k + 1, "("))
    paren = TRUE;
  else
    return FALSE;
  if (!match_month (s, k + 2, FALSE, &other) || other.name->month != mm->name->month
      || other.name->calendar != mm->name->calendar)
    return FALSE;
  if (paren && !word_is (s, other.last + 1, ")"))
    return FALSE;
  *last = paren ? other.last + 1 : other.last;
  return TRUE;
}

static void
set_when (Match   *m,
          Calendar calendar,
          guint    year,
          guint    month,
          guint    day)
{
  if (calendar != CAL_GREGORIAN)
    m->when[0] = '\0';
  else if (year != 0 && month != 0 && day != 0)
    g_snprintf (m->when, sizeof m->when, "%04u-%02u-%02u", year, month, day);
  else if (year != 0 && month != 0)
    g_snprintf (m->when, sizeof m->when, "%04u-%02u", year, month);
  else if (month != 0 && day != 0)
    g_snprintf (m->when, sizeof m->when, "--%02u-%02u", month, day);
  else if (month != 0)
    /* A month in no particular year: the truncated form of ISO 8601:2000,
     * also XML Schema's gMonth. */
    g_snprintf (m->when, sizeof m->when, "--%02u", month);
  else if (year != 0)
    g_snprintf (m->when, sizeof m->when, "%04u", year);
  else
    m->when[0] = '\0';
}

/* [DAY | شهر] MONTH [PAIR] [[من] [TRIGGER]] [YEAR [SUFFIX]] */
static gboolean
match_month_phrase (const Sentence *s,
                    guint           i,
                    gboolean        allow_clitic,
                    Match          *m)
{
  MonthMatch mm;
  Calendar calendar;
  guint clitic = 0;
  guint day = 0;
  guint year = 0;
  guint k;
  guint n_suffix;
  gboolean shahr = FALSE;
  gboolean paired;
  gboolean modifier = FALSE;

  if (norm_is (s->word[i].norm, "شهر", allow_clitic ? &clitic : NULL)
      && match_month (s, i + 1, FALSE, &mm))
    shahr = TRUE;
  else if (token_day (s, i, &day) && match_month (s, i + 1, FALSE, &mm))
    ;
  else if (match_month (s, i, allow_clitic, &mm))
    clitic = mm.clitic;
  else
    return FALSE;

  calendar = mm.name->calendar;
  k = mm.last;
  paired = match_paired_month (s, &mm, &k);

  /* "سبتمبر 2001", "سبتمبر من عام 2001", "سبتمبر عام 2001". */
  if (token_year (s, k + 1, &year) && is_gregorian_year (year))
    k++;
  else
    {
      guint j = k + 1;

      if (word_is (s, j, "من"))
        j++;
      if (word_in (s, j, year_triggers, G_N_ELEMENTS (year_triggers), NULL)
          && token_year (s, j + 1, &year) && is_gregorian_year (year))
        k = j + 1;
      else
        year = 0;
    }

  if (year != 0)
    {
      Calendar suffix = match_suffix (s, k + 1, &n_suffix);

      if (suffix == calendar)
        k += n_suffix;
    }

  if (day != 0 && day > days_in_month (mm.name->month, year, calendar))
    return FALSE; /* the month is tried again alone from the next token */

  if ((mm.name->flags & MONTH_AMBIGUOUS) && day == 0 && year == 0 && !shahr && !paired)
    {
      guint unused;

      if (i == 0
          || !word_in (s, i - 1, month_modifiers, G_N_ELEMENTS (month_modifiers), &unused))
        return FALSE;
      modifier = TRUE;
    }

  m->first = i;
  m->last = k;
  m->clitic = clitic;
  m->has_day = day != 0;
  if (day != 0 && year != 0)
    m->confidence = 0.95f;
  else if (day != 0 || year != 0 || shahr || paired)
    m->confidence = 0.9f;
  else if (modifier)
    m->confidence = 0.7f;
  else
    m->confidence = 0.8f;
  set_when (m, calendar, year, mm.name->month, day);
  return TRUE;
}

/* Splits a number token such as "11/9/2001" into up to three groups of
 * digits joined by one and the same separator.  Returns the group count,
 * or 0 for any other shape. */
static guint
split_number (const char *norm,
              char       *sep,
              guint       values[3],
              gsize       digits[3])
{
  guint n = 0;
  const char *start = norm;

  *sep = '\0';
  for (const char *p = norm;; p++)
    {
      if (*p == '\0' || *p == '/' || *p == '-' || *p == '.')
        {
          if (n == 3 || !parse_digits (start, (gsize) (p - start), 4, &values[n]))
            return 0;
          digits[n++] = (gsize) (p - start);
          if (*p == '\0')
            return n;
          if (*sep != '\0' && *sep != *p)
            return 0;
          *sep = *p;
          start = p + 1;
        }
      else if (!g_ascii_isdigit (*p))
        return 0;
    }
}

/* d/m/yyyy, d-m-yyyy, d.m.yyyy, yyyy-mm-dd, yyyy/mm/dd, then a suffix. */
static gboolean
match_numeric_date (const Sentence *s,
                    guint           i,
                    Match          *m)
{
  guint values[3];
  gsize digits[3];
  char sep;
  guint day;
  guint month;
  guint year;
  guint k = i;
  guint n_suffix;
  float confidence = 0.95f;
  Calendar calendar;

  if (i >= s->n || s->tok[i].kind != ALAMA_TOKEN_NUMBER
      || split_number (s->word[i].norm, &sep, values, digits) != 3)
    return FALSE;
  if (digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2)
    {
      year = values[0];
      month = values[1];
      day = values[2];
    }
  else if (digits[0] <= 2 && digits[1] <= 2 && digits[2] == 4)
    {
      day = values[0];
      month = values[1];
      year = values[2];
      /* Arab usage puts the day first; a month above 12 can only be the
       * American order. */
      if (month > 12 && day <= 12)
        {
          guint t = day;

          day = month;
          month = t;
          confidence = 0.6f;
        }
      else if (day <= 12 && day != month)
        confidence = 0.85f;
    }
  else
    return FALSE;

  calendar = match_suffix (s, i + 1, &n_suffix);
  if (calendar == CAL_HIJRI)
    {
      if (year < 1300 || year > 1500)
        return FALSE;
      k += n_suffix;
    }
  else
    {
      if (!is_gregorian_year (year))
        return FALSE;
      if (calendar == CAL_GREGORIAN)
        k += n_suffix;
      calendar = CAL_GREGORIAN;
    }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month (month, year, calendar))
    return FALSE;

  m->first = i;
  m->last = k;
  m->clitic = 0;
  m->has_day = TRUE;
  m->confidence = confidence;
  set_when (m, calendar, year, month, day);
  return TRUE;
}

/* TRIGGER YEAR [- YEAR] [SUFFIX]: "عام 2001", "لعام 1422 هـ", "عام 2001-2005". */
static gboolean
match_trigger_year (const Sentence *s,
                    guint           i,
                    gboolean        allow_clitic,
                    Match          *m)
{
  guint clitic = 0;
  guint year = 0;
  guint year2 = 0;
  guint k = i + 1;
  guint n_suffix;
  Calendar calendar;

  if (!word_in (s, i, year_triggers, G_N_ELEMENTS (year_triggers), allow_clitic ? &clitic : NULL))
    return FALSE;
  if (!token_year (s, k, &year))
    {
      guint values[3];
      gsize digits[3];
      char sep;

      /* The tokenizer keeps "2001-2005" as one number. */
      if (k >= s->n || s->tok[k].kind != ALAMA_TOKEN_NUMBER
          || split_number (s->word[k].norm, &sep, values, digits) != 2 || sep != '-'
          || digits[0] != 4 || digits[1] != 4)
        return FALSE;
      year = values[0];
      year2 = values[1];
    }
  else if (is_dash (s, k + 1) && token_year (s, k + 2, &year2) && year2 > year)
    k += 2;
  else
    year2 = 0;

  if (year2 != 0 && year2 <= year)
    return FALSE;

  calendar = match_suffix (s, k + 1, &n_suffix);
  switch (calendar)
    {
    case CAL_HIJRI:
      if (year < 1000 || year > 1500 || year2 > 1500)
        return FALSE;
      k += n_suffix;
      break;
    case CAL_BEFORE_CHRIST:
      k += n_suffix;
      break;
    case CAL_GREGORIAN:
      k += n_suffix;
      G_GNUC_FALLTHROUGH;
    case CAL_NONE:
    default:
      calendar = CAL_GREGORIAN;
      if (!is_gregorian_year (year) || (year2 != 0 && !is_gregorian_year (year2)))
        return FALSE;
      break;
    }

  m->first = i;
  m->last = k;
  m->clitic = clitic;
  m->has_day = FALSE;
  m->confidence = year2 != 0 ? 0.85f : 0.9f;
  if (calendar == CAL_GREGORIAN && year2 != 0)
    g_snprintf (m->when, sizeof m->when, "%04u/%04u", year, year2);
  else
    set_when (m, calendar, year, 0, 0);
  return TRUE;
}

/* YEAR SUFFIX without a trigger word: "1948م", "1422 هـ". */
static gboolean
match_suffixed_year (const Sentence *s,
                     guint           i,
                     Match          *m)
{
  guint year;
  guint n_suffix;
  Calendar calendar;

  if (!token_year (s, i, &year))
    return FALSE;
  calendar = match_suffix (s, i + 1, &n_suffix);
  if (calendar == CAL_NONE || (calendar == CAL_GREGORIAN && !is_gregorian_year (year))
      || (calendar == CAL_HIJRI && (year < 1300 || year > 1500)))
    return FALSE;
  m->first = i;
  m->last = i + n_suffix;
  m->clitic = 0;
  m->has_day = FALSE;
  /* "م" also abbreviates metres: "ارتفاع 1500 م". */
  m->confidence = calendar == CAL_GREGORIAN ? 0.7f : 0.85f;
  set_when (m, calendar, year, 0, 0);
  return TRUE;
}

static gboolean
match_date (const Sentence *s,
            guint           i,
            gboolean        allow_clitic,
            Match          *m)
{
  return match_numeric_date (s, i, m) || match_month_phrase (s, i, allow_clitic, m)
         || match_trigger_year (s, i, allow_clitic, m) || match_suffixed_year (s, i, m);
}

/* [يوم] WEEKDAY, joined to a date with a day that follows it, possibly
 * after a comma or "الموافق": "الثلاثاء، 11 سبتمبر 2001". */
static gboolean
match_weekday (const Sentence *s,
               guint           i,
               Match          *m)
{
  guint clitic = 0;
  guint wd;
  guint j;
  Match date;
  gboolean yawm = FALSE;

  if (norm_is (s->word[i].norm, "يوم", &clitic)
      && word_in (s, i + 1, weekdays, G_N_ELEMENTS (weekdays), NULL))
    {
      wd = i + 1;
      yawm = TRUE;
    }
  else if (word_in (s, i, weekdays, G_N_ELEMENTS (weekdays), &clitic))
    wd = i;
  else
    return FALSE;

  /* "الأحد عشر" is the number eleven. */
  if (word_is (s, wd + 1, "عشر"))
    return FALSE;

  m->first = i;
  m->last = wd;
  m->clitic = clitic;
  m->has_day = FALSE;
  m->confidence = yawm ? 0.9f : 0.75f;
  m->when[0] = '\0';

  j = wd + 1;
  if (word_is (s, j, "،") || word_is (s, j, ","))
    j++;
  if (word_is (s, j, "الموافق"))
    j++;
  if (j < s->n && match_date (s, j, FALSE, &date) && date.has_day)
    {
      m->last = date.last;
      m->has_day = TRUE;
      m->confidence = MAX (date.confidence, m->confidence);
      memcpy (m->when, date.when, sizeof m->when);
    }
  return TRUE;
}

/* The start of a token after @letters proclitic letters and the marks that
 * ride on them.  Letters are counted in the normalizer's output, exactly as
 * when the proclitic was matched; a ligature whose letters straddle the
 * proclitic's end ("ﻻ" for لا) cannot be cut and stays in the span. */
static void
skip_proclitic (const char       *text,
                const AlamaToken *tok,
                guint             letters,
                gsize            *start_byte,
                gsize            *start_char)
{
  const char *p = text + tok->start_byte;
  const char *end = text + tok->end_byte;
  gsize chars = tok->start_char;
  guint seen = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;
      char buf[ALAMA_NORMALIZED_MAX (6)];
      gsize n;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      next = g_utf8_next_char (p);
      n = alama_normalize (p, (gsize) (next - p), buf, sizeof buf);
      if (n > 0)
        {
          guint count = (guint) g_utf8_strlen (buf, (gssize) n);

          if (seen + count > letters)
            break;
          seen += count;
        }
      p = next;
      chars++;
    }
  *start_byte = (gsize) (p - text);
  *start_char = chars;
}

static void
find_in_sentence (const Sentence *s,
                  GArray         *entities)
{
  guint i = 0;

  while (i < s->n)
    {
      Match m;
      AlamaEntity entity = { 0 };
      const AlamaToken *first;
      const AlamaToken *last;

      /* The filter only skips tokens where both would fail. */
      if (!s->word[i].can_start
          || (!match_weekday (s, i, &m) && !match_date (s, i, TRUE, &m)))
        {
          i++;
          continue;
        }
      g_assert (m.first == i && m.last >= m.first && m.last < s->n);

      first = &s->tok[m.first];
      last = &s->tok[m.last];
      if (m.clitic > 0)
        skip_proclitic (s->text, first, m.clitic, &entity.start_byte, &entity.start_char);
      else
        {
          entity.start_byte = first->start_byte;
          entity.start_char = first->start_char;
        }
      entity.end_byte = last->end_byte;
      entity.end_char = last->end_char;
      entity.type = ALAMA_TYPE_DATE_STRING;
      entity.confidence = CLAMP (m.confidence, 0.0f, 1.0f);
      memcpy (entity.when, m.when, sizeof entity.when);
      entity.when[sizeof entity.when - 1] = '\0';
      g_array_append_val (entities, entity);
      i = m.last + 1;
    }
}

/**
 * alama_find_dates:
 * @text: the UTF-8 text that @tokens were made from
 * @tokens: (array length=n_tokens): the output of alama_tokenize() over @text
 * @n_tokens: the number of tokens
 * @entities: (element-type AlamaEntity): an array that the dates are
 *   appended to
 *
 * Finds calendar dates (weekdays, month names with an optional day and year,
 * years after "عام", numeric dates) and appends one #AlamaEntity of type
 * %ALAMA_TYPE_DATE_STRING per date, in text order, never overlapping and
 * never crossing a sentence end.  Offsets are in characters and bytes from
 * the start of @text; a proclitic written on the first word ("والخميس") is
 * left out of the span.
 *
 * Allocates one buffer per call for the normalized words of a sentence.
 */
void
alama_find_dates (const char       *text,
                  const AlamaToken *tokens,
                  guint             n_tokens,
                  GArray           *entities)
{
  g_autofree Word *words = NULL;
  GHashTable *starts = start_words ();
  guint cap;
  guint start = 0;

  g_return_if_fail (entities != NULL);
  g_return_if_fail (n_tokens == 0 || (text != NULL && tokens != NULL));

  if (n_tokens == 0)
    return;

  /* The tokenizer bounds sentences; a longer run of tokens from elsewhere
   * is cut into pieces of the same size. */
  cap = MIN (n_tokens, ALAMA_MAX_SENTENCE_TOKENS);
  words = g_new (Word, cap);

  while (start < n_tokens)
    {
      Sentence s = { text, &tokens[start], words, 0 };

      while (start + s.n < n_tokens && s.n < cap)
        {
          fill_word (text, &tokens[start + s.n], starts, &words[s.n]);
          s.n++;
          if (tokens[start + s.n - 1].sentence_end)
            break;
        }
      find_in_sentence (&s, entities);
      start += s.n;
    }
}
