/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-common.h: what the commands of backprop-cli share: the exit statuses, the description
 * of a command, messages, numbers for programs, option values and network files. */
#pragma once

#include <glib.h>

#include "bp-core.h"
#include "bp-file.h"

G_BEGIN_DECLS

#define PROGRAM "backprop-cli"

enum {
  STATUS_OK = 0,
  STATUS_BAD_INPUT = 1,
  STATUS_USAGE = 2,
};

typedef struct {
  const char *name;
  const char *parameters;  /* the positional arguments, for --help */
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

/* The commands, one file each. */
extern const Command cli_command_new;
extern const Command cli_command_explain;
extern const Command cli_command_train;
extern const Command cli_command_gradcheck;
extern const Command cli_command_bench;
extern const Command cli_command_scale;
extern const Command cli_command_render;
extern const Command cli_command_export_torch;
extern const Command cli_command_landscape;
extern const Command cli_command_timeline;

int       cli_report             (int                 status,
                                  const char         *file,
                                  const char         *message);
int       cli_usage_error        (const char         *command,
                                  const char         *message);
int       cli_write_stdout       (const char         *text);
char     *cli_exact_number       (double              x);
char     *cli_json_number        (double              x);
gboolean  cli_parse_double       (const char         *option,
                                  const char         *text,
                                  double             *value,
                                  GError            **error);
gboolean  cli_parse_unsigned     (const char         *option,
                                  const char         *text,
                                  guint64             min,
                                  guint64             max,
                                  guint64            *value,
                                  GError            **error);
double   *cli_parse_doubles      (const char         *option,
                                  const char         *text,
                                  guint               expected,
                                  GError            **error);
int       cli_parse_command_line (const Command      *command,
                                  GOptionEntry       *entries,
                                  int                *argc,
                                  char             ***argv,
                                  int                 n_positional);
BpNet    *cli_load_network       (const char         *path,
                                  BpFileExtras       *extras);
int       cli_save_network       (const BpNet        *net,
                                  const BpFileExtras *extras,
                                  const char         *path);
BpNet    *cli_load_network_full  (const char         *path,
                                  BpFileExtras       *extras,
                                  BpFileSession      *session);
int       cli_save_network_full  (const BpNet        *net,
                                  const BpFileExtras *extras,
                                  const BpFileSession *session,
                                  const char         *path);

/* cli-dataset.c: datasets in `new` and `train`. Options are the text given, or NULL. */
typedef struct {
  char *batch_size;
  char *regularization;
  char *regularization_rate;
} CliTraining;

typedef struct {
  char *dataset;
  char *dataset_file;
  char *points;
  char *noise;
  char *train_percent;
  char *features;
  CliTraining training;
} CliDatasetOptions;

typedef struct {
  guint64 n_epochs;      /* or 0, and then: */
  guint64 n_steps;
  gboolean json;
  CliTraining training;
} CliTrainDataset;

gboolean  cli_parse_training     (const CliTraining  *options,
                                  guint              *batch_size,
                                  BpRegularization   *regularization,
                                  double             *rate,
                                  GError            **error);
gboolean  cli_new_dataset        (const CliDatasetOptions *o,
                                  BpNet              *net,
                                  guint32             seed,
                                  BpFileExtras       *extras,
                                  BpFileSession      *session,
                                  GError            **error);
int       cli_train_dataset      (BpNet              *net,
                                  BpFileExtras       *extras,
                                  const BpDataset    *dataset,
                                  const CliTrainDataset *o,
                                  const char         *path);

/* A set of points as the network takes them: features by point, and labels. */
typedef struct {
  guint n;
  double *inputs;
  double *targets;
} CliExamples;

void      cli_examples_fill      (CliExamples        *examples,
                                  const BpDataset    *dataset,
                                  BpFeatureSet        features,
                                  guint               first,
                                  guint               n);
void      cli_examples_clear     (CliExamples        *examples);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliExamples, cli_examples_clear)

G_END_DECLS
