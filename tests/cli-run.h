/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-run.h: running the real backprop-cli (BACKPROP_CLI) from a test, in English, and
 * keeping what it printed and how it exited. */
#pragma once

#include <glib.h>
#include <sys/wait.h>

typedef struct {
  int status;
  char *out;
  char *err;
} CliRun;

static inline void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

/* Runs backprop-cli with @args (NULL-terminated) and English messages; it must exit, not
 * crash. */
static inline CliRun *
cli_run (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  CliRun *run = g_new0 (CliRun, 1);
  const char *cli = g_getenv ("BACKPROP_CLI");
  int wait_status = 0;

  g_assert_nonnull (cli);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  return run;
}

/* CLI_RUN ("train", path, "--steps", "5") */
#define CLI_RUN(...) cli_run ((const char *const[]) { __VA_ARGS__, NULL })
