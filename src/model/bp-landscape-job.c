/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape-job.c: one computation of BpLandscapeModel, on copies, in a GTask's thread:
 * the gradient at the centre, then the grid asked for in refinements (11×11, 21×21, then
 * 41×41 for the window's default), each delivered to the main thread as it is done; a
 * cancelled job stops between rows. */
#define G_LOG_DOMAIN "bp-landscape"

#include "config.h"

#include "bp-landscape-model-private.h"

#include "bp-dataset.h"
#include "bp-deliver.h"
#include "bp-landscape-fast.h"

#include <string.h>

#define FIRST_LOOK_GRID 11

void
_bp_landscape_slice_free (BpLandscapeSlice *slice)
{
  if (slice == NULL)
    return;
  g_free (slice->values);
  g_free (slice);
}

BpLandscapeJob *
_bp_landscape_job_ref (BpLandscapeJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

void
_bp_landscape_job_unref (gpointer data)
{
  BpLandscapeJob *job = data;

  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;
  bp_net_free (job->net);
  g_free (job->inputs);
  g_free (job->targets);
  g_main_context_unref (job->context);
  g_free (job);
}

static void
delivery_free (gpointer data)
{
  BpLandscapeDelivery *d = data;

  _bp_landscape_job_unref (d->job);
  _bp_landscape_slice_free (d->slice);
  g_free (d);
}

/* The training points of dataset mode as the network takes them; FALSE in example mode. */
static gboolean
fill_training (BpNetwork      *network,
               BpLandscapeJob *job)
{
  const BpDataset *dataset = bp_network_get_dataset (network);
  BpFeatureSet features = bp_network_get_features (network);
  guint n_in = bp_feature_set_count (features);

  if (bp_network_get_mode (network) != BP_FILE_MODE_DATASET || dataset == NULL
      || dataset->n_train == 0 || n_in != job->net->sizes[0])
    return FALSE;
  job->inputs = g_new (double, (gsize) dataset->n_train * n_in);
  job->targets = g_new (double, dataset->n_train);
  for (guint k = 0; k < dataset->n_train; k++)
    {
      bp_feature_set_fill (features, dataset->points[k].x1, dataset->points[k].x2,
                           job->inputs + (gsize) k * n_in);
      job->targets[k] = dataset->points[k].label;
    }
  job->data = (BpLandscapeData) { job->inputs, job->targets, dataset->n_train, TRUE };
  return TRUE;
}

/* A job on a copy of @network and of the points its loss is the mean over. */
BpLandscapeJob *
_bp_landscape_job_new (BpNetwork         *network,
                       const BpWeightRef  weights[2],
                       double             span,
                       guint              grid,
                       BpForwardMode      mode)
{
  const BpNet *net = bp_network_get_net (network);
  BpLandscapeJob *job = g_new0 (BpLandscapeJob, 1);
  guint L = net->n_layers;

  g_atomic_ref_count_init (&job->ref_count);
  job->net = bp_net_copy (net);
  memcpy (job->weights, weights, sizeof job->weights);
  job->span = span;
  job->grid = grid;
  job->mode = mode;
  job->context = g_main_context_ref_thread_default ();
  if (!fill_training (network, job))
    {
      job->inputs = g_memdup2 (net->a[0], net->sizes[0] * sizeof (double));
      job->targets = g_memdup2 (net->target, net->sizes[L] * sizeof (double));
      job->data = (BpLandscapeData) { job->inputs, job->targets, 1, FALSE };
    }
  return job;
}

/* ∂L/∂w of the sliced loss at the centre: the example's, or the training set's mean
 * gradient with the penalty's. */
static void
centre_gradient (BpLandscapeJob *job,
                 double          gradient[2])
{
  g_autoptr(BpNet) net = bp_net_copy (job->net);

  if (job->data.with_penalty)
    bp_net_batch_gradient (net, job->data.inputs, job->data.targets, job->data.n_points);
  else
    {
      bp_net_set_input (net, job->data.inputs);
      bp_net_forward (net);
      bp_net_backward (net);
    }
  for (guint k = 0; k < 2; k++)
    {
      const BpWeightRef *w = &job->weights[k];

      gradient[k] = job->data.with_penalty
                    ? bp_net_batch_weight_gradient (net, w->layer, w->to, w->from)
                    : bp_net_sample_weight_gradient (net, w->layer, w->to, w->from);
    }
}

static void
deliver (BpLandscapeJob   *job,
         BpLandscapeSlice *slice)
{
  BpLandscapeDelivery *d = g_new0 (BpLandscapeDelivery, 1);

  d->job = _bp_landscape_job_ref (job);
  d->slice = slice;
  bp_deliver_in_loop (job->context, "[bp-landscape] deliver", job->deliver_func, d,
                      delivery_free);
}

/* The slice of every @step-th point of the job's grid, from the values computed so far. */
static BpLandscapeSlice *
subsample (BpLandscapeJob *job,
           const double   *values,
           guint           step,
           const double    gradient[2])
{
  BpLandscapeSlice *slice = g_new0 (BpLandscapeSlice, 1);
  guint n = (job->grid - 1) / step + 1;

  memcpy (slice->weights, job->weights, sizeof slice->weights);
  for (guint k = 0; k < 2; k++)
    slice->centre[k] = *bp_net_weight (job->net, job->weights[k].layer, job->weights[k].to,
                                       job->weights[k].from);
  slice->span = job->span;
  slice->grid = n;
  slice->complete = step == 1;
  slice->dataset = job->data.with_penalty;
  slice->n_points = job->data.n_points;
  slice->gradient[0] = gradient[0];
  slice->gradient[1] = gradient[1];
  slice->values = g_new (double, (gsize) n * n);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      slice->values[(gsize) i * n + j] = values[(gsize) i * step * job->grid + j * step];
  slice->centre_loss = slice->values[(gsize) (n / 2) * n + n / 2];
  return slice;
}

/* The steps of the refinements, coarsest first, ending with 1: each a divisor of half the
 * grid (so the centre is a point of it) leaving at least FIRST_LOOK_GRID points a side. */
static guint
refinements (guint grid,
             guint steps[4])
{
  const guint candidates[] = { 8, 4, 2 };
  guint half = (grid - 1) / 2, n = 0;

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    if (half % candidates[k] == 0 && (grid - 1) / candidates[k] + 1 >= FIRST_LOOK_GRID)
      steps[n++] = candidates[k];
  steps[n++] = 1;
  return n;
}

/* Each refinement computes only the values of the lower weight that the coarser ones left
 * out, against every value of the other, so the full grid costs what it costs alone and
 * the first look comes after a quarter or so of it. */
static void
job_thread (GTask        *task G_GNUC_UNUSED,
            gpointer      source G_GNUC_UNUSED,
            gpointer      data,
            GCancellable *cancellable G_GNUC_UNUSED)
{
  BpLandscapeJob *job = data;
  guint n_threads = MIN (g_get_num_processors (), 2);
  g_autofree double *values = g_new (double, (gsize) job->grid * job->grid);
  g_autofree guint *outers = g_new (guint, job->grid);
  guint steps[4], n_steps = refinements (job->grid, steps);
  double gradient[2];

  centre_gradient (job, gradient);
  for (guint k = 0; k < n_steps; k++)
    {
      guint n_outers = 0;

      for (guint o = 0; o < job->grid; o++)
        if (o % steps[k] == 0 && (k == 0 || o % steps[k - 1] != 0))
          outers[n_outers++] = o;
      if (!bp_landscape_grid_rows (job->net, job->weights, job->span, job->grid, &job->data,
                                   job->mode, n_threads, outers, n_outers, &job->cancel,
                                   values))
        return;
      deliver (job, subsample (job, values, steps[k], gradient));
    }
}

/**
 * _bp_landscape_job_run:
 * @job: a new job
 * @deliver_func: called on the thread-default main context of the job's creation with a
 *   #BpLandscapeDelivery for each refinement (the last one complete), unless cancelled
 *
 * Runs the job in a thread of GTask's pool.
 */
void
_bp_landscape_job_run (BpLandscapeJob *job,
                       GSourceFunc     deliver_func)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  job->deliver_func = deliver_func;
  g_task_set_task_data (task, _bp_landscape_job_ref (job), _bp_landscape_job_unref);
  g_task_set_name (task, "bp-landscape");
  g_task_run_in_thread (task, job_thread);
}
