/* test-recovery.c: recovery copies of documents with unsaved changes: one
 * is written shortly after an edit, goes when the document is saved or its
 * changes are discarded on closing, stays when the window goes without
 * asking (as in a crash), and is offered back: Restore shows it modified
 * with its original save target, Discard deletes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "alama-application.h"
#include "alama-document.h"
#include "alama-recovery.h"
#include "alama-window.h"
#include "alama-xml.h"
#include "app-test-util.h"

#define TEXT "قال الوزير إن لبنان وبيروت يدفعان الثمن، بغداد أيضا.\n" \
             "وأكد الأمين العام خالد المنصوري ذلك في القاهرة يوم الخميس.\n"

/* Short delays, so that the tests need not wait seconds. */
#define IDLE_MS 150
#define MAX_MS 600

static AlamaApplication *app;

typedef struct
{
  char *dir;
  char *recovery_dir;
  char *text_path;
  char *xml_path;
  AlamaWindow *window;
  AlamaDocument *document;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = app_test_make_dir ("alama-recovery-XXXXXX");
  f->recovery_dir = g_build_filename (f->dir, "recovery", NULL);
  g_setenv ("ALAMA_RECOVERY_DIR", f->recovery_dir, TRUE);
  f->text_path = g_build_filename (f->dir, "text.txt", NULL);
  f->xml_path = g_build_filename (f->dir, "text.xml", NULL);
  g_assert_true (g_file_set_contents (f->text_path, TEXT, -1, NULL));
  f->window = app_test_open_window (app, f->text_path);
  f->document = alama_window_get_document (f->window);
  g_assert_nonnull (f->document);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  if (f->window)
    app_test_close_window (f->window);
  /* Windows a restore opened. */
  for (GList *l = windows; l; l = l->next)
    if (l->data != (gpointer) f->window)
      gtk_window_destroy (l->data);
  g_list_free (windows);
  app_test_spin ();
  app_test_remove_dir (f->recovery_dir);
  g_remove (f->xml_path);
  g_assert_cmpint (g_remove (f->text_path), ==, 0);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_unsetenv ("ALAMA_RECOVERY_DIR");
  g_free (f->xml_path);
  g_free (f->text_path);
  g_free (f->recovery_dir);
  g_free (f->dir);
}

/* Runs the main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, app_test_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The recovery copies on disk. */
static GPtrArray *
list_copies (void)
{
  return alama_recovery_list ();
}

/* Runs the main loop until @n copies are on disk (or the time is up). */
static void
wait_copies (guint n)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, app_test_timeout_cb, &timed_out);

  for (;;)
    {
      g_autoptr (GPtrArray) copies = list_copies ();

      if (copies->len == n || timed_out)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* A person's edits: a manual name, an accepted and a rejected
 * suggestion. */
static void
edit (Fixture *f)
{
  AlamaAnnotation manual = { 0 };
  const char *word = strstr (TEXT, "الوزير");
  const char *suggested = NULL;
  const char *other = NULL;

  manual.start = (gsize) g_utf8_pointer_to_offset (TEXT, word);
  manual.end = manual.start + (gsize) g_utf8_strlen ("الوزير", -1);
  manual.label = (char *) "PERS";
  manual.status = ALAMA_STATUS_MANUAL;
  manual.confidence = -1;
  for (guint k = 0; k < alama_document_get_n_annotations (f->document); k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (f->document, k);

      if (a->status != ALAMA_STATUS_SUGGESTED)
        continue;
      if (suggested == NULL)
        suggested = a->id;
      else if (other == NULL)
        other = a->id;
    }
  g_assert_nonnull (other);
  g_assert_true (alama_document_accept (f->document, suggested, NULL, NULL));
  g_assert_true (alama_document_reject (f->document, other, NULL, NULL));
  g_assert_nonnull (alama_document_add_annotation (f->document, &manual, NULL));
  g_assert_true (alama_document_get_modified (f->document));
}

/* Opening leaves no copy; an edit leaves none at once (it waits for a
 * pause), then one appears, holding the edited document and where it belongs; saving
 * deletes it. */
static void
test_copy_then_save (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GPtrArray) copies = NULL;
  g_autoptr (AlamaDocument) copy = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  AlamaRecoveryEntry *entry;

  /* A text just opened is not modified: its suggestions are made again by
   * opening it again; no copy of them. */
  g_assert_false (alama_document_get_modified (f->document));
  run_for (3 * IDLE_MS);
  copies = list_copies ();
  g_assert_cmpuint (copies->len, ==, 0);
  g_clear_pointer (&copies, g_ptr_array_unref);

  edit (f);
  copies = list_copies ();
  g_assert_cmpuint (copies->len, ==, 0);
  g_clear_pointer (&copies, g_ptr_array_unref);

  wait_copies (1);
  copies = list_copies ();
  entry = copies->pdata[0];
  g_assert_cmpstr (entry->original_path, ==, f->text_path);
  g_assert_cmpstr (entry->save_path, ==, f->xml_path);
  g_assert_true (g_str_has_prefix (entry->path, f->recovery_dir));
  copy = alama_xml_load_file (entry->path, &error);
  g_assert_no_error (error);
  want = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS);
  got = app_test_describe (copy, APP_TEST_DESCRIBE_IDS);
  g_assert_cmpstr (got, ==, want);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  g_assert_false (alama_document_get_modified (f->document));
  g_assert_true (g_file_test (f->xml_path, G_FILE_TEST_IS_REGULAR));
  /* At once, or as soon as a copy being written is done. */
  wait_copies (0);
  g_assert_false (g_file_test (entry->path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (entry->info_path, G_FILE_TEST_EXISTS));
}

