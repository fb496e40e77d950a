#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# backprop-cli exercises: every shipped exercise file checks, lists each exercise and
# question with its choices, and with --answers gives each question the answer worked out
# here in plain Python, independent of the engine: gradients by central differences of a
# forward pass (float64), the loss after one real step on all the parameters. Then a
# teacher's file with a mistake, a newer version, a file that is not JSON, a missing file
# and a missing argument: a clear message naming the file and the place, exit 1 (2 for
# usage), never a crash.
#
# Usage: test-cli-exercises.py SOURCE_ROOT. The CLI comes from $BACKPROP_CLI; output is TAP.
import glob
import json
import math
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plainnet import activate  # noqa: E402
from taplib import check, cli, finish, ok, said  # noqa: E402

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
H = 1e-6


def loss(net, params):
    weights, biases = params
    a = net["input"]
    z = a
    for w, b, name in zip(weights, biases, net["activations"]):
        z = [sum(wi * ai for wi, ai in zip(row, a)) + bj for row, bj in zip(w, b)]
        a = [activate(name, v) for v in z]
    t = net["target"]
    if net["loss"] == "cross-entropy":
        return sum(max(v, 0) + math.log1p(math.exp(-abs(v))) - tk * v for v, tk in zip(z, t))
    return sum(0.5 * (ak - tk) ** 2 for ak, tk in zip(a, t))


def copy(params):
    return json.loads(json.dumps(params))


def gradient(net, ref):
    """∂L/∂p by central differences; ref is (l, j, i) for a weight, (l, j) for a bias."""
    values = []
    for sign in (1, -1):
        p = copy((net["weights"], net["biases"]))
        if len(ref) == 3:
            p[0][ref[0]][ref[1]][ref[2]] += sign * H
        else:
            p[1][ref[0]][ref[1]] += sign * H
        values.append(loss(net, p))
    return (values[0] - values[1]) / (2 * H)


def all_refs(net):
    for l, layer in enumerate(net["weights"]):
        for j, row in enumerate(layer):
            for i in range(len(row)):
                yield (l, j, i)
            yield (l, j)


def loss_after_step(net, eta):
    p = copy((net["weights"], net["biases"]))
    for ref in all_refs(net):
        g = gradient(net, ref)
        if len(ref) == 3:
            p[0][ref[0]][ref[1]][ref[2]] -= eta * g
        else:
            p[1][ref[0]][ref[1]] -= eta * g
    return loss(net, p)


def ref_of(text):
    return tuple(int(v) for v in text.split(":"))


def expected(net, q):
    """The index of the right choice, worked out here."""
    kind = q["kind"]
    if kind == "weight-direction":
        g = gradient(net, ref_of(q.get("weight") or q.get("bias")))
        return 0 if g < 0 else 1
    if kind == "largest-gradient":
        sizes = [abs(gradient(net, ref_of(w))) for w in q["weights"]]
        return sizes.index(max(sizes))
    if kind == "smallest-layer":
        means = []
        for l, layer in enumerate(net["weights"]):
            g = [abs(gradient(net, (l, j, i))) for j, row in enumerate(layer)
                 for i in range(len(row))]
            means.append(sum(g) / len(g))
        return means.index(min(means))
    before = loss(net, (net["weights"], net["biases"]))
    after = loss_after_step(net, q.get("learning_rate", net["learning_rate"]))
    return 0 if not math.isfinite(after) or after > before else 1


def parse(stdout):
    """[(exercise line, [(prompt, choices, answer or None)])] from the listing."""
    exercises = []
    lines = stdout.splitlines()
    for k, line in enumerate(lines):
        if re.match(r"^\d+\. ", line):
            exercises.append((line, []))
        elif re.match(r"^   \d+\. ", line):
            choices = lines[k + 1].strip().split(" | ")
            m = re.match(r"^      Answer: (.*?) — ", lines[k + 2]) if k + 2 < len(lines) else None
            exercises[-1][1].append((line.strip(), choices, m.group(1) if m else None))
    return exercises


