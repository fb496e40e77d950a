/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-timeline.h: the steps a BpNetwork took, as branches that can be revisited.
 *
 * Every step the network applies is recorded: the chart's loss after it (the example's loss,
 * or in dataset mode the train loss) and, every bp_timeline_get_interval() steps, a
 * checkpoint of the parameters (and in example mode the input and target). Any recorded step
 * is brought back by replaying the steps from the nearest checkpoint before it with the code
 * of a real step (bp_network_seek()), so its parameters are bit for bit those it had.
 *
 * Steps are the network's step counts. A branch holds the steps taken from its fork step on;
 * the steps before its fork are its parent's (and so on up to the first branch). A step taken
 * from a past step, or after an edit of η, a weight, a bias, the input or the target, starts
 * a new branch whose fork state holds those edits; at a branch's tip too, so that a branch
 * has one η and its edits only at its start (only a first branch that ran no step yet takes
 * the edits as its origin instead). A change of structure (layers, neurons,
 * activation, loss, mode, dataset, features, batch size, regularisation, a reset, a load)
 * starts a fresh timeline whose origin is the network as it then is.
 *
 * Bounds: each branch keeps its last %BP_TIMELINE_KEPT_STEPS steps at least (older ones go
 * in chunks of %BP_TIMELINE_DROP_CHUNK, the origin moving forward), and at most
 * %BP_TIMELINE_MAX_BRANCHES branches are kept (the oldest one that is not an ancestor of the
 * current branch goes first, with its descendants; when every branch is an ancestor, the
 * first one goes and its child becomes the first).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BP_TIMELINE_MAX_BRANCHES 32
#define BP_TIMELINE_KEPT_STEPS 16384
#define BP_TIMELINE_DROP_CHUNK 1024
#define BP_TIMELINE_MIN_INTERVAL 100
/* The checkpoints of one branch's kept steps stay under this, by a longer interval. */
#define BP_TIMELINE_CHECKPOINT_BUDGET (4u << 20)
#define BP_TIMELINE_NO_BRANCH G_MAXUINT

typedef struct _BpTimeline BpTimeline;

/* What the edits at a branch's fork changed. */
typedef enum {
  BP_TIMELINE_EDIT_WEIGHT,   /* weights[layer][to][from] */
  BP_TIMELINE_EDIT_BIAS,     /* biases[layer][to] */
  BP_TIMELINE_EDIT_INPUT,    /* input[to] (example mode) */
  BP_TIMELINE_EDIT_TARGET,   /* target[to] (example mode) */
} BpTimelineEditKind;

typedef struct {
  BpTimelineEditKind kind;
  guint layer;               /* weight layer (weights and biases), else 0 */
  guint to;
  guint from;                /* weights only, else 0 */
  double value;              /* the value at the fork */
} BpTimelineEdit;

/* One branch. All fields are read-only. */
typedef struct {
  guint id;                  /* stable while the timeline lasts; the first branch is 0 */
  guint parent;              /* the parent's id, or BP_TIMELINE_NO_BRANCH */
  guint64 fork_step;         /* the step it starts from (the first branch: the origin) */
  guint64 first_step;        /* its first step still kept: fork_step unless dropped since */
  guint64 n_steps;           /* the steps it ran after its fork */
  double learning_rate;      /* η of its steps */
  guint n_edits;             /* values that differ from its parent's at the fork */
} BpTimelineBranch;

guint             bp_timeline_get_n_branches     (const BpTimeline *timeline);
const BpTimelineBranch *bp_timeline_get_branch   (const BpTimeline *timeline,
                                                  guint             index);
const BpTimelineBranch *bp_timeline_lookup_branch (const BpTimeline *timeline,
                                                  guint             branch);
const BpTimelineEdit *bp_timeline_get_edits      (const BpTimeline *timeline,
                                                  guint             branch,
                                                  guint            *n_edits);
char             *bp_timeline_branch_label       (const BpTimeline *timeline,
                                                  guint             branch);
guint             bp_timeline_get_current_branch (const BpTimeline *timeline);
guint64           bp_timeline_get_cursor         (const BpTimeline *timeline);
gboolean          bp_timeline_at_tip             (const BpTimeline *timeline);
guint64           bp_timeline_get_first_step     (const BpTimeline *timeline,
                                                  guint             branch);
guint64           bp_timeline_get_last_step      (const BpTimeline *timeline,
                                                  guint             branch);
gsize             bp_timeline_get_losses         (const BpTimeline *timeline,
                                                  guint             branch,
                                                  guint64           from,
                                                  guint64           to,
                                                  double           *losses);
guint             bp_timeline_get_interval       (const BpTimeline *timeline);
gsize             bp_timeline_memory             (const BpTimeline *timeline);
gboolean          bp_timeline_write_csv          (BpTimeline       *timeline,
                                                  GOutputStream    *stream,
                                                  GError          **error);

G_END_DECLS
