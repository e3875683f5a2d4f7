/* test-recognizer.c: tests for recognizing names and dates in raw text with
 * the built-in model.
 *
 * What the model finds may change whenever it is retrained, so most tests
 * check properties that hold for any model: spans sorted, disjoint, inside
 * the text, in agreement between characters and bytes, trimmed.  The few
 * names asserted by type are ones any model trained on ANERcorp finds with
 * high confidence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "alama-dates.h"
#include "alama-normalizer.h"
#include "alama-recognizer.h"
#include "alama-unicode.h"

static const char easy[] =
  "قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن الأمم المتحدة يجب أن تتحرك.";

static AlamaModel *
builtin_model (void)
{
  g_autoptr (GError) error = NULL;
  AlamaModel *model = alama_model_new_builtin (&error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static AlamaRecognizer *
new_recognizer (void)
{
  g_autoptr (AlamaModel) model = builtin_model ();

  return alama_recognizer_new (model);
}

static char *
surface (const char        *text,
         const AlamaEntity *e)
{
  return g_strndup (text + e->start_byte, e->end_byte - e->start_byte);
}

/* Characters a span may neither start nor end with. */
static gboolean
is_edge_forbidden (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_ispunct (c) || alama_unichar_is_format_mark (c);
}

/* Every property an entity list must have, whatever the model. */
static void
check_entities (const char *text,
                gsize       len,
                GArray     *entities)
{
  glong n_chars = g_utf8_strlen (text, (gssize) len);

  for (guint i = 0; i < entities->len; i++)
    {
      const AlamaEntity *e = &g_array_index (entities, AlamaEntity, i);
      g_autofree char *s = NULL;
      gunichar first, last;

      g_assert_cmpuint (e->start_byte, <, e->end_byte);
      g_assert_cmpuint (e->end_byte, <=, len);
      g_assert_cmpuint (e->start_char, <, e->end_char);
      g_assert_cmpuint (e->end_char, <=, (gsize) n_chars);
      g_assert_cmpuint (e->start_char, ==, g_utf8_pointer_to_offset (text, text + e->start_byte));
      g_assert_cmpuint (e->end_char, ==, g_utf8_pointer_to_offset (text, text + e->end_byte));
      if (i > 0)
        {
          const AlamaEntity *prev = &g_array_index (entities, AlamaEntity, i - 1);

          g_assert_cmpuint (prev->end_char, <=, e->start_char);
          g_assert_cmpuint (prev->end_byte, <=, e->start_byte);
        }

      s = surface (text, e);
      g_assert_true (g_utf8_validate (s, -1, NULL));
      first = g_utf8_get_char (s);
      last = g_utf8_get_char (g_utf8_prev_char (s + strlen (s)));
      if (is_edge_forbidden (first) || is_edge_forbidden (last)
          || alama_unichar_is_arabic_mark (first) || first == ALAMA_TATWEEL)
        g_error ("entity %u [%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ") %s has a bad edge "
                 "(U+%04X … U+%04X)",
                 i, e->start_char, e->end_char, e->type, first, last);

      g_assert_nonnull (e->type);
      g_assert_cmpstr (e->type, !=, "");
      g_assert_true (e->confidence >= 0.0f && e->confidence <= 1.0f);
      g_assert_nonnull (memchr (e->when, '\0', sizeof e->when));
      if (strcmp (e->type, ALAMA_TYPE_DATE_STRING) != 0)
        g_assert_cmpstr (e->when, ==, "");
    }
}

static GArray *
recognize (AlamaRecognizer *recognizer,
           const char      *text,
           gsize            len)
{
  GArray *entities = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));

  alama_recognizer_recognize (recognizer, text, len, entities);
  check_entities (text, len, entities);
  for (guint i = 0; i < entities->len; i++)
    {
      const AlamaEntity *e = &g_array_index (entities, AlamaEntity, i);
      g_autofree char *s = surface (text, e);

      g_test_message ("[%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ") %s %.3f %s", e->start_char,
                      e->end_char, e->type, e->confidence, s);
    }
  return entities;
}

