/* alama-annotation.c: one annotation of a document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-annotation.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (AlamaAnnotation, alama_annotation, alama_annotation_copy,
                     alama_annotation_free)

static const char *const status_names[ALAMA_N_STATUSES] = {
  "suggested", "accepted", "edited", "rejected", "manual",
};

/**
 * alama_annotation_status_to_string:
 * @status: a status
 *
 * Returns: its name as written in files ("suggested", …)
 */
const char *
alama_annotation_status_to_string (AlamaAnnotationStatus status)
{
  g_return_val_if_fail ((guint) status < ALAMA_N_STATUSES, "suggested");
  return status_names[status];
}

/**
 * alama_annotation_status_from_string:
 * @string: a status name
 * @status: (out): the status
 *
 * Returns: %TRUE when @string names a status
 */
gboolean
alama_annotation_status_from_string (const char            *string,
                                     AlamaAnnotationStatus *status)
{
  for (guint i = 0; i < ALAMA_N_STATUSES; i++)
    if (g_strcmp0 (string, status_names[i]) == 0)
      {
        *status = (AlamaAnnotationStatus) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * alama_annotation_new:
 * @id: its id
 * @start: first character, in code points
 * @end: one past the last, in code points
 * @label: the label name
 *
 * Returns: (transfer full): a manual annotation with no origin
 */
AlamaAnnotation *
alama_annotation_new (const char *id,
                      gsize       start,
                      gsize       end,
                      const char *label)
{
  AlamaAnnotation *self = g_new0 (AlamaAnnotation, 1);

  self->id = g_strdup (id);
  self->start = start;
  self->end = end;
  self->label = g_strdup (label);
  self->status = ALAMA_STATUS_MANUAL;
  self->confidence = -1;
  return self;
}

AlamaAnnotation *
alama_annotation_copy (const AlamaAnnotation *self)
{
  AlamaAnnotation *copy = g_new (AlamaAnnotation, 1);

  *copy = *self;
  copy->id = g_strdup (self->id);
  copy->label = g_strdup (self->label);
  copy->origin = g_strdup (self->origin);
  copy->confirmed_by = g_strdup (self->confirmed_by);
  copy->when = g_strdup (self->when);
  copy->note = g_strdup (self->note);
  return copy;
}

void
alama_annotation_free (AlamaAnnotation *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->label);
  g_free (self->origin);
  g_free (self->confirmed_by);
  g_free (self->when);
  g_free (self->note);
  g_free (self);
}

gboolean
alama_annotation_equal (const AlamaAnnotation *a,
                        const AlamaAnnotation *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && a->start == b->start && a->end == b->end
         && g_strcmp0 (a->label, b->label) == 0 && g_strcmp0 (a->origin, b->origin) == 0
         && a->status == b->status && a->confidence == b->confidence
         && g_strcmp0 (a->confirmed_by, b->confirmed_by) == 0
         && g_strcmp0 (a->when, b->when) == 0 && g_strcmp0 (a->note, b->note) == 0;
}

/**
 * alama_annotation_is_entity:
 * @annotation: an annotation
 *
 * Returns: %TRUE unless it was rejected: rejected suggestions are kept in
 *   the document but are not entities (not shown, not exported as names)
 */
gboolean
alama_annotation_is_entity (const AlamaAnnotation *self)
{
  return self->status != ALAMA_STATUS_REJECTED;
}
