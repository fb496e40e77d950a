/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-landscape.c: `backprop-cli landscape`: the loss over a grid of values of two weights of
 * a network file, the others held where the file has them — a slice of the loss landscape
 * through the point where the network stands. In dataset mode the loss is the training set's
 * mean loss plus the regularization penalty; in example mode, the example's loss. */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include "bp-landscape.h"

#include <glib/gi18n.h>
#include <math.h>

#define DEFAULT_GRID 21
#define MAX_SPAN 1000.0

typedef struct {
  char *weights;
  char *span;
  char *grid;
  gboolean json;
} LandscapeOptions;

static void
landscape_options_clear (LandscapeOptions *o)
{
  g_free (o->weights);
  g_free (o->span);
  g_free (o->grid);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LandscapeOptions, landscape_options_clear)

/* Reads "L:J:I,L:J:I" into two weights of @net. */
static gboolean
parse_weights (const char   *text,
               const BpNet  *net,
               BpWeightRef   refs[2],
               GError      **error)
{
  g_auto(GStrv) pair = g_strsplit (text, ",", -1);
  gboolean ok = g_strv_length (pair) == 2;

  for (guint w = 0; ok && w < 2; w++)
    {
      g_auto(GStrv) parts = g_strsplit (pair[w], ":", -1);
      guint64 v[3];

      ok = g_strv_length (parts) == 3;
      for (guint k = 0; ok && k < 3; k++)
        ok = g_ascii_string_to_unsigned (parts[k], 10, 0, G_MAXUINT, &v[k], NULL);
      if (ok)
        refs[w] = (BpWeightRef) { (guint) v[0], (guint) v[1], (guint) v[2] };
    }
  if (!ok)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: --weights and L:J:I,L:J:I are what the command line takes:
                    * keep them; %s is the value given */
                   _("--weights: “%s” is not L:J:I,L:J:I"), text);
      return FALSE;
    }
  for (guint w = 0; w < 2; w++)
    if (!bp_weight_ref_valid (net, &refs[w]))
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     /* Translators: --weights, L, J and I stay as they are; the value given,
                      * then the last weight layer of the network */
                     _("--weights: “%s” names a weight this network does not have: L is 0 "
                       "to %u, J a neuron of layer L + 1 and I one of layer L"),
                     text, net->n_layers - 1);
        return FALSE;
      }
  if (refs[0].layer == refs[1].layer && refs[0].to == refs[1].to
      && refs[0].from == refs[1].from)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: --weights stays as it is; %s is the value given */
                   _("--weights: “%s” names the same weight twice"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_span (const char  *text,
            double      *span,
            GError     **error)
{
  if (!cli_parse_double ("--span", text, span, error))
    return FALSE;
  if (*span > 0.0 && *span <= MAX_SPAN)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: --span stays as it is; %g is its largest value */
               _("--span must be above 0 and at most %g"), MAX_SPAN);
  return FALSE;
}

static gboolean
parse_grid (const char  *text,
            guint       *grid,
            GError     **error)
{
  guint64 n = 0;

  if (g_ascii_string_to_unsigned (text, 10, 3, BP_LANDSCAPE_MAX_GRID, &n, NULL) && n % 2 == 1)
    {
      *grid = (guint) n;
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: --grid stays as it is; %s is the value given, %u the largest */
               _("--grid: “%s” is not an odd number from 3 to %u"), text,
               (guint) BP_LANDSCAPE_MAX_GRID);
  return FALSE;
}

static char *
weight_name (const BpWeightRef *ref)
{
  return g_strdup_printf ("%u:%u:%u", ref->layer, ref->to, ref->from);
}

static char *
landscape_json (const BpWeightRef  refs[2],
                double             span,
                guint              grid,
                const double      *values)
{
  GString *s = g_string_new (NULL);
  g_autofree char *first = weight_name (&refs[0]);
  g_autofree char *second = weight_name (&refs[1]);
  g_autofree char *span_text = cli_json_number (span);

  g_string_append_printf (s, "{\"weights\": [\"%s\", \"%s\"], \"span\": %s, \"grid\": %u, "
                          "\"values\": [", first, second, span_text, grid);
  for (guint i = 0; i < grid; i++)
    {
      g_string_append (s, i > 0 ? ",\n  [" : "\n  [");
      for (guint j = 0; j < grid; j++)
        {
          g_autofree char *v = cli_json_number (values[(gsize) i * grid + j]);

          g_string_append_printf (s, j > 0 ? ", %s" : "%s", v);
        }
      g_string_append_c (s, ']');
    }
  g_string_append (s, "\n]}\n");
  return g_string_free (s, FALSE);
}

