/* alama-xml.c: read and write Alama XML.
 *
 * The writer builds the file as a string: a fixed order of elements and
 * attributes, fixed indentation, and numbers written the shortest way that
 * reads back to the same value, so that an unchanged document saves to the
 * same bytes every time.
 *
 * The reader is a SAX2 parser over libxml2 with a handler of its own (no
 * tree): the callbacks run while the parser stands at the construct they
 * report, so every error can name the line and column of the start tag it
 * is about.  Whatever the writer would refuse, the reader refuses too, so
 * a file that loads always saves again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-xml.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "alama-atomic-file.h"

#define XML_NAMESPACE "http://www.w3.org/XML/1998/namespace"

/* Label sets and agent lists are searched linearly by the document model;
 * a forged file with a million labels must not make loading quadratic. */
#define MAX_LABELS 1000
#define MAX_AGENTS 1000

/* ----------------------------------------------------------------------
 * What reader and writer share
 * ---------------------------------------------------------------------- */

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
         || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Returns the first character of UTF-8 @s that XML 1.0 cannot hold, or 0;
 * (gunichar) -1 when @s is not valid UTF-8. */
static gunichar
find_non_xml_char (const char *s,
                   gsize       len)
{
  const char *end = s + len;

  while (s < end)
    {
      gunichar c = g_utf8_get_char_validated (s, end - s);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return (gunichar) -1;
      if (!is_xml_char (c))
        return c;
      s = g_utf8_next_char (s);
    }
  return 0;
}

typedef enum
{
  FAMILY_UNKNOWN,
  FAMILY_UTF8,
  FAMILY_UTF16,
  FAMILY_SINGLE_BYTE,
} EncodingFamily;

static EncodingFamily
encoding_family (const char *encoding)
{
  static const char *const utf16[] = { "UTF-16", "UTF-16LE", "UTF-16BE", "utf16", "utf16le",
                                       "utf16be" };
  static const char *const single[] = { "windows-1256", "cp1256", "ISO-8859-6", "iso8859-6",
                                        "arabic", "ASMO-708" };

  if (encoding == NULL)
    return FAMILY_UNKNOWN;
  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "utf8") == 0)
    return FAMILY_UTF8;
  for (guint i = 0; i < G_N_ELEMENTS (utf16); i++)
    if (g_ascii_strcasecmp (encoding, utf16[i]) == 0)
      return FAMILY_UTF16;
  for (guint i = 0; i < G_N_ELEMENTS (single); i++)
    if (g_ascii_strcasecmp (encoding, single[i]) == 0)
      return FAMILY_SINGLE_BYTE;
  return FAMILY_UNKNOWN;
}

static gboolean
is_sha256_hex (const char *s)
{
  gsize i;

  for (i = 0; s[i]; i++)
    if (!g_ascii_isdigit (s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
      return FALSE;
  return i == 64;
}

/* Checks that @text is what @source says it was decoded from: for UTF-8,
 * the same bytes (size and SHA-256); for UTF-16, as many code units as the
 * source had bytes / 2; for the single-byte Arabic code pages, one byte per
 * character and no byte-order mark.  Other encodings are not checked.
 * Errors are in plain words, without position: the caller adds it. */
static gboolean
check_source (const AlamaSource *source,
              const char        *text,
              gsize              len,
              gsize              n_chars,
              GError           **error)
{
  EncodingFamily family = encoding_family (source->encoding);

  if (source->sha256 && !is_sha256_hex (source->sha256))
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "source sha256 \"%s\" is not 64 lowercase hexadecimal digits", source->sha256);
      return FALSE;
    }
  if (source->bom && (family == FAMILY_UTF8 || family == FAMILY_UTF16)
      && !g_str_has_prefix (text, "\xef\xbb\xbf"))
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                   "the source started with a byte-order mark, but the text does not start "
                   "with U+FEFF");
      return FALSE;
    }

  switch (family)
    {
    case FAMILY_UTF8:
      if (source->bytes != len)
        {
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                       "the text is %" G_GSIZE_FORMAT " bytes in UTF-8, but its source had %"
                       G_GUINT64_FORMAT " bytes: the text was changed",
                       len, source->bytes);
          return FALSE;
        }
      if (source->sha256)
        {
          g_autofree char *sha256
              = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, len);

          if (strcmp (sha256, source->sha256) != 0)
            {
              g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                           "the text's SHA-256 is %s, but its source's is %s: the text was "
                           "changed",
                           sha256, source->sha256);
              return FALSE;
            }
        }
      break;

    case FAMILY_UTF16:
      {
        guint64 units = 0;

        for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
          units += g_utf8_get_char (p) >= 0x10000 ? 2 : 1;
        if (source->bytes != 2 * units)
          {
            g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                         "the text is %" G_GUINT64_FORMAT " bytes in %s, but its source had %"
                         G_GUINT64_FORMAT " bytes: the text was changed",
                         2 * units, source->encoding, source->bytes);
            return FALSE;
          }
      }
      break;

    case FAMILY_SINGLE_BYTE:
      if (source->bom)
        {
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                       "a %s source cannot start with a byte-order mark", source->encoding);
          return FALSE;
        }
      if (source->bytes != n_chars)
        {
          g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                       "the text is %" G_GSIZE_FORMAT " bytes in %s, but its source had %"
                       G_GUINT64_FORMAT " bytes: the text was changed",
                       n_chars, source->encoding, source->bytes);
          return FALSE;
        }
      break;

    case FAMILY_UNKNOWN:
    default:
      break;
    }
  return TRUE;
}

/* ----------------------------------------------------------------------
 * Writer
 * ---------------------------------------------------------------------- */

/* Escapes for element content (@attribute false) or a double-quoted
 * attribute value.  CR is always a character reference: a parser turns a
 * literal CR into LF.  In attributes TAB and LF are references too, or
 * attribute-value normalization would turn them into spaces. */
static void
append_escaped (GString    *out,
                const char *s,
                gsize       len,
                gboolean    attribute)
{
  const char *run = s;
  const char *end = s + len;

  for (const char *p = s; p < end; p++)
    {
      const char *replacement = NULL;

      switch (*p)
        {
        case '&':
          replacement = "&amp;";
          break;
        case '<':
          replacement = "&lt;";
          break;
        case '>':
          replacement = "&gt;";
          break;
        case '\r':
          replacement = "&#13;";
          break;
        case '"':
          replacement = attribute ? "&quot;" : NULL;
          break;
        case '\t':
          replacement = attribute ? "&#9;" : NULL;
          break;
        case '\n':
          replacement = attribute ? "&#10;" : NULL;
          break;
        default:
          break;
        }
      if (replacement)
        {
          g_string_append_len (out, run, p - run);
          g_string_append (out, replacement);
          run = p + 1;
        }
    }
  g_string_append_len (out, run, end - run);
}

typedef struct
{
  GString *out;
  GError **error;
} Writer;

/* Fails unless @value can be written in XML 1.0; @what names it. */
static gboolean
check_string (const char *value,
              GError    **error,
              const char *format,
              ...) G_GNUC_PRINTF (3, 4);

static gboolean
check_string (const char *value,
              GError    **error,
              const char *format,
              ...)
{
  gunichar c = find_non_xml_char (value, strlen (value));
  g_autofree char *what = NULL;
  va_list args;

  if (c == 0)
    return TRUE;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (c == (gunichar) -1)
    g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                 "cannot save: %s is not valid UTF-8", what);
  else
    g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                 "cannot save: %s holds U+%04X, which XML 1.0 cannot hold", what, c);
  return FALSE;
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, strlen (value), TRUE);
  g_string_append_c (out, '"');
}

