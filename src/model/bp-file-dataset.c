/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-file-dataset.c: the optional keys of a network file that train it on a dataset, read
 * and written: "mode", "features", "batch_size", "regularization", "regularization_rate",
 * "epoch" and "dataset" {"generator", "kind" (of imported or drawn points), "source",
 * "seed", "noise", "train_percent", "n_train", "points"}. A file without them reads and
 * writes as before.
 */

#define G_LOG_DOMAIN "bp-file"

#include "config.h"

#include "bp-file-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

static const char *const mode_names[] = { "example", "dataset" };

/**
 * bp_file_mode_to_string:
 * @mode: a mode
 *
 * Returns: the name files use: example or dataset
 */
const char *
bp_file_mode_to_string (BpFileMode mode)
{
  g_return_val_if_fail ((guint) mode < G_N_ELEMENTS (mode_names), NULL);
  return mode_names[mode];
}

/**
 * bp_file_mode_from_string:
 * @name: a name as bp_file_mode_to_string() gives it
 * @mode: (out): the mode
 *
 * Returns: whether @name names a mode
 */
gboolean
bp_file_mode_from_string (const char *name,
                          BpFileMode *mode)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint m = 0; m < G_N_ELEMENTS (mode_names); m++)
    if (strcmp (name, mode_names[m]) == 0)
      {
        *mode = (BpFileMode) m;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading the keys beside the network.                                                        */

/* A whole number of the file within [min, max], or an error naming the field. */
static gboolean
read_whole (JsonNode         *node,
            const FieldPath  *path,
            gint64           *value,
            GError          **error)
{
  if (!bp_file_node_is (node, G_TYPE_INT64))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (path, node, _("%s must be a whole number, not %s"), error);
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_mode (JsonObject    *root,
           BpFileExtras  *extras,
           GError       **error)
{
  FieldPath path = { .field = "mode" };
  JsonNode *node = json_object_get_member (root, "mode");
  const char *name = NULL;

  if (node == NULL)
    return TRUE;
  if (!bp_file_read_name (node, &path, &name, error))
    return FALSE;
  if (!bp_file_mode_from_string (name, &extras->mode))
    {
      g_autofree char *shown = bp_file_shown_text (name, strlen (name));

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "mode" is a field of the file; example and dataset are the
                    * names the file uses and stay as they are */
                   _("mode is “%s”, not one of example, dataset"), shown);
      return FALSE;
    }
  extras->has_mode = TRUE;
  return TRUE;
}

static gboolean
read_features (JsonObject    *root,
               const FileNet *net,
               BpFileExtras  *extras,
               GError       **error)
{
  JsonNode *node = json_object_get_member (root, "features");
  FieldPath path = { .field = "features" };
  BpFeatureSet set = 0;
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;
  array = bp_file_get_array (node, &path,
                             /* Translators: the first %s names a field of the network file
                              * (keep it as it is), the second is what the file holds there:
                              * "an array", "the text “abc”"… */
                             _("%s must be an array of names, not %s"), error);
  if (array == NULL)
    return FALSE;
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      FieldPath item = bp_file_field_path_child (&path, i);
      const char *name = NULL;
      BpFeature feature;

      if (!bp_file_read_name (json_array_get_element (array, i), &item, &name, error))
        return FALSE;
      if (!bp_feature_from_string (name, &feature) || (set >> feature) != 0)
        {
          g_autofree char *shown = bp_file_shown_text (name, strlen (name));

          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       /* Translators: "features" is a field of the file; the feature names
                        * are the ones the file uses and stay as they are */
                       _("features[%u] is “%s”; features lists some of x1, x2, x1_squared, "
                         "x2_squared, x1_times_x2, sin_x1, sin_x2, each once, in this order"),
                       i, shown);
          return FALSE;
        }
      set |= BP_FEATURE_BIT (feature);
    }
  if (n != net->sizes[0])
    {
      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   /* Translators: "features" and "sizes" are fields of the file and stay as
                    * they are; the numbers count the features and the network's inputs */
                   ngettext ("features lists %u feature, but sizes[0] is %u",
                             "features lists %u features, but sizes[0] is %u", n),
                   n, net->sizes[0]);
      return FALSE;
    }
  extras->has_features = TRUE;
  extras->features = set;
  return TRUE;
}

