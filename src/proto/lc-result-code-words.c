/* lc-result-code-words.c — a result code for a person: its summary, its spelling, its JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-code"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lc-result-code.h"

/* ---- Words ------------------------------------------------------------------------------- */

void
lc_result_code_line_free (LcResultCodeLine *line)
{
  g_free (line->title);
  g_free (line->text);
  g_strfreev (line->items);
  g_free (line);
}

static const char *
status_words (LcResultCodeStatus status,
              gboolean           tested)
{
  switch (status)
    {
    case LC_RESULT_CODE_STATUS_PASS:
      /* Translators: the status of a step, a service or a call, in a decoded result code */
      return C_("result code", "passed");
    case LC_RESULT_CODE_STATUS_WARN: return C_("result code", "passed with warnings");
    case LC_RESULT_CODE_STATUS_FAIL: return C_("result code", "failed");
    case LC_RESULT_CODE_STATUS_NONE:
    default:
      return tested ? C_("result code", "not tested") : C_("result code", "not run");
    }
}

/* "firewall: failed"; translators may order the two as their language needs. */
static void
add_item (GStrvBuilder *items,
          const char   *name,
          const char   *value)
{
  /* Translators: one item of a decoded result code, "firewall: failed" */
  g_autofree char *item = g_strdup_printf (C_("result code", "%s: %s"), name, value);

  g_strv_builder_add (items, item);
}

static const char *
cause_words (guint cause)
{
  switch (cause)
    {
    case LC_RESULT_CODE_CAUSE_REFUSED:
      return _("the connection was refused: nothing listens there, or a firewall rejects it");
    case LC_RESULT_CODE_CAUSE_TIMEOUT:
      return _("nothing answered in time: a firewall probably drops the traffic");
    case LC_RESULT_CODE_CAUSE_UNREACHABLE: return _("there is no route to the host");
    case LC_RESULT_CODE_CAUSE_DNS: return _("a host name does not resolve");
    case LC_RESULT_CODE_CAUSE_TLS:
      return _("the secure connection (TLS) or its certificate failed");
    case LC_RESULT_CODE_CAUSE_AUTH: return _("the server refused the credentials");
    case LC_RESULT_CODE_CAUSE_PROTOCOL:
      return _("a server answered, but not as the service should");
    case LC_RESULT_CODE_CAUSE_NETWORK: return _("a network error");
    case LC_RESULT_CODE_CAUSE_NOT_TESTABLE: return _("this set-up could not test it");
    case LC_RESULT_CODE_CAUSE_OTHER: return _("another cause");
    default: return _("a cause only a newer Linecheck can name");
    }
}

/* A bound as a person writes it, in their locale: "0.1", "150"; a MOS always with its
 * decimal, as it is quoted ("4.0"). */
static char *
format_bound (LcResultCodeFigure figure,
              double             value)
{
  if (figure == LC_RESULT_CODE_FIGURE_MOS)
    return g_strdup_printf ("%.1f", value);
  return g_strdup_printf ("%g", value);
}

static char *
bucket_words (LcResultCodeFigure figure,
              guint              bucket)
{
  const char *unit = figure == LC_RESULT_CODE_FIGURE_LOSS ? "%" : "ms";
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *range = NULL;
  double lower, upper;

  if (!lc_result_code_get_bucket_bounds (figure, bucket, &lower, &upper))
    return g_strdup (_("not measured"));

  low = format_bound (figure, lower);
  high = format_bound (figure, upper);
  if (isinf (lower))
    /* Translators: a bucket of a figure, "under 20" (ms, %, or a MOS) */
    range = g_strdup_printf (_("under %s"), high);
  else if (isinf (upper))
    /* Translators: the top bucket of a figure, "2000 or more" */
    range = g_strdup_printf (_("%s or more"), low);
  else
    /* Translators: a bucket of a figure, "100–150" */
    range = g_strdup_printf (_("%s–%s"), low, high);

  if (figure == LC_RESULT_CODE_FIGURE_MOS)
    {
      const char *grade;

      /* The grades of lc-quality: bad < 3.1 ≤ poor < 3.6 ≤ fair < 4.0 ≤ good < 4.3 ≤ excellent */
      if (bucket <= 2)
        grade = C_("call quality", "bad");
      else if (bucket == 3)
        grade = C_("call quality", "poor");
      else if (bucket == 4)
        grade = C_("call quality", "fair");
      else if (bucket == 5)
        grade = C_("call quality", "good");
      else
        grade = C_("call quality", "excellent");
      /* Translators: a MOS bucket and its grade, "4–4.3 (good)" */
      return g_strdup_printf (_("%s (%s)"), range, grade);
    }

  /* Translators: a figure's bucket and its unit, "100–150 ms", "under 0.1 %" */
  return g_strdup_printf (_("%s %s"), range, unit);
}

