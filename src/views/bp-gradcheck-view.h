/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-gradcheck-view.h: "Check": the selected weight's or bias's gradient by backprop beside
 * the slope of finite differences, their relative error, and the plot of the loss around
 * the parameter with backprop's tangent. What is selected comes from a BpSelectionModel,
 * which the diagram and the Math panel share. */
#pragma once

#include <gtk/gtk.h>

#include "bp-network.h"
#include "bp-palette.h"
#include "bp-playback.h"
#include "bp-probe.h"
#include "bp-selection-model.h"

G_BEGIN_DECLS

#define BP_TYPE_GRADCHECK_VIEW (bp_gradcheck_view_get_type ())

G_DECLARE_FINAL_TYPE (BpGradcheckView, bp_gradcheck_view, BP, GRADCHECK_VIEW, GtkWidget)

GtkWidget  *bp_gradcheck_view_new            (void);
void        bp_gradcheck_view_set_network    (BpGradcheckView   *self,
                                              BpNetwork         *network);
void        bp_gradcheck_view_set_selection_model (BpGradcheckView *self,
                                              BpSelectionModel  *model);
void        bp_gradcheck_view_set_playback   (BpGradcheckView   *self,
                                              BpPlayback        *playback);
void        bp_gradcheck_view_set_palette_choice (BpGradcheckView *self,
                                              BpPaletteChoice    choice);
const BpProbe *bp_gradcheck_view_get_probe   (BpGradcheckView   *self);
char       *bp_gradcheck_view_describe       (BpGradcheckView   *self);
gboolean    bp_gradcheck_view_export         (BpGradcheckView   *self,
                                              GFile             *file,
                                              GError           **error);

G_END_DECLS
