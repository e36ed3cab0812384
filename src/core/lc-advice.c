/* lc-advice.c — what to do about a run: advice read off its results by a table of rules
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each rule of the table below names a finding (a blocked rule, media only through the relay,
 * loss in bursts, …) and carries the words of its advice: the title, the reason and, where
 * there is one, the exact action. A rule's `find` function only looks for its finding in the
 * report and fills the blanks of those words; the words themselves are data, here, once: the
 * window, the CLI and the report all show this list. Advice comes only from what was measured:
 * a run where everything passed gets none.
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lc-advice.h"
#include "lc-json.h"
#include "lc-media-result.h"
#include "lc-safe-text.h"
#include "lc-words.h"

/* Blanks a finding fills in a rule's words: %1$s, %2$s, %3$s, %4$s. */
#define N_BLANKS 4

typedef struct _AdviceRule AdviceRule;

typedef struct
{
  const AdviceRule *rule;
  GPtrArray        *out;
} Finder;

struct _AdviceRule
{
  const char *id;
  LcStatus    severity;
  const char *title;    /* N_(), with blanks */
  const char *why;      /* N_(), with blanks */
  const char *action;   /* N_(), with blanks, or NULL: the finding's own fix, if any */
  void      (*find)     (Finder *finder, LcReport *report);
};

