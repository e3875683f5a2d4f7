/* alama-import.c: make annotated documents of other tools' files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-import.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "alama-conll-reader.h"

#define BOM "\xEF\xBB\xBF"

typedef struct
{
  gsize start;
  gsize end;
  const char *label; /* owned by the importer */
  guint line;        /* where it was read, for messages */
  GPtrArray *notes;  /* nullable; char *, owned by the importer */
} Span;

/* Makes the document of an import: its source, the agent the annotations
 * come from, and the annotations. */
static AlamaDocument *
build_document (const char  *text,
                gsize        len,
                const char  *file_name,
                const char  *annotations_file_name,
                const char  *raw,
                gsize        raw_len,
                GArray      *spans,
                const char  *messages_name,
                GError     **error)
{
  g_autoptr (AlamaDocument) document = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *agent_name = NULL;
  AlamaSource source = { 0 };
  const char *agent;
  GError *local_error = NULL;

  document = alama_document_new (text, (gssize) len, &local_error);
  if (document == NULL)
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING, "%s: %s",
                   messages_name, local_error->message);
      g_error_free (local_error);
      return NULL;
    }

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) raw, raw_len);
  source.file_name = (char *) file_name;
  source.encoding = (char *) "UTF-8";
  source.bom = raw_len >= 3 && memcmp (raw, BOM, 3) == 0;
  source.bytes = raw_len;
  source.sha256 = sha256;
  alama_document_set_source (document, &source);

  agent_name = g_strconcat ("import:", annotations_file_name, NULL);
  agent = alama_document_add_agent (document, ALAMA_AGENT_PERSON, agent_name, NULL);

  alama_document_begin_group (document, "Import");
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      g_autoptr (AlamaAnnotation) a = alama_annotation_new (NULL, span->start, span->end,
                                                            span->label);
      g_autoptr (GString) note = NULL;

      a->status = ALAMA_STATUS_ACCEPTED;
      a->origin = g_strdup (agent);
      a->confirmed_by = g_strdup (agent);
      if (span->notes && span->notes->len > 0)
        {
          note = g_string_new (NULL);
          for (guint k = 0; k < span->notes->len; k++)
            {
              if (k > 0)
                g_string_append_c (note, '\n');
              g_string_append (note, span->notes->pdata[k]);
            }
          a->note = g_strdup (note->str);
        }
      if (alama_document_add_annotation (document, a, &local_error) == NULL)
        {
          /* Spans and labels were checked before; this is a safety net. */
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX, "%s:%u: %s",
                       messages_name, span->line, local_error->message);
          g_error_free (local_error);
          alama_document_end_group (document);
          return NULL;
        }
    }
  alama_document_end_group (document);
  alama_document_reset_history (document);
  return g_steal_pointer (&document);
}

/* CoNLL */

typedef enum
{
  TAG_O,
  TAG_B,
  TAG_I,
  TAG_E,
  TAG_S,
} TagPrefix;

static gboolean
parse_tag (const char *tag,
           TagPrefix  *prefix,
           const char **type)
{
  static const char prefixes[] = "BIES";
  const char *found;

  /* A word without a tag column is outside any entity. */
  if (tag == NULL || strcmp (tag, "O") == 0)
    {
      *prefix = TAG_O;
      *type = "";
      return TRUE;
    }
  found = tag[0] ? strchr (prefixes, tag[0]) : NULL;
  if (found == NULL || tag[1] != '-' || !alama_label_name_is_valid (tag + 2))
    return FALSE;
  *prefix = (TagPrefix) (TAG_B + (found - prefixes));
  *type = tag + 2;
  return TRUE;
}

/* Chunk boundaries as conlleval draws them: I- after O or after another
 * type opens a mention, so IOB1, IOB2 and IOBES all read right. */
static gboolean
ends_chunk (TagPrefix   prev,
            const char *prev_type,
            TagPrefix   tag,
            const char *type)
{
  if (prev == TAG_E || prev == TAG_S)
    return TRUE;
  if ((prev == TAG_B || prev == TAG_I) && (tag == TAG_B || tag == TAG_S || tag == TAG_O))
    return TRUE;
  return prev != TAG_O && strcmp (prev_type, type) != 0;
}

