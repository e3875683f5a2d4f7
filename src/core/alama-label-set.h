/* alama-label-set.h: the annotation labels a document uses, and how each
 * maps to the vocabularies of other formats.
 *
 * Every exporter reads this table instead of hard-coding labels: a label
 * unknown to Alama (read from someone else's file) still exports, as a
 * generic name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AlamaLabel:
 * @name: the label as written in annotations ("PERS")
 * @tei_element: the TEI P5 element an occurrence becomes ("persName")
 * @tei_type: the value of the TEI element's @type, or %NULL ("misc" for
 *   `<name type="misc">`)
 * @enamex: the MUC ENAMEX/TIMEX type ("PERSON", "LOCATION",
 *   "ORGANIZATION", "MISC", "DATE")
 * @timex: %TRUE when MUC writes it as TIMEX rather than ENAMEX
 * @description: a few words for people (English; the app translates)
 */
typedef struct
{
  char *name;
  char *tei_element;
  char *tei_type;
  char *enamex;
  gboolean timex;
  char *description;
} AlamaLabel;

typedef struct _AlamaLabelSet AlamaLabelSet;

AlamaLabelSet *alama_label_set_new (void);
AlamaLabelSet *alama_label_set_new_default (void);
AlamaLabelSet *alama_label_set_copy (const AlamaLabelSet *set);
void alama_label_set_free (AlamaLabelSet *set);

const AlamaLabel *alama_label_set_add (AlamaLabelSet *set,
                                       const char    *name,
                                       const char    *tei_element,
                                       const char    *tei_type,
                                       const char    *enamex,
                                       gboolean       timex,
                                       const char    *description);
const AlamaLabel *alama_label_set_ensure (AlamaLabelSet *set,
                                          const char    *name);
const AlamaLabel *alama_label_set_lookup (const AlamaLabelSet *set,
                                          const char          *name);
guint alama_label_set_get_n_labels (const AlamaLabelSet *set);
const AlamaLabel *alama_label_set_get (const AlamaLabelSet *set,
                                       guint                index);
gboolean alama_label_set_equal (const AlamaLabelSet *a,
                                const AlamaLabelSet *b);

gboolean alama_label_name_is_valid (const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaLabelSet, alama_label_set_free)

G_END_DECLS
