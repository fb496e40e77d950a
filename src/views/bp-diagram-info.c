/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-diagram-info.c: the diagram in words, for screen readers: the loss, each output with
 * its target, the connections with the largest gradients and which way the step moves
 * their weights, and the selected item with its numbers; while a step is shown, first its
 * phase, and every number as of that moment (BpPlayback). Numbers and neurons are written
 * by bp-format, as in every other view. The description is built by a list of appenders,
 * one per kind of sentence, so a new kind is one more function in the list. */
#define G_LOG_DOMAIN "bp-diagram"

#include "config.h"

#include "bp-diagram-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bp-format.h"
#include "bp-health-draw.h"

typedef struct {
  char from[BP_NEURON_NAME_SIZE];
  char to[BP_NEURON_NAME_SIZE];
  char value[BP_NUMBER_SIZE];
  char gradient[BP_NUMBER_SIZE];
} Words;

/* Appends one kind of sentence about @net (the net the diagram shows) to @text. */
typedef void (*Appender) (BpDiagram   *self,
                          const BpNet *net,
                          GString     *text);

/* How many of the largest gradients the description names. */
#define N_LARGEST 3

typedef struct {
  guint layer;
  guint to;
  guint from;
  double gradient;
} Ranked;

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

  bp_format_net_neuron_into (net, sel->layer, sel->from, w->from, sizeof w->from);
  bp_format_net_neuron_into (net, sel->layer + 1, sel->to, w->to, sizeof w->to);
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

/* Separates a sentence from the one before it. */
static void
begin_sentence (GString *text)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');
}

/* The phase of the step shown, and for a pass the layer it reaches. */
static void
append_phase_sentence (BpDiagram   *self,
                       const BpNet *net,
                       GString     *text)
{
  const BpMoment *m = bp_playback_get_moment (self->playback);
  const char *name = bp_phase_get_display_name (m->phase);

  (void) net;
  if (!bp_playback_get_busy (self->playback))
    return;
  begin_sentence (text);
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
  while (text->len > 0 && text->str[text->len - 1] == ' ')
    g_string_truncate (text, text->len - 1);
}

static void
append_loss_sentence (BpDiagram   *self,
                      const BpNet *net,
                      GString     *text)
{
  char v[BP_NUMBER_SIZE];

  (void) net;
  format_value (bp_playback_loss_net (self->playback)->loss, v);
  begin_sentence (text);
  /* Translators: read by screen readers: the loss's value */
  g_string_append_printf (text, _("Loss %s."), v);
}

static void
append_output_sentences (BpDiagram   *self,
                         const BpNet *net,
                         GString     *text)
{
  char v[BP_NUMBER_SIZE], t[BP_NUMBER_SIZE], label[BP_NEURON_NAME_SIZE];
  const BpNet *shown = bp_playback_values_net (self->playback, net->n_layers);

  for (guint k = 0; k < net->sizes[net->n_layers]; k++)
    {
      bp_format_net_neuron_into (net, net->n_layers, k, label, sizeof label);
      format_value (bp_net_output (shown)[k], v);
      format_value (net->target[k], t);
      begin_sentence (text);
      /* Translators: read by screen readers: the output's name (y1), its value and the
       * target value */
      g_string_append_printf (text, _("Output %s is %s, target %s."), label, v, t);
    }
}

/* Puts the weight into @best (sorted by |gradient|, largest first) if it is among the
 * N_LARGEST largest so far; on a tie the weight found first stays ahead. */
static void
rank_weight (Ranked *best,
             guint  *n_best,
             Ranked  candidate)
{
  guint at = *n_best;

  while (at > 0 && fabs (candidate.gradient) > fabs (best[at - 1].gradient))
    at--;
  if (at >= N_LARGEST)
    return;
  *n_best = MIN (*n_best + 1, N_LARGEST);
  memmove (&best[at + 1], &best[at], (*n_best - 1 - at) * sizeof *best);
  best[at] = candidate;
}

/* The N_LARGEST weights with the largest |∂L/∂w| shown, leaving out gradients of zero (the
 * step does not move them) and those that are not finite (the step cannot be taken). */
static guint
find_largest_gradients (BpPlayback  *playback,
                        const BpNet *net,
                        Ranked      *best)
{
  guint n_best = 0;

  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      for (guint i = 0; i < net->sizes[l]; i++)
        {
          double grad = bp_net_weight_gradient (bp_playback_gradients_net (playback, l),
                                                l, j, i);

          if (isfinite (grad) && grad != 0.0)
            rank_weight (best, &n_best, (Ranked) { l, j, i, grad });
        }
  return n_best;
}

