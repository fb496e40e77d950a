/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file-fields.c: stage 2 of reading a network file, the fields.
 *
 * The format and version, and the network's shape: sizes, activations, loss and learning
 * rate, each checked against the limits of the engine before anything is allocated.
 */

#define G_LOG_DOMAIN "bp-file"

#include "config.h"

#include "bp-file-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

char *
bp_file_field_path_to_string (const FieldPath *path)
{
  GString *out = g_string_new (path->field);

  for (guint k = 0; k < path->n_indices; k++)
    g_string_append_printf (out, "[%u]", path->indices[k]);
  return g_string_free (out, FALSE);
}

FieldPath
bp_file_field_path_child (const FieldPath *path,
                          guint            index)
{
  FieldPath child = *path;

  g_assert (child.n_indices < G_N_ELEMENTS (child.indices));
  child.indices[child.n_indices++] = index;
  return child;
}

/* What a node is, for "X must be Y, not Z": a noun phrase such as "an array" or "the text
 * “abc”", or the value itself as JSON writes it (null, true, 3.5). */
char *
bp_file_describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      /* Translators: what a network file holds where something else was expected: the last %s of
       * "%s must be a number, not %s" */
      return g_strdup (_("an object"));
    case JSON_NODE_ARRAY:
      return g_strdup (_("an array"));
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);
        g_autofree char *shown = bp_file_shown_text (text, strlen (text));

        /* Translators: what a network file holds where something else was expected: the last %s of
         * "%s must be a number, not %s"; %s here is the text found */
        return g_strdup_printf (_("the text “%s”"), shown);
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (bp_file_format_double (buffer, json_node_get_double (node)));
      }
    default:
      return g_strdup (_("an unknown value"));
    }
}

/* `must_be` is a whole translated sentence with two %s: the field's name, then what it
 * holds, as in "%s must be a number, not %s". Each such message carries this comment:
 *
 * Translators: an error in a network file. The first %s is the name of a field of the file,
 * such as "sizes" or "weights[0][1]" (keep it as it is); the second describes what the file
 * holds there: "an object", "an array", "the text “abc”", or a value such as null, true or
 * 3.5. */
gboolean
bp_file_fail_type (const FieldPath  *path,
                   JsonNode         *node,
                   const char       *must_be,
                   GError          **error)
{
  g_autofree char *name = bp_file_field_path_to_string (path);
  g_autofree char *actual = bp_file_describe_node (node);

  g_set_error (error, BP_ERROR, BP_ERROR_FILE, must_be, name, actual);
  return FALSE;
}

/* Replaces the message of an engine check with one that names the file's field, keeping
 * the engine's error code. */
gboolean
bp_file_restate_error (GError     **error,
                       GError      *cause,
                       const char  *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (cause->domain, cause->code, format, args));
  va_end (args);
  g_error_free (cause);
  return FALSE;
}

gboolean
bp_file_node_is (JsonNode *node,
                 GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

JsonNode *
bp_file_get_member (JsonObject  *object,
                    const char  *name,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    /* Translators: %s is the name of a field of the network file, such as "sizes" (keep it as it
     * is) */
    g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s is missing"), name);
  return node;
}

JsonArray *
bp_file_get_array (JsonNode         *node,
                   const FieldPath  *path,
                   const char       *must_be,
                   GError          **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      bp_file_fail_type (path, node, must_be, error);
      return NULL;
    }
  return json_node_get_array (node);
}

JsonArray *
bp_file_get_array_member (JsonObject  *object,
                          const char  *name,
                          const char  *must_be,
                          GError     **error)
{
  FieldPath path = { .field = name };
  JsonNode *node = bp_file_get_member (object, name, error);

  return node != NULL ? bp_file_get_array (node, &path, must_be, error) : NULL;
}