static gboolean
starts_chunk (TagPrefix   prev,
              const char *prev_type,
              TagPrefix   tag,
              const char *type)
{
  if (tag == TAG_B || tag == TAG_S)
    return TRUE;
  if ((prev == TAG_E || prev == TAG_S || prev == TAG_O) && (tag == TAG_E || tag == TAG_I))
    return TRUE;
  return tag != TAG_O && strcmp (prev_type, type) != 0;
}

/**
 * alama_import_conll:
 * @data: the file's contents, UTF-8
 * @len: their length in bytes
 * @name: the file's name, for messages and the source ("train.conll")
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Reads CoNLL/ANERcorp text: a word in the first column and its tag in the
 * last, a blank line (or a -DOCSTART- line) between sentences.  Tags are O
 * or B-, I-, E- or S- followed by a label; a line with a single column is
 * O.  Mentions are chunked as conlleval does, so an I- after O or after
 * another label opens a mention (IOB1, IOB2 and IOBES all work).  Labels
 * Alama does not know join the document's label set.
 *
 * The text is rebuilt from the words: one space between the words of a
 * sentence, a line feed between sentences, nothing after the last one.
 * Each mention spans its words and the spaces between them.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL when the
 *   input is not UTF-8, holds a NUL byte, or has a tag that is neither O
 *   nor a prefix and a valid label; the error names the line
 */
AlamaDocument *
alama_import_conll (const char *data,
                    gsize       len,
                    const char *name,
                    GError    **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr (GStringChunk) labels = g_string_chunk_new (64);
  g_autoptr (AlamaConllReader) reader = NULL;
  g_autofree char *file_name = NULL;
  GError *local_error = NULL;
  FILE *stream = NULL;
  gsize chars = 0;
  AlamaDocument *document;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";

  /* fmemopen() refuses an empty buffer on some systems; an empty file is an
   * empty document.  In read mode it never writes to the buffer. */
  if (len > 0)
    {
      stream = fmemopen ((void *) data, len, "r");
      if (stream == NULL)
        {
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_IO, "%s: %s", name,
                       g_strerror (errno));
          return NULL;
        }
      reader = alama_conll_reader_new (stream, name);
    }

  while (reader && alama_conll_reader_next (reader, &local_error))
    {
      guint n = alama_conll_reader_get_n_words (reader);
      const char *const *words = alama_conll_reader_get_words (reader);
      const char *const *tags = alama_conll_reader_get_tags (reader);
      guint first_line = alama_conll_reader_get_first_line (reader);
      TagPrefix prev = TAG_O;
      const char *prev_type = "";
      Span open = { 0 };
      gboolean is_open = FALSE;
      gsize prev_end = chars;

      if (text->len > 0)
        {
          g_string_append_c (text, '\n');
          chars++;
        }
      for (guint i = 0; i < n; i++)
        {
          TagPrefix prefix;
          const char *type;
          gsize word_start;

          if (!parse_tag (tags[i], &prefix, &type))
            {
              g_set_error (&local_error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                           "%s:%u: tag \"%s\" is not O, nor B-, I-, E- or S- and a label "
                           "(letters, digits, '_' and '-', starting with a letter)",
                           name, first_line + i, tags[i]);
              break;
            }
          if (i > 0)
            {
              g_string_append_c (text, ' ');
              chars++;
            }
          word_start = chars;
          if (is_open && ends_chunk (prev, prev_type, prefix, type))
            {
              open.end = prev_end;
              g_array_append_val (spans, open);
              is_open = FALSE;
            }
          if (starts_chunk (prev, prev_type, prefix, type))
            {
              open.start = word_start;
              open.label = g_string_chunk_insert_const (labels, type);
              open.line = first_line + i;
              is_open = TRUE;
            }
          g_string_append (text, words[i]);
          chars += g_utf8_strlen (words[i], -1);
          prev_end = chars;
          prev = prefix;
          prev_type = g_string_chunk_insert_const (labels, type);
        }
      if (local_error)
        break;
      if (is_open)
        {
          open.end = prev_end;
          g_array_append_val (spans, open);
        }
    }
  g_clear_pointer (&reader, alama_conll_reader_free);
  if (stream)
    fclose (stream);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  file_name = g_path_get_basename (name);
  /* The text is rebuilt, not the file's: the source record describes the
   * rebuilt text, so that Alama XML can vouch for it on reload. */
  document = build_document (text->str, text->len, file_name, file_name, text->str, text->len,
                             spans, name, error);
  return document;
}

