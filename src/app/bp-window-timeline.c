/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-timeline.c: rewinding training. The scrubber under the loss chart (BpTimelineBar)
 * and the keys Alt+Left and Alt+Right (GNOME's Back and Forward) rewind the whole window to
 * a recorded step through win.timeline-seek, which pauses Play first; File → Export writes
 * the timeline as CSV. The network does the rest: bp_network_seek() replays the step and
 * every view follows its signals. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bp-timeline.h"
#include "bp-timeline-bar.h"
#include "bp-window-private.h"

/* Shows @step of @branch: Play pauses, since its next step would start a branch at once. */
static void
seek (BpWindow *self,
      guint     branch,
      guint64   step)
{
  g_autoptr(GError) error = NULL;

  if (bp_trainer_get_playing (self->trainer))
    bp_trainer_set_playing (self->trainer, FALSE);
  if (!bp_network_seek (self->network, branch, step, &error))
    _bp_window_toast (self, error->message);
}

static void
timeline_seek_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  guint branch;
  guint64 step;

  g_variant_get (parameter, "(ut)", &branch, &step);
  seek (BP_WINDOW (widget), branch, step);
}

/* One step back or forward on the branch shown, within its recorded steps. */
static void
timeline_move_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);
  BpTimeline *timeline = bp_network_get_timeline (self->network);
  gboolean back = g_str_equal (action_name, "win.timeline-back");
  guint branch;
  guint64 cursor;

  if (timeline == NULL)
    return;
  branch = bp_timeline_get_current_branch (timeline);
  cursor = bp_timeline_get_cursor (timeline);
  if (back && cursor > bp_timeline_get_first_step (timeline, branch))
    seek (self, branch, cursor - 1);
  else if (!back && cursor < bp_timeline_get_last_step (timeline, branch))
    seek (self, branch, cursor + 1);
  else
    gtk_widget_error_bell (widget);
}

void
_bp_window_class_add_timeline_actions (GtkWidgetClass *widget_class)
{
  g_type_ensure (BP_TYPE_TIMELINE_BAR);
  gtk_widget_class_bind_template_child (widget_class, BpWindow, timeline_bar);
  gtk_widget_class_install_action (widget_class, "win.timeline-seek", "(ut)",
                                   timeline_seek_action);
  /* GNOME's Back and Forward: Ctrl+Alt+arrows switch workspaces, "[" and "]" are typed. */
  _bp_window_add_action_with_keys (widget_class, "win.timeline-back", timeline_move_action,
                                   GDK_KEY_Left, GDK_ALT_MASK);
  _bp_window_add_action_with_keys (widget_class, "win.timeline-forward", timeline_move_action,
                                   GDK_KEY_Right, GDK_ALT_MASK);
}

/* After the window's network exists. */
void
_bp_window_timeline_init (BpWindow *self)
{
  bp_timeline_bar_set_network (self->timeline_bar, self->network);
}

/**
 * _bp_window_export_timeline:
 * @self: a window
 * @file: where to write
 * @error: return location for a #GError
 *
 * Writes the network's timeline as CSV: a row per recorded step of every branch with its
 * loss, η and parameters (bp_timeline_write_csv()).
 *
 * Returns: whether it was written
 */
gboolean
_bp_window_export_timeline (BpWindow  *self,
                            GFile     *file,
                            GError   **error)
{
  BpTimeline *timeline = bp_network_get_timeline (self->network);
  g_autoptr(GFileOutputStream) stream = NULL;

  if (timeline == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           /* Translators: exporting the timeline before any step */
                           _("The timeline has no steps yet: take a step first"));
      return FALSE;
    }
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!bp_timeline_write_csv (timeline, G_OUTPUT_STREAM (stream), error))
    return FALSE;
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
