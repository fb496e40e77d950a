#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Full-batch steps with L1 and L2 regularization against PyTorch float64: for
# networks of several shapes on the small dataset below, the engine's first
# step (batch loss, its data part and its penalty, the gradients, the updated
# parameters) and a run of TRAIN_STEPS steps (losses, final parameters) must
# agree with torch to |a - b| <= 1e-9 * max(1, |b|), as in torch-reference.py.
#
# The definitions the engine holds to: the loss of a batch is the mean of the
# per-example losses plus λ·½·Σw² (L2) or λ·Σ|w| (L1) over the weights, not the
# biases; a step is θ ← θ − η·∂loss/∂θ, with the derivative of |w| taken as 0
# at w = 0, and under L1 a weight the step would carry across zero is set to 0.
#
# Usage: /usr/bin/python3 torch-regularization.py PATH/TO/regularization-probe
# Output is TAP; the exit status is non-zero on any failure.

import importlib.util
import json
import math
import os
import random
import subprocess
import sys
import tempfile

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    print("1..1")
    print("not ok 1 - import torch # python3-torch is missing: "
          "apt-get install -y python3-torch")
    sys.exit(1)

# The comparison, the activations and the TAP output of torch-reference.py.
_spec = importlib.util.spec_from_file_location(
    "torch_reference", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "torch-reference.py"))
reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference)

torch.set_num_threads(1)
DTYPE = torch.float64
TRAIN_STEPS = 10

# The dataset: eight points of the plane with labels 0 and 1 (and, for networks
# with two outputs, the label and its complement).
INPUTS = [[0.5, -1.0], [1.0, 1.0], [-0.25, 0.75], [-1.5, -0.5],
          [2.0, 0.25], [0.0, -2.0], [-0.75, 1.5], [1.25, -0.5]]
LABELS = [1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0]

SHAPES = [
    ("2-4-3-1 tanh, sigmoid, cross-entropy", [2, 4, 3, 1],
     ["tanh", "tanh", "sigmoid"], "cross-entropy"),
    ("2-5-1 relu, linear, squared error", [2, 5, 1], ["relu", "linear"], "squared-error"),
    ("2-6-4-2 leaky-relu, sigmoid, tanh, squared error", [2, 6, 4, 2],
     ["leaky-relu", "sigmoid", "tanh"], "squared-error"),
]
RATES = [0.001, 0.03, 1.0, 3.0]


def make_case(rng, sizes, activations, loss, kind, rate):
    weights, biases = [], []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        bound = math.sqrt(6.0 / (fan_in + fan_out))
        rows = [[rng.uniform(-bound, bound) for _ in range(fan_in)] for _ in range(fan_out)]
        # Small weights, which an L1 step with a large rate carries across zero.
        rows[0][0] = rng.choice([1, -1]) * rng.uniform(1e-4, 1e-2)
        weights.append(rows)
        biases.append([rng.uniform(-0.5, 0.5) for _ in range(fan_out)])
    if sizes[-1] == 1:
        targets = [[t] for t in LABELS]
    else:
        targets = [[t, 1.0 - t] for t in LABELS]
    return {
        "sizes": sizes, "activations": activations, "loss": loss,
        "learning_rate": rng.choice([0.05, 0.1, 0.2]),
        "regularization": kind, "regularization_rate": rate,
        "weights": weights, "biases": biases,
        "inputs": INPUTS, "targets": targets, "steps": TRAIN_STEPS,
    }


def batch_loss(case, weights, biases):
    """The batch's loss and its two parts, as torch tensors."""
    x = torch.tensor(case["inputs"], dtype=DTYPE)
    t = torch.tensor(case["targets"], dtype=DTYPE)
    a, z = x, None
    for w, b, name in zip(weights, biases, case["activations"]):
        z = F.linear(a, w, b)
        a = reference.activate(name, z)
    if case["loss"] == "squared-error":
        per_example = 0.5 * ((a - t) ** 2).sum(dim=1)
    else:
        per_example = F.binary_cross_entropy_with_logits(z, t, reduction="none").sum(dim=1)
    data = per_example.mean()
    rate = case["regularization_rate"]
    if case["regularization"] == "l2":
        penalty = rate * (0.5 * sum((w ** 2).sum() for w in weights))
    else:
        penalty = rate * sum(w.abs().sum() for w in weights)  # d|w|/dw = 0 at 0
    return data + penalty, data, penalty


