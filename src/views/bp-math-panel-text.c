/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-math-panel-text.c: the lines of "Watch the math", a plain function of the net and the
 * selection. For a weight or bias, the chain rule with live numbers, path by path (or δ by
 * δ where the paths are too many), and the update the next step will make; for a neuron,
 * its weighted sum, activation and gradient; for an input, its gradient; for the loss, its
 * definition and ∂L/∂y = y − t (∂L/∂z = y − t under cross-entropy) of each output.
 *
 * Neurons are named as a student sees them in the diagram (bp_format_net_neuron ()): inputs x1,
 * x2, …, hidden neurons h1, h2, … (h2,1 for neuron 1 of hidden layer 2 when there are
 * several hidden layers) and outputs y1, y2, …; z(h1) is a neuron's weighted sum and a(h1)
 * its activation. Numbers are written by bp_format_number () in its formula style. The loss
 * is explained in bp-math-panel-loss.c. */
#define G_LOG_DOMAIN "bp-math-panel"

#include "config.h"

#include "bp-math-panel-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-format.h"

#define MAX_TERMS 16     /* terms of a sum written out before "… and N more" */
#define MAX_DELTAS 16    /* δ lines per layer in the layer-by-layer form */

typedef BpMathText Text;

static void
line_clear (gpointer data)
{
  g_free (((BpMathLine *) data)->markup);
}

static void
text_init (Text        *t,
           const BpNet *net)
{
  t->net = net;
  t->lines = g_array_new (FALSE, FALSE, sizeof (BpMathLine));
  g_array_set_clear_func (t->lines, line_clear);
  t->scratch = g_ptr_array_new_with_free_func (g_free);
  t->not_finite = FALSE;
}


/* Whether the first letter of @text belongs to a right-to-left script. */
static gboolean
starts_right_to_left (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c))
        continue;
      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
          return TRUE;
        default:
          return FALSE;
        }
    }
  return FALSE;
}

/* Adds a line; @format is Pango markup and the arguments are escaped. */
static void
add_linev (Text       *t,
           LineStyle   style,
           const char *format,
           va_list     args)
{
  BpMathLine line = { style, NULL };

  line.markup = g_markup_vprintf_escaped (format, args);
  /* Right-to-left languages: a formula keeps its left-to-right order (with no letter,
   * "= (−0.2) · 0.5" would be laid out right to left, minus signs on the wrong side), inside
   * a right-to-left line (RLM, then LRI … PDI) so that it aligns with the text around it.
   * Translated lines that start with their own words carry their own isolates. */
  if ((style == LINE_FORMULA || style == LINE_NUMBERS)
      && gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL
      && !starts_right_to_left (line.markup))
    {
      char *isolated = g_strconcat ("\u200F\u2066", line.markup, "\u2069", NULL);

      g_free (line.markup);
      line.markup = isolated;
    }
  g_array_append_val (t->lines, line);
}

G_GNUC_PRINTF (3, 4)
static void
add_line (Text       *t,
          LineStyle   style,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  add_linev (t, style, format, args);
  va_end (args);
}

static const char *
keep (Text *t,
      char *string)
{
  g_ptr_array_add (t->scratch, string);
  return string;
}

/* A number as the panel prints it, negative ones wrapped in parentheses so that a product
 * such as 0.5 · (−0.2) reads unambiguously. */
static const char *
factor_num (Text   *t,
            double  value)
{
  g_autofree char *number = bp_format_number (value, BP_NUMBER_FORMULA);

  if (!isfinite (value))
    t->not_finite = TRUE;
  if (isfinite (value) && value < 0)
    return keep (t, g_strdup_printf ("(%s)", number));
  return keep (t, g_steal_pointer (&number));
}

static const char *
num (Text   *t,
     double  value)
{
  if (!isfinite (value))
    t->not_finite = TRUE;
  return keep (t, bp_format_number (value, BP_NUMBER_FORMULA));
}

/* Naming */

/* x1, h1 (h2,1 with several hidden layers), y1: as the diagram names them. */
static const char *
neuron (Text  *t,
        guint  layer,
        guint  index)
{
  return keep (t, bp_format_net_neuron (t->net, layer, index));
}

