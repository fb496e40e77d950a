/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-network.c: BpNetwork, the GObject model every view and tool talks to.
 *
 * The model owns one BpNet and keeps it consistent: after every public call its values, loss
 * and gradients are those of its current parameters, input and target. Each operation takes a
 * snapshot of what it may change, does its work, recomputes, emits its signals, then notifies
 * only the properties that really changed.
 */
#define G_LOG_DOMAIN "bp-network"

#include "config.h"

#include "bp-network.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

struct _BpNetwork
{
  GObject parent_instance;

  BpNet *net;
  BpFileExtras extras;   /* the seed of the last reset and the step count */
  gboolean diverged;
  BpHistory *history;    /* the loss at each recent step, for the sparkline */
};

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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FORWARD,
  BACKWARD,
  UPDATED,
  STRUCTURE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Everything an operation may change that has a property or decides "structure-changed". */
typedef struct
{
  guint n_layers;
  guint sizes[BP_MAX_LAYERS + 1];
  BpActivation activations[BP_MAX_LAYERS];
  BpLoss loss_kind;
  double learning_rate;
  double loss;
  guint64 step;
  guint32 seed;
  gboolean diverged;
} BpSnapshot;

static void
snapshot_take (BpNetwork  *self,
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

/* Bit-exact, so that writing −0.0 over 0.0 still counts as an edit. */
static gboolean
doubles_identical (double a,
                   double b)
{
  return memcmp (&a, &b, sizeof (double)) == 0;
}

static void
notify_if (BpNetwork *self,
           gboolean   changed,
           guint      prop_id)
{
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
notify_changes (BpNetwork        *self,
                const BpSnapshot *before)
{
  BpSnapshot now;

  snapshot_take (self, &now);
  notify_if (self, before->n_layers != now.n_layers, PROP_N_LAYERS);
  notify_if (self, sizes_differ (before, &now), PROP_SIZES);
  notify_if (self, activations_differ (before, &now), PROP_ACTIVATIONS);
  notify_if (self, before->loss_kind != now.loss_kind, PROP_LOSS_KIND);
  notify_if (self, before->learning_rate != now.learning_rate, PROP_LEARNING_RATE);
  notify_if (self, before->step != now.step, PROP_STEP_COUNT);
  notify_if (self, before->seed != now.seed, PROP_SEED);
  notify_if (self, doubles_differ (before->loss, now.loss), PROP_LOSS);
  notify_if (self, before->diverged != now.diverged, PROP_DIVERGED);
}

static gboolean
state_finite (BpNetwork *self)
{
  return isfinite (self->net->loss) && bp_net_gradients_finite (self->net);
}

static void
recompute (BpNetwork *self)
{
  bp_net_forward (self->net);
  bp_net_backward (self->net);
}

/* Emits the signals of one operation, in the documented order. */
static void
emit_signals (BpNetwork        *self,
              const BpSnapshot *before,
              gboolean          params_changed)
{
  BpSnapshot now;

  snapshot_take (self, &now);
  if (isfinite (self->net->loss))
    bp_history_append (self->history, self->extras.step, self->net->loss);
  if (sizes_differ (before, &now) || activations_differ (before, &now)
      || before->loss_kind != now.loss_kind)
    g_signal_emit (self, signals[STRUCTURE_CHANGED], 0);
  if (params_changed)
    g_signal_emit (self, signals[UPDATED], 0);
  g_signal_emit (self, signals[FORWARD], 0);
  g_signal_emit (self, signals[BACKWARD], 0);
}

/* Ends an operation after the net was recomputed: signals first, then notifications. */
static void
finish_change (BpNetwork        *self,
               const BpSnapshot *before,
               gboolean          params_changed)
{
  self->diverged = !state_finite (self);
  emit_signals (self, before, params_changed);
  notify_changes (self, before);
}

static gboolean
check_finite (double   value,
              GError **error)
{
  if (isfinite (value))
    return TRUE;

  g_set_error (error, BP_ERROR, BP_ERROR_INVALID,
               /* Translators: %g is the number that was refused */
               _("The value %g is not a finite number"), value);
  return FALSE;
}

static gboolean
all_finite (const double *values,
            gsize         n_values)
{
  for (gsize i = 0; i < n_values; i++)
    if (!isfinite (values[i]))
      return FALSE;
  return TRUE;
}

/* The engine has no setters for inputs, targets and parameters: the model writes the
 * fields itself and recomputes at once, so that the net is never left stale. */
/* What one of the setters below changes. */
typedef enum {
  SLOT_INPUT,    /* a[0][to] */
  SLOT_TARGET,   /* target[to] */
  SLOT_WEIGHT,   /* W[layer][to][from] */
  SLOT_BIAS,     /* b[layer][to] */
} SlotKind;

/* Writes one value through the engine's setters; the caller has checked it. */
static void
write_slot (BpNet    *net,
            SlotKind  kind,
            guint     layer,
            guint     to,
            guint     from,
            double    value)
{
  g_autofree double *vector = NULL;

  switch (kind)
    {
    case SLOT_INPUT:
      vector = g_memdup2 (net->a[0], net->sizes[0] * sizeof (double));
      vector[to] = value;
      bp_net_set_input (net, vector);
      break;
    case SLOT_TARGET:
      vector = g_memdup2 (net->target, net->sizes[net->n_layers] * sizeof (double));
      vector[to] = value;
      if (!bp_net_set_target (net, vector, NULL))
        g_assert_not_reached ();
      break;
    case SLOT_WEIGHT:
      bp_net_set_weight (net, layer, to, from, value);
      break;
    case SLOT_BIAS:
    default:
      bp_net_set_bias (net, layer, to, value);
      break;
    }
}

static void
set_value (BpNetwork *self,
           SlotKind   kind,
           guint      layer,
           guint      to,
           guint      from,
           double     value)
{
  BpSnapshot before;

  snapshot_take (self, &before);
  write_slot (self->net, kind, layer, to, from, value);
  recompute (self);
  finish_change (self, &before, kind == SLOT_WEIGHT || kind == SLOT_BIAS);
}

/* Replays a saved history. A history that never filled up starts with a reset (the first
 * point of a new history always does); a full one may start in the middle of a run, so its
 * first point follows a placeholder that the ring then drops. */
static void
restore_history (BpHistory           *history,
                 const BpFileSession *session)
{
  const BpHistoryPoint *points = session->history;

  bp_history_clear (history);
  if (session->n_history == BP_HISTORY_CAPACITY && !points[0].after_reset)
    bp_history_append (history, points[0].step + 1, points[0].loss);
  for (guint k = 0; k < session->n_history; k++)
    {
      if (k > 0 && points[k].after_reset)
        bp_history_mark_reset (history);
      bp_history_append (history, points[k].step, points[k].loss);
    }
}

static void
replace_net (BpNetwork           *self,
             BpNet               *net,
             const BpFileExtras  *extras,
             const BpFileSession *session,
             gboolean             fresh_history)
{
  BpSnapshot before;

  snapshot_take (self, &before);
  g_clear_pointer (&self->net, bp_net_free);
  self->net = net;
  self->extras = *extras;
  if (session != NULL && session->has_history)
    restore_history (self->history, session);
  else if (fresh_history)
    bp_history_clear (self->history);
  else
    bp_history_mark_reset (self->history);
  recompute (self);
  finish_change (self, &before, TRUE);
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
   * bp_network_set_activation(), bp_network_set_loss_kind(), or a load of a network of
   * another shape. It comes first in its operation, before "updated" (a load only),
   * "forward" and "backward". A reset never emits it.
   */
  signals[STRUCTURE_CHANGED] = new_signal (object_class, "structure-changed");

  /**
   * BpNetwork::updated:
   * @self: the network
   *
   * Emitted after the parameters changed: a step (once for all steps of
   * bp_network_step_n()), an edit of a weight or bias, a reset or a load. It follows
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
}

static void
bp_network_init (BpNetwork *self)
{
  self->history = bp_history_new ();
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
  BpFileExtras extras = { TRUE, BP_NETWORK_DEFAULT_SEED, 0 };
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
  recompute (self);
  self->diverged = !state_finite (self);
  if (isfinite (net->loss))
    bp_history_append (self->history, self->extras.step, net->loss);

  return self;
}

/**
 * bp_network_load:
 * @self: a network
 * @file: a network file
 * @error: return location for an error
 *
 * Replaces the whole network by the one in @file, and the loss history by the file's when
 * it has one. On success emits "structure-changed" (only if the sizes, activations or loss
 * differ), "updated", "forward", "backward". On failure the model is left untouched and
 * nothing is emitted.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_load (BpNetwork  *self,
                 GFile      *file,
                 GError    **error)
{
  return bp_network_load_full (self, file, NULL, error);
}

/**
 * bp_network_load_full:
 * @self: a network
 * @file: a network or state file
 * @session: (out caller-allocates) (optional): where to store the file's history and
 *   document, to be freed with bp_file_session_clear()
 * @error: return location for an error
 *
 * Like bp_network_load(), and tells what the file says about its document.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_load_full (BpNetwork      *self,
                      GFile          *file,
                      BpFileSession  *session,
                      GError        **error)
{
  g_auto(BpFileSession) file_session = { 0 };
  BpFileExtras extras = { 0 };
  BpNet *net;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  net = bp_file_load_full (file, &extras, &file_session, error);
  if (net == NULL)
    return FALSE;
  replace_net (self, net, &extras, &file_session, FALSE);
  if (session != NULL)
    {
      *session = file_session;
      file_session = (BpFileSession) { 0 };
    }
  return TRUE;
}

/**
 * bp_network_load_bytes:
 * @self: a network
 * @bytes: the contents of a network file
 * @error: return location for an error
 *
 * Like bp_network_load(), from memory.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_load_bytes (BpNetwork  *self,
                       GBytes     *bytes,
                       GError    **error)
{
  g_auto(BpFileSession) session = { 0 };
  BpFileExtras extras = { 0 };
  BpNet *net;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  net = bp_file_load_bytes_full (bytes, &extras, &session, error);
  if (net == NULL)
    return FALSE;
  replace_net (self, net, &extras, &session, FALSE);
  return TRUE;
}

/**
 * bp_network_load_net:
 * @self: a network
 * @net: (transfer full): the network to show from now on, as read from a file
 * @extras: (nullable): its seed and step count, or %NULL for no seed and step 0
 * @session: (nullable): its loss history, or %NULL
 * @error: return location for an error
 *
 * Replaces the whole network in place by @net, which the model then owns: whoever follows
 * @self follows the new network, with nothing to reconnect. The loss history becomes the
 * one of @session, or starts anew with the new network. Emits "structure-changed" (only if
 * the sizes, activations or loss differ), "updated", "forward", "backward", then notifies
 * the properties that changed. A @net the model cannot take (a learning rate out of range)
 * is freed, @self is left untouched, nothing is emitted and @error says why.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_load_net (BpNetwork           *self,
                     BpNet               *net,
                     const BpFileExtras  *extras,
                     const BpFileSession *session,
                     GError             **error)
{
  BpFileExtras none = { 0 };

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bp_net_check_learning_rate (net->learning_rate, error))
    {
      bp_net_free (net);
      return FALSE;
    }
  replace_net (self, net, extras != NULL ? extras : &none, session, TRUE);
  return TRUE;
}

/**
 * bp_network_save:
 * @self: a network
 * @file: where to write
 * @error: return location for an error
 *
 * Writes the network, its seed, step count and loss history to @file, atomically.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_save (BpNetwork  *self,
                 GFile      *file,
                 GError    **error)
{
  return bp_network_save_full (self, file, NULL, error);
}

/**
 * bp_network_save_full:
 * @self: a network
 * @file: where to write
 * @document: (nullable): the document fields to write (its history is not used), or %NULL
 * @error: return location for an error
 *
 * Like bp_network_save(), with the "document" key of a state file when @document has one.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_save_full (BpNetwork            *self,
                      GFile                *file,
                      const BpFileSession  *document,
                      GError              **error)
{
  g_autofree BpHistoryPoint *points = NULL;
  BpFileSession session = { 0 };
  guint n;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = bp_history_get_length (self->history);
  points = g_new (BpHistoryPoint, MAX (n, 1));
  session.has_history = TRUE;
  session.n_history = n;
  session.history = points;
  for (guint k = 0; k < n; k++)
    points[k] = *bp_history_get (self->history, k);
  if (document != NULL && document->has_document)
    {
      session.has_document = TRUE;
      session.document_path = document->document_path;
      session.document_modified = document->document_modified;
    }
  return bp_file_save_full (self->net, &self->extras, &session, file, error);
}

/**
 * bp_network_get_net:
 * @self: a network
 *
 * Gives views (drawing, the chain rule) read-only access to the engine's network. It
 * stays valid until the next load; change it only through BpNetwork.
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
 * bp_network_get_activation:
 * @self: a network
 * @layer: a weight layer, 0 ≤ @layer < L
 *
 * Returns: the activation of layer @layer + 1, the output of weight layer @layer
 */
BpActivation
bp_network_get_activation (BpNetwork *self,
                           guint      layer)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), BP_ACTIVATION_LINEAR);
  g_return_val_if_fail (layer < self->net->n_layers, BP_ACTIVATION_LINEAR);

  return self->net->activations[layer];
}

