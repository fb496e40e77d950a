/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network-file.c: BpNetwork's files: loading in place, from a file, from memory or from a
 * network already read, and saving. */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"
#include "bp-torch-script.h"

/* Replays a saved history. A history that never filled up starts with a reset (the first
 * point of a new history always does); a full one may start in the middle of a run, so its
 * first point follows a placeholder that the ring then drops. */
static void
restore_history (BpHistory           *history,
                 const BpFileSession *session)
{
  const BpHistoryPoint *points = session->history;

  bp_history_clear (history);
  if (session->n_history == BP_HISTORY_CAPACITY && !points[0].after_reset)
    bp_history_append (history, points[0].step + 1, points[0].loss);
  for (guint k = 0; k < session->n_history; k++)
    {
      if (k > 0 && points[k].after_reset)
        bp_history_mark_reset (history);
      if (bp_history_point_has_dataset (&points[k]))
        bp_history_append_dataset (history, points[k].step, points[k].epoch, points[k].loss,
                                   points[k].test_loss, points[k].train_accuracy,
                                   points[k].test_accuracy);
      else
        bp_history_append (history, points[k].step, points[k].loss);
    }
}

static void
replace_net (BpNetwork           *self,
             BpNet               *net,
             const BpFileExtras  *extras,
             const BpFileSession *session,
             gboolean             fresh_history)
{
  BpSnapshot before;

  _bp_network_snapshot_take (self, &before);
  g_clear_pointer (&self->net, bp_net_free);
  self->net = net;
  self->extras = *extras;
  bp_health_clear (self->health);
  if (session != NULL && session->dataset != NULL)
    _bp_network_take_dataset (self, bp_dataset_copy (session->dataset),
                              session->dataset_source);
  else
    _bp_network_take_dataset (self, NULL, NULL);
  if (session != NULL && session->has_history)
    restore_history (self->history, session);
  else if (fresh_history)
    bp_history_clear (self->history);
  else
    bp_history_mark_reset (self->history);
  _bp_network_recompute (self);
  _bp_network_finish_change (self, &before, TRUE);
  if (session != NULL && session->timeline != NULL)
    _bp_network_timeline_load (self, session->timeline);
  /* Another network, another document: its edits start afresh. */
  bp_undo_clear (self->undo);
}

/* The extras to write, so that the file reads back: features that no longer fit the input
 * layer (after an edit of the architecture) are left out, and a network that the dataset
 * can no longer feed is saved in example mode. */
static const BpFileExtras *
consistent_extras (BpNetwork    *self,
                   BpFileExtras *extras)
{
  const BpNet *net = self->net;

  *extras = self->extras;
  if (extras->has_features && bp_feature_set_count (extras->features) != net->sizes[0])
    extras->has_features = FALSE;
  if (extras->mode == BP_FILE_MODE_DATASET
      && (!extras->has_features || self->dataset == NULL || net->sizes[net->n_layers] != 1))
    extras->mode = BP_FILE_MODE_EXAMPLE;
  return extras;
}

