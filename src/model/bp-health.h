/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-health.h: gradient health. The norm of each weight layer's gradient at every recent
 * step, and the neurons that pass (almost) no gradient: saturated tanh or sigmoid neurons
 * and dead ReLUs. BpNetwork keeps one and records into it as it trains. */
#pragma once

#include <glib.h>

#include "bp-core.h"
#include "bp-forward-batch.h"

G_BEGIN_DECLS

#define BP_HEALTH_STEPS 200            /* the recent steps the strip shows */
#define BP_HEALTH_DEAD_STEPS 100       /* a ReLU is dead after 0 on every example of these */
#define BP_HEALTH_SATURATED_SHARE 0.01 /* saturated: slope under 1 % of the function's most */
#define BP_HEALTH_VANISHING 1e-5       /* a gradient norm under this is vanishing */
#define BP_HEALTH_EXPLODING 10.0       /* and over this, exploding */

/* What a neuron passes back. */
typedef enum {
  BP_NEURON_HEALTHY,
  BP_NEURON_SATURATED,  /* tanh or sigmoid with a local slope under 1 % of its maximum */
  BP_NEURON_DEAD,       /* ReLU with output 0 on every recent example */
} BpNeuronHealth;

/* How the last gradient norm of a layer reads. */
typedef enum {
  BP_GRADIENT_UNKNOWN,  /* no step recorded yet */
  BP_GRADIENT_STEADY,
  BP_GRADIENT_VANISHING,
  BP_GRADIENT_EXPLODING,
} BpGradientTrend;

typedef struct _BpHealth BpHealth;

BpHealth       *bp_health_new             (void);
void            bp_health_free            (BpHealth          *health);
void            bp_health_clear           (BpHealth          *health);

/* Recording: BpNetwork calls these. */
void            bp_health_take_gradient   (BpHealth          *health,
                                           const BpNet       *net,
                                           gboolean           with_example);
void            bp_health_commit_step     (BpHealth          *health,
                                           guint64            step);
void            bp_health_measure         (BpHealth          *health,
                                           const BpNet       *net,
                                           guint64            step,
                                           const BpForwardBatch *train);

/* Reading. */
guint           bp_health_get_n_layers    (const BpHealth    *health);
guint           bp_health_get_n_steps     (const BpHealth    *health);
guint64         bp_health_get_last_step   (const BpHealth    *health);
gboolean        bp_health_get_step        (const BpHealth    *health,
                                           guint              index,
                                           guint64           *step);
double          bp_health_get_norm        (const BpHealth    *health,
                                           guint              layer,
                                           guint              index);
double          bp_health_get_last_norm   (const BpHealth    *health,
                                           guint              layer);
BpGradientTrend bp_health_get_trend       (const BpHealth    *health,
                                           guint              layer);
gboolean        bp_health_matches         (const BpHealth    *health,
                                           const BpNet       *net);
gboolean        bp_health_over_dataset    (const BpHealth    *health);
BpNeuronHealth  bp_health_get_neuron      (const BpHealth    *health,
                                           guint              layer,
                                           guint              index,
                                           double            *slope);
guint           bp_health_count           (const BpHealth    *health,
                                           BpNeuronHealth     kind);
double          bp_health_gradient_norm   (const BpNet       *net,
                                           guint              layer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpHealth, bp_health_free)

G_END_DECLS