static const char *
activation_name (Text  *t,
                 guint  layer)
{
  return bp_activation_to_string (t->net->activations[layer - 1]);
}

static const char *
factor_symbol (Text           *t,
               const BpFactor *f)
{
  switch (f->kind)
    {
    case BP_FACTOR_DLOSS_DOUTPUT:
      return keep (t, g_strdup_printf ("∂L/∂%s", neuron (t, f->layer, f->index)));
    case BP_FACTOR_DLOSS_DZ:
      return keep (t, g_strdup_printf ("∂L/∂z(%s)", neuron (t, f->layer, f->index)));
    case BP_FACTOR_ACTIVATION:
      return keep (t, g_strdup_printf ("%s′(z(%s))", activation_name (t, f->layer),
                                       neuron (t, f->layer, f->index)));
    case BP_FACTOR_WEIGHT:
      return keep (t, g_strdup_printf ("w(%s→%s)", neuron (t, f->layer - 1, f->from),
                                       neuron (t, f->layer, f->index)));
    case BP_FACTOR_INPUT:
      return keep (t, g_strdup_printf ("a(%s)", neuron (t, f->layer - 1, f->from)));
    case BP_FACTOR_ONE:
    default:
      return "1";
    }
}

/* Where every chain starts: the loss's derivative for output @k, "∂L/∂y1 = y1 − t1 = …", or
 * under cross-entropy, where the engine starts from the sum, "∂L/∂z(y1) = δ(y1) = y1 − t1". */
void
bp_math_text_add_loss_derivative (BpMathText *t,
                                  guint       k)
{
  const BpNet *net = t->net;
  guint L = net->n_layers;
  const char *y = neuron (t, L, k);
  const char *yv = num (t, net->a[L][k]), *tv = factor_num (t, net->target[k]);

  if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    add_line (t, LINE_FORMULA, "∂L/∂z(%s) = δ(%s) = %s − t%u = %s − %s = <b>%s</b>", y, y, y,
              k + 1, yv, tv, num (t, net->delta[L][k]));
  else
    add_line (t, LINE_FORMULA, "∂L/∂%s = %s − t%u = %s − %s = <b>%s</b>", y, y, k + 1, yv, tv,
              num (t, net->grad_a[L][k]));
}

/* The loss's derivatives a chain to @chain's parameter starts from: of its own output when
 * the parameter feeds one, of every output (the first few) otherwise. */
static void
add_chain_start (Text          *t,
                 const BpChain *chain)
{
  guint L = t->net->n_layers, n_out = t->net->sizes[L];
  guint first = chain->layer + 1 == L ? chain->to : 0;
  guint end = chain->layer + 1 == L ? chain->to + 1 : MIN (n_out, MAX_DELTAS);

  for (guint k = first; k < end; k++)
    bp_math_text_add_loss_derivative (t, k);
  if (chain->layer + 1 < L && n_out > end)
    add_line (t, LINE_NOTE, ngettext ("… and %u more in this layer",
                                      "… and %u more in this layer", n_out - end),
              n_out - end);
}

/* The chain rule of a weight or bias */

static const char *
param_symbol (const BpChain *chain)
{
  return chain->from == G_MAXUINT ? "b" : "w";
}

static void
add_param_title (Text          *t,
                 const BpChain *chain)
{
  const char *to = neuron (t, chain->layer + 1, chain->to);

  if (chain->from == G_MAXUINT)
    /* Translators: the math panel's title for a bias; %s is a neuron's name, such as h1 */
    add_line (t, LINE_TITLE, _("Bias of %s"), to);
  else
    /* Translators: the math panel's title for a weight; the neurons' names, such as x1, h1 */
    add_line (t, LINE_TITLE, _("Weight from %s to %s"),
              neuron (t, chain->layer, chain->from), to);

  add_line (t, LINE_FORMULA, "%s = <b>%s</b>    ∂L/∂%s = <b>%s</b>",
            param_symbol (chain), num (t, chain->value),
            param_symbol (chain), num (t, chain->gradient));
}

