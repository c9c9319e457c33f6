r"""Sigmoids: the logistic function, the hyperbolic tangent and their cheaper look-alikes.

The logistic sigmoid $\sigma$ squashes any real number into $(0, 1)$ and was the activation of
the first back-propagation networks; $\tanh x = 2\sigma(2x) - 1$ is the same curve, centred on
zero. Both saturate on both sides, which is why deep stacks of them train slowly (vanishing
gradients). The hard sigmoid and hard tanh are piecewise-linear stand-ins, softsign a curve
that saturates polynomially, and the log-sigmoid the logarithm of $\sigma$ computed without
forming $\sigma$.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special as sc

from activations._core import INF, ZERO_MEAN_TOLERANCE, Facts, declare
from activations._floating_point import OVERFLOW, call_ignoring
from activations.functions._kernels import (
    between,
    clip_ufunc,
    logistic,
    logistic_grad,
    logistic_of_negative,
    sech2,
    times_between,
)
from activations.functions._parameters import finite_number, positive

__all__ = ["sigmoid", "hard_sigmoid", "log_sigmoid", "tanh", "hard_tanh", "softsign", "sparse_sigmoid", "arctan", "isru", "sqnl", "penalized_tanh", "lecun_tanh", "bipolar_sigmoid", "soft_clipping"]


# ------------------------------------------------------------------------------------- sigmoids


@declare(
    title="Sigmoid",
    latex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    derivative_latex=r"\sigma(x)\,\bigl(1 - \sigma(x)\bigr)",
    derivative=logistic_grad,
    aliases=("logistic",),
    facts=Facts((0.0, 1.0), monotonic=True, zero_centered=False, continuity=INF,
                saturates=("left", "right"), year=1986,
                reference="Rumelhart, Hinton & Williams, Learning representations by "
                          "back-propagating errors, 1986"),
    reference_names={"pytorch": "torch.sigmoid", "keras": "keras.activations.sigmoid",
                     "jax": "jax.nn.sigmoid"},
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-1000.0, -1.0, 0.0, 1.0, 1000.0]
        >>> activations.sigmoid(x)
        array([0.        , 0.26894142, 0.5       , 0.73105858, 1.        ])
        >>> activations.sigmoid.derivative(x)
        array([0.        , 0.19661193, 0.25      , 0.19661193, 0.        ])
    """,
)  # fmt: skip
def sigmoid(x: np.ndarray) -> np.ndarray:
    r"""Logistic sigmoid: squashes any real number into $(0, 1)$.

    $$
    \sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)
    \le \tfrac14
    $$

    Computed as $1 / (1 + e^{-x})$ with $x$ clamped where $e^{-x}$ would overflow (in
    float64 even for float32 input, rounded once), within 2 ulp wherever $\sigma(x)$ is a
    normal float; where it is subnormal ($x < -708.4$ in float64) $1 + e^{x}$ rounds to 1 and
    $\sigma(x) = e^{x}$ is used: exact in both tails. The derivative is computed as
    $e^{-|x|} / (1 + e^{-|x|})^2$, which does not cancel to 0 where $\sigma(x)$ rounds to 1.
    Both give a value the same result in an array of any size.

    Examples
    --------
    >>> import activations
    >>> activations.sigmoid([-1000.0, 0.0, 1000.0])
    array([0. , 0.5, 1. ])
    >>> float(activations.sigmoid.derivative(0.0))
    0.25
    """
    return logistic(x)


def _hard_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    g = between(x, -3.0, 3.0)
    g /= 6
    return g


