/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-core.c: forward pass, backward pass and SGD steps of a fully connected network.
 *
 * The single-sample gradient of weight layer l is the outer product δ(l+1) ⊗ a(l), so it is
 * never stored: dL/dW[j][i] = δ_j · a_i, computed when asked. A step therefore touches the
 * weights only twice. First a speculative forward pass computes the new values from the
 * weights the step would give (w − η·δ_j·a_i, without writing them), so a step that would make
 * anything non-finite is refused with every parameter untouched. Then the backward pass writes
 * the new weights as it reads them to compute dL/da = Wᵀδ for the new values.
 */
#define G_LOG_DOMAIN "bp-core"

#include "config.h"

#include "bp-core.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

/* The passes over the weights run at memory speed only with wide vector instructions. On
 * x86-64 they are compiled twice, for AVX2 and for the baseline, and the loader picks one.
 * Without -ffast-math the compiler keeps the order of every sum, so both give the same bits. */
#if defined(__x86_64__) && defined(__GNUC__) && defined(__has_attribute)
#if __has_attribute(target_clones) && !defined(__SANITIZE_ADDRESS__)
#define BP_VECTOR_KERNEL __attribute__((target_clones ("avx2", "default")))
#endif
#endif
#ifndef BP_VECTOR_KERNEL
#define BP_VECTOR_KERNEL
#endif

/* Arrays start on a cache line; counts are rounded up to whole lines of doubles. */
#define BP_ALIGN_DOUBLES 8

static const char *activation_names[BP_N_ACTIVATIONS] = {
  [BP_ACTIVATION_LINEAR] = "linear",
  [BP_ACTIVATION_SIGMOID] = "sigmoid",
  [BP_ACTIVATION_TANH] = "tanh",
  [BP_ACTIVATION_RELU] = "relu",
  [BP_ACTIVATION_LEAKY_RELU] = "leaky-relu",
};

static const char *loss_names[BP_N_LOSSES] = {
  [BP_LOSS_SQUARED_ERROR] = "squared-error",
  [BP_LOSS_CROSS_ENTROPY] = "cross-entropy",
};

/* What people read. sigmoid, tanh, ReLU and leaky ReLU are names of functions and stay in
 * Latin letters in every language; "linear" is an ordinary word and is translated. */
static const char *activation_display_names[BP_N_ACTIVATIONS] = {
  /* Translators: the activation function f(z) = z, shown in the diagram, the math panel
   * and the worked example */
  [BP_ACTIVATION_LINEAR] = NC_("activation function", "linear"),
  [BP_ACTIVATION_SIGMOID] = "sigmoid",
  [BP_ACTIVATION_TANH] = "tanh",
  [BP_ACTIVATION_RELU] = "ReLU",
  [BP_ACTIVATION_LEAKY_RELU] = "leaky ReLU",
};

static const char *loss_display_names[BP_N_LOSSES] = {
  /* Translators: the loss function ½·Σ(y − t)² */
  [BP_LOSS_SQUARED_ERROR] = NC_("loss function", "squared error"),
  /* Translators: the loss function −Σ[t·ln y + (1 − t)·ln(1 − y)] */
  [BP_LOSS_CROSS_ENTROPY] = NC_("loss function", "cross-entropy"),
};

G_DEFINE_QUARK (bp-error-quark, bp_error)

const char *
bp_activation_to_string (BpActivation activation)
{
  g_return_val_if_fail (activation < BP_N_ACTIVATIONS, NULL);
  return activation_names[activation];
}

/**
 * bp_activation_display_name:
 * @activation: an activation function
 *
 * The name people read, in the user's language: "linear" is translated, while sigmoid,
 * tanh, ReLU and leaky ReLU stay as they are. Files and the command line use
 * bp_activation_to_string() instead.
 *
 * Returns: (transfer none): the name
 */
