/* alama-features.c: the features of each word of a sentence.
 *
 * Every feature is a 64-bit hash of a template number and a value (a word
 * form, an affix, a class bit); the model maps hashes to weights.  A word's
 * own values are computed once per word, then the context window reads its
 * neighbours' values, so no string is built and nothing is allocated per
 * word once the scratch buffers have grown to the longest sentence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-features.h"

#include <string.h>

#include "alama-clitics.h"
#include "alama-common-words.h"
#include "alama-context.h"
#include "alama-gazetteer.h"
#include "alama-hash.h"
#include "alama-history.h"
#include "alama-normalizer.h"
#include "alama-quotes.h"
#include "alama-type-cache.h"
#include "alama-unicode.h"
#include "alama-word-lists.h"

/* Templates.  Their numbers are part of the model format. */
enum
{
  T_BIAS = 1,
  T_NORM,
  T_RAW,
  T_STEM,
  T_BARE,
  T_PATTERN,
  T_PREFIX,
  T_SUFFIX,
  T_SHAPE,
  T_NORM_AT,     /* + position */
  T_STEM_AT,     /* + position */
  T_BIGRAM_PREV,
  T_BIGRAM_NEXT,
  T_CLASS_AT,    /* + position, bit */
  T_SHAPE_AT,    /* + position */
  T_BARE_SUFFIX,
  T_PREV_CLASS_SHAPE,
  T_BARE_AT,     /* + position */
  T_SUFFIX_AT,   /* + position */
  T_LEXICON,
  T_LEXICON_STEM,
  T_TRIGRAM,
  T_COMMON,          /* alama-common-words.h */
  T_COMMON_AT,       /* + position */
  T_COMMON_CONTEXT,
  T_GAZETTEER,       /* alama-gazetteer.h */
  T_GAZETTEER_AT,    /* + position */
  T_GAZETTEER_COMMON,
};

/* Templates of the context aggregation (alama-context.h); numbered after
 * those of alama-history.c. */
enum
{
  T_CONTEXT_PREV = 64,
  T_CONTEXT_NEXT,
  T_QUOTE,              /* alama-quotes.h */
  T_QUOTE_BEFORE,
  T_QUOTE_BEFORE_CLASS,
};

/* What is known of one word before its context is looked at. */
typedef struct
{
  guint64 norm;
  guint64 raw;
  guint64 stem;
  guint64 bare;
  guint64 prefix[3];
  guint64 suffix[4];
  guint64 bare_suffix[2];
  guint64 trigrams[8];
  guint64 lexicon;
  guint64 lexicon_stem;
  guint pattern;
  guint classes;
  guint shape;
  guint common;      /* AlamaCommonWord, 0 for a word not in Arabic letters */
  guint64 forms[2];  /* for alama_gazetteer_match(): norm, stem */
  guint32 gazetteer_starts[2];  /* alama_gazetteer_lookup_start() of forms */
  guint32 history;   /* alama_history_lookup(), 0 without a history */
} WordInfo;

/* The dictionary's answer per word type: a direct-mapped cache indexed by
 * the low bits of the hash of the normalized word, each slot holding 30
 * other bits of the hash and the answer (never 0, so 0 marks an empty
 * slot).  64 KiB stay in the CPU's cache, where the set (1 MiB) does not:
 * a word seen recently costs one probe instead of several. */
#define COMMON_CACHE_SIZE 16384

typedef guint32 CommonWordCache;

struct _AlamaFeatures
{
  const AlamaLexicon *lexicon;
  WordInfo *info;
  guint64 *out;
  guint capacity;
  char *scratch;
  gsize scratch_size;
  const AlamaWordSet *common_words;
  const AlamaGazetteer *gazetteer;
  guint8 *gazetteer_hits;   /* per word, alama_gazetteer_match() */
  CommonWordCache *common_cache;
  AlamaTypeCache *type_cache;   /* word → WordInfo, for words of new text */
  const AlamaHistory *history;  /* alama-history.h, or NULL */
  AlamaContext *context;        /* alama-context.h, or NULL */
  guint64 *context_keys;        /* per word: its key, 0 when not remembered */
  guint32 *fingerprints;        /* per word: its key's fingerprint, 0: none */
  AlamaQuoteMark *quotes;       /* per word: alama_quotes_find() */
  AlamaWordScoreFunc word_scorer;  /* alama_features_set_word_scorer() */
  gpointer word_scorer_data;
  guint n_sums;                 /* per word, kept after its WordInfo */
  gint32 *sums;                 /* per word: n_sums of the scorer */
};

