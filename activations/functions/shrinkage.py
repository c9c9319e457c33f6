r"""Shrinkage: functions that pull small inputs to zero.

From wavelet denoising (Donoho and Johnstone): hard shrinkage zeroes every input of magnitude at
most $\lambda$, soft shrinkage also moves the others $\lambda$ towards zero, and tanh shrink
$x - \tanh x$ is a smooth curve that is flat near zero. All three are odd, so they are
zero-centred.
"""

from __future__ import annotations

import numpy as np

from activations._core import INF, Facts, declare
from activations.functions._kernels import (
    clip_ufunc,
    horner,
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
    return x - clip_ufunc(x, -lambd, lambd)


# x - tanh x = x^3 r(x^2) for |x| < 1/2, where the difference cancels: r near-minimax on
# z in [0, 1/4] (mpmath.chebyfit of (x - tanh x) / x^3 at 80 digits), lowest degree first.
# Degree 10: 1e-17 relative, under float64's rounding; degree 5: 4e-10, under float32's (its
# float64 sum is rounded once to float32).
_TANH_SHRINK_R64 = (
    0.3333333333333333, -0.1333333333333323, 0.053968253968089755, -0.0218694885258676,
    0.008863235198659135, -0.0035921217969498704, 0.0014557608138655873, -0.0005894667419101905,
    0.00023635364294136244, -8.819580305745065e-05, 2.295330465333733e-05,
)
_TANH_SHRINK_R32 = (
    0.33333333320386505, -0.1333332959940025, 0.05396649878175882, -0.02183908027392791,
    0.008621821062099357, -0.002679742569846649,
)


_TANH_SHRINK_BLOCK = 65536


def _tanh_shrink_into(x: np.ndarray, y: np.ndarray) -> None:
    """x - tanh x of the 1-d ``x`` into ``y``, the polynomial where |x| < 1/2."""
    np.tanh(x, out=y)
    np.subtract(x, y, out=y)
    small = np.greater(x, -0.5)
    np.logical_and(small, np.less(x, 0.5), out=small)
    small = np.flatnonzero(small)  # indices: cheaper to gather and scatter than a mask
    if small.size:
        xs = x.take(small).astype(np.float64)  # float32 too: the product rounds once, below
        z = xs * xs
        coef = _TANH_SHRINK_R64 if x.dtype == np.float64 else _TANH_SHRINK_R32
        acc = horner(z, coef, np.empty_like(z))
        acc *= z
        acc *= xs
        y[small] = acc.astype(y.dtype, copy=False)


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

    For $|x| < 1/2$ the difference cancels catastrophically, so it is computed there as
    $x^3 r(x^2)$, with $r$ a polynomial fitted to $(x - \tanh x)/x^3 = 1/3 - 2x^2/15 + \dots$
    closer than the float's rounding.

    Examples
    --------
    >>> import activations
    >>> float(activations.tanh_shrink(1e-3))
    3.3333320000005393e-10
    """
    y = np.empty(x.shape, x.dtype)
    flat, target = x.reshape(-1), y.reshape(-1)
    for start in range(0, flat.size, _TANH_SHRINK_BLOCK):  # each block stays in the cache
        stop = start + _TANH_SHRINK_BLOCK
        _tanh_shrink_into(flat[start:stop], target[start:stop])
    return y


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
