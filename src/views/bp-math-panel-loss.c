/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-math-panel-loss.c: the math panel's lines for the loss box: the loss function with
 * live numbers, each output's share of it, and ∂L/∂y = y − t where every chain starts
 * (∂L/∂z = y − t under cross-entropy with a sigmoid output, as the engine computes it). */
#define G_LOG_DOMAIN "bp-math-panel"

#include "config.h"

#include "bp-math-panel-private.h"

#include <glib/gi18n.h>
#include <math.h>

#define MAX_TERMS 16     /* shares of the loss written out before "… and N more" */
#define MAX_OUTPUTS 16   /* output lines before "… and N more in this layer" */

/* One output's share of the loss, as the engine computes it (bp_net_loss_of ()). */
static double
output_loss (const BpNet *net,
             guint        k)
{
  guint L = net->n_layers;
  double y = net->a[L][k], target = net->target[k], z = net->z[L][k];

  if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    return fmax (z, 0.0) + log1p (exp (-fabs (z))) - target * z;
  return 0.5 * (y - target) * (y - target);
}

/* "L = 0.1 + 0.2 = 0.3" over the outputs' shares, or "L = 0.3" for one output. */
static void
add_loss_total (BpMathText *t)
{
  const BpNet *net = t->net;
  guint n_out = net->sizes[net->n_layers];
  g_autoptr(GString) terms = g_string_new ("L = ");

  if (n_out > 1)
    {
      guint shown = MIN (n_out, MAX_TERMS);

      for (guint k = 0; k < shown; k++)
        g_string_append_printf (terms, "%s%s", k > 0 ? " + " : "",
                                bp_math_text_factor_num (t, output_loss (net, k)));
      if (n_out > shown)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("… and %u more", "… and %u more",
                                                             n_out - shown), n_out - shown);

          g_string_append_printf (terms, " + %s", more);
        }
      g_string_append (terms, " = ");
    }
  bp_math_text_add_line (t, LINE_FORMULA, "%s<b>%s</b>", terms->str,
                         bp_math_text_num (t, net->loss));
}

/**
 * bp_math_text_add_loss:
 * @t: the text being built
 *
 * Adds the loss box's explanation: the loss function with each output's share and the
 * total, then where backprop starts: ∂L/∂y = y − t (∂L/∂z = y − t under cross-entropy,
 * as the engine computes it), one line per output.
 */
void
bp_math_text_add_loss (BpMathText *t)
{
  const BpNet *net = t->net;
  guint L = net->n_layers, n_out = net->sizes[L];
  guint shown = MIN (n_out, MAX_OUTPUTS);
  gboolean ce = net->loss_kind == BP_LOSS_CROSS_ENTROPY;

  /* Translators: the math panel's title for the loss box; L is the loss's symbol */
  bp_math_text_add_line (t, LINE_TITLE, "%s", _("Loss L"));
  /* Translators: a heading of the math panel; %s is the loss function's name, such as
   * "squared error" (msgctxt "loss function") */
  bp_math_text_add_line (t, LINE_HEADING, _("Loss function: %s"),
                         ce ? C_("loss function", "cross-entropy")
                            : C_("loss function", "squared error"));
  bp_math_text_add_line (t, LINE_FORMULA, "%s", ce ? "L = −Σ [t·ln y + (1 − t)·ln(1 − y)]"
                                                   : "L = ½ · Σ (y − t)²");
  for (guint k = 0; k < shown; k++)
    {
      const char *y = bp_math_text_neuron (t, L, k);
      const char *share = bp_math_text_num (t, output_loss (net, k));
      const char *tv = bp_math_text_factor_num (t, net->target[k]);

      if (ce)
        bp_math_text_add_line (t, LINE_NUMBERS,
                               "−[t%u·ln %s + (1 − t%u)·ln(1 − %s)] = −[%s · ln %s + %s · ln %s]"
                               " = %s", k + 1, y, k + 1, y, tv,
                               bp_math_text_factor_num (t, net->a[L][k]),
                               bp_math_text_factor_num (t, 1.0 - net->target[k]),
                               bp_math_text_factor_num (t, 1.0 - net->a[L][k]), share);
      else
        bp_math_text_add_line (t, LINE_NUMBERS, "½ · (%s − t%u)² = ½ · (%s − %s)² = %s", y,
                               k + 1, bp_math_text_num (t, net->a[L][k]), tv, share);
    }
  if (n_out > shown)
    bp_math_text_add_line (t, LINE_NOTE, ngettext ("… and %u more in this layer",
                                                   "… and %u more in this layer",
                                                   n_out - shown), n_out - shown);
  add_loss_total (t);

  bp_math_text_add_line (t, LINE_HEADING, "%s", _("Gradient"));
  /* Translators: a note of the math panel, under the loss's gradient heading */
  bp_math_text_add_line (t, LINE_NOTE, "%s", _("Backprop starts here: how the loss changes "
                                               "with each output."));
  for (guint k = 0; k < shown; k++)
    {
      const char *y = bp_math_text_neuron (t, L, k);

      if (ce)
        bp_math_text_add_line (t, LINE_FORMULA, "∂L/∂%s = (%s − t%u) / (%s·(1 − %s)) = <b>%s</b>",
                               y, y, k + 1, y, y, bp_math_text_num (t, net->grad_a[L][k]));
      bp_math_text_add_loss_derivative (t, k);
    }
  if (ce)
    /* Translators: a note of the math panel; y, t, δ, ∂L/∂z stay as they are */
    bp_math_text_add_line (t, LINE_NOTE, "%s", _("With a sigmoid output the sigmoid’s slope "
                                                 "y·(1 − y) cancels, so backprop starts from "
                                                 "δ = ∂L/∂z = y − t directly, which stays "
                                                 "exact when the sigmoid saturates."));
  else
    /* Translators: a note of the math panel; δ, f′(z) and ∂L/∂y stay as they are */
    bp_math_text_add_line (t, LINE_NOTE, "%s", _("Each output passes its ∂L/∂y back through "
                                                 "its activation: δ = f′(z) · ∂L/∂y."));
}
