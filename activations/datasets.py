r"""Small generated data sets for the experiments: logic gates, 2-D classification, 1-D regression.

Nothing is downloaded; every set is computed from a formula and, where random, from ``seed``
(an int, a ``numpy.random.Generator`` or ``None``): the same seed gives the same arrays, bit
for bit. Every function returns ``(X, y)`` with ``X`` a float64 array of shape
``(n, features)`` and ``y`` of shape ``(n,)``: int64 class labels for classification sets,
float64 targets for regression sets.

| function | task | features | targets |
| --- | --- | --- | --- |
| `xor`, `and_gate`, `or_gate` | binary, the 4 corners of the unit square | 2 | {0, 1} |
| `moons`, `circles` | binary | 2 | {0, 1} |
| `spirals`, `blobs` | multi-class | 2 | {0, ..., classes-1} |
| `sine` | regression | 1 | $\sin x \in [-1, 1]$ |
| `cubic` | regression | 1 | $x^3$ on $[-2, 2]$: negative for half the inputs, beyond $\pm 1$ |
| `parabola` | regression | 1 | $x^2 \ge 0$ |

The regression sets pair with output activations: targets of both signs beyond $[-1, 1]$
(`cubic`) need a linear output unit; non-negative targets (`parabola`) suit ReLU or softplus;
bounded targets (`sine`) also suit tanh.

Examples
--------
>>> from activations import datasets
>>> X, y = datasets.xor()
>>> X.tolist(), y.tolist()
([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 1, 1, 0])
>>> X, y = datasets.moons(100, noise=0.1, seed=0)
>>> X.shape, sorted(set(y.tolist()))
((100, 2), [0, 1])
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from activations._validation import SeedLike, as_rng, check_float, check_int

__all__ = [
    "and_gate",
    "blobs",
    "circles",
    "cubic",
    "moons",
    "or_gate",
    "parabola",
    "sine",
    "spirals",
    "xor",
]

_CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _gate(truth: list[int]) -> tuple[np.ndarray, np.ndarray]:
    return _CORNERS.copy(), np.array(truth, dtype=np.int64)


def xor() -> tuple[np.ndarray, np.ndarray]:
    r"""The XOR truth table: $y = x_1 \oplus x_2$, not linearly separable.

    No straight line separates the two classes, so a linear model (logistic regression, or any
    stack of linear layers) classifies at most 3 of the 4 points correctly; one hidden layer of
    non-linear units suffices.

    The source posts' experiment, as the test suite reproduces it: full-batch SGD with learning
    rate 0.2 for 3000 epochs, binary cross-entropy, a sigmoid output, default initializers
    (glorot_uniform). A 2-4-1 sigmoid network reaches accuracy 1.0 (10 of seeds 0-9); nine
    hidden sigmoid layers of width 10 stay at <= 0.75 (10/10, the loss stuck at $\ln 2$, the
    first layer's gradient $10^{4.7}$ to $10^{6.5}$ times smaller than the last one's); the same
    network with ReLU reaches 1.0 (10/10).

    Returns
    -------
    X : numpy.ndarray, shape (4, 2), float64
    y : numpy.ndarray, shape (4,), int64

    Examples
    --------
    >>> from activations import datasets
    >>> datasets.xor()[1]
    array([0, 1, 1, 0])
    """
    return _gate([0, 1, 1, 0])


def and_gate() -> tuple[np.ndarray, np.ndarray]:
    r"""The AND truth table (linearly separable).

    Returns
    -------
    X : numpy.ndarray, shape (4, 2), float64
    y : numpy.ndarray, shape (4,), int64

    Examples
    --------
    >>> from activations import datasets
    >>> datasets.and_gate()[1]
    array([0, 0, 0, 1])
    """
    return _gate([0, 0, 0, 1])


def or_gate() -> tuple[np.ndarray, np.ndarray]:
    r"""The OR truth table (linearly separable).

    Returns
    -------
    X : numpy.ndarray, shape (4, 2), float64
    y : numpy.ndarray, shape (4,), int64

    Examples
    --------
    >>> from activations import datasets
    >>> datasets.or_gate()[1]
    array([0, 1, 1, 1])
    """
    return _gate([0, 1, 1, 1])


def _shuffled(
    rng: np.random.Generator, X: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    order = rng.permutation(len(y))
    return np.ascontiguousarray(X[order]), np.ascontiguousarray(y[order])


def _split(n: int, parts: int) -> list[int]:
    """Sizes of ``parts`` groups summing to ``n``, the first ones one larger if needed."""
    return [n // parts + (1 if i < n % parts else 0) for i in range(parts)]


def moons(
    n: int = 200, noise: float = 0.1, seed: SeedLike = None
) -> tuple[np.ndarray, np.ndarray]:
    r"""Two interleaving half circles (as scikit-learn's ``make_moons``), shuffled.

    Class 0 lies on $(\cos t, \sin t)$ and class 1 on $(1 - \cos t, \tfrac12 - \sin t)$ for
    $t \in [0, \pi]$, plus Gaussian noise of standard deviation ``noise``.

    Parameters
    ----------
    n : int, default 200
        Number of samples (split as evenly as possible between the classes).
    noise : float, default 0.1
        Standard deviation of the noise added to each coordinate, >= 0.
    seed : int, numpy.random.Generator or None

    Returns
    -------
    X : numpy.ndarray, shape (n, 2), float64
    y : numpy.ndarray, shape (n,), int64

    Examples
    --------
    >>> from activations import datasets
    >>> X, y = datasets.moons(6, noise=0.0, seed=1)
    >>> int(y.sum())
    3
    """
    n = check_int(n, "moons", "n", minimum=2)
    noise = check_float(noise, "moons", "noise", non_negative=True)
    rng = as_rng(seed, "moons")
    n0, n1 = _split(n, 2)
    t0 = np.linspace(0.0, math.pi, n0)
    t1 = np.linspace(0.0, math.pi, n1)
    X = np.concatenate(
        [np.stack([np.cos(t0), np.sin(t0)], 1), np.stack([1 - np.cos(t1), 0.5 - np.sin(t1)], 1)]
    )
    y = np.repeat(np.array([0, 1], dtype=np.int64), [n0, n1])
    if noise > 0:
        X += rng.normal(0.0, noise, X.shape)
    return _shuffled(rng, X, y)


def circles(
    n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: SeedLike = None
) -> tuple[np.ndarray, np.ndarray]:
    r"""A small circle (class 1) inside a large one (class 0), shuffled.

    Parameters
    ----------
    n : int, default 200
        Number of samples (split as evenly as possible between the circles).
    noise : float, default 0.05
        Standard deviation of the noise added to each coordinate, >= 0.
    factor : float, default 0.5
        Radius of the inner circle relative to the outer one (radius 1), in (0, 1).
    seed : int, numpy.random.Generator or None

    Returns
    -------
    X : numpy.ndarray, shape (n, 2), float64
    y : numpy.ndarray, shape (n,), int64

    Examples
    --------
    >>> import numpy as np
    >>> from activations import datasets
    >>> X, y = datasets.circles(8, noise=0.0, factor=0.5, seed=0)
    >>> np.round(np.hypot(X[:, 0], X[:, 1]), 3)[np.argsort(y, kind="stable")].tolist()
    [1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5]
    """
    n = check_int(n, "circles", "n", minimum=2)
    noise = check_float(noise, "circles", "noise", non_negative=True)
    factor = check_float(factor, "circles", "factor", positive=True, below=1.0)
    rng = as_rng(seed, "circles")
    n_out, n_in = _split(n, 2)
    t_out = np.linspace(0.0, 2 * math.pi, n_out, endpoint=False)
    t_in = np.linspace(0.0, 2 * math.pi, n_in, endpoint=False)
    X = np.concatenate(
        [np.stack([np.cos(t_out), np.sin(t_out)], 1),
         factor * np.stack([np.cos(t_in), np.sin(t_in)], 1)]
    )
    y = np.repeat(np.array([0, 1], dtype=np.int64), [n_out, n_in])
    if noise > 0:
        X += rng.normal(0.0, noise, X.shape)
    return _shuffled(rng, X, y)


def spirals(
    n: int = 300, classes: int = 3, noise: float = 0.2, turns: float = 0.75, seed: SeedLike = None
) -> tuple[np.ndarray, np.ndarray]:
    r"""Interleaved spiral arms, one per class (the CS231n example), shuffled.

    Arm $j$ has points at radius $r \in [0, 1]$ and angle
    $\theta = 2\pi\,(\text{turns}\cdot r + j / \text{classes}) + \varepsilon$ with angular noise
    $\varepsilon \sim \mathcal{N}(0, \text{noise}^2)$ (in radians).

    Parameters
    ----------
    n : int, default 300
        Total number of samples (split as evenly as possible between the arms).
    classes : int, default 3
        Number of arms (classes), >= 2.
    noise : float, default 0.2
        Standard deviation of the angular noise, >= 0.
    turns : float, default 0.75
        How many full turns each arm makes, > 0.
    seed : int, numpy.random.Generator or None

    Returns
    -------
    X : numpy.ndarray, shape (n, 2), float64
    y : numpy.ndarray, shape (n,), int64

    Examples
    --------
    >>> import numpy as np
    >>> from activations import datasets
    >>> X, y = datasets.spirals(90, classes=3, seed=0)
    >>> np.bincount(y).tolist()
    [30, 30, 30]
    """
    n = check_int(n, "spirals", "n", minimum=1)
    classes = check_int(classes, "spirals", "classes", minimum=2)
    if n < classes:
        raise ValueError(f"spirals: n must be at least classes ({classes}), got {n}")
    noise = check_float(noise, "spirals", "noise", non_negative=True)
    turns = check_float(turns, "spirals", "turns", positive=True)
    rng = as_rng(seed, "spirals")
    Xs, ys = [], []
    for j, size in enumerate(_split(n, classes)):
        r = np.linspace(0.0, 1.0, size)
        theta = 2 * math.pi * (turns * r + j / classes) + rng.normal(0.0, noise, size)
        Xs.append(np.stack([r * np.cos(theta), r * np.sin(theta)], 1))
        ys.append(np.full(size, j, dtype=np.int64))
    return _shuffled(rng, np.concatenate(Xs), np.concatenate(ys))


def blobs(
    n: int = 300,
    centers: int | Any = 3,
    std: float = 1.0,
    box: float = 5.0,
    seed: SeedLike = None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Isotropic Gaussian clusters, one per class, shuffled.

    Parameters
    ----------
    n : int, default 300
        Total number of samples (split as evenly as possible between the clusters).
    centers : int or array_like of shape (classes, features), default 3
        Either how many centres to draw uniformly in $[-\text{box}, \text{box}]^2$, or the
        centres themselves (any number of features).
    std : float, default 1.0
        Standard deviation of each cluster, >= 0.
    box : float, default 5.0
        Half-width of the square the random centres are drawn from, > 0.
    seed : int, numpy.random.Generator or None

    Returns
    -------
    X : numpy.ndarray, shape (n, features), float64
    y : numpy.ndarray, shape (n,), int64

    Examples
    --------
    >>> import numpy as np
    >>> from activations import datasets
    >>> X, y = datasets.blobs(4, centers=[[0.0, 0.0], [10.0, 10.0]], std=0.0, seed=0)
    >>> X[np.argsort(y, kind="stable")].tolist()
    [[0.0, 0.0], [0.0, 0.0], [10.0, 10.0], [10.0, 10.0]]
    """
    n = check_int(n, "blobs", "n", minimum=1)
    std = check_float(std, "blobs", "std", non_negative=True)
    box = check_float(box, "blobs", "box", positive=True)
    rng = as_rng(seed, "blobs")
    if isinstance(centers, (int, np.integer)) and not isinstance(centers, bool):
        k = check_int(centers, "blobs", "centers", minimum=1)
        c = rng.uniform(-box, box, (k, 2))
    else:
        c = np.asarray(centers, dtype=np.float64) if not isinstance(centers, bool) else None
        if c is None or c.ndim != 2 or c.shape[0] < 1 or not np.isfinite(c).all():
            raise ValueError(
                "blobs: centers must be a positive int or a finite array of shape "
                f"(classes, features), got {centers!r}"
            )
    if n < len(c):
        raise ValueError(f"blobs: n must be at least the number of centres ({len(c)}), got {n}")
    sizes = _split(n, len(c))
    y = np.repeat(np.arange(len(c), dtype=np.int64), sizes)
    X = c[y] + rng.normal(0.0, 1.0, (n, c.shape[1])) * std
    return _shuffled(rng, X, y)


def _regression(
    name: str, fn: Any, n: int, noise: float, low: float, high: float, seed: SeedLike
) -> tuple[np.ndarray, np.ndarray]:
    n = check_int(n, name, "n", minimum=1)
    noise = check_float(noise, name, "noise", non_negative=True)
    rng = as_rng(seed, name)
    x = np.sort(rng.uniform(low, high, n))
    y = fn(x)
    if noise > 0:
        y = y + rng.normal(0.0, noise, n)
    return x[:, None], y


def sine(n: int = 200, noise: float = 0.1, seed: SeedLike = None) -> tuple[np.ndarray, np.ndarray]:
    r"""Noisy samples of $y = \sin x$ for $x$ uniform in $[-\pi, \pi]$, sorted by $x$.

    Parameters
    ----------
    n : int, default 200
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to $y$, >= 0.
    seed : int, numpy.random.Generator or None

    Returns
    -------
    X : numpy.ndarray, shape (n, 1), float64
    y : numpy.ndarray, shape (n,), float64

    Examples
    --------
    >>> import numpy as np
    >>> from activations import datasets
    >>> X, y = datasets.sine(50, noise=0.0, seed=0)
    >>> bool(np.allclose(y, np.sin(X[:, 0])))
    True
    """
    return _regression("sine", np.sin, n, noise, -math.pi, math.pi, seed)


def cubic(n: int = 200, noise: float = 0.1, seed: SeedLike = None) -> tuple[np.ndarray, np.ndarray]:
    r"""Noisy samples of $y = x^3$ for $x$ uniform in $[-2, 2]$: targets in about $[-8, 8]$.

    Half the targets are negative and most lie outside $[-1, 1]$: an output unit with ReLU,
    sigmoid, softplus or tanh cannot reach them, a linear one can.

    Parameters
    ----------
    n : int, default 200
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to $y$, >= 0.
    seed : int, numpy.random.Generator or None

    Returns
    -------
    X : numpy.ndarray, shape (n, 1), float64
    y : numpy.ndarray, shape (n,), float64

    Examples
    --------
    >>> from activations import datasets
    >>> X, y = datasets.cubic(100, noise=0.0, seed=0)
    >>> bool(y.min() < -1 and y.max() > 1)
    True
    """
    return _regression("cubic", lambda x: x * x * x, n, noise, -2.0, 2.0, seed)


def parabola(
    n: int = 200, noise: float = 0.1, seed: SeedLike = None
) -> tuple[np.ndarray, np.ndarray]:
    r"""Samples of $y = x^2 + |\varepsilon|$ for $x$ uniform in $[-2, 2]$: targets never negative.

    The noise is folded ($|\varepsilon|$, $\varepsilon \sim \mathcal{N}(0, \text{noise}^2)$) so
    that every target is $\ge 0$, the natural range of a ReLU or softplus output unit.

    Parameters
    ----------
    n : int, default 200
    noise : float, default 0.1
        Standard deviation of $\varepsilon$, >= 0.
    seed : int, numpy.random.Generator or None

    Returns
    -------
    X : numpy.ndarray, shape (n, 1), float64
    y : numpy.ndarray, shape (n,), float64

    Examples
    --------
    >>> from activations import datasets
    >>> X, y = datasets.parabola(100, seed=0)
    >>> bool(y.min() >= 0)
    True
    """
    n = check_int(n, "parabola", "n", minimum=1)
    noise = check_float(noise, "parabola", "noise", non_negative=True)
    rng = as_rng(seed, "parabola")
    x = np.sort(rng.uniform(-2.0, 2.0, n))
    y = x * x
    if noise > 0:
        y = y + np.abs(rng.normal(0.0, noise, n))
    return x[:, None], y