/**
 * bp_network_set_activation:
 * @self: a network
 * @layer: a weight layer, 0 ≤ @layer < L
 * @activation: the new activation of its output neurons
 * @error: return location for an error
 *
 * Changes one layer's activation and keeps the weights. Emits "structure-changed",
 * "forward", "backward" when the activation really changes. Fails, changing nothing,
 * when the loss does not allow it (cross-entropy needs a sigmoid output).
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_activation (BpNetwork     *self,
                           guint          layer,
                           BpActivation   activation,
                           GError       **error)
{
  BpSnapshot before;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (layer < self->net->n_layers, FALSE);
  g_return_val_if_fail ((guint) activation < BP_N_ACTIVATIONS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->net->activations[layer] == activation)
    return TRUE;
  snapshot_take (self, &before);
  if (!bp_net_set_activation (self->net, layer, activation, error))
    return FALSE;
  recompute (self);
  finish_change (self, &before, FALSE);
  return TRUE;
}

/**
 * bp_network_get_loss_kind:
 * @self: a network
 *
 * Returns: the loss function
 */
BpLoss
bp_network_get_loss_kind (BpNetwork *self)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), BP_LOSS_SQUARED_ERROR);

  return self->net->loss_kind;
}

/**
 * bp_network_set_loss_kind:
 * @self: a network
 * @loss: the new loss function
 * @error: return location for an error
 *
 * Changes the loss function. Emits "structure-changed", "forward", "backward" and
 * notifies "loss-kind" when it really changes. Fails, changing nothing, when the network
 * does not allow it (cross-entropy needs a sigmoid output and targets in [0, 1]).
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_loss_kind (BpNetwork  *self,
                          BpLoss      loss,
                          GError    **error)
{
  BpSnapshot before;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail ((guint) loss < BP_N_LOSSES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->net->loss_kind == loss)
    return TRUE;
  snapshot_take (self, &before);
  /* The engine checks the output activation and, for cross-entropy, that the targets lie
   * in [0, 1]; it changes nothing when it refuses. */
  if (!bp_net_set_loss (self->net, loss, error))
    return FALSE;
  recompute (self);
  finish_change (self, &before, FALSE);
  return TRUE;
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
 * when the value really changes. A diverged network stays diverged until a step succeeds.
 */
