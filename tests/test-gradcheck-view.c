/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Check page as a user drives it: a weight selected in the diagram, the page turned by
 * win.side-page (Alt+3), the numbers it shows equal to the engine's in both modes, after a
 * step too, the empty state, the plot's export, and a width that fits the side panel. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-diagram.h"
#include "bp-gradcheck-draw.h"
#include "bp-gradcheck-view.h"
#include "bp-network-probe.h"
#include "bp-palette.h"
#include "bp-selection-model.h"
#include "bp-window.h"
#include "widget-tree.h"
#include "window-test.h"

static void
select_item (BpWindow    *window,
             BpSelection  selection)
{
  BpDiagram *diagram = BP_DIAGRAM (child (window, "diagram"));

  bp_selection_model_set_selected (bp_diagram_get_selection_model (diagram), &selection);
}

/* Ends the animation of the step shown, as if the user waited for it. */
static void
finish_step (BpWindow *window)
{
  settle ();
  bp_playback_finish (bp_diagram_get_playback (BP_DIAGRAM (child (window, "diagram"))));
  settle ();
}

static const char *
side_page (BpWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (window, "side_stack")));
}

static char *
twelve_digits (double value)
{
  g_autofree char *text = g_strdup_printf ("%.12g", value);
  g_auto(GStrv) parts = g_strsplit (text, "-", -1);

  return g_strjoinv ("−", parts);
}

/* The page's numbers are the engine's: the gradient the network shows (the diagram's and
 * the Math panel's), and a slope within gradcheck's 1e-6 of it, both as the page writes
 * them. */
static void
check_numbers (BpWindow          *window,
               const BpSelection *selection)
{
  BpGradcheckView *view = BP_GRADCHECK_VIEW (child (window, "gradcheck_view"));
  const BpNet *net = bp_network_get_net (bp_window_get_network (window));
  const BpProbe *probe = bp_gradcheck_view_get_probe (view);
  g_autofree char *text = bp_gradcheck_view_describe (view);
  g_autofree char *gradient = NULL;
  g_autofree char *slope = NULL;
  g_autofree char *row = NULL;
  double expected;

  g_assert_nonnull (probe);
  expected = selection->kind == BP_SELECTION_BIAS
             ? bp_net_bias_gradient (net, selection->layer, selection->to)
             : bp_net_weight_gradient (net, selection->layer, selection->to, selection->from);
  g_assert_cmpfloat (probe->gradient, ==, expected);
  g_assert_cmpfloat (probe->relative_error, <=, 1e-6);
  g_assert_true (probe->finite);
  gradient = twelve_digits (expected);
  slope = twelve_digits (probe->slope);
  row = g_strdup_printf ("By backprop: %s\n", gradient);
  g_assert_nonnull (strstr (text, row));
  g_free (row);
  row = g_strdup_printf ("By finite differences: %s\n", slope);
  g_assert_nonnull (strstr (text, row));
  g_assert_nonnull (strstr (text, "Backprop and finite differences agree to "));
}

/* The page's "Export the Plot…" button. */
static GtkWidget *
export_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    "win.export-gradcheck") == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = export_button (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_example_mode (void)
{
  BpWindow *window = new_window ();
  BpSelection weight = { BP_SELECTION_CONNECTION, 0, 1, 0 };
  BpSelection bias = { BP_SELECTION_BIAS, 0, 2, 0 };
  BpSelection node = { BP_SELECTION_NODE, 1, 0, 0 };
  BpGradcheckView *view = BP_GRADCHECK_VIEW (child (window, "gradcheck_view"));
  g_autofree char *empty = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.side-page", "s",
                                             "check"));
  g_assert_cmpstr (side_page (window), ==, "check");
  select_item (window, weight);
  /* Selecting keeps the Check page, where the Guide would turn to the Math page. */
  g_assert_cmpstr (side_page (window), ==, "check");
  check_numbers (window, &weight);
  g_assert_false (bp_gradcheck_view_get_probe (view)->batch);
  g_assert_true (gtk_widget_get_sensitive (export_button (GTK_WIDGET (window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
  finish_step (window);
  check_numbers (window, &weight);
  select_item (window, bias);
  check_numbers (window, &bias);

  select_item (window, node);
  g_assert_null (bp_gradcheck_view_get_probe (view));
  empty = bp_gradcheck_view_describe (view);
  g_assert_nonnull (strstr (empty, "Select a weight or a bias"));
  settle ();
  g_assert_false (gtk_widget_get_sensitive (export_button (GTK_WIDGET (window))));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.side-page", "s",
                                             "math"));
  g_assert_cmpstr (side_page (window), ==, "math");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.side-page", "s",
                                             "guide"));
  g_assert_cmpstr (side_page (window), ==, "guide");
  select_item (window, weight);
  g_assert_cmpstr (side_page (window), ==, "math");
  close_window (window);
}