/* Reading the evidence: it may come from a stored report, so every member is checked. ------ */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static double
member_double (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  if (type == G_TYPE_INT64)
    return (double)json_node_get_int (node);
  return NAN;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Filling a rule's words --------------------------------------------------------------------- */

/* Fills %1$s … %4$s (and %%) of a rule's translated words by hand: a translation with a
 * wrong or missing blank then reads oddly, but cannot crash. */
static char *
fill (const char         *format,
      const char * const *blanks)
{
  const char *text;
  GString *out;

  if (format == NULL)
    return NULL;
  text = _(format);
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == '%')
        {
          g_string_append_c (out, '%');
          p++;
        }
      else if (p[0] == '%' && p[1] >= '1' && p[1] < '1' + N_BLANKS && p[2] == '$' && p[3] == 's')
        {
          const char *blank = blanks ? blanks[p[1] - '1'] : NULL;

          g_string_append (out, blank ? blank : "");
          p += 3;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
add (Finder             *finder,
     const char         *about,
     const char         *subject,
     const char * const *blanks,
     const char         *action)
{
  LcAdvice *advice = g_new0 (LcAdvice, 1);
  g_autofree char *safe_action = NULL;

  advice->rule = g_strdup (finder->rule->id);
  advice->id = about ? g_strconcat (finder->rule->id, ":", about, NULL)
                     : g_strdup (finder->rule->id);
  advice->severity = finder->rule->severity;
  /* A rule without words of its own says what its finding says. */
  advice->title = finder->rule->title ? fill (finder->rule->title, blanks)
                                      : g_strdup (blanks[0] ? blanks[0] : "");
  advice->why = finder->rule->why ? fill (finder->rule->why, blanks)
                                  : g_strdup (blanks[1] ? blanks[1] : "");
  if (finder->rule->action != NULL)
    advice->action = fill (finder->rule->action, blanks);
  else if (action != NULL && *action != '\0')
    advice->action = lc_safe_text_new (action, -1, 400);
  advice->subject = g_strdup (subject);
  g_ptr_array_add (finder->out, advice);
}

static const char *
service_name (LcReport   *report,
              const char *service_id)
{
  const LcService *service;

  if (service_id == NULL)
    return NULL;
  service = lc_profile_lookup_service (lc_report_get_profile (report), service_id);
  return service != NULL && service->name != NULL ? service->name : service_id;
}

static const LcMediaEntry *
media_entry (LcReport      *report,
             LcMediaResult *result)
{
  LcProfile *profile = lc_report_get_profile (report);

  for (guint i = 0; i < lc_profile_get_n_media (profile); i++)
    {
      const LcMediaEntry *entry = lc_profile_get_media (profile, i);

      if (g_strcmp0 (entry->id, lc_media_result_get_id (result)) == 0)
        return entry;
    }
  return NULL;
}

static char *
call_words (LcReport      *report,
            LcMediaResult *result)
{
  const LcMediaEntry *entry = media_entry (report, result);
  g_autofree char *title = NULL;

  if (entry == NULL)
    return lc_safe_text_new (lc_media_result_get_id (result), -1, 80);
  title = lc_words_call_title (entry);
  /* "Audio echo call (Opus)" reads "the audio echo call (Opus)" inside a sentence. */
  {
    const char *rest = g_utf8_next_char (title);
    g_autofree char *first = g_utf8_strdown (title, rest - title);

    return g_strconcat (first, rest, NULL);
  }
}

/* The findings ------------------------------------------------------------------------------- */

static LcCheckResult *
blocked_check_for (LcReport           *report,
                   const LcRuleToOpen *rule)
{
  GPtrArray *checks = lc_report_get_checks (report);

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *check = g_ptr_array_index (checks, i);

      if (lc_cause_is_blocked (lc_check_result_get_cause (check)) &&
          g_strcmp0 (lc_check_result_get_host (check), rule->host) == 0 &&
          g_strcmp0 (lc_check_result_get_protocol (check), rule->protocol) == 0 &&
          g_strcmp0 (lc_check_result_get_ports (check), rule->ports) == 0)
        return check;
    }
  return NULL;
}

/* A rule that did not connect: the rule to open (the runner's rules_to_open, nothing else). */
static void
find_blocked_rules (Finder   *finder,
                    LcReport *report)
{
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (report);

  for (guint i = 0; i < rules->len; i++)
    {
      LcRuleToOpen *rule = g_ptr_array_index (rules, i);
      LcCheckResult *check = blocked_check_for (report, rule);
      g_autofree char *what = lc_words_rule_to_open (rule);
      g_autofree char *about = g_strdup_printf ("%s-%s-%s", rule->protocol, rule->ports,
                                                rule->host);
      const char *reason;
      const char *blanks[N_BLANKS] = { what, rule->service_name ? rule->service_name : "",
                                       NULL, NULL };

      switch (check ? lc_check_result_get_cause (check) : LC_CAUSE_TIMEOUT)
        {
        case LC_CAUSE_REFUSED:
          reason = _("the connection attempts were refused: a firewall rejects them, or "
                     "nothing listens there");
          break;
        case LC_CAUSE_UNREACHABLE:
          reason = _("there is no route to it from this network");
          break;
        case LC_CAUSE_TIMEOUT:
        default:
          reason = check != NULL
                     ? _("the connection attempts got no answer at all: a firewall on the way "
                         "drops them")
                     : _("these ports got no answer at all: a firewall on the way drops them");
          break;
        }
      blanks[2] = reason;
      add (finder, about, check ? lc_check_result_get_id (check) : NULL, blanks, NULL);
    }
}

/* Connected, then not the service: opening the port would change nothing. */
static void
find_open_but_wrong (Finder   *finder,
                     LcReport *report)
{
  GPtrArray *checks = lc_report_get_checks (report);

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *check = g_ptr_array_index (checks, i);
      LcCause cause = lc_check_result_get_cause (check);
      LcStatus status = lc_check_result_get_status (check);
      g_autofree char *headline = NULL;
      g_autofree char *detail = NULL;
      const char *blanks[N_BLANKS] = { NULL };

      if (status != LC_STATUS_FAIL && status != LC_STATUS_WARN)
        continue;
      if (cause != LC_CAUSE_SILENT && cause != LC_CAUSE_NOT_TLS && cause != LC_CAUSE_PROTOCOL)
        continue;
      headline = lc_words_check_headline (check, lc_report_get_profile (report));
      detail = lc_safe_text_new (lc_check_result_get_detail (check)
                               ? lc_check_result_get_detail (check) : "", -1, 300);
      blanks[0] = headline;
      blanks[1] = detail;
      add (finder, lc_check_result_get_id (check), lc_check_result_get_id (check), blanks,
           NULL);
    }
}

