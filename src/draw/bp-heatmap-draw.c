/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-heatmap-draw.c: the maps of a BpHeatmap drawn with Cairo, as plain functions of
 * (cairo_t, size, data, palette) so that a widget, a PNG, an SVG or a PDF get the same
 * picture: the boundary panel (the output's map scaled to a square with axes −6 … 6, the
 * training and test points, the colour scale) and one neuron's small map in a rectangle.
 */
#define G_LOG_DOMAIN "bp-heatmap"

#include "config.h"

#include "bp-heatmap.h"

#include "bp-draw-text.h"
#include "bp-format.h"

#include <math.h>
#include <pango/pangocairo.h>

#define FONT_PX 11.0
#define TICK_STEP 2.0              /* ticks at −6, −4, … 6 */

/* The margins around the plane, in units of the font's size. */
#define PAD 0.5
#define LEFT_MARGIN 4.6            /* title, tick labels, ticks */
#define BOTTOM_MARGIN 3.4
#define TOP_MARGIN 0.8             /* half the top tick's label */
#define RIGHT_MARGIN 5.6           /* the colour scale and its labels */
#define TICK 0.35
#define BAR_GAP 1.1                /* between the plane and the colour scale */
#define BAR_WIDTH 0.9
#define POINT_RADIUS 0.3

static PangoLayout *
text_layout (cairo_t    *cr,
             double      text_scale,
             const char *text)
{
  return bp_draw_text_layout (cr, FONT_PX * text_scale, text);
}

/* Draws @text with the point (@x, @y) at its fraction (@ax, @ay) of its width and height:
 * (0.5, 0) centres it under the point, (1, 0.5) ends it left of the point. */
static void
show_text (cairo_t         *cr,
           const char      *text,
           const BpPalette *palette,
           double           text_scale,
           double           x,
           double           y,
           double           ax,
           double           ay)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text_scale, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - ax * w, y - ay * h);
  bp_color_set_source (cr, &palette->text);
  pango_cairo_show_layout (cr, layout);
}

static void
show_number (cairo_t         *cr,
             double           value,
             const BpPalette *palette,
             double           text_scale,
             double           x,
             double           y,
             double           ax,
             double           ay)
{
  char text[BP_NUMBER_SIZE];

  bp_format_number_into (value, BP_NUMBER_FORMULA, text, sizeof text);
  show_text (cr, text, palette, text_scale, x, y, ax, ay);
}

/* Paints @surface stretched over the rectangle, its cells blended smoothly and its edge
 * cells reaching the rectangle's edges. */
static void
paint_map (cairo_t         *cr,
           cairo_surface_t *surface,
           double           x,
           double           y,
           double           width,
           double           height)
{
  int grid = cairo_image_surface_get_width (surface);
  cairo_pattern_t *pattern;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, width / grid, height / grid);
  cairo_set_source_surface (cr, surface, 0, 0);
  pattern = cairo_get_source (cr);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_axes (cairo_t             *cr,
           const BpHeatmapPlot *plot,
           const BpPalette     *palette,
           double               text_scale)
{
  double f = FONT_PX * text_scale;
  double tick = TICK * f;
  double bottom = plot->y + plot->size;

  bp_color_set_source (cr, &palette->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, plot->x - 0.5, plot->y - 0.5, plot->size + 1, plot->size + 1);
  cairo_stroke (cr);

  for (double v = -BP_DATASET_RANGE; v <= BP_DATASET_RANGE + 1e-9; v += TICK_STEP)
    {
      double x, y;

      bp_heatmap_plane_to_plot (plot, v, v, &x, &y);
      bp_color_set_source (cr, &palette->dim_text);
      cairo_move_to (cr, x, bottom + 0.5);
      cairo_line_to (cr, x, bottom + 0.5 + tick);
      cairo_move_to (cr, plot->x - 0.5, y);
      cairo_line_to (cr, plot->x - 0.5 - tick, y);
      cairo_stroke (cr);
      show_number (cr, v, palette, text_scale, x, bottom + 1.5 * tick, 0.5, 0.0);
      show_number (cr, v, palette, text_scale, plot->x - 1.5 * tick, y, 1.0, 0.5);
    }
  show_text (cr, bp_feature_display_name (BP_FEATURE_X1), palette, text_scale,
             plot->x + plot->size / 2, bottom + BOTTOM_MARGIN * f - PAD * f, 0.5, 1.0);
  show_text (cr, bp_feature_display_name (BP_FEATURE_X2), palette, text_scale,
             plot->x - LEFT_MARGIN * f + PAD * f, plot->y + plot->size / 2, 0.0, 0.5);
}

