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

#include "bp-explain.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <string.h>

/* Written-out sums (w·a + … + b) for at most this many terms; beyond it, Σ notation. */
#define WRITE_OUT_MAX_TERMS 8
/* For networks above BP_EXPLAIN_FULL_MAX_PARAMS: how much is listed per layer. */
#define SAMPLE_NEURONS 10
#define SAMPLE_WEIGHTS 6
#define SAMPLE_BIASES 3

typedef enum {
  BLOCK_NONE,
  BLOCK_LINES,
  BLOCK_TABLE,
} BlockKind;

typedef struct {
  GString *out;
  const BpNet *net;
  gboolean markdown;
  gboolean full;        /* small enough to list every neuron and parameter */
  BlockKind block;
} Doc;

/* Numbers */

/* The C library's %g writes the decimal separator of LC_NUMERIC, which the programs set
 * from the user's locale (setlocale (LC_ALL, "") in main ()). */
static void
append_num (GString *s,
            double   x)
{
  /* −0 (a ReLU's zero slope times a negative number) reads as a typo in a worked example. */
  if (x == 0.0)
    x = 0.0;
  g_string_append_printf (s, "%.6g", x);
}

/* ngettext () takes an unsigned long; a larger count keeps its last six digits, which decide
 * the plural form in every language. */
static gulong
plural_count (guint64 n)
{
  return n <= G_MAXULONG ? (gulong) n : (gulong) (n % 1000000 + 1000000);
}

/* Between the numbers of a vector: "(0.5, 1)", but "(0,5; 1)" where ',' is the decimal
 * separator, as German and French textbooks write it. */
static const char *
list_separator (void)
{
  const char *point = localeconv ()->decimal_point;

  return point != NULL && strchr (point, ',') != NULL ? "; " : ", ";
}

/* A number inside a product or sum: negative ones in parentheses, as a textbook does. */
static void
append_factor (GString *s,
               double   x)
{
  gboolean negative = x < 0.0;

  if (negative)
    g_string_append_c (s, '(');
  append_num (s, x);
  if (negative)
    g_string_append_c (s, ')');
}

static char *
num_string (double x)
{
  GString *s = g_string_new (NULL);

  append_num (s, x);
  return g_string_free (s, FALSE);
}

/* Parameters: `from` is G_MAXUINT for a bias, as in bp_chain_new (). */

static double
param_value (const BpNet *net,
             guint        layer,
             guint        to,
             guint        from)
{
  if (from == G_MAXUINT)
    return net->biases[layer][to];
  return *bp_net_weight (net, layer, to, from);
}

static double
param_gradient (const BpNet *net,
                guint        layer,
                guint        to,
                guint        from)
{
  if (from == G_MAXUINT)
    return bp_net_bias_gradient (net, layer, to);
  return bp_net_weight_gradient (net, layer, to, from);
}

static double
param_updated (const BpNet *net,
               guint        layer,
               guint        to,
               guint        from)
{
  return param_value (net, layer, to, from)
         - net->learning_rate * param_gradient (net, layer, to, from);
}