static void
find_checks_with_cause (Finder   *finder,
                        LcReport *report,
                        LcCause   wanted)
{
  GPtrArray *checks = lc_report_get_checks (report);

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *check = g_ptr_array_index (checks, i);
      LcStatus status = lc_check_result_get_status (check);
      g_autofree char *detail = NULL;
      const char *name;
      const char *blanks[N_BLANKS] = { NULL };

      if ((status != LC_STATUS_FAIL && status != LC_STATUS_WARN) ||
          lc_check_result_get_cause (check) != wanted)
        continue;
      name = service_name (report, lc_check_result_get_service (check));
      detail = lc_safe_text_new (lc_check_result_get_detail (check)
                               ? lc_check_result_get_detail (check) : "", -1, 300);
      blanks[0] = lc_check_result_get_host (check) ? lc_check_result_get_host (check) : "";
      blanks[1] = name ? name : blanks[0];
      blanks[2] = detail;
      add (finder, lc_check_result_get_id (check), lc_check_result_get_id (check), blanks,
           NULL);
    }
}

static void
find_tls_failures (Finder   *finder,
                   LcReport *report)
{
  find_checks_with_cause (finder, report, LC_CAUSE_TLS);
}

static void
find_dns_failures (Finder   *finder,
                   LcReport *report)
{
  find_checks_with_cause (finder, report, LC_CAUSE_DNS);
}

static void
find_refused_credentials (Finder   *finder,
                          LcReport *report)
{
  find_checks_with_cause (finder, report, LC_CAUSE_AUTH);
}

/* Whether the call's media took the TURN relay: its selected candidate pair says. */
static gboolean
went_through_relay (LcMediaResult *result)
{
  JsonObject *pair = member_object (lc_media_result_get_evidence (result), "selected_pair");

  return g_strcmp0 (member_string (member_object (pair, "local"), "type"), "relay") == 0 ||
         g_strcmp0 (member_string (member_object (pair, "remote"), "type"), "relay") == 0;
}

/* An echo call that was to go direct and only got through the relay. */
static void
find_relay_only (Finder   *finder,
                 LcReport *report)
{
  GPtrArray *media = lc_report_get_media (report);

  for (guint i = 0; i < media->len; i++)
    {
      LcMediaResult *result = g_ptr_array_index (media, i);
      const LcMediaEntry *entry = media_entry (report, result);
      LcMediaStatus status = lc_media_result_get_status (result);
      g_autofree char *call = NULL;
      const char *blanks[N_BLANKS] = { NULL };

      if (entry == NULL || entry->via != LC_MEDIA_VIA_ECHO || entry->relay ||
          !went_through_relay (result) ||
          (status != LC_MEDIA_STATUS_PASS && status != LC_MEDIA_STATUS_WARN))
        continue;
      call = call_words (report, result);
      blanks[0] = call;
      add (finder, lc_media_result_get_id (result), lc_media_result_get_id (result), blanks,
           NULL);
    }
}

/* A call that could not be placed at all (not one that ran and measured badly). */
static void
find_calls_not_placed (Finder   *finder,
                       LcReport *report)
{
  GPtrArray *media = lc_report_get_media (report);

  for (guint i = 0; i < media->len; i++)
    {
      LcMediaResult *result = g_ptr_array_index (media, i);
      LcMediaStatus status = lc_media_result_get_status (result);
      g_autofree char *call = NULL;
      g_autofree char *detail = NULL;
      const char *blanks[N_BLANKS] = { NULL };

      if (status != LC_MEDIA_STATUS_FAIL && status != LC_MEDIA_STATUS_INTERRUPTED)
        continue;
      if (status == LC_MEDIA_STATUS_FAIL && lc_media_result_get_cause (result) == LC_CAUSE_NETWORK
          && lc_media_result_get_samples (result)->len > 0)
        continue;  /* it ran: the quality rules speak of it */
      call = call_words (report, result);
      detail = lc_safe_text_new (lc_media_result_get_detail (result)
                               ? lc_media_result_get_detail (result) : "", -1, 300);
      blanks[0] = call;
      blanks[1] = detail;
      add (finder, lc_media_result_get_id (result), lc_media_result_get_id (result), blanks,
           lc_media_result_get_fix (result));
    }
}

typedef enum
{
  OVER_CALL,     /* the call as a whole broke the limit */
  OVER_WINDOWS,  /* only some of its windows did */
} Span;

static char *
figure_words (const char *figure,
              double      value)
{
  if (isnan (value))
    return g_strdup (_("not measured"));
  if (g_str_equal (figure, "loss_percent"))
    return g_strdup_printf (_("%.1f %%"), value);
  if (g_str_equal (figure, "send_kbps") || g_str_equal (figure, "recv_kbps"))
    return g_strdup_printf (_("%.0f kbps"), value);
  return g_strdup_printf (_("%.0f ms"), value);
}

