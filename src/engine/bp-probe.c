/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-probe.c: one parameter's gradient checked by hand, as `backprop-cli gradcheck` checks
 * them all (bp-gradcheck.c): the loss moved by ±h in long double, and the relative error
 * |g − s| / max(10⁻⁸, |g| + |s|). The curve is the engine's own loss in double, so its
 * middle point is bit for bit the loss the window shows. */
#define G_LOG_DOMAIN "bp-core"

#include "config.h"

#include "bp-probe.h"

#include "bp-core-private.h"

#include <math.h>
#include <string.h>

/* The work a window may spend on one curve: multiply-adds of forward passes. */
#define CURVE_BUDGET 2e7

/* What a long-double pass does with the signs of the ReLUs' sums. */
typedef enum {
  SIGNS_IGNORE,
  SIGNS_RECORD,
  SIGNS_COMPARE,
} SignsMode;

typedef struct {
  const BpNet *net;
  guint layer, to, from;
  const double *inputs;     /* NULL: the net's own example */
  const double *targets;
  guint n_samples;
  long double *x, *y;       /* a layer's values, the widest layer long */
  guint8 *signs;            /* the ReLUs' signs of every sample, at p − h */
  gsize n_signs;
  SignsMode signs_mode;
  gboolean sign_changed;
} Pass;

static gboolean
has_kink (BpActivation f)
{
  return f == BP_ACTIVATION_RELU || f == BP_ACTIVATION_LEAKY_RELU;
}

/* Records or compares the sign of a ReLU's sum; *k counts the sums seen. */
static void
track_sign (Pass        *pass,
            gsize       *k,
            long double  z)
{
  guint8 positive = z > 0.0L;

  g_assert (*k < pass->n_signs);
  if (pass->signs_mode == SIGNS_RECORD)
    pass->signs[*k] = positive;
  else if (pass->signs_mode == SIGNS_COMPARE && pass->signs[*k] != positive)
    pass->sign_changed = TRUE;
  (*k)++;
}

/* One example's loss with the parameter moved by @offset, in long double, as bp-gradcheck.c
 * computes it. */
static long double
sample_loss (Pass         *pass,
             const double *input,
             const double *target,
             long double   offset,
             gsize        *k)
{
  const BpNet *net = pass->net;
  guint L = net->n_layers;
  long double *x = pass->x, *y = pass->y;
  long double loss = 0.0L;

  for (guint i = 0; i < net->sizes[0]; i++)
    x[i] = input[i];
  for (guint l = 0; l < L; l++)
    {
      for (guint j = 0; j < net->sizes[l + 1]; j++)
        {
          const double *w = bp_net_weight (net, l, j, 0);
          long double z = net->biases[l][j];

          for (guint i = 0; i < net->sizes[l]; i++)
            z += (long double) w[i] * x[i];
          if (l == pass->layer && j == pass->to)
            z += pass->from == BP_PROBE_BIAS ? offset : offset * x[pass->from];
          if (has_kink (net->activations[l]))
            track_sign (pass, k, z);
          y[j] = l + 1 == L ? z : _bp_activate_ld (net->activations[l], z);
        }
      if (l + 1 < L)
        memcpy (x, y, net->sizes[l + 1] * sizeof (long double));
    }
  for (guint o = 0; o < net->sizes[L]; o++)
    {
      long double z = y[o];
      long double t = target[o];

      if (net->loss_kind == BP_LOSS_CROSS_ENTROPY)
        loss += fmaxl (z, 0.0L) + log1pl (expl (-fabsl (z))) - t * z;
      else
        {
          long double e = _bp_activate_ld (net->activations[L - 1], z) - t;

          loss += 0.5L * e * e;
        }
    }
  return loss;
}

/* The moved weight's own part of the penalty; the other weights' parts cancel in a
 * difference. */
