"""The kernels' accuracy against 50-digit mpmath, as a table, and the fast paths' contracts."""

from __future__ import annotations

import numpy as np
import pytest

import activations

mpmath = pytest.importorskip("mpmath")
mp = mpmath.mp

# The ULP table of exact GELU: the largest error, in units in the last place of the result's
# dtype, over 801 evenly spaced points of each range. The bounds are the measured errors
# rounded up (float32: polynomials and a rational function in float64; float64: SciPy's ndtr).
# x Phi(x) is conditioned like x^2 in the left tail, so the float64 tail bounds grow with it;
# gelu' crosses zero near -0.75, where the float64 relative error is large.
GELU_ULP_TABLE = [
    # dtype, range, forward bound, derivative bound
    ("float32", (-2.0, 0.0), 0.75, 0.75),
    ("float32", (0.0, 2.0), 0.75, 0.75),
    ("float32", (2.0, 8.0), 0.75, 0.75),
    ("float32", (-8.0, -2.0), 0.75, 0.75),
    ("float32", (-16.0, -8.0), 0.75, 0.75),
    ("float32", (8.0, 30.0), 0.5, 0.5),
    ("float64", (-2.0, 0.0), 9, 1341),
    ("float64", (0.0, 2.0), 1, 1),
    ("float64", (2.0, 8.0), 1, 1),
    ("float64", (-8.0, -2.0), 77, 17),
    ("float64", (-30.0, -8.0), 1168, 248),
    ("float64", (8.0, 30.0), 1, 1),
]


def ulp_errors(computed: np.ndarray, reference: list, dtype: np.dtype,
               floor: float = 0.0) -> np.ndarray:
    """|computed - reference| in units of the last place of ``dtype`` at the reference, or at
    ``floor`` where the reference is smaller (for a result that crosses 0)."""
    ref = np.array([float(r) for r in reference])
    magnitude = np.maximum(np.abs(ref), max(floor, np.finfo(dtype).tiny)).astype(dtype)
    return np.abs(computed.astype(np.float64) - ref) / np.spacing(magnitude).astype(np.float64)


@pytest.mark.parametrize(("dtype", "span", "forward_bound", "derivative_bound"), GELU_ULP_TABLE,
                         ids=[f"{d}[{lo:g},{hi:g}]" for d, (lo, hi), *_ in GELU_ULP_TABLE])
def test_exact_gelu_ulp_table(dtype, span, forward_bound, derivative_bound):
    with mp.workdps(50):
        x = np.linspace(*span, 801).astype(dtype)
        xs = [mp.mpf(float(v)) for v in x]
        forward = [v * mp.ncdf(v) for v in xs]
        derivative = [mp.ncdf(v) + v * mp.npdf(v) for v in xs]
        assert ulp_errors(activations.gelu(x), forward, x.dtype).max() <= forward_bound
        assert ulp_errors(activations.gelu.derivative(x), derivative, x.dtype).max() \
            <= derivative_bound


@pytest.mark.parametrize("size", [1, 7, 8192, 8193, 32768, 32769, 70000])
def test_exact_gelu_float32_is_one_kernel_at_every_size_and_block(size):
    # the float32 kernel works in blocks of 32768 and recomputes |x| > 2 apart: a value gives
    # the same bits wherever it sits, and the special values keep their limits
    x = np.resize(np.array([-np.inf, -20.0, -2.0, -1.9999999, 2.0000002, 0.0, 1e30, np.nan,
                            np.inf, -1e-30], np.float32), size)
    alone = np.concatenate([activations.gelu(v[None]) for v in x[:10]])
    slope = np.concatenate([activations.gelu.derivative(v[None]) for v in x[:10]])
    got, got_slope = activations.gelu(x), activations.gelu.derivative(x)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got[:10], alone[: min(size, 10)])
    np.testing.assert_array_equal(got_slope[:10], slope[: min(size, 10)])
    expected = np.array([0, -0.0, -0.0455003, -0.0455003, 1.9544997, 0, 1e30, np.nan, np.inf,
                         -5e-31], np.float32)[: min(size, 10)]
    np.testing.assert_allclose(got[:10], expected, rtol=1e-6, atol=0)


# ------------------------------------------------------------------------------ out= buffers

