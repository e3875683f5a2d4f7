/* fuzz-brat.c: libFuzzer target for the brat importer, and the exporters
 * on whatever it accepts.
 *
 * The input is split at its first NUL byte into the .txt and the .ann file
 * (no NUL: an empty .ann).  An import either fails with a positioned
 * ALAMA_FORMAT_ERROR or gives a document that keeps the promises of
 * alama-import.h: the text is the .txt byte for byte, annotations are
 * non-empty spans inside it with usable labels, gold from the import
 * agent, and no undo history.  Then what Alama writes must read back: the
 * brat export imports again (never more entities), the CoNLL export
 * imports, and the TEI export is either refused with an error or is XML
 * that libxml2 parses without a complaint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>

#include "alama-conll-reader.h"
#include "alama-export.h"
#include "alama-import.h"
#include "fuzz-check.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int xml_errors;

/* libxml2 2.12 made the error const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *XmlErrorArg;
#else
typedef xmlError *XmlErrorArg;
#endif

static void
count_xml_error (void        *user_data,
                 XmlErrorArg  error)
{
  xml_errors++;
}

static void
check_error (GError *error)
{
  CHECK (error != NULL);
  CHECK (error->domain == ALAMA_FORMAT_ERROR);
  CHECK (g_str_has_prefix (error->message, "fuzz.txt:")
         || g_str_has_prefix (error->message, "fuzz.ann:"));
  CHECK (g_utf8_validate (error->message, -1, NULL));
}

static void
check_document (AlamaDocument *document,
                const char    *txt,
                gsize          txt_len)
{
  gsize len;
  const char *text = alama_document_get_text (document, &len);
  gsize n_chars = alama_document_get_n_chars (document);
  const AlamaAgent *agent;

  CHECK (len == txt_len && memcmp (text, txt, len) == 0);
  CHECK (alama_document_get_n_agents (document) == 1);
  agent = alama_document_get_agent (document, 0);
  CHECK (agent->kind == ALAMA_AGENT_PERSON);
  CHECK (!alama_document_can_undo (document) && !alama_document_get_modified (document));
  for (guint i = 0; i < alama_document_get_n_annotations (document); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, i);

      CHECK (a->start < a->end && a->end <= n_chars);
      CHECK (alama_label_name_is_valid (a->label));
      CHECK (alama_label_set_lookup (alama_document_get_label_set (document), a->label));
      CHECK (a->status == ALAMA_STATUS_ACCEPTED);
      CHECK (g_strcmp0 (a->origin, agent->id) == 0);
      CHECK (a->note == NULL || g_utf8_validate (a->note, -1, NULL));
    }
}

static void
check_exports (AlamaDocument *document)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) txt = NULL;
  g_autoptr (GBytes) ann = NULL;
  g_autoptr (GBytes) conll = NULL;
  g_autoptr (GBytes) tei = NULL;
  g_autoptr (AlamaDocument) back = NULL;
  g_autoptr (AlamaDocument) from_conll = NULL;
  gsize size;
  const char *bytes;

  /* brat: what is written reads back, with at most as many entities
   * (entities of nothing but line breaks cannot be written). */
  CHECK (alama_export_brat (document, &txt, &ann, &error));
  back = alama_import_brat (g_bytes_get_data (txt, NULL), g_bytes_get_size (txt),
                            g_bytes_get_data (ann, NULL), g_bytes_get_size (ann), "fuzz", &error);
  if (back == NULL)
    fprintf (stderr, "%s\n", error->message);
  CHECK (back != NULL);
  CHECK (alama_document_get_n_annotations (back) <= alama_document_get_n_annotations (document));

  conll = alama_export_conll (document, &error);
  CHECK (conll != NULL);
  bytes = g_bytes_get_data (conll, &size);
  from_conll = alama_import_conll (bytes, size, "fuzz.conll", &error);
  if (from_conll == NULL)
    fprintf (stderr, "%s\n", error->message);
  CHECK (from_conll != NULL);

  tei = alama_export_tei (document, &error);
  if (tei == NULL)
    {
      CHECK (error != NULL && error->domain == ALAMA_FORMAT_ERROR);
      return;
    }
  bytes = g_bytes_get_data (tei, &size);
  xml_errors = 0;
  xmlSetStructuredErrorFunc (NULL, count_xml_error);
  {
    xmlDocPtr xml = xmlReadMemory (bytes, (int) size, "fuzz.tei.xml", NULL,
                                   XML_PARSE_NONET | XML_PARSE_HUGE);

    CHECK (xml != NULL);
    xmlFreeDoc (xml);
  }
  xmlSetStructuredErrorFunc (NULL, NULL);
  CHECK (xml_errors == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *txt = (const char *) data;
  const char *nul = size ? memchr (data, '\0', size) : NULL;
  gsize txt_len = nul ? (gsize) (nul - txt) : size;
  const char *ann = nul ? nul + 1 : txt + size;
  gsize ann_len = size - (gsize) (ann - txt);
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) document = NULL;

  document = alama_import_brat (txt, txt_len, ann, ann_len, "fuzz", &error);
  if (document == NULL)
    {
      check_error (error);
      return 0;
    }
  CHECK (error == NULL);
  check_document (document, txt, txt_len);
  check_exports (document);
  return 0;
}