/* The shortest decimal form that reads back as @value. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

/* ISO 8601 in UTC with microseconds when there are any, or NULL when the
 * instant has no four-digit UTC year. */
static char *
format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);
  GString *out;

  if (utc == NULL)
    return NULL;
  out = g_string_new (NULL);
  g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:%02d", g_date_time_get_year (utc),
                          g_date_time_get_month (utc), g_date_time_get_day_of_month (utc),
                          g_date_time_get_hour (utc), g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
  if (g_date_time_get_microsecond (utc) != 0)
    g_string_append_printf (out, ".%06d", g_date_time_get_microsecond (utc));
  g_string_append_c (out, 'Z');
  return g_string_free (out, FALSE);
}

static gboolean
write_meta_string (Writer     *w,
                   const char *element,
                   const char *value)
{
  if (value == NULL)
    return TRUE;
  if (!check_string (value, w->error, "the %s", element))
    return FALSE;
  g_string_append_printf (w->out, "    <%s>", element);
  append_escaped (w->out, value, strlen (value), FALSE);
  g_string_append_printf (w->out, "</%s>\n", element);
  return TRUE;
}

static gboolean
write_meta_time (Writer     *w,
                 const char *element,
                 GDateTime  *time)
{
  g_autofree char *formatted = format_time (time);

  if (formatted == NULL)
    {
      g_set_error (w->error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "cannot save: the %s time is outside the years 1 to 9999", element);
      return FALSE;
    }
  g_string_append_printf (w->out, "    <%s>%s</%s>\n", element, formatted, element);
  return TRUE;
}

static gboolean
write_header (Writer        *w,
              AlamaDocument *doc)
{
  const AlamaSource *source = alama_document_get_source (doc);
  AlamaLabelSet *labels = alama_document_get_label_set (doc);
  guint n_agents = alama_document_get_n_agents (doc);
  guint n_labels = alama_label_set_get_n_labels (labels);
  GString *out = w->out;

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<alama xmlns=\"" ALAMA_XML_NAMESPACE "\" version=\"1\" "
                        "offsets=\"codepoints\">\n"
                        "  <meta>\n");
  if (!write_meta_string (w, "title", alama_document_get_title (doc))
      || !write_meta_string (w, "language", alama_document_get_language (doc))
      || !write_meta_time (w, "created", alama_document_get_created (doc))
      || !write_meta_time (w, "modified", alama_document_get_modified_time (doc)))
    return FALSE;
  g_string_append (out, "  </meta>\n");

  if ((source->file_name && !check_string (source->file_name, w->error, "the source's name"))
      || (source->encoding
          && !check_string (source->encoding, w->error, "the source's encoding")))
    return FALSE;
  g_string_append (out, "  <source");
  append_attribute (out, "name", source->file_name);
  append_attribute (out, "encoding", source->encoding);
  g_string_append_printf (out, " bom=\"%s\" bytes=\"%" G_GUINT64_FORMAT "\"",
                          source->bom ? "true" : "false", source->bytes);
  append_attribute (out, "sha256", source->sha256);
  g_string_append (out, "/>\n");

  if (n_agents > MAX_AGENTS)
    {
      g_set_error (w->error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "cannot save: %u agents, more than the %u a file may declare", n_agents,
                   MAX_AGENTS);
      return FALSE;
    }
  g_string_append (out, n_agents ? "  <agents>\n" : "  <agents/>\n");
  for (guint i = 0; i < n_agents; i++)
    {
      const AlamaAgent *agent = alama_document_get_agent (doc, i);

      if (agent->id[0] == '\0')
        {
          g_set_error (w->error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                       "cannot save: an agent has an empty id");
          return FALSE;
        }
      if (!check_string (agent->id, w->error, "an agent's id")
          || !check_string (agent->name, w->error, "the name of agent %s", agent->id)
          || (agent->version
              && !check_string (agent->version, w->error, "the version of agent %s",
                                agent->id)))
        return FALSE;
      g_string_append (out, "    <agent");
      append_attribute (out, "id", agent->id);
      append_attribute (out, "type", alama_agent_kind_to_string (agent->kind));
      append_attribute (out, "name", agent->name);
      append_attribute (out, "version", agent->version);
      g_string_append (out, "/>\n");
    }
  if (n_agents)
    g_string_append (out, "  </agents>\n");

  if (n_labels > MAX_LABELS)
    {
      g_set_error (w->error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "cannot save: %u labels, more than the %u a file may declare", n_labels,
                   MAX_LABELS);
      return FALSE;
    }
  g_string_append (out, n_labels ? "  <labels>\n" : "  <labels/>\n");
  for (guint i = 0; i < n_labels; i++)
    {
      const AlamaLabel *label = alama_label_set_get (labels, i);

      if (!check_string (label->tei_element, w->error, "the TEI element of label %s",
                         label->name)
          || (label->tei_type
              && !check_string (label->tei_type, w->error, "the TEI type of label %s",
                                label->name))
          || !check_string (label->enamex, w->error, "the MUC type of label %s", label->name)
          || (label->description
              && !check_string (label->description, w->error, "the description of label %s",
                                label->name)))
        return FALSE;
      g_string_append (out, "    <label");
      append_attribute (out, "name", label->name);
      append_attribute (out, "tei", label->tei_element);
      append_attribute (out, "tei-type", label->tei_type);
      append_attribute (out, "enamex", label->enamex);
      append_attribute (out, "muc", label->timex ? "timex" : NULL);
      append_attribute (out, "description", label->description);
      g_string_append (out, "/>\n");
    }
  if (n_labels)
    g_string_append (out, "  </labels>\n");
  return TRUE;
}

/* Writes [@from, @to) of @text as element content, or in base64. */
static void
append_content (GString    *out,
                const char *text,
                gsize       from,
                gsize       to,
                gboolean    base64)
{
  if (base64)
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) text + from, to - from);

      g_string_append (out, encoded);
    }
  else
    append_escaped (out, text + from, to - from, FALSE);
}

static gboolean
write_span (Writer                *w,
            AlamaDocument         *doc,
            const AlamaAnnotation *a,
            gboolean               base64)
{
  const char *text = alama_document_get_text (doc, NULL);
  const char *agents[2] = { a->origin, a->confirmed_by };
  GString *out = w->out;

  if (a->id == NULL || a->id[0] == '\0')
    {
      g_set_error (w->error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "cannot save: an annotation has no id");
      return FALSE;
    }
  if (!check_string (a->id, w->error, "an annotation id"))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (agents); k++)
    if (agents[k] && alama_document_lookup_agent (doc, agents[k]) == NULL)
      {
        g_set_error (w->error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                     "cannot save: annotation %s names agent \"%s\", which the document does "
                     "not declare",
                     a->id, agents[k]);
        return FALSE;
      }
  if (a->confidence > 1 || isnan (a->confidence))
    {
      g_set_error (w->error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "cannot save: annotation %s has confidence %g, outside [0, 1]", a->id,
                   a->confidence);
      return FALSE;
    }
  if ((a->when && !check_string (a->when, w->error, "the date of annotation %s", a->id))
      || (a->note && !check_string (a->note, w->error, "the note of annotation %s", a->id)))
    return FALSE;

  g_string_append (out, "    <span");
  append_attribute (out, "id", a->id);
  g_string_append_printf (out, " start=\"%" G_GSIZE_FORMAT "\" end=\"%" G_GSIZE_FORMAT "\"",
                          a->start, a->end);
  append_attribute (out, "label", a->label);
  append_attribute (out, "origin", a->origin);
  append_attribute (out, "status", alama_annotation_status_to_string (a->status));
  if (a->confidence >= 0)
    {
      g_string_append (out, " confidence=\"");
      append_double (out, a->confidence == 0 ? 0.0 : a->confidence);
      g_string_append_c (out, '"');
    }
  append_attribute (out, "confirmed-by", a->confirmed_by);
  append_attribute (out, "when", a->when);
  append_attribute (out, "note", a->note);
  g_string_append_c (out, '>');
  append_content (out, text, alama_document_char_to_byte (doc, a->start),
                  alama_document_char_to_byte (doc, a->end), base64);
  g_string_append (out, "</span>\n");
  return TRUE;
}

