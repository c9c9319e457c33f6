r"""Measure what activation functions cost, relative to a reference run in the same process.

Absolute times depend on the machine and on what else it is doing; ratios measured back to back
in one process are far more stable. Every measurement here is a ratio: the time of an
activation (or its derivative) over the time of a reference operation on the same array.

Examples
--------
>>> from activations import benchmarks
>>> costs = benchmarks.relative_costs(["relu", "tanh"], size=10_000, repeat=3)
>>> sorted(costs["tanh"])
['backward', 'forward']
>>> costs["relu"]["forward"] > 0
True
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np

from activations._core import Activation
from activations._core import get as _get
from activations._core import names as _names

__all__ = ["best_time", "relative_costs"]


def best_time(
    fn: Callable[[], object], repeat: int = 7, number: int = 0, min_time: float = 0.02
) -> float:
    """Return the best time per call of ``fn`` over ``repeat`` rounds, in seconds.

    Parameters
    ----------
    fn : callable
        The call to time.
    repeat : int
        Number of rounds; the minimum is the least disturbed by other processes.
    number : int
        Calls per round; 0 picks enough calls for a round of at least ``min_time``.
    min_time : float
        Shortest round in seconds when ``number`` is 0. A whole measurement takes about
        ``(repeat + 2) * min_time`` for a fast ``fn``; shorter rounds are noisier.

    Returns
    -------
    float
        Seconds per call.

    Examples
    --------
    >>> from activations.benchmarks import best_time
    >>> best_time(lambda: sum(range(100)), repeat=3, min_time=0.001) > 0
    True
    """
    if number <= 0:
        number, elapsed = 1, 0.0
        while True:
            start = time.perf_counter()
            for _ in range(number):
                fn()
            elapsed = time.perf_counter() - start
            if elapsed > min_time or number >= 1 << 20:
                break
            number *= 2
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def relative_costs(
    names: Sequence[str] | None = None,
    *,
    size: int = 1_000_000,
    dtype: type = np.float32,
    reference: str = "relu",
    repeat: int = 5,
    seed: int = 0,
    min_time: float = 0.02,
) -> dict[str, dict[str, float]]:
    r"""Time each activation's forward pass and its backward pass relative to a reference.

    The input is ``size`` standard-normal values of ``dtype`` (shape ``(size // 8, 8)``, so that
    vector-valued functions see rows of 8). The backward pass is
    [`Activation.backward`][activations.Activation.backward] with a gradient of ones: for
    elementwise functions that is one derivative evaluation and a product.

    Parameters
    ----------
    names : sequence of str, optional
        Catalog names; all of them by default.
    size : int
        Number of elements.
    dtype : type
        Floating dtype of the input.
    reference : str
        The activation whose forward time is 1.0.
    repeat : int
        Rounds per measurement (the best is kept).
    seed : int
        Seed of the input.
    min_time : float
        Shortest timing round in seconds (see `best_time`); lower it, with ``size`` and
        ``repeat``, for a quick measurement of the whole catalog.

    Returns
    -------
    dict of str to dict of str to float
        ``{name: {"forward": ratio, "backward": ratio}}``, ratios to the reference's forward time.
    """
    names = list(_names() if names is None else names)
    x = np.random.default_rng(seed).standard_normal((size // 8, 8)).astype(dtype)
    ref: Activation = _get(reference)
    base = best_time(lambda: ref(x), repeat, min_time=min_time)
    costs = {}
    for name in names:
        f = _get(name)
        ones = np.ones_like(f(x))
        forward = best_time(lambda f=f: f(x), repeat, min_time=min_time)
        backward = best_time(
            lambda f=f, g=ones: f.backward(x, g), repeat, min_time=min_time
        )
        costs[name] = {"forward": forward / base, "backward": backward / base}
    return costs
