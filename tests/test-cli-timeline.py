#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# backprop-cli timeline: the branches of a network file's timeline and, with --csv, every
# step's parameters. The file is written here: a network made by `backprop-cli new`, trained
# by `backprop-cli train` (the engine's steps, which the model's replay must repeat bit for
# bit), and a "timeline" object of two branch points. The CSV's rows at the branches' tips
# must be the parameters `train` wrote, to the bit; a file whose network does not match its
# timeline keeps its network and loses its timeline, with a message; a malformed timeline is
# an error of the file.
#
# The CLI comes from $BACKPROP_CLI; the output is TAP.
import csv
import io
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import check, cli, finish, shown  # noqa: E402


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)


def params(net):
    """The weights then the biases, in the CSV's order."""
    values = [w for layer in net["weights"] for row in layer for w in row]
    return values + [b for layer in net["biases"] for b in layer]


folder = tempfile.mkdtemp(prefix="test-cli-timeline-")
start = os.path.join(folder, "start.json")
tip = os.path.join(folder, "tip.json")
fork = os.path.join(folder, "fork.json")
fork_tip = os.path.join(folder, "fork-tip.json")
with_timeline = os.path.join(folder, "timeline.json")

steps = [cli("new", "--sizes", "2,3,1", "--activations", "tanh,sigmoid", "--seed", "7",
             "--input", "0.5,-0.5", "--target", "0.8", "--output", start),
         cli("train", start, "--steps", "20", "--output", tip),
         cli("train", start, "--steps", "5", "--output", fork)]
check("the files are made", [shown(p) for p in steps if p.returncode != 0])

# Branch 1 starts at step 5 with η = 2 and one weight edited.
data = load(fork)
data["weights"][1][0][0] = 0.25
data["learning_rate"] = 2.0
save(fork, data)
p = cli("train", fork, "--steps", "10", "--output", fork_tip)
check("the branch is trained", [] if p.returncode == 0 else [shown(p)])

origin = load(start)
net = load(tip)
net["timeline"] = {
    "origin": {"step": 0, "weights": origin["weights"], "biases": origin["biases"],
               "input": origin["input"], "target": origin["target"]},
    "branches": [
        {"parent": None, "step": 0, "learning_rate": 0.5, "edits": {}, "steps": 20},
        {"parent": 0, "step": 5, "learning_rate": 2.0, "edits": {"w_1_0_0": 0.25},
         "steps": 10},
    ],
    "current": 0, "cursor": 20, "edits": {},
}
save(with_timeline, net)

p = cli("timeline", with_timeline)
lines = p.stdout.splitlines()
problems = [] if p.returncode == 0 and p.stderr == "" else [shown(p)]
if len(lines) != 4 or lines[1].split()[:5] != ["0", "-", "0", "20", "20"] \
        or lines[2].split()[:5] != ["1", "0", "5", "15", "10"] \
        or "w_1_0_0 = 0.25" not in lines[2] or "branch 0 at step 20" not in lines[3]:
    problems.append(shown(p))
check("the branches are listed with their start, tip, steps, η and edits", problems)

p = cli("timeline", with_timeline, "--csv")
rows = list(csv.reader(io.StringIO(p.stdout)))
problems = [] if p.returncode == 0 else [shown(p)]
header = rows[0] if rows else []
expected_header = (["step", "branch", "loss", "learning_rate"]
                   + [f"w_{l}_{j}_{i}" for l, (n_in, n_out) in enumerate([(2, 3), (3, 1)])
                      for j in range(n_out) for i in range(n_in)]
                   + [f"b_{l}_{j}" for l, n_out in enumerate([3, 1]) for j in range(n_out)])
if header != expected_header:
    problems.append(f"header {header}")
body = rows[1:]
if [(r[0], r[1]) for r in body] != [(str(s), "0") for s in range(21)] + \
        [(str(s), "1") for s in range(5, 16)]:
    problems.append("rows: " + " ".join(f"{r[0]}/{r[1]}" for r in body))
check("--csv: the header, and one row per step of each branch", problems)


def row(step, branch):
    for r in body:
        if r[0] == str(step) and r[1] == str(branch):
            return r
    return None


problems = []
for (step, branch, source, rate) in [(0, 0, start, "0.5"), (20, 0, tip, "0.5"),
                                     (15, 1, fork_tip, "2")]:
    r = row(step, branch)
    want = params(load(source))
    if r is None or [float(v) for v in r[4:]] != want or float(r[3]) != float(rate):
        problems.append(f"step {step} of branch {branch}: {r} != {want}")
r = row(5, 1)
if r is None or float(r[4 + 6]) != 0.25:
    problems.append(f"the edit at the fork: {r}")
if any(not r[2] or float(r[2]) <= 0 for r in body):
    problems.append("a loss is missing")
check("--csv: the parameters at the tips are train's, to the bit, and the fork's edit", problems)

# A network edited by hand no longer matches its timeline.
edited = load(with_timeline)
edited["weights"][0][0][0] += 0.5
save(with_timeline, edited)
p = cli("timeline", with_timeline)
check("a hand-edited file keeps its network and loses its timeline, with a message",
      [] if p.returncode == 0 and "timeline was left out" in p.stderr
      and len(p.stdout.splitlines()) == 3 and "branch 0 at step 20" in p.stdout
      else [shown(p)])

edited["timeline"]["branches"] = []
save(with_timeline, edited)
p = cli("timeline", with_timeline)
check("a malformed timeline is an error of the file",
      [] if p.returncode == 1 and "timeline.branches" in p.stderr else [shown(p)])

p = cli("timeline", start)
check("a file without a timeline has one branch at its step",
      [] if p.returncode == 0 and "branch 0 at step 0" in p.stdout else [shown(p)])

p = cli("timeline")
check("the file is required", [] if p.returncode == 2 else [shown(p)])
finish()
