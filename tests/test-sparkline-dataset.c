/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sparkline-dataset.c: the loss chart of dataset mode: the history keeps the test loss,
 * the accuracies and the epoch of each step, bounded; the chart draws the test curve apart
 * from the train curve in every palette, puts powers of ten evenly on its log axis and leaves
 * out what a log axis cannot show; its description; and the widget that picks it. */
#define G_LOG_DOMAIN "test-sparkline-dataset"

#include "config.h"

#include <math.h>
#include <string.h>

#include "bp-dataset.h"
#include "bp-format.h"
#include "bp-network.h"
#include "bp-sparkline.h"

#define WIDTH 800
#define HEIGHT 200

/* A network of the default shape on a dataset of @generator (200 points, half of them for
 * training), in dataset mode. */
static BpNetwork *
dataset_network (BpGenerator generator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) dataset = bp_dataset_generate (generator, 200, 0.0, 50.0, 7, &error);
  BpNetwork *network = bp_network_new ();

  g_assert_no_error (error);
  bp_network_set_dataset (network, dataset, NULL);
  bp_network_set_features (network, BP_FEATURES_DEFAULT);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_no_error (error);
  return network;
}

static const BpHistoryPoint *
newest (const BpHistory *history)
{
  return bp_history_get (history, bp_history_get_length (history) - 1);
}

/* Each step's point holds what the network reports at that step. */
static void
test_history_keeps_test (void)
{
  g_autoptr(BpNetwork) network = dataset_network (BP_GENERATOR_XOR);
  g_autoptr(GError) error = NULL;
  const BpHistory *history = bp_network_get_history (network);
  const BpHistoryPoint *last;

  g_assert_true (bp_network_step_n (network, 150, &error));
  g_assert_no_error (error);
  last = newest (history);
  g_assert_cmpuint (last->step, ==, 150);
  g_assert_cmpuint (last->epoch, ==, bp_network_get_epoch (network));
  g_assert_cmpuint (last->epoch, >, 0);
  g_assert_cmpfloat (last->loss, ==, bp_network_get_train_loss (network));
  g_assert_cmpfloat (last->test_loss, ==, bp_network_get_test_loss (network));
  g_assert_cmpfloat (last->train_accuracy, ==, (float) bp_network_get_train_accuracy (network));
  g_assert_cmpfloat (last->test_accuracy, ==, (float) bp_network_get_test_accuracy (network));
  g_assert_true (last->test_loss > 0.0 && last->train_accuracy > 0.0);

  /* Back in example mode the points have a loss only. */
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_EXAMPLE, &error));
  g_assert_true (bp_network_step_n (network, 3, &error));
  g_assert_no_error (error);
  last = newest (history);
  g_assert_true (isnan (last->test_loss));
  g_assert_true (isnan (last->train_accuracy) && isnan (last->test_accuracy));
  g_assert_cmpuint (last->epoch, ==, 0);
}

/* A regression dataset has losses but no accuracies. */
static void
test_history_regression (void)
{
  g_autoptr(BpNetwork) network = dataset_network (BP_GENERATOR_PLANE);
  g_autoptr(GError) error = NULL;
  const BpHistoryPoint *last;

  g_assert_true (bp_network_step_n (network, 20, &error));
  g_assert_no_error (error);
  last = newest (bp_network_get_history (network));
  g_assert_cmpfloat (last->test_loss, ==, bp_network_get_test_loss (network));
  g_assert_true (isnan (last->train_accuracy) && isnan (last->test_accuracy));
}

static void
assert_steps_rise (const BpHistory *history)
{
  for (guint k = 1; k < bp_history_get_length (history); k++)
    g_assert_cmpuint (bp_history_get (history, k - 1)->step, <, bp_history_get (history, k)->step);
}

/* The history stays as long as before, each point small. A run of dataset mode that fills it
 * is thinned, not cut: its start stays, at less detail than its newest part. A point at the
 * same step replaces the last one, test loss and all. */
