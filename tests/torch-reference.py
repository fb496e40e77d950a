#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The engine against PyTorch float64: for random networks of several shapes,
# every activation and both losses, backprop-cli's forward values, loss,
# gradients and updated parameters (explain --json) and its 20-step SGD run
# (train --steps 20 --json) must agree with torch to
#     |a - b| <= 1e-9 * max(1, |b|)      (a: engine, b: torch).
#
# Usage: /usr/bin/python3 torch-reference.py PATH/TO/backprop-cli
# Output is TAP, one case per line; the exit status is non-zero on any failure.
# Debian's python3-torch lives under /usr/bin/python3, so meson runs this
# script with that interpreter explicitly.

import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    print("1..1")
    print("not ok 1 - import torch # python3-torch is missing: "
          "apt-get install -y python3-torch")
    sys.exit(1)

torch.set_num_threads(1)
DTYPE = torch.float64

REL_TOL = 1e-9
TRAIN_STEPS = 20
MAX_REPORTED_MISMATCHES = 8

ACTIVATIONS = ["linear", "sigmoid", "tanh", "relu", "leaky-relu"]

SHAPES = [
    ("small", [2, 3, 1]),
    ("two-hidden", [3, 5, 4, 2]),
    ("single-neuron", [1, 1]),
    ("deep", [4] + [6] * 8 + [3]),
    ("wide", [16, 64, 8]),
]

# The largest |a - b| / max(1, |b|) seen per field over all cases, printed at
# the end as TAP comments so a run shows how much headroom the tolerance has.
largest_error = {}


# ---------------------------------------------------------------------------
# Comparing nested lists

def flatten(value, path=()):
    """Yield (index path, number) for every number in nested lists."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from flatten(item, path + (i,))
    else:
        yield path, value


def shape_of(value):
    """The nested list lengths, e.g. [[2, 3], [1, 2]] for [[[a, b]]…]."""
    if isinstance(value, list):
        return [len(value), [shape_of(item) for item in value]]
    return None


def compare(case, field, engine, reference, mismatches, track=True):
    """Append every element of `engine` that misses `reference` to `mismatches`."""
    if shape_of(engine) != shape_of(reference):
        mismatches.append("%s: %s has the wrong shape: engine %s, torch %s"
                          % (case, field, json.dumps(engine)[:200],
                             json.dumps(reference)[:200]))
        return
    worst = 0.0
    for (path, a), (_, b) in zip(flatten(engine), flatten(reference)):
        if not isinstance(a, (int, float)) or isinstance(a, bool):
            mismatches.append("%s: %s%s is %r, not a number"
                              % (case, field, index_text(path), a))
            continue
        scale = max(1.0, abs(b))
        error = abs(a - b)
        if not error <= REL_TOL * scale:  # also catches NaN
            mismatches.append("%s: %s%s engine %r torch %r (|a-b| = %.3g)"
                              % (case, field, index_text(path), a, b, error))
        elif error / scale > worst:
            worst = error / scale
    if track:
        largest_error[field] = max(largest_error.get(field, 0.0), worst)


def index_text(path):
    return "".join("[%d]" % i for i in path)


# ---------------------------------------------------------------------------
# The torch reference

def activate(name, z):
    if name == "linear":
        return z
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return torch.relu(z)  # derivative 0 at exactly 0
    if name == "leaky-relu":
        return F.leaky_relu(z, 0.01)
    raise ValueError(name)


def forward(net, weights, biases, x):
    """Return (pre-activations, activations, loss) for one sample."""
    t = torch.tensor(net["target"], dtype=DTYPE)
    a = x
    activations = [x]
    pre_activations = []
    for w, b, name in zip(weights, biases, net["activations"]):
        z = F.linear(a, w, b)
        a = activate(name, z)
        pre_activations.append(z)
        activations.append(a)
    z = pre_activations[-1]
    if net["loss"] == "squared-error":
        loss = 0.5 * ((a - t) ** 2).sum()
    else:
        # Stable binary cross-entropy from the logits (sigmoid outputs only).
        loss = F.binary_cross_entropy_with_logits(z, t, reduction="sum")
    return pre_activations, activations, loss


def params(net):
    weights = [torch.tensor(w, dtype=DTYPE, requires_grad=True)
               for w in net["weights"]]
    biases = [torch.tensor(b, dtype=DTYPE, requires_grad=True)
              for b in net["biases"]]
    return weights, biases


def reference_explain(net):
    """What `backprop-cli explain --json` must print, computed by torch."""
    weights, biases = params(net)
    x = torch.tensor(net["input"], dtype=DTYPE, requires_grad=True)
    pre, act, loss = forward(net, weights, biases, x)
    for z in pre:
        z.retain_grad()
    loss.backward()
    lr = net["learning_rate"]
    with torch.no_grad():
        return {
            "loss": loss.item(),
            "activations": [a.tolist() for a in act],
            "pre_activations": [z.tolist() for z in pre],
            "deltas": [z.grad.tolist() for z in pre],
            "weight_gradients": [w.grad.tolist() for w in weights],
            "bias_gradients": [b.grad.tolist() for b in biases],
            "input_gradient": x.grad.tolist(),
            "updated_weights": [(w - lr * w.grad).tolist() for w in weights],
            "updated_biases": [(b - lr * b.grad).tolist() for b in biases],
        }


def reference_train(net, steps):
    """Plain SGD on the file's one sample: losses before each step, final params."""
    weights, biases = params(net)
    x = torch.tensor(net["input"], dtype=DTYPE)
    optimizer = torch.optim.SGD(weights + biases, lr=net["learning_rate"],
                                momentum=0.0)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        _, _, loss = forward(net, weights, biases, x)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return {
        "losses": losses,
        "weights": [w.detach().tolist() for w in weights],
        "biases": [b.detach().tolist() for b in biases],
    }


