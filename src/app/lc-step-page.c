/* lc-step-page.c — shows what a checklist step checks, rule by rule, for the chosen profile
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-report.h"
#include "lc-step-page.h"

struct _LcStepPage
{
  AdwBin      parent_instance;

  GtkWidget  *page;
  GtkWidget  *intro_group;
  GtkWidget  *run_button;

  LcStep      step;
  LcProfile  *profile;
  GPtrArray  *groups;        /* AdwPreferencesGroup built for the profile */
  GHashTable *rows;          /* check id → AdwActionRow */
  GtkWidget  *dns_group;
  GtkWidget  *summary_group;
  char       *rules_text;    /* the rules to open, as text for the clipboard */
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

/* A row whose check can run: a status icon before it, a status word after it. */
static GtkWidget *
add_check_row (LcStepPage *self,
               GtkWidget  *group,
               const char *id,
               const char *title,
               const char *subtitle,
               const char *level)
{
  GtkWidget *row = add_row (group, title, subtitle, level);
  GtkWidget *icon = gtk_image_new_from_icon_name ("content-loading-symbolic");
  GtkWidget *status = gtk_label_new (NULL);

  gtk_widget_set_visible (icon, FALSE);
  gtk_widget_set_visible (status, FALSE);
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "caption-heading");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  g_object_set_data (G_OBJECT (row), "lc-icon", icon);
  g_object_set_data (G_OBJECT (row), "lc-status", status);
  g_object_set_data_full (G_OBJECT (row), "lc-subtitle", g_strdup (subtitle), g_free);
  g_hash_table_insert (self->rows, g_strdup (id), row);
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
          add_check_row (self, group, rule->id, title, rule->description,
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
      {
        g_autofree char *id = g_strconcat ("edge-", edge->id, NULL);
        add_check_row (self, group, id, edge->name, subtitle, NULL);
      }
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
  g_hash_table_remove_all (self->rows);
  self->dns_group = NULL;
  self->summary_group = NULL;
  g_clear_pointer (&self->rules_text, g_free);
}

static const char *
describe_status (LcCheckResult *result)
{
  LcCause cause = lc_check_result_get_cause (result);

  switch (lc_check_result_get_status (result))
    {
    case LC_STATUS_PASS:
      return C_("check status", "Open");
    case LC_STATUS_WARN:
    case LC_STATUS_FAIL:
      if (cause == LC_CAUSE_TIMEOUT || cause == LC_CAUSE_REFUSED || cause == LC_CAUSE_UNREACHABLE)
        return C_("check status", "Blocked");
      if (cause == LC_CAUSE_TLS)
        return _("TLS Problem");
      if (cause == LC_CAUSE_AUTH)
        return _("Wrong Credentials");
      if (cause == LC_CAUSE_DNS)
        return _("Unknown Name");
      return C_("check status", "Problem");
    case LC_STATUS_SKIP:
    default:
      return _("Not Tested");
    }
}

static void
set_status_classes (GtkWidget  *widget,
                    const char *css_class)
{
  static const char * const classes[] = { "success", "warning", "error", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

/**
 * lc_step_page_show_started:
 *
 * Marks a check as running: a spinner in its row.
 */
void
lc_step_page_show_started (LcStepPage    *self,
                           LcCheckResult *result)
{
  GtkWidget *row;
  GtkWidget *icon;

  g_return_if_fail (LC_IS_STEP_PAGE (self));

  row = g_hash_table_lookup (self->rows, lc_check_result_get_id (result));
  if (row == NULL)
    return;

  icon = g_object_get_data (G_OBJECT (row), "lc-icon");
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), "content-loading-symbolic");
  set_status_classes (icon, "dim-label");
  gtk_widget_set_visible (icon, TRUE);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "lc-status"), FALSE);
}

/**
 * lc_step_page_show_result:
 *
 * Shows what a check found in its row: status, words, and the fix as a tooltip. Name
 * resolution results get rows of their own on the firewall page.
 */
void
lc_step_page_show_result (LcStepPage    *self,
                          LcCheckResult *result)
{
  const char *id = lc_check_result_get_id (result);
  const char *detail = lc_check_result_get_detail (result);
  const char *fix = lc_check_result_get_fix (result);
  GtkWidget *row;
  GtkWidget *icon;
  GtkWidget *status;
  const char *icon_name;
  const char *css_class;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (LC_IS_STEP_PAGE (self));

  row = g_hash_table_lookup (self->rows, id);
  if (row == NULL && self->step == LC_STEP_FIREWALL &&
      g_strcmp0 (lc_check_result_get_check (result), "dns") == 0)
    {
      if (self->dns_group == NULL)
        self->dns_group = add_group (self, _("Name Resolution"), NULL);
      row = add_check_row (self, self->dns_group, id, lc_check_result_get_host (result),
                           NULL, NULL);
    }
  if (row == NULL)
    return;

  switch (lc_check_result_get_status (result))
    {
    case LC_STATUS_PASS:
      icon_name = "emblem-ok-symbolic";
      css_class = "success";
      break;
    case LC_STATUS_WARN:
      icon_name = "dialog-warning-symbolic";
      css_class = "warning";
      break;
    case LC_STATUS_FAIL:
      icon_name = "dialog-error-symbolic";
      css_class = "error";
      break;
    case LC_STATUS_SKIP:
    default:
      icon_name = "action-unavailable-symbolic";
      css_class = "dim-label";
      break;
    }

  icon = g_object_get_data (G_OBJECT (row), "lc-icon");
  status = g_object_get_data (G_OBJECT (row), "lc-status");
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  set_status_classes (icon, css_class);
  gtk_widget_set_visible (icon, TRUE);

  /* An edge is not open or blocked: it is the nearest, or one more that answers. */
  if (g_strcmp0 (lc_check_result_get_check (result), "edge") == 0 &&
      lc_check_result_get_status (result) != LC_STATUS_FAIL)
    {
      JsonObject *evidence = lc_check_result_get_evidence (result);
      gboolean chosen = json_object_has_member (evidence, "chosen") &&
                        json_object_get_boolean_member (evidence, "chosen");

      gtk_label_set_text (GTK_LABEL (status), chosen ? C_("edge status", "Nearest")
                                                     : C_("edge status", "Reachable"));
      if (chosen)
        gtk_image_set_from_icon_name (GTK_IMAGE (icon), "starred-symbolic");
    }
  else
    gtk_label_set_text (GTK_LABEL (status), describe_status (result));
  set_status_classes (status, css_class);
  gtk_widget_set_visible (status, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  detail ? detail : "", -1);

  /* The rule's purpose, then what was found, then what to do. */
  if (fix != NULL)
    subtitle = g_strdup_printf ("%s\n%s", detail ? detail : "", fix);
  else
    subtitle = g_strdup (detail);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  gtk_widget_set_tooltip_text (row, g_object_get_data (G_OBJECT (row), "lc-subtitle"));
}