static void
test_dataset_mode (void)
{
  BpWindow *window = new_window ();
  BpSelection weight = { BP_SELECTION_CONNECTION, 1, 0, 2 };
  BpSelection bias = { BP_SELECTION_BIAS, 1, 0, 0 };
  BpGradcheckView *view = BP_GRADCHECK_VIEW (child (window, "gradcheck_view"));
  BpNetwork *network = bp_window_get_network (window);
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mode", "s", "dataset"));
  g_assert_true (bp_network_set_regularization (network, BP_REGULARIZATION_L2, 0.01, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.side-page", "s",
                                             "check"));
  select_item (window, weight);
  check_numbers (window, &weight);
  g_assert_true (bp_gradcheck_view_get_probe (view)->batch);
  text = bp_gradcheck_view_describe (view);
  g_assert_nonnull (strstr (text, "the mean loss of the next mini-batch, plus the penalty"));
  for (guint k = 0; k < 3; k++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL));
      finish_step (window);
      check_numbers (window, &weight);
    }
  select_item (window, bias);
  check_numbers (window, &bias);
  close_window (window);
}

/* Walking through a step phase by phase (Page Down), the page checks the gradient the
 * diagram shows: the one the step applies until the backward wave crosses the weight's
 * layer, then the next batch's. */
static void
test_walked_step (void)
{
  BpWindow *window = new_window ();
  BpSelection weight = { BP_SELECTION_CONNECTION, 0, 1, 0 };
  BpGradcheckView *view = BP_GRADCHECK_VIEW (child (window, "gradcheck_view"));
  BpNetwork *network = bp_window_get_network (window);
  BpPlayback *playback;
  double before, after;
  guint n_phases;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mode", "s", "dataset"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.side-page", "s",
                                             "check"));
  select_item (window, weight);
  before = bp_gradcheck_view_get_probe (view)->gradient;
  g_assert_cmpfloat (before, ==, bp_net_weight_gradient (bp_network_get_net (network), 0, 1, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-phase", NULL));
  settle ();
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 1);
  after = bp_net_weight_gradient (bp_network_get_net (network), 0, 1, 0);
  g_assert_cmpfloat (after, !=, before);
  /* The update: the diagram still shows the gradient the step applied. */
  g_assert_cmpfloat (bp_gradcheck_view_get_probe (view)->gradient, ==, before);
  g_assert_cmpfloat (bp_gradcheck_view_get_probe (view)->relative_error, <=, 1e-6);
  /* Each phase: the gradient of the copy the diagram and the Math panel show. */
  playback = bp_diagram_get_playback (BP_DIAGRAM (child (window, "diagram")));
  n_phases = 2 * bp_network_get_n_layers (network) + 2;
  for (guint k = 0; k < n_phases; k++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-phase", NULL));
      settle ();
      g_assert_cmpfloat (bp_gradcheck_view_get_probe (view)->gradient, ==,
                         bp_net_weight_gradient (bp_playback_gradients_net (playback, 0),
                                                 0, 1, 0));
      g_assert_cmpfloat (bp_gradcheck_view_get_probe (view)->relative_error, <=, 1e-6);
    }
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 1);
  finish_step (window);
  g_assert_cmpfloat (bp_gradcheck_view_get_probe (view)->gradient, ==, after);
  g_assert_cmpfloat (bp_gradcheck_view_get_probe (view)->relative_error, <=, 1e-6);
  close_window (window);
}

/* A view of its own on @network, checking @selection; the caller frees the window. */
static BpGradcheckView *
own_view (BpNetwork         *network,
          const BpSelection *selection,
          GtkWidget        **window)
{
  GtkWidget *view = bp_gradcheck_view_new ();
  BpSelectionModel *model;

  *window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (*window), view);
  gtk_window_present (GTK_WINDOW (*window));
  bp_gradcheck_view_set_network (BP_GRADCHECK_VIEW (view), network);
  g_object_get (view, "selection-model", &model, NULL);
  bp_selection_model_set_selected (model, selection);
  g_object_unref (model);
  settle ();
  return BP_GRADCHECK_VIEW (view);
}

/* A ReLU exactly at its kink: the page says so instead of calling the gradient wrong. */
static void
test_kink (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  BpSelection weight = { BP_SELECTION_CONNECTION, 0, 0, 0 };
  g_autofree char *text = NULL;
  GtkWidget *window;
  BpGradcheckView *view;

  g_assert_true (bp_network_set_activation (network, 0, BP_ACTIVATION_RELU, NULL));
  bp_network_set_input (network, 0, 0.5);
  bp_network_set_input (network, 1, -0.5);
  g_assert_true (bp_network_set_weight (network, 0, 0, 0, 1.0, NULL));
  g_assert_true (bp_network_set_weight (network, 0, 0, 1, 1.0, NULL));
  g_assert_true (bp_network_set_bias (network, 0, 0, 0.0, NULL));
  g_assert_cmpfloat (bp_network_get_net (network)->z[1][0], ==, 0.0);
  view = own_view (network, &weight, &window);
  g_assert_true (bp_gradcheck_view_get_probe (view)->kink);
  text = bp_gradcheck_view_describe (view);
  g_assert_nonnull (strstr (text, "A kink lies within h of this value"));
  g_assert_null (strstr (text, "agree to"));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

/* Numbers that overflow: the page says what happened and shows no inf or NaN. */
static void
test_not_finite (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  BpSelection weight = { BP_SELECTION_CONNECTION, 1, 0, 0 };
  g_autofree char *text = NULL;
  GtkWidget *window;
  BpGradcheckView *view;

  g_assert_true (bp_network_set_activation (network, 1, BP_ACTIVATION_LINEAR, NULL));
  for (guint j = 0; j < 3; j++)
    g_assert_true (bp_network_set_weight (network, 1, 0, j, 1e300, NULL));
  view = own_view (network, &weight, &window);
  g_assert_false (bp_gradcheck_view_get_probe (view)->finite);
  text = bp_gradcheck_view_describe (view);
  g_assert_nonnull (strstr (text, "not a finite number"));
  g_assert_null (strstr (text, "inf"));
  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "NaN"));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static void
