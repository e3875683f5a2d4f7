/* alama-list-lines.h: reading the one-entry-a-line data files (the
 * common-word list, the gazetteers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean alama_list_next_entry (const char **text,
                                const char  *end,
                                const char **entry,
                                gsize       *len);

G_END_DECLS
