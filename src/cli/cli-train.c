/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-train.c: `backprop-cli train`: N SGD steps, printing the loss before each; or, for a
 * file in dataset mode, epochs of mini-batches (cli-dataset.c). */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include <glib/gi18n.h>
#include <inttypes.h>

typedef struct {
  char *steps;
  char *learning_rate;
  char *output;
  gboolean json;
  char *epochs;
  CliTraining training;
} TrainOptions;

static void
train_options_clear (TrainOptions *o)
{
  g_free (o->steps);
  g_free (o->learning_rate);
  g_free (o->output);
  g_free (o->epochs);
  g_free (o->training.batch_size);
  g_free (o->training.regularization);
  g_free (o->training.regularization_rate);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TrainOptions, train_options_clear)

/* Runs the steps, printing each loss as text right away or collecting it for JSON. */
static int
train_steps (BpNet      *net,
             guint64     n_steps,
             gboolean    json,
             GString    *losses,
             const char *path)
{
  for (guint64 s = 0; s < n_steps; s++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *loss = json ? cli_json_number (net->loss) : cli_exact_number (net->loss);

      if (json)
        g_string_append_printf (losses, s > 0 ? ",%s" : "%s", loss);
      else
        g_print ("%s\n", loss);
      if (!bp_net_step (net, &error))
        {
          /* Translators: the step that failed, counted from 1, then the reason */
          g_autofree char *message = g_strdup_printf (_("step %" PRIu64 ": %s"),
                                                      s + 1, error->message);

          return cli_report (STATUS_BAD_INPUT, path, message);
        }
    }
  return STATUS_OK;
}

static int
run_train (int    argc,
           char **argv)
{
  g_auto(TrainOptions) o = { 0, };
  GOptionEntry entries[] = {
    { "steps", 'n', 0, G_OPTION_ARG_STRING, &o.steps,
      N_("How many SGD steps to run (required; for a file in dataset mode, mini-batches, "
         "or give --epochs)"), N_("N") },
    { "epochs", 0, 0, G_OPTION_ARG_STRING, &o.epochs,
      N_("For a file in dataset mode: how many epochs to run"), N_("N") },
    { "batch-size", 0, 0, G_OPTION_ARG_STRING, &o.training.batch_size,
      N_("For a file in dataset mode: points per step, 1 to 64 (default: the file's)"),
      N_("B") },
    { "regularization", 0, 0, G_OPTION_ARG_STRING, &o.training.regularization,
      /* Translators: keep none, l1 and l2 as they are: they are what the command line takes */
      N_("none, l1 or l2 (default: the file's)"), N_("NAME") },
    { "regularization-rate", 0, 0, G_OPTION_ARG_STRING, &o.training.regularization_rate,
      N_("Regularization rate: 0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3 or 10 (default: "
         "the file's)"), N_("R") },
    { "learning-rate", 0, 0, G_OPTION_ARG_STRING, &o.learning_rate,
      /* Translators: η is the learning rate's symbol and stays as it is */
      N_("Learning rate η, 0 < η ≤ 100 (default: the file's)"), N_("η") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("Write the trained network to FILE (default: write nothing)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json,
      N_("Print the losses as one JSON array (for a dataset: one object per epoch)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) losses = g_string_new ("[");
  BpFileSession written;
  BpFileExtras extras = { 0 };
  guint64 n_steps = 0, n_epochs = 0;
  double eta = 0.0;
  int status = cli_parse_command_line (&cli_command_train, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  if (o.steps != NULL && o.epochs != NULL)
    {
      /* Translators: an option such as --points, then another; keep both */
      g_autofree char *message = g_strdup_printf (_("%s and %s cannot be used together"),
                                                  "--steps", "--epochs");

      return cli_usage_error ("train", message);
    }
  if (o.steps == NULL && o.epochs == NULL)
    /* Translators: the command and the option stay as they are */
    return cli_usage_error ("train", _("train needs --steps"));
  if ((o.steps != NULL
       && !cli_parse_unsigned ("--steps", o.steps, 0, G_MAXUINT32, &n_steps, &error)) ||
      (o.epochs != NULL
       && !cli_parse_unsigned ("--epochs", o.epochs, 1, G_MAXUINT32, &n_epochs, &error)) ||
      (o.learning_rate != NULL &&
       (!cli_parse_double ("--learning-rate", o.learning_rate, &eta, &error) ||
        !bp_net_check_learning_rate (eta, &error))))
    return cli_usage_error ("train", error->message);

  net = cli_load_network_full (argv[1], &extras, &session);
  if (net == NULL)
    return STATUS_BAD_INPUT;
  if (o.learning_rate != NULL && !bp_net_set_learning_rate (net, eta, NULL))
    g_assert_not_reached ();   /* checked with the options */

  /* The trained network's file keeps the dataset, not the history of the one read. */
  written = (BpFileSession) { .dataset = session.dataset,
                              .dataset_source = session.dataset_source };
  if (extras.mode == BP_FILE_MODE_DATASET)
    {
      CliTrainDataset train = { n_epochs, n_steps, o.json, o.training };

      status = cli_train_dataset (net, &extras, session.dataset, &train, argv[1]);
      if (status == STATUS_OK && o.output != NULL)
        status = cli_save_network_full (net, &extras, &written, o.output);
      return status;
    }
  if (o.epochs != NULL || o.training.batch_size != NULL || o.training.regularization != NULL
      || o.training.regularization_rate != NULL)
    return cli_report (STATUS_BAD_INPUT, argv[1],
                       /* Translators: the options stay as they are */
                       _("--epochs, --batch-size and --regularization are for files in dataset "
                         "mode; this one trains on one example"));

  status = train_steps (net, n_steps, o.json, losses, argv[1]);
  if (status != STATUS_OK)
    return status;
  if (o.json)
    {
      g_string_append (losses, "]\n");
      status = cli_write_stdout (losses->str);
    }
  extras.step += n_steps;
  if (status == STATUS_OK && o.output != NULL)
    status = cli_save_network_full (net, &extras, &written, o.output);
  return status;
}

const Command cli_command_train = {
  "train", N_("FILE --steps N"),
  N_("Run N SGD steps on the file's sample, printing the loss before each step."), run_train,
};