/* The entity spanning exactly the first occurrence of @needle in @text,
 * or NULL. */
static const AlamaEntity *
find_entity (const char *text,
             GArray     *entities,
             const char *needle)
{
  const char *at = strstr (text, needle);
  gsize start_byte;

  g_assert_nonnull (at);
  start_byte = (gsize) (at - text);
  for (guint i = 0; i < entities->len; i++)
    {
      const AlamaEntity *e = &g_array_index (entities, AlamaEntity, i);

      if (e->start_byte == start_byte && e->end_byte == start_byte + strlen (needle))
        return e;
    }
  return NULL;
}

static void
assert_entity (const char *text,
               GArray     *entities,
               const char *needle,
               const char *type)
{
  const AlamaEntity *e = find_entity (text, entities, needle);

  if (e == NULL)
    g_error ("no entity where expected (type %s)", type);
  g_assert_cmpstr (e->type, ==, type);
  g_assert_cmpuint (e->start_char, ==,
                    g_utf8_pointer_to_offset (text, strstr (text, needle)));
}

static void
test_easy_sentence (void)
{
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  g_autoptr (GArray) entities = recognize (recognizer, easy, strlen (easy));

  assert_entity (easy, entities, "باريس", "LOC");
  assert_entity (easy, entities, "الأمم المتحدة", "ORG");
}

/* The same sentence behind things that shift the offsets differently in
 * characters and in bytes, or that change the line breaks and spelling. */
static void
test_offsets (void)
{
  const struct
  {
    const char *before;
    const char *after;
  } variants[] = {
    { "😀 ", "" },                    /* outside the BMP: 4 bytes, 1 character */
    { "\xef\xbb\xbf", "" },          /* a BOM: counts as one character */
    { "🇫🇷🇫🇷 ", " 🎉" },
    { "مرحبا.\r\n", "\r\nوصل الوزير إلى القاهرة.\r\n" },
    { "\u200f", "\u200f" },           /* RLM marks around the text */
    { "\t \n", "\n\n" },
    { "𝐀𝐁𝐂 ", "" },
  };
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *text = g_strconcat (variants[i].before, easy, variants[i].after, NULL);
      g_autoptr (GArray) entities = recognize (recognizer, text, strlen (text));

      g_test_message ("variant %u", i);
      assert_entity (text, entities, "باريس", "LOC");
      assert_entity (text, entities, "الأمم المتحدة", "ORG");
    }
}

static void
test_diacritics (void)
{
  static const char text[]
      = "قالَ الرئيسُ الفرنسيُّ إيمانويل ماكرون في باريسَ إنَّ الأممَ المتحدةَ يجبُ أن "
        "تتحرّك.";
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  g_autoptr (GArray) entities = recognize (recognizer, text, strlen (text));

  /* The marks on a name's last letter belong to the name. */
  assert_entity (text, entities, "باريسَ", "LOC");
  assert_entity (text, entities, "الأممَ المتحدةَ", "ORG");
}

static void
test_dates (void)
{
  static const char text[] = "وقعت الهجمات في 11 سبتمبر 2001 في نيويورك.";
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  g_autoptr (GArray) entities = recognize (recognizer, text, strlen (text));
  g_autoptr (GArray) without = NULL;
  const AlamaEntity *date = find_entity (text, entities, "11 سبتمبر 2001");

  g_assert_cmpstr (date ? date->type : NULL, ==, "DATE");
  g_assert_cmpstr (date ? date->when : NULL, ==, "2001-09-11");

  alama_recognizer_set_dates (recognizer, FALSE);
  without = recognize (recognizer, text, strlen (text));
  for (guint i = 0; i < without->len; i++)
    g_assert_cmpstr (g_array_index (without, AlamaEntity, i).type, !=, "DATE");
}