def _hard_sigmoid_backward(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    sixth = x.dtype.type(1) / x.dtype.type(6)  # the derivative's 1/6, rounded as there
    return times_between(g, x, -3.0, 3.0, sixth)


@declare(
    title="Hard sigmoid",
    latex=r"\frac{\operatorname{relu6}(x + 3)}{6} = "
          r"\begin{cases} 0 & x \le -3 \\ \frac{x}{6} + \frac12 & -3 < x < 3 \\ 1 & x \ge 3 "
          r"\end{cases}",
    derivative_latex=r"\begin{cases} \frac16 & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}",
    derivative=_hard_sigmoid_grad,
    backward=_hard_sigmoid_backward,
    facts=Facts((0.0, 1.0), monotonic=True, zero_centered=False, continuity=0,
                saturates=("left", "right"), year=2019,
                reference="Howard et al., Searching for MobileNetV3, 2019 (this slope-1/6 "
                          "form); Courbariaux, Bengio & David, BinaryConnect, 2015 used slope "
                          "1/2"),
    reference_names={"pytorch": "torch.nn.functional.hardsigmoid",
                     "keras": "keras.activations.hard_sigmoid", "jax": "jax.nn.hard_sigmoid"},
    kinks=(-3.0, 3.0),
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-4.0, -1.5, 0.0, 1.5, 4.0]
        >>> activations.hard_sigmoid(x)
        array([0.  , 0.25, 0.5 , 0.75, 1.  ])
        >>> activations.hard_sigmoid.derivative(x)
        array([0.        , 0.16666667, 0.16666667, 0.16666667, 0.        ])
    """,
)  # fmt: skip
def hard_sigmoid(x: np.ndarray) -> np.ndarray:
    r"""Hard sigmoid: a piecewise-linear stand-in for the sigmoid, cheap to compute.

    $$
    \operatorname{hard\_sigmoid}(x) = \frac{\operatorname{relu6}(x + 3)}{6}
    = \min\Bigl(\max\bigl(\tfrac{x}{6} + \tfrac12, 0\bigr), 1\Bigr)
    $$

    This is PyTorch's definition (slope 1/6), also used by Keras 3 and JAX; Keras 2 used
    slope 0.2 ($0.2x + 0.5$ clipped) and BinaryConnect slope 1/2. The derivative is taken as 0
    at the kinks $x = \pm 3$.

    Examples
    --------
    >>> import activations
    >>> activations.hard_sigmoid([-4.0, 0.0, 1.5, 4.0])
    array([0.  , 0.5 , 0.75, 1.  ])
    """
    y = x / 6
    y += 0.5
    return clip_ufunc(y, 0, 1, out=y)


def _log_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    return logistic_of_negative(x)  # sigma(-x), without a negated copy of x


@declare(
    title="Log-sigmoid",
    latex=r"\log \sigma(x) = -\log\bigl(1 + e^{-x}\bigr)",
    derivative_latex=r"1 - \sigma(x) = \sigma(-x)",
    derivative=_log_sigmoid_grad,
    facts=Facts((-INF, 0.0), monotonic=True, zero_centered=False, continuity=INF,
                saturates=("right",),
                reference="The log-likelihood of the logistic model; used for stable "
                          "binary cross-entropy"),
    reference_names={"pytorch": "torch.nn.functional.logsigmoid",
                     "keras": "keras.activations.log_sigmoid", "jax": "jax.nn.log_sigmoid"},
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-1000.0, 0.0, 2.0]
        >>> activations.log_sigmoid(x)  # -1000 exactly, where log(sigmoid(x)) is -inf
        array([-1.00000000e+03, -6.93147181e-01, -1.26928011e-01])
        >>> activations.log_sigmoid.derivative(x)
        array([1.        , 0.5       , 0.11920292])
    """,
)  # fmt: skip
def log_sigmoid(x: np.ndarray) -> np.ndarray:
    r"""Logarithm of the sigmoid, computed without forming $\sigma(x)$.

    $$
    \log \sigma(x) = \min(x, 0) - \log\bigl(1 + e^{-|x|}\bigr),
    \qquad \frac{d}{dx} \log\sigma(x) = \sigma(-x)
    $$

    Exact for large negative $x$, where $\log(\sigma(x))$ would give $\log 0 = -\infty$.

    Examples
    --------
    >>> import activations
    >>> activations.log_sigmoid([-2.0, 0.0, 2.0])
    array([-2.12692801, -0.69314718, -0.12692801])
    >>> float(activations.log_sigmoid(-1000.0))
    -1000.0
    """
    t = np.abs(x)
    np.negative(t, out=t)
    np.exp(t, out=t)
    np.log1p(t, out=t)
    return np.subtract(np.minimum(x, 0), t, out=t)


# ---------------------------------------------------------------------------------- tanh family


