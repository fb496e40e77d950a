/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-explain-forward.c: the worked example's introduction, forward pass and loss. */
#define G_LOG_DOMAIN "bp-explain"

#include "config.h"

#include "bp-explain-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* Introduction */

static char *
shape_string (const BpNet *net)
{
  GString *s = g_string_new (NULL);

  for (guint l = 0; l <= net->n_layers; l++)
    g_string_append_printf (s, l == 0 ? "%u" : "-%u", net->sizes[l]);
  return g_string_free (s, FALSE);
}

/* The derivative of each activation, in the notation of the formulas; only the words of the
 * piecewise ones are translated. */
static char *
derivative_formula (BpActivation activation)
{
  switch (activation)
    {
    case BP_ACTIVATION_LINEAR:
      return g_strdup ("linear'(z) = 1");
    case BP_ACTIVATION_SIGMOID:
      return g_strdup ("sigmoid'(z) = a·(1 − a)");
    case BP_ACTIVATION_TANH:
      return g_strdup ("tanh'(z) = 1 − a²");
    case BP_ACTIVATION_RELU:
      /* Translators: a formula of the worked example; keep "relu'(z)" and "z > 0" as they
       * are (notation), translate only "if" and "else" */
      return g_strdup (_("relu'(z) = 1 if z > 0, else 0"));
    case BP_ACTIVATION_LEAKY_RELU:
      {
        g_autofree char *slope = bp_explain_num_string (0.01);

        /* Translators: a formula of the worked example; keep "leaky-relu'(z)" and "z > 0" as
         * they are (notation), translate only "if" and "else"; %s is the number 0.01 */
        return g_strdup_printf (_("leaky-relu'(z) = 1 if z > 0, else %s"), slope);
      }
    case BP_N_ACTIVATIONS:
    default:
      g_assert_not_reached ();
    }
}

void
bp_doc_intro (Doc *d)
{
  const BpNet *net = d->net;
  g_autofree char *shape = shape_string (net);
  /* Translators: the title of the worked example; %s is the network's shape, such as
   * "2-3-1" (neurons per layer) */
  g_autofree char *title = g_strdup_printf (_("Backpropagation on a %s network, worked out"),
                                            shape);
  g_autofree char *eta = bp_explain_num_string (net->learning_rate);
  GString *acts = g_string_new (NULL);
  gboolean seen[BP_N_ACTIVATIONS] = { FALSE, };

  bp_doc_heading (d, 1, title);
  for (guint l = 1; l <= net->n_layers; l++)
    g_string_append_printf (acts, "%s%s", l > 1 ? ", " : "",
                            bp_explain_layer_activation_display (net, l));
  /* Translators: the first sentence of the worked example: the shape ("2-3-1"), the
   * activation functions of the layers after the input ("tanh, sigmoid"), the loss
   * function ("squared error") and the learning rate; η stays as it is */
  bp_doc_para_take (d, g_strdup_printf (_("Layers %s with activations %s; loss: %s; "
                                          "learning rate η = %s."),
                                        shape, acts->str, bp_loss_display_name (net->loss_kind),
                                        eta));
  g_string_free (acts, TRUE);

  /* Translators: keep every symbol (a[l][j], z, W[l][j][i], b, δ, ∂L/∂z, y, t, L) as it is */
  bp_doc_para (d, _("Notation: a[l][j] is the activation of neuron j of layer l (layer 0 is the "
                    "input, y = a[L] the output, t the target); z[l][j] its pre-activation; "
                    "W[l][j][i] the weight from neuron i of layer l to neuron j of layer l + 1; "
                    "b[l][j] the bias of neuron j of layer l + 1; δ[l][j] = ∂L/∂z[l][j]."));
  for (guint l = 0; l < net->n_layers; l++)
    if (!seen[net->activations[l]])
      {
        g_autofree char *formula = derivative_formula (net->activations[l]);

        seen[net->activations[l]] = TRUE;
        bp_doc_line (d, formula);
      }
  if (!d->full)
    /* Translators: the first number counts the weights and biases, the second is the
     * largest network the worked example lists in full; "JSON" is a file format */
    bp_doc_para_take (d, g_strdup_printf (ngettext ("This network has %zu parameter, more than "
                                                    "%d: each layer is summarised and only a "
                                                    "sample of neurons and parameters is listed. "
                                                    "The JSON form lists every value.",
                                                    "This network has %zu parameters, more than "
                                                    "%d: each layer is summarised and only a "
                                                    "sample of neurons and parameters is listed. "
                                                    "The JSON form lists every value.",
                                                    bp_explain_n_params (net)),
                                          bp_explain_n_params (net), BP_EXPLAIN_FULL_MAX_PARAMS));
}

