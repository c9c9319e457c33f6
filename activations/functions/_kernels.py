r"""Numerical kernels shared by the chapters of the catalog.

Plain NumPy functions of float arrays, with no checks: the public boundary
([`Activation`][activations.Activation]) has converted and validated the input already. Each
one is written for accuracy first (no overflow for finite input, no cancellation in the tails)
and then for speed (few passes over the data, results written into buffers already allocated).
"""

from __future__ import annotations

import math
import threading

import numpy as np

from .._floating_point import OVERFLOW, call_ignoring

FAR = 800.0
"""Past ``|x| = 800`` every exponential used in the catalog has under- or overflowed, in float32
and float64, so clamping there changes no result and keeps ``x * 0`` away from ``inf * 0``."""


_PAIR_BLOCK = 32768
"""Elements per block of `_in_float64_blocks`: its two float64 buffers (512 KB) stay in the
cache; smaller blocks cost more calls than they save."""

_CONSTANT_BLOCK = 1 << 16
_SMALL = 2048
_CONSTANTS: dict[tuple[float, np.dtype], np.ndarray] = {}


def _constant(value: float, dtype: np.dtype, size: int) -> np.ndarray:
    """A read-only array of ``size`` (at most ``_CONSTANT_BLOCK``) copies of ``value``."""
    key = (value, dtype)
    filled = _CONSTANTS.get(key)
    if filled is None or filled.size < size:
        filled = np.full(max(size, 1024), value, dtype)
        filled.flags.writeable = False
        _CONSTANTS[key] = filled
    return filled[:size]


def _against_constant(ufunc: np.ufunc, x: np.ndarray, value: float, out: np.ndarray | None):
    """``ufunc(x, value)`` with ``value`` as an array operand: NumPy's minimum and maximum run
    several times slower against a scalar than against an array. The same IEEE operation
    either way, so the same bits; contiguous arrays go through in blocks of 65,536."""
    n = x.size
    if n < _SMALL:  # the call itself costs more than the scalar loop
        return ufunc(x, value, out=out)
    if out is None:
        out = np.empty(x.shape, x.dtype)
    if not (x.flags.c_contiguous and out.flags.c_contiguous):
        return ufunc(x, x.dtype.type(value), out=out)
    flat, target = x.reshape(-1), out.reshape(-1)
    if n <= _CONSTANT_BLOCK:
        ufunc(flat, _constant(value, x.dtype, n), out=target)
        return out
    block = _constant(value, x.dtype, _CONSTANT_BLOCK)
    for start in range(0, n, _CONSTANT_BLOCK):
        stop = min(start + _CONSTANT_BLOCK, n)
        ufunc(flat[start:stop], block[: stop - start], out=target[start:stop])
    return out


def maximum(x: np.ndarray, value: float, out: np.ndarray | None = None) -> np.ndarray:
    """``np.maximum(x, value)`` (NaN propagates), faster; ``out`` may be ``x``."""
    return _against_constant(np.maximum, x, value, out)


def minimum(x: np.ndarray, value: float, out: np.ndarray | None = None) -> np.ndarray:
    """``np.minimum(x, value)`` (NaN propagates), faster; ``out`` may be ``x``."""
    return _against_constant(np.minimum, x, value, out)


def clip(x: np.ndarray, low: float, high: float, out: np.ndarray | None = None) -> np.ndarray:
    """``np.clip(x, low, high)`` (NaN propagates) as a maximum then a minimum, faster."""
    out = maximum(x, low, out)
    return minimum(out, high, out)


