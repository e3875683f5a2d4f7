/* alama-annotation.h: one annotation of a document: a labelled span of its
 * text with its provenance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AlamaAnnotationStatus:
 * @ALAMA_STATUS_SUGGESTED: proposed by a model, not looked at yet
 * @ALAMA_STATUS_ACCEPTED: a model's suggestion a person confirmed as is
 * @ALAMA_STATUS_EDITED: a model's suggestion a person relabelled or resized
 * @ALAMA_STATUS_REJECTED: a suggestion a person rejected; kept (it is
 *   negative training data) but not an entity
 * @ALAMA_STATUS_MANUAL: added by a person
 */
typedef enum
{
  ALAMA_STATUS_SUGGESTED,
  ALAMA_STATUS_ACCEPTED,
  ALAMA_STATUS_EDITED,
  ALAMA_STATUS_REJECTED,
  ALAMA_STATUS_MANUAL,
} AlamaAnnotationStatus;

#define ALAMA_N_STATUSES 5

const char *alama_annotation_status_to_string (AlamaAnnotationStatus status);
gboolean alama_annotation_status_from_string (const char            *string,
                                              AlamaAnnotationStatus *status);

/**
 * AlamaAnnotation:
 * @id: unique within its document ("a12")
 * @start: first character, in Unicode code points
 * @end: one past the last character, in code points (half-open)
 * @label: the label name ("PERS"); may be one Alama does not know
 * @origin: (nullable): the id of the agent (model or person) that made it
 * @status: where it stands
 * @confidence: the model's confidence in [0, 1], or a negative number when
 *   there is none (a person's annotation)
 * @confirmed_by: (nullable): the id of the person who last accepted,
 *   edited or rejected it
 * @when: (nullable): for DATE, the normalized ISO 8601 value
 * @note: (nullable): a free-text note
 *
 * Annotations handed out by an #AlamaDocument are read-only; change them
 * through the document so that every change can be undone.
 */
typedef struct
{
  char *id;
  gsize start;
  gsize end;
  char *label;
  char *origin;
  AlamaAnnotationStatus status;
  double confidence;
  char *confirmed_by;
  char *when;
  char *note;
} AlamaAnnotation;

#define ALAMA_TYPE_ANNOTATION (alama_annotation_get_type ())

GType alama_annotation_get_type (void) G_GNUC_CONST;
AlamaAnnotation *alama_annotation_new (const char *id,
                                       gsize       start,
                                       gsize       end,
                                       const char *label);
AlamaAnnotation *alama_annotation_copy (const AlamaAnnotation *annotation);
void alama_annotation_free (AlamaAnnotation *annotation);
gboolean alama_annotation_equal (const AlamaAnnotation *a,
                                 const AlamaAnnotation *b);
gboolean alama_annotation_is_entity (const AlamaAnnotation *annotation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaAnnotation, alama_annotation_free)

G_END_DECLS
