/* lc-profile-page.c — chooses the profile and asks for the hosts it leaves open
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "lc-profile-page.h"

struct _LcProfilePage
{
  AdwBin             parent_instance;

  GtkWidget         *profiles_group;
  GtkWidget         *hosts_group;
  GtkWidget         *credentials_group;
  GtkWidget         *turn_username_row;
  GtkWidget         *turn_password_row;

  LcProfileCatalog  *catalog;
  GSettings         *settings;
  GCancellable      *cancellable;
  LcProfile         *profile;
  char              *selected;      /* profile id, or the path of an imported file */
  GPtrArray         *profile_rows;  /* AdwActionRow, with "lc-source" data */
  GPtrArray         *host_rows;     /* AdwEntryRow, with "lc-service" data */
  GPtrArray         *host_icons;    /* the warning beside each, in the same order */
  GtkWidget         *radio_group;
  GtkFileChooserNative *chooser;
  GCancellable      *import_cancellable;
  char              *wanted;        /* a profile id asked for before the list was read */
  gboolean           importing;
  gboolean           ready;
  gboolean           scanned;
};

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_READY,
  N_PROPS
};

enum {
  PROBLEM,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LcProfilePage, lc_profile_page, ADW_TYPE_BIN)

static void select_source (LcProfilePage *self,
                           const char    *source);

static void
set_ready (LcProfilePage *self,
           gboolean       ready)
{
  if (self->ready == ready)
    return;

  self->ready = ready;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
update_ready (LcProfilePage *self)
{
  gboolean ready = self->profile != NULL;

  for (guint i = 0; ready && i < self->host_rows->len; i++)
    {
      GtkEditable *row = g_ptr_array_index (self->host_rows, i);
      ready = lc_host_is_valid (gtk_editable_get_text (row));
    }

  set_ready (self, ready);
}

static char *
host_key (LcProfilePage *self,
          const char    *service_id)
{
  return g_strdup_printf ("%s/%s", lc_profile_get_id (self->profile), service_id);
}

static char *
lookup_saved_host (LcProfilePage *self,
                   const char    *service_id)
{
  g_autoptr(GVariant) hosts = NULL;
  g_autofree char *key = NULL;
  char *host = NULL;

  if (self->settings == NULL)
    return NULL;

  hosts = g_settings_get_value (self->settings, "hosts");
  key = host_key (self, service_id);
  g_variant_lookup (hosts, key, "s", &host);
  return host;
}

static void
on_host_changed (LcProfilePage *self,
                 GtkEditable   *row)
{
  const char *service_id = g_object_get_data (G_OBJECT (row), "lc-service");
  const char *text = gtk_editable_get_text (row);
  g_autofree char *host = g_strstrip (g_strdup (text));
  g_autofree char *problem = *host != '\0' ? lc_host_describe_problem (host) : NULL;
  guint index = 0;
  GtkWidget *icon = NULL;

  if (g_ptr_array_find (self->host_rows, row, &index) && index < self->host_icons->len)
    icon = g_ptr_array_index (self->host_icons, index);

  /* A bad name says why, beside it and to a screen reader. */
  if (problem == NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  if (icon != NULL)
    {
      gtk_widget_set_visible (icon, problem != NULL);
      gtk_widget_set_tooltip_text (icon, problem);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem ? problem : "", -1);

  if (self->profile != NULL && lc_host_is_valid (host))
    lc_profile_set_host (self->profile, service_id, host, NULL);

  update_ready (self);
}

static void
on_credentials_changed (LcProfilePage *self)
{
  const char *username;
  const char *password;

  if (self->profile == NULL)
    return;

  username = gtk_editable_get_text (GTK_EDITABLE (self->turn_username_row));
  password = gtk_editable_get_text (GTK_EDITABLE (self->turn_password_row));
  lc_profile_set_ice_credentials (self->profile,
                                  *username ? username : NULL,
                                  *password ? password : NULL);
}

static void
clear_host_rows (LcProfilePage *self)
{
  for (guint i = 0; i < self->host_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->hosts_group),
                                  g_ptr_array_index (self->host_rows, i));
  g_ptr_array_set_size (self->host_rows, 0);
  g_ptr_array_set_size (self->host_icons, 0);
}

static void
build_host_rows (LcProfilePage *self)
{
  g_autoptr(GPtrArray) missing = lc_profile_dup_missing_hosts (self->profile);
  const LcService *ice = lc_profile_lookup_service (self->profile, "ice");
  gboolean asks_credentials = ice != NULL && ice->username == NULL;

  clear_host_rows (self);

  for (guint i = 0; i < missing->len; i++)
    {
      const char *service_id = g_ptr_array_index (missing, i);
      const LcService *service = lc_profile_lookup_service (self->profile, service_id);
      g_autofree char *saved = lookup_saved_host (self, service_id);
      /* Translators: a service and its id, e.g. "Video gateway (rtc)" */
      g_autofree char *title = g_strdup_printf (_("%s (%s)"), service->name, service_id);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_tooltip_text (row, _("A host name or IP address, like rtc.example.net"));
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);
      g_object_set_data_full (G_OBJECT (row), "lc-service", g_strdup (service_id), g_free);
      if (saved != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row), saved);
      g_signal_connect_object (row, "changed", G_CALLBACK (on_host_changed), self,
                               G_CONNECT_SWAPPED);
      {
        GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

        gtk_widget_add_css_class (icon, "error");
        gtk_widget_set_visible (icon, FALSE);
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), icon);
        g_ptr_array_add (self->host_icons, icon);
      }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->hosts_group), row);
      g_ptr_array_add (self->host_rows, row);

      if (saved != NULL)
        on_host_changed (self, GTK_EDITABLE (row));
    }

  gtk_widget_set_visible (self->hosts_group, missing->len > 0);
  gtk_widget_set_visible (self->credentials_group, asks_credentials);
  if (asks_credentials)
    on_credentials_changed (self);
}

