/* alama-export.c: write an annotated document in other tools' formats.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-export.h"

#include <math.h>
#include <string.h>

#include "alama-conll-reader.h"
#include "alama-json.h"
#include "alama-tokenizer.h"

/* Offsets in other units: the sorted code-point offsets (gsize) of the
 * characters that count differently there (astral characters are two
 * UTF-16 code units, the LF of a CRLF is nothing in brat), so that
 * converting an offset is one binary search. */
typedef gboolean (*PositionPredicate) (const char *p,
                                       const char *start);

static gboolean
is_astral (const char *p,
           const char *start)
{
  return g_utf8_get_char (p) > 0xFFFF;
}

static gboolean
is_lf_after_cr (const char *p,
                const char *start)
{
  return *p == '\n' && p > start && p[-1] == '\r';
}

static GArray *
find_positions (const char       *text,
                gsize             len,
                PositionPredicate predicate)
{
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize c = 0;

  for (const char *p = text; p < text + len; p = g_utf8_next_char (p), c++)
    if (predicate (p, text))
      g_array_append_val (positions, c);
  return positions;
}

/* How many of @positions are below @offset. */
static gsize
count_below (GArray *positions,
             gsize   offset)
{
  guint lo = 0;
  guint hi = positions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (positions, gsize, mid) < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The label an annotation's label name maps to.  The document adds every
 * annotation's label to its set, so this finds one; a label set edited
 * behind the document's back still exports, as a generic name. */
static const AlamaLabel *
lookup_label (AlamaDocument         *document,
              const AlamaAnnotation *annotation)
{
  return alama_label_set_lookup (alama_document_get_label_set (document), annotation->label);
}

/**
 * alama_tsv_escape_append:
 * @out: where to append
 * @text: UTF-8 text
 * @len: its length in bytes
 *
 * Appends @text as one TSV field: tab, line feed, carriage return and
 * backslash become `\t`, `\n`, `\r` and `\\`, so that the field holds no
 * separator and the escaping can be undone.  Everything else, NUL bytes
 * included, is copied as it is.
 */
void
alama_tsv_escape_append (GString    *out,
                         const char *text,
                         gsize       len)
{
  const char *run = text;
  const char *end = text + len;

  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL || len == 0);

  for (const char *p = text; p < end; p++)
    {
      const char *escape;

      switch (*p)
        {
        case '\t':
          escape = "\\t";
          break;
        case '\n':
          escape = "\\n";
          break;
        case '\r':
          escape = "\\r";
          break;
        case '\\':
          escape = "\\\\";
          break;
        default:
          continue;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, end - run);
}

/* Appends the text of [start, end), in code points. */
static void
append_span (GString       *out,
             AlamaDocument *document,
             gsize          start,
             gsize          end,
             void (*append) (GString *, const char *, gsize))
{
  const char *text = alama_document_get_text (document, NULL);
  gsize from = alama_document_char_to_byte (document, start);
  gsize to = alama_document_char_to_byte (document, end);

  append (out, text + from, to - from);
}

/**
 * alama_export_tsv:
 * @document: the document
 * @error: return location for an #ALAMA_FORMAT_ERROR (none is set today)
 *
 * Writes one line per entity, in the document's order (by start, then
 * end): `START<TAB>END<TAB>LABEL<TAB>SURFACE`, offsets in code points, end
 * exclusive, the surface escaped with alama_tsv_escape_append().  This is
 * what `alama-ner extract` writes.  There is no header line.
 *
 * Returns: (transfer full): the TSV text
 */
GBytes *
alama_export_tsv (AlamaDocument *document,
                  GError       **error)
{
  GString *out;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      const AlamaLabel *label = lookup_label (document, a);

      if (!alama_annotation_is_entity (a))
        continue;
      g_string_append_printf (out, "%" G_GSIZE_FORMAT "\t%" G_GSIZE_FORMAT "\t%s\t", a->start,
                              a->end, label ? label->name : a->label);
      append_span (out, document, a->start, a->end, alama_tsv_escape_append);
      g_string_append_c (out, '\n');
    }
  return g_string_free_to_bytes (out);
}

/* JSON */

typedef struct
{
  GString *out;
  gboolean pretty;
} JsonWriter;

