/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window in dataset mode, as a user drives it: the mode switch, the dataset's controls,
 * importing points, the readouts and the fastest play rate. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bp-boundary-view.h"
#include "bp-diagram.h"
#include "bp-format.h"
#include "bp-selection-model.h"
#include "bp-state.h"
#include "bp-window.h"
#include "widget-tree.h"
#include "window-test.h"

static GtkAdjustment *
adjustment (BpWindow   *window,
            const char *spin_id)
{
  return gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (child (window, spin_id)));
}

static void
set_mode (BpWindow   *window,
          const char *mode)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mode", "s", mode));
}

static const char *
label_text (BpWindow   *window,
            const char *id)
{
  return gtk_label_get_label (GTK_LABEL (child (window, id)));
}

/* Whether a label inside @widget reads @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_label (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (has_label (c, text))
      return TRUE;
  return FALSE;
}

/* The first action row inside @widget, or NULL. */
static GtkWidget *
find_row (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ADW_IS_ACTION_ROW (c) ? c : find_row (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static BpActivation
output_activation (BpNetwork *network)
{
  return bp_network_get_activation (network, bp_network_get_n_layers (network) - 1);
}

/* The switch brings a circle of 500 points, the dataset's controls instead of the input
 * rows, and the readouts of dataset mode; one undo goes back to the example. */
static void
test_mode_switch (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  const BpDataset *d;

  g_assert_true (gtk_widget_get_visible (child (window, "inputs_group")));
  g_assert_false (gtk_widget_get_visible (child (window, "dataset_controls")));
  set_mode (window, "dataset");
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_DATASET);
  d = bp_network_get_dataset (network);
  g_assert_cmpint (d->generator, ==, BP_GENERATOR_CIRCLE);
  g_assert_cmpuint (d->n_points, ==, 500);
  g_assert_cmpuint (d->n_train, ==, 250);
  g_assert_false (gtk_widget_get_visible (child (window, "inputs_group")));
  g_assert_false (gtk_widget_get_visible (child (window, "targets_group")));
  g_assert_true (gtk_widget_get_visible (child (window, "dataset_controls")));
  g_assert_true (gtk_widget_get_visible (child (window, "epoch_label")));
  g_assert_true (gtk_widget_get_visible (child (window, "accuracy_label")));
  g_assert_cmpstr (label_text (window, "loss_title_label"), ==, "Train loss");
  g_assert_cmpstr (label_text (window, "epoch_label"), ==, "0");
  g_assert_cmpint (output_activation (network), ==, BP_ACTIVATION_SIGMOID);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (window, "generator_row"))),
                    ==, BP_GENERATOR_CIRCLE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_EXAMPLE);
  g_assert_true (gtk_widget_get_visible (child (window, "inputs_group")));
  g_assert_false (gtk_widget_get_visible (child (window, "epoch_label")));
  g_assert_cmpstr (label_text (window, "loss_title_label"), ==, "Loss");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_DATASET);
  close_window (window);
}

/* A network of two outputs cannot train on points of one label: the switch says so and
 * changes nothing, its button stays on One Example. */
