/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-info.c: the diagram in words, for screen readers: the loss, each output with
 * its target, and the selected item with its numbers. Numbers and neurons are written by
 * bp-format, as in every other view. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bp-format.h"

typedef struct {
  char from[BP_NEURON_NAME_SIZE];
  char to[BP_NEURON_NAME_SIZE];
  char value[BP_NUMBER_SIZE];
  char gradient[BP_NUMBER_SIZE];
} Words;

static void
format_value (double  value,
              char   *buffer)
{
  bp_format_number_into (value, BP_NUMBER_FORMULA, buffer, BP_NUMBER_SIZE);
}

static void
append_weight_sentence (GString           *text,
                        const BpNet       *net,
                        const BpSelection *sel,
                        Words             *w)
{
  double grad = bp_net_weight_gradient (net, sel->layer, sel->to, sel->from);

  bp_format_neuron_into (net->n_layers, sel->layer, sel->from, w->from, sizeof w->from);
  bp_format_neuron_into (net->n_layers, sel->layer + 1, sel->to, w->to, sizeof w->to);
  format_value (*bp_net_weight (net, sel->layer, sel->to, sel->from), w->value);
  format_value (grad, w->gradient);
  if (isfinite (grad) && grad < 0.0)
    /* Translators: read by screen readers; the neurons' names (x1, h1), the weight's
     * value and its gradient ∂L/∂w (notation: keep it) */
    g_string_append_printf (text, _("Selected weight from %s to %s: %s, gradient ∂L/∂w %s; "
                                    "the step raises it."), w->from, w->to, w->value,
                            w->gradient);
  else if (isfinite (grad) && grad > 0.0)
    /* Translators: as above, for a weight the next step lowers */
    g_string_append_printf (text, _("Selected weight from %s to %s: %s, gradient ∂L/∂w %s; "
                                    "the step lowers it."), w->from, w->to, w->value,
                            w->gradient);
  else
    /* Translators: as above, for a weight the next step leaves as it is */
    g_string_append_printf (text, _("Selected weight from %s to %s: %s, gradient ∂L/∂w %s."),
                            w->from, w->to, w->value, w->gradient);
}

static void
append_selection_sentence (BpDiagram *self,
                           GString   *text)
{
  const BpNet *net = bp_diagram_net (self);
  BpSelection sel;
  Words w;

  bp_selection_model_get_selected (self->selection_model, &sel);
  /* The loss, when selected, is already the description's first sentence. */
  if (!bp_selection_selectable_in (net, &sel)
      || (sel.kind == BP_SELECTION_NODE && sel.layer > net->n_layers))
    return;
  g_string_append_c (text, ' ');
  if (sel.kind == BP_SELECTION_CONNECTION)
    {
      append_weight_sentence (text, net, &sel, &w);
      return;
    }
  if (sel.kind == BP_SELECTION_BIAS)
    {
      bp_format_neuron_into (net->n_layers, sel.layer + 1, sel.to, w.to, sizeof w.to);
      format_value (net->biases[sel.layer][sel.to], w.value);
      format_value (bp_net_bias_gradient (net, sel.layer, sel.to), w.gradient);
      /* Translators: read by screen readers; the neuron's name (h1), the bias, its gradient */
      g_string_append_printf (text, _("Selected bias of %s: %s, gradient %s."), w.to, w.value,
                              w.gradient);
      return;
    }
  bp_format_neuron_into (net->n_layers, sel.layer, sel.to, w.to, sizeof w.to);
  format_value (net->a[sel.layer][sel.to], w.value);
  if (sel.layer == 0)
    {
      /* Translators: read by screen readers; the input's name (x1) and its value */
      g_string_append_printf (text, _("Selected input %s: %s."), w.to, w.value);
      return;
    }
  format_value (net->delta[sel.layer][sel.to], w.gradient);
  /* Translators: read by screen readers; the neuron's name (h1), its activation a and its
   * gradient ∂L/∂z (notation: keep it) */
  g_string_append_printf (text, _("Selected neuron %s: activation %s, ∂L/∂z %s."), w.to,
                          w.value, w.gradient);
}

/* The phase of the step shown, and for a pass the layer it reaches. */
static void
append_moment_sentence (GString        *text,
                        const BpMoment *m)
{
  const char *name = bp_phase_get_display_name (m->phase);

  if (m->phase == BP_PHASE_FORWARD || m->phase == BP_PHASE_BACKWARD)
    /* Translators: read by screen readers while a step is shown; %s is the phase's name,
     * such as "Backward pass", then the layer it reaches (0 is the inputs) and the number
     * of layers */
    g_string_append_printf (text, _("Now: %s, layer %u of %u. "), name, m->layer,
                            m->n_layers);
  else
    /* Translators: read by screen readers while a step is shown; %s is the phase's name,
     * such as "Update" */
    g_string_append_printf (text, _("Now: %s. "), name);
}

static char *
build_description (BpDiagram *self)
{
  const BpNet *net = bp_diagram_net (self), *shown;
  GString *text;
  char v[BP_NUMBER_SIZE], t[BP_NUMBER_SIZE], label[BP_NEURON_NAME_SIZE];

  if (net == NULL)
    return g_strdup (_("No network"));
  text = g_string_new (NULL);
  /* The numbers of the moment shown, as the diagram draws them. */
  if (bp_playback_get_busy (self->playback))
    append_moment_sentence (text, bp_playback_get_moment (self->playback));
  format_value (bp_playback_loss_net (self->playback)->loss, v);
  /* Translators: read by screen readers: the loss's value */
  g_string_append_printf (text, _("Loss %s."), v);
  shown = bp_playback_values_net (self->playback, net->n_layers);
  for (guint k = 0; k < net->sizes[net->n_layers]; k++)
    {
      bp_format_neuron_into (net->n_layers, net->n_layers, k, label, sizeof label);
      format_value (bp_net_output (shown)[k], v);
      format_value (net->target[k], t);
      g_string_append_c (text, ' ');
      /* Translators: read by screen readers: the output's name (y1), its value and the
       * target value */
      g_string_append_printf (text, _("Output %s is %s, target %s."), label, v, t);
    }
  append_selection_sentence (self, text);
  return g_string_free (text, FALSE);
}

void
bp_diagram_update_description (BpDiagram *self)
{
  g_autofree char *text = build_description (self);

  if (g_strcmp0 (text, self->description) == 0)
    return;
  g_free (self->description);
  self->description = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description, -1);
}

/**
 * bp_diagram_dup_description:
 * @self: a diagram
 *
 * Returns: (transfer full): the accessible description: loss, outputs and targets, and
 *   the selected item with its numbers
 */
char *
bp_diagram_dup_description (BpDiagram *self)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), NULL);

  return g_strdup (self->description);
}
