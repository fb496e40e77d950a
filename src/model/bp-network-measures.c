/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-measures.c: what BpNetwork measures in dataset mode, read as properties and
 * getters: the epoch, and the train and test loss and accuracy (bp-network-dataset.c
 * measures them after every operation); and its gradient health (#BpHealth). */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

void
_bp_network_get_dataset_property (BpNetwork         *self,
                                  BpDatasetProperty  property,
                                  GValue            *value)
{
  switch (property)
    {
    case BP_DATASET_PROP_MODE:
      g_value_set_enum (value, bp_network_get_mode (self));
      break;
    case BP_DATASET_PROP_BATCH_SIZE:
      g_value_set_uint (value, bp_network_get_batch_size (self));
      break;
    case BP_DATASET_PROP_EPOCH:
      g_value_set_uint64 (value, bp_network_get_epoch (self));
      break;
    case BP_DATASET_PROP_TRAIN_LOSS:
      g_value_set_double (value, self->train_loss);
      break;
    case BP_DATASET_PROP_TEST_LOSS:
      g_value_set_double (value, self->test_loss);
      break;
    case BP_DATASET_PROP_TRAIN_ACCURACY:
      g_value_set_double (value, self->train_accuracy);
      break;
    case BP_DATASET_PROP_TEST_ACCURACY:
      g_value_set_double (value, self->test_accuracy);
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * bp_network_get_epoch:
 * @self: a network
 *
 * Returns: in dataset mode, the epoch the next mini-batch belongs to (from 0); else the
 *   file's epoch, or 0
 */
guint64
bp_network_get_epoch (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0);
  return self->extras.has_epoch ? self->extras.epoch : 0;
}

/**
 * bp_network_get_train_loss:
 * @self: a network
 *
 * Returns: in dataset mode, the mean loss over the training points (exact batched forward
 *   pass); 0 in example mode
 */
double
bp_network_get_train_loss (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  return self->train_loss;
}

/**
 * bp_network_get_test_loss:
 * @self: a network
 *
 * Returns: in dataset mode, the mean loss over the test points (0 without any)
 */
double
bp_network_get_test_loss (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  return self->test_loss;
}

/**
 * bp_network_get_train_accuracy:
 * @self: a network
 *
 * Returns: for a classification dataset, the share of training points classified right (an
 *   output ≥ 0.5 is class 1), 0 … 1; 0 otherwise
 */
double
bp_network_get_train_accuracy (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  return self->train_accuracy;
}

/**
 * bp_network_get_test_accuracy:
 * @self: a network
 *
 * Returns: likewise over the test points
 */
double
bp_network_get_test_accuracy (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  return self->test_accuracy;
}

/* Adds the chart's point of this moment: in dataset mode the train and test loss, the
 * accuracies (classification only) and the epoch. */
void
_bp_network_record_history (BpNetwork *self)
{
  gboolean classification, has_test;

  if (!isfinite (_bp_network_chart_loss (self)))
    return;
  if (!_bp_network_in_dataset_mode (self))
    {
      bp_history_append (self->history, self->extras.step, self->net->loss);
      return;
    }
  classification = self->dataset->kind == BP_DATASET_CLASSIFICATION;
  has_test = self->dataset->n_points > self->dataset->n_train;
  bp_history_append_dataset (self->history, self->extras.step, self->extras.epoch,
                             self->train_loss, has_test ? self->test_loss : NAN,
                             classification ? self->train_accuracy : NAN,
                             classification && has_test ? self->test_accuracy : NAN);
}

/**
 * bp_network_get_health:
 * @self: a network
 *
 * The gradient norms of the recent steps and the saturated and dead neurons, measured after
 * every operation (see #BpHealth).
 *
 * Returns: (transfer none): the record
 */
const BpHealth *
bp_network_get_health (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), NULL);
  return self->health;
}
