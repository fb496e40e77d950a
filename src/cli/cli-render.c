/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-render.c: `backprop-cli render`: the diagram of a network file as a PNG, SVG or PDF,
 * the same picture as the window's File → Export, made without a display. */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include <glib/gi18n.h>

#include "bp-export.h"
#include "bp-network.h"
#include "bp-playback.h"

/* The window's export: 1600 × 900 in the light palette (src/app/bp-window.c). */
#define DEFAULT_WIDTH 1600
#define DEFAULT_HEIGHT 900

typedef struct {
  char *output;
  char *width;
  char *height;
  char *palette;
  char *select;
  char *moment;
  gboolean boundary;
  gboolean test_points;
  gboolean discretize;
} RenderOptions;

static void
render_options_clear (RenderOptions *o)
{
  g_free (o->output);
  g_free (o->width);
  g_free (o->height);
  g_free (o->palette);
  g_free (o->select);
  g_free (o->moment);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RenderOptions, render_options_clear)

static gboolean
parse_format (const char      *output,
              BpExportFormat  *format,
              GError         **error)
{
  if (bp_export_format_for_name (output, format) && BP_EXPORT_IS_PICTURE (*format))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: --output and the endings .png, .svg and .pdf stay as they
                * are; %s is the file name given */
               _("--output: “%s” does not end in .png, .svg or .pdf"), output);
  return FALSE;
}

static gboolean
parse_palette (const char     *name,
               BpPaletteKind  *kind,
               GError        **error)
{
  *kind = BP_PALETTE_LIGHT;
  if (name == NULL || bp_palette_kind_from_string (name, kind))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: --palette and the palettes' names are what the command line
                * takes: keep them */
               _("--palette: unknown palette “%s” (use light, dark, high-contrast-light, "
                 "high-contrast-dark, colour-blind-light or colour-blind-dark)"), name);
  return FALSE;
}

static gboolean
parse_size (const char  *option,
            const char  *text,
            int          fallback,
            int         *size,
            GError     **error)
{
  guint64 value = fallback;

  if (text != NULL && !cli_parse_unsigned (option, text, BP_EXPORT_MIN_SIZE,
                                           BP_EXPORT_MAX_SIZE, &value, error))
    return FALSE;
  *size = (int) value;
  return TRUE;
}

/* Reads w:L:J:I, b:L:J or n:L:J into @selection, not yet checked against a network. */
static gboolean
parse_select (const char   *text,
              BpSelection  *selection,
              GError      **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint n = g_strv_length (parts);
  guint64 v[3] = { 0, 0, 0 };
  gboolean ok = n >= 3 && n <= 4;

  if (ok && g_str_equal (parts[0], "w"))
    *selection = (BpSelection) { BP_SELECTION_CONNECTION, 0, 0, 0 };
  else if (ok && g_str_equal (parts[0], "b"))
    *selection = (BpSelection) { BP_SELECTION_BIAS, 0, 0, 0 };
  else if (ok && g_str_equal (parts[0], "n"))
    *selection = (BpSelection) { BP_SELECTION_NODE, 0, 0, 0 };
  else
    ok = FALSE;
  ok = ok && n == (selection->kind == BP_SELECTION_CONNECTION ? 4u : 3u);
  for (guint k = 1; ok && k < n; k++)
    ok = g_ascii_string_to_unsigned (parts[k], 10, 0, G_MAXUINT, &v[k - 1], NULL);
  if (!ok)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: --select and w:L:J:I, b:L:J, n:L:J are what the command
                    * line takes: keep them; %s is the value given */
                   _("--select: “%s” is not w:L:J:I, b:L:J or n:L:J"), text);
      return FALSE;
    }
  selection->layer = (guint) v[0];
  selection->to = (guint) v[1];
  selection->from = (guint) v[2];
  return TRUE;
}

