/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file.h: network files, JSON with {"format": "backprop-network", "version": 1, …}. */
#pragma once

#include <gio/gio.h>

#include "bp-core.h"
#include "bp-history.h"

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

/* What a state file adds to a network file: the loss history (network files carry it too)
 * and the document the state belongs to. Older readers ignore both keys. */
typedef struct {
  gboolean has_history;
  guint n_history;
  BpHistoryPoint *history;     /* n_history points, oldest first */
  gboolean has_document;
  char *document_path;         /* the network file it was opened from, or NULL: Untitled */
  gboolean document_modified;  /* it has changes not saved to that file */
} BpFileSession;

void      bp_file_session_clear (BpFileSession   *session);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BpFileSession, bp_file_session_clear)

BpNet    *bp_file_load_bytes_full (GBytes             *bytes,
                                   BpFileExtras       *extras,
                                   BpFileSession      *session,
                                   GError            **error);
BpNet    *bp_file_load_full  (GFile              *file,
                              BpFileExtras       *extras,
                              BpFileSession      *session,
                              GError            **error);
GBytes   *bp_file_to_bytes_full (const BpNet        *net,
                                 const BpFileExtras *extras,
                                 const BpFileSession *session);
gboolean  bp_file_save_full  (const BpNet        *net,
                              const BpFileExtras *extras,
                              const BpFileSession *session,
                              GFile              *file,
                              GError            **error);

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

gboolean  bp_file_replace_safely (GFile          *file,
                                  GBytes         *contents,
                                  GError        **error);

G_END_DECLS