@declare(
    title="Tanh",
    latex=r"\tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
    derivative_latex=r"1 - \tanh^2 x",
    derivative=sech2,
    facts=Facts((-1.0, 1.0), monotonic=True, zero_centered=True, continuity=INF,
                saturates=("left", "right"),
                reference="In use since the first back-propagation networks; recommended over "
                          "the logistic by LeCun, Bottou, Orr & Müller, Efficient BackProp, "
                          "1998"),
    reference_names={"pytorch": "torch.tanh", "keras": "keras.activations.tanh",
                     "jax": "jax.numpy.tanh"},
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-2.0, 0.0, 2.0]
        >>> activations.tanh(x)
        array([-0.96402758,  0.        ,  0.96402758])
        >>> activations.tanh.derivative(x)
        array([0.07065082, 1.        , 0.07065082])
    """,
)  # fmt: skip
def tanh(x: np.ndarray) -> np.ndarray:
    r"""Hyperbolic tangent: a zero-centred sigmoid with range $(-1, 1)$.

    $$
    \tanh x = 2\sigma(2x) - 1, \qquad \tanh' x = 1 - \tanh^2 x \le 1
    $$

    The derivative is computed as $4e^{-2|x|} / (1 + e^{-2|x|})^2$, exact in the tails where
    $1 - \tanh^2 x$ rounds to 0.

    Examples
    --------
    >>> import activations
    >>> activations.tanh([0.0, 1000.0])
    array([0., 1.])
    >>> float(activations.tanh.derivative(0.0))
    1.0
    """
    return np.tanh(x)


def _corners(min_val: float, max_val: float) -> None:
    if max_val < min_val:
        raise ValueError(f"hard_tanh: max_val must be >= min_val, got min_val={min_val!r} and "
                         f"max_val={max_val!r}")


def _hard_tanh_grad(x: np.ndarray, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    _corners(min_val, max_val)
    if min_val == -1.0 and max_val == 1.0:
        return between(x, -1.0, 1.0)
    # x - a and b - x may overflow for corners near the largest floats; their signs are right
    return call_ignoring(OVERFLOW, between, x, min_val, max_val)


def _hard_tanh_backward(
    x: np.ndarray, g: np.ndarray, min_val: float = -1.0, max_val: float = 1.0
) -> np.ndarray:
    _corners(min_val, max_val)
    if min_val == -1.0 and max_val == 1.0:
        return times_between(g, x, -1.0, 1.0)
    return call_ignoring(OVERFLOW, times_between, g, x, min_val, max_val)  # (as the derivative)


def _hard_tanh_facts(min_val: float = -1.0, max_val: float = 1.0) -> Facts:
    _corners(min_val, max_val)
    # E[clip(z, a, b)] = a Phi(a) + phi(a) - phi(b) + b (1 - Phi(b)) for z ~ N(0, 1)
    a, b = min_val, max_val
    pdf = lambda t: math.exp(-t * t / 2) / math.sqrt(2 * math.pi)  # noqa: E731
    mean = a * sc.ndtr(a) + pdf(a) - pdf(b) + b * sc.ndtr(-b)
    return Facts(
        (min_val, max_val), monotonic=True, zero_centered=abs(float(mean)) <= ZERO_MEAN_TOLERANCE,
        continuity=0 if min_val < max_val else INF, saturates=("left", "right"), year=2004,
        reference="Collobert, Large Scale Machine Learning (PhD thesis), 2004",
    )  # fmt: skip


@declare(
    title="Hard tanh",
    latex=r"\begin{cases} a & x < a \\ x & a \le x \le b \\ b & x > b \end{cases}"
          r", \quad a = -1,\ b = 1",
    derivative_latex=r"\begin{cases} 1 & a < x < b \\ 0 & \text{otherwise} \end{cases}",
    derivative=_hard_tanh_grad,
    backward=_hard_tanh_backward,
    checks={"min_val": finite_number, "max_val": finite_number},
    facts=_hard_tanh_facts,
    reference_names={"pytorch": "torch.nn.functional.hardtanh",
                     "keras": "keras.activations.hard_tanh", "jax": "jax.nn.hard_tanh"},
    kinks=lambda min_val=-1.0, max_val=1.0: (min_val, max_val) if min_val < max_val else (),
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-3.0, -0.5, 0.5, 3.0]
        >>> activations.hard_tanh(x)
        array([-1. , -0.5,  0.5,  1. ])
        >>> activations.hard_tanh.derivative(x)
        array([0., 1., 1., 0.])
        >>> activations.hard_tanh(x, min_val=0.0, max_val=2.0)  # PyTorch's parameters
        array([0. , 0. , 0.5, 2. ])
    """,
)  # fmt: skip
def hard_tanh(x: np.ndarray, min_val: float = -1.0, max_val: float = 1.0) -> np.ndarray:
    r"""Hard tanh: the identity clipped to $[a, b]$, by default $[-1, 1]$.

    $$
    \operatorname{hard\_tanh}(x) = \max\bigl(a, \min(x, b)\bigr)
    $$

    The derivative is 1 inside $(a, b)$ and 0 outside, taken as 0 at the kinks (as PyTorch;
    JAX and Keras give 1 there). ``min_val`` and ``max_val`` are PyTorch's names for $a$ and
    $b$; ``max_val`` must not be below ``min_val``.

    Parameters
    ----------
    x : array_like
        Input.
    min_val : float
        The lower corner $a$ (default $-1$).
    max_val : float
        The upper corner $b \ge a$ (default 1).

    Examples
    --------
    >>> import activations
    >>> activations.hard_tanh([-3.0, 0.5, 3.0])
    array([-1. ,  0.5,  1. ])
    """
    _corners(min_val, max_val)
    return clip_ufunc(x, min_val, max_val)