/* 1. Forward pass */

static void
doc_pre_activation (Doc   *d,
                    guint  l,
                    guint  j)
{
  const BpNet *net = d->net;
  guint fan_in = net->sizes[l - 1];
  GString *line = g_string_new (NULL);
  g_autofree char *lhs = g_strdup_printf ("z[%u][%u]", l, j);
  int indent = (int) strlen (lhs) + 1;

  if (fan_in > WRITE_OUT_MAX_TERMS)
    {
      g_autofree char *terms = NULL;

      g_string_printf (line, "%s = Σᵢ W[%u][%u][i]·a[%u][i] + b[%u][%u]   ",
                       lhs, l - 1, j, l - 1, l - 1, j);
      /* Translators: after a sum written with Σ in the worked example: how many terms it
       * adds up */
      terms = g_strdup_printf (ngettext ("(%u term)", "(%u terms)", fan_in), fan_in);
      bp_doc_append_words (d, line, terms);
      bp_doc_line (d, line->str);
      g_string_printf (line, "%*s= ", indent, "");
      bp_explain_append_num (line, net->z[l][j]);
      bp_doc_line_take (d, line);
      return;
    }

  g_string_printf (line, "%s = ", lhs);
  for (guint i = 0; i < fan_in; i++)
    g_string_append_printf (line, "W[%u][%u][%u]·a[%u][%u] + ", l - 1, j, i, l - 1, i);
  g_string_append_printf (line, "b[%u][%u]", l - 1, j);
  bp_doc_line (d, line->str);

  g_string_printf (line, "%*s= ", indent, "");
  for (guint i = 0; i < fan_in; i++)
    {
      bp_explain_append_factor (line, *bp_net_weight (net, l - 1, j, i));
      g_string_append (line, "·");
      bp_explain_append_factor (line, net->a[l - 1][i]);
      g_string_append (line, " + ");
    }
  bp_explain_append_factor (line, net->biases[l - 1][j]);
  bp_doc_line (d, line->str);

  g_string_printf (line, "%*s= ", indent, "");
  bp_explain_append_num (line, net->z[l][j]);
  bp_doc_line_take (d, line);
}

static void
doc_activation (Doc   *d,
                guint  l,
                guint  j)
{
  const BpNet *net = d->net;
  const char *name = bp_explain_layer_activation_name (net, l);
  GString *line = g_string_new (NULL);

  g_string_printf (line, "a[%u][%u] = %s(z[%u][%u]) = %s(", l, j, name, l, j, name);
  bp_explain_append_num (line, net->z[l][j]);
  g_string_append (line, ") = ");
  bp_explain_append_num (line, net->a[l][j]);
  bp_doc_line_take (d, line);
}

static void
doc_forward_summary (Doc   *d,
                     guint  l)
{
  /* Translators: the heading of a table column holding neuron numbers; the other columns
   * are headed z and a, which stay as they are */
  const char *headers[] = { C_("table heading", "neuron"), "z", "a" };
  guint n = bp_doc_limit (d, d->net->sizes[l], SAMPLE_NEURONS);

  bp_doc_table_begin (d, headers, G_N_ELEMENTS (headers));
  for (guint j = 0; j < n; j++)
    {
      g_autofree char *name = g_strdup_printf ("%u", j);
      g_autofree char *z = bp_explain_num_string (d->net->z[l][j]);
      g_autofree char *a = bp_explain_num_string (d->net->a[l][j]);
      const char *cells[] = { name, z, a };

      bp_doc_table_row (d, cells, G_N_ELEMENTS (cells));
    }
  bp_doc_more (d, n, d->net->sizes[l]);
}