/* Undoing back to the saved state deletes the copy too. */
static void
test_undo_to_saved (Fixture       *f,
                    gconstpointer  data)
{
  edit (f);
  wait_copies (1);
  while (alama_document_can_undo (f->document))
    g_assert_true (alama_document_undo (f->document));
  g_assert_false (alama_document_get_modified (f->document));
  wait_copies (0);
}

/* Discard in the question on closing deletes the copy. */
static void
test_discard_on_close (Fixture       *f,
                       gconstpointer  data)
{
  AdwMessageDialog *dialog;
  AlamaWindow *window = f->window;

  edit (f);
  wait_copies (1);
  gtk_window_close (GTK_WINDOW (window));
  app_test_spin ();
  dialog = app_test_find_dialog (NULL);
  g_assert_nonnull (dialog);
  app_test_respond (dialog, "discard");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  f->window = NULL;
  g_assert_finalize_object (window);
  wait_copies (0);
}

/* Closing without asking (a crash does not even do that) keeps the copy;
 * restoring it shows the same annotations, modified, saved where the
 * original would have been; saving then deletes the copy. */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  g_autofree char *saved_text = NULL;
  g_autofree char *file_path = NULL;
  g_autoptr (AlamaDocument) saved = NULL;
  g_autoptr (GPtrArray) copies = NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  AlamaWindow *restored = NULL;
  gboolean timed_out = FALSE;
  guint id;

  edit (f);
  wait_copies (1);
  want = app_test_describe (f->document, APP_TEST_DESCRIBE_IDS);
  app_test_close_window (f->window);
  f->window = NULL;
  f->document = NULL;
  copies = list_copies ();
  g_assert_cmpuint (copies->len, ==, 1);

  /* The start-up offer. */
  alama_recovery_offer (GTK_APPLICATION (app));
  app_test_spin ();
  dialog = app_test_find_dialog (NULL);
  g_assert_nonnull (dialog);
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "text.txt") != NULL);
  app_test_respond (dialog, "restore");

  id = g_timeout_add_seconds (APP_TEST_LOAD_TIMEOUT_S, app_test_timeout_cb, &timed_out);
  while (restored == NULL && !timed_out)
    {
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
        if (ALAMA_IS_WINDOW (l->data) && alama_window_get_document (l->data))
          restored = l->data;
      if (restored == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (id);

  got = app_test_describe (alama_window_get_document (restored), APP_TEST_DESCRIBE_IDS);
  g_assert_cmpstr (got, ==, want);
  g_assert_true (alama_document_get_modified (alama_window_get_document (restored)));
  g_assert_cmpstr (alama_window_get_save_path (restored), ==, f->xml_path);
  file_path = g_file_get_path (alama_window_get_file (restored));
  g_assert_cmpstr (file_path, ==, f->text_path);

  /* Offered once: asking again (a second launch) shows nothing. */
  alama_recovery_offer (GTK_APPLICATION (app));
  app_test_spin ();
  g_assert_null (app_test_find_dialog (NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (restored), "win.save", NULL));
  g_assert_false (alama_document_get_modified (alama_window_get_document (restored)));
  wait_copies (0);
  saved = alama_xml_load_file (f->xml_path, &error);
  g_assert_no_error (error);
  saved_text = app_test_describe (saved, APP_TEST_DESCRIBE_IDS);
  g_assert_cmpstr (saved_text, ==, want);
}

/* Discard in the offer deletes the copy; a copy whose file a window shows
 * is not offered. */
static void
test_discard_offer (Fixture       *f,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog;

  edit (f);
  wait_copies (1);
  alama_recovery_offer (GTK_APPLICATION (app));
  app_test_spin ();
  g_assert_null (app_test_find_dialog (NULL));

  app_test_close_window (f->window);
  f->window = NULL;
  f->document = NULL;
  /* Another run: the offer of the first one is forgotten. */
  g_object_set_data (G_OBJECT (app), "alama-recovery-offered", NULL);
  alama_recovery_offer (GTK_APPLICATION (app));
  app_test_spin ();
  dialog = app_test_find_dialog (NULL);
  g_assert_nonnull (dialog);
  app_test_respond (dialog, "discard");
  wait_copies (0);
}

/* A broken key file or one with no copy beside it is not offered. */
static void
test_list_skips_broken (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->recovery_dir, "0123.info", NULL);
  g_autofree char *lone = g_build_filename (f->recovery_dir, "4567.info", NULL);
  g_autoptr (GPtrArray) copies = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->recovery_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (bad, "not a key file", -1, NULL));
  g_assert_true (g_file_set_contents (lone, "[Recovery]\noriginal=/a.txt\nsave-path=/a.xml\n", -1,
                                      NULL));
  copies = list_copies ();
  g_assert_cmpuint (copies->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  app = app_test_init (&argc, &argv);
  alama_recovery_set_delays (IDLE_MS, MAX_MS);

  g_test_add ("/app/recovery/copy-then-save", Fixture, NULL, fixture_set_up, test_copy_then_save,
              fixture_tear_down);
  g_test_add ("/app/recovery/undo-to-saved", Fixture, NULL, fixture_set_up, test_undo_to_saved,
              fixture_tear_down);
  g_test_add ("/app/recovery/discard-on-close", Fixture, NULL, fixture_set_up,
              test_discard_on_close, fixture_tear_down);
  g_test_add ("/app/recovery/restore", Fixture, NULL, fixture_set_up, test_restore,
              fixture_tear_down);
  g_test_add ("/app/recovery/discard-offer", Fixture, NULL, fixture_set_up, test_discard_offer,
              fixture_tear_down);
  g_test_add ("/app/recovery/list-skips-broken", Fixture, NULL, fixture_set_up,
              test_list_skips_broken, fixture_tear_down);

  return app_test_run (&app);
}
