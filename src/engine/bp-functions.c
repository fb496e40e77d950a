/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-functions.c: the activation functions and the losses, their names and their derivatives.
 */
#define G_LOG_DOMAIN "bp-core"

#include "config.h"

#include "bp-core-private.h"

#include <glib/gi18n.h>
#include <math.h>

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
  gint k;

  g_return_val_if_fail (name != NULL, FALSE);

  k = _bp_name_index (activation_names, BP_N_ACTIVATIONS, name);
  if (k < 0)
    return FALSE;
  *activation = k;
  return TRUE;
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
  gint k;

  g_return_val_if_fail (name != NULL, FALSE);

  k = _bp_name_index (loss_names, BP_N_LOSSES, name);
  if (k < 0)
    return FALSE;
  *loss = k;
  return TRUE;
}

double
bp_activation_derivative (BpActivation activation,
                          double       z,
                          double       a)
{
  return bp_activation_derivative_inline (activation, z, a);
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

/* dL/dy and dL/dz of the output layer. For a sigmoid under cross-entropy dL/dz = y − t
 * directly, which stays exact where y(1 − y) underflows. */
void
bp_net_output_gradient (const BpNet  *net,
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
          delta[k] = grad_y[k] * bp_activation_derivative_inline (f, z[k], y[k]);
        }
    }
}
