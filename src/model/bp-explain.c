/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-explain.c: the worked example printed by `backprop-cli explain` and exported by the
 * window: every pre-activation and activation, the loss, every gradient with its chain-rule
 * factors, and every updated weight.
 *
 * The text and the Markdown are for people: their numbers follow the locale's decimal
 * separator (0,5 in German), and where that separator is a comma, lists of numbers are
 * separated by "; " instead of ", ". The JSON is for programs: always '.' decimals.
 */
#define G_LOG_DOMAIN "bp-explain"

#include "config.h"

#include "bp-explain-private.h"

#include <locale.h>
#include <math.h>
#include <string.h>

/* Numbers */

/* The C library's %g writes the decimal separator of LC_NUMERIC, which the programs set
 * from the user's locale (setlocale (LC_ALL, "") in main ()). */
void
bp_explain_append_num (GString *s,
                       double   x)
{
  /* −0 (a ReLU's zero slope times a negative number) reads as a typo in a worked example. */
  if (x == 0.0)
    x = 0.0;
  g_string_append_printf (s, "%.6g", x);
}

/* ngettext () takes an unsigned long; a larger count keeps its last six digits, which decide
 * the plural form in every language. */
gulong
bp_explain_plural_count (guint64 n)
{
  return n <= G_MAXULONG ? (gulong) n : (gulong) (n % 1000000 + 1000000);
}

/* Between the numbers of a vector: "(0.5, 1)", but "(0,5; 1)" where ',' is the decimal
 * separator, as German and French textbooks write it. */
const char *
bp_explain_list_separator (void)
{
  const char *point = localeconv ()->decimal_point;

  return point != NULL && strchr (point, ',') != NULL ? "; " : ", ";
}

/* A number inside a product or sum: negative ones in parentheses, as a textbook does. */
void
bp_explain_append_factor (GString *s,
                          double   x)
{
  gboolean negative = x < 0.0;

  if (negative)
    g_string_append_c (s, '(');
  bp_explain_append_num (s, x);
  if (negative)
    g_string_append_c (s, ')');
}

char *
bp_explain_num_string (double x)
{
  GString *s = g_string_new (NULL);

  bp_explain_append_num (s, x);
  return g_string_free (s, FALSE);
}

/* Parameters: `from` is G_MAXUINT for a bias, as in bp_chain_new (). */

double
bp_explain_param_value (const BpNet *net,
                        guint        layer,
                        guint        to,
                        guint        from)
{
  if (from == G_MAXUINT)
    return net->biases[layer][to];
  return *bp_net_weight (net, layer, to, from);
}

double
bp_explain_param_gradient (const BpNet *net,
                           guint        layer,
                           guint        to,
                           guint        from)
{
  if (from == G_MAXUINT)
    return bp_net_bias_gradient (net, layer, to);
  return bp_net_weight_gradient (net, layer, to, from);
}

double
bp_explain_param_updated (const BpNet *net,
                          guint        layer,
                          guint        to,
                          guint        from)
{
  return bp_explain_param_value (net, layer, to, from)
         - net->learning_rate * bp_explain_param_gradient (net, layer, to, from);
}

void
bp_explain_append_param_name (GString *s,
                              guint    layer,
                              guint    to,
                              guint    from)
{
  if (from == G_MAXUINT)
    g_string_append_printf (s, "b[%u][%u]", layer, to);
  else
    g_string_append_printf (s, "W[%u][%u][%u]", layer, to, from);
}

/* The function's name inside formulas such as "tanh(z[1][0])": notation, never translated. */
const char *
bp_explain_layer_activation_name (const BpNet *net,
                                  guint        layer)
{
  return bp_activation_to_string (net->activations[layer - 1]);
}

/* The same function named in a sentence or a heading ("linear" is translated). */
const char *
bp_explain_layer_activation_display (const BpNet *net,
                                     guint        layer)
{
  return bp_activation_display_name (net->activations[layer - 1]);
}

double
bp_explain_layer_derivative (const BpNet *net,
                             guint        layer,
                             guint        j)
{
  return bp_activation_derivative (net->activations[layer - 1],
                                   net->z[layer][j], net->a[layer][j]);
}

gsize
bp_explain_n_params (const BpNet *net)
{
  return net->n_weights + net->n_biases;
}

/* The loss after one step with the gradient the network holds, or NAN if it diverges. */
double
bp_explain_loss_after_step (const BpNet *net)
{
  g_autoptr(BpNet) copy = bp_net_copy (net);
  g_autoptr(GError) error = NULL;

  bp_net_forward (copy);
  bp_net_backward (copy);
  if (!bp_net_step (copy, &error))
    return NAN;
  return copy->loss;
}

/* The document: headings, paragraphs, blocks of formulas and tables, in text, Markdown or
 * LaTeX. */

char *
bp_explain_document (const BpNet *net,
                     gboolean     markdown,
                     gboolean     latex)
{
  Doc d = { 0, };

  g_return_val_if_fail (net != NULL, NULL);

  d.out = g_string_new (NULL);
  d.net = net;
  d.markdown = markdown;
  d.latex = latex;
  d.full = bp_explain_n_params (net) <= BP_EXPLAIN_FULL_MAX_PARAMS;
  if (latex)
    bp_latex_begin (&d);

  bp_doc_intro (&d);
  bp_doc_forward (&d);
  bp_doc_loss (&d);
  bp_doc_deltas (&d);
  bp_doc_gradients (&d);
  bp_doc_updates (&d);
  /* No blank line at the very end. */
  while (d.out->len > 1 && d.out->str[d.out->len - 2] == '\n')
    g_string_truncate (d.out, d.out->len - 1);
  if (latex)
    bp_latex_end (&d);
  return g_string_free (d.out, FALSE);
}

/**
 * bp_explain_text:
 * @net: a network whose forward and backward passes are current
 *
 * Writes the worked example of one forward pass, one backward pass and one SGD step as
 * plain UTF-8 text. Networks with more than %BP_EXPLAIN_FULL_MAX_PARAMS parameters are
 * summarised per neuron with a sample of the parameters.
 *
 * Returns: (transfer full): the text
 */
char *
bp_explain_text (const BpNet *net)
{
  return bp_explain_document (net, FALSE, FALSE);
}

/**
 * bp_explain_markdown:
 * @net: a network whose forward and backward passes are current
 *
 * The same worked example as bp_explain_text(), as a Markdown handout: formulas go into
 * code blocks so that brackets need no escaping.
 *
 * Returns: (transfer full): the Markdown
 */
char *
bp_explain_markdown (const BpNet *net)
{
  return bp_explain_document (net, TRUE, FALSE);
}
