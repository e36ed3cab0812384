/* bench-window.c — figures of the window as a person meets it: launch time, how long the main
 * loop is ever held during a run, the CPU of a call with its charts shown, a run's wall time
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-window launch              the time from the process's start to the first frame shown
 * bench-window run PROFILE [STEP]  Start (or STEP's own button) on PROFILE, in a real window;
 *                                  prints the longest gap of a 10 ms main-loop timer, the wall
 *                                  time, the calls' own seconds, and the process's CPU
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <adwaita.h>

#include "lc-application.h"
#include "lc-profile-page.h"
#include "lc-window.h"

static double
process_age_ms (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  struct timespec now;
  const char *after;
  double started_s;

  /* Field 22 of /proc/self/stat: when the process started, in clock ticks since boot. */
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (after = strrchr (stat, ')')) == NULL)
    return NAN;
  fields = g_strsplit (after + 2, " ", -1);
  if (g_strv_length (fields) < 20)
    return NAN;
  started_s = g_ascii_strtod (fields[19], NULL) / sysconf (_SC_CLK_TCK);
  clock_gettime (CLOCK_BOOTTIME, &now);
  return (now.tv_sec + now.tv_nsec / 1e9 - started_s) * 1000.0;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* Launch --------------------------------------------------------------------------------- */

static void
on_after_paint (GdkFrameClock *clock,
                GApplication  *app)
{
  printf ("launch: first frame %.0f ms after the process started\n", process_age_ms ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_application_quit (app);
}

static void
on_window_mapped (GtkWidget    *window,
                  GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), app);
}

static void
on_startup (GApplication *app)
{
  printf ("launch: startup %.0f ms after the process started\n", process_age_ms ());
}

static void
on_launch_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  printf ("launch: window built %.0f ms after the process started\n", process_age_ms ());
  /* Presented in the app's own activate: it may be mapped already. */
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    on_window_mapped (GTK_WIDGET (window), app);
  else
    g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), app);
}

/* Run ------------------------------------------------------------------------------------ */

typedef struct
{
  GApplication *app;
  LcWindow     *window;
  const char   *profile;
  int           step;
  gint64        last_tick;
  gint64        longest_gap;
  gint64        started;
  double        cpu_started;
  double        call_cpu_started;
  gint64        call_started;
  double        call_cpu;
  double        call_wall;
  guint         calls;
  gboolean      started_run;
  guint         frames;
  guint         call_frames_started;
  gint64        first_sample;
  gint64        last_sample;
} Run;

/* BENCH_STALL_TRACE=1: a watchdog thread that, when the main loop has not ticked for 30 ms,
 * makes the main thread print its own stack (backtrace(3); resolve with addr2line). For the one
 * who hunts what holds the loop; it costs nothing otherwise. */
static volatile gint64 stall_last_tick;
static pthread_t main_thread;

static void
on_stall_signal (int signum)
{
  void *frames[48];
  int n = backtrace (frames, G_N_ELEMENTS (frames));
  static const char line[] = "  --- main thread held:\n";

  if (write (STDERR_FILENO, line, sizeof line - 1) < 0)
    return;
  backtrace_symbols_fd (frames, n, STDERR_FILENO);
}

static gpointer
stall_watchdog (gpointer data)
{
  gint64 reported = 0;

  for (;;)
    {
      gint64 last = stall_last_tick;

      g_usleep (5000);
      if (last != 0 && last != reported && g_get_monotonic_time () - last > 30000)
        {
          reported = last;
          pthread_kill (main_thread, SIGPROF);
        }
    }
  return NULL;
}

static void
start_stall_trace (void)
{
  void *warm[2];

  if (g_getenv ("BENCH_STALL_TRACE") == NULL)
    return;
  backtrace (warm, 2);  /* loads the unwinder before any signal needs it */
  main_thread = pthread_self ();
  signal (SIGPROF, on_stall_signal);
  g_thread_unref (g_thread_new ("stall-watchdog", stall_watchdog, NULL));
}

