/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-diagram.c: the network diagram. Drawing tests read pixels from an image surface
 * (colour and width of a connection by its gradient, contrast, layout of the largest
 * network); widget tests check the animation of a step, reduced motion, the selection and
 * the accessible description. */
#define G_LOG_DOMAIN "test-diagram"

#include "config.h"

#include "bp-diagram-private.h"
#include "bp-format.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#define W 1280
#define H 800

/* ---------------------------------------------------------------------------------------
 * Helpers
 */

/* One input fanning out to three linear hidden neurons and one sigmoid output: the lines
 * never cross, and the hidden-to-output weights 1, −0.6, 0.15 give the input's three
 * connections gradients of both signs and of clearly different sizes. */
static BpNet *
make_fan_net (void)
{
  static const guint sizes[] = { 1, 3, 1 };
  static const BpActivation activations[] = { BP_ACTIVATION_LINEAR, BP_ACTIVATION_SIGMOID };
  static const double w0[] = { 1.0, 0.5, -0.8 };
  static const double w1[] = { 1.0, -0.6, 0.15 };
  g_autoptr(GError) error = NULL;
  BpNet *net = bp_net_new (3, sizes, activations, BP_LOSS_SQUARED_ERROR, &error);

  g_assert_no_error (error);
  net->learning_rate = 0.5;
  for (guint j = 0; j < 3; j++)
    {
      bp_net_set_weight (net, 0, j, 0, w0[j]);
      bp_net_set_weight (net, 1, 0, j, w1[j]);
    }
  net->a[0][0] = 1.0;
  net->target[0] = 0.9;
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

static BpNet *
make_wide_net (guint n_layers,
               guint width)
{
  guint sizes[BP_MAX_LAYERS + 1];
  BpActivation activations[BP_MAX_LAYERS];
  BpNet *net;

  for (guint l = 0; l <= n_layers; l++)
    sizes[l] = width;
  for (guint l = 0; l < n_layers; l++)
    activations[l] = BP_ACTIVATION_TANH;
  net = bp_net_new (n_layers + 1, sizes, activations, BP_LOSS_SQUARED_ERROR, NULL);
  g_assert_nonnull (net);
  net->learning_rate = 0.1;
  bp_net_init_seeded (net, 3);
  for (guint i = 0; i < width; i++)
    net->a[0][i] = sin (i + 1.0);
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

typedef struct {
  cairo_surface_t *surface;
  BpDiagramFrame frame;
} Drawing;

static void
draw (Drawing   *d,
      BpNet     *net,
      BpPaletteKind kind)
{
  cairo_t *cr;

  d->frame = (BpDiagramFrame) {
    .after = net, .zoom = 1.0, .text_scale = 1.0, .palette = bp_palette_get (kind),
  };
  d->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cr = cairo_create (d->surface);
  bp_diagram_draw_frame (cr, W, H, &d->frame);
  cairo_destroy (cr);
  cairo_surface_flush (d->surface);
}

static void
drawing_clear (Drawing *d)
{
  g_clear_pointer (&d->surface, cairo_surface_destroy);
}

static void
pixel (cairo_surface_t *surface,
       double           x,
       double           y,
       double           rgb[3])
{
  int ix = CLAMP ((int) floor (x), 0, cairo_image_surface_get_width (surface) - 1);
  int iy = CLAMP ((int) floor (y), 0, cairo_image_surface_get_height (surface) - 1);
  const guint8 *row = cairo_image_surface_get_data (surface)
                      + iy * cairo_image_surface_get_stride (surface);
  guint32 argb = ((const guint32 *) row)[ix];

  rgb[0] = (argb >> 16 & 0xff) / 255.0;
  rgb[1] = (argb >> 8 & 0xff) / 255.0;
  rgb[2] = (argb & 0xff) / 255.0;
}

static double
distance (const double rgb[3], const BpColor *c)
{
  return sqrt ((rgb[0] - c->red) * (rgb[0] - c->red) + (rgb[1] - c->green) * (rgb[1] - c->green)
               + (rgb[2] - c->blue) * (rgb[2] - c->blue));
}

static void
endpoints (Drawing *d,
           guint    layer,
           guint    to,
           guint    from,
           BpDiagramBox *a,
           BpDiagramBox *b)
{
  g_assert_true (bp_diagram_frame_node_box (W, H, &d->frame, layer, from, a));
  g_assert_true (bp_diagram_frame_node_box (W, H, &d->frame, layer + 1, to, b));
}

/* How many of 41 points along the middle of a connection have each of the two colours. */
static void
count_colours (Drawing       *d,
               guint          layer,
               guint          to,
               guint          from,
               const BpColor *c1,
               const BpColor *c2,
               guint         *n1,
               guint         *n2)
{
  BpDiagramBox a, b;

  endpoints (d, layer, to, from, &a, &b);
  *n1 = *n2 = 0;
  for (guint k = 0; k <= 40; k++)
    {
      double t = 0.3 + 0.4 * k / 40.0, rgb[3];

      pixel (d->surface, a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, rgb);
      *n1 += distance (rgb, c1) < 0.1;
      *n2 += distance (rgb, c2) < 0.1;
    }
}

/* The stroke width across a connection: the coverage of its colour summed along a
 * perpendicular, the largest over points along the middle (a dash may have a gap there). */
static double
stroke_width (Drawing       *d,
              guint          layer,
              guint          to,
              guint          from,
              const BpColor *color)
{
  const BpColor *bg = &d->frame.palette->background;
  double span[3] = { color->red - bg->red, color->green - bg->green, color->blue - bg->blue };
  double span2 = span[0] * span[0] + span[1] * span[1] + span[2] * span[2];
  BpDiagramBox a, b;
  double dx, dy, len, best = 0.0;

  endpoints (d, layer, to, from, &a, &b);
  dx = b.x - a.x;
  dy = b.y - a.y;
  len = hypot (dx, dy);
  for (guint k = 0; k <= 30; k++)
    {
      double t = 0.35 + 0.3 * k / 30.0, sum = 0.0;
      double cx = a.x + dx * t, cy = a.y + dy * t;

      for (double s = -14.0; s <= 14.0; s += 0.125)
        {
          double rgb[3], cover;

          pixel (d->surface, cx - dy / len * s, cy + dx / len * s, rgb);
          cover = ((rgb[0] - bg->red) * span[0] + (rgb[1] - bg->green) * span[1]
                   + (rgb[2] - bg->blue) * span[2]) / span2;
          sum += CLAMP (cover, 0.0, 1.0) * 0.125;
        }
      best = MAX (best, sum);
    }
  return best;
}

static double
luminance (const BpColor *c,
           const BpColor *over)
{
  double rgb[3] = {
    c->red * c->alpha + over->red * (1 - c->alpha),
    c->green * c->alpha + over->green * (1 - c->alpha),
    c->blue * c->alpha + over->blue * (1 - c->alpha),
  };

  for (guint k = 0; k < 3; k++)
    rgb[k] = rgb[k] <= 0.04045 ? rgb[k] / 12.92 : pow ((rgb[k] + 0.055) / 1.055, 2.4);
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

static double
contrast (const BpColor *fg,
          const BpColor *bg)
{
  double l1 = luminance (fg, bg), l2 = luminance (bg, bg);

  return (MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05);
}

/* ---------------------------------------------------------------------------------------
 * Drawing tests
 */

static void
check_sign_colours (BpPaletteKind kind)
{
  g_autoptr(BpNet) net = make_fan_net ();
  Drawing d = { 0 };
  const BpPalette *p = bp_palette_get (kind);
  guint n_positive = 0, n_negative = 0;

  draw (&d, net, kind);
  for (guint j = 0; j < 3; j++)
    {
      double g = bp_net_weight_gradient (net, 0, j, 0);
      guint n_fall, n_rise;

      count_colours (&d, 0, j, 0, &p->fall, &p->rise, &n_fall, &n_rise);
      if (g > 0)
        {
          n_positive++;
          /* Dashed: some points fall in the gaps, but many are teal and none orange. */
          g_assert_cmpuint (n_fall, >=, 10);
          g_assert_cmpuint (n_rise, ==, 0);
        }
      else
        {
          n_negative++;
          g_assert_cmpuint (n_rise, >=, 35);
          g_assert_cmpuint (n_fall, ==, 0);
        }
    }
  /* The network was made so that both signs occur. */
  g_assert_cmpuint (n_positive, >=, 1);
  g_assert_cmpuint (n_negative, >=, 1);
  drawing_clear (&d);
}

static void
test_sign_colours_light (void)
{
  check_sign_colours (BP_PALETTE_LIGHT);
}

static void
test_sign_colours_dark (void)
{
  check_sign_colours (BP_PALETTE_DARK);
}

/* The widths of the fan network's three input connections, and their gradients. */
static void
fan_widths (BpNet  *net,
            double  g[3],
            double  w[3])
{
  Drawing d = { 0 };
  const BpPalette *p = bp_palette_get (BP_PALETTE_LIGHT);

  draw (&d, net, BP_PALETTE_LIGHT);
  for (guint j = 0; j < 3; j++)
    {
      g[j] = bp_net_weight_gradient (net, 0, j, 0);
      w[j] = stroke_width (&d, 0, j, 0, g[j] > 0 ? &p->fall : &p->rise);
      g_test_message ("connection x1 → h%u: dL/dw %g, width %.2f px", j + 1, g[j], w[j]);
    }
  drawing_clear (&d);
}

static void
test_width_orders_by_gradient (void)
{
  g_autoptr(BpNet) net = make_fan_net ();
  double g[3], w[3];

  fan_widths (net, g, w);
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      if (fabs (g[i]) > 3.0 * fabs (g[j]))
        g_assert_cmpfloat (w[i], >, w[j] + 0.5);
      else if (fabs (g[i]) > fabs (g[j]))
        g_assert_cmpfloat (w[i], >=, w[j] - 0.1);
}

/* The width is absolute: the same network with every gradient ten times smaller (its
 * output ten times closer to the target) draws every line clearly thinner, where a width
 * relative to the largest gradient would draw the same picture. */
static void
test_width_is_absolute (void)
{
  g_autoptr(BpNet) net = make_fan_net ();
  double g[3], w[3], g_small[3], w_small[3];
  double y = net->a[net->n_layers][0];

  fan_widths (net, g, w);
  net->target[0] = y - (y - net->target[0]) / 10.0;
  bp_net_forward (net);
  bp_net_backward (net);
  fan_widths (net, g_small, w_small);
  for (guint j = 0; j < 3; j++)
    {
      g_assert_cmpfloat_with_epsilon (g_small[j], g[j] / 10.0, fabs (g[j]) * 1e-9);
      /* Inside the scale (1e-4 to 1), a tenth of the gradient is an eighth of the range. */
      g_assert_cmpfloat (fabs (g_small[j]), >, 1e-4);
      g_assert_cmpfloat (fabs (g[j]), <, 1.0);
      g_assert_cmpfloat (w_small[j], <, w[j] - 1.0);
    }
}

/* A deep tanh chain whose weights of 2 saturate every neuron: each layer back multiplies
 * the gradient by about 2 · tanh′ ≈ 0.16, so the first layer's is over a hundred times
 * smaller than the last one's, and its line is thinner. */
static void
test_width_shows_vanishing_gradients (void)
{
  static const guint sizes[] = { 1, 1, 1, 1, 1 };
  BpActivation activations[G_N_ELEMENTS (sizes) - 1];
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNet) net = NULL;
  const BpPalette *p = bp_palette_get (BP_PALETTE_LIGHT);
  guint last = G_N_ELEMENTS (sizes) - 2;
  Drawing d = { 0 };
  double g_first, g_last, w_first, w_last;

  for (guint l = 0; l <= last; l++)
    activations[l] = BP_ACTIVATION_TANH;
  net = bp_net_new (G_N_ELEMENTS (sizes), sizes, activations, BP_LOSS_SQUARED_ERROR, &error);
  g_assert_no_error (error);
  for (guint l = 0; l <= last; l++)
    bp_net_set_weight (net, l, 0, 0, 2.0);
  net->a[0][0] = 1.0;
  net->target[0] = -1.0;
  bp_net_forward (net);
  bp_net_backward (net);
  g_first = bp_net_weight_gradient (net, 0, 0, 0);
  g_last = bp_net_weight_gradient (net, last, 0, 0);
  g_assert_cmpfloat (fabs (g_first) * 100.0, <, fabs (g_last));

  draw (&d, net, BP_PALETTE_LIGHT);
  w_first = stroke_width (&d, 0, 0, 0, g_first > 0 ? &p->fall : &p->rise);
  w_last = stroke_width (&d, last, 0, 0, g_last > 0 ? &p->fall : &p->rise);
  g_test_message ("first layer: dL/dw %g, width %.2f px; last: dL/dw %g, width %.2f px",
                  g_first, w_first, g_last, w_last);
  g_assert_cmpfloat (w_first, >, 0.5);    /* still visible */
  g_assert_cmpfloat (w_first, <, w_last - 2.0);
  drawing_clear (&d);
}

static void
test_zero_gradient_is_neutral (void)
{
  g_autoptr(BpNet) net = make_fan_net ();
  Drawing d = { 0 };
  const BpPalette *p = bp_palette_get (BP_PALETTE_LIGHT);

  /* With input 0 every input weight has dL/dw = 0: grey hairlines, neither teal nor orange. */
  net->a[0][0] = 0.0;
  bp_net_forward (net);
  bp_net_backward (net);
  draw (&d, net, BP_PALETTE_LIGHT);
  for (guint j = 0; j < 3; j++)
    {
      guint n_fall, n_rise;

      g_assert_cmpfloat (bp_net_weight_gradient (net, 0, j, 0), ==, 0.0);
      count_colours (&d, 0, j, 0, &p->fall, &p->rise, &n_fall, &n_rise);
      g_assert_cmpuint (n_fall + n_rise, ==, 0);
    }
  drawing_clear (&d);
}

/* A network of 72 connections: enough that the diagram keeps each weight layer as a
 * raster and writes the lines' pixels itself, when it draws into an image surface. */
static BpNet *
make_raster_net (void)
{
  static const guint sizes[] = { 8, 8, 1 };
  static const BpActivation activations[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  BpNet *net = bp_net_new (3, sizes, activations, BP_LOSS_SQUARED_ERROR, NULL);

  g_assert_nonnull (net);
  net->learning_rate = 0.5;
  bp_net_init_seeded (net, 5);
  for (guint i = 0; i < 8; i++)
    net->a[0][i] = sin (i * 1.7 + 0.3);
  net->target[0] = 0.9;
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

/* Draws @frame at twice the size, either through a device scale (the raster path, as for
 * a HiDPI widget) or through the user matrix (then the lines are Cairo's own strokes, as
 * in an SVG). */
static cairo_surface_t *
draw_twice_size (const BpDiagramFrame *frame,
                 gboolean              vector)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * W, 2 * H);
  cairo_t *cr;

  if (vector)
    {
      cr = cairo_create (surface);
      cairo_scale (cr, 2.0, 2.0);
    }
  else
    {
      cairo_surface_set_device_scale (surface, 2.0, 2.0);
      cr = cairo_create (surface);
    }
  bp_diagram_draw_frame (cr, W, H, frame);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Compares the pixels of two drawings at twice the size in a rectangle given in units:
 * on average within 1 %, and hardly any by more than a quarter. */
static void
assert_same_region (cairo_surface_t *raster,
                    cairo_surface_t *vector,
                    double           x0,
                    double           y0,
                    double           x1,
                    double           y1,
                    const char      *what)
{
  const guint8 *a = cairo_image_surface_get_data (raster);
  const guint8 *b = cairo_image_surface_get_data (vector);
  int stride = cairo_image_surface_get_stride (raster);
  guint32 bg = ((const guint32 *) b)[0];
  double sum = 0.0;
  guint n = 0, n_far = 0, n_ink = 0;

  for (int y = (int) (2 * y0); y < 2 * y1; y++)
    for (int x = (int) (2 * x0); x < 2 * x1; x++)
      {
        guint32 pa = ((const guint32 *) (a + y * stride))[x];
        guint32 pb = ((const guint32 *) (b + y * stride))[x];
        int far = 0;

        for (guint c = 0; c < 24; c += 8)
          {
            int d = abs ((int) (pa >> c & 0xff) - (int) (pb >> c & 0xff));

            sum += d / 255.0;
            far = MAX (far, d);
          }
        n++;
        n_far += far > 64;
        n_ink += pb != bg;
      }
  g_test_message ("%s: %u pixels, %.1f %% drawn on, mean difference %.4f, %.2f %% differ "
                  "by more than a quarter", what, n, 100.0 * n_ink / n, sum / (3 * n),
                  100.0 * n_far / n);
  /* The region is full of things drawn, and they are where Cairo puts them. */
  g_assert_cmpfloat (n_ink, >, 0.1 * n);
  g_assert_cmpfloat (sum / (3 * n), <, 0.01);
  g_assert_cmpfloat (n_far, <, 0.005 * n);
}

/* The connections the diagram writes into its raster look like Cairo's strokes of the same
 * lines (colour, width, dashes and antialiasing), and its cached node discs like the
 * nodes drawn as vectors. */
static void
test_raster_matches_vector (void)
{
  g_autoptr(BpNet) net = make_raster_net ();

  for (BpPaletteKind kind = BP_PALETTE_LIGHT; kind <= BP_PALETTE_DARK; kind++)
    {
      BpDiagramFrame frame = {
        .after = net, .zoom = 1.0, .text_scale = 1.0, .palette = bp_palette_get (kind),
      };
      cairo_surface_t *raster = draw_twice_size (&frame, FALSE);
      cairo_surface_t *vector = draw_twice_size (&frame, TRUE);
      BpDiagramBox first, last, hidden;
      double top, bottom;

      g_assert_true (bp_diagram_frame_node_box (W, H, &frame, 0, 0, &first));
      g_assert_true (bp_diagram_frame_node_box (W, H, &frame, 0, 7, &last));
      g_assert_true (bp_diagram_frame_node_box (W, H, &frame, 1, 0, &hidden));
      top = first.y - first.half_height;
      bottom = last.y + last.half_height;
      assert_same_region (raster, vector, first.x + first.half_width + 2, top,
                          hidden.x - hidden.half_width - 2, bottom, "connections");
      /* The top of each input node: ring, tint and the start of the activation's arc,
       * above the text (whose glyphs are placed a little differently under a scale). */
      for (guint i = 0; i < 8; i++)
        {
          BpDiagramBox node;

          g_assert_true (bp_diagram_frame_node_box (W, H, &frame, 0, i, &node));
          assert_same_region (raster, vector, node.x - node.half_width - 2,
                              node.y - node.half_height - 2, node.x + node.half_width + 2,
                              node.y - 0.55 * node.half_height, "top of a node");
        }
      cairo_surface_destroy (raster);
      cairo_surface_destroy (vector);
    }
}

/* Inputs and targets carry a handle that says they can be dragged up and down, in every
 * palette: an arrow above the node, drawn in the dim text colour, where a hidden neuron
 * (here h2, with nothing above it) shows the background. */
static void
test_drag_handles (void)
{
  g_autoptr(BpNet) net = make_fan_net ();

  for (BpPaletteKind kind = 0; kind < BP_N_PALETTES; kind++)
    {
      const BpPalette *p = bp_palette_get (kind);
      Drawing d = { 0 };
      BpDiagramBox input, handle, target_handle, hidden;
      double rgb[3];

      BpColor handle_colour = {
        p->background.red * (1 - p->dim_text.alpha) + p->dim_text.red * p->dim_text.alpha,
        p->background.green * (1 - p->dim_text.alpha) + p->dim_text.green * p->dim_text.alpha,
        p->background.blue * (1 - p->dim_text.alpha) + p->dim_text.blue * p->dim_text.alpha,
        1.0,
      };
      cairo_t *cr;

      /* On the window's background, as the diagram shows it. */
      d.frame = (BpDiagramFrame) { .after = net, .zoom = 1.0, .text_scale = 1.0, .palette = p };
      d.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
      cr = cairo_create (d.surface);
      bp_color_set_source (cr, &p->background);
      cairo_paint (cr);
      bp_diagram_draw_frame (cr, W, H, &d.frame);
      cairo_destroy (cr);
      cairo_surface_flush (d.surface);
      g_assert_true (bp_diagram_frame_node_box (W, H, &d.frame, 0, 0, &input));
      g_assert_true (bp_diagram_frame_handle_box (W, H, &d.frame, 0, 0, &handle));
      g_assert_true (bp_diagram_frame_handle_box (W, H, &d.frame, 3, 0, &target_handle));
      g_assert_false (bp_diagram_frame_handle_box (W, H, &d.frame, 1, 1, &hidden));
      g_assert_false (bp_diagram_frame_handle_box (W, H, &d.frame, 2, 0, &hidden));
      g_assert_false (bp_diagram_frame_handle_box (W, H, &d.frame, 4, 0, &hidden));
      /* Above the node, clear of it, and large enough to see. */
      g_assert_cmpfloat (handle.y + handle.half_height, <, input.y - input.half_height);
      g_assert_cmpfloat (handle.half_width, >=, 3.0);

      pixel (d.surface, handle.x, handle.y + handle.half_height * 0.5, rgb);
      g_assert_cmpfloat (distance (rgb, &handle_colour), <, 0.1);
      pixel (d.surface, target_handle.x, target_handle.y + target_handle.half_height * 0.5, rgb);
      g_assert_cmpfloat (distance (rgb, &handle_colour), <, 0.1);
      /* The mirror image below the input. */
      pixel (d.surface, handle.x, 2 * input.y - handle.y - handle.half_height * 0.5, rgb);
      g_assert_cmpfloat (distance (rgb, &handle_colour), <, 0.1);

      g_assert_true (bp_diagram_frame_node_box (W, H, &d.frame, 1, 1, &hidden));
      pixel (d.surface, hidden.x, hidden.y - (input.y - handle.y) + handle.half_height * 0.5,
             rgb);
      g_assert_cmpfloat (distance (rgb, &p->background), <, 0.1);
      drawing_clear (&d);
    }
}

static void
test_palette_contrast (void)
{
  for (BpPaletteKind kind = 0; kind < BP_N_PALETTES; kind++)
    {
      const BpPalette *p = bp_palette_get (kind);

      g_test_message ("palette %d: text %.2f, dim %.2f, rise %.2f, fall %.2f", kind,
                      contrast (&p->text, &p->background), contrast (&p->dim_text, &p->background),
                      contrast (&p->rise, &p->background), contrast (&p->fall, &p->background));
      g_assert_cmpfloat (contrast (&p->text, &p->background), >=, 4.5);
      g_assert_cmpfloat (contrast (&p->dim_text, &p->background), >=, 4.5);
      g_assert_cmpfloat (contrast (&p->rise, &p->background), >=, 3.0);
      g_assert_cmpfloat (contrast (&p->fall, &p->background), >=, 3.0);
      g_assert_cmpfloat (contrast (&p->selection, &p->background), >=, 3.0);
      g_assert_cmpfloat (contrast (&p->target, &p->background), >=, 3.0);
      g_assert_cmpfloat (contrast (&p->loss, &p->background), >=, 3.0);
    }
}

static void
test_format_value (void)
{
  static const double values[] = {
    NAN, INFINITY, -INFINITY, 0.0, -0.0, 0.5, -0.5, 0.46213, 1e-7, -9.9996e-5, 0.0123,
    123.456, 98765.4, -1e300, 4.9e-324, 0.1, 0.09999,
  };
  char text[BP_DIAGRAM_VALUE_SIZE];

  for (guint k = 0; k < G_N_ELEMENTS (values); k++)
    {
      g_autofree char *lower = NULL;

      bp_format_number_into (values[k], BP_NUMBER_NODE, text, sizeof text);
      lower = g_ascii_strdown (text, -1);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_null (strstr (lower, "nan"));
      g_assert_null (strstr (lower, "inf"));
      g_assert_cmpuint (g_utf8_strlen (text, -1), <=, 9);
    }
  bp_format_number_into (NAN, BP_NUMBER_NODE, text, sizeof text);
  g_assert_cmpstr (text, ==, "—");
  bp_format_number_into (-0.5, BP_NUMBER_NODE, text, sizeof text);
  g_assert_cmpstr (text, ==, "−0.500");
  bp_format_number_into (0.0123, BP_NUMBER_NODE, text, sizeof text);
  g_assert_cmpstr (text, ==, "0.0123");
  bp_format_number_into (-9.9996e-5, BP_NUMBER_NODE, text, sizeof text);
  g_assert_cmpstr (text, ==, "−1.00e−4");
}

static void
test_non_finite_draws (void)
{
  g_autoptr(BpNet) net = make_fan_net ();
  g_autoptr(BpNet) before = make_fan_net ();
  const BpPalette *p = bp_palette_get (BP_PALETTE_LIGHT);
  Drawing d = { 0 };
  guint n_fall, n_rise;

  /* A diverged state: every value downstream of h1 is NaN. */
  net->a[1][0] = NAN;
  net->z[1][0] = NAN;
  net->delta[1][0] = NAN;
  net->delta[2][0] = NAN;
  net->a[2][0] = NAN;
  net->loss = NAN;
  draw (&d, net, BP_PALETTE_LIGHT);
  count_colours (&d, 0, 0, 0, &p->fall, &p->rise, &n_fall, &n_rise);
  g_assert_cmpuint (n_fall + n_rise, ==, 0);
  drawing_clear (&d);

  /* And every phase of an animation into that state, with the info box of each node. */
  for (BpPhase phase = BP_PHASE_UPDATE; phase <= BP_PHASE_BACKWARD; phase++)
    for (guint c = 0; c <= 2; c++)
      {
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 400);
        cairo_t *cr = cairo_create (surface);
        BpDiagramFrame frame = {
          .before = before, .after = net, .phase = phase, .progress = 0.5, .zoom = 1.0,
          .text_scale = 1.0, .hover = { BP_SELECTION_NODE, c, 0, 0 },
          .selection = { BP_SELECTION_CONNECTION, 1, 0, 0 },
        };

        bp_diagram_draw_frame (cr, 640, 400, &frame);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

static gboolean
boxes_overlap (const BpDiagramBox *a,
               const BpDiagramBox *b)
{
  return fabs (a->x - b->x) < a->half_width + b->half_width
         && fabs (a->y - b->y) < a->half_height + b->half_height;
}

static void
check_layout (const BpNet *net,
              int          width,
              int          height,
              double       zoom)
{
  BpDiagramFrame frame = { .after = net, .zoom = zoom, .text_scale = 1.0 };
  g_autoptr(BpDiagramCache) cache = bp_diagram_cache_new ();
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (BpDiagramBox));
  guint L = net->n_layers;

  frame.cache = cache;
  for (guint c = 0; c <= L + 2; c++)
    {
      guint n = c <= L ? net->sizes[c] : c == L + 1 ? net->sizes[L] : 1;

      for (guint i = 0; i < n; i++)
        {
          BpDiagramBox b;

          g_assert_true (bp_diagram_frame_node_box (width, height, &frame, c, i, &b));
          g_assert_cmpfloat (b.x - b.half_width, >=, 0.0);
          g_assert_cmpfloat (b.x + b.half_width, <=, width);
          g_assert_cmpfloat (b.y - b.half_height, >=, 0.0);
          g_assert_cmpfloat (b.y + b.half_height, <=, height);
          g_assert_cmpfloat (b.half_height, >=, 3.0);
          g_array_append_val (boxes, b);
        }
    }
  g_test_message ("%s network at %d×%d, zoom %g", net->n_layers == 2 ? "small" : "large",
                  width, height, zoom);
  for (guint i = 0; i < boxes->len; i++)
    for (guint j = i + 1; j < boxes->len; j++)
      g_assert_false (boxes_overlap (&g_array_index (boxes, BpDiagramBox, i),
                                     &g_array_index (boxes, BpDiagramBox, j)));
}

static void
test_layout_largest (void)
{
  g_autoptr(BpNet) wide = make_wide_net (8, 16);
  g_autoptr(BpNet) small = make_fan_net ();
  g_autoptr(BpNet) deep = make_wide_net (8, 2);

  check_layout (wide, W, H, 1.0);
  check_layout (wide, 500, 350, 1.0);
  check_layout (wide, 3840, 2160, 2.0);
  check_layout (small, 500, 350, 1.0);
  /* Zoom for a projector: the widget asks for 320 × 220 px per unit of zoom. */
  check_layout (small, 1280, 800, 2.0);
  check_layout (small, 1280, 880, 4.0);
  check_layout (small, 3840, 2160, 4.0);
  check_layout (wide, 1280, 880, 4.0);
  check_layout (deep, 500, 350, 1.0);
}

static void
test_hit (void)
{
  g_autoptr(BpNet) net = make_fan_net ();
  BpDiagramFrame frame = { .after = net, .zoom = 1.0, .text_scale = 1.0 };
  BpDiagramBox a, b;
  BpSelection hit;

  g_assert_true (bp_diagram_frame_node_box (W, H, &frame, 1, 2, &b));
  g_assert_true (bp_diagram_frame_hit (W, H, &frame, b.x, b.y, &hit));
  g_assert_cmpint (hit.kind, ==, BP_SELECTION_NODE);
  g_assert_cmpuint (hit.layer, ==, 1);
  g_assert_cmpuint (hit.to, ==, 2);

  g_assert_true (bp_diagram_frame_node_box (W, H, &frame, 0, 0, &a));
  g_assert_true (bp_diagram_frame_hit (W, H, &frame, (a.x + b.x) / 2, (a.y + b.y) / 2, &hit));
  g_assert_cmpint (hit.kind, ==, BP_SELECTION_CONNECTION);
  g_assert_cmpuint (hit.layer, ==, 0);
  g_assert_cmpuint (hit.to, ==, 2);
  g_assert_cmpuint (hit.from, ==, 0);

  /* The target beside the output, and empty space. */
  g_assert_true (bp_diagram_frame_node_box (W, H, &frame, 3, 0, &b));
  g_assert_true (bp_diagram_frame_hit (W, H, &frame, b.x, b.y, &hit));
  g_assert_cmpuint (hit.layer, ==, 3);
  g_assert_false (bp_diagram_frame_hit (W, H, &frame, 2, H / 2.0, &hit));
  g_assert_cmpint (hit.kind, ==, BP_SELECTION_NONE);
}

static BpNet *
make_sized_net (guint        n_sizes,
                const guint *sizes)
{
  BpActivation activations[BP_MAX_LAYERS];
  BpNet *net;

  for (guint l = 0; l + 1 < n_sizes; l++)
    activations[l] = l + 2 < n_sizes ? BP_ACTIVATION_TANH : BP_ACTIVATION_SIGMOID;
  net = bp_net_new (n_sizes, sizes, activations, BP_LOSS_SQUARED_ERROR, NULL);
  g_assert_nonnull (net);
  bp_net_init_seeded (net, 7);
  for (guint i = 0; i < sizes[0]; i++)
    net->a[0][i] = cos (i + 0.5);
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

/* The info box of @sel, and asserts it is inside the diagram and leaves every one of
 * @item visible. */
static void
check_info_box (const BpNet        *net,
                BpDiagramCache     *cache,
                int                 width,
                int                 height,
                const BpSelection  *sel,
                gboolean            hovered,
                const BpDiagramBox *item,
                guint               n_item)
{
  BpDiagramFrame frame = { .after = net, .zoom = 1.0, .text_scale = 1.0, .cache = cache };
  BpDiagramBox box;

  if (hovered)
    frame.hover = *sel;
  else
    frame.selection = *sel;
  g_assert_true (bp_diagram_frame_info_box (width, height, &frame, &box));
  g_assert_cmpfloat (box.x - box.half_width, >=, 0.0);
  g_assert_cmpfloat (box.y - box.half_height, >=, 0.0);
  g_assert_cmpfloat (box.x + box.half_width, <=, width);
  g_assert_cmpfloat (box.y + box.half_height, <=, height);
  for (guint k = 0; k < n_item; k++)
    if (boxes_overlap (&box, &item[k]))
      g_error ("at %d×%d the box of (%d, %u, %u, %u) at %g,%g ±%g,%g covers %g,%g ±%g,%g",
               width, height, sel->kind, sel->layer, sel->to, sel->from, box.x, box.y,
               box.half_width, box.half_height, item[k].x, item[k].y, item[k].half_width,
               item[k].half_height);
}

/* Every node, target, the loss and every connection of @net, selected and hovered. */
static void
check_info_boxes (const BpNet *net,
                  int          width,
                  int          height)
{
  g_autoptr(BpDiagramCache) cache = bp_diagram_cache_new ();
  BpDiagramFrame frame = { .after = net, .zoom = 1.0, .text_scale = 1.0, .cache = cache };
  guint L = net->n_layers;

  for (guint c = 0; c <= L + 2; c++)
    {
      guint n = c <= L ? net->sizes[c] : c == L + 1 ? net->sizes[L] : 1;

      for (guint i = 0; i < n; i++)
        {
          BpSelection sel = { BP_SELECTION_NODE, c, i, 0 };
          BpDiagramBox item[2];
          guint n_item = 1;

          g_assert_true (bp_diagram_frame_node_box (width, height, &frame, c, i, &item[0]));
          /* An output and its target: selecting y1 must not hide t1, nor t1 hide y1. */
          if (c == L || c == L + 1)
            g_assert_true (bp_diagram_frame_node_box (width, height, &frame,
                                                      c == L ? L + 1 : L, i, &item[n_item++]));
          check_info_box (net, cache, width, height, &sel, FALSE, item, n_item);
          check_info_box (net, cache, width, height, &sel, TRUE, item, n_item);
        }
    }
  for (guint l = 0; l < L; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      for (guint i = 0; i < net->sizes[l]; i++)
        {
          BpSelection sel = { BP_SELECTION_CONNECTION, l, j, i };
          BpDiagramBox item[3];

          g_assert_true (bp_diagram_frame_node_box (width, height, &frame, l, i, &item[0]));
          g_assert_true (bp_diagram_frame_node_box (width, height, &frame, l + 1, j, &item[1]));
          /* Nor, in a network small enough to leave room, the middle of its line. */
          if (net->n_layers == 2)
            item[2] = (BpDiagramBox) { (item[0].x + item[1].x) / 2.0,
                                                 (item[0].y + item[1].y) / 2.0, 0.5, 0.5 };
          check_info_box (net, cache, width, height, &sel, FALSE, item,
                          net->n_layers == 2 ? 3 : 2);
          check_info_box (net, cache, width, height, &sel, TRUE, item,
                          net->n_layers == 2 ? 3 : 2);
        }
}

/* The box with the numbers never covers what it describes: a node and its target, or a
 * connection's two end nodes, whatever the network and the window. */
static void
test_info_box_placement (void)
{
  static const guint small_sizes[] = { 2, 3, 1 };
  static const guint medium_sizes[] = { 3, 4, 2 };
  static const int sizes[][2] = { { 800, 500 }, { 1280, 800 }, { 1920, 1080 } };
  g_autoptr(BpNet) small = make_sized_net (3, small_sizes);
  g_autoptr(BpNet) medium = make_sized_net (3, medium_sizes);
  g_autoptr(BpNet) wide = make_wide_net (8, 16);
  g_autoptr(BpNet) deep = make_wide_net (6, 4);
  g_autoptr(BpNet) fan = make_fan_net ();

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      check_info_boxes (small, sizes[k][0], sizes[k][1]);
      check_info_boxes (medium, sizes[k][0], sizes[k][1]);
      check_info_boxes (wide, sizes[k][0], sizes[k][1]);
      check_info_boxes (deep, sizes[k][0], sizes[k][1]);
      check_info_boxes (fan, sizes[k][0], sizes[k][1]);
    }
  check_info_boxes (small, 640, 400);
}

/* Every value of @net, at @width × @height and @zoom, is no wider than its node's room. */
static void
check_values_fit (const BpNet *net,
                  int          width,
                  int          height,
                  double       zoom)
{
  g_autoptr(BpDiagramCache) cache = bp_diagram_cache_new ();
  BpDiagramFrame frame = { .after = net, .zoom = zoom, .text_scale = 1.0, .cache = cache };
  guint L = net->n_layers;

  for (guint c = 0; c <= L + 2; c++)
    {
      guint n = c <= L ? net->sizes[c] : c == L + 1 ? net->sizes[L] : 1;

      for (guint i = 0; i < n; i++)
        {
          double room = 0.0;
          double w = bp_diagram_frame_value_width (width, height, &frame, c, i, &room);

          g_assert_cmpfloat (w, >, 0.0);
          if (w > room + 0.5)
            g_error ("at %d×%d, zoom %g, the value of (%u, %u) is %g px wide in %g px",
                     width, height, zoom, c, i, w, room);
        }
    }
}

/* A value as long as −1.93e137 stays inside its node, and so do the target's and the
 * loss's: shortened, or in a smaller font; an ordinary value keeps its usual form. */
static void
test_values_fit (void)
{
  static const guint sizes[] = { 2, 3, 1 };
  static const double extreme[] = { -1.93e137, -9.87e-300, 123456.7, -1e300, -0.000123 };
  static const int windows[][2] = { { 800, 500 }, { 1280, 800 }, { 1920, 1080 } };
  g_autoptr(BpNet) net = make_sized_net (3, sizes);
  BpDiagramFrame frame = { .after = net, .zoom = 1.0, .text_scale = 1.0 };
  double room, usual, shown;

  for (guint k = 0; k < G_N_ELEMENTS (extreme); k++)
    {
      net->a[0][0] = extreme[k];
      net->a[0][1] = -extreme[k];
      net->a[1][1] = extreme[(k + 1) % G_N_ELEMENTS (extreme)];
      net->a[2][0] = extreme[(k + 2) % G_N_ELEMENTS (extreme)];
      net->target[0] = extreme[(k + 3) % G_N_ELEMENTS (extreme)];
      net->loss = fabs (extreme[(k + 4) % G_N_ELEMENTS (extreme)]) * 3.1;
      for (guint s = 0; s < G_N_ELEMENTS (windows); s++)
        {
          check_values_fit (net, windows[s][0], windows[s][1], 1.0);
          check_values_fit (net, windows[s][0], windows[s][1], 2.0);
        }
    }

  /* −0.500 is as wide as −0.123: usual values are neither shortened nor shrunk. */
  net->a[0][0] = -0.5;
  usual = bp_diagram_frame_value_width (W, H, &frame, 0, 0, &room);
  net->a[0][0] = -0.123;
  shown = bp_diagram_frame_value_width (W, H, &frame, 0, 0, &room);
  g_assert_cmpfloat (fabs (usual - shown), <, 0.01);
  net->a[0][0] = -1.93e137;
  shown = bp_diagram_frame_value_width (W, H, &frame, 0, 0, &room);
  g_assert_cmpfloat (shown, <=, room);
}

static void
assert_selection (const BpSelection *sel,
                  BpSelectionKind    kind,
                  guint              layer,
                  guint              to,
                  guint              from)
{
  g_assert_cmpint (sel->kind, ==, kind);
  g_assert_cmpuint (sel->layer, ==, layer);
  g_assert_cmpuint (sel->to, ==, to);
  if (kind == BP_SELECTION_CONNECTION)
    g_assert_cmpuint (sel->from, ==, from);
}

static void
test_keyboard (void)
{
  g_autoptr(BpNet) net = make_fan_net ();
  BpSelection sel = { BP_SELECTION_NONE, 0, 0, 0 };

  /* Tab with nothing selected leaves the diagram; an arrow starts at x1. */
  g_assert_false (bp_diagram_selection_move (net, &sel, GDK_KEY_Tab, 0));
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Down, 0));
  assert_selection (&sel, BP_SELECTION_NODE, 0, 0, 0);
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Right, 0));
  assert_selection (&sel, BP_SELECTION_NODE, 1, 0, 0);
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Down, 0));
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Down, 0));
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Down, 0));
  assert_selection (&sel, BP_SELECTION_NODE, 1, 2, 0);
  /* Right into the shorter output column lands on its last node. */
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Right, 0));
  assert_selection (&sel, BP_SELECTION_NODE, 2, 0, 0);
  /* Right from an output selects the loss; Left comes back; the loss is the last stop. */
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Right, 0));
  assert_selection (&sel, BP_SELECTION_NODE, 4, 0, 0);
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Down, 0));
  assert_selection (&sel, BP_SELECTION_NODE, 4, 0, 0);
  g_assert_false (bp_diagram_selection_move (net, &sel, GDK_KEY_Tab, 0));
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Left, 0));
  assert_selection (&sel, BP_SELECTION_NODE, 2, 0, 0);
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Left, 0));
  assert_selection (&sel, BP_SELECTION_NODE, 1, 0, 0);

  /* Tab: the node's first outgoing connection, then on in reading order. Past the last
   * connection Tab is not used, so that focus can leave the diagram: no keyboard trap. */
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Tab, 0));
  assert_selection (&sel, BP_SELECTION_CONNECTION, 1, 0, 0);
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Tab, 0));
  assert_selection (&sel, BP_SELECTION_CONNECTION, 1, 0, 1);
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Tab, 0));
  assert_selection (&sel, BP_SELECTION_CONNECTION, 1, 0, 2);
  g_assert_false (bp_diagram_selection_move (net, &sel, GDK_KEY_Tab, 0));
  assert_selection (&sel, BP_SELECTION_CONNECTION, 1, 0, 2);
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_selection (&sel, BP_SELECTION_CONNECTION, 1, 0, 1);
  sel = (BpSelection) { BP_SELECTION_CONNECTION, 1, 0, 0 };
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_selection (&sel, BP_SELECTION_CONNECTION, 0, 2, 0);
  sel = (BpSelection) { BP_SELECTION_CONNECTION, 0, 0, 0 };
  g_assert_false (bp_diagram_selection_move (net, &sel, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  assert_selection (&sel, BP_SELECTION_CONNECTION, 0, 0, 0);
  /* Up/Down swing the far end; Left/Right go to the ends. */
  sel = (BpSelection) { BP_SELECTION_CONNECTION, 0, 1, 0 };
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Down, 0));
  assert_selection (&sel, BP_SELECTION_CONNECTION, 0, 2, 0);
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Right, 0));
  assert_selection (&sel, BP_SELECTION_NODE, 1, 2, 0);
  /* Shortcuts pass through; Escape clears, then passes through. */
  g_assert_false (bp_diagram_selection_move (net, &sel, GDK_KEY_Tab, GDK_CONTROL_MASK));
  g_assert_false (bp_diagram_selection_move (net, &sel, GDK_KEY_plus, GDK_CONTROL_MASK));
  g_assert_true (bp_diagram_selection_move (net, &sel, GDK_KEY_Escape, 0));
  g_assert_cmpint (sel.kind, ==, BP_SELECTION_NONE);
  g_assert_false (bp_diagram_selection_move (net, &sel, GDK_KEY_Escape, 0));
}

