/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-health.c: gradient health, recorded as the network trains.
 *
 * Each step records the L2 norm of every weight layer's gradient, the gradient that step
 * applied: the example's in example mode, the mini-batch's mean gradient with its penalty in
 * dataset mode. In example mode it also records which ReLUs gave 0 at the step's example, so
 * that a ReLU is dead once it gave 0 at the examples of the last BP_HEALTH_DEAD_STEPS steps.
 * After every operation BpNetwork measures the neurons: in example mode at the current
 * example, in dataset mode over the whole training set (the mean local slope, and a ReLU is
 * dead when it gives 0 at every training point). */
#define G_LOG_DOMAIN "bp-health"

#include "config.h"

#include "bp-health.h"

#include <math.h>
#include <string.h>

struct _BpHealth
{
  guint n_layers;                          /* the shape recorded; 0 before any */
  guint sizes[BP_MAX_LAYERS + 1];
  guint offsets[BP_MAX_LAYERS + 2];        /* the first neuron of layer l in the arrays */
  guint n_neurons;                         /* layers 1 … L */

  double norms[BP_HEALTH_STEPS][BP_MAX_LAYERS]; /* a ring of the recent steps */
  guint64 steps[BP_HEALTH_STEPS];
  guint start;
  guint length;
  guint64 run_step;                        /* the step count after the last step recorded */

  double pending[BP_MAX_LAYERS];           /* the gradient of the step about to run */
  gboolean has_pending;
  gboolean pending_example;
  guint8 *pending_zero;                    /* by neuron: a ReLU gave 0 at its example */
  guint *zero_run;                         /* by neuron: steps in a row it gave 0 */

  BpNeuronHealth *state;                   /* by neuron, as last measured */
  double *slope;
  gboolean over_dataset;
};

static void
free_neurons (BpHealth *health)
{
  g_clear_pointer (&health->pending_zero, g_free);
  g_clear_pointer (&health->zero_run, g_free);
  g_clear_pointer (&health->state, g_free);
  g_clear_pointer (&health->slope, g_free);
}

/* Makes @health follow @net's shape; another shape starts afresh. */
static void
ensure_shape (BpHealth    *health,
              const BpNet *net)
{
  if (bp_health_matches (health, net))
    return;
  bp_health_clear (health);
  free_neurons (health);
  health->n_layers = net->n_layers;
  memcpy (health->sizes, net->sizes, (net->n_layers + 1) * sizeof (guint));
  health->n_neurons = 0;
  for (guint l = 1; l <= net->n_layers; l++)
    {
      health->offsets[l] = health->n_neurons;
      health->n_neurons += net->sizes[l];
    }
  health->offsets[net->n_layers + 1] = health->n_neurons;
  health->pending_zero = g_new0 (guint8, health->n_neurons);
  health->zero_run = g_new0 (guint, health->n_neurons);
  health->state = g_new0 (BpNeuronHealth, health->n_neurons);
  health->slope = g_new0 (double, health->n_neurons);
}

/* Forgets the steps after @step (an undo went back to it). A ReLU keeps the run of zeros
 * that is left, as far as it is known. */
static void
truncate_to (BpHealth *health,
             guint64   step)
{
  guint64 back = health->run_step - step;

  while (health->length > 0
         && health->steps[(health->start + health->length - 1) % BP_HEALTH_STEPS] > step)
    health->length--;
  for (guint k = 0; k < health->n_neurons; k++)
    health->zero_run[k] = health->zero_run[k] >= back ? health->zero_run[k] - (guint) back : 0;
  health->run_step = step;
}

/* The local slope as a share of the function's most: 1 for every function but sigmoid,
 * whose slope is at most ¼. */
static double
slope_maximum (BpActivation activation)
{
  return activation == BP_ACTIVATION_SIGMOID ? 0.25 : 1.0;
}

/* The slope of @activation at an output @a (ReLU's from a > 0, which is z > 0). */
static double
slope_at (BpActivation activation,
          double       a)
{
  return bp_activation_derivative (activation, a > 0.0 ? 1.0 : -1.0, a);
}