def _softsign_grad(x: np.ndarray) -> np.ndarray:
    r = np.abs(x)
    r += 1
    np.reciprocal(r, out=r)
    r *= r
    return r


@declare(
    title="Softsign",
    latex=r"\frac{x}{1 + |x|}",
    derivative_latex=r"\frac{1}{(1 + |x|)^2}",
    derivative=_softsign_grad,
    facts=Facts((-1.0, 1.0), monotonic=True, zero_centered=True, continuity=1,
                saturates=("left", "right"), year=2009,
                reference="Turian, Bergstra & Bengio, Quadratic features and deep "
                          "architectures for chunking, 2009"),
    reference_names={"pytorch": "torch.nn.functional.softsign",
                     "keras": "keras.activations.softsign", "jax": "jax.nn.soft_sign"},
    breakpoints=(0.0,),
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-3.0, 0.0, 1.0, 100.0]
        >>> activations.softsign(x)
        array([-0.75      ,  0.        ,  0.5       ,  0.99009901])
        >>> activations.softsign.derivative(x)
        array([6.25000000e-02, 1.00000000e+00, 2.50000000e-01, 9.80296049e-05])
    """,
)  # fmt: skip
def softsign(x: np.ndarray) -> np.ndarray:
    r"""Softsign: a tanh-like curve that approaches $\pm 1$ polynomially, not exponentially.

    $$
    \operatorname{softsign}(x) = \frac{x}{1 + |x|}, \qquad
    \operatorname{softsign}'(x) = \frac{1}{(1 + |x|)^2}
    $$

    Its second derivative jumps at 0, so it is C1 but not smooth.

    Examples
    --------
    >>> import activations
    >>> activations.softsign([-1.0, 0.0, 3.0])
    array([-0.5 ,  0.  ,  0.75])
    """
    d = np.abs(x)
    d += 1
    if d.size and np.fmax.reduce(d, axis=None) == INF:  # (fmax: a NaN does not hide an inf)
        top = float(np.finfo(x.dtype).max)
        x = np.clip(x, -top, top)  # softsign(±inf) = ±1 without inf / inf
        d = np.abs(x)
        d += 1
    return np.divide(x, d, out=d)


def _sparse_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    return 0.5 * between(x, -1.0, 1.0)


@declare(
    title="Sparse sigmoid",
    latex=r"\begin{cases} 0 & x \le -1 \\ \frac{x + 1}{2} & -1 < x < 1 \\ 1 & x \ge 1 "
          r"\end{cases}",
    derivative_latex=r"\begin{cases} \frac12 & -1 < x < 1 \\ 0 & \text{otherwise} \end{cases}",
    derivative=_sparse_sigmoid_grad,
    facts=Facts((0.0, 1.0), monotonic=True, zero_centered=False, continuity=0,
                saturates=("left", "right"), year=2020,
                reference="Blondel, Martins & Niculae, Learning with Fenchel-Young losses, 2020"),
    reference_names={"keras": "keras.activations.sparse_sigmoid", "jax": "jax.nn.sparse_sigmoid"},
    kinks=(-1.0, 1.0),
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-2.0, -0.5, 0.0, 0.5, 2.0]
        >>> activations.sparse_sigmoid(x)
        array([0.  , 0.25, 0.5 , 0.75, 1.  ])
        >>> activations.sparse_sigmoid.derivative(x)
        array([0. , 0.5, 0.5, 0.5, 0. ])
    """,
)  # fmt: skip
def sparse_sigmoid(x: np.ndarray) -> np.ndarray:
    r"""Sparse sigmoid: the line $(x + 1)/2$ clipped to $[0, 1]$, exactly 0 or 1 outside
    $(-1, 1)$.

    $$
    \operatorname{sparse\_sigmoid}(x) = \tfrac12 \operatorname{clip}(x + 1, 0, 2)
    $$

    It is the derivative of [`sparse_plus`][activations.functions.sparse_plus], as the logistic
    sigmoid is that of softplus. At the kinks $\pm 1$ the derivative is taken as 0.

    Examples
    --------
    >>> import activations
    >>> activations.sparse_sigmoid([-2.0, 0.0, 0.5, 2.0])
    array([0.  , 0.5 , 0.75, 1.  ])
    """
    y = np.clip(x, -1, 1)
    y += 1
    y *= 0.5
    return y