/* The points' labels are drawn in this many shades along the scale (classes take its ends). */
#define N_SHADES 33

/* A point: a filled circle in its label's colour with an outline; a test point wears a ring
 * of the background's colour inside its outline, so it reads apart from the training points
 * in every palette and without colour. */
static void
draw_point (cairo_t         *cr,
            double           x,
            double           y,
            double           radius,
            const BpColor   *fill,
            gboolean         test,
            const BpPalette *palette)
{
  double line = MAX (1.0, 0.25 * radius);
  double ring = test ? MAX (1.5, 0.45 * radius) : 0.0;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius + ring + line, 0, 2 * G_PI);
  bp_color_set_source (cr, &palette->node_outline);
  cairo_fill (cr);
  if (test)
    {
      cairo_arc (cr, x, y, radius + ring, 0, 2 * G_PI);
      bp_color_set_source (cr, &palette->background);
      cairo_fill (cr);
    }
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  bp_color_set_source (cr, fill);
  cairo_fill (cr);
}

/* Pixels drawn unscaled (an image, or GTK's recording that becomes pixels) take the points
 * as copies of one small picture per colour: Cairo fills three small circles in about 5 µs,
 * so 500 points cost several milliseconds a frame, and copies a tenth of that. An SVG or
 * PDF keeps them as vectors. */
static gboolean
can_stamp (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));
  cairo_matrix_t m;

  cairo_get_matrix (cr, &m);
  return (type == CAIRO_SURFACE_TYPE_IMAGE || type == CAIRO_SURFACE_TYPE_RECORDING)
         && m.xx == 1.0 && m.yy == 1.0 && m.xy == 0.0 && m.yx == 0.0;
}

/* The picture of a point, its centre at (half + ½, half + ½). */
static cairo_surface_t *
make_stamp (const BpPalette *palette,
            const BpColor   *fill,
            double           radius,
            gboolean         test,
            int              half)
{
  cairo_surface_t *stamp = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * half + 1,
                                                       2 * half + 1);
  cairo_t *cr = cairo_create (stamp);

  draw_point (cr, half + 0.5, half + 0.5, radius, fill, test, palette);
  cairo_destroy (cr);
  return stamp;
}

/* Points from @first to @last − 1, training or test points. */
static void
draw_point_set (cairo_t              *cr,
                const BpHeatmapPlot  *plot,
                const BpHeatmapPanel *panel,
                const guint8         *shades,
                guint                 first,
                guint                 last,
                gboolean              test)
{
  /* Points grow with the plane, not with the text: hundreds of them must leave the map
   * between them visible. */
  double radius = CLAMP (POINT_RADIUS * plot->size / 24.0, 2.0, 5.0);
  int half = (int) ceil (radius + MAX (1.5, 0.45 * radius) + MAX (1.0, 0.25 * radius)) + 1;
  cairo_surface_t *stamps[N_SHADES] = { NULL };
  gboolean stamp = !panel->vector && can_stamp (cr);

  for (guint i = first; i < last; i++)
    {
      const BpPoint *p = &panel->dataset->points[i];
      BpColor fill = bp_heat_color (panel->palette, (double) shades[i] / (N_SHADES - 1));
      double x, y;

      bp_heatmap_plane_to_plot (plot, p->x1, p->x2, &x, &y);
      if (!stamp)
        {
          draw_point (cr, x, y, radius, &fill, test, panel->palette);
          continue;
        }
      if (stamps[shades[i]] == NULL)
        stamps[shades[i]] = make_stamp (panel->palette, &fill, radius, test, half);
      /* Whole device pixels, so that the copy is not resampled. */
      cairo_user_to_device (cr, &x, &y);
      x = floor (x) - half;
      y = floor (y) - half;
      cairo_device_to_user (cr, &x, &y);
      cairo_set_source_surface (cr, stamps[shades[i]], x, y);
      cairo_rectangle (cr, x, y, 2 * half + 1, 2 * half + 1);
      cairo_fill (cr);
    }
  for (guint k = 0; k < N_SHADES; k++)
    g_clear_pointer (&stamps[k], cairo_surface_destroy);
}

static void
draw_points (cairo_t              *cr,
             const BpHeatmapPlot  *plot,
             const BpHeatmapPanel *panel,
             BpHeatScale           scale)
{
  const BpDataset *dataset = panel->dataset;
  g_autofree guint8 *shades = g_new (guint8, MAX (dataset->n_points, 1));

  for (guint i = 0; i < dataset->n_points; i++)
    shades[i] = (guint8) lround (bp_heat_scale_position (scale, dataset->points[i].label) *
                                 (N_SHADES - 1));
  cairo_save (cr);
  cairo_rectangle (cr, plot->x, plot->y, plot->size, plot->size);
  cairo_clip (cr);
  draw_point_set (cr, plot, panel, shades, 0, dataset->n_train, FALSE);
  if (panel->show_test)
    draw_point_set (cr, plot, panel, shades, dataset->n_train, dataset->n_points, TRUE);
  cairo_restore (cr);
}

