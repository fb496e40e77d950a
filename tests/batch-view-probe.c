/* SPDX-License-Identifier: GPL-3.0-or-later */
/* batch-view-probe.c: for torch-batch-view.py, a network in dataset mode after some steps,
 * as JSON: its parameters, the training points, the examples of the next mini-batch (the
 * indices bp_minibatch_peek () gives), the input the network shows and the gradients it shows
 * (bp_net_weight_gradient (), bp_net_bias_gradient ()), which must be those of that batch's
 * loss, the mean of the per-example losses plus the penalty.
 *
 * Usage: batch-view-probe GENERATOR FEATURES LOSS REGULARIZATION RATE BATCH_SIZE STEPS */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "bp-dataset.h"
#include "bp-minibatch.h"
#include "bp-network.h"

static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, value));
}

/* The network's parameters, or (with @gradients) the gradients it shows, as nested lists. */
static void
append_params (GString     *out,
               const BpNet *net,
               gboolean     biases,
               gboolean     gradients)
{
  g_string_append_c (out, '[');
  for (guint l = 0; l < net->n_layers; l++)
    {
      g_string_append (out, l > 0 ? ", [" : "[");
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          if (j > 0)
            g_string_append (out, ", ");
          if (biases)
            {
              append_double (out, gradients ? bp_net_bias_gradient (net, l, j)
                                            : net->biases[l][j]);
              continue;
            }
          g_string_append_c (out, '[');
          for (guint i = 0; i < net->sizes[l]; i++)
            {
              if (i > 0)
                g_string_append (out, ", ");
              append_double (out, gradients ? bp_net_weight_gradient (net, l, j, i)
                                            : *bp_net_weight (net, l, j, i));
            }
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
}

static BpNetwork *
make_network (char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) dataset = NULL;
  BpFeatureSet features;
  BpGenerator generator;
  BpRegularization regularization;
  BpLoss loss;
  BpNetwork *network;
  BpNet *net;
  guint sizes[4] = { 0, 5, 4, 1 };
  BpActivation acts[3] = { BP_ACTIVATION_TANH, BP_ACTIVATION_LEAKY_RELU, BP_ACTIVATION_SIGMOID };

  if (!bp_generator_from_string (argv[1], &generator)
      || !bp_feature_set_parse (argv[2], &features, &error)
      || !bp_loss_from_string (argv[3], &loss)
      || !bp_regularization_from_string (argv[4], &regularization))
    g_error ("bad arguments");
  if (bp_generator_kind (generator) == BP_DATASET_REGRESSION)
    acts[2] = BP_ACTIVATION_LINEAR;
  sizes[0] = bp_feature_set_count (features);
  net = bp_net_new (4, sizes, acts, loss, &error);
  g_assert_no_error (error);
  bp_net_init_seeded (net, 5);
  g_assert_true (bp_net_set_learning_rate (net, 0.1, &error));
  network = bp_network_new_from_net (net, NULL);
  dataset = bp_dataset_generate (generator, 60, 10.0, 50.0, 17, &error);
  g_assert_no_error (error);
  bp_network_set_dataset (network, dataset, NULL);
  bp_network_set_features (network, features);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_true (bp_network_set_regularization (network, regularization,
                                                g_ascii_strtod (argv[5], NULL), &error));
  bp_network_set_batch_size (network, (guint) atoi (argv[6]));
  g_assert_true (bp_network_step_n (network, (guint) atoi (argv[7]), &error));
  g_assert_no_error (error);
  return network;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(BpNetwork) network = NULL;
  g_autoptr(GString) out = g_string_new ("{\"sizes\": [");
  g_autoptr(BpMinibatch) mb = NULL;
  const BpDataset *dataset;
  const BpNet *net;
  const guint *examples;
  guint64 epoch;
  guint batch, n;

  setlocale (LC_ALL, "C.UTF-8");
  if (argc != 8)
    {
      g_printerr ("usage: %s GENERATOR FEATURES LOSS REGULARIZATION RATE BATCH STEPS\n",
                  argv[0]);
      return 2;
    }
  network = make_network (argv);
  net = bp_network_get_net (network);
  dataset = bp_network_get_dataset (network);
  for (guint l = 0; l <= net->n_layers; l++)
    g_string_append_printf (out, "%s%u", l > 0 ? ", " : "", net->sizes[l]);
  g_string_append (out, "], \"activations\": [");
  for (guint l = 0; l < net->n_layers; l++)
    g_string_append_printf (out, "%s\"%s\"", l > 0 ? ", " : "",
                            bp_activation_to_string (net->activations[l]));
  g_string_append_printf (out, "], \"loss\": \"%s\", \"weights\": ",
                          bp_loss_to_string (net->loss_kind));
  append_params (out, net, FALSE, FALSE);
  g_string_append (out, ", \"biases\": ");
  append_params (out, net, TRUE, FALSE);
  g_string_append (out, ", \"shown_weight_gradients\": ");
  append_params (out, net, FALSE, TRUE);
  g_string_append (out, ", \"shown_bias_gradients\": ");
  append_params (out, net, TRUE, TRUE);
  g_string_append (out, ", \"input\": [");
  for (guint i = 0; i < net->sizes[0]; i++)
    {
      g_string_append (out, i > 0 ? ", " : "");
      append_double (out, net->a[0][i]);
    }
  g_string_append (out, "], \"train_points\": [");
  for (guint k = 0; k < dataset->n_train; k++)
    {
      g_string_append (out, k > 0 ? ", [" : "[");
      append_double (out, dataset->points[k].x1);
      g_string_append (out, ", ");
      append_double (out, dataset->points[k].x2);
      g_string_append (out, ", ");
      append_double (out, dataset->points[k].label);
      g_string_append_c (out, ']');
    }
  /* The next batch, from the step count alone. */
  mb = bp_minibatch_new (dataset->n_train, bp_network_get_batch_size (network),
                         net->sizes[0], 1, dataset->seed);
  bp_dataset_step_position (dataset->n_train, bp_network_get_batch_size (network),
                            bp_network_get_step_count (network), &epoch, &batch);
  bp_minibatch_seek (mb, epoch, batch);
  examples = bp_minibatch_peek (mb, &n);
  g_string_append (out, "], \"batch\": [");
  for (guint s = 0; s < n; s++)
    g_string_append_printf (out, "%s%u", s > 0 ? ", " : "", examples[s]);
  g_string_append_printf (out, "], \"regularization\": \"%s\", \"regularization_rate\": ",
                          bp_regularization_to_string (net->regularization));
  append_double (out, net->regularization_rate);
  g_string_append (out, "}\n");
  fputs (out->str, stdout);
  return 0;
}
