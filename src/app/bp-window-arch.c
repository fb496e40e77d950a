/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-arch.c: the architecture editor of the window: the side panel's hidden layers
 * (how many, and each one's neurons and activation), the actions that add and remove layers
 * and neurons (the side panel's buttons, the diagram's controls and the keyboard), the row
 * that edits the selected weight or bias, and undo and redo. Everything goes through
 * BpNetwork's public API; its signals bring every change back here. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-format.h"
#include "bp-reshape.h"
#include "bp-undo.h"
#include "bp-value-row.h"
#include "bp-window-private.h"

/* The activations a hidden layer may have, in the order the issue and the guide name them. */
static const BpActivation layer_choices[] = {
  BP_ACTIVATION_LINEAR, BP_ACTIVATION_SIGMOID, BP_ACTIVATION_TANH, BP_ACTIVATION_RELU,
  BP_ACTIVATION_LEAKY_RELU,
};

static guint
n_hidden (BpWindow *self)
{
  return bp_network_get_n_layers (self->network) - 1;
}

static guint
layer_size (BpWindow *self,
            guint     layer)
{
  guint n_sizes;
  const guint *sizes = bp_network_get_sizes (self->network, &n_sizes);

  g_assert (layer < n_sizes);
  return sizes[layer];
}

/* The hidden layer (1 … L − 1, as the diagram numbers them) and neuron the selection is on:
 * a hidden neuron, or the bias of one. */
static gboolean
selected_hidden (BpWindow *self,
                 guint    *layer,
                 guint    *index)
{
  guint L = bp_network_get_n_layers (self->network);
  BpSelection sel;

  bp_selection_model_get_selected (self->selection, &sel);
  if (sel.kind == BP_SELECTION_NODE && sel.layer >= 1 && sel.layer < L)
    *layer = sel.layer, *index = sel.to;
  else if (sel.kind == BP_SELECTION_BIAS && sel.layer + 1 < L)
    *layer = sel.layer + 1, *index = sel.to;
  else
    return FALSE;
  return TRUE;
}

/* The layer a neuron edit acts on: the selected one, or else the last hidden layer. */
static gboolean
neuron_target (BpWindow *self,
               guint    *layer,
               guint    *index,
               gboolean *selected)
{
  *selected = selected_hidden (self, layer, index);
  if (*selected)
    return TRUE;
  if (n_hidden (self) == 0)
    return FALSE;
  *layer = n_hidden (self);
  *index = layer_size (self, *layer) - 1;
  return TRUE;
}

static void
select_node (BpWindow *self,
             guint     layer,
             guint     index)
{
  BpSelection node = { BP_SELECTION_NODE, layer, index, 0 };

  bp_selection_model_set_selected (self->selection, &node);
}

static gboolean
reshape (BpWindow     *self,
         BpReshapeKind kind,
         guint         layer,
         guint         index,
         guint         size)
{
  BpReshape edit = { kind, layer, index, size };
  g_autoptr(GError) error = NULL;

  if (bp_network_reshape (self->network, &edit, &error))
    return TRUE;
  _bp_window_toast (self, error->message);
  return FALSE;
}

/* A neuron after the selected one, which it selects; or one at the end of the last hidden
 * layer. */
static void
add_neuron_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  guint layer, index;
  gboolean selected;

  if (neuron_target (self, &layer, &index, &selected) &&
      reshape (self, BP_RESHAPE_ADD_NEURON, layer, index + 1, 0) && selected)
    select_node (self, layer, index + 1);
}

/* The selected neuron, and its neighbour becomes the selection; or the last one of the last
 * hidden layer. */
static void
remove_neuron_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  guint layer, index;
  gboolean selected;

  if (neuron_target (self, &layer, &index, &selected) &&
      reshape (self, BP_RESHAPE_REMOVE_NEURON, layer, index, 0) && selected)
    select_node (self, layer, MIN (index, layer_size (self, layer) - 1));
}

/* A layer after the selected one, as wide as the layer below it, its first neuron selected;
 * or one right below the output. */
