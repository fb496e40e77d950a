/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Gradient health: the norms BpNetwork records equal norms recomputed from the engine's
 * gradients, step by step, in both modes; saturated and dead neurons are found on networks
 * built to have them, and not on healthy ones. */
#include "config.h"

#include <math.h>

#include "bp-dataset.h"
#include "bp-minibatch.h"
#include "bp-network.h"

/* The plain sum of squares, written independently of bp-health.c. */
static double
plain_norm (const BpNet *net,
            guint        layer,
            gboolean     batch)
{
  double sum = 0.0;

  for (guint to = 0; to < net->sizes[layer + 1]; to++)
    for (guint from = 0; from < net->sizes[layer]; from++)
      {
        double g = batch ? bp_net_batch_weight_gradient (net, layer, to, from)
                         : net->delta[layer + 1][to] * net->a[layer][from];

        sum += g * g;
      }
  return sqrt (sum);
}

static void
assert_close (double a,
              double b)
{
  g_assert_true (isfinite (a) && isfinite (b));
  g_assert_cmpfloat (fabs (a - b), <=, 1e-12 * fmax (fabs (b), 1e-300));
}

static BpNet *
make_net (guint               n_sizes,
          const guint        *sizes,
          const BpActivation *acts,
          double              input)
{
  BpNet *net = bp_net_new (n_sizes, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  double in[4] = { input, -input / 2, input / 3, 0.25 };
  double target[4] = { 0.8, 0.1, 0.3, 0.5 };

  g_assert_nonnull (net);
  bp_net_init_seeded (net, 11);
  bp_net_set_input (net, in);
  g_assert_true (bp_net_set_target (net, target, NULL));
  bp_net_set_learning_rate (net, 0.2, NULL);
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

static BpNetwork *
make_network (guint               n_sizes,
              const guint        *sizes,
              const BpActivation *acts,
              double              input)
{
  return bp_network_new_from_net (make_net (n_sizes, sizes, acts, input), NULL);
}

/* Example mode: each step's norms are those of the gradient it applied. */
static void
test_norms_example (void)
{
  const guint sizes[] = { 2, 4, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID, BP_ACTIVATION_LINEAR };
  g_autoptr(BpNetwork) network = make_network (4, sizes, acts, 0.7);
  g_autoptr(BpNet) copy = bp_net_copy (bp_network_get_net (network));
  const BpHealth *health = bp_network_get_health (network);
  double expected[30][3];

  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 0);
  g_assert_cmpint (bp_health_get_trend (health, 0), ==, BP_GRADIENT_UNKNOWN);
  for (guint s = 0; s < 30; s++)
    {
      for (guint l = 0; l < 3; l++)
        expected[s][l] = plain_norm (copy, l, FALSE);
      g_assert_true (bp_net_step (copy, NULL));
    }
  /* One step, then batches of steps, as the play loop runs them. */
  g_assert_true (bp_network_step (network, NULL));
  g_assert_true (bp_network_step_n (network, 9, NULL));
  g_assert_true (bp_network_step_n (network, 20, NULL));
  g_assert_cmpuint (bp_health_get_n_layers (health), ==, 3);
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 30);
  g_assert_cmpuint (bp_health_get_last_step (health), ==, 30);
  for (guint s = 0; s < 30; s++)
    {
      guint64 step;

      g_assert_true (bp_health_get_step (health, s, &step));
      g_assert_cmpuint (step, ==, s + 1);
      for (guint l = 0; l < 3; l++)
        assert_close (bp_health_get_norm (health, l, s), expected[s][l]);
    }
  /* The network now holds the gradient of step 31, as the engine's copy does. */
  for (guint l = 0; l < 3; l++)
    assert_close (bp_health_gradient_norm (bp_network_get_net (network), l),
                  plain_norm (copy, l, FALSE));
  /* The example is learnt: the first layer's gradient has vanished; not so at step 1. */
  g_test_message ("layer 1: %g at step 1, %g at step 30", expected[0][0], expected[29][0]);
  g_assert_cmpfloat (expected[0][0], >, BP_HEALTH_VANISHING);
  g_assert_cmpint (bp_health_get_trend (health, 0), ==,
                   expected[29][0] < BP_HEALTH_VANISHING ? BP_GRADIENT_VANISHING
                                                         : BP_GRADIENT_STEADY);
}

