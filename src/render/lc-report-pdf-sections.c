/* lc-report-pdf-sections.c — what the PDF report says: header, verdict and code, rules to open,
 * every step's checks and calls, recommendations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lc-advice.h"
#include "lc-call-charts.h"
#include "lc-checklist.h"
#include "lc-json-reader.h"
#include "lc-port-map-render.h"
#include "lc-render-text.h"
#include "lc-report-code.h"
#include "lc-report-pdf-private.h"
#include "lc-safe-text.h"
#include "lc-words.h"

/* Sections ------------------------------------------------------------------------------- */

static char *
safe (const char *text)
{
  return text != NULL ? lc_safe_text_new (text, -1, LC_PDF_MAX_DETAIL_CHARS) : NULL;
}

/* The address a check reached @host at, from its evidence, or NULL. */
static char *
dup_address_of (LcReport   *report,
                const char *host)
{
  GPtrArray *checks = lc_report_get_checks (report);

  for (guint i = 0; i < checks->len && host != NULL; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);
      JsonObject *evidence = lc_check_result_get_evidence (result);
      JsonNode *node;

      if (evidence == NULL || g_strcmp0 (lc_check_result_get_host (result), host) != 0)
        continue;

      node = json_object_get_member (evidence, "address");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        return safe (json_node_get_string (node));

      node = json_object_get_member (evidence, "addresses");
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          g_autoptr(GString) text = g_string_new (NULL);

          for (guint j = 0; j < json_array_get_length (array) && j < 4; j++)
            {
              JsonNode *element = json_array_get_element (array, j);

              if (JSON_NODE_HOLDS_VALUE (element) &&
                  json_node_get_value_type (element) == G_TYPE_STRING)
                g_string_append_printf (text, "%s%s", text->len ? ", " : "",
                                        json_node_get_string (element));
            }
          if (text->len > 0)
            return safe (text->str);
        }
    }

  return NULL;
}

/* "0.4 s", "2 min 05 s"; a dash when the run did not say. */
static char *
format_duration (double ms)
{
  if (!(ms >= 0) || !isfinite (ms))
    return g_strdup ("–");
  if (ms < 60000)
    /* Translators: a duration in seconds; the space before "s" does not break */
    return g_strdup_printf (_("%.1f\u00a0s"), ms / 1000.0);
  /* Translators: a duration in minutes and seconds, "2 min 05 s" */
  return g_strdup_printf (_("%u\u00a0min %02u\u00a0s"), (guint)(ms / 60000),
                          (guint)fmod (ms / 1000.0, 60.0));
}

/* A check's time in its narrow column: "42 ms", "3.0 s", never broken between number and unit. */
static char *
format_check_time (double ms)
{
  if (!(ms >= 0) || !isfinite (ms))
    return g_strdup ("");
  if (ms < 1000)
    return g_strdup_printf (_("%.0f\u00a0ms"), ms);
  return format_duration (ms);
}

static const char *
edge_name (LcPdfDoc *doc)
{
  const char *id = lc_report_get_chosen_edge (doc->report);

  for (guint i = 0; id != NULL && i < lc_profile_get_n_edges (doc->profile); i++)
    {
      const LcEdge *edge = lc_profile_get_edge (doc->profile, i);

      if (g_strcmp0 (edge->id, id) == 0 && edge->name != NULL)
        return edge->name;
    }
  return id;
}

static void
draw_header (LcPdfDoc *doc)
{
  g_autofree char *date = _lc_pdf_format_date (lc_report_get_started (doc->report));
  g_autofree char *name = safe (lc_profile_get_name (doc->profile));
  g_autofree char *id = safe (lc_profile_get_id (doc->profile));
  g_autofree char *profile = g_strdup_printf ("%s (%s)", name, id);
  g_autofree char *host = safe (g_get_host_name ());
  g_autofree char *edge = edge_name (doc) != NULL ? safe (edge_name (doc))
                                                  : g_strdup (_("none chosen"));
  g_autofree char *duration = format_duration (lc_report_get_duration_ms (doc->report));
  const struct { const char *label; const char *value; } lines[] = {
    { _("Linecheck version"), PACKAGE_VERSION },
    { _("Date and time"), date },
    { _("Profile"), profile },
    { _("Edge"), edge },
    { _("Machine name"), host },
    { _("Run time"), duration },
  };

  _lc_pdf_text (doc, doc->title, &lc_pdf_black, _("Linecheck Network Report"), 0, 2);
  _lc_pdf_text (doc, doc->body, &lc_pdf_dim,
                _("Can this network carry calls and video calls to the contact-centre platform? "
                  "For the IT team that owns the firewall."), 0, 10);

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      const char *value = lines[i].value;
      g_autoptr(PangoLayout) label = _lc_pdf_layout_new (doc, doc->bold, lines[i].label, 120);
      g_autoptr(PangoLayout) text = _lc_pdf_layout_new (doc, doc->body, value,
                                                        _lc_pdf_content_width (doc) - 126);
      double height = MAX (_lc_pdf_layout_height (label), _lc_pdf_layout_height (text));

      lc_render_draw_text (doc->cr, label, &lc_pdf_dim, LC_PDF_MARGIN, doc->y);
      lc_render_draw_text (doc->cr, text, &lc_pdf_black, LC_PDF_MARGIN + 126, doc->y);
      doc->y += height + 1;
    }
  _lc_pdf_space (doc, 10);
}

