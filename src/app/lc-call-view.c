/* lc-call-view.c — one test call on a page: its status, quality in words, figures both ways,
 * its charts, and how it was set up
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-call-charts.h"
#include "lc-call-view.h"
#include "lc-chart.h"
#include "lc-json-reader.h"
#include "lc-window-strip.h"
#include "lc-words.h"

struct _LcCallView
{
  AdwPreferencesGroup parent_instance;

  GtkWidget      *spinner;
  GtkWidget      *status_label;
  GtkWidget      *quality_row;
  GtkWidget      *mos_label;
  GtkWidget      *rates_row;
  GtkWidget      *path_row;
  GtkWidget      *detail_row;
  GtkWidget      *setup_row;
  GtkWidget      *charts_row;
  GtkWidget      *charts_box;

  char           *entry_id;
  char           *title;
  gboolean        video;
  guint           seconds;
  LcCallCharts   *charts;       /* live, or the finished call's */
  GtkWidget      *rate_chart;
  GtkWidget      *delay_chart;
  GtkWidget      *strip;
  LcThresholds    thresholds;
  double          required_kbps;
  GPtrArray      *samples;      /* LcMediaSample, live */
  LcMediaResult  *result;
  GPtrArray      *setup_rows;
  LcCallViewState state;
};

G_DEFINE_FINAL_TYPE (LcCallView, lc_call_view, ADW_TYPE_PREFERENCES_GROUP)

static void
set_status (LcCallView *self,
            const char *text,
            const char *css_class)
{
  static const char * const classes[] = { "success", "warning", "error", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->status_label, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (self->status_label, css_class);
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
}

static void
show_figures (LcCallView    *self,
              LcMediaSample *sample)
{
  g_autofree char *up = lc_words_figure (sample ? sample->send_kbps : NAN, "kbps");
  g_autofree char *down = lc_words_figure (sample ? sample->recv_kbps : NAN, "kbps");
  g_autofree char *rtt = lc_words_figure (sample ? sample->rtt_ms : NAN, "ms");
  g_autofree char *jitter = lc_words_figure (sample ? sample->jitter_ms : NAN, "ms");
  g_autofree char *loss = lc_words_figure (sample ? sample->loss_percent : NAN, "%");
  /* Translators: a call's rates up and down, e.g. "↑ 48.7 kbps sent, ↓ 48.9 kbps received" */
  g_autofree char *rates = g_strdup_printf (_("↑ %s sent, ↓ %s received"), up, down);
  /* Translators: a call's path, e.g. "Round trip 6.0 ms, jitter 0.9 ms, loss 0.0 %" */
  g_autofree char *path = g_strdup_printf (_("Round trip %s, jitter %s, loss %s"), rtt, jitter,
                                           loss);
  g_autofree char *needs = g_strdup_printf (_("At least %.0f kbps each way"), self->required_kbps);
  g_autofree char *limits = g_strdup_printf (_("Under %.0f ms, %.0f ms and %.1f %%"),
                                             self->thresholds.rtt_ms, self->thresholds.jitter_ms,
                                             self->thresholds.loss_percent);

  /* The figures are the rows' titles: they wrap at any width. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rates_row), rates);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->path_row), path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rates_row), needs);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->path_row), limits);
}

static void
clear_setup (LcCallView *self)
{
  for (guint i = 0; i < self->setup_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self->setup_row),
                             g_ptr_array_index (self->setup_rows, i));
  g_ptr_array_set_size (self->setup_rows, 0);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self->setup_row), FALSE);
}

static void
add_setup (LcCallView *self,
           const char *label,
           const char *value)
{
  GtkWidget *row;

  if (value == NULL)
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self->setup_row), row);
  g_ptr_array_add (self->setup_rows, row);
  if (!adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (self->setup_row)))
    {
      /* Enabling it would open it: it stays closed until the person opens it. */
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self->setup_row), TRUE);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->setup_row), FALSE);
    }
}

static char *
dup_ms (JsonObject *evidence,
        const char *member)
{
  double ms = NAN;

  if (!lc_json_read_double (evidence, member, LC_JSON_OPTIONAL, &ms, NULL) || !isfinite (ms))
    return NULL;
  return g_strdup_printf (_("%.0f ms"), ms);
}