static void
append_param_name (GString *s,
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
static const char *
layer_activation_name (const BpNet *net,
                       guint        layer)
{
  return bp_activation_to_string (net->activations[layer - 1]);
}

/* The same function named in a sentence or a heading ("linear" is translated). */
static const char *
layer_activation_display (const BpNet *net,
                          guint        layer)
{
  return bp_activation_display_name (net->activations[layer - 1]);
}

static double
layer_derivative (const BpNet *net,
                  guint        layer,
                  guint        j)
{
  return bp_activation_derivative (net->activations[layer - 1],
                                   net->z[layer][j], net->a[layer][j]);
}

static gsize
n_params (const BpNet *net)
{
  return net->n_weights + net->n_biases;
}

/* The loss after one step with the gradient the network holds, or NAN if it diverges. */
static double
loss_after_step (const BpNet *net)
{
  g_autoptr(BpNet) copy = bp_net_copy (net);
  g_autoptr(GError) error = NULL;

  bp_net_forward (copy);
  bp_net_backward (copy);
  if (!bp_net_step (copy, &error))
    return NAN;
  return copy->loss;
}

/* The document: headings, paragraphs, blocks of formulas and tables, in text or Markdown. */

static void
doc_end_block (Doc *d)
{
  if (d->block == BLOCK_LINES && d->markdown)
    g_string_append (d->out, "```\n");
  if (d->block != BLOCK_NONE)
    g_string_append_c (d->out, '\n');
  d->block = BLOCK_NONE;
}

/* The columns a terminal gives the text: wide (East Asian) characters take two. */
static int
display_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
doc_heading (Doc        *d,
             int         level,
             const char *text)
{
  doc_end_block (d);
  if (d->markdown)
    {
      g_string_append_printf (d->out, "%.*s %s\n\n", level, "###", text);
      return;
    }

  g_string_append_printf (d->out, "%s\n", text);
  if (level < 3)
    {
      int len = display_width (text);

      for (int i = 0; i < len; i++)
        g_string_append_c (d->out, level == 1 ? '=' : '-');
      g_string_append_c (d->out, '\n');
    }
  g_string_append_c (d->out, '\n');
}

static void
doc_para (Doc        *d,
          const char *text)
{
  doc_end_block (d);
  g_string_append_printf (d->out, "%s\n\n", text);
}

/* One line of formulas; consecutive lines form one block (a code block in Markdown,
 * so that brackets and asterisks need no escaping). */
static void
doc_line (Doc        *d,
          const char *line)
{
  if (d->block != BLOCK_LINES)
    {
      doc_end_block (d);
      if (d->markdown)
        g_string_append (d->out, "```text\n");
      d->block = BLOCK_LINES;
    }
  g_string_append_printf (d->out, "%s%s\n", d->markdown ? "" : "  ", line);
}

static void
append_padded (GString    *s,
               const char *cell,
               int         width,
               gboolean    left)
{
  int pad = MAX (0, width - display_width (cell));

  if (left)
    g_string_append (s, cell);
  for (int i = 0; i < pad; i++)
    g_string_append_c (s, ' ');
  if (!left)
    g_string_append (s, cell);
}

static void
doc_table_row (Doc                *d,
               const char * const *cells,
               guint               n_cells)
{
  g_string_append (d->out, d->markdown ? "|" : "  ");
  for (guint c = 0; c < n_cells; c++)
    {
      if (d->markdown)
        g_string_append_printf (d->out, " %s |", cells[c]);
      else
        append_padded (d->out, cells[c], c == 0 ? 10 : 15, c == 0);
    }
  g_string_append_c (d->out, '\n');
}

static void
doc_table_begin (Doc                *d,
                 const char * const *headers,
                 guint               n_cells)
{
  doc_end_block (d);
  d->block = BLOCK_TABLE;
  doc_table_row (d, headers, n_cells);
  if (!d->markdown)
    return;
  g_string_append (d->out, "|");
  for (guint c = 0; c < n_cells; c++)
    g_string_append (d->out, c == 0 ? " --- |" : " ---: |");
  g_string_append_c (d->out, '\n');
}

static void
doc_line_take (Doc     *d,
               GString *line)
{
  doc_line (d, line->str);
  g_string_free (line, TRUE);
}

static void
doc_para_take (Doc  *d,
               char *text)
{
  doc_para (d, text);
  g_free (text);
}

/* How many of `n` items a section lists. */
static guint
doc_limit (Doc   *d,
           guint  n,
           guint  sample)
{
  return d->full ? n : MIN (n, sample);
}

static void
doc_more (Doc   *d,
          guint  listed,
          guint  n)
{
  if (listed < n)
    /* Translators: the end of a list that was cut short in the worked example */
    doc_para_take (d, g_strdup_printf (ngettext ("… and %u more, not listed.",
                                                 "… and %u more, not listed.",
                                                 n - listed),
                                       n - listed));
}

/* Introduction */

static void
append_vector (GString      *s,
               const double *v,
               guint         n,
               guint         limit)
{
  g_string_append_c (s, '(');
  for (guint i = 0; i < MIN (n, limit); i++)
    {
      if (i > 0)
        g_string_append (s, list_separator ());
      append_num (s, v[i]);
    }
  if (n > limit)
    g_string_append_printf (s, "%s…", list_separator ());
  g_string_append_c (s, ')');
}

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
        g_autofree char *slope = num_string (0.01);

        /* Translators: a formula of the worked example; keep "leaky-relu'(z)" and "z > 0" as
         * they are (notation), translate only "if" and "else"; %s is the number 0.01 */
        return g_strdup_printf (_("leaky-relu'(z) = 1 if z > 0, else %s"), slope);
      }
    case BP_N_ACTIVATIONS:
    default:
      g_assert_not_reached ();
    }
}

