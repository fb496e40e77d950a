/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-widgets.c: the loss sparkline drawn into an image surface, and the math panel's text
 * for a live network. With BP_WIDGETS_PNG_DIR set, it also writes both widgets as PNGs in
 * light and dark style, for a person to look at. */
#define G_LOG_DOMAIN "test-widgets"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "bp-diagram-private.h"
#include "bp-format.h"
#include "bp-math-panel.h"
#include "bp-sparkline.h"

#define WIDTH 600
#define HEIGHT 120

/* Drawing helpers */

static cairo_surface_t *
render (const BpHistory *history,
        BpPaletteKind    kind,
        int              width,
        int              height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  bp_sparkline_draw_history (cr, width, height, history, bp_palette_get (kind), 1.0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* @color as it shows over the palette's (opaque) background, 0–255 per channel. */
static void
blend (const BpPalette *palette,
       const BpColor   *color,
       guint8           rgb[3])
{
  const double c[3] = { color->red, color->green, color->blue };
  const double bg[3] = { palette->background.red, palette->background.green,
                         palette->background.blue };

  for (guint k = 0; k < 3; k++)
    rgb[k] = (guint8) round (255 * (c[k] * color->alpha + bg[k] * (1 - color->alpha)));
}

static gboolean
pixel_is (cairo_surface_t *surface,
          int              x,
          int              y,
          const guint8     rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);
  const int got[3] = { pixel >> 16 & 0xff, pixel >> 8 & 0xff, pixel & 0xff };

  for (guint k = 0; k < 3; k++)
    if (ABS (got[k] - (int) rgb[k]) > 6)
      return FALSE;
  return TRUE;
}

/* The mean row of the pixels of colour @rgb in column @x, or -1 if there are none. */
static double
mean_row (cairo_surface_t *surface,
          int              x,
          const guint8     rgb[3])
{
  int height = cairo_image_surface_get_height (surface);
  double sum = 0;
  int n = 0;

  for (int y = 0; y < height; y++)
    if (pixel_is (surface, x, y, rgb))
      {
        sum += y;
        n++;
      }
  return n > 0 ? sum / n : -1;
}

/* The rows of the leftmost and the rightmost columns holding colour @rgb. */
static gboolean
line_ends (cairo_surface_t *surface,
           const guint8     rgb[3],
           double          *left_y,
           double          *right_y)
{
  int width = cairo_image_surface_get_width (surface);
  int left = -1, right = -1;

  for (int x = 0; x < width; x++)
    if (mean_row (surface, x, rgb) >= 0)
      {
        if (left < 0)
          left = x;
        right = x;
      }
  if (left < 0)
    return FALSE;
  *left_y = mean_row (surface, left, rgb);
  *right_y = mean_row (surface, right, rgb);
  return right - left > 50;
}

static int
count_pixels (cairo_surface_t *surface,
              const guint8     rgb[3])
{
  int n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      n += pixel_is (surface, x, y, rgb);
  return n;
}

/* Columns drawn as a dashed vertical line: at least three separate runs of two or more
 * pixels of colour @rgb. */
static GArray *
dashed_columns (cairo_surface_t *surface,
                const guint8     rgb[3])
{
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (int));

  for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
    {
      int runs = 0, run = 0;

      for (int y = 0; y <= cairo_image_surface_get_height (surface); y++)
        {
          if (y < cairo_image_surface_get_height (surface) && pixel_is (surface, x, y, rgb))
            {
              run++;
              continue;
            }
          runs += run >= 2;
          run = 0;
        }
      if (runs >= 3)
        g_array_append_val (columns, x);
    }
  return columns;
}

static BpHistory *
falling_history (guint n)
{
  BpHistory *history = bp_history_new ();

  for (guint i = 0; i < n; i++)
    bp_history_append (history, i, 0.25 * exp (-(double) i / 40.0) + 0.01);
  return history;
}

/* Sparkline drawing */

static void
test_sparkline_falls (void)
{
  const BpPaletteKind kinds[] = { BP_PALETTE_LIGHT, BP_PALETTE_DARK,
                                  BP_PALETTE_HIGH_CONTRAST_DARK };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const BpPalette *palette = bp_palette_get (kinds[k]);
      g_autoptr(BpHistory) falling = falling_history (200);
      g_autoptr(BpHistory) rising = bp_history_new ();
      cairo_surface_t *surface;
      double left_y, right_y;
      guint8 loss[3];

      blend (palette, &palette->loss, loss);

      surface = render (falling, kinds[k], WIDTH, HEIGHT);
      g_assert_true (line_ends (surface, loss, &left_y, &right_y));
      /* Lower on screen is a larger row. */
      g_assert_cmpfloat (right_y, >, left_y + HEIGHT / 4);
      cairo_surface_destroy (surface);

      for (guint i = 0; i < 200; i++)
        bp_history_append (rising, i, 0.01 + 0.001 * i);
      surface = render (rising, kinds[k], WIDTH, HEIGHT);
      g_assert_true (line_ends (surface, loss, &left_y, &right_y));
      g_assert_cmpfloat (right_y, <, left_y - HEIGHT / 4);
      cairo_surface_destroy (surface);
    }
}

/* The whole ring, a thousand points, fits any width from a narrow side bar to a projector. */
static void
test_sparkline_widths (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autoptr(BpHistory) history = falling_history (BP_HISTORY_CAPACITY + 50);
  const int widths[] = { 300, 800, 1200 };
  guint8 loss[3];

  g_assert_cmpuint (bp_history_get_length (history), ==, BP_HISTORY_CAPACITY);
  blend (palette, &palette->loss, loss);
  for (guint k = 0; k < G_N_ELEMENTS (widths); k++)
    {
      cairo_surface_t *surface = render (history, BP_PALETTE_LIGHT, widths[k], 80);
      double left_y, right_y;

      g_assert_true (line_ends (surface, loss, &left_y, &right_y));
      g_assert_cmpfloat (right_y, >, left_y + 10);
      cairo_surface_destroy (surface);
    }
}

/* After a reset the chart shows the new run alone, its axis fitted to it: a run that
 * diverged to 6e307 leaves no flat line at the bottom, and no unexplained mark. */
