/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-boundary-view-private.h: what the parts of BpBoundaryView share: bp-boundary-view.c
 * (the class, its properties and drawing), bp-boundary-view-info.c (the description) and
 * bp-boundary-view-input.c (the pointer and keys that draw and erase points). */
#pragma once

#include "bp-boundary-view.h"
#include "bp-heatmap.h"
#include "bp-pace.h"

G_BEGIN_DECLS

/* The least time between two accessible descriptions while training. */
#define BP_BOUNDARY_DESCRIPTION_MS 300

struct _BpBoundaryView
{
  GtkWidget parent_instance;

  BpNetwork *network;
  BpMaps *maps;
  BpMaps *own_maps;            /* made when a network is set without maps */
  GSignalGroup *network_signals;
  GSignalGroup *maps_signals;

  gboolean show_test;
  gboolean discretize;
  double draw_label;
  double text_scale;           /* the property: a zoom of the text */
  double system_text_scale;    /* the system's large-text factor */
  gboolean show_neuron;
  guint layer;
  guint neuron;

  /* The keyboard's crosshair, in the plane; shown while the view has visible focus. */
  double cursor_x1;
  double cursor_x2;

  /* A press … release of the pointer: one undo group. */
  gboolean stroke;
  gboolean erasing;
  double stroke_x;             /* where the drag started, in the widget */
  double stroke_y;
  double last_x1;              /* the last point painted or erased, in the plane */
  double last_x2;
  gboolean last_in_plane;
  gboolean stroke_reported;    /* a refusal of this stroke was reported */

  char *description;
  BpThrottle describer;        /* the description set a few times a second */
};

/* The signals of the view, in the order class_init installs them. */
typedef enum {
  BP_BOUNDARY_VIEW_DRAW_FAILED,
  BP_BOUNDARY_VIEW_N_SIGNALS
} BpBoundaryViewSignal;

extern guint bp_boundary_view_signals[BP_BOUNDARY_VIEW_N_SIGNALS];

double   bp_boundary_view_effective_text_scale (BpBoundaryView *self);
void     bp_boundary_view_plot                 (BpBoundaryView *self,
                                                BpHeatmapPlot  *plot);
void     bp_boundary_view_add_controllers      (BpBoundaryView *self);
void     bp_boundary_view_end_stroke           (BpBoundaryView *self);
void     bp_boundary_view_update_description   (GtkWidget      *widget);
char    *bp_boundary_view_neuron_name          (BpBoundaryView *self);

G_END_DECLS