const char *
bp_activation_display_name (BpActivation activation)
{
  g_return_val_if_fail (activation < BP_N_ACTIVATIONS, NULL);
  if (activation == BP_ACTIVATION_LINEAR)
    return g_dpgettext2 (GETTEXT_PACKAGE, "activation function",
                         activation_display_names[activation]);
  return activation_display_names[activation];
}

gboolean
bp_activation_from_string (const char   *name,
                           BpActivation *activation)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint k = 0; k < BP_N_ACTIVATIONS; k++)
    if (g_str_equal (name, activation_names[k]))
      {
        *activation = k;
        return TRUE;
      }
  return FALSE;
}

const char *
bp_loss_to_string (BpLoss loss)
{
  g_return_val_if_fail (loss < BP_N_LOSSES, NULL);
  return loss_names[loss];
}

/**
 * bp_loss_display_name:
 * @loss: a loss function
 *
 * The name people read, in the user's language ("squared error"); files and the command
 * line use bp_loss_to_string() instead.
 *
 * Returns: (transfer none): the name
 */
const char *
bp_loss_display_name (BpLoss loss)
{
  g_return_val_if_fail (loss < BP_N_LOSSES, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "loss function", loss_display_names[loss]);
}

gboolean
bp_loss_from_string (const char *name,
                     BpLoss     *loss)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint k = 0; k < BP_N_LOSSES; k++)
    if (g_str_equal (name, loss_names[k]))
      {
        *loss = k;
        return TRUE;
      }
  return FALSE;
}

double
bp_activation_apply (BpActivation activation,
                     double       z)
{
  switch (activation)
    {
    case BP_ACTIVATION_LINEAR:
      return z;
    case BP_ACTIVATION_SIGMOID:
      return 1.0 / (1.0 + exp (-z));
    case BP_ACTIVATION_TANH:
      return tanh (z);
    case BP_ACTIVATION_RELU:
      return z > 0.0 ? z : 0.0;
    case BP_ACTIVATION_LEAKY_RELU:
      return z > 0.0 ? z : BP_LEAKY_RELU_SLOPE * z;
    case BP_N_ACTIVATIONS:
    default:
      g_assert_not_reached ();
    }
}

/* da/dz, from the pre-activation z and the activation a = f(z). Like PyTorch, the kinks of
 * ReLU and leaky ReLU at z = 0 take the slope of the left side. */
double
bp_activation_derivative (BpActivation activation,
                          double       z,
                          double       a)
{
  switch (activation)
    {
    case BP_ACTIVATION_LINEAR:
      return 1.0;
    case BP_ACTIVATION_SIGMOID:
      return a * (1.0 - a);
    case BP_ACTIVATION_TANH:
      return 1.0 - a * a;
    case BP_ACTIVATION_RELU:
      return z > 0.0 ? 1.0 : 0.0;
    case BP_ACTIVATION_LEAKY_RELU:
      return z > 0.0 ? 1.0 : BP_LEAKY_RELU_SLOPE;
    case BP_N_ACTIVATIONS:
    default:
      g_assert_not_reached ();
    }
}

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
 * Copies everything: activations, loss, learning rate, parameters, input, target, and the
 * values and gradients of the last pass.
 */
void
bp_net_copy_values (BpNet       *dest,
                    const BpNet *src)
{
  g_return_if_fail (bp_net_same_shape (dest, src));

  memcpy (dest->activations, src->activations, sizeof src->activations);
  dest->loss_kind = src->loss_kind;
  dest->learning_rate = src->learning_rate;
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
}

BpNet *
bp_net_copy (const BpNet *net)
{
  BpNet *copy;

  copy = bp_net_new (net->n_layers + 1, net->sizes, net->activations, net->loss_kind, NULL);
  bp_net_copy_values (copy, net);
  return copy;
}

