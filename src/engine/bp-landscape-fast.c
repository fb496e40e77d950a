/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape-fast.c: the loss over a grid of two weights' values, for pictures.
 *
 * A weight w[l][j][i] changes only neuron j's pre-activation at layer l + 1, by Δ·a_i: the
 * layers up to l stay as they are at every grid point, and neuron j's pre-activation is its
 * value at the centre plus Δ·a_i. So the layers below the lower of the two weights are
 * computed once, the layers between the two once per value of the lower weight, and only the
 * layers above the higher one at every grid point. Each sum above is formed as
 * bp_net_forward_batch() forms it; only the moved neuron's pre-activation is the centre's plus
 * Δ·a_i, which rounds differently off the centre (by about 1e-16 relative) and is the same to
 * the bit at the centre, where Δ = 0. */
#define G_LOG_DOMAIN "bp-engine"

#include "config.h"

#include "bp-landscape-fast.h"

#include <string.h>

struct _BpLandscapeEval {
  BpNet *net;               /* a copy at the centre */
  BpWeightRef outer;        /* the lower of the two weights: one pass of its layers per value */
  BpWeightRef inner;
  gboolean transposed;      /* the outer weight is the second: its values are the columns */
  BpForwardMode mode;
  const double *targets;
  gboolean with_penalty;
  BpForwardBatch *batch;
  double *zb_outer;         /* the outer neuron's pre-activations at the centre, per point */
  double *zb_inner;         /* the inner one's, when both weights are in one layer */
  double *z_outer;          /* scratch: pre-activations with the outer weight moved */
  double *z_inner;          /* and with the inner one moved too */
  double outer_value;
  double inner_value;
  /* The layer above the inner weight's, when there is one (rank = TRUE): its pre-activations
   * and the changed neurons' activations below it at a reference point (the centre, or the
   * outer weight's value of the row), from which each grid point's are the reference ones
   * plus each changed neuron's weight times its change. */
  gboolean rank;
  guint n_changed;
  guint changed[2];
  double *z_ref;            /* sizes[m] rows of n_points, m = inner.layer + 2 */
  double *a_ref[2];
  double *delta[2];
};

static double *
weight_of (BpNet             *net,
           const BpWeightRef *ref)
{
  return &net->weights[ref->layer][(gsize) ref->to * net->sizes[ref->layer] + ref->from];
}

/* The changed neurons' activations and the layer above's pre-activations as @e's batch holds
 * them now: the reference of what follows. */
static void
take_reference (BpLandscapeEval *e)
{
  BpForwardBatch *b = e->batch;
  guint l = e->inner.layer + 1;

  for (guint c = 0; c < e->n_changed; c++)
    memcpy (e->a_ref[c], bp_forward_batch_values (b, l, e->changed[c]),
            b->n_points * sizeof (double));
  for (guint j = 0; j < e->net->sizes[l + 1]; j++)
    bp_net_forward_batch_neuron_z (e->net, l, j, b, e->z_ref + (gsize) j * b->n_points);
}

static void
init_rank (BpLandscapeEval *e)
{
  guint n = e->batch->n_points;
  guint m = e->inner.layer + 2;
  gboolean one_layer = e->outer.layer == e->inner.layer;

  e->rank = m <= e->net->n_layers;
  if (!e->rank)
    return;
  e->changed[e->n_changed++] = e->inner.to;
  if (one_layer && e->outer.to != e->inner.to)
    e->changed[e->n_changed++] = e->outer.to;
  e->z_ref = g_new (double, (gsize) e->net->sizes[m] * n);
  for (guint c = 0; c < e->n_changed; c++)
    {
      e->a_ref[c] = g_new (double, n);
      e->delta[c] = g_new (double, n);
    }
  /* Both weights in one layer: the centre is the reference of every grid point. */
  if (one_layer)
    take_reference (e);
}

/**
 * bp_landscape_eval_new:
 * @net: a network
 * @weights: the two weights the grid moves, different
 * @data: the points the loss is the mean over, kept by the caller while the evaluator lives
 * @mode: exact, or fast activations (within 1e-15 of exact ones)
 *
 * An evaluator of the grid of bp_landscape_grid(), which makes the forward pass at the
 * centre at once. Each thread needs its own.
 *
 * Returns: (transfer full): the evaluator
 */
