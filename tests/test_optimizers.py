"""Optimizers: single steps against hand-computed values (Keras 3 rules), state, dtype, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from activations import optimizers


def _run(opt: optimizers.Optimizer, grads: list[float], w0: float = 1.0) -> float:
    w = np.array([w0])
    for g in grads:
        opt.step([w], [np.array([g])])
    return float(w[0])


def test_sgd_plain_step() -> None:
    assert _run(optimizers.SGD(learning_rate=0.1), [0.5]) == pytest.approx(0.95, abs=1e-15)


def test_sgd_momentum_two_steps() -> None:
    # v1 = -0.1 * 2 = -0.2, w1 = 0.8; v2 = 0.9 * -0.2 - 0.1 * 1 = -0.28, w2 = 0.52
    assert _run(optimizers.SGD(0.1, momentum=0.9), [2.0, 1.0]) == pytest.approx(0.52, abs=1e-15)


def test_sgd_nesterov_two_steps() -> None:
    # v1 = -0.2, w1 = 1 + 0.9 * -0.2 - 0.2 = 0.62
    # v2 = 0.9 * -0.2 - 0.1 = -0.28, w2 = 0.62 + 0.9 * -0.28 - 0.1 = 0.268
    opt = optimizers.SGD(0.1, momentum=0.9, nesterov=True)
    assert _run(opt, [2.0, 1.0]) == pytest.approx(0.268, abs=1e-15)


def test_rmsprop_steps() -> None:
    # s1 = 0.1 * 4 = 0.4; w1 = 1 - 0.01 * 2 / sqrt(0.4 + 1e-7)
    w1 = 1 - 0.01 * 2 / math.sqrt(0.4 + 1e-7)
    assert _run(optimizers.RMSprop(learning_rate=0.01), [2.0]) == pytest.approx(w1, abs=1e-15)
    # s2 = 0.9 * 0.4 + 0.1 * 1 = 0.46
    w2 = w1 - 0.01 * 1 / math.sqrt(0.46 + 1e-7)
    assert _run(optimizers.RMSprop(learning_rate=0.01), [2.0, 1.0]) == pytest.approx(w2, abs=1e-15)


def test_rmsprop_centered_with_momentum() -> None:
    opt = optimizers.RMSprop(learning_rate=0.01, rho=0.8, momentum=0.5, centered=True)
    # s = 0.2 * 9 = 1.8, gbar = 0.2 * 3 = 0.6, denominator sqrt(1.8 - 0.36 + 1e-7)
    inc1 = 0.01 * 3 / math.sqrt(1.8 - 0.36 + 1e-7)
    # s = 0.8 * 1.8 + 0.2 * 1 = 1.64, gbar = 0.8 * 0.6 + 0.2 * -1 = 0.28
    inc2 = 0.01 * -1 / math.sqrt(1.64 - 0.28**2 + 1e-7)
    m2 = 0.5 * inc1 + inc2
    assert _run(opt, [3.0, -1.0]) == pytest.approx(1 - inc1 - m2, abs=1e-15)


def test_adam_steps() -> None:
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-7
    w, m, v = 1.0, 0.0, 0.0
    for t, g in enumerate([0.5, -2.0, 1.5], start=1):
        m += (g - m) * (1 - b1)
        v += (g * g - v) * (1 - b2)
        alpha = lr * math.sqrt(1 - b2**t) / (1 - b1**t)
        w -= alpha * m / (math.sqrt(v) + eps)
    assert _run(optimizers.Adam(learning_rate=lr), [0.5, -2.0, 1.5]) == pytest.approx(w, abs=1e-15)


def test_adam_first_step_by_hand() -> None:
    # m = 0.1 * 4 = 0.4, v = 0.001 * 16 = 0.016, alpha = 0.1 * sqrt(0.001) / 0.1
    expected = 1 - math.sqrt(0.001) * 0.4 / (math.sqrt(0.016) + 1e-7)
    assert _run(optimizers.Adam(learning_rate=0.1), [4.0]) == pytest.approx(expected, abs=1e-15)


def test_adam_amsgrad_uses_the_running_maximum() -> None:
    # with a large then a small gradient, v_hat keeps the larger second moment
    plain = _run(optimizers.Adam(0.1), [10.0, 0.01])
    ams = _run(optimizers.Adam(0.1, amsgrad=True), [10.0, 0.01])
    assert plain == pytest.approx(ams, abs=0.5) and ams != plain
    m2 = 0.9 * 1.0 + 0.1 * 0.01  # m after two steps
    v1 = 0.001 * 100.0
    v2 = 0.999 * v1 + 0.001 * 1e-4
    alpha2 = 0.1 * math.sqrt(1 - 0.999**2) / (1 - 0.9**2)
    w1 = 1 - 0.1 * math.sqrt(0.001) / 0.1 * 1.0 / (math.sqrt(v1) + 1e-7)
    assert ams == pytest.approx(w1 - alpha2 * m2 / (math.sqrt(max(v1, v2)) + 1e-7), abs=1e-14)


def test_adagrad_steps() -> None:
    # s1 = 0.1 + 4 = 4.1, s2 = 4.1 + 1 = 5.1
    w = 1 - 0.1 * 2 / math.sqrt(4.1 + 1e-7)
    w -= 0.1 * 1 / math.sqrt(5.1 + 1e-7)
    assert _run(optimizers.Adagrad(learning_rate=0.1), [2.0, 1.0]) == pytest.approx(w, abs=1e-15)


def test_keras_defaults() -> None:
    assert optimizers.SGD().params == {"learning_rate": 0.01, "momentum": 0.0, "nesterov": False}
    assert optimizers.RMSprop().params == {
        "learning_rate": 0.001, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-7, "centered": False
    }
    assert optimizers.Adam().params == {
        "learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7, "amsgrad": False
    }
    assert optimizers.Adagrad().params == {
        "learning_rate": 0.001, "initial_accumulator_value": 0.1, "epsilon": 1e-7
    }


@pytest.mark.parametrize("name", optimizers.names())
def test_many_parameters_float32_kept_and_config_round_trip(name: str) -> None:
    rng = np.random.default_rng(0)
    params = [rng.normal(size=(3, 4)).astype(np.float32), rng.normal(size=4).astype(np.float32)]
    grads = [rng.normal(size=(3, 4)).astype(np.float32), rng.normal(size=4).astype(np.float32)]
    ref = [p.astype(np.float64) for p in params]
    opt = optimizers.get(name, learning_rate=0.05)
    twin = optimizers.get(opt.get_config()["name"], **opt.get_config()["params"])
    for _ in range(3):
        opt.step(params, grads)
        twin.step(ref, [g.astype(np.float64) for g in grads])
    assert all(p.dtype == np.float32 for p in params)
    for p, r in zip(params, ref, strict=True):
        assert np.allclose(p, r, rtol=1e-5, atol=1e-6)
    assert opt.iterations == 3
    opt.reset()
    assert opt.iterations == 0


def test_learning_rate_can_change_between_steps() -> None:
    opt = optimizers.SGD(0.1)
    w = np.array([1.0])
    opt.step([w], [np.array([1.0])])
    opt.learning_rate = 0.5
    opt.step([w], [np.array([1.0])])
    assert w[0] == pytest.approx(0.4)


def test_errors() -> None:
    with pytest.raises(ValueError, match="SGD: learning_rate must be > 0, got 0.0"):
        optimizers.SGD(learning_rate=0)
    with pytest.raises(ValueError, match="Adam: learning_rate must be > 0, got -0.1"):
        optimizers.Adam(learning_rate=-0.1)
    with pytest.raises(ValueError, match="SGD: momentum must be < 1.0, got 1.0"):
        optimizers.SGD(momentum=1.0)
    with pytest.raises(ValueError, match="RMSprop: rho must be >= 0, got -0.5"):
        optimizers.RMSprop(rho=-0.5)
    with pytest.raises(ValueError, match="Adagrad: epsilon must be > 0"):
        optimizers.Adagrad(epsilon=0.0)
    with pytest.raises(TypeError, match="SGD: nesterov must be True or False"):
        optimizers.SGD(nesterov="yes")
    with pytest.raises(TypeError, match="Adam: learning_rate must be a real number, got str"):
        optimizers.Adam(learning_rate="0.1")
    with pytest.raises(ValueError, match=r"unknown optimizer 'adamw'\. Did you mean 'adam'"):
        optimizers.get("adamw")
    with pytest.raises(ValueError, match=r"SGD has no parameter\(s\) \['lr'\]"):
        optimizers.get("sgd", lr=0.1)
    with pytest.raises(TypeError, match="expected an optimizer name or an Optimizer, got int"):
        optimizers.get(3)
    opt = optimizers.SGD()
    w = np.zeros(3)
    with pytest.raises(ValueError, match="got 1 parameters but 2 gradients"):
        opt.step([w], [w, w])
    with pytest.raises(ValueError, match=r"gradient 0 has shape \(2,\) but parameter 0 has shape \(3,\)"):
        opt.step([w], [np.zeros(2)])
    with pytest.raises(ValueError, match="parameter 0 must be a writable float numpy array"):
        opt.step([np.zeros(3, dtype=int)], [w])
    opt.step([w], [w])
    with pytest.raises(ValueError, match="the parameters differ from those of earlier steps"):
        opt.step([np.zeros(4)], [np.zeros(4)])


def test_sgd_momentum_matches_pytorch() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    w0 = rng.normal(size=5)
    grads = rng.normal(size=(4, 5))
    for nesterov in (False, True):
        w = w0.copy()
        opt = optimizers.SGD(0.05, momentum=0.8, nesterov=nesterov)
        wt = torch.tensor(w0.copy(), requires_grad=True)
        topt = torch.optim.SGD([wt], lr=0.05, momentum=0.8, nesterov=nesterov)
        for g in grads:
            opt.step([w], [g])
            wt.grad = torch.tensor(g)
            topt.step()
        assert np.allclose(w, wt.detach().numpy(), rtol=1e-13, atol=1e-15)


def test_more_errors() -> None:
    with pytest.raises(TypeError, match="RMSprop: centered must be True or False, got 1"):
        optimizers.RMSprop(centered=1)
    with pytest.raises(TypeError, match="Adam: amsgrad must be True or False, got 'no'"):
        optimizers.Adam(amsgrad="no")
    with pytest.raises(ValueError, match=r"parameters \['learning_rate'\] given with an Optimizer object"):
        optimizers.get(optimizers.SGD(), learning_rate=0.1)
    assert isinstance(optimizers.get(optimizers.Adagrad, learning_rate=0.2), optimizers.Adagrad)
