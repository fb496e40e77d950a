/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network.c: BpNetwork, the GObject model every view and tool talks to.
 *
 * The model owns one BpNet and keeps it consistent: after every public call its values, loss
 * and gradients are those of its current parameters, input and target. Each operation takes a
 * snapshot of what it may change, does its work, recomputes, emits its signals, then notifies
 * only the properties that really changed. Every edit (not a training step) also records the
 * state before it in the network's BpUndo (bp_network_get_undo()).
 */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (BpNetwork, bp_network, G_TYPE_OBJECT)

/* The nicks are the names used in network files and on the command line. */
G_DEFINE_ENUM_TYPE (BpActivation, bp_activation,
  G_DEFINE_ENUM_VALUE (BP_ACTIVATION_LINEAR, "linear"),
  G_DEFINE_ENUM_VALUE (BP_ACTIVATION_SIGMOID, "sigmoid"),
  G_DEFINE_ENUM_VALUE (BP_ACTIVATION_TANH, "tanh"),
  G_DEFINE_ENUM_VALUE (BP_ACTIVATION_RELU, "relu"),
  G_DEFINE_ENUM_VALUE (BP_ACTIVATION_LEAKY_RELU, "leaky-relu"))

G_DEFINE_ENUM_TYPE (BpLoss, bp_loss,
  G_DEFINE_ENUM_VALUE (BP_LOSS_SQUARED_ERROR, "squared-error"),
  G_DEFINE_ENUM_VALUE (BP_LOSS_CROSS_ENTROPY, "cross-entropy"))

