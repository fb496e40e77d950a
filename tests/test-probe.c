/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The gradient check of one parameter (bp-probe.c, bp-network-probe.c): its slope against
 * backprop's gradient and against differences of the engine's losses taken here, its curve
 * against the engine's loss, its kinks, and the loss of the window's mini-batch. */
#include "bp-network-probe.h"

#include "bp-minibatch.h"

#include <math.h>
#include <string.h>

static const double batch_inputs[] = { 0.5, -1.0, 1.0, 1.0, -0.25, 0.75,
                                       -1.5, -0.5, 2.0, 0.25, 0.0, -2.0 };
static const double batch_targets[] = { 1.0, 0.0, 1.0, 0.0, 1.0, 0.0 };
#define N_EXAMPLES 6

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

static BpNet *
make_net (const BpActivation *acts,
          BpLoss              loss,
          guint32             seed)
{
  const guint sizes[] = { 2, 3, 3, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  BpNet *net = bp_net_new (4, sizes, acts, loss, &error);

  g_assert_no_error (error);
  bp_net_init_seeded (net, seed);
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < sizes[l + 1]; j++)
      net->biases[l][j] = g_rand_double_range (rand, -0.5, 0.5);
  net->a[0][0] = 0.7;
  net->a[0][1] = -0.4;
  net->target[0] = 0.8;
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

/* The engine's loss with one parameter set to @value, on a copy. */
static double
loss_at (const BpNet *net,
         guint        layer,
         guint        to,
         guint        from,
         double       value,
         gboolean     batch)
{
  g_autoptr(BpNet) copy = bp_net_copy (net);

  if (from == BP_PROBE_BIAS)
    bp_net_set_bias (copy, layer, to, value);
  else
    bp_net_set_weight (copy, layer, to, from, value);
  if (!batch)
    {
      bp_net_forward (copy);
      return copy->loss;
    }
  g_assert_true (bp_net_batch_gradient (copy, batch_inputs, batch_targets, N_EXAMPLES));
  return copy->batch_data_loss + copy->batch_penalty;
}

/* Checks one parameter: the slope agrees with backprop to gradcheck's 1e-6 and with a
 * central difference of the engine's own losses; the gradient and the curve's middle are
 * the engine's to the bit. */
static void
check_param (const BpNet *net,
             guint        layer,
             guint        to,
             guint        from,
             gboolean     batch)
{
  g_autoptr(BpNet) ref = bp_net_copy (net);
  g_autoptr(BpProbe) probe = NULL;
  double gradient, loss, value, h, coarse;
  guint mid;

  probe = bp_probe_new (net, layer, to, from, batch ? batch_inputs : NULL,
                        batch ? batch_targets : NULL, N_EXAMPLES, 41);
  if (batch)
    {
      g_assert_true (bp_net_batch_gradient (ref, batch_inputs, batch_targets, N_EXAMPLES));
      gradient = from == BP_PROBE_BIAS ? bp_net_batch_bias_gradient (ref, layer, to)
                                       : bp_net_batch_weight_gradient (ref, layer, to, from);
      loss = ref->batch_data_loss + ref->batch_penalty;
    }
  else
    {
      gradient = from == BP_PROBE_BIAS ? bp_net_sample_bias_gradient (net, layer, to)
                                       : bp_net_sample_weight_gradient (net, layer, to, from);
      loss = net->loss;
    }
  value = from == BP_PROBE_BIAS ? net->biases[layer][to] : *bp_net_weight (net, layer, to, from);
  g_assert_true (probe->finite);
  g_assert_false (probe->kink);
  g_assert_true (probe->batch == batch);
  g_assert_true (same_bits (probe->value, value));
  g_assert_true (same_bits (probe->gradient, gradient));
  g_assert_true (same_bits (probe->loss, loss));
  g_assert_cmpfloat (probe->h, ==, 1e-5 * fmax (1.0, fabs (value)));
  g_assert_cmpfloat (probe->relative_error, <=, BP_PROBE_TOLERANCE);
  g_assert_cmpfloat (probe->relative_error, ==,
                     fabs (gradient - probe->slope)
                     / fmax (1e-8, fabs (gradient) + fabs (probe->slope)));
  g_assert_cmpuint (bp_probe_digits (probe), >=, 6);

  /* The slope is measured, not copied: a coarser difference of the engine's losses agrees. */
  h = 1e-4 * fmax (1.0, fabs (value));
  coarse = (loss_at (net, layer, to, from, value + h, batch)
            - loss_at (net, layer, to, from, value - h, batch)) / (2 * h);
  g_assert_cmpfloat (fabs (coarse - probe->slope), <=, 1e-6 * fmax (1.0, fabs (coarse)));

  /* The curve: odd, increasing, centred on the value, each point the engine's loss. */
  g_assert_cmpuint (probe->n_points, ==, 41);
  mid = probe->n_points / 2;
  g_assert_true (same_bits (probe->xs[mid], value));
  g_assert_true (same_bits (probe->ys[mid], loss));
  g_assert_cmpfloat (probe->span, >, 0.0);
  g_assert_cmpfloat (probe->xs[0], ==, value - probe->span);
  for (guint k = 1; k < probe->n_points; k++)
    g_assert_cmpfloat (probe->xs[k], >, probe->xs[k - 1]);
  for (guint k = 0; k < probe->n_points; k += 10)
    g_assert_true (same_bits (probe->ys[k],
                              loss_at (net, layer, to, from, probe->xs[k], batch)));
}

static void
check_all (const BpNet *net,
           gboolean     batch)
{
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      {
        for (guint i = 0; i < net->sizes[l]; i++)
          check_param (net, l, j, i, batch);
        check_param (net, l, j, BP_PROBE_BIAS, batch);
      }
}

static void
test_smooth_example (void)
{
  const BpActivation tanh_sig[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                    BP_ACTIVATION_SIGMOID };
  const BpActivation sig_lin[] = { BP_ACTIVATION_SIGMOID, BP_ACTIVATION_SIGMOID,
                                   BP_ACTIVATION_LINEAR };

  for (guint32 seed = 1; seed <= 3; seed++)
    {
      g_autoptr(BpNet) se = make_net (tanh_sig, BP_LOSS_SQUARED_ERROR, seed);
      g_autoptr(BpNet) ce = make_net (tanh_sig, BP_LOSS_CROSS_ENTROPY, seed);
      g_autoptr(BpNet) lin = make_net (sig_lin, BP_LOSS_SQUARED_ERROR, seed);

      check_all (se, FALSE);
      check_all (ce, FALSE);
      check_all (lin, FALSE);
    }
}

/* ReLU networks away from their kinks: every check of a seed that has none. */
static void
test_relu (void)
{
  const BpActivation relu[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_LEAKY_RELU,
                                BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) se = make_net (relu, BP_LOSS_SQUARED_ERROR, 5);
  g_autoptr(BpNet) ce = make_net (relu, BP_LOSS_CROSS_ENTROPY, 5);

  check_all (se, FALSE);
  check_all (ce, FALSE);
  check_all (ce, TRUE);
}

static void
test_batch_regularized (void)
{
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID,
                                BP_ACTIVATION_SIGMOID };
  const BpRegularization kinds[] = { BP_REGULARIZATION_NONE, BP_REGULARIZATION_L1,
                                     BP_REGULARIZATION_L2 };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (BpLoss loss = 0; loss < BP_N_LOSSES; loss++)
      {
        g_autoptr(BpNet) net = make_net (acts, loss, 11 + k);

        g_assert_true (bp_net_set_regularization (net, kinds[k], 0.03, NULL));
        check_all (net, TRUE);
      }
}