/* ---------------------------------------------------------------------------------------
 * Widget tests
 */

typedef struct {
  BpNetwork *network;
  BpPlayback *playback;
  BpDiagram *diagram;
  GtkWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  (void) data;
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  f->network = bp_network_new ();
  f->playback = bp_playback_new (f->network);
  f->diagram = BP_DIAGRAM (bp_diagram_new ());
  bp_diagram_set_playback (f->diagram, f->playback);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 600);
  gtk_window_set_child (f->window, GTK_WIDGET (f->diagram));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->playback);
  g_assert_finalize_object (f->network);
}

static void
iterate_until (Fixture   *f,
               gboolean (*done) (Fixture *f),
               double     seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!done (f) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
step (Fixture  *f,
      gboolean  animate)
{
  g_autoptr(GError) error = NULL;

  if (animate)
    bp_playback_show_next_step (f->playback, FALSE);
  g_assert_true (bp_network_step (f->network, &error));
  g_assert_no_error (error);
}

/* The value the diagram writes in neuron (@layer, @index) when hovered, as its info box
 * and its description have it. */
static char *
hover_text (Fixture *f,
            guint    layer,
            guint    index)
{
  BpDiagramFrame frame;

  bp_diagram_fill_frame (f->diagram, &frame);
  frame.hover = (BpSelection) { BP_SELECTION_NODE, layer, index, 0 };
  return bp_diagram_frame_info_text (900, 600, &frame);
}

static gboolean
text_has_number (const char *text,
                 double      value)
{
  g_autofree char *number = bp_format_number (value, BP_NUMBER_FORMULA);

  return strstr (text, number) != NULL;
}

/* The diagram draws its playback's moment: a hidden neuron's value changes when the forward
 * pulse reaches it, its δ when the backward wave does. */
static void
test_animation (Fixture       *f,
                gconstpointer  data)
{
  gint64 t = G_USEC_PER_SEC;
  double a_old, a_new, d_old, d_new;

  (void) data;
  step (f, FALSE);
  g_assert_false (bp_playback_get_busy (f->playback));
  a_old = bp_network_get_net (f->network)->a[1][0];
  d_old = bp_network_get_net (f->network)->delta[1][0];
  step (f, TRUE);
  a_new = bp_network_get_net (f->network)->a[1][0];
  d_new = bp_network_get_net (f->network)->delta[1][0];
  g_assert_cmpfloat (a_old, !=, a_new);
  g_assert_true (bp_diagram_get_playback (f->diagram) == f->playback);
  g_assert_cmpint (bp_playback_get_phase (f->playback), ==, BP_PHASE_UPDATE);
  {
    g_autofree char *text = hover_text (f, 1, 0);

    g_assert_true (text_has_number (text, a_old));
  }
  /* Forward pass into the hidden layer done (0.6 s + 0.4 s): the new value; its δ old. */
  bp_playback_advance (f->playback, t);
  bp_playback_advance (f->playback, t + 1050000);
  g_assert_cmpint (bp_playback_get_phase (f->playback), ==, BP_PHASE_FORWARD);
  {
    g_autofree char *text = hover_text (f, 1, 0);

    g_assert_true (text_has_number (text, a_new));
    g_assert_true (text_has_number (text, d_old));
  }
  bp_playback_advance (f->playback, t + 4 * G_USEC_PER_SEC);
  g_assert_false (bp_playback_get_busy (f->playback));
  {
    g_autofree char *text = hover_text (f, 1, 0);

    g_assert_true (text_has_number (text, d_new));
  }
}

static void
test_input_change_does_not_animate (Fixture       *f,
                                    gconstpointer  data)
{
  (void) data;
  /* A request that no step follows is used up by the next change without animating it. */
  bp_playback_show_next_step (f->playback, FALSE);
  bp_network_set_input (f->network, 0, 1.25);
  g_assert_false (bp_playback_get_busy (f->playback));
  step (f, FALSE);
  g_assert_false (bp_playback_get_busy (f->playback));
}

/* Without a shared playback the diagram has its own, of the network set. */
static void
test_own_playback (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(BpNetwork) other = bp_network_new ();

  (void) data;
  bp_diagram_set_network (f->diagram, other);
  g_assert_true (bp_diagram_get_playback (f->diagram) != f->playback);
  g_assert_true (bp_playback_get_network (bp_diagram_get_playback (f->diagram)) == other);
  bp_diagram_set_playback (f->diagram, f->playback);
  g_assert_true (bp_diagram_get_network (f->diagram) == f->network);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  BpSelection wanted = { BP_SELECTION_CONNECTION, 1, 0, 2 }, got;
  BpSelection bad = { BP_SELECTION_CONNECTION, 1, 5, 0 };
  guint n_changed = 0;

  (void) data;
  g_signal_connect_swapped (f->diagram, "selection-changed", G_CALLBACK (count_cb), &n_changed);
  bp_diagram_set_selection (f->diagram, &wanted);
  bp_diagram_get_selection (f->diagram, &got);
  assert_selection (&got, BP_SELECTION_CONNECTION, 1, 0, 2);
  g_assert_cmpuint (n_changed, ==, 1);
  bp_diagram_set_selection (f->diagram, &wanted);
  g_assert_cmpuint (n_changed, ==, 1);
  /* A connection the network does not have selects nothing. */
  bp_diagram_set_selection (f->diagram, &bad);
  bp_diagram_get_selection (f->diagram, &got);
  g_assert_cmpint (got.kind, ==, BP_SELECTION_NONE);
  g_assert_cmpuint (n_changed, ==, 2);
}

static void
test_description (Fixture       *f,
                  gconstpointer  data)
{
  BpSelection wanted = { BP_SELECTION_CONNECTION, 1, 0, 2 };
  char loss[BP_DIAGRAM_VALUE_SIZE], weight[BP_DIAGRAM_VALUE_SIZE];
  g_autofree char *before = NULL, *after = NULL, *failure = NULL;

  (void) data;
  before = bp_diagram_dup_description (f->diagram);
  bp_format_number_into (bp_network_get_loss (f->network), BP_NUMBER_NODE, loss, sizeof loss);
  g_assert_nonnull (strstr (before, loss));
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->diagram),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, before);
  g_assert_null (failure);

  /* A step changes the loss, and the description follows; so does the selection. */
  step (f, FALSE);
  bp_diagram_set_selection (f->diagram, &wanted);
  after = bp_diagram_dup_description (f->diagram);
  bp_format_number_into (bp_network_get_loss (f->network), BP_NUMBER_NODE, loss, sizeof loss);
  bp_format_number_into (bp_network_get_weight (f->network, 1, 0, 2), BP_NUMBER_NODE, weight, sizeof weight);
  g_assert_cmpstr (after, !=, before);
  g_assert_nonnull (strstr (after, loss));
  g_assert_nonnull (strstr (after, weight));
  g_assert_nonnull (strstr (after, "h3"));
  /* One notation for gradients, as the legend, the hover box and the math panel write it. */
  g_assert_nonnull (strstr (after, "gradient ∂L/∂w"));
  g_assert_null (strstr (after, "dL/d"));
  g_clear_pointer (&failure, g_free);
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->diagram),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, after);
  g_assert_null (failure);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (f->diagram),
                                               GTK_ACCESSIBLE_ROLE_IMG));
}

