/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-controls.c: the side panel's controls: a row per input and per target, η, the
 * functions and the loss, and the play rate. They show the network and edit it through its
 * public API; the network's signals bring every change back to them. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-value-row.h"
#include "bp-window-private.h"

static const BpActivation output_choices[] = {
  BP_ACTIVATION_SIGMOID, BP_ACTIVATION_TANH, BP_ACTIVATION_LINEAR,
};
static const BpLoss loss_choices[] = { BP_LOSS_SQUARED_ERROR, BP_LOSS_CROSS_ENTROPY };

/* The range a target can take for the output's activation and the loss. */
static void
target_range (BpWindow *self,
              double   *lower,
              double   *upper)
{
  guint L = bp_network_get_n_layers (self->network);
  BpActivation output = bp_network_get_activation (self->network, L - 1);

  *lower = -2.0;
  *upper = 2.0;
  if (output == BP_ACTIVATION_SIGMOID || bp_network_get_loss_kind (self->network) ==
                                         BP_LOSS_CROSS_ENTROPY)
    *lower = 0.0, *upper = 1.0;
  else if (output == BP_ACTIVATION_TANH)
    *lower = -1.0, *upper = 1.0;
}

/* Row k shows input k, or after the inputs, a target. */
static gboolean
row_is_target (BpWindow *self,
               guint     k,
               guint    *index)
{
  *index = k < self->n_input_rows ? k : k - self->n_input_rows;
  return k >= self->n_input_rows;
}

static double
row_value (BpWindow *self,
           guint     k)
{
  guint index;

  if (row_is_target (self, k, &index))
    return bp_network_get_target (self->network, index);
  return bp_network_get_input (self->network, index);
}

static void
value_row_changed_cb (BpValueRow *row,
                      double      value,
                      BpWindow   *self)
{
  g_autoptr(GError) error = NULL;
  guint k, index;

  if (self->syncing || !isfinite (value) ||
      !g_ptr_array_find (self->value_rows, row, &k) || value == row_value (self, k))
    return;
  if (row_is_target (self, k, &index))
    {
      if (!bp_network_set_target (self->network, index, value, &error))
        _bp_window_toast (self, error->message);
    }
  else
    {
      bp_network_set_input (self->network, index, value);
    }
}

static GtkWidget *
add_value_row (BpWindow            *self,
               AdwPreferencesGroup *group,
               const char          *name,
               double               lower,
               double               upper)
{
  GtkWidget *row = bp_value_row_new (name, lower, upper);

  g_signal_connect_object (row, "value-changed", G_CALLBACK (value_row_changed_cb), self, 0);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->value_rows, row);
  return row;
}

static void
clear_value_rows (BpWindow *self)
{
  for (guint k = 0; k < self->value_rows->len; k++)
    {
      GtkWidget *row = g_ptr_array_index (self->value_rows, k);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (
          row, ADW_TYPE_PREFERENCES_GROUP));

      adw_preferences_group_remove (group, row);
    }
  g_ptr_array_set_size (self->value_rows, 0);
}

/* The guide's recipe names x1, x2 and one target: "Set this up" works on the shape it was
 * written for, and otherwise says why it cannot. The recipe would not mean the same thing
 * with a third input left as it was or a second target ignored. */
static gboolean
try_this_fits (BpWindow *self)
{
  guint n_sizes;
  const guint *sizes = bp_network_get_sizes (self->network, &n_sizes);

  return sizes[0] == 2 && sizes[n_sizes - 1] == 1;
}

static void
sync_try_this (BpWindow *self)
{
  gboolean fits = try_this_fits (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-this", fits);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->try_button),
                               /* Translators: the tooltip of "Set this up"; x1, x2 and h1
                                * stay as they are */
                               fits ? _("Sets x1 = 1, x2 = 0 and the target to 1, and selects "
                                        "the weight from x1 to h1")
                                    /* Translators: the tooltip of "Set this up" when it is
                                     * greyed out: the exercise is the guide's "Try this" */
                                    : _("This exercise needs a network with 2 inputs and "
                                        "1 output"));
}

/* One row per input and per output, rebuilt when the shape changes. */
static void
build_value_rows (BpWindow *self)
{
  guint n_sizes;
  const guint *sizes = bp_network_get_sizes (self->network, &n_sizes);
  double lower, upper;

  clear_value_rows (self);
  for (guint i = 0; i < sizes[0]; i++)
    {
      g_autofree char *name = g_strdup_printf ("x%u", i + 1);

      add_value_row (self, self->inputs_group, name, -2.0, 2.0);
    }
  self->n_input_rows = sizes[0];
  target_range (self, &lower, &upper);
  for (guint k = 0; k < sizes[n_sizes - 1]; k++)
    {
      /* Translators: the target value of output k, as the diagram labels it */
      g_autofree char *name = g_strdup_printf (_("t%u"), k + 1);

      add_value_row (self, self->targets_group, name, lower, upper);
    }
  sync_try_this (self);
}