static void
add_path (Text              *t,
          const BpChainPath *path,
          guint              number)
{
  g_autoptr(GString) symbols = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new ("= ");

  for (guint f = 0; f < path->n_factors; f++)
    {
      const char *sep = f > 0 ? " · " : "";

      g_string_append_printf (symbols, "%s%s", sep, factor_symbol (t, &path->factors[f]));
      g_string_append_printf (values, "%s%s", sep, factor_num (t, path->factors[f].value));
    }
  /* Translators: "Path 2: ∂L/∂y1 · sigmoid′(z(y1)) · …", one path of the chain rule */
  add_line (t, LINE_FORMULA, _("Path %u: %s"), number, symbols->str);
  add_line (t, LINE_NUMBERS, "%s = <b>%s</b>", values->str, num (t, path->product));
}

static void
add_path_sum (Text          *t,
              const BpChain *chain)
{
  g_autoptr(GString) terms = g_string_new (NULL);
  guint shown = (guint) MIN (chain->n_paths, (guint64) MAX_TERMS);

  for (guint p = 0; p < shown; p++)
    g_string_append_printf (terms, "%s%s", p > 0 ? " + " : "",
                            factor_num (t, chain->paths[p].product));
  if (chain->n_paths > shown)
    {
      guint hidden = (guint) (chain->n_paths - shown);
      /* Translators: the end of a sum cut short in the math panel: "0.1 + 0.2 + … and 5 more" */
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more", "… and %u more",
                                                         hidden), hidden);

      g_string_append_printf (terms, " + %s", more);
    }
  add_line (t, LINE_FORMULA, "Σ = %s = <b>%s</b>", terms->str, num (t, chain->path_sum));
}

/* What backprop itself computed, δ · a, and whether the paths add up to it. */
static void
add_backprop_check (Text          *t,
                    const BpChain *chain)
{
  double delta = t->net->delta[chain->layer + 1][chain->to];
  /* δ · a of the network's own example: in dataset mode chain->gradient is the batch's. */
  double gradient = delta * chain->input;
  double tolerance = 1e-9 * MAX (1.0, fabs (gradient));
  const char *to = neuron (t, chain->layer + 1, chain->to);
  const char *input = chain->from == G_MAXUINT
                      ? "1" : keep (t, g_strdup_printf ("a(%s)",
                                                        neuron (t, chain->layer, chain->from)));

  /* Translators: a formula in the math panel: "Backprop: ∂L/∂w = δ(h1) · a(x1)"; keep the
   * symbols; the first %s is w or b, the second a neuron's name, the third a(x1) or 1 */
  add_line (t, LINE_FORMULA, _("Backprop: ∂L/∂%s = δ(%s) · %s"), param_symbol (chain), to, input);
  add_line (t, LINE_NUMBERS, "= %s · %s = <b>%s</b>",
            factor_num (t, delta), factor_num (t, chain->input), num (t, gradient));
  if (chain->by_layer)
    return;
  if (fabs (chain->path_sum - gradient) <= tolerance)
    add_line (t, LINE_NOTE, _("✓ The sum over the paths equals backprop’s gradient."));
  else if (isfinite (chain->path_sum) && isfinite (gradient))
    add_line (t, LINE_NOTE, _("✗ The sum over the paths differs from backprop’s gradient."));
}

static void
add_paths (Text          *t,
           const BpChain *chain)
{
  /* Translators: a heading of the math panel */
  add_line (t, LINE_HEADING, _("Chain rule"));
  /* A single path is a product, several are a sum of products: two different sentences. */
  if (chain->n_paths == 1)
    /* Translators: %s is w (a weight) or b (a bias); ∂L/∂%s stays as it is */
    add_line (t, LINE_NOTE, _("One path leads from the loss back to this parameter: ∂L/∂%s is "
                              "the product of the local derivatives along it."),
              param_symbol (chain));
  else
    /* Translators: the number counts the paths (2 or more); %s is w (a weight) or b (a bias);
     * ∂L/∂%s stays as it is */
    add_line (t, LINE_NOTE, ngettext ("%u path leads from the loss back to this parameter: "
                                      "∂L/∂%s is the sum of the products of the local "
                                      "derivatives along each.",
                                      "%u paths lead from the loss back to this parameter: "
                                      "∂L/∂%s is the sum of the products of the local "
                                      "derivatives along each.", (gulong) chain->n_paths),
              (guint) chain->n_paths, param_symbol (chain));
  add_chain_start (t, chain);
  for (guint64 p = 0; p < chain->n_paths; p++)
    add_path (t, &chain->paths[p], (guint) p + 1);
  if (chain->n_paths > 1)
    add_path_sum (t, chain);
  add_backprop_check (t, chain);
}

