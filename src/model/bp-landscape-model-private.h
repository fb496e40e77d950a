/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape-model-private.h: the jobs of BpLandscapeModel (bp-landscape-job.c): a copy of
 * the network and its points, computed in a thread, each refinement delivered to the main
 * thread. */
#pragma once

#include "bp-landscape-model.h"

G_BEGIN_DECLS

/* What a thread needs, copied: the model is only touched back on the main thread. */
typedef struct {
  gatomicrefcount ref_count;
  BpLandscapeModel *model;  /* main thread only; NULL once the model let go of the job */
  BpNet *net;
  double *inputs;
  double *targets;
  BpLandscapeData data;
  BpWeightRef weights[2];
  double span;
  guint grid;
  BpForwardMode mode;
  gint cancel;              /* non-zero: stop (atomic) */
  GMainContext *context;    /* where the slices are delivered */
  GSourceFunc deliver_func; /* called there with a BpLandscapeDelivery */
} BpLandscapeJob;

/* One slice of a job, handed to the main thread. */
typedef struct {
  BpLandscapeJob *job;
  BpLandscapeSlice *slice;
} BpLandscapeDelivery;

void            _bp_landscape_slice_free (BpLandscapeSlice *slice);
BpLandscapeJob *_bp_landscape_job_new    (BpNetwork         *network,
                                          const BpWeightRef  weights[2],
                                          double             span,
                                          guint              grid,
                                          BpForwardMode      mode);
BpLandscapeJob *_bp_landscape_job_ref    (BpLandscapeJob    *job);
void            _bp_landscape_job_unref  (gpointer           job);
void            _bp_landscape_job_run    (BpLandscapeJob    *job,
                                          GSourceFunc        deliver_func);

G_END_DECLS
