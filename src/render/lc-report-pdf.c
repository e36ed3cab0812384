/* lc-report-pdf.c — a run's report as a PDF for the IT team: verdict, rules, calls, result code
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn with cairo's PDF surface and pango, which embed the fonts they use. The document is laid
 * out twice: the first pass, on a surface that throws its bytes away, counts the pages so that
 * the second can say "Page N of M". Both passes measure text with the same font options, so
 * they break the pages at the same places. Text wraps inside its column (host names at any
 * character, without inserted hyphens: a hyphen in a host name would be read as part of it);
 * tables break between rows and repeat their header on the next page.
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "lc-call-charts.h"
#include "lc-checklist.h"
#include "lc-json-reader.h"
#include "lc-port-map-render.h"
#include "lc-report-code.h"
#include "lc-report-pdf.h"
#include "lc-render-text.h"
#include "lc-safe-text.h"
#include "lc-words.h"

/* Server-given text (a detail, an HTTP reason) is cut here: a row never outgrows a page. */
#define MAX_DETAIL_CHARS 400
#define MAX_CELL_LINES 40
#define MAX_DETAIL_LINES 16
#define MAX_COLUMNS 6

#define MARGIN 48.0
#define CELL_PAD 4.0
#define PORT_MAP_SCALE 0.7

static const LcRgba black = { 0, 0, 0, 1 };
static const LcRgba dim = { 0, 0, 0, 0.62 };
static const LcRgba rule_line = { 0, 0, 0, 0.25 };
static const LcRgba band = { 0, 0, 0, 0.035 };
static const LcRgba header_band = { 0, 0, 0, 0.09 };
/* GNOME's palette, darkened to read as text on paper and in grey-scale. */
static const LcRgba pass_colour = { 0x1b / 255.0, 0x7a / 255.0, 0x4c / 255.0, 1 };
static const LcRgba warn_colour = { 0x9c / 255.0, 0x5d / 255.0, 0x00 / 255.0, 1 };
static const LcRgba fail_colour = { 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0, 1 };

typedef struct
{
  cairo_t              *cr;
  PangoContext         *context;
  PangoAttrList        *attributes;
  LcReport             *report;
  LcProfile            *profile;
  double                width;
  double                height;
  double                y;
  guint                 page;
  guint                 n_pages;   /* 0 in the first pass: not known yet */
  char                 *footer;
  PangoFontDescription *title;
  PangoFontDescription *heading;
  PangoFontDescription *subheading;
  PangoFontDescription *body;
  PangoFontDescription *bold;
  PangoFontDescription *small;
  PangoFontDescription *small_bold;
  PangoFontDescription *code;
  PangoFontDescription *chart_font;
  LcChartStyle          chart_style;
} Doc;

/* Paper ---------------------------------------------------------------------------------- */

/**
 * lc_paper_for_size_mm:
 *
 * Returns: Letter for the locale paper size of 216 × 279 mm (glibc's Letter), A4 for any
 *   other: the two sizes every printer takes
 */
LcPaper
lc_paper_for_size_mm (int width_mm,
                      int height_mm)
{
  if (ABS (width_mm - 216) <= 1 && ABS (height_mm - 279) <= 1)
    return LC_PAPER_LETTER;
  return LC_PAPER_A4;
}

/**
 * lc_paper_from_locale:
 *
 * Returns: the paper of the LC_PAPER locale category (after setlocale()); A4 where the C
 *   library does not say
 */
LcPaper
lc_paper_from_locale (void)
{
#ifdef __GLIBC__
  /* glibc returns these numbers, in millimetres, in the pointer itself. */
  int width = (int)(gintptr)nl_langinfo (_NL_PAPER_WIDTH);
  int height = (int)(gintptr)nl_langinfo (_NL_PAPER_HEIGHT);

  return lc_paper_for_size_mm (width, height);
#else
  return LC_PAPER_A4;
#endif
}

/**
 * lc_paper_get_size:
 *
 * The page size in PDF points (1/72 in).
 */
void
lc_paper_get_size (LcPaper  paper,
                   double  *width_pt,
                   double  *height_pt)
{
  g_return_if_fail (width_pt != NULL && height_pt != NULL);

  if (paper == LC_PAPER_LETTER)
    {
      *width_pt = 612;
      *height_pt = 792;
    }
  else
    {
      *width_pt = 210 / 25.4 * 72;
      *height_pt = 297 / 25.4 * 72;
    }
}

/* Fonts and text ------------------------------------------------------------------------- */