/* Takes @items; @text is the line as one sentence, or %NULL for the items joined by " · ". */
static void
add_line (GPtrArray    *lines,
          const char   *title,
          GStrvBuilder *items,
          char         *text)
{
  LcResultCodeLine *line = g_new0 (LcResultCodeLine, 1);

  line->title = g_strdup (title);
  line->items = g_strv_builder_end (items);
  line->text = text != NULL ? text : g_strjoinv (" · ", line->items);
  g_strv_builder_unref (items);
  g_ptr_array_add (lines, line);
}

static GStrvBuilder *
single_item (const char *text)
{
  GStrvBuilder *items = g_strv_builder_new ();

  g_strv_builder_add (items, text);
  return items;
}

static void
add_counts (GPtrArray          *lines,
            const LcResultCode *code)
{
  GStrvBuilder *items = g_strv_builder_new ();
  g_autofree char *failed = NULL;
  g_autofree char *rules = NULL;

  if (code->failed_checks == 0)
    failed = g_strdup (_("none failed"));
  else if (code->failed_checks >= LC_RESULT_CODE_MAX_COUNT)
    failed = g_strdup_printf (_("%u or more failed"), (guint)LC_RESULT_CODE_MAX_COUNT);
  else
    failed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed",
                                           code->failed_checks), code->failed_checks);

  if (code->rules_to_open == 0)
    rules = g_strdup (_("no rule to open on the firewall"));
  else if (code->rules_to_open >= LC_RESULT_CODE_MAX_COUNT)
    rules = g_strdup_printf (_("%u or more rules to open on the firewall"),
                             (guint)LC_RESULT_CODE_MAX_COUNT);
  else
    rules = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rule to open on the firewall",
                                          "%u rules to open on the firewall",
                                          code->rules_to_open), code->rules_to_open);

  g_strv_builder_add (items, failed);
  g_strv_builder_add (items, rules);
  /* Translators: the title of a line of a decoded result code; then "3 failed, 2 rules to open
   * on the firewall" */
  add_line (lines, _("Checks"), items, g_strdup_printf (_("%s, %s"), failed, rules));
}

static void
add_media (GPtrArray          *lines,
           const LcResultCode *code)
{
  gboolean direct_ok = code->direct_media == LC_RESULT_CODE_STATUS_PASS ||
                       code->direct_media == LC_RESULT_CODE_STATUS_WARN;
  gboolean relay_ok = code->relay_media == LC_RESULT_CODE_STATUS_PASS ||
                      code->relay_media == LC_RESULT_CODE_STATUS_WARN;
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  g_auto(GStrv) path_items = NULL;
  g_autofree char *joined = NULL;
  const char *headline = NULL;
  GStrvBuilder *items;

  if (code->direct_media == LC_RESULT_CODE_STATUS_NONE &&
      code->relay_media == LC_RESULT_CODE_STATUS_NONE)
    {
      add_line (lines, _("Media"), single_item (_("no test call was made")), NULL);
      return;
    }

  add_item (paths, _("direct"), code->direct_media == LC_RESULT_CODE_STATUS_NONE
                                  ? _("no call made") : status_words (code->direct_media, TRUE));
  add_item (paths, _("relayed"), code->relay_media == LC_RESULT_CODE_STATUS_NONE
                                   ? _("no call made") : status_words (code->relay_media, TRUE));
  path_items = g_strv_builder_end (paths);
  joined = g_strjoinv (" · ", path_items);

  if (relay_ok && !direct_ok)
    headline = _("media got through only by relay");
  else if (!relay_ok && !direct_ok)
    headline = _("no media got through");

  items = g_strv_builder_new ();
  if (headline != NULL)
    g_strv_builder_add (items, headline);
  g_strv_builder_addv (items, (const char **)path_items);

  add_line (lines, _("Media"), items,
            headline != NULL
              /* Translators: "media got through only by relay (direct: failed · relayed: …)" */
              ? g_strdup_printf (_("%s (%s)"), headline, joined)
              : NULL);
}

