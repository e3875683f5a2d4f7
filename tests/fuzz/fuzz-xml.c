/* fuzz-xml.c: libFuzzer target for the Alama XML reader and writer.
 *
 * The input is loaded as an Alama XML file.  When it fails, the error must
 * be an #ALAMA_FORMAT_ERROR whose message is UTF-8 and starts with the
 * name given and a line and column from 1.  When it loads, the document
 * must keep the promises of alama-xml.h: unmodified, nothing to undo,
 * every span inside the text; it must save (whatever loads saves), the
 * saved bytes must load again into the same document, and saving that
 * must give the same bytes.  GLib criticals and warnings abort: a
 * g_return_if_fail() reached from a file is a bug.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "alama-xml.h"
#include "fuzz-check.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
check_error (const GError *error,
             const char   *name)
{
  unsigned line = 0;
  unsigned column = 0;
  char colon = 0;

  CHECK (error != NULL);
  CHECK (error->domain == ALAMA_FORMAT_ERROR);
  CHECK (error->code == ALAMA_FORMAT_ERROR_SYNTAX || error->code == ALAMA_FORMAT_ERROR_ENCODING);
  CHECK (g_utf8_validate (error->message, -1, NULL));
  CHECK (g_str_has_prefix (error->message, name));
  CHECK (sscanf (error->message + strlen (name), ":%u:%u%c", &line, &column, &colon) == 3);
  CHECK (line >= 1 && column >= 1 && colon == ':');
}

static void
check_document (AlamaDocument *doc)
{
  gsize len;
  const char *text = alama_document_get_text (doc, &len);
  gsize n_chars = alama_document_get_n_chars (doc);

  CHECK (g_utf8_validate_len (text, len, NULL));
  CHECK (!alama_document_get_modified (doc));
  CHECK (!alama_document_can_undo (doc));
  CHECK (!alama_document_can_redo (doc));
  for (guint i = 0; i < alama_document_get_n_annotations (doc); i++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (doc, i);

      CHECK (a->start < a->end && a->end <= n_chars);
      CHECK (a->confidence < 0 || (a->confidence >= 0 && a->confidence <= 1));
      CHECK (alama_label_set_lookup (alama_document_get_label_set (doc), a->label) != NULL);
      CHECK (a->origin == NULL || alama_document_lookup_agent (doc, a->origin) != NULL);
      CHECK (a->confirmed_by == NULL || alama_document_lookup_agent (doc, a->confirmed_by) != NULL);
    }
}

static void
check_same (AlamaDocument *a,
            AlamaDocument *b)
{
  gsize len_a;
  gsize len_b;
  const char *text_a = alama_document_get_text (a, &len_a);
  const char *text_b = alama_document_get_text (b, &len_b);

  CHECK (len_a == len_b && memcmp (text_a, text_b, len_a) == 0);
  CHECK (g_strcmp0 (alama_document_get_title (a), alama_document_get_title (b)) == 0);
  CHECK (g_strcmp0 (alama_document_get_language (a), alama_document_get_language (b)) == 0);
  CHECK (g_date_time_equal (alama_document_get_created (a), alama_document_get_created (b)));
  CHECK (g_date_time_equal (alama_document_get_modified_time (a),
                            alama_document_get_modified_time (b)));
  CHECK (alama_document_get_n_agents (a) == alama_document_get_n_agents (b));
  CHECK (alama_label_set_equal (alama_document_get_label_set (a),
                                alama_document_get_label_set (b)));
  CHECK (alama_document_get_n_annotations (a) == alama_document_get_n_annotations (b));
  for (guint i = 0; i < alama_document_get_n_annotations (a); i++)
    CHECK (alama_annotation_equal (alama_document_get_annotation (a, i),
                                   alama_document_get_annotation (b, i)));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) doc = NULL;
  g_autoptr (AlamaDocument) again = NULL;
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;

  doc = alama_xml_load ((const char *) data, size, "fuzz.xml", &error);
  if (doc == NULL)
    {
      check_error (error, "fuzz.xml");
      return 0;
    }
  CHECK (error == NULL);
  check_document (doc);

  /* Whatever loads saves, reloads and saves to the same bytes. */
  first = alama_xml_save (doc, &error);
  if (first == NULL)
    fprintf (stderr, "save: %s\n", error->message);
  CHECK (first != NULL);
  again = alama_xml_load (g_bytes_get_data (first, NULL), g_bytes_get_size (first), "resaved.xml",
                          &error);
  if (again == NULL)
    fprintf (stderr, "reload: %s\n", error->message);
  CHECK (again != NULL);
  check_document (again);
  check_same (doc, again);
  second = alama_xml_save (again, &error);
  CHECK (second != NULL);
  CHECK (g_bytes_equal (first, second));
  return 0;
}