static void
test_structure_change (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BpSelection wanted = { BP_SELECTION_CONNECTION, 1, 0, 2 }, got;

  (void) data;
  bp_diagram_set_selection (f->diagram, &wanted);
  step (f, TRUE);
  /* Changing an activation keeps the shape, the selection, and ends the animation. */
  g_assert_true (bp_network_set_activation (f->network, 0, BP_ACTIVATION_RELU, &error));
  g_assert_no_error (error);
  g_assert_false (bp_playback_get_busy (f->playback));
  bp_diagram_get_selection (f->diagram, &got);
  assert_selection (&got, BP_SELECTION_CONNECTION, 1, 0, 2);
}

static GtkEventController *
find_motion_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (c))
        return c;
    }
  return NULL;
}

static gboolean
is_allocated (Fixture *f)
{
  return gtk_widget_get_width (GTK_WIDGET (f->diagram)) > 0;
}

static gboolean
on_control (BpDiagram *diagram,
            int        x,
            int        y)
{
  BpDiagramFrame frame;
  guint layer;

  bp_diagram_fill_frame (diagram, &frame);
  return bp_diagram_frame_control_at (gtk_widget_get_width (GTK_WIDGET (diagram)),
                                      gtk_widget_get_height (GTK_WIDGET (diagram)), &frame, x, y,
                                      &layer) != BP_DIAGRAM_CONTROL_NONE;
}

