/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-trainer.h: BpTrainer, the play loop over a BpNetwork and the watch for a loss that runs
 * away. */
#pragma once

#include <gio/gio.h>
#include <math.h>

#include "bp-network.h"
#include "bp-playback.h"

G_BEGIN_DECLS

#define BP_TYPE_TRAINER (bp_trainer_get_type ())
#define BP_TYPE_TRAINER_TROUBLE (bp_trainer_trouble_get_type ())

/**
 * BpTrainerTrouble:
 * @BP_TRAINER_TROUBLE_NONE: training goes as it should
 * @BP_TRAINER_TROUBLE_DIVERGED: the next step would make a number infinite, so it was refused
 * @BP_TRAINER_TROUBLE_RUNAWAY: the loss of the steps grew to a thousand times its best
 *
 * Why training stopped by itself.
 */
typedef enum {
  BP_TRAINER_TROUBLE_NONE,
  BP_TRAINER_TROUBLE_DIVERGED,
  BP_TRAINER_TROUBLE_RUNAWAY,
} BpTrainerTrouble;

GType bp_trainer_trouble_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (BpTrainer, bp_trainer, BP, TRAINER, GObject)

/* Play runs at most this many steps per second, and at least one every five seconds: slow
 * enough that each step can be shown whole (3 s at the normal animation speed). */
#define BP_TRAINER_MIN_RATE 0.2
#define BP_TRAINER_MAX_RATE 1000.0
/* The rate beyond them: as many steps as fit in each frame (in its first
 * BP_TRAINER_FRAME_BUDGET_US microseconds; the rest is the views'). */
#define BP_TRAINER_FASTEST INFINITY
#define BP_TRAINER_FRAME_BUDGET_US 4000.0

/* A loss this many times above its best since the last baseline has run away. */
#define BP_TRAINER_RUNAWAY_FACTOR 1000.0

BpTrainer        *bp_trainer_new           (BpPlayback *playback);
BpNetwork        *bp_trainer_get_network   (BpTrainer  *self);
BpPlayback       *bp_trainer_get_playback  (BpTrainer  *self);
gboolean          bp_trainer_get_playing   (BpTrainer  *self);
void              bp_trainer_set_playing   (BpTrainer  *self,
                                            gboolean   playing);
double            bp_trainer_get_rate      (BpTrainer  *self);
void              bp_trainer_set_rate      (BpTrainer  *self,
                                            double     rate);
gboolean          bp_trainer_get_animated  (BpTrainer  *self);
BpTrainerTrouble  bp_trainer_get_trouble   (BpTrainer  *self);
double            bp_trainer_get_speed     (BpTrainer  *self);
gboolean          bp_trainer_step          (BpTrainer  *self,
                                            guint      n_steps);
void              bp_trainer_advance       (BpTrainer  *self,
                                            gint64     frame_time_us);
gboolean          bp_trainer_next_phase    (BpTrainer  *self);
gboolean          bp_trainer_previous_phase (BpTrainer  *self);
void              bp_trainer_restart       (BpTrainer  *self);

G_END_DECLS
