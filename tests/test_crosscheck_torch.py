"""The catalog against PyTorch: every function PyTorch has, forward and autograd derivative, in
float32 and float64, on a grid that includes the kinks.

At every kink the derivative is PyTorch's autograd value exactly (the package follows PyTorch's
conventions there). Other libraries differ: JAX and Keras give 1 at the kinks of ``hard_tanh`` (``x = ±1``) and
``leaky_relu`` (``x = 0``), where PyTorch gives 0 and the slope, as this package does.
"""

from __future__ import annotations

import numpy as np
import pytest
from _crosscheck import assert_library_names_exist, required, vector_input

import activations

torch = required("torch")  # CI installs the crosscheck extra: a missing PyTorch fails there
F = torch.nn.functional

# name -> (PyTorch function of a float64 tensor, the package's parameters): the defaults, and
# non-default values where PyTorch has the same parameter.
ELEMENTWISE = {
    "celu": [(lambda t: F.celu(t), {}), (lambda t: F.celu(t, alpha=2.0), {"alpha": 2.0})],
    "elu": [(lambda t: F.elu(t), {}), (lambda t: F.elu(t, alpha=0.5), {"alpha": 0.5}),
            (lambda t: F.elu(t, alpha=-0.5), {"alpha": -0.5})],
    "exponential": [(torch.exp, {})],
    "gelu": [(lambda t: F.gelu(t), {}),
             (lambda t: F.gelu(t, approximate="tanh"), {"approximate": "tanh"})],
    "hard_shrink": [(lambda t: F.hardshrink(t), {}),
                    (lambda t: F.hardshrink(t, lambd=2.0), {"lambd": 2.0})],
    "hard_sigmoid": [(F.hardsigmoid, {})],
    "hard_swish": [(F.hardswish, {})],
    "hard_tanh": [(F.hardtanh, {}),
                  (lambda t: F.hardtanh(t, min_val=0.0, max_val=2.0),
                   {"min_val": 0.0, "max_val": 2.0})],
    "leaky_relu": [(F.leaky_relu, {}),
                   (lambda t: F.leaky_relu(t, 0.2), {"negative_slope": 0.2})],
    "linear": [(lambda t: t * 1.0, {})],
    "log_sigmoid": [(F.logsigmoid, {})],
    "mish": [(F.mish, {})],
    "prelu": [(lambda t: F.prelu(t, torch.tensor([0.25], dtype=t.dtype)), {})],
    "relu": [(F.relu, {})],
    "relu6": [(F.relu6, {})],
    "rrelu": [(lambda t: F.rrelu(t, training=False), {}),
              (lambda t: F.rrelu(t, 0.1, 0.3, training=False), {"lower": 0.1, "upper": 0.3})],
    "selu": [(F.selu, {})],
    "sigmoid": [(torch.sigmoid, {})],
    "silu": [(F.silu, {})],
    "soft_shrink": [(F.softshrink, {}), (lambda t: F.softshrink(t, 2.0), {"lambd": 2.0})],
    "softplus": [(F.softplus, {}),
                 (lambda t: F.softplus(t, beta=3.0, threshold=10.0),
                  {"beta": 3.0, "threshold": 10.0})],
    "softsign": [(F.softsign, {})],
    "tanh": [(torch.tanh, {})],
    "tanh_shrink": [(F.tanhshrink, {})],
    "threshold": [(lambda t: F.threshold(t, 0.0, 0.0), {}),
                  (lambda t: F.threshold(t, 1.0, -2.0), {"threshold": 1.0, "value": -2.0})],
    "thresholded_relu": [(lambda t: F.threshold(t, 1.0, 0.0), {})],
    "step": [(lambda t: torch.heaviside(t, torch.zeros_like(t)), {}),
             (lambda t: torch.heaviside(t, torch.full_like(t, 0.5)), {"value_at_zero": 0.5}),
             (lambda t: torch.heaviside(t, torch.full_like(t, 2.0)), {"values": 2.0})],
}  # fmt: skip
VECTOR = {
    "softmax": lambda t: F.softmax(t, dim=-1),
    "log_softmax": lambda t: F.log_softmax(t, dim=-1),
    "softmin": lambda t: F.softmin(t, dim=-1),
    "glu": lambda t: F.glu(t, dim=-1),
    "logsumexp": lambda t: torch.logsumexp(t, dim=-1, keepdim=True),
}
NO_TORCH_GRADIENT = {"step"}  # torch.heaviside has no derivative formula
# PyTorch's hardsigmoid backward multiplies by 1/6 rounded to float32 (0.16666667163...) even in
# float64, so on the ramp its derivative is 3e-8 above the exact 1/6 that the package gives.
FLOAT32_SLOPE = {"hard_sigmoid": float(np.float32(1 / 6))}
# The tanh form of GELU's derivative in PyTorch loses a few digits where it is near 0.
DERIVATIVE_ATOL = {"gelu": 1e-14}


