r"""Smooth rectifiers: ReLU-like curves without a corner.

GELU and SiLU weight their input by a smooth gate ($\Phi(x)$, $\sigma(\beta x)$) and dip
slightly below zero before rising, Mish does the same with $\tanh(\operatorname{softplus} x)$,
and hard swish is SiLU with a piecewise-linear gate. Softplus and squareplus are smooth,
positive, monotonic versions of the ReLU itself. These are the activations of most recent large
networks.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np
import scipy.special as sc

from activations._core import INF, ZERO_MEAN_TOLERANCE, Facts, declare
from activations._floating_point import OVERFLOW, call_ignoring
from activations.functions._kernels import (
    FAR,
    between,
    blockwise,
    clip,
    clip_ufunc,
    gelu_exact,
    gelu_exact_backward,
    gelu_exact_grad,
    logistic,
    logistic_grad,
    maximum,
    minimum,
    ones_keeping_nan,
    relu_grad,
    silu_slope,
    silu_wide,
    times_gradient,
)
from activations.functions._parameters import (
    gelu_approximation,
    positive,
    softplus_beta,
    threshold_number,
)

__all__ = ["gelu", "silu", "hard_swish", "mish", "softplus", "squareplus", "sparse_plus", "bent_identity"]

_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_GELU_TANH_C = 0.044715
# min x Phi(x), and the minimum of the tanh form, both near x = -0.75 (50-digit values)
_GELU_MINIMUM = {"none": -0.16997120747990366, "tanh": -0.17004075057125406}
_W_INV_E = float(sc.lambertw(math.exp(-1)).real)  # min x sigma(x) = -W(1/e) = -0.2785


@functools.cache
def _hermite() -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.hermite_e.hermegauss(101)


def _normal_mean(f: Callable[[np.ndarray], np.ndarray]) -> float:
    """E[f(z)] for z ~ N(0, 1), by Gauss-Hermite quadrature (exact for smooth f)."""
    nodes, weights = _hermite()
    return float(weights @ f(nodes)) / math.sqrt(2 * math.pi)


# --------------------------------------------------------------------------- smooth gated units


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
        return logistic(two_u) + 2 * xc * logistic_grad(two_u) * du
    if x.dtype == np.float32:  # vectorised; float64 keeps SciPy's ndtr, faster here than
        return gelu_exact_grad(x)  # the float64 polynomials it would take (see gelu_exact)
    xc = clip(x, -40.0, 40.0)  # phi(40) = 0 in float64; keeps x * phi(x) away from inf * 0
    pdf = xc * xc
    pdf *= -0.5
    np.exp(pdf, out=pdf)
    pdf *= _INV_SQRT_2PI
    pdf *= xc
    pdf += sc.ndtr(x, out=xc)  # xc's buffer is free again
    return pdf


def _gelu_backward(x: np.ndarray, g: np.ndarray, approximate: str = "none") -> np.ndarray:
    """g * gelu'(x); the exact float32 form multiplies each block while it is in the cache."""
    if approximate != "tanh" and x.dtype == np.float32 and g.dtype == np.float32:
        return gelu_exact_backward(x, g)
    return times_gradient(_gelu_grad(x, approximate), g)


