/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-gradcheck.c: backprop's gradients against finite differences of the loss. */
#define G_LOG_DOMAIN "bp-core"

#include "config.h"

#include "bp-core-private.h"

#include <math.h>
#include <string.h>

/* The parameter a gradient check moves: a weight, or the bias of `to` if from is G_MAXUINT. */
typedef struct {
  guint layer;
  guint to;
  guint from;
} Param;

/* The loss with one parameter moved by offset, computed in long double: a finite difference
 * subtracts two nearly equal losses, and the extra bits keep it accurate for gradients far
 * smaller than the loss, as in deep sigmoid networks. */
static long double
loss_moved (const BpNet *net,
            Param        p,
            long double  offset,
            long double *x,
            long double *y)
{
  guint L = net->n_layers;
  long double loss = 0.0L;

  for (guint i = 0; i < net->sizes[0]; i++)
    x[i] = net->a[0][i];
  for (guint l = 0; l < L; l++)
    {
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          const double *w = bp_net_weight (net, l, j, 0);
          long double z = net->biases[l][j];

          for (guint i = 0; i < net->sizes[l]; i++)
            z += (long double) w[i] * x[i];
          if (l == p.layer && j == p.to)
            z += p.from == G_MAXUINT ? offset : offset * x[p.from];
          y[j] = l + 1 == L ? z : _bp_activate_ld (net->activations[l], z);
        }
      if (l + 1 < L)
        memcpy (x, y, net->sizes[l + 1] * sizeof (long double));
    }
  for (guint k = 0; k < net->sizes[L]; k++)
    {
      long double z = y[k];
      long double t = net->target[k];

      if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
        loss += fmaxl (z, 0.0L) + log1pl (expl (-fabsl (z))) - t * z;
      else
        loss += 0.5L * (_bp_activate_ld (net->activations[L - 1], z) - t) *
                (_bp_activate_ld (net->activations[L - 1], z) - t);
    }
  return loss;
}

/* Central differences D(h) = (L(p + h) − L(p − h)) / 2h at h and h/2, combined by Richardson
 * extrapolation (4·D(h/2) − D(h)) / 3, whose truncation error is O(h⁴). */
static double
numeric_gradient (const BpNet *net,
                  Param        p,
                  double       value,
                  long double *x,
                  long double *y)
{
  long double h = 1e-4L * fmaxl (1.0L, fabsl (value));
  long double d1 = (loss_moved (net, p, h, x, y) - loss_moved (net, p, -h, x, y)) / (2 * h);
  long double d2 = (loss_moved (net, p, h / 2, x, y) - loss_moved (net, p, -h / 2, x, y)) / h;

  return (double) ((4.0L * d2 - d1) / 3.0L);
}

static double
relative_error (double analytic,
                double numeric)
{
  return fabs (analytic - numeric) / fmax (1e-8, fabs (analytic) + fabs (numeric));
}

/* The larger error, where NaN (a gradient that is not a number) is the worst of all: fmax ()
 * would drop it. */
static double
worse_error (double a,
             double b)
{
  return isnan (a) || isnan (b) ? NAN : fmax (a, b);
}

/**
 * bp_net_gradient_check:
 * @net: a network
 *
 * Compares every backprop gradient with central finite differences
 * D(h) = (L(p + h) − L(p − h)) / 2h, extrapolated as (4·D(h/2) − D(h)) / 3 with
 * h = 10⁻⁴·max(1, |p|), the losses computed in long double.
 *
 * Returns: the largest relative error |a − n| / max(10⁻⁸, |a| + |n|), NaN if any gradient
 *   is not a number
 */
double
bp_net_gradient_check (BpNet *net)
{
  guint widest = 0;
  g_autofree long double *x = NULL;
  g_autofree long double *y = NULL;
  double worst = 0.0;

  for (guint l = 0; l <= net->n_layers; l++)
    widest = MAX (widest, net->sizes[l]);
  x = g_new (long double, widest);
  y = g_new (long double, widest);

  bp_net_forward (net);
  bp_net_backward (net);
  for (guint l = 0; l < net->n_layers; l++)
    for (guint j = 0; j < net->sizes[l + 1]; j++)
      {
        Param bias = { l, j, G_MAXUINT };

        for (guint i = 0; i < net->sizes[l]; i++)
          {
            Param weight = { l, j, i };
            double n = numeric_gradient (net, weight, *bp_net_weight (net, l, j, i), x, y);

            worst = worse_error (worst, relative_error (bp_net_weight_gradient (net, l, j, i),
                                                        n));
          }
        worst = worse_error (worst, relative_error (bp_net_bias_gradient (net, l, j),
                                                    numeric_gradient (net, bias,
                                                                      net->biases[l][j], x, y)));
      }
  return worst;
}