/**
 * bp_network_load:
 * @self: a network
 * @file: a network file
 * @error: return location for an error
 *
 * Replaces the whole network by the one in @file, and the loss history by the file's when
 * it has one. The file's training settings and dataset are kept (see
 * bp_network_get_extras() and bp_network_get_dataset()) and saved with the network. On success emits "structure-changed" (only if the sizes, activations or loss
 * differ), "updated", "forward", "backward", and forgets the undo entries (see
 * bp_network_get_undo()). On failure the model is left untouched and nothing is emitted.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_load (BpNetwork  *self,
                 GFile      *file,
                 GError    **error)
{
  return bp_network_load_full (self, file, NULL, error);
}

/**
 * bp_network_load_full:
 * @self: a network
 * @file: a network or state file
 * @session: (out caller-allocates) (optional): where to store the file's history and
 *   document, to be freed with bp_file_session_clear()
 * @error: return location for an error
 *
 * Like bp_network_load(), and tells what the file says about its document.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_load_full (BpNetwork      *self,
                      GFile          *file,
                      BpFileSession  *session,
                      GError        **error)
{
  g_auto(BpFileSession) file_session = { 0 };
  BpFileExtras extras = { 0 };
  BpNet *net;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  net = bp_file_load_full (file, &extras, &file_session, error);
  if (net == NULL)
    return FALSE;
  replace_net (self, net, &extras, &file_session, FALSE);
  if (session != NULL)
    {
      *session = file_session;
      file_session = (BpFileSession) { 0 };
    }
  return TRUE;
}

/**
 * bp_network_load_bytes:
 * @self: a network
 * @bytes: the contents of a network file
 * @error: return location for an error
 *
 * Like bp_network_load(), from memory.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_load_bytes (BpNetwork  *self,
                       GBytes     *bytes,
                       GError    **error)
{
  g_auto(BpFileSession) session = { 0 };
  BpFileExtras extras = { 0 };
  BpNet *net;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  net = bp_file_load_bytes_full (bytes, &extras, &session, error);
  if (net == NULL)
    return FALSE;
  replace_net (self, net, &extras, &session, FALSE);
  return TRUE;
}

/**
 * bp_network_load_net:
 * @self: a network
 * @net: (transfer full): the network to show from now on, as read from a file
 * @extras: (nullable): its seed and step count, or %NULL for no seed and step 0
 * @session: (nullable): its loss history, or %NULL
 * @error: return location for an error
 *
 * Replaces the whole network in place by @net, which the model then owns: whoever follows
 * @self follows the new network, with nothing to reconnect. The loss history becomes the
 * one of @session, or starts anew with the new network. Emits "structure-changed" (only if
 * the sizes, activations or loss differ), "updated", "forward", "backward", then notifies
 * the properties that changed. A @net the model cannot take (a learning rate out of range)
 * is freed, @self is left untouched, nothing is emitted and @error says why.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_load_net (BpNetwork           *self,
                     BpNet               *net,
                     const BpFileExtras  *extras,
                     const BpFileSession *session,
                     GError             **error)
{
  BpFileExtras none = { 0 };

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bp_net_check_learning_rate (net->learning_rate, error))
    {
      bp_net_free (net);
      return FALSE;
    }
  replace_net (self, net, extras != NULL ? extras : &none, session, TRUE);
  return TRUE;
}

/**
 * bp_network_save:
 * @self: a network
 * @file: where to write
 * @error: return location for an error
 *
 * Writes the network, its seed, step count and loss history to @file, atomically, with the
 * training settings and the dataset of the file it was loaded from.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_save (BpNetwork  *self,
                 GFile      *file,
                 GError    **error)
{
  return bp_network_save_full (self, file, NULL, error);
}

/**
 * bp_network_save_full:
 * @self: a network
 * @file: where to write
 * @document: (nullable): the document fields to write (its history is not used), or %NULL
 * @error: return location for an error
 *
 * Like bp_network_save(), with the "document" key of a state file when @document has one.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_save_full (BpNetwork            *self,
                      GFile                *file,
                      const BpFileSession  *document,
                      GError              **error)
{
  g_autofree BpHistoryPoint *points = NULL;
  g_autoptr(BpFileTimeline) timeline = NULL;
  g_autoptr(BpNet) written = NULL;
  BpFileSession session = { 0 };
  BpFileExtras extras;
  guint n;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = bp_history_get_length (self->history);
  points = g_new (BpHistoryPoint, MAX (n, 1));
  session.has_history = TRUE;
  session.n_history = n;
  session.history = points;
  for (guint k = 0; k < n; k++)
    points[k] = *bp_history_get (self->history, k);
  if (document != NULL && document->has_document)
    {
      session.has_document = TRUE;
      session.document_path = document->document_path;
      session.document_modified = document->document_modified;
    }
  session.dataset = self->dataset;
  session.dataset_source = self->dataset_source;
  timeline = session.timeline = _bp_network_timeline_to_file (self);
  written = _bp_network_net_for_file (self);
  return bp_file_save_full (written != NULL ? written : self->net,
                            consistent_extras (self, &extras), &session, file, error);
}

/**
 * bp_network_get_extras:
 * @self: a network
 *
 * The optional fields of the network's file: its seed and step count, and the training
 * settings of a file in dataset mode (mode, features, batch size, epoch). The regularisation
 * is the net's own.
 *
 * Returns: (transfer none): the extras
 */
const BpFileExtras *
bp_network_get_extras (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), NULL);
  return &self->extras;
}

/**
 * bp_network_get_dataset:
 * @self: a network
 *
 * The dataset of the file the network was loaded from, which bp_network_save() writes back.
 *
 * Returns: (transfer none) (nullable): the dataset, or %NULL
 */
const BpDataset *
bp_network_get_dataset (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), NULL);
  return self->dataset;
}

/**
 * bp_network_get_dataset_source:
 * @self: a network
 *
 * Returns: (transfer none) (nullable): the CSV file the dataset was imported from, as the
 *   file says, or %NULL
 */
const char *
bp_network_get_dataset_source (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), NULL);
  return self->dataset_source;
}

/**
 * bp_network_torch_script:
 * @self: a network
 * @name: the network's name for the script's first comment
 * @n_steps: the steps the script runs (in dataset mode, the mini-batches it holds)
 *
 * The network as a PyTorch script (see bp_torch_script()), written from what
 * bp_network_save() would write, so that the script equals `backprop-cli export-torch`'s
 * for the saved file.
 *
 * Returns: (transfer full): the script
 */
char *
bp_network_torch_script (BpNetwork  *self,
                         const char *name,
                         guint64     n_steps)
{
  g_autoptr(BpNet) written = NULL;
  BpFileExtras extras;

  g_return_val_if_fail (BP_IS_NETWORK (self), NULL);
  written = _bp_network_net_for_file (self);
  return bp_torch_script (written != NULL ? written : self->net,
                          consistent_extras (self, &extras), self->dataset, name, n_steps);
}
