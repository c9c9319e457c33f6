"""Cost of every activation against PyTorch on one thread, forward and backward.

Run: .venv/bin/python scripts/bench_activations.py [--sizes 1e4 1e6 1e7] [--dtypes float32 float64]
     [--names relu gelu ...] [--no-torch]

For each size and dtype, prints per activation the forward and backward time as a multiple of
`np.copyto` of the same array (the memory-bandwidth floor, measured in this process), and, where
PyTorch has the function, ours over PyTorch's: forward over ``torch.nn.functional.<f>(x)``,
backward over PyTorch's autograd of that call minus its forward. PyTorch runs on one thread
(``torch.set_num_threads(1)``). Our backward is ``f.backward(x, g)``, which starts from ``x``:
for the normalising functions it recomputes the forward pass, which PyTorch's autograd keeps.
Times are CPU time of this process (``time.process_time``), which other processes on a busy
machine disturb much less than wall-clock time; each figure is the best of several rounds. The
output is a Markdown table per size and dtype.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

import activations


def best_time(fn, repeat: int = 5, min_time: float = 0.02) -> float:
    """The best CPU time per call of ``fn`` over ``repeat`` rounds of at least ``min_time``."""
    number = 1
    while True:  # calibrate: enough calls for a round of min_time
        start = time.process_time()
        for _ in range(number):
            fn()
        elapsed = time.process_time() - start
        if elapsed >= min_time or number >= 1 << 20:
            break
        number *= 2
    best = elapsed / number
    for _ in range(repeat - 1):
        start = time.process_time()
        for _ in range(number):
            fn()
        best = min(best, (time.process_time() - start) / number)
    return best

TORCH_CALLS = {
    "relu": "relu", "tanh": "tanh", "sigmoid": "sigmoid", "elu": "elu", "selu": "selu",
    "celu": "celu", "gelu": "gelu", "silu": "silu", "mish": "mish", "softplus": "softplus",
    "leaky_relu": "leaky_relu", "relu6": "relu6", "hard_tanh": "hardtanh",
    "hard_sigmoid": "hardsigmoid", "hard_swish": "hardswish", "softsign": "softsign",
    "log_sigmoid": "logsigmoid", "softmax": "softmax", "log_softmax": "log_softmax",
    "softmin": "softmin", "tanh_shrink": "tanhshrink", "soft_shrink": "softshrink",
    "hard_shrink": "hardshrink", "glu": "glu", "prelu": "prelu",
}  # fmt: skip
ROW_WISE = {"softmax", "log_softmax", "softmin"}
WIDTH = 1000  # the row length of the input: softmax normalises rows of 1,000 logits


def _torch_pair(torch, name, tx):
    """(forward, backward-with-forward) closures of the PyTorch call, or None."""
    fn = getattr(torch.nn.functional, TORCH_CALLS[name])
    if name in ROW_WISE or name == "glu":
        kwargs = {"dim": -1}
    else:
        kwargs = {}
    args = ()
    if name == "prelu":
        args = (torch.full((1,), 0.25, dtype=tx.dtype),)
    leaf = tx.clone().requires_grad_(True)
    grad = torch.ones_like(fn(tx, *args, **kwargs))

    def forward():
        with torch.no_grad():
            return fn(tx, *args, **kwargs)

    def both():
        leaf.grad = None
        fn(leaf, *args, **kwargs).backward(grad)

    return forward, both


def measure(size: int, dtype: np.dtype, names: list[str], torch, min_time: float) -> list[tuple]:
    rows = max(size // WIDTH, 1)
    x = np.random.default_rng(0).standard_normal((rows, size // rows)).astype(dtype)
    out = np.empty_like(x)
    repeat = 3 if size >= 10**7 else 5
    floor = best_time(lambda: np.copyto(out, x), repeat, min_time=min_time)
    tx = torch.from_numpy(x) if torch is not None else None
    results = []
    for name in names:
        f = activations.get(name)
        g = np.ones_like(f(x))
        fwd = best_time(lambda f=f: f(x), repeat, min_time=min_time)
        bwd = best_time(lambda f=f, g=g: f.backward(x, g), repeat, min_time=min_time)
        tf = tb = None
        if tx is not None and name in TORCH_CALLS:
            forward, both = _torch_pair(torch, name, tx)
            tf = best_time(forward, repeat, min_time=min_time)
            tb = max(best_time(both, repeat, min_time=min_time) - tf, 0.0)
        results.append((name, fwd / floor, bwd / floor, tf and fwd / tf, tb and bwd / tb))
    return floor, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e4, 1e6, 1e7])
    parser.add_argument("--dtypes", nargs="+", default=["float32", "float64"])
    parser.add_argument("--names", nargs="+", default=None, help="default: the whole catalog")
    parser.add_argument("--torch-only", action="store_true", help="only functions PyTorch has")
    parser.add_argument("--no-torch", action="store_true")
    parser.add_argument("--min-time", type=float, default=0.02, help="shortest round, seconds")
    args = parser.parse_args()
    torch = None
    if not args.no_torch:
        try:
            import torch

            torch.set_num_threads(1)
        except ImportError:  # pragma: no cover - optional
            torch = None
    names = args.names or activations.names()
    if args.torch_only:
        names = [n for n in names if n in TORCH_CALLS]
    for dtype in args.dtypes:
        for size in (int(s) for s in args.sizes):
            floor, results = measure(size, np.dtype(dtype), names, torch, args.min_time)
            print(f"\n{size:.0e} {dtype} (copy floor {floor * 1e6:.1f} µs)\n")
            print("| activation | fwd / copy | bwd / copy | fwd / torch | bwd / torch |")
            print("| --- | --- | --- | --- | --- |")
            for name, fc, bc, ft, bt in results:
                cells = [f"{v:.2f}" if v is not None else "—" for v in (ft, bt)]
                print(f"| {name} | {fc:.1f} | {bc:.1f} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
