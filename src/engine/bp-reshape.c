/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-reshape.c: a hidden layer or a neuron added or removed.
 *
 * The new network keeps, bit for bit, every parameter whose connection (or, for a bias,
 * whose neuron) survives the edit; the connections that are new get weights drawn by the
 * rule of bp_net_init_seeded() for their weight layer, from a GRand seeded with the seed
 * and the edit, so that the same edit of the same network always gives the same network.
 * New neurons get a bias of 0, as after bp_net_init_seeded().
 */
#define G_LOG_DOMAIN "bp-core"

#include "config.h"

#include "bp-reshape.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define NEW (-1)   /* a layer or neuron that the old network did not have */

/**
 * bp_net_n_hidden_layers:
 * @net: a network
 *
 * Returns: L − 1, the number of layers between the input and the output
 */
guint
bp_net_n_hidden_layers (const BpNet *net)
{
  g_return_val_if_fail (net != NULL, 0);

  return net->n_layers - 1;
}

static gboolean
check_positions (const BpNet     *net,
                 const BpReshape *edit)
{
  guint L = net->n_layers;

  switch (edit->kind)
    {
    case BP_RESHAPE_ADD_LAYER:
      return edit->layer >= 1 && edit->layer <= L;
    case BP_RESHAPE_REMOVE_LAYER:
      /* With no hidden layer there is nothing to point at: bp_net_check_reshape() says so. */
      return L == 1 || (edit->layer >= 1 && edit->layer < L);
    case BP_RESHAPE_ADD_NEURON:
      return edit->layer >= 1 && edit->layer < L && edit->index <= net->sizes[edit->layer];
    case BP_RESHAPE_REMOVE_NEURON:
      return edit->layer >= 1 && edit->layer < L && edit->index < net->sizes[edit->layer];
    default:
      return FALSE;
    }
}

/**
 * bp_net_check_reshape:
 * @net: a network
 * @edit: an edit whose positions exist in @net (a programming error otherwise)
 * @error: where a refusal is told
 *
 * Checks @edit against the limits of the editor: 0 to %BP_MAX_HIDDEN_LAYERS hidden layers of
 * 1 to %BP_MAX_HIDDEN_WIDTH neurons each. A network loaded from a file may lie beyond them;
 * it may then still shrink towards them, never grow.
 *
 * Returns: %TRUE if bp_net_reshape() would accept @edit
 */
gboolean
bp_net_check_reshape (const BpNet      *net,
                      const BpReshape  *edit,
                      GError          **error)
{
  g_return_val_if_fail (net != NULL && edit != NULL, FALSE);
  g_return_val_if_fail (check_positions (net, edit), FALSE);

  switch (edit->kind)
    {
    case BP_RESHAPE_ADD_LAYER:
      if (bp_net_n_hidden_layers (net) >= BP_MAX_HIDDEN_LAYERS)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                       /* Translators: %u is the limit, 6 */
                       _("A network has at most %u hidden layers"), BP_MAX_HIDDEN_LAYERS);
          return FALSE;
        }
      if (edit->size < 1 || edit->size > BP_MAX_HIDDEN_WIDTH)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                       /* Translators: the limit, 16, then the number of neurons asked for */
                       _("A hidden layer has 1 to %u neurons, not %u"),
                       BP_MAX_HIDDEN_WIDTH, edit->size);
          return FALSE;
        }
      return TRUE;
    case BP_RESHAPE_REMOVE_LAYER:
      if (net->n_layers == 1)
        {
          g_set_error_literal (error, BP_ERROR, BP_ERROR_SHAPE,
                               _("The network has no hidden layer to remove"));
          return FALSE;
        }
      return TRUE;
    case BP_RESHAPE_ADD_NEURON:
      if (net->sizes[edit->layer] >= BP_MAX_HIDDEN_WIDTH)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                       /* Translators: the layer's index (0 is the input), then the limit, 16 */
                       _("Layer %u is full: a hidden layer has at most %u neurons"),
                       edit->layer, BP_MAX_HIDDEN_WIDTH);
          return FALSE;
        }
      return TRUE;
    case BP_RESHAPE_REMOVE_NEURON:
    default:
      if (net->sizes[edit->layer] <= 1)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                       /* Translators: the layer's index (0 is the input), then the limit, 16 */
                       _("Layer %u keeps its last neuron: a hidden layer has 1 to %u neurons"),
                       edit->layer, BP_MAX_HIDDEN_WIDTH);
          return FALSE;
        }
      return TRUE;
    }
}

