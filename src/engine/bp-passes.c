/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-passes.c: forward pass, backward pass and SGD steps of a fully connected network.
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

#include "bp-core-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

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
    a[j] = bp_activation_apply_inline (f, z[j]);
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
    delta[j] = grad_a[j] * bp_activation_derivative_inline (f, z[j], a[j]);
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

  bp_net_output_gradient (net, z[L], a[L], target, grad_a[L], delta[L]);
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

  bp_net_output_gradient (net, net->spare_z[L], net->spare_a[L], net->target,
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

/* The mean gradient of the mini-batch into batch_grad_w and batch_grad_b, the penalty's
 * included, and the losses before the step; the spare buffers hold the values meanwhile.
 * Returns the sum of the per-example losses. */
static double
batch_gradient (BpNet        *net,
                const double *inputs,
                const double *targets,
                guint         n_samples)
{
  guint L = net->n_layers;
  double *a[BP_MAX_LAYERS + 1];
  double sum = 0.0;
  double scale = 1.0 / n_samples;

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
  for (gsize k = 0; k < net->n_weights; k++)
    net->batch_grad_w[k] = net->batch_grad_w[k] * scale;
  for (gsize k = 0; k < net->n_biases; k++)
    net->batch_grad_b[k] = net->batch_grad_b[k] * scale;
  net->batch_data_loss = sum / n_samples;
  net->batch_n_samples = n_samples;
  net->batch_penalty = 0.0;
  if (bp_net_regularized (net))
    {
      net->batch_penalty = bp_net_penalty (net);
      bp_net_add_penalty_gradient (net);
    }
  return sum;
}

/* The forward pass of the weights a mini-batch step would give; like forward_updated (). */
static gboolean
forward_batch_updated (BpNet *net)
{
  double eta = net->learning_rate;
  gboolean stop_at_zero = bp_net_regularized (net) &&
                          net->regularization == BP_REGULARIZATION_L1;
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
          double sum = net->biases[l][j] - eta * *gb++;

          for (guint i = 0; i < n_in; i++)
            sum += bp_stepped_weight (w[i], gw[i], eta, stop_at_zero) * x[i];
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
apply_batch_gradient (BpNet *net)
{
  double eta = net->learning_rate;
  gboolean stop_at_zero = bp_net_regularized (net) &&
                          net->regularization == BP_REGULARIZATION_L1;
  const double *gw = net->batch_grad_w;
  const double *gb = net->batch_grad_b;

  for (guint l = 0; l < net->n_layers; l++)
    {
      gsize n = (gsize) net->sizes[l] * net->sizes[l + 1];
      double *w = net->weights[l];

      for (gsize k = 0; k < n; k++)
        w[k] = bp_stepped_weight (w[k], gw[k], eta, stop_at_zero);
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        net->biases[l][j] = net->biases[l][j] - eta * gb[j];
      gw += n;
      gb += net->sizes[l + 1];
    }
}

/**
 * bp_net_batch_gradient:
 * @net: a network
 * @inputs: (array): @n_samples rows of sizes[0] inputs
 * @targets: (array): @n_samples rows of sizes[L] targets
 * @n_samples: how many samples, at least 1
 *
 * Computes the gradient of the mini-batch's loss, the mean of the per-example losses plus
 * the regularization penalty, without changing the parameters: read it with
 * bp_net_batch_weight_gradient() and bp_net_batch_bias_gradient(), the two parts of the loss
 * in @net's batch_data_loss and batch_penalty. The network's own values and gradients (z, a,
 * delta, grad_a, loss) are kept.
 *
 * Returns: %TRUE if the loss and every gradient are finite
 */
gboolean
bp_net_batch_gradient (BpNet        *net,
                       const double *inputs,
                       const double *targets,
                       guint         n_samples)
{
  g_return_val_if_fail (net != NULL && inputs != NULL && targets != NULL, FALSE);
  g_return_val_if_fail (n_samples > 0, FALSE);

  return isfinite (batch_gradient (net, inputs, targets, n_samples)) &&
         isfinite (net->batch_penalty) &&
         isfinite (max_abs (net->batch_grad_w, net->n_weights)) &&
         isfinite (max_abs (net->batch_grad_b, net->n_biases));
}

/**
 * bp_net_show_batch:
 * @net: a network
 * @inputs: (array): @n_samples rows of sizes[0] inputs
 * @targets: (array): @n_samples rows of sizes[L] targets
 * @n_samples: how many samples, at least 1
 *
 * Shows the mini-batch the next step will apply: the network's own sample becomes the
 * batch's first example, whose values and gradients (z, a, δ, dL/da, loss) are computed,
 * and the gradient accessors bp_net_weight_gradient() and bp_net_bias_gradient() give the
 * batch's mean gradient, the penalty's included (bp_net_batch_gradient()), until
 * bp_net_show_sample(). Copies carry this (bp_net_copy_values()). The parameters stay.
 *
 * Returns: %TRUE if the loss and every gradient of the batch are finite
 */
gboolean
bp_net_show_batch (BpNet        *net,
                   const double *inputs,
                   const double *targets,
                   guint         n_samples)
{
  g_return_val_if_fail (net != NULL && inputs != NULL && targets != NULL, FALSE);
  g_return_val_if_fail (n_samples > 0, FALSE);

  bp_net_set_input (net, inputs);
  /* A target the loss refuses stays as it was, as when a dataset point is shown. */
  bp_net_set_target (net, targets, NULL);
  bp_net_forward (net);
  bp_net_backward (net);
  net->shows_batch = TRUE;
  return bp_net_batch_gradient (net, inputs, targets, n_samples);
}

/**
 * bp_net_show_sample:
 * @net: a network
 *
 * The gradient accessors give the gradient of the network's own sample again, δ·a.
 */
void
bp_net_show_sample (BpNet *net)
{
  g_return_if_fail (net != NULL);
  net->shows_batch = FALSE;
}

static gsize
layer_offset (const BpNet *net,
              guint        layer,
              gboolean     weights)
{
  gsize offset = 0;

  for (guint l = 0; l < layer; l++)
    offset += weights ? (gsize) net->sizes[l] * net->sizes[l + 1] : net->sizes[l + 1];
  return offset;
}

/**
 * bp_net_batch_weight_gradient:
 * @net: a network after bp_net_batch_gradient() or bp_net_batch_step()
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 * @from: a neuron of layer @layer
 *
 * The last mini-batch's gradient of W[layer][to][from]: the mean over its examples plus the
 * penalty's part, λ·w under L2 or λ·sign(w) under L1, w taken before that step.
 *
 * Returns: the gradient
 */
double
bp_net_batch_weight_gradient (const BpNet *net,
                              guint        layer,
                              guint        to,
                              guint        from)
{
  g_return_val_if_fail (net != NULL && layer < net->n_layers, 0.0);
  g_return_val_if_fail (to < net->sizes[layer + 1] && from < net->sizes[layer], 0.0);

  return net->batch_grad_w[layer_offset (net, layer, TRUE) +
                           (gsize) to * net->sizes[layer] + from];
}

/**
 * bp_net_batch_bias_gradient:
 * @net: a network after bp_net_batch_gradient() or bp_net_batch_step()
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 *
 * The last mini-batch's mean gradient of b[layer][to] (biases are never regularized).
 *
 * Returns: the gradient
 */
double
bp_net_batch_bias_gradient (const BpNet *net,
                            guint        layer,
                            guint        to)
{
  g_return_val_if_fail (net != NULL && layer < net->n_layers, 0.0);
  g_return_val_if_fail (to < net->sizes[layer + 1], 0.0);

  return net->batch_grad_b[layer_offset (net, layer, FALSE) + to];
}

/**
 * bp_net_batch_step:
 * @net: a network
 * @inputs: (array): @n_samples rows of sizes[0] inputs
 * @targets: (array): @n_samples rows of sizes[L] targets
 * @n_samples: how many samples, at least 1
 * @mean_loss: (out) (optional): the batch's loss before the step: the mean loss over the
 *   samples, plus the regularization penalty if any
 * @error: return location for a #GError
 *
 * One step of mini-batch gradient descent: the gradient of the batch's loss (see
 * bp_net_batch_gradient()) is applied, θ ← θ − η·g; under L1 a weight that would cross zero
 * is set to 0. The two parts of the loss stay in batch_data_loss and batch_penalty.
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
    *mean_loss = bp_net_regularized (net) ? net->batch_data_loss + net->batch_penalty
                                          : net->batch_data_loss;
  if (!isfinite (sum) || !isfinite (net->batch_penalty) || !forward_batch_updated (net))
    {
      set_diverged_error (net, error);
      return FALSE;
    }
  apply_batch_gradient (net);
  bp_net_forward (net);
  bp_net_backward (net);
  return TRUE;
}
