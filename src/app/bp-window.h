/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bp-network.h"

G_BEGIN_DECLS

#define BP_TYPE_WINDOW (bp_window_get_type ())

G_DECLARE_FINAL_TYPE (BpWindow, bp_window, BP, WINDOW, AdwApplicationWindow)

BpWindow   *bp_window_new          (GtkApplication *application);
BpNetwork  *bp_window_get_network  (BpWindow       *self);
gboolean    bp_window_open_file    (BpWindow       *self,
                                    GFile          *file,
                                    GError        **error);
gboolean    bp_window_import_points (BpWindow      *self,
                                    GFile          *file,
                                    GError        **error);
void        bp_window_request_open (BpWindow       *self,
                                    GFile          *file);
void        bp_window_restore_state (BpWindow      *self,
                                    GFile          *state_file);
gboolean    bp_window_get_modified (BpWindow       *self);
GFile      *bp_window_get_document (BpWindow       *self);
char       *bp_window_export_name  (const char     *document_name,
                                    const char     *extension);

G_END_DECLS
