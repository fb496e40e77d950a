/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-torch-script.h: a network as a self-contained PyTorch script. */
#pragma once

#include "bp-file.h"

G_BEGIN_DECLS

/* The steps an exported script runs unless told otherwise. */
#define BP_TORCH_DEFAULT_STEPS 20
/* The batch size of a dataset file that does not name one (as `backprop-cli train`'s). */
#define BP_TORCH_DEFAULT_BATCH_SIZE 10

char *bp_torch_script (const BpNet        *net,
                       const BpFileExtras *extras,
                       const BpDataset    *dataset,
                       const char         *source,
                       guint64             n_steps);

G_END_DECLS