/* Inputs and targets look draggable: with the pointer over one the diagram shows the
 * vertical-resize cursor, over another node a pointing hand, over empty space the default. */
static void
test_drag_cursor (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->diagram);
  GtkEventController *motion = find_motion_controller (widget);
  BpSelectionModel *model = bp_diagram_get_selection_model (f->diagram);
  guint n_layers = bp_network_get_n_layers (f->network);
  gboolean seen_input = FALSE, seen_target = FALSE, seen_hidden = FALSE, seen_none = FALSE;

  (void) data;
  g_assert_nonnull (motion);
  iterate_until (f, is_allocated, 5.0);
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
  for (int y = 4; y < gtk_widget_get_height (widget); y += 8)
    for (int x = 4; x < gtk_widget_get_width (widget); x += 8)
      {
        BpSelection hover;
        GdkCursor *cursor;
        const char *name;

        g_signal_emit_by_name (motion, "motion", (double) x, (double) y);
        bp_selection_model_get_hovered (model, &hover);
        cursor = gtk_widget_get_cursor (widget);
        name = cursor != NULL ? gdk_cursor_get_name (cursor) : NULL;
        if (hover.kind == BP_SELECTION_NODE && (hover.layer == 0 || hover.layer == n_layers + 1))
          {
            g_assert_cmpstr (name, ==, "ns-resize");
            seen_input |= hover.layer == 0;
            seen_target |= hover.layer == n_layers + 1;
          }
        else if (hover.kind == BP_SELECTION_NODE && hover.layer == 1)
          {
            g_assert_cmpstr (name, ==, "pointer");
            seen_hidden = TRUE;
          }
        else if (hover.kind == BP_SELECTION_NONE && on_control (f->diagram, x, y))
          {
            /* The window's − and + under the hidden columns are buttons. */
            g_assert_cmpstr (name, ==, "pointer");
          }
        else if (hover.kind == BP_SELECTION_NONE)
          {
            g_assert_null (name);
            seen_none = TRUE;
          }
      }
  g_assert_true (seen_input);
  g_assert_true (seen_target);
  g_assert_true (seen_hidden);
  g_assert_true (seen_none);
}

