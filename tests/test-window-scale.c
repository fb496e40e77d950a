/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Scale window as a user drives it: Measure Scale… opens one, transient for the main
 * window; Start measures (here a bound of 2,000 parameters, with short rounds) and the rows
 * appear in the table in order, their ratio column backward ÷ forward; Cancel stops; the
 * last complete measurement is there again when the window reopens; closing the window
 * mid-measurement leaves no thread behind; Export writes the plot. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-scale-draw.h"
#include "bp-scale-window.h"
#include "bp-window.h"
#include "widget-tree.h"
#include "window-test.h"

/* Runs the main loop until @done, for at most @seconds; the thread's last reference may
 * be dropped on the thread itself, which wakes no main loop, so it polls. */
static gboolean
spin_until (gboolean (*done) (gpointer),
            gpointer  data,
            double    seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!done (data) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return done (data);
}

static gboolean
not_running (gpointer data)
{
  return !bp_scale_run_get_running (data);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static guint
n_rows_of (BpScaleRun *run)
{
  guint n;

  bp_scale_run_get_rows (run, &n);
  return n;
}

static gboolean
has_two_rows (gpointer data)
{
  return n_rows_of (data) >= 2;
}

static BpScaleWindow *
scale_window_of (BpWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (BP_IS_SCALE_WINDOW (item)
          && gtk_window_get_transient_for (GTK_WINDOW (item)) == GTK_WINDOW (window))
        return BP_SCALE_WINDOW (item);
    }
  return NULL;
}

static BpScaleWindow *
open_scale (BpWindow *window)
{
  BpScaleWindow *scale;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.scale", NULL));
  settle ();
  scale = scale_window_of (window);
  g_assert_nonnull (scale);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (scale)));
  return scale;
}

/* The labels of the table's rows, heading first: one array of five texts per row. */
static GPtrArray *
table_cells (BpScaleWindow *scale)
{
  GtkWidget *table = find_child (GTK_WIDGET (scale), "table");
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_nonnull (table);
  for (GtkWidget *row = gtk_widget_get_first_child (table); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GStrvBuilder *builder = g_strv_builder_new ();

      for (GtkWidget *l = gtk_widget_get_first_child (box); l != NULL;
           l = gtk_widget_get_next_sibling (l))
        g_strv_builder_add (builder, gtk_label_get_label (GTK_LABEL (l)));
      g_ptr_array_add (rows, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }
  return rows;
}

static const char *
status_text (BpScaleWindow *scale)
{
  return gtk_label_get_label (GTK_LABEL (find_child (GTK_WIDGET (scale), "status_label")));
}

static const char *
progress_text (BpScaleWindow *scale)
{
  return gtk_progress_bar_get_text (
    GTK_PROGRESS_BAR (find_child (GTK_WIDGET (scale), "progress_bar")));
}

/* Opened from the menu's action, once per window: a second activation shows the same
 * window. Before any measurement it says so, and there is nothing to export. The guide's
 * last pane has the button that opens it. */
static void
test_open (void)
{
  BpWindow *window = new_window ();
  BpScaleWindow *scale = open_scale (window);
  g_autoptr(GPtrArray) cells = table_cells (scale);
  GtkWidget *guide_button = find_child (GTK_WIDGET (window), "scale_guide_button");

  g_assert_true (open_scale (window) == scale);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (scale)), ==, "Scale");
  g_assert_cmpstr (status_text (scale), ==,
                   "Not measured yet: choose the largest network and press Start.");
  g_assert_cmpuint (cells->len, ==, 1);
  g_assert_cmpstr (((char **) cells->pdata[0])[4], ==, "Backward ÷ forward");
  g_assert_cmpuint (bp_scale_window_get_max_params (scale), ==, 10000000);
  g_assert_nonnull (guide_button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (guide_button)), ==,
                   "win.scale");
  close_window (window);
  g_assert_null (scale_window_of (window));
}

/* Start: the progress names the size being measured; the rows arrive in the table by
 * growing parameters, every ratio cell the row's backward ÷ forward; the measurement is
 * kept, and a new Scale window shows it with its date. */