static void
count_statuses (GPtrArray  *checks,
                const char *step_a,
                const char *step_b,
                guint       counts[4])
{
  memset (counts, 0, 4 * sizeof (guint));
  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);
      const char *step = lc_check_result_get_step (result);
      LcStatus status = lc_check_result_get_status (result);

      if ((g_strcmp0 (step, step_a) == 0 || (step_b && g_strcmp0 (step, step_b) == 0)) &&
          status <= LC_STATUS_SKIP)
        counts[status]++;
    }
}

static char *
describe_counts (const guint counts[4])
{
  guint total = counts[0] + counts[1] + counts[2] + counts[3];

  /* Translators: "14 checks: 10 passed, 1 with a warning, 3 failed, 0 not tested" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u check: %u passed, %u with a warning, %u failed, "
                                       "%u not tested",
                                       "%u checks: %u passed, %u with a warning, %u failed, "
                                       "%u not tested", total),
                          total, counts[LC_STATUS_PASS], counts[LC_STATUS_WARN],
                          counts[LC_STATUS_FAIL], counts[LC_STATUS_SKIP]);
}

static void
draw_verdict (LcPdfDoc *doc)
{
  LcStatus verdict = lc_report_get_verdict (doc->report);
  const LcRgba *colour = _lc_pdf_status_colour (verdict);
  g_autofree char *code = lc_report_dup_result_code (doc->report);
  g_autofree char *spelling = lc_result_code_spell (code);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) sentence = NULL;
  g_autoptr(PangoLayout) summary_layout = NULL;
  g_autoptr(PangoLayout) code_label = NULL;
  g_autoptr(PangoLayout) code_layout = NULL;
  g_autoptr(PangoLayout) spelling_layout = NULL;
  LcResultCode result_code;
  double inner = _lc_pdf_content_width (doc) - 24;
  double code_width;
  double text_width;
  double left, right, height, y;

  lc_report_fill_result_code (doc->report, &result_code);
  lines = lc_result_code_describe_lines (&result_code);
  for (guint i = 0; i < lines->len; i++)
    {
      LcResultCodeLine *line = g_ptr_array_index (lines, i);

      /* Translators: a line of a result's summary, "Steps: firewall: failed, edge: passed" */
      g_string_append_printf (summary, _("%s: %s\n"), line->title, line->text);
    }
  if (summary->len > 0)
    g_string_truncate (summary, summary->len - 1);
  /* "under 0.1 %" never wraps between the number and its unit. */
  g_string_replace (summary, " %", "\u00a0%", 0);
  g_string_replace (summary, " ms", "\u00a0ms", 0);

  /* The code's column is as wide as its spelling's lines (a group of four each), within half
   * the box: read aloud line by line, a group is never split. */
  code_layout = _lc_pdf_layout_new (doc, doc->code, code, -1);
  spelling_layout = _lc_pdf_layout_new (doc, doc->small, spelling, -1);
  {
    double code_w, spelling_w;

    lc_render_text_size (code_layout, &code_w, NULL);
    lc_render_text_size (spelling_layout, &spelling_w, NULL);
    code_width = MIN (ceil (MAX (code_w, spelling_w)) + 2, inner / 2);
    pango_layout_set_width (code_layout, (int)(code_width * PANGO_SCALE));
    pango_layout_set_width (spelling_layout, (int)(code_width * PANGO_SCALE));
  }
  text_width = inner - code_width - 16;

  title = _lc_pdf_layout_new (doc, doc->heading, lc_words_verdict_title (verdict), text_width);
  sentence = _lc_pdf_layout_new (doc, doc->bold, lc_words_verdict (verdict), text_width);
  summary_layout = _lc_pdf_layout_new (doc, doc->small, summary->str, text_width);
  code_label = _lc_pdf_layout_new (doc, doc->small_bold, _("Result code for support"), code_width);

  left = _lc_pdf_layout_height (title) + 4 + _lc_pdf_layout_height (sentence) + 6 +
         _lc_pdf_layout_height (summary_layout);
  right = _lc_pdf_layout_height (code_label) + 2 + _lc_pdf_layout_height (code_layout) + 4 +
          _lc_pdf_layout_height (spelling_layout);
  height = MAX (left, right) + 24;

  _lc_pdf_need (doc, height);
  y = doc->y;

  cairo_save (doc->cr);
  lc_render_rounded_rectangle (doc->cr, LC_PDF_MARGIN, y, _lc_pdf_content_width (doc), height, 6);
  cairo_set_source_rgba (doc->cr, colour->red, colour->green, colour->blue, 0.08);
  cairo_fill_preserve (doc->cr);
  cairo_set_source_rgba (doc->cr, colour->red, colour->green, colour->blue, 0.7);
  cairo_set_line_width (doc->cr, 1.0);
  cairo_stroke (doc->cr);
  cairo_restore (doc->cr);

  y += 12;
  lc_render_draw_text (doc->cr, title, colour, LC_PDF_MARGIN + 12, y);
  lc_render_draw_text (doc->cr, sentence, &lc_pdf_black, LC_PDF_MARGIN + 12,
                       y + _lc_pdf_layout_height (title) + 4);
  lc_render_draw_text (doc->cr, summary_layout, &lc_pdf_black, LC_PDF_MARGIN + 12,
                       y + _lc_pdf_layout_height (title) + 4 +
                       _lc_pdf_layout_height (sentence) + 6);

  {
    double x = LC_PDF_MARGIN + 12 + text_width + 16;

    lc_render_draw_text (doc->cr, code_label, &lc_pdf_dim, x, y);
    y += _lc_pdf_layout_height (code_label) + 2;
    lc_render_draw_text (doc->cr, code_layout, &lc_pdf_black, x, y);
    y += _lc_pdf_layout_height (code_layout) + 4;
    lc_render_draw_text (doc->cr, spelling_layout, &lc_pdf_dim, x, y);
  }

  doc->y += height;
  _lc_pdf_space (doc, 8);
}

