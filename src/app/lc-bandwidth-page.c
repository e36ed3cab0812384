/* lc-bandwidth-page.c — step 3: the echo calls that prove the rates, charted every second
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-bandwidth-page.h"
#include "lc-call-views.h"

struct _LcBandwidthPage
{
  LcWizardPage  parent_instance;

  LcCallViews  *calls;
};

G_DEFINE_FINAL_TYPE (LcBandwidthPage, lc_bandwidth_page, LC_TYPE_WIZARD_PAGE)

static void
add_requirement (GtkWidget  *group,
                 const char *title,
                 const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  /* Under the title, so that it wraps on a narrow window. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
lc_bandwidth_page_rebuild (LcWizardPage *page)
{
  LcBandwidthPage *self = LC_BANDWIDTH_PAGE (page);
  LcProfile *profile = lc_wizard_page_get_profile (page);
  const LcThresholds *t;
  g_autofree char *audio = NULL;
  g_autofree char *video = NULL;
  g_autofree char *limits = NULL;
  GtkWidget *group;

  lc_call_views_clear (self->calls);
  if (profile == NULL)
    return;

  t = lc_profile_get_thresholds (profile);
  /* Translators: bandwidth both ways, e.g. "40 kbps up, 40 kbps down" */
  audio = g_strdup_printf (_("%g kbps up, %g kbps down"), t->audio_kbps, t->audio_kbps);
  video = g_strdup_printf (_("%g kbps up, %g kbps down"), t->video_kbps, t->video_kbps);
  /* Translators: the quality limits, e.g. "round trip under 300 ms, jitter under 50 ms, loss
   * under 1.5 %" */
  limits = g_strdup_printf (_("round trip under %g ms, jitter under %g ms, loss under %g %%"),
                            t->rtt_ms, t->jitter_ms, t->loss_percent);

  group = lc_wizard_page_add_group (page, _("What the Calls Must Show"),
                                    _("The calls send at least these rates, so a pass proves "
                                      "them."));
  add_requirement (group, _("Audio (Opus)"), audio);
  add_requirement (group, _("Audio and video (Opus + VP8)"), video);
  add_requirement (group, _("Quality"), limits);

  lc_call_views_build (self->calls, page, LC_STEP_BANDWIDTH,
                       _("This profile places no echo calls: the rates are not measured."));
}

static void
lc_bandwidth_page_media_started (LcWizardPage *page,
                                 const char   *entry_id)
{
  lc_call_views_start (LC_BANDWIDTH_PAGE (page)->calls, entry_id);
}

static void
lc_bandwidth_page_media_sample (LcWizardPage  *page,
                                const char    *entry_id,
                                LcMediaSample *sample)
{
  lc_call_views_add_sample (LC_BANDWIDTH_PAGE (page)->calls, entry_id, sample);
}

static void
lc_bandwidth_page_media_finished (LcWizardPage  *page,
                                  LcMediaResult *result)
{
  lc_call_views_set_result (LC_BANDWIDTH_PAGE (page)->calls, result);
}

static void
lc_bandwidth_page_report_changed (LcWizardPage *page,
                                  LcReport     *report)
{
  lc_call_views_show_report (LC_BANDWIDTH_PAGE (page)->calls, report);
}

static void
lc_bandwidth_page_dispose (GObject *object)
{
  LcBandwidthPage *self = LC_BANDWIDTH_PAGE (object);

  g_clear_pointer (&self->calls, lc_call_views_free);

  G_OBJECT_CLASS (lc_bandwidth_page_parent_class)->dispose (object);
}

static void
lc_bandwidth_page_class_init (LcBandwidthPageClass *klass)
{
  LcWizardPageClass *page_class = LC_WIZARD_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lc_bandwidth_page_dispose;
  page_class->rebuild = lc_bandwidth_page_rebuild;
  page_class->media_started = lc_bandwidth_page_media_started;
  page_class->media_sample = lc_bandwidth_page_media_sample;
  page_class->media_finished = lc_bandwidth_page_media_finished;
  page_class->report_changed = lc_bandwidth_page_report_changed;
}

static void
lc_bandwidth_page_init (LcBandwidthPage *self)
{
  self->calls = lc_call_views_new ();
}

/**
 * lc_bandwidth_page_new:
 *
 * Returns: (transfer floating): the checklist's third page
 */
GtkWidget *
lc_bandwidth_page_new (void)
{
  return g_object_new (LC_TYPE_BANDWIDTH_PAGE, "step", LC_STEP_BANDWIDTH, NULL);
}