static PangoFontDescription *
font_new (const char *family,
          double      size,
          PangoWeight weight)
{
  PangoFontDescription *font = pango_font_description_from_string (family);

  /* Absolute sizes are in the PDF's points whatever resolution pango assumes. */
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  return font;
}

static double
content_width (Doc *doc)
{
  return doc->width - 2 * MARGIN;
}

static double
page_top (Doc *doc)
{
  return MARGIN;
}

static double
page_bottom (Doc *doc)
{
  /* The footer's room below. */
  return doc->height - MARGIN - 14;
}

static PangoLayout *
doc_layout (Doc                        *doc,
            const PangoFontDescription *font,
            const char                 *text,
            double                      width)
{
  PangoLayout *layout = pango_layout_new (doc->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_attributes (layout, doc->attributes);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  double height;

  lc_render_text_size (layout, NULL, &height);
  return height;
}

static void
draw_footer (Doc *doc)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *pages = NULL;
  double right_width;
  double y = doc->height - MARGIN;

  /* Translators: the page number at the foot of a PDF report, "Page 2 of 5" */
  pages = g_strdup_printf (_("Page %u of %u"), doc->page,
                           doc->n_pages > 0 ? doc->n_pages : doc->page);
  right = doc_layout (doc, doc->small, pages, -1);
  lc_render_text_size (right, &right_width, NULL);

  left = doc_layout (doc, doc->small, doc->footer, content_width (doc) - right_width - 12);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);

  lc_render_set_colour (doc->cr, &rule_line);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, MARGIN, y - 4);
  cairo_line_to (doc->cr, doc->width - MARGIN, y - 4);
  cairo_stroke (doc->cr);

  lc_render_draw_text (doc->cr, left, &dim, MARGIN, y);
  lc_render_draw_text (doc->cr, right, &dim, doc->width - MARGIN - right_width, y);
}

static void
doc_break_page (Doc *doc)
{
  draw_footer (doc);
  cairo_show_page (doc->cr);
  doc->page++;
  doc->y = page_top (doc);
}

/* Starts a new page unless @height fits below what is there. */
static void
doc_need (Doc    *doc,
          double  height)
{
  if (doc->y + height > page_bottom (doc) && doc->y > page_top (doc))
    doc_break_page (doc);
}

static void
doc_space (Doc    *doc,
           double  height)
{
  doc->y += height;
  if (doc->y > page_bottom (doc))
    doc_break_page (doc);
}

/* Draws @layout at @x from the current height, line by line, breaking the page between lines. */
static void
doc_flow_layout (Doc          *doc,
                 PangoLayout  *layout,
                 double        x,
                 const LcRgba *colour)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double origin = doc->y;

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double top, bottom, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = (double)pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      top = origin + (double)logical.y / PANGO_SCALE;
      bottom = top + (double)logical.height / PANGO_SCALE;

      if (bottom > page_bottom (doc) && top > page_top (doc))
        {
          doc_break_page (doc);
          origin = page_top (doc) - (double)logical.y / PANGO_SCALE;
          bottom = page_top (doc) + (double)logical.height / PANGO_SCALE;
        }

      lc_render_set_colour (doc->cr, colour);
      cairo_move_to (doc->cr, x + (double)logical.x / PANGO_SCALE, origin + baseline);
      pango_cairo_show_layout_line (doc->cr, line);
      doc->y = bottom;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

static void
doc_text (Doc                        *doc,
          const PangoFontDescription *font,
          const LcRgba               *colour,
          const char                 *text,
          double                      indent,
          double                      space_after)
{
  g_autoptr(PangoLayout) layout = doc_layout (doc, font, text, content_width (doc) - indent);

  doc_flow_layout (doc, layout, MARGIN + indent, colour);
  doc_space (doc, space_after);
}

/* A heading is never the last thing on a page: @keep is the room what follows it needs. */
static void
doc_heading (Doc                        *doc,
             const PangoFontDescription *font,
             const char                 *text,
             double                      keep)
{
  g_autoptr(PangoLayout) layout = doc_layout (doc, font, text, content_width (doc));
  double height = layout_height (layout);

  if (doc->y > page_top (doc))
    doc->y += height * 0.6;
  doc_need (doc, height + keep);
  doc_flow_layout (doc, layout, MARGIN, &black);
  doc->y += height * 0.25;
}

static const LcRgba *
status_colour (LcStatus status)
{
  switch (status)
    {
    case LC_STATUS_PASS: return &pass_colour;
    case LC_STATUS_WARN: return &warn_colour;
    case LC_STATUS_FAIL: return &fail_colour;
    case LC_STATUS_SKIP:
    default: return &dim;
    }
}