static void
copy_rules (GtkButton  *button,
            LcStepPage *self)
{
  if (self->rules_text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->rules_text);
}

/**
 * lc_step_page_show_report:
 *
 * After a run: the verdict of this step and, on the firewall page, the rules to open, with a
 * button that copies them for IT.
 */
void
lc_step_page_show_report (LcStepPage *self,
                          LcReport   *report)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *copy;
  const char *title;
  const char *description;

  g_return_if_fail (LC_IS_STEP_PAGE (self));

  /* Which edge is the nearest is known only once every edge has answered. */
  if (self->step == LC_STEP_EDGE)
    {
      GPtrArray *checks = lc_report_get_checks (report);

      for (guint i = 0; i < checks->len; i++)
        if (g_strcmp0 (lc_check_result_get_check (g_ptr_array_index (checks, i)), "edge") == 0)
          lc_step_page_show_result (self, g_ptr_array_index (checks, i));
      return;
    }

  if (self->step != LC_STEP_FIREWALL)
    return;

  if (self->summary_group != NULL)
    {
      adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->page),
                                   ADW_PREFERENCES_GROUP (self->summary_group));
      g_ptr_array_remove (self->groups, self->summary_group);
      self->summary_group = NULL;
    }

  rules = lc_report_dup_rules_to_open (report);
  switch (lc_report_get_verdict (report))
    {
    case LC_STATUS_PASS:
      title = _("Every Rule Passes");
      description = _("This network lets the platform’s services through.");
      break;
    case LC_STATUS_WARN:
      title = _("The Requirements Are Met");
      description = _("Some recommendations are not: see the warnings below.");
      break;
    case LC_STATUS_FAIL:
    default:
      title = _("Some Requirements Are Not Met");
      description = rules->len > 0 ? _("Ask the IT team to open these rules on the firewall:")
                                   : _("See the problems below.");
      break;
    }

  /* Built last, then moved to the top, so that it shows before the rules. */
  self->summary_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->summary_group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->summary_group),
                                         description);

  for (guint i = 0; i < rules->len; i++)
    {
      LcRuleToOpen *rule = g_ptr_array_index (rules, i);
      g_autofree char *protocol = g_ascii_strup (rule->protocol, -1);
      /* Translators: a rule to open, e.g. "TCP 8989 to rtc.example.net" */
      g_autofree char *line = g_strdup_printf (_("%s %s to %s"), protocol, rule->ports, rule->host);

      add_row (self->summary_group, line, rule->service_name, NULL);
      g_string_append_printf (text, "%s (%s%s%s)\n", line, rule->service_name,
                              rule->description ? ": " : "",
                              rule->description ? rule->description : "");
    }

  if (rules->len > 0)
    {
      copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_tooltip_text (copy, _("Copy the rules, to send them to IT"));
      g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_rules), self, 0);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->summary_group), copy);
      g_free (self->rules_text);
      self->rules_text = g_string_free (g_steal_pointer (&text), FALSE);
    }

  /* AdwPreferencesPage 1.2 cannot insert at a position: re-add the other groups after it. */
  for (guint i = 0; i < self->groups->len; i++)
    {
      GtkWidget *group = g_ptr_array_index (self->groups, i);

      g_object_ref (group);
      adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page),
                            ADW_PREFERENCES_GROUP (self->summary_group));
  for (guint i = 0; i < self->groups->len; i++)
    {
      GtkWidget *group = g_ptr_array_index (self->groups, i);

      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
      g_object_unref (group);
    }
  g_ptr_array_insert (self->groups, 0, self->summary_group);
}

/**
 * lc_step_page_set_running:
 *
 * Turns the page's Check button into a Cancel button while the checks run.
 */
void
lc_step_page_set_running (LcStepPage *self,
                          gboolean    running)
{
  g_return_if_fail (LC_IS_STEP_PAGE (self));

  gtk_button_set_label (GTK_BUTTON (self->run_button), running ? _("_Cancel") : _("_Check"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button),
                                  running ? "wizard.cancel" : "wizard.run");
  if (running)
    gtk_widget_remove_css_class (self->run_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->run_button, "suggested-action");
}

static void
rebuild (LcStepPage *self)
{
  clear_groups (self);

  gtk_widget_set_visible (self->run_button,
                          self->step == LC_STEP_FIREWALL || self->step == LC_STEP_EDGE);
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
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->rules_text, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, LcStepPage, run_button);
}

static void
lc_step_page_init (LcStepPage *self)
{
  self->groups = g_ptr_array_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}