/* Word types whose WordInfo is kept: 8.6 MiB (in the L3 cache; pages are
 * touched as types arrive; 1.3 MiB more with a recognizer's word sums),
 * which on ANERcorp hold the types of ~88% of the tokens (16384: 77%, 8 %
 * slower). */
#define TYPE_CACHE_SLOTS 32768

/**
 * alama_features_new:
 * @lexicon: (nullable): word-form counts that the lexical features read;
 *   it must outlive the extractor
 *
 * Returns: (transfer full): a feature extractor
 */
AlamaFeatures *
alama_features_new (const AlamaLexicon *lexicon)
{
  AlamaFeatures *self = g_new0 (AlamaFeatures, 1);

  self->lexicon = lexicon;
  self->type_cache = alama_type_cache_new (sizeof (WordInfo), TYPE_CACHE_SLOTS);
  return self;
}

void
alama_features_free (AlamaFeatures *self)
{
  if (self == NULL)
    return;
  g_free (self->info);
  g_free (self->out);
  g_free (self->scratch);
  g_free (self->gazetteer_hits);
  g_free (self->context_keys);
  g_free (self->fingerprints);
  g_free (self->quotes);
  g_free (self->sums);
  g_free (self->common_cache);
  alama_type_cache_free (self->type_cache);
  g_free (self);
}

/**
 * alama_features_set_lexical_data:
 * @features: the extractor
 * @common_words: (nullable): the dictionary of ordinary words; it must
 *   outlive the extractor
 * @gazetteer: (nullable): the lists of known names; it must outlive the
 *   extractor
 *
 * Without them (a model that stores none), their features are not
 * computed.
 */
void
alama_features_set_lexical_data (AlamaFeatures        *self,
                                 const AlamaWordSet   *common_words,
                                 const AlamaGazetteer *gazetteer)
{
  self->common_words = common_words && common_words->capacity ? common_words : NULL;
  self->gazetteer = gazetteer && gazetteer->capacity ? gazetteer : NULL;
  g_clear_pointer (&self->common_cache, g_free);
  if (self->common_words)
    self->common_cache = g_new0 (CommonWordCache, COMMON_CACHE_SIZE);
  alama_type_cache_clear (self->type_cache);
}

/**
 * alama_features_set_word_scorer:
 * @features: the extractor
 * @n_sums: how many values @func gives per word (at most 64)
 * @func: (nullable): sums up a word's own features; %NULL for none
 * @user_data: passed to @func
 *
 * A recognizer's model weighs a word's own features (its form, stem,
 * affixes, spelling: more than half of its features) the same wherever it
 * stands, so their sum is worth computing once per word type.  With a
 * scorer, alama_features_extract() leaves those features out of the rows
 * and gives, per word, what @func made of them, computed once per word
 * type as long as the type stays in the extractor's cache
 * (alama_features_get_word_sums()).  For tagging only: the trainer needs
 * every feature in the rows.
 */
void
alama_features_set_word_scorer (AlamaFeatures      *self,
                                guint               n_sums,
                                AlamaWordScoreFunc  func,
                                gpointer            user_data)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n_sums <= 64);

  self->word_scorer = func;
  self->word_scorer_data = user_data;
  self->n_sums = func ? n_sums : 0;
  self->sums = g_renew (gint32, self->sums, (gsize) self->capacity * self->n_sums);
  /* The cached values grow by the sums. */
  alama_type_cache_free (self->type_cache);
  self->type_cache = alama_type_cache_new (sizeof (WordInfo) + self->n_sums * sizeof (gint32),
                                           TYPE_CACHE_SLOTS);
}

/**
 * alama_features_get_word_sums:
 * @features: the extractor, with a word scorer
 *
 * Returns: (transfer none): per word of the last sentence given to
 *   alama_features_extract(), the scorer's n_sums values; valid until
 *   the next call
 */
const gint32 *
alama_features_get_word_sums (const AlamaFeatures *self)
{
  g_return_val_if_fail (self != NULL && self->word_scorer != NULL, NULL);

  return self->sums;
}

