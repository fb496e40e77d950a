/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-explain-backward.c: the worked example's backward pass: the deltas, every gradient
 * with its chain-rule factors, and the updated weights of one SGD step.
 */
#define G_LOG_DOMAIN "bp-explain"

#include "config.h"

#include "bp-explain-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

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
      bp_explain_append_num (line, net->a[L][k]);
      g_string_append (line, " − ");
      bp_explain_append_factor (line, net->target[k]);
      g_string_append (line, " = ");
      bp_explain_append_num (line, net->delta[L][k]);
      bp_doc_line_take (d, line);
      return;
    }

  g_string_printf (line, "∂L/∂y[%u] = y[%u] − t[%u] = ", k, k, k);
  bp_explain_append_num (line, net->a[L][k]);
  g_string_append (line, " − ");
  bp_explain_append_factor (line, net->target[k]);
  g_string_append (line, " = ");
  bp_explain_append_num (line, net->grad_a[L][k]);
  bp_doc_line (d, line->str);

  g_string_printf (line, "δ[%u][%u] = %s'(z[%u][%u]) · ∂L/∂y[%u] = ",
                   L, k, bp_explain_layer_activation_name (net, L), L, k, k);
  bp_explain_append_factor (line, bp_explain_layer_derivative (net, L, k));
  g_string_append (line, " · ");
  bp_explain_append_factor (line, net->grad_a[L][k]);
  g_string_append (line, " = ");
  bp_explain_append_num (line, net->delta[L][k]);
  bp_doc_line_take (d, line);
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
          bp_explain_append_factor (line, *bp_net_weight (net, l, k, j));
          g_string_append (line, "·");
          bp_explain_append_factor (line, net->delta[l + 1][k]);
        }
      g_string_append (line, " = ");
    }
  bp_explain_append_num (line, net->grad_a[l][j]);
  bp_doc_line_take (d, line);
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
                   l, j, bp_explain_layer_activation_name (net, l), l, j, l, j);
  bp_explain_append_factor (line, bp_explain_layer_derivative (net, l, j));
  g_string_append (line, " · ");
  bp_explain_append_factor (line, net->grad_a[l][j]);
  g_string_append (line, " = ");
  bp_explain_append_num (line, net->delta[l][j]);
  bp_doc_line_take (d, line);
}

