/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-playback-private.h: what bp-playback.c (the object, its copies and what they show) and
 * bp-playback-walk.c (moving through a step) share. */
#pragma once

#include "bp-playback.h"

G_BEGIN_DECLS

struct _BpPlayback
{
  GObject parent_instance;

  BpNetwork *network;
  BpNet *before;             /* the network before the step shown, when there is one */
  BpNet *after;              /* the network at its last "backward" */
  guint64 before_step;
  guint64 after_step;
  gboolean has_step;         /* before → after is one step, which can be shown */

  BpMoment moment;
  double speed;
  gboolean motion;           /* sub-steps travel; without, they jump to their end */
  gboolean animating;        /* the moment moves with the frame clock */
  gboolean holding;          /* stopped at the end of a sub-step, walking through */
  gboolean walking;          /* every sub-step of this step stops at its end */
  gint64 start_time;         /* frame time at which the sub-step was at start_progress */
  double start_progress;

  gboolean show_next;        /* the next change is a step to be shown */
  gboolean hold_next;        /* … and walked through */
  gboolean saw_update;       /* "updated" came since the last "backward" */
};

double    _bp_playback_sub_step_seconds (BpPlayback     *self,
                                         guint           index);
void      _bp_playback_set_flags        (BpPlayback     *self,
                                         gboolean        animating,
                                         gboolean        holding);
void      _bp_playback_move_to          (BpPlayback     *self,
                                         const BpMoment *moment,
                                         gboolean        changed);
void      _bp_playback_start_sub_step   (BpPlayback     *self,
                                         guint           index,
                                         gboolean        changed);

G_END_DECLS
