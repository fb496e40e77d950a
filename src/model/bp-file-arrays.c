/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file-arrays.c: the weights, biases, input and target of a network file.
 *
 * Stage 2 checks the length of every array against the sizes before the network is
 * allocated; stage 3 copies the numbers in, each checked to be a finite number.
 */

#define G_LOG_DOMAIN "bp-file"

#include "config.h"

#include "bp-file-private.h"

#include <glib/gi18n.h>

/* Which layer a vector of the file belongs to, for the messages about its length. */
typedef enum {
  ROLE_LAYER,
  ROLE_INPUT,
  ROLE_OUTPUT,
} LayerRole;

/* "weights[1][0] has 2 values; layer 1 has 3 neurons": two clauses, each a whole sentence
 * with its own plural, joined by the translated "%s; %s". `has` is the first clause. */
static gboolean
fail_length (const char  *has,
             guint        layer,
             LayerRole    role,
             guint        neurons,
             GError     **error)
{
  g_autofree char *needs = NULL;

  if (role == ROLE_INPUT)
    /* Translators: the second half of "input has 3 values; layer 0 (the input) has 2
     * neurons"; the first number is the layer's index, the second its size */
    needs = g_strdup_printf (ngettext ("layer %u (the input) has %u neuron",
                                       "layer %u (the input) has %u neurons", neurons),
                             layer, neurons);
  else if (role == ROLE_OUTPUT)
    /* Translators: the second half of "target has 2 values; layer 2 (the output) has 1
     * neuron"; the first number is the layer's index, the second its size */
    needs = g_strdup_printf (ngettext ("layer %u (the output) has %u neuron",
                                       "layer %u (the output) has %u neurons", neurons),
                             layer, neurons);
  else
    /* Translators: the second half of "weights[1][0] has 2 values; layer 1 has 3
     * neurons"; the first number is the layer's index, the second its size */
    needs = g_strdup_printf (ngettext ("layer %u has %u neuron", "layer %u has %u neurons",
                                       neurons),
                             layer, neurons);

  /* Translators: joins two clauses of an error message: "weights[1][0] has 2 values" and
   * "layer 1 has 3 neurons" */
  g_set_error (error, BP_ERROR, BP_ERROR_SHAPE, _("%s; %s"), has, needs);
  return FALSE;
}

static gboolean
fail_layer_count (const char  *field,
                  guint        length,
                  guint        n_layers,
                  GError     **error)
{
  /* Translators: the first half of "weights has 2 entries; it needs one per weight layer,
   * and sizes makes 1"; %s is "weights" or "biases", names in the file (keep them) */
  g_autofree char *has = g_strdup_printf (ngettext ("%s has %u entry", "%s has %u entries",
                                                    length), field, length);

  g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
               /* Translators: %s is a whole clause such as "weights has 2 entries"; the
                * number counts the weight layers; "sizes" is a name in the file (keep it) */
               ngettext ("%s; it needs one per weight layer, and sizes makes %u",
                         "%s; it needs one per weight layer, and sizes makes %u", n_layers),
               has, n_layers);
  return FALSE;
}

/* An array of numbers with the length of layer `layer`; the numbers are read later. */
static JsonArray *
get_vector (JsonNode         *node,
            const FieldPath  *path,
            const FileNet    *net,
            guint             layer,
            LayerRole         role,
            GError          **error)
{
  /* Translators: the first %s names a field of the network file (keep it as it is),
   * the second is what the file holds there: "an array", "the text “abc”", null… */
  JsonArray *array = bp_file_get_array (node, path,
                                        _("%s must be an array of numbers, not %s"), error);

  if (array == NULL)
    return NULL;
  if (json_array_get_length (array) != net->sizes[layer])
    {
      guint n = json_array_get_length (array);
      g_autofree char *name = bp_file_field_path_to_string (path);
      /* Translators: the first half of "weights[1][0] has 2 values; layer 1 has 3
       * neurons"; %s names a field of the network file (keep it as it is) */
      g_autofree char *has = g_strdup_printf (ngettext ("%s has %u value", "%s has %u values",
                                                        n), name, n);

      fail_length (has, layer, role, net->sizes[layer], error);
      return NULL;
    }
  return array;
}

static gboolean
check_weight_layer (JsonArray  *layer_array,
                    const FileNet *net,
                    guint       l,
                    GError    **error)
{
  FieldPath path = { .field = "weights", .n_indices = 1, .indices = { l } };
  guint n_rows = json_array_get_length (layer_array);

  if (n_rows != net->sizes[l + 1])
    {
      g_autofree char *name = bp_file_field_path_to_string (&path);
      /* Translators: the first half of "weights[0] has 2 rows; layer 1 has 3 neurons";
       * %s names a field of the network file (keep it as it is) */
      g_autofree char *has = g_strdup_printf (ngettext ("%s has %u row", "%s has %u rows",
                                                        n_rows), name, n_rows);

      return fail_length (has, l + 1, ROLE_LAYER, net->sizes[l + 1], error);
    }
  for (guint j = 0; j < n_rows; j++)
    {
      FieldPath row_path = bp_file_field_path_child (&path, j);

      if (get_vector (json_array_get_element (layer_array, j), &row_path, net, l, ROLE_LAYER,
                      error) == NULL)
        return FALSE;
    }
  return TRUE;
}

