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
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "lc-report-pdf.h"
#include "lc-report-pdf-private.h"

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

/* Writing -------------------------------------------------------------------------------- */

/* Draws the whole document on @surface; returns its number of pages. */
static guint
render (LcPdfDoc        *doc,
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

  _lc_pdf_draw_document (doc);

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
  LcPdfDoc doc;

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
  _lc_pdf_doc_init (&doc, report, width, height);

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
      _lc_pdf_doc_clear (&doc);
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
  _lc_pdf_doc_clear (&doc);

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
