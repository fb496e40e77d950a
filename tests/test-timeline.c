/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-timeline.c: the timeline of BpNetwork: every step brought back with bit-identical
 * parameters against a network stepped directly, in example and dataset mode; seeks in any
 * order; branches that start from a past step or after an edit and stay independent; the
 * bounds on steps and branches; a fresh timeline after a change of structure; the gradient
 * health of the steps before the one shown, after any seek and a load, as if stepped there. */
#define G_LOG_DOMAIN "test-timeline"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "bp-dataset.h"
#include "bp-health.h"
#include "bp-network.h"

#define N_STEPS 350

/* The weights and biases of a net, packed, to compare bit for bit. */
static double *
params_of (const BpNet *net)
{
  double *values = g_new (double, net->n_weights + net->n_biases);
  double *p = values;

  for (guint l = 0; l < net->n_layers; l++)
    {
      gsize n = (gsize) net->sizes[l] * net->sizes[l + 1];

      memcpy (p, net->weights[l], n * sizeof (double));
      p += n;
    }
  for (guint l = 0; l < net->n_layers; l++)
    {
      memcpy (p, net->biases[l], net->sizes[l + 1] * sizeof (double));
      p += net->sizes[l + 1];
    }
  return values;
}

static void
assert_params (BpNetwork    *network,
               const double *expected)
{
  const BpNet *net = bp_network_get_net (network);
  g_autofree double *values = params_of (net);

  g_assert_cmpmem (values, (net->n_weights + net->n_biases) * sizeof (double),
                   expected, (net->n_weights + net->n_biases) * sizeof (double));
}

static BpDataset *
make_spiral (void)
{
  g_autoptr(GError) error = NULL;
  BpDataset *dataset = bp_dataset_generate (BP_GENERATOR_SPIRAL, 200, 0.0, 50.0, 3, &error);

  g_assert_no_error (error);
  return dataset;
}

/* The default network in dataset mode on a spiral, with L2 and batches of 10. */
static BpNetwork *
make_dataset_network (void)
{
  g_autoptr(BpDataset) dataset = make_spiral ();
  g_autoptr(GError) error = NULL;
  BpNetwork *network = bp_network_new ();
  guint n_rates;
  const double *rates = bp_regularization_rates (&n_rates);

  bp_network_set_dataset (network, dataset, NULL);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_no_error (error);
  g_assert_true (bp_network_set_regularization (network, BP_REGULARIZATION_L2, rates[3],
                                                &error));
  g_assert_no_error (error);
  bp_network_set_batch_size (network, 10);
  return network;
}

static BpNetwork *
make_network (gboolean dataset)
{
  return dataset ? make_dataset_network () : bp_network_new ();
}

static void
step_ok (BpNetwork *network,
         guint      n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (n == 1 ? bp_network_step (network, &error)
                        : bp_network_step_n (network, n, &error));
  g_assert_no_error (error);
}

static void
seek_ok (BpNetwork *network,
         guint      branch,
         guint64    step)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bp_network_seek (network, branch, step, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, step);
}

/* The gradient health of @a holds the last @n steps of @b's, their norms to the bit, and
 * judges every neuron as @b's does: what the health strip shows is the same, or its end. */
static void
assert_health_tail (BpNetwork *a,
                    BpNetwork *b,
                    guint      n)
{
  const BpHealth *ha = bp_network_get_health (a);
  const BpHealth *hb = bp_network_get_health (b);
  const BpNet *net = bp_network_get_net (b);
  guint skip = bp_health_get_n_steps (hb) - n;

  g_assert_cmpuint (bp_health_get_n_steps (ha), ==, n);
  g_assert_cmpuint (bp_health_get_n_steps (hb), >=, n);
  g_assert_cmpuint (bp_health_get_last_step (ha), ==, bp_health_get_last_step (hb));
  for (guint i = 0; i < n; i++)
    {
      guint64 step_a, step_b;

      g_assert_true (bp_health_get_step (ha, i, &step_a));
      g_assert_true (bp_health_get_step (hb, skip + i, &step_b));
      g_assert_cmpuint (step_a, ==, step_b);
      for (guint l = 0; l < net->n_layers; l++)
        {
          double norm_a = bp_health_get_norm (ha, l, i);
          double norm_b = bp_health_get_norm (hb, l, skip + i);

          g_assert_cmpmem (&norm_a, sizeof norm_a, &norm_b, sizeof norm_b);
        }
    }
  for (guint l = 1; l <= net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l]; j++)
      g_assert_cmpint (bp_health_get_neuron (ha, l, j, NULL), ==,
                       bp_health_get_neuron (hb, l, j, NULL));
}