static void
add_layer_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  guint layer, index;
  gboolean selected = selected_hidden (self, &layer, &index);
  guint at = selected ? layer + 1 : n_hidden (self) + 1;
  guint size = CLAMP (layer_size (self, at - 1), 1, BP_MAX_HIDDEN_WIDTH);

  if (reshape (self, BP_RESHAPE_ADD_LAYER, at, 0, size) && selected)
    select_node (self, at, 0);
}

/* The selected layer, the one below it then selected; or the last hidden layer. */
static void
remove_layer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  guint layer, index;
  gboolean selected = selected_hidden (self, &layer, &index);

  if (!selected)
    layer = n_hidden (self);
  if (reshape (self, BP_RESHAPE_REMOVE_LAYER, layer, 0, 0) && selected && layer > 1)
    select_node (self, layer - 1, 0);
}

/* Ends the group a press in the side panel holds open, if one is. */
static void
end_press_group (BpWindow *self)
{
  if (self->press_group)
    bp_undo_end_group (bp_network_get_undo (self->network));
  self->press_group = FALSE;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  end_press_group (self);
  bp_undo_undo (bp_network_get_undo (self->network));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  end_press_group (self);
  bp_undo_redo (bp_network_get_undo (self->network));
}

static void
sync_undo_actions (BpWindow *self)
{
  BpUndo *undo = bp_network_get_undo (self->network);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", bp_undo_get_can_undo (undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", bp_undo_get_can_redo (undo));
}

static void
layer_activation_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     BpWindow    *self)
{
  guint layer = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "bp-layer"));
  guint k = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  if (self->syncing || k >= G_N_ELEMENTS (layer_choices) || layer >= n_hidden (self) + 1 ||
      bp_network_get_activation (self->network, layer - 1) == layer_choices[k])
    return;
  if (!bp_network_set_layer_activation (self->network, layer, layer_choices[k], &error))
    _bp_window_toast (self, error->message);
}

static void
layer_neuron_clicked_cb (GtkButton *button,
                         BpWindow  *self)
{
  guint layer = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bp-layer"));
  gboolean add = g_object_get_data (G_OBJECT (button), "bp-add") != NULL;
  guint size;

  if (layer > n_hidden (self))
    return;
  size = layer_size (self, layer);
  if (add)
    reshape (self, BP_RESHAPE_ADD_NEURON, layer, size, 0);
  else
    reshape (self, BP_RESHAPE_REMOVE_NEURON, layer, size - 1, 0);
}

static GtkWidget *
neuron_button (BpWindow *self,
               guint     layer,
               gboolean  add)
{
  GtkWidget *button = gtk_button_new_from_icon_name (add ? "list-add-symbolic"
                                                         : "list-remove-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "bp-layer", GUINT_TO_POINTER (layer));
  g_object_set_data (G_OBJECT (button), "bp-add", add ? button : NULL);
  g_signal_connect_object (button, "clicked", G_CALLBACK (layer_neuron_clicked_cb), self, 0);
  return button;
}

/* A row per hidden layer: its activation, its neurons with − and +. */
static GtkWidget *
layer_row_new (BpWindow *self,
               guint     layer)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  /* Translators: the row of one hidden layer in the side panel, numbered from 1 */
  g_autofree char *title = g_strdup_printf (_("Hidden layer %u"), layer);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *minus = neuron_button (self, layer, FALSE);
  GtkWidget *plus = neuron_button (self, layer, TRUE);

  for (guint k = 0; k < G_N_ELEMENTS (layer_choices); k++)
    gtk_string_list_append (names, bp_activation_display_name (layer_choices[k]));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data (G_OBJECT (row), "bp-layer", GUINT_TO_POINTER (layer));
  g_object_set_data (G_OBJECT (row), "bp-minus", minus);
  g_object_set_data (G_OBJECT (row), "bp-plus", plus);
  gtk_box_append (GTK_BOX (box), minus);
  gtk_box_append (GTK_BOX (box), plus);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), box);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (layer_activation_cb), self, 0);
  return row;
}