gboolean
bp_file_read_number (JsonNode         *node,
                     const FieldPath  *path,
                     double           *value,
                     GError          **error)
{
  if (bp_file_node_is (node, G_TYPE_INT64))
    *value = (double) json_node_get_int (node);
  else if (bp_file_node_is (node, G_TYPE_DOUBLE))
    *value = json_node_get_double (node);
  else
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (path, node, _("%s must be a number, not %s"), error);

  /* json-glib reads numbers like 1e999 as infinity. */
  if (!isfinite (*value))
    {
      g_autofree char *name = bp_file_field_path_to_string (path);

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: %s is the name of a field of the network file, such as
                    * "weights[0][1][2]" (keep it as it is) */
                   _("%s is too large a number: it reads as infinity"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
bp_file_read_name (JsonNode         *node,
                   const FieldPath  *path,
                   const char      **name,
                   GError          **error)
{
  if (!bp_file_node_is (node, G_TYPE_STRING))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (path, node, _("%s must be a name in quotes, not %s"), error);
  *name = json_node_get_string (node);
  return TRUE;
}

static gboolean
check_format (JsonObject  *root,
              GError     **error)
{
  FieldPath path = { .field = "format" };
  JsonNode *node = json_object_get_member (root, "format");
  const char *format = NULL;

  if (node == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "format" is the name of a field of the file and stays as it is
                    * */
                   _("format is missing; this is not a Backprop network file"));
      return FALSE;
    }
  if (!bp_file_read_name (node, &path, &format, error))
    return FALSE;
  if (strcmp (format, BP_FILE_FORMAT) != 0)
    {
      g_autofree char *shown = bp_file_shown_text (format, strlen (format));

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "format" is the name of a field of the file and stays as it is;
                    * the first %s is the text found, the second "backprop-network" */
                   _("format is “%s”, not “%s”; this is not a Backprop network file"),
                   shown, BP_FILE_FORMAT);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_version (JsonObject  *root,
               GError     **error)
{
  FieldPath path = { .field = "version" };
  JsonNode *node = bp_file_get_member (root, "version", error);
  gint64 version;

  if (node == NULL)
    return FALSE;
  if (!bp_file_node_is (node, G_TYPE_INT64))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (&path, node, _("%s must be a whole number, not %s"), error);

  version = json_node_get_int (node);
  if (version > BP_FILE_VERSION)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_VERSION,
                   /* Translators: both numbers are versions of the file format */
                   _("the file was made by a newer Backprop (version %" PRId64 "); "
                     "this one reads version %d"), version, BP_FILE_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "version" is the name of a field of the file and stays as it is
                    * */
                   _("version is %" PRId64 "; versions start at 1"), version);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_size (JsonArray  *array,
           guint       index,
           guint      *size,
           GError    **error)
{
  FieldPath path = { .field = "sizes", .n_indices = 1, .indices = { index } };
  JsonNode *node = json_array_get_element (array, index);
  gint64 value;

  if (!bp_file_node_is (node, G_TYPE_INT64))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (&path, node, _("%s must be a whole number, not %s"), error);
  value = json_node_get_int (node);
  if (value < 1 || value > BP_MAX_WIDTH)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   /* Translators: "sizes" is the name of a field of the file and stays as it is;
                    * the numbers are the layer's index, the size found and the largest size
                    * allowed */
                   _("sizes[%u] is %" PRId64 "; a layer has 1 to %d neurons"),
                   index, value, BP_MAX_WIDTH);
      return FALSE;
    }
  *size = (guint) value;
  return TRUE;
}

static gboolean
read_sizes (JsonObject  *root,
            FileNet     *net,
            GError     **error)
{
  JsonArray *array = bp_file_get_array_member (root, "sizes",
                                               /* Translators: the first %s names a field of the
                                                * network file (keep it as it is), the second is
                                                * what the file holds there: "an array", "the
                                                * text “abc”"… */
                                               _("%s must be an array of whole numbers, not %s"),
                                               error);
  GError *cause = NULL;
  guint n;

  if (array == NULL)
    return FALSE;
  n = json_array_get_length (array);
  if (n < 2 || n > BP_MAX_LAYERS + 1)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   /* Translators: "sizes" is the name of a field of the file and stays as it is;
                    * the first number is how many layers it lists, the second the most allowed */
                   ngettext ("sizes has %u layer; a network has 2 to %d layers, "
                             "the input included",
                             "sizes has %u layers; a network has 2 to %d layers, "
                             "the input included", n),
                   n, BP_MAX_LAYERS + 1);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!read_size (array, i, &net->sizes[i], error))
      return FALSE;
  net->n_sizes = n;

  /* The count and widths are checked above; what is left is the number of parameters. */
  if (!bp_net_check_shape (n, net->sizes, &cause))
    {
      guint64 n_params = 0;

      for (guint l = 0; l + 1 < n; l++)
        n_params += (guint64) net->sizes[l] * net->sizes[l + 1] + net->sizes[l + 1];
      return bp_file_restate_error (error, cause,
                                    /* Translators: "sizes" is the name of a field of the
                                     * file and stays as it is; the first number counts the
                                     * weights and biases, the second is the limit */
                                    _("sizes make a network of %" PRIu64 " weights and "
                                      "biases; the limit is %u"), n_params, BP_MAX_PARAMS);
    }
  return TRUE;
}

