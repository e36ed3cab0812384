/* ui-test-utils.c — helpers for the window tests, which run under Xvfb
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-utils.h"

/* Runs the main loop until @condition holds; fails the test after @timeout_ms. */
void
ui_wait_until (UiCondition  condition,
               gpointer     data,
               guint        timeout_ms,
               const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
ui_run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/**
 * ui_find_all:
 *
 * Returns: (transfer container): every widget of @type under @root, @root included
 */
GPtrArray *
ui_find_all (GtkWidget *root,
             GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}

/**
 * ui_visible_text:
 *
 * Returns: (transfer full): the text of every visible label under @root, a line each: what a
 *   person reads there
 */
char *
ui_visible_text (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = ui_find_all (root, GTK_TYPE_LABEL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_is_visible (label))
        g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (label)));
    }
  return g_string_free (text, FALSE);
}

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* Renders what the window shows into a PNG in the build folder, for a person to look at. */
void
ui_save_screenshot (GtkWidget  *window,
                    const char *name)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("LC_SCREENSHOT_DIR");
  graphene_rect_t bounds;
  GdkRGBA background = { 0.98, 0.98, 0.98, 1 };

  ui_wait_until (has_size, window, 5000, "the window to be laid out");
  ui_run_for (300);
  bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                               gtk_widget_get_height (window));

  /* The vfunc draws the window's children but not its CSS background, which the widget
   * machinery adds around it: lay the theme's window colour under them, as a screen would. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (window), "window_bg_color",
                                  &background);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_append_color (snapshot, &background, &bounds);
  GTK_WIDGET_GET_CLASS (window)->snapshot (window, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &bounds);
  path = g_build_filename (dir ? dir : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
not_fatal_without_notifications (const char     *log_domain,
                                 GLogLevelFlags  log_level,
                                 const char     *message,
                                 gpointer        user_data)
{
  /* A run that ends while the window is not the active one (a virtual display has no window
   * manager to say which is) is announced; the test's session bus has no notification
   * service to show it, which GIO warns about. Every other warning stays fatal. */
  return !(g_strcmp0 (log_domain, "GLib-GIO") == 0 && message != NULL &&
           strstr (message, "unable to send notifications") != NULL);
}

/* Call after gtk_test_init(). */
void
ui_allow_no_notification_service (void)
{
  g_test_log_set_fatal_handler (not_fatal_without_notifications, NULL);
}