static char *
dup_string (JsonObject *evidence,
            const char *member)
{
  const char *text = NULL;

  lc_json_read_string (evidence, member, LC_JSON_OPTIONAL, &text, NULL);
  return g_strdup (text);
}

static char *
dup_candidates (JsonObject *evidence,
                const char *member)
{
  JsonArray *array = NULL;
  GString *text;

  if (!lc_json_read_array (evidence, member, LC_JSON_OPTIONAL, &array, NULL) || array == NULL ||
      json_array_get_length (array) == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (array) && i < 8; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append_printf (text, "%s%s", text->len ? "\n" : "", json_node_get_string (node));
    }
  return g_string_free (text, FALSE);
}

static void
show_setup (LcCallView    *self,
            LcMediaResult *result)
{
  JsonObject *evidence = lc_media_result_get_evidence (result);
  g_autofree char *signalling = dup_ms (evidence, "signalling_ms");
  g_autofree char *ice = dup_ms (evidence, "ice_ms");
  g_autofree char *connect = dup_ms (evidence, "connect_ms");
  g_autofree char *gateway = dup_string (evidence, "gateway");
  g_autofree char *turn = dup_string (evidence, "turn");
  g_autofree char *local = dup_candidates (evidence, "local_candidates");
  g_autofree char *remote = dup_candidates (evidence, "remote_candidates");

  clear_setup (self);
  add_setup (self, _("Signalling (the offer answered)"), signalling);
  add_setup (self, _("ICE (a path found)"), ice);
  add_setup (self, _("DTLS (media secured)"), connect);
  add_setup (self, _("Video gateway"), gateway);
  add_setup (self, _("TURN server"), turn);
  add_setup (self, _("This computer’s candidates"), local);
  add_setup (self, _("The other side’s candidates"), remote);
}

/* The call's charts, drawn from @charts: the same models whether the call runs now or was
 * read back from a report. */
static void
show_charts (LcCallView   *self,
             LcCallCharts *charts)
{
  g_set_object (&self->charts, charts);
  if (self->rate_chart == NULL)
    {
      self->rate_chart = lc_chart_new (lc_call_charts_get_rate (charts));
      self->delay_chart = lc_chart_new (lc_call_charts_get_delay (charts));
      self->strip = lc_window_strip_new (lc_call_charts_get_windows (charts));
      gtk_box_append (GTK_BOX (self->charts_box), self->rate_chart);
      gtk_box_append (GTK_BOX (self->charts_box), self->delay_chart);
      gtk_box_append (GTK_BOX (self->charts_box), self->strip);
    }
  else
    {
      lc_chart_set_model (LC_CHART (self->rate_chart), lc_call_charts_get_rate (charts));
      lc_chart_set_model (LC_CHART (self->delay_chart), lc_call_charts_get_delay (charts));
      lc_window_strip_set_model (LC_WINDOW_STRIP (self->strip),
                                 lc_call_charts_get_windows (charts));
    }
  gtk_widget_set_visible (self->charts_row, TRUE);
}

static void
update_accessible (LcCallView *self)
{
  g_autofree char *label = NULL;

  label = g_strdup_printf ("%s: %s",
                           adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (self)),
                           gtk_label_get_text (GTK_LABEL (self->status_label)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/**
 * lc_call_view_new:
 * @entry: the profile's call
 * @thresholds: what the figures are held against
 *
 * Returns: (transfer floating): a call's view, waiting for its call
 */
GtkWidget *
lc_call_view_new (const LcMediaEntry *entry,
                  const LcThresholds *thresholds)
{
  LcCallView *self = g_object_new (LC_TYPE_CALL_VIEW, NULL);
  g_autofree char *title = lc_words_call_title (entry);
  gboolean video = entry->codecs != NULL &&
                   g_strv_contains ((const char * const *)entry->codecs, "vp8");
  g_autofree char *seconds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second",
                                                           "%u seconds", entry->seconds),
                                              entry->seconds);

  self->entry_id = g_strdup (entry->id);
  self->title = g_strdup (title);
  self->video = video;
  self->seconds = entry->seconds;
  self->thresholds = *thresholds;
  self->required_kbps = video ? thresholds->video_kbps : thresholds->audio_kbps;
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), seconds);
  lc_call_view_reset (self);
  return GTK_WIDGET (self);
}

