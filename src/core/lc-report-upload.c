/* lc-report-upload.c — POSTs a run's report to the profile's report_url; the outbox holds it
 * until the receiver has taken it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report is written to the outbox before it is sent and removed once the receiver answered
 * 2xx: a failure, a cancelled send or a crash in the middle all leave it queued for the next
 * retry. A receiver may thus get one report twice (if it took it and the answer was lost);
 * every request carries the entry's name as `Idempotency-Key` so that it can tell.
 *
 * Files are written and read on worker threads, the network is asynchronous: nothing here
 * waits on the caller's main loop.
 */
#define G_LOG_DOMAIN "linecheck-upload"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "lc-report-upload-private.h"
#include "lc-safe-text.h"
#include "lc-tls.h"

struct _LcReportUpload
{
  GObject  parent_instance;

  GFile   *outbox;
  guint    deadline_ms;
};

enum {
  PROP_0,
  PROP_OUTBOX,
  PROP_DEADLINE_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LcReportUpload, lc_report_upload, G_TYPE_OBJECT)

G_DEFINE_QUARK (lc-report-upload-error-quark, lc_report_upload_error)

/* Sending one entry ------------------------------------------------------------------------ */

typedef struct
{
  LcUploadEntry *entry;       /* owned by the caller */
  SoupSession   *session;
  SoupMessage   *message;
  GUri          *uri;
  GCancellable  *cancellable; /* ours: the deadline or the caller's cancellable cancel it */
  GCancellable  *caller;
  gulong         caller_handler;
  GSource       *deadline;
  gboolean       timed_out;
  guint          deadline_ms;
  guint          status;
  guint8         reply[LC_REPORT_UPLOAD_MAX_REPLY_BYTES];
} Post;

static void
post_free (Post *post)
{
  if (post->caller_handler != 0)
    g_cancellable_disconnect (post->caller, post->caller_handler);
  if (post->deadline != NULL)
    {
      g_source_destroy (post->deadline);
      g_source_unref (post->deadline);
    }
  g_clear_object (&post->caller);
  g_clear_object (&post->cancellable);
  g_clear_object (&post->message);
  g_clear_object (&post->session);
  g_clear_pointer (&post->uri, g_uri_unref);
  g_free (post);
}

static char *
describe_receiver (Post *post)
{
  const char *host = g_uri_get_host (post->uri);
  int port = g_uri_get_port (post->uri);

  if (port > 0 && port != 443)
    return g_strdup_printf (strchr (host, ':') != NULL ? "[%s]:%d" : "%s:%d", host, port);
  return g_strdup (host);
}

