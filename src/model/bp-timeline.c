/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-timeline.c: the record of a network's steps as branches: losses, checkpoints, the
 * cursor, and the bounds on steps and branches. Replaying is bp-network-timeline.c's.
 *
 * A branch keeps the loss after each of its steps and, every `interval` steps counted from
 * its fork, a checkpoint of the packed values. The step count of the state a value belongs to
 * is its index: losses[k] is the loss at first_step + k, so losses[0] is the loss at the fork
 * (after the fork's edits). Memory per branch: 8 bytes a step, and 8 × n_values bytes per
 * checkpoint, which the interval keeps under %BP_TIMELINE_CHECKPOINT_BUDGET.
 */
#define G_LOG_DOMAIN "bp-timeline"

#include "config.h"

#include "bp-timeline-private.h"

#include <math.h>
#include <string.h>

static void
free_checkpoint (gpointer data)
{
  BpTimelineCheckpoint *checkpoint = data;

  g_free (checkpoint->values);
}

static void
free_branch (gpointer data)
{
  BpTimelineBranchData *branch = data;

  g_array_unref (branch->losses);
  g_array_unref (branch->checkpoints);
  g_free (branch->edits);
  g_free (branch);
}

static guint
choose_interval (guint n_values)
{
  guint64 bytes = (guint64) BP_TIMELINE_KEPT_STEPS * n_values * sizeof (double);
  guint64 interval = (bytes + BP_TIMELINE_CHECKPOINT_BUDGET - 1) / BP_TIMELINE_CHECKPOINT_BUDGET;

  return (guint) CLAMP (interval, BP_TIMELINE_MIN_INTERVAL, BP_TIMELINE_KEPT_STEPS);
}

static void
add_checkpoint (BpTimeline           *self,
                BpTimelineBranchData *branch,
                guint64               step,
                const double         *values)
{
  BpTimelineCheckpoint checkpoint = {
    .step = step,
    .values = g_memdup2 (values, self->n_values * sizeof (double)),
  };

  g_array_append_val (branch->checkpoints, checkpoint);
}

static BpTimelineBranchData *
new_branch (BpTimeline   *self,
            guint         parent,
            guint64       step,
            const double *values,
            double        learning_rate,
            double        loss)
{
  BpTimelineBranchData *branch = g_new0 (BpTimelineBranchData, 1);

  branch->pub.id = self->next_id++;
  branch->pub.parent = parent;
  branch->pub.fork_step = branch->pub.first_step = step;
  branch->pub.learning_rate = learning_rate;
  branch->losses = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (branch->losses, loss);
  branch->checkpoints = g_array_new (FALSE, FALSE, sizeof (BpTimelineCheckpoint));
  g_array_set_clear_func (branch->checkpoints, free_checkpoint);
  add_checkpoint (self, branch, step, values);
  g_ptr_array_add (self->branches, branch);
  return branch;
}

BpTimeline *
_bp_timeline_new (struct _BpNetwork *network,
                  const BpNet       *net,
                  gboolean           with_sample,
                  guint64            step,
                  double             loss)
{
  BpTimeline *self = g_new0 (BpTimeline, 1);

  self->network = network;
  self->with_sample = with_sample;
  self->n_values = net->n_weights + net->n_biases;
  if (with_sample)
    self->n_values += net->sizes[0] + net->sizes[net->n_layers];
  self->interval = choose_interval (self->n_values);
  self->origin = step;
  self->branches = g_ptr_array_new_with_free_func (free_branch);
  self->shape = bp_net_copy (net);
  self->cursor_values = g_new (double, self->n_values);
  _bp_timeline_pack (self, net, self->cursor_values);
  new_branch (self, BP_TIMELINE_NO_BRANCH, step, self->cursor_values, net->learning_rate,
              loss);
  self->current = 0;
  self->cursor = step;
  return self;
}

void
_bp_timeline_free (BpTimeline *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->branches);
  bp_net_free (self->shape);
  g_free (self->cursor_values);
  g_free (self);
}

/* The values a step depends on, in the order weights, biases, input, target. */
void
_bp_timeline_pack (const BpTimeline *self,
                   const BpNet      *net,
                   double           *values)
{
  guint L = net->n_layers;

  for (guint l = 0; l < L; l++)
    {
      gsize n = (gsize) net->sizes[l] * net->sizes[l + 1];

      memcpy (values, net->weights[l], n * sizeof (double));
      values += n;
    }
  for (guint l = 0; l < L; l++)
    {
      memcpy (values, net->biases[l], net->sizes[l + 1] * sizeof (double));
      values += net->sizes[l + 1];
    }
  if (!self->with_sample)
    return;
  memcpy (values, net->a[0], net->sizes[0] * sizeof (double));
  memcpy (values + net->sizes[0], net->target, net->sizes[L] * sizeof (double));
}

