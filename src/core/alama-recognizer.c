/* alama-recognizer.c: tokens → features → labels → entity spans.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-recognizer.h"

#include <string.h>

#include "alama-clitics.h"
#include "alama-dates.h"
#include "alama-decoder.h"
#include "alama-tokenizer.h"

struct _AlamaRecognizer
{
  AlamaModel *model;
  AlamaFeatures *features;
  AlamaDecoder *decoder;
  GArray *tokens;       /* AlamaToken */
  GArray *words;        /* AlamaWord */
  GArray *dates;        /* AlamaEntity */
  GArray *names;        /* AlamaEntity */
  float *scores;
  float *marginals;
  guint *labels;
  const char **tags;
  gsize capacity;
  char label_names[ALAMA_MODEL_MAX_LABELS][20];
  gboolean dates_enabled;
  gboolean confidences_enabled;
  AlamaHistory *history;
  AlamaProgressFunc progress_func;
  gpointer progress_data;
  AlamaContext *context;
};

/* alama_recognizer_recognize() tells its progress each time this much
 * more of the text is done: a few hundred times over megabytes, and the
 * cost of a call stays out of the per-word loop. */
#define PROGRESS_STEP_BYTES (64 * 1024)

/* An AlamaWordScoreFunc: a word's own features weighed once per type. */
static void
sum_own_weights (const guint64 *features,
                 gint32        *sums,
                 gpointer       model)
{
  alama_model_sum_weights (model, features, sums);
}

/**
 * alama_recognizer_new:
 * @model: the model to recognize names with; the recognizer keeps a
 *   reference
 *
 * Returns: (transfer full): a recognizer
 */
AlamaRecognizer *
alama_recognizer_new (AlamaModel *model)
{
  AlamaRecognizer *self = g_new0 (AlamaRecognizer, 1);
  guint n_types = alama_model_get_n_types (model);

  self->model = alama_model_ref (model);
  self->features = alama_features_new (alama_model_get_lexicon (model));
  alama_features_set_lexical_data (self->features, alama_model_get_common_words (model),
                                   alama_model_get_gazetteer (model));
  alama_features_set_word_scorer (self->features, alama_model_get_n_labels (model),
                                  sum_own_weights, self->model);
  self->decoder = alama_decoder_new (alama_model_get_n_labels (model));
  if (alama_model_get_history_window (model) > 0)
    {
      self->history = alama_history_new (alama_model_get_history_window (model));
      alama_features_set_history (self->features, self->history);
    }
  if (alama_model_get_context_window (model) > 0)
    {
      self->context = alama_context_new (alama_model_get_context_window (model));
      alama_features_set_context (self->features, self->context);
    }
  self->tokens = g_array_new (FALSE, FALSE, sizeof (AlamaToken));
  self->words = g_array_new (FALSE, FALSE, sizeof (AlamaWord));
  self->dates = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
  self->names = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
  self->dates_enabled = TRUE;
  self->confidences_enabled = TRUE;
  g_strlcpy (self->label_names[0], "O", sizeof self->label_names[0]);
  for (guint t = 0; t < n_types; t++)
    {
      const char *type = alama_model_get_type_name (model, t);

      g_snprintf (self->label_names[1 + 2 * t], sizeof self->label_names[0], "B-%s", type);
      g_snprintf (self->label_names[2 + 2 * t], sizeof self->label_names[0], "I-%s", type);
    }
  return self;
}

void
alama_recognizer_free (AlamaRecognizer *self)
{
  if (self == NULL)
    return;
  alama_model_unref (self->model);
  alama_features_free (self->features);
  alama_history_free (self->history);
  alama_context_free (self->context);
  alama_decoder_free (self->decoder);
  g_array_unref (self->tokens);
  g_array_unref (self->words);
  g_array_unref (self->dates);
  g_array_unref (self->names);
  g_free (self->scores);
  g_free (self->marginals);
  g_free (self->labels);
  g_free (self->tags);
  g_free (self);
}

/**
 * alama_recognizer_get_model:
 * @recognizer: the recognizer
 *
 * Returns: (transfer none): its model
 */
AlamaModel *
alama_recognizer_get_model (AlamaRecognizer *self)
{
  return self->model;
}

/**
 * alama_recognizer_set_dates:
 * @recognizer: the recognizer
 * @dates: whether alama_recognizer_recognize() also finds dates (default
 *   %TRUE)
 */
void
alama_recognizer_set_dates (AlamaRecognizer *self,
                            gboolean         dates)
{
  self->dates_enabled = dates;
}