static LcStatus
media_status_as_status (LcMediaStatus status)
{
  switch (status)
    {
    case LC_MEDIA_STATUS_PASS: return LC_STATUS_PASS;
    case LC_MEDIA_STATUS_WARN: return LC_STATUS_WARN;
    case LC_MEDIA_STATUS_FAIL:
    case LC_MEDIA_STATUS_INTERRUPTED: return LC_STATUS_FAIL;
    case LC_MEDIA_STATUS_SKIP:
    default: return LC_STATUS_SKIP;
    }
}

/* Tables --------------------------------------------------------------------------------- */

typedef struct
{
  const char   *text;
  const char   *detail;   /* nullable: a second, smaller line or paragraph */
  const LcRgba *colour;   /* nullable: black */
  gboolean      bold;
} Cell;

typedef struct
{
  Doc        *doc;
  guint       n_columns;
  const char *titles[MAX_COLUMNS];
  double      x[MAX_COLUMNS];
  double      w[MAX_COLUMNS];
  guint       n_rows;
} Table;

static void
table_draw_header (Table *table)
{
  Doc *doc = table->doc;
  PangoLayout *layouts[MAX_COLUMNS] = { NULL };
  double height = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      layouts[i] = doc_layout (doc, doc->small_bold, table->titles[i],
                               table->w[i] - 2 * CELL_PAD);
      height = MAX (height, layout_height (layouts[i]));
    }
  height += 2 * CELL_PAD;

  lc_render_set_colour (doc->cr, &header_band);
  cairo_rectangle (doc->cr, MARGIN, doc->y, content_width (doc), height);
  cairo_fill (doc->cr);
  for (guint i = 0; i < table->n_columns; i++)
    {
      lc_render_draw_text (doc->cr, layouts[i], &black, table->x[i] + CELL_PAD,
                           doc->y + CELL_PAD);
      g_object_unref (layouts[i]);
    }
  doc->y += height;
}

/* @weights: each column's share of the width. */
static void
table_begin (Table              *table,
             Doc                *doc,
             guint               n_columns,
             const char * const *titles,
             const double       *weights)
{
  double total = 0;
  double x = MARGIN;

  g_assert (n_columns <= MAX_COLUMNS);

  *table = (Table) { .doc = doc, .n_columns = n_columns };
  for (guint i = 0; i < n_columns; i++)
    total += weights[i];
  for (guint i = 0; i < n_columns; i++)
    {
      table->titles[i] = titles[i];
      table->x[i] = x;
      table->w[i] = content_width (doc) * weights[i] / total;
      x += table->w[i];
    }
}

static void
table_row (Table      *table,
           const Cell *cells)
{
  Doc *doc = table->doc;
  PangoLayout *texts[MAX_COLUMNS] = { NULL };
  PangoLayout *details[MAX_COLUMNS] = { NULL };
  double text_heights[MAX_COLUMNS] = { 0 };
  double height = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      double cell_width = table->w[i] - 2 * CELL_PAD;
      double cell = 0;

      texts[i] = doc_layout (doc, cells[i].bold ? doc->small_bold : doc->small, cells[i].text,
                             cell_width);
      pango_layout_set_height (texts[i], -MAX_CELL_LINES);
      pango_layout_set_ellipsize (texts[i], PANGO_ELLIPSIZE_END);
      text_heights[i] = cells[i].text && *cells[i].text ? layout_height (texts[i]) : 0;
      cell = text_heights[i];
      if (cells[i].detail != NULL && *cells[i].detail != '\0')
        {
          details[i] = doc_layout (doc, doc->small, cells[i].detail, cell_width);
          pango_layout_set_height (details[i], -MAX_DETAIL_LINES);
          pango_layout_set_ellipsize (details[i], PANGO_ELLIPSIZE_END);
          cell += (cell > 0 ? 1.5 : 0) + layout_height (details[i]);
        }
      height = MAX (height, cell);
    }
  height += 2 * CELL_PAD;

  /* The header goes at the top of the table and again on every page it continues on. */
  if (table->n_rows == 0)
    doc_need (doc, 2 * height + 20);
  if (table->n_rows == 0 || doc->y + height > page_bottom (doc))
    {
      if (table->n_rows > 0)
        doc_break_page (doc);
      table_draw_header (table);
    }

  if (table->n_rows % 2 == 1)
    {
      lc_render_set_colour (doc->cr, &band);
      cairo_rectangle (doc->cr, MARGIN, doc->y, content_width (doc), height);
      cairo_fill (doc->cr);
    }

  for (guint i = 0; i < table->n_columns; i++)
    {
      double x = table->x[i] + CELL_PAD;
      double y = doc->y + CELL_PAD;

      lc_render_draw_text (doc->cr, texts[i], cells[i].colour ? cells[i].colour : &black, x, y);
      if (details[i] != NULL)
        lc_render_draw_text (doc->cr, details[i], &dim, x,
                             y + text_heights[i] + (text_heights[i] > 0 ? 1.5 : 0));
      g_clear_object (&texts[i]);
      g_clear_object (&details[i]);
    }

  doc->y += height;
  lc_render_set_colour (doc->cr, &rule_line);
  cairo_set_line_width (doc->cr, 0.4);
  cairo_move_to (doc->cr, MARGIN, doc->y);
  cairo_line_to (doc->cr, MARGIN + content_width (doc), doc->y);
  cairo_stroke (doc->cr);
  table->n_rows++;
}

