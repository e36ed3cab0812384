/* bench-history.c — figures of the History with many stored runs: the time to list them, and
 * the History window filling and reopening one with the main loop watched
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-history fill DIR N   stores N made-up full agent runs in DIR
 * bench-history list DIR     lists DIR off the main loop: the time to the first rows and to all
 * bench-history baseline     an empty window of the same size: the time to its first frame
 * bench-history view DIR     opens the History window on DIR: the time to the first rows shown,
 *                            to every row, the longest gap of a 10 ms main-loop timer meanwhile;
 *                            then reopens the newest run: the time to its page and the gap
 */
#include "config.h"

#include <stdio.h>
#include <adwaita.h>

#include "history-test-data.h"
#include "lc-history-dialog.h"

typedef struct
{
  gint64   started;
  gint64   first_rows;
  gint64   first_rows_shown;
  gint64   all_rows;
  gint64   last_tick;
  gint64   longest_gap;
  gint64   frame_started;
  gint64   longest_frame;
  gint64   first_frame;      /* how long the window's first frame took */
  gint64   first_painted;    /* when it was done */
  gint64   gap_before;       /* the longest gap up to the end of the first frame */
  guint    rows;
  gboolean done;
} Bench;

static double
ms (gint64 from,
    gint64 to)
{
  return (to - from) / 1000.0;
}

static void
on_batch (LcHistory *history,
          GPtrArray *entries,
          gpointer   user_data)
{
  Bench *bench = user_data;

  if (bench->rows == 0)
    bench->first_rows = g_get_monotonic_time ();
  bench->rows += entries->len;
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) skipped = NULL;

  entries = lc_history_list_finish (LC_HISTORY (object), result, &skipped, NULL);
  bench->all_rows = g_get_monotonic_time ();
  bench->rows = entries ? entries->len : 0;
  bench->done = TRUE;
}

static int
list (const char *path)
{
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(LcHistory) history = lc_history_new (dir);
  Bench bench = { 0 };

  bench.started = g_get_monotonic_time ();
  lc_history_list_async (history, 100, on_batch, &bench, NULL, NULL, on_listed, &bench);
  while (!bench.done)
    g_main_context_iteration (NULL, TRUE);
  printf ("list: %u runs; first rows after %.0f ms, all after %.0f ms\n", bench.rows,
          ms (bench.started, bench.first_rows), ms (bench.started, bench.all_rows));
  return 0;
}

static gboolean
on_tick (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->last_tick != 0)
    bench->longest_gap = MAX (bench->longest_gap, now - bench->last_tick);
  if (bench->last_tick != 0 && now - bench->last_tick > 40000 && g_getenv ("BENCH_VERBOSE"))
    printf ("  gap of %.0f ms at %.0f ms (%u rows in)\n", (now - bench->last_tick) / 1000.0,
            ms (bench->started, now), bench->rows);
  bench->last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* How long the frame clock's layout and paint take: under Xvfb the renderer is software, and
 * a frame of the whole window is most of any gap. */
static void
on_before_paint (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_started = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (bench->frame_started != 0)
    bench->longest_frame = MAX (bench->longest_frame, now - bench->frame_started);
  if (bench->first_painted == 0)
    {
      bench->first_painted = now;
      bench->first_frame = now - bench->frame_started;
    }
  if (bench->first_rows != 0 && bench->first_rows_shown == 0)
    bench->first_rows_shown = g_get_monotonic_time ();
}

static void
on_runs_changed (GListModel *runs,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Bench      *bench)
{
  if (bench->first_rows == 0 && added > 0)
    bench->first_rows = g_get_monotonic_time ();
  bench->rows = g_list_model_get_n_items (runs);
}

