/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-torch-script.c: a network as a self-contained PyTorch script (float64) that runs the
 * same SGD steps as Backprop and prints their losses; `backprop-cli export-torch` and the
 * window's Export write it.
 *
 * The script holds the shape, the weights and biases (written so that they read back to the
 * bit), the activations, the loss as the engine defines it (½·Σ(y − t)², or cross-entropy as
 * Σ [softplus(z) − t·z]), the learning rate and what it trains on: the one example, or the
 * dataset's points as the network takes them (its features), the batch size, the
 * regularization and the examples of each mini-batch in the order Backprop draws them. */
#define G_LOG_DOMAIN "bp-model"

#include "config.h"

#include "bp-torch-script.h"

#include "bp-format.h"
#include "bp-minibatch.h"

/* A Python float literal that reads back as exactly @x. */
static void
append_number (GString *out,
               double   x)
{
  g_autofree char *text = bp_format_exact_ascii (x);

  g_string_append (out, text);
}

static void
append_numbers (GString      *out,
                const double *values,
                gsize         n)
{
  g_string_append_c (out, '[');
  for (gsize k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append (out, ", ");
      append_number (out, values[k]);
    }
  g_string_append_c (out, ']');
}

/* The shape, the parameters and the learning rate. */
static void
append_network (GString     *out,
                const BpNet *net)
{
  g_string_append (out, "SIZES = [");
  for (guint l = 0; l <= net->n_layers; l++)
    g_string_append_printf (out, l > 0 ? ", %u" : "%u", net->sizes[l]);
  g_string_append (out, "]\nACTIVATIONS = [");
  for (guint l = 0; l < net->n_layers; l++)
    g_string_append_printf (out, l > 0 ? ", \"%s\"" : "\"%s\"",
                            bp_activation_to_string (net->activations[l]));
  g_string_append_printf (out, "]\nLOSS = \"%s\"\n", bp_loss_to_string (net->loss_kind));
  g_string_append (out, "LEAKY_RELU_SLOPE = ");
  append_number (out, BP_LEAKY_RELU_SLOPE);
  g_string_append (out, "\nLEARNING_RATE = ");
  append_number (out, net->learning_rate);
  g_string_append (out, "\n\n# WEIGHTS[l][j][i]: from neuron i of layer l to neuron j of "
                        "layer l + 1.\nWEIGHTS = [\n");
  for (guint l = 0; l < net->n_layers; l++)
    {
      g_string_append (out, "    [\n");
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          g_string_append (out, "        ");
          append_numbers (out, bp_net_weight (net, l, j, 0), net->sizes[l]);
          g_string_append (out, ",\n");
        }
      g_string_append (out, "    ],\n");
    }
  g_string_append (out, "]\nBIASES = [\n");
  for (guint l = 0; l < net->n_layers; l++)
    {
      g_string_append (out, "    ");
      append_numbers (out, net->biases[l], net->sizes[l + 1]);
      g_string_append (out, ",\n");
    }
  g_string_append (out, "]\n");
}

/* The features of @n points from @first, one row each, and their labels. */
static void
append_points (GString         *out,
               const char      *name,
               const BpDataset *dataset,
               BpFeatureSet     features,
               guint            first,
               guint            n)
{
  guint n_in = bp_feature_set_count (features);
  g_autofree double *row = g_new (double, n_in);

  g_string_append_printf (out, "%s_INPUTS = [\n", name);
  for (guint k = 0; k < n; k++)
    {
      const BpPoint *p = &dataset->points[first + k];

      bp_feature_set_fill (features, p->x1, p->x2, row);
      g_string_append (out, "    ");
      append_numbers (out, row, n_in);
      g_string_append (out, ",\n");
    }
  g_string_append_printf (out, "]\n%s_TARGETS = [\n", name);
  for (guint k = 0; k < n; k++)
    {
      g_string_append (out, "    ");
      append_numbers (out, &dataset->points[first + k].label, 1);
      g_string_append (out, ",\n");
    }
  g_string_append (out, "]\n");
}