static void
doc_intro (Doc *d)
{
  const BpNet *net = d->net;
  g_autofree char *shape = shape_string (net);
  /* Translators: the title of the worked example; %s is the network's shape, such as
   * "2-3-1" (neurons per layer) */
  g_autofree char *title = g_strdup_printf (_("Backpropagation on a %s network, worked out"),
                                            shape);
  g_autofree char *eta = num_string (net->learning_rate);
  GString *acts = g_string_new (NULL);
  gboolean seen[BP_N_ACTIVATIONS] = { FALSE, };

  doc_heading (d, 1, title);
  for (guint l = 1; l <= net->n_layers; l++)
    g_string_append_printf (acts, "%s%s", l > 1 ? ", " : "", layer_activation_display (net, l));
  /* Translators: the first sentence of the worked example: the shape ("2-3-1"), the
   * activation functions of the layers after the input ("tanh, sigmoid"), the loss
   * function ("squared error") and the learning rate; η stays as it is */
  doc_para_take (d, g_strdup_printf (_("Layers %s with activations %s; loss: %s; "
                                       "learning rate η = %s."),
                                     shape, acts->str, bp_loss_display_name (net->loss_kind),
                                     eta));
  g_string_free (acts, TRUE);

  /* Translators: keep every symbol (a[l][j], z, W[l][j][i], b, δ, ∂L/∂z, y, t, L) as it is */
  doc_para (d, _("Notation: a[l][j] is the activation of neuron j of layer l (layer 0 is the "
                 "input, y = a[L] the output, t the target); z[l][j] its pre-activation; "
                 "W[l][j][i] the weight from neuron i of layer l to neuron j of layer l + 1; "
                 "b[l][j] the bias of neuron j of layer l + 1; δ[l][j] = ∂L/∂z[l][j]."));
  for (guint l = 0; l < net->n_layers; l++)
    if (!seen[net->activations[l]])
      {
        g_autofree char *formula = derivative_formula (net->activations[l]);

        seen[net->activations[l]] = TRUE;
        doc_line (d, formula);
      }
  if (!d->full)
    /* Translators: the first number counts the weights and biases, the second is the
     * largest network the worked example lists in full; "JSON" is a file format */
    doc_para_take (d, g_strdup_printf (ngettext ("This network has %zu parameter, more than "
                                                 "%d: each layer is summarised and only a "
                                                 "sample of neurons and parameters is listed. "
                                                 "The JSON form lists every value.",
                                                 "This network has %zu parameters, more than "
                                                 "%d: each layer is summarised and only a "
                                                 "sample of neurons and parameters is listed. "
                                                 "The JSON form lists every value.",
                                                 n_params (net)),
                                       n_params (net), BP_EXPLAIN_FULL_MAX_PARAMS));
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
      g_string_printf (line, "%s = Σᵢ W[%u][%u][i]·a[%u][i] + b[%u][%u]   ",
                       lhs, l - 1, j, l - 1, l - 1, j);
      /* Translators: after a sum written with Σ in the worked example: how many terms it
       * adds up */
      g_string_append_printf (line, ngettext ("(%u term)", "(%u terms)", fan_in), fan_in);
      doc_line (d, line->str);
      g_string_printf (line, "%*s= ", indent, "");
      append_num (line, net->z[l][j]);
      doc_line_take (d, line);
      return;
    }

  g_string_printf (line, "%s = ", lhs);
  for (guint i = 0; i < fan_in; i++)
    g_string_append_printf (line, "W[%u][%u][%u]·a[%u][%u] + ", l - 1, j, i, l - 1, i);
  g_string_append_printf (line, "b[%u][%u]", l - 1, j);
  doc_line (d, line->str);

  g_string_printf (line, "%*s= ", indent, "");
  for (guint i = 0; i < fan_in; i++)
    {
      append_factor (line, *bp_net_weight (net, l - 1, j, i));
      g_string_append (line, "·");
      append_factor (line, net->a[l - 1][i]);
      g_string_append (line, " + ");
    }
  append_factor (line, net->biases[l - 1][j]);
  doc_line (d, line->str);

  g_string_printf (line, "%*s= ", indent, "");
  append_num (line, net->z[l][j]);
  doc_line_take (d, line);
}

static void
doc_activation (Doc   *d,
                guint  l,
                guint  j)
{
  const BpNet *net = d->net;
  const char *name = layer_activation_name (net, l);
  GString *line = g_string_new (NULL);

  g_string_printf (line, "a[%u][%u] = %s(z[%u][%u]) = %s(", l, j, name, l, j, name);
  append_num (line, net->z[l][j]);
  g_string_append (line, ") = ");
  append_num (line, net->a[l][j]);
  doc_line_take (d, line);
}

static void
doc_forward_summary (Doc   *d,
                     guint  l)
{
  /* Translators: the heading of a table column holding neuron numbers; the other columns
   * are headed z and a, which stay as they are */
  const char *headers[] = { C_("table heading", "neuron"), "z", "a" };
  guint n = doc_limit (d, d->net->sizes[l], SAMPLE_NEURONS);

  doc_table_begin (d, headers, G_N_ELEMENTS (headers));
  for (guint j = 0; j < n; j++)
    {
      g_autofree char *name = g_strdup_printf ("%u", j);
      g_autofree char *z = num_string (d->net->z[l][j]);
      g_autofree char *a = num_string (d->net->a[l][j]);
      const char *cells[] = { name, z, a };

      doc_table_row (d, cells, G_N_ELEMENTS (cells));
    }
  doc_more (d, n, d->net->sizes[l]);
}

