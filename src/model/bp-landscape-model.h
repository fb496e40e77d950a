/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape-model.h: BpLandscapeModel, the loss landscape the window shows: two weights of
 * a BpNetwork, the loss over a grid of their values around where the network stands (the
 * others held fixed), computed in a thread and refined progressively, the path training took
 * in those two weights, and the gradient of that loss at the centre. */
#pragma once

#include "bp-forward-batch.h"
#include "bp-landscape.h"
#include "bp-network.h"

G_BEGIN_DECLS

#define BP_TYPE_LANDSCAPE_MODEL (bp_landscape_model_get_type ())
G_DECLARE_FINAL_TYPE (BpLandscapeModel, bp_landscape_model, BP, LANDSCAPE_MODEL, GObject)

/* The grid's side in the window, its bounds, and the span's. */
#define BP_LANDSCAPE_DEFAULT_GRID 41
#define BP_LANDSCAPE_MIN_GRID 11
#define BP_LANDSCAPE_WINDOW_MAX_GRID 81
#define BP_LANDSCAPE_MIN_SPAN 0.01
#define BP_LANDSCAPE_MAX_SPAN 100.0
/* The steps of the path kept: the oldest go first. */
#define BP_LANDSCAPE_PATH_CAPACITY 2000

/* One computed slice: read-only. */
typedef struct {
  BpWeightRef weights[2];
  double centre[2];       /* the two weights' values at the centre */
  double span;
  guint grid;             /* points on a side */
  double *values;         /* grid × grid losses: values[i·grid + j], i the first weight's */
  double centre_loss;     /* values at the centre */
  double gradient[2];     /* ∂L/∂w of this loss at the centre, for the two weights */
  gboolean complete;      /* the grid asked for, not a coarser first look */
  gboolean dataset;       /* the loss is the training set's mean plus the penalty */
  guint n_points;         /* the points it is the mean over */
} BpLandscapeSlice;

BpLandscapeModel *bp_landscape_model_new          (BpNetwork         *network);
BpNetwork    *bp_landscape_model_get_network      (BpLandscapeModel  *self);
void          bp_landscape_model_set_active       (BpLandscapeModel  *self,
                                                   gboolean           active);
void          bp_landscape_model_set_mode         (BpLandscapeModel  *self,
                                                   BpForwardMode      mode);
void          bp_landscape_model_set_span         (BpLandscapeModel  *self,
                                                   double             span);
double        bp_landscape_model_get_span         (BpLandscapeModel  *self);
void          bp_landscape_model_set_grid         (BpLandscapeModel  *self,
                                                   guint              grid);
guint         bp_landscape_model_get_grid         (BpLandscapeModel  *self);
gboolean      bp_landscape_model_get_weights      (BpLandscapeModel  *self,
                                                   BpWeightRef        weights[2]);
gboolean      bp_landscape_model_get_chosen       (BpLandscapeModel  *self);
gboolean      bp_landscape_model_choose           (BpLandscapeModel  *self,
                                                   guint              axis,
                                                   const BpWeightRef *weight);
const BpLandscapeSlice *bp_landscape_model_get_slice (BpLandscapeModel *self);
gboolean      bp_landscape_model_get_busy         (BpLandscapeModel  *self);
guint         bp_landscape_model_get_path_length  (BpLandscapeModel  *self);
void          bp_landscape_model_get_path_point   (BpLandscapeModel  *self,
                                                   guint              index,
                                                   double             point[2]);
char         *bp_landscape_model_weight_name      (BpLandscapeModel  *self,
                                                   guint              axis);

G_END_DECLS
