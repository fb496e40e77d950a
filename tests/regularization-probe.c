/* SPDX-License-Identifier: GPL-3.0-or-later */
/* regularization-probe: the engine's side of torch-regularization.py. Reads one case, a JSON
 * object with sizes, activations, loss, learning_rate, regularization, regularization_rate,
 * weights, biases, inputs and targets (one row per example) and steps; takes full-batch steps
 * on it and prints, as JSON, the first step's loss (and its two parts), gradients and updated
 * parameters, then the losses of every step and the parameters after the last.
 * Usage: regularization-probe CASE.json */
#include "bp-core.h"

#include <json-glib/json-glib.h>
#include <string.h>

static double *
read_rows (JsonArray *rows,
           guint      width)
{
  guint n = json_array_get_length (rows);
  double *values = g_new (double, (gsize) n * width);

  for (guint r = 0; r < n; r++)
    {
      JsonArray *row = json_array_get_array_element (rows, r);

      g_assert (json_array_get_length (row) == width);
      for (guint i = 0; i < width; i++)
        values[(gsize) r * width + i] = json_array_get_double_element (row, i);
    }
  return values;
}

static BpNet *
read_network (JsonObject *o)
{
  JsonArray *sizes_json = json_object_get_array_member (o, "sizes");
  JsonArray *acts_json = json_object_get_array_member (o, "activations");
  guint n_sizes = json_array_get_length (sizes_json);
  guint sizes[BP_MAX_LAYERS + 1];
  BpActivation acts[BP_MAX_LAYERS];
  BpLoss loss;
  BpRegularization kind;
  g_autoptr(GError) error = NULL;
  BpNet *net;

  for (guint l = 0; l < n_sizes; l++)
    sizes[l] = json_array_get_int_element (sizes_json, l);
  for (guint l = 0; l + 1 < n_sizes; l++)
    g_assert (bp_activation_from_string (json_array_get_string_element (acts_json, l),
                                         &acts[l]));
  g_assert (bp_loss_from_string (json_object_get_string_member (o, "loss"), &loss));
  g_assert (bp_regularization_from_string (json_object_get_string_member (o, "regularization"),
                                           &kind));
  net = bp_net_new (n_sizes, sizes, acts, loss, &error);
  g_assert_no_error (error);
  g_assert (bp_net_set_learning_rate (net, json_object_get_double_member (o, "learning_rate"),
                                      &error));
  g_assert (bp_net_set_regularization (net, kind,
                                       json_object_get_double_member (o, "regularization_rate"),
                                       &error));
  for (guint l = 0; l + 1 < n_sizes; l++)
    {
      JsonArray *w = json_array_get_array_element (json_object_get_array_member (o, "weights"),
                                                   l);
      JsonArray *b = json_array_get_array_element (json_object_get_array_member (o, "biases"),
                                                   l);
      g_autofree double *rows = read_rows (w, sizes[l]);

      memcpy (net->weights[l], rows, (gsize) sizes[l] * sizes[l + 1] * sizeof (double));
      for (guint j = 0; j < sizes[l + 1]; j++)
        net->biases[l][j] = json_array_get_double_element (b, j);
    }
  return net;
}

static void
append_double (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

/* Every weight (or bias) of the network through get(), as nested JSON lists. */
static void
append_parameters (GString     *s,
                   const BpNet *net,
                   gboolean     weights,
                   double     (*get) (const BpNet *, guint, guint, guint))
{
  g_string_append_c (s, '[');
  for (guint l = 0; l < net->n_layers; l++)
    {
      g_string_append (s, l ? ", [" : "[");
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          g_string_append (s, j ? ", " : "");
          if (weights)
            g_string_append_c (s, '[');
          for (guint i = 0; i < (weights ? net->sizes[l] : 1); i++)
            {
              g_string_append (s, i ? ", " : "");
              append_double (s, get (net, l, j, weights ? i : G_MAXUINT));
            }
          if (weights)
            g_string_append_c (s, ']');
        }
      g_string_append_c (s, ']');
    }
  g_string_append_c (s, ']');
}

static double
get_gradient (const BpNet *net, guint l, guint j, guint i)
{
  return i == G_MAXUINT ? bp_net_batch_bias_gradient (net, l, j)
                        : bp_net_batch_weight_gradient (net, l, j, i);
}

static double
get_value (const BpNet *net, guint l, guint j, guint i)
{
  return i == G_MAXUINT ? net->biases[l][j] : *bp_net_weight (net, l, j, i);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new ("{");
  g_autoptr(GString) losses = g_string_new (NULL);
  g_autoptr(BpNet) net = NULL;
  g_autofree double *inputs = NULL;
  g_autofree double *targets = NULL;
  JsonObject *o;
  guint n, steps;

  if (argc != 2 || !json_parser_load_from_file (parser, argv[1], &error))
    {
      g_printerr ("usage: regularization-probe CASE.json (%s)\n",
                  error ? error->message : "no file");
      return 2;
    }
  o = json_node_get_object (json_parser_get_root (parser));
  net = read_network (o);
  inputs = read_rows (json_object_get_array_member (o, "inputs"), net->sizes[0]);
  targets = read_rows (json_object_get_array_member (o, "targets"),
                       net->sizes[net->n_layers]);
  n = json_array_get_length (json_object_get_array_member (o, "inputs"));
  steps = json_object_get_int_member (o, "steps");
  g_assert (steps >= 1);

  for (guint s = 0; s < steps; s++)
    {
      double loss;

      if (!bp_net_batch_step (net, inputs, targets, n, &loss, &error))
        {
          g_printerr ("step %u: %s\n", s + 1, error->message);
          return 1;
        }
      g_string_append (losses, s ? ", " : "");
      append_double (losses, loss);
      if (s > 0)
        continue;
      /* After the first step: what it computed from the parameters before it. */
      g_string_append (out, "\"data_loss\": ");
      append_double (out, net->batch_data_loss);
      g_string_append (out, ", \"penalty\": ");
      append_double (out, net->batch_penalty);
      g_string_append (out, ", \"weight_gradients\": ");
      append_parameters (out, net, TRUE, get_gradient);
      g_string_append (out, ", \"bias_gradients\": ");
      append_parameters (out, net, FALSE, get_gradient);
      g_string_append (out, ", \"updated_weights\": ");
      append_parameters (out, net, TRUE, get_value);
      g_string_append (out, ", \"updated_biases\": ");
      append_parameters (out, net, FALSE, get_value);
    }
  g_string_append_printf (out, ", \"losses\": [%s]", losses->str);
  g_string_append (out, ", \"trained_weights\": ");
  append_parameters (out, net, TRUE, get_value);
  g_string_append (out, ", \"trained_biases\": ");
  append_parameters (out, net, FALSE, get_value);
  g_string_append (out, "}\n");
  g_print ("%s", out->str);
  return 0;
}
