/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-dataset.c: the window in dataset mode: the switch between one example and a
 * dataset, Regenerate, importing points from a CSV file, and the readouts of epochs, test
 * loss and accuracy. The dataset's own controls are BpDatasetControls. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-dataset-controls.h"
#include "bp-format.h"
#include "bp-maps.h"
#include "bp-window-private.h"

/* The points a network gets when it first switches to dataset mode: TensorFlow
 * Playground's first choice. */
#define FIRST_GENERATOR BP_GENERATOR_CIRCLE

gboolean
_bp_window_in_dataset_mode (BpWindow *self)
{
  return bp_network_get_mode (self->network) == BP_FILE_MODE_DATASET;
}

/**
 * _bp_window_set_mode:
 * @self: a window
 * @mode: "example" or "dataset"
 *
 * Switches what the network trains on. The first switch to a dataset generates one (a
 * circle of 500 points) and gives the output the activation its classes need: one entry to
 * undo. A refusal (a network with several outputs) is told in a toast.
 */
void
_bp_window_set_mode (BpWindow   *self,
                     const char *mode)
{
  g_autoptr(GError) error = NULL;
  BpUndo *undo = bp_network_get_undo (self->network);
  gboolean dataset = g_strcmp0 (mode, "dataset") == 0;
  gboolean ok = TRUE;

  if (dataset == _bp_window_in_dataset_mode (self))
    return;
  bp_trainer_set_playing (self->trainer, FALSE);
  bp_undo_begin_group (undo);
  if (dataset && bp_network_get_dataset (self->network) == NULL)
    {
      g_autoptr(BpDataset) points = NULL;
      guint n_sizes;
      const guint *sizes = bp_network_get_sizes (self->network, &n_sizes);

      if (sizes[n_sizes - 1] != 1)
        g_set_error (&error, BP_ERROR, BP_ERROR_INVALID,
                     /* Translators: %u is the number of outputs of the network (2 or more) */
                     _("A dataset’s points have one label: dataset mode needs a network with "
                       "one output, not %u"), sizes[n_sizes - 1]);
      else
        points = bp_dataset_generate (FIRST_GENERATOR, BP_DATASET_DEFAULT_POINTS, 0.0, 50.0,
                                      bp_network_get_seed (self->network), &error);
      ok = points != NULL && bp_dataset_controls_use (self->network, points, NULL, &error);
    }
  ok = ok && bp_network_set_mode (self->network,
                                  dataset ? BP_FILE_MODE_DATASET : BP_FILE_MODE_EXAMPLE,
                                  &error);
  bp_undo_end_group (undo);
  if (!ok)
    _bp_window_toast (self, error->message);
  /* The switcher shows the mode there is, whatever happened. */
  g_object_notify (G_OBJECT (self), "mode");
}

/* The guide's recipe for data: the network's hidden layers made @n_layers of @width tanh
 * neurons each, through the architecture editor's own operations. */
static gboolean
shape_hidden (BpNetwork  *network,
              guint       n_layers,
              guint       width,
              GError    **error)
{
  guint L = bp_network_get_n_layers (network);

  while (L - 1 > n_layers && bp_network_remove_layer (network, L - 1, error))
    L--;
  while (L - 1 < n_layers && bp_network_add_layer (network, L, width, error))
    L++;
  if (L - 1 != n_layers)
    return FALSE;
  for (guint l = 1; l < L; l++)
    {
      const guint *sizes;
      guint n_sizes;

      while (sizes = bp_network_get_sizes (network, &n_sizes), sizes[l] > width)
        if (!bp_network_remove_neuron (network, l, sizes[l] - 1, error))
          return FALSE;
      while (sizes = bp_network_get_sizes (network, &n_sizes), sizes[l] < width)
        if (!bp_network_add_neuron (network, l, sizes[l], error))
          return FALSE;
      if (bp_network_get_activation (network, l - 1) != BP_ACTIVATION_TANH &&
          !bp_network_set_layer_activation (network, l, BP_ACTIVATION_TANH, error))
        return FALSE;
    }
  return TRUE;
}

