/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram.h: the diagram widget: the network drawn by bp-diagram-frame.h's plain function,
 * with hover, selection (held by a BpSelectionModel it may share with other views), keyboard
 * navigation and the animation of a step. */
#pragma once

#include <gtk/gtk.h>

#include "bp-diagram-frame.h"
#include "bp-network.h"
#include "bp-playback.h"
#include "bp-selection-model.h"

G_BEGIN_DECLS

gboolean      bp_diagram_selection_move    (const BpNet          *net,
                                            BpSelection          *selection,
                                            guint                 keyval,
                                            GdkModifierType       state);

#define BP_TYPE_DIAGRAM (bp_diagram_get_type ())

G_DECLARE_FINAL_TYPE (BpDiagram, bp_diagram, BP, DIAGRAM, GtkWidget)

GtkWidget    *bp_diagram_new               (void);
BpNetwork    *bp_diagram_get_network       (BpDiagram            *self);
void          bp_diagram_set_network       (BpDiagram            *self,
                                            BpNetwork            *network);
BpSelectionModel *bp_diagram_get_selection_model (BpDiagram   *self);
void          bp_diagram_set_selection_model (BpDiagram          *self,
                                            BpSelectionModel     *model);
double        bp_diagram_get_zoom          (BpDiagram            *self);
void          bp_diagram_set_zoom          (BpDiagram            *self,
                                            double                zoom);
void          bp_diagram_set_palette_choice (BpDiagram           *self,
                                            BpPaletteChoice       choice);
void          bp_diagram_get_selection     (BpDiagram            *self,
                                            BpSelection          *selection);
void          bp_diagram_set_selection     (BpDiagram            *self,
                                            const BpSelection    *selection);
BpPlayback   *bp_diagram_get_playback      (BpDiagram            *self);
void          bp_diagram_set_playback      (BpDiagram            *self,
                                            BpPlayback           *playback);
char         *bp_diagram_dup_description   (BpDiagram            *self);
void          bp_diagram_set_conceal_gradients (BpDiagram        *self,
                                                gboolean          conceal);
void          bp_diagram_set_heatmap_func  (BpDiagram            *self,
                                            const BpHeatmap    *(*func) (gpointer data),
                                            gpointer              data);
void          bp_diagram_heatmap_changed   (BpDiagram            *self);
gboolean      bp_diagram_get_relayout_running (BpDiagram         *self);
gboolean      bp_diagram_set_unfolded      (BpDiagram            *self,
                                            const BpSelection    *node);
gboolean      bp_diagram_get_unfolded      (BpDiagram            *self,
                                            BpSelection          *node);

G_END_DECLS
