/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-dataset.c: datasets on the command line: `backprop-cli new --dataset …` and
 * `--dataset-file`, and `backprop-cli train` of a file in dataset mode, epoch by epoch. */
#define G_LOG_DOMAIN "backprop-cli"

#include "config.h"

#include "cli-common.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "bp-forward-batch.h"
#include "bp-minibatch.h"

#define DEFAULT_BATCH_SIZE 10
#define DEFAULT_TRAIN_PERCENT 50.0

/* --batch-size, --regularization and --regularization-rate, each when given. */
gboolean
cli_parse_training (const CliTraining  *options,
                    guint              *batch_size,
                    BpRegularization   *regularization,
                    double             *rate,
                    GError            **error)
{
  guint64 n;

  if (options->batch_size != NULL)
    {
      if (!cli_parse_unsigned ("--batch-size", options->batch_size, 1, BP_FILE_MAX_BATCH_SIZE,
                               &n, error))
        return FALSE;
      *batch_size = (guint) n;
    }
  if (options->regularization != NULL
      && !bp_regularization_from_string (options->regularization, regularization))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: --regularization, none, l1 and l2 are what the command line
                    * takes: keep them */
                   _("--regularization: unknown regularization “%s” (use none, l1 or l2)"),
                   options->regularization);
      return FALSE;
    }
  if (options->regularization_rate != NULL
      && (!cli_parse_double ("--regularization-rate", options->regularization_rate, rate,
                             error)
          || !bp_regularization_check_rate (*rate, error)))
    {
      g_prefix_error (error, "--regularization-rate: ");
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* backprop-cli new                                                                             */

static BpDataset *
make_dataset (const CliDatasetOptions  *o,
              guint32                   seed,
              GError                  **error)
{
  guint64 n_points = BP_DATASET_DEFAULT_POINTS;
  double noise = 0.0;
  double share = DEFAULT_TRAIN_PERCENT;
  BpGenerator generator;
  g_autofree char *text = NULL;
  gsize length;

  if ((o->points != NULL
       && !cli_parse_unsigned ("--points", o->points, 1, BP_DATASET_MAX_POINTS, &n_points,
                               error))
      || (o->noise != NULL && !cli_parse_double ("--noise", o->noise, &noise, error))
      || (o->train_percent != NULL
          && !cli_parse_double ("--train-percent", o->train_percent, &share, error)))
    return NULL;
  if (o->dataset_file != NULL)
    {
      if (o->points != NULL || o->noise != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: an option such as --points, then another; keep both */
                       _("%s and %s cannot be used together"),
                       o->points != NULL ? "--points" : "--noise", "--dataset-file");
          return NULL;
        }
      if (!bp_dataset_check_parameters (1, 0.0, share, error))
        return NULL;
      if (!g_file_get_contents (o->dataset_file, &text, &length, error))
        return NULL;
      return bp_dataset_new_from_csv (text, (gssize) length, share, seed, error);
    }
  if (!bp_generator_from_string (o->dataset, &generator) || generator >= BP_N_GENERATED)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: --dataset and the names circle, xor, gaussian, spiral, plane
                    * and multi-gaussian are what the command line takes: keep them */
                   _("--dataset: unknown dataset “%s” (use circle, xor, gaussian, spiral, "
                     "plane or multi-gaussian)"), o->dataset);
      return NULL;
    }
  return bp_dataset_generate (generator, (guint) n_points, noise, share, seed, error);
}

/* The input layer takes the features, the output layer the label. */
static gboolean
check_shape (const BpNet   *net,
             BpFeatureSet   features,
             GError       **error)
{
  guint n_features = bp_feature_set_count (features);
  guint n_out = net->sizes[net->n_layers];

  if (net->sizes[0] != n_features)
    {
      g_autofree char *names = bp_feature_set_to_string (features);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: the options stay as they are; the numbers count the inputs
                    * of --sizes and the features; %s lists the features, such as "x1,x2" */
                   ngettext ("--sizes starts with %u input, but --features gives %u: %s",
                             "--sizes starts with %u inputs, but --features gives %u: %s",
                             net->sizes[0]),
                   net->sizes[0], n_features, names);
      return FALSE;
    }
  if (n_out != 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: --sizes stays as it is; %u counts the output neurons */
                   _("--sizes ends with %u outputs; a dataset’s points have one label, so the "
                     "network needs one output"), n_out);
      return FALSE;
    }
  return TRUE;
}

