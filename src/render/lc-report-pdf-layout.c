/* lc-report-pdf-layout.c — the PDF report's page layout: fonts, text that wraps and flows across
 * pages, headings kept with what follows, tables that repeat their header on every page
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lc-render-text.h"
#include "lc-report-pdf-private.h"
#include "lc-safe-text.h"

/* Fonts and text ------------------------------------------------------------------------- */

PangoFontDescription *
_lc_pdf_font_new (const char  *family,
                  double       size,
                  PangoWeight  weight)
{
  PangoFontDescription *font = pango_font_description_from_string (family);

  /* Absolute sizes are in the PDF's points whatever resolution pango assumes. */
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  return font;
}

double
_lc_pdf_content_width (LcPdfDoc *doc)
{
  return doc->width - 2 * LC_PDF_MARGIN;
}

double
_lc_pdf_page_top (LcPdfDoc *doc)
{
  return LC_PDF_MARGIN;
}

double
_lc_pdf_page_bottom (LcPdfDoc *doc)
{
  /* The footer's room below. */
  return doc->height - LC_PDF_MARGIN - 14;
}

PangoLayout *
_lc_pdf_layout_new (LcPdfDoc                   *doc,
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

double
_lc_pdf_layout_height (PangoLayout *layout)
{
  double height;

  lc_render_text_size (layout, NULL, &height);
  return height;
}

void
_lc_pdf_draw_footer (LcPdfDoc *doc)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *pages = NULL;
  double right_width;
  double y = doc->height - LC_PDF_MARGIN;

  /* Translators: the page number at the foot of a PDF report, "Page 2 of 5" */
  pages = g_strdup_printf (_("Page %u of %u"), doc->page,
                           doc->n_pages > 0 ? doc->n_pages : doc->page);
  right = _lc_pdf_layout_new (doc, doc->small, pages, -1);
  lc_render_text_size (right, &right_width, NULL);

  left = _lc_pdf_layout_new (doc, doc->small, doc->footer,
                             _lc_pdf_content_width (doc) - right_width - 12);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);

  lc_render_set_colour (doc->cr, &lc_pdf_rule_line);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, LC_PDF_MARGIN, y - 4);
  cairo_line_to (doc->cr, doc->width - LC_PDF_MARGIN, y - 4);
  cairo_stroke (doc->cr);

  lc_render_draw_text (doc->cr, left, &lc_pdf_dim, LC_PDF_MARGIN, y);
  lc_render_draw_text (doc->cr, right, &lc_pdf_dim, doc->width - LC_PDF_MARGIN - right_width, y);
}

void
_lc_pdf_break_page (LcPdfDoc *doc)
{
  _lc_pdf_draw_footer (doc);
  cairo_show_page (doc->cr);
  doc->page++;
  doc->y = _lc_pdf_page_top (doc);
}

/* Starts a new page unless @height fits below what is there. */
void
_lc_pdf_need (LcPdfDoc *doc,
              double    height)
{
  if (doc->y + height > _lc_pdf_page_bottom (doc) && doc->y > _lc_pdf_page_top (doc))
    _lc_pdf_break_page (doc);
}

void
_lc_pdf_space (LcPdfDoc *doc,
               double    height)
{
  doc->y += height;
  if (doc->y > _lc_pdf_page_bottom (doc))
    _lc_pdf_break_page (doc);
}