static char *
describe_edge (const LcResultCode *code)
{
  if (code->edge == 0)
    return g_strdup (_("none chosen"));

  if (code->edge >= LC_RESULT_CODE_MAX_EDGE)
    return g_strdup_printf (code->edge_nearest
                              ? _("number %u or a later one in the profile’s list of edges, "
                                  "the nearest")
                              : _("number %u or a later one in the profile’s list of edges, "
                                  "not the nearest measured"),
                            code->edge);

  return g_strdup_printf (code->edge_nearest
                            ? _("number %u in the profile’s list of edges, the nearest")
                            : _("number %u in the profile’s list of edges, not the nearest "
                                "measured"),
                          code->edge);
}

static void
add_quality (GPtrArray          *lines,
             const LcResultCode *code)
{
  GStrvBuilder *items = g_strv_builder_new ();
  /* Translators: the call figures of a decoded result code */
  const char *names[LC_RESULT_CODE_N_FIGURES] = {
    [LC_RESULT_CODE_FIGURE_RTT] = _("round trip"),
    [LC_RESULT_CODE_FIGURE_JITTER] = _("jitter"),
    [LC_RESULT_CODE_FIGURE_LOSS] = _("loss"),
    [LC_RESULT_CODE_FIGURE_MOS] = _("MOS"),
  };
  gboolean measured = FALSE;

  for (guint i = 0; i < LC_RESULT_CODE_N_FIGURES; i++)
    measured |= code->buckets[i] != 0;

  if (!measured)
    g_strv_builder_add (items, _("not measured"));
  else
    for (guint i = 0; i < LC_RESULT_CODE_N_FIGURES; i++)
      {
        g_autofree char *words = bucket_words (i, code->buckets[i]);
        add_item (items, names[i], words);
      }
  add_line (lines, _("Call quality"), items, NULL);
}

/**
 * lc_result_code_describe_verdict:
 *
 * Returns: (transfer full): the verdict in a sentence, translated
 */
char *
lc_result_code_describe_verdict (const LcResultCode *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  switch (code->verdict)
    {
    case LC_RESULT_CODE_STATUS_PASS:
      return g_strdup (_("Passed: every requirement is met"));
    case LC_RESULT_CODE_STATUS_WARN:
      return g_strdup (_("Passed with warnings: the requirements are met, some recommendations "
                         "are not"));
    case LC_RESULT_CODE_STATUS_FAIL:
    case LC_RESULT_CODE_STATUS_NONE:
    default:
      return g_strdup (_("Failed: some requirements are not met"));
    }
}

/**
 * lc_result_code_describe_lines:
 *
 * The summary a support person reads: the steps, the services, the counts, the first problem,
 * the media path, the edge and the call figures. The verdict is not among them: see
 * lc_result_code_describe_verdict().
 *
 * Returns: (transfer full) (element-type LcResultCodeLine): the lines, translated
 */
GPtrArray *
lc_result_code_describe_lines (const LcResultCode *code)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify)lc_result_code_line_free);
  /* Translators: the checklist steps and services, as a decoded result code names them */
  const char *steps[LC_RESULT_CODE_N_STEPS] = {
    [LC_RESULT_CODE_STEP_FIREWALL] = C_("result code", "firewall"),
    [LC_RESULT_CODE_STEP_EDGE] = C_("result code", "edge"),
    [LC_RESULT_CODE_STEP_MEDIA] = C_("result code", "media"),
    [LC_RESULT_CODE_STEP_CONTEXT] = C_("result code", "context"),
  };
  const char *services[LC_RESULT_CODE_N_SERVICES] = {
    [LC_RESULT_CODE_SERVICE_RTC] = C_("result code", "RTC"),
    [LC_RESULT_CODE_SERVICE_ACD] = C_("result code", "ACD"),
    [LC_RESULT_CODE_SERVICE_ICE] = C_("result code", "ICE"),
    [LC_RESULT_CODE_SERVICE_OTHER] = C_("result code", "other"),
  };
  GStrvBuilder *items;

  g_return_val_if_fail (code != NULL, lines);

  items = g_strv_builder_new ();
  for (guint i = 0; i < LC_RESULT_CODE_N_STEPS; i++)
    add_item (items, steps[i], status_words (code->steps[i], FALSE));
  /* Translators: the titles of the lines of a decoded result code */
  add_line (lines, _("Steps"), items, NULL);

  items = g_strv_builder_new ();
  for (guint i = 0; i < LC_RESULT_CODE_N_SERVICES; i++)
    add_item (items, services[i], status_words (code->services[i], TRUE));
  add_line (lines, _("Services"), items, NULL);

  add_counts (lines, code);
  if (code->cause != LC_RESULT_CODE_CAUSE_NONE)
    add_line (lines, _("First problem"), single_item (cause_words (code->cause)), NULL);
  add_media (lines, code);
  {
    g_autofree char *edge = describe_edge (code);
    add_line (lines, _("Edge"), single_item (edge), NULL);
  }
  add_quality (lines, code);

  return lines;
}