static gboolean
on_deadline (gpointer user_data)
{
  Post *post = user_data;

  post->timed_out = TRUE;
  g_cancellable_cancel (post->cancellable);
  g_clear_pointer (&post->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/* Why the POST got no answer, in words. */
static void
return_send_error (GTask  *task,
                   GError *error)
{
  Post *post = g_task_get_task_data (task);
  g_autofree char *receiver = describe_receiver (post);
  GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (post->message);

  if (post->caller != NULL && g_cancellable_is_cancelled (post->caller))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("Sending the report was cancelled"));
  else if (post->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    /* Translators: e.g. "reports.example.net did not answer within 15 s" */
    g_task_return_new_error (task, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_TIMED_OUT,
                             _("%s did not answer within %g s"), receiver,
                             post->deadline_ms / 1000.0);
  else if (flags != 0 || error->domain == G_TLS_ERROR)
    {
      g_autofree char *problem = lc_tls_describe_errors (flags);
      g_task_return_new_error (task, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_TLS,
                               _("%s cannot be trusted: %s"), receiver,
                               flags != 0 ? problem : error->message);
    }
  else
    g_task_return_new_error (task, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_UNREACHABLE,
                             _("%s cannot be reached: %s"), receiver, error->message);
}

static void
on_reply_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Post *post = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *receiver = describe_receiver (post);
  gsize len = 0;

  g_input_stream_read_all_finish (G_INPUT_STREAM (object), result, &len, &error);
  g_input_stream_close_async (G_INPUT_STREAM (object), G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  /* The receiver said it took the report: what follows does not change that. */
  if (SOUP_STATUS_IS_SUCCESSFUL (post->status))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (SOUP_STATUS_IS_REDIRECTION (post->status))
    {
      const char *location =
        soup_message_headers_get_one (soup_message_get_response_headers (post->message),
                                      "Location");
      g_autofree char *safe = lc_safe_text_new (location ? location : "", -1,
                                                LC_SAFE_TEXT_MAX_CHARS);

      g_task_return_new_error (task, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_REDIRECTED,
                               _("%s answered HTTP %u, a redirect to “%s”: reports go only to "
                                 "the profile’s report_url, so it was not followed"),
                               receiver, post->status, safe);
      return;
    }

  {
    const char *reason = soup_message_get_reason_phrase (post->message);
    g_autofree char *safe_reason = lc_safe_text_new (reason ? reason : "", -1,
                                                     LC_SAFE_TEXT_MAX_CHARS);
    g_autofree char *safe_reply = lc_safe_text_new ((const char *)post->reply, len,
                                                    LC_SAFE_TEXT_MAX_CHARS);

    if (safe_reply != NULL && *safe_reply != '\0')
      /* Translators: e.g. "reports.example.net answered HTTP 503 Service Unavailable: “busy”" */
      g_task_return_new_error (task, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_REFUSED,
                               _("%s answered HTTP %u %s: “%s”"), receiver, post->status,
                               safe_reason, safe_reply);
    else
      g_task_return_new_error (task, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_REFUSED,
                               _("%s answered HTTP %u %s"), receiver, post->status,
                               safe_reason);
  }
}

static void
on_posted (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Post *post = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) reply = NULL;

  reply = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (reply == NULL)
    {
      return_send_error (task, error);
      return;
    }

  post->status = soup_message_get_status (post->message);
  /* Read, bounded, whatever the status: the words of a refusal say why. */
  g_input_stream_read_all_async (reply, post->reply, sizeof post->reply, G_PRIORITY_DEFAULT,
                                 post->cancellable, on_reply_read, g_steal_pointer (&task));
}

static void
post_entry_async (LcReportUpload      *self,
                  LcUploadEntry       *entry,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Post *post = g_new0 (Post, 1);

  g_task_set_source_tag (task, post_entry_async);
  /* Once the receiver took the report, a late cancellation does not make it "not sent". */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, post, (GDestroyNotify)post_free);
  post->entry = entry;
  post->deadline_ms = self->deadline_ms;
  post->cancellable = g_cancellable_new ();
  post->uri = g_uri_parse (entry->url, G_URI_FLAGS_NONE, NULL);
  g_assert (post->uri != NULL);

  if (cancellable != NULL)
    {
      post->caller = g_object_ref (cancellable);
      post->caller_handler = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (on_caller_cancelled),
                                                    g_object_ref (post->cancellable),
                                                    g_object_unref);
    }

  post->message = soup_message_new_from_uri (SOUP_METHOD_POST, post->uri);
  /* A redirect is an answer, never a new destination for the report. */
  soup_message_add_flags (post->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_set_request_body_from_bytes (post->message, "application/json", entry->body);
  soup_message_headers_replace (soup_message_get_request_headers (post->message),
                                "Idempotency-Key", entry->name);

  post->session = soup_session_new_with_options ("user-agent", "Linecheck/" PACKAGE_VERSION,
                                                 "timeout", (post->deadline_ms + 999) / 1000,
                                                 NULL);
  if (entry->database != NULL)
    soup_session_set_tls_database (post->session, entry->database);

  post->deadline = g_timeout_source_new (post->deadline_ms);
  g_source_set_callback (post->deadline, on_deadline, post, NULL);
  g_source_set_name (post->deadline, "[linecheck] report upload deadline");
  g_source_attach (post->deadline, g_main_context_get_thread_default ());

  soup_session_send_async (post->session, post->message, G_PRIORITY_DEFAULT, post->cancellable,
                           on_posted, g_steal_pointer (&task));
}