/* The quality verdict's warnings for @figures: a call over its limit, or windows over it. */
static void
find_quality (Finder             *finder,
              LcReport           *report,
              const char * const *figures,
              Span                span)
{
  GPtrArray *media = lc_report_get_media (report);

  for (guint i = 0; i < media->len; i++)
    {
      LcMediaResult *result = g_ptr_array_index (media, i);
      JsonObject *quality = member_object (lc_media_result_get_evidence (result), "quality");
      JsonArray *warnings = member_array (quality, "warnings");
      JsonArray *windows = member_array (quality, "windows");
      guint n_windows = 0, n_over = 0;
      double worst = NAN, limit = NAN;
      const char *figure = NULL;

      if (warnings == NULL)
        continue;
      if (windows != NULL)
        for (guint w = 0; w < json_array_get_length (windows); w++)
          {
            JsonNode *node = json_array_get_element (windows, w);

            if (JSON_NODE_HOLDS_OBJECT (node) &&
                g_strcmp0 (member_string (json_node_get_object (node), "status"), "skip") != 0)
              n_windows++;
          }

      for (guint w = 0; w < json_array_get_length (warnings); w++)
        {
          JsonNode *node = json_array_get_element (warnings, w);
          JsonObject *warning = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          const char *which = member_string (warning, "figure");
          double value = member_double (warning, "value");
          gboolean whole = isnan (member_double (warning, "start_s"));

          if (which == NULL || !g_strv_contains (figures, which) || isnan (value))
            continue;
          if ((span == OVER_CALL) != whole)
            continue;
          if (figure != NULL && !g_str_equal (figure, which))
            continue;  /* one advice per call and figure: the first one named */
          figure = which;
          n_over++;
          limit = member_double (warning, "limit");
          /* Rates are bad when low, the rest when high. */
          if (isnan (worst) ||
              (g_str_has_suffix (which, "_kbps") ? value < worst : value > worst))
            worst = value;
        }

      if (figure == NULL)
        continue;

      {
        g_autofree char *call = call_words (report, result);
        g_autofree char *value_words = figure_words (figure, worst);
        g_autofree char *limit_words = figure_words (figure, limit);
        g_autofree char *count = g_strdup_printf (
          /* Translators: "3 of 4" five-second windows of a call */
          _("%u of %u"), n_over, MAX (n_windows, n_over));
        g_autofree char *about = g_strdup_printf ("%s-%s", lc_media_result_get_id (result),
                                                  figure);
        const char *blanks[N_BLANKS] = { call, value_words, limit_words, count };

        add (finder, about, lc_media_result_get_id (result), blanks, NULL);
      }
    }
}

static void
find_loss_over_call (Finder   *finder,
                     LcReport *report)
{
  static const char * const figures[] = { "loss_percent", NULL };
  find_quality (finder, report, figures, OVER_CALL);
}

static void
find_loss_in_windows (Finder   *finder,
                      LcReport *report)
{
  static const char * const figures[] = { "loss_percent", NULL };
  find_quality (finder, report, figures, OVER_WINDOWS);
}

static void
find_jitter_over_call (Finder   *finder,
                       LcReport *report)
{
  static const char * const figures[] = { "jitter_ms", NULL };
  find_quality (finder, report, figures, OVER_CALL);
}

static void
find_jitter_in_windows (Finder   *finder,
                        LcReport *report)
{
  static const char * const figures[] = { "jitter_ms", NULL };
  find_quality (finder, report, figures, OVER_WINDOWS);
}

static void
find_rtt (Finder   *finder,
          LcReport *report)
{
  static const char * const figures[] = { "rtt_ms", NULL };
  find_quality (finder, report, figures, OVER_CALL);
  find_quality (finder, report, figures, OVER_WINDOWS);
}

static void
find_low_rate (Finder   *finder,
               LcReport *report)
{
  static const char * const figures[] = { "send_kbps", "recv_kbps", NULL };
  find_quality (finder, report, figures, OVER_CALL);
  find_quality (finder, report, figures, OVER_WINDOWS);
}

/* The table ---------------------------------------------------------------------------------- */

