/* ui-test-utils.h — driving a real window in tests: waiting, finding widgets, screenshots
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*UiCondition) (gpointer data);

void       ui_wait_until      (UiCondition  condition,
                               gpointer     data,
                               guint        timeout_ms,
                               const char  *what);
void       ui_run_for         (guint        ms);
GPtrArray *ui_find_all        (GtkWidget   *root,
                               GType        type);
char      *ui_visible_text    (GtkWidget   *root);
void       ui_save_screenshot (GtkWidget   *window,
                               const char  *name);
void       ui_allow_no_notification_service (void);

G_END_DECLS
