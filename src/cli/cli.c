/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.c: backprop-cli, the command-line tool: main () and the dispatch to its commands,
 * one file each (cli-new.c, cli-explain.c, cli-train.c, cli-gradcheck.c, cli-bench.c,
 * cli-scale.c, cli-render.c), which share cli-common.c.
 *
 * Exit status: 0 on success, 1 on bad input (a file, a write, a divergence), 2 on a usage
 * error. Machine-readable output (JSON, files, the losses of `train`) always uses '.'
 * decimals whatever the locale, and so do the numbers given as options; text for people (the
 * worked example, gradcheck's and bench's reports, messages) follows the locale.
 */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include <glib/gi18n.h>
#include <locale.h>

static const Command *const commands[] = {
  &cli_command_new, &cli_command_explain, &cli_command_train, &cli_command_gradcheck,
  &cli_command_bench, &cli_command_scale, &cli_command_render,
  &cli_command_landscape, &cli_command_export_torch, &cli_command_timeline,
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i]->name, name) == 0)
      return commands[i];
  return NULL;
}

static GOptionContext *
global_context (gboolean *version)
{
  /* Translators: the parameters in `backprop-cli --help`'s usage line */
  GOptionContext *context = g_option_context_new (_("COMMAND [OPTION…]"));
  /* Translators: the heading of the list of commands in `backprop-cli --help` */
  GString *description = g_string_new (_("Commands:"));
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, version, N_("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_string_append_c (description, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (description, "  %-11s %s\n", commands[i]->name,
                            _(commands[i]->summary));
  g_string_append_printf (description, "\n%s\n",
                          _("Run “backprop-cli COMMAND --help” to see the options of a "
                            "command. Exit status: 0 on success, 1 on bad input or "
                            "divergence, 2 on a usage error."));
  g_option_context_set_summary (context, _("Watch a small neural network learn by "
                                           "backpropagation, from the command line."));
  g_option_context_set_description (context, description->str);
  g_string_free (description, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

/* backprop-cli [--version | --help]: no command. */
static int
run_global (int    argc,
            char **argv)
{
  gboolean version = FALSE;
  g_autoptr(GOptionContext) context = global_context (&version);
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error (NULL, error->message);
  if (version)
    {
      g_print ("%s %s\n", PROGRAM, PACKAGE_VERSION);
      return STATUS_OK;
    }
  if (argc > 1)
    {
      /* Translators: %s is what was given as the command */
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[1]);

      return cli_usage_error (NULL, message);
    }
  return cli_usage_error (NULL, _("No command given"));
}

static void
print_global_help (void)
{
  gboolean version = FALSE;
  g_autoptr(GOptionContext) context = global_context (&version);
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_print ("%s", help);
}

int
main (int    argc,
      char **argv)
{
  const Command *command;
  const char *name = argc > 1 ? argv[1] : NULL;
  char *help_argv[] = { NULL, (char *) "--help", NULL };

  setlocale (LC_ALL, "");
  /* BACKPROP_LOCALEDIR runs the translations of an uninstalled build (`meson devenv`). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BACKPROP_LOCALEDIR") != NULL
                                   ? g_getenv ("BACKPROP_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* `backprop-cli help [COMMAND]` is `backprop-cli [COMMAND] --help`. */
  if (g_strcmp0 (name, "help") == 0)
    {
      if (argc < 3)
        {
          g_set_prgname (PROGRAM);
          print_global_help ();
          return STATUS_OK;
        }
      name = argv[2];
      help_argv[0] = argv[2];
      argv = help_argv;
      argc = 2;
    }
  else if (name != NULL && name[0] != '-')
    {
      argv++;
      argc--;
    }

  command = name != NULL && name[0] != '-' ? find_command (name) : NULL;
  if (command == NULL)
    {
      g_set_prgname (PROGRAM);
      if (name != NULL && name[0] != '-')
        {
          g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), name);

          return cli_usage_error (NULL, message);
        }
      return run_global (argc, argv);
    }

  /* So that --help says “Usage: backprop-cli train FILE…”. */
  {
    g_autofree char *prgname = g_strdup_printf ("%s %s", PROGRAM, command->name);

    g_set_prgname (prgname);
  }
  return command->run (argc, argv);
}