static guint
common_word (AlamaFeatures      *self,
             const char         *norm,
             gsize               norm_len,
             guint64             norm_hash,
             const AlamaClitics *clitics)
{
  CommonWordCache *slot;
  guint32 tag = (guint32) (norm_hash >> 32) & ~3u;
  guint code;

  if (self->common_words == NULL)
    return ALAMA_COMMON_WORD_NONE;
  slot = &self->common_cache[norm_hash & (COMMON_CACHE_SIZE - 1)];
  if (*slot != 0 && (*slot & ~3u) == tag)
    return *slot & 3u;
  code = alama_common_word_classify (self->common_words, norm, norm_len, clitics);
  G_STATIC_ASSERT (ALAMA_COMMON_WORD_UNKNOWN <= 3);
  *slot = tag | code;
  return code;
}

/**
 * alama_word_guess_kind:
 * @text: a word (UTF-8)
 * @len: its length in bytes
 *
 * Classifies a word that comes already split (a CoNLL token) the way the
 * tokenizer would have classified it.
 *
 * Returns: the token kind
 */
AlamaTokenKind
alama_word_guess_kind (const char *text,
                       gsize       len)
{
  gunichar c;

  if (len == 0)
    return ALAMA_TOKEN_PUNCT;
  c = g_utf8_get_char (text);
  if (len >= 4 && (g_ascii_strncasecmp (text, "http", 4) == 0 || g_ascii_strncasecmp (text, "www.", 4) == 0))
    return ALAMA_TOKEN_URL;
  if (memchr (text, '@', len) != NULL && len > 3)
    return ALAMA_TOKEN_EMAIL;
  if (alama_unichar_is_arabic_letter (c) || alama_unichar_is_ignorable (c))
    return ALAMA_TOKEN_ARABIC;
  if (alama_unichar_digit_value (c) >= 0)
    return ALAMA_TOKEN_NUMBER;
  if (g_unichar_isalpha (c))
    return ALAMA_TOKEN_LATIN;
  return ALAMA_TOKEN_PUNCT;
}

static void
ensure_capacity (AlamaFeatures *self,
                 guint          n_words,
                 gsize          max_len)
{
  if (n_words > self->capacity)
    {
      self->capacity = MAX (n_words, 2 * self->capacity);
      self->info = g_renew (WordInfo, self->info, self->capacity);
      self->out = g_renew (guint64, self->out, (gsize) self->capacity * ALAMA_MAX_FEATURES);
      self->gazetteer_hits = g_renew (guint8, self->gazetteer_hits, self->capacity);
      self->context_keys = g_renew (guint64, self->context_keys, self->capacity);
      self->fingerprints = g_renew (guint32, self->fingerprints, self->capacity);
      self->quotes = g_renew (AlamaQuoteMark, self->quotes, self->capacity);
      self->sums = g_renew (gint32, self->sums, (gsize) self->capacity * self->n_sums);
    }
  if (ALAMA_NORMALIZED_MAX (max_len) > self->scratch_size)
    {
      self->scratch_size = MAX (ALAMA_NORMALIZED_MAX (max_len), 2 * self->scratch_size);
      self->scratch = g_realloc (self->scratch, self->scratch_size);
    }
}

/* Byte offsets of the first @k and last @k characters of a UTF-8 string. */
static void
affix_hashes (const char *s,
              gsize       len,
              guint64     tag,
              guint64    *prefix,
              guint       n_prefix,
              guint64    *suffix,
              guint       n_suffix)
{
  const char *p = s;
  guint i;

  for (i = 0; i < n_prefix; i++)
    {
      if (p >= s + len)
        break;
      p = g_utf8_next_char (p);
      /* A prefix as long as the word says nothing the word does not. */
      prefix[i] = p < s + len ? alama_hash_combine (alama_hash_bytes (s, (gsize) (p - s)), tag)
                              : 0;
    }
  for (; i < n_prefix; i++)
    prefix[i] = 0;

  p = s + len;
  for (i = 0; i < n_suffix; i++)
    {
      if (p <= s)
        break;
      p = g_utf8_prev_char (p);
      suffix[i] = p > s ? alama_hash_combine (alama_hash_bytes (p, (gsize) (s + len - p)), tag + i)
                        : 0;
    }
  for (; i < n_suffix; i++)
    suffix[i] = 0;
}

/* Letter trigrams of a word, from its start: the spelling of
 * transliterated foreign names (فولكسفاغن، هامبورغ) differs from that of
 * Arabic words, and a trigram generalizes to names never seen whole. */