static void
json_newline (JsonWriter *w,
              guint       depth)
{
  if (!w->pretty)
    return;
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

static void
json_string_or_null (GString    *out,
                     const char *s)
{
  if (s)
    alama_json_append_string (out, s, -1);
  else
    g_string_append (out, "null");
}

/* Starts member @name of an object; @first says whether it is the first. */
static void
json_member (JsonWriter *w,
             guint       depth,
             gboolean    first,
             const char *name)
{
  if (!first)
    g_string_append_c (w->out, ',');
  json_newline (w, depth);
  alama_json_append_string (w->out, name, -1);
  g_string_append (w->out, w->pretty ? ": " : ":");
}

/* Members inside one-line objects ({"id": …, …}) in either layout. */
static void
json_inline_member (JsonWriter *w,
                    gboolean    first,
                    const char *name)
{
  if (!first)
    g_string_append (w->out, w->pretty ? ", " : ",");
  alama_json_append_string (w->out, name, -1);
  g_string_append (w->out, w->pretty ? ": " : ":");
}

static void
json_append_text (GString    *out,
                  const char *text,
                  gsize       len)
{
  alama_json_append_string (out, text, (gssize) len);
}

static void
json_date (GString   *out,
           GDateTime *date)
{
  g_autofree char *iso = date ? g_date_time_format_iso8601 (date) : NULL;

  json_string_or_null (out, iso);
}

static void
json_confidence (GString *out,
                 double   confidence)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* No confidence (a person's annotation) and, defensively, values JSON
   * cannot write are null. */
  if (confidence < 0 || !isfinite (confidence))
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6g", MIN (confidence, 1.0)));
}

static void
write_json (JsonWriter    *w,
            AlamaDocument *document,
            gboolean       utf16)
{
  GString *out = w->out;
  gsize len;
  const char *text = alama_document_get_text (document, &len);
  const AlamaSource *source = alama_document_get_source (document);
  AlamaLabelSet *labels = alama_document_get_label_set (document);
  g_autoptr (GArray) astral = utf16 ? find_positions (text, len, is_astral) : NULL;
  guint n;

  g_string_append_c (out, '{');
  json_member (w, 1, TRUE, "offsets");
  alama_json_append_string (out, utf16 ? "utf16" : "codepoints", -1);
  json_member (w, 1, FALSE, "text");
  alama_json_append_string (out, text, (gssize) len);
  json_member (w, 1, FALSE, "title");
  json_string_or_null (out, alama_document_get_title (document));
  json_member (w, 1, FALSE, "language");
  json_string_or_null (out, alama_document_get_language (document));
  json_member (w, 1, FALSE, "created");
  json_date (out, alama_document_get_created (document));
  json_member (w, 1, FALSE, "modified");
  json_date (out, alama_document_get_modified_time (document));

  json_member (w, 1, FALSE, "source");
  g_string_append_c (out, '{');
  json_inline_member (w, TRUE, "file_name");
  json_string_or_null (out, source->file_name);
  json_inline_member (w, FALSE, "encoding");
  json_string_or_null (out, source->encoding);
  json_inline_member (w, FALSE, "bom");
  g_string_append (out, source->bom ? "true" : "false");
  json_inline_member (w, FALSE, "bytes");
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, source->bytes);
  json_inline_member (w, FALSE, "sha256");
  json_string_or_null (out, source->sha256);
  g_string_append_c (out, '}');

  json_member (w, 1, FALSE, "agents");
  g_string_append_c (out, '[');
  n = alama_document_get_n_agents (document);
  for (guint i = 0; i < n; i++)
    {
      const AlamaAgent *agent = alama_document_get_agent (document, i);

      if (i > 0)
        g_string_append_c (out, ',');
      json_newline (w, 2);
      g_string_append_c (out, '{');
      json_inline_member (w, TRUE, "id");
      json_string_or_null (out, agent->id);
      json_inline_member (w, FALSE, "kind");
      json_string_or_null (out, alama_agent_kind_to_string (agent->kind));
      json_inline_member (w, FALSE, "name");
      json_string_or_null (out, agent->name);
      json_inline_member (w, FALSE, "version");
      json_string_or_null (out, agent->version);
      g_string_append_c (out, '}');
    }
  if (n > 0)
    json_newline (w, 1);
  g_string_append_c (out, ']');

  json_member (w, 1, FALSE, "labels");
  g_string_append_c (out, '[');
  n = alama_label_set_get_n_labels (labels);
  for (guint i = 0; i < n; i++)
    {
      const AlamaLabel *label = alama_label_set_get (labels, i);

      if (i > 0)
        g_string_append_c (out, ',');
      json_newline (w, 2);
      g_string_append_c (out, '{');
      json_inline_member (w, TRUE, "name");
      json_string_or_null (out, label->name);
      json_inline_member (w, FALSE, "tei_element");
      json_string_or_null (out, label->tei_element);
      json_inline_member (w, FALSE, "tei_type");
      json_string_or_null (out, label->tei_type);
      json_inline_member (w, FALSE, "enamex");
      json_string_or_null (out, label->enamex);
      json_inline_member (w, FALSE, "timex");
      g_string_append (out, label->timex ? "true" : "false");
      json_inline_member (w, FALSE, "description");
      json_string_or_null (out, label->description);
      g_string_append_c (out, '}');
    }
  if (n > 0)
    json_newline (w, 1);
  g_string_append_c (out, ']');

  json_member (w, 1, FALSE, "annotations");
  g_string_append_c (out, '[');
  n = alama_document_get_n_annotations (document);
  for (guint i = 0; i < n; i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      gsize start = a->start;
      gsize end = a->end;

      if (utf16)
        {
          start += count_below (astral, a->start);
          end += count_below (astral, a->end);
        }
      if (i > 0)
        g_string_append_c (out, ',');
      json_newline (w, 2);
      g_string_append_c (out, '{');
      json_inline_member (w, TRUE, "id");
      json_string_or_null (out, a->id);
      json_inline_member (w, FALSE, "start");
      g_string_append_printf (out, "%" G_GSIZE_FORMAT, start);
      json_inline_member (w, FALSE, "end");
      g_string_append_printf (out, "%" G_GSIZE_FORMAT, end);
      json_inline_member (w, FALSE, "label");
      json_string_or_null (out, a->label);
      json_inline_member (w, FALSE, "text");
      append_span (out, document, a->start, a->end, json_append_text);
      json_inline_member (w, FALSE, "origin");
      json_string_or_null (out, a->origin);
      json_inline_member (w, FALSE, "status");
      json_string_or_null (out, alama_annotation_status_to_string (a->status));
      json_inline_member (w, FALSE, "confidence");
      json_confidence (out, a->confidence);
      json_inline_member (w, FALSE, "confirmed_by");
      json_string_or_null (out, a->confirmed_by);
      json_inline_member (w, FALSE, "when");
      json_string_or_null (out, a->when);
      json_inline_member (w, FALSE, "note");
      json_string_or_null (out, a->note);
      g_string_append_c (out, '}');
    }
  if (n > 0)
    json_newline (w, 1);
  g_string_append_c (out, ']');

  json_newline (w, 0);
  g_string_append_c (out, '}');
}

