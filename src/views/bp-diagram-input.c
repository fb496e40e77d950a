/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-input.c: the diagram's pointer and keys. Hovering and clicking go to the
 * selection model, so every view that follows it sees them; dragging an input or a target
 * sets it in the network. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-private.h"
#include "bp-reshape.h"

#include <math.h>

/* A drag this long (times the zoom) sweeps an input or a target across its whole range. */
#define DRAG_FULL_RANGE_PX 240.0

static gboolean
hit_test (BpDiagram   *self,
          double       x,
          double       y,
          BpSelection *hit)
{
  BpDiagramFrame frame;

  bp_diagram_fill_frame (self, &frame);
  return bp_diagram_frame_hit (gtk_widget_get_width (GTK_WIDGET (self)),
                               gtk_widget_get_height (GTK_WIDGET (self)), &frame, x, y, hit);
}

/* The − or + under a point, if it can do its edit. */
static BpDiagramControl
control_at (BpDiagram *self,
            double     x,
            double     y,
            guint     *layer)
{
  BpDiagramFrame frame;
  guint unused;

  bp_diagram_fill_frame (self, &frame);
  return bp_diagram_frame_control_at (gtk_widget_get_width (GTK_WIDGET (self)),
                                      gtk_widget_get_height (GTK_WIDGET (self)), &frame, x, y,
                                      layer != NULL ? layer : &unused);
}

/* A click on a − or +: a neuron less or more at the end of its hidden layer, or a hidden
 * layer below the output, as wide as the layer before it. */
static gboolean
click_control (BpDiagram *self,
               double     x,
               double     y)
{
  const BpNet *net = bp_diagram_net (self);
  guint layer;
  BpDiagramControl control = control_at (self, x, y, &layer);

  if (self->network == NULL)
    return FALSE;
  switch (control)
    {
    case BP_DIAGRAM_CONTROL_REMOVE_NEURON:
      bp_network_remove_neuron (self->network, layer, net->sizes[layer] - 1, NULL);
      return TRUE;
    case BP_DIAGRAM_CONTROL_ADD_NEURON:
      bp_network_add_neuron (self->network, layer, net->sizes[layer], NULL);
      return TRUE;
    case BP_DIAGRAM_CONTROL_ADD_LAYER:
      bp_network_add_layer (self->network, layer,
                            MIN (net->sizes[layer - 1], (guint) BP_MAX_HIDDEN_WIDTH), NULL);
      return TRUE;
    case BP_DIAGRAM_CONTROL_NONE:
    default:
      return FALSE;
    }
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           BpDiagram                *self)
{
  BpSelection hit;
  const char *cursor = NULL;

  (void) controller;
  if (bp_diagram_net (self) == NULL)
    return;
  hit_test (self, x, y, &hit);
  if (self->dragging)
    hit = self->drag_item;
  if (!self->dragging && control_at (self, x, y, NULL) != BP_DIAGRAM_CONTROL_NONE)
    cursor = "pointer";
  else if (hit.kind == BP_SELECTION_NODE
      && (hit.layer == 0 || hit.layer == bp_diagram_net (self)->n_layers + 1))
    cursor = "ns-resize";
  else if (hit.kind != BP_SELECTION_NONE)
    cursor = "pointer";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
  bp_selection_model_set_hovered (self->selection_model, &hit);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          BpDiagram                *self)
{
  (void) controller;
  if (self->dragging)
    return;
  bp_selection_model_set_hovered (self->selection_model, NULL);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  BpDiagram       *self)
{
  (void) gesture, (void) n_press, (void) x, (void) y;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   BpDiagram       *self)
{
  BpSelection hit;

  (void) gesture;
  /* The open card of an unfolded neuron covers what is under it; a double click on it
   * folds it back. */
  if (bp_diagram_unfold_contains (self, x, y))
    {
      if (n_press == 2)
        bp_diagram_set_unfolded (self, NULL);
      return;
    }
  if (bp_diagram_net (self) == NULL || click_control (self, x, y))
    return;
  hit_test (self, x, y, &hit);
  /* A target has numbers to hover over but nothing to select. */
  if (hit.kind != BP_SELECTION_NONE && !bp_selection_selectable_in (bp_diagram_net (self), &hit))
    return;
  bp_diagram_set_selection (self, &hit);
  /* A double click on a neuron unfolds it, or folds it back (bp-diagram-unfold.c). */
  if (n_press == 2 && hit.kind == BP_SELECTION_NODE)
    bp_diagram_toggle_unfold (self);
}