/* brat */

typedef struct
{
  gsize start;
  gsize end;
} Fragment;

typedef struct
{
  guint line;
  char *label;
  GArray *fragments; /* Fragment, in view offsets, as written */
  GArray *sorted;    /* the same, sorted */
  char *surface;     /* nullable: the line's text column */
  GPtrArray *notes;  /* char * */
  gboolean trigger;  /* an event's trigger, not an entity */
} TextBound;

static void
text_bound_free (gpointer data)
{
  TextBound *t = data;

  g_free (t->label);
  g_array_unref (t->fragments);
  g_clear_pointer (&t->sorted, g_array_unref);
  g_free (t->surface);
  g_ptr_array_unref (t->notes);
  g_free (t);
}

/* The text as brat counts it: it reads with universal newlines, so CRLF
 * and CR are one LF there.  Offsets into this view map back to the
 * document's code points with the view positions of the CRLFs. */
typedef struct
{
  AlamaDocument *text;     /* the view's text */
  GArray *crlf;            /* gsize: view offsets of LFs that were CRLF */
} View;

static void
view_clear (View *view)
{
  g_clear_object (&view->text);
  g_clear_pointer (&view->crlf, g_array_unref);
}

static gsize
view_to_document (const View *view,
                  gsize       offset)
{
  guint lo = 0;
  guint hi = view->crlf ? view->crlf->len : 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (view->crlf, gsize, mid) < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return offset + lo;
}

static void
view_init_translated (View       *view,
                      const char *txt,
                      gsize       len)
{
  g_autoptr (GString) out = g_string_sized_new (len);
  gsize c = 0;

  view->crlf = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (const char *p = txt; p < txt + len; p = g_utf8_next_char (p), c++)
    if (*p == '\r')
      {
        g_string_append_c (out, '\n');
        if (p + 1 < txt + len && p[1] == '\n')
          {
            g_array_append_val (view->crlf, c);
            p++;
          }
      }
    else
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
  view->text = alama_document_new (out->str, (gssize) out->len, NULL);
  g_assert (view->text != NULL);
}

/* Line and column (from 1, the column in characters) of byte @offset. */
static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (const char *p = data; p < data + offset; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (guint) g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

static gboolean
check_utf8 (const char *data,
            gsize       len,
            const char *name,
            GError    **error)
{
  const char *end;
  const char *nul = len ? memchr (data, '\0', len) : NULL;
  guint line;
  guint column;

  if (nul)
    {
      locate (data, (gsize) (nul - data), &line, &column);
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING, "%s:%u:%u: NUL byte",
                   name, line, column);
      return FALSE;
    }
  if (!g_utf8_validate_len (data, len, &end))
    {
      locate (data, (gsize) (end - data), &line, &column);
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                   "%s:%u:%u: invalid UTF-8", name, line, column);
      return FALSE;
    }
  return TRUE;
}