/**
 * alama_export_json:
 * @document: the document
 * @utf16: count offsets in UTF-16 code units (what JavaScript strings
 *   index) instead of code points
 * @error: return location for an #ALAMA_FORMAT_ERROR (none is set today)
 *
 * Writes the whole document as one JSON object, indented, ending in a line
 * feed:
 *
 * |[
 * { "offsets": "codepoints" or "utf16", "text": …, "title", "language",
 *   "created", "modified" (ISO 8601), "source": { "file_name", "encoding",
 *   "bom", "bytes", "sha256" }, "agents": [ { "id", "kind", "name",
 *   "version" } ], "labels": [ { "name", "tei_element", "tei_type",
 *   "enamex", "timex", "description" } ], "annotations": [ { "id", "start",
 *   "end", "label", "text", "origin", "status", "confidence",
 *   "confirmed_by", "when", "note" } ] }
 * ]|
 *
 * Every member is always there; what a document lacks is null (a person's
 * annotation has a null confidence).  All annotations are written,
 * rejected ones included, each with its status: a reader keeps only those
 * whose status is not "rejected" to get the entities.  "offsets" says the
 * unit of "start" and "end" (end exclusive).
 *
 * Returns: (transfer full): the JSON text, UTF-8
 */
GBytes *
alama_export_json (AlamaDocument *document,
                   gboolean       utf16,
                   GError       **error)
{
  JsonWriter w = { NULL, TRUE };

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  w.out = g_string_new (NULL);
  write_json (&w, document, utf16);
  g_string_append_c (w.out, '\n');
  return g_string_free_to_bytes (w.out);
}

/**
 * alama_export_jsonl:
 * @document: the document
 * @utf16: count offsets in UTF-16 code units instead of code points
 * @error: return location for an #ALAMA_FORMAT_ERROR (none is set today)
 *
 * Writes the same object as alama_export_json() on a single line ending in
 * a line feed, for JSON Lines files of one document a line.
 *
 * Returns: (transfer full): one line of JSON, UTF-8
 */
GBytes *
alama_export_jsonl (AlamaDocument *document,
                    gboolean       utf16,
                    GError       **error)
{
  JsonWriter w = { NULL, FALSE };

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  w.out = g_string_new (NULL);
  write_json (&w, document, utf16);
  g_string_append_c (w.out, '\n');
  return g_string_free_to_bytes (w.out);
}

/* CoNLL */

typedef struct
{
  guint first; /* tokens, inclusive */
  guint last;
  guint order; /* in the document */
  const char *label;
} TokenSpan;

static int
compare_token_spans (gconstpointer pa,
                     gconstpointer pb)
{
  const TokenSpan *a = pa;
  const TokenSpan *b = pb;

  if (a->first != b->first)
    return a->first < b->first ? -1 : 1;
  if (a->last != b->last)
    return a->last > b->last ? -1 : 1; /* the longer first */
  return a->order < b->order ? -1 : a->order > b->order;
}

/* The first token that ends after @offset (tokens are in text order and do
 * not overlap, so their ends grow). */