BpLandscapeEval *
bp_landscape_eval_new (const BpNet           *net,
                       const BpWeightRef      weights[2],
                       const BpLandscapeData *data,
                       BpForwardMode          mode)
{
  BpLandscapeEval *e;
  guint n;

  g_return_val_if_fail (net != NULL && data != NULL && data->n_points > 0, NULL);
  g_return_val_if_fail (bp_weight_ref_valid (net, &weights[0]), NULL);
  g_return_val_if_fail (bp_weight_ref_valid (net, &weights[1]), NULL);

  n = data->n_points;
  e = g_new0 (BpLandscapeEval, 1);
  e->net = bp_net_copy (net);
  e->transposed = weights[1].layer < weights[0].layer;
  e->outer = weights[e->transposed ? 1 : 0];
  e->inner = weights[e->transposed ? 0 : 1];
  e->mode = mode;
  e->targets = data->targets;
  e->with_penalty = data->with_penalty;
  e->outer_value = *weight_of (e->net, &e->outer);
  e->inner_value = *weight_of (e->net, &e->inner);
  e->batch = bp_forward_batch_new (net, n);
  e->zb_outer = g_new (double, n);
  e->zb_inner = g_new (double, n);
  e->z_outer = g_new (double, n);
  e->z_inner = g_new (double, n);
  bp_net_forward_batch (e->net, data->inputs, n, mode, e->batch);
  bp_net_forward_batch_neuron_z (e->net, e->outer.layer, e->outer.to, e->batch, e->zb_outer);
  bp_net_forward_batch_neuron_z (e->net, e->inner.layer, e->inner.to, e->batch, e->zb_inner);
  init_rank (e);
  return e;
}

void
bp_landscape_eval_free (BpLandscapeEval *e)
{
  if (e == NULL)
    return;
  bp_net_free (e->net);
  bp_forward_batch_free (e->batch);
  g_free (e->zb_outer);
  g_free (e->zb_inner);
  g_free (e->z_outer);
  g_free (e->z_inner);
  g_free (e->z_ref);
  for (guint c = 0; c < 2; c++)
    {
      g_free (e->a_ref[c]);
      g_free (e->delta[c]);
    }
  g_free (e);
}

/* z[p] = base[p] + delta · a_from[p] over the points. */
static void
shift (const BpLandscapeEval *e,
       const BpWeightRef     *ref,
       const double          *base,
       double                 delta,
       double                *z)
{
  const double *a = bp_forward_batch_values (e->batch, ref->layer, ref->from);

  for (guint p = 0; p < e->batch->n_points; p++)
    z[p] = base[p] + delta * a[p];
}

/* Neuron @ref->to of layer @ref->layer + 1 takes the pre-activations @z. */
static void
set_neuron (BpLandscapeEval   *e,
            const BpWeightRef *ref,
            const double      *z)
{
  BpForwardBatch *b = e->batch;
  guint layer = ref->layer + 1;
  double *a = b->a[layer] + (gsize) ref->to * b->capacity;

  bp_forward_batch_activate (e->net->activations[ref->layer], e->mode, z, a, b->n_points);
  if (layer == e->net->n_layers)
    memcpy (b->output_z + (gsize) ref->to * b->capacity, z, b->n_points * sizeof (double));
}

/* The layer above the changed neurons from the reference: z = z_ref + Σ w·(a − a_ref), each
 * term 0 at the reference itself, then the layers above it computed again. */
static void
layer_above (BpLandscapeEval *e)
{
  BpForwardBatch *b = e->batch;
  guint l = e->inner.layer + 1, m = l + 1, n = b->n_points;
  double *z = e->z_inner;

  for (guint c = 0; c < e->n_changed; c++)
    {
      const double *a = bp_forward_batch_values (b, l, e->changed[c]);

      for (guint p = 0; p < n; p++)
        e->delta[c][p] = a[p] - e->a_ref[c][p];
    }
  for (guint j = 0; j < e->net->sizes[m]; j++)
    {
      const double *zr = e->z_ref + (gsize) j * n;
      double w0 = *bp_net_weight (e->net, l, j, e->changed[0]);
      double *a = b->a[m] + (gsize) j * b->capacity;

      for (guint p = 0; p < n; p++)
        z[p] = zr[p] + w0 * e->delta[0][p];
      if (e->n_changed == 2)
        {
          double w1 = *bp_net_weight (e->net, l, j, e->changed[1]);

          for (guint p = 0; p < n; p++)
            z[p] += w1 * e->delta[1][p];
        }
      bp_forward_batch_activate (e->net->activations[l], e->mode, z, a, n);
      if (m == e->net->n_layers)
        memcpy (b->output_z + (gsize) j * b->capacity, z, n * sizeof (double));
    }
  bp_net_forward_batch_layers (e->net, m, e->net->n_layers, e->mode, b);
}