/**
 * bp_net_init_seeded:
 * @net: a network
 * @seed: the seed
 *
 * Draws fresh weights from GLib's GRand seeded with @seed, layer by layer, row by row:
 * Glorot uniform U(±√(6/(fan_in + fan_out))) for tanh, sigmoid and linear layers, He uniform
 * U(±√(6/fan_in)) for ReLU and leaky ReLU. Biases become 0. The same seed gives a
 * bit-identical network on every machine. Values and gradients are not recomputed.
 */
void
bp_net_init_seeded (BpNet   *net,
                    guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint l = 0; l < net->n_layers; l++)
    {
      double fan_in = net->sizes[l];
      double fan_out = net->sizes[l + 1];
      gsize n = (gsize) net->sizes[l] * net->sizes[l + 1];
      double limit;

      if (net->activations[l] == BP_ACTIVATION_RELU ||
          net->activations[l] == BP_ACTIVATION_LEAKY_RELU)
        limit = sqrt (6.0 / fan_in);
      else
        limit = sqrt (6.0 / (fan_in + fan_out));

      for (gsize k = 0; k < n; k++)
        net->weights[l][k] = g_rand_double_range (rand, -limit, limit);
      memset (net->biases[l], 0, net->sizes[l + 1] * sizeof (double));
    }
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

/* Σ_i w_i x_i in a fixed order with four partial sums, so the compiler may keep them in
 * vector registers without changing a single bit of the result. */
static inline double
dot (const double *restrict w,
     const double *restrict x,
     gsize                  n)
{
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  gsize i = 0;

  for (; i + 4 <= n; i += 4)
    {
      s0 += w[i] * x[i];
      s1 += w[i + 1] * x[i + 1];
      s2 += w[i + 2] * x[i + 2];
      s3 += w[i + 3] * x[i + 3];
    }
  for (; i < n; i++)
    s0 += w[i] * x[i];
  return (s0 + s1) + (s2 + s3);
}

/* The same sum over the weights a step would give, w − η·(d·x_old), without writing them. */
static inline double
dot_updated (const double *restrict w,
             const double *restrict x_old,
             double                 d,
             double                 eta,
             const double *restrict x,
             gsize                  n)
{
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  gsize i = 0;

  for (; i + 4 <= n; i += 4)
    {
      s0 += (w[i] - eta * (d * x_old[i])) * x[i];
      s1 += (w[i + 1] - eta * (d * x_old[i + 1])) * x[i + 1];
      s2 += (w[i + 2] - eta * (d * x_old[i + 2])) * x[i + 2];
      s3 += (w[i + 3] - eta * (d * x_old[i + 3])) * x[i + 3];
    }
  for (; i < n; i++)
    s0 += (w[i] - eta * (d * x_old[i])) * x[i];
  return (s0 + s1) + (s2 + s3);
}

static void
activate_layer (const BpNet  *net,
                guint         l,
                const double *z,
                double       *a)
{
  BpActivation f = net->activations[l - 1];

  for (guint j = 0; j < net->sizes[l]; j++)
    a[j] = bp_activation_apply (f, z[j]);
}

/* ln(1 + e^z) without overflow. */
static double
softplus (double z)
{
  return fmax (z, 0.0) + log1p (exp (-fabs (z)));
}

/**
 * bp_net_loss_of:
 * @net: a network
 * @output_z: the output layer's pre-activations
 * @output_a: the output layer's activations
 * @target: the targets
 *
 * Squared error ½·Σ (y − t)², or binary cross-entropy −Σ [t·ln y + (1 − t)·ln(1 − y)],
 * computed from the pre-activation as Σ [softplus(z) − t·z] so that it stays finite when
 * the sigmoid saturates.
 *
 * Returns: the loss
 */
double
bp_net_loss_of (const BpNet  *net,
                const double *output_z,
                const double *output_a,
                const double *target)
{
  guint n_out = net->sizes[net->n_layers];
  double loss = 0.0;

  for (guint k = 0; k < n_out; k++)
    {
      if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
        loss += softplus (output_z[k]) - target[k] * output_z[k];
      else
        loss += 0.5 * (output_a[k] - target[k]) * (output_a[k] - target[k]);
    }
  return loss;
}