void
bp_doc_deltas (Doc *d)
{
  const BpNet *net = d->net;
  guint L = net->n_layers;

  /* Translators: a heading of the worked example */
  bp_doc_heading (d, 2, _("3. Backward pass"));
  /* Translators: δ, ∂L/∂z and ∂L/∂a stay as they are */
  bp_doc_para (d, _("Backpropagation goes from the loss down, one layer at a time: "
                    "δ = ∂L/∂z of each neuron is its activation's derivative times "
                    "∂L/∂a, which sums the δ of the layer above weighted by the connections."));
  if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
    /* Translators: y·(1 − y), δ = y − t stay as they are; "sigmoid" is a function's name */
    bp_doc_para (d, _("With a sigmoid output and cross-entropy the sigmoid's slope y·(1 − y) "
                      "cancels against the loss's: at the output δ = y − t."));
  for (guint l = L; l > 0; l--)
    {
      guint n = bp_doc_limit (d, net->sizes[l], SAMPLE_NEURONS);
      /* Translators: a heading of the worked example; %u is the layer's index */
      g_autofree char *title = g_strdup_printf (_("Layer %u"), l);

      bp_doc_heading (d, 3, title);
      for (guint j = 0; j < n; j++)
        if (l == L)
          doc_output_delta (d, j);
        else
          doc_hidden_delta (d, l, j);
      bp_doc_more (d, n, net->sizes[l]);
    }

  /* Translators: a heading of the worked example */
  bp_doc_heading (d, 3, _("The input (how the loss depends on it)"));
  for (guint i = 0; i < bp_doc_limit (d, net->sizes[0], SAMPLE_NEURONS); i++)
    doc_activation_gradient (d, 0, i);
  bp_doc_more (d, bp_doc_limit (d, net->sizes[0], SAMPLE_NEURONS), net->sizes[0]);
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
      g_string_append_printf (s, "%s'(z[%u][%u])",
                              bp_explain_layer_activation_name (net, f->layer),
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
  int indent = bp_explain_display_width (prefix);

  for (guint f = 0; f < path->n_factors; f++)
    {
      if (f > 0)
        g_string_append (line, " · ");
      append_factor_label (line, d->net, &path->factors[f]);
    }
  bp_doc_line (d, line->str);

  g_string_printf (line, "%*s= ", indent - 2, "");
  for (guint f = 0; f < path->n_factors; f++)
    {
      if (f > 0)
        g_string_append (line, " · ");
      bp_explain_append_factor (line, path->factors[f].value);
    }
  g_string_append (line, " = ");
  bp_explain_append_num (line, path->product);
  bp_doc_line_take (d, line);
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
      GString *prefix = g_string_new ("  ");

      bp_doc_append_words (d, prefix, label);
      g_string_append_c (prefix, ' ');
      doc_path (d, &chain->paths[p], prefix->str);
      g_string_free (prefix, TRUE);
    }
  line = g_string_new ("  ");
  /* Translators: followed by "= " and the sum of the products of every path */
  bp_doc_append_words (d, line, _("sum of the paths"));
  g_string_append (line, " = ");
  bp_explain_append_num (line, chain->path_sum);
  bp_doc_line_take (d, line);
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
      bp_explain_append_num (line, delta->delta);
      bp_doc_line_take (d, line);
      return;
    }

  g_string_printf (line, "  δ[%u][%u] = %s'(z[%u][%u]) · ", delta->layer, delta->index,
                   bp_explain_layer_activation_name (net, delta->layer),
                   delta->layer, delta->index);
  if (output)
    g_string_append_printf (line, "∂L/∂y[%u]", delta->index);
  else
    g_string_append_printf (line, "Σₖ W[%u][k][%u]·δ[%u][k]",
                            delta->layer, delta->index, delta->layer + 1);
  g_string_append (line, " = ");
  bp_explain_append_factor (line, delta->derivative);
  g_string_append (line, " · ");
  bp_explain_append_factor (line, delta->weighted_sum);
  g_string_append (line, " = ");
  bp_explain_append_num (line, delta->delta);
  bp_doc_line_take (d, line);
}

static void
doc_chain_by_layer (Doc           *d,
                    const BpChain *chain)
{
  guint n = bp_doc_limit (d, chain->n_deltas, SAMPLE_NEURONS);

  for (guint k = 0; k < n; k++)
    doc_chain_delta (d, &chain->deltas[k]);
  if (n < chain->n_deltas)
    bp_doc_line (d, "  …");
}

