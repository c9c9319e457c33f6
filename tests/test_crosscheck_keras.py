"""The catalog against Keras 3 (on its JAX backend): every function Keras has, forward, in
float32 and float64, at random points and at the kinks.

Keras keeps float64 as float64 (JAX's 64-bit mode is on, as in test_crosscheck_jax.py) except
in `FLOAT32_ONLY`, which is asserted. Without Keras the tests skip locally; with ``CI=true`` a
missing Keras is an error, since CI installs the ``crosscheck`` extra.
"""

from __future__ import annotations

import math
import os

import numpy as np
import pytest
from _crosscheck import assert_library_names_exist, points, required, vector_input

import activations

os.environ.setdefault("KERAS_BACKEND", "jax")  # Keras 3 without TensorFlow
jax = required("jax")
jax.config.update("jax_enable_x64", True)  # float64 arrays stay float64, as in JAX's checks
keras = required("keras")
K = keras.activations

# name -> [(Keras function of an array, the package's parameters)]: the defaults, and the
# package's parameters that give Keras' function where the defaults differ.
ELEMENTWISE = {
    "celu": [(K.celu, {}), (lambda t: K.celu(t, alpha=2.0), {"alpha": 2.0})],
    "elu": [(K.elu, {}), (lambda t: K.elu(t, alpha=0.5), {"alpha": 0.5})],
    "exponential": [(K.exponential, {})],
    "gelu": [(K.gelu, {}), (lambda t: K.gelu(t, approximate=True), {"approximate": "tanh"})],
    "hard_shrink": [(K.hard_shrink, {}),
                    (lambda t: K.hard_shrink(t, threshold=2.0), {"lambd": 2.0})],
    "hard_sigmoid": [(K.hard_sigmoid, {})],
    "hard_swish": [(K.hard_silu, {})],
    "hard_tanh": [(K.hard_tanh, {})],
    # Keras' default slope is 0.2; the package's (and PyTorch's and JAX's) is 0.01
    "leaky_relu": [(lambda t: K.leaky_relu(t, negative_slope=0.01), {}),
                   (K.leaky_relu, {"negative_slope": 0.2})],
    "linear": [(K.linear, {})],
    "log_sigmoid": [(K.log_sigmoid, {})],
    "mish": [(K.mish, {})],
    "relu": [(K.relu, {})],
    "relu6": [(K.relu6, {})],
    "selu": [(K.selu, {})],
    "sigmoid": [(K.sigmoid, {})],
    "silu": [(K.silu, {})],
    # Keras' softplus is the exact function: the package's without PyTorch's threshold
    "softplus": [(K.softplus, {"threshold": math.inf})],
    "soft_shrink": [(K.soft_shrink, {}),
                    (lambda t: K.soft_shrink(t, threshold=2.0), {"lambd": 2.0})],
    "softsign": [(K.softsign, {})],
    "sparse_plus": [(K.sparse_plus, {})],
    "sparse_sigmoid": [(K.sparse_sigmoid, {})],
    "squareplus": [(K.squareplus, {}), (lambda t: K.squareplus(t, b=2.0), {"b": 2.0})],
    "tanh": [(K.tanh, {})],
    "tanh_shrink": [(K.tanh_shrink, {})],
    # Keras' threshold(x, threshold, default_value) is x above the threshold, the value below
    "thresholded_relu": [(lambda t: K.threshold(t, 1.0, 0.0), {}),
                         (lambda t: K.threshold(t, 2.5, 0.0), {"theta": 2.5})],
}  # fmt: skip
VECTOR = {
    "softmax": lambda t: K.softmax(t, axis=-1),
    "log_softmax": lambda t: K.log_softmax(t, axis=-1),
    "glu": lambda t: K.glu(t, axis=-1),
    "logsumexp": lambda t: keras.ops.logsumexp(t, axis=-1, keepdims=True),
}
LAYERS = {"prelu"}  # a layer in Keras (keras.layers.PReLU), checked on its own below
# Keras' sparsemax (3.15, JAX backend) takes the threshold from the sum of the cumulative sums
# over the support rather than from the cumulative sum at its end: right when the support is one
# entry, off the simplex when it is more. Checked on its own below.
WRONG = {"sparsemax"}
FLOAT32_ONLY = {"tanh"}  # Keras' tanh gives float32 for a float64 input
# As in test_crosscheck_jax.py: a few units in the last place, or absolute at the scale of 1
TOLERANCE = {np.float64: (1e-12, 1e-15), np.float32: (4e-6, 5e-7)}
# Keras' tanh form of GELU cancels in the left tail, as JAX's (which it calls) does
TANH_GELU_ATOL = {np.float64: 1e-13, np.float32: 4e-6}
# Keras' squareplus is JAX's, which cancels for x << 0: compared where it has its precision
CANCELS_BEYOND = {"squareplus": 12.0}
FLOATS = [np.float32, np.float64]

