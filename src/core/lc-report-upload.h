/* lc-report-upload.h — a run's report sent to the platform's report_url, or kept until it can be
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lc-report.h"

G_BEGIN_DECLS

#define LC_REPORT_UPLOAD_ERROR (lc_report_upload_error_quark ())

/**
 * LcReportUploadError:
 * @LC_REPORT_UPLOAD_ERROR_NO_ADDRESS: the profile names no `report_url`
 * @LC_REPORT_UPLOAD_ERROR_UNREACHABLE: no answer: the name, the connection or TLS failed
 * @LC_REPORT_UPLOAD_ERROR_TIMED_OUT: no answer within the deadline
 * @LC_REPORT_UPLOAD_ERROR_TLS: the receiver's certificate is not trusted
 * @LC_REPORT_UPLOAD_ERROR_REFUSED: the receiver answered, but not with 2xx
 * @LC_REPORT_UPLOAD_ERROR_REDIRECTED: the receiver answered with a redirect, never followed
 * @LC_REPORT_UPLOAD_ERROR_QUEUE: the outbox could not be written or read
 */
typedef enum
{
  LC_REPORT_UPLOAD_ERROR_NO_ADDRESS = 1,
  LC_REPORT_UPLOAD_ERROR_UNREACHABLE,
  LC_REPORT_UPLOAD_ERROR_TIMED_OUT,
  LC_REPORT_UPLOAD_ERROR_TLS,
  LC_REPORT_UPLOAD_ERROR_REFUSED,
  LC_REPORT_UPLOAD_ERROR_REDIRECTED,
  LC_REPORT_UPLOAD_ERROR_QUEUE,
} LcReportUploadError;

GQuark lc_report_upload_error_quark (void);

/* How long one report may take to be sent, from the connection to the answer. */
#define LC_REPORT_UPLOAD_DEADLINE_MS 15000
/* The outbox's bounds: beyond them the oldest reports waiting are dropped first (their copy
 * in the history stays). */
#define LC_REPORT_UPLOAD_MAX_QUEUED 50
#define LC_REPORT_UPLOAD_MAX_QUEUE_BYTES (20 * 1024 * 1024)
/* A report is far smaller; anything larger is neither sent nor queued. */
#define LC_REPORT_UPLOAD_MAX_BODY_BYTES (4 * 1024 * 1024)
/* How much of the receiver's answer is read (and at most 120 characters of it quoted). */
#define LC_REPORT_UPLOAD_MAX_REPLY_BYTES 4096

#define LC_TYPE_REPORT_UPLOAD (lc_report_upload_get_type ())

G_DECLARE_FINAL_TYPE (LcReportUpload, lc_report_upload, LC, REPORT_UPLOAD, GObject)

LcReportUpload *lc_report_upload_new                (GFile               *outbox);
GFile          *lc_report_upload_dup_default_outbox (void);
GFile          *lc_report_upload_get_outbox         (LcReportUpload      *self);
guint           lc_report_upload_get_deadline_ms    (LcReportUpload      *self);
void            lc_report_upload_set_deadline_ms    (LcReportUpload      *self,
                                                     guint                deadline_ms);

void            lc_report_upload_send_async         (LcReportUpload      *self,
                                                     LcReport            *report,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        lc_report_upload_send_finish        (LcReportUpload      *self,
                                                     GAsyncResult        *result,
                                                     gboolean            *queued,
                                                     GError             **error);

void            lc_report_upload_retry_queue_async  (LcReportUpload      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        lc_report_upload_retry_queue_finish (LcReportUpload      *self,
                                                     GAsyncResult        *result,
                                                     guint               *n_sent,
                                                     guint               *n_left,
                                                     GError             **error);

char           *lc_report_upload_dup_host           (const char          *report_url);

G_END_DECLS
