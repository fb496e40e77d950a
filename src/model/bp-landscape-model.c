/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-landscape-model.c: the loss landscape of the window. Each computation is a job on a copy
 * of the network and its points, run in a GTask's thread (bp-landscape-job.c): an 11×11
 * first look, then finer ones up to the grid asked for, each handed to the main thread as it
 * is done. A job that the
 * network outdates runs to its end and is followed by one for the network as it is then, at
 * most RECOMPUTE_INTERVAL_MS apart, so the picture follows training a few times a second; a
 * job whose weights, span or grid changed is cancelled. Nothing is computed while no view
 * shows the model (bp_landscape_model_set_active()). */
#define G_LOG_DOMAIN "bp-landscape"

#include "config.h"

#include "bp-landscape-model-private.h"

#include "bp-format.h"

#include <math.h>
#include <string.h>

#define RECOMPUTE_INTERVAL_MS 250

struct _BpLandscapeModel
{
  GObject parent_instance;

  BpNetwork *network;
  BpWeightRef weights[2];
  gboolean has_weights;     /* the network has two weights to show */
  gboolean chosen;          /* by the user; otherwise the defaults */
  double span;
  guint grid;
  BpForwardMode mode;
  gboolean active;
  BpLandscapeSlice *slice;  /* the last one computed, or NULL */
  BpLandscapeJob *job;      /* the running job, or NULL */
  gboolean stale;           /* the network changed since the running or last job began */
  gint64 started_at;        /* when the last job began, monotonic µs */
  guint later_id;           /* a job waiting for RECOMPUTE_INTERVAL_MS to pass */
  double path[BP_LANDSCAPE_PATH_CAPACITY][2];
  guint path_start;
  guint path_length;
  guint64 path_step;        /* the step count of the path's last point */
};