static long double
penalty_part (const Pass  *pass,
              long double  offset)
{
  const BpNet *net = pass->net;
  long double w;

  if (pass->inputs == NULL || pass->from == BP_PROBE_BIAS || !bp_net_regularized (net))
    return 0.0L;
  w = (long double) *bp_net_weight (net, pass->layer, pass->to, pass->from) + offset;
  if (net->regularization == BP_REGULARIZATION_L2)
    return net->regularization_rate * 0.5L * w * w;
  return net->regularization_rate * fabsl (w);
}

/* L(p + offset) up to a constant, in long double. */
static long double
moved_loss (Pass        *pass,
            long double  offset,
            SignsMode    mode)
{
  const BpNet *net = pass->net;
  guint L = net->n_layers;
  long double sum = 0.0L;
  gsize k = 0;

  pass->signs_mode = mode;
  if (pass->inputs == NULL)
    return sample_loss (pass, net->a[0], net->target, offset, &k);
  for (guint s = 0; s < pass->n_samples; s++)
    sum += sample_loss (pass, pass->inputs + (gsize) s * net->sizes[0],
                        pass->targets + (gsize) s * net->sizes[L], offset, &k);
  return sum / pass->n_samples + penalty_part (pass, offset);
}

static void
pass_init (Pass         *pass,
           const BpNet  *net,
           guint         layer,
           guint         to,
           guint         from,
           const double *inputs,
           const double *targets,
           guint         n_samples)
{
  guint widest = 0;
  gsize kinks = 0;

  memset (pass, 0, sizeof *pass);
  pass->net = net;
  pass->layer = layer;
  pass->to = to;
  pass->from = from;
  pass->inputs = inputs;
  pass->targets = targets;
  pass->n_samples = inputs != NULL ? n_samples : 1;
  for (guint l = 0; l <= net->n_layers; l++)
    widest = MAX (widest, net->sizes[l]);
  for (guint l = 0; l < net->n_layers; l++)
    if (has_kink (net->activations[l]))
      kinks += net->sizes[l + 1];
  pass->x = g_new (long double, widest);
  pass->y = g_new (long double, widest);
  pass->n_signs = kinks * pass->n_samples;
  pass->signs = g_new (guint8, MAX (pass->n_signs, 1));
}

static void
pass_clear (Pass *pass)
{
  g_free (pass->x);
  g_free (pass->y);
  g_free (pass->signs);
}

static void
set_param (BpNet *net,
           guint  layer,
           guint  to,
           guint  from,
           double value)
{
  if (from == BP_PROBE_BIAS)
    net->biases[layer][to] = value;
  else
    net->weights[layer][(gsize) to * net->sizes[layer] + from] = value;
}

/* The loss the engine computes for @copy's parameters: its own example's after a forward
 * pass, or the mini-batch's mean loss plus the penalty, summed in the order of
 * bp_net_batch_gradient (). */
static double
engine_loss (BpNet        *copy,
             const double *inputs,
             const double *targets,
             guint         n_samples)
{
  guint L = copy->n_layers;
  double sum = 0.0;

  if (inputs == NULL)
    {
      bp_net_forward (copy);
      return copy->loss;
    }
  for (guint s = 0; s < n_samples; s++)
    {
      bp_net_set_input (copy, inputs + (gsize) s * copy->sizes[0]);
      bp_net_forward (copy);
      sum += bp_net_loss_of (copy, copy->z[L], copy->a[L], targets + (gsize) s * copy->sizes[L]);
    }
  return sum / n_samples + (bp_net_regularized (copy) ? bp_net_penalty (copy) : 0.0);
}

