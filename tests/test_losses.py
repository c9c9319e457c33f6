"""Losses: values by hand, gradients against central differences, stability, errors."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from activations import losses

RNG = np.random.default_rng(0)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(z / 2))


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _numeric_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        x[i] = old
        g[i] = (up - down) / (2 * h)
    return g


def _cases() -> list[tuple[str, losses.Loss, np.ndarray, np.ndarray]]:
    n, k = 5, 3
    y_bin = RNG.integers(0, 2, (n, k)).astype(float)
    y_onehot = np.eye(k)[RNG.integers(0, k, n)]
    y_labels = RNG.integers(0, k, n)
    z = RNG.normal(size=(n, k))
    return [
        ("mse", losses.mean_squared_error(), RNG.normal(size=(n, k)), z),
        ("mae", losses.mean_absolute_error(), RNG.normal(size=(n, k)), z),
        ("bce-probs", losses.binary_crossentropy(), y_bin, _sigmoid(z)),
        ("bce-logits", losses.binary_crossentropy(from_logits=True), y_bin, z),
        ("cce-probs", losses.categorical_crossentropy(), y_onehot, _softmax(z)),
        ("cce-logits", losses.categorical_crossentropy(from_logits=True), y_onehot, z),
        ("scce-probs", losses.sparse_categorical_crossentropy(), y_labels, _softmax(z)),
        ("scce-logits", losses.sparse_categorical_crossentropy(from_logits=True), y_labels, z),
    ]


@pytest.mark.parametrize(("label", "loss", "y", "p"), _cases(), ids=[c[0] for c in _cases()])
def test_gradient_matches_central_differences(
    label: str, loss: losses.Loss, y: np.ndarray, p: np.ndarray
) -> None:
    value, grad = loss.value_and_gradient(y, p)
    assert value == loss(y, p)
    assert grad.shape == p.shape and grad.dtype == p.dtype
    numeric = _numeric_gradient(lambda q: loss(y, q), p.copy())
    assert np.allclose(grad, numeric, rtol=1e-6, atol=1e-9)


def test_values_by_hand() -> None:
    y, p = np.array([[1.0, 0.0]]), np.array([[0.8, 0.4]])
    assert losses.mean_squared_error()(y, p) == pytest.approx((0.04 + 0.16) / 2)
    assert losses.mean_absolute_error()(y, p) == pytest.approx((0.2 + 0.4) / 2)
    assert losses.binary_crossentropy()(y, p) == pytest.approx(-(math.log(0.8) + math.log(0.6)) / 2)
    q = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    expected = -(math.log(0.7) + math.log(0.8)) / 2
    assert losses.categorical_crossentropy()([[1, 0, 0], [0, 0, 1]], q) == pytest.approx(expected)
    assert losses.sparse_categorical_crossentropy()([0, 2], q) == pytest.approx(expected)
    assert losses.sparse_categorical_crossentropy()([[0], [2]], q) == pytest.approx(expected)


def test_logits_and_probabilities_agree() -> None:
    z = RNG.normal(size=(6, 1)) * 3
    y = RNG.integers(0, 2, (6, 1))
    a = losses.binary_crossentropy()(y, _sigmoid(z))
    b = losses.binary_crossentropy(from_logits=True)(y, z)
    assert a == pytest.approx(b, rel=1e-12)
    z = RNG.normal(size=(6, 4)) * 3
    labels = RNG.integers(0, 4, 6)
    a = losses.sparse_categorical_crossentropy()(labels, _softmax(z))
    b = losses.sparse_categorical_crossentropy(from_logits=True)(labels, z)
    c = losses.categorical_crossentropy(from_logits=True)(np.eye(4)[labels], z)
    assert a == pytest.approx(b, rel=1e-12) and b == pytest.approx(c, rel=1e-14)


@pytest.mark.parametrize("z", [1e3, 1e300, -1e300, 40.0, -40.0])
def test_fused_forms_are_stable_when_saturated(z: float) -> None:
    bce = losses.binary_crossentropy(from_logits=True)
    cce = losses.categorical_crossentropy(from_logits=True)
    with np.errstate(all="raise", under="ignore"):
        for y in (0.0, 1.0):
            value, grad = bce.value_and_gradient([[y]], [[z]])
            assert math.isfinite(value) and np.isfinite(grad).all()
            expected = max(z, 0) - y * z + math.log1p(math.exp(-abs(z)))
            assert value == pytest.approx(expected, rel=1e-12)
        value, grad = cce.value_and_gradient([[1.0, 0.0]], [[z, -z]])
        assert math.isfinite(value) and np.isfinite(grad).all()


def test_correct_saturated_prediction_costs_exactly_its_tiny_loss() -> None:
    # -log(sigmoid(30)) = log1p(exp(-30)): the fused form keeps full relative precision.
    value = losses.binary_crossentropy(from_logits=True)([[1.0]], [[30.0]])
    assert value == pytest.approx(math.log1p(math.exp(-30.0)), rel=1e-14)


def test_probabilities_are_clipped() -> None:
    with np.errstate(all="raise", under="ignore"):
        value = losses.binary_crossentropy()([[1.0]], [[0.0]])
        grad = losses.binary_crossentropy().gradient([[1.0]], [[0.0]])
    assert value == pytest.approx(-math.log(losses.EPSILON))
    assert np.isfinite(grad).all() and grad[0, 0] < 0


def test_float32_is_kept() -> None:
    p = np.array([[0.2, 0.9]], dtype=np.float32)
    grad = losses.mean_squared_error().gradient(np.array([[0.0, 1.0]], np.float32), p)
    assert grad.dtype == np.float32
    grad = losses.binary_crossentropy().gradient([[0, 1]], p)
    assert grad.dtype == np.float32


def test_one_dimensional_predictions_keep_their_shape() -> None:
    grad = losses.mean_squared_error().gradient([0.0, 1.0, 2.0], [1.0, 1.0, 1.0])
    assert grad.shape == (3,)
    assert np.allclose(grad, [2 / 3, 0.0, -2 / 3])


def test_registry() -> None:
    assert losses.names() == sorted(
        ["mean_squared_error", "mean_absolute_error", "binary_crossentropy",
         "categorical_crossentropy", "sparse_categorical_crossentropy"]
    )
    for alias, name in [("mse", "mean_squared_error"), ("MAE", "mean_absolute_error"),
                        ("bce", "binary_crossentropy"), ("cce", "categorical_crossentropy"),
                        ("scce", "sparse_categorical_crossentropy")]:
        assert losses.get(alias).name == name
    loss = losses.get("bce", from_logits=True)
    assert loss.from_logits and losses.get(loss) is loss
    assert losses.get(losses.binary_crossentropy).name == "binary_crossentropy"
    again = losses.get(loss.get_config()["name"], **loss.get_config()["params"])
    assert again.from_logits and again.name == loss.name


def test_errors() -> None:
    with pytest.raises(ValueError, match=r"unknown loss 'binary_crossentrpy'\. Did you mean 'binary_crossentropy'"):
        losses.get("binary_crossentrpy")
    with pytest.raises(ValueError, match=r"mean_squared_error has no parameter\(s\) \['from_logits'\]"):
        losses.get("mse", from_logits=True)
    with pytest.raises(TypeError, match="expected a loss name, a Loss or a factory"):
        losses.get(len)
    with pytest.raises(TypeError, match="from_logits must be True or False, got 1"):
        losses.binary_crossentropy(from_logits=1)
    with pytest.raises(ValueError, match=r"needs labels in \{0, 1\}, found 0.5 at index \(1, 0\)"):
        losses.binary_crossentropy()([1, 0.5], [0.2, 0.3])
    with pytest.raises(ValueError, match=r"labels must be integers in \[0, 2\] for 3 output classes, found 3 at index 1"):
        losses.sparse_categorical_crossentropy()([0, 3], np.full((2, 3), 1 / 3))
    with pytest.raises(ValueError, match=r"found 1.5 at index 0"):
        losses.sparse_categorical_crossentropy()([1.5, 0], np.full((2, 3), 1 / 3))
    with pytest.raises(ValueError, match="for integer class labels use sparse_categorical_crossentropy"):
        losses.categorical_crossentropy()([0, 2], np.full((2, 3), 1 / 3))
    with pytest.raises(ValueError, match="one-hot .* rows: values in \\[0, 1\\] summing to 1"):
        losses.categorical_crossentropy()([[1, 1, 0]], [[0.2, 0.3, 0.5]])
    with pytest.raises(ValueError, match=r"y_true has shape \(3, 1\) but the predictions have shape \(2, 1\)"):
        losses.mean_squared_error()([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match=r"y_pred contains 1 NaN or infinite value\(s\) \(first at index \(1, 0\)\)"):
        losses.mean_absolute_error()([1.0, 2.0], [1.0, np.nan])
    with pytest.raises(TypeError, match="losses.mean_squared_error: y_pred: expected real numbers"):
        losses.mean_squared_error()([1.0], ["a"])
    with pytest.raises(ValueError, match=r"from_logits=True applies only to cross-entropies"):
        losses._MeanSquaredError(from_logits=True)


def test_matches_pytorch() -> None:
    torch = pytest.importorskip("torch")
    z = RNG.normal(size=(7, 3)) * 4
    y = RNG.integers(0, 2, (7, 3)).astype(float)
    zt = torch.tensor(z, requires_grad=True)
    ref = torch.nn.functional.binary_cross_entropy_with_logits(zt, torch.tensor(y))
    ref.backward()
    value, grad = losses.binary_crossentropy(from_logits=True).value_and_gradient(y, z)
    assert value == pytest.approx(ref.item(), rel=1e-12)
    assert np.allclose(grad, zt.grad.numpy(), rtol=1e-10, atol=1e-15)
    labels = RNG.integers(0, 3, 7)
    zt = torch.tensor(z, requires_grad=True)
    ref = torch.nn.functional.cross_entropy(zt, torch.tensor(labels))
    ref.backward()
    value, grad = losses.sparse_categorical_crossentropy(from_logits=True).value_and_gradient(labels, z)
    assert value == pytest.approx(ref.item(), rel=1e-12)
    assert np.allclose(grad, zt.grad.numpy(), rtol=1e-10, atol=1e-15)


def test_more_errors() -> None:
    with pytest.raises(ValueError, match=r"y_pred must be 1-D or 2-D \(samples, outputs\) and non-empty, got shape \(0,\)"):
        losses.mean_squared_error()([], [])
    with pytest.raises(ValueError, match=r"parameters \['from_logits'\] given with a Loss object"):
        losses.get(losses.binary_crossentropy(), from_logits=True)
    with pytest.raises(ValueError, match=r"y_true must be integer class labels of shape \(2,\), got shape \(2, 3\); for one-hot targets use categorical_crossentropy"):
        losses.sparse_categorical_crossentropy()(np.eye(3)[:2], np.full((2, 3), 1 / 3))
    with pytest.raises(ValueError, match=r"losses.mean_squared_error.value_and_gradient: y_true has shape"):
        losses.mean_squared_error().value_and_gradient([1.0, 2.0], [1.0])