static gboolean
index_error (const char  *text,
             const char  *index,
             guint        layer,
             guint        size,
             GError     **error)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: --select stays as it is; the value given, then J or I (the
                * letter of the index that is too large), then a layer and its last neuron:
                * "--select: “w:0:5:1”: J is out of range: layer 1 has neurons 0 to 2" */
               _("--select: “%s”: %s is out of range: layer %u has neurons 0 to %u"),
               text, index, layer, size - 1);
  return FALSE;
}

/* Checks @selection against @net, naming the limits of the index that is out of range. */
static gboolean
check_select (const char         *text,
              const BpNet        *net,
              const BpSelection  *selection,
              GError            **error)
{
  gboolean node = selection->kind == BP_SELECTION_NODE;
  guint last_layer = node ? net->n_layers : net->n_layers - 1;
  guint to_layer = node ? selection->layer : selection->layer + 1;

  if (selection->layer > last_layer)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: --select and L stay as they are; the value given, then
                    * the largest layer this network has for it */
                   _("--select: “%s”: L is out of range: use 0 to %u"), text, last_layer);
      return FALSE;
    }
  if (selection->to >= net->sizes[to_layer])
    return index_error (text, "J", to_layer, net->sizes[to_layer], error);
  if (selection->kind == BP_SELECTION_CONNECTION
      && selection->from >= net->sizes[selection->layer])
    return index_error (text, "I", selection->layer, net->sizes[selection->layer], error);
  g_assert (bp_selection_valid (net, selection));
  return TRUE;
}

/* Reads update, forward:L, loss or backward:L, with an optional @P (0 … 1, how far the
 * phase has come; 1, its end, by default), into a moment of a network of @n_layers. */
static gboolean
parse_moment (const char  *text,
              guint        n_layers,
              BpMoment    *moment,
              GError     **error)
{
  g_auto(GStrv) at = g_strsplit (text, "@", 2);
  g_auto(GStrv) parts = g_strsplit (at[0], ":", 2);
  double progress = 1.0;
  guint64 layer = 0;
  char *end = NULL;
  gboolean ok = TRUE;

  if (at[1] != NULL)
    {
      progress = g_ascii_strtod (at[1], &end);
      ok = end != at[1] && *end == '\0' && progress >= 0.0 && progress <= 1.0;
    }
  if (ok && parts[1] != NULL)
    ok = g_ascii_string_to_unsigned (parts[1], 10, 0, n_layers, &layer, NULL);
  if (ok && g_str_equal (parts[0], "update") && parts[1] == NULL)
    *moment = bp_moment_at (n_layers, 0, progress);
  else if (ok && g_str_equal (parts[0], "forward") && parts[1] != NULL && layer >= 1)
    *moment = bp_moment_at (n_layers, (guint) layer, progress);
  else if (ok && g_str_equal (parts[0], "loss") && parts[1] == NULL)
    *moment = bp_moment_at (n_layers, n_layers + 1, progress);
  else if (ok && g_str_equal (parts[0], "backward") && parts[1] != NULL)
    *moment = bp_moment_at (n_layers, 2 * n_layers + 2 - (guint) layer, progress);
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: --moment and update, forward:L, loss, backward:L and @P
                    * stay as they are: they are what the command line takes; the value
                    * given, then the network's number of weight layers */
                   _("--moment: “%s” is not update, forward:L (L from 1 to %u), loss or "
                     "backward:L (L from 0 to %u), with an optional @P from 0 to 1"),
                   text, n_layers, n_layers);
      return FALSE;
    }
  return TRUE;
}

/* For a network in dataset mode, the maps its nodes show, as in the window; else NULL. */
static BpHeatmap *
maps_for (const BpNet        *net,
          const BpFileExtras *extras,
          const BpPalette    *palette)
{
  BpHeatmap *heatmap;

  if (!extras->has_mode || extras->mode != BP_FILE_MODE_DATASET)
    return NULL;
  heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  bp_heatmap_update (heatmap, net,
                     extras->has_features ? extras->features : BP_FEATURES_DEFAULT, palette);
  return heatmap;
}

