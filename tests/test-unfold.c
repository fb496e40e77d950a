/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-unfold.c: a neuron unfolded into its computation graph: the chain rule node by node,
 * the engine's stored gradients, finite differences of the loss, and the batch view. */
#include "bp-unfold.h"

#include <math.h>

static BpNet *
make_net (guint               n_sizes,
          const guint        *sizes,
          const BpActivation *acts,
          BpLoss              loss)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (n_sizes * 11 + loss);
  BpNet *net = bp_net_new (n_sizes, sizes, acts, loss, NULL);

  g_assert_nonnull (net);
  bp_net_init_seeded (net, 7);
  for (guint i = 0; i < sizes[0]; i++)
    net->a[0][i] = g_rand_double_range (rand, -1.0, 1.0);
  for (guint k = 0; k < sizes[n_sizes - 1]; k++)
    net->target[k] = g_rand_double_range (rand, 0.1, 0.9);
  for (guint l = 0; l + 1 < n_sizes; l++)
    for (guint j = 0; j < sizes[l + 1]; j++)
      bp_net_set_bias (net, l, j, g_rand_double_range (rand, -0.3, 0.3));
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

/* The loss with weight (layer, to, from) moved by @h (from G_MAXUINT: the bias). */
static double
loss_moved (BpNet *net,
            guint  layer,
            guint  to,
            guint  from,
            double h)
{
  double old = from == G_MAXUINT ? net->biases[layer][to] : *bp_net_weight (net, layer, to, from);
  double loss;

  if (from == G_MAXUINT)
    bp_net_set_bias (net, layer, to, old + h);
  else
    bp_net_set_weight (net, layer, to, from, old + h);
  bp_net_forward (net);
  loss = net->loss;
  if (from == G_MAXUINT)
    bp_net_set_bias (net, layer, to, old);
  else
    bp_net_set_weight (net, layer, to, from, old);
  bp_net_forward (net);
  return loss;
}

/* Gradcheck's relative error of a central difference against @g. */
static void
assert_slope (BpNet  *net,
              guint   layer,
              guint   to,
              guint   from,
              double  g)
{
  const double h = 1e-5;
  double slope = (loss_moved (net, layer, to, from, h) - loss_moved (net, layer, to, from, -h))
                 / (2 * h);

  g_assert_cmpfloat (fabs (slope - g), <=, 1e-6 * fmax (1.0, fmax (fabs (slope), fabs (g))));
}

static void
check_neuron (BpNet *net,
              guint  layer,
              guint  j,
              gboolean exact_activation)
{
  g_autoptr(BpUnfold) u = bp_unfold_new (net, layer, j);
  double sum = 0.0;

  g_assert_nonnull (u);
  g_assert_cmpuint (u->n_terms, ==, net->sizes[layer - 1]);
  g_assert_cmpint (u->output, ==, layer == net->n_layers);
  /* Forward: the nodes' values. */
  g_assert_cmpfloat_with_epsilon (u->sum + u->bias, net->z[layer][j], 1e-12);
  g_assert_cmpfloat (u->z, ==, net->z[layer][j]);
  g_assert_cmpfloat (u->a, ==, net->a[layer][j]);
  /* Backward: each node's gradient is the one above times the edge's local derivative. */
  g_assert_cmpfloat (u->grad_z, ==, net->delta[layer][j]);
  if (exact_activation)
    g_assert_cmpfloat_with_epsilon (u->derivative * u->grad_a, u->grad_z,
                                    1e-12 * fmax (1.0, fabs (u->grad_z)));
  g_assert_cmpfloat (u->grad_sum, ==, u->grad_z);
  g_assert_cmpfloat (u->grad_bias, ==, u->grad_z);
  g_assert_cmpfloat (u->grad_bias, ==, bp_net_sample_bias_gradient (net, layer - 1, j));
  assert_slope (net, layer - 1, j, G_MAXUINT, u->grad_bias);
  for (guint i = 0; i < u->n_terms; i++)
    {
      const BpUnfoldTerm *t = &u->terms[i];

      g_assert_cmpuint (t->from, ==, i);
      g_assert_cmpfloat (t->weight, ==, *bp_net_weight (net, layer - 1, j, i));
      g_assert_cmpfloat (t->input, ==, net->a[layer - 1][i]);
      g_assert_cmpfloat (t->product, ==, t->weight * t->input);
      g_assert_cmpfloat (t->grad_product, ==, u->grad_sum);
      g_assert_cmpfloat (t->grad_weight, ==, t->input * u->grad_z);
      g_assert_cmpfloat (t->grad_input, ==, t->weight * u->grad_z);
      /* The engine's own ∂L/∂w, and the loss's slope. */
      g_assert_cmpfloat (t->grad_weight, ==, bp_net_sample_weight_gradient (net, layer - 1, j, i));
      assert_slope (net, layer - 1, j, i, t->grad_weight);
      sum += t->product;
    }
  g_assert_cmpfloat_with_epsilon (sum, u->sum, 1e-15);
}

