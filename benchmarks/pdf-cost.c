/* pdf-cost.c — the time a PDF export of a full agent run takes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pdf-cost-helper [ITERATIONS]
 *   builds the finished report of a full run of the built-in "CPaaS agent" profile (its 14
 *   rules tested, its calls placed for their seconds, one sample a second) and exports it as a
 *   PDF ITERATIONS times; prints the wall time of the first export (which loads the fonts, as
 *   the one export of `--cli --pdf` does), the median and worst of all, the process CPU per
 *   export and the file's size.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "lc-report-pdf.h"
#include "report-test-data.h"

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  guint iterations = argc > 1 ? (guint)MAX (1, atoi (argv[1])) : 20;
  g_autoptr(LcReport) report = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linecheck-pdf-cost-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double cpu_start, cpu_total;
  double first = 0;
  GStatBuf st;

  report = report_test_new_agent_run ();

  cpu_start = cpu_seconds ();
  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!lc_report_write_pdf (report, path, &error))
        {
          fprintf (stderr, "pdf-cost: %s\n", error->message);
          return 1;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (i == 0)
        first = ms;
      g_array_append_val (times, ms);
    }
  cpu_total = cpu_seconds () - cpu_start;

  g_array_sort (times, compare_doubles);
  g_stat (path, &st);
  printf ("report: CPaaS agent, %u checks, %u calls; PDF %.0f KiB\n",
          lc_report_get_checks (report)->len, lc_report_get_media (report)->len,
          st.st_size / 1024.0);
  printf ("first export (fonts loaded): %.1f ms\n", first);
  printf ("export (%u times): median %.1f ms, worst %.1f ms, CPU %.1f ms each  (goal <= 1000 ms)\n",
          iterations, g_array_index (times, double, iterations / 2),
          g_array_index (times, double, iterations - 1), cpu_total * 1000 / iterations);

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
