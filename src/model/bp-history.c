/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-history.c: a ring of the last BP_HISTORY_CAPACITY losses; a run of dataset mode is
 * thinned rather than cut. */
#define G_LOG_DOMAIN "bp-history"

#include "config.h"

#include "bp-history.h"

#include <math.h>

struct _BpHistory {
  BpHistoryPoint points[BP_HISTORY_CAPACITY];
  guint start;              /* the oldest point */
  guint length;
  gboolean reset_pending;   /* the next point starts a new run */
};

BpHistory *
bp_history_new (void)
{
  BpHistory *history = g_new0 (BpHistory, 1);

  history->reset_pending = TRUE;
  return history;
}

void
bp_history_free (BpHistory *history)
{
  g_free (history);
}

void
bp_history_clear (BpHistory *history)
{
  history->start = 0;
  history->length = 0;
  history->reset_pending = TRUE;
}

static BpHistoryPoint *
point_at (const BpHistory *history,
          guint            index)
{
  return (BpHistoryPoint *) &history->points[(history->start + index) % BP_HISTORY_CAPACITY];
}

/* Whether the newest run fills the whole history and the next point continues it. */
static gboolean
one_run (const BpHistory *history)
{
  if (history->reset_pending)
    return FALSE;
  for (guint i = 1; i < history->length; i++)
    if (point_at (history, i)->after_reset)
      return FALSE;
  return TRUE;
}

/* Keeps every other point, the first and the newest too: the whole run at half the detail. */
static void
thin (BpHistory *history)
{
  guint kept = 0;

  for (guint i = 0; i < history->length; i++)
    if (i % 2 == 0 || i == history->length - 1)
      *point_at (history, kept++) = *point_at (history, i);
  history->length = kept;
}

/* Adds @values as the newest point, or puts them in the newest one when it has the same step
 * and no reset came in between (the input or target changed between steps). When full, the
 * oldest point goes; or, with @thin_run when one run fills the history, every other point of
 * it, so that a chart of the run shows it from its start. */
static void
append_point (BpHistory            *history,
              const BpHistoryPoint *values,
              gboolean              thin_run)
{
  BpHistoryPoint *point;

  if (history->length > 0 && !history->reset_pending &&
      point_at (history, history->length - 1)->step == values->step)
    {
      point = point_at (history, history->length - 1);
      *point = (BpHistoryPoint) { .after_reset = point->after_reset };
    }
  else
    {
      if (history->length == BP_HISTORY_CAPACITY && thin_run && one_run (history))
        thin (history);
      else if (history->length == BP_HISTORY_CAPACITY)
        {
          history->start = (history->start + 1) % BP_HISTORY_CAPACITY;
          history->length--;
        }
      point = point_at (history, history->length++);
      *point = (BpHistoryPoint) { .after_reset = history->reset_pending };
      history->reset_pending = FALSE;
    }
  point->step = values->step;
  point->loss = values->loss;
  point->test_loss = values->test_loss;
  point->train_accuracy = values->train_accuracy;
  point->test_accuracy = values->test_accuracy;
  point->epoch = values->epoch;
}

/**
 * bp_history_append:
 * @history: a history
 * @step: the step count the loss belongs to
 * @loss: the loss
 *
 * Adds a point of example mode: its test loss and accuracies are NaN, its epoch 0. A point
 * at the same step as the last one replaces it (the input or target changed between steps),
 * unless a reset came in between. When full, the oldest point goes.
 */
void
bp_history_append (BpHistory *history,
                   guint64    step,
                   double     loss)
{
  BpHistoryPoint values = {
    .step = step,
    .loss = loss,
    .test_loss = NAN,
    .train_accuracy = NAN,
    .test_accuracy = NAN,
  };

  append_point (history, &values, FALSE);
}

/**
 * bp_history_append_dataset:
 * @history: a history
 * @step: the step count the losses belong to
 * @epoch: the epoch at that step
 * @train_loss: the loss over the training points, the point's loss
 * @test_loss: the loss over the test points, or NaN without any
 * @train_accuracy: the share of training points classified right, or NaN for regression
 * @test_accuracy: the same for the test points
 *
 * Adds a point of dataset mode, replacing the last one as bp_history_append() does. When
 * the history is full and holds one run only, every other point of it goes instead of the
 * oldest one, so that the train and test curves keep their start: the longer the run, the
 * less detail its older part keeps.
 */
void
bp_history_append_dataset (BpHistory *history,
                           guint64    step,
                           guint64    epoch,
                           double     train_loss,
                           double     test_loss,
                           double     train_accuracy,
                           double     test_accuracy)
{
  BpHistoryPoint values = {
    .step = step,
    .loss = train_loss,
    .test_loss = test_loss,
    .train_accuracy = (float) train_accuracy,
    .test_accuracy = (float) test_accuracy,
    .epoch = (guint32) MIN (epoch, (guint64) G_MAXUINT32),
  };

  append_point (history, &values, TRUE);
}

/**
 * bp_history_mark_reset:
 * @history: a history
 *
 * Marks the next point as the start of a new run: the network was reset or replaced.
 */
void
bp_history_mark_reset (BpHistory *history)
{
  history->reset_pending = TRUE;
}

/**
 * bp_history_copy_until:
 * @dest: the history to overwrite
 * @history: the history to copy
 * @step: the last step to keep
 *
 * Makes @dest the points of @history measured at @step or before: the chart of a step still
 * being shown, before its loss is.
 */
void
bp_history_copy_until (BpHistory       *dest,
                       const BpHistory *history,
                       guint64          step)
{
  *dest = *history;
  while (dest->length > 0 && point_at (dest, dest->length - 1)->step > step)
    dest->length--;
}

guint
bp_history_get_length (const BpHistory *history)
{
  return history->length;
}

/**
 * bp_history_get:
 * @history: a history
 * @index: 0 for the oldest point, up to the length − 1 for the newest
 *
 * Returns: (transfer none): the point
 */
const BpHistoryPoint *
bp_history_get (const BpHistory *history,
                guint            index)
{
  g_return_val_if_fail (index < history->length, NULL);
  return point_at (history, index);
}
