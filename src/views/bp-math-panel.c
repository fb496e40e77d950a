/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-math-panel.c: "Watch the math". For the selected weight or bias it writes out the chain
 * rule with live numbers, path by path (or δ by δ where the paths are too many), and the
 * update the next step will make; for a neuron, its weighted sum and activation. The text is
 * rebuilt from the model after every backward pass, so it always shows what a step would do.
 *
 * Neurons are named as a student sees them in the diagram: inputs x1, x2, …, hidden neurons
 * h1, h2, … (h2,1 for neuron 1 of hidden layer 2 when there are several hidden layers) and
 * outputs y1, y2, …; z(h1) is a neuron's weighted sum and a(h1) its activation. */
#define G_LOG_DOMAIN "bp-math-panel"

#include "config.h"

#include "bp-math-panel.h"

#include <glib/gi18n.h>
#include <math.h>

#define MAX_TERMS 16     /* terms of a sum written out before "… and N more" */
#define MAX_DELTAS 16    /* δ lines per layer in the layer-by-layer form */

typedef enum {
  LINE_TITLE,
  LINE_HEADING,
  LINE_FORMULA,
  LINE_NUMBERS,     /* the numbers of the formula above, indented under it */
  LINE_NOTE,
  N_LINE_STYLES
} LineStyle;

typedef struct {
  LineStyle style;
  char *markup;
} Line;

/* The text being built: its lines, and the strings their numbers were formatted into. */
typedef struct {
  const BpNet *net;
  GArray *lines;
  GPtrArray *scratch;
  gboolean not_finite;   /* some number was printed as "—" */
} Text;

struct _BpMathPanel
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GPtrArray *labels;     /* the GtkLabels in the box, one per line shown */
  BpNetwork *network;
  BpSelection selection;
  char *text;            /* everything shown, as plain text */
  gboolean stale;        /* the model changed since the text was written */
  guint tick_id;         /* a rewrite waiting for the next frame */
};

G_DEFINE_FINAL_TYPE (BpMathPanel, bp_math_panel, GTK_TYPE_WIDGET)

/* Text building */

static void
line_clear (gpointer data)
{
  g_free (((Line *) data)->markup);
}

static void
text_init (Text        *t,
           const BpNet *net)
{
  t->net = net;
  t->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_array_set_clear_func (t->lines, line_clear);
  t->scratch = g_ptr_array_new_with_free_func (g_free);
  t->not_finite = FALSE;
}

