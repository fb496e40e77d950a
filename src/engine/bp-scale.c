/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-scale.c: forward and backward passes timed on networks of growing size.
 *
 * Each time is the median of BP_SCALE_ROUNDS rounds; a round repeats the pass until it has
 * lasted min_ns (the count found by doubling, which also warms the caches up), so that a
 * pass of a few nanoseconds is measured as well as one of milliseconds. The backward pass
 * is timed alone, on the values of one forward pass: it gives the gradient of every weight
 * and bias, as a training step needs it. It computes δ of every layer (one product with the
 * transposed weights per layer, as the forward pass does one with the weights) and then
 * writes every weight's gradient δ_j·a_i into a buffer as large as the weights (the engine
 * itself forms each only when it is read, or as a step updates its weight).
 */
#define G_LOG_DOMAIN "bp-core"

#include "config.h"

#include "bp-scale.h"

#include <math.h>
#include <stdlib.h>

/* Where the last gradient of each measurement goes, so that the writes cannot be left out. */
static volatile double sink;

#define SCALE_DEPTH 2   /* weight layers of every network: [w, w, w] */
#define STEPS_PER_DECADE 4

/**
 * bp_scale_count_params:
 * @sizes: the sizes of the layers, input first
 * @n_sizes: how many
 *
 * Returns: the weights and biases of such a network, Σ sizes[i]·sizes[i+1] + sizes[i+1]
 */
guint64
bp_scale_count_params (const guint *sizes,
                       guint        n_sizes)
{
  guint64 n = 0;

  for (guint i = 0; i + 1 < n_sizes; i++)
    n += (guint64) sizes[i] * sizes[i + 1] + sizes[i + 1];
  return n;
}

static guint64
params_of_width (guint64 w)
{
  return SCALE_DEPTH * (w * w + w);
}

/**
 * bp_scale_plan:
 * @max_params: the bound, BP_SCALE_MIN_PARAMS … BP_SCALE_MAX_PARAMS
 * @rows: (out caller-allocates): BP_SCALE_MAX_ROWS rows, whose sizes and params are set
 *
 * The networks to measure, by growing parameters: for each target 10·10^(k/4) up to
 * @max_params, the width whose network is nearest to it without passing @max_params, each
 * width once. The first is [1, 1, 1] or [2, 2, 2] (4 or 12 parameters); the last is the
 * largest of its kind within @max_params.
 *
 * Returns: the number of rows
 */
guint
bp_scale_plan (guint64     max_params,
               BpScaleRow *rows)
{
  guint n_rows = 0;
  guint64 last_width = 0, largest = 1;

  g_return_val_if_fail (max_params >= BP_SCALE_MIN_PARAMS, 0);
  g_return_val_if_fail (max_params <= BP_SCALE_MAX_PARAMS, 0);
  g_return_val_if_fail (rows != NULL, 0);

  while (params_of_width (largest + 1) <= max_params)
    largest++;
  for (guint k = 0; last_width < largest; k++)
    {
      double target = 10.0 * pow (10.0, (double) k / STEPS_PER_DECADE);
      guint64 w = 1;

      if (target > (double) max_params)
        w = largest;
      else
        {
          while (w < largest && params_of_width (w + 1) <= target)
            w++;
          /* w is the largest at or under the target; w + 1 may be nearer. */
          if (w < largest &&
              (double) params_of_width (w + 1) - target < target - (double) params_of_width (w))
            w++;
        }
      if (w <= last_width)
        continue;
      g_assert (n_rows < BP_SCALE_MAX_ROWS);
      rows[n_rows] = (BpScaleRow) { .n_sizes = SCALE_DEPTH + 1 };
      for (guint i = 0; i <= SCALE_DEPTH; i++)
        rows[n_rows].sizes[i] = (guint) w;
      rows[n_rows].params = params_of_width (w);
      n_rows++;
      last_width = w;
    }
  return n_rows;
}

/* Tanh hidden layers, a sigmoid output, seed 1, an input and a target from a fixed seed,
 * as `backprop-cli bench` builds its networks. */
static BpNet *
scale_network (const guint  *sizes,
               guint         n_sizes,
               GError      **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);
  BpActivation activations[BP_MAX_LAYERS];
  guint L = n_sizes - 1;
  g_autofree double *input = NULL;
  g_autofree double *target = NULL;
  BpNet *net;

  if (!bp_net_check_shape (n_sizes, sizes, error))
    return NULL;
  for (guint l = 0; l < L; l++)
    activations[l] = l + 1 < L ? BP_ACTIVATION_TANH : BP_ACTIVATION_SIGMOID;
  net = bp_net_new (n_sizes, sizes, activations, BP_LOSS_SQUARED_ERROR, error);
  if (net == NULL)
    return NULL;
  bp_net_init_seeded (net, 1);
  input = g_new (double, sizes[0]);
  target = g_new (double, sizes[L]);
  for (guint i = 0; i < sizes[0]; i++)
    input[i] = g_rand_double_range (rand, -1.0, 1.0);
  for (guint k = 0; k < sizes[L]; k++)
    target[k] = g_rand_double (rand);
  bp_net_set_input (net, input);
  if (!bp_net_set_target (net, target, NULL))
    g_assert_not_reached ();   /* squared error takes any target */
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

/* Writes dL/dW[l][j][i] = δ[l+1][j] · a[l][i] of every weight into @gradient, layer after
 * layer, row after row. */