static gboolean
read_activations (JsonObject  *root,
                  FileNet     *net,
                  GError     **error)
{
  guint n_layers = net->n_sizes - 1;
  JsonArray *array = bp_file_get_array_member (root, "activations",
                                               /* Translators: the first %s names a field of the
                                                * network file (keep it as it is), the second is
                                                * what the file holds there: "an array", "the
                                                * text “abc”"… */
                                               _("%s must be an array of names, not %s"), error);
  guint n;

  if (array == NULL)
    return FALSE;
  n = json_array_get_length (array);
  if (n != n_layers)
    {
      /* Translators: the first half of "activations has 1 name; sizes has 2 layers after the
       * input, which need one each"; "activations" is the name of a field of the file and stays as
       * it is */
      g_autofree char *has = g_strdup_printf (ngettext ("activations has %u name",
                                                        "activations has %u names", n), n);

      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   /* Translators: %s is a whole clause such as "activations has 1 name"; "sizes"
                    * is the name of a field of the file and stays as it is */
                   ngettext ("%s; sizes has %u layer after the input, which needs one each",
                             "%s; sizes has %u layers after the input, which need one each",
                             n_layers),
                   has, n_layers);
      return FALSE;
    }

  for (guint l = 0; l < n; l++)
    {
      FieldPath path = { .field = "activations", .n_indices = 1, .indices = { l } };
      const char *name = NULL;

      if (!bp_file_read_name (json_array_get_element (array, l), &path, &name, error))
        return FALSE;
      if (!bp_activation_from_string (name, &net->activations[l]))
        {
          g_autofree char *shown = bp_file_shown_text (name, strlen (name));

          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       /* Translators: "activations" is a field of the file; linear, sigmoid, tanh,
                        * relu and leaky-relu are the names the file uses and stay as they are */
                       _("activations[%u] is “%s”, not one of linear, sigmoid, tanh, relu, "
                         "leaky-relu"), l, shown);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_loss (JsonObject  *root,
           FileNet     *net,
           GError     **error)
{
  FieldPath path = { .field = "loss" };
  JsonNode *node = bp_file_get_member (root, "loss", error);
  GError *cause = NULL;
  const char *name = NULL;

  if (node == NULL || !bp_file_read_name (node, &path, &name, error))
    return FALSE;
  if (!bp_loss_from_string (name, &net->loss))
    {
      g_autofree char *shown = bp_file_shown_text (name, strlen (name));

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "loss" is a field of the file; squared-error and cross-entropy
                    * are the names the file uses and stay as they are */
                   _("loss is “%s”, not one of squared-error, cross-entropy"), shown);
      return FALSE;
    }
  if (!bp_net_check_loss (net->n_sizes - 1, net->activations, net->loss, &cause))
    return bp_file_restate_error (error, cause,
                                  /* Translators: "loss", "activations" and cross-entropy are
                                   * as the file writes them and stay as they are; %s is an
                                   * activation such as "tanh" */
                                  _("loss is cross-entropy, which needs a sigmoid output layer, "
                                    "but activations[%u] is %s"), net->n_sizes - 2,
                                  bp_activation_to_string (net->activations[net->n_sizes - 2]));
  return TRUE;
}

static gboolean
read_learning_rate (JsonObject  *root,
                    FileNet     *net,
                    GError     **error)
{
  FieldPath path = { .field = "learning_rate" };
  JsonNode *node = bp_file_get_member (root, "learning_rate", error);
  GError *cause = NULL;

  if (node == NULL || !bp_file_read_number (node, &path, &net->learning_rate, error))
    return FALSE;
  if (!bp_net_check_learning_rate (net->learning_rate, &cause))
    {
      char shown[G_ASCII_DTOSTR_BUF_SIZE];

      /* Translators: "learning_rate" is a field of the file and stays as it is; %s is the number
       * found */
      return bp_file_restate_error (error, cause, _("learning_rate is %s; it must be more than 0 "
                                                    "and at most 100"),
                                    bp_file_format_double (shown, net->learning_rate));
    }
  return TRUE;
}

/* Which layer a vector of the file belongs to, for the messages about its length. */
gboolean
bp_file_read_fields (JsonObject    *root,
                     FileNet       *net,
                     BpFileExtras  *extras,
                     GError       **error)
{
  return check_format (root, error)
         && check_version (root, error)
         && read_sizes (root, net, error)
         && read_activations (root, net, error)
         && read_loss (root, net, error)
         && read_learning_rate (root, net, error)
         && bp_file_check_weights (root, net, error)
         && bp_file_check_biases (root, net, error)
         && bp_file_check_sample (root, net, error)
         && bp_file_read_extras (root, extras, error)
         && bp_file_read_training (root, net, extras, error);
}