static guint
first_token_ending_after (GArray *tokens,
                          gsize   offset)
{
  guint lo = 0;
  guint hi = tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (tokens, AlamaToken, mid).end_char <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * alama_export_conll:
 * @document: the document
 * @error: return location for an #ALAMA_FORMAT_ERROR (none is set today)
 *
 * Writes the text as ANERcorp does: the tokens of alama_tokenize(), one a
 * line as `TOKEN TAG`, the tag O or B-/I- and the label name (IOB2), a
 * blank line between sentences.
 *
 * Entities are mapped to whole tokens: a token belongs to an entity when
 * they share a character.  So an entity that starts inside a token tags
 * the whole token — بيروت in وبيروت makes وبيروت B-LOC, which is how
 * ANERcorp tags words with a proclitic.  Where entities would share a
 * token, the one starting at the earlier token (the longer on a tie) wins
 * and the other is left out; so are entities over no token at all (only
 * spaces or marks).  An entity over a sentence break starts again with
 * B- in the next sentence, as every chunk must.
 *
 * Returns: (transfer full): the CoNLL text; empty for a text without tokens
 */
GBytes *
alama_export_conll (AlamaDocument *document,
                    GError       **error)
{
  g_autoptr (GArray) tokens = g_array_new (FALSE, FALSE, sizeof (AlamaToken));
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (TokenSpan));
  g_autofree const char **tags = NULL;
  g_autofree gboolean *begins = NULL;
  GString *out;
  gsize len;
  const char *text;
  guint n_left_out = 0;
  gint64 last_taken = -1;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = alama_document_get_text (document, &len);
  alama_tokenize (text, len, tokens);

  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      const AlamaLabel *label = lookup_label (document, a);
      TokenSpan span = { 0 };

      if (!alama_annotation_is_entity (a))
        continue;
      span.first = first_token_ending_after (tokens, a->start);
      span.last = first_token_ending_after (tokens, a->end - 1);
      if (span.last == tokens->len
          || g_array_index (tokens, AlamaToken, span.last).start_char >= a->end)
        {
          /* The first token that reaches the entity's end starts after
           * it, or there is none: the last token inside is the one
           * before. */
          if (span.last == 0)
            {
              n_left_out++;
              continue;
            }
          span.last--;
        }
      if (span.first >= tokens->len || span.first > span.last
          || g_array_index (tokens, AlamaToken, span.first).start_char >= a->end)
        {
          n_left_out++;
          continue;
        }
      span.order = i;
      span.label = label ? label->name : a->label;
      g_array_append_val (spans, span);
    }
  g_array_sort (spans, compare_token_spans);

  tags = g_new0 (const char *, tokens->len + 1);
  begins = g_new0 (gboolean, tokens->len + 1);
  for (guint i = 0; i < spans->len; i++)
    {
      const TokenSpan *span = &g_array_index (spans, TokenSpan, i);

      if ((gint64) span->first <= last_taken)
        {
          n_left_out++;
          continue;
        }
      for (guint t = span->first; t <= span->last; t++)
        tags[t] = span->label;
      begins[span->first] = TRUE;
      last_taken = span->last;
    }
  if (n_left_out > 0)
    g_debug ("CoNLL export: %u entities over no token or sharing a token with another were "
             "left out",
             n_left_out);

  out = g_string_new (NULL);
  for (guint t = 0; t < tokens->len; t++)
    {
      const AlamaToken *token = &g_array_index (tokens, AlamaToken, t);
      gboolean sentence_start = t == 0 || g_array_index (tokens, AlamaToken, t - 1).sentence_end;

      if (t > 0 && sentence_start)
        g_string_append_c (out, '\n');
      g_string_append_len (out, text + token->start_byte,
                           (gssize) (token->end_byte - token->start_byte));
      if (tags[t] == NULL)
        g_string_append (out, " O\n");
      else
        g_string_append_printf (out, " %s-%s\n", begins[t] || sentence_start ? "B" : "I",
                                tags[t]);
    }
  return g_string_free_to_bytes (out);
}

/* TEI */

/* Names and ids Alama writes into XML: ASCII NCNames only, which is all
 * its own labels and agent ids use. */
static gboolean
is_ncname (const char *s)
{
  if (s == NULL || !(g_ascii_isalpha (s[0]) || s[0] == '_'))
    return FALSE;
  for (const char *p = s + 1; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '.')
      return FALSE;
  return TRUE;
}

/* Whether XML 1.0 can hold @c at all: the other characters cannot be
 * written even as character references. */