static void
sync_neuron_button (GtkWidget *button,
                    guint      layer,
                    guint      size,
                    gboolean   add)
{
  gboolean can = add ? size < BP_MAX_HIDDEN_WIDTH : size > 1;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  if (add)
    /* Translators: the accessible name of the + of a hidden layer's row */
    label = g_strdup_printf (_("Add a neuron to hidden layer %u"), layer);
  else
    /* Translators: the accessible name of the − of a hidden layer's row */
    label = g_strdup_printf (_("Remove a neuron from hidden layer %u"), layer);
  if (can)
    tooltip = g_strdup (label);
  else if (add)
    /* Translators: the tooltip of a greyed-out + of a hidden layer's row */
    tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "A hidden layer has at most %u neuron",
                                            "A hidden layer has at most %u neurons",
                                            BP_MAX_HIDDEN_WIDTH),
                               BP_MAX_HIDDEN_WIDTH);
  else
    /* Translators: the tooltip of a greyed-out − of a hidden layer's row */
    tooltip = g_strdup (_("A hidden layer keeps at least one neuron"));
  gtk_widget_set_sensitive (button, can);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
sync_layer_row (BpWindow  *self,
                GtkWidget *row,
                guint      layer)
{
  guint size = layer_size (self, layer);
  BpActivation activation = bp_network_get_activation (self->network, layer - 1);
  /* Translators: the subtitle of a hidden layer's row */
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u neuron",
                                                            "%u neurons", size),
                                               size);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  for (guint k = 0; k < G_N_ELEMENTS (layer_choices); k++)
    if (layer_choices[k] == activation)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), k);
}

static void
sync_layer_buttons (BpWindow  *self,
                    GtkWidget *row,
                    guint      layer)
{
  guint size = layer_size (self, layer);
  GtkWidget *minus = g_object_get_data (G_OBJECT (row), "bp-minus");
  GtkWidget *plus = g_object_get_data (G_OBJECT (row), "bp-plus");

  sync_neuron_button (minus, layer, size, FALSE);
  sync_neuron_button (plus, layer, size, TRUE);
}

/* The rows go between the layers' row and the output's: the output's and the loss's rows
 * leave the group for a moment when the number of hidden layers changes. */
static void
rebuild_layer_rows (BpWindow *self,
                    guint     n)
{
  g_autoptr(GtkWidget) output = g_object_ref (GTK_WIDGET (self->output_row));
  g_autoptr(GtkWidget) loss = g_object_ref (GTK_WIDGET (self->loss_row));

  for (guint k = 0; k < self->layer_rows->len; k++)
    adw_preferences_group_remove (self->network_group, g_ptr_array_index (self->layer_rows, k));
  g_ptr_array_set_size (self->layer_rows, 0);
  adw_preferences_group_remove (self->network_group, output);
  adw_preferences_group_remove (self->network_group, loss);
  for (guint l = 1; l <= n; l++)
    {
      GtkWidget *row = layer_row_new (self, l);

      g_ptr_array_add (self->layer_rows, row);
      adw_preferences_group_add (self->network_group, row);
    }
  adw_preferences_group_add (self->network_group, output);
  adw_preferences_group_add (self->network_group, loss);
}

/**
 * _bp_window_sync_layers:
 * @self: a window
 *
 * Shows the network's hidden layers in the side panel: how many, with − and + greyed out at
 * the editor's limits, and a row per layer with its neurons and its activation.
 */
void
_bp_window_sync_layers (BpWindow *self)
{
  guint n = n_hidden (self);
  g_autofree char *count = g_strdup_printf ("%u", n);
  gboolean can_add = n < BP_MAX_HIDDEN_LAYERS;
  gboolean can_remove = n > 0;
  g_autofree char *add_tip = NULL;
  gboolean syncing = self->syncing;

  if (self->layer_rows == NULL)
    self->layer_rows = g_ptr_array_new ();
  self->syncing = TRUE;
  if (self->layer_rows->len != n)
    rebuild_layer_rows (self, n);
  for (guint l = 1; l <= n; l++)
    {
      GtkWidget *row = g_ptr_array_index (self->layer_rows, l - 1);

      sync_layer_row (self, row, l);
      sync_layer_buttons (self, row, l);
    }
  self->syncing = syncing;

  gtk_label_set_label (self->layers_label, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->layers_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, count, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-layer", can_add);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-layer", can_remove);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-neuron", can_remove);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-neuron", can_remove);
  if (can_add)
    add_tip = g_strdup (_("Add a hidden layer"));
  else
    /* Translators: the tooltip of the greyed-out + of the hidden layers */
    add_tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "At most %u hidden layer",
                                            "At most %u hidden layers", BP_MAX_HIDDEN_LAYERS),
                               BP_MAX_HIDDEN_LAYERS);
  gtk_widget_set_tooltip_text (self->add_layer_button, add_tip);
  gtk_widget_set_tooltip_text (self->remove_layer_button,
                               can_remove ? _("Remove a hidden layer")
                                          /* Translators: the tooltip of the greyed-out − of
                                           * the hidden layers */
                                          : _("There is no hidden layer to remove"));
}

