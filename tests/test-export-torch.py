#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# backprop-cli export-torch: the PyTorch script it writes, run with Debian's
# python3-torch, reproduces `backprop-cli train`'s losses to 1e-9 relative.
#
#   test-export-torch.py torch   (suite reference) for files in example mode, the
#       script's 20 losses against `train FILE --steps 20 --json`; for files in
#       dataset mode (spiral with x1,x2,sin_x1, batch 10, L2 0.01; L1 with the
#       stop-at-zero rule; a file part way through an epoch; full batches), the
#       train and test losses after each of the 20 steps against `train FILE
#       --steps k --json` (and, for full batches, the batch losses too).
#   test-export-torch.py errors  (suite cli) the messages and exit statuses of
#       a missing file, an unwritable output and bad options.
#
# The CLI comes from $BACKPROP_CLI; the output is TAP.

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import check, finish, ok, run, shown  # noqa: E402

CLI = os.environ.get("BACKPROP_CLI", "backprop-cli")
PYTHON = "/usr/bin/python3"
TOLERANCE = 1e-9
STEPS = 20


def cli(*args):
    return run([CLI, *args], env=dict(os.environ, LC_ALL="C.UTF-8"))


def close(a, b):
    return abs(a - b) <= TOLERANCE * abs(b)


def compare(name, got, expected, problems):
    if len(got) != len(expected):
        problems.append(f"{name}: {len(got)} values, expected {len(expected)}")
        return
    for k, (a, b) in enumerate(zip(got, expected)):
        if not close(a, b):
            problems.append(f"{name}[{k}]: script {a!r}, backprop-cli {b!r}, "
                            f"relative error {abs(a - b) / abs(b):.3g}")


def export(workdir, network, extra=()):
    script = os.path.join(workdir, os.path.basename(network) + ".py")
    p = cli("export-torch", network, "--output", script, *extra)
    if p.returncode != 0:
        return None, [shown(p)]
    return script, []


def run_script(script, *args):
    return run([PYTHON, script, *args], timeout=600)


def check_header(script, network):
    with open(script, encoding="utf-8") as f:
        head = "".join(f.readline() for _ in range(4))
    problems = []
    if "Backprop" not in head or os.path.basename(network) not in head:
        problems.append(f"the header does not name Backprop and {network}:\n{head}")
    return problems


def example_case(workdir, name, new_args):
    network = os.path.join(workdir, name + ".json")
    p = cli("new", "--output", network, *new_args)
    if p.returncode != 0:
        check(f"example mode, {name}", [shown(p)])
        return
    script, problems = export(workdir, network)
    if script is None:
        check(f"example mode, {name}", problems)
        return
    problems += check_header(script, network)
    p = cli("train", network, "--steps", str(STEPS), "--json")
    expected = json.loads(p.stdout) if p.returncode == 0 else []
    if p.returncode != 0:
        problems.append(shown(p))
    s = run_script(script)
    if s.returncode != 0:
        problems.append(shown(s))
    else:
        compare("losses", [float(x) for x in s.stdout.split()], expected, problems)
    s = run_script(script, "--json")
    if s.returncode != 0:
        problems.append(shown(s))
    else:
        compare("--json losses", json.loads(s.stdout), expected, problems)
    check(f"example mode, {name}: the script's {STEPS} losses are train --json's", problems)


def dataset_case(workdir, name, new_args, steps_before=0, full_batch=False):
    network = os.path.join(workdir, name + ".json")
    p = cli("new", "--output", network, *new_args)
    if p.returncode == 0 and steps_before > 0:
        p = cli("train", network, "--steps", str(steps_before), "--output", network)
    if p.returncode != 0:
        check(f"dataset mode, {name}", [shown(p)])
        return
    script, problems = export(workdir, network)
    if script is None:
        check(f"dataset mode, {name}", problems)
        return
    problems += check_header(script, network)
    s = run_script(script, "--json")
    if s.returncode != 0:
        check(f"dataset mode, {name}", problems + [shown(s)])
        return
    steps = json.loads(s.stdout)
    got_train, got_test, want_train, want_test = [], [], [], []
    for k in range(1, STEPS + 1):
        p = cli("train", network, "--steps", str(k), "--json")
        if p.returncode != 0:
            problems.append(shown(p))
            break
        last = json.loads(p.stdout)[-1]
        want_train.append(last["train_loss"])
        want_test.append(last["test_loss"])
    for step in steps:
        got_train.append(step["train_loss"])
        got_test.append(step["test_loss"])
    compare("train loss after each step", got_train, want_train, problems)
    compare("test loss after each step", got_test, want_test, problems)
    if full_batch:
        # Without a penalty, a batch of the whole training set has its mean loss: the
        # loss before step k + 1 is train's after step k.
        compare("batch loss before each step", [step["batch_loss"] for step in steps[1:]],
                want_train[:-1], problems)
    if [step["step"] for step in steps] != list(range(steps_before + 1,
                                                      steps_before + STEPS + 1)):
        problems.append(f"steps numbered {[step['step'] for step in steps]}")
    s = run_script(script)
    lines = s.stdout.split()
    if s.returncode != 0 or len(lines) != STEPS:
        problems.append(shown(s))
    else:
        compare("batch losses printed", [float(x) for x in lines],
                [step["batch_loss"] for step in steps], problems)
    check(f"dataset mode, {name}: the losses after each of {STEPS} steps are train "
          "--json's", problems)


