/* lc-step-page.c — shows what a checklist step checks, rule by rule, for the chosen profile
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-step-page.h"

struct _LcStepPage
{
  AdwBin      parent_instance;

  GtkWidget  *page;
  GtkWidget  *intro_group;

  LcStep      step;
  LcProfile  *profile;
  GPtrArray  *groups;   /* AdwPreferencesGroup built for the profile */
};

enum {
  PROP_0,
  PROP_STEP,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LcStepPage, lc_step_page, ADW_TYPE_BIN)

static GtkWidget *
add_group (LcStepPage *self,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  return group;
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle,
         const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static char *
describe_rule (const LcRule *rule)
{
  g_autofree char *ports = lc_rule_format_ports (rule);
  const char *protocol = rule->protocol == LC_PROTOCOL_UDP ? "UDP" : "TCP";

  if (rule->tls && rule->check == LC_CHECK_KIND_TURN)
    /* Translators: e.g. "TCP 443 (TLS)" */
    return g_strdup_printf (_("%s %s (TLS)"), protocol, ports);
  return g_strdup_printf ("%s %s", protocol, ports);
}

static void
build_firewall (LcStepPage *self)
{
  for (guint s = 0; s < lc_profile_get_n_services (self->profile); s++)
    {
      const LcService *service = lc_profile_get_service (self->profile, s);
      GtkWidget *group = NULL;

      for (guint r = 0; r < lc_profile_get_n_rules (self->profile); r++)
        {
          const LcRule *rule = lc_profile_get_rule (self->profile, r);
          g_autofree char *title = NULL;

          if (!g_str_equal (rule->service, service->id))
            continue;

          if (group == NULL)
            {
              /* Translators: a service and its host, e.g. "Video gateway — rtc.example.net" */
              g_autofree char *group_title = g_strdup_printf (_("%s — %s"), service->name,
                                                              service->host ? service->host
                                                                            : _("no host"));
              group = add_group (self, group_title, NULL);
            }

          title = describe_rule (rule);
          add_row (group, title, rule->description,
                   rule->level == LC_RULE_LEVEL_REQUIRED ? _("Required") : _("Recommended"));
        }
    }
}

static void
build_edges (LcStepPage *self)
{
  guint n_edges = lc_profile_get_n_edges (self->profile);
  GtkWidget *group;

  if (n_edges == 0)
    {
      group = add_group (self, _("Edges"), NULL);
      add_row (group, _("This platform has a single region"),
               _("There is no edge to choose: this step has nothing to measure."), NULL);
      return;
    }

  group = add_group (self, _("Edges"),
                     _("Every edge is measured; the nearest one is used for the calls."));
  for (guint i = 0; i < n_edges; i++)
    {
      const LcEdge *edge = lc_profile_get_edge (self->profile, i);
      g_autoptr(GPtrArray) hosts = g_ptr_array_new ();
      g_autofree char *subtitle = NULL;
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, edge->hosts);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (hosts, value);
      g_ptr_array_add (hosts, NULL);
      subtitle = g_strjoinv (", ", (char **)hosts->pdata);
      add_row (group, edge->name, subtitle, NULL);
    }
}

static void
build_bandwidth (LcStepPage *self)
{
  const LcThresholds *t = lc_profile_get_thresholds (self->profile);
  g_autofree char *audio = NULL;
  g_autofree char *video = NULL;
  g_autofree char *rtt = NULL;
  g_autofree char *jitter = NULL;
  g_autofree char *loss = NULL;
  GtkWidget *group;

  /* Translators: bandwidth both ways, e.g. "40 kbps up, 40 kbps down" */
  audio = g_strdup_printf (_("%g kbps up, %g kbps down"), t->audio_kbps, t->audio_kbps);
  video = g_strdup_printf (_("%g kbps up, %g kbps down"), t->video_kbps, t->video_kbps);
  rtt = g_strdup_printf (_("under %g ms"), t->rtt_ms);
  jitter = g_strdup_printf (_("under %g ms"), t->jitter_ms);
  loss = g_strdup_printf (_("under %g %%"), t->loss_percent);

  group = add_group (self, _("Bandwidth"),
                     _("The test calls send at least these rates, so a pass proves them."));
  add_row (group, _("Audio (Opus)"), NULL, audio);
  add_row (group, _("Audio and video (Opus + VP8)"), NULL, video);

  group = add_group (self, _("Quality"),
                     _("The least a path needs for reasonable audio and video."));
  add_row (group, _("Round-trip time"), _("How long a packet takes there and back"), rtt);
  add_row (group, _("Jitter"), _("How much that time varies"), jitter);
  add_row (group, _("Packet loss"), _("Packets that never arrive"), loss);
}

