/* lc-check-result.c — one check's outcome, as the report and the UI show it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-check"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <math.h>

#include "lc-check-result.h"
#include "lc-json.h"
#include "lc-json-reader.h"

struct _LcCheckResult
{
  GObject      parent_instance;

  char        *id;
  char        *step;
  char        *service;
  char        *check;
  char        *protocol;
  char        *ports;
  guint16      port;
  char        *host;
  char        *description;
  LcRuleLevel  level;
  gboolean     relay_fallback;

  gboolean     finished;
  LcStatus     status;
  LcCause      cause;
  double       duration_ms;
  char        *detail;
  char        *fix;
  JsonObject  *evidence;
};

G_DEFINE_FINAL_TYPE (LcCheckResult, lc_check_result, G_TYPE_OBJECT)

static void
replace (char       **field,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static void
lc_check_result_finalize (GObject *object)
{
  LcCheckResult *self = (LcCheckResult *)object;

  g_free (self->id);
  g_free (self->step);
  g_free (self->service);
  g_free (self->check);
  g_free (self->protocol);
  g_free (self->ports);
  g_free (self->host);
  g_free (self->description);
  g_free (self->detail);
  g_free (self->fix);
  g_clear_pointer (&self->evidence, json_object_unref);

  G_OBJECT_CLASS (lc_check_result_parent_class)->finalize (object);
}

static void
lc_check_result_class_init (LcCheckResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_check_result_finalize;
}

static void
lc_check_result_init (LcCheckResult *self)
{
  self->evidence = json_object_new ();
  self->status = LC_STATUS_SKIP;
  self->duration_ms = -1;
}

/**
 * lc_check_result_new:
 * @step: the report step, e.g. %LC_REPORT_STEP_CONTEXT
 * @check: the kind of check, e.g. "dns"
 *
 * Returns: (transfer full): a result not yet decided
 */
LcCheckResult *
lc_check_result_new (const char *id,
                     const char *step,
                     const char *service,
                     const char *check)
{
  LcCheckResult *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (step != NULL, NULL);

  self = g_object_new (LC_TYPE_CHECK_RESULT, NULL);
  self->id = g_strdup (id);
  self->step = g_strdup (step);
  self->service = g_strdup (service);
  self->check = g_strdup (check);
  return self;
}

/**
 * lc_check_result_new_for_rule:
 *
 * Returns: (transfer full): a result for a firewall rule, speaking of the rule's port
 */
LcCheckResult *
lc_check_result_new_for_rule (LcProfile    *profile,
                              const LcRule *rule)
{
  const LcService *service;
  LcCheckResult *self;

  g_return_val_if_fail (LC_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (rule != NULL, NULL);

  service = lc_profile_lookup_service (profile, rule->service);
  self = lc_check_result_new (rule->id, LC_REPORT_STEP_FIREWALL, rule->service,
                              lc_check_kind_to_string (rule->check));
  self->protocol = g_strdup (lc_protocol_to_string (rule->protocol));
  self->port = rule->port_min;
  self->ports = lc_rule_format_ports (rule);
  self->host = g_strdup (service ? service->host : NULL);
  self->description = g_strdup (rule->description);
  self->level = rule->level;
  self->relay_fallback = rule->relay_fallback;
  return self;
}

const char *
lc_check_result_get_id (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);
  return self->id;
}

const char *
lc_check_result_get_step (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);
  return self->step;
}

const char *
lc_check_result_get_service (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);
  return self->service;
}

const char *
lc_check_result_get_check (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);
  return self->check;
}

const char *
lc_check_result_get_protocol (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);
  return self->protocol;
}

/**
 * lc_check_result_get_ports:
 *
 * Returns: (nullable): "8989" or "19099-20099": the rule's ports, as rules to open say them
 */
const char *
lc_check_result_get_ports (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);
  return self->ports;
}

guint16
lc_check_result_get_port (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), 0);
  return self->port;
}

const char *
lc_check_result_get_host (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);
  return self->host;
}

const char *
lc_check_result_get_description (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);
  return self->description;
}

LcRuleLevel
lc_check_result_get_level (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), LC_RULE_LEVEL_REQUIRED);
  return self->level;
}

gboolean
lc_check_result_get_relay_fallback (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), FALSE);
  return self->relay_fallback;
}

LcStatus
lc_check_result_get_status (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), LC_STATUS_SKIP);
  return self->status;
}

LcCause
lc_check_result_get_cause (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), LC_CAUSE_NONE);
  return self->cause;
}

/**
 * lc_check_result_get_duration_ms:
 *
 * Returns: how long the check took, negative while it has not run
 */
