/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file.c: reading network files; the other bp-file-*.c do the stages and the writing.
 *
 * A network file is untrusted input: it is checked in three stages, each before the next one
 * can be hurt by it.
 *  1. The bytes: size, UTF-8, and a strict JSON checker of our own that refuses what
 *     json-glib would mishandle: nesting deep enough to overflow its recursive parser,
 *     integers that it would wrap around, duplicate keys that it would merge silently,
 *     and the extensions it accepts beyond JSON (comments, single quotes, hexadecimal
 *     numbers). It also tells truncation and syntax errors apart, with clearer messages.
 *  2. json-glib builds the tree; the fields and the lengths of all arrays are checked against
 *     the limits of the engine before the network is allocated.
 *  3. The numbers are copied in, each checked to be a finite number.
 *
 * Layers are numbered as in "sizes": layer 0 is the input, layer L the output, and
 * weights[l] and biases[l] belong to the connection from layer l to layer l + 1, so
 * weights[l][j][i] is the weight from neuron i of layer l to neuron j of layer l + 1.
 */

#define G_LOG_DOMAIN "bp-file"

#include "config.h"

#include "bp-file-private.h"

#include <glib/gi18n.h>
#include <string.h>

#define READ_CHUNK (64 * 1024)

static JsonObject *
parse_root (JsonParser  *parser,
            const char  *data,
            gsize        size,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      /* Translators: %s is the JSON reader's own message */
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("the file is not valid JSON: %s"),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("the file is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *actual = bp_file_describe_node (root);

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: %s describes what the file holds, such as "an array" */
                   _("the file holds %s, not a JSON object; this is not a Backprop network "
                     "file"), actual);
      return NULL;
    }
  return json_node_get_object (root);
}

static gboolean
check_size (gsize     size,
            GError  **error)
{
  g_autofree char *shown = NULL;

  if (size <= BP_FILE_MAX_SIZE)
    return TRUE;
  shown = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, BP_ERROR, BP_ERROR_FILE,
               /* Translators: %s is the file's size, such as "300 MB"; MiB is mebibytes */
               _("the file is %s; a network file may be at most 256 MiB"), shown);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API.                                                                                  */

/**
 * bp_file_load_bytes:
 * @bytes: the contents of a network file
 * @extras: (out) (optional): where to store the seed and step, or %NULL
 * @error: return location for a #GError
 *
 * Reads a network file. Every field is checked; anything wrong gives a %BP_ERROR naming
 * the field and the problem: %BP_ERROR_VERSION for a file from a newer version,
 * %BP_ERROR_SHAPE for sizes and lengths that do not fit, %BP_ERROR_FILE for the rest.
 * The network returned has run one forward and one backward pass on the file's input and
 * target, so its values and gradients are those of its parameters.
 *
 * Returns: (transfer full) (nullable): the network, or %NULL on error
 */
BpNet *
bp_file_load_bytes (GBytes        *bytes,
                    BpFileExtras  *extras,
                    GError       **error)
{
  return bp_file_load_bytes_full (bytes, extras, NULL, error);
}

/**
 * bp_file_load_bytes_full:
 * @bytes: the contents of a network file
 * @extras: (out) (optional): where to store the seed and step, or %NULL
 * @session: (out caller-allocates) (optional): where to store the history and the document,
 *   to be freed with bp_file_session_clear(), or %NULL
 * @error: return location for a #GError
 *
 * Reads a network file as bp_file_load_bytes() does, and its optional "history" and
 * "document" keys, which are checked as strictly as the rest even when @session is %NULL.
 *
 * Returns: (transfer full) (nullable): the network, or %NULL on error
 */