static void
test_sparkline_reset_rescales (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autoptr(BpHistory) history = bp_history_new ();
  g_autoptr(BpHistory) fresh = falling_history (100);
  g_autoptr(GArray) marked = NULL;
  cairo_surface_t *surface;
  double left_y, right_y, fresh_left, fresh_right;
  guint8 loss[3], mark[3];

  for (guint i = 0; i < 50; i++)
    bp_history_append (history, i, 0.3 * pow (10.0, i * 6.0));
  bp_history_mark_reset (history);
  for (guint i = 0; i < 100; i++)
    bp_history_append (history, i, 0.25 * exp (-(double) i / 40.0) + 0.01);
  blend (palette, &palette->loss, loss);
  blend (palette, &palette->reset_mark, mark);

  surface = render (history, BP_PALETTE_LIGHT, WIDTH, HEIGHT);
  g_assert_true (line_ends (surface, loss, &left_y, &right_y));
  marked = dashed_columns (surface, mark);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (marked->len, ==, 0);
  /* The same picture as the new run drawn on its own. */
  surface = render (fresh, BP_PALETTE_LIGHT, WIDTH, HEIGHT);
  g_assert_true (line_ends (surface, loss, &fresh_left, &fresh_right));
  cairo_surface_destroy (surface);
  g_assert_cmpfloat (fabs (left_y - fresh_left), <, 1.0);
  g_assert_cmpfloat (fabs (right_y - fresh_right), <, 1.0);
  g_assert_cmpfloat (right_y, >, left_y + HEIGHT / 4);
}

/* The row of the loss line in the column half-way across the plot. */
static double
middle_row (cairo_surface_t *surface,
            const guint8     rgb[3])
{
  int width = cairo_image_surface_get_width (surface);
  int left = -1, right = -1;

  for (int x = 0; x < width; x++)
    if (mean_row (surface, x, rgb) >= 0)
      {
        if (left < 0)
          left = x;
        right = x;
      }
  g_assert_cmpint (left, >=, 0);
  return mean_row (surface, (left + right) / 2, rgb);
}

/* A loss falling exponentially from 1 to 1e-6: on the linear axis its second half is a
 * flat line at the bottom; the automatic scale turns logarithmic (the range is far above
 * a hundredfold), where it falls steadily, its middle half-way down. Below a hundredfold
 * the automatic scale stays linear. */
static void
test_sparkline_log_scale (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  const BpSparklineScale scales[] = { BP_SPARKLINE_SCALE_LINEAR, BP_SPARKLINE_SCALE_AUTOMATIC,
                                      BP_SPARKLINE_SCALE_LOGARITHMIC };
  g_autoptr(BpHistory) history = bp_history_new ();
  g_autoptr(BpHistory) narrow = falling_history (200);
  double top[3], bottom[3], middle[3], t;
  guint8 loss[3];

  for (guint i = 0; i <= 200; i++)
    bp_history_append (history, i, pow (10.0, -6.0 * i / 200.0));
  blend (palette, &palette->loss, loss);
  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);

      bp_sparkline_draw_history_scaled (cr, WIDTH, HEIGHT, history, palette, 1.0, scales[k]);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      g_assert_true (line_ends (surface, loss, &top[k], &bottom[k]));
      middle[k] = middle_row (surface, loss);
      cairo_surface_destroy (surface);
      g_test_message ("scale %u: rows %.1f, %.1f, %.1f", k, top[k], middle[k], bottom[k]);
    }
  /* Linear: the middle (1e-3) sits on the bottom. */
  t = (middle[0] - top[0]) / (bottom[0] - top[0]);
  g_assert_cmpfloat (t, >, 0.95);
  /* Automatic and logarithmic: half-way down. */
  for (guint k = 1; k < 3; k++)
    {
      t = (middle[k] - top[k]) / (bottom[k] - top[k]);
      g_assert_cmpfloat (fabs (t - 0.5), <, 0.1);
    }

  /* 0.26 to 0.011 spans less than a hundredfold: automatic draws it as linear does. */
  for (guint k = 0; k < 2; k++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);

      bp_sparkline_draw_history_scaled (cr, WIDTH, HEIGHT, narrow, palette, 1.0, scales[k]);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      middle[k] = middle_row (surface, loss);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpfloat (middle[0], ==, middle[1]);
}

static void
test_sparkline_few_points (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autoptr(BpHistory) history = bp_history_new ();
  cairo_surface_t *surface;
  guint8 loss[3], background[3], dim[3];
  int n_background;

  blend (palette, &palette->loss, loss);
  blend (palette, &palette->background, background);
  blend (palette, &palette->dim_text, dim);

  /* No points: a message and no line. */
  surface = render (NULL, BP_PALETTE_LIGHT, WIDTH, HEIGHT);
  g_assert_cmpint (count_pixels (surface, loss), ==, 0);
  g_assert_cmpint (count_pixels (surface, dim), >, 10);
  cairo_surface_destroy (surface);
  surface = render (history, BP_PALETTE_LIGHT, WIDTH, HEIGHT);
  g_assert_cmpint (count_pixels (surface, dim), >, 10);
  cairo_surface_destroy (surface);

  /* One point, as after opening a file or a reset: the same words, the loss beside them,
   * no line and no step labels. */
  bp_history_append (history, 0, 0.2);
  surface = render (history, BP_PALETTE_LIGHT, WIDTH, HEIGHT);
  g_assert_cmpint (count_pixels (surface, loss), ==, 0);
  g_assert_cmpint (count_pixels (surface, dim), >, 10);
  n_background = count_pixels (surface, background);
  g_assert_cmpint (n_background, <, WIDTH * HEIGHT);
  cairo_surface_destroy (surface);
  bp_history_append (history, 1, 0.1);
  bp_history_mark_reset (history);
  bp_history_append (history, 0, 0.2);
  surface = render (history, BP_PALETTE_LIGHT, WIDTH, HEIGHT);
  g_assert_cmpint (count_pixels (surface, loss), ==, 0);
  cairo_surface_destroy (surface);

  /* Too small for a chart: no crash, still something drawn. */
  surface = render (history, BP_PALETTE_LIGHT, 40, 20);
  cairo_surface_destroy (surface);
  surface = render (history, BP_PALETTE_LIGHT, 0, 0);
  cairo_surface_destroy (surface);
}

static void
test_sparkline_not_finite (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autoptr(BpHistory) history = bp_history_new ();
  g_autoptr(BpHistory) all_nan = bp_history_new ();
  g_autofree char *description = NULL;
  cairo_surface_t *surface;
  double left_y, right_y;
  guint8 loss[3];

  for (guint i = 0; i < 100; i++)
    bp_history_append (history, i, i == 40 ? NAN : i == 41 ? INFINITY : 0.5 - 0.004 * i);
  blend (palette, &palette->loss, loss);

  surface = render (history, BP_PALETTE_LIGHT, WIDTH, HEIGHT);
  /* The line is still there on both sides of the gap and keeps its scale: an infinite loss
   * did not squash the finite ones to the bottom. */
  g_assert_true (line_ends (surface, loss, &left_y, &right_y));
  g_assert_cmpfloat (right_y, >, left_y + HEIGHT / 4);
  cairo_surface_destroy (surface);

  description = bp_sparkline_describe_history (history);
  g_assert_null (strstr (description, "nan"));
  g_assert_null (strstr (description, "inf"));

  bp_history_append (all_nan, 0, NAN);
  bp_history_append (all_nan, 1, NAN);
  surface = render (all_nan, BP_PALETTE_LIGHT, WIDTH, HEIGHT);
  g_assert_cmpint (count_pixels (surface, loss), ==, 0);
  cairo_surface_destroy (surface);
  g_clear_pointer (&description, g_free);
  description = bp_sparkline_describe_history (all_nan);
  g_assert_null (strstr (description, "nan"));
}