/**
 * _bp_window_try_this_action:
 * @widget: a window
 * @action_name: "win.try-this"
 * @parameter: unused
 *
 * The guide's "Try this": x1 = 1, x2 = 0, the target 1, through the network's setters,
 * and the weight x1 → h1 selected so the Math panel explains it. The guide stays on screen
 * with its next instruction.
 */
void
_bp_window_try_this_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  BpSelection weight = { BP_SELECTION_CONNECTION, 0, 0, 0 };
  g_autofree char *page = g_strdup (gtk_stack_get_visible_child_name (self->side_stack));
  g_autoptr(GError) error = NULL;

  if (!try_this_fits (self))
    return;
  bp_undo_begin_group (bp_network_get_undo (self->network));
  bp_network_set_input (self->network, 0, 1.0);
  bp_network_set_input (self->network, 1, 0.0);
  if (!bp_network_set_target (self->network, 0, 1.0, &error))
    _bp_window_toast (self, error->message);
  bp_undo_end_group (bp_network_get_undo (self->network));
  bp_selection_model_set_selected (self->selection, &weight);
  if (page != NULL)
    gtk_stack_set_visible_child_name (self->side_stack, page);
}

void
_bp_window_sync_value_controls (BpWindow *self)
{
  gboolean cross_entropy = bp_network_get_loss_kind (self->network) == BP_LOSS_CROSS_ENTROPY;
  double lower, upper;
  guint index;

  target_range (self, &lower, &upper);
  self->syncing = TRUE;
  for (guint k = 0; k < self->value_rows->len; k++)
    {
      BpValueRow *row = g_ptr_array_index (self->value_rows, k);

      /* The spin button takes any target the loss allows. */
      if (row_is_target (self, k, &index))
        bp_value_row_set_bounds (row, lower, upper, cross_entropy ? 0.0 : -G_MAXDOUBLE,
                                 cross_entropy ? 1.0 : G_MAXDOUBLE);
      bp_value_row_set_value (row, row_value (self, k));
    }
  self->syncing = FALSE;
}

static guint
choice_index (const BpActivation *choices,
              guint               n_choices,
              BpActivation        activation)
{
  for (guint k = 0; k < n_choices; k++)
    if (choices[k] == activation)
      return k;
  return 0;
}

void
_bp_window_sync_pickers (BpWindow *self)
{
  guint L = bp_network_get_n_layers (self->network);

  _bp_window_sync_layers (self);
  self->syncing = TRUE;
  adw_combo_row_set_selected (self->output_row,
                              choice_index (output_choices, G_N_ELEMENTS (output_choices),
                                            bp_network_get_activation (self->network, L - 1)));
  adw_combo_row_set_selected (self->loss_row,
                              bp_network_get_loss_kind (self->network) == BP_LOSS_CROSS_ENTROPY);
  self->syncing = FALSE;
}

/* η from the log slider: 10^x. */
static void
rate_scale_changed_cb (BpWindow *self)
{
  char rounded[G_ASCII_DTOSTR_BUF_SIZE];
  double eta;

  if (self->syncing)
    return;
  /* Three significant digits are what a slider can mean; the spin button is exact. The
   * rounding goes through '.' decimals whatever the locale. */
  eta = pow (10.0, gtk_adjustment_get_value (self->rate_scale_adjustment));
  eta = g_ascii_strtod (g_ascii_formatd (rounded, sizeof rounded, "%.3g", eta), NULL);
  bp_network_set_learning_rate (self->network, eta);
}

static void
rate_spin_changed_cb (BpWindow *self)
{
  double eta = gtk_adjustment_get_value (self->rate_spin_adjustment);

  if (self->syncing || !(eta > 0.0 && eta <= 100.0))
    return;
  bp_network_set_learning_rate (self->network, eta);
}

void
_bp_window_sync_rate (BpWindow *self)
{
  double eta = bp_network_get_learning_rate (self->network);

  self->syncing = TRUE;
  gtk_adjustment_set_value (self->rate_scale_adjustment, CLAMP (log10 (eta), -3.0, 1.0));
  gtk_adjustment_set_value (self->rate_spin_adjustment, eta);
  self->syncing = FALSE;
}

static double
play_rate (BpWindow *self)
{
  double position = gtk_adjustment_get_value (self->play_rate_adjustment);

  if (_bp_window_play_fastest (position))
    return BP_TRAINER_FASTEST;
  return pow (10.0, MIN (position, log10 (BP_TRAINER_MAX_RATE)));
}

