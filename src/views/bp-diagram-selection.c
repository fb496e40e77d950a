/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-selection.c: the diagram's keyboard navigation, which moves a BpSelection: a
 * plain function of the net that the widget and the tests use. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram.h"

/* ---------------------------------------------------------------------------------------
 * Keyboard navigation
 *
 * Predictable by design, like a debugger's variable tree:
 * - nothing selected: an arrow key selects x1; Tab is left alone, so focus moves on;
 * - a node: Up/Down move within its column, Left/Right to the neighbouring column (same
 *   row, or that column's last one if it is shorter), Right from an output to the loss;
 *   Tab selects its first outgoing connection (for an output, its first incoming one),
 *   Shift+Tab its last incoming one (for an input, its last outgoing one);
 * - a connection: Tab/Shift+Tab step through all connections in reading order (weight
 *   layer, then source neuron, then destination neuron); past the last (or before the
 *   first) the key is not used, so focus leaves the diagram as Tab does everywhere;
 *   Up/Down move its far end to the destination above or below; Left selects its source
 *   node, Right its destination node;
 * - the loss: Left selects the first output, Shift+Tab its last incoming connection; Tab
 *   is not used (the loss is the last item), Up/Down do nothing;
 * - Escape clears the selection. Ctrl+Tab always leaves the diagram (GTK's own binding).
 */

typedef enum {
  MOVE_NONE,
  MOVE_UP,
  MOVE_DOWN,
  MOVE_LEFT,
  MOVE_RIGHT,
  MOVE_NEXT,
  MOVE_PREVIOUS,
  MOVE_CLEAR,
} Move;

static Move
move_for_key (guint           keyval,
              GdkModifierType state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return MOVE_UP;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return MOVE_DOWN;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return MOVE_LEFT;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return MOVE_RIGHT;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      return shift ? MOVE_PREVIOUS : MOVE_NEXT;
    case GDK_KEY_ISO_Left_Tab:
      return MOVE_PREVIOUS;
    case GDK_KEY_Escape:
      return MOVE_CLEAR;
    default:
      return MOVE_NONE;
    }
}

/* Moves to the next or previous connection in reading order; FALSE at the ends. */
static gboolean
step_connection (const BpNet *net,
                 BpSelection *sel,
                 gboolean     forward)
{
  guint L = net->n_layers;

  if (forward)
    {
      if (sel->to + 1 < net->sizes[sel->layer + 1])
        sel->to++;
      else if (sel->from + 1 < net->sizes[sel->layer])
        sel->from++, sel->to = 0;
      else if (sel->layer + 1 < L)
        sel->layer++, sel->from = 0, sel->to = 0;
      else
        return FALSE;
      return TRUE;
    }
  if (sel->to > 0)
    sel->to--;
  else if (sel->from > 0)
    sel->from--, sel->to = net->sizes[sel->layer + 1] - 1;
  else if (sel->layer > 0)
    {
      sel->layer--;
      sel->from = net->sizes[sel->layer] - 1;
      sel->to = net->sizes[sel->layer + 1] - 1;
    }
  else
    return FALSE;
  return TRUE;
}

static void
move_from_node (const BpNet *net,
                BpSelection *sel,
                Move         move)
{
  guint c = sel->layer, i = sel->to, L = net->n_layers;

  switch (move)
    {
    case MOVE_UP:
      sel->to = i > 0 ? i - 1 : 0;
      break;
    case MOVE_DOWN:
      sel->to = MIN (i + 1, net->sizes[c] - 1);
      break;
    case MOVE_RIGHT:
      if (c == L)
        {
          *sel = (BpSelection) { BP_SELECTION_NODE, L + 2, 0, 0 };
          break;
        }
      G_GNUC_FALLTHROUGH;
    case MOVE_LEFT:
      c = move == MOVE_LEFT ? (c > 0 ? c - 1 : 0) : MIN (c + 1, L);
      *sel = (BpSelection) { BP_SELECTION_NODE, c, MIN (i, net->sizes[c] - 1), 0 };
      break;
    case MOVE_NEXT:
      if (c < L)
        *sel = (BpSelection) { BP_SELECTION_CONNECTION, c, 0, i };
      else
        *sel = (BpSelection) { BP_SELECTION_CONNECTION, L - 1, i, 0 };
      break;
    case MOVE_PREVIOUS:
      if (c > 0)
        *sel = (BpSelection) { BP_SELECTION_CONNECTION, c - 1, i, net->sizes[c - 1] - 1 };
      else
        *sel = (BpSelection) { BP_SELECTION_CONNECTION, 0, net->sizes[1] - 1, i };
      break;
    case MOVE_NONE:
    case MOVE_CLEAR:
    default:
      break;
    }
}