def _reciprocal_one_plus_square(x: np.ndarray) -> np.ndarray:
    """1 / (1 + x^2) without squaring a large x: with s = min(|x|, 1/|x|), it is 1 / (1 + s^2)
    for |x| <= 1 and s^2 / (1 + s^2) beyond."""
    a = np.abs(x)
    s = np.minimum(a, 1 / np.maximum(a, 1))
    s2 = s * s
    base = 1 / (1 + s2)
    return np.where(a > 1, s2 * base, base)


@declare(
    title="Arctan",
    latex=r"\arctan x",
    derivative_latex=r"\frac{1}{1 + x^2}",
    derivative=_reciprocal_one_plus_square,
    facts=Facts((-np.pi / 2, np.pi / 2), monotonic=True, zero_centered=True, continuity=INF,
                saturates=("left", "right")),
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-1000000.0, -1.0, 0.0, 1.0, 1000000.0]
        >>> activations.arctan(x)
        array([-1.57079533, -0.78539816,  0.        ,  0.78539816,  1.57079533])
        >>> activations.arctan.derivative(x)
        array([1.e-12, 5.e-01, 1.e+00, 5.e-01, 1.e-12])
    """,
)  # fmt: skip
def arctan(x: np.ndarray) -> np.ndarray:
    r"""Arctangent: an odd sigmoid-shaped function with range $(-\pi/2, \pi/2)$.

    $$
    f(x) = \arctan x, \qquad f'(x) = \frac{1}{1 + x^2}
    $$

    Its tails approach the asymptotes like $1/x$, much more slowly than tanh's $e^{-2x}$. The
    derivative never squares $x$, so it does not overflow.

    Examples
    --------
    >>> import activations
    >>> activations.arctan([0.0, 1.0])
    array([0.        , 0.78539816])
    """
    return np.arctan(x)


_ISRU_FAR = 1e20  # beyond sqrt(alpha) |x| = 1e20, x / sqrt(1 + alpha x^2) is 1/sqrt(alpha)


def _isru_scaled(x: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    root = float(np.sqrt(alpha))
    a = np.minimum(np.abs(x), _ISRU_FAR / root)
    return a, root


def _isru_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    root = float(np.sqrt(alpha))
    u = call_ignoring(OVERFLOW, np.multiply, np.abs(x), root)
    r = 1 / np.hypot(1, u)
    return r * r * r


@declare(
    title="ISRU",
    latex=r"\frac{x}{\sqrt{1 + \alpha x^2}}",
    derivative_latex=r"\left(\frac{1}{\sqrt{1 + \alpha x^2}}\right)^{3}",
    derivative=_isru_grad,
    checks={"alpha": positive},
    facts=lambda alpha=1.0: Facts(
        (-1 / np.sqrt(alpha), 1 / np.sqrt(alpha)), monotonic=True, zero_centered=True,
        continuity=INF, saturates=("left", "right"), year=2017,
        reference="Carlile, Delamarter, Kinney, Marti & Whitney, Improving deep learning by "
                  "inverse square root linear units (ISRLUs), 2017"),
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-1000000.0, -1.0, 0.0, 1.0, 1000000.0]
        >>> activations.isru(x)
        array([-1.        , -0.70710678,  0.        ,  0.70710678,  1.        ])
        >>> activations.isru(x, alpha=4.0)
        array([-0.5      , -0.4472136,  0.       ,  0.4472136,  0.5      ])
    """,
)  # fmt: skip
def isru(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""Inverse square root unit: a sigmoid-shaped function made of one square root.

    $$
    \operatorname{isru}(x) = \frac{x}{\sqrt{1 + \alpha x^2}}, \qquad
    \operatorname{isru}'(x) = \Bigl(\frac{1}{\sqrt{1 + \alpha x^2}}\Bigr)^3
    $$

    Its range is $(-1/\sqrt\alpha, 1/\sqrt\alpha)$. It is computed with ``hypot``, so $\alpha
    x^2$ is never formed and cannot overflow.

    Parameters
    ----------
    x : array_like
        Input.
    alpha : float
        $\alpha > 0$; the outputs lie within $\pm 1/\sqrt\alpha$.

    Examples
    --------
    >>> import activations
    >>> activations.isru([0.0, 1.0, 1e300])
    array([0.        , 0.70710678, 1.        ])
    """
    a, root = _isru_scaled(x, alpha)
    y = a / np.hypot(1, a * root)
    return np.copysign(y, x)


def _sqnl_grad(x: np.ndarray) -> np.ndarray:
    c = np.clip(x, -2, 2)
    g = np.abs(c)
    g *= -0.5
    g += 1
    return g


@declare(
    title="SQNL",
    latex=r"\begin{cases} -1 & x < -2 \\ x + \frac{x^2}{4} & -2 \le x < 0 \\ "
          r"x - \frac{x^2}{4} & 0 \le x \le 2 \\ 1 & x > 2 \end{cases}",
    derivative_latex=r"\begin{cases} 1 - \frac{|x|}{2} & |x| \le 2 \\ 0 & |x| > 2 "
                     r"\end{cases}",
    derivative=_sqnl_grad,
    facts=Facts((-1.0, 1.0), monotonic=True, zero_centered=True, continuity=1,
                saturates=("left", "right"), year=2018,
                reference="Wuraola & Patel, SQNL: a new computationally efficient activation "
                          "function, 2018"),
    breakpoints=(-2.0, 0.0, 2.0),
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-3.0, -1.0, 0.0, 1.0, 3.0]
        >>> activations.sqnl(x)
        array([-1.  , -0.75,  0.  ,  0.75,  1.  ])
        >>> activations.sqnl.derivative(x)
        array([0. , 0.5, 1. , 0.5, 0. ])
    """,
)  # fmt: skip
def sqnl(x: np.ndarray) -> np.ndarray:
    r"""Square nonlinearity: a tanh-like curve made of two parabolas, flat beyond $\pm 2$.

    $$
    \operatorname{sqnl}(x) = c - \frac{c\,|c|}{4}, \qquad c = \operatorname{clip}(x, -2, 2)
    $$

    It is continuously differentiable ($C^1$): the slope $1 - |x|/2$ falls linearly to 0 at
    $\pm 2$; the second derivative jumps at $-2$, $0$ and $2$.

    Examples
    --------
    >>> import activations
    >>> activations.sqnl([-3.0, 1.0, 2.0])
    array([-1.  ,  0.75,  1.  ])
    """
    c = np.clip(x, -2, 2)
    y = np.abs(c)
    y *= c
    y *= -0.25
    y += c
    return y


