/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-core.c: the network itself: its checks, its one block of memory, copies and setters.
 *
 * A network is allocated once, in one aligned block that holds the parameters, the values
 * and gradients of a pass and their spares; the passes (bp-passes.c) never allocate.
 */
#define G_LOG_DOMAIN "bp-core"

#include "config.h"

#include "bp-core-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

/* Arrays start on a cache line; counts are rounded up to whole lines of doubles. */
#define BP_ALIGN_DOUBLES 8

G_DEFINE_QUARK (bp-error-quark, bp_error)

static gsize
round_up (gsize n)
{
  return (n + BP_ALIGN_DOUBLES - 1) / BP_ALIGN_DOUBLES * BP_ALIGN_DOUBLES;
}

gboolean
bp_net_check_shape (guint        n_sizes,
                    const guint *sizes,
                    GError     **error)
{
  guint64 n_params = 0;

  if (n_sizes < 2 || n_sizes > BP_MAX_LAYERS + 1)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   /* Translators: the first two numbers are limits, the last is the
                    * number of layers asked for, the input layer included */
                   _("A network has 2 to %u layers (1 to %u weight layers), not %u"),
                   BP_MAX_LAYERS + 1, BP_MAX_LAYERS, n_sizes);
      return FALSE;
    }

  for (guint l = 0; l < n_sizes; l++)
    if (sizes[l] < 1 || sizes[l] > BP_MAX_WIDTH)
      {
        g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                     /* Translators: the layer's index (0 is the input), its number of
                      * neurons, and the largest number allowed */
                     _("Layer %u has %u neurons; a layer has 1 to %u"),
                     l, sizes[l], BP_MAX_WIDTH);
        return FALSE;
      }

  for (guint l = 0; l + 1 < n_sizes; l++)
    n_params += (guint64) sizes[l] * sizes[l + 1] + sizes[l + 1];

  if (n_params > BP_MAX_PARAMS)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   /* Translators: the first number counts the weights and biases, the
                    * second is the largest count allowed */
                   _("The network would have %" PRIu64 " parameters; the limit is %u"),
                   n_params, BP_MAX_PARAMS);
      return FALSE;
    }
  return TRUE;
}

gboolean
bp_net_check_loss (guint               n_layers,
                   const BpActivation *activations,
                   BpLoss              loss,
                   GError            **error)
{
  if (loss == BP_LOSS_CROSS_ENTROPY && activations[n_layers - 1] != BP_ACTIVATION_SIGMOID)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: %s is the name of an activation function, such as
                    * "tanh"; "sigmoid" is a function's name and stays as it is */
                   _("Cross-entropy needs a sigmoid output layer, not %s"),
                   bp_activation_display_name (activations[n_layers - 1]));
      return FALSE;
    }
  return TRUE;
}

gboolean
bp_net_check_learning_rate (double   learning_rate,
                            GError **error)
{
  if (!(learning_rate > 0.0 && learning_rate <= 100.0))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: %g is the learning rate asked for, such as 150 */
                   _("The learning rate must be greater than 0 and at most 100, not %g"),
                   learning_rate);
      return FALSE;
    }
  return TRUE;
}

gboolean
bp_net_check_target (const BpNet  *net,
                     const double *target,
                     GError      **error)
{
  guint n_out = net->sizes[net->n_layers];

  for (guint k = 0; k < n_out; k++)
    {
      if (!isfinite (target[k]))
        {
          g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                       /* Translators: %u numbers the outputs from 1 */
                       _("Target %u is not a finite number"), k + 1);
          return FALSE;
        }
      if (net->loss_kind == BP_LOSS_CROSS_ENTROPY && (target[k] < 0.0 || target[k] > 1.0))
        {
          g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                       /* Translators: %u numbers the outputs from 1; %g is the value */
                       _("Target %u is %g; with cross-entropy a target lies between 0 and 1"),
                       k + 1, target[k]);
          return FALSE;
        }
    }
  return TRUE;
}

/* Hands out consecutive, aligned pieces of one zeroed block. */
static double *
take (double **cursor,
      gsize    n)
{
  double *piece = *cursor;

  *cursor += round_up (n);
  return piece;
}

static gsize
block_size (guint        n_sizes,
            const guint *sizes)
{
  gsize total = 0;

  for (guint l = 0; l + 1 < n_sizes; l++)
    {
      /* weights, biases and the mini-batch gradient of both */
      total += 2 * round_up ((gsize) sizes[l] * sizes[l + 1]) + 2 * round_up (sizes[l + 1]);
    }
  /* z, a, delta, grad_a and their spares, for every layer; the target */
  for (guint l = 0; l < n_sizes; l++)
    total += 8 * round_up (sizes[l]);
  total += round_up (sizes[n_sizes - 1]);
  return total;
}

