/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-undo.c: BpUndo, the undo and redo stacks of the edits of one BpNetwork.
 *
 * An entry is the whole state of the network before an edit: shape, activations, loss,
 * learning rate, regularisation, weights, biases, input, target, seed and step count, and the
 * dataset settings (mode, features, batch size, epoch in the extras; the dataset itself). Storing states, not
 * changes, makes undo exact (bit for bit) whatever happened in between, and keeps the rule
 * simple: undo returns to the state just before the last edit, so training steps taken after
 * that edit go with it; redo returns to the state that undo left, steps included. In general
 * undo and redo each move to the nearest state on their stack and leave the current state,
 * as it is, on the other one, so an undo followed by a redo (or the reverse) changes nothing.
 * Training steps are not edits: they neither record an entry nor clear redo.
 */
#define G_LOG_DOMAIN "bp-undo"

#include "config.h"

#include "bp-undo-private.h"

#include "bp-network-private.h"

#include <string.h>

struct _BpUndoState
{
  guint n_sizes;
  guint sizes[BP_MAX_LAYERS + 1];
  BpActivation activations[BP_MAX_LAYERS];
  BpLoss loss_kind;
  double learning_rate;
  BpRegularization regularization;
  double regularization_rate;
  BpFileExtras extras;
  BpDataset *dataset;        /* a copy, or NULL */
  char *dataset_source;
  gsize n_values;
  double values[];   /* the weights, the biases, the input, the target */
};

struct _BpUndo
{
  GObject parent_instance;

  BpNetwork *network;    /* unowned: the network owns its undo */
  GPtrArray *undo;       /* of BpUndoState, the most recent last */
  GPtrArray *redo;       /* likewise: the next redo last */
  gsize n_bytes;
  guint max_entries;
  gsize max_bytes;
  guint group_depth;
  gboolean group_recorded;
};