/* The layer of the old network that new layer @n is, or NEW. */
static int
old_layer (const BpReshape *edit,
           guint            n)
{
  switch (edit->kind)
    {
    case BP_RESHAPE_ADD_LAYER:
      return n < edit->layer ? (int) n : n == edit->layer ? NEW : (int) n - 1;
    case BP_RESHAPE_REMOVE_LAYER:
      return n < edit->layer ? (int) n : (int) n + 1;
    default:
      return (int) n;
    }
}

/* The neuron of old layer @layer that new neuron @j of that layer is, or NEW. */
static int
old_neuron (const BpReshape *edit,
            int              layer,
            guint            j)
{
  if (layer != (int) edit->layer)
    return (int) j;
  if (edit->kind == BP_RESHAPE_ADD_NEURON)
    return j < edit->index ? (int) j : j == edit->index ? NEW : (int) j - 1;
  if (edit->kind == BP_RESHAPE_REMOVE_NEURON)
    return j < edit->index ? (int) j : (int) j + 1;
  return (int) j;
}

/* The shape after @edit. A new layer takes the activation of the hidden layer below it, or
 * else of the one above it, or else tanh, the default of hidden layers. */
static guint
new_shape (const BpNet     *net,
           const BpReshape *edit,
           guint           *sizes,
           BpActivation    *activations)
{
  guint L = net->n_layers;
  guint n_sizes = L + 1;

  memcpy (sizes, net->sizes, n_sizes * sizeof (guint));
  memcpy (activations, net->activations, L * sizeof (BpActivation));
  switch (edit->kind)
    {
    case BP_RESHAPE_ADD_LAYER:
      memmove (sizes + edit->layer + 1, sizes + edit->layer,
               (n_sizes - edit->layer) * sizeof (guint));
      sizes[edit->layer] = edit->size;
      memmove (activations + edit->layer, activations + edit->layer - 1,
               (L - edit->layer + 1) * sizeof (BpActivation));
      if (edit->layer >= 2)
        activations[edit->layer - 1] = net->activations[edit->layer - 2];
      else if (edit->layer < L)
        activations[edit->layer - 1] = net->activations[edit->layer - 1];
      else
        activations[edit->layer - 1] = BP_ACTIVATION_TANH;
      return n_sizes + 1;
    case BP_RESHAPE_REMOVE_LAYER:
      memmove (sizes + edit->layer, sizes + edit->layer + 1,
               (n_sizes - edit->layer - 1) * sizeof (guint));
      memmove (activations + edit->layer - 1, activations + edit->layer,
               (L - edit->layer) * sizeof (BpActivation));
      return n_sizes - 1;
    case BP_RESHAPE_ADD_NEURON:
      sizes[edit->layer]++;
      return n_sizes;
    case BP_RESHAPE_REMOVE_NEURON:
    default:
      sizes[edit->layer]--;
      return n_sizes;
    }
}

/* The GRand of the new weights: the seed, the edit and the old shape all count. */
static GRand *
edit_rand (const BpNet     *net,
           const BpReshape *edit,
           guint32          seed)
{
  guint32 words[6 + BP_MAX_LAYERS + 1];
  guint n = 0;

  words[n++] = seed;
  words[n++] = edit->kind;
  words[n++] = edit->layer;
  words[n++] = edit->kind == BP_RESHAPE_ADD_LAYER ? 0 : edit->index;
  words[n++] = edit->kind == BP_RESHAPE_ADD_LAYER ? edit->size : 0;
  words[n++] = net->n_layers + 1;
  for (guint l = 0; l <= net->n_layers; l++)
    words[n++] = net->sizes[l];
  return g_rand_new_with_seed_array (words, n);
}