static char *
read_sample (const char *name)
{
  g_autofree char *path
      = g_build_filename (TEST_DATA_DIR, "..", "..", "data", "samples", name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* The article with a short vowel, sukun or shadda after every other
 * consonant, as in a text written with diacritics. */
static char *
add_diacritics (const char *text)
{
  static const gunichar marks[] = { 0x064E, 0x0650, 0x064F, 0x0652, 0x0651 };
  GString *out = g_string_new (NULL);
  guint consonants = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, c);
      if (c >= 0x0628 && c <= 0x064A && c != 0x0627 && c != 0x0648 && c != 0x0649 && c != 0x064A
          && ++consonants % 2 == 0)
        g_string_append_unichar (out, marks[consonants / 2 % G_N_ELEMENTS (marks)]);
    }
  return g_string_free (out, FALSE);
}

/* "TYPE normalized-text" of each entity. */
static GPtrArray *
typed_names (const char   *text,
             const GArray *entities)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < entities->len; i++)
    {
      const AlamaEntity *e = &g_array_index (entities, AlamaEntity, i);
      g_autofree char *norm = alama_normalize_dup (text + e->start_byte,
                                                   (gssize) (e->end_byte - e->start_byte));

      g_ptr_array_add (names, g_strdup_printf ("%s %s", e->type, norm));
    }
  return names;
}

/* Diacritics say nothing about names: the article written with them
 * gives (nearly) the names it gives without them.  Before the shape
 * feature ignored them, a word with any mark looked like an adverb
 * (أيضاً) and 6 of the 56 names were lost. */
static void
test_diacritics_everywhere (void)
{
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  g_autofree char *article = read_sample ("article.txt");
  g_autofree char *marked = NULL;
  g_autoptr (GArray) plain = NULL;
  g_autoptr (GArray) with_marks = NULL;
  g_autoptr (GPtrArray) plain_names = NULL;
  g_autoptr (GPtrArray) marked_names = NULL;
  guint kept = 0;

  if (article == NULL)
    {
      g_test_skip ("data/samples/article.txt not found");
      return;
    }
  marked = add_diacritics (article);
  g_assert_cmpuint (g_utf8_strlen (marked, -1), >, g_utf8_strlen (article, -1) + 500);
  plain = recognize (recognizer, article, strlen (article));
  with_marks = recognize (recognizer, marked, strlen (marked));
  plain_names = typed_names (article, plain);
  marked_names = typed_names (marked, with_marks);
  for (guint i = 0; i < plain_names->len; i++)
    {
      guint index;

      if (g_ptr_array_find_with_equal_func (marked_names, plain_names->pdata[i], g_str_equal,
                                            &index))
        {
          kept++;
          g_ptr_array_remove_index (marked_names, index);
        }
      else
        g_test_message ("lost with diacritics: %s", (char *) plain_names->pdata[i]);
    }
  g_assert_cmpuint (plain_names->len, >=, 40);
  g_assert_cmpuint (kept * 100, >=, plain_names->len * 95);
  g_assert_cmpuint (marked_names->len * 100, <=, plain_names->len * 5);
}

/* Organizations that ANERcorp never names, each in a sentence of its own,
 * are found through the hand-written list (data/gazetteers/
 * organizations.txt).  The model trained without it tags 2 of these 12 as
 * organizations. */