/* The scale of the points' labels: the output's, or before an update the usual one of the
 * dataset's kind. */
static BpHeatScale
label_scale (const BpHeatmapPanel *panel,
             gboolean              ready)
{
  if (ready)
    return bp_heatmap_get_output_scale (panel->heatmap);
  return bp_heat_scale_of_activation (panel->dataset->kind == BP_DATASET_CLASSIFICATION
                                      ? BP_ACTIVATION_SIGMOID : BP_ACTIVATION_LINEAR);
}

/* Public API */

/**
 * bp_heatmap_panel_layout:
 * @width: the panel's width
 * @height: its height
 * @text_scale: 1 for the usual text size
 * @plot: (out): where bp_heatmap_draw_panel() puts the plane
 *
 * The plane is the largest square that leaves room for the axes and the colour scale,
 * centred in what is left; a panel too small for it gets a square of side 0.
 */
void
bp_heatmap_panel_layout (int            width,
                         int            height,
                         double         text_scale,
                         BpHeatmapPlot *plot)
{
  double f = FONT_PX * text_scale;
  double room_w = width - (LEFT_MARGIN + RIGHT_MARGIN) * f;
  double room_h = height - (TOP_MARGIN + BOTTOM_MARGIN) * f;

  plot->size = floor (MAX (0.0, MIN (room_w, room_h)));
  plot->x = round (LEFT_MARGIN * f + (room_w - plot->size) / 2);
  plot->y = round (TOP_MARGIN * f + (room_h - plot->size) / 2);
}

/**
 * bp_heatmap_plot_to_plane:
 * @plot: where the plane is drawn
 * @x: a point of the drawing
 * @y: a point of the drawing
 * @x1: (out): the point of the plane under it (beyond −6 … 6 outside the square)
 * @x2: (out): the point of the plane under it
 */
void
bp_heatmap_plot_to_plane (const BpHeatmapPlot *plot,
                          double               x,
                          double               y,
                          double              *x1,
                          double              *x2)
{
  double side = 2.0 * BP_DATASET_RANGE;
  double size = MAX (plot->size, 1e-9);

  *x1 = -BP_DATASET_RANGE + side * (x - plot->x) / size;
  *x2 = BP_DATASET_RANGE - side * (y - plot->y) / size;
}

/**
 * bp_heatmap_plane_to_plot:
 * @plot: where the plane is drawn
 * @x1: a point of the plane
 * @x2: a point of the plane
 * @x: (out): where it is drawn
 * @y: (out): where it is drawn
 */
void
bp_heatmap_plane_to_plot (const BpHeatmapPlot *plot,
                          double               x1,
                          double               x2,
                          double              *x,
                          double              *y)
{
  double side = 2.0 * BP_DATASET_RANGE;

  *x = plot->x + (x1 + BP_DATASET_RANGE) / side * plot->size;
  *y = plot->y + (BP_DATASET_RANGE - x2) / side * plot->size;
}

/**
 * bp_heatmap_draw_panel:
 * @cr: a context
 * @width: the panel's width
 * @height: its height
 * @panel: what to draw
 *
 * Draws the output's map of @panel's heatmap (its middle colour until an update) over the
 * plane, or the map of the neuron it names, the axes with ticks every 2, the training points
 * (and the test points if asked) in their labels' colours on the output's scale, and the
 * map's colour scale with its numbers.
 */