double
lc_check_result_get_duration_ms (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), -1);
  return self->duration_ms;
}

const char *
lc_check_result_get_detail (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);
  return self->detail;
}

/**
 * lc_check_result_get_fix:
 *
 * Returns: (nullable): what to open, in words: "Allow TCP 8989 to rtc.example.net"
 */
const char *
lc_check_result_get_fix (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);
  return self->fix;
}

/**
 * lc_check_result_get_evidence:
 *
 * Returns: (transfer none): what the check saw (addresses, times, certificate…), for the
 *   report; checks add to it
 */
JsonObject *
lc_check_result_get_evidence (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);
  return self->evidence;
}

gboolean
lc_check_result_is_finished (LcCheckResult *self)
{
  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), FALSE);
  return self->finished;
}

void
lc_check_result_set_host (LcCheckResult *self,
                          const char    *host)
{
  g_return_if_fail (LC_IS_CHECK_RESULT (self));
  replace (&self->host, host);
}

/**
 * lc_check_result_set_endpoint:
 * @ports: (nullable): "80" or a range; %NULL to write @port
 */
void
lc_check_result_set_endpoint (LcCheckResult *self,
                              const char    *protocol,
                              guint16        port,
                              const char    *ports)
{
  g_return_if_fail (LC_IS_CHECK_RESULT (self));

  replace (&self->protocol, protocol);
  self->port = port;
  g_free (self->ports);
  self->ports = ports ? g_strdup (ports) : port ? g_strdup_printf ("%u", port) : NULL;
}

void
lc_check_result_set_duration_ms (LcCheckResult *self,
                                 double         duration_ms)
{
  g_return_if_fail (LC_IS_CHECK_RESULT (self));
  self->duration_ms = duration_ms;
}

static void
finish (LcCheckResult *self,
        LcStatus       status,
        LcCause        cause,
        const char    *detail)
{
  self->finished = TRUE;
  self->status = status;
  self->cause = cause;
  replace (&self->detail, detail);
}

void
lc_check_result_pass (LcCheckResult *self,
                      const char    *detail)
{
  g_return_if_fail (LC_IS_CHECK_RESULT (self));
  finish (self, LC_STATUS_PASS, LC_CAUSE_NONE, detail);
}

void
lc_check_result_warn (LcCheckResult *self,
                      LcCause        cause,
                      const char    *detail)
{
  g_return_if_fail (LC_IS_CHECK_RESULT (self));
  finish (self, LC_STATUS_WARN, cause, detail);
}

/**
 * lc_check_result_fail:
 *
 * Records a failure. A rule the profile only recommends is a warning rather than a failure.
 */
void
lc_check_result_fail (LcCheckResult *self,
                      LcCause        cause,
                      const char    *detail)
{
  g_return_if_fail (LC_IS_CHECK_RESULT (self));
  finish (self, self->level == LC_RULE_LEVEL_RECOMMENDED ? LC_STATUS_WARN : LC_STATUS_FAIL,
          cause, detail);
}

void
lc_check_result_skip (LcCheckResult *self,
                      LcCause        cause,
                      const char    *detail)
{
  g_return_if_fail (LC_IS_CHECK_RESULT (self));
  finish (self, LC_STATUS_SKIP, cause, detail);
}

void
lc_check_result_set_fix (LcCheckResult *self,
                         const char    *fix)
{
  g_return_if_fail (LC_IS_CHECK_RESULT (self));
  replace (&self->fix, fix);
}

/**
 * lc_check_result_downgrade_to_warning:
 * @why: a sentence added to the detail
 *
 * Makes a failure a warning: another path (a TURN relay) carries what the rule would.
 */
void
lc_check_result_downgrade_to_warning (LcCheckResult *self,
                                      const char    *why)
{
  g_autofree char *detail = NULL;

  g_return_if_fail (LC_IS_CHECK_RESULT (self));

  if (self->status != LC_STATUS_FAIL)
    return;

  self->status = LC_STATUS_WARN;
  detail = g_strconcat (self->detail ? self->detail : "", self->detail ? " " : "", why, NULL);
  replace (&self->detail, detail);
}

/**
 * lc_check_result_to_json:
 *
 * Returns: (transfer full): the check as contracts §3 writes it, evidence as extra members
 */
