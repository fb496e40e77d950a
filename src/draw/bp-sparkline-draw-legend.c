/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-draw-legend.c: the words of the loss chart: in dataset mode its legend at the
 * right end (each curve's line style, current loss and, for classification, accuracy) and
 * whether its losses span a hundredfold (where the automatic scale turns logarithmic), and in
 * both modes its description for screen readers. */
#define G_LOG_DOMAIN "bp-sparkline"

#include "config.h"

#include "bp-sparkline-draw.h"
#include "bp-sparkline-draw-private.h"

#include <glib/gi18n.h>
#include <math.h>

/* The line style of @curve: the train loss solid in the palette's loss colour, the test loss
 * dashed in its blue, so that the two differ in grey too. */
void
_bp_sparkline_set_curve_style (cairo_t         *cr,
                               const Chart     *chart,
                               const BpPalette *palette,
                               Curve            curve)
{
  double dash[] = { 6.0 * chart->text_scale, 4.0 * chart->text_scale };

  bp_color_set_source (cr, curve == CURVE_TRAIN ? &palette->loss : &palette->node_positive);
  cairo_set_line_width (cr, 2.0 * chart->text_scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, curve == CURVE_TRAIN ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, dash, curve == CURVE_TRAIN ? 0 : G_N_ELEMENTS (dash), 0.0);
}

/* "96 %", never "100 %" unless every point is right. */
static char *
format_percent (double share)
{
  double percent = 100.0 * share;

  if (!isfinite (share))
    return g_strdup ("–");
  percent = share < 1.0 ? MIN (round (percent), 99.0) : 100.0;
  return g_strdup_printf ("%.0f", percent);
}

static char *
format_value (double value)
{
  return isfinite (value) ? _bp_sparkline_format_loss (value) : g_strdup ("–");
}

/* The legend's lines for @curve: its name and current loss, in bold, and for classification
 * its accuracy. */
static void
legend_texts (const Chart *chart,
              Curve        curve,
              char       **loss_text,
              char       **accuracy_text)
{
  const BpHistoryPoint *last = bp_history_get (chart->history, chart->n - 1);
  g_autofree char *loss = format_value (_bp_sparkline_curve_value (last, curve));
  g_autofree char *accuracy = format_percent (curve == CURVE_TRAIN ? last->train_accuracy
                                                                   : last->test_accuracy);

  if (curve == CURVE_TRAIN)
    /* Translators: the legend of the train and test loss chart with the current value:
     * "train loss 0.1234" */
    *loss_text = g_strdup_printf (_("train loss %s"), loss);
  else
    /* Translators: as above, "test loss 0.1456" */
    *loss_text = g_strdup_printf (_("test loss %s"), loss);
  /* Translators: under "train loss …" and "test loss …" in the chart's legend: the share of
   * points classified right, "accuracy 96 %" */
  *accuracy_text = chart->classification ? g_strdup_printf (_("accuracy %s %%"), accuracy)
                                         : NULL;
}

static PangoLayout *
bold_layout (cairo_t     *cr,
             const Chart *chart,
             const char  *text)
{
  PangoLayout *layout = _bp_sparkline_text_layout (cr, chart->text_scale, text);
  PangoAttrList *attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));

  if (attrs == NULL)
    attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

void
_bp_sparkline_legend_init (Legend      *legend,
                           cairo_t     *cr,
                           const Chart *chart)
{
  legend->swatch_w = round (2.2 * chart->line_h);
  legend->text_w = 0.0;
  for (Curve c = CURVE_TRAIN; c <= CURVE_TEST; c++)
    {
      g_autofree char *loss = NULL;
      g_autofree char *accuracy = NULL;
      double w, h;

      legend_texts (chart, c, &loss, &accuracy);
      legend->loss[c] = bold_layout (cr, chart, loss);
      _bp_sparkline_text_size (legend->loss[c], &w, &h);
      legend->text_w = MAX (legend->text_w, w);
      legend->accuracy[c] = accuracy != NULL
                            ? _bp_sparkline_text_layout (cr, chart->text_scale, accuracy)
                            : NULL;
      if (legend->accuracy[c] != NULL)
        {
          _bp_sparkline_text_size (legend->accuracy[c], &w, &h);
          legend->text_w = MAX (legend->text_w, w);
        }
    }
}

void
_bp_sparkline_legend_clear (Legend *legend)
{
  for (Curve c = CURVE_TRAIN; c <= CURVE_TEST; c++)
    {
      g_clear_object (&legend->loss[c]);
      g_clear_object (&legend->accuracy[c]);
    }
}

double
_bp_sparkline_legend_width (const Legend *legend,
                            const Chart  *chart)
{
  return legend->swatch_w + chart->pad + legend->text_w;
}

/* At the right end, from the top: each curve's line style beside its current loss, and its
 * accuracy under it; the accuracies go when the height is short. */
void
_bp_sparkline_draw_legend (cairo_t         *cr,
                           const Chart     *chart,
                           const Legend    *legend,
                           const BpPalette *palette,
                           double           x,
                           double           height)
{
  gboolean accuracies = chart->classification && height >= 4 * chart->line_h + 2 * chart->pad;
  double y = chart->pad + chart->line_h / 2;

  for (Curve c = CURVE_TRAIN; c <= (chart->has_test ? CURVE_TEST : CURVE_TRAIN); c++)
    {
      cairo_move_to (cr, x, round (y) + 0.5);
      cairo_line_to (cr, x + legend->swatch_w - 2 * chart->pad, round (y) + 0.5);
      _bp_sparkline_set_curve_style (cr, chart, palette, c);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);
      _bp_sparkline_show_text (cr, legend->loss[c], &palette->text, x + legend->swatch_w, y,
                               FALSE);
      y += chart->line_h;
      if (accuracies && legend->accuracy[c] != NULL)
        {
          _bp_sparkline_show_text (cr, legend->accuracy[c], &palette->dim_text,
                                   x + legend->swatch_w, y, FALSE);
          y += chart->line_h;
        }
    }
}

