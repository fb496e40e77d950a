/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-playback-walk.c: how BpPlayback moves through a step: on the frame clock
 * (bp_playback_advance ()), or walked through one sub-step at a time, forward and back, as
 * a teacher does with Page Down and Page Up. */
#define G_LOG_DOMAIN "bp-playback"

#include "config.h"

#include "bp-playback-private.h"

/**
 * bp_playback_show_next_step:
 * @self: a playback
 * @hold: whether to stop at the end of every sub-step (see bp_playback_next ())
 *
 * Asks to show the network's next change from its beginning, if it is a single step. Call
 * it right before the step; any other change uses the request up and is shown at once.
 */
void
bp_playback_show_next_step (BpPlayback *self,
                            gboolean    hold)
{
  g_return_if_fail (BP_IS_PLAYBACK (self));

  self->show_next = TRUE;
  self->hold_next = hold;
  self->saw_update = FALSE;
}

/**
 * bp_playback_advance:
 * @self: a playback
 * @frame_time_us: the time of the frame about to be drawn, in microseconds
 *
 * Moves a step shown to where it is at @frame_time_us. The first frame of a sub-step shows
 * its start. When a sub-step ends, the next begins, or a walk through the step stops.
 */
void
bp_playback_advance (BpPlayback *self,
                     gint64      frame_time_us)
{
  BpMoment m;
  double seconds;
  guint index, count;

  g_return_if_fail (BP_IS_PLAYBACK (self));

  if (!self->animating)
    return;
  if (self->start_time < 0)
    {
      self->start_time = frame_time_us;
      return;
    }
  m = self->moment;
  index = bp_moment_index (&m);
  count = bp_moment_count (m.n_layers);
  seconds = (frame_time_us - self->start_time) / (double) G_USEC_PER_SEC
            + self->start_progress * _bp_playback_sub_step_seconds (self, index);
  /* Sub-steps that ended since the last frame hand their time on to the next. */
  while (seconds >= _bp_playback_sub_step_seconds (self, index) && !self->walking
         && index + 1 < count)
    {
      seconds -= _bp_playback_sub_step_seconds (self, index);
      self->start_time += (gint64) ((1.0 - self->start_progress)
                                    * _bp_playback_sub_step_seconds (self, index)
                                    * G_USEC_PER_SEC);
      self->start_progress = 0.0;
      index++;
    }
  if (seconds >= _bp_playback_sub_step_seconds (self, index))
    {
      if (self->walking)
        {
          m = bp_moment_at (m.n_layers, index, 1.0);
          _bp_playback_set_flags (self, FALSE, TRUE);
        }
      else
        {
          m = bp_moment_idle (m.n_layers);
          _bp_playback_set_flags (self, FALSE, FALSE);
        }
      _bp_playback_move_to (self, &m, FALSE);
      return;
    }
  m = bp_moment_at (m.n_layers, index, seconds / _bp_playback_sub_step_seconds (self, index));
  _bp_playback_move_to (self, &m, FALSE);
}

/**
 * bp_playback_next:
 * @self: a playback
 *
 * Walks on through the step shown: a sub-step still moving jumps to its end, a walk held at
 * the end of one plays the next and stops at its end. After the last sub-step, the step
 * ends and there is nothing more to walk through.
 *
 * Returns: %TRUE if it moved; %FALSE when no step is shown (or it just ended), so the next
 *   step is the caller's to run
 */
gboolean
bp_playback_next (BpPlayback *self)
{
  BpMoment m;
  guint done;

  g_return_val_if_fail (BP_IS_PLAYBACK (self), FALSE);

  if (!bp_playback_get_busy (self))
    return FALSE;
  self->walking = TRUE;
  if (self->animating)
    {
      m = self->moment;
      m.progress = 1.0;
      _bp_playback_set_flags (self, FALSE, TRUE);
      _bp_playback_move_to (self, &m, FALSE);
      return TRUE;
    }
  done = bp_moment_done (&self->moment);
  if (done >= bp_moment_count (self->moment.n_layers))
    {
      bp_playback_finish (self);
      return FALSE;
    }
  _bp_playback_start_sub_step (self, done, FALSE);
  return TRUE;
}

/**
 * bp_playback_previous:
 * @self: a playback
 *
 * Walks back one sub-step: to the start of the one moving, or from the end of the one held
 * to the end of the one before. Idle after a step, it walks back into that step.
 *
 * Returns: %TRUE if it moved; %FALSE at the start of the step, or when the last change was
 *   not a step
 */
gboolean
bp_playback_previous (BpPlayback *self)
{
  guint done;
  BpMoment m;

  g_return_val_if_fail (BP_IS_PLAYBACK (self), FALSE);

  if (!self->has_step)
    return FALSE;
  done = bp_moment_done (&self->moment);
  if (!self->animating)
    {
      if (done == 0)
        return FALSE;
      done--;
    }
  m = done == 0 ? bp_moment_at (self->moment.n_layers, 0, 0.0)
                : bp_moment_at (self->moment.n_layers, done - 1, 1.0);
  self->walking = TRUE;
  _bp_playback_set_flags (self, FALSE, TRUE);
  _bp_playback_move_to (self, &m, FALSE);
  return TRUE;
}

/**
 * bp_playback_hold_at:
 * @self: a playback
 * @moment: a moment of the last step, of the network's shape
 *
 * Holds the last step at @moment, as a walk through it would stop there: for a picture
 * of that moment. An idle moment ends the step shown.
 *
 * Returns: %TRUE if it holds there; %FALSE when the last change was not a step
 */
gboolean
bp_playback_hold_at (BpPlayback     *self,
                     const BpMoment *moment)
{
  g_return_val_if_fail (BP_IS_PLAYBACK (self), FALSE);
  g_return_val_if_fail (moment != NULL, FALSE);

  if (!self->has_step || moment->n_layers != self->after->n_layers)
    return FALSE;
  if (moment->phase == BP_PHASE_IDLE)
    {
      bp_playback_finish (self);
      return TRUE;
    }
  self->walking = TRUE;
  _bp_playback_set_flags (self, FALSE, TRUE);
  _bp_playback_move_to (self, moment, FALSE);
  return TRUE;
}

/**
 * bp_playback_finish:
 * @self: a playback
 *
 * Jumps to the end of the step shown: everything shows the network as it is.
 */
void
bp_playback_finish (BpPlayback *self)
{
  BpMoment idle;

  g_return_if_fail (BP_IS_PLAYBACK (self));

  self->walking = FALSE;
  _bp_playback_set_flags (self, FALSE, FALSE);
  if (!bp_playback_get_busy (self))
    return;
  idle = bp_moment_idle (self->moment.n_layers);
  _bp_playback_move_to (self, &idle, FALSE);
}