enum {
  PROP_0,
  PROP_LEARNING_RATE,
  PROP_STEP_COUNT,
  PROP_LOSS,
  PROP_DIVERGED,
  PROP_LOSS_KIND,
  PROP_N_LAYERS,
  PROP_SIZES,
  PROP_ACTIVATIONS,
  PROP_SEED,
  PROP_MODE,
  PROP_BATCH_SIZE,
  PROP_EPOCH,
  PROP_TRAIN_LOSS,
  PROP_TEST_LOSS,
  PROP_TRAIN_ACCURACY,
  PROP_TEST_ACCURACY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FORWARD,
  BACKWARD,
  UPDATED,
  STRUCTURE_CHANGED,
  TIMELINE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_bp_network_snapshot_take (BpNetwork  *self,
                           BpSnapshot *snapshot)
{
  const BpNet *net = self->net;

  memset (snapshot, 0, sizeof *snapshot);
  snapshot->n_layers = net->n_layers;
  memcpy (snapshot->sizes, net->sizes, (net->n_layers + 1) * sizeof (guint));
  memcpy (snapshot->activations, net->activations, net->n_layers * sizeof (BpActivation));
  snapshot->loss_kind = net->loss_kind;
  snapshot->learning_rate = net->learning_rate;
  snapshot->loss = net->loss;
  snapshot->step = self->extras.step;
  snapshot->seed = self->extras.seed;
  snapshot->diverged = self->diverged;
  snapshot->mode = bp_network_get_mode (self);
  snapshot->batch_size = bp_network_get_batch_size (self);
  snapshot->epoch = bp_network_get_epoch (self);
  snapshot->train_loss = self->train_loss;
  snapshot->test_loss = self->test_loss;
  snapshot->train_accuracy = self->train_accuracy;
  snapshot->test_accuracy = self->test_accuracy;
}

static gboolean
sizes_differ (const BpSnapshot *a,
              const BpSnapshot *b)
{
  return a->n_layers != b->n_layers
         || memcmp (a->sizes, b->sizes, (a->n_layers + 1) * sizeof (guint)) != 0;
}

static gboolean
activations_differ (const BpSnapshot *a,
                    const BpSnapshot *b)
{
  return a->n_layers != b->n_layers
         || memcmp (a->activations, b->activations, a->n_layers * sizeof (BpActivation)) != 0;
}

/* NaN never equals itself; a loss that stays NaN has not changed. */
static gboolean
doubles_differ (double a,
                double b)
{
  return a != b && !(isnan (a) && isnan (b));
}

static void
notify_if (BpNetwork *self,
           gboolean   changed,
           guint      prop_id)
{
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_bp_network_notify_changes (BpNetwork        *self,
                            const BpSnapshot *before)
{
  BpSnapshot now;

  _bp_network_snapshot_take (self, &now);
  notify_if (self, before->n_layers != now.n_layers, PROP_N_LAYERS);
  notify_if (self, sizes_differ (before, &now), PROP_SIZES);
  notify_if (self, activations_differ (before, &now), PROP_ACTIVATIONS);
  notify_if (self, before->loss_kind != now.loss_kind, PROP_LOSS_KIND);
  notify_if (self, before->learning_rate != now.learning_rate, PROP_LEARNING_RATE);
  notify_if (self, before->step != now.step, PROP_STEP_COUNT);
  notify_if (self, before->seed != now.seed, PROP_SEED);
  notify_if (self, doubles_differ (before->loss, now.loss), PROP_LOSS);
  notify_if (self, before->diverged != now.diverged, PROP_DIVERGED);
  notify_if (self, before->mode != now.mode, PROP_MODE);
  notify_if (self, before->batch_size != now.batch_size, PROP_BATCH_SIZE);
  notify_if (self, before->epoch != now.epoch, PROP_EPOCH);
  notify_if (self, doubles_differ (before->train_loss, now.train_loss), PROP_TRAIN_LOSS);
  notify_if (self, doubles_differ (before->test_loss, now.test_loss), PROP_TEST_LOSS);
  notify_if (self, before->train_accuracy != now.train_accuracy, PROP_TRAIN_ACCURACY);
  notify_if (self, before->test_accuracy != now.test_accuracy, PROP_TEST_ACCURACY);
}

gboolean
_bp_network_state_finite (BpNetwork *self)
{
  return isfinite (self->net->loss) && bp_net_gradients_finite (self->net);
}

void
_bp_network_recompute (BpNetwork *self)
{
  bp_net_forward (self->net);
  bp_net_backward (self->net);
  _bp_network_measure (self);
}

/* Emits the signals of one operation, in the documented order. */
void
_bp_network_emit_signals (BpNetwork        *self,
                          const BpSnapshot *before,
                          gboolean          params_changed)
{
  BpSnapshot now;

  _bp_network_snapshot_take (self, &now);
  _bp_network_record_history (self);
  if (sizes_differ (before, &now) || activations_differ (before, &now)
      || before->loss_kind != now.loss_kind)
    g_signal_emit (self, signals[STRUCTURE_CHANGED], 0);
  if (params_changed)
    g_signal_emit (self, signals[UPDATED], 0);
  g_signal_emit (self, signals[FORWARD], 0);
  g_signal_emit (self, signals[BACKWARD], 0);
}

/* Ends an operation after the net was recomputed: signals first, then notifications. */
void
_bp_network_finish_change (BpNetwork        *self,
                           const BpSnapshot *before,
                           gboolean          params_changed)
{
  self->diverged = !_bp_network_state_finite (self);
  _bp_network_emit_signals (self, before, params_changed);
  _bp_network_notify_changes (self, before);
  _bp_network_timeline_sync (self);
}

gboolean
_bp_network_check_finite (double   value,
                          GError **error)
{
  if (isfinite (value))
    return TRUE;

  g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
               /* Translators: %g is the number that was refused */
               _("The value %g is not a finite number"), value);
  return FALSE;
}

gboolean
_bp_network_all_finite (const double *values,
                        gsize         n_values)
{
  for (gsize i = 0; i < n_values; i++)
    if (!isfinite (values[i]))
      return FALSE;
  return TRUE;
}

static char **
activation_names (const BpNet *net)
{
  char **names = g_new0 (char *, net->n_layers + 1);

  for (guint l = 0; l < net->n_layers; l++)
    names[l] = g_strdup (bp_activation_to_string (net->activations[l]));
  return names;
}

static GVariant *
sizes_variant (const BpNet *net)
{
  G_STATIC_ASSERT (sizeof (guint) == sizeof (guint32));
  return g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, net->sizes,
                                    net->n_layers + 1, sizeof (guint32));
}

static void
bp_network_finalize (GObject *object)
{
  BpNetwork *self = BP_NETWORK (object);

  g_clear_pointer (&self->net, bp_net_free);
  g_clear_pointer (&self->history, bp_history_free);
  g_clear_pointer (&self->health, bp_health_free);
  g_clear_pointer (&self->timeline, _bp_timeline_free);
  g_clear_pointer (&self->timeline_fork, g_free);
  g_clear_object (&self->undo);
  g_clear_pointer (&self->dataset, bp_dataset_free);
  g_clear_pointer (&self->dataset_source, g_free);
  _bp_network_drop_cache (self);

  G_OBJECT_CLASS (bp_network_parent_class)->finalize (object);
}

