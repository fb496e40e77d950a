/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-regularization.c: the penalty of the weights that mini-batch steps add to the loss.
 *
 * L2 adds λ·½·Σw², whose gradient is λ·w; L1 adds λ·Σ|w|, whose gradient is λ·sign(w) with
 * sign(0) = 0, and a weight that an L1 step would carry across zero stops at exactly 0.
 * The biases are never penalised. With none, or λ = 0, a step is the plain one to the bit.
 */
#define G_LOG_DOMAIN "bp-core"

#include "config.h"

#include "bp-core-private.h"

#include <glib/gi18n.h>
#include <math.h>

static const char *regularization_names[BP_N_REGULARIZATIONS] = {
  [BP_REGULARIZATION_NONE] = "none",
  [BP_REGULARIZATION_L1] = "l1",
  [BP_REGULARIZATION_L2] = "l2",
};

/* L1 and L2 are names, the same in every language; "none" is a word and is translated. */
static const char *regularization_display_names[BP_N_REGULARIZATIONS] = {
  /* Translators: no regularization: the loss is the mean of the examples' losses alone */
  [BP_REGULARIZATION_NONE] = NC_("regularization", "none"),
  [BP_REGULARIZATION_L1] = "L1",
  [BP_REGULARIZATION_L2] = "L2",
};

/* The rates TensorFlow Playground offers, which the window's menu and the files share. */
static const double regularization_rates[BP_N_REGULARIZATION_RATES] = {
  0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0,
};

const char *
bp_regularization_to_string (BpRegularization regularization)
{
  g_return_val_if_fail (regularization < BP_N_REGULARIZATIONS, NULL);
  return regularization_names[regularization];
}

/**
 * bp_regularization_display_name:
 * @regularization: a kind of regularization
 *
 * The name people read: "none" in the user's language, "L1" or "L2". Files and the command
 * line use bp_regularization_to_string() instead.
 *
 * Returns: (transfer none): the name
 */
const char *
bp_regularization_display_name (BpRegularization regularization)
{
  g_return_val_if_fail (regularization < BP_N_REGULARIZATIONS, NULL);
  if (regularization == BP_REGULARIZATION_NONE)
    return g_dpgettext2 (GETTEXT_PACKAGE, "regularization",
                         regularization_display_names[regularization]);
  return regularization_display_names[regularization];
}

gboolean
bp_regularization_from_string (const char       *name,
                               BpRegularization *regularization)
{
  gint k;

  g_return_val_if_fail (name != NULL, FALSE);

  k = _bp_name_index (regularization_names, BP_N_REGULARIZATIONS, name);
  if (k < 0)
    return FALSE;
  *regularization = k;
  return TRUE;
}

/**
 * bp_regularization_rates:
 * @n_rates: (out) (optional): where the number of rates goes, %BP_N_REGULARIZATION_RATES
 *
 * The regularization rates λ allowed, in increasing order: 0, 0.001, 0.003, 0.01, 0.03, 0.1,
 * 0.3, 1, 3 and 10.
 *
 * Returns: (transfer none) (array length=n_rates): the rates
 */
const double *
bp_regularization_rates (guint *n_rates)
{
  if (n_rates != NULL)
    *n_rates = BP_N_REGULARIZATION_RATES;
  return regularization_rates;
}

/**
 * bp_regularization_check_rate:
 * @rate: a regularization rate λ
 * @error: where a refusal is told
 *
 * Whether @rate is exactly one of bp_regularization_rates().
 *
 * Returns: %TRUE if it is
 */
gboolean
bp_regularization_check_rate (double   rate,
                              GError **error)
{
  for (guint k = 0; k < BP_N_REGULARIZATION_RATES; k++)
    if (rate == regularization_rates[k])
      return TRUE;
  g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
               /* Translators: %g is the rate asked for, such as 0.5; the list of numbers
                * stays as it is, with your language's separators between them */
               _("The regularization rate must be one of 0, 0.001, 0.003, 0.01, 0.03, 0.1, "
                 "0.3, 1, 3 or 10, not %g"),
               rate);
  return FALSE;
}

/**
 * bp_net_set_regularization:
 * @net: a network
 * @regularization: none, L1 or L2
 * @rate: λ, one of bp_regularization_rates()
 * @error: where a refusal is told
 *
 * Sets the penalty that the next mini-batch steps (bp_net_batch_step()) add to the loss, or
 * changes nothing and fails. Single-sample steps (bp_net_step()) are never regularized.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_net_set_regularization (BpNet            *net,
                           BpRegularization  regularization,
                           double            rate,
                           GError          **error)
{
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail ((guint) regularization < BP_N_REGULARIZATIONS, FALSE);

  if (!bp_regularization_check_rate (rate, error))
    return FALSE;
  net->regularization = regularization;
  net->regularization_rate = rate;
  return TRUE;
}

/* Whether mini-batch steps change anything for the penalty; when not, they stay the plain
 * steps to the bit. */
gboolean
bp_net_regularized (const BpNet *net)
{
  return net->regularization != BP_REGULARIZATION_NONE && net->regularization_rate != 0.0;
}

/**
 * bp_net_penalty:
 * @net: a network
 *
 * The penalty of the network's weights: λ·½·Σw² under L2, λ·Σ|w| under L1, 0 without
 * regularization. Biases do not count.
 *
 * Returns: the penalty
 */
double
bp_net_penalty (const BpNet *net)
{
  double sum = 0.0;

  g_return_val_if_fail (net != NULL, 0.0);

  if (!bp_net_regularized (net))
    return 0.0;
  for (guint l = 0; l < net->n_layers; l++)
    {
      gsize n = (gsize) net->sizes[l] * net->sizes[l + 1];
      const double *w = net->weights[l];

      for (gsize k = 0; k < n; k++)
        sum += net->regularization == BP_REGULARIZATION_L2 ? w[k] * w[k] : fabs (w[k]);
    }
  if (net->regularization == BP_REGULARIZATION_L2)
    return net->regularization_rate * (0.5 * sum);
  return net->regularization_rate * sum;
}

/* Adds the penalty's gradient to the mean gradient of the weights in batch_grad_w. */
void
bp_net_add_penalty_gradient (BpNet *net)
{
  double lambda = net->regularization_rate;
  double *g = net->batch_grad_w;

  g_assert (bp_net_regularized (net));
  for (guint l = 0; l < net->n_layers; l++)
    {
      gsize n = (gsize) net->sizes[l] * net->sizes[l + 1];
      const double *w = net->weights[l];

      if (net->regularization == BP_REGULARIZATION_L2)
        for (gsize k = 0; k < n; k++)
          g[k] = g[k] + lambda * w[k];
      else
        for (gsize k = 0; k < n; k++)
          g[k] = g[k] + lambda * (double) ((w[k] > 0.0) - (w[k] < 0.0));
      g += n;
    }
}
