/* alama-atomic-file.c: replace a file's contents all at once.
 *
 * The usual dance: write a temporary file next to the target, fsync it,
 * keep the old version as a hard link "path~", rename the temporary file
 * over the target, fsync the directory so that the rename itself is on
 * disk.  rename() within one directory is atomic on POSIX file systems.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "alama-atomic-file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

static gboolean
fail (GError    **error,
      int         saved_errno,
      const char *path,
      const char *what)
{
  g_autofree char *display = g_filename_display_name (path);

  if (what)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 "cannot save %s: %s: %s", display, what, g_strerror (saved_errno));
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 "cannot save %s: %s", display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      if (n == 0)
        {
          /* write() makes no progress only when the device is full. */
          errno = ENOSPC;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* The file a save replaces: @path itself, or the file a symbolic link at
 * @path points to, so that saving through a link keeps the link. */
static char *
resolve_target (const char *path)
{
  struct stat st;
  char *real;
  char *copy;

  if (lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return g_strdup (path);
  real = realpath (path, NULL);
  if (real == NULL)
    return g_strdup (path); /* a dangling link is replaced by the file */
  copy = g_strdup (real);
  free (real);
  return copy;
}

/**
 * alama_atomic_file_write:
 * @path: the file to write, in the GLib file name encoding
 * @data: (array length=len): the new contents
 * @len: their length in bytes
 * @keep_backup: whether to keep the file's previous version as "@path~"
 *   (replacing an older backup)
 * @error: return location for a #G_FILE_ERROR
 *
 * Replaces the contents of @path with @data atomically: the new contents
 * are written to a temporary file in the same directory and flushed to
 * disk (fsync) before it is renamed over @path, and the directory is
 * flushed after the rename.  When @path already exists, the new file gets
 * its permission bits (and, when allowed, its owner and group); when @path
 * is a symbolic link, the file it points to is replaced and the link kept.
 *
 * Every step is checked: a short write, `ENOSPC` or `EDQUOT` from write()
 * or fsync(), a failing close() or rename() is an error.  On error the
 * temporary file is removed and @path is left as it was; only an older
 * "@path~" backup may be gone.
 *
 * Returns: %TRUE when @path now holds @data; %FALSE with @error set to a
 *   message like "cannot save article.xml: No space left on device"
 */
gboolean
alama_atomic_file_write (const char *path,
                         const void *data,
                         gsize       len,
                         gboolean    keep_backup,
                         GError    **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *backup = NULL;
  gboolean moved_to_backup = FALSE;
  gboolean exists;
  struct stat st;
  int saved_errno;
  int fd;
  int dir_fd;

  g_return_val_if_fail (path != NULL && path[0] != '\0', FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = resolve_target (path);
  exists = stat (target, &st) == 0;
  if (!exists && errno != ENOENT)
    return fail (error, errno, path, NULL);
  if (exists && S_ISDIR (st.st_mode))
    return fail (error, EISDIR, path, NULL);
  if (exists && !S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "cannot save %s: not a regular file", display);
      return FALSE;
    }

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    return fail (error, errno, path, NULL);

  if (exists)
    {
      /* Changing the owner may clear set-id bits: chown first.  Only root
       * may give a file away; others keep their own ownership. */
      if (st.st_uid != geteuid () || st.st_gid != getegid ())
        (void) !fchown (fd, st.st_uid, st.st_gid);
      if (fchmod (fd, st.st_mode & 07777) != 0)
        goto fail_errno;
    }

  if (!write_all (fd, data, len) || fsync (fd) != 0)
    goto fail_errno;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail_errno;
    }
  fd = -1;

  if (keep_backup && exists)
    {
      backup = g_strconcat (target, "~", NULL);
      if (unlink (backup) != 0 && errno != ENOENT)
        {
          saved_errno = errno;
          g_unlink (tmp_path);
          return fail (error, saved_errno, path, "cannot replace the backup");
        }
      /* A hard link keeps @target in place throughout; file systems
       * without hard links get a rename, and @target is missing for a
       * moment. */
      if (link (target, backup) != 0)
        {
          if (rename (target, backup) != 0)
            {
              saved_errno = errno;
              g_unlink (tmp_path);
              return fail (error, saved_errno, path, "cannot keep a backup");
            }
          moved_to_backup = TRUE;
        }
    }

  if (rename (tmp_path, target) != 0)
    {
      saved_errno = errno;
      if (moved_to_backup)
        (void) !rename (backup, target);
      g_unlink (tmp_path);
      return fail (error, saved_errno, path, NULL);
    }

  /* The rename is only durable once the directory is on disk too.  Some
   * file systems cannot sync a directory (EINVAL): nothing to do there. */
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      if (fsync (dir_fd) != 0 && errno != EINVAL && errno != ENOTSUP)
        {
          saved_errno = errno;
          close (dir_fd);
          return fail (error, saved_errno, path,
                       "the file was replaced, but flushing its directory failed");
        }
      close (dir_fd);
    }
  return TRUE;

fail_errno:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  return fail (error, saved_errno, path, NULL);
}

/**
 * alama_atomic_file_make_parent:
 * @path: a file to be written, in the GLib file name encoding
 * @error: return location for a #G_IO_ERROR
 *
 * Makes the directory @path goes in, and those above it, private to the
 * user (mode 0700) where they are created: for files kept in the user's
 * configuration or state directories, which may not exist yet.
 *
 * Returns: %TRUE when the directory exists
 */
gboolean
alama_atomic_file_make_parent (const char *path,
                               GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