static void
doc_forward (Doc *d)
{
  const BpNet *net = d->net;
  GString *line = g_string_new ("a[0] = ");

  /* Translators: a heading of the worked example */
  doc_heading (d, 2, _("1. Forward pass"));
  append_vector (line, net->a[0], net->sizes[0], d->full ? G_MAXUINT : SAMPLE_NEURONS);
  doc_para (d, _("The input:"));
  doc_line_take (d, line);

  for (guint l = 1; l <= net->n_layers; l++)
    {
      /* Translators: a heading of the worked example: the layer's index, its activation
       * function ("tanh") and its number of neurons */
      g_autofree char *title = g_strdup_printf (ngettext ("Layer %u (%s, %u neuron)",
                                                          "Layer %u (%s, %u neurons)",
                                                          net->sizes[l]),
                                                l, layer_activation_display (net, l),
                                                net->sizes[l]);

      doc_heading (d, 3, title);
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
      append_factor (line, net->z[L][k]);
      g_string_append (line, ") − ");
      append_factor (line, net->target[k]);
      g_string_append (line, "·");
      append_factor (line, net->z[L][k]);
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
          append_num (line, y);
          g_string_append (line, " − ");
          append_factor (line, t);
          g_string_append (line, ")²");
          continue;
        }
      append_factor (line, t);
      g_string_append (line, "·ln ");
      append_factor (line, y);
      g_string_append (line, " + (1 − ");
      append_factor (line, t);
      g_string_append (line, ")·ln(1 − ");
      append_num (line, y);
      g_string_append (line, ")");
    }
  if (net->sizes[L] > n)
    g_string_append (line, " + …");
  g_string_append (line, ")");
}

static void
doc_loss (Doc *d)
{
  const BpNet *net = d->net;
  GString *line = g_string_new (NULL);

  /* Translators: a heading of the worked example */
  doc_heading (d, 2, _("2. Loss"));
  if (net->loss_kind == BP_LOSS_SQUARED_ERROR)
    doc_line (d, "L = ½·Σₖ (y[k] − t[k])²");
  else
    doc_line (d, "L = −Σₖ [t[k]·ln y[k] + (1 − t[k])·ln(1 − y[k])]");
  doc_loss_terms (d, line);
  doc_line (d, line->str);
  g_string_assign (line, "  = ");
  append_num (line, net->loss);
  doc_line_take (d, line);
  if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    /* Translators: z and y stay as they are */
    doc_para (d, _("The engine computes the cross-entropy from the pre-activation z, "
                   "which stays accurate when y is very close to 0 or 1."));
}

/* 3. Backward pass: δ layer by layer */

static void
doc_output_delta (Doc   *d,
                  guint  k)
{
  const BpNet *net = d->net;
  guint L = net->n_layers;
  GString *line = g_string_new (NULL);

  if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    {
      g_string_printf (line, "δ[%u][%u] = y[%u] − t[%u] = ", L, k, k, k);
      append_num (line, net->a[L][k]);
      g_string_append (line, " − ");
      append_factor (line, net->target[k]);
      g_string_append (line, " = ");
      append_num (line, net->delta[L][k]);
      doc_line_take (d, line);
      return;
    }

  g_string_printf (line, "∂L/∂y[%u] = y[%u] − t[%u] = ", k, k, k);
  append_num (line, net->a[L][k]);
  g_string_append (line, " − ");
  append_factor (line, net->target[k]);
  g_string_append (line, " = ");
  append_num (line, net->grad_a[L][k]);
  doc_line (d, line->str);

  g_string_printf (line, "δ[%u][%u] = %s'(z[%u][%u]) · ∂L/∂y[%u] = ",
                   L, k, layer_activation_name (net, L), L, k, k);
  append_factor (line, layer_derivative (net, L, k));
  g_string_append (line, " · ");
  append_factor (line, net->grad_a[L][k]);
  g_string_append (line, " = ");
  append_num (line, net->delta[L][k]);
  doc_line_take (d, line);
}

/* ∂L/∂a[l][j] = Σₖ W[l][k][j]·δ[l+1][k], written out when the layer above is small. */
static void
doc_activation_gradient (Doc   *d,
                         guint  l,
                         guint  j)
{
  const BpNet *net = d->net;
  guint fan_out = net->sizes[l + 1];
  GString *line = g_string_new (NULL);

  g_string_printf (line, "∂L/∂a[%u][%u] = Σₖ W[%u][k][%u]·δ[%u][k] = ", l, j, l, j, l + 1);
  if (fan_out <= WRITE_OUT_MAX_TERMS)
    {
      for (guint k = 0; k < fan_out; k++)
        {
          if (k > 0)
            g_string_append (line, " + ");
          append_factor (line, *bp_net_weight (net, l, k, j));
          g_string_append (line, "·");
          append_factor (line, net->delta[l + 1][k]);
        }
      g_string_append (line, " = ");
    }
  append_num (line, net->grad_a[l][j]);
  doc_line_take (d, line);
}

