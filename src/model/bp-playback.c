/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-playback.c: BpPlayback, the moment of a step that every view shows.
 *
 * A step computes everything at once; the playback shows it as it happens. It keeps two
 * copies of the network, before and after the step, and a moment (BpMoment): the update,
 * then the forward pass layer by layer, the loss, then the backward pass layer by layer.
 * Each number on screen is taken from the copy the moment says: a layer's values are new
 * once the forward pass has reached it, the loss once the pulse reached the loss, a
 * layer's gradients once the wave has crossed it. The diagram, the Math panel, the
 * sparkline and the readouts all ask the playback, so they show the same moment.
 *
 * Like BpTrainer it has no clock: whoever shows it hands it the time of each frame
 * (bp-playback-walk.c, with walking through a step sub-step by sub-step).
 *
 * In dataset mode both copies show a mini-batch (bp_net_show_batch ()): before, the batch
 * the step applies; after, the next one. So the update moves every parameter by the mean
 * gradient the colours showed, the forward and backward passes play the next batch's first
 * example (its input appears once the update is done), and the connections turn to the next
 * batch's mean gradient as the backward wave crosses them, the rule of example mode. That
 * rule is kept rather than showing every batch gradient at the end of the backward phase:
 * each example's backward pass reaches a layer at the same point, so the mean over the batch
 * of that layer's δ·a is known there, and the colours keep following the wave in both modes.
 */
#define G_LOG_DOMAIN "bp-playback"

#include "config.h"

#include "bp-playback-private.h"


G_DEFINE_FINAL_TYPE (BpPlayback, bp_playback, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_PHASE,
  PROP_SPEED,
  PROP_MOTION,
  PROP_ANIMATING,
  PROP_HOLDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MOVED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

double
_bp_playback_sub_step_seconds (BpPlayback *self,
                               guint       index)
{
  guint passes = bp_moment_count (self->moment.n_layers) - 1;
  double seconds = index == 0 ? BP_PLAYBACK_UPDATE_SECONDS
                              : (BP_PLAYBACK_STEP_SECONDS - BP_PLAYBACK_UPDATE_SECONDS) / passes;

  return seconds / self->speed;
}

void
_bp_playback_set_flags (BpPlayback *self,
                        gboolean    animating,
                        gboolean    holding)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->animating != animating)
    {
      self->animating = animating;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANIMATING]);
    }
  if (self->holding != holding)
    {
      self->holding = holding;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLDING]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Moves to @moment and tells the views: "moved" always, "changed" when other numbers are
 * shown or another sub-step begins. */
void
_bp_playback_move_to (BpPlayback     *self,
                      const BpMoment *moment,
                      gboolean        changed)
{
  BpPhase old_phase = self->moment.phase;
  guint old_done = bp_moment_done (&self->moment);
  guint old_index = bp_moment_index (&self->moment);

  self->moment = *moment;
  if (old_phase != moment->phase)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
  if (changed || old_done != bp_moment_done (moment) || old_index != bp_moment_index (moment))
    g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[MOVED], 0);
}

/* Starts sub-step @index from its beginning, or shows its end at once without motion.
 * @changed: whether the copies changed too */
void
_bp_playback_start_sub_step (BpPlayback *self,
                             guint       index,
                             gboolean    changed)
{
  BpMoment m = bp_moment_at (self->moment.n_layers, index, 0.0);

  if (!self->motion)
    {
      if (self->walking)
        {
          m.progress = 1.0;
          _bp_playback_set_flags (self, FALSE, TRUE);
        }
      else
        {
          m = bp_moment_idle (self->moment.n_layers);
          self->walking = FALSE;
          _bp_playback_set_flags (self, FALSE, FALSE);
        }
      _bp_playback_move_to (self, &m, changed);
      return;
    }
  self->start_time = -1;
  self->start_progress = 0.0;
  _bp_playback_set_flags (self, TRUE, FALSE);
  _bp_playback_move_to (self, &m, changed);
}

/* Keeps the copies in the network's shape; a new shape starts from fresh copies and
 * nothing to show. */
static void
ensure_copies (BpPlayback  *self,
               const BpNet *net)
{
  if (self->after != NULL && bp_net_same_shape (self->after, net))
    return;
  g_clear_pointer (&self->before, bp_net_free);
  g_clear_pointer (&self->after, bp_net_free);
  self->before = bp_net_copy (net);
  self->after = bp_net_copy (net);
  self->has_step = FALSE;
}

static void
network_updated_cb (BpPlayback *self)
{
  self->saw_update = TRUE;
}

/* Every change of the network ends with "backward": a single step asked for is shown from
 * its beginning, anything else at once. */
