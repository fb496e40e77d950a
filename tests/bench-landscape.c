/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-landscape: not a test. The time of the loss landscape's first full picture, 41×41,
 * for a 6-8-8-8-1 network (tanh, sigmoid output, cross-entropy) on the training half of a
 * 500-point spiral (250 points, features x1, x2, x1², x2², sin x1, sin x2), for two weights
 * in the first, a middle and the last weight layer: the engine's exact grid
 * (bp_landscape_grid ()), and bp_landscape_grid_cached () exact on one thread, fast on one
 * and on two threads, and the window's way: fast, two threads, refined from 11×11 to 21×21
 * to 41×41 (the time to the full picture). Medians of ROUNDS runs (11 by default), the ratio to
 * the exact grid, the target (50 ms) and the largest relative difference of each from the
 * exact grid.
 *
 * Usage: bench-landscape [ROUNDS] */
#define G_LOG_DOMAIN "bench-landscape"

#include "config.h"

#include "bp-dataset.h"
#include "bp-landscape-fast.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#define GRID 41
#define FEATURES_6 (BP_FEATURES_ALL & ~BP_FEATURE_BIT (BP_FEATURE_X1_TIMES_X2))

typedef struct {
  const char *name;
  gboolean cached;
  BpForwardMode mode;
  guint n_threads;
  gboolean refined;   /* as the window: 11×11, 21×21, then the rest of 41×41 */
} Method;

static const Method methods[] = {
  { "exact grid (bp_landscape_grid)", FALSE, BP_FORWARD_EXACT, 1, FALSE },
  { "cached, exact, 1 thread", TRUE, BP_FORWARD_EXACT, 1, FALSE },
  { "cached, fast, 1 thread", TRUE, BP_FORWARD_FAST, 1, FALSE },
  { "cached, fast, 2 threads", TRUE, BP_FORWARD_FAST, 2, FALSE },
  { "the window's: 11, 21, 41 refined, 2 thr.", TRUE, BP_FORWARD_FAST, 2, TRUE },
};

/* The window's refinements (bp-landscape-job.c): every 4th value of the lower weight, then
 * every 2nd left, then the rest, each against every value of the other. */
static void
refined (const Method          *m,
         const BpNet           *net,
         const BpWeightRef      refs[2],
         const BpLandscapeData *data,
         double                *values)
{
  const guint steps[] = { 4, 2, 1 };
  guint outers[GRID];

  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    {
      guint n = 0;

      for (guint o = 0; o < GRID; o++)
        if (o % steps[k] == 0 && (k == 0 || o % steps[k - 1] != 0))
          outers[n++] = o;
      bp_landscape_grid_rows (net, refs, 1.0, GRID, data, m->mode, m->n_threads, outers, n,
                              NULL, values);
    }
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
run (const Method          *m,
     const BpNet           *net,
     const BpWeightRef      refs[2],
     const BpLandscapeData *data,
     double                *values)
{
  double start = now_ms ();

  if (m->refined)
    refined (m, net, refs, data, values);
  else if (m->cached)
    bp_landscape_grid_cached (net, refs, 1.0, GRID, data, m->mode, m->n_threads, NULL, values);
  else
    bp_landscape_grid (net, refs, 1.0, GRID, data, values);
  return now_ms () - start;
}

static double
max_relative (const double *a,
              const double *b)
{
  double worst = 0.0;

  for (guint k = 0; k < GRID * GRID; k++)
    worst = MAX (worst, fabs (a[k] - b[k]) / MAX (fabs (b[k]), 1e-300));
  return worst;
}

static void
bench (const char            *label,
       const BpNet           *net,
       const BpWeightRef      refs[2],
       const BpLandscapeData *data,
       guint                  rounds)
{
  guint n = G_N_ELEMENTS (methods);
  g_autofree double *times = g_new (double, (gsize) n * rounds);
  g_autofree double *exact = g_new (double, GRID * GRID);
  g_autofree double *values = g_new (double, GRID * GRID);
  double medians[G_N_ELEMENTS (methods)];

  g_print ("%s: weights %u:%u:%u and %u:%u:%u\n", label, refs[0].layer, refs[0].to,
           refs[0].from, refs[1].layer, refs[1].to, refs[1].from);
  bp_landscape_grid (net, refs, 1.0, GRID, data, exact);
  /* The methods' rounds interleaved, so that the machine's load falls on all alike. */
  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < n; k++)
      times[k * rounds + r] = run (&methods[k], net, refs, data, values);
  for (guint k = 0; k < n; k++)
    {
      qsort (times + k * rounds, rounds, sizeof (double), compare_doubles);
      medians[k] = times[k * rounds + rounds / 2];
      run (&methods[k], net, refs, data, values);
      g_print ("  %-40s median %8.2f ms  ratio %6.3f  %s  max rel. diff. %.1e\n",
               methods[k].name, medians[k], medians[k] / medians[0],
               medians[k] <= 50.0 ? "≤ 50 ms" : "> 50 ms", max_relative (values, exact));
    }
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 11;
  const guint sizes[] = { bp_feature_set_count (FEATURES_6), 8, 8, 8, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  g_autoptr(BpNet) net = bp_net_new (5, sizes, acts, BP_LOSS_CROSS_ENTROPY, NULL);
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_SPIRAL, 500, 0, 50, 4,
                                                      NULL);
  guint n_in = sizes[0], n = dataset->n_train;
  g_autofree double *inputs = g_new (double, (gsize) n * n_in);
  g_autofree double *targets = g_new (double, n);
  BpLandscapeData data = { inputs, targets, n, TRUE };
  const BpWeightRef first[2] = { { 0, 0, 0 }, { 0, 1, 2 } };
  const BpWeightRef middle[2] = { { 1, 2, 3 }, { 2, 4, 5 } };
  const BpWeightRef last[2] = { { 3, 0, 0 }, { 3, 0, 1 } };

  setlocale (LC_ALL, "");
  rounds = MAX (rounds, 1);
  bp_net_init_seeded (net, 2);
  for (guint k = 0; k < n; k++)
    {
      bp_feature_set_fill (FEATURES_6, dataset->points[k].x1, dataset->points[k].x2,
                           inputs + (gsize) k * n_in);
      targets[k] = dataset->points[k].label;
    }
  g_print ("6-8-8-8-1 on %u spiral training points, %u×%u grid, %u rounds\n", n, GRID, GRID,
           rounds);
  bench ("first layer", net, first, &data, rounds);
  bench ("middle layers", net, middle, &data, rounds);
  bench ("last layer", net, last, &data, rounds);
  return 0;
}
