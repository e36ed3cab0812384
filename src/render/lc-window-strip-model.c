/* lc-window-strip-model.c — a call's 5-second windows as the strip shows them: verdict, figures
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verdicts are core's (lc_quality_judge over the call's samples), never judged again
 * here; this adds what a strip needs around them: the windows still to come while the call
 * runs, the one the call is in, and the words for each.
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "lc-window-strip-model.h"

typedef struct
{
  LcWindowStripCell  public;
  GStrv              warnings;  /* what core said about this window, translated */
} Cell;

struct _LcWindowStripModel
{
  GObject   parent_instance;

  char     *title;
  double    span_s;
  gboolean  finished;
  GArray   *cells;  /* Cell */
};

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LcWindowStripModel, lc_window_strip_model, G_TYPE_OBJECT)

/* A planned length past this is a damaged profile: the strip would have no room per cell. */
#define MAX_PLANNED_CELLS 720

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_clear_pointer (&cell->warnings, g_strfreev);
}

static void
lc_window_strip_model_finalize (GObject *object)
{
  LcWindowStripModel *self = LC_WINDOW_STRIP_MODEL (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->cells, g_array_unref);

  G_OBJECT_CLASS (lc_window_strip_model_parent_class)->finalize (object);
}

static void
lc_window_strip_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LcWindowStripModel *self = LC_WINDOW_STRIP_MODEL (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_window_strip_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LcWindowStripModel *self = LC_WINDOW_STRIP_MODEL (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      lc_window_strip_model_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_window_strip_model_class_init (LcWindowStripModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lc_window_strip_model_finalize;
  object_class->get_property = lc_window_strip_model_get_property;
  object_class->set_property = lc_window_strip_model_set_property;

  /**
   * LcWindowStripModel:title:
   *
   * What the strip shows ("Audio call: 5-second windows"): its accessible name.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LcWindowStripModel::changed:
   *
   * A verdict, a window or the call's state changed: redraw.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lc_window_strip_model_init (LcWindowStripModel *self)
{
  self->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (self->cells, cell_clear);
}

/**
 * lc_window_strip_model_new:
 * @title: (nullable): what the strip shows, its accessible name
 *
 * Returns: (transfer full): a strip with no windows yet
 */
LcWindowStripModel *
lc_window_strip_model_new (const char *title)
{
  return g_object_new (LC_TYPE_WINDOW_STRIP_MODEL, "title", title, NULL);
}

const char *
lc_window_strip_model_get_title (LcWindowStripModel *self)
{
  g_return_val_if_fail (LC_IS_WINDOW_STRIP_MODEL (self), NULL);

  return self->title;
}

void
lc_window_strip_model_set_title (LcWindowStripModel *self,
                                 const char         *title)
{
  g_return_if_fail (LC_IS_WINDOW_STRIP_MODEL (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static guint
planned_cells (LcWindowStripModel *self)
{
  if (self->finished || self->span_s <= 0.0)
    return 0;

  return (guint)MIN (ceil (self->span_s / LC_QUALITY_WINDOW_S - 1e-9), MAX_PLANNED_CELLS);
}

/* Adds the windows the call has not reached, up to its planned length. */
static void
pad_with_pending (LcWindowStripModel *self)
{
  guint planned = planned_cells (self);

  for (guint k = self->cells->len; k < planned; k++)
    {
      Cell cell = {
        .public = {
          .start_s = k * LC_QUALITY_WINDOW_S,
          .end_s = (k + 1) * LC_QUALITY_WINDOW_S,
          .state = LC_WINDOW_STATE_PENDING,
          .summary = { NAN, NAN, NAN, NAN, NAN, NAN, 0 },
        },
      };

      g_array_append_val (self->cells, cell);
    }
}

/**
 * lc_window_strip_model_set_span:
 * @seconds: the call's planned length; 0 when unknown
 *
 * While the call runs, the strip shows every window of that length, those not reached yet
 * outlined.
 */
void
lc_window_strip_model_set_span (LcWindowStripModel *self,
                                double              seconds)
{
  g_return_if_fail (LC_IS_WINDOW_STRIP_MODEL (self));

  self->span_s = isfinite (seconds) && seconds > 0.0 ? seconds : 0.0;
  pad_with_pending (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * lc_window_strip_model_update:
 * @quality: core's judgement of the call's samples so far
 * @last_t: the time of the latest sample, or `NAN`
 *
 * Takes the windows and their verdicts from @quality. While the call runs, the window holding
 * @last_t is in progress and the planned ones after it pending.
 */
void
lc_window_strip_model_update (LcWindowStripModel *self,
                              LcQuality          *quality,
                              double              last_t)
{
  guint n;

  g_return_if_fail (LC_IS_WINDOW_STRIP_MODEL (self));
  g_return_if_fail (LC_IS_QUALITY (quality));

  g_array_set_size (self->cells, 0);
  n = lc_quality_get_n_windows (quality);
  for (guint k = 0; k < n; k++)
    {
      const LcQualityWindow *window = lc_quality_get_window (quality, k);
      Cell cell = {
        .public = {
          .start_s = window->start_s,
          .end_s = window->end_s,
          .summary = window->summary,
          .elapsed = 1.0,
        },
      };

      switch (window->status)
        {
        case LC_STATUS_FAIL:
        case LC_STATUS_WARN:
          cell.public.state = LC_WINDOW_STATE_FAIL;
          break;
        case LC_STATUS_SKIP:
          cell.public.state = LC_WINDOW_STATE_EMPTY;
          break;
        case LC_STATUS_PASS:
        default:
          cell.public.state = LC_WINDOW_STATE_PASS;
          break;
        }

      if (!self->finished && k == n - 1 && isfinite (last_t))
        {
          cell.public.in_progress = TRUE;
          cell.public.elapsed = CLAMP ((last_t - window->start_s) / LC_QUALITY_WINDOW_S, 0.0, 1.0);
        }

      g_array_append_val (self->cells, cell);
    }

  /* What core said about each window, in one pass over its warnings (a long call has as many
   * as it has windows). */
  for (guint i = 0; i < lc_quality_get_n_warnings (quality); i++)
    {
      const LcQualityWarning *warning = lc_quality_get_warning (quality, i);
      double k = floor (warning->start_s / LC_QUALITY_WINDOW_S);
      Cell *cell;
      guint length;

      if (!isfinite (k) || k < 0 || k >= self->cells->len || warning->message == NULL)
        continue;

      cell = &g_array_index (self->cells, Cell, (guint)k);
      length = cell->warnings != NULL ? g_strv_length (cell->warnings) : 0;
      cell->warnings = g_renew (char *, cell->warnings, length + 2);
      cell->warnings[length] = g_strdup (warning->message);
      cell->warnings[length + 1] = NULL;
    }

  pad_with_pending (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * lc_window_strip_model_finish:
 *
 * The call is over: no window is in progress and none is still to come.
 */
void
lc_window_strip_model_finish (LcWindowStripModel *self)
{
  g_return_if_fail (LC_IS_WINDOW_STRIP_MODEL (self));

  if (self->finished)
    return;

  self->finished = TRUE;
  for (guint i = self->cells->len; i > 0; i--)
    {
      Cell *cell = &g_array_index (self->cells, Cell, i - 1);

      if (cell->public.state == LC_WINDOW_STATE_PENDING)
        {
          g_array_remove_index (self->cells, i - 1);
          continue;
        }
      cell->public.in_progress = FALSE;
      cell->public.elapsed = 1.0;
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
lc_window_strip_model_get_finished (LcWindowStripModel *self)
{
  g_return_val_if_fail (LC_IS_WINDOW_STRIP_MODEL (self), FALSE);

  return self->finished;
}

guint
lc_window_strip_model_get_n_cells (LcWindowStripModel *self)
{
  g_return_val_if_fail (LC_IS_WINDOW_STRIP_MODEL (self), 0);

  return self->cells->len;
}

/**
 * lc_window_strip_model_get_cell:
 *
 * Returns: (transfer none): window @index
 */
const LcWindowStripCell *
lc_window_strip_model_get_cell (LcWindowStripModel *self,
                                guint               index)
{
  g_return_val_if_fail (LC_IS_WINDOW_STRIP_MODEL (self), NULL);
  g_return_val_if_fail (index < self->cells->len, NULL);

  return &g_array_index (self->cells, Cell, index).public;
}

/**
 * lc_window_strip_model_dup_cell_label:
 *
 * Returns: (transfer full): the span of window @index: "5–10 s"
 */
char *
lc_window_strip_model_dup_cell_label (LcWindowStripModel *self,
                                      guint               index)
{
  const LcWindowStripCell *cell;

  g_return_val_if_fail (LC_IS_WINDOW_STRIP_MODEL (self), NULL);
  g_return_val_if_fail (index < self->cells->len, NULL);

  cell = &g_array_index (self->cells, Cell, index).public;
  /* Translators: a span of a call in seconds, from and to: "5–10 s" */
  return g_strdup_printf (_("%.0f–%.0f s"), cell->start_s, cell->end_s);
}

static const char *
state_words (const LcWindowStripCell *cell)
{
  switch (cell->state)
    {
    case LC_WINDOW_STATE_PASS:
      return cell->in_progress ? _("in progress, within the thresholds so far")
                               : _("within the thresholds");
    case LC_WINDOW_STATE_FAIL:
      return cell->in_progress ? _("in progress, a threshold broken") : _("broke a threshold");
    case LC_WINDOW_STATE_EMPTY:
      return _("no measurements");
    case LC_WINDOW_STATE_PENDING:
      return _("still to come");
    default:
      g_assert_not_reached ();
    }
}

static char *
dup_cell_state (LcWindowStripModel *self,
                guint               index)
{
  g_autofree char *label = lc_window_strip_model_dup_cell_label (self, index);

  /* Translators: a window of the call and what it showed: "5–10 s: broke a threshold" */
  return g_strdup_printf (_("%s: %s"), label,
                          state_words (&g_array_index (self->cells, Cell, index).public));
}

static void
append_figure (GString    *text,
               double      value,
               int         digits,
               char       *(*words) (const char *number))
{
  g_autofree char *number = isnan (value) ? NULL : g_strdup_printf ("%.*f", digits, value);
  g_autofree char *phrase = words (number);

  if (text->len > 0)
    g_string_append (text, ", ");
  g_string_append (text, phrase);
}

/* The same words the charts read out, so that a person hears one phrasing for a figure. */
static char *
rtt_words (const char *number)
{
  return number ? g_strdup_printf (_("round trip %s ms"), number)
                : g_strdup (_("round trip not measured"));
}

static char *
jitter_words (const char *number)
{
  return number ? g_strdup_printf (_("jitter %s ms"), number)
                : g_strdup (_("jitter not measured"));
}

static char *
loss_words (const char *number)
{
  return number ? g_strdup_printf (_("loss %s %%"), number)
                : g_strdup (_("loss not measured"));
}

static char *
send_words (const char *number)
{
  return number ? g_strdup_printf (_("%s kbit/s sent"), number)
                : g_strdup (_("sent rate not measured"));
}

static char *
recv_words (const char *number)
{
  return number ? g_strdup_printf (_("%s kbit/s received"), number)
                : g_strdup (_("received rate not measured"));
}

/**
 * lc_window_strip_model_dup_cell_text:
 *
 * Returns: (transfer full): all a person needs about window @index, for its tooltip: its span
 *   and verdict, what broke, and its figures
 */
char *
lc_window_strip_model_dup_cell_text (LcWindowStripModel *self,
                                     guint               index)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) figures = NULL;
  g_autofree char *state = NULL;
  const Cell *cell;
  const LcQualitySummary *s;

  g_return_val_if_fail (LC_IS_WINDOW_STRIP_MODEL (self), NULL);
  g_return_val_if_fail (index < self->cells->len, NULL);

  cell = &g_array_index (self->cells, Cell, index);
  state = dup_cell_state (self, index);
  text = g_string_new (state);

  if (cell->public.state == LC_WINDOW_STATE_PENDING || cell->public.state == LC_WINDOW_STATE_EMPTY)
    return g_strdup (text->str);

  for (guint i = 0; cell->warnings != NULL && cell->warnings[i] != NULL; i++)
    g_string_append_printf (text, "\n%s", cell->warnings[i]);

  s = &cell->public.summary;
  figures = g_string_new (NULL);
  append_figure (figures, s->rtt_ms, 0, rtt_words);
  append_figure (figures, s->jitter_ms, 1, jitter_words);
  append_figure (figures, s->loss_percent, 1, loss_words);
  append_figure (figures, s->send_kbps, 1, send_words);
  append_figure (figures, s->recv_kbps, 1, recv_words);
  g_string_append_printf (text, "\n%s", figures->str);

  if (isfinite (s->mos))
    {
      g_autofree char *mos = g_strdup_printf ("%.1f", s->mos);

      g_string_append_c (text, '\n');
      /* Translators: a mean opinion score and its grade: "MOS 4.4, Excellent" */
      g_string_append_printf (text, _("MOS %s, %s"), mos,
                              lc_quality_grade_get_label (lc_quality_grade (s->mos)));
    }

  return g_strdup (text->str);
}

/**
 * lc_window_strip_model_dup_description:
 *
 * Returns: (transfer full): every window and its verdict in one sentence, for the strip's
 *   accessible description: "0–5 s: within the thresholds; 5–10 s: broke a threshold."
 */
char *
lc_window_strip_model_dup_description (LcWindowStripModel *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (LC_IS_WINDOW_STRIP_MODEL (self), NULL);

  if (self->cells->len == 0)
    return g_strdup (self->finished ? _("No measurements.")
                                    : _("Waiting for the first measurement."));

  for (guint i = 0; i < self->cells->len; i++)
    {
      g_autofree char *state = dup_cell_state (self, i);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, state);
    }
  g_string_append_c (text, '.');

  return g_strdup (text->str);
}