static void
test_listed_organizations (void)
{
  static const struct
  {
    const char *sentence;
    const char *organization;
  } cases[] = {
    { "وقالت توشيبا في بيان إن أرباحها ارتفعت في الربع الثالث .", "توشيبا" },
    { "وأعلنت ستاربكس أنها ستفتح مئة فرع جديد في المنطقة .", "ستاربكس" },
    { "وذكرت أوكسفام أن المساعدات لم تصل إلى المخيمات .", "أوكسفام" },
    { "وتعادل باناثينايكوس مع ضيفه في الدوري اليوناني .", "باناثينايكوس" },
    { "وفاز فينورد على منافسه بهدفين نظيفين .", "فينورد" },
    { "ووقعت بومباردييه عقدا لبيع عشر طائرات .", "بومباردييه" },
    { "ورفعت جازبروم سعر الغاز المصدر إلى أوكرانيا .", "جازبروم" },
    { "وقالت ديلويت في تقريرها السنوي إن النمو سيتباطأ .", "ديلويت" },
    { "وتبث روتانا الحفل مباشرة مساء الخميس .", "روتانا" },
    { "وأعلنت موبايلي عن زيادة عدد مشتركيها .", "موبايلي" },
    { "وقال تقرير أصدرته فريدم هاوس إن حرية الصحافة تراجعت .", "فريدم هاوس" },
    { "واتهم المحققون موظفين في بلاكووتر بإطلاق النار على المدنيين .", "بلاكووتر" },
  };
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *text = cases[i].sentence;
      g_autoptr (GArray) entities = recognize (recognizer, text, strlen (text));
      const AlamaEntity *e = find_entity (text, entities, cases[i].organization);

      if (e != NULL && g_str_equal (e->type, "ORG"))
        found++;
      else
        g_test_message ("not an organization: %s", cases[i].organization);
    }
  g_assert_cmpuint (found, >=, 10);
}

static void
test_repeatable (void)
{
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  g_autoptr (AlamaRecognizer) other = new_recognizer ();
  g_autofree char *article = read_sample ("article.txt");
  const char *text = article ? article : easy;
  g_autoptr (GArray) first = recognize (recognizer, text, strlen (text));
  g_autoptr (GArray) second = NULL;
  g_autoptr (GArray) third = NULL;
  g_autoptr (GArray) fresh = NULL;
  g_autoptr (GArray) small = NULL;

  /* Scratch buffers that grew for a long text, then served a short one,
   * must not change the result. */
  second = recognize (recognizer, text, strlen (text));
  small = recognize (recognizer, easy, strlen (easy));
  third = recognize (recognizer, text, strlen (text));
  fresh = recognize (other, text, strlen (text));
  g_assert_true (alama_entities_equal (first, second));
  g_assert_true (alama_entities_equal (first, third));
  g_assert_true (alama_entities_equal (first, fresh));
  g_assert_cmpuint (first->len, >, 0);
}

/* Without confidences the same entities come out, names with confidence
 * 1 and dates with their rule's confidence. */
/* The built-in model has a document history: the sentences given to
 * tag_words() are one document until a new one starts, and a new document
 * is tagged as by a new recognizer.  The article is tagged sentence by
 * sentence (one a line, words split at spaces) twice in one document. */
static void
test_document (void)
{
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  g_autoptr (AlamaRecognizer) other = new_recognizer ();
  g_autofree char *article = read_sample ("article.txt");
  g_auto (GStrv) lines = NULL;
  g_autoptr (GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (AlamaWord));
  guint n_lines = 0;

  if (article == NULL)
    {
      g_test_skip ("data/samples not found");
      return;
    }
  g_assert_cmpuint (alama_model_get_history_window (alama_recognizer_get_model (recognizer)), >,
                    0);
  lines = g_strsplit (article, "\n", -1);
  for (guint pass = 0; pass < 4; pass++)
    {
      AlamaRecognizer *r = pass == 3 ? other : recognizer;
      guint k = 0;

      /* Pass 0: the article; pass 1: again in the same document; pass 2:
       * a new document; pass 3: a new recognizer. */
      if (pass == 2)
        alama_recognizer_start_document (recognizer);
      for (guint l = 0; lines[l]; l++)
        {
          g_auto (GStrv) tokens = g_strsplit_set (lines[l], " \t", -1);
          const char *const *tags;
          GString *joined = g_string_new (NULL);

          g_array_set_size (words, 0);
          for (guint t = 0; tokens[t]; t++)
            if (tokens[t][0])
              {
                AlamaWord w = { tokens[t], strlen (tokens[t]), 0 };

                w.kind = alama_word_guess_kind (w.text, w.len);
                g_array_append_val (words, w);
              }
          if (words->len == 0)
            continue;
          tags = alama_recognizer_tag_words (r, (const AlamaWord *) words->data, words->len);
          for (guint i = 0; i < words->len; i++)
            g_string_append_printf (joined, "%s ", tags[i]);
          if (pass == 0)
            g_ptr_array_add (first, g_string_free (joined, FALSE));
          else
            {
              if (pass >= 2)
                g_assert_cmpstr (joined->str, ==, first->pdata[k]);
              g_string_free (joined, TRUE);
            }
          k++;
        }
      n_lines = k;
    }
  g_assert_cmpuint (n_lines, ==, first->len);
  g_assert_cmpuint (n_lines, >, 1);
}