def torch_cases():
    p = run([PYTHON, "-c", "import torch"])
    if not ok(p.returncode == 0, "import torch",
              "" if p.returncode == 0 else "python3-torch is missing"):
        return
    with tempfile.TemporaryDirectory() as workdir:
        example_case(workdir, "tanh-sigmoid-cross-entropy",
                     ["--sizes", "2,3,1", "--activations", "tanh,sigmoid",
                      "--loss", "cross-entropy", "--seed", "5",
                      "--input", "0.5,-1", "--target", "1"])
        example_case(workdir, "relu-leaky-linear-squared",
                     ["--sizes", "3,5,4,2", "--activations", "relu,leaky-relu,linear",
                      "--seed", "11", "--learning-rate", "0.05",
                      "--input", "0.3,-0.7,1.2", "--target", "0.25,-0.5"])
        dataset_case(workdir, "spiral-l2",
                     ["--sizes", "3,6,4,1", "--activations", "tanh,tanh,sigmoid",
                      "--loss", "cross-entropy", "--seed", "3", "--dataset", "spiral",
                      "--features", "x1,x2,sin_x1", "--batch-size", "10",
                      "--regularization", "l2", "--regularization-rate", "0.01"])
        dataset_case(workdir, "xor-l1-part-way",
                     ["--sizes", "2,5,1", "--activations", "relu,tanh",
                      "--seed", "8", "--dataset", "xor", "--points", "120",
                      "--batch-size", "7", "--learning-rate", "0.1",
                      "--regularization", "l1", "--regularization-rate", "0.1"],
                     steps_before=13)
        dataset_case(workdir, "circle-full-batch",
                     ["--sizes", "2,4,1", "--activations", "leaky-relu,linear",
                      "--seed", "4", "--dataset", "circle", "--points", "80",
                      "--batch-size", "64", "--learning-rate", "0.03"],
                     full_batch=True)
        # The script holds the batches of the steps it was exported for, and says so.
        network = os.path.join(workdir, "spiral-l2.json")
        script, problems = export(workdir, network, ("--steps", "5"))
        if script is not None:
            s = run_script(script, "6")
            if s.returncode == 0 or "--steps 6" not in s.stderr:
                problems.append(shown(s))
            s = run_script(script)
            if s.returncode != 0 or len(s.stdout.split()) != 5:
                problems.append(shown(s))
        check("dataset mode: --steps 5 holds five steps and the script refuses a sixth",
              problems)


def error_cases():
    with tempfile.TemporaryDirectory() as workdir:
        network = os.path.join(workdir, "net.json")
        cli("new", "--sizes", "2,2,1", "--activations", "tanh,sigmoid", "--seed", "1",
            "--output", network)
        missing = os.path.join(workdir, "missing.json")
        out = os.path.join(workdir, "out.py")
        p = cli("export-torch", missing, "--output", out)
        check("a missing file: exit 1, the file named",
              [] if p.returncode == 1 and "missing.json: No such file" in p.stderr
              and not os.path.exists(out) else [shown(p)])
        unwritable = os.path.join(workdir, "no-such-dir", "net.py")
        p = cli("export-torch", network, "--output", unwritable)
        check("an unwritable output: exit 1, the output named",
              [] if p.returncode == 1 and unwritable in p.stderr else [shown(p)])
        p = cli("export-torch", network)
        check("no --output: exit 2, the option named",
              [] if p.returncode == 2 and "--output" in p.stderr else [shown(p)])
        p = cli("export-torch", network, "--output", out, "--steps", "0")
        check("--steps 0: exit 2, the option named",
              [] if p.returncode == 2 and "--steps" in p.stderr
              and not os.path.exists(out) else [shown(p)])
        p = cli("export-torch", network, "--output", out)
        problems = [] if p.returncode == 0 and p.stdout == "" else [shown(p)]
        if not problems:
            p = run([PYTHON, "-m", "py_compile", out])
            if p.returncode != 0:
                problems.append(shown(p))
        check("a network file: exit 0, a script Python compiles", problems)
        p = cli("--help")
        check("export-torch is listed in --help",
              [] if "export-torch" in p.stdout else [shown(p)])


def main():
    if sys.argv[1:] == ["torch"]:
        torch_cases()
    elif sys.argv[1:] == ["errors"]:
        error_cases()
    else:
        sys.exit("usage: test-export-torch.py torch|errors")
    finish()


if __name__ == "__main__":
    main()