def keep_nan(x: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return ``values`` with NaN wherever ``x`` is NaN (for indicator-like results)."""
    return np.where(np.isnan(x), x, values)


def logistic(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """sigma(x) = 1 / (1 + e^-x), with one exponential, exact in both tails; ``out`` may be
    ``x``.

    float64: ``1 / (1 + exp(-max(x, L)))`` with L = log(smallest normal float) = -708.4, where
    e^-x is still finite, within 2 ulp (as SciPy's ``expit``, which takes 2-3 times longer here).
    Below L, 1 + e^x rounds to 1 and sigma(x) is the subnormal e^x itself: those elements are
    recomputed so, after one reduction to find out whether there are any. float32 takes the
    same formula in float64, in blocks that stay in the cache, rounded once: NumPy's float32
    exponential (2.4 ulp) would make the sigmoid 3.3 ulp off, against 2.5 for ``expit``. One
    kernel at every array size, so a value gives the same result wherever it sits.
    """
    if x.dtype == np.float64:
        return _logistic_into(x, _output(x, out))
    return _wide(_logistic_wide, x, out)


def logistic_of_negative(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """sigma(-x) = 1 / (1 + e^x), as `logistic` but without negating ``x`` first."""
    if x.dtype == np.float64:
        minus = np.negative(x, out=out)
        return _logistic_into(minus, minus)
    return _wide(_logistic_of_negative_wide, x, out)


def _wide(kernel, x: np.ndarray, out: np.ndarray | None, *operands: np.ndarray) -> np.ndarray:
    """`_in_float64_blocks` with overflow ignored: the float64 kernels for float32 input let
    e^-x overflow to inf where that gives the right result (1 / (1 + inf) = 0), which is
    cheaper than clamping every element."""
    return call_ignoring(OVERFLOW, _in_float64_blocks, kernel, x, out, *operands)


def _logistic_wide(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    """sigma(x) of float64 copies of float32 values into ``out``: no clamp and no subnormal
    tail are needed, since sigma(x) < 1e-45 (0 in float32) long before e^-x overflows."""
    np.negative(x, out=out)
    np.exp(out, out=out)
    out += 1
    return np.divide(1, out, out=out)


def _logistic_of_negative_wide(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    np.exp(x, out=out)
    out += 1
    return np.divide(1, out, out=out)


def silu_wide(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """x sigma(x) for float32 ``x``, in float64 and rounded once."""
    return _wide(_silu_wide, x, out)


def _silu_wide(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    maximum(x, -FAR, out=x)  # x / (1 + e^-x) -> -0 at -inf, not -inf / inf
    np.negative(x, out=out)
    np.exp(out, out=out)
    out += 1
    return np.divide(x, out, out=out)


def _output(x: np.ndarray, out: np.ndarray | None) -> np.ndarray:
    return np.empty(x.shape, x.dtype) if out is None else out


def _below_normal(x: np.ndarray) -> np.ndarray | None:
    """The mask of x < log(smallest normal float), or None if no element is (fmin: NaN does
    not hide the tail)."""
    below = _SUBNORMAL_SIGMOID.get(x.dtype)
    if below is None:
        below = _SUBNORMAL_SIGMOID[x.dtype] = math.log(float(np.finfo(x.dtype).tiny))
    if x.size and float(np.fmin.reduce(x, axis=None, out=_scalar(x.dtype))) < below:
        return x < below
    return None


def _logistic_into(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    """sigma(x) of a float64 array into ``out`` (which may be ``x``)."""
    tail = _below_normal(x)
    if tail is not None:
        exact = np.exp(x[tail])
    np.negative(x, out=out)
    minimum(out, -_SUBNORMAL_SIGMOID[x.dtype], out=out)
    np.exp(out, out=out)
    out += 1
    np.divide(1, out, out=out)
    if tail is not None:
        out[tail] = exact
    return out


def silu_slope(t: np.ndarray, grad: np.ndarray | None = None) -> np.ndarray:
    """sigma(t) (1 + t sigma(-t)), the SiLU's derivative in t, for t in [-800, 800], with
    one exponential: with e = e^-t and s = 1 / (1 + e), sigma(-t) = e s. In float64,
    or in float64 blocks for float32, as `logistic`; times ``grad`` if given (for float32,
    in the same float64 blocks, rounded once)."""
    if t.dtype == np.float64:
        slope = _silu_slope_into(t, np.empty_like(t))
        if grad is not None:
            slope *= grad
        return slope
    if grad is None:
        return _in_float64_blocks(_silu_slope_into, t, None)
    return _in_float64_blocks(_silu_slope_times, t, None, grad)


def _silu_slope_times(t: np.ndarray, out: np.ndarray, grad: np.ndarray) -> np.ndarray:
    _silu_slope_into(t, out)
    out *= grad
    return out


def _silu_slope_into(t: np.ndarray, out: np.ndarray) -> np.ndarray:
    tail = _below_normal(t)  # sigma(t) = e^t there: the slope is e^t (1 + t)
    e = np.negative(t)
    minimum(e, -_SUBNORMAL_SIGMOID[t.dtype], out=e)
    np.exp(e, out=e)
    np.add(e, 1, out=out)
    np.divide(1, out, out=out)  # s = sigma(t)
    e *= out  # e s = sigma(-t) <= 1: no overflow
    e *= t
    e += 1
    out *= e  # sigma(t) (1 + t sigma(-t)): 2.75 ulp in float64 where s + t e s^2 is 4
    if tail is not None:
        exact = np.exp(t[tail])
        exact *= 1 + t[tail]
        out[tail] = exact
    return out


def _in_float64_blocks(kernel, x: np.ndarray, out: np.ndarray | None,
                       *operands: np.ndarray) -> np.ndarray:
    """``kernel(block, result, *operand_blocks)`` on float64 copies of ``x`` (and of the
    ``operands``, arrays of its shape) in blocks of 32768, each result rounded once to the
    dtype of ``x``: float64 accuracy at a cost that stays close to float32's, since the
    blocks stay in the core's cache between passes."""
    result = _output(x, out)
    contiguous = result.flags.c_contiguous
    target = result.reshape(-1) if contiguous else np.empty(x.size, x.dtype)
    flat = x.reshape(-1)
    others = [a.reshape(-1) for a in operands]
    n = min(flat.size, _PAIR_BLOCK)
    xb, yb = np.empty(n), np.empty(n)
    ob = [np.empty(n) for _ in others]
    for start in range(0, flat.size, _PAIR_BLOCK):
        k = min(_PAIR_BLOCK, flat.size - start)
        xs, ys = xb[:k], yb[:k]
        np.copyto(xs, flat[start : start + k])
        blocks = [b[:k] for b in ob]
        for b, a in zip(blocks, others):
            np.copyto(b, a[start : start + k])
        kernel(xs, ys, *blocks)
        np.copyto(target[start : start + k], ys, casting="same_kind")
    if not contiguous:
        np.copyto(result, target.reshape(x.shape))
    return result


_SCALARS = threading.local()


def _scalar(dtype: np.dtype) -> np.ndarray:
    """A 0-d scratch array of ``dtype`` for this thread: a reduction into it costs half of
    one that makes its own result, which matters on small arrays."""
    buffers = getattr(_SCALARS, "buffers", None)
    if buffers is None:
        buffers = _SCALARS.buffers = {}
    buffer = buffers.get(dtype)
    if buffer is None:
        buffer = buffers[dtype] = np.empty((), dtype)
    return buffer


_SUBNORMAL_SIGMOID: dict[np.dtype, float] = {}
"""Per float dtype, log(smallest normal float): below it sigma(x) = e^x is subnormal."""


def logistic_grad(x: np.ndarray) -> np.ndarray:
    """sigma'(x) = e / (1 + e)^2 with e = exp(-|x|): sigma(x) sigma(-x) without cancellation,
    with one exponential; exact down to the subnormals, the same at every array size."""
    e = np.abs(x)
    np.negative(e, out=e)
    np.exp(e, out=e)
    d = e + 1
    np.divide(e, d, out=e)
    np.divide(e, d, out=e)
    return e


def sech2(x: np.ndarray) -> np.ndarray:
    """sech(x)^2 = 4 e / (1 + e)^2 with e = exp(-2|x|): accurate where 1 - tanh^2 cancels."""
    e = minimum(np.abs(x), FAR / 2)  # (2|x| would overflow at the largest floats)
    e *= -2
    np.exp(e, out=e)
    d = e + 1
    e *= 4
    np.divide(e, d, out=e)
    np.divide(e, d, out=e)
    return e


def _indicator(mask: np.ndarray | bool, x: np.ndarray) -> np.ndarray:
    """The boolean ``mask`` as 1 and 0 in the dtype of ``x``, NaN where ``x`` is NaN: a
    comparison and a casting copy, several times faster than ``np.sign`` or ``np.where``; the
    NaN are found by one reduction (the minimum is NaN if any element is)."""
    nan = _has_nan(x)
    out = np.empty(x.shape, x.dtype)
    np.copyto(out, mask)
    if nan:
        out[np.isnan(x)] = np.nan
    return out


def positive_part_sign(t: np.ndarray) -> np.ndarray:
    """1 where t > 0, 0 where t <= 0, NaN where t is NaN."""
    return _indicator(np.greater(t, 0), t)


def between(x: np.ndarray, low: float, high: float) -> np.ndarray:
    """Indicator of low < x < high (NaN propagates)."""
    return _indicator(_between_mask(x, low, high), x)


def _between_mask(x: np.ndarray, low: float, high: float) -> np.ndarray:
    """The mask of low < x < high, built in place (three boolean passes); False at NaN."""
    mask = np.greater(x, low)
    np.logical_and(mask, np.less(x, high), out=mask)
    return mask


def ones_keeping_nan(x: np.ndarray) -> np.ndarray:
    """1 everywhere, NaN where x is NaN."""
    return _indicator(True, x)


def relu_grad(x: np.ndarray) -> np.ndarray:
    """1 for x > 0, 0 for x <= 0, NaN for NaN: the ReLU's derivative, with relu'(0) = 0."""
    return _indicator(np.greater(x, 0), x)


def times_gradient(derivative: np.ndarray, g: np.ndarray) -> np.ndarray:
    """``g * derivative``, into ``derivative`` (a kernel's own new array) when it has the
    dtype and shape of the product: a backward's fallback to the elementwise derivative."""
    if derivative.dtype == g.dtype and derivative.shape == g.shape:
        derivative *= g
        return derivative
    return g * derivative


def _has_nan(x: np.ndarray) -> bool:
    """Whether ``x`` holds a NaN, by one reduction (the minimum is NaN if any element is); run
    before the passes that follow, while x is still in the cache."""
    return bool(x.size) and bool(np.isnan(np.minimum.reduce(x, axis=None)))


def times_indicator(
    g: np.ndarray, mask: np.ndarray, x: np.ndarray, scale: np.floating | None = None
) -> np.ndarray:
    """``g * [mask] scale`` in a new array, NaN where ``x`` is NaN: the backward of an
    indicator derivative without building it. The mask is cast into the result (times
    ``scale``, a scalar of the dtype of x, if given) and multiplied by ``g`` there (a multiply
    taking the boolean operand with g casts it in small chunks, slower); g * 0 is +-0, or NaN
    for an infinite g, as with the indicator itself."""
    nan = _has_nan(x)
    out = np.empty(x.shape, x.dtype)
    if scale is None:
        np.copyto(out, mask)
    else:
        np.multiply(mask, scale, out=out)
    out *= g
    if nan:
        out[np.isnan(x)] = np.nan
    return out


def times_between(
    g: np.ndarray, x: np.ndarray, low: float, high: float, scale: np.floating | None = None
) -> np.ndarray:
    """``g * between(x, low, high) scale``."""
    return times_indicator(g, _between_mask(x, low, high), x, scale)


def times_leaky_grad(g: np.ndarray, x: np.ndarray, slope: float) -> np.ndarray | None:
    """``g * ([x > 0] + [x <= 0] slope)`` for one slope with |slope| <= 1, or None where the
    shortcut would round: the derivative as [x > 0] (1 - a) + a, which is a on the left and
    (1 - a) + a on the right, exactly 1 when that sum rounds to 1 (checked once per call)."""
    a = x.dtype.type(slope) + x.dtype.type(0)  # -0.0 + 0 = +0.0, as [x <= 0] a + [x > 0]
    c = x.dtype.type(1) - a
    if not abs(a) <= 1 or c + a != 1:
        return None
    nan = _has_nan(x)
    out = np.multiply(np.greater(x, 0), c, out=np.empty(x.shape, x.dtype))
    out += a
    out *= g
    if nan:
        out[np.isnan(x)] = np.nan
    return out


def blockwise(kernel, x: np.ndarray, *operands: np.ndarray, block: int = 65536) -> np.ndarray:
    """``kernel(x, *operands, out)`` into a new array ``out`` (operands of the shape of x),
    over flat blocks of ``block`` elements once the array is larger, so that a kernel of
    several passes finds its block in the cache (an elementwise kernel: the same bits)."""
    out = np.empty(x.shape, x.dtype)
    if x.size <= block:
        kernel(x, *operands, out)
        return out
    flats = [a.reshape(-1) for a in (x, *operands, out)]
    for start in range(0, x.size, block):
        kernel(*(a[start : start + block] for a in flats))
    return out


try:  # the ufunc np.clip calls, without its Python wrapper (a microsecond a call): same bits
    from numpy._core.umath import clip as clip_ufunc
except ImportError:  # NumPy 1
    clip_ufunc = np.clip


# ------------------------------------------------------------------ the normal CDF, vectorised
# Coefficients fitted for this package against 40-digit mpmath values (scripts/fit_gelu.py):
# least squares on Chebyshev nodes for the polynomials, a Lawson-weighted linearised fit for
# the rational function. Every evaluation is in float64; results are rounded once.

_CENTRE = 2.0
"""|x| <= 2 takes the polynomials below: no exponential, one cancellation of at most
1/2 - Phi(-2) = 0.477 against Phi(-2) = 0.0228, far below a float32 rounding in float64."""

_GELU_P = (0.3989422803970582, -0.06649037984621681, 0.009973555169228493,
           -0.0011873222428667022, 0.00011542480674141022, -9.435209466908839e-06,
           6.604163832263676e-07, -3.917116381085342e-08, 1.7977003649377338e-09,
           -4.684995696041527e-11)  # fmt: skip
"""(Phi(x) - 1/2) / x as a polynomial in t = x^2 on [0, 4]: absolute error 4.4e-12."""

_GELU_D = (0.7978845607988613, -0.26596152002339274, 0.059841339593773454,
           -0.009498615987636919, 0.001154327105006849, -0.00011331234930936034,
           9.30600152028928e-06, -6.511083072011426e-07, 3.821934239339785e-08,
           -1.706753648113728e-09, 4.250053427572668e-11)  # fmt: skip
"""(gelu'(x) - 1/2) / x = (Phi(x) - 1/2 + x phi(x)) / x in t = x^2 on [0, 4]: error 4.0e-12."""

_MILLS_P = (0.4984359117917628, 0.43150791770500474, 0.1634699697137002, 0.03265371725008914)
_MILLS_Q = (1.0, 1.649193976006255, 1.1642283174287016, 0.4097270231541134,
            0.08185129163727742)  # fmt: skip
"""Phi(-a) e^(a^2/2) = P(a) / Q(a) on [2, 15], relative error 3.8e-9 (float32's is 6e-8);
past a = 15, Phi(-a) < 4e-51 is 0 in float32."""

_TAIL_END = 15.0
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def horner(t: np.ndarray, coefficients: tuple[float, ...], out: np.ndarray) -> np.ndarray:
    """sum_k c_k t^k into ``out``, highest power first."""
    np.multiply(t, coefficients[-1], out=out)
    for c in coefficients[-2:0:-1]:
        out += c
        out *= t
    out += coefficients[0]
    return out


_GELU_BLOCK = 32768
"""Elements per block of the float32 GELU kernel: its three float64 buffers (768 KB) outlive a
block in the caches well enough, and fewer blocks save NumPy's per-call cost (1e6 elements:
about 15% faster than blocks of 8192)."""


def _gelu_blocks(x: np.ndarray, derivative: bool, grad: np.ndarray | None = None) -> np.ndarray:
    """x Phi(x), or its derivative (times ``grad`` if given, in float32 as ``grad * d``), for
    float32 ``x``, computed in float64 and rounded once."""
    flat = x.reshape(-1)
    g = None if grad is None else grad.reshape(-1)
    result = np.empty(flat.shape, x.dtype)
    n = min(flat.size, _GELU_BLOCK)
    xb, tb, pb = np.empty(n), np.empty(n), np.empty(n)
    high = np.full(n, _CENTRE * _CENTRE)  # an array operand: faster than a scalar
    coefficients = _GELU_D if derivative else _GELU_P
    for start in range(0, flat.size, _GELU_BLOCK):
        chunk = flat[start : start + _GELU_BLOCK]
        k = chunk.size
        xs, t, p = xb[:k], tb[:k], pb[:k]
        np.copyto(xs, chunk)  # a casting copy, then same-type ufuncs: no buffered casts
        np.multiply(xs, xs, out=t)
        np.minimum(t, high[:k], out=t)  # keeps the powers finite; |x| > 2 is recomputed below
        horner(t, coefficients, p)
        if derivative:  # 1/2 + x D(x^2)
            p *= xs
            p += 0.5
        else:  # x (1/2 + x P(x^2)) = x/2 + x^2 P(x^2)
            p *= t
            xs *= 0.5
            p += xs
        r = result[start : start + k]
        np.copyto(r, p, casting="same_kind")
        if g is not None:  # while the block is in the cache
            r *= g[start : start + k]
    tail = np.flatnonzero(np.abs(flat) > _CENTRE)
    if tail.size:
        values = _gelu_tail(flat[tail].astype(np.float64), derivative).astype(x.dtype)
        if g is not None:
            values *= g[tail]
        result[tail] = values
    return result.reshape(x.shape)


def _gelu_tail(x: np.ndarray, derivative: bool) -> np.ndarray:
    """For |x| > 2: with a = |x| and q = Phi(-a) = e^(-a^2/2) P(a)/Q(a), x Phi(x) is
    max(x, 0) - a q, and its derivative Phi(x) + x phi(x) is h + sign(x) e (a phi(0) - P/Q),
    h = 1 where x > 0, 0 where x < 0: no subtraction cancels."""
    a = np.minimum(np.abs(x), _TAIL_END)
    e = a * a
    e *= -0.5
    np.exp(e, out=e)
    ratio = horner(a, _MILLS_P, np.empty_like(a))
    ratio /= horner(a, _MILLS_Q, np.empty_like(a))
    if derivative:
        ratio -= a * _INV_SQRT_2PI
        ratio *= e  # e (P/Q - a phi(0)) < 0, and h - sign(x) times it is the derivative:
        np.copysign(ratio, x, out=ratio)  # |.| with the sign of x,
        ratio += x > 0  # plus h
        return ratio
    ratio *= e
    ratio *= a
    return np.maximum(x, 0) - ratio


def gelu_exact(x: np.ndarray) -> np.ndarray:
    """x Phi(x) for float32 (and float16, as float32) ``x``: polynomials for |x| <= 2 and
    e^(-x^2/2) times a rational function past it, in float64 blocks, within 0.6 ulp."""
    return _gelu_blocks(x, derivative=False)


def gelu_exact_grad(x: np.ndarray) -> np.ndarray:
    """Phi(x) + x phi(x) for float32 ``x``, as `gelu_exact`, within 0.6 ulp."""
    return _gelu_blocks(x, derivative=True)


def gelu_exact_backward(x: np.ndarray, grad: np.ndarray) -> np.ndarray:
    """``grad * gelu_exact_grad(x)`` for float32 ``x`` and ``grad`` of its shape, the same
    float32 product, taken block by block while the derivative is in the cache."""
    return _gelu_blocks(x, derivative=True, grad=grad)
