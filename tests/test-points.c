/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-points.c: points drawn by hand into a network's dataset: adding and erasing, the
 * losses measured again, undo and redo to the bit (a drag's points as one entry), the kinds
 * of dataset and the refusals, the last training point kept, and a save and load. */
#define G_LOG_DOMAIN "test-points"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "bp-dataset.h"
#include "bp-network.h"

static BpNetwork *
make_network (BpGenerator generator,
              guint       n_points)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BpDataset) dataset = bp_dataset_generate (generator, n_points, 0.0, 50.0, 7,
                                                      &error);
  BpNetwork *network = bp_network_new ();

  g_assert_no_error (error);
  bp_network_set_dataset (network, dataset, NULL);
  g_assert_true (bp_network_set_mode (network, BP_FILE_MODE_DATASET, &error));
  g_assert_no_error (error);
  return network;
}

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

static void
increment (guint *counter)
{
  (*counter)++;
}

static void
test_add (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_GENERATOR_CIRCLE, 40);
  g_autoptr(GError) error = NULL;
  const BpDataset *d;
  double train_loss = bp_network_get_train_loss (network);
  double test_loss = bp_network_get_test_loss (network);
  guint n_backward = 0, n_train_loss = 0;

  g_signal_connect_swapped (network, "backward", G_CALLBACK (increment), &n_backward);
  g_signal_connect_swapped (network, "notify::train-loss", G_CALLBACK (increment),
                            &n_train_loss);
  g_assert_true (bp_network_add_point (network, 1.5, -2.25, 1.0, &error));
  g_assert_no_error (error);

  d = bp_network_get_dataset (network);
  g_assert_cmpuint (d->n_points, ==, 41);
  g_assert_cmpuint (d->n_train, ==, 21);
  g_assert_cmpint (d->generator, ==, BP_GENERATOR_DRAWN);
  g_assert_cmpfloat (d->points[20].x1, ==, 1.5);
  g_assert_cmpfloat (d->points[20].x2, ==, -2.25);
  g_assert_cmpfloat (d->points[20].label, ==, 1.0);
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_DATASET);
  g_assert_cmpuint (n_backward, ==, 1);
  g_assert_cmpuint (n_train_loss, ==, 1);
  /* The training loss is the mean over 21 points now; the test points did not change. */
  g_assert_false (same_bits (bp_network_get_train_loss (network), train_loss));
  g_assert_true (same_bits (bp_network_get_test_loss (network), test_loss));
  g_assert_true (bp_undo_get_can_undo (bp_network_get_undo (network)));
}

/* What a user erases goes, training and test points alike; the rest keep their order. */
static void
test_erase (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_GENERATOR_GAUSSIAN, 60);
  g_autoptr(BpDataset) before = bp_dataset_copy (bp_network_get_dataset (network));
  const BpDataset *d;
  guint n_near = 0, n_near_train = 0, removed;
  guint n_backward = 0;

  for (guint i = 0; i < before->n_points; i++)
    if (hypot (before->points[i].x1 - 2.0, before->points[i].x2 - 2.0) <= 1.5)
      {
        n_near++;
        n_near_train += i < before->n_train;
      }
  g_assert_cmpuint (n_near, >, 2);
  g_assert_cmpuint (n_near, >, n_near_train);
  g_assert_cmpuint (n_near_train, >, 0);

  g_signal_connect_swapped (network, "backward", G_CALLBACK (increment), &n_backward);
  removed = bp_network_erase_points (network, 2.0, 2.0, 1.5);
  g_assert_cmpuint (removed, ==, n_near);
  d = bp_network_get_dataset (network);
  g_assert_cmpuint (d->n_points, ==, before->n_points - n_near);
  g_assert_cmpuint (d->n_train, ==, before->n_train - n_near_train);
  g_assert_cmpint (d->generator, ==, BP_GENERATOR_DRAWN);
  for (guint i = 0; i < d->n_points; i++)
    g_assert_cmpfloat (hypot (d->points[i].x1 - 2.0, d->points[i].x2 - 2.0), >, 1.5);
  g_assert_cmpuint (n_backward, ==, 1);

  /* Nothing near: nothing changes, nothing is emitted, no undo entry. */
  g_assert_cmpuint (bp_network_erase_points (network, 2.0, 2.0, 1.5), ==, 0);
  g_assert_cmpuint (n_backward, ==, 1);
  g_assert_cmpuint (bp_undo_get_n_undo (bp_network_get_undo (network)), ==, 3);
}

