/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render-common.h: what the tests of `backprop-cli render` share: running the real program
 * (BACKPROP_CLI), a temporary folder, a network file to draw, and reading files back. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

typedef struct {
  int status;
  char *out;
  char *err;
} RenderRun;

static inline void
render_run_free (RenderRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenderRun, render_run_free)

/* Runs backprop-cli with @args (NULL-terminated) and English messages; it must exit, not
 * crash. */
static inline RenderRun *
render_run_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  RenderRun *run = g_new0 (RenderRun, 1);
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

static inline char *
render_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("backprop-render-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
render_remove_tmp_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/* Writes a 2-3-2 network with a seed, through `backprop-cli new`: two outputs, so that
 * every kind of item has more than one to choose from. */
static inline char *
render_write_network (const char *dir)
{
  char *path = g_build_filename (dir, "net.json", NULL);
  const char *args[] = { "new", "--sizes", "2,3,2", "--activations", "tanh,sigmoid",
                         "--seed", "7", "--input", "0.5,-1", "--target", "1,0",
                         "--output", path, NULL };
  g_autoptr(RenderRun) run = render_run_cli (args);

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  return path;
}

static inline GBytes *
render_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize size = 0;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, size);
}

/* The width and height in a PNG's header (IHDR, big-endian, at bytes 16 and 20). */
static inline void
render_png_size (GBytes *png,
                 guint  *width,
                 guint  *height)
{
  const guchar *data = g_bytes_get_data (png, NULL);
  guint32 w, h;

  g_assert_cmpuint (g_bytes_get_size (png), >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  memcpy (&w, data + 16, 4);
  memcpy (&h, data + 20, 4);
  *width = GUINT32_FROM_BE (w);
  *height = GUINT32_FROM_BE (h);
}