static void
letter_trigrams (const char *s,
                 gsize       len,
                 guint64    *out,
                 guint       max)
{
  const char *end = s + len;
  const char *p = s;
  guint n = 0;

  for (; n < max && p < end; p = g_utf8_next_char (p))
    {
      const char *q = p;
      guint letters = 0;

      while (letters < 3 && q < end)
        {
          q = g_utf8_next_char (q);
          letters++;
        }
      if (letters < 3)
        break;
      out[n++] = alama_hash_combine (alama_hash_bytes (p, (gsize) (q - p)), T_TRIGRAM);
    }
  for (; n < max; n++)
    out[n] = 0;
}

static guint
word_shape (const AlamaWord *w,
            const char      *norm,
            gsize            norm_len)
{
  glong chars = g_utf8_strlen (norm, (gssize) norm_len);
  guint length = chars <= 5 ? (guint) chars : chars <= 7 ? 6 : chars <= 10 ? 7 : 8;
  guint tanween = 0;
  guint extra = 0;

  /* Tanween (ً ٌ ٍ) marks an indefinite noun or an adverb (أيضاً، جداً),
   * never a name; the other diacritics say nothing about names and are
   * left out, so that a text written with them is tagged like one
   * without. */
  for (const char *p = w->text; p < w->text + w->len && !tanween; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      tanween = c >= 0x064B && c <= 0x064D;
    }

  if (w->kind == ALAMA_TOKEN_LATIN && w->len > 0)
    {
      gunichar first = g_utf8_get_char (w->text);
      gboolean all_upper = TRUE;

      for (const char *p = w->text; p < w->text + w->len; p = g_utf8_next_char (p))
        if (g_unichar_islower (g_utf8_get_char (p)))
          all_upper = FALSE;
      extra = all_upper ? 2 : g_unichar_isupper (first) ? 1 : 0;
    }
  return ((guint) w->kind << 8) | (length << 4) | (tanween << 3) | extra;
}

/* How often a form was seen and how often inside a name, in coarse
 * buckets.  While training, a word's own occurrence is taken out of the
 * counts (leave-one-out), so that the feature means the same on training
 * words as on new text. */
static guint64
lexicon_evidence (const AlamaFeatures *self,
                  const char          *s,
                  gsize                len,
                  int                  own_total,
                  int                  own_in_name)
{
  guint32 total = 0;
  guint32 in_name = 0;
  guint seen;
  guint ratio;

  alama_lexicon_lookup (self->lexicon, s, len, &total, &in_name);
  total -= MIN ((guint32) own_total, total);
  in_name -= MIN ((guint32) own_in_name, in_name);
  if (total == 0)
    return 1;
  seen = total == 1 ? 1 : total <= 3 ? 2 : total <= 9 ? 3 : total <= 99 ? 4 : 5;
  ratio = in_name == 0 ? 0 : in_name * 5 <= total ? 1 : in_name * 2 <= total ? 2
        : in_name * 5 < total * 4 ? 3 : in_name < total ? 4 : 5;
  return 2 + seen * 8 + ratio;
}

static void
compute_word (AlamaFeatures   *self,
              const AlamaWord *w,
              guint64          raw,
              WordInfo        *info,
              int              held_out)
{
  char *norm = self->scratch;
  gsize norm_len = alama_normalize (w->text, w->len, norm, self->scratch_size);
  AlamaClitics clitics;
  const char *bare;
  gsize bare_len;

  alama_clitics_analyze (norm, norm_len, &clitics);
  bare = clitics.stem + clitics.bare_offset;
  bare_len = clitics.stem_len - clitics.bare_offset;

  info->norm = alama_hash_bytes (norm, norm_len);
  info->raw = raw;
  info->stem = alama_hash_bytes (clitics.stem, clitics.stem_len);
  info->bare = alama_hash_bytes (bare, bare_len);
  info->lexicon = 0;
  info->lexicon_stem = 0;
  if (self->lexicon)
    {
      /* held_out: 0 not a training word, 1 a training word outside names,
       * 2 a training word inside a name. */
      int own = held_out > 0 ? 1 : 0;
      int own_name = held_out == 2 ? 1 : 0;

      info->lexicon = lexicon_evidence (self, norm, norm_len, own, own_name);
      if (clitics.stem_len != norm_len)
        info->lexicon_stem = lexicon_evidence (self, clitics.stem, clitics.stem_len, 0, 0);
    }
  info->pattern = clitics.pattern;
  info->classes = w->kind == ALAMA_TOKEN_ARABIC ? alama_word_class (clitics.stem, clitics.stem_len)
                                                : 0;
  info->shape = word_shape (w, norm, norm_len);
  info->forms[0] = info->norm;
  info->forms[1] = info->stem;
  info->gazetteer_starts[0] = alama_gazetteer_lookup_start (self->gazetteer, info->forms[0]);
  info->gazetteer_starts[1] = alama_gazetteer_lookup_start (self->gazetteer, info->forms[1]);
  info->common = w->kind == ALAMA_TOKEN_ARABIC
                     ? common_word (self, norm, norm_len, info->norm, &clitics)
                     : 0;
  affix_hashes (bare, bare_len, T_PREFIX, info->prefix, 3, NULL, 0);
  affix_hashes (norm, norm_len, T_SUFFIX, NULL, 0, info->suffix, 4);
  affix_hashes (bare, bare_len, T_BARE_SUFFIX, NULL, 0, info->bare_suffix, 2);
  letter_trigrams (bare, bare_len, info->trigrams, G_N_ELEMENTS (info->trigrams));
}