/* For messages: the text with line breaks and tabs made visible. */
static char *
quote (const char *s)
{
  GString *out = g_string_new ("\"");

  for (; *s; s++)
    if (*s == '\n')
      g_string_append (out, "\\n");
    else if (*s == '\r')
      g_string_append (out, "\\r");
    else if (*s == '\t')
      g_string_append (out, "\\t");
    else if (*s == '"' || *s == '\\')
      {
        g_string_append_c (out, '\\');
        g_string_append_c (out, *s);
      }
    else
      g_string_append_c (out, *s);
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static int
compare_fragments (gconstpointer pa,
                   gconstpointer pb)
{
  const Fragment *a = pa;
  const Fragment *b = pb;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : a->end > b->end;
}

static gboolean
parse_offset (const char *s,
              gsize       len,
              gsize      *value)
{
  g_autofree char *copy = g_strndup (s, len);
  guint64 v;

  if (len == 0 || !g_ascii_isdigit (copy[0]))
    return FALSE;
  if (!g_ascii_string_to_unsigned (copy, 10, 0, G_MAXSIZE / 2, &v, NULL))
    return FALSE;
  *value = (gsize) v;
  return TRUE;
}

/* Parses `TYPE START END[;START END]…` (@data, up to the second tab). */
static gboolean
parse_text_bound (TextBound  *t,
                  const char *data,
                  gsize       len,
                  const char *ann_name,
                  GError    **error)
{
  const char *space = memchr (data, ' ', len);
  const char *p;
  const char *end = data + len;
  gboolean empty = TRUE;

  if (space == NULL)
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "%s:%u: expected TYPE START END after the id", ann_name, t->line);
      return FALSE;
    }
  t->label = g_strndup (data, space - data);
  if (!alama_label_name_is_valid (t->label))
    {
      g_autofree char *q = quote (t->label);

      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "%s:%u: %s cannot be a label: use letters, digits, '_' and '-', starting "
                   "with a letter",
                   ann_name, t->line, q);
      return FALSE;
    }

  /* Trailing spaces are tolerated, as brat does. */
  while (end > space + 1 && end[-1] == ' ')
    end--;
  for (p = space + 1; p <= end;)
    {
      const char *semicolon = memchr (p, ';', end - p);
      const char *fragment_end = semicolon ? semicolon : end;
      const char *gap = memchr (p, ' ', fragment_end - p);
      Fragment f;

      if (gap == NULL || !parse_offset (p, gap - p, &f.start)
          || !parse_offset (gap + 1, fragment_end - gap - 1, &f.end))
        {
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                       "%s:%u: expected offsets START END, fragments separated by ';'",
                       ann_name, t->line);
          return FALSE;
        }
      if (f.start > f.end)
        {
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                       "%s:%u: offsets %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT
                       " start after they end",
                       ann_name, t->line, f.start, f.end);
          return FALSE;
        }
      g_array_append_val (t->fragments, f);
      if (semicolon == NULL)
        break;
      p = semicolon + 1;
    }

  /* Fragments stay in the file's order, which the surface follows; their
   * sorted copy is checked here and used to build the annotation. */
  t->sorted = g_array_copy (t->fragments);
  g_array_sort (t->sorted, compare_fragments);
  for (guint i = 0; i < t->sorted->len; i++)
    {
      const Fragment *b = &g_array_index (t->sorted, Fragment, i);

      if (i > 0 && b->start < g_array_index (t->sorted, Fragment, i - 1).end)
        {
          const Fragment *a = &g_array_index (t->sorted, Fragment, i - 1);

          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                       "%s:%u: fragments %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " and %"
                       G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " overlap",
                       ann_name, t->line, a->start, a->end, b->start, b->end);
          return FALSE;
        }
      if (b->end > b->start)
        empty = FALSE;
    }
  if (empty)
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "%s:%u: the span is empty", ann_name, t->line);
      return FALSE;
    }
  return TRUE;
}

/* Checks every text-bound annotation against @view: offsets inside the
 * text and, where a line has a text column, that it starts with the
 * fragments' text joined by spaces, as brat requires. */