static gboolean
post_entry_finish (GAsyncResult  *result,
                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sending a new report --------------------------------------------------------------------- */

typedef struct
{
  LcUploadEntry *entry;
  GFile         *outbox;
  GError        *queue_error;   /* why it could not be queued */
} Send;

static void
send_free (Send *send)
{
  g_clear_pointer (&send->entry, _lc_report_upload_entry_free);
  g_clear_object (&send->outbox);
  g_clear_error (&send->queue_error);
  g_free (send);
}

static void
prepare_send_thread (GTask        *stage,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  Send *send = g_task_get_task_data (G_TASK (task_data));

  _lc_report_upload_write_entry (send->outbox, send->entry, &send->queue_error);
  _lc_report_upload_load_trust (send->entry, NULL);
  g_task_return_boolean (stage, TRUE);
}

static void
return_not_sent (GTask  *task,
                 GError *error)
{
  Send *send = g_task_get_task_data (task);

  if (send->queue_error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_new_error (task, error->domain, error->code,
                             _("%s; and it could not be queued: %s"), error->message,
                             send->queue_error->message);
  else
    g_task_return_error (task, g_error_copy (error));
}

static void
on_sent_removed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_boolean (task, TRUE);
}

static void
on_new_posted (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) stage = NULL;

  if (!post_entry_finish (result, &error))
    {
      return_not_sent (task, error);
      return;
    }

  stage = g_task_new (object, NULL, on_sent_removed, g_object_ref (task));
  g_task_set_task_data (stage, send->entry, NULL);
  g_task_run_in_thread (stage, _lc_report_upload_remove_entry_thread);
}

static void
on_send_prepared (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);

  if (send->queue_error != NULL)
    g_warning ("%s", send->queue_error->message);

  if (send->entry->error != NULL)
    {
      return_not_sent (task, send->entry->error);
      return;
    }

  post_entry_async (LC_REPORT_UPLOAD (object), send->entry, g_task_get_cancellable (task),
                    on_new_posted, g_object_ref (task));
}

/**
 * lc_report_upload_send_async:
 * @report: a finished run's report; its profile says where it goes (`report_url`)
 *
 * Queues @report in the outbox, POSTs it as `application/json` to the profile's
 * `report_url` (TLS checked against the profile's CA, or the system's), and removes it from
 * the outbox once the receiver answered 2xx. Redirects are not followed. Whatever goes wrong,
 * the report waits in the outbox for lc_report_upload_retry_queue_async(). Call it only with
 * the person's consent.
 */
void
lc_report_upload_send_async (LcReportUpload      *self,
                             LcReport            *report,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) stage = NULL;
  g_autofree char *outbox_path = NULL;
  g_autofree char *file_name = NULL;
  LcProfile *profile;
  GFile *ca_file;
  const char *url;
  char *data;
  gsize len;
  Send *send;

  g_return_if_fail (LC_IS_REPORT_UPLOAD (self));
  g_return_if_fail (LC_IS_REPORT (report));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_report_upload_send_async);
  g_task_set_check_cancellable (task, FALSE);

  profile = lc_report_get_profile (report);
  url = lc_profile_get_report_url (profile);
  if (url == NULL)
    {
      g_task_return_new_error (task, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_NO_ADDRESS,
                               _("The profile “%s” names no address to send reports to"),
                               lc_profile_get_name (profile));
      return;
    }

  /* The report holds no secret (contracts §3): what is sent is what the history keeps. */
  data = lc_report_to_data (report, &len);
  if (len > LC_REPORT_UPLOAD_MAX_BODY_BYTES)
    {
      g_free (data);
      g_task_return_new_error (task, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_QUEUE,
                               _("The report is larger than %u MB: it is not sent"),
                               LC_REPORT_UPLOAD_MAX_BODY_BYTES / (1024 * 1024));
      return;
    }

  send = g_new0 (Send, 1);
  send->outbox = g_object_ref (self->outbox);
  send->entry = g_new0 (LcUploadEntry, 1);
  send->entry->name = _lc_report_upload_new_entry_name ();
  send->entry->url = g_strdup (url);
  ca_file = lc_profile_get_ca_file (profile);
  send->entry->ca_file = ca_file ? g_file_get_path (ca_file) : NULL;
  send->entry->body = g_bytes_new_take (data, len);
  g_task_set_task_data (task, send, (GDestroyNotify)send_free);

  /* Claimed before it exists: a retry running now leaves it to this send. */
  outbox_path = g_file_get_path (self->outbox);
  file_name = g_strconcat (send->entry->name, LC_OUTBOX_ENTRY_SUFFIX, NULL);
  send->entry->claimed = g_build_filename (outbox_path, file_name, NULL);
  _lc_report_upload_claim (send->entry->claimed);

  stage = g_task_new (self, NULL, on_send_prepared, g_object_ref (task));
  g_task_set_task_data (stage, g_object_ref (task), g_object_unref);
  g_task_run_in_thread (stage, prepare_send_thread);
}

