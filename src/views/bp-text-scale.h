/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-text-scale.h: how large the views draw their text: the system's text scale and the
 * diagram's zoom, which the side panel's views follow. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

double      bp_text_scale_for_widget      (GtkWidget *widget);
double      bp_text_scale_for_zoom        (GtkWidget *widget,
                                           double     zoom);
GParamSpec *bp_text_scale_zoom_param_spec (void);

G_END_DECLS