BP_VECTOR_KERNEL static void
forward_into (const BpNet   *net,
              double *const *z,
              double *const *a)
{
  for (guint l = 0; l < net->n_layers; l++)
    {
      guint n_in = net->sizes[l];

      for (guint j = 0; j < net->sizes[l + 1]; j++)
        z[l + 1][j] = net->biases[l][j] + dot (bp_net_weight (net, l, j, 0), a[l], n_in);
      activate_layer (net, l + 1, z[l + 1], a[l + 1]);
    }
}

/**
 * bp_net_forward:
 * @net: a network
 *
 * Computes every pre-activation z and activation a from the input, and the loss.
 */
void
bp_net_forward (BpNet *net)
{
  guint L = net->n_layers;

  forward_into (net, net->z, net->a);
  net->loss = bp_net_loss_of (net, net->z[L], net->a[L], net->target);
}

/* dL/dy and dL/dz of the output layer. For a sigmoid under cross-entropy dL/dz = y − t
 * directly, which stays exact where y(1 − y) underflows. */
static void
output_gradient (const BpNet  *net,
                 const double *z,
                 const double *y,
                 const double *t,
                 double       *grad_y,
                 double       *delta)
{
  BpActivation f = net->activations[net->n_layers - 1];

  for (guint k = 0; k < net->sizes[net->n_layers]; k++)
    {
      if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
        {
          double slope = y[k] * (1.0 - y[k]);

          delta[k] = y[k] - t[k];
          grad_y[k] = delta[k] == 0.0 ? 0.0 : delta[k] / slope;
        }
      else
        {
          grad_y[k] = y[k] - t[k];
          delta[k] = grad_y[k] * bp_activation_derivative (f, z[k], y[k]);
        }
    }
}

/* δ of layer l from dL/da of that layer. */
static void
delta_from_grad (const BpNet  *net,
                 guint         l,
                 const double *z,
                 const double *a,
                 const double *grad_a,
                 double       *delta)
{
  BpActivation f = net->activations[l - 1];

  for (guint j = 0; j < net->sizes[l]; j++)
    delta[j] = grad_a[j] * bp_activation_derivative (f, z[j], a[j]);
}

/* The backward pass of the values z and a into grad_a and delta. */
BP_VECTOR_KERNEL static void
backward_into (const BpNet   *net,
               double *const *z,
               double *const *a,
               const double  *target,
               double *const *grad_a,
               double *const *delta)
{
  guint L = net->n_layers;

  output_gradient (net, z[L], a[L], target, grad_a[L], delta[L]);
  for (guint l = L; l > 0; l--)
    {
      guint n_in = net->sizes[l - 1];
      double *restrict ga = grad_a[l - 1];

      memset (ga, 0, n_in * sizeof (double));
      for (guint j = 0; j < net->sizes[l]; j++)
        {
          const double *restrict w = bp_net_weight (net, l - 1, j, 0);
          double d = delta[l][j];

          for (guint i = 0; i < n_in; i++)
            ga[i] += w[i] * d;
        }
      if (l > 1)
        delta_from_grad (net, l - 1, z[l - 1], a[l - 1], ga, delta[l - 1]);
    }
}

/**
 * bp_net_backward:
 * @net: a network after bp_net_forward()
 *
 * Computes dL/da and dL/dz (delta) of every layer, from the output back to the input.
 * The parameter gradients follow from them: see bp_net_weight_gradient().
 */
void
bp_net_backward (BpNet *net)
{
  backward_into (net, net->z, net->a, net->target, net->grad_a, net->delta);
}

static double
max_abs (const double *v,
         gsize         n)
{
  double m = 0.0;

  for (gsize i = 0; i < n; i++)
    m = fmax (m, fabs (v[i]));
  return m;
}

