r"""Rectifiers: the ReLU and its piecewise-linear relatives.

$\operatorname{relu}(x) = \max(0, x)$ passes positive input unchanged and zeroes the rest. Its
derivative is 1 wherever the unit is active, so gradients do not vanish through a deep stack of
active units, which made very deep networks trainable. Its variants change the negative side
(a fixed slope: leaky ReLU; a learned one: PReLU), cap the positive side (ReLU6) or move the
threshold (thresholded ReLU).
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
    keep_nan,
    maximum,
    minimum,
    ones_keeping_nan,
    positive_part_sign,
    relu_grad,
    times_between,
    times_gradient,
    times_indicator,
    times_leaky_grad,
)
from activations.functions._parameters import check_per_unit, finite_number, slope_array

__all__ = ["relu", "relu6", "leaky_relu", "prelu", "thresholded_relu", "squared_relu", "threshold", "rrelu", "star_relu"]


@declare(
    title="ReLU",
    spellings={  # Keras' relu(x, negative_slope, max_value, threshold), one function per case here
        "negative_slope": "relu has no parameters here; Keras' relu(negative_slope=a) is "
                          "leaky_relu(negative_slope=a)",
        "max_value": "relu has no parameters here; Keras' relu(max_value=6) is relu6, and "
                     "relu(max_value=m) is hard_tanh(min_val=0, max_val=m)",
        "threshold": "relu has no parameters here; Keras' relu(threshold=t) is "
                     "thresholded_relu(theta=t), or threshold(threshold=t, value=0)",
    },
    latex=r"\max(0, x)",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    derivative=relu_grad,
    backward=lambda x, g: times_indicator(g, np.greater(x, 0), x),
    facts=Facts((0.0, INF), monotonic=True, zero_centered=False, continuity=0,
                saturates=("left",), year=2010,
                reference="Nair & Hinton, Rectified linear units improve restricted Boltzmann "
                          "machines, 2010"),
    reference_names={"pytorch": "torch.nn.functional.relu", "keras": "keras.activations.relu",
                     "jax": "jax.nn.relu"},
    kinks=(0.0,),
    family="relu",
    example="""
        >>> import activations
        >>> activations.relu([-2.0, 0.0, 3.0])
        array([0., 0., 3.])
        >>> activations.relu.derivative([-2.0, 0.0, 3.0])  # relu'(0) is taken as 0
        array([0., 0., 1.])
    """,
)  # fmt: skip
def relu(x: np.ndarray) -> np.ndarray:
    r"""Rectified linear unit: passes positive input, zeroes the rest.

    $$
    \operatorname{relu}(x) = \max(0, x), \qquad
    \operatorname{relu}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}
    $$

    The derivative at the kink is taken as $\operatorname{relu}'(0) = 0$, as in PyTorch,
    TensorFlow and JAX.

    Examples
    --------
    >>> import activations
    >>> activations.relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    >>> activations.relu.derivative([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    return maximum(x, 0)


def _relu6_grad(x: np.ndarray) -> np.ndarray:
    return between(x, 0.0, 6.0)


@declare(
    title="ReLU6",
    latex=r"\min\bigl(\max(0, x), 6\bigr)",
    derivative_latex=r"\begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}",
    derivative=_relu6_grad,
    backward=lambda x, g: times_between(g, x, 0.0, 6.0),
    facts=Facts((0.0, 6.0), monotonic=True, zero_centered=False, continuity=0,
                saturates=("left", "right"), year=2010,
                reference="Krizhevsky, Convolutional deep belief networks on CIFAR-10, 2010"),
    reference_names={"pytorch": "torch.nn.functional.relu6", "keras": "keras.activations.relu6",
                     "jax": "jax.nn.relu6"},
    kinks=(0.0, 6.0),
    family="relu",
    example="""
        >>> import activations
        >>> x = [-1.0, 3.0, 9.0]
        >>> activations.relu6(x)
        array([0., 3., 6.])
        >>> activations.relu6.derivative(x)
        array([0., 1., 0.])
    """,
)  # fmt: skip
def relu6(x: np.ndarray) -> np.ndarray:
    r"""ReLU capped at 6, which keeps activations in a range low-precision arithmetic can hold.

    $$
    \operatorname{relu6}(x) = \min\bigl(\max(0, x), 6\bigr)
    $$

    The derivative is taken as 0 at both kinks, $x = 0$ and $x = 6$ (as PyTorch).

    Examples
    --------
    >>> import activations
    >>> activations.relu6([-1.0, 3.0, 9.0])
    array([0., 3., 6.])
    """
    return clip_ufunc(x, 0, 6)


def _leaky(x: np.ndarray, slope: float | np.ndarray) -> np.ndarray:
    """max(x, 0) + slope * min(x, 0), right for any slope. slope * x overflows only where the
    result does (a slope above 1 at the largest floats), which is inf then; a zero slope gives
    0 at x = -inf, not -inf * 0."""
    if not isinstance(slope, np.ndarray) and 0 < slope <= 1:
        y = x * slope  # max(x, slope x): the same product, two passes instead of four
        return np.maximum(y, x, out=y)
    y = minimum(x, 0)
    if isinstance(slope, np.ndarray):
        _check_slopes(x, slope)
        if slope.all():
            y = call_ignoring(OVERFLOW, np.multiply, y, slope)
        else:
            zeros = np.zeros(np.broadcast_shapes(x.shape, slope.shape), x.dtype)
            y = call_ignoring(OVERFLOW, np.multiply, y, slope, out=zeros, where=slope != 0)
    elif slope == 0:
        return maximum(x, 0)
    elif abs(slope) > 1:
        call_ignoring(OVERFLOW, np.multiply, y, slope, out=y)
    else:
        y *= slope
    y += maximum(x, 0)
    return y


def _check_slopes(x: np.ndarray, slope: np.ndarray, where: str = "prelu: weight") -> None:
    """One slope per unit must broadcast against x without changing its shape."""
    check_per_unit(x, slope, where, "slope")


def _leaky_facts(slope: float | np.ndarray, year: int, reference: str) -> Facts:
    """The facts of max(x, 0) + a min(x, 0) for a slope a (or one per unit: the facts every
    unit shares, and the union of their ranges).

    A negative slope folds the left side up (range [0, inf), not monotonic); a slope of 1 is
    the identity (no kink, zero-centred); E[f(z)] = (1 - a) / sqrt(2 pi) for z ~ N(0, 1).
    """
    low, high = float(np.min(slope)), float(np.max(slope))
    return Facts(
        (-INF if high > 0 else 0.0, INF),
        monotonic=low >= 0,
        zero_centered=max(abs(1 - low), abs(1 - high)) / math.sqrt(2 * math.pi)
        <= ZERO_MEAN_TOLERANCE,
        continuity=INF if low == high == 1 else 0,
        saturates=("left",) if low == high == 0 else (),
        year=year,
        reference=reference,
    )


def _leaky_kinks(slope: float | np.ndarray) -> tuple[float, ...]:
    return () if np.all(np.equal(slope, 1)) else (0.0,)


def _leaky_relu_grad(
    x: np.ndarray, negative_slope: float = 0.01, where: str = "leaky_relu: negative_slope"
) -> np.ndarray:
    """[x > 0] + [x <= 0] * slope: exactly 1 on the right (where 1 * (1 - a) + a may round)."""
    right = relu_grad(x)
    left = 1 - right
    if isinstance(negative_slope, np.ndarray):
        _check_slopes(x, negative_slope, where)
        left = left * negative_slope
    else:
        left *= negative_slope
    left += right
    return left


def _leaky_relu_backward(
    x: np.ndarray, g: np.ndarray, negative_slope: float = 0.01,
    where: str = "leaky_relu: negative_slope",
) -> np.ndarray:
    """g times the derivative, in three passes and a comparison for one moderate slope."""
    if not isinstance(negative_slope, np.ndarray):
        out = times_leaky_grad(g, x, negative_slope)
        if out is not None:
            return out
    return times_gradient(_leaky_relu_grad(x, negative_slope, where), g)


@declare(
    title="Leaky ReLU",
    latex=r"\begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
    derivative=_leaky_relu_grad,
    backward=_leaky_relu_backward,
    checks={"negative_slope": slope_array},  # one slope, or one per unit (as JAX accepts)
    facts=lambda negative_slope=0.01: _leaky_facts(
        negative_slope, 2013, "Maas, Hannun & Ng, Rectifier nonlinearities improve neural "
                              "network acoustic models, 2013"),
    reference_names={"pytorch": "torch.nn.functional.leaky_relu",
                     "keras": "keras.activations.leaky_relu", "jax": "jax.nn.leaky_relu"},
    kinks=lambda negative_slope=0.01: _leaky_kinks(negative_slope),
    family="relu",
    example="""
        >>> import activations
        >>> x = [-10.0, 0.0, 5.0]
        >>> activations.leaky_relu(x)
        array([-0.1,  0. ,  5. ])
        >>> activations.leaky_relu(x, negative_slope=0.2)
        array([-2.,  0.,  5.])
    """,
)  # fmt: skip
def leaky_relu(x: np.ndarray, negative_slope: float = 0.01) -> np.ndarray:
    r"""Leaky ReLU: a ReLU whose negative side keeps a small slope, so no unit dies.

    $$
    \operatorname{leaky\_relu}(x) = \max(0, x) + \alpha \min(0, x), \qquad \alpha = 0.01
    $$

    Parameters
    ----------
    x : array_like
        Input.
    negative_slope : float or ndarray
        The slope $\alpha$ for $x \le 0$ (PyTorch's name; Keras and JAX call
        it ``negative_slope`` too). Any finite number, or a float array of them, one per unit
        (along the last axis, as PReLU's ``weight``); the derivative at 0 is $\alpha$.
        The facts follow it: $\alpha = 1$ is the identity, $\alpha < 0$ folds the left side
        up (range $[0, \infty)$, not monotonic), $\alpha = 0$ is the ReLU.

    Examples
    --------
    >>> import activations
    >>> activations.leaky_relu([-100.0, 2.0])
    array([-1.,  2.])
    >>> activations.leaky_relu([-100.0, 2.0], negative_slope=0.2)
    array([-20.,   2.])
    """
    if isinstance(negative_slope, np.ndarray):
        _check_slopes(x, negative_slope, "leaky_relu: negative_slope")
    return _leaky(x, negative_slope)


@declare(
    title="PReLU",
    latex=r"\begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
    derivative=lambda x, weight=0.25: _leaky_relu_grad(x, weight, "prelu: weight"),
    backward=lambda x, g, weight=0.25: _leaky_relu_backward(x, g, weight, "prelu: weight"),
    checks={"weight": slope_array},
    learnable=("weight",),
    param_derivative=lambda x, weight=0.25: {"weight": np.minimum(x, 0)},
    facts=lambda weight=0.25: _leaky_facts(
        weight, 2015, "He, Zhang, Ren & Sun, Delving deep into rectifiers, 2015"),
    reference_names={"pytorch": "torch.nn.functional.prelu", "keras": "keras.layers.PReLU"},
    kinks=lambda weight=0.25: _leaky_kinks(weight),
    family="relu",
    example="""
        >>> import activations
        >>> import numpy as np
        >>> slopes = np.array([0.1, 0.5])  # one slope per unit (column)
        >>> activations.prelu([[-1.0, -1.0], [2.0, -2.0]], weight=slopes)
        array([[-0.1, -0.5],
               [ 2. , -1. ]])
    """,
)  # fmt: skip
def prelu(x: np.ndarray, weight: float = 0.25) -> np.ndarray:
    r"""Parametric ReLU: a leaky ReLU whose negative slope $a$ is learned.

    $$
    \operatorname{prelu}(x) = \max(0, x) + a \min(0, x), \qquad
    \frac{\partial}{\partial a} \operatorname{prelu}(x) = \min(0, x)
    $$

    Parameters
    ----------
    x : array_like
        Input.
    weight : float or ndarray
        The slope $a$ (PyTorch's name), a number or an array broadcasting against
        ``x`` without changing its shape (one slope per unit); 0.25 is He et al.'s initial
        value. In a [`Dense`][activations.Dense] layer the slope is learned per unit. With
        one slope per unit the facts are those every unit shares, and the range is the union
        of theirs.

    Raises
    ------
    ValueError
        If an array ``weight`` does not broadcast against ``x`` to the shape of ``x``.

    Examples
    --------
    >>> import activations
    >>> activations.prelu([-4.0, 2.0])
    array([-1.,  2.])
    """
    return _leaky(x, weight)


def _thresholded_relu_grad(x: np.ndarray, theta: float = 1.0) -> np.ndarray:
    t = call_ignoring(OVERFLOW, np.subtract, x, theta)  # ±inf keeps the sign, all we use
    return positive_part_sign(t)


@declare(
    title="Thresholded ReLU",
    latex=r"\begin{cases} x & x > \theta \\ 0 & x \le \theta \end{cases}",
    derivative_latex=r"\begin{cases} 1 & x > \theta \\ 0 & x < \theta \end{cases}",
    derivative=_thresholded_relu_grad,
    checks={"theta": finite_number},
    facts=lambda theta=1.0: Facts(
        (min(theta, 0.0), INF),  # below 0, the values just above theta < 0 come before the 0s
        monotonic=theta >= 0,  # the jump at theta goes up from 0 to theta, or down to it
        zero_centered=math.exp(-theta * theta / 2) / math.sqrt(2 * math.pi) <= ZERO_MEAN_TOLERANCE,
        continuity=0 if theta == 0 else -1, saturates=("left",), year=2015,
        reference="Konda, Memisevic & Krueger, Zero-bias autoencoders and the benefits of "
                  "co-adapting features, 2015"),
    reference_names={"pytorch": "torch.nn.functional.threshold",
                     "keras": "keras.activations.threshold"},
    kinks=lambda theta=1.0: (theta,),
    family="relu",
    example="""
        >>> import activations
        >>> x = [0.5, 1.0, 1.5, 3.0]
        >>> activations.thresholded_relu(x)
        array([0. , 0. , 1.5, 3. ])
        >>> activations.thresholded_relu(x, theta=2.0)
        array([0., 0., 0., 3.])
    """,
)  # fmt: skip
def thresholded_relu(x: np.ndarray, theta: float = 1.0) -> np.ndarray:
    r"""Thresholded ReLU: passes input above $\theta$, zeroes the rest (it jumps at $\theta$).

    $$
    \operatorname{thresholded\_relu}(x) = \begin{cases} x & x > \theta \\ 0 & x \le \theta
    \end{cases}
    $$

    Parameters
    ----------
    x : array_like
        Input.
    theta : float
        The threshold $\theta$ (Keras' ``ThresholdedReLU(theta)``; PyTorch:
        ``F.threshold(x, theta, 0.0)``). $\theta = 0$ gives the ReLU; below 0 the jump at
        $\theta$ goes down, from 0 to $\theta$, so the function is not monotonic and its
        range is $[\theta, \infty)$. The derivative is taken as 0 at $x = \theta$.

    Examples
    --------
    >>> import activations
    >>> activations.thresholded_relu([0.5, 1.0, 1.5])
    array([0. , 0. , 1.5])
    """
    return np.where(x <= theta, 0, x).astype(x.dtype, copy=False)  # NaN fails <=: kept


def _square_quiet(t: np.ndarray) -> np.ndarray:
    """t^2, inf where it is beyond the float range (the true value is)."""
    return call_ignoring(OVERFLOW, np.multiply, t, t)


def _squared_relu_grad(x: np.ndarray) -> np.ndarray:
    return call_ignoring(OVERFLOW, np.multiply, np.maximum(x, 0), 2)


@declare(
    title="Squared ReLU",
    latex=r"\max(0, x)^2",
    derivative_latex=r"2 \max(0, x)",
    derivative=_squared_relu_grad,
    facts=Facts((0.0, INF), monotonic=True, zero_centered=False, continuity=1,
                saturates=("left",), year=2021,
                reference="So, Mańke, Liu, Dai, Shazeer & Le, Primer: searching for efficient "
                          "transformers for language modeling, 2021"),
    breakpoints=(0.0,),
    family="relu",
    example="""
        >>> import activations
        >>> x = [-2.0, 0.0, 0.5, 3.0]
        >>> activations.squared_relu(x)
        array([0.  , 0.  , 0.25, 9.  ])
        >>> activations.squared_relu.derivative(x)
        array([0., 0., 1., 6.])
    """,
)  # fmt: skip
def squared_relu(x: np.ndarray) -> np.ndarray:
    r"""Squared ReLU: the ReLU, squared; the feed-forward activation of the Primer transformer.

    $$
    f(x) = \max(0, x)^2, \qquad f'(x) = 2\max(0, x)
    $$

    It is continuously differentiable: the slope grows from 0 at the origin; the second
    derivative jumps from 0 to 2 there. Beyond $\sqrt{\text{max float}}$ the result is
    ``inf``, the true value being beyond the float range.

    Examples
    --------
    >>> import activations
    >>> activations.squared_relu([-2.0, 3.0])
    array([0., 9.])
    """
    return _square_quiet(np.maximum(x, 0))


def _threshold_grad(x: np.ndarray, threshold: float = 0.0, value: float = 0.0) -> np.ndarray:
    return keep_nan(x, (x > threshold).astype(x.dtype))


def _threshold_facts(threshold: float = 0.0, value: float = 0.0) -> Facts:
    mean = value * sc.ndtr(threshold) + math.exp(-0.5 * min(threshold * threshold, 1e4)) / (
        math.sqrt(2 * math.pi))
    return Facts(
        (min(value, threshold), INF), monotonic=value <= threshold,
        zero_centered=abs(mean) <= ZERO_MEAN_TOLERANCE,
        continuity=0 if value == threshold else -1, saturates=("left",))


@declare(
    title="Threshold",
    latex=r"\begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}",
    derivative_latex=r"\begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}",
    derivative=_threshold_grad,
    checks={"threshold": finite_number, "value": finite_number},
    facts=_threshold_facts,
    reference_names={"pytorch": "torch.nn.functional.threshold"},
    kinks=lambda threshold=0.0, value=0.0: (threshold,),
    family="relu",
    example="""
        >>> import activations
        >>> x = [-1.0, 0.5, 1.0, 2.0]
        >>> activations.threshold(x, threshold=1.0, value=-5.0)
        array([-5., -5., -5.,  2.])
        >>> activations.threshold.derivative(x, threshold=1.0, value=-5.0)
        array([0., 0., 0., 1.])
    """,
)  # fmt: skip
def threshold(x: np.ndarray, threshold: float = 0.0, value: float = 0.0) -> np.ndarray:
    r"""Threshold: keeps $x$ above the threshold $\theta$ and replaces the rest by $v$.

    $$
    f(x) = \begin{cases} x & x > \theta \\ v & x \le \theta \end{cases}
    $$

    PyTorch's ``threshold(input, threshold, value)``, where both are required; here they
    default to 0, which is the ReLU. Unless $v = \theta$ the function jumps at $\theta$; the
    derivative there is taken as 0 (the left side), as in PyTorch.

    Parameters
    ----------
    x : array_like
        Input.
    threshold : float
        $\theta$, the value at and below which the input is replaced.
    value : float
        $v$, the replacement.

    Examples
    --------
    >>> import activations
    >>> activations.threshold([-1.0, 2.0], threshold=1.0, value=-5.0)
    array([-5.,  2.])
    """
    y = np.where(x > threshold, x, np.asarray(value, x.dtype))
    return keep_nan(x, y)


def _rrelu_slope(lower: float, upper: float) -> float:
    return lower / 2 + upper / 2


def _rrelu_grad(x: np.ndarray, lower: float = 0.125, upper: float = 1 / 3) -> np.ndarray:
    return _leaky_relu_grad(x, _rrelu_slope(lower, upper))


@declare(
    title="RReLU",
    latex=r"\begin{cases} x & x > 0 \\ \frac{l + u}{2}\,x & x \le 0 \end{cases}",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ \frac{l + u}{2} & x \le 0 \end{cases}",
    derivative=_rrelu_grad,
    checks={"lower": finite_number, "upper": finite_number},
    facts=lambda lower=0.125, upper=1 / 3: _leaky_facts(
        _rrelu_slope(lower, upper), 2015,
        "Xu, Wang, Chen & Li, Empirical evaluation of rectified activations in convolutional "
        "network, 2015"),
    reference_names={"pytorch": "torch.nn.functional.rrelu"},
    kinks=lambda lower=0.125, upper=1 / 3: _leaky_kinks(_rrelu_slope(lower, upper)),
    family="relu",
    example="""
        >>> import activations
        >>> x = [-3.0, 0.0, 2.0]
        >>> activations.rrelu(x)
        array([-0.6875,  0.    ,  2.    ])
        >>> activations.rrelu.derivative(x)
        array([0.22916667, 0.22916667, 1.        ])
    """,
)  # fmt: skip
def rrelu(x: np.ndarray, lower: float = 0.125, upper: float = 1 / 3) -> np.ndarray:
    r"""Randomized leaky ReLU, in its evaluation form: a leaky ReLU with the mean slope.

    $$
    f(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}, \qquad a = \frac{l + u}{2}
    $$

    In training, RReLU draws the slope of each unit uniformly from $[l, u]$ at every step;
    at test time it uses the mean slope, which is what this function computes (PyTorch's
    ``rrelu(x, lower, upper, training=False)``). The derivative at 0 is the slope $a$.

    Parameters
    ----------
    x : array_like
        Input.
    lower : float
        $l$, the smallest slope drawn in training (PyTorch's default $1/8$).
    upper : float
        $u$, the largest slope drawn in training (PyTorch's default $1/3$).

    Examples
    --------
    >>> import activations
    >>> activations.rrelu([-24.0, 2.0])
    array([-5.5,  2. ])
    """
    return _leaky(x, _rrelu_slope(lower, upper))


STAR_RELU_SCALE = 1 / math.sqrt(1.25)
STAR_RELU_BIAS = -0.5 / math.sqrt(1.25)


def _star_relu_grad(x: np.ndarray, scale: float = STAR_RELU_SCALE,
                    bias: float = STAR_RELU_BIAS) -> np.ndarray:
    g = call_ignoring(OVERFLOW, np.multiply, np.maximum(x, 0), scale)
    return call_ignoring(OVERFLOW, np.multiply, g, 2)


def _star_relu_params(x: np.ndarray, scale: float = STAR_RELU_SCALE,
                      bias: float = STAR_RELU_BIAS) -> dict[str, np.ndarray]:
    return {"scale": _square_quiet(np.maximum(x, 0)), "bias": ones_keeping_nan(x)}


def _star_relu_facts(scale: float = STAR_RELU_SCALE, bias: float = STAR_RELU_BIAS) -> Facts:
    low, high = float(np.min(scale)), float(np.max(scale))
    b_low, b_high = float(np.min(bias)), float(np.max(bias))
    return Facts(
        (b_low if low >= 0 else -INF, INF if high > 0 else b_high), monotonic=low >= 0,
        zero_centered=max(abs(low / 2 + b_low), abs(high / 2 + b_high)) <= ZERO_MEAN_TOLERANCE,
        continuity=1, saturates=("left",), year=2022,
        reference="Yu, Si, Zhou, Luo, Zhou, Feng, Yan & Wang, MetaFormer baselines for vision, "
                  "2022")


@declare(
    title="StarReLU",
    latex=r"s \max(0, x)^2 + b",
    derivative_latex=r"2 s \max(0, x)",
    derivative=_star_relu_grad,
    checks={"scale": slope_array, "bias": slope_array},
    facts=_star_relu_facts,
    breakpoints=(0.0,),
    learnable=("scale", "bias"),
    param_derivative=_star_relu_params,
    family="relu",
    example="""
        >>> import activations
        >>> x = [-2.0, 0.0, 1.0, 2.0]
        >>> activations.star_relu(x)
        array([-0.4472136 , -0.4472136 ,  0.4472136 ,  3.13049517])
        >>> activations.star_relu.derivative(x)
        array([0.        , 0.        , 1.78885438, 3.57770876])
    """,
)  # fmt: skip
def star_relu(x: np.ndarray, scale: float = STAR_RELU_SCALE,
              bias: float = STAR_RELU_BIAS) -> np.ndarray:
    r"""StarReLU: a squared ReLU with a learnable scale and bias, normalised at the start.

    $$
    f(x) = s \max(0, x)^2 + b
    $$

    For $z \sim \mathcal N(0, 1)$, $\max(0, z)^2$ has mean $1/2$ and variance $5/4$; the
    initial $s = 1/\sqrt{5/4} \approx 0.894$ and $b = -s/2 \approx -0.447$ give outputs of mean
    0 and variance 1. A layer learns $s$ and $b$ per unit (``learnable``).

    Parameters
    ----------
    x : array_like
        Input.
    scale : float
        $s$.
    bias : float
        $b$.

    Examples
    --------
    >>> import activations
    >>> activations.star_relu([-1.0, 1.0], scale=1.0, bias=0.0)
    array([0., 1.])
    """
    y = _square_quiet(np.maximum(x, 0))
    y = call_ignoring(OVERFLOW, np.multiply, y, scale)
    return call_ignoring(OVERFLOW, np.add, y, bias)


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
