/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Scale window's numbers and plot without a display: BpScaleRun measures the plan's
 * sizes in order on its thread, stops when cancelled and leaves no thread behind, keeps and
 * reads back its measurement (refusing files with times no plot could show); the engine's
 * cancel hook; the plot's axes, ratio, description, drawing in every palette and export. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-scale-draw.h"
#include "bp-scale-run.h"

typedef struct {
  guint n_added;
  guint n_finished;
  gboolean complete;
  gboolean sorted;
  gboolean running_at_finish;
} Recorder;

static void
row_added_cb (BpScaleRun *run,
              guint       index,
              Recorder   *rec)
{
  guint n_rows;
  const BpScaleRow *rows = bp_scale_run_get_rows (run, &n_rows);

  g_assert_cmpuint (index, ==, rec->n_added);
  g_assert_cmpuint (n_rows, ==, index + 1);
  if (index > 0 && rows[index].params <= rows[index - 1].params)
    rec->sorted = FALSE;
  rec->n_added++;
}

static void
finished_cb (BpScaleRun *run,
             gboolean    complete,
             Recorder   *rec)
{
  rec->n_finished++;
  rec->complete = complete;
  rec->running_at_finish = bp_scale_run_get_running (run);
}

static void
connect (BpScaleRun *run,
         Recorder   *rec)
{
  *rec = (Recorder) { .sorted = TRUE };
  g_signal_connect (run, "row-added", G_CALLBACK (row_added_cb), rec);
  g_signal_connect (run, "finished", G_CALLBACK (finished_cb), rec);
}

static void
wait_finished (Recorder *rec)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (rec->n_finished == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rec->n_finished, ==, 1);
}

/* Every size of the plan measured, in order, with finite positive times; then a date. */
static void
test_run_complete (void)
{
  g_autoptr(BpScaleRun) run = bp_scale_run_new ();
  BpScaleRow plan[BP_SCALE_MAX_ROWS];
  guint n_plan = bp_scale_plan (2000, plan), n_rows;
  const BpScaleRow *rows;
  Recorder rec;

  connect (run, &rec);
  bp_scale_run_set_round_ns (run, 20000);
  g_assert_null (bp_scale_run_get_date (run));
  bp_scale_run_start (run, 2000);
  g_assert_true (bp_scale_run_get_running (run));
  g_assert_cmpuint (bp_scale_run_get_n_planned (run), ==, n_plan);
  wait_finished (&rec);
  g_assert_true (rec.complete);
  g_assert_false (rec.running_at_finish);
  g_assert_true (rec.sorted);
  g_assert_cmpuint (rec.n_added, ==, n_plan);
  rows = bp_scale_run_get_rows (run, &n_rows);
  g_assert_cmpuint (n_rows, ==, n_plan);
  for (guint i = 0; i < n_rows; i++)
    {
      g_assert_cmpmem (rows[i].sizes, sizeof rows[i].sizes, plan[i].sizes, sizeof plan[i].sizes);
      g_assert_cmpuint (rows[i].params, ==, plan[i].params);
      g_assert_true (isfinite (rows[i].forward_ns) && rows[i].forward_ns > 0);
      g_assert_true (isfinite (rows[i].backward_ns) && rows[i].backward_ns > 0);
    }
  g_assert_cmpuint (rows[n_rows - 1].params, <=, 2000);
  g_assert_nonnull (bp_scale_run_get_date (run));
  g_assert_cmpuint (bp_scale_run_get_max_params (run), ==, 2000);
}

/* Cancel stops a long measurement within a round or so, with the rows measured until then;
 * the run lives until its thread has ended, and then goes. */
