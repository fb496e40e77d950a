/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-grid: not a test. The time of every neuron's map and the output over a 100×100 grid
 * of −6…6 (bp_net_forward_batch, exact and fast, against a loop of bp_net_forward), for
 * 6-8-8-8-1 (x1, x2, x1², x2², sin x1, sin x2) and 7-8-8-8-1 (all seven features), tanh
 * hidden layers and a sigmoid output; and mini-batch steps of 10 on 6-8-8-8-1, plain and L2.
 * Prints the median of 31 rounds. Usage: bench-grid [ROUNDS] */
#include "bp-core.h"
#include "bp-forward-batch.h"

#include <math.h>
#include <stdlib.h>

#define GRID 100
#define N_POINTS (GRID * GRID)

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The features of the grid's points, in the order, the first n_features of
 * x1, x2, x1², x2², sin x1, sin x2, x1·x2 (7-8-8-8-1 takes them all). */
static double *
grid_inputs (guint n_features)
{
  double *inputs = g_new (double, (gsize) N_POINTS * n_features);

  for (guint r = 0; r < GRID; r++)
    for (guint c = 0; c < GRID; c++)
      {
        double x1 = -6.0 + 12.0 * (c + 0.5) / GRID, x2 = 6.0 - 12.0 * (r + 0.5) / GRID;
        double all[7] = { x1, x2, x1 * x1, x2 * x2, sin (x1), sin (x2), x1 * x2 };

        for (guint f = 0; f < n_features; f++)
          inputs[((gsize) r * GRID + c) * n_features + f] = all[f];
      }
  return inputs;
}

static BpNet *
grid_network (guint n_features)
{
  const guint sizes[] = { n_features, 8, 8, 8, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  BpNet *net = bp_net_new (5, sizes, acts, BP_LOSS_CROSS_ENTROPY, NULL);

  bp_net_init_seeded (net, 1);
  return net;
}

typedef enum { RUN_EXACT, RUN_FAST, RUN_SINGLE, RUN_STEP, RUN_STEP_L2 } Run;

static void
run_once (BpNet          *net,
          const double   *inputs,
          BpForwardBatch *batch,
          Run             run)
{
  static const double targets[10] = { 0, 1, 1, 0, 1, 0, 0, 1, 1, 0 };

  switch (run)
    {
    case RUN_EXACT:
    case RUN_FAST:
      bp_net_forward_batch (net, inputs, N_POINTS, run == RUN_FAST ? BP_FORWARD_FAST
                                                                   : BP_FORWARD_EXACT, batch);
      break;
    case RUN_SINGLE:
      for (guint p = 0; p < N_POINTS; p++)
        {
          bp_net_set_input (net, inputs + (gsize) p * net->sizes[0]);
          bp_net_forward (net);
        }
      break;
    case RUN_STEP:
    case RUN_STEP_L2:
    default:
      for (guint s = 0; s < 100; s++)
        bp_net_batch_step (net, inputs + (gsize) (s % 50) * 10 * net->sizes[0], targets, 10,
                           NULL, NULL);
      break;
    }
}

/* Milliseconds of one run, the median over the rounds. */
static double
measure (BpNet          *net,
         const double   *inputs,
         BpForwardBatch *batch,
         Run             run,
         guint           rounds)
{
  g_autofree double *ms = g_new (double, rounds);

  run_once (net, inputs, batch, run);
  for (guint r = 0; r < rounds; r++)
    {
      gint64 start = g_get_monotonic_time ();

      run_once (net, inputs, batch, run);
      ms[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (ms, rounds, sizeof (double), compare_doubles);
  return ms[rounds / 2];
}

int
main (int    argc,
      char **argv)
{
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 31;

  rounds = MAX (rounds, 1);
  g_print ("100x100 grid, every neuron and the output; median of %u rounds\n", rounds);
  for (guint n_features = 6; n_features <= 7; n_features++)
    {
      g_autoptr(BpNet) net = grid_network (n_features);
      g_autoptr(BpForwardBatch) batch = bp_forward_batch_new (net, N_POINTS);
      g_autofree double *inputs = grid_inputs (n_features);

      g_print ("  %u-8-8-8-1  batched exact %6.3f ms   batched fast %6.3f ms   "
               "bp_net_forward loop %6.3f ms\n", n_features,
               measure (net, inputs, batch, RUN_EXACT, rounds),
               measure (net, inputs, batch, RUN_FAST, rounds),
               measure (net, inputs, batch, RUN_SINGLE, rounds));
    }
  {
    g_autoptr(BpNet) net = grid_network (6);
    g_autoptr(BpNet) l2 = grid_network (6);
    g_autofree double *inputs = grid_inputs (6);
    double plain, regularized;

    bp_net_set_learning_rate (net, 0.03, NULL);
    bp_net_set_learning_rate (l2, 0.03, NULL);
    bp_net_set_regularization (l2, BP_REGULARIZATION_L2, 0.001, NULL);
    plain = measure (net, inputs, NULL, RUN_STEP, rounds);
    regularized = measure (l2, inputs, NULL, RUN_STEP_L2, rounds);
    g_print ("6-8-8-8-1 mini-batch steps of 10: %.0f steps/s plain, %.0f steps/s L2\n",
             100 / plain * 1000.0, 100 / regularized * 1000.0);
  }
  return 0;
}
