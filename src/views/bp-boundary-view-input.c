/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-boundary-view-input.c: drawing a dataset by hand on the boundary view. A left press
 * adds a point of the view's label where it is and a left drag paints one every
 * BP_BOUNDARY_PAINT_SPACING units travelled; a right press or drag, or a left one with
 * Ctrl, erases the points within BP_BOUNDARY_ERASE_RADIUS. A press … release is one undo
 * group. From the keyboard, the arrows move a crosshair (Shift: a whole unit), Enter or
 * space add a point there and Delete or BackSpace erase there.
 */
#define G_LOG_DOMAIN "bp-boundary-view"

#include "config.h"

#include "bp-boundary-view-private.h"

#include <math.h>

/* How far apart the eraser is applied along a drag, so that a fast drag leaves no gaps. */
#define ERASE_SPACING (BP_BOUNDARY_ERASE_RADIUS / 2)

static gboolean
can_draw (BpBoundaryView *self)
{
  return self->network != NULL && bp_network_get_mode (self->network) == BP_FILE_MODE_DATASET;
}

/* The label the points drawn get in the current dataset. */
static double
label_to_draw (BpBoundaryView *self)
{
  const BpDataset *dataset = bp_network_get_dataset (self->network);

  if (dataset->kind == BP_DATASET_CLASSIFICATION)
    return self->draw_label >= 0.5 ? 1.0 : 0.0;
  return self->draw_label;
}

static gboolean
in_plane (double x1,
          double x2)
{
  return fabs (x1) <= BP_DATASET_RANGE && fabs (x2) <= BP_DATASET_RANGE;
}

/* Adds a point; a refusal is reported once per stroke (and at every key press). */
static void
add_point (BpBoundaryView *self,
           double          x1,
           double          x2,
           gboolean       *reported)
{
  g_autoptr(GError) error = NULL;

  if (bp_network_add_point (self->network, x1, x2, label_to_draw (self), &error))
    return;
  if (reported != NULL && *reported)
    return;
  if (reported != NULL)
    *reported = TRUE;
  g_signal_emit (self, bp_boundary_view_signals[BP_BOUNDARY_VIEW_DRAW_FAILED], 0,
                 error->message);
}

static void
widget_to_plane (BpBoundaryView *self,
                 double          x,
                 double          y,
                 double         *x1,
                 double         *x2)
{
  BpHeatmapPlot plot;

  bp_boundary_view_plot (self, &plot);
  bp_heatmap_plot_to_plane (&plot, x, y, x1, x2);
}

/* ---------------------------------------------------------------------------------------
 * The pointer
 */