/* The dataset's training and test points, the training's settings and the examples of each
 * of the next @n_steps mini-batches, in the order `backprop-cli train` takes them. */
static void
append_dataset (GString            *out,
                const BpNet        *net,
                const BpFileExtras *extras,
                const BpDataset    *dataset,
                guint64             n_steps)
{
  BpFeatureSet features = extras->has_features ? extras->features : BP_FEATURES_DEFAULT;
  guint batch_size = extras->has_batch_size ? extras->batch_size : BP_TORCH_DEFAULT_BATCH_SIZE;
  g_autofree char *names = bp_feature_set_to_string (features);
  g_autoptr(BpMinibatch) mb = NULL;
  guint64 epoch;
  guint batch;

  g_string_append_printf (out, "\nFEATURES = \"%s\"\nBATCH_SIZE = %u\n"
                          "REGULARIZATION = \"%s\"\nREGULARIZATION_RATE = ",
                          names, batch_size,
                          bp_regularization_to_string (net->regularization));
  append_number (out, net->regularization_rate);
  g_string_append (out, "\n\n# The training points as the network takes them (its features "
                        "of x1 and x2), then the test points.\n");
  append_points (out, "TRAIN", dataset, features, 0, dataset->n_train);
  append_points (out, "TEST", dataset, features, dataset->n_train,
                 dataset->n_points - dataset->n_train);

  g_string_append_printf (out, "\n# The training points of each step, in Backprop's order: "
                          "the epochs' shuffles of the dataset's seed %" G_GUINT32_FORMAT
                          ",\n# from step %" G_GUINT64_FORMAT " of the file on.\n"
                          "BATCHES = [\n", dataset->seed, extras->step);
  mb = bp_minibatch_new (dataset->n_train, batch_size, net->sizes[0], 1, dataset->seed);
  bp_dataset_step_position (dataset->n_train, batch_size, extras->step, &epoch, &batch);
  bp_minibatch_seek (mb, epoch, batch);
  for (guint64 s = 0; s < n_steps; s++)
    {
      guint n;
      const guint *examples = bp_minibatch_peek (mb, &n);

      g_string_append (out, "    [");
      for (guint k = 0; k < n; k++)
        g_string_append_printf (out, k > 0 ? ", %u" : "%u", examples[k]);
      g_string_append (out, "],\n");
      bp_minibatch_seek (mb, mb->epoch, mb->batch + 1);
    }
  g_string_append (out, "]\n");
}