static gboolean
is_xml_char (gunichar c)
{
  return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
         || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Appends header text or an attribute value.  Metadata is not the text, so
 * a character XML cannot hold, or a string that is not UTF-8, becomes
 * U+FFFD instead of failing the export. */
static void
append_xml_escaped (GString    *out,
                    const char *s,
                    gboolean    attribute)
{
  g_autofree char *valid = g_utf8_make_valid (s, -1);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '&')
        g_string_append (out, "&amp;");
      else if (c == '<')
        g_string_append (out, "&lt;");
      else if (c == '>')
        g_string_append (out, "&gt;");
      else if (c == '"' && attribute)
        g_string_append (out, "&quot;");
      else if (c == '\r' || (attribute && (c == '\t' || c == '\n')))
        g_string_append_printf (out, "&#%u;", c);
      else if (!is_xml_char (c))
        g_string_append (out, "\xEF\xBF\xBD");
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

static void
append_element (GString    *out,
                const char *indent,
                const char *element,
                const char *content)
{
  g_string_append_printf (out, "%s<%s>", indent, element);
  append_xml_escaped (out, content, FALSE);
  g_string_append_printf (out, "</%s>\n", element);
}

typedef struct
{
  gsize start;      /* code points */
  gsize end;
  gsize start_byte; /* the same, in bytes */
  gsize end_byte;
} Range;

typedef struct
{
  gsize start;
  gsize end;
  guint order;
  const AlamaAnnotation *annotation;
} Mark;

static int
compare_marks (gconstpointer pa,
               gconstpointer pb)
{
  const Mark *a = pa;
  const Mark *b = pb;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end > b->end ? -1 : 1; /* the longer, outer one first */
  return a->order < b->order ? -1 : a->order > b->order;
}

/* Paragraphs are maximal runs of lines that hold more than spaces and
 * tabs; a line ends at LF, CR or CRLF.  Between paragraphs there is only
 * XML whitespace. */
static GArray *
find_paragraphs (const char *text,
                 gsize       len)
{
  GArray *paragraphs = g_array_new (FALSE, FALSE, sizeof (Range));
  Range current = { 0 };
  gboolean open = FALSE;
  gsize line_start = 0;
  gsize line_start_byte = 0;
  gboolean blank = TRUE;
  gsize c = 0;
  const char *p = text;
  const char *end = text + len;

  for (;;)
    {
      gboolean at_end = p >= end;

      if (at_end || *p == '\n' || *p == '\r')
        {
          if (!blank)
            {
              if (!open)
                {
                  current.start = line_start;
                  current.start_byte = line_start_byte;
                  open = TRUE;
                }
              current.end = c;
              current.end_byte = (gsize) (p - text);
            }
          else if (open)
            {
              g_array_append_val (paragraphs, current);
              open = FALSE;
            }
          if (at_end)
            break;
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            {
              p += 2;
              c += 2;
            }
          else
            {
              p++;
              c++;
            }
          line_start = c;
          line_start_byte = (gsize) (p - text);
          blank = TRUE;
          continue;
        }
      if (*p != ' ' && *p != '\t')
        blank = FALSE;
      p = g_utf8_next_char (p);
      c++;
    }
  if (open)
    g_array_append_val (paragraphs, current);
  return paragraphs;
}

static void
append_open_tag (GString       *out,
                 AlamaDocument *document,
                 const Mark    *mark)
{
  const AlamaAnnotation *a = mark->annotation;
  const AlamaLabel *label = lookup_label (document, a);
  const char *element = label ? label->tei_element : NULL;
  const char *type = label ? label->tei_type : NULL;
  g_autofree char *lower = NULL;
  const AlamaAgent *agent = a->origin ? alama_document_lookup_agent (document, a->origin) : NULL;

  if (!is_ncname (element))
    {
      /* A mapping that is not an XML name cannot be an element: write the
       * generic one, as for a label Alama does not know. */
      element = "name";
      type = lower = g_ascii_strdown (a->label, -1);
    }
  g_string_append_printf (out, "<%s", element);
  if (type)
    {
      g_string_append (out, " type=\"");
      append_xml_escaped (out, type, TRUE);
      g_string_append_c (out, '"');
    }
  if (a->when)
    {
      g_string_append (out, " when=\"");
      append_xml_escaped (out, a->when, TRUE);
      g_string_append_c (out, '"');
    }
  if (agent && is_ncname (agent->id))
    g_string_append_printf (out, " resp=\"#%s\"", agent->id);
  if (a->confidence >= 0 && isfinite (a->confidence))
    g_string_append_printf (out, " cert=\"%s\"",
                            a->confidence >= ALAMA_TEI_CERT_HIGH     ? "high"
                            : a->confidence >= ALAMA_TEI_CERT_MEDIUM ? "medium"
                                                                      : "low");
  g_string_append_c (out, '>');
}

static void
append_close_tag (GString       *out,
                  AlamaDocument *document,
                  const Mark    *mark)
{
  const AlamaLabel *label = lookup_label (document, mark->annotation);

  g_string_append_printf (out, "</%s>", label && is_ncname (label->tei_element)
                                            ? label->tei_element
                                            : "name");
}

/* Whitespace between paragraphs, as it is; only CR needs a reference. */
static void
append_gap (GString    *out,
            const char *s,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] == '\r')
      g_string_append (out, "&#13;");
    else
      g_string_append_c (out, s[i]);
}

