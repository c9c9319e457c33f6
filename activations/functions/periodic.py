r"""Periodic units: functions built from the sine.

A sine unit responds to its input's phase, not its size, so networks of them represent
oscillating signals that ReLU or tanh networks can only fit piece by piece. The sine itself has
no limit at $\pm\infty$; sinc decays to 0 and Snake adds the identity, so both have one.
"""

from __future__ import annotations

import numpy as np

from activations._core import INF, Facts, declare
from activations._floating_point import OVERFLOW, call_ignoring
from activations.functions._parameters import positive_or_array

__all__ = ["sinusoid", "sinc", "snake"]


def _finite_or_nan(x: np.ndarray) -> np.ndarray:
    """x, with NaN at +-inf: the sine has no limit there."""
    return np.where(np.isinf(x), np.nan, x).astype(x.dtype, copy=False)


def _sinusoid_grad(x: np.ndarray) -> np.ndarray:
    return np.cos(_finite_or_nan(x))


@declare(
    title="Sinusoid",
    latex=r"\sin x",
    derivative_latex=r"\cos x",
    derivative=_sinusoid_grad,
    facts=Facts((-1.0, 1.0), monotonic=False, zero_centered=True, continuity=INF, year=2020,
                reference="Sitzmann, Martel, Bergman, Lindell & Wetzstein, Implicit neural "
                          "representations with periodic activation functions, 2020"),
    family="periodic",
    example="""
        >>> import activations
        >>> import numpy as np
        >>> x = np.array([0.0, np.pi / 2, np.pi])
        >>> activations.sinusoid(x)
        array([0.0000000e+00, 1.0000000e+00, 1.2246468e-16])
        >>> activations.sinusoid.derivative(x)
        array([ 1.000000e+00,  6.123234e-17, -1.000000e+00])
    """,
)  # fmt: skip
def sinusoid(x: np.ndarray) -> np.ndarray:
    r"""Sinusoid: the sine as an activation.

    $$
    f(x) = \sin x, \qquad f'(x) = \cos x
    $$

    The sine has no limit at $\pm\infty$, so $f(\pm\infty)$ and $f'(\pm\infty)$ are NaN (with
    no floating-point warning).

    Examples
    --------
    >>> import activations
    >>> activations.sinusoid([0.0, 1.0])
    array([0.        , 0.84147098])
    """
    return np.sin(_finite_or_nan(x))


_SINC_SERIES = 0.5  # below |x| = 0.5 both f and f' are summed as Taylor series
# sin(x)/x = sum (-1)^k x^(2k) / (2k + 1)!, k = 0..8, highest power first (for Horner)
_SINC_COEFFS = [(-1) ** k / float(np.prod(np.arange(1, 2 * k + 2, dtype=float)))
                for k in range(8, -1, -1)]
_SINC_GRAD_COEFFS = [(-1) ** k * 2 * k / float(np.prod(np.arange(1, 2 * k + 2, dtype=float)))
                     for k in range(8, 0, -1)]  # d/dx, divided by x: powers x^(2k - 2)


def _horner(t: np.ndarray, coefficients: list[float]) -> np.ndarray:
    y = np.full_like(t, coefficients[0])
    for c in coefficients[1:]:
        y *= t
        y += c
    return y


def _sinc_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """small = |x| < 0.5, x with 1 there (no 0/0), and sin(x) with 0 at +-inf (sin(x)/x -> 0)."""
    small = np.abs(x) < _SINC_SERIES
    safe = np.where(small, 1, x).astype(x.dtype, copy=False)
    s = np.sin(np.where(np.isinf(safe), 0, safe).astype(x.dtype, copy=False))
    return small, safe, s


def _sinc_grad(x: np.ndarray) -> np.ndarray:
    small, safe, s = _sinc_parts(x)
    c = np.cos(np.where(np.isinf(safe), 0, safe).astype(x.dtype, copy=False))
    far = c / safe
    far -= s / safe / safe
    t = np.where(small, x, 0) ** 2
    near = _horner(t, _SINC_GRAD_COEFFS)
    near *= x
    return np.where(small, near, far)


