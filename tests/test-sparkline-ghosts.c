/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sparkline-ghosts.c: the learning-rate ghosts on the loss chart: drawn in both charts and
 * every palette right of the curve, a ghost beyond the axis pinned to its edge, one that
 * diverges at the top, none when there is no room; the chart's description lists them with
 * the model's numbers; the widget and the window's win.show-ghosts hide them, in both
 * modes. */
#define G_LOG_DOMAIN "test-sparkline-ghosts"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "bp-dataset.h"
#include "bp-diagram.h"
#include "bp-format.h"
#include "bp-network.h"
#include "bp-sparkline.h"
#include "bp-window.h"
#include "widget-tree.h"
#include "window-test.h"

#define WIDTH 800
#define HEIGHT 200

static const double factors[] = { 0.1, 1.0, 10.0 };

/* 41 points, one a step, the loss falling from 0.5 to 0.1 (with a test loss 0.05 above it
 * and an epoch every 10 steps in dataset mode). */
static BpHistory *
falling_history (gboolean dataset)
{
  BpHistory *history = bp_history_new ();

  for (guint i = 0; i <= 40; i++)
    {
      double loss = 0.5 - 0.01 * i;

      if (dataset)
        bp_history_append_dataset (history, i, i / 10, loss, loss + 0.05, NAN, NAN);
      else
        bp_history_append (history, i, loss);
    }
  return history;
}

static cairo_surface_t *
render (const BpHistory *history,
        gboolean         dataset,
        BpPaletteKind    kind,
        const BpGhost   *ghosts,
        guint            n_ghosts,
        int              width,
        int              height,
        double           text_scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  const char *dir = g_getenv ("BP_TEST_CHART_PNG_DIR");

  if (dataset)
    bp_sparkline_draw_dataset_ghosts (cr, width, height, history, bp_palette_get (kind),
                                      text_scale, FALSE, ghosts, n_ghosts);
  else
    bp_sparkline_draw_history_ghosts (cr, width, height, history, bp_palette_get (kind),
                                      text_scale, BP_SPARKLINE_SCALE_LINEAR, ghosts, n_ghosts);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (dir != NULL)
    {
      /* For a person to look at: BP_TEST_CHART_PNG_DIR=/tmp/charts. */
      static guint count;
      g_autofree char *name = g_strdup_printf ("%s/ghosts-%02u-%s.png", dir, count++,
                                               bp_palette_kind_to_string (kind));

      cairo_surface_write_to_png (surface, name);
    }
  return surface;
}

static gboolean
pixel_near (cairo_surface_t *surface,
            int              x,
            int              y,
            const BpColor   *color)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);
  const int got[3] = { pixel >> 16 & 0xff, pixel >> 8 & 0xff, pixel & 0xff };
  const double want[3] = { color->red, color->green, color->blue };

  for (guint k = 0; k < 3; k++)
    if (ABS (got[k] - (int) round (255 * want[k])) > 24)
      return FALSE;
  return TRUE;
}

/* The topmost row holding a pixel of @color between columns @x0 and @x1, or -1. */
static int
topmost (cairo_surface_t *surface,
         const BpColor   *color,
         int              x0,
         int              x1)
{
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = x0; x < x1; x++)
      if (pixel_near (surface, x, y, color))
        return y;
  return -1;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);

  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) stride * cairo_image_surface_get_height (a)) == 0;
}

/* The leftmost column where two drawings differ, or -1 when they are the same. */
static int
first_difference (cairo_surface_t *a,
                  cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  const guint32 *pa = (const guint32 *) cairo_image_surface_get_data (a);
  const guint32 *pb = (const guint32 *) cairo_image_surface_get_data (b);
  int first = -1;

  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      if (pa[y * stride / 4 + x] != pb[y * stride / 4 + x] && (first < 0 || x < first))
        first = x;
  return first;
}