static void
doc_chain_title (Doc           *d,
                 const BpChain *chain)
{
  GString *line = g_string_new ("∂L/∂");
  g_autofree char *paths = NULL;

  bp_explain_append_param_name (line, chain->layer, chain->to, chain->from);
  g_string_append (line, "   ");
  /* One path is a product; several are a product each, summed. Neither sentence is the
   * plural of the other, so each has its own message. */
  if (chain->by_layer)
    /* Translators: after the gradient's name in the worked example, "∂L/∂W[0][0][0]   (…)";
     * the number counts the paths of the chain rule */
    paths = g_strdup_printf (ngettext ("(%" PRIu64 " path: too many to list, "
                                       "written layer by layer)",
                                       "(%" PRIu64 " paths: too many to list, "
                                       "written layer by layer)",
                                       bp_explain_plural_count (chain->n_paths)),
                             chain->n_paths);
  else if (chain->n_paths == 1)
    /* Translators: after the gradient's name in the worked example, "∂L/∂W[0][0][0]   (…)":
     * a single path of the chain rule leads to this parameter */
    paths = g_strdup (_("(1 path)"));
  else
    /* Translators: after the gradient's name in the worked example, "∂L/∂W[0][0][0]   (…)";
     * the number counts the paths of the chain rule, always 2 or more */
    paths = g_strdup_printf (ngettext ("(%" PRIu64 " path, summed)",
                                       "(%" PRIu64 " paths, summed)",
                                       bp_explain_plural_count (chain->n_paths)),
                             chain->n_paths);
  bp_doc_append_words (d, line, paths);
  bp_doc_line_take (d, line);
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
  bp_explain_append_factor (line, d->net->delta[chain->layer + 1][chain->to]);
  g_string_append (line, " · ");
  bp_explain_append_factor (line, chain->input);
  g_string_append (line, " = ");
  bp_explain_append_num (line, chain->gradient);
  bp_doc_line_take (d, line);
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

void
bp_doc_gradients (Doc *d)
{
  const BpNet *net = d->net;

  /* Translators: a heading of the worked example */
  bp_doc_heading (d, 2, _("4. Every gradient by the chain rule"));
  /* Translators: "δ · a" stays as it is */
  bp_doc_para (d, _("The gradient of a parameter is the sum, over every path from the parameter "
                    "up to the loss, of the product of the derivatives along the path. "
                    "Each one ends with the backprop form δ · a, which gives the same number."));
  for (guint l = net->n_layers; l > 0; l--)
    {
      guint layer = l - 1;

      if (!d->full)
        {
          bp_doc_end_block (d);
          doc_chain (d, layer, 0, 0);
          doc_chain (d, layer, 0, G_MAXUINT);
          continue;
        }
      bp_doc_end_block (d);
      for (guint j = 0; j < net->sizes[l]; j++)
        {
          for (guint i = 0; i < net->sizes[layer]; i++)
            doc_chain (d, layer, j, i);
          doc_chain (d, layer, j, G_MAXUINT);
        }
    }
  if (!d->full)
    /* Translators: the number counts every weight and bias of the network */
    bp_doc_para_take (d, g_strdup_printf (ngettext ("Only the first weight and bias of each "
                                                    "layer are listed here, out of %zu "
                                                    "parameter.",
                                                    "Only the first weight and bias of each "
                                                    "layer are listed here, out of %zu "
                                                    "parameters.", bp_explain_n_params (net)),
                                          bp_explain_n_params (net)));
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

  bp_explain_append_param_name (line, layer, to, from);
  g_string_append (line, " ← ");
  bp_explain_append_num (line, bp_explain_param_value (net, layer, to, from));
  g_string_append (line, " − ");
  bp_explain_append_num (line, net->learning_rate);
  g_string_append (line, "·");
  bp_explain_append_factor (line, bp_explain_param_gradient (net, layer, to, from));
  g_string_append (line, " = ");
  bp_explain_append_num (line, bp_explain_param_updated (net, layer, to, from));
  bp_doc_line_take (d, line);
}

static void
doc_updates_of_layer (Doc   *d,
                      guint  layer)
{
  const BpNet *net = d->net;
  guint n_in = net->sizes[layer], n_out = net->sizes[layer + 1];
  guint n_w = bp_doc_limit (d, n_in * n_out, SAMPLE_WEIGHTS);
  guint n_b = bp_doc_limit (d, n_out, SAMPLE_BIASES);

  for (guint w = 0; w < n_w; w++)
    doc_update (d, layer, w / n_in, w % n_in);
  for (guint j = 0; j < n_b; j++)
    doc_update (d, layer, j, G_MAXUINT);
  bp_doc_more (d, n_w + n_b, n_in * n_out + n_out);
}

void
bp_doc_updates (Doc *d)
{
  const BpNet *net = d->net;
  g_autofree char *eta = bp_explain_num_string (net->learning_rate);
  g_autofree char *before = bp_explain_num_string (net->loss);
  double after = bp_explain_loss_after_step (net);

  /* Translators: a heading of the worked example */
  bp_doc_heading (d, 2, _("5. One step of gradient descent"));
  /* Translators: "w ← w − η·∂L/∂w" and η stay as they are; %s is the learning rate */
  bp_doc_para_take (d, g_strdup_printf (_("Every parameter moves against its gradient: "
                                          "w ← w − η·∂L/∂w, with η = %s."), eta));
  for (guint layer = 0; layer < net->n_layers; layer++)
    doc_updates_of_layer (d, layer);

  if (isfinite (after))
    {
      g_autofree char *after_s = bp_explain_num_string (after);

      /* Translators: the loss after the step, then the loss before it */
      bp_doc_para_take (d, g_strdup_printf (_("With the new parameters the loss is %s "
                                              "(it was %s)."), after_s, before));
    }
  else
    {
      bp_doc_para (d, _("This step would make the network diverge (a value would become "
                        "infinite or not a number); try a smaller learning rate."));
    }
  bp_doc_end_block (d);
}