static void
assert_same_health (BpNetwork *a,
                    BpNetwork *b)
{
  assert_health_tail (a, b, bp_health_get_n_steps (bp_network_get_health (b)));
}

/* The parameters of a network stepped one step at a time, at every step 0 … @n, and the
 * chart's loss after each. */
static double **
direct_params (gboolean  dataset,
               guint     n,
               double   *losses)
{
  g_autoptr(BpNetwork) direct = make_network (dataset);
  double **params = g_new0 (double *, n + 2);

  for (guint s = 0; s <= n; s++)
    {
      params[s] = params_of (bp_network_get_net (direct));
      losses[s] = dataset ? bp_network_get_train_loss (direct) : bp_network_get_loss (direct);
      if (s < n)
        step_ok (direct, 1);
    }
  return params;
}

static void
check_every_step (gconstpointer data)
{
  gboolean dataset = GPOINTER_TO_INT (data);
  g_autoptr(BpNetwork) network = make_network (dataset);
  double losses[N_STEPS + 1], recorded[N_STEPS + 1];
  double **params = direct_params (dataset, N_STEPS, losses);
  BpTimeline *timeline;
  GRand *rand = g_rand_new_with_seed (11);

  /* Trained in uneven runs, as the window's play loop does. */
  step_ok (network, 1);
  step_ok (network, 149);
  step_ok (network, 200);
  timeline = bp_network_get_timeline (network);
  g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, 1);
  g_assert_cmpuint (bp_timeline_get_first_step (timeline, 0), ==, 0);
  g_assert_cmpuint (bp_timeline_get_last_step (timeline, 0), ==, N_STEPS);
  g_assert_true (bp_timeline_at_tip (timeline));
  g_assert_cmpuint (bp_timeline_get_interval (timeline), ==, 100);
  assert_params (network, params[N_STEPS]);

  /* The losses are the chart's at each step, bit for bit; in dataset mode, where the chart
   * measured them: after each run of steps. */
  g_assert_cmpuint (bp_timeline_get_losses (timeline, 0, 0, N_STEPS, recorded), ==,
                    N_STEPS + 1);
  for (guint s = 0; s <= N_STEPS; s++)
    if (!dataset || s == 0 || s == 1 || s == 150 || s == N_STEPS)
      g_assert_true (recorded[s] == losses[s]);
    else
      g_assert_true (isnan (recorded[s]));

  /* Backward, one step at a time, then forward. */
  for (guint s = N_STEPS + 1; s-- > 0;)
    {
      seek_ok (network, 0, s);
      assert_params (network, params[s]);
    }
  for (guint s = 0; s <= N_STEPS; s++)
    {
      seek_ok (network, 0, s);
      assert_params (network, params[s]);
      g_assert_cmpuint (bp_timeline_get_cursor (bp_network_get_timeline (network)), ==, s);
    }
  /* Every step visited is measured. */
  bp_timeline_get_losses (bp_network_get_timeline (network), 0, 0, N_STEPS, recorded);
  g_assert_cmpmem (recorded, sizeof recorded, losses, sizeof losses);
  for (guint k = 0; k < 200; k++)
    {
      guint s = g_rand_int_range (rand, 0, N_STEPS + 1);

      seek_ok (network, 0, s);
      assert_params (network, params[s]);
      if (dataset)
        g_assert_true (bp_network_get_train_loss (network) == losses[s]);
      else
        g_assert_true (bp_network_get_loss (network) == losses[s]);
    }
  /* Seeking never made a branch, and training on from the tip continues the branch. */
  seek_ok (network, 0, N_STEPS);
  step_ok (network, 1);
  g_assert_cmpuint (bp_timeline_get_n_branches (bp_network_get_timeline (network)), ==, 1);
  g_rand_free (rand);
  for (guint s = 0; s <= N_STEPS; s++)
    g_free (params[s]);
  g_free (params);
}

static void
increment (guint *counter)
{
  (*counter)++;
}

static guint
count_signal (BpNetwork  *network,
              const char *name,
              guint      *counter)
{
  *counter = 0;
  return g_signal_connect_swapped (network, name, G_CALLBACK (increment), counter);
}

