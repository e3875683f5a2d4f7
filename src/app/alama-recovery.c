/* alama-recovery.c: recovery copies of documents with unsaved changes, and
 * offering them back after a crash.
 *
 * While a document has unsaved changes, an AlamaRecovery writes it as Alama
 * XML into the recovery directory a few seconds after the last edit (and at
 * least once a minute while edits go on), with a small key file beside it
 * that names the file it was opened from and where saving writes.  The copy
 * goes once the document is saved, undone back to its saved state or its
 * changes are discarded; it stays when the program ends without asking,
 * which is what a crash does.
 *
 * Writing never holds the main loop up for long: the document is copied
 * there (about 13 ms for 5 MB of text and 58 000 annotations), the copy is
 * serialized and written atomically on a worker thread.
 *
 * At start-up the application offers back the copies whose documents are
 * not open: Restore opens the copy, marked modified, with its original
 * file as the save target; Discard deletes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-recovery.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "alama-atomic-file.h"
#include "alama-window.h"
#include "alama-xml.h"

#define INFO_GROUP "Recovery"
#define INFO_SUFFIX ".info"
#define COPY_SUFFIX ".xml"

static guint idle_ms = ALAMA_RECOVERY_IDLE_MS;
static guint max_ms = ALAMA_RECOVERY_MAX_MS;

/**
 * alama_recovery_get_dir:
 *
 * Where recovery copies are kept: $ALAMA_RECOVERY_DIR when set (tests),
 * otherwise alama/recovery in the user's state directory
 * ($XDG_STATE_HOME, ~/.local/state).
 *
 * Returns: (transfer full): the directory's path
 */
char *
alama_recovery_get_dir (void)
{
  const char *dir = g_getenv ("ALAMA_RECOVERY_DIR");

  if (dir && *dir)
    return g_strdup (dir);
  return g_build_filename (g_get_user_state_dir (), "alama", "recovery", NULL);
}

/**
 * alama_recovery_set_delays:
 * @idle: how long after the last edit a copy is written, in milliseconds
 * @max: how long at most edits may go on without a copy, in milliseconds
 *
 * Changes the delays of recoveries made from now on (tests shorten them).
 */
void
alama_recovery_set_delays (guint idle,
                           guint max)
{
  idle_ms = idle;
  max_ms = MAX (idle, max);
}

struct _AlamaRecovery
{
  GObject parent_instance;

  AlamaDocument *document;
  char *original_path;
  char *save_path;
  char *path;      /* the copy */
  char *info_path; /* the key file beside it */
  gulong changed_handler;
  gulong modified_handler;
  guint timeout_id;
  guint idle_ms;
  guint max_ms;
  /* When the oldest change not yet in a copy was made (monotonic µs), or 0. */
  gint64 pending_since;
  gboolean writing;
  /* Changed while a copy was being written: another one is due. */
  gboolean changed_while_writing;
  gboolean discarded;
};

G_DEFINE_FINAL_TYPE (AlamaRecovery, alama_recovery, G_TYPE_OBJECT)

enum
{
  SIGNAL_WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  AlamaDocument *snapshot;
  char *path;
  char *info_path;
  char *info;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->snapshot);
  g_free (data->path);
  g_free (data->info_path);
  g_free (data->info);
  g_free (data);
}

static void
unlink_quietly (const char *path)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("could not delete %s: %s", path, g_strerror (errno));
}

static void
delete_copy (AlamaRecovery *self)
{
  unlink_quietly (self->info_path);
  unlink_quietly (self->path);
}

