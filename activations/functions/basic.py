r"""The simplest units: the binary step, the identity and the exponential.

The step is where neural networks began: McCulloch and Pitts' threshold unit, which fires or does
not. Its derivative is zero wherever it exists, so gradient descent cannot train it; every other
chapter of the catalog is a way around that. The identity and the exponential are what an
*output* layer uses when the target is an unbounded number (regression) or a positive one (a rate
or a scale).
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special as sc

from activations._core import INF, ZERO_MEAN_TOLERANCE, Facts, declare
from activations._floating_point import OVERFLOW, call_ignoring
from activations.functions._kernels import ones_keeping_nan, positive_part_sign
from activations.functions._parameters import finite_number

__all__ = ["step", "linear", "exponential", "gaussian", "soft_exponential"]


# ---------------------------------------------------------------------------- step and identity


def _step_grad(x: np.ndarray) -> np.ndarray:
    t = np.abs(x)
    return np.minimum(t, 0, out=t)  # 0 everywhere, NaN where x is NaN


def _step_facts(value_at_zero: float = 0.0) -> Facts:
    # the value at 0 widens the range past [0, 1], and below 0 or above 1 breaks monotonicity;
    # whatever it is, f jumps at 0 (from 0 on the left to 1 on the right)
    return Facts((min(0.0, value_at_zero), max(1.0, value_at_zero)),
                 monotonic=0 <= value_at_zero <= 1, zero_centered=False, continuity=-1,
                 saturates=("left", "right"), year=1943,
                 reference="McCulloch & Pitts, A logical calculus of the ideas immanent in "
                           "nervous activity, 1943")  # fmt: skip


@declare(
    title="Binary step",
    latex=r"\begin{cases} 1 & x > 0 \\ h_0 & x = 0 \\ 0 & x < 0 \end{cases}",
    derivative_latex=r"0 \quad (x \ne 0)",
    derivative=lambda x, value_at_zero=0.0: _step_grad(x),
    aliases=("binary_step", "heaviside"),
    checks={"value_at_zero": finite_number},
    # torch.heaviside(input, values) and numpy's and JAX's heaviside(x1, x2)
    spellings={"values": "value_at_zero", "x2": "value_at_zero"},
    facts=_step_facts,
    reference_names={"pytorch": "torch.heaviside", "jax": "jax.numpy.heaviside"},
    kinks=(0.0,),
    family="basic",
    example="""
        >>> import activations
        >>> x = [-1.0, 0.0, 2.0]
        >>> activations.step(x)
        array([0., 0., 1.])
        >>> activations.step(x, value_at_zero=0.5)  # torch.heaviside(x, values=0.5)
        array([0. , 0.5, 1. ])
        >>> activations.step.derivative(x)  # 0 everywhere: nothing to learn from
        array([0., 0., 0.])
    """,
)  # fmt: skip
def step(x: np.ndarray, value_at_zero: float = 0.0) -> np.ndarray:
    r"""Binary step: 1 for positive input, 0 for negative input (the perceptron's threshold
    unit), and $h_0$ at 0.

    $$
    \operatorname{step}(x) = \begin{cases} 1 & x > 0 \\ h_0 & x = 0 \\ 0 & x < 0 \end{cases}
    $$

    Its derivative is 0 wherever it exists, and is taken as 0 at $x = 0$ too, so gradient
    descent cannot train a network of step units: this is why smooth activations exist.

    Parameters
    ----------
    x : array_like
        Input.
    value_at_zero : float
        The value $h_0$ at $x = 0$ (and at $-0$), any finite number; 0 by default, where the
        step is 1 for $x > 0$ only. PyTorch's ``torch.heaviside(input, values)`` and NumPy's
        and JAX's ``heaviside(x1, x2)`` take it as their second argument, and those names
        (``values``, ``x2``) are accepted here too. The range follows it: it is
        $[\min(0, h_0), \max(1, h_0)]$, and the step is monotonic for $0 \le h_0 \le 1$.

    Examples
    --------
    >>> import activations
    >>> activations.step([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    >>> activations.step([-1.0, 0.0, 2.0], values=1.0)
    array([0., 1., 1.])
    """
    y = positive_part_sign(x.copy())
    if value_at_zero != 0:
        y[x == 0] = value_at_zero
    return y


@declare(
    title="Linear (identity)",
    latex=r"x",
    derivative_latex=r"1",
    derivative=ones_keeping_nan,
    aliases=("identity",),
    facts=Facts((-INF, INF), monotonic=True, zero_centered=True, continuity=INF),
    reference_names={"pytorch": "torch.nn.Identity", "keras": "keras.activations.linear",
                     "jax": "jax.nn.identity"},
    family="basic",
    example="""
        >>> import activations
        >>> activations.linear([-1.5, 0.0, 2.0])
        array([-1.5,  0. ,  2. ])
        >>> activations.get(None)  # no activation: the identity
        <activation linear()>
    """,
)  # fmt: skip
def linear(x: np.ndarray) -> np.ndarray:
    r"""Identity: returns its input unchanged.

    $$
    \operatorname{linear}(x) = x
    $$

    The output activation for regression with unbounded targets. In hidden layers it adds
    nothing: a stack of linear layers is one linear layer.

    Examples
    --------
    >>> import activations
    >>> activations.linear([-1.5, 2.0])
    array([-1.5,  2. ])
    """
    return x.copy()


# ---------------------------------------------------------------------------------- exponential


def _exp_quiet(x: np.ndarray) -> np.ndarray:
    # e^x beyond the float range is inf: the true value is not representable
    return call_ignoring(OVERFLOW, np.exp, x)


@declare(
    title="Exponential",
    latex=r"e^{x}",
    derivative_latex=r"e^{x}",
    derivative=_exp_quiet,
    facts=Facts((0.0, INF), monotonic=True, zero_centered=False, continuity=INF,
                saturates=("left",)),
    reference_names={"pytorch": "torch.exp", "keras": "keras.activations.exponential",
                     "jax": "jax.numpy.exp"},
    family="basic",
    example="""
        >>> import activations
        >>> activations.exponential([-1.0, 0.0, 1.0])
        array([0.36787944, 1.        , 2.71828183])
        >>> float(activations.exponential(1000.0))  # beyond the float range, without a warning
        inf
    """,
)  # fmt: skip
def exponential(x: np.ndarray) -> np.ndarray:
    r"""Exponential: $e^x$, the activation for a positive output such as a rate or a scale.

    $$
    \operatorname{exponential}(x) = e^{x}
    $$

    Inputs above $\log(\text{max float})$ ($\approx 709.8$ in float64, $88.7$ in float32)
    give ``inf`` without a warning: the true value is not representable.

    Examples
    --------
    >>> import activations
    >>> activations.exponential([0.0, 1.0])
    array([1.        , 2.71828183])
    """
    return _exp_quiet(x)


def _gaussian_grad(x: np.ndarray) -> np.ndarray:
    xc = np.clip(x, -40, 40)  # e^{-1600} = 0: the square cannot overflow
    g = xc * xc
    np.negative(g, out=g)
    np.exp(g, out=g)
    g *= xc
    g *= -2
    return g


@declare(
    title="Gaussian",
    latex=r"e^{-x^2}",
    derivative_latex=r"-2x\,e^{-x^2}",
    derivative=_gaussian_grad,
    facts=Facts((0.0, 1.0), monotonic=False, zero_centered=False, continuity=INF,
                saturates=("left", "right"), year=1988,
                reference="Broomhead & Lowe, Multivariable functional interpolation and adaptive "
                          "networks, 1988"),
    family="basic",
    example="""
        >>> import activations
        >>> x = [-2.0, -1.0, 0.0, 1.0, 2.0]
        >>> activations.gaussian(x)
        array([0.01831564, 0.36787944, 1.        , 0.36787944, 0.01831564])
        >>> activations.gaussian.derivative(x)
        array([ 0.07326256,  0.73575888, -0.        , -0.73575888, -0.07326256])
    """,
)  # fmt: skip
def gaussian(x: np.ndarray) -> np.ndarray:
    r"""Gaussian: the bell curve $e^{-x^2}$, the activation of radial basis function networks.

    $$
    f(x) = e^{-x^2}, \qquad f'(x) = -2x\,e^{-x^2}
    $$

    A unit responds only to inputs near 0: it is a local detector, not a switch. $x$ is
    clamped to $\pm 40$ before squaring, where $e^{-x^2}$ is 0 in float64 already.

    Examples
    --------
    >>> import activations
    >>> activations.gaussian([0.0, 1.0, 100.0])
    array([1.        , 0.36787944, 0.        ])
    """
    y = np.clip(x, -40, 40)
    y *= y
    np.negative(y, out=y)
    return np.exp(y, out=y)


# ----------------------------------------------------------------------------- soft exponential


def _soft_exponential_grad(x: np.ndarray, alpha: float = 0.0) -> np.ndarray:
    if alpha > 0:  # e^(alpha x)
        return call_ignoring(OVERFLOW, lambda: np.exp(alpha * x))
    if alpha == 0:
        return ones_keeping_nan(x)
    beta = -alpha  # 1 / (1 + beta (x - beta)); no value below the domain
    d = call_ignoring(OVERFLOW, lambda: beta * (x - beta) + 1)
    g = call_ignoring(OVERFLOW | {"divide"}, np.reciprocal, d)
    return np.where(d < 0, np.nan, g)


def _soft_exponential_facts(alpha: float = 0.0) -> Facts:
    reference = ("Godfrey & Gashler, A continuum among logarithmic, linear, and exponential "
                 "functions, and its potential to improve generalization in neural networks, 2015")
    if alpha > 0:  # e^(alpha x) / alpha shifted: E[f(z)] = alpha (1 + exprel(alpha^2 / 2) / 2)
        mean = alpha * (1 + float(sc.exprel(alpha * alpha / 2)) / 2)
        return Facts((alpha - 1 / alpha, INF), monotonic=True,
                     zero_centered=mean <= ZERO_MEAN_TOLERANCE, continuity=INF,
                     saturates=("left",), year=2015, reference=reference)
    if alpha == 0:  # the identity
        return Facts((-INF, INF), monotonic=True, zero_centered=True, continuity=INF,
                     year=2015, reference=reference)
    # a logarithm, defined for x > -alpha - 1/|alpha| only: no mean over the whole real line
    return Facts((-INF, INF), monotonic=True, zero_centered=False, continuity=INF,
                 saturates=("right",), year=2015, reference=reference)


@declare(
    title="Soft exponential",
    latex=r"\begin{cases} -\dfrac{\log\bigl(1 - \alpha(x + \alpha)\bigr)}{\alpha} & \alpha < 0"
          r" \\ x & \alpha = 0 \\ \dfrac{e^{\alpha x} - 1}{\alpha} + \alpha & \alpha > 0"
          r" \end{cases}",
    derivative_latex=r"\begin{cases} \dfrac{1}{1 - \alpha(\alpha + x)} & \alpha < 0 \\"
                     r" e^{\alpha x} & \alpha \ge 0 \end{cases}",
    derivative=_soft_exponential_grad,
    checks={"alpha": finite_number},
    facts=_soft_exponential_facts,
    family="basic",
    example="""
        >>> import activations
        >>> x = [-2.0, 0.0, 1.0, 3.0]
        >>> activations.soft_exponential(x)
        array([-2.,  0.,  1.,  3.])
        >>> activations.soft_exponential(x, alpha=1.0)
        array([ 0.13533528,  1.        ,  2.71828183, 20.08553692])
        >>> activations.soft_exponential(x, alpha=-0.5)  # defined for x > -1.5 only
        array([        nan, -0.57536414,  0.4462871 ,  1.62186043])
    """,
)  # fmt: skip
def soft_exponential(x: np.ndarray, alpha: float = 0.0) -> np.ndarray:
    r"""Soft exponential: one parameter moves it continuously from a logarithm ($\alpha < 0$)
    through the identity ($\alpha = 0$) to an exponential ($\alpha > 0$).

    $$
    f(x) = \begin{cases} -\log\bigl(1 - \alpha(x + \alpha)\bigr) / \alpha & \alpha < 0 \\
    x & \alpha = 0 \\ (e^{\alpha x} - 1) / \alpha + \alpha & \alpha > 0 \end{cases}
    $$

    For $\alpha > 0$ the range is $(\alpha - 1/\alpha, \infty)$ and the function is computed as
    $x \operatorname{exprel}(\alpha x) + \alpha$, which is exact when $\alpha x$ is tiny
    ($\operatorname{exprel} y = (e^y - 1)/y$), and as $\operatorname{expm1}(\alpha x)/\alpha +
    \alpha$ where $\alpha x < -1$; beyond
    the float range it is ``inf``, without a warning, as `exponential`. For $\alpha < 0$ it is
    a logarithm, defined only for $x > -\alpha - 1/|\alpha|$: it is $-\infty$ at that point and
    NaN below it. With $\alpha = 1$ it is $e^x$; with $\alpha = -1$, $\log x$.

    Parameters
    ----------
    x : array_like
        Input.
    alpha : float
        Any finite number; 0 (the default) is the identity.

    Examples
    --------
    >>> import activations
    >>> activations.soft_exponential([0.0, 1.0], alpha=1.0)  # e^x
    array([1.        , 2.71828183])
    """
    if alpha > 0:
        return _soft_exponential_right(x, alpha)
    if alpha == 0:
        return x.copy()
    return _soft_logarithm(x, -alpha)


def _soft_exponential_right(x: np.ndarray, alpha: float) -> np.ndarray:
    """(e^(alpha x) - 1) / alpha + alpha: x exprel(alpha x) where alpha x may be tiny,
    expm1(alpha x) / alpha where alpha x < -1 (monotonic, and -1/alpha at -inf)."""
    ax = call_ignoring(OVERFLOW, np.multiply, x, alpha)
    left = ax < -1
    y = call_ignoring(OVERFLOW, lambda: x * sc.exprel(np.maximum(ax, -1)))
    tail = np.expm1(np.minimum(ax, -1))
    call_ignoring(OVERFLOW, np.divide, tail, alpha, out=tail)  # used only where alpha x < -1
    y = np.where(left, tail, y)
    y += alpha
    return y


def _soft_logarithm(x: np.ndarray, beta: float) -> np.ndarray:
    """log(1 + y) / beta with y = beta (x - beta): exact where y is tiny or beyond the floats;
    -inf at y = -1, NaN below."""
    shifted = x - beta
    y = call_ignoring(OVERFLOW, lambda: beta * shifted)
    f = np.clip(y, np.nextafter(-1.0, 0.0), 1e16)
    np.log1p(f, out=f)
    f /= beta
    tiny = np.abs(y) < 1e-8  # log1p(y) / beta = (x - beta) (1 - y/2) to 1e-16
    f = np.where(tiny, shifted * (1 - y / 2), f)
    big = y > 1e16  # log1p(y) = log(beta) + log(x - beta), y may overflow
    far = np.log(np.maximum(shifted, np.finfo(shifted.dtype).tiny))
    far += math.log(beta)
    far /= beta
    f = np.where(big, far, f)
    f = np.where(y == -1, -np.inf, f)
    return np.where(y < -1, np.nan, f)


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