static void
doc_hidden_delta (Doc   *d,
                  guint  l,
                  guint  j)
{
  const BpNet *net = d->net;
  GString *line = g_string_new (NULL);

  doc_activation_gradient (d, l, j);
  g_string_printf (line, "δ[%u][%u] = %s'(z[%u][%u]) · ∂L/∂a[%u][%u] = ",
                   l, j, layer_activation_name (net, l), l, j, l, j);
  append_factor (line, layer_derivative (net, l, j));
  g_string_append (line, " · ");
  append_factor (line, net->grad_a[l][j]);
  g_string_append (line, " = ");
  append_num (line, net->delta[l][j]);
  doc_line_take (d, line);
}

static void
doc_deltas (Doc *d)
{
  const BpNet *net = d->net;
  guint L = net->n_layers;

  /* Translators: a heading of the worked example */
  doc_heading (d, 2, _("3. Backward pass"));
  /* Translators: δ, ∂L/∂z and ∂L/∂a stay as they are */
  doc_para (d, _("Backpropagation goes from the loss down, one layer at a time: "
                 "δ = ∂L/∂z of each neuron is its activation's derivative times "
                 "∂L/∂a, which sums the δ of the layer above weighted by the connections."));
  if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    /* Translators: y·(1 − y), δ = y − t stay as they are; "sigmoid" is a function's name */
    doc_para (d, _("With a sigmoid output and cross-entropy the sigmoid's slope y·(1 − y) "
                   "cancels against the loss's: at the output δ = y − t."));
  for (guint l = L; l > 0; l--)
    {
      guint n = doc_limit (d, net->sizes[l], SAMPLE_NEURONS);
      /* Translators: a heading of the worked example; %u is the layer's index */
      g_autofree char *title = g_strdup_printf (_("Layer %u"), l);

      doc_heading (d, 3, title);
      for (guint j = 0; j < n; j++)
        if (l == L)
          doc_output_delta (d, j);
        else
          doc_hidden_delta (d, l, j);
      doc_more (d, n, net->sizes[l]);
    }

  /* Translators: a heading of the worked example */
  doc_heading (d, 3, _("The input (how the loss depends on it)"));
  for (guint i = 0; i < doc_limit (d, net->sizes[0], SAMPLE_NEURONS); i++)
    doc_activation_gradient (d, 0, i);
  doc_more (d, doc_limit (d, net->sizes[0], SAMPLE_NEURONS), net->sizes[0]);
}

/* 4. Every gradient by the chain rule */

static void
append_factor_label (GString        *s,
                     const BpNet    *net,
                     const BpFactor *f)
{
  switch (f->kind)
    {
    case BP_FACTOR_DLOSS_DOUTPUT:
      g_string_append_printf (s, "∂L/∂y[%u]", f->index);
      break;
    case BP_FACTOR_DLOSS_DZ:
      g_string_append_printf (s, "∂L/∂z[%u][%u]", f->layer, f->index);
      break;
    case BP_FACTOR_ACTIVATION:
      g_string_append_printf (s, "%s'(z[%u][%u])", layer_activation_name (net, f->layer),
                              f->layer, f->index);
      break;
    case BP_FACTOR_WEIGHT:
      g_string_append_printf (s, "W[%u][%u][%u]", f->layer - 1, f->index, f->from);
      break;
    case BP_FACTOR_INPUT:
      g_string_append_printf (s, "a[%u][%u]", f->layer - 1, f->from);
      break;
    case BP_FACTOR_ONE:
    default:
      g_string_append (s, "1");
      break;
    }
}

static void
doc_path (Doc               *d,
          const BpChainPath *path,
          const char        *prefix)
{
  GString *line = g_string_new (prefix);
  int indent = display_width (prefix);

  for (guint f = 0; f < path->n_factors; f++)
    {
      if (f > 0)
        g_string_append (line, " · ");
      append_factor_label (line, d->net, &path->factors[f]);
    }
  doc_line (d, line->str);

  g_string_printf (line, "%*s= ", indent - 2, "");
  for (guint f = 0; f < path->n_factors; f++)
    {
      if (f > 0)
        g_string_append (line, " · ");
      append_factor (line, path->factors[f].value);
    }
  g_string_append (line, " = ");
  append_num (line, path->product);
  doc_line_take (d, line);
}

static void
doc_chain_paths (Doc           *d,
                 const BpChain *chain)
{
  GString *line;

  if (chain->n_paths == 1)
    {
      doc_path (d, &chain->paths[0], "  = ");
      return;
    }
  for (guint p = 0; p < chain->n_paths; p++)
    {
      /* Translators: before the product of the derivatives along one path of the chain
       * rule in the worked example, "path 2: ∂L/∂y[0] · …"; %u numbers the paths */
      g_autofree char *label = g_strdup_printf (_("path %u:"), p + 1);
      g_autofree char *prefix = g_strdup_printf ("  %s ", label);

      doc_path (d, &chain->paths[p], prefix);
    }
  line = g_string_new ("  ");
  /* Translators: followed by "= " and the sum of the products of every path */
  g_string_append_printf (line, "%s = ", _("sum of the paths"));
  append_num (line, chain->path_sum);
  doc_line_take (d, line);
}