void
bp_network_set_learning_rate (BpNetwork *self,
                              double     learning_rate)
{
  g_return_if_fail (BP_IS_NETWORK (self));
  g_return_if_fail (bp_net_check_learning_rate (learning_rate, NULL));

  if (self->net->learning_rate == learning_rate)
    return;
  bp_net_set_learning_rate (self->net, learning_rate, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEARNING_RATE]);
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
 * bp_network_get_input:
 * @self: a network
 * @index: an input neuron
 *
 * Returns: the value of input @index
 */
double
bp_network_get_input (BpNetwork *self,
                      guint      index)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  g_return_val_if_fail (index < self->net->sizes[0], 0.0);

  return self->net->a[0][index];
}

/**
 * bp_network_set_input:
 * @self: a network
 * @index: an input neuron
 * @value: a finite number
 *
 * Sets one input and emits "forward", "backward" if it really changed.
 */
void
bp_network_set_input (BpNetwork *self,
                      guint      index,
                      double     value)
{
  g_return_if_fail (BP_IS_NETWORK (self));
  g_return_if_fail (index < self->net->sizes[0]);
  g_return_if_fail (isfinite (value));

  if (!doubles_identical (self->net->a[0][index], value))
    set_value (self, SLOT_INPUT, 0, index, 0, value);
}

