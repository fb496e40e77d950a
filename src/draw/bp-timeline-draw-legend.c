/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-timeline-draw-legend.c: what tells the branches of the timeline's loss chart apart: each
 * one's colour and dash, and the chart in words for screen readers. */
#define G_LOG_DOMAIN "bp-sparkline"

#include "config.h"

#include "bp-timeline-draw.h"
#include "bp-sparkline-draw-private.h"

#include <glib/gi18n.h>
#include <math.h>

#define N_COLORS 6
#define N_DASHES 5

/**
 * bp_timeline_chart_style_color:
 * @palette: the colours
 * @style: a curve's style
 * @color: (out): its colour
 *
 * The colour of a curve: the loss colour for the first, then blue, orange, teal, purple and
 * green as the palette has them, every palette's own so they read on its background.
 */
void
bp_timeline_chart_style_color (const BpPalette *palette,
                               guint            style,
                               BpColor         *color)
{
  const BpColor *colors[N_COLORS] = {
    &palette->loss, &palette->selection, &palette->rise, &palette->fall, &palette->heat_low,
    &palette->target,
  };

  *color = *colors[style % N_COLORS];
}

/**
 * bp_timeline_chart_style_dash:
 * @style: a curve's style
 * @text_scale: the chart's text scale, which the dashes follow
 * @dashes: (out caller-allocates) (array fixed-size=4): the dash lengths
 *
 * Returns: how many of @dashes to use; 0 for a solid line
 */
guint
bp_timeline_chart_style_dash (guint   style,
                              double  text_scale,
                              double *dashes)
{
  static const double patterns[N_DASHES][4] = {
    { 0 }, { 8, 4 }, { 2, 3 }, { 10, 3, 2, 3 }, { 5, 5 },
  };
  static const guint lengths[N_DASHES] = { 0, 2, 2, 4, 2 };
  guint k = style % N_DASHES;

  for (guint i = 0; i < lengths[k]; i++)
    dashes[i] = patterns[k][i] * text_scale;
  return lengths[k];
}

/**
 * bp_timeline_chart_loss_at:
 * @curve: a curve
 * @step: a step
 * @loss: (out): its loss there
 *
 * Returns: whether @curve has @step (its loss may still be non-finite)
 */
gboolean
bp_timeline_chart_loss_at (const BpTimelineCurve *curve,
                           guint64                step,
                           double                *loss)
{
  if (curve->n == 0 || step < curve->first_step || step - curve->first_step >= curve->n)
    return FALSE;
  *loss = curve->losses[step - curve->first_step];
  return TRUE;
}

/**
 * bp_timeline_chart_drawn_from:
 * @chart: the branches
 * @index: one of them
 *
 * Returns: the first step of the curve the chart draws: its fork, or its first step for the
 *   current branch, which is drawn whole
 */
guint64
bp_timeline_chart_drawn_from (const BpTimelineChart *chart,
                              guint                  index)
{
  const BpTimelineCurve *curve = &chart->curves[index];

  if (index == chart->current || curve->n == 0)
    return curve->first_step;
  return CLAMP (curve->fork_step, curve->first_step, curve->first_step + curve->n - 1);
}

static char *
loss_text (double loss)
{
  if (!isfinite (loss))
    /* Translators: in the loss chart's description, a loss that is not a number */
    return g_strdup (_("not a number (the step diverged)"));
  return _bp_sparkline_format_loss (loss);
}

/**
 * bp_timeline_chart_describe:
 * @chart: the branches, the current one and the step shown
 *
 * The chart in words, for screen readers: how many branches, each one's label with its
 * loss where it starts (its fork) and at its tip, then the step shown and its loss.
 *
 * Returns: (transfer full): the description
 */
char *
bp_timeline_chart_describe (const BpTimelineChart *chart)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const BpTimelineCurve *current;
  g_autofree char *cursor = NULL;
  double loss;

  g_return_val_if_fail (chart != NULL, NULL);

  if (chart->n_curves == 0)
    return g_strdup (_("No steps yet"));
  g_string_append_printf (text,
                          /* Translators: the start of the loss chart's description when it
                           * shows the timeline's branches */
                          ngettext ("Loss per step on %u branch.",
                                    "Loss per step on %u branches.", chart->n_curves),
                          chart->n_curves);
  for (guint c = 0; c < chart->n_curves; c++)
    {
      const BpTimelineCurve *curve = &chart->curves[c];
      guint64 from;
      double first;
      g_autofree char *from_step = NULL;
      g_autofree char *to_step = NULL;
      g_autofree char *from_loss = NULL;
      g_autofree char *to_loss = NULL;

      if (curve->n == 0)
        continue;
      /* Each branch from its fork: the steps before are its ancestors'. */
      from = CLAMP (curve->fork_step, curve->first_step, curve->first_step + curve->n - 1);
      first = curve->losses[from - curve->first_step];
      from_step = g_strdup_printf ("%" G_GUINT64_FORMAT, from);
      to_step = g_strdup_printf ("%" G_GUINT64_FORMAT, (curve->first_step + curve->n - 1));
      from_loss = loss_text (first);
      to_loss = loss_text (curve->losses[curve->n - 1]);
      g_string_append_c (text, ' ');
      /* Translators: one branch in the loss chart's description: "η = 0.5 · branch 2: loss
       * 0.25 at step 100 to 0.0123 at step 400." */
      g_string_append_printf (text, _("%s: loss %s at step %s to %s at step %s."),
                              curve->label != NULL ? curve->label : "", from_loss, from_step,
                              to_loss, to_step);
    }
  current = &chart->curves[chart->current];
  cursor = g_strdup_printf ("%" G_GUINT64_FORMAT, chart->cursor);
  g_string_append_c (text, ' ');
  if (bp_timeline_chart_loss_at (current, chart->cursor, &loss))
    {
      g_autofree char *number = loss_text (loss);

      /* Translators: the end of the loss chart's description: the step the window shows,
       * its branch and its loss */
      g_string_append_printf (text, _("Shown: step %s of %s, loss %s."), cursor,
                              current->label != NULL ? current->label : "", number);
    }
  else
    /* Translators: the end of the loss chart's description: the step the window shows and
     * its branch */
    g_string_append_printf (text, _("Shown: step %s of %s."), cursor,
                            current->label != NULL ? current->label : "");
  return g_string_free (g_steal_pointer (&text), FALSE);
}
