#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# backprop-cli landscape: the loss over a grid of two weights. Its values are checked
# against a forward pass written here in plain Python (float64, math.tanh and
# 1/(1 + e^-z)), independent of the engine, to 1e-12 relative: for a file in example mode
# (the example's loss) and one in dataset mode (the mean over the training points plus the
# L1 or L2 penalty, points imported from a CSV file so the file lists them). The centre of
# the grid is the file's loss to the bit (example mode: train's first loss); the rows move
# the first weight and the columns the second by span·(2i/(N−1) − 1). Then the text
# table, and the errors.
#
# The CLI comes from $BACKPROP_CLI; the output is TAP.
import json
import math
import os
import random
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plainnet import activate  # noqa: E402
from taplib import check, cli, finish, ok, said  # noqa: E402

TOLERANCE = 1e-12


def features(names, x1, x2):
    table = {"x1": x1, "x2": x2, "x1_squared": x1 * x1, "x2_squared": x2 * x2,
             "x1_times_x2": x1 * x2, "sin_x1": math.sin(x1), "sin_x2": math.sin(x2)}
    return [table[n] for n in names]


def loss_of(net, weights, x, t):
    a = x
    for w, b, name in zip(weights, net["biases"], net["activations"]):
        z = [sum(wi * ai for wi, ai in zip(row, a)) + bj for row, bj in zip(w, b)]
        a = [activate(name, v) for v in z]
    if net["loss"] == "cross-entropy":
        return sum(max(v, 0) + math.log1p(math.exp(-abs(v))) - tk * v for v, tk in zip(z, t))
    return sum(0.5 * (ak - tk) ** 2 for ak, tk in zip(a, t))


def reference(net, weights):
    """The loss the landscape shows, for @weights in place of the file's."""
    if net.get("mode") != "dataset":
        return loss_of(net, weights, net["input"], net["target"])
    ds = net["dataset"]
    names = net["features"].split(",") if isinstance(net["features"], str) else net["features"]
    train = ds["points"][:ds["n_train"]]
    mean = sum(loss_of(net, weights, features(names, p[0], p[1]), [p[2]])
               for p in train) / len(train)
    flat = [v for layer in weights for row in layer for v in row]
    rate = net.get("regularization_rate", 0)
    if net.get("regularization") == "l2":
        return mean + rate * 0.5 * sum(v * v for v in flat)
    if net.get("regularization") == "l1":
        return mean + rate * sum(abs(v) for v in flat)
    return mean


def check_grid(name, network, refs, span, grid):
    p = cli("landscape", network, "--weights", refs, "--span", str(span), "--grid",
            str(grid), "--json")
    if not ok(p.returncode == 0, f"{name}: landscape --json runs", said(p)):
        return None
    got = json.loads(p.stdout)
    with open(network) as f:
        net = json.load(f)
    problems = []
    if (got["weights"] != refs.split(",") or got["span"] != span or got["grid"] != grid
            or len(got["values"]) != grid or any(len(r) != grid for r in got["values"])):
        problems.append(f"the header or shape is wrong: {p.stdout[:200]}")
    worst = 0.0
    (l1, j1, i1), (l2, j2, i2) = ([int(v) for v in r.split(":")] for r in refs.split(","))
    for i in range(grid):
        for j in range(grid):
            weights = json.loads(json.dumps(net["weights"]))
            weights[l1][j1][i1] += span * (2 * i / (grid - 1) - 1)
            weights[l2][j2][i2] += span * (2 * j / (grid - 1) - 1)
            want = reference(net, weights)
            have = got["values"][i][j]
            error = abs(have - want) / max(abs(want), 1e-300)
            worst = max(worst, error)
            if error > TOLERANCE:
                problems.append(f"values[{i}][{j}] = {have!r}, a direct evaluation gives "
                                f"{want!r}")
    check(f"{name}: all {grid}×{grid} losses equal direct evaluations to 1e-12 "
          f"(worst {worst:.1e})", problems[:5])
    return got


def main():
    with tempfile.TemporaryDirectory() as tmp:
        example = os.path.join(tmp, "example.json")
        p = cli("new", "--sizes", "2,3,2", "--activations", "tanh,sigmoid", "--seed", "3",
                "--input", "0.5,-1", "--target", "1,0", "--output", example)
        ok(p.returncode == 0, "new writes a network in example mode", said(p))
        got = check_grid("example mode", example, "0:1:0,1:1:2", 0.75, 7)
        trained = cli("train", example, "--steps", "1", "--json")
        ok(got is not None and trained.returncode == 0
           and got["values"][3][3] == json.loads(trained.stdout)[0],
           "example mode: the centre is the file's loss to the bit (train's first loss)",
           said(trained))

        rng = random.Random(7)
        csv = os.path.join(tmp, "points.csv")
        with open(csv, "w") as f:
            for _ in range(40):
                x1, x2 = rng.uniform(-5, 5), rng.uniform(-5, 5)
                f.write(f"{x1!r},{x2!r},{int(x1 * x2 > 0)}\n")
        for reg in ("l1", "l2"):
            dataset = os.path.join(tmp, f"dataset-{reg}.json")
            p = cli("new", "--sizes", "3,4,1", "--activations", "relu,sigmoid", "--loss",
                    "cross-entropy", "--dataset-file", csv, "--features", "x1,x2,sin_x2",
                    "--regularization", reg, "--regularization-rate", "0.03", "--seed", "5",
                    "--output", dataset)
            ok(p.returncode == 0, f"new writes a network in dataset mode ({reg})", said(p))
            check_grid(f"dataset mode, {reg}", dataset, "1:0:3,0:2:1", 2.0, 5)

        p = cli("landscape", example, "--weights", "0:1:0,1:1:2", "--grid", "3",
                "--span", "0.5")
        lines = p.stdout.splitlines()
        ok(p.returncode == 0 and len(lines) == 3 + 1 + 3
           and "0:1:0" in lines[0] and "1:1:2" in lines[0]
           and "example" in lines[1] and len(lines[3].split()) == 3
           and all(len(line.split()) == 4 for line in lines[4:]),
           "the text table: a heading, the column weight's values, a row a value of the first",
           said(p))

        errors = [
            (["--grid", "3"], "landscape needs --weights"),
            (["--weights", "0:1:0"], "is not L:J:I,L:J:I"),
            (["--weights", "0:1:0,2:0:0"], "L is 0 to 1"),
            (["--weights", "0:3:0,1:0:0"], "does not have"),
            (["--weights", "0:1:0,0:1:0"], "the same weight twice"),
            (["--weights", "0:1:0,1:0:0", "--grid", "4"], "not an odd number from 3 to 201"),
            (["--weights", "0:1:0,1:0:0", "--grid", "203"], "not an odd number from 3 to 201"),
            (["--weights", "0:1:0,1:0:0", "--span", "0"], "--span must be above 0"),
            (["--weights", "0:1:0,1:0:0", "--span", "inf"], "--span"),
        ]
        for args, message in errors:
            p = cli("landscape", example, *args)
            ok(p.returncode == 2 and message in p.stderr and p.stdout == "",
               f"landscape {' '.join(args)}: usage error saying “{message}”", said(p))
        p = cli("landscape", os.path.join(tmp, "missing.json"), "--weights", "0:0:0,1:0:0")
        ok(p.returncode == 1 and "missing.json" in p.stderr, "a missing file exits with 1",
           said(p))
    finish()


main()