/* ---------------------------------------------------------------------------------------
 * The largest gradients in the accessible description
 */

/* A 2-2-1 linear network whose six gradients all differ in size: x1→h2 −1.662, x1→h1
 * 1.330, h1→y1 1.152, x2→h2 0.9972, x2→h1 −0.7978, h2→y1 −0.2659 (L = ½(y − t)²). */
static BpNet *
make_ranked_net (void)
{
  static const guint sizes[] = { 2, 2, 1 };
  static const BpActivation activations[] = { BP_ACTIVATION_LINEAR, BP_ACTIVATION_LINEAR };
  static const double w0[2][2] = { { 0.8, -0.4 }, { 0.3, 0.9 } };
  static const double w1[] = { 1.2, -1.5 };
  g_autoptr(GError) error = NULL;
  BpNet *net = bp_net_new (3, sizes, activations, BP_LOSS_SQUARED_ERROR, &error);

  g_assert_no_error (error);
  net->learning_rate = 0.1;
  for (guint j = 0; j < 2; j++)
    {
      for (guint i = 0; i < 2; i++)
        bp_net_set_weight (net, 0, j, i, w0[j][i]);
      bp_net_set_weight (net, 1, 0, j, w1[j]);
    }
  net->a[0][0] = 1.0;
  net->a[0][1] = -0.6;
  net->target[0] = 0.5;
  bp_net_forward (net);
  bp_net_backward (net);
  return net;
}