static void
doc_chain_delta (Doc                 *d,
                 const BpChainDelta  *delta)
{
  const BpNet *net = d->net;
  GString *line = g_string_new (NULL);
  gboolean output = delta->layer == net->n_layers;

  /* Under cross-entropy the sigmoid's slope cancels: δ = y − t, see output_gradient (). */
  if (output && net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    {
      g_string_printf (line, "  δ[%u][%u] = y[%u] − t[%u] = ", delta->layer, delta->index,
                       delta->index, delta->index);
      append_num (line, delta->delta);
      doc_line_take (d, line);
      return;
    }

  g_string_printf (line, "  δ[%u][%u] = %s'(z[%u][%u]) · ", delta->layer, delta->index,
                   layer_activation_name (net, delta->layer), delta->layer, delta->index);
  if (output)
    g_string_append_printf (line, "∂L/∂y[%u]", delta->index);
  else
    g_string_append_printf (line, "Σₖ W[%u][k][%u]·δ[%u][k]",
                            delta->layer, delta->index, delta->layer + 1);
  g_string_append (line, " = ");
  append_factor (line, delta->derivative);
  g_string_append (line, " · ");
  append_factor (line, delta->weighted_sum);
  g_string_append (line, " = ");
  append_num (line, delta->delta);
  doc_line_take (d, line);
}

static void
doc_chain_by_layer (Doc           *d,
                    const BpChain *chain)
{
  guint n = doc_limit (d, chain->n_deltas, SAMPLE_NEURONS);

  for (guint k = 0; k < n; k++)
    doc_chain_delta (d, &chain->deltas[k]);
  if (n < chain->n_deltas)
    doc_line (d, "  …");
}

static void
doc_chain_title (Doc           *d,
                 const BpChain *chain)
{
  GString *line = g_string_new ("∂L/∂");

  append_param_name (line, chain->layer, chain->to, chain->from);
  g_string_append (line, "   ");
  /* One path is a product; several are a product each, summed. Neither sentence is the
   * plural of the other, so each has its own message. */
  if (chain->by_layer)
    /* Translators: after the gradient's name in the worked example, "∂L/∂W[0][0][0]   (…)";
     * the number counts the paths of the chain rule */
    g_string_append_printf (line, ngettext ("(%" PRIu64 " path: too many to list, "
                                            "written layer by layer)",
                                            "(%" PRIu64 " paths: too many to list, "
                                            "written layer by layer)",
                                            plural_count (chain->n_paths)),
                            chain->n_paths);
  else if (chain->n_paths == 1)
    /* Translators: after the gradient's name in the worked example, "∂L/∂W[0][0][0]   (…)":
     * a single path of the chain rule leads to this parameter */
    g_string_append (line, _("(1 path)"));
  else
    /* Translators: after the gradient's name in the worked example, "∂L/∂W[0][0][0]   (…)";
     * the number counts the paths of the chain rule, always 2 or more */
    g_string_append_printf (line, ngettext ("(%" PRIu64 " path, summed)",
                                            "(%" PRIu64 " paths, summed)",
                                            plural_count (chain->n_paths)),
                            chain->n_paths);
  doc_line_take (d, line);
}

/* The backprop form, δ times the input, closes every chain as a check of the paths. */
static void
doc_chain_check (Doc           *d,
                 const BpChain *chain)
{
  GString *line = g_string_new ("  = ");

  g_string_append_printf (line, "δ[%u][%u] · ", chain->layer + 1, chain->to);
  if (chain->from == G_MAXUINT)
    g_string_append (line, "1");
  else
    g_string_append_printf (line, "a[%u][%u]", chain->layer, chain->from);
  g_string_append (line, " = ");
  append_factor (line, d->net->delta[chain->layer + 1][chain->to]);
  g_string_append (line, " · ");
  append_factor (line, chain->input);
  g_string_append (line, " = ");
  append_num (line, chain->gradient);
  doc_line_take (d, line);
}

static void
doc_chain (Doc   *d,
           guint  layer,
           guint  to,
           guint  from)
{
  g_autoptr(BpChain) chain = bp_chain_new (d->net, layer, to, from);

  if (chain == NULL)
    return;
  /* One block of formulas per layer, a blank line between parameters. */
  if (d->block == BLOCK_LINES)
    g_string_append_c (d->out, '\n');
  doc_chain_title (d, chain);
  if (chain->by_layer)
    doc_chain_by_layer (d, chain);
  else
    doc_chain_paths (d, chain);
  doc_chain_check (d, chain);
}

static void
doc_gradients (Doc *d)
{
  const BpNet *net = d->net;

  /* Translators: a heading of the worked example */
  doc_heading (d, 2, _("4. Every gradient by the chain rule"));
  /* Translators: "δ · a" stays as it is */
  doc_para (d, _("The gradient of a parameter is the sum, over every path from the parameter "
                 "up to the loss, of the product of the derivatives along the path. "
                 "Each one ends with the backprop form δ · a, which gives the same number."));
  for (guint l = net->n_layers; l > 0; l--)
    {
      guint layer = l - 1;

      if (!d->full)
        {
          doc_end_block (d);
          doc_chain (d, layer, 0, 0);
          doc_chain (d, layer, 0, G_MAXUINT);
          continue;
        }
      doc_end_block (d);
      for (guint j = 0; j < net->sizes[l]; j++)
        {
          for (guint i = 0; i < net->sizes[layer]; i++)
            doc_chain (d, layer, j, i);
          doc_chain (d, layer, j, G_MAXUINT);
        }
    }
  if (!d->full)
    /* Translators: the number counts every weight and bias of the network */
    doc_para_take (d, g_strdup_printf (ngettext ("Only the first weight and bias of each "
                                                 "layer are listed here, out of %zu "
                                                 "parameter.",
                                                 "Only the first weight and bias of each "
                                                 "layer are listed here, out of %zu "
                                                 "parameters.", n_params (net)),
                                       n_params (net)));
}

/* 5. The update */

static void
doc_update (Doc   *d,
            guint  layer,
            guint  to,
            guint  from)
{
  const BpNet *net = d->net;
  GString *line = g_string_new (NULL);

  append_param_name (line, layer, to, from);
  g_string_append (line, " ← ");
  append_num (line, param_value (net, layer, to, from));
  g_string_append (line, " − ");
  append_num (line, net->learning_rate);
  g_string_append (line, "·");
  append_factor (line, param_gradient (net, layer, to, from));
  g_string_append (line, " = ");
  append_num (line, param_updated (net, layer, to, from));
  doc_line_take (d, line);
}

static void
doc_updates_of_layer (Doc   *d,
                      guint  layer)
{
  const BpNet *net = d->net;
  guint n_in = net->sizes[layer], n_out = net->sizes[layer + 1];
  guint n_w = doc_limit (d, n_in * n_out, SAMPLE_WEIGHTS);
  guint n_b = doc_limit (d, n_out, SAMPLE_BIASES);

  for (guint w = 0; w < n_w; w++)
    doc_update (d, layer, w / n_in, w % n_in);
  for (guint j = 0; j < n_b; j++)
    doc_update (d, layer, j, G_MAXUINT);
  doc_more (d, n_w + n_b, n_in * n_out + n_out);
}

static void
doc_updates (Doc *d)
{
  const BpNet *net = d->net;
  g_autofree char *eta = num_string (net->learning_rate);
  g_autofree char *before = num_string (net->loss);
  double after = loss_after_step (net);

  /* Translators: a heading of the worked example */
  doc_heading (d, 2, _("5. One step of gradient descent"));
  /* Translators: "w ← w − η·∂L/∂w" and η stay as they are; %s is the learning rate */
  doc_para_take (d, g_strdup_printf (_("Every parameter moves against its gradient: "
                                       "w ← w − η·∂L/∂w, with η = %s."), eta));
  for (guint layer = 0; layer < net->n_layers; layer++)
    doc_updates_of_layer (d, layer);

  if (isfinite (after))
    {
      g_autofree char *after_s = num_string (after);

      /* Translators: the loss after the step, then the loss before it */
      doc_para_take (d, g_strdup_printf (_("With the new parameters the loss is %s "
                                           "(it was %s)."), after_s, before));
    }
  else
    {
      doc_para (d, _("This step would make the network diverge (a value would become "
                     "infinite or not a number); try a smaller learning rate."));
    }
  doc_end_block (d);
}

static char *
explain_document (const BpNet *net,
                  gboolean     markdown)
{
  Doc d = { 0, };

  g_return_val_if_fail (net != NULL, NULL);

  d.out = g_string_new (NULL);
  d.net = net;
  d.markdown = markdown;
  d.full = n_params (net) <= BP_EXPLAIN_FULL_MAX_PARAMS;

  doc_intro (&d);
  doc_forward (&d);
  doc_loss (&d);
  doc_deltas (&d);
  doc_gradients (&d);
  doc_updates (&d);
  /* No blank line at the very end. */
  while (d.out->len > 1 && d.out->str[d.out->len - 2] == '\n')
    g_string_truncate (d.out, d.out->len - 1);
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
  return explain_document (net, FALSE);
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
  return explain_document (net, TRUE);
}

/* JSON: written directly rather than through a JsonNode tree, which would take hundreds of
 * megabytes for the largest networks. Doubles with 17 significant digits read back
 * bit-identical; JSON has no NaN or infinity, so those become null. */

typedef double (*ParamFunc) (const BpNet *net,
                             guint        layer,
                             guint        to,
                             guint        from);

static void
json_number (GString *s,
             double   x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (x))
    {
      g_string_append (s, "null");
      return;
    }
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.17g", x));
}

