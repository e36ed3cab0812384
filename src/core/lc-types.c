/* lc-types.c — names of the engine's shared enums
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lc-types.h"

static const char * const check_kind_names[] = {
  [LC_CHECK_KIND_TCP] = "tcp",
  [LC_CHECK_KIND_TLS] = "tls",
  [LC_CHECK_KIND_HTTP] = "http",
  [LC_CHECK_KIND_HTTPS] = "https",
  [LC_CHECK_KIND_WEBSOCKET] = "websocket",
  [LC_CHECK_KIND_STUN] = "stun",
  [LC_CHECK_KIND_TURN] = "turn",
  [LC_CHECK_KIND_UDP_RANGE] = "udp-range",
  [LC_CHECK_KIND_SIP_WS] = "sip-ws",
};

const char *
lc_check_kind_to_string (LcCheckKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (check_kind_names), NULL);

  return check_kind_names[kind];
}

gboolean
lc_check_kind_from_string (const char  *str,
                           LcCheckKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (check_kind_names); i++)
    {
      if (g_strcmp0 (str, check_kind_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
lc_protocol_to_string (LcProtocol protocol)
{
  return protocol == LC_PROTOCOL_UDP ? "udp" : "tcp";
}

const char *
lc_transport_to_string (LcTransport transport)
{
  switch (transport)
    {
    case LC_TRANSPORT_UDP: return "udp";
    case LC_TRANSPORT_TCP: return "tcp";
    case LC_TRANSPORT_TLS: return "tls";
    default: g_return_val_if_reached (NULL);
    }
}

const char *
lc_step_to_string (LcStep step)
{
  switch (step)
    {
    case LC_STEP_FIREWALL: return "firewall";
    case LC_STEP_EDGE: return "edge";
    case LC_STEP_BANDWIDTH: return "bandwidth";
    case LC_STEP_RECOMMENDATIONS: return "recommendations";
    case LC_STEP_END_TO_END: return "end-to-end";
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * lc_step_get_title:
 *
 * Returns: the step's title as the checklist words it, translated
 */
const char *
lc_step_get_title (LcStep step)
{
  switch (step)
    {
    case LC_STEP_FIREWALL: return _("Network and Firewall");
    case LC_STEP_EDGE: return _("Low Latency Edge");
    case LC_STEP_BANDWIDTH: return _("Bandwidth");
    case LC_STEP_RECOMMENDATIONS: return _("Recommendations");
    case LC_STEP_END_TO_END: return _("End-to-End Test");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * lc_step_get_summary:
 *
 * Returns: one sentence on what the step does, translated
 */
const char *
lc_step_get_summary (LcStep step)
{
  switch (step)
    {
    case LC_STEP_FIREWALL:
      return _("Check that the network this computer is on lets the video gateway, the voice "
               "server and the STUN/TURN servers through its firewall.");
    case LC_STEP_EDGE:
      return _("If the platform offers a Global Low Latency edge, measure every edge and "
               "pick the nearest.");
    case LC_STEP_BANDWIDTH:
      return _("Make sure the connection carries the bandwidth that audio and video calls need.");
    case LC_STEP_RECOMMENDATIONS:
      return _("Read the recommendations and best practices for calls from this network.");
    case LC_STEP_END_TO_END:
      return _("Place real test calls through the platform and get the verdict, the rules to "
               "open and a result code for support.");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
lc_status_to_string (LcStatus status)
{
  switch (status)
    {
    case LC_STATUS_PASS: return "pass";
    case LC_STATUS_WARN: return "warn";
    case LC_STATUS_FAIL: return "fail";
    case LC_STATUS_SKIP: return "skip";
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * lc_status_from_string:
 *
 * Returns: %TRUE when @str is one of the report's statuses (a stored report read back)
 */
gboolean
lc_status_from_string (const char *str,
                       LcStatus   *status)
{
  for (LcStatus s = LC_STATUS_PASS; s <= LC_STATUS_SKIP; s++)
    {
      if (g_strcmp0 (str, lc_status_to_string (s)) == 0)
        {
          *status = s;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * lc_cause_to_string:
 *
 * Returns: (nullable): the report's word for @cause, %NULL for %LC_CAUSE_NONE
 */
const char *
lc_cause_to_string (LcCause cause)
{
  switch (cause)
    {
    case LC_CAUSE_NONE: return NULL;
    case LC_CAUSE_REFUSED: return "refused";
    case LC_CAUSE_TIMEOUT: return "timeout";
    case LC_CAUSE_UNREACHABLE: return "unreachable";
    case LC_CAUSE_DNS: return "dns";
    case LC_CAUSE_TLS: return "tls";
    case LC_CAUSE_AUTH: return "auth";
    case LC_CAUSE_PROTOCOL: return "protocol";
    case LC_CAUSE_NETWORK: return "network";
    case LC_CAUSE_NOT_TESTABLE: return "not-testable";
    case LC_CAUSE_SILENT: return "silent";
    case LC_CAUSE_NOT_TLS: return "not-tls";
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * lc_cause_from_string:
 *
 * Returns: %TRUE when @str is one of the report's causes (a stored report read back)
 */
gboolean
lc_cause_from_string (const char *str,
                      LcCause    *cause)
{
  for (LcCause c = LC_CAUSE_REFUSED; c <= LC_CAUSE_NOT_TLS; c++)
    {
      if (g_strcmp0 (str, lc_cause_to_string (c)) == 0)
        {
          *cause = c;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * lc_cause_is_blocked:
 *
 * Returns: whether @cause means the traffic did not get through at all (refused, dropped,
 *   no route): only then is opening the firewall the fix. A port that accepted the
 *   connection is open, whatever answered on it.
 */
gboolean
lc_cause_is_blocked (LcCause cause)
{
  return cause == LC_CAUSE_REFUSED || cause == LC_CAUSE_TIMEOUT || cause == LC_CAUSE_UNREACHABLE;
}
