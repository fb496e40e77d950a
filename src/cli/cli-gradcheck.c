/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-gradcheck.c: `backprop-cli gradcheck`: backprop's gradients against central
 * differences. */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include <glib/gi18n.h>

#define GRADCHECK_TOLERANCE 1e-6

static int
run_gradcheck (int    argc,
               char **argv)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(BpNet) net = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double worst;
  int status = cli_parse_command_line (&cli_command_gradcheck, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  net = cli_load_network (argv[1], NULL);
  if (net == NULL)
    return STATUS_BAD_INPUT;

  worst = bp_net_gradient_check (net);
  /* A report for people: the locale's decimal separator. */
  g_snprintf (buf, sizeof buf, "%.3g", worst);
  /* Translators: %s is a small number such as 2.5e-10 */
  g_print (_("Largest relative error between backprop and central differences: %s\n"), buf);
  if (!(worst <= GRADCHECK_TOLERANCE))
    {
      g_autofree char *message =
        /* Translators: %s is the largest relative error found; 1e-6 is the tolerance */
        g_strdup_printf (_("the gradients differ from central differences by %s, "
                           "more than 1e-6"), buf);

      return cli_report (STATUS_BAD_INPUT, argv[1], message);
    }
  return STATUS_OK;
}

const Command cli_command_gradcheck = {
  "gradcheck", N_("FILE"),
  N_("Compare backprop's gradients with central differences; fail above 1e-6."),
  run_gradcheck,
};