static void
test_sparkline_describe (void)
{
  g_autoptr(BpHistory) history = falling_history (41);
  g_autofree char *fell = bp_sparkline_describe_history (history);
  g_autofree char *none = bp_sparkline_describe_history (NULL);
  g_autofree char *fresh = NULL;

  g_assert_cmpstr (fell, ==, "Loss fell from 0.26 to 0.102 over 40 steps");
  g_assert_cmpstr (none, ==, "No steps yet");

  /* After a reset only the new run counts. */
  bp_history_mark_reset (history);
  bp_history_append (history, 0, 0.3);
  fresh = bp_sparkline_describe_history (history);
  g_assert_cmpstr (fresh, ==, "Loss 0.3, no steps yet");
}

/* The widgets with a live model */

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The loss chart grows with the window (its width) and with the diagram's zoom, between a
 * smallest and a largest height. */
static void
test_sparkline_grows (void)
{
  GtkWidget *sparkline = g_object_ref_sink (bp_sparkline_new ());
  int narrow, wide, huge, zoomed, minimum, zoomed_minimum;

  g_assert_cmpint (gtk_widget_get_request_mode (sparkline), ==,
                   GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);
  gtk_widget_measure (sparkline, GTK_ORIENTATION_VERTICAL, 400, &minimum, &narrow, NULL, NULL);
  gtk_widget_measure (sparkline, GTK_ORIENTATION_VERTICAL, 1200, NULL, &wide, NULL, NULL);
  gtk_widget_measure (sparkline, GTK_ORIENTATION_VERTICAL, 20000, NULL, &huge, NULL, NULL);
  g_test_message ("heights: %d at 400 px, %d at 1200 px, %d at 20000 px", narrow, wide, huge);
  g_assert_cmpint (minimum, <=, narrow);
  g_assert_cmpint (wide, >, narrow);
  g_assert_cmpint (huge, >, wide);
  g_assert_cmpint (huge, <=, 3 * narrow);

  /* Ctrl+plus twice: the text, and so the chart, 1.5625 times as large. */
  bp_sparkline_set_zoom (BP_SPARKLINE (sparkline), 1.5625);
  g_assert_cmpfloat (bp_sparkline_get_zoom (BP_SPARKLINE (sparkline)), ==, 1.5625);
  gtk_widget_measure (sparkline, GTK_ORIENTATION_VERTICAL, 400, &zoomed_minimum, &zoomed, NULL,
                      NULL);
  g_assert_cmpint (zoomed, >=, (int) (narrow * 1.5));
  g_assert_cmpint (zoomed_minimum, >=, (int) (minimum * 1.5));
  /* Zooming out never makes it smaller than normal. */
  bp_sparkline_set_zoom (BP_SPARKLINE (sparkline), 0.5);
  gtk_widget_measure (sparkline, GTK_ORIENTATION_VERTICAL, 400, NULL, &zoomed, NULL, NULL);
  g_assert_cmpint (zoomed, ==, narrow);
  g_assert_finalize_object (sparkline);
}

static void
test_sparkline_widget (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  GtkWidget *sparkline = g_object_ref_sink (bp_sparkline_new ());
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  const char *after;

  /* The chart's own words; test-sparkline-ghosts checks the ghosts' sentence after them. */
  bp_sparkline_set_show_ghosts (BP_SPARKLINE (sparkline), FALSE);
  bp_sparkline_set_network (BP_SPARKLINE (sparkline), network);
  before = g_strdup (bp_sparkline_get_description (BP_SPARKLINE (sparkline)));
  g_assert_true (g_str_has_suffix (before, "no steps yet"));

  /* The "try this" recipe: x1 = 1, x2 = 0, target 1, then steps. */
  bp_network_set_input (network, 0, 1.0);
  bp_network_set_input (network, 1, 0.0);
  g_assert_true (bp_network_set_target (network, 0, 1.0, &error));
  g_assert_true (bp_network_step_n (network, 10, &error));
  g_assert_true (bp_network_step_n (network, 10, &error));
  g_assert_no_error (error);

  after = bp_sparkline_get_description (BP_SPARKLINE (sparkline));
  g_assert_true (g_str_has_prefix (after, "Loss fell from "));
  g_assert_true (g_str_has_suffix (after, " over 20 steps"));

  bp_network_reset (network, 7);
  after = bp_sparkline_get_description (BP_SPARKLINE (sparkline));
  g_assert_true (g_str_has_suffix (after, "no steps yet"));

  bp_sparkline_set_network (BP_SPARKLINE (sparkline), NULL);
  g_assert_cmpstr (bp_sparkline_get_description (BP_SPARKLINE (sparkline)), ==, "No steps yet");
  g_assert_finalize_object (sparkline);
}

static char *
formatted (double value)
{
  return bp_format_number (value, BP_NUMBER_FORMULA);
}

static gboolean
contains (const char *text,
          const char *part)
{
  if (strstr (text, part) != NULL)
    return TRUE;
  g_test_message ("\"%s\" not found in:\n%s", part, text);
  return FALSE;
}

/* The label under @widget whose text contains @part, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the math panel says, in its status page, when nothing is selected. */
static const char *
nothing_selected (void)
{
  static char *text;

  if (text == NULL)
    text = g_strdup_printf ("%s\n%s", _("Nothing selected"),
                            _("Click a connection or a neuron in the diagram, or use the "
                              "arrow keys, to see its chain rule"));
  return text;
}