static void
add_delta (Text               *t,
           const BpChainDelta *d)
{
  const char *name = neuron (t, d->layer, d->index);
  guint L = t->net->n_layers;

  if (d->layer == L && t->net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    {
      add_line (t, LINE_FORMULA, "δ(%s) = ∂L/∂z(%s) = %s − t%u = <b>%s</b>",
                name, name, name, d->index + 1, num (t, d->delta));
      return;
    }
  if (d->layer == L)
    add_line (t, LINE_FORMULA, "δ(%s) = %s′(z(%s)) · ∂L/∂%s", name,
              activation_name (t, d->layer), name, name);
  else
    add_line (t, LINE_FORMULA, "δ(%s) = %s′(z(%s)) · Σ w·δ", name,
              activation_name (t, d->layer), name);
  add_line (t, LINE_NUMBERS, "= %s · %s = <b>%s</b>", factor_num (t, d->derivative),
            factor_num (t, d->weighted_sum), num (t, d->delta));
}

static void
add_deltas (Text          *t,
            const BpChain *chain)
{
  g_autofree char *n_paths = g_strdup_printf ("%" G_GUINT64_FORMAT, chain->n_paths);
  /* ngettext () takes an unsigned long; the last six digits decide the plural form. */
  gulong plural = chain->n_paths <= G_MAXULONG ? (gulong) chain->n_paths
                                               : (gulong) (chain->n_paths % 1000000 + 1000000);
  guint shown_in_layer = 0, hidden_in_layer = 0, layer = G_MAXUINT;

  /* Translators: a heading of the math panel */
  add_line (t, LINE_HEADING, _("Chain rule, layer by layer"));
  add_line (t, LINE_NOTE,
            /* Translators: %s is a (large) number of paths; δ, ∂L/∂z, f′(z) and Σ w·δ stay
             * as they are */
            ngettext ("%s path leads from the loss back to this parameter, too many to list. "
                      "Backprop adds them up layer by layer: δ = ∂L/∂z of each neuron is "
                      "f′(z) times Σ w·δ over the layer above.",
                      "%s paths lead from the loss back to this parameter, too many to list. "
                      "Backprop adds them up layer by layer: δ = ∂L/∂z of each neuron is "
                      "f′(z) times Σ w·δ over the layer above.", plural), n_paths);
  add_chain_start (t, chain);

  for (guint k = 0; k <= chain->n_deltas; k++)
    {
      const BpChainDelta *d = k < chain->n_deltas ? &chain->deltas[k] : NULL;

      if (d == NULL || d->layer != layer)
        {
          if (hidden_in_layer > 0)
            /* Translators: the end of a list of neurons cut short in the math panel */
            add_line (t, LINE_NOTE, ngettext ("… and %u more in this layer",
                                              "… and %u more in this layer", hidden_in_layer),
                      hidden_in_layer);
          if (d == NULL)
            break;
          layer = d->layer;
          shown_in_layer = hidden_in_layer = 0;
        }
      if (shown_in_layer++ < MAX_DELTAS)
        add_delta (t, d);
      else
        hidden_in_layer++;
    }
  add_backprop_check (t, chain);
}

static void
add_parameter (Text              *t,
               const BpSelection *sel)
{
  guint from = sel->kind == BP_SELECTION_BIAS ? G_MAXUINT : sel->from;
  g_autoptr(BpChain) chain = bp_chain_new (t->net, sel->layer, sel->to, from);

  add_param_title (t, chain);
  if (t->net->shows_batch)
    bp_math_text_add_batch_note (t, TRUE);
  if (chain->by_layer)
    add_deltas (t, chain);
  else
    add_paths (t, chain);
  if (t->net->shows_batch)
    bp_math_text_add_batch_mean (t, chain);
  bp_math_text_add_update (t, chain);
}

/* A neuron */

/* "w(x1→h2)·a(x1) + w(x2→h2)·a(x2) + b(h2)" for a few inputs, "Σ w·a + b" for many. */
static const char *
weighted_sum_symbols (Text  *t,
                      guint  layer,
                      guint  j)
{
  const char *name = neuron (t, layer, j);
  GString *s;

  if (t->net->sizes[layer - 1] > 4)
    return "Σ w·a + b";
  s = g_string_new (NULL);
  for (guint i = 0; i < t->net->sizes[layer - 1]; i++)
    {
      const char *from = neuron (t, layer - 1, i);

      g_string_append_printf (s, "w(%s→%s)·a(%s) + ", from, name, from);
    }
  g_string_append_printf (s, "b(%s)", name);
  return keep (t, g_string_free (s, FALSE));
}

static void
add_weighted_sum (Text  *t,
                  guint  layer,
                  guint  j)
{
  const BpNet *net = t->net;
  guint n_in = net->sizes[layer - 1];
  guint shown = MIN (n_in, MAX_TERMS);
  g_autoptr(GString) terms = g_string_new ("= ");

  for (guint i = 0; i < shown; i++)
    g_string_append_printf (terms, "%s%s · %s", i > 0 ? " + " : "",
                            factor_num (t, *bp_net_weight (net, layer - 1, j, i)),
                            factor_num (t, net->a[layer - 1][i]));
  if (n_in > shown)
    {
      /* Translators: the end of a sum cut short in the math panel: "0.1 + 0.2 + … and 5 more" */
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more", "… and %u more",
                                                         n_in - shown), n_in - shown);

      g_string_append_printf (terms, " + %s", more);
    }
  g_string_append_printf (terms, " + %s", factor_num (t, net->biases[layer - 1][j]));

  /* Translators: a heading of the math panel: z, the sum of the weighted inputs plus bias */
  add_line (t, LINE_HEADING, _("Weighted sum"));
  add_line (t, LINE_FORMULA, "z(%s) = %s", neuron (t, layer, j),
            weighted_sum_symbols (t, layer, j));
  add_line (t, LINE_NUMBERS, "%s = <b>%s</b>", terms->str, num (t, net->z[layer][j]));
}

