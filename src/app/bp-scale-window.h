/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-scale-window.h: the Scale window, which times forward and backward passes on networks of
 * growing size on this computer and plots them with their ratio. */
#pragma once

#include <adwaita.h>

#include "bp-scale-run.h"

G_BEGIN_DECLS

#define BP_TYPE_SCALE_WINDOW (bp_scale_window_get_type ())

G_DECLARE_FINAL_TYPE (BpScaleWindow, bp_scale_window, BP, SCALE_WINDOW, AdwWindow)

/* The choices of the largest network, in parameters. */
#define BP_SCALE_WINDOW_N_CHOICES 4

BpScaleWindow *bp_scale_window_new        (GtkWindow     *parent,
                                           GSettings     *settings);
BpScaleRun    *bp_scale_window_get_run    (BpScaleWindow *self);
guint64        bp_scale_window_get_max_params (BpScaleWindow *self);
void           bp_scale_window_start      (BpScaleWindow *self,
                                           guint64        max_params);
gboolean       bp_scale_window_export     (BpScaleWindow *self,
                                           GFile         *file,
                                           int            width,
                                           int            height,
                                           GError       **error);

G_END_DECLS