/* A ReLU whose sum is exactly 0: backprop takes one side's slope, the difference averages
 * both, and the probe says there is a kink instead of a disagreement. */
static void
test_relu_kink (void)
{
  const guint sizes[] = { 1, 1, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_LINEAR };
  g_autoptr(BpNet) net = bp_net_new (3, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpProbe) at_kink = NULL;
  g_autoptr(BpProbe) away = NULL;

  net->a[0][0] = 1.0;
  bp_net_set_weight (net, 0, 0, 0, 0.5);
  bp_net_set_bias (net, 0, 0, -0.5);
  bp_net_set_weight (net, 1, 0, 0, 2.0);
  net->target[0] = 1.0;
  bp_net_forward (net);
  bp_net_backward (net);
  g_assert_cmpfloat (net->z[1][0], ==, 0.0);
  at_kink = bp_probe_new (net, 0, 0, 0, NULL, NULL, 0, 11);
  g_assert_true (at_kink->kink);
  g_assert_cmpfloat (at_kink->relative_error, >, BP_PROBE_TOLERANCE);

  bp_net_set_bias (net, 0, 0, 0.25);
  bp_net_forward (net);
  bp_net_backward (net);
  away = bp_probe_new (net, 0, 0, 0, NULL, NULL, 0, 11);
  g_assert_false (away->kink);
  g_assert_cmpfloat (away->relative_error, <=, BP_PROBE_TOLERANCE);
}

/* L1's |w| bends at 0: a weight within h of it is a kink in batch mode only. */
static void
test_l1_kink (void)
{
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) net = make_net (acts, BP_LOSS_SQUARED_ERROR, 3);
  g_autoptr(BpProbe) batch = NULL;
  g_autoptr(BpProbe) example = NULL;

  g_assert_true (bp_net_set_regularization (net, BP_REGULARIZATION_L1, 0.1, NULL));
  bp_net_set_weight (net, 1, 0, 0, 3e-6);
  bp_net_forward (net);
  bp_net_backward (net);
  batch = bp_probe_new (net, 1, 0, 0, batch_inputs, batch_targets, N_EXAMPLES, 11);
  g_assert_true (batch->kink);
  example = bp_probe_new (net, 1, 0, 0, NULL, NULL, 0, 11);
  g_assert_false (example->kink);
  g_assert_cmpfloat (example->relative_error, <=, BP_PROBE_TOLERANCE);
}