/**
 * alama_xml_save:
 * @document: the document
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Writes @document as Alama XML, version 1, in UTF-8.  The same document
 * always gives the same bytes.  A text holding characters XML 1.0 cannot
 * hold (C0 controls other than TAB, LF and CR; U+FFFE, U+FFFF) is written
 * in base64, with the span surfaces, instead of being changed.
 *
 * Fails, with nothing written, when the document could not be read back:
 * a title, note or other string holding such characters
 * (%ALAMA_FORMAT_ERROR_ENCODING), an annotation naming an agent the
 * document does not declare, a confidence outside [0, 1], or a source
 * record the text does not match (size or SHA-256 of a UTF-8 source).
 *
 * Returns: (transfer full) (nullable): the file's bytes, or %NULL
 */
GBytes *
alama_xml_save (AlamaDocument *document,
                GError       **error)
{
  g_autoptr (GString) out = NULL;
  Writer w;
  const char *text;
  gsize len;
  gsize n_chars;
  gboolean base64;
  guint n_annotations;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = alama_document_get_text (document, &len);
  n_chars = alama_document_get_n_chars (document);
  if (!check_source (alama_document_get_source (document), text, len, n_chars, &local))
    {
      g_set_error (error, local->domain, local->code, "cannot save: %s", local->message);
      return NULL;
    }
  base64 = find_non_xml_char (text, len) != 0;

  out = g_string_sized_new (len + len / 2 + 4096);
  w.out = out;
  w.error = error;
  if (!write_header (&w, document))
    return NULL;

  g_string_append (out, "  <text xml:space=\"preserve\"");
  if (base64)
    g_string_append (out, " encoding=\"base64\"");
  g_string_append_printf (out, " chars=\"%" G_GSIZE_FORMAT "\">", n_chars);
  append_content (out, text, 0, len, base64);
  g_string_append (out, "</text>\n");

  n_annotations = alama_document_get_n_annotations (document);
  g_string_append (out, n_annotations ? "  <annotations>\n" : "  <annotations/>\n");
  for (guint i = 0; i < n_annotations; i++)
    if (!write_span (&w, document, alama_document_get_annotation (document, i), base64))
      return NULL;
  if (n_annotations)
    g_string_append (out, "  </annotations>\n");
  g_string_append (out, "</alama>\n");

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/**
 * alama_xml_save_file:
 * @document: the document
 * @path: where to save it
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Saves @document to @path atomically (see alama_atomic_file_write()),
 * keeping the previous version of @path as "@path~", and marks the
 * document unmodified.
 *
 * Returns: %TRUE on success; on failure @path is unchanged and @error is
 *   set: the errors of alama_xml_save(), or %ALAMA_FORMAT_ERROR_IO with a
 *   message like "cannot save article.xml: No space left on device"
 */
gboolean
alama_xml_save_file (AlamaDocument *document,
                     const char    *path,
                     GError       **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  gsize len;
  const void *data;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = alama_xml_save (document, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  if (!alama_atomic_file_write (path, data, len, TRUE, &local))
    {
      g_set_error_literal (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_IO, local->message);
      return FALSE;
    }
  alama_document_set_unmodified (document);
  return TRUE;
}

/* ----------------------------------------------------------------------
 * Reader
 * ---------------------------------------------------------------------- */

typedef enum
{
  EL_ALAMA,
  EL_META,
  EL_TITLE,
  EL_LANGUAGE,
  EL_CREATED,
  EL_MODIFIED,
  EL_SOURCE,
  EL_AGENTS,
  EL_AGENT,
  EL_LABELS,
  EL_LABEL,
  EL_TEXT,
  EL_ANNOTATIONS,
  EL_SPAN,
  N_ELEMENTS
} Element;

static const char *const element_names[N_ELEMENTS] = {
  "alama", "meta", "title", "language", "created", "modified", "source",
  "agents", "agent", "labels", "label", "text", "annotations", "span",
};

/* The children of <alama> and of <meta>, in the order they must come, and
 * whether they must be there. */
typedef struct
{
  Element element;
  gboolean required;
} Child;

static const Child alama_children[] = {
  { EL_META, TRUE },   { EL_SOURCE, FALSE }, { EL_AGENTS, FALSE },
  { EL_LABELS, TRUE }, { EL_TEXT, TRUE },    { EL_ANNOTATIONS, FALSE },
};

static const Child meta_children[] = {
  { EL_TITLE, FALSE },
  { EL_LANGUAGE, FALSE },
  { EL_CREATED, TRUE },
  { EL_MODIFIED, TRUE },
};

typedef struct
{
  Element element;
  guint line;
  guint column;
  int next_child; /* index in the children table of the next one allowed */
  guint seen;     /* children met, a bit per Element */
} Frame;

typedef struct
{
  const char *data;
  gsize len;
  const char *name;
  xmlParserCtxtPtr ctxt;
  GError *error;

  /* Position cache: the line and column of byte offset pos_offset. */
  gsize pos_offset;
  guint pos_line;
  guint pos_column;

  Frame stack[3];
  guint depth;
  GString *content; /* text of the current title, …, text or span */

  char *title;    /* NULL when absent */
  char *language; /* NULL when absent */
  GDateTime *created;
  GDateTime *modified;
  AlamaSource source;
  gboolean has_source;
  GPtrArray *agents;       /* AlamaAgent */
  GHashTable *agent_ids;   /* set of declared ids (owned by agents) */
  AlamaLabelSet *labels;
  GHashTable *label_names; /* set of declared names (owned by labels) */
  gboolean base64;
  gsize chars;

  AlamaDocument *document;
  AlamaAnnotation *span; /* the span being read */
} Reader;

static void
reader_clear (Reader *r)
{
  g_clear_error (&r->error);
  g_string_free (r->content, TRUE);
  g_free (r->title);
  g_free (r->language);
  g_clear_pointer (&r->created, g_date_time_unref);
  g_clear_pointer (&r->modified, g_date_time_unref);
  g_free (r->source.file_name);
  g_free (r->source.encoding);
  g_free (r->source.sha256);
  g_ptr_array_unref (r->agents);
  g_hash_table_unref (r->agent_ids);
  g_hash_table_unref (r->label_names);
  alama_label_set_free (r->labels);
  g_clear_object (&r->document);
  g_clear_pointer (&r->span, alama_annotation_free);
}

/* Line and column (in characters, from 1) of byte @offset.  Offsets asked
 * for mostly grow, so counting goes on from the last one. */
static void
position (Reader *r,
          gsize   offset,
          guint  *line,
          guint  *column)
{
  offset = MIN (offset, r->len);
  if (offset < r->pos_offset)
    {
      r->pos_offset = 0;
      r->pos_line = 1;
      r->pos_column = 1;
    }
  if (r->pos_offset == 0 && r->len >= 3 && memcmp (r->data, "\xef\xbb\xbf", 3) == 0)
    r->pos_offset = MIN (3, offset); /* a byte-order mark is not a column */
  for (gsize i = r->pos_offset; i < offset; i++)
    {
      guchar c = (guchar) r->data[i];

      if (c == '\n' || (c == '\r' && (i + 1 >= r->len || r->data[i + 1] != '\n')))
        {
          r->pos_line++;
          r->pos_column = 1;
        }
      else if (c != '\r' && (c & 0xc0) != 0x80)
        r->pos_column++;
    }
  r->pos_offset = offset;
  *line = r->pos_line;
  *column = r->pos_column;
}

/* The byte offset the parser has reached. */
static gsize
parser_offset (Reader *r)
{
  long consumed = xmlByteConsumed (r->ctxt);

  if (consumed < 0)
    return 0;
  return MIN ((gsize) consumed, r->len);
}

/* Called in a start or end tag callback: the offset of the tag's '<'.
 * Attribute values cannot hold a raw '<', so the nearest one back is it. */
static gsize
tag_offset (Reader *r)
{
  gsize offset = parser_offset (r);

  while (offset > 0 && (offset >= r->len || r->data[offset] != '<'))
    offset--;
  return offset;
}

static void
fail_at (Reader          *r,
         guint            line,
         guint            column,
         AlamaFormatError code,
         const char      *format,
         ...) G_GNUC_PRINTF (5, 6);

static void
fail_at (Reader          *r,
         guint            line,
         guint            column,
         AlamaFormatError code,
         const char      *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (r->error)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  r->error = g_error_new (ALAMA_FORMAT_ERROR, code, "%s:%u:%u: %s", r->name, line, column,
                          message);
  xmlStopParser (r->ctxt);
}

/* The position of the element being read, for errors about it. */
#define FAIL_IN(r, frame, code, ...) fail_at (r, (frame)->line, (frame)->column, code, __VA_ARGS__)

/* libxml2's own errors: the first error counts, warnings do not. */
static void
on_xml_error (void       *user_data,
              xmlErrorPtr e)
{
  Reader *r = user_data;
  g_autofree char *message = NULL;

  if (e->level == XML_ERR_WARNING || r->error)
    return;
  /* Some messages go on with an excerpt of the input on a second line,
   * cut anywhere, even inside a character: keep the first line. */
  message = e->message && e->message[0] != '\n'
                ? g_utf8_make_valid (e->message, (gssize) strcspn (e->message, "\n"))
                : g_strdup ("malformed XML");
  g_strchomp (message);
  /* Stopping the parser from here could leave it inside a half-done
   * construct: only record; the next callback stops it. */
  r->error = g_error_new (ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX, "%s:%d:%d: %s",
                          r->name, MAX (e->line, 1), MAX (e->int2, 1), message);
}

static void
ignore_generic_error (void       *context,
                      const char *format,
                      ...)
{
}

/* Every SAX callback starts here: nothing more once something failed. */
static gboolean
stopped (Reader *r)
{
  if (r->error)
    {
      xmlStopParser (r->ctxt);
      return TRUE;
    }
  return FALSE;
}

static void
on_start_document (void *user_data)
{
  Reader *r = user_data;
  xmlParserInputPtr input = r->ctxt->input;

  if (stopped (r))
    return;
  /* The XML declaration has been read: libxml2 switched to whatever
   * encoding it names.  Alama files are UTF-8 (checked before parsing). */
  if (input && input->buf && input->buf->encoder)
    fail_at (r, 1, 1, ALAMA_FORMAT_ERROR_ENCODING,
             "encoding \"%s\" is not supported: Alama XML files are UTF-8",
             input->encoding ? (const char *) input->encoding : "?");
}

static void
on_internal_subset (void          *user_data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  Reader *r = user_data;
  gsize offset = parser_offset (r);
  const char *doctype;
  guint line;
  guint column;

  if (stopped (r))
    return;
  /* Entity declarations (billion laughs) and external subsets never get
   * read: the parser stops here. */
  doctype = g_strrstr_len (r->data, offset, "<!DOCTYPE");
  position (r, doctype ? (gsize) (doctype - r->data) : offset, &line, &column);
  fail_at (r, line, column, ALAMA_FORMAT_ERROR_SYNTAX, "DOCTYPE is not allowed");
}

static gboolean
is_space (const char *s,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
      return FALSE;
  return TRUE;
}

static gboolean
has_content (Element element)
{
  switch (element)
    {
    case EL_TITLE:
    case EL_LANGUAGE:
    case EL_CREATED:
    case EL_MODIFIED:
    case EL_TEXT:
    case EL_SPAN:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_characters (void          *user_data,
               const xmlChar *chars,
               int            len)
{
  Reader *r = user_data;
  Frame *frame;

  if (stopped (r) || r->depth == 0 || len <= 0)
    return;
  frame = &r->stack[r->depth - 1];
  if (has_content (frame->element))
    g_string_append_len (r->content, (const char *) chars, len);
  else if (!is_space ((const char *) chars, (gsize) len))
    FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "unexpected text in <%s>",
             element_names[frame->element]);
}

/* --- attributes --- */

#define MAX_ATTRIBUTES 10

typedef struct
{
  char *v[MAX_ATTRIBUTES];
} Values;

static void
values_clear (Values *values)
{
  for (guint i = 0; i < MAX_ATTRIBUTES; i++)
    g_free (values->v[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Values, values_clear)

/* The value of an attribute as the document means it.  Without entity
 * substitution (XML_PARSE_NOENT, which this reader never sets) libxml2
 * hands '&' out as "&#38;", for its tree builder to parse again.  No other
 * '&' can be there: entities other than the predefined ones need a DTD. */
static char *
attribute_value (const char *value,
                 const char *end)
{
  GString *out = g_string_sized_new ((gsize) (end - value));

  while (value < end)
    {
      const char *amp = memchr (value, '&', (gsize) (end - value));

      if (amp == NULL)
        {
          g_string_append_len (out, value, end - value);
          break;
        }
      g_string_append_len (out, value, amp - value);
      g_string_append_c (out, '&');
      value = amp + 1;
      if ((gsize) (end - value) >= 4 && memcmp (value, "#38;", 4) == 0)
        value += 4;
    }
  return g_string_free (out, FALSE);
}

/* Reads the attributes of the element just started into @values, in the
 * order of @names (NULL-terminated, "xml:space" being the one namespaced
 * attribute known); any other attribute is an error. */
static gboolean
collect_attributes (Reader            *r,
                    Frame             *frame,
                    int                n_attributes,
                    const xmlChar    **attributes,
                    const char *const *names,
                    Values            *values)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const char *local = (const char *) attributes[5 * i];
      const char *prefix = (const char *) attributes[5 * i + 1];
      const char *uri = (const char *) attributes[5 * i + 2];
      const char *value = (const char *) attributes[5 * i + 3];
      const char *end = (const char *) attributes[5 * i + 4];
      guint k;

      for (k = 0; names[k]; k++)
        {
          if (strcmp (names[k], "xml:space") == 0)
            {
              if (g_strcmp0 (uri, XML_NAMESPACE) == 0 && strcmp (local, "space") == 0)
                break;
            }
          else if (uri == NULL && strcmp (names[k], local) == 0)
            break;
        }
      if (names[k] == NULL)
        {
          FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "unexpected attribute %s%s%s on <%s>",
                   prefix ? prefix : "", prefix ? ":" : "", local,
                   element_names[frame->element]);
          return FALSE;
        }
      g_assert (k < MAX_ATTRIBUTES);
      values->v[k] = attribute_value (value, end);
    }
  return TRUE;
}

static gboolean
require (Reader      *r,
         Frame       *frame,
         const char  *value,
         const char  *name)
{
  if (value)
    return TRUE;
  FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "<%s> has no %s attribute",
           element_names[frame->element], name);
  return FALSE;
}

/* A decimal number without sign, at most @max. */
static gboolean
parse_unsigned (const char *s,
                guint64     max,
                guint64    *out)
{
  guint64 value = 0;

  if (s[0] == '\0')
    return FALSE;
  for (; *s; s++)
    {
      guint digit = (guint) (*s - '0');

      if (!g_ascii_isdigit (*s) || value > (max - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }
  *out = value;
  return TRUE;
}

static gboolean
parse_confidence (const char *s,
                  double     *out)
{
  char *end = NULL;
  double value;

  if (s[0] == '\0' || strspn (s, "0123456789.eE+-") != strlen (s))
    return FALSE;
  value = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0' || !(value >= 0 && value <= 1))
    return FALSE;
  *out = value == 0 ? 0.0 : value;
  return TRUE;
}

static gboolean
parse_digits (const char **p,
              guint        n,
              int         *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
expect (const char **p,
        char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

/* YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM), to UTC; digits past the
 * microseconds are dropped. */
static GDateTime *
parse_time (const char *s)
{
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) exact = NULL;
  int year, month, day, hour, minute, second;
  int tz_hours = 0;
  int tz_minutes = 0;
  int sign = 1;
  gint64 usec = 0;
  const char *p = s;

  if (!parse_digits (&p, 4, &year) || !expect (&p, '-') || !parse_digits (&p, 2, &month)
      || !expect (&p, '-') || !parse_digits (&p, 2, &day) || !expect (&p, 'T')
      || !parse_digits (&p, 2, &hour) || !expect (&p, ':') || !parse_digits (&p, 2, &minute)
      || !expect (&p, ':') || !parse_digits (&p, 2, &second))
    return NULL;
  if (expect (&p, '.'))
    {
      guint n = 0;

      if (!g_ascii_isdigit (*p))
        return NULL;
      for (; g_ascii_isdigit (*p); p++, n++)
        if (n < 6)
          usec = usec * 10 + (*p - '0');
      for (; n < 6; n++)
        usec *= 10;
    }
  if (!expect (&p, 'Z'))
    {
      if (*p != '+' && *p != '-')
        return NULL;
      sign = *p++ == '-' ? -1 : 1;
      if (!parse_digits (&p, 2, &tz_hours) || !expect (&p, ':')
          || !parse_digits (&p, 2, &tz_minutes) || tz_hours > 23 || tz_minutes > 59)
        return NULL;
    }
  if (*p != '\0' || hour > 23 || minute > 59 || second > 59)
    return NULL;
  tz = g_time_zone_new_offset (sign * (tz_hours * 3600 + tz_minutes * 60));
  local = g_date_time_new (tz, year, month, day, hour, minute, second);
  if (local == NULL)
    return NULL;
  exact = g_date_time_add (local, usec);
  return exact ? g_date_time_to_utc (exact) : NULL;
}

/* A readable excerpt of a surface for messages: quoted, control
 * characters and stray bytes escaped, cut after 40 characters. */
static char *
excerpt (const char *s,
         gsize       len)
{
  GString *out = g_string_new ("\"");
  const char *end = s + len;
  const char *p = s;

  for (guint n = 0; p < end; n++)
    {
      gunichar c;

      if (n == 40)
        {
          g_string_append (out, "…");
          break;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p++);
          continue;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* --- elements --- */

static void
start_root (Reader         *r,
            Frame          *frame,
            const char     *local,
            const char     *uri,
            int             n_attributes,
            const xmlChar **attributes)
{
  static const char *const names[] = { "version", "offsets", NULL };
  g_auto (Values) values = { 0 };
  guint64 version;

  if (strcmp (local, "alama") != 0)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "the root element is <%s>, not <alama>: this is not an Alama XML file", local);
      return;
    }
  /* The version first: a newer file may well have attributes and a
   * namespace this reader does not know. */
  for (int i = 0; i < n_attributes; i++)
    if (attributes[5 * i + 2] == NULL
        && strcmp ((const char *) attributes[5 * i], "version") == 0)
      {
        g_autofree char *value = attribute_value ((const char *) attributes[5 * i + 3],
                                                  (const char *) attributes[5 * i + 4]);

        if (parse_unsigned (value, G_MAXUINT32, &version) && version > ALAMA_XML_VERSION)
          {
            FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
                     "Alama XML version %s is not supported: this Alama reads version %d; "
                     "the file was written by a newer one",
                     value, ALAMA_XML_VERSION);
            return;
          }
        if (strcmp (value, "1") != 0)
          {
            FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
                     "version \"%s\" is not a version of Alama XML (this Alama reads version "
                     "%d)",
                     value, ALAMA_XML_VERSION);
            return;
          }
      }
  if (g_strcmp0 (uri, ALAMA_XML_NAMESPACE) != 0)
    {
      if (uri == NULL)
        FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
                 "<alama> is in no namespace: it must be in " ALAMA_XML_NAMESPACE);
      else
        FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
                 "<alama> is in the namespace \"%s\", not " ALAMA_XML_NAMESPACE, uri);
      return;
    }
  if (!collect_attributes (r, frame, n_attributes, attributes, names, &values)
      || !require (r, frame, values.v[0], "version") || !require (r, frame, values.v[1], "offsets"))
    return;
  if (strcmp (values.v[1], "codepoints") != 0)
    FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
             "offsets=\"%s\" is not supported: offsets must be \"codepoints\"", values.v[1]);
}

