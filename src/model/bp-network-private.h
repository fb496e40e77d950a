/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-private.h: what the parts of BpNetwork share: bp-network.c (the class, its
 * properties and signals, and how an operation ends), -edit.c, -file.c, -shape.c and -step.c,
 * and what BpUndo needs to restore a state. */
#pragma once

#include "bp-health.h"
#include "bp-network.h"
#include "bp-timeline-private.h"
#include "bp-undo-private.h"

G_BEGIN_DECLS

struct _BpNetwork
{
  GObject parent_instance;

  BpNet *net;
  BpFileExtras extras;   /* the seed of the last reset and the step count */
  gboolean diverged;
  BpHistory *history;    /* the loss at each recent step, for the sparkline */
  BpUndo *undo;          /* the edits to undo and redo */
  BpDataset *dataset;    /* the dataset of the file loaded, kept to be saved, or NULL */
  char *dataset_source;  /* its CSV file when it came from one, or NULL */
  struct _BpDatasetCache *cache;  /* the dataset's points as inputs, and buffers; or NULL */
  double train_loss;     /* in dataset mode, over the training points; else 0 */
  double test_loss;      /* over the test points */
  double train_accuracy; /* the share classified right (classification only) */
  double test_accuracy;
  BpHealth *health;      /* gradient norms of the recent steps, saturated and dead neurons */
  BpTimeline *timeline;  /* the steps taken, to revisit (bp-network-timeline.c) */
  gboolean timeline_stale; /* the next sync starts a fresh timeline (another dataset) */
  guint timeline_plan;   /* what the steps being run do to the timeline */
  double *timeline_fork; /* the state they start from, when they start a branch */
  double timeline_fork_loss;
  guint timeline_parent; /* the branch a new branch would start from */
};

/* Everything an operation may change that has a property or decides "structure-changed". */
typedef struct
{
  guint n_layers;
  guint sizes[BP_MAX_LAYERS + 1];
  BpActivation activations[BP_MAX_LAYERS];
  BpLoss loss_kind;
  double learning_rate;
  double loss;
  guint64 step;
  guint32 seed;
  gboolean diverged;
  BpFileMode mode;
  guint batch_size;
  guint64 epoch;
  double train_loss;
  double test_loss;
  double train_accuracy;
  double test_accuracy;
} BpSnapshot;

gboolean  _bp_network_finish_steps   (BpNetwork        *self,
                                      const BpSnapshot *before,
                                      guint             done,
                                      GError           *local_error,
                                      GError          **error);
void      _bp_network_snapshot_take  (BpNetwork        *self,
                                      BpSnapshot       *snapshot);
void      _bp_network_recompute      (BpNetwork        *self);
gboolean  _bp_network_state_finite   (BpNetwork        *self);
void      _bp_network_emit_signals   (BpNetwork        *self,
                                      const BpSnapshot *before,
                                      gboolean          params_changed);
void      _bp_network_notify_changes (BpNetwork        *self,
                                      const BpSnapshot *before);
void      _bp_network_finish_change  (BpNetwork        *self,
                                      const BpSnapshot *before,
                                      gboolean          params_changed);
void      _bp_network_restore        (BpNetwork        *self,
                                      BpNet            *net,
                                      const BpFileExtras *extras,
                                      const BpDataset  *dataset,
                                      const char       *dataset_source);
/* The properties of dataset mode, in the order bp-network.c installs them. */
typedef enum {
  BP_DATASET_PROP_MODE,
  BP_DATASET_PROP_BATCH_SIZE,
  BP_DATASET_PROP_EPOCH,
  BP_DATASET_PROP_TRAIN_LOSS,
  BP_DATASET_PROP_TEST_LOSS,
  BP_DATASET_PROP_TRAIN_ACCURACY,
  BP_DATASET_PROP_TEST_ACCURACY,
} BpDatasetProperty;

void      _bp_network_get_dataset_property (BpNetwork  *self,
                                            BpDatasetProperty property,
                                            GValue     *value);
gboolean  _bp_network_in_dataset_mode (BpNetwork      *self);
void      _bp_network_measure        (BpNetwork        *self);
void      _bp_network_record_history   (BpNetwork        *self);
void      _bp_network_drop_cache     (BpNetwork        *self);
BpNet    *_bp_network_net_for_file   (BpNetwork        *self);
double    _bp_network_chart_loss     (BpNetwork        *self);
guint     _bp_network_prepare_steps  (BpNetwork        *self);
gboolean  _bp_network_dataset_step   (BpNetwork        *self,
                                      BpNet            *net,
                                      guint64           step,
                                      double           *loss,
                                      GError          **error);
gboolean  _bp_network_step_net       (BpNetwork        *self,
                                      BpNet            *net,
                                      guint64           step,
                                      double           *loss,
                                      BpHealth         *health,
                                      GError          **error);
gboolean  _bp_network_run_steps      (BpNetwork        *self,
                                      guint             n_steps,
                                      gboolean          replay,
                                      GError          **error);

/* The timeline: bp-network-timeline.c */
void      _bp_network_timeline_restart (BpNetwork      *self);
void      _bp_network_timeline_sync  (BpNetwork        *self);
void      _bp_network_timeline_begin (BpNetwork        *self);
void      _bp_network_timeline_record (BpNetwork       *self,
                                      double            loss);
void      _bp_network_timeline_end   (BpNetwork        *self,
                                      guint             done);
void      _bp_network_emit_timeline_changed (BpNetwork *self);
BpFileTimeline *_bp_network_timeline_to_file (BpNetwork *self);
void      _bp_network_timeline_load  (BpNetwork        *self,
                                      const BpFileTimeline *timeline);
gboolean  _bp_network_seek_quietly   (BpNetwork        *self,
                                      guint             branch,
                                      guint64           step,
                                      GError          **error);
void      _bp_network_take_dataset   (BpNetwork        *self,
                                      BpDataset        *dataset,
                                      const char       *source);
gboolean  _bp_network_check_finite   (double            value,
                                      GError          **error);
gboolean  _bp_network_all_finite     (const double     *values,
                                      gsize             n_values);

G_END_DECLS