static void
test_two_outputs (void)
{
  static const guint sizes[] = { 2, 3, 2 };
  static const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  g_autofree char *dir = g_dir_make_tmp ("bp-window-dataset-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "two.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BpNetwork) two = NULL;
  g_autofree char *mode = NULL;
  BpNet *net = bp_net_new (G_N_ELEMENTS (sizes), sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  guint undo_entries;

  bp_net_init_seeded (net, 4);
  two = bp_network_new_from_net (net, NULL);
  g_assert_true (bp_network_save (two, file, NULL));
  g_assert_true (bp_window_open_file (window, file, NULL));
  undo_entries = bp_undo_get_n_undo (bp_network_get_undo (network));
  set_mode (window, "dataset");
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_EXAMPLE);
  g_assert_null (bp_network_get_dataset (network));
  g_assert_cmpuint (bp_undo_get_n_undo (bp_network_get_undo (network)), ==, undo_entries);
  g_object_get (window, "mode", &mode, NULL);
  g_assert_cmpstr (mode, ==, "example");
  g_assert_true (gtk_widget_get_visible (child (window, "inputs_group")));
  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* Choosing points of another kind changes the output's activation with them, one undo. */
static void
test_generator (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  AdwComboRow *row;

  set_mode (window, "dataset");
  row = ADW_COMBO_ROW (child (window, "generator_row"));
  adw_combo_row_set_selected (row, BP_GENERATOR_SPIRAL);
  g_assert_cmpint (bp_network_get_dataset (network)->generator, ==, BP_GENERATOR_SPIRAL);
  g_assert_cmpuint (bp_network_get_dataset (network)->n_points, ==, 500);
  adw_combo_row_set_selected (row, BP_GENERATOR_PLANE);
  g_assert_cmpint (bp_network_get_dataset (network)->kind, ==, BP_DATASET_REGRESSION);
  g_assert_cmpint (output_activation (network), ==, BP_ACTIVATION_LINEAR);
  g_assert_false (gtk_widget_get_visible (child (window, "accuracy_label")));
  g_assert_true (gtk_widget_get_visible (child (window, "test_loss_label")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (bp_network_get_dataset (network)->generator, ==, BP_GENERATOR_SPIRAL);
  g_assert_cmpint (output_activation (network), ==, BP_ACTIVATION_SIGMOID);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, BP_GENERATOR_SPIRAL);
  g_assert_true (gtk_widget_get_visible (child (window, "accuracy_label")));
  close_window (window);
}

/* The number of points, the noise and the split make new points of the same kind and seed;
 * Regenerate makes them from another seed. */
static void
test_numbers_and_regenerate (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  g_autoptr(BpDataset) before = NULL;
  guint32 seed;

  set_mode (window, "dataset");
  seed = bp_network_get_dataset (network)->seed;
  gtk_adjustment_set_value (adjustment (window, "count_spin"), 200);
  g_assert_cmpuint (bp_network_get_dataset (network)->n_points, ==, 200);
  gtk_adjustment_set_value (adjustment (window, "share_spin"), 30);
  g_assert_cmpuint (bp_network_get_dataset (network)->n_train, ==, 60);
  gtk_adjustment_set_value (adjustment (window, "noise_spin"), 10);
  g_assert_cmpfloat (bp_network_get_dataset (network)->noise, ==, 10.0);
  g_assert_cmpuint (bp_network_get_dataset (network)->seed, ==, seed);

  before = bp_dataset_copy (bp_network_get_dataset (network));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.regenerate", NULL));
  g_assert_false (bp_dataset_equal (before, bp_network_get_dataset (network)));
  g_assert_cmpuint (bp_network_get_dataset (network)->n_points, ==, 200);
  g_assert_cmpint (bp_network_get_dataset (network)->generator, ==, before->generator);
  /* Regenerate is an edit: undo brings the points back exactly. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (bp_dataset_equal (before, bp_network_get_dataset (network)));
  close_window (window);
}

/* Each feature is a toggle and an input neuron; the last one cannot go. */
static void
test_features (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  GtkWidget *grid;
  GtkToggleButton *toggle[BP_N_FEATURES];
  guint n_sizes;

  set_mode (window, "dataset");
  grid = child (window, "features_box");
  for (guint f = 0; f < BP_N_FEATURES; f++)
    {
      toggle[f] = GTK_TOGGLE_BUTTON (gtk_grid_get_child_at (GTK_GRID (grid), f % 4, f / 4));
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (toggle[f])), ==,
                       bp_feature_display_name (f));
    }
  g_assert_true (gtk_toggle_button_get_active (toggle[BP_FEATURE_X1]));
  g_assert_false (gtk_toggle_button_get_active (toggle[BP_FEATURE_SIN_X1]));
  gtk_toggle_button_set_active (toggle[BP_FEATURE_SIN_X1], TRUE);
  g_assert_cmpuint (bp_network_get_sizes (network, &n_sizes)[0], ==, 3);
  /* The views name the new input by its feature: its weight to h1 is w(sin(x1)→h1). */
  {
    BpSelectionModel *selection = NULL;
    BpSelection weight = { BP_SELECTION_CONNECTION, 0, 0, 2 };
    GtkWidget *row;

    g_object_get (child (window, "diagram"), "selection-model", &selection, NULL);
    bp_selection_model_set_selected (selection, &weight);
    row = find_row (child (window, "selected_group"));
    g_assert_nonnull (row);
    g_assert_true (has_label (row, "w(sin(x1)→h1)"));
    g_object_unref (selection);
  }
  g_assert_cmpuint (bp_network_get_features (network), ==,
                    BP_FEATURES_DEFAULT | BP_FEATURE_BIT (BP_FEATURE_SIN_X1));
  gtk_toggle_button_set_active (toggle[BP_FEATURE_X1], FALSE);
  gtk_toggle_button_set_active (toggle[BP_FEATURE_X2], FALSE);
  gtk_toggle_button_set_active (toggle[BP_FEATURE_SIN_X1], FALSE);
  g_assert_cmpuint (bp_network_get_features (network), ==, BP_FEATURE_BIT (BP_FEATURE_SIN_X1));
  g_assert_true (gtk_toggle_button_get_active (toggle[BP_FEATURE_SIN_X1]));
  g_assert_cmpuint (bp_network_get_sizes (network, &n_sizes)[0], ==, 1);
  close_window (window);
}

static void
test_batch_and_regularization (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  double rate;

  set_mode (window, "dataset");
  gtk_adjustment_set_value (adjustment (window, "batch_spin"), 25);
  g_assert_cmpuint (bp_network_get_batch_size (network), ==, 25);
  g_assert_false (gtk_widget_get_sensitive (child (window, "regularization_rate_row")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "regularization_row")),
                              BP_REGULARIZATION_L2);
  g_assert_true (gtk_widget_get_sensitive (child (window, "regularization_rate_row")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "regularization_rate_row")), 3);
  g_assert_cmpint (bp_network_get_regularization (network, &rate), ==, BP_REGULARIZATION_L2);
  g_assert_cmpfloat (rate, ==, 0.01);
  close_window (window);
}

