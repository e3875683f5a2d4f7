/* alama-document.c: an annotated document with undoable edits.
 *
 * Every edit is a list of replacements (an annotation before, the same
 * annotation after; either may be absent for an addition or a removal).
 * Undo applies a step's replacements backwards with before and after
 * swapped, so every kind of edit, and every group of edits, undoes the
 * same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-document.h"

#include <string.h>

G_DEFINE_QUARK (alama-document-error-quark, alama_document_error)

/* A sparse index from character to byte offsets: one entry every
 * CHARS_PER_MARK characters keeps it small for large texts. */
#define CHARS_PER_MARK 256

typedef struct
{
  AlamaAnnotation *before; /* nullable: an addition */
  AlamaAnnotation *after;  /* nullable: a removal */
} Replacement;

typedef struct
{
  char *description;
  GArray *replacements; /* Replacement */
} Step;

struct _AlamaDocument
{
  GObject parent_instance;

  char *text;
  gsize len;
  gsize n_chars;
  gsize *marks; /* byte offset of character k * CHARS_PER_MARK */

  AlamaSource source;
  char *title;
  char *language;
  GDateTime *created;
  GDateTime *modified_time;
  AlamaLabelSet *labels;
  GPtrArray *agents; /* AlamaAgent */

  GPtrArray *annotations; /* AlamaAnnotation, sorted by start, end, id */
  GHashTable *by_id;      /* id → AlamaAnnotation (owned by annotations) */
  guint64 next_id;

  GPtrArray *undo;        /* Step, oldest first */
  GPtrArray *redo;        /* Step, next to redo last */
  Step *group;            /* the step being built, or NULL */
  guint group_depth;
  gint64 saved_position;  /* undo->len when last saved, -1 when unreachable */
};

G_DEFINE_FINAL_TYPE (AlamaDocument, alama_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * alama_agent_free:
 * @agent: (nullable): an agent that is not a document's
 */
void
alama_agent_free (AlamaAgent *agent)
{
  if (agent == NULL)
    return;
  g_free (agent->id);
  g_free (agent->name);
  g_free (agent->version);
  g_free (agent);
}

static void
step_free (gpointer data)
{
  Step *step = data;

  for (guint i = 0; i < step->replacements->len; i++)
    {
      Replacement *r = &g_array_index (step->replacements, Replacement, i);

      alama_annotation_free (r->before);
      alama_annotation_free (r->after);
    }
  g_array_unref (step->replacements);
  g_free (step->description);
  g_free (step);
}

static void
source_clear (AlamaSource *source)
{
  g_clear_pointer (&source->file_name, g_free);
  g_clear_pointer (&source->encoding, g_free);
  g_clear_pointer (&source->sha256, g_free);
}

static void
alama_document_finalize (GObject *object)
{
  AlamaDocument *self = ALAMA_DOCUMENT (object);

  g_free (self->text);
  g_free (self->marks);
  source_clear (&self->source);
  g_free (self->title);
  g_free (self->language);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified_time, g_date_time_unref);
  alama_label_set_free (self->labels);
  g_ptr_array_unref (self->agents);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->annotations);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  if (self->group)
    step_free (self->group);

  G_OBJECT_CLASS (alama_document_parent_class)->finalize (object);
}

static void
alama_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AlamaDocument *self = ALAMA_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, alama_document_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, alama_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, alama_document_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_document_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AlamaDocument *self = ALAMA_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      alama_document_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_document_class_init (AlamaDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alama_document_finalize;
  object_class->get_property = alama_document_get_property;
  object_class->set_property = alama_document_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                    | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlamaDocument::changed:
   * @document: the document
   * @start: the first character whose annotations changed, in code points
   * @end: one past the last, in code points
   *
   * Emitted after annotations in [@start, @end) were added, removed or
   * changed, once per edit (undo and redo included).
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT64,
                                          G_TYPE_UINT64);
}

static void
alama_document_init (AlamaDocument *self)
{
  self->language = g_strdup ("ar");
  self->labels = alama_label_set_new_default ();
  self->agents = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_agent_free);
  self->annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_annotation_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->undo = g_ptr_array_new_with_free_func (step_free);
  self->redo = g_ptr_array_new_with_free_func (step_free);
  self->next_id = 1;
}

/**
 * alama_document_new:
 * @text: the source text, UTF-8
 * @len: its length in bytes, or -1 when nul-terminated
 * @error: return location for an #ALAMA_DOCUMENT_ERROR
 *
 * Makes a document of @text, which never changes afterwards.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL when @text
 *   is not valid UTF-8 or holds a NUL character
 */
