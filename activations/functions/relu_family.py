r"""Rectifiers: the ReLU and its piecewise-linear relatives.

$\operatorname{relu}(x) = \max(0, x)$ passes positive input unchanged and zeroes the rest. Its
derivative is 1 wherever the unit is active, so gradients do not vanish through a deep stack of
active units, which made very deep networks trainable. Its variants change the negative side
(a fixed slope: leaky ReLU; a learned one: PReLU), cap the positive side (ReLU6) or move the
threshold (thresholded ReLU).
"""

from __future__ import annotations

import numpy as np

from activations._core import INF, Facts, declare
from activations._floating_point import OVERFLOW, call_ignoring
from activations.functions._kernels import between, positive_part_sign, relu_grad
from activations.functions._parameters import finite_number, slope_array

__all__ = ["relu", "relu6", "leaky_relu", "prelu", "thresholded_relu"]


@declare(
    title="ReLU",
    latex=r"\max(0, x)",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    derivative=relu_grad,
    facts=Facts((0.0, INF), monotonic=True, zero_centered=False, continuity=0,
                saturates=("left",), year=2010,
                reference="Nair & Hinton, Rectified linear units improve restricted Boltzmann "
                          "machines, 2010"),
    reference_names={"pytorch": "torch.nn.functional.relu", "keras": "keras.activations.relu",
                     "jax": "jax.nn.relu"},
    kinks=(0.0,),
    family="relu",
    example="""
        import activations
        x = [-2.0, 0.0, 3.0]
        print(activations.relu(x))
        print(activations.relu.derivative(x))  # relu'(0) is taken as 0
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
    return np.maximum(x, 0)


def _relu6_grad(x: np.ndarray) -> np.ndarray:
    return between(x, 0.0, 6.0)


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
    family="relu",
    example="""
        import activations
        x = [-1.0, 3.0, 9.0]
        print(activations.relu6(x))
        print(activations.relu6.derivative(x))
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
    return np.clip(x, 0, 6)


def _leaky(x: np.ndarray, slope: float | np.ndarray) -> np.ndarray:
    """max(x, 0) + slope * min(x, 0): right for any slope, and slope * x never overflows
    unless the result does."""
    y = np.minimum(x, 0)
    y = y * slope
    y += np.maximum(x, 0)
    return y


def _leaky_relu_grad(x: np.ndarray, negative_slope: float = 0.01) -> np.ndarray:
    g = relu_grad(x)
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
    family="relu",
    example="""
        import activations
        x = [-10.0, 0.0, 5.0]
        print(activations.leaky_relu(x))
        print(activations.leaky_relu(x, negative_slope=0.2))
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
    family="relu",
    example="""
        import numpy as np

        import activations

        slopes = np.array([0.1, 0.5])  # one slope per unit (column)
        x = [[-1.0, -1.0], [2.0, -2.0]]
        print(activations.prelu(x, weight=slopes))
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
    t = call_ignoring(OVERFLOW, np.subtract, x, theta)  # ±inf keeps the sign, all we use
    return positive_part_sign(t)


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
    family="relu",
    example="""
        import activations
        x = [0.5, 1.0, 1.5, 3.0]
        print(activations.thresholded_relu(x))
        print(activations.thresholded_relu(x, theta=2.0))
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
        ``F.threshold(x, theta, 0.0)``). $\theta = 0$ gives the ReLU. The derivative is
        taken as 0 at $x = \theta$.

    Examples
    --------
    >>> import activations
    >>> activations.thresholded_relu([0.5, 1.0, 1.5])
    array([0. , 0. , 1.5])
    """
    return np.where(x <= theta, 0, x).astype(x.dtype, copy=False)  # NaN fails <=: kept


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
