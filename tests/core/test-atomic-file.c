/* test-atomic-file.c: tests for replacing files atomically.
 *
 * Failures are made real where a test can make them: a directory that does
 * not exist, a path that is a directory, a backup that cannot be replaced,
 * a read-only directory (not as root, whom permissions do not stop), and a
 * file size limit (RLIMIT_FSIZE), which makes write() fail with EFBIG the
 * way a full disk makes it fail with ENOSPC, root or not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "alama-atomic-file.h"

typedef struct
{
  char *dir;
  char *path;
  char *backup;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("alama-atomic-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "مقالة.xml", NULL);
  f->backup = g_strconcat (f->path, "~", NULL);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_chmod (f->dir, 0700);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->backup);
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, expected, strlen (expected));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in @path, sorted, joined by spaces: no temporary file may be
 * left behind. */
static char *
sorted_listing (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_write_new (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *listing = NULL;
  struct stat st;
  mode_t mask = umask (022);

  umask (mask);
  g_assert_true (alama_atomic_file_write (f->path, "بيروت\n", strlen ("بيروت\n"), TRUE, &error));
  g_assert_no_error (error);
  assert_contents (f->path, "بيروت\n");
  /* Nothing to back up, and no temporary file left. */
  listing = sorted_listing (f->dir);
  g_assert_cmpstr (listing, ==, "مقالة.xml");
  /* A new file gets the usual permissions, not mkstemp's 0600. */
  g_assert_cmpint (g_stat (f->path, (GStatBuf *) &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0666 & ~mask);

  /* Empty contents are contents too. */
  g_assert_true (alama_atomic_file_write (f->path, NULL, 0, FALSE, &error));
  g_assert_no_error (error);
  assert_contents (f->path, "");
}

static void
test_backup (Fixture      *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (alama_atomic_file_write (f->path, "one", 3, TRUE, &error));
  g_assert_true (alama_atomic_file_write (f->path, "two", 3, TRUE, &error));
  g_assert_no_error (error);
  assert_contents (f->path, "two");
  assert_contents (f->backup, "one");
  g_assert_true (alama_atomic_file_write (f->path, "three", 5, TRUE, &error));
  assert_contents (f->path, "three");
  assert_contents (f->backup, "two");

  /* Without a backup, the old one stays as it was. */
  g_assert_true (alama_atomic_file_write (f->path, "four", 4, FALSE, &error));
  g_assert_no_error (error);
  assert_contents (f->path, "four");
  assert_contents (f->backup, "two");
  listing = sorted_listing (f->dir);
  g_assert_cmpstr (listing, ==, "مقالة.xml مقالة.xml~");
}

static void
test_permissions (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  struct stat st;

  g_assert_true (alama_atomic_file_write (f->path, "one", 3, TRUE, &error));
  g_assert_cmpint (g_chmod (f->path, 0604), ==, 0);
  g_assert_true (alama_atomic_file_write (f->path, "two", 3, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0604);
  g_assert_cmpint (stat (f->backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0604);
}

static void
test_symlink (Fixture      *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *target = g_build_filename (f->dir, "target.xml", NULL);
  g_autofree char *link = NULL;

  g_assert_true (alama_atomic_file_write (target, "one", 3, FALSE, &error));
  g_assert_cmpint (symlink ("target.xml", f->path), ==, 0);
  g_assert_true (alama_atomic_file_write (f->path, "two", 3, TRUE, &error));
  g_assert_no_error (error);
  link = g_file_read_link (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (link, ==, "target.xml");
  assert_contents (target, "two");
  assert_contents (f->path, "two");
}

static void
test_missing_directory (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "no-such-dir", "a.xml", NULL);
  g_autofree char *listing = NULL;

  g_assert_false (alama_atomic_file_write (path, "x", 1, TRUE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (error->message, "cannot save "));
  g_assert_true (g_str_has_suffix (error->message, "a.xml: No such file or directory"));
  listing = sorted_listing (f->dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_directory (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (g_mkdir (f->path, 0700), ==, 0);
  g_assert_false (alama_atomic_file_write (f->path, "x", 1, TRUE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  listing = sorted_listing (f->dir);
  g_assert_cmpstr (listing, ==, "مقالة.xml");
}

/* A backup that cannot be made stops the save: the caller asked for one. */
static void
test_backup_fails (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *inside = g_build_filename (f->backup, "keep", NULL);
  g_autofree char *listing = NULL;

  g_assert_true (alama_atomic_file_write (f->path, "original", 8, TRUE, &error));
  g_assert_cmpint (g_mkdir (f->backup, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "", 0, NULL));
  g_assert_false (alama_atomic_file_write (f->path, "new", 3, TRUE, &error));
  g_assert_error (error, G_FILE_ERROR, error->code);
  g_assert_nonnull (strstr (error->message, "backup"));
  assert_contents (f->path, "original");
  listing = sorted_listing (f->dir);
  g_assert_cmpstr (listing, ==, "مقالة.xml مقالة.xml~");
}

static void
test_read_only_directory (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *probe = g_build_filename (f->dir, "probe", NULL);
  g_autofree char *listing = NULL;

  g_assert_true (alama_atomic_file_write (f->path, "original", 8, TRUE, &error));
  g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);
  if (g_file_set_contents (probe, "", 0, NULL))
    {
      g_unlink (probe);
      g_test_skip ("permissions do not stop this user (root?); "
                   "/alama/atomic-file/file-too-big fails writes for root too");
      return;
    }
  g_assert_false (alama_atomic_file_write (f->path, "new", 3, TRUE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_assert_true (g_str_has_suffix (error->message, ": Permission denied"));
  assert_contents (f->path, "original");
  g_chmod (f->dir, 0700);
  listing = sorted_listing (f->dir);
  g_assert_cmpstr (listing, ==, "مقالة.xml");
}

/* Writes fail half-way, as on a full disk: the original stays whole and
 * the temporary file goes. */
static void
test_file_too_big (Fixture      *f,
                   gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *listing = NULL;
      g_autofree char *big = g_malloc0 (1 << 20);
      struct rlimit limit = { 64 * 1024, 64 * 1024 };

      g_assert_true (alama_atomic_file_write (f->path, "original", 8, TRUE, &error));
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (alama_atomic_file_write (f->path, big, 1 << 20, TRUE, &error));
      g_assert_error (error, G_FILE_ERROR, (int) g_file_error_from_errno (EFBIG));
      g_assert_true (g_str_has_suffix (error->message, g_strerror (EFBIG)));
      assert_contents (f->path, "original");
      listing = sorted_listing (f->dir);
      g_assert_cmpstr (listing, ==, "مقالة.xml");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The directory of a file kept in a configuration or state directory that
 * does not exist yet is made, private; a file in the way is an error that
 * names the directory. */
static void
test_make_parent (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "c.ini", NULL);
  g_autofree char *parent = g_path_get_dirname (nested);
  g_autofree char *blocked = g_build_filename (f->path, "d", "e.ini", NULL);
  GStatBuf st;

  g_assert_true (alama_atomic_file_make_parent (nested, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (parent, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  /* Again: it exists, nothing to do. */
  g_assert_true (alama_atomic_file_make_parent (nested, &error));
  g_assert_true (alama_atomic_file_write (nested, "x", 1, FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (alama_atomic_file_write (f->path, "x", 1, FALSE, &error));
  g_assert_false (alama_atomic_file_make_parent (blocked, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_true (g_str_has_suffix (error->message, "/d: Not a directory"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/alama/atomic-file/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("write-new", test_write_new);
  ADD ("backup", test_backup);
  ADD ("permissions", test_permissions);
  ADD ("symlink", test_symlink);
  ADD ("missing-directory", test_missing_directory);
  ADD ("directory", test_directory);
  ADD ("backup-fails", test_backup_fails);
  ADD ("read-only-directory", test_read_only_directory);
  ADD ("file-too-big", test_file_too_big);
  ADD ("make-parent", test_make_parent);
#undef ADD

  return g_test_run ();
}