/* Seek to 100, change η, train 50: a second branch; the first one stays as it was. */
static void
test_branches (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) direct = bp_network_new ();
  g_autofree double *tip = NULL;
  g_autofree double *branch_tip = NULL;
  const BpTimelineBranch *branch;
  BpTimeline *timeline;
  guint changed, updated;
  double losses[151];
  g_autofree char *label = NULL;

  step_ok (network, 300);
  tip = params_of (bp_network_get_net (network));
  count_signal (network, "timeline-changed", &changed);
  count_signal (network, "updated", &updated);
  seek_ok (network, 0, 100);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (updated, ==, 1);
  timeline = bp_network_get_timeline (network);
  g_assert_false (bp_timeline_at_tip (timeline));
  /* Seeking is not an edit. */
  g_assert_false (bp_undo_get_can_undo (bp_network_get_undo (network)));

  bp_network_set_learning_rate (network, 2.0);
  step_ok (network, 50);
  g_assert_cmpuint (changed, ==, 2);
  timeline = bp_network_get_timeline (network);
  g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, 2);
  branch = bp_timeline_get_branch (timeline, 1);
  g_assert_cmpuint (branch->id, ==, 1);
  g_assert_cmpuint (branch->parent, ==, 0);
  g_assert_cmpuint (branch->fork_step, ==, 100);
  g_assert_cmpuint (branch->n_steps, ==, 50);
  g_assert_cmpfloat (branch->learning_rate, ==, 2.0);
  g_assert_cmpuint (branch->n_edits, ==, 0);
  g_assert_cmpuint (bp_timeline_get_current_branch (timeline), ==, 1);
  g_assert_cmpuint (bp_timeline_get_first_step (timeline, 1), ==, 0);
  g_assert_cmpuint (bp_timeline_get_last_step (timeline, 1), ==, 150);
  label = bp_timeline_branch_label (timeline, 1);
  g_assert_cmpstr (label, ==, "η = 2");

  /* The same steps taken directly. */
  step_ok (direct, 100);
  bp_network_set_learning_rate (direct, 2.0);
  step_ok (direct, 50);
  branch_tip = params_of (bp_network_get_net (direct));
  assert_params (network, branch_tip);

  /* The curve of branch 1 is branch 0's up to the fork, then its own. */
  g_assert_cmpuint (bp_timeline_get_losses (timeline, 1, 0, 150, losses), ==, 151);
  for (guint s = 0; s <= 100; s++)
    {
      double other;

      g_assert_cmpuint (bp_timeline_get_losses (timeline, 0, s, s, &other), ==, 1);
      g_assert_true (losses[s] == other);
    }
  g_assert_true (losses[150] == bp_network_get_loss (network));

  /* Branch 0 untouched: its tip as it was; then branch 1's tip again, and its past. */
  seek_ok (network, 0, 300);
  assert_params (network, tip);
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 0.5);
  seek_ok (network, 1, 150);
  assert_params (network, branch_tip);
  g_assert_cmpfloat (bp_network_get_learning_rate (network), ==, 2.0);
  seek_ok (network, 1, 40);
  seek_ok (network, 0, 40);
  seek_ok (network, 1, 150);
  assert_params (network, branch_tip);
  g_assert_true (bp_timeline_at_tip (bp_network_get_timeline (network)));

  /* Training on at branch 1's tip continues it. */
  step_ok (network, 10);
  timeline = bp_network_get_timeline (network);
  g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, 2);
  g_assert_cmpuint (bp_timeline_get_last_step (timeline, 1), ==, 160);
}

/* An edit at a past step: the fork keeps it, and a seek replays it. */
/* A seek back keeps the gradient health's record up to the step shown (it holds the last
 * BP_HEALTH_STEPS steps); one to another branch keeps the steps they share. */
static void
test_health_kept (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) direct = bp_network_new ();
  const BpHealth *health = bp_network_get_health (network);

  step_ok (network, 50);
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 50);
  seek_ok (network, 0, 30);
  g_assert_cmpuint (bp_health_get_last_step (health), ==, 30);
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 30);
  bp_network_set_learning_rate (network, 2.0);
  step_ok (network, 5);
  g_assert_cmpuint (bp_health_get_last_step (health), ==, 35);
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 35);
  /* Branch 1 again: the steps before the last state both share (the fork's own state may
   * differ by the edits made there), then the replay's up to step 40, as if stepped there. */
  seek_ok (network, 0, 40);
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, 40);
  g_assert_cmpuint (bp_health_get_last_step (health), ==, 40);
  step_ok (direct, 40);
  assert_same_health (network, direct);
}

/* Going back one step at a time, as Alt+Left does: the strip keeps at least three quarters
 * of its steps before the one shown, each as stepped there directly. */
static void
test_health_back_by_one (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) direct = bp_network_new ();
  const BpHealth *health = bp_network_get_health (network);
  guint fewest = BP_HEALTH_STEPS;

  step_ok (network, 500);
  for (guint64 step = 499; step >= 300; step--)
    {
      seek_ok (network, 0, step);
      g_assert_cmpuint (bp_health_get_last_step (health), ==, step);
      fewest = MIN (fewest, bp_health_get_n_steps (health));
    }
  g_test_message ("fewest steps on the strip: %u", fewest);
  g_assert_cmpuint (fewest, >=, BP_HEALTH_STEPS * 3 / 4);
  step_ok (direct, 300);
  assert_health_tail (network, direct, bp_health_get_n_steps (health));
}

