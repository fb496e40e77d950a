/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-scale.c: Measure Scale…, the window's way to the Scale window (from the menu and
 * from the guide's last pane): one Scale window per main window, closed with it. */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include "bp-window-private.h"

#include "bp-scale-window.h"

static void
scale_destroyed_cb (BpWindow *self)
{
  self->scale_window = NULL;
}

static void
scale_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BpWindow *self = BP_WINDOW (widget);

  if (self->scale_window == NULL)
    {
      self->scale_window = GTK_WINDOW (bp_scale_window_new (GTK_WINDOW (self), self->settings));
      g_signal_connect_object (self->scale_window, "destroy", G_CALLBACK (scale_destroyed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (self->scale_window);
}

void
_bp_window_class_add_scale_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.scale", NULL, scale_action);
}

/* The Scale window goes with the main window, and its measurement stops. */
void
_bp_window_scale_dispose (BpWindow *self)
{
  if (self->scale_window == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->scale_window, self);
  gtk_window_destroy (g_steal_pointer (&self->scale_window));
}
