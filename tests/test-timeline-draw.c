/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline's loss chart as drawn, offscreen: two branches from the same point in two
 * colours in every palette, the current one faint after the step shown, the step shown as a
 * line; the description's numbers; NaN said in words; 16,384 steps drawn quickly; PNG, SVG
 * and PDF through the export's picture function. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bp-export.h"
#include "bp-timeline-draw.h"

#define W 640
#define H 160
#define N1 401
#define N2 151

typedef struct {
  double losses1[N1];
  double losses2[N2];
  BpTimelineCurve curves[2];
  BpTimelineChart chart;
} Fixture;

/* Branch 1: steps 0–400 falling slowly; branch 2 forks at 100 and rises (η too large). */
static void
fixture_init (Fixture *f)
{
  for (guint i = 0; i < N1; i++)
    f->losses1[i] = 0.3 * exp (-(double) i / 200.0);
  for (guint i = 0; i < N2; i++)
    f->losses2[i] = i <= 100 ? f->losses1[i] : 0.3 * exp (-0.5) + (double) (i - 100) * 0.004;
  f->curves[0] = (BpTimelineCurve) { 0, f->losses1, N1, 0, 0, "η = 0.5 · branch 1" };
  f->curves[1] = (BpTimelineCurve) { 0, f->losses2, N2, 100, 1, "η = 5 · branch 2" };
  f->chart = (BpTimelineChart) { f->curves, 2, 1, 120 };
}

static gboolean
near_color (guint32        pixel,
            const BpColor *color,
            int            tolerance)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return abs (r - (int) round (color->red * 255)) <= tolerance
         && abs (g - (int) round (color->green * 255)) <= tolerance
         && abs (b - (int) round (color->blue * 255)) <= tolerance;
}

/* How many pixels of @color within columns [x0, x1). */
static guint
count_color (cairo_surface_t *surface,
             const BpColor   *color,
             int              x0,
             int              x1)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < H; y++)
    for (int x = x0; x < x1; x++)
      n += near_color (*(const guint32 *) (data + y * stride + x * 4), color, 3);
  return n;
}

static cairo_surface_t *
draw (const BpTimelineChart *chart,
      const BpPalette       *palette)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);

  bp_timeline_chart_draw (cr, W, H, chart, palette, 1.0, BP_SPARKLINE_SCALE_AUTOMATIC);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  /* TIMELINE_DRAW_PNG=DIR keeps each picture, to look at. */
  if (g_getenv ("TIMELINE_DRAW_PNG") != NULL)
    {
      static guint n;
      g_autofree char *name = g_strdup_printf ("%s/timeline-%02u.png",
                                               g_getenv ("TIMELINE_DRAW_PNG"), n++);

      cairo_surface_write_to_png (surface, name);
    }
  return surface;
}

/* Every palette: both branches drawn in their own colours, which differ from each other and
 * from the background; the styles' colour and dash pairs all differ. */
static void
test_palettes (void)
{
  Fixture f;

  fixture_init (&f);
  for (BpPaletteKind kind = 0; kind < BP_N_PALETTES; kind++)
    {
      const BpPalette *palette = bp_palette_get (kind);
      cairo_surface_t *surface = draw (&f.chart, palette);
      BpColor c1, c2;

      bp_timeline_chart_style_color (palette, 0, &c1);
      bp_timeline_chart_style_color (palette, 1, &c2);
      g_assert_false (near_color (((guint32) round (c1.red * 255) << 16)
                                  | ((guint32) round (c1.green * 255) << 8)
                                  | (guint32) round (c1.blue * 255), &c2, 40));
      g_assert_cmpuint (count_color (surface, &c1, 0, W), >, 50);
      g_assert_cmpuint (count_color (surface, &c2, 0, W), >, 50);
      cairo_surface_destroy (surface);
    }
  for (guint a = 0; a < BP_TIMELINE_CHART_N_STYLES; a++)
    for (guint b = a + 1; b < BP_TIMELINE_CHART_N_STYLES; b++)
      {
        double da[4], db[4];
        guint na = bp_timeline_chart_style_dash (a, 1.0, da);
        guint nb = bp_timeline_chart_style_dash (b, 1.0, db);
        BpColor ca, cb;

        bp_timeline_chart_style_color (bp_palette_get (BP_PALETTE_LIGHT), a, &ca);
        bp_timeline_chart_style_color (bp_palette_get (BP_PALETTE_LIGHT), b, &cb);
        g_assert_true (na != nb || memcmp (da, db, na * sizeof (double)) != 0
                       || memcmp (&ca, &cb, sizeof ca) != 0);
      }
}

/* The current branch (2, orange-free blue in the light palette) is full before the step
 * shown and faint after it: right of the cursor its full colour is gone. */