static void
text_clear (Text *t)
{
  g_clear_pointer (&t->lines, g_array_unref);
  g_clear_pointer (&t->scratch, g_ptr_array_unref);
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
G_GNUC_PRINTF (3, 4)
static void
add_line (Text       *t,
          LineStyle   style,
          const char *format,
          ...)
{
  Line line = { style, NULL };
  va_list args;

  va_start (args, format);
  line.markup = g_markup_vprintf_escaped (format, args);
  va_end (args);
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
  g_autofree char *number = bp_math_panel_format_number (value);

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
  return keep (t, bp_math_panel_format_number (value));
}

/* Naming */

static const char *
neuron (Text  *t,
        guint  layer,
        guint  index)
{
  guint L = t->net->n_layers;

  if (layer == 0)
    return keep (t, g_strdup_printf ("x%u", index + 1));
  if (layer == L)
    return keep (t, g_strdup_printf ("y%u", index + 1));
  if (L > 2)
    return keep (t, g_strdup_printf ("h%u,%u", layer, index + 1));
  return keep (t, g_strdup_printf ("h%u", index + 1));
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
  double tolerance = 1e-9 * MAX (1.0, fabs (chain->gradient));
  const char *to = neuron (t, chain->layer + 1, chain->to);
  const char *input = chain->from == G_MAXUINT
                      ? "1" : keep (t, g_strdup_printf ("a(%s)",
                                                        neuron (t, chain->layer, chain->from)));

  /* Translators: a formula in the math panel: "Backprop: ∂L/∂w = δ(h1) · a(x1)"; keep the
   * symbols; the first %s is w or b, the second a neuron's name, the third a(x1) or 1 */
  add_line (t, LINE_FORMULA, _("Backprop: ∂L/∂%s = δ(%s) · %s"), param_symbol (chain), to, input);
  add_line (t, LINE_NUMBERS, "= %s · %s = <b>%s</b>",
            factor_num (t, delta), factor_num (t, chain->input), num (t, chain->gradient));
  if (chain->by_layer)
    return;
  if (fabs (chain->path_sum - chain->gradient) <= tolerance)
    add_line (t, LINE_NOTE, _("✓ The sum over the paths equals backprop’s gradient."));
  else if (isfinite (chain->path_sum) && isfinite (chain->gradient))
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
add_update (Text          *t,
            const BpChain *chain)
{
  const char *p = param_symbol (chain);

  /* Translators: a heading of the math panel; η is the learning rate and stays as it is */
  add_line (t, LINE_HEADING, _("Update (η = %s)"), num (t, chain->learning_rate));
  add_line (t, LINE_FORMULA, "%s − η·∂L/∂%s", p, p);
  add_line (t, LINE_NUMBERS, "= %s − %s · %s = <b>%s</b>", factor_num (t, chain->value),
            factor_num (t, chain->learning_rate), factor_num (t, chain->gradient),
            num (t, chain->updated));
  if (chain->gradient < 0)
    /* Translators: %s is w (a weight) or b (a bias); ∂L/∂%s stays as it is; orange is the
     * colour of the diagram's connections whose weight the step raises */
    add_line (t, LINE_NOTE, _("∂L/∂%s is negative: the step raises this parameter (orange in "
                              "the diagram)."), p);
  else if (chain->gradient > 0)
    /* Translators: %s is w (a weight) or b (a bias); ∂L/∂%s stays as it is; teal is the
     * colour of the diagram's connections whose weight the step lowers */
    add_line (t, LINE_NOTE, _("∂L/∂%s is positive: the step lowers this parameter (teal in "
                              "the diagram)."), p);
  else if (chain->gradient == 0)
    /* Translators: %s is w (a weight) or b (a bias); ∂L/∂%s stays as it is */
    add_line (t, LINE_NOTE, _("∂L/∂%s is zero: the step leaves this parameter as it is."), p);
}

static void
add_parameter (Text              *t,
               const BpSelection *sel)
{
  guint from = sel->kind == BP_SELECTION_BIAS ? G_MAXUINT : sel->from;
  g_autoptr(BpChain) chain = bp_chain_new (t->net, sel->layer, sel->to, from);

  add_param_title (t, chain);
  if (chain->by_layer)
    add_deltas (t, chain);
  else
    add_paths (t, chain);
  add_update (t, chain);
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
  if (layer == net->n_layers && net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    {
      add_line (t, LINE_FORMULA, "∂L/∂z(%s) = δ(%s) = %s − t%u = <b>%s</b>", name, name, name,
                j + 1, num (t, net->delta[layer][j]));
      return;
    }
  if (layer == net->n_layers)
    add_line (t, LINE_FORMULA, "∂L/∂%s = <b>%s</b>", name, num (t, net->grad_a[layer][j]));
  else
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

static gboolean
selection_valid (const BpNet       *net,
                 const BpSelection *sel)
{
  switch (sel->kind)
    {
    case BP_SELECTION_NONE:
      return TRUE;
    case BP_SELECTION_CONNECTION:
      return sel->layer < net->n_layers && sel->to < net->sizes[sel->layer + 1] &&
             sel->from < net->sizes[sel->layer];
    case BP_SELECTION_BIAS:
      return sel->layer < net->n_layers && sel->to < net->sizes[sel->layer + 1];
    case BP_SELECTION_NODE:
      return sel->layer <= net->n_layers && sel->to < net->sizes[sel->layer];
    default:
      return FALSE;
    }
}

static void
build_text (Text              *t,
            const BpSelection *sel)
{
  if (t->net == NULL || sel->kind == BP_SELECTION_NONE)
    add_line (t, LINE_NOTE, "%s", _("Click a connection or a neuron to see its math"));
  else if (sel->kind == BP_SELECTION_NODE && sel->layer == 0)
    add_input (t, sel->to);
  else if (sel->kind == BP_SELECTION_NODE)
    add_neuron (t, sel->layer, sel->to);
  else
    add_parameter (t, sel);

  if (t->not_finite)
    /* Translators: — (an em dash) is what the panel prints instead of a number */
    add_line (t, LINE_NOTE, "%s", _("— marks a value that is not a finite number: training "
                                    "diverged. Lower the learning rate or reset."));
}

/* Showing the lines */

static void
style_label (GtkWidget *label,
             LineStyle  style)
{
  static const char *classes[N_LINE_STYLES][3] = {
    [LINE_TITLE] = { "title-4", NULL },
    [LINE_HEADING] = { "heading", NULL },
    [LINE_FORMULA] = { "numeric", NULL },
    [LINE_NUMBERS] = { "numeric", NULL },
    [LINE_NOTE] = { "dim-label", NULL },
  };

  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "bp-style")) == style + 1)
    return;
  g_object_set_data (G_OBJECT (label), "bp-style", GUINT_TO_POINTER (style + 1));
  gtk_widget_set_css_classes (label, classes[style]);
  gtk_widget_set_margin_start (label, style == LINE_NUMBERS ? 18 : 0);
  gtk_widget_set_margin_top (label, style == LINE_HEADING ? 10 : 0);
}

static GtkWidget *
new_line_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Tabular figures line up the numbers of consecutive formulas. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  /* Bounds the natural width, so a long line never widens the window; given more room, the
   * text still uses it. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Twenty lines must not become twenty Tab stops; the mouse can still select and copy, and
   * screen readers get the whole text as the panel's description. */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  return label;
}

