/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network.h: BpNetwork, the GObject model every view and tool talks to. */
#pragma once

#include <gio/gio.h>

#include "bp-core.h"
#include "bp-file.h"
#include "bp-health.h"
#include "bp-history.h"
#include "bp-reshape.h"
#include "bp-timeline.h"
#include "bp-undo.h"

G_BEGIN_DECLS

#define BP_TYPE_NETWORK (bp_network_get_type ())
#define BP_TYPE_ACTIVATION (bp_activation_get_type ())
#define BP_TYPE_LOSS (bp_loss_get_type ())
#define BP_TYPE_FILE_MODE (bp_file_mode_get_type ())

GType bp_activation_get_type (void) G_GNUC_CONST;
GType bp_loss_get_type (void) G_GNUC_CONST;
GType bp_file_mode_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (BpNetwork, bp_network, BP, NETWORK, GObject)

#define BP_NETWORK_DEFAULT_SEED 20261128u
#define BP_NETWORK_DEFAULT_BATCH_SIZE 10   /* as backprop-cli's */

BpNetwork    *bp_network_new                (void);
BpNetwork    *bp_network_new_from_net       (BpNet          *net,
                                             const BpFileExtras *extras);
gboolean      bp_network_load               (BpNetwork      *self,
                                             GFile          *file,
                                             GError        **error);
gboolean      bp_network_load_full          (BpNetwork      *self,
                                             GFile          *file,
                                             BpFileSession  *session,
                                             GError        **error);
gboolean      bp_network_load_bytes         (BpNetwork      *self,
                                             GBytes         *bytes,
                                             GError        **error);
gboolean      bp_network_load_net           (BpNetwork      *self,
                                             BpNet          *net,
                                             const BpFileExtras *extras,
                                             const BpFileSession *session,
                                             GError        **error);
gboolean      bp_network_save               (BpNetwork      *self,
                                             GFile          *file,
                                             GError        **error);
gboolean      bp_network_save_full          (BpNetwork      *self,
                                             GFile          *file,
                                             const BpFileSession *document,
                                             GError        **error);
const BpNet  *bp_network_get_net            (BpNetwork      *self);

guint         bp_network_get_n_layers       (BpNetwork      *self);
const guint  *bp_network_get_sizes          (BpNetwork      *self,
                                             guint          *n_sizes);
BpActivation  bp_network_get_activation     (BpNetwork      *self,
                                             guint           layer);
gboolean      bp_network_set_activation     (BpNetwork      *self,
                                             guint           layer,
                                             BpActivation    activation,
                                             GError        **error);
gboolean      bp_network_set_layer_activation (BpNetwork    *self,
                                             guint           layer,
                                             BpActivation    activation,
                                             GError        **error);
gboolean      bp_network_reshape            (BpNetwork      *self,
                                             const BpReshape *edit,
                                             GError        **error);
gboolean      bp_network_add_layer          (BpNetwork      *self,
                                             guint           layer,
                                             guint           size,
                                             GError        **error);
gboolean      bp_network_remove_layer       (BpNetwork      *self,
                                             guint           layer,
                                             GError        **error);
gboolean      bp_network_add_neuron         (BpNetwork      *self,
                                             guint           layer,
                                             guint           index,
                                             GError        **error);
gboolean      bp_network_remove_neuron      (BpNetwork      *self,
                                             guint           layer,
                                             guint           index,
                                             GError        **error);
BpLoss        bp_network_get_loss_kind      (BpNetwork      *self);
gboolean      bp_network_set_loss_kind      (BpNetwork      *self,
                                             BpLoss          loss,
                                             GError        **error);
double        bp_network_get_learning_rate  (BpNetwork      *self);
void          bp_network_set_learning_rate  (BpNetwork      *self,
                                             double          learning_rate);
guint64       bp_network_get_step_count     (BpNetwork      *self);
guint32       bp_network_get_seed           (BpNetwork      *self);
gboolean      bp_network_has_seed           (BpNetwork      *self);
double        bp_network_get_loss           (BpNetwork      *self);
gboolean      bp_network_get_diverged       (BpNetwork      *self);

double        bp_network_get_input          (BpNetwork      *self,
                                             guint           index);
void          bp_network_set_input          (BpNetwork      *self,
                                             guint           index,
                                             double          value);
