/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-chain.c: the chain rule for one parameter, written out as numbers.
 *
 * dL/dw for the weight from neuron i of layer l to neuron j of layer l + 1 is the sum, over
 * every path j → k(l+2) → … → k(L) from that neuron to an output, of the product of the local
 * derivatives met on the way: dL/dy at the output, da/dz at each neuron, the weight of each
 * connection, and finally dz/dw = a_i. Backprop computes the same sum layer by layer:
 * δ_j = f'(z_j) · Σ_k w_kj δ_k and dL/dw = δ_j · a_i.
 */
#define G_LOG_DOMAIN "bp-chain"

#include "config.h"

#include "bp-core.h"

/**
 * bp_chain_count_paths:
 * @net: a network
 * @layer: a weight layer
 *
 * Returns: how many paths lead from a neuron of layer @layer + 1 to the loss: the product of
 *   the widths of the layers above it, saturating at %G_MAXUINT64
 */
guint64
bp_chain_count_paths (const BpNet *net,
                      guint        layer)
{
  guint64 n = 1;

  g_return_val_if_fail (layer < net->n_layers, 0);

  for (guint m = layer + 2; m <= net->n_layers; m++)
    {
      if (n > G_MAXUINT64 / net->sizes[m])
        return G_MAXUINT64;
      n *= net->sizes[m];
    }
  return n;
}

static BpFactor
factor (BpFactorKind kind,
        guint        layer,
        guint        index,
        guint        from,
        double       value)
{
  return (BpFactor) { kind, layer, index, from, value };
}

/* The factors of one path, given by the neuron it passes in each layer from layer + 1 up to
 * the output (neurons[m] for layer m). */
static void
fill_path (const BpNet  *net,
           const BpChain *chain,
           const guint  *neurons,
           BpChainPath  *path)
{
  guint L = net->n_layers;
  guint k = neurons[L];
  guint n = 0;

  /* dL/dy and dy/dz (one factor under cross-entropy), a weight and a da/dz for each layer
   * in between, and the input. */
  path->n_factors = 2 * (L - chain->layer) + (net->loss_kind == BP_LOSS_CROSS_ENTROPY ? 0 : 1);
  path->factors = g_new (BpFactor, path->n_factors);

  if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    {
      path->factors[n++] = factor (BP_FACTOR_DLOSS_DZ, L, k, 0, net->delta[L][k]);
    }
  else
    {
      path->factors[n++] = factor (BP_FACTOR_DLOSS_DOUTPUT, L, k, 0, net->grad_a[L][k]);
      path->factors[n++] = factor (BP_FACTOR_ACTIVATION, L, k, 0,
                                   bp_activation_derivative (net->activations[L - 1],
                                                             net->z[L][k], net->a[L][k]));
    }
  for (guint m = L; m > chain->layer + 1; m--)
    {
      guint below = neurons[m - 1];
      double dadz = bp_activation_derivative (net->activations[m - 2],
                                              net->z[m - 1][below], net->a[m - 1][below]);

      path->factors[n++] = factor (BP_FACTOR_WEIGHT, m, neurons[m], below,
                                   *bp_net_weight (net, m - 1, neurons[m], below));
      path->factors[n++] = factor (BP_FACTOR_ACTIVATION, m - 1, below, 0, dadz);
    }
  if (chain->from == G_MAXUINT)
    path->factors[n++] = factor (BP_FACTOR_ONE, chain->layer + 1, chain->to, 0, 1.0);
  else
    path->factors[n++] = factor (BP_FACTOR_INPUT, chain->layer + 1, chain->to, chain->from,
                                 chain->input);
  g_assert (n == path->n_factors);

  path->product = 1.0;
  for (guint f = 0; f < n; f++)
    path->product *= path->factors[f].value;
}

/* Visits every path like an odometer over the layers above the parameter's neuron. */
static void
fill_paths (const BpNet *net,
            BpChain     *chain)
{
  guint L = net->n_layers;
  guint neurons[BP_MAX_LAYERS + 1] = { 0 };

  chain->paths = g_new0 (BpChainPath, chain->n_paths);
  neurons[chain->layer + 1] = chain->to;
  chain->path_sum = 0.0;
  for (guint64 p = 0; p < chain->n_paths; p++)
    {
      fill_path (net, chain, neurons, &chain->paths[p]);
      chain->path_sum += chain->paths[p].product;

      for (guint m = L; m > chain->layer + 1; m--)
        {
          if (++neurons[m] < net->sizes[m])
            break;
          neurons[m] = 0;
        }
    }
}

static void
fill_deltas (const BpNet *net,
             BpChain     *chain)
{
  guint L = net->n_layers;
  guint n = 0;

  chain->n_deltas = 1;
  for (guint m = chain->layer + 2; m <= L; m++)
    chain->n_deltas += net->sizes[m];
  chain->deltas = g_new (BpChainDelta, chain->n_deltas);

  for (guint m = L; m > chain->layer; m--)
    for (guint j = 0; j < net->sizes[m]; j++)
      {
        BpChainDelta *d;

        if (m == chain->layer + 1 && j != chain->to)
          continue;
        d = &chain->deltas[n++];
        d->layer = m;
        d->index = j;
        d->derivative = bp_activation_derivative (net->activations[m - 1],
                                                  net->z[m][j], net->a[m][j]);
        d->weighted_sum = net->grad_a[m][j];
        d->delta = net->delta[m][j];
      }
  g_assert (n == chain->n_deltas);
}

/**
 * bp_chain_new:
 * @net: a network after bp_net_forward() and bp_net_backward()
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 * @from: a neuron of layer @layer, or %G_MAXUINT for the bias of @to
 *
 * Writes out the chain rule for one weight or bias: every path from the loss back to it
 * with the value of each factor, or, where there are more than %BP_MAX_CHAIN_PATHS paths,
 * only the layer-by-layer δ form. The δ form is always filled in.
 *
 * Returns: (transfer full): the chain, to free with bp_chain_free()
 */
BpChain *
bp_chain_new (const BpNet *net,
              guint        layer,
              guint        to,
              guint        from)
{
  BpChain *chain;

  g_return_val_if_fail (layer < net->n_layers, NULL);
  g_return_val_if_fail (to < net->sizes[layer + 1], NULL);
  g_return_val_if_fail (from == G_MAXUINT || from < net->sizes[layer], NULL);

  chain = g_new0 (BpChain, 1);
  chain->layer = layer;
  chain->to = to;
  chain->from = from;
  chain->learning_rate = net->learning_rate;
  if (from == G_MAXUINT)
    {
      chain->value = net->biases[layer][to];
      chain->gradient = bp_net_bias_gradient (net, layer, to);
      chain->input = 1.0;
    }
  else
    {
      chain->value = *bp_net_weight (net, layer, to, from);
      chain->gradient = bp_net_weight_gradient (net, layer, to, from);
      chain->input = net->a[layer][from];
    }
  chain->updated = chain->value - net->learning_rate * chain->gradient;
  chain->n_paths = bp_chain_count_paths (net, layer);
  chain->by_layer = chain->n_paths > BP_MAX_CHAIN_PATHS;
  if (!chain->by_layer)
    fill_paths (net, chain);
  fill_deltas (net, chain);
  return chain;
}

void
bp_chain_free (BpChain *chain)
{
  if (chain == NULL)
    return;
  if (chain->paths != NULL)
    for (guint64 p = 0; p < chain->n_paths; p++)
      g_free (chain->paths[p].factors);
  g_free (chain->paths);
  g_free (chain->deltas);
  g_free (chain);
}
