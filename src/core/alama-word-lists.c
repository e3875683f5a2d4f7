/* alama-word-lists.c: closed lists of Arabic trigger words.
 *
 * The lists are written in ordinary spelling and normalized once, at first
 * use, so that they match every spelling variant the normalizer unifies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-word-lists.h"

#include <string.h>

#include "alama-hash.h"
#include "alama-normalizer.h"

static const char *const person_titles[] = {
  "رئيس", "رئيسة", "ملك", "ملكة", "أمير", "أميرة", "شيخ", "شيخة", "سيد", "سيدة",
  "وزير", "وزيرة", "دكتور", "دكتورة", "د", "مستشار", "مستشارة", "نائب", "نائبة",
  "عقيد", "لواء", "عميد", "جنرال", "فريق", "مشير", "رائد", "مقدم", "عريف", "ملازم",
  "مهندس", "مهندسة", "أستاذ", "أستاذة", "بروفيسور", "قاضي", "قاضية", "إمام", "بابا",
  "كاردينال", "مطران", "أب", "حاج", "حاجة", "سفير", "سفيرة", "متحدث", "متحدثة",
  "ناطق", "ناطقة", "مبعوث", "مبعوثة", "مندوب", "مندوبة", "زعيم", "زعيمة", "أمين",
  "عاهل", "ولي", "مدرب", "لاعب", "لاعبة", "نجم", "نجمة", "فنان", "فنانة", "ممثل",
  "ممثلة", "كاتب", "كاتبة", "شاعر", "شاعرة", "روائي", "مخرج", "مخرجة", "مطرب",
  "مطربة", "صحافي", "صحافية", "صحفي", "صحفية", "محامي", "محامية", "سناتور",
  "سيناتور", "مرشح", "مرشحة", "حاكم", "مفتي", "سمو", "جلالة", "فخامة", "معالي",
  "سماحة", "المستر", "مستر", "مسيو", "مدام", "السير", "قائد", "نجل", "شقيق",
  "شقيقة", "زوجة", "زوج", "ابن", "ابنة", "أرملة", "عم", "خال", "المغني", "مغني",
  "مغنية", "المطران", "رئيسا", "نائبا", "وزيرا", "مساعد", "مساعدة", "مدير", "مديرة",
  "محافظ", "مراسل", "مراسلة", "الكاتب", "المفكر", "مفكر", "عالم", "الباحث", "باحث",
};

static const char *const org_heads[] = {
  "وزارة", "حزب", "شركة", "وكالة", "منظمة", "جامعة", "مجلس", "اتحاد", "جمعية",
  "بنك", "مصرف", "هيئة", "لجنة", "حركة", "جبهة", "صحيفة", "مؤسسة", "مجموعة",
  "نادي", "منتدى", "معهد", "مركز", "محكمة", "برلمان", "جيش", "قوات", "مكتب",
  "إدارة", "سلطة", "رابطة", "نقابة", "تحالف", "ائتلاف", "كلية", "أكاديمية",
  "مستشفى", "صندوق", "تلفزيون", "إذاعة", "قناة", "مجلة", "دار", "حكومة", "جريدة",
  "بورصة", "سوق", "اللجنة", "الاتحاد", "مجمع", "فرقة", "كتيبة", "تنظيم", "جماعة",
  "مديرية", "دائرة", "مصلحة", "شرطة", "بعثة", "مفوضية", "أمانة", "مجالس", "منظمات",
};

static const char *const loc_heads[] = {
  "مدينة", "ولاية", "إقليم", "محافظة", "منطقة", "دولة", "جزيرة", "جزر", "نهر", "بحر",
  "جبل", "جبال", "عاصمة", "قرية", "بلدة", "مقاطعة", "شمال", "جنوب", "شرق", "غرب",
  "وسط", "مخيم", "حي", "شارع", "ميناء", "مطار", "صحراء", "خليج", "بحيرة", "وادي",
  "سهل", "ضاحية", "إمارة", "جمهورية", "مملكة", "قطاع", "ضفة", "بلاد", "دول", "مدن",
  "عواصم", "ساحل", "شبه", "هضبة", "مضيق", "قناة", "محيط", "ريف", "أطراف", "ضواحي",
};

static const char *const say_verbs[] = {
  "قال", "قالت", "أكد", "أكدت", "أعلن", "أعلنت", "صرح", "صرحت", "أضاف", "أضافت",
  "أوضح", "أوضحت", "ذكر", "ذكرت", "أشار", "أشارت", "التقى", "التقت", "استقبل",
  "استقبلت", "بحث", "بحثت", "دعا", "دعت", "اعتبر", "اعتبرت", "رأى", "رأت", "نفى",
  "نفت", "طالب", "طالبت", "أفاد", "أفادت", "زار", "زارت", "وصل", "وصلت", "غادر",
  "غادرت", "يقول", "تقول", "يرى", "ترى", "أبلغ", "أبلغت", "اتهم", "اتهمت",
};

static const char *const loc_preps[] = {
  "في", "إلى", "من", "عن", "نحو", "داخل", "خارج", "قرب", "شمالي", "جنوبي", "شرقي",
  "غربي", "وسط", "حتى", "عبر", "أنحاء",
};

static const char *const kin_words[] = {
  "بن", "ابن", "بنت", "أبو", "أبي", "أبا", "أم", "آل", "عبد", "ولد", "ابنة",
};

/* Nationality and group adjectives in their masculine singular base form;
 * the feminine and plural forms are matched by stripping their endings. */