@declare(
    title="GELU",
    latex=r"x\,\Phi(x) = \frac{x}{2}\Bigl(1 + \operatorname{erf}\bigl(x/\sqrt2\bigr)\Bigr)",
    derivative_latex=r"\Phi(x) + x\,\varphi(x), \quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}",
    derivative=_gelu_grad,
    backward=_gelu_backward,
    checks={"approximate": gelu_approximation},
    facts=lambda approximate="none": Facts(
        (_GELU_MINIMUM[approximate], INF), monotonic=False, zero_centered=False,
        continuity=INF, saturates=("left",), year=2016,
        reference="Hendrycks & Gimpel, Gaussian error linear units (GELUs), 2016"),
    reference_names={"pytorch": "torch.nn.functional.gelu", "keras": "keras.activations.gelu",
                     "jax": "jax.nn.gelu"},
    family="smooth",
    example="""
        >>> import activations
        >>> x = [-1.0, 0.0, 1.0]
        >>> activations.gelu(x)
        array([-0.15865525,  0.        ,  0.84134475])
        >>> activations.gelu(x, approximate="tanh")
        array([-0.15880801,  0.        ,  0.84119199])
    """,
)  # fmt: skip
def gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    r"""Gaussian error linear unit: $x$ weighted by the probability that a standard normal
    variable is below $x$.

    $$
    \operatorname{gelu}(x) = x\,\Phi(x), \qquad
    \operatorname{gelu}_{\tanh}(x) = \frac{x}{2}\Bigl(1 + \tanh\bigl(\sqrt{2/\pi}\,
    (x + 0.044715\,x^3)\bigr)\Bigr)
    $$

    The exact form uses the normal CDF $\Phi$ (polynomials and a rational function in float32,
    ``scipy.special.ndtr`` in float64), accurate in the
    negative tail where $1 + \operatorname{erf}$ cancels. The tanh form is computed as
    $x\,\sigma(2u)$, which is the same function without that cancellation.

    Parameters
    ----------
    x : array_like
        Input.
    approximate : {'none', 'tanh'} or bool
        ``"none"`` (exact, with the normal CDF) or ``"tanh"`` (PyTorch's and
        JAX's approximation). Keras' and JAX's booleans are accepted too: ``True`` is
        ``"tanh"`` (JAX's default) and ``False`` is ``"none"``.

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
        gate = logistic(u)
        gate *= np.maximum(x, -30)
        return gate
    if x.dtype == np.float32:
        return gelu_exact(x)
    xc = maximum(x, -40.0)  # Phi(-40) = 0: avoids -inf * 0
    cdf = sc.ndtr(xc)
    cdf *= xc
    return cdf


def _far_over(beta: float, dtype: np.dtype) -> float:
    """800 / beta, where every exponential of beta x has saturated, but a float of ``dtype``
    (a subnormal beta puts it beyond the largest)."""
    return min(FAR / beta, float(np.finfo(dtype).max))


def _silu_parts(x: np.ndarray, beta: float) -> np.ndarray:
    """beta * x clamped to [-800, 800] without overflowing beta * x."""
    far = _far_over(beta, x.dtype)
    t = np.clip(x, -far, far)
    if beta != 1.0:
        t *= beta
    return t


def _beta_x(x: np.ndarray, beta: float) -> np.ndarray:
    """beta * x for a gate sigma(beta x): clamped only for beta > 1, where it could overflow
    (``expit`` itself takes any input); ``x`` itself for beta = 1."""
    if beta == 1.0:
        return x
    return _silu_parts(x, beta) if beta > 1.0 else x * beta


def _silu_grad(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    # sigma(t) + t sigma'(t), t = beta x, from one exponential: within 3.1 ulp (of the terms'
    # size, where f' crosses 0) in float64, 0.5 ulp in float32 (see silu_slope)
    t = _silu_parts(x, beta)  # clamped: t sigma'(t) is 0 at the ends, not inf * 0
    return silu_slope(t)


def _silu_backward(x: np.ndarray, g: np.ndarray, beta: float = 1.0) -> np.ndarray:
    # g f'(x); the chain rule's beta is in t = beta x only: d/dx x sigma(beta x) = slope(beta x)
    return silu_slope(_silu_parts(x, beta), g)


@declare(
    title="SiLU (Swish)",
    latex=r"x\,\sigma(\beta x)",
    derivative_latex=r"\sigma(\beta x) + \beta x\,\sigma(\beta x)\bigl(1 - \sigma(\beta x)\bigr)",
    derivative=_silu_grad,
    backward=_silu_backward,
    aliases=("swish",),
    checks={"beta": positive},
    facts=lambda beta=1.0: Facts(
        (-_W_INV_E / beta, INF), monotonic=False,
        # E[z sigma(beta z)] grows from beta/4 (for small beta) to E[max(z, 0)] = 0.40
        zero_centered=abs(_normal_mean(lambda z: z * sc.expit(_silu_parts(z, beta))))
        <= ZERO_MEAN_TOLERANCE,
        continuity=INF, saturates=("left",), year=2017,
        reference="Elfwing, Uchibe & Doya, Sigmoid-weighted linear units, 2017; Ramachandran, "
                  "Zoph & Le, Searching for activation functions, 2017"),
    reference_names={"pytorch": "torch.nn.functional.silu", "keras": "keras.activations.silu",
                     "jax": "jax.nn.silu"},
    family="smooth",
    example="""
        >>> import activations
        >>> x = [-1.0, 0.0, 1.0]
        >>> activations.silu(x)
        array([-0.26894142,  0.        ,  0.73105858])
        >>> activations.silu.derivative(x)
        array([0.07232949, 0.5       , 0.92767051])
        >>> activations.swish(x, beta=2.0)  # the same function under its other name
        array([-0.11920292,  0.        ,  0.88079708])
    """,
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
    if beta == 1.0 and x.dtype == np.float32:  # x / (1 + e^-x) in float64, rounded once
        return silu_wide(x)
    s = logistic(_beta_x(x, beta))
    s *= np.maximum(x, -_far_over(beta, x.dtype))  # x sigma(beta x) -> 0 at -inf, not -inf * 0
    return s


def _hard_swish_grad(x: np.ndarray) -> np.ndarray:
    mid = clip(x, -3.0, 3.0)  # finite, so that mid * 0 is 0 on both sides
    mid /= 3
    mid += 0.5  # x/3 + 1/2 inside, times 1 there and 0 outside; then 1 from x = 3 on
    mid *= between(x, -3.0, 3.0)
    mid += np.greater_equal(x, 3)
    return mid


def _hard_swish_backward_into(x: np.ndarray, g: np.ndarray, q: np.ndarray) -> None:
    """g times the derivative into q, in float passes only: with q = clip(x, -3, 3) / 3,
    which is +-1 exactly where x is outside (-3, 3), the derivative is (q + 1/2) - trunc(q) / 2,
    that is x/3 + 1/2 inside (minus a zero), 1.5 - 0.5 = 1 from x = 3 on and -0.5 + 0.5 = 0 up
    to -3, the bits of the masked form; NaN stays NaN."""
    clip_ufunc(x, -3.0, 3.0, out=q)
    q /= 3
    half = np.trunc(q)
    half *= 0.5
    q += 0.5
    q -= half
    q *= g


@declare(
    title="Hard swish",
    latex=r"x\,\frac{\operatorname{relu6}(x + 3)}{6}",
    derivative_latex=r"\begin{cases} 0 & x \le -3 \\ \frac{2x + 3}{6} & -3 < x < 3 \\ "
                     r"1 & x \ge 3 \end{cases}",
    derivative=_hard_swish_grad,
    backward=lambda x, g: blockwise(_hard_swish_backward_into, x, g),
    aliases=("hard_silu",),
    facts=Facts((-0.375, INF), monotonic=False, zero_centered=False, continuity=0,
                saturates=("left",), year=2019,
                reference="Howard et al., Searching for MobileNetV3, 2019"),
    reference_names={"pytorch": "torch.nn.functional.hardswish",
                     "keras": "keras.activations.hard_silu", "jax": "jax.nn.hard_swish"},
    kinks=(-3.0, 3.0),
    family="smooth",
    example="""
        >>> import activations
        >>> x = [-4.0, -1.5, 0.0, 4.0]
        >>> activations.hard_swish(x)
        array([-0.   , -0.375,  0.   ,  4.   ])
        >>> activations.hard_swish.derivative(x)
        array([0. , 0. , 0.5, 1. ])
    """,
)  # fmt: skip
def hard_swish(x: np.ndarray) -> np.ndarray:
    r"""Hard swish: SiLU with the sigmoid replaced by the piecewise-linear hard sigmoid.

    $$
    \operatorname{hard\_swish}(x) = x \cdot \frac{\operatorname{relu6}(x + 3)}{6}
    $$

    The derivative follows PyTorch at the kinks: $(2x + 3)/6$ on the open interval
    $(-3, 3)$, and the outer branch's value at its ends, so $f'(-3) = 0$ and $f'(3) = 1$.

    Examples
    --------
    >>> import activations
    >>> activations.hard_swish([-4.0, -1.5, 0.0, 4.0])
    array([-0.   , -0.375,  0.   ,  4.   ])
    """
    # the gate is 0 left of -3, where 0 * x = 0 * max(x, -3) = -0 for finite x; only -inf,
    # found by one reduction (fmin: NaN does not hide it), needs the clamp against -inf * 0
    clamp = x.size and np.fmin.reduce(x, axis=None) == -np.inf
    return blockwise(lambda x, gate: _hard_swish_into(x, gate, clamp), x)


def _hard_swish_into(x: np.ndarray, gate: np.ndarray, clamp: bool) -> None:
    np.add(x, 3, out=gate)
    clip_ufunc(gate, 0, 6, out=gate)
    gate /= 6
    gate *= maximum(x, -3) if clamp else x


def _mish_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """e = exp(x) (x clamped to 40), n = e (e + 2), t = tanh(softplus(x)) = n / (n + 2)."""
    e, n, d = _mish_terms(x)
    return e, n, np.divide(n, d, out=d)


def _mish_terms(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """e = exp(x) (x clamped to 40), n = e (e + 2) and n + 2."""
    e = minimum(x, 40)
    np.exp(e, out=e)
    n = e + 2
    n *= e
    return e, n, n + 2


def _mish_grad(x: np.ndarray) -> np.ndarray:
    e, n, d = _mish_terms(x)
    # mish' = t + x sigma(x) sech^2(softplus x), t = n / (n + 2), sech^2 = (4n + 4) / (n + 2)^2
    t = np.divide(n, d)
    sech2 = np.multiply(n, 4, out=n)
    sech2 += 4
    sech2 /= d
    sech2 /= d
    sig = np.add(e, 1, out=d)
    np.divide(e, sig, out=sig)
    sech2 *= sig
    sech2 *= clip(x, -FAR, 40)
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
    family="smooth",
    example="""
        >>> import activations
        >>> x = [-1.0, 0.0, 1.0]
        >>> activations.mish(x)
        array([-0.30340146,  0.        ,  0.86509839])
        >>> activations.mish.derivative(x)
        array([0.05921676, 0.6       , 1.04903622])
    """,
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
    t *= np.maximum(x, -FAR)
    return t


# ------------------------------------------------------------------------------ softplus family


def _softplus_grad(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    switch = threshold / beta
    if switch == -INF:  # x itself everywhere
        return ones_keeping_nan(x)
    g = logistic(_beta_x(x, beta))
    if switch < INF:  # 1 past the switch: sigma < 1 there, so the maximum with [x > s] is 1
        np.maximum(g, np.greater(x, switch), out=g)
    return g


def _softplus_switch(beta: float, threshold: float) -> tuple[float, ...]:
    """Where softplus switches to x (beta x = threshold), if it does."""
    switch = threshold / beta
    return (switch,) if math.isfinite(switch) else ()


def _softplus_facts(beta: float = 1.0, threshold: float = 20.0) -> Facts:
    """With a finite threshold, f jumps down from softplus(s) to s at s = threshold / beta, by
    log(1 + e^-threshold) / beta (2e-9 for PyTorch's default 20): neither continuous nor
    monotonic, though no plot shows it. Without one it is smooth; with -inf it is x."""
    reference = ("Dugas, Bengio, Bélisle, Nadeau & Garcia, Incorporating second-order "
                 "functional knowledge for better option pricing, 2001")
    switch = threshold / beta
    if switch == -INF:
        return Facts((-INF, INF), monotonic=True, zero_centered=True, continuity=INF,
                     year=2001, reference=reference)
    if switch == INF:
        return Facts((0.0, INF), monotonic=True, zero_centered=False, continuity=INF,
                     saturates=("left",), year=2001, reference=reference)
    from scipy import integrate

    def below(z: float) -> float:  # softplus(z) times the normal density, for z < switch
        return float(np.logaddexp(0.0, beta * z)) / beta * math.exp(-z * z / 2)

    left, _ = integrate.quad(below, -INF, switch)
    mean = (left + math.exp(-switch * switch / 2)) / math.sqrt(2 * math.pi)  # E[z; z > s] = phi(s)
    return Facts((min(0.0, switch), INF), monotonic=False,
                 zero_centered=abs(mean) <= ZERO_MEAN_TOLERANCE, continuity=-1,
                 saturates=("left",), year=2001, reference=reference)  # fmt: skip


@declare(
    title="Softplus",
    latex=r"\frac{1}{\beta}\log\bigl(1 + e^{\beta x}\bigr)",
    derivative_latex=r"\sigma(\beta x)",
    derivative=_softplus_grad,
    checks={"beta": softplus_beta, "threshold": threshold_number},
    facts=_softplus_facts,
    kinks=lambda beta=1.0, threshold=20.0: _softplus_switch(beta, threshold),
    reference_names={"pytorch": "torch.nn.functional.softplus",
                     "keras": "keras.activations.softplus", "jax": "jax.nn.softplus"},
    family="smooth",
    example="""
        >>> import activations
        >>> x = [-2.0, 0.0, 2.0, 1000.0]
        >>> activations.softplus(x)
        array([1.26928011e-01, 6.93147181e-01, 2.12692801e+00, 1.00000000e+03])
        >>> activations.softplus(x, beta=2.0)
        array([9.07496396e-03, 3.46573590e-01, 2.00907496e+00, 1.00000000e+03])
    """,
)  # fmt: skip
def softplus(x: np.ndarray, beta: float = 1.0, threshold: float = 20.0) -> np.ndarray:
    r"""Softplus: a smooth ReLU whose derivative is the sigmoid.

    $$
    \operatorname{softplus}(x) = \frac{1}{\beta}\log\bigl(1 + e^{\beta x}\bigr)
    = \frac{1}{\beta}\Bigl(\max(\beta x, 0) + \log\bigl(1 + e^{-|\beta x|}\bigr)\Bigr)
    $$

    The right-hand form is what is computed: it never overflows, so no threshold is needed for
    stability. ``threshold`` keeps PyTorch's behaviour (return $x$ where $\beta x$ exceeds it);
    that costs a relative error of $e^{-20}/20 \approx 10^{-10}$ at the switch, where the
    function drops by $\log(1 + e^{-20}) \approx 2 \cdot 10^{-9}$: with a finite threshold it
    is, strictly, neither continuous nor monotonic, and its facts say so. Pass
    ``threshold=math.inf`` for the exact, smooth function everywhere.

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
    switch = threshold / beta
    if switch == -INF:  # x itself everywhere
        return x.copy()
    # (1/beta) (max(beta x, 0) + log1p(e^{-|beta x|})) = max(x, 0) + log1p(e^{-beta |x|}) / beta
    t = np.abs(_beta_x(x, beta))
    np.negative(t, out=t)
    np.exp(t, out=t)
    np.log1p(t, out=t)
    if beta > 1.0:
        t /= beta
    elif beta < 1.0:  # log(2) / beta exceeds the float range for a subnormal beta: inf then
        call_ignoring(OVERFLOW, np.divide, t, beta, out=t)
    t += np.maximum(x, 0)
    if switch < INF:
        t = np.where(x > switch, x, t).astype(x.dtype, copy=False)
    return t


def _squareplus_parts(x: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray, float | None]:
    """|x| / 2 and sqrt(x^2 + b) / 2 without squaring a huge x, and, for a huge b, q = sqrt(b) / 2
    (else None, and b / 8 is a normal float).

    Beyond |x| / 2 = sqrt(max float) / 8, sqrt(x^2 + b) rounds to |x| as long as b is below
    eps max / 16 (1e291 in float64, 2e30 in float32): there the square is of the clamped value
    and max(., |x| / 2) restores |x| / 2. A larger b, or one so small that b / 8 underflows,
    takes ``hypot`` with sqrt(b) / 2 instead: twice as slow, and exact.
    """
    info = np.finfo(x.dtype)
    a = np.abs(x)
    a *= 0.5
    clamp = math.sqrt(float(info.max)) / 8
    if 8 * float(info.tiny) <= b <= float(info.eps) * 4 * clamp * clamp:
        r = np.minimum(a, clamp)
        r *= r
        r += b / 4
        np.sqrt(r, out=r)
        np.maximum(r, a, out=r)
        return a, r, None
    q = math.sqrt(b) / 2
    return a, np.hypot(a, q), q


def _squareplus_grad(x: np.ndarray, b: float = 4.0) -> np.ndarray:
    half_a, half_r, q = _squareplus_parts(x, b)
    # (1 - |x|/r) / 2 = b / (2 r (r + |x|)): small and exact on the negative side
    half_a += half_r
    if q is None:
        small = (b / 8) / half_r
        small /= half_a
    else:  # b / 8 may not be representable: (q / r) (q / (r + |x|)) / 2 with q^2 = b / 4
        small = np.divide(q, half_r)
        small *= np.divide(q, half_a, out=half_a)
        small *= 0.5
    # f'(x) = 1 - f'(-x): small for x < 0, 1 - small for x >= 0 (both 1/2 at 0)
    flip = relu_grad(x)
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
    family="smooth",
    example="""
        >>> import activations
        >>> x = [-1e300, -1.0, 0.0, 1.0]
        >>> activations.squareplus(x)
        array([1.00000000e-300, 6.18033989e-001, 1.00000000e+000, 1.61803399e+000])
        >>> activations.squareplus(x, b=1.0)
        array([2.50000000e-301, 2.07106781e-001, 5.00000000e-001, 1.20710678e+000])
    """,
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
    half_a, half_r, q = _squareplus_parts(x, b)
    half_a += half_r
    if q is None:
        small = np.divide(b / 4, half_a, out=half_r)
    else:  # q^2 = b / 4 may not be representable
        small = np.divide(q, half_a, out=half_r)
        small *= q
    # f(x) = f(-x) + x: the small, cancellation-free value plus max(x, 0)
    small += np.maximum(x, 0)
    return small


def _sparse_plus_grad(x: np.ndarray) -> np.ndarray:
    g = np.clip(x, -1, 1)
    g += 1
    g *= 0.5
    return g


@declare(
    title="Sparse plus",
    latex=r"\begin{cases} 0 & x \le -1 \\ \frac{(x + 1)^2}{4} & -1 < x < 1 \\ x & x \ge 1 "
          r"\end{cases}",
    derivative_latex=r"\operatorname{sparse\_sigmoid}(x) = "
                     r"\tfrac12 \operatorname{clip}(x + 1, 0, 2)",
    derivative=_sparse_plus_grad,
    facts=Facts((0.0, INF), monotonic=True, zero_centered=False, continuity=1,
                saturates=("left",), year=2020,
                reference="Blondel, Martins & Niculae, Learning with Fenchel-Young losses, 2020"),
    reference_names={"keras": "keras.activations.sparse_plus", "jax": "jax.nn.sparse_plus"},
    breakpoints=(-1.0, 1.0),
    family="smooth",
    example="""
        >>> import activations
        >>> x = [-2.0, -1.0, 0.0, 1.0, 2.0]
        >>> activations.sparse_plus(x)
        array([0.  , 0.  , 0.25, 1.  , 2.  ])
        >>> activations.sparse_plus.derivative(x)
        array([0. , 0. , 0.5, 1. , 1. ])
    """,
)  # fmt: skip
def sparse_plus(x: np.ndarray) -> np.ndarray:
    r"""Sparse plus: softplus' piecewise-quadratic twin, exactly 0 for $x \le -1$.

    $$
    \operatorname{sparse\_plus}(x) = \begin{cases} 0 & x \le -1 \\ \frac{(x + 1)^2}{4} &
    -1 < x < 1 \\ x & x \ge 1 \end{cases}
    $$

    It is continuously differentiable, with derivative
    [`sparse_sigmoid`][activations.functions.sparse_sigmoid]; the second derivative jumps at
    $\pm 1$.

    Examples
    --------
    >>> import activations
    >>> activations.sparse_plus([-2.0, 0.0, 3.0])
    array([0.  , 0.25, 3.  ])
    """
    c = np.clip(x, -1, 1)
    c += 1
    c *= c
    c *= 0.25
    return np.where(x >= 1, x, c)


def _bent_identity_grad(x: np.ndarray) -> np.ndarray:
    xc = np.clip(x, -1e17, 1e17)  # x / hypot(x, 1) is +-1 there, not inf / inf
    g = xc / np.hypot(xc, 1)
    g *= 0.5
    g += 1
    return g


@declare(
    title="Bent identity",
    latex=r"\frac{\sqrt{x^2 + 1} - 1}{2} + x",
    derivative_latex=r"\frac{x}{2\sqrt{x^2 + 1}} + 1",
    derivative=_bent_identity_grad,
    facts=Facts((-INF, INF), monotonic=True, zero_centered=False, continuity=INF),
    family="smooth",
    example="""
        >>> import activations
        >>> x = [-10.0, -1.0, 0.0, 1.0, 10.0]
        >>> activations.bent_identity(x)
        array([-5.47506219, -0.79289322,  0.        ,  1.20710678, 14.52493781])
        >>> activations.bent_identity.derivative(x)
        array([0.5024814 , 0.64644661, 1.        , 1.35355339, 1.4975186 ])
    """,
)  # fmt: skip
def bent_identity(x: np.ndarray) -> np.ndarray:
    r"""Bent identity: the identity bent up by half a hyperbola, slope $1/2$ on the left and
    $3/2$ on the right.

    $$
    f(x) = \frac{\sqrt{x^2 + 1} - 1}{2} + x = x\Bigl(1 + \frac{x}{2(\sqrt{x^2 + 1} + 1)}\Bigr)
    $$

    The second form is the one computed: it has no cancellation near 0 and never squares $x$.

    Examples
    --------
    >>> import activations
    >>> activations.bent_identity([-1.0, 0.0, 1.0])
    array([-0.79289322,  0.        ,  1.20710678])
    """
    xc = np.clip(x, -1e17, 1e17)  # x / (hypot(x, 1) + 1) is +-1 there
    r = xc / (np.hypot(xc, 1) + 1)
    r *= 0.5
    r += 1
    return call_ignoring(OVERFLOW, np.multiply, x, r)



# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