AlamaDocument *
alama_document_new (const char *text,
                    gssize      len,
                    GError    **error)
{
  g_autoptr (AlamaDocument) self = NULL;
  gsize n;
  const char *end;
  const char *p;
  gsize chars = 0;
  gsize n_marks = 0;
  gsize capacity = 16;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  n = len < 0 ? strlen (text) : (gsize) len;

  if (text == NULL)
    text = "";
  /* NUL first: UTF-8 validation would stop there and call it invalid. */
  if (n > 0 && memchr (text, '\0', n) != NULL)
    {
      g_set_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_INVALID_TEXT,
                   "NUL character at byte %" G_GSIZE_FORMAT,
                   (gsize) ((const char *) memchr (text, '\0', n) - text));
      return NULL;
    }
  if (!g_utf8_validate_len (text, n, &end))
    {
      g_set_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_INVALID_TEXT,
                   "invalid UTF-8 at byte %" G_GSIZE_FORMAT, (gsize) (end - text));
      return NULL;
    }

  self = g_object_new (ALAMA_TYPE_DOCUMENT, NULL);
  self->text = g_strndup (text, n);
  self->len = n;
  self->marks = g_new (gsize, capacity);
  for (p = self->text; p < self->text + n; p = g_utf8_next_char (p))
    {
      if (chars % CHARS_PER_MARK == 0)
        {
          if (n_marks == capacity)
            {
              capacity *= 2;
              self->marks = g_renew (gsize, self->marks, capacity);
            }
          self->marks[n_marks++] = (gsize) (p - self->text);
        }
      chars++;
    }
  self->n_chars = chars;
  self->source.encoding = g_strdup ("UTF-8");
  self->source.bytes = n;
  self->created = g_date_time_new_now_utc ();
  self->modified_time = g_date_time_ref (self->created);
  return g_steal_pointer (&self);
}

/**
 * alama_document_get_text:
 * @document: the document
 * @len: (out) (optional): its length in bytes
 *
 * Returns: (transfer none): the text, nul-terminated
 */
const char *
alama_document_get_text (AlamaDocument *self,
                         gsize         *len)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  if (len)
    *len = self->len;
  return self->text;
}

/**
 * alama_document_get_n_chars:
 * @document: the document
 *
 * Returns: the text's length in code points
 */
gsize
alama_document_get_n_chars (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  return self->n_chars;
}

/**
 * alama_document_char_to_byte:
 * @document: the document
 * @char_offset: a code-point offset, at most alama_document_get_n_chars()
 *
 * Returns: the byte offset of the same position
 */
gsize
alama_document_char_to_byte (AlamaDocument *self,
                             gsize          char_offset)
{
  const char *p;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  if (char_offset >= self->n_chars)
    return self->len;
  p = self->text + self->marks[char_offset / CHARS_PER_MARK];
  for (gsize k = char_offset % CHARS_PER_MARK; k > 0; k--)
    p = g_utf8_next_char (p);
  return (gsize) (p - self->text);
}

/**
 * alama_document_dup_substring:
 * @document: the document
 * @start: first character, in code points
 * @end: one past the last, in code points
 *
 * Returns: (transfer full): the text of [@start, @end), clamped to the text
 */
char *
alama_document_dup_substring (AlamaDocument *self,
                              gsize          start,
                              gsize          end)
{
  gsize from;
  gsize to;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  end = MIN (end, self->n_chars);
  start = MIN (start, end);
  from = alama_document_char_to_byte (self, start);
  to = alama_document_char_to_byte (self, end);
  return g_strndup (self->text + from, to - from);
}

/**
 * alama_document_get_source:
 * @document: the document
 *
 * Returns: (transfer none): where the text came from
 */
const AlamaSource *
alama_document_get_source (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return &self->source;
}

/**
 * alama_document_set_source:
 * @document: the document
 * @source: where the text came from; copied
 */
void
alama_document_set_source (AlamaDocument     *self,
                           const AlamaSource *source)
{
  AlamaSource copy;

  g_return_if_fail (ALAMA_IS_DOCUMENT (self));
  g_return_if_fail (source != NULL);
  copy = (AlamaSource) { g_strdup (source->file_name), g_strdup (source->encoding), source->bom,
                         source->bytes, g_strdup (source->sha256) };
  source_clear (&self->source);
  self->source = copy;
}

const char *
alama_document_get_title (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->title;
}

