/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-train.c: `backprop-cli train`: N SGD steps, printing the loss before each. */
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
} TrainOptions;

static void
train_options_clear (TrainOptions *o)
{
  g_free (o->steps);
  g_free (o->learning_rate);
  g_free (o->output);
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
      N_("How many SGD steps to run (required)"), N_("N") },
    { "learning-rate", 0, 0, G_OPTION_ARG_STRING, &o.learning_rate,
      /* Translators: η is the learning rate's symbol and stays as it is */
      N_("Learning rate η, 0 < η ≤ 100 (default: the file's)"), N_("η") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("Write the trained network to FILE (default: write nothing)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json,
      N_("Print the losses as one JSON array"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) losses = g_string_new ("[");
  BpFileExtras extras = { 0 };
  guint64 n_steps;
  double eta = 0.0;
  int status = cli_parse_command_line (&cli_command_train, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  if (o.steps == NULL)
    /* Translators: the command and the option stay as they are */
    return cli_usage_error ("train", _("train needs --steps"));
  if (!cli_parse_unsigned ("--steps", o.steps, 0, G_MAXUINT32, &n_steps, &error) ||
      (o.learning_rate != NULL &&
       (!cli_parse_double ("--learning-rate", o.learning_rate, &eta, &error) ||
        !bp_net_check_learning_rate (eta, &error))))
    return cli_usage_error ("train", error->message);

  net = cli_load_network (argv[1], &extras);
  if (net == NULL)
    return STATUS_BAD_INPUT;
  if (o.learning_rate != NULL && !bp_net_set_learning_rate (net, eta, NULL))
    g_assert_not_reached ();   /* checked with the options */

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
    status = cli_save_network (net, &extras, o.output);
  return status;
}

const Command cli_command_train = {
  "train", N_("FILE --steps N"),
  N_("Run N SGD steps on the file's sample, printing the loss before each step."), run_train,
};