# ---------------------------------------------------------------------------
# Random networks

def uniform_matrix(rng, rows, cols, bound):
    return [[rng.uniform(-bound, bound) for _ in range(cols)]
            for _ in range(rows)]


def make_network(rng, sizes, activations, loss):
    weights = []
    biases = []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        # Glorot-like scale keeps signals alive through the deep case;
        # non-zero biases make the bias paths count.
        bound = math.sqrt(6.0 / (fan_in + fan_out))
        weights.append(uniform_matrix(rng, fan_out, fan_in, bound))
        biases.append([rng.uniform(-0.5, 0.5) for _ in range(fan_out)])
    output = activations[-1]
    if loss == "cross-entropy":
        # Soft targets and hard 0/1 labels both occur in practice.
        target = [rng.choice([0.0, 1.0, rng.uniform(0.0, 1.0)])
                  for _ in range(sizes[-1])]
    elif output == "sigmoid":
        target = [rng.uniform(0.05, 0.95) for _ in range(sizes[-1])]
    elif output == "relu":
        target = [rng.uniform(0.0, 1.0) for _ in range(sizes[-1])]
    else:
        target = [rng.uniform(-0.9, 0.9) for _ in range(sizes[-1])]
    return {
        "format": "backprop-network",
        "version": 1,
        "sizes": sizes,
        "activations": activations,
        "loss": loss,
        "learning_rate": rng.choice([0.05, 0.1, 0.2, 0.3, 0.5]),
        "weights": weights,
        "biases": biases,
        "input": [rng.uniform(-1.0, 1.0) for _ in range(sizes[0])],
        "target": target,
        "seed": rng.randrange(1 << 31),
        "step": 0,
    }


def settle_learning_rate(net):
    """Halve the learning rate until torch's 20 steps stay finite and tame.

    The cases are about agreement, not divergence (tested elsewhere); a run
    that grows without bound would also magnify rounding differences.
    """
    while True:
        losses = reference_train(net, TRAIN_STEPS)["losses"]
        if all(math.isfinite(v) for v in losses) and max(losses) <= 4 * losses[0] + 1:
            return
        net["learning_rate"] /= 2


def make_cases():
    rng = random.Random(20240611)
    cases = []
    for shape_name, sizes in SHAPES:
        layers = len(sizes) - 1
        for loss in ("squared-error", "cross-entropy"):
            for name in ACTIVATIONS:
                if layers == 1 and loss == "cross-entropy" and name != "sigmoid":
                    continue  # its only layer must be the sigmoid output
                acts = [name] * layers
                if loss == "cross-entropy":
                    acts[-1] = "sigmoid"
                cases.append(("%s %s %s %s" % (shape_name, sizes, name, loss),
                              sizes, acts, loss))
            if layers > 1:
                # Every activation in one network, in turn.
                acts = [ACTIVATIONS[(i + len(cases)) % len(ACTIVATIONS)]
                        for i in range(layers)]
                if loss == "cross-entropy":
                    acts[-1] = "sigmoid"
                cases.append(("%s %s mixed %s %s" % (shape_name, sizes, ",".join(acts), loss),
                              sizes, acts, loss))
    nets = []
    for name, sizes, acts, loss in cases:
        net = make_network(rng, sizes, acts, loss)
        settle_learning_rate(net)
        nets.append((name, net))
    return nets


# ---------------------------------------------------------------------------
# Running the engine