/* Backprop's ∂L/∂p and L(p) at the copy's parameters, as the window's network shows them. */
static double
engine_gradient (BpNet        *copy,
                 BpProbe      *probe,
                 const double *inputs,
                 const double *targets,
                 guint         n_samples)
{
  gboolean bias = probe->from == BP_PROBE_BIAS;

  if (inputs == NULL)
    {
      bp_net_forward (copy);
      bp_net_backward (copy);
      probe->loss = copy->loss;
      return bias ? bp_net_sample_bias_gradient (copy, probe->layer, probe->to)
                  : bp_net_sample_weight_gradient (copy, probe->layer, probe->to, probe->from);
    }
  bp_net_batch_gradient (copy, inputs, targets, n_samples);
  probe->loss = bp_net_regularized (copy) ? copy->batch_data_loss + copy->batch_penalty
                                          : copy->batch_data_loss;
  return bias ? bp_net_batch_bias_gradient (copy, probe->layer, probe->to)
              : bp_net_batch_weight_gradient (copy, probe->layer, probe->to, probe->from);
}

/* The central difference and whether a kink lies within ±h. */
static void
check_slope (BpProbe      *probe,
             const BpNet  *net,
             const double *inputs,
             const double *targets,
             guint         n_samples)
{
  Pass pass;
  long double h = probe->h;
  long double minus, plus;

  pass_init (&pass, net, probe->layer, probe->to, probe->from, inputs, targets, n_samples);
  minus = moved_loss (&pass, -h, SIGNS_RECORD);
  plus = moved_loss (&pass, h, SIGNS_COMPARE);
  probe->slope = (double) ((plus - minus) / (2.0L * h));
  probe->kink = pass.sign_changed;
  if (inputs != NULL && probe->from != BP_PROBE_BIAS && bp_net_regularized (net)
      && net->regularization == BP_REGULARIZATION_L1 && fabs (probe->value) < probe->h)
    probe->kink = TRUE;
  pass_clear (&pass);
}

/* A span that shows the curve bend: narrower where the loss curves sharply, never beyond
 * twice the parameter's scale. */
static double
curve_span (BpNet        *copy,
            BpProbe      *probe,
            const double *inputs,
            const double *targets,
            guint         n_samples)
{
  double base = fmax (1.0, fabs (probe->value));
  double s = 0.05 * base;
  double curvature;

  set_param (copy, probe->layer, probe->to, probe->from, probe->value + s);
  curvature = engine_loss (copy, inputs, targets, n_samples);
  set_param (copy, probe->layer, probe->to, probe->from, probe->value - s);
  curvature += engine_loss (copy, inputs, targets, n_samples);
  curvature = fabs (curvature - 2.0 * probe->loss) / (s * s);
  if (!isfinite (curvature) || curvature < 1e-12)
    return 2.0 * base;
  return CLAMP (2.0 / sqrt (curvature), 0.1 * base, 2.0 * base);
}

static void
sample_curve (BpNet        *copy,
              BpProbe      *probe,
              const double *inputs,
              const double *targets,
              guint         n_samples)
{
  guint mid = probe->n_points / 2;

  for (guint k = 0; k < probe->n_points; k++)
    {
      double x = k == mid ? probe->value
                          : probe->value + probe->span * ((double) k - mid) / mid;

      set_param (copy, probe->layer, probe->to, probe->from, x);
      probe->xs[k] = x;
      probe->ys[k] = engine_loss (copy, inputs, targets, n_samples);
      probe->finite = probe->finite && isfinite (probe->ys[k]);
    }
  set_param (copy, probe->layer, probe->to, probe->from, probe->value);
}

/**
 * bp_probe_new:
 * @net: a network; it is only read
 * @layer: a weight layer
 * @to: a neuron of layer @layer + 1
 * @from: a neuron of layer @layer, or %BP_PROBE_BIAS for the bias of @to
 * @inputs: (array) (nullable): @n_samples rows of sizes[0] inputs, a mini-batch; %NULL for
 *   the net's own example
 * @targets: (array) (nullable): their targets, @n_samples rows of sizes[L]
 * @n_samples: the mini-batch's size (ignored without @inputs)
 * @n_points: the curve's points, at least 3 (made odd)
 *
 * Checks one parameter's gradient. L is the loss whose gradient the window shows: the
 * example's, or the mini-batch's mean loss plus the penalty (bp_net_batch_gradient ()).
 * The slope is the central difference (L(p + h) − L(p − h)) / 2h with h = 10⁻⁵·max(1, |p|),
 * the two losses in long double; the curve is the engine's L over p ± span.
 *
 * Returns: (transfer full): the probe
 */
