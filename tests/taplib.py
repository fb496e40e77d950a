# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP output and small process helpers for the Python tests."""
import os
import subprocess
import sys

CLI = os.environ.get("BACKPROP_CLI", "backprop-cli")
results = []


def ok(cond, name, detail=""):
    """Prints one TAP line and remembers the result."""
    results.append(bool(cond))
    print(f"{'ok' if cond else 'not ok'} {len(results)} - {name}"
          + (f" # {detail}" if detail else ""))
    sys.stdout.flush()
    return cond


def skip(name, reason):
    """Prints one skipped TAP case, with the reason."""
    results.append(True)
    print(f"ok {len(results)} - {name} # SKIP {reason}")
    sys.stdout.flush()


def check(name, problems):
    """One TAP case: PROBLEMS is a list of strings, empty when it passes."""
    ok(not problems, name)
    for p in problems:
        for line in str(p).splitlines():
            print(f"# {line}")


def finish():
    """Prints the plan and exits with the suite's status."""
    print(f"1..{len(results)}")
    sys.exit(0 if results and all(results) else 1)


def run(argv, **kw):
    try:
        return subprocess.run(argv, capture_output=True, text=True, **kw)
    except FileNotFoundError:
        return subprocess.CompletedProcess(argv, 127, "", f"{argv[0]}: not installed")


def shown(p):
    return f"$ {' '.join(p.args)} (exit {p.returncode})\n{p.stdout}{p.stderr}".rstrip()


def said(p):
    """What a run printed, on one line (a TAP comment)."""
    return shown(p).replace("\n", " ⏎ ")


def cli(*args):
    """backprop-cli ($BACKPROP_CLI) run with ARGS, in the C locale and untranslated."""
    return run([CLI, *args], env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=""))