static guint own_features (const WordInfo *w,
                           guint64        *f);

/* A word's WordInfo depends on its bytes and kind alone (and on the data
 * set at creation or by alama_features_set_lexical_data(), which clears
 * the cache), except while training, where held_out changes the lexicon
 * features: those words are computed every time.  With a word scorer,
 * the scorer's sums are cached after the WordInfo. */
static void
describe_word (AlamaFeatures   *self,
               const AlamaWord *w,
               guint64          raw,
               WordInfo        *info,
               gint32          *sums,
               int              held_out)
{
  gpointer cached = NULL;
  gboolean found = FALSE;
  gsize sums_size = self->n_sums * sizeof (gint32);

  if (held_out == 0)
    cached = alama_type_cache_lookup (self->type_cache, raw, w->text, w->len, w->kind, &found);
  if (found)
    {
      memcpy (info, cached, sizeof *info);
      if (sums)
        memcpy (sums, (const char *) cached + sizeof *info, sums_size);
      return;
    }
  compute_word (self, w, raw, info, held_out);
  if (sums)
    {
      guint64 f[ALAMA_MAX_FEATURES] = { 0 };

      own_features (info, f);
      self->word_scorer (f, sums, self->word_scorer_data);
    }
  if (cached != NULL)
    {
      memcpy (cached, info, sizeof *info);
      if (sums)
        memcpy ((char *) cached + sizeof *info, sums, sums_size);
    }
}

#define POS(offset) ((guint64) ((offset) + 8))

static guint8
gazetteer_hit (const AlamaFeatures *self,
               guint                n_words,
               guint                i,
               int                  offset)
{
  gint64 j = (gint64) i + offset;

  return self->gazetteer && j >= 0 && j < (gint64) n_words ? self->gazetteer_hits[j] : 0;
}

static guint
common_at (const AlamaFeatures *self,
           guint                n_words,
           guint                i,
           int                  offset)
{
  gint64 j = (gint64) i + offset;

  return j >= 0 && j < (gint64) n_words ? self->info[j].common : 0;
}

/* The features of the dictionary and the gazetteers: whether the word and
 * its neighbours are ordinary words, and which known names cover them.
 * Appended to row @f from slot @k; returns the next free slot. */
static guint
lexical_features (const AlamaFeatures *self,
                  guint                n_words,
                  guint                i,
                  guint64             *f,
                  guint                k)
{
#define PUT(h)                                                                                     \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (k < ALAMA_MAX_FEATURES)                                                                    \
      f[k++] = (h);                                                                                \
  }                                                                                                \
  G_STMT_END

  if (self->common_words)
    {
      guint prev = common_at (self, n_words, i, -1);
      guint cur = common_at (self, n_words, i, 0);
      guint next = common_at (self, n_words, i, 1);

      PUT (alama_hash_combine (cur, T_COMMON));
      PUT (alama_hash_combine (prev * 16 + POS (-1), T_COMMON_AT));
      PUT (alama_hash_combine (next * 16 + POS (1), T_COMMON_AT));
      PUT (alama_hash_combine (prev * 64 + cur * 8 + next, T_COMMON_CONTEXT));
    }
  if (self->gazetteer)
    {
      guint8 hit = gazetteer_hit (self, n_words, i, 0);

      for (guint bit = 0; bit < 8; bit++)
        if (hit & (1u << bit))
          PUT (alama_hash_combine (bit, T_GAZETTEER));
      if (hit)
        PUT (alama_hash_combine ((guint64) hit * 8 + common_at (self, n_words, i, 0),
                                 T_GAZETTEER_COMMON));
      for (int d = -1; d <= 1; d += 2)
        {
          guint8 other = gazetteer_hit (self, n_words, i, d);

          if (other)
            PUT (alama_hash_combine ((guint64) other * 16 + POS (d), T_GAZETTEER_AT));
        }
    }