static void
test_run (void)
{
  BpWindow *window = new_window ();
  BpScaleWindow *scale = open_scale (window);
  BpScaleRun *run = bp_scale_window_get_run (scale);
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GFile) kept = bp_scale_run_get_default_file ();
  const BpScaleRow *rows;
  guint n_rows;

  g_file_delete (kept, NULL, NULL);
  bp_scale_run_set_round_ns (run, 20000);
  bp_scale_window_start (scale, 2000);
  g_assert_true (bp_scale_run_get_running (run));
  g_assert_true (g_str_has_prefix (progress_text (scale), "Size 1 of "));
  g_assert_true (g_str_has_suffix (progress_text (scale), ", 12 parameters"));
  g_assert_true (spin_until (not_running, run, 30));
  settle ();
  rows = bp_scale_run_get_rows (run, &n_rows);
  g_assert_cmpuint (n_rows, ==, bp_scale_run_get_n_planned (run));
  g_assert_cmpuint (n_rows, >, 5);
  cells = table_cells (scale);
  g_assert_cmpuint (cells->len, ==, n_rows + 1);
  for (guint i = 0; i < n_rows; i++)
    {
      char **row = cells->pdata[i + 1];
      /* As the table writes it: with the locale's thousands separator. */
      g_autofree char *params = g_strdup_printf ("%'" G_GUINT64_FORMAT, rows[i].params);
      g_autofree char *ratio = g_strdup_printf ("%.2f",
                                                rows[i].backward_ns / rows[i].forward_ns);

      g_assert_cmpstr (row[1], ==, params);
      g_assert_cmpstr (row[4], ==, ratio);
      if (i > 0)
        g_assert_cmpuint (rows[i].params, >, rows[i - 1].params);
    }
  g_assert_cmpuint (rows[n_rows - 1].params, <=, 2000);
  g_assert_true (g_str_has_prefix (status_text (scale), "Measured on "));
  g_assert_true (g_file_query_exists (kept, NULL));

  /* Closed and opened again: the same rows, with their date. */
  gtk_window_destroy (GTK_WINDOW (scale));
  settle ();
  g_assert_null (scale_window_of (window));
  scale = open_scale (window);
  g_assert_cmpuint (n_rows_of (bp_scale_window_get_run (scale)), ==, n_rows);
  g_clear_pointer (&cells, g_ptr_array_unref);
  cells = table_cells (scale);
  g_assert_cmpuint (cells->len, ==, n_rows + 1);
  g_assert_true (g_str_has_prefix (status_text (scale), "Measured on "));
  close_window (window);
}

/* Cancel stops a long measurement within a moment, with the rows measured so far and the
 * kept measurement left as it was. */
static void
test_cancel (void)
{
  BpWindow *window = new_window ();
  BpScaleWindow *scale = open_scale (window);
  BpScaleRun *run = bp_scale_window_get_run (scale);
  g_autoptr(GPtrArray) cells = NULL;
  guint n_rows;
  gint64 asked;

  bp_scale_window_start (scale, BP_SCALE_MAX_PARAMS);
  g_assert_true (spin_until (has_two_rows, run, 30));
  asked = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (scale), "scale.cancel", NULL));
  g_assert_true (spin_until (not_running, run, 5));
  g_assert_cmpint (g_get_monotonic_time () - asked, <, 2 * G_USEC_PER_SEC);
  settle ();
  n_rows = n_rows_of (run);
  g_assert_cmpuint (n_rows, <, bp_scale_run_get_n_planned (run));
  cells = table_cells (scale);
  g_assert_cmpuint (cells->len, ==, n_rows + 1);
  g_assert_true (g_str_has_prefix (status_text (scale), "Cancelled after "));
  close_window (window);
}

/* The window closed (with the main window) while measuring a large network: the thread
 * stops and lets the measurement go within a moment. */
static void
test_close_mid_measurement (void)
{
  BpWindow *window = new_window ();
  BpScaleWindow *scale = open_scale (window);
  BpScaleRun *run = bp_scale_window_get_run (scale);
  gpointer weak_run = run, weak_scale = scale;

  g_object_add_weak_pointer (G_OBJECT (run), &weak_run);
  g_object_add_weak_pointer (G_OBJECT (scale), &weak_scale);
  bp_scale_window_start (scale, BP_SCALE_MAX_PARAMS);
  g_assert_true (spin_until (has_two_rows, run, 30));
  close_window (window);
  g_assert_null (weak_scale);
  g_assert_true (spin_until (pointer_cleared, &weak_run, 3));
}

/* Export Plot writes the picture the window shows; a name without .png, .svg or .pdf is
 * refused with a reason. */
static void
test_export (void)
{
  BpWindow *window = new_window ();
  BpScaleWindow *scale = open_scale (window);
  BpScaleRun *run = bp_scale_window_get_run (scale);
  g_autofree char *dir = g_dir_make_tmp ("bp-window-scale-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "scale.svg", NULL);
  g_autofree char *txt = g_build_filename (dir, "scale.txt", NULL);
  g_autoptr(GFile) svg_file = g_file_new_for_path (svg);
  g_autoptr(GFile) txt_file = g_file_new_for_path (txt);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  bp_scale_run_set_round_ns (run, 10000);
  bp_scale_window_start (scale, 100);
  g_assert_true (spin_until (not_running, run, 30));
  g_assert_true (bp_scale_window_export (scale, svg_file, 1600, 1000, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  /* 1600 pixels wide: Cairo 1.16 writes width="1600", later ones width="1600px". */
  g_assert_true (strstr (contents, "width=\"1600\"") != NULL
                 || strstr (contents, "width=\"1600px\"") != NULL);
  g_assert_false (bp_scale_window_export (scale, txt_file, 1600, 1000, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  g_unlink (svg);
  g_rmdir (dir);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);
  g_test_add_func ("/bp/window-scale/open", test_open);
  g_test_add_func ("/bp/window-scale/run", test_run);
  g_test_add_func ("/bp/window-scale/cancel", test_cancel);
  g_test_add_func ("/bp/window-scale/close-mid-measurement", test_close_mid_measurement);
  g_test_add_func ("/bp/window-scale/export", test_export);
  return g_test_run ();
}