/**
 * lc_result_code_describe:
 *
 * Returns: (transfer full): the verdict, then each line of lc_result_code_describe_lines() as
 *   "Title: text", one per line, translated
 */
char *
lc_result_code_describe (const LcResultCode *code)
{
  g_autoptr(GPtrArray) lines = NULL;
  GString *text;
  g_autofree char *verdict = NULL;

  g_return_val_if_fail (code != NULL, NULL);

  verdict = lc_result_code_describe_verdict (code);
  text = g_string_new (verdict);
  g_string_append_c (text, '\n');

  lines = lc_result_code_describe_lines (code);
  for (guint i = 0; i < lines->len; i++)
    {
      LcResultCodeLine *line = g_ptr_array_index (lines, i);

      /* Translators: a line of a decoded result code, "Steps: firewall: failed · …" */
      g_string_append_printf (text, _("%s: %s\n"), line->title, line->text);
    }
  return g_string_free (text, FALSE);
}

/* ---- Spelling ---------------------------------------------------------------------------- */

static const char *
spelling_word (char symbol)
{
  switch (symbol)
    {
    /* Translators: digits as they are said on the phone; in English, the NATO alphabet's */
    case '0': return C_("spelling", "Zero");
    case '1': return C_("spelling", "One");
    case '2': return C_("spelling", "Two");
    case '3': return C_("spelling", "Three");
    case '4': return C_("spelling", "Four");
    case '5': return C_("spelling", "Five");
    case '6': return C_("spelling", "Six");
    case '7': return C_("spelling", "Seven");
    case '8': return C_("spelling", "Eight");
    case '9': return C_("spelling", "Nine");
    /* Translators: the NATO spelling alphabet's code words; most languages keep them as they
     * are, since both ends of the phone call know them */
    case 'A': return C_("spelling", "Alfa");
    case 'B': return C_("spelling", "Bravo");
    case 'C': return C_("spelling", "Charlie");
    case 'D': return C_("spelling", "Delta");
    case 'E': return C_("spelling", "Echo");
    case 'F': return C_("spelling", "Foxtrot");
    case 'G': return C_("spelling", "Golf");
    case 'H': return C_("spelling", "Hotel");
    case 'J': return C_("spelling", "Juliett");
    case 'K': return C_("spelling", "Kilo");
    case 'M': return C_("spelling", "Mike");
    case 'N': return C_("spelling", "November");
    case 'P': return C_("spelling", "Papa");
    case 'Q': return C_("spelling", "Quebec");
    case 'R': return C_("spelling", "Romeo");
    case 'S': return C_("spelling", "Sierra");
    case 'T': return C_("spelling", "Tango");
    case 'V': return C_("spelling", "Victor");
    case 'W': return C_("spelling", "Whiskey");
    case 'X': return C_("spelling", "X-ray");
    case 'Y': return C_("spelling", "Yankee");
    case 'Z': return C_("spelling", "Zulu");
    default: g_return_val_if_reached ("?");
    }
}

/**
 * lc_result_code_spell:
 * @text: a code, in any form lc_result_code_normalize() reads
 *
 * Returns: (transfer full) (nullable): the code read aloud, a group of four per line:
 *   "4 — Four, K — Kilo, 2 — Two, M — Mike"; %NULL when @text is not made of code characters
 */
