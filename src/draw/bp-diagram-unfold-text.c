/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-unfold-text.c: the words of a neuron unfolded into its computation graph: the
 * formulas and subscripts its card draws (bp-diagram-unfold.c), and the paragraph the
 * diagram's accessible description reads, with the same numbers. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-draw-private.h"
#include "bp-format.h"
#include "bp-unfold.h"

#include <glib/gi18n.h>

static void
num (double value,
     char   buffer[BP_NUMBER_SIZE])
{
  bp_format_number_into (value, BP_NUMBER_FORMULA, buffer, BP_NUMBER_SIZE);
}

/* "₁₂" for 12. */
void
bp_diagram_subscript (guint  n,
                      char  *buffer,
                      gsize  size)
{
  static const char * const digits[] = { "₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉" };
  char plain[16];

  g_snprintf (plain, sizeof plain, "%u", n);
  buffer[0] = '\0';
  for (const char *p = plain; *p != '\0'; p++)
    g_strlcat (buffer, digits[*p - '0'], size);
}

/* The activation as a formula of z. */
const char *
bp_diagram_activation_formula (BpActivation f)
{
  switch (f)
    {
    case BP_ACTIVATION_SIGMOID:
      return "σ(z)";
    case BP_ACTIVATION_TANH:
      return "tanh(z)";
    case BP_ACTIVATION_RELU:
      return "max(0, z)";
    case BP_ACTIVATION_LEAKY_RELU:
      return "max(0.01·z, z)";
    case BP_ACTIVATION_LINEAR:
    case BP_N_ACTIVATIONS:
    default:
      return "z";
    }
}

/**
 * bp_diagram_unfold_describe:
 * @net: a network after a forward and a backward pass
 * @layer: the unfolded neuron's layer, 1 … n_layers
 * @index: the neuron
 *
 * The unfolded graph's numbers as one paragraph for the accessible description: each
 * input's leaves, product and gradients, then Σ, b, z, f′(z) and a. The numbers are those
 * the card draws, in the same style.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if the neuron cannot unfold
 */
char *
bp_diagram_unfold_describe (const BpNet *net,
                            guint        layer,
                            guint        index)
{
  g_autoptr(BpUnfold) u = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  char name[BP_NEURON_NAME_SIZE], sub[32];
  char v1[BP_NUMBER_SIZE], v2[BP_NUMBER_SIZE], v3[BP_NUMBER_SIZE];
  char v4[BP_NUMBER_SIZE], v5[BP_NUMBER_SIZE];
  guint rows;

  g_return_val_if_fail (net != NULL, NULL);
  u = bp_unfold_new (net, layer, index);
  if (u == NULL)
    return NULL;
  bp_format_net_neuron_into (net, layer, index, name, sizeof name);
  g_string_append_printf (s, _("%s, unfolded"), name);
  g_string_append_printf (s, ": z = Σᵢ wᵢ·aᵢ + b, a = %s.", bp_diagram_activation_formula (u->activation));
  rows = MIN (u->n_terms, BP_DIAGRAM_UNFOLD_ROWS);
  for (guint i = 0; i < rows; i++)
    {
      const BpUnfoldTerm *t = &u->terms[i];

      bp_diagram_subscript (i + 1, sub, sizeof sub);
      num (t->input, v1);
      num (t->weight, v2);
      num (t->grad_weight, v3);
      num (t->product, v4);
      num (t->grad_product, v5);
      g_string_append_printf (s, " a%s = %s, w%s = %s, ∂L/∂w%s = %s, w%s·a%s = %s, "
                              "∂L/∂(w%s·a%s) = %s;", sub, v1, sub, v2, sub, v3, sub, sub, v4,
                              sub, sub, v5);
    }
  if (rows < u->n_terms)
    {
      g_string_append_c (s, ' ');
      g_string_append_printf (s, ngettext ("… and %u more input, in Σ too",
                                           "… and %u more inputs, in Σ too",
                                           u->n_terms - rows), u->n_terms - rows);
      g_string_append_c (s, ';');
    }
  num (u->sum, v1);
  num (u->grad_sum, v2);
  num (u->bias, v3);
  num (u->grad_bias, v4);
  g_string_append_printf (s, " Σ = %s, ∂L/∂Σ = %s; b = %s, ∂L/∂b = %s;", v1, v2, v3, v4);
  num (u->z, v1);
  num (u->grad_z, v2);
  num (u->derivative, v3);
  g_string_append_printf (s, " z = %s, ∂L/∂z = %s; ∂a/∂z = f′(z) = %s;", v1, v2, v3);
  num (u->a, v1);
  num (u->grad_a, v2);
  g_string_append_printf (s, " a = %s, ∂L/∂a = %s.", v1, v2);
  if (u->shows_batch)
    g_string_append_printf (s, " %s", _("The first example of the next batch, as the Math "
                                        "panel shows it; the step applies the batch’s mean "
                                        "gradient."));
  return g_string_free (g_steal_pointer (&s), FALSE);
}