/* A seek further back than the record reaches, and to another branch, records the strip's
 * steps up to the one shown anew: the same as a network stepped there directly. */
static void
check_health_far (gconstpointer data)
{
  gboolean dataset = GPOINTER_TO_INT (data);
  g_autoptr(BpNetwork) network = make_network (dataset);
  g_autoptr(BpNetwork) direct = make_network (dataset);
  const BpHealth *health = bp_network_get_health (network);

  step_ok (network, 500);
  seek_ok (network, 0, 300);
  g_assert_cmpuint (bp_health_get_n_steps (health), ==, BP_HEALTH_STEPS);
  g_assert_cmpuint (bp_health_get_last_step (health), ==, 300);
  step_ok (direct, 300);
  assert_same_health (network, direct);
  /* Forward again one step at a time, as Alt+Right does. */
  seek_ok (network, 0, 301);
  step_ok (direct, 1);
  assert_same_health (network, direct);
  /* A branch from step 120, left for the tip of the first and sought again: the first
   * branch's steps before 120 were not kept (the record held its steps 301 to 500), so the
   * record starts at the branch's own first step. */
  seek_ok (network, 0, 120);
  bp_network_set_learning_rate (network, 0.25);
  step_ok (network, 100);
  seek_ok (network, 0, 500);
  seek_ok (network, 1, 210);
  g_clear_object (&direct);
  direct = make_network (dataset);
  step_ok (direct, 120);
  bp_network_set_learning_rate (direct, 0.25);
  step_ok (direct, 90);
  assert_health_tail (network, direct, 90);
}

static void
test_edits_at_fork (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) direct = bp_network_new ();
  g_autofree double *expected = NULL;
  g_autoptr(GError) error = NULL;
  const BpTimelineEdit *edits;
  BpTimeline *timeline;
  guint n_edits;

  step_ok (network, 200);
  seek_ok (network, 0, 120);
  g_assert_true (bp_network_set_weight (network, 1, 0, 2, 0.25, &error));
  bp_network_set_input (network, 0, 0.75);
  step_ok (network, 30);

  step_ok (direct, 120);
  g_assert_true (bp_network_set_weight (direct, 1, 0, 2, 0.25, &error));
  bp_network_set_input (direct, 0, 0.75);
  step_ok (direct, 30);
  expected = params_of (bp_network_get_net (direct));
  assert_params (network, expected);

  timeline = bp_network_get_timeline (network);
  g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, 2);
  edits = bp_timeline_get_edits (timeline, 1, &n_edits);
  g_assert_cmpuint (n_edits, ==, 2);
  g_assert_cmpint (edits[0].kind, ==, BP_TIMELINE_EDIT_WEIGHT);
  g_assert_cmpuint (edits[0].layer, ==, 1);
  g_assert_cmpuint (edits[0].to, ==, 0);
  g_assert_cmpuint (edits[0].from, ==, 2);
  g_assert_cmpfloat (edits[0].value, ==, 0.25);
  g_assert_cmpint (edits[1].kind, ==, BP_TIMELINE_EDIT_INPUT);
  g_assert_cmpuint (edits[1].to, ==, 0);
  g_assert_cmpfloat (edits[1].value, ==, 0.75);

  seek_ok (network, 0, 200);
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.5);
  seek_ok (network, 1, 150);
  assert_params (network, expected);
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.75);
  seek_ok (network, 1, 120);
  g_assert_cmpfloat (*bp_net_weight (bp_network_get_net (network), 1, 0, 2), ==, 0.25);
  seek_ok (network, 1, 119);
  g_assert_cmpfloat (bp_network_get_input (network, 0), ==, 0.5);
}