/**
 * bp_sparkline_dataset_spans_hundredfold:
 * @history: (nullable): the points recorded in dataset mode
 *
 * Whether the current run's train and test losses span more than a hundredfold (the largest
 * over the smallest positive one), where the "automatic" loss chart scale turns
 * logarithmic, as it does for one example.
 *
 * Returns: %TRUE when a log axis reads better
 */
gboolean
bp_sparkline_dataset_spans_hundredfold (const BpHistory *history)
{
  guint n = history != NULL ? bp_history_get_length (history) : 0;
  double min = INFINITY, max = 0.0;

  for (guint i = n > 0 ? _bp_sparkline_run_start (history) : 0; i < n; i++)
    {
      const BpHistoryPoint *p = bp_history_get (history, i);
      const double values[] = { p->loss, p->test_loss };

      for (guint k = 0; k < G_N_ELEMENTS (values); k++)
        if (isfinite (values[k]) && values[k] > 0.0)
          {
            min = MIN (min, values[k]);
            max = MAX (max, values[k]);
          }
    }
  return max > 100.0 * min;
}

/**
 * bp_sparkline_describe_dataset:
 * @history: (nullable): the points recorded in dataset mode
 *
 * Says in words what the chart shows at its newest point, for screen readers: "Train loss
 * 0.123, test loss 0.145 at step 200, epoch 4; train accuracy 96 %, test accuracy 94 %."
 * (the accuracies for classification only).
 *
 * Returns: (transfer full): the description
 */
char *
bp_sparkline_describe_dataset (const BpHistory *history)
{
  guint n = history != NULL ? bp_history_get_length (history) : 0;
  const BpHistoryPoint *last;
  g_autofree char *train = NULL;
  g_autofree char *test = NULL;
  g_autofree char *step = NULL;
  g_autofree char *epoch = NULL;
  g_autofree char *train_accuracy = NULL;
  g_autofree char *test_accuracy = NULL;

  if (n == 0)
    return g_strdup (_("No steps yet"));

  last = bp_history_get (history, n - 1);
  train = format_value (last->loss);
  test = format_value (last->test_loss);
  step = g_strdup_printf ("%" G_GUINT64_FORMAT, last->step);
  epoch = g_strdup_printf ("%u", last->epoch);
  if (!isfinite (last->train_accuracy))
    /* Translators: read by screen readers: the train and test loss chart in dataset mode,
     * "Train loss 0.123, test loss 0.145 at step 200, epoch 4." */
    return g_strdup_printf (_("Train loss %s, test loss %s at step %s, epoch %s."),
                            train, test, step, epoch);
  train_accuracy = format_percent (last->train_accuracy);
  test_accuracy = format_percent (last->test_accuracy);
  /* Translators: read by screen readers: the train and test loss chart of a classification
   * dataset, "Train loss 0.123, test loss 0.145 at step 200, epoch 4; train accuracy 96 %,
   * test accuracy 94 %." */
  return g_strdup_printf (_("Train loss %s, test loss %s at step %s, epoch %s; "
                            "train accuracy %s %%, test accuracy %s %%."),
                          train, test, step, epoch, train_accuracy, test_accuracy);
}

/**
 * bp_sparkline_describe_history:
 * @history: (nullable): the losses
 *
 * Says in words what the chart shows since the last reset, for screen readers:
 * "Loss fell from 0.2134 to 0.01234 over 40 steps".
 *
 * Returns: (transfer full): the description
 */
char *
bp_sparkline_describe_history (const BpHistory *history)
{
  guint n = history != NULL ? bp_history_get_length (history) : 0;
  const BpHistoryPoint *first, *last;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *n_steps = NULL;
  guint64 steps;
  gulong plural;

  if (n == 0)
    return g_strdup (_("No steps yet"));

  first = bp_history_get (history, _bp_sparkline_run_start (history));
  last = bp_history_get (history, n - 1);
  from = _bp_sparkline_format_loss (first->loss);
  to = _bp_sparkline_format_loss (last->loss);
  steps = last->step > first->step ? last->step - first->step : 0;

  if (steps == 0)
    /* Translators: read by screen readers: the loss chart before the first step; %s is the
     * loss's value */
    return g_strdup_printf (_("Loss %s, no steps yet"), to);

  n_steps = g_strdup_printf ("%" G_GUINT64_FORMAT, steps);
  plural = (gulong) MIN (steps, (guint64) G_MAXULONG);
  if (!isfinite (first->loss) || !isfinite (last->loss))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: read by screen readers; %s is a
                                          * number of training steps */
                                         "Loss is not a finite number after %s step",
                                         "Loss is not a finite number after %s steps", plural),
                            n_steps);
  if (last->loss < first->loss)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: read by screen readers: "Loss fell
                                          * from 0.2134 to 0.01234 over 40 steps"; the
                                          * first two %s are values of the loss, the last
                                          * one a number of steps */
                                         "Loss fell from %s to %s over %s step",
                                         "Loss fell from %s to %s over %s steps", plural),
                            from, to, n_steps);
  if (last->loss > first->loss)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: as above: "Loss rose from 0.2134
                                          * to 0.5 over 40 steps" */
                                         "Loss rose from %s to %s over %s step",
                                         "Loss rose from %s to %s over %s steps", plural),
                            from, to, n_steps);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: read by screen readers: "Loss stayed
                                        * at 0.25 over 3 steps" */
                                       "Loss stayed at %s over %s step",
                                       "Loss stayed at %s over %s steps", plural),
                          to, n_steps);
}