static gboolean
move_from_loss (const BpNet *net,
                BpSelection *sel,
                Move         move)
{
  guint L = net->n_layers;

  switch (move)
    {
    case MOVE_LEFT:
      *sel = (BpSelection) { BP_SELECTION_NODE, L, 0, 0 };
      return TRUE;
    case MOVE_PREVIOUS:
      *sel = (BpSelection) { BP_SELECTION_CONNECTION, L - 1, net->sizes[L] - 1,
                             net->sizes[L - 1] - 1 };
      return TRUE;
    case MOVE_NEXT:
      return FALSE;
    case MOVE_UP:
    case MOVE_DOWN:
    case MOVE_RIGHT:
    case MOVE_NONE:
    case MOVE_CLEAR:
    default:
      return TRUE;
    }
}

static gboolean
move_from_connection (const BpNet *net,
                      BpSelection *sel,
                      Move         move)
{
  switch (move)
    {
    case MOVE_UP:
      sel->to = sel->to > 0 ? sel->to - 1 : 0;
      break;
    case MOVE_DOWN:
      sel->to = MIN (sel->to + 1, net->sizes[sel->layer + 1] - 1);
      break;
    case MOVE_LEFT:
      *sel = (BpSelection) { BP_SELECTION_NODE, sel->layer, sel->from, 0 };
      break;
    case MOVE_RIGHT:
      *sel = (BpSelection) { BP_SELECTION_NODE, sel->layer + 1, sel->to, 0 };
      break;
    case MOVE_NEXT:
    case MOVE_PREVIOUS:
      return step_connection (net, sel, move == MOVE_NEXT);
    case MOVE_NONE:
    case MOVE_CLEAR:
    default:
      break;
    }
  return TRUE;
}

/**
 * bp_diagram_selection_move:
 * @net: the network shown
 * @selection: (inout): the selection to move
 * @keyval: the key pressed
 * @state: its modifiers
 *
 * Applies the diagram's keyboard navigation (see the comment above) to @selection.
 *
 * Returns: %TRUE if the key belongs to the navigation and was used
 */
gboolean
bp_diagram_selection_move (const BpNet     *net,
                           BpSelection     *selection,
                           guint            keyval,
                           GdkModifierType  state)
{
  Move move;

  g_return_val_if_fail (net != NULL && selection != NULL, FALSE);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;
  move = move_for_key (keyval, state);
  if (move == MOVE_NONE)
    return FALSE;
  if (move == MOVE_CLEAR)
    {
      if (selection->kind == BP_SELECTION_NONE)
        return FALSE;
      *selection = (BpSelection) { BP_SELECTION_NONE, 0, 0, 0 };
      return TRUE;
    }
  if (selection->kind == BP_SELECTION_BIAS)
    *selection = (BpSelection) { BP_SELECTION_NODE, selection->layer + 1, selection->to, 0 };
  if (!bp_selection_selectable_in (net, selection))
    {
      if (move == MOVE_NEXT || move == MOVE_PREVIOUS)
        return FALSE;
      *selection = (BpSelection) { BP_SELECTION_NODE, 0, 0, 0 };
      return TRUE;
    }
  if (selection->kind == BP_SELECTION_NODE && selection->layer > net->n_layers)
    return move_from_loss (net, selection, move);
  if (selection->kind == BP_SELECTION_NODE)
    {
      move_from_node (net, selection, move);
      return TRUE;
    }
  return move_from_connection (net, selection, move);
}