static void
draw_rules_to_open (LcPdfDoc *doc)
{
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (doc->report);
  const char *titles[] = { _("Service"), _("Destination host"), _("Address"), _("Protocol"),
                           _("Port or range"), _("What for") };
  const double weights[] = { 0.15, 0.29, 0.17, 0.10, 0.13, 0.16 };
  LcPdfTable table;

  _lc_pdf_heading (doc, doc->subheading, _("Rules to Open on the Firewall"), 60);
  if (rules->len == 0)
    {
      _lc_pdf_text (doc, doc->body, &lc_pdf_black,
                    _("Nothing to open: every rule that was tested is open."), 0, 8);
      return;
    }

  _lc_pdf_text (doc, doc->body, &lc_pdf_black,
                _("Allow this outgoing traffic from this computer’s network:"), 0, 4);

  _lc_pdf_table_begin (&table, doc, G_N_ELEMENTS (titles), titles, weights);
  for (guint i = 0; i < rules->len; i++)
    {
      LcRuleToOpen *rule = g_ptr_array_index (rules, i);
      g_autofree char *service = safe (rule->service_name);
      g_autofree char *host = safe (rule->host);
      g_autofree char *address = dup_address_of (doc->report, rule->host);
      g_autofree char *protocol = g_ascii_strup (rule->protocol ? rule->protocol : "", -1);
      g_autofree char *description = safe (rule->description);
      const LcPdfCell cells[] = {
        { service, NULL, NULL, FALSE },
        { host, NULL, NULL, TRUE },
        { address ? address : "–", NULL, address ? NULL : &lc_pdf_dim, FALSE },
        { protocol, NULL, NULL, TRUE },
        { rule->ports, NULL, NULL, TRUE },
        { description ? description : "", NULL, NULL, FALSE },
      };

      _lc_pdf_table_row (&table, cells);
    }
  _lc_pdf_table_end (&table);
}

