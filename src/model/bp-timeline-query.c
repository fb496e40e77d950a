/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-timeline-query.c: what a view reads of a BpTimeline: its branches, their edits and
 * labels, the cursor, the steps kept and their losses, and the memory it holds. */
#define G_LOG_DOMAIN "bp-timeline"

#include "config.h"

#include "bp-timeline-private.h"

#include "bp-format.h"

#include <glib/gi18n.h>
#include <string.h>

/**
 * bp_timeline_get_n_branches:
 * @timeline: a timeline
 *
 * Returns: the number of branches, at least 1
 */
guint
bp_timeline_get_n_branches (const BpTimeline *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->branches->len;
}

/**
 * bp_timeline_get_branch:
 * @timeline: a timeline
 * @index: 0 … bp_timeline_get_n_branches() − 1; the oldest branch first
 *
 * Returns: (transfer none): the branch, valid until the timeline changes
 */
const BpTimelineBranch *
bp_timeline_get_branch (const BpTimeline *self,
                        guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->branches->len, NULL);
  return &((BpTimelineBranchData *) g_ptr_array_index (self->branches, index))->pub;
}

/**
 * bp_timeline_lookup_branch:
 * @timeline: a timeline
 * @branch: a branch's id
 *
 * Returns: (transfer none) (nullable): the branch, or %NULL when there is none of that id
 */
const BpTimelineBranch *
bp_timeline_lookup_branch (const BpTimeline *self,
                           guint             branch)
{
  BpTimelineBranchData *data;

  g_return_val_if_fail (self != NULL, NULL);
  data = _bp_timeline_find (self, branch);
  return data != NULL ? &data->pub : NULL;
}

/**
 * bp_timeline_get_edits:
 * @timeline: a timeline
 * @branch: a branch's id
 * @n_edits: (out): how many
 *
 * Returns: (transfer none) (array length=n_edits) (nullable): the values the branch's fork
 *   changed from its parent's state at that step
 */
const BpTimelineEdit *
bp_timeline_get_edits (const BpTimeline *self,
                       guint             branch,
                       guint            *n_edits)
{
  BpTimelineBranchData *data;

  g_return_val_if_fail (self != NULL && n_edits != NULL, NULL);
  data = _bp_timeline_find (self, branch);
  *n_edits = data != NULL ? data->pub.n_edits : 0;
  return data != NULL ? data->edits : NULL;
}

/**
 * bp_timeline_branch_label:
 * @timeline: a timeline
 * @branch: a branch's id
 *
 * A short name of the branch for people: its learning rate, and its edits if it has any,
 * such as "η = 0.5" or "η = 5, 2 edits".
 *
 * Returns: (transfer full) (nullable): the label, or %NULL when there is no such branch
 */
char *
bp_timeline_branch_label (const BpTimeline *self,
                          guint             branch)
{
  const BpTimelineBranchData *data;
  g_autofree char *rate = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  data = _bp_timeline_find (self, branch);
  if (data == NULL)
    return NULL;
  rate = bp_format_number (data->pub.learning_rate, BP_NUMBER_FORMULA);
  if (data->pub.n_edits == 0)
    /* Translators: a branch of the training timeline, named by its learning rate η; %s is
     * its value */
    return g_strdup_printf (_("η = %s"), rate);
  /* Translators: a branch of the training timeline: %s is its learning rate η, %u the
   * number of weights, biases, inputs or targets edited where it starts */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "η = %s, %u edit", "η = %s, %u edits",
                                       data->pub.n_edits),
                          rate, data->pub.n_edits);
}

/**
 * bp_timeline_get_current_branch:
 * @timeline: a timeline
 *
 * Returns: the id of the branch the network shows
 */
guint
bp_timeline_get_current_branch (const BpTimeline *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->current;
}

/**
 * bp_timeline_get_cursor:
 * @timeline: a timeline
 *
 * Returns: the step the network shows, of the current branch
 */
guint64
bp_timeline_get_cursor (const BpTimeline *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->cursor;
}

/**
 * bp_timeline_at_tip:
 * @timeline: a timeline
 *
 * Returns: whether the network shows the last step of the current branch, so that the next
 *   step (without an edit) continues it instead of starting a branch
 */
gboolean
bp_timeline_at_tip (const BpTimeline *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->cursor == bp_timeline_get_last_step (self, self->current);
}