static double
mean_slope (BpActivation          activation,
            const BpForwardBatch *train,
            guint                 layer,
            guint                 index,
            gboolean             *all_zero)
{
  const double *a = bp_forward_batch_values (train, layer, index);
  double sum = 0.0;

  *all_zero = TRUE;
  for (guint p = 0; p < train->n_points; p++)
    {
      sum += slope_at (activation, a[p]);
      *all_zero = *all_zero && a[p] == 0.0;
    }
  return train->n_points > 0 ? sum / train->n_points : 1.0;
}

/* Whether a saturated @activation of @layer blocks the gradient: a sigmoid output under
 * cross-entropy does not, since its slope cancels out of dL/dz = y − t. */
static gboolean
may_saturate (const BpNet *net,
              guint        layer)
{
  BpActivation activation = net->activations[layer - 1];

  if (activation == BP_ACTIVATION_TANH)
    return TRUE;
  return activation == BP_ACTIVATION_SIGMOID
         && !(layer == net->n_layers && net->loss_kind == BP_LOSS_CROSS_ENTROPY);
}

static void
measure_neuron (BpHealth             *health,
                const BpNet          *net,
                const BpForwardBatch *train,
                guint                 layer,
                guint                 index)
{
  BpActivation activation = net->activations[layer - 1];
  guint k = health->offsets[layer] + index;
  gboolean all_zero;
  double slope;

  if (train != NULL)
    slope = mean_slope (activation, train, layer, index, &all_zero);
  else
    {
      slope = slope_at (activation, net->a[layer][index]);
      all_zero = net->a[layer][index] == 0.0
                 && health->zero_run[k] >= BP_HEALTH_DEAD_STEPS;
    }
  health->slope[k] = slope;
  health->state[k] = BP_NEURON_HEALTHY;
  if (activation == BP_ACTIVATION_RELU && all_zero)
    health->state[k] = BP_NEURON_DEAD;
  else if (may_saturate (net, layer)
           && slope < BP_HEALTH_SATURATED_SHARE * slope_maximum (activation))
    health->state[k] = BP_NEURON_SATURATED;
}

static inline double
gradient (const BpNet *net,
          guint        layer,
          guint        to,
          guint        from,
          gboolean     batch)
{
  return batch ? bp_net_batch_weight_gradient (net, layer, to, from)
               : bp_net_sample_weight_gradient (net, layer, to, from);
}

/* The L2 norm of a weight layer's gradient, the sample's or the batch's: the plain sum of
 * squares in one pass, or scaled by the largest entry when squares would overflow or lose
 * their precision to underflow (a vanishing gradient keeps its digits). */
static double
norm_of (const BpNet *net,
         guint        layer,
         gboolean     batch)
{
  guint n_to = net->sizes[layer + 1], n_from = net->sizes[layer];
  double largest = 0.0, sum = 0.0;

  for (guint to = 0; to < n_to; to++)
    for (guint from = 0; from < n_from; from++)
      {
        double g = gradient (net, layer, to, from, batch);

        sum += g * g;
      }
  if (isfinite (sum) && sum > 1e-280)
    return sqrt (sum);
  for (guint to = 0; to < n_to; to++)
    for (guint from = 0; from < n_from; from++)
      largest = fmax (largest, fabs (gradient (net, layer, to, from, batch)));
  if (largest == 0.0 || !isfinite (largest))
    return largest;
  sum = 0.0;
  for (guint to = 0; to < n_to; to++)
    for (guint from = 0; from < n_from; from++)
      {
        double g = gradient (net, layer, to, from, batch) / largest;

        sum += g * g;
      }
  return largest * sqrt (sum);
}

/**
 * bp_health_new:
 *
 * Returns: (transfer full): an empty record
 */
BpHealth *
bp_health_new (void)
{
  return g_new0 (BpHealth, 1);
}

void
bp_health_free (BpHealth *health)
{
  if (health == NULL)
    return;
  free_neurons (health);
  g_free (health);
}

/**
 * bp_health_clear:
 * @health: a record
 *
 * Forgets every step and every run of zeros: after a reset, a load or a change of shape.
 */
void
bp_health_clear (BpHealth *health)
{
  g_return_if_fail (health != NULL);

  health->start = health->length = 0;
  health->run_step = 0;
  health->has_pending = FALSE;
  if (health->zero_run != NULL)
    memset (health->zero_run, 0, health->n_neurons * sizeof (guint));
}

/**
 * bp_health_gradient_norm:
 * @net: a network
 * @layer: a weight layer
 *
 * The L2 norm of the gradient of weight layer @layer that the next step applies
 * (bp_net_weight_gradient ()), computed without overflow.
 *
 * Returns: the norm, or infinity if a gradient is not finite
 */
