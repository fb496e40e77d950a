/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file.h: network files, JSON with {"format": "backprop-network", "version": 1, …}. */
#pragma once

#include <gio/gio.h>

#include "bp-core.h"
#include "bp-dataset.h"
#include "bp-history.h"
#include "bp-timeline.h"

G_BEGIN_DECLS

#define BP_FILE_FORMAT "backprop-network"
#define BP_FILE_VERSION 1
#define BP_FILE_MAX_SIZE (256u * 1024 * 1024)

/* What a network is trained on: its one example ("input" and "target"), or a dataset. */
typedef enum {
  BP_FILE_MODE_EXAMPLE,
  BP_FILE_MODE_DATASET,
} BpFileMode;

#define BP_FILE_MAX_BATCH_SIZE 64

/* The optional fields of a network file besides the network itself. Each has_* field says
 * whether the file has the key; a key is written back only when its has_* is set, so a file
 * without them is written exactly as before. (The regularisation lives in the BpNet: its keys
 * are written when has_regularization is set or the network has one.) Plain values only:
 * extras are copied freely. */
typedef struct {
  gboolean has_seed;
  guint32 seed;
  guint64 step;
  gboolean has_mode;
  BpFileMode mode;
  gboolean has_features;
  BpFeatureSet features;       /* as many as sizes[0] */
  gboolean has_batch_size;
  guint batch_size;            /* 1 … BP_FILE_MAX_BATCH_SIZE */
  gboolean has_regularization;
  gboolean has_epoch;
  guint64 epoch;
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
  BpDataset *dataset;          /* the file's "dataset", or NULL */
  char *dataset_source;        /* its "source" (UTF-8) when its generator is csv, or NULL */
  struct _BpFileTimeline *timeline; /* the file's "timeline", or NULL */
} BpFileSession;

/* A branch of a file's "timeline": where it starts and what it changed there, and how many
 * steps it ran; never parameters per step. */
typedef struct {
  guint parent;                /* an earlier branch's index, or BP_TIMELINE_NO_BRANCH */
  guint64 step;                /* the step it starts from (the first: the origin's) */
  double learning_rate;
  guint64 n_steps;
  guint n_edits;
  BpTimelineEdit *edits;
} BpFileBranch;

/* A file's "timeline": the origin's state and the branches to replay from it, the step shown
 * and the edits made there since (see README's file format). */
typedef struct _BpFileTimeline {
  guint n_layers;              /* the network's shape */
  guint sizes[BP_MAX_LAYERS + 1];
  guint64 origin_step;
  gboolean has_sample;         /* the origin has an input and a target (example mode) */
  guint n_values;
  double *origin;              /* weights, biases, then input and target, as BpTimeline packs */
  guint n_branches;
  BpFileBranch *branches;
  guint current;
  guint64 cursor;
  guint n_edits;
  BpTimelineEdit *edits;       /* the values edited at the cursor since its step */
} BpFileTimeline;

void      bp_file_timeline_free (BpFileTimeline  *timeline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BpFileTimeline, bp_file_timeline_free)

const char *bp_file_mode_to_string   (BpFileMode    mode);
gboolean    bp_file_mode_from_string (const char   *name,
                                      BpFileMode   *mode);

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
