r"""Self-gated functions: $x$ times a gate computed from $x$ itself.

SiLU's gate $\sigma(x)$ started the family; its newer members change the gate while keeping the
shape: Smish and Logish gate with $\tanh(\log(1 + \sigma(x)))$ and $\log(1 + \sigma(x))$, TanhExp with
$\tanh(e^x)$, Serf with $\operatorname{erf}(\operatorname{softplus} x)$ (Mish with $\tanh$ in its
place), and LiSHT with $\tanh x$, which makes it even. Most dip below zero for negative input and
tend to a multiple of $x$ on the right.
"""

from __future__ import annotations

import numpy as np
import scipy.special as sc

from activations._core import INF, Facts, declare
from activations.functions._kernels import FAR, logistic, logistic_grad, sech2

__all__ = ["smish", "logish", "tanhexp", "serf", "lisht"]


def _log_one_plus_sigmoid(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sigma(x) and log(1 + sigma(x))."""
    s = logistic(x)
    return s, np.log1p(s)


def _smish_grad(x: np.ndarray) -> np.ndarray:
    s, u = _log_one_plus_sigmoid(x)
    xc = np.clip(x, -FAR, FAR)  # sigma'(x) is 0 beyond: x sigma'(x) is 0, not inf * 0
    g = logistic_grad(x)
    g /= 1 + s
    g *= sech2(u)
    g *= xc
    g += np.tanh(u)
    return g


@declare(
    title="Smish",
    latex=r"x \tanh\bigl(\log(1 + \sigma(x))\bigr)",
    derivative_latex=r"\tanh u + x\,\operatorname{sech}^2 u\,\frac{\sigma'(x)}{1 + \sigma(x)}, "
                     r"\quad u = \log(1 + \sigma(x))",
    derivative=_smish_grad,
    facts=Facts((-0.24999366366012954, INF), monotonic=False, zero_centered=False,
                continuity=INF, saturates=("left",), year=2022,
                reference="Wang, Ren & Wang, Smish: a novel activation function for deep "
                          "learning methods, 2022"),
    family="self_gated",
    example="""
        >>> import activations
        >>> x = [-5.0, -1.0, 0.0, 1.0, 5.0]
        >>> activations.smish(x)
        array([-0.03335227, -0.23377881,  0.        ,  0.49957011,  2.9892519 ])
        >>> activations.smish.derivative(x)
        array([-0.02634737,  0.08730507,  0.38461538,  0.58480318,  0.60856593])
    """,
)  # fmt: skip
def smish(x: np.ndarray) -> np.ndarray:
    r"""Smish: $x$ times $\tanh(\log(1 + \sigma(x)))$, a gate that rises from 0 to
    $\tanh(\log 2) = 0.6$.

    $$
    \operatorname{smish}(x) = x \tanh\bigl(\log(1 + \sigma(x))\bigr)
    $$

    For large $x$ it is $0.6\,x$, so its slope tends to $0.6$, not 1; on the left it tends to 0
    from below, with a minimum of $-0.25$ near $x = -1.39$.

    Examples
    --------
    >>> import activations
    >>> activations.smish([0.0, 1.0])
    array([0.        , 0.49957011])
    """
    _, u = _log_one_plus_sigmoid(x)
    np.tanh(u, out=u)
    u *= np.maximum(x, -FAR)  # the gate is 0 there: avoids -inf * 0
    return u


def _logish_grad(x: np.ndarray) -> np.ndarray:
    s, u = _log_one_plus_sigmoid(x)
    xc = np.clip(x, -FAR, FAR)
    g = logistic_grad(x)
    g /= 1 + s
    g *= xc
    g += u
    return g


@declare(
    title="Logish",
    latex=r"x \log\bigl(1 + \sigma(x)\bigr)",
    derivative_latex=r"\log\bigl(1 + \sigma(x)\bigr) + \frac{x\,\sigma'(x)}{1 + \sigma(x)}",
    derivative=_logish_grad,
    facts=Facts((-0.2527688167894404, INF), monotonic=False, zero_centered=False,
                continuity=INF, saturates=("left",), year=2021,
                reference="Zhu et al., Logish: a new nonlinear nonmonotonic "
                          "activation function for convolutional neural networks, 2021"),
    family="self_gated",
    example="""
        >>> import activations
        >>> x = [-5.0, -1.0, 0.0, 1.0, 5.0]
        >>> activations.logish(x)
        array([-0.03335277, -0.23818303,  0.        ,  0.54873312,  3.44897572])
        >>> activations.logish.derivative(x)
        array([-0.02634874,  0.08324133,  0.40546511,  0.66231213,  0.70647109])
    """,
)  # fmt: skip
def logish(x: np.ndarray) -> np.ndarray:
    r"""Logish: $x$ times $\log(1 + \sigma(x))$, a gate that rises from 0 to $\log 2$.

    $$
    \operatorname{logish}(x) = x \log\bigl(1 + \sigma(x)\bigr)
    $$

    For large $x$ it is $x \log 2 \approx 0.69\,x$; its minimum is $-0.253$ near $x = -1.37$.

    Examples
    --------
    >>> import activations
    >>> activations.logish([0.0, 1.0])
    array([0.        , 0.54873312])
    """
    _, u = _log_one_plus_sigmoid(x)
    u *= np.maximum(x, -FAR)
    return u


_TANHEXP_TOP = 20.0  # tanh(e^20) = 1 in float64 and float32


def _tanhexp_grad(x: np.ndarray) -> np.ndarray:
    xc = np.clip(x, -FAR, _TANHEXP_TOP)
    e = np.exp(xc)
    g = sech2(e)
    g *= e
    g *= xc
    g += np.tanh(e)
    return g


@declare(
    title="TanhExp",
    latex=r"x \tanh\bigl(e^x\bigr)",
    derivative_latex=r"\tanh\bigl(e^x\bigr) + x\,e^x \operatorname{sech}^2\bigl(e^x\bigr)",
    derivative=_tanhexp_grad,
    facts=Facts((-0.3532857778482113, INF), monotonic=False, zero_centered=False,
                continuity=INF, saturates=("left",), year=2021,
                reference="Liu & Di, TanhExp: a smooth activation function with high "
                          "convergence speed for lightweight neural networks, 2021"),
    family="self_gated",
    example="""
        >>> import activations
        >>> x = [-5.0, -1.0, 0.0, 1.0, 5.0]
        >>> activations.tanhexp(x)
        array([-0.03368923, -0.35213549,  0.        ,  0.99132892,  5.        ])
        >>> activations.tanhexp.derivative(x)
        array([-0.02695036,  0.02987288,  0.76159416,  1.03826544,  1.        ])
    """,
)  # fmt: skip
def tanhexp(x: np.ndarray) -> np.ndarray:
    r"""TanhExp: $x \tanh(e^x)$, which is already the identity (to 16 digits) for $x > 4$.

    $$
    \operatorname{tanhexp}(x) = x \tanh\bigl(e^x\bigr)
    $$

    The exponential is taken of $x$ clamped to 20, where $\tanh(e^{20}) = 1$ in floating
    point, so it never overflows.

    Examples
    --------
    >>> import activations
    >>> activations.tanhexp([0.0, 1.0, 10.0])
    array([ 0.        ,  0.99132892, 10.        ])
    """
    xc = np.clip(x, -FAR, _TANHEXP_TOP)
    y = np.exp(xc)
    np.tanh(y, out=y)
    y *= xc
    return np.where(x > _TANHEXP_TOP, x, y)


def _serf_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x clamped below (where softplus(x) is 0) and softplus(x)."""
    xc = np.maximum(x, -FAR)
    sp = np.maximum(x, 0) + np.log1p(np.exp(-np.abs(xc)))
    return xc, sp


def _serf_grad(x: np.ndarray) -> np.ndarray:
    xc, sp = _serf_parts(x)
    spc = np.minimum(sp, 30.0)  # exp(-900) = 0: keeps sp^2 from overflowing
    pdf = spc * spc
    np.negative(pdf, out=pdf)
    np.exp(pdf, out=pdf)
    pdf *= 2 / np.sqrt(np.pi)
    pdf *= logistic(x)
    pdf *= np.minimum(xc, FAR)
    pdf += sc.erf(sp)
    return pdf


@declare(
    title="Serf",
    latex=r"x \operatorname{erf}\bigl(\log(1 + e^x)\bigr)",
    derivative_latex=r"\operatorname{erf}(s) + x\,\frac{2}{\sqrt\pi} e^{-s^2} \sigma(x), "
                     r"\quad s = \log(1 + e^x)",
    derivative=_serf_grad,
    facts=Facts((-0.34843745875960647, INF), monotonic=False, zero_centered=False,
                continuity=INF, saturates=("left",), year=2023,
                reference="Nag et al., SERF: towards better training of deep "
                          "neural networks using log-softplus error activation function, 2023"),
    family="self_gated",
    example="""
        >>> import activations
        >>> x = [-5.0, -1.0, 0.0, 1.0, 5.0]
        >>> activations.serf(x)
        array([-0.03788673, -0.34224796,  0.        ,  0.93672192,  5.        ])
        >>> activations.serf.derivative(x)
        array([-0.03018132,  0.06714568,  0.67304129,  1.0837494 ,  1.        ])
    """,
)  # fmt: skip
def serf(x: np.ndarray) -> np.ndarray:
    r"""Serf: $x$ gated by the error function of softplus.

    $$
    \operatorname{serf}(x) = x \operatorname{erf}\bigl(\log(1 + e^x)\bigr)
    $$

    A Mish-like curve (Mish uses $\tanh$ where Serf uses $\operatorname{erf}$) with a minimum
    of $-0.348$ near $x = -1.19$.

    Examples
    --------
    >>> import activations
    >>> activations.serf([0.0, 1.0])
    array([0.        , 0.93672192])
    """
    xc, sp = _serf_parts(x)
    y = sc.erf(sp)
    y *= xc
    return y


def _lisht_grad(x: np.ndarray) -> np.ndarray:
    xc = np.clip(x, -FAR, FAR)
    g = sech2(x)
    g *= xc
    g += np.tanh(x)
    return g


@declare(
    title="LiSHT",
    latex=r"x \tanh x",
    derivative_latex=r"\tanh x + x \operatorname{sech}^2 x",
    derivative=_lisht_grad,
    facts=Facts((0.0, INF), monotonic=False, zero_centered=False, continuity=INF, year=2019,
                reference="Roy, Manna, Dubey & Chaudhuri, LiSHT: non-parametric linearly "
                          "scaled hyperbolic tangent activation function for neural networks, "
                          "2019"),
    family="self_gated",
    example="""
        >>> import activations
        >>> x = [-3.0, -1.0, 0.0, 1.0, 3.0]
        >>> activations.lisht(x)
        array([2.98516426, 0.76159416, 0.        , 0.76159416, 2.98516426])
        >>> activations.lisht.derivative(x)
        array([-1.02465287, -1.1815685 ,  0.        ,  1.1815685 ,  1.02465287])
    """,
)  # fmt: skip
def lisht(x: np.ndarray) -> np.ndarray:
    r"""LiSHT (linearly scaled hyperbolic tangent): $x \tanh x$, an even function, close to $|x|$
    far from 0.

    $$
    \operatorname{lisht}(x) = x \tanh x
    $$

    It is never negative, so, unlike ReLU-like functions, it passes a gradient of the sign
    of $x$ on both sides.

    Examples
    --------
    >>> import activations
    >>> activations.lisht([-1.0, 0.0, 1.0])
    array([0.76159416, 0.        , 0.76159416])
    """
    y = np.tanh(x)
    y *= x
    return y


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