/**
 * bp_network_set_inputs:
 * @self: a network
 * @values: (array): one finite number per input neuron
 *
 * Sets all inputs at once and emits "forward", "backward" once if any changed.
 */
void
bp_network_set_inputs (BpNetwork    *self,
                       const double *values)
{
  gsize size;
  BpSnapshot before;

  g_return_if_fail (BP_IS_NETWORK (self));
  g_return_if_fail (values != NULL);
  size = self->net->sizes[0] * sizeof (double);
  g_return_if_fail (all_finite (values, self->net->sizes[0]));

  if (memcmp (self->net->a[0], values, size) == 0)
    return;
  snapshot_take (self, &before);
  bp_net_set_input (self->net, values);
  recompute (self);
  finish_change (self, &before, FALSE);
}

/**
 * bp_network_get_target:
 * @self: a network
 * @index: an output neuron
 *
 * Returns: the target of output @index
 */
double
bp_network_get_target (BpNetwork *self,
                       guint      index)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  g_return_val_if_fail (index < self->net->sizes[self->net->n_layers], 0.0);

  return self->net->target[index];
}

/**
 * bp_network_set_target:
 * @self: a network
 * @index: an output neuron
 * @value: the target
 * @error: return location for an error
 *
 * Sets one target and emits "forward", "backward" if it really changed. Fails, changing
 * nothing, for a non-finite value or one the loss does not allow (cross-entropy needs
 * [0, 1]).
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_target (BpNetwork  *self,
                       guint       index,
                       double      value,
                       GError    **error)
{
  guint n_outputs;
  g_autofree double *target = NULL;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  n_outputs = self->net->sizes[self->net->n_layers];
  g_return_val_if_fail (index < n_outputs, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_finite (value, error))
    return FALSE;
  if (doubles_identical (self->net->target[index], value))
    return TRUE;
  target = g_memdup2 (self->net->target, n_outputs * sizeof (double));
  target[index] = value;
  if (!bp_net_check_target (self->net, target, error))
    return FALSE;
  set_value (self, SLOT_TARGET, 0, index, 0, value);
  return TRUE;
}

/**
 * bp_network_get_weight:
 * @self: a network
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 * @from: a neuron of layer @layer
 *
 * Returns: the weight from @from to @to
 */
