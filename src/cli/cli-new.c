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
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GError) error = NULL;
  BpFileExtras extras = { .has_seed = TRUE };
  int status = cli_parse_command_line (&cli_command_new, entries, &argc, &argv, 0);

  if (status != STATUS_OK)
    return status;
  if (o.sizes == NULL || o.activations == NULL || o.output == NULL)
    /* Translators: the command and the options stay as they are */
    return cli_usage_error ("new", _("new needs --sizes, --activations and --output"));

  net = new_network_shape (&o, &error);
  if (net == NULL || !new_network_values (&o, net, &extras.seed, &error))
    return cli_usage_error ("new", error->message);
  return cli_save_network (net, &extras, o.output);
}

const Command cli_command_new = {
  /* Translators: in the command summaries and parameters of backprop-cli, FILE, N, NAME and
   * the like are placeholders and may be translated; the commands (new, explain, train,
   * gradcheck, bench) and the options such as --sizes stay as they are */
  "new", N_("--sizes N,N,… --activations NAME,… --output FILE"),
  N_("Write a freshly initialised network file."), run_new,
};
