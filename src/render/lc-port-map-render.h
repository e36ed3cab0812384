/* lc-port-map-render.h — a UDP range drawn as a strip, its blocked sub-ranges marked and labelled
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lc-check-result.h"
#include "lc-range-sweep.h"

G_BEGIN_DECLS

/**
 * LcPortMapModel:
 * @first: the range's first port
 * @last: its last port
 * @blocked: (element-type LcPortSpan): the blocked sub-ranges, in order, within the range
 * @swept: %FALSE when the range could not be swept: drawn as unknown, not as open
 * @foreground: RGBA of the text and the frame, so that the window's style (or the PDF's) rules
 */
typedef struct
{
  guint16  first;
  guint16  last;
  GArray  *blocked;
  gboolean swept;
  double   foreground[4];
} LcPortMapModel;

/* The strip's height, and the room its labels take below it, in the units of the cairo_t. */
#define LC_PORT_MAP_STRIP_HEIGHT 24.0
#define LC_PORT_MAP_HEIGHT 64.0

LcPortMapModel *lc_port_map_model_new_for_result (LcCheckResult        *result);
void            lc_port_map_model_free           (LcPortMapModel       *model);

void            lc_port_map_render               (cairo_t              *cr,
                                                  double                width,
                                                  double                height,
                                                  const LcPortMapModel *model);
gboolean        lc_port_map_span_at              (const LcPortMapModel *model,
                                                  double                width,
                                                  double                x,
                                                  LcPortSpan           *span,
                                                  gboolean             *blocked);
char           *lc_port_map_describe             (const LcPortMapModel *model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcPortMapModel, lc_port_map_model_free)

G_END_DECLS
