/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-timeline.c: the timeline's figures (not a test): its memory per step and the time of
 * its worst seek for the default network, an 8×16 network (8 hidden layers of 16) and the
 * spiral example in dataset mode (6-8-8-8-1, batch 10); the time of the steps themselves, and
 * of replaying a file's 10,000 dataset steps on load.
 *
 * Usage: bench-timeline [STEPS] (default 16384) */
#define G_LOG_DOMAIN "bench-timeline"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "bp-dataset.h"
#include "bp-network.h"

static BpNetwork *
make_deep (void)
{
  guint sizes[10] = { 2, 16, 16, 16, 16, 16, 16, 16, 16, 1 };
  BpActivation acts[9];
  const double input[] = { 0.5, -0.5 };
  const double target[] = { 0.8 };
  BpNet *net;

  for (guint l = 0; l < 9; l++)
    acts[l] = l < 8 ? BP_ACTIVATION_TANH : BP_ACTIVATION_SIGMOID;
  net = bp_net_new (10, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  bp_net_init_seeded (net, 1);
  bp_net_set_learning_rate (net, 0.1, NULL);
  bp_net_set_input (net, input);
  bp_net_set_target (net, target, NULL);
  return bp_network_new_from_net (net, NULL);
}

/* The spiral example: 500 points, half to train, features x1, x2, x1², x2², sin x1, sin x2,
 * 6-8-8-8-1 tanh, η 0.03, batch 10. */
static BpNetwork *
make_spiral (void)
{
  guint sizes[] = { 6, 8, 8, 8, 1 };
  BpActivation acts[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_TANH, BP_ACTIVATION_TANH,
                          BP_ACTIVATION_SIGMOID };
  BpFeatureSet features = BP_FEATURES_DEFAULT | BP_FEATURE_BIT (BP_FEATURE_X1_SQUARED)
                          | BP_FEATURE_BIT (BP_FEATURE_X2_SQUARED)
                          | BP_FEATURE_BIT (BP_FEATURE_SIN_X1)
                          | BP_FEATURE_BIT (BP_FEATURE_SIN_X2);
  const double input[6] = { 0 };
  const double target[] = { 1 };
  g_autoptr(BpDataset) dataset = bp_dataset_generate (BP_GENERATOR_SPIRAL, 500, 0.0, 50.0, 1,
                                                      NULL);
  BpNetwork *network;
  BpNet *net;

  net = bp_net_new (5, sizes, acts, BP_LOSS_SQUARED_ERROR, NULL);
  bp_net_init_seeded (net, 1);
  bp_net_set_learning_rate (net, 0.03, NULL);
  bp_net_set_input (net, input);
  bp_net_set_target (net, target, NULL);
  network = bp_network_new_from_net (net, NULL);
  bp_network_set_dataset (network, dataset, NULL);
  bp_network_set_features (network, features);
  if (!bp_network_set_mode (network, BP_FILE_MODE_DATASET, NULL))
    g_error ("dataset mode refused");
  return network;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Trains @n_steps in runs of 100, then seeks the worst case: the step before a checkpoint,
 * coming from another branch point so that nothing is cached. */
static void
measure (const char *name,
         BpNetwork  *network,
         guint       n_steps)
{
  BpTimeline *timeline;
  gsize before = bp_timeline_memory (bp_network_get_timeline (network));
  guint interval, n_seeks = 20;
  double train, seek = 0, worst = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint done = 0; done < n_steps; done += 100)
    if (!bp_network_step_n (network, 100, NULL))
      g_error ("%s diverged", name);
  train = seconds_since (start);
  timeline = bp_network_get_timeline (network);
  interval = bp_timeline_get_interval (timeline);
  for (guint k = 0; k < n_seeks; k++)
    {
      guint64 step = (guint64) (k + 1) * interval - 1;
      gint64 t;

      bp_network_seek (network, 0, k % 2 == 0 ? n_steps : 0, NULL);
      t = g_get_monotonic_time ();
      if (!bp_network_seek (network, 0, MIN (step, n_steps), NULL))
        g_error ("seek refused");
      seek += seconds_since (t);
      worst = MAX (worst, seconds_since (t));
    }
  g_print ("%-34s %8.1f %8u %10.2f %10.2f %10.2f\n", name,
           (double) (bp_timeline_memory (timeline) - before) / n_steps, interval,
           train / n_steps * 1e6, seek / n_seeks * 1e3, worst * 1e3);
}

/* Saves the spiral after @n_steps steps in two branches and times its load. */
static void
measure_load (guint n_steps)
{
  g_autoptr(BpNetwork) network = make_spiral ();
  g_autoptr(BpNetwork) loaded = bp_network_new ();
  g_autofree char *dir = g_dir_make_tmp ("bench-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "spiral.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 start;

  bp_network_step_n (network, n_steps / 2, NULL);
  bp_network_seek (network, 0, n_steps / 4, NULL);
  bp_network_set_learning_rate (network, 0.3);
  bp_network_step_n (network, n_steps / 2, NULL);
  if (!bp_network_save (network, file, &error))
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  if (!bp_network_load (loaded, file, &error))
    g_error ("%s", error->message);
  g_print ("load of the spiral with %u dataset steps in 2 branches: %.3f s, %u branches\n",
           n_steps, seconds_since (start),
           bp_timeline_get_n_branches (bp_network_get_timeline (loaded)));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  guint n_steps = argc > 1 ? (guint) atoi (argv[1]) : BP_TIMELINE_KEPT_STEPS;
  g_autoptr(BpNetwork) small = bp_network_new ();
  g_autoptr(BpNetwork) deep = make_deep ();
  g_autoptr(BpNetwork) spiral = make_spiral ();

  setlocale (LC_ALL, "C.UTF-8");
  g_print ("%u steps in runs of 100\n", n_steps);
  g_print ("%-34s %8s %8s %10s %10s %10s\n", "network", "B/step", "interval", "µs/step",
           "seek ms", "worst ms");
  measure ("default 2-3-1, example", small, n_steps);
  measure ("8x16 (2-16x8-1), example", deep, n_steps);
  measure ("spiral 6-8-8-8-1, dataset, batch 10", spiral, n_steps);
  measure_load (10000);
  return 0;
}
