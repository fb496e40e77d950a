/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bp-init.c: the initial weights of a network, drawn from a seed. */
#define G_LOG_DOMAIN "bp-core"

#include "config.h"

#include "bp-core-private.h"

#include <math.h>
#include <string.h>

/**
 * bp_net_init_seeded:
 * @net: a network
 * @seed: the seed
 *
 * Draws fresh weights from GLib's GRand seeded with @seed, layer by layer, row by row:
 * Glorot uniform U(±√(6/(fan_in + fan_out))) for tanh, sigmoid and linear layers, He uniform
 * U(±√(6/fan_in)) for ReLU and leaky ReLU. Biases become 0. The same seed gives a
 * bit-identical network on every machine. Values and gradients are not recomputed.
 */
void
bp_net_init_seeded (BpNet   *net,
                    guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint l = 0; l < net->n_layers; l++)
    {
      double fan_in = net->sizes[l];
      double fan_out = net->sizes[l + 1];
      gsize n = (gsize) net->sizes[l] * net->sizes[l + 1];
      double limit;

      if (net->activations[l] == BP_ACTIVATION_RELU ||
          net->activations[l] == BP_ACTIVATION_LEAKY_RELU)
        limit = sqrt (6.0 / fan_in);
      else
        limit = sqrt (6.0 / (fan_in + fan_out));

      for (gsize k = 0; k < n; k++)
        net->weights[l][k] = g_rand_double_range (rand, -limit, limit);
      memset (net->biases[l], 0, net->sizes[l + 1] * sizeof (double));
    }
}
