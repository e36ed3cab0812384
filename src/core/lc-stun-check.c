/* lc-stun-check.c — a STUN binding, or a TURN allocation with the profile's credentials
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-check"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lc-stun-check.h"

struct _LcStunCheck
{
  LcCheck          parent_instance;

  LcStunTransport  transport;
  gboolean         allocate;
  char            *username;
  char            *credential;
};

G_DEFINE_FINAL_TYPE (LcStunCheck, lc_stun_check, LC_TYPE_CHECK)

/**
 * lc_stun_check_cause_from_stun:
 *
 * Returns: the report's cause for what a STUN/TURN probe found
 */
LcCause
lc_stun_check_cause_from_stun (LcStunCause cause)
{
  switch (cause)
    {
    case LC_STUN_CAUSE_NONE: return LC_CAUSE_NONE;
    case LC_STUN_CAUSE_REFUSED: return LC_CAUSE_REFUSED;
    case LC_STUN_CAUSE_TIMEOUT: return LC_CAUSE_TIMEOUT;
    case LC_STUN_CAUSE_TLS: return LC_CAUSE_TLS;
    case LC_STUN_CAUSE_AUTH: return LC_CAUSE_AUTH;
    case LC_STUN_CAUSE_PROTOCOL: return LC_CAUSE_PROTOCOL;
    case LC_STUN_CAUSE_DNS: return LC_CAUSE_DNS;
    case LC_STUN_CAUSE_SILENT: return LC_CAUSE_SILENT;
    case LC_STUN_CAUSE_NOT_TLS: return LC_CAUSE_NOT_TLS;
    case LC_STUN_CAUSE_NETWORK:
    default: return LC_CAUSE_NETWORK;
    }
}

static void
on_probed (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LcStunCheck *self = g_task_get_source_object (task);
  LcCheckResult *result = lc_check_get_result (LC_CHECK (self));
  JsonObject *evidence = lc_check_result_get_evidence (result);
  g_autoptr(LcStunResult) probe = NULL;
  g_autoptr(GError) error = NULL;

  probe = lc_stun_client_probe_finish (res, &error);
  if (probe == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  json_object_set_string_member (evidence, "transport",
                                 lc_stun_transport_to_string (self->transport));
  if (probe->rtt_ms >= 0)
    json_object_set_double_member (evidence, "rtt_ms", probe->rtt_ms);
  else
    json_object_set_null_member (evidence, "rtt_ms");
  if (probe->mapped_address != NULL)
    json_object_set_string_member (evidence, "mapped_address", probe->mapped_address);
  if (probe->relayed_address != NULL)
    json_object_set_string_member (evidence, "relayed_address", probe->relayed_address);
  if (probe->error_code != 0)
    json_object_set_int_member (evidence, "stun_error", probe->error_code);

  if (!probe->success)
    {
      g_task_return_new_error (task, LC_CHECK_ERROR, lc_stun_check_cause_from_stun (probe->cause), "%s",
                               probe->detail);
      return;
    }

  /* A binding proves the port open; without credentials there is nothing more to prove. */
  if (!self->allocate && g_str_equal (lc_check_result_get_check (result), "turn"))
    {
      g_autofree char *detail = g_strdup_printf (_("%s — no TURN credentials were given, so "
                                                   "only STUN was tried"), probe->detail);
      lc_check_result_pass (result, detail);
    }
  else
    lc_check_result_pass (result, probe->detail);

  g_task_return_boolean (task, TRUE);
}

static void
lc_stun_check_run_async (LcCheck             *check,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  LcStunCheck *self = LC_STUN_CHECK (check);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GSocketConnectable) server = NULL;
  guint timeout_ms = lc_check_get_timeout_ms (check);

  g_task_set_source_tag (task, lc_stun_check_run_async);

  server = g_network_address_new (lc_check_get_host (check), lc_check_get_port (check));
  /* The probe gives up a little before the check's deadline, so that its own words (no
   * answer, refused…) reach the report rather than a bare timeout. */
  lc_stun_client_probe_async (server,
                              lc_check_result_get_port (lc_check_get_result (check)),
                              self->transport,
                              self->allocate ? LC_STUN_PROBE_ALLOCATE : LC_STUN_PROBE_BIND,
                              self->username, self->credential,
                              lc_check_get_tls_database (check),
                              timeout_ms > 200 ? timeout_ms - 100 : timeout_ms,
                              cancellable, on_probed, task);
}

static void
lc_stun_check_finalize (GObject *object)
{
  LcStunCheck *self = LC_STUN_CHECK (object);

  g_free (self->username);
  if (self->credential != NULL)
    memset (self->credential, 0, strlen (self->credential));
  g_free (self->credential);

  G_OBJECT_CLASS (lc_stun_check_parent_class)->finalize (object);
}

static void
lc_stun_check_class_init (LcStunCheckClass *klass)
{
  LcCheckClass *check_class = LC_CHECK_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lc_stun_check_finalize;
  check_class->run_async = lc_stun_check_run_async;
}

static void
lc_stun_check_init (LcStunCheck *self)
{
}

/**
 * lc_stun_check_new:
 * @allocate: try a TURN allocation (needs @username and @credential), not just a binding
 *
 * Returns: (transfer full): a check that fills @result
 */
LcCheck *
lc_stun_check_new (LcCheckResult   *result,
                   LcStunTransport  transport,
                   gboolean         allocate,
                   const char      *username,
                   const char      *credential)
{
  LcStunCheck *self = g_object_new (LC_TYPE_STUN_CHECK, "result", result, NULL);

  self->transport = transport;
  self->allocate = allocate && username != NULL && credential != NULL;
  self->username = g_strdup (username);
  self->credential = g_strdup (credential);
  return LC_CHECK (self);
}