G_DEFINE_FINAL_TYPE (BpLandscapeModel, bp_landscape_model, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void request (BpLandscapeModel *self);

static gboolean
deliver_cb (gpointer data)
{
  BpLandscapeDelivery *d = data;
  BpLandscapeModel *self = d->job->model;
  gboolean complete = d->slice->complete;

  if (self == NULL || self->job != d->job)
    return G_SOURCE_REMOVE;
  _bp_landscape_slice_free (self->slice);
  self->slice = g_steal_pointer (&d->slice);
  if (complete)
    {
      g_clear_pointer (&self->job, _bp_landscape_job_unref);
      /* The network changed meanwhile: the next job, RECOMPUTE_INTERVAL_MS after this one
       * began at the soonest. */
      if (self->stale)
        request (self);
    }
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
cancel_job (BpLandscapeModel *self)
{
  if (self->job == NULL)
    return;
  g_atomic_int_set (&self->job->cancel, 1);
  self->job->model = NULL;
  g_clear_pointer (&self->job, _bp_landscape_job_unref);
}

static void
start_job (BpLandscapeModel *self)
{
  g_clear_handle_id (&self->later_id, g_source_remove);
  self->stale = FALSE;
  if (!self->has_weights || !self->active)
    return;
  cancel_job (self);
  self->job = _bp_landscape_job_new (self->network, self->weights, self->span, self->grid,
                                    self->mode);
  self->job->model = self;
  self->started_at = g_get_monotonic_time ();
  _bp_landscape_job_run (self->job, deliver_cb);
}

static gboolean
later_cb (gpointer data)
{
  BpLandscapeModel *self = data;

  self->later_id = 0;
  if (self->job == NULL)
    start_job (self);
  return G_SOURCE_REMOVE;
}

/* The network changed: a new job now, or once the running one is done and the interval
 * passed. */
static void
request (BpLandscapeModel *self)
{
  gint64 since = (g_get_monotonic_time () - self->started_at) / 1000;

  self->stale = TRUE;
  if (!self->active || self->job != NULL || self->later_id != 0)
    return;
  if (since >= RECOMPUTE_INTERVAL_MS)
    start_job (self);
  else
    self->later_id = g_timeout_add (RECOMPUTE_INTERVAL_MS - since, later_cb, self);
}

/* Weights, span or grid changed: what is running or shown is of no use. */
static void
restart (BpLandscapeModel *self)
{
  cancel_job (self);
  g_clear_pointer (&self->slice, _bp_landscape_slice_free);
  self->started_at = 0;
  self->stale = TRUE;
  if (self->active)
    start_job (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
clear_path (BpLandscapeModel *self)
{
  self->path_start = self->path_length = 0;
  self->path_step = bp_network_get_step_count (self->network);
}

static double
weight_value (BpLandscapeModel *self,
              guint             axis)
{
  const BpWeightRef *w = &self->weights[axis];

  return bp_network_get_weight (self->network, w->layer, w->to, w->from);
}

static void
add_path_point (BpLandscapeModel *self)
{
  guint at;

  if (self->path_length == BP_LANDSCAPE_PATH_CAPACITY)
    {
      self->path_start = (self->path_start + 1) % BP_LANDSCAPE_PATH_CAPACITY;
      self->path_length--;
    }
  at = (self->path_start + self->path_length) % BP_LANDSCAPE_PATH_CAPACITY;
  self->path[at][0] = weight_value (self, 0);
  self->path[at][1] = weight_value (self, 1);
  self->path_length++;
}

/* The two weights of layer @l with the largest |∂L/∂w|, the larger first; how many it has,
 * up to two. */
static guint
largest_in_layer (const BpNet *net,
                  guint        l,
                  BpWeightRef  out[2])
{
  double best[2] = { -1.0, -1.0 };
  guint found = 0;

  for (guint j = 0; j < net->sizes[l + 1]; j++)
    for (guint i = 0; i < net->sizes[l]; i++)
      {
        double g = fabs (bp_net_weight_gradient (net, l, j, i));

        g = isfinite (g) ? g : 0.0;
        found = MIN (found + 1, 2);
        if (g > best[0])
          {
            out[1] = out[0];
            best[1] = best[0];
            out[0] = (BpWeightRef) { l, j, i };
            best[0] = g;
          }
        else if (g > best[1])
          {
            out[1] = (BpWeightRef) { l, j, i };
            best[1] = g;
          }
      }
  return found;
}

/* The two weights of the last layer with the largest |∂L/∂w| (with the largest of the layer
 * below as the second where the last has one weight). */
static void
choose_defaults (BpLandscapeModel *self)
{
  const BpNet *net = bp_network_get_net (self->network);
  guint L = net->n_layers;
  guint found = largest_in_layer (net, L - 1, self->weights);

  if (found == 1 && L >= 2)
    {
      BpWeightRef below[2];

      largest_in_layer (net, L - 2, below);
      self->weights[1] = below[0];
      found = 2;
    }
  self->has_weights = found == 2;
}

static void
structure_changed_cb (BpLandscapeModel *self)
{
  const BpNet *net = bp_network_get_net (self->network);

  if (!self->chosen || !bp_weight_ref_valid (net, &self->weights[0])
      || !bp_weight_ref_valid (net, &self->weights[1]))
    {
      self->chosen = FALSE;
      choose_defaults (self);
    }
  clear_path (self);
  restart (self);
}

static void
backward_cb (BpLandscapeModel *self)
{
  guint64 step = bp_network_get_step_count (self->network);

  if (!self->has_weights)
    return;
  if (step < self->path_step)
    clear_path (self);
  else if (step > self->path_step)
    {
      add_path_point (self);
      self->path_step = step;
      g_signal_emit (self, signals[CHANGED], 0);
    }
  request (self);
}

static void
bp_landscape_model_dispose (GObject *object)
{
  BpLandscapeModel *self = BP_LANDSCAPE_MODEL (object);

  cancel_job (self);
  g_clear_handle_id (&self->later_id, g_source_remove);
  g_clear_object (&self->network);
  G_OBJECT_CLASS (bp_landscape_model_parent_class)->dispose (object);
}

static void
bp_landscape_model_finalize (GObject *object)
{
  BpLandscapeModel *self = BP_LANDSCAPE_MODEL (object);

  _bp_landscape_slice_free (self->slice);
  G_OBJECT_CLASS (bp_landscape_model_parent_class)->finalize (object);
}

static void
bp_landscape_model_class_init (BpLandscapeModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_landscape_model_dispose;
  object_class->finalize = bp_landscape_model_finalize;

  /**
   * BpLandscapeModel::changed:
   * @self: the model
   *
   * Emitted when a slice arrives (each refinement of it), when the weights, the span or the
   * grid change (the slice is then gone until the next arrives) and when the path changes.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bp_landscape_model_init (BpLandscapeModel *self)
{
  self->span = 1.0;
  self->grid = BP_LANDSCAPE_DEFAULT_GRID;
  self->mode = BP_FORWARD_FAST;
}

/**
 * bp_landscape_model_new:
 * @network: the network whose landscape it is, for the model's whole life
 *
 * Returns: (transfer full): a model, inactive: it computes once a view activates it
 */
BpLandscapeModel *
bp_landscape_model_new (BpNetwork *network)
{
  BpLandscapeModel *self;

  g_return_val_if_fail (BP_IS_NETWORK (network), NULL);

  self = g_object_new (BP_TYPE_LANDSCAPE_MODEL, NULL);
  self->network = g_object_ref (network);
  g_signal_connect_object (network, "structure-changed", G_CALLBACK (structure_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (network, "backward", G_CALLBACK (backward_cb), self,
                           G_CONNECT_SWAPPED);
  choose_defaults (self);
  clear_path (self);
  return self;
}

BpNetwork *
bp_landscape_model_get_network (BpLandscapeModel *self)
{
  g_return_val_if_fail (BP_IS_LANDSCAPE_MODEL (self), NULL);
  return self->network;
}

/**
 * bp_landscape_model_set_active:
 * @self: a model
 * @active: whether a view shows it
 *
 * Only an active model computes: activating one whose network changed starts a job.
 */
void
bp_landscape_model_set_active (BpLandscapeModel *self,
                               gboolean          active)
{
  g_return_if_fail (BP_IS_LANDSCAPE_MODEL (self));

  if (self->active == !!active)
    return;
  self->active = !!active;
  if (self->active && (self->stale || self->slice == NULL) && self->job == NULL)
    start_job (self);
}

/**
 * bp_landscape_model_set_mode:
 * @self: a model
 * @mode: %BP_FORWARD_FAST (the default, for the window) or %BP_FORWARD_EXACT
 */
void
bp_landscape_model_set_mode (BpLandscapeModel *self,
                             BpForwardMode     mode)
{
  g_return_if_fail (BP_IS_LANDSCAPE_MODEL (self));

  if (self->mode == mode)
    return;
  self->mode = mode;
  restart (self);
}

/**
 * bp_landscape_model_set_span:
 * @self: a model
 * @span: how far the grid reaches on either side of each weight, clamped to
 *   %BP_LANDSCAPE_MIN_SPAN … %BP_LANDSCAPE_MAX_SPAN
 */
void
bp_landscape_model_set_span (BpLandscapeModel *self,
                             double            span)
{
  g_return_if_fail (BP_IS_LANDSCAPE_MODEL (self));

  span = isfinite (span) ? CLAMP (span, BP_LANDSCAPE_MIN_SPAN, BP_LANDSCAPE_MAX_SPAN) : 1.0;
  if (self->span == span)
    return;
  self->span = span;
  restart (self);
}

double
bp_landscape_model_get_span (BpLandscapeModel *self)
{
  g_return_val_if_fail (BP_IS_LANDSCAPE_MODEL (self), 1.0);
  return self->span;
}

/**
 * bp_landscape_model_set_grid:
 * @self: a model
 * @grid: points on a side, made odd (one more if even) and clamped to
 *   %BP_LANDSCAPE_MIN_GRID … %BP_LANDSCAPE_WINDOW_MAX_GRID
 */
void
bp_landscape_model_set_grid (BpLandscapeModel *self,
                             guint             grid)
{
  g_return_if_fail (BP_IS_LANDSCAPE_MODEL (self));

  grid = CLAMP (grid | 1, BP_LANDSCAPE_MIN_GRID, BP_LANDSCAPE_WINDOW_MAX_GRID);
  if (self->grid == grid)
    return;
  self->grid = grid;
  restart (self);
}

guint
bp_landscape_model_get_grid (BpLandscapeModel *self)
{
  g_return_val_if_fail (BP_IS_LANDSCAPE_MODEL (self), BP_LANDSCAPE_DEFAULT_GRID);
  return self->grid;
}

/**
 * bp_landscape_model_get_weights:
 * @self: a model
 * @weights: (out caller-allocates) (array fixed-size=2): the first (x axis, rows of the
 *   slice) and the second weight
 *
 * Returns: %FALSE if the network has fewer than two weights (@weights is then unset)
 */
gboolean
bp_landscape_model_get_weights (BpLandscapeModel *self,
                                BpWeightRef       weights[2])
{
  g_return_val_if_fail (BP_IS_LANDSCAPE_MODEL (self), FALSE);

  memcpy (weights, self->weights, 2 * sizeof (BpWeightRef));
  return self->has_weights;
}

/* Whether the weights were chosen, rather than the defaults. */
gboolean
bp_landscape_model_get_chosen (BpLandscapeModel *self)
{
  g_return_val_if_fail (BP_IS_LANDSCAPE_MODEL (self), FALSE);
  return self->chosen;
}

/**
 * bp_landscape_model_choose:
 * @self: a model
 * @axis: 0 for the first weight, 1 for the second
 * @weight: a weight of the network
 *
 * Makes @weight the first or second weight of the slice; if it is the other one, the two
 * swap. The path starts anew.
 *
 * Returns: %FALSE if the network has no such weight
 */
gboolean
bp_landscape_model_choose (BpLandscapeModel  *self,
                           guint              axis,
                           const BpWeightRef *weight)
{
  const BpWeightRef *other;

  g_return_val_if_fail (BP_IS_LANDSCAPE_MODEL (self) && axis < 2 && weight != NULL, FALSE);

  if (!bp_weight_ref_valid (bp_network_get_net (self->network), weight)
      || bp_network_get_net (self->network)->n_weights < 2)
    return FALSE;
  other = &self->weights[1 - axis];
  if (other->layer == weight->layer && other->to == weight->to && other->from == weight->from)
    self->weights[1 - axis] = self->weights[axis];
  self->weights[axis] = *weight;
  self->chosen = TRUE;
  self->has_weights = TRUE;
  clear_path (self);
  restart (self);
  return TRUE;
}

/**
 * bp_landscape_model_get_slice:
 * @self: a model
 *
 * Returns: (nullable) (transfer none): the last slice computed, perhaps a coarser first look
 *   or one of the network a moment ago; %NULL until the first arrives
 */
const BpLandscapeSlice *
bp_landscape_model_get_slice (BpLandscapeModel *self)
{
  g_return_val_if_fail (BP_IS_LANDSCAPE_MODEL (self), NULL);
  return self->slice;
}

/* Whether a job runs or waits: the slice is not yet of the network as it is. */
gboolean
bp_landscape_model_get_busy (BpLandscapeModel *self)
{
  g_return_val_if_fail (BP_IS_LANDSCAPE_MODEL (self), FALSE);
  return self->job != NULL || self->later_id != 0 || (self->active && self->stale);
}

/* The steps since the weights were chosen (at most %BP_LANDSCAPE_PATH_CAPACITY, the last). */
guint
bp_landscape_model_get_path_length (BpLandscapeModel *self)
{
  g_return_val_if_fail (BP_IS_LANDSCAPE_MODEL (self), 0);
  return self->path_length;
}

/**
 * bp_landscape_model_get_path_point:
 * @self: a model
 * @index: a step of the path, 0 (the oldest kept) to its length − 1
 * @point: (out caller-allocates) (array fixed-size=2): the two weights' values after it
 */
void
bp_landscape_model_get_path_point (BpLandscapeModel *self,
                                   guint             index,
                                   double            point[2])
{
  guint at;

  g_return_if_fail (BP_IS_LANDSCAPE_MODEL (self) && index < self->path_length);

  at = (self->path_start + index) % BP_LANDSCAPE_PATH_CAPACITY;
  point[0] = self->path[at][0];
  point[1] = self->path[at][1];
}

/**
 * bp_landscape_model_weight_name:
 * @self: a model
 * @axis: 0 or 1
 *
 * Returns: (transfer full): the weight's name as the Math panel writes it, "w(h1→y1)"
 */
char *
bp_landscape_model_weight_name (BpLandscapeModel *self,
                                guint             axis)
{
  const BpNet *net;
  const BpWeightRef *w;
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;

  g_return_val_if_fail (BP_IS_LANDSCAPE_MODEL (self) && axis < 2, NULL);

  net = bp_network_get_net (self->network);
  w = &self->weights[axis];
  if (!self->has_weights || !bp_weight_ref_valid (net, w))
    return g_strdup ("—");
  to = bp_format_net_neuron (net, w->layer + 1, w->to);
  from = bp_format_net_neuron (net, w->layer, w->from);
  return g_strdup_printf ("w(%s→%s)", from, to);
}
