/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-window-ghosts.c: the learning-rate ghosts of the loss chart: the stateful action
 * win.show-ghosts, kept in the "show-ghosts" setting (a switch in Preferences). */
#define G_LOG_DOMAIN "bp-window"

#include "config.h"

#include "bp-window-private.h"

/**
 * _bp_window_ghosts_init:
 * @self: a window, its settings made (or %NULL without the schema)
 *
 * Adds win.show-ghosts, which toggles the loss chart's ghosts, and keeps its state in the
 * "show-ghosts" setting both ways, so the Preferences switch and the action agree.
 */
void
_bp_window_ghosts_init (BpWindow *self)
{
  g_autoptr(GPropertyAction) action = g_property_action_new ("show-ghosts", self->sparkline,
                                                             "show-ghosts");

  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
  if (self->settings != NULL)
    g_settings_bind (self->settings, "show-ghosts", self->sparkline, "show-ghosts",
                     G_SETTINGS_BIND_DEFAULT);
}