/* Puts packed values into @net; the caller recomputes its passes. */
void
_bp_timeline_unpack (const BpTimeline *self,
                     const double     *values,
                     BpNet            *net)
{
  guint L = net->n_layers;

  for (guint l = 0; l < L; l++)
    {
      gsize n = (gsize) net->sizes[l] * net->sizes[l + 1];

      memcpy (net->weights[l], values, n * sizeof (double));
      values += n;
    }
  for (guint l = 0; l < L; l++)
    {
      memcpy (net->biases[l], values, net->sizes[l + 1] * sizeof (double));
      values += net->sizes[l + 1];
    }
  if (!self->with_sample)
    return;
  bp_net_set_input (net, values);
  /* The target was valid when it was packed. */
  memcpy (net->target, values + net->sizes[0], net->sizes[L] * sizeof (double));
}

gboolean
_bp_timeline_same_values (const BpTimeline *self,
                          const double     *a,
                          const double     *b)
{
  return memcmp (a, b, self->n_values * sizeof (double)) == 0;
}

/* Names packed value @k as an edit. */
static void
describe_value (const BpTimeline *self,
                gsize             k,
                BpTimelineEdit   *edit)
{
  const BpNet *net = self->shape;
  guint L = net->n_layers;

  memset (edit, 0, sizeof *edit);
  for (guint l = 0; l < L; l++)
    {
      gsize n = (gsize) net->sizes[l] * net->sizes[l + 1];

      if (k < n)
        {
          *edit = (BpTimelineEdit) { BP_TIMELINE_EDIT_WEIGHT, l, k / net->sizes[l],
                                     k % net->sizes[l], 0.0 };
          return;
        }
      k -= n;
    }
  for (guint l = 0; l < L; l++)
    {
      if (k < net->sizes[l + 1])
        {
          *edit = (BpTimelineEdit) { BP_TIMELINE_EDIT_BIAS, l, k, 0, 0.0 };
          return;
        }
      k -= net->sizes[l + 1];
    }
  if (k < net->sizes[0])
    *edit = (BpTimelineEdit) { BP_TIMELINE_EDIT_INPUT, 0, k, 0, 0.0 };
  else
    *edit = (BpTimelineEdit) { BP_TIMELINE_EDIT_TARGET, 0, k - net->sizes[0], 0, 0.0 };
}

/* The edits that make @after of @before. */
BpTimelineEdit *
_bp_timeline_diff (const BpTimeline *self,
             const double     *before,
             const double     *after,
             guint            *n_edits)
{
  GArray *edits = g_array_new (FALSE, FALSE, sizeof (BpTimelineEdit));

  for (gsize k = 0; k < self->n_values; k++)
    if (memcmp (&before[k], &after[k], sizeof (double)) != 0)
      {
        BpTimelineEdit edit;

        describe_value (self, k, &edit);
        edit.value = after[k];
        g_array_append_val (edits, edit);
      }
  *n_edits = edits->len;
  return (BpTimelineEdit *) g_array_free (edits, edits->len == 0);
}

BpTimelineBranchData *
_bp_timeline_find (const BpTimeline *self,
                   guint             branch)
{
  for (guint i = 0; i < self->branches->len; i++)
    {
      BpTimelineBranchData *data = g_ptr_array_index (self->branches, i);

      if (data->pub.id == branch)
        return data;
    }
  return NULL;
}

/* The branch whose own steps hold @step on the way from the first branch to @branch, or
 * %NULL when that step was dropped or is not on the way. */
BpTimelineBranchData *
_bp_timeline_owner (const BpTimeline *self,
                    guint             branch,
                    guint64           step)
{
  BpTimelineBranchData *data = _bp_timeline_find (self, branch);

  if (data == NULL || step > data->pub.fork_step + data->pub.n_steps)
    return NULL;
  while (data != NULL)
    {
      if (step >= data->pub.first_step)
        return data;
      if (data->pub.first_step > data->pub.fork_step)
        return NULL;
      data = _bp_timeline_find (self, data->pub.parent);
    }
  return NULL;
}