static const char *const nationalities[] = {
  "أمريكي", "أميركي", "فرنسي", "بريطاني", "ألماني", "روسي", "صيني", "ياباني",
  "إيراني", "عراقي", "سوري", "لبناني", "مصري", "سعودي", "أردني", "فلسطيني",
  "إسرائيلي", "تركي", "يمني", "ليبي", "تونسي", "جزائري", "مغربي", "سوداني",
  "كويتي", "قطري", "إماراتي", "بحريني", "عماني", "هندي", "باكستاني", "أفغاني",
  "إيطالي", "إسباني", "اسباني", "برتغالي", "يوناني", "كوري", "أوروبي", "أفريقي",
  "إفريقي", "آسيوي", "عربي", "كندي", "أسترالي", "استرالي", "برازيلي", "أرجنتيني",
  "مكسيكي", "نمساوي", "سويسري", "بلجيكي", "هولندي", "سويدي", "نرويجي", "دنماركي",
  "فنلندي", "بولندي", "أوكراني", "صربي", "كرواتي", "بوسني", "ألباني", "مقدوني",
  "روماني", "بلغاري", "مجري", "تشيكي", "سلوفاكي", "إندونيسي", "ماليزي", "فلبيني",
  "تايلاندي", "فيتنامي", "إثيوبي", "صومالي", "نيجيري", "كيني", "إيرلندي", "كوبي",
  "فنزويلي", "كولومبي", "تشيلي", "موريتاني", "إريتري", "جيبوتي", "كردي", "شيعي",
  "سني", "مسيحي", "يهودي", "إسلامي", "عبري", "أمازيغي", "قبرصي", "أرمني", "جورجي",
  "أذربيجاني", "أوزبكي", "كازاخي", "طاجيكي", "تركماني", "شيشاني", "خليجي", "غربي",
  "شرقي", "أطلسي", "سوفياتي", "سوفيتي", "بنغالي", "سريلانكي", "نيبالي", "إسكتلندي",
  "ويلزي", "إنجليزي", "إنكليزي", "أوغندي", "تنزاني", "زيمبابوي", "أنغولي", "سنغالي",
  "مالي", "تشادي", "نيجري", "كاميروني", "غاني", "ليبيري", "بيروفي", "بوليفي",
  "دولي", "أممي", "قومي", "وطني", "ماروني", "درزي", "قبطي", "كاثوليكي",
  "بروتستانتي", "أرثوذكسي", "صهيوني", "بعثي", "ناصري", "شيوعي", "اشتراكي", "ليبرالي",
};

