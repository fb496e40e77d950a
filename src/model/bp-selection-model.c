/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-selection-model.c: the one selection of a window. It holds only items its network has:
 * a selection that is not selectable becomes "nothing", and a change of the network's shape
 * forgets a selection that no longer exists and the hover, whose place has moved. */
#define G_LOG_DOMAIN "bp-selection-model"

#include "config.h"

#include "bp-selection-model.h"

struct _BpSelectionModel
{
  GObject parent_instance;

  BpNetwork *network;
  GSignalGroup *network_signals;
  BpSelection selected;
  BpSelection hovered;
};

G_DEFINE_FINAL_TYPE (BpSelectionModel, bp_selection_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NETWORK,
  PROP_SELECTED,
  PROP_HOVERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* @wanted as stored: "nothing" unless @network has it, and the unused fields zero, so that
 * equal items compare equal field by field too. */
static BpSelection
normalize (BpNetwork         *network,
           const BpSelection *wanted,
           gboolean           hover)
{
  BpSelection sel = BP_SELECTION_INIT_NONE;

  if (wanted == NULL || network == NULL)
    return sel;
  if (hover ? bp_selection_valid (bp_network_get_net (network), wanted)
            : bp_selection_selectable (wanted, network))
    sel = *wanted;
  if (sel.kind != BP_SELECTION_CONNECTION)
    sel.from = 0;
  if (sel.kind == BP_SELECTION_NONE)
    sel.layer = sel.to = 0;
  return sel;
}

static void
store (BpSelectionModel  *self,
       BpSelection       *field,
       const BpSelection *value,
       guint              prop_id)
{
  if (bp_selection_equal (field, value))
    return;
  *field = *value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
revalidate (BpSelectionModel *self)
{
  BpSelection selected = normalize (self->network, &self->selected, FALSE);
  BpSelection none = BP_SELECTION_INIT_NONE;

  /* Both change before either notifies, so a handler of one sees the other up to date. */
  g_object_freeze_notify (G_OBJECT (self));
  store (self, &self->hovered, &none, PROP_HOVERED);
  store (self, &self->selected, &selected, PROP_SELECTED);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
structure_changed_cb (BpSelectionModel *self)
{
  revalidate (self);
}

static void
bp_selection_model_dispose (GObject *object)
{
  BpSelectionModel *self = BP_SELECTION_MODEL (object);

  if (self->network_signals != NULL)
    g_signal_group_set_target (self->network_signals, NULL);
  g_clear_object (&self->network_signals);
  g_clear_object (&self->network);
  G_OBJECT_CLASS (bp_selection_model_parent_class)->dispose (object);
}

static void
bp_selection_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BpSelectionModel *self = BP_SELECTION_MODEL (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      g_value_set_object (value, self->network);
      break;
    case PROP_SELECTED:
      g_value_set_boxed (value, &self->selected);
      break;
    case PROP_HOVERED:
      g_value_set_boxed (value, &self->hovered);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_selection_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BpSelectionModel *self = BP_SELECTION_MODEL (object);

  switch (prop_id)
    {
    case PROP_NETWORK:
      bp_selection_model_set_network (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      bp_selection_model_set_selected (self, g_value_get_boxed (value));
      break;
    case PROP_HOVERED:
      bp_selection_model_set_hovered (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bp_selection_model_class_init (BpSelectionModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bp_selection_model_dispose;
  object_class->get_property = bp_selection_model_get_property;
  object_class->set_property = bp_selection_model_set_property;

  /**
   * BpSelectionModel:network:
   *
   * The network whose items are selected; %NULL selects nothing.
   */
  properties[PROP_NETWORK] =
    g_param_spec_object ("network", NULL, NULL, BP_TYPE_NETWORK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BpSelectionModel:selected:
   *
   * The selected connection, bias or neuron, or kind %BP_SELECTION_NONE. Notified only when
   * it really changes.
   */
  properties[PROP_SELECTED] =
    g_param_spec_boxed ("selected", NULL, NULL, BP_TYPE_SELECTION,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BpSelectionModel:hovered:
   *
   * The item under the pointer, which may also be a target or the loss; kind
   * %BP_SELECTION_NONE when none.
   */
  properties[PROP_HOVERED] =
    g_param_spec_boxed ("hovered", NULL, NULL, BP_TYPE_SELECTION,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bp_selection_model_init (BpSelectionModel *self)
{
  self->selected = self->hovered = BP_SELECTION_INIT_NONE;
  self->network_signals = g_signal_group_new (BP_TYPE_NETWORK);
  g_signal_group_connect_object (self->network_signals, "structure-changed",
                                 G_CALLBACK (structure_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * bp_selection_model_new:
 * @network: (nullable): the network whose items are selected
 *
 * Returns: (transfer full): a selection model selecting nothing
 */
BpSelectionModel *
bp_selection_model_new (BpNetwork *network)
{
  g_return_val_if_fail (network == NULL || BP_IS_NETWORK (network), NULL);

  return g_object_new (BP_TYPE_SELECTION_MODEL, "network", network, NULL);
}

BpNetwork *
bp_selection_model_get_network (BpSelectionModel *self)
{
  g_return_val_if_fail (BP_IS_SELECTION_MODEL (self), NULL);

  return self->network;
}

/**
 * bp_selection_model_set_network:
 * @self: a selection model
 * @network: (nullable): the network whose items are selected
 *
 * Follows @network from now on. The hover is forgotten, and the selection too unless
 * @network has it.
 */
void
bp_selection_model_set_network (BpSelectionModel *self,
                                BpNetwork        *network)
{
  g_return_if_fail (BP_IS_SELECTION_MODEL (self));
  g_return_if_fail (network == NULL || BP_IS_NETWORK (network));

  if (!g_set_object (&self->network, network))
    return;
  g_signal_group_set_target (self->network_signals, network);
  g_object_freeze_notify (G_OBJECT (self));
  revalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * bp_selection_model_get_selected:
 * @self: a selection model
 * @selection: (out caller-allocates): the selected item, kind %BP_SELECTION_NONE when none
 */
void
bp_selection_model_get_selected (BpSelectionModel *self,
                                 BpSelection      *selection)
{
  g_return_if_fail (BP_IS_SELECTION_MODEL (self));
  g_return_if_fail (selection != NULL);

  *selection = self->selected;
}

/**
 * bp_selection_model_set_selected:
 * @self: a selection model
 * @selection: (nullable): a connection, bias or neuron of the network; %NULL, or an item
 *   that cannot be selected (bp_selection_selectable()), selects nothing
 *
 * Selects an item; notifies "selected" if that changed what is selected.
 */
void
bp_selection_model_set_selected (BpSelectionModel  *self,
                                 const BpSelection *selection)
{
  BpSelection wanted;

  g_return_if_fail (BP_IS_SELECTION_MODEL (self));

  wanted = normalize (self->network, selection, FALSE);
  store (self, &self->selected, &wanted, PROP_SELECTED);
}

/**
 * bp_selection_model_get_hovered:
 * @self: a selection model
 * @hovered: (out caller-allocates): the item under the pointer, kind %BP_SELECTION_NONE when
 *   none
 */
void
bp_selection_model_get_hovered (BpSelectionModel *self,
                                BpSelection      *hovered)
{
  g_return_if_fail (BP_IS_SELECTION_MODEL (self));
  g_return_if_fail (hovered != NULL);

  *hovered = self->hovered;
}

/**
 * bp_selection_model_set_hovered:
 * @self: a selection model
 * @hovered: (nullable): any item of the network, a target or the loss included; %NULL or one
 *   the network does not have is none
 *
 * Notifies "hovered" if that changed the item under the pointer.
 */
void
bp_selection_model_set_hovered (BpSelectionModel  *self,
                                const BpSelection *hovered)
{
  BpSelection wanted;

  g_return_if_fail (BP_IS_SELECTION_MODEL (self));

  wanted = normalize (self->network, hovered, TRUE);
  store (self, &self->hovered, &wanted, PROP_HOVERED);
}

/**
 * bp_selection_model_replace:
 * @slot: (inout): a view's selection model
 * @own: (inout): whether *@slot is the view's own, made here
 * @model: (nullable): a model to share, or %NULL for one of the view's own
 * @network: (nullable): the network the view's own model follows
 *
 * How a view takes a selection model: a shared one as given, or, for %NULL, one of its own
 * that it keeps until it is given a shared one.
 *
 * Returns: whether *@slot changed
 */
gboolean
bp_selection_model_replace (BpSelectionModel **slot,
                            gboolean          *own,
                            BpSelectionModel  *model,
                            BpNetwork         *network)
{
  g_autoptr(BpSelectionModel) made = NULL;

  g_return_val_if_fail (slot != NULL && own != NULL, FALSE);
  g_return_val_if_fail (model == NULL || BP_IS_SELECTION_MODEL (model), FALSE);

  if (model != NULL ? model == *slot : *own)
    return FALSE;
  if (model == NULL)
    model = made = bp_selection_model_new (network);
  *own = made != NULL;
  g_set_object (slot, model);
  return TRUE;
}