/* ∂L/∂a_i of the layer below is the sum of the shares every neuron's graph sends down. */
static void
check_shares (const BpNet *net,
              guint        layer)
{
  for (guint i = 0; i < net->sizes[layer - 1]; i++)
    {
      double total = 0.0;

      for (guint j = 0; j < net->sizes[layer]; j++)
        {
          g_autoptr(BpUnfold) u = bp_unfold_new (net, layer, j);

          total += u->terms[i].grad_input;
        }
      g_assert_cmpfloat_with_epsilon (total, net->grad_a[layer - 1][i],
                                      1e-12 * fmax (1.0, fabs (total)));
    }
}

static void
test_chain_rule (void)
{
  const guint sizes[] = { 3, 4, 3, 2 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID,
                                BP_ACTIVATION_LINEAR };
  g_autoptr(BpNet) net = make_net (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR);

  for (guint l = 1; l <= net->n_layers; l++)
    {
      for (guint j = 0; j < net->sizes[l]; j++)
        check_neuron (net, l, j, TRUE);
      if (l >= 2)
        check_shares (net, l);
    }
}

/* A sigmoid output under cross-entropy: the engine's δ = y − t, the same as f′ · ∂L/∂y. */
static void
test_cross_entropy (void)
{
  const guint sizes[] = { 2, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) net = make_net (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_CROSS_ENTROPY);
  g_autoptr(BpUnfold) u = bp_unfold_new (net, 2, 0);

  g_assert_cmpfloat (u->grad_z, ==, net->a[2][0] - net->target[0]);
  g_assert_cmpfloat_with_epsilon (u->derivative, u->a * (1.0 - u->a), 1e-15);
  for (guint l = 1; l <= net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l]; j++)
      check_neuron (net, l, j, TRUE);
}

/* Inputs have no graph; neither does a neuron past the end. */
static void
test_inputs (void)
{
  const guint sizes[] = { 2, 2, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) net = make_net (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR);

  g_assert_false (bp_unfold_can (net, 0, 0));
  g_assert_null (bp_unfold_new (net, 0, 1));
  g_assert_false (bp_unfold_can (net, 1, 2));
  g_assert_false (bp_unfold_can (net, 3, 0));
  g_assert_true (bp_unfold_can (net, 1, 1));
  g_assert_true (bp_unfold_can (net, 2, 0));
}

/* In dataset mode the unfolded graph is the first example's chain rule, as the Math panel's:
 * its ∂L/∂w are that example's, not the batch's mean that the step applies. */
static void
test_batch (void)
{
  const guint sizes[] = { 2, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  const double inputs[] = { 0.5, -0.25, -1.0, 0.75, 0.3, 0.9 };
  const double targets[] = { 1.0, 0.0, 1.0 };
  g_autoptr(BpNet) net = make_net (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_CROSS_ENTROPY);
  g_autoptr(BpUnfold) u = NULL;
  gboolean differs = FALSE;

  g_assert_true (bp_net_show_batch (net, inputs, targets, 3));
  u = bp_unfold_new (net, 1, 2);
  g_assert_true (u->shows_batch);
  g_assert_cmpfloat (u->terms[0].input, ==, inputs[0]);
  g_assert_cmpfloat (u->terms[1].input, ==, inputs[1]);
  for (guint i = 0; i < u->n_terms; i++)
    {
      g_assert_cmpfloat (u->terms[i].grad_weight, ==,
                         bp_net_sample_weight_gradient (net, 0, 2, i));
      differs |= u->terms[i].grad_weight != bp_net_weight_gradient (net, 0, 2, i);
    }
  g_assert_true (differs);
  check_neuron (net, 1, 2, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bp/unfold/chain-rule", test_chain_rule);
  g_test_add_func ("/bp/unfold/cross-entropy", test_cross_entropy);
  g_test_add_func ("/bp/unfold/inputs", test_inputs);
  g_test_add_func ("/bp/unfold/batch", test_batch);
  return g_test_run ();
}
