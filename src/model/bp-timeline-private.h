/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-timeline-private.h: what BpNetwork uses to record, trim and look up its timeline
 * (bp-timeline.c) and to replay it (bp-network-timeline.c). */
#pragma once

#include "bp-core.h"
#include "bp-timeline.h"

G_BEGIN_DECLS

/* A checkpoint: the packed values (see _bp_timeline_pack()) at a step. */
typedef struct {
  guint64 step;
  double *values;
} BpTimelineCheckpoint;

typedef struct {
  BpTimelineBranch pub;
  GArray *losses;        /* double: the loss at first_step + k */
  GArray *checkpoints;   /* BpTimelineCheckpoint, by step; the first at or before first_step */
  BpTimelineEdit *edits;
} BpTimelineBranchData;

struct _BpTimeline
{
  struct _BpNetwork *network; /* the owner, not a reference */
  guint n_values;           /* packed: weights, biases, and in example mode input, target */
  gboolean with_sample;     /* whether input and target are packed (example mode) */
  guint interval;           /* steps between checkpoints */
  guint64 origin;           /* no step before it is kept */
  GPtrArray *branches;      /* BpTimelineBranchData, oldest first */
  guint next_id;
  guint current;            /* the branch shown */
  guint64 cursor;           /* the step shown */
  double *cursor_values;    /* the packed state at the cursor, to tell edits from it */

  /* What every state of the timeline shares; a change starts a fresh timeline. */
  BpNet *shape;             /* a net of the timeline's shape, activations, loss, penalty */
  guint mode;               /* BpFileMode */
  guint features;
  guint batch_size;
};

BpTimeline *_bp_timeline_new          (struct _BpNetwork *network,
                                       const BpNet      *net,
                                       gboolean          with_sample,
                                       guint64           step,
                                       double            loss);
void        _bp_timeline_free         (BpTimeline       *timeline);
void        _bp_timeline_pack         (const BpTimeline *timeline,
                                       const BpNet      *net,
                                       double           *values);
void        _bp_timeline_unpack       (const BpTimeline *timeline,
                                       const double     *values,
                                       BpNet            *net);
BpTimelineEdit *_bp_timeline_diff     (const BpTimeline *timeline,
                                       const double     *before,
                                       const double     *after,
                                       guint            *n_edits);
gboolean    _bp_timeline_same_values  (const BpTimeline *timeline,
                                       const double     *a,
                                       const double     *b);
BpTimelineBranchData *_bp_timeline_find (const BpTimeline *timeline,
                                       guint             branch);
BpTimelineBranchData *_bp_timeline_owner (const BpTimeline *timeline,
                                       guint             branch,
                                       guint64           step);
const BpTimelineCheckpoint *_bp_timeline_checkpoint (const BpTimelineBranchData *data,
                                       guint64           step);
guint       _bp_timeline_fork         (BpTimeline       *timeline,
                                       guint             parent,
                                       guint64           step,
                                       const double     *values,
                                       double            learning_rate,
                                       double            loss);
void        _bp_timeline_rewrite_origin (BpTimeline     *timeline,
                                       const double     *values,
                                       double            learning_rate,
                                       double            loss);
void        _bp_timeline_append       (BpTimeline       *timeline,
                                       const BpNet      *net,
                                       double            loss);
void        _bp_timeline_set_cursor   (BpTimeline       *timeline,
                                       guint             branch,
                                       guint64           step,
                                       const BpNet      *net);
guint64     _bp_timeline_common_step  (const BpTimeline *timeline,
                                       guint             a,
                                       guint             b);
void        _bp_timeline_set_loss     (BpTimeline       *timeline,
                                       guint             branch,
                                       guint64           step,
                                       double            loss);
double      _bp_timeline_loss_at      (const BpTimeline *timeline,
                                       guint             branch,
                                       guint64           step);

G_END_DECLS