CASES = [(name, fn, params, dtype) for name, cases in ELEMENTWISE.items() for fn, params in cases
         for dtype in FLOATS]  # fmt: skip


def test_every_function_keras_has_is_checked():
    named = {n for n in activations.names() if "keras" in activations.get(n).reference_names}
    assert named == set(ELEMENTWISE) | set(VECTOR) | LAYERS | WRONG


def test_every_keras_name_the_pages_give_is_in_keras():
    assert_library_names_exist("keras", "keras.")


@pytest.mark.parametrize(
    ("name", "fn", "params", "dtype"), CASES,
    ids=[f"{n}-{np.dtype(d).name}" + (f"-{p}" if p else "") for n, _, p, d in CASES],
)
def test_forward_agrees_with_keras(name, fn, params, dtype):
    f = activations.get(name, **params)
    x = points(f, dtype, limit=CANCELS_BEYOND.get(name, np.inf))
    y = np.asarray(fn(x))
    if name in FLOAT32_ONLY and dtype == np.float64:
        assert y.dtype == np.float32, "Keras now keeps float64: move it out of FLOAT32_ONLY"
        return
    assert y.dtype == f(x).dtype == dtype
    rtol, atol = TOLERANCE[dtype]
    if params.get("approximate") == "tanh":
        atol = TANH_GELU_ATOL[dtype]
    np.testing.assert_allclose(f(x), y, rtol=rtol, atol=atol)


@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("name", sorted(VECTOR))
def test_vector_functions_agree_with_keras(name, dtype):
    f = activations.get(name)
    x, _ = vector_input(dtype)
    y = np.asarray(VECTOR[name](x))
    rtol, atol = TOLERANCE[dtype]
    assert f(x).dtype == y.dtype == dtype
    np.testing.assert_allclose(f(x), y, rtol=10 * rtol, atol=atol)


def test_prelu_agrees_with_the_keras_layer():
    """Keras' PReLU is a layer that learns one slope per unit, initialised to 0 by default:
    with the package's initial slope, 0.25, it is the package's function."""
    layer = keras.layers.PReLU(alpha_initializer=keras.initializers.Constant(0.25))
    x, _ = vector_input(np.float32)
    y = np.asarray(layer(x))
    assert tuple(layer.alpha.shape) == x.shape[1:]
    rtol, atol = TOLERANCE[np.float32]
    np.testing.assert_allclose(activations.prelu(x), y, rtol=rtol, atol=atol)
    slopes = np.linspace(-0.5, 0.5, x.shape[1]).astype(np.float32)
    layer.alpha.assign(slopes)
    np.testing.assert_allclose(activations.prelu(x, weight=slopes), np.asarray(layer(x)),
                               rtol=rtol, atol=atol)


@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: np.dtype(d).name)
def test_keras_sparsemax_agrees_where_its_support_is_one_entry_only(dtype):
    """Where the sparsemax keeps one entry, Keras' agrees with the package; where it keeps more,
    Keras' output does not sum to 1 (`WRONG`), and the package's does."""
    x, _ = vector_input(dtype)
    ours, theirs = activations.sparsemax(x), np.asarray(K.sparsemax(x, axis=-1))
    assert theirs.dtype == ours.dtype == dtype
    rtol, atol = TOLERANCE[dtype]
    one = (ours > 0).sum(axis=-1) == 1
    assert one.any() and (~one).any()
    np.testing.assert_allclose(ours[one], theirs[one], rtol=10 * rtol, atol=atol)
    np.testing.assert_allclose(ours.sum(axis=-1), 1.0, rtol=10 * rtol)
    off = np.abs(theirs[~one].sum(axis=-1) - 1) > 1e-3
    assert off.all(), "Keras' sparsemax is right now: check it with the other vector functions"