/* Erasing everything keeps one training point, so dataset mode and the file stay valid. */
static void
test_erase_keeps_one (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_GENERATOR_XOR, 30);
  const BpDataset *d;
  guint removed = bp_network_erase_points (network, 0.0, 0.0, 100.0);

  d = bp_network_get_dataset (network);
  g_assert_cmpuint (removed, ==, 29);
  g_assert_cmpuint (d->n_points, ==, 1);
  g_assert_cmpuint (d->n_train, ==, 1);
  g_assert_cmpint (bp_network_get_mode (network), ==, BP_FILE_MODE_DATASET);
  g_assert_true (bp_network_step_n (network, 3, NULL));
  g_assert_cmpuint (bp_network_erase_points (network, 0.0, 0.0, 100.0), ==, 0);
  /* And drawing starts again from there. */
  g_assert_true (bp_network_add_point (network, -1.0, 1.0, 0.0, NULL));
  g_assert_cmpuint (bp_network_get_dataset (network)->n_train, ==, 2);
}

typedef struct {
  BpNet *net;
  BpDataset *dataset;
  double train_loss, test_loss, test_accuracy;
} State;

static void
state_take (State     *state,
            BpNetwork *network)
{
  const BpNet *net = bp_network_get_net (network);

  state->net = bp_net_new (net->n_layers + 1, net->sizes, net->activations, net->loss_kind,
                           NULL);
  bp_net_copy_values (state->net, net);
  state->dataset = bp_dataset_copy (bp_network_get_dataset (network));
  state->train_loss = bp_network_get_train_loss (network);
  state->test_loss = bp_network_get_test_loss (network);
  state->test_accuracy = bp_network_get_test_accuracy (network);
}

static void
state_assert (const State *state,
              BpNetwork   *network)
{
  const BpNet *net = bp_network_get_net (network);

  g_assert_true (bp_dataset_equal (bp_network_get_dataset (network), state->dataset));
  g_assert_cmpint (bp_network_get_dataset (network)->generator, ==, state->dataset->generator);
  g_assert_true (same_bits (bp_network_get_train_loss (network), state->train_loss));
  g_assert_true (same_bits (bp_network_get_test_loss (network), state->test_loss));
  g_assert_true (same_bits (bp_network_get_test_accuracy (network), state->test_accuracy));
  for (guint l = 0; l < net->n_layers; l++)
    g_assert_cmpmem (net->weights[l], (gsize) net->sizes[l] * net->sizes[l + 1] * sizeof (double),
                     state->net->weights[l],
                     (gsize) net->sizes[l] * net->sizes[l + 1] * sizeof (double));
  g_assert_cmpmem (net->a[0], net->sizes[0] * sizeof (double),
                   state->net->a[0], net->sizes[0] * sizeof (double));
}

static void
state_clear (State *state)
{
  g_clear_pointer (&state->net, bp_net_free);
  g_clear_pointer (&state->dataset, bp_dataset_free);
}

/* A click, a drag of three points as one group, an erase: undone and redone to the bit. */
static void
test_undo_redo (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_GENERATOR_CIRCLE, 40);
  BpUndo *undo = bp_network_get_undo (network);
  guint base = bp_undo_get_n_undo (undo);
  State states[4] = { 0 };

  g_assert_true (bp_network_step_n (network, 5, NULL));
  state_take (&states[0], network);
  g_assert_true (bp_network_add_point (network, 0.5, 0.5, 1.0, NULL));
  state_take (&states[1], network);
  bp_undo_begin_group (undo);
  g_assert_true (bp_network_add_point (network, -3.0, 1.0, 0.0, NULL));
  g_assert_true (bp_network_add_point (network, -3.35, 1.0, 0.0, NULL));
  g_assert_true (bp_network_add_point (network, -3.7, 1.0, 0.0, NULL));
  bp_undo_end_group (undo);
  state_take (&states[2], network);
  g_assert_cmpuint (bp_network_erase_points (network, -3.35, 1.0, 0.4), ==, 3);
  state_take (&states[3], network);
  g_assert_cmpuint (bp_undo_get_n_undo (undo), ==, base + 3);

  for (guint k = 3; k > 0; k--)
    {
      g_assert_true (bp_undo_undo (undo));
      state_assert (&states[k - 1], network);
    }
  for (guint k = 1; k <= 3; k++)
    {
      g_assert_true (bp_undo_redo (undo));
      state_assert (&states[k], network);
    }
  for (guint k = 0; k < G_N_ELEMENTS (states); k++)
    state_clear (&states[k]);
}