def run_cli(cli, args):
    """Run backprop-cli; return (parsed JSON, None) or (None, problem text)."""
    try:
        proc = subprocess.run([cli] + args, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "`backprop-cli %s` did not run: %s" % (" ".join(args), e)
    if proc.returncode != 0:
        return None, ("`backprop-cli %s` exited with %d: %s"
                      % (" ".join(args), proc.returncode,
                         proc.stderr.decode(errors="replace").strip()[:500]))
    try:
        return json.loads(proc.stdout), None
    except ValueError as e:
        return None, ("`backprop-cli %s` printed no valid JSON (%s): %r"
                      % (" ".join(args), e, proc.stdout[:300]))


EXPLAIN_FIELDS = ["loss", "activations", "pre_activations", "deltas",
                  "weight_gradients", "bias_gradients", "input_gradient",
                  "updated_weights", "updated_biases"]


def check_explain(cli, case, path, net):
    mismatches = []
    engine, problem = run_cli(cli, ["explain", "--json", path])
    if problem:
        return [problem]
    if not isinstance(engine, dict):
        return ["explain --json printed %s, not an object" % type(engine).__name__]
    reference = reference_explain(net)
    for field in EXPLAIN_FIELDS:
        if field not in engine:
            mismatches.append("%s: explain --json has no \"%s\"" % (case, field))
            continue
        compare(case, field, engine[field], reference[field], mismatches)
    return mismatches


def check_train(cli, case, path, net, workdir):
    out = os.path.join(workdir, "trained.json")
    if os.path.exists(out):
        os.unlink(out)
    losses, problem = run_cli(cli, ["train", path, "--steps", str(TRAIN_STEPS),
                                    "--output", out, "--json"])
    if problem:
        return [problem]
    try:
        with open(out, encoding="utf-8") as f:
            trained = json.load(f)
    except (OSError, ValueError) as e:
        return ["%s: train wrote no readable network to --output: %s" % (case, e)]
    reference = reference_train(net, TRAIN_STEPS)
    mismatches = []
    compare(case, "train losses", losses, reference["losses"], mismatches)
    for field in ("weights", "biases"):
        compare(case, "trained " + field, trained.get(field),
                reference[field], mismatches)
    return mismatches


# ---------------------------------------------------------------------------
# TAP

class Tap:
    def __init__(self, total):
        self.count = 0
        self.failed = 0
        print("1..%d" % total, flush=True)

    def result(self, name, problems):
        self.count += 1
        if problems:
            self.failed += 1
            print("not ok %d - %s" % (self.count, name))
            for line in problems[:MAX_REPORTED_MISMATCHES]:
                print("#   " + line)
            if len(problems) > MAX_REPORTED_MISMATCHES:
                print("#   … and %d more mismatches"
                      % (len(problems) - MAX_REPORTED_MISMATCHES))
        else:
            print("ok %d - %s" % (self.count, name))
        sys.stdout.flush()


def comparator_self_check(net):
    """The comparison must be able to fail: a 1e-6 relative error is caught,
    1e-8 too (tolerance is 1e-9), 1e-11 is not, and so are a wrong shape,
    a missing number and NaN."""
    problems = []
    good = reference_explain(net)

    def flagged(engine_value, field="weight_gradients"):
        found = []
        compare("self-check", field, engine_value, good[field], found, track=False)
        return found

    if flagged(good["weight_gradients"]):
        problems.append("torch against itself reported a mismatch")
    for rel, must_flag in ((1e-6, True), (1e-8, True), (1e-11, False)):
        bad = json.loads(json.dumps(good["weight_gradients"]))
        g = bad[-1][0][0]
        bad[-1][0][0] = g + rel * max(1.0, abs(g))
        found = flagged(bad)
        if must_flag and len(found) != 1:
            problems.append("a %g relative error in one gradient gave %d reports, not 1"
                            % (rel, len(found)))
        if must_flag and found and "[%d][0][0]" % (len(bad) - 1) not in found[0]:
            problems.append("the report does not name the element: " + found[0])
        if not must_flag and found:
            problems.append("a %g relative error was flagged: %s" % (rel, found[0]))
    if not flagged(good["weight_gradients"][:-1]):
        problems.append("a missing layer was not flagged")
    if not flagged(None):
        problems.append("a missing field was not flagged")
    bad = json.loads(json.dumps(good["bias_gradients"]))
    bad[0][0] = float("nan")
    if not flagged(bad, "bias_gradients"):
        problems.append("NaN was not flagged")
    return problems


def main():
    if len(sys.argv) != 2:
        print("usage: %s PATH/TO/backprop-cli" % sys.argv[0], file=sys.stderr)
        return 2
    cli = sys.argv[1]
    started = time.monotonic()
    nets = make_cases()
    tap = Tap(1 + 2 * len(nets))
    tap.result("comparator catches a 1e-6 relative error and passes torch against itself",
               comparator_self_check(nets[1][1]))
    with tempfile.TemporaryDirectory(prefix="backprop-torch-") as workdir:
        for i, (case, net) in enumerate(nets):
            path = os.path.join(workdir, "case-%02d.json" % i)
            with open(path, "w", encoding="utf-8") as f:
                # json writes floats with repr(): they read back bit-identical.
                json.dump(net, f)
            tap.result("explain: " + case, check_explain(cli, case, path, net))
            tap.result("train %d steps: %s" % (TRAIN_STEPS, case),
                       check_train(cli, case, path, net, workdir))
    print("# largest |a-b|/max(1,|b|) per field:")
    for field in sorted(largest_error):
        print("#   %-18s %.3g" % (field, largest_error[field]))
    print("# %d cases in %.1f s" % (len(nets), time.monotonic() - started))
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