/**
 * cli_new_dataset:
 * @o: the dataset options of `new`; dataset or dataset_file is set
 * @net: the new network, not yet initialised
 * @seed: the seed of its weights and of the dataset
 * @extras: (inout): the extras to write, with the seed set
 * @session: (out caller-allocates): receives the dataset, to be freed with
 *   bp_file_session_clear()
 * @error: return location for an error: %G_OPTION_ERROR for the options, or the reason the
 *   dataset file could not be read
 *
 * Makes @net a network in dataset mode: its input and target are the first training point's
 * features and label.
 *
 * Returns: %TRUE on success
 */
gboolean
cli_new_dataset (const CliDatasetOptions  *o,
                 BpNet                    *net,
                 guint32                   seed,
                 BpFileExtras             *extras,
                 BpFileSession            *session,
                 GError                  **error)
{
  BpFeatureSet features = BP_FEATURES_DEFAULT;
  BpRegularization regularization = BP_REGULARIZATION_NONE;
  guint batch_size = DEFAULT_BATCH_SIZE;
  double rate = 0.0;
  double input[BP_N_FEATURES];
  g_autoptr(BpDataset) dataset = NULL;

  if (o->features != NULL && !bp_feature_set_parse (o->features, &features, error))
    {
      g_prefix_error (error, "--features: ");
      return FALSE;
    }
  if (!check_shape (net, features, error)
      || !cli_parse_training (&o->training, &batch_size, &regularization, &rate, error)
      || !bp_net_set_regularization (net, regularization, rate, error))
    return FALSE;
  dataset = make_dataset (o, seed, error);
  if (dataset == NULL)
    return FALSE;

  bp_feature_set_fill (features, dataset->points[0].x1, dataset->points[0].x2, input);
  bp_net_set_input (net, input);
  if (!bp_net_set_target (net, &dataset->points[0].label, error))
    return FALSE;

  extras->has_mode = TRUE;
  extras->mode = BP_FILE_MODE_DATASET;
  extras->has_features = TRUE;
  extras->features = features;
  extras->has_batch_size = TRUE;
  extras->batch_size = batch_size;
  extras->has_regularization = TRUE;
  extras->has_epoch = TRUE;
  extras->epoch = 0;
  session->dataset = g_steal_pointer (&dataset);
  if (o->dataset_file != NULL)
    session->dataset_source = g_filename_display_name (o->dataset_file);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* backprop-cli train                                                                           */

/* The mean loss over @examples, and the share classified right. */
static double
evaluate (const BpNet       *net,
          const CliExamples *examples,
          BpForwardBatch    *batch,
          double            *accuracy)
{
  guint n_correct = 0;
  double loss;

  bp_net_forward_batch (net, examples->inputs, examples->n, BP_FORWARD_EXACT, batch);
  loss = bp_net_mean_loss (net, examples->targets, batch, &n_correct);
  *accuracy = examples->n > 0 ? (double) n_correct / examples->n : 0.0;
  return loss;
}

/* One line of text or one object of the JSON array. */
static void
report_epoch (GString           *out,
              gboolean           json,
              double             epoch,
              const BpNet       *net,
              const CliExamples *train,
              const CliExamples *test,
              BpForwardBatch    *batch,
              gboolean           classification)
{
  double train_accuracy = 0.0, test_accuracy = 0.0;
  double train_loss = evaluate (net, train, batch, &train_accuracy);
  double test_loss = test->n > 0 ? evaluate (net, test, batch, &test_accuracy) : 0.0;
  gboolean has_test = test->n > 0;
  g_autofree char *e = cli_json_number (epoch);

  if (json)
    {
      g_autofree char *tl = cli_json_number (train_loss);
      g_autofree char *vl = has_test ? cli_json_number (test_loss) : g_strdup ("null");
      g_autofree char *ta = classification ? cli_json_number (train_accuracy)
                                           : g_strdup ("null");
      g_autofree char *va = classification && has_test ? cli_json_number (test_accuracy)
                                                       : g_strdup ("null");

      g_string_append_printf (out, "%s{\"epoch\":%s,\"train_loss\":%s,\"test_loss\":%s,"
                              "\"train_accuracy\":%s,\"test_accuracy\":%s}",
                              out->len > 1 ? "," : "", e, tl, vl, ta, va);
    }
  else
    {
      g_autofree char *tl = cli_exact_number (train_loss);
      g_autofree char *vl = has_test ? cli_exact_number (test_loss) : g_strdup ("–");

      if (classification)
        {
          g_autofree char *ta = g_strdup_printf ("%.1f", 100.0 * train_accuracy);
          g_autofree char *va = has_test ? g_strdup_printf ("%.1f", 100.0 * test_accuracy)
                                         : g_strdup ("–");

          /* Translators: one line per epoch of `backprop-cli train` on a dataset; the
           * first %s is the epoch (such as 3, or 3.4 part way), then the losses and the
           * accuracies in percent */
          g_print (_("epoch %s: train loss %s, test loss %s, train accuracy %s %%, "
                     "test accuracy %s %%\n"), e, tl, vl, ta, va);
        }
      else
        /* Translators: one line per epoch of `backprop-cli train` on a dataset; the first %s
         * is the epoch (such as 3, or 3.4 part way), then the losses */
        g_print (_("epoch %s: train loss %s, test loss %s\n"), e, tl, vl);
    }
}

/**
 * cli_train_dataset:
 * @net: a network in dataset mode
 * @extras: (inout): its extras; the step and epoch move on
 * @dataset: its dataset
 * @o: the options of `train`
 * @path: the file, for messages
 *
 * Trains @net on mini-batches of @dataset's training points, in the order its seed gives,
 * from where @extras->step says; reports each epoch's train and test loss (and accuracy).
 *
 * Returns: an exit status
 */
int
cli_train_dataset (BpNet                  *net,
                   BpFileExtras           *extras,
                   const BpDataset        *dataset,
                   const CliTrainDataset  *o,
                   const char             *path)
{
  BpFeatureSet features = extras->has_features ? extras->features : BP_FEATURES_DEFAULT;
  BpRegularization regularization = net->regularization;
  double rate = net->regularization_rate;
  guint batch_size = extras->has_batch_size ? extras->batch_size : DEFAULT_BATCH_SIZE;
  gboolean classification = dataset->kind == BP_DATASET_CLASSIFICATION;
  g_auto(CliExamples) train = { 0 };
  g_auto(CliExamples) test = { 0 };
  g_autoptr(BpMinibatch) mb = NULL;
  g_autoptr(GString) out = g_string_new ("[");
  g_autoptr(GError) error = NULL;
  BpForwardBatch *batch;
  guint64 start_epoch, done = 0;
  guint start_batch;
  int status = STATUS_OK;

  if (!cli_parse_training (&o->training, &batch_size, &regularization, &rate, &error)
      || !bp_net_set_regularization (net, regularization, rate, &error))
    return cli_usage_error ("train", error->message);
  extras->has_batch_size = TRUE;
  extras->batch_size = batch_size;

  cli_examples_fill (&train, dataset, features, 0, dataset->n_train);
  cli_examples_fill (&test, dataset, features, dataset->n_train,
                 dataset->n_points - dataset->n_train);
  batch = bp_forward_batch_new (net, MAX (train.n, MAX (test.n, 1)));
  mb = bp_minibatch_new (train.n, batch_size, net->sizes[0], 1, dataset->seed);
  bp_dataset_step_position (train.n, batch_size, extras->step, &start_epoch, &start_batch);
  bp_minibatch_seek (mb, start_epoch, start_batch);

  while (o->n_epochs > 0 ? mb->epoch < start_epoch + o->n_epochs : done < o->n_steps)
    {
      if (!bp_net_minibatch_step (net, mb, train.inputs, train.targets, NULL, &error))
        {
          /* Translators: the step that failed, counted from 1, then the reason */
          g_autofree char *message = g_strdup_printf (_("step %" PRIu64 ": %s"),
                                                      done + 1, error->message);

          status = cli_report (STATUS_BAD_INPUT, path, message);
          break;
        }
      done++;
      if (mb->batch == 0)
        report_epoch (out, o->json, (double) mb->epoch, net, &train, &test, batch,
                      classification);
    }
  if (status == STATUS_OK && mb->batch != 0 && done > 0)
    report_epoch (out, o->json, mb->epoch + (double) mb->batch / mb->batches_per_epoch, net,
                  &train, &test, batch, classification);
  bp_forward_batch_free (batch);
  extras->step += done;
  extras->has_epoch = TRUE;
  extras->epoch = mb->epoch;
  if (status != STATUS_OK)
    return status;

  /* The file's input and target stay its first training point; the passes are current. */
  bp_net_forward (net);
  bp_net_backward (net);
  if (o->json)
    {
      g_string_append (out, "]\n");
      status = cli_write_stdout (out->str);
    }
  return status;
}
