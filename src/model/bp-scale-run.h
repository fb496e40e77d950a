/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-scale-run.h: BpScaleRun, a measurement of how forward and backward passes grow with the
 * network (bp-scale.h), run size by size on a worker thread, and the last one kept on disk. */
#pragma once

#include <gio/gio.h>

#include "bp-scale.h"

G_BEGIN_DECLS

#define BP_TYPE_SCALE_RUN (bp_scale_run_get_type ())

G_DECLARE_FINAL_TYPE (BpScaleRun, bp_scale_run, BP, SCALE_RUN, GObject)

BpScaleRun       *bp_scale_run_new            (void);
void              bp_scale_run_start          (BpScaleRun  *self,
                                               guint64      max_params);
void              bp_scale_run_cancel         (BpScaleRun  *self);
gboolean          bp_scale_run_get_running    (BpScaleRun  *self);
guint64           bp_scale_run_get_max_params (BpScaleRun  *self);
guint             bp_scale_run_get_n_planned  (BpScaleRun  *self);
const BpScaleRow *bp_scale_run_get_planned    (BpScaleRun  *self,
                                               guint        index);
const BpScaleRow *bp_scale_run_get_rows       (BpScaleRun  *self,
                                               guint       *n_rows);
GDateTime        *bp_scale_run_get_date       (BpScaleRun  *self);
void              bp_scale_run_set_round_ns   (BpScaleRun  *self,
                                               guint64      round_ns);

GFile            *bp_scale_run_get_default_file (void);
gboolean          bp_scale_run_load           (BpScaleRun  *self,
                                               GFile       *file,
                                               GError     **error);
gboolean          bp_scale_run_save           (BpScaleRun  *self,
                                               GFile       *file,
                                               GError     **error);

G_END_DECLS
