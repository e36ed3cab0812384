/* lc-file-reader.c — reads a regular file whole, up to a cap; anything else is refused at once
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lc-file-reader.h"

G_DEFINE_QUARK (lc-file-error-quark, lc_file_error)

static const char *
describe_kind (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISFIFO (mode))
    return _("a named pipe (FIFO)");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  if (S_ISSOCK (mode))
    return _("a socket");
  return _("not a regular file");
}

static void
set_errno_error (GError     **error,
                 int          saved_errno)
{
  if (saved_errno == ENOENT || saved_errno == ENOTDIR)
    g_set_error_literal (error, LC_FILE_ERROR, LC_FILE_ERROR_NOT_FOUND, _("no such file"));
  else
    g_set_error_literal (error, LC_FILE_ERROR, LC_FILE_ERROR_READ, g_strerror (saved_errno));
}

/* Opens @path without blocking (a FIFO with no writer would block open() itself), then
 * checks on the open descriptor that it is a regular file no larger than @max_bytes. */
static int
open_regular (const char  *path,
              gsize        max_bytes,
              struct stat *st,
              GError     **error)
{
  int fd;

  if (path == NULL || *path == '\0')
    {
      g_set_error_literal (error, LC_FILE_ERROR, LC_FILE_ERROR_EMPTY_NAME,
                           _("the file name is empty"));
      return -1;
    }

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno);
      return -1;
    }

  if (fstat (fd, st) != 0)
    {
      set_errno_error (error, errno);
      close (fd);
      return -1;
    }

  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, LC_FILE_ERROR, LC_FILE_ERROR_NOT_REGULAR,
                   _("it is %s, not a regular file"), describe_kind (st->st_mode));
      close (fd);
      return -1;
    }

  if ((guint64)st->st_size > max_bytes)
    {
      g_autofree char *size = g_format_size (st->st_size);
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, LC_FILE_ERROR, LC_FILE_ERROR_TOO_LARGE,
                   _("the file is %s, more than the %s allowed"), size, limit);
      close (fd);
      return -1;
    }

  return fd;
}

/**
 * lc_file_check_regular:
 *
 * For files another library opens itself (a CA file): refuses at once what
 * lc_file_read_bounded() would refuse.
 *
 * Returns: %TRUE when @path is a readable regular file of at most @max_bytes
 */
gboolean
lc_file_check_regular (const char  *path,
                       gsize        max_bytes,
                       GError     **error)
{
  struct stat st;
  int fd = open_regular (path, max_bytes, &st, error);

  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

/**
 * lc_file_read_bounded:
 * @path: a file name in the file system's encoding
 * @max_bytes: larger files are refused without being read
 *
 * Blocks on file I/O, briefly: only regular files are read, so a FIFO, a device
 * (`/dev/zero`) or a folder is refused at once. A file that grows while it is read is cut
 * at @max_bytes + 1 and refused as too large. Errors say what is wrong, not which file:
 * the caller names it (and the option or field that gave it).
 *
 * Returns: (transfer full): the contents, or %NULL with @error (%LC_FILE_ERROR)
 */
GBytes *
lc_file_read_bounded (const char  *path,
                      gsize        max_bytes,
                      GError     **error)
{
  struct stat st;
  g_autofree guint8 *data = NULL;
  gsize size = 0;
  gsize capacity;
  int fd;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = open_regular (path, max_bytes, &st, error);
  if (fd < 0)
    return NULL;

  capacity = MIN ((gsize)st.st_size, max_bytes) + 1;
  data = g_malloc (capacity);

  for (;;)
    {
      gssize n;

      if (size == capacity)
        {
          if (capacity > max_bytes)
            {
              g_autofree char *limit = g_format_size (max_bytes);

              g_set_error (error, LC_FILE_ERROR, LC_FILE_ERROR_TOO_LARGE,
                           _("the file is larger than the %s allowed"), limit);
              close (fd);
              return NULL;
            }
          capacity = MIN (capacity * 2, max_bytes + 1);
          data = g_realloc (data, capacity);
        }

      n = read (fd, data + size, capacity - size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      size += n;
    }

  close (fd);

  if (size > max_bytes)
    {
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, LC_FILE_ERROR, LC_FILE_ERROR_TOO_LARGE,
                   _("the file is larger than the %s allowed"), limit);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&data), size);
}
