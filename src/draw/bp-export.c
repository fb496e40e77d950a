/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-export.c: the diagram drawn by bp_diagram_draw_frame() into an image, SVG or PDF
 * surface, so a slide or a handout shows exactly what the window shows; vector output stays
 * vector. Each file is written whole and then renamed into place by bp_file_replace_safely(),
 * so a failed export (a full disk) leaves an older export of the same name as it was. */
#define G_LOG_DOMAIN "bp-export"

#include "config.h"

#include "bp-export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <string.h>

#include "bp-diagram-frame.h"
#include "bp-explain.h"
#include "bp-file.h"
#include "bp-heatmap.h"

/* The drawing is laid out for a window about this size; a larger export scales it up
 * whole, so that text and nodes keep their proportions on a slide. */
#define LAYOUT_WIDTH 960.0
#define LAYOUT_HEIGHT 600.0

static const char * const extensions[] = {
  [BP_EXPORT_PNG] = "png",
  [BP_EXPORT_SVG] = "svg",
  [BP_EXPORT_PDF] = "pdf",
  [BP_EXPORT_MARKDOWN] = "md",
  [BP_EXPORT_TORCH] = "py",
  [BP_EXPORT_LATEX] = "tex",
  [BP_EXPORT_TIMELINE_CSV] = "csv",
};

/**
 * bp_export_format_for_name:
 * @name: a file name
 * @format: (out): the format its extension names
 *
 * Returns: %TRUE if @name ends in .png, .svg, .pdf, .md, .py, .tex or .csv (in any case)
 */
gboolean
bp_export_format_for_name (const char     *name,
                           BpExportFormat *format)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (extensions); k++)
    if (g_ascii_strcasecmp (dot + 1, extensions[k]) == 0)
      {
        *format = k;
        return TRUE;
      }
  return FALSE;
}

const char *
bp_export_format_extension (BpExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (extensions), "png");
  return extensions[format];
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}


static void
draw_diagram (cairo_t  *cr,
              int       width,
              int       height,
              gpointer  data)
{
  const BpDiagramPicture *p = data;
  BpDiagramFrame frame = {
    .after = p->net,
    .phase = BP_PHASE_IDLE,
    .zoom = 1.0,
    .text_scale = 1.0,
    .palette = p->palette,
    .scale_factor = 1,
    .heatmap = p->heatmap,
    .health = p->health,
  };

  if (p->selection != NULL)
    frame.selection = *p->selection;
  if (p->unfold != NULL)
    frame.unfold = *p->unfold, frame.unfold_progress = 1.0;
  if (p->before != NULL && p->moment != NULL && p->moment->phase != BP_PHASE_IDLE)
    {
      frame.before = p->before;
      frame.phase = p->moment->phase;
      frame.layer = p->moment->layer;
      frame.progress = p->moment->progress;
    }
  bp_diagram_draw_frame (cr, width, height, &frame);
}