static void
test_no_confidences (void)
{
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  g_autoptr (AlamaRecognizer) fast = new_recognizer ();
  g_autofree char *article = read_sample ("article.txt");
  g_autofree char *text = g_strconcat (article ? article : easy,
                                       " وفي يوم الخميس 11 سبتمبر 2001 قال ماكرون.", NULL);
  g_autoptr (GArray) full = NULL;
  g_autoptr (GArray) bare = NULL;
  guint names = 0;
  guint below_one = 0;

  alama_recognizer_set_confidences (fast, FALSE);
  full = recognize (recognizer, text, strlen (text));
  bare = recognize (fast, text, strlen (text));
  g_assert_cmpuint (full->len, ==, bare->len);
  for (guint i = 0; i < full->len; i++)
    {
      const AlamaEntity *a = &g_array_index (full, AlamaEntity, i);
      const AlamaEntity *b = &g_array_index (bare, AlamaEntity, i);

      g_assert_cmpuint (a->start_char, ==, b->start_char);
      g_assert_cmpuint (a->end_char, ==, b->end_char);
      g_assert_cmpuint (a->start_byte, ==, b->start_byte);
      g_assert_cmpuint (a->end_byte, ==, b->end_byte);
      g_assert_cmpstr (a->type, ==, b->type);
      g_assert_cmpstr (a->when, ==, b->when);
      if (strcmp (a->type, ALAMA_TYPE_DATE_STRING) == 0)
        g_assert_cmpfloat (a->confidence, ==, b->confidence);
      else
        {
          names++;
          g_assert_cmpfloat (b->confidence, ==, 1.0f);
          below_one += a->confidence < 1.0f;
        }
    }
  g_assert_cmpuint (names, >, 0);
  /* Forward-backward did run for the other recognizer. */
  g_assert_cmpuint (below_one, >, 0);
}

static void
test_appends (void)
{
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  g_autoptr (GArray) entities = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
  AlamaEntity marker = { .start_char = 999, .type = "MARKER" };

  g_array_append_val (entities, marker);
  alama_recognizer_recognize (recognizer, easy, strlen (easy), entities);
  g_assert_cmpuint (entities->len, >=, 3);
  g_assert_cmpstr (g_array_index (entities, AlamaEntity, 0).type, ==, "MARKER");
  g_assert_cmpuint (g_array_index (entities, AlamaEntity, 0).start_char, ==, 999);
}

static void
test_empty (void)
{
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  const char *texts[] = { "", " ", "\n\r\n\t", "\xef\xbb\xbf", "...", "،؛؟!", "\u200f\u200e" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GArray) entities = recognize (recognizer, texts[i], strlen (texts[i]));

      g_assert_cmpuint (entities->len, ==, 0);
    }
  {
    g_autoptr (GArray) entities = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));

    alama_recognizer_recognize (recognizer, NULL, 0, entities);
    g_assert_cmpuint (entities->len, ==, 0);
  }
}

/* Texts made of random pieces: words, names, proclitics, marks, quotes,
 * digits, emoji, line breaks.  Whatever the model makes of them, the
 * entities must keep their invariants. */