/*
 * try_dataset_action:
 * @widget: a window
 * @action_name: "win.try-dataset"
 * @parameter: unused
 *
 * The guide's "Try this on data": the spiral in dataset mode, the features x1, x2, sin(x1)
 * and sin(x2), two hidden layers of eight tanh neurons and η = 0.1 — one entry to undo. Play
 * is the learner's to press.
 */
static void
try_dataset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  BpUndo *undo = bp_network_get_undo (self->network);
  const BpDataset *d = bp_network_get_dataset (self->network);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) spiral = NULL;
  gboolean ok;

  bp_trainer_set_playing (self->trainer, FALSE);
  bp_undo_begin_group (undo);
  _bp_window_set_mode (self, "dataset");
  ok = _bp_window_in_dataset_mode (self);
  if (ok)
    {
      d = bp_network_get_dataset (self->network);
      spiral = bp_dataset_generate (BP_GENERATOR_SPIRAL, BP_DATASET_DEFAULT_POINTS, 0.0,
                                    d->train_percent, d->seed, &error);
      ok = spiral != NULL && bp_dataset_controls_use (self->network, spiral, NULL, &error);
    }
  if (ok)
    {
      bp_network_set_features (self->network,
                               BP_FEATURES_DEFAULT | BP_FEATURE_BIT (BP_FEATURE_SIN_X1)
                               | BP_FEATURE_BIT (BP_FEATURE_SIN_X2));
      ok = shape_hidden (self->network, 2, 8, &error);
      bp_network_set_learning_rate (self->network, 0.1);
    }
  bp_undo_end_group (undo);
  if (!ok && error != NULL)
    _bp_window_toast (self, error->message);
}

static void
regenerate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const BpDataset *d = bp_network_get_dataset (self->network);

  if (d == NULL || d->generator >= BP_N_GENERATED)
    return;
  if (!bp_network_regenerate (self->network, g_random_int (), &error))
    _bp_window_toast (self, error->message);
}