static void
append_gradient_sentence (GString      *text,
                          const BpNet  *net,
                          const Ranked *r,
                          gboolean      first)
{
  Words w;

  bp_format_net_neuron_into (net, r->layer, r->from, w.from, sizeof w.from);
  bp_format_net_neuron_into (net, r->layer + 1, r->to, w.to, sizeof w.to);
  format_value (r->gradient, w.gradient);
  begin_sentence (text);
  if (first && r->gradient > 0.0)
    /* Translators: read by screen readers: the connection with the largest gradient of the
     * network, from a neuron to a neuron (x1, h1), and its gradient ∂L/∂w (notation: keep
     * it); the next step lowers its weight */
    g_string_append_printf (text, _("Largest gradient: weight from %s to %s, ∂L/∂w %s; "
                                    "the step lowers it."), w.from, w.to, w.gradient);
  else if (first)
    /* Translators: as above, for a weight the next step raises */
    g_string_append_printf (text, _("Largest gradient: weight from %s to %s, ∂L/∂w %s; "
                                    "the step raises it."), w.from, w.to, w.gradient);
  else if (r->gradient > 0.0)
    /* Translators: read by screen readers after "Largest gradient: …": the connection with
     * the next largest gradient, its two neurons and its gradient ∂L/∂w; the next step
     * lowers its weight */
    g_string_append_printf (text, _("Next largest: weight from %s to %s, ∂L/∂w %s; "
                                    "the step lowers it."), w.from, w.to, w.gradient);
  else
    /* Translators: as above, for a weight the next step raises */
    g_string_append_printf (text, _("Next largest: weight from %s to %s, ∂L/∂w %s; "
                                    "the step raises it."), w.from, w.to, w.gradient);
}

/* What a sighted learner reads from the widest lines: where the gradient is largest, and
 * which way the step will move those weights. */
static void
append_largest_gradients (BpDiagram   *self,
                          const BpNet *net,
                          GString     *text)
{
  Ranked best[N_LARGEST];
  guint n_best = self->conceal_gradients ? 0 : find_largest_gradients (self->playback, net, best);

  for (guint k = 0; k < n_best; k++)
    append_gradient_sentence (text, net, &best[k], k == 0);
}

static void
append_selection_sentence (BpDiagram   *self,
                           const BpNet *net,
                           GString     *text)
{
  BpSelection sel;
  Words w;

  bp_selection_model_get_selected (self->selection_model, &sel);
  /* The loss, when selected, is already the description's first sentence. */
  if (!bp_selection_selectable_in (net, &sel)
      || (sel.kind == BP_SELECTION_NODE && sel.layer > net->n_layers))
    return;
  begin_sentence (text);
  if (self->conceal_gradients && sel.kind == BP_SELECTION_CONNECTION)
    {
      bp_format_net_neuron_into (net, sel.layer, sel.from, w.from, sizeof w.from);
      bp_format_net_neuron_into (net, sel.layer + 1, sel.to, w.to, sizeof w.to);
      format_value (*bp_net_weight (net, sel.layer, sel.to, sel.from), w.value);
      /* Translators: read by screen readers while an exercise waits for the learner's
       * prediction: the neurons' names (x1, h1) and the weight, not its gradient */
      g_string_append_printf (text, _("Selected weight from %s to %s: %s."), w.from, w.to,
                              w.value);
      return;
    }
  if (sel.kind == BP_SELECTION_CONNECTION)
    {
      append_weight_sentence (text, bp_playback_gradients_net (self->playback, sel.layer),
                              &sel, &w);
      return;
    }
  if (sel.kind == BP_SELECTION_BIAS)
    {
      net = bp_playback_gradients_net (self->playback, sel.layer);
      bp_format_net_neuron_into (net, sel.layer + 1, sel.to, w.to, sizeof w.to);
      format_value (net->biases[sel.layer][sel.to], w.value);
      if (self->conceal_gradients)
        {
          /* Translators: read by screen readers while an exercise waits for the learner's
           * prediction: the neuron's name (h1) and its bias, not its gradient */
          g_string_append_printf (text, _("Selected bias of %s: %s."), w.to, w.value);
          return;
        }
      format_value (bp_net_bias_gradient (net, sel.layer, sel.to), w.gradient);
      /* Translators: read by screen readers; the neuron's name (h1), the bias, its gradient */
      g_string_append_printf (text, _("Selected bias of %s: %s, gradient %s."), w.to, w.value,
                              w.gradient);
      return;
    }
  bp_format_net_neuron_into (net, sel.layer, sel.to, w.to, sizeof w.to);
  format_value (bp_playback_values_net (self->playback, sel.layer)->a[sel.layer][sel.to],
                w.value);
  if (sel.layer == 0)
    {
      /* Translators: read by screen readers; the input's name (x1) and its value */
      g_string_append_printf (text, _("Selected input %s: %s."), w.to, w.value);
      return;
    }
  if (self->conceal_gradients)
    {
      /* Translators: read by screen readers while an exercise waits for the learner's
       * prediction: the neuron's name (h1) and its activation a, not its gradient */
      g_string_append_printf (text, _("Selected neuron %s: activation %s."), w.to, w.value);
      return;
    }
  format_value (bp_playback_deltas_net (self->playback, sel.layer)->delta[sel.layer][sel.to],
                w.gradient);
  /* Translators: read by screen readers; the neuron's name (h1), its activation a and its
   * gradient ∂L/∂z (notation: keep it) */
  g_string_append_printf (text, _("Selected neuron %s: activation %s, ∂L/∂z %s."), w.to,
                          w.value, w.gradient);
}

