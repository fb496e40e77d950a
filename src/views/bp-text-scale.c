/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bp-text-scale"

#include "config.h"

#include "bp-text-scale.h"

/**
 * bp_text_scale_for_widget:
 * @widget: a widget on a display
 *
 * The one text-scale rule of every view: the system's large-text setting reaches GTK as
 * the font resolution, and 96 dpi is a factor of 1. Clamped to GNOME's own range for the
 * text scaling factor, 0.5 to 3.
 *
 * Returns: the factor by which the view scales its text
 */
double
bp_text_scale_for_widget (GtkWidget *widget)
{
  int dpi = -1;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 1.0);

  g_object_get (gtk_widget_get_settings (widget), "gtk-xft-dpi", &dpi, NULL);
  return dpi > 0 ? CLAMP (dpi / (96.0 * 1024.0), 0.5, 3.0) : 1.0;
}