char *
lc_result_code_spell (const char *text)
{
  g_autofree char *symbols = NULL;
  GString *spelling;

  g_return_val_if_fail (text != NULL, NULL);

  symbols = lc_result_code_normalize (text, NULL);
  if (symbols == NULL)
    return NULL;

  spelling = g_string_new (NULL);
  for (gsize i = 0; symbols[i] != '\0'; i++)
    {
      if (i > 0)
        g_string_append (spelling, i % 4 == 0 ? "\n" : ", ");
      /* Translators: one character spelt out, "K — Kilo" */
      g_string_append_printf (spelling, C_("spelling", "%c — %s"), symbols[i],
                              spelling_word (symbols[i]));
    }
  return g_string_free (spelling, FALSE);
}

/* ---- JSON -------------------------------------------------------------------------------- */

static void
add_status (JsonBuilder        *builder,
            const char         *name,
            LcResultCodeStatus  status)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, lc_result_code_status_to_string (status));
}

static void
add_count (JsonBuilder *builder,
           const char  *name,
           guint        count)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, count);
  json_builder_set_member_name (builder, "or_more");
  json_builder_add_boolean_value (builder, count >= LC_RESULT_CODE_MAX_COUNT);
  json_builder_end_object (builder);
}

static void
add_bucket (JsonBuilder        *builder,
            const char         *name,
            LcResultCodeFigure  figure,
            guint               bucket)
{
  double lower, upper;

  json_builder_set_member_name (builder, name);
  if (!lc_result_code_get_bucket_bounds (figure, bucket, &lower, &upper))
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "bucket");
  json_builder_add_int_value (builder, bucket);
  json_builder_set_member_name (builder, "min");
  if (isinf (lower))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, lower);
  json_builder_set_member_name (builder, "max");
  if (isinf (upper))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, upper);
  json_builder_end_object (builder);
}

/**
 * lc_result_code_to_json:
 *
 * Returns: (transfer full): the decoded fields, as `linecheck --decode --json` prints them
 *   (docs/result-code.md)
 */
JsonNode *
lc_result_code_to_json (const LcResultCode *code)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  static const char * const step_names[] = { "firewall", "edge", "media", "context" };
  static const char * const service_names[] = { "rtc", "acd", "ice", "other" };
  static const char * const figure_names[] = { "rtt_ms", "jitter_ms", "loss_percent", "mos" };
  g_autofree char *symbols = NULL;
  g_autofree char *grouped = NULL;
  const char *cause;

  g_return_val_if_fail (code != NULL, NULL);

  symbols = lc_result_code_encode (code);
  grouped = lc_result_code_group (symbols, '-');
  cause = lc_result_code_cause_to_string (code->cause);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, grouped);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, code->format);
  add_status (builder, "verdict", code->verdict);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_object (builder);
  for (guint i = 0; i < LC_RESULT_CODE_N_STEPS; i++)
    add_status (builder, step_names[i], code->steps[i]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "services");
  json_builder_begin_object (builder);
  for (guint i = 0; i < LC_RESULT_CODE_N_SERVICES; i++)
    add_status (builder, service_names[i], code->services[i]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "media");
  json_builder_begin_object (builder);
  add_status (builder, "direct", code->direct_media);
  add_status (builder, "relay", code->relay_media);
  json_builder_set_member_name (builder, "only_relay");
  json_builder_add_boolean_value (builder,
                                  (code->relay_media == LC_RESULT_CODE_STATUS_PASS ||
                                   code->relay_media == LC_RESULT_CODE_STATUS_WARN) &&
                                  code->direct_media != LC_RESULT_CODE_STATUS_PASS &&
                                  code->direct_media != LC_RESULT_CODE_STATUS_WARN);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "cause");
  if (cause != NULL)
    json_builder_add_string_value (builder, cause);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "cause_number");
  json_builder_add_int_value (builder, code->cause);

  add_count (builder, "failed_checks", code->failed_checks);
  add_count (builder, "rules_to_open", code->rules_to_open);

  json_builder_set_member_name (builder, "edge");
  if (code->edge == 0)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "position");
      json_builder_add_int_value (builder, code->edge);
      json_builder_set_member_name (builder, "or_later");
      json_builder_add_boolean_value (builder, code->edge >= LC_RESULT_CODE_MAX_EDGE);
      json_builder_set_member_name (builder, "nearest");
      json_builder_add_boolean_value (builder, code->edge_nearest);
      json_builder_end_object (builder);
    }

  for (guint i = 0; i < LC_RESULT_CODE_N_FIGURES; i++)
    add_bucket (builder, figure_names[i], i, code->buckets[i]);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