@pytest.mark.parametrize("name", ["relu", "gelu", "sigmoid", "softmax", "leaky_relu"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_out_receives_the_result_and_is_returned(name, dtype):
    f = activations.get(name)
    x = np.random.default_rng(3).normal(size=(5, 6)).astype(dtype)
    g = np.random.default_rng(4).normal(size=(5, 6)).astype(dtype)
    out = np.full_like(x, np.nan)
    assert f(x, out=out) is out
    np.testing.assert_array_equal(out, f(x))
    assert f.backward(x, g, out=out) is out
    np.testing.assert_array_equal(out, f.backward(x, g))
    if f.elementwise:
        assert f.derivative(x, out=out) is out
        np.testing.assert_array_equal(out, f.derivative(x))


def test_backward_may_overwrite_grad_output():
    x = np.linspace(-3, 3, 7)
    g = np.linspace(1, 2, 7)
    expected = activations.tanh.backward(x, g)
    assert activations.tanh.backward(x, g, out=g) is g
    np.testing.assert_array_equal(g, expected)


def test_out_of_another_shape_or_dtype_is_refused_clearly():
    x = np.zeros((2, 3), np.float32)
    with pytest.raises(ValueError, match=r"relu: out has shape \(3, 2\) and dtype float32, "
                                         r"but the result has shape \(2, 3\)"):
        activations.relu(x, out=np.empty((3, 2), np.float32))
    with pytest.raises(ValueError, match="dtype float64, but the result has shape .* float32"):
        activations.relu.derivative(x, out=np.empty((2, 3)))
    with pytest.raises(ValueError, match="tanh.backward: out"):
        activations.tanh.backward(x, x, out=np.empty((2, 3)))
    with pytest.raises(TypeError, match="out must be a NumPy array"):
        activations.relu(x, out=[[0.0] * 3] * 2)
    frozen = np.zeros((2, 3), np.float32)
    frozen.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        activations.relu(x, out=frozen)


def test_the_generic_backward_never_writes_into_its_inputs():
    x = np.linspace(-2, 2, 9)
    g = np.ones(9)
    for f in (activations.linear, activations.relu, activations.tanh):
        before_x, before_g = x.copy(), g.copy()
        f.backward(x, g)
        np.testing.assert_array_equal(x, before_x)
        np.testing.assert_array_equal(g, before_g)


# The ULP table of the one-exponential logistic kernels (float32 is computed in float64 and
# rounded once): the largest error over 801 points of each range, measured and rounded up.
def _mp_sigmoid(v):
    return 1 / (1 + mp.exp(-v))


LOGISTIC_ULP_TABLE = [
    # dtype, range, sigmoid bound, silu' bound (against the terms' size 0.1 where it crosses 0)
    ("float32", (-100.0, -20.0), 0.5, 0.5),
    ("float32", (-20.0, 20.0), 0.5, 0.5),
    ("float32", (20.0, 100.0), 0.5, 0.5),
    ("float64", (-745.0, -700.0), 1, 1),
    ("float64", (-700.0, -20.0), 2, 2),
    ("float64", (-20.0, 20.0), 2, 3.5),
    ("float64", (20.0, 800.0), 1, 1),
]


@pytest.mark.parametrize(("dtype", "span", "sigmoid_bound", "silu_bound"), LOGISTIC_ULP_TABLE,
                         ids=[f"{d}[{lo:g},{hi:g}]" for d, (lo, hi), *_ in LOGISTIC_ULP_TABLE])
def test_logistic_kernels_ulp_table(dtype, span, sigmoid_bound, silu_bound):
    with mp.workdps(50):
        x = np.linspace(*span, 801).astype(dtype)
        xs = [mp.mpf(float(v)) for v in x]
        sigmoid = [_mp_sigmoid(v) for v in xs]
        slope = [_mp_sigmoid(v) * (1 + v * _mp_sigmoid(-v)) for v in xs]
    assert ulp_errors(activations.sigmoid(x), sigmoid, x.dtype).max() <= sigmoid_bound
    assert ulp_errors(activations.silu.derivative(x), slope, x.dtype, floor=0.1).max() <= silu_bound


# x - tanh x below |x| = 1/2 is a polynomial in x^2 (float32: summed in float64, rounded once),
# where the subtraction would cancel: the largest error over dense grids near 0 and up to 1/2.
TANH_SHRINK_ULP_TABLE = [
    ("float32", (1e-6, 1e-3), 0.51),
    ("float32", (1e-3, 0.5), 0.51),
    ("float64", (1e-6, 1e-3), 3),  # x^2 and the two products that make x^3 round
    ("float64", (1e-3, 0.5), 2),
]


@pytest.mark.parametrize(("dtype", "span", "bound"), TANH_SHRINK_ULP_TABLE,
                         ids=[f"{d}[{lo:g},{hi:g}]" for d, (lo, hi), _ in TANH_SHRINK_ULP_TABLE])
def test_tanh_shrink_near_zero_ulp_table(dtype, span, bound):
    x = np.geomspace(*span, 1601, endpoint=False).astype(dtype)
    x = np.concatenate([x, np.nextafter(np.array([span[1]], dtype), 0)])
    x = np.concatenate([x, -x])
    with mp.workdps(120):  # x - tanh x cancels to x^3 / 3
        ref = [mp.mpf(float(v)) - mp.tanh(mp.mpf(float(v))) for v in x]
    assert ulp_errors(activations.tanh_shrink(x), ref, x.dtype).max() <= bound
    assert np.signbit(activations.tanh_shrink(np.array([-0.0], dtype)))[0]


PIECEWISE = [("relu", {}), ("relu6", {}), ("leaky_relu", {}), ("leaky_relu", {"negative_slope": -0.5}),
             ("leaky_relu", {"negative_slope": 3.0}), ("prelu", {}), ("hard_tanh", {}),
             ("hard_tanh", {"min_val": 0.0, "max_val": 2.0}), ("hard_sigmoid", {}),
             ("hard_swish", {}), ("hard_shrink", {}), ("hard_shrink", {"lambd": 0.0}),
             ("soft_shrink", {}), ("soft_shrink", {"lambd": 1.0})]  # fmt: skip


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(("name", "params"), PIECEWISE,
                         ids=[f"{n}-{'-'.join(map(str, p.values()))}" for n, p in PIECEWISE])
def test_piecewise_backward_is_the_gradient_times_the_derivative_bit_for_bit(name, params, dtype):
    # the fused backward kernels: every kink and its neighbours, the signed zeros, the
    # infinities and NaN, against gradients with signed zeros, infinities and NaN (inf * 0 is NaN)
    f = activations.get(name, **params)
    kinks = np.array([0.0, 0.5, 1.0, 2.0, 3.0, 6.0], dtype)
    kinks = np.concatenate([kinks, -kinks])
    x = np.concatenate([kinks, np.nextafter(kinks, np.inf), np.nextafter(kinks, -np.inf),
                        np.array([-0.0, np.inf, -np.inf, np.nan, 0.2, -4.0, 7.0], dtype)])
    g = np.array([1.0, -2.5, 0.0, -0.0, np.inf, -np.inf, np.nan], dtype)
    x, g = np.repeat(x, g.size), np.tile(g, x.size)
    x, g = np.resize(x, 70000), np.resize(g, 70000)  # past the small-array paths and a block
    with np.errstate(invalid="ignore"):  # inf * 0, as before the fused kernels
        expected = g * f.derivative(x)
        got = f.backward(x, g)
    assert got.dtype == x.dtype
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    keep = ~np.isnan(expected)
    np.testing.assert_array_equal(got[keep].view(np.uint8), expected[keep].view(np.uint8))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("size", [1, 13, 32768, 32781, 70000])
def test_exact_gelu_backward_is_the_gradient_times_the_derivative(dtype, size):
    # the float32 backward multiplies block by block, its |x| > 2 values apart: the same
    # float32 products as g * derivative, NaN and inf * 0 included, at every size and block
    rng = np.random.default_rng(size)
    x = (rng.standard_normal(size) * 3).astype(dtype)
    g = rng.standard_normal(size).astype(dtype)
    special = np.array([np.nan, np.inf, -np.inf, -50.0, 0.0, -2.0, 2.5, -0.75], dtype)
    weights = np.array([1.0, 2.0, np.inf, np.inf, np.nan, 0.0, -np.inf, 3.0], dtype)
    x[: min(size, 8)], g[: min(size, 8)] = special[:size], weights[:size]
    with np.errstate(invalid="ignore"):  # inf * 0 is NaN, as the product says
        expected = g * activations.gelu.derivative(x)
        got = activations.gelu.backward(x, g)
        strided = activations.gelu.backward(x[::2], g[::2])
    assert got.dtype == x.dtype
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(strided, expected[::2])