static char *
check_rule_text (LcCheckResult *result)
{
  const char *protocol = lc_check_result_get_protocol (result);
  const char *ports = lc_check_result_get_ports (result);
  g_autofree char *upper = g_ascii_strup (protocol ? protocol : "", -1);

  if (ports == NULL || *ports == '\0')
    return g_ascii_strup (lc_check_result_get_check (result), -1);
  /* "UDP 19099-20099" on one line where it fits: the space does not break. */
  return g_strdup_printf ("%s\u00a0%s", upper, ports);
}

/* "score 42 ms": what an edge was measured at, from its evidence. */
static char *
dup_edge_score (LcCheckResult *result)
{
  JsonObject *evidence = lc_check_result_get_evidence (result);
  const char *members[] = { "score_ms", "rtt_ms" };

  for (gsize i = 0; evidence != NULL && i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *node = json_object_get_member (evidence, members[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
           json_node_get_value_type (node) == G_TYPE_INT64))
        /* Translators: an edge's measure, "score 42 ms" or "round trip 42 ms" */
        return g_strdup_printf (i == 0 ? _("score %.0f\u00a0ms") : _("round trip %.0f\u00a0ms"),
                                json_node_get_double (node));
    }
  return NULL;
}

static void
draw_checks_table (LcPdfDoc   *doc,
                   const char *step_a,
                   const char *step_b)
{
  GPtrArray *checks = lc_report_get_checks (doc->report);
  const char *titles[] = { _("Status"), _("Service"), _("Rule"), _("Host"), _("Result"),
                           _("Time") };
  const double weights[] = { 0.08, 0.17, 0.165, 0.215, 0.285, 0.085 };
  LcPdfTable table;

  _lc_pdf_table_begin (&table, doc, G_N_ELEMENTS (titles), titles, weights);
  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);
      const char *step = lc_check_result_get_step (result);
      const LcService *service = NULL;
      LcStatus status = lc_check_result_get_status (result);
      g_autofree char *service_text = NULL;
      g_autofree char *description = NULL;
      g_autofree char *rule = NULL;
      g_autofree char *kind = NULL;
      g_autofree char *host = NULL;
      g_autofree char *address = NULL;
      g_autofree char *detail = NULL;
      g_autofree char *time = NULL;
      double ms = lc_check_result_get_duration_ms (result);

      if (g_strcmp0 (step, step_a) != 0 && (step_b == NULL || g_strcmp0 (step, step_b) != 0))
        continue;

      if (lc_check_result_get_service (result) != NULL)
        service = lc_profile_lookup_service (doc->profile, lc_check_result_get_service (result));
      service_text = safe (service && service->name ? service->name
                           : lc_check_result_get_service (result) ?
                           lc_check_result_get_service (result) : "–");
      description = safe (lc_check_result_get_description (result));
      if (description != NULL && g_strcmp0 (description, service_text) == 0)
        g_clear_pointer (&description, g_free);
      if (g_strcmp0 (lc_check_result_get_check (result), "edge") == 0)
        {
          /* An edge is named by the profile; the "rule" is the measure that chose it. */
          const char *name = NULL;

          lc_json_read_string (lc_check_result_get_evidence (result), "name", LC_JSON_OPTIONAL,
                               &name, NULL);
          g_free (service_text);
          service_text = safe (name ? name : lc_check_result_get_id (result));
          rule = g_strdup (C_("edge rule", "Edge"));
          kind = dup_edge_score (result);
        }
      else
        {
          rule = check_rule_text (result);
          kind = lc_check_result_get_level (result) == LC_RULE_LEVEL_RECOMMENDED
            /* Translators: a rule's check kind and level, "websocket, recommended" */
            ? g_strdup_printf (_("%s, recommended"), lc_check_result_get_check (result))
            : g_strdup (lc_check_result_get_check (result));
        }
      host = safe (lc_check_result_get_host (result));
      address = dup_address_of (doc->report, lc_check_result_get_host (result));
      if (address != NULL && g_strcmp0 (address, host) == 0)
        g_clear_pointer (&address, g_free);
      detail = safe (lc_check_result_get_detail (result));
      time = format_check_time (ms);

      {
        const LcPdfCell cells[] = {
          { lc_words_status_tag (status), NULL, _lc_pdf_status_colour (status), TRUE },
          { service_text, description, NULL, FALSE },
          { rule, kind, NULL, TRUE },
          { host && *host ? host : "–", address, NULL, FALSE },
          { lc_words_check_status (result), detail, _lc_pdf_status_colour (status), TRUE },
          { time, NULL, &lc_pdf_dim, FALSE },
        };

        _lc_pdf_table_row (&table, cells);
      }
    }

  if (table.n_rows == 0)
    _lc_pdf_text (doc, doc->body, &lc_pdf_dim, _("Nothing was tested in this step."), 0, 4);
  _lc_pdf_table_end (&table);
}