/* What dragging can set: inputs −2 … 2, a target within the output activation's range. */
static gboolean
drag_range (BpDiagram         *self,
            const BpSelection *item,
            double            *value,
            double            *low,
            double            *high)
{
  const BpNet *net = bp_diagram_net (self);

  if (item->kind != BP_SELECTION_NODE)
    return FALSE;
  *low = -2.0;
  *high = 2.0;
  if (item->layer == 0)
    {
      *value = net->a[0][item->to];
      return TRUE;
    }
  if (item->layer != net->n_layers + 1)
    return FALSE;
  *value = net->target[item->to];
  if (net->activations[net->n_layers - 1] == BP_ACTIVATION_SIGMOID)
    *low = 0.0, *high = 1.0;
  else if (net->activations[net->n_layers - 1] == BP_ACTIVATION_TANH)
    *low = -1.0, *high = 1.0;
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               BpDiagram      *self)
{
  BpSelection hit;

  if (bp_diagram_net (self) == NULL || bp_diagram_unfold_contains (self, x, y)
      || !hit_test (self, x, y, &hit)
      || !drag_range (self, &hit, &self->drag_start_value, &self->drag_low, &self->drag_high))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->dragging = TRUE;
  self->drag_moved = FALSE;
  self->drag_item = hit;
  /* One drag, however many values it passes through, is one edit to undo. */
  if (self->network != NULL && self->drag_undo == NULL)
    {
      self->drag_undo = g_object_ref (bp_network_get_undo (self->network));
      bp_undo_begin_group (self->drag_undo);
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                BpDiagram      *self)
{
  double span, value;

  (void) dx;
  if (!self->dragging || self->network == NULL)
    return;
  if (!self->drag_moved && fabs (dy) < 3.0)
    return;
  if (!self->drag_moved)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_moved = TRUE;
  span = self->drag_high - self->drag_low;
  value = self->drag_start_value - dy * span / (DRAG_FULL_RANGE_PX * self->zoom);
  /* Hundredths: the numbers a student reads and types stay short. */
  value = CLAMP (round (value * 100.0) / 100.0, self->drag_low, self->drag_high);
  if (self->drag_item.layer == 0)
    bp_network_set_input (self->network, self->drag_item.to, value);
  else
    bp_network_set_target (self->network, self->drag_item.to, value, NULL);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             BpDiagram      *self)
{
  (void) gesture, (void) dx, (void) dy;
  self->dragging = FALSE;
  bp_diagram_end_drag_group (self);
}

/* Closes the undo group a drag opened, if one is open. */
void
bp_diagram_end_drag_group (BpDiagram *self)
{
  if (self->drag_undo != NULL)
    bp_undo_end_group (self->drag_undo);
  g_clear_object (&self->drag_undo);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BpDiagram             *self)
{
  BpSelection selection;

  (void) controller, (void) keycode;
  /* Return unfolds the selected neuron or folds it back; Escape folds it first. */
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
      && (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0)
    return bp_diagram_toggle_unfold (self);
  if (keyval == GDK_KEY_Escape && bp_diagram_get_unfolded (self, NULL))
    {
      bp_diagram_set_unfolded (self, NULL);
      return TRUE;
    }
  bp_selection_model_get_selected (self->selection_model, &selection);
  if (bp_diagram_net (self) == NULL
      || !bp_diagram_selection_move (bp_diagram_net (self), &selection, keyval, state))
    return FALSE;
  bp_diagram_set_selection (self, &selection);
  return TRUE;
}

void
bp_diagram_add_controllers (BpDiagram *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, motion);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (widget, key);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
}