static void
update_play_rate_label (BpWindow *self)
{
  double rate = play_rate (self);
  double speed = bp_trainer_get_speed (self->trainer);
  g_autofree char *text = NULL;

  if (rate == BP_TRAINER_FASTEST && speed > 0.0)
    /* Translators: the training speed at the fastest setting, while playing: the number
     * is how many steps ran per second of late, such as 41,200 ("'" groups its digits) */
    text = g_strdup_printf (_("As fast as it goes: %'.0f steps per second"), speed);
  else if (rate == BP_TRAINER_FASTEST)
    /* Translators: the fastest training speed: as many steps as the computer can run */
    text = g_strdup (_("As fast as it goes"));
  else if (rate >= 1.0)
    /* Translators: how many training steps run per second while playing */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f step per second",
                                         "%.0f steps per second", (gulong) round (rate)),
                            rate);
  else
    /* Translators: the training speed while playing, slower than a step per second: the
     * number is how many seconds pass between two steps */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "One step every %.0f second",
                                         "One step every %.0f seconds",
                                         (gulong) round (1.0 / rate)),
                            1.0 / rate);
  gtk_label_set_label (self->play_rate_label, text);
}

void
_bp_window_play_rate_changed (BpWindow *self)
{
  bp_trainer_set_rate (self->trainer, play_rate (self));
  update_play_rate_label (self);
}

static void
activation_picked (BpWindow *self,
                   guint     first_layer,
                   guint     last_layer,
                   BpActivation activation)
{
  g_autoptr(GError) error = NULL;

  for (guint l = first_layer; l <= last_layer; l++)
    if (bp_network_get_activation (self->network, l) != activation &&
        !bp_network_set_activation (self->network, l, activation, &error))
      {
        _bp_window_toast (self, error->message);
        return;
      }
}

/* Cross-entropy needs a sigmoid output: picking another output switches the loss back to
 * squared error first, and says so. */
static void
output_picked_cb (BpWindow *self)
{
  guint L = bp_network_get_n_layers (self->network);
  guint k = adw_combo_row_get_selected (self->output_row);

  if (self->syncing || k >= G_N_ELEMENTS (output_choices))
    return;
  bp_undo_begin_group (bp_network_get_undo (self->network));
  if (output_choices[k] != BP_ACTIVATION_SIGMOID &&
      bp_network_get_loss_kind (self->network) == BP_LOSS_CROSS_ENTROPY)
    {
      bp_network_set_loss_kind (self->network, BP_LOSS_SQUARED_ERROR, NULL);
      /* Translators: a notification; "sigmoid" is the name of a function and stays as it is */
      _bp_window_toast (self, _("Cross-entropy needs a sigmoid output, so the loss is now "
                                "squared error"));
    }
  activation_picked (self, L - 1, L - 1, output_choices[k]);
  bp_undo_end_group (bp_network_get_undo (self->network));
  _bp_window_sync_pickers (self);
  _bp_window_sync_value_controls (self);
}

static void
loss_picked_cb (BpWindow *self)
{
  guint L = bp_network_get_n_layers (self->network);
  guint k = adw_combo_row_get_selected (self->loss_row);
  g_autoptr(GError) error = NULL;

  if (self->syncing || k >= G_N_ELEMENTS (loss_choices))
    return;
  bp_undo_begin_group (bp_network_get_undo (self->network));
  if (loss_choices[k] == BP_LOSS_CROSS_ENTROPY)
    {
      if (bp_network_get_activation (self->network, L - 1) != BP_ACTIVATION_SIGMOID)
        {
          activation_picked (self, L - 1, L - 1, BP_ACTIVATION_SIGMOID);
          /* Translators: a notification; "sigmoid" is the name of a function and stays as it is */
          _bp_window_toast (self, _("Cross-entropy needs a sigmoid output, so the output is now "
                                    "sigmoid"));
        }
      for (guint t = 0; t < self->value_rows->len - self->n_input_rows; t++)
        bp_network_set_target (self->network, t,
                               CLAMP (bp_network_get_target (self->network, t), 0.0, 1.0),
                               NULL);
    }
  if (!bp_network_set_loss_kind (self->network, loss_choices[k], &error))
    _bp_window_toast (self, error->message);
  bp_undo_end_group (bp_network_get_undo (self->network));
  _bp_window_sync_pickers (self);
  _bp_window_sync_value_controls (self);
}

/**
 * _bp_window_build_controls:
 * @self: a window
 *
 * Shows the network's shape, functions and loss: rows for its inputs and targets.
 */
void
_bp_window_build_controls (BpWindow *self)
{
  build_value_rows (self);
  _bp_window_sync_value_controls (self);
  _bp_window_sync_pickers (self);
}

void
_bp_window_controls_init (BpWindow *self)
{
  self->value_rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->rate_scale_adjustment, "value-changed",
                            G_CALLBACK (rate_scale_changed_cb), self);
  g_signal_connect_swapped (self->rate_spin_adjustment, "value-changed",
                            G_CALLBACK (rate_spin_changed_cb), self);
  bp_value_row_make_spin_exact (self->rate_spin);
  g_signal_connect_swapped (self->output_row, "notify::selected",
                            G_CALLBACK (output_picked_cb), self);
  g_signal_connect_swapped (self->loss_row, "notify::selected",
                            G_CALLBACK (loss_picked_cb), self);
  g_signal_connect_swapped (self->play_rate_adjustment, "value-changed",
                            G_CALLBACK (_bp_window_play_rate_changed), self);
}