/* A table for people: what it shows, the second weight's values as column headings, then
 * each row headed by the first weight's value. */
static char *
landscape_table (const BpNet        *net,
                 const BpWeightRef   refs[2],
                 double              span,
                 guint               grid,
                 const BpLandscapeData *data,
                 const double       *values)
{
  GString *s = g_string_new (NULL);
  g_autofree char *first = weight_name (&refs[0]);
  g_autofree char *second = weight_name (&refs[1]);
  double w[2];

  for (guint k = 0; k < 2; k++)
    w[k] = net->weights[refs[k].layer][(gsize) refs[k].to * net->sizes[refs[k].layer]
                                       + refs[k].from];
  /* Translators: the heading of landscape's table; the weights are L:J:I, then their values
   * and how far the grid moves them */
  g_string_append_printf (s, _("Loss with weight %s (rows, now %.6g) and weight %s (columns, "
                               "now %.6g) each moved by −%g to +%g."),
                          first, w[0], second, w[1], span, span);
  g_string_append_c (s, '\n');
  if (data->n_points > 1 || data->with_penalty)
    /* Translators: %u counts the training points */
    g_string_append_printf (s, ngettext ("The loss is the mean over the %u training point "
                                         "plus the regularization penalty.",
                                         "The loss is the mean over the %u training points "
                                         "plus the regularization penalty.", data->n_points),
                            data->n_points);
  else
    g_string_append (s, _("The loss is the example’s."));
  g_string_append (s, "\n\n");
  g_string_append_printf (s, "%12s", "");
  for (guint j = 0; j < grid; j++)
    g_string_append_printf (s, " %12.6g", w[1] + bp_landscape_offset (span, grid, j));
  g_string_append_c (s, '\n');
  for (guint i = 0; i < grid; i++)
    {
      g_string_append_printf (s, "%12.6g", w[0] + bp_landscape_offset (span, grid, i));
      for (guint j = 0; j < grid; j++)
        g_string_append_printf (s, " %12.6g", values[(gsize) i * grid + j]);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static int
run_landscape (int    argc,
               char **argv)
{
  g_auto(LandscapeOptions) o = { 0, };
  GOptionEntry entries[] = {
    { "weights", 'w', 0, G_OPTION_ARG_STRING, &o.weights,
      N_("The two weights the grid moves, as weights[L][J][I] of the file (required)"),
      N_("L:J:I,L:J:I") },
    { "span", 0, 0, G_OPTION_ARG_STRING, &o.span,
      N_("How far the grid reaches on either side of each weight (default 1)"), N_("S") },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &o.grid,
      N_("Points on each side of the grid, odd (default 21)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print the results as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(BpFileSession) session = { 0 };
  g_auto(CliExamples) train = { 0 };
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *values = NULL;
  g_autofree char *text = NULL;
  BpFileExtras extras = { 0 };
  BpLandscapeData data = { 0 };
  BpWeightRef refs[2];
  double span = 1.0;
  guint grid = DEFAULT_GRID;
  int status = cli_parse_command_line (&cli_command_landscape, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  if (o.weights == NULL)
    /* Translators: the command and the option stay as they are */
    return cli_usage_error ("landscape", _("landscape needs --weights"));
  if ((o.span != NULL && !parse_span (o.span, &span, &error))
      || (o.grid != NULL && !parse_grid (o.grid, &grid, &error)))
    return cli_usage_error ("landscape", error->message);

  net = cli_load_network_full (argv[1], &extras, &session);
  if (net == NULL)
    return STATUS_BAD_INPUT;
  if (!parse_weights (o.weights, net, refs, &error))
    return cli_usage_error ("landscape", error->message);

  if (extras.mode == BP_FILE_MODE_DATASET && session.dataset != NULL
      && session.dataset->n_train > 0)
    {
      cli_examples_fill (&train, session.dataset,
                         extras.has_features ? extras.features : BP_FEATURES_DEFAULT, 0,
                         session.dataset->n_train);
      data = (BpLandscapeData) { train.inputs, train.targets, train.n, TRUE };
    }
  else
    data = (BpLandscapeData) { net->a[0], net->target, 1, FALSE };

  values = g_new (double, (gsize) grid * grid);
  bp_landscape_grid (net, refs, span, grid, &data, values);
  text = o.json ? landscape_json (refs, span, grid, values)
                : landscape_table (net, refs, span, grid, &data, values);
  return cli_write_stdout (text);
}

const Command cli_command_landscape = {
  "landscape", N_("FILE --weights L:J:I,L:J:I"),
  N_("Print the loss over a grid of values of two weights."), run_landscape,
};
