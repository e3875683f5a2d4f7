/* alama-export.h: write an annotated document in other tools' formats.
 *
 * Every exporter reads the document's label set (alama-label-set.h) instead
 * of knowing labels itself, so a label Alama has never heard of exports
 * like any other.  Only entities are exported (alama_annotation_is_entity():
 * rejected suggestions are not names), except in JSON, which carries every
 * annotation with its status.
 *
 * Offsets are Unicode code points, half-open [start, end), unless a
 * function says otherwise (JSON can count UTF-16 code units instead).
 * Output is UTF-8 without a byte-order mark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-document.h"
#include "alama-file-format.h"

G_BEGIN_DECLS

/* A model's confidence at or above these becomes TEI cert="high" or
 * cert="medium"; anything lower is "low".  Annotations without a
 * confidence (a person's) carry no cert. */
#define ALAMA_TEI_CERT_HIGH 0.9
#define ALAMA_TEI_CERT_MEDIUM 0.6

void alama_tsv_escape_append (GString    *out,
                              const char *text,
                              gsize       len);

GBytes *alama_export_tei (AlamaDocument *document,
                          GError       **error);
GBytes *alama_export_conll (AlamaDocument *document,
                            GError       **error);
GBytes *alama_export_tsv (AlamaDocument *document,
                          GError       **error);
GBytes *alama_export_json (AlamaDocument *document,
                           gboolean       utf16,
                           GError       **error);
GBytes *alama_export_jsonl (AlamaDocument *document,
                            gboolean       utf16,
                            GError       **error);
gboolean alama_export_brat (AlamaDocument *document,
                            GBytes       **txt,
                            GBytes       **ann,
                            GError       **error);

G_END_DECLS