/**
 * lc_report_upload_send_finish:
 * @queued: (out) (optional): whether the report, not sent, waits in the outbox
 *
 * Returns: %TRUE if the receiver took the report; %FALSE with @error saying why not
 */
gboolean
lc_report_upload_send_finish (LcReportUpload  *self,
                              GAsyncResult    *result,
                              gboolean        *queued,
                              GError         **error)
{
  Send *send;

  g_return_val_if_fail (LC_IS_REPORT_UPLOAD (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lc_report_upload_send_async,
                        FALSE);

  send = g_task_get_task_data (G_TASK (result));
  if (queued != NULL)
    *queued = !g_task_had_error (G_TASK (result)) ? FALSE
              : send != NULL && send->entry != NULL && send->entry->path != NULL;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Retrying the queue ----------------------------------------------------------------------- */

typedef struct
{
  GFile      *outbox;
  GPtrArray  *entries;       /* LcUploadEntry, claimed */
  guint       next;
  guint       n_sent;
  guint       n_left;
  GError     *first_error;
  GHashTable *unreachable;   /* "host:port" that got no answer in this pass */
} Retry;

static void
retry_free (Retry *retry)
{
  g_clear_object (&retry->outbox);
  g_clear_pointer (&retry->entries, g_ptr_array_unref);
  g_clear_error (&retry->first_error);
  g_clear_pointer (&retry->unreachable, g_hash_table_unref);
  g_free (retry);
}

static void
load_queue_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Retry *retry = task_data;
  g_autoptr(GHashTable) trust = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  GError *error = NULL;

  listed = _lc_report_upload_list_outbox (retry->outbox, &error);
  if (listed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < listed->len; i++)
    {
      LcOutboxFile *item = g_ptr_array_index (listed, i);
      g_autofree char *why = NULL;
      LcUploadEntry *entry = NULL;

      if (!_lc_report_upload_claim (item->path))
        continue;   /* being sent right now */

      switch (_lc_report_upload_read_entry (item, &entry, &why))
        {
        case LC_OUTBOX_READ_OK:
          entry->claimed = g_strdup (item->path);
          _lc_report_upload_load_trust (entry, trust);
          g_ptr_array_add (retry->entries, entry);
          break;
        case LC_OUTBOX_READ_CORRUPT:
          /* It can never be sent; the report's own copy is in the history. */
          g_message ("Dropped %s from the outbox: %s", item->path, why);
          g_unlink (item->path);
          _lc_report_upload_release (item->path);
          break;
        case LC_OUTBOX_READ_LATER:
        default:
          g_message ("Left %s in the outbox: %s", item->path, why);
          retry->n_left++;
          _lc_report_upload_release (item->path);
          break;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void retry_next (GTask *task);

static char *
dup_authority (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
}

static void
keep_error (Retry  *retry,
            GError *error)
{
  retry->n_left++;
  if (retry->first_error == NULL)
    retry->first_error = g_error_copy (error);
}

static void
on_retried_removed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Retry *retry = g_task_get_task_data (task);

  retry->n_sent++;
  retry_next (task);
}

static void
on_retried (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Retry *retry = g_task_get_task_data (task);
  LcUploadEntry *entry = g_ptr_array_index (retry->entries, retry->next);
  g_autoptr(GError) error = NULL;

  if (!post_entry_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* One receiver that does not answer is not asked again for each report in this pass. */
      if (g_error_matches (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_UNREACHABLE) ||
          g_error_matches (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_TIMED_OUT) ||
          g_error_matches (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_TLS))
        g_hash_table_add (retry->unreachable, dup_authority (entry->url));
      keep_error (retry, error);
      retry->next++;
      retry_next (task);
      return;
    }

  {
    g_autoptr(GTask) stage = g_task_new (object, NULL, on_retried_removed, g_object_ref (task));

    g_task_set_task_data (stage, entry, NULL);
    retry->next++;
    g_task_run_in_thread (stage, _lc_report_upload_remove_entry_thread);
  }
}

static void
retry_next (GTask *task)
{
  Retry *retry = g_task_get_task_data (task);

  while (retry->next < retry->entries->len)
    {
      LcUploadEntry *entry = g_ptr_array_index (retry->entries, retry->next);
      g_autofree char *authority = dup_authority (entry->url);

      if (g_task_return_error_if_cancelled (task))
        return;

      if (entry->error != NULL)
        {
          keep_error (retry, entry->error);
          retry->next++;
          continue;
        }
      if (g_hash_table_contains (retry->unreachable, authority))
        {
          retry->n_left++;
          retry->next++;
          continue;
        }

      post_entry_async (g_task_get_source_object (task), entry, g_task_get_cancellable (task),
                        on_retried, g_object_ref (task));
      return;
    }

  if (retry->n_left > 0)
    {
      if (retry->first_error != NULL)
        g_task_return_new_error (task, retry->first_error->domain, retry->first_error->code,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "%u report still waits to be sent: %s",
                                              "%u reports still wait to be sent: %s",
                                              retry->n_left),
                                 retry->n_left, retry->first_error->message);
      else
        g_task_return_new_error (task, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_QUEUE,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "%u report still waits to be sent",
                                              "%u reports still wait to be sent",
                                              retry->n_left),
                                 retry->n_left);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_queue_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  retry_next (task);
}

/**
 * lc_report_upload_retry_queue_async:
 *
 * Sends the reports waiting in the outbox, the oldest first, one at a time, each to the
 * address and with the trust it was queued with; each one the receiver takes is removed. A
 * receiver that does not answer is not asked again in the same pass. Call it only with the
 * person's consent.
 */
void
lc_report_upload_retry_queue_async (LcReportUpload      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) stage = NULL;
  Retry *retry;

  g_return_if_fail (LC_IS_REPORT_UPLOAD (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_report_upload_retry_queue_async);

  retry = g_new0 (Retry, 1);
  retry->outbox = g_object_ref (self->outbox);
  retry->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)_lc_report_upload_entry_free);
  retry->unreachable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, retry, (GDestroyNotify)retry_free);

  stage = g_task_new (self, cancellable, on_queue_loaded, g_object_ref (task));
  g_task_set_task_data (stage, retry, NULL);
  g_task_run_in_thread (stage, load_queue_thread);
}

