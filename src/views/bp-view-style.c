/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-view-style.c: the palette a view draws in. GTK 4.8 cannot tell a widget the theme's
 * colours, so each view resolves the app's own palettes by AdwStyleManager's flags. */
#define G_LOG_DOMAIN "bp-view-style"

#include "config.h"

#include "bp-view-style.h"

#include <adwaita.h>

/**
 * bp_view_style_palette:
 * @choice: the user's choice of palette
 *
 * Returns: (transfer none): the palette of @choice under the system's dark and
 *   high-contrast styles as they are now
 */
const BpPalette *
bp_view_style_palette (BpPaletteChoice choice)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  return bp_palette_resolve (choice, adw_style_manager_get_dark (manager),
                             adw_style_manager_get_high_contrast (manager));
}

/**
 * bp_view_style_redraw_on_change:
 * @widget: what draws in bp_view_style_palette ()
 *
 * Redraws @widget whenever the system's dark or high-contrast style changes, for as long as
 * it lives.
 */
void
bp_view_style_redraw_on_change (GtkWidget *widget)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (gtk_widget_queue_draw),
                           widget, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), widget, G_CONNECT_SWAPPED);
}