double
bp_health_gradient_norm (const BpNet *net,
                         guint        layer)
{
  g_return_val_if_fail (net != NULL && layer < net->n_layers, 0.0);
  return norm_of (net, layer, net->shows_batch);
}

/**
 * bp_health_take_gradient:
 * @health: a record
 * @net: the network, before its step
 * @with_example: %TRUE in example mode: the step trains on the example the net holds, with
 *   its gradient, and the ReLUs that give 0 at it count towards their runs of zeros;
 *   %FALSE in dataset mode: the step was a mini-batch step, whose mean gradient with its
 *   penalty the net keeps
 *
 * Keeps the gradient of a step; bp_health_commit_step () records it once the step was
 * applied. In example mode call it before the step, in dataset mode after it.
 */
void
bp_health_take_gradient (BpHealth    *health,
                         const BpNet *net,
                         gboolean     with_example)
{
  g_return_if_fail (health != NULL && net != NULL);

  ensure_shape (health, net);
  for (guint l = 0; l < net->n_layers; l++)
    health->pending[l] = norm_of (net, l, !with_example);
  health->pending_example = with_example;
  if (with_example)
    for (guint l = 1; l <= net->n_layers; l++)
      for (guint j = 0; j < net->sizes[l]; j++)
        health->pending_zero[health->offsets[l] + j] =
          net->activations[l - 1] == BP_ACTIVATION_RELU && net->a[l][j] == 0.0;
  health->has_pending = TRUE;
}

/**
 * bp_health_commit_step:
 * @health: a record
 * @step: the step count once the step was applied
 *
 * Records the gradient bp_health_take_gradient () kept as that of step @step.
 */
void
bp_health_commit_step (BpHealth *health,
                       guint64   step)
{
  guint slot;

  g_return_if_fail (health != NULL);

  if (!health->has_pending)
    return;
  if (health->length > 0 && step <= health->run_step)
    truncate_to (health, step - 1);
  if (health->length == BP_HEALTH_STEPS)
    {
      health->start = (health->start + 1) % BP_HEALTH_STEPS;
      health->length--;
    }
  slot = (health->start + health->length++) % BP_HEALTH_STEPS;
  memcpy (health->norms[slot], health->pending, sizeof health->pending);
  health->steps[slot] = step;
  health->run_step = step;
  if (health->pending_example)
    for (guint k = 0; k < health->n_neurons; k++)
      health->zero_run[k] = health->pending_zero[k] ? MIN (health->zero_run[k] + 1,
                                                           G_MAXUINT - 1) : 0;
  health->has_pending = FALSE;
}

/**
 * bp_health_measure:
 * @health: a record
 * @net: the network after an operation, recomputed
 * @step: its step count
 * @train: (nullable): in dataset mode, the forward pass of the whole training set
 *
 * Measures every neuron: at the net's example, or with @train over the training set.
 * A step count lower than the last recorded (an undo, a reset) forgets the steps after it.
 */
void
bp_health_measure (BpHealth             *health,
                   const BpNet          *net,
                   guint64               step,
                   const BpForwardBatch *train)
{
  g_return_if_fail (health != NULL && net != NULL);

  ensure_shape (health, net);
  if (step == 0)
    bp_health_clear (health);
  else if (step < health->run_step)
    truncate_to (health, step);
  health->has_pending = FALSE;
  health->over_dataset = train != NULL;
  for (guint l = 1; l <= net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l]; j++)
      measure_neuron (health, net, train, l, j);
}

guint
bp_health_get_n_layers (const BpHealth *health)
{
  g_return_val_if_fail (health != NULL, 0);
  return health->n_layers;
}

/**
 * bp_health_get_n_steps:
 * @health: a record
 *
 * Returns: the steps recorded, at most %BP_HEALTH_STEPS
 */
guint
bp_health_get_n_steps (const BpHealth *health)
{
  g_return_val_if_fail (health != NULL, 0);
  return health->length;
}

/**
 * bp_health_get_last_step:
 * @health: a record
 *
 * Returns: the step count after the last step recorded, or 0
 */
guint64
bp_health_get_last_step (const BpHealth *health)
{
  g_return_val_if_fail (health != NULL, 0);
  return health->length > 0 ? health->run_step : 0;
}