typedef struct {
  guint layer;
  guint to;
  guint from;
  double gradient;
} RankedWeight;

static int
compare_by_gradient_size (gconstpointer a,
                          gconstpointer b)
{
  double x = fabs (((const RankedWeight *) a)->gradient);
  double y = fabs (((const RankedWeight *) b)->gradient);

  return (x < y) - (x > y);
}

/* Every weight of @net, largest |∂L/∂w| first, sorted here independently of the diagram. */
static GArray *
rank_all_weights (const BpNet *net)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (RankedWeight));

  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      for (guint i = 0; i < net->sizes[l]; i++)
        {
          RankedWeight r = { l, j, i, bp_net_weight_gradient (net, l, j, i) };

          g_array_append_val (all, r);
        }
  g_array_sort (all, compare_by_gradient_size);
  return all;
}

/* The sentences a screen reader should hear about the three largest gradients of @net. */
static char *
expected_gradient_sentences (const BpNet *net)
{
  g_autoptr(GArray) all = rank_all_weights (net);
  GString *text = g_string_new (NULL);

  for (guint k = 0; k < 3 && k < all->len; k++)
    {
      const RankedWeight *r = &g_array_index (all, RankedWeight, k);
      char from[BP_NEURON_NAME_SIZE], to[BP_NEURON_NAME_SIZE], grad[BP_NUMBER_SIZE];

      bp_format_neuron_into (net->n_layers, r->layer, r->from, from, sizeof from);
      bp_format_neuron_into (net->n_layers, r->layer + 1, r->to, to, sizeof to);
      bp_format_number_into (r->gradient, BP_NUMBER_FORMULA, grad, sizeof grad);
      g_string_append_printf (text, "%s%s: weight from %s to %s, ∂L/∂w %s; the step %s it.",
                              k == 0 ? "" : " ", k == 0 ? "Largest gradient" : "Next largest",
                              from, to, grad, r->gradient > 0.0 ? "lowers" : "raises");
    }
  return g_string_free (text, FALSE);
}