/**
 * bp_window_import_points:
 * @self: a window
 * @file: a CSV file of points: x1,x2,label per line, a header allowed
 * @error: return location for an error naming the line at fault
 *
 * Trains on the file's points from now on, in dataset mode: one entry to undo. The split
 * keeps the training share there was (half when there was none).
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
bp_window_import_points (BpWindow  *self,
                         GFile     *file,
                         GError   **error)
{
  const BpDataset *old = bp_network_get_dataset (self->network);
  BpUndo *undo = bp_network_get_undo (self->network);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autoptr(BpDataset) points = NULL;
  gsize length;
  gboolean ok;

  g_return_val_if_fail (BP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!g_file_load_contents (file, NULL, &text, &length, NULL, error))
    return FALSE;
  points = bp_dataset_new_from_csv (text, length, old != NULL ? old->train_percent : 50.0,
                                    old != NULL ? old->seed : bp_network_get_seed (self->network),
                                    error);
  if (points == NULL)
    {
      name = g_file_get_basename (file);
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  bp_trainer_set_playing (self->trainer, FALSE);
  name = g_file_get_path (file);
  bp_undo_begin_group (undo);
  ok = bp_dataset_controls_use (self->network, points, name, error)
       && bp_network_set_mode (self->network, BP_FILE_MODE_DATASET, error);
  bp_undo_end_group (undo);
  g_object_notify (G_OBJECT (self), "mode");
  return ok;
}

static void
points_chosen (BpWindow *self,
               GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!bp_window_import_points (self, file, &error))
    {
      BpAlert *alert = _bp_window_alert_new (self, _("Could Not Import the Points"),
                                             error->message, NULL);

      bp_alert_add_response (alert, "close", _("_Close"));
      bp_alert_present (alert, self);
    }
}

static void
import_points_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  _bp_window_choose_file (self, FALSE, _("Import Points"), NULL, filter, points_chosen);
}

static void
set_shown (GtkWidget *widget,
           gboolean   shown)
{
  gtk_widget_set_visible (widget, shown);
}

/* The readouts of dataset mode; in it the loss readout is the training points' loss. */
void
_bp_window_update_dataset_readouts (BpWindow *self)
{
  gboolean dataset = _bp_window_in_dataset_mode (self);
  const BpDataset *d = bp_network_get_dataset (self->network);
  gboolean classes = dataset && d->kind == BP_DATASET_CLASSIFICATION;
  g_autofree char *epoch = NULL;
  g_autofree char *test_loss = NULL;
  g_autofree char *accuracy = NULL;

  set_shown (GTK_WIDGET (self->epoch_title_label), dataset);
  set_shown (GTK_WIDGET (self->epoch_label), dataset);
  set_shown (GTK_WIDGET (self->test_loss_title_label), dataset);
  set_shown (GTK_WIDGET (self->test_loss_label), dataset);
  set_shown (GTK_WIDGET (self->accuracy_title_label), classes);
  set_shown (GTK_WIDGET (self->accuracy_label), classes);
  gtk_label_set_label (self->loss_title_label,
                       /* Translators: the loss on the points training uses */
                       dataset ? _("Train loss") : _("Loss"));
  if (!dataset)
    return;
  epoch = g_strdup_printf ("%" G_GUINT64_FORMAT, bp_network_get_epoch (self->network));
  gtk_label_set_label (self->epoch_label, epoch);
  test_loss = bp_format_number (bp_network_get_test_loss (self->network), BP_NUMBER_FORMULA);
  gtk_label_set_label (self->test_loss_label, test_loss);
  /* Translators: the share of points classified right: on the training points, then on
   * the test points; "%%" is a percent sign */
  accuracy = g_strdup_printf (_("%.1f %% train, %.1f %% test"),
                              100.0 * bp_network_get_train_accuracy (self->network),
                              100.0 * bp_network_get_test_accuracy (self->network));
  gtk_label_set_label (self->accuracy_label, accuracy);
}

/* The decision boundary shows the neuron the pointer is over, else the one selected, else
 * the output. */
static void
shown_neuron_cb (BpWindow *self)
{
  BpSelection hovered, selected;

  bp_selection_model_get_hovered (self->selection, &hovered);
  bp_selection_model_get_selected (self->selection, &selected);
  if (hovered.kind == BP_SELECTION_NODE)
    bp_boundary_view_show_neuron (self->boundary_view, hovered.layer, hovered.to);
  else if (selected.kind == BP_SELECTION_NODE)
    bp_boundary_view_show_neuron (self->boundary_view, selected.layer, selected.to);
  else
    bp_boundary_view_show_output (self->boundary_view);
}

/* Clicks on the plane add points of the class chosen, or of the value for regression. */
static void
draw_label_cb (BpWindow *self)
{
  const BpDataset *d = bp_network_get_dataset (self->network);
  double label;

  if (d != NULL && d->kind == BP_DATASET_REGRESSION)
    label = gtk_spin_button_get_value (self->draw_value_spin);
  else
    label = gtk_toggle_button_get_active (self->draw_class1_button) ? 1.0 : 0.0;
  bp_boundary_view_set_draw_label (self->boundary_view, label);
}

/**
 * _bp_window_size_boundary:
 * @self: a window
 * @height: the window's height
 *
 * The decision boundary's side follows the window's height: about a third of it, from 200
 * px on a small screen to 520 px on a projector's, and its text grows with it (and with the
 * zoom), so that the axes stay readable at the back of a classroom. Call it from an idle
 * callback, not while the window is being allocated.
 */