static void
test_faint_after_cursor (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  Fixture f;
  cairo_surface_t *at_tip, *past;
  BpColor c2;

  fixture_init (&f);
  bp_timeline_chart_style_color (palette, 1, &c2);
  f.chart.cursor = 150;
  at_tip = draw (&f.chart, palette);
  f.chart.cursor = 101;
  past = draw (&f.chart, palette);
  /* Branch 2 spans steps 100–150 of 0–400: the columns of its rise, left of the labels. */
  g_assert_cmpuint (count_color (at_tip, &c2, W / 4 + 30, W / 2), >, 20);
  g_assert_cmpuint (count_color (past, &c2, W / 4 + 30, W / 2), <,
                    count_color (at_tip, &c2, W / 4 + 30, W / 2) / 4);
  cairo_surface_destroy (at_tip);
  cairo_surface_destroy (past);
}

static void
test_describe (void)
{
  Fixture f;
  g_autofree char *text = NULL;
  g_autofree char *nan_text = NULL;

  fixture_init (&f);
  text = bp_timeline_chart_describe (&f.chart);
  g_assert_true (g_str_has_prefix (text, "Loss per step on 2 branches."));
  g_assert_nonnull (strstr (text, "η = 0.5 · branch 1: loss 0.3 at step 0 to "));
  g_assert_nonnull (strstr (text, "at step 400."));
  g_assert_nonnull (strstr (text, "η = 5 · branch 2: loss "));
  g_assert_nonnull (strstr (text, "at step 100 to "));
  g_assert_nonnull (strstr (text, "at step 150."));
  g_assert_nonnull (strstr (text, "Shown: step 120 of η = 5 · branch 2, loss "));

  f.losses2[N2 - 1] = NAN;
  nan_text = bp_timeline_chart_describe (&f.chart);
  g_assert_null (strstr (nan_text, "nan"));
  g_assert_null (strstr (nan_text, "inf"));
  g_assert_nonnull (strstr (nan_text, "not a number (the step diverged)"));
}

/* Non-finite losses and degenerate charts draw without trouble: all NaN says "No steps
 * yet"; one point; a size too small for a plot. */
static void
test_degenerate (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_DARK);
  double nan_losses[3] = { NAN, INFINITY, NAN };
  double one[1] = { 0.5 };
  BpTimelineCurve curve = { 10, nan_losses, 3, 10, 0, "η = 1 · branch 1" };
  BpTimelineChart chart = { &curve, 1, 0, 11 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);

  bp_timeline_chart_draw (cr, W, H, &chart, palette, 1.0, BP_SPARKLINE_SCALE_LOGARITHMIC);
  curve.losses = one;
  curve.n = 1;
  chart.cursor = 10;
  bp_timeline_chart_draw (cr, W, H, &chart, palette, 2.0, BP_SPARKLINE_SCALE_LINEAR);
  bp_timeline_chart_draw (cr, 30, 20, &chart, palette, 1.0, BP_SPARKLINE_SCALE_AUTOMATIC);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A full timeline of 16,384 steps on two branches draws in well under a frame's budget at
 * the window's size: one segment per pixel column. */
static void
test_long (void)
{
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autofree double *a = g_new (double, 16384);
  g_autofree double *b = g_new (double, 16384);
  BpTimelineCurve curves[2] = {
    { 0, a, 16384, 0, 0, "η = 0.5 · branch 1" },
    { 0, b, 16384, 8000, 1, "η = 5 · branch 2" },
  };
  BpTimelineChart chart = { curves, 2, 1, 12000 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);
  gint64 start;

  for (guint i = 0; i < 16384; i++)
    {
      a[i] = 1.0 / (1 + i) + 0.01 * sin (i);
      b[i] = i < 8000 ? a[i] : 0.2 + 0.01 * cos (i);
    }
  start = g_get_monotonic_time ();
  bp_timeline_chart_draw (cr, W, H, &chart, palette, 1.0, BP_SPARKLINE_SCALE_AUTOMATIC);
  cairo_surface_flush (surface);
  g_test_message ("16,384 steps, 2 branches, drawn in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 200000);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
draw_cb (cairo_t  *cr,
         int       width,
         int       height,
         gpointer  data)
{
  bp_timeline_chart_draw (cr, width, height, data, bp_palette_get (BP_PALETTE_LIGHT), 1.0,
                          BP_SPARKLINE_SCALE_AUTOMATIC);
}

/* The same function draws the exported picture in each format. */
static void
test_export (void)
{
  static const BpExportFormat formats[] = { BP_EXPORT_PNG, BP_EXPORT_SVG, BP_EXPORT_PDF };
  static const char *const magic[] = { "\x89PNG", "<?xml", "%PDF" };
  Fixture f;

  fixture_init (&f);
  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = bp_export_picture_bytes (formats[k], 1280, 320, 640, 160,
                                                         draw_cb, &f.chart, &error);
      gsize size;
      const char *data;

      g_assert_no_error (error);
      data = g_bytes_get_data (bytes, &size);
      g_assert_cmpuint (size, >, 500);
      g_assert_true (memcmp (data, magic[k], strlen (magic[k])) == 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline-draw/palettes", test_palettes);
  g_test_add_func ("/timeline-draw/faint-after-cursor", test_faint_after_cursor);
  g_test_add_func ("/timeline-draw/describe", test_describe);
  g_test_add_func ("/timeline-draw/degenerate", test_degenerate);
  g_test_add_func ("/timeline-draw/long", test_long);
  g_test_add_func ("/timeline-draw/export", test_export);
  return g_test_run ();
}