static void
test_history_bounded (void)
{
  g_autoptr(BpHistory) history = bp_history_new ();
  guint n = 3 * BP_HISTORY_CAPACITY;
  guint length;

  g_assert_cmpuint (sizeof (BpHistoryPoint), <=, 40);
  for (guint k = 0; k < n; k++)
    bp_history_append_dataset (history, k, k / 10, 1.0 / (k + 1), 2.0 / (k + 1), 0.5, 0.25);
  length = bp_history_get_length (history);
  g_assert_cmpuint (length, <=, BP_HISTORY_CAPACITY);
  g_assert_cmpuint (length, >, BP_HISTORY_CAPACITY / 2);
  g_assert_cmpuint (bp_history_get (history, 0)->step, ==, 0);
  g_assert_true (bp_history_get (history, 0)->after_reset);
  g_assert_cmpuint (newest (history)->step, ==, n - 1);
  g_assert_cmpuint (newest (history)->epoch, ==, (n - 1) / 10);
  g_assert_cmpfloat (newest (history)->test_loss, ==, 2.0 / n);
  assert_steps_rise (history);
  /* The newest part keeps every step, the oldest fewer. */
  g_assert_cmpuint (newest (history)->step - bp_history_get (history, length - 2)->step, ==, 1);
  g_assert_cmpuint (bp_history_get (history, 1)->step, >, 1);

  bp_history_append_dataset (history, n - 1, 7, 0.5, 0.75, 1.0, 0.5);
  g_assert_cmpuint (bp_history_get_length (history), ==, length);
  g_assert_cmpfloat (newest (history)->test_loss, ==, 0.75);
  g_assert_cmpfloat (newest (history)->test_accuracy, ==, 0.5);
  g_assert_cmpuint (newest (history)->epoch, ==, 7);
  g_assert_false (newest (history)->after_reset);
}

/* An older run goes first, point by point, before the newest run is thinned. */
static void
test_history_older_run (void)
{
  g_autoptr(BpHistory) history = bp_history_new ();

  for (guint k = 0; k < 10; k++)
    bp_history_append (history, k, 1.0);
  bp_history_mark_reset (history);
  for (guint k = 0; k < BP_HISTORY_CAPACITY; k++)
    bp_history_append_dataset (history, 100 + k, 0, 0.5, 0.5, NAN, NAN);
  g_assert_cmpuint (bp_history_get_length (history), ==, BP_HISTORY_CAPACITY);
  g_assert_cmpuint (bp_history_get (history, 0)->step, ==, 100);

  bp_history_mark_reset (history);
  bp_history_append_dataset (history, 0, 0, 0.5, 0.5, NAN, NAN);
  g_assert_cmpuint (bp_history_get_length (history), ==, BP_HISTORY_CAPACITY);
  g_assert_cmpuint (bp_history_get (history, 0)->step, ==, 101);
  g_assert_true (newest (history)->after_reset);

  /* Example mode keeps cutting the oldest point, as before. */
  bp_history_clear (history);
  for (guint k = 0; k < BP_HISTORY_CAPACITY + 5; k++)
    bp_history_append (history, k, 1.0);
  g_assert_cmpuint (bp_history_get_length (history), ==, BP_HISTORY_CAPACITY);
  g_assert_cmpuint (bp_history_get (history, 0)->step, ==, 5);
}

/* Drawing helpers */

static cairo_surface_t *
render_sized (const BpHistory *history,
              BpPaletteKind    kind,
              gboolean         log_scale,
              int              width,
              int              height,
              double           text_scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  const char *dir = g_getenv ("BP_TEST_CHART_PNG_DIR");

  bp_sparkline_draw_dataset (cr, width, height, history, bp_palette_get (kind), text_scale,
                             log_scale);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (dir != NULL)
    {
      /* For a person to look at: BP_TEST_CHART_PNG_DIR=/tmp/charts. */
      static guint count;
      g_autofree char *name = g_strdup_printf ("%s/chart-%02u-%s.png", dir, count++,
                                               bp_palette_kind_to_string (kind));

      cairo_surface_write_to_png (surface, name);
    }
  return surface;
}

static cairo_surface_t *
render (const BpHistory *history,
        BpPaletteKind    kind,
        gboolean         log_scale)
{
  return render_sized (history, kind, log_scale, WIDTH, HEIGHT, 1.0);
}

static gboolean
pixel_near (cairo_surface_t *surface,
            int              x,
            int              y,
            const BpColor   *color)
{
  g_assert (x < cairo_image_surface_get_width (surface));
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);
  const int got[3] = { pixel >> 16 & 0xff, pixel >> 8 & 0xff, pixel & 0xff };
  const double want[3] = { color->red, color->green, color->blue };

  for (guint k = 0; k < 3; k++)
    if (ABS (got[k] - (int) round (255 * want[k])) > 24)
      return FALSE;
  return TRUE;
}

