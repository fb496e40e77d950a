/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-math-panel-step.c: the step a selected weight or bias takes, in the Math panel: in
 * dataset mode first the mean gradient of the mini-batch (with the L1 or L2 term apart),
 * which is what the step applies and what the diagram's colours show, then the update.
 *
 * In dataset mode the net shows the next mini-batch (bp_net_show_batch ()): its values, δ
 * and chain rule are those of the batch's first example, while chain->gradient, read
 * through bp_net_weight_gradient (), is already the batch's mean gradient. */
#define G_LOG_DOMAIN "bp-math-panel"

#include "config.h"

#include "bp-math-panel-private.h"

#include <glib/gi18n.h>
#include <math.h>

static const char *
param_symbol (const BpChain *chain)
{
  return chain->from == G_MAXUINT ? "b" : "w";
}

/* Whether the step that @net shows penalises the weights. */
static gboolean
penalised (const BpNet *net)
{
  return net->shows_batch && net->regularization != BP_REGULARIZATION_NONE
         && net->regularization_rate != 0.0;
}

/* Whether under L1 the step stops the weight at exactly 0, as bp_net_batch_step () does
 * with a weight that w − η·g would carry across zero. */
static gboolean
stops_at_zero (const BpNet   *net,
               const BpChain *chain)
{
  double v = chain->updated;

  return penalised (net) && net->regularization == BP_REGULARIZATION_L1
         && chain->from != G_MAXUINT
         && ((chain->value > 0.0 && v < 0.0) || (chain->value < 0.0 && v > 0.0));
}

/**
 * bp_math_text_add_batch_note:
 * @t: the text
 * @parameter: whether a weight or bias is explained (else a neuron, an input or the loss)
 *
 * In dataset mode, says whose numbers the panel shows: the next batch's first example's,
 * and for a parameter that the step applies the mean gradient of the whole batch.
 */
void
bp_math_text_add_batch_note (BpMathText *t,
                             gboolean    parameter)
{
  guint n = t->net->batch_n_samples;

  if (!t->net->shows_batch)
    return;
  if (parameter)
    bp_math_text_add_line (t, LINE_NOTE,
                           /* Translators: in dataset mode, under the math panel's title for
                            * a weight or bias; %u is the number of examples in a mini-batch */
                           ngettext ("The chain rule below is that of the first example of "
                                     "the next batch. The step applies the mean gradient of "
                                     "the batch’s %u example, given after it.",
                                     "The chain rule below is that of the first example of "
                                     "the next batch. The step applies the mean gradient of "
                                     "the batch’s %u examples, given after it.", n), n);
  else
    bp_math_text_add_line (t, LINE_NOTE, "%s",
                           /* Translators: in dataset mode, at the end of the math panel for
                            * a neuron, an input or the loss */
                           _("Dataset mode: these are the numbers of the first example of the "
                             "next batch, the one the animation plays."));
}

/**
 * bp_math_text_add_batch_mean:
 * @t: the text
 * @chain: the chain rule of the selected parameter
 *
 * In dataset mode, the batch's mean ∂L/∂w: the mean of the examples' gradients, plus λ·w
 * under L2 or λ·sign(w) under L1 for a weight.
 */
