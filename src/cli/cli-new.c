/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-new.c: `backprop-cli new`: writes a freshly initialised network file. */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct {
  char *sizes;
  char *activations;
  char *loss;
  char *seed;
  char *learning_rate;
  char *input;
  char *target;
  char *output;
  CliDatasetOptions data;
} NewOptions;

static void
new_options_clear (NewOptions *o)
{
  g_free (o->sizes);
  g_free (o->activations);
  g_free (o->loss);
  g_free (o->seed);
  g_free (o->learning_rate);
  g_free (o->input);
  g_free (o->target);
  g_free (o->output);
  g_free (o->data.dataset);
  g_free (o->data.dataset_file);
  g_free (o->data.points);
  g_free (o->data.noise);
  g_free (o->data.train_percent);
  g_free (o->data.features);
  g_free (o->data.training.batch_size);
  g_free (o->data.training.regularization);
  g_free (o->data.training.regularization_rate);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NewOptions, new_options_clear)

static gboolean
parse_sizes (const char  *text,
             GArray      *sizes,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 n;
      guint size;

      if (!cli_parse_unsigned ("--sizes", parts[i], 1, BP_MAX_WIDTH, &n, error))
        return FALSE;
      size = (guint) n;
      g_array_append_val (sizes, size);
    }
  return bp_net_check_shape (sizes->len, (const guint *) (gpointer) sizes->data, error);
}

static gboolean
parse_activations (const char    *text,
                   guint          n_layers,
                   BpActivation  *activations,
                   GError       **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint n = g_strv_length (parts);

  if (n != n_layers)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: the options stay as they are; the first number counts the
                    * activations given, the second the weight layers of --sizes */
                   ngettext ("--activations: %u given; --sizes has %u weight layer",
                             "--activations: %u given; --sizes has %u weight layers",
                             n_layers),
                   n, n_layers);
      return FALSE;
    }
  for (guint l = 0; l < n; l++)
    if (!bp_activation_from_string (g_strstrip (parts[l]), &activations[l]))
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     /* Translators: --activations and the names linear, sigmoid, tanh, relu
                      * and leaky-relu are what the command line takes: keep them */
                     _("--activations: unknown activation “%s” (use linear, sigmoid, tanh, "
                       "relu or leaky-relu)"), parts[l]);
        return FALSE;
      }
  return TRUE;
}

/* The network described by --sizes, --activations and --loss, not yet initialised. */
static BpNet *
new_network_shape (const NewOptions *o,
                   GError          **error)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  BpActivation activations[BP_MAX_LAYERS];
  BpLoss loss = BP_LOSS_SQUARED_ERROR;

  if (!parse_sizes (o->sizes, sizes, error) ||
      !parse_activations (o->activations, sizes->len - 1, activations, error))
    return NULL;
  if (o->loss != NULL && !bp_loss_from_string (o->loss, &loss))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: --loss, squared-error and cross-entropy are what the
                    * command line takes: keep them */
                   _("--loss: unknown loss “%s” (use squared-error or cross-entropy)"),
                   o->loss);
      return NULL;
    }
  return bp_net_new (sizes->len, (const guint *) (gpointer) sizes->data, activations, loss,
                     error);
}

/* The dataset's options go with --dataset or --dataset-file, one of them; a dataset gives
 * the input and target. */
static gboolean
check_dataset_options (const NewOptions  *o,
                       GError           **error)
{
  const char *only_with[] = {
    o->data.points, "--points", o->data.noise, "--noise",
    o->data.train_percent, "--train-percent", o->data.features, "--features",
    o->data.training.batch_size, "--batch-size",
    o->data.training.regularization, "--regularization",
    o->data.training.regularization_rate, "--regularization-rate",
  };

  if (o->data.dataset != NULL && o->data.dataset_file != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: an option such as --points, then another; keep both */
                   _("%s and %s cannot be used together"), "--dataset", "--dataset-file");
      return FALSE;
    }
  if (o->data.dataset != NULL || o->data.dataset_file != NULL)
    {
      if (o->input != NULL || o->target != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: an option such as --points, then another; keep both */
                       _("%s and %s cannot be used together"),
                       o->input != NULL ? "--input" : "--target",
                       o->data.dataset != NULL ? "--dataset" : "--dataset-file");
          return FALSE;
        }
      return TRUE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (only_with); k += 2)
    if (only_with[k] != NULL)
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     /* Translators: %s is an option such as --points; keep the options */
                     _("%s needs --dataset or --dataset-file"), only_with[k + 1]);
        return FALSE;
      }
  return TRUE;
}

