/* alama-document.h: an annotated document: the immutable source text, where
 * it came from, its metadata, the agents that annotated it, and its
 * annotations, with undoable edits.
 *
 * Offsets are Unicode code points from the start of the text, half-open
 * [start, end): what GtkTextBuffer counts.  The document knows nothing of
 * widgets; a view listens to ::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "alama-annotation.h"
#include "alama-entity.h"
#include "alama-label-set.h"

G_BEGIN_DECLS

#define ALAMA_DOCUMENT_ERROR (alama_document_error_quark ())

typedef enum
{
  ALAMA_DOCUMENT_ERROR_INVALID_TEXT,  /* not UTF-8, or holds NUL */
  ALAMA_DOCUMENT_ERROR_RANGE,         /* a span outside the text or empty */
  ALAMA_DOCUMENT_ERROR_LABEL,         /* a label name that cannot be used */
  ALAMA_DOCUMENT_ERROR_NOT_FOUND,     /* no annotation or agent with that id */
  ALAMA_DOCUMENT_ERROR_DUPLICATE_ID,
} AlamaDocumentError;

GQuark alama_document_error_quark (void);

typedef enum
{
  ALAMA_AGENT_MODEL,
  ALAMA_AGENT_PERSON,
} AlamaAgentKind;

/**
 * AlamaAgent:
 * @id: unique within the document ("m1", "p1")
 * @kind: a model or a person
 * @name: the model's or person's name
 * @version: (nullable): the model's version
 */
typedef struct
{
  char *id;
  AlamaAgentKind kind;
  char *name;
  char *version;
} AlamaAgent;

void alama_agent_free (AlamaAgent *agent);
const char *alama_agent_kind_to_string (AlamaAgentKind kind);
gboolean alama_agent_kind_from_string (const char     *string,
                                       AlamaAgentKind *kind);

/**
 * AlamaSource:
 * @file_name: (nullable): the base name of the file the text came from
 * @encoding: the encoding it was decoded from ("UTF-8", "windows-1256", …)
 * @bom: whether it started with a byte-order mark (kept in the text as
 *   U+FEFF when UTF-8)
 * @bytes: its size in bytes
 * @sha256: (nullable): the SHA-256 of its bytes, in hex
 */
typedef struct
{
  char *file_name;
  char *encoding;
  gboolean bom;
  guint64 bytes;
  char *sha256;
} AlamaSource;

#define ALAMA_TYPE_DOCUMENT (alama_document_get_type ())

G_DECLARE_FINAL_TYPE (AlamaDocument, alama_document, ALAMA, DOCUMENT, GObject)

AlamaDocument *alama_document_new (const char *text,
                                   gssize      len,
                                   GError    **error);

const char *alama_document_get_text (AlamaDocument *document,
                                     gsize         *len);
gsize alama_document_get_n_chars (AlamaDocument *document);
gsize alama_document_char_to_byte (AlamaDocument *document,
                                   gsize          char_offset);
char *alama_document_dup_substring (AlamaDocument *document,
                                    gsize          start,
                                    gsize          end);

const AlamaSource *alama_document_get_source (AlamaDocument *document);
void alama_document_set_source (AlamaDocument     *document,
                                const AlamaSource *source);

const char *alama_document_get_title (AlamaDocument *document);
void alama_document_set_title (AlamaDocument *document,
                               const char    *title);
const char *alama_document_get_language (AlamaDocument *document);
void alama_document_set_language (AlamaDocument *document,
                                  const char    *language);
GDateTime *alama_document_get_created (AlamaDocument *document);
void alama_document_set_created (AlamaDocument *document,
                                 GDateTime     *created);
GDateTime *alama_document_get_modified_time (AlamaDocument *document);
void alama_document_set_modified_time (AlamaDocument *document,
                                       GDateTime     *modified);

AlamaLabelSet *alama_document_get_label_set (AlamaDocument *document);
void alama_document_set_label_set (AlamaDocument       *document,
                                   const AlamaLabelSet *labels);

const char *alama_document_add_agent (AlamaDocument *document,
                                      AlamaAgentKind kind,
                                      const char    *name,
                                      const char    *version);
gboolean alama_document_add_agent_with_id (AlamaDocument  *document,
                                           const char     *id,
                                           AlamaAgentKind  kind,
                                           const char     *name,
                                           const char     *version,
                                           GError        **error);
guint alama_document_get_n_agents (AlamaDocument *document);
const AlamaAgent *alama_document_get_agent (AlamaDocument *document,
                                            guint          index);
const AlamaAgent *alama_document_lookup_agent (AlamaDocument *document,
                                               const char    *id);

guint alama_document_get_n_annotations (AlamaDocument *document);
const AlamaAnnotation *alama_document_get_annotation (AlamaDocument *document,
                                                      guint          index);
const AlamaAnnotation *alama_document_lookup_annotation (AlamaDocument *document,
                                                         const char    *id);
guint alama_document_count_annotations (AlamaDocument         *document,
                                        AlamaAnnotationStatus  status);

const char *alama_document_add_annotation (AlamaDocument         *document,
                                           const AlamaAnnotation *annotation,
                                           GError               **error);
gboolean alama_document_remove_annotation (AlamaDocument *document,
                                           const char    *id,
                                           GError       **error);
gboolean alama_document_relabel (AlamaDocument *document,
                                 const char    *id,
                                 const char    *label,
                                 const char    *person,
                                 GError       **error);
gboolean alama_document_resize (AlamaDocument *document,
                                const char    *id,
                                gsize          start,
                                gsize          end,
                                const char    *person,
                                GError       **error);
gboolean alama_document_accept (AlamaDocument *document,
                                const char    *id,
                                const char    *person,
                                GError       **error);
gboolean alama_document_reject (AlamaDocument *document,
                                const char    *id,
                                const char    *person,
                                GError       **error);
guint alama_document_accept_all (AlamaDocument *document,
                                 const char    *label,
                                 const char    *person);
gboolean alama_document_set_note (AlamaDocument *document,
                                  const char    *id,
                                  const char    *note,
                                  GError       **error);
guint alama_document_replace_suggestions (AlamaDocument *document,
                                          const char    *agent,
                                          GArray        *entities);

void alama_document_begin_group (AlamaDocument *document,
                                 const char    *description);
void alama_document_end_group (AlamaDocument *document);

gboolean alama_document_can_undo (AlamaDocument *document);
gboolean alama_document_can_redo (AlamaDocument *document);
gboolean alama_document_undo (AlamaDocument *document);
gboolean alama_document_redo (AlamaDocument *document);
const char *alama_document_get_undo_description (AlamaDocument *document);
const char *alama_document_get_redo_description (AlamaDocument *document);

gboolean alama_document_get_modified (AlamaDocument *document);
void alama_document_set_unmodified (AlamaDocument *document);
void alama_document_reset_history (AlamaDocument *document);
void alama_document_set_modified (AlamaDocument *document);

AlamaDocument *alama_document_copy (AlamaDocument *document);

G_END_DECLS