static gboolean
read_batch_size (JsonObject    *root,
                 BpFileExtras  *extras,
                 GError       **error)
{
  FieldPath path = { .field = "batch_size" };
  JsonNode *node = json_object_get_member (root, "batch_size");
  gint64 value = 0;

  if (node == NULL)
    return TRUE;
  if (!read_whole (node, &path, &value, error))
    return FALSE;
  if (value < 1 || value > BP_FILE_MAX_BATCH_SIZE)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "batch_size" is a field of the file and stays as it is */
                   _("batch_size is %" PRId64 "; it must be from 1 to %d"),
                   value, BP_FILE_MAX_BATCH_SIZE);
      return FALSE;
    }
  extras->has_batch_size = TRUE;
  extras->batch_size = (guint) value;
  return TRUE;
}

static gboolean
read_regularization (JsonObject    *root,
                     FileNet       *net,
                     BpFileExtras  *extras,
                     GError       **error)
{
  FieldPath path = { .field = "regularization" };
  FieldPath rate_path = { .field = "regularization_rate" };
  JsonNode *node = json_object_get_member (root, "regularization");
  JsonNode *rate = json_object_get_member (root, "regularization_rate");
  const char *name = NULL;

  if (node != NULL)
    {
      if (!bp_file_read_name (node, &path, &name, error))
        return FALSE;
      if (!bp_regularization_from_string (name, &net->regularization))
        {
          g_autofree char *shown = bp_file_shown_text (name, strlen (name));

          g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                       /* Translators: "regularization" is a field of the file; none, l1 and
                        * l2 are the names the file uses and stay as they are */
                       _("regularization is “%s”, not one of none, l1, l2"), shown);
          return FALSE;
        }
      extras->has_regularization = TRUE;
    }
  if (rate != NULL)
    {
      if (!bp_file_read_number (rate, &rate_path, &net->regularization_rate, error))
        return FALSE;
      if (!bp_regularization_check_rate (net->regularization_rate, error))
        {
          g_prefix_error (error, "regularization_rate: ");
          return FALSE;
        }
      extras->has_regularization = TRUE;
    }
  return TRUE;
}

static gboolean
read_epoch (JsonObject    *root,
            BpFileExtras  *extras,
            GError       **error)
{
  FieldPath path = { .field = "epoch" };
  JsonNode *node = json_object_get_member (root, "epoch");
  gint64 value = 0;

  if (node == NULL)
    return TRUE;
  if (!read_whole (node, &path, &value, error))
    return FALSE;
  if (value < 0)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "epoch" is a field of the file and stays as it is */
                   _("epoch is %" PRId64 "; it must be 0 or more"), value);
      return FALSE;
    }
  extras->has_epoch = TRUE;
  extras->epoch = (guint64) value;
  return TRUE;
}

/* "mode", "features", "batch_size", "regularization", "regularization_rate" and "epoch";
 * the regularisation goes into @net, to be set on the network once it exists. */
gboolean
bp_file_read_training (JsonObject    *root,
                       FileNet       *net,
                       BpFileExtras  *extras,
                       GError       **error)
{
  net->regularization = BP_REGULARIZATION_NONE;
  net->regularization_rate = 0.0;
  return read_mode (root, extras, error)
         && read_features (root, net, extras, error)
         && read_batch_size (root, extras, error)
         && read_regularization (root, net, extras, error)
         && read_epoch (root, extras, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading "dataset".                                                                           */

static gboolean
read_generator (JsonObject   *object,
                BpGenerator  *generator,
                char        **source,
                GError      **error)
{
  FieldPath path = { .field = "dataset.generator" };
  FieldPath source_path = { .field = "dataset.source" };
  JsonNode *node = bp_file_get_member (object, "generator", NULL);
  JsonNode *source_node = json_object_get_member (object, "source");
  const char *name = NULL;

  if (node == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s is missing"), "dataset.generator");
      return FALSE;
    }
  if (!bp_file_read_name (node, &path, &name, error))
    return FALSE;
  if (!bp_generator_from_string (name, generator))
    {
      g_autofree char *shown = bp_file_shown_text (name, strlen (name));

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "dataset.generator" is a field of the file; the names are
                    * the ones the file uses and stay as they are */
                   _("dataset.generator is “%s”, not one of circle, xor, gaussian, spiral, "
                     "plane, multi-gaussian, csv, drawn"), shown);
      return FALSE;
    }
  if (*generator == BP_GENERATOR_CSV && source_node == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s is missing"), "dataset.source");
      return FALSE;
    }
  if (source_node == NULL)
    return TRUE;
  if (*generator != BP_GENERATOR_CSV)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "dataset.source" is a field of the file and csv the name of
                    * a generator: both stay as they are; %s is the file's generator */
                   _("dataset.source is only for the generator csv, not %s"), name);
      return FALSE;
    }
  if (!bp_file_node_is (source_node, G_TYPE_STRING))
    /* Translators: the first %s names a field of the network file (keep it as it is),
     * the second is what the file holds there: "an array", "the text “abc”", null… */
    return bp_file_fail_type (&source_path, source_node, _("%s must be a name in quotes, not %s"),
                              error);
  *source = g_strdup (json_node_get_string (source_node));
  return TRUE;
}