static void
form_weight_gradients (const BpNet *net,
                       double      *gradient)
{
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      {
        const double *a = net->a[l];
        double delta = net->delta[l + 1][j];

        for (guint i = 0; i < net->sizes[l]; i++)
          gradient[i] = delta * a[i];
        gradient += net->sizes[l];
      }
}

/* @n forward passes, or with @gradient @n backward passes that leave it every weight's
 * gradient. */
static void
run_passes (BpNet   *net,
            double  *gradient,
            guint64  n)
{
  for (guint64 i = 0; i < n; i++)
    if (gradient != NULL)
      {
        bp_net_backward (net);
        form_weight_gradients (net, gradient);
      }
    else
      bp_net_forward (net);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median time of one pass, in *ns; FALSE if @cancelled stopped it first. */
static gboolean
measure_pass (BpNet                *net,
              double               *gradient,
              guint64               min_ns,
              BpScaleCancelledFunc  cancelled,
              gpointer              user_data,
              double               *ns)
{
  double samples[BP_SCALE_ROUNDS];
  gint64 min_usec = (gint64) MAX (min_ns / 1000, 1);
  guint64 n = 1;

  for (;;)
    {
      gint64 start = g_get_monotonic_time ();

      run_passes (net, gradient, n);
      if (g_get_monotonic_time () - start >= min_usec)
        break;
      if (cancelled != NULL && cancelled (user_data))
        return FALSE;
      n *= 2;
    }
  for (guint r = 0; r < BP_SCALE_ROUNDS; r++)
    {
      gint64 start;
      gint64 elapsed;

      if (cancelled != NULL && cancelled (user_data))
        return FALSE;
      start = g_get_monotonic_time ();
      run_passes (net, gradient, n);
      elapsed = g_get_monotonic_time () - start;
      /* A clock of microseconds: never report less than it can tell. */
      samples[r] = (double) MAX (elapsed, 1) * 1000.0 / (double) n;
    }
  qsort (samples, BP_SCALE_ROUNDS, sizeof (double), compare_doubles);
  *ns = samples[BP_SCALE_ROUNDS / 2];
  return TRUE;
}

/**
 * bp_scale_measure:
 * @sizes: the sizes of the layers, input first
 * @n_sizes: how many, 2 … BP_MAX_LAYERS + 1
 * @min_ns: the least time of one round, in nanoseconds (at least a microsecond is used)
 * @row: (out): sizes, params and the two times
 * @error: a shape out of the engine's limits
 *
 * Builds the network, times one forward and one backward pass (the median over
 * BP_SCALE_ROUNDS rounds of at least @min_ns each) and frees it. Blocks for about
 * 2·(BP_SCALE_ROUNDS + 2)·@min_ns, longer for a pass that alone outlasts @min_ns.
 *
 * Returns: %TRUE, or %FALSE with @error set if the shape is not allowed
 */
gboolean
bp_scale_measure (const guint  *sizes,
                  guint         n_sizes,
                  guint64       min_ns,
                  BpScaleRow   *row,
                  GError      **error)
{
  return bp_scale_measure_cancellable (sizes, n_sizes, min_ns, NULL, NULL, row, error);
}

/**
 * bp_scale_measure_cancellable:
 * @sizes: the sizes of the layers, input first
 * @n_sizes: how many, 2 … BP_MAX_LAYERS + 1
 * @min_ns: the least time of one round, in nanoseconds
 * @cancelled: (nullable): asked before every round (and while the count of passes of a
 *   round is found), so that even a large network stops within about @min_ns
 * @user_data: for @cancelled
 * @row: (out): sizes, params and the two times; left as it was when stopped
 * @error: a shape out of the engine's limits
 *
 * As bp_scale_measure(), for a thread that may be asked to stop: with @cancelled %NULL the
 * two are the same.
 *
 * Returns: %TRUE; %FALSE with @error set if the shape is not allowed, or %FALSE with
 *   @error unset if @cancelled stopped the measurement
 */
gboolean
bp_scale_measure_cancellable (const guint          *sizes,
                              guint                 n_sizes,
                              guint64               min_ns,
                              BpScaleCancelledFunc  cancelled,
                              gpointer              user_data,
                              BpScaleRow           *row,
                              GError              **error)
{
  g_autoptr(BpNet) net = NULL;
  g_autofree double *gradient = NULL;
  gsize n_weights = 0;
  BpScaleRow result = { .n_sizes = n_sizes };

  g_return_val_if_fail (sizes != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  net = scale_network (sizes, n_sizes, error);
  if (net == NULL)
    return FALSE;
  /* sizes may be row->sizes itself, as when measuring the rows of bp_scale_plan (). */
  for (guint i = 0; i < n_sizes; i++)
    result.sizes[i] = sizes[i];
  result.params = bp_scale_count_params (sizes, n_sizes);
  for (guint l = 0; l + 1 < n_sizes; l++)
    n_weights += (gsize) sizes[l] * sizes[l + 1];
  gradient = g_new (double, n_weights);
  if (!measure_pass (net, NULL, min_ns, cancelled, user_data, &result.forward_ns)
      || !measure_pass (net, gradient, min_ns, cancelled, user_data, &result.backward_ns))
    return FALSE;
  /* The gradients are read, so that no compiler drops their writes as unused. */
  sink = gradient[n_weights - 1];
  *row = result;
  return TRUE;
}
