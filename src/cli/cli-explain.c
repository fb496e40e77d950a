/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-explain.c: `backprop-cli explain`: one forward pass, one backward pass and one
 * SGD step, worked out as in a textbook, as text, Markdown, LaTeX or JSON. */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include <glib/gi18n.h>

#include "bp-explain.h"

/* The LaTeX form, and a word on stderr when it is in English rather than the user's
 * language. */
static char *
explain_latex (const BpNet *net)
{
  if (!bp_explain_latex_in_ui_language ())
    g_printerr ("backprop-cli: %s\n", bp_explain_latex_fallback_note ());
  return bp_explain_latex (net);
}

static int
run_explain (int    argc,
             char **argv)
{
  gboolean json = FALSE, markdown = FALSE, latex = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print every number as one JSON object"), NULL },
    { "markdown", 0, 0, G_OPTION_ARG_NONE, &markdown,
      N_("Print a Markdown handout"), NULL },
    { "latex", 0, 0, G_OPTION_ARG_NONE, &latex,
      N_("Print a LaTeX document for pdflatex"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(BpNet) net = NULL;
  g_autofree char *text = NULL;
  int status = cli_parse_command_line (&cli_command_explain, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  if (json && markdown)
    /* Translators: the options stay as they are */
    return cli_usage_error ("explain", _("--json and --markdown exclude each other"));
  if (latex && (json || markdown))
    /* Translators: the options stay as they are */
    return cli_usage_error ("explain", _("--latex excludes --json and --markdown"));

  net = cli_load_network (argv[1], NULL);
  if (net == NULL)
    return STATUS_BAD_INPUT;
  if (json)
    text = bp_explain_json (net);
  else if (markdown)
    text = bp_explain_markdown (net);
  else if (latex)
    text = explain_latex (net);
  else
    text = bp_explain_text (net);
  if (!g_str_has_suffix (text, "\n"))
    {
      char *with_newline = g_strconcat (text, "\n", NULL);

      g_free (text);
      text = with_newline;
    }
  return cli_write_stdout (text);
}

const Command cli_command_explain = {
  "explain", N_("FILE"),
  N_("Show one forward pass, one backward pass and one SGD step on the file's sample, "
     "worked out as in a textbook."), run_explain,
};