/* Checks that @element may come next among the children of @parent. */
static gboolean
check_order (Reader      *r,
             Frame       *parent,
             Frame       *frame,
             const Child *children,
             guint        n_children)
{
  guint k;

  for (k = 0; k < n_children && children[k].element != frame->element; k++)
    ;
  if (k == n_children)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "unexpected element <%s> in <%s>",
               element_names[frame->element], element_names[parent->element]);
      return FALSE;
    }
  if ((int) k < parent->next_child)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               parent->seen & (1u << frame->element) ? "<%s> appears twice in <%s>"
                                                     : "<%s> comes too late in <%s>",
               element_names[frame->element], element_names[parent->element]);
      return FALSE;
    }
  for (guint j = (guint) parent->next_child; j < k; j++)
    if (children[j].required)
      {
        FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "<%s> is missing before <%s>",
                 element_names[children[j].element], element_names[frame->element]);
        return FALSE;
      }
  parent->next_child = (int) k + 1;
  parent->seen |= 1u << frame->element;
  return TRUE;
}

/* At the end of <alama> or <meta>: are the required children there? */
static void
check_complete (Reader      *r,
                Frame       *frame,
                const Child *children,
                guint        n_children)
{
  for (guint j = (guint) frame->next_child; j < n_children; j++)
    if (children[j].required)
      {
        guint line;
        guint column;

        position (r, tag_offset (r), &line, &column);
        fail_at (r, line, column, ALAMA_FORMAT_ERROR_SYNTAX, "<%s> ends without <%s>",
                 element_names[frame->element], element_names[children[j].element]);
        return;
      }
}

