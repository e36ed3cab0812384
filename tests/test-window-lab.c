/* test-window-lab.c — the wizard against the real lab: import its profile, check, read results
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "lab-fixture.h"
#include "lc-application.h"
#include "lc-profile-page.h"
#include "lc-window.h"
#include "ui-test-utils.h"

static LabFixture *lab;
static LcApplication *app;

static gboolean
lab_profile_chosen (gpointer data)
{
  LcProfile *profile = lc_profile_page_get_profile (data);
  return profile != NULL && g_str_equal (lc_profile_get_id (profile), "lab");
}

static gboolean
has_report (gpointer data)
{
  return lc_window_get_report (data) != NULL;
}

static LcWindow *
open_window_on_lab (void)
{
  g_autofree char *path = g_build_filename (lab->dir, "profile.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcWindow *window;
  GtkWidget *profile_page;

  /* As `linecheck PROFILE.json` does. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = LC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 1100);
  profile_page = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (window),
                                                             LC_TYPE_WINDOW, "profile_page");
  ui_wait_until (lab_profile_chosen, profile_page, 10000, "the lab profile to be chosen");
  g_assert_true (lc_profile_page_get_ready (LC_PROFILE_PAGE (profile_page)));
  return window;
}

static void
test_wizard_checks_the_lab_and_shows_every_rule_open (void)
{
  LcWindow *window = open_window_on_lab ();
  GtkWidget *pages = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                 LC_TYPE_WINDOW, "pages");
  g_autofree char *text = NULL;
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.go-to", "i", 1));
  page = gtk_stack_get_visible_child (GTK_STACK (pages));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.run", NULL));
  ui_wait_until (has_report, window, 30000, "the checks to finish");
  ui_run_for (100);

  g_assert_cmpint (lc_report_get_verdict (lc_window_get_report (window)), ==, LC_STATUS_PASS);

  /* The run is kept in the history, like the command line's. */
  {
    g_autoptr(GFile) dir = lc_report_dup_history_dir ();
    g_autofree char *stamp = g_date_time_format (lc_report_get_started (lc_window_get_report (window)),
                                                 "%Y%m%d-%H%M%S");
    g_autofree char *path = g_file_get_path (dir);
    g_autoptr(GDir) listing = NULL;
    const char *name;
    gboolean kept = FALSE;

    ui_run_for (300);
    listing = g_dir_open (path, 0, NULL);
    g_assert_nonnull (listing);
    while ((name = g_dir_read_name (listing)) != NULL)
      kept |= g_str_has_prefix (name, stamp) && g_str_has_suffix (name, "-lab.json");
    g_assert_true (kept);
  }

  text = ui_visible_text (page);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Every Rule Passes"));
  g_assert_nonnull (strstr (text, "answers its info request"));
  g_assert_nonnull (strstr (text, "Open"));
  g_assert_null (strstr (text, "Blocked"));
  ui_save_screenshot (GTK_WIDGET (window), "window-lab-firewall.png");

  /* Step 2: the edges, measured in the same run, the nearest one marked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.go-to", "i", 2));
  page = gtk_stack_get_visible_child (GTK_STACK (pages));
  g_free (text);
  text = ui_visible_text (page);
  if (lab->netns != NULL)
    {
      /* The namespace lab has a near and a far edge (the loopback one, a single edge). */
      g_assert_nonnull (strstr (text, "Nearest"));
      g_assert_nonnull (strstr (text, "Reachable"));
      g_assert_nonnull (strstr (text, "STUN round trip"));
    }
  ui_save_screenshot (GTK_WIDGET (window), "window-lab-edge.png");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

static void
test_wizard_shows_blocked_rules_to_open (void)
{
  LcWindow *window;
  GtkWidget *pages;
  g_autofree char *text = NULL;
  g_autofree char *drop = NULL;
  GtkWidget *page;
  const char *rtc;

  if (lab->netns == NULL)
    {
      g_test_skip ("dropping packets needs the namespace lab (root); CI runs as root");
      return;
    }

  rtc = json_object_get_string_member (json_object_get_object_member (
                                         json_node_get_object (lab->lab), "addresses"), "rtc");
  lab_fixture_nft (lab, "add table inet lcui");
  lab_fixture_nft (lab, "add chain inet lcui input { type filter hook input priority 0 ; }");
  drop = g_strdup_printf ("add rule inet lcui input ip daddr %s tcp dport 443 drop", rtc);
  lab_fixture_nft (lab, drop);

  window = open_window_on_lab ();
  pages = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (window), LC_TYPE_WINDOW,
                                                      "pages");
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.go-to", "i", 1);
  page = gtk_stack_get_visible_child (GTK_STACK (pages));
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.run", NULL);
  ui_wait_until (has_report, window, 30000, "the checks to finish");
  lab_fixture_nft_flush (lab);
  ui_run_for (100);

  text = ui_visible_text (page);
  g_assert_cmpint (lc_report_get_verdict (lc_window_get_report (window)), ==, LC_STATUS_FAIL);
  g_assert_nonnull (strstr (text, "Some Requirements Are Not Met"));
  g_assert_nonnull (strstr (text, "Ask the IT team to open these rules"));
  {
    g_autofree char *rule = g_strdup_printf ("TCP 443 to %s", rtc);
    g_assert_nonnull (strstr (text, rule));
  }
  g_assert_nonnull (strstr (text, "Blocked"));
  ui_save_screenshot (GTK_WIDGET (window), "window-lab-blocked.png");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Screenshots show settled pages, not the middle of a cross-fade. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  lab = lab_fixture_start ();
  app = lc_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));

  g_test_add_func ("/ui/lab/wizard-checks-the-lab-and-shows-every-rule-open",
                   test_wizard_checks_the_lab_and_shows_every_rule_open);
  g_test_add_func ("/ui/lab/wizard-shows-blocked-rules-to-open",
                   test_wizard_shows_blocked_rules_to_open);

  status = g_test_run ();
  g_clear_object (&app);
  lab_fixture_stop (lab);
  return status;
}