/* The shape, which the window's architecture editor changes: a column per layer. */
static void
append_shape_sentence (BpDiagram   *self,
                       const BpNet *net,
                       GString     *text)
{
  g_autoptr(GString) sizes = g_string_new (NULL);

  (void) self;
  for (guint c = 0; c <= net->n_layers; c++)
    g_string_append_printf (sizes, c == 0 ? "%u" : ", %u", net->sizes[c]);
  begin_sentence (text);
  /* Translators: read by screen readers: how many neurons each layer (each column of the
   * diagram) has, the inputs first, such as "2, 3, 1" */
  g_string_append_printf (text, _("Neurons per layer, inputs first: %s."), sizes->str);
}

/* In dataset mode, that the nodes show their maps. */
static void
append_maps_sentence (BpDiagram   *self,
                      const BpNet *net,
                      GString     *text)
{
  (void) net;
  if (self->heatmap_func == NULL || self->network == NULL
      || bp_network_get_mode (self->network) != BP_FILE_MODE_DATASET)
    return;
  begin_sentence (text);
  /* Translators: read by screen readers in dataset mode: each node of the diagram shows
   * a small heatmap of its output over the plane of the two inputs x1 and x2 */
  g_string_append (text, _("Each node shows its own output over the input plane as a "
                           "small map."));
}

/* The badge of the selected neuron (saturated or dead), explained (bp-health-draw.c). */
static void
append_health_sentence (BpDiagram   *self,
                        const BpNet *net,
                        GString     *text)
{
  g_autofree char *line = NULL;
  BpSelection sel;

  bp_selection_model_get_selected (self->selection_model, &sel);
  if (self->network == NULL || sel.kind != BP_SELECTION_NODE)
    return;
  line = bp_health_explain_neuron (bp_network_get_health (self->network), net, sel.layer,
                                   sel.to);
  if (line == NULL)
    return;
  begin_sentence (text);
  g_string_append (text, line);
}

/* The description's sentences, in the order they are read. */
static const Appender appenders[] = {
  append_phase_sentence,
  append_loss_sentence,
  append_output_sentences,
  append_largest_gradients,
  append_selection_sentence,
  append_health_sentence,
  bp_diagram_append_unfold_sentence,
  append_shape_sentence,
  append_maps_sentence,
};

static char *
build_description (BpDiagram *self)
{
  const BpNet *net = bp_diagram_net (self);
  GString *text;

  if (net == NULL)
    return g_strdup (_("No network"));
  text = g_string_new (NULL);
  for (guint k = 0; k < G_N_ELEMENTS (appenders); k++)
    appenders[k] (self, net, text);
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
 * Returns: (transfer full): the accessible description: the phase of a step shown, loss,
 *   outputs and targets, the connections with the largest gradients, and the selected item
 *   with its numbers
 */
char *
bp_diagram_dup_description (BpDiagram *self)
{
  g_return_val_if_fail (BP_IS_DIAGRAM (self), NULL);

  return g_strdup (self->description);
}