/**
 * bp_net_gradients_finite:
 * @net: a network after bp_net_backward()
 *
 * Whether every gradient the network holds, dL/dz, dL/da and every dL/dw = δ_j·a_i, is a
 * finite number. Costs one look at each neuron, none at the weights.
 *
 * Returns: %TRUE if all are finite
 */
gboolean
bp_net_gradients_finite (const BpNet *net)
{
  if (!isfinite (net->loss))
    return FALSE;
  for (guint l = 1; l <= net->n_layers; l++)
    {
      double d = max_abs (net->delta[l], net->sizes[l]);
      double x = max_abs (net->a[l - 1], net->sizes[l - 1]);

      /* Hidden layers' dL/da; the output's may be infinite where a sigmoid saturates under
       * cross-entropy, and is then shown through dL/dz instead. */
      if (!isfinite (d) || !isfinite (d * x) ||
          !isfinite (max_abs (net->grad_a[l - 1], net->sizes[l - 1])))
        return FALSE;
    }
  return TRUE;
}

static void
set_diverged_error (const BpNet *net,
                    GError     **error)
{
  g_set_error (error, BP_ERROR, BP_ERROR_DIVERGED,
               /* Translators: %g is the learning rate that made the network diverge */
               _("The network diverged: this step would make the loss or a weight infinite "
                 "or not a number, so it was not applied. Try a smaller learning rate "
                 "than %g."),
               net->learning_rate);
}

/* The forward pass of the weights a single-sample step would give. Nothing is written to the
 * parameters; the new values go to the spare buffers. */
BP_VECTOR_KERNEL static gboolean
forward_updated (BpNet *net)
{
  guint L = net->n_layers;
  double eta = net->learning_rate;

  for (guint l = 0; l < L; l++)
    {
      guint n_in = net->sizes[l];
      const double *x_old = net->a[l];
      const double *x_new = net->spare_a[l];
      double *z = net->spare_z[l + 1];

      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          double d = net->delta[l + 1][j];
          double b = net->biases[l][j] - eta * d;

          z[j] = b + dot_updated (bp_net_weight (net, l, j, 0), x_old, d, eta, x_new, n_in);
          /* An infinite new weight makes its sum infinite or NaN, so this also catches it. */
          if (!isfinite (z[j]))
            return FALSE;
        }
      activate_layer (net, l + 1, z, net->spare_a[l + 1]);
    }
  return TRUE;
}

/* The backward pass of the new values, writing the new weights as it reads them. */
BP_VECTOR_KERNEL static void
backward_committing (BpNet *net)
{
  guint L = net->n_layers;
  double eta = net->learning_rate;

  output_gradient (net, net->spare_z[L], net->spare_a[L], net->target,
                   net->spare_grad_a[L], net->spare_delta[L]);
  for (guint l = L; l > 0; l--)
    {
      guint n_in = net->sizes[l - 1];
      const double *x_old = net->a[l - 1];
      double *restrict ga = net->spare_grad_a[l - 1];

      memset (ga, 0, n_in * sizeof (double));
      for (guint j = 0; j < net->sizes[l]; j++)
        {
          double *restrict w = net->weights[l - 1] + (gsize) j * n_in;
          double d_old = net->delta[l][j];
          double d_new = net->spare_delta[l][j];

          for (guint i = 0; i < n_in; i++)
            {
              w[i] = w[i] - eta * (d_old * x_old[i]);
              ga[i] += w[i] * d_new;
            }
          net->biases[l - 1][j] = net->biases[l - 1][j] - eta * d_old;
        }
      if (l > 1)
        delta_from_grad (net, l - 1, net->spare_z[l - 1], net->spare_a[l - 1], ga,
                         net->spare_delta[l - 1]);
    }
}