void
alama_document_set_title (AlamaDocument *self,
                          const char    *title)
{
  g_return_if_fail (ALAMA_IS_DOCUMENT (self));
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
alama_document_get_language (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->language;
}

void
alama_document_set_language (AlamaDocument *self,
                             const char    *language)
{
  char *copy;

  g_return_if_fail (ALAMA_IS_DOCUMENT (self));
  copy = g_strdup (language); /* before the free: it may be self->language */
  g_free (self->language);
  self->language = copy;
}

/**
 * alama_document_get_created:
 * @document: the document
 *
 * Returns: (transfer none): when the annotated document was first made
 */
GDateTime *
alama_document_get_created (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->created;
}

void
alama_document_set_created (AlamaDocument *self,
                            GDateTime     *created)
{
  g_return_if_fail (ALAMA_IS_DOCUMENT (self) && created != NULL);
  g_date_time_ref (created); /* before the unref: it may be self->created */
  g_date_time_unref (self->created);
  self->created = created;
}

/**
 * alama_document_get_modified_time:
 * @document: the document
 *
 * Returns: (transfer none): when its annotations last changed
 */
GDateTime *
alama_document_get_modified_time (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->modified_time;
}

void
alama_document_set_modified_time (AlamaDocument *self,
                                  GDateTime     *modified)
{
  g_return_if_fail (ALAMA_IS_DOCUMENT (self) && modified != NULL);
  g_date_time_ref (modified); /* before the unref: it may be self->modified_time */
  g_date_time_unref (self->modified_time);
  self->modified_time = modified;
}

/**
 * alama_document_get_label_set:
 * @document: the document
 *
 * Returns: (transfer none): the labels the document declares; labels met
 *   in annotations are added to it
 */
AlamaLabelSet *
alama_document_get_label_set (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->labels;
}

/**
 * alama_document_set_label_set:
 * @document: the document
 * @labels: the labels it declares, in order; copied
 *
 * Replaces the declared labels, as a reader does with a file's own.
 * Labels that annotations use and @labels lacks are added back.
 */
void
alama_document_set_label_set (AlamaDocument       *self,
                              const AlamaLabelSet *labels)
{
  g_return_if_fail (ALAMA_IS_DOCUMENT (self));
  g_return_if_fail (labels != NULL);
  alama_label_set_free (self->labels);
  self->labels = alama_label_set_copy (labels);
  for (guint i = 0; i < self->annotations->len; i++)
    alama_label_set_ensure (self->labels, ((AlamaAnnotation *) self->annotations->pdata[i])->label);
}

const char *
alama_agent_kind_to_string (AlamaAgentKind kind)
{
  return kind == ALAMA_AGENT_MODEL ? "model" : "person";
}

gboolean
alama_agent_kind_from_string (const char     *string,
                              AlamaAgentKind *kind)
{
  if (g_strcmp0 (string, "model") == 0)
    *kind = ALAMA_AGENT_MODEL;
  else if (g_strcmp0 (string, "person") == 0)
    *kind = ALAMA_AGENT_PERSON;
  else
    return FALSE;
  return TRUE;
}

/**
 * alama_document_lookup_agent:
 * @document: the document
 * @id: an agent id
 *
 * Returns: (transfer none) (nullable): the agent
 */
const AlamaAgent *
alama_document_lookup_agent (AlamaDocument *self,
                             const char    *id)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  for (guint i = 0; i < self->agents->len; i++)
    {
      const AlamaAgent *agent = self->agents->pdata[i];

      if (g_strcmp0 (agent->id, id) == 0)
        return agent;
    }
  return NULL;
}

/**
 * alama_document_add_agent_with_id:
 * @document: the document
 * @id: its id, unique in the document
 * @kind: model or person
 * @name: the model's or person's name
 * @version: (nullable): the model's version
 * @error: return location for an #ALAMA_DOCUMENT_ERROR
 *
 * Declares an agent as a file names it.
 *
 * Returns: %FALSE when @id is taken
 */
gboolean
alama_document_add_agent_with_id (AlamaDocument  *self,
                                  const char     *id,
                                  AlamaAgentKind  kind,
                                  const char     *name,
                                  const char     *version,
                                  GError        **error)
{
  AlamaAgent *agent;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL && name != NULL, FALSE);

  if (alama_document_lookup_agent (self, id))
    {
      g_set_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_DUPLICATE_ID,
                   "agent id \"%s\" is declared twice", id);
      return FALSE;
    }
  agent = g_new0 (AlamaAgent, 1);
  agent->id = g_strdup (id);
  agent->kind = kind;
  agent->name = g_strdup (name);
  agent->version = g_strdup (version);
  g_ptr_array_add (self->agents, agent);
  return TRUE;
}

/**
 * alama_document_add_agent:
 * @document: the document
 * @kind: model or person
 * @name: the model's or person's name
 * @version: (nullable): the model's version
 *
 * Declares an agent, or finds the one already declared with the same kind,
 * name and version.
 *
 * Returns: (transfer none): its id ("m1", "p2", …)
 */
const char *
alama_document_add_agent (AlamaDocument *self,
                          AlamaAgentKind kind,
                          const char    *name,
                          const char    *version)
{
  g_autofree char *id = NULL;
  guint n = 1;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  for (guint i = 0; i < self->agents->len; i++)
    {
      const AlamaAgent *agent = self->agents->pdata[i];

      if (agent->kind == kind && g_strcmp0 (agent->name, name) == 0
          && g_strcmp0 (agent->version, version) == 0)
        return agent->id;
    }
  do
    {
      g_free (id);
      id = g_strdup_printf ("%c%u", kind == ALAMA_AGENT_MODEL ? 'm' : 'p', n++);
    }
  while (alama_document_lookup_agent (self, id));
  if (!alama_document_add_agent_with_id (self, id, kind, name, version, NULL))
    return NULL;
  return ((AlamaAgent *) self->agents->pdata[self->agents->len - 1])->id;
}

guint
alama_document_get_n_agents (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  return self->agents->len;
}

/**
 * alama_document_get_agent:
 * @document: the document
 * @index: below alama_document_get_n_agents()
 *
 * Returns: (transfer none): the agent
 */
const AlamaAgent *
alama_document_get_agent (AlamaDocument *self,
                          guint          index)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->agents->len, NULL);
  return self->agents->pdata[index];
}

guint
alama_document_get_n_annotations (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  return self->annotations->len;
}

/**
 * alama_document_get_annotation:
 * @document: the document
 * @index: below alama_document_get_n_annotations()
 *
 * Annotations are ordered by start, then end, then id; rejected ones
 * included (see alama_annotation_is_entity()).
 *
 * Returns: (transfer none): the annotation, valid until the next edit
 */
