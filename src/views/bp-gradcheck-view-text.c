/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-gradcheck-view-text.c: the words of the Check page: its rows' titles, the verdict,
 * what L is, and the plot's description for screen readers. */
#define G_LOG_DOMAIN "bp-gradcheck-view"

#include "config.h"

#include "bp-gradcheck-view-private.h"

#include "bp-format.h"

#include <glib/gi18n.h>

/**
 * _bp_gradcheck_row_title:
 * @row: a row, ROW_BACKPROP … ROW_ERROR
 *
 * Returns: its title, translated
 */
const char *
_bp_gradcheck_row_title (guint row)
{
  switch (row)
    {
    case ROW_BACKPROP:
      /* Translators: the gradient ∂L/∂p as backpropagation computes it */
      return _("By backprop");
    case ROW_SLOPE:
      /* Translators: the slope (L(p + h) − L(p − h)) / 2h */
      return _("By finite differences");
    case ROW_H:
      return "h";
    case ROW_ERROR:
    default:
      return _("Relative error");
    }
}

/* Twelve significant digits, enough to see where backprop and the slope part; the locale's
 * decimal separator and a true minus, as every number a person reads. */
char *
_bp_gradcheck_format_long (double value)
{
  g_autofree char *text = g_strdup_printf ("%.12g", value);
  g_auto(GStrv) parts = g_strsplit (text, "-", -1);

  return g_strjoinv ("−", parts);
}

/* The sentence that says what the numbers mean. */
char *
_bp_gradcheck_verdict (const BpProbe *probe)
{
  guint digits;

  if (!probe->finite)
    return g_strdup (_("The loss or its gradient is not a finite number here, so there is "
                       "nothing to compare. Reset the network or lower the learning rate."));
  if (probe->kink)
    return g_strdup (_("A kink lies within h of this value: a ReLU switches on or off, or "
                       "the L1 penalty’s |w| turns at 0. The loss has no single slope here, "
                       "so the two numbers need not agree; backprop takes one side’s slope."));
  if (probe->relative_error > BP_PROBE_TOLERANCE)
    return g_strdup (_("They differ by more than 10⁻⁶, the tolerance of "
                       "backprop-cli gradcheck."));
  digits = bp_probe_digits (probe);
  return g_strdup_printf (ngettext ("Backprop and finite differences agree to %u digit.",
                                    "Backprop and finite differences agree to %u digits.",
                                    digits), digits);
}

/* What L is, and how the relative error is measured. */
const char *
_bp_gradcheck_note (const BpProbe *probe)
{
  if (probe->batch)
    return _("L is the loss whose gradient the diagram shows: the mean loss of the next "
             "mini-batch, plus the penalty. The relative error is |a − n| / max(10⁻⁸, "
             "|a| + |n|), as backprop-cli gradcheck measures it.");
  return _("L is the loss whose gradient the diagram shows: this example’s. The "
           "relative error is |a − n| / max(10⁻⁸, |a| + |n|), as backprop-cli "
           "gradcheck measures it.");
}

/* The plot in words, or NULL when it shows no curve. */
char *
_bp_gradcheck_plot_description (const BpProbe *p,
                                const char    *parameter)
{
  g_autofree char *lo = NULL, *hi = NULL, *value = NULL, *loss = NULL, *slope = NULL;

  if (!p->finite)
    return NULL;
  lo = bp_format_number (p->xs[0], BP_NUMBER_FORMULA);
  hi = bp_format_number (p->xs[p->n_points - 1], BP_NUMBER_FORMULA);
  value = bp_format_number (p->value, BP_NUMBER_FORMULA);
  loss = bp_format_number (p->loss, BP_NUMBER_FORMULA);
  slope = bp_format_number (p->gradient, BP_NUMBER_FORMULA);
  /* Translators: the plot's description for screen readers. %1$s is a weight's or bias's
   * name such as w(h1→y1), %2$s and %3$s the ends of its range, %4$s the slope, %5$s the
   * parameter's value and %6$s the loss there */
  return g_strdup_printf (_("The loss L as %1$s goes from %2$s to %3$s. A line of slope %4$s "
                            "touches the curve at %1$s = %5$s, where L = %6$s."),
                          parameter, lo, hi, slope, value, loss);
}