static gboolean
read_settings (JsonObject  *object,
               BpDataset   *settings,
               GError     **error)
{
  FieldPath seed_path = { .field = "dataset.seed" };
  FieldPath noise_path = { .field = "dataset.noise" };
  FieldPath share_path = { .field = "dataset.train_percent" };
  JsonNode *seed = json_object_get_member (object, "seed");
  JsonNode *noise = json_object_get_member (object, "noise");
  JsonNode *share = json_object_get_member (object, "train_percent");
  gint64 value = 0;

  if (seed == NULL || noise == NULL || share == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s is missing"),
                   seed == NULL ? "dataset.seed"
                   : noise == NULL ? "dataset.noise" : "dataset.train_percent");
      return FALSE;
    }
  if (!read_whole (seed, &seed_path, &value, error))
    return FALSE;
  if (value < 0 || value > G_MAXUINT32)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "dataset.seed" is a field of the file and stays as it is */
                   _("dataset.seed is %" PRId64 "; it must be from 0 to %u"),
                   value, G_MAXUINT32);
      return FALSE;
    }
  settings->seed = (guint32) value;
  if (!bp_file_read_number (noise, &noise_path, &settings->noise, error)
      || !bp_file_read_number (share, &share_path, &settings->train_percent, error))
    return FALSE;
  if (!bp_dataset_check_parameters (1, settings->noise, BP_DATASET_MIN_TRAIN_PERCENT, error))
    {
      g_prefix_error (error, "dataset.noise: ");
      return FALSE;
    }
  if (!bp_dataset_check_parameters (1, 0.0, settings->train_percent, error))
    {
      g_prefix_error (error, "dataset.train_percent: ");
      return FALSE;
    }
  return TRUE;
}

/* One point: [x1, x2, label]. */
static gboolean
read_point (JsonNode  *node,
            guint      k,
            BpPoint   *point,
            GError   **error)
{
  FieldPath path = { .field = "dataset.points", .n_indices = 1, .indices = { k } };
  FieldPath x1_path = bp_file_field_path_child (&path, 0);
  FieldPath x2_path = bp_file_field_path_child (&path, 1);
  FieldPath label_path = bp_file_field_path_child (&path, 2);
  JsonArray *array = bp_file_get_array (node, &path,
                                        /* Translators: the first %s names a field of the
                                         * network file (keep it as it is), the second is what
                                         * the file holds there: "an array", "the text “abc”"… */
                                        _("%s must be an array [x1, x2, label], not %s"), error);
  guint n;

  if (array == NULL)
    return FALSE;
  n = json_array_get_length (array);
  if (n != 3)
    {
      g_autofree char *name = bp_file_field_path_to_string (&path);

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: %s names a field of the file, such as "dataset.points[3]"
                    * (keep it as it is); [x1, x2, label] describes the three values */
                   ngettext ("%s has %u value; a point is [x1, x2, label]",
                             "%s has %u values; a point is [x1, x2, label]", n),
                   name, n);
      return FALSE;
    }
  return bp_file_read_number (json_array_get_element (array, 0), &x1_path, &point->x1, error)
         && bp_file_read_number (json_array_get_element (array, 1), &x2_path, &point->x2, error)
         && bp_file_read_number (json_array_get_element (array, 2), &label_path, &point->label,
                                 error);
}

/* The points and how many of them train; then the dataset, checked by the engine. */
/* The kind of imported or drawn points: "kind" when the file says it (a regression set whose
 * values happen to be 0 and 1 stays one), else classification when every label is 0 or 1. */