const AlamaAnnotation *
alama_document_get_annotation (AlamaDocument *self,
                               guint          index)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->annotations->len, NULL);
  return self->annotations->pdata[index];
}

/**
 * alama_document_lookup_annotation:
 * @document: the document
 * @id: an annotation id
 *
 * Returns: (transfer none) (nullable): the annotation, valid until the
 *   next edit
 */
const AlamaAnnotation *
alama_document_lookup_annotation (AlamaDocument *self,
                                  const char    *id)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return id ? g_hash_table_lookup (self->by_id, id) : NULL;
}

/**
 * alama_document_count_annotations:
 * @document: the document
 * @status: a status
 *
 * Returns: how many annotations have @status
 */
guint
alama_document_count_annotations (AlamaDocument         *self,
                                  AlamaAnnotationStatus  status)
{
  guint n = 0;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  for (guint i = 0; i < self->annotations->len; i++)
    if (((AlamaAnnotation *) self->annotations->pdata[i])->status == status)
      n++;
  return n;
}

static int
compare_annotations (const AlamaAnnotation *a,
                     const AlamaAnnotation *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return strcmp (a->id, b->id);
}

/* Where @annotation is, or would go, in the sorted array. */
static guint
find_position (AlamaDocument         *self,
               const AlamaAnnotation *annotation)
{
  guint lo = 0;
  guint hi = self->annotations->len;

  /* Loading a file adds annotations in order: try the end first. */
  if (hi > 0 && compare_annotations (self->annotations->pdata[hi - 1], annotation) < 0)
    return hi;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_annotations (self->annotations->pdata[mid], annotation) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Takes @annotation's id out of the set and frees it. */
static void
take_out (AlamaDocument         *self,
          const AlamaAnnotation *annotation)
{
  guint index = find_position (self, annotation);

  g_assert (index < self->annotations->len
            && strcmp (((AlamaAnnotation *) self->annotations->pdata[index])->id, annotation->id)
                   == 0);
  g_hash_table_remove (self->by_id, annotation->id);
  g_ptr_array_remove_index (self->annotations, index);
}

static void
put_in (AlamaDocument         *self,
        const AlamaAnnotation *annotation)
{
  AlamaAnnotation *copy = alama_annotation_copy (annotation);

  g_ptr_array_insert (self->annotations, (gint) find_position (self, copy), copy);
  g_hash_table_insert (self->by_id, copy->id, copy);
}

static void
notify_history (AlamaDocument *self,
                gboolean       could_undo,
                gboolean       could_redo,
                gboolean       was_modified)
{
  if (could_undo != alama_document_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != alama_document_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (was_modified != alama_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* Applies replacements in order (forward) or backwards with before and
 * after swapped (undo), and tells listeners which range changed. */
static void
apply (AlamaDocument *self,
       GArray        *replacements,
       gboolean       backwards)
{
  gsize start = G_MAXSIZE;
  gsize end = 0;

  for (guint k = 0; k < replacements->len; k++)
    {
      Replacement *r = &g_array_index (replacements, Replacement,
                                       backwards ? replacements->len - 1 - k : k);
      AlamaAnnotation *from = backwards ? r->after : r->before;
      AlamaAnnotation *to = backwards ? r->before : r->after;

      if (from)
        {
          take_out (self, from);
          start = MIN (start, from->start);
          end = MAX (end, from->end);
        }
      if (to)
        {
          put_in (self, to);
          start = MIN (start, to->start);
          end = MAX (end, to->end);
        }
    }
  if (start <= end)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint64) start, (guint64) end);
}

static Step *
step_new (const char *description)
{
  Step *step = g_new0 (Step, 1);

  step->description = g_strdup (description);
  step->replacements = g_array_new (FALSE, FALSE, sizeof (Replacement));
  return step;
}

/* Records a step on the undo stack; a new edit drops what could be redone. */
static void
push_step (AlamaDocument *self,
           Step          *step)
{
  gboolean could_undo = alama_document_can_undo (self);
  gboolean could_redo = alama_document_can_redo (self);
  gboolean was_modified = alama_document_get_modified (self);

  if (step->replacements->len == 0)
    {
      step_free (step);
      return;
    }
  if (self->saved_position > (gint64) self->undo->len)
    self->saved_position = -1; /* the saved state was in the redo stack */
  g_ptr_array_set_size (self->redo, 0);
  g_ptr_array_add (self->undo, step);
  g_date_time_unref (self->modified_time);
  self->modified_time = g_date_time_new_now_utc ();
  notify_history (self, could_undo, could_redo, was_modified);
}

/* Makes one change (either side may be NULL) as part of the current group,
 * or as a step of its own. */
static void
change (AlamaDocument   *self,
        const char      *description,
        AlamaAnnotation *before,
        AlamaAnnotation *after)
{
  Replacement r = { before ? alama_annotation_copy (before) : NULL, after };
  g_autoptr (GArray) one = g_array_new (FALSE, FALSE, sizeof (Replacement));

  g_array_append_val (one, r);
  apply (self, one, FALSE);
  if (self->group)
    g_array_append_val (self->group->replacements, r);
  else
    {
      Step *step = step_new (description);

      g_array_append_val (step->replacements, r);
      push_step (self, step);
    }
}

/**
 * alama_document_begin_group:
 * @document: the document
 * @description: what the group does, for an Undo menu item
 *
 * Edits until the matching alama_document_end_group() undo as one step.
 * Groups nest; the outermost description counts.
 */
void
alama_document_begin_group (AlamaDocument *self,
                            const char    *description)
{
  g_return_if_fail (ALAMA_IS_DOCUMENT (self));
  if (self->group_depth++ == 0)
    self->group = step_new (description);
}

void
alama_document_end_group (AlamaDocument *self)
{
  Step *step;

  g_return_if_fail (ALAMA_IS_DOCUMENT (self));
  g_return_if_fail (self->group_depth > 0);
  if (--self->group_depth > 0)
    return;
  step = g_steal_pointer (&self->group);
  push_step (self, step);
}

static gboolean
check_range (AlamaDocument *self,
             gsize          start,
             gsize          end,
             GError       **error)
{
  if (start >= end || end > self->n_chars)
    {
      g_set_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_RANGE,
                   "span [%" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ") is empty or outside the "
                   "text (%" G_GSIZE_FORMAT " characters)",
                   start, end, self->n_chars);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_label (const char *label,
             GError    **error)
{
  if (!alama_label_name_is_valid (label))
    {
      g_set_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_LABEL,
                   "\"%s\" cannot be a label: use letters, digits, '_' and '-', starting with a "
                   "letter", label ? label : "");
      return FALSE;
    }
  return TRUE;
}

/* The number of an id of the form a<N>, so new ids never clash. */
static void
track_id (AlamaDocument *self,
          const char    *id)
{
  guint64 n;

  /* Ids far beyond any real count say nothing; new ids are checked for
   * clashes anyway. */
  if (id[0] == 'a' && g_ascii_string_to_unsigned (id + 1, 10, 1, G_MAXUINT32, &n, NULL))
    self->next_id = MAX (self->next_id, n + 1);
}

/**
 * alama_document_add_annotation:
 * @document: the document
 * @annotation: what to add; copied.  When its id is %NULL a new one is
 *   made
 * @error: return location for an #ALAMA_DOCUMENT_ERROR
 *
 * Adds an annotation as one undoable step (or as part of the current
 * group).  Its label joins the document's label set when new.
 *
 * Returns: (transfer none) (nullable): the id of the added annotation, or
 *   %NULL when the span, label or id is not usable
 */
const char *
alama_document_add_annotation (AlamaDocument         *self,
                               const AlamaAnnotation *annotation,
                               GError               **error)
{
  AlamaAnnotation *copy;
  g_autofree char *id = NULL;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (annotation != NULL, NULL);

  if (!check_range (self, annotation->start, annotation->end, error)
      || !check_label (annotation->label, error))
    return NULL;
  if (annotation->id && g_hash_table_contains (self->by_id, annotation->id))
    {
      g_set_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_DUPLICATE_ID,
                   "annotation id \"%s\" is used twice", annotation->id);
      return NULL;
    }
  copy = alama_annotation_copy (annotation);
  if (copy->id == NULL || copy->id[0] == '\0')
    do
      {
        g_free (copy->id);
        copy->id = g_strdup_printf ("a%" G_GUINT64_FORMAT, self->next_id++);
      }
    while (g_hash_table_contains (self->by_id, copy->id));
  track_id (self, copy->id);
  alama_label_set_ensure (self->labels, copy->label);
  id = g_strdup (copy->id);
  change (self, "Add annotation", NULL, copy);
  return ((AlamaAnnotation *) g_hash_table_lookup (self->by_id, id))->id;
}

static AlamaAnnotation *
find (AlamaDocument *self,
      const char    *id,
      GError       **error)
{
  AlamaAnnotation *annotation = id ? g_hash_table_lookup (self->by_id, id) : NULL;

  if (annotation == NULL)
    g_set_error (error, ALAMA_DOCUMENT_ERROR, ALAMA_DOCUMENT_ERROR_NOT_FOUND,
                 "no annotation \"%s\"", id ? id : "");
  return annotation;
}

/**
 * alama_document_remove_annotation:
 * @document: the document
 * @id: the annotation's id
 * @error: return location for an #ALAMA_DOCUMENT_ERROR
 *
 * Removes an annotation (undoably).  To turn down a model's suggestion,
 * reject it instead: rejected suggestions are kept as negative examples.
 *
 * Returns: %FALSE when there is no such annotation
 */
gboolean
alama_document_remove_annotation (AlamaDocument *self,
                                  const char    *id,
                                  GError       **error)
{
  AlamaAnnotation *annotation;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  annotation = find (self, id, error);
  if (annotation == NULL)
    return FALSE;
  change (self, "Remove annotation", annotation, NULL);
  return TRUE;
}

/* A person's hand on a model's suggestion makes it edited; a person's own
 * annotation stays manual. */
static void
mark_edited (AlamaAnnotation *annotation,
             const char      *person)
{
  if (annotation->status != ALAMA_STATUS_MANUAL)
    annotation->status = ALAMA_STATUS_EDITED;
  if (person)
    {
      g_free (annotation->confirmed_by);
      annotation->confirmed_by = g_strdup (person);
    }
}

/**
 * alama_document_relabel:
 * @document: the document
 * @id: the annotation's id
 * @label: the new label
 * @person: (nullable): the id of the person making the change
 * @error: return location for an #ALAMA_DOCUMENT_ERROR
 *
 * Returns: %FALSE when there is no such annotation or @label is unusable
 */
gboolean
alama_document_relabel (AlamaDocument *self,
                        const char    *id,
                        const char    *label,
                        const char    *person,
                        GError       **error)
{
  AlamaAnnotation *annotation;
  AlamaAnnotation *after;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  annotation = find (self, id, error);
  if (annotation == NULL || !check_label (label, error))
    return FALSE;
  if (strcmp (annotation->label, label) == 0)
    return TRUE;
  after = alama_annotation_copy (annotation);
  g_free (after->label);
  after->label = g_strdup (label);
  {
    /* A normalized date value belongs to date labels only. */
    const AlamaLabel *declared = alama_label_set_ensure (self->labels, label);

    if (!declared->timex && g_strcmp0 (declared->tei_element, "date") != 0)
      g_clear_pointer (&after->when, g_free);
  }
  mark_edited (after, person);
  alama_label_set_ensure (self->labels, label);
  change (self, "Change label", annotation, after);
  return TRUE;
}

/**
 * alama_document_resize:
 * @document: the document
 * @id: the annotation's id
 * @start: the new first character, in code points
 * @end: the new end, in code points (exclusive)
 * @person: (nullable): the id of the person making the change
 * @error: return location for an #ALAMA_DOCUMENT_ERROR
 *
 * Returns: %FALSE when there is no such annotation or the span is unusable
 */
gboolean
alama_document_resize (AlamaDocument *self,
                       const char    *id,
                       gsize          start,
                       gsize          end,
                       const char    *person,
                       GError       **error)
{
  AlamaAnnotation *annotation;
  AlamaAnnotation *after;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  annotation = find (self, id, error);
  if (annotation == NULL || !check_range (self, start, end, error))
    return FALSE;
  if (annotation->start == start && annotation->end == end)
    return TRUE;
  after = alama_annotation_copy (annotation);
  after->start = start;
  after->end = end;
  mark_edited (after, person);
  change (self, "Resize annotation", annotation, after);
  return TRUE;
}

static gboolean
set_status (AlamaDocument         *self,
            const char            *id,
            AlamaAnnotationStatus  status,
            const char            *person,
            const char            *description,
            GError               **error)
{
  AlamaAnnotation *annotation;
  AlamaAnnotation *after;

  annotation = find (self, id, error);
  if (annotation == NULL)
    return FALSE;
  after = alama_annotation_copy (annotation);
  /* Accepting a person's own or an edited annotation confirms it without
   * pretending the model made it so. */
  if (status != ALAMA_STATUS_ACCEPTED || annotation->status == ALAMA_STATUS_SUGGESTED
      || annotation->status == ALAMA_STATUS_REJECTED)
    after->status = status;
  if (person)
    {
      g_free (after->confirmed_by);
      after->confirmed_by = g_strdup (person);
    }
  if (alama_annotation_equal (annotation, after))
    {
      alama_annotation_free (after);
      return TRUE;
    }
  change (self, description, annotation, after);
  return TRUE;
}

/**
 * alama_document_accept:
 * @document: the document
 * @id: the annotation's id
 * @person: (nullable): the id of the person accepting it
 * @error: return location for an #ALAMA_DOCUMENT_ERROR
 *
 * Confirms a suggestion as it is (or takes back a rejection).
 *
 * Returns: %FALSE when there is no such annotation
 */
gboolean
alama_document_accept (AlamaDocument *self,
                       const char    *id,
                       const char    *person,
                       GError       **error)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  return set_status (self, id, ALAMA_STATUS_ACCEPTED, person, "Accept annotation", error);
}