static void
swap_values (BpNet *net)
{
  for (guint l = 0; l <= net->n_layers; l++)
    {
      double *t;

      t = net->z[l], net->z[l] = net->spare_z[l], net->spare_z[l] = t;
      t = net->a[l], net->a[l] = net->spare_a[l], net->spare_a[l] = t;
      t = net->delta[l], net->delta[l] = net->spare_delta[l], net->spare_delta[l] = t;
      t = net->grad_a[l], net->grad_a[l] = net->spare_grad_a[l], net->spare_grad_a[l] = t;
    }
}

/**
 * bp_net_step:
 * @net: a network after bp_net_forward() and bp_net_backward()
 * @error: return location for a #GError
 *
 * One step of stochastic gradient descent with the gradients the network holds:
 * W ← W − η·dL/dW and b ← b − η·dL/db. Then the forward and backward passes of the new
 * parameters are computed, so the network again holds the gradients its next step applies.
 *
 * If the step would make the loss or any parameter infinite or NaN, nothing changes and
 * %BP_ERROR_DIVERGED is returned.
 *
 * Returns: %TRUE if the step was applied
 */
gboolean
bp_net_step (BpNet   *net,
             GError **error)
{
  guint L = net->n_layers;
  double loss;

  if (!bp_net_gradients_finite (net) || !forward_updated (net))
    {
      set_diverged_error (net, error);
      return FALSE;
    }
  loss = bp_net_loss_of (net, net->spare_z[L], net->spare_a[L], net->target);
  if (!isfinite (loss))
    {
      set_diverged_error (net, error);
      return FALSE;
    }

  backward_committing (net);
  swap_values (net);
  net->loss = loss;
  return TRUE;
}

/* Adds one sample's gradient, δ(l+1) ⊗ a(l) for every layer, to the mini-batch sums. */
static void
accumulate_gradient (BpNet         *net,
                     double *const *a,
                     double *const *delta)
{
  double *gw = net->batch_grad_w;
  double *gb = net->batch_grad_b;

  for (guint l = 0; l < net->n_layers; l++)
    {
      guint n_in = net->sizes[l];

      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          double d = delta[l + 1][j];

          for (guint i = 0; i < n_in; i++)
            gw[i] += d * a[l][i];
          gw += n_in;
          *gb++ += d;
        }
    }
}

/* Sums of gradients and losses over the mini-batch, using the spare buffers for values. */
static double
batch_gradient (BpNet        *net,
                const double *inputs,
                const double *targets,
                guint         n_samples)
{
  guint L = net->n_layers;
  double *a[BP_MAX_LAYERS + 1];
  double sum = 0.0;

  memset (net->batch_grad_w, 0, net->n_weights * sizeof (double));
  memset (net->batch_grad_b, 0, net->n_biases * sizeof (double));
  memcpy (a, net->spare_a, sizeof a);
  for (guint s = 0; s < n_samples; s++)
    {
      const double *t = targets + (gsize) s * net->sizes[L];

      /* The samples are only read; the cast lets them stand in as layer 0. */
      a[0] = (double *) inputs + (gsize) s * net->sizes[0];
      forward_into (net, net->spare_z, a);
      sum += bp_net_loss_of (net, net->spare_z[L], a[L], t);
      backward_into (net, net->spare_z, a, t, net->spare_grad_a, net->spare_delta);
      accumulate_gradient (net, a, net->spare_delta);
    }
  return sum;
}

