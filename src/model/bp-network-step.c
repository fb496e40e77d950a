/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-step.c: BpNetwork's training: steps, batches of steps and resets. */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

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
  g_autoptr(GError) local_error = NULL;
  BpSnapshot before;
  guint done;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_steps == 0)
    return TRUE;
  if (_bp_network_in_dataset_mode (self))
    return _bp_network_dataset_steps (self, n_steps, error);
  _bp_network_snapshot_take (self, &before);
  for (done = 0; done < n_steps; done++)
    {
      bp_health_take_gradient (self->health, self->net, TRUE);
      if (!bp_net_step (self->net, &local_error))
        break;
      bp_health_commit_step (self->health, self->extras.step + done + 1);
      bp_history_append (self->history, self->extras.step + done + 1, self->net->loss);
    }

  /* The engine recomputed values and gradients after each step it applied. */
  self->extras.step += done;
  bp_health_measure (self->health, self->net, self->extras.step, NULL);
  return _bp_network_finish_steps (self, &before, done, g_steal_pointer (&local_error),
                                   error);
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
  _bp_network_recompute (self);
  _bp_network_finish_change (self, &before, TRUE);
  _bp_undo_commit (self->undo, g_steal_pointer (&undo_state));
}