/**
 * alama_document_reject:
 * @document: the document
 * @id: the annotation's id
 * @person: (nullable): the id of the person rejecting it
 * @error: return location for an #ALAMA_DOCUMENT_ERROR
 *
 * Turns down an annotation: it stays in the document, marked rejected, and
 * is no longer an entity.
 *
 * Returns: %FALSE when there is no such annotation
 */
gboolean
alama_document_reject (AlamaDocument *self,
                       const char    *id,
                       const char    *person,
                       GError       **error)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  return set_status (self, id, ALAMA_STATUS_REJECTED, person, "Reject annotation", error);
}

/**
 * alama_document_accept_all:
 * @document: the document
 * @label: (nullable): only suggestions with this label, or all of them
 * @person: (nullable): the id of the person accepting them
 *
 * Accepts every suggestion (of @label) as one undoable step.
 *
 * Returns: how many were accepted
 */
guint
alama_document_accept_all (AlamaDocument *self,
                           const char    *label,
                           const char    *person)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const AlamaAnnotation *a = self->annotations->pdata[i];

      if (a->status == ALAMA_STATUS_SUGGESTED && (label == NULL || g_strcmp0 (a->label, label) == 0))
        g_ptr_array_add (ids, g_strdup (a->id));
    }
  alama_document_begin_group (self, label ? "Accept all suggestions of a type"
                                          : "Accept all suggestions");
  for (guint i = 0; i < ids->len; i++)
    set_status (self, ids->pdata[i], ALAMA_STATUS_ACCEPTED, person, NULL, NULL);
  alama_document_end_group (self);
  return ids->len;
}