BpNet *
bp_file_load_bytes_full (GBytes         *bytes,
                         BpFileExtras   *extras,
                         BpFileSession  *session,
                         GError        **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(BpNet) bp = NULL;
  g_auto(BpFileSession) file_session = { 0 };
  BpFileExtras file_extras = { 0 };
  FileNet net = { 0 };
  JsonObject *root;
  const char *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (!check_size (size, error) || !bp_file_check_text (data, size, error))
    return NULL;
  /* A byte-order mark is not JSON, but some editors write one. */
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  if (!bp_file_scan_json (data, size, error))
    return NULL;

  parser = json_parser_new ();
  root = parse_root (parser, data, size, error);
  if (root == NULL || !bp_file_read_fields (root, &net, &file_extras, error)
      || !bp_file_read_session (root, file_extras.step, &file_session, error)
      || !bp_file_check_dataset_mode (&net, &file_extras, &file_session, error)
      || !bp_file_read_timeline (root, &net, &file_session, error))
    return NULL;

  bp = bp_net_new (net.n_sizes, net.sizes, net.activations, net.loss, error);
  if (bp == NULL || !bp_file_fill_net (bp, &net, error))
    return NULL;
  bp->learning_rate = net.learning_rate;
  if (!bp_net_set_regularization (bp, net.regularization, net.regularization_rate, error))
    return NULL;

  bp_net_forward (bp);
  bp_net_backward (bp);
  if (extras != NULL)
    *extras = file_extras;
  if (session != NULL)
    {
      *session = file_session;
      file_session = (BpFileSession) { 0 };
    }
  return g_steal_pointer (&bp);
}

static GBytes *
read_capped (GFile     *file,
             goffset    expected_size,
             GError   **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  g_autoptr(GByteArray) buffer = NULL;
  gsize n_read;

  if (stream == NULL)
    return NULL;
  buffer = g_byte_array_sized_new ((guint) MIN ((guint64) expected_size, BP_FILE_MAX_SIZE)
                                  + READ_CHUNK);

  /* The size reported before reading may be wrong (a growing file, /dev/zero), so the
   * bytes read are capped too. */
  do
    {
      guint old_length = buffer->len;

      g_byte_array_set_size (buffer, old_length + READ_CHUNK);
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer->data + old_length,
                                    READ_CHUNK, &n_read, NULL, error))
        return NULL;
      g_byte_array_set_size (buffer, old_length + (guint) n_read);
      if (buffer->len > BP_FILE_MAX_SIZE)
        {
          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       _("the file holds more than 256 MiB; a network file may be at most "
                         "256 MiB"));
          return NULL;
        }
    }
  while (n_read == READ_CHUNK);

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * bp_file_load:
 * @file: a network file
 * @extras: (out) (optional): where to store the seed and step, or %NULL
 * @error: return location for a #GError
 *
 * Reads a network file as bp_file_load_bytes() does. Files over %BP_FILE_MAX_SIZE are
 * refused before they are read.
 *
 * Returns: (transfer full) (nullable): the network, or %NULL on error
 */
BpNet *
bp_file_load (GFile         *file,
              BpFileExtras  *extras,
              GError       **error)
{
  return bp_file_load_full (file, extras, NULL, error);
}

/**
 * bp_file_load_full:
 * @file: a network file
 * @extras: (out) (optional): where to store the seed and step, or %NULL
 * @session: (out caller-allocates) (optional): where to store the history and the document
 * @error: return location for a #GError
 *
 * Reads a network file as bp_file_load_bytes_full() does.
 *
 * Returns: (transfer full) (nullable): the network, or %NULL on error
 */
BpNet *
bp_file_load_full (GFile          *file,
                   BpFileExtras   *extras,
                   BpFileSession  *session,
                   GError        **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("it is a folder, not a network file"));
      return NULL;
    }
  if (!check_size ((guint64) g_file_info_get_size (info), error))
    return NULL;

  bytes = read_capped (file, g_file_info_get_size (info), error);
  if (bytes == NULL)
    return NULL;
  return bp_file_load_bytes_full (bytes, extras, session, error);
}

/* A JSON string: quotes, backslashes and control characters escaped. */