static void
start_source (Reader         *r,
              Frame          *frame,
              int             n_attributes,
              const xmlChar **attributes)
{
  static const char *const names[] = { "name", "encoding", "bom", "bytes", "sha256", NULL };
  g_auto (Values) values = { 0 };

  if (!collect_attributes (r, frame, n_attributes, attributes, names, &values)
      || !require (r, frame, values.v[2], "bom") || !require (r, frame, values.v[3], "bytes"))
    return;
  if (strcmp (values.v[2], "true") != 0 && strcmp (values.v[2], "false") != 0)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "bom=\"%s\" is neither true nor false",
               values.v[2]);
      return;
    }
  if (!parse_unsigned (values.v[3], G_MAXUINT64, &r->source.bytes))
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "bytes=\"%s\" is not a byte count",
               values.v[3]);
      return;
    }
  if (values.v[4] && !is_sha256_hex (values.v[4]))
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "sha256=\"%s\" is not 64 lowercase hexadecimal digits", values.v[4]);
      return;
    }
  r->source.file_name = g_steal_pointer (&values.v[0]);
  r->source.encoding = g_steal_pointer (&values.v[1]);
  r->source.bom = strcmp (values.v[2], "true") == 0;
  r->source.sha256 = g_steal_pointer (&values.v[4]);
  r->has_source = TRUE;
}

