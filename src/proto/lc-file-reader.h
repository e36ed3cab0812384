/* lc-file-reader.h — files named by a person or a profile, read with a size cap, never a FIFO
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LC_FILE_ERROR (lc_file_error_quark ())

/**
 * LcFileError:
 * @LC_FILE_ERROR_EMPTY_NAME: the name is empty
 * @LC_FILE_ERROR_NOT_FOUND: no such file
 * @LC_FILE_ERROR_NOT_REGULAR: a folder, a FIFO, a device or a socket
 * @LC_FILE_ERROR_TOO_LARGE: larger than the caller allows
 * @LC_FILE_ERROR_READ: could not be opened or read (permissions, I/O)
 */
typedef enum
{
  LC_FILE_ERROR_EMPTY_NAME = 1,
  LC_FILE_ERROR_NOT_FOUND,
  LC_FILE_ERROR_NOT_REGULAR,
  LC_FILE_ERROR_TOO_LARGE,
  LC_FILE_ERROR_READ,
} LcFileError;

GQuark  lc_file_error_quark (void);

GBytes *lc_file_read_bounded (const char  *path,
                              gsize        max_bytes,
                              GError     **error);
gboolean lc_file_check_regular (const char  *path,
                                gsize        max_bytes,
                                GError     **error);

G_END_DECLS