/* The first widget of @type under @widget, or NULL. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
new_panel (BpNetwork *network)
{
  GtkWidget *panel = g_object_ref_sink (bp_math_panel_new ());

  bp_math_panel_set_network (BP_MATH_PANEL (panel), network);
  return panel;
}

static void
select_item (GtkWidget       *panel,
             BpSelectionKind  kind,
             guint            layer,
             guint            to,
             guint            from)
{
  BpSelection selection = { kind, layer, to, from };

  bp_math_panel_set_selection (BP_MATH_PANEL (panel), &selection);
}

static BpNetwork *
network_of_shape (const guint        *sizes,
                  guint               n_sizes,
                  const BpActivation *activations)
{
  g_autoptr(GError) error = NULL;
  BpNet *net = bp_net_new (n_sizes, sizes, activations, BP_LOSS_SQUARED_ERROR, &error);

  g_assert_no_error (error);
  net->learning_rate = 0.5;
  for (guint i = 0; i < sizes[0]; i++)
    net->a[0][i] = i % 2 ? -0.5 : 0.5;
  for (guint k = 0; k < sizes[n_sizes - 1]; k++)
    net->target[k] = 0.8;
  bp_net_init_seeded (net, 5);
  return bp_network_new_from_net (net, NULL);
}

static void
test_math_connection (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  GtkWidget *panel = new_panel (network);
  const BpNet *net = bp_network_get_net (network);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *later = NULL;
  g_autofree char *gradient = formatted (bp_net_weight_gradient (net, 0, 1, 0));
  g_autofree char *updated = formatted (*bp_net_weight (net, 0, 1, 0)
                                        - net->learning_rate
                                          * bp_net_weight_gradient (net, 0, 1, 0));
  g_autofree char *new_gradient = NULL;
  g_autofree char *gradient_line = NULL;
  g_autofree char *y = formatted (net->a[2][0]);
  g_autofree char *t = formatted (net->target[0]);
  g_autofree char *dy = formatted (net->grad_a[2][0]);
  g_autofree char *start_line = g_strdup_printf ("∂L/∂y1 = y1 − t1 = %s − %s = %s", y, t, dy);

  select_item (panel, BP_SELECTION_CONNECTION, 0, 1, 0);
  text = bp_math_panel_describe (BP_MATH_PANEL (panel));
  gradient_line = g_strdup_printf ("∂L/∂w = %s", gradient);

  g_assert_true (contains (text, "Weight from x1 to h2"));
  g_assert_true (contains (text, gradient_line));
  /* One path: ∂L/∂y1 · sigmoid′ · w(h2→y1) · tanh′ · a(x1), and it agrees with backprop. */
  g_assert_true (contains (text, "Path 1: ∂L/∂y1 · sigmoid′(z(y1)) · w(h2→y1) · "
                                 "tanh′(z(h2)) · a(x1)"));
  g_assert_null (strstr (text, "Path 2"));
  g_assert_true (contains (text, "✓"));
  g_assert_true (contains (text, updated));
  /* The chain starts from the loss: ∂L/∂y1 = y1 − t1 with its numbers, before the paths. */
  g_assert_true (contains (text, start_line));
  g_assert_true (strstr (text, start_line) < strstr (text, "Path 1"));
  g_assert_null (strstr (text, "nan"));

  g_assert_true (bp_network_step (network, &error));
  g_assert_no_error (error);
  later = bp_math_panel_describe (BP_MATH_PANEL (panel));
  new_gradient = formatted (bp_net_weight_gradient (net, 0, 1, 0));
  g_assert_cmpstr (new_gradient, !=, gradient);
  g_assert_cmpstr (later, !=, text);
  g_assert_true (contains (later, new_gradient));
  g_assert_null (strstr (later, gradient_line));

  /* An input change updates it too, with no step. */
  g_clear_pointer (&text, g_free);
  bp_network_set_input (network, 0, 1.5);
  text = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_clear_pointer (&new_gradient, g_free);
  new_gradient = formatted (bp_net_weight_gradient (net, 0, 1, 0));
  g_assert_true (contains (text, new_gradient));
  g_assert_true (contains (text, "a(x1)"));

  g_assert_finalize_object (panel);
}

static void
test_math_paths_sum (void)
{
  static const guint sizes[] = { 2, 3, 3, 1 };
  static const BpActivation activations[] = {
    BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID
  };
  g_autoptr(BpNetwork) network = network_of_shape (sizes, G_N_ELEMENTS (sizes), activations);
  GtkWidget *panel = new_panel (network);
  const BpNet *net = bp_network_get_net (network);
  g_autoptr(BpChain) chain = bp_chain_new (net, 0, 2, 1);
  g_autofree char *sum = formatted (chain->path_sum);
  g_autofree char *sum_line = g_strdup_printf (" = %s", sum);
  g_autofree char *text = NULL;

  /* Two hidden layers: names carry the layer; three paths, summed. */
  select_item (panel, BP_SELECTION_CONNECTION, 0, 2, 1);
  text = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (text, "Weight from x2 to h1,3"));
  g_assert_true (contains (text, "Path 3: "));
  g_assert_null (strstr (text, "Path 4"));
  g_assert_true (contains (text, "Σ = "));
  g_assert_true (contains (text, sum_line));
  g_assert_true (contains (text, "✓"));

  /* A bias ends its paths in 1. */
  select_item (panel, BP_SELECTION_BIAS, 1, 0, 0);
  g_clear_pointer (&text, g_free);
  text = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (text, "Bias of h2,1"));
  g_assert_true (contains (text, "tanh′(z(h2,1)) · 1"));
  g_assert_true (contains (text, "b − η·∂L/∂b"));

  g_assert_finalize_object (panel);
}

static void
test_math_nodes (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  GtkWidget *panel = new_panel (network);
  const BpNet *net = bp_network_get_net (network);
  g_autofree char *hidden = NULL;
  g_autofree char *output = NULL;
  g_autofree char *input = NULL;
  g_autofree char *none = NULL;
  GtkWidget *status;
  g_autofree char *z = formatted (net->z[1][0]);
  g_autofree char *a = formatted (net->a[1][0]);
  g_autofree char *dx = formatted (net->grad_a[0][0]);
  g_autofree char *y = formatted (net->a[2][0]);

  select_item (panel, BP_SELECTION_NODE, 1, 0, 0);
  hidden = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (hidden, "Hidden neuron h1"));
  g_assert_true (contains (hidden, "z(h1) = w(x1→h1)·a(x1) + w(x2→h1)·a(x2) + b(h1)"));
  g_assert_true (contains (hidden, "∂L/∂z(h1) = δ(h1) = tanh′(z) · ∂L/∂a"));
  g_assert_true (contains (hidden, "tanh"));
  g_assert_true (contains (hidden, z));
  g_assert_true (contains (hidden, a));

  select_item (panel, BP_SELECTION_NODE, 2, 0, 0);
  output = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (output, "sigmoid"));
  g_assert_true (contains (output, y));
  g_assert_true (contains (output, "target t1 = 0.8"));
  g_clear_pointer (&a, g_free);
  a = g_strdup_printf ("∂L/∂y1 = y1 − t1 = %s − 0.8 = ", y);
  g_assert_true (contains (output, a));

  select_item (panel, BP_SELECTION_NODE, 0, 0, 0);
  input = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (input, "x1 = 0.5"));
  g_assert_true (contains (input, dx));

  g_assert_false (gtk_widget_get_visible (find_widget (panel, ADW_TYPE_STATUS_PAGE)));
  select_item (panel, BP_SELECTION_NONE, 0, 0, 0);
  none = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_cmpstr (none, ==, nothing_selected ());
  /* Nothing selected: a status page that says what to do, and no lines. */
  status = find_widget (panel, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   _("Nothing selected"));
  g_assert_nonnull (adw_status_page_get_icon_name (ADW_STATUS_PAGE (status)));
  g_assert_null (find_label (panel, "Input x1"));

  /* Outside the network: the hint, not a crash. */
  select_item (panel, BP_SELECTION_NODE, 1, 7, 0);
  g_clear_pointer (&none, g_free);
  none = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_cmpstr (none, ==, nothing_selected ());

  g_assert_finalize_object (panel);
}