/**
 * alama_document_set_note:
 * @document: the document
 * @id: the annotation's id
 * @note: (nullable): the note, or %NULL to remove it
 * @error: return location for an #ALAMA_DOCUMENT_ERROR
 *
 * Returns: %FALSE when there is no such annotation
 */
gboolean
alama_document_set_note (AlamaDocument *self,
                         const char    *id,
                         const char    *note,
                         GError       **error)
{
  AlamaAnnotation *annotation;
  AlamaAnnotation *after;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  annotation = find (self, id, error);
  if (annotation == NULL)
    return FALSE;
  if (note && note[0] == '\0')
    note = NULL;
  if (g_strcmp0 (annotation->note, note) == 0)
    return TRUE;
  after = alama_annotation_copy (annotation);
  g_free (after->note);
  after->note = g_strdup (note);
  change (self, "Edit note", annotation, after);
  return TRUE;
}

/* The spans of the annotations a re-run keeps, sorted by start, with the
 * furthest end reached so far: whether a new span overlaps one of them is
 * a binary search, not a scan, so re-running on a long text stays linear. */
typedef struct
{
  gsize *starts;
  gsize *max_ends;
  guint n;
} KeptSpans;

static void
kept_spans_init (KeptSpans *kept,
                 GPtrArray *annotations)
{
  gsize max_end = 0;

  kept->n = annotations->len;
  kept->starts = g_new (gsize, MAX (kept->n, 1));
  kept->max_ends = g_new (gsize, MAX (kept->n, 1));
  for (guint i = 0; i < kept->n; i++)
    {
      const AlamaAnnotation *a = annotations->pdata[i];

      max_end = MAX (max_end, a->end);
      kept->starts[i] = a->start;
      kept->max_ends[i] = max_end;
    }
}

