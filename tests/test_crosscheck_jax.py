"""The catalog against JAX: every function ``jax.nn`` (or ``jax.numpy``) has, forward and
derivative (``jax.grad``) or vector-Jacobian product (``jax.vjp``), in float32 and float64, at
random points and at the kinks.

Where the two libraries take a different one-sided derivative at a kink, the difference is data
(`JAX_AT_KINKS`) and is asserted; everywhere else the kink values must agree. Without JAX the
tests skip locally; with ``CI=true`` a missing JAX is an error, since CI installs the
``crosscheck`` extra.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from _crosscheck import assert_library_names_exist, neighbours, points, required, vector_input

import activations

jax = required("jax")  # CI installs the crosscheck extra: a missing JAX fails there

jax.config.update("jax_enable_x64", True)  # float64 arrays stay float64; float32 stay float32
jnp = jax.numpy
nn = jax.nn

# name -> [(JAX function of an array, the package's parameters)]: the defaults, and the
# package's parameters that give JAX's function where the defaults differ.
ELEMENTWISE = {
    "celu": [(nn.celu, {}), (lambda t: nn.celu(t, alpha=2.0), {"alpha": 2.0})],
    "elu": [(nn.elu, {}), (lambda t: nn.elu(t, alpha=0.5), {"alpha": 0.5}),
            (lambda t: nn.elu(t, alpha=-0.5), {"alpha": -0.5})],
    "exponential": [(jnp.exp, {})],
    # JAX's default is the tanh form; the package's (and PyTorch's) is the exact one
    "gelu": [(lambda t: nn.gelu(t, approximate=False), {}),
             (lambda t: nn.gelu(t, approximate=True), {"approximate": "tanh"})],
    "hard_sigmoid": [(nn.hard_sigmoid, {})],
    "hard_swish": [(nn.hard_swish, {})],
    "hard_tanh": [(nn.hard_tanh, {})],
    "leaky_relu": [(nn.leaky_relu, {}),
                   (lambda t: nn.leaky_relu(t, negative_slope=0.2), {"negative_slope": 0.2})],
    "linear": [(nn.identity, {})],
    "log_sigmoid": [(nn.log_sigmoid, {})],
    "mish": [(nn.mish, {})],
    "relu": [(nn.relu, {})],
    "relu6": [(nn.relu6, {})],
    "selu": [(nn.selu, {})],
    "sigmoid": [(nn.sigmoid, {})],
    "silu": [(nn.silu, {})],
    # JAX's softplus is the exact function: the package's without PyTorch's threshold
    "softplus": [(nn.softplus, {"threshold": math.inf})],
    "softsign": [(nn.soft_sign, {})],
    "sparse_plus": [(nn.sparse_plus, {})],
    "sparse_sigmoid": [(nn.sparse_sigmoid, {})],
    "squareplus": [(nn.squareplus, {}), (lambda t: nn.squareplus(t, b=2.0), {"b": 2.0})],
    "step": [(lambda t: jnp.heaviside(t, 0.0), {}),
             (lambda t: jnp.heaviside(t, 0.5), {"value_at_zero": 0.5}),
             (lambda t: jnp.heaviside(t, -1.0), {"x2": -1.0})],
    "tanh": [(jnp.tanh, {})],
}  # fmt: skip
VECTOR = {
    "softmax": lambda t: nn.softmax(t, axis=-1),
    "log_softmax": lambda t: nn.log_softmax(t, axis=-1),
    "glu": lambda t: nn.glu(t, axis=-1),
    "logsumexp": lambda t: nn.logsumexp(t, axis=-1, keepdims=True),
}
# The kinks where JAX's gradient takes another value than the package (which follows PyTorch):
# (name, kink) -> JAX's derivative there. At every other kink the two agree.
JAX_AT_KINKS = {
    ("hard_tanh", -1.0): 1.0, ("hard_tanh", 1.0): 1.0,  # JAX: 1 at both corners; PyTorch: 0
    ("leaky_relu", 0.0): 1.0,  # JAX: 1; PyTorch and the package: the slope
    # JAX clips x + 1 to [0, 2], and jnp.clip's gradient at a bound is the mean of the sides
    ("sparse_sigmoid", -1.0): 0.25, ("sparse_sigmoid", 1.0): 0.25,
}  # fmt: skip
# Floats next to a kink that JAX's formula moves onto it: it computes relu6(x + 3) and
# clip(x + 1, 0, 2), and x + 3 (x + 1) rounds to 6 (2) for the float just below 3 (the floats
# on both sides of 1). There JAX's derivative is its value at the kink. (name, kink) -> sides.
JAX_ROUNDS_ONTO_KINK = {
    ("hard_sigmoid", 3.0): ("below",), ("hard_swish", 3.0): ("below",),
    ("sparse_sigmoid", 1.0): ("below", "above"),
}  # fmt: skip
# Agreement: a few units in the last place of each dtype, relative, or absolute at the scale
# of 1 (for float32, JAX's tanh' = 1 - tanh^2 is 0 once tanh rounds to -1).
TOLERANCE = {np.float64: (1e-12, 1e-15), np.float32: (4e-6, 5e-7)}
# JAX's tanh form of GELU, 0.5 x (1 + tanh u), cancels in the left tail, where tanh u -> -1: at
# x = -7 it is off by 3e-15 in float64, and in float32 it gives 0 for -1e-7 and its derivative
# 0 for -3.2e-6 (at x = -4.88, where the package's float32 value is within 2e-12 of the float64
# one). Absolute floors there.
TANH_GELU_ATOL = {np.float64: 1e-13, np.float32: 4e-6}
# JAX's squareplus, (x + sqrt(x^2 + b)) / 2, cancels for x << 0 (at x = -700 it has lost 10
# digits in float64 and 3 in float32); it is compared where it has its precision, |x| <= 12,
# and the package's tail is checked against mpmath in test_catalog.
CANCELS_BEYOND = {"squareplus": 12.0}
FLOATS = [np.float32, np.float64]


def _points(f, name: str, dtype) -> np.ndarray:
    return points(f, dtype, limit=CANCELS_BEYOND.get(name, np.inf))


def _jax_at_kink(f, name: str, kink: float) -> float:
    """JAX's derivative at a kink: the package's, unless listed in JAX_AT_KINKS."""
    return JAX_AT_KINKS.get((name, kink), float(f.derivative(kink)))


def _jax_value_and_grad(fn, x: np.ndarray, grad: bool):
    t = jnp.asarray(x)
    y = np.asarray(fn(t))
    if not grad:
        return y, None
    return y, np.asarray(jax.vmap(jax.grad(fn))(t))


CASES = [(name, fn, params, dtype) for name, cases in ELEMENTWISE.items() for fn, params in cases
         for dtype in FLOATS]  # fmt: skip


def test_every_function_jax_has_is_checked():
    named = {n for n in activations.names() if "jax" in activations.get(n).reference_names}
    assert named == set(ELEMENTWISE) | set(VECTOR)
    for name, kink in [*JAX_AT_KINKS, *JAX_ROUNDS_ONTO_KINK]:
        assert kink in activations.get(name).kinks


def test_every_jax_name_the_pages_give_is_in_jax():
    assert_library_names_exist("jax", "jax.")


@pytest.mark.parametrize(
    ("name", "fn", "params", "dtype"), CASES,
    ids=[f"{n}-{np.dtype(d).name}" + (f"-{p}" if p else "") for n, _, p, d in CASES],
)
def test_forward_and_derivative_agree_with_jax(name, fn, params, dtype):
    f = activations.get(name, **params)
    x = _points(f, name, dtype)
    y, g = _jax_value_and_grad(fn, x, grad=True)
    assert y.dtype == g.dtype == f(x).dtype == dtype
    rtol, atol = TOLERANCE[dtype]
    if params.get("approximate") == "tanh":
        atol = TANH_GELU_ATOL[dtype]
    np.testing.assert_allclose(f(x), y, rtol=rtol, atol=atol)
    d = f.derivative(x)
    special = np.isin(x, np.array(f.kinks, dtype))
    for k in f.kinks:  # the kink conventions, and the neighbours JAX rounds onto a kink
        expected = _jax_at_kink(f, name, k)
        below, above = (float(v[0]) for v in neighbours(np.array([k], dtype), dtype))
        points = [k] + [{"below": below, "above": above}[side]
                        for side in JAX_ROUNDS_ONTO_KINK.get((name, k), ())]
        for point in points:
            assert g[x == point][0] == pytest.approx(expected, rel=rtol, abs=0), (name, point)
            special |= x == point
    np.testing.assert_allclose(d[~special], g[~special], rtol=rtol, atol=atol)


@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("name", sorted(VECTOR))
def test_vector_functions_and_their_backward_agree_with_jax(name, dtype):
    f = activations.get(name)
    x, rng = vector_input(dtype)
    y, vjp = jax.vjp(VECTOR[name], jnp.asarray(x))
    g_out = rng.normal(size=y.shape).astype(dtype)
    (g,) = vjp(jnp.asarray(g_out))
    rtol, atol = TOLERANCE[dtype]
    assert f(x).dtype == np.asarray(y).dtype == dtype
    np.testing.assert_allclose(f(x), np.asarray(y), rtol=10 * rtol, atol=atol)
    np.testing.assert_allclose(f.backward(x, g_out), np.asarray(g), rtol=10 * rtol,
                               atol=10 * atol)


@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize(("name", "alpha"), [("elu", [0.5, -0.5, 1.0, 2.0]),
                                            ("celu", [0.25, 1.0, 2.0, 8.0])])
def test_an_array_alpha_agrees_with_jax(name, alpha, dtype):
    """JAX's elu and celu take alpha as an array that broadcasts against x, one per unit."""
    alpha = np.array(alpha)
    f = activations.get(name, alpha=alpha)
    x = np.random.default_rng(6).normal(scale=4.0, size=(200, alpha.size)).astype(dtype)
    x[0] = [-700.0, -50.0, 50.0, 700.0]
    fn = lambda t: getattr(nn, name)(t, jnp.asarray(alpha, dtype))  # noqa: E731
    y = np.asarray(fn(jnp.asarray(x)))
    g = np.asarray(jax.grad(lambda t: fn(t).sum())(jnp.asarray(x)))  # elementwise: the derivative
    rtol, atol = TOLERANCE[dtype]
    assert f(x).dtype == f.derivative(x).dtype == y.dtype == dtype
    np.testing.assert_allclose(f(x), y, rtol=rtol, atol=atol)
    np.testing.assert_allclose(f.derivative(x), g, rtol=rtol, atol=atol)


def test_jax_kink_conventions_are_what_the_pages_say():
    for (name, kink), value in JAX_AT_KINKS.items():
        fn = ELEMENTWISE[name][0][0]
        assert float(jax.grad(fn)(jnp.float64(kink))) == value
        assert activations.get(name).derivative(kink) != value  # the package follows PyTorch