test_export (void)
{
  BpWindow *window = new_window ();
  BpSelection weight = { BP_SELECTION_CONNECTION, 0, 0, 1 };
  BpGradcheckView *view = BP_GRADCHECK_VIEW (child (window, "gradcheck_view"));
  g_autofree char *dir = g_dir_make_tmp ("gradcheck-XXXXXX", NULL);
  const char *names[] = { "plot.png", "plot.svg", "plot.pdf" };
  const char *magic[] = { "\x89PNG", "<?xml", "%PDF" };

  select_item (window, weight);
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autofree char *path = g_build_filename (dir, names[k], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (bp_gradcheck_view_export (view, file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (g_str_has_prefix (contents, magic[k]));
      g_unlink (path);
    }
  g_rmdir (dir);
  close_window (window);
}

/* The plot draws its curve, tangent and point in the palette's colours: some pixels of the
 * loss's colour and of the tangent's, in every palette. */
static void
test_plot_palettes (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  BpSelection weight = { BP_SELECTION_CONNECTION, 1, 0, 0 };
  g_autoptr(BpProbe) probe = bp_network_probe (network, NULL, &weight, 0);

  for (BpPaletteKind kind = 0; kind < BP_N_PALETTES; kind++)
    {
      const BpPalette *palette = bp_palette_get (kind);
      BpGradcheckPlot plot = { probe, "w(h1→y1)", palette, 1.0 };
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 260);
      cairo_t *cr = cairo_create (surface);
      const BpColor *tangent = probe->gradient < 0 ? &palette->rise : &palette->fall;
      guint loss_pixels = 0, tangent_pixels = 0;
      const guint8 *data;
      int stride;

      bp_color_set_source (cr, &palette->background);
      cairo_paint (cr);
      bp_gradcheck_draw (cr, 400, 260, &plot);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int y = 0; y < 260; y++)
        for (int x = 0; x < 400; x++)
          {
            const guint8 *p = data + y * stride + 4 * x;
            int r = p[2], g = p[1], b = p[0];

            if (abs (r - (int) round (palette->loss.red * 255)) < 8
                && abs (g - (int) round (palette->loss.green * 255)) < 8
                && abs (b - (int) round (palette->loss.blue * 255)) < 8)
              loss_pixels++;
            if (abs (r - (int) round (tangent->red * 255)) < 8
                && abs (g - (int) round (tangent->green * 255)) < 8
                && abs (b - (int) round (tangent->blue * 255)) < 8)
              tangent_pixels++;
          }
      g_assert_cmpuint (loss_pixels, >, 100);
      g_assert_cmpuint (tangent_pixels, >, 50);
      cairo_surface_destroy (surface);
    }
}

/* The page fits the side panel (340 pixels wide with its margins) without widening it. */
static void
test_width (void)
{
  BpWindow *window = new_window ();
  GtkWidget *view = child (window, "gradcheck_view");
  BpSelection weight = { BP_SELECTION_CONNECTION, 0, 1, 0 };
  int minimum, natural;

  select_item (window, weight);
  g_assert_nonnull (bp_gradcheck_view_get_probe (BP_GRADCHECK_VIEW (view)));
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("minimum width %d, natural %d", minimum, natural);
  g_assert_cmpint (minimum, <=, 340 - 24);
  g_assert_cmpint (natural, <=, 340 - 24);
  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);
  g_test_add_func ("/bp/gradcheck-view/example-mode", test_example_mode);
  g_test_add_func ("/bp/gradcheck-view/dataset-mode", test_dataset_mode);
  g_test_add_func ("/bp/gradcheck-view/walked-step", test_walked_step);
  g_test_add_func ("/bp/gradcheck-view/kink", test_kink);
  g_test_add_func ("/bp/gradcheck-view/not-finite", test_not_finite);
  g_test_add_func ("/bp/gradcheck-view/export", test_export);
  g_test_add_func ("/bp/gradcheck-view/plot-palettes", test_plot_palettes);
  g_test_add_func ("/bp/gradcheck-view/width", test_width);
  return g_test_run ();
}