static void
test_random_texts (void)
{
  const char *pieces[] = {
    "قال", "الرئيس", "محمد", "علي", "في", "باريس", "وبيروت", "للعراق", "والقاهرة", "الأمم",
    "المتحدة", "جامعة", "لبنان", "وزير", "الخارجية", "بغداد", "إلى", "من", ".", "،", "؟", "!",
    "«", "»", "\"", "(", ")", "-", "...", ":", "11", "سبتمبر", "2001", "١٤٤٥", "هـ", "😀",
    "🇵🇸", "𝐀", "\xef\xbb\xbf", "\u200f", "\u200c", "َ", "ّ", "ـ", "\r\n", "\n", "\t",
    "Paris", "UN", "http://example.org", "a@b.org", "3.5", "ﻻ", "ﷲ",
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();

  for (guint round = 0; round < 300; round++)
    {
      GString *text = g_string_new (NULL);
      guint n = (guint) g_rand_int_range (rand, 1, 60);
      g_autoptr (GArray) entities = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          if (g_rand_int_range (rand, 0, 4) != 0)
            g_string_append_c (text, ' ');
        }
      entities = recognize (recognizer, text->str, text->len);
      g_string_free (text, TRUE);
    }
}

static void
test_long_sentence (void)
{
  GString *text = g_string_new (NULL);
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  g_autoptr (GArray) entities = NULL;

  /* No sentence end for thousands of words: the tokenizer cuts it, and
   * every piece is recognized. */
  for (guint i = 0; i < 600; i++)
    g_string_append (text, "زار محمد علي باريس و ");
  entities = recognize (recognizer, text->str, text->len);
  g_assert_cmpuint (entities->len, >, 100);
  g_string_free (text, TRUE);
}

typedef struct
{
  AlamaModel *model;
  const char *text;
  GArray *entities;
} ThreadData;

static gpointer
recognize_thread (gpointer data)
{
  ThreadData *td = data;
  g_autoptr (AlamaRecognizer) recognizer = alama_recognizer_new (td->model);

  for (guint i = 0; i < 3; i++)
    {
      g_array_set_size (td->entities, 0);
      alama_recognizer_recognize (recognizer, td->text, strlen (td->text), td->entities);
    }
  return NULL;
}