/* The loss box explains L and where backprop starts, with the engine's own numbers. */
static void
test_math_loss (void)
{
  static const guint sizes[] = { 2, 3, 2 };
  static const BpActivation activations[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNetwork) network = bp_network_new ();   /* 2-3-1, squared error */
  GtkWidget *panel = new_panel (network);
  const BpNet *net = bp_network_get_net (network);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpNetwork) ce_network = NULL;
  const BpNet *ce;
  g_autofree char *text = NULL;
  g_autofree char *y = formatted (net->a[2][0]);
  g_autofree char *t = formatted (net->target[0]);
  g_autofree char *dy = formatted (net->a[2][0] - net->target[0]);
  g_autofree char *loss = formatted (net->loss);
  g_autofree char *line = NULL;
  BpNet *raw;

  g_assert_cmpfloat_with_epsilon (net->grad_a[2][0], net->a[2][0] - net->target[0], 1e-12);
  select_item (panel, BP_SELECTION_NODE, 4, 0, 0);
  text = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (text, "Loss L"));
  g_assert_true (contains (text, "squared error"));
  g_assert_true (contains (text, "L = ½ · Σ (y − t)²"));
  line = g_strdup_printf ("L = %s", loss);
  g_assert_true (contains (text, line));
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("∂L/∂y1 = y1 − t1 = %s − %s = %s", y, t, dy);
  g_assert_true (contains (text, line));
  g_assert_null (strstr (text, "y2"));

  /* Cross-entropy with two sigmoid outputs: one line each, and ∂L/∂z = y − t. */
  raw = bp_net_new (G_N_ELEMENTS (sizes), sizes, activations, BP_LOSS_CROSS_ENTROPY, &error);
  g_assert_no_error (error);
  raw->learning_rate = 0.5;
  raw->a[0][0] = 0.5, raw->a[0][1] = -0.5;
  raw->target[0] = 1.0, raw->target[1] = 0.0;
  bp_net_init_seeded (raw, 5);
  ce_network = bp_network_new_from_net (raw, NULL);
  ce = bp_network_get_net (ce_network);
  bp_math_panel_set_network (BP_MATH_PANEL (panel), ce_network);
  select_item (panel, BP_SELECTION_NODE, 4, 0, 0);
  g_clear_pointer (&text, g_free);
  text = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (text, "cross-entropy"));
  g_assert_true (contains (text, "L = −Σ [t·ln y + (1 − t)·ln(1 − y)]"));
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *yk = formatted (ce->a[2][k]);
      g_autofree char *tk = formatted (ce->target[k]);   /* 1 and 0: no parentheses */
      g_autofree char *delta = formatted (ce->a[2][k] - ce->target[k]);

      g_assert_cmpfloat_with_epsilon (ce->delta[2][k], ce->a[2][k] - ce->target[k], 1e-12);
      g_clear_pointer (&line, g_free);
      line = g_strdup_printf ("∂L/∂z(y%u) = δ(y%u) = y%u − t%u = %s − %s = %s", k + 1, k + 1,
                              k + 1, k + 1, yk, tk, delta);
      g_assert_true (contains (text, line));
    }
  g_clear_pointer (&line, g_free);
  g_free (loss);
  loss = formatted (ce->loss);
  line = g_strdup_printf (" = %s", loss);
  g_assert_true (contains (text, line));
  g_assert_null (strstr (text, "—"));

  bp_math_panel_set_network (BP_MATH_PANEL (panel), NULL);
  g_assert_finalize_object (panel);
}

/* A long formula in a narrow panel stays on one line and scrolls sideways; notes wrap. */
static void
test_math_no_wrap (void)
{
  static const guint sizes[] = { 2, 3, 3, 1 };
  static const BpActivation activations[] = {
    BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID
  };
  g_autoptr(BpNetwork) network = network_of_shape (sizes, G_N_ELEMENTS (sizes), activations);
  GtkWidget *panel = new_panel (network);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkLabel *path, *note;
  GtkWidget *scroller;
  GtkPolicyType h, v;
  int width, natural, line_height;
  gint64 end;

  gtk_window_set_default_size (window, 240, 600);
  gtk_window_set_child (window, panel);
  gtk_window_present (window);
  select_item (panel, BP_SELECTION_CONNECTION, 0, 2, 1);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (gtk_widget_get_width (panel) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  wait_ms (50);
  path = find_label (panel, "Path 1: ∂L/∂y1 · sigmoid′(z(y1))");
  note = find_label (panel, "paths lead from the loss");
  g_assert_nonnull (path);
  g_assert_nonnull (note);
  g_assert_false (gtk_label_get_wrap (path));
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (path), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  g_assert_true (gtk_widget_is_ancestor (scroller, panel));
  gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scroller), &h, &v);
  g_assert_cmpint (h, ==, GTK_POLICY_AUTOMATIC);
  g_assert_cmpint (v, ==, GTK_POLICY_NEVER);
  /* The formula is wider than the panel, yet the panel is not widened, and it is one line. */
  width = gtk_widget_get_width (panel);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (width, <=, 240);
  gtk_widget_measure (GTK_WIDGET (path), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                      NULL, NULL);
  g_assert_cmpint (natural, >, width);
  gtk_widget_measure (GTK_WIDGET (path), GTK_ORIENTATION_VERTICAL, -1, NULL, &line_height,
                      NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (path)), <=, line_height);
  /* The note wraps, in the panel's width. */
  g_assert_true (gtk_label_get_wrap (note));
  g_assert_null (gtk_widget_get_ancestor (GTK_WIDGET (note), GTK_TYPE_SCROLLED_WINDOW));

  gtk_window_destroy (window);
  g_assert_finalize_object (panel);
}

