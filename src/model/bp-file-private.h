/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file-private.h: what the files that read and write network files share.
 *
 * Reading goes in three stages (see bp-file.c): the bytes (bp-file-scan.c and
 * bp-file-check.c), the fields (bp-file-fields.c, bp-file-arrays.c, bp-file-state.c), and the
 * numbers (bp-file-arrays.c).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bp-file.h"

G_BEGIN_DECLS

#define MAX_DEPTH 64           /* our files need 3 levels; json-glib recurses per level */

typedef struct {
  gboolean is_object;
  guint64 index;         /* the current element of this array */
  char *key;             /* the current member of this object, decoded */
  GHashTable *keys;      /* the names seen in this object */
} ScanFrame;

/* What the JSON grammar allows next. */
typedef enum {
  EXPECT_VALUE,
  EXPECT_KEY,
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,
  EXPECT_END,
} Expect;

typedef struct {
  const char *data;
  gsize size;
  gsize pos;
  Expect expect;
  gboolean may_close;    /* right after "[" or "{" */
  guint line;
  gsize line_start;
  guint depth;
  guint n_values;
  ScanFrame frames[MAX_DEPTH];
} Scanner;

/* A field of the file and up to three indices, formatted only for error messages. */
typedef struct {
  const char *field;
  guint n_indices;
  guint indices[3];
} FieldPath;

/* What the file says about the network, checked before anything is allocated. */
typedef struct {
  guint n_sizes;
  guint sizes[BP_MAX_LAYERS + 1];
  BpActivation activations[BP_MAX_LAYERS];
  BpLoss loss;
  double learning_rate;
  JsonArray *weights;
  JsonArray *biases;
  JsonArray *input;
  JsonArray *target;
  BpRegularization regularization;
  double regularization_rate;
} FileNet;

/* bp-file-scan.c */
void
bp_file_scanner_pop (Scanner *s);

void
bp_file_scanner_clear (Scanner *s);

gboolean
bp_file_scan_fail (Scanner    *s,
                   GError    **error,
                   const char *format,
                   ...) G_GNUC_PRINTF (3, 4);

gboolean
bp_file_scan_truncated (Scanner  *s,
                        GError  **error);

const char *
bp_file_format_double (char   buffer[G_ASCII_DTOSTR_BUF_SIZE],
                       double value);

char *
bp_file_shown_text (const char *text,
                    gsize       length);

gboolean
bp_file_scan_string (Scanner  *s,
                     GString  *out,
                     GError  **error);

gboolean
bp_file_scan_key (Scanner  *s,
                  GError  **error);

gboolean
bp_file_scan_number (Scanner  *s,
                     GError  **error);

gboolean
bp_file_scan_word (Scanner  *s,
                   GError  **error);

gboolean
bp_file_scan_unexpected (Scanner  *s,
                         GError  **error);

/* bp-file-check.c */
gboolean
bp_file_scan_json (const char  *data,
                   gsize        size,
                   GError     **error);

gboolean
bp_file_check_text (const char  *data,
                    gsize        size,
                    GError     **error);

/* bp-file-fields.c */
char *
bp_file_field_path_to_string (const FieldPath *path);

FieldPath
bp_file_field_path_child (const FieldPath *path,
                          guint            index);

char *
bp_file_describe_node (JsonNode *node);

gboolean
bp_file_fail_type (const FieldPath  *path,
                   JsonNode         *node,
                   const char       *must_be,
                   GError          **error);

gboolean
bp_file_restate_error (GError     **error,
                       GError      *cause,
                       const char  *format,
                       ...) G_GNUC_PRINTF (3, 4);

gboolean
bp_file_node_is (JsonNode *node,
                 GType     type);

JsonNode *
bp_file_get_member (JsonObject  *object,
                    const char  *name,
                    GError     **error);

JsonArray *
bp_file_get_array (JsonNode         *node,
                   const FieldPath  *path,
                   const char       *must_be,
                   GError          **error);

JsonArray *
bp_file_get_array_member (JsonObject  *object,
                          const char  *name,
                          const char  *must_be,
                          GError     **error);

gboolean
bp_file_read_number (JsonNode         *node,
                     const FieldPath  *path,
                     double           *value,
                     GError          **error);

gboolean
bp_file_read_name (JsonNode         *node,
                   const FieldPath  *path,
                   const char      **name,
                   GError          **error);

gboolean
bp_file_read_fields (JsonObject    *root,
                     FileNet       *net,
                     BpFileExtras  *extras,
                     GError       **error);

/* bp-file-arrays.c */
gboolean
bp_file_check_weights (JsonObject  *root,
                       FileNet     *net,
                       GError     **error);

gboolean
bp_file_check_biases (JsonObject  *root,
                      FileNet     *net,
                      GError     **error);

gboolean
bp_file_check_sample (JsonObject  *root,
                      FileNet     *net,
                      GError     **error);

gboolean
bp_file_fill_net (BpNet          *bp,
                  const FileNet  *net,
                  GError        **error);

/* bp-file-state.c */
gboolean
bp_file_read_extras (JsonObject    *root,
                     BpFileExtras  *extras,
                     GError       **error);

gboolean
bp_file_read_session (JsonObject     *root,
                      guint64         step,
                      BpFileSession  *session,
                      GError        **error);

void
bp_file_append_session (GString             *out,
                        const BpFileSession *session);

/* bp-file-timeline.c */
gboolean
bp_file_read_timeline (JsonObject     *root,
                       const FileNet  *net,
                       BpFileSession  *session,
                       GError        **error);

void
bp_file_append_timeline (GString              *out,
                         const BpFileTimeline *timeline);

/* bp-file-dataset.c */
gboolean
bp_file_read_training (JsonObject    *root,
                       FileNet       *net,
                       BpFileExtras  *extras,
                       GError       **error);

gboolean
bp_file_read_dataset (JsonObject     *root,
                      BpFileSession  *session,
                      GError        **error);

gboolean
bp_file_check_dataset_mode (const FileNet        *net,
                            const BpFileExtras   *extras,
                            const BpFileSession  *session,
                            GError              **error);

void
bp_file_append_training (GString            *out,
                         const BpNet        *net,
                         const BpFileExtras *extras);

void
bp_file_append_dataset (GString         *out,
                        const BpDataset *dataset,
                        const char      *source);

/* bp-file-state.c */
void
bp_file_append_string (GString    *out,
                       const char *text);

/* bp-file-write.c */
void
bp_file_append_double (GString *out,
                       double   value);

G_END_DECLS
