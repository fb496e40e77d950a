# SPDX-License-Identifier: GPL-3.0-or-later
"""The network's arithmetic in plain Python (float64, the math module), independent of the
engine, for the CLI tests to check backprop-cli's numbers against."""
import math


def activate(name, z):
    """The activation NAME, as the network files write it, of the pre-activation Z."""
    if name == "tanh":
        return math.tanh(z)
    if name == "sigmoid":
        return 1.0 / (1.0 + math.exp(-z))
    if name == "relu":
        return z if z > 0 else 0.0
    if name == "leaky-relu":
        return z if z > 0 else 0.01 * z
    return z
