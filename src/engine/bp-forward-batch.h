/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-forward-batch.h: the forward pass of many input points at once, into buffers that are
 * allocated once and reused: the decision boundary and every neuron's map over a grid.
 */
#pragma once

#include "bp-core.h"

G_BEGIN_DECLS

typedef enum {
  /* The engine's own activation functions: every value is bit-identical to bp_net_forward()
   * of the same point. */
  BP_FORWARD_EXACT,
  /* tanh and sigmoid computed several points at a time, within 1e-15 of the engine's
   * functions (the others are exact): for pictures, several times faster. */
  BP_FORWARD_FAST,
} BpForwardMode;

/* Values by neuron, then by point: the activations of neuron j of layer l over the points
 * are a[l][j * capacity + p], so one neuron's map is one row. All fields are read-only. */
typedef struct {
  guint n_layers;
  guint sizes[BP_MAX_LAYERS + 1];
  guint capacity;                  /* points the buffers hold */
  guint n_points;                  /* points of the last pass */
  double *a[BP_MAX_LAYERS + 1];    /* a[0]: the inputs, by feature then point */
  double *output_z;                /* the output layer's pre-activations, like a[L] */

  /*< private >*/
  double *block;
} BpForwardBatch;

BpForwardBatch *bp_forward_batch_new      (const BpNet          *net,
                                           guint                 capacity);
void          bp_forward_batch_free       (BpForwardBatch       *batch);
gboolean      bp_forward_batch_fits       (const BpForwardBatch *batch,
                                           const BpNet          *net,
                                           guint                 n_points);
void          bp_net_forward_batch        (const BpNet          *net,
                                           const double         *inputs,
                                           guint                 n_points,
                                           BpForwardMode         mode,
                                           BpForwardBatch       *batch);
void          bp_net_forward_batch_layers (const BpNet          *net,
                                           guint                 from,
                                           guint                 to,
                                           BpForwardMode         mode,
                                           BpForwardBatch       *batch);
void          bp_net_forward_batch_neuron_z (const BpNet        *net,
                                           guint                 layer,
                                           guint                 neuron,
                                           BpForwardBatch       *batch,
                                           double               *z);
void          bp_forward_batch_activate   (BpActivation          f,
                                           BpForwardMode         mode,
                                           const double         *z,
                                           double               *a,
                                           guint                 n);
double        bp_net_mean_loss            (const BpNet          *net,
                                           const double         *targets,
                                           const BpForwardBatch *batch,
                                           guint                *n_correct);

/**
 * bp_forward_batch_values:
 * @batch: a batch after bp_net_forward_batch()
 * @layer: a layer, 0 (the input) to L
 * @neuron: a neuron of that layer
 *
 * The activations of one neuron over the points of the last pass, n_points of them.
 *
 * Returns: (transfer none): the values
 */
static inline const double *
bp_forward_batch_values (const BpForwardBatch *batch,
                         guint                 layer,
                         guint                 neuron)
{
  return batch->a[layer] + (gsize) neuron * batch->capacity;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpForwardBatch, bp_forward_batch_free)

G_END_DECLS