static const LcMediaEntry *
find_entry (LcPdfDoc      *doc,
            LcMediaResult *result)
{
  for (guint i = 0; i < lc_profile_get_n_media (doc->profile); i++)
    {
      const LcMediaEntry *entry = lc_profile_get_media (doc->profile, i);

      if (g_strcmp0 (entry->id, lc_media_result_get_id (result)) == 0)
        return entry;
    }
  return NULL;
}

static gboolean
media_is_in_step (LcPdfDoc      *doc,
                  LcMediaResult *result,
                  LcStep         step)
{
  const LcMediaEntry *entry = find_entry (doc, result);
  gboolean relayed;

  if (entry != NULL)
    return lc_checklist_entry_is_in_step (entry, step);

  relayed = lc_media_result_get_via (result) == LC_MEDIA_VIA_TURN ||
            lc_media_result_get_relayed (result);
  return (step == LC_STEP_BANDWIDTH) != relayed;
}

static void
draw_call (LcPdfDoc      *doc,
           LcMediaResult *result)
{
  const LcMediaEntry *entry = find_entry (doc, result);
  LcMediaStatus status = lc_media_result_get_status (result);
  LcMediaSample *summary = lc_media_result_get_summary (result);
  GPtrArray *samples = lc_media_result_get_samples (result);
  g_autofree char *title = entry ? lc_words_call_title (entry)
                                 : safe (lc_media_result_get_id (result));
  g_autofree char *heading = NULL;
  g_autofree char *mos = lc_words_mos (lc_media_result_get_mos (result));
  g_autofree char *rtt = lc_words_figure (summary ? summary->rtt_ms : NAN, "ms");
  g_autofree char *jitter = lc_words_figure (summary ? summary->jitter_ms : NAN, "ms");
  g_autofree char *loss = lc_words_figure (summary ? summary->loss_percent : NAN, "%");
  g_autofree char *sent = lc_words_figure (summary ? summary->send_kbps : NAN, "kbps");
  g_autofree char *received = lc_words_figure (summary ? summary->recv_kbps : NAN, "kbps");
  g_autofree char *codecs = NULL;
  g_autofree char *detail = safe (lc_media_result_get_detail (result));
  g_autofree char *fix = safe (lc_media_result_get_fix (result));
  const char *titles[] = { _("MOS"), _("Round trip"), _("Jitter"), _("Loss"), _("Sent"),
                           _("Received") };
  const double weights[] = { 0.2, 0.16, 0.16, 0.16, 0.16, 0.16 };
  const LcPdfCell cells[] = {
    { mos, NULL, NULL, TRUE },
    { rtt, NULL, NULL, FALSE },
    { jitter, NULL, NULL, FALSE },
    { loss, NULL, NULL, FALSE },
    { sent, NULL, NULL, FALSE },
    { received, NULL, NULL, FALSE },
  };
  LcPdfTable table;

  if (lc_media_result_get_codecs (result) != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **)lc_media_result_get_codecs (result));
      codecs = safe (joined);
    }

  /* Translators: a test call and how it went, "Audio echo call (Opus): Passed" */
  heading = g_strdup_printf (_("%s: %s"), title, lc_words_media_status (result));
  _lc_pdf_heading (doc, doc->bold, heading, 60);
  if (codecs != NULL && *codecs != '\0')
    {
      g_autofree char *line = g_strdup_printf (_("Codecs: %s"), codecs);
      _lc_pdf_text (doc, doc->small, &lc_pdf_dim, line, 0, 3);
    }
  if (detail != NULL && *detail != '\0' && status != LC_MEDIA_STATUS_PASS)
    _lc_pdf_text (doc, doc->small, _lc_pdf_status_colour (_lc_pdf_media_status (status)),
                  detail, 0, 3);
  if (fix != NULL && *fix != '\0')
    _lc_pdf_text (doc, doc->small, &lc_pdf_black, fix, 0, 3);

  /* A call that carried nothing has no figures to tabulate: its reason says it all. */
  if (status != LC_MEDIA_STATUS_PASS && status != LC_MEDIA_STATUS_WARN &&
      (samples == NULL || samples->len == 0))
    {
      _lc_pdf_space (doc, 6);
      return;
    }

  _lc_pdf_table_begin (&table, doc, G_N_ELEMENTS (titles), titles, weights);
  _lc_pdf_table_row (&table, cells);
  _lc_pdf_table_end (&table);

  if (samples != NULL && samples->len > 0)
    {
      const LcThresholds *thresholds = lc_profile_get_thresholds (doc->profile);
      g_autoptr(LcCallCharts) charts = lc_call_charts_new_for_result (result, thresholds, title);
      double height = lc_call_charts_get_height (doc->cr, _lc_pdf_content_width (doc), charts,
                                                 &doc->chart_style);

      height = MIN (height, _lc_pdf_page_bottom (doc) - _lc_pdf_page_top (doc));
      _lc_pdf_need (doc, height);
      cairo_save (doc->cr);
      cairo_translate (doc->cr, LC_PDF_MARGIN, doc->y);
      lc_call_charts_render (doc->cr, _lc_pdf_content_width (doc), height, charts,
                             &doc->chart_style);
      cairo_restore (doc->cr);
      doc->y += height;
    }
  _lc_pdf_space (doc, 12);
}

