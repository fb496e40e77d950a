/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-timeline-file.c: BpNetwork's timeline in its file: written as the origin's state
 * and branch points (bp-file-timeline.c), and replayed on load.
 *
 * What is written is the tree of the branch shown: its first kept branch's first checkpoint
 * is the origin, and each branch that starts from it at or after that step is a branch point
 * (its parent, step, η and edits) with the number of steps it ran. Branches of other trees
 * (left without their parent by the bounds) are not written, nor, beyond MAX_FILE_STEPS
 * steps in all, the newest branches off the way to the one shown, so that a load stays
 * quick. On load the branches are run
 * again, one by one, with the code of a live step; the network must then be, at the file's
 * cursor and with the file's last edits, exactly the network the file holds, or the timeline
 * is left out (the network is kept) and a message says why.
 */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* A load replays at most this many steps for the branches other than the one shown and its
 * ancestors; further branches are not written. */
#define MAX_FILE_STEPS (8 * BP_TIMELINE_KEPT_STEPS)

/* The first branch of the tree of @branch: its ancestors up to one left without its parent. */
static const BpTimelineBranchData *
tree_root (const BpTimeline *tl,
           guint             branch)
{
  const BpTimelineBranchData *data = _bp_timeline_find (tl, branch);

  while (data->pub.first_step == data->pub.fork_step)
    {
      const BpTimelineBranchData *parent = _bp_timeline_find (tl, data->pub.parent);

      if (parent == NULL)
        break;
      data = parent;
    }
  return data;
}

/* Whether @branch is @current or one of its ancestors. */
static gboolean
on_lineage (const BpTimeline *tl,
            guint             branch,
            guint             current)
{
  const BpTimelineBranchData *data = _bp_timeline_find (tl, current);

  for (; data != NULL; data = _bp_timeline_find (tl, data->pub.parent))
    if (data->pub.id == branch)
      return TRUE;
  return FALSE;
}

/* The steps a load replays for @current and its ancestors up to @root. */
static guint64
lineage_steps (const BpTimeline           *tl,
               guint                       current,
               const BpTimelineBranchData *root)
{
  const BpTimelineBranchData *data = _bp_timeline_find (tl, current);
  guint64 steps = 0;

  for (; data != NULL && data != root; data = _bp_timeline_find (tl, data->pub.parent))
    steps += data->pub.n_steps;
  return steps + root->pub.fork_step + root->pub.n_steps
         - g_array_index (root->checkpoints, BpTimelineCheckpoint, 0).step;
}

static guint
index_of (const guint *ids,
          guint        n,
          guint        id)
{
  for (guint k = 0; k < n; k++)
    if (ids[k] == id)
      return k;
  return BP_TIMELINE_NO_BRANCH;
}

static void
add_branch (BpFileTimeline             *ft,
            guint                      *ids,
            const BpTimelineBranchData *data,
            guint                       parent,
            guint64                     step)
{
  BpFileBranch *b = &ft->branches[ft->n_branches];

  ids[ft->n_branches++] = data->pub.id;
  b->parent = parent;
  b->step = step;
  b->learning_rate = data->pub.learning_rate;
  b->n_steps = data->pub.fork_step + data->pub.n_steps - step;
  if (parent == BP_TIMELINE_NO_BRANCH)
    return;
  b->n_edits = data->pub.n_edits;
  b->edits = g_memdup2 (data->edits, data->pub.n_edits * sizeof (BpTimelineEdit));
}

/**
 * _bp_network_timeline_to_file:
 * @self: a network
 *
 * Returns: (transfer full) (nullable): the timeline as a file writes it, or %NULL when no
 *   step was taken since it began
 */
BpFileTimeline *
_bp_network_timeline_to_file (BpNetwork *self)
{
  BpTimeline *tl = self->timeline;
  const BpTimelineBranchData *root;
  const BpTimelineCheckpoint *origin;
  g_autofree double *values = NULL;
  guint ids[BP_TIMELINE_MAX_BRANCHES];
  BpFileTimeline *ft;
  guint64 budget;

  _bp_network_timeline_sync (self);
  tl = self->timeline;
  if (tl->branches->len == 1
      && ((BpTimelineBranchData *) g_ptr_array_index (tl->branches, 0))->pub.n_steps == 0)
    return NULL;
  root = tree_root (tl, tl->current);
  origin = &g_array_index (root->checkpoints, BpTimelineCheckpoint, 0);
  ft = g_new0 (BpFileTimeline, 1);
  ft->n_layers = self->net->n_layers;
  memcpy (ft->sizes, self->net->sizes, (ft->n_layers + 1) * sizeof (guint));
  ft->origin_step = origin->step;
  ft->has_sample = tl->with_sample;
  ft->n_values = tl->n_values;
  ft->origin = g_memdup2 (origin->values, tl->n_values * sizeof (double));
  ft->branches = g_new0 (BpFileBranch, tl->branches->len);
  add_branch (ft, ids, root, BP_TIMELINE_NO_BRANCH, origin->step);
  budget = MAX_FILE_STEPS - MIN (MAX_FILE_STEPS, lineage_steps (tl, tl->current, root));
  /* Parents come before their children: the branches are kept oldest first. */
  for (guint i = 0; i < tl->branches->len; i++)
    {
      const BpTimelineBranchData *data = g_ptr_array_index (tl->branches, i);
      guint parent = index_of (ids, ft->n_branches, data->pub.parent);
      gboolean shown = on_lineage (tl, data->pub.id, tl->current);

      if (data == root || parent == BP_TIMELINE_NO_BRANCH
          || data->pub.first_step != data->pub.fork_step || data->pub.fork_step < origin->step
          || (!shown && data->pub.n_steps > budget))
        continue;
      if (!shown)
        budget -= data->pub.n_steps;
      add_branch (ft, ids, data, parent, data->pub.fork_step);
    }
  ft->current = index_of (ids, ft->n_branches, tl->current);
  g_assert (ft->current != BP_TIMELINE_NO_BRANCH);
  ft->cursor = tl->cursor;
  values = g_new (double, tl->n_values);
  _bp_timeline_pack (tl, self->net, values);
  ft->edits = _bp_timeline_diff (tl, tl->cursor_values, values, &ft->n_edits);
  return ft;
}