static gboolean
selection_is_value (const BpSelection *sel)
{
  return sel->kind == BP_SELECTION_CONNECTION || sel->kind == BP_SELECTION_BIAS;
}

static double
selected_value (BpWindow          *self,
                const BpSelection *sel)
{
  if (sel->kind == BP_SELECTION_CONNECTION)
    return bp_network_get_weight (self->network, sel->layer, sel->to, sel->from);
  return bp_network_get_bias (self->network, sel->layer, sel->to);
}

static void
selected_value_changed_cb (BpValueRow *row,
                           double      value,
                           BpWindow   *self)
{
  const BpSelection *sel = &self->selected_shown;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (self->syncing || !isfinite (value) || !selection_is_value (sel) ||
      value == selected_value (self, sel))
    return;
  if (sel->kind == BP_SELECTION_CONNECTION)
    done = bp_network_set_weight (self->network, sel->layer, sel->to, sel->from, value, &error);
  else
    done = bp_network_set_bias (self->network, sel->layer, sel->to, value, &error);
  if (!done)
    _bp_window_toast (self, error->message);
}

/* w(x1→h1) or b(h1), as the Math panel names them. */
static char *
selected_name (BpWindow          *self,
               const BpSelection *sel)
{
  const BpNet *net = bp_network_get_net (self->network);
  char to[BP_NEURON_NAME_SIZE], from[BP_NEURON_NAME_SIZE];

  bp_format_net_neuron_into (net, sel->layer + 1, sel->to, to, sizeof to);
  if (sel->kind == BP_SELECTION_BIAS)
    return g_strdup_printf ("b(%s)", to);
  bp_format_net_neuron_into (net, sel->layer, sel->from, from, sizeof from);
  return g_strdup_printf ("w(%s→%s)", from, to);
}

/**
 * _bp_window_sync_selected_value:
 * @self: a window
 *
 * Shows the row that edits the selected weight or bias, with its value, or hides it when
 * the selection is a neuron or nothing.
 */
void
_bp_window_sync_selected_value (BpWindow *self)
{
  BpSelection sel;
  gboolean syncing = self->syncing;
  g_autofree char *name = NULL;

  bp_selection_model_get_selected (self->selection, &sel);
  if (!selection_is_value (&sel) ||
      !bp_selection_valid (bp_network_get_net (self->network), &sel))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->selected_group), FALSE);
      return;
    }
  name = selected_name (self, &sel);
  if (self->selected_row == NULL || !bp_selection_equal (&sel, &self->selected_shown) ||
      g_strcmp0 (name, g_object_get_data (G_OBJECT (self->selected_row), "bp-name")) != 0)
    {
      if (self->selected_row != NULL)
        adw_preferences_group_remove (self->selected_group, self->selected_row);
      self->selected_row = bp_value_row_new (name, -4.0, 4.0);
      g_object_set_data_full (G_OBJECT (self->selected_row), "bp-name", g_strdup (name), g_free);
      bp_value_row_set_bounds (BP_VALUE_ROW (self->selected_row), -4.0, 4.0, -G_MAXDOUBLE,
                               G_MAXDOUBLE);
      g_signal_connect_object (self->selected_row, "value-changed",
                               G_CALLBACK (selected_value_changed_cb), self, 0);
      adw_preferences_group_add (self->selected_group, self->selected_row);
      self->selected_shown = sel;
    }
  self->syncing = TRUE;
  bp_value_row_set_value (BP_VALUE_ROW (self->selected_row), selected_value (self, &sel));
  self->syncing = syncing;
  gtk_widget_set_visible (GTK_WIDGET (self->selected_group), TRUE);
}