/* Draws @layout at @x from the current height, line by line, breaking the page between lines. */
void
_lc_pdf_flow_layout (LcPdfDoc     *doc,
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

      if (bottom > _lc_pdf_page_bottom (doc) && top > _lc_pdf_page_top (doc))
        {
          _lc_pdf_break_page (doc);
          origin = _lc_pdf_page_top (doc) - (double)logical.y / PANGO_SCALE;
          bottom = _lc_pdf_page_top (doc) + (double)logical.height / PANGO_SCALE;
        }

      lc_render_set_colour (doc->cr, colour);
      cairo_move_to (doc->cr, x + (double)logical.x / PANGO_SCALE, origin + baseline);
      pango_cairo_show_layout_line (doc->cr, line);
      doc->y = bottom;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

void
_lc_pdf_text (LcPdfDoc                   *doc,
              const PangoFontDescription *font,
              const LcRgba               *colour,
              const char                 *text,
              double                      indent,
              double                      space_after)
{
  double width = _lc_pdf_content_width (doc) - indent;
  g_autoptr(PangoLayout) layout = _lc_pdf_layout_new (doc, font, text, width);

  _lc_pdf_flow_layout (doc, layout, LC_PDF_MARGIN + indent, colour);
  _lc_pdf_space (doc, space_after);
}

/* A heading is never the last thing on a page: @keep is the room what follows it needs. */
void
_lc_pdf_heading (LcPdfDoc                   *doc,
                 const PangoFontDescription *font,
                 const char                 *text,
                 double                      keep)
{
  g_autoptr(PangoLayout) layout = _lc_pdf_layout_new (doc, font, text, _lc_pdf_content_width (doc));
  double height = _lc_pdf_layout_height (layout);

  if (doc->y > _lc_pdf_page_top (doc))
    doc->y += height * 0.6;
  _lc_pdf_need (doc, height + keep);
  _lc_pdf_flow_layout (doc, layout, LC_PDF_MARGIN, &lc_pdf_black);
  doc->y += height * 0.25;
}

const LcRgba *
_lc_pdf_status_colour (LcStatus status)
{
  switch (status)
    {
    case LC_STATUS_PASS: return &lc_pdf_pass;
    case LC_STATUS_WARN: return &lc_pdf_warn;
    case LC_STATUS_FAIL: return &lc_pdf_fail;
    case LC_STATUS_SKIP:
    default: return &lc_pdf_dim;
    }
}

LcStatus
_lc_pdf_media_status (LcMediaStatus status)
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


static void
table_draw_header (LcPdfTable *table)
{
  LcPdfDoc *doc = table->doc;
  PangoLayout *layouts[LC_PDF_MAX_COLUMNS] = { NULL };
  double height = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      layouts[i] = _lc_pdf_layout_new (doc, doc->small_bold, table->titles[i],
                                       table->w[i] - 2 * LC_PDF_CELL_PAD);
      height = MAX (height, _lc_pdf_layout_height (layouts[i]));
    }
  height += 2 * LC_PDF_CELL_PAD;

  lc_render_set_colour (doc->cr, &lc_pdf_header_band);
  cairo_rectangle (doc->cr, LC_PDF_MARGIN, doc->y, _lc_pdf_content_width (doc), height);
  cairo_fill (doc->cr);
  for (guint i = 0; i < table->n_columns; i++)
    {
      lc_render_draw_text (doc->cr, layouts[i], &lc_pdf_black, table->x[i] + LC_PDF_CELL_PAD,
                           doc->y + LC_PDF_CELL_PAD);
      g_object_unref (layouts[i]);
    }
  doc->y += height;
}

/* @weights: each column's share of the width. */
void
_lc_pdf_table_begin (LcPdfTable         *table,
                     LcPdfDoc           *doc,
                     guint               n_columns,
                     const char * const *titles,
                     const double       *weights)
{
  double total = 0;
  double x = LC_PDF_MARGIN;

  g_assert (n_columns <= LC_PDF_MAX_COLUMNS);

  *table = (LcPdfTable) { .doc = doc, .n_columns = n_columns };
  for (guint i = 0; i < n_columns; i++)
    total += weights[i];
  for (guint i = 0; i < n_columns; i++)
    {
      table->titles[i] = titles[i];
      table->x[i] = x;
      table->w[i] = _lc_pdf_content_width (doc) * weights[i] / total;
      x += table->w[i];
    }
}

