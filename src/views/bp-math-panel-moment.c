/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-math-panel-moment.c: while a step is shown, the Math panel begins with what its phase
 * computes, in words and in the numbers of one neuron or parameter: the selected one when
 * the phase concerns it, else the first the phase reaches. A teacher walking a class
 * through a step (Page Down) reads each sub-step here as it happens. */
#define G_LOG_DOMAIN "bp-math-panel"

#include "config.h"

#include "bp-math-panel-private.h"

#include <glib/gi18n.h>

/* The neuron of layer @layer that the selection points at, or the first. */
static guint
neuron_in_layer (const BpSelection *sel,
                 guint              layer)
{
  if (sel->kind == BP_SELECTION_NODE && sel->layer == layer)
    return sel->to;
  if ((sel->kind == BP_SELECTION_CONNECTION || sel->kind == BP_SELECTION_BIAS)
      && sel->layer + 1 == layer)
    return sel->to;
  if (sel->kind == BP_SELECTION_CONNECTION && sel->layer == layer)
    return sel->from;
  return 0;
}

static void
add_update (BpMathText        *t,
            const BpNet       *before,
            const BpSelection *sel)
{
  BpSelection param = *sel;
  g_autoptr(BpChain) chain = NULL;

  bp_math_text_add_line (t, LINE_NOTE, "%s",
                         _("Every weight and bias takes a step against its gradient, "
                           "scaled by the learning rate η."));
  if (param.kind != BP_SELECTION_CONNECTION && param.kind != BP_SELECTION_BIAS)
    param = (BpSelection) { BP_SELECTION_CONNECTION, before->n_layers - 1, 0, 0 };
  t->net = before;
  chain = bp_chain_new (before, param.layer, param.to,
                        param.kind == BP_SELECTION_BIAS ? G_MAXUINT : param.from);
  bp_math_text_add_update (t, chain);
}

static void
add_forward (BpMathText        *t,
             const BpNet       *after,
             guint              layer,
             const BpSelection *sel)
{
  guint j = neuron_in_layer (sel, layer);
  const char *name = bp_math_text_neuron (t, layer, j);
  const char *act = bp_activation_to_string (after->activations[layer - 1]);

  bp_math_text_add_line (t, LINE_NOTE, "%s",
                         _("Each neuron of this layer adds up its weighted inputs and its "
                           "bias, then applies its activation function."));
  bp_math_text_add_weighted_sum (t, layer, j);
  bp_math_text_add_line (t, LINE_FORMULA, "a(%s) = %s(z) = <b>%s</b>", name, act,
                         bp_math_text_num (t, after->a[layer][j]));
}

static void
add_loss (BpMathText  *t,
          const BpNet *after)
{
  bp_math_text_add_line (t, LINE_NOTE, "%s",
                         _("The outputs meet their targets: the loss measures how far apart "
                           "they are."));
  bp_math_text_add_line (t, LINE_FORMULA, "L = <b>%s</b>", bp_math_text_num (t, after->loss));
}

static void
add_backward (BpMathText        *t,
              const BpNet       *after,
              guint              layer,
              const BpSelection *sel)
{
  guint j = neuron_in_layer (sel, layer);
  const char *name = bp_math_text_neuron (t, layer, j);

  if (layer == after->n_layers)
    bp_math_text_add_line (t, LINE_NOTE, "%s",
                           _("The gradient starts at the loss: how much the loss changes "
                             "with each output."));
  else if (layer > 0)
    bp_math_text_add_line (t, LINE_NOTE, "%s",
                           _("Each connection into the layer above gets its gradient "
                             "∂L/∂w = δ · a. Each neuron of this layer gathers the δ of the "
                             "layer above through its weights: δ = f′(z) · Σ w·δ."));
  else
    bp_math_text_add_line (t, LINE_NOTE, "%s",
                           _("The wave reaches the inputs: the connections from them get "
                             "their gradients ∂L/∂w = δ · a."));
  if (after->shows_batch && layer < after->n_layers)
    /* Translators: under the caption "Backward pass" in dataset mode: the pulses carry
     * one example, the connections' colours the mean over the batch; %u is its size */
    bp_math_text_add_line (t, LINE_NOTE, ngettext ("Pulses: the batch’s first example. Colours: "
                                                   "the batch’s mean gradient (%u example)",
                                                   "Pulses: the batch’s first example. Colours: "
                                                   "the batch’s mean gradient (%u examples)",
                                                   after->batch_n_samples),
                           after->batch_n_samples);
  if (layer > 0)
    bp_math_text_add_neuron_gradient (t, layer, j);
  else
    bp_math_text_add_line (t, LINE_FORMULA, "∂L/∂%s = Σ w·δ = <b>%s</b>", name,
                           bp_math_text_num (t, after->grad_a[0][j]));
}

/**
 * bp_math_panel_add_moment_lines:
 * @lines: the panel's lines, to put the moment's before
 * @before: the network before the step shown
 * @after: the network after it
 * @moment: the moment shown
 * @sel: the selection
 *
 * Puts before @lines what the moment's phase computes, with numbers.
 */
void
bp_math_panel_add_moment_lines (GArray            *lines,
                                const BpNet       *before,
                                const BpNet       *after,
                                const BpMoment    *moment,
                                const BpSelection *sel)
{
  BpMathText t;

  if (moment->phase == BP_PHASE_IDLE || !bp_net_same_shape (before, after))
    return;
  bp_math_text_init (&t, after);
  bp_math_text_add_line (&t, LINE_TITLE, "%s", bp_phase_get_display_name (moment->phase));
  switch (moment->phase)
    {
    case BP_PHASE_UPDATE:
      add_update (&t, before, sel);
      break;
    case BP_PHASE_FORWARD:
      add_forward (&t, after, moment->layer, sel);
      break;
    case BP_PHASE_LOSS:
      add_loss (&t, after);
      break;
    case BP_PHASE_BACKWARD:
      add_backward (&t, after, moment->layer, sel);
      break;
    case BP_PHASE_IDLE:
    default:
      break;
    }
  g_array_set_clear_func (t.lines, NULL);
  g_array_prepend_vals (lines, t.lines->data, t.lines->len);
  g_array_unref (t.lines);
  g_ptr_array_unref (t.scratch);
}