static void
test_math_by_layer (void)
{
  static const guint sizes[] = { 2, 8, 8, 8, 2 };
  static const BpActivation activations[] = {
    BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID
  };
  g_autoptr(BpNetwork) network = network_of_shape (sizes, G_N_ELEMENTS (sizes), activations);
  GtkWidget *panel = new_panel (network);
  const BpNet *net = bp_network_get_net (network);
  g_autofree char *text = NULL;
  g_autofree char *gradient = formatted (bp_net_weight_gradient (net, 0, 3, 1));

  g_assert_cmpuint (bp_chain_count_paths (net, 0), >, BP_MAX_CHAIN_PATHS);
  select_item (panel, BP_SELECTION_CONNECTION, 0, 3, 1);
  text = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (text, "layer by layer"));
  g_assert_true (contains (text, "128 paths"));
  g_assert_null (strstr (text, "Path 1:"));
  g_assert_true (contains (text, "δ(y1) = sigmoid′(z(y1)) · ∂L/∂y1"));
  /* Both outputs' ∂L/∂y = y − t come first: the chain starts from the loss. */
  g_assert_true (contains (text, "∂L/∂y1 = y1 − t1 = "));
  g_assert_true (contains (text, "∂L/∂y2 = y2 − t2 = "));
  g_assert_true (strstr (text, "∂L/∂y2 = y2 − t2") < strstr (text, "δ(y1) = "));
  g_assert_true (contains (text, "δ(h3,8) = tanh′(z(h3,8)) · Σ w·δ"));
  g_assert_true (contains (text, "Backprop: ∂L/∂w = δ(h1,4) · a(x2)"));
  g_assert_true (contains (text, gradient));
  /* Only the neuron the weight leads to, in its own layer; no comparison with a path sum
   * that was never formed. */
  g_assert_null (strstr (text, "δ(h1,1)"));
  g_assert_null (strstr (text, "✗"));

  /* Eight inputs to a neuron: the sum is named, not spelled out. */
  select_item (panel, BP_SELECTION_NODE, 2, 0, 0);
  g_clear_pointer (&text, g_free);
  text = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (text, "z(h2,1) = Σ w·a + b"));

  g_assert_finalize_object (panel);
}

/* The headings name the activation as every view does, in the user's language ("ReLU",
 * a translated "linear"), while the formulas keep the notation. */
static void
test_math_activation_names (void)
{
  static const guint sizes[] = { 2, 2, 1 };
  static const BpActivation activations[] = { BP_ACTIVATION_RELU, BP_ACTIVATION_LINEAR };
  g_autoptr(BpNetwork) network = network_of_shape (sizes, G_N_ELEMENTS (sizes), activations);
  GtkWidget *panel = new_panel (network);
  g_autofree char *hidden = NULL, *output = NULL;
  g_autofree char *relu = g_strdup_printf (_("Activation: %s"),
                                           bp_activation_display_name (BP_ACTIVATION_RELU));
  g_autofree char *linear = g_strdup_printf (_("Activation: %s"),
                                             bp_activation_display_name (BP_ACTIVATION_LINEAR));

  select_item (panel, BP_SELECTION_NODE, 1, 0, 0);
  hidden = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (hidden, relu));
  g_assert_true (contains (hidden, "ReLU"));
  g_assert_true (contains (hidden, "a(h1) = relu(z)"));

  select_item (panel, BP_SELECTION_NODE, 2, 0, 0);
  output = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (output, linear));

  g_assert_finalize_object (panel);
}