static gboolean
read_kind (JsonObject     *object,
           const BpPoint  *points,
           guint           n,
           BpDatasetKind  *kind,
           GError        **error)
{
  FieldPath path = { .field = "dataset.kind" };
  JsonNode *node = json_object_get_member (object, "kind");
  const char *name = NULL;

  *kind = BP_DATASET_CLASSIFICATION;
  if (node == NULL)
    {
      for (guint k = 0; k < n; k++)
        if (points[k].label != 0.0 && points[k].label != 1.0)
          *kind = BP_DATASET_REGRESSION;
      return TRUE;
    }
  if (!bp_file_read_name (node, &path, &name, error))
    return FALSE;
  if (g_str_equal (name, "regression"))
    *kind = BP_DATASET_REGRESSION;
  else if (!g_str_equal (name, "classification"))
    {
      g_autofree char *shown = bp_file_shown_text (name, strlen (name));

      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "dataset.kind" is a field of the file; classification and
                    * regression are the names the file uses and stay as they are */
                   _("dataset.kind is “%s”, not one of classification, regression"), shown);
      return FALSE;
    }
  return TRUE;
}

static BpDataset *
read_points (JsonObject  *object,
             BpGenerator  generator,
             GError     **error)
{
  FieldPath path = { .field = "dataset.points" };
  FieldPath n_train_path = { .field = "dataset.n_train" };
  JsonNode *node = json_object_get_member (object, "points");
  JsonNode *n_train = json_object_get_member (object, "n_train");
  g_autofree BpPoint *points = NULL;
  BpDatasetKind kind = BP_DATASET_CLASSIFICATION;
  BpDataset *dataset;
  JsonArray *array;
  gint64 value = 0;
  guint n;

  if (node == NULL || n_train == NULL)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s is missing"),
                   node == NULL ? "dataset.points" : "dataset.n_train");
      return NULL;
    }
  array = bp_file_get_array (node, &path,
                             /* Translators: the first %s names a field of the network file
                              * (keep it as it is), the second is what the file holds there:
                              * "an array", "the text “abc”"… */
                             _("%s must be an array of [x1, x2, label], not %s"), error);
  if (array == NULL)
    return NULL;
  n = json_array_get_length (array);
  if (!bp_dataset_check_parameters (n, 0.0, BP_DATASET_MIN_TRAIN_PERCENT, error))
    {
      g_prefix_error (error, "dataset.points: ");
      return NULL;
    }
  if (!read_whole (n_train, &n_train_path, &value, error))
    return NULL;
  if (value < 1 || value > n)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE,
                   /* Translators: "dataset.n_train" is a field of the file and stays as it
                    * is; the second number counts the points */
                   _("dataset.n_train is %" PRId64 "; it must be from 1 to %u, the number of "
                     "points"), value, n);
      return NULL;
    }

  points = g_new (BpPoint, n);
  for (guint k = 0; k < n; k++)
    if (!read_point (json_array_get_element (array, k), k, &points[k], error))
      return NULL;
  if (generator < BP_N_GENERATED)
    kind = bp_generator_kind (generator);
  else if (!read_kind (object, points, n, &kind, error))
    return NULL;
  dataset = bp_dataset_new_from_points (kind, points, n, (guint) value, error);
  if (dataset == NULL)
    g_prefix_error (error, "dataset.points: ");
  return dataset;
}

/* "dataset" into @session->dataset and ->dataset_source. */
gboolean
bp_file_read_dataset (JsonObject     *root,
                      BpFileSession  *session,
                      GError        **error)
{
  FieldPath path = { .field = "dataset" };
  JsonNode *node = json_object_get_member (root, "dataset");
  g_autofree char *source = NULL;
  BpDataset settings = { 0 };
  BpGenerator generator;
  JsonObject *object;
  BpDataset *dataset;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bp_file_fail_type (&path, node,
                              /* Translators: the first %s names a field of the network file
                               * (keep it as it is), the second is what the file holds there:
                               * "an array", "the text “abc”"… */
                              _("%s must be an object with a generator and points, not %s"),
                              error);
  object = json_node_get_object (node);
  if (!read_generator (object, &generator, &source, error)
      || !read_settings (object, &settings, error))
    return FALSE;
  dataset = read_points (object, generator, error);
  if (dataset == NULL)
    return FALSE;
  dataset->generator = generator;
  dataset->seed = settings.seed;
  dataset->noise = settings.noise;
  dataset->train_percent = settings.train_percent;
  session->dataset = dataset;
  session->dataset_source = g_steal_pointer (&source);
  return TRUE;
}