const char *
lc_call_view_get_entry_id (LcCallView *self)
{
  g_return_val_if_fail (LC_IS_CALL_VIEW (self), NULL);
  return self->entry_id;
}

LcCallViewState
lc_call_view_get_state (LcCallView *self)
{
  g_return_val_if_fail (LC_IS_CALL_VIEW (self), LC_CALL_VIEW_WAITING);
  return self->state;
}

/**
 * lc_call_view_get_samples:
 *
 * Returns: (transfer none) (element-type LcMediaSample): the samples shown
 */
GPtrArray *
lc_call_view_get_samples (LcCallView *self)
{
  g_return_val_if_fail (LC_IS_CALL_VIEW (self), NULL);
  return self->samples;
}

/**
 * lc_call_view_get_charts_box:
 *
 * Returns: (transfer none): where the call's charts go
 */
GtkWidget *
lc_call_view_get_charts_box (LcCallView *self)
{
  g_return_val_if_fail (LC_IS_CALL_VIEW (self), NULL);
  return self->charts_box;
}

/**
 * lc_call_view_get_charts:
 *
 * Returns: (transfer none) (nullable): the charts shown, live or the finished call's
 */
LcCallCharts *
lc_call_view_get_charts (LcCallView *self)
{
  g_return_val_if_fail (LC_IS_CALL_VIEW (self), NULL);
  return self->charts;
}

/**
 * lc_call_view_reset:
 *
 * Back to "not placed yet": a new run begins.
 */
void
lc_call_view_reset (LcCallView *self)
{
  g_return_if_fail (LC_IS_CALL_VIEW (self));

  self->state = LC_CALL_VIEW_WAITING;
  g_ptr_array_set_size (self->samples, 0);
  g_clear_object (&self->result);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
  gtk_widget_set_visible (self->spinner, FALSE);
  set_status (self, C_("call status", "Not placed yet"), "dim-label");
  gtk_label_set_text (GTK_LABEL (self->mos_label), "–");
  gtk_widget_set_visible (self->detail_row, FALSE);
  clear_setup (self);
  show_figures (self, NULL);
  gtk_widget_set_visible (self->charts_row, FALSE);
  g_signal_emit_by_name (self, "changed");
  update_accessible (self);
}

/**
 * lc_call_view_start:
 *
 * The call is being set up: a spinner, and the samples start from nothing.
 */
void
lc_call_view_start (LcCallView *self)
{
  g_return_if_fail (LC_IS_CALL_VIEW (self));

  lc_call_view_reset (self);
  self->state = LC_CALL_VIEW_RUNNING;
  {
    g_autoptr(LcCallCharts) charts = lc_call_charts_new (self->title, &self->thresholds,
                                                         self->video, self->seconds);
    show_charts (self, charts);
  }
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), TRUE);
  set_status (self, C_("call status", "Calling…"), "dim-label");
  update_accessible (self);
}

/**
 * lc_call_view_add_sample:
 *
 * One more second of the call: its figures, and the charts grow by one sample.
 */
void
lc_call_view_add_sample (LcCallView    *self,
                         LcMediaSample *sample)
{
  g_autofree char *status = NULL;

  g_return_if_fail (LC_IS_CALL_VIEW (self));
  g_return_if_fail (sample != NULL);

  g_ptr_array_add (self->samples, lc_media_sample_ref (sample));
  /* Media flows: the live figures and charts say so now; a spinner would only keep the
   * window repainting 60 times a second for the whole call. */
  if (gtk_widget_get_visible (self->spinner))
    {
      gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
      gtk_widget_set_visible (self->spinner, FALSE);
    }
  show_figures (self, sample);
  /* One redraw per sample: the models say they changed, the charts queue a draw. */
  if (self->charts != NULL)
    lc_call_charts_add_sample (self->charts, sample);
  /* Translators: a call under way, e.g. "In the call: 4 s" */
  status = g_strdup_printf (_("In the call: %.0f s"), sample->t);
  set_status (self, status, "dim-label");
  g_signal_emit_by_name (self, "changed");
  update_accessible (self);
}

/**
 * lc_call_view_set_result:
 *
 * The call is over (or could not be placed): what it found, with every sample of it.
 */