/* The mean row of the pixels of @color in column @x, or -1 if there are none. */
static double
mean_row (cairo_surface_t *surface,
          int              x,
          const BpColor   *color)
{
  double sum = 0;
  int n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    if (pixel_near (surface, x, y, color))
      {
        sum += y;
        n++;
      }
  return n > 0 ? sum / n : -1;
}

/* How many columns from @x0 to @x1 hold a pixel of @color. */
static int
columns_with (cairo_surface_t *surface,
              int              x0,
              int              x1,
              const BpColor   *color)
{
  int n = 0;

  for (int x = x0; x < x1; x++)
    if (mean_row (surface, x, color) >= 0)
      n++;
  return n;
}

/* 101 points, one every 10 steps, the train loss falling from 0.5 to 0.1 and the test loss
 * 0.2 above it; @test FALSE leaves the test loss out. */
static BpHistory *
falling_history (gboolean test)
{
  BpHistory *history = bp_history_new ();

  for (guint k = 0; k <= 100; k++)
    {
      double train = 0.5 - 0.4 * k / 100.0;

      bp_history_append_dataset (history, 10 * k, k / 5, train, test ? train + 0.2 : NAN,
                                 0.5 + 0.004 * k, 0.45 + 0.004 * k);
    }
  return history;
}

/* The test curve is drawn above the train curve (its loss is higher), dashed, in its own
 * colour; without test losses there is none. */
static void
test_draw_test_curve (void)
{
  g_autoptr(BpHistory) history = falling_history (TRUE);
  g_autoptr(BpHistory) train_only = falling_history (FALSE);
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  cairo_surface_t *surface = render (history, BP_PALETTE_LIGHT, FALSE);
  cairo_surface_t *alone = render (train_only, BP_PALETTE_LIGHT, FALSE);
  int x0 = WIDTH / 5, x1 = WIDTH / 2;
  int dashed = columns_with (surface, x0, x1, &palette->node_positive);

  for (int x = x0; x < x1; x += 20)
    {
      double train_y = mean_row (surface, x, &palette->loss);
      double test_y = mean_row (surface, x, &palette->node_positive);

      g_assert_cmpfloat (train_y, >=, 0);
      if (test_y >= 0)
        g_assert_cmpfloat (test_y, <, train_y - 10);
    }
  /* Dashed: the test curve has gaps, the train curve none. */
  g_assert_cmpint (dashed, >, (x1 - x0) / 3);
  g_assert_cmpint (dashed, <, (x1 - x0) * 9 / 10);
  g_assert_cmpint (columns_with (surface, x0, x1, &palette->loss), ==, x1 - x0);
  g_assert_cmpint (columns_with (alone, x0, x1, &palette->node_positive), ==, 0);
  g_assert_cmpint (columns_with (alone, x0, x1, &palette->loss), ==, x1 - x0);
  cairo_surface_destroy (surface);
  cairo_surface_destroy (alone);
}

/* A train loss of 0.1, 0.01 and 0.001 in turn, 50 points each. */
static BpHistory *
decades_history (double last)
{
  BpHistory *history = bp_history_new ();
  const double values[] = { 0.1, 0.01, last };

  for (guint k = 0; k < 150; k++)
    bp_history_append_dataset (history, k, 0, values[k / 50], NAN, NAN, NAN);
  return history;
}

/* On the log axis 0.1, 0.01 and 0.001 lie one decade, the same height, apart; on the linear
 * one they do not. */
static void
test_draw_log_decades (void)
{
  g_autoptr(BpHistory) history = decades_history (0.001);
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  cairo_surface_t *log = render (history, BP_PALETTE_LIGHT, TRUE);
  cairo_surface_t *linear = render (history, BP_PALETTE_LIGHT, FALSE);
  /* The plot runs from about 50 px to about 80 % of the width: its thirds' middles. */
  const int xs[] = { 150, 340, 520 };
  double y_log[3], y_linear[3];

  for (guint k = 0; k < 3; k++)
    {
      y_log[k] = mean_row (log, xs[k], &palette->loss);
      y_linear[k] = mean_row (linear, xs[k], &palette->loss);
      g_assert_cmpfloat (y_log[k], >=, 0);
      g_assert_cmpfloat (y_linear[k], >=, 0);
    }
  g_assert_cmpfloat (y_log[1] - y_log[0], >, 20);
  g_assert_cmpfloat (fabs ((y_log[1] - y_log[0]) - (y_log[2] - y_log[1])), <=, 2);
  g_assert_cmpfloat (y_linear[2] - y_linear[1], <, (y_linear[1] - y_linear[0]) / 5);
  cairo_surface_destroy (log);
  cairo_surface_destroy (linear);
}

