"""Initializers: shapes, dtypes, seeding, the variance each promises, and their errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from activations import initializers

SHAPE = (300, 500)  # 150,000 draws: the standard error of a variance estimate is ~0.4 %

# name -> variance of each entry for SHAPE (fan_in = 300, fan_out = 500)
SCALED = {
    "glorot_uniform": 2 / (300 + 500),
    "glorot_normal": 2 / (300 + 500),
    "he_uniform": 2 / 300,
    "he_normal": 2 / 300,
    "lecun_uniform": 1 / 300,
    "lecun_normal": 1 / 300,
}


@pytest.mark.parametrize("name", initializers.names())
def test_shape_dtype_and_seeding(name: str) -> None:
    init = initializers.get(name)
    a = init((6, 4), rng=3)
    assert a.shape == (6, 4) and a.dtype == np.float64
    assert np.array_equal(a, init((6, 4), rng=3))  # same seed, same bits
    assert init((6, 4), rng=np.random.default_rng(1), dtype=np.float32).dtype == np.float32


@pytest.mark.parametrize(("name", "variance"), SCALED.items())
def test_scaled_families_have_the_promised_variance(name: str, variance: float) -> None:
    w = initializers.get(name)(SHAPE, rng=0)
    assert abs(w.mean()) < 0.02 * math.sqrt(variance)
    assert w.var() == pytest.approx(variance, rel=0.02)


@pytest.mark.parametrize("name", ["glorot_uniform", "he_uniform", "lecun_uniform"])
def test_uniform_limits(name: str) -> None:
    w = initializers.get(name)(SHAPE, rng=0)
    limit = math.sqrt(3 * SCALED[name])
    assert np.abs(w).max() <= limit
    assert np.abs(w).max() > 0.99 * limit  # the whole interval is used


@pytest.mark.parametrize("name", ["glorot_normal", "he_normal", "lecun_normal"])
def test_normal_families_are_truncated_at_two_standard_deviations(name: str) -> None:
    w = initializers.get(name)(SHAPE, rng=0)
    bound = 2 * math.sqrt(SCALED[name]) / 0.87962566103423978
    assert np.abs(w).max() <= bound
    assert np.abs(w).max() > 0.99 * bound


def test_random_normal_and_uniform_moments() -> None:
    w = initializers.random_normal(mean=1.5, stddev=2.0)(SHAPE, rng=0)
    assert abs(w.mean() - 1.5) < 0.02 * 2.0
    assert w.var() == pytest.approx(4.0, rel=0.02)
    u = initializers.random_uniform(-1.0, 3.0)(SHAPE, rng=0)
    assert u.mean() == pytest.approx(1.0, abs=0.02 * 4 / math.sqrt(12))
    assert u.var() == pytest.approx(16 / 12, rel=0.02)
    assert u.min() >= -1.0 and u.max() < 3.0


def test_keras_defaults() -> None:
    assert initializers.random_normal().params == {"mean": 0.0, "stddev": 0.05}
    assert initializers.random_uniform().params == {"minval": -0.05, "maxval": 0.05}
    assert initializers.orthogonal().params == {"gain": 1.0}
    assert initializers.constant().params == {"value": 0.0}


def test_constants() -> None:
    assert np.array_equal(initializers.zeros((2, 3), rng=0), np.zeros((2, 3)))
    assert np.array_equal(initializers.ones(4, rng=0), np.ones(4))
    assert np.array_equal(initializers.get("constant", value=-2.5)((3,)), np.full(3, -2.5))


@pytest.mark.parametrize("shape", [(5, 5), (8, 3), (3, 8), (2, 3, 4)])
def test_orthogonal_is_orthogonal(shape: tuple[int, ...]) -> None:
    gain = 1.7
    q = initializers.orthogonal(gain)(shape, rng=0).reshape(-1, shape[-1])
    rows, cols = q.shape
    gram = q.T @ q if rows >= cols else q @ q.T
    assert np.allclose(gram, gain**2 * np.eye(min(rows, cols)), atol=1e-12)


def test_orthogonal_is_not_always_the_same_matrix() -> None:
    a = initializers.orthogonal()((4, 4), rng=0)
    b = initializers.orthogonal()((4, 4), rng=1)
    assert not np.allclose(a, b)


def test_fans_of_higher_rank_shapes() -> None:
    # (3, 3, 16, 32): receptive field 9, fan_in 144, fan_out 288
    w = initializers.he_uniform((3, 3, 16, 32), rng=0)
    assert np.abs(w).max() <= math.sqrt(6 / 144)
    assert w.var() == pytest.approx(2 / 144, rel=0.05)


def test_aliases_are_the_same_objects() -> None:
    assert initializers.xavier_uniform is initializers.glorot_uniform
    assert initializers.xavier_normal is initializers.glorot_normal
    assert initializers.kaiming_uniform is initializers.he_uniform
    assert initializers.kaiming_normal is initializers.he_normal
    assert initializers.get("Kaiming_Normal") is initializers.he_normal


def test_get_passes_objects_and_wraps_callables() -> None:
    init = initializers.orthogonal(2.0)
    assert initializers.get(init) is init

    def halves(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        return np.full(shape, 0.5)

    custom = initializers.get(halves)
    assert custom.name == "custom"
    assert np.array_equal(custom((2,), rng=0, dtype=np.float32), np.full(2, 0.5, np.float32))


def test_config_round_trip() -> None:
    init = initializers.random_uniform(-0.2, 0.3)
    config = init.get_config()
    again = initializers.get(config["name"], **config["params"])
    assert np.array_equal(init((3, 3), rng=5), again((3, 3), rng=5))


def test_errors() -> None:
    with pytest.raises(ValueError, match=r"unknown initializer 'he_norml'\. Did you mean 'he_normal'"):
        initializers.get("he_norml")
    with pytest.raises(ValueError, match="glorot_uniform takes no parameters"):
        initializers.get("glorot_uniform", gain=2.0)
    with pytest.raises(ValueError, match=r"random_normal has no parameter\(s\) \['std'\]"):
        initializers.get("random_normal", std=1.0)
    with pytest.raises(ValueError, match="random_normal: stddev must be > 0, got 0.0"):
        initializers.random_normal(stddev=0.0)
    with pytest.raises(ValueError, match="maxval must be greater than minval, got 1.0 and 1.0"):
        initializers.random_uniform(1.0, 1.0)
    with pytest.raises(ValueError, match="orthogonal: gain must be > 0"):
        initializers.orthogonal(-1.0)
    with pytest.raises(ValueError, match="orthogonal: shape must have at least 2 dimensions"):
        initializers.orthogonal()((4,), rng=0)
    with pytest.raises(TypeError, match="constant: value must be a real number, got str"):
        initializers.constant("1")
    with pytest.raises(ValueError, match=r"shape must not have negative sizes, got \(2, -1\)"):
        initializers.zeros((2, -1))
    with pytest.raises(TypeError, match="shape must contain integers"):
        initializers.zeros((2.0, 3))
    with pytest.raises(TypeError, match="dtype must be float16, float32 or float64, got int64"):
        initializers.zeros((2,), dtype=np.int64)
    with pytest.raises(ValueError, match="seed must be a non-negative integer, got -1"):
        initializers.he_normal((2, 2), rng=-1)
    with pytest.raises(TypeError, match="seed must be an int, a numpy.random.Generator or None"):
        initializers.he_normal((2, 2), rng=1.5)
    with pytest.raises(TypeError, match="expected an initializer name, an Initializer or a callable"):
        initializers.get(3)
    with pytest.raises(ValueError, match=r"custom initializer returned shape \(3,\), expected \(2,\)"):
        initializers.get(lambda shape, rng: np.zeros(3))((2,))


def test_more_errors() -> None:
    with pytest.raises(TypeError, match="shape must be an int or a tuple of ints, got float"):
        initializers.zeros(2.5)
    with pytest.raises(TypeError, match="dtype must be a NumPy float dtype, got 'banana'"):
        initializers.zeros((2,), dtype="banana")
    with pytest.raises(ValueError, match=r"parameters \['gain'\] given with an Initializer object"):
        initializers.get(initializers.orthogonal(), gain=2.0)
    with pytest.raises(ValueError, match=r"parameters \['value'\] given with a callable"):
        initializers.get(lambda shape, rng: np.zeros(shape), value=1.0)
    with pytest.raises(ValueError, match="random_normal: mean must be finite, got inf"):
        initializers.random_normal(mean=float("inf"))