static void
start_agent (Reader         *r,
             Frame          *frame,
             int             n_attributes,
             const xmlChar **attributes)
{
  static const char *const names[] = { "id", "type", "name", "version", NULL };
  g_auto (Values) values = { 0 };
  AlamaAgentKind kind;
  AlamaAgent *agent;

  if (!collect_attributes (r, frame, n_attributes, attributes, names, &values)
      || !require (r, frame, values.v[0], "id") || !require (r, frame, values.v[1], "type")
      || !require (r, frame, values.v[2], "name"))
    return;
  if (values.v[0][0] == '\0')
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "an agent's id is empty");
      return;
    }
  if (!alama_agent_kind_from_string (values.v[1], &kind))
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "agent %s: type \"%s\" is neither model nor person", values.v[0], values.v[1]);
      return;
    }
  if (g_hash_table_contains (r->agent_ids, values.v[0]))
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "agent id \"%s\" is declared twice",
               values.v[0]);
      return;
    }
  if (r->agents->len >= MAX_AGENTS)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "more than %d agents", MAX_AGENTS);
      return;
    }
  agent = g_new0 (AlamaAgent, 1);
  agent->id = g_steal_pointer (&values.v[0]);
  agent->kind = kind;
  agent->name = g_steal_pointer (&values.v[2]);
  agent->version = g_steal_pointer (&values.v[3]);
  g_ptr_array_add (r->agents, agent);
  g_hash_table_add (r->agent_ids, agent->id);
}

static void
start_label (Reader         *r,
             Frame          *frame,
             int             n_attributes,
             const xmlChar **attributes)
{
  static const char *const names[]
      = { "name", "tei", "tei-type", "enamex", "muc", "description", NULL };
  g_auto (Values) values = { 0 };
  const AlamaLabel *label;

  if (!collect_attributes (r, frame, n_attributes, attributes, names, &values)
      || !require (r, frame, values.v[0], "name") || !require (r, frame, values.v[1], "tei")
      || !require (r, frame, values.v[3], "enamex"))
    return;
  if (!alama_label_name_is_valid (values.v[0]))
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "\"%s\" cannot be a label: use letters, digits, '_' and '-', starting with a "
               "letter, at most 64",
               values.v[0]);
      return;
    }
  if (values.v[4] && strcmp (values.v[4], "timex") != 0 && strcmp (values.v[4], "enamex") != 0)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "label %s: muc=\"%s\" is neither enamex nor timex", values.v[0], values.v[4]);
      return;
    }
  if (g_hash_table_contains (r->label_names, values.v[0]))
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "label %s is declared twice", values.v[0]);
      return;
    }
  if (alama_label_set_get_n_labels (r->labels) >= MAX_LABELS)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "more than %d labels", MAX_LABELS);
      return;
    }
  label = alama_label_set_add (r->labels, values.v[0], values.v[1], values.v[2], values.v[3],
                               g_strcmp0 (values.v[4], "timex") == 0, values.v[5]);
  g_hash_table_add (r->label_names, label->name);
}

static void
start_text (Reader         *r,
            Frame          *frame,
            int             n_attributes,
            const xmlChar **attributes)
{
  static const char *const names[] = { "xml:space", "encoding", "chars", NULL };
  g_auto (Values) values = { 0 };
  guint64 chars;

  if (!collect_attributes (r, frame, n_attributes, attributes, names, &values)
      || !require (r, frame, values.v[2], "chars"))
    return;
  if (values.v[0] && strcmp (values.v[0], "preserve") != 0)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "xml:space=\"%s\": the text's spaces are always kept (xml:space=\"preserve\")",
               values.v[0]);
      return;
    }
  if (values.v[1] && strcmp (values.v[1], "base64") != 0)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "encoding=\"%s\" is not supported: the text is either plain or base64",
               values.v[1]);
      return;
    }
  if (!parse_unsigned (values.v[2], G_MAXSIZE, &chars))
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "chars=\"%s\" is not a number",
               values.v[2]);
      return;
    }
  r->base64 = values.v[1] != NULL;
  r->chars = (gsize) chars;
}

/* Decodes base64 with whitespace anywhere; only the canonical encoding
 * (what g_base64_encode() writes, once whitespace is taken out) is valid,
 * since g_base64_decode() skips what it does not understand. */
static guchar *
decode_base64 (const char *s,
               gsize       len,
               gsize      *out_len)
{
  g_autoptr (GString) packed = g_string_sized_new (len);
  g_autofree char *again = NULL;
  guchar *decoded;

  for (gsize i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
      g_string_append_c (packed, s[i]);
  if (packed->len % 4 != 0)
    return NULL;
  if (packed->len == 0)
    {
      *out_len = 0;
      return g_malloc0 (1);
    }
  decoded = g_base64_decode (packed->str, out_len);
  again = g_base64_encode (decoded, *out_len);
  if (strcmp (again, packed->str) != 0)
    {
      g_free (decoded);
      return NULL;
    }
  return decoded;
}

static void
end_text (Reader *r,
          Frame  *frame)
{
  g_autofree guchar *decoded = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (AlamaDocument) doc = NULL;
  const char *text = r->content->str;
  gsize len = r->content->len;

  if (r->base64)
    {
      decoded = decode_base64 (r->content->str, r->content->len, &len);
      if (decoded == NULL)
        {
          FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_ENCODING, "the text is not valid base64");
          return;
        }
      text = (const char *) decoded;
    }
  /* alama_document_new() calls a NUL invalid UTF-8: say what it is. */
  if (len > 0 && memchr (text, '\0', len) != NULL)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_ENCODING,
               "the text holds a NUL character at byte %" G_GSIZE_FORMAT
               ", which a document cannot hold",
               (gsize) ((const char *) memchr (text, '\0', len) - text));
      return;
    }
  doc = alama_document_new (text, (gssize) len, &local);
  if (doc == NULL)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_ENCODING, "the text cannot be used: %s",
               local->message);
      return;
    }
  if (alama_document_get_n_chars (doc) != r->chars)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "the text has %" G_GSIZE_FORMAT " characters, but chars=\"%" G_GSIZE_FORMAT
               "\"",
               alama_document_get_n_chars (doc), r->chars);
      return;
    }
  text = alama_document_get_text (doc, &len);
  if (r->has_source)
    {
      if (!check_source (&r->source, text, len, alama_document_get_n_chars (doc), &local))
        {
          FAIL_IN (r, frame, local->code, "%s", local->message);
          return;
        }
      alama_document_set_source (doc, &r->source);
    }

  alama_document_set_title (doc, r->title);
  alama_document_set_language (doc, r->language);
  for (guint i = 0; i < r->agents->len; i++)
    {
      const AlamaAgent *agent = r->agents->pdata[i];

      /* Ids were checked to be unique. */
      alama_document_add_agent_with_id (doc, agent->id, agent->kind, agent->name,
                                        agent->version, NULL);
    }
  /* The file's labels, in its order, replace the defaults. */
  alama_document_set_label_set (doc, r->labels);
  r->document = g_steal_pointer (&doc);
  alama_document_begin_group (r->document, "Load");
}