/* Draws @net, or with @moment a moment of its next step, as the window shows the file: in
 * dataset mode the next mini-batch's first example with the batch's gradients, and every
 * node's map. */
static gboolean
export (const RenderOptions  *o,
        BpNet                *net,
        const BpFileExtras   *extras,
        const BpFileSession  *session,
        BpExportFormat        format,
        int                   width,
        int                   height,
        BpPaletteKind         palette,
        const BpSelection    *selection,
        GFile                *file,
        GError              **error)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpPlayback) playback = NULL;
  g_autoptr(BpHeatmap) heatmap = NULL;
  BpDiagramPicture picture = { .palette = bp_palette_get (palette), .selection = selection };
  BpMoment moment;

  if (!bp_network_load_net (network, bp_net_copy (net), extras, session, error))
    return FALSE;
  picture.health = bp_network_get_health (network);
  if (o->moment == NULL)
    {
      picture.net = bp_network_get_net (network);
      heatmap = maps_for (picture.net, extras, picture.palette);
      picture.heatmap = heatmap;
      return bp_export_diagram (&picture, format, width, height, file, error);
    }
  if (!parse_moment (o->moment, net->n_layers, &moment, error))
    return FALSE;
  playback = bp_playback_new (network);
  bp_playback_show_next_step (playback, TRUE);
  if (!bp_network_step (network, error))
    return FALSE;
  g_assert (bp_playback_hold_at (playback, &moment));
  heatmap = maps_for (bp_playback_get_after (playback), extras, picture.palette);
  picture.net = bp_playback_get_after (playback);
  picture.before = bp_playback_get_before (playback);
  picture.moment = bp_playback_get_moment (playback);
  picture.heatmap = heatmap;
  return bp_export_diagram (&picture, format, width, height, file, error);
}

/* --boundary: what a network trained on a dataset learned, over the input plane. */
static int
render_boundary (const RenderOptions *o,
                 const char          *path,
                 BpExportFormat       format,
                 int                  width,
                 int                  height,
                 BpPaletteKind        palette)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GFile) file = NULL;
  g_auto(BpFileSession) session = { 0 };
  BpFileExtras extras = { 0 };
  BpExportBoundaryOptions options = { o->test_points, o->discretize };

  if (o->select != NULL || o->moment != NULL)
    return cli_usage_error ("render",
                            /* Translators: the two options stay as they are */
                            _("--boundary draws no diagram: it takes neither --select nor "
                              "--moment"));
  net = cli_load_network_full (path, &extras, &session);
  if (net == NULL)
    return STATUS_BAD_INPUT;
  if (session.dataset == NULL || !extras.has_features)
    return cli_report (STATUS_BAD_INPUT, path,
                       /* Translators: --boundary and the command stay as they are */
                       _("--boundary needs a network trained on a dataset; "
                         "backprop-cli new --dataset makes one"));
  file = g_file_new_for_commandline_arg (o->output);
  if (!bp_export_boundary (net, extras.features, session.dataset, &options, format, width,
                           height, bp_palette_get (palette), file, &error))
    return cli_report (STATUS_BAD_INPUT, o->output, error->message);
  return STATUS_OK;
}

