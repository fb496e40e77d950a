#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The gradient a network in dataset mode shows (and its next step applies) against
# PyTorch float64: for several datasets, features, losses, regularisations, batch
# sizes and step counts, batch-view-probe prints the network after its steps, its
# training points, the examples of its next mini-batch, the input it shows and the
# gradients it shows. Torch computes the features of that batch from the points, the
# batch's loss (the mean of the per-example losses plus λ·½·Σw² under L2 or λ·Σ|w|
# under L1, over the weights only) and its gradient; the two must agree to
# |a - b| <= 1e-9 * max(1, |b|), and the input shown must be the batch's first example.
#
# Usage: /usr/bin/python3 torch-batch-view.py PATH/TO/batch-view-probe
# Output is TAP; the exit status is non-zero on any failure.

import importlib.util
import json
import math
import os
import subprocess
import sys

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    print("1..1")
    print("not ok 1 - import torch # python3-torch is missing: "
          "apt-get install -y python3-torch")
    sys.exit(1)

_spec = importlib.util.spec_from_file_location(
    "torch_reference", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "torch-reference.py"))
reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference)

torch.set_num_threads(1)
DTYPE = torch.float64

FEATURES = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1_squared": lambda x1, x2: x1 * x1,
    "x2_squared": lambda x1, x2: x2 * x2,
    "x1_times_x2": lambda x1, x2: x1 * x2,
    "sin_x1": lambda x1, x2: math.sin(x1),
    "sin_x2": lambda x1, x2: math.sin(x2),
}

# generator, features, loss, regularization, rate, batch size, steps
CASES = [
    ("xor", "x1,x2", "squared-error", "none", "0", 10, 0),
    ("xor", "x1,x2,x1_times_x2", "cross-entropy", "l2", "0.03", 10, 7),
    ("circle", "x1,x2,x1_squared,x2_squared", "cross-entropy", "l1", "0.01", 7, 13),
    ("spiral", "x1,x2,sin_x1,sin_x2", "squared-error", "l2", "0.3", 1, 5),
    ("gaussian", "x1,x2", "cross-entropy", "l1", "0.003", 64, 3),
    ("plane", "x1,x2", "squared-error", "l2", "0.1", 4, 9),
    ("multi-gaussian", "x1,x2,x1_squared,x2_squared,x1_times_x2,sin_x1,sin_x2",
     "squared-error", "none", "0", 25, 2),
]


def torch_batch(engine, features):
    """The batch's inputs (features computed here) and targets."""
    rows, targets = [], []
    for k in engine["batch"]:
        x1, x2, label = engine["train_points"][k]
        rows.append([FEATURES[f](x1, x2) for f in features])
        targets.append([label])
    return rows, targets


def torch_gradients(engine, rows, targets):
    weights = [torch.tensor(w, dtype=DTYPE, requires_grad=True) for w in engine["weights"]]
    biases = [torch.tensor(b, dtype=DTYPE, requires_grad=True) for b in engine["biases"]]
    a = torch.tensor(rows, dtype=DTYPE)
    t = torch.tensor(targets, dtype=DTYPE)
    z = None
    for w, b, name in zip(weights, biases, engine["activations"]):
        z = F.linear(a, w, b)
        a = reference.activate(name, z)
    if engine["loss"] == "squared-error":
        per_example = 0.5 * ((a - t) ** 2).sum(dim=1)
    else:
        per_example = F.binary_cross_entropy_with_logits(z, t, reduction="none").sum(dim=1)
    loss = per_example.mean()
    rate = engine["regularization_rate"]
    if engine["regularization"] == "l2":
        loss = loss + rate * (0.5 * sum((w ** 2).sum() for w in weights))
    elif engine["regularization"] == "l1":
        loss = loss + rate * sum(w.abs().sum() for w in weights)
    loss.backward()
    return [w.grad.tolist() for w in weights], [b.grad.tolist() for b in biases]


def check(probe, case):
    generator, features, loss, kind, rate, batch_size, steps = case
    proc = subprocess.run([probe, generator, features, loss, kind, rate, str(batch_size),
                           str(steps)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=60)
    if proc.returncode != 0:
        return ["probe exited with %d: %s" % (proc.returncode, proc.stderr.decode()[:300])]
    engine = json.loads(proc.stdout)
    rows, targets = torch_batch(engine, features.split(","))
    problems = []
    if len(rows) != min(batch_size, len(engine["train_points"])) and steps == 0:
        problems.append("the first batch has %d examples" % len(rows))
    reference.compare(generator, "input", engine["input"], rows[0], problems)
    weight_grads, bias_grads = torch_gradients(engine, rows, targets)
    reference.compare(generator, "weight_gradients", engine["shown_weight_gradients"],
                      weight_grads, problems)
    reference.compare(generator, "bias_gradients", engine["shown_bias_gradients"],
                      bias_grads, problems)
    return problems


def main():
    if len(sys.argv) != 2:
        print("usage: %s PATH/TO/batch-view-probe" % sys.argv[0], file=sys.stderr)
        return 2
    tap = reference.Tap(len(CASES))
    for case in CASES:
        name = "%s, %s, %s, %s %s, batch %d, after %d steps" % case
        tap.result("gradient shown = torch's batch gradient: " + name,
                   check(sys.argv[1], case))
    print("# largest |a-b|/max(1,|b|) per field:")
    for field in sorted(reference.largest_error):
        print("#   %-18s %.3g" % (field, reference.largest_error[field]))
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
