/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-probe.h: one parameter's gradient checked by hand: the loss as that weight or bias
 * alone moves, its central-difference slope beside backprop's ∂L/∂p, and the curve around
 * the parameter's value. Everything is computed on a copy; the network is never touched.
 */
#pragma once

#include "bp-core.h"

G_BEGIN_DECLS

/* The `from` of a probe of a bias. */
#define BP_PROBE_BIAS G_MAXUINT

/* The tolerance of `backprop-cli gradcheck`: a relative error at most this agrees. */
#define BP_PROBE_TOLERANCE 1e-6

/* What a probe found. All fields are read-only. */
typedef struct {
  guint layer;            /* weight layer */
  guint to;               /* neuron of layer + 1 */
  guint from;             /* neuron of layer, or BP_PROBE_BIAS */
  gboolean batch;         /* L is a mini-batch's loss, not the net's own example's */
  double value;           /* the parameter p */
  double loss;            /* L(p), bit for bit the engine's */
  double gradient;        /* ∂L/∂p as backprop computes it */
  double h;               /* the step of the central difference, 10⁻⁵·max(1, |p|) */
  double slope;           /* (L(p + h) − L(p − h)) / 2h, the losses in long double */
  double relative_error;  /* |g − s| / max(10⁻⁸, |g| + |s|), as gradcheck measures it */
  gboolean kink;          /* a ReLU, or L1's |w|, bends within p ± h: no slope to check */
  gboolean finite;        /* every number above and on the curve is finite */
  double span;            /* the curve covers p − span … p + span */
  guint n_points;         /* odd; the middle point is p itself */
  double *xs;             /* the parameter's values */
  double *ys;             /* L at each, as the engine computes it */
} BpProbe;

BpProbe      *bp_probe_new                (const BpNet    *net,
                                           guint           layer,
                                           guint           to,
                                           guint           from,
                                           const double   *inputs,
                                           const double   *targets,
                                           guint           n_samples,
                                           guint           n_points);
void          bp_probe_free               (BpProbe        *probe);
double        bp_probe_relative_error     (double          analytic,
                                           double          numeric);
guint         bp_probe_digits             (const BpProbe  *probe);
guint         bp_probe_budget_points      (const BpNet    *net,
                                           guint           n_samples);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpProbe, bp_probe_free)

G_END_DECLS
