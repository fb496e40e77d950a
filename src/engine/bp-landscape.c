/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape.c: the loss over a grid of values of two weights, the others held fixed: a
 * slice of the loss landscape through the point where the network stands.
 *
 * Each grid point is a full forward pass over the data on a copy of the network, with the
 * engine's exact functions, so the centre of the grid is the network's own loss to the bit. */
#define G_LOG_DOMAIN "bp-engine"

#include "config.h"

#include "bp-landscape.h"

#include "bp-forward-batch.h"

/**
 * bp_weight_ref_valid:
 * @net: a network
 * @ref: a weight of it, perhaps
 *
 * Returns: %TRUE if @net has the weight @ref names
 */
gboolean
bp_weight_ref_valid (const BpNet       *net,
                     const BpWeightRef *ref)
{
  return ref->layer < net->n_layers && ref->to < net->sizes[ref->layer + 1]
         && ref->from < net->sizes[ref->layer];
}

/**
 * bp_landscape_offset:
 * @span: how far the grid reaches on either side
 * @grid: the points on a side, odd, at least 3
 * @index: a point, 0 to @grid − 1
 *
 * How far the grid point @index moves a weight: @span · (2·@index / (@grid − 1) − 1), so
 * −@span at the first point, exactly 0 at the middle one and @span at the last.
 *
 * Returns: the offset
 */
double
bp_landscape_offset (double span,
                     guint  grid,
                     guint  index)
{
  return span * (2.0 * index / (grid - 1) - 1.0);
}

static double *
weight_of (BpNet             *net,
           const BpWeightRef *ref)
{
  return &net->weights[ref->layer][(gsize) ref->to * net->sizes[ref->layer] + ref->from];
}

/**
 * bp_landscape_grid:
 * @net: a network
 * @weights: the two weights the grid moves
 * @span: how far the grid reaches on either side of each weight's value
 * @grid: the points on a side, odd, 3 to %BP_LANDSCAPE_MAX_GRID
 * @data: the points the loss is the mean over
 * @values: (out caller-allocates) (array): @grid × @grid losses
 *
 * The loss of @net over @data with the first weight moved by bp_landscape_offset() of row i
 * and the second by that of column j, into values[i·@grid + j]; the mean over the points,
 * plus the regularization penalty when @data asks for it. @net itself is not changed.
 */
void
bp_landscape_grid (const BpNet           *net,
                   const BpWeightRef      weights[2],
                   double                 span,
                   guint                  grid,
                   const BpLandscapeData *data,
                   double                *values)
{
  g_autoptr(BpNet) copy = NULL;
  g_autoptr(BpForwardBatch) batch = NULL;
  double *first, *second;
  double first_value, second_value;

  g_return_if_fail (net != NULL && data != NULL && values != NULL && data->n_points > 0);
  g_return_if_fail (grid >= 3 && grid <= BP_LANDSCAPE_MAX_GRID && grid % 2 == 1);
  g_return_if_fail (bp_weight_ref_valid (net, &weights[0]));
  g_return_if_fail (bp_weight_ref_valid (net, &weights[1]));

  copy = bp_net_copy (net);
  batch = bp_forward_batch_new (net, data->n_points);
  first = weight_of (copy, &weights[0]);
  second = weight_of (copy, &weights[1]);
  first_value = *first;
  second_value = *second;
  for (guint i = 0; i < grid; i++)
    for (guint j = 0; j < grid; j++)
      {
        double loss;

        *first = first_value + bp_landscape_offset (span, grid, i);
        *second = second_value + bp_landscape_offset (span, grid, j);
        bp_net_forward_batch (copy, data->inputs, data->n_points, BP_FORWARD_EXACT, batch);
        loss = bp_net_mean_loss (copy, data->targets, batch, NULL);
        if (data->with_penalty)
          loss += bp_net_penalty (copy);
        values[(gsize) i * grid + j] = loss;
      }
}