G_DEFINE_FINAL_TYPE (BpUndo, bp_undo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gsize
state_bytes (const BpUndoState *state)
{
  return sizeof *state + state->n_values * sizeof (double)
         + (state->dataset != NULL ? state->dataset->n_points * sizeof (BpPoint) : 0);
}

/* Appends @n values at @cursor and moves it on. */
static double *
put (double       *cursor,
     const double *values,
     gsize         n)
{
  memcpy (cursor, values, n * sizeof (double));
  return cursor + n;
}

static const double *
get (const double *cursor,
     double       *values,
     gsize         n)
{
  memcpy (values, cursor, n * sizeof (double));
  return cursor + n;
}

static BpUndoState *
state_new (BpNetwork *network)
{
  const BpNet *net = network->net;
  const BpFileExtras *extras = &network->extras;
  gsize n_values = net->n_weights + net->n_biases + net->sizes[0] + net->sizes[net->n_layers];
  BpUndoState *state = g_malloc0 (sizeof (BpUndoState) + n_values * sizeof (double));
  double *cursor = state->values;

  state->n_sizes = net->n_layers + 1;
  memcpy (state->sizes, net->sizes, state->n_sizes * sizeof (guint));
  memcpy (state->activations, net->activations, net->n_layers * sizeof (BpActivation));
  state->loss_kind = net->loss_kind;
  state->learning_rate = net->learning_rate;
  state->regularization = net->regularization;
  state->regularization_rate = net->regularization_rate;
  state->extras = *extras;
  if (network->dataset != NULL)
    state->dataset = bp_dataset_copy (network->dataset);
  state->dataset_source = g_strdup (network->dataset_source);
  state->n_values = n_values;
  for (guint l = 0; l < net->n_layers; l++)
    {
      cursor = put (cursor, net->weights[l], (gsize) net->sizes[l] * net->sizes[l + 1]);
      cursor = put (cursor, net->biases[l], net->sizes[l + 1]);
    }
  cursor = put (cursor, net->a[0], net->sizes[0]);
  cursor = put (cursor, net->target, net->sizes[net->n_layers]);
  g_assert (cursor == state->values + n_values);
  return state;
}

/* The network @state describes, its values and gradients not yet computed. */
static BpNet *
state_to_net (const BpUndoState *state)
{
  g_autoptr(GError) error = NULL;
  const double *cursor = state->values;
  BpNet *net;

  net = bp_net_new (state->n_sizes, state->sizes, state->activations, state->loss_kind,
                    &error);
  g_assert_no_error (error);
  net->learning_rate = state->learning_rate;
  net->regularization = state->regularization;
  net->regularization_rate = state->regularization_rate;
  for (guint l = 0; l < net->n_layers; l++)
    {
      cursor = get (cursor, net->weights[l], (gsize) net->sizes[l] * net->sizes[l + 1]);
      cursor = get (cursor, net->biases[l], net->sizes[l + 1]);
    }
  cursor = get (cursor, net->a[0], net->sizes[0]);
  cursor = get (cursor, net->target, net->sizes[net->n_layers]);
  g_assert (cursor == state->values + state->n_values);
  return net;
}

void
_bp_undo_state_free (BpUndoState *state)
{
  g_clear_pointer (&state->dataset, bp_dataset_free);
  g_free (state->dataset_source);
  g_free (state);
}

static void
push (BpUndo      *self,
      GPtrArray   *stack,
      BpUndoState *state)
{
  g_ptr_array_add (stack, state);
  self->n_bytes += state_bytes (state);
}

static BpUndoState *
pop (BpUndo    *self,
     GPtrArray *stack)
{
  BpUndoState *state = g_ptr_array_steal_index (stack, stack->len - 1);

  self->n_bytes -= state_bytes (state);
  return state;
}

static void
drop_oldest (BpUndo    *self,
             GPtrArray *stack)
{
  self->n_bytes -= state_bytes (g_ptr_array_index (stack, 0));
  g_ptr_array_remove_index (stack, 0);
}

static void
drop_all (BpUndo    *self,
          GPtrArray *stack)
{
  while (stack->len > 0)
    drop_oldest (self, stack);
}

/* Drops the oldest undo entries, then the farthest redo entries, until both limits hold. */
static void
enforce_limits (BpUndo *self)
{
  while (self->undo->len + self->redo->len > self->max_entries
         || self->n_bytes > self->max_bytes)
    drop_oldest (self, self->undo->len > 0 ? self->undo : self->redo);
}

/* Notifies can-undo and can-redo if they changed since they were @could_undo, @could_redo. */
static void
notify_after (BpUndo   *self,
              gboolean  could_undo,
              gboolean  could_redo)
{
  if (could_undo != (self->undo->len > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != (self->redo->len > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Moves the network to the top state of @from and the current state onto @to. */
static gboolean
travel (BpUndo    *self,
        GPtrArray *from,
        GPtrArray *to)
{
  gboolean could_undo = self->undo->len > 0;
  gboolean could_redo = self->redo->len > 0;
  g_autoptr(BpUndoState) target = NULL;
  BpUndoState *current;

  g_return_val_if_fail (self->group_depth == 0, FALSE);

  if (from->len == 0)
    return FALSE;
  target = pop (self, from);
  current = state_new (self->network);
  push (self, to, current);
  enforce_limits (self);
  _bp_network_restore (self->network, state_to_net (target), &target->extras, target->dataset,
                       target->dataset_source);
  notify_after (self, could_undo, could_redo);
  return TRUE;
}

static void
bp_undo_finalize (GObject *object)
{
  BpUndo *self = BP_UNDO (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (bp_undo_parent_class)->finalize (object);
}

static void
bp_undo_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  BpUndo *self = BP_UNDO (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, bp_undo_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, bp_undo_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_undo_class_init (BpUndoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bp_undo_finalize;
  object_class->get_property = bp_undo_get_property;

  /**
   * BpUndo:can-undo:
   *
   * Whether there is an edit to undo: the sensitivity of Undo. Notified after the network's
   * own signals and notifications of the edit, undo or redo that changed it.
   */
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  /**
   * BpUndo:can-redo:
   *
   * Whether there is an undone edit to redo. A new edit clears it.
   */
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_undo_init (BpUndo *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) _bp_undo_state_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) _bp_undo_state_free);
  self->max_entries = BP_UNDO_MAX_ENTRIES;
  self->max_bytes = BP_UNDO_MAX_BYTES;
}

BpUndo *
_bp_undo_new (BpNetwork *network)
{
  BpUndo *self = g_object_new (BP_TYPE_UNDO, NULL);

  self->network = network;
  return self;
}

/* The state before an edit, or %NULL when the edit belongs to a group that has its entry. */
BpUndoState *
_bp_undo_capture (BpUndo *self)
{
  if (self->group_depth > 0 && self->group_recorded)
    return NULL;
  return state_new (self->network);
}

/* Records @state (taken by _bp_undo_capture(), may be %NULL) once its edit is done. */
void
_bp_undo_commit (BpUndo      *self,
                 BpUndoState *state)
{
  gboolean could_undo = self->undo->len > 0;
  gboolean could_redo = self->redo->len > 0;

  if (state == NULL)
    return;
  if (self->group_depth > 0)
    self->group_recorded = TRUE;
  drop_all (self, self->redo);
  if (state_bytes (state) > self->max_bytes)
    {
      /* Too big to keep even alone: the older entries would skip this edit, so they go. */
      drop_all (self, self->undo);
      _bp_undo_state_free (state);
    }
  else
    {
      push (self, self->undo, state);
      enforce_limits (self);
    }
  notify_after (self, could_undo, could_redo);
}

/**
 * bp_undo_get_can_undo:
 * @self: an undo stack
 *
 * Returns: whether bp_undo_undo() has an edit to undo
 */
gboolean
bp_undo_get_can_undo (BpUndo *self)
{
  g_return_val_if_fail (BP_IS_UNDO (self), FALSE);
  return self->undo->len > 0;
}

/**
 * bp_undo_get_can_redo:
 * @self: an undo stack
 *
 * Returns: whether bp_undo_redo() has an undone edit to redo
 */
gboolean
bp_undo_get_can_redo (BpUndo *self)
{
  g_return_val_if_fail (BP_IS_UNDO (self), FALSE);
  return self->redo->len > 0;
}

/**
 * bp_undo_get_n_undo:
 * @self: an undo stack
 *
 * Returns: how many edits can be undone
 */
guint
bp_undo_get_n_undo (BpUndo *self)
{
  g_return_val_if_fail (BP_IS_UNDO (self), 0);
  return self->undo->len;
}

/**
 * bp_undo_get_n_redo:
 * @self: an undo stack
 *
 * Returns: how many undone edits can be redone
 */
guint
bp_undo_get_n_redo (BpUndo *self)
{
  g_return_val_if_fail (BP_IS_UNDO (self), 0);
  return self->redo->len;
}

/**
 * bp_undo_get_n_bytes:
 * @self: an undo stack
 *
 * Returns: the memory the stored states take, at most the byte limit
 */
gsize
bp_undo_get_n_bytes (BpUndo *self)
{
  g_return_val_if_fail (BP_IS_UNDO (self), 0);
  return self->n_bytes;
}

/**
 * bp_undo_set_limits:
 * @self: an undo stack
 * @max_entries: how many undo and redo entries are kept together (at least 1)
 * @max_bytes: how much memory their states may take together
 *
 * Changes the limits, %BP_UNDO_MAX_ENTRIES and %BP_UNDO_MAX_BYTES by default. When they are
 * passed, the oldest undo entries go first, then the farthest redo entries. A state bigger
 * than @max_bytes on its own is not kept: its edit empties both stacks (a network of some
 * millions of parameters with the default limit).
 */
void
bp_undo_set_limits (BpUndo *self,
                    guint   max_entries,
                    gsize   max_bytes)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (BP_IS_UNDO (self));
  g_return_if_fail (max_entries >= 1);

  could_undo = self->undo->len > 0;
  could_redo = self->redo->len > 0;
  self->max_entries = max_entries;
  self->max_bytes = max_bytes;
  enforce_limits (self);
  notify_after (self, could_undo, could_redo);
}

/**
 * bp_undo_undo:
 * @self: an undo stack
 *
 * Returns the network to the state just before the last edit, bit for bit: shape,
 * activations, loss, learning rate, parameters, input, target, seed and step count. Training
 * steps taken since that edit are undone with it. The state left behind goes onto the redo
 * stack. The network emits "structure-changed" (when the shape, an activation or the loss
 * differs), "updated", "forward", "backward", then its notifications, and the can-undo and
 * can-redo notifications follow. When the shape, the seed or the step count differs, the loss
 * history starts a new run, as after a load. Not allowed inside a group.
 *
 * Returns: %TRUE if there was an edit to undo
 */
gboolean
bp_undo_undo (BpUndo *self)
{
  g_return_val_if_fail (BP_IS_UNDO (self), FALSE);
  return travel (self, self->undo, self->redo);
}

/**
 * bp_undo_redo:
 * @self: an undo stack
 *
 * Returns the network to the state the last bp_undo_undo() left, bit for bit, training steps
 * taken before that undo included (steps taken since are lost, as with undo). Signals as
 * bp_undo_undo().
 *
 * Returns: %TRUE if there was an undone edit to redo
 */
gboolean
bp_undo_redo (BpUndo *self)
{
  g_return_val_if_fail (BP_IS_UNDO (self), FALSE);
  return travel (self, self->redo, self->undo);
}

/**
 * bp_undo_clear:
 * @self: an undo stack
 *
 * Forgets every entry, as a load of another network does.
 */
void
bp_undo_clear (BpUndo *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (BP_IS_UNDO (self));

  could_undo = self->undo->len > 0;
  could_redo = self->redo->len > 0;
  drop_all (self, self->undo);
  drop_all (self, self->redo);
  notify_after (self, could_undo, could_redo);
}

/**
 * bp_undo_begin_group:
 * @self: an undo stack
 *
 * Makes the edits until the matching bp_undo_end_group() one entry, undone together: a drag
 * of an input, a slider of the learning rate, an action made of several edits. Groups nest;
 * only the outermost counts.
 */
void
bp_undo_begin_group (BpUndo *self)
{
  g_return_if_fail (BP_IS_UNDO (self));

  if (self->group_depth++ == 0)
    self->group_recorded = FALSE;
}

/**
 * bp_undo_end_group:
 * @self: an undo stack
 *
 * Ends a group begun by bp_undo_begin_group().
 */
void
bp_undo_end_group (BpUndo *self)
{
  g_return_if_fail (BP_IS_UNDO (self));
  g_return_if_fail (self->group_depth > 0);

  self->group_depth--;
}