@declare(
    title="Sinc",
    latex=r"\begin{cases} \frac{\sin x}{x} & x \ne 0 \\ 1 & x = 0 \end{cases}",
    derivative_latex=r"\begin{cases} \frac{\cos x}{x} - \frac{\sin x}{x^2} & x \ne 0 \\ "
                     r"0 & x = 0 \end{cases}",
    derivative=_sinc_grad,
    facts=Facts((-0.21723362821122166, 1.0), monotonic=False, zero_centered=False,
                continuity=INF, saturates=("left", "right")),
    family="periodic",
    example="""
        >>> import activations
        >>> x = [0.0, 1.0, 10.0, 1000000.0]
        >>> activations.sinc(x)
        array([ 1.00000000e+00,  8.41470985e-01, -5.44021111e-02, -3.49993502e-07])
        >>> activations.sinc.derivative(x)
        array([-0.00000000e+00, -3.01168679e-01, -7.84669418e-02,  9.36752478e-07])
    """,
)  # fmt: skip
def sinc(x: np.ndarray) -> np.ndarray:
    r"""Sinc: the unnormalised cardinal sine $\sin(x)/x$, 1 at the origin.

    $$
    \operatorname{sinc}(x) = \frac{\sin x}{x}
    $$

    NumPy's ``np.sinc`` is the normalised $\sin(\pi x)/(\pi x)$; this is the unnormalised one,
    as in Wikipedia's table of activation functions. Near 0 (where $\sin x / x$ and its
    derivative lose digits or divide 0 by 0) both are summed as Taylor series. Its minimum is
    $-0.2172$, at the first positive root of $\tan x = x$.

    Examples
    --------
    >>> import activations
    >>> activations.sinc([0.0, 1.0])
    array([1.        , 0.84147098])
    """
    small, safe, s = _sinc_parts(x)
    far = s / safe
    t = np.where(small, x, 0) ** 2
    return np.where(small, _horner(t, _SINC_COEFFS), far)


def _snake_phase(x: np.ndarray, alpha: float, factor: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """factor * alpha * x, 0 where that is beyond the float range, and where it is."""
    u = call_ignoring(OVERFLOW, np.multiply, x, alpha)
    if factor != 1.0:
        u = call_ignoring(OVERFLOW, np.multiply, u, factor)
    lost = np.isinf(u)
    return np.where(lost, 0, u).astype(x.dtype, copy=False), lost


def _snake_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    u, lost = _snake_phase(x, alpha, 2.0)
    g = np.sin(u)
    g += 1
    return np.where(lost, 1, g).astype(x.dtype, copy=False)


def _snake_params(x: np.ndarray, alpha: float = 1.0) -> dict[str, np.ndarray]:
    u, _ = _snake_phase(x, alpha)
    s = np.sin(u)
    d = s * s
    d /= -alpha
    d += x * np.sin(2 * u)
    d /= alpha
    return {"alpha": d}


@declare(
    title="Snake",
    latex=r"x + \frac{\sin^2(\alpha x)}{\alpha}",
    derivative_latex=r"1 + \sin(2\alpha x)",
    derivative=_snake_grad,
    checks={"alpha": positive_or_array},
    facts=Facts((-INF, INF), monotonic=True, zero_centered=False, continuity=INF, year=2020,
                reference="Ziyin, Hartwig & Ueda, Neural networks fail to learn periodic "
                          "functions and how to fix it, 2020"),
    learnable=("alpha",),
    param_derivative=_snake_params,
    family="periodic",
    example="""
        >>> import activations
        >>> x = [-2.0, 0.0, 1.0, 2.0]
        >>> activations.snake(x)
        array([-1.17317819,  0.        ,  1.70807342,  2.82682181])
        >>> activations.snake(x, alpha=5.0)
        array([-1.94080821,  0.        ,  1.18390715,  2.05919179])
        >>> activations.snake.derivative(x)
        array([1.7568025 , 1.        , 1.90929743, 0.2431975 ])
    """,
)  # fmt: skip
def snake(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""Snake: the identity plus a periodic ripple of frequency $\alpha$.

    $$
    \operatorname{snake}(x) = x + \frac{\sin^2(\alpha x)}{\alpha}, \qquad
    \operatorname{snake}'(x) = 1 + \sin(2\alpha x) \ge 0
    $$

    Monotonic (its slope oscillates between 0 and 2) and unbounded, so it extrapolates
    periodically while growing like $x$. A layer learns $\alpha$ per unit (``learnable``). Where
    $\alpha x$ is beyond the float range (and at $\pm\infty$) its phase is lost: the ripple is
    taken as its mean $1/(2\alpha)$ and the slope as its mean 1.

    Parameters
    ----------
    x : array_like
        Input.
    alpha : float
        The frequency $\alpha > 0$.

    Examples
    --------
    >>> import activations
    >>> activations.snake([0.0, 1.0])
    array([0.        , 1.70807342])
    """
    u, lost = _snake_phase(x, alpha)
    s = np.sin(u)
    s *= s
    s = np.where(lost, np.where(np.isinf(x), 0, 0.5), s).astype(x.dtype, copy=False)
    s = call_ignoring(OVERFLOW, np.divide, s, alpha)  # inf only where x is too
    return call_ignoring(OVERFLOW, np.add, x, s)


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