def _penalized_tanh_grad(x: np.ndarray) -> np.ndarray:
    g = sech2(x)
    g *= np.where(x > 0, 1.0, 0.25).astype(x.dtype, copy=False)
    return g


@declare(
    title="Penalized tanh",
    latex=r"\begin{cases} \tanh x & x > 0 \\ \frac14 \tanh x & x \le 0 \end{cases}",
    derivative_latex=r"\begin{cases} \operatorname{sech}^2 x & x > 0 \\ "
                     r"\frac14 \operatorname{sech}^2 x & x \le 0 \end{cases}",
    derivative=_penalized_tanh_grad,
    facts=Facts((-0.25, 1.0), monotonic=True, zero_centered=False, continuity=0,
                saturates=("left", "right"), year=2016,
                reference="Xu, Huang & Li, Revise saturated activation functions, 2016"),
    kinks=(0.0,),
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-10.0, -1.0, 0.0, 1.0, 10.0]
        >>> activations.penalized_tanh(x)
        array([-0.25      , -0.19039854,  0.        ,  0.76159416,  1.        ])
        >>> activations.penalized_tanh.derivative(x)
        array([2.06115361e-09, 1.04993585e-01, 2.50000000e-01, 4.19974342e-01,
               8.24461446e-09])
    """,
)  # fmt: skip
def penalized_tanh(x: np.ndarray) -> np.ndarray:
    r"""Penalized tanh: tanh, with its negative side scaled down by $a = 1/4$.

    $$
    f(x) = \begin{cases} \tanh x & x > 0 \\ a \tanh x & x \le 0 \end{cases}
    $$

    Like leaky ReLU, it has a kink at 0, where the derivative is taken as the left slope
    $1/4$.

    Examples
    --------
    >>> import activations
    >>> activations.penalized_tanh([-100.0, 0.0, 100.0])
    array([-0.25,  0.  ,  1.  ])
    """
    y = np.tanh(x)
    y *= np.where(x > 0, 1.0, 0.25).astype(x.dtype, copy=False)
    return y


_LECUN_A = 1.7159
_LECUN_B = 2.0 / 3.0


def _lecun_tanh_grad(x: np.ndarray) -> np.ndarray:
    g = sech2(x * _LECUN_B)
    g *= _LECUN_A * _LECUN_B
    return g


@declare(
    title="LeCun tanh",
    latex=r"1.7159 \tanh\bigl(\tfrac23 x\bigr)",
    derivative_latex=r"1.7159 \cdot \tfrac23 \operatorname{sech}^2\bigl(\tfrac23 x\bigr)",
    derivative=_lecun_tanh_grad,
    facts=Facts((-_LECUN_A, _LECUN_A), monotonic=True, zero_centered=True, continuity=INF,
                saturates=("left", "right"), year=1998,
                reference="LeCun, Bottou, Orr & Müller, Efficient BackProp, 1998"),
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-1.0, 0.0, 1.0]
        >>> activations.lecun_tanh(x)
        array([-0.99999726,  0.        ,  0.99999726])
        >>> activations.lecun_tanh.derivative(x)
        array([0.75541244, 1.14393333, 0.75541244])
    """,
)  # fmt: skip
def lecun_tanh(x: np.ndarray) -> np.ndarray:
    r"""LeCun's scaled tanh: $1.7159 \tanh(2x/3)$, chosen so that $f(\pm 1) \approx \pm 1$.

    $$
    f(x) = 1.7159 \tanh\bigl(\tfrac23 x\bigr)
    $$

    With inputs of unit variance the outputs then have roughly unit variance too, and the
    second derivative is largest near $\pm 1$, where targets of $\pm 1$ sit.

    Examples
    --------
    >>> import activations
    >>> activations.lecun_tanh([1.0])
    array([0.99999726])
    """
    y = np.tanh(x * _LECUN_B)
    y *= _LECUN_A
    return y


