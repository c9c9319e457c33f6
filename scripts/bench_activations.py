"""Cost of every activation (float32, 10^6 elements) as a multiple of copying the array.

Run: .venv/bin/python scripts/bench_activations.py [--torch]

Prints, per activation, forward and backward time over `np.copyto` of the same array (the
memory-bandwidth floor), measured in this process. With --torch and PyTorch installed, also the
forward time of the equivalent PyTorch call over the same floor.
"""

from __future__ import annotations

import argparse

import numpy as np

import activations
from activations.benchmarks import best_time

TORCH_CALLS = {
    "relu": "relu", "tanh": "tanh", "sigmoid": "sigmoid", "elu": "elu", "selu": "selu",
    "celu": "celu", "gelu": "gelu", "silu": "silu", "mish": "mish", "softplus": "softplus",
    "leaky_relu": "leaky_relu", "relu6": "relu6", "hard_tanh": "hardtanh",
    "hard_sigmoid": "hardsigmoid", "hard_swish": "hardswish", "softsign": "softsign",
    "log_sigmoid": "logsigmoid", "softmax": "softmax", "log_softmax": "log_softmax",
    "tanh_shrink": "tanhshrink", "soft_shrink": "softshrink", "hard_shrink": "hardshrink",
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--torch", action="store_true", help="compare with PyTorch (1 thread)")
    args = parser.parse_args()
    x = np.random.default_rng(0).standard_normal((args.size // 8, 8)).astype(np.float32)
    out = np.empty_like(x)
    floor = best_time(lambda: np.copyto(out, x))
    torch = None
    if args.torch:
        import torch

        torch.set_num_threads(1)
        tx = torch.from_numpy(x)
    print(f"{'activation':<18}{'forward':>9}{'backward':>10}" + (f"{'torch fwd':>11}" if torch else ""))
    for name in activations.names():
        f = activations.get(name)
        ones = np.ones_like(f(x))
        fwd = best_time(lambda: f(x)) / floor
        bwd = best_time(lambda: f.backward(x, ones)) / floor
        line = f"{name:<18}{fwd:9.1f}{bwd:10.1f}"
        if torch is not None and name in TORCH_CALLS:
            fn = getattr(torch.nn.functional, TORCH_CALLS[name], None) or getattr(torch, name)
            kwargs = {"dim": -1} if name in ("softmax", "log_softmax") else {}
            line += f"{best_time(lambda: fn(tx, **kwargs)) / floor:11.1f}"
        print(line)
    print("(times as multiples of np.copyto of the same float32 array)")


if __name__ == "__main__":
    main()