static void
begin_stroke (BpBoundaryView *self,
              double          x,
              double          y,
              gboolean        erase)
{
  double x1, x2;

  bp_boundary_view_end_stroke (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (!can_draw (self))
    return;
  widget_to_plane (self, x, y, &x1, &x2);
  self->stroke = TRUE;
  self->erasing = erase;
  self->stroke_x = x;
  self->stroke_y = y;
  self->last_in_plane = in_plane (x1, x2);
  self->last_x1 = x1;
  self->last_x2 = x2;
  self->stroke_reported = FALSE;
  bp_undo_begin_group (bp_network_get_undo (self->network));
  if (!self->last_in_plane)
    return;
  if (erase)
    bp_network_erase_points (self->network, x1, x2, BP_BOUNDARY_ERASE_RADIUS);
  else
    add_point (self, x1, x2, &self->stroke_reported);
}

/* Erases along the segment from the last place erased to (@x1, @x2). */
static void
erase_to (BpBoundaryView *self,
          double          x1,
          double          x2)
{
  double dx = x1 - self->last_x1, dx2 = x2 - self->last_x2;
  guint n = (guint) ceil (hypot (dx, dx2) / ERASE_SPACING);

  for (guint k = 1; k <= n; k++)
    bp_network_erase_points (self->network, self->last_x1 + dx * k / n,
                             self->last_x2 + dx2 * k / n, BP_BOUNDARY_ERASE_RADIUS);
  self->last_x1 = x1;
  self->last_x2 = x2;
}

/* Paints a point every BP_BOUNDARY_PAINT_SPACING units from the last one towards (@x1,
 * @x2); what is left of the way waits for the next motion. */
static void
paint_to (BpBoundaryView *self,
          double          x1,
          double          x2)
{
  double distance = hypot (x1 - self->last_x1, x2 - self->last_x2);

  while (distance >= BP_BOUNDARY_PAINT_SPACING)
    {
      double t = BP_BOUNDARY_PAINT_SPACING / distance;

      self->last_x1 += (x1 - self->last_x1) * t;
      self->last_x2 += (x2 - self->last_x2) * t;
      add_point (self, self->last_x1, self->last_x2, &self->stroke_reported);
      distance -= BP_BOUNDARY_PAINT_SPACING;
    }
}

static void
move_stroke (BpBoundaryView *self,
             double          x,
             double          y)
{
  double x1, x2;

  if (!self->stroke || !can_draw (self))
    return;
  widget_to_plane (self, x, y, &x1, &x2);
  if (!self->last_in_plane)
    {
      /* The stroke began outside the plane: it starts where it enters. */
      if (!in_plane (x1, x2))
        return;
      self->last_in_plane = TRUE;
      self->last_x1 = x1;
      self->last_x2 = x2;
      if (self->erasing)
        bp_network_erase_points (self->network, x1, x2, BP_BOUNDARY_ERASE_RADIUS);
      else
        add_point (self, x1, x2, &self->stroke_reported);
      return;
    }
  /* Beyond the edge, the stroke follows the edge. */
  x1 = CLAMP (x1, -BP_DATASET_RANGE, BP_DATASET_RANGE);
  x2 = CLAMP (x2, -BP_DATASET_RANGE, BP_DATASET_RANGE);
  if (self->erasing)
    erase_to (self, x1, x2);
  else
    paint_to (self, x1, x2);
}

/* Ends the press … release under way, closing its undo group. */
void
bp_boundary_view_end_stroke (BpBoundaryView *self)
{
  if (!self->stroke)
    return;
  self->stroke = FALSE;
  if (self->network != NULL)
    bp_undo_end_group (bp_network_get_undo (self->network));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               BpBoundaryView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean erase = button == GDK_BUTTON_SECONDARY
                   || (gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (gesture))
                       == GDK_BUTTON_SECONDARY)
                   || (state & GDK_CONTROL_MASK) != 0;

  begin_stroke (self, x, y, erase);
  if (self->stroke)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                BpBoundaryView *self)
{
  (void) gesture;
  move_stroke (self, self->stroke_x + dx, self->stroke_y + dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             BpBoundaryView *self)
{
  (void) gesture;
  move_stroke (self, self->stroke_x + dx, self->stroke_y + dy);
  bp_boundary_view_end_stroke (self);
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                BpBoundaryView   *self)
{
  (void) gesture;
  (void) sequence;
  bp_boundary_view_end_stroke (self);
}

/* ---------------------------------------------------------------------------------------
 * The keyboard
 */

static gboolean
move_cursor (BpBoundaryView  *self,
             guint            keyval,
             GdkModifierType  state)
{
  double step = state & GDK_SHIFT_MASK ? 1.0 : BP_BOUNDARY_KEY_STEP;
  double dx = 0.0, dy = 0.0;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -step;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = step;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = step;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = -step;
      break;
    default:
      return FALSE;
    }
  self->cursor_x1 = CLAMP (self->cursor_x1 + dx, -BP_DATASET_RANGE, BP_DATASET_RANGE);
  self->cursor_x2 = CLAMP (self->cursor_x2 + dy, -BP_DATASET_RANGE, BP_DATASET_RANGE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  bp_throttle_call (&self->describer);
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BpBoundaryView        *self)
{
  (void) controller;
  (void) keycode;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (move_cursor (self, keyval, state))
    return TRUE;
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (!can_draw (self))
        return FALSE;
      add_point (self, self->cursor_x1, self->cursor_x2, NULL);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      if (!can_draw (self))
        return FALSE;
      bp_network_erase_points (self->network, self->cursor_x1, self->cursor_x2,
                               BP_BOUNDARY_ERASE_RADIUS);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
focus_changed_cb (BpBoundaryView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  bp_throttle_call (&self->describer);
}

static GtkGesture *
add_drag (BpBoundaryView *self,
          guint           button)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), button);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (drag_update_cb), self, 0);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (drag_end_cb), self, 0);
  g_signal_connect_object (drag, "cancel", G_CALLBACK (drag_cancel_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  return drag;
}

void
bp_boundary_view_add_controllers (BpBoundaryView *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  add_drag (self, GDK_BUTTON_PRIMARY);
  add_drag (self, GDK_BUTTON_SECONDARY);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect_object (focus, "enter", G_CALLBACK (focus_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}