void
bp_heatmap_draw_panel (cairo_t              *cr,
                       int                   width,
                       int                   height,
                       const BpHeatmapPanel *panel)
{
  gboolean ready = panel->heatmap != NULL && bp_heatmap_is_ready (panel->heatmap);
  BpHeatScale scale = { 0.0, 0.5, 1.0 };
  gboolean discrete = FALSE;
  double f = FONT_PX * panel->text_scale;
  BpHeatmapPlot plot;

  g_return_if_fail (cr != NULL && panel != NULL && panel->palette != NULL);

  bp_heatmap_panel_layout (width, height, panel->text_scale, &plot);
  cairo_save (cr);
  bp_color_set_source (cr, &panel->palette->background);
  cairo_paint (cr);
  if (plot.size <= 0)
    {
      cairo_restore (cr);
      return;
    }
  if (ready && panel->show_neuron)
    {
      scale = bp_heatmap_get_scale (panel->heatmap, panel->layer, panel->neuron);
      bp_heatmap_draw_neuron (cr, panel->heatmap, panel->layer, panel->neuron, plot.x, plot.y,
                              plot.size, plot.size);
      discrete = FALSE;
    }
  else if (ready)
    {
      scale = bp_heatmap_get_output_scale (panel->heatmap);
      paint_map (cr, bp_heatmap_get_output (panel->heatmap), plot.x, plot.y, plot.size,
                 plot.size);
      discrete = bp_heatmap_get_discretize (panel->heatmap);
    }
  else
    {
      bp_color_set_source (cr, &panel->palette->heat_middle);
      cairo_rectangle (cr, plot.x, plot.y, plot.size, plot.size);
      cairo_fill (cr);
    }
  draw_axes (cr, &plot, panel->palette, panel->text_scale);
  if (panel->dataset != NULL)
    draw_points (cr, &plot, panel, label_scale (panel, ready));
  bp_heatmap_draw_scale (cr, scale, discrete, panel->palette, panel->text_scale,
                         plot.x + plot.size + BAR_GAP * f, plot.y, plot.size);
  cairo_restore (cr);
}

/**
 * bp_heatmap_draw_neuron:
 * @cr: a context, clipped as the caller likes (to a node's circle, say)
 * @heatmap: a heatmap after an update
 * @layer: a layer, 0 to L
 * @neuron: a neuron of it
 * @x: the rectangle the plane −6 … 6 × −6 … 6 fills
 * @y: the rectangle
 * @width: the rectangle
 * @height: the rectangle
 *
 * Draws the neuron's map, continuous on its own scale (bp_heatmap_get_scale()).
 */
void
bp_heatmap_draw_neuron (cairo_t         *cr,
                        const BpHeatmap *heatmap,
                        guint            layer,
                        guint            neuron,
                        double           x,
                        double           y,
                        double           width,
                        double           height)
{
  cairo_surface_t *surface;

  g_return_if_fail (cr != NULL && heatmap != NULL);

  surface = bp_heatmap_get_neuron (heatmap, layer, neuron);
  if (surface != NULL && width > 0 && height > 0)
    paint_map (cr, surface, x, y, width, height);
}

/**
 * bp_heatmap_draw_scale:
 * @cr: a context
 * @scale: the numbers of the scale
 * @discrete: show the two colours of a discretised map, split at the middle
 * @palette: the colours
 * @text_scale: 1 for the usual text size
 * @x: the left edge of the bar
 * @y: the top of the bar (the high end)
 * @height: the bar's height
 *
 * A vertical bar of the scale's colours, high at the top, with ticks and numbers at its low
 * end, middle and high end.
 */
void
bp_heatmap_draw_scale (cairo_t         *cr,
                       BpHeatScale      scale,
                       gboolean         discrete,
                       const BpPalette *palette,
                       double           text_scale,
                       double           x,
                       double           y,
                       double           height)
{
  double f = FONT_PX * text_scale;
  double w = BAR_WIDTH * f;
  const double values[3] = { scale.high, scale.middle, scale.low };
  cairo_pattern_t *ramp = cairo_pattern_create_linear (0, y, 0, y + height);

  for (guint k = 0; k <= 4; k++)
    {
      double t = 1.0 - k / 4.0;
      BpColor c = bp_heat_map_color (palette, discrete ? (t >= 0.5 ? 1.0 : 0.0) : t);

      /* Two stops at the middle make a discretised bar's edge sharp. */
      if (discrete && k == 2)
        {
          BpColor hi = bp_heat_map_color (palette, 1.0);

          cairo_pattern_add_color_stop_rgb (ramp, 0.5, hi.red, hi.green, hi.blue);
          c = bp_heat_map_color (palette, 0.0);
        }
      cairo_pattern_add_color_stop_rgb (ramp, k / 4.0, c.red, c.green, c.blue);
    }
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, height);
  cairo_set_source (cr, ramp);
  cairo_fill_preserve (cr);
  bp_color_set_source (cr, &palette->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  for (guint k = 0; k < 3; k++)
    {
      double ty = y + height * k / 2.0;

      bp_color_set_source (cr, &palette->dim_text);
      cairo_move_to (cr, x + w, ty);
      cairo_line_to (cr, x + w + TICK * f, ty);
      cairo_stroke (cr);
      show_number (cr, values[k], palette, text_scale, x + w + 1.5 * TICK * f, ty, 0.0, 0.5);
    }
  cairo_restore (cr);
  cairo_pattern_destroy (ramp);
}