static gboolean
on_tick (gpointer user_data)
{
  Run *run = user_data;
  gint64 now = g_get_monotonic_time ();

  stall_last_tick = now;

  if (run->last_tick != 0)
    run->longest_gap = MAX (run->longest_gap, now - run->last_tick);
  /* Where the main loop was held, for the one who wants to make it shorter. */
  if (run->last_tick != 0 && now - run->last_tick > 40000 && g_getenv ("BENCH_VERBOSE"))
    printf ("  gap of %.0f ms at %.2f s, during step %d\n", (now - run->last_tick) / 1000.0,
            (now - run->started) / 1e6,
            lc_checklist_get_running_step (lc_window_get_checklist (run->window)) + 1);
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_media_started (LcChecklist *checklist,
                  int          step,
                  const char  *entry_id,
                  Run         *run)
{
  run->call_started = g_get_monotonic_time ();
  run->call_cpu_started = cpu_seconds ();
  run->call_frames_started = run->frames;
  run->first_sample = run->last_sample = 0;
  if (g_getenv ("BENCH_VERBOSE"))
    printf ("  call %s starts at %.2f s\n", entry_id, (run->call_started - run->started) / 1e6);
}

static void
on_media_sample (LcChecklist   *checklist,
                 int            step,
                 const char    *entry_id,
                 LcMediaSample *sample,
                 Run           *run)
{
  run->last_sample = g_get_monotonic_time ();
  if (run->first_sample == 0)
    run->first_sample = run->last_sample;
}

static void
on_media_finished (LcChecklist   *checklist,
                   int            step,
                   LcMediaResult *result,
                   Run           *run)
{
  double wall = (g_get_monotonic_time () - run->call_started) / 1e6;
  double cpu = cpu_seconds () - run->call_cpu_started;

  printf ("call %s: %.1f s, %.1f %% of one core while it ran, %.1f frames a second (%s)\n",
          lc_media_result_get_id (result), wall, 100.0 * cpu / wall,
          (run->frames - run->call_frames_started) / wall,
          lc_media_status_to_string (lc_media_result_get_status (result)));
  if (g_getenv ("BENCH_VERBOSE") && run->first_sample != 0)
    printf ("  first second's figures %.2f s after the call started, the last %.2f s before it "
            "ended\n", (run->first_sample - run->call_started) / 1e6,
            (g_get_monotonic_time () - run->last_sample) / 1e6);
  run->call_cpu += cpu;
  run->call_wall += wall;
  run->calls++;
}

static void
count_frame (Run *run)
{
  run->frames++;
}

static gboolean
check_done (gpointer user_data)
{
  Run *run = user_data;
  LcChecklist *checklist = lc_window_get_checklist (run->window);
  LcProfile *profile;
  double seconds = 0;
  double wall;

  if (checklist == NULL || lc_checklist_is_running (checklist))
    return G_SOURCE_CONTINUE;

  wall = (g_get_monotonic_time () - run->started) / 1e6;
  profile = lc_checklist_get_profile (checklist);
  for (guint i = 0; i < lc_profile_get_n_media (profile); i++)
    if (run->step < 0 || lc_checklist_entry_is_in_step (lc_profile_get_media (profile, i),
                                                        run->step))
      seconds += lc_profile_get_media (profile, i)->seconds;

  printf ("main loop: the longest gap of a 10 ms timer was %.1f ms\n", run->longest_gap / 1000.0);
  printf ("run: %.2f s in all, the calls' own seconds %.0f, beyond them %.2f s\n", wall, seconds,
          wall - seconds);
  if (run->calls > 0)
    printf ("calls: %.1f %% of one core over their %.1f s\n",
            100.0 * run->call_cpu / run->call_wall, run->call_wall);
  printf ("process: %.2f s of CPU since Start\n", cpu_seconds () - run->cpu_started);
  fflush (stdout);
  g_application_quit (run->app);
  return G_SOURCE_REMOVE;
}

static gboolean
start_when_ready (gpointer user_data)
{
  Run *run = user_data;
  GtkWidget *page = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (run->window),
                                                               LC_TYPE_WINDOW, "profile_page");
  LcProfile *profile = lc_profile_page_get_profile (LC_PROFILE_PAGE (page));
  g_autofree char *path = NULL;
  LcChecklist *checklist;

  /* The profile asked for, chosen and complete; not the one chosen last time. */
  if (profile == NULL || !lc_profile_page_get_ready (LC_PROFILE_PAGE (page)))
    return G_SOURCE_CONTINUE;
  if (lc_profile_get_file (profile) != NULL)
    path = g_file_get_path (lc_profile_get_file (profile));
  if (g_strcmp0 (lc_profile_get_id (profile), run->profile) != 0 &&
      g_strcmp0 (path, run->profile) != 0)
    return G_SOURCE_CONTINUE;

  if (!gtk_widget_activate_action (GTK_WIDGET (run->window), run->step < 0 ? "wizard.start"
                                                                           : "wizard.run-step",
                                   run->step < 0 ? NULL : "i", run->step))
    return G_SOURCE_CONTINUE;

  checklist = lc_window_get_checklist (run->window);
  if (checklist == NULL || !lc_checklist_is_running (checklist))
    return G_SOURCE_CONTINUE;

  run->started = g_get_monotonic_time ();
  run->cpu_started = cpu_seconds ();
  run->started_run = TRUE;
  g_signal_connect (checklist, "media-started", G_CALLBACK (on_media_started), run);
  g_signal_connect (checklist, "media-finished", G_CALLBACK (on_media_finished), run);
  g_signal_connect (checklist, "media-sample", G_CALLBACK (on_media_sample), run);
  g_timeout_add (10, on_tick, run);
  g_timeout_add (100, check_done, run);
  g_signal_connect_swapped (gtk_widget_get_frame_clock (GTK_WIDGET (run->window)), "after-paint",
                            G_CALLBACK (count_frame), run);
  start_stall_trace ();
  return G_SOURCE_REMOVE;
}