/* In both charts and every palette the ghosts change the drawing; without them it is the
 * one the old functions draw; a ghost's loss moves it right of the curve only, and the
 * marks are in the loss colour. */
static void
test_draw_all_palettes (void)
{
  const BpGhost ghosts[] = { { 0.1, 0.095, FALSE }, { 1.0, 0.08, FALSE }, { 10.0, 0.3, FALSE } };
  const BpGhost moved[] = { { 0.1, 0.095, FALSE }, { 1.0, 0.08, FALSE }, { 10.0, 0.35, FALSE } };

  for (int dataset = 0; dataset <= 1; dataset++)
    for (BpPaletteKind kind = 0; kind < BP_N_PALETTES; kind++)
      {
        g_autoptr(BpHistory) history = falling_history (dataset);
        const BpPalette *palette = bp_palette_get (kind);
        cairo_surface_t *plain = render (history, dataset, kind, NULL, 0, WIDTH, HEIGHT, 1.0);
        cairo_surface_t *with = render (history, dataset, kind, ghosts, 3, WIDTH, HEIGHT, 1.0);
        cairo_surface_t *other = render (history, dataset, kind, moved, 3, WIDTH, HEIGHT, 1.0);
        cairo_surface_t *old = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
        cairo_t *cr = cairo_create (old);
        int x;

        if (dataset)
          bp_sparkline_draw_dataset (cr, WIDTH, HEIGHT, history, palette, 1.0, FALSE);
        else
          bp_sparkline_draw_history_scaled (cr, WIDTH, HEIGHT, history, palette, 1.0,
                                            BP_SPARKLINE_SCALE_LINEAR);
        cairo_destroy (cr);
        cairo_surface_flush (old);
        g_assert_true (same_pixels (plain, old));
        g_assert_false (same_pixels (plain, with));
        x = first_difference (with, other);
        g_assert_cmpint (x, >, WIDTH / 2);
        /* The 10η marker, above the curve's end: the loss colour there. */
        g_assert_cmpint (topmost (with, &palette->loss, x, MIN (x + 20, WIDTH)), >=, 0);
        cairo_surface_destroy (plain);
        cairo_surface_destroy (with);
        cairo_surface_destroy (other);
        cairo_surface_destroy (old);
      }
}

/* The axis grows to take in a ghost a little above the curve; one far beyond it is pinned
 * to the top instead of squashing the curve; a diverged one stands at the top. Nothing
 * reads NaN. */
static void
test_draw_honest_scale (void)
{
  for (int dataset = 0; dataset <= 1; dataset++)
    {
      g_autoptr(BpHistory) history = falling_history (dataset);
      const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
      const BpGhost near[] = { { 10.0, 0.9, FALSE } };
      const BpGhost far[] = { { 10.0, 50.0, FALSE } };
      const BpGhost diverged[] = { { 10.0, NAN, TRUE } };
      cairo_surface_t *plain = render (history, dataset, BP_PALETTE_LIGHT, NULL, 0, WIDTH,
                                       HEIGHT, 1.0);
      cairo_surface_t *grown = render (history, dataset, BP_PALETTE_LIGHT, near, 1, WIDTH,
                                       HEIGHT, 1.0);
      cairo_surface_t *pinned = render (history, dataset, BP_PALETTE_LIGHT, far, 1, WIDTH,
                                        HEIGHT, 1.0);
      cairo_surface_t *top = render (history, dataset, BP_PALETTE_LIGHT, diverged, 1, WIDTH,
                                     HEIGHT, 1.0);
      /* The curve's first point, near the left: lower when the axis grew. */
      int first_plain = topmost (plain, &palette->loss, 100, 110);
      int first_grown = topmost (grown, &palette->loss, 100, 110);
      int first_pinned = topmost (pinned, &palette->loss, 100, 110);

      g_assert_cmpint (first_plain, >=, 0);
      g_assert_cmpint (first_grown, >, first_plain + 20);
      /* A ghost 100 times the curve's largest loss leaves the axis as it was. */
      g_assert_cmpint (ABS (first_pinned - first_plain), <=, 2);
      /* The pinned and the diverged marker sit at the top of the plot. */
      g_assert_cmpint (topmost (pinned, &palette->loss, WIDTH / 2, WIDTH), <, 25);
      g_assert_cmpint (topmost (top, &palette->loss, WIDTH / 2, WIDTH), <, 25);
      cairo_surface_destroy (plain);
      cairo_surface_destroy (grown);
      cairo_surface_destroy (pinned);
      cairo_surface_destroy (top);
    }
}