double
bp_network_get_weight (BpNetwork *self,
                       guint      layer,
                       guint      to,
                       guint      from)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  g_return_val_if_fail (layer < self->net->n_layers, 0.0);
  g_return_val_if_fail (to < self->net->sizes[layer + 1], 0.0);
  g_return_val_if_fail (from < self->net->sizes[layer], 0.0);

  return *bp_net_weight (self->net, layer, to, from);
}

/**
 * bp_network_set_weight:
 * @self: a network
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 * @from: a neuron of layer @layer
 * @value: a finite number
 * @error: return location for an error
 *
 * Edits one weight and emits "updated", "forward", "backward" if it really changed.
 * Fails, changing nothing, for a non-finite value.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_weight (BpNetwork  *self,
                       guint       layer,
                       guint       to,
                       guint       from,
                       double      value,
                       GError    **error)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (layer < self->net->n_layers, FALSE);
  g_return_val_if_fail (to < self->net->sizes[layer + 1], FALSE);
  g_return_val_if_fail (from < self->net->sizes[layer], FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_finite (value, error))
    return FALSE;
  if (!doubles_identical (*bp_net_weight (self->net, layer, to, from), value))
    set_value (self, SLOT_WEIGHT, layer, to, from, value);
  return TRUE;
}

/**
 * bp_network_get_bias:
 * @self: a network
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 *
 * Returns: the bias of neuron @to of layer @layer + 1
 */
