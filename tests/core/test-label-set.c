/* test-label-set.c: tests for AlamaLabelSet, the labels a document uses
 * and how each maps to TEI P5 and MUC ENAMEX/TIMEX.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "alama-label-set.h"

static void
assert_label (const AlamaLabel *label,
              const char       *name,
              const char       *tei_element,
              const char       *tei_type,
              const char       *enamex,
              gboolean          timex)
{
  g_assert_nonnull (label);
  g_assert_cmpstr (label->name, ==, name);
  g_assert_cmpstr (label->tei_element, ==, tei_element);
  g_assert_cmpstr (label->tei_type, ==, tei_type);
  g_assert_cmpstr (label->enamex, ==, enamex);
  g_assert_cmpint (label->timex, ==, timex);
}

static void
test_default (void)
{
  g_autoptr (AlamaLabelSet) set = alama_label_set_new_default ();

  /* The recognizer's labels, in this order (menus and legends follow
   * it). */
  g_assert_cmpuint (alama_label_set_get_n_labels (set), ==, 5);
  assert_label (alama_label_set_get (set, 0), "PERS", "persName", NULL, "PERSON", FALSE);
  assert_label (alama_label_set_get (set, 1), "LOC", "placeName", NULL, "LOCATION", FALSE);
  assert_label (alama_label_set_get (set, 2), "ORG", "orgName", NULL, "ORGANIZATION", FALSE);
  assert_label (alama_label_set_get (set, 3), "MISC", "name", "misc", "MISC", FALSE);
  assert_label (alama_label_set_get (set, 4), "DATE", "date", NULL, "DATE", TRUE);
  for (guint i = 0; i < alama_label_set_get_n_labels (set); i++)
    {
      const AlamaLabel *label = alama_label_set_get (set, i);

      g_assert_nonnull (label->description);
      g_assert_cmpstr (label->description, !=, "");
      g_assert_true (alama_label_name_is_valid (label->name));
      g_assert_true (alama_label_set_lookup (set, label->name) == label);
    }
  g_assert_cmpstr (alama_label_set_lookup (set, "PERS")->description, ==, "Person");
  g_assert_cmpstr (alama_label_set_lookup (set, "DATE")->description, ==, "Date");

  /* Names are case-sensitive; there is no default for anything else. */
  g_assert_null (alama_label_set_lookup (set, "pers"));
  g_assert_null (alama_label_set_lookup (set, "PERSON"));
  g_assert_null (alama_label_set_lookup (set, "GPE"));
  g_assert_null (alama_label_set_lookup (set, ""));
}

static void
test_empty (void)
{
  g_autoptr (AlamaLabelSet) set = alama_label_set_new ();
  g_autoptr (AlamaLabelSet) other = alama_label_set_new ();
  g_autoptr (AlamaLabelSet) standard = alama_label_set_new_default ();

  g_assert_cmpuint (alama_label_set_get_n_labels (set), ==, 0);
  g_assert_null (alama_label_set_lookup (set, "PERS"));
  g_assert_true (alama_label_set_equal (set, other));
  g_assert_false (alama_label_set_equal (set, standard));
  g_assert_false (alama_label_set_equal (standard, set));
  alama_label_set_free (NULL);
}