static void
set_unwritable_error (GError    **error,
                      const char *text,
                      const char *p,
                      gunichar    c)
{
  guint line = 1;
  guint column = 1;

  for (const char *q = text; q < p; q = g_utf8_next_char (q))
    {
      if (*q == '\n' || (*q == '\r' && q[1] != '\n'))
        {
          line++;
          column = 1;
        }
      else
        column++;
    }
  g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
               "text:%u:%u: character U+%04X cannot be written in XML 1.0", line, column, c);
}

/* Writes one paragraph with its marks; *next is the first mark not yet
 * opened. */
static gboolean
append_paragraph (GString       *out,
                  AlamaDocument *document,
                  const Range   *paragraph,
                  GArray        *marks,
                  guint         *next,
                  GError       **error)
{
  const char *text = alama_document_get_text (document, NULL);
  const char *p = text + paragraph->start_byte;
  g_autoptr (GPtrArray) open = g_ptr_array_new ();

  g_string_append (out, "<p>");
  for (gsize c = paragraph->start;; c++)
    {
      gunichar ch;

      while (open->len > 0 && ((const Mark *) open->pdata[open->len - 1])->end == c)
        {
          append_close_tag (out, document, open->pdata[open->len - 1]);
          g_ptr_array_set_size (open, open->len - 1);
        }
      if (c == paragraph->end)
        break;
      while (*next < marks->len && g_array_index (marks, Mark, *next).start == c)
        {
          const Mark *mark = &g_array_index (marks, Mark, *next);

          append_open_tag (out, document, mark);
          g_ptr_array_add (open, (gpointer) mark);
          (*next)++;
        }

      ch = g_utf8_get_char (p);
      switch (ch)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '\n':
          g_string_append (out, "\n<lb/>");
          break;
        case '\r':
          g_string_append (out, p[1] == '\n' ? "&#13;" : "&#13;<lb/>");
          break;
        case '\f':
          g_string_append (out, "<pb/>");
          break;
        default:
          if (!is_xml_char (ch))
            {
              set_unwritable_error (error, text, p, ch);
              return FALSE;
            }
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
      p = g_utf8_next_char (p);
    }
  g_assert (open->len == 0);
  g_string_append (out, "</p>");
  return TRUE;
}

/* The entities that can be marked up inline: clamped to their paragraph,
 * then kept unless they cross one kept before or repeat its span. */
static GArray *
select_marks (AlamaDocument *document,
              GArray        *paragraphs,
              guint         *n_left_out)
{
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Mark));
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (Mark));

  *n_left_out = 0;
  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      Mark mark = { a->start, a->end, i, a };
      guint lo = 0;
      guint hi = paragraphs->len;
      const Range *paragraph;

      if (!alama_annotation_is_entity (a))
        continue;
      /* The first paragraph that ends after the start. */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (g_array_index (paragraphs, Range, mid).end <= a->start)
            lo = mid + 1;
          else
            hi = mid;
        }
      paragraph = lo < paragraphs->len ? &g_array_index (paragraphs, Range, lo) : NULL;
      if (paragraph == NULL || paragraph->start >= a->end
          || (lo + 1 < paragraphs->len && g_array_index (paragraphs, Range, lo + 1).start < a->end))
        {
          /* Only whitespace between paragraphs, or more than one
           * paragraph. */
          (*n_left_out)++;
          continue;
        }
      mark.start = MAX (mark.start, paragraph->start);
      mark.end = MIN (mark.end, paragraph->end);
      g_array_append_val (candidates, mark);
    }
  g_array_sort (candidates, compare_marks);

  for (guint i = 0; i < candidates->len; i++)
    {
      const Mark *mark = &g_array_index (candidates, Mark, i);

      while (stack->len > 0 && g_array_index (stack, Mark, stack->len - 1).end <= mark->start)
        g_array_set_size (stack, stack->len - 1);
      if (stack->len > 0)
        {
          const Mark *outer = &g_array_index (stack, Mark, stack->len - 1);

          if (mark->end > outer->end || (mark->start == outer->start && mark->end == outer->end))
            {
              (*n_left_out)++;
              continue;
            }
        }
      g_array_append_val (marks, *mark);
      g_array_append_val (stack, *mark);
    }
  return marks;
}

