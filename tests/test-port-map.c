/* test-port-map.c — the port map: the cairo routine into a PNG (no display), and the widget in a
 * real window with the sub-range under the pointer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#ifdef LC_TEST_WIDGET
#include "lc-port-map.h"
#include "ui-test-utils.h"
#endif
#include "lc-port-map-render.h"

static void
add_span (JsonArray *array,
          gint64     first,
          gint64     last)
{
  JsonArray *pair = json_array_new ();

  json_array_add_int_element (pair, first);
  json_array_add_int_element (pair, last);
  json_array_add_array_element (array, pair);
}

/* The example: ACD's 10000–20000, 15000–15099 blocked; one port and the last too. */
static LcCheckResult *
make_result (void)
{
  LcCheckResult *result = lc_check_result_new ("acd-udp-10000-20000", "firewall", "acd",
                                               "udp-range");
  JsonObject *evidence = lc_check_result_get_evidence (result);
  JsonArray *open = json_array_new ();
  JsonArray *blocked = json_array_new ();

  lc_check_result_set_endpoint (result, "udp", 10000, "10000-20000");
  lc_check_result_set_host (result, "acd.example.net");
  add_span (open, 10000, 14999);
  add_span (open, 15100, 17999);
  add_span (open, 18001, 19999);
  add_span (blocked, 15000, 15099);
  add_span (blocked, 18000, 18000);
  add_span (blocked, 20000, 20000);
  json_object_set_array_member (evidence, "open", open);
  json_object_set_array_member (evidence, "blocked", blocked);
  lc_check_result_fail (result, LC_CAUSE_TIMEOUT, "UDP 15000–15099, 18000 and 20000 blocked");
  return result;
}

#ifndef LC_TEST_WIDGET
static void
assert_pixel (cairo_surface_t *surface,
              int              x,
              int              y,
              gboolean         red)
{
  guint32 *data = (guint32 *)(cairo_image_surface_get_data (surface) +
                              y * cairo_image_surface_get_stride (surface));
  guint32 pixel = data[x];
  guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff;

  if (red)
    g_assert_cmpuint (r, >, g + 100);
  else
    g_assert_cmpuint (g, >, r + 100);
}

static void
test_render_marks_the_blocked_sub_ranges (void)
{
  g_autoptr(LcCheckResult) result = make_result ();
  g_autoptr(LcPortMapModel) model = lc_port_map_model_new_for_result (result);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 80);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *path = g_build_filename (g_getenv ("LC_SCREENSHOT_DIR") ?: ".",
                                            "port-map-render.png", NULL);
  g_autofree char *description = NULL;
  LcPortSpan span;
  gboolean blocked;
  double x;

  g_assert_nonnull (model);
  g_assert_true (model->swept);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  lc_port_map_render (cr, 640, 80, model);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("port map: %s", path);

  /* The strip is green where ports are open, red over 15000–15099 and the single ports. */
  x = 8 + (15050.0 - 10000) / 10001 * (640 - 16);
  assert_pixel (surface, (int)x, 16, TRUE);
  assert_pixel (surface, 100, 16, FALSE);
  assert_pixel (surface, (int)(8 + (18000.5 - 10000) / 10001 * (640 - 16)), 16, TRUE);
  assert_pixel (surface, 640 - 9, 16, TRUE);
  cairo_surface_destroy (surface);

  /* Hit-testing gives the exact sub-range, open or blocked. */
  g_assert_true (lc_port_map_span_at (model, 640, x, &span, &blocked));
  g_assert_true (blocked);
  g_assert_cmpuint (span.first, ==, 15000);
  g_assert_cmpuint (span.last, ==, 15099);
  g_assert_true (lc_port_map_span_at (model, 640, 100, &span, &blocked));
  g_assert_false (blocked);
  g_assert_cmpuint (span.first, ==, 10000);
  g_assert_cmpuint (span.last, ==, 14999);
  g_assert_true (lc_port_map_span_at (model, 640, 8 + (19000.0 - 10000) / 10001 * 624, &span,
                                      &blocked));
  g_assert_false (blocked);
  g_assert_cmpuint (span.first, ==, 18001);
  g_assert_cmpuint (span.last, ==, 19999);
  g_assert_false (lc_port_map_span_at (model, 640, 2, &span, &blocked));

  description = lc_port_map_describe (model);
  g_assert_cmpstr (description, ==,
                   "UDP 10000–20000: 102 of 10001 ports blocked: 15000–15099, 18000 and 20000");
}

#endif

#ifdef LC_TEST_WIDGET
static void
test_widget_tells_the_sub_range_under_the_pointer (void)
{
  g_autoptr(LcCheckResult) result = make_result ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *map = lc_port_map_new ();
  g_autofree char *blocked = NULL;
  g_autofree char *open = NULL;
  double width;

  gtk_window_set_title (GTK_WINDOW (window), "Port map");
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 90);
  gtk_widget_set_margin_start (map, 12);
  gtk_widget_set_margin_end (map, 12);
  gtk_widget_set_margin_top (map, 12);
  gtk_window_set_child (GTK_WINDOW (window), map);
  g_object_set (map, "result", result, NULL);
  g_assert_true (lc_port_map_get_result (LC_PORT_MAP (map)) == result);
  gtk_window_present (GTK_WINDOW (window));
  ui_save_screenshot (window, "port-map-widget.png");

  width = gtk_widget_get_width (map);
  g_assert_cmpfloat (width, >, 200);
  blocked = lc_port_map_dup_readout (LC_PORT_MAP (map),
                                     8 + (15050.0 - 10000) / 10001 * (width - 16));
  open = lc_port_map_dup_readout (LC_PORT_MAP (map), 8 + (12000.0 - 10000) / 10001 * (width - 16));
  g_assert_cmpstr (blocked, ==, "UDP 15000–15099: blocked (100 ports)");
  g_assert_cmpstr (open, ==, "UDP 10000–14999: open (5000 ports)");
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (map)) ==
                 GTK_ACCESSIBLE_ROLE_IMG);

  /* Clearing the result leaves nothing to tell. */
  lc_port_map_set_result (LC_PORT_MAP (map), NULL);
  g_assert_null (lc_port_map_dup_readout (LC_PORT_MAP (map), width / 2));
  gtk_window_destroy (GTK_WINDOW (window));
}
#endif

int
main (int   argc,
      char *argv[])
{
#ifdef LC_TEST_WIDGET
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/port-map/widget-tells-the-sub-range-under-the-pointer",
                   test_widget_tells_the_sub_range_under_the_pointer);
#else
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/port-map/render-marks-the-blocked-sub-ranges",
                   test_render_marks_the_blocked_sub_ranges);
#endif
  return g_test_run ();
}
