/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-state.c: the state file, a network file with two more keys: the loss history and the
 * document it belongs to ({"path": …, "modified": …}). The window writes it on close, on
 * pause and a few seconds after every change, so that closing or killing the app loses at
 * most a few seconds of work; the next launch restores it. It lives in the user's data
 * folder, as backprop/state.json, and is always replaced atomically, by
 * bp_file_replace_safely(): a save that fails (a full disk) leaves the last good state file
 * byte for byte as it was, so the next launch still restores it. */
#define G_LOG_DOMAIN "bp-state"

#include "config.h"

#include "bp-state.h"

#include <glib/gi18n.h>

/* A state file that cannot be read is renamed, never deleted: the user may want it back. */
#define MAX_SET_ASIDE_TRIES 100

/**
 * bp_state_get_default_file:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/backprop/state.json`
 */
GFile *
bp_state_get_default_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "backprop", "state.json",
                                            NULL);

  return g_file_new_for_path (path);
}

/**
 * bp_state_load:
 * @state_file: the state file
 * @session: (out caller-allocates): the history and the document; clear it with
 *   bp_file_session_clear()
 * @error: return location for a #GError
 *
 * Reads the state file. A missing file is no error: it gives %NULL and leaves @error unset.
 *
 * Returns: (transfer full) (nullable): the saved network, or %NULL
 */
BpNetwork *
bp_state_load (GFile          *state_file,
               BpFileSession  *session,
               GError        **error)
{
  g_autoptr(BpNetwork) network = bp_network_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (state_file), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  *session = (BpFileSession) { 0 };
  if (bp_network_load_full (network, state_file, session, &local_error))
    return g_steal_pointer (&network);
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * bp_state_save:
 * @state_file: the state file
 * @network: the network to keep
 * @document: (nullable): the network file it was opened from or saved to, or %NULL
 * @modified: whether @network has changes not saved to @document
 * @error: return location for a #GError
 *
 * Writes the state file atomically, creating its folder when needed. On failure the old
 * state file is unchanged and @error names the file. A document without a
 * local path (none of ours) is kept as Untitled and modified, so that nothing counts as
 * saved that is not.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_state_save (GFile      *state_file,
               BpNetwork  *network,
               GFile      *document,
               gboolean    modified,
               GError    **error)
{
  g_autoptr(GFile) folder = g_file_get_parent (state_file);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = document != NULL ? g_file_get_path (document) : NULL;
  g_autofree char *utf8 = path != NULL ? g_filename_to_utf8 (path, -1, NULL, NULL, NULL)
                                       : NULL;
  BpFileSession session = { .has_document = TRUE, .document_path = utf8,
                            .document_modified = modified || (document != NULL && utf8 == NULL) };

  g_return_val_if_fail (G_IS_FILE (state_file), FALSE);
  g_return_val_if_fail (BP_IS_NETWORK (network), FALSE);

  if (!g_file_make_directory_with_parents (folder, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return bp_network_save_full (network, state_file, &session, error);
}

/**
 * bp_state_set_aside:
 * @state_file: a state file that could not be read
 * @error: return location for a #GError
 *
 * Renames @state_file to `state.json.broken-YYYYMMDD-HHMMSS` in the same folder, so that
 * the next save does not overwrite it.
 *
 * Returns: (transfer full) (nullable): the new name of the file, or %NULL on error
 */
GFile *
bp_state_set_aside (GFile   *state_file,
                    GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *base = g_file_get_basename (state_file);
  g_autoptr(GFile) folder = g_file_get_parent (state_file);

  g_return_val_if_fail (G_IS_FILE (state_file), NULL);

  for (guint k = 0; k < MAX_SET_ASIDE_TRIES; k++)
    {
      g_autofree char *name = k == 0 ? g_strdup_printf ("%s.broken-%s", base, stamp)
                                     : g_strdup_printf ("%s.broken-%s-%u", base, stamp, k);
      g_autoptr(GFile) target = g_file_get_child (folder, name);
      g_autoptr(GError) local_error = NULL;

      if (g_file_move (state_file, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
        return g_steal_pointer (&target);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Too many broken state files"));
  return NULL;
}