static const AdviceRule rules[] = {
  {
    "open-rule", LC_STATUS_FAIL,
    /* Translators: %1$s is a rule, "TCP 8089 to acd.example.net" */
    N_("Ask IT to open %1$s"),
    /* Translators: %2$s is a service ("Voice server"), %3$s why the rule is blocked */
    N_("%2$s: %3$s. Calls need this rule open."),
    /* Translators: the line to give IT, %1$s is a rule, "TCP 8089 to acd.example.net" */
    N_("Allow %1$s"),
    find_blocked_rules,
  },
  {
    "service-not-answering", LC_STATUS_FAIL,
    NULL,  /* the check's headline: "Voice server: TCP 8089 is open, but …" */
    /* Translators: %2$s is the evidence of the check */
    N_("The port is open: nothing needs opening. %2$s"),
    N_("Tell the platform's support, with the result code. If a proxy or a security appliance "
       "sits between this network and the platform, ask IT whether it intercepts this port."),
    find_open_but_wrong,
  },
  {
    "tls-fails", LC_STATUS_FAIL,
    /* Translators: %2$s is a service, "Video gateway" */
    N_("The secure connection to the %2$s fails"),
    /* Translators: %1$s is a host, %3$s the evidence */
    N_("The port on %1$s is open, but the TLS handshake or its certificate failed: %3$s. A "
       "security appliance that inspects TLS, or a wrong clock on this computer, cause this."),
    /* Translators: %1$s is a host */
    N_("Check this computer's date and time, and ask IT to exempt %1$s from TLS inspection."),
    find_tls_failures,
  },
  {
    "name-does-not-resolve", LC_STATUS_FAIL,
    /* Translators: %1$s is a host name */
    N_("%1$s does not resolve"),
    /* Translators: %3$s is the evidence */
    N_("This network's DNS does not give an address for the platform's name, so nothing can "
       "connect to it: %3$s."),
    N_("Check the network's DNS settings; a VPN or a filtering DNS service may hide the name."),
    find_dns_failures,
  },
  {
    "credentials-refused", LC_STATUS_FAIL,
    /* Translators: %2$s is a service, "STUN/TURN servers" */
    N_("The %2$s refused the credentials"),
    /* Translators: %3$s is the evidence */
    N_("The relay server answered, but would not accept the account: %3$s."),
    N_("Check the TURN account in the profile with the platform; nothing needs opening."),
    find_refused_credentials,
  },
  {
    "call-not-placed", LC_STATUS_FAIL,
    /* Translators: %1$s is a call, "the audio echo call (Opus)" */
    N_("Could not place the %1$s"),
    NULL,  /* what went wrong, as the call said it */
    NULL,
    find_calls_not_placed,
  },
  {
    "loss-high", LC_STATUS_FAIL,
    N_("Too many packets are lost on the way"),
    /* Translators: %1$s a call, %2$s the loss measured, %3$s the limit */
    N_("During the %1$s, %2$s of the packets were lost; calls need less than %3$s. The other side "
       "hears gaps and a robotic voice. Wi-Fi, a busy line and a VPN are the usual causes."),
    N_("Use a network cable rather than Wi-Fi, pause large uploads and downloads on the same "
       "line, and test again. If it stays, ask IT or the provider about loss on the line."),
    find_loss_over_call,
  },
  {
    "loss-bursts", LC_STATUS_WARN,
    N_("Packets were lost in bursts"),
    /* Translators: %1$s a call, %4$s "3 of 4", %2$s the worst loss, %3$s the limit */
    N_("During the %1$s, %4$s five-second windows lost more than %3$s of the packets (up to %2$s), "
       "although the call as a whole stayed under it. Bursts come most often from Wi-Fi, other "
       "traffic on the same line (uploads, video, backups) or a VPN."),
    N_("Use a network cable, pause large transfers during calls, and test again."),
    find_loss_in_windows,
  },
  {
    "jitter-high", LC_STATUS_FAIL,
    N_("Packets arrive too unevenly"),
    /* Translators: %1$s a call, %2$s the jitter measured, %3$s the limit */
    N_("During the %1$s, the jitter was %2$s; calls need less than %3$s, or voices stutter and lag. "
       "Wi-Fi and a line busy with other traffic are the usual causes."),
    N_("Use a network cable rather than Wi-Fi, and pause large transfers during calls."),
    find_jitter_over_call,
  },
  {
    "jitter-bursts", LC_STATUS_WARN,
    N_("Packets arrived unevenly at times"),
    /* Translators: %1$s a call, %4$s "3 of 4", %2$s the worst jitter, %3$s the limit */
    N_("During the %1$s, %4$s five-second windows had a jitter over %3$s (up to %2$s). Wi-Fi and "
       "other traffic on the same line cause such moments."),
    N_("Use a network cable, pause large transfers during calls, and test again."),
    find_jitter_in_windows,
  },
  {
    "rtt-high", LC_STATUS_WARN,
    N_("The round trip to the platform is long"),
    /* Translators: %1$s a call, %2$s the round trip measured, %3$s the limit */
    N_("During the %1$s, the round trip reached %2$s; over %3$s people start talking over each other. "
       "A far edge, a VPN, or a mobile or satellite link add delay."),
    N_("On the Low Latency Edge page, choose the nearest edge and test again; if a VPN is on, "
       "test without it."),
    find_rtt,
  },
  {
    "rate-low", LC_STATUS_WARN,
    N_("The line did not carry the calls' rate"),
    /* Translators: %1$s a call, %2$s the rate measured, %3$s the rate needed */
    N_("During the %1$s, the rate fell to %2$s; it needs %3$s. A slow upload, Wi-Fi or other traffic on "
       "the line hold it back."),
    N_("Close applications that use the network during calls. If it stays, the line is too "
       "slow: ask the provider about its upload speed."),
    find_low_rate,
  },
  {
    "relay-only", LC_STATUS_WARN,
    /* Translators: %1$s a call, "the audio echo call (Opus)" */
    N_("Media only gets through the relay server"),
    N_("During the %1$s, direct media to the platform did not get through, so the call went through "
       "the TURN relay. Calls work this way, but each one depends on the relay and carries a "
       "little more delay."),
    N_("For direct media, ask IT to open the UDP media ranges of the profile to the platform "
       "(see the firewall step)."),
    find_relay_only,
  },
};

