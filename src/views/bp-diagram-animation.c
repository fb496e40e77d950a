/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-animation.c: the diagram follows its network. It keeps two copies of the net,
 * before and after a step, and plays the step between them on the frame clock: the update,
 * the forward pulse and the gradient wave. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-private.h"

#include <adwaita.h>

/* How long each phase of a step's animation lasts at speed 1. */
static const double phase_seconds[] = {
  [BP_PHASE_IDLE] = 0.0,
  [BP_PHASE_UPDATE] = 0.30,
  [BP_PHASE_FORWARD] = 0.45,
  [BP_PHASE_BACKWARD] = 0.45,
};

/* Where the animation stands @t seconds (at speed 1) after it began; FALSE once over. */
static gboolean
advance (BpDiagram *self,
         double     t)
{
  for (BpPhase phase = BP_PHASE_UPDATE; phase <= BP_PHASE_BACKWARD; phase++)
    {
      if (t < phase_seconds[phase])
        {
          self->phase = phase;
          self->progress = t / phase_seconds[phase];
          return TRUE;
        }
      t -= phase_seconds[phase];
    }
  return FALSE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  BpDiagram *self = BP_DIAGRAM (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  (void) user_data;
  if (self->start_time < 0)
    self->start_time = now;
  if (!advance (self, (now - self->start_time) / (double) G_USEC_PER_SEC * self->speed))
    {
      self->tick_id = 0;
      self->phase = BP_PHASE_IDLE;
      self->progress = 0.0;
    }
  gtk_widget_queue_draw (widget);
  return self->tick_id != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
start_animation (BpDiagram *self)
{
  self->phase = BP_PHASE_UPDATE;
  self->progress = 0.0;
  self->start_time = -1;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

/* Keeps the two copies in the model's shape; a new shape starts from fresh copies. */
static void
ensure_copies (BpDiagram   *self,
               const BpNet *net)
{
  if (self->after != NULL && bp_net_same_shape (self->after, net))
    return;
  g_clear_pointer (&self->before, bp_net_free);
  g_clear_pointer (&self->after, bp_net_free);
  self->before = bp_net_copy (net);
  self->after = bp_net_copy (net);
}

/* Whether the system allows travelling animation: libadwaita's switch (which follows
 * gtk-enable-animations) and, where GTK has it, the reduced-motion preference. */
static gboolean
motion_allowed (BpDiagram *self)
{
  if (!adw_get_enable_animations (GTK_WIDGET (self)))
    return FALSE;
#if GTK_CHECK_VERSION (4, 22, 0)
  {
    GtkReducedMotion reduced = GTK_REDUCED_MOTION_NO_PREFERENCE;

    g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                  "gtk-interface-reduced-motion", &reduced, NULL);
    if (reduced == GTK_REDUCED_MOTION_REDUCE)
      return FALSE;
  }
#endif
  return TRUE;
}

/* A new shape: the selection model forgets what is gone, the copies start afresh. */
void
bp_diagram_network_structure_changed (BpDiagram *self)
{
  bp_diagram_finish_animation (self);
  self->animate_next = FALSE;
  ensure_copies (self, bp_network_get_net (self->network));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
network_updated_cb (BpDiagram *self)
{
  self->saw_update = TRUE;
}

/* Every change ends with "backward": the moment the new state is complete. */
void
bp_diagram_network_backward (BpDiagram *self)
{
  const BpNet *net = bp_network_get_net (self->network);
  gboolean animate = self->animate_next && self->saw_update && motion_allowed (self);

  self->animate_next = self->saw_update = FALSE;
  bp_diagram_finish_animation (self);
  ensure_copies (self, net);
  if (animate)
    bp_net_copy_values (self->before, self->after);
  bp_net_copy_values (self->after, net);
  if (animate)
    start_animation (self);
  bp_diagram_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The handlers move with the network property: one set of the group's target. */
void
bp_diagram_connect_network (BpDiagram *self)
{
  self->network_signals = g_signal_group_new (BP_TYPE_NETWORK);
  g_signal_group_connect_object (self->network_signals, "structure-changed",
                                 G_CALLBACK (bp_diagram_network_structure_changed), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->network_signals, "updated",
                                 G_CALLBACK (network_updated_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->network_signals, "backward",
                                 G_CALLBACK (bp_diagram_network_backward), self,
                                 G_CONNECT_SWAPPED);
}

/**
 * bp_diagram_animate_next_step:
 * @self: a diagram
 *
 * Asks the diagram to animate the next step of its network (update, forward pulse,
 * gradient wave) instead of showing its result at once. Call it just before
 * bp_network_step (). Without animations (reduced motion) it does nothing.
 */
void
bp_diagram_animate_next_step (BpDiagram *self)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));

  self->animate_next = TRUE;
  self->saw_update = FALSE;
}

/**
 * bp_diagram_finish_animation:
 * @self: a diagram
 *
 * Jumps to the end of a running animation.
 */
void
bp_diagram_finish_animation (BpDiagram *self)
{
  g_return_if_fail (BP_IS_DIAGRAM (self));

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  if (self->phase == BP_PHASE_IDLE)
    return;
  self->phase = BP_PHASE_IDLE;
  self->progress = 0.0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
bp_diagram_is_animating (BpDiagram *self)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), FALSE);

  return self->phase != BP_PHASE_IDLE;
}

/**
 * bp_diagram_get_phase:
 * @self: a diagram
 * @progress: (out) (optional): where the phase stands, 0 … 1
 *
 * Returns: the phase of the running animation, or %BP_PHASE_IDLE
 */
BpPhase
bp_diagram_get_phase (BpDiagram *self,
                      double    *progress)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), BP_PHASE_IDLE);

  if (progress != NULL)
    *progress = self->progress;
  return self->phase;
}
