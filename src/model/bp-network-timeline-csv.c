/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-timeline-csv.c: the timeline as CSV, one row per recorded step of every branch
 * with its parameters, replayed on a net of its own so that the network shown never moves. */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

#include <math.h>

static void
append_number (GString *row,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (row, ',');
  if (isfinite (value))
    g_string_append (row, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
}

static void
append_header (GString     *out,
               const BpNet *net)
{
  g_string_append (out, "step,branch,loss,learning_rate");
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      for (guint i = 0; i < net->sizes[l]; i++)
        g_string_append_printf (out, ",w_%u_%u_%u", l, j, i);
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      g_string_append_printf (out, ",b_%u_%u", l, j);
  g_string_append_c (out, '\n');
}

static void
append_row (GString                    *out,
            const BpTimelineBranchData *branch,
            guint64                     step,
            double                      loss,
            const BpNet                *net)
{
  g_string_append_printf (out, "%" G_GUINT64_FORMAT ",%u", step, branch->pub.id);
  append_number (out, loss);
  append_number (out, branch->pub.learning_rate);
  for (guint l = 0; l < net->n_layers; l++)
    for (gsize k = 0; k < (gsize) net->sizes[l] * net->sizes[l + 1]; k++)
      append_number (out, net->weights[l][k]);
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      append_number (out, net->biases[l][j]);
  g_string_append_c (out, '\n');
}

/* The rows of @branch's own steps, replayed on @net from its first checkpoint. */
static gboolean
write_branch (BpNetwork                  *self,
              const BpTimelineBranchData *branch,
              BpNet                      *net,
              GOutputStream              *stream,
              GError                    **error)
{
  BpTimeline *tl = self->timeline;
  const BpTimelineCheckpoint *checkpoint = &g_array_index (branch->checkpoints,
                                                           BpTimelineCheckpoint, 0);
  guint64 last = branch->pub.fork_step + branch->pub.n_steps;
  g_autoptr(GString) out = g_string_new (NULL);

  _bp_timeline_unpack (tl, checkpoint->values, net);
  bp_net_set_learning_rate (net, branch->pub.learning_rate, NULL);
  bp_net_show_sample (net);
  bp_net_forward (net);
  bp_net_backward (net);
  for (guint64 step = checkpoint->step; step <= last; step++)
    {
      double loss = NAN;

      if (step > checkpoint->step)
        {
          double recorded = _bp_timeline_loss_at (tl, branch->pub.id, step);

          /* Dataset mode leaves some steps' train loss unmeasured: measured here. */
          if (!_bp_network_step_net (self, net, step - 1, isnan (recorded) ? &loss : NULL, NULL,
                                     error))
            return FALSE;
          if (!isnan (recorded))
            loss = recorded;
        }
      else
        loss = _bp_timeline_loss_at (tl, branch->pub.id, step);
      if (step < branch->pub.first_step)
        continue;
      append_row (out, branch, step, loss, net);
      if (out->len >= 1 << 16 || step == last)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, NULL, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
    }
  return TRUE;
}

/**
 * bp_timeline_write_csv:
 * @timeline: a network's timeline (bp_network_get_timeline())
 * @stream: where to write
 * @error: return location for an error
 *
 * Writes the timeline as CSV: the header `step,branch,loss,learning_rate,w_L_J_I…,b_L_J…`
 * (weights[L][J][I] and biases[L][J], in the order of the network file), then one row per
 * kept step of every branch, its own steps from its fork on, the oldest branch first, with
 * the parameters at that step replayed. Numbers are written with 17 significant digits and a
 * '.'; a loss that is not a number (a step that diverged) is an empty field. The network is
 * left as it is.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_timeline_write_csv (BpTimeline     *timeline,
                       GOutputStream  *stream,
                       GError        **error)
{
  BpNetwork *self;
  g_autoptr(BpNet) net = NULL;
  g_autoptr(GString) header = g_string_new (NULL);

  g_return_val_if_fail (timeline != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self = timeline->network;
  g_return_val_if_fail (self->timeline == timeline, FALSE);
  net = bp_net_copy (timeline->shape);
  bp_net_copy_values (net, self->net);
  append_header (header, net);
  if (!g_output_stream_write_all (stream, header->str, header->len, NULL, NULL, error))
    return FALSE;
  _bp_network_prepare_steps (self);
  for (guint i = 0; i < timeline->branches->len; i++)
    if (!write_branch (self, g_ptr_array_index (timeline->branches, i), net, stream, error))
      return FALSE;
  return TRUE;
}