static gboolean
check_text_bounds (GPtrArray  *text_bounds,
                   const View *view,
                   const char *ann_name,
                   GError    **error)
{
  gsize n_chars = alama_document_get_n_chars (view->text);

  for (guint i = 0; i < text_bounds->len; i++)
    {
      const TextBound *t = text_bounds->pdata[i];
      g_autoptr (GString) expected = g_string_new (NULL);
      gsize n;
      const char *rest;

      for (guint k = 0; k < t->fragments->len; k++)
        {
          const Fragment *f = &g_array_index (t->fragments, Fragment, k);
          g_autofree char *piece = NULL;

          if (f->end > n_chars)
            {
              g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                           "%s:%u: offsets %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT
                           " outside the text (%" G_GSIZE_FORMAT " characters)",
                           ann_name, t->line, f->start, f->end, n_chars);
              return FALSE;
            }
          piece = alama_document_dup_substring (view->text, f->start, f->end);
          if (k > 0)
            g_string_append_c (expected, ' ');
          g_string_append (expected, piece);
        }

      /* brat fills in a missing text column. */
      if (t->surface == NULL || t->surface[strspn (t->surface, " \t")] == '\0')
        continue;
      n = strlen (t->surface);
      rest = t->surface + expected->len;
      if (n < expected->len || memcmp (t->surface, expected->str, expected->len) != 0
          || (*rest != '\0' && !g_unichar_isspace (g_utf8_get_char (rest))))
        {
          g_autofree char *got = quote (t->surface);
          g_autofree char *want = quote (expected->str);

          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                       "%s:%u: surface %s does not match the text %s", ann_name, t->line, got,
                       want);
          return FALSE;
        }
    }
  return TRUE;
}

/* Whitespace, and whatever Python's str.splitlines() breaks lines at:
 * what an exporter may have cut an entity around. */
static gboolean
is_gap_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E
         || c == 0x85;
}

static gboolean
is_blank_span (AlamaDocument *document,
               gsize          start,
               gsize          end)
{
  g_autofree char *gap = alama_document_dup_substring (document, start, end);

  for (const char *p = gap; *p; p = g_utf8_next_char (p))
    if (!is_gap_char (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Splits the buffer into lines at LF, dropping a CR before it. */
static gboolean
next_line (const char **p,
           const char  *end,
           const char **line,
           gsize       *len)
{
  const char *eol;

  if (*p >= end)
    return FALSE;
  eol = memchr (*p, '\n', end - *p);
  *line = *p;
  *len = (eol ? eol : end) - *p;
  *p = eol ? eol + 1 : end;
  if (*len > 0 && (*line)[*len - 1] == '\r')
    (*len)--;
  return TRUE;
}

static gboolean
is_blank_line (const char *line,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;
  return TRUE;
}

/* Splits at runs of spaces and tabs, as Python's str.split() does. */
static GStrv
split_words (const char *s,
             gsize       len)
{
  GPtrArray *words = g_ptr_array_new ();
  gsize i = 0;

  while (i < len)
    {
      gsize start;

      while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
      start = i;
      while (i < len && s[i] != ' ' && s[i] != '\t')
        i++;
      if (i > start)
        g_ptr_array_add (words, g_strndup (s + start, i - start));
    }
  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (words, FALSE);
}

typedef struct
{
  guint line;
  char *target;
  char *text;
} Note;

static void
note_clear (gpointer data)
{
  Note *note = data;

  g_free (note->target);
  g_free (note->text);
}

/* Parses the .ann file into text-bound annotations (by id) and notes. */
static gboolean
parse_ann (const char *ann,
           gsize       ann_len,
           const char *ann_name,
           GPtrArray  *text_bounds,
           GHashTable *by_id,
           GArray     *notes,
           GHashTable *triggers,
           GError    **error)
{
  const char *p = ann;
  const char *end = ann + ann_len;
  const char *line;
  gsize len;
  guint line_number = 0;
  guint skipped = 0;

  if (!check_utf8 (ann, ann_len, ann_name, error))
    return FALSE;
  if (ann_len >= 3 && memcmp (ann, BOM, 3) == 0)
    p += 3;

  while (next_line (&p, end, &line, &len))
    {
      const char *tab;
      const char *data;
      const char *data_end;
      const char *tail;
      g_autofree char *id = NULL;

      line_number++;
      if (is_blank_line (line, len))
        continue;
      tab = memchr (line, '\t', len);
      if (tab == NULL || tab == line)
        {
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                       "%s:%u: expected an annotation id and a tab", ann_name, line_number);
          return FALSE;
        }
      id = g_strndup (line, tab - line);
      data = tab + 1;
      data_end = memchr (data, '\t', line + len - data);
      tail = data_end ? data_end + 1 : NULL;
      if (data_end == NULL)
        data_end = line + len;

      if (id[0] == 'T')
        {
          TextBound *t = g_new0 (TextBound, 1);

          t->line = line_number;
          t->fragments = g_array_new (FALSE, FALSE, sizeof (Fragment));
          t->notes = g_ptr_array_new_with_free_func (g_free);
          t->surface = tail ? g_strndup (tail, line + len - tail) : NULL;
          g_ptr_array_add (text_bounds, t);
          if (!parse_text_bound (t, data, data_end - data, ann_name, error))
            return FALSE;
          if (g_hash_table_contains (by_id, id))
            {
              g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                           "%s:%u: annotation id %s is used twice", ann_name, line_number, id);
              return FALSE;
            }
          g_hash_table_insert (by_id, g_steal_pointer (&id), t);
        }
      else if (id[0] == '#')
        {
          g_auto (GStrv) words = split_words (data, data_end - data);
          Note note;

          if (g_strv_length (words) != 2)
            {
              g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                           "%s:%u: expected a comment type and an annotation id", ann_name,
                           line_number);
              return FALSE;
            }
          if (strcmp (words[0], "AnnotatorNotes") != 0 || tail == NULL || tail == line + len)
            {
              skipped++;
              continue;
            }
          note.line = line_number;
          note.target = g_strdup (words[1]);
          note.text = g_strndup (tail, line + len - tail);
          g_array_append_val (notes, note);
        }
      else
        {
          /* Relations, events, attributes, normalizations, equivalences.
           * An event's trigger (E1<TAB>TYPE:T3 …) is a text-bound
           * annotation too, but a word for the event, not a name. */
          if (id[0] == 'E')
            {
              const char *colon = memchr (data, ':', data_end - data);
              const char *space = memchr (data, ' ', data_end - data);

              if (colon && (space == NULL || colon < space))
                g_hash_table_add (triggers,
                                  g_strndup (colon + 1, (space ? space : data_end) - colon - 1));
            }
          skipped++;
        }
    }
  if (skipped > 0)
    g_debug ("%s: %u annotations that are not entities or notes skipped", ann_name, skipped);
  return TRUE;
}

