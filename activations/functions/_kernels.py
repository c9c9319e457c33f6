r"""Numerical kernels shared by the chapters of the catalog.

Plain NumPy functions of float arrays, with no checks: the public boundary
([`Activation`][activations.Activation]) has converted and validated the input already. Each
one is written for accuracy first (no overflow for finite input, no cancellation in the tails)
and then for speed (few passes over the data, results written into buffers already allocated).
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special as sc

FAR = 800.0
"""Past ``|x| = 800`` every exponential used in the catalog has under- or overflowed, in float32
and float64, so clamping there changes no result and keeps ``x * 0`` away from ``inf * 0``."""


def keep_nan(x: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return ``values`` with NaN wherever ``x`` is NaN (for indicator-like results)."""
    return np.where(np.isnan(x), x, values)


def logistic(x: np.ndarray) -> np.ndarray:
    """sigma(x) = 1 / (1 + e^-x): SciPy's ``expit`` (one pass, within 1.5 ulp, no overflow),
    and e^x where sigma(x) is subnormal, so that the far left tail is exact too.

    ``expit`` returns 0 once e^-x overflows (x < -709.8 in float64, -88.7 in float32), where
    sigma(x) is still a subnormal number. Below log(smallest normal float) (x < -708.4, -87.3)
    1 + e^x rounds to 1, so sigma(x) is e^x itself: those elements are recomputed so, after one
    reduction to find out whether there are any (a few microseconds on small arrays). The
    kernel is the same at every array size, so a value gives the same result wherever it sits;
    for large arrays it is faster than e^min(x, 0) / (1 + e^-|x|), which takes two exponentials.
    """
    s = sc.expit(x)
    below = _SUBNORMAL_SIGMOID.get(x.dtype)
    if below is None:
        below = _SUBNORMAL_SIGMOID[x.dtype] = math.log(float(np.finfo(x.dtype).tiny))
    if x.size and np.fmin.reduce(x, axis=None) < below:  # fmin: NaN does not hide the tail
        tail = x < below
        s[tail] = np.exp(x[tail])
    return s


_SUBNORMAL_SIGMOID: dict[np.dtype, float] = {}
"""Per float dtype, log(smallest normal float): below it sigma(x) = e^x is subnormal."""


def logistic_grad(x: np.ndarray) -> np.ndarray:
    """sigma'(x) = e / (1 + e)^2 with e = exp(-|x|): sigma(x) sigma(-x) without cancellation,
    with one exponential; exact down to the subnormals, the same at every array size."""
    e = np.abs(x)
    np.negative(e, out=e)
    np.exp(e, out=e)
    d = e + 1
    np.divide(e, d, out=e)
    np.divide(e, d, out=e)
    return e


def sech2(x: np.ndarray) -> np.ndarray:
    """sech(x)^2 = 4 e / (1 + e)^2 with e = exp(-2|x|): accurate where 1 - tanh^2 cancels."""
    e = np.minimum(np.abs(x), FAR / 2)
    e *= -2
    np.exp(e, out=e)
    d = e + 1
    e *= 4
    np.divide(e, d, out=e)
    np.divide(e, d, out=e)
    return e


def positive_part_sign(t: np.ndarray) -> np.ndarray:
    """1 where t > 0, 0 where t <= 0, NaN where t is NaN: sign(max(t, 0)), in place."""
    m = np.maximum(t, 0)
    return np.sign(m, out=t)  # (np.sign in place, out=m, is ~8x slower)


def between(x: np.ndarray, low: float, high: float) -> np.ndarray:
    """Indicator of low < x < high (NaN propagates): min(x - low, high - x) > 0."""
    t = x - low
    np.minimum(t, high - x, out=t)
    return positive_part_sign(t)


def ones_keeping_nan(x: np.ndarray) -> np.ndarray:
    """1 everywhere, NaN where x is NaN."""
    t = np.abs(x)
    t += 1
    return np.sign(t)


def relu_grad(x: np.ndarray) -> np.ndarray:
    """1 for x > 0, 0 for x <= 0, NaN for NaN: the ReLU's derivative, with relu'(0) = 0."""
    return np.sign(np.maximum(x, 0))