/* A loss of zero has no place on a log axis: it is left out, not drawn at the bottom; with
 * no loss above zero at all the axis stays linear and draws them. */
/* The "automatic" scale turns logarithmic once the run's losses span more than a hundredfold:
 * 0.1 to 0.0005 does, 0.1 to 0.01 does not, and losses of 0 count for nothing. */
static void
test_spans_hundredfold (void)
{
  g_autoptr(BpHistory) wide = decades_history (0.0005);
  g_autoptr(BpHistory) narrow = bp_history_new ();
  g_autoptr(BpHistory) zeros = bp_history_new ();

  for (guint k = 0; k < 10; k++)
    {
      bp_history_append_dataset (narrow, k, 0, 0.1 - 0.009 * k, 0.1, NAN, NAN);
      bp_history_append_dataset (zeros, k, 0, k < 5 ? 0.1 : 0.0, NAN, NAN, NAN);
    }
  g_assert_true (bp_sparkline_dataset_spans_hundredfold (wide));
  g_assert_false (bp_sparkline_dataset_spans_hundredfold (narrow));
  g_assert_false (bp_sparkline_dataset_spans_hundredfold (zeros));
  g_assert_false (bp_sparkline_dataset_spans_hundredfold (NULL));
}

static void
test_draw_log_zero (void)
{
  g_autoptr(BpHistory) history = decades_history (0.0);
  g_autoptr(BpHistory) zeros = bp_history_new ();
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  cairo_surface_t *surface = render (history, BP_PALETTE_LIGHT, TRUE);
  cairo_surface_t *flat;

  g_assert_cmpfloat (mean_row (surface, 340, &palette->loss), >=, 0);
  g_assert_cmpint (columns_with (surface, 520, 640, &palette->loss), ==, 0);
  cairo_surface_destroy (surface);

  for (guint k = 0; k < 20; k++)
    bp_history_append_dataset (zeros, k, 0, 0.0, 0.0, 1.0, 1.0);
  flat = render (zeros, BP_PALETTE_LIGHT, TRUE);
  g_assert_cmpint (columns_with (flat, 150, 500, &palette->loss), ==, 350);
  cairo_surface_destroy (flat);
}

/* Every palette draws both curves, in colours far enough apart to tell. */
static void
test_draw_all_palettes (void)
{
  g_autoptr(BpHistory) history = falling_history (TRUE);

  for (BpPaletteKind kind = 0; kind < BP_N_PALETTES; kind++)
    {
      const BpPalette *palette = bp_palette_get (kind);
      cairo_surface_t *surface = render (history, kind, g_test_rand_bit ());
      double distance = fabs (palette->loss.red - palette->node_positive.red)
                        + fabs (palette->loss.green - palette->node_positive.green)
                        + fabs (palette->loss.blue - palette->node_positive.blue);

      g_test_message ("palette %s", bp_palette_kind_to_string (kind));
      g_assert_cmpfloat (distance, >, 0.6);
      g_assert_cmpint (columns_with (surface, 100, 500, &palette->loss), >, 350);
      g_assert_cmpint (columns_with (surface, 100, 500, &palette->node_positive), >, 150);
      cairo_surface_destroy (surface);
    }
}

/* At a projector's text size in the window's usual chart height the plot keeps most of the
 * width, and the legend the rest. */
static void
test_draw_projector (void)
{
  g_autoptr(BpHistory) history = falling_history (TRUE);
  const BpPalette *palette = bp_palette_get (BP_PALETTE_HIGH_CONTRAST_LIGHT);
  cairo_surface_t *surface = render_sized (history, BP_PALETTE_HIGH_CONTRAST_LIGHT, FALSE,
                                           1000, 200, 2.0);

  g_assert_cmpint (columns_with (surface, 200, 550, &palette->loss), ==, 350);
  g_assert_cmpint (columns_with (surface, 200, 550, &palette->node_positive), >, 150);
  /* The legend's dashed swatch, right of the plot. */
  g_assert_cmpint (columns_with (surface, 700, 1000, &palette->node_positive), >, 10);
  cairo_surface_destroy (surface);
}