/* One model shared by several recognizers in several threads. */
static void
test_threads (void)
{
  g_autoptr (AlamaModel) model = builtin_model ();
  g_autofree char *article = read_sample ("article.txt");
  const char *text = article ? article : easy;
  g_autoptr (AlamaRecognizer) recognizer = alama_recognizer_new (model);
  g_autoptr (GArray) expected = recognize (recognizer, text, strlen (text));
  ThreadData data[4];
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      data[i].model = model;
      data[i].text = text;
      data[i].entities = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
      threads[i] = g_thread_new ("recognize", recognize_thread, &data[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_true (alama_entities_equal (expected, data[i].entities));
      g_array_unref (data[i].entities);
    }
}

static void
test_samples (void)
{
  const char *names[] = { "article.txt", "article-vocalized-crlf.txt" };
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = read_sample (names[i]);
      g_autoptr (GArray) entities = NULL;

      if (text == NULL)
        {
          g_test_skip ("data/samples not found");
          return;
        }
      entities = recognize (recognizer, text, strlen (text));
      g_assert_cmpuint (entities->len, >, 0);
    }
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

/* A text of several slices (the recognizer tokenizes 256 KiB at a time,
 * cut after a line break): offsets run on across the slices and nothing
 * is lost or doubled at their ends, whatever the line breaks are. */
static void
test_long_text (void)
{
  static const char *const endings[] = { "\n", "\r\n", "\n\n" };
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();

  for (guint e = 0; e < G_N_ELEMENTS (endings); e++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      g_autoptr (GArray) entities = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
      guint copies = 0;
      guint dates = 0;
      gsize at_byte = 0;
      gsize at_char = 0;

      while (text->len < 3 * 256 * 1024 + 1000)
        {
          /* The date ends the line: a slice cut short of the line break
           * would cut it. */
          g_string_append_printf (text, "وقعت الهجمات في نيويورك في 11 سبتمبر 2001%s",
                                  endings[e]);
          copies++;
        }
      /* The last line has no line break. */
      g_string_append (text, "وصل الوفد يوم 3 مايو 2010.");
      alama_recognizer_recognize (recognizer, text->str, text->len, entities);
      for (guint i = 0; i < entities->len; i++)
        {
          const AlamaEntity *entity = &g_array_index (entities, AlamaEntity, i);
          g_autofree char *s = surface (text->str, entity);

          /* Character offsets counted on from the previous entity, in
           * order and without overlap (check_entities() counts from the
           * start of the text: too slow here). */
          g_assert_cmpuint (entity->start_byte, >=, at_byte);
          g_assert_cmpuint (entity->end_byte, <=, text->len);
          at_char += (gsize) g_utf8_pointer_to_offset (text->str + at_byte,
                                                       text->str + entity->start_byte);
          g_assert_cmpuint (entity->start_char, ==, at_char);
          at_char += (gsize) g_utf8_pointer_to_offset (text->str + entity->start_byte,
                                                       text->str + entity->end_byte);
          g_assert_cmpuint (entity->end_char, ==, at_char);
          at_byte = entity->end_byte;
          if (strcmp (entity->type, ALAMA_TYPE_DATE_STRING) != 0)
            continue;
          dates++;
          if (dates <= copies)
            {
              g_assert_cmpstr (s, ==, "11 سبتمبر 2001");
              g_assert_cmpstr (entity->when, ==, "2001-09-11");
            }
          else
            g_assert_cmpstr (entity->when, ==, "2010-05-03");
        }
      g_assert_cmpuint (dates, ==, copies + 1);
    }
}

/* The progress told while recognizing a text of a few hundred KiB starts
 * at 0, grows, ends at 1, comes often enough to move a progress bar and
 * seldom enough to cost nothing, and changes nothing found. */
static void
test_progress (void)
{
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  g_autofree char *article = read_sample ("article.txt");
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) plain = NULL;
  g_autoptr (GArray) told = NULL;
  g_autoptr (GArray) again = NULL;
  g_autoptr (GArray) empty = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));

  if (article == NULL)
    {
      g_test_skip ("data/samples not found");
      return;
    }
  while (text->len < 512 * 1024)
    g_string_append (text, article);

  plain = recognize (recognizer, text->str, text->len);
  alama_recognizer_set_progress_func (recognizer, progress_cb, fractions);
  told = recognize (recognizer, text->str, text->len);
  g_assert_true (alama_entities_equal (plain, told));
  g_assert_cmpuint (fractions->len, >=, 6);
  /* One call every 64 KiB or so, never one a sentence. */
  g_assert_cmpuint (fractions->len, <=, text->len / (64 * 1024) + 2);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  for (guint k = 1; k < fractions->len; k++)
    {
      g_assert_cmpfloat (g_array_index (fractions, double, k), >=,
                         g_array_index (fractions, double, k - 1));
      g_assert_cmpfloat (g_array_index (fractions, double, k), <=, 1.0);
    }
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len / 2), >, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len / 2), <, 1.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  /* An empty text is done at once. */
  g_array_set_size (fractions, 0);
  alama_recognizer_recognize (recognizer, "", 0, empty);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (fractions->len, ==, 2);
  g_assert_cmpfloat (g_array_index (fractions, double, 1), ==, 1.0);

  /* Unset, it is not called any more. */
  g_array_set_size (fractions, 0);
  alama_recognizer_set_progress_func (recognizer, NULL, NULL);
  again = recognize (recognizer, text->str, text->len);
  g_assert_cmpuint (fractions->len, ==, 0);
  g_assert_true (alama_entities_equal (plain, again));
}