static void
network_backward_cb (BpPlayback *self)
{
  const BpNet *net = bp_network_get_net (self->network);
  guint64 step = bp_network_get_step_count (self->network);
  gboolean one_step = self->saw_update && self->after != NULL
                      && bp_net_same_shape (self->after, net) && step == self->after_step + 1;
  gboolean show = self->show_next && one_step;
  BpMoment idle;

  self->walking = show && self->hold_next;
  self->show_next = self->hold_next = self->saw_update = FALSE;
  ensure_copies (self, net);
  bp_net_copy_values (self->before, self->after);
  bp_net_copy_values (self->after, net);
  self->before_step = self->after_step;
  self->after_step = step;
  self->has_step = one_step;
  if (show)
    {
      self->moment.n_layers = net->n_layers;
      _bp_playback_start_sub_step (self, 0, TRUE);
      return;
    }
  idle = bp_moment_idle (net->n_layers);
  self->walking = FALSE;
  _bp_playback_set_flags (self, FALSE, FALSE);
  _bp_playback_move_to (self, &idle, TRUE);
}

static void
bp_playback_dispose (GObject *object)
{
  BpPlayback *self = BP_PLAYBACK (object);

  g_clear_object (&self->network);
  G_OBJECT_CLASS (bp_playback_parent_class)->dispose (object);
}

static void
bp_playback_finalize (GObject *object)
{
  BpPlayback *self = BP_PLAYBACK (object);

  g_clear_pointer (&self->before, bp_net_free);
  g_clear_pointer (&self->after, bp_net_free);
  G_OBJECT_CLASS (bp_playback_parent_class)->finalize (object);
}

static void
bp_playback_constructed (GObject *object)
{
  BpPlayback *self = BP_PLAYBACK (object);
  const BpNet *net;

  G_OBJECT_CLASS (bp_playback_parent_class)->constructed (object);
  g_assert (self->network != NULL);
  net = bp_network_get_net (self->network);
  ensure_copies (self, net);
  self->after_step = self->before_step = bp_network_get_step_count (self->network);
  self->moment = bp_moment_idle (net->n_layers);
  g_signal_connect_object (self->network, "updated", G_CALLBACK (network_updated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->network, "backward", G_CALLBACK (network_backward_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
bp_playback_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BpPlayback *self = BP_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_PHASE:
      g_value_set_enum (value, self->moment.phase);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_MOTION:
      g_value_set_boolean (value, self->motion);
      break;
    case PROP_ANIMATING:
      g_value_set_boolean (value, self->animating);
      break;
    case PROP_HOLDING:
      g_value_set_boolean (value, self->holding);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_playback_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BpPlayback *self = BP_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      self->network = g_value_dup_object (value);
      break;
    case PROP_SPEED:
      bp_playback_set_speed (self, g_value_get_double (value));
      break;
    case PROP_MOTION:
      bp_playback_set_motion (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_playback_class_init (BpPlaybackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = bp_playback_constructed;
  object_class->dispose = bp_playback_dispose;
  object_class->finalize = bp_playback_finalize;
  object_class->get_property = bp_playback_get_property;
  object_class->set_property = bp_playback_set_property;

  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, BP_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, BP_TYPE_PHASE, BP_PHASE_IDLE, ro);
  properties[PROP_SPEED] = g_param_spec_double ("speed", NULL, NULL, 0.25, 4.0, 1.0, rw);
  properties[PROP_MOTION] = g_param_spec_boolean ("motion", NULL, NULL, TRUE, rw);
  properties[PROP_ANIMATING] = g_param_spec_boolean ("animating", NULL, NULL, FALSE, ro);
  properties[PROP_HOLDING] = g_param_spec_boolean ("holding", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BpPlayback::moved:
   * @self: the playback
   *
   * Emitted whenever the moment changed, on every frame of a step shown: views that draw
   * it redraw. It follows "changed" when both fire.
   */
  signals[MOVED] = g_signal_new ("moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * BpPlayback::changed:
   * @self: the playback
   *
   * Emitted when the numbers shown changed: a sub-step completed, a step began, the
   * network changed. Views that write numbers update here.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bp_playback_init (BpPlayback *self)
{
  self->speed = 1.0;
  self->motion = TRUE;
  self->start_time = -1;
}

/**
 * bp_playback_new:
 * @network: the network to show
 *
 * Returns: (transfer full): a playback of @network, idle
 */
BpPlayback *
bp_playback_new (BpNetwork *network)
{
  g_return_val_if_fail (BP_IS_NETWORK (network), NULL);
  return g_object_new (BP_TYPE_PLAYBACK, "network", network, NULL);
}

/**
 * bp_playback_get_network:
 * @self: a playback
 *
 * Returns: (transfer none): the network it shows
 */
BpNetwork *
bp_playback_get_network (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), NULL);
  return self->network;
}

/**
 * bp_playback_get_moment:
 * @self: a playback
 *
 * Returns: (transfer none): the moment shown
 */
const BpMoment *
bp_playback_get_moment (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), NULL);
  return &self->moment;
}

BpPhase
bp_playback_get_phase (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), BP_PHASE_IDLE);
  return self->moment.phase;
}

/* Whether the moment moves with the frame clock: bp_playback_advance () is wanted. */
gboolean
bp_playback_get_animating (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), FALSE);
  return self->animating;
}