static void
append_header (GString       *out,
               AlamaDocument *document)
{
  const AlamaSource *source = alama_document_get_source (document);
  const char *title = alama_document_get_title (document);
  g_autofree char *cert = NULL;

  if (title == NULL || title[0] == '\0')
    title = source->file_name ? source->file_name : "Untitled document";

  g_string_append (out, "  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n");
  append_element (out, "        ", "title", title);
  for (guint i = 0; i < alama_document_get_n_agents (document); i++)
    {
      const AlamaAgent *agent = alama_document_get_agent (document, i);
      g_autofree char *name = agent->version ? g_strdup_printf ("%s %s", agent->name,
                                                                agent->version)
                                             : g_strdup (agent->name);

      g_string_append (out, "        <respStmt");
      if (is_ncname (agent->id))
        g_string_append_printf (out, " xml:id=\"%s\"", agent->id);
      g_string_append (out, ">\n");
      if (agent->kind == ALAMA_AGENT_MODEL)
        {
          append_element (out, "          ", "resp", "automatic named-entity recognition");
          append_element (out, "          ", "name", name);
        }
      else
        {
          append_element (out, "          ", "resp", "named-entity annotation");
          append_element (out, "          ", "persName", name);
        }
      g_string_append (out, "        </respStmt>\n");
    }
  g_string_append (out, "      </titleStmt>\n      <publicationStmt>\n");
  append_element (out, "        ", "p", "Exported from Alama; not published.");
  g_string_append (out, "      </publicationStmt>\n      <sourceDesc>\n");
  if (source->file_name)
    {
      g_autofree char *description = g_strdup_printf (
          "The plain-text file %s (%s, %" G_GUINT64_FORMAT " bytes%s%s).", source->file_name,
          source->encoding ? source->encoding : "UTF-8", source->bytes,
          source->sha256 ? ", SHA-256 " : "", source->sha256 ? source->sha256 : "");

      append_element (out, "        ", "p", description);
    }
  else
    append_element (out, "        ", "p", "A text without a recorded source file.");
  g_string_append (out, "      </sourceDesc>\n    </fileDesc>\n    <encodingDesc>\n");
  cert = g_strdup_printf (
      "The body holds the text character for character. Paragraphs are the runs of non-blank "
      "lines; line breaks inside one are kept and followed by lb, form feeds are written as pb. "
      "Names are marked inline; an annotation that would cross another is left out. resp "
      "points to the agent that made the annotation; cert is high from a confidence of %.2f, "
      "medium from %.2f, low below.",
      ALAMA_TEI_CERT_HIGH, ALAMA_TEI_CERT_MEDIUM);
  append_element (out, "      ", "p", cert);
  g_string_append (out, "    </encodingDesc>\n  </teiHeader>\n");
}

/**
 * alama_export_tei:
 * @document: the document
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Writes a TEI P5 document: a teiHeader (the title, or else the source
 * file's name; a respStmt per agent, whose xml:id is the agent's id; the
 * source file in sourceDesc; these conventions in encodingDesc) and the
 * text in `<text><body>`, entities marked inline with their label's
 * tei_element and tei_type (persName, placeName, orgName, `<name
 * type="misc">`, date, and `<name type="…">` for a label Alama does not
 * know).  Each carries `when` when it has one, `resp="#ID"` naming its
 * origin, and `cert` (high, medium or low; see %ALAMA_TEI_CERT_HIGH) when
 * a model gave a confidence.  Notes are not written: they are not part of
 * the text.
 *
 * The text is cut into `<p>` at blank lines (lines of nothing but spaces
 * and tabs); the blank lines and line breaks between paragraphs stay as
 * whitespace in `<body>`.  A line break inside a paragraph is kept and
 * followed by `<lb/>`; CR is written as `&#13;` so that XML parsers keep
 * it.  So the string value of `<body>` is the document's text exactly,
 * except for form feeds, which become `<pb/>`.
 *
 * An entity that would cross another one, or a paragraph break, cannot be
 * nested inline: the one that starts first (the longer on a tie) is kept,
 * the other left out and counted in a comment at the start of the body.
 * An entity with the same span as a kept one is left out too.  Entities
 * that only run into the whitespace around a paragraph are clamped to it.
 *
 * Returns: (transfer full) (nullable): well-formed XML, or %NULL when the
 *   text holds a character XML 1.0 cannot represent (a C0 control other
 *   than tab, line feed, carriage return and form feed, or U+FFFE or
 *   U+FFFF); the error names its line and column
 */
GBytes *
alama_export_tei (AlamaDocument *document,
                  GError       **error)
{
  g_autoptr (GString) out = NULL;
  g_autoptr (GArray) paragraphs = NULL;
  g_autoptr (GArray) marks = NULL;
  const char *text;
  const char *language;
  gsize len;
  gsize gap_start = 0;
  guint n_left_out;
  guint next = 0;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = alama_document_get_text (document, &len);
  language = alama_document_get_language (document);
  paragraphs = find_paragraphs (text, len);
  marks = select_marks (document, paragraphs, &n_left_out);

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"");
  if (language && language[0])
    {
      g_string_append (out, " xml:lang=\"");
      append_xml_escaped (out, language, TRUE);
      g_string_append_c (out, '"');
    }
  g_string_append (out, ">\n");
  append_header (out, document);
  g_string_append (out, "  <text>\n    <body>");
  if (n_left_out > 0)
    {
      g_string_append_printf (out, "<!-- %u overlapping annotations could not be nested and "
                                   "were left out -->",
                              n_left_out);
      g_debug ("TEI export: %u overlapping annotations left out", n_left_out);
    }
  for (guint i = 0; i < paragraphs->len; i++)
    {
      const Range *paragraph = &g_array_index (paragraphs, Range, i);

      append_gap (out, text + gap_start, paragraph->start_byte - gap_start);
      if (!append_paragraph (out, document, paragraph, marks, &next, error))
        return NULL;
      gap_start = paragraph->end_byte;
    }
  append_gap (out, text + gap_start, len - gap_start);
  /* TEI wants something in a body. */
  if (paragraphs->len == 0)
    g_string_append (out, "<p/>");
  g_string_append (out, "</body>\n  </text>\n</TEI>\n");
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* brat */

