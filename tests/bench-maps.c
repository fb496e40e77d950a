/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-maps: not a test. What the shared maps cost the window while it trains: a BpNetwork
 * in dataset mode (spiral, 500 points, batch 10), 6-8-8-8-1 with x1, x2, x1², x2², sin x1,
 * sin x2 (and 7-8-8-8-1 with all seven features), tanh hidden layers and a sigmoid output.
 * Each round runs mini-batch steps through the model, as Play does between two frames, then
 * bp_maps_get_heatmap () evaluates the 100×100 grid and colours the output's map and every
 * neuron's map: the median time of that call per update (target: 2 ms), on the wall clock
 * and on the CPU, and the fastest; then how many grid evaluations 1,000 steps with a frame
 * every 16 steps cost (one per frame, however many steps).
 *
 * Usage: bench-maps [ROUNDS] */
#define G_LOG_DOMAIN "bench-maps"

#include "config.h"

#include "bp-maps.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>

#define FEATURES_6 (BP_FEATURES_ALL & ~BP_FEATURE_BIT (BP_FEATURE_X1_TIMES_X2))

static double
now_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static BpNetwork *
make_network (BpFeatureSet features)
{
  const guint sizes[] = { bp_feature_set_count (features), 8, 8, 8, 1 };
  const BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                                BP_ACTIVATION_SIGMOID };
  BpNet *net = bp_net_new (5, sizes, acts, BP_LOSS_CROSS_ENTROPY, NULL);
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_SPIRAL, 500, 0, 50, 4,
                                                      NULL);
  BpNetwork *network;

  bp_net_init_seeded (net, 2);
  net->learning_rate = 0.03;
  network = bp_network_new_from_net (net, NULL);
  bp_network_set_dataset (network, dataset, NULL);
  bp_network_set_features (network, features);
  if (!bp_network_set_mode (network, BP_FILE_MODE_DATASET, NULL))
    g_error ("dataset mode refused");
  return network;
}

static void
bench (BpFeatureSet features,
       guint        rounds)
{
  g_autoptr(BpNetwork) network = make_network (features);
  g_autoptr(BpMaps) maps = bp_maps_new (network);
  g_autofree double *wall = g_new (double, rounds);
  g_autofree double *cpu = g_new (double, rounds);
  g_autofree char *names = bp_feature_set_to_string (features);
  guint n_updates;

  bp_maps_get_heatmap (maps);   /* the first evaluation allocates */
  for (guint k = 0; k < rounds; k++)
    {
      double start, start_cpu;

      if (!bp_network_step_n (network, 16, NULL))
        g_error ("training failed");
      start = now_ms (CLOCK_MONOTONIC);
      start_cpu = now_ms (CLOCK_THREAD_CPUTIME_ID);
      bp_maps_get_heatmap (maps);
      cpu[k] = now_ms (CLOCK_THREAD_CPUTIME_ID) - start_cpu;
      wall[k] = now_ms (CLOCK_MONOTONIC) - start;
    }
  qsort (wall, rounds, sizeof (double), compare_doubles);
  qsort (cpu, rounds, sizeof (double), compare_doubles);
  g_print ("%u-8-8-8-1 (%s), 100×100, bp_maps_get_heatmap () per update:\n",
           bp_feature_set_count (features), names);
  g_print ("  median %.3f ms (on the CPU %.3f ms), fastest %.3f ms; target 2 ms: %s\n",
           wall[rounds / 2], cpu[rounds / 2], wall[0], wall[rounds / 2] <= 2.0 ? "met"
                                                                             : "MISSED");

  n_updates = bp_maps_get_n_updates (maps);
  for (guint s = 0; s < 1000; s++)
    {
      if (!bp_network_step (network, NULL))
        g_error ("training failed");
      if (s % 16 == 15)
        bp_maps_get_heatmap (maps);
    }
  g_print ("  1,000 single steps with a frame every 16: %u grid evaluations\n",
           bp_maps_get_n_updates (maps) - n_updates);
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 200;

  setlocale (LC_ALL, "");
  rounds = MAX (rounds, 1);
  bench (FEATURES_6, rounds);
  bench (BP_FEATURES_ALL, rounds);
  return 0;
}