/* ∂L/∂z of a neuron from ∂L/∂a: the last step of backprop at this neuron. */
static void
add_neuron_gradient (Text  *t,
                     guint  layer,
                     guint  j)
{
  const BpNet *net = t->net;
  const char *name = neuron (t, layer, j);
  double derivative = bp_activation_derivative (net->activations[layer - 1], net->z[layer][j],
                                                net->a[layer][j]);

  /* Translators: a heading of the math panel */
  add_line (t, LINE_HEADING, _("Gradient"));
  if (layer == net->n_layers)
    /* Translators: a line of the math panel; t1 and L are symbols and stay as they are; the
     * first %s is the target's value, the second the loss's */
    add_line (t, LINE_FORMULA, _("target t%u = %s    loss L = %s"), j + 1,
              num (t, net->target[j]), num (t, net->loss));
  if (layer == net->n_layers)
    bp_math_text_add_loss_derivative (t, j);
  if (layer == net->n_layers && net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    return;
  if (layer < net->n_layers)
    add_line (t, LINE_FORMULA, "∂L/∂a(%s) = Σ w·δ = <b>%s</b>", name,
              num (t, net->grad_a[layer][j]));
  add_line (t, LINE_FORMULA, "∂L/∂z(%s) = δ(%s) = %s′(z) · ∂L/∂a", name, name,
            activation_name (t, layer));
  add_line (t, LINE_NUMBERS, "= %s · %s = <b>%s</b>", factor_num (t, derivative),
            factor_num (t, net->grad_a[layer][j]), num (t, net->delta[layer][j]));
}

static void
add_neuron (Text  *t,
            guint  layer,
            guint  j)
{
  const BpNet *net = t->net;
  const char *name = neuron (t, layer, j);
  const char *act = activation_name (t, layer);

  if (layer == net->n_layers)
    /* Translators: the math panel's title for an output neuron; %s is its name, such as y1 */
    add_line (t, LINE_TITLE, _("Output %s"), name);
  else
    /* Translators: the math panel's title for a hidden neuron; %s is its name, such as h1 */
    add_line (t, LINE_TITLE, _("Hidden neuron %s"), name);

  add_weighted_sum (t, layer, j);

  /* Translators: a heading of the math panel; %s is the activation function, such as "tanh" */
  add_line (t, LINE_HEADING, _("Activation: %s"),
            bp_activation_display_name (net->activations[layer - 1]));
  add_line (t, LINE_FORMULA, "a(%s) = %s(z) = %s(%s) = <b>%s</b>", name, act, act,
            num (t, net->z[layer][j]), num (t, net->a[layer][j]));

  add_neuron_gradient (t, layer, j);
}

static void
add_input (Text  *t,
           guint  i)
{
  const char *name = neuron (t, 0, i);

  /* Translators: the math panel's title for an input; %s is its name, such as x1 */
  add_line (t, LINE_TITLE, _("Input %s"), name);
  add_line (t, LINE_FORMULA, "%s = <b>%s</b>", name, num (t, t->net->a[0][i]));
  add_line (t, LINE_FORMULA, "∂L/∂%s = Σ w·δ = <b>%s</b>", name, num (t, t->net->grad_a[0][i]));
  add_line (t, LINE_NOTE, _("How much the loss would change per unit change of this input. "
                            "Inputs are data: a step never changes them."));
}

static void
build_text (Text              *t,
            const BpSelection *sel)
{
  if (t->net == NULL || sel->kind == BP_SELECTION_NONE)
    return;   /* the panel shows its status page */
  if (sel->kind == BP_SELECTION_NODE && sel->layer > t->net->n_layers)
    bp_math_text_add_loss (t);
  else if (sel->kind == BP_SELECTION_NODE && sel->layer == 0)
    add_input (t, sel->to);
  else if (sel->kind == BP_SELECTION_NODE)
    add_neuron (t, sel->layer, sel->to);
  else
    add_parameter (t, sel);
  if (sel->kind == BP_SELECTION_NODE && t->net->shows_batch)
    bp_math_text_add_batch_note (t, FALSE);

  if (t->not_finite)
    /* Translators: — (an em dash) is what the panel prints instead of a number */
    add_line (t, LINE_NOTE, "%s", _("— marks a value that is not a finite number: training "
                                    "diverged. Lower the learning rate or reset."));
}

/* For the other parts of the text (bp-math-panel-loss.c): the helpers above. */

void
bp_math_text_add_line (BpMathText *t,
                       LineStyle   style,
                       const char *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  add_linev (t, style, format, args);
  va_end (args);
}

const char *
bp_math_text_num (BpMathText *t,
                  double      value)
{
  return num (t, value);
}

const char *
bp_math_text_factor_num (BpMathText *t,
                         double      value)
{
  return factor_num (t, value);
}

const char *
bp_math_text_neuron (BpMathText *t,
                     guint       layer,
                     guint       index)
{
  return neuron (t, layer, index);
}

void
bp_math_text_init (BpMathText  *t,
                   const BpNet *net)
{
  text_init (t, net);
}

void
bp_math_text_add_weighted_sum (BpMathText *t,
                               guint       layer,
                               guint       j)
{
  add_weighted_sum (t, layer, j);
}

void
bp_math_text_add_neuron_gradient (BpMathText *t,
                                  guint       layer,
                                  guint       j)
{
  add_neuron_gradient (t, layer, j);
}

/**
 * bp_math_panel_build_lines:
 * @net: (nullable): the network, as after its last backward pass
 * @sel: what to explain
 *
 * Returns: (transfer full) (element-type BpMathLine): the lines to show, in order; none
 *   when @net is %NULL or cannot select @sel (the panel shows its status page instead)
 */
GArray *
bp_math_panel_build_lines (const BpNet       *net,
                           const BpSelection *sel)
{
  BpSelection none = BP_SELECTION_INIT_NONE;
  Text t;

  if (net == NULL || !bp_selection_selectable_in (net, sel))
    sel = &none;
  text_init (&t, net);
  build_text (&t, sel);
  g_ptr_array_unref (t.scratch);
  return t.lines;
}