/* A projector's text scale, a chart too narrow for the ghosts (drawn without them), and
 * sizes too small for any chart. */
static void
test_draw_sizes (void)
{
  const BpGhost ghosts[] = { { 0.1, 0.095, FALSE }, { 1.0, 0.08, FALSE }, { 10.0, NAN, TRUE } };

  for (int dataset = 0; dataset <= 1; dataset++)
    {
      g_autoptr(BpHistory) history = falling_history (dataset);
      cairo_surface_t *big = render (history, dataset, BP_PALETTE_DARK, ghosts, 3, 1600, 400,
                                     2.5);
      cairo_surface_t *narrow = render (history, dataset, BP_PALETTE_LIGHT, ghosts, 3, 210,
                                        120, 1.0);
      cairo_surface_t *narrow_plain = render (history, dataset, BP_PALETTE_LIGHT, NULL, 0, 210,
                                              120, 1.0);

      g_assert_true (dataset || same_pixels (narrow, narrow_plain));
      cairo_surface_destroy (big);
      cairo_surface_destroy (narrow);
      cairo_surface_destroy (narrow_plain);
      for (int w = 1; w < 120; w += 17)
        for (int h = 1; h < 80; h += 13)
          cairo_surface_destroy (render (history, dataset, BP_PALETTE_LIGHT, ghosts, 3, w, h,
                                         1.0));
    }
}

/* Before the first step (one point, at step 0) the example's chart still shows the ghosts,
 * its point at the right end; without them it is the text it always was. */
static void
test_draw_no_steps_yet (void)
{
  g_autoptr(BpHistory) history = bp_history_new ();
  const BpGhost ghosts[] = { { 0.1, 0.24, FALSE }, { 1.0, 0.2, FALSE }, { 10.0, 0.05, FALSE } };
  cairo_surface_t *plain, *with, *old;
  cairo_t *cr;

  bp_history_append (history, 0, 0.25);
  plain = render (history, FALSE, BP_PALETTE_LIGHT, NULL, 0, WIDTH, HEIGHT, 1.0);
  with = render (history, FALSE, BP_PALETTE_LIGHT, ghosts, 3, WIDTH, HEIGHT, 1.0);
  old = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (old);
  bp_sparkline_draw_history (cr, WIDTH, HEIGHT, history, bp_palette_get (BP_PALETTE_LIGHT),
                             1.0);
  cairo_destroy (cr);
  cairo_surface_flush (old);
  g_assert_true (same_pixels (plain, old));
  g_assert_false (same_pixels (plain, with));
  /* The point and the markers in the loss colour, in the right half only. */
  g_assert_cmpint (topmost (with, &bp_palette_get (BP_PALETTE_LIGHT)->loss, 0, WIDTH / 2), ==,
                   -1);
  g_assert_cmpint (topmost (with, &bp_palette_get (BP_PALETTE_LIGHT)->loss, WIDTH / 2, WIDTH),
                   >=, 0);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (with);
  cairo_surface_destroy (old);
}

