r"""Exponential linear units: the identity for positive input, a saturating exponential below.

ELU replaces the ReLU's flat negative side by $\alpha(e^{x} - 1)$, which pushes the mean
activation towards zero and keeps a gradient for negative input. SELU scales it by constants
chosen so that activations keep mean 0 and variance 1 through a deep network; CELU rescales the
exponential so that the function is continuously differentiable for every $\alpha$.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special as sc

from activations._core import INF, ZERO_MEAN_TOLERANCE, Facts, declare
from activations._floating_point import OVERFLOW, call_ignoring
from activations.functions._kernels import (
    FAR,
    between,
    logistic,
    logistic_grad,
    maximum,
    minimum,
)
from activations.functions._parameters import check_per_unit, positive, positive_array, slope_array

__all__ = ["elu", "selu", "celu", "elish", "hard_elish", "isrlu"]

SELU_ALPHA = 1.6732632423543772848170429916717
r"""SELU's $\alpha$ (Klambauer et al., 2017): with `SELU_SCALE`, the constants for which mean 0
and variance 1 are a fixed point of a dense SELU layer."""
SELU_SCALE = 1.0507009873554804934193349852946
r"""SELU's $\lambda$ (Klambauer et al., 2017)."""


def _elu(x: np.ndarray, alpha: float) -> np.ndarray:
    y = minimum(x, 0)
    np.expm1(y, out=y)
    if isinstance(alpha, np.ndarray) or alpha != 1.0:
        y *= alpha
    y += maximum(x, 0)
    return y


def _elu_grad(x: np.ndarray, alpha: float | np.ndarray = 1.0) -> np.ndarray:
    # alpha e^min(x,0) + (1 - alpha) [x > 0]: 1 for x > 0, alpha e^x below
    return _exp_linear_slope(x, alpha, 1 - alpha)


def _exp_linear_slope(x: np.ndarray, a: float | np.ndarray, b: float | np.ndarray) -> np.ndarray:
    """a e^min(x, 0) + b [x > 0], NaN where x is NaN (e^NaN): the exponential linear units'
    slope, alpha e^x below 0 and a constant above, with the constants folded into a and b."""
    g = minimum(x, 0)
    np.exp(g, out=g)
    if isinstance(a, np.ndarray) or a != 1.0:
        g *= a
    if isinstance(b, np.ndarray) or b != 0.0:
        g += np.multiply(np.greater(x, 0), b, dtype=x.dtype)
    return g


def _per_unit(x: np.ndarray, alpha: float | np.ndarray, where: str) -> None:
    """An array alpha (one per unit, as JAX takes it) must broadcast against x."""
    if isinstance(alpha, np.ndarray):
        check_per_unit(x, alpha, where, "alpha")


def _elu_derivative(x: np.ndarray, alpha: float | np.ndarray = 1.0) -> np.ndarray:
    _per_unit(x, alpha, "elu: alpha")
    return _elu_grad(x, alpha)


def _exponential_linear_mean(alpha: float, scale: float) -> float:
    r"""$\mathbb{E}[\max(z, 0) + \alpha(e^{\min(z, 0)/s} - 1)]$ for $z \sim \mathcal{N}(0, 1)$.

    It is $\varphi(0) + \alpha\bigl(e^{1/(2s^2)}\Phi(-1/s) - \tfrac12\bigr)$, and
    $e^{a^2/2}\Phi(-a) = \tfrac12\operatorname{erfcx}(a/\sqrt2)$; ELU has $s = 1$, CELU
    $s = \alpha$.
    """
    tail = 0.5 * float(sc.erfcx(1 / (scale * math.sqrt(2))))
    return 1 / math.sqrt(2 * math.pi) + alpha * (tail - 0.5)


