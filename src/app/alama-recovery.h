/* alama-recovery.h: recovery copies of documents with unsaved changes, and
 * offering them back after a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "alama-document.h"

G_BEGIN_DECLS

/* How long after the last edit a copy is written, and how long at most
 * edits may go on without one, in milliseconds. */
#define ALAMA_RECOVERY_IDLE_MS 5000
#define ALAMA_RECOVERY_MAX_MS 60000

char *alama_recovery_get_dir (void);
void alama_recovery_set_delays (guint idle_ms,
                                guint max_ms);

#define ALAMA_TYPE_RECOVERY (alama_recovery_get_type ())

G_DECLARE_FINAL_TYPE (AlamaRecovery, alama_recovery, ALAMA, RECOVERY, GObject)

AlamaRecovery *alama_recovery_new (AlamaDocument *document,
                                   const char    *original_path,
                                   const char    *save_path);
const char *alama_recovery_get_path (AlamaRecovery *recovery);
void alama_recovery_discard (AlamaRecovery *recovery);

/**
 * AlamaRecoveryEntry:
 * @path: the recovery copy, Alama XML
 * @info_path: the file beside it that says where it belongs
 * @original_path: the file the document was opened from
 * @save_path: where saving the document writes
 * @time: when the copy was written, in seconds since 1970 (UTC)
 */
typedef struct
{
  char *path;
  char *info_path;
  char *original_path;
  char *save_path;
  gint64 time;
} AlamaRecoveryEntry;

void alama_recovery_entry_free (AlamaRecoveryEntry *entry);
void alama_recovery_entry_delete (AlamaRecoveryEntry *entry);
GPtrArray *alama_recovery_list (void);

void alama_recovery_offer (GtkApplication *application);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaRecoveryEntry, alama_recovery_entry_free)

G_END_DECLS
