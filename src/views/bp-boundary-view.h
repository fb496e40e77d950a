/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-boundary-view.h: the output's decision boundary (or regression surface) over the input
 * plane with the dataset's points, or one neuron's map; points are drawn and erased on it. */
#pragma once

#include <gtk/gtk.h>

#include "bp-maps.h"
#include "bp-network.h"

G_BEGIN_DECLS

#define BP_TYPE_BOUNDARY_VIEW (bp_boundary_view_get_type ())

G_DECLARE_FINAL_TYPE (BpBoundaryView, bp_boundary_view, BP, BOUNDARY_VIEW, GtkWidget)

/* How far a drag travels between two painted points, and the eraser's radius, in units of
 * the plane; how far an arrow key moves the keyboard's crosshair (Shift: 1 unit). */
#define BP_BOUNDARY_PAINT_SPACING 0.35
#define BP_BOUNDARY_ERASE_RADIUS 0.4
#define BP_BOUNDARY_KEY_STEP 0.25

GtkWidget  *bp_boundary_view_new              (void);
BpMaps     *bp_boundary_view_get_maps         (BpBoundaryView  *self);
void        bp_boundary_view_set_maps         (BpBoundaryView  *self,
                                               BpMaps          *maps);
BpNetwork  *bp_boundary_view_get_network      (BpBoundaryView  *self);
void        bp_boundary_view_set_network      (BpBoundaryView  *self,
                                               BpNetwork       *network);
gboolean    bp_boundary_view_get_show_test    (BpBoundaryView  *self);
void        bp_boundary_view_set_show_test    (BpBoundaryView  *self,
                                               gboolean         show_test);
gboolean    bp_boundary_view_get_discretize   (BpBoundaryView  *self);
void        bp_boundary_view_set_discretize   (BpBoundaryView  *self,
                                               gboolean         discretize);
double      bp_boundary_view_get_draw_label   (BpBoundaryView  *self);
void        bp_boundary_view_set_draw_label   (BpBoundaryView  *self,
                                               double           label);
double      bp_boundary_view_get_text_scale   (BpBoundaryView  *self);
void        bp_boundary_view_set_text_scale   (BpBoundaryView  *self,
                                               double           text_scale);
void        bp_boundary_view_show_neuron      (BpBoundaryView  *self,
                                               guint            layer,
                                               guint            neuron);
void        bp_boundary_view_show_output      (BpBoundaryView  *self);
gboolean    bp_boundary_view_get_shown_neuron (BpBoundaryView  *self,
                                               guint           *layer,
                                               guint           *neuron);
const char *bp_boundary_view_get_description  (BpBoundaryView  *self);
void        bp_boundary_view_draw             (BpBoundaryView  *self,
                                               cairo_t         *cr,
                                               int              width,
                                               int              height);

G_END_DECLS