void
_bp_window_size_boundary (BpWindow *self,
                          int       height)
{
  int side = CLAMP (height * 34 / 100, 200, 520);
  double zoom = bp_diagram_get_zoom (self->diagram);

  /* Wider than high: the axis on the left and the colour scale on the right take width. */
  gtk_widget_set_size_request (GTK_WIDGET (self->boundary_view), side * 5 / 4, side);
  bp_boundary_view_set_text_scale (self->boundary_view,
                                   CLAMP (zoom * MAX (1.0, side / 280.0), 0.5, 4.0));
}

static void
zoom_changed_cb (BpWindow *self)
{
  _bp_window_size_boundary (self, self->boundary_height);
}

/* What the side panel shows follows the mode: the input and target rows, or the dataset's
 * controls. */
static void
mode_changed_cb (BpWindow *self)
{
  gboolean dataset = _bp_window_in_dataset_mode (self);

  set_shown (GTK_WIDGET (self->inputs_group), !dataset);
  set_shown (GTK_WIDGET (self->targets_group), !dataset);
  set_shown (GTK_WIDGET (self->dataset_controls), dataset);
  set_shown (self->boundary_box, dataset);
  if (dataset)
    {
      gboolean regression = bp_network_get_dataset (self->network)->kind
                            == BP_DATASET_REGRESSION;

      set_shown (self->draw_class_box, !regression);
      set_shown (GTK_WIDGET (self->draw_value_spin), regression);
      draw_label_cb (self);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.regenerate",
                                 dataset && bp_network_get_dataset (self->network)->generator
                                            < BP_N_GENERATED);
  _bp_window_update_dataset_readouts (self);
  g_object_notify (G_OBJECT (self), "mode");
}

static void
dataset_error_cb (BpWindow   *self,
                  const char *message)
{
  _bp_window_toast (self, message);
}

void
_bp_window_class_add_dataset_actions (GtkWidgetClass *widget_class)
{
  g_type_ensure (BP_TYPE_DATASET_CONTROLS);
  g_type_ensure (BP_TYPE_BOUNDARY_VIEW);
  gtk_widget_class_install_property_action (widget_class, "win.mode", "mode");
  gtk_widget_class_install_action (widget_class, "win.regenerate", NULL, regenerate_action);
  gtk_widget_class_install_action (widget_class, "win.try-dataset", NULL, try_dataset_action);
  gtk_widget_class_install_action (widget_class, "win.import-points", NULL,
                                   import_points_action);
}

void
_bp_window_dataset_init (BpWindow *self)
{
  bp_dataset_controls_set_network (self->dataset_controls, self->network);
  self->maps = bp_maps_new (self->network);
  bp_boundary_view_set_maps (self->boundary_view, self->maps);
  /* The diagram's nodes show the same maps, computed at most once a frame for both. */
  bp_diagram_set_heatmap_func (self->diagram,
                               (const BpHeatmap *(*) (gpointer)) bp_maps_get_heatmap,
                               self->maps);
  g_signal_connect_object (self->maps, "changed", G_CALLBACK (bp_diagram_heatmap_changed),
                           self->diagram, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->maps, "notify::active",
                           G_CALLBACK (bp_diagram_heatmap_changed), self->diagram,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->boundary_view, "draw-failed", G_CALLBACK (dataset_error_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::hovered", G_CALLBACK (shown_neuron_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (shown_neuron_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->diagram, "notify::zoom", G_CALLBACK (zoom_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draw_class1_button, "toggled", G_CALLBACK (draw_label_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draw_value_spin, "value-changed", G_CALLBACK (draw_label_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset_controls, "error", G_CALLBACK (dataset_error_cb),
                           self, G_CONNECT_SWAPPED);
  /* Every operation ends with "backward": the mode, the dataset and the losses are new. */
  g_signal_connect_object (self->network, "backward", G_CALLBACK (mode_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* At the fastest play rate, the play rate's label tells the steps per second. */
  g_signal_connect_object (self->trainer, "notify::speed",
                           G_CALLBACK (_bp_window_play_rate_changed), self, G_CONNECT_SWAPPED);
  mode_changed_cb (self);
}