static void
show_lines (BpMathPanel *self,
            GArray      *lines)
{
  while (self->labels->len > lines->len)
    {
      GtkWidget *label = g_ptr_array_steal_index (self->labels, self->labels->len - 1);

      gtk_box_remove (GTK_BOX (self->box), label);
    }
  while (self->labels->len < lines->len)
    {
      GtkWidget *label = new_line_label ();

      gtk_box_append (GTK_BOX (self->box), label);
      g_ptr_array_add (self->labels, label);
    }
  for (guint k = 0; k < lines->len; k++)
    {
      const Line *line = &g_array_index (lines, Line, k);
      GtkLabel *label = self->labels->pdata[k];

      style_label (GTK_WIDGET (label), line->style);
      if (g_strcmp0 (gtk_label_get_label (label), line->markup) != 0)
        gtk_label_set_markup (label, line->markup);
    }
}

static char *
plain_text (GArray *lines)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint k = 0; k < lines->len; k++)
    {
      const Line *line = &g_array_index (lines, Line, k);
      g_autofree char *plain = NULL;

      if (!pango_parse_markup (line->markup, -1, 0, NULL, &plain, NULL, NULL))
        plain = g_strdup (line->markup);
      g_string_append_printf (s, "%s%s", k > 0 ? "\n" : "", plain);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
refresh (BpMathPanel *self)
{
  const BpNet *net = self->network != NULL ? bp_network_get_net (self->network) : NULL;
  g_autofree char *text = NULL;
  Text t;

  if (net != NULL && !selection_valid (net, &self->selection))
    self->selection = (BpSelection) { BP_SELECTION_NONE, 0, 0, 0 };

  text_init (&t, net);
  build_text (&t, &self->selection);
  show_lines (self, t.lines);
  text = plain_text (t.lines);
  text_clear (&t);

  if (g_strcmp0 (text, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  /* Screen readers reach every line as a label too; the description gives it in one go. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->text,
                                  -1);
}

static void
refresh_now (BpMathPanel *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  self->stale = FALSE;
  refresh (self);
}

static gboolean
refresh_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock G_GNUC_UNUSED,
                 gpointer       data G_GNUC_UNUSED)
{
  BpMathPanel *self = BP_MATH_PANEL (widget);

  self->tick_id = 0;
  self->stale = FALSE;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Training at hundreds of steps per second emits "backward" many times per frame; the text
 * is rewritten once per frame, and not at all while the panel is hidden. */
static void
backward_cb (BpMathPanel *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), refresh_tick_cb,
                                                  NULL, NULL);
}

/* A change of shape may leave the selection pointing at a neuron that no longer exists. */
static void
structure_changed_cb (BpMathPanel *self)
{
  const BpNet *net = bp_network_get_net (self->network);

  if (!selection_valid (net, &self->selection))
    self->selection = (BpSelection) { BP_SELECTION_NONE, 0, 0, 0 };
}

static void
bp_math_panel_map (GtkWidget *widget)
{
  BpMathPanel *self = BP_MATH_PANEL (widget);

  GTK_WIDGET_CLASS (bp_math_panel_parent_class)->map (widget);
  if (self->stale)
    refresh_now (self);
}

static void
bp_math_panel_dispose (GObject *object)
{
  BpMathPanel *self = BP_MATH_PANEL (object);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_object (&self->network);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  G_OBJECT_CLASS (bp_math_panel_parent_class)->dispose (object);
}

static void
bp_math_panel_finalize (GObject *object)
{
  BpMathPanel *self = BP_MATH_PANEL (object);

  g_free (self->text);
  G_OBJECT_CLASS (bp_math_panel_parent_class)->finalize (object);
}

static void
bp_math_panel_class_init (BpMathPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_math_panel_dispose;
  object_class->finalize = bp_math_panel_finalize;
  widget_class->map = bp_math_panel_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mathpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
bp_math_panel_init (BpMathPanel *self)
{
  self->labels = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Watch the math"),
                                  -1);
  refresh (self);
}

GtkWidget *
bp_math_panel_new (void)
{
  return g_object_new (BP_TYPE_MATH_PANEL, NULL);
}

/**
 * bp_math_panel_set_network:
 * @self: a math panel
 * @network: (nullable): the model to explain
 *
 * Follows @network: the panel rewrites its numbers after every backward pass and every
 * change of the learning rate (at the next frame, once however many came), and forgets a
 * selection that a change of shape made invalid.
 */
void
bp_math_panel_set_network (BpMathPanel *self,
                           BpNetwork   *network)
{
  g_return_if_fail (BP_IS_MATH_PANEL (self));
  g_return_if_fail (network == NULL || BP_IS_NETWORK (network));

  if (self->network == network)
    return;
  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  g_set_object (&self->network, network);
  if (network != NULL)
    {
      g_signal_connect_object (network, "structure-changed",
                               G_CALLBACK (structure_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "backward",
                               G_CALLBACK (backward_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (network, "notify::learning-rate",
                               G_CALLBACK (backward_cb), self, G_CONNECT_SWAPPED);
    }
  refresh_now (self);
}

/**
 * bp_math_panel_set_selection:
 * @self: a math panel
 * @selection: (nullable): what to explain; %NULL is the same as %BP_SELECTION_NONE
 *
 * Shows the math of @selection. A selection outside the network shows the hint instead.
 */
void
bp_math_panel_set_selection (BpMathPanel       *self,
                             const BpSelection *selection)
{
  g_return_if_fail (BP_IS_MATH_PANEL (self));

  if (selection != NULL)
    self->selection = *selection;
  else
    self->selection = (BpSelection) { BP_SELECTION_NONE, 0, 0, 0 };
  refresh_now (self);
}

/**
 * bp_math_panel_get_selection:
 * @self: a math panel
 * @selection: (out caller-allocates): where to store what the panel explains
 */
void
bp_math_panel_get_selection (BpMathPanel *self,
                             BpSelection *selection)
{
  g_return_if_fail (BP_IS_MATH_PANEL (self));
  g_return_if_fail (selection != NULL);

  *selection = self->selection;
}

/**
 * bp_math_panel_describe:
 * @self: a math panel
 *
 * Returns: (transfer full): everything the panel shows, as plain text, one line per line;
 *   the same text is the panel's accessible description
 */
char *
bp_math_panel_describe (BpMathPanel *self)
{
  g_return_val_if_fail (BP_IS_MATH_PANEL (self), NULL);

  if (self->stale)
    refresh_now (self);
  return g_strdup (self->text);
}

/**
 * bp_math_panel_format_number:
 * @value: a number
 *
 * Formats @value as the panel prints it: four significant digits, a true minus sign, and
 * "—" for a value that is not finite.
 *
 * Returns: (transfer full): the text
 */
char *
bp_math_panel_format_number (double value)
{
  g_autofree char *plain = NULL;
  GString *s;

  if (!isfinite (value))
    return g_strdup ("—");
  if (value == 0.0)
    value = 0.0;   /* no "−0" */
  plain = g_strdup_printf ("%.4g", value);
  s = g_string_new (plain);
  g_string_replace (s, "-", "−", 0);
  return g_string_free (s, FALSE);
}
