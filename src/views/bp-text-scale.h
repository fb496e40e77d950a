/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

double bp_text_scale_for_widget (GtkWidget *widget);

G_END_DECLS