#undef PUT
  return k;
}

static const WordInfo boundary_before = { .norm = 0x1111, .stem = 0x1112, .shape = 0xFFF0 };
static const WordInfo boundary_after = { .norm = 0x2221, .stem = 0x2222, .shape = 0xFFF1 };

static const WordInfo *
neighbour (const AlamaFeatures *self,
           guint                n_words,
           guint                i,
           int                  offset)
{
  gint64 j = (gint64) i + offset;

  if (j < 0)
    return &boundary_before;
  if (j >= (gint64) n_words)
    return &boundary_after;
  return &self->info[j];
}

/* Appends a feature per distinct nonzero value, at most @max. */
static guint
put_distinct (guint64       *f,
              guint          k,
              const guint32 *values,
              guint          n,
              guint64        tag,
              guint          max)
{
  guint from = k;

  for (guint o = 0; o < n && k < ALAMA_MAX_FEATURES && k - from < max; o++)
    {
      guint64 h;
      gboolean seen = FALSE;

      if (values[o] == 0)
        continue;
      h = alama_hash_combine (values[o], tag);
      for (guint j = from; j < k && !seen; j++)
        seen = f[j] == h;
      if (!seen)
        f[k++] = h;
    }
  return k;
}

/* Whether the training text holds the word at least 10 times and never
 * inside a name (a function word, a common verb): such a word is not
 * remembered, which keeps the memory small and tagging fast.  Decoded
 * from lexicon_evidence(): 2 + seen * 8 + ratio, seen 4 for 10–99 times,
 * 5 beyond, ratio 0 for never in a name. */
static inline gboolean
is_plain_frequent (const WordInfo *w)
{
  return w->lexicon >= 2 && (w->lexicon - 2) / 8 >= 4 && (w->lexicon - 2) % 8 == 0;
}

/* Each word's key for the context memory (0 for a word it does not
 * remember) and the fingerprint its neighbours keep of it; starts loading
 * where the keys are looked for. */
static void
prepare_contexts (AlamaFeatures   *self,
                  const AlamaWord *words,
                  guint            n_words)
{
  for (guint i = 0; i < n_words; i++)
    {
      guint64 key = alama_features_get_key (self, &words[i], i);

      self->fingerprints[i] = key ? (guint32) (key ^ (key >> 32)) | 1u : 0;
      self->context_keys[i] = is_plain_frequent (&self->info[i]) ? 0 : key;
      if (self->context_keys[i] != 0)
        alama_context_prefetch (self->context, key);
    }
}

/* At most this many features for the words before a word's earlier
 * occurrences, and as many for the words after: the latest distinct ones
 * (a frequent word would otherwise get 16 features, and each costs a
 * look-up in the model). */
#define CONTEXT_MAX_PER_SIDE 4

/* Remembers where word @i occurs and appends the features of the words
 * around its latest occurrences in the preceding sentences: one per
 * distinct word before, one per distinct word after («نادي» before
 * «الغرافة» where the club was introduced). */
static guint
context_features (const AlamaFeatures *self,
                  guint                n_words,
                  guint                i,
                  guint64             *f,
                  guint                k)
{
  AlamaContextSummary summary;

  if (self->context_keys[i] == 0
      || !alama_context_add (self->context, self->context_keys[i],
                             i > 0 ? self->fingerprints[i - 1] : 0,
                             i + 1 < n_words ? self->fingerprints[i + 1] : 0, &summary))
    return k;
  k = put_distinct (f, k, summary.prev, summary.n_occurrences, T_CONTEXT_PREV,
                    CONTEXT_MAX_PER_SIDE);
  return put_distinct (f, k, summary.next, summary.n_occurrences, T_CONTEXT_NEXT,
                       CONTEXT_MAX_PER_SIDE);
}

/* Where word @i stands in a short quotation (alama-quotes.h), and the word
 * that introduces the quotation: its form and its trigger classes
 * («برنامج», «صحيفة» before a title). */
static guint
quote_features (const AlamaFeatures *self,
                guint                i,
                guint64             *f,
                guint                k)
{
  const AlamaQuoteMark *q = &self->quotes[i];
  const WordInfo *before;

  if (q->position == ALAMA_QUOTE_OUTSIDE || k + 3 > ALAMA_MAX_FEATURES)
    return k;
  f[k++] = alama_hash_combine ((guint64) q->position << 8 | MIN (q->n_words, 5u), T_QUOTE);
  if (q->before < 0)
    return k;
  before = &self->info[q->before];
  f[k++] = alama_hash_combine (before->norm, T_QUOTE_BEFORE);
  f[k++] = alama_hash_combine (before->classes, T_QUOTE_BEFORE_CLASS);
  return k;
}