# ------------------------------------------------------------------- bipolar sigmoid, soft clip


def _bipolar_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    return 0.5 * sech2(x * 0.5)


@declare(
    title="Bipolar sigmoid",
    latex=r"\frac{1 - e^{-x}}{1 + e^{-x}} = 2\sigma(x) - 1",
    derivative_latex=r"\tfrac12\bigl(1 - f(x)^2\bigr)",
    derivative=_bipolar_sigmoid_grad,
    facts=Facts((-1.0, 1.0), monotonic=True, zero_centered=True, continuity=INF,
                saturates=("left", "right"), year=1994,
                reference="Fausett, Fundamentals of neural networks: architectures, algorithms "
                          "and applications, 1994"),
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-1000.0, -1.0, 0.0, 1.0, 1000.0]
        >>> activations.bipolar_sigmoid(x)
        array([-1.        , -0.46211716,  0.        ,  0.46211716,  1.        ])
        >>> activations.bipolar_sigmoid.derivative(x)
        array([0.        , 0.39322387, 0.5       , 0.39322387, 0.        ])
    """,
)  # fmt: skip
def bipolar_sigmoid(x: np.ndarray) -> np.ndarray:
    r"""Bipolar sigmoid: the logistic sigmoid stretched to $(-1, 1)$, which is $\tanh(x/2)$.

    $$
    f(x) = \frac{1 - e^{-x}}{1 + e^{-x}} = 2\sigma(x) - 1 = \tanh\frac{x}{2}, \qquad
    f'(x) = \tfrac12\bigl(1 - f(x)^2\bigr)
    $$

    Computed as $\tanh(x/2)$ (halving is exact), so it keeps full relative precision near 0,
    where $2\sigma(x) - 1$ cancels; the derivative is $\tfrac12\operatorname{sech}^2(x/2)$.

    Examples
    --------
    >>> import activations
    >>> activations.bipolar_sigmoid([0.0, 2.0])
    array([0.        , 0.76159416])
    """
    return np.tanh(x * 0.5)


def _soft_clipping_grad(x: np.ndarray, p: float = 10.0) -> np.ndarray:
    # sigma(p x) - sigma(p (x - 1)) = (1 - e^-p) e^(-p d) / ((1 + e^-p|x|) (1 + e^-p|x-1|)),
    # d = the distance from x to [0, 1]: no cancellation, no overflow
    far = np.maximum(np.maximum(-x, x - 1), 0)
    g = call_ignoring(OVERFLOW, lambda: np.exp(-(p * far)))
    g *= -math.expm1(-p)
    for edge in (x, x - 1):
        e = call_ignoring(OVERFLOW, np.multiply, np.abs(edge), -p)
        np.exp(e, out=e)
        e += 1
        g /= e
    return g


def _soft_clipping_left(x: np.ndarray, p: float) -> np.ndarray:
    """f(x) for x < 1/2, as softplus(w) / p with w = log of the ratio minus one: no overflow."""
    # (1 + e^(px)) / (1 + e^(p(x-1))) = 1 + e^w, e^w = e^(px) (1 - e^-p) / (1 + e^(p(x-1)))
    px = call_ignoring(OVERFLOW, lambda: p * np.minimum(x, 0.5))
    w = call_ignoring(OVERFLOW, lambda: np.exp(px - p))  # p (x - 1) < -p/2
    np.log1p(w, out=w)
    np.subtract(px, w, out=w)
    w += math.log(-math.expm1(-p))
    y = np.maximum(w, 0)  # softplus(w) = max(w, 0) + log(1 + e^-|w|)
    np.exp(-np.abs(w), out=w)
    np.log1p(w, out=w)
    y += w
    y /= p
    return y


@declare(
    title="Soft clipping",
    latex=r"\frac{1}{p} \log \frac{1 + e^{p x}}{1 + e^{p (x - 1)}}",
    derivative_latex=r"\sigma(p x) - \sigma\bigl(p (x - 1)\bigr)",
    derivative=_soft_clipping_grad,
    checks={"p": positive},
    facts=Facts((0.0, 1.0), monotonic=True, zero_centered=False, continuity=INF,
                saturates=("left", "right"), year=2020,
                reference="Klimek & Perelstein, Neural network-based approach to phase space "
                          "integration, 2020"),
    family="sigmoid",
    example="""
        >>> import activations
        >>> x = [-1.0, 0.0, 0.5, 1.0, 2.0]
        >>> activations.soft_clipping(x)
        array([4.53968381e-06, 6.93101782e-02, 5.00000000e-01, 9.30689822e-01,
               9.99995460e-01])
        >>> activations.soft_clipping(x, p=1.0)
        array([0.18633368, 0.37988549, 0.5       , 0.62011451, 0.81366632])
    """,
)  # fmt: skip
def soft_clipping(x: np.ndarray, p: float = 10.0) -> np.ndarray:
    r"""Soft clipping: the identity on $[0, 1]$ with its corners at 0 and 1 rounded off, a
    smooth $\min(\max(x, 0), 1)$.

    $$
    f(x) = \frac{1}{p} \log \frac{1 + e^{p x}}{1 + e^{p (x - 1)}}, \qquad
    f'(x) = \sigma(p x) - \sigma\bigl(p (x - 1)\bigr)
    $$

    The larger $p$, the sharper the corners: as $p \to \infty$ it is the hard clip to
    $[0, 1]$, as $p \to 0$ the constant $\tfrac12$. It is symmetric about $(\tfrac12,
    \tfrac12)$, $f(1 - x) = 1 - f(x)$, which is how the right half is computed, so that
    neither half cancels or overflows.

    Parameters
    ----------
    x : array_like
        Input.
    p : float
        The sharpness, $p > 0$ (default 10).

    Examples
    --------
    >>> import activations
    >>> activations.soft_clipping([0.5, 5.0])
    array([0.5, 1. ])
    """
    right = x > 0.5
    y = _soft_clipping_left(np.where(right, 1 - x, x), p)
    return np.where(right, 1 - y, y)


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
