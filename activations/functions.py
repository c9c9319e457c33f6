r"""The catalog: every activation function, declared once.

Each function below is a plain NumPy function of ``x`` and keyword parameters; the decorator
[`declare`][activations._core.declare] attaches its exact derivative (or, for vector-valued
functions, its vector-Jacobian product), its LaTeX, its facts and its names in other libraries,
and registers it. The module attribute of the same name is then an
[`Activation`][activations.Activation]: call it, take its ``derivative`` or its ``backward``.

Conventions:

* Input: scalars, lists or arrays; integers and booleans become float64; float16, float32 and
  float64 are kept (float16 is computed in float32 and rounded once).
* At a kink the derivative takes one side's value, stated in each docstring; most follow
  PyTorch: $\operatorname{relu}'(0) = 0$, $\operatorname{step}'(x) = 0$.
* No formula below overflows for finite input: sigmoids use $e^{-|x|}$, softplus uses
  $\max(x, 0) + \log(1 + e^{-|x|})$, softmax is shifted by its maximum, squareplus never squares
  $x$. NaN propagates; $\pm\infty$ give the mathematical limits.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import partial

import numpy as np
import scipy.special as sc

from activations._core import INF, Facts, declare
from activations._validation import check_choice, check_float, check_float_or_array, check_int

# Parameter checks, each called as check(value, where, name)
finite_number = check_float
nonnegative = partial(check_float, non_negative=True)
positive = partial(check_float, positive=True)
threshold_number = partial(check_float, allow_inf=True)
integer_axis = partial(check_int, minimum=None)
positive_integer = check_int
slope_array = check_float_or_array

__all__ = [
    "step", "linear", "sigmoid", "hard_sigmoid", "log_sigmoid", "tanh", "hard_tanh", "softsign",
    "relu", "relu6", "leaky_relu", "prelu", "thresholded_relu", "elu", "selu", "celu", "gelu",
    "silu", "hard_swish", "mish", "softplus", "squareplus", "hard_shrink", "soft_shrink",
    "tanh_shrink", "exponential", "softmax", "log_softmax", "sparsemax", "glu", "maxout",
]  # fmt: skip

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_GELU_TANH_C = 0.044715
# Past |x| = 800 every exponential used below has under- or overflowed for float32 and float64,
# so clamping there changes no result and keeps x * 0 products away from inf * 0.
_FAR = 800.0


# ------------------------------------------------------------------------------------- helpers


def _keep_nan(x: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return ``values`` with NaN wherever ``x`` is NaN (for indicator-like results)."""
    return np.where(np.isnan(x), x, values)


# Below this many elements one call of SciPy's exact ``expit`` beats the several SIMD passes
# of the exp form, whose per-call overhead dominates small arrays (tiny networks' layers).
_SMALL = 1024


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """exp(min(x, 0)) / (1 + exp(-|x|)): exact in both tails, never overflows."""
    if x.size < _SMALL:
        return sc.expit(x)
    e = np.abs(x)
    np.negative(e, out=e)
    np.exp(e, out=e)
    e += 1
    num = np.minimum(x, 0)
    np.exp(num, out=num)
    np.divide(num, e, out=num)
    return num


def _sigmoid_grad(x: np.ndarray) -> np.ndarray:
    """e / (1 + e)^2 with e = exp(-|x|): sigma(x) * sigma(-x) without cancellation."""
    if x.size < _SMALL:
        s = sc.expit(x)
        s *= sc.expit(-x)
        return s
    e = np.abs(x)
    np.negative(e, out=e)
    np.exp(e, out=e)
    d = e + 1
    np.divide(e, d, out=e)
    np.divide(e, d, out=e)
    return e


def _softplus(x: np.ndarray) -> np.ndarray:
    """max(x, 0) + log1p(exp(-|x|))."""
    t = np.abs(x)
    np.negative(t, out=t)
    np.exp(t, out=t)
    np.log1p(t, out=t)
    t += np.maximum(x, 0)
    return t


def _sech2(x: np.ndarray) -> np.ndarray:
    """sech(x)^2 = 4 e / (1 + e)^2 with e = exp(-2|x|): accurate where 1 - tanh^2 cancels."""
    e = np.minimum(np.abs(x), _FAR / 2)
    e *= -2
    np.exp(e, out=e)
    d = e + 1
    e *= 4
    np.divide(e, d, out=e)
    np.divide(e, d, out=e)
    return e


def _positive_part_sign(t: np.ndarray) -> np.ndarray:
    """1 where t > 0, 0 where t <= 0, NaN where t is NaN: sign(max(t, 0)), in place."""
    m = np.maximum(t, 0)
    return np.sign(m, out=t)  # (np.sign in place, out=m, is ~8x slower)


def _between(x: np.ndarray, low: float, high: float) -> np.ndarray:
    """Indicator of low < x < high (NaN propagates): min(x - low, high - x) > 0."""
    t = x - low
    np.minimum(t, high - x, out=t)
    return _positive_part_sign(t)


def _ones_like(x: np.ndarray) -> np.ndarray:
    t = np.abs(x)
    t += 1
    return np.sign(t)  # 1 everywhere, NaN where x is NaN


# ------------------------------------------------------------------------- step and identity


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
    return _positive_part_sign(x.copy())


