/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-playback.h: BpPlayback, the moment of a step that every view shows. */
#pragma once

#include <gio/gio.h>

#include "bp-moment.h"
#include "bp-network.h"

G_BEGIN_DECLS

#define BP_TYPE_PLAYBACK (bp_playback_get_type ())

/* A step shown at speed 1 lasts this long: the update, then the two passes in equal parts. */
#define BP_PLAYBACK_STEP_SECONDS 3.0
#define BP_PLAYBACK_UPDATE_SECONDS 0.6

G_DECLARE_FINAL_TYPE (BpPlayback, bp_playback, BP, PLAYBACK, GObject)

BpPlayback     *bp_playback_new               (BpNetwork    *network);
BpNetwork      *bp_playback_get_network       (BpPlayback   *self);
const BpMoment *bp_playback_get_moment        (BpPlayback   *self);
BpPhase         bp_playback_get_phase         (BpPlayback   *self);
gboolean        bp_playback_get_animating     (BpPlayback   *self);
gboolean        bp_playback_get_holding       (BpPlayback   *self);
gboolean        bp_playback_get_busy          (BpPlayback   *self);
double          bp_playback_get_speed         (BpPlayback   *self);
void            bp_playback_set_speed         (BpPlayback   *self,
                                               double        speed);
gboolean        bp_playback_get_motion        (BpPlayback   *self);
void            bp_playback_set_motion        (BpPlayback   *self,
                                               gboolean      motion);
double          bp_playback_get_step_duration (BpPlayback   *self);
const BpNet    *bp_playback_get_before        (BpPlayback   *self);
const BpNet    *bp_playback_get_after         (BpPlayback   *self);
const BpNet    *bp_playback_values_net        (BpPlayback   *self,
                                               guint         layer);
const BpNet    *bp_playback_loss_net          (BpPlayback   *self);
const BpNet    *bp_playback_gradients_net     (BpPlayback   *self,
                                               guint         weight_layer);
const BpNet    *bp_playback_deltas_net        (BpPlayback   *self,
                                               guint         layer);
guint64         bp_playback_get_shown_step    (BpPlayback   *self);
guint64         bp_playback_get_loss_step     (BpPlayback   *self);
void            bp_playback_show_next_step    (BpPlayback   *self,
                                               gboolean      hold);
void            bp_playback_advance           (BpPlayback   *self,
                                               gint64        frame_time_us);
gboolean        bp_playback_next              (BpPlayback   *self);
gboolean        bp_playback_previous          (BpPlayback   *self);
gboolean        bp_playback_hold_at           (BpPlayback   *self,
                                               const BpMoment *moment);
void            bp_playback_finish            (BpPlayback   *self);

G_END_DECLS
