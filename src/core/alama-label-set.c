/* alama-label-set.c: annotation labels and their mappings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-label-set.h"

#include <string.h>

struct _AlamaLabelSet
{
  GPtrArray *labels; /* AlamaLabel, in order of addition */
};

static void
label_free (gpointer data)
{
  AlamaLabel *label = data;

  g_free (label->name);
  g_free (label->tei_element);
  g_free (label->tei_type);
  g_free (label->enamex);
  g_free (label->description);
  g_free (label);
}

AlamaLabelSet *
alama_label_set_new (void)
{
  AlamaLabelSet *self = g_new0 (AlamaLabelSet, 1);

  self->labels = g_ptr_array_new_with_free_func (label_free);
  return self;
}

/**
 * alama_label_set_new_default:
 *
 * Returns: (transfer full): the labels the recognizer produces: PERS, LOC,
 *   ORG, MISC and DATE, mapped to TEI P5 and MUC
 */
AlamaLabelSet *
alama_label_set_new_default (void)
{
  AlamaLabelSet *self = alama_label_set_new ();

  alama_label_set_add (self, "PERS", "persName", NULL, "PERSON", FALSE, "Person");
  alama_label_set_add (self, "LOC", "placeName", NULL, "LOCATION", FALSE, "Place");
  alama_label_set_add (self, "ORG", "orgName", NULL, "ORGANIZATION", FALSE, "Organization");
  alama_label_set_add (self, "MISC", "name", "misc", "MISC", FALSE, "Other name");
  alama_label_set_add (self, "DATE", "date", NULL, "DATE", TRUE, "Date");
  return self;
}

AlamaLabelSet *
alama_label_set_copy (const AlamaLabelSet *set)
{
  AlamaLabelSet *copy = alama_label_set_new ();

  for (guint i = 0; i < set->labels->len; i++)
    {
      const AlamaLabel *l = set->labels->pdata[i];

      alama_label_set_add (copy, l->name, l->tei_element, l->tei_type, l->enamex, l->timex,
                           l->description);
    }
  return copy;
}

void
alama_label_set_free (AlamaLabelSet *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->labels);
  g_free (self);
}

/**
 * alama_label_name_is_valid:
 * @name: a label name
 *
 * Label names travel into XML attributes, CoNLL tags and brat types, so
 * they are kept to letters, digits, '_' and '-', starting with a letter,
 * at most 64 bytes.
 *
 * Returns: whether @name is usable as a label
 */
gboolean
alama_label_name_is_valid (const char *name)
{
  gsize len;

  if (name == NULL || !g_ascii_isalpha (name[0]))
    return FALSE;
  len = strlen (name);
  if (len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (name[i]) && name[i] != '_' && name[i] != '-')
      return FALSE;
  return TRUE;
}

/**
 * alama_label_set_add:
 * @set: the set
 * @name: a valid label name (alama_label_name_is_valid())
 * @tei_element: the TEI element, e.g. "persName"
 * @tei_type: (nullable): the TEI @type value
 * @enamex: the MUC type
 * @timex: whether MUC writes it as TIMEX
 * @description: (nullable): what it is for
 *
 * Adds a label, or replaces the mappings of the label of that name.
 *
 * Returns: (transfer none): the label, owned by @set
 */
const AlamaLabel *
alama_label_set_add (AlamaLabelSet *self,
                     const char    *name,
                     const char    *tei_element,
                     const char    *tei_type,
                     const char    *enamex,
                     gboolean       timex,
                     const char    *description)
{
  AlamaLabel *label;
  char *new_tei_element;
  char *new_tei_type;
  char *new_enamex;
  char *new_description;

  g_return_val_if_fail (alama_label_name_is_valid (name), NULL);
  g_return_val_if_fail (tei_element != NULL && enamex != NULL, NULL);

  /* Copied first: the arguments may be the label's own strings. */
  new_tei_element = g_strdup (tei_element);
  new_tei_type = g_strdup (tei_type);
  new_enamex = g_strdup (enamex);
  new_description = g_strdup (description);

  label = (AlamaLabel *) alama_label_set_lookup (self, name);
  if (label == NULL)
    {
      label = g_new0 (AlamaLabel, 1);
      label->name = g_strdup (name);
      g_ptr_array_add (self->labels, label);
    }
  g_free (label->tei_element);
  g_free (label->tei_type);
  g_free (label->enamex);
  g_free (label->description);
  label->tei_element = new_tei_element;
  label->tei_type = new_tei_type;
  label->enamex = new_enamex;
  label->timex = timex;
  label->description = new_description;
  return label;
}

/**
 * alama_label_set_ensure:
 * @set: the set
 * @name: a valid label name
 *
 * Returns the label of that name, adding it when missing: a label that
 * came from another tool becomes a TEI `<name type="…">` and a MUC ENAMEX
 * of its own name.
 *
 * Returns: (transfer none): the label
 */
const AlamaLabel *
alama_label_set_ensure (AlamaLabelSet *self,
                        const char    *name)
{
  const AlamaLabel *label = alama_label_set_lookup (self, name);
  g_autofree char *type = NULL;

  if (label)
    return label;
  type = g_ascii_strdown (name, -1);
  return alama_label_set_add (self, name, "name", type, name, FALSE, NULL);
}

/**
 * alama_label_set_lookup:
 * @set: the set
 * @name: a label name
 *
 * Returns: (transfer none) (nullable): the label, or %NULL
 */
const AlamaLabel *
alama_label_set_lookup (const AlamaLabelSet *self,
                        const char          *name)
{
  for (guint i = 0; i < self->labels->len; i++)
    {
      const AlamaLabel *label = self->labels->pdata[i];

      if (strcmp (label->name, name) == 0)
        return label;
    }
  return NULL;
}

guint
alama_label_set_get_n_labels (const AlamaLabelSet *self)
{
  return self->labels->len;
}

/**
 * alama_label_set_get:
 * @set: the set
 * @index: below alama_label_set_get_n_labels()
 *
 * Returns: (transfer none): the label
 */
const AlamaLabel *
alama_label_set_get (const AlamaLabelSet *self,
                     guint                index)
{
  g_return_val_if_fail (index < self->labels->len, NULL);
  return self->labels->pdata[index];
}

gboolean
alama_label_set_equal (const AlamaLabelSet *a,
                       const AlamaLabelSet *b)
{
  if (a->labels->len != b->labels->len)
    return FALSE;
  for (guint i = 0; i < a->labels->len; i++)
    {
      const AlamaLabel *x = a->labels->pdata[i];
      const AlamaLabel *y = b->labels->pdata[i];

      if (g_strcmp0 (x->name, y->name) || g_strcmp0 (x->tei_element, y->tei_element)
          || g_strcmp0 (x->tei_type, y->tei_type) || g_strcmp0 (x->enamex, y->enamex)
          || x->timex != y->timex || g_strcmp0 (x->description, y->description))
        return FALSE;
    }
  return TRUE;
}
