"""Generated data sets: shapes, dtypes, seeding, geometry, and argument errors."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from activations import datasets

RANDOM: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "moons": datasets.moons,
    "circles": datasets.circles,
    "spirals": datasets.spirals,
    "blobs": datasets.blobs,
    "sine": datasets.sine,
    "cubic": datasets.cubic,
    "parabola": datasets.parabola,
}


def test_gates() -> None:
    for fn, truth in [(datasets.xor, [0, 1, 1, 0]), (datasets.and_gate, [0, 0, 0, 1]),
                      (datasets.or_gate, [0, 1, 1, 1])]:
        X, y = fn()
        assert X.dtype == np.float64 and X.shape == (4, 2)
        assert y.dtype == np.int64 and y.tolist() == truth
    X, y = datasets.xor()
    assert np.array_equal(y, np.logical_xor(X[:, 0], X[:, 1]))
    X[0, 0] = 5.0  # each call returns fresh arrays
    assert datasets.xor()[0][0, 0] == 0.0


@pytest.mark.parametrize("name", RANDOM)
def test_seeded_and_shaped(name: str) -> None:
    fn = RANDOM[name]
    X, y = fn(60, seed=4)
    X2, y2 = fn(60, seed=np.random.default_rng(4))
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert X.dtype == np.float64 and X.ndim == 2 and X.shape[0] == 60 and y.shape == (60,)
    assert X.flags.c_contiguous
    X3, _ = fn(60, seed=5)
    assert not np.array_equal(X, X3)
    classification = name in ("moons", "circles", "spirals", "blobs")
    assert y.dtype == (np.int64 if classification else np.float64)


def test_classification_geometry() -> None:
    X, y = datasets.moons(101, noise=0.0, seed=0)
    assert np.bincount(y).tolist() == [51, 50]
    upper = X[y == 0]
    assert np.allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0)
    X, y = datasets.circles(200, noise=0.0, factor=0.3, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    assert np.allclose(r[y == 0], 1.0) and np.allclose(r[y == 1], 0.3)
    X, y = datasets.spirals(400, classes=4, noise=0.0, seed=0)
    assert np.bincount(y).tolist() == [100] * 4
    assert np.hypot(X[:, 0], X[:, 1]).max() <= 1.0 + 1e-12
    X, y = datasets.blobs(300, centers=3, std=0.1, seed=0)
    assert np.bincount(y).tolist() == [100] * 3
    for k in range(3):  # tight clusters
        assert X[y == k].std(axis=0).max() < 0.15


def test_shuffled_not_sorted_by_class() -> None:
    _, y = datasets.moons(100, seed=0)
    assert not np.array_equal(y, np.sort(y))


def test_regression_targets() -> None:
    X, y = datasets.sine(300, noise=0.0, seed=0)
    assert np.all(np.diff(X[:, 0]) >= 0)
    assert X.min() >= -np.pi and X.max() <= np.pi and np.allclose(y, np.sin(X[:, 0]))
    X, y = datasets.cubic(300, noise=0.0, seed=0)
    assert np.allclose(y, X[:, 0] ** 3)
    assert (y < 0).mean() > 0.4 and y.min() < -5 and y.max() > 5
    X, y = datasets.parabola(300, noise=0.5, seed=0)
    assert y.min() >= 0 and np.all(y >= X[:, 0] ** 2)
    X, y = datasets.sine(300, noise=0.2, seed=0)
    assert (y - np.sin(X[:, 0])).std() == pytest.approx(0.2, rel=0.2)


def test_errors() -> None:
    with pytest.raises(ValueError, match="moons: n must be an integer >= 2, got 1"):
        datasets.moons(1)
    with pytest.raises(TypeError, match="moons: n must be an integer, got float"):
        datasets.moons(10.0)
    with pytest.raises(ValueError, match="circles: noise must be >= 0, got -0.1"):
        datasets.circles(noise=-0.1)
    with pytest.raises(ValueError, match="circles: factor must be < 1.0, got 1.5"):
        datasets.circles(factor=1.5)
    with pytest.raises(ValueError, match="spirals: classes must be an integer >= 2, got 1"):
        datasets.spirals(classes=1)
    with pytest.raises(ValueError, match=r"spirals: n must be at least classes \(5\), got 3"):
        datasets.spirals(3, classes=5)
    with pytest.raises(ValueError, match="blobs: centers must be a positive int or a finite array"):
        datasets.blobs(centers=[1.0, 2.0])
    with pytest.raises(ValueError, match=r"blobs: n must be at least the number of centres \(3\), got 2"):
        datasets.blobs(2, centers=3)
    with pytest.raises(ValueError, match="sine: n must be a positive integer, got 0"):
        datasets.sine(0)
    with pytest.raises(ValueError, match="moons: noise must be finite, got nan"):
        datasets.moons(noise=float("nan"))
    with pytest.raises(TypeError, match="parabola: seed must be an int, a numpy.random.Generator or None"):
        datasets.parabola(seed="x")