void          bp_network_set_inputs         (BpNetwork      *self,
                                             const double   *values);
double        bp_network_get_target         (BpNetwork      *self,
                                             guint           index);
gboolean      bp_network_set_target         (BpNetwork      *self,
                                             guint           index,
                                             double          value,
                                             GError        **error);

double        bp_network_get_weight         (BpNetwork      *self,
                                             guint           layer,
                                             guint           to,
                                             guint           from);
gboolean      bp_network_set_weight         (BpNetwork      *self,
                                             guint           layer,
                                             guint           to,
                                             guint           from,
                                             double          value,
                                             GError        **error);
double        bp_network_get_bias           (BpNetwork      *self,
                                             guint           layer,
                                             guint           to);
gboolean      bp_network_set_bias           (BpNetwork      *self,
                                             guint           layer,
                                             guint           to,
                                             double          value,
                                             GError        **error);

gboolean      bp_network_step               (BpNetwork      *self,
                                             GError        **error);
gboolean      bp_network_step_n             (BpNetwork      *self,
                                             guint           n_steps,
                                             GError        **error);
void          bp_network_reset              (BpNetwork      *self,
                                             guint32         seed);
const BpHistory *bp_network_get_history     (BpNetwork      *self);
const BpHealth *bp_network_get_health       (BpNetwork      *self);
BpUndo       *bp_network_get_undo           (BpNetwork      *self);
const BpFileExtras *bp_network_get_extras   (BpNetwork      *self);
const BpDataset *bp_network_get_dataset     (BpNetwork      *self);
const char   *bp_network_get_dataset_source (BpNetwork      *self);
char         *bp_network_torch_script       (BpNetwork      *self,
                                             const char     *name,
                                             guint64         n_steps);

/* Dataset mode: bp-network-dataset.c */
BpFileMode    bp_network_get_mode           (BpNetwork      *self);
gboolean      bp_network_set_mode           (BpNetwork      *self,
                                             BpFileMode      mode,
                                             GError        **error);
void          bp_network_set_dataset        (BpNetwork      *self,
                                             const BpDataset *dataset,
                                             const char     *source);
gboolean      bp_network_regenerate         (BpNetwork      *self,
                                             guint32         seed,
                                             GError        **error);
BpFeatureSet  bp_network_get_features       (BpNetwork      *self);
void          bp_network_set_features       (BpNetwork      *self,
                                             BpFeatureSet    features);
guint         bp_network_get_batch_size     (BpNetwork      *self);
void          bp_network_set_batch_size     (BpNetwork      *self,
                                             guint           batch_size);
BpRegularization bp_network_get_regularization (BpNetwork   *self,
                                             double         *rate);
gboolean      bp_network_set_regularization (BpNetwork      *self,
                                             BpRegularization regularization,
                                             double          rate,
                                             GError        **error);
guint64       bp_network_get_epoch          (BpNetwork      *self);
double        bp_network_get_train_loss     (BpNetwork      *self);
double        bp_network_get_test_loss      (BpNetwork      *self);
double        bp_network_get_train_accuracy (BpNetwork      *self);
double        bp_network_get_test_accuracy  (BpNetwork      *self);

/* Points drawn by hand (dataset mode): bp-network-points.c */
gboolean      bp_network_add_point          (BpNetwork      *self,
                                             double          x1,
                                             double          x2,
                                             double          label,
                                             GError        **error);
guint         bp_network_erase_points       (BpNetwork      *self,
                                             double          x1,
                                             double          x2,
                                             double          radius);

/* The timeline of the steps taken: bp-network-timeline.c */
BpTimeline   *bp_network_get_timeline       (BpNetwork      *self);
gboolean      bp_network_seek               (BpNetwork      *self,
                                             guint           branch,
                                             guint64         step,
                                             GError        **error);

/* Learning-rate ghosts: bp-network-ghosts.c */
typedef struct {
  double factor;      /* the multiple of η the step takes */
  double loss;        /* the chart's loss after that one step; NaN when it diverged */
  gboolean diverged;  /* the step would overflow, or make the loss run away */
} BpGhost;

gboolean      bp_ghost_runs_away            (double          before,
                                             double          after);
guint         bp_network_ghost_losses       (BpNetwork      *self,
                                             const double   *factors,
                                             guint           n,
                                             BpGhost        *out);

G_END_DECLS