static void
table_end (Table *table)
{
  doc_space (table->doc, 10);
}

/* Sections ------------------------------------------------------------------------------- */

static char *
safe (const char *text)
{
  return text != NULL ? lc_safe_text_new (text, -1, MAX_DETAIL_CHARS) : NULL;
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

static char *
format_date (GDateTime *started)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (started);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
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
edge_name (Doc *doc)
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
draw_header (Doc *doc)
{
  g_autofree char *date = format_date (lc_report_get_started (doc->report));
  g_autofree char *profile = g_strdup_printf ("%s (%s)", lc_profile_get_name (doc->profile),
                                              lc_profile_get_id (doc->profile));
  g_autofree char *host = g_strdup (g_get_host_name ());
  g_autofree char *edge = NULL;
  g_autofree char *duration = NULL;
  double ms = lc_report_get_duration_ms (doc->report);
  const char *edge_text = edge_name (doc);
  const struct { const char *label; const char *value; } lines[] = {
    { _("Linecheck version"), PACKAGE_VERSION },
    { _("Date and time"), date },
    { _("Profile"), profile },
    { _("Edge"), NULL },
    { _("Machine name"), host },
    { _("Run time"), NULL },
  };

  edge = edge_text != NULL ? safe (edge_text) : g_strdup (_("none chosen"));
  duration = format_duration (ms);

  doc_text (doc, doc->title, &black, _("Linecheck Network Report"), 0, 2);
  doc_text (doc, doc->body, &dim,
            _("Can this network carry calls and video calls to the contact-centre platform? "
              "For the IT team that owns the firewall."), 0, 10);

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      const char *value = i == 3 ? edge : i == 5 ? duration : lines[i].value;
      g_autoptr(PangoLayout) label = doc_layout (doc, doc->bold, lines[i].label, 120);
      g_autoptr(PangoLayout) text = doc_layout (doc, doc->body, value,
                                                content_width (doc) - 126);
      double height = MAX (layout_height (label), layout_height (text));

      lc_render_draw_text (doc->cr, label, &dim, MARGIN, doc->y);
      lc_render_draw_text (doc->cr, text, &black, MARGIN + 126, doc->y);
      doc->y += height + 1;
    }
  doc_space (doc, 10);
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
draw_verdict (Doc *doc)
{
  LcStatus verdict = lc_report_get_verdict (doc->report);
  const LcRgba *colour = status_colour (verdict);
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
  double inner = content_width (doc) - 24;
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
  code_layout = doc_layout (doc, doc->code, code, -1);
  spelling_layout = doc_layout (doc, doc->small, spelling, -1);
  {
    double code_w, spelling_w;

    lc_render_text_size (code_layout, &code_w, NULL);
    lc_render_text_size (spelling_layout, &spelling_w, NULL);
    code_width = MIN (ceil (MAX (code_w, spelling_w)) + 2, inner / 2);
    pango_layout_set_width (code_layout, (int)(code_width * PANGO_SCALE));
    pango_layout_set_width (spelling_layout, (int)(code_width * PANGO_SCALE));
  }
  text_width = inner - code_width - 16;

  title = doc_layout (doc, doc->heading, lc_words_verdict_title (verdict), text_width);
  sentence = doc_layout (doc, doc->bold, lc_words_verdict (verdict), text_width);
  summary_layout = doc_layout (doc, doc->small, summary->str, text_width);
  code_label = doc_layout (doc, doc->small_bold, _("Result code for support"), code_width);

  left = layout_height (title) + 4 + layout_height (sentence) + 6 + layout_height (summary_layout);
  right = layout_height (code_label) + 2 + layout_height (code_layout) + 4 +
          layout_height (spelling_layout);
  height = MAX (left, right) + 24;

  doc_need (doc, height);
  y = doc->y;

  cairo_save (doc->cr);
  lc_render_rounded_rectangle (doc->cr, MARGIN, y, content_width (doc), height, 6);
  cairo_set_source_rgba (doc->cr, colour->red, colour->green, colour->blue, 0.08);
  cairo_fill_preserve (doc->cr);
  cairo_set_source_rgba (doc->cr, colour->red, colour->green, colour->blue, 0.7);
  cairo_set_line_width (doc->cr, 1.0);
  cairo_stroke (doc->cr);
  cairo_restore (doc->cr);

  y += 12;
  lc_render_draw_text (doc->cr, title, colour, MARGIN + 12, y);
  lc_render_draw_text (doc->cr, sentence, &black, MARGIN + 12, y + layout_height (title) + 4);
  lc_render_draw_text (doc->cr, summary_layout, &black, MARGIN + 12,
                       y + layout_height (title) + 4 + layout_height (sentence) + 6);

  {
    double x = MARGIN + 12 + text_width + 16;

    lc_render_draw_text (doc->cr, code_label, &dim, x, y);
    y += layout_height (code_label) + 2;
    lc_render_draw_text (doc->cr, code_layout, &black, x, y);
    y += layout_height (code_layout) + 4;
    lc_render_draw_text (doc->cr, spelling_layout, &dim, x, y);
  }

  doc->y += height;
  doc_space (doc, 8);
}

static void
draw_rules_to_open (Doc *doc)
{
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (doc->report);
  const char *titles[] = { _("Service"), _("Destination host"), _("Address"), _("Protocol"),
                           _("Port or range"), _("What for") };
  const double weights[] = { 0.15, 0.29, 0.17, 0.10, 0.13, 0.16 };
  Table table;

  doc_heading (doc, doc->subheading, _("Rules to Open on the Firewall"), 60);
  if (rules->len == 0)
    {
      doc_text (doc, doc->body, &black,
                _("Nothing to open: every rule that was tested is open."), 0, 8);
      return;
    }

  doc_text (doc, doc->body, &black,
            _("Allow this outgoing traffic from this computer’s network:"), 0, 4);

  table_begin (&table, doc, G_N_ELEMENTS (titles), titles, weights);
  for (guint i = 0; i < rules->len; i++)
    {
      LcRuleToOpen *rule = g_ptr_array_index (rules, i);
      g_autofree char *service = safe (rule->service_name);
      g_autofree char *host = safe (rule->host);
      g_autofree char *address = dup_address_of (doc->report, rule->host);
      g_autofree char *protocol = g_ascii_strup (rule->protocol ? rule->protocol : "", -1);
      g_autofree char *description = safe (rule->description);
      const Cell cells[] = {
        { service, NULL, NULL, FALSE },
        { host, NULL, NULL, TRUE },
        { address ? address : "–", NULL, address ? NULL : &dim, FALSE },
        { protocol, NULL, NULL, TRUE },
        { rule->ports, NULL, NULL, TRUE },
        { description ? description : "", NULL, NULL, FALSE },
      };

      table_row (&table, cells);
    }
  table_end (&table);
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
draw_checks_table (Doc         *doc,
                   const char  *step_a,
                   const char  *step_b)
{
  GPtrArray *checks = lc_report_get_checks (doc->report);
  const char *titles[] = { _("Status"), _("Service"), _("Rule"), _("Host"), _("Result"),
                           _("Time") };
  const double weights[] = { 0.08, 0.17, 0.165, 0.215, 0.285, 0.085 };
  Table table;

  table_begin (&table, doc, G_N_ELEMENTS (titles), titles, weights);
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
        const Cell cells[] = {
          { lc_words_status_tag (status), NULL, status_colour (status), TRUE },
          { service_text, description, NULL, FALSE },
          { rule, kind, NULL, TRUE },
          { host && *host ? host : "–", address, NULL, FALSE },
          { lc_words_check_status (result), detail, status_colour (status), TRUE },
          { time, NULL, &dim, FALSE },
        };

        table_row (&table, cells);
      }
    }

  if (table.n_rows == 0)
    doc_text (doc, doc->body, &dim, _("Nothing was tested in this step."), 0, 4);
  table_end (&table);
}