/* The limit of bp_net_init_seeded() for weight layer @m. */
static double
init_limit (const BpNet *net,
            guint        m)
{
  double fan_in = net->sizes[m];
  double fan_out = net->sizes[m + 1];

  if (net->activations[m] == BP_ACTIVATION_RELU ||
      net->activations[m] == BP_ACTIVATION_LEAKY_RELU)
    return sqrt (6.0 / fan_in);
  return sqrt (6.0 / (fan_in + fan_out));
}

/* Fills weight layer @m of @net: old values where the connection survives, else a draw. */
static void
fill_weight_layer (BpNet           *net,
                   const BpNet     *old,
                   const BpReshape *edit,
                   guint            m,
                   GRand           *rand)
{
  int a = old_layer (edit, m);
  int b = old_layer (edit, m + 1);
  gboolean kept = a != NEW && b == a + 1;
  double limit = init_limit (net, m);

  for (guint j = 0; j < net->sizes[m + 1]; j++)
    {
      int oj = b == NEW ? NEW : old_neuron (edit, b, j);

      for (guint i = 0; i < net->sizes[m]; i++)
        {
          int oi = a == NEW ? NEW : old_neuron (edit, a, i);
          double *w = &net->weights[m][(gsize) j * net->sizes[m] + i];

          if (kept && oi != NEW && oj != NEW)
            *w = *bp_net_weight (old, a, oj, oi);
          else
            *w = g_rand_double_range (rand, -limit, limit);
        }
      /* A bias belongs to its neuron: it stays with a neuron that stays. */
      net->biases[m][j] = oj == NEW ? 0.0 : old->biases[b - 1][oj];
    }
}

/**
 * bp_net_reshape:
 * @net: a network
 * @edit: the edit, checked by bp_net_check_reshape()
 * @seed: the seed the new weights are drawn from (that of the network's last reset)
 * @error: where a refusal is told
 *
 * Makes a new network: @net with @edit applied. Every weight between two neurons that both
 * survive, and that were connected in @net, is kept bit for bit, and so is every surviving
 * neuron's bias; the other weights are drawn as bp_net_init_seeded() draws them (Glorot or
 * He uniform by the activation of their weight layer in the new shape), from a GRand seeded
 * with @seed, @edit and the shape of @net, in the order of the weight layers then row by
 * row; new neurons have a bias of 0. Removing a hidden layer connects the layers on either
 * side of it anew. Activations, loss, learning rate, input and target are kept; a new layer
 * takes the activation of its hidden neighbour (below it, else above it, else tanh). Values
 * and gradients are zero: run a forward and a backward pass.
 *
 * Returns: (transfer full) (nullable): the new network, or %NULL with @error set
 */
BpNet *
bp_net_reshape (const BpNet      *net,
                const BpReshape  *edit,
                guint32           seed,
                GError          **error)
{
  guint sizes[BP_MAX_LAYERS + 2];
  BpActivation activations[BP_MAX_LAYERS + 1];
  g_autoptr(GRand) rand = NULL;
  guint n_sizes;
  BpNet *result;

  if (!bp_net_check_reshape (net, edit, error))
    return NULL;

  n_sizes = new_shape (net, edit, sizes, activations);
  result = bp_net_new (n_sizes, sizes, activations, net->loss_kind, error);
  if (result == NULL)
    return NULL;
  result->learning_rate = net->learning_rate;
  result->regularization = net->regularization;
  result->regularization_rate = net->regularization_rate;
  memcpy (result->a[0], net->a[0], net->sizes[0] * sizeof (double));
  memcpy (result->target, net->target, net->sizes[net->n_layers] * sizeof (double));

  rand = edit_rand (net, edit, seed);
  for (guint m = 0; m < result->n_layers; m++)
    fill_weight_layer (result, net, edit, m, rand);
  return result;
}
