/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-dataset-controls.h: the side panel's controls of dataset mode. */
#pragma once

#include <adwaita.h>

#include "bp-network.h"

G_BEGIN_DECLS

#define BP_TYPE_DATASET_CONTROLS (bp_dataset_controls_get_type ())

G_DECLARE_FINAL_TYPE (BpDatasetControls, bp_dataset_controls, BP, DATASET_CONTROLS, GtkBox)

void      bp_dataset_controls_set_network (BpDatasetControls *self,
                                           BpNetwork         *network);
void      bp_dataset_controls_sync        (BpDatasetControls *self);
gboolean  bp_dataset_controls_use         (BpNetwork         *network,
                                           const BpDataset   *dataset,
                                           const char        *source,
                                           GError           **error);

G_END_DECLS