typedef struct
{
  guint64 *keys;
  guint8 *bits;
  gsize capacity;
} WordTable;

static void
table_add (WordTable  *table,
           const char *word,
           guint       bits)
{
  g_autofree char *norm = alama_normalize_dup (word, -1);
  guint64 key = alama_hash_bytes (norm, strlen (norm));
  gsize slot = alama_hash_probe (table->keys, table->capacity, key);

  table->keys[slot] = key;
  table->bits[slot] |= (guint8) bits;
}

static void
table_add_list (WordTable         *table,
                const char *const *words,
                gsize              n,
                guint              bits)
{
  for (gsize i = 0; i < n; i++)
    table_add (table, words[i], bits);
}

static const WordTable *
word_table (void)
{
  static WordTable table;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Several hundred words; a load factor under a half keeps probes short. */
      WordTable t = { NULL, NULL, 2048 };

      t.keys = g_new0 (guint64, t.capacity);
      t.bits = g_new0 (guint8, t.capacity);
      table_add_list (&t, person_titles, G_N_ELEMENTS (person_titles), ALAMA_WORD_PERSON_TITLE);
      table_add_list (&t, org_heads, G_N_ELEMENTS (org_heads), ALAMA_WORD_ORG_HEAD);
      table_add_list (&t, loc_heads, G_N_ELEMENTS (loc_heads), ALAMA_WORD_LOC_HEAD);
      table_add_list (&t, say_verbs, G_N_ELEMENTS (say_verbs), ALAMA_WORD_SAY_VERB);
      table_add_list (&t, nationalities, G_N_ELEMENTS (nationalities), ALAMA_WORD_NATIONALITY);
      table_add_list (&t, loc_preps, G_N_ELEMENTS (loc_preps), ALAMA_WORD_LOC_PREP);
      table_add_list (&t, kin_words, G_N_ELEMENTS (kin_words), ALAMA_WORD_PERSON_KIN);
      table = t;
      g_once_init_leave (&initialized, 1);
    }
  return &table;
}

static guint
lookup (const WordTable *table,
        const char      *s,
        gsize            len)
{
  guint64 key;
  gsize slot;

  if (len == 0)
    return 0;
  key = alama_hash_bytes (s, len);
  slot = alama_hash_probe (table->keys, table->capacity, key);
  return table->keys[slot] == key ? table->bits[slot] : 0;
}

static gboolean
has_suffix (const char *s,
            gsize       len,
            const char *suffix,
            gsize       suffix_len)
{
  return len > suffix_len && memcmp (s + len - suffix_len, suffix, suffix_len) == 0;
}

/* Nationality adjectives are listed as ـي; their feminine (ـيه after
 * normalization), plural (ـيون، ـيين) and dual (ـيان، ـيين) forms map back
 * to it by dropping the ending after the ي. */
static guint
lookup_nationality (const WordTable *table,
                    const char      *s,
                    gsize            len)
{
  static const char *const endings[] = { "ه", "ون", "ين", "ان", "تان", "تين" };

  for (gsize i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      gsize n = strlen (endings[i]);

      if (has_suffix (s, len, endings[i], n) && has_suffix (s, len - n, "ي", 2))
        return lookup (table, s, len - n) & ALAMA_WORD_NATIONALITY;
    }
  return 0;
}

/**
 * alama_word_class:
 * @normalized: a word in normalized form (see alama_normalize()), without
 *   its conjunction and preposition proclitics but possibly with the
 *   article ال
 * @len: its length in bytes
 *
 * Returns: the #AlamaWordClass bits of the word, 0 for an ordinary word
 */
guint
alama_word_class (const char *normalized,
                  gsize       len)
{
  const WordTable *table = word_table ();
  guint bits = lookup (table, normalized, len);
  const char *s = normalized;

  /* The article: الرئيس is listed as رئيس. */
  if (len > 4 + 2 && memcmp (s, "\xd8\xa7\xd9\x84", 4) == 0)
    {
      s += 4;
      len -= 4;
      bits |= lookup (table, s, len);
    }
  bits |= lookup_nationality (table, s, len);
  return bits;
}