static const char script_functions[] =
  "\n"
  "DTYPE = torch.float64\n"
  "torch.set_num_threads(1)\n"
  "W = [torch.tensor(w, dtype=DTYPE, requires_grad=True) for w in WEIGHTS]\n"
  "B = [torch.tensor(b, dtype=DTYPE, requires_grad=True) for b in BIASES]\n"
  "\n"
  "\n"
  "def activate(name, z):\n"
  "    if name == \"sigmoid\":\n"
  "        return torch.sigmoid(z)\n"
  "    if name == \"tanh\":\n"
  "        return torch.tanh(z)\n"
  "    if name == \"relu\":\n"
  "        return torch.where(z > 0, z, torch.zeros_like(z))\n"
  "    if name == \"leaky-relu\":\n"
  "        return torch.where(z > 0, z, LEAKY_RELU_SLOPE * z)\n"
  "    return z  # linear\n"
  "\n"
  "\n"
  "def losses(x, t):\n"
  "    \"\"\"The loss of each row of x (inputs) against t (targets).\"\"\"\n"
  "    a = x\n"
  "    for w, b, name in zip(W, B, ACTIVATIONS):\n"
  "        z = a @ w.T + b\n"
  "        a = activate(name, z)\n"
  "    if LOSS == \"cross-entropy\":\n"
  "        # -[t ln y + (1 - t) ln(1 - y)] for y = sigmoid(z), as softplus(z) - t z\n"
  "        softplus = torch.clamp(z, min=0) + torch.log1p(torch.exp(-torch.abs(z)))\n"
  "        return (softplus - t * z).sum(dim=1)\n"
  "    return (0.5 * (a - t) ** 2).sum(dim=1)  # squared error\n"
  "\n"
  "\n"
  "def sgd_step(l1_stop_at_zero=False):\n"
  "    \"\"\"theta <- theta - eta * gradient; under L1 a weight the step would carry\n"
  "    across zero is set to 0.\"\"\"\n"
  "    with torch.no_grad():\n"
  "        for w in W:\n"
  "            v = w - LEARNING_RATE * w.grad\n"
  "            if l1_stop_at_zero:\n"
  "                crossed = ((w > 0) & (v < 0)) | ((w < 0) & (v > 0))\n"
  "                v = torch.where(crossed, torch.zeros_like(v), v)\n"
  "            w.copy_(v)\n"
  "            w.grad = None\n"
  "        for b in B:\n"
  "            b.sub_(LEARNING_RATE * b.grad)\n"
  "            b.grad = None\n"
  "\n"
  "\n"
  "def command_line(default_steps):\n"
  "    steps, json_output = default_steps, False\n"
  "    for arg in sys.argv[1:]:\n"
  "        if arg == \"--json\":\n"
  "            json_output = True\n"
  "        elif arg.isdigit():\n"
  "            steps = int(arg)\n"
  "        else:\n"
  "            sys.exit(\"usage: %s [STEPS] [--json]\" % sys.argv[0])\n"
  "    return steps, json_output\n"
  "\n"
  "\n";

static const char script_example[] =
  "def main():\n"
  "    steps, json_output = command_line(STEPS)\n"
  "    x = torch.tensor([INPUT], dtype=DTYPE)\n"
  "    t = torch.tensor([TARGET], dtype=DTYPE)\n"
  "    printed = []\n"
  "    for _ in range(steps):\n"
  "        loss = losses(x, t)[0]\n"
  "        printed.append(loss.item())\n"
  "        if not json_output:\n"
  "            print(repr(loss.item()))\n"
  "        loss.backward()\n"
  "        sgd_step()\n"
  "    if json_output:\n"
  "        print(json.dumps(printed))\n"
  "\n"
  "\n"
  "if __name__ == \"__main__\":\n"
  "    main()\n";

static const char script_dataset[] =
  "def penalty():\n"
  "    \"\"\"Over the weights, never the biases: L2 lambda/2 sum w^2, L1 lambda sum |w|.\"\"\"\n"
  "    if REGULARIZATION == \"l2\":\n"
  "        return REGULARIZATION_RATE * 0.5 * sum((w * w).sum() for w in W)\n"
  "    if REGULARIZATION == \"l1\":\n"
  "        return REGULARIZATION_RATE * sum(w.abs().sum() for w in W)\n"
  "    return torch.zeros((), dtype=DTYPE)\n"
  "\n"
  "\n"
  "def main():\n"
  "    steps, json_output = command_line(len(BATCHES))\n"
  "    if steps > len(BATCHES):\n"
  "        sys.exit(\"this script holds the batch order of %d steps: export it again with \"\n"
  "                 \"backprop-cli export-torch --steps %d\" % (len(BATCHES), steps))\n"
  "    x_train = torch.tensor(TRAIN_INPUTS, dtype=DTYPE)\n"
  "    t_train = torch.tensor(TRAIN_TARGETS, dtype=DTYPE)\n"
  "    x_test = torch.tensor(TEST_INPUTS, dtype=DTYPE).reshape(-1, SIZES[0])\n"
  "    t_test = torch.tensor(TEST_TARGETS, dtype=DTYPE).reshape(-1, 1)\n"
  "    regularized = REGULARIZATION != \"none\" and REGULARIZATION_RATE != 0\n"
  "    printed = []\n"
  "    for step in range(steps):\n"
  "        examples = torch.tensor(BATCHES[step])\n"
  "        loss = losses(x_train[examples], t_train[examples]).mean()\n"
  "        if regularized:\n"
  "            loss = loss + penalty()\n"
  "        batch_loss = loss.item()\n"
  "        loss.backward()\n"
  "        sgd_step(regularized and REGULARIZATION == \"l1\")\n"
  "        if not json_output:\n"
  "            print(repr(batch_loss))\n"
  "            continue\n"
  "        with torch.no_grad():\n"
  "            train_loss = losses(x_train, t_train).mean().item()\n"
  "            test_loss = losses(x_test, t_test).mean().item() if len(TEST_INPUTS) else None\n"
  "        printed.append({\"step\": FIRST_STEP + step + 1, \"batch_loss\": batch_loss,\n"
  "                        \"train_loss\": train_loss, \"test_loss\": test_loss})\n"
  "    if json_output:\n"
  "        print(json.dumps(printed))\n"
  "\n"
  "\n"
  "if __name__ == \"__main__\":\n"
  "    main()\n";