static void
cancel_timeout (AlamaRecovery *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->pending_since = 0;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = alama_xml_save (data->snapshot, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The copy first: a key file is only ever beside a complete copy. */
  if (!alama_atomic_file_make_parent (data->path, &error)
      || !alama_atomic_file_write (data->path, g_bytes_get_data (bytes, NULL),
                                g_bytes_get_size (bytes), FALSE, &error)
      || !alama_atomic_file_write (data->info_path, data->info, strlen (data->info), FALSE,
                                   &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void schedule (AlamaRecovery *self);

static void
write_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (AlamaRecovery) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->writing = FALSE;
  if (!ok)
    g_debug ("recovery copy %s not written: %s", self->path, error->message);
  /* Saved or discarded meanwhile: the copy just written is not wanted. */
  if (self->discarded || !alama_document_get_modified (self->document))
    {
      delete_copy (self);
      return;
    }
  if (ok)
    {
      g_debug ("recovery: %s written", self->path);
      g_signal_emit (self, signals[SIGNAL_WRITTEN], 0);
    }
  if (self->changed_while_writing)
    {
      self->changed_while_writing = FALSE;
      schedule (self);
    }
}

static char *
make_info (AlamaRecovery *self)
{
  g_autoptr (GKeyFile) info = g_key_file_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_key_file_set_string (info, INFO_GROUP, "original", self->original_path);
  g_key_file_set_string (info, INFO_GROUP, "save-path", self->save_path);
  g_key_file_set_int64 (info, INFO_GROUP, "time", g_date_time_to_unix (now));
  return g_key_file_to_data (info, NULL, NULL);
}

static void
start_write (AlamaRecovery *self)
{
  g_autoptr (GTask) task = NULL;
  WriteData *data;
  gint64 start;

  if (self->writing)
    {
      self->changed_while_writing = TRUE;
      return;
    }
  if (self->discarded || !alama_document_get_modified (self->document))
    return;
  data = g_new0 (WriteData, 1);
  start = g_get_monotonic_time ();
  data->snapshot = alama_document_copy (self->document);
  g_debug ("recovery: document copied in %.1f ms on the main thread",
           (double) (g_get_monotonic_time () - start) / 1000);
  data->path = g_strdup (self->path);
  data->info_path = g_strdup (self->info_path);
  data->info = make_info (self);
  self->writing = TRUE;
  task = g_task_new (NULL, NULL, write_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

static gboolean
timeout_cb (gpointer user_data)
{
  AlamaRecovery *self = user_data;

  self->timeout_id = 0;
  self->pending_since = 0;
  start_write (self);
  return G_SOURCE_REMOVE;
}

/* A copy is due idle_ms after this change, or sooner when changes have
 * gone on for max_ms without one. */
static void
schedule (AlamaRecovery *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 delay = self->idle_ms;

  if (self->pending_since == 0)
    self->pending_since = now;
  delay = MIN (delay, (gint64) self->max_ms - (now - self->pending_since) / 1000);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add ((guint) MAX (delay, 0), timeout_cb, self);
}

static void
document_changed_cb (AlamaDocument *document,
                     guint64        start,
                     guint64        end,
                     AlamaRecovery *self)
{
  if (alama_document_get_modified (document))
    schedule (self);
}

static void
document_modified_cb (AlamaDocument *document,
                      GParamSpec    *pspec,
                      AlamaRecovery *self)
{
  if (alama_document_get_modified (document))
    {
      schedule (self);
      return;
    }
  /* Saved, or undone back to what was saved.  A copy being written is
   * deleted once written too (write_done_cb). */
  cancel_timeout (self);
  delete_copy (self);
}

/**
 * alama_recovery_new:
 * @document: the document to keep a recovery copy of
 * @original_path: the file it was opened from
 * @save_path: where saving it writes
 *
 * Starts watching @document: from its next edit on, a recovery copy is
 * written while it has unsaved changes, and deleted when it has none.  A copy written
 * before for the same @save_path (a restored one) is the one overwritten.
 *
 * Returns: (transfer full): the recovery
 */
AlamaRecovery *
alama_recovery_new (AlamaDocument *document,
                    const char    *original_path,
                    const char    *save_path)
{
  AlamaRecovery *self;
  g_autofree char *dir = alama_recovery_get_dir ();
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (original_path != NULL && save_path != NULL, NULL);

  self = g_object_new (ALAMA_TYPE_RECOVERY, NULL);
  self->document = g_object_ref (document);
  self->original_path = g_strdup (original_path);
  self->save_path = g_strdup (save_path);
  /* One copy per save target, whichever window holds it. */
  id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, save_path, -1);
  name = g_strndup (id, 32);
  self->path = g_strconcat (dir, G_DIR_SEPARATOR_S, name, COPY_SUFFIX, NULL);
  self->info_path = g_strconcat (dir, G_DIR_SEPARATOR_S, name, INFO_SUFFIX, NULL);
  self->idle_ms = idle_ms;
  self->max_ms = max_ms;
  self->changed_handler = g_signal_connect (document, "changed",
                                            G_CALLBACK (document_changed_cb), self);
  self->modified_handler = g_signal_connect (document, "notify::modified",
                                             G_CALLBACK (document_modified_cb), self);
  /* Nothing is written before the first edit: a text just opened holds
   * the recognizer's suggestions only, made again by opening it again,
   * and a restored document's copy is on disk already. */
  return self;
}

/**
 * alama_recovery_get_path:
 * @recovery: the recovery
 *
 * Returns: (transfer none): where the recovery copy is written
 */
const char *
alama_recovery_get_path (AlamaRecovery *self)
{
  g_return_val_if_fail (ALAMA_IS_RECOVERY (self), NULL);
  return self->path;
}

/**
 * alama_recovery_discard:
 * @recovery: the recovery
 *
 * The user gave the changes up: deletes the copy and writes no other.
 */
void
alama_recovery_discard (AlamaRecovery *self)
{
  g_return_if_fail (ALAMA_IS_RECOVERY (self));
  self->discarded = TRUE;
  cancel_timeout (self);
  delete_copy (self);
}

static void
alama_recovery_dispose (GObject *object)
{
  AlamaRecovery *self = ALAMA_RECOVERY (object);

  /* A copy already written stays: the changes were neither saved nor
   * given up. */
  cancel_timeout (self);
  if (self->document)
    {
      g_clear_signal_handler (&self->changed_handler, self->document);
      g_clear_signal_handler (&self->modified_handler, self->document);
      g_clear_object (&self->document);
    }
  G_OBJECT_CLASS (alama_recovery_parent_class)->dispose (object);
}

static void
alama_recovery_finalize (GObject *object)
{
  AlamaRecovery *self = ALAMA_RECOVERY (object);

  g_free (self->original_path);
  g_free (self->save_path);
  g_free (self->path);
  g_free (self->info_path);
  G_OBJECT_CLASS (alama_recovery_parent_class)->finalize (object);
}

static void
alama_recovery_class_init (AlamaRecoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alama_recovery_dispose;
  object_class->finalize = alama_recovery_finalize;

  /**
   * AlamaRecovery::written:
   *
   * A recovery copy was written.
   */
  signals[SIGNAL_WRITTEN] = g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
alama_recovery_init (AlamaRecovery *self)
{
}

void
alama_recovery_entry_free (AlamaRecoveryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->path);
  g_free (entry->info_path);
  g_free (entry->original_path);
  g_free (entry->save_path);
  g_free (entry);
}

/**
 * alama_recovery_entry_delete:
 * @entry: a recovery copy
 *
 * Deletes the copy and the key file beside it.
 */
void
alama_recovery_entry_delete (AlamaRecoveryEntry *entry)
{
  g_return_if_fail (entry != NULL);
  unlink_quietly (entry->info_path);
  unlink_quietly (entry->path);
}

static gint
entry_compare (gconstpointer a,
               gconstpointer b)
{
  const AlamaRecoveryEntry *x = *(AlamaRecoveryEntry *const *) a;
  const AlamaRecoveryEntry *y = *(AlamaRecoveryEntry *const *) b;

  return (x->time > y->time) - (x->time < y->time);
}

/**
 * alama_recovery_list:
 *
 * Finds the recovery copies in the recovery directory, oldest first.  A
 * key file that cannot be read, or with no copy beside it, is skipped.
 *
 * Returns: (transfer full) (element-type AlamaRecoveryEntry): the copies
 */
GPtrArray *
alama_recovery_list (void)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_recovery_entry_free);
  g_autofree char *dir_path = alama_recovery_get_dir ();
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return entries;
  while ((name = g_dir_read_name (dir)))
    {
      g_autoptr (GKeyFile) info = g_key_file_new ();
      g_autoptr (AlamaRecoveryEntry) entry = NULL;
      g_autofree char *stem = NULL;

      if (!g_str_has_suffix (name, INFO_SUFFIX))
        continue;
      entry = g_new0 (AlamaRecoveryEntry, 1);
      entry->info_path = g_build_filename (dir_path, name, NULL);
      stem = g_strndup (name, strlen (name) - strlen (INFO_SUFFIX));
      entry->path = g_strconcat (dir_path, G_DIR_SEPARATOR_S, stem, COPY_SUFFIX, NULL);
      if (!g_key_file_load_from_file (info, entry->info_path, G_KEY_FILE_NONE, NULL)
          || !g_file_test (entry->path, G_FILE_TEST_IS_REGULAR))
        continue;
      entry->original_path = g_key_file_get_string (info, INFO_GROUP, "original", NULL);
      entry->save_path = g_key_file_get_string (info, INFO_GROUP, "save-path", NULL);
      entry->time = g_key_file_get_int64 (info, INFO_GROUP, "time", NULL);
      if (entry->original_path == NULL || entry->save_path == NULL)
        continue;
      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }
  g_ptr_array_sort (entries, entry_compare);
  return entries;
}

/* Offering copies back. */

typedef struct
{
  GtkApplication *application;
  GPtrArray *entries; /* AlamaRecoveryEntry, the ones still to offer */
} Offer;

static void
offer_free (Offer *offer)
{
  g_object_unref (offer->application);
  g_ptr_array_unref (offer->entries);
  g_free (offer);
}

/* The set of copies offered in this run (paths), kept on the application
 * so that a second launch does not ask again. */
static GHashTable *
offered_paths (GtkApplication *application)
{
  GHashTable *offered = g_object_get_data (G_OBJECT (application), "alama-recovery-offered");

  if (offered == NULL)
    {
      offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (application), "alama-recovery-offered", offered,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return offered;
}

static gboolean
is_open (GtkApplication           *application,
         const AlamaRecoveryEntry *entry)
{
  for (GList *l = gtk_application_get_windows (application); l; l = l->next)
    {
      GFile *file;
      g_autofree char *path = NULL;

      if (!ALAMA_IS_WINDOW (l->data))
        continue;
      file = alama_window_get_file (l->data);
      path = file ? g_file_get_path (file) : NULL;
      if (g_strcmp0 (path, entry->original_path) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  AlamaWindow *window; /* a reference */
  AlamaRecoveryEntry *entry;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_clear_object (&data->window);
  alama_recovery_entry_free (data->entry);
  g_free (data);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreData *data = task_data;
  GError *error = NULL;
  AlamaDocument *document = alama_xml_load_file (data->entry->path, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

static void
restore_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RestoreData *data = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (AlamaDocument) document = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (GFile) original = g_file_new_for_path (data->entry->original_path);

  if (document == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The recovered changes could not be read: %s"),
                                                  error->message);

      alama_window_add_toast (data->window, adw_toast_new (message));
    }
  else
    alama_window_restore (data->window, document, original, data->entry->save_path);
  restore_data_free (data);
}

static void offer_next (Offer *offer);

/* A window that shows nothing, or a new one. */
static AlamaWindow *
empty_window (GtkApplication *application)
{
  GtkWindow *active = gtk_application_get_active_window (application);

  if (ALAMA_IS_WINDOW (active) && alama_window_get_file (ALAMA_WINDOW (active)) == NULL
      && alama_window_get_document (ALAMA_WINDOW (active)) == NULL)
    return ALAMA_WINDOW (active);
  return alama_window_new (ALAMA_APPLICATION (application));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Offer            *offer)
{
  AlamaRecoveryEntry *entry = g_ptr_array_steal_index (offer->entries, 0);

  if (strcmp (response, "restore") == 0)
    {
      RestoreData *data = g_new0 (RestoreData, 1);
      g_autoptr (GTask) task = NULL;

      data->window = g_object_ref (empty_window (offer->application));
      data->entry = entry;
      gtk_window_present (GTK_WINDOW (data->window));
      task = g_task_new (NULL, NULL, restore_done_cb, data);
      g_task_set_source_tag (task, response_cb);
      g_task_set_task_data (task, data, NULL);
      g_task_run_in_thread (task, restore_thread);
    }
  else
    {
      /* Closed without an answer: asked again next time. */
      if (strcmp (response, "discard") == 0)
        alama_recovery_entry_delete (entry);
      alama_recovery_entry_free (entry);
    }
  offer_next (offer);
}

static void
offer_next (Offer *offer)
{
  AlamaRecoveryEntry *entry;
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *when = NULL;

  if (offer->entries->len == 0)
    {
      offer_free (offer);
      return;
    }
  entry = offer->entries->pdata[0];
  name = g_filename_display_basename (entry->original_path);
  time = g_date_time_new_from_unix_local (entry->time);
  /* TRANSLATORS: a date and time as strftime() writes it */
  when = time ? g_date_time_format (time, _("%x %X")) : NULL;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      gtk_application_get_active_window (offer->application), _("Unsaved Changes Recovered"),
      NULL));
  /* TRANSLATORS: the file's name, then when the changes were kept */
  adw_message_dialog_format_body (dialog,
                                  _("Unsaved changes to “%s” were recovered (last kept %s). "
                                    "Restore them, or discard them for good?"),
                                  name, when ? when : "");
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "later");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), offer);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * alama_recovery_offer:
 * @application: the application
 *
 * Offers back, one after the other, the recovery copies whose documents
 * no window shows and that were not offered before in this run: a dialog
 * over the active window asks whether to restore or discard each.
 */
void
alama_recovery_offer (GtkApplication *application)
{
  g_autoptr (GPtrArray) entries = alama_recovery_list ();
  GHashTable *offered = offered_paths (application);
  Offer *offer;

  g_return_if_fail (GTK_IS_APPLICATION (application));

  offer = g_new0 (Offer, 1);
  offer->application = g_object_ref (application);
  offer->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_recovery_entry_free);
  for (guint k = 0; k < entries->len; k++)
    {
      AlamaRecoveryEntry *entry = entries->pdata[k];

      if (g_hash_table_contains (offered, entry->path) || is_open (application, entry))
        continue;
      g_hash_table_add (offered, g_strdup (entry->path));
      g_ptr_array_add (offer->entries, g_ptr_array_steal_index (entries, k--));
    }
  offer_next (offer);
}