static void
test_run_cancel (void)
{
  BpScaleRun *run = bp_scale_run_new ();
  gpointer weak = run;
  Recorder rec;
  guint n_rows;
  gint64 asked, end;

  g_object_add_weak_pointer (G_OBJECT (run), &weak);
  connect (run, &rec);
  bp_scale_run_start (run, BP_SCALE_MAX_PARAMS);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (rec.n_added < 2 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rec.n_added, >=, 2);
  asked = g_get_monotonic_time ();
  bp_scale_run_cancel (run);
  wait_finished (&rec);
  /* A round is 10 ms; a small network's measurement ends within a few. */
  g_assert_cmpint (g_get_monotonic_time () - asked, <, 2 * G_USEC_PER_SEC);
  g_assert_false (rec.complete);
  bp_scale_run_get_rows (run, &n_rows);
  g_assert_cmpuint (n_rows, <, bp_scale_run_get_n_planned (run));
  g_assert_cmpuint (n_rows, ==, rec.n_added);
  g_assert_null (bp_scale_run_get_date (run));

  /* Cancelled and dropped while measuring, as the window does when it closes: the task
   * holds the run until its thread has stopped, and then lets it go. */
  rec = (Recorder) { .sorted = TRUE };
  bp_scale_run_start (run, BP_SCALE_MAX_PARAMS);
  bp_scale_run_cancel (run);
  g_object_unref (run);
  g_assert_nonnull (weak);
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  /* The task's last reference may be dropped on its thread, which wakes no main loop. */
  while (weak != NULL && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_null (weak);
}

static gboolean
always_cb (gpointer data)
{
  (*(guint *) data)++;
  return TRUE;
}

/* The engine's hook: asked before the first round, it stops with no error and no row;
 * without it the measurement is bp_scale_measure ()'s. */
static void
test_measure_cancellable (void)
{
  guint sizes[3] = { 4, 4, 4 }, asked = 0;
  BpScaleRow row = { .params = 77 };
  g_autoptr(GError) error = NULL;

  g_assert_false (bp_scale_measure_cancellable (sizes, 3, 1000000, always_cb, &asked, &row,
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (asked, ==, 1);
  g_assert_cmpuint (row.params, ==, 77);
  g_assert_true (bp_scale_measure_cancellable (sizes, 3, 1000, NULL, NULL, &row, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (row.params, ==, 40);
  sizes[1] = 0;
  g_assert_false (bp_scale_measure_cancellable (sizes, 3, 1000, NULL, NULL, &row, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_SHAPE);
}

static char *
temp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

/* Saved and read back: the same rows, bit for bit, the same bound and date. */
static void
test_save_load (void)
{
  g_autoptr(BpScaleRun) run = bp_scale_run_new ();
  g_autoptr(BpScaleRun) again = bp_scale_run_new ();
  g_autofree char *dir = g_dir_make_tmp ("bp-scale-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "scale.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const BpScaleRow *a, *b;
  guint n_a, n_b;
  Recorder rec;

  connect (run, &rec);
  bp_scale_run_set_round_ns (run, 10000);
  bp_scale_run_start (run, 500);
  wait_finished (&rec);
  g_assert_true (bp_scale_run_save (run, file, &error));
  g_assert_no_error (error);
  g_assert_true (bp_scale_run_load (again, file, &error));
  g_assert_no_error (error);
  a = bp_scale_run_get_rows (run, &n_a);
  b = bp_scale_run_get_rows (again, &n_b);
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    {
      g_assert_cmpuint (a[i].params, ==, b[i].params);
      g_assert_cmpuint (a[i].n_sizes, ==, b[i].n_sizes);
      g_assert_true (a[i].forward_ns == b[i].forward_ns);
      g_assert_true (a[i].backward_ns == b[i].backward_ns);
    }
  g_assert_cmpuint (bp_scale_run_get_max_params (again), ==, 500);
  g_assert_cmpint (g_date_time_to_unix (bp_scale_run_get_date (again)), ==,
                   g_date_time_to_unix (bp_scale_run_get_date (run)));
  g_assert_cmpuint (bp_scale_run_get_n_planned (again), ==, n_a);
  g_assert_false (bp_scale_run_get_running (again));
  g_unlink (path);
  g_autofree char *sub = g_path_get_dirname (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

/* Files a plot could not show honestly are refused whole; a missing one says so. */
static void
test_load_refuses (void)
{
  static const char * const bad[] = {
    "{\"measured\": \"2026-01-01T00:00:00Z\", \"max_params\": 100, \"rows\": "
    "[{\"sizes\": [2, 2, 2], \"params\": 12, \"forward_ns\": 1e999, \"backward_ns\": 5}]}",
    "{\"measured\": \"2026-01-01T00:00:00Z\", \"max_params\": 100, \"rows\": "
    "[{\"sizes\": [2, 2, 2], \"params\": 12, \"forward_ns\": -3, \"backward_ns\": 5}]}",
    "{\"measured\": \"2026-01-01T00:00:00Z\", \"max_params\": 100, \"rows\": "
    "[{\"sizes\": [2, 2, 2], \"params\": 13, \"forward_ns\": 3, \"backward_ns\": 5}]}",
    "{\"measured\": \"2026-01-01T00:00:00Z\", \"max_params\": 100, \"rows\": "
    "[{\"sizes\": [3, 3, 3], \"params\": 24, \"forward_ns\": 3, \"backward_ns\": 5},"
    " {\"sizes\": [2, 2, 2], \"params\": 12, \"forward_ns\": 3, \"backward_ns\": 5}]}",
    "{\"measured\": \"yesterday\", \"max_params\": 100, \"rows\": "
    "[{\"sizes\": [2, 2, 2], \"params\": 12, \"forward_ns\": 3, \"backward_ns\": 5}]}",
    "{\"measured\": \"2026-01-01T00:00:00Z\", \"max_params\": 100, \"rows\": []}",
    "[[[[[[[[[[",
  };
  static const char good[] =
    "{\"measured\": \"2026-01-01T00:00:00Z\", \"max_params\": 100, \"rows\": "
    "[{\"sizes\": [2, 2, 2], \"params\": 12, \"forward_ns\": 3, \"backward_ns\": 5.5}]}";
  g_autofree char *path = temp_path ("bp-scale-refuses.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BpScaleRun) run = bp_scale_run_new ();
  g_autoptr(GError) error = NULL;
  const BpScaleRow *rows;
  guint n_rows;

  g_unlink (path);
  g_assert_false (bp_scale_run_load (run, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_assert_true (g_file_set_contents (path, bad[k], -1, NULL));
      g_assert_false (bp_scale_run_load (run, file, &error));
      g_assert_error (error, BP_ERROR, BP_ERROR_FILE);
      g_clear_error (&error);
      bp_scale_run_get_rows (run, &n_rows);
      g_assert_cmpuint (n_rows, ==, 0);
    }
  g_assert_true (g_file_set_contents (path, good, -1, NULL));
  g_assert_true (bp_scale_run_load (run, file, &error));
  rows = bp_scale_run_get_rows (run, &n_rows);
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_cmpfloat (bp_scale_row_ratio (&rows[0]), ==, 5.5 / 3);
  g_unlink (path);
}

static BpScaleRow
make_row (guint  width,
          double forward,
          double backward)
{
  BpScaleRow row = { .n_sizes = 3, .sizes = { width, width, width },
                     .forward_ns = forward, .backward_ns = backward };

  row.params = bp_scale_count_params (row.sizes, 3);
  return row;
}

/* The axes: parameters from 1 to the decade of the bound from the start, times over whole
 * decades around every time, the ratio at least to 4; rows with unusable times are left
 * out of everything. */
static void
test_axes (void)
{
  BpScaleRow rows[3] = { make_row (2, 25, 40), make_row (30, 900, 2100),
                         make_row (300, 2.5e5, NAN) };
  BpScaleAxes axes;

  bp_scale_axes_fit (NULL, 0, 10000000, &axes);
  g_assert_cmpint (axes.params_low, ==, 0);
  g_assert_cmpint (axes.params_high, ==, 7);
  g_assert_cmpint (axes.time_low, <, axes.time_high);
  g_assert_cmpfloat (axes.ratio_high, ==, 4.0);
  bp_scale_axes_fit (rows, 3, 2000, &axes);
  g_assert_cmpint (axes.params_high, ==, 4);   /* 2,000; the NaN row's 180,600 left out */
  g_assert_cmpint (axes.time_low, ==, 1);      /* 25 ns */
  g_assert_cmpint (axes.time_high, ==, 4);     /* 2,100 ns: the NaN row's time is left out */
  g_assert_cmpfloat (axes.ratio_high, ==, 4.0);
  g_assert_cmpfloat (bp_scale_row_ratio (&rows[1]), ==, 2100.0 / 900.0);
  g_assert_true (isnan (bp_scale_row_ratio (&rows[2])));
  rows[2].backward_ns = 3e5;
  bp_scale_axes_fit (rows, 3, 2000, &axes);
  g_assert_cmpint (axes.params_high, ==, 6);   /* now it counts: 180,600 parameters */
  g_assert_cmpint (axes.time_high, ==, 6);
  rows[1].backward_ns = 9 * 900;
  bp_scale_axes_fit (rows, 2, 2000, &axes);
  g_assert_cmpfloat (axes.ratio_high, ==, 10.0);  /* 9 × 1.1, rounded up */
}

static void
test_describe (void)
{
  BpScaleRow rows[2] = { make_row (2, 25, 40), make_row (30, 1000, 2500) };
  g_autofree char *none = bp_scale_describe (NULL, 0);
  g_autofree char *two = bp_scale_describe (rows, 2);

  g_assert_cmpstr (none, ==, "No sizes measured yet");
  g_assert_cmpstr (two, ==, "Forward and backward time per pass of 2 networks, from 12 to 1860 "
                            "parameters; the backward pass took 1.60 to 2.50 times as long as "
                            "the forward pass");
}

/* Whether some pixel of @surface is within a small distance of @color. */
static gboolean
has_color (cairo_surface_t *surface,
           const BpColor   *color)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + 4 * x);
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        if (abs (r - (int) (color->red * 255)) < 4 && abs (g - (int) (color->green * 255)) < 4
            && abs (b - (int) (color->blue * 255)) < 4)
          return TRUE;
      }
  return FALSE;
}

/* In every palette the two times and the ratio are drawn in their colours on the
 * background, and nothing is drawn for no rows but the axes. */
static void
test_draw_palettes (void)
{
  BpScaleRow rows[4] = { make_row (2, 25, 40), make_row (10, 200, 300),
                         make_row (50, 4000, 7000), make_row (200, 80000, 150000) };

  for (BpPaletteKind k = 0; k < BP_N_PALETTES; k++)
    {
      const BpPalette *palette = bp_palette_get (k);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 560);
      cairo_t *cr = cairo_create (surface);

      bp_scale_draw (cr, 900, 560, rows, 4, 100000, palette, 1.0);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      g_assert_true (has_color (surface, &palette->background));
      g_assert_true (has_color (surface, &palette->pulse));
      g_assert_true (has_color (surface, &palette->wave));
      g_assert_true (has_color (surface, &palette->loss));
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* PNG, SVG and PDF files with their formats' signatures; a bad size is refused. */
static void
test_export (void)
{
  static const struct { BpExportFormat format; const char *name, *magic; } cases[] = {
    { BP_EXPORT_PNG, "bp-scale.png", "\x89PNG" },
    { BP_EXPORT_SVG, "bp-scale.svg", "<?xml" },
    { BP_EXPORT_PDF, "bp-scale.pdf", "%PDF" },
  };
  BpScaleRow rows[2] = { make_row (2, 25, 40), make_row (10, 200, 300) };
  const BpPalette *palette = bp_palette_get (BP_PALETTE_LIGHT);
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *path = temp_path (cases[k].name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (bp_scale_export (rows, 2, 1000, cases[k].format, 800, 500, palette, file,
                                      &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (g_str_has_prefix (contents, cases[k].magic));
      /* 800 pixels wide: Cairo 1.16 writes width="800", later ones width="800px". */
      if (cases[k].format == BP_EXPORT_SVG)
        g_assert_true (strstr (contents, "width=\"800\"") != NULL
                       || strstr (contents, "width=\"800px\"") != NULL);
      g_unlink (path);
    }
  {
    g_autofree char *path = temp_path ("bp-scale-small.png");
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_false (bp_scale_export (rows, 2, 1000, BP_EXPORT_PNG, 10, 500, palette, file,
                                     &error));
    g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bp/scale/run-complete", test_run_complete);
  g_test_add_func ("/bp/scale/run-cancel", test_run_cancel);
  g_test_add_func ("/bp/scale/measure-cancellable", test_measure_cancellable);
  g_test_add_func ("/bp/scale/save-load", test_save_load);
  g_test_add_func ("/bp/scale/load-refuses", test_load_refuses);
  g_test_add_func ("/bp/scale/axes", test_axes);
  g_test_add_func ("/bp/scale/describe", test_describe);
  g_test_add_func ("/bp/scale/draw-palettes", test_draw_palettes);
  g_test_add_func ("/bp/scale/export", test_export);
  return g_test_run ();
}