/**
 * bp_health_get_step:
 * @health: a record
 * @index: a recorded step, 0 the oldest
 * @step: (out): its number (the step count once it was applied)
 *
 * Returns: whether @index was recorded
 */
gboolean
bp_health_get_step (const BpHealth *health,
                    guint           index,
                    guint64        *step)
{
  g_return_val_if_fail (health != NULL && step != NULL, FALSE);

  if (index >= health->length)
    return FALSE;
  *step = health->steps[(health->start + index) % BP_HEALTH_STEPS];
  return TRUE;
}

/**
 * bp_health_get_norm:
 * @health: a record
 * @layer: a weight layer
 * @index: a recorded step, 0 the oldest
 *
 * Returns: the L2 norm of that layer's weight gradient at that step, or NaN
 */
double
bp_health_get_norm (const BpHealth *health,
                    guint           layer,
                    guint           index)
{
  g_return_val_if_fail (health != NULL, NAN);

  if (index >= health->length || layer >= health->n_layers)
    return NAN;
  return health->norms[(health->start + index) % BP_HEALTH_STEPS][layer];
}

double
bp_health_get_last_norm (const BpHealth *health,
                         guint           layer)
{
  g_return_val_if_fail (health != NULL, NAN);
  return bp_health_get_norm (health, layer, health->length - 1);
}

/**
 * bp_health_get_trend:
 * @health: a record
 * @layer: a weight layer
 *
 * Returns: how the layer's last norm reads: vanishing under %BP_HEALTH_VANISHING,
 *   exploding over %BP_HEALTH_EXPLODING
 */
BpGradientTrend
bp_health_get_trend (const BpHealth *health,
                     guint           layer)
{
  double norm;

  g_return_val_if_fail (health != NULL, BP_GRADIENT_UNKNOWN);

  if (health->length == 0 || layer >= health->n_layers)
    return BP_GRADIENT_UNKNOWN;
  norm = bp_health_get_last_norm (health, layer);
  if (norm < BP_HEALTH_VANISHING)
    return BP_GRADIENT_VANISHING;
  if (norm > BP_HEALTH_EXPLODING)
    return BP_GRADIENT_EXPLODING;
  return BP_GRADIENT_STEADY;
}

/**
 * bp_health_matches:
 * @health: a record
 * @net: a network
 *
 * Returns: whether @health was measured on a network of @net's shape
 */
gboolean
bp_health_matches (const BpHealth *health,
                   const BpNet    *net)
{
  g_return_val_if_fail (health != NULL && net != NULL, FALSE);
  return health->n_layers == net->n_layers
         && memcmp (health->sizes, net->sizes, (net->n_layers + 1) * sizeof (guint)) == 0;
}

/**
 * bp_health_over_dataset:
 * @health: a record
 *
 * Returns: whether the neurons were last measured over a training set, not one example
 */
gboolean
bp_health_over_dataset (const BpHealth *health)
{
  g_return_val_if_fail (health != NULL, FALSE);
  return health->over_dataset;
}

/**
 * bp_health_get_neuron:
 * @health: a record
 * @layer: a layer, 1 (the first hidden) to L (the output)
 * @index: a neuron of it
 * @slope: (out) (optional): its local slope f′, or in dataset mode its mean over the
 *   training set
 *
 * Returns: whether the neuron is saturated, dead or neither
 */
BpNeuronHealth
bp_health_get_neuron (const BpHealth *health,
                      guint           layer,
                      guint           index,
                      double         *slope)
{
  guint k;

  g_return_val_if_fail (health != NULL, BP_NEURON_HEALTHY);

  if (slope != NULL)
    *slope = NAN;
  if (layer == 0 || layer > health->n_layers || index >= health->sizes[layer])
    return BP_NEURON_HEALTHY;
  k = health->offsets[layer] + index;
  if (slope != NULL)
    *slope = health->slope[k];
  return health->state[k];
}

/**
 * bp_health_count:
 * @health: a record
 * @kind: saturated or dead
 *
 * Returns: the neurons measured so
 */
guint
bp_health_count (const BpHealth *health,
                 BpNeuronHealth  kind)
{
  guint n = 0;

  g_return_val_if_fail (health != NULL, 0);
  for (guint k = 0; k < health->n_neurons; k++)
    n += health->state[k] == kind;
  return n;
}