/**
 * alama_recognizer_set_confidences:
 * @recognizer: the recognizer
 * @confidences: whether alama_recognizer_recognize() computes the
 *   confidence of each name (default %TRUE)
 *
 * Confidences take forward-backward over each sentence with a name, about
 * a third of the recognition time.  Without them every name gets
 * confidence 1; names, spans and dates (whose confidences come from their
 * rules) are the same either way.
 */
void
alama_recognizer_set_confidences (AlamaRecognizer *self,
                                  gboolean         confidences)
{
  self->confidences_enabled = confidences;
}

/**
 * alama_recognizer_set_progress_func:
 * @recognizer: the recognizer
 * @func: (nullable) (scope notified): called with the fraction of the
 *   text done, or %NULL to stop telling
 * @user_data: passed to @func
 *
 * Has alama_recognizer_recognize() (and alama_recognizer_annotate())
 * tell how far it has come: @func is called in the recognizing thread
 * with 0 when it starts, then each time about 64 KiB more of the text is
 * done, with the fraction of the text's bytes done (never smaller than
 * the previous one), and with 1 when it ends.  Whatever @func does, the
 * entities found are the same.
 */
void
alama_recognizer_set_progress_func (AlamaRecognizer   *self,
                                    AlamaProgressFunc  func,
                                    gpointer           user_data)
{
  g_return_if_fail (self != NULL);

  self->progress_func = func;
  self->progress_data = user_data;
}

static void
ensure_capacity (AlamaRecognizer *self,
                 guint            n_words)
{
  guint L = alama_model_get_n_labels (self->model);

  if (n_words <= self->capacity)
    return;
  self->capacity = MAX (n_words, 2 * self->capacity);
  self->scores = g_renew (float, self->scores, self->capacity * L);
  self->marginals = g_renew (float, self->marginals, self->capacity * L);
  self->labels = g_renew (guint, self->labels, self->capacity);
  self->tags = g_renew (const char *, self->tags, self->capacity);
}

static void
label_sentence (AlamaRecognizer *self,
                const AlamaWord *words,
                guint            n_words)
{
  const guint64 *features = alama_features_extract (self->features, words, n_words, NULL);

  ensure_capacity (self, n_words);
  alama_model_score (self->model, features, n_words,
                     alama_features_get_word_sums (self->features), self->scores);
  alama_decoder_viterbi (self->decoder, self->scores, alama_model_get_transitions (self->model),
                         n_words, self->labels);
  if (self->history)
    {
      for (guint i = 0; i < n_words; i++)
        if (self->labels[i] != 0 || alama_features_get_history (self->features, i) != 0)
          alama_history_add (self->history, alama_features_get_key (self->features, &words[i], i),
                             self->labels[i] == 0 ? 0 : (self->labels[i] - 1) / 2 + 1);
      alama_history_end_sentence (self->history);
    }
}

/**
 * alama_recognizer_start_document:
 * @recognizer: the recognizer
 *
 * Forgets how words were labelled so far.  A model with a document
 * history (alama_model_get_history_window()) lets the labels given to a
 * word in the preceding sentences count: alama_recognizer_tag_words()
 * takes the sentences of successive calls as one document until this is
 * called.  alama_recognizer_recognize() starts a document itself: each
 * text it is given is one document.
 */
void
alama_recognizer_start_document (AlamaRecognizer *self)
{
  g_return_if_fail (self != NULL);

  if (self->history)
    alama_history_reset (self->history);
  if (self->context)
    alama_context_reset (self->context);
}

/**
 * alama_recognizer_tag_words:
 * @recognizer: the recognizer
 * @words: (array length=n_words): one sentence, already split into words
 * @n_words: how many words
 *
 * Labels each word with an IOB2 tag.  Successive calls are taken as the
 * sentences of one document (see alama_recognizer_start_document()).
 *
 * Returns: (transfer none) (array length=n_words): the tags ("O",
 *   "B-PERS", …), valid until the next call
 */
const char *const *
alama_recognizer_tag_words (AlamaRecognizer *self,
                            const AlamaWord *words,
                            guint            n_words)
{
  if (n_words == 0)
    return NULL;
  label_sentence (self, words, n_words);
  for (guint i = 0; i < n_words; i++)
    self->tags[i] = self->label_names[self->labels[i]];
  return self->tags;
}

/* Words at a name's edges that are punctuation are not part of it: the
 * model sometimes takes an opening quote in. */
