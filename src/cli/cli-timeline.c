/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-timeline.c: `backprop-cli timeline`: the branches of a network file's timeline, as
 * the window's model replays them, or with --csv every step's parameters. */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include "bp-network.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

static void
append_edits (GString          *s,
              const BpTimeline *timeline,
              guint             id)
{
  guint n_edits;
  const BpTimelineEdit *edits = bp_timeline_get_edits (timeline, id, &n_edits);

  for (guint k = 0; k < n_edits; k++)
    {
      const BpTimelineEdit *e = &edits[k];
      g_autofree char *value = cli_exact_number (e->value);

      g_string_append (s, k > 0 ? ", " : "  ");
      if (e->kind == BP_TIMELINE_EDIT_WEIGHT)
        g_string_append_printf (s, "w_%u_%u_%u", e->layer, e->to, e->from);
      else if (e->kind == BP_TIMELINE_EDIT_BIAS)
        g_string_append_printf (s, "b_%u_%u", e->layer, e->to);
      else
        g_string_append_printf (s, "%s_%u",
                                e->kind == BP_TIMELINE_EDIT_INPUT ? "input" : "target", e->to);
      g_string_append_printf (s, " = %s", value);
    }
}

/* A table for people: one line per branch, then the step shown. */
static char *
timeline_table (BpTimeline *timeline)
{
  GString *s = g_string_new (NULL);
  guint current = bp_timeline_get_current_branch (timeline);

  /* Translators: the headings of `backprop-cli timeline`'s table: a branch of the training
   * timeline, the branch it starts from, its first and last step, its number of steps and
   * the values edited where it starts */
  g_string_append_printf (s, "%-7s %-7s %10s %10s %10s  %-10s %s\n",
                          C_("timeline table", "Branch"), C_("timeline table", "Parent"),
                          C_("timeline table", "From"), C_("timeline table", "To"),
                          C_("timeline table", "Steps"), "η",
                          C_("timeline table", "Edits at its start"));
  for (guint i = 0; i < bp_timeline_get_n_branches (timeline); i++)
    {
      const BpTimelineBranch *b = bp_timeline_get_branch (timeline, i);
      g_autofree char *rate = cli_exact_number (b->learning_rate);
      g_autofree char *parent = b->parent == BP_TIMELINE_NO_BRANCH
                                ? g_strdup ("-") : g_strdup_printf ("%u", b->parent);

      g_string_append_printf (s, "%-7u %-7s %10" G_GUINT64_FORMAT " %10" G_GUINT64_FORMAT
                              " %10" G_GUINT64_FORMAT "  %-10s", b->id, parent,
                              b->first_step,
                              b->fork_step + b->n_steps, b->n_steps, rate);
      append_edits (s, timeline, b->id);
      g_string_append_c (s, '\n');
    }
  g_string_append_printf (s,
                          /* Translators: the last line of `backprop-cli timeline`: the
                           * branch and the step the file shows */
                          _("The file shows branch %u at step %" PRIu64 ".\n"),
                          current, bp_timeline_get_cursor (timeline));
  return g_string_free (s, FALSE);
}

static int
run_timeline (int    argc,
              char **argv)
{
  gboolean csv = FALSE;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv,
      N_("Print every step of every branch as CSV: step, branch, loss, learning rate, then "
         "each weight w_L_J_I and bias b_L_J"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status = cli_parse_command_line (&cli_command_timeline, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!bp_network_load (network, file, &error))
    return cli_report (STATUS_BAD_INPUT, argv[1], error->message);
  if (csv)
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (fileno (stdout), FALSE);

      fflush (stdout);
      if (!bp_timeline_write_csv (bp_network_get_timeline (network), out, &error))
        return cli_report (STATUS_BAD_INPUT, NULL, error->message);
      return STATUS_OK;
    }
  text = timeline_table (bp_network_get_timeline (network));
  return cli_write_stdout (text);
}

const Command cli_command_timeline = {
  "timeline", N_("FILE"),
  N_("Print the branches of the file’s timeline, or with --csv every step’s parameters."),
  run_timeline,
};