static void
draw_calls (LcPdfDoc *doc,
            LcStep    step)
{
  GPtrArray *media = lc_report_get_media (doc->report);
  guint n = 0;

  for (guint i = 0; i < media->len; i++)
    {
      LcMediaResult *result = g_ptr_array_index (media, i);

      if (!media_is_in_step (doc, result, step))
        continue;
      draw_call (doc, result);
      n++;
    }

  if (n == 0)
    _lc_pdf_text (doc, doc->body, &lc_pdf_dim, _("No call of this step was placed."), 0, 6);
}

/* The advice core reads off the run (the report's "recommendations", contracts §3), in the
 * window's words: what must be done first, then what would help. */
static void
draw_recommendations (LcPdfDoc *doc)
{
  g_autoptr(GPtrArray) advice = lc_advice_for_report (doc->report);
  const char *titles[] = { _("Priority"), _("Recommendation") };
  const double weights[] = { 0.16, 0.84 };
  LcPdfTable table;

  if (advice->len == 0)
    {
      _lc_pdf_text (doc, doc->body, &lc_pdf_dim, _("No recommendation for this run."), 0, 6);
      return;
    }

  _lc_pdf_table_begin (&table, doc, G_N_ELEMENTS (titles), titles, weights);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < advice->len; i++)
      {
        LcAdvice *a = g_ptr_array_index (advice, i);
        gboolean must = a->severity == LC_STATUS_FAIL;
        g_autofree char *title = NULL;
        g_autofree char *why = NULL;
        g_autofree char *action = NULL;
        g_autofree char *detail = NULL;

        if (must != (pass == 0))
          continue;
        title = safe (a->title);
        why = safe (a->why);
        action = safe (a->action);
        detail = action != NULL && *action != '\0'
          ? g_strdup_printf ("%s\n%s %s", why ? why : "", _("What to do:"), action)
          : g_strdup (why);

        {
          const LcPdfCell cells[] = {
            { must ? _("Must be done") : _("Would help"), NULL,
              must ? &lc_pdf_fail : &lc_pdf_warn, TRUE },
            { title, detail, NULL, TRUE },
          };

          _lc_pdf_table_row (&table, cells);
        }
      }
  _lc_pdf_table_end (&table);
}

/* Each swept UDP range with blocked ports as the window's port map draws it: where in the
 * range the blocks are. */
