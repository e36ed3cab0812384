/* lc-upload-row.c — "Send reports to <host>": the person's consent, bound to the send-reports
 * setting (insensitive when an administrator locked it), and where this run's report stands
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-enum-types.h"
#include "lc-upload-row.h"

#define SETTINGS_KEY "send-reports"

struct _LcUploadRow
{
  AdwActionRow    parent_instance;

  GtkWidget      *send_switch;
  GtkWidget      *status_icon;

  GSettings      *settings;
  char           *host;
  LcUploadStatus  status;
  char           *detail;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_HOST,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LcUploadRow, lc_upload_row, ADW_TYPE_ACTION_ROW)

static void
update (LcUploadRow *self)
{
  gboolean writable = self->settings == NULL ||
                      g_settings_is_writable (self->settings, SETTINGS_KEY);
  gboolean on = self->settings != NULL && g_settings_get_boolean (self->settings, SETTINGS_KEY);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *icon = "mail-send-symbolic";
  const char *css = NULL;

  /* Translators: the switch that sends each run's report to the platform's host */
  title = g_strdup_printf (_("Send reports to %s"), self->host ? self->host : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->send_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  switch (self->status)
    {
    case LC_UPLOAD_STATUS_SENDING:
      subtitle = g_strdup (_("Sending this run’s report…"));
      break;
    case LC_UPLOAD_STATUS_SENT:
      /* Translators: %s is the platform's host */
      subtitle = g_strdup_printf (_("This run’s report was sent to %s"), self->host);
      icon = "emblem-ok-symbolic";
      css = "success";
      break;
    case LC_UPLOAD_STATUS_QUEUED:
      /* Translators: %s says why, e.g. "reports.example.net did not answer within 15 s" */
      subtitle = g_strdup_printf (_("Not sent yet: %s. It waits on this computer and is sent "
                                    "when Linecheck starts again"), self->detail);
      icon = "mail-send-receive-symbolic";
      css = "warning";
      break;
    case LC_UPLOAD_STATUS_FAILED:
      /* Translators: %s says why; the report itself is kept in the history */
      subtitle = g_strdup_printf (_("Not sent: %s. The report is still kept on this computer"),
                                  self->detail);
      icon = "dialog-error-symbolic";
      css = "error";
      break;
    case LC_UPLOAD_STATUS_NONE:
    default:
      if (on)
        subtitle = g_strdup (_("After each run, the report goes to the platform, which "
                               "collects them. It never holds a password"));
      else
        subtitle = g_strdup (_("Off: reports stay on this computer"));
      break;
    }

  if (!writable)
    {
      /* Translators: appended to the row's status when a dconf lock fixes the switch */
      g_autofree char *locked = g_strdup_printf (_("%s. Set by your administrator"), subtitle);
      g_free (subtitle);
      subtitle = g_steal_pointer (&locked);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), icon);
  gtk_widget_remove_css_class (self->status_icon, "success");
  gtk_widget_remove_css_class (self->status_icon, "warning");
  gtk_widget_remove_css_class (self->status_icon, "error");
  if (css != NULL)
    gtk_widget_add_css_class (self->status_icon, css);

  /* A locked key: the switch shows the administrator's choice and cannot change it. */
  gtk_widget_set_sensitive (self->send_switch, writable);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), writable);
}

static void
on_setting_changed (LcUploadRow *self)
{
  update (self);
}

static void
set_settings (LcUploadRow *self,
              GSettings   *settings)
{
  if (!g_set_object (&self->settings, settings) || settings == NULL)
    return;

  g_settings_bind (settings, SETTINGS_KEY, self->send_switch, "active",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
  g_signal_connect_object (settings, "changed::" SETTINGS_KEY, G_CALLBACK (on_setting_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "writable-changed::" SETTINGS_KEY,
                           G_CALLBACK (on_setting_changed), self, G_CONNECT_SWAPPED);
}

/**
 * lc_upload_row_set_status:
 * @detail: (nullable): why it was not sent, for %LC_UPLOAD_STATUS_QUEUED and
 *   %LC_UPLOAD_STATUS_FAILED
 */
void
lc_upload_row_set_status (LcUploadRow    *self,
                          LcUploadStatus  status,
                          const char     *detail)
{
  char *copy = g_strdup (detail);

  g_return_if_fail (LC_IS_UPLOAD_ROW (self));

  g_free (self->detail);
  self->detail = copy;
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  update (self);
}

LcUploadStatus
lc_upload_row_get_status (LcUploadRow *self)
{
  g_return_val_if_fail (LC_IS_UPLOAD_ROW (self), LC_UPLOAD_STATUS_NONE);
  return self->status;
}

const char *
lc_upload_row_get_host (LcUploadRow *self)
{
  g_return_val_if_fail (LC_IS_UPLOAD_ROW (self), NULL);
  return self->host;
}

static void
lc_upload_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LcUploadRow *self = LC_UPLOAD_ROW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_upload_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LcUploadRow *self = LC_UPLOAD_ROW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      set_settings (self, g_value_get_object (value));
      update (self);
      break;
    case PROP_HOST:
      g_free (self->host);
      self->host = g_value_dup_string (value);
      update (self);
      break;
    case PROP_STATUS:
      lc_upload_row_set_status (self, g_value_get_enum (value), self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_upload_row_dispose (GObject *object)
{
  LcUploadRow *self = LC_UPLOAD_ROW (object);

  if (self->settings != NULL)
    g_settings_unbind (self->send_switch, "active");
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_UPLOAD_ROW);

  G_OBJECT_CLASS (lc_upload_row_parent_class)->dispose (object);
}

static void
lc_upload_row_finalize (GObject *object)
{
  LcUploadRow *self = LC_UPLOAD_ROW (object);

  g_free (self->host);
  g_free (self->detail);

  G_OBJECT_CLASS (lc_upload_row_parent_class)->finalize (object);
}

static void
lc_upload_row_class_init (LcUploadRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lc_upload_row_get_property;
  object_class->set_property = lc_upload_row_set_property;
  object_class->dispose = lc_upload_row_dispose;
  object_class->finalize = lc_upload_row_finalize;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, LC_TYPE_UPLOAD_STATUS, LC_UPLOAD_STATUS_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/lc-upload-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LcUploadRow, send_switch);
  gtk_widget_class_bind_template_child (widget_class, LcUploadRow, status_icon);
}

static void
lc_upload_row_init (LcUploadRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lc_upload_row_new:
 * @settings: (nullable): the app's settings, holding `send-reports`
 * @host: where the profile's `report_url` sends reports
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
lc_upload_row_new (GSettings  *settings,
                   const char *host)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (LC_TYPE_UPLOAD_ROW, "settings", settings, "host", host, NULL);
}
