/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-scale.c: `backprop-cli scale`: forward and backward passes timed on networks from about
 * 10 parameters up to --max-params, to see whether their ratio stays constant. */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include "bp-scale.h"

#include <glib/gi18n.h>

#define SCALE_ROUND_NS BP_SCALE_ROUND_NS

static char *
sizes_text (const BpScaleRow *row)
{
  GString *s = g_string_new ("[");

  for (guint l = 0; l < row->n_sizes; l++)
    g_string_append_printf (s, l > 0 ? ",%u" : "%u", row->sizes[l]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* Text padded with spaces to width columns as a terminal shows them (see cli-bench.c). */
static void
append_column (GString    *s,
               const char *text,
               int         width,
               gboolean    left)
{
  int used = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    used += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  if (left)
    g_string_append (s, text);
  for (int i = used; i < width; i++)
    g_string_append_c (s, ' ');
  if (!left)
    g_string_append (s, text);
}

static void
append_row (GString    *s,
            const char *cells[5])
{
  static const int widths[5] = { 18, 12, 15, 15, 19 };

  for (guint c = 0; c < 5; c++)
    append_column (s, cells[c], widths[c], c == 0);
  g_string_append_c (s, '\n');
}

static char *
scale_table (const BpScaleRow *rows,
             guint             n_rows)
{
  GString *s = g_string_new (NULL);

  /* Translators: the first number counts the rounds, the second is milliseconds */
  g_string_append_printf (s, _("Median of %u rounds of at least %d ms each, in nanoseconds "
                               "per call (one thread)."), (guint) BP_SCALE_ROUNDS,
                          (int) (SCALE_ROUND_NS / 1000000));
  g_string_append (s, "\n\n");
  /* Translators: headings of the columns of scale's table: the network's shape, its number
   * of weights and biases, the time of a forward and of a backward pass, and the ratio of
   * the last two; keep them short */
  append_row (s, (const char *[5]) { C_("bench", "shape"), C_("scale", "parameters"),
                                     C_("bench", "forward"), C_("bench", "backward"),
                                     C_("bench", "backward/forward") });
  for (guint i = 0; i < n_rows; i++)
    {
      const BpScaleRow *r = &rows[i];
      g_autofree char *name = sizes_text (r);
      char params[32], forward[32], backward[32], ratio[32];

      /* A table for people: the locale's decimal separator. */
      g_snprintf (params, sizeof params, "%" G_GUINT64_FORMAT, r->params);
      g_snprintf (forward, sizeof forward, "%.0f", r->forward_ns);
      g_snprintf (backward, sizeof backward, "%.0f", r->backward_ns);
      g_snprintf (ratio, sizeof ratio, "%.2f", r->backward_ns / r->forward_ns);
      append_row (s, (const char *[5]) { name, params, forward, backward, ratio });
    }
  return g_string_free (s, FALSE);
}

static char *
scale_json (const BpScaleRow *rows,
            guint             n_rows)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "{\n  \"rounds\": %u,\n  \"round_ms\": %d,\n  \"rows\": [",
                          (guint) BP_SCALE_ROUNDS, (int) (SCALE_ROUND_NS / 1000000));
  for (guint i = 0; i < n_rows; i++)
    {
      const BpScaleRow *r = &rows[i];
      g_autofree char *sizes = sizes_text (r);
      g_autofree char *forward = cli_json_number (r->forward_ns);
      g_autofree char *backward = cli_json_number (r->backward_ns);
      g_autofree char *ratio = cli_json_number (r->backward_ns / r->forward_ns);

      g_string_append_printf (s, "%s\n    {\"sizes\": %s, \"params\": %" G_GUINT64_FORMAT
                              ", \"forward_ns\": %s, \"backward_ns\": %s, "
                              "\"backward_forward_ratio\": %s}",
                              i > 0 ? "," : "", sizes, r->params, forward, backward, ratio);
    }
  g_string_append (s, "\n  ]\n}\n");
  return g_string_free (s, FALSE);
}

static int
run_scale (int    argc,
           char **argv)
{
  g_autofree char *max_text = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "max-params", 0, 0, G_OPTION_ARG_STRING, &max_text,
      N_("The largest network to time, in weights and biases (default: 10000000)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the results as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  BpScaleRow rows[BP_SCALE_MAX_ROWS];
  guint64 max_params = BP_SCALE_DEFAULT_MAX_PARAMS;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_rows;
  int status = cli_parse_command_line (&cli_command_scale, entries, &argc, &argv, 0);

  if (status != STATUS_OK)
    return status;
  if (max_text != NULL &&
      !cli_parse_unsigned ("--max-params", max_text, BP_SCALE_MIN_PARAMS, BP_SCALE_MAX_PARAMS,
                           &max_params, &error))
    return cli_usage_error ("scale", error->message);
  n_rows = bp_scale_plan (max_params, rows);
  for (guint i = 0; i < n_rows; i++)
    if (!bp_scale_measure (rows[i].sizes, rows[i].n_sizes, SCALE_ROUND_NS, &rows[i], &error))
      return cli_report (STATUS_BAD_INPUT, NULL, error->message);
  text = json ? scale_json (rows, n_rows) : scale_table (rows, n_rows);
  return cli_write_stdout (text);
}

const Command cli_command_scale = {
  "scale", "",
  N_("Time forward and backward passes on networks from 10 parameters up to --max-params."),
  run_scale,
};