JsonNode *
lc_check_result_to_json (LcCheckResult *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (LC_IS_CHECK_RESULT (self), NULL);

  json_builder_begin_object (builder);
  lc_json_add_string (builder, "id", self->id);
  lc_json_add_string (builder, "step", self->step);
  lc_json_add_string (builder, "service", self->service);
  lc_json_add_string (builder, "check", self->check);
  lc_json_add_string (builder, "protocol", self->protocol);

  json_builder_set_member_name (builder, "port");
  if (self->ports != NULL && strchr (self->ports, '-') != NULL)
    json_builder_add_null_value (builder);
  else if (self->port != 0)
    json_builder_add_int_value (builder, self->port);
  else
    json_builder_add_null_value (builder);

  lc_json_add_string (builder, "ports", self->ports);
  lc_json_add_string (builder, "host", self->host);
  lc_json_add_string (builder, "level",
                      self->level == LC_RULE_LEVEL_RECOMMENDED ? "recommended" : "required");
  lc_json_add_string (builder, "status", lc_status_to_string (self->status));
  lc_json_add_string (builder, "cause", lc_cause_to_string (self->cause));

  lc_json_add_double (builder, "duration_ms", self->duration_ms >= 0 ? self->duration_ms : NAN, 1);

  lc_json_add_string (builder, "detail", self->detail);
  lc_json_add_string (builder, "fix", self->fix);

  members = json_object_get_members (self->evidence);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder,
                              json_node_copy (json_object_get_member (self->evidence, l->data)));
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The members lc_check_result_to_json() writes itself; any other member is evidence. */
static const char * const own_members[] = {
  "id", "step", "service", "check", "protocol", "port", "ports", "host", "level", "status",
  "cause", "duration_ms", "detail", "fix", NULL
};

/**
 * lc_check_result_new_from_json:
 * @object: a check as lc_check_result_to_json() writes it (a stored report's `checks[]`)
 *
 * Reads back what was stored, as it was: the status and detail are not judged again.
 *
 * Returns: (transfer full) (nullable): the finished result, or %NULL with @error
 */
LcCheckResult *
lc_check_result_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(LcCheckResult) self = NULL;
  const char *id = NULL, *step = NULL, *service = NULL, *check = NULL, *protocol = NULL;
  const char *ports = NULL, *host = NULL, *level = NULL, *status = NULL, *cause = NULL;
  const char *detail = NULL, *fix = NULL;
  gint64 port = 0;
  double duration_ms = -1;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  if (!lc_json_read_string (object, "id", LC_JSON_REQUIRED, &id, error) ||
      !lc_json_read_string (object, "step", LC_JSON_REQUIRED, &step, error) ||
      !lc_json_read_string (object, "service", LC_JSON_OPTIONAL, &service, error) ||
      !lc_json_read_string (object, "check", LC_JSON_OPTIONAL, &check, error) ||
      !lc_json_read_string (object, "protocol", LC_JSON_OPTIONAL, &protocol, error) ||
      !lc_json_read_int (object, "port", LC_JSON_OPTIONAL, 0, 65535, &port, error) ||
      !lc_json_read_string (object, "ports", LC_JSON_OPTIONAL, &ports, error) ||
      !lc_json_read_string (object, "host", LC_JSON_OPTIONAL, &host, error) ||
      !lc_json_read_string (object, "level", LC_JSON_OPTIONAL, &level, error) ||
      !lc_json_read_string (object, "status", LC_JSON_REQUIRED, &status, error) ||
      !lc_json_read_string (object, "cause", LC_JSON_OPTIONAL, &cause, error) ||
      !lc_json_read_double (object, "duration_ms", LC_JSON_OPTIONAL, &duration_ms, error) ||
      !lc_json_read_string (object, "detail", LC_JSON_OPTIONAL, &detail, error) ||
      !lc_json_read_string (object, "fix", LC_JSON_OPTIONAL, &fix, error))
    return NULL;

  self = lc_check_result_new (id, step, service, check);
  if (!lc_status_from_string (status, &self->status))
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_RANGE,
                   _("“status” is “%s”, not pass, warn, fail or skip"), status);
      return NULL;
    }
  if (cause != NULL && !lc_cause_from_string (cause, &self->cause))
    {
      g_set_error (error, LC_JSON_ERROR, LC_JSON_ERROR_RANGE, _("“cause” “%s” is not known"),
                   cause);
      return NULL;
    }

  self->finished = TRUE;
  self->level = g_strcmp0 (level, "recommended") == 0 ? LC_RULE_LEVEL_RECOMMENDED
                                                      : LC_RULE_LEVEL_REQUIRED;
  self->protocol = g_strdup (protocol);
  self->port = port;
  self->ports = g_strdup (ports);
  self->host = g_strdup (host);
  self->duration_ms = duration_ms;
  self->detail = g_strdup (detail);
  self->fix = g_strdup (fix);

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (own_members, l->data))
      json_object_set_member (self->evidence, l->data,
                              json_node_copy (json_object_get_member (object, l->data)));

  return g_steal_pointer (&self);
}