/* The description, checked to be what assistive technologies read. */
static char *
read_description (Fixture *f)
{
  char *text = bp_diagram_dup_description (f->diagram);
  g_autofree char *failure = NULL;

  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->diagram),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
  g_assert_null (failure);
  return text;
}

static void
load_ranked_net (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_network_load_net (f->network, make_ranked_net (), NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The description names the three connections with the largest |∂L/∂w|, largest first,
 * with their gradients and the way the step moves each weight, and no fourth one. */
static void
test_description_largest_gradients (Fixture       *f,
                                    gconstpointer  data)
{
  const BpNet *net;
  g_autofree char *text = NULL, *expected = NULL;
  const char *found, *loss, *output;

  (void) data;
  load_ranked_net (f);
  net = bp_network_get_net (f->network);
  text = read_description (f);
  expected = expected_gradient_sentences (net);
  found = strstr (text, expected);
  g_assert_nonnull (found);
  g_assert_null (strstr (found + strlen (expected), "Next largest"));

  /* The ranking worked out by hand, so the test does not only repeat the code's sums. */
  g_assert_true (g_str_has_prefix (found, "Largest gradient: weight from x1 to h2, ∂L/∂w "));
  g_assert_nonnull (strstr (found, "h2, ∂L/∂w −1.662; the step raises it. "
                                   "Next largest: weight from x1 to h1"));
  g_assert_nonnull (strstr (found, "the step lowers it. Next largest: weight from h1 to y1"));

  /* After the loss and the outputs, which a learner reads first. */
  loss = strstr (text, "Loss ");
  output = strstr (text, "Output y1");
  g_assert_nonnull (loss);
  g_assert_nonnull (output);
  g_assert_true (loss < found && output < found);
}

/* A step moves the weights the way the description said, and the description then names
 * the largest gradients of the new state. */
static void
test_description_gradients_follow_step (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *expected = NULL;
  double x1_h2, x1_h1;

  (void) data;
  load_ranked_net (f);
  before = read_description (f);
  g_assert_nonnull (strstr (before, "weight from x1 to h2, ∂L/∂w −1.662; the step raises it."));
  g_assert_nonnull (strstr (before, "weight from x1 to h1, ∂L/∂w 1.33; the step lowers it."));
  x1_h2 = bp_network_get_weight (f->network, 0, 1, 0);
  x1_h1 = bp_network_get_weight (f->network, 0, 0, 0);

  g_assert_true (bp_network_step (f->network, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (bp_network_get_weight (f->network, 0, 1, 0), >, x1_h2);
  g_assert_cmpfloat (bp_network_get_weight (f->network, 0, 0, 0), <, x1_h1);

  after = read_description (f);
  expected = expected_gradient_sentences (bp_network_get_net (f->network));
  g_assert_cmpstr (after, !=, before);
  g_assert_nonnull (strstr (after, expected));
  g_assert_null (strstr (after, "∂L/∂w −1.662"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/bp/diagram/draw/sign-colours-light", test_sign_colours_light);
  g_test_add_func ("/bp/diagram/draw/sign-colours-dark", test_sign_colours_dark);
  g_test_add_func ("/bp/diagram/draw/width-orders-by-gradient", test_width_orders_by_gradient);
  g_test_add_func ("/bp/diagram/draw/width-is-absolute", test_width_is_absolute);
  g_test_add_func ("/bp/diagram/draw/width-shows-vanishing-gradients",
                   test_width_shows_vanishing_gradients);
  g_test_add_func ("/bp/diagram/draw/zero-gradient-is-neutral", test_zero_gradient_is_neutral);
  g_test_add_func ("/bp/diagram/draw/raster-matches-vector", test_raster_matches_vector);
  g_test_add_func ("/bp/diagram/draw/palette-contrast", test_palette_contrast);
  g_test_add_func ("/bp/diagram/draw/drag-handles", test_drag_handles);
  g_test_add_func ("/bp/diagram/draw/format-value", test_format_value);
  g_test_add_func ("/bp/diagram/draw/non-finite", test_non_finite_draws);
  g_test_add_func ("/bp/diagram/draw/layout-largest", test_layout_largest);
  g_test_add_func ("/bp/diagram/draw/hit", test_hit);
  g_test_add_func ("/bp/diagram/draw/info-box-placement", test_info_box_placement);
  g_test_add_func ("/bp/diagram/draw/values-fit", test_values_fit);
  g_test_add_func ("/bp/diagram/keyboard", test_keyboard);
  g_test_add ("/bp/diagram/widget/animation", Fixture, NULL,
              fixture_set_up, test_animation, fixture_tear_down);
  g_test_add ("/bp/diagram/widget/input-change-does-not-animate", Fixture, NULL,
              fixture_set_up, test_input_change_does_not_animate, fixture_tear_down);
  g_test_add ("/bp/diagram/widget/own-playback", Fixture, NULL,
              fixture_set_up, test_own_playback, fixture_tear_down);
  g_test_add ("/bp/diagram/widget/selection", Fixture, NULL,
              fixture_set_up, test_selection, fixture_tear_down);
  g_test_add ("/bp/diagram/widget/description", Fixture, NULL,
              fixture_set_up, test_description, fixture_tear_down);
  g_test_add ("/bp/diagram/widget/structure-change", Fixture, NULL,
              fixture_set_up, test_structure_change, fixture_tear_down);
  g_test_add ("/bp/diagram/widget/drag-cursor", Fixture, NULL,
              fixture_set_up, test_drag_cursor, fixture_tear_down);
  g_test_add ("/bp/diagram/widget/description-largest-gradients", Fixture, NULL,
              fixture_set_up, test_description_largest_gradients, fixture_tear_down);
  g_test_add ("/bp/diagram/widget/description-gradients-follow-step", Fixture, NULL,
              fixture_set_up, test_description_gradients_follow_step, fixture_tear_down);

  return g_test_run ();
}