static const LcMediaEntry *
find_entry (Doc           *doc,
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
media_is_in_step (Doc           *doc,
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
draw_call (Doc           *doc,
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
  const Cell cells[] = {
    { mos, NULL, NULL, TRUE },
    { rtt, NULL, NULL, FALSE },
    { jitter, NULL, NULL, FALSE },
    { loss, NULL, NULL, FALSE },
    { sent, NULL, NULL, FALSE },
    { received, NULL, NULL, FALSE },
  };
  Table table;

  if (lc_media_result_get_codecs (result) != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **)lc_media_result_get_codecs (result));
      codecs = safe (joined);
    }

  /* Translators: a test call and how it went, "Audio echo call (Opus): Passed" */
  heading = g_strdup_printf (_("%s: %s"), title, lc_words_media_status (result));
  doc_heading (doc, doc->bold, heading, 60);
  if (codecs != NULL && *codecs != '\0')
    {
      g_autofree char *line = g_strdup_printf (_("Codecs: %s"), codecs);
      doc_text (doc, doc->small, &dim, line, 0, 3);
    }
  if (detail != NULL && *detail != '\0' && status != LC_MEDIA_STATUS_PASS)
    doc_text (doc, doc->small, status_colour (media_status_as_status (status)), detail, 0, 3);
  if (fix != NULL && *fix != '\0')
    doc_text (doc, doc->small, &black, fix, 0, 3);

  /* A call that carried nothing has no figures to tabulate: its reason says it all. */
  if (status != LC_MEDIA_STATUS_PASS && status != LC_MEDIA_STATUS_WARN &&
      (samples == NULL || samples->len == 0))
    {
      doc_space (doc, 6);
      return;
    }

  table_begin (&table, doc, G_N_ELEMENTS (titles), titles, weights);
  table_row (&table, cells);
  table_end (&table);

  if (samples != NULL && samples->len > 0)
    {
      g_autoptr(LcCallCharts) charts = lc_call_charts_new_for_result (
        result, lc_profile_get_thresholds (doc->profile), title);
      double height = lc_call_charts_get_height (doc->cr, content_width (doc), charts,
                                                 &doc->chart_style);

      height = MIN (height, page_bottom (doc) - page_top (doc));
      doc_need (doc, height);
      cairo_save (doc->cr);
      cairo_translate (doc->cr, MARGIN, doc->y);
      lc_call_charts_render (doc->cr, content_width (doc), height, charts, &doc->chart_style);
      cairo_restore (doc->cr);
      doc->y += height;
    }
  doc_space (doc, 12);
}

