/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-trainer.c: BpTrainer, the play loop over a BpNetwork and the watch for a loss that runs
 * away.
 *
 * The trainer has no clock of its own: whoever shows it (the window's tick callback) hands it
 * the time of each frame, and it runs the steps the play rate owes since the last one. So a
 * test drives it with made-up frame times, and a hidden window runs no steps at all.
 */
#define G_LOG_DOMAIN "bp-trainer"

#include "config.h"

#include "bp-trainer.h"

#include <math.h>

struct _BpTrainer
{
  GObject parent_instance;

  BpPlayback *playback;       /* shows the steps */
  BpNetwork *network;
  gboolean playing;
  double rate;               /* steps per second while playing */
  BpTrainerTrouble trouble;

  gint64 last_time;          /* the frame time of the last advance while playing, or 0 */
  double debt;               /* steps owed to the play rate since the last frame */
  double step_us;            /* at the fastest rate: the time a step took of late, µs */
  double speed;              /* steps per second measured while playing, or 0 */
  gint64 speed_since;        /* the frame time the measure began at */
  guint64 speed_steps;       /* the steps run since then */

  guint64 seen_step;         /* the step count when the loss was last looked at */
  double best_loss;          /* the lowest loss of the steps since the last baseline */
  gboolean runaway;          /* the steps since then made the loss run away */
};

G_DEFINE_FINAL_TYPE (BpTrainer, bp_trainer, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BpTrainerTrouble, bp_trainer_trouble,
  G_DEFINE_ENUM_VALUE (BP_TRAINER_TROUBLE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (BP_TRAINER_TROUBLE_DIVERGED, "diverged"),
  G_DEFINE_ENUM_VALUE (BP_TRAINER_TROUBLE_RUNAWAY, "runaway"))

enum {
  PROP_0,
  PROP_PLAYBACK,
  PROP_PLAYING,
  PROP_RATE,
  PROP_TROUBLE,
  PROP_SPEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The loss of the network as it is now is the one later steps are judged against. */
static void
start_loss_baseline (BpTrainer *self)
{
  self->seen_step = bp_network_get_step_count (self->network);
  self->best_loss = bp_network_get_loss (self->network);
  self->runaway = FALSE;
}

/* Whether the loss has run away: far above its lowest since the steps began. The engine
 * refuses only steps that overflow; a loss a thousand times its best is the same trouble,
 * seen before the numbers become infinite. Only steps can overshoot: any other change (an
 * input, a target, a function, a reset) may raise the loss and starts a new baseline. */
static void
track_loss (BpTrainer *self)
{
  const BpHistory *history = bp_network_get_history (self->network);
  guint64 step = bp_network_get_step_count (self->network);
  double loss = bp_network_get_loss (self->network);

  if (step <= self->seen_step)
    {
      start_loss_baseline (self);
      return;
    }
  /* The losses of the steps in between, as the history has them. */
  for (guint k = bp_history_get_length (history); k > 0; k--)
    {
      const BpHistoryPoint *point = bp_history_get (history, k - 1);

      if (point->step <= self->seen_step)
        break;
      self->best_loss = MIN (self->best_loss, point->loss);
    }
  self->best_loss = MIN (self->best_loss, loss);
  self->seen_step = step;
  self->runaway = loss > 1.0 &&
                  loss > BP_TRAINER_RUNAWAY_FACTOR * MAX (self->best_loss, 1e-3);
}

/* Works out the trouble, and stops playing while there is any. */
static void
update_trouble (BpTrainer *self)
{
  BpTrainerTrouble trouble = BP_TRAINER_TROUBLE_NONE;

  if (bp_network_get_diverged (self->network))
    trouble = BP_TRAINER_TROUBLE_DIVERGED;
  else if (self->runaway)
    trouble = BP_TRAINER_TROUBLE_RUNAWAY;
  if (trouble != BP_TRAINER_TROUBLE_NONE)
    bp_trainer_set_playing (self, FALSE);
  if (trouble == self->trouble)
    return;
  self->trouble = trouble;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TROUBLE]);
}

/* Runs n steps; a single one may be shown as it happens (and walked through when @hold),
 * the others show their result. Stops playing when they cannot all run. */
static gboolean
run_steps (BpTrainer *self,
           guint      n_steps,
           gboolean   animated,
           gboolean   hold)
{
  g_autoptr(GError) error = NULL;

  if (animated && n_steps == 1)
    bp_playback_show_next_step (self->playback, hold);
  if (n_steps == 1 ? bp_network_step (self->network, &error)
                   : bp_network_step_n (self->network, n_steps, &error))
    return TRUE;
  g_debug ("%s", error->message);
  update_trouble (self);
  bp_trainer_set_playing (self, FALSE);
  return FALSE;
}

static void
network_backward_cb (BpTrainer *self)
{
  track_loss (self);
  update_trouble (self);
}

static void
bp_trainer_dispose (GObject *object)
{
  BpTrainer *self = BP_TRAINER (object);

  g_clear_object (&self->network);
  g_clear_object (&self->playback);
  G_OBJECT_CLASS (bp_trainer_parent_class)->dispose (object);
}

static void
bp_trainer_constructed (GObject *object)
{
  BpTrainer *self = BP_TRAINER (object);

  G_OBJECT_CLASS (bp_trainer_parent_class)->constructed (object);
  g_assert (self->playback != NULL);
  self->network = g_object_ref (bp_playback_get_network (self->playback));
  g_signal_connect_object (self->network, "backward", G_CALLBACK (network_backward_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->network, "notify::diverged", G_CALLBACK (update_trouble),
                           self, G_CONNECT_SWAPPED);
  bp_trainer_restart (self);
}

static void
bp_trainer_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BpTrainer *self = BP_TRAINER (object);

  switch (prop_id)
    {
    case PROP_PLAYBACK:
      g_value_set_object (value, self->playback);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PROP_TROUBLE:
      g_value_set_enum (value, self->trouble);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_trainer_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BpTrainer *self = BP_TRAINER (object);

  switch (prop_id)
    {
    case PROP_PLAYBACK:
      self->playback = g_value_dup_object (value);
      break;
    case PROP_PLAYING:
      bp_trainer_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_RATE:
      bp_trainer_set_rate (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_trainer_class_init (BpTrainerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = bp_trainer_constructed;
  object_class->dispose = bp_trainer_dispose;
  object_class->get_property = bp_trainer_get_property;
  object_class->set_property = bp_trainer_set_property;

  properties[PROP_PLAYBACK] =
    g_param_spec_object ("playback", NULL, NULL, BP_TYPE_PLAYBACK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE, flags);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL, BP_TRAINER_MIN_RATE, BP_TRAINER_FASTEST, 10.0,
                         flags);
  /* Steps per second measured while playing, over the last half second or so; 0 paused. */
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TROUBLE] =
    g_param_spec_enum ("trouble", NULL, NULL, BP_TYPE_TRAINER_TROUBLE,
                       BP_TRAINER_TROUBLE_NONE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

}

static void
bp_trainer_init (BpTrainer *self)
{
  self->rate = 10.0;
}

/**
 * bp_trainer_new:
 * @playback: the playback that shows the network to train
 *
 * Returns: (transfer full): a trainer of @playback's network, paused
 */
BpTrainer *
bp_trainer_new (BpPlayback *playback)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (playback), NULL);
  return g_object_new (BP_TYPE_TRAINER, "playback", playback, NULL);
}

/**
 * bp_trainer_get_network:
 * @self: a trainer
 *
 * Returns: (transfer none): the network it trains
 */
BpNetwork *
bp_trainer_get_network (BpTrainer *self)
{
  g_return_val_if_fail (BP_IS_TRAINER (self), NULL);
  return self->network;
}

/**
 * bp_trainer_get_playback:
 * @self: a trainer
 *
 * Returns: (transfer none): the playback that shows its steps
 */
BpPlayback *
bp_trainer_get_playback (BpTrainer *self)
{
  g_return_val_if_fail (BP_IS_TRAINER (self), NULL);
  return self->playback;
}

gboolean
bp_trainer_get_playing (BpTrainer *self)
{
  g_return_val_if_fail (BP_IS_TRAINER (self), FALSE);
  return self->playing;
}

/**
 * bp_trainer_set_playing:
 * @self: a trainer
 * @playing: whether to train continuously
 *
 * Starts or stops play. Starting runs one step at the next bp_trainer_advance(), then the
 * steps the rate owes; a walk through a step ends first.
 */
void
bp_trainer_set_playing (BpTrainer *self,
                        gboolean   playing)
{
  g_return_if_fail (BP_IS_TRAINER (self));

  playing = !!playing;
  if (self->playing == playing)
    return;
  self->playing = playing;
  self->last_time = 0;
  self->speed_since = 0;
  self->speed_steps = 0;
  if (!playing && self->speed != 0.0)
    {
      self->speed = 0.0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
    }
  if (playing && bp_playback_get_holding (self->playback))
    bp_playback_finish (self->playback);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

double
bp_trainer_get_rate (BpTrainer *self)
{
  g_return_val_if_fail (BP_IS_TRAINER (self), 0.0);
  return self->rate;
}

/**
 * bp_trainer_set_rate:
 * @self: a trainer
 * @rate: steps per second while playing, from %BP_TRAINER_MIN_RATE to %BP_TRAINER_MAX_RATE,
 *   or %BP_TRAINER_FASTEST: as many as fit in each frame
 */
void
bp_trainer_set_rate (BpTrainer *self,
                     double     rate)
{
  g_return_if_fail (BP_IS_TRAINER (self));

  if (rate != BP_TRAINER_FASTEST)
    rate = CLAMP (rate, BP_TRAINER_MIN_RATE, BP_TRAINER_MAX_RATE);
  if (self->rate == rate)
    return;
  self->rate = rate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

/**
 * bp_trainer_get_animated:
 * @self: a trainer
 *
 * Whether Play shows each step as it happens: while the time a step has at the play rate
 * is at least the time it takes to show. Faster, each step shows its result.
 *
 * Returns: whether steps of Play are animated
 */
gboolean
bp_trainer_get_animated (BpTrainer *self)
{
  g_return_val_if_fail (BP_IS_TRAINER (self), FALSE);
  return bp_playback_get_motion (self->playback)
         && 1.0 / self->rate >= bp_playback_get_step_duration (self->playback);
}

/**
 * bp_trainer_get_speed:
 * @self: a trainer
 *
 * Returns: the steps per second Play ran of late (measured each half second), or 0 when
 *   paused or not yet measured
 */
double
bp_trainer_get_speed (BpTrainer *self)
{
  g_return_val_if_fail (BP_IS_TRAINER (self), 0.0);
  return self->speed;
}

/**
 * bp_trainer_get_trouble:
 * @self: a trainer
 *
 * Returns: why training stopped by itself, or %BP_TRAINER_TROUBLE_NONE
 */
BpTrainerTrouble
bp_trainer_get_trouble (BpTrainer *self)
{
  g_return_val_if_fail (BP_IS_TRAINER (self), BP_TRAINER_TROUBLE_NONE);
  return self->trouble;
}

/**
 * bp_trainer_step:
 * @self: a trainer
 * @n_steps: how many steps
 *
 * Runs @n_steps steps now, playing or not; a single step is shown as it happens. When a
 * step diverges, "trouble" says so and play stops.
 *
 * Returns: %TRUE if all the steps were applied
 */
gboolean
bp_trainer_step (BpTrainer *self,
                 guint      n_steps)
{
  g_return_val_if_fail (BP_IS_TRAINER (self), FALSE);
  return run_steps (self, n_steps, n_steps == 1, FALSE);
}

/* Every half second of play, the steps per second since the last measure. */
static void
measure_speed (BpTrainer *self,
               gint64     frame_time_us)
{
  gint64 elapsed = frame_time_us - self->speed_since;

  if (self->speed_since == 0)
    {
      self->speed_since = frame_time_us;
      self->speed_steps = 0;
      return;
    }
  if (elapsed < G_USEC_PER_SEC / 2)
    return;
  self->speed = self->speed_steps * 1e6 / elapsed;
  self->speed_since = frame_time_us;
  self->speed_steps = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

/* At the fastest rate a frame runs the steps that fit in BP_TRAINER_FRAME_BUDGET_US, as
 * one run: the views and the network's signals then cost once a frame, not once a step. How
 * many fit follows from how long the last runs took per step. */
static void
run_fastest (BpTrainer *self)
{
  gint64 start = g_get_monotonic_time ();
  guint n;

  if (self->step_us <= 0.0)
    self->step_us = 100.0;
  n = (guint) CLAMP (BP_TRAINER_FRAME_BUDGET_US / self->step_us, 1.0, 1e6);
  if (!run_steps (self, n, FALSE, FALSE))
    return;
  self->speed_steps += n;
  /* A moving average, so that one slow frame (the machine was busy) does not halve the
   * next one's steps. */
  self->step_us = 0.7 * self->step_us
                  + 0.3 * MAX ((double) (g_get_monotonic_time () - start) / n, 0.01);
}

/**
 * bp_trainer_advance:
 * @self: a trainer
 * @frame_time_us: the time of the frame about to be drawn, in microseconds, such as
 *   gdk_frame_clock_get_frame_time() gives
 *
 * While playing, runs the steps the rate owes since the last frame; the first frame after
 * play starts runs one. After a long pause between frames, at most a tenth of a second's
 * worth of steps (and one more) run, never thousands. At an animated rate (see
 * bp_trainer_get_animated ()) a step waits while the last one is still shown, so steps come
 * at the play rate or at the pace of the animation, whichever is slower. At
 * %BP_TRAINER_FASTEST, the frame runs as many steps as fit in a few milliseconds. Does
 * nothing while paused.
 */
void
bp_trainer_advance (BpTrainer *self,
                    gint64     frame_time_us)
{
  gboolean animated;
  guint n;

  g_return_if_fail (BP_IS_TRAINER (self));

  if (!self->playing)
    return;
  measure_speed (self, frame_time_us);
  if (self->rate == BP_TRAINER_FASTEST)
    {
      run_fastest (self);
      return;
    }
  animated = bp_trainer_get_animated (self);
  if (self->last_time == 0)
    {
      self->last_time = frame_time_us;
      self->debt = 1.0;
    }
  self->debt += (frame_time_us - self->last_time) / 1e6 * self->rate;
  self->debt = MIN (self->debt, self->rate / 10.0 + 1.0);
  self->last_time = frame_time_us;
  if (animated && bp_playback_get_busy (self->playback))
    {
      self->debt = MIN (self->debt, 1.0);
      return;
    }
  n = (guint) self->debt;
  if (n == 0)
    return;
  self->debt -= n;
  self->speed_steps += n;
  run_steps (self, n, animated && n == 1, FALSE);
}

/**
 * bp_trainer_next_phase:
 * @self: a trainer
 *
 * Walks one sub-step on through a step (see bp_playback_next ()): when no step is shown,
 * pauses play and runs one, stopping at the end of its update.
 *
 * Returns: %TRUE unless a step was needed and could not run
 */
gboolean
bp_trainer_next_phase (BpTrainer *self)
{
  g_return_val_if_fail (BP_IS_TRAINER (self), FALSE);

  bp_trainer_set_playing (self, FALSE);
  if (bp_playback_next (self->playback))
    return TRUE;
  return run_steps (self, 1, TRUE, TRUE);
}

/**
 * bp_trainer_previous_phase:
 * @self: a trainer
 *
 * Pauses play and walks back one sub-step of the last step (see bp_playback_previous ()).
 *
 * Returns: %TRUE if it moved
 */
gboolean
bp_trainer_previous_phase (BpTrainer *self)
{
  g_return_val_if_fail (BP_IS_TRAINER (self), FALSE);

  bp_trainer_set_playing (self, FALSE);
  return bp_playback_previous (self->playback);
}

/**
 * bp_trainer_restart:
 * @self: a trainer
 *
 * Judges later steps against the network as it is now, as after a file was loaded into it,
 * and works out the trouble anew.
 */
void
bp_trainer_restart (BpTrainer *self)
{
  g_return_if_fail (BP_IS_TRAINER (self));

  start_loss_baseline (self);
  update_trouble (self);
}
