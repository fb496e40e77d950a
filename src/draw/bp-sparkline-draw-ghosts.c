/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-sparkline-draw-ghosts.c: learning-rate ghosts on the loss chart: where the loss would be
 * after one step at 0.1η, η and 10η, as hollow markers of distinct shapes at the next step's
 * x, linked to the newest point by dashed lines and labelled "0.1η", "η", "10η". The chart's
 * axis grows to take them in up to a bounded factor; one beyond is pinned to the edge with an
 * arrow and its number; a step that diverges says so at the top. Shared by the sparkline of
 * example mode and the train/test chart of dataset mode, and their descriptions. */
#define G_LOG_DOMAIN "bp-sparkline"

#include "config.h"

#include "bp-sparkline-draw.h"
#include "bp-sparkline-draw-private.h"

#include "bp-format.h"

#include <glib/gi18n.h>
#include <math.h>

/* A ghost within this factor of the curve's largest loss (or its smallest positive one)
 * widens the axis; beyond it, the ghost is pinned to the edge. */
#define GHOST_RANGE 4.0
#define MARKER_R 5.0
#define FAN 2.6         /* the markers side by side, this many radii apart */
#define LABEL_GAP 4.0   /* from the markers to their labels, at 11 px */
#define AFTER_GAP 9.0   /* from the labels to what the chart prints right of them */

/**
 * bp_sparkline_ghost_name:
 * @factor: the multiple of η
 *
 * Returns: (transfer full): "η" for 1, else the factor before it: "0.1η", "10η"
 */
char *
bp_sparkline_ghost_name (double factor)
{
  g_autofree char *number = NULL;

  if (factor == 1.0)
    return g_strdup ("η");
  number = bp_format_number (factor, BP_NUMBER_FORMULA);
  return g_strconcat (number, "η", NULL);
}

/* Widens the curve's range [@min, @max] (and its smallest positive value) to the ghosts that
 * lie within GHOST_RANGE of it. */
void
_bp_sparkline_ghosts_widen (const BpGhost *ghosts,
                            guint          n_ghosts,
                            double        *min,
                            double        *max,
                            double        *min_positive)
{
  double top = *max > 0.0 ? *max * GHOST_RANGE : GHOST_RANGE;
  double bottom = isfinite (*min_positive) ? *min_positive / GHOST_RANGE : 0.0;

  for (guint k = 0; k < n_ghosts; k++)
    {
      double v = ghosts[k].loss;

      if (ghosts[k].diverged || !isfinite (v) || v > top || (v > 0.0 && v < bottom))
        continue;
      *min = MIN (*min, v);
      *max = MAX (*max, v);
      if (v > 0.0)
        *min_positive = MIN (*min_positive, v);
    }
}

/* Says where each ghost goes on an axis from @lo to @hi, and its label. */
void
_bp_sparkline_ghosts_place (GhostMarks    *marks,
                            const BpGhost *ghosts,
                            guint          n_ghosts,
                            double         lo,
                            double         hi,
                            gboolean       log)
{
  g_assert (n_ghosts <= BP_SPARKLINE_MAX_GHOSTS);
  marks->ghosts = ghosts;
  marks->n = n_ghosts;
  for (guint k = 0; k < n_ghosts; k++)
    {
      double v = ghosts[k].loss;
      g_autofree char *name = bp_sparkline_ghost_name (ghosts[k].factor);
      g_autofree char *number = NULL;

      g_clear_pointer (&marks->label[k], g_free);
      if (ghosts[k].diverged || !isfinite (v))
        {
          marks->place[k] = GHOST_DIVERGED;
          /* Translators: beside a marker at the top of the loss chart: one step at this
           * learning rate ("10η") would make the loss run away or overflow */
          marks->label[k] = g_strdup_printf (_("%s: diverges"), name);
          continue;
        }
      if (v > hi * (1 + 1e-12))
        marks->place[k] = GHOST_ABOVE;
      else if (v < lo * (1 - 1e-12) || (log && v <= 0.0))
        marks->place[k] = GHOST_BELOW;
      else
        marks->place[k] = GHOST_IN_RANGE;
      if (marks->place[k] == GHOST_IN_RANGE)
        {
          marks->label[k] = g_steal_pointer (&name);
          continue;
        }
      number = _bp_sparkline_format_loss (v);
      marks->label[k] = g_strdup_printf ("%s %s", name, number);
    }
}

