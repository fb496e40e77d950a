/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render-common.h: what the tests of `backprop-cli render` share: running the real program
 * (BACKPROP_CLI), a temporary folder, a network file to draw, and reading files back. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cli-run.h"

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
  g_autoptr(CliRun) run = cli_run (args);

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