static GFile *
write_file (const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  GFile *file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return file;
}

/* A good file becomes the dataset (its rows of numbers then fixed); a broken one is refused
 * with its line named, and nothing changes. */
static void
test_import (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  g_autoptr(GFile) good = write_file ("bp-test-points.csv",
                                      "x1,x2,label\n1,2,1\n-1,-2,0\n3,0.5,1\n-3,1,0\n");
  g_autoptr(GFile) bad = write_file ("bp-test-broken.csv", "x1,x2,label\n1,2,1\n1,two,0\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *good_path = g_file_get_path (good);

  g_assert_true (bp_window_import_points (window, good, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_DATASET);
  g_assert_cmpint (bp_network_get_dataset (network)->generator, ==, BP_GENERATOR_CSV);
  g_assert_cmpuint (bp_network_get_dataset (network)->n_points, ==, 4);
  g_assert_cmpstr (bp_network_get_dataset_source (network), ==, good_path);
  g_assert_false (gtk_widget_get_sensitive (child (window, "count_row")));
  g_assert_false (gtk_widget_get_sensitive (child (window, "noise_row")));
  /* Imported points have nothing to regenerate from. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.regenerate", NULL);
  g_assert_cmpint (bp_network_get_dataset (network)->generator, ==, BP_GENERATOR_CSV);
  g_assert_cmpuint (bp_network_get_dataset (network)->n_points, ==, 4);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (window, "generator_row"))),
                    ==, BP_GENERATOR_CSV);

  g_assert_false (bp_window_import_points (window, bad, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "bp-test-broken.csv"));
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_cmpuint (bp_network_get_dataset (network)->n_points, ==, 4);

  g_file_delete (good, NULL, NULL);
  g_file_delete (bad, NULL, NULL);
  close_window (window);
}

/* Steps move the epoch and the losses the readouts show. */
static void
test_readouts (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  g_autofree char *train = NULL;
  g_autofree char *test = NULL;
  g_autofree char *accuracy = NULL;

  set_mode (window, "dataset");
  for (guint k = 0; k < 3; k++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL));
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 30);
  /* 250 training points in batches of 10: 25 steps an epoch. */
  g_assert_cmpstr (label_text (window, "epoch_label"), ==, "1");
  train = bp_format_number (bp_network_get_train_loss (network), BP_NUMBER_FORMULA);
  test = bp_format_number (bp_network_get_test_loss (network), BP_NUMBER_FORMULA);
  g_assert_cmpstr (label_text (window, "loss_label"), ==, train);
  g_assert_cmpstr (label_text (window, "test_loss_label"), ==, test);
  accuracy = g_strdup_printf ("%.1f %% train, %.1f %% test",
                              100 * bp_network_get_train_accuracy (network),
                              100 * bp_network_get_test_accuracy (network));
  g_assert_cmpstr (label_text (window, "accuracy_label"), ==, accuracy);
  close_window (window);
}

/* Beside the chart, the decision boundary: of the neuron selected (or hovered) in the
 * diagram, else of the output; clicks on it add points of the class chosen below it. */
static void
test_boundary (void)
{
  BpWindow *window = new_window ();
  BpBoundaryView *view = BP_BOUNDARY_VIEW (child (window, "boundary_view"));
  BpSelectionModel *selection = NULL;
  BpSelection node = { BP_SELECTION_NODE, 1, 2, 0 };
  guint layer, neuron;

  g_assert_false (gtk_widget_get_visible (child (window, "boundary_box")));
  set_mode (window, "dataset");
  g_assert_true (gtk_widget_get_visible (child (window, "boundary_box")));
  g_assert_false (bp_boundary_view_get_shown_neuron (view, &layer, &neuron));
  g_object_get (child (window, "diagram"), "selection-model", &selection, NULL);
  bp_selection_model_set_selected (selection, &node);
  g_assert_true (bp_boundary_view_get_shown_neuron (view, &layer, &neuron));
  g_assert_cmpuint (layer, ==, 1);
  g_assert_cmpuint (neuron, ==, 2);
  node.to = 0;
  bp_selection_model_set_hovered (selection, &node);
  g_assert_true (bp_boundary_view_get_shown_neuron (view, &layer, &neuron));
  g_assert_cmpuint (neuron, ==, 0);
  bp_selection_model_set_hovered (selection, &BP_SELECTION_INIT_NONE);
  bp_selection_model_set_selected (selection, &BP_SELECTION_INIT_NONE);
  g_assert_false (bp_boundary_view_get_shown_neuron (view, &layer, &neuron));

  g_assert_cmpfloat (bp_boundary_view_get_draw_label (view), ==, 1.0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (window, "draw_class0_button")), TRUE);
  g_assert_cmpfloat (bp_boundary_view_get_draw_label (view), ==, 0.0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "generator_row")),
                              BP_GENERATOR_PLANE);
  g_assert_false (gtk_widget_get_visible (child (window, "draw_class_box")));
  g_assert_true (gtk_widget_get_visible (child (window, "draw_value_spin")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "draw_value_spin")), -2.5);
  g_assert_cmpfloat (bp_boundary_view_get_draw_label (view), ==, -2.5);
  g_object_unref (selection);
  close_window (window);
}

