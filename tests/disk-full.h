/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A full disk, for real, in tests: RLIMIT_FSIZE makes write () fail with EFBIG past a size,
 * as a full disk makes it fail with ENOSPC, with no root and no special file system. SIGXFSZ
 * would kill the test, so it is ignored meanwhile. */
#pragma once

#include <glib.h>
#include <signal.h>
#include <sys/resource.h>

typedef struct {
  struct rlimit saved;
  void (*saved_handler) (int);
} SizeLimit;

static inline void
limit_file_size (SizeLimit *limit,
                 rlim_t     max_bytes)
{
  struct rlimit lower;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit->saved), ==, 0);
  limit->saved_handler = signal (SIGXFSZ, SIG_IGN);
  lower = limit->saved;
  lower.rlim_cur = max_bytes;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &lower), ==, 0);
}

static inline void
unlimit_file_size (SizeLimit *limit)
{
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit->saved), ==, 0);
  signal (SIGXFSZ, limit->saved_handler);
}

static inline int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in `dir`, sorted and joined by spaces: a temporary file left behind shows. */
static inline char *
list_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}
