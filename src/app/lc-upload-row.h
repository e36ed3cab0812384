/* lc-upload-row.h — the switch that sends reports to the platform, and where the last one stands
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lc-types.h"

G_BEGIN_DECLS

#define LC_TYPE_UPLOAD_ROW (lc_upload_row_get_type ())

G_DECLARE_FINAL_TYPE (LcUploadRow, lc_upload_row, LC, UPLOAD_ROW, AdwActionRow)

GtkWidget      *lc_upload_row_new        (GSettings      *settings,
                                          const char     *host);
const char     *lc_upload_row_get_host   (LcUploadRow    *self);
LcUploadStatus  lc_upload_row_get_status (LcUploadRow    *self);
void            lc_upload_row_set_status (LcUploadRow    *self,
                                          LcUploadStatus  status,
                                          const char     *detail);

G_END_DECLS