/* The forward pass of the weights a mini-batch step would give; like forward_updated (). */
static gboolean
forward_batch_updated (BpNet  *net,
                       double  scale)
{
  double eta = net->learning_rate;
  const double *gw = net->batch_grad_w;
  const double *gb = net->batch_grad_b;

  for (guint l = 0; l < net->n_layers; l++)
    {
      guint n_in = net->sizes[l];
      const double *x = net->spare_a[l];
      double *z = net->spare_z[l + 1];

      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          const double *w = bp_net_weight (net, l, j, 0);
          double sum = net->biases[l][j] - eta * (*gb++ * scale);

          for (guint i = 0; i < n_in; i++)
            sum += (w[i] - eta * (gw[i] * scale)) * x[i];
          gw += n_in;
          z[j] = sum;
          if (!isfinite (sum))
            return FALSE;
        }
      activate_layer (net, l + 1, z, net->spare_a[l + 1]);
    }
  return isfinite (bp_net_loss_of (net, net->spare_z[net->n_layers],
                                   net->spare_a[net->n_layers], net->target));
}

static void
apply_batch_gradient (BpNet  *net,
                      double  scale)
{
  double eta = net->learning_rate;
  const double *gw = net->batch_grad_w;
  const double *gb = net->batch_grad_b;

  for (guint l = 0; l < net->n_layers; l++)
    {
      gsize n = (gsize) net->sizes[l] * net->sizes[l + 1];

      for (gsize k = 0; k < n; k++)
        net->weights[l][k] = net->weights[l][k] - eta * (gw[k] * scale);
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        net->biases[l][j] = net->biases[l][j] - eta * (gb[j] * scale);
      gw += n;
      gb += net->sizes[l + 1];
    }
}

/**
 * bp_net_batch_step:
 * @net: a network
 * @inputs: (array): @n_samples rows of sizes[0] inputs
 * @targets: (array): @n_samples rows of sizes[L] targets
 * @n_samples: how many samples, at least 1
 * @mean_loss: (out) (optional): the mean loss over the samples before the step
 * @error: return location for a #GError
 *
 * One step of mini-batch gradient descent: the mean gradient of the samples is applied.
 * Afterwards the network holds the values and gradients of its own input and target.
 * If the step would make a parameter or the loss of the network's own sample non-finite,
 * nothing changes and %BP_ERROR_DIVERGED is returned.
 *
 * Returns: %TRUE if the step was applied
 */
gboolean
bp_net_batch_step (BpNet        *net,
                   const double *inputs,
                   const double *targets,
                   guint         n_samples,
                   double       *mean_loss,
                   GError      **error)
{
  double sum;

  g_return_val_if_fail (n_samples > 0, FALSE);

  sum = batch_gradient (net, inputs, targets, n_samples);
  if (mean_loss != NULL)
    *mean_loss = sum / n_samples;
  if (!isfinite (sum) || !forward_batch_updated (net, 1.0 / n_samples))
    {
      set_diverged_error (net, error);
      return FALSE;
    }
  apply_batch_gradient (net, 1.0 / n_samples);
  bp_net_forward (net);
  bp_net_backward (net);
  return TRUE;
}

/* The parameter a gradient check moves: a weight, or the bias of `to` if from is G_MAXUINT. */
typedef struct {
  guint layer;
  guint to;
  guint from;
} Param;

static long double
activate_ld (BpActivation f,
             long double  z)
{
  switch (f)
    {
    case BP_ACTIVATION_SIGMOID:
      return 1.0L / (1.0L + expl (-z));
    case BP_ACTIVATION_TANH:
      return tanhl (z);
    case BP_ACTIVATION_RELU:
    case BP_ACTIVATION_LEAKY_RELU:
    case BP_ACTIVATION_LINEAR:
    case BP_N_ACTIVATIONS:
    default:
      return z > 0.0L || f == BP_ACTIVATION_LINEAR ? z :
             f == BP_ACTIVATION_RELU ? 0.0L : BP_LEAKY_RELU_SLOPE * z;
    }
}

/* The loss with one parameter moved by offset, computed in long double: a finite difference
 * subtracts two nearly equal losses, and the extra bits keep it accurate for gradients far
 * smaller than the loss, as in deep sigmoid networks. */
