"""Training speed of the NumPy engine against PyTorch, measured in the same process.

Two networks, trained the same way in both libraries (same shapes, same initial weights,
sigmoid output with binary cross-entropy, plain SGD):

* ``xor-10``: the source posts' deep XOR network, 2 -> 9 hidden sigmoid layers of width 5 -> 1,
  full batch (4 samples). Tiny arrays: the cost is per-operation overhead.
* ``wide-2x512``: 2 -> 512 -> 512 -> 1 with ReLU on 10,000 samples of ``moons``, batch 128,
  reshuffled every epoch. Matrix-multiply bound.

The engine is timed with ``record=("loss",)`` (PyTorch keeps no diagnostics either) and, for
information, with the default full recording. With one thread (the default) time is the CPU
time of this process, which other processes on a busy machine disturb much less than
wall-clock time; with more threads it is wall-clock time. Each figure is the best of several
rounds, NumPy and PyTorch alternating.

Usage::

    python scripts/bench_training.py [--threads 1] [--seconds 2] [--rounds 3]

PyTorch is optional (``pip install torch``); without it only the engine's figures print.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="BLAS / PyTorch threads")
    parser.add_argument("--seconds", type=float, default=2.0, help="minimum time per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per measurement (best kept)")
    parser.add_argument("--dtype", choices=["float32", "float64", "both"], default="both")
    return parser.parse_args()


ARGS = _parse()
# thread counts must be fixed before NumPy (and its BLAS) is imported
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(ARGS.threads)

import numpy as np  # noqa: E402

import activations as A  # noqa: E402
from activations import datasets  # noqa: E402

try:
    import torch
except ImportError:  # pragma: no cover - optional
    torch = None

clock = time.process_time if ARGS.threads == 1 else time.perf_counter


def engine_model(kind: str, dtype: str) -> tuple[A.Sequential, np.ndarray, np.ndarray, int | None]:
    if kind == "xor-10":
        X, y = datasets.xor()
        layers = [A.Dense(5, "sigmoid", input_dim=2)]
        layers += [A.Dense(5, "sigmoid") for _ in range(8)]
        layers.append(A.Dense(1, "sigmoid"))
        lr, batch = 0.5, None
    else:
        X, y = datasets.moons(10_000, noise=0.1, seed=0)
        layers = [A.Dense(512, "relu", input_dim=2, kernel_initializer="he_uniform"),
                  A.Dense(512, "relu", kernel_initializer="he_uniform"),
                  A.Dense(1, "sigmoid")]
        lr, batch = 0.01, 128
    model = A.Sequential(layers, seed=0, dtype=dtype)
    model.compile("binary_crossentropy", A.optimizers.SGD(lr))
    return model, X, y, batch


def torch_model(model: A.Sequential, dtype: str) -> tuple[object, object]:
    tdtype = getattr(torch, dtype)
    modules = []
    for layer in model.layers:
        lin = torch.nn.Linear(layer.input_dim, layer.units).to(tdtype)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(layer.kernel.T))
            lin.bias.copy_(torch.tensor(layer.bias))
        modules += [lin, {"sigmoid": torch.nn.Sigmoid, "relu": torch.nn.ReLU}[
            layer.activation.name]()]
    net = torch.nn.Sequential(*modules)
    opt = torch.optim.SGD(net.parameters(), lr=model.optimizer.learning_rate)
    return net, opt


def time_engine(model: A.Sequential, X: np.ndarray, y: np.ndarray, batch: int | None,
                record: tuple[str, ...], seconds: float) -> float:
    epochs = 1
    while True:
        start = clock()
        model.fit(X, y, epochs=epochs, batch_size=batch, record=record)
        elapsed = clock() - start
        if elapsed >= seconds:
            return epochs / elapsed
        epochs = max(epochs * 2, int(epochs * seconds / max(elapsed, 1e-9) * 1.1))


def time_torch(net: object, opt: object, X: np.ndarray, y: np.ndarray, batch: int | None,
               dtype: str, seconds: float) -> float:
    tdtype = getattr(torch, dtype)
    Xt = torch.tensor(X, dtype=tdtype)
    yt = torch.tensor(y, dtype=tdtype).reshape(-1, 1)
    n = Xt.shape[0]
    loss_fn = torch.nn.BCELoss()
    generator = torch.Generator().manual_seed(0)

    def epoch() -> float:
        if batch is None:
            opt.zero_grad()
            loss = loss_fn(net(Xt), yt)
            loss.backward()
            opt.step()
            return loss.item()
        order = torch.randperm(n, generator=generator)
        Xs, ys = Xt[order], yt[order]
        total = 0.0
        for i in range(0, n, batch):
            xb, yb = Xs[i:i + batch], ys[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(net(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * xb.shape[0]
        return total / n

    epochs = 1
    while True:
        start = clock()
        for _ in range(epochs):
            epoch()
        elapsed = clock() - start
        if elapsed >= seconds:
            return epochs / elapsed
        epochs = max(epochs * 2, int(epochs * seconds / max(elapsed, 1e-9) * 1.1))


def main() -> int:
    if torch is not None:
        torch.set_num_threads(ARGS.threads)
    dtypes = ["float64", "float32"] if ARGS.dtype == "both" else [ARGS.dtype]
    print(f"NumPy {np.__version__}"
          + (f", PyTorch {torch.__version__}" if torch is not None else ", PyTorch not installed")
          + f"; {ARGS.threads} thread(s); best of {ARGS.rounds} rounds of >= {ARGS.seconds} s "
          + ("of CPU time" if ARGS.threads == 1 else "of wall-clock time"))
    header = f"{'network':<12} {'dtype':<8} {'engine ep/s':>12} {'+diagnostics':>13}"
    if torch is not None:
        header += f" {'PyTorch ep/s':>13} {'ratio':>7} {'ratio +diag':>12}"
    print(header)
    print("-" * len(header))
    for kind in ("xor-10", "wide-2x512"):
        for dtype in dtypes:
            seconds = ARGS.seconds
            best = {"engine": 0.0, "full": 0.0, "torch": 0.0}
            for _ in range(ARGS.rounds):
                model, X, y, batch = engine_model(kind, dtype)
                if torch is not None:
                    net, opt = torch_model(model, dtype)
                    best["torch"] = max(best["torch"],
                                        time_torch(net, opt, X, y, batch, dtype, seconds))
                best["engine"] = max(best["engine"],
                                     time_engine(model, X, y, batch, ("loss",), seconds))
                model, X, y, batch = engine_model(kind, dtype)
                best["full"] = max(best["full"], time_engine(model, X, y, batch,
                                                             A.model.RECORDABLE, seconds))
            line = f"{kind:<12} {dtype:<8} {best['engine']:>12.1f} {best['full']:>13.1f}"
            if torch is not None:
                line += (f" {best['torch']:>13.1f} {best['engine'] / best['torch']:>6.2f}x"
                         f" {best['full'] / best['torch']:>11.2f}x")
            print(line, flush=True)
    print("\nratio = engine epochs per second / PyTorch epochs per second (higher is faster);"
          "\ntargets: xor-10 >= 5x, wide-2x512 >= 1.1x.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