def _elu_facts(alpha: float | np.ndarray = 1.0) -> Facts:
    # alpha < 0 (as PyTorch allows) folds the left side up: values in [0, -alpha), decreasing;
    # with one alpha per unit, the facts every unit shares and the union of their ranges (the
    # mean is linear in alpha: its extremes are at the smallest and the largest alpha)
    low, high = float(np.min(alpha)), float(np.max(alpha))
    return Facts(
        (min(0.0 - high, 0.0), INF), monotonic=low >= 0,
        zero_centered=max(abs(_exponential_linear_mean(a, 1.0)) for a in (low, high))
        <= ZERO_MEAN_TOLERANCE,
        continuity=1 if low == high == 1 else 0,  # f'(0-) = alpha, f'(0+) = 1
        saturates=("left",), year=2015,
        reference="Clevert, Unterthiner & Hochreiter, Fast and accurate deep network learning "
                  "by exponential linear units (ELUs), 2015",
    )  # fmt: skip


@declare(
    title="ELU",
    latex=r"\begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}",
    derivative=_elu_derivative,
    checks={"alpha": slope_array},  # one alpha, or one per unit (as JAX accepts)
    facts=_elu_facts,
    reference_names={"pytorch": "torch.nn.functional.elu", "keras": "keras.activations.elu",
                     "jax": "jax.nn.elu"},
    kinks=lambda alpha=1.0: () if np.all(np.equal(alpha, 1)) else (0.0,),
    breakpoints=(0.0,),
    family="exponential_linear",
    example="""
        >>> import activations
        >>> x = [-1000.0, -1.0, 0.0, 2.0]
        >>> activations.elu(x)
        array([-1.        , -0.63212056,  0.        ,  2.        ])
        >>> activations.elu(x, alpha=0.5)
        array([-0.5       , -0.31606028,  0.        ,  2.        ])
    """,
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
    alpha : float or ndarray
        The negative saturation value $-\alpha$, usually $\ge 0$; a negative $\alpha$ (which
        PyTorch also accepts) folds the left side up to values in $[0, -\alpha)$. Any finite
        number, or a float array of them, one per unit (along the last axis, as JAX's
        ``jax.nn.elu`` takes it); the facts are then those every unit shares, and the range is
        the union of theirs.

    Raises
    ------
    ValueError
        If an array ``alpha`` does not broadcast against ``x`` to the shape of ``x``.

    Examples
    --------
    >>> import activations
    >>> import numpy as np
    >>> activations.elu([-1000.0, 0.0, 2.0])
    array([-1.,  0.,  2.])
    >>> activations.elu([[-1000.0, -1000.0]], alpha=np.array([0.5, 2.0]))
    array([[-0.5, -2. ]])
    """
    _per_unit(x, alpha, "elu: alpha")
    return _elu(x, alpha)


def _selu_grad(x: np.ndarray) -> np.ndarray:
    return _exp_linear_slope(x, SELU_SCALE * SELU_ALPHA, SELU_SCALE * (1 - SELU_ALPHA))


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
    family="exponential_linear",
    example="""
        >>> import activations
        >>> activations.selu([-1000.0, 0.0, 1.0])  # saturates at -scale * alpha
        array([-1.75809934,  0.        ,  1.05070099])
    """,
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
    # selu(x) > max float only when the true value is too
    return call_ignoring(OVERFLOW, np.multiply, y, SELU_SCALE, out=y)


def _celu_negative_part(x: np.ndarray, alpha: float) -> np.ndarray:
    """min(x, 0) / alpha, clamped at -800 (where e^t is 0) so that a small alpha cannot
    overflow the division."""
    t = minimum(x, 0)
    if isinstance(alpha, np.ndarray) or alpha != 1.0:
        np.maximum(t, -FAR * alpha, out=t)
        t /= alpha
    return t


def _celu_grad(x: np.ndarray, alpha: float | np.ndarray = 1.0) -> np.ndarray:
    _per_unit(x, alpha, "celu: alpha")
    g = _celu_negative_part(x, alpha)  # e^{min(x, 0) / alpha} is 1 for x > 0
    return np.exp(g, out=g)


def _celu_facts(alpha: float | np.ndarray = 1.0) -> Facts:
    # one alpha per unit: the union of the ranges, zero-centred if every unit is
    return Facts(
        (-float(np.max(alpha)), INF), monotonic=True,
        zero_centered=max(abs(_exponential_linear_mean(float(a), float(a))) for a in np.unique(alpha))
        <= ZERO_MEAN_TOLERANCE,
        continuity=1, saturates=("left",), year=2017,
        reference="Barron, Continuously differentiable exponential linear units, 2017")


@declare(
    title="CELU",
    latex=r"\max(0, x) + \min\Bigl(0, \alpha\,\bigl(e^{x/\alpha} - 1\bigr)\Bigr)",
    derivative_latex=r"\begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
    derivative=_celu_grad,
    checks={"alpha": positive_array},  # one alpha > 0, or one per unit (as JAX accepts)
    facts=_celu_facts,
    reference_names={"pytorch": "torch.nn.functional.celu", "keras": "keras.activations.celu",
                     "jax": "jax.nn.celu"},
    breakpoints=(0.0,),
    family="exponential_linear",
    example="""
        >>> import activations
        >>> x = [-10.0, -1.0, 1.0]
        >>> activations.celu(x, alpha=2.0)
        array([-1.98652411, -0.78693868,  1.        ])
        >>> activations.celu.derivative(x, alpha=2.0)
        array([0.00673795, 0.60653066, 1.        ])
    """,
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
    alpha : float or ndarray
        Scale $\alpha > 0$ (saturation value $-\alpha$), or a float array of them, one per
        unit (along the last axis, as JAX's ``jax.nn.celu`` takes it); the range is then the
        union of the units' ranges.

    Raises
    ------
    ValueError
        If an array ``alpha`` does not broadcast against ``x`` to the shape of ``x``.

    Examples
    --------
    >>> import activations
    >>> activations.celu([-1000.0, 1.0], alpha=2.0)
    array([-2.,  1.])
    """
    _per_unit(x, alpha, "celu: alpha")
    y = _celu_negative_part(x, alpha)
    np.expm1(y, out=y)
    if isinstance(alpha, np.ndarray) or alpha != 1.0:
        y *= alpha
    y += maximum(x, 0)
    return y


def _elish_grad(x: np.ndarray) -> np.ndarray:
    s = logistic(x)
    ds = logistic_grad(x)
    e = np.exp(np.minimum(x, 0))
    left = e * s
    left += (e - 1) * ds
    right = ds * np.clip(x, 0, FAR)  # x sigma'(x) is 0 beyond 800, not inf * 0
    right += s
    return np.where(x >= 0, right, left)


@declare(
    title="ELiSH",
    latex=r"\begin{cases} x\,\sigma(x) & x \ge 0 \\ (e^x - 1)\,\sigma(x) & x < 0 \end{cases}",
    derivative_latex=r"\begin{cases} \sigma(x) + x\,\sigma'(x) & x \ge 0 \\ "
                     r"e^x \sigma(x) + (e^x - 1)\,\sigma'(x) & x < 0 \end{cases}",
    derivative=_elish_grad,
    facts=Facts((2 * math.sqrt(2) - 3, INF), monotonic=False, zero_centered=False,
                continuity=1, saturates=("left",), year=2018,
                reference="Basirat & Roth, The quest for the golden activation function, 2018"),
    breakpoints=(0.0,),
    family="exponential_linear",
    example="""
        >>> import activations
        >>> x = [-5.0, -1.0, 0.0, 1.0, 5.0]
        >>> activations.elish(x)
        array([-0.00664775, -0.1700034 ,  0.        ,  0.73105858,  4.96653575])
        >>> activations.elish.derivative(x)
        array([-0.00655817, -0.02534443,  0.5       ,  0.92767051,  1.02654743])
    """,
)  # fmt: skip
def elish(x: np.ndarray) -> np.ndarray:
    r"""Exponential linear squashing: SiLU on the right, an ELU gated by a sigmoid on the left.

    $$
    \operatorname{elish}(x) = \begin{cases} x\,\sigma(x) & x \ge 0 \\
    (e^x - 1)\,\sigma(x) & x < 0 \end{cases}
    $$

    Both branches start with slope $1/2$, so ELiSH is $C^1$; the second derivative jumps at 0.
    Its minimum is $2\sqrt2 - 3 \approx -0.172$, at $x = -\operatorname{asinh} 1$.

    Examples
    --------
    >>> import activations
    >>> activations.elish([-1.0, 0.0, 1.0])
    array([-0.1700034 ,  0.        ,  0.73105858])
    """
    s = logistic(x)
    left = np.expm1(np.minimum(x, 0))
    left *= s
    right = np.maximum(x, 0)
    right *= s
    return np.where(x >= 0, right, left)


# The minimum of (e^x - 1)(x + 1) / 2: where (x + 2) e^x = 1, x = W(e^2) - 2 = -0.443
_HARD_ELISH_ARGMIN = float(sc.lambertw(math.e**2).real) - 2
_HARD_ELISH_MIN = math.expm1(_HARD_ELISH_ARGMIN) * (_HARD_ELISH_ARGMIN + 1) / 2


def _hard_gate(x: np.ndarray) -> np.ndarray:
    g = np.clip(x, -1, 1)
    g += 1
    g *= 0.5
    return g


def _hard_elish_grad(x: np.ndarray) -> np.ndarray:
    h = _hard_gate(x)
    dh = 0.5 * between(x, -1.0, 1.0)
    e = np.exp(np.minimum(x, 0))
    left = e * h
    left += (e - 1) * dh
    right = np.clip(x, 0, 1) * dh
    right += h
    return np.where(x >= 0, right, left)


@declare(
    title="Hard ELiSH",
    latex=r"\begin{cases} x\,h(x) & x \ge 0 \\ (e^x - 1)\,h(x) & x < 0 \end{cases}, \quad "
          r"h(x) = \max\bigl(0, \min\bigl(1, \tfrac{x + 1}{2}\bigr)\bigr)",
    derivative_latex=r"\begin{cases} h(x) + x\,h'(x) & x \ge 0 \\ "
                     r"e^x h(x) + (e^x - 1)\,h'(x) & x < 0 \end{cases}",
    derivative=_hard_elish_grad,
    facts=Facts((_HARD_ELISH_MIN, INF), monotonic=False,
                zero_centered=False, continuity=0, saturates=("left",), year=2018,
                reference="Basirat & Roth, The quest for the golden activation function, 2018"),
    kinks=(-1.0, 1.0),
    breakpoints=(0.0,),
    family="exponential_linear",
    example="""
        >>> import activations
        >>> x = [-2.0, -0.5, 0.0, 0.5, 2.0]
        >>> activations.hard_elish(x)
        array([-0.        , -0.09836734,  0.        ,  0.375     ,  2.        ])
        >>> activations.hard_elish.derivative(x)
        array([ 0.        , -0.04510201,  0.5       ,  1.        ,  1.        ])
    """,
)  # fmt: skip
def hard_elish(x: np.ndarray) -> np.ndarray:
    r"""Hard ELiSH: ELiSH with the sigmoid replaced by the hard gate
    $h(x) = \operatorname{clip}((x + 1)/2, 0, 1)$.

    $$
    f(x) = \begin{cases} x\,h(x) & x \ge 0 \\ (e^x - 1)\,h(x) & x < 0 \end{cases}
    $$

    It is exactly 0 for $x \le -1$ and the identity for $x \ge 1$, with kinks there; the
    derivative at a kink is the outer side's (0 at $-1$, 1 at $1$).

    Examples
    --------
    >>> import activations
    >>> activations.hard_elish([-2.0, 0.5, 2.0])
    array([-0.   ,  0.375,  2.   ])
    """
    h = _hard_gate(x)
    left = np.expm1(np.minimum(x, 0))
    left *= h
    right = np.maximum(x, 0)
    right *= h
    return np.where(x >= 0, right, left)


# ------------------------------------------------------------------------------------------ ISRLU


_ISRLU_FAR = 1e20  # beyond sqrt(alpha) |x| = 1e20, x / sqrt(1 + alpha x^2) is -1/sqrt(alpha)


def _isrlu_negative_part(x: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    """sqrt(alpha) min(x, 0), clamped where x / sqrt(1 + alpha x^2) is -1/sqrt(alpha) already."""
    root = float(np.sqrt(alpha))
    u = np.minimum(x, 0)
    np.maximum(u, -_ISRLU_FAR / root, out=u)
    u *= root
    return u, root


def _isrlu_grad(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    # (1 + alpha min(x, 0)^2)^(-3/2): 1 for x >= 0
    u, _ = _isrlu_negative_part(x, alpha)
    r = np.hypot(1, u)
    np.reciprocal(r, out=r)
    return r * r * r


def _isrlu_facts(alpha: float = 1.0) -> Facts:
    # E[f(z)] = phi(0) - erfcx(1 / sqrt(2 alpha)) / (2 sqrt(alpha)) for z ~ N(0, 1): the negative
    # half is E[z / sqrt(1 + alpha z^2); z < 0], an incomplete gamma integral
    root = math.sqrt(alpha)
    mean = 1 / math.sqrt(2 * math.pi) - float(sc.erfcx(1 / (math.sqrt(2) * root))) / (2 * root)
    return Facts(
        (-1 / root, INF), monotonic=True, zero_centered=abs(mean) <= ZERO_MEAN_TOLERANCE,
        continuity=1, saturates=("left",), year=2017,
        reference="Carlile, Delamarter, Kinney, Marti & Whitney, Improving deep learning by "
                  "inverse square root linear units (ISRLUs), 2017",
    )  # fmt: skip


@declare(
    title="ISRLU",
    latex=r"\begin{cases} x & x \ge 0 \\ \dfrac{x}{\sqrt{1 + \alpha x^2}} & x < 0 \end{cases}",
    derivative_latex=r"\begin{cases} 1 & x \ge 0 \\ \left(\dfrac{1}{\sqrt{1 + \alpha x^2}}"
                     r"\right)^{3} & x < 0 \end{cases}",
    derivative=_isrlu_grad,
    checks={"alpha": positive},
    facts=_isrlu_facts,
    breakpoints=(0.0,),
    family="exponential_linear",
    example="""
        >>> import activations
        >>> x = [-1000000.0, -1.0, 0.0, 2.0]
        >>> activations.isrlu(x)
        array([-1.        , -0.70710678,  0.        ,  2.        ])
        >>> activations.isrlu(x, alpha=4.0)
        array([-0.5      , -0.4472136,  0.       ,  2.       ])
        >>> activations.isrlu.derivative(x)
        array([1.00000000e-18, 3.53553391e-01, 1.00000000e+00, 1.00000000e+00])
    """,
)  # fmt: skip
def isrlu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    r"""Inverse square root linear unit: the identity for $x \ge 0$, ISRU's curve below, an
    ELU made of a square root instead of an exponential.

    $$
    \operatorname{isrlu}(x) = \begin{cases} x & x \ge 0 \\
    x / \sqrt{1 + \alpha x^2} & x < 0 \end{cases}
    $$

    The negative side saturates at $-1/\sqrt\alpha$. Both branches have slope 1 and curvature
    0 at the origin, so the function is twice continuously differentiable; its third derivative
    jumps there (from $-3\alpha$ to 0). Computed with ``hypot``: $\alpha x^2$ is never formed.

    Parameters
    ----------
    x : array_like
        Input.
    alpha : float
        $\alpha > 0$; the negative saturation value is $-1/\sqrt\alpha$.

    Examples
    --------
    >>> import activations
    >>> activations.isrlu([-1.0, 0.0, 3.0])
    array([-0.70710678,  0.        ,  3.        ])
    """
    u, root = _isrlu_negative_part(x, alpha)
    y = np.hypot(1, u)
    np.divide(u, y, out=y)
    y /= root
    y += np.maximum(x, 0)
    return y


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
