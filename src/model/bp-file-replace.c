/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file-replace.c: replacing a file whole, so that a full disk or a failed write leaves
 * the old file as it was. */

#define G_LOG_DOMAIN "bp-file"

#include "config.h"

#include "bp-file-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>

/* The file to replace for a local path: the one a symbolic link points to, so that the link
 * stays a link; the path itself for a file not made yet. */
static char *
resolve_links (const char *path)
{
  char *real = realpath (path, NULL);
  char *result = g_strdup (real != NULL ? real : path);

  free (real);
  return result;
}

/* A remote file is written through a GIO stream. After a failed write, GLib 2.74 would
 * still rename its temporary file over the old one when the stream is closed, or finalized;
 * a cancelled close deletes the temporary file instead. */
static gboolean
replace_with_stream (GFile   *file,
                     GBytes  *contents,
                     GError **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFileOutputStream) out = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (contents, &size);

  /* REPLACE_DESTINATION keeps GIO on the temporary file for links too. */
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                        error);
  if (out == NULL)
    return FALSE;
  if (g_output_stream_write_all (G_OUTPUT_STREAM (out), data, size, NULL, cancellable, error))
    return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
  g_cancellable_cancel (cancellable);
  g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, NULL);
  return FALSE;
}

/* A local file is written by g_file_set_contents_full(): a temporary file in the same
 * folder, synced to disk, then renamed over the old one; any failure deletes the temporary
 * file and leaves the old one alone. GIO's replace streams instead rewrite the old file in
 * place for a symbolic or hard link (or, with REPLACE_DESTINATION, delete it first) when no
 * temporary file can be made, and then a full disk leaves it truncated. */
static gboolean
replace_local (const char  *path,
               GBytes      *contents,
               GError     **error)
{
  g_autofree char *target = resolve_links (path);
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (contents, &size);
  GStatBuf st;
  int mode = 0666;

  if (g_stat (target, &st) == 0 && S_ISREG (st.st_mode))
    mode = st.st_mode & 0777;
  else if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) node = g_file_new_for_path (target);

      /* A rename would replace a folder or a device; GIO refuses them, with its message. */
      return replace_with_stream (node, contents, error);
    }
  if (g_file_set_contents_full (target, data, size, G_FILE_SET_CONTENTS_CONSISTENT, mode,
                                &local_error))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
                       local_error->message);
  return FALSE;
}

/* The system's reason, such as "No space left on device", without GLib's prefix, which
 * names the temporary file rather than the user's. */
static const char *
system_reason (const char *message)
{
  const char *colon = g_strrstr (message, ": ");

  return colon != NULL && colon[2] != '\0' ? colon + 2 : message;
}

/**
 * bp_file_replace_safely:
 * @file: the file to write
 * @contents: its new contents
 * @error: return location for a #GError
 *
 * Replaces @file as a whole: a reader sees either the old contents or the new ones, never a
 * mix, and on any failure (a full disk) the old file is left byte for byte as it was, with
 * no temporary file beside it. A symbolic link stays a link to the file it names; a hard
 * link is broken; the permission bits are kept. A local file is never rewritten in place,
 * so a folder where no new file can be made is an error even if @file itself is writable.
 * A file without a local path (GVfs) goes through GIO, as safely as its backend allows.
 *
 * The message names @file and, when the cause may be a full disk, says so; the code is a
 * %G_IO_ERROR.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_file_replace_safely (GFile   *file,
                        GBytes  *contents,
                        GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  const char *path;
  const char *reason;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_peek_path (file);
  ok = path != NULL ? replace_local (path, contents, &local_error)
                    : replace_with_stream (file, contents, &local_error);
  if (ok)
    return TRUE;

  name = g_file_get_parse_name (file);
  reason = system_reason (local_error->message);
  /* A full disk, a quota or a size limit (EFBIG) come as NO_SPACE or FAILED. */
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
      || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_FAILED))
    g_set_error (error, G_IO_ERROR, local_error->code,
                 /* Translators: the first %s is the file's name, the second the system's
                  * reason, such as "No space left on device" */
                 _("Could not save “%s”: %s. The disk may be full; the earlier version of "
                   "the file, if any, is unchanged."), name, reason);
  else
    g_set_error (error, G_IO_ERROR, local_error->code,
                 /* Translators: the first %s is the file's name, the second the
                  * system's reason, such as "Permission denied" */
                 _("Could not save “%s”: %s"), name, reason);
  return FALSE;
}
