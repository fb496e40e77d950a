/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-forward-batch.c: the forward pass of many points at once.
 *
 * The points go through the network in tiles of BATCH_TILE, one neuron at a time: for each
 * input i the tile's partial sums take w_i·a_i of every point, a loop the compiler turns into
 * vector instructions across the points. Each point's sum is still formed in the order of
 * bp_net_forward()'s dot product (four partial sums over i, the leftovers into the first,
 * then (s0 + s1) + (s2 + s3) and the bias in front), so its value is the same to the bit.
 */
#define G_LOG_DOMAIN "bp-core"

#include "config.h"

#include "bp-forward-batch.h"
#include "bp-core-private.h"

#include <math.h>
#include <string.h>

#define BATCH_TILE 128
#define BATCH_ALIGN_DOUBLES 8

/* Beyond this |z|, tanh(z) rounds to ±1. */
#define TANH_SATURATION 20.0
/* e^708 is finite and 1/(1 + e^708) is normal; beyond it the sigmoid is 0 or 1 to 1e-307. */
#define EXP_LIMIT 708.0

static gsize
round_up (gsize n)
{
  return (n + BATCH_ALIGN_DOUBLES - 1) / BATCH_ALIGN_DOUBLES * BATCH_ALIGN_DOUBLES;
}

/* The scratch of a tile: four rows of partial sums and one of pre-activations, then room to
 * gather one point's outputs and targets. */
static gsize
scratch_size (guint n_out)
{
  return 5 * BATCH_TILE + 3 * round_up (n_out);
}

static double *
scratch_of (const BpForwardBatch *batch)
{
  return batch->output_z + round_up ((gsize) batch->capacity * batch->sizes[batch->n_layers]);
}

/**
 * bp_forward_batch_new:
 * @net: a network, whose shape the batch takes
 * @capacity: how many points one pass may hold, at least 1
 *
 * Allocates the buffers of bp_net_forward_batch() for networks of @net's shape, once.
 *
 * Returns: (transfer full): the batch
 */
BpForwardBatch *
bp_forward_batch_new (const BpNet *net,
                      guint        capacity)
{
  BpForwardBatch *batch;
  gsize total = 0;
  double *cursor;

  g_return_val_if_fail (net != NULL && capacity > 0, NULL);

  batch = g_new0 (BpForwardBatch, 1);
  batch->n_layers = net->n_layers;
  memcpy (batch->sizes, net->sizes, sizeof batch->sizes);
  batch->capacity = capacity;
  for (guint l = 0; l <= net->n_layers; l++)
    total += round_up ((gsize) capacity * net->sizes[l]);
  total += round_up ((gsize) capacity * net->sizes[net->n_layers]);
  total += scratch_size (net->sizes[net->n_layers]);
  batch->block = g_aligned_alloc0 (total, sizeof (double),
                                   BATCH_ALIGN_DOUBLES * sizeof (double));
  cursor = batch->block;
  for (guint l = 0; l <= net->n_layers; l++)
    {
      batch->a[l] = cursor;
      cursor += round_up ((gsize) capacity * net->sizes[l]);
    }
  batch->output_z = cursor;
  g_assert (scratch_of (batch) + scratch_size (net->sizes[net->n_layers]) ==
            batch->block + total);
  return batch;
}

void
bp_forward_batch_free (BpForwardBatch *batch)
{
  if (batch == NULL)
    return;
  g_aligned_free (batch->block);
  g_free (batch);
}

/**
 * bp_forward_batch_fits:
 * @batch: a batch
 * @net: a network
 * @n_points: the points of a pass
 *
 * Whether @batch can hold a pass of @n_points points through @net; when the network's
 * shape changes, make a new batch.
 *
 * Returns: %TRUE if it fits
 */
