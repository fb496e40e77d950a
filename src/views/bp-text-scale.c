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

/**
 * bp_text_scale_for_zoom:
 * @widget: a widget on a display
 * @zoom: the diagram's zoom, which the widget's text follows
 *
 * Returns: the factor by which the widget scales its text: the system's text scale times
 *   @zoom, never below the system's alone
 */
double
bp_text_scale_for_zoom (GtkWidget *widget,
                        double     zoom)
{
  return bp_text_scale_for_widget (widget) * MAX (1.0, zoom);
}

/**
 * bp_text_scale_zoom_param_spec:
 *
 * The "zoom" property of a side panel's view, which the window binds to the diagram's zoom:
 * 0.1 to 10, 1 at first, notified explicitly.
 *
 * Returns: (transfer floating): a new property
 */
GParamSpec *
bp_text_scale_zoom_param_spec (void)
{
  return g_param_spec_double ("zoom", NULL, NULL, 0.1, 10.0, 1.0,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                              | G_PARAM_STATIC_STRINGS);
}