/* The last checkpoint of @data at or before @step. */
const BpTimelineCheckpoint *
_bp_timeline_checkpoint (const BpTimelineBranchData *data,
                         guint64                     step)
{
  const BpTimelineCheckpoint *found = NULL;

  for (guint i = 0; i < data->checkpoints->len; i++)
    {
      const BpTimelineCheckpoint *c = &g_array_index (data->checkpoints,
                                                      BpTimelineCheckpoint, i);

      if (c->step > step)
        break;
      found = c;
    }
  return found;
}

static gboolean
is_ancestor (const BpTimeline *self,
             guint             ancestor,
             guint             branch)
{
  const BpTimelineBranchData *data = _bp_timeline_find (self, branch);

  for (; data != NULL; data = _bp_timeline_find (self, data->pub.parent))
    if (data->pub.id == ancestor)
      return TRUE;
  return FALSE;
}

/* Removes the branch at @index and every branch that descends from it. */
static void
remove_with_descendants (BpTimeline *self,
                         guint       index)
{
  BpTimelineBranchData *data = g_ptr_array_index (self->branches, index);
  guint id = data->pub.id;

  g_ptr_array_remove_index (self->branches, index);
  for (guint i = 0; i < self->branches->len;)
    {
      BpTimelineBranchData *other = g_ptr_array_index (self->branches, i);

      if (other->pub.parent == id)
        {
          remove_with_descendants (self, i);
          i = 0;
        }
      else
        i++;
    }
}

/* Makes room for one more branch, keeping @keep and its ancestors where it can. */
static void
make_room (BpTimeline *self,
           guint       keep)
{
  while (self->branches->len >= BP_TIMELINE_MAX_BRANCHES)
    {
      gboolean dropped = FALSE;

      for (guint i = 0; i < self->branches->len && !dropped; i++)
        {
          BpTimelineBranchData *data = g_ptr_array_index (self->branches, i);

          if (!is_ancestor (self, data->pub.id, keep))
            {
              remove_with_descendants (self, i);
              dropped = TRUE;
            }
        }
      if (dropped)
        continue;
      /* A chain: the first branch goes, its only child starts the timeline. */
      for (guint i = 1; i < self->branches->len; i++)
        {
          BpTimelineBranchData *data = g_ptr_array_index (self->branches, i);
          BpTimelineBranchData *first = g_ptr_array_index (self->branches, 0);

          if (data->pub.parent == first->pub.id)
            {
              data->pub.parent = BP_TIMELINE_NO_BRANCH;
            }
        }
      g_ptr_array_remove_index (self->branches, 0);
    }
}

/* Starts branch @parent's child at @step, whose state there is @values; the cursor (the
 * state of @parent at @step) tells its edits. The child becomes the current branch. */
guint
_bp_timeline_fork (BpTimeline   *self,
                   guint         parent,
                   guint64       step,
                   const double *values,
                   double        learning_rate,
                   double        loss)
{
  BpTimelineBranchData *branch;

  g_assert (self->current == parent && self->cursor == step);
  make_room (self, parent);
  branch = new_branch (self, parent, step, values, learning_rate, loss);
  branch->edits = _bp_timeline_diff (self, self->cursor_values, values, &branch->pub.n_edits);
  self->current = branch->pub.id;
  memcpy (self->cursor_values, values, self->n_values * sizeof (double));
  return branch->pub.id;
}

/* Replaces the state of the current branch, a first branch that ran no step, by @values:
 * what is edited before the first step is the origin itself. */
void
_bp_timeline_rewrite_origin (BpTimeline   *self,
                             const double *values,
                             double        learning_rate,
                             double        loss)
{
  BpTimelineBranchData *branch = _bp_timeline_find (self, self->current);
  BpTimelineCheckpoint *checkpoint;

  g_assert (branch->pub.n_steps == 0 && branch->pub.parent == BP_TIMELINE_NO_BRANCH);
  checkpoint = &g_array_index (branch->checkpoints, BpTimelineCheckpoint, 0);
  memcpy (checkpoint->values, values, self->n_values * sizeof (double));
  memcpy (self->cursor_values, values, self->n_values * sizeof (double));
  branch->pub.learning_rate = learning_rate;
  g_array_index (branch->losses, double, 0) = loss;
}

/* Forgets every step before the origin: the branches wholly before it, the losses before it
 * and the checkpoints but the last one at or before it. */
