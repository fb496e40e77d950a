/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-dataset-controls.c: the side panel's controls of dataset mode: which points, how many,
 * their noise and split, the input features, the batch size and the regularisation.
 *
 * Like the window's other controls they show the network and edit it through its public API;
 * every operation of the network ends with "backward", which brings the change back to them
 * (undo and redo too). A press in the side panel is one entry to undo (the window groups it). */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-dataset-controls.h"

struct _BpDatasetControls
{
  GtkBox parent_instance;

  BpNetwork *network;
  gboolean syncing;
  GtkWidget *feature_checks[BP_N_FEATURES];

  /* template children */
  AdwComboRow *generator_row;
  GtkWidget *count_row;
  GtkWidget *noise_row;
  GtkWidget *share_row;
  GtkAdjustment *count_adjustment;
  GtkAdjustment *noise_adjustment;
  GtkAdjustment *share_adjustment;
  GtkGrid *features_box;
  GtkAdjustment *batch_adjustment;
  AdwComboRow *regularization_row;
  AdwComboRow *regularization_rate_row;
};

G_DEFINE_FINAL_TYPE (BpDatasetControls, bp_dataset_controls, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_NETWORK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
report (BpDatasetControls *self,
        const GError      *error)
{
  g_signal_emit (self, signals[ERROR], 0, error->message);
}

/* The activation an output needs for the points of @kind: sigmoid gives classes 0 and 1
 * their probability; regression values take any number. */
static BpActivation
output_for_kind (BpDatasetKind kind)
{
  return kind == BP_DATASET_CLASSIFICATION ? BP_ACTIVATION_SIGMOID : BP_ACTIVATION_LINEAR;
}

/**
 * bp_dataset_controls_use:
 * @network: a network
 * @dataset: the points it will train on
 * @source: (nullable): the CSV file they came from
 * @error: return location for an error
 *
 * Gives @network the points and, when their kind needs another, the output activation that
 * fits them (and squared error for values other than 0 and 1): one entry to undo.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_dataset_controls_use (BpNetwork       *network,
                         const BpDataset *dataset,
                         const char      *source,
                         GError         **error)
{
  guint L = bp_network_get_n_layers (network);
  BpActivation output = output_for_kind (dataset->kind);
  BpUndo *undo = bp_network_get_undo (network);
  gboolean ok = TRUE;

  bp_undo_begin_group (undo);
  bp_network_set_dataset (network, dataset, source);
  /* Cross-entropy takes labels 0 and 1 alone. */
  if (dataset->kind == BP_DATASET_REGRESSION &&
      bp_network_get_loss_kind (network) == BP_LOSS_CROSS_ENTROPY)
    ok = bp_network_set_loss_kind (network, BP_LOSS_SQUARED_ERROR, error);
  if (ok && bp_network_get_activation (network, L - 1) != output)
    ok = bp_network_set_activation (network, L - 1, output, error);
  bp_undo_end_group (undo);
  return ok;
}

/* Points of the generator chosen, from the rows' numbers and the dataset's seed. */
static void
generate (BpDatasetControls *self,
          BpGenerator        generator)
{
  const BpDataset *d = bp_network_get_dataset (self->network);
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) dataset = NULL;

  dataset = bp_dataset_generate (generator,
                                 (guint) gtk_adjustment_get_value (self->count_adjustment),
                                 gtk_adjustment_get_value (self->noise_adjustment),
                                 gtk_adjustment_get_value (self->share_adjustment),
                                 d != NULL ? d->seed : bp_network_get_seed (self->network),
                                 &error);
  if (dataset == NULL || !bp_dataset_controls_use (self->network, dataset, NULL, &error))
    report (self, error);
}