static void
json_vector (GString      *s,
             const double *v,
             guint         n)
{
  g_string_append_c (s, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      json_number (s, v[i]);
    }
  g_string_append_c (s, ']');
}

static void
json_key (GString    *s,
          const char *key)
{
  g_string_append_printf (s, s->len > 2 ? ",\n  \"%s\": " : "  \"%s\": ", key);
}

/* One list per layer from `first` to `last` of the per-neuron arrays `layers`. */
static void
json_layers (GString     *s,
             const char  *key,
             const BpNet *net,
             double      *const *layers,
             guint        first,
             guint        last)
{
  json_key (s, key);
  g_string_append_c (s, '[');
  for (guint l = first; l <= last; l++)
    {
      if (l > first)
        g_string_append_c (s, ',');
      json_vector (s, layers[l], net->sizes[l]);
    }
  g_string_append_c (s, ']');
}

/* Shaped like "weights" ([layer][to][from]) or, with `bias`, like "biases" ([layer][to]). */
static void
json_params (GString     *s,
             const char  *key,
             const BpNet *net,
             ParamFunc    func,
             gboolean     bias)
{
  json_key (s, key);
  g_string_append_c (s, '[');
  for (guint l = 0; l < net->n_layers; l++)
    {
      g_string_append (s, l > 0 ? ",[" : "[");
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          if (j > 0)
            g_string_append_c (s, ',');
          if (bias)
            {
              json_number (s, func (net, l, j, G_MAXUINT));
              continue;
            }
          g_string_append_c (s, '[');
          for (guint i = 0; i < net->sizes[l]; i++)
            {
              if (i > 0)
                g_string_append_c (s, ',');
              json_number (s, func (net, l, j, i));
            }
          g_string_append_c (s, ']');
        }
      g_string_append_c (s, ']');
    }
  g_string_append_c (s, ']');
}