/* The file's name on one line of a comment. */
static char *
comment_name (const char *path)
{
  char *name = g_filename_display_name (path);

  g_strdelimit (name, "\r\n", ' ');
  return name;
}

/**
 * bp_torch_script:
 * @net: the network, as its file holds it
 * @extras: the file's training settings (mode, features, batch size, step)
 * @dataset: (nullable): the file's dataset
 * @source: the network's name for the script's first comment (a file name, or "Untitled")
 * @n_steps: the steps the script runs; in dataset mode, the mini-batches it holds
 *
 * A self-contained PyTorch (float64) script that runs the SGD steps Backprop runs from
 * where @net stands and prints their losses as `backprop-cli train` does.
 *
 * Returns: (transfer full): the script's text
 */
char *
bp_torch_script (const BpNet        *net,
                 const BpFileExtras *extras,
                 const BpDataset    *dataset,
                 const char         *source,
                 guint64             n_steps)
{
  GString *out = g_string_new (NULL);
  g_autofree char *name = comment_name (source);
  gboolean by_dataset = extras->mode == BP_FILE_MODE_DATASET && dataset != NULL;

  g_string_append_printf (out,
    "#!/usr/bin/python3\n"
    "# A PyTorch (float64) script exported by Backprop %s\n"
    "# from the network %s.\n"
    "#\n"
    "# It runs the SGD steps Backprop runs from where the network stands and prints the loss\n",
    PACKAGE_VERSION, name);
  if (by_dataset)
    g_string_append (out,
      "# of each mini-batch (its mean loss plus the penalty, before the step), one a line;\n"
      "# with --json, one object a step with the batch loss and the mean train and test\n"
      "# losses after it, as `backprop-cli train FILE --steps N --json` reports them.\n");
  else
    g_string_append (out,
      "# before each step, one a line as `backprop-cli train FILE --steps N` does (with\n"
      "# --json, as one array).\n");
  g_string_append (out, "#\n# Usage: /usr/bin/python3 SCRIPT [STEPS] [--json]\n\n"
                        "import json\nimport sys\n\nimport torch\n\n");
  append_network (out, net);
  if (by_dataset)
    {
      g_string_append_printf (out, "FIRST_STEP = %" G_GUINT64_FORMAT "\n", extras->step);
      append_dataset (out, net, extras, dataset, n_steps);
    }
  else
    {
      g_string_append (out, "\nINPUT = ");
      append_numbers (out, net->a[0], net->sizes[0]);
      g_string_append (out, "\nTARGET = ");
      append_numbers (out, net->target, net->sizes[net->n_layers]);
      g_string_append_printf (out, "\nSTEPS = %" G_GUINT64_FORMAT "\n", n_steps);
    }
  g_string_append (out, script_functions);
  g_string_append (out, by_dataset ? script_dataset : script_example);
  return g_string_free (out, FALSE);
}
