/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "bp-core.h"

#include <math.h>

static BpNet *
make_net (guint               n_sizes,
          const guint        *sizes,
          const BpActivation *acts,
          BpLoss              loss)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (n_sizes * 7 + loss);
  BpNet *net = bp_net_new (n_sizes, sizes, acts, loss, NULL);

  bp_net_init_seeded (net, 99);
  for (guint i = 0; i < sizes[0]; i++)
    net->a[0][i] = g_rand_double_range (rand, -1.0, 1.0);
  for (guint k = 0; k < sizes[n_sizes - 1]; k++)
    net->target[k] = g_rand_double_range (rand, 0.0, 1.0);
  for (guint l = 0; l + 1 < n_sizes; l++)
    for (guint j = 0; j < sizes[l + 1]; j++)
      net->biases[l][j] = g_rand_double_range (rand, -0.3, 0.3);
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

/* The product of each path's factors, summed over all paths, is the backprop gradient. */
static void
check_all_parameters (const BpNet *net)
{
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      for (guint i = 0; i <= net->sizes[l]; i++)
        {
          guint from = i == net->sizes[l] ? G_MAXUINT : i;
          g_autoptr(BpChain) chain = bp_chain_new (net, l, j, from);
          double sum = 0.0;

          g_assert_false (chain->by_layer);
          g_assert_cmpuint (chain->n_paths, ==, bp_chain_count_paths (net, l));
          for (guint64 p = 0; p < chain->n_paths; p++)
            {
              double product = 1.0;

              for (guint f = 0; f < chain->paths[p].n_factors; f++)
                product *= chain->paths[p].factors[f].value;
              g_assert_cmpfloat (product, ==, chain->paths[p].product);
              sum += product;
            }
          g_assert_cmpfloat (sum, ==, chain->path_sum);
          g_assert_cmpfloat_with_epsilon (chain->path_sum, chain->gradient,
                                          1e-12 * fmax (1.0, fabs (chain->gradient)));
          g_assert_cmpfloat (chain->updated, ==,
                             chain->value - net->learning_rate * chain->gradient);
          /* The δ form ends at the parameter's neuron, and δ · input is the gradient. */
          g_assert_cmpuint (chain->deltas[chain->n_deltas - 1].layer, ==, l + 1);
          g_assert_cmpuint (chain->deltas[chain->n_deltas - 1].index, ==, j);
          g_assert_cmpfloat (chain->deltas[chain->n_deltas - 1].delta * chain->input, ==,
                             chain->gradient);
        }
}

static void
test_paths_sum_to_gradient (void)
{
  const guint small[] = { 2, 3, 1 };
  const guint deep[] = { 2, 3, 4, 2, 3 };
  const BpActivation small_acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  const BpActivation deep_acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_LEAKY_RELU,
                                     BP_ACTIVATION_SIGMOID, BP_ACTIVATION_LINEAR };
  const BpActivation ce_acts[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_TANH,
                                   BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) a = make_net (3, small, small_acts, BP_LOSS_SQUARED_ERROR);
  g_autoptr(BpNet) b = make_net (5, deep, deep_acts, BP_LOSS_SQUARED_ERROR);
  g_autoptr(BpNet) c = make_net (5, deep, ce_acts, BP_LOSS_CROSS_ENTROPY);

  check_all_parameters (a);
  check_all_parameters (b);
  check_all_parameters (c);
}

