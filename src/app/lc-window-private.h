/* lc-window-private.h — what lc-window.c and lc-window-actions.c share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-checklist.h"
#include "lc-window.h"

G_BEGIN_DECLS

/* Position 0 is the profile page; positions 1…LC_N_STEPS are the checklist's steps. */
#define LC_WINDOW_N_POSITIONS (LC_N_STEPS + 1)

struct _LcWindow
{
  AdwApplicationWindow  parent_instance;

  GtkWidget            *leaflet;
  GtkWidget            *steps_list;
  GtkWidget            *pages;
  GtkWidget            *page_title;
  GtkWidget            *profile_page;
  GtkWidget            *toast_overlay;
  GtkWidget            *run_stack;

  GtkWidget            *rows[LC_WINDOW_N_POSITIONS];
  GtkWidget            *step_pages[LC_N_STEPS];
  LcChecklist          *checklist;
  LcProfile            *checklist_profile;  /* the profile page's object it was made from */
  GCancellable         *cancellable;        /* the window's: cancelled when it closes */
  GCancellable         *run_cancellable;    /* while the checklist runs */
  GFile                *saved;              /* where the last report was kept */
  int                   position;
  gboolean              following;          /* the shown page follows the running step */
  gboolean              start_when_ready;   /* `linecheck --run`: start once the profile is */
  gboolean              exporting;          /* a PDF is being drawn from the report */
};

void  _lc_window_install_actions (GtkWidgetClass *widget_class);
void  _lc_window_update_actions  (LcWindow       *self);
void  _lc_window_go_to           (LcWindow       *self,
                                  int             position,
                                  gboolean        by_person);
void  _lc_window_run             (LcWindow       *self,
                                  int             only_step);
void  _lc_window_toast           (LcWindow       *self,
                                  const char     *message);
void  _lc_window_step_changed    (LcWindow       *self,
                                  int             step);

G_END_DECLS