static void
kept_spans_clear (KeptSpans *kept)
{
  g_free (kept->starts);
  g_free (kept->max_ends);
}

static gboolean
kept_spans_overlap (const KeptSpans *kept,
                    gsize            start,
                    gsize            end)
{
  guint lo = 0;
  guint hi = kept->n;

  /* Count the kept spans that start before @end. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (kept->starts[mid] < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 && kept->max_ends[lo - 1] > start;
}

/**
 * alama_document_replace_suggestions:
 * @document: the document
 * @agent: the id of the model agent the new suggestions come from
 * @entities: (element-type AlamaEntity): what the recognizer found, with
 *   code-point offsets into the document's text
 *
 * Re-runs recognition without destroying people's work: untouched
 * suggestions go, accepted, edited, manual and rejected annotations stay,
 * and new suggestions that would overlap one of those are left out.  One
 * undoable step.
 *
 * Returns: how many suggestions were added
 */
guint
alama_document_replace_suggestions (AlamaDocument *self,
                                    const char    *agent,
                                    GArray        *entities)
{
  g_autoptr (GPtrArray) old = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *origin = g_strdup (agent); /* @agent may belong to a removed suggestion */
  KeptSpans kept;
  guint added = 0;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), 0);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      const AlamaAnnotation *a = self->annotations->pdata[i];

      if (a->status == ALAMA_STATUS_SUGGESTED)
        g_ptr_array_add (old, g_strdup (a->id));
    }
  alama_document_begin_group (self, "Recognize entities");
  for (guint i = 0; i < old->len; i++)
    alama_document_remove_annotation (self, old->pdata[i], NULL);
  /* What is left now is what people made or looked at. */
  kept_spans_init (&kept, self->annotations);
  for (guint i = 0; i < entities->len; i++)
    {
      const AlamaEntity *e = &g_array_index (entities, AlamaEntity, i);
      g_autoptr (AlamaAnnotation) a = NULL;

      if (kept_spans_overlap (&kept, e->start_char, e->end_char))
        continue;
      a = alama_annotation_new (NULL, e->start_char, e->end_char, e->type);
      a->origin = g_strdup (origin);
      a->status = ALAMA_STATUS_SUGGESTED;
      a->confidence = e->confidence;
      a->when = e->when[0] ? g_strdup (e->when) : NULL;
      if (alama_document_add_annotation (self, a, NULL))
        added++;
    }
  kept_spans_clear (&kept);
  alama_document_end_group (self);
  return added;
}

gboolean
alama_document_can_undo (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  return self->undo->len > 0 && self->group == NULL;
}

gboolean
alama_document_can_redo (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  return self->redo->len > 0 && self->group == NULL;
}