static void
test_kinds_and_errors (void)
{
  g_autoptr(BpNetwork) classes = make_network (BP_GENERATOR_XOR, 20);
  g_autoptr(BpNetwork) values = make_network (BP_GENERATOR_PLANE, 20);
  g_autoptr(BpNetwork) example = bp_network_new ();
  g_autoptr(BpDataset) before = bp_dataset_copy (bp_network_get_dataset (classes));
  GError *error = NULL;

  /* A classification set takes only 0 and 1. */
  g_assert_false (bp_network_add_point (classes, 1.0, 1.0, 0.5, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "0 or 1"));
  g_clear_error (&error);
  g_assert_false (bp_network_add_point (classes, 7.0, 1.0, 1.0, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bp_network_add_point (classes, 1.0, NAN, 1.0, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (bp_dataset_equal (bp_network_get_dataset (classes), before));
  g_assert_false (bp_undo_get_can_redo (bp_network_get_undo (classes)));

  /* A regression set takes values of −6 … 6, and stays a regression set. */
  g_assert_true (bp_network_add_point (values, 1.0, 1.0, 0.25, &error));
  g_assert_no_error (error);
  g_assert_true (bp_network_add_point (values, 1.0, 1.0, -6.0, &error));
  g_assert_cmpint (bp_network_get_dataset (values)->kind, ==, BP_DATASET_REGRESSION);
  g_assert_false (bp_network_add_point (values, 1.0, 1.0, 6.5, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_clear_error (&error);

  /* One example: nothing to draw into. */
  g_assert_false (bp_network_add_point (example, 1.0, 1.0, 1.0, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (bp_network_erase_points (example, 0.0, 0.0, 10.0), ==, 0);
  g_assert_false (bp_undo_get_can_undo (bp_network_get_undo (example)));
}

/* A full dataset refuses another point. */
static void
test_full (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_GENERATOR_CIRCLE, BP_DATASET_MAX_POINTS);
  GError *error = NULL;

  g_assert_false (bp_network_add_point (network, 0.0, 0.0, 1.0, &error));
  g_assert_error (error, BP_ERROR, BP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (bp_network_erase_points (network, 0.0, 0.0, 0.5), >, 0);
  g_assert_true (bp_network_add_point (network, 0.0, 0.0, 1.0, &error));
  g_assert_no_error (error);
}

/* The drawn points and their split survive a save and a load, as a drawn dataset. */
static void
test_save_load (void)
{
  g_autoptr(BpNetwork) network = make_network (BP_GENERATOR_SPIRAL, 50);
  g_autoptr(BpNetwork) loaded = bp_network_new ();
  g_autofree char *dir = g_dir_make_tmp ("test-points-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "drawn.backprop", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const BpDataset *d;

  g_assert_true (bp_network_add_point (network, 0.1, 0.2, 1.0, NULL));
  g_assert_true (bp_network_add_point (network, -5.9, 5.9, 0.0, NULL));
  g_assert_cmpuint (bp_network_erase_points (network, 3.0, -3.0, 1.0), >, 0);
  g_assert_true (bp_network_step_n (network, 4, NULL));
  g_assert_true (bp_network_save (network, file, &error));
  g_assert_no_error (error);
  g_assert_true (bp_network_load (loaded, file, &error));
  g_assert_no_error (error);

  d = bp_network_get_dataset (loaded);
  g_assert_cmpint (d->generator, ==, BP_GENERATOR_DRAWN);
  g_assert_cmpint (d->kind, ==, BP_DATASET_CLASSIFICATION);
  g_assert_true (bp_dataset_equal (d, bp_network_get_dataset (network)));
  g_assert_cmpint (bp_network_get_mode (loaded), ==, BP_FILE_MODE_DATASET);
  g_assert_true (same_bits (bp_network_get_train_loss (loaded),
                            bp_network_get_train_loss (network)));
  g_assert_true (same_bits (bp_network_get_test_loss (loaded),
                            bp_network_get_test_loss (network)));

  /* A drawn regression set stays one. */
  g_clear_object (&network);
  g_clear_object (&loaded);
  network = make_network (BP_GENERATOR_PLANE, 30);
  loaded = bp_network_new ();
  g_assert_true (bp_network_add_point (network, 2.5, -1.5, -0.75, NULL));
  g_assert_true (bp_network_save (network, file, &error));
  g_assert_true (bp_network_load (loaded, file, &error));
  g_assert_no_error (error);
  d = bp_network_get_dataset (loaded);
  g_assert_cmpint (d->generator, ==, BP_GENERATOR_DRAWN);
  g_assert_cmpint (d->kind, ==, BP_DATASET_REGRESSION);
  g_assert_true (bp_dataset_equal (d, bp_network_get_dataset (network)));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/points/add", test_add);
  g_test_add_func ("/points/erase", test_erase);
  g_test_add_func ("/points/erase-keeps-one", test_erase_keeps_one);
  g_test_add_func ("/points/undo-redo", test_undo_redo);
  g_test_add_func ("/points/kinds-and-errors", test_kinds_and_errors);
  g_test_add_func ("/points/full", test_full);
  g_test_add_func ("/points/save-load", test_save_load);

  return g_test_run ();
}