/* The surface a picture of @format is drawn on, writing into @out (PNG is written after). */
static cairo_surface_t *
create_surface (BpExportFormat  format,
                GByteArray     *out,
                int             width,
                int             height)
{
  cairo_surface_t *surface;

  if (format == BP_EXPORT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (append_cb, out, width, height);
      /* Pixels rather than points, so that the file is the size asked for on screen. */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else if (format == BP_EXPORT_PDF)
    surface = cairo_pdf_surface_create_for_stream (append_cb, out, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  return surface;
}

/* Whether @width × @height is a size an export may have. */
static gboolean
check_size (int      width,
            int      height,
            GError **error)
{
  if (width >= BP_EXPORT_MIN_SIZE && width <= BP_EXPORT_MAX_SIZE
      && height >= BP_EXPORT_MIN_SIZE && height <= BP_EXPORT_MAX_SIZE)
    return TRUE;
  g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
               /* Translators: width × height of an export in pixels, then the smallest
                * and the largest size allowed */
               _("The size %d × %d is outside %d to %d"), width, height,
               BP_EXPORT_MIN_SIZE, BP_EXPORT_MAX_SIZE);
  return FALSE;
}

static gboolean
check_surface (cairo_surface_t  *surface,
               GError          **error);

/* Ends drawing on @surface: for PNG writes the image into @out; the picture's bytes, or
 * NULL with @error set. Takes @out. */
static GBytes *
finish (cairo_surface_t  *surface,
        BpExportFormat    format,
        GByteArray       *out,
        GError          **error)
{
  g_autoptr(GByteArray) owned = out;
  gboolean ok;

  if (format == BP_EXPORT_PNG)
    cairo_surface_write_to_png_stream (surface, append_cb, owned);
  cairo_surface_finish (surface);
  ok = check_surface (surface, error);
  cairo_surface_destroy (surface);
  return ok ? g_byte_array_free_to_bytes (g_steal_pointer (&owned)) : NULL;
}

static gboolean
check_surface (cairo_surface_t  *surface,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  /* Translators: %s is the drawing library's (Cairo's) reason, in English */
  g_set_error (error, BP_ERROR, BP_ERROR_INVALID, _("The drawing failed: %s"),
               cairo_status_to_string (status));
  return FALSE;
}

/**
 * bp_export_picture_bytes:
 * @format: PNG, SVG or PDF
 * @width: the width, from %BP_EXPORT_MIN_SIZE to %BP_EXPORT_MAX_SIZE (pixels; points for PDF)
 * @height: the height, likewise
 * @layout_width: the width the drawing is laid out for, or 0 to draw at @width × @height
 * @layout_height: likewise
 * @draw_func: draws the picture at the size it is given
 * @user_data: for @draw_func
 * @error: return location for a #GError
 *
 * A picture in a file's format. A picture larger than its layout size is that layout scaled
 * up, so that text and lines keep their proportions as the window's do.
 *
 * Returns: (transfer full) (nullable): the file's contents, or %NULL on error
 */
GBytes *
bp_export_picture_bytes (BpExportFormat    format,
                         int               width,
                         int               height,
                         double            layout_width,
                         double            layout_height,
                         BpExportDrawFunc  draw_func,
                         gpointer          user_data,
                         GError          **error)
{
  g_autoptr(GByteArray) out = NULL;
  double scale = 1.0;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (BP_EXPORT_IS_PICTURE (format), NULL);
  g_return_val_if_fail (draw_func != NULL, NULL);

  if (!check_size (width, height, error))
    return NULL;
  if (layout_width > 0.0 && layout_height > 0.0)
    scale = MAX (1.0, MIN (width / layout_width, height / layout_height));
  out = g_byte_array_new ();
  surface = create_surface (format, out, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  draw_func (cr, (int) (width / scale), (int) (height / scale), user_data);
  cairo_destroy (cr);
  return finish (surface, format, g_steal_pointer (&out), error);
}

/**
 * bp_export_picture:
 * @format: PNG, SVG or PDF
 * @width: the width (pixels; points for PDF)
 * @height: the height
 * @layout_width: the width the drawing is laid out for, or 0
 * @layout_height: likewise
 * @draw_func: draws the picture
 * @user_data: for @draw_func
 * @file: where to write; replaced atomically
 * @error: return location for a #GError
 *
 * As bp_export_picture_bytes (), into @file.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_export_picture (BpExportFormat    format,
                   int               width,
                   int               height,
                   double            layout_width,
                   double            layout_height,
                   BpExportDrawFunc  draw_func,
                   gpointer          user_data,
                   GFile            *file,
                   GError          **error)
{
  g_autoptr(GBytes) bytes = bp_export_picture_bytes (format, width, height, layout_width,
                                                     layout_height, draw_func, user_data,
                                                     error);

  return bytes != NULL && bp_file_replace_safely (file, bytes, error);
}

/* A plot, what draws it and the palette whose background it is drawn on: see
 * bp_export_plot (). */
typedef struct {
  const BpPalette *palette;
  BpPlotDrawFunc draw_func;
  gconstpointer plot;
} BackedPlot;

static void
draw_backed_plot (cairo_t  *cr,
                  int       width,
                  int       height,
                  gpointer  data)
{
  const BackedPlot *backed = data;

  bp_color_set_source (cr, &backed->palette->background);
  cairo_paint (cr);
  backed->draw_func (cr, width, height, backed->plot);
}

/**
 * bp_export_plot:
 * @file: where to write, in the format its name ends in (.png, .svg or .pdf; PNG for any
 *   other name); replaced atomically
 * @width: the width, from %BP_EXPORT_MIN_SIZE to %BP_EXPORT_MAX_SIZE (pixels; points for PDF)
 * @height: the height, likewise
 * @palette: the colours, whose background the plot is drawn on
 * @draw_func: draws the plot (on the background) at the size asked for
 * @plot: for @draw_func
 * @error: return location for a #GError
 *
 * Writes a plot as a side panel's page shows it: laid out at the size asked for, not scaled
 * up from a smaller layout.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_export_plot (GFile            *file,
                int               width,
                int               height,
                const BpPalette  *palette,
                BpPlotDrawFunc    draw_func,
                gconstpointer     plot,
                GError          **error)
{
  g_autofree char *name = NULL;
  BpExportFormat format = BP_EXPORT_PNG;
  BackedPlot backed = { palette, draw_func, plot };

  g_return_val_if_fail (G_IS_FILE (file) && palette != NULL && draw_func != NULL, FALSE);

  name = g_file_get_basename (file);
  if (!bp_export_format_for_name (name, &format) || !BP_EXPORT_IS_PICTURE (format))
    format = BP_EXPORT_PNG;
  return bp_export_picture (format, width, height, 0.0, 0.0, draw_backed_plot, &backed, file,
                            error);
}

/**
 * bp_export_diagram_bytes:
 * @picture: what to draw: the network as it is now (required); the network before the step
 *   being shown and the moment of that step, as BpPlayback holds them (%NULL, or an idle
 *   moment, for the network at rest); the maps the nodes show in dataset mode; a neuron
 *   unfolded into its computation graph; the health record whose saturated and dead neurons
 *   get badges; the palette (required); the item to highlight with the box of its numbers,
 *   as the window does for its selection (each %NULL for none)
 * @format: PNG, SVG or PDF
 * @width: the width, from %BP_EXPORT_MIN_SIZE to %BP_EXPORT_MAX_SIZE (pixels; points for PDF)
 * @height: the height, likewise
 * @error: return location for a #GError
 *
 * Draws the diagram as the window shows it, at rest or at a moment of a step (its caption
 * and pulses included).
 *
 * Returns: (transfer full) (nullable): the file's contents, or %NULL on error
 */
GBytes *
bp_export_diagram_bytes (const BpDiagramPicture *picture,
                         BpExportFormat          format,
                         int                     width,
                         int                     height,
                         GError                **error)
{
  g_return_val_if_fail (picture != NULL, NULL);
  g_return_val_if_fail (picture->net != NULL && picture->palette != NULL, NULL);

  return bp_export_picture_bytes (format, width, height, LAYOUT_WIDTH, LAYOUT_HEIGHT,
                                  draw_diagram, (gpointer) picture, error);
}

/**
 * bp_export_boundary:
 * @net: a network trained on @dataset
 * @features: the features that feed its inputs
 * @dataset: (nullable): the points to draw over the map
 * @options: what to show: the test points too, the output discretised
 * @format: PNG, SVG or PDF
 * @width: the width (pixels; points for PDF)
 * @height: the height
 * @palette: the colours
 * @file: where to write; replaced atomically
 * @error: return location for a #GError
 *
 * Draws what the network learned over the input plane −6 … 6: its output as a map (the
 * decision boundary, or a regression surface), the training points, and the colour scale.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_export_boundary (const BpNet                *net,
                    BpFeatureSet                features,
                    const BpDataset            *dataset,
                    const BpExportBoundaryOptions *options,
                    BpExportFormat              format,
                    int                         width,
                    int                         height,
                    const BpPalette            *palette,
                    GFile                      *file,
                    GError                    **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(BpHeatmap) heatmap = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  BpHeatmapPanel panel = { 0 };

  g_return_val_if_fail (net != NULL && palette != NULL && G_IS_FILE (file), FALSE);
  g_return_val_if_fail (BP_EXPORT_IS_PICTURE (format), FALSE);
  g_return_val_if_fail (bp_feature_set_count (features) == net->sizes[0], FALSE);

  if (!check_size (width, height, error))
    return FALSE;
  heatmap = bp_heatmap_new (BP_HEATMAP_DEFAULT_GRID);
  bp_heatmap_set_discretize (heatmap, options != NULL && options->discretize);
  bp_heatmap_update (heatmap, net, features, palette);
  panel = (BpHeatmapPanel) {
    .heatmap = heatmap,
    .dataset = dataset,
    .show_test = options != NULL && options->show_test,
    .vector = format != BP_EXPORT_PNG,
    .palette = palette,
    .text_scale = 1.0,
  };
  surface = create_surface (format, out, width, height);
  cr = cairo_create (surface);
  bp_color_set_source (cr, &palette->background);
  cairo_paint (cr);
  bp_heatmap_draw_panel (cr, width, height, &panel);
  cairo_destroy (cr);
  bytes = finish (surface, format, g_steal_pointer (&out), error);
  return bytes != NULL && bp_file_replace_safely (file, bytes, error);
}

/**
 * bp_export_diagram:
 * @picture: what to draw (see bp_export_diagram_bytes())
 * @format: PNG, SVG or PDF
 * @width: the width (pixels; points for PDF)
 * @height: the height
 * @file: where to write; replaced atomically
 * @error: return location for a #GError
 *
 * Writes bp_export_diagram_bytes() to @file.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_export_diagram (const BpDiagramPicture *picture,
                   BpExportFormat          format,
                   int                     width,
                   int                     height,
                   GFile                  *file,
                   GError                **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = bp_export_diagram_bytes (picture, format, width, height, error);
  return bytes != NULL && bp_file_replace_safely (file, bytes, error);
}

/**
 * bp_export_markdown:
 * @net: the network
 * @file: where to write; replaced atomically
 * @error: return location for a #GError
 *
 * Writes the worked example of the current step, the text of `backprop-cli explain
 * --markdown`.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_export_markdown (const BpNet  *net,
                    GFile        *file,
                    GError      **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = bp_explain_markdown (net);
  bytes = g_bytes_new_static (text, strlen (text));
  return bp_file_replace_safely (file, bytes, error);
}

/**
 * bp_export_latex:
 * @net: the network
 * @file: where to write; replaced atomically
 * @error: return location for a #GError
 *
 * Writes the worked example of the current step as a LaTeX document for pdflatex, the text
 * of `backprop-cli explain --latex` (in English where pdflatex cannot set the language of
 * the user interface, see bp_explain_latex_in_ui_language()).
 *
 * Returns: %TRUE on success
 */
gboolean
bp_export_latex (const BpNet  *net,
                 GFile        *file,
                 GError      **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = bp_explain_latex (net);
  bytes = g_bytes_new_static (text, strlen (text));
  return bp_file_replace_safely (file, bytes, error);
}
