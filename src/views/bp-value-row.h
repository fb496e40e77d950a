/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-value-row.h: BpValueRow, a row with a slider for the usual range of a number and a spin
 * button for its exact value. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BP_TYPE_VALUE_ROW (bp_value_row_get_type ())

G_DECLARE_FINAL_TYPE (BpValueRow, bp_value_row, BP, VALUE_ROW, AdwActionRow)

GtkWidget *bp_value_row_new             (const char    *name,
                                         double         lower,
                                         double         upper);
double     bp_value_row_get_value       (BpValueRow    *self);
void       bp_value_row_set_value       (BpValueRow    *self,
                                         double         value);
void       bp_value_row_set_bounds      (BpValueRow    *self,
                                         double         lower,
                                         double         upper,
                                         double         spin_lower,
                                         double         spin_upper);
void       bp_value_row_make_spin_exact (GtkSpinButton *spin);

G_END_DECLS