static long double
loss_moved (const BpNet *net,
            Param        p,
            long double  offset,
            long double *x,
            long double *y)
{
  guint L = net->n_layers;
  long double loss = 0.0L;

  for (guint i = 0; i < net->sizes[0]; i++)
    x[i] = net->a[0][i];
  for (guint l = 0; l < L; l++)
    {
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          const double *w = bp_net_weight (net, l, j, 0);
          long double z = net->biases[l][j];

          for (guint i = 0; i < net->sizes[l]; i++)
            z += (long double) w[i] * x[i];
          if (l == p.layer && j == p.to)
            z += p.from == G_MAXUINT ? offset : offset * x[p.from];
          y[j] = l + 1 == L ? z : activate_ld (net->activations[l], z);
        }
      if (l + 1 < L)
        memcpy (x, y, net->sizes[l + 1] * sizeof (long double));
    }
  for (guint k = 0; k < net->sizes[L]; k++)
    {
      long double z = y[k];
      long double t = net->target[k];

      if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
        loss += fmaxl (z, 0.0L) + log1pl (expl (-fabsl (z))) - t * z;
      else
        loss += 0.5L * (activate_ld (net->activations[L - 1], z) - t) *
                (activate_ld (net->activations[L - 1], z) - t);
    }
  return loss;
}

/* Central differences D(h) = (L(p + h) − L(p − h)) / 2h at h and h/2, combined by Richardson
 * extrapolation (4·D(h/2) − D(h)) / 3, whose truncation error is O(h⁴). */
static double
numeric_gradient (const BpNet *net,
                  Param        p,
                  double       value,
                  long double *x,
                  long double *y)
{
  long double h = 1e-4L * fmaxl (1.0L, fabsl (value));
  long double d1 = (loss_moved (net, p, h, x, y) - loss_moved (net, p, -h, x, y)) / (2 * h);
  long double d2 = (loss_moved (net, p, h / 2, x, y) - loss_moved (net, p, -h / 2, x, y)) / h;

  return (double) ((4.0L * d2 - d1) / 3.0L);
}

static double
relative_error (double analytic,
                double numeric)
{
  return fabs (analytic - numeric) / fmax (1e-8, fabs (analytic) + fabs (numeric));
}

/* The larger error, where NaN (a gradient that is not a number) is the worst of all: fmax ()
 * would drop it. */
static double
worse_error (double a,
             double b)
{
  return isnan (a) || isnan (b) ? NAN : fmax (a, b);
}

/**
 * bp_net_gradient_check:
 * @net: a network
 *
 * Compares every backprop gradient with central finite differences
 * D(h) = (L(p + h) − L(p − h)) / 2h, extrapolated as (4·D(h/2) − D(h)) / 3 with
 * h = 10⁻⁴·max(1, |p|), the losses computed in long double.
 *
 * Returns: the largest relative error |a − n| / max(10⁻⁸, |a| + |n|), NaN if any gradient
 *   is not a number
 */
double
bp_net_gradient_check (BpNet *net)
{
  guint widest = 0;
  g_autofree long double *x = NULL;
  g_autofree long double *y = NULL;
  double worst = 0.0;

  for (guint l = 0; l <= net->n_layers; l++)
    widest = MAX (widest, net->sizes[l]);
  x = g_new (long double, widest);
  y = g_new (long double, widest);

  bp_net_forward (net);
  bp_net_backward (net);
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      {
        Param bias = { l, j, G_MAXUINT };

        for (guint i = 0; i < net->sizes[l]; i++)
          {
            Param weight = { l, j, i };
            double n = numeric_gradient (net, weight, *bp_net_weight (net, l, j, i), x, y);

            worst = worse_error (worst, relative_error (bp_net_weight_gradient (net, l, j, i),
                                                        n));
          }
        worst = worse_error (worst, relative_error (bp_net_bias_gradient (net, l, j),
                                                    numeric_gradient (net, bias,
                                                                      net->biases[l][j], x, y)));
      }
  return worst;
}