gboolean
bp_forward_batch_fits (const BpForwardBatch *batch,
                       const BpNet          *net,
                       guint                 n_points)
{
  g_return_val_if_fail (batch != NULL && net != NULL, FALSE);

  return batch->n_layers == net->n_layers &&
         memcmp (batch->sizes, net->sizes, (net->n_layers + 1) * sizeof (guint)) == 0 &&
         n_points <= batch->capacity;
}

/* e^y for |y| ≤ EXP_LIMIT without a call, so that a loop of it becomes vector instructions:
 * y = k·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor polynomial to r¹³ (the next term is
 * below 1e-17 relative), and 2^k put straight into the exponent's bits. */
static inline double
exp_inline (double y)
{
  const double shifter = 0x1.8p52;
  const double ln2_hi = 0x1.62e42fefa3800p-1;
  const double ln2_lo = 0x1.ef35793c76730p-45;
  double kd = y * 0x1.71547652b82fep0 + shifter;
  double k = kd - shifter;
  double r = (y - k * ln2_hi) - k * ln2_lo;
  double p = 1.0 / 6227020800.0;
  guint64 bits;
  double scale;

  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  /* The low bits of kd hold k; shifted into the exponent field they make 2^k from 1.0. */
  memcpy (&bits, &kd, sizeof bits);
  bits = (bits << 52) + G_GUINT64_CONSTANT (0x3ff0000000000000);
  memcpy (&scale, &bits, sizeof scale);
  return p * scale;
}

/* v with its magnitude capped at limit, NaN kept. The comparison is made on the bits as
 * integers (a non-negative double orders like its bits): a loop of floating-point
 * comparisons would not become vector instructions under the default rules of traps. */
static inline double
cap_magnitude (double v,
               double limit)
{
  const gint64 infinity = G_GINT64_CONSTANT (0x7ff0000000000000);
  double m = fabs (v);
  gint64 bits, cap;

  memcpy (&bits, &m, sizeof bits);
  memcpy (&cap, &limit, sizeof cap);
  bits = (bits > cap) & (bits <= infinity) ? cap : bits;
  memcpy (&m, &bits, sizeof m);
  return copysign (m, v);
}

/* tanh z = 1 − 2/(e^2|z| + 1), with the sign of z. */
static inline double
tanh_inline (double z)
{
  double x = fabs (cap_magnitude (z, TANH_SATURATION));
  double t = 1.0 - 2.0 / (exp_inline (2.0 * x) + 1.0);

  return copysign (t, z);
}

static inline double
sigmoid_inline (double z)
{
  return 1.0 / (1.0 + exp_inline (cap_magnitude (-z, EXP_LIMIT)));
}

/* The activations of one neuron over a tile. */
static inline void
activate_tile (BpActivation           f,
               BpForwardMode          mode,
               const double *restrict z,
               double *restrict       a,
               guint                  n)
{
  if (mode == BP_FORWARD_FAST && f == BP_ACTIVATION_TANH)
    for (guint p = 0; p < n; p++)
      a[p] = tanh_inline (z[p]);
  else if (mode == BP_FORWARD_FAST && f == BP_ACTIVATION_SIGMOID)
    for (guint p = 0; p < n; p++)
      a[p] = sigmoid_inline (z[p]);
  else
    for (guint p = 0; p < n; p++)
      a[p] = bp_activation_apply_inline (f, z[p]);
}

/* z of neuron j of layer l + 1 over the tile's points, in bp_net_forward ()'s order. */
static inline void
weighted_sums (const BpNet          *net,
               const BpForwardBatch *batch,
               guint                 l,
               guint                 j,
               guint                 p0,
               guint                 n,
               double               *sums,
               double *restrict      z)
{
  guint n_in = net->sizes[l];
  guint n4 = n_in / 4 * 4;
  const double *w = bp_net_weight (net, l, j, 0);
  double b = net->biases[l][j];
  const double *s0 = sums;
  const double *s1 = sums + BATCH_TILE;
  const double *s2 = sums + 2 * BATCH_TILE;
  const double *s3 = sums + 3 * BATCH_TILE;

  memset (sums, 0, 4 * BATCH_TILE * sizeof (double));
  for (guint i = 0; i < n_in; i++)
    {
      const double *restrict x = batch->a[l] + (gsize) i * batch->capacity + p0;
      double *restrict s = sums + (i < n4 ? i % 4 : 0) * BATCH_TILE;
      double wi = w[i];

      for (guint p = 0; p < n; p++)
        s[p] += wi * x[p];
    }
  for (guint p = 0; p < n; p++)
    z[p] = b + ((s0[p] + s1[p]) + (s2[p] + s3[p]));
}

