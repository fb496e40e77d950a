/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-history.c: a ring of the last BP_HISTORY_CAPACITY losses. */
#define G_LOG_DOMAIN "bp-history"

#include "config.h"

#include "bp-history.h"

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

/**
 * bp_history_append:
 * @history: a history
 * @step: the step count the loss belongs to
 * @loss: the loss
 *
 * Adds a point. A point at the same step as the last one replaces it (the input or target
 * changed between steps), unless a reset came in between. When full, the oldest point goes.
 */
void
bp_history_append (BpHistory *history,
                   guint64    step,
                   double     loss)
{
  BpHistoryPoint *point;

  if (history->length > 0 && !history->reset_pending &&
      point_at (history, history->length - 1)->step == step)
    {
      point_at (history, history->length - 1)->loss = loss;
      return;
    }

  if (history->length == BP_HISTORY_CAPACITY)
    {
      history->start = (history->start + 1) % BP_HISTORY_CAPACITY;
      history->length--;
    }
  point = point_at (history, history->length++);
  point->step = step;
  point->loss = loss;
  point->after_reset = history->reset_pending;
  history->reset_pending = FALSE;
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