static void
on_profile_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LcProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = NULL;

  profile = lc_profile_catalog_load_finish (LC_PROFILE_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (profile == NULL)
    {
      g_signal_emit (self, signals[PROBLEM], 0, error->message);
      return;
    }

  g_set_object (&self->profile, profile);
  build_host_rows (self);
  update_ready (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
select_source (LcProfilePage *self,
               const char    *source)
{
  g_free (self->selected);
  self->selected = g_strdup (source);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_object (&self->profile);
  clear_host_rows (self);
  update_ready (self);
  lc_profile_catalog_load_async (self->catalog, source, self->cancellable,
                                 on_profile_loaded, g_object_ref (self));
}

static void
on_radio_toggled (LcProfilePage  *self,
                  GtkCheckButton *button)
{
  const char *source = g_object_get_data (G_OBJECT (button), "lc-source");

  if (gtk_check_button_get_active (button) && g_strcmp0 (source, self->selected) != 0)
    select_source (self, source);
}

static GtkWidget *
add_profile_row (LcProfilePage *self,
                 const char    *title,
                 const char    *subtitle,
                 const char    *source)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *radio = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  gtk_widget_set_valign (radio, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (radio), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  if (self->radio_group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), GTK_CHECK_BUTTON (self->radio_group));
  else
    self->radio_group = radio;

  g_object_set_data_full (G_OBJECT (radio), "lc-source", g_strdup (source), g_free);
  g_signal_connect_object (radio, "toggled", G_CALLBACK (on_radio_toggled), self,
                           G_CONNECT_SWAPPED);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), radio);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), radio);
  g_object_set_data (G_OBJECT (row), "lc-radio", radio);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->profiles_group), row);
  g_ptr_array_add (self->profile_rows, row);
  return row;
}

static void
activate_row (GtkWidget *row)
{
  GtkWidget *radio = g_object_get_data (G_OBJECT (row), "lc-radio");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (radio), TRUE);
}

static void
on_scanned (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LcProfilePage) self = user_data;
  LcProfileCatalog *catalog = LC_PROFILE_CATALOG (object);
  const char * const *problems;
  g_autofree char *wanted = NULL;
  GtkWidget *chosen = NULL;
  gboolean wanted_by_name = self->wanted != NULL;
  gboolean found = FALSE;

  if (!lc_profile_catalog_scan_finish (catalog, result, NULL))
    return;

  self->scanned = TRUE;
  if (self->wanted != NULL)
    wanted = g_steal_pointer (&self->wanted);
  else
    wanted = self->settings ? g_settings_get_string (self->settings, "last-profile")
                            : g_strdup ("cpaas-agent");

  for (guint i = 0; i < lc_profile_catalog_get_n_profiles (catalog); i++)
    {
      LcProfile *profile = lc_profile_catalog_get_profile (catalog, i);
      GtkWidget *row = add_profile_row (self, lc_profile_get_name (profile),
                                        lc_profile_get_description (profile),
                                        lc_profile_get_id (profile));

      if (chosen == NULL || g_strcmp0 (lc_profile_get_id (profile), wanted) == 0)
        chosen = row;
      if (g_strcmp0 (lc_profile_get_id (profile), wanted) == 0)
        found = TRUE;
    }

  if (!found && wanted_by_name)
    {
      g_autofree char *message = g_strdup_printf (_("There is no profile “%s”: the one chosen "
                                                    "last is shown instead"), wanted);
      g_signal_emit (self, signals[PROBLEM], 0, message);
    }

  problems = lc_profile_catalog_get_problems (catalog);
  if (problems[0] != NULL)
    {
      guint n = g_strv_length ((char **)problems);
      g_autofree char *message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u profile file was skipped: %s",
                     "%u profile files were skipped; the first: %s", n),
        n, problems[0]);
      g_signal_emit (self, signals[PROBLEM], 0, message);
    }

  /* A profile being imported (`linecheck FILE.json`) wins over the remembered one. */
  if (chosen != NULL && self->selected == NULL && !self->importing)
    activate_row (chosen);
}