/**
 * alama_import_brat:
 * @txt: the text file's contents, UTF-8
 * @txt_len: their length in bytes
 * @ann: the annotation file's contents, UTF-8
 * @ann_len: their length in bytes
 * @name: the files' common base name, without .txt or .ann ("doc-12");
 *   messages name NAME.txt and NAME.ann
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Reads brat standoff.  The document's text is the .txt exactly as it is
 * (a byte-order mark stays as U+FEFF).  brat counts offsets in code points
 * of the text as it reads it, with universal newlines, so that CRLF is one
 * character; offsets are read that way and mapped to the document's text.
 * Files written by tools that counted CRLF as two characters are detected:
 * when the surfaces do not match brat's reading but all match the raw
 * text, the raw reading is used.
 *
 * Text-bound annotations (`T` lines) become annotations, except event
 * triggers (those an `E` line names as its trigger), which brat itself
 * does not count as entities.  A discontinuous
 * one, `START END;START END`, becomes a single annotation from the first
 * start to the last end when only whitespace (line breaks included) lies
 * between its fragments, which is how an entity split around a line break
 * comes back; otherwise it becomes one annotation per run of fragments so
 * joined, each with the same label and note.  Empty fragments are ignored.
 * `#` lines of type AnnotatorNotes become the note of the annotation they
 * name (several are joined by line feeds); notes on anything else, other
 * comments, and relations, events, attributes, normalizations and
 * equivalences are skipped (counted with g_debug()).
 *
 * Returns: (transfer full) (nullable): the document, or %NULL on error:
 *   invalid UTF-8 or a NUL byte, a line without an id and a tab, a
 *   malformed `T` or `#` line, a label Alama cannot use, an id used twice,
 *   offsets outside the text, an empty span, overlapping fragments, or a
 *   surface that does not match the text; the message names the file and
 *   line ("doc.ann:12: offsets 50 60 outside the text (40 characters)")
 */