/**
 * lc_advice_list_rules:
 *
 * Returns: (transfer none): the ids of the advice rules, in the table's order
 */
const char * const *
lc_advice_list_rules (void)
{
  static const char *ids[G_N_ELEMENTS (rules) + 1];

  if (ids[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
      ids[i] = rules[i].id;
  return ids;
}

void
lc_advice_free (LcAdvice *advice)
{
  if (advice == NULL)
    return;
  g_free (advice->id);
  g_free (advice->rule);
  g_free (advice->title);
  g_free (advice->why);
  g_free (advice->action);
  g_free (advice->subject);
  g_free (advice);
}

/**
 * lc_advice_for_report:
 *
 * Every rule of the table applied to @report: what must be done first (severity fail), then
 * what would make calls better; within each, the table's order.
 *
 * Returns: (transfer container) (element-type LcAdvice): the advice, empty when there is none
 */
GPtrArray *
lc_advice_for_report (LcReport *report)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)lc_advice_free);
  static const LcStatus order[] = { LC_STATUS_FAIL, LC_STATUS_WARN };

  g_return_val_if_fail (LC_IS_REPORT (report), out);

  for (guint s = 0; s < G_N_ELEMENTS (order); s++)
    for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
      {
        Finder finder = { &rules[i], out };

        if (rules[i].severity == order[s])
          rules[i].find (&finder, report);
      }
  return out;
}

/**
 * lc_advice_to_json:
 *
 * Returns: (transfer full): one entry of the report's `recommendations`: `id`, `title`,
 *   `why`, and beside them `rule`, `severity` ("fail" | "warn"), `action` and `subject`
 *   (null when there is none)
 */
JsonNode *
lc_advice_to_json (const LcAdvice *advice)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  lc_json_add_string (builder, "id", advice->id);
  lc_json_add_string (builder, "rule", advice->rule);
  lc_json_add_string (builder, "severity", lc_status_to_string (advice->severity));
  lc_json_add_string (builder, "title", advice->title);
  lc_json_add_string (builder, "why", advice->why);
  lc_json_add_string (builder, "action", advice->action);
  lc_json_add_string (builder, "subject", advice->subject);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