static gboolean
is_edge_junk (const AlamaToken *token)
{
  return token->kind == ALAMA_TOKEN_PUNCT;
}

/* Turns one sentence's labels into entities. */
static void
collect_names (AlamaRecognizer  *self,
               const char       *text,
               const AlamaToken *tokens,
               guint             n_words)
{
  guint L = alama_model_get_n_labels (self->model);
  const AlamaLexicon *lexicon = alama_model_get_lexicon (self->model);
  gboolean any = FALSE;

  /* Most sentences hold no name: skip forward-backward for them. */
  for (guint i = 0; i < n_words && !any; i++)
    any = self->labels[i] != 0;
  if (!any)
    return;
  if (self->confidences_enabled)
    alama_decoder_marginals (self->decoder, self->scores, alama_model_get_transitions (self->model),
                           n_words, alama_model_get_temperature (self->model), self->marginals);

  for (guint i = 0; i < n_words;)
    {
      guint label = self->labels[i];
      guint first = i;
      guint last;
      float confidence = 1.0f;
      AlamaEntity entity = { 0 };
      gsize skip_chars;
      gsize skip_bytes;

      if (label % 2 == 0)
        {
          /* O, or an I- that cannot start a chunk (the decoder never gives
           * one, but stay safe). */
          i++;
          continue;
        }
      i++;
      while (i < n_words && self->labels[i] == label + 1)
        i++;
      last = i - 1;
      for (guint k = first; k <= last && self->confidences_enabled; k++)
        confidence = MIN (confidence, self->marginals[(gsize) k * L + self->labels[k]]);
      while (first <= last && is_edge_junk (&tokens[first]))
        first++;
      while (last > first && is_edge_junk (&tokens[last]))
        last--;
      if (first > last || is_edge_junk (&tokens[first]))
        continue;

      entity.start_byte = tokens[first].start_byte;
      entity.start_char = tokens[first].start_char;
      entity.end_byte = tokens[last].end_byte;
      entity.end_char = tokens[last].end_char;
      if (tokens[first].kind == ALAMA_TOKEN_ARABIC)
        {
          skip_bytes = alama_proclitic_span_start (text + tokens[first].start_byte,
                                                   tokens[first].end_byte
                                                       - tokens[first].start_byte,
                                                   lexicon, &skip_chars);
          entity.start_byte += skip_bytes;
          entity.start_char += skip_chars;
        }
      entity.type = alama_model_get_type_name (self->model, (label - 1) / 2);
      entity.confidence = CLAMP (confidence, 0.0f, 1.0f);
      g_array_append_val (self->names, entity);
    }
}

static gboolean
overlaps (const AlamaEntity *a,
          const AlamaEntity *b)
{
  return a->start_char < b->end_char && b->start_char < a->end_char;
}

/* Merges the model's names and the rule-based dates into @out, sorted by
 * start and without overlaps: a date wins over a name it overlaps, since
 * the model never learned dates (the training corpus leaves them out). */
static void
merge (AlamaRecognizer *self,
       GArray          *out)
{
  guint d = 0;

  for (guint n = 0; n < self->names->len; n++)
    {
      const AlamaEntity *name = &g_array_index (self->names, AlamaEntity, n);
      gboolean clash = FALSE;

      while (d < self->dates->len
             && g_array_index (self->dates, AlamaEntity, d).end_char <= name->start_char)
        {
          g_array_append_val (out, g_array_index (self->dates, AlamaEntity, d));
          d++;
        }
      for (guint k = d; k < self->dates->len; k++)
        {
          const AlamaEntity *date = &g_array_index (self->dates, AlamaEntity, k);

          if (date->start_char >= name->end_char)
            break;
          if (overlaps (date, name))
            clash = TRUE;
        }
      if (!clash)
        g_array_append_val (out, *name);
    }
  for (; d < self->dates->len; d++)
    g_array_append_val (out, g_array_index (self->dates, AlamaEntity, d));
}

/* The text is tokenized a slice at a time, each ending after the first
 * line break (a sentence end for the tokenizer) past this many bytes, so
 * that the tokens of a long text are never all in memory at once (40 bytes
 * a token: 15 MB for a 5 MB Arabic text).  Sentences, and so the results, are the
 * same as for the whole text at once. */
#define SLICE_BYTES (256 * 1024)

static gsize
slice_end (const char *text,
           gsize       len,
           gsize       from)
{
  const char *line_end;

  if (len - from <= SLICE_BYTES)
    return len;
  line_end = memchr (text + from + SLICE_BYTES, '\n', len - from - SLICE_BYTES);
  return line_end ? (gsize) (line_end - text) + 1 : len;
}

