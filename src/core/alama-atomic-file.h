/* alama-atomic-file.h: replace a file's contents all at once.
 *
 * The new contents go to a temporary file in the same directory, which is
 * flushed to disk and then renamed over the old file: at every moment the
 * path holds either the complete old version or the complete new one, even
 * if the program or the machine stops half-way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean alama_atomic_file_write (const char *path,
                                  const void *data,
                                  gsize       len,
                                  gboolean    keep_backup,
                                  GError    **error);
gboolean alama_atomic_file_make_parent (const char *path,
                                        GError    **error);

G_END_DECLS
