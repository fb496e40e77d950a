/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file-write.c: writing a network file. */

#define G_LOG_DOMAIN "bp-file"

#include "config.h"

#include "bp-file-private.h"

#include <glib/gi18n.h>
#include <math.h>

void
bp_file_append_double (GString *out,
                       double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, bp_file_format_double (buffer, value));
}

static void
append_row (GString      *out,
            const double *values,
            guint         n)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      bp_file_append_double (out, values[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_header (GString     *out,
               const BpNet *net)
{
  g_string_append_printf (out, "{\n  \"format\": \"%s\",\n  \"version\": %d,\n  \"sizes\": [",
                          BP_FILE_FORMAT, BP_FILE_VERSION);
  for (guint l = 0; l <= net->n_layers; l++)
    g_string_append_printf (out, "%s%u", l > 0 ? ", " : "", net->sizes[l]);
  g_string_append (out, "],\n  \"activations\": [");
  for (guint l = 0; l < net->n_layers; l++)
    g_string_append_printf (out, "%s\"%s\"", l > 0 ? ", " : "",
                            bp_activation_to_string (net->activations[l]));
  g_string_append_printf (out, "],\n  \"loss\": \"%s\",\n  \"learning_rate\": ",
                          bp_loss_to_string (net->loss_kind));
  bp_file_append_double (out, net->learning_rate);
  g_string_append (out, ",\n");
}

/* One row of a layer per line, so a person can read and edit the file. */
static void
append_parameters (GString     *out,
                   const BpNet *net)
{
  g_string_append (out, "  \"weights\": [\n");
  for (guint l = 0; l < net->n_layers; l++)
    {
      g_string_append (out, "    [\n");
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          g_string_append (out, "      ");
          append_row (out, bp_net_weight (net, l, j, 0), net->sizes[l]);
          g_string_append (out, j + 1 < net->sizes[l + 1] ? ",\n" : "\n");
        }
      g_string_append (out, l + 1 < net->n_layers ? "    ],\n" : "    ]\n");
    }
  g_string_append (out, "  ],\n  \"biases\": [\n");
  for (guint l = 0; l < net->n_layers; l++)
    {
      g_string_append (out, "    ");
      append_row (out, net->biases[l], net->sizes[l + 1]);
      g_string_append (out, l + 1 < net->n_layers ? ",\n" : "\n");
    }
  g_string_append (out, "  ],\n");
}

static gboolean
values_finite (const double *values,
               gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (!isfinite (values[i]))
      return FALSE;
  return TRUE;
}

static gboolean
net_is_finite (const BpNet *net)
{
  if (!isfinite (net->learning_rate)
      || !values_finite (net->a[0], net->sizes[0])
      || !values_finite (net->target, net->sizes[net->n_layers]))
    return FALSE;
  for (guint l = 0; l < net->n_layers; l++)
    if (!values_finite (net->weights[l], (gsize) net->sizes[l] * net->sizes[l + 1])
        || !values_finite (net->biases[l], net->sizes[l + 1]))
      return FALSE;
  return TRUE;
}

/**
 * bp_file_to_bytes:
 * @net: a network whose parameters, input and target are finite
 * @extras: (optional): the seed and step to write, or %NULL
 *
 * Writes a network file: every double with 17 significant digits, so that it reads back
 * bit-identical, and one row of weights per line.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
bp_file_to_bytes (const BpNet        *net,
                  const BpFileExtras *extras)
{
  return bp_file_to_bytes_full (net, extras, NULL);
}

/**
 * bp_file_to_bytes_full:
 * @net: a network whose parameters, input and target are finite
 * @extras: (optional): the seed and step to write, or %NULL
 * @session: (optional): the history and the document to write, or %NULL; its path must be
 *   UTF-8
 *
 * Writes a network file as bp_file_to_bytes() does, with the keys "history", "document"
 * and "dataset" when @session has them.
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
bp_file_to_bytes_full (const BpNet         *net,
                       const BpFileExtras  *extras,
                       const BpFileSession *session)
{
  GString *out;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (net_is_finite (net), NULL);
  g_return_val_if_fail (session == NULL || session->document_path == NULL
                        || g_utf8_validate (session->document_path, -1, NULL), NULL);

  out = g_string_new (NULL);
  append_header (out, net);
  append_parameters (out, net);
  g_string_append (out, "  \"input\": ");
  append_row (out, net->a[0], net->sizes[0]);
  g_string_append (out, ",\n  \"target\": ");
  append_row (out, net->target, net->sizes[net->n_layers]);
  if (extras != NULL && extras->has_seed)
    g_string_append_printf (out, ",\n  \"seed\": %u", extras->seed);
  g_string_append_printf (out, ",\n  \"step\": %" G_GUINT64_FORMAT,
                          extras != NULL ? extras->step : 0);
  bp_file_append_training (out, net, extras);
  if (session != NULL)
    bp_file_append_session (out, session);
  g_string_append (out, "\n}\n");
  return g_string_free_to_bytes (out);
}

/**
 * bp_file_save:
 * @net: a network
 * @extras: (optional): the seed and step to write, or %NULL
 * @file: where to write
 * @error: return location for a #GError
 *
 * Writes @net to @file, replacing it atomically: on failure the old file is left as it was
 * and the error names @file.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_file_save (const BpNet        *net,
              const BpFileExtras *extras,
              GFile              *file,
              GError            **error)
{
  return bp_file_save_full (net, extras, NULL, file, error);
}

/**
 * bp_file_save_full:
 * @net: a network
 * @extras: (optional): the seed and step to write, or %NULL
 * @session: (optional): the history and the document to write, or %NULL
 * @file: where to write
 * @error: return location for a #GError
 *
 * Writes @net to @file as bp_file_save() does, with the keys of @session.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_file_save_full (const BpNet         *net,
                   const BpFileExtras  *extras,
                   const BpFileSession *session,
                   GFile               *file,
                   GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_parse_name (file);
  if (!net_is_finite (net))
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: %s is the file's name */
                   _("Could not save “%s”: the network holds a number that is not finite"),
                   name);
      return FALSE;
    }
  if (extras != NULL && extras->step > G_MAXINT64)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
                   /* Translators: %s is the file's name */
                   _("Could not save “%s”: the step count is too large"), name);
      return FALSE;
    }

  bytes = bp_file_to_bytes_full (net, extras, session);
  return bp_file_replace_safely (file, bytes, error);
}