/* Whether a walk through a step stopped at the end of a sub-step. */
gboolean
bp_playback_get_holding (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), FALSE);
  return self->holding;
}

/* Whether a step is being shown, moving or held. */
gboolean
bp_playback_get_busy (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), FALSE);
  return self->moment.phase != BP_PHASE_IDLE;
}

double
bp_playback_get_speed (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), 1.0);
  return self->speed;
}

/**
 * bp_playback_set_speed:
 * @self: a playback
 * @speed: how many times faster than normal steps are shown, 0.25 … 4
 */
void
bp_playback_set_speed (BpPlayback *self,
                       double      speed)
{
  g_return_if_fail (BP_IS_PLAYBACK (self));

  speed = CLAMP (speed, 0.25, 4.0);
  if (self->speed == speed)
    return;
  /* The sub-step shown keeps its progress. */
  self->start_time = -1;
  self->start_progress = self->moment.progress;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

gboolean
bp_playback_get_motion (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), TRUE);
  return self->motion;
}

/**
 * bp_playback_set_motion:
 * @self: a playback
 * @motion: whether steps travel on screen; without (reduced motion), a step shown jumps to
 *   its end, and a walk through it to the end of each sub-step
 */
void
bp_playback_set_motion (BpPlayback *self,
                        gboolean    motion)
{
  g_return_if_fail (BP_IS_PLAYBACK (self));

  motion = !!motion;
  if (self->motion == motion)
    return;
  self->motion = motion;
  if (!motion && self->animating)
    {
      if (self->walking)
        {
          BpMoment m = self->moment;

          m.progress = 1.0;
          _bp_playback_set_flags (self, FALSE, TRUE);
          _bp_playback_move_to (self, &m, FALSE);
        }
      else
        bp_playback_finish (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOTION]);
}

/**
 * bp_playback_get_step_duration:
 * @self: a playback
 *
 * Returns: how many seconds a step takes to show at the speed set
 */
double
bp_playback_get_step_duration (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), 0.0);
  return BP_PLAYBACK_STEP_SECONDS / self->speed;
}

/**
 * bp_playback_get_before:
 * @self: a playback
 *
 * Returns: (transfer none): the network before the step shown; the same numbers as
 *   bp_playback_get_after () when no step is shown
 */
const BpNet *
bp_playback_get_before (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), NULL);
  return bp_playback_get_busy (self) ? self->before : self->after;
}

/**
 * bp_playback_get_after:
 * @self: a playback
 *
 * Returns: (transfer none): the network as it was at its last change
 */
const BpNet *
bp_playback_get_after (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), NULL);
  return self->after;
}

static const BpNet *
pick (BpPlayback *self,
      gboolean    new)
{
  return new || !bp_playback_get_busy (self) ? self->after : self->before;
}

/* The copy whose z and a layer @layer shows. */
const BpNet *
bp_playback_values_net (BpPlayback *self,
                        guint       layer)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), NULL);
  return pick (self, bp_moment_new_values (&self->moment, layer));
}

/* The copy whose loss (and target) is shown. */
const BpNet *
bp_playback_loss_net (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), NULL);
  return pick (self, bp_moment_new_loss (&self->moment));
}

/* The copy whose gradients weight layer @weight_layer shows: its ∂L/∂w, ∂L/∂b, and the
 * whole chain rule that makes them. */
const BpNet *
bp_playback_gradients_net (BpPlayback *self,
                           guint       weight_layer)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), NULL);
  return pick (self, bp_moment_new_gradients (&self->moment, weight_layer));
}

/* The copy whose δ (∂L/∂x for the inputs) layer @layer shows. */
const BpNet *
bp_playback_deltas_net (BpPlayback *self,
                        guint       layer)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), NULL);
  return pick (self, bp_moment_new_deltas (&self->moment, layer));
}

/* The step count shown: the new one from the update on. */
guint64
bp_playback_get_shown_step (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), 0);
  if (!bp_playback_get_busy (self) || bp_moment_new_weights (&self->moment))
    return self->after_step;
  return self->before_step;
}

/* The step of the last loss shown, on the loss chart too: the new one once the forward
 * pulse reached the loss. */
guint64
bp_playback_get_loss_step (BpPlayback *self)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), 0);
  if (!bp_playback_get_busy (self) || bp_moment_new_loss (&self->moment))
    return self->after_step;
  return self->before_step;
}