static void
lay_out (BpNet *net)
{
  double *cursor = net->block;
  guint L = net->n_layers;

  for (guint l = 0; l < L; l++)
    {
      gsize n = (gsize) net->sizes[l] * net->sizes[l + 1];

      net->weights[l] = take (&cursor, n);
      net->biases[l] = take (&cursor, net->sizes[l + 1]);
    }
  net->batch_grad_w = take (&cursor, net->n_weights);
  net->batch_grad_b = take (&cursor, net->n_biases);
  /* The mini-batch gradients above are one piece each: round_up of the sums is at most
   * the sum of the per-layer round_ups that block_size () counted. */
  for (guint l = 0; l <= L; l++)
    {
      net->z[l] = take (&cursor, net->sizes[l]);
      net->a[l] = take (&cursor, net->sizes[l]);
      net->delta[l] = take (&cursor, net->sizes[l]);
      net->grad_a[l] = take (&cursor, net->sizes[l]);
      net->spare_z[l] = take (&cursor, net->sizes[l]);
      net->spare_a[l] = take (&cursor, net->sizes[l]);
      net->spare_delta[l] = take (&cursor, net->sizes[l]);
      net->spare_grad_a[l] = take (&cursor, net->sizes[l]);
    }
  /* The input is shared by both sets of values. */
  net->spare_a[0] = net->a[0];
  net->target = take (&cursor, net->sizes[L]);
  g_assert (cursor <= net->block + block_size (L + 1, net->sizes));
}

/**
 * bp_net_new:
 * @n_sizes: the number of layers, input included (2 to 17)
 * @sizes: (array length=n_sizes): neurons per layer
 * @activations: (array): n_sizes − 1 activations, of layers 1 … L
 * @loss: the loss
 * @error: return location for a #GError
 *
 * Creates a network with zero weights, biases, input and target and a learning rate of 0.5.
 * Everything is checked before anything is allocated.
 *
 * Returns: (transfer full) (nullable): the network, or %NULL with @error set
 */
BpNet *
bp_net_new (guint               n_sizes,
            const guint        *sizes,
            const BpActivation *activations,
            BpLoss              loss,
            GError            **error)
{
  BpNet *net;

  if (!bp_net_check_shape (n_sizes, sizes, error))
    return NULL;
  for (guint l = 0; l + 1 < n_sizes; l++)
    g_return_val_if_fail (activations[l] < BP_N_ACTIVATIONS, NULL);
  g_return_val_if_fail (loss < BP_N_LOSSES, NULL);
  if (!bp_net_check_loss (n_sizes - 1, activations, loss, error))
    return NULL;

  net = g_new0 (BpNet, 1);
  net->n_layers = n_sizes - 1;
  memcpy (net->sizes, sizes, n_sizes * sizeof (guint));
  memcpy (net->activations, activations, net->n_layers * sizeof (BpActivation));
  net->loss_kind = loss;
  net->learning_rate = 0.5;
  for (guint l = 0; l < net->n_layers; l++)
    {
      net->n_weights += (gsize) sizes[l] * sizes[l + 1];
      net->n_biases += sizes[l + 1];
    }
  net->block = g_aligned_alloc0 (block_size (n_sizes, sizes), sizeof (double),
                                 BP_ALIGN_DOUBLES * sizeof (double));
  lay_out (net);
  return net;
}

void
bp_net_free (BpNet *net)
{
  if (net == NULL)
    return;
  g_aligned_free (net->block);
  g_free (net);
}

gboolean
bp_net_same_shape (const BpNet *a,
                   const BpNet *b)
{
  return a->n_layers == b->n_layers &&
         memcmp (a->sizes, b->sizes, (a->n_layers + 1) * sizeof (guint)) == 0;
}

/**
 * bp_net_copy_values:
 * @dest: a network of the same shape as @src
 * @src: the network to copy
 *
 * Copies everything: activations, loss, learning rate, regularization, parameters, input,
 * target, the values and gradients of the last pass, the input features, and the mini-batch
 * gradient when it is shown (bp_net_show_batch()).
 */
void
bp_net_copy_values (BpNet       *dest,
                    const BpNet *src)
{
  g_return_if_fail (bp_net_same_shape (dest, src));

  memcpy (dest->activations, src->activations, sizeof src->activations);
  dest->loss_kind = src->loss_kind;
  dest->learning_rate = src->learning_rate;
  dest->regularization = src->regularization;
  dest->regularization_rate = src->regularization_rate;
  dest->loss = src->loss;
  for (guint l = 0; l < src->n_layers; l++)
    {
      memcpy (dest->weights[l], src->weights[l],
              (gsize) src->sizes[l] * src->sizes[l + 1] * sizeof (double));
      memcpy (dest->biases[l], src->biases[l], src->sizes[l + 1] * sizeof (double));
    }
  for (guint l = 0; l <= src->n_layers; l++)
    {
      gsize bytes = src->sizes[l] * sizeof (double);

      memcpy (dest->z[l], src->z[l], bytes);
      memcpy (dest->a[l], src->a[l], bytes);
      memcpy (dest->delta[l], src->delta[l], bytes);
      memcpy (dest->grad_a[l], src->grad_a[l], bytes);
    }
  memcpy (dest->target, src->target, src->sizes[src->n_layers] * sizeof (double));
  dest->input_features = src->input_features;
  /* The mini-batch gradient only matters while it is shown. */
  dest->shows_batch = src->shows_batch;
  if (src->shows_batch)
    {
      memcpy (dest->batch_grad_w, src->batch_grad_w, src->n_weights * sizeof (double));
      memcpy (dest->batch_grad_b, src->batch_grad_b, src->n_biases * sizeof (double));
      dest->batch_data_loss = src->batch_data_loss;
      dest->batch_penalty = src->batch_penalty;
      dest->batch_n_samples = src->batch_n_samples;
    }
}