static void
draw_calls (Doc    *doc,
            LcStep  step)
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
    doc_text (doc, doc->body, &dim, _("No call of this step was placed."), 0, 6);
}

/* What another part of Linecheck advises (the report's "recommendations", contracts §3):
 * read from the report's JSON so that whatever the report holds is printed. */
static void
draw_recommendations (Doc *doc)
{
  g_autoptr(JsonNode) root = lc_report_to_json (doc->report);
  JsonObject *object = json_node_get_object (root);
  JsonNode *node = json_object_get_member (object, "recommendations");
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *item;
      g_autofree char *title = NULL;
      g_autofree char *why = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      item = json_node_get_object (element);
      {
        const char *text = NULL;

        if (lc_json_read_string (item, "title", LC_JSON_OPTIONAL, &text, NULL))
          title = safe (text);
        text = NULL;
        if (lc_json_read_string (item, "why", LC_JSON_OPTIONAL, &text, NULL))
          why = safe (text);
      }
      if (title == NULL && why == NULL)
        continue;

      {
        g_autofree char *bullet = g_strdup_printf ("•  %s", title ? title : why);

        doc_need (doc, 30);
        doc_text (doc, doc->bold, &black, bullet, 0, 1);
        if (title != NULL && why != NULL)
          doc_text (doc, doc->body, &black, why, 12, 6);
      }
      n++;
    }

  if (n == 0)
    doc_text (doc, doc->body, &dim, _("No recommendation for this run."), 0, 6);
}

/* Each swept UDP range with blocked ports as the window's port map draws it: where in the
 * range the blocks are. */
