/* lc-dns-check.c — resolves a host with the system resolver: time, addresses, IPv4/IPv6
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lc-dns-check.h"

struct _LcDnsCheck
{
  LcCheck  parent_instance;

  gint64   started;
};

G_DEFINE_FINAL_TYPE (LcDnsCheck, lc_dns_check, LC_TYPE_CHECK)

static void
on_resolved (GObject      *object,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LcDnsCheck *self = g_task_get_source_object (task);
  LcCheckResult *result = lc_check_get_result (LC_CHECK (self));
  JsonObject *evidence = lc_check_result_get_evidence (result);
  const char *host = lc_check_get_host (LC_CHECK (self));
  g_autolist(GInetAddress) addresses = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  g_autofree char *detail = NULL;
  JsonArray *array = json_array_new ();
  gboolean ipv4 = FALSE, ipv6 = FALSE;
  double elapsed_ms = (g_get_monotonic_time () - self->started) / 1000.0;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), res, &error);
  if (addresses == NULL)
    {
      json_array_unref (array);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, LC_CHECK_ERROR, LC_CAUSE_DNS,
                                 _("%s does not resolve: %s"), host, error->message);
      return;
    }

  for (const GList *l = addresses; l != NULL; l = l->next)
    {
      char *name = g_inet_address_to_string (l->data);

      ipv4 |= g_inet_address_get_family (l->data) == G_SOCKET_FAMILY_IPV4;
      ipv6 |= g_inet_address_get_family (l->data) == G_SOCKET_FAMILY_IPV6;
      json_array_add_string_element (array, name);
      g_ptr_array_add (names, name);
    }
  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **)names->pdata);

  json_object_set_array_member (evidence, "addresses", array);
  json_object_set_boolean_member (evidence, "ipv4", ipv4);
  json_object_set_boolean_member (evidence, "ipv6", ipv6);
  json_object_set_double_member (evidence, "resolve_ms", elapsed_ms);

  detail = g_strdup_printf (_("%s resolves in %.0f ms to %s"), host, elapsed_ms, list);
  lc_check_result_pass (result, detail);
  g_task_return_boolean (task, TRUE);
}

static void
lc_dns_check_run_async (LcCheck             *check,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  LcDnsCheck *self = LC_DNS_CHECK (check);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  const char *host = lc_check_get_host (check);
  g_autoptr(GResolver) resolver = g_resolver_get_default ();

  g_task_set_source_tag (task, lc_dns_check_run_async);

  if (g_hostname_is_ip_address (host))
    {
      g_autofree char *detail = g_strdup_printf (_("%s is an address: nothing to resolve"), host);
      JsonObject *evidence = lc_check_result_get_evidence (lc_check_get_result (check));
      JsonArray *array = json_array_new ();

      json_array_add_string_element (array, host);
      json_object_set_array_member (evidence, "addresses", array);
      lc_check_result_pass (lc_check_get_result (check), detail);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  self->started = g_get_monotonic_time ();
  g_resolver_lookup_by_name_async (resolver, host, cancellable, on_resolved, task);
}

static void
lc_dns_check_class_init (LcDnsCheckClass *klass)
{
  LcCheckClass *check_class = LC_CHECK_CLASS (klass);

  check_class->run_async = lc_dns_check_run_async;
}

static void
lc_dns_check_init (LcDnsCheck *self)
{
}

/**
 * lc_dns_check_new:
 *
 * Returns: (transfer full): a check that resolves @result's host
 */
LcCheck *
lc_dns_check_new (LcCheckResult *result)
{
  return g_object_new (LC_TYPE_DNS_CHECK, "result", result, NULL);
}
