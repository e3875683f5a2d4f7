/* alama-occurrences.c: the other places a name is written in a text.
 *
 * Each word is normalized character by character, the way the find bar
 * does it (alama-find.c), so that every byte of the normalized word knows
 * the character of the text it comes from: a match found in normalized
 * form maps back to the original text, marks and all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-occurrences.h"

#include <string.h>

#include "alama-normalizer.h"
#include "alama-tokenizer.h"

#define LAM 0x0644

/* A word in normalized form; char_of_byte[k] is the character (in code
 * points from the text's start) that byte k comes from. */
typedef struct
{
  GString *norm;
  GArray *char_of_byte; /* gsize */
} Normalized;

static void
normalized_init (Normalized *n)
{
  n->norm = g_string_new (NULL);
  n->char_of_byte = g_array_new (FALSE, FALSE, sizeof (gsize));
}

static void
normalized_clear (Normalized *n)
{
  g_string_free (n->norm, TRUE);
  g_array_unref (n->char_of_byte);
}

/* Normalizes text[start_byte, end_byte), whose first character is
 * character @start_char of the text, into @n (replacing what it held). */
static void
normalize_range (const char *text,
                 gsize       start_byte,
                 gsize       end_byte,
                 gsize       start_char,
                 Normalized *n)
{
  char out[ALAMA_NORMALIZED_MAX (8)];
  gsize c = start_char;

  g_string_truncate (n->norm, 0);
  g_array_set_size (n->char_of_byte, 0);
  for (const char *p = text + start_byte; p < text + end_byte; p = g_utf8_next_char (p), c++)
    {
      gsize char_len = (gsize) (g_utf8_next_char (p) - p);
      gsize len = alama_normalize (p, char_len, out, sizeof out);

      g_string_append_len (n->norm, out, (gssize) len);
      for (gsize k = 0; k < len; k++)
        g_array_append_val (n->char_of_byte, c);
    }
}

static gboolean
is_conjunction (gunichar c)
{
  return c == 0x0648 /* و */ || c == 0x0641 /* ف */;
}

static gboolean
is_preposition (gunichar c)
{
  return c == 0x0628 /* ب */ || c == LAM || c == 0x0643 /* ك */;
}

/* Whether the normalized word @word is @key, or @key with proclitics
 * attached (و ف, then ب ل ك; ل before the article drops its alef:
 * للقاهرة is ل + القاهرة).  On a match, *skip is the byte of @word where
 * the occurrence starts. */
static gboolean
word_matches (const GString *word,
              const char    *key,
              gsize          key_len,
              gboolean       proclitics,
              gsize         *skip)
{
  const char *s = word->str;
  const char *end = word->str + word->len;
  const char *p = s;

  if (word->len == key_len && memcmp (s, key, key_len) == 0)
    {
      *skip = 0;
      return TRUE;
    }
  if (!proclitics)
    return FALSE;

  for (int slot = 0; slot < 2 && p < end; slot++)
    {
      gunichar c = g_utf8_get_char (p);
      gsize rest_len;

      if (slot == 0 && !is_conjunction (c) && !is_preposition (c))
        return FALSE;
      if (slot == 1 && !is_preposition (c))
        return FALSE;
      p = g_utf8_next_char (p);
      rest_len = (gsize) (end - p);
      if (rest_len == key_len && memcmp (p, key, key_len) == 0)
        {
          *skip = (gsize) (p - s);
          return TRUE;
        }
      /* ل + ال written لل: the rest is the key without its alef. */
      if (c == LAM && key_len > 2 && strncmp (key, "\xd8\xa7\xd9\x84", 4) == 0
          && rest_len == key_len - 2 && memcmp (p, key + 2, rest_len) == 0)
        {
          *skip = (gsize) (p - s);
          return TRUE;
        }
      /* A conjunction may be followed by a preposition, not the reverse. */
      if (!is_conjunction (c))
        return FALSE;
    }
  return FALSE;
}