/**
 * bp_timeline_get_first_step:
 * @timeline: a timeline
 * @branch: a branch's id
 *
 * Returns: the first step still kept on the way to @branch (through its ancestors)
 */
guint64
bp_timeline_get_first_step (const BpTimeline *self,
                            guint             branch)
{
  const BpTimelineBranchData *data;

  g_return_val_if_fail (self != NULL, 0);
  data = _bp_timeline_find (self, branch);
  while (data != NULL)
    {
      const BpTimelineBranchData *parent = _bp_timeline_find (self, data->pub.parent);

      if (parent == NULL || data->pub.first_step > data->pub.fork_step)
        return data->pub.first_step;
      data = parent;
    }
  return 0;
}

/**
 * bp_timeline_get_last_step:
 * @timeline: a timeline
 * @branch: a branch's id
 *
 * Returns: the step of the branch's tip, its last step
 */
guint64
bp_timeline_get_last_step (const BpTimeline *self,
                           guint             branch)
{
  const BpTimelineBranchData *data;

  g_return_val_if_fail (self != NULL, 0);
  data = _bp_timeline_find (self, branch);
  return data != NULL ? data->pub.fork_step + data->pub.n_steps : 0;
}

/**
 * bp_timeline_get_losses:
 * @timeline: a timeline
 * @branch: a branch's id
 * @from: the first step wanted
 * @to: the last step wanted
 * @losses: (out caller-allocates) (array): room for @to − @from + 1 values
 *
 * The chart's loss at each step from @from to @to on the way to @branch (its ancestors' steps
 * before its fork included), clipped to the steps kept: @losses[0] is the loss at
 * MAX (@from, bp_timeline_get_first_step()). In dataset mode it is the train loss, which
 * costs a pass over the training set: it is measured where the loss chart measures it (after
 * each run of steps, so at every step when stepping one at a time), at every step a seek
 * shows, and once an epoch for the branches replayed from a file; the other steps' losses
 * are NaN, not measured, and a curve skips them. In example mode every step has its loss.
 *
 * Returns: the number of values written
 */
gsize
bp_timeline_get_losses (const BpTimeline *self,
                        guint             branch,
                        guint64           from,
                        guint64           to,
                        double           *losses)
{
  const BpTimelineBranchData *data;
  guint64 first, last;

  g_return_val_if_fail (self != NULL, 0);
  data = _bp_timeline_find (self, branch);
  if (data == NULL)
    return 0;
  first = MAX (from, bp_timeline_get_first_step (self, branch));
  last = MIN (to, bp_timeline_get_last_step (self, branch));
  if (first > last)
    return 0;
  /* Each branch on the way up gives the steps it owns, a copy each. */
  for (guint64 high = last; data != NULL;)
    {
      guint64 low = MAX (data->pub.first_step, first);

      if (high >= low)
        memcpy (losses + (low - first),
                &g_array_index (data->losses, double, low - data->pub.first_step),
                (high - low + 1) * sizeof (double));
      if (data->pub.first_step <= first || data->pub.first_step > data->pub.fork_step)
        break;
      high = data->pub.first_step - 1;
      data = _bp_timeline_find (self, data->pub.parent);
    }
  return last - first + 1;
}

/**
 * bp_timeline_get_interval:
 * @timeline: a timeline
 *
 * Returns: the steps between two checkpoints of a branch: %BP_TIMELINE_MIN_INTERVAL, or
 *   more for a large network, so that a seek replays fewer steps than this
 */
guint
bp_timeline_get_interval (const BpTimeline *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->interval;
}

/**
 * bp_timeline_memory:
 * @timeline: a timeline
 *
 * Returns: the bytes the timeline holds: losses, checkpoints, edits and its own state
 */
gsize
bp_timeline_memory (const BpTimeline *self)
{
  gsize bytes;

  g_return_val_if_fail (self != NULL, 0);
  bytes = sizeof *self + 2 * self->n_values * sizeof (double);
  for (guint i = 0; i < self->branches->len; i++)
    {
      const BpTimelineBranchData *data = g_ptr_array_index (self->branches, i);

      bytes += sizeof *data + data->losses->len * sizeof (double)
               + data->checkpoints->len * (sizeof (BpTimelineCheckpoint)
                                           + self->n_values * sizeof (double))
               + data->pub.n_edits * sizeof (BpTimelineEdit);
    }
  return bytes;
}