static void
bp_network_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BpNetwork *self = BP_NETWORK (object);

  switch (prop_id)
    {
    case PROP_LEARNING_RATE:
      g_value_set_double (value, self->net->learning_rate);
      break;
    case PROP_STEP_COUNT:
      g_value_set_uint64 (value, self->extras.step);
      break;
    case PROP_LOSS:
      g_value_set_double (value, self->net->loss);
      break;
    case PROP_DIVERGED:
      g_value_set_boolean (value, self->diverged);
      break;
    case PROP_LOSS_KIND:
      g_value_set_enum (value, self->net->loss_kind);
      break;
    case PROP_N_LAYERS:
      g_value_set_uint (value, self->net->n_layers);
      break;
    case PROP_SIZES:
      g_value_set_variant (value, sizes_variant (self->net));
      break;
    case PROP_ACTIVATIONS:
      g_value_take_boxed (value, activation_names (self->net));
      break;
    case PROP_SEED:
      g_value_set_uint (value, self->extras.seed);
      break;
    default:
      /* The properties of dataset mode, in the order of BpDatasetProperty. */
      if (prop_id >= PROP_MODE && prop_id < N_PROPS)
        _bp_network_get_dataset_property (self, prop_id - PROP_MODE, value);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_network_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BpNetwork *self = BP_NETWORK (object);
  g_autoptr(GError) error = NULL;

  switch (prop_id)
    {
    case PROP_LEARNING_RATE:
      bp_network_set_learning_rate (self, g_value_get_double (value));
      break;
    case PROP_LOSS_KIND:
      if (!bp_network_set_loss_kind (self, g_value_get_enum (value), &error))
        g_warning ("%s", error->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  /* 0 itself is refused by bp_network_set_learning_rate(): the range is 0 < η ≤ 100. */
  properties[PROP_LEARNING_RATE] =
    g_param_spec_double ("learning-rate", NULL, NULL, 0.0, 100.0, 0.5, rw);
  properties[PROP_STEP_COUNT] =
    g_param_spec_uint64 ("step-count", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_LOSS] =
    g_param_spec_double ("loss", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, ro);
  properties[PROP_DIVERGED] =
    g_param_spec_boolean ("diverged", NULL, NULL, FALSE, ro);
  properties[PROP_LOSS_KIND] =
    g_param_spec_enum ("loss-kind", NULL, NULL, BP_TYPE_LOSS, BP_LOSS_SQUARED_ERROR, rw);
  properties[PROP_N_LAYERS] =
    g_param_spec_uint ("n-layers", NULL, NULL, 1, BP_MAX_LAYERS, 2, ro);
  properties[PROP_SIZES] =
    g_param_spec_variant ("sizes", NULL, NULL, G_VARIANT_TYPE ("au"), NULL, ro);
  properties[PROP_ACTIVATIONS] =
    g_param_spec_boxed ("activations", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_SEED] =
    g_param_spec_uint ("seed", NULL, NULL, 0, G_MAXUINT32, BP_NETWORK_DEFAULT_SEED, ro);
  /* Dataset mode (bp-network-dataset.c): the losses and accuracies are 0 in example mode. */
  properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, BP_TYPE_FILE_MODE,
                                             BP_FILE_MODE_EXAMPLE, ro);
  properties[PROP_BATCH_SIZE] = g_param_spec_uint ("batch-size", NULL, NULL, 1,
                                                   BP_FILE_MAX_BATCH_SIZE,
                                                   BP_NETWORK_DEFAULT_BATCH_SIZE, ro);
  properties[PROP_EPOCH] = g_param_spec_uint64 ("epoch", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_TRAIN_LOSS] =
    g_param_spec_double ("train-loss", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, ro);
  properties[PROP_TEST_LOSS] =
    g_param_spec_double ("test-loss", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, ro);
  properties[PROP_TRAIN_ACCURACY] =
    g_param_spec_double ("train-accuracy", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_TEST_ACCURACY] =
    g_param_spec_double ("test-accuracy", NULL, NULL, 0.0, 1.0, 0.0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static guint
new_signal (GObjectClass *object_class,
            const char   *name)
{
  return g_signal_new (name, G_TYPE_FROM_CLASS (object_class), G_SIGNAL_RUN_LAST,
                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bp_network_class_init (BpNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bp_network_finalize;
  object_class->get_property = bp_network_get_property;
  object_class->set_property = bp_network_set_property;

  install_properties (object_class);

  /**
   * BpNetwork::structure-changed:
   * @self: the network
   *
   * Emitted when the layers, their sizes, their activations or the loss changed: by
   * bp_network_set_activation(), bp_network_set_loss_kind(), an architecture edit
   * (bp_network_add_layer() and the like), an undo or redo that changes them, or a load of
   * a network of another shape. It comes first in its operation, before "updated" (an
   * architecture edit, an undo or redo, a load), "forward" and "backward". A reset never
   * emits it.
   */
  signals[STRUCTURE_CHANGED] = new_signal (object_class, "structure-changed");

  /**
   * BpNetwork::updated:
   * @self: the network
   *
   * Emitted after the parameters changed: a step (once for all steps of
   * bp_network_step_n()), an edit of a weight or bias, an architecture edit, an undo or a
   * redo, a reset or a load. It follows
   * "structure-changed" when that fires, and precedes "forward" and "backward".
   */
  signals[UPDATED] = new_signal (object_class, "updated");

  /**
   * BpNetwork::forward:
   * @self: the network
   *
   * Emitted after a forward pass: the values and the loss are new. Every operation but a
   * change of the learning rate emits it, after "structure-changed" and "updated" and
   * right before "backward". The gradients are already those of the new values, so a
   * handler always sees a consistent model.
   */
  signals[FORWARD] = new_signal (object_class, "forward");

  /**
   * BpNetwork::backward:
   * @self: the network
   *
   * Emitted right after "forward", once the gradients were computed and before any update:
   * they are what the next step will apply. It is the last signal of an operation;
   * property notifications (loss, step-count, diverged, …) follow it.
   */
  signals[BACKWARD] = new_signal (object_class, "backward");

  /**
   * BpNetwork::timeline-changed:
   * @self: the network
   *
   * Emitted when the timeline (bp_network_get_timeline()) changed: steps were recorded, a
   * branch started, bp_network_seek() moved the cursor, or a fresh timeline began (a change
   * of structure, a reset, a load). It comes last in its operation, after the property
   * notifications.
   */
  signals[TIMELINE_CHANGED] = new_signal (object_class, "timeline-changed");
}

void
_bp_network_emit_timeline_changed (BpNetwork *self)
{
  g_signal_emit (self, signals[TIMELINE_CHANGED], 0);
}

static void
bp_network_init (BpNetwork *self)
{
  self->history = bp_history_new ();
  self->health = bp_health_new ();
  self->undo = _bp_undo_new (self);
}

/**
 * bp_network_new:
 *
 * Creates the default network: sizes 2-3-1, tanh then sigmoid, squared error, η = 0.5,
 * input (0.5, −0.5), target 0.8, initialised with %BP_NETWORK_DEFAULT_SEED.
 *
 * Returns: (transfer full): a new network
 */
BpNetwork *
bp_network_new (void)
{
  static const guint sizes[] = { 2, 3, 1 };
  static const BpActivation activations[] = { BP_ACTIVATION_TANH, BP_ACTIVATION_SIGMOID };
  static const double input[] = { 0.5, -0.5 };
  static const double target[] = { 0.8 };
  BpFileExtras extras = { .has_seed = TRUE, .seed = BP_NETWORK_DEFAULT_SEED };
  g_autoptr(GError) error = NULL;
  BpNet *net;

  net = bp_net_new (G_N_ELEMENTS (sizes), sizes, activations, BP_LOSS_SQUARED_ERROR, &error);
  g_assert_no_error (error);
  if (!bp_net_set_learning_rate (net, 0.5, &error) || !bp_net_set_target (net, target, &error))
    g_assert_not_reached ();
  bp_net_set_input (net, input);
  bp_net_init_seeded (net, BP_NETWORK_DEFAULT_SEED);

  return bp_network_new_from_net (net, &extras);
}

/**
 * bp_network_new_from_net:
 * @net: (transfer full): a network with a valid learning rate, input and target
 * @extras: (nullable): its seed and step count, or %NULL for no seed and step 0
 *
 * Wraps @net, which the model then owns, and computes its values and gradients.
 *
 * Returns: (transfer full): a new network
 */
BpNetwork *
bp_network_new_from_net (BpNet              *net,
                         const BpFileExtras *extras)
{
  BpNetwork *self;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (bp_net_check_learning_rate (net->learning_rate, NULL), NULL);

  self = g_object_new (BP_TYPE_NETWORK, NULL);
  self->net = net;
  if (extras != NULL)
    self->extras = *extras;
  _bp_network_recompute (self);
  self->diverged = !_bp_network_state_finite (self);
  if (isfinite (net->loss))
    bp_history_append (self->history, self->extras.step, net->loss);
  _bp_network_timeline_restart (self);

  return self;
}

/**
 * bp_network_get_net:
 * @self: a network
 *
 * Gives views (drawing, the chain rule) read-only access to the engine's network. It
 * stays valid until the next load, architecture edit, undo or redo; change it only through
 * BpNetwork.
 *
 * Returns: (transfer none): the network
 */
const BpNet *
bp_network_get_net (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), NULL);

  return self->net;
}

/**
 * bp_network_get_n_layers:
 * @self: a network
 *
 * Returns: L, the number of weight layers
 */
guint
bp_network_get_n_layers (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0);

  return self->net->n_layers;
}

/**
 * bp_network_get_sizes:
 * @self: a network
 * @n_sizes: (out) (optional): L + 1
 *
 * Returns: (transfer none): the layer sizes, the input first
 */
const guint *
bp_network_get_sizes (BpNetwork *self,
                      guint     *n_sizes)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), NULL);

  if (n_sizes != NULL)
    *n_sizes = self->net->n_layers + 1;
  return self->net->sizes;
}