static void
draw_port_maps (Doc *doc)
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
        doc_heading (doc, doc->bold, _("UDP Port Ranges, Port by Port"), 90);
      any = TRUE;

      rule = check_rule_text (result);
      host = safe (lc_check_result_get_host (result));
      /* Translators: a swept range, "UDP 19099-20099 to rtc.example.net" */
      title = g_strdup_printf (_("%s to %s"), rule, host);
      description = lc_port_map_describe (model);

      doc_need (doc, 14 + LC_PORT_MAP_HEIGHT * PORT_MAP_SCALE + 20);
      doc_text (doc, doc->small_bold, &black, title, 0, 2);
      /* The map's labels are sized for the window; scaled, they match the page's text. */
      cairo_save (doc->cr);
      cairo_translate (doc->cr, MARGIN, doc->y);
      cairo_scale (doc->cr, PORT_MAP_SCALE, PORT_MAP_SCALE);
      lc_port_map_render (doc->cr, content_width (doc) / PORT_MAP_SCALE, LC_PORT_MAP_HEIGHT,
                          model);
      cairo_restore (doc->cr);
      doc->y += LC_PORT_MAP_HEIGHT * PORT_MAP_SCALE + 3;
      doc_text (doc, doc->small, &dim, description, 0, 8);
    }
}

/* @keep: the room the step's first content needs beside its heading. */
static void
draw_step_heading (Doc    *doc,
                   LcStep  step,
                   double  keep)
{
  /* Translators: a checklist step as a heading, "1. Network and Firewall" */
  g_autofree char *title = g_strdup_printf (_("%u. %s"), (guint)step + 1,
                                            lc_step_get_title (step));

  doc_heading (doc, doc->subheading, title, keep);
  doc_text (doc, doc->small, &dim, lc_step_get_summary (step), 0, 5);
}

static void
draw_steps (Doc *doc)
{
  GPtrArray *checks = lc_report_get_checks (doc->report);
  guint counts[4];

  draw_step_heading (doc, LC_STEP_FIREWALL, 90);
  count_statuses (checks, LC_REPORT_STEP_FIREWALL, LC_REPORT_STEP_CONTEXT, counts);
  {
    g_autofree char *text = describe_counts (counts);
    doc_text (doc, doc->body, &black, text, 0, 4);
  }
  draw_checks_table (doc, LC_REPORT_STEP_FIREWALL, LC_REPORT_STEP_CONTEXT);
  draw_port_maps (doc);

  draw_step_heading (doc, LC_STEP_EDGE, 80);
  if (lc_profile_get_n_edges (doc->profile) == 0)
    doc_text (doc, doc->body, &dim, _("This profile has no edges to choose from."), 0, 6);
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

static void
draw_document (Doc *doc)
{
  doc->page = 1;
  doc->y = page_top (doc);

  draw_header (doc);
  draw_verdict (doc);
  draw_rules_to_open (doc);
  draw_steps (doc);

  draw_footer (doc);
  cairo_show_page (doc->cr);
}

/* Writing -------------------------------------------------------------------------------- */

static void
doc_init (Doc      *doc,
          LcReport *report,
          double    width,
          double    height)
{
  g_autofree char *date = format_date (lc_report_get_started (report));
  const char *family = "Cantarell, Sans";

  *doc = (Doc) { .report = report, .profile = lc_report_get_profile (report),
                 .width = width, .height = height };

  doc->title = font_new (family, 19, PANGO_WEIGHT_BOLD);
  doc->heading = font_new (family, 15, PANGO_WEIGHT_BOLD);
  doc->subheading = font_new (family, 12.5, PANGO_WEIGHT_BOLD);
  doc->body = font_new (family, 9.5, PANGO_WEIGHT_NORMAL);
  doc->bold = font_new (family, 9.5, PANGO_WEIGHT_BOLD);
  doc->small = font_new (family, 8, PANGO_WEIGHT_NORMAL);
  doc->small_bold = font_new (family, 8, PANGO_WEIGHT_BOLD);
  doc->code = font_new ("Monospace", 17, PANGO_WEIGHT_BOLD);
  doc->chart_font = font_new (family, 8, PANGO_WEIGHT_NORMAL);

  lc_chart_style_init_print (&doc->chart_style);
  doc->chart_style.font = doc->chart_font;

  doc->attributes = pango_attr_list_new ();
  pango_attr_list_insert (doc->attributes, pango_attr_insert_hyphens_new (FALSE));

  /* Translators: the foot of every page of a PDF report: "Linecheck report — PROFILE, DATE" */
  doc->footer = g_strdup_printf (_("Linecheck report — %s, %s"),
                                 lc_profile_get_name (doc->profile), date);
}

static void
doc_clear (Doc *doc)
{
  g_clear_pointer (&doc->title, pango_font_description_free);
  g_clear_pointer (&doc->heading, pango_font_description_free);
  g_clear_pointer (&doc->subheading, pango_font_description_free);
  g_clear_pointer (&doc->body, pango_font_description_free);
  g_clear_pointer (&doc->bold, pango_font_description_free);
  g_clear_pointer (&doc->small, pango_font_description_free);
  g_clear_pointer (&doc->small_bold, pango_font_description_free);
  g_clear_pointer (&doc->code, pango_font_description_free);
  g_clear_pointer (&doc->chart_font, pango_font_description_free);
  g_clear_pointer (&doc->attributes, pango_attr_list_unref);
  g_clear_pointer (&doc->footer, g_free);
}

/* Draws the whole document on @surface; returns its number of pages. */
static guint
render (Doc             *doc,
        cairo_surface_t *surface,
        guint            n_pages)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  doc->cr = cairo_create (surface);
  doc->context = pango_cairo_create_context (doc->cr);
  /* The same metrics in both passes, whatever the surface would choose. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (doc->context, options);
  cairo_font_options_destroy (options);
  doc->n_pages = n_pages;

  draw_document (doc);

  g_clear_object (&doc->context);
  cairo_destroy (doc->cr);
  doc->cr = NULL;
  return doc->page;
}

static cairo_status_t
discard_bytes (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  int     fd;
  int     saved_errno;
} Output;

static cairo_status_t
write_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  Output *output = closure;

  while (length > 0)
    {
      ssize_t written = write (output->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          output->saved_errno = written < 0 ? errno : ENOSPC;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += written;
      length -= written;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
set_file_error (GError     **error,
                const char  *path,
                int          code_errno,
                const char  *message)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (code_errno),
               /* Translators: "Could not write the PDF report to FILE: No space left on device" */
               _("Could not write the PDF report to %s: %s"), name,
               message ? message : g_strerror (code_errno));
}

