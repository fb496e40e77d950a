/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file.h: network files, JSON with {"format": "backprop-network", "version": 1, …}. */
#pragma once

#include <gio/gio.h>

#include "bp-core.h"

G_BEGIN_DECLS

#define BP_FILE_FORMAT "backprop-network"
#define BP_FILE_VERSION 1
#define BP_FILE_MAX_SIZE (256u * 1024 * 1024)

/* The optional fields of a network file besides the network itself. */
typedef struct {
  gboolean has_seed;
  guint32 seed;
  guint64 step;
} BpFileExtras;

BpNet    *bp_file_load_bytes (GBytes             *bytes,
                              BpFileExtras       *extras,
                              GError            **error);
BpNet    *bp_file_load       (GFile              *file,
                              BpFileExtras       *extras,
                              GError            **error);
GBytes   *bp_file_to_bytes   (const BpNet        *net,
                              const BpFileExtras *extras);
gboolean  bp_file_save       (const BpNet        *net,
                              const BpFileExtras *extras,
                              GFile              *file,
                              GError            **error);

G_END_DECLS