void
lc_call_view_set_result (LcCallView    *self,
                         LcMediaResult *result)
{
  LcMediaSample *summary;
  GPtrArray *samples;
  const char *css_class;
  const char *detail;
  double mos;

  g_return_if_fail (LC_IS_CALL_VIEW (self));
  g_return_if_fail (LC_IS_MEDIA_RESULT (result));

  g_set_object (&self->result, result);
  self->state = LC_CALL_VIEW_DONE;
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
  gtk_widget_set_visible (self->spinner, FALSE);

  /* The result's samples are the call's own: a report reopened draws as the live one did. */
  samples = lc_media_result_get_samples (result);
  g_ptr_array_set_size (self->samples, 0);
  for (guint i = 0; i < samples->len; i++)
    g_ptr_array_add (self->samples, lc_media_sample_ref (g_ptr_array_index (samples, i)));

  switch (lc_media_result_get_status (result))
    {
    case LC_MEDIA_STATUS_PASS: css_class = "success"; break;
    case LC_MEDIA_STATUS_WARN: css_class = "warning"; break;
    case LC_MEDIA_STATUS_FAIL:
    case LC_MEDIA_STATUS_INTERRUPTED: css_class = "error"; break;
    case LC_MEDIA_STATUS_SKIP:
    default: css_class = "dim-label"; break;
    }
  set_status (self, lc_words_media_status (result), css_class);

  mos = lc_media_result_get_mos (result);
  {
    g_autofree char *words = isfinite (mos) ? lc_words_mos (mos) : g_strdup ("–");
    gtk_label_set_text (GTK_LABEL (self->mos_label), words);
  }

  summary = lc_media_result_get_summary (result);
  show_figures (self, summary);

  /* A call that passed says it all with its figures; any other gets its words. */
  detail = lc_media_result_get_detail (result);
  gtk_widget_set_visible (self->detail_row,
                          detail != NULL && *detail != '\0' &&
                          lc_media_result_get_status (result) != LC_MEDIA_STATUS_PASS);
  if (detail != NULL)
    {
      const char *fix = lc_media_result_get_fix (result);
      g_autofree char *text = fix ? g_strdup_printf ("%s\n%s", detail, fix) : g_strdup (detail);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->detail_row), text);
    }

  show_setup (self, result);
  if (samples->len > 0)
    {
      g_autoptr(LcCallCharts) charts = lc_call_charts_new_for_result (result, &self->thresholds,
                                                                      self->title);
      show_charts (self, charts);
    }
  else
    gtk_widget_set_visible (self->charts_row, FALSE);
  g_signal_emit_by_name (self, "changed");
  update_accessible (self);
}

/**
 * lc_call_view_get_result:
 *
 * Returns: (transfer none) (nullable): the call's result, once it is over
 */
LcMediaResult *
lc_call_view_get_result (LcCallView *self)
{
  g_return_val_if_fail (LC_IS_CALL_VIEW (self), NULL);
  return self->result;
}

static void
lc_call_view_dispose (GObject *object)
{
  LcCallView *self = LC_CALL_VIEW (object);

  g_clear_object (&self->result);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->setup_rows, g_ptr_array_unref);
  g_clear_pointer (&self->entry_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->charts);

  G_OBJECT_CLASS (lc_call_view_parent_class)->dispose (object);
}

static void
lc_call_view_class_init (LcCallViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_call_view_dispose;

  /**
   * LcCallView::changed:
   *
   * The samples or the result changed: the charts redraw from lc_call_view_get_samples().
   */
  g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/lc-call-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LcCallView, spinner);
  gtk_widget_class_bind_template_child (widget_class, LcCallView, status_label);
  gtk_widget_class_bind_template_child (widget_class, LcCallView, quality_row);
  gtk_widget_class_bind_template_child (widget_class, LcCallView, mos_label);
  gtk_widget_class_bind_template_child (widget_class, LcCallView, rates_row);
  gtk_widget_class_bind_template_child (widget_class, LcCallView, path_row);
  gtk_widget_class_bind_template_child (widget_class, LcCallView, detail_row);
  gtk_widget_class_bind_template_child (widget_class, LcCallView, setup_row);
  gtk_widget_class_bind_template_child (widget_class, LcCallView, charts_row);
  gtk_widget_class_bind_template_child (widget_class, LcCallView, charts_box);
}

static void
lc_call_view_init (LcCallView *self)
{
  self->samples = g_ptr_array_new_with_free_func ((GDestroyNotify)lc_media_sample_unref);
  self->setup_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