/**
 * lc_report_write_pdf_on_paper:
 * @path: the file to write; it holds the old file or the whole new report, never half of one
 *
 * Writes @report as a PDF for the IT team on @paper. No secret of the profile is written.
 * Blocks on file I/O.
 *
 * Returns: %TRUE when the file is written
 */
gboolean
lc_report_write_pdf_on_paper (LcReport    *report,
                              const char  *path,
                              LcPaper      paper,
                              GError     **error)
{
  g_autofree char *temp = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Output output = { -1, 0 };
  double width, height;
  guint n_pages;
  Doc doc;

  g_return_val_if_fail (LC_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*path == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Could not write the PDF report: the file name is empty"));
      return FALSE;
    }

  lc_paper_get_size (paper, &width, &height);
  doc_init (&doc, report, width, height);

  /* First pass: count the pages. */
  surface = cairo_pdf_surface_create_for_stream (discard_bytes, NULL, width, height);
  n_pages = render (&doc, surface, 0);
  cairo_surface_destroy (surface);

  /* A file beside the target, renamed over it once it is complete. */
  temp = g_strconcat (path, ".XXXXXX", NULL);
  output.fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0644);
  if (output.fd < 0)
    {
      set_file_error (error, path, errno, NULL);
      doc_clear (&doc);
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (write_bytes, &output, width, height);
  {
    g_autofree char *title = g_strdup_printf (_("Linecheck report — %s"),
                                              lc_profile_get_name (doc.profile));

    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                    "Linecheck " PACKAGE_VERSION);
  }
  if (render (&doc, surface, n_pages) != n_pages)
    g_warning ("The PDF report's two passes disagree on its pages");
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  doc_clear (&doc);

  if (status != CAIRO_STATUS_SUCCESS || output.saved_errno != 0 || fsync (output.fd) != 0)
    {
      int saved = output.saved_errno ? output.saved_errno : errno;

      set_file_error (error, path, saved ? saved : EIO,
                      status != CAIRO_STATUS_SUCCESS && output.saved_errno == 0
                        ? cairo_status_to_string (status) : NULL);
      close (output.fd);
      g_unlink (temp);
      return FALSE;
    }

  if (close (output.fd) != 0 || g_rename (temp, path) != 0)
    {
      set_file_error (error, path, errno, NULL);
      g_unlink (temp);
      return FALSE;
    }

  return TRUE;
}

/**
 * lc_report_write_pdf:
 *
 * Writes @report as a PDF on the paper of the locale (A4 or Letter, `LC_PAPER`), atomically.
 * Blocks on file I/O.
 *
 * Returns: %TRUE when the file is written
 */
gboolean
lc_report_write_pdf (LcReport    *report,
                     const char  *path,
                     GError     **error)
{
  return lc_report_write_pdf_on_paper (report, path, lc_paper_from_locale (), error);
}