/* The loss with the layers above the inner weight's computed again. */
static double
loss_above (BpLandscapeEval *e,
            double           outer_delta,
            double           inner_delta)
{
  double loss;

  if (e->rank)
    layer_above (e);
  else
    bp_net_forward_batch_layers (e->net, e->inner.layer + 1, e->net->n_layers, e->mode,
                                 e->batch);
  loss = bp_net_mean_loss (e->net, e->targets, e->batch, NULL);
  if (e->with_penalty)
    {
      double *outer = weight_of (e->net, &e->outer);
      double *inner = weight_of (e->net, &e->inner);

      *outer = e->outer_value + outer_delta;
      *inner = e->inner_value + inner_delta;
      loss += bp_net_penalty (e->net);
      *outer = e->outer_value;
      *inner = e->inner_value;
    }
  return loss;
}

/* One value of the outer weight: the losses over the inner weight's values. */
static void
outer_row (BpLandscapeEval *e,
           double           span,
           guint            grid,
           guint            o,
           double          *values)
{
  double d_outer = bp_landscape_offset (span, grid, o);
  gboolean one_layer = e->outer.layer == e->inner.layer;
  gboolean one_neuron = one_layer && e->outer.to == e->inner.to;

  shift (e, &e->outer, e->zb_outer, d_outer, e->z_outer);
  if (!one_neuron)
    set_neuron (e, &e->outer, e->z_outer);
  if (!one_layer)
    {
      /* The layers between the two weights, once for this value of the outer one. */
      bp_net_forward_batch_layers (e->net, e->outer.layer + 1, e->inner.layer + 1, e->mode,
                                   e->batch);
      bp_net_forward_batch_neuron_z (e->net, e->inner.layer, e->inner.to, e->batch,
                                     e->zb_inner);
      if (e->rank)
        take_reference (e);
    }
  for (guint k = 0; k < grid; k++)
    {
      double d_inner = bp_landscape_offset (span, grid, k);
      gsize at = e->transposed ? (gsize) k * grid + o : (gsize) o * grid + k;

      shift (e, &e->inner, one_neuron ? e->z_outer : e->zb_inner, d_inner, e->z_inner);
      set_neuron (e, &e->inner, e->z_inner);
      values[at] = loss_above (e, d_outer, d_inner);
    }
}

/**
 * bp_landscape_eval_rows:
 * @eval: an evaluator
 * @span: how far the grid reaches on either side of each weight's value
 * @grid: the points on a side, odd, 3 to %BP_LANDSCAPE_MAX_GRID
 * @outers: (array length=n_outers): values of the lower weight (grid indices), or %NULL for
 *   all of them in order
 * @n_outers: how many, when @outers is given
 * @part: which share of them this call computes, below @n_parts
 * @n_parts: in how many shares they are split (one per thread)
 * @cancel: (nullable): stops the work when it holds non-zero (read atomically)
 * @values: (out caller-allocates) (array): the @grid × @grid losses of bp_landscape_grid()
 *
 * The grid points of share @part: the values of the lower of the two weights at every
 * @n_parts-th entry of @outers from entry @part on, each against every value of the other.
 *
 * Returns: %FALSE if cancelled before the share was done
 */
gboolean
bp_landscape_eval_rows (BpLandscapeEval *eval,
                        double           span,
                        guint            grid,
                        const guint     *outers,
                        guint            n_outers,
                        guint            part,
                        guint            n_parts,
                        const gint      *cancel,
                        double          *values)
{
  g_return_val_if_fail (eval != NULL && values != NULL && part < n_parts, FALSE);
  g_return_val_if_fail (grid >= 3 && grid <= BP_LANDSCAPE_MAX_GRID && grid % 2 == 1, FALSE);

  if (outers == NULL)
    n_outers = grid;
  for (guint k = part; k < n_outers; k += n_parts)
    {
      guint o = outers != NULL ? outers[k] : k;

      g_return_val_if_fail (o < grid, FALSE);
      if (cancel != NULL && g_atomic_int_get (cancel) != 0)
        return FALSE;
      outer_row (eval, span, grid, o, values);
    }
  return TRUE;
}

typedef struct {
  const BpNet *net;
  const BpWeightRef *weights;
  const BpLandscapeData *data;
  BpForwardMode mode;
  double span;
  guint grid;
  const guint *outers;
  guint n_outers;
  guint part;
  guint n_parts;
  const gint *cancel;
  double *values;
  gboolean done;
} Share;

