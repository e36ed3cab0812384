/* history-test-data.c — a full agent run, made up: every rule of the built-in agent profile,
 * its five calls second by second, a chosen edge; a different date and verdict for each index
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "history-test-data.h"
#include "lc-profile-catalog.h"

static LcProfile *
agent_profile (void)
{
  static LcProfile *profile;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      g_autoptr(LcProfileCatalog) catalog = lc_profile_catalog_new ();
      g_autoptr(GError) error = NULL;
      LcProfile *loaded;

      lc_profile_catalog_scan (catalog);
      loaded = lc_profile_catalog_load (catalog, "cpaas-agent", &error);
      g_assert_no_error (error);
      lc_profile_set_host (loaded, "rtc", "rtc.example.net", NULL);
      lc_profile_set_host (loaded, "acd", "acd.example.net", NULL);
      lc_profile_set_host (loaded, "ice", "turn.example.net", NULL);
      profile = loaded;
      g_once_init_leave (&once, 1);
    }
  return profile;
}

static LcMediaSample *
make_sample (double   t,
             gboolean loopback,
             guint    index)
{
  LcMediaSample *sample = lc_media_sample_new (t, NULL, loopback);
  double wobble = sin (t * 1.7 + index);

  sample->rtt_ms = t < 2 ? NAN : 38.0 + 4.0 * wobble;
  sample->jitter_ms = 2.6 + 0.7 * wobble;
  sample->loss_percent = (guint)t % 7 == 0 ? 0.4 : 0;
  sample->send_kbps = 48.6 + wobble;
  sample->recv_kbps = 47.9 - wobble;
  sample->wire_send_kbps = sample->send_kbps + 16;
  sample->wire_recv_kbps = sample->recv_kbps + 16;
  if (loopback)
    {
      sample->loopback_rtt_ms = sample->rtt_ms * 2;
      sample->loopback_jitter_ms = sample->jitter_ms * 1.41;
      sample->loopback_loss_percent = sample->loss_percent * 2;
    }
  else
    {
      sample->uplink_loss_percent = sample->loss_percent;
      sample->uplink_jitter_ms = sample->jitter_ms;
      sample->downlink_loss_percent = 0;
      sample->downlink_jitter_ms = sample->jitter_ms / 1.41;
    }
  return sample;
}

/**
 * history_test_report_new:
 * @index: 0, 1, …: run @index started @index minutes after 2026-11-01 08:00 UTC; every third
 *   fails a rule (TCP 8089 to the voice server times out), every fifth warns
 *
 * Returns: (transfer full): a finished report, about as large as a real agent run's
 */
LcReport *
history_test_report_new (guint index)
{
  LcProfile *profile = agent_profile ();
  g_autoptr(LcReport) report = lc_report_new (profile);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 11, 1, 8, 0, 0);
  g_autoptr(GDateTime) started = g_date_time_add_seconds (base, index * 60.0);

  lc_report_set_started (report, started);

  for (guint i = 0; i < lc_profile_get_n_rules (profile); i++)
    {
      const LcRule *rule = lc_profile_get_rule (profile, i);
      g_autoptr(LcCheckResult) result = lc_check_result_new_for_rule (profile, rule);

      lc_check_result_set_duration_ms (result, 12.5 + i);
      if (index % 3 == 0 && rule->check == LC_CHECK_KIND_SIP_WS)
        {
          lc_check_result_fail (result, LC_CAUSE_TIMEOUT, "No answer in 3 s");
          lc_check_result_set_fix (result, "Allow TCP 8089 to acd.example.net");
        }
      else if (index % 5 == 0 && i == 0)
        lc_check_result_warn (result, LC_CAUSE_PROTOCOL, "Answered, but not as expected");
      else
        lc_check_result_pass (result, "Open");
      lc_report_add_check (report, result);
    }

  for (guint i = 0; i < lc_profile_get_n_media (profile); i++)
    {
      const LcMediaEntry *entry = lc_profile_get_media (profile, i);
      g_autoptr(LcMediaResult) result = lc_media_result_new (entry);
      gboolean loopback = entry->via == LC_MEDIA_VIA_TURN;
      g_autoptr(LcMediaSample) summary = make_sample (entry->seconds, loopback, index);

      lc_media_result_set_codecs (result, (const char * const *)entry->codecs);
      for (guint s = 1; s <= entry->seconds; s++)
        {
          g_autoptr(LcMediaSample) sample = make_sample (s, loopback, index);

          if (g_strv_length (entry->codecs) > 1)
            {
              g_autoptr(LcMediaSample) audio = make_sample (s, loopback, index);
              g_autoptr(LcMediaSample) video = make_sample (s, loopback, index + 1);

              g_free (audio->kind);
              audio->kind = g_strdup ("audio");
              g_free (video->kind);
              video->kind = g_strdup ("video");
              lc_media_sample_add_stream (sample, audio);
              lc_media_sample_add_stream (sample, video);
            }
          lc_media_result_add_sample (result, sample);
        }
      lc_media_result_set_status (result, LC_MEDIA_STATUS_PASS, LC_CAUSE_NONE, NULL);
      lc_media_result_set_summary (result, summary, entry->seconds);
      lc_media_result_set_mos (result, 4.2 + 0.01 * (index % 10));
      lc_report_add_media (report, result);
    }

  lc_report_set_chosen_edge (report, NULL);
  lc_report_finish (report);
  return g_steal_pointer (&report);
}

/**
 * history_test_store:
 *
 * Saves @report into @dir under the name lc_report_save_to_history() gives it.
 *
 * Returns: (transfer full): the file
 */
GFile *
history_test_store (GFile    *dir,
                    LcReport *report)
{
  GDateTime *started = lc_report_get_started (report);
  g_autofree char *stamp = g_date_time_format (started, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("%s-%03d-%s.json", stamp,
                                           g_date_time_get_microsecond (started) / 1000,
                                           lc_profile_get_id (lc_report_get_profile (report)));
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autoptr(GError) error = NULL;

  lc_report_save (report, file, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&file);
}

/**
 * history_test_fill:
 *
 * Stores runs 0 … @n_runs − 1 in @dir.
 */
void
history_test_fill (GFile *dir,
                   guint  n_runs)
{
  for (guint i = 0; i < n_runs; i++)
    {
      g_autoptr(LcReport) report = history_test_report_new (i);
      g_autoptr(GFile) file = history_test_store (dir, report);
    }
}

/**
 * history_test_make_dir:
 *
 * Returns: (transfer full): an empty folder of its own under the build folder's data home
 */
GFile *
history_test_make_dir (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "history-tests", name, NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  g_mkdir_with_parents (path, 0700);
  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  return g_steal_pointer (&dir);
}