def check_file(path):
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    p = cli("exercises", path)
    listed = parse(p.stdout) if p.returncode == 0 else []
    problems = [] if p.returncode == 0 else [said(p)]
    if p.returncode == 0 and not p.stdout.startswith(data["title"] + "\n"):
        problems.append("the listing does not start with the set's title")
    if len(listed) != len(data["exercises"]):
        problems.append(f"{len(listed)} exercises listed, the file has {len(data['exercises'])}")
    for (head, questions), e in zip(listed, data["exercises"]):
        if f"{e['title']} ({e['id']})" not in head:
            problems.append(f"“{head}” does not show {e['title']} ({e['id']})")
        if len(questions) != len(e["questions"]) or any(a is not None for _, _, a in questions):
            problems.append(f"{e['id']}: the questions are not listed as the file has them")
    check(f"{name}: exercises lists every exercise and question, without answers", problems)

    p = cli("exercises", path, "--answers")
    listed = parse(p.stdout) if p.returncode == 0 else []
    problems = [] if p.returncode == 0 else [said(p)]
    count = 0
    for (_, questions), e in zip(listed, data["exercises"]):
        for (prompt, choices, answer), q in zip(questions, e["questions"]):
            count += 1
            want = expected(e["network"], q)
            if answer not in choices or choices.index(answer) != want:
                problems.append(f"{e['id']}: “{prompt}” answered {answer}; worked out here: "
                                f"{choices[want] if want < len(choices) else want}")
            if q.get("hint") and f"      Hint: {q['hint']}" not in p.stdout:
                problems.append(f"{e['id']}: the hint of “{prompt}” is not shown")
    if count != sum(len(e["questions"]) for e in data["exercises"]):
        problems.append(f"only {count} answers")
    check(f"{name}: --answers gives all {count} answers, each equal to the one worked out "
          "from finite differences and a real step", problems)


def expect_failure(name, text, status, parts, tmp):
    path = os.path.join(tmp, "teacher.backprop-exercises")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    p = cli("exercises", path)
    problems = [] if p.returncode == status else [f"exit {p.returncode}, not {status}"]
    problems += [f"stderr does not say “{part}”" for part in parts if part not in p.stderr]
    if p.stdout:
        problems.append("it printed a listing")
    check(f"{name}: exit {status} and a message that says where", problems + [said(p)]
          if problems else [])


def main():
    paths = sorted(glob.glob(os.path.join(SRC, "data", "exercises", "*.backprop-exercises")))
    ok(len(paths) >= 4, f"{len(paths)} shipped exercise files")
    for path in paths:
        check_file(path)

    with tempfile.TemporaryDirectory() as tmp:
        net = os.path.join(tmp, "net.json")
        p = cli("new", "--sizes", "2,2,1", "--activations", "tanh,sigmoid", "--seed", "4",
                "--input", "1,-1", "--target", "0", "--output", net)
        ok(p.returncode == 0, "new writes a network for a teacher's file", said(p))
        with open(net, encoding="utf-8") as f:
            network = json.load(f)

        def teacher(questions, version=1):
            return json.dumps({"format": "backprop-exercises", "version": version,
                               "title": "Mine", "exercises": [
                                   {"id": "mine", "title": "Mine", "network": network,
                                    "questions": questions}]})

        expect_failure("a weight the network lacks", teacher(
            [{"kind": "loss-direction"}, {"kind": "weight-direction", "weight": "1:1:0"}]),
            1, ["teacher.backprop-exercises", "Exercise 1 (“mine”), question 2", "1:1:0"], tmp)
        expect_failure("an unknown kind", teacher([{"kind": "guess"}]), 1,
                       ["question 1", "guess"], tmp)
        expect_failure("a newer version", teacher([{"kind": "loss-direction"}], 2), 1,
                       ["version 2"], tmp)
        expect_failure("not JSON", "{\"format\": ", 1, ["not JSON"], tmp)
        expect_failure("a network file", json.dumps(network), 1, ["backprop-exercises"], tmp)

        p = cli("exercises", os.path.join(tmp, "missing.backprop-exercises"))
        ok(p.returncode == 1 and "missing.backprop-exercises" in p.stderr,
           "a missing file: exit 1, named", said(p))
        p = cli("exercises")
        ok(p.returncode == 2 and "exercises needs FILE" in p.stderr,
           "no file: a usage error, exit 2", said(p))

        mine = os.path.join(tmp, "mine.backprop-exercises")
        with open(mine, "w", encoding="utf-8") as f:
            f.write(teacher([{"kind": "smallest-layer", "prompt": "Which layer?",
                              "hint": "Count the σ′."}, {"kind": "loss-direction"}]))
        p = cli("exercises", mine, "--answers")
        ok(p.returncode == 0 and "Which layer?" in p.stdout and "Hint: Count the σ′." in p.stdout
           and p.stdout.count("Answer: ") == 2, "a teacher's file is listed as written",
           said(p))
    finish()


main()