/* Fills `values` from the option, or with 1 everywhere when it was not given. */
static gboolean
fill_vector (const char  *option,
             const char  *text,
             double      *values,
             guint        n,
             GError     **error)
{
  g_autofree double *parsed = NULL;

  if (text == NULL)
    {
      for (guint i = 0; i < n; i++)
        values[i] = 1.0;
      return TRUE;
    }
  parsed = cli_parse_doubles (option, text, n, error);
  if (parsed == NULL)
    return FALSE;
  memcpy (values, parsed, n * sizeof (double));
  return TRUE;
}

static gboolean
new_network_values (const NewOptions *o,
                    BpNet            *net,
                    guint32          *seed,
                    GError          **error)
{
  guint n_out = net->sizes[net->n_layers];
  g_autofree double *target = g_new (double, n_out);
  g_autofree double *input = g_new (double, net->sizes[0]);
  guint64 seed64 = g_random_int ();
  double eta = 0.5;

  if ((o->seed != NULL
       && !cli_parse_unsigned ("--seed", o->seed, 0, G_MAXUINT32, &seed64, error)) ||
      (o->learning_rate != NULL &&
       !cli_parse_double ("--learning-rate", o->learning_rate, &eta, error)) ||
      !bp_net_check_learning_rate (eta, error) ||
      !fill_vector ("--target", o->target, target, n_out, error) ||
      !bp_net_check_target (net, target, error) ||
      !fill_vector ("--input", o->input, input, net->sizes[0], error))
    return FALSE;
  bp_net_set_input (net, input);

  *seed = (guint32) seed64;
  if (!bp_net_set_learning_rate (net, eta, error) || !bp_net_set_target (net, target, error))
    return FALSE;
  bp_net_init_seeded (net, *seed);
  bp_net_forward (net);
  bp_net_backward (net);
  return TRUE;
}