AlamaDocument *
alama_import_brat (const char *txt,
                   gsize       txt_len,
                   const char *ann,
                   gsize       ann_len,
                   const char *name,
                   GError    **error)
{
  g_autofree char *txt_name = NULL;
  g_autofree char *ann_name = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *ann_file_name = NULL;
  g_autoptr (GPtrArray) text_bounds = g_ptr_array_new_with_free_func (text_bound_free);
  g_autoptr (GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) triggers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) notes = g_array_new (FALSE, FALSE, sizeof (Note));
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr (AlamaDocument) raw = NULL;
  View raw_view = { NULL, NULL };
  View translated = { NULL, NULL };
  const View *view;
  guint orphans = 0;
  AlamaDocument *document;

  g_return_val_if_fail (txt != NULL || txt_len == 0, NULL);
  g_return_val_if_fail (ann != NULL || ann_len == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Empty files may come as NULL. */
  if (txt == NULL)
    txt = "";
  if (ann == NULL)
    ann = "";
  g_array_set_clear_func (notes, note_clear);
  txt_name = g_strconcat (name, ".txt", NULL);
  ann_name = g_strconcat (name, ".ann", NULL);

  if (!check_utf8 (txt, txt_len, txt_name, error))
    return NULL;
  if (!parse_ann (ann, ann_len, ann_name, text_bounds, by_id, notes, triggers, error))
    return NULL;
  if (g_hash_table_size (triggers) > 0)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, triggers);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        {
          TextBound *t = g_hash_table_lookup (by_id, id);

          if (t)
            t->trigger = TRUE;
        }
    }

  raw = alama_document_new (txt, (gssize) txt_len, NULL);
  g_assert (raw != NULL);
  raw_view.text = raw;
  view = &raw_view;
  if (txt_len > 0 && memchr (txt, '\r', txt_len))
    {
      GError *translated_error = NULL;

      view_init_translated (&translated, txt, txt_len);
      view = &translated;
      if (!check_text_bounds (text_bounds, &translated, ann_name, &translated_error))
        {
          if (!check_text_bounds (text_bounds, &raw_view, ann_name, NULL))
            {
              g_propagate_error (error, translated_error);
              view_clear (&translated);
              return NULL;
            }
          g_error_free (translated_error);
          view = &raw_view;
        }
    }
  else if (!check_text_bounds (text_bounds, &raw_view, ann_name, error))
    return NULL;

  for (guint i = 0; i < notes->len; i++)
    {
      Note *note = &g_array_index (notes, Note, i);
      TextBound *t = g_hash_table_lookup (by_id, note->target);

      if (t)
        g_ptr_array_add (t->notes, g_steal_pointer (&note->text));
      else
        orphans++;
    }
  if (orphans > 0)
    g_debug ("%s: %u notes on annotations that are not entities skipped", ann_name, orphans);

  for (guint i = 0; i < text_bounds->len; i++)
    {
      const TextBound *t = text_bounds->pdata[i];
      Span span = { 0 };
      gboolean open = FALSE;

      if (t->trigger)
        continue;
      span.label = t->label;
      span.line = t->line;
      span.notes = t->notes;
      for (guint k = 0; k < t->sorted->len; k++)
        {
          const Fragment *f = &g_array_index (t->sorted, Fragment, k);
          gsize start;
          gsize end;

          if (f->start == f->end)
            continue;
          start = view_to_document (view, f->start);
          end = view_to_document (view, f->end);
          if (open && !is_blank_span (raw, span.end, start))
            {
              g_array_append_val (spans, span);
              open = FALSE;
            }
          if (!open)
            span.start = start;
          span.end = end;
          open = TRUE;
        }
      g_assert (open);
      g_array_append_val (spans, span);
    }
  view_clear (&translated);

  file_name = g_path_get_basename (txt_name);
  ann_file_name = g_path_get_basename (ann_name);
  document = build_document (txt, txt_len, file_name, ann_file_name, txt, txt_len, spans, ann_name,
                             error);
  return document;
}