static void
start_span (Reader         *r,
            Frame          *frame,
            int             n_attributes,
            const xmlChar **attributes)
{
  static const char *const names[] = { "id",     "start",      "end",          "label",
                                       "origin", "status",     "confidence",   "confirmed-by",
                                       "when",   "note",       NULL };
  g_auto (Values) values = { 0 };
  g_autoptr (AlamaAnnotation) a = NULL;
  guint64 start;
  guint64 end;
  gsize n_chars = alama_document_get_n_chars (r->document);

  if (!collect_attributes (r, frame, n_attributes, attributes, names, &values)
      || !require (r, frame, values.v[0], "id") || !require (r, frame, values.v[1], "start")
      || !require (r, frame, values.v[2], "end") || !require (r, frame, values.v[3], "label")
      || !require (r, frame, values.v[5], "status"))
    return;
  if (values.v[0][0] == '\0')
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "a span's id is empty");
      return;
    }
  if (alama_document_lookup_annotation (r->document, values.v[0]))
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "span id \"%s\" is used twice",
               values.v[0]);
      return;
    }
  for (guint k = 1; k <= 2; k++)
    if (!parse_unsigned (values.v[k], G_MAXSIZE, k == 1 ? &start : &end))
      {
        FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
                 "span %s: %s=\"%s\" is not a character offset (a number from 0)", values.v[0],
                 names[k], values.v[k]);
        return;
      }
  if (start >= end)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "span %s [%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT
               ") is empty: start must be below end",
               values.v[0], start, end);
      return;
    }
  if (end > n_chars)
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "span %s [%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT
               ") is outside the text (%" G_GSIZE_FORMAT " characters)",
               values.v[0], start, end, n_chars);
      return;
    }
  if (!g_hash_table_contains (r->label_names, values.v[3]))
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "span %s: label \"%s\" is not declared in <labels>", values.v[0], values.v[3]);
      return;
    }
  for (guint k = 4; k <= 7; k += 3)
    if (values.v[k] && !g_hash_table_contains (r->agent_ids, values.v[k]))
      {
        FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
                 "span %s: %s=\"%s\" is not an agent declared in <agents>", values.v[0],
                 names[k], values.v[k]);
        return;
      }

  a = alama_annotation_new (values.v[0], (gsize) start, (gsize) end, values.v[3]);
  if (!alama_annotation_status_from_string (values.v[5], &a->status))
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "span %s: status \"%s\" is not one of suggested, accepted, edited, rejected, "
               "manual",
               values.v[0], values.v[5]);
      return;
    }
  if (values.v[6] && !parse_confidence (values.v[6], &a->confidence))
    {
      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "span %s: confidence \"%s\" is not a number in [0, 1]", values.v[0],
               values.v[6]);
      return;
    }
  a->origin = g_steal_pointer (&values.v[4]);
  a->confirmed_by = g_steal_pointer (&values.v[7]);
  a->when = g_steal_pointer (&values.v[8]);
  a->note = g_steal_pointer (&values.v[9]);
  r->span = g_steal_pointer (&a);
}

static void
end_span (Reader *r,
          Frame  *frame)
{
  AlamaDocument *doc = r->document;
  g_autoptr (AlamaAnnotation) a = g_steal_pointer (&r->span);
  g_autoptr (GError) local = NULL;
  g_autofree guchar *decoded = NULL;
  const char *text = alama_document_get_text (doc, NULL);
  gsize from = alama_document_char_to_byte (doc, a->start);
  gsize to = alama_document_char_to_byte (doc, a->end);
  const char *surface = r->content->str;
  gsize len = r->content->len;

  if (r->base64)
    {
      decoded = decode_base64 (r->content->str, r->content->len, &len);
      if (decoded == NULL)
        {
          FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_ENCODING,
                   "span %s: the surface is not valid base64", a->id);
          return;
        }
      surface = (const char *) decoded;
    }
  if (len != to - from || memcmp (surface, text + from, len) != 0)
    {
      g_autofree char *shown = excerpt (surface, len);
      g_autofree char *expected = excerpt (text + from, to - from);

      FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
               "span %s [%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT
               "): surface %s does not match the text %s",
               a->id, a->start, a->end, shown, expected);
      return;
    }
  if (!alama_document_add_annotation (doc, a, &local))
    FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX, "span %s: %s", a->id, local->message);
}