def _differences(ours: np.ndarray, theirs: np.ndarray) -> tuple[float, float]:
    """The largest absolute difference and the largest difference in units of the last place."""
    finite = np.isfinite(theirs)
    assert np.array_equal(np.isfinite(ours), finite)
    assert (ours[~finite] == theirs[~finite]).all()
    a, b = ours[finite], theirs[finite]
    ulp = np.abs(a - b) / np.spacing(np.maximum(np.abs(b), np.finfo(np.float64).tiny))
    return float(np.max(np.abs(a - b), initial=0.0)), float(np.max(ulp, initial=0.0))


def _grid(f, dtype=np.float64) -> np.ndarray:
    k = np.array(f.kinks, dtype)
    kinks = np.concatenate([k, np.nextafter(k, dtype(-np.inf)), np.nextafter(k, dtype(np.inf))])
    grid = np.concatenate([np.linspace(-12, 12, 4801), [-700.0, -50.0, 50.0, 700.0]])
    return np.unique(np.concatenate([grid.astype(dtype), kinks]))


def _neighbours32(f) -> tuple[np.ndarray, np.ndarray]:
    k = np.array(f.kinks, np.float32)
    return np.nextafter(k, np.float32(-np.inf)), np.nextafter(k, np.float32(np.inf))


def _torch_value_and_grad(fn, x: np.ndarray, grad: bool) -> tuple[np.ndarray, np.ndarray | None]:
    t = torch.tensor(x, requires_grad=grad)  # of x's dtype
    y = fn(t)
    if not grad:
        return y.detach().numpy(), None
    (g,) = torch.autograd.grad(y.sum(), t)
    return y.detach().numpy(), g.numpy()


CASES = [(name, fn, params) for name, cases in ELEMENTWISE.items() for fn, params in cases]
# float32: a few units in the last place relative, or absolute at the scale of 1 (PyTorch's
# float32 x - tanh x and tanh' = 1 - tanh^2 cancel, as in float64 but 9 digits earlier)
FLOAT32_TOLERANCE = (4e-6, 5e-7)
FLOAT32_DERIVATIVE_ATOL = {"gelu": 4e-6}  # the tanh form, as in float64


@pytest.mark.parametrize(("name", "fn", "params"), CASES,
                         ids=[f"{n}-{p}" if p else n for n, _, p in CASES])
def test_forward_and_derivative_agree_with_pytorch_in_float32(name, fn, params):
    f = activations.get(name, **params)
    x = _grid(f, np.float32)
    y, g = _torch_value_and_grad(fn, x, name not in NO_TORCH_GRADIENT)
    assert f(x).dtype == y.dtype == np.float32
    rtol, atol = FLOAT32_TOLERANCE
    kinks = np.isin(x, np.array(f.kinks, np.float32))
    # Where f jumps (softplus at threshold / beta), the float next to the jump falls on one
    # side or the other depending on how beta * x is rounded: the two libraries may differ
    # there by the jump itself, so those floats are left out of the forward comparison.
    near = kinks | np.isin(x, np.concatenate(_neighbours32(f))) if f.facts.continuity == -1 else kinks
    # PyTorch's float32 kernels differ between CPUs (its AVX-512 erf is off by 7e-7 near
    # x = -4): where the two float32 results disagree, ours must be the one that agrees with
    # PyTorch's float64 result at the same points.
    y64, g64 = _torch_value_and_grad(fn, x.astype(np.float64), g is not None)
    _assert_agree(f(x)[~near], y[~near], y64[~near], rtol=rtol, atol=atol)
    _assert_agree(f(x)[kinks], y[kinks], y64[kinks], rtol=rtol, atol=atol)
    if g is None:
        return
    d = f.derivative(x)
    np.testing.assert_allclose(d[kinks], g[kinks], rtol=1e-7, atol=0)  # the same convention
    _assert_agree(d[~near], g[~near], g64[~near], rtol=rtol,
                  atol=FLOAT32_DERIVATIVE_ATOL.get(name, atol))