static void
assert_tags_legal (AlamaModel        *model,
                   const char *const *tags,
                   guint              n_words)
{
  const char *prev = "O";

  for (guint i = 0; i < n_words; i++)
    {
      const char *tag = tags[i];

      if (strcmp (tag, "O") != 0)
        {
          gboolean known = FALSE;

          g_assert_true (g_str_has_prefix (tag, "B-") || g_str_has_prefix (tag, "I-"));
          for (guint t = 0; t < alama_model_get_n_types (model); t++)
            if (strcmp (tag + 2, alama_model_get_type_name (model, t)) == 0)
              known = TRUE;
          g_assert_true (known);
          /* I-X only continues B-X or I-X. */
          if (tag[0] == 'I')
            g_assert_true (strcmp (prev, "O") != 0 && strcmp (prev + 2, tag + 2) == 0);
        }
      prev = tag;
    }
}

static void
test_tag_words (void)
{
  g_autoptr (AlamaRecognizer) recognizer = new_recognizer ();
  AlamaModel *model = alama_recognizer_get_model (recognizer);
  const char *sentence[] = {
    "قال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "إن", "الأمم", "المتحدة",
    "يجب", "أن", "تتحرك", ".",
  };
  AlamaWord words[G_N_ELEMENTS (sentence)];
  const char *const *tags;
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);

  for (guint i = 0; i < G_N_ELEMENTS (sentence); i++)
    {
      words[i].text = sentence[i];
      words[i].len = strlen (sentence[i]);
      words[i].kind = alama_word_guess_kind (words[i].text, words[i].len);
    }
  tags = alama_recognizer_tag_words (recognizer, words, G_N_ELEMENTS (words));
  assert_tags_legal (model, tags, G_N_ELEMENTS (words));
  g_assert_cmpstr (tags[6], ==, "B-LOC");
  g_assert_cmpstr (tags[8], ==, "B-ORG");
  g_assert_cmpstr (tags[9], ==, "I-ORG");
  g_assert_cmpstr (tags[13], ==, "O");

  g_assert_null (alama_recognizer_tag_words (recognizer, words, 0));

  /* Shuffled sentences make odd contexts; the tags stay legal. */
  for (guint round = 0; round < 200; round++)
    {
      guint n = (guint) g_rand_int_range (rand, 1, G_N_ELEMENTS (words) + 1);
      AlamaWord shuffled[G_N_ELEMENTS (sentence)];

      for (guint i = 0; i < n; i++)
        shuffled[i] = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      tags = alama_recognizer_tag_words (recognizer, shuffled, n);
      assert_tags_legal (model, tags, n);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/recognizer/easy-sentence", test_easy_sentence);
  g_test_add_func ("/alama/recognizer/offsets", test_offsets);
  g_test_add_func ("/alama/recognizer/diacritics", test_diacritics);
  g_test_add_func ("/alama/recognizer/diacritics-everywhere", test_diacritics_everywhere);
  g_test_add_func ("/alama/recognizer/listed-organizations", test_listed_organizations);
  g_test_add_func ("/alama/recognizer/dates", test_dates);
  g_test_add_func ("/alama/recognizer/repeatable", test_repeatable);
  g_test_add_func ("/alama/recognizer/document", test_document);
  g_test_add_func ("/alama/recognizer/appends", test_appends);
  g_test_add_func ("/alama/recognizer/no-confidences", test_no_confidences);
  g_test_add_func ("/alama/recognizer/empty", test_empty);
  g_test_add_func ("/alama/recognizer/random-texts", test_random_texts);
  g_test_add_func ("/alama/recognizer/long-sentence", test_long_sentence);
  g_test_add_func ("/alama/recognizer/threads", test_threads);
  g_test_add_func ("/alama/recognizer/samples", test_samples);
  g_test_add_func ("/alama/recognizer/tag-words", test_tag_words);
  g_test_add_func ("/alama/recognizer/progress", test_progress);
  g_test_add_func ("/alama/recognizer/long-text", test_long_text);

  return g_test_run ();
}
