/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Landscape page as a user drives it: two weights chosen from the diagram by the
 * actions of Ctrl+Shift+X and Ctrl+Shift+Y, the page turned by win.side-page (Alt+4), the
 * picture's description naming them, its centre loss the one the Math panel writes; the
 * actions off while no connection is selected; the export; and a side panel that still fits
 * its 340 pixels with a fifth page. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-diagram.h"
#include "bp-format.h"
#include "bp-landscape-view.h"
#include "bp-math-panel.h"
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

static BpLandscapeModel *
model_of (BpWindow *window)
{
  return bp_landscape_view_get_model (BP_LANDSCAPE_VIEW (child (window, "landscape_view")));
}

/* Waits for the picture of the network as it is, the full grid. */
static void
wait_picture (BpWindow *window)
{
  BpLandscapeModel *model = model_of (window);
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  const BpLandscapeSlice *slice;

  for (;;)
    {
      slice = bp_landscape_model_get_slice (model);
      if (slice != NULL && slice->complete && !bp_landscape_model_get_busy (model))
        break;
      if (g_get_monotonic_time () > deadline)
        for (GtkWidget *w = child (window, "landscape_view"); w; w = gtk_widget_get_parent (w))
          g_test_message ("%s visible %d mapped %d child-visible %d", G_OBJECT_TYPE_NAME (w),
                          gtk_widget_get_visible (w), gtk_widget_get_mapped (w),
                          gtk_widget_get_child_visible (w));
      if (g_get_monotonic_time () > deadline)
        g_error ("no picture: view mapped %d, slice %p, busy %d",
                 gtk_widget_get_mapped (child (window, "landscape_view")), slice,
                 bp_landscape_model_get_busy (model));
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
test_choose (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  BpSelection first = { BP_SELECTION_CONNECTION, 0, 1, 0 };
  BpSelection second = { BP_SELECTION_CONNECTION, 1, 0, 2 };
  BpLandscapeModel *model = model_of (window);
  BpLandscapeView *view = BP_LANDSCAPE_VIEW (child (window, "landscape_view"));
  BpNetwork *network = bp_window_get_network (window);
  g_autofree char *text = NULL;
  g_autofree char *math = NULL;
  g_autofree char *loss = NULL;
  g_autofree char *centre = NULL;
  BpWeightRef w[2];

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.side-page", "s",
                                             "landscape"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (window, "side_stack"))),
                   ==, "landscape");
  select_item (window, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.landscape-first-weight", NULL));
  select_item (window, second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.landscape-second-weight", NULL));
  g_assert_true (bp_landscape_model_get_weights (model, w));
  g_assert_true (bp_landscape_model_get_chosen (model));
  g_assert_cmpuint (w[0].layer, ==, 0);
  g_assert_cmpuint (w[0].to, ==, 1);
  g_assert_cmpuint (w[0].from, ==, 0);
  g_assert_cmpuint (w[1].layer, ==, 1);
  g_assert_cmpuint (w[1].from, ==, 2);
  wait_picture (window);

  /* The description names the two weights as the Math panel does, and its centre loss is
   * the loss the Math panel writes. */
  text = bp_landscape_view_describe (view);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "w(x1→h2)"));
  g_assert_nonnull (strstr (text, "w(h3→y1)"));
  loss = bp_format_number (bp_network_get_loss (network), BP_NUMBER_FORMULA);
  centre = g_strdup_printf ("Centre loss %s.", loss);
  g_assert_nonnull (strstr (text, centre));
  /* The loss box selected: the Math panel writes the loss, and the page stays. */
  select_item (window, (BpSelection) { BP_SELECTION_NODE,
                                       bp_network_get_net (network)->n_layers + 2, 0, 0 });
  settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (window, "side_stack"))),
                   ==, "landscape");
  math = bp_math_panel_describe (BP_MATH_PANEL (child (window, "math_panel")));
  g_test_message ("%s", math);
  g_assert_nonnull (strstr (math, loss));
  g_assert_nonnull (strstr (text, "Lowest "));
  g_assert_nonnull (strstr (text, "Downhill direction −∇ = ("));

  /* A step moves the centre: the picture follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL));
  settle ();
  bp_playback_finish (bp_diagram_get_playback (BP_DIAGRAM (child (window, "diagram"))));
  wait_picture (window);
  g_assert_cmpfloat (bp_landscape_model_get_slice (model)->centre[0], ==,
                     bp_network_get_weight (network, 0, 1, 0));
  g_assert_cmpuint (bp_landscape_model_get_path_length (model), >, 0);
  close_window (window);
}

/* The two actions need a connection selected. */
static void
test_actions_enabled (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  BpSelection node = { BP_SELECTION_NODE, 1, 0, 0 };
  BpSelection weight = { BP_SELECTION_CONNECTION, 1, 0, 1 };

  select_item (window, node);
  settle ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.landscape-first-weight", NULL);
  g_assert_false (bp_landscape_model_get_chosen (model_of (window)));
  select_item (window, weight);
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.landscape-second-weight", NULL));
  g_assert_true (bp_landscape_model_get_chosen (model_of (window)));
  close_window (window);
}

static void
test_export (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  BpLandscapeView *view = BP_LANDSCAPE_VIEW (child (window, "landscape_view"));
  g_autofree char *dir = g_dir_make_tmp ("landscape-XXXXXX", NULL);
  const char *names[] = { "l.png", "l.svg", "l.pdf" };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.side-page", "s",
                                             "landscape"));
  wait_picture (window);
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autofree char *path = g_build_filename (dir, names[k], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize length = 0;

      g_assert_true (bp_landscape_view_export (view, file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_remove (path);
    }
  g_rmdir (dir);
  close_window (window);
}

/* The side panel keeps its 340 pixels with the Landscape page and a fifth page beside. */
static void
test_width (void)
{
  BpWindow *window = new_settled_window (1280, 800);
  GtkStack *stack = GTK_STACK (child (window, "side_stack"));
  GtkWidget *panel = child (window, "side_panel");
  GtkStackPage *page;
  int minimum, natural;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.side-page", "s",
                                             "landscape"));
  page = gtk_stack_get_page (stack, gtk_stack_get_child_by_name (stack, "practice"));
  g_assert_nonnull (page);
  settle ();
  for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (stack)));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_test_message ("%s: minimum width %d, natural %d", G_OBJECT_TYPE_NAME (c), minimum,
                      natural);
      for (GtkWidget *b = gtk_widget_get_first_child (c); b != NULL;
           b = gtk_widget_get_next_sibling (b))
        {
          int bm, bn;

          gtk_widget_measure (b, GTK_ORIENTATION_HORIZONTAL, -1, &bm, &bn, NULL, NULL);
          g_test_message ("  %s: minimum width %d, natural %d", G_OBJECT_TYPE_NAME (b), bm, bn);
        }
      g_assert_cmpint (minimum, <=, 340);
      g_assert_cmpint (natural, <=, 340);
    }
  gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("panel: minimum width %d, natural %d, allocated %d", minimum, natural,
                  gtk_widget_get_width (panel));
  g_assert_cmpint (natural, <=, 341);
  g_assert_cmpint (gtk_widget_get_width (panel), <=, 341);
  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);
  g_test_add_func ("/bp/window-landscape/choose", test_choose);
  g_test_add_func ("/bp/window-landscape/actions-enabled", test_actions_enabled);
  g_test_add_func ("/bp/window-landscape/export", test_export);
  g_test_add_func ("/bp/window-landscape/width", test_width);
  return g_test_run ();
}