/**
 * lc_report_upload_retry_queue_finish:
 * @n_sent: (out) (optional): how many reports the receivers took
 * @n_left: (out) (optional): how many still wait in the outbox
 *
 * Returns: %TRUE if nothing waits any more; %FALSE with @error saying why some still do
 */
gboolean
lc_report_upload_retry_queue_finish (LcReportUpload  *self,
                                     GAsyncResult    *result,
                                     guint           *n_sent,
                                     guint           *n_left,
                                     GError         **error)
{
  Retry *retry;

  g_return_val_if_fail (LC_IS_REPORT_UPLOAD (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        lc_report_upload_retry_queue_async, FALSE);

  retry = g_task_get_task_data (G_TASK (result));
  if (n_sent != NULL)
    *n_sent = retry->n_sent;
  if (n_left != NULL)
    *n_left = retry->n_left + (retry->entries->len - MIN (retry->next, retry->entries->len));
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The object -------------------------------------------------------------------------------- */

/**
 * lc_report_upload_dup_default_outbox:
 *
 * Returns: (transfer full): where reports wait to be sent: `$XDG_DATA_HOME/linecheck/outbox`
 */
GFile *
lc_report_upload_dup_default_outbox (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "linecheck", "outbox", NULL);
}

/**
 * lc_report_upload_dup_host:
 * @report_url: a profile's `report_url`
 *
 * Returns: (transfer full) (nullable): the host reports go to, as a switch names it
 */
char *
lc_report_upload_dup_host (const char *report_url)
{
  g_autoptr(GUri) uri = NULL;

  if (report_url == NULL)
    return NULL;
  uri = g_uri_parse (report_url, G_URI_FLAGS_NONE, NULL);
  return uri ? g_strdup (g_uri_get_host (uri)) : NULL;
}

static void
lc_report_upload_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LcReportUpload *self = LC_REPORT_UPLOAD (object);

  switch (prop_id)
    {
    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;
    case PROP_DEADLINE_MS:
      g_value_set_uint (value, self->deadline_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_report_upload_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LcReportUpload *self = LC_REPORT_UPLOAD (object);

  switch (prop_id)
    {
    case PROP_OUTBOX:
      g_set_object (&self->outbox, g_value_get_object (value));
      break;
    case PROP_DEADLINE_MS:
      lc_report_upload_set_deadline_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_report_upload_constructed (GObject *object)
{
  LcReportUpload *self = LC_REPORT_UPLOAD (object);

  G_OBJECT_CLASS (lc_report_upload_parent_class)->constructed (object);

  if (self->outbox == NULL)
    self->outbox = lc_report_upload_dup_default_outbox ();
}

static void
lc_report_upload_finalize (GObject *object)
{
  LcReportUpload *self = LC_REPORT_UPLOAD (object);

  g_clear_object (&self->outbox);

  G_OBJECT_CLASS (lc_report_upload_parent_class)->finalize (object);
}

static void
lc_report_upload_class_init (LcReportUploadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lc_report_upload_get_property;
  object_class->set_property = lc_report_upload_set_property;
  object_class->constructed = lc_report_upload_constructed;
  object_class->finalize = lc_report_upload_finalize;

  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEADLINE_MS] =
    g_param_spec_uint ("deadline-ms", NULL, NULL, 100, 600000, LC_REPORT_UPLOAD_DEADLINE_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lc_report_upload_init (LcReportUpload *self)
{
  self->deadline_ms = LC_REPORT_UPLOAD_DEADLINE_MS;
}

/**
 * lc_report_upload_new:
 * @outbox: (nullable): the folder reports wait in; %NULL for
 *   lc_report_upload_dup_default_outbox()
 *
 * Returns: (transfer full): a sender of reports
 */
LcReportUpload *
lc_report_upload_new (GFile *outbox)
{
  g_return_val_if_fail (outbox == NULL || G_IS_FILE (outbox), NULL);

  return g_object_new (LC_TYPE_REPORT_UPLOAD, "outbox", outbox, NULL);
}

/**
 * lc_report_upload_get_outbox:
 *
 * Returns: (transfer none): the folder reports wait in
 */
GFile *
lc_report_upload_get_outbox (LcReportUpload *self)
{
  g_return_val_if_fail (LC_IS_REPORT_UPLOAD (self), NULL);
  return self->outbox;
}

guint
lc_report_upload_get_deadline_ms (LcReportUpload *self)
{
  g_return_val_if_fail (LC_IS_REPORT_UPLOAD (self), 0);
  return self->deadline_ms;
}

/**
 * lc_report_upload_set_deadline_ms:
 *
 * How long one report may take, from the connection to the answer (default 15 s).
 */
void
lc_report_upload_set_deadline_ms (LcReportUpload *self,
                                  guint           deadline_ms)
{
  g_return_if_fail (LC_IS_REPORT_UPLOAD (self));

  deadline_ms = CLAMP (deadline_ms, 100, 600000);
  if (self->deadline_ms == deadline_ms)
    return;
  self->deadline_ms = deadline_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE_MS]);
}