/* What Python's str.splitlines() breaks lines at: brat (and Python tools
 * reading .ann files) would cut an annotation line there. */
static gboolean
is_python_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D
         || c == 0x1E || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/**
 * alama_export_brat:
 * @document: the document
 * @txt: (out) (transfer full): the text, for NAME.txt
 * @ann: (out) (transfer full): the annotations, for NAME.ann
 * @error: return location for an #ALAMA_FORMAT_ERROR (none is set today)
 *
 * Writes brat standoff.  brat counts offsets in code points (characters
 * of a Python string) of the text as it reads it, and it reads with
 * universal newlines: CRLF counts as one character there.  So that every
 * reader counts alike, the .txt is the text with CRLF and CR written as
 * LF, and offsets count code points of that.
 *
 * Each entity is a line `T1<TAB>LABEL START END<TAB>SURFACE`.  An .ann line
 * cannot hold a line break, so an entity whose text holds one (any that
 * Python's splitlines() breaks at) is written as discontinuous fragments
 * around it, `START END;START END`, its surface the fragments' texts
 * joined by a space, as brat does; an entity of nothing but line breaks
 * is left out.  A note becomes `#1<TAB>AnnotatorNotes T1<TAB>NOTE`, its
 * line breaks written as spaces.
 *
 * Returns: %TRUE; @txt and @ann are set
 */
gboolean
alama_export_brat (AlamaDocument *document,
                   GBytes       **txt,
                   GBytes       **ann,
                   GError       **error)
{
  g_autoptr (GArray) lf_after_cr = NULL;
  GString *text_out;
  GString *ann_out;
  gsize len;
  const char *text;
  guint n_entities = 0;
  guint n_notes = 0;
  guint n_left_out = 0;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (txt != NULL && ann != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = alama_document_get_text (document, &len);
  lf_after_cr = find_positions (text, len, is_lf_after_cr);

  text_out = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\r')
      {
        g_string_append_c (text_out, '\n');
        if (i + 1 < len && text[i + 1] == '\n')
          i++;
      }
    else
      g_string_append_c (text_out, text[i]);

  ann_out = g_string_new (NULL);
  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);
      const AlamaLabel *label = lookup_label (document, a);
      g_autoptr (GString) offsets = g_string_new (NULL);
      g_autoptr (GString) surface = g_string_new (NULL);
      const char *p;
      gsize fragment_start = a->start;
      const char *fragment_start_byte;
      gsize c;

      if (!alama_annotation_is_entity (a))
        continue;
      p = text + alama_document_char_to_byte (document, a->start);
      fragment_start_byte = p;
      for (c = a->start;; c++)
        {
          gboolean at_end = c == a->end;
          gboolean is_break = !at_end && is_python_line_break (g_utf8_get_char (p));

          if ((at_end || is_break) && c > fragment_start)
            {
              if (offsets->len > 0)
                {
                  g_string_append_c (offsets, ';');
                  g_string_append_c (surface, ' ');
                }
              g_string_append_printf (offsets, "%" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT,
                                      fragment_start - count_below (lf_after_cr, fragment_start),
                                      c - count_below (lf_after_cr, c));
              g_string_append_len (surface, fragment_start_byte, p - fragment_start_byte);
            }
          if (at_end)
            break;
          p = g_utf8_next_char (p);
          if (is_break)
            {
              fragment_start = c + 1;
              fragment_start_byte = p;
            }
        }
      if (offsets->len == 0)
        {
          n_left_out++;
          continue;
        }
      n_entities++;
      g_string_append_printf (ann_out, "T%u\t%s %s\t%s\n", n_entities,
                              label ? label->name : a->label, offsets->str, surface->str);
      if (a->note && a->note[0])
        {
          n_notes++;
          g_string_append_printf (ann_out, "#%u\tAnnotatorNotes T%u\t", n_notes, n_entities);
          for (const char *q = a->note; *q; q = g_utf8_next_char (q))
            if (is_python_line_break (g_utf8_get_char (q)))
              g_string_append_c (ann_out, ' ');
            else
              g_string_append_len (ann_out, q, g_utf8_next_char (q) - q);
          g_string_append_c (ann_out, '\n');
        }
    }
  if (n_left_out > 0)
    g_debug ("brat export: %u entities of nothing but line breaks left out", n_left_out);

  *txt = g_string_free_to_bytes (text_out);
  *ann = g_string_free_to_bytes (ann_out);
  return TRUE;
}
