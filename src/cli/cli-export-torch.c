/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-export-torch.c: `backprop-cli export-torch`: the network of a file as a self-contained
 * PyTorch script (float64) that runs the same SGD steps as Backprop and prints their losses.
 * The script itself is written by bp_torch_script() (src/model/bp-torch-script.c). */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include "bp-torch-script.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

typedef struct {
  char *output;
  char *steps;
} ExportOptions;

static void
export_options_clear (ExportOptions *o)
{
  g_free (o->output);
  g_free (o->steps);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, export_options_clear)

static int
run_export_torch (int    argc,
                  char **argv)
{
  g_auto(ExportOptions) o = { 0, };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("The Python script to write (required)"), N_("FILE") },
    { "steps", 'n', 0, G_OPTION_ARG_STRING, &o.steps,
      N_("Steps the script runs by default; for a file in dataset mode, the steps whose "
         "mini-batches it holds (default 20)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(BpFileSession) session = { 0 };
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *script = NULL;
  BpFileExtras extras = { 0 };
  guint64 n_steps = BP_TORCH_DEFAULT_STEPS;
  int status = cli_parse_command_line (&cli_command_export_torch, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  if (o.output == NULL)
    /* Translators: the command and the option stay as they are */
    return cli_usage_error ("export-torch", _("export-torch needs --output"));
  if (o.steps != NULL && !cli_parse_unsigned ("--steps", o.steps, 1, 1000000, &n_steps, &error))
    return cli_usage_error ("export-torch", error->message);

  net = cli_load_network_full (argv[1], &extras, &session);
  if (net == NULL)
    return STATUS_BAD_INPUT;

  script = bp_torch_script (net, &extras, session.dataset, argv[1], n_steps);
  file = g_file_new_for_commandline_arg (o.output);
  if (!g_file_replace_contents (file, script, strlen (script), NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &error))
    return cli_report (STATUS_BAD_INPUT, o.output, error->message);
  return STATUS_OK;
}

const Command cli_command_export_torch = {
  "export-torch", N_("FILE --output FILE"),
  N_("Write the network as a PyTorch script that runs the same SGD steps."), run_export_torch,
};