BpNet *
bp_net_copy (const BpNet *net)
{
  BpNet *copy;

  copy = bp_net_new (net->n_layers + 1, net->sizes, net->activations, net->loss_kind, NULL);
  bp_net_copy_values (copy, net);
  return copy;
}

gboolean
bp_net_set_loss (BpNet   *net,
                 BpLoss   loss,
                 GError **error)
{
  BpLoss before = net->loss_kind;

  g_return_val_if_fail ((guint) loss < BP_N_LOSSES, FALSE);

  if (!bp_net_check_loss (net->n_layers, net->activations, loss, error))
    return FALSE;
  /* Cross-entropy also needs targets between 0 and 1. */
  net->loss_kind = loss;
  if (!bp_net_check_target (net, net->target, error))
    {
      net->loss_kind = before;
      return FALSE;
    }
  return TRUE;
}

/**
 * bp_net_set_learning_rate:
 * @net: a network
 * @learning_rate: η, with 0 < η ≤ 100
 * @error: where a refusal is told
 *
 * Sets the learning rate of the next steps, or changes nothing and fails.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_net_set_learning_rate (BpNet   *net,
                          double   learning_rate,
                          GError **error)
{
  g_return_val_if_fail (net != NULL, FALSE);

  if (!bp_net_check_learning_rate (learning_rate, error))
    return FALSE;
  net->learning_rate = learning_rate;
  return TRUE;
}

/**
 * bp_net_set_input:
 * @net: a network
 * @input: (array): one finite value per input neuron
 *
 * Sets the sample's input. a[0] is the input buffer of every pass (its spare shares it), so
 * this is all a new input needs before bp_net_forward().
 */
void
bp_net_set_input (BpNet        *net,
                  const double *input)
{
  g_return_if_fail (net != NULL && input != NULL);

  memmove (net->a[0], input, net->sizes[0] * sizeof (double));
}

/**
 * bp_net_set_target:
 * @net: a network
 * @target: (array): one value per output neuron
 * @error: where a refusal is told
 *
 * Sets the sample's target, or changes nothing and fails when the loss does not allow it
 * (see bp_net_check_target()).
 *
 * Returns: %TRUE on success
 */
gboolean
bp_net_set_target (BpNet         *net,
                   const double  *target,
                   GError       **error)
{
  g_return_val_if_fail (net != NULL && target != NULL, FALSE);

  if (!bp_net_check_target (net, target, error))
    return FALSE;
  memmove (net->target, target, net->sizes[net->n_layers] * sizeof (double));
  return TRUE;
}

/**
 * bp_net_set_weight:
 * @net: a network
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 * @from: a neuron of layer @layer
 * @value: the weight
 *
 * Sets W[layer][to][from]. The passes are not recomputed.
 */
void
bp_net_set_weight (BpNet  *net,
                   guint   layer,
                   guint   to,
                   guint   from,
                   double  value)
{
  g_return_if_fail (net != NULL && layer < net->n_layers);
  g_return_if_fail (to < net->sizes[layer + 1] && from < net->sizes[layer]);

  net->weights[layer][(gsize) to * net->sizes[layer] + from] = value;
}

/**
 * bp_net_set_bias:
 * @net: a network
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 * @value: the bias
 *
 * Sets b[layer][to]. The passes are not recomputed.
 */
void
bp_net_set_bias (BpNet  *net,
                 guint   layer,
                 guint   to,
                 double  value)
{
  g_return_if_fail (net != NULL && layer < net->n_layers && to < net->sizes[layer + 1]);

  net->biases[layer][to] = value;
}

gboolean
bp_net_set_activation (BpNet        *net,
                       guint         layer,
                       BpActivation  activation,
                       GError      **error)
{
  BpActivation activations[BP_MAX_LAYERS];

  g_return_val_if_fail (layer < net->n_layers, FALSE);
  g_return_val_if_fail ((guint) activation < BP_N_ACTIVATIONS, FALSE);

  memcpy (activations, net->activations, sizeof activations);
  activations[layer] = activation;
  if (!bp_net_check_loss (net->n_layers, activations, net->loss_kind, error))
    return FALSE;
  net->activations[layer] = activation;
  return TRUE;
}
