/* lc-report-upload-private.h — what lc-report-upload.c (sending) and lc-report-upload-outbox.c
 * (the files of the reports waiting) share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-report-upload.h"

G_BEGIN_DECLS

#define LC_OUTBOX_ENTRY_SUFFIX ".json"

/* One report on its way: read from the outbox, or about to be written there. */
typedef struct
{
  char         *path;       /* the outbox file; NULL while not (or never) written */
  char         *claimed;    /* the path this process claimed */
  char         *name;       /* the file's name without ".json": the Idempotency-Key */
  char         *url;
  char         *ca_file;    /* NULL: the system's authorities */
  GBytes       *body;
  GTlsDatabase *database;   /* built on a worker thread */
  GError       *error;      /* why it cannot be sent at all */
} LcUploadEntry;

typedef struct
{
  char   *name;             /* without ".json" */
  char   *path;
  goffset size;
} LcOutboxFile;

typedef enum
{
  LC_OUTBOX_READ_OK,
  LC_OUTBOX_READ_CORRUPT,   /* never sendable: removed */
  LC_OUTBOX_READ_LATER,     /* from a newer Linecheck, or unreadable now: left alone */
} LcOutboxRead;

gboolean      _lc_report_upload_claim               (const char     *path);
void          _lc_report_upload_release             (const char     *path);
void          _lc_report_upload_entry_free          (LcUploadEntry  *entry);
char         *_lc_report_upload_new_entry_name      (void);
GPtrArray    *_lc_report_upload_list_outbox         (GFile          *outbox,
                                                     GError        **error);
gboolean      _lc_report_upload_write_entry         (GFile          *outbox,
                                                     LcUploadEntry  *entry,
                                                     GError        **error);
LcOutboxRead  _lc_report_upload_read_entry          (LcOutboxFile   *file,
                                                     LcUploadEntry **out,
                                                     char          **why);
void          _lc_report_upload_load_trust          (LcUploadEntry  *entry,
                                                     GHashTable     *cache);
void          _lc_report_upload_remove_entry_thread (GTask          *task,
                                                     gpointer        source_object,
                                                     gpointer        task_data,
                                                     GCancellable   *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcUploadEntry, _lc_report_upload_entry_free)

G_END_DECLS
