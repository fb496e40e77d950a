/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-unfold.c: one neuron as its computation graph, numbers read from the net's pass.
 *
 * Neuron j of layer L computes z = Σ_i w_i·a_i + b and a = f(z). Its graph has one multiply
 * node per input, the sum, the bias add and the activation. Backward, each node's gradient
 * is the one above it times the local derivative of the edge between them: ∂L/∂z = δ (the
 * engine's), ∂L/∂Σ = ∂L/∂b = δ · 1, ∂L/∂(w_i·a_i) = ∂L/∂Σ · 1, then ∂L/∂w_i = a_i · that
 * and ∂L/∂a_i (this neuron's share) = w_i · that. ∂L/∂a is the engine's grad_a, and
 * ∂L/∂z = f′(z) · ∂L/∂a except under cross-entropy with a sigmoid output, where the engine
 * takes δ = y − t directly.
 */
#define G_LOG_DOMAIN "bp-unfold"

#include "config.h"

#include "bp-unfold.h"

/**
 * bp_unfold_can:
 * @net: a network
 * @layer: a layer of neurons, 0 for the inputs
 * @index: a neuron of it
 *
 * Returns: whether neuron @index of @layer has a computation graph to unfold: a hidden or
 *   an output neuron (an input has none)
 */
gboolean
bp_unfold_can (const BpNet *net,
               guint        layer,
               guint        index)
{
  g_return_val_if_fail (net != NULL, FALSE);

  return layer >= 1 && layer <= net->n_layers && index < net->sizes[layer];
}

/**
 * bp_unfold_new:
 * @net: a network after a forward and a backward pass
 * @layer: a layer of neurons, 1 … n_layers
 * @index: a neuron of it
 *
 * Reads the unfolded neuron's numbers from @net's pass: values forward, gradients backward
 * by the chain rule from the engine's δ, and the local derivatives on the edges.
 *
 * Returns: (transfer full): the unfolded neuron, or %NULL if bp_unfold_can () is %FALSE
 */
BpUnfold *
bp_unfold_new (const BpNet *net,
               guint        layer,
               guint        index)
{
  BpUnfold *u;
  double delta;
  guint n;

  g_return_val_if_fail (net != NULL, NULL);
  if (!bp_unfold_can (net, layer, index))
    return NULL;

  n = net->sizes[layer - 1];
  delta = net->delta[layer][index];
  u = g_new0 (BpUnfold, 1);
  u->layer = layer;
  u->index = index;
  u->activation = net->activations[layer - 1];
  u->output = layer == net->n_layers;
  u->shows_batch = net->shows_batch;
  u->n_terms = n;
  u->terms = g_new (BpUnfoldTerm, n);
  u->grad_z = delta;
  u->grad_sum = delta * 1.0;
  u->grad_bias = delta * 1.0;
  for (guint i = 0; i < n; i++)
    {
      BpUnfoldTerm *t = &u->terms[i];

      t->from = i;
      t->weight = *bp_net_weight (net, layer - 1, index, i);
      t->input = net->a[layer - 1][i];
      t->product = t->weight * t->input;
      t->grad_product = u->grad_sum * 1.0;
      t->grad_weight = t->input * t->grad_product;
      t->grad_input = t->weight * t->grad_product;
      u->sum += t->product;
    }
  u->bias = net->biases[layer - 1][index];
  u->z = net->z[layer][index];
  u->a = net->a[layer][index];
  u->derivative = bp_activation_derivative (u->activation, u->z, u->a);
  u->grad_a = net->grad_a[layer][index];
  return u;
}

void
bp_unfold_free (BpUnfold *unfold)
{
  if (unfold == NULL)
    return;
  g_free (unfold->terms);
  g_free (unfold);
}