static void
json_header (GString     *s,
             const BpNet *net)
{
  json_key (s, "format");
  g_string_append (s, "\"backprop-explain\"");
  json_key (s, "version");
  g_string_append (s, "1");
  json_key (s, "sizes");
  g_string_append_c (s, '[');
  for (guint l = 0; l <= net->n_layers; l++)
    g_string_append_printf (s, l > 0 ? ",%u" : "%u", net->sizes[l]);
  g_string_append_c (s, ']');
  json_key (s, "activation_functions");
  g_string_append_c (s, '[');
  for (guint l = 1; l <= net->n_layers; l++)
    g_string_append_printf (s, l > 1 ? ",\"%s\"" : "\"%s\"", layer_activation_name (net, l));
  g_string_append_c (s, ']');
  json_key (s, "loss_function");
  g_string_append_printf (s, "\"%s\"", bp_loss_to_string (net->loss_kind));
  json_key (s, "learning_rate");
  json_number (s, net->learning_rate);
}

/**
 * bp_explain_json:
 * @net: a network whose forward and backward passes are current
 *
 * Every number of the worked example as one JSON object, complete whatever the size:
 * "loss", "activations" (per layer, the input first), "pre_activations" and "deltas" (per
 * non-input layer), "input_gradient", "weights", "biases", "weight_gradients",
 * "bias_gradients", "updated_weights", "updated_biases" (after one SGD step),
 * "loss_after_step" (null if that step diverges), "learning_rate", "target" and the shape.
 *
 * Returns: (transfer full): the JSON text, ending with a newline
 */
char *
bp_explain_json (const BpNet *net)
{
  GString *s;
  guint L;

  g_return_val_if_fail (net != NULL, NULL);

  L = net->n_layers;
  s = g_string_new ("{\n");
  json_header (s, net);
  json_key (s, "target");
  json_vector (s, net->target, net->sizes[L]);
  json_key (s, "loss");
  json_number (s, net->loss);
  json_layers (s, "activations", net, net->a, 0, L);
  json_layers (s, "pre_activations", net, net->z, 1, L);
  json_layers (s, "deltas", net, net->delta, 1, L);
  json_key (s, "input_gradient");
  json_vector (s, net->grad_a[0], net->sizes[0]);
  json_params (s, "weights", net, param_value, FALSE);
  json_params (s, "biases", net, param_value, TRUE);
  json_params (s, "weight_gradients", net, param_gradient, FALSE);
  json_params (s, "bias_gradients", net, param_gradient, TRUE);
  json_params (s, "updated_weights", net, param_updated, FALSE);
  json_params (s, "updated_biases", net, param_updated, TRUE);
  json_key (s, "loss_after_step");
  json_number (s, loss_after_step (net));
  g_string_append (s, "\n}\n");
  return g_string_free (s, FALSE);
}