/* Applies edits to the network's net; %FALSE when one is not allowed (a target that
 * cross-entropy refuses). */
static gboolean
apply_edits (BpNet                *net,
             const BpTimelineEdit *edits,
             guint                 n_edits)
{
  double input[BP_MAX_WIDTH];
  double target[BP_MAX_WIDTH];
  guint L = net->n_layers;

  memcpy (input, net->a[0], net->sizes[0] * sizeof (double));
  memcpy (target, net->target, net->sizes[L] * sizeof (double));
  for (guint k = 0; k < n_edits; k++)
    {
      const BpTimelineEdit *e = &edits[k];

      if (e->kind == BP_TIMELINE_EDIT_WEIGHT)
        net->weights[e->layer][(gsize) e->to * net->sizes[e->layer] + e->from] = e->value;
      else if (e->kind == BP_TIMELINE_EDIT_BIAS)
        net->biases[e->layer][e->to] = e->value;
      else if (e->kind == BP_TIMELINE_EDIT_INPUT)
        input[e->to] = e->value;
      else
        target[e->to] = e->value;
    }
  bp_net_set_input (net, input);
  return bp_net_set_target (net, target, NULL);
}

/* Runs the branches of @ft from its origin; %FALSE, with @error, when they do not replay. */
static gboolean
replay_branches (BpNetwork            *self,
                 const BpFileTimeline *ft,
                 guint                *ids,
                 GError              **error)
{
  for (guint k = 0; k < ft->n_branches; k++)
    {
      const BpFileBranch *b = &ft->branches[k];
      BpTimeline *tl;

      if (k == 0)
        {
          _bp_timeline_unpack (self->timeline, ft->origin, self->net);
          self->extras.step = ft->origin_step;
        }
      else if (!_bp_network_seek_quietly (self, ids[b->parent], b->step, error))
        return FALSE;
      if ((k > 0 && !apply_edits (self->net, b->edits, b->n_edits))
          || !bp_net_set_learning_rate (self->net, b->learning_rate, error))
        return FALSE;
      _bp_network_recompute (self);
      if (k == 0)
        _bp_network_timeline_restart (self);
      if (!_bp_network_run_steps (self, b->n_steps, TRUE, error))
        return FALSE;
      tl = self->timeline;
      ids[k] = tl->current;
      /* Each branch point must start a branch of its own. */
      if ((k > 0 && (b->n_steps == 0 || ids[k] == ids[b->parent]))
          || bp_timeline_get_last_step (tl, ids[k]) != b->step + b->n_steps)
        return FALSE;
    }
  return TRUE;
}

/* Whether the network, at the cursor and with the file's last edits, is @file_net. */
static gboolean
replays_to (BpNetwork            *self,
            const BpFileTimeline *ft,
            const BpNet          *file_net)
{
  BpTimeline *tl = self->timeline;
  g_autofree double *ours = g_new (double, tl->n_values);
  g_autofree double *theirs = g_new (double, tl->n_values);

  if (!apply_edits (self->net, ft->edits, ft->n_edits))
    return FALSE;
  _bp_timeline_pack (tl, self->net, ours);
  _bp_timeline_pack (tl, file_net, theirs);
  return _bp_timeline_same_values (tl, ours, theirs);
}

/**
 * _bp_network_timeline_load:
 * @self: a network just loaded from a file
 * @ft: the file's timeline
 *
 * Replays the branches of @ft and makes them the network's timeline, at the file's cursor;
 * the network stays as the file holds it. When they do not replay to it (a file edited by
 * hand), the timeline starts afresh and a message says so. Emits "timeline-changed".
 */
void
_bp_network_timeline_load (BpNetwork            *self,
                           const BpFileTimeline *ft)
{
  g_autoptr(BpNet) file_net = bp_net_copy (self->net);
  g_autoptr(BpHistory) history = bp_history_new ();
  g_autoptr(GError) error = NULL;
  guint64 file_step = self->extras.step;
  guint ids[BP_TIMELINE_MAX_BRANCHES];
  gboolean ok;

  bp_history_copy_until (history, self->history, G_MAXUINT64);
  ok = ft->has_sample == self->timeline->with_sample && ft->cursor == file_step
       && bp_net_same_shape (self->net, self->timeline->shape)
       && replay_branches (self, ft, ids, &error)
       && _bp_network_seek_quietly (self, ids[ft->current], ft->cursor, &error)
       && replays_to (self, ft, file_net);

  bp_net_copy_values (self->net, file_net);
  self->extras.step = file_step;
  /* The seek recorded the gradient health of the steps before the cursor. */
  if (!ok)
    bp_health_clear (self->health);
  _bp_network_recompute (self);
  bp_history_copy_until (self->history, history, G_MAXUINT64);
  if (!ok)
    {
      _bp_network_timeline_restart (self);
      g_message ("%s%s%s", _("The file’s timeline was left out: its steps do not lead to "
                             "the network the file holds, which may have been edited by "
                             "hand."),
                 error != NULL ? " " : "", error != NULL ? error->message : "");
    }
  _bp_network_emit_timeline_changed (self);
}