def _assert_agree(ours, theirs, theirs64, *, rtol, atol) -> None:
    """``ours`` agrees with PyTorch's float32 result, or, where not, with its float64 one."""
    apart = ~np.isclose(ours, theirs, rtol=rtol, atol=atol, equal_nan=True)
    np.testing.assert_allclose(ours[apart], theirs64[apart], rtol=rtol, atol=atol)
    assert apart.sum() <= 0.01 * apart.size, f"{apart.sum()} of {apart.size} points differ"


def test_every_function_pytorch_has_is_checked():
    named = {n for n in activations.names() if "pytorch" in activations.get(n).reference_names}
    assert named == set(ELEMENTWISE) | set(VECTOR)


def test_every_pytorch_name_the_pages_give_is_in_pytorch():
    assert_library_names_exist("pytorch", "torch.")


@pytest.mark.parametrize(("name", "fn", "params"), CASES,
                         ids=[f"{n}-{p}" if p else n for n, _, p in CASES])
def test_forward_and_derivative_agree_with_pytorch(name, fn, params):
    f = activations.get(name, **params)
    x = _grid(f)
    y, g = _torch_value_and_grad(fn, x, name not in NO_TORCH_GRADIENT)
    # PyTorch's x - tanh(x) and 0.5 x (1 + erf(x / sqrt 2)) cancel near 0 and in the left tail,
    # so agreement is relative (1e-12) or absolute (1e-15), whichever is looser
    np.testing.assert_allclose(f(x), y, rtol=1e-12, atol=1e-15)
    if g is None:
        return
    d = f.derivative(x)
    kinks = np.isin(x, f.kinks)
    # the same convention at every kink, up to one rounding (softplus' sigma(20))
    np.testing.assert_allclose(d[kinks], g[kinks], rtol=1e-15, atol=0)
    if name in FLOAT32_SLOPE:
        ramp = (d != 0) & ~kinks
        assert (g[ramp] == FLOAT32_SLOPE[name]).all() and (d[ramp] == 1 / 6).all()
        return
    np.testing.assert_allclose(d[~kinks], g[~kinks], rtol=1e-12,
                               atol=DERIVATIVE_ATOL.get(name, 1e-15))


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("name", sorted(VECTOR))
def test_vector_functions_and_their_backward_agree_with_pytorch(name, dtype):
    f = activations.get(name)
    x, rng = vector_input(dtype)
    t = torch.tensor(x, requires_grad=True)
    y = VECTOR[name](t)
    g_out = rng.normal(size=tuple(y.shape)).astype(dtype)
    (g,) = torch.autograd.grad(y, t, grad_outputs=torch.tensor(g_out))
    rtol, atol = (1e-12, 1e-15) if dtype == np.float64 else (4e-6, 5e-7)
    assert f(x).dtype == f.backward(x, g_out).dtype == dtype
    assert np.allclose(f(x), y.detach().numpy(), rtol=rtol / 10, atol=atol)
    if name == "logsumexp" and dtype == np.float32:
        # PyTorch's backward is exp(x - logsumexp x) with the float32 logsumexp, which at
        # |x| = 1000 is rounded by 3e-5: that much error in exp; the package shifts by the max
        atol = 5e-5
    assert np.allclose(f.backward(x, g_out), g.numpy(), rtol=rtol, atol=atol)