/* A load of another shape leaves no selection pointing at a neuron that is gone. */
static void
test_math_structure_change (void)
{
  static const guint sizes[] = { 2, 2, 1 };
  static const BpActivation activations[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) small = network_of_shape (sizes, G_N_ELEMENTS (sizes), activations);
  GtkWidget *panel = new_panel (network);
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("test-widgets-XXXXXX.json", &stream, &error);
  g_autofree char *text = NULL;
  BpSelection selection;

  g_assert_no_error (error);
  g_assert_true (bp_network_save (small, file, &error));
  g_assert_no_error (error);

  select_item (panel, BP_SELECTION_NODE, 1, 2, 0);
  text = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_true (contains (text, "Hidden neuron h3"));

  g_assert_true (bp_network_load (network, file, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = bp_math_panel_describe (BP_MATH_PANEL (panel));
  g_assert_cmpstr (text, ==, nothing_selected ());
  bp_math_panel_get_selection (BP_MATH_PANEL (panel), &selection);
  g_assert_cmpint (selection.kind, ==, BP_SELECTION_NONE);

  g_file_delete (file, NULL, NULL);
  g_assert_finalize_object (panel);
}

static void
test_format_number (void)
{
  g_autofree char *nan = formatted (NAN);
  g_autofree char *inf = formatted (-INFINITY);
  g_autofree char *neg = formatted (-0.012345678);
  g_autofree char *zero = formatted (-0.0);

  g_assert_cmpstr (nan, ==, "—");
  g_assert_cmpstr (inf, ==, "—");
  g_assert_cmpstr (neg, ==, "−0.01235");
  g_assert_cmpstr (zero, ==, "0");
}

/* The views follow the models: a shared selection, and a network swapped with one set */

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      /* The widget keeps its controllers: the pointer stays valid. */
      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_assert_not_reached ();
}

static void
press_key (BpDiagram *diagram,
           guint      keyval)
{
  GtkEventController *key = find_controller (GTK_WIDGET (diagram),
                                             GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (key, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
  g_assert_true (handled);
}

/* A click on the centre of neuron (@layer, @index), as the diagram lays it out now. */
static void
click_node (BpDiagram *diagram,
            guint      layer,
            guint      index)
{
  GtkEventController *click = find_controller (GTK_WIDGET (diagram), GTK_TYPE_GESTURE_CLICK);
  BpDiagramFrame frame;
  BpDiagramBox box;

  bp_diagram_fill_frame (diagram, &frame);
  g_assert_true (bp_diagram_frame_node_box (gtk_widget_get_width (GTK_WIDGET (diagram)),
                                            gtk_widget_get_height (GTK_WIDGET (diagram)),
                                            &frame, layer, index, &box));
  g_signal_emit_by_name (click, "released", 1, box.x, box.y);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static char *
panel_text (GtkWidget *panel)
{
  return bp_math_panel_describe (BP_MATH_PANEL (panel));
}

/* A diagram and a math panel that share one selection model show the same selection, and a
 * click or a key in the diagram reaches the panel with nothing in between. */
static void
test_shared_selection (void)
{
  BpNetwork *network = bp_network_new ();
  BpSelectionModel *model = bp_selection_model_new (network);
  BpDiagram *diagram = BP_DIAGRAM (bp_diagram_new ());
  GtkWidget *panel = bp_math_panel_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *window = gtk_window_new ();
  BpSelection weight = { BP_SELECTION_CONNECTION, 1, 0, 2 }, got;
  g_autofree char *text = NULL, *description = NULL;
  guint n_changed = 0;
  gint64 end;

  g_object_set (diagram, "network", network, "selection-model", model, NULL);
  g_object_set (panel, "network", network, "selection-model", model, NULL);
  g_assert_true (bp_diagram_get_selection_model (diagram) == model);
  g_assert_true (bp_math_panel_get_selection_model (BP_MATH_PANEL (panel)) == model);
  g_signal_connect_swapped (diagram, "selection-changed", G_CALLBACK (count_cb), &n_changed);
  gtk_widget_set_hexpand (GTK_WIDGET (diagram), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (diagram));
  gtk_box_append (GTK_BOX (box), panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 600);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (gtk_widget_get_width (GTK_WIDGET (diagram)) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (diagram)), >, 0);

  /* Selected in the model: both views show it. */
  bp_selection_model_set_selected (model, &weight);
  g_assert_cmpuint (n_changed, ==, 1);
  bp_diagram_get_selection (diagram, &got);
  g_assert_true (bp_selection_equal (&got, &weight));
  description = bp_diagram_dup_description (diagram);
  g_assert_true (contains (description, "h3"));
  text = panel_text (panel);
  g_assert_true (contains (text, "Weight from h3 to y1"));

  /* Escape in the diagram clears it in the panel too; an arrow then selects x1. */
  press_key (diagram, GDK_KEY_Escape);
  g_clear_pointer (&text, g_free);
  text = panel_text (panel);
  g_assert_cmpstr (text, ==, nothing_selected ());
  press_key (diagram, GDK_KEY_Down);
  g_clear_pointer (&text, g_free);
  text = panel_text (panel);
  g_assert_true (contains (text, "Input x1"));

  /* A click on h2 shows its math in the panel. */
  click_node (diagram, 1, 1);
  bp_selection_model_get_selected (model, &got);
  g_assert_cmpint (got.kind, ==, BP_SELECTION_NODE);
  g_assert_cmpuint (got.layer, ==, 1);
  g_assert_cmpuint (got.to, ==, 1);
  g_clear_pointer (&text, g_free);
  text = panel_text (panel);
  g_assert_true (contains (text, "Hidden neuron h2"));
  g_assert_cmpuint (n_changed, ==, 4);

  /* Unshared again: the diagram has a selection of its own, and the panel keeps h2. */
  bp_diagram_set_selection_model (diagram, NULL);
  g_assert_true (bp_diagram_get_selection_model (diagram) != model);
  g_assert_cmpuint (n_changed, ==, 5);
  bp_diagram_set_selection (diagram, &weight);
  bp_diagram_get_selection (diagram, &got);
  g_assert_true (bp_selection_equal (&got, &weight));
  g_clear_pointer (&text, g_free);
  text = panel_text (panel);
  g_assert_true (contains (text, "Hidden neuron h2"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (model);
  g_assert_finalize_object (network);
}

static void
step_network (BpNetwork *network)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_network_step (network, &error));
  g_assert_no_error (error);
}

/* One set of "network" moves every view to another network: the old one no longer
 * reaches them, the new one does. */
static void
test_network_property (void)
{
  BpNetwork *old = bp_network_new ();
  BpNetwork *new = bp_network_new ();
  GtkWidget *sparkline = g_object_ref_sink (bp_sparkline_new ());
  GtkWidget *panel = g_object_ref_sink (bp_math_panel_new ());
  GtkWidget *diagram = g_object_ref_sink (bp_diagram_new ());
  GtkWidget *views[] = { sparkline, panel, diagram };
  BpSelection weight = { BP_SELECTION_CONNECTION, 0, 1, 0 };
  g_autofree char *text = NULL, *after_old = NULL, *after_new = NULL;
  g_autofree char *description = NULL, *description_new = NULL, *history = NULL;

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      guint notified = 0;
      BpNetwork *shown = NULL;

      g_signal_connect_swapped (views[v], "notify::network", G_CALLBACK (count_cb), &notified);
      g_object_set (views[v], "network", old, NULL);
      g_object_set (views[v], "network", old, NULL);
      g_assert_cmpuint (notified, ==, 1);
      g_object_set (views[v], "network", new, NULL);
      g_assert_cmpuint (notified, ==, 2);
      g_object_get (views[v], "network", &shown, NULL);
      g_assert_true (shown == new);
      g_object_unref (shown);
      g_signal_handlers_disconnect_by_data (views[v], &notified);
    }
  bp_math_panel_set_selection (BP_MATH_PANEL (panel), &weight);
  text = panel_text (panel);
  description = bp_diagram_dup_description (BP_DIAGRAM (diagram));
  history = g_strdup (bp_sparkline_get_description (BP_SPARKLINE (sparkline)));

  step_network (old);
  after_old = panel_text (panel);
  g_assert_cmpstr (after_old, ==, text);
  g_assert_cmpstr (bp_sparkline_get_description (BP_SPARKLINE (sparkline)), ==, history);
  description_new = bp_diagram_dup_description (BP_DIAGRAM (diagram));
  g_assert_cmpstr (description_new, ==, description);

  step_network (new);
  after_new = panel_text (panel);
  g_assert_cmpstr (after_new, !=, text);
  g_assert_cmpstr (bp_sparkline_get_description (BP_SPARKLINE (sparkline)), !=, history);
  g_clear_pointer (&description_new, g_free);
  description_new = bp_diagram_dup_description (BP_DIAGRAM (diagram));
  g_assert_cmpstr (description_new, !=, description);

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    g_assert_finalize_object (views[v]);
  g_assert_finalize_object (old);
  g_assert_finalize_object (new);
}

/* Pictures for a person to look at (BP_WIDGETS_PNG_DIR) */

static void
save_sparklines (const char *dir)
{
  g_autoptr(BpHistory) history = falling_history (150);
  g_autoptr(BpHistory) empty = bp_history_new ();
  g_autoptr(BpHistory) one = bp_history_new ();
  const struct { BpPaletteKind kind; const char *name; } styles[] = {
    { BP_PALETTE_LIGHT, "light" }, { BP_PALETTE_DARK, "dark" },
    { BP_PALETTE_HIGH_CONTRAST_LIGHT, "hc-light" }, { BP_PALETTE_HIGH_CONTRAST_DARK, "hc-dark" },
  };
  const int widths[] = { 300, 600, 1200 };

  bp_history_mark_reset (history);
  for (guint i = 0; i < 60; i++)
    bp_history_append (history, i, 0.2 * exp (-(double) i / 15.0) + 0.004);
  bp_history_append (one, 0, 0.1234);

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        cairo_surface_t *surface = render (history, styles[s].kind, widths[w], 96);
        g_autofree char *name = g_strdup_printf ("%s/sparkline-%s-%d.png", dir, styles[s].name,
                                                 widths[w]);

        cairo_surface_write_to_png (surface, name);
        cairo_surface_destroy (surface);
      }
  {
    /* Large text, as for a projector. */
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 180);
    cairo_t *cr = cairo_create (surface);
    g_autofree char *name = g_strdup_printf ("%s/sparkline-light-800-large.png", dir);

    bp_sparkline_draw_history (cr, 800, 180, history, bp_palette_get (BP_PALETTE_LIGHT), 2.0);
    cairo_destroy (cr);
    cairo_surface_write_to_png (surface, name);
    cairo_surface_destroy (surface);
  }
  {
    /* A run converging over five powers of ten: the automatic scale is logarithmic. */
    g_autoptr(BpHistory) converging = bp_history_new ();

    for (guint i = 0; i <= 300; i++)
      bp_history_append (converging, i, 0.3 * exp (-(double) i / 25.0) + 2e-6);
    for (guint s = 0; s < 2; s++)
      {
        cairo_surface_t *surface = render (converging, styles[s].kind, 600, 96);
        g_autofree char *name = g_strdup_printf ("%s/sparkline-%s-log.png", dir, styles[s].name);

        cairo_surface_write_to_png (surface, name);
        cairo_surface_destroy (surface);
      }
  }
  for (guint s = 0; s < 2; s++)
    {
      cairo_surface_t *surface = render (empty, styles[s].kind, 300, 80);
      g_autofree char *name = g_strdup_printf ("%s/sparkline-%s-empty.png", dir, styles[s].name);

      cairo_surface_write_to_png (surface, name);
      cairo_surface_destroy (surface);
      surface = render (one, styles[s].kind, 300, 80);
      g_free (name);
      name = g_strdup_printf ("%s/sparkline-%s-one.png", dir, styles[s].name);
      cairo_surface_write_to_png (surface, name);
      cairo_surface_destroy (surface);
    }
}