/* A press in the side panel, held while a slider is dragged or a spin button repeats, is
 * one edit: one entry to undo. */
static gboolean
sidebar_event_cb (GtkEventControllerLegacy *controller,
                  GdkEvent                 *event,
                  BpWindow                 *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  BpUndo *undo = bp_network_get_undo (self->network);

  (void) controller;
  if (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN)
    {
      end_press_group (self);
      bp_undo_begin_group (undo);
      self->press_group = TRUE;
    }
  else if (type == GDK_BUTTON_RELEASE || type == GDK_TOUCH_END || type == GDK_TOUCH_CANCEL ||
           type == GDK_GRAB_BROKEN)
    {
      end_press_group (self);
    }
  return GDK_EVENT_PROPAGATE;
}

/**
 * _bp_window_group_while_pressed:
 * @self: a window
 * @widget: a part of the window with controls that edit the network
 *
 * Makes every press in @widget, until its release, one entry to undo.
 */
void
_bp_window_group_while_pressed (BpWindow  *self,
                                GtkWidget *widget)
{
  GtkEventController *legacy = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect_object (legacy, "event", G_CALLBACK (sidebar_event_cb), self, 0);
  gtk_widget_add_controller (widget, legacy);
}

void
_bp_window_class_add_arch_actions (GtkWidgetClass *widget_class)
{
  GtkWidgetClass *k = widget_class;

  /* The menu shows the last key bound to an action: Ctrl+Y first, Ctrl+Shift+Z shown. */
  _bp_window_add_action_with_keys (k, "win.undo", undo_action, GDK_KEY_z, GDK_CONTROL_MASK);
  gtk_widget_class_install_action (k, "win.redo", NULL, redo_action);
  gtk_widget_class_add_binding_action (k, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (k, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (k, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  /* Ctrl+plus and Ctrl+minus zoom; Insert and Delete edit the selected hidden layer. */
  _bp_window_add_action_with_keys (k, "win.add-neuron", add_neuron_action, GDK_KEY_Insert, 0);
  _bp_window_add_action_with_keys (k, "win.remove-neuron", remove_neuron_action,
                                   GDK_KEY_Delete, 0);
  _bp_window_add_action_with_keys (k, "win.add-layer", add_layer_action, GDK_KEY_Insert,
                                   GDK_SHIFT_MASK);
  _bp_window_add_action_with_keys (k, "win.remove-layer", remove_layer_action,
                                   GDK_KEY_Delete, GDK_SHIFT_MASK);
}

static void
window_active_cb (BpWindow *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    end_press_group (self);
}

static void
network_values_cb (BpWindow *self)
{
  _bp_window_sync_selected_value (self);
}

/**
 * _bp_window_arch_init:
 * @self: a window that shows its network
 *
 * The editor follows the network, its undo stack and the selection from here on.
 */
void
_bp_window_arch_init (BpWindow *self)
{
  BpUndo *undo = bp_network_get_undo (self->network);

  g_signal_connect_object (undo, "notify::can-undo", G_CALLBACK (sync_undo_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (undo, "notify::can-redo", G_CALLBACK (sync_undo_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->network, "notify::activations",
                           G_CALLBACK (_bp_window_sync_layers), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->network, "backward", G_CALLBACK (network_values_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (_bp_window_sync_selected_value), self,
                           G_CONNECT_SWAPPED);
  _bp_window_group_while_pressed (self, self->controls_sidebar);
  /* A release the window never sees (it lost the pointer to another one) ends it too. */
  g_signal_connect_object (self, "notify::is-active", G_CALLBACK (window_active_cb), self,
                           G_CONNECT_SWAPPED);
  sync_undo_actions (self);
  _bp_window_sync_layers (self);
  _bp_window_sync_selected_value (self);
}

void
_bp_window_arch_dispose (BpWindow *self)
{
  if (self->network != NULL)
    end_press_group (self);
  self->selected_row = NULL;
  g_clear_pointer (&self->layer_rows, g_ptr_array_unref);
}