static void
test_describe (void)
{
  const BpGhost ghosts[] = { { 0.1, 0.21, FALSE }, { 1.0, 0.18, FALSE }, { 10.0, NAN, TRUE } };
  const BpGhost first_diverges[] = { { 10.0, NAN, TRUE }, { 1.0, 0.5, FALSE } };
  g_autofree char *text = bp_sparkline_describe_ghosts ("Loss fell", ghosts, 3);
  g_autofree char *other = bp_sparkline_describe_ghosts ("Loss", first_diverges, 2);
  g_autofree char *none = bp_sparkline_describe_ghosts ("Loss fell", NULL, 0);
  g_autofree char *tenth = bp_sparkline_ghost_name (0.1);
  g_autofree char *one = bp_sparkline_ghost_name (1.0);
  g_autofree char *ten = bp_sparkline_ghost_name (10.0);

  g_assert_cmpstr (tenth, ==, "0.1η");
  g_assert_cmpstr (one, ==, "η");
  g_assert_cmpstr (ten, ==, "10η");
  g_assert_cmpstr (text, ==, "Loss fell. After one step at 0.1η the loss would be 0.21; "
                             "at η 0.18; at 10η the step diverges.");
  g_assert_cmpstr (other, ==, "Loss. After one step at 10η the step diverges; at η 0.5.");
  g_assert_cmpstr (none, ==, "Loss fell");
}

/* The description the model's ghosts give after the chart's own words. */
static char *
expected_ghosts (BpNetwork *network)
{
  BpGhost ghosts[G_N_ELEMENTS (factors)];
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_cmpuint (bp_network_ghost_losses (network, factors, 3, ghosts), ==, 3);
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *name = bp_sparkline_ghost_name (factors[k]);
      g_autofree char *loss = bp_format_number (ghosts[k].loss, BP_NUMBER_FORMULA);

      g_assert_false (ghosts[k].diverged);
      g_string_append_printf (text, k == 0 ? "After one step at %s the loss would be %s"
                                           : "; at %s %s", name, loss);
    }
  g_string_append (text, ".");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static BpNetwork *
dataset_network (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_CIRCLE, 200, 0.0, 50.0, 7,
                                                      &error);
  BpNetwork *network = bp_network_new ();

  g_assert_no_error (error);
  bp_network_set_dataset (network, dataset, NULL);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_no_error (error);
  return network;
}

/* Ghosts of a large training set wait for the changes to pause: none while steps come, the
 * model's a quarter of a second after the last one. */
static void
test_widget_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_SPIRAL, 10000, 0.0, 50.0,
                                                      7, &error);
  g_autoptr(BpNetwork) network = bp_network_new ();
  GtkWidget *sparkline = g_object_ref_sink (bp_sparkline_new ());
  BpSparkline *chart = BP_SPARKLINE (sparkline);
  g_autofree char *expected = NULL;
  gint64 end;

  g_assert_no_error (error);
  bp_network_set_dataset (network, dataset, NULL);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  for (guint l = 1; l <= 3; l++)
    g_assert_true (bp_network_add_layer (network, l, 8, &error));
  g_assert_no_error (error);
  bp_sparkline_set_network (chart, network);
  g_assert_true (bp_network_step_n (network, 3, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (bp_sparkline_get_description (chart), "After one step"));
  expected = expected_ghosts (network);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!g_str_has_suffix (bp_sparkline_get_description (chart), expected)
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_suffix (bp_sparkline_get_description (chart), expected));

  bp_sparkline_set_network (chart, NULL);
  g_assert_finalize_object (sparkline);
}

/* The widget's description ends with the model's ghosts, follows steps and η, and loses them
 * when they are hidden; in both modes. */