/* Moves the last step of @from to @to, applying it forwards or backwards. */
static gboolean
move_step (AlamaDocument *self,
           GPtrArray     *from,
           GPtrArray     *to,
           gboolean       backwards)
{
  gboolean could_undo = alama_document_can_undo (self);
  gboolean could_redo = alama_document_can_redo (self);
  gboolean was_modified = alama_document_get_modified (self);
  Step *step;

  if (from->len == 0 || self->group)
    return FALSE;
  step = g_ptr_array_steal_index (from, from->len - 1);
  apply (self, step->replacements, backwards);
  g_ptr_array_add (to, step);
  notify_history (self, could_undo, could_redo, was_modified);
  return TRUE;
}

/**
 * alama_document_undo:
 * @document: the document
 *
 * Returns: %FALSE when there was nothing to undo
 */
gboolean
alama_document_undo (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  return move_step (self, self->undo, self->redo, TRUE);
}

/**
 * alama_document_redo:
 * @document: the document
 *
 * Returns: %FALSE when there was nothing to redo
 */
gboolean
alama_document_redo (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  return move_step (self, self->redo, self->undo, FALSE);
}

/**
 * alama_document_get_undo_description:
 * @document: the document
 *
 * Returns: (nullable): what undo would undo ("Change label")
 */
const char *
alama_document_get_undo_description (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->undo->len ? ((Step *) self->undo->pdata[self->undo->len - 1])->description : NULL;
}

const char *
alama_document_get_redo_description (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  return self->redo->len ? ((Step *) self->redo->pdata[self->redo->len - 1])->description : NULL;
}

/**
 * alama_document_get_modified:
 * @document: the document
 *
 * Returns: whether the annotations differ from when the document was last
 *   saved (undoing back to that point makes it unmodified again)
 */
gboolean
alama_document_get_modified (AlamaDocument *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), FALSE);
  return self->saved_position != (gint64) self->undo->len;
}

/**
 * alama_document_set_unmodified:
 * @document: the document
 *
 * Marks the current state as saved.
 */
void
alama_document_set_unmodified (AlamaDocument *self)
{
  gboolean was_modified;

  g_return_if_fail (ALAMA_IS_DOCUMENT (self));
  was_modified = alama_document_get_modified (self);
  self->saved_position = self->undo->len;
  if (was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * alama_document_reset_history:
 * @document: the document
 *
 * Forgets undo and redo and marks the document unmodified: what a reader
 * does once it has built a document from a file.
 */
void
alama_document_reset_history (AlamaDocument *self)
{
  gboolean could_undo;
  gboolean could_redo;
  gboolean was_modified;

  g_return_if_fail (ALAMA_IS_DOCUMENT (self));
  g_return_if_fail (self->group == NULL);
  could_undo = alama_document_can_undo (self);
  could_redo = alama_document_can_redo (self);
  was_modified = alama_document_get_modified (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->saved_position = 0;
  notify_history (self, could_undo, could_redo, was_modified);
}

/**
 * alama_document_set_modified:
 * @document: the document
 *
 * Marks the document as differing from its saved file whatever is undone
 * or redone afterwards, until it is saved again: what a document rebuilt
 * from a recovery copy is.
 */
void
alama_document_set_modified (AlamaDocument *self)
{
  gboolean was_modified;

  g_return_if_fail (ALAMA_IS_DOCUMENT (self));
  was_modified = alama_document_get_modified (self);
  self->saved_position = -1;
  if (!was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * alama_document_copy:
 * @document: the document
 *
 * Copies the text, source, metadata, label set, agents and annotations
 * (not the undo history: the copy is unmodified).  The copy shares nothing
 * with @document, so another thread can read it (to save it, say) while
 * @document goes on being edited.
 *
 * Returns: (transfer full): the copy
 */
AlamaDocument *
alama_document_copy (AlamaDocument *self)
{
  AlamaDocument *copy;
  gsize n_marks;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (self->group == NULL, NULL);

  copy = g_object_new (ALAMA_TYPE_DOCUMENT, NULL);
  copy->text = g_memdup2 (self->text, self->len + 1);
  copy->len = self->len;
  copy->n_chars = self->n_chars;
  n_marks = MAX ((self->n_chars + CHARS_PER_MARK - 1) / CHARS_PER_MARK, 1);
  copy->marks = g_memdup2 (self->marks, n_marks * sizeof (gsize));
  alama_document_set_source (copy, &self->source);
  copy->title = g_strdup (self->title);
  g_free (copy->language);
  copy->language = g_strdup (self->language);
  copy->created = self->created ? g_date_time_ref (self->created) : NULL;
  copy->modified_time = self->modified_time ? g_date_time_ref (self->modified_time) : NULL;
  alama_label_set_free (copy->labels);
  copy->labels = alama_label_set_copy (self->labels);
  for (guint i = 0; i < self->agents->len; i++)
    {
      const AlamaAgent *agent = self->agents->pdata[i];

      alama_document_add_agent_with_id (copy, agent->id, agent->kind, agent->name,
                                        agent->version, NULL);
    }
  /* Already sorted and unique: appended as they are. */
  g_ptr_array_set_size (copy->annotations, 0);
  for (guint i = 0; i < self->annotations->len; i++)
    {
      AlamaAnnotation *a = alama_annotation_copy (self->annotations->pdata[i]);

      g_ptr_array_add (copy->annotations, a);
      g_hash_table_insert (copy->by_id, a->id, a);
    }
  copy->next_id = self->next_id;
  return copy;
}