static int
render (const RenderOptions *o,
        const char          *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GFile) file = NULL;
  BpSelection selection = { BP_SELECTION_NONE, 0, 0, 0 };
  BpFileExtras extras = { 0 };
  g_auto(BpFileSession) session = { 0 };
  BpExportFormat format;
  BpPaletteKind palette;
  int width, height;

  if (!parse_format (o->output, &format, &error) ||
      !parse_palette (o->palette, &palette, &error) ||
      !parse_size ("--width", o->width, DEFAULT_WIDTH, &width, &error) ||
      !parse_size ("--height", o->height, DEFAULT_HEIGHT, &height, &error) ||
      (o->select != NULL && !parse_select (o->select, &selection, &error)))
    return cli_usage_error ("render", error->message);
  if (o->boundary)
    return render_boundary (o, path, format, width, height, palette);
  if (o->test_points || o->discretize)
    return cli_usage_error ("render",
                            /* Translators: the options stay as they are */
                            _("--test-points and --discretize go with --boundary"));

  net = cli_load_network_full (path, &extras, &session);
  if (net == NULL)
    return STATUS_BAD_INPUT;
  if (o->select != NULL && !check_select (o->select, net, &selection, &error))
    return cli_usage_error ("render", error->message);

  file = g_file_new_for_commandline_arg (o->output);
  if (!export (o, net, &extras, &session, format, width, height, palette, &selection, file,
               &error))
    {
      if (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE))
        return cli_usage_error ("render", error->message);
      return cli_report (STATUS_BAD_INPUT, o->output, error->message);
    }
  return STATUS_OK;
}

static int
run_render (int    argc,
            char **argv)
{
  g_auto(RenderOptions) o = { 0, };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      /* Translators: keep .png, .svg and .pdf as they are */
      N_("The picture to write, a name ending in .png, .svg or .pdf (required)"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_STRING, &o.width,
      N_("Width in pixels (points for PDF), 64 to 8000 (default 1600)"), N_("N") },
    { "height", 0, 0, G_OPTION_ARG_STRING, &o.height,
      N_("Height in pixels (points for PDF), 64 to 8000 (default 900)"), N_("N") },
    { "palette", 0, 0, G_OPTION_ARG_STRING, &o.palette,
      /* Translators: keep the palettes' names as they are: they are what the command line
       * takes */
      N_("Colours: light (default), dark, high-contrast-light, high-contrast-dark, "
         "colour-blind-light or colour-blind-dark"), N_("PALETTE") },
    { "select", 0, 0, G_OPTION_ARG_STRING, &o.select,
      /* Translators: keep w:L:J:I, b:L:J, n:L:J, weights[L][J][I] and biases[L][J] as
       * they are: they are what the command line takes and the file's notation */
      N_("Highlight an item with its numbers: a weight w:L:J:I (weights[L][J][I] in the "
         "file), a bias b:L:J (biases[L][J]) or a neuron n:L:J (neuron J of layer L, 0 the "
         "inputs)"),
      N_("ITEM") },
    { "moment", 0, 0, G_OPTION_ARG_STRING, &o.moment,
      /* Translators: keep update, forward:L, loss, backward:L and @P as they are: they are
       * what the command line takes */
      N_("Draw a moment of the network's next step, as the window shows it: update, "
         "forward:L, loss or backward:L (L the layer the pass reaches), at the phase's end "
         "or @P of the way (0 to 1)"),
      N_("PHASE") },
    { "boundary", 0, 0, G_OPTION_ARG_NONE, &o.boundary,
      N_("Draw what a network trained on a dataset learned instead of the diagram: its "
         "output over the input plane, with the training points"), NULL },
    { "test-points", 0, 0, G_OPTION_ARG_NONE, &o.test_points,
      N_("With --boundary, draw the test points too"), NULL },
    { "discretize", 0, 0, G_OPTION_ARG_NONE, &o.discretize,
      N_("With --boundary, split the output in two at its middle (0.5 for a sigmoid)"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  int status = cli_parse_command_line (&cli_command_render, entries, &argc, &argv, 1);

  if (status != STATUS_OK)
    return status;
  if (o.output == NULL)
    /* Translators: the command and the option stay as they are */
    return cli_usage_error ("render", _("render needs --output"));
  return render (&o, argv[1]);
}

const Command cli_command_render = {
  "render", N_("FILE --output FILE"),
  N_("Draw the network's diagram into a PNG, SVG or PDF file, as the window's export does."),
  run_render,
};