void
bp_doc_forward (Doc *d)
{
  const BpNet *net = d->net;
  GString *line = g_string_new ("a[0] = ");

  /* Translators: a heading of the worked example */
  bp_doc_heading (d, 2, _("1. Forward pass"));
  bp_explain_append_vector (line, net->a[0], net->sizes[0], d->full ? G_MAXUINT : SAMPLE_NEURONS);
  bp_doc_para (d, _("The input:"));
  bp_doc_line_take (d, line);

  for (guint l = 1; l <= net->n_layers; l++)
    {
      /* Translators: a heading of the worked example: the layer's index, its activation
       * function ("tanh") and its number of neurons */
      g_autofree char *title = g_strdup_printf (ngettext ("Layer %u (%s, %u neuron)",
                                                          "Layer %u (%s, %u neurons)",
                                                          net->sizes[l]),
                                                l, bp_explain_layer_activation_display (net, l),
                                                net->sizes[l]);

      bp_doc_heading (d, 3, title);
      if (!d->full)
        {
          doc_forward_summary (d, l);
          continue;
        }
      for (guint j = 0; j < net->sizes[l]; j++)
        {
          doc_pre_activation (d, l, j);
          doc_activation (d, l, j);
        }
    }
}

/* 2. Loss */

/* Whether a sigmoid output has reached exactly 0 or 1, where ln y or ln(1 − y) is −∞ although
 * the loss, computed from z, is finite. */
static gboolean
outputs_saturated (const BpNet *net,
                   guint        n)
{
  for (guint k = 0; k < n; k++)
    if (net->a[net->n_layers][k] <= 0.0 || net->a[net->n_layers][k] >= 1.0)
      return TRUE;
  return FALSE;
}

/* Cross-entropy as the engine computes it: Σ [ln(1 + e^z) − t·z]. */
static void
doc_loss_softplus_terms (const BpNet *net,
                         guint        n,
                         GString     *line)
{
  guint L = net->n_layers;

  g_string_append (line, "  = Σₖ [ln(1 + e^z[k]) − t[k]·z[k]] = ");
  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append (line, " + ");
      g_string_append (line, "(ln(1 + e^");
      bp_explain_append_factor (line, net->z[L][k]);
      g_string_append (line, ") − ");
      bp_explain_append_factor (line, net->target[k]);
      g_string_append (line, "·");
      bp_explain_append_factor (line, net->z[L][k]);
      g_string_append (line, ")");
    }
  if (net->sizes[L] > n)
    g_string_append (line, " + …");
}

static void
doc_loss_terms (Doc     *d,
                GString *line)
{
  const BpNet *net = d->net;
  guint L = net->n_layers;
  guint n = MIN (net->sizes[L], WRITE_OUT_MAX_TERMS);
  gboolean squared = net->loss_kind == BP_LOSS_SQUARED_ERROR;

  if (!squared && outputs_saturated (net, n))
    {
      doc_loss_softplus_terms (net, n, line);
      return;
    }
  g_string_append (line, squared ? "  = ½·(" : "  = −(");
  for (guint k = 0; k < n; k++)
    {
      double y = net->a[L][k], t = net->target[k];

      if (k > 0)
        g_string_append (line, " + ");
      if (squared)
        {
          g_string_append_c (line, '(');
          bp_explain_append_num (line, y);
          g_string_append (line, " − ");
          bp_explain_append_factor (line, t);
          g_string_append (line, ")²");
          continue;
        }
      bp_explain_append_factor (line, t);
      g_string_append (line, "·ln ");
      bp_explain_append_factor (line, y);
      g_string_append (line, " + (1 − ");
      bp_explain_append_factor (line, t);
      g_string_append (line, ")·ln(1 − ");
      bp_explain_append_num (line, y);
      g_string_append (line, ")");
    }
  if (net->sizes[L] > n)
    g_string_append (line, " + …");
  g_string_append (line, ")");
}

void
bp_doc_loss (Doc *d)
{
  const BpNet *net = d->net;
  GString *line = g_string_new (NULL);

  /* Translators: a heading of the worked example */
  bp_doc_heading (d, 2, _("2. Loss"));
  if (net->loss_kind == BP_LOSS_SQUARED_ERROR)
    bp_doc_line (d, "L = ½·Σₖ (y[k] − t[k])²");
  else
    bp_doc_line (d, "L = −Σₖ [t[k]·ln y[k] + (1 − t[k])·ln(1 − y[k])]");
  doc_loss_terms (d, line);
  bp_doc_line (d, line->str);
  g_string_assign (line, "  = ");
  bp_explain_append_num (line, net->loss);
  bp_doc_line_take (d, line);
  if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    /* Translators: z and y stay as they are */
    bp_doc_para (d, _("The engine computes the cross-entropy from the pre-activation z, "
                      "which stays accurate when y is very close to 0 or 1."));
}

/* 3. Backward pass: δ layer by layer */