static void
build_recommendations (LcStepPage *self)
{
  GtkWidget *group = add_group (self, _("Best Practices"), NULL);

  add_row (group, _("Use a cable rather than Wi-Fi"),
           _("Wi-Fi adds jitter and loss, most of all in busy offices and far from the router."),
           NULL);
  add_row (group, _("Keep the call off the VPN"),
           _("A VPN adds delay and often blocks UDP; ask IT to let the platform bypass it."),
           NULL);
  add_row (group, _("Open UDP for media"),
           _("Media over UDP is faster than media relayed over TCP or TLS through TURN."), NULL);
  add_row (group, _("Pause large downloads and backups"),
           _("Uploads and downloads on the same line take the bandwidth calls need."), NULL);
  add_row (group, _("Use a headset"),
           _("It avoids echo and lets the other side hear you clearly."), NULL);
}

static const char *
describe_transport (LcTransport transport)
{
  switch (transport)
    {
    case LC_TRANSPORT_UDP: return _("UDP");
    case LC_TRANSPORT_TCP: return _("TCP");
    case LC_TRANSPORT_TLS: return _("TLS");
    default: return NULL;
    }
}

static void
build_end_to_end (LcStepPage *self)
{
  guint n_media = lc_profile_get_n_media (self->profile);
  GtkWidget *group;

  group = add_group (self, _("Test Calls"),
                     _("Real calls through the platform, measured every second."));

  if (n_media == 0)
    {
      add_row (group, _("This profile places no test calls"), NULL, NULL);
      return;
    }

  for (guint i = 0; i < n_media; i++)
    {
      const LcMediaEntry *entry = lc_profile_get_media (self->profile, i);
      gboolean video = g_strv_contains ((const char * const *)entry->codecs, "vp8");
      g_autofree char *duration = g_strdup_printf (_("%u s"), entry->seconds);
      g_autofree char *title = NULL;
      const char *subtitle;

      if (entry->via == LC_MEDIA_VIA_ECHO)
        {
          title = g_strdup (video ? _("Audio and video echo call (Opus + VP8)")
                                  : _("Audio echo call (Opus)"));
          subtitle = entry->relay ? _("Through the video gateway’s echo test, relayed by TURN")
                                  : _("Through the video gateway’s echo test");
        }
      else
        {
          title = g_strdup_printf (_("Call relayed by TURN over %s"),
                                   describe_transport (entry->transport));
          subtitle = _("Proves media gets through when only TURN is reachable");
        }

      add_row (group, title, subtitle, duration);
    }
}

static void
clear_groups (LcStepPage *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->page),
                                 g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static void
rebuild (LcStepPage *self)
{
  clear_groups (self);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->intro_group),
                                   lc_step_get_title (self->step));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->intro_group),
                                         lc_step_get_summary (self->step));

  if (self->profile == NULL)
    return;

  switch (self->step)
    {
    case LC_STEP_FIREWALL: build_firewall (self); break;
    case LC_STEP_EDGE: build_edges (self); break;
    case LC_STEP_BANDWIDTH: build_bandwidth (self); break;
    case LC_STEP_RECOMMENDATIONS: build_recommendations (self); break;
    case LC_STEP_END_TO_END: build_end_to_end (self); break;
    default: g_assert_not_reached ();
    }
}

/**
 * lc_step_page_new:
 *
 * Returns: (transfer floating): a page for @step
 */
GtkWidget *
lc_step_page_new (LcStep step)
{
  return g_object_new (LC_TYPE_STEP_PAGE, "step", step, NULL);
}

LcStep
lc_step_page_get_step (LcStepPage *self)
{
  g_return_val_if_fail (LC_IS_STEP_PAGE (self), 0);
  return self->step;
}

/**
 * lc_step_page_set_profile:
 *
 * Shows what the step checks for @profile.
 */
void
lc_step_page_set_profile (LcStepPage *self,
                          LcProfile  *profile)
{
  g_return_if_fail (LC_IS_STEP_PAGE (self));
  g_return_if_fail (profile == NULL || LC_IS_PROFILE (profile));

  /* The same profile may have new hosts: always rebuild. */
  g_set_object (&self->profile, profile);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
lc_step_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (lc_step_page_parent_class)->constructed (object);
  rebuild (LC_STEP_PAGE (object));
}

static void
lc_step_page_dispose (GObject *object)
{
  LcStepPage *self = LC_STEP_PAGE (object);

  /* AdwBin unparents its child itself; disposing the template too would do it twice. */
  g_clear_object (&self->profile);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_step_page_parent_class)->dispose (object);
}

static void
lc_step_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LcStepPage *self = LC_STEP_PAGE (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_int (value, self->step);
      break;
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_step_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LcStepPage *self = LC_STEP_PAGE (object);

  switch (prop_id)
    {
    case PROP_STEP:
      self->step = g_value_get_int (value);
      break;
    case PROP_PROFILE:
      lc_step_page_set_profile (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_step_page_class_init (LcStepPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lc_step_page_constructed;
  object_class->dispose = lc_step_page_dispose;
  object_class->get_property = lc_step_page_get_property;
  object_class->set_property = lc_step_page_set_property;

  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, 0, LC_N_STEPS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, LC_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/lc-step-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcStepPage, page);
  gtk_widget_class_bind_template_child (widget_class, LcStepPage, intro_group);
}

static void
lc_step_page_init (LcStepPage *self)
{
  self->groups = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