/**
 * alama_occurrences_find:
 * @text: the document's UTF-8 text
 * @len: its length in bytes
 * @tokens: (element-type AlamaToken): the text's tokens, from alama_tokenize()
 * @start_char: where the surface starts, in code points
 * @end_char: where it ends (excluded), in code points
 *
 * Finds the other occurrences of the surface [@start_char, @end_char): the
 * runs of tokens that read the same as the tokens the surface covers
 * (clipped to it), after normalization, whole words only.  The first word
 * may carry proclitics the surface does not have (و ف, then ب ل ك), which
 * the occurrence leaves out.  A surface that starts or ends inside a word
 * matches only words that are exactly that part.
 *
 * Returns: (transfer full) (element-type AlamaOccurrence): the
 *   occurrences, in text order, not overlapping each other nor the
 *   surface itself; empty when the surface covers no word
 */
GArray *
alama_occurrences_find (const char *text,
                        gsize       len,
                        GArray     *tokens,
                        gsize       start_char,
                        gsize       end_char)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (AlamaOccurrence));
  const AlamaToken *t;
  guint first = G_MAXUINT;
  guint last = 0;
  guint m;
  g_autoptr (GPtrArray) keys = NULL;
  gboolean proclitics;
  Normalized word;

  g_return_val_if_fail (text != NULL, found);
  g_return_val_if_fail (tokens != NULL, found);

  t = (const AlamaToken *) (gpointer) tokens->data;
  for (guint k = 0; k < tokens->len; k++)
    if (t[k].start_char < end_char && start_char < t[k].end_char)
      {
        if (first == G_MAXUINT)
          first = k;
        last = k;
      }
  if (first == G_MAXUINT || start_char >= end_char)
    return found;

  /* The surface's words, each clipped to the surface and normalized. */
  m = last - first + 1;
  keys = g_ptr_array_new_with_free_func (g_free);
  normalized_init (&word);
  for (guint k = first; k <= last; k++)
    {
      gsize from = MAX (t[k].start_char, start_char);
      gsize to = MIN (t[k].end_char, end_char);
      const char *token = text + t[k].start_byte;
      const char *a = g_utf8_offset_to_pointer (token, (glong) (from - t[k].start_char));
      const char *b = g_utf8_offset_to_pointer (token, (glong) (to - t[k].start_char));

      normalize_range (text, (gsize) (a - text), (gsize) (b - text), from, &word);
      if (word.norm->len == 0)
        {
          /* Only marks: nothing a reader would call the same word. */
          normalized_clear (&word);
          return found;
        }
      g_ptr_array_add (keys, g_strndup (word.norm->str, word.norm->len));
    }
  /* A proclitic is only split off a word of at least two letters. */
  proclitics = t[first].kind == ALAMA_TOKEN_ARABIC && g_utf8_strlen (keys->pdata[0], -1) >= 2;

  for (guint i = 0; i + m <= tokens->len; i++)
    {
      const char *key = keys->pdata[0];
      gsize skip = 0;
      gboolean match;
      AlamaOccurrence occurrence;

      if (t[i].start_char < end_char && start_char < t[i + m - 1].end_char)
        continue;
      normalize_range (text, t[i].start_byte, t[i].end_byte, t[i].start_char, &word);
      if (!word_matches (word.norm, key, strlen (key), proclitics && t[i].kind == ALAMA_TOKEN_ARABIC,
                         &skip))
        continue;
      match = TRUE;
      for (guint j = 1; j < m && match; j++)
        {
          const char *part = keys->pdata[j];

          normalize_range (text, t[i + j].start_byte, t[i + j].end_byte, t[i + j].start_char,
                           &word);
          match = word.norm->len == strlen (part) && memcmp (word.norm->str, part, word.norm->len) == 0;
        }
      if (!match)
        continue;
      if (skip == 0)
        occurrence.start_char = t[i].start_char;
      else
        {
          /* The first letter after the proclitics, past their marks. */
          normalize_range (text, t[i].start_byte, t[i].end_byte, t[i].start_char, &word);
          occurrence.start_char = g_array_index (word.char_of_byte, gsize, skip);
        }
      occurrence.end_char = t[i + m - 1].end_char;
      g_array_append_val (found, occurrence);
      i += m - 1;
    }
  normalized_clear (&word);
  (void) len;
  return found;
}

typedef enum
{
  PLAN_ADD,    /* remove the suggestions it overlaps, add by hand */
  PLAN_ACCEPT, /* a suggestion with this span and label: accept it */
} PlanKind;

typedef struct
{
  PlanKind kind;
  AlamaOccurrence span;
  char *accept_id;
  GPtrArray *remove_ids;
} Plan;

