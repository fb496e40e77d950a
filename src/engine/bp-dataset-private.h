/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-dataset-private.h: what the dataset's own files share. */
#pragma once

#include "bp-dataset.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL
void          bp_dataset_shuffle_points      (GRand           *rand,
                                              BpPoint         *points,
                                              guint            n);

G_END_DECLS