/* The guide's recipe for data sets up the spiral with sines, two hidden layers of eight tanh
 * neurons and η = 0.1 in one undo entry, and it learns the spiral. */
static void
test_try_dataset (void)
{
  BpWindow *window = new_window ();
  BpNetwork *network = bp_window_get_network (window);
  const guint *sizes;
  guint n_sizes;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.try-dataset", NULL));
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_DATASET);
  g_assert_cmpint (bp_network_get_dataset (network)->generator, ==, BP_GENERATOR_SPIRAL);
  g_assert_cmpuint (bp_network_get_features (network), ==,
                    BP_FEATURES_DEFAULT | BP_FEATURE_BIT (BP_FEATURE_SIN_X1)
                    | BP_FEATURE_BIT (BP_FEATURE_SIN_X2));
  sizes = bp_network_get_sizes (network, &n_sizes);
  g_assert_cmpuint (n_sizes, ==, 4);
  g_assert_cmpuint (sizes[0], ==, 4);
  g_assert_cmpuint (sizes[1], ==, 8);
  g_assert_cmpuint (sizes[2], ==, 8);
  g_assert_cmpuint (sizes[3], ==, 1);
  g_assert_cmpint (bp_network_get_activation (network, 0), ==, BP_ACTIVATION_TANH);
  g_assert_cmpint (bp_network_get_activation (network, 1), ==, BP_ACTIVATION_TANH);
  g_assert_cmpint (bp_network_get_activation (network, 2), ==, BP_ACTIVATION_SIGMOID);
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 0.1);
  /* The bound for this network: 85 % within 300 epochs (250 training points). */
  g_assert_true (bp_network_step_n (network, 300 * 25, NULL));
  g_test_message ("test accuracy after 300 epochs: %g", bp_network_get_test_accuracy (network));
  g_assert_cmpfloat (bp_network_get_test_accuracy (network), >=, 0.85);

  /* One undo goes back to the one example and its 2-3-1 network. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_EXAMPLE);
  sizes = bp_network_get_sizes (network, &n_sizes);
  g_assert_cmpuint (n_sizes, ==, 3);
  g_assert_cmpuint (sizes[1], ==, 3);
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 0.5);
  close_window (window);
}

static const BpHistoryPoint *
newest (const BpHistory *history)
{
  return bp_history_get (history, bp_history_get_length (history) - 1);
}

/* Closing keeps dataset mode in the state file, points, features and settings with it; the
 * next run comes back to it. */