static gpointer
share_thread (gpointer data)
{
  Share *s = data;
  g_autoptr(BpLandscapeEval) eval = bp_landscape_eval_new (s->net, s->weights, s->data,
                                                           s->mode);

  s->done = bp_landscape_eval_rows (eval, s->span, s->grid, s->outers, s->n_outers, s->part,
                                    s->n_parts, s->cancel, s->values);
  return NULL;
}

/**
 * bp_landscape_grid_rows:
 * @net: a network
 * @weights: the two weights the grid moves, different
 * @span: how far the grid reaches on either side of each weight's value
 * @grid: the points on a side, odd, 3 to %BP_LANDSCAPE_MAX_GRID
 * @data: the points the loss is the mean over
 * @mode: exact (each value within 1e-12 relative of bp_landscape_grid()'s, the centre the
 *   same to the bit), or fast activations
 * @n_threads: how many threads share the work, 1 to %BP_LANDSCAPE_MAX_THREADS
 * @outers: (array length=n_outers) (nullable): the values of the lower of the two weights
 *   (grid indices) to compute, against every value of the other; %NULL for the whole grid
 * @n_outers: how many
 * @cancel: (nullable): stops the work when it holds non-zero (read atomically)
 * @values: (out caller-allocates) (array): @grid × @grid losses, as bp_landscape_grid()'s
 *
 * Part or all of the grid of bp_landscape_grid(), the layers below each moved weight
 * computed once: so a picture can be refined by computing the rest of the grid later.
 *
 * Returns: %FALSE if cancelled (@values is then incomplete)
 */
gboolean
bp_landscape_grid_rows (const BpNet           *net,
                        const BpWeightRef      weights[2],
                        double                 span,
                        guint                  grid,
                        const BpLandscapeData *data,
                        BpForwardMode          mode,
                        guint                  n_threads,
                        const guint           *outers,
                        guint                  n_outers,
                        const gint            *cancel,
                        double                *values)
{
  Share shares[BP_LANDSCAPE_MAX_THREADS] = { { NULL, }, };
  GThread *threads[BP_LANDSCAPE_MAX_THREADS] = { NULL, };
  gboolean done = TRUE;

  g_return_val_if_fail (net != NULL && data != NULL && values != NULL, FALSE);
  g_return_val_if_fail (n_threads >= 1 && n_threads <= BP_LANDSCAPE_MAX_THREADS, FALSE);

  n_threads = CLAMP (MIN (n_threads, outers != NULL ? n_outers : grid), 1,
                     BP_LANDSCAPE_MAX_THREADS);
  for (guint t = 0; t < n_threads; t++)
    {
      shares[t] = (Share) { net, weights, data, mode, span, grid, outers, n_outers, t,
                            n_threads, cancel, values, FALSE };
      if (t > 0)
        threads[t] = g_thread_new ("bp-landscape", share_thread, &shares[t]);
    }
  share_thread (&shares[0]);
  for (guint t = 0; t < n_threads; t++)
    {
      if (threads[t] != NULL)
        g_thread_join (threads[t]);
      done = done && shares[t].done;
    }
  return done;
}

/**
 * bp_landscape_grid_cached:
 * @net: a network
 * @weights: the two weights the grid moves, different
 * @span: how far the grid reaches on either side of each weight's value
 * @grid: the points on a side, odd, 3 to %BP_LANDSCAPE_MAX_GRID
 * @data: the points the loss is the mean over
 * @mode: exact (each value within 1e-12 relative of bp_landscape_grid()'s, the centre the
 *   same to the bit), or fast activations
 * @n_threads: how many threads share the grid, 1 to %BP_LANDSCAPE_MAX_THREADS
 * @cancel: (nullable): stops the work when it holds non-zero (read atomically)
 * @values: (out caller-allocates) (array): @grid × @grid losses, as bp_landscape_grid()'s
 *
 * The grid of bp_landscape_grid(), the layers below each moved weight computed once.
 *
 * Returns: %FALSE if cancelled (@values is then incomplete)
 */
gboolean
bp_landscape_grid_cached (const BpNet           *net,
                          const BpWeightRef      weights[2],
                          double                 span,
                          guint                  grid,
                          const BpLandscapeData *data,
                          BpForwardMode          mode,
                          guint                  n_threads,
                          const gint            *cancel,
                          double                *values)
{
  return bp_landscape_grid_rows (net, weights, span, grid, data, mode, n_threads, NULL, 0,
                                 cancel, values);
}
