/* lc-decode-dialog.h — Decode a Code: support types a code read over the phone and reads it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LC_TYPE_DECODE_DIALOG (lc_decode_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LcDecodeDialog, lc_decode_dialog, LC, DECODE_DIALOG, AdwWindow)

LcDecodeDialog *lc_decode_dialog_new      (GtkWindow      *parent);
void            lc_decode_dialog_set_code (LcDecodeDialog *self,
                                           const char     *text);
gboolean        lc_decode_dialog_get_decoded (LcDecodeDialog *self);

G_END_DECLS