/**
 * bp_network_get_learning_rate:
 * @self: a network
 *
 * Returns: η, the learning rate
 */
double
bp_network_get_learning_rate (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);

  return self->net->learning_rate;
}

/**
 * bp_network_set_learning_rate:
 * @self: a network
 * @learning_rate: η, with 0 < η ≤ 100
 *
 * Sets the learning rate of the next steps. Emits no signal, only "notify::learning-rate"
 * when the value really changes (an edit that can be undone). A diverged network stays
 * diverged until a step succeeds.
 */
void
bp_network_set_learning_rate (BpNetwork *self,
                              double     learning_rate)
{
  g_autoptr(BpUndoState) undo_state = NULL;

  g_return_if_fail (BP_IS_NETWORK (self));
  g_return_if_fail (bp_net_check_learning_rate (learning_rate, NULL));

  if (self->net->learning_rate == learning_rate)
    return;
  undo_state = _bp_undo_capture (self->undo);
  bp_net_set_learning_rate (self->net, learning_rate, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEARNING_RATE]);
  _bp_undo_commit (self->undo, g_steal_pointer (&undo_state));
}

/**
 * bp_network_get_step_count:
 * @self: a network
 *
 * Returns: the number of steps since the last reset (or as loaded from a file)
 */
guint64
bp_network_get_step_count (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0);

  return self->extras.step;
}