static void
on_import_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LcProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  GtkWidget *row;

  profile = lc_profile_catalog_load_finish (LC_PROFILE_CATALOG (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->importing = FALSE;

  /* A refused file changes nothing: the profile chosen before stays (or, if none was yet,
   * the one chosen last time). */
  if (profile == NULL)
    {
      g_signal_emit (self, signals[PROBLEM], 0, error->message);
      if (self->selected == NULL && self->profile_rows->len > 0)
        activate_row (g_ptr_array_index (self->profile_rows, 0));
      return;
    }

  path = g_file_get_path (lc_profile_get_file (profile));
  name = g_file_get_basename (lc_profile_get_file (profile));

  /* Chosen before the radio toggles, so that the toggle does not read the file again. */
  g_free (self->selected);
  self->selected = g_strdup (path);
  g_set_object (&self->profile, profile);
  build_host_rows (self);
  update_ready (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);

  row = add_profile_row (self, lc_profile_get_name (profile), name, path);
  activate_row (row);
}

/**
 * lc_profile_page_import_file:
 *
 * Reads a profile file (one the platform gave), adds it to the list and chooses it. An invalid
 * file is refused with the "problem" signal saying where it is wrong, and changes nothing.
 */
void
lc_profile_page_import_file (LcProfilePage *self,
                             GFile         *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LC_IS_PROFILE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_signal_emit (self, signals[PROBLEM], 0, _("Only local files can be imported"));
      return;
    }

  for (guint i = 0; i < self->profile_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->profile_rows, i);
      GtkWidget *radio = g_object_get_data (G_OBJECT (row), "lc-radio");

      if (g_strcmp0 (g_object_get_data (G_OBJECT (radio), "lc-source"), path) == 0)
        {
          activate_row (row);
          return;
        }
    }

  /* Its own cancellable: choosing another row meanwhile must not cancel the import. */
  self->importing = TRUE;
  lc_profile_catalog_load_async (self->catalog, path, self->import_cancellable,
                                 on_import_loaded, g_object_ref (self));
}

static void
on_chooser_response (LcProfilePage        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        lc_profile_page_import_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
import_profile (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LcProfilePage *self = LC_PROFILE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  /* GtkFileDialog is GTK 4.10; Debian 12 has 4.8. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  self->chooser = gtk_file_chooser_native_new (_("Import a Profile"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Linecheck profiles (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/**
 * lc_profile_page_choose:
 * @id_or_file: a profile id, or a profile file (anything with a slash or ending in .json)
 *
 * Chooses that profile, as `linecheck ID|FILE` asks; an unknown id says so.
 */
void
lc_profile_page_choose (LcProfilePage *self,
                        const char    *id_or_file)
{
  g_return_if_fail (LC_IS_PROFILE_PAGE (self));
  g_return_if_fail (id_or_file != NULL);

  if (strchr (id_or_file, '/') != NULL || g_str_has_suffix (id_or_file, ".json"))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (id_or_file);

      lc_profile_page_import_file (self, file);
      return;
    }

  if (!self->scanned)
    {
      g_free (self->wanted);
      self->wanted = g_strdup (id_or_file);
      return;
    }

  for (guint i = 0; i < self->profile_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->profile_rows, i);
      GtkWidget *radio = g_object_get_data (G_OBJECT (row), "lc-radio");

      if (g_strcmp0 (g_object_get_data (G_OBJECT (radio), "lc-source"), id_or_file) == 0)
        {
          activate_row (row);
          return;
        }
    }

  {
    g_autofree char *message = g_strdup_printf (_("There is no profile “%s”"), id_or_file);
    g_signal_emit (self, signals[PROBLEM], 0, message);
  }
}

/**
 * lc_profile_page_save:
 *
 * Remembers the chosen profile and the hosts typed for it. Passwords are never saved.
 */