/* An edit undone before the next step is no edit: the branch goes on. */
static void
test_undo_is_no_edit (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GError) error = NULL;

  step_ok (network, 20);
  g_assert_true (bp_network_set_bias (network, 0, 1, 3.0, &error));
  g_assert_true (bp_undo_undo (bp_network_get_undo (network)));
  step_ok (network, 20);
  g_assert_cmpuint (bp_timeline_get_n_branches (bp_network_get_timeline (network)), ==, 1);
  g_assert_cmpuint (bp_timeline_get_last_step (bp_network_get_timeline (network), 0), ==, 40);

  /* Undoing an edit made before a seek goes back to that step of the branch. */
  step_ok (network, 60);
  g_assert_true (bp_network_set_weight (network, 0, 0, 1, 1.5, &error));
  seek_ok (network, 0, 30);
  g_assert_true (bp_undo_undo (bp_network_get_undo (network)));
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 100);
  g_assert_true (bp_timeline_at_tip (bp_network_get_timeline (network)));
  step_ok (network, 5);
  g_assert_cmpuint (bp_timeline_get_n_branches (bp_network_get_timeline (network)), ==, 1);
  g_assert_cmpuint (bp_timeline_get_last_step (bp_network_get_timeline (network), 0), ==, 105);
  /* Redo goes back to where the undo was made: step 30, a past step, so the next step
   * starts a branch there. */
  g_assert_true (bp_undo_redo (bp_network_get_undo (network)));
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 30);
  step_ok (network, 2);
  g_assert_cmpuint (bp_timeline_get_n_branches (bp_network_get_timeline (network)), ==, 2);
  g_assert_cmpuint (bp_timeline_get_branch (bp_network_get_timeline (network), 1)->n_edits, ==, 0);
  g_assert_cmpuint (bp_timeline_get_branch (bp_network_get_timeline (network), 1)->fork_step,
                    ==, 30);

  /* An edit before the first step is the origin itself. */
  {
    g_autoptr(BpNetwork) fresh = bp_network_new ();
    BpTimeline *timeline;

    bp_network_set_learning_rate (fresh, 3.0);
    step_ok (fresh, 5);
    timeline = bp_network_get_timeline (fresh);
    g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, 1);
    g_assert_cmpfloat (bp_timeline_get_branch (timeline, 0)->learning_rate, ==, 3.0);
  }
}

/* The last 10,000 steps at least stay; older ones are refused with an error. */
static void
test_bound (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) direct = bp_network_new ();
  g_autoptr(GError) error = NULL;
  g_autofree double *expected = NULL;
  BpTimeline *timeline;
  guint64 first;

  for (guint k = 0; k < 12; k++)
    step_ok (network, 1000);
  seek_ok (network, 0, 2000);
  step_ok (direct, 2000);
  expected = params_of (bp_network_get_net (direct));
  assert_params (network, expected);

  seek_ok (network, 0, 12000);
  for (guint k = 0; k < 10; k++)
    step_ok (network, 1000);
  timeline = bp_network_get_timeline (network);
  first = bp_timeline_get_first_step (timeline, 0);
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (first, <=, 22000 - 10000);
  g_assert_cmpuint (22000 - first, <, BP_TIMELINE_KEPT_STEPS + BP_TIMELINE_DROP_CHUNK);
  {
    g_autofree double *losses = g_new (double, 22001);

    g_assert_cmpuint (bp_timeline_get_losses (timeline, 0, 0, 22000, losses), ==,
                      22000 - first + 1);
    g_assert_true (losses[22000 - first] == bp_network_get_loss (network));
  }
  seek_ok (network, 0, 12000);
  g_clear_pointer (&expected, g_free);
  step_ok (direct, 10000);
  expected = params_of (bp_network_get_net (direct));
  assert_params (network, expected);
  {
    double loss;

    g_assert_cmpuint (bp_timeline_get_losses (bp_network_get_timeline (network), 0, 12000,
                                              12000, &loss), ==, 1);
    g_assert_true (loss == bp_network_get_loss (network));
  }

  g_assert_false (bp_network_seek (network, 0, first - 1, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 12000);
  g_clear_error (&error);
  g_assert_false (bp_network_seek (network, 7, 12000, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bp_network_seek (network, 0, 22001, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
}

/* At most BP_TIMELINE_MAX_BRANCHES; the current one and its ancestors stay. */
static void
test_max_branches (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  BpTimeline *timeline;
  guint current;

  step_ok (network, 10);
  for (guint k = 0; k < BP_TIMELINE_MAX_BRANCHES + 8; k++)
    {
      seek_ok (network, 0, k % 10);
      step_ok (network, 2);
    }
  timeline = bp_network_get_timeline (network);
  g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, BP_TIMELINE_MAX_BRANCHES);
  g_assert_nonnull (bp_timeline_lookup_branch (timeline, 0));
  current = bp_timeline_get_current_branch (timeline);
  g_assert_cmpuint (current, ==, BP_TIMELINE_MAX_BRANCHES + 8);

  /* A chain of branches, each from the tip of the last with another η. */
  for (guint k = 0; k < BP_TIMELINE_MAX_BRANCHES + 4; k++)
    {
      bp_network_set_learning_rate (network, k % 2 == 0 ? 0.25 : 0.5);
      step_ok (network, 3);
    }
  timeline = bp_network_get_timeline (network);
  g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, BP_TIMELINE_MAX_BRANCHES);
  current = bp_timeline_get_current_branch (timeline);
  seek_ok (network, current, bp_timeline_get_first_step (timeline, current));
}

/* A change of structure starts a fresh timeline at the network as it is. */
static void
test_structure_restarts (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GError) error = NULL;
  BpTimeline *timeline;
  guint changed;

  step_ok (network, 50);
  seek_ok (network, 0, 20);
  bp_network_set_learning_rate (network, 1.0);
  step_ok (network, 5);
  g_assert_cmpuint (bp_timeline_get_n_branches (bp_network_get_timeline (network)), ==, 2);

  count_signal (network, "timeline-changed", &changed);
  g_assert_true (bp_network_add_neuron (network, 1, 0, &error));
  g_assert_cmpuint (changed, ==, 1);
  timeline = bp_network_get_timeline (network);
  g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, 1);
  g_assert_cmpuint (bp_timeline_get_first_step (timeline, 0), ==, 25);
  g_assert_cmpuint (bp_timeline_get_last_step (timeline, 0), ==, 25);
  step_ok (network, 5);
  seek_ok (network, 0, 25);
  g_assert_false (bp_network_seek (network, 0, 24, &error));
  g_clear_error (&error);

  /* Undoing the edit of the architecture is another change of structure. */
  g_assert_true (bp_undo_undo (bp_network_get_undo (network)));
  timeline = bp_network_get_timeline (network);
  g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, 1);
  g_assert_cmpuint (bp_timeline_get_last_step (timeline, 0), ==, 25);

  /* A reset at the origin's step still starts afresh. */
  bp_network_reset (network, 5);
  timeline = bp_network_get_timeline (network);
  g_assert_cmpuint (bp_timeline_get_first_step (timeline, 0), ==, 0);
  step_ok (network, 3);
  bp_network_set_activation (network, 1, BP_ACTIVATION_RELU, &error);
  g_assert_cmpuint (bp_timeline_get_last_step (bp_network_get_timeline (network), 0), ==, 3);
  g_assert_cmpuint (bp_timeline_get_first_step (bp_network_get_timeline (network), 0), ==, 3);
}