gboolean
bp_file_check_weights (JsonObject  *root,
                       FileNet     *net,
                       GError     **error)
{
  guint n_layers = net->n_sizes - 1;
  /* Translators: the first %s names a field of the network file (keep it as it is),
   * the second is what the file holds there: "an array", "the text “abc”", null… */
  const char *expected = _("%s must be an array with one array of rows per weight layer, "
                           "not %s");

  net->weights = bp_file_get_array_member (root, "weights", expected, error);
  if (net->weights == NULL)
    return FALSE;
  if (json_array_get_length (net->weights) != n_layers)
    return fail_layer_count ("weights", json_array_get_length (net->weights), n_layers, error);

  for (guint l = 0; l < n_layers; l++)
    {
      FieldPath path = { .field = "weights", .n_indices = 1, .indices = { l } };
      JsonNode *node = json_array_get_element (net->weights, l);
      JsonArray *layer_array = bp_file_get_array (node, &path,
                                                  /* Translators: the first %s names a field of the
                                                   * network file (keep it as it is), the second is
                                                   * what the file holds there: "an array", "the
                                                   * text “abc”"… */
                                                  _("%s must be an array of rows, one per "
                                                    "neuron of the next layer, not %s"), error);

      if (layer_array == NULL || !check_weight_layer (layer_array, net, l, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
bp_file_check_biases (JsonObject  *root,
                      FileNet     *net,
                      GError     **error)
{
  guint n_layers = net->n_sizes - 1;
  /* Translators: the first %s names a field of the network file (keep it as it is),
   * the second is what the file holds there: "an array", "the text “abc”", null… */
  const char *expected = _("%s must be an array with one array of numbers per weight "
                           "layer, not %s");

  net->biases = bp_file_get_array_member (root, "biases", expected, error);
  if (net->biases == NULL)
    return FALSE;
  if (json_array_get_length (net->biases) != n_layers)
    return fail_layer_count ("biases", json_array_get_length (net->biases), n_layers, error);

  for (guint l = 0; l < n_layers; l++)
    {
      FieldPath path = { .field = "biases", .n_indices = 1, .indices = { l } };

      if (get_vector (json_array_get_element (net->biases, l), &path, net, l + 1, ROLE_LAYER,
                      error) == NULL)
        return FALSE;
    }
  return TRUE;
}

gboolean
bp_file_check_sample (JsonObject  *root,
                      FileNet     *net,
                      GError     **error)
{
  guint n_layers = net->n_sizes - 1;
  FieldPath input_path = { .field = "input" };
  FieldPath target_path = { .field = "target" };
  JsonNode *node;

  if ((node = bp_file_get_member (root, "input", error)) == NULL)
    return FALSE;
  net->input = get_vector (node, &input_path, net, 0, ROLE_INPUT, error);
  if (net->input == NULL)
    return FALSE;

  if ((node = bp_file_get_member (root, "target", error)) == NULL)
    return FALSE;
  net->target = get_vector (node, &target_path, net, n_layers, ROLE_OUTPUT, error);
  return net->target != NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Stage 3: the numbers.                                                                        */

static gboolean
read_vector (JsonArray        *array,
             const FieldPath  *path,
             double           *dest,
             GError          **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      /* The path is built only on failure: this loop may run 2^24 times. */
      if (!bp_file_read_number (node, path, &dest[i], NULL))
        {
          FieldPath element = bp_file_field_path_child (path, i);

          return bp_file_read_number (node, &element, &dest[i], error);
        }
    }
  return TRUE;
}

gboolean
bp_file_fill_net (BpNet          *bp,
                  const FileNet  *net,
                  GError        **error)
{
  FieldPath input_path = { .field = "input" };
  FieldPath target_path = { .field = "target" };
  GError *cause = NULL;

  guint widest = 0;
  g_autofree double *values = NULL;

  for (guint l = 0; l <= bp->n_layers; l++)
    widest = MAX (widest, bp->sizes[l]);
  values = g_new (double, widest);
  for (guint l = 0; l < bp->n_layers; l++)
    {
      JsonArray *rows = json_array_get_array_element (net->weights, l);
      FieldPath bias_path = { .field = "biases", .n_indices = 1, .indices = { l } };

      for (guint j = 0; j < bp->sizes[l + 1]; j++)
        {
          FieldPath row_path = { .field = "weights", .n_indices = 2, .indices = { l, j } };

          if (!read_vector (json_array_get_array_element (rows, j), &row_path, values, error))
            return FALSE;
          for (guint i = 0; i < bp->sizes[l]; i++)
            bp_net_set_weight (bp, l, j, i, values[i]);
        }
      if (!read_vector (json_array_get_array_element (net->biases, l), &bias_path, values,
                        error))
        return FALSE;
      for (guint j = 0; j < bp->sizes[l + 1]; j++)
        bp_net_set_bias (bp, l, j, values[j]);
    }

  if (!read_vector (net->input, &input_path, values, error))
    return FALSE;
  bp_net_set_input (bp, values);
  if (!read_vector (net->target, &target_path, values, error))
    return FALSE;
  if (!bp_net_set_target (bp, values, &cause))
    {
      guint k = 0;
      char shown[G_ASCII_DTOSTR_BUF_SIZE];

      /* Finite targets were checked above, so the engine objects to a range. */
      while (k + 1 < bp->sizes[bp->n_layers] && values[k] >= 0.0 && values[k] <= 1.0)
        k++;
      /* Translators: "target" is a field of the file and stays as it is; %s is the number found */
      return bp_file_restate_error (error, cause,
                                    _("target[%u] is %s; with cross-entropy a target "
                                      "lies between 0 and 1"),
                                    k, bp_file_format_double (shown, values[k]));
    }
  return TRUE;
}
