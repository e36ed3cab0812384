/* lc-call-views.c — a step's calls on its page: one view per call of the profile, fed by the
 * checklist as the calls go, or by a finished report
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-call-views.h"

struct _LcCallViews
{
  GPtrArray *views;   /* LcCallView, in the profile's order */
};

LcCallViews *
lc_call_views_new (void)
{
  LcCallViews *calls = g_new0 (LcCallViews, 1);

  calls->views = g_ptr_array_new ();
  return calls;
}

void
lc_call_views_free (LcCallViews *calls)
{
  if (calls == NULL)
    return;
  g_ptr_array_unref (calls->views);
  g_free (calls);
}

/* The views belong to the page; the page has removed them. */
void
lc_call_views_clear (LcCallViews *calls)
{
  g_ptr_array_set_size (calls->views, 0);
}

/**
 * lc_call_views_build:
 * @none: what the page says when the profile has no call for @step
 *
 * Adds a view to @page for each of the profile's calls that @step places.
 */
void
lc_call_views_build (LcCallViews  *calls,
                     LcWizardPage *page,
                     LcStep        step,
                     const char   *none)
{
  LcProfile *profile = lc_wizard_page_get_profile (page);

  lc_call_views_clear (calls);
  for (guint i = 0; i < lc_profile_get_n_media (profile); i++)
    {
      const LcMediaEntry *entry = lc_profile_get_media (profile, i);
      GtkWidget *view;

      if (!lc_checklist_entry_is_in_step (entry, step))
        continue;
      view = lc_call_view_new (entry, lc_profile_get_thresholds (profile));
      lc_wizard_page_add_group_widget (page, view);
      g_ptr_array_add (calls->views, view);
    }

  if (calls->views->len == 0)
    {
      GtkWidget *group = lc_wizard_page_add_group (page, NULL, NULL);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), none);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

LcCallView *
lc_call_views_lookup (LcCallViews *calls,
                      const char  *entry_id)
{
  for (guint i = 0; i < calls->views->len; i++)
    {
      LcCallView *view = g_ptr_array_index (calls->views, i);

      if (g_strcmp0 (lc_call_view_get_entry_id (view), entry_id) == 0)
        return view;
    }
  return NULL;
}

guint
lc_call_views_get_n (LcCallViews *calls)
{
  return calls->views->len;
}

LcCallView *
lc_call_views_get (LcCallViews *calls,
                   guint        index)
{
  g_return_val_if_fail (index < calls->views->len, NULL);
  return g_ptr_array_index (calls->views, index);
}

void
lc_call_views_start (LcCallViews *calls,
                     const char  *entry_id)
{
  LcCallView *view = lc_call_views_lookup (calls, entry_id);

  if (view != NULL)
    lc_call_view_start (view);
}

void
lc_call_views_add_sample (LcCallViews   *calls,
                          const char    *entry_id,
                          LcMediaSample *sample)
{
  LcCallView *view = lc_call_views_lookup (calls, entry_id);

  if (view != NULL)
    lc_call_view_add_sample (view, sample);
}

void
lc_call_views_set_result (LcCallViews   *calls,
                          LcMediaResult *result)
{
  LcCallView *view = lc_call_views_lookup (calls, lc_media_result_get_id (result));

  if (view != NULL)
    lc_call_view_set_result (view, result);
}

/**
 * lc_call_views_show_report:
 * @report: (nullable): every result so far; %NULL when a new run begins
 *
 * A call with a result in @report shows it; the others wait (or, while they run, go on).
 */
void
lc_call_views_show_report (LcCallViews *calls,
                           LcReport    *report)
{
  GPtrArray *media = report ? lc_report_get_media (report) : NULL;

  for (guint i = 0; i < calls->views->len; i++)
    {
      LcCallView *view = g_ptr_array_index (calls->views, i);
      LcMediaResult *found = NULL;

      for (guint j = 0; media != NULL && j < media->len; j++)
        if (g_strcmp0 (lc_media_result_get_id (g_ptr_array_index (media, j)),
                       lc_call_view_get_entry_id (view)) == 0)
          found = g_ptr_array_index (media, j);

      if (found != NULL)
        {
          if (lc_call_view_get_result (view) != found)
            lc_call_view_set_result (view, found);
        }
      else if (report == NULL || lc_call_view_get_state (view) == LC_CALL_VIEW_DONE)
        lc_call_view_reset (view);
    }
}