/* The features of a word alone, the same wherever it stands: written to
 * @f from slot 0; returns how many. */
static guint
own_features (const WordInfo *w,
              guint64        *f)
{
  guint k = 0;

#define EMIT(h)                                                                                    \
  G_STMT_START                                                                                     \
  {                                                                                                \
    guint64 h_ = (h);                                                                              \
    if (h_ != 0)                                                                                   \
      f[k++] = h_;                                                                                 \
  }                                                                                                \
  G_STMT_END

  EMIT (alama_hash_combine (T_BIAS, T_BIAS));
  EMIT (alama_hash_combine (w->norm, T_NORM));
  EMIT (alama_hash_combine (w->raw, T_RAW));
  EMIT (alama_hash_combine (w->stem, T_STEM));
  EMIT (alama_hash_combine (w->bare, T_BARE));
  EMIT (alama_hash_combine (w->pattern | (w->shape << 4), T_PATTERN));
  EMIT (alama_hash_combine (w->shape, T_SHAPE));
  if (w->lexicon)
    EMIT (alama_hash_combine (w->lexicon, T_LEXICON));
  if (w->lexicon_stem)
    EMIT (alama_hash_combine (w->lexicon_stem, T_LEXICON_STEM));
  for (guint a = 0; a < 3; a++)
    EMIT (w->prefix[a]);
  for (guint a = 0; a < 4; a++)
    EMIT (w->suffix[a]);
  for (guint a = 0; a < 2; a++)
    EMIT (w->bare_suffix[a]);
  for (guint a = 0; a < 8; a++)
    EMIT (w->trigrams[a]);
#undef EMIT
  /* 26 at most: the row has room for the neighbours' features. */
  return k;
}

/**
 * alama_features_extract:
 * @features: the extractor (scratch space, reused between calls)
 * @words: (array length=n_words): one sentence
 * @n_words: how many words
 * @held_out: (nullable) (array length=n_words): for training only: per
 *   word, 1 when the lexicon counted it outside a name, 2 inside a name, 0
 *   when it did not count it; these counts are left out of its features
 *
 * Computes the features of every word of the sentence.
 *
 * Returns: (transfer none): @n_words rows of %ALAMA_MAX_FEATURES hashes
 *   each, 0 marking unused slots; valid until the next call
 */