def torch_steps(case):
    weights = [torch.tensor(w, dtype=DTYPE, requires_grad=True) for w in case["weights"]]
    biases = [torch.tensor(b, dtype=DTYPE, requires_grad=True) for b in case["biases"]]
    lr = case["learning_rate"]
    first, losses = None, []
    for step in range(case["steps"]):
        for p in weights + biases:
            p.grad = None
        loss, data, penalty = batch_loss(case, weights, biases)
        loss.backward()
        losses.append(loss.item())
        with torch.no_grad():
            if step == 0:
                first = {
                    "data_loss": data.item(), "penalty": penalty.item(),
                    "weight_gradients": [w.grad.tolist() for w in weights],
                    "bias_gradients": [b.grad.tolist() for b in biases],
                }
            for w in weights:
                new = w - lr * w.grad
                if case["regularization"] == "l1":
                    crossed = ((w > 0) & (new < 0)) | ((w < 0) & (new > 0))
                    new = torch.where(crossed, torch.zeros_like(new), new)
                w.copy_(new)
            for b in biases:
                b.copy_(b - lr * b.grad)
            if step == 0:
                first["updated_weights"] = [w.tolist() for w in weights]
                first["updated_biases"] = [b.tolist() for b in biases]
    first["losses"] = losses
    first["trained_weights"] = [w.detach().tolist() for w in weights]
    first["trained_biases"] = [b.detach().tolist() for b in biases]
    return first


FIELDS = ["data_loss", "penalty", "weight_gradients", "bias_gradients",
          "updated_weights", "updated_biases", "losses", "trained_weights",
          "trained_biases"]


def zeros_of(weights):
    return sum(1 for _, v in reference.flatten(weights) if v == 0.0)


def check(probe, path, name, case):
    proc = subprocess.run([probe, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=60)
    if proc.returncode != 0:
        return ["probe exited with %d: %s" % (proc.returncode, proc.stderr.decode()[:300])]
    engine = json.loads(proc.stdout)
    want = torch_steps(case)
    problems = []
    for field in FIELDS:
        reference.compare(name, field, engine.get(field), want[field], problems)
    # The torch loss of the first step is the mean plus the penalty: so is the engine's.
    if not problems and engine["losses"][0] != engine["data_loss"] + engine["penalty"]:
        problems.append("the first loss is not data_loss + penalty")
    # Under L1 the weights torch sets to 0 are exactly 0 in the engine too.
    if case["regularization"] == "l1":
        if zeros_of(engine["updated_weights"]) != zeros_of(want["updated_weights"]):
            problems.append("%d weights at 0 after the first step, torch %d"
                            % (zeros_of(engine["updated_weights"]),
                               zeros_of(want["updated_weights"])))
    return problems


def main():
    if len(sys.argv) != 2:
        print("usage: %s PATH/TO/regularization-probe" % sys.argv[0], file=sys.stderr)
        return 2
    probe = sys.argv[1]
    rng = random.Random(20261207)
    cases = []
    for shape_name, sizes, activations, loss in SHAPES:
        for kind in ("l2", "l1"):
            for rate in RATES:
                cases.append(("%s, %s, rate %g" % (shape_name, kind, rate),
                              make_case(rng, sizes, activations, loss, kind, rate)))
    tap = reference.Tap(len(cases) + 1)
    zeros = 0
    with tempfile.TemporaryDirectory(prefix="backprop-regularization-") as workdir:
        for i, (name, case) in enumerate(cases):
            path = os.path.join(workdir, "case-%02d.json" % i)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(case, f)
            tap.result("full-batch step: " + name, check(probe, path, name, case))
            if case["regularization"] == "l1":
                zeros += zeros_of(torch_steps(case)["updated_weights"])
    # The L1 cases must include weights stopped at zero, or the rule went untested.
    tap.result("L1 steps stopped %d weights at exactly 0" % zeros,
               [] if zeros >= 3 else ["only %d weights were stopped at 0" % zeros])
    print("# largest |a-b|/max(1,|b|) per field:")
    for field in sorted(reference.largest_error):
        print("#   %-18s %.3g" % (field, reference.largest_error[field]))
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
