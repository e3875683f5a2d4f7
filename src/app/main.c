/* main.c: the alama desktop app.
 *
 * A program run from its meson build tree (build/src/app/alama, as the
 * README's first command does) has no installed settings schema and no
 * installed catalogues: it then reads those the build made in that tree,
 * unless GSETTINGS_SCHEMA_DIR or ALAMA_LOCALEDIR already name others.  The
 * tree is found from the executable's own path, so nothing of the build
 * machine is compiled into the program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "alama-application.h"
#include "alama-i18n.h"
#include "alama-timing.h"

/* The build directory holding this executable (BUILD/src/app/alama), or
 * NULL when it is not in a meson build tree. */
static char *
find_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *app_dir = NULL;
  g_autofree char *src_dir = NULL;
  g_autofree char *build_dir = NULL;
  g_autofree char *marker = NULL;

  if (exe == NULL)
    return NULL;
  app_dir = g_path_get_dirname (exe);
  src_dir = g_path_get_dirname (app_dir);
  build_dir = g_path_get_dirname (src_dir);
  marker = g_build_filename (build_dir, "meson-private", NULL);
  if (!g_file_test (marker, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&build_dir);
}

static void
use_build_tree_data (void)
{
  g_autofree char *build_dir = find_build_tree ();
  g_autofree char *schemas = NULL;
  g_autofree char *compiled = NULL;
  g_autofree char *po = NULL;

  if (build_dir == NULL)
    return;
  schemas = g_build_filename (build_dir, "data", NULL);
  compiled = g_build_filename (schemas, "gschemas.compiled", NULL);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL && g_file_test (compiled, G_FILE_TEST_EXISTS))
    g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, FALSE);
  po = g_build_filename (build_dir, "po", NULL);
  if (g_getenv ("ALAMA_LOCALEDIR") == NULL && g_file_test (po, G_FILE_TEST_IS_DIR))
    g_setenv ("ALAMA_LOCALEDIR", po, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AlamaApplication) app = NULL;

  alama_timing_start ();
  use_build_tree_data ();
  setlocale (LC_ALL, "");
  alama_i18n_init ();
  g_set_application_name (_("Alama"));
  app = alama_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
