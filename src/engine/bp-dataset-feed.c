/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-dataset-feed.c: what a dataset feeds the network: the input features of a point, the
 * order of the training points in each epoch and the mini-batches. */
#define G_LOG_DOMAIN "bp-dataset"

#include "config.h"

#include "bp-dataset.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bp-core-private.h"

static const char *feature_names[BP_N_FEATURES] = {
  [BP_FEATURE_X1] = "x1",
  [BP_FEATURE_X2] = "x2",
  [BP_FEATURE_X1_SQUARED] = "x1_squared",
  [BP_FEATURE_X2_SQUARED] = "x2_squared",
  [BP_FEATURE_X1_TIMES_X2] = "x1_times_x2",
  [BP_FEATURE_SIN_X1] = "sin_x1",
  [BP_FEATURE_SIN_X2] = "sin_x2",
};

/* Notation, never translated (po/GLOSSARY.md). */
static const char *feature_display_names[BP_N_FEATURES] = {
  [BP_FEATURE_X1] = "x1",
  [BP_FEATURE_X2] = "x2",
  [BP_FEATURE_X1_SQUARED] = "x1²",
  [BP_FEATURE_X2_SQUARED] = "x2²",
  [BP_FEATURE_X1_TIMES_X2] = "x1·x2",
  [BP_FEATURE_SIN_X1] = "sin(x1)",
  [BP_FEATURE_SIN_X2] = "sin(x2)",
};

/* Public API: features */

/**
 * bp_feature_to_string:
 * @feature: a feature
 *
 * Returns: its name in files and on the command line: x1, x2, x1_squared, x2_squared,
 *   x1_times_x2, sin_x1 or sin_x2
 */
const char *
bp_feature_to_string (BpFeature feature)
{
  g_return_val_if_fail (feature < BP_N_FEATURES, NULL);
  return feature_names[feature];
}

/**
 * bp_feature_from_string:
 * @name: a name as bp_feature_to_string() gives it
 * @feature: (out): the feature
 *
 * Returns: whether @name names a feature
 */
gboolean
bp_feature_from_string (const char *name,
                        BpFeature  *feature)
{
  gint k;

  g_return_val_if_fail (name != NULL, FALSE);

  k = _bp_name_index (feature_names, BP_N_FEATURES, name);
  if (k < 0)
    return FALSE;
  *feature = k;
  return TRUE;
}

/**
 * bp_feature_display_name:
 * @feature: a feature
 *
 * Returns: the feature as notation for the window: x1, x2, x1², x2², x1·x2, sin(x1), sin(x2)
 */
const char *
bp_feature_display_name (BpFeature feature)
{
  g_return_val_if_fail (feature < BP_N_FEATURES, NULL);
  return feature_display_names[feature];
}

/**
 * bp_feature_set_parse:
 * @list: feature names separated by commas, such as "x1,x2,sin_x1" (spaces and empty
 *   entries are skipped)
 * @set: (out): the features
 * @error: the unknown or repeated name, or an empty list
 *
 * The features feed the network in their fixed order whatever the order of @list.
 *
 * Returns: whether @list was a list of features
 */
gboolean
bp_feature_set_parse (const char    *list,
                      BpFeatureSet  *set,
                      GError       **error)
{
  g_auto(GStrv) names = NULL;
  BpFeatureSet found = 0;

  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (set != NULL, FALSE);

  names = g_strsplit (list, ",", -1);
  for (guint k = 0; names[k] != NULL; k++)
    {
      const char *name = g_strstrip (names[k]);
      BpFeature feature;

      if (*name == '\0')
        continue;
      if (!bp_feature_from_string (name, &feature))
        {
          g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                       /* Translators: the names after the semicolon are never translated. */
                       _("Unknown feature “%s”; the features are x1, x2, x1_squared, "
                         "x2_squared, x1_times_x2, sin_x1, sin_x2"), name);
          return FALSE;
        }
      if (found & BP_FEATURE_BIT (feature))
        {
          g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                       _("The feature “%s” is listed twice"), name);
          return FALSE;
        }
      found |= BP_FEATURE_BIT (feature);
    }
  if (found == 0)
    {
      g_set_error_literal (error, BP_ERROR, BP_ERROR_INVALID,
                           _("The list of features is empty"));
      return FALSE;
    }
  *set = found;
  return TRUE;
}

/**
 * bp_feature_set_to_string:
 * @set: features
 *
 * Returns: (transfer full): the names in their fixed order, separated by commas
 */
char *
bp_feature_set_to_string (BpFeatureSet set)
{
  GString *out = g_string_new (NULL);

  for (guint f = 0; f < BP_N_FEATURES; f++)
    if (set & BP_FEATURE_BIT (f))
      {
        if (out->len > 0)
          g_string_append_c (out, ',');
        g_string_append (out, feature_names[f]);
      }
  return g_string_free (out, FALSE);
}