static void
on_run_activate (GApplication *app,
                 Run          *run)
{
  run->window = LC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (run->window), 1100, 900);
  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (run->profile);
    g_autofree char *path = g_file_get_path (file);

    /* A file is named by its full path, as the profile page records it. */
    if (strchr (run->profile, '/') != NULL)
      run->profile = g_strdup (path);
  }
  lc_window_choose_profile (run->window, run->profile);
  if (run->step >= 0)
    gtk_widget_activate_action (GTK_WIDGET (run->window), "wizard.go-to", "i", run->step + 1);
  g_timeout_add (50, start_when_ready, run);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LcApplication) app = NULL;
  Run run = { 0 };

  if (argc < 2 || (!g_str_equal (argv[1], "launch") && !(g_str_equal (argv[1], "run") && argc >= 3)))
    {
      fprintf (stderr, "usage: bench-window launch | run PROFILE [STEP]\n");
      return 2;
    }

  if (g_str_equal (argv[1], "launch"))
    printf ("launch: main() %.0f ms after the process started\n", process_age_ms ());
  app = lc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);

  if (g_str_equal (argv[1], "launch"))
    {
      g_signal_connect (app, "startup", G_CALLBACK (on_startup), NULL);
      g_signal_connect_after (app, "activate", G_CALLBACK (on_launch_activate), NULL);
    }
  else
    {
      run.app = G_APPLICATION (app);
      run.profile = argv[2];
      run.step = argc >= 4 ? atoi (argv[3]) - 1 : -1;
      g_signal_connect_after (app, "activate", G_CALLBACK (on_run_activate), &run);
    }

  return g_application_run (G_APPLICATION (app), 1, argv);
}