static BpDataset *
make_xor (void)
{
  g_autoptr(GError) error = NULL;
  BpDataset *dataset = bp_dataset_generate (BP_GENERATOR_XOR, 200, 0.0, 50.0, 7, &error);

  g_assert_no_error (error);
  return dataset;
}

static void
to_dataset_mode (BpNetwork *network)
{
  g_autoptr(BpDataset) dataset = make_xor ();
  g_autoptr(GError) error = NULL;

  bp_network_set_dataset (network, dataset, NULL);
  bp_network_set_features (network, BP_FEATURES_DEFAULT);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_no_error (error);
}

/* The training points as the network takes them. */
static void
fill_train (const BpDataset *dataset,
            double          *inputs,
            double          *targets)
{
  for (guint k = 0; k < dataset->n_train; k++)
    {
      bp_feature_set_fill (BP_FEATURES_DEFAULT, dataset->points[k].x1,
                           dataset->points[k].x2, inputs + k * 2);
      targets[k] = dataset->points[k].label;
    }
}

/* Dataset mode: the norm of each mini-batch's mean gradient with its L2 penalty. */
static void
test_norms_dataset (void)
{
  const guint sizes[] = { 2, 5, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNetwork) network = make_network (3, sizes, acts, 0.5);
  const BpHealth *health = bp_network_get_health (network);
  g_autoptr(BpMinibatch) mb = NULL;
  g_autoptr(BpNet) copy = NULL;
  const BpDataset *dataset;
  g_autofree double *inputs = NULL, *targets = NULL;
  double expected[25][2];

  to_dataset_mode (network);
  g_assert_true (bp_network_set_regularization (network, BP_REGULARIZATION_L2, 0.01, NULL));
  bp_network_set_batch_size (network, 8);
  dataset = bp_network_get_dataset (network);
  inputs = g_new (double, dataset->n_train * 2);
  targets = g_new (double, dataset->n_train);
  fill_train (dataset, inputs, targets);
  copy = bp_net_copy (bp_network_get_net (network));
  mb = bp_minibatch_new (dataset->n_train, 8, 2, 1, dataset->seed);
  for (guint s = 0; s < 25; s++)
    {
      g_assert_true (bp_net_minibatch_step (copy, mb, inputs, targets, NULL, NULL));
      for (guint l = 0; l < 2; l++)
        expected[s][l] = plain_norm (copy, l, TRUE);
    }
  g_assert_true (bp_network_step_n (network, 5, NULL));
  g_assert_true (bp_network_step_n (network, 20, NULL));
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 25);
  for (guint s = 0; s < 25; s++)
    for (guint l = 0; l < 2; l++)
      assert_close (bp_health_get_norm (health, l, s), expected[s][l]);
  g_assert_true (bp_health_over_dataset (health));
}

/* The strip keeps the last 200 steps; a reset, an undo and a change of shape keep it sane. */
static void
test_ring_and_clearing (void)
{
  const guint sizes[] = { 2, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNetwork) network = make_network (3, sizes, acts, 0.5);
  const BpHealth *health = bp_network_get_health (network);
  guint64 step;

  g_assert_true (bp_network_step_n (network, 250, NULL));
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, BP_HEALTH_STEPS);
  g_assert_true (bp_health_get_step (health, 0, &step));
  g_assert_cmpuint (step, ==, 51);
  g_assert_false (bp_health_get_step (health, BP_HEALTH_STEPS, &step));
  g_assert_true (isnan (bp_health_get_norm (health, 0, BP_HEALTH_STEPS)));

  /* An edit and its undo keep the steps. */
  g_assert_true (bp_network_step_n (network, 10, NULL));
  g_assert_cmpuint (bp_health_get_last_step (health), ==, 260);
  bp_network_set_learning_rate (network, 0.3);
  g_assert_true (bp_network_set_weight (network, 0, 0, 0, 0.5, NULL));
  g_assert_true (bp_undo_undo (bp_network_get_undo (network)));
  g_assert_cmpuint (bp_health_get_last_step (health), ==, 260);

  bp_network_reset (network, 3);
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 0);
  g_assert_true (bp_undo_undo (bp_network_get_undo (network)));
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 260);
  g_assert_true (bp_network_step_n (network, 5, NULL));
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 5);
  g_assert_true (bp_health_get_step (health, 0, &step));
  g_assert_cmpuint (step, ==, 261);

  g_assert_true (bp_network_add_neuron (network, 1, 3, NULL));
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 0);
  g_assert_true (bp_health_matches (health, bp_network_get_net (network)));
}