static void
wait_for (gboolean (*done) (gpointer),
          gpointer data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
is_loaded (gpointer data)
{
  return lc_history_dialog_get_loaded (data);
}

static gboolean
is_shown (gpointer data)
{
  return lc_history_dialog_get_shown_report (data) != NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
first_shown (gpointer data)
{
  return ((Bench *)data)->first_rows_shown != 0;
}

static gboolean
ticked (gpointer data)
{
  return ((Bench *)data)->last_tick != 0;
}

static gboolean
first_painted (gpointer data)
{
  return ((Bench *)data)->first_painted != 0;
}

static void
settle (guint ms_to_run)
{
  gint64 until = g_get_monotonic_time () + ms_to_run * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* The floor under Xvfb: an empty window of the same size, to its first frame. */
static int
baseline (void)
{
  GtkWidget *window;
  GdkFrameClock *clock;
  Bench bench = { 0 };

  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_timeout_add (10, on_tick, &bench);
  wait_for (ticked, &bench);
  bench.started = g_get_monotonic_time ();
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_mapped, window);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &bench);
  wait_for (first_painted, &bench);
  settle (300);
  printf ("baseline: an empty window's first frame done after %.0f ms (the frame itself: %.1f ms); "
          "the longest main-loop gap was %.1f ms\n", ms (bench.started, bench.first_painted),
          bench.first_frame / 1000.0, bench.longest_gap / 1000.0);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

static void
view_once (LcHistory  *history,
           const char *pass)
{
  LcHistoryDialog *dialog;
  GdkFrameClock *clock;
  Bench bench = { 0 };
  gint64 reopened;
  guint tick;

  printf ("-- %s\n", pass);
  tick = g_timeout_add (10, on_tick, &bench);
  wait_for (ticked, &bench);

  bench.started = g_get_monotonic_time ();
  dialog = lc_history_dialog_new (NULL, history);
  g_signal_connect (lc_history_dialog_get_runs (dialog), "items-changed",
                    G_CALLBACK (on_runs_changed), &bench);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 760);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for (is_mapped, dialog);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (dialog));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &bench);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &bench);
  wait_for (first_painted, &bench);
  /* The first tick after the first frame closes the gap the frame made. */
  {
    gint64 painted = bench.first_painted;
    while (bench.last_tick < painted)
      g_main_context_iteration (NULL, TRUE);
  }
  bench.gap_before = bench.longest_gap;
  bench.longest_gap = 0;
  bench.longest_frame = 0;
  wait_for (first_shown, &bench);
  wait_for (is_loaded, dialog);
  bench.all_rows = g_get_monotonic_time ();
  settle (300);
  printf ("view: %u runs; first rows shown after %.0f ms, every row after %.0f ms\n",
          g_list_model_get_n_items (lc_history_dialog_get_runs (dialog)),
          ms (bench.started, bench.first_rows_shown), ms (bench.started, bench.all_rows));
  printf ("view: the window's first frame took %.1f ms (the longest main-loop gap up to it: "
          "%.1f ms); after it, the longest gap was %.1f ms (the longest frame: %.1f ms)\n",
          bench.first_frame / 1000.0, bench.gap_before / 1000.0, bench.longest_gap / 1000.0,
          bench.longest_frame / 1000.0);
  bench.longest_gap = 0;
  bench.longest_frame = 0;
  bench.last_tick = 0;
  reopened = g_get_monotonic_time ();
  lc_history_dialog_open_run (dialog, 0);
  wait_for (is_shown, dialog);
  printf ("reopen: the newest run's page after %.0f ms; the longest main-loop gap was %.1f ms\n",
          ms (reopened, g_get_monotonic_time ()), bench.longest_gap / 1000.0);
  settle (300);
  printf ("reopen: with its first frames drawn, the longest main-loop gap was %.1f ms "
          "(the longest frame drawn: %.1f ms)\n", bench.longest_gap / 1000.0,
          bench.longest_frame / 1000.0);

  g_signal_handlers_disconnect_by_data (clock, &bench);
  g_signal_handlers_disconnect_by_data (lc_history_dialog_get_runs (dialog), &bench);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_source_remove (tick);
  settle (200);
}

/* Twice in one process: the first pays for what any first window pays (fonts, the renderer's
 * shaders), as a History opened from the main window would not; the second is that case. */
static int
view (const char *path)
{
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(LcHistory) history = lc_history_new (dir);

  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  view_once (history, "the first window of the process");
  view_once (history, "opened again (fonts and renderer warm, as from the main window)");
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "fill"))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (argv[2]);

      g_mkdir_with_parents (argv[2], 0700);
      history_test_fill (dir, (guint)g_ascii_strtoull (argv[3], NULL, 10));
      return 0;
    }
  if (argc == 3 && g_str_equal (argv[1], "list"))
    return list (argv[2]);
  if (argc == 2 && g_str_equal (argv[1], "baseline"))
    {
      gtk_init ();
      return baseline ();
    }
  if (argc == 3 && g_str_equal (argv[1], "view"))
    {
      gtk_init ();
      return view (argv[2]);
    }

  fprintf (stderr, "usage: bench-history fill DIR N | list DIR | baseline | view DIR\n");
  return 2;
}