/**
 * bp_feature_set_count:
 * @set: features
 *
 * Returns: how many features @set holds: the size of the network's input layer
 */
guint
bp_feature_set_count (BpFeatureSet set)
{
  return (guint) __builtin_popcount (set & BP_FEATURES_ALL);
}

/**
 * bp_feature_set_fill:
 * @set: features
 * @x1: the point's first coordinate
 * @x2: the point's second coordinate
 * @input: (out caller-allocates): bp_feature_set_count() values
 *
 * Writes the features of the point (@x1, @x2) in their fixed order.
 */
void
bp_feature_set_fill (BpFeatureSet  set,
                     double        x1,
                     double        x2,
                     double       *input)
{
  guint k = 0;

  if (set & BP_FEATURE_BIT (BP_FEATURE_X1))
    input[k++] = x1;
  if (set & BP_FEATURE_BIT (BP_FEATURE_X2))
    input[k++] = x2;
  if (set & BP_FEATURE_BIT (BP_FEATURE_X1_SQUARED))
    input[k++] = x1 * x1;
  if (set & BP_FEATURE_BIT (BP_FEATURE_X2_SQUARED))
    input[k++] = x2 * x2;
  if (set & BP_FEATURE_BIT (BP_FEATURE_X1_TIMES_X2))
    input[k++] = x1 * x2;
  if (set & BP_FEATURE_BIT (BP_FEATURE_SIN_X1))
    input[k++] = sin (x1);
  if (set & BP_FEATURE_BIT (BP_FEATURE_SIN_X2))
    input[k++] = sin (x2);
}

/* Public API: epochs and batches */

/**
 * bp_dataset_epoch_order:
 * @dataset: a dataset
 * @epoch: the epoch, from 0
 * @order: (out caller-allocates): n_train indices
 *
 * The order the training points are visited in during @epoch: a Fisher–Yates shuffle by
 * GLib's GRand seeded with the dataset's seed and @epoch, so that it is the same on every
 * run and different from one epoch to the next.
 */
void
bp_dataset_epoch_order (const BpDataset *dataset,
                        guint64          epoch,
                        guint           *order)
{
  guint32 seeds[3];
  g_autoptr(GRand) rand = NULL;

  g_return_if_fail (dataset != NULL);
  g_return_if_fail (order != NULL || dataset->n_train == 0);

  seeds[0] = dataset->seed;
  seeds[1] = (guint32) epoch;
  seeds[2] = (guint32) (epoch >> 32);
  rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));

  for (guint i = 0; i < dataset->n_train; i++)
    order[i] = i;
  for (guint i = dataset->n_train; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i);
      guint swap = order[i - 1];

      order[i - 1] = order[j];
      order[j] = swap;
    }
}

/**
 * bp_dataset_n_batches:
 * @n_train: the number of training points
 * @batch_size: the batch size, at least 1
 *
 * Returns: the mini-batches of one epoch: ⌈@n_train / @batch_size⌉, and 1 (the whole set)
 *   when @batch_size ≥ @n_train
 */
guint
bp_dataset_n_batches (guint n_train,
                      guint batch_size)
{
  g_return_val_if_fail (batch_size >= 1, 1);

  if (n_train == 0 || batch_size >= n_train)
    return 1;
  return n_train / batch_size + (n_train % batch_size != 0);
}

/**
 * bp_dataset_batch:
 * @n_train: the number of training points
 * @batch_size: the batch size, at least 1
 * @batch: the batch, below bp_dataset_n_batches()
 * @start: (out): its first position in the epoch's order
 *
 * Returns: the batch's size: @batch_size, less for the last batch when @batch_size does
 *   not divide @n_train, and @n_train when @batch_size ≥ @n_train
 */
guint
bp_dataset_batch (guint  n_train,
                  guint  batch_size,
                  guint  batch,
                  guint *start)
{
  guint first;

  g_return_val_if_fail (batch_size >= 1, 0);
  g_return_val_if_fail (batch < bp_dataset_n_batches (n_train, batch_size), 0);

  if (batch_size >= n_train)
    {
      *start = 0;
      return n_train;
    }
  first = batch * batch_size;
  *start = first;
  return MIN (batch_size, n_train - first);
}

/**
 * bp_dataset_step_position:
 * @n_train: the number of training points
 * @batch_size: the batch size, at least 1
 * @step: the mini-batch step, from 0
 * @epoch: (out): the epoch it belongs to
 * @batch: (out): its batch within that epoch
 *
 * Where step @step falls when every epoch runs through all its batches in turn.
 */
void
bp_dataset_step_position (guint    n_train,
                          guint    batch_size,
                          guint64  step,
                          guint64 *epoch,
                          guint   *batch)
{
  guint n = bp_dataset_n_batches (n_train, batch_size);

  *epoch = step / n;
  *batch = (guint) (step % n);
}