static void
generator_changed_cb (BpDatasetControls *self)
{
  guint chosen = adw_combo_row_get_selected (self->generator_row);
  const BpDataset *d = bp_network_get_dataset (self->network);

  if (self->syncing || d == NULL || chosen == d->generator)
    return;
  if (chosen < BP_N_GENERATED)
    {
      generate (self, chosen);
    }
  else if (chosen == BP_GENERATOR_CSV)
    {
      /* The file chooser sets the points if one is picked; until then the row shows what
       * is there. */
      bp_dataset_controls_sync (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.import-points", NULL);
    }
  else
    {
      /* "Drawn by hand" starts from the points there are. */
      g_autoptr(BpDataset) drawn = bp_dataset_copy (d);

      drawn->generator = BP_GENERATOR_DRAWN;
      bp_network_set_dataset (self->network, drawn, NULL);
    }
}

static void
numbers_changed_cb (BpDatasetControls *self)
{
  const BpDataset *d = bp_network_get_dataset (self->network);

  if (self->syncing || d == NULL || d->generator >= BP_N_GENERATED)
    return;
  if ((guint) gtk_adjustment_get_value (self->count_adjustment) == d->n_points &&
      gtk_adjustment_get_value (self->noise_adjustment) == d->noise &&
      gtk_adjustment_get_value (self->share_adjustment) == d->train_percent)
    return;
  generate (self, d->generator);
}

static void
feature_toggled_cb (GtkToggleButton   *toggle,
                    BpDatasetControls *self)
{
  BpFeatureSet features = 0;

  if (self->syncing)
    return;
  for (guint f = 0; f < BP_N_FEATURES; f++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->feature_checks[f])))
      features |= BP_FEATURE_BIT (f);
  if (features == 0)
    {
      /* The input layer keeps a neuron: the last feature cannot go. */
      bp_dataset_controls_sync (self);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  bp_network_set_features (self->network, features);
}

static void
batch_changed_cb (BpDatasetControls *self)
{
  if (!self->syncing)
    bp_network_set_batch_size (self->network,
                               (guint) gtk_adjustment_get_value (self->batch_adjustment));
}

static void
regularization_changed_cb (BpDatasetControls *self)
{
  g_autoptr(GError) error = NULL;
  const double *rates = bp_regularization_rates (NULL);
  BpRegularization kind = adw_combo_row_get_selected (self->regularization_row);
  double rate = rates[adw_combo_row_get_selected (self->regularization_rate_row)];

  if (self->syncing)
    return;
  if (!bp_network_set_regularization (self->network, kind, rate, &error))
    {
      report (self, error);
      bp_dataset_controls_sync (self);
    }
}

static guint
rate_index (double rate)
{
  guint n_rates;
  const double *rates = bp_regularization_rates (&n_rates);

  for (guint k = 0; k < n_rates; k++)
    if (rates[k] == rate)
      return k;
  return 0;
}

/**
 * bp_dataset_controls_sync:
 * @self: dataset controls
 *
 * Shows the network's dataset and settings.
 */
void
bp_dataset_controls_sync (BpDatasetControls *self)
{
  const BpDataset *d;
  BpFeatureSet features;
  double rate;
  BpRegularization kind;
  gboolean generated;

  g_return_if_fail (BP_IS_DATASET_CONTROLS (self));

  if (self->network == NULL)
    return;
  d = bp_network_get_dataset (self->network);
  features = bp_network_get_features (self->network);
  kind = bp_network_get_regularization (self->network, &rate);
  generated = d != NULL && d->generator < BP_N_GENERATED;
  self->syncing = TRUE;
  if (d != NULL)
    {
      adw_combo_row_set_selected (self->generator_row, d->generator);
      gtk_adjustment_set_value (self->count_adjustment, d->n_points);
      gtk_adjustment_set_value (self->noise_adjustment, d->noise);
      gtk_adjustment_set_value (self->share_adjustment, d->train_percent);
    }
  gtk_widget_set_sensitive (self->count_row, generated);
  gtk_widget_set_sensitive (self->noise_row, generated);
  gtk_widget_set_sensitive (self->share_row, generated);
  for (guint f = 0; f < BP_N_FEATURES; f++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->feature_checks[f]),
                                 (features & BP_FEATURE_BIT (f)) != 0);
  gtk_adjustment_set_value (self->batch_adjustment, bp_network_get_batch_size (self->network));
  adw_combo_row_set_selected (self->regularization_row, kind);
  adw_combo_row_set_selected (self->regularization_rate_row, rate_index (rate));
  gtk_widget_set_sensitive (GTK_WIDGET (self->regularization_rate_row),
                            kind != BP_REGULARIZATION_NONE);
  self->syncing = FALSE;
}