@declare(
    title="Linear (identity)",
    latex=r"x",
    derivative_latex=r"1",
    derivative=_ones_like,
    aliases=("identity",),
    facts=Facts((-INF, INF), monotonic=True, zero_centered=True, continuity=INF),
    reference_names={"pytorch": "torch.nn.Identity", "keras": "keras.activations.linear",
                     "jax": "jax.nn.identity"},
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


# ----------------------------------------------------------------------------------- sigmoids


@declare(
    title="Sigmoid",
    latex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    derivative_latex=r"\sigma(x)\,\bigl(1 - \sigma(x)\bigr)",
    derivative=_sigmoid_grad,
    aliases=("logistic",),
    facts=Facts((0.0, 1.0), monotonic=True, zero_centered=False, continuity=INF,
                saturates=("left", "right"), year=1986,
                reference="Rumelhart, Hinton & Williams, Learning representations by "
                          "back-propagating errors, 1986"),
    reference_names={"pytorch": "torch.sigmoid", "keras": "keras.activations.sigmoid",
                     "jax": "jax.nn.sigmoid"},
)  # fmt: skip
def sigmoid(x: np.ndarray) -> np.ndarray:
    r"""Logistic sigmoid: squashes any real number into $(0, 1)$.

    $$
    \sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)
    \le \tfrac14
    $$

    Computed as $e^{\min(x, 0)} / (1 + e^{-|x|})$, which never overflows and keeps full
    relative precision in both tails; the derivative as $e^{-|x|} / (1 + e^{-|x|})^2$, which
    does not cancel to 0 where $\sigma(x)$ rounds to 1.

    Examples
    --------
    >>> import activations
    >>> activations.sigmoid([-1000.0, 0.0, 1000.0])
    array([0. , 0.5, 1. ])
    >>> float(activations.sigmoid.derivative(0.0))
    0.25
    """
    return _sigmoid(x)


def _hard_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    g = _between(x, -3.0, 3.0)
    g /= 6
    return g


@declare(
    title="Hard sigmoid",
    latex=r"\frac{\operatorname{relu6}(x + 3)}{6} = "
          r"\begin{cases} 0 & x \le -3 \\ \frac{x}{6} + \frac12 & -3 < x < 3 \\ 1 & x \ge 3 "
          r"\end{cases}",
    derivative_latex=r"\begin{cases} \frac16 & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}",
    derivative=_hard_sigmoid_grad,
    facts=Facts((0.0, 1.0), monotonic=True, zero_centered=False, continuity=0,
                saturates=("left", "right"), year=2019,
                reference="Howard et al., Searching for MobileNetV3, 2019 (this slope-1/6 "
                          "form); Courbariaux, Bengio & David, BinaryConnect, 2015 used slope "
                          "1/2"),
    reference_names={"pytorch": "torch.nn.functional.hardsigmoid",
                     "keras": "keras.activations.hard_sigmoid", "jax": "jax.nn.hard_sigmoid"},
    kinks=(-3.0, 3.0),
)  # fmt: skip
def hard_sigmoid(x: np.ndarray) -> np.ndarray:
    r"""Hard sigmoid: a piecewise-linear stand-in for the sigmoid, cheap to compute.

    $$
    \operatorname{hard\_sigmoid}(x) = \frac{\operatorname{relu6}(x + 3)}{6}
    = \min\Bigl(\max\bigl(\tfrac{x}{6} + \tfrac12, 0\bigr), 1\Bigr)
    $$

    This is PyTorch's definition (slope 1/6), also used by Keras 3 and JAX; Keras 2 used
    slope 0.2 ($0.2x + 0.5$ clipped) and BinaryConnect slope 1/2. The derivative is taken as 0 at the kinks $x = \pm 3$.

    Examples
    --------
    >>> import activations
    >>> activations.hard_sigmoid([-4.0, 0.0, 1.5, 4.0])
    array([0.  , 0.5 , 0.75, 1.  ])
    """
    y = x / 6
    y += 0.5
    return np.clip(y, 0, 1, out=y)


def _log_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    return _sigmoid(-x)


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
    derivative=_sech2,
    facts=Facts((-1.0, 1.0), monotonic=True, zero_centered=True, continuity=INF,
                saturates=("left", "right"),
                reference="In use since the first back-propagation networks; recommended over "
                          "the logistic by LeCun, Bottou, Orr & Müller, Efficient BackProp, "
                          "1998"),
    reference_names={"pytorch": "torch.tanh", "keras": "keras.activations.tanh",
                     "jax": "jax.numpy.tanh"},
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


def _hard_tanh_grad(x: np.ndarray) -> np.ndarray:
    return _between(x, -1.0, 1.0)


@declare(
    title="Hard tanh",
    latex=r"\begin{cases} -1 & x < -1 \\ x & -1 \le x \le 1 \\ 1 & x > 1 \end{cases}",
    derivative_latex=r"\begin{cases} 1 & -1 < x < 1 \\ 0 & \text{otherwise} \end{cases}",
    derivative=_hard_tanh_grad,
    facts=Facts((-1.0, 1.0), monotonic=True, zero_centered=True, continuity=0,
                saturates=("left", "right"), year=2004,
                reference="Collobert, Large Scale Machine Learning (PhD thesis), 2004"),
    reference_names={"pytorch": "torch.nn.functional.hardtanh",
                     "keras": "keras.activations.hard_tanh", "jax": "jax.nn.hard_tanh"},
    kinks=(-1.0, 1.0),
)  # fmt: skip
def hard_tanh(x: np.ndarray) -> np.ndarray:
    r"""Hard tanh: the identity clipped to $[-1, 1]$.

    $$
    \operatorname{hard\_tanh}(x) = \max\bigl(-1, \min(x, 1)\bigr)
    $$

    The derivative is 1 inside $(-1, 1)$ and 0 outside, taken as 0 at the kinks (as PyTorch).

    Examples
    --------
    >>> import activations
    >>> activations.hard_tanh([-3.0, 0.5, 3.0])
    array([-1. ,  0.5,  1. ])
    """
    return np.clip(x, -1, 1)


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
    top = np.finfo(x.dtype).max
    xc = np.clip(x, -top, top)  # softsign(±inf) = ±1 without inf / inf
    d = np.abs(xc)
    d += 1
    return np.divide(xc, d, out=d)


# ------------------------------------------------------------------------------ rectifiers


def _relu_grad(x: np.ndarray) -> np.ndarray:
    return np.sign(np.maximum(x, 0))  # 1 for x > 0, 0 for x <= 0, NaN for NaN


@declare(
    title="ReLU",
    latex=r"\max(0, x)",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    derivative=_relu_grad,
    facts=Facts((0.0, INF), monotonic=True, zero_centered=False, continuity=0,
                saturates=("left",), year=2010,
                reference="Nair & Hinton, Rectified linear units improve restricted Boltzmann "
                          "machines, 2010"),
    reference_names={"pytorch": "torch.nn.functional.relu", "keras": "keras.activations.relu",
                     "jax": "jax.nn.relu"},
    kinks=(0.0,),
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
    return np.maximum(x, 0)


def _relu6_grad(x: np.ndarray) -> np.ndarray:
    return _between(x, 0.0, 6.0)


@declare(
    title="ReLU6",
    latex=r"\min\bigl(\max(0, x), 6\bigr)",
    derivative_latex=r"\begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}",
    derivative=_relu6_grad,
    facts=Facts((0.0, 6.0), monotonic=True, zero_centered=False, continuity=0,
                saturates=("left", "right"), year=2010,
                reference="Krizhevsky, Convolutional deep belief networks on CIFAR-10, 2010"),
    reference_names={"pytorch": "torch.nn.functional.relu6", "keras": "keras.activations.relu6",
                     "jax": "jax.nn.relu6"},
    kinks=(0.0, 6.0),
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
    return np.clip(x, 0, 6)


def _leaky(x: np.ndarray, slope: float | np.ndarray) -> np.ndarray:
    """max(x, 0) + slope * min(x, 0): right for any slope, and slope * x never overflows
    unless the result does."""
    y = np.minimum(x, 0)
    y = y * slope
    y += np.maximum(x, 0)
    return y


def _leaky_relu_grad(x: np.ndarray, negative_slope: float = 0.01) -> np.ndarray:
    g = _relu_grad(x)
    g = g * (1 - negative_slope) if isinstance(negative_slope, np.ndarray) else g
    if not isinstance(negative_slope, np.ndarray):
        g *= 1 - negative_slope
    g += negative_slope
    return g


@declare(
    title="Leaky ReLU",
    latex=r"\begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
    derivative=_leaky_relu_grad,
    checks={"negative_slope": finite_number},
    facts=Facts((-INF, INF), monotonic=True, zero_centered=False, continuity=0, year=2013,
                reference="Maas, Hannun & Ng, Rectifier nonlinearities improve neural network "
                          "acoustic models, 2013"),
    reference_names={"pytorch": "torch.nn.functional.leaky_relu",
                     "keras": "keras.activations.leaky_relu", "jax": "jax.nn.leaky_relu"},
    kinks=(0.0,),
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
    negative_slope : float
        The slope $\alpha$ for $x \le 0$ (PyTorch's name; Keras and JAX call
        it ``negative_slope`` too). Any finite number; the derivative at 0 is $\alpha$.

    Examples
    --------
    >>> import activations
    >>> activations.leaky_relu([-100.0, 2.0])
    array([-1.,  2.])
    >>> activations.leaky_relu([-100.0, 2.0], negative_slope=0.2)
    array([-20.,   2.])
    """
    return _leaky(x, negative_slope)


@declare(
    title="PReLU",
    latex=r"\begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases}",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
    derivative=lambda x, weight=0.25: _leaky_relu_grad(x, weight),
    checks={"weight": slope_array},
    learnable=("weight",),
    param_derivative=lambda x, weight=0.25: {"weight": np.minimum(x, 0.0)},
    facts=Facts((-INF, INF), monotonic=True, zero_centered=False, continuity=0, year=2015,
                reference="He, Zhang, Ren & Sun, Delving deep into rectifiers, 2015"),
    reference_names={"pytorch": "torch.nn.functional.prelu", "keras": "keras.layers.PReLU"},
    kinks=(0.0,),
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
        ``x`` (one slope per unit); 0.25 is He et al.'s initial value. In a
        [`Dense`][activations.Dense] layer the slope is learned per unit.

    Examples
    --------
    >>> import activations
    >>> activations.prelu([-4.0, 2.0])
    array([-1.,  2.])
    """
    return _leaky(x, weight)


def _thresholded_relu_grad(x: np.ndarray, theta: float = 1.0) -> np.ndarray:
    with np.errstate(over="ignore"):  # x - theta = ±inf keeps its sign, which is all we use
        t = x - theta
    return _positive_part_sign(t)


@declare(
    title="Thresholded ReLU",
    latex=r"\begin{cases} x & x > \theta \\ 0 & x \le \theta \end{cases}",
    derivative_latex=r"\begin{cases} 1 & x > \theta \\ 0 & x < \theta \end{cases}",
    derivative=_thresholded_relu_grad,
    checks={"theta": finite_number},
    facts=Facts((0.0, INF), monotonic=True, zero_centered=False, continuity=-1,
                saturates=("left",), year=2015,
                reference="Konda, Memisevic & Krueger, Zero-bias autoencoders and the benefits "
                          "of co-adapting features, 2015"),
    reference_names={"pytorch": "torch.nn.functional.threshold",
                     "keras": "keras.activations.threshold"},
    kinks=lambda theta=1.0: (theta,),
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
        ``F.threshold(x, theta, 0.0)``). $\theta = 0$ gives the ReLU. The derivative is
        taken as 0 at $x = \theta$.

    Examples
    --------
    >>> import activations
    >>> activations.thresholded_relu([0.5, 1.0, 1.5])
    array([0. , 0. , 1.5])
    """
    return np.where(x <= theta, 0, x).astype(x.dtype, copy=False)  # NaN fails <=: kept


# ------------------------------------------------------------------------- exponential units


def _elu(x: np.ndarray, alpha: float) -> np.ndarray:
    y = np.minimum(x, 0)
    np.expm1(y, out=y)
    y *= alpha
    y += np.maximum(x, 0)
    return y


def _elu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    # alpha e^min(x,0) + (1 - alpha) [x > 0]: 1 for x > 0, alpha e^x below
    g = np.minimum(x, 0)
    np.exp(g, out=g)
    g *= alpha
    if alpha != 1.0:
        g += (1 - alpha) * _relu_grad(x)
    return g


@declare(
    title="ELU",
    latex=r"\begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
    derivative=_elu_grad,
    checks={"alpha": nonnegative},
    facts=Facts((-1.0, INF), monotonic=True, zero_centered=False, continuity=1,
                saturates=("left",), year=2015,
                reference="Clevert, Unterthiner & Hochreiter, Fast and accurate deep network "
                          "learning by exponential linear units (ELUs), 2015"),
    reference_names={"pytorch": "torch.nn.functional.elu", "keras": "keras.activations.elu",
                     "jax": "jax.nn.elu"},
    breakpoints=(0.0,),
)  # fmt: skip
def elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""Exponential linear unit: identity for $x > 0$, a saturating exponential below.

    $$
    \operatorname{elu}(x) = \max(0, x) + \alpha\,\bigl(e^{\min(0, x)} - 1\bigr)
    $$

    Computed with ``expm1`` on the clipped negative branch only, so large $x$ never reaches
    ``exp``. With $\alpha = 1$ it is C1; the derivative at 0 is taken as $\alpha$ (left side,
    as PyTorch).

    Parameters
    ----------
    x : array_like
        Input.
    alpha : float
        The negative saturation value $-\alpha$; must be >= 0.

    Examples
    --------
    >>> import activations
    >>> activations.elu([-1000.0, 0.0, 2.0])
    array([-1.,  0.,  2.])
    """
    return _elu(x, alpha)


def _selu_grad(x: np.ndarray) -> np.ndarray:
    return _elu_grad(x, SELU_ALPHA) * SELU_SCALE


@declare(
    title="SELU",
    latex=r"\lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
    derivative_latex=r"\lambda \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
    derivative=_selu_grad,
    facts=Facts((-SELU_SCALE * SELU_ALPHA, INF), monotonic=True, zero_centered=True,
                continuity=0, saturates=("left",), year=2017,
                reference="Klambauer, Unterthiner, Mayr & Hochreiter, Self-normalizing neural "
                          "networks, 2017"),
    reference_names={"pytorch": "torch.nn.functional.selu", "keras": "keras.activations.selu",
                     "jax": "jax.nn.selu"},
    kinks=(0.0,),
)  # fmt: skip
def selu(x: np.ndarray) -> np.ndarray:
    r"""Scaled ELU, with constants that keep activations at mean 0 and variance 1.

    $$
    \operatorname{selu}(x) = \lambda\,\operatorname{elu}_\alpha(x), \quad
    \alpha \approx 1.6733, \ \lambda \approx 1.0507
    $$

    Self-normalising only with LeCun-normal initialisation and plain dense layers. The
    derivative at 0 is taken as $\lambda\alpha$ (left side).

    Examples
    --------
    >>> import activations
    >>> activations.selu([0.0, 1.0])
    array([0.        , 1.05070099])
    """
    y = _elu(x, SELU_ALPHA)
    with np.errstate(over="ignore"):  # selu(x) > max float only when the true value is too
        y *= SELU_SCALE
    return y


def _celu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    g = np.minimum(x, 0)  # e^{min(x, 0) / alpha} is 1 for x > 0
    g /= alpha
    return np.exp(g, out=g)


@declare(
    title="CELU",
    latex=r"\max(0, x) + \min\Bigl(0, \alpha\,\bigl(e^{x/\alpha} - 1\bigr)\Bigr)",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
    derivative=_celu_grad,
    checks={"alpha": positive},
    facts=Facts((-1.0, INF), monotonic=True, zero_centered=False, continuity=1,
                saturates=("left",), year=2017,
                reference="Barron, Continuously differentiable exponential linear units, 2017"),
    reference_names={"pytorch": "torch.nn.functional.celu", "keras": "keras.activations.celu",
                     "jax": "jax.nn.celu"},
    breakpoints=(0.0,),
)  # fmt: skip
def celu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""Continuously differentiable ELU: ELU rescaled so that it is C1 for every $\alpha$.

    $$
    \operatorname{celu}(x) = \max(0, x) + \alpha\,\bigl(e^{\min(0, x)/\alpha} - 1\bigr)
    $$

    Parameters
    ----------
    x : array_like
        Input.
    alpha : float
        Scale $\alpha > 0$ (saturation value $-\alpha$).

    Examples
    --------
    >>> import activations
    >>> activations.celu([-1000.0, 1.0], alpha=2.0)
    array([-2.,  1.])
    """
    y = np.minimum(x, 0)
    y /= alpha
    np.expm1(y, out=y)
    y *= alpha
    y += np.maximum(x, 0)
    return y


# ---------------------------------------------------------------------- smooth gated units


def _gelu_tanh_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Clamped input and u(x) = sqrt(2/pi) (x + 0.044715 x^3) for the tanh approximation."""
    xc = np.clip(x, -30, 30)  # beyond |x| = 30 the gate is exactly 0 or 1
    u = xc * xc
    u *= _GELU_TANH_C
    u += 1
    u *= xc
    u *= _SQRT_2_OVER_PI
    return xc, u


def _gelu_grad(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    if approximate == "tanh":
        xc, u = _gelu_tanh_parts(x)
        du = xc * xc
        du *= 3 * _GELU_TANH_C
        du += 1
        du *= _SQRT_2_OVER_PI
        two_u = 2 * u
        # d/dx [x sigma(2u)] = sigma(2u) + 2 x sigma'(2u) u'
        return _sigmoid(two_u) + 2 * xc * _sigmoid_grad(two_u) * du
    xc = np.clip(x, -40, 40)  # phi(40) = 0 in float64; keeps x * phi(x) away from inf * 0
    pdf = xc * xc
    pdf *= -0.5
    np.exp(pdf, out=pdf)
    pdf *= _INV_SQRT_2PI
    pdf *= xc
    pdf += sc.ndtr(x)
    return pdf


@declare(
    title="GELU",
    latex=r"x\,\Phi(x) = \frac{x}{2}\Bigl(1 + \operatorname{erf}\bigl(x/\sqrt2\bigr)\Bigr)",
    derivative_latex=r"\Phi(x) + x\,\varphi(x), \quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}",
    derivative=_gelu_grad,
    checks={"approximate": partial(check_choice, choices=("none", "tanh"))},
    facts=Facts((-0.16997120747990369, INF), monotonic=False, zero_centered=False,
                continuity=INF, saturates=("left",), year=2016,
                reference="Hendrycks & Gimpel, Gaussian error linear units (GELUs), 2016"),
    reference_names={"pytorch": "torch.nn.functional.gelu", "keras": "keras.activations.gelu",
                     "jax": "jax.nn.gelu"},
)  # fmt: skip
def gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r"""Gaussian error linear unit: $x$ weighted by the probability that a standard normal
    variable is below $x$.

    $$
    \operatorname{gelu}(x) = x\,\Phi(x), \qquad
    \operatorname{gelu}_{\tanh}(x) = \frac{x}{2}\Bigl(1 + \tanh\bigl(\sqrt{2/\pi}\,
    (x + 0.044715\,x^3)\bigr)\Bigr)
    $$

    The exact form uses the normal CDF $\Phi$ (``scipy.special.ndtr``), accurate in the
    negative tail where $1 + \operatorname{erf}$ cancels. The tanh form is computed as
    $x\,\sigma(2u)$, which is the same function without that cancellation.

    Parameters
    ----------
    x : array_like
        Input.
    approximate : {'none', 'tanh'}
        ``"none"`` (exact, with the normal CDF) or ``"tanh"`` (PyTorch's and
        JAX's approximation; JAX's default is ``approximate=True``).

    Examples
    --------
    >>> import activations
    >>> activations.gelu([-1.0, 0.0, 1.0])
    array([-0.15865525,  0.        ,  0.84134475])
    >>> activations.gelu([1.0], approximate="tanh")
    array([0.84119199])
    """
    if approximate == "tanh":
        xc, u = _gelu_tanh_parts(x)
        u *= 2
        gate = _sigmoid(u)
        gate *= np.maximum(x, -30)
        return gate
    xc = np.maximum(x, -40)  # Phi(-40) = 0: avoids -inf * 0
    return xc * sc.ndtr(xc)


def _silu_parts(x: np.ndarray, beta: float) -> np.ndarray:
    """beta * x clamped to [-800, 800] without overflowing beta * x."""
    t = np.clip(x, -_FAR / beta, _FAR / beta)
    if beta != 1.0:
        t = t * beta
    return t


def _silu_grad(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    t = _silu_parts(x, beta)
    g = _sigmoid_grad(t)
    g *= t
    g += _sigmoid(t)
    return g


@declare(
    title="SiLU (Swish)",
    latex=r"x\,\sigma(\beta x)",
    derivative_latex=r"\sigma(\beta x) + \beta x\,\sigma(\beta x)\bigl(1 - \sigma(\beta x)\bigr)",
    derivative=_silu_grad,
    aliases=("swish",),
    checks={"beta": positive},
    facts=Facts((-float(sc.lambertw(math.exp(-1)).real), INF), monotonic=False,
                zero_centered=False, continuity=INF, saturates=("left",), year=2017,
                reference="Elfwing, Uchibe & Doya, Sigmoid-weighted linear units, 2017; "
                          "Ramachandran, Zoph & Le, Searching for activation functions, 2017"),
    reference_names={"pytorch": "torch.nn.functional.silu", "keras": "keras.activations.silu",
                     "jax": "jax.nn.silu"},
)  # fmt: skip
def silu(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    r"""Sigmoid-weighted linear unit, also called Swish: the input gated by its own sigmoid.

    $$
    \operatorname{silu}(x) = x\,\sigma(\beta x), \qquad
    \min_x \operatorname{silu}(x) = -W(1/e)/\beta \approx -0.2785/\beta
    $$

    Parameters
    ----------
    x : array_like
        Input.
    beta : float
        Slope $\beta > 0$ of the gate. PyTorch and Keras fix $\beta = 1$ (their
        ``silu``/``swish``); $\beta \to \infty$ approaches the ReLU.

    Examples
    --------
    >>> import activations
    >>> activations.silu([-1000.0, 0.0, 1.0])
    array([-0.        ,  0.        ,  0.73105858])
    >>> activations.swish == activations.silu  # one function, two names
    True
    """
    t = _silu_parts(x, beta)
    s = _sigmoid(t)
    s *= np.maximum(x, -_FAR / beta)
    return s


def _hard_swish_grad(x: np.ndarray) -> np.ndarray:
    mid = x / 3
    mid += 0.5
    g = np.where(x > 3, 1, mid)
    g = np.where(x < -3, 0, g)
    return g.astype(x.dtype, copy=False)


@declare(
    title="Hard swish",
    latex=r"x\,\frac{\operatorname{relu6}(x + 3)}{6}",
    derivative_latex=r"\begin{cases} 0 & x < -3 \\ \frac{2x + 3}{6} & -3 \le x \le 3 \\ "
                     r"1 & x > 3 \end{cases}",
    derivative=_hard_swish_grad,
    aliases=("hard_silu",),
    facts=Facts((-0.375, INF), monotonic=False, zero_centered=False, continuity=0,
                saturates=("left",), year=2019,
                reference="Howard et al., Searching for MobileNetV3, 2019"),
    reference_names={"pytorch": "torch.nn.functional.hardswish",
                     "keras": "keras.activations.hard_silu", "jax": "jax.nn.hard_swish"},
    kinks=(-3.0, 3.0),
)  # fmt: skip
def hard_swish(x: np.ndarray) -> np.ndarray:
    r"""Hard swish: SiLU with the sigmoid replaced by the piecewise-linear hard sigmoid.

    $$
    \operatorname{hard\_swish}(x) = x \cdot \frac{\operatorname{relu6}(x + 3)}{6}
    $$

    The derivative follows PyTorch at the kinks: $(2x + 3)/6$ on the closed interval
    $[-3, 3]$, so $f'(-3) = -1/2$ and $f'(3) = 3/2$.

    Examples
    --------
    >>> import activations
    >>> activations.hard_swish([-4.0, -1.5, 0.0, 4.0])
    array([-0.   , -0.375,  0.   ,  4.   ])
    """
    gate = x + 3
    np.clip(gate, 0, 6, out=gate)
    gate /= 6
    gate *= np.maximum(x, -3)
    return gate


def _mish_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """e = exp(x) (x clamped to 40), n = e (e + 2), t = tanh(softplus(x)) = n / (n + 2)."""
    e = np.minimum(x, 40)
    np.exp(e, out=e)
    n = e + 2
    n *= e
    t = n + 2
    np.divide(n, t, out=t)
    return e, n, t


def _mish_grad(x: np.ndarray) -> np.ndarray:
    e, n, t = _mish_parts(x)
    # mish' = t + x sigma(x) sech^2(softplus x), sech^2 = (4n + 4) / (n + 2)^2
    xc = np.clip(x, -_FAR, 40)
    sech2 = 4 * n + 4
    n += 2
    sech2 /= n
    sech2 /= n
    sig = e / (e + 1)
    sech2 *= sig
    sech2 *= xc
    sech2 += t
    return sech2


@declare(
    title="Mish",
    latex=r"x \tanh\bigl(\operatorname{softplus}(x)\bigr)",
    derivative_latex=r"\tanh\bigl(\operatorname{softplus}(x)\bigr) + x\,\sigma(x)\,"
                     r"\operatorname{sech}^2\bigl(\operatorname{softplus}(x)\bigr)",
    derivative=_mish_grad,
    facts=Facts((-0.30884341301725043, INF), monotonic=False, zero_centered=False,
                continuity=INF, saturates=("left",), year=2019,
                reference="Misra, Mish: a self regularized non-monotonic activation function, "
                          "2019"),
    reference_names={"pytorch": "torch.nn.functional.mish", "keras": "keras.activations.mish",
                     "jax": "jax.nn.mish"},
)  # fmt: skip
def mish(x: np.ndarray) -> np.ndarray:
    r"""Mish: $x$ gated by the tanh of its softplus; smooth and non-monotonic like SiLU.

    $$
    \operatorname{mish}(x) = x \tanh\bigl(\log(1 + e^{x})\bigr) = x\,\frac{n}{n + 2},
    \quad n = e^{x}(e^{x} + 2)
    $$

    The algebraic form on the right needs one exponential and is exact in the negative tail.

    Examples
    --------
    >>> import activations
    >>> activations.mish([-1000.0, 0.0, 1.0])
    array([-0.        ,  0.        ,  0.86509839])
    """
    _, _, t = _mish_parts(x)
    t *= np.maximum(x, -_FAR)
    return t


# --------------------------------------------------------------------------- softplus family


def _softplus_grad(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    g = _sigmoid(_silu_parts(x, beta))
    if math.isfinite(threshold):
        g = np.where(x > threshold / beta, 1, g).astype(x.dtype, copy=False)
    return g


@declare(
    title="Softplus",
    latex=r"\frac{1}{\beta}\log\bigl(1 + e^{\beta x}\bigr)",
    derivative_latex=r"\sigma(\beta x)",
    derivative=_softplus_grad,
    checks={"beta": positive, "threshold": threshold_number},
    facts=Facts((0.0, INF), monotonic=True, zero_centered=False, continuity=INF,
                saturates=("left",), year=2001,
                reference="Dugas, Bengio, Bélisle, Nadeau & Garcia, Incorporating second-order "
                          "functional knowledge for better option pricing, 2001"),
    reference_names={"pytorch": "torch.nn.functional.softplus",
                     "keras": "keras.activations.softplus", "jax": "jax.nn.softplus"},
)  # fmt: skip
def softplus(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    r"""Softplus: a smooth ReLU whose derivative is the sigmoid.

    $$
    \operatorname{softplus}(x) = \frac{1}{\beta}\log\bigl(1 + e^{\beta x}\bigr)
    = \frac{1}{\beta}\Bigl(\max(\beta x, 0) + \log\bigl(1 + e^{-|\beta x|}\bigr)\Bigr)
    $$

    The right-hand form is what is computed: it never overflows, so no threshold is needed for
    stability. ``threshold`` keeps PyTorch's behaviour (return $x$ where $\beta x$ exceeds it);
    that costs a relative error of $e^{-20}/20 \approx 10^{-10}$ at the switch. Pass
    ``threshold=math.inf`` for the exact function everywhere.

    Parameters
    ----------
    x : array_like
        Input.
    beta : float
        Sharpness $\beta > 0$ (PyTorch's name); larger is closer to the ReLU.
    threshold : float
        Above $\beta x >$ ``threshold`` return $x$ (PyTorch's default 20); may be
        ``math.inf``.

    Examples
    --------
    >>> import activations
    >>> activations.softplus([-2.0, 0.0, 2.0])
    array([0.12692801, 0.69314718, 2.12692801])
    >>> float(activations.softplus(1000.0)), float(activations.softplus(-1000.0))
    (1000.0, 0.0)
    """
    # (1/beta) (max(beta x, 0) + log1p(e^{-|beta x|})) = max(x, 0) + log1p(e^{-beta |x|}) / beta
    t = np.abs(_silu_parts(x, beta))
    np.negative(t, out=t)
    np.exp(t, out=t)
    np.log1p(t, out=t)
    if beta != 1.0:
        t /= beta
    t += np.maximum(x, 0)
    if math.isfinite(threshold):
        t = np.where(x > threshold / beta, x, t).astype(x.dtype, copy=False)
    return t


def _squareplus_parts(x: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray]:
    """|x| / 2 and sqrt(x^2 + b) / 2, without squaring a huge x.

    Beyond |x| = sqrt(max float) / 4, sqrt(x^2 + b) rounds to |x|: there the square is taken
    of the clamped value and max(., |x|) restores |x|.
    """
    a = np.abs(x)
    r = np.minimum(a, math.sqrt(float(np.finfo(x.dtype).max)) / 4)
    r *= r
    r += b
    np.sqrt(r, out=r)
    np.maximum(r, a, out=r)
    a *= 0.5
    r *= 0.5
    return a, r


def _squareplus_grad(x: np.ndarray, b: float = 4.0) -> np.ndarray:
    half_a, half_r = _squareplus_parts(x, b)
    # (1 - |x|/r) / 2 = b / (2 r (r + |x|)): small and exact on the negative side
    small = (b / 8) / half_r
    small /= half_r + half_a
    # f'(x) = 1 - f'(-x): small for x < 0, 1 - small for x >= 0 (both 1/2 at 0)
    flip = _relu_grad(x)
    flip *= 1 - 2 * small
    flip += small
    return flip


@declare(
    title="Squareplus",
    latex=r"\frac{x + \sqrt{x^2 + b}}{2}",
    derivative_latex=r"\frac12\Bigl(1 + \frac{x}{\sqrt{x^2 + b}}\Bigr)",
    derivative=_squareplus_grad,
    checks={"b": positive},
    facts=Facts((0.0, INF), monotonic=True, zero_centered=False, continuity=INF,
                saturates=("left",), year=2021,
                reference="Barron, Squareplus: a softplus-like algebraic rectifier, 2021"),
    reference_names={"keras": "keras.activations.squareplus", "jax": "jax.nn.squareplus"},
)  # fmt: skip
def squareplus(x: np.ndarray, b: float = 4.0) -> np.ndarray:
    r"""Squareplus: an algebraic softplus, with a square root instead of exp and log.

    $$
    \operatorname{squareplus}(x) = \frac{x + \sqrt{x^2 + b}}{2}
    = \frac{b}{2\bigl(\sqrt{x^2 + b} - x\bigr)}
    $$

    The second form has no cancellation, so it is used for $f(-|x|)$, and
    $f(x) = f(-|x|) + \max(x, 0)$ gives the rest. Beyond $|x| = \sqrt{\text{max float}}/4$,
    where $\sqrt{x^2 + b}$ rounds to $|x|$, the square is of a clamped value, so
    $x = 10^{300}$ is never squared.

    Parameters
    ----------
    x : array_like
        Input.
    b : float
        Curvature $b > 0$ at the origin (value there $\sqrt b / 2$). $b = 0$ would be the
        ReLU: use [`relu`][activations.relu].

    Examples
    --------
    >>> import activations
    >>> activations.squareplus([-1e300, 0.0, 1e300])
    array([1.e-300, 1.e+000, 1.e+300])
    """
    half_a, half_r = _squareplus_parts(x, b)
    half_a += half_r
    small = np.divide(b / 4, half_a, out=half_r)
    # f(x) = f(-x) + x: the small, cancellation-free value plus max(x, 0)
    small += np.maximum(x, 0)
    return small


# --------------------------------------------------------------------------------- shrinkage


def _shrink_grad(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    t = np.abs(x)
    t -= lambd
    return _positive_part_sign(t)


@declare(
    title="Hard shrink",
    latex=r"\begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    derivative_latex=r"\begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}",
    derivative=_shrink_grad,
    checks={"lambd": nonnegative},
    facts=Facts((-INF, INF), monotonic=True, zero_centered=True, continuity=-1, year=1994,
                reference="Donoho & Johnstone, Ideal spatial adaptation by wavelet shrinkage, "
                          "1994"),
    reference_names={"pytorch": "torch.nn.functional.hardshrink",
                     "keras": "keras.activations.hard_shrink"},
    kinks=(-0.5, 0.5),
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
        The derivative at $\pm\lambda$ is taken as 0.

    Examples
    --------
    >>> import activations
    >>> activations.hard_shrink([-1.0, 0.3, 0.5, 2.0])
    array([-1.,  0.,  0.,  2.])
    """
    return x * _shrink_grad(x, lambd)


@declare(
    title="Soft shrink",
    latex=r"\begin{cases} x - \lambda & x > \lambda \\ 0 & |x| \le \lambda \\ "
          r"x + \lambda & x < -\lambda \end{cases}",
    derivative_latex=r"\begin{cases} 1 & |x| > \lambda \\ 0 & |x| < \lambda \end{cases}",
    derivative=_shrink_grad,
    checks={"lambd": nonnegative},
    facts=Facts((-INF, INF), monotonic=True, zero_centered=True, continuity=0, year=1994,
                reference="Donoho & Johnstone, Ideal spatial adaptation by wavelet shrinkage, "
                          "1994"),
    reference_names={"pytorch": "torch.nn.functional.softshrink",
                     "keras": "keras.activations.soft_shrink"},
    kinks=(-0.5, 0.5),
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
        The derivative at $\pm\lambda$ is taken as 0.

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


def _exp_quiet(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):  # e^x beyond the float range is inf, exactly as intended
        return np.exp(x)


@declare(
    title="Exponential",
    latex=r"e^{x}",
    derivative_latex=r"e^{x}",
    derivative=_exp_quiet,
    facts=Facts((0.0, INF), monotonic=True, zero_centered=False, continuity=INF,
                saturates=("left",)),
    reference_names={"pytorch": "torch.exp", "keras": "keras.activations.exponential",
                     "jax": "jax.numpy.exp"},
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


# -------------------------------------------------------------------------- vector-valued


def _shifted(x: np.ndarray, axis: int) -> np.ndarray:
    """x - max(x) along axis; an overflow there means a difference below -max float, whose
    exponential is 0 either way, so it is silenced."""
    with np.errstate(over="ignore"):
        return x - np.max(x, axis=axis, keepdims=True)


def _softmax_backward(x: np.ndarray, g: np.ndarray, axis: int = -1) -> np.ndarray:
    s = _softmax(x, axis)
    dot = np.sum(g * s, axis=axis, keepdims=True)
    out = g - dot
    out *= s
    return out


def _softmax(x: np.ndarray, axis: int) -> np.ndarray:
    e = _shifted(x, axis)
    np.exp(e, out=e)
    e /= np.sum(e, axis=axis, keepdims=True)
    return e


@declare(
    title="Softmax",
    latex=r"\operatorname{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}",
    derivative_latex=r"\frac{\partial s_i}{\partial x_j} = s_i\,(\delta_{ij} - s_j)",
    backward=_softmax_backward,
    checks={"axis": integer_axis},
    facts=Facts((0.0, 1.0), monotonic=False, zero_centered=False, continuity=INF, year=1990,
                reference="Bridle, Probabilistic interpretation of feedforward classification "
                          "network outputs, 1990"),
    reference_names={"pytorch": "torch.nn.functional.softmax",
                     "keras": "keras.activations.softmax", "jax": "jax.nn.softmax"},
)  # fmt: skip
def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Softmax: turns a vector of scores (logits) into probabilities that sum to 1.

    $$
    \operatorname{softmax}(x)_i = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}}, \quad m = \max_j x_j
    $$

    Subtracting the maximum changes nothing mathematically and keeps every exponential in
    $(0, 1]$, so logits of $10^{4}$ do not overflow. Not elementwise: use ``backward`` for
    gradients, $\nabla_x = s \odot (g - \langle g, s\rangle)$.

    Parameters
    ----------
    x : array_like
        Input.
    axis : int
        The axis that sums to 1.

    Examples
    --------
    >>> import activations
    >>> activations.softmax([1000.0, 1000.0])
    array([0.5, 0.5])
    """
    return _softmax(x, axis)


def _log_softmax_backward(x: np.ndarray, g: np.ndarray, axis: int = -1) -> np.ndarray:
    s = _softmax(x, axis)
    s *= np.sum(g, axis=axis, keepdims=True)
    return g - s


@declare(
    title="Log-softmax",
    latex=r"x_i - \log\sum_j e^{x_j}",
    derivative_latex=r"\frac{\partial y_i}{\partial x_j} = \delta_{ij} - "
                     r"\operatorname{softmax}(x)_j",
    backward=_log_softmax_backward,
    checks={"axis": integer_axis},
    facts=Facts((-INF, 0.0), monotonic=False, zero_centered=False, continuity=INF, year=1990,
                reference="Bridle, 1990; the log-sum-exp form is standard"),
    reference_names={"pytorch": "torch.nn.functional.log_softmax",
                     "keras": "keras.activations.log_softmax", "jax": "jax.nn.log_softmax"},
)  # fmt: skip
def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Log of the softmax, by log-sum-exp: finite wherever the softmax would round to 0.

    $$
    \operatorname{log\_softmax}(x)_i = (x_i - m) - \log \sum_j e^{x_j - m}, \quad m = \max_j x_j
    $$

    Parameters
    ----------
    x : array_like
        Input.
    axis : int
        The axis to normalise over.

    Examples
    --------
    >>> import activations
    >>> activations.log_softmax([0.0, 1000.0])
    array([-1000.,     0.])
    """
    z = _shifted(x, axis)
    lse = np.exp(z)
    lse = np.log(np.sum(lse, axis=axis, keepdims=True))
    z -= lse
    return z


def _sparsemax_support(x: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Return tau and the support size k along ``axis`` (moved to the end)."""
    z = np.moveaxis(_shifted(x, axis), axis, -1)
    zs = -np.sort(-z, axis=-1)
    k = np.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        cums = np.cumsum(zs, axis=-1)
        in_support = 1 + k * zs > cums
    size = np.sum(in_support, axis=-1, keepdims=True)
    size = np.maximum(size, 1)
    tau = (np.take_along_axis(cums, size - 1, axis=-1) - 1) / size.astype(z.dtype)
    return z, tau


def _sparsemax_backward(x: np.ndarray, g: np.ndarray, axis: int = -1) -> np.ndarray:
    z, tau = _sparsemax_support(x, axis)
    mask = z > tau
    gm = np.moveaxis(g, axis, -1)
    size = np.maximum(np.sum(mask, axis=-1, keepdims=True), 1)  # 0 only for a NaN row
    mean = np.sum(gm * mask, axis=-1, keepdims=True) / size
    out = np.where(mask, gm - mean, 0).astype(x.dtype, copy=False)
    out = _keep_nan(z, out)
    return np.moveaxis(out, -1, axis)


@declare(
    title="Sparsemax",
    latex=r"\operatorname*{arg\,min}_{p \in \Delta} \lVert p - x \rVert^2 = \max(x - \tau, 0)",
    derivative_latex=r"\frac{\partial p_i}{\partial x_j} = \delta_{ij} - \frac{1}{|S|} "
                     r"\quad (i, j \in S = \{i : p_i > 0\})",
    backward=_sparsemax_backward,
    checks={"axis": integer_axis},
    facts=Facts((0.0, 1.0), monotonic=False, zero_centered=False, continuity=0, year=2016,
                reference="Martins & Astudillo, From softmax to sparsemax, 2016"),
    reference_names={"keras": "keras.activations.sparsemax"},
)  # fmt: skip
def sparsemax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Sparsemax: the Euclidean projection onto the probability simplex; unlike softmax, it
    gives exact zeros.

    $$
    \operatorname{sparsemax}(x)_i = \max(x_i - \tau, 0), \quad
    \tau \text{ such that } \textstyle\sum_i \max(x_i - \tau, 0) = 1
    $$

    Parameters
    ----------
    x : array_like
        Input.
    axis : int
        The axis that sums to 1.

    Examples
    --------
    >>> import activations
    >>> activations.sparsemax([0.0, 0.5, 3.0])
    array([0., 0., 1.])
    >>> activations.sparsemax([0.0, 0.5])
    array([0.25, 0.75])
    """
    z, tau = _sparsemax_support(x, axis)
    out = z - tau
    np.maximum(out, 0, out=out)
    return np.moveaxis(out, -1, axis)


def _halves(x: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    size = x.shape[axis] if x.ndim else 0
    if size % 2:
        raise ValueError(f"glu: the size of axis {axis} must be even, got {size}")
    return np.split(x, 2, axis=axis)


def _glu_backward(x: np.ndarray, g: np.ndarray, axis: int = -1) -> np.ndarray:
    a, b = _halves(x, axis)
    return np.concatenate([g * _sigmoid(b), g * a * _sigmoid_grad(b)], axis=axis)


@declare(
    title="GLU",
    latex=r"a \odot \sigma(b), \quad [a, b] = x",
    derivative_latex=r"\frac{\partial}{\partial a} = \sigma(b), \quad "
                     r"\frac{\partial}{\partial b} = a\,\sigma(b)\bigl(1 - \sigma(b)\bigr)",
    backward=_glu_backward,
    checks={"axis": integer_axis},
    facts=Facts((-INF, INF), monotonic=False, zero_centered=False, continuity=INF, year=2016,
                reference="Dauphin, Fan, Auli & Grangier, Language modeling with gated "
                          "convolutional networks, 2016"),
    reference_names={"pytorch": "torch.nn.functional.glu", "keras": "keras.activations.glu",
                     "jax": "jax.nn.glu"},
)  # fmt: skip
def glu(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Gated linear unit: splits the input in halves $a, b$ and lets $b$ gate $a$.

    $$
    \operatorname{glu}(x) = a \odot \sigma(b), \qquad x = [a, b] \text{ along } \texttt{axis}
    $$

    The output has half the size of ``x`` along ``axis``.

    Parameters
    ----------
    x : array_like
        Input whose size along ``axis`` is even.
    axis : int
        The axis to split.

    Raises
    ------
    ValueError
        If the size along ``axis`` is odd.

    Examples
    --------
    >>> import activations
    >>> activations.glu([2.0, 4.0, 0.0, 1000.0])
    array([1., 4.])
    """
    a, b = _halves(x, axis)
    return a * _sigmoid(b)


def _pieces(x: np.ndarray, pieces: int, axis: int) -> np.ndarray:
    """View x with ``axis`` (moved last) split into (units, pieces)."""
    z = np.moveaxis(x, axis, -1)
    size = z.shape[-1]
    if size % pieces:
        raise ValueError(
            f"maxout: the size of axis {axis} ({size}) must be a multiple of pieces={pieces}"
        )
    return z.reshape(*z.shape[:-1], size // pieces, pieces)


def _maxout_backward(x: np.ndarray, g: np.ndarray, pieces: int = 2, axis: int = -1) -> np.ndarray:
    z = _pieces(x, pieces, axis)
    winner = np.argmax(z, axis=-1)[..., None]
    out = np.zeros_like(z)
    np.put_along_axis(out, winner, np.moveaxis(g, axis, -1)[..., None], axis=-1)
    out = out.reshape(*out.shape[:-2], -1)
    return np.moveaxis(out, -1, axis)


@declare(
    title="Maxout",
    latex=r"\max_{k \le K} x_{(i-1)K + k}",
    derivative_latex=r"\frac{\partial y_i}{\partial x_j} = \begin{cases} 1 & j = "
                     r"\operatorname*{arg\,max} \\ 0 & \text{otherwise} \end{cases}",
    backward=_maxout_backward,
    checks={"pieces": positive_integer, "axis": integer_axis},
    facts=Facts((-INF, INF), monotonic=True, zero_centered=False, continuity=0, year=2013,
                reference="Goodfellow, Warde-Farley, Mirza, Courville & Bengio, Maxout "
                          "networks, 2013"),
)  # fmt: skip
def maxout(x: np.ndarray, pieces: int = 2, axis: int = -1) -> np.ndarray:
    r"""Maxout: the maximum over consecutive groups of ``pieces`` inputs.

    $$
    \operatorname{maxout}(x)_i = \max_{k = 1}^{K} x_{(i-1)K + k}
    $$

    After a dense layer with $K$ outputs per unit, each unit is the maximum of $K$ linear
    functions: a learned convex piecewise-linear activation. The gradient goes to the first
    maximal piece. See [`Maxout`][activations.Maxout] for the layer.

    Parameters
    ----------
    x : array_like
        Input whose size along ``axis`` is a multiple of ``pieces``.
    pieces : int
        Group size $K \ge 1$.
    axis : int
        The axis to group.

    Raises
    ------
    ValueError
        If the size along ``axis`` is not a multiple of ``pieces``.

    Examples
    --------
    >>> import activations
    >>> activations.maxout([1.0, 3.0, -2.0, -5.0])
    array([ 3., -2.])
    """
    z = _pieces(x, pieces, axis)
    out = z[..., 0].copy()
    for k in range(1, pieces):  # a loop over the few pieces beats a reduction over a short axis
        np.maximum(out, z[..., k], out=out)
    return np.moveaxis(out, -1, axis)


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