static void
test_ensure (void)
{
  g_autoptr (AlamaLabelSet) set = alama_label_set_new_default ();
  const AlamaLabel *pers = alama_label_set_lookup (set, "PERS");
  const AlamaLabel *gpe;

  /* A known label is returned as it is. */
  g_assert_true (alama_label_set_ensure (set, "PERS") == pers);
  assert_label (pers, "PERS", "persName", NULL, "PERSON", FALSE);
  g_assert_cmpuint (alama_label_set_get_n_labels (set), ==, 5);

  /* An unknown one becomes a generic TEI name with the lower-case label
   * as its type, and an ENAMEX of its own name. */
  gpe = alama_label_set_ensure (set, "GPE");
  assert_label (gpe, "GPE", "name", "gpe", "GPE", FALSE);
  g_assert_null (gpe->description);
  g_assert_cmpuint (alama_label_set_get_n_labels (set), ==, 6);
  g_assert_true (alama_label_set_get (set, 5) == gpe);
  g_assert_true (alama_label_set_lookup (set, "GPE") == gpe);

  /* Once only. */
  g_assert_true (alama_label_set_ensure (set, "GPE") == gpe);
  g_assert_cmpuint (alama_label_set_get_n_labels (set), ==, 6);

  assert_label (alama_label_set_ensure (set, "B-Fac_2"), "B-Fac_2", "name", "b-fac_2", "B-Fac_2",
                FALSE);
  /* Another case is another label. */
  assert_label (alama_label_set_ensure (set, "Pers"), "Pers", "name", "pers", "Pers", FALSE);
  g_assert_true (alama_label_set_lookup (set, "PERS") == pers);
  g_assert_cmpuint (alama_label_set_get_n_labels (set), ==, 8);

  /* Earlier labels stay where they were as the set grows. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("L%u", i);

      g_assert_cmpstr (alama_label_set_ensure (set, name)->name, ==, name);
    }
  g_assert_cmpuint (alama_label_set_get_n_labels (set), ==, 208);
  g_assert_true (alama_label_set_lookup (set, "GPE") == gpe);
  g_assert_cmpstr (gpe->tei_type, ==, "gpe");
}

static void
test_add (void)
{
  g_autoptr (AlamaLabelSet) set = alama_label_set_new_default ();
  const AlamaLabel *misc = alama_label_set_lookup (set, "MISC");
  const AlamaLabel *label;

  /* Adding a label that is there replaces its mappings, in place. */
  label = alama_label_set_add (set, "MISC", "rs", "other", "MISC", FALSE, "Anything else");
  g_assert_true (label == misc);
  assert_label (label, "MISC", "rs", "other", "MISC", FALSE);
  g_assert_cmpstr (label->description, ==, "Anything else");
  g_assert_cmpuint (alama_label_set_get_n_labels (set), ==, 5);
  g_assert_true (alama_label_set_get (set, 3) == misc);

  /* Optional parts may be NULL. */
  label = alama_label_set_add (set, "MISC", "name", NULL, "MISC", FALSE, NULL);
  g_assert_null (label->tei_type);
  g_assert_null (label->description);

  /* A new one goes at the end. */
  label = alama_label_set_add (set, "TIME", "time", NULL, "TIME", TRUE, "Time of day");
  assert_label (label, "TIME", "time", NULL, "TIME", TRUE);
  g_assert_true (alama_label_set_get (set, 5) == label);

  /* The set keeps its own copies of the strings. */
  {
    g_autofree char *name = g_strdup ("EVENT");
    g_autofree char *element = g_strdup ("name");
    g_autofree char *type = g_strdup ("event");

    label = alama_label_set_add (set, name, element, type, name, FALSE, type);
    g_assert_true (label->name != name && label->tei_type != type);
  }
  assert_label (alama_label_set_lookup (set, "EVENT"), "EVENT", "name", "event", "EVENT", FALSE);
}