/* In dataset mode a seek also brings back the epoch and the losses of that step. */
static void
test_dataset_measures (void)
{
  g_autoptr(BpNetwork) network = make_dataset_network ();
  g_autoptr(BpNetwork) direct = make_dataset_network ();

  step_ok (network, 120);
  step_ok (direct, 37);
  seek_ok (network, 0, 37);
  g_assert_cmpuint (bp_network_get_epoch (network), ==, bp_network_get_epoch (direct));
  g_assert_true (bp_network_get_test_loss (network) == bp_network_get_test_loss (direct));
  g_assert_true (bp_network_get_train_accuracy (network)
                 == bp_network_get_train_accuracy (direct));
  g_assert_true (bp_network_get_input (network, 0) == bp_network_get_input (direct, 0));
  /* The history ends at that step. */
  {
    const BpHistory *history = bp_network_get_history (network);
    guint n = bp_history_get_length (history);

    g_assert_cmpuint (bp_history_get (history, n - 1)->step, ==, 37);
  }
}

static BpNetwork *
save_and_load (BpNetwork  *network,
               const char *edit_from,
               const char *edit_to,
               GError    **error)
{
  g_autofree char *dir = g_dir_make_tmp ("test-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "net.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BpNetwork) loaded = bp_network_new ();
  g_autofree char *text = NULL;

  g_assert_true (bp_network_save (network, file, error));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"timeline\": {"));
  if (edit_from != NULL)
    {
      char *at = strstr (text, edit_from);
      g_autoptr(GString) edited = g_string_new (NULL);

      g_assert_nonnull (at);
      g_string_append_len (edited, text, at - text);
      g_string_append (edited, edit_to);
      g_string_append (edited, at + strlen (edit_from));
      g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
    }
  if (!bp_network_load (loaded, file, error))
    g_clear_object (&loaded);
  g_unlink (path);
  g_rmdir (dir);
  return g_steal_pointer (&loaded);
}

static void
assert_same_network (BpNetwork *a,
                     BpNetwork *b)
{
  g_autofree double *params = params_of (bp_network_get_net (b));

  assert_params (a, params);
  g_assert_cmpuint (bp_network_get_step_count (a), ==, bp_network_get_step_count (b));
  g_assert_true (bp_network_get_learning_rate (a) == bp_network_get_learning_rate (b));
  g_assert_true (bp_network_get_input (a, 0) == bp_network_get_input (b, 0));
}

