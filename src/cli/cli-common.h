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
extern const Command cli_command_render;

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

G_END_DECLS
