/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-branches.c: what the loss chart needs of the network's timeline to draw its
 * branches side by side: for each branch its losses from the first step kept (its
 * ancestors' before its fork), its fork, a style of its own (by its id, so a branch keeps
 * its colour and dash while others come and go) and its name. Gathered again only after the
 * timeline changed; none while there is one branch and the window shows its tip, where the
 * chart stays the plain loss history. */
#define G_LOG_DOMAIN "bp-sparkline"

#include "config.h"

#include "bp-sparkline-branches.h"

#include "bp-timeline.h"
#include "bp-timeline-bar.h"

struct _BpSparklineBranches
{
  GArray *curves;                 /* BpTimelineCurve */
  GPtrArray *losses;              /* double[]: each curve's */
  GPtrArray *labels;              /* char *: each curve's */
  BpTimelineChart chart;
  gboolean valid;                 /* chart is the timeline's as it is */
  gboolean shown;                 /* and it has branches to show */
};

BpSparklineBranches *
_bp_sparkline_branches_new (void)
{
  BpSparklineBranches *self = g_new0 (BpSparklineBranches, 1);

  self->curves = g_array_new (FALSE, TRUE, sizeof (BpTimelineCurve));
  self->losses = g_ptr_array_new_with_free_func (g_free);
  self->labels = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
_bp_sparkline_branches_free (BpSparklineBranches *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->curves);
  g_ptr_array_unref (self->losses);
  g_ptr_array_unref (self->labels);
  g_free (self);
}

void
_bp_sparkline_branches_invalidate (BpSparklineBranches *self)
{
  self->valid = FALSE;
}

static void
gather (BpSparklineBranches *self,
        BpNetwork           *network,
        BpTimeline          *timeline)
{
  guint n = bp_timeline_get_n_branches (timeline);
  guint current = bp_timeline_get_current_branch (timeline);

  g_array_set_size (self->curves, 0);
  g_ptr_array_set_size (self->losses, 0);
  g_ptr_array_set_size (self->labels, 0);
  self->chart.current = 0;
  for (guint i = 0; i < n; i++)
    {
      const BpTimelineBranch *branch = bp_timeline_get_branch (timeline, i);
      guint64 first = bp_timeline_get_first_step (timeline, branch->id);
      guint64 last = bp_timeline_get_last_step (timeline, branch->id);
      double *losses = g_new (double, last - first + 1);
      char *label = bp_timeline_bar_branch_name (network, branch->id);
      BpTimelineCurve curve = {
        .first_step = first,
        .losses = losses,
        .n = bp_timeline_get_losses (timeline, branch->id, first, last, losses),
        .fork_step = branch->fork_step,
        .style = branch->id % BP_TIMELINE_CHART_N_STYLES,
        .label = label,
      };

      if (branch->id == current)
        self->chart.current = self->curves->len;
      g_ptr_array_add (self->losses, losses);
      g_ptr_array_add (self->labels, label);
      g_array_append_val (self->curves, curve);
    }
  self->chart.curves = (const BpTimelineCurve *) (gpointer) self->curves->data;
  self->chart.n_curves = self->curves->len;
  self->chart.cursor = bp_timeline_get_cursor (timeline);
}

/**
 * _bp_sparkline_branches_get:
 * @branches: the chart's branches
 * @network: (nullable): the network shown
 *
 * Returns: (nullable): the chart of @network's branches, or %NULL while its timeline has
 *   one branch and the window shows that branch's tip
 */
const BpTimelineChart *
_bp_sparkline_branches_get (BpSparklineBranches *self,
                            BpNetwork           *network)
{
  BpTimeline *timeline = network != NULL ? bp_network_get_timeline (network) : NULL;

  if (self->valid)
    return self->shown ? &self->chart : NULL;
  self->valid = TRUE;
  self->shown = timeline != NULL
                && (bp_timeline_get_n_branches (timeline) > 1 || !bp_timeline_at_tip (timeline));
  if (self->shown)
    gather (self, network, timeline);
  return self->shown ? &self->chart : NULL;
}
