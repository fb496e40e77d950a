/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-view-style.h: the palette a view draws in: the user's choice of palette under the
 * system's dark and high-contrast styles, and the redraw when those change. */
#pragma once

#include <gtk/gtk.h>

#include "bp-palette.h"

G_BEGIN_DECLS

const BpPalette *bp_view_style_palette           (BpPaletteChoice  choice);
void             bp_view_style_redraw_on_change  (GtkWidget       *widget);

G_END_DECLS