/**
 * bp_network_get_seed:
 * @self: a network
 *
 * Returns: the seed of the last reset or of the loaded file, 0 if there is none
 */
guint32
bp_network_get_seed (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0);

  return self->extras.seed;
}

/**
 * bp_network_has_seed:
 * @self: a network
 *
 * Returns: whether the network knows its seed (a file may omit it)
 */
gboolean
bp_network_has_seed (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);

  return self->extras.has_seed;
}

/**
 * bp_network_get_loss:
 * @self: a network
 *
 * Returns: the loss of the current parameters, input and target
 */
double
bp_network_get_loss (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), NAN);

  return self->net->loss;
}

/**
 * bp_network_get_diverged:
 * @self: a network
 *
 * The network diverged when a step was refused because it would have made the loss or a
 * parameter non-finite, or when the current loss or gradients are not finite. Anything that
 * makes the model finite again clears it: a reset, a load, an edit, a new input, a step that
 * succeeds (for instance after lowering the learning rate).
 *
 * Returns: whether the network diverged
 */
gboolean
bp_network_get_diverged (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);

  return self->diverged;
}

/**
 * bp_network_get_history:
 * @self: a network
 *
 * The loss at each of the recent steps, oldest first. A point is added after every step and
 * after every change of input, target or parameters (replacing the point of the same step);
 * a reset or a load marks the start of a new run.
 *
 * Returns: (transfer none): the history
 */
const BpHistory *
bp_network_get_history (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), NULL);
  return self->history;
}

/**
 * bp_network_get_undo:
 * @self: a network
 *
 * The undo and redo stacks of the network's edits: architecture, activations, loss,
 * learning rate, weights, biases, inputs, targets and resets. Training steps are not edits;
 * a load forgets every entry.
 *
 * Returns: (transfer none): the network's undo stacks, which live as long as it does
 */
BpUndo *
bp_network_get_undo (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), NULL);
  return self->undo;
}