static void
plan_clear (Plan *plan)
{
  g_free (plan->accept_id);
  g_clear_pointer (&plan->remove_ids, g_ptr_array_unref);
}

/**
 * alama_occurrences_label:
 * @document: the document
 * @tokens: (element-type AlamaToken): its text's tokens
 * @start_char: where the surface starts, in code points
 * @end_char: where it ends (excluded), in code points
 * @label: the label to give
 * @person: (nullable): the id of the person agent doing it
 * @description: the undo step's description
 * @n_kept: (out) (optional): how many occurrences were left as they are
 *
 * Labels every other occurrence of the surface (alama_occurrences_find())
 * with @label, as one undoable step.  An occurrence that overlaps only
 * suggestions nobody looked at gets an annotation by hand (status manual,
 * origin @person) and the suggestions go; a suggestion that already has
 * the occurrence's span and @label is accepted instead, so the model keeps
 * the credit.  An occurrence that overlaps anything a person accepted,
 * edited or made is left alone (counted in @n_kept): a person's decision
 * stands, the same label there or another.
 *
 * Returns: how many occurrences were labelled or accepted; no undo step
 *   is made when none was
 */
guint
alama_occurrences_label (AlamaDocument *document,
                         GArray        *tokens,
                         gsize          start_char,
                         gsize          end_char,
                         const char    *label,
                         const char    *person,
                         const char    *description,
                         guint         *n_kept)
{
  g_autoptr (GArray) found = NULL;
  g_autoptr (GArray) plans = NULL;
  const char *text;
  gsize len;
  guint kept = 0;
  guint n;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (tokens != NULL, 0);
  g_return_val_if_fail (label != NULL, 0);

  text = alama_document_get_text (document, &len);
  found = alama_occurrences_find (text, len, tokens, start_char, end_char);
  plans = g_array_new (FALSE, TRUE, sizeof (Plan));
  g_array_set_clear_func (plans, (GDestroyNotify) plan_clear);
  n = alama_document_get_n_annotations (document);
  for (guint k = 0; k < found->len; k++)
    {
      const AlamaOccurrence *o = &g_array_index (found, AlamaOccurrence, k);
      Plan plan = { PLAN_ADD, *o, NULL, g_ptr_array_new_with_free_func (g_free) };
      const AlamaAnnotation *same = NULL;
      gboolean confirmed = FALSE;

      for (guint j = 0; j < n; j++)
        {
          const AlamaAnnotation *a = alama_document_get_annotation (document, j);

          if (!alama_annotation_is_entity (a) || a->end <= o->start_char
              || o->end_char <= a->start)
            continue;
          if (a->status != ALAMA_STATUS_SUGGESTED)
            confirmed = TRUE;
          else if (a->start == o->start_char && a->end == o->end_char
                   && strcmp (a->label, label) == 0)
            same = a;
          g_ptr_array_add (plan.remove_ids, g_strdup (a->id));
        }
      if (confirmed)
        {
          kept++;
          plan_clear (&plan);
          continue;
        }
      if (same && plan.remove_ids->len == 1)
        {
          plan.kind = PLAN_ACCEPT;
          plan.accept_id = g_strdup (same->id);
        }
      g_array_append_val (plans, plan);
    }
  if (n_kept)
    *n_kept = kept;
  if (plans->len == 0)
    return 0;

  alama_document_begin_group (document, description);
  for (guint k = 0; k < plans->len; k++)
    {
      const Plan *plan = &g_array_index (plans, Plan, k);
      AlamaAnnotation annotation = { 0 };

      if (plan->kind == PLAN_ACCEPT)
        {
          alama_document_accept (document, plan->accept_id, person, NULL);
          continue;
        }
      for (guint j = 0; j < plan->remove_ids->len; j++)
        alama_document_remove_annotation (document, plan->remove_ids->pdata[j], NULL);
      annotation.start = plan->span.start_char;
      annotation.end = plan->span.end_char;
      annotation.label = (char *) label;
      annotation.origin = (char *) person;
      annotation.status = ALAMA_STATUS_MANUAL;
      annotation.confidence = -1;
      alama_document_add_annotation (document, &annotation, NULL);
    }
  alama_document_end_group (document);
  return plans->len;
}