void
_bp_sparkline_ghosts_clear (GhostMarks *marks)
{
  for (guint k = 0; k < BP_SPARKLINE_MAX_GHOSTS; k++)
    g_clear_pointer (&marks->label[k], g_free);
  marks->n = 0;
}

/* The width the ghosts need right of the plot: the gap to the next step, a marker, its arrow
 * and the widest label. */
double
_bp_sparkline_ghosts_width (cairo_t          *cr,
                            const GhostMarks *marks,
                            double            text_scale)
{
  double widest = 0.0;

  if (marks->n == 0)
    return 0.0;
  for (guint k = 0; k < marks->n; k++)
    {
      g_autoptr(PangoLayout) layout = _bp_sparkline_text_layout (cr, text_scale,
                                                                 marks->label[k]);
      double w, h;

      _bp_sparkline_text_size (layout, &w, &h);
      widest = MAX (widest, w);
    }
  return round ((BP_SPARKLINE_GHOST_GAP + ((marks->n - 1) * FAN + 1.2) * MARKER_R + LABEL_GAP
                 + AFTER_GAP) * text_scale + widest);
}

/* The marker of the k-th ghost: a square, a diamond, a triangle, then circles. */
static void
trace_marker (cairo_t *cr,
              guint    k,
              double   x,
              double   y,
              double   r)
{
  cairo_new_sub_path (cr);
  switch (k)
    {
    case 0:
      cairo_rectangle (cr, x - 0.85 * r, y - 0.85 * r, 1.7 * r, 1.7 * r);
      break;
    case 1:
      cairo_move_to (cr, x, y - 1.2 * r);
      cairo_line_to (cr, x + 1.2 * r, y);
      cairo_line_to (cr, x, y + 1.2 * r);
      cairo_line_to (cr, x - 1.2 * r, y);
      cairo_close_path (cr);
      break;
    case 2:
      cairo_move_to (cr, x, y - 1.2 * r);
      cairo_line_to (cr, x + 1.1 * r, y + 0.8 * r);
      cairo_line_to (cr, x - 1.1 * r, y + 0.8 * r);
      cairo_close_path (cr);
      break;
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

/* An arrow inside a pinned marker, pointing off the chart (@up or down). */
static void
draw_arrow (cairo_t *cr,
            double   x,
            double   y,
            double   r,
            gboolean up)
{
  double dir = up ? -1.0 : 1.0;

  cairo_move_to (cr, x, y - dir * 0.55 * r);
  cairo_line_to (cr, x, y + dir * 0.6 * r);
  cairo_move_to (cr, x - 0.45 * r, y + dir * 0.15 * r);
  cairo_line_to (cr, x, y + dir * 0.6 * r);
  cairo_line_to (cr, x + 0.45 * r, y + dir * 0.15 * r);
  cairo_stroke (cr);
}

/* A cross inside the marker of a step that diverges. */
static void
draw_cross (cairo_t *cr,
            double   x,
            double   y,
            double   r)
{
  double d = 0.4 * r;

  cairo_move_to (cr, x - d, y - d);
  cairo_line_to (cr, x + d, y + d);
  cairo_move_to (cr, x + d, y - d);
  cairo_line_to (cr, x - d, y + d);
  cairo_stroke (cr);
}

/* The x of the k-th marker: side by side from the next step on, so that equal losses stay
 * apart. */
static double
marker_x (const GhostMarks *marks,
          guint             k,
          double            r)
{
  return marks->x + k * FAN * r;
}

/* The labels' heights: at their markers, pushed apart to a line each, within the plot. */
static void
spread_labels (const GhostMarks *marks,
               double            line_h,
               double           *label_y)
{
  guint order[BP_SPARKLINE_MAX_GHOSTS];
  double shift;

  for (guint k = 0; k < marks->n; k++)
    {
      order[k] = k;
      label_y[k] = marks->y[k];
    }
  for (guint i = 1; i < marks->n; i++)
    for (guint j = i; j > 0 && label_y[order[j]] < label_y[order[j - 1]]; j--)
      {
        guint t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  for (guint i = 1; i < marks->n; i++)
    label_y[order[i]] = MAX (label_y[order[i]], label_y[order[i - 1]] + line_h);
  shift = label_y[order[marks->n - 1]] - (marks->bottom + line_h / 2);
  if (shift > 0.0)
    for (guint i = 0; i < marks->n; i++)
      label_y[order[i]] = MAX (marks->top - line_h / 2 + i * line_h,
                               label_y[order[i]] - shift);
}

/* The y of each ghost on the plot: at its loss, or at the edge it is pinned to. */
static void
set_y (GhostMarks    *marks,
       double       (*value_y) (gconstpointer chart, double value),
       gconstpointer  chart,
       double         r)
{
  for (guint k = 0; k < marks->n; k++)
    switch (marks->place[k])
      {
      case GHOST_IN_RANGE:
        marks->y[k] = value_y (chart, marks->ghosts[k].loss);
        break;
      case GHOST_BELOW:
        marks->y[k] = marks->bottom - r;
        break;
      case GHOST_ABOVE:
      case GHOST_DIVERGED:
      default:
        marks->y[k] = marks->top + r;
        break;
      }
}

/* Draws the ghosts placed by _bp_sparkline_ghosts_place() on a plot from @top to @bottom whose
 * right edge is @plot_right, linked to the curve's newest point (@from_x, @from_y); @value_y
 * gives a loss's height on @chart. */
void
_bp_sparkline_draw_ghosts (cairo_t          *cr,
                           GhostMarks       *marks,
                           double            from_x,
                           double            from_y,
                           double            plot_right,
                           double            top,
                           double            bottom,
                           double          (*value_y) (gconstpointer chart, double value),
                           gconstpointer     chart,
                           const BpPalette  *palette,
                           double            text_scale)
{
  double r = MARKER_R * text_scale;
  double dashes[] = { 3.0 * text_scale, 3.0 * text_scale };
  double label_y[BP_SPARKLINE_MAX_GHOSTS];
  BpColor link = palette->loss;
  double line_h = 0.0, label_x;

  if (marks->n == 0)
    return;
  marks->from_x = from_x;
  marks->from_y = from_y;
  marks->x = plot_right + round (BP_SPARKLINE_GHOST_GAP * text_scale);
  marks->top = top;
  marks->bottom = bottom;
  set_y (marks, value_y, chart, r);
  cairo_save (cr);
  link.alpha *= 0.7;
  bp_color_set_source (cr, &link);
  cairo_set_line_width (cr, 1.5 * text_scale);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
  for (guint k = 0; k < marks->n; k++)
    {
      cairo_move_to (cr, marks->from_x, marks->from_y);
      cairo_line_to (cr, marker_x (marks, k, r), marks->y[k]);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);

  cairo_set_line_width (cr, 2.0 * text_scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint k = 0; k < marks->n; k++)
    {
      trace_marker (cr, k, marker_x (marks, k, r), marks->y[k], r);
      bp_color_set_source (cr, &palette->background);
      cairo_fill_preserve (cr);
      bp_color_set_source (cr, &palette->loss);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 1.5 * text_scale);
      if (marks->place[k] == GHOST_DIVERGED)
        draw_cross (cr, marker_x (marks, k, r), marks->y[k], r);
      else if (marks->place[k] != GHOST_IN_RANGE)
        draw_arrow (cr, marker_x (marks, k, r), marks->y[k], r,
                    marks->place[k] != GHOST_BELOW);
      cairo_set_line_width (cr, 2.0 * text_scale);
    }

  for (guint k = 0; k < marks->n; k++)
    {
      g_autoptr(PangoLayout) layout = _bp_sparkline_text_layout (cr, text_scale,
                                                                 marks->label[k]);
      double w;

      _bp_sparkline_text_size (layout, &w, &line_h);
    }
  spread_labels (marks, line_h, label_y);
  label_x = marker_x (marks, marks->n - 1, r) + 1.2 * r + LABEL_GAP * text_scale;
  /* A hairline from each marker to its label, which may have moved off its height. */
  link.alpha *= 0.6;
  bp_color_set_source (cr, &link);
  cairo_set_line_width (cr, 1.0);
  for (guint k = 0; k < marks->n; k++)
    {
      cairo_move_to (cr, marker_x (marks, k, r) + 1.2 * r, marks->y[k]);
      cairo_line_to (cr, label_x - 1.0 * text_scale, label_y[k]);
    }
  cairo_stroke (cr);
  for (guint k = 0; k < marks->n; k++)
    {
      g_autoptr(PangoLayout) layout = _bp_sparkline_text_layout (cr, text_scale,
                                                                 marks->label[k]);

      _bp_sparkline_show_text (cr, layout, &palette->loss, label_x + 1.0 * text_scale,
                               label_y[k], FALSE);
    }
  cairo_restore (cr);
}

/**
 * bp_sparkline_describe_ghosts:
 * @description: what the chart says without them
 * @ghosts: (array length=n_ghosts) (nullable): the ghosts, or %NULL
 * @n_ghosts: how many
 *
 * Adds to @description what the ghosts show, for screen readers: "After one step at 0.1η the
 * loss would be 0.21; at η 0.18; at 10η the step diverges."
 *
 * Returns: (transfer full): the description
 */
char *
bp_sparkline_describe_ghosts (const char    *description,
                              const BpGhost *ghosts,
                              guint          n_ghosts)
{
  g_autoptr(GString) text = NULL;

  if (ghosts == NULL || n_ghosts == 0)
    return g_strdup (description);
  text = g_string_new (NULL);
  for (guint k = 0; k < n_ghosts; k++)
    {
      g_autofree char *name = bp_sparkline_ghost_name (ghosts[k].factor);
      g_autofree char *loss = NULL;

      if (k > 0)
        /* Translators: between the parts of "After one step at 0.1η the loss would be
         * 0.21; at η 0.18; at 10η the step diverges." */
        g_string_append (text, C_("loss chart ghosts", "; "));
      if (ghosts[k].diverged)
        g_string_append_printf (text, k == 0
                                /* Translators: read by screen readers, the first part of
                                 * the loss chart's ghosts; %s is a learning rate ("10η") */
                                ? _("After one step at %s the step diverges")
                                /* Translators: a later part of the same sentence */
                                : _("at %s the step diverges"), name);
      else
        {
          loss = _bp_sparkline_format_loss (ghosts[k].loss);
          g_string_append_printf (text, k == 0
                                  /* Translators: read by screen readers, the first part
                                   * of the loss chart's ghosts; the first %s is a learning
                                   * rate ("0.1η"), the second a value of the loss */
                                  ? _("After one step at %s the loss would be %s")
                                  /* Translators: a later part of the same sentence: "at
                                   * η 0.18"; a learning rate, then a value of the loss */
                                  : C_("loss chart ghosts", "at %s %s"), name, loss);
        }
    }
  /* Translators: the loss chart's description ("Loss fell from 0.2134 to 0.01234 over 40
   * steps") followed by the ghosts' sentence ("After one step at 0.1η …") */
  return g_strdup_printf (C_("loss chart ghosts", "%s. %s."), description, text->str);
}
