/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-points.c: BpNetwork's dataset drawn by hand: a point added where the learner
 * clicks, the points near where they erase. Each is an edit like the dataset's settings: one
 * undo entry (a drag groups its points with bp_undo_begin_group()), the dataset becomes a
 * drawn one (the file then writes its points, as it always does, with the generator
 * "drawn"), the losses and accuracies are measured again and the usual signals follow.
 */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

#include "bp-format.h"

#include <glib/gi18n.h>
#include <math.h>

/* Puts the first training point in the net's input and its label in the target, as dataset
 * mode shows it (the dataset edits of bp-network-dataset.c do the same). */
static void
show_first_point (BpNetwork *self)
{
  const BpPoint *p = &self->dataset->points[0];
  double input[BP_N_FEATURES];

  bp_feature_set_fill (bp_network_get_features (self), p->x1, p->x2, input);
  bp_net_set_input (self->net, input);
  bp_net_set_target (self->net, &p->label, NULL);
}

/* Replaces the dataset by @dataset (transfer full) as one edit. */
static void
commit_dataset (BpNetwork *self,
                BpDataset *dataset)
{
  g_autoptr(BpUndoState) undo_state = _bp_undo_capture (self->undo);
  BpSnapshot before;

  _bp_network_snapshot_take (self, &before);
  _bp_network_take_dataset (self, dataset, NULL);
  show_first_point (self);
  _bp_network_recompute (self);
  _bp_network_finish_change (self, &before, TRUE);
  _bp_undo_commit (self->undo, g_steal_pointer (&undo_state));
}

static gboolean
check_dataset_mode (BpNetwork  *self,
                    GError    **error)
{
  if (bp_network_get_mode (self) == BP_FILE_MODE_DATASET)
    return TRUE;
  g_set_error_literal (error, BP_ERROR, BP_ERROR_INVALID,
                       _("Points can be drawn only in dataset mode"));
  return FALSE;
}

static gboolean
check_point (const BpDataset  *dataset,
             double            x1,
             double            x2,
             double            label,
             GError          **error)
{
  char text[BP_NUMBER_SIZE];

  if (!(fabs (x1) <= BP_DATASET_RANGE && fabs (x2) <= BP_DATASET_RANGE))
    {
      g_set_error_literal (error, BP_ERROR, BP_ERROR_INVALID,
                           _("A point must lie in the input plane, from −6 to 6 on both "
                             "axes"));
      return FALSE;
    }
  bp_format_number_into (label, BP_NUMBER_FORMULA, text, sizeof text);
  if (dataset->kind == BP_DATASET_CLASSIFICATION && label != 0.0 && label != 1.0)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: %s is the refused label, a number */
                   _("A point of a classification dataset is of class 0 or 1, not %s"),
                   text);
      return FALSE;
    }
  if (!(fabs (label) <= BP_DATASET_RANGE))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: %s is the refused value, a number */
                   _("A point’s value must be from −6 to 6, not %s"), text);
      return FALSE;
    }
  if (dataset->n_points >= BP_DATASET_MAX_POINTS)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: %u is the largest number of points, 10000 */
                   _("The dataset is full: it holds at most %u points"),
                   BP_DATASET_MAX_POINTS);
      return FALSE;
    }
  return TRUE;
}

/**
 * bp_network_add_point:
 * @self: a network in dataset mode
 * @x1: where the point is, −6 … 6
 * @x2: where the point is, −6 … 6
 * @label: its class, 0 or 1, in a classification dataset; its value, −6 … 6, in a
 *   regression one
 * @error: return location for an error
 *
 * Adds a training point drawn by hand, after the other training points. The dataset becomes
 * a drawn one (its generator %BP_GENERATOR_DRAWN: Regenerate no longer applies, and the
 * file keeps the points). An edit: one undo entry, or part of the open group; the losses
 * and accuracies are measured again; emits "updated", "forward" and "backward", then the
 * notifications of what changed.
 *
 * Returns: %TRUE on success; %FALSE, changing nothing, in example mode, for a point outside
 *   the plane, a label the dataset cannot take, or a full dataset
 */
gboolean
bp_network_add_point (BpNetwork  *self,
                      double      x1,
                      double      x2,
                      double      label,
                      GError    **error)
{
  BpPoint point = { x1, x2, label };
  BpDataset *dataset;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_dataset_mode (self, error) || !check_point (self->dataset, x1, x2, label, error))
    return FALSE;
  dataset = bp_dataset_copy (self->dataset);
  bp_dataset_add_point (dataset, &point, TRUE);
  commit_dataset (self, dataset);
  return TRUE;
}

/**
 * bp_network_erase_points:
 * @self: a network in dataset mode
 * @x1: the centre of the eraser
 * @x2: the centre of the eraser
 * @radius: the eraser's radius, in units of the plane
 *
 * Removes the training and test points within @radius of (@x1, @x2), but never the last
 * training point: a dataset keeps one to train on (and its file stays valid). The dataset
 * becomes a drawn one. When points go, an edit as bp_network_add_point() is; when none is
 * near, nothing changes and nothing is emitted.
 *
 * Returns: how many points were removed; 0 in example mode
 */
guint
bp_network_erase_points (BpNetwork *self,
                         double     x1,
                         double     x2,
                         double     radius)
{
  const BpDataset *d;
  BpDataset *dataset = NULL;
  guint n_train, removed = 0;

  g_return_val_if_fail (BP_IS_NETWORK (self), 0);
  g_return_val_if_fail (radius >= 0, 0);

  if (bp_network_get_mode (self) != BP_FILE_MODE_DATASET)
    return 0;
  d = self->dataset;
  n_train = d->n_train;
  /* From the last point down, so that the indices still to visit stay put. */
  for (guint i = d->n_points; i-- > 0;)
    {
      const BpPoint *p = &d->points[i];

      if (hypot (p->x1 - x1, p->x2 - x2) > radius)
        continue;
      if (i < d->n_train && n_train == 1)
        continue;
      if (dataset == NULL)
        dataset = bp_dataset_copy (d);
      bp_dataset_remove_point (dataset, i);
      n_train -= i < d->n_train;
      removed++;
    }
  if (dataset != NULL)
    commit_dataset (self, dataset);
  return removed;
}