/* A network trained on a spiral: both curves on both axes, in the light and dark palette. */
static void
test_draw_trained (void)
{
  g_autoptr(BpNetwork) network = dataset_network (BP_GENERATOR_SPIRAL);
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < 60; k++)
    g_assert_true (bp_network_step_n (network, 5, &error));
  g_assert_no_error (error);
  for (guint log_scale = 0; log_scale < 2; log_scale++)
    {
      BpPaletteKind kind = log_scale ? BP_PALETTE_DARK : BP_PALETTE_LIGHT;
      const BpPalette *palette = bp_palette_get (kind);
      cairo_surface_t *surface = render (bp_network_get_history (network), kind, log_scale);

      g_assert_cmpint (columns_with (surface, 100, 500, &palette->loss), >, 380);
      g_assert_cmpint (columns_with (surface, 100, 500, &palette->node_positive), >, 150);
      cairo_surface_destroy (surface);
    }
}

/* Too small for a plot, or without points, or with one only, the chart still draws without a
 * fault; from the sparkline's usual height on it has a plot. */
static void
test_draw_small (void)
{
  g_autoptr(BpHistory) history = falling_history (TRUE);
  g_autoptr(BpHistory) one = bp_history_new ();
  const BpPalette *palette = bp_palette_get (BP_PALETTE_DARK);
  const int sizes[][2] = { { 1, 1 }, { 120, 40 }, { 300, 60 }, { 480, 110 }, { 480, 160 },
                           { 300, 300 } };

  bp_history_append_dataset (one, 0, 0, 0.7, 0.8, 0.5, 0.5);
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    for (guint h = 0; h < 3; h++)
      {
        cairo_surface_t *surface = render_sized (h == 0 ? history : h == 1 ? one : NULL,
                                                 BP_PALETTE_DARK, h == 1, sizes[k][0],
                                                 sizes[k][1], 1.0);

        if (h == 0 && sizes[k][1] >= 110)
          g_assert_cmpint (columns_with (surface, 100, 200, &palette->loss), >=, 90);
        cairo_surface_destroy (surface);
      }
}

/* Beside the decision boundary the chart is narrow and tall (250 × 340 at 1280 × 800): the
 * legend goes over the plot, which keeps the width, instead of the numbers alone. */
static void
test_draw_narrow (void)
{
  g_autoptr(BpHistory) history = falling_history (TRUE);
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  cairo_surface_t *surface = render_sized (history, BP_PALETTE_LIGHT, FALSE, 250, 340, 1.0);

  /* The train curve spans most of the width (the numbers alone would draw none of it). */
  g_assert_cmpint (columns_with (surface, 70, 240, &palette->loss), >=, 150);
  cairo_surface_destroy (surface);
}

static void
test_describe (void)
{
  g_autoptr(BpHistory) history = bp_history_new ();
  g_autofree char *none = bp_sparkline_describe_dataset (NULL);
  g_autofree char *classification = NULL;
  g_autofree char *regression = NULL;

  g_assert_cmpstr (none, ==, "No steps yet");
  bp_history_append_dataset (history, 150, 2, 0.5, 0.6, 0.5, 0.5);
  bp_history_append_dataset (history, 200, 4, 0.123, 0.145, 0.96, 0.94);
  classification = bp_sparkline_describe_dataset (history);
  g_assert_cmpstr (classification, ==, "Train loss 0.123, test loss 0.145 at step 200, epoch 4; "
                                       "train accuracy 96 %, test accuracy 94 %.");
  /* Almost all right is not all right. */
  bp_history_append_dataset (history, 200, 4, 0.123, 0.145, 0.996, 1.0);
  g_clear_pointer (&classification, g_free);
  classification = bp_sparkline_describe_dataset (history);
  g_assert_true (g_str_has_suffix (classification, "train accuracy 99 %, test accuracy 100 %."));

  bp_history_append_dataset (history, 230, 4, 0.123, 0.145, NAN, NAN);
  regression = bp_sparkline_describe_dataset (history);
  g_assert_cmpstr (regression, ==, "Train loss 0.123, test loss 0.145 at step 230, epoch 4.");
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

/* The widget picks the chart and the words by the network's mode, and follows its steps. */
static void
test_widget (void)
{
  g_autoptr(BpNetwork) network = dataset_network (BP_GENERATOR_CIRCLE);
  GtkWidget *sparkline = g_object_ref_sink (bp_sparkline_new ());
  BpSparkline *chart = BP_SPARKLINE (sparkline);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *train = NULL;
  g_autofree char *test = NULL;
  guint notified = 0;

  bp_sparkline_set_network (chart, network);
  g_assert_true (g_str_has_prefix (bp_sparkline_get_description (chart), "Train loss "));
  g_assert_true (bp_network_step_n (network, 40, &error));
  g_assert_no_error (error);
  train = bp_format_number (bp_network_get_train_loss (network), BP_NUMBER_FORMULA);
  test = bp_format_number (bp_network_get_test_loss (network), BP_NUMBER_FORMULA);
  expected = g_strdup_printf ("Train loss %s, test loss %s at step 40, epoch %u; ",
                              train, test, (guint) bp_network_get_epoch (network));
  g_assert_true (g_str_has_prefix (bp_sparkline_get_description (chart), expected));

  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_EXAMPLE, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (bp_sparkline_get_description (chart), "Loss "));

  g_signal_connect (chart, "notify::log-scale", G_CALLBACK (count_cb), &notified);
  g_assert_false (bp_sparkline_get_log_scale (chart));
  g_object_set (chart, "log-scale", TRUE, NULL);
  bp_sparkline_set_log_scale (chart, TRUE);
  g_assert_true (bp_sparkline_get_log_scale (chart));
  g_assert_cmpuint (notified, ==, 1);

  bp_sparkline_set_network (chart, NULL);
  g_assert_finalize_object (sparkline);
}