BpProbe *
bp_probe_new (const BpNet  *net,
              guint         layer,
              guint         to,
              guint         from,
              const double *inputs,
              const double *targets,
              guint         n_samples,
              guint         n_points)
{
  g_autoptr(BpNet) copy = NULL;
  BpProbe *probe;

  g_return_val_if_fail (net != NULL && layer < net->n_layers, NULL);
  g_return_val_if_fail (to < net->sizes[layer + 1], NULL);
  g_return_val_if_fail (from == BP_PROBE_BIAS || from < net->sizes[layer], NULL);
  g_return_val_if_fail (inputs == NULL || (targets != NULL && n_samples > 0), NULL);

  probe = g_new0 (BpProbe, 1);
  probe->layer = layer;
  probe->to = to;
  probe->from = from;
  probe->batch = inputs != NULL;
  probe->value = from == BP_PROBE_BIAS ? net->biases[layer][to]
                                       : *bp_net_weight (net, layer, to, from);
  probe->n_points = MAX (n_points, 3) | 1;
  probe->xs = g_new (double, probe->n_points);
  probe->ys = g_new (double, probe->n_points);
  probe->h = 1e-5 * fmax (1.0, fabs (probe->value));

  copy = bp_net_copy (net);
  probe->gradient = engine_gradient (copy, probe, inputs, targets, n_samples);
  check_slope (probe, net, inputs, targets, n_samples);
  probe->relative_error = bp_probe_relative_error (probe->gradient, probe->slope);
  probe->finite = isfinite (probe->value) && isfinite (probe->loss)
                  && isfinite (probe->gradient) && isfinite (probe->slope)
                  && isfinite (probe->relative_error);
  probe->span = probe->finite ? curve_span (copy, probe, inputs, targets, n_samples) : 1.0;
  sample_curve (copy, probe, inputs, targets, n_samples);
  return probe;
}

void
bp_probe_free (BpProbe *probe)
{
  if (probe == NULL)
    return;
  g_free (probe->xs);
  g_free (probe->ys);
  g_free (probe);
}

/**
 * bp_probe_relative_error:
 * @analytic: backprop's gradient
 * @numeric: the finite-difference slope
 *
 * Returns: |a − n| / max(10⁻⁸, |a| + |n|), gradcheck's measure
 */
double
bp_probe_relative_error (double analytic,
                         double numeric)
{
  return fabs (analytic - numeric) / fmax (1e-8, fabs (analytic) + fabs (numeric));
}

/**
 * bp_probe_digits:
 * @probe: a probe
 *
 * Returns: how many leading digits backprop and the slope share: ⌊−log₁₀ relative error⌋,
 *   0 … 15 (15 when they are equal)
 */
guint
bp_probe_digits (const BpProbe *probe)
{
  double e = probe->relative_error;

  if (!(e < 1.0))
    return 0;
  if (e <= 1e-15)
    return 15;
  return (guint) CLAMP (floor (-log10 (e)), 0.0, 15.0);
}

/**
 * bp_probe_budget_points:
 * @net: a network
 * @n_samples: examples per evaluation of the loss (1 for one example)
 *
 * Returns: how many curve points fit the work a window may do once per frame: 101 for
 *   small networks, fewer for large ones, never under 11
 */
guint
bp_probe_budget_points (const BpNet *net,
                        guint        n_samples)
{
  double cost = (double) (net->n_weights + net->n_biases) * MAX (n_samples, 1);
  double points = CURVE_BUDGET / MAX (cost, 1.0);

  return ((guint) CLAMP (points, 11.0, 101.0)) | 1;
}
