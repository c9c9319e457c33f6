r"""Shrinkage: functions that pull small inputs to zero.

From wavelet denoising (Donoho and Johnstone): hard shrinkage zeroes every input of magnitude at
most $\lambda$, soft shrinkage also moves the others $\lambda$ towards zero, and tanh shrink
$x - \tanh x$ is a smooth curve that is flat near zero. All three are odd, so they are
zero-centred.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from activations._core import INF, Facts, declare
from activations.functions._kernels import (
    ones_keeping_nan,
    positive_part_sign,
    times_indicator,
)
from activations.functions._parameters import nonnegative

__all__ = ["hard_shrink", "soft_shrink", "tanh_shrink"]

_DONOHO_JOHNSTONE = "Donoho & Johnstone, Ideal spatial adaptation by wavelet shrinkage, 1994"


def _shrink_kinks(lambd: float = 0.5) -> tuple[float, ...]:
    return (-lambd, lambd) if lambd > 0 else ()


def _shrink_grad(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    if lambd == 0:  # the identity: no kink at 0, whose derivative is 1
        return ones_keeping_nan(x)
    t = np.abs(x)
    t -= lambd
    return positive_part_sign(t)


_LARGEST = {np.dtype(t): float(np.finfo(t).max) for t in (np.float16, np.float32, np.float64)}


def _usual(x: np.ndarray, lambd: float) -> bool:
    """Whether lambd is positive and finite in the dtype of x: then the kernels below give the
    bits of the formulas (0 and a lambd beyond the float range keep those: |x| - inf is NaN)."""
    return 0 < lambd <= _LARGEST.get(x.dtype, 0.0)


def _outside(x: np.ndarray, lambd: float) -> np.ndarray:
    """The mask of |x| > lambd: x > lambd or x < -lambd, two comparisons without |x| (the
    derivative's |x| - lambd > 0 holds at the same x: the difference of two floats is 0 only
    where they are equal). False at NaN."""
    mask = np.greater(x, lambd)
    np.logical_or(mask, np.less(x, -lambd), out=mask)
    return mask


def _shrink_backward(x: np.ndarray, g: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    if not _usual(x, lambd):
        d = _shrink_grad(x, lambd)
        d *= g
        return d
    return times_indicator(g, _outside(x, lambd), x)


@declare(
    title="Hard shrink",
    spellings={"threshold": "lambd"},  # Keras' name of the threshold
    latex=r"\begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    derivative_latex=r"\begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}",
    derivative=_shrink_grad,
    backward=_shrink_backward,
    checks={"lambd": nonnegative},
    facts=lambda lambd=0.5: Facts(
        (-INF, INF), monotonic=True, zero_centered=True,
        continuity=-1 if lambd > 0 else INF,  # lambda = 0 is the identity
        year=1994, reference=_DONOHO_JOHNSTONE),
    reference_names={"pytorch": "torch.nn.functional.hardshrink",
                     "keras": "keras.activations.hard_shrink"},
    kinks=_shrink_kinks,
    family="shrinkage",
    example="""
        >>> import activations
        >>> x = [-1.0, 0.3, 0.5, 2.0]
        >>> activations.hard_shrink(x)
        array([-1.,  0.,  0.,  2.])
        >>> activations.hard_shrink(x, lambd=1.0)
        array([-0.,  0.,  0.,  2.])
    """,
)  # fmt: skip
def hard_shrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    r"""Hard shrinkage: zeroes the inputs of magnitude at most $\lambda$, keeps the others.

    $$
    \operatorname{hard\_shrink}(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda
    \end{cases}
    $$

    Parameters
    ----------
    x : array_like
        Input.
    lambd : float
        Threshold $\lambda \ge 0$ (PyTorch's name; Keras calls it ``threshold``).
        The derivative at $\pm\lambda$ is taken as 0; $\lambda = 0$ is the identity.

    Examples
    --------
    >>> import activations
    >>> activations.hard_shrink([-1.0, 0.3, 0.5, 2.0])
    array([-1.,  0.,  0.,  2.])
    """
    if not _usual(x, lambd):
        return x * _shrink_grad(x, lambd)
    y = np.empty(x.shape, x.dtype)  # x [|x| > lambd]: x * 0 keeps the sign, NaN * 0 is NaN
    np.copyto(y, _outside(x, lambd))
    y *= x
    return y


@declare(
    title="Soft shrink",
    spellings={"threshold": "lambd"},  # Keras' name of the threshold
    latex=r"\begin{cases} x - \lambda & x > \lambda \\ 0 & |x| \le \lambda \\ "
          r"x + \lambda & x < -\lambda \end{cases}",
    derivative_latex=r"\begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}",
    derivative=_shrink_grad,
    backward=_shrink_backward,
    checks={"lambd": nonnegative},
    facts=lambda lambd=0.5: Facts(
        (-INF, INF), monotonic=True, zero_centered=True,
        continuity=0 if lambd > 0 else INF,  # lambda = 0 is the identity
        year=1994, reference=_DONOHO_JOHNSTONE),
    reference_names={"pytorch": "torch.nn.functional.softshrink",
                     "keras": "keras.activations.soft_shrink"},
    kinks=_shrink_kinks,
    family="shrinkage",
    example="""
        >>> import activations
        >>> x = [-2.0, 0.25, 1.5]
        >>> activations.soft_shrink(x)
        array([-1.5,  0. ,  1. ])
        >>> activations.soft_shrink.derivative(x)
        array([1., 0., 1.])
    """,
)  # fmt: skip
def soft_shrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    r"""Soft shrinkage: moves every input $\lambda$ towards zero, stopping at zero.

    $$
    \operatorname{soft\_shrink}(x) = \operatorname{sign}(x)\max\bigl(|x| - \lambda, 0\bigr)
    = x - \operatorname{clip}(x, -\lambda, \lambda)
    $$

    Parameters
    ----------
    x : array_like
        Input.
    lambd : float
        Threshold $\lambda \ge 0$ (PyTorch's name; Keras calls it ``threshold``).
        The derivative at $\pm\lambda$ is taken as 0; $\lambda = 0$ is the identity.

    Examples
    --------
    >>> import activations
    >>> activations.soft_shrink([-2.0, 0.25, 1.5])
    array([-1.5,  0. ,  1. ])
    """
    return x - np.clip(x, -lambd, lambd)


def _tanh_series(terms: int = 18) -> np.ndarray:
    """Taylor coefficients of x - tanh(x) = sum_k c_k x^(2k+3), from exact Bernoulli numbers:
    tanh x = sum_n 2^(2n) (2^(2n) - 1) B_(2n) x^(2n-1) / (2n)!."""
    size = 2 * (terms + 1) + 1
    bern = [Fraction(0)] * size  # Akiyama-Tanigawa, B_1 = +1/2 (only even indices are used)
    row = [Fraction(0)] * size
    for m in range(size):
        row[m] = Fraction(1, m + 1)
        for j in range(m, 0, -1):
            row[j - 1] = j * (row[j - 1] - row[j])
        bern[m] = row[0]
    coef = []
    for n in range(2, terms + 2):
        c = Fraction(4**n * (4**n - 1), math.factorial(2 * n)) * bern[2 * n]
        coef.append(float(-c))
    return np.array(coef)


_TANH_SHRINK_COEF = _tanh_series()


def _tanh_shrink_grad(x: np.ndarray) -> np.ndarray:
    t = np.tanh(x)
    t *= t
    return t


@declare(
    title="Tanh shrink",
    latex=r"x - \tanh x",
    derivative_latex=r"\tanh^2 x",
    derivative=_tanh_shrink_grad,
    facts=Facts((-INF, INF), monotonic=True, zero_centered=True, continuity=INF,
                reference="Provided by Torch7 (Collobert, Kavukcuoglu & Farabet, 2011); "
                          "no single paper"),
    reference_names={"pytorch": "torch.nn.functional.tanhshrink",
                     "keras": "keras.activations.tanh_shrink"},
    family="shrinkage",
    example="""
        >>> import activations
        >>> x = [-2.0, 1e-3, 2.0]
        >>> activations.tanh_shrink(x)
        array([-1.03597242e+00,  3.33333200e-10,  1.03597242e+00])
        >>> activations.tanh_shrink.derivative(x)
        array([9.29349175e-01, 9.99999333e-07, 9.29349175e-01])
    """,
)  # fmt: skip
def tanh_shrink(x: np.ndarray) -> np.ndarray:
    r"""Tanh shrink: the input minus its tanh; flat near 0, slope 1 far away.

    $$
    \operatorname{tanh\_shrink}(x) = x - \tanh x, \qquad
    \operatorname{tanh\_shrink}'(x) = \tanh^2 x
    $$

    For $|x| < 1/2$ the difference cancels catastrophically, so it is summed from its Taylor
    series $x^3/3 - 2x^5/15 + \dots$ instead.

    Examples
    --------
    >>> import activations
    >>> float(activations.tanh_shrink(1e-3))
    3.3333320000005393e-10
    """
    y = x - np.tanh(x)
    small = np.abs(x) < 0.5
    if np.any(small):
        xs = x[small]
        x2 = xs * xs
        acc = np.zeros_like(xs)
        for c in _TANH_SHRINK_COEF[::-1]:
            acc *= x2
            acc += c
        y[small] = acc * x2 * xs
    return y


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