double
bp_network_get_bias (BpNetwork *self,
                     guint      layer,
                     guint      to)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), 0.0);
  g_return_val_if_fail (layer < self->net->n_layers, 0.0);
  g_return_val_if_fail (to < self->net->sizes[layer + 1], 0.0);

  return self->net->biases[layer][to];
}

/**
 * bp_network_set_bias:
 * @self: a network
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 * @value: a finite number
 * @error: return location for an error
 *
 * Edits one bias and emits "updated", "forward", "backward" if it really changed.
 * Fails, changing nothing, for a non-finite value.
 *
 * Returns: %TRUE on success
 */
gboolean
bp_network_set_bias (BpNetwork  *self,
                     guint       layer,
                     guint       to,
                     double      value,
                     GError    **error)
{
  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (layer < self->net->n_layers, FALSE);
  g_return_val_if_fail (to < self->net->sizes[layer + 1], FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_finite (value, error))
    return FALSE;
  if (!doubles_identical (self->net->biases[layer][to], value))
    set_value (self, SLOT_BIAS, layer, to, 0, value);
  return TRUE;
}

/**
 * bp_network_step:
 * @self: a network
 * @error: return location for an error
 *
 * One SGD step with the gradients the model holds; values and gradients are then those
 * of the new parameters. Emits "updated", "forward", "backward", then notifies
 * "step-count" and "loss". If the step would make the loss or a parameter non-finite, it
 * is not applied: no signal is emitted, "diverged" becomes %TRUE and @error says why.
 *
 * Returns: %TRUE if the step was applied
 */
gboolean
bp_network_step (BpNetwork  *self,
                 GError    **error)
{
  return bp_network_step_n (self, 1, error);
}

/**
 * bp_network_step_n:
 * @self: a network
 * @n_steps: how many steps
 * @error: return location for an error
 *
 * Runs up to @n_steps SGD steps and stops at the first that would diverge. A view wants
 * one redraw, not @n_steps: if any step was applied, "updated", "forward", "backward" are
 * emitted once, after the batch, then "step-count" and "loss" are notified once. When a
 * step diverged, the steps before it are kept (and announced as above), "diverged" becomes
 * %TRUE and @error is set. With @n_steps = 0 nothing happens.
 *
 * Returns: %TRUE if all @n_steps steps were applied
 */
gboolean
bp_network_step_n (BpNetwork  *self,
                   guint       n_steps,
                   GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  BpSnapshot before;
  guint done;

  g_return_val_if_fail (BP_IS_NETWORK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_steps == 0)
    return TRUE;
  snapshot_take (self, &before);
  for (done = 0; done < n_steps; done++)
    {
      if (!bp_net_step (self->net, &local_error))
        break;
      bp_history_append (self->history, self->extras.step + done + 1, self->net->loss);
    }

  /* The engine recomputed values and gradients after each step it applied. */
  self->extras.step += done;
  self->diverged = local_error != NULL || !state_finite (self);
  if (done > 0)
    emit_signals (self, &before, TRUE);
  notify_changes (self, &before);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * bp_network_reset:
 * @self: a network
 * @seed: the seed of the new initial weights
 *
 * Initialises the weights anew from @seed (biases 0), sets the step count to 0 and
 * remembers @seed. Input, target, activations and η stay. Emits "updated", "forward",
 * "backward".
 */
void
bp_network_reset (BpNetwork *self,
                  guint32    seed)
{
  BpSnapshot before;

  g_return_if_fail (BP_IS_NETWORK (self));

  snapshot_take (self, &before);
  bp_net_init_seeded (self->net, seed);
  self->extras.has_seed = TRUE;
  self->extras.seed = seed;
  self->extras.step = 0;
  bp_history_mark_reset (self->history);
  recompute (self);
  finish_change (self, &before, TRUE);
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