static void
draw_port_maps (LcPdfDoc *doc)
{
  GPtrArray *checks = lc_report_get_checks (doc->report);
  gboolean any = FALSE;

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);
      g_autoptr(LcPortMapModel) model = lc_port_map_model_new_for_result (result);
      g_autofree char *rule = NULL;
      g_autofree char *host = NULL;
      g_autofree char *title = NULL;
      g_autofree char *description = NULL;

      /* An open range is one line of the table; a map is for the blocks it shows. */
      if (model == NULL || !model->swept || model->blocked->len == 0)
        continue;
      if (!any)
        _lc_pdf_heading (doc, doc->bold, _("UDP Port Ranges, Port by Port"), 90);
      any = TRUE;

      rule = check_rule_text (result);
      host = safe (lc_check_result_get_host (result));
      /* Translators: a swept range, "UDP 19099-20099 to rtc.example.net" */
      title = g_strdup_printf (_("%s to %s"), rule, host);
      description = lc_port_map_describe (model);

      _lc_pdf_need (doc, 14 + LC_PORT_MAP_HEIGHT * LC_PDF_PORT_MAP_SCALE + 20);
      _lc_pdf_text (doc, doc->small_bold, &lc_pdf_black, title, 0, 2);
      /* The map's labels are sized for the window; scaled, they match the page's text. */
      cairo_save (doc->cr);
      cairo_translate (doc->cr, LC_PDF_MARGIN, doc->y);
      cairo_scale (doc->cr, LC_PDF_PORT_MAP_SCALE, LC_PDF_PORT_MAP_SCALE);
      lc_port_map_render (doc->cr, _lc_pdf_content_width (doc) / LC_PDF_PORT_MAP_SCALE,
                          LC_PORT_MAP_HEIGHT, model);
      cairo_restore (doc->cr);
      doc->y += LC_PORT_MAP_HEIGHT * LC_PDF_PORT_MAP_SCALE + 3;
      _lc_pdf_text (doc, doc->small, &lc_pdf_dim, description, 0, 8);
    }
}

/* @keep: the room the step's first content needs beside its heading. */
static void
draw_step_heading (LcPdfDoc *doc,
                   LcStep    step,
                   double    keep)
{
  /* Translators: a checklist step as a heading, "1. Network and Firewall" */
  g_autofree char *title = g_strdup_printf (_("%u. %s"), (guint)step + 1,
                                            lc_step_get_title (step));

  _lc_pdf_heading (doc, doc->subheading, title, keep);
  _lc_pdf_text (doc, doc->small, &lc_pdf_dim, lc_step_get_summary (step), 0, 5);
}

static void
draw_steps (LcPdfDoc *doc)
{
  GPtrArray *checks = lc_report_get_checks (doc->report);
  guint counts[4];

  draw_step_heading (doc, LC_STEP_FIREWALL, 90);
  count_statuses (checks, LC_REPORT_STEP_FIREWALL, LC_REPORT_STEP_CONTEXT, counts);
  {
    g_autofree char *text = describe_counts (counts);
    _lc_pdf_text (doc, doc->body, &lc_pdf_black, text, 0, 4);
  }
  draw_checks_table (doc, LC_REPORT_STEP_FIREWALL, LC_REPORT_STEP_CONTEXT);
  draw_port_maps (doc);

  draw_step_heading (doc, LC_STEP_EDGE, 80);
  if (lc_profile_get_n_edges (doc->profile) == 0)
    _lc_pdf_text (doc, doc->body, &lc_pdf_dim, _("This profile has no edges to choose from."),
                  0, 6);
  else
    draw_checks_table (doc, LC_REPORT_STEP_EDGE, NULL);

  /* A calls step keeps its first call's title and figures with it. */
  draw_step_heading (doc, LC_STEP_BANDWIDTH, 150);
  draw_calls (doc, LC_STEP_BANDWIDTH);

  draw_step_heading (doc, LC_STEP_RECOMMENDATIONS, 60);
  draw_recommendations (doc);

  draw_step_heading (doc, LC_STEP_END_TO_END, 150);
  draw_calls (doc, LC_STEP_END_TO_END);
  /* Checks of other steps (media's own), so that nothing the report holds is left out. */
  {
    gboolean other = FALSE;

    for (guint i = 0; i < checks->len && !other; i++)
      other = g_strcmp0 (lc_check_result_get_step (g_ptr_array_index (checks, i)),
                         LC_REPORT_STEP_MEDIA) == 0;
    if (other)
      draw_checks_table (doc, LC_REPORT_STEP_MEDIA, NULL);
  }
}

void
_lc_pdf_draw_document (LcPdfDoc *doc)
{
  doc->page = 1;
  doc->y = _lc_pdf_page_top (doc);

  draw_header (doc);
  draw_verdict (doc);
  draw_rules_to_open (doc);
  draw_steps (doc);

  _lc_pdf_draw_footer (doc);
  cairo_show_page (doc->cr);
}