/* Saved as branch points, loaded by replaying them: the same branches, bit for bit. */
static void
check_save_load (gconstpointer data)
{
  gboolean dataset = GPOINTER_TO_INT (data);
  g_autoptr(BpNetwork) network = make_network (dataset);
  g_autoptr(BpNetwork) loaded = NULL;
  g_autoptr(GError) error = NULL;
  BpTimeline *ours, *theirs;
  guint changed;

  step_ok (network, 300);
  seek_ok (network, 0, 100);
  bp_network_set_learning_rate (network, 2.0);
  g_assert_true (bp_network_set_weight (network, 0, 1, 0, 0.125, &error));
  step_ok (network, 50);
  seek_ok (network, 0, 250);
  /* An edit not yet stepped from is saved too. */
  g_assert_true (bp_network_set_bias (network, 1, 0, -0.5, &error));

  loaded = save_and_load (network, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_network (loaded, network);
  /* The health strip shows the steps before the one loaded, as it did before the save. */
  assert_same_health (loaded, network);
  ours = bp_network_get_timeline (network);
  theirs = bp_network_get_timeline (loaded);
  g_assert_cmpuint (bp_timeline_get_n_branches (theirs), ==, 2);
  for (guint k = 0; k < 2; k++)
    {
      const BpTimelineBranch *a = bp_timeline_get_branch (ours, k);
      const BpTimelineBranch *b = bp_timeline_get_branch (theirs, k);

      g_assert_cmpuint (a->id, ==, b->id);
      g_assert_cmpuint (a->parent, ==, b->parent);
      g_assert_cmpuint (a->fork_step, ==, b->fork_step);
      g_assert_cmpuint (a->n_steps, ==, b->n_steps);
      g_assert_cmpuint (a->n_edits, ==, b->n_edits);
      g_assert_true (a->learning_rate == b->learning_rate);
    }
  g_assert_cmpuint (bp_timeline_get_current_branch (theirs), ==, 0);
  g_assert_cmpuint (bp_timeline_get_cursor (theirs), ==, 250);
  g_assert_cmpuint (bp_history_get_length (bp_network_get_history (loaded)), ==,
                    bp_history_get_length (bp_network_get_history (network)));

  /* Every branch replays alike in both. */
  count_signal (loaded, "timeline-changed", &changed);
  for (guint step = 0; step <= 300; step += 37)
    {
      seek_ok (network, 0, step);
      seek_ok (loaded, 0, step);
      assert_same_network (loaded, network);
    }
  seek_ok (network, 1, 150);
  seek_ok (loaded, 1, 150);
  assert_same_network (loaded, network);
  g_assert_cmpuint (changed, ==, 10);
}

/* A file whose network is not where its timeline leads keeps its network, not the timeline. */
static void
test_hand_edited (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) loaded = NULL;
  g_autoptr(GError) error = NULL;
  char weight[G_ASCII_DTOSTR_BUF_SIZE];
  BpTimeline *timeline;

  step_ok (network, 120);
  g_ascii_formatd (weight, sizeof weight, "%.17g", bp_network_get_weight (network, 0, 0, 0));
  g_test_expect_message ("bp-network", G_LOG_LEVEL_MESSAGE, "*timeline was left out*");
  loaded = save_and_load (network, weight, "0.375", &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpfloat (bp_network_get_weight (loaded, 0, 0, 0), ==, 0.375);
  g_assert_cmpuint (bp_network_get_step_count (loaded), ==, 120);
  timeline = bp_network_get_timeline (loaded);
  g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, 1);
  g_assert_cmpuint (bp_timeline_get_first_step (timeline, 0), ==, 120);
  g_assert_cmpuint (bp_timeline_get_last_step (timeline, 0), ==, 120);

  /* A timeline that is not one is an error of the file, as any other field. */
  g_clear_object (&loaded);
  loaded = save_and_load (network, "\"branches\": [", "\"branches\": [], \"x\": [", &error);
  g_assert_null (loaded);
  g_assert_error (error, BP_ERROR, BP_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "timeline.branches"));
}

