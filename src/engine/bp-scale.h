/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-scale.h: how the cost of a forward and of a backward pass grows with the network.
 *
 * The networks are two-weight-layer MLPs [w, w, w] (tanh hidden layer, sigmoid output,
 * squared error), the widths chosen so that their parameters grow geometrically, four
 * sizes a decade, from about 10 up to a bound. Each size is measured by itself, so a caller
 * (the CLI, or a page of the window on a worker thread) can stop between two sizes.
 */
#pragma once

#include "bp-core.h"

G_BEGIN_DECLS

#define BP_SCALE_MIN_PARAMS 10                  /* the smallest bound allowed */
#define BP_SCALE_MAX_PARAMS BP_MAX_PARAMS       /* the largest */
#define BP_SCALE_DEFAULT_MAX_PARAMS 10000000
#define BP_SCALE_ROUNDS 5                       /* the median is taken over these */
#define BP_SCALE_MAX_ROWS 64
#define BP_SCALE_ROUND_NS 10000000              /* the least time of a round: 10 ms */

/* Asked between two rounds of a measurement: TRUE to stop it. Called on the measuring
 * thread. */
typedef gboolean (*BpScaleCancelledFunc) (gpointer user_data);

typedef struct {
  guint n_sizes;
  guint sizes[BP_MAX_LAYERS + 1];
  guint64 params;       /* Σ sizes[i]·sizes[i+1] + sizes[i+1] */
  double forward_ns;    /* the median time of one bp_net_forward () */
  double backward_ns;   /* of one bp_net_backward () and every weight gradient formed */
} BpScaleRow;

guint64       bp_scale_count_params       (const guint    *sizes,
                                           guint           n_sizes);
guint         bp_scale_plan               (guint64         max_params,
                                           BpScaleRow     *rows);
gboolean      bp_scale_measure            (const guint    *sizes,
                                           guint           n_sizes,
                                           guint64         min_ns,
                                           BpScaleRow     *row,
                                           GError        **error);
gboolean      bp_scale_measure_cancellable (const guint   *sizes,
                                           guint           n_sizes,
                                           guint64         min_ns,
                                           BpScaleCancelledFunc cancelled,
                                           gpointer        user_data,
                                           BpScaleRow     *row,
                                           GError        **error);

G_END_DECLS