static void
trim (BpTimeline *self)
{
  for (guint i = 0; i < self->branches->len;)
    {
      BpTimelineBranchData *data = g_ptr_array_index (self->branches, i);
      guint64 last = data->pub.fork_step + data->pub.n_steps;

      if (last < self->origin)
        {
          for (guint k = 0; k < self->branches->len; k++)
            {
              BpTimelineBranchData *child = g_ptr_array_index (self->branches, k);

              if (child->pub.parent == data->pub.id)
                child->pub.parent = BP_TIMELINE_NO_BRANCH;
            }
          g_ptr_array_remove_index (self->branches, i);
          continue;
        }
      if (data->pub.first_step < self->origin)
        {
          guint n_old = 0;

          g_array_remove_range (data->losses, 0, self->origin - data->pub.first_step);
          data->pub.first_step = self->origin;
          while (n_old + 1 < data->checkpoints->len
                 && g_array_index (data->checkpoints, BpTimelineCheckpoint,
                                   n_old + 1).step <= self->origin)
            n_old++;
          if (n_old > 0)
            g_array_remove_range (data->checkpoints, 0, n_old);
        }
      i++;
    }
}

/* Records one step of the current branch, at its tip: @net is the state after it. */
void
_bp_timeline_append (BpTimeline  *self,
                     const BpNet *net,
                     double       loss)
{
  BpTimelineBranchData *branch = _bp_timeline_find (self, self->current);
  guint64 step;

  g_assert (branch != NULL && self->cursor == branch->pub.fork_step + branch->pub.n_steps);
  branch->pub.n_steps++;
  step = self->cursor = branch->pub.fork_step + branch->pub.n_steps;
  g_array_append_val (branch->losses, loss);
  if (branch->pub.n_steps % self->interval == 0)
    {
      g_autofree double *values = g_new (double, self->n_values);

      _bp_timeline_pack (self, net, values);
      add_checkpoint (self, branch, step, values);
    }
  if (step - self->origin >= BP_TIMELINE_KEPT_STEPS + BP_TIMELINE_DROP_CHUNK)
    {
      self->origin = step - BP_TIMELINE_KEPT_STEPS;
      trim (self);
    }
}

/* Moves the cursor to @step of @branch, whose state @net shows. */
void
_bp_timeline_set_cursor (BpTimeline  *self,
                         guint        branch,
                         guint64      step,
                         const BpNet *net)
{
  self->current = branch;
  self->cursor = step;
  _bp_timeline_pack (self, net, self->cursor_values);
}

/* The child of @ancestor on the way to @branch. */
static const BpTimelineBranchData *
child_towards (const BpTimeline *self,
               guint             ancestor,
               guint             branch)
{
  const BpTimelineBranchData *data = _bp_timeline_find (self, branch);

  while (data != NULL && data->pub.parent != ancestor)
    data = _bp_timeline_find (self, data->pub.parent);
  return data;
}

/* The last step at which branches @a and @b have the same state (G_MAXUINT64 when they are
 * one branch), or 0 when they share none. */
guint64
_bp_timeline_common_step (const BpTimeline *self,
                          guint             a,
                          guint             b)
{
  const BpTimelineBranchData *data;
  guint64 common = G_MAXUINT64;

  if (a == b)
    return G_MAXUINT64;
  for (data = _bp_timeline_find (self, a); data != NULL;
       data = _bp_timeline_find (self, data->pub.parent))
    if (is_ancestor (self, data->pub.id, b))
      break;
  if (data == NULL)
    return 0;
  if (data->pub.id != a)
    common = MIN (common, child_towards (self, data->pub.id, a)->pub.fork_step);
  if (data->pub.id != b)
    common = MIN (common, child_towards (self, data->pub.id, b)->pub.fork_step);
  return common == 0 ? 0 : common - 1;
}

/* Puts the loss measured at @step of @branch, which steps in dataset mode may have left
 * unmeasured (NaN). */
void
_bp_timeline_set_loss (BpTimeline *self,
                       guint       branch,
                       guint64     step,
                       double      loss)
{
  BpTimelineBranchData *owner = _bp_timeline_owner (self, branch, step);

  if (owner != NULL)
    g_array_index (owner->losses, double, step - owner->pub.first_step) = loss;
}

double
_bp_timeline_loss_at (const BpTimeline *self,
                      guint             branch,
                      guint64           step)
{
  const BpTimelineBranchData *owner = _bp_timeline_owner (self, branch, step);

  if (owner == NULL)
    return NAN;
  return g_array_index (owner->losses, double, step - owner->pub.first_step);
}