/* Labels the sentences of @tokens (a slice of @text, whole sentences,
 * offsets from the start of @text) and collects their names; tells the
 * progress function each time @next_progress bytes of @len are done. */
static void
label_slice (AlamaRecognizer  *self,
             const char       *text,
             gsize             len,
             const AlamaToken *tokens,
             guint             n_tokens,
             gsize            *next_progress)
{
  guint first = 0;

  for (guint i = 0; i < n_tokens; i++)
    {
      guint n;

      if (!tokens[i].sentence_end)
        continue;
      n = i + 1 - first;
      g_array_set_size (self->words, n);
      for (guint k = 0; k < n; k++)
        {
          AlamaWord *w = &g_array_index (self->words, AlamaWord, k);
          const AlamaToken *t = &tokens[first + k];

          w->text = text + t->start_byte;
          w->len = t->end_byte - t->start_byte;
          w->kind = t->kind;
        }
      label_sentence (self, (const AlamaWord *) self->words->data, n);
      collect_names (self, text, tokens + first, n);
      first = i + 1;
      if (self->progress_func && tokens[i].end_byte >= *next_progress)
        {
          /* Tokens end in order: the fraction only grows.  1 is for the
           * end, after the dates. */
          self->progress_func (MIN ((double) tokens[i].end_byte / (double) len, 0.999),
                               self->progress_data);
          *next_progress = tokens[i].end_byte + PROGRESS_STEP_BYTES;
        }
    }
}

/**
 * alama_recognizer_recognize:
 * @recognizer: the recognizer
 * @text: valid UTF-8 (validate it first: g_utf8_validate_len())
 * @len: length of @text in bytes
 * @entities: (element-type AlamaEntity): the entities found are appended,
 *   sorted by start, never overlapping; offsets count from @text's start
 *
 * Finds the names (with the model's types) and dates in @text.  Spans
 * leave out proclitics that are not part of a name and surrounding
 * punctuation.  @text is one document: what the previous calls found
 * does not count (see alama_recognizer_start_document()).
 */
void
alama_recognizer_recognize (AlamaRecognizer *self,
                            const char      *text,
                            gsize            len,
                            GArray          *entities)
{
  gsize next_progress = PROGRESS_STEP_BYTES;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL || len == 0);

  if (self->progress_func)
    self->progress_func (0.0, self->progress_data);

  g_array_set_size (self->dates, 0);
  g_array_set_size (self->names, 0);
  alama_recognizer_start_document (self);
  for (gsize from = 0, char_base = 0; from < len;)
    {
      gsize to = slice_end (text, len, from);
      AlamaToken *tokens;

      g_array_set_size (self->tokens, 0);
      alama_tokenize (text + from, to - from, self->tokens);
      /* Offsets from the start of the whole text. */
      tokens = (AlamaToken *) self->tokens->data;
      for (guint i = 0; i < self->tokens->len; i++)
        {
          tokens[i].start_byte += from;
          tokens[i].end_byte += from;
          tokens[i].start_char += char_base;
          tokens[i].end_char += char_base;
        }
      label_slice (self, text, len, tokens, self->tokens->len, &next_progress);
      if (self->dates_enabled)
        alama_find_dates (text, tokens, self->tokens->len, self->dates);
      char_base += (gsize) g_utf8_strlen (text + from, (gssize) (to - from));
      from = to;
    }
  merge (self, entities);
  if (self->progress_func)
    self->progress_func (1.0, self->progress_data);
}

/**
 * alama_recognizer_annotate:
 * @recognizer: the recognizer
 * @document: a document
 *
 * Recognizes @document's text and puts what was found in as suggestions
 * of the model's agent ("alama-ner", version the model's checksum), as
 * one undoable step that keeps people's work (see
 * alama_document_replace_suggestions()).
 *
 * Returns: how many suggestions were added
 */
guint
alama_recognizer_annotate (AlamaRecognizer *self,
                           AlamaDocument   *document)
{
  g_autoptr (GArray) entities = g_array_new (FALSE, FALSE, sizeof (AlamaEntity));
  gsize len;
  const char *text = alama_document_get_text (document, &len);
  const char *agent = alama_document_add_agent (document, ALAMA_AGENT_MODEL, "alama-ner",
                                                alama_model_get_version (self->model));

  alama_recognizer_recognize (self, text, len, entities);
  return alama_document_replace_suggestions (document, agent, entities);
}