void
_lc_pdf_table_row (LcPdfTable      *table,
                   const LcPdfCell *cells)
{
  LcPdfDoc *doc = table->doc;
  PangoLayout *texts[LC_PDF_MAX_COLUMNS] = { NULL };
  PangoLayout *details[LC_PDF_MAX_COLUMNS] = { NULL };
  double text_heights[LC_PDF_MAX_COLUMNS] = { 0 };
  double height = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      double cell_width = table->w[i] - 2 * LC_PDF_CELL_PAD;
      double cell = 0;

      texts[i] = _lc_pdf_layout_new (doc, cells[i].bold ? doc->small_bold : doc->small,
                                     cells[i].text, cell_width);
      pango_layout_set_height (texts[i], -LC_PDF_MAX_CELL_LINES);
      pango_layout_set_ellipsize (texts[i], PANGO_ELLIPSIZE_END);
      text_heights[i] = cells[i].text && *cells[i].text ? _lc_pdf_layout_height (texts[i]) : 0;
      cell = text_heights[i];
      if (cells[i].detail != NULL && *cells[i].detail != '\0')
        {
          details[i] = _lc_pdf_layout_new (doc, doc->small, cells[i].detail, cell_width);
          pango_layout_set_height (details[i], -LC_PDF_MAX_DETAIL_LINES);
          pango_layout_set_ellipsize (details[i], PANGO_ELLIPSIZE_END);
          cell += (cell > 0 ? 1.5 : 0) + _lc_pdf_layout_height (details[i]);
        }
      height = MAX (height, cell);
    }
  height += 2 * LC_PDF_CELL_PAD;

  /* The header goes at the top of the table and again on every page it continues on. */
  if (table->n_rows == 0)
    _lc_pdf_need (doc, 2 * height + 20);
  if (table->n_rows == 0 || doc->y + height > _lc_pdf_page_bottom (doc))
    {
      if (table->n_rows > 0)
        _lc_pdf_break_page (doc);
      table_draw_header (table);
    }

  if (table->n_rows % 2 == 1)
    {
      lc_render_set_colour (doc->cr, &lc_pdf_band);
      cairo_rectangle (doc->cr, LC_PDF_MARGIN, doc->y, _lc_pdf_content_width (doc), height);
      cairo_fill (doc->cr);
    }

  for (guint i = 0; i < table->n_columns; i++)
    {
      double x = table->x[i] + LC_PDF_CELL_PAD;
      double y = doc->y + LC_PDF_CELL_PAD;

      lc_render_draw_text (doc->cr, texts[i], cells[i].colour ? cells[i].colour : &lc_pdf_black,
                           x, y);
      if (details[i] != NULL)
        lc_render_draw_text (doc->cr, details[i], &lc_pdf_dim, x,
                             y + text_heights[i] + (text_heights[i] > 0 ? 1.5 : 0));
      g_clear_object (&texts[i]);
      g_clear_object (&details[i]);
    }

  doc->y += height;
  lc_render_set_colour (doc->cr, &lc_pdf_rule_line);
  cairo_set_line_width (doc->cr, 0.4);
  cairo_move_to (doc->cr, LC_PDF_MARGIN, doc->y);
  cairo_line_to (doc->cr, LC_PDF_MARGIN + _lc_pdf_content_width (doc), doc->y);
  cairo_stroke (doc->cr);
  table->n_rows++;
}

void
_lc_pdf_table_end (LcPdfTable *table)
{
  _lc_pdf_space (table->doc, 10);
}


char *
_lc_pdf_format_date (GDateTime *started)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (started);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
}

void
_lc_pdf_doc_init (LcPdfDoc *doc,
                  LcReport *report,
                  double    width,
                  double    height)
{
  g_autofree char *date = _lc_pdf_format_date (lc_report_get_started (report));
  g_autofree char *name = NULL;
  const char *family = "Cantarell, Sans";

  *doc = (LcPdfDoc) { .report = report, .profile = lc_report_get_profile (report),
                 .width = width, .height = height };

  doc->title = _lc_pdf_font_new (family, 19, PANGO_WEIGHT_BOLD);
  doc->heading = _lc_pdf_font_new (family, 15, PANGO_WEIGHT_BOLD);
  doc->subheading = _lc_pdf_font_new (family, 12.5, PANGO_WEIGHT_BOLD);
  doc->body = _lc_pdf_font_new (family, 9.5, PANGO_WEIGHT_NORMAL);
  doc->bold = _lc_pdf_font_new (family, 9.5, PANGO_WEIGHT_BOLD);
  doc->small = _lc_pdf_font_new (family, 8, PANGO_WEIGHT_NORMAL);
  doc->small_bold = _lc_pdf_font_new (family, 8, PANGO_WEIGHT_BOLD);
  doc->code = _lc_pdf_font_new ("Monospace", 17, PANGO_WEIGHT_BOLD);
  doc->chart_font = _lc_pdf_font_new (family, 8, PANGO_WEIGHT_NORMAL);

  lc_chart_style_init_print (&doc->chart_style);
  doc->chart_style.font = doc->chart_font;

  doc->attributes = pango_attr_list_new ();
  pango_attr_list_insert (doc->attributes, pango_attr_insert_hyphens_new (FALSE));

  /* Translators: the foot of every page of a PDF report: "Linecheck report — PROFILE, DATE" */
  name = lc_safe_text_new (lc_profile_get_name (doc->profile), -1, LC_PDF_MAX_DETAIL_CHARS);
  doc->footer = g_strdup_printf (_("Linecheck report — %s, %s"), name, date);
}

void
_lc_pdf_doc_clear (LcPdfDoc *doc)
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