static void
test_relative_error (void)
{
  g_assert_cmpfloat (bp_probe_relative_error (1.0, 1.0), ==, 0.0);
  g_assert_cmpfloat (bp_probe_relative_error (1.0, 3.0), ==, 0.5);
  /* Below 10⁻⁸ the denominator stops shrinking, as gradcheck's does. */
  g_assert_cmpfloat (bp_probe_relative_error (1e-12, 2e-12), ==, 1e-12 / 1e-8);
}

static void
test_budget (void)
{
  const guint small[] = { 2, 3, 1 };
  const guint big[] = { 2, 2000, 2000, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) a = bp_net_new (3, small, acts + 1, BP_LOSS_SQUARED_ERROR, NULL);
  g_autoptr(BpNet) b = bp_net_new (4, big, acts, BP_LOSS_SQUARED_ERROR, NULL);

  g_assert_cmpuint (bp_probe_budget_points (a, 10), ==, 101);
  g_assert_cmpuint (bp_probe_budget_points (b, 10), ==, 11);
}

/* In dataset mode the probe's loss is the next mini-batch's, whose gradient the net shows. */
static void
test_network_dataset (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_XOR, 200, 0.0, 50.0, 7,
                                                      &error);
  g_autoptr(BpNetwork) network = bp_network_new ();
  BpSelection weight = { BP_SELECTION_CONNECTION, 0, 1, 0 };
  BpSelection bias = { BP_SELECTION_BIAS, 1, 0, 0 };
  BpSelection node = { BP_SELECTION_NODE, 1, 0, 0 };
  double inputs[BP_FILE_MAX_BATCH_SIZE * BP_N_FEATURES];
  double targets[BP_FILE_MAX_BATCH_SIZE];

  g_assert_no_error (error);
  g_assert_cmpuint (bp_network_get_next_batch (network, inputs, targets), ==, 0);
  bp_network_set_dataset (network, dataset, NULL);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_true (bp_network_set_regularization (network, BP_REGULARIZATION_L2, 0.01, &error));
  g_assert_true (bp_network_step_n (network, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bp_network_get_next_batch (network, inputs, targets), ==,
                    bp_network_get_batch_size (network));
  for (guint round = 0; round < 2; round++)
    {
      const BpNet *net = bp_network_get_net (network);
      g_autoptr(BpProbe) w = bp_network_probe (network, NULL, &weight, 0);
      g_autoptr(BpProbe) b = bp_network_probe (network, NULL, &bias, 0);
      g_autoptr(BpNet) ref = bp_net_copy (net);

      g_assert_true (w->batch);
      g_assert_true (same_bits (w->gradient, bp_net_weight_gradient (net, 0, 1, 0)));
      g_assert_true (same_bits (b->gradient, bp_net_bias_gradient (net, 1, 0)));
      g_assert_cmpfloat (w->relative_error, <=, BP_PROBE_TOLERANCE);
      g_assert_cmpfloat (b->relative_error, <=, BP_PROBE_TOLERANCE);
      /* The curve's middle is the loss the next step reports, bit for bit. */
      g_assert_true (bp_net_batch_gradient (ref, inputs, targets,
                                            bp_network_get_next_batch (network, inputs,
                                                                       targets)));
      g_assert_true (same_bits (w->ys[w->n_points / 2],
                                ref->batch_data_loss + ref->batch_penalty));
      g_assert_true (same_bits (net->batch_data_loss + net->batch_penalty,
                                ref->batch_data_loss + ref->batch_penalty));
      g_assert_cmpuint (w->n_points, ==, 101);
      g_assert_true (bp_network_step (network, &error));
    }
  g_assert_null (bp_network_probe (network, NULL, &node, 0));
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_EXAMPLE, &error));
  {
    g_autoptr(BpProbe) w = bp_network_probe (network, NULL, &weight, 0);

    g_assert_false (w->batch);
    g_assert_true (same_bits (w->loss, bp_network_get_loss (network)));
    g_assert_true (same_bits (w->gradient,
                              bp_net_weight_gradient (bp_network_get_net (network), 0, 1, 0)));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bp/probe/smooth-example", test_smooth_example);
  g_test_add_func ("/bp/probe/relu", test_relu);
  g_test_add_func ("/bp/probe/batch-regularized", test_batch_regularized);
  g_test_add_func ("/bp/probe/relu-kink", test_relu_kink);
  g_test_add_func ("/bp/probe/l1-kink", test_l1_kink);
  g_test_add_func ("/bp/probe/relative-error", test_relative_error);
  g_test_add_func ("/bp/probe/budget", test_budget);
  g_test_add_func ("/bp/probe/network-dataset", test_network_dataset);
  return g_test_run ();
}
