/* lc-http-check.c — GET over HTTP or HTTPS with libsoup; says where port 80 forwards to
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-check"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "lc-http-check.h"
#include "lc-safe-text.h"
#include "lc-tls.h"

struct _LcHttpCheck
{
  LcCheck               parent_instance;

  gboolean              https;
  char                 *path;
  GTlsCertificateFlags  tls_errors;
  gint64                started;
  SoupSession          *session;
  SoupMessage          *message;
};

G_DEFINE_FINAL_TYPE (LcHttpCheck, lc_http_check, LC_TYPE_CHECK)

/**
 * lc_http_build_uri:
 *
 * Returns: (transfer full): an URI for @host, an IPv6 address in brackets
 */
char *
lc_http_build_uri (const char *scheme,
                   const char *host,
                   guint16     port,
                   const char *path)
{
  g_autofree char *bracketed = strchr (host, ':') ? g_strdup_printf ("[%s]", host)
                                                   : g_strdup (host);

  return g_strdup_printf ("%s://%s:%u%s", scheme, bracketed, port, path ? path : "/");
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       LcHttpCheck          *self)
{
  self->tls_errors = errors;
  return FALSE;
}

static void
on_network_event (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  LcHttpCheck        *self)
{
  lc_check_follow_client_event (LC_CHECK (self), event);
}

static void
on_sent (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LcHttpCheck *self = g_task_get_source_object (task);
  LcCheckResult *result = lc_check_get_result (LC_CHECK (self));
  JsonObject *evidence = lc_check_result_get_evidence (result);
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = lc_check_describe_target (LC_CHECK (self));
  g_autofree char *detail = NULL;
  double elapsed_ms = (g_get_monotonic_time () - self->started) / 1000.0;
  g_autofree char *safe_reason = NULL;
  g_autofree char *safe_location = NULL;
  guint status;
  const char *reason;
  const char *location;

  body = soup_session_send_finish (SOUP_SESSION (object), res, &error);
  if (body == NULL)
    {
      GError *tls_error = lc_check_new_tls_error (LC_CHECK (self), self->tls_errors, error);

      if (tls_error != NULL)
        g_task_return_error (task, tls_error);
      else if ((error->domain == G_IO_ERROR &&
                !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) &&
                !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)) ||
               error->domain == G_RESOLVER_ERROR)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        {
          g_autofree char *why = lc_safe_text_new (error->message, -1, LC_SAFE_TEXT_MAX_CHARS);

          g_task_return_new_error (task, LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                   _("%s is open, but what answers there does not speak HTTP: "
                                     "%s"), target, why);
        }
      return;
    }

  status = soup_message_get_status (self->message);
  reason = soup_message_get_reason_phrase (self->message);
  location = soup_message_headers_get_one (soup_message_get_response_headers (self->message),
                                           "Location");
  /* What the server says is shown, not obeyed: no control codes, a bounded length. */
  safe_reason = lc_safe_text_new (reason, -1, LC_SAFE_TEXT_MAX_CHARS);
  safe_location = location ? lc_safe_text_new (location, -1, 200) : NULL;
  json_object_set_int_member (evidence, "http_status", status);
  json_object_set_double_member (evidence, "response_ms", elapsed_ms);

  if (self->https)
    {
      GTlsCertificate *peer = soup_message_get_tls_peer_certificate (self->message);
      g_autofree char *cipher = g_strdup (soup_message_get_tls_ciphersuite_name (self->message));

      if (peer != NULL)
        json_object_set_member (evidence, "certificate", lc_tls_describe_certificate (peer));
      if (cipher != NULL)
        json_object_set_string_member (evidence, "tls_cipher", cipher);
    }

  if (SOUP_STATUS_IS_REDIRECTION (status) && safe_location != NULL)
    {
      gboolean to_https = g_str_has_prefix (safe_location, "https://");

      /* Reported, never followed: the rule is about this port. */
      json_object_set_string_member (evidence, "redirect", safe_location);
      json_object_set_boolean_member (evidence, "forwards_to_https", to_https);
      detail = to_https
        ? g_strdup_printf (_("%s answers in %.0f ms and forwards to HTTPS (%u → %s)"),
                           target, elapsed_ms, status, safe_location)
        : g_strdup_printf (_("%s answers in %.0f ms and forwards to %s (%u)"),
                           target, elapsed_ms, safe_location, status);
    }
  else
    {
      if (!self->https)
        json_object_set_boolean_member (evidence, "forwards_to_https", FALSE);
      detail = g_strdup_printf (_("%s answers in %.0f ms: %u %s"), target, elapsed_ms, status,
                                safe_reason);
    }

  /* The rule is about reaching the service; any HTTP answer proves the path is open. */
  lc_check_result_pass (result, detail);
  g_input_stream_close_async (body, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
lc_http_check_run_async (LcCheck             *check,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  LcHttpCheck *self = LC_HTTP_CHECK (check);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GTlsDatabase *database = lc_check_get_tls_database (check);
  g_autofree char *uri = NULL;

  g_task_set_source_tag (task, lc_http_check_run_async);

  uri = lc_http_build_uri (self->https ? "https" : "http", lc_check_get_host (check),
                           lc_check_get_port (check), self->path);
  self->message = soup_message_new (SOUP_METHOD_GET, uri);
  if (self->message == NULL)
    {
      g_task_return_new_error (task, LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                               _("%s is not a valid address"), uri);
      g_object_unref (task);
      return;
    }

  soup_message_add_flags (self->message, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect_object (self->message, "accept-certificate",
                           G_CALLBACK (on_accept_certificate), self, 0);
  g_signal_connect_object (self->message, "network-event", G_CALLBACK (on_network_event), self,
                           0);

  self->session = soup_session_new_with_options ("user-agent", "Linecheck/" PACKAGE_VERSION,
                                                 NULL);
  if (database != NULL)
    soup_session_set_tls_database (self->session, database);

  self->started = g_get_monotonic_time ();
  soup_session_send_async (self->session, self->message, G_PRIORITY_DEFAULT, cancellable,
                           on_sent, task);
}

static void
lc_http_check_finalize (GObject *object)
{
  LcHttpCheck *self = LC_HTTP_CHECK (object);

  g_free (self->path);
  g_clear_object (&self->message);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lc_http_check_parent_class)->finalize (object);
}

static void
lc_http_check_class_init (LcHttpCheckClass *klass)
{
  LcCheckClass *check_class = LC_CHECK_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lc_http_check_finalize;
  check_class->run_async = lc_http_check_run_async;
}

static void
lc_http_check_init (LcHttpCheck *self)
{
}

/**
 * lc_http_check_new:
 * @path: (nullable): what to ask for, "/" by default
 *
 * Returns: (transfer full): a check that fills @result
 */
LcCheck *
lc_http_check_new (LcCheckResult *result,
                   gboolean       https,
                   const char    *path)
{
  LcHttpCheck *self = g_object_new (LC_TYPE_HTTP_CHECK, "result", result, NULL);

  self->https = https;
  self->path = g_strdup (path ? path : "/");
  return LC_CHECK (self);
}
