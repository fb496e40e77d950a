/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape-fast.h: the grid of bp_landscape_grid() for pictures: the layers below the
 * moved weights computed once, the rest with the batched engine, exact or fast, rows shared
 * by threads. */
#pragma once

#include "bp-forward-batch.h"
#include "bp-landscape.h"

G_BEGIN_DECLS

/* The most threads one grid takes. */
#define BP_LANDSCAPE_MAX_THREADS 8

typedef struct _BpLandscapeEval BpLandscapeEval;

BpLandscapeEval *bp_landscape_eval_new    (const BpNet           *net,
                                           const BpWeightRef      weights[2],
                                           const BpLandscapeData *data,
                                           BpForwardMode          mode);
void             bp_landscape_eval_free   (BpLandscapeEval       *eval);
gboolean         bp_landscape_eval_rows   (BpLandscapeEval       *eval,
                                           double                 span,
                                           guint                  grid,
                                           const guint           *outers,
                                           guint                  n_outers,
                                           guint                  part,
                                           guint                  n_parts,
                                           const gint            *cancel,
                                           double                *values);
gboolean         bp_landscape_grid_rows   (const BpNet           *net,
                                           const BpWeightRef      weights[2],
                                           double                 span,
                                           guint                  grid,
                                           const BpLandscapeData *data,
                                           BpForwardMode          mode,
                                           guint                  n_threads,
                                           const guint           *outers,
                                           guint                  n_outers,
                                           const gint            *cancel,
                                           double                *values);
gboolean         bp_landscape_grid_cached (const BpNet           *net,
                                           const BpWeightRef      weights[2],
                                           double                 span,
                                           guint                  grid,
                                           const BpLandscapeData *data,
                                           BpForwardMode          mode,
                                           guint                  n_threads,
                                           const gint            *cancel,
                                           double                *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpLandscapeEval, bp_landscape_eval_free)

G_END_DECLS