static int
run_new (int    argc,
         char **argv)
{
  g_auto(NewOptions) o = { 0, };
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &o.sizes,
      /* Translators: an option's description and its value's placeholder in `backprop-cli
       * new --help`: a comma-separated list of whole numbers */
      N_("Neurons per layer, the input first (required)"), N_("N,N,…") },
    { "activations", 0, 0, G_OPTION_ARG_STRING, &o.activations,
      /* Translators: keep linear, sigmoid, tanh, relu and leaky-relu as they are: they are
       * what the command line takes */
      N_("Activation of each non-input layer: linear, sigmoid, tanh, relu, leaky-relu "
         "(required)"), N_("NAME,…") },
    { "loss", 0, 0, G_OPTION_ARG_STRING, &o.loss,
      /* Translators: keep squared-error and cross-entropy as they are: they are what the
       * command line takes */
      N_("squared-error (default) or cross-entropy"), N_("LOSS") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &o.seed,
      N_("Seed of the initial weights (default: a random one, kept in the file)"), N_("N") },
    { "learning-rate", 0, 0, G_OPTION_ARG_STRING, &o.learning_rate,
      /* Translators: η is the learning rate's symbol and stays as it is; 0.5 is written as
       * the command line takes it, with a point, whatever the language */
      N_("Learning rate η, 0 < η ≤ 100 (default 0.5)"), N_("η") },
    { "input", 0, 0, G_OPTION_ARG_STRING, &o.input,
      N_("The input sample (default: every input 1)"), N_("X,X,…") },
    { "target", 0, 0, G_OPTION_ARG_STRING, &o.target,
      N_("The target output (default: every target 1)"), N_("T,T,…") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("The network file to write (required)"), N_("FILE") },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &o.data.dataset,
      /* Translators: keep circle, xor, gaussian, spiral, plane and multi-gaussian as they
       * are: they are what the command line takes */
      N_("Train on a generated dataset: circle, xor, gaussian, spiral, plane or "
         "multi-gaussian; its first training point becomes the input and target"),
      N_("NAME") },
    { "dataset-file", 0, 0, G_OPTION_ARG_FILENAME, &o.data.dataset_file,
      N_("Train on the points of a CSV file, x1,x2,label a line"), N_("POINTS.csv") },
    { "points", 0, 0, G_OPTION_ARG_STRING, &o.data.points,
      N_("Points of the generated dataset (default 500)"), N_("N") },
    { "noise", 0, 0, G_OPTION_ARG_STRING, &o.data.noise,
      N_("Noise of the generated dataset in percent, 0 to 50 (default 0)"), N_("PERCENT") },
    { "train-percent", 0, 0, G_OPTION_ARG_STRING, &o.data.train_percent,
      N_("Share of the points that train, in percent, 10 to 90 (default 50)"), N_("P") },
    { "features", 0, 0, G_OPTION_ARG_STRING, &o.data.features,
      /* Translators: keep the feature names as they are: they are what the command line
       * takes */
      N_("Input features, in this order: x1, x2, x1_squared, x2_squared, x1_times_x2, sin_x1, "
         "sin_x2 (default x1,x2)"), N_("NAME,…") },
    { "batch-size", 0, 0, G_OPTION_ARG_STRING, &o.data.training.batch_size,
      N_("Points per training step, 1 to 64 (default 10)"), N_("B") },
    { "regularization", 0, 0, G_OPTION_ARG_STRING, &o.data.training.regularization,
      /* Translators: keep none, l1 and l2 as they are: they are what the command line takes */
      N_("none (default), l1 or l2"), N_("NAME") },
    { "regularization-rate", 0, 0, G_OPTION_ARG_STRING, &o.data.training.regularization_rate,
      N_("Regularization rate: 0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3 or 10 (default 0)"),
      N_("R") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GError) error = NULL;
  gboolean with_dataset;
  BpFileExtras extras = { .has_seed = TRUE };
  int status = cli_parse_command_line (&cli_command_new, entries, &argc, &argv, 0);

  if (status != STATUS_OK)
    return status;
  if (o.sizes == NULL || o.activations == NULL || o.output == NULL)
    /* Translators: the command and the options stay as they are */
    return cli_usage_error ("new", _("new needs --sizes, --activations and --output"));

  with_dataset = o.data.dataset != NULL || o.data.dataset_file != NULL;
  if (!check_dataset_options (&o, &error))
    return cli_usage_error ("new", error->message);

  net = new_network_shape (&o, &error);
  if (net == NULL || !new_network_values (&o, net, &extras.seed, &error))
    return cli_usage_error ("new", error->message);
  if (with_dataset && !cli_new_dataset (&o.data, net, extras.seed, &extras, &session, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        /* Translators: after the file's name: "backprop-cli: net.json: No such file" */
        return cli_report (STATUS_BAD_INPUT, o.data.dataset_file, _("No such file"));
      if (error->domain == G_FILE_ERROR || g_error_matches (error, BP_ERROR, BP_ERROR_FILE))
        return cli_report (STATUS_BAD_INPUT, o.data.dataset_file, error->message);
      return cli_usage_error ("new", error->message);
    }
  if (with_dataset)
    {
      bp_net_forward (net);
      bp_net_backward (net);
    }
  return cli_save_network_full (net, &extras, &session, o.output);
}

const Command cli_command_new = {
  /* Translators: in the command summaries and parameters of backprop-cli, FILE, N, NAME and
   * the like are placeholders and may be translated; the commands (new, explain, train,
   * gradcheck, bench) and the options such as --sizes stay as they are */
  "new", N_("--sizes N,N,… --activations NAME,… --output FILE"),
  N_("Write a freshly initialised network file."), run_new,
};