static void
set_all_weights (BpNetwork *network,
                 guint      layer,
                 double     weight,
                 double     bias)
{
  const BpNet *net = bp_network_get_net (network);

  for (guint to = 0; to < net->sizes[layer + 1]; to++)
    {
      for (guint from = 0; from < net->sizes[layer]; from++)
        g_assert_true (bp_network_set_weight (network, layer, to, from,
                                              (from % 2 ? -1 : 1) * weight, NULL));
      g_assert_true (bp_network_set_bias (network, layer, to, bias, NULL));
    }
}

/* Huge weights push tanh and sigmoid to their limits: every such neuron is saturated. */
static void
test_saturated (void)
{
  const guint sizes[] = { 2, 4, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID, BP_ACTIVATION_LINEAR };
  g_autoptr(BpNetwork) network = make_network (4, sizes, acts, 0.7);
  const BpHealth *health = bp_network_get_health (network);
  double slope;

  /* A healthy network has no badge. */
  g_assert_cmpuint (bp_health_count (health, BP_NEURON_SATURATED), ==, 0);
  g_assert_cmpuint (bp_health_count (health, BP_NEURON_DEAD), ==, 0);

  set_all_weights (network, 0, 40.0, 5.0);
  g_assert_cmpuint (bp_health_count (health, BP_NEURON_SATURATED), ==, 4);
  g_assert_cmpint (bp_health_get_neuron (health, 1, 2, &slope), ==, BP_NEURON_SATURATED);
  g_assert_cmpfloat (slope, <, 0.01);
  g_assert_cmpfloat (slope, ==, 1.0 - pow (bp_network_get_net (network)->a[1][2], 2));
  set_all_weights (network, 1, 30.0, 30.0);
  g_assert_cmpuint (bp_health_count (health, BP_NEURON_SATURATED), ==, 7);
  g_assert_cmpint (bp_health_get_neuron (health, 2, 0, &slope), ==, BP_NEURON_SATURATED);
  g_assert_cmpfloat (slope, <, 0.0025);
  /* A linear output never saturates; a neuron out of range is healthy. */
  g_assert_cmpint (bp_health_get_neuron (health, 3, 0, NULL), ==, BP_NEURON_HEALTHY);
  g_assert_cmpint (bp_health_get_neuron (health, 9, 0, &slope), ==, BP_NEURON_HEALTHY);
  g_assert_true (isnan (slope));

  /* In dataset mode the slope is the mean over the training set. */
  to_dataset_mode (network);
  g_assert_true (bp_health_over_dataset (health));
  g_assert_cmpuint (bp_health_count (health, BP_NEURON_SATURATED), >=, 3);
  set_all_weights (network, 0, 0.1, 0.0);
  set_all_weights (network, 1, 0.1, 0.0);
  g_assert_cmpuint (bp_health_count (health, BP_NEURON_SATURATED), ==, 0);
}

/* A ReLU with a large negative bias gives 0 everywhere: dead after 100 steps of it in example
 * mode, and at once over a training set. */