static void
test_add_own_strings (void)
{
  /* Changing one mapping of a label by passing the others back as they
   * are, the way a label editor would. */
  if (g_test_subprocess ())
    {
      g_autoptr (AlamaLabelSet) set = alama_label_set_new_default ();
      const AlamaLabel *misc = alama_label_set_lookup (set, "MISC");
      const AlamaLabel *label;

      label = alama_label_set_add (set, misc->name, misc->tei_element, misc->tei_type,
                                   misc->enamex, misc->timex, "Other");
      assert_label (label, "MISC", "name", "misc", "MISC", FALSE);
      g_assert_cmpstr (label->description, ==, "Other");
      label = alama_label_set_add (set, label->name, label->tei_element, label->tei_type,
                                   label->enamex, label->timex, label->description);
      assert_label (label, "MISC", "name", "misc", "MISC", FALSE);
      g_assert_cmpstr (label->description, ==, "Other");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_add_invalid (void)
{
  g_autoptr (AlamaLabelSet) set = alama_label_set_new_default ();

  /* Invalid names are a programming error and add nothing. */
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*alama_label_name_is_valid*");
  g_assert_null (alama_label_set_add (set, "not valid", "name", NULL, "X", FALSE, NULL));
  g_test_assert_expected_messages ();
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*tei_element*");
  g_assert_null (alama_label_set_add (set, "X", NULL, NULL, "X", FALSE, NULL));
  g_test_assert_expected_messages ();
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*index*");
  g_assert_null (alama_label_set_get (set, 5));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (alama_label_set_get_n_labels (set), ==, 5);
}

static void
test_add_null_name (void)
{
  /* A NULL name must be refused like any invalid one, not crash. */
  if (g_test_subprocess ())
    {
      g_autoptr (AlamaLabelSet) set = alama_label_set_new_default ();

      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*alama_label_name_is_valid*");
      g_assert_null (alama_label_set_add (set, NULL, "name", NULL, "X", FALSE, NULL));
      g_test_assert_expected_messages ();
      g_assert_cmpuint (alama_label_set_get_n_labels (set), ==, 5);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_copy_equal (void)
{
  g_autoptr (AlamaLabelSet) set = alama_label_set_new_default ();
  g_autoptr (AlamaLabelSet) copy = NULL;

  alama_label_set_ensure (set, "GPE");
  copy = alama_label_set_copy (set);
  g_assert_true (alama_label_set_equal (set, copy));
  g_assert_true (alama_label_set_equal (copy, set));
  g_assert_true (alama_label_set_equal (set, set));
  for (guint i = 0; i < alama_label_set_get_n_labels (set); i++)
    {
      const AlamaLabel *a = alama_label_set_get (set, i);
      const AlamaLabel *b = alama_label_set_get (copy, i);

      /* A deep copy. */
      g_assert_true (a != b);
      g_assert_true (a->name != b->name);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->description, ==, b->description);
    }

  /* Changing the copy leaves the original alone. */
  alama_label_set_ensure (copy, "FAC");
  g_assert_false (alama_label_set_equal (set, copy));
  g_assert_null (alama_label_set_lookup (set, "FAC"));
  g_assert_cmpuint (alama_label_set_get_n_labels (set), ==, 6);

  /* Every mapping takes part in equality. */
  for (guint field = 0; field < 6; field++)
    {
      g_autoptr (AlamaLabelSet) other = alama_label_set_new_default ();
      g_autoptr (AlamaLabelSet) standard = alama_label_set_new_default ();

      switch (field)
        {
        case 0:
          alama_label_set_add (other, "LOC", "place", NULL, "LOCATION", FALSE, "Place");
          break;
        case 1:
          alama_label_set_add (other, "LOC", "placeName", "city", "LOCATION", FALSE, "Place");
          break;
        case 2:
          alama_label_set_add (other, "LOC", "placeName", NULL, "LOC", FALSE, "Place");
          break;
        case 3:
          alama_label_set_add (other, "LOC", "placeName", NULL, "LOCATION", TRUE, "Place");
          break;
        case 4:
          alama_label_set_add (other, "LOC", "placeName", NULL, "LOCATION", FALSE, NULL);
          break;
        case 5:
          alama_label_set_add (other, "LOC", "placeName", NULL, "LOCATION", FALSE, "Location");
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_false (alama_label_set_equal (standard, other));
      g_assert_false (alama_label_set_equal (other, standard));
    }

  /* So does order. */
  {
    g_autoptr (AlamaLabelSet) a = alama_label_set_new ();
    g_autoptr (AlamaLabelSet) b = alama_label_set_new ();

    alama_label_set_ensure (a, "X");
    alama_label_set_ensure (a, "Y");
    alama_label_set_ensure (b, "Y");
    alama_label_set_ensure (b, "X");
    g_assert_false (alama_label_set_equal (a, b));
  }

  /* An empty set copies to an empty set. */
  {
    g_autoptr (AlamaLabelSet) empty = alama_label_set_new ();
    g_autoptr (AlamaLabelSet) empty_copy = alama_label_set_copy (empty);

    g_assert_cmpuint (alama_label_set_get_n_labels (empty_copy), ==, 0);
    g_assert_true (alama_label_set_equal (empty, empty_copy));
  }
}

static void
test_name_is_valid (void)
{
  g_autofree char *longest = g_strnfill (64, 'A');
  g_autofree char *too_long = g_strnfill (65, 'A');
  const char *valid[] = {
    "PERS", "LOC", "a", "Z", "B-PER", "I-LOC", "X_1", "x-y_z", "A0123456789", "Fac", "a-", "a_",
    longest,
  };
  const char *invalid[] = {
    "", "1PERS", "0", "_PERS", "-PERS", "PE RS", " PERS", "PERS ", "PERS\n", "PERS\t",
    "PERS.X", "PERS:X", "PERS/X", "PERS\\X", "B<PER>", "A&B", "A\"B", "A'B", "A=B", "A,B",
    "A;B", "A|B", "A#B", "A+B", "A*B", "شخص", "PERSé", "\xC3\x89T", "A\xE2\x80\x8C", too_long,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_test_message ("valid: %s", valid[i]);
      g_assert_true (alama_label_name_is_valid (valid[i]));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("invalid: %s", invalid[i]);
      g_assert_false (alama_label_name_is_valid (invalid[i]));
    }
  g_assert_false (alama_label_name_is_valid (NULL));
  g_assert_cmpuint (strlen (longest), ==, 64);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/label-set/default", test_default);
  g_test_add_func ("/alama/label-set/empty", test_empty);
  g_test_add_func ("/alama/label-set/ensure", test_ensure);
  g_test_add_func ("/alama/label-set/add", test_add);
  g_test_add_func ("/alama/label-set/add-own-strings", test_add_own_strings);
  g_test_add_func ("/alama/label-set/add-invalid", test_add_invalid);
  g_test_add_func ("/alama/label-set/add-null-name", test_add_null_name);
  g_test_add_func ("/alama/label-set/copy-equal", test_copy_equal);
  g_test_add_func ("/alama/label-set/name-is-valid", test_name_is_valid);

  return g_test_run ();
}