/* Layers @from + 1 to @to of the tile's points, from the activations of layer @from. */
BP_VECTOR_KERNEL static void
forward_tile (const BpNet    *net,
              BpForwardMode   mode,
              guint           p0,
              guint           n,
              guint           from,
              guint           to,
              BpForwardBatch *batch)
{
  guint L = net->n_layers;
  double *sums = scratch_of (batch);
  double *z = sums + 4 * BATCH_TILE;

  for (guint l = from; l < to; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      {
        double *a = batch->a[l + 1] + (gsize) j * batch->capacity + p0;

        if (l + 1 == L)
          z = batch->output_z + (gsize) j * batch->capacity + p0;
        weighted_sums (net, batch, l, j, p0, n, sums, z);
        activate_tile (net->activations[l], mode, z, a, n);
      }
}

/**
 * bp_net_forward_batch:
 * @net: a network
 * @inputs: (array): @n_points rows of sizes[0] inputs, one row per point
 * @n_points: how many points, at most the batch's capacity
 * @mode: exact, or fast activations
 * @batch: buffers that fit @net (see bp_forward_batch_fits())
 *
 * The forward pass of every point into @batch, without allocating: every neuron's activation
 * over the points (bp_forward_batch_values()) and the output's pre-activations. The network
 * itself is only read.
 */
void
bp_net_forward_batch (const BpNet    *net,
                      const double   *inputs,
                      guint           n_points,
                      BpForwardMode   mode,
                      BpForwardBatch *batch)
{
  guint n_in;

  g_return_if_fail (net != NULL && batch != NULL && (inputs != NULL || n_points == 0));
  g_return_if_fail (bp_forward_batch_fits (batch, net, n_points));

  n_in = net->sizes[0];
  for (guint p = 0; p < n_points; p++)
    for (guint i = 0; i < n_in; i++)
      batch->a[0][(gsize) i * batch->capacity + p] = inputs[(gsize) p * n_in + i];
  for (guint p0 = 0; p0 < n_points; p0 += BATCH_TILE)
    forward_tile (net, mode, p0, MIN (BATCH_TILE, n_points - p0), 0, net->n_layers, batch);
  batch->n_points = n_points;
}

/**
 * bp_net_forward_batch_layers:
 * @net: a network
 * @from: a layer whose activations @batch holds for the points of its last pass
 * @to: a layer above it, at most L
 * @mode: exact, or fast activations
 * @batch: buffers that fit @net, after a pass
 *
 * The forward pass of the last pass's points again from layer @from up to layer @to only,
 * taking the activations of layer @from as they are in @batch (perhaps changed since): the
 * values of layers @from + 1 to @to are those bp_net_forward_batch() would give for them.
 */
void
bp_net_forward_batch_layers (const BpNet    *net,
                             guint           from,
                             guint           to,
                             BpForwardMode   mode,
                             BpForwardBatch *batch)
{
  g_return_if_fail (net != NULL && batch != NULL && from <= to && to <= net->n_layers);
  g_return_if_fail (bp_forward_batch_fits (batch, net, batch->n_points));

  for (guint p0 = 0; p0 < batch->n_points; p0 += BATCH_TILE)
    forward_tile (net, mode, p0, MIN (BATCH_TILE, batch->n_points - p0), from, to, batch);
}

BP_VECTOR_KERNEL static void
neuron_z_tiles (const BpNet    *net,
                guint           layer,
                guint           neuron,
                BpForwardBatch *batch,
                double         *z)
{
  double *sums = scratch_of (batch);

  for (guint p0 = 0; p0 < batch->n_points; p0 += BATCH_TILE)
    weighted_sums (net, batch, layer, neuron, p0, MIN (BATCH_TILE, batch->n_points - p0),
                   sums, z + p0);
}

/**
 * bp_net_forward_batch_neuron_z:
 * @net: a network
 * @layer: a weight layer, 0 to L − 1
 * @neuron: a neuron of layer @layer + 1
 * @batch: buffers that fit @net, after a pass
 * @z: (out caller-allocates) (array): the pre-activations, one per point of the last pass
 *
 * The pre-activation of one neuron of layer @layer + 1 over the last pass's points, from the
 * activations of layer @layer in @batch, summed as bp_net_forward_batch() sums them.
 */
void
bp_net_forward_batch_neuron_z (const BpNet    *net,
                               guint           layer,
                               guint           neuron,
                               BpForwardBatch *batch,
                               double         *z)
{
  g_return_if_fail (net != NULL && batch != NULL && z != NULL && layer < net->n_layers);
  g_return_if_fail (neuron < net->sizes[layer + 1]);

  neuron_z_tiles (net, layer, neuron, batch, z);
}

BP_VECTOR_KERNEL static void
activate_all (BpActivation   f,
              BpForwardMode  mode,
              const double  *z,
              double        *a,
              guint          n)
{
  activate_tile (f, mode, z, a, n);
}

/**
 * bp_forward_batch_activate:
 * @f: an activation function
 * @mode: exact, or fast activations
 * @z: (array): @n pre-activations
 * @a: (out caller-allocates) (array): their @n activations
 * @n: how many
 *
 * f(z) of every value, as bp_net_forward_batch() computes it in @mode.
 */
void
bp_forward_batch_activate (BpActivation   f,
                           BpForwardMode  mode,
                           const double  *z,
                           double        *a,
                           guint          n)
{
  activate_all (f, mode, z, a, n);
}

/**
 * bp_net_mean_loss:
 * @net: the network of the last bp_net_forward_batch()
 * @targets: (array): one row of sizes[L] targets per point of that pass
 * @batch: the batch of that pass
 * @n_correct: (out) (optional): how many points are classified right, every output on the
 *   same side of 0.5 as its target (meaningful for labels 0 and 1)
 *
 * The mean of the points' losses. After an exact pass over a mini-batch it equals, to the bit,
 * the batch_data_loss a step on it reports.
 *
 * Returns: the mean loss, or 0 for no points
 */
double
bp_net_mean_loss (const BpNet          *net,
                  const double         *targets,
                  const BpForwardBatch *batch,
                  guint                *n_correct)
{
  guint L = net->n_layers;
  guint n_out = net->sizes[L];
  /* Scratch memory of the batch, outside the values a pass leaves. */
  double *z = scratch_of (batch) + 5 * BATCH_TILE;
  double *y = z + round_up (n_out);
  double sum = 0.0;
  guint correct = 0;

  g_return_val_if_fail (bp_forward_batch_fits (batch, net, batch->n_points), 0.0);

  for (guint p = 0; p < batch->n_points; p++)
    {
      const double *t = targets + (gsize) p * n_out;
      gboolean right = TRUE;

      for (guint k = 0; k < n_out; k++)
        {
          z[k] = batch->output_z[(gsize) k * batch->capacity + p];
          y[k] = batch->a[L][(gsize) k * batch->capacity + p];
          right = right && (y[k] >= 0.5) == (t[k] >= 0.5);
        }
      sum += bp_net_loss_of (net, z, y, t);
      correct += right;
    }
  if (n_correct != NULL)
    *n_correct = correct;
  return batch->n_points > 0 ? sum / batch->n_points : 0.0;
}
