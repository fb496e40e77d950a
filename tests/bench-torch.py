#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark, not a test: one SGD step of a [1024, 1024, 1024] tanh/sigmoid network in
backprop-cli and in PyTorch float64 limited to one thread, measured in one run with the
rounds interleaved, so that a noisy machine slows both alike. Prints medians and the ratio.

Usage: bench-torch.py PATH-TO-backprop-cli"""
import json
import statistics
import subprocess
import sys
import time

import torch

ROUNDS = 7


def torch_round(step, seconds=0.3):
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        step()
        n += 1
    return (time.perf_counter() - t0) / n * 1e9


def main():
    cli = sys.argv[1]
    torch.set_num_threads(1)
    torch.manual_seed(1)
    net = torch.nn.Sequential(torch.nn.Linear(1024, 1024), torch.nn.Tanh(),
                              torch.nn.Linear(1024, 1024), torch.nn.Sigmoid()).double()
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    x = torch.rand(1024, dtype=torch.float64) * 2 - 1
    t = torch.rand(1024, dtype=torch.float64)

    def step():
        opt.zero_grad()
        loss = 0.5 * ((net(x) - t) ** 2).sum()
        loss.backward()
        opt.step()

    for _ in range(5):
        step()
    ours, theirs = [], []
    for _ in range(ROUNDS):
        theirs.append(torch_round(step))
        out = subprocess.run([cli, "bench", "--json", "--quick"], check=True,
                             capture_output=True, text=True).stdout
        shape = [s for s in json.loads(out)["shapes"] if s["sizes"] == [1024, 1024, 1024]][0]
        ours.append(shape["step_ns"])
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"[1024,1024,1024] SGD step, median of {ROUNDS} interleaved rounds")
    print(f"  backprop-cli        {a / 1e6:8.3f} ms")
    print(f"  PyTorch float64 x1  {b / 1e6:8.3f} ms")
    print(f"  ratio               {b / a:8.2f}x faster")


main()