static void
test_dead (void)
{
  const guint sizes[] = { 2, 4, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_LINEAR };
  g_autoptr(BpNetwork) network = make_network (3, sizes, acts, 0.7);
  const BpHealth *health = bp_network_get_health (network);
  const BpNet *net;

  g_assert_cmpuint (bp_health_count (health, BP_NEURON_DEAD), ==, 0);
  g_assert_true (bp_network_set_bias (network, 0, 1, -20.0, NULL));
  g_assert_true (bp_network_set_bias (network, 0, 3, -20.0, NULL));
  g_assert_true (bp_network_set_bias (network, 0, 0, 3.0, NULL));
  g_assert_true (bp_network_set_bias (network, 0, 2, 3.0, NULL));
  bp_network_set_learning_rate (network, 0.01);
  /* Zero at this example, but not yet for 100 steps. */
  g_assert_true (bp_network_step_n (network, BP_HEALTH_DEAD_STEPS - 1, NULL));
  g_assert_cmpuint (bp_health_count (health, BP_NEURON_DEAD), ==, 0);
  g_assert_true (bp_network_step (network, NULL));
  g_assert_cmpuint (bp_health_count (health, BP_NEURON_DEAD), ==, 2);
  g_assert_cmpint (bp_health_get_neuron (health, 1, 1, NULL), ==, BP_NEURON_DEAD);
  g_assert_cmpint (bp_health_get_neuron (health, 1, 3, NULL), ==, BP_NEURON_DEAD);
  net = bp_network_get_net (network);
  for (guint j = 0; j < 4; j++)
    if (bp_health_get_neuron (health, 1, j, NULL) != BP_NEURON_DEAD)
      g_assert_cmpfloat (net->a[1][j], >, 0.0);

  /* An edit and its undo keep the runs of zeros. */
  g_assert_true (bp_network_set_weight (network, 1, 0, 0, 0.3, NULL));
  g_assert_true (bp_undo_undo (bp_network_get_undo (network)));
  g_assert_cmpuint (bp_health_count (health, BP_NEURON_DEAD), ==, 2);

  /* Over the training set the rule needs no steps: 0 at every training point. */
  to_dataset_mode (network);
  g_assert_cmpint (bp_health_get_neuron (health, 1, 1, NULL), ==, BP_NEURON_DEAD);
  g_assert_cmpint (bp_health_get_neuron (health, 1, 3, NULL), ==, BP_NEURON_DEAD);
  g_assert_true (bp_network_set_bias (network, 0, 1, 0.5, NULL));
  g_assert_cmpint (bp_health_get_neuron (health, 1, 1, NULL), ==, BP_NEURON_HEALTHY);
  g_assert_cmpuint (bp_health_count (health, BP_NEURON_DEAD), ==, 1);
}

/* Norms of gradients whose squares overflow or underflow keep their value. */
static void
test_norm_range (void)
{
  const guint sizes[] = { 2, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_LINEAR };
  const double weights[] = { 1e200, 1e-160, 3.0 };

  for (guint k = 0; k < G_N_ELEMENTS (weights); k++)
    {
      g_autoptr(BpNet) net = bp_net_new (2, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
      double input[2] = { 1.0, 1.0 }, target = 0.0;

      bp_net_set_weight (net, 0, 0, 0, weights[k]);
      bp_net_set_input (net, input);
      g_assert_true (bp_net_set_target (net, &target, NULL));
      bp_net_forward (net);
      bp_net_backward (net);
      /* Both gradients are δ = y − t = w, so the norm is w·√2. */
      g_assert_cmpfloat (fabs (bp_health_gradient_norm (net, 0) / (weights[k] * sqrt (2.0))
                               - 1.0), <=, 1e-15);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bp/health/norms-example", test_norms_example);
  g_test_add_func ("/bp/health/norms-dataset", test_norms_dataset);
  g_test_add_func ("/bp/health/ring-and-clearing", test_ring_and_clearing);
  g_test_add_func ("/bp/health/saturated", test_saturated);
  g_test_add_func ("/bp/health/dead", test_dead);
  g_test_add_func ("/bp/health/norm-range", test_norm_range);
  return g_test_run ();
}