static void
save_window (GtkWidget  *window,
             const char *path)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GskRenderNode *node;
  GdkTexture *texture;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_object_unref (texture);
  gsk_render_node_unref (node);
  g_object_unref (paintable);
}

static GtkWidget *
window_with (GtkWidget *panel,
             BpNetwork *network,
             int        width,
             int        height)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *sparkline = bp_sparkline_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  bp_sparkline_set_network (BP_SPARKLINE (sparkline), network);
  gtk_box_append (GTK_BOX (box), sparkline);
  gtk_box_append (GTK_BOX (box), panel);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
save_panels (const char *dir)
{
  static const guint deep_sizes[] = { 2, 8, 8, 8, 2 };
  static const BpActivation deep_activations[] = {
    BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID
  };
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) deep = network_of_shape (deep_sizes, G_N_ELEMENTS (deep_sizes),
                                                deep_activations);
  const struct {
    BpNetwork *network;
    BpSelection selection;
    const char *name;
    int width;
  } shots[] = {
    { network, { BP_SELECTION_CONNECTION, 0, 1, 0 }, "connection", 340 },
    { network, { BP_SELECTION_CONNECTION, 1, 0, 2 }, "output-weight", 520 },
    { network, { BP_SELECTION_NODE, 1, 1, 0 }, "hidden", 340 },
    { network, { BP_SELECTION_NODE, 2, 0, 0 }, "output", 340 },
    { network, { BP_SELECTION_NODE, 0, 0, 0 }, "input", 340 },
    { network, { BP_SELECTION_NODE, 4, 0, 0 }, "loss", 340 },
    { network, { BP_SELECTION_NONE, 0, 0, 0 }, "none", 340 },
    { deep, { BP_SELECTION_CONNECTION, 0, 3, 1 }, "by-layer", 420 },
  };
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GError) error = NULL;

  bp_network_set_input (network, 0, 1.0);
  bp_network_set_input (network, 1, 0.0);
  g_assert_true (bp_network_set_target (network, 0, 1.0, &error));
  for (guint k = 0; k < 4; k++)
    g_assert_true (bp_network_step_n (network, 10, &error));

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (manager, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint s = 0; s < G_N_ELEMENTS (shots); s++)
        {
          GtkWidget *panel = bp_math_panel_new ();
          GtkWidget *window;
          g_autofree char *path = g_strdup_printf ("%s/math-%s-%s.png", dir, shots[s].name,
                                                   dark ? "dark" : "light");

          bp_math_panel_set_network (BP_MATH_PANEL (panel), shots[s].network);
          bp_math_panel_set_selection (BP_MATH_PANEL (panel), &shots[s].selection);
          window = window_with (panel, shots[s].network, shots[s].width, 200);
          wait_ms (400);
          save_window (window, path);
          gtk_window_destroy (GTK_WINDOW (window));
        }
    }
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_save_pictures (void)
{
  const char *dir = g_getenv ("BP_WIDGETS_PNG_DIR");

  if (dir == NULL)
    {
      g_test_skip ("set BP_WIDGETS_PNG_DIR to write the pictures");
      return;
    }
  g_mkdir_with_parents (dir, 0755);
  save_sparklines (dir);
  save_panels (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/bp/sparkline/falls", test_sparkline_falls);
  g_test_add_func ("/bp/sparkline/widths", test_sparkline_widths);
  g_test_add_func ("/bp/sparkline/reset-rescales", test_sparkline_reset_rescales);
  g_test_add_func ("/bp/sparkline/log-scale", test_sparkline_log_scale);
  g_test_add_func ("/bp/sparkline/few-points", test_sparkline_few_points);
  g_test_add_func ("/bp/sparkline/not-finite", test_sparkline_not_finite);
  g_test_add_func ("/bp/sparkline/describe", test_sparkline_describe);
  g_test_add_func ("/bp/sparkline/widget", test_sparkline_widget);
  g_test_add_func ("/bp/sparkline/grows", test_sparkline_grows);
  g_test_add_func ("/bp/math-panel/format-number", test_format_number);
  g_test_add_func ("/bp/math-panel/connection", test_math_connection);
  g_test_add_func ("/bp/math-panel/paths-sum", test_math_paths_sum);
  g_test_add_func ("/bp/math-panel/nodes", test_math_nodes);
  g_test_add_func ("/bp/math-panel/by-layer", test_math_by_layer);
  g_test_add_func ("/bp/math-panel/loss", test_math_loss);
  g_test_add_func ("/bp/math-panel/no-wrap", test_math_no_wrap);
  g_test_add_func ("/bp/math-panel/structure-change", test_math_structure_change);
  g_test_add_func ("/bp/math-panel/activation-names", test_math_activation_names);
  g_test_add_func ("/bp/widgets/shared-selection", test_shared_selection);
  g_test_add_func ("/bp/widgets/network-property", test_network_property);
  g_test_add_func ("/bp/widgets/pictures", test_save_pictures);

  return g_test_run ();
}