/* The CSV: a header, a row per step of every branch, the parameters replayed at that step. */
static void
check_csv (gconstpointer data)
{
  gboolean dataset = GPOINTER_TO_INT (data);
  g_autoptr(BpNetwork) network = make_network (dataset);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree double *shown = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  const BpNet *net;
  guint n_params;

  step_ok (network, 130);
  seek_ok (network, 0, 60);
  bp_network_set_learning_rate (network, 1.5);
  step_ok (network, 40);
  seek_ok (network, 0, 90);
  shown = params_of (bp_network_get_net (network));

  g_assert_true (bp_timeline_write_csv (bp_network_get_timeline (network), stream, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  lines = g_strsplit (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)), "\n",
                      -1);
  /* The network shown did not move. */
  assert_params (network, shown);
  g_assert_cmpuint (bp_network_get_step_count (network), ==, 90);

  net = bp_network_get_net (network);
  n_params = net->n_weights + net->n_biases;
  header = g_strsplit (lines[0], ",", -1);
  g_assert_cmpuint (g_strv_length (header), ==, 4 + n_params);
  g_assert_cmpstr (header[2], ==, "loss");
  g_assert_cmpstr (header[4], ==, "w_0_0_0");
  g_assert_cmpstr (header[5], ==, "w_0_0_1");
  g_assert_cmpstr (header[4 + net->n_weights], ==, "b_0_0");
  /* 131 rows of branch 0, 41 of branch 1, and the empty end. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 131 + 41 + 1);
  for (guint k = 1; k < 1 + 131 + 41; k += 7)
    {
      g_auto(GStrv) fields = g_strsplit (lines[k], ",", -1);
      guint64 step = g_ascii_strtoull (fields[0], NULL, 10);
      guint branch = (guint) g_ascii_strtoull (fields[1], NULL, 10);
      g_autofree double *values = g_new (double, n_params);
      double loss;

      g_assert_cmpuint (step, ==, k <= 131 ? k - 1 : 60 + (k - 132));
      g_assert_cmpuint (branch, ==, k <= 131 ? 0 : 1);
      for (guint i = 0; i < n_params; i++)
        values[i] = g_ascii_strtod (fields[4 + i], NULL);
      seek_ok (network, branch, step);
      assert_params (network, values);
      loss = dataset ? bp_network_get_train_loss (network) : bp_network_get_loss (network);
      g_assert_true (g_ascii_strtod (fields[2], NULL) == loss);
      g_assert_true (g_ascii_strtod (fields[3], NULL) == bp_network_get_learning_rate (network));
    }
}

/* A file keeps the branch shown and its ancestors, and other branches up to a bound on the
 * steps a load replays. */
static void
test_file_bound (void)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(BpNetwork) loaded = NULL;
  g_autoptr(GError) error = NULL;
  BpTimeline *timeline;

  step_ok (network, 2000);
  for (guint k = 0; k < 9; k++)
    {
      seek_ok (network, 0, 1000);
      bp_network_set_learning_rate (network, 0.1 + 0.05 * k);
      for (guint done = 0; done < 16000; done += 4000)
        step_ok (network, 4000);
    }
  g_assert_cmpuint (bp_timeline_get_n_branches (bp_network_get_timeline (network)), ==, 10);
  loaded = save_and_load (network, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_network (loaded, network);
  timeline = bp_network_get_timeline (loaded);
  /* 8 × 16,000 steps of branches off the way do not fit in 131,072 − 18,000. */
  g_assert_cmpuint (bp_timeline_get_n_branches (timeline), ==, 9);
  g_assert_cmpuint (bp_timeline_get_current_branch (timeline), ==, 8);
  g_assert_cmpuint (bp_timeline_get_last_step (timeline, 8), ==, 17000);
  seek_ok (loaded, 8, 9000);
  seek_ok (network, 9, 9000);
  assert_same_network (loaded, network);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/timeline/every-step/example", GINT_TO_POINTER (FALSE),
                        check_every_step);
  g_test_add_data_func ("/timeline/every-step/dataset", GINT_TO_POINTER (TRUE),
                        check_every_step);
  g_test_add_func ("/timeline/branches", test_branches);
  g_test_add_func ("/timeline/health-kept", test_health_kept);
  g_test_add_func ("/timeline/health-back-by-one", test_health_back_by_one);
  g_test_add_data_func ("/timeline/health-far/example", GINT_TO_POINTER (FALSE),
                        check_health_far);
  g_test_add_data_func ("/timeline/health-far/dataset", GINT_TO_POINTER (TRUE),
                        check_health_far);
  g_test_add_func ("/timeline/edits-at-fork", test_edits_at_fork);
  g_test_add_func ("/timeline/undo-is-no-edit", test_undo_is_no_edit);
  g_test_add_func ("/timeline/bound", test_bound);
  g_test_add_func ("/timeline/max-branches", test_max_branches);
  g_test_add_func ("/timeline/structure-restarts", test_structure_restarts);
  g_test_add_func ("/timeline/dataset-measures", test_dataset_measures);
  g_test_add_data_func ("/timeline/save-load/example", GINT_TO_POINTER (FALSE),
                        check_save_load);
  g_test_add_data_func ("/timeline/save-load/dataset", GINT_TO_POINTER (TRUE),
                        check_save_load);
  g_test_add_func ("/timeline/hand-edited", test_hand_edited);
  g_test_add_func ("/timeline/file-bound", test_file_bound);
  g_test_add_data_func ("/timeline/csv/example", GINT_TO_POINTER (FALSE), check_csv);
  g_test_add_data_func ("/timeline/csv/dataset", GINT_TO_POINTER (TRUE), check_csv);

  return g_test_run ();
}
