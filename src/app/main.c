/* main.c: the alama desktop app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "alama-application.h"
#include "alama-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AlamaApplication) app = NULL;

  setlocale (LC_ALL, "");
  alama_i18n_init ();
  g_set_application_name (_("Alama"));
  app = alama_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
