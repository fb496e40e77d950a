/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-timeline.c: BpNetwork's timeline: recording the steps as they run, starting
 * branches, and seeking to a past step by replaying from a checkpoint.
 *
 * Whether a step continues the current branch is found by comparison, not by bookkeeping:
 * the timeline keeps the packed state at its cursor, and a step taken when the network differs
 * from it (an edit of η, a weight, a bias, the input or the target, made directly or by an undo
 * or a redo) or when the cursor is not at the branch's tip starts a branch, whose edits are
 * the values that differ. What the timeline cannot replay (another shape, activation, loss,
 * regularisation, mode, dataset, features or batch size, a reset, a load, a step count that
 * is not the cursor's) starts a fresh timeline at the next sync.
 *
 * A seek replays with _bp_network_step_net(), the function every live step runs, on the
 * network's own net: from the nearest checkpoint at or before the step, or from the network
 * itself when it shows an unedited state of the same branch before that step (so stepping the
 * cursor forward by one costs one step). The replay also records the gradient health of the
 * steps the health record lacks up to the step: a seek beyond it starts from a checkpoint up
 * to BP_HEALTH_STEPS earlier.
 */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

enum {
  PLAN_APPEND,     /* the steps continue the current branch */
  PLAN_FORK,       /* the first step starts a branch from the cursor */
  PLAN_REWRITE,    /* the first step starts from an edited origin, before any step */
};

static gboolean
same_structure (BpNetwork *self)
{
  const BpTimeline *tl = self->timeline;
  const BpNet *net = self->net;
  gboolean dataset = _bp_network_in_dataset_mode (self);

  if (!bp_net_same_shape (tl->shape, net)
      || memcmp (tl->shape->activations, net->activations,
                 net->n_layers * sizeof (BpActivation)) != 0
      || tl->shape->loss_kind != net->loss_kind
      || tl->shape->regularization != net->regularization
      || tl->shape->regularization_rate != net->regularization_rate
      || tl->with_sample == dataset)
    return FALSE;
  return !dataset || (tl->features == bp_network_get_features (self)
                      && tl->batch_size == bp_network_get_batch_size (self));
}

/* Starts a fresh timeline whose origin is the network as it is. */
void
_bp_network_timeline_restart (BpNetwork *self)
{
  gboolean dataset = _bp_network_in_dataset_mode (self);
  BpTimeline *tl;

  g_clear_pointer (&self->timeline, _bp_timeline_free);
  tl = self->timeline = _bp_timeline_new (self, self->net, !dataset, self->extras.step,
                                          _bp_network_chart_loss (self));
  tl->mode = dataset ? BP_FILE_MODE_DATASET : BP_FILE_MODE_EXAMPLE;
  tl->features = bp_network_get_features (self);
  tl->batch_size = bp_network_get_batch_size (self);
  self->timeline_stale = FALSE;
}

/* Puts on @net, a net of the timeline's shape, the state at @step of the steps of @owner:
 * its checkpoint at or before @from, then the steps from there. With @health, records there
 * the gradient of the steps from @from on. */
static gboolean
replay_on (BpNetwork                  *self,
           const BpTimelineBranchData *owner,
           guint64                     from,
           guint64                     step,
           BpNet                      *net,
           BpHealth                   *health,
           GError                    **error)
{
  const BpTimelineCheckpoint *checkpoint = _bp_timeline_checkpoint (owner, MIN (from, step));

  g_assert (checkpoint != NULL);
  _bp_network_prepare_steps (self);
  _bp_timeline_unpack (self->timeline, checkpoint->values, net);
  bp_net_set_learning_rate (net, owner->pub.learning_rate, NULL);
  bp_net_show_sample (net);
  bp_net_forward (net);
  bp_net_backward (net);
  for (guint64 t = checkpoint->step; t < step; t++)
    if (!_bp_network_step_net (self, net, t, NULL, t >= from ? health : NULL, error))
      return FALSE;
  return TRUE;
}

/* A network brought to another step by an undo or a redo is placed at that step of the current
 * branch when the branch has it: its state there is what later steps compare with. */
static gboolean
place_at_step (BpNetwork *self)
{
  BpTimeline *tl = self->timeline;
  guint64 step = self->extras.step;
  g_autoptr(BpNet) net = NULL;

  if (step < bp_timeline_get_first_step (tl, tl->current)
      || step > bp_timeline_get_last_step (tl, tl->current))
    return FALSE;
  net = bp_net_copy (self->net);
  if (!replay_on (self, _bp_timeline_owner (tl, tl->current, step), step, step, net, NULL,
                  NULL))
    return FALSE;
  _bp_timeline_set_cursor (tl, tl->current, step, net);
  return TRUE;
}

/* Makes the timeline one that replays to the network: the same, placed at another step, or
 * a fresh one. Returns whether it changed. */
static gboolean
ensure_timeline (BpNetwork *self)
{
  if (self->timeline != NULL && !self->timeline_stale && same_structure (self))
    {
      if (self->extras.step == self->timeline->cursor)
        return FALSE;
      if (place_at_step (self))
        return TRUE;
    }
  _bp_network_timeline_restart (self);
  return TRUE;
}

/* Starts a fresh timeline when the network can no longer be replayed by the current one;
 * called at the end of every edit. Edits of values wait for the next step. */
void
_bp_network_timeline_sync (BpNetwork *self)
{
  if (ensure_timeline (self))
    _bp_network_emit_timeline_changed (self);
}

/* Decides what the steps about to run do to the timeline. */
void
_bp_network_timeline_begin (BpNetwork *self)
{
  BpTimeline *tl;
  BpTimelineBranchData *owner;
  const BpTimelineBranchData *current;
  gboolean same;

  ensure_timeline (self);
  tl = self->timeline;
  g_clear_pointer (&self->timeline_fork, g_free);
  self->timeline_fork = g_new (double, tl->n_values);
  self->timeline_fork_loss = _bp_network_chart_loss (self);
  _bp_timeline_pack (tl, self->net, self->timeline_fork);
  owner = _bp_timeline_owner (tl, tl->current, tl->cursor);
  current = _bp_timeline_find (tl, tl->current);
  g_assert (owner != NULL && current != NULL);
  same = _bp_timeline_same_values (tl, self->timeline_fork, tl->cursor_values)
         && owner->pub.learning_rate == self->net->learning_rate;
  if (same && bp_timeline_at_tip (tl))
    self->timeline_plan = PLAN_APPEND;
  else if (current->pub.n_steps == 0 && current->pub.parent == BP_TIMELINE_NO_BRANCH
           && tl->branches->len == 1)
    self->timeline_plan = PLAN_REWRITE;
  else
    self->timeline_plan = PLAN_FORK;
  /* The branch that holds the cursor's state is a new branch's parent. */
  self->timeline_parent = owner->pub.id;
}

/* Records a step just applied, whose chart loss is @loss. */
void
_bp_network_timeline_record (BpNetwork *self,
                             double     loss)
{
  BpTimeline *tl = self->timeline;

  if (self->timeline_plan == PLAN_FORK)
    {
      tl->current = self->timeline_parent;
      _bp_timeline_fork (tl, tl->current, tl->cursor, self->timeline_fork,
                         self->net->learning_rate, self->timeline_fork_loss);
    }
  else if (self->timeline_plan == PLAN_REWRITE)
    _bp_timeline_rewrite_origin (tl, self->timeline_fork, self->net->learning_rate,
                                 self->timeline_fork_loss);
  self->timeline_plan = PLAN_APPEND;
  _bp_timeline_append (tl, self->net, loss);
}

/* Ends the steps: the cursor keeps the state of the network at the tip. */
void
_bp_network_timeline_end (BpNetwork *self,
                          guint      done)
{
  BpTimeline *tl = self->timeline;

  g_clear_pointer (&self->timeline_fork, g_free);
  if (done == 0)
    return;
  _bp_timeline_set_cursor (tl, tl->current, tl->cursor, self->net);
  /* The loss measured after the steps, as the chart has it (dataset mode). */
  _bp_timeline_set_loss (tl, tl->current, tl->cursor, _bp_network_chart_loss (self));
}

/* Rebuilds the loss history for @step of @branch: the points of the branch shown before are
 * kept up to @keep, the last step both share; the timeline's losses follow. */
static void
rebuild_history (BpNetwork *self,
                 guint64    keep,
                 guint      branch,
                 guint64    step)
{
  BpTimeline *tl = self->timeline;
  gboolean dataset = _bp_network_in_dataset_mode (self);
  guint n = bp_history_get_length (self->history);
  guint64 from = bp_timeline_get_first_step (tl, branch);

  bp_history_copy_until (self->history, self->history, keep);
  n = bp_history_get_length (self->history);
  if (n == 0)
    bp_history_mark_reset (self->history);
  else
    from = MAX (from, bp_history_get (self->history, n - 1)->step + 1);
  if (!dataset && step - from >= BP_HISTORY_CAPACITY)
    from = step - BP_HISTORY_CAPACITY + 1;
  for (guint64 t = from; t <= step; t++)
    {
      double loss = _bp_timeline_loss_at (tl, branch, t);
      guint64 epoch;
      guint batch;

      if (!isfinite (loss))
        continue;
      if (!dataset)
        {
          bp_history_append (self->history, t, loss);
          continue;
        }
      bp_dataset_step_position (self->dataset->n_train, bp_network_get_batch_size (self), t,
                                &epoch, &batch);
      bp_history_append_dataset (self->history, t, epoch, loss, NAN, NAN, NAN);
    }
}

/* Puts the state at @step of @branch, whose steps are @owner's, in the network's net: from
 * the network itself when it shows an unedited state of the same steps, at or before
 * @health_from, else from a checkpoint at or before it. Records in the gradient health the
 * steps from @health_from on. */
static gboolean
replay (BpNetwork            *self,
        BpTimelineBranchData *owner,
        guint64               health_from,
        guint64               step,
        GError              **error)
{
  BpTimeline *tl = self->timeline;
  g_autofree double *values = g_new (double, tl->n_values);
  BpTimelineBranchData *at_cursor = _bp_timeline_owner (tl, tl->current, tl->cursor);

  _bp_timeline_pack (tl, self->net, values);
  if (at_cursor != owner || tl->cursor > health_from
      || tl->cursor < _bp_timeline_checkpoint (owner, step)->step
      || !_bp_timeline_same_values (tl, values, tl->cursor_values)
      || self->net->learning_rate != owner->pub.learning_rate)
    return replay_on (self, owner, health_from, step, self->net, self->health, error);
  _bp_network_prepare_steps (self);
  for (guint64 t = tl->cursor; t < step; t++)
    if (!_bp_network_step_net (self, self->net, t, NULL, self->health, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_step (BpTimeline *tl,
            guint       branch,
            guint64     step,
            GError    **error)
{
  guint64 first, last;

  if (_bp_timeline_find (tl, branch) == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: %u is the number of a branch of the training timeline */
                   _("The timeline has no branch %u"), branch);
      return FALSE;
    }
  first = bp_timeline_get_first_step (tl, branch);
  last = bp_timeline_get_last_step (tl, branch);
  if (step >= first && step <= last)
    return TRUE;
  g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
               /* Translators: the three numbers are step counts of training */
               _("Step %" PRIu64 " is not kept: this branch of the timeline holds steps %"
                 PRIu64 " to %" PRIu64),
               step, first, last);
  return FALSE;
}

/* The first step of @owner's whose gradient a seek to @step records anew. The record, cut
 * to the steps the seek keeps, goes on from its last step while it reaches back to within a
 * quarter of the strip of where the strip would begin (BP_HEALTH_STEPS before @step, or the
 * first checkpoint of @owner's after that); else it starts afresh from the checkpoint at or
 * before that point, so going back one step at a time replays the strip's steps once every
 * quarter of it. */
static guint64
health_replay_from (BpNetwork                  *self,
                    const BpTimelineBranchData *owner,
                    guint64                     step)
{
  guint64 wanted = step > BP_HEALTH_STEPS ? step - BP_HEALTH_STEPS : 0;
  const BpTimelineCheckpoint *checkpoint = _bp_timeline_checkpoint (owner, wanted);
  guint64 first, last = bp_health_get_last_step (self->health);

  if (checkpoint == NULL)
    checkpoint = &g_array_index (owner->checkpoints, BpTimelineCheckpoint, 0);
  if (bp_health_get_step (self->health, 0, &first) && last >= checkpoint->step
      && first <= MAX (wanted, checkpoint->step) + 1 + BP_HEALTH_STEPS / 4)
    return last;
  bp_health_clear (self->health);
  return checkpoint->step;
}

/* bp_network_seek() without its signals. */
gboolean
_bp_network_seek_quietly (BpNetwork  *self,
                          guint       branch,
                          guint64     step,
                          GError    **error)
{
  BpTimeline *tl = self->timeline;
  BpTimelineBranchData *owner;
  guint64 keep, health_from;

  if (!check_step (tl, branch, step, error))
    return FALSE;
  owner = _bp_timeline_owner (tl, branch, step);
  keep = MIN (_bp_timeline_common_step (tl, tl->current, branch), MIN (tl->cursor, step));
  /* The gradient health keeps the steps the branch shown shares with the one left (seeking
   * back along a branch keeps every step up to the one shown), and the replay records the
   * strip's steps up to the one shown; the recompute measures the badges at the step. */
  bp_health_measure (self->health, self->net,
                     MIN (keep, bp_health_get_last_step (self->health)), NULL);
  health_from = health_replay_from (self, owner, step);
  if (!replay (self, owner, health_from, step, error))
    return FALSE;
  self->extras.step = step;
  _bp_network_recompute (self);
  _bp_timeline_set_cursor (tl, branch, step, self->net);
  /* A step visited is measured, in dataset mode too. */
  _bp_timeline_set_loss (tl, branch, step, _bp_network_chart_loss (self));
  rebuild_history (self, keep, branch, step);
  return TRUE;
}

/**
 * bp_network_get_timeline:
 * @self: a network
 *
 * The steps the network took, as branches that bp_network_seek() brings back; see
 * #BpTimeline. "timeline-changed" tells when it changes.
 *
 * Returns: (transfer none): the timeline, valid until the next "timeline-changed"
 */
BpTimeline *
bp_network_get_timeline (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), NULL);
  return self->timeline;
}

