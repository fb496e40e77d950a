/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-explain-json.c: the worked example as JSON, for programs. */
#define G_LOG_DOMAIN "bp-explain"

#include "config.h"

#include "bp-explain-private.h"

#include <math.h>

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
    g_string_append_printf (s, l > 1 ? ",\"%s\"" : "\"%s\"",
                            bp_explain_layer_activation_name (net, l));
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
  json_params (s, "weights", net, bp_explain_param_value, FALSE);
  json_params (s, "biases", net, bp_explain_param_value, TRUE);
  json_params (s, "weight_gradients", net, bp_explain_param_gradient, FALSE);
  json_params (s, "bias_gradients", net, bp_explain_param_gradient, TRUE);
  json_params (s, "updated_weights", net, bp_explain_param_updated, FALSE);
  json_params (s, "updated_biases", net, bp_explain_param_updated, TRUE);
  json_key (s, "loss_after_step");
  json_number (s, bp_explain_loss_after_step (net));
  g_string_append (s, "\n}\n");
  return g_string_free (s, FALSE);
}