static void
test_widget (void)
{
  for (int dataset = 0; dataset <= 1; dataset++)
    {
      g_autoptr(BpNetwork) network = dataset ? dataset_network () : bp_network_new ();
      GtkWidget *sparkline = g_object_ref_sink (bp_sparkline_new ());
      BpSparkline *chart = BP_SPARKLINE (sparkline);
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *after = NULL;
      g_autofree char *faster = NULL;

      bp_sparkline_set_network (chart, network);
      g_assert_true (bp_sparkline_get_show_ghosts (chart));
      first = expected_ghosts (network);
      g_assert_true (g_str_has_suffix (bp_sparkline_get_description (chart), first));
      g_assert_true (bp_network_step_n (network, 5, &error));
      g_assert_no_error (error);
      after = expected_ghosts (network);
      g_assert_cmpstr (after, !=, first);
      g_assert_true (g_str_has_suffix (bp_sparkline_get_description (chart), after));
      bp_network_set_learning_rate (network, 2.0);
      faster = expected_ghosts (network);
      g_assert_cmpstr (faster, !=, after);
      g_assert_true (g_str_has_suffix (bp_sparkline_get_description (chart), faster));

      g_object_set (chart, "show-ghosts", FALSE, NULL);
      g_assert_null (strstr (bp_sparkline_get_description (chart), "After one step"));
      bp_sparkline_set_show_ghosts (chart, TRUE);
      g_assert_true (g_str_has_suffix (bp_sparkline_get_description (chart), faster));

      bp_sparkline_set_network (chart, NULL);
      g_assert_finalize_object (sparkline);
    }
}


/* The window: win.show-ghosts toggles the chart's ghosts and its state follows them; in
 * dataset mode the description lists the model's ghosts of the train loss. */
static void
test_window (void)
{
  BpWindow *window = new_settled_window (0, 0);
  BpNetwork *network = bp_window_get_network (window);
  BpSparkline *chart = BP_SPARKLINE (child (window, "sparkline"));
  g_autoptr(GVariant) state = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (bp_sparkline_get_show_ghosts (chart));
  state = g_action_get_state (g_action_map_lookup_action (G_ACTION_MAP (window),
                                                         "show-ghosts"));
  g_assert_true (g_variant_get_boolean (state));
  g_clear_pointer (&state, g_variant_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
  /* While the step plays, the chart shows the loss before it: no ghosts of the step after. */
  g_assert_null (strstr (bp_sparkline_get_description (chart), "After one step"));
  bp_playback_finish (bp_diagram_get_playback (BP_DIAGRAM (find_child (GTK_WIDGET (window),
                                                                      "diagram"))));
  expected = expected_ghosts (network);
  g_assert_true (g_str_has_suffix (bp_sparkline_get_description (chart), expected));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-ghosts", NULL));
  g_assert_false (bp_sparkline_get_show_ghosts (chart));
  g_assert_null (strstr (bp_sparkline_get_description (chart), "After one step"));
  state = g_action_get_state (g_action_map_lookup_action (G_ACTION_MAP (window),
                                                         "show-ghosts"));
  g_assert_false (g_variant_get_boolean (state));
  g_clear_pointer (&state, g_variant_unref);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-ghosts", NULL));
  g_assert_true (bp_sparkline_get_show_ghosts (chart));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mode", "s", "dataset"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
  bp_playback_finish (bp_diagram_get_playback (BP_DIAGRAM (find_child (GTK_WIDGET (window),
                                                                      "diagram"))));
  g_clear_pointer (&expected, g_free);
  expected = expected_ghosts (network);
  g_assert_true (g_str_has_prefix (bp_sparkline_get_description (chart), "Train loss "));
  g_assert_true (g_str_has_suffix (bp_sparkline_get_description (chart), expected));

  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/bp/sparkline-ghosts/draw-all-palettes", test_draw_all_palettes);
  g_test_add_func ("/bp/sparkline-ghosts/draw-honest-scale", test_draw_honest_scale);
  g_test_add_func ("/bp/sparkline-ghosts/draw-sizes", test_draw_sizes);
  g_test_add_func ("/bp/sparkline-ghosts/draw-no-steps-yet", test_draw_no_steps_yet);
  g_test_add_func ("/bp/sparkline-ghosts/describe", test_describe);
  g_test_add_func ("/bp/sparkline-ghosts/widget", test_widget);
  g_test_add_func ("/bp/sparkline-ghosts/widget-large", test_widget_large);
  g_test_add_func ("/bp/sparkline-ghosts/window", test_window);
  return g_test_run ();
}
