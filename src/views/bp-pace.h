/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-pace.h: how views keep up with a model that changes many times a frame while training:
 * text rewritten once per frame (and not while hidden), accessible descriptions sent at most
 * a few times a second (the last state always arrives). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*BpPaceFunc) (GtkWidget *widget);

/* Rewrites @widget's text once per frame: embed it in the widget's instance, init it in
 * init, call bp_frame_refresh_flush() from map and bp_frame_refresh_clear() from dispose. */
typedef struct {
  GtkWidget *widget;
  BpPaceFunc refresh;
  gboolean stale;    /* the model changed since the last refresh */
  guint tick_id;     /* a refresh waiting for the next frame */
} BpFrameRefresh;

void bp_frame_refresh_init  (BpFrameRefresh *self,
                             GtkWidget      *widget,
                             BpPaceFunc      refresh);
void bp_frame_refresh_queue (BpFrameRefresh *self);
void bp_frame_refresh_now   (BpFrameRefresh *self);
void bp_frame_refresh_flush (BpFrameRefresh *self);
void bp_frame_refresh_clear (BpFrameRefresh *self);

/* Calls a function now, or once @interval_ms have passed since the last call. */
typedef struct {
  GtkWidget *widget;
  BpPaceFunc func;
  guint interval_ms;
  gint64 last_us;    /* monotonic time of the last call */
  guint source_id;   /* a call waiting for the interval to pass */
} BpThrottle;

void bp_throttle_init  (BpThrottle *self,
                        GtkWidget  *widget,
                        guint       interval_ms,
                        BpPaceFunc  func);
void bp_throttle_call  (BpThrottle *self);
void bp_throttle_call_for_text (BpThrottle  *self,
                                char       **text,
                                char        *new_text);
void bp_throttle_now   (BpThrottle *self);
void bp_throttle_clear (BpThrottle *self);

G_END_DECLS
