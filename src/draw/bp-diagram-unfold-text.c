/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-unfold-text.c: the words of a neuron unfolded into its computation graph: the
 * formulas and subscripts its card draws (bp-diagram-unfold.c) and their layouts, kept
 * from frame to frame, and the paragraph the diagram's accessible description reads, with
 * the same numbers. */
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

/* The layouts of the last card drawn (bp-diagram-unfold.c), by their place in it: from
 * frame to frame most texts stay the same, and shaping them again is most of a card's
 * time. */
typedef struct _UnfoldPool {
  PangoLayout *layouts[BP_DIAGRAM_UNFOLD_TEXTS];
  char *texts[BP_DIAGRAM_UNFOLD_TEXTS];
  double px[BP_DIAGRAM_UNFOLD_TEXTS];
  gboolean bold[BP_DIAGRAM_UNFOLD_TEXTS];
  char *family;
} UnfoldPool;

void
bp_diagram_unfold_pool_free (UnfoldPool *pool)
{
  if (pool == NULL)
    return;
  for (guint k = 0; k < BP_DIAGRAM_UNFOLD_TEXTS; k++)
    {
      g_clear_object (&pool->layouts[k]);
      g_free (pool->texts[k]);
    }
  g_free (pool->family);
  g_free (pool);
}

/* The layout of text @k of the card: the one drawn last time if it is the same. */
PangoLayout *
bp_diagram_unfold_layout (BpDiagramCache *cache,
                          guint           k,
                          double          px,
                          gboolean        bold,
                          double          wrap,
                          const char     *text)
{
  UnfoldPool *pool;
  PangoLayout *layout;
  g_autoptr(PangoFontDescription) font = NULL;

  g_assert (k < BP_DIAGRAM_UNFOLD_TEXTS);
  if (cache->unfold_pool == NULL)
    cache->unfold_pool = g_new0 (UnfoldPool, 1);
  pool = cache->unfold_pool;
  if (g_strcmp0 (pool->family, cache->family) != 0)
    {
      for (guint m = 0; m < BP_DIAGRAM_UNFOLD_TEXTS; m++)
        g_clear_object (&pool->layouts[m]);
      g_free (pool->family);
      pool->family = g_strdup (cache->family);
    }
  if (pool->layouts[k] != NULL && pool->px[k] == px && pool->bold[k] == bold
      && g_strcmp0 (pool->texts[k], text) == 0)
    {
      /* Setting the width it has is free; only a new width lays it out again. */
      pango_layout_set_width (pool->layouts[k], wrap > 0.0 ? (int) (wrap * PANGO_SCALE) : -1);
      return g_object_ref (pool->layouts[k]);
    }
  layout = pango_layout_new (cache->context);
  font = pango_font_description_new ();

  pango_font_description_set_family (font, cache->family);
  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_attributes (layout, cache->tabular);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, wrap > 0.0 ? (int) (wrap * PANGO_SCALE) : -1);
  pango_layout_set_text (layout, text, -1);
  g_set_object (&pool->layouts[k], layout);
  g_free (pool->texts[k]);
  pool->texts[k] = g_strdup (text);
  pool->px[k] = px;
  pool->bold[k] = bold;
  return layout;
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
  g_string_append_printf (s, ": z = Σᵢ wᵢ·aᵢ + b, a = %s.",
                          bp_diagram_activation_formula (u->activation));
  rows = MIN (u->n_terms, (guint) BP_DIAGRAM_UNFOLD_ROWS);
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