static void
end_meta_child (Reader *r,
                Frame  *frame)
{
  char *value = r->content->str;

  switch (frame->element)
    {
    case EL_TITLE:
      r->title = g_strdup (value);
      break;
    case EL_LANGUAGE:
      r->language = g_strdup (value);
      break;
    case EL_CREATED:
    case EL_MODIFIED:
      {
        GDateTime *time = parse_time (value);

        if (time == NULL)
          {
            g_autofree char *shown = excerpt (value, r->content->len);

            FAIL_IN (r, frame, ALAMA_FORMAT_ERROR_SYNTAX,
                     "<%s>%s</%s> is not a time like 2026-11-24T05:00:00Z",
                     element_names[frame->element], shown, element_names[frame->element]);
            return;
          }
        if (frame->element == EL_CREATED)
          r->created = time;
        else
          r->modified = time;
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static Element
lookup_element (const char *local,
                const char *uri)
{
  if (g_strcmp0 (uri, ALAMA_XML_NAMESPACE) != 0)
    return N_ELEMENTS;
  for (guint i = 0; i < N_ELEMENTS; i++)
    if (strcmp (local, element_names[i]) == 0)
      return (Element) i;
  return N_ELEMENTS;
}

static void
on_start_element (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  Reader *r = user_data;
  const char *local = (const char *) localname;
  Element element = lookup_element (local, (const char *) uri);
  Frame *parent = r->depth ? &r->stack[r->depth - 1] : NULL;
  Frame here = { element, 1, 1, 0, 0 };
  Frame *frame;

  if (stopped (r))
    return;
  position (r, tag_offset (r), &here.line, &here.column);

  if (parent == NULL)
    {
      here.element = EL_ALAMA;
      start_root (r, &here, local, (const char *) uri, n_attributes, attributes);
      if (r->error)
        return;
    }
  else
    {
      gboolean ok;

      if (element == N_ELEMENTS || r->depth >= G_N_ELEMENTS (r->stack))
        ok = FALSE;
      else if (parent->element == EL_ALAMA)
        ok = check_order (r, parent, &here, alama_children, G_N_ELEMENTS (alama_children));
      else if (parent->element == EL_META)
        ok = check_order (r, parent, &here, meta_children, G_N_ELEMENTS (meta_children));
      else
        ok = (parent->element == EL_AGENTS && element == EL_AGENT)
             || (parent->element == EL_LABELS && element == EL_LABEL)
             || (parent->element == EL_ANNOTATIONS && element == EL_SPAN);
      if (r->error)
        return;
      if (!ok)
        {
          if (element == N_ELEMENTS && uri && g_strcmp0 ((const char *) uri, ALAMA_XML_NAMESPACE))
            fail_at (r, here.line, here.column, ALAMA_FORMAT_ERROR_SYNTAX,
                     "unexpected element <%s%s%s> (namespace \"%s\") in <%s>",
                     prefix ? (const char *) prefix : "", prefix ? ":" : "", local,
                     (const char *) uri, element_names[parent->element]);
          else
            fail_at (r, here.line, here.column, ALAMA_FORMAT_ERROR_SYNTAX,
                     "unexpected element <%s%s%s> in <%s>", prefix ? (const char *) prefix : "",
                     prefix ? ":" : "", local, element_names[parent->element]);
          return;
        }
      switch (element)
        {
        case EL_SOURCE:
          start_source (r, &here, n_attributes, attributes);
          break;
        case EL_AGENT:
          start_agent (r, &here, n_attributes, attributes);
          break;
        case EL_LABEL:
          start_label (r, &here, n_attributes, attributes);
          break;
        case EL_TEXT:
          start_text (r, &here, n_attributes, attributes);
          break;
        case EL_SPAN:
          start_span (r, &here, n_attributes, attributes);
          break;
        default:
          if (n_attributes > 0)
            fail_at (r, here.line, here.column, ALAMA_FORMAT_ERROR_SYNTAX,
                     "unexpected attribute %s on <%s>", (const char *) attributes[0],
                     element_names[element]);
          break;
        }
      if (r->error)
        return;
    }

  frame = &r->stack[r->depth++];
  *frame = here;
  g_string_truncate (r->content, 0);
}

static void
on_end_element (void          *user_data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Reader *r = user_data;
  Frame *frame;

  if (stopped (r) || r->depth == 0)
    return;
  frame = &r->stack[r->depth - 1];
  switch (frame->element)
    {
    case EL_ALAMA:
      check_complete (r, frame, alama_children, G_N_ELEMENTS (alama_children));
      break;
    case EL_META:
      check_complete (r, frame, meta_children, G_N_ELEMENTS (meta_children));
      break;
    case EL_TITLE:
    case EL_LANGUAGE:
    case EL_CREATED:
    case EL_MODIFIED:
      end_meta_child (r, frame);
      break;
    case EL_TEXT:
      end_text (r, frame);
      break;
    case EL_SPAN:
      end_span (r, frame);
      break;
    default:
      break;
    }
  r->depth--;
}

/**
 * alama_xml_load:
 * @data: (array length=len): the file's bytes
 * @len: their length
 * @name: (nullable): the file's name, for messages
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Reads an Alama XML file (version 1).  Nothing outside @data is read: no
 * DTD (a DOCTYPE is an error), no external entity, no network.
 *
 * Everything is checked: the structure, the numbers, that every span lies
 * in the text and repeats its surface exactly, that spans name declared
 * labels and agents, that the text matches the size and SHA-256 recorded
 * for its source.  Messages start with "@name:line:column: ", columns
 * counted in characters from 1.
 *
 * Returns: (transfer full) (nullable): the document, unmodified and with
 *   an empty undo history; %NULL on error: %ALAMA_FORMAT_ERROR_ENCODING
 *   when the file is not UTF-8 or the text does not match its source,
 *   %ALAMA_FORMAT_ERROR_SYNTAX for anything else
 */
AlamaDocument *
alama_xml_load (const char *data,
                gsize       len,
                const char *name,
                GError    **error)
{
  xmlSAXHandler sax;
  Reader r = { 0 };
  const char *bad;
  xmlGenericErrorFunc old_handler;
  void *old_context;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r.data = data;
  r.len = len;
  r.name = name ? name : "(memory)";
  r.pos_line = 1;
  r.pos_column = 1;

  if (len == 0)
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "%s:1:1: the file is empty", r.name);
      return NULL;
    }
  if (len > G_MAXINT)
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_SYNTAX,
                   "%s:1:1: the file is too large (%" G_GSIZE_FORMAT " bytes)", r.name, len);
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, &bad))
    {
      guint line;
      guint column;

      position (&r, (gsize) (bad - data), &line, &column);
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_ENCODING,
                   *bad ? "%s:%u:%u: invalid UTF-8 (Alama XML files are UTF-8)"
                        : "%s:%u:%u: NUL byte in the file",
                   r.name, line, column);
      return NULL;
    }

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startDocument = on_start_document;
  sax.internalSubset = on_internal_subset;
  sax.startElementNs = on_start_element;
  sax.endElementNs = on_end_element;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.cdataBlock = on_characters;
  sax.serror = on_xml_error;

  xmlInitParser ();
  r.ctxt = xmlCreateMemoryParserCtxt (data, (int) len);
  if (r.ctxt == NULL)
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_IO,
                   "%s: cannot start the XML parser", r.name);
      return NULL;
    }
  xmlFree (r.ctxt->sax);
  r.ctxt->sax = xmlMalloc (sizeof sax);
  if (r.ctxt->sax == NULL)
    {
      xmlFreeParserCtxt (r.ctxt);
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_IO, "%s: out of memory",
                   r.name);
      return NULL;
    }
  memcpy (r.ctxt->sax, &sax, sizeof sax);
  r.ctxt->userData = &r;
  /* No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR, no network;
   * libxml2's limits on depth and sizes stay on (no HUGE). */
  xmlCtxtUseOptions (r.ctxt, XML_PARSE_NONET);

  r.content = g_string_new (NULL);
  r.agents = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_agent_free);
  r.agent_ids = g_hash_table_new (g_str_hash, g_str_equal);
  r.labels = alama_label_set_new ();
  r.label_names = g_hash_table_new (g_str_hash, g_str_equal);

  /* Errors go to on_xml_error; whatever libxml2 would print without a
   * parser context at hand goes nowhere. */
  old_handler = xmlGenericError;
  old_context = xmlGenericErrorContext;
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
  xmlParseDocument (r.ctxt);
  xmlSetGenericErrorFunc (old_context, old_handler);

  if (r.error == NULL && (!r.ctxt->wellFormed || r.document == NULL))
    fail_at (&r, 1, 1, ALAMA_FORMAT_ERROR_SYNTAX, "not an Alama XML file");
  xmlFreeParserCtxt (r.ctxt);
  r.ctxt = NULL;

  if (r.error)
    {
      if (r.document)
        alama_document_end_group (r.document);
      g_propagate_error (error, g_steal_pointer (&r.error));
      reader_clear (&r);
      return NULL;
    }

  {
    AlamaDocument *doc = g_steal_pointer (&r.document);

    alama_document_end_group (doc);
    /* Adding annotations touched the modification time: set it last. */
    alama_document_set_created (doc, r.created);
    alama_document_set_modified_time (doc, r.modified);
    alama_document_reset_history (doc);
    reader_clear (&r);
    return doc;
  }
}

/**
 * alama_xml_load_file:
 * @path: the file, in the GLib file name encoding
 * @error: return location for an #ALAMA_FORMAT_ERROR
 *
 * Reads an Alama XML file with alama_xml_load(), naming it @path in
 * messages.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL:
 *   %ALAMA_FORMAT_ERROR_IO when the file cannot be read, or an error of
 *   alama_xml_load()
 */
AlamaDocument *
alama_xml_load_file (const char *path,
                     GError    **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autoptr (GError) local = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      g_set_error (error, ALAMA_FORMAT_ERROR, ALAMA_FORMAT_ERROR_IO, "%s", local->message);
      return NULL;
    }
  return alama_xml_load (contents, len, display, error);
}
