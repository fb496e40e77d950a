/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape-view.h: "Landscape": the loss over two weights of the network around where it
 * stands, drawn from a BpLandscapeModel, which computes while the view is shown. */
#pragma once

#include <gtk/gtk.h>

#include "bp-landscape-model.h"
#include "bp-palette.h"

G_BEGIN_DECLS

#define BP_TYPE_LANDSCAPE_VIEW (bp_landscape_view_get_type ())
G_DECLARE_FINAL_TYPE (BpLandscapeView, bp_landscape_view, BP, LANDSCAPE_VIEW, GtkWidget)

GtkWidget  *bp_landscape_view_new            (void);
void        bp_landscape_view_set_model      (BpLandscapeView   *self,
                                              BpLandscapeModel  *model);
BpLandscapeModel *bp_landscape_view_get_model (BpLandscapeView  *self);
void        bp_landscape_view_set_palette_choice (BpLandscapeView *self,
                                              BpPaletteChoice    choice);
char       *bp_landscape_view_describe       (BpLandscapeView   *self);
gboolean    bp_landscape_view_export         (BpLandscapeView   *self,
                                              GFile             *file,
                                              GError           **error);

G_END_DECLS