/**
 * bp_network_seek:
 * @self: a network
 * @branch: the id of a branch of bp_network_get_timeline()
 * @step: a step of it, from bp_timeline_get_first_step() to bp_timeline_get_last_step()
 * @error: return location for an error
 *
 * Shows the network as it was at @step of @branch: its parameters (bit for bit, replayed
 * from the nearest checkpoint by the code of a real step), η, input and target, step count
 * and epoch; the losses and accuracies measured anew; the loss history up to that step. Not
 * an edit: nothing goes on the undo stack. A step from there starts a branch. Emits
 * "updated", "forward", "backward", the notifications of what changed, then
 * "timeline-changed". Fails, changing nothing, for a branch or a step the timeline does not
 * hold (dropped by its bounds).
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_seek (BpNetwork  *self,
                 guint       branch,
                 guint64     step,
                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  BpSnapshot before;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _bp_network_timeline_sync (self);
  if (!check_step (self->timeline, branch, step, error))
    return FALSE;
  _bp_network_snapshot_take (self, &before);
  if (!_bp_network_seek_quietly (self, branch, step, &local_error))
    {
      /* A replay repeats steps that were applied before; it does not fail. */
      g_critical ("Replaying the timeline failed: %s", local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _bp_network_finish_change (self, &before, TRUE);
  _bp_network_emit_timeline_changed (self);
  return TRUE;
}
