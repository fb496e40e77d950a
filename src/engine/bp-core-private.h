/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-core-private.h: what the engine's own files share and no other layer may use.
 *
 * The activation functions and their derivatives are static inline here because the passes
 * call them once per neuron: a call into another file for each would cost more than the
 * function itself.
 */
#pragma once

#include "bp-core.h"

#include <math.h>

G_BEGIN_DECLS

/* The passes over the weights run at memory speed only with wide vector instructions. On
 * x86-64 they are compiled twice, for AVX2 and for the baseline, and the loader picks one.
 * Without -ffast-math the compiler keeps the order of every sum, so both give the same bits. */
#if defined(__x86_64__) && defined(__GNUC__) && defined(__has_attribute)
#if __has_attribute(target_clones) && !defined(__SANITIZE_ADDRESS__)
#define BP_VECTOR_KERNEL __attribute__((target_clones ("avx2", "default")))
#endif
#endif
#ifndef BP_VECTOR_KERNEL
#define BP_VECTOR_KERNEL
#endif

static inline double
bp_activation_apply_inline (BpActivation activation,
                            double       z)
{
  switch (activation)
    {
    case BP_ACTIVATION_LINEAR:
      return z;
    case BP_ACTIVATION_SIGMOID:
      return 1.0 / (1.0 + exp (-z));
    case BP_ACTIVATION_TANH:
      return tanh (z);
    case BP_ACTIVATION_RELU:
      return z > 0.0 ? z : 0.0;
    case BP_ACTIVATION_LEAKY_RELU:
      return z > 0.0 ? z : BP_LEAKY_RELU_SLOPE * z;
    case BP_N_ACTIVATIONS:
    default:
      g_assert_not_reached ();
    }
}

/* da/dz, from the pre-activation z and the activation a = f(z). Like PyTorch, the kinks of
 * ReLU and leaky ReLU at z = 0 take the slope of the left side. */
static inline double
bp_activation_derivative_inline (BpActivation activation,
                                 double       z,
                                 double       a)
{
  switch (activation)
    {
    case BP_ACTIVATION_LINEAR:
      return 1.0;
    case BP_ACTIVATION_SIGMOID:
      return a * (1.0 - a);
    case BP_ACTIVATION_TANH:
      return 1.0 - a * a;
    case BP_ACTIVATION_RELU:
      return z > 0.0 ? 1.0 : 0.0;
    case BP_ACTIVATION_LEAKY_RELU:
      return z > 0.0 ? 1.0 : BP_LEAKY_RELU_SLOPE;
    case BP_N_ACTIVATIONS:
    default:
      g_assert_not_reached ();
    }
}

/* A weight after a mini-batch step with gradient g. Under L1 a weight the step would carry
 * across zero stops at exactly 0; otherwise it is w − η·g, the same bits as a plain step. */
static inline double
bp_stepped_weight (double   w,
                   double   g,
                   double   eta,
                   gboolean stop_at_zero)
{
  double v = w - eta * g;

  if (stop_at_zero && ((w > 0.0 && v < 0.0) || (w < 0.0 && v > 0.0)))
    return 0.0;
  return v;
}

gboolean      bp_net_regularized          (const BpNet    *net);
void          bp_net_add_penalty_gradient (BpNet          *net);
void          bp_net_output_gradient      (const BpNet    *net,
                                           const double   *z,
                                           const double   *y,
                                           const double   *t,
                                           double         *grad_y,
                                           double         *delta);

/* The index of @name in @names (n_names of them), or −1: the from_string () of the
 * engine's named kinds (activations, losses, regularisations, generators, features). */
static inline gint
_bp_name_index (const char *const *names,
                guint              n_names,
                const char        *name)
{
  for (guint k = 0; k < n_names; k++)
    if (g_str_equal (name, names[k]))
      return (gint) k;
  return -1;
}
/* An activation function in long double, for the finite differences of the gradient checks
 * (bp-gradcheck.c, bp-probe.c). */
static inline long double
_bp_activate_ld (BpActivation f,
                 long double  z)
{
  switch (f)
    {
    case BP_ACTIVATION_SIGMOID:
      return 1.0L / (1.0L + expl (-z));
    case BP_ACTIVATION_TANH:
      return tanhl (z);
    case BP_ACTIVATION_RELU:
    case BP_ACTIVATION_LEAKY_RELU:
    case BP_ACTIVATION_LINEAR:
    case BP_N_ACTIVATIONS:
    default:
      return z > 0.0L || f == BP_ACTIVATION_LINEAR ? z :
             f == BP_ACTIVATION_RELU ? 0.0L : BP_LEAKY_RELU_SLOPE * z;
    }
}

G_END_DECLS
