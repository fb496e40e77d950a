/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-step.c: BpNetwork's training: steps, batches of steps and resets. */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

#include <math.h>

/* Ends @done steps, in example or dataset mode, once the step count counts them:
 * divergence, the signals (only if a step was applied) and the notifications. Takes
 * @local_error, the error that stopped the steps, if one did, and passes it on. */
gboolean
_bp_network_finish_steps (BpNetwork        *self,
                          const BpSnapshot *before,
                          guint             done,
                          GError           *local_error,
                          GError          **error)
{
  self->diverged = local_error != NULL || !_bp_network_state_finite (self);
  if (done > 0)
    _bp_network_emit_signals (self, before, TRUE);
  _bp_network_notify_changes (self, before);
  if (done > 0)
    _bp_network_emit_timeline_changed (self);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * bp_network_step:
 * @self: a network
 * @error: return location for an error
 *
 * One SGD step with the gradients the model holds; values and gradients are then those
 * of the new parameters. Emits "updated", "forward", "backward", then notifies
 * "step-count" and "loss". If the step would make the loss or a parameter non-finite, it
 * is not applied: no signal is emitted, "diverged" becomes %TRUE and @error says why.
 *
 * Returns: %TRUE if the step was applied
 */
gboolean
bp_network_step (BpNetwork  *self,
                 GError    **error)
{
  return bp_network_step_n (self, 1, error);
}

/**
 * bp_network_step_n:
 * @self: a network
 * @n_steps: how many steps
 * @error: return location for an error
 *
 * Runs up to @n_steps SGD steps and stops at the first that would diverge. A view wants
 * one redraw, not @n_steps: if any step was applied, "updated", "forward", "backward" are
 * emitted once, after the batch, then "step-count" and "loss" are notified once. When a
 * step diverged, the steps before it are kept (and announced as above), "diverged" becomes
 * %TRUE and @error is set. With @n_steps = 0 nothing happens.
 *
 * In dataset mode (bp_network_get_mode()) each step is a mini-batch step on the training
 * points, in the order the dataset's seed gives for each epoch; afterwards "epoch" and the
 * train and test losses and accuracies are measured once and notified when they changed, and
 * the loss chart records the train loss.
 *
 * Returns: %TRUE if all @n_steps steps were applied
 */
gboolean
bp_network_step_n (BpNetwork  *self,
                   guint       n_steps,
                   GError    **error)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_steps == 0)
    return TRUE;
  return _bp_network_run_steps (self, n_steps, FALSE, error);
}

/* One step from step count @step, of the mode the network is in, applied to @net: the
 * network's own net, or a copy of it that a replay of the timeline runs. With @loss, puts
 * there the chart's loss after the step; with @health, records there the gradient the step
 * applied. In example mode @net must hold the gradients of its parameters (the engine
 * recomputes them after each step). */
gboolean
_bp_network_step_net (BpNetwork  *self,
                      BpNet      *net,
                      guint64     step,
                      double     *loss,
                      BpHealth   *health,
                      GError    **error)
{
  gboolean dataset = _bp_network_in_dataset_mode (self);

  if (health != NULL && !dataset)
    bp_health_take_gradient (health, net, TRUE);
  if (dataset ? !_bp_network_dataset_step (self, net, step, loss, error)
              : !bp_net_step (net, error))
    return FALSE;
  if (loss != NULL && !dataset)
    *loss = net->loss;
  if (health == NULL)
    return TRUE;
  /* In dataset mode the net's batch gradient is the one the step applied, its penalty's
   * included. */
  if (dataset)
    bp_health_take_gradient (health, net, FALSE);
  bp_health_commit_step (health, step + 1);
  return TRUE;
}

/* Runs up to @n_steps steps, as bp_network_step_n() documents them, and records them in the
 * timeline. With @replay (the timeline replaying the branches of a file) the loss history
 * and the gradient health are left alone. */
gboolean
_bp_network_run_steps (BpNetwork  *self,
                       guint       n_steps,
                       gboolean    replay,
                       GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean dataset = _bp_network_in_dataset_mode (self);
  BpSnapshot before;
  guint done, epoch_steps;

  _bp_network_snapshot_take (self, &before);
  epoch_steps = _bp_network_prepare_steps (self);
  _bp_network_timeline_begin (self);
  for (done = 0; done < n_steps; done++)
    {
      guint64 step = self->extras.step + done;
      double loss = NAN;
      /* In dataset mode the train loss costs a pass over the training set, many steps'
       * worth: live steps leave it to the measure after the run, as the loss chart does; a
       * replay measures it once an epoch. */
      gboolean measured = !dataset || (replay && (step + 1) % epoch_steps == 0);

      if (!_bp_network_step_net (self, self->net, step, measured ? &loss : NULL,
                                 replay ? NULL : self->health, &local_error))
        break;
      if (!replay && !dataset)
        bp_history_append (self->history, step + 1, self->net->loss);
      _bp_network_timeline_record (self, loss);
    }

  /* The engine recomputed values and gradients after each step of example mode. */
  self->extras.step += done;
  if (dataset)
    _bp_network_recompute (self);
  else
    bp_health_measure (self->health, self->net, self->extras.step, NULL);
  _bp_network_timeline_end (self, done);
  if (replay)
    {
      self->diverged = local_error != NULL || !_bp_network_state_finite (self);
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return _bp_network_finish_steps (self, &before, done, g_steal_pointer (&local_error), error);
}

/**
 * bp_network_reset:
 * @self: a network
 * @seed: the seed of the new initial weights
 *
 * Initialises the weights anew from @seed (biases 0), sets the step count to 0 and
 * remembers @seed. Input, target, activations and η stay. Emits "updated", "forward",
 * "backward". A reset is an edit: bp_undo_undo() brings the weights and steps back.
 */
void
bp_network_reset (BpNetwork *self,
                  guint32    seed)
{
  g_autoptr(BpUndoState) undo_state = NULL;
  BpSnapshot before;

  g_return_if_fail (BP_IS_NETWORK (self));

  undo_state = _bp_undo_capture (self->undo);
  _bp_network_snapshot_take (self, &before);
  bp_net_init_seeded (self->net, seed);
  self->extras.has_seed = TRUE;
  self->extras.seed = seed;
  self->extras.step = 0;
  bp_history_mark_reset (self->history);
  self->timeline_stale = TRUE;
  _bp_network_recompute (self);
  _bp_network_finish_change (self, &before, TRUE);
  _bp_undo_commit (self->undo, g_steal_pointer (&undo_state));
}
