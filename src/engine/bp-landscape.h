/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape.h: the loss over a grid of values of two weights, the others held fixed. */
#pragma once

#include "bp-core.h"

G_BEGIN_DECLS

/* weights[layer][to][from] of a network: the weight from neuron @from of layer @layer to
 * neuron @to of layer @layer + 1. */
typedef struct {
  guint layer;
  guint to;
  guint from;
} BpWeightRef;

/* The largest grid: 201 × 201 losses. */
#define BP_LANDSCAPE_MAX_GRID 201

/* What the loss is measured on: @n_points rows of sizes[0] inputs and of sizes[L] targets
 * (one row for the one example), and whether the regularization penalty is added. */
typedef struct {
  const double *inputs;
  const double *targets;
  guint n_points;
  gboolean with_penalty;
} BpLandscapeData;

gboolean bp_weight_ref_valid (const BpNet           *net,
                              const BpWeightRef     *ref);
double   bp_landscape_offset (double                 span,
                              guint                  grid,
                              guint                  index);
void     bp_landscape_grid   (const BpNet           *net,
                              const BpWeightRef      weights[2],
                              double                 span,
                              guint                  grid,
                              const BpLandscapeData *data,
                              double                *values);

G_END_DECLS
