/* alama-xml.h: read and write Alama XML, the annotation tool's own file
 * format (data/schema/README.md describes it, data/schema/alama.rng is its
 * RELAX NG schema).
 *
 * A file holds the exact source text, where it came from, the agents (models
 * and people) that annotated it, the label set, and every annotation with
 * its provenance.  Offsets are Unicode code points, half-open [start, end).
 * Saving a document that was loaded and not changed gives the same bytes.
 *
 * Reading is strict: anything that is not Alama XML version 1 is an error
 * whose message starts with "name:line:column: " (columns count characters
 * from 1).  No DTD, external entity or network access is ever used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "alama-conll-reader.h" /* ALAMA_FORMAT_ERROR */
#include "alama-document.h"

G_BEGIN_DECLS

/**
 * ALAMA_XML_NAMESPACE:
 *
 * The namespace of every element of an Alama XML file.
 */
#define ALAMA_XML_NAMESPACE "urn:alama:document:1"

/**
 * ALAMA_XML_VERSION:
 *
 * The format version this code reads and writes.
 */
#define ALAMA_XML_VERSION 1

AlamaDocument *alama_xml_load (const char *data,
                               gsize       len,
                               const char *name,
                               GError    **error);
AlamaDocument *alama_xml_load_file (const char *path,
                                    GError    **error);

GBytes *alama_xml_save (AlamaDocument *document,
                        GError       **error);
gboolean alama_xml_save_file (AlamaDocument *document,
                              const char    *path,
                              GError       **error);

G_END_DECLS