static void
test_state (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bp-window-dataset-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "state.json", NULL);
  g_autoptr(GFile) state = g_file_new_for_path (path);
  g_autoptr(BpDataset) points = NULL;
  BpWindow *window = new_window ();
  BpNetwork *network;
  BpHistoryPoint last;

  bp_window_restore_state (window, state);
  set_mode (window, "dataset");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "generator_row")),
                              BP_GENERATOR_SPIRAL);
  bp_network_set_features (bp_window_get_network (window),
                           BP_FEATURES_DEFAULT | BP_FEATURE_BIT (BP_FEATURE_SIN_X2));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-ten", NULL);
  points = bp_dataset_copy (bp_network_get_dataset (bp_window_get_network (window)));
  last = *newest (bp_network_get_history (bp_window_get_network (window)));
  g_assert_true (isfinite (last.test_loss));
  gtk_window_close (GTK_WINDOW (window));
  settle ();

  window = new_window ();
  bp_window_restore_state (window, state);
  network = bp_window_get_network (window);
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_DATASET);
  g_assert_true (bp_dataset_equal (points, bp_network_get_dataset (network)));
  g_assert_cmpuint (bp_network_get_features (network), ==,
                    BP_FEATURES_DEFAULT | BP_FEATURE_BIT (BP_FEATURE_SIN_X2));
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 10);
  /* The chart's test curve and accuracies come back with the state too. */
  g_assert_cmpuint (newest (bp_network_get_history (network))->step, ==, last.step);
  g_assert_cmpfloat (newest (bp_network_get_history (network))->test_loss, ==, last.test_loss);
  g_assert_cmpfloat (newest (bp_network_get_history (network))->test_accuracy, ==,
                     last.test_accuracy);
  g_assert_cmpuint (newest (bp_network_get_history (network))->epoch, ==, last.epoch);
  g_assert_true (gtk_widget_get_visible (child (window, "dataset_controls")));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (window, "generator_row"))),
                    ==, BP_GENERATOR_SPIRAL);
  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* The play rate's last notch is "as fast as it goes". */
static void
test_fastest (void)
{
  BpWindow *window = new_window ();
  GtkRange *scale = GTK_RANGE (child (window, "play_rate_scale"));

  gtk_range_set_value (scale, 3.0);
  g_assert_cmpstr (label_text (window, "play_rate_label"), ==, "1000 steps per second");
  gtk_range_set_value (scale, gtk_adjustment_get_upper (gtk_range_get_adjustment (scale)));
  g_assert_cmpstr (label_text (window, "play_rate_label"), ==, "As fast as it goes");
  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/bp/window-dataset/mode-switch", test_mode_switch);
  g_test_add_func ("/bp/window-dataset/two-outputs", test_two_outputs);
  g_test_add_func ("/bp/window-dataset/generator", test_generator);
  g_test_add_func ("/bp/window-dataset/numbers-and-regenerate", test_numbers_and_regenerate);
  g_test_add_func ("/bp/window-dataset/features", test_features);
  g_test_add_func ("/bp/window-dataset/batch-and-regularization",
                   test_batch_and_regularization);
  g_test_add_func ("/bp/window-dataset/import", test_import);
  g_test_add_func ("/bp/window-dataset/readouts", test_readouts);
  g_test_add_func ("/bp/window-dataset/boundary", test_boundary);
  g_test_add_func ("/bp/window-dataset/try-dataset", test_try_dataset);
  g_test_add_func ("/bp/window-dataset/state", test_state);
  g_test_add_func ("/bp/window-dataset/fastest", test_fastest);
  return g_test_run ();
}