/* The factors of a path in the 2-3-1 network read as a textbook writes them. */
static void
test_factor_order (void)
{
  const guint sizes[] = { 2, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) net = make_net (3, sizes, acts, BP_LOSS_SQUARED_ERROR);
  g_autoptr(BpChain) chain = bp_chain_new (net, 0, 1, 0);
  const BpFactor *f;

  g_assert_cmpuint (chain->n_paths, ==, 1);
  g_assert_cmpuint (chain->paths[0].n_factors, ==, 5);
  f = chain->paths[0].factors;
  g_assert_cmpint (f[0].kind, ==, BP_FACTOR_DLOSS_DOUTPUT);
  g_assert_cmpfloat (f[0].value, ==, net->a[2][0] - net->target[0]);
  g_assert_cmpint (f[1].kind, ==, BP_FACTOR_ACTIVATION);
  g_assert_cmpfloat (f[1].value, ==, net->a[2][0] * (1.0 - net->a[2][0]));
  g_assert_cmpint (f[2].kind, ==, BP_FACTOR_WEIGHT);
  g_assert_cmpuint (f[2].layer, ==, 2);
  g_assert_cmpuint (f[2].from, ==, 1);
  g_assert_cmpfloat (f[2].value, ==, *bp_net_weight (net, 1, 0, 1));
  g_assert_cmpint (f[3].kind, ==, BP_FACTOR_ACTIVATION);
  g_assert_cmpfloat (f[3].value, ==, 1.0 - net->a[1][1] * net->a[1][1]);
  g_assert_cmpint (f[4].kind, ==, BP_FACTOR_INPUT);
  g_assert_cmpfloat (f[4].value, ==, net->a[0][0]);
}

/* Under cross-entropy with a sigmoid output, dL/dy · dy/dz is one factor, y − t. */
static void
test_cross_entropy_factor (void)
{
  const guint sizes[] = { 2, 3, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) net = make_net (3, sizes, acts, BP_LOSS_CROSS_ENTROPY);
  g_autoptr(BpChain) chain = bp_chain_new (net, 1, 0, G_MAXUINT);

  g_assert_cmpuint (chain->paths[0].n_factors, ==, 2);
  g_assert_cmpint (chain->paths[0].factors[0].kind, ==, BP_FACTOR_DLOSS_DZ);
  g_assert_cmpfloat (chain->paths[0].factors[0].value, ==, net->a[2][0] - net->target[0]);
  g_assert_cmpint (chain->paths[0].factors[1].kind, ==, BP_FACTOR_ONE);
  g_assert_cmpfloat (chain->gradient, ==, net->a[2][0] - net->target[0]);
}

/* Past 64 paths only the layer-by-layer form is given. */
static void
test_many_paths (void)
{
  const guint sizes[] = { 2, 3, 9, 8, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  guint many[BP_MAX_LAYERS + 1] = { 1, 1 };
  BpActivation many_acts[BP_MAX_LAYERS] = { 0 };
  g_autoptr(BpNet) net = make_net (5, sizes, acts, BP_LOSS_SQUARED_ERROR);
  g_autoptr(BpChain) first = bp_chain_new (net, 0, 2, 1);
  g_autoptr(BpChain) second = bp_chain_new (net, 1, 4, 2);
  g_autoptr(BpNet) wide = NULL;

  g_assert_cmpuint (first->n_paths, ==, 72);
  g_assert_true (first->by_layer);
  g_assert_null (first->paths);
  /* δ of every neuron above layer 1, and of the parameter's own neuron. */
  g_assert_cmpuint (first->n_deltas, ==, 9 + 8 + 1 + 1);
  g_assert_cmpfloat (first->deltas[first->n_deltas - 1].delta * first->input, ==,
                     first->gradient);

  g_assert_cmpuint (second->n_paths, ==, 8);
  g_assert_false (second->by_layer);

  /* 64^15 = 2^90 paths: the count saturates instead of wrapping, and the chain of such a
   * weight is still cheap to write out. */
  for (guint l = 2; l <= BP_MAX_LAYERS; l++)
    many[l] = 64;
  wide = bp_net_new (BP_MAX_LAYERS + 1, many, many_acts, BP_LOSS_SQUARED_ERROR, NULL);
  g_assert_cmpuint (bp_chain_count_paths (wide, 0), ==, G_MAXUINT64);
  g_assert_cmpuint (bp_chain_count_paths (wide, BP_MAX_LAYERS - 2), ==, 64);
  {
    g_autoptr(BpChain) chain = bp_chain_new (wide, 0, 0, 0);

    g_assert_true (chain->by_layer);
    g_assert_cmpuint (chain->n_deltas, ==, 15 * 64 + 1);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/chain/paths-sum-to-gradient", test_paths_sum_to_gradient);
  g_test_add_func ("/bp/chain/factor-order", test_factor_order);
  g_test_add_func ("/bp/chain/cross-entropy-factor", test_cross_entropy_factor);
  g_test_add_func ("/bp/chain/many-paths", test_many_paths);

  return g_test_run ();
}
