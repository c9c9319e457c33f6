"""Cost of every activation against PyTorch on one thread, forward and backward.

Run: .venv/bin/python scripts/bench_activations.py [--sizes 1e4 1e6 1e7] [--dtypes float32 float64]
     [--names relu gelu ...] [--torch-only] [--no-torch] [--min-time 0.02]

For each size and dtype, prints per activation the forward and backward time as a multiple of
`np.copyto` of the same array (the memory-bandwidth floor, measured in this process), and, where
PyTorch has the function, ours over PyTorch's: forward over ``torch.nn.functional.<f>(x)``,
backward over PyTorch's autograd backward pass of that call (its graph kept between rounds,
so the forward is not in it). PyTorch runs on one thread
(``torch.set_num_threads(1)``). Beside each ratio, the floor over PyTorch: the time of the
NumPy passes the function's formula cannot do without (``FLOORS``), timed on the same data;
a floor above 1 is a distance NumPy cannot close. The functions in ``WIDE`` compute float32
input in float64, for accuracy, so their float32 floor is timed in float64. Our backward is ``f.backward(x, g)``, which starts from ``x``:
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

# The floor of each function: the NumPy passes (one ufunc call over the array each) that its
# formula cannot do without, forward and backward (which starts from x and multiplies by the
# gradient at the end). A lower bound: the catalog's stable forms take these and more (an abs,
# a clamp, a tail). Each pass is timed below on this run's data, with preallocated outputs
# and the faster of an array or a scalar operand; the floor is their sum. Where the floor is
# above PyTorch's whole call, NumPy cannot reach PyTorch's time with that formula.
FLOORS = {
    "relu": ("max", "compare mul"),  # max(x, 0); (x > 0) g
    "relu6": ("clip", "compare compare mul"),
    "hard_tanh": ("clip", "compare compare mul"),
    "leaky_relu": ("mul max", "compare mul"),  # max(x, a x)
    "prelu": ("mul max", "compare mul"),
    "elu": ("min expm1 max", "min exp mul"),  # max(x, expm1(min(x, 0))); exp(min(x, 0)) g
    "celu": ("min expm1 max", "min exp mul"),
    "selu": ("min expm1 mul max mul", "min exp mul mul"),
    "sigmoid": ("exp add div", "exp add mul div mul"),  # 1 / (1 + e^-x); e / (1 + e)^2 g
    "tanh": ("tanh", "tanh mul add mul"),  # (1 - t^2) g
    "silu": ("exp add div", "exp add div mul mul mul add mul"),  # x / (1 + e); s + x e s^2
    "softplus": ("abs exp log1p max add", "exp add div mul"),
    "log_sigmoid": ("abs exp log1p min add", "exp add div mul"),
    "mish": ("exp add mul add div mul", "exp add mul add div mul add add div mul mul add mul"),
    # NumPy has no erf (SciPy's is a scalar loop): any exact GELU needs at least x^2, the
    # Gaussian's exponential and the products that combine them with x
    "gelu": ("mul mul exp mul add", "mul mul exp mul add mul"),
    "hard_sigmoid": ("mul add clip", "compare compare mul"),
    "hard_swish": ("add clip mul mul", "compare compare mul add mul"),
    "softsign": ("abs add div", "abs add mul div"),  # x / (1 + |x|); g / (1 + |x|)^2
    "tanh_shrink": ("tanh add", "tanh mul mul"),  # x - tanh x; tanh^2 g
    "soft_shrink": ("clip add", "compare compare mul"),
    "hard_shrink": ("abs compare mul", "abs compare mul"),
    "softmax": ("rowmax add exp rowsum div", "rowmax add exp rowsum div mul rowsum add mul"),
    "log_softmax": ("rowmax add exp rowsum log add",
                    "rowmax add exp rowsum div rowsum mul add"),
    "softmin": ("mul rowmax add exp rowsum div",
                "mul rowmax add exp rowsum div mul rowsum add mul"),
    "glu": ("exp add div mul", "exp add div mul mul add mul mul"),  # on half the elements
}  # fmt: skip
HALF = {"glu"}  # the formula works on one half of the input

# For float32 input these evaluate in float64 and round once (forward, backward), because
# NumPy's float32 exponential is 2.4 ulp off: the sigmoid from it would be 3.3 ulp, against
# 0.5 ulp computed in float64. Their float32 floor is therefore the same passes timed on float64
# data in cache-sized blocks (the fastest way NumPy runs them), plus the two casting copies.
WIDE = {
    "sigmoid": (True, False), "silu": (True, True), "softplus": (False, True),
    "log_sigmoid": (False, True), "glu": (True, True), "gelu": (True, True),
}  # fmt: skip
BLOCK = 32768  # elements of the float64 blocks


def _pass_times(x: np.ndarray, repeat: int, min_time: float) -> dict[str, float]:
    """The CPU time of each pass of `FLOORS` on an array like ``x``, best of ``repeat``."""
    from activations.functions import _kernels as kernels

    y = np.random.default_rng(1).standard_normal(x.shape).astype(x.dtype)
    ax = np.abs(x)
    out, mask = np.empty_like(x), np.empty(x.shape, bool)
    rows = np.empty(x.shape[:-1], x.dtype)
    forms = {
        "exp": [lambda: np.exp(x, out=out)],
        "expm1": [lambda: np.expm1(x, out=out)],
        "log1p": [lambda: np.log1p(ax, out=out)],
        "log": [lambda: np.log(y * y + 1, out=out)],
        "tanh": [lambda: np.tanh(x, out=out)],
        "abs": [lambda: np.abs(x, out=out)],
        "add": [lambda: np.add(x, y, out=out), lambda: np.add(x, 1, out=out)],
        "mul": [lambda: np.multiply(x, y, out=out), lambda: np.multiply(x, 2, out=out)],
        "div": [lambda: np.divide(x, y, out=out), lambda: np.divide(1, x, out=out)],
        "max": [lambda: np.maximum(x, y, out=out), lambda: np.maximum(x, 0, out=out),
                lambda: kernels.maximum(x, 0, out=out)],  # (a constant block in the cache)
        "min": [lambda: np.minimum(x, y, out=out), lambda: np.minimum(x, 0, out=out),
                lambda: kernels.minimum(x, 0, out=out)],
        "clip": [lambda: np.clip(x, -1, 1, out=out), lambda: kernels.clip(x, -1, 1, out=out)],
        "compare": [lambda: np.greater(x, y, out=mask), lambda: np.greater(x, 0, out=mask)],
        "rowmax": [lambda: np.maximum.reduce(x, axis=-1, out=rows)],
        "rowsum": [lambda: np.add.reduce(x, axis=-1, out=rows)],
    }
    with np.errstate(all="ignore"):
        return {name: min(best_time(f, repeat, min_time=min_time) for f in fs)
                for name, fs in forms.items()}


def _wide_pass_times(x: np.ndarray, repeat: int, min_time: float) -> dict[str, float]:
    """The passes of `FLOORS` on float64 blocks of ``BLOCK`` elements, scaled to the size of
    float32 ``x``, with "cast", the two copies between float32 and float64."""
    block = x.reshape(-1)[: min(x.size, BLOCK)]
    scale = x.size / block.size
    wide = block.astype(np.float64).reshape(1, -1)
    times = {k: v * scale for k, v in _pass_times(wide, repeat, min_time).items()}
    there, back = np.empty(block.shape), np.empty_like(block)
    times["cast"] = scale * (best_time(lambda: np.copyto(there, block), repeat, min_time)
                             + best_time(lambda: np.copyto(back, there, casting="same_kind"),
                                         repeat, min_time))
    return times


def floor_time(name: str, direction: int, passes: dict[str, float],
               wide: dict[str, float] | None = None) -> float | None:
    """The floor of ``name`` forward (``direction`` 0) or backward (1), or None if none is
    declared; ``wide`` holds the float64 pass times for float32 input (`WIDE`)."""
    if name not in FLOORS:
        return None
    form = FLOORS[name][direction].split()
    if wide is not None and WIDE.get(name, (False, False))[direction]:
        passes, form = wide, form + ["cast"]
    total = sum(passes[p] for p in form)
    return total / 2 if name in HALF else total
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
    y = fn(leaf, *args, **kwargs)
    grad = torch.ones_like(y)

    def forward():
        with torch.no_grad():
            return fn(tx, *args, **kwargs)

    def backward():  # the graph is kept: this times the backward pass alone
        leaf.grad = None
        y.backward(grad, retain_graph=True)

    return forward, backward


def measure(size: int, dtype: np.dtype, names: list[str], torch, min_time: float) -> list[tuple]:
    rows = max(size // WIDTH, 1)
    x = np.random.default_rng(0).standard_normal((rows, size // rows)).astype(dtype)
    out = np.empty_like(x)
    repeat = 3 if size >= 10**7 else 5
    floor = best_time(lambda: np.copyto(out, x), repeat, min_time=min_time)
    tx = torch.from_numpy(x) if torch is not None else None
    passes = _pass_times(x, repeat, min_time)
    wide = _wide_pass_times(x, repeat, min_time) if dtype == np.float32 else None
    results = []
    for name in names:
        f = activations.get(name)
        g = np.ones_like(f(x))
        fwd = best_time(lambda f=f: f(x), repeat, min_time=min_time)
        bwd = best_time(lambda f=f, g=g: f.backward(x, g), repeat, min_time=min_time)
        ratios = [None] * 4  # ours / PyTorch and floor / PyTorch, forward then backward
        if tx is not None and name in TORCH_CALLS:
            forward, backward = _torch_pair(torch, name, tx)
            tf = best_time(forward, repeat, min_time=min_time)
            tb = best_time(backward, repeat, min_time=min_time)
            ff, fb = floor_time(name, 0, passes, wide), floor_time(name, 1, passes, wide)
            ratios = [fwd / tf, ff and ff / tf, bwd / tb, fb and fb / tb]
        results.append((name, fwd / floor, bwd / floor, *ratios))
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
            print("| activation | fwd / copy | bwd / copy | fwd / torch | fwd floor / torch "
                  "| bwd / torch | bwd floor / torch |")
            print("| --- | --- | --- | --- | --- | --- | --- |")
            for name, fc, bc, *ratios in results:
                cells = " | ".join(f"{v:.2f}" if v is not None else "—" for v in ratios)
                print(f"| {name} | {fc:.1f} | {bc:.1f} | {cells} |")
    if torch is not None:
        print("\nfloor = the NumPy passes each formula cannot do without (FLOORS in this script):")
        for name in names:
            if name in FLOORS:
                fwd, bwd = FLOORS[name]
                half = " (each on half the input)" if name in HALF else ""
                wide = [d for d, w in zip(("forward", "backward"), WIDE.get(name, ())) if w]
                wide = f"; float32 {' and '.join(wide)} in float64" if wide else ""
                print(f"  {name}: forward {fwd}; backward {bwd}{half}{wide}")


if __name__ == "__main__":
    main()