/* With a playback the chart follows the moment shown: a step's point appears when its
 * forward pulse reaches the loss. */
static void
test_widget_follows_moment (void)
{
  g_autoptr(BpNetwork) network = dataset_network (BP_GENERATOR_XOR);
  g_autoptr(BpPlayback) playback = bp_playback_new (network);
  GtkWidget *sparkline = g_object_ref_sink (bp_sparkline_new ());
  BpSparkline *chart = BP_SPARKLINE (sparkline);
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_network_step_n (network, 10, &error));
  g_assert_no_error (error);
  bp_sparkline_set_playback (chart, playback);
  g_assert_nonnull (strstr (bp_sparkline_get_description (chart), " at step 10, "));

  bp_playback_show_next_step (playback, TRUE);
  g_assert_true (bp_network_step_n (network, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 11);
  g_assert_cmpuint (bp_playback_get_loss_step (playback), ==, 10);
  g_assert_nonnull (strstr (bp_sparkline_get_description (chart), " at step 10, "));
  bp_playback_finish (playback);
  g_assert_nonnull (strstr (bp_sparkline_get_description (chart), " at step 11, "));

  bp_sparkline_set_playback (chart, NULL);
  g_assert_finalize_object (sparkline);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bp/sparkline-dataset/history-keeps-test", test_history_keeps_test);
  g_test_add_func ("/bp/sparkline-dataset/history-regression", test_history_regression);
  g_test_add_func ("/bp/sparkline-dataset/history-bounded", test_history_bounded);
  g_test_add_func ("/bp/sparkline-dataset/history-older-run", test_history_older_run);
  g_test_add_func ("/bp/sparkline-dataset/draw-test-curve", test_draw_test_curve);
  g_test_add_func ("/bp/sparkline-dataset/draw-log-decades", test_draw_log_decades);
  g_test_add_func ("/bp/sparkline-dataset/draw-log-zero", test_draw_log_zero);
  g_test_add_func ("/bp/sparkline-dataset/spans-hundredfold", test_spans_hundredfold);
  g_test_add_func ("/bp/sparkline-dataset/draw-all-palettes", test_draw_all_palettes);
  g_test_add_func ("/bp/sparkline-dataset/draw-trained", test_draw_trained);
  g_test_add_func ("/bp/sparkline-dataset/draw-projector", test_draw_projector);
  g_test_add_func ("/bp/sparkline-dataset/draw-narrow", test_draw_narrow);
  g_test_add_func ("/bp/sparkline-dataset/draw-small", test_draw_small);
  g_test_add_func ("/bp/sparkline-dataset/describe", test_describe);
  g_test_add_func ("/bp/sparkline-dataset/widget", test_widget);
  g_test_add_func ("/bp/sparkline-dataset/widget-follows-moment", test_widget_follows_moment);

  return g_test_run ();
}
