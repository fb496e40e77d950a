/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-math-panel.h: "Watch the math": the chain rule of the selected connection, or the sum
 * and activation of the selected node, in live numbers. What is selected comes from a
 * BpSelectionModel, which the diagram may share. */
#pragma once

#include <gtk/gtk.h>

#include "bp-diagram.h"
#include "bp-network.h"
#include "bp-playback.h"
#include "bp-selection-model.h"

G_BEGIN_DECLS

#define BP_TYPE_MATH_PANEL (bp_math_panel_get_type ())

G_DECLARE_FINAL_TYPE (BpMathPanel, bp_math_panel, BP, MATH_PANEL, GtkWidget)

GtkWidget  *bp_math_panel_new            (void);
BpNetwork  *bp_math_panel_get_network    (BpMathPanel       *self);
void        bp_math_panel_set_network    (BpMathPanel       *self,
                                          BpNetwork         *network);
BpSelectionModel *bp_math_panel_get_selection_model (BpMathPanel *self);
void        bp_math_panel_set_selection_model (BpMathPanel  *self,
                                          BpSelectionModel  *model);
void        bp_math_panel_set_selection  (BpMathPanel       *self,
                                          const BpSelection *selection);
void        bp_math_panel_get_selection  (BpMathPanel       *self,
                                          BpSelection       *selection);
char       *bp_math_panel_describe       (BpMathPanel       *self);
void        bp_math_panel_set_playback   (BpMathPanel       *self,
                                          BpPlayback        *playback);

G_END_DECLS
