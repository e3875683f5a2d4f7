/* bench-edit.c: how long one edit of a large document keeps the main loop
 * busy: the time from the action to the end of its synchronous part, and
 * to the moment nothing is pending any more (the panel, the legend and the
 * status bar redone, the frame drawn).  Not a test: run it by hand on a
 * document of a few megabytes,
 *
 *   bench-edit BIG.xml [--accept-all]
 *
 * under a display (tools/gui/xenv.sh).  Results go to stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-application.h"
#include "alama-window.h"
#include "app-test-util.h"

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

static void
measure (AlamaWindow *window,
         const char  *what,
         const char  *action)
{
  double t0;
  double t1;
  double t2;

  t0 = now_ms ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  t1 = now_ms ();
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  t2 = now_ms ();
  g_printerr ("%-28s synchronous %8.2f ms, to idle %8.2f ms\n", what, t1 - t0, t2 - t0);
}

static void
place_caret_on_suggestion (AlamaWindow *window,
                           guint        from)
{
  AlamaDocument *document = alama_window_get_document (window);
  GtkTextBuffer *buffer
      = gtk_text_view_get_buffer (GTK_TEXT_VIEW (alama_window_get_document_view (window)));
  guint n = alama_document_get_n_annotations (document);

  for (guint k = from; k < n; k++)
    {
      const AlamaAnnotation *a = alama_document_get_annotation (document, k);
      GtkTextIter iter;

      if (a->status != ALAMA_STATUS_SUGGESTED)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) a->start);
      gtk_text_buffer_place_cursor (buffer, &iter);
      return;
    }
  g_assert_not_reached ();
}

int
main (int   argc,
      char *argv[])
{
  AlamaApplication *app = app_test_init (&argc, &argv);
  AlamaWindow *window;
  AlamaDocument *document;
  double t0;
  gboolean accept_all = argc > 2 && strcmp (argv[2], "--accept-all") == 0;

  if (argc < 2)
    {
      g_printerr ("usage: bench-edit FILE [--accept-all]\n");
      return 2;
    }
  t0 = now_ms ();
  window = app_test_open_window (app, argv[1]);
  document = alama_window_get_document (window);
  g_printerr ("%u annotations, %zu characters; opened in %.0f ms\n",
              alama_document_get_n_annotations (document), alama_document_get_n_chars (document),
              now_ms () - t0);
  app_test_wait_painted (window);

  for (guint k = 0; k < 3; k++)
    {
      place_caret_on_suggestion (window, alama_document_get_n_annotations (document) / 2 + k * 7);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      measure (window, "accept one", "doc.accept");
      measure (window, "undo", "doc.undo");
      measure (window, "redo", "doc.redo");
    }
  if (accept_all)
    measure (window, "accept all", "doc.accept-all");
  app_test_close_window (window);
  g_object_unref (app);
  return 0;
}