void
lc_profile_page_save (LcProfilePage *self)
{
  g_autoptr(GVariant) old_hosts = NULL;
  g_autoptr(GVariantDict) dict = NULL;

  g_return_if_fail (LC_IS_PROFILE_PAGE (self));

  if (self->settings == NULL || self->profile == NULL)
    return;

  g_settings_set_string (self->settings, "last-profile", lc_profile_get_id (self->profile));

  old_hosts = g_settings_get_value (self->settings, "hosts");
  dict = g_variant_dict_new (old_hosts);
  for (guint i = 0; i < self->host_rows->len; i++)
    {
      GtkEditable *row = g_ptr_array_index (self->host_rows, i);
      g_autofree char *key = host_key (self, g_object_get_data (G_OBJECT (row), "lc-service"));
      g_autofree char *host = g_strstrip (g_strdup (gtk_editable_get_text (row)));

      g_variant_dict_insert (dict, key, "s", host);
    }
  g_settings_set_value (self->settings, "hosts", g_variant_dict_end (dict));
}

/**
 * lc_profile_page_set_settings:
 *
 * Gives the page the settings where the last profile and hosts are kept, and starts reading
 * the profiles.
 */
void
lc_profile_page_set_settings (LcProfilePage *self,
                              GSettings     *settings)
{
  g_return_if_fail (LC_IS_PROFILE_PAGE (self));

  g_set_object (&self->settings, settings);
}

/**
 * lc_profile_page_get_profile:
 *
 * Returns: (transfer none) (nullable): the chosen profile, with the hosts typed so far
 */
LcProfile *
lc_profile_page_get_profile (LcProfilePage *self)
{
  g_return_val_if_fail (LC_IS_PROFILE_PAGE (self), NULL);
  return self->profile;
}

/**
 * lc_profile_page_get_ready:
 *
 * Returns: %TRUE once a profile is chosen and every host it needs is given
 */
gboolean
lc_profile_page_get_ready (LcProfilePage *self)
{
  g_return_val_if_fail (LC_IS_PROFILE_PAGE (self), FALSE);
  return self->ready;
}

static void
lc_profile_page_map (GtkWidget *widget)
{
  LcProfilePage *self = LC_PROFILE_PAGE (widget);

  GTK_WIDGET_CLASS (lc_profile_page_parent_class)->map (widget);

  /* Settings arrive after construction; reading the profiles waits until they may have. */
  if (!self->scanned && self->profile_rows->len == 0)
    {
      self->scanned = TRUE;
      lc_profile_catalog_scan_async (self->catalog, NULL, on_scanned,
                                     g_object_ref (self));
    }
}

static void
lc_profile_page_dispose (GObject *object)
{
  LcProfilePage *self = LC_PROFILE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->import_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* AdwBin unparents its child itself; disposing the template too would do it twice. */

  G_OBJECT_CLASS (lc_profile_page_parent_class)->dispose (object);
}

static void
lc_profile_page_finalize (GObject *object)
{
  LcProfilePage *self = LC_PROFILE_PAGE (object);

  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->wanted, g_free);
  g_clear_pointer (&self->profile_rows, g_ptr_array_unref);
  g_clear_pointer (&self->host_rows, g_ptr_array_unref);
  g_clear_pointer (&self->host_icons, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_profile_page_parent_class)->finalize (object);
}

static void
lc_profile_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LcProfilePage *self = LC_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_profile_page_class_init (LcProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_profile_page_dispose;
  object_class->finalize = lc_profile_page_finalize;
  object_class->get_property = lc_profile_page_get_property;
  widget_class->map = lc_profile_page_map;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, LC_TYPE_PROFILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LcProfilePage::problem:
   * @message: what went wrong, in words for the person
   */
  signals[PROBLEM] = g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/lc-profile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcProfilePage, profiles_group);
  gtk_widget_class_bind_template_child (widget_class, LcProfilePage, hosts_group);
  gtk_widget_class_bind_template_child (widget_class, LcProfilePage, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, LcProfilePage, turn_username_row);
  gtk_widget_class_bind_template_child (widget_class, LcProfilePage, turn_password_row);
  gtk_widget_class_bind_template_callback (widget_class, on_credentials_changed);

  gtk_widget_class_install_action (widget_class, "profile.import", NULL, import_profile);
}

static void
lc_profile_page_init (LcProfilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->catalog = lc_profile_catalog_new ();
  self->cancellable = g_cancellable_new ();
  self->import_cancellable = g_cancellable_new ();
  self->profile_rows = g_ptr_array_new ();
  self->host_rows = g_ptr_array_new ();
  self->host_icons = g_ptr_array_new ();
}