void
bp_dataset_controls_set_network (BpDatasetControls *self,
                                 BpNetwork         *network)
{
  g_return_if_fail (BP_IS_DATASET_CONTROLS (self));
  g_return_if_fail (network == NULL || BP_IS_NETWORK (network));

  if (self->network == network)
    return;
  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  g_set_object (&self->network, network);
  if (network != NULL)
    g_signal_connect_swapped (network, "backward", G_CALLBACK (bp_dataset_controls_sync), self);
  bp_dataset_controls_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
}

static void
build_choices (BpDatasetControls *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) rates = gtk_string_list_new (NULL);
  guint n_rates;
  const double *rate = bp_regularization_rates (&n_rates);

  for (guint k = 0; k < BP_N_REGULARIZATIONS; k++)
    gtk_string_list_append (kinds, bp_regularization_display_name (k));
  adw_combo_row_set_model (self->regularization_row, G_LIST_MODEL (kinds));
  for (guint k = 0; k < n_rates; k++)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      g_snprintf (text, sizeof text, "%g", rate[k]);
      gtk_string_list_append (rates, text);
    }
  adw_combo_row_set_model (self->regularization_rate_row, G_LIST_MODEL (rates));

  for (guint f = 0; f < BP_N_FEATURES; f++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (bp_feature_display_name (f));

      /* Translators: %s is an input feature's notation: x1, x2, x1², sin(x1)… */
      g_autofree char *name = g_strdup_printf (_("Input feature %s"),
                                               bp_feature_display_name (f));

      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      g_signal_connect (toggle, "toggled", G_CALLBACK (feature_toggled_cb), self);
      gtk_grid_attach (self->features_box, toggle, f % 4, f / 4, 1, 1);
      self->feature_checks[f] = toggle;
    }
}

static void
bp_dataset_controls_dispose (GObject *object)
{
  BpDatasetControls *self = BP_DATASET_CONTROLS (object);

  bp_dataset_controls_set_network (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BP_TYPE_DATASET_CONTROLS);
  G_OBJECT_CLASS (bp_dataset_controls_parent_class)->dispose (object);
}

static void
bp_dataset_controls_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BpDatasetControls *self = BP_DATASET_CONTROLS (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_dataset_controls_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BpDatasetControls *self = BP_DATASET_CONTROLS (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      bp_dataset_controls_set_network (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_dataset_controls_class_init (BpDatasetControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bp_dataset_controls_dispose;
  object_class->get_property = bp_dataset_controls_get_property;
  object_class->set_property = bp_dataset_controls_set_property;

  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, BP_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpDatasetControls::error:
   * @message: what went wrong, for the user
   *
   * An edit was refused; nothing changed.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/backproplab/Backprop/bp-dataset-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, BpDatasetControls, generator_row);
  gtk_widget_class_bind_template_child (widget_class, BpDatasetControls, count_row);
  gtk_widget_class_bind_template_child (widget_class, BpDatasetControls, noise_row);
  gtk_widget_class_bind_template_child (widget_class, BpDatasetControls, share_row);
  gtk_widget_class_bind_template_child (widget_class, BpDatasetControls, count_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpDatasetControls, noise_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpDatasetControls, share_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpDatasetControls, features_box);
  gtk_widget_class_bind_template_child (widget_class, BpDatasetControls, batch_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BpDatasetControls, regularization_row);
  gtk_widget_class_bind_template_child (widget_class, BpDatasetControls,
                                        regularization_rate_row);
}

static void
bp_dataset_controls_init (BpDatasetControls *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_choices (self);
  g_signal_connect_swapped (self->generator_row, "notify::selected",
                            G_CALLBACK (generator_changed_cb), self);
  g_signal_connect_swapped (self->count_adjustment, "value-changed",
                            G_CALLBACK (numbers_changed_cb), self);
  g_signal_connect_swapped (self->noise_adjustment, "value-changed",
                            G_CALLBACK (numbers_changed_cb), self);
  g_signal_connect_swapped (self->share_adjustment, "value-changed",
                            G_CALLBACK (numbers_changed_cb), self);
  g_signal_connect_swapped (self->batch_adjustment, "value-changed",
                            G_CALLBACK (batch_changed_cb), self);
  g_signal_connect_swapped (self->regularization_row, "notify::selected",
                            G_CALLBACK (regularization_changed_cb), self);
  g_signal_connect_swapped (self->regularization_rate_row, "notify::selected",
                            G_CALLBACK (regularization_changed_cb), self);
}
