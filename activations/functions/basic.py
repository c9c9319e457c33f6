r"""The simplest units: the binary step, the identity and the exponential.

The step is where neural networks began: McCulloch and Pitts' threshold unit, which fires or does
not. Its derivative is zero wherever it exists, so gradient descent cannot train it; every other
chapter of the catalog is a way around that. The identity and the exponential are what an
*output* layer uses when the target is an unbounded number (regression) or a positive one (a rate
or a scale).
"""

from __future__ import annotations

import numpy as np

from activations._core import INF, Facts, declare
from activations._floating_point import OVERFLOW, call_ignoring
from activations.functions._kernels import ones_keeping_nan, positive_part_sign

__all__ = ["step", "linear", "exponential", "gaussian"]


# ---------------------------------------------------------------------------- step and identity


def _step_grad(x: np.ndarray) -> np.ndarray:
    t = np.abs(x)
    return np.minimum(t, 0, out=t)  # 0 everywhere, NaN where x is NaN


@declare(
    title="Binary step",
    latex=r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    derivative_latex=r"0 \quad (x \ne 0)",
    derivative=_step_grad,
    aliases=("binary_step", "heaviside"),
    facts=Facts((0.0, 1.0), monotonic=True, zero_centered=False, continuity=-1,
                saturates=("left", "right"), year=1943,
                reference="McCulloch & Pitts, A logical calculus of the ideas immanent in "
                          "nervous activity, 1943"),
    reference_names={"pytorch": "torch.heaviside", "jax": "jax.numpy.heaviside"},
    kinks=(0.0,),
    family="basic",
    example="""
        >>> import activations
        >>> x = [-1.0, 0.0, 2.0]
        >>> activations.step(x)
        array([0., 0., 1.])
        >>> activations.step.derivative(x)  # 0 everywhere: nothing to learn from
        array([0., 0., 0.])
    """,
)  # fmt: skip
def step(x: np.ndarray) -> np.ndarray:
    r"""Binary step: 1 for positive input, 0 otherwise (the perceptron's threshold unit).

    $$
    \operatorname{step}(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}
    $$

    Its derivative is 0 wherever it exists, and is taken as 0 at $x = 0$ too, so gradient
    descent cannot train a network of step units: this is why smooth activations exist.

    Examples
    --------
    >>> import activations
    >>> activations.step([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    return positive_part_sign(x.copy())


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
                saturates=("left", "right")),
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


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
