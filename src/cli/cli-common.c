/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-common.c: what the commands of backprop-cli share: messages and exit
 * statuses, numbers for programs, option values parsed with '.' decimals, and loading and
 * saving network files. */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bp-file.h"
#include "bp-format.h"

/* Messages */

int
cli_report (int         status,
            const char *file,
            const char *message)
{
  if (file != NULL)
    {
      g_autofree char *display = g_filename_display_name (file);

      g_printerr ("%s: %s: %s\n", PROGRAM, display, message);
    }
  else
    {
      g_printerr ("%s: %s\n", PROGRAM, message);
    }
  return status;
}

int
cli_usage_error (const char *command,
                 const char *message)
{
  cli_report (STATUS_USAGE, NULL, message);
  if (command != NULL)
    /* Translators: "Run “backprop-cli train --help” to see its options."; the program's and
     * the command's names and --help stay as they are */
    g_printerr (_("Run “%s %s --help” to see its options.\n"), PROGRAM, command);
  else
    /* Translators: %s is the program's name, backprop-cli; --help stays as it is */
    g_printerr (_("Run “%s --help” to see the commands.\n"), PROGRAM);
  return STATUS_USAGE;
}

int
cli_write_stdout (const char *text)
{
  if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
    return cli_report (STATUS_BAD_INPUT, NULL, _("Could not write to the standard output"));
  return STATUS_OK;
}

/* The shortest decimal form that reads back as the same double, with '.' decimals. */
char *
cli_exact_number (double x)
{
  return bp_format_exact_ascii (x);
}

char *
cli_json_number (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (x))
    return g_strdup ("null");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", x));
}

/* Option values. All are taken as strings and parsed here, so that numbers always use '.'
 * and every error says which option and which value is wrong. */

gboolean
cli_parse_double (const char  *option,
                  const char  *text,
                  double      *value,
                  GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  *value = g_ascii_strtod (copy, &end);
  if (*copy == '\0' || end == NULL || *end != '\0' || !isfinite (*value))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: an option such as --learning-rate (keep it), then the
                    * value given */
                   _("%s: “%s” is not a finite number"), option, copy);
      return FALSE;
    }
  return TRUE;
}

gboolean
cli_parse_unsigned (const char  *option,
                    const char  *text,
                    guint64      min,
                    guint64      max,
                    guint64     *value,
                    GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (!g_ascii_string_to_unsigned (copy, 10, min, max, value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: an option such as --steps (keep it), the value given, then
                    * the smallest and the largest value allowed */
                   _("%s: “%s” is not a whole number from %" PRIu64
                     " to %" PRIu64),
                   option, copy, min, max);
      return FALSE;
    }
  return TRUE;
}

/* A comma-separated list of exactly `expected` numbers (any count if 0). */
double *
cli_parse_doubles (const char  *option,
                   const char  *text,
                   guint        expected,
                   GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint n = g_strv_length (parts);
  g_autofree double *values = NULL;

  if (expected != 0 && n != expected)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: an option such as --input (keep it), the values given,
                    * how many they are and how many the network needs */
                   ngettext ("%s: “%s” has %u value; the network needs %u",
                             "%s: “%s” has %u values; the network needs %u", n),
                   option, text, n, expected);
      return NULL;
    }
  values = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (!cli_parse_double (option, parts[i], &values[i], error))
      return NULL;
  return g_steal_pointer (&values);
}

static GOptionContext *
command_context (const Command *command,
                 GOptionEntry  *entries)
{
  const char *parameters = command->parameters[0] != '\0' ? _(command->parameters) : NULL;
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

/* Parses the options of a command and checks that exactly `n_positional` arguments remain. */
int
cli_parse_command_line (const Command *command,
                        GOptionEntry  *entries,
                        int           *argc,
                        char        ***argv,
                        int            n_positional)
{
  g_autoptr(GOptionContext) context = command_context (command, entries);
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return cli_usage_error (command->name, error->message);
  if (*argc - 1 < n_positional)
    {
      /* Translators: "train needs FILE --steps N": a command's name, then what it needs */
      g_autofree char *message = g_strdup_printf (_("%s needs %s"), command->name,
                                                  _(command->parameters));

      return cli_usage_error (command->name, message);
    }
  if (*argc - 1 > n_positional)
    {
      /* Translators: %s is an argument given on the command line */
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"),
                                                  (*argv)[n_positional + 1]);

      return cli_usage_error (command->name, message);
    }
  return STATUS_OK;
}

/* Loading and saving */

BpNet *
cli_load_network (const char   *path,
                  BpFileExtras *extras)
{
  return cli_load_network_full (path, extras, NULL);
}

/* Also the file's history, document and dataset when @session is not NULL. */
BpNet *
cli_load_network_full (const char    *path,
                       BpFileExtras  *extras,
                       BpFileSession *session)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  BpFileExtras ignored;
  BpNet *net;

  net = bp_file_load_full (file, extras != NULL ? extras : &ignored, session, &error);
  if (net == NULL)
    {
      /* GIO's own message repeats the path the prefix already gives. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        /* Translators: after the file's name: "backprop-cli: net.json: No such file" */
        cli_report (STATUS_BAD_INPUT, path, _("No such file"));
      else
        cli_report (STATUS_BAD_INPUT, path, error->message);
      return NULL;
    }
  /* The loader leaves the passes current; recomputing them is cheap and exact. */
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

int
cli_save_network (const BpNet        *net,
                  const BpFileExtras *extras,
                  const char         *path)
{
  return cli_save_network_full (net, extras, NULL, path);
}

int
cli_save_network_full (const BpNet         *net,
                       const BpFileExtras  *extras,
                       const BpFileSession *session,
                       const char          *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;

  if (!bp_file_save_full (net, extras, session, file, &error))
    return cli_report (STATUS_BAD_INPUT, path, error->message);
  return STATUS_OK;
}

/* @n points of @dataset from @first as the network takes them: their features (one row
 * each) and their labels. */
void
cli_examples_fill (CliExamples     *examples,
                   const BpDataset *dataset,
                   BpFeatureSet     features,
                   guint            first,
                   guint            n)
{
  guint n_in = bp_feature_set_count (features);

  examples->n = n;
  examples->inputs = g_new (double, (gsize) MAX (n, 1) * n_in);
  examples->targets = g_new (double, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      const BpPoint *p = &dataset->points[first + k];

      bp_feature_set_fill (features, p->x1, p->x2, examples->inputs + (gsize) k * n_in);
      examples->targets[k] = p->label;
    }
}

void
cli_examples_clear (CliExamples *examples)
{
  g_free (examples->inputs);
  g_free (examples->targets);
}
