/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-history.h: the recent loss per step, for the sparkline; resets are marked. In dataset
 * mode each point also keeps the test loss, the accuracies and the epoch. */
#pragma once

#include <math.h>

#include <glib.h>

G_BEGIN_DECLS

#define BP_HISTORY_CAPACITY 1000

typedef struct {
  guint64 step;        /* the step count this loss was measured at (before that step) */
  double loss;         /* the example's loss, or in dataset mode the train loss */
  double test_loss;    /* dataset mode: over the test points; NaN otherwise or without any */
  float train_accuracy; /* dataset mode, classification: the share right; NaN otherwise */
  float test_accuracy;
  guint32 epoch;       /* dataset mode: the epoch (at most G_MAXUINT32); 0 otherwise */
  gboolean after_reset; /* the first point after a reset, a load or a change of shape */
} BpHistoryPoint;

/* Whether a point holds dataset mode's measures (a test loss or an accuracy). */
#define bp_history_point_has_dataset(point) \
  (isfinite ((point)->test_loss) || isfinite ((point)->train_accuracy))

typedef struct _BpHistory BpHistory;

BpHistory            *bp_history_new       (void);
void                  bp_history_free      (BpHistory            *history);
void                  bp_history_clear     (BpHistory            *history);
void                  bp_history_append    (BpHistory            *history,
                                            guint64               step,
                                            double                loss);
void                  bp_history_append_dataset (BpHistory        *history,
                                                guint64           step,
                                                guint64           epoch,
                                                double            train_loss,
                                                double            test_loss,
                                                double            train_accuracy,
                                                double            test_accuracy);
void                  bp_history_mark_reset (BpHistory           *history);
guint                 bp_history_get_length (const BpHistory     *history);
void                  bp_history_copy_until (BpHistory           *dest,
                                             const BpHistory     *history,
                                             guint64              step);
const BpHistoryPoint *bp_history_get       (const BpHistory      *history,
                                            guint                 index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpHistory, bp_history_free)

G_END_DECLS
