/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-pace.c: once-a-frame refreshes and throttled calls for the views. */
#include "config.h"

#include "bp-pace.h"

/**
 * bp_frame_refresh_init:
 * @self: the refresh, inside @widget's instance
 * @widget: the widget whose text @refresh rewrites
 * @refresh: rewrites the text from the model
 */
void
bp_frame_refresh_init (BpFrameRefresh *self,
                       GtkWidget      *widget,
                       BpPaceFunc      refresh)
{
  *self = (BpFrameRefresh) { widget, refresh, FALSE, 0 };
}

static gboolean
tick_cb (GtkWidget     *widget G_GNUC_UNUSED,
         GdkFrameClock *clock G_GNUC_UNUSED,
         gpointer       data)
{
  BpFrameRefresh *self = data;

  self->tick_id = 0;
  self->stale = FALSE;
  self->refresh (self->widget);
  return G_SOURCE_REMOVE;
}

/**
 * bp_frame_refresh_queue:
 * @self: a refresh
 *
 * Says the model changed: the text is rewritten at the next frame if the widget is mapped,
 * else when it is mapped or bp_frame_refresh_flush() is called.
 */
void
bp_frame_refresh_queue (BpFrameRefresh *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (self->widget) && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (self->widget, tick_cb, self, NULL);
}

/**
 * bp_frame_refresh_now:
 * @self: a refresh
 *
 * Rewrites the text now, and drops a rewrite waiting for the next frame.
 */
void
bp_frame_refresh_now (BpFrameRefresh *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
  self->stale = FALSE;
  self->refresh (self->widget);
}

/**
 * bp_frame_refresh_flush:
 * @self: a refresh
 *
 * Rewrites the text now if the model changed since it was last written: for a caller that
 * reads the text.
 */
void
bp_frame_refresh_flush (BpFrameRefresh *self)
{
  if (self->stale)
    bp_frame_refresh_now (self);
}

/**
 * bp_frame_refresh_clear:
 * @self: a refresh
 *
 * Drops a waiting rewrite; called from the widget's dispose.
 */
void
bp_frame_refresh_clear (BpFrameRefresh *self)
{
  if (self->tick_id != 0 && self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
}

/**
 * bp_throttle_init:
 * @self: the throttle, inside @widget's instance
 * @widget: what @func is called with
 * @interval_ms: the least time between two calls
 * @func: what to call
 */
void
bp_throttle_init (BpThrottle *self,
                  GtkWidget  *widget,
                  guint       interval_ms,
                  BpPaceFunc  func)
{
  *self = (BpThrottle) { widget, func, interval_ms, 0, 0 };
}

/**
 * bp_throttle_now:
 * @self: a throttle
 *
 * Calls the function now and drops a waiting call.
 */
void
bp_throttle_now (BpThrottle *self)
{
  g_clear_handle_id (&self->source_id, g_source_remove);
  self->last_us = g_get_monotonic_time ();
  self->func (self->widget);
}

static gboolean
due_cb (gpointer data)
{
  BpThrottle *self = data;

  self->source_id = 0;
  bp_throttle_now (self);
  return G_SOURCE_REMOVE;
}

/**
 * bp_throttle_call:
 * @self: a throttle
 *
 * Calls the function now if the interval has passed since the last call, else once it has:
 * while a model changes every frame the function runs a few times a second, and the last
 * change always reaches it.
 */
void
bp_throttle_call (BpThrottle *self)
{
  gint64 since_ms = (g_get_monotonic_time () - self->last_us) / 1000;

  if (self->source_id != 0)
    return;
  if (since_ms >= self->interval_ms)
    bp_throttle_now (self);
  else
    self->source_id = g_timeout_add (self->interval_ms - (guint) since_ms, due_cb, self);
}

/**
 * bp_throttle_call_for_text:
 * @self: a throttle whose function tells screen readers *@text
 * @text: (inout): the text last kept, in the widget's instance
 * @new_text: (transfer full): the text now
 *
 * Keeps @new_text in @text and, when it differs from the text kept before, calls the
 * function as bp_throttle_call () does: an unchanged description is not sent again.
 */
void
bp_throttle_call_for_text (BpThrottle  *self,
                           char       **text,
                           char        *new_text)
{
  if (g_strcmp0 (new_text, *text) == 0)
    {
      g_free (new_text);
      return;
    }
  g_free (*text);
  *text = new_text;
  bp_throttle_call (self);
}

/**
 * bp_throttle_clear:
 * @self: a throttle
 *
 * Drops a waiting call; called from the widget's dispose.
 */
void
bp_throttle_clear (BpThrottle *self)
{
  g_clear_handle_id (&self->source_id, g_source_remove);
}
