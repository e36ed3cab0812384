/* lc-report-pdf-private.h — what the PDF report's parts share: the document being laid out,
 * its fonts and colours, text that flows across pages, tables that break between rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "lc-chart-style.h"
#include "lc-media-result.h"
#include "lc-report.h"

G_BEGIN_DECLS

/* Server-given text (a detail, an HTTP reason) is cut here: a row never outgrows a page. */
#define LC_PDF_MAX_DETAIL_CHARS 400
#define LC_PDF_MAX_CELL_LINES 40
#define LC_PDF_MAX_DETAIL_LINES 16
#define LC_PDF_MAX_COLUMNS 6

#define LC_PDF_MARGIN 48.0
#define LC_PDF_CELL_PAD 4.0
#define LC_PDF_PORT_MAP_SCALE 0.7

static const LcRgba lc_pdf_black = { 0, 0, 0, 1 };
static const LcRgba lc_pdf_dim = { 0, 0, 0, 0.62 };
static const LcRgba lc_pdf_rule_line = { 0, 0, 0, 0.25 };
static const LcRgba lc_pdf_band = { 0, 0, 0, 0.035 };
static const LcRgba lc_pdf_header_band = { 0, 0, 0, 0.09 };
/* GNOME's palette, darkened to read as text on paper and in grey-scale. */
static const LcRgba lc_pdf_pass = { 0x1b / 255.0, 0x7a / 255.0, 0x4c / 255.0, 1 };
static const LcRgba lc_pdf_warn = { 0x9c / 255.0, 0x5d / 255.0, 0x00 / 255.0, 1 };
static const LcRgba lc_pdf_fail = { 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0, 1 };

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
} LcPdfDoc;

typedef struct
{
  const char   *text;
  const char   *detail;   /* nullable: a second, smaller line or paragraph */
  const LcRgba *colour;   /* nullable: black */
  gboolean      bold;
} LcPdfCell;

typedef struct
{
  LcPdfDoc   *doc;
  guint       n_columns;
  const char *titles[LC_PDF_MAX_COLUMNS];
  double      x[LC_PDF_MAX_COLUMNS];
  double      w[LC_PDF_MAX_COLUMNS];
  guint       n_rows;
} LcPdfTable;

char                 *_lc_pdf_format_date      (GDateTime                  *started);
PangoFontDescription *_lc_pdf_font_new         (const char                 *family,
                                                double                      size,
                                                PangoWeight                 weight);
void                  _lc_pdf_doc_init         (LcPdfDoc                   *doc,
                                                LcReport                   *report,
                                                double                      width,
                                                double                      height);
void                  _lc_pdf_doc_clear        (LcPdfDoc                   *doc);

double                _lc_pdf_content_width    (LcPdfDoc                   *doc);
double                _lc_pdf_page_top         (LcPdfDoc                   *doc);
double                _lc_pdf_page_bottom      (LcPdfDoc                   *doc);
PangoLayout          *_lc_pdf_layout_new       (LcPdfDoc                   *doc,
                                                const PangoFontDescription *font,
                                                const char                 *text,
                                                double                      width);
double                _lc_pdf_layout_height    (PangoLayout                *layout);
void                  _lc_pdf_draw_footer      (LcPdfDoc                   *doc);
void                  _lc_pdf_break_page       (LcPdfDoc                   *doc);
void                  _lc_pdf_need             (LcPdfDoc                   *doc,
                                                double                      height);
void                  _lc_pdf_space            (LcPdfDoc                   *doc,
                                                double                      height);
void                  _lc_pdf_flow_layout      (LcPdfDoc                   *doc,
                                                PangoLayout                *layout,
                                                double                      x,
                                                const LcRgba               *colour);
void                  _lc_pdf_text             (LcPdfDoc                   *doc,
                                                const PangoFontDescription *font,
                                                const LcRgba               *colour,
                                                const char                 *text,
                                                double                      indent,
                                                double                      space_after);
void                  _lc_pdf_heading          (LcPdfDoc                   *doc,
                                                const PangoFontDescription *font,
                                                const char                 *text,
                                                double                      keep);
const LcRgba         *_lc_pdf_status_colour    (LcStatus                    status);
LcStatus              _lc_pdf_media_status     (LcMediaStatus               status);

void                  _lc_pdf_table_begin      (LcPdfTable                 *table,
                                                LcPdfDoc                   *doc,
                                                guint                       n_columns,
                                                const char * const         *titles,
                                                const double               *weights);
void                  _lc_pdf_table_row        (LcPdfTable                 *table,
                                                const LcPdfCell            *cells);
void                  _lc_pdf_table_end        (LcPdfTable                 *table);

void                  _lc_pdf_draw_document    (LcPdfDoc                   *doc);

G_END_DECLS