void
bp_math_text_add_batch_mean (BpMathText    *t,
                             const BpChain *chain)
{
  const BpNet *net = t->net;
  const char *p = param_symbol (chain);
  guint n = net->batch_n_samples;
  double g = chain->gradient;

  if (!net->shows_batch)
    return;
  bp_math_text_add_line (t, LINE_HEADING,
                         /* Translators: a heading of the math panel in dataset mode; %u is
                          * the number of examples in the mini-batch */
                         ngettext ("Mean gradient of the batch of %u example",
                                   "Mean gradient of the batch of %u examples", n), n);
  if (penalised (net) && chain->from != G_MAXUINT)
    {
      gboolean l1 = net->regularization == BP_REGULARIZATION_L1;
      double lambda = net->regularization_rate;
      double factor = l1 ? (chain->value > 0.0) - (chain->value < 0.0) : chain->value;
      double term = lambda * factor;

      bp_math_text_add_line (t, LINE_FORMULA, "∂L/∂%s = 1/%u · Σᵢ ∂Lᵢ/∂%s + λ·%s", p, n, p,
                             l1 ? "sign(w)" : "w");
      bp_math_text_add_line (t, LINE_NUMBERS, "= %s + %s · %s = <b>%s</b>",
                             bp_math_text_factor_num (t, g - term),
                             bp_math_text_factor_num (t, lambda),
                             bp_math_text_factor_num (t, factor), bp_math_text_num (t, g));
    }
  else
    {
      bp_math_text_add_line (t, LINE_FORMULA, "∂L/∂%s = 1/%u · Σᵢ ∂Lᵢ/∂%s = <b>%s</b>", p, n, p,
                             bp_math_text_num (t, g));
      if (penalised (net))
        bp_math_text_add_line (t, LINE_NOTE, "%s",
                               /* Translators: in dataset mode, in the math panel of a bias */
                               _("L1 and L2 regularization penalize the weights only, never "
                                 "the biases."));
    }
  bp_math_text_add_line (t, LINE_NOTE, "%s",
                         /* Translators: in dataset mode, after the batch's mean gradient */
                         _("The step applies this mean gradient, and the diagram’s colours "
                           "and widths show it."));
}

/**
 * bp_math_text_add_update:
 * @t: the text
 * @chain: the chain rule of the selected parameter
 *
 * The update the next step makes, with the gradient it applies (the batch's in dataset mode).
 */
void
bp_math_text_add_update (BpMathText    *t,
                         const BpChain *chain)
{
  const char *p = param_symbol (chain);
  gboolean stopped = stops_at_zero (t->net, chain);

  /* Translators: a heading of the math panel; η is the learning rate and stays as it is */
  bp_math_text_add_line (t, LINE_HEADING, _("Update (η = %s)"),
                         bp_math_text_num (t, chain->learning_rate));
  bp_math_text_add_line (t, LINE_FORMULA, "%s − η·∂L/∂%s", p, p);
  bp_math_text_add_line (t, LINE_NUMBERS, "= %s − %s · %s = <b>%s</b>",
                         bp_math_text_factor_num (t, chain->value),
                         bp_math_text_factor_num (t, chain->learning_rate),
                         bp_math_text_factor_num (t, chain->gradient),
                         bp_math_text_num (t, chain->updated));
  if (stopped)
    bp_math_text_add_line (t, LINE_NOTE, "%s",
                           /* Translators: in the math panel, under L1 regularization */
                           _("This would carry the weight across zero: under L1 the step "
                             "sets it to exactly 0 instead."));
  if (chain->gradient < 0)
    /* Translators: %s is w (a weight) or b (a bias); ∂L/∂%s stays as it is; orange is the
     * colour of the diagram's connections whose weight the step raises */
    bp_math_text_add_line (t, LINE_NOTE, _("∂L/∂%s is negative: the step raises this "
                                           "parameter (orange in the diagram)."), p);
  else if (chain->gradient > 0)
    /* Translators: %s is w (a weight) or b (a bias); ∂L/∂%s stays as it is; teal is the
     * colour of the diagram's connections whose weight the step lowers */
    bp_math_text_add_line (t, LINE_NOTE, _("∂L/∂%s is positive: the step lowers this "
                                           "parameter (teal in the diagram)."), p);
  else if (chain->gradient == 0)
    /* Translators: %s is w (a weight) or b (a bias); ∂L/∂%s stays as it is */
    bp_math_text_add_line (t, LINE_NOTE, _("∂L/∂%s is zero: the step leaves this parameter "
                                           "as it is."), p);
}