/* A network trained on a dataset has its points, its features, and one output for the
 * points' label. */
gboolean
bp_file_check_dataset_mode (const FileNet        *net,
                            const BpFileExtras   *extras,
                            const BpFileSession  *session,
                            GError              **error)
{
  guint n_out = net->sizes[net->n_sizes - 1];

  if (extras->mode != BP_FILE_MODE_DATASET)
    return TRUE;
  if (session->dataset == NULL || !extras->has_features)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_FILE, _("%s is missing"),
                   session->dataset == NULL ? "dataset" : "features");
      return FALSE;
    }
  if (n_out != 1)
    {
      g_set_error (error, BP_ERROR, BP_ERROR_SHAPE,
                   /* Translators: "mode" and "sizes" are fields of the file and dataset a
                    * value of "mode": they stay as they are; %u counts the outputs */
                   _("mode is dataset, whose points have one label, but sizes ends with %u "
                     "outputs"), n_out);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Writing.                                                                                     */

void
bp_file_append_training (GString            *out,
                         const BpNet        *net,
                         const BpFileExtras *extras)
{
  if (extras != NULL && extras->has_mode)
    g_string_append_printf (out, ",\n  \"mode\": \"%s\"", bp_file_mode_to_string (extras->mode));
  if (extras != NULL && extras->has_features)
    {
      gboolean first = TRUE;

      g_string_append (out, ",\n  \"features\": [");
      for (guint f = 0; f < BP_N_FEATURES; f++)
        if (extras->features & BP_FEATURE_BIT (f))
          {
            g_string_append_printf (out, "%s\"%s\"", first ? "" : ", ",
                                    bp_feature_to_string ((BpFeature) f));
            first = FALSE;
          }
      g_string_append_c (out, ']');
    }
  if (extras != NULL && extras->has_batch_size)
    g_string_append_printf (out, ",\n  \"batch_size\": %u", extras->batch_size);
  if ((extras != NULL && extras->has_regularization)
      || net->regularization != BP_REGULARIZATION_NONE || net->regularization_rate != 0.0)
    {
      g_string_append_printf (out, ",\n  \"regularization\": \"%s\",\n"
                              "  \"regularization_rate\": ",
                              bp_regularization_to_string (net->regularization));
      bp_file_append_double (out, net->regularization_rate);
    }
  if (extras != NULL && extras->has_epoch)
    g_string_append_printf (out, ",\n  \"epoch\": %" G_GUINT64_FORMAT, extras->epoch);
}

/* One point per line, the training points first. */
void
bp_file_append_dataset (GString         *out,
                        const BpDataset *dataset,
                        const char      *source)
{
  g_string_append_printf (out, ",\n  \"dataset\": {\n    \"generator\": \"%s\",\n",
                          bp_generator_to_string (dataset->generator));
  /* Imported or drawn points say their kind: their labels alone may not (0 and 1 can be
   * the values of a regression set). */
  if (dataset->generator >= BP_N_GENERATED)
    g_string_append_printf (out, "    \"kind\": \"%s\",\n",
                            dataset->kind == BP_DATASET_REGRESSION ? "regression"
                                                                   : "classification");
  if (dataset->generator == BP_GENERATOR_CSV)
    {
      g_string_append (out, "    \"source\": ");
      bp_file_append_string (out, source != NULL ? source : "");
      g_string_append (out, ",\n");
    }
  g_string_append_printf (out, "    \"seed\": %u,\n    \"noise\": ", dataset->seed);
  bp_file_append_double (out, dataset->noise);
  g_string_append (out, ",\n    \"train_percent\": ");
  bp_file_append_double (out, dataset->train_percent);
  g_string_append_printf (out, ",\n    \"n_train\": %u,\n    \"points\": [", dataset->n_train);
  for (guint k = 0; k < dataset->n_points; k++)
    {
      const BpPoint *p = &dataset->points[k];

      g_string_append (out, k > 0 ? ",\n      [" : "\n      [");
      bp_file_append_double (out, p->x1);
      g_string_append (out, ", ");
      bp_file_append_double (out, p->x2);
      g_string_append (out, ", ");
      bp_file_append_double (out, p->label);
      g_string_append_c (out, ']');
    }
  g_string_append (out, "\n    ]\n  }");
}
