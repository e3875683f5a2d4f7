/* alama-i18n.c: where the app finds its translations.
 *
 * The catalogues are installed under LOCALEDIR (the prefix's share/locale).
 * A program run from the build tree reads them from <build>/po instead,
 * named by ALAMA_LOCALEDIR: main.c sets it when the executable sits in a
 * meson build tree, `meson devenv` and the tests set it too.  An
 * environment variable rather than a build-tree path compiled into the
 * program, so that the installed binary holds no path of the machine it
 * was built on.
 *
 * The text domain must be bound before GTK is initialised: GLib turns
 * translations off for every library (GTK's own "default:RTL" included,
 * which mirrors the interface) when the program's default domain has no
 * catalogue for the locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-i18n.h"

#include <glib/gi18n.h>

#ifndef GETTEXT_PACKAGE
#error "GETTEXT_PACKAGE must be defined by the build"
#endif
#ifndef LOCALEDIR
#error "LOCALEDIR must be defined by the build"
#endif

/**
 * alama_i18n_get_localedir:
 *
 * Returns: (transfer none): the directory the app's catalogues are read
 *   from: $ALAMA_LOCALEDIR when set and not empty, else the installed one
 */
const char *
alama_i18n_get_localedir (void)
{
  const char *dir = g_getenv ("ALAMA_LOCALEDIR");

  return dir && *dir ? dir : LOCALEDIR;
}

/**
 * alama_i18n_init:
 *
 * Binds the app's text domain (UTF-8) and makes it the default one, so
 * that _() and the templates' translatable strings use it.  Call it after
 * setlocale() and before GTK is initialised.
 */
void
alama_i18n_init (void)
{
  bindtextdomain (GETTEXT_PACKAGE, alama_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * alama_i18n_translate_data:
 * @text: (nullable): a string that came with the data, such as a label's
 *   description
 *
 * The default labels' English descriptions are in the catalogue
 * (po/meson.build extracts them from alama-label-set.c); any other text,
 * a document's own description for instance, is shown as written.
 *
 * Returns: (transfer none) (nullable): the translation of @text when the
 *   catalogue has one, else @text
 */
const char *
alama_i18n_translate_data (const char *text)
{
  /* gettext ("") would return the catalogue's header. */
  if (text == NULL || *text == '\0')
    return text;
  return _(text);
}