const guint64 *
alama_features_extract (AlamaFeatures   *self,
                        const AlamaWord *words,
                        guint            n_words,
                        const guint8    *held_out)
{
  gsize max_len = 0;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < n_words; i++)
    max_len = MAX (max_len, words[i].len);
  ensure_capacity (self, MAX (n_words, 1), max_len);

  /* The words' raw hashes first, so that their cache slots are loading
   * while the words before them are described. */
  for (guint i = 0; i < n_words; i++)
    {
      self->info[i].raw = alama_hash_bytes (words[i].text, words[i].len);
      alama_type_cache_prefetch (self->type_cache, self->info[i].raw);
    }
  for (guint i = 0; i < n_words; i++)
    describe_word (self, &words[i], self->info[i].raw, &self->info[i],
                   self->word_scorer ? self->sums + (gsize) i * self->n_sums : NULL,
                   held_out ? held_out[i] : 0);
  /* After describe_word(): the history changes from sentence to sentence,
   * so what the type cache holds for it is overwritten here. */
  for (guint i = 0; i < n_words; i++)
    self->info[i].history = self->history ? alama_history_lookup (self->history,
                                                                  alama_features_get_key (self, &words[i], i))
                                          : 0;
  if (self->context)
    prepare_contexts (self, words, n_words);
  alama_quotes_find (words, n_words, self->quotes);
  if (self->gazetteer)
    alama_gazetteer_match_starts (self->gazetteer, self->info[0].forms,
                                  self->info[0].gazetteer_starts,
                                  G_N_ELEMENTS (self->info[0].forms), sizeof (WordInfo), n_words,
                                  self->gazetteer_hits);

  for (guint i = 0; i < n_words; i++)
    {
      const WordInfo *w = &self->info[i];
      guint64 *f = self->out + (gsize) i * ALAMA_MAX_FEATURES;
      guint k = 0;

#define EMIT(h)                                                                                    \
  G_STMT_START                                                                                     \
  {                                                                                                \
    guint64 h_ = (h);                                                                              \
    if (h_ != 0 && k < ALAMA_MAX_FEATURES)                                                         \
      f[k++] = h_;                                                                                 \
  }                                                                                                \
  G_STMT_END

      /* With a word scorer, the scorer has summed these already. */
      if (self->word_scorer == NULL)
        k = own_features (w, f);

      for (int d = -2; d <= 2; d++)
        {
          const WordInfo *o;

          if (d == 0)
            continue;
          o = neighbour (self, n_words, i, d);
          EMIT (alama_hash_combine (o->norm, T_NORM_AT * 16 + POS (d)));
          if (d == -1 || d == 1)
            {
              EMIT (alama_hash_combine (o->stem, T_STEM_AT * 16 + POS (d)));
              EMIT (alama_hash_combine (o->shape, T_SHAPE_AT * 16 + POS (d)));
            }
        }
      EMIT (alama_hash_combine (neighbour (self, n_words, i, -1)->norm ^ alama_hash_mix (w->norm),
                                T_BIGRAM_PREV));
      EMIT (alama_hash_combine (w->norm ^ alama_hash_mix (neighbour (self, n_words, i, 1)->norm),
                                T_BIGRAM_NEXT));

      for (int d = -2; d <= 1; d++)
        {
          guint classes = neighbour (self, n_words, i, d)->classes;

          for (guint bit = 0; bit < ALAMA_WORD_N_CLASSES; bit++)
            if (classes & (1u << bit))
              EMIT (alama_hash_combine (T_CLASS_AT * 1024 + POS (d) * 16 + bit, T_CLASS_AT));
        }
      EMIT (alama_hash_combine ((guint64) neighbour (self, n_words, i, -1)->classes << 32 | w->shape,
                                T_PREV_CLASS_SHAPE));
      k = lexical_features (self, n_words, i, f, k);
      if (self->history)
        k = alama_history_features (neighbour (self, n_words, i, -1)->history, w->history,
                                    neighbour (self, n_words, i, 1)->history, f, k,
                                    ALAMA_MAX_FEATURES);
      if (self->context)
        k = context_features (self, n_words, i, f, k);
      k = quote_features (self, i, f, k);
#undef EMIT
      for (; k < ALAMA_MAX_FEATURES; k++)
        f[k] = 0;
    }
  if (self->context)
    alama_context_end_sentence (self->context);
  return self->out;
}

/**
 * alama_features_set_history:
 * @features: the extractor
 * @history: (nullable): labels given earlier in the document; it must
 *   outlive the extractor or be unset first
 *
 * With a history, every word also gets the features of how the same word
 * was labelled in the preceding sentences (alama-history.h).
 */
void
alama_features_set_history (AlamaFeatures      *self,
                            const AlamaHistory *history)
{
  self->history = history;
}

/**
 * alama_features_set_context:
 * @features: the extractor
 * @context: (nullable): the contexts of words earlier in the document;
 *   it must outlive the extractor or be unset first
 *
 * With a context memory, every word also gets the features of what stood
 * around the same word in the preceding sentences (alama-context.h), and
 * alama_features_extract() remembers the contexts of each sentence it is
 * given: give it the sentences of a document in order, and reset the
 * memory where a new document starts.
 */
void
alama_features_set_context (AlamaFeatures *self,
                            AlamaContext  *context)
{
  self->context = context;
}

/**
 * alama_features_get_key:
 * @features: the extractor
 * @i: a word of the last sentence given to alama_features_extract()
 *
 * Returns: the key alama-history.h files the word under (the hash of its
 *   normalized, clitic-stripped form), or 0 for a word that is not in
 *   letters (numbers, punctuation, addresses)
 */
guint64
alama_features_get_key (const AlamaFeatures *self,
                        const AlamaWord     *word,
                        guint                i)
{
  if (word->kind != ALAMA_TOKEN_ARABIC && word->kind != ALAMA_TOKEN_LATIN)
    return 0;
  return self->info[i].stem;
}

/**
 * alama_features_get_history:
 * @features: the extractor
 * @i: a word of the last sentence given to alama_features_extract()
 *
 * Returns: alama_history_lookup() of the word when it was extracted, 0
 *   without a history
 */
guint32
alama_features_get_history (const AlamaFeatures *self,
                            guint                i)
{
  return self->info[i].history;
}
