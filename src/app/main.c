/* main.c: the alama desktop app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "alama-application.h"
#include "alama-timing.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AlamaApplication) app = NULL;

  alama_timing_start ();
  setlocale (LC_ALL, "");
  g_set_application_name (_("Alama"));
  app = alama_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
