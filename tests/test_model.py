"""The model: exact backpropagation (gradient checks), training behaviour, diagnostics,
reproducibility, saving, and every error message of the public boundary."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest

import activations as A
from activations import datasets, initializers, losses, optimizers

RNG = np.random.default_rng(0)
X6 = RNG.normal(size=(6, 3))

# Discontinuous activations (a jump somewhere) have no derivative there and are excluded from
# the gradient check; everything else in the catalog is checked as a hidden activation.
DIFFERENTIABLE = [n for n in A.names() if A.get(n).facts.continuity >= 0]

LOSS_SETUPS = {
    # loss -> (output units, output activation, targets for X6)
    "mean_squared_error": (3, "linear", RNG.normal(size=(6, 3))),
    "mean_absolute_error": (3, "tanh", RNG.normal(size=(6, 3))),
    "binary_crossentropy": (1, "sigmoid", RNG.integers(0, 2, 6)),
    "categorical_crossentropy": (3, "softmax", np.eye(3)[RNG.integers(0, 3, 6)]),
    "sparse_categorical_crossentropy": (3, "softmax", RNG.integers(0, 3, 6)),
}


def small_model(hidden: object = "tanh", loss: str = "binary_crossentropy", seed: int = 1,
                use_bias: bool = True, dtype: str = "float64") -> A.Sequential:
    units, out_act, _ = LOSS_SETUPS[loss]
    model = A.Sequential(
        [A.Dense(4, hidden, input_dim=3, use_bias=use_bias),
         A.Dense(units, out_act, use_bias=use_bias)],
        seed=seed, dtype=dtype,
    )
    model.compile(loss, optimizers.SGD(0.1), metrics=["accuracy"])
    return model


def xor_model(act: str = "sigmoid", depth: int = 1, width: int = 4, seed: int = 0,
              lr: float = 0.5) -> A.Sequential:
    layers = [A.Dense(width, act, input_dim=2)]
    layers += [A.Dense(width, act) for _ in range(depth - 1)]
    layers.append(A.Dense(1, "sigmoid"))
    model = A.Sequential(layers, seed=seed)
    model.compile("binary_crossentropy", optimizers.SGD(lr), metrics=["accuracy"])
    return model


# ===================================================================== gradient checks


@pytest.mark.parametrize("use_bias", [True, False], ids=["bias", "no-bias"])
@pytest.mark.parametrize("loss", list(LOSS_SETUPS))
@pytest.mark.parametrize("hidden", DIFFERENTIABLE)
def test_gradcheck_every_activation_and_loss(hidden: str, loss: str, use_bias: bool) -> None:
    model = small_model(hidden, loss, use_bias=use_bias)
    assert A.gradcheck(model, X6, LOSS_SETUPS[loss][2]) < 1e-6


@pytest.mark.parametrize("loss", list(LOSS_SETUPS))
@pytest.mark.parametrize("use_bias", [True, False], ids=["bias", "no-bias"])
def test_gradcheck_maxout_and_prelu_layers(loss: str, use_bias: bool) -> None:
    units, out_act, y = LOSS_SETUPS[loss]
    model = A.Sequential(
        [A.Maxout(4, pieces=3, input_dim=3, use_bias=use_bias),
         A.Dense(5, A.get("prelu", weight=0.1), use_bias=use_bias),
         A.Dense(units, out_act, use_bias=use_bias)],
        seed=3,
    )
    model.compile(loss)
    assert A.gradcheck(model, X6, y) < 1e-6
    assert [p.shape for p in model.layers[1].parameters()] == (
        [(4, 5), (5,), (5,)] if use_bias else [(4, 5), (5,)]
    )


def test_gradcheck_deep_mixed_network_and_logits_losses() -> None:
    model = A.Sequential(
        [A.Dense(5, "gelu", input_dim=3), A.Dense(4, A.get("elu", alpha=0.5)),
         A.Dense(6, "glu"), A.Dense(3, "silu"), A.Dense(2)],
        seed=0,
    )
    model.compile(losses.sparse_categorical_crossentropy(from_logits=True))
    assert A.gradcheck(model, X6, RNG.integers(0, 2, 6)) < 1e-6
    model.compile(losses.binary_crossentropy(from_logits=True))
    assert A.gradcheck(model, X6, RNG.integers(0, 2, (6, 2))) < 1e-6


def test_gradcheck_outer_product_paths() -> None:
    """One input column, one sample, one output unit: products with inner dimension 1."""
    model = A.Sequential([A.Dense(4, "tanh", input_dim=1), A.Dense(3, "elu"), A.Dense(1)],
                         seed=0)
    model.compile("mse")
    x = RNG.normal(size=(5, 1))
    assert A.gradcheck(model, x, RNG.normal(size=5)) < 1e-6
    assert A.gradcheck(model, x[:1], [0.3]) < 1e-6
    wide = A.Sequential([A.Dense(4, "sigmoid", input_dim=3), A.Dense(2, "softmax")], seed=0)
    wide.compile("sparse_categorical_crossentropy")
    assert A.gradcheck(wide, X6[:1], [1]) < 1e-6


def test_gradcheck_sees_a_wrong_gradient() -> None:
    class OffByOnePercent:
        """tanh with a derivative 1 % too large."""

        elementwise = True

        def _forward(self, z: np.ndarray) -> np.ndarray:
            return A.tanh._forward(z)

        def _derivative(self, z: np.ndarray) -> np.ndarray:
            return 1.01 * A.tanh._derivative(z)

    model = small_model()
    honest = A.gradcheck(model, X6, LOSS_SETUPS["binary_crossentropy"][2])
    model.layers[0]._act = OffByOnePercent()
    broken = A.gradcheck(model, X6, LOSS_SETUPS["binary_crossentropy"][2])
    assert honest < 1e-6 < 1e-3 < broken


def test_gradcheck_restores_parameters_and_rejects_float32() -> None:
    model = small_model()
    before = model.get_weights()
    A.gradcheck(model, X6, LOSS_SETUPS["binary_crossentropy"][2])
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights(), strict=True))
    with pytest.raises(ValueError, match="gradcheck: the model is float32; finite differences need a float64 model"):
        A.gradcheck(small_model(dtype="float32"), X6, LOSS_SETUPS["binary_crossentropy"][2])
    with pytest.raises(TypeError, match="gradcheck: expected a Sequential model, got list"):
        A.gradcheck([], X6, [0])


def test_fused_output_gradient_is_prediction_minus_target() -> None:
    model = small_model("tanh", "binary_crossentropy")
    y = LOSS_SETUPS["binary_crossentropy"][2]
    grads = model.gradients(X6, y)
    trace = model.forward_trace(X6)
    hidden = trace[0]["activation"]
    delta = (model.predict(X6) - y[:, None]) / 6
    assert np.allclose(grads[-1]["kernel"], hidden.T @ delta, rtol=1e-12, atol=1e-15)
    assert np.allclose(grads[-1]["bias"], delta.sum(0), rtol=1e-12, atol=1e-15)


def test_saturated_sigmoid_output_gives_no_nan() -> None:
    model = A.Sequential([A.Dense(1, "sigmoid", input_dim=1)], seed=0)
    model.compile("binary_crossentropy", optimizers.SGD(0.1))
    model.set_weights([np.array([[1000.0]]), np.array([0.0])])
    with np.errstate(all="raise", under="ignore"):
        h = model.fit([[1.0], [-1.0]], [0, 1], epochs=3, record=("loss", "grad_norms"))
    assert np.isfinite(h["loss"]).all() and h["loss"][0] == pytest.approx(1000.0)
    assert np.isfinite(h["grad_norms"]).all() and h.diverged is None


def test_one_epoch_of_full_batch_sgd_is_one_gradient_step() -> None:
    model = small_model("relu", "mean_squared_error")
    y = LOSS_SETUPS["mean_squared_error"][2]
    before = model.get_weights()
    grads = [g for layer in model.gradients(X6, y) for g in layer.values()]
    model.fit(X6, y, epochs=1)
    for w0, g, w1 in zip(before, grads, model.get_weights(), strict=True):
        assert np.allclose(w1, w0 - 0.1 * g, rtol=1e-14, atol=1e-16)


def test_one_training_step_matches_pytorch() -> None:
    torch = pytest.importorskip("torch")
    model = A.Sequential([A.Dense(5, "tanh", input_dim=3), A.Dense(4, "relu"),
                          A.Dense(3, "softmax")], seed=2)
    model.compile("sparse_categorical_crossentropy", optimizers.SGD(0.3, momentum=0.9))
    y = RNG.integers(0, 3, 6)
    weights = model.get_weights()
    net = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh(), torch.nn.Linear(5, 4),
                              torch.nn.ReLU(), torch.nn.Linear(4, 3)).double()
    with torch.no_grad():
        for i, lin in enumerate([net[0], net[2], net[4]]):
            lin.weight.copy_(torch.tensor(weights[2 * i].T))
            lin.bias.copy_(torch.tensor(weights[2 * i + 1]))
    opt = torch.optim.SGD(net.parameters(), lr=0.3, momentum=0.9)
    xt, yt = torch.tensor(X6), torch.tensor(y)
    for _ in range(3):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(net(xt), yt)
        loss.backward()
        opt.step()
    history = model.fit(X6, y, epochs=3, record=("loss",))
    assert history["loss"][-1] == pytest.approx(loss.item(), rel=1e-12)
    for i, lin in enumerate([net[0], net[2], net[4]]):
        assert np.allclose(model.layers[i].kernel, lin.weight.detach().numpy().T, rtol=1e-12, atol=1e-14)
        assert np.allclose(model.layers[i].bias, lin.bias.detach().numpy(), rtol=1e-12, atol=1e-14)


# ===================================================================== training behaviour


def test_learns_xor_and_keeps_shapes() -> None:
    X, y = datasets.xor()
    model = xor_model("tanh", lr=0.5)
    history = model.fit(X, y, epochs=1500)
    assert model.evaluate(X, y)["accuracy"] == 1.0
    assert history["loss"][-1] < history["loss"][0]
    assert model.predict(X).shape == (4, 1)
    assert history.epoch == list(range(1500)) and history.diverged is None
    assert history.params == {"epochs": 1500, "batch_size": 4, "steps": 1, "samples": 4}


def test_multiclass_minibatch_training_with_adam_and_validation() -> None:
    X, y = datasets.spirals(300, classes=3, noise=0.1, seed=0)
    Xv, yv = datasets.spirals(90, classes=3, noise=0.1, seed=1)
    model = A.Sequential([A.Dense(32, "relu", input_dim=2, kernel_initializer="he_normal"),
                          A.Dense(32, "relu", kernel_initializer="he_normal"),
                          A.Dense(3, "softmax")], seed=0)
    model.compile("sparse_categorical_crossentropy", optimizers.Adam(0.01), metrics=["accuracy"])
    h = model.fit(X, y, epochs=150, batch_size=32, validation_data=(Xv, yv))
    assert h.params["steps"] == 10
    assert set(h.history) >= {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert len(h["val_loss"]) == 150
    assert h["accuracy"][-1] > 0.9 and h["val_accuracy"][-1] > 0.85
    assert model.evaluate(Xv, yv)["accuracy"] == pytest.approx(h["val_accuracy"][-1])


def test_regression_with_rmsprop_and_adagrad() -> None:
    X, y = datasets.sine(200, noise=0.05, seed=0)
    for opt in (optimizers.RMSprop(0.01), optimizers.Adagrad(0.3)):
        model = A.Sequential([A.Dense(16, "tanh", input_dim=1), A.Dense(1)], seed=0)
        model.compile("mse", opt, metrics=["mae"])
        h = model.fit(X, y, epochs=300, batch_size=50)
        assert h["loss"][-1] < 0.02 and h["mae"][-1] < 0.12


def test_seeded_runs_are_bit_identical_and_seeds_differ() -> None:
    X, y = datasets.moons(64, seed=0)

    def run(seed: int) -> tuple[list[np.ndarray], A.History]:
        model = A.Sequential([A.Dense(8, "prelu", input_dim=2), A.Maxout(4, 2),
                              A.Dense(1, "sigmoid")], seed=seed)
        model.compile("bce", optimizers.Adam(0.01), metrics=["accuracy"])
        return model.get_weights(), model.fit(X, y, epochs=5, batch_size=10)

    w1, h1 = run(7)
    w2, h2 = run(7)
    w3, _ = run(8)
    assert all(np.array_equal(a, b) for a, b in zip(w1, w2, strict=True))
    assert not np.array_equal(w1[0], w3[0])
    for key in h1.history:
        assert np.array_equal(np.asarray(h1[key]), np.asarray(h2[key]), equal_nan=True), key


def test_same_seed_whether_layers_are_given_or_added() -> None:
    a = A.Sequential([A.Dense(3, "relu", input_dim=2), A.Dense(1)], seed=5)
    b = A.Sequential([A.Dense(3, "relu", input_dim=2)], seed=5)
    b.add(A.Dense(1))
    c = A.Sequential(seed=5)
    c.add(A.Dense(3, "relu"))
    c.add(A.Dense(1))
    c.build(2)
    for w in (b.get_weights(), c.get_weights()):
        assert all(np.array_equal(x, z) for x, z in zip(a.get_weights(), w, strict=True))


def test_generator_seed_and_shuffling() -> None:
    X, y = datasets.blobs(40, centers=2, seed=0)
    weights = []
    for shuffle in (True, False):
        model = A.Sequential([A.Dense(2, "tanh", input_dim=2), A.Dense(1, "sigmoid")],
                             seed=np.random.default_rng(3))
        model.compile("bce", optimizers.SGD(0.1))
        model.fit(X, y, epochs=2, batch_size=8, shuffle=shuffle)
        weights.append(model.get_weights()[0])
    assert not np.array_equal(*weights)  # the order of the batches matters


def test_batch_size_none_is_full_batch() -> None:
    X, y = datasets.circles(20, seed=0)
    h = []
    for bs in (None, 20, 1000):
        model = A.Sequential([A.Dense(3, "tanh", input_dim=2), A.Dense(1, "sigmoid")], seed=0)
        model.compile("bce", "sgd")
        h.append(model.fit(X, y, epochs=3, batch_size=bs)["loss"])
    assert h[0] == h[1] == h[2]


def test_float32_models_stay_float32() -> None:
    X, y = datasets.xor()
    model = A.Sequential([A.Dense(4, "tanh", input_dim=2), A.Dense(1, "sigmoid")], seed=0,
                         dtype="float32")
    model.compile("bce", optimizers.SGD(0.5), metrics=["accuracy"])
    h = model.fit(X, y, epochs=1500)
    assert all(p.dtype == np.float32 for p in model.parameters())
    assert model.predict(X).dtype == np.float32
    assert h["activation_mean"].dtype == np.float64
    assert model.evaluate(X, y)["accuracy"] == 1.0
    assert all(t["activation"].dtype == np.float32 for t in model.forward_trace(X))


def test_prelu_slope_is_learned_per_unit() -> None:
    X, y = datasets.cubic(100, seed=0)
    model = A.Sequential([A.Dense(8, A.get("prelu", weight=0.1), input_dim=1), A.Dense(1)],
                         seed=0)
    model.compile("mse", optimizers.Adam(0.05))
    assert np.array_equal(model.layers[0].prelu_weight, np.full(8, 0.1))
    model.fit(X, y, epochs=100)
    slopes = model.layers[0].prelu_weight
    assert slopes.shape == (8,) and len(set(slopes.round(8).tolist())) > 1
    assert model.layers[0].param_names == ("kernel", "bias", "prelu_weight")
    # the layer's forward uses the learned slopes
    z = model.forward_trace(X)[0]["pre_activation"]
    expected = np.maximum(z, 0) + slopes * np.minimum(z, 0)
    assert np.allclose(model.forward_trace(X)[0]["activation"], expected)


def test_vector_valued_hidden_activations_change_widths() -> None:
    model = A.Sequential([A.Dense(6, "glu", input_dim=3), A.Dense(4, "softmax"),
                          A.Maxout(2, pieces=3)], seed=0)
    assert [layer.output_dim for layer in model.layers] == [3, 4, 2]
    assert model.predict(X6).shape == (6, 2)
    assert "(None, 3)" in model.summary() and "max of 3" in model.summary()
    with pytest.raises(ValueError, match="Dense: activation 'glu' cannot take 5 units: glu: the size of axis -1 must be even"):
        A.Dense(5, "glu")


def test_linear_units_and_accuracy_flavours() -> None:
    X, y = datasets.blobs(60, centers=3, std=0.3, seed=0)
    model = A.Sequential([A.Dense(3, input_dim=2)], seed=0)
    model.compile(losses.sparse_categorical_crossentropy(from_logits=True), optimizers.SGD(0.1),
                  metrics=["acc", "sparse_categorical_accuracy"])
    model.fit(X, y, epochs=200)
    scores = model.evaluate(X, y)
    assert scores["acc"] == scores["sparse_categorical_accuracy"] == 1.0
    # binary accuracy thresholds logits at 0 when the loss takes logits
    model = A.Sequential([A.Dense(1, input_dim=1)], seed=0)
    model.compile(losses.binary_crossentropy(from_logits=True), metrics=["accuracy"])
    model.set_weights([np.array([[1.0]]), np.array([0.0])])
    assert model.evaluate([[-0.2], [0.3]], [0, 1])["accuracy"] == 1.0


# ===================================================================== diagnostics


def test_diagnostics_of_the_first_full_batch_epoch_match_a_direct_computation() -> None:
    X, y = datasets.moons(32, seed=1)
    model = A.Sequential([A.Dense(6, "relu", input_dim=2), A.Dense(5, "tanh"),
                          A.Dense(4, "softmax"), A.Maxout(3, 2), A.Dense(1, "sigmoid")], seed=4)
    model.compile("bce", optimizers.SGD(0.01))
    trace = model.forward_trace(X)
    grads = model.gradients(X, y)
    h = model.fit(X, y, epochs=2)
    assert h.layer_names == ["dense_0", "dense_1", "dense_2", "maxout_3", "dense_4"]
    for key in A.model.LAYER_KEYS:
        assert h[key].shape == (2, 5)
    norms = [np.linalg.norm(g["kernel"]) for g in grads]
    assert np.allclose(h["grad_norms"][0], norms, rtol=1e-12)
    acts = [t["activation"] for t in trace]
    assert np.allclose(h["activation_mean"][0], [a.mean() for a in acts], rtol=1e-10)
    assert np.allclose(h["activation_std"][0], [a.std() for a in acts], rtol=1e-8)
    assert np.allclose(h["dead_fraction"][0], [(a == 0).all(axis=0).mean() for a in acts])
    zs = [t["pre_activation"] for t in trace]
    relu_sat = (np.abs(A.relu.derivative(zs[0])) < 1e-3).mean()
    tanh_sat = (np.abs(A.tanh.derivative(zs[1])) < 1e-3).mean()
    sig_sat = (np.abs(A.sigmoid.derivative(zs[4])) < 1e-3).mean()
    sat = h["saturated_fraction"][0]
    assert np.allclose(sat[[0, 1, 4]], [relu_sat, tanh_sat, sig_sat])
    assert np.isnan(sat[2]) and sat[3] == 0.0  # softmax: not elementwise; maxout: never


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("width", [3, 70], ids=["small-buffers", "large-buffers"])
def test_diagnostics_accumulate_over_minibatches(width: int, dtype: str) -> None:
    """With a learning rate too small to move any weight, every batch of an epoch sees the
    same network, so the epoch's statistics must equal those of one pass over all the data."""
    X, y = datasets.moons(90, seed=2)
    bias = initializers.constant(0.05)  # no zero parameter that a tiny step could move
    model = A.Sequential([A.Dense(width, "relu", input_dim=2, bias_initializer=bias),
                          A.Dense(width, "tanh", bias_initializer=bias),
                          A.Dense(1, "sigmoid", bias_initializer=bias)], seed=1, dtype=dtype)
    model.compile("bce", optimizers.SGD(1e-300))
    before = model.get_weights()
    trace = model.forward_trace(X)
    h = model.fit(X, y, epochs=2, batch_size=16)
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights(), strict=True))
    tol = 1e-5 if dtype == "float32" else 1e-10
    for e in range(2):
        acts = [t["activation"].astype(np.float64) for t in trace]
        assert np.allclose(h["activation_mean"][e], [a.mean() for a in acts], rtol=tol, atol=tol)
        assert np.allclose(h["activation_std"][e], [a.std() for a in acts], rtol=100 * tol)
        assert np.allclose(h["dead_fraction"][e], [(a == 0).all(axis=0).mean() for a in acts])
        zs = [t["pre_activation"] for t in trace]
        sat = [(np.abs(f.derivative(z)) < 1e-3).mean()
               for f, z in zip([A.relu, A.tanh, A.sigmoid], zs, strict=True)]
        assert np.allclose(h["saturated_fraction"][e], sat)


def test_dead_relu_units_and_saturated_sigmoids_are_reported() -> None:
    X, y = datasets.xor()
    model = A.Sequential([A.Dense(4, "relu", input_dim=2), A.Dense(3, "sigmoid"),
                          A.Dense(1, "sigmoid")], seed=0)
    model.compile("bce", optimizers.SGD(0.01))
    w = model.get_weights()
    w[0][:, :2] = -1.0  # units 0 and 1 get negative input for every sample: dead
    w[1][:2] = -0.5
    w[0][:, 2:] = 1.0  # units 2 and 3 are always active
    w[1][2:] = 0.5
    w[2][:] = 50.0  # the sigmoid layer is driven far into saturation
    w[3][:] = 0.0
    model.set_weights(w)
    h = model.fit(X, y, epochs=1)
    assert h["dead_fraction"][0, 0] == 0.5
    assert h["saturated_fraction"][0, 1] == 1.0
    assert h["grad_norms"][0, 0] < h["grad_norms"][0, 2]


def test_record_selects_what_is_kept() -> None:
    X, y = datasets.xor()
    model = xor_model()
    h = model.fit(X, y, epochs=2, record=("metrics",), validation_data=(X, y))
    assert sorted(h.history) == ["accuracy", "val_accuracy"]
    h = model.fit(X, y, epochs=2, record=())
    assert h.history == {} and h.epoch == [0, 1]
    h = model.fit(X, y, epochs=2, record="grad_norms")
    assert list(h.history) == ["grad_norms"]


def test_divergence_stops_training_and_warns() -> None:
    # The loss now counts as diverged once it is out of range (a million times its best and
    # beyond 1e154), before it overflows; the warning names the epoch and the reason.
    X, y = datasets.cubic(50, seed=0)
    model = A.Sequential([A.Dense(16, "relu", input_dim=1), A.Dense(1)], seed=0)
    model.compile("mse", optimizers.SGD(learning_rate=10.0))
    with pytest.warns(RuntimeWarning, match=r"fit: training diverged in epoch \d+: the loss grew to \S+, more than 1e\+06 times its lowest value so far \(\S+\) and beyond 1\.3e\+154, where squares overflow in float64; training stopped\. Lower the learning rate or change the initializer"):
        h = model.fit(X, y, epochs=500)
    assert h.diverged is not None and h.diverged < 499
    assert len(h["loss"]) == h.diverged + 1 == len(h.epoch)
    assert h["loss"][-1] > 1e6 * min(h["loss"][:-1])
    assert h["grad_norms"].shape == (h.diverged + 1, 2)
    assert np.isfinite(h["grad_norms"][:-1]).all()
    assert np.isfinite(model.predict(X)).all()


def test_divergence_in_the_first_batch_leaves_nan_diagnostics() -> None:
    model = A.Sequential([A.Dense(2, "relu", input_dim=1), A.Dense(1)], seed=0)
    model.compile("mse", optimizers.SGD(0.1))
    model.set_weights([np.full((1, 2), 1e200), np.zeros(2), np.full((2, 1), 1e200), np.zeros(1)])
    with pytest.warns(RuntimeWarning, match="diverged in epoch 0: the loss became NaN or infinite"):
        h = model.fit([[1.0], [2.0]], [0.0, 1.0], epochs=3)
    assert h.diverged == 0 and h.epoch == [0]
    for key in A.model.LAYER_KEYS:
        assert np.isnan(h[key]).all(), key


def test_verbose_progress(capsys: pytest.CaptureFixture[str]) -> None:
    X, y = datasets.xor()
    xor_model().fit(X, y, epochs=20, verbose=0)
    assert capsys.readouterr().out == ""
    xor_model().fit(X, y, epochs=20, verbose=1, validation_data=(X, y))
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 10
    assert lines[0].startswith("Epoch  2/20 [==") and "loss: " in lines[0]
    assert "accuracy: " in lines[-1] and "val_loss: " in lines[-1]
    assert lines[-1].startswith("Epoch 20/20 [==============================]")


def test_callbacks() -> None:
    X, y = datasets.xor()
    seen: list[int] = []

    class Stopper(A.Callback):
        def __init__(self) -> None:
            self.events: list[str] = []

        def on_train_begin(self, logs: dict) -> None:
            self.events.append("begin")

        def on_epoch_end(self, epoch: int, logs: dict) -> None:
            assert set(logs) == {"loss", "accuracy"}
            if epoch == 4:
                self.model.stop_training = True

        def on_train_end(self, logs: dict) -> None:
            self.events.append("end")

    stopper = Stopper()
    h = xor_model().fit(X, y, epochs=100, callbacks=[lambda e, logs: seen.append(e), stopper])
    assert seen == [0, 1, 2, 3, 4] and h.epoch == seen
    assert stopper.events == ["begin", "end"]


# ===================================================================== inspection


def test_summary_parameters_trace_and_gradients() -> None:
    model = A.Sequential([A.Dense(4, "relu", input_dim=3, name="hidden"),
                          A.Dense(2, "linear", use_bias=False)], seed=0)
    text = model.summary()
    assert "hidden (Dense)" in text and "dense_1 (Dense)" in text
    assert "Total params: 24" in text and model.count_params() == 24
    assert [p.shape for p in model.parameters()] == [(3, 4), (4,), (4, 2)]
    model.parameters()[1][:] = 1.0  # views: writing changes the model
    assert np.array_equal(model.layers[0].bias, np.ones(4))
    trace = model.forward_trace(X6)
    assert np.allclose(trace[0]["activation"], np.maximum(trace[0]["pre_activation"], 0))
    assert np.array_equal(trace[-1]["activation"], model.predict(X6))
    assert np.array_equal(model.predict(X6, batch_size=4), model.predict(X6))
    model.compile("mse")
    grads = model.gradients(X6, np.zeros((6, 2)))
    assert [sorted(g) for g in grads] == [["bias", "kernel"], ["kernel"]]
    assert grads[0]["kernel"].shape == (3, 4)


def test_unbuilt_model_builds_from_data() -> None:
    model = A.Sequential([A.Dense(3, "tanh"), A.Dense(1)], seed=0)
    assert not model.built and model.parameters() == []
    with pytest.raises(ValueError, match="summary: the model is not built yet; give the first layer input_dim or call fit or predict first"):
        model.summary()
    assert model.predict(np.ones((2, 5))).shape == (2, 1)
    assert model.built and model.input_dim == 5


def test_get_and_set_weights() -> None:
    model = small_model()
    w = model.get_weights()
    w[0][0, 0] += 1.0
    assert model.get_weights()[0][0, 0] != w[0][0, 0]  # copies
    model.set_weights(w)
    assert model.get_weights()[0][0, 0] == w[0][0, 0]
    with pytest.raises(ValueError, match="set_weights: expected 4 arrays, got 1"):
        model.set_weights(w[:1])
    with pytest.raises(ValueError, match=r"set_weights: array 1 has shape \(3,\), expected \(4,\)"):
        model.set_weights([w[0], np.zeros(3), w[2], w[3]])
    with pytest.raises(ValueError, match="set_weights: array 0 must hold finite numbers"):
        model.set_weights([np.full_like(w[0], np.nan), *w[1:]])


# ===================================================================== saving


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_save_and_load_predict_bit_identically(tmp_path: Path, dtype: str) -> None:
    X, y = datasets.moons(40, seed=0)
    model = A.Sequential(
        [A.Dense(6, A.get("leaky_relu", negative_slope=0.2), input_dim=2,
                 kernel_initializer="he_uniform"),
         A.Dense(5, A.get("prelu", weight=0.3)), A.Maxout(3, pieces=2),
         A.Dense(4, A.get("gelu", approximate="tanh"), use_bias=False),
         A.Dense(1, "sigmoid")],
        seed=0, dtype=dtype,
    )
    model.compile("bce", optimizers.Adam(0.01), metrics=["accuracy"])
    model.fit(X, y, epochs=5, batch_size=8)
    path = model.save(tmp_path / "net")
    assert path == tmp_path / "net.npz"
    loaded = A.Sequential.load(path)
    assert np.array_equal(loaded.predict(X), model.predict(X))
    assert loaded.predict(X).dtype == np.dtype(dtype)
    assert loaded.summary() == model.summary()
    assert loaded.layers[1].activation.name == "prelu"
    assert loaded.loss.name == "binary_crossentropy" and loaded.metrics == ["accuracy"]
    assert loaded.optimizer.get_config() == model.optimizer.get_config()
    assert loaded.evaluate(X, y) == model.evaluate(X, y)
    # a loaded model trains on, shuffling with the seed given to load
    histories = [A.Sequential.load(path, seed=3).fit(X, y, epochs=2, batch_size=8)["loss"]
                 for _ in range(2)]
    assert histories[0] == histories[1]
    with pytest.raises(ValueError, match="Sequential.load: seed must be a non-negative integer"):
        A.Sequential.load(path, seed=-1)


def test_uncompiled_model_saves_too(tmp_path: Path) -> None:
    model = A.Sequential([A.Dense(2, input_dim=1)], seed=0)
    loaded = A.Sequential.load(model.save(tmp_path / "m.npz"))
    assert loaded.loss is None and np.array_equal(loaded.get_weights()[0], model.get_weights()[0])


def _saved(tmp_path: Path) -> tuple[Path, dict[str, np.ndarray]]:
    model = A.Sequential([A.Dense(3, "relu", input_dim=2), A.Dense(1)], seed=0)
    path = model.save(tmp_path / "m.npz")
    with np.load(path) as data:
        return path, {k: data[k] for k in data.files}


def test_truncated_or_foreign_files_raise(tmp_path: Path) -> None:
    path, _ = _saved(tmp_path)
    raw = path.read_bytes()
    for cut in (10, len(raw) // 2, len(raw) - 5):
        (tmp_path / "cut.npz").write_bytes(raw[:cut])
        with pytest.raises(ValueError, match="is not a readable .npz model file"):
            A.Sequential.load(tmp_path / "cut.npz")
    corrupted = bytearray(raw)
    corrupted[raw.index(b'"format"') + 2] ^= 0xFF  # inside the stored JSON: a CRC error
    (tmp_path / "flip.npz").write_bytes(bytes(corrupted))
    with pytest.raises(ValueError, match="Sequential.load"):
        A.Sequential.load(tmp_path / "flip.npz")
    (tmp_path / "text.npz").write_text("hello")
    with pytest.raises(ValueError, match="is not a readable .npz model file"):
        A.Sequential.load(tmp_path / "text.npz")
    np.save(tmp_path / "single.npy", np.zeros(3))
    (tmp_path / "single.npz").write_bytes((tmp_path / "single.npy").read_bytes())
    with pytest.raises(ValueError, match="it holds a single array, not an archive of arrays"):
        A.Sequential.load(tmp_path / "single.npz")
    with pytest.raises(ValueError, match="Sequential.load: no such file"):
        A.Sequential.load(tmp_path / "missing.npz")
    np.savez(tmp_path / "objects.npz", architecture=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ValueError, match="not a readable .npz model file.*allow_pickle=False"):
        A.Sequential.load(tmp_path / "objects.npz")


def test_tampered_files_raise(tmp_path: Path) -> None:
    path, arrays = _saved(tmp_path)

    def write(**changes: np.ndarray) -> Path:
        out = tmp_path / "t.npz"
        np.savez(out, **{**arrays, **changes})
        return out

    w = arrays["param_000"].copy()
    w[0, 0] += 1e-9
    with pytest.raises(ValueError, match="checksum mismatch: the file was modified after saving"):
        A.Sequential.load(write(param_000=w))
    arch = json.loads(arrays["architecture"].tobytes())
    arch["layers"][0]["activation"]["name"] = "tanh"
    text = np.frombuffer(json.dumps(arch).encode(), dtype=np.uint8)
    with pytest.raises(ValueError, match="checksum mismatch"):
        A.Sequential.load(write(architecture=text))
    with pytest.raises(ValueError, match="the architecture is not valid JSON"):
        A.Sequential.load(write(architecture=np.frombuffer(b"{not json", dtype=np.uint8)))
    with pytest.raises(ValueError, match=r"the file holds arrays \['extra', 'param_000'"):
        A.Sequential.load(write(extra=np.zeros(2)))
    smaller = {k: v for k, v in arrays.items() if k != "param_003"}
    np.savez(tmp_path / "s.npz", **smaller)
    with pytest.raises(ValueError, match="the architecture lists"):
        A.Sequential.load(tmp_path / "s.npz")
    with pytest.raises(ValueError, match="the 'architecture' entry must be a 1-D uint8 array"):
        A.Sequential.load(write(architecture=np.zeros(3)))
    without = {k: v for k, v in arrays.items() if k != "checksum"}
    np.savez(tmp_path / "n.npz", **without)
    with pytest.raises(ValueError, match="has no 'checksum' entry; not a saved model"):
        A.Sequential.load(tmp_path / "n.npz")


def _resaved(tmp_path: Path, arrays: dict[str, np.ndarray], arch: dict,
             params: dict[str, np.ndarray] | None = None) -> Path:
    """A self-consistent file (valid checksum) with a chosen architecture and arrays."""
    from activations.saving import _checksum

    text = json.dumps(arch).encode()
    params = params or {k: v for k, v in arrays.items() if k.startswith("param_")}
    out = tmp_path / "r.npz"
    np.savez(out, architecture=np.frombuffer(text, dtype=np.uint8),
             checksum=np.frombuffer(_checksum(text, params), dtype=np.uint8), **params)
    return out


def test_inconsistent_but_checksummed_files_raise(tmp_path: Path) -> None:
    _, arrays = _saved(tmp_path)
    arch = json.loads(arrays["architecture"].tobytes())
    future = {**arch, "format_version": 2}
    with pytest.raises(ValueError, match=r"format version 2 is not supported \(this library reads version 1\)"):
        A.Sequential.load(_resaved(tmp_path, arrays, future))
    with pytest.raises(ValueError, match="was not written by Sequential.save \\(format 'keras', expected 'activations.Sequential'\\)"):
        A.Sequential.load(_resaved(tmp_path, arrays, {**arch, "format": "keras"}))
    # A layer wider than its stored kernel is refused before any layer is made (it used to be
    # found when the model was assembled, after allocating it).
    wide = json.loads(json.dumps(arch))
    wide["layers"][0]["units"] = 4
    with pytest.raises(ValueError, match=r"layer 0 declares 4 kernel columns \(a kernel of at least 64 bytes\) but the file stores its kernel with shape \(2, 3\)"):
        A.Sequential.load(_resaved(tmp_path, arrays, wide))
    wide["layers"][0]["units"] = 3
    wide["layers"][1]["input_dim"] = 4
    with pytest.raises(ValueError, match="invalid architecture: Sequential.add: layer 1 has input_dim=4 but the previous layer outputs 3 values"):
        A.Sequential.load(_resaved(tmp_path, arrays, wide))
    bad = json.loads(json.dumps(arch))
    bad["layers"][0]["activation"]["name"] = "rleu"
    with pytest.raises(ValueError, match="invalid architecture: .*unknown activation 'rleu'"):
        A.Sequential.load(_resaved(tmp_path, arrays, bad))
    bad["layers"][0]["class"] = "Conv2D"
    with pytest.raises(ValueError, match="invalid architecture: unknown layer class 'Conv2D'"):
        A.Sequential.load(_resaved(tmp_path, arrays, bad))
    params = {k: v for k, v in arrays.items() if k.startswith("param_")}
    params["param_000"] = params["param_000"].astype(np.float32)
    with pytest.raises(ValueError, match="dtype float32, expected"):
        A.Sequential.load(_resaved(tmp_path, arrays, arch, params))


def test_save_rejects_unbuilt_models(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="save: the model is not built yet"):
        A.Sequential([A.Dense(1)]).save(tmp_path / "x")


# ===================================================================== errors


def test_fit_and_friends_before_compile() -> None:
    model = A.Sequential([A.Dense(1, input_dim=2)])
    X, y = datasets.xor()
    for call in (lambda: model.fit(X, y), lambda: model.evaluate(X, y),
                 lambda: model.gradients(X, y), lambda: A.gradcheck(model, X, y)):
        with pytest.raises(RuntimeError, match=r"the model is not compiled; call model.compile\(loss=\.\.\., optimizer=\.\.\.\) first"):
            call()


def test_bad_training_input_raises_before_any_work() -> None:
    X, y = datasets.xor()
    model = A.Sequential([A.Dense(3, "relu"), A.Dense(1, "sigmoid")], seed=0)
    model.compile("binary_crossentropy", metrics=["accuracy"])
    cases = [
        (dict(X=X, y=y[:3]), "fit: X has 4 rows but y has 3 rows"),
        (dict(X=np.where(X == 1, np.nan, X), y=y), r"fit: X contains 4 NaN or infinite value\(s\) \(first at index \(1, 1\)\)"),
        (dict(X=X, y=np.array([0, 1, np.inf, 0])), r"fit: y contains 1 NaN or infinite value\(s\) \(first at index \(2, 0\)\)"),
        (dict(X=X, y=[0, 1, 2, 0]), r"fit: binary cross-entropy needs labels in \{0, 1\}, found 2 at index \(2, 0\)"),
        (dict(X=X, y=y, epochs=0), "fit: epochs must be a positive integer, got 0"),
        (dict(X=X, y=y, batch_size=0), "fit: batch_size must be a positive integer, got 0"),
        (dict(X=X, y=y, record=("loss", "weights")), r"fit: cannot record 'weights'; choose from \['loss', 'metrics', 'grad_norms', 'activation_stats'\]"),
        (dict(X=X, y=y, verbose=2), "fit: verbose must be 0 or 1, got 2"),
        (dict(X=X, y=y, validation_data=X), r"fit: validation_data must be a tuple \(X_val, y_val\)"),
        (dict(X=X, y=y, validation_data=(X[:, :1], y)), "fit: validation_data: X has 1 columns but the model expects input_dim=2"),
        (dict(X=np.zeros((0, 2)), y=[]), "fit: X has no rows; give at least one sample"),
        (dict(X=np.zeros((2, 2, 2)), y=[0, 1]), r"fit: X must be 2-D \(samples, features\), got shape \(2, 2, 2\)"),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValueError, match=message):
            model.fit(**kwargs)
        assert not model.built
    with pytest.raises(TypeError, match="fit: X: expected real numbers"):
        model.fit([["a", "b"]], [0])
    with pytest.raises(TypeError, match="fit: callbacks must be Callback objects or functions, got int"):
        model.fit(X, y, callbacks=[3])
    model.fit(X, y)  # builds now
    with pytest.raises(ValueError, match="fit: X has 3 columns but the model expects input_dim=2"):
        model.fit(np.ones((4, 3)), y)
    with pytest.raises(ValueError, match="predict: X has 3 columns but the model expects input_dim=2"):
        model.predict(np.ones((4, 3)))


def test_sparse_and_categorical_label_errors() -> None:
    X = np.ones((3, 2))
    model = A.Sequential([A.Dense(4, input_dim=2, activation="softmax")], seed=0)
    model.compile("sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match=r"fit: labels must be integers in \[0, 3\] for 4 output classes, found 4 at index 1"):
        model.fit(X, [0, 4, 1])
    with pytest.raises(ValueError, match=r"fit: labels must be integers in \[0, 3\] for 4 output classes, found -1 at index 2"):
        model.fit(X, [0, 1, -1])
    model.compile("categorical_crossentropy")
    with pytest.raises(ValueError, match=r"fit: y has shape \(3,\) but the predictions have shape \(3, 4\); for integer class labels use sparse_categorical_crossentropy"):
        model.fit(X, [0, 1, 2])


def test_construction_and_compile_errors() -> None:
    with pytest.raises(ValueError, match="Dense: units must be a positive integer, got 0"):
        A.Dense(0)
    with pytest.raises(ValueError, match="Maxout: pieces must be a positive integer, got 0"):
        A.Maxout(2, pieces=0)
    with pytest.raises(TypeError, match="Dense: units must be an integer, got float"):
        A.Dense(2.5)
    with pytest.raises(ValueError, match=r"Dense: unknown activation 'rleu'\. Did you mean 'relu'"):
        A.Dense(3, "rleu")
    with pytest.raises(TypeError, match="Dense: activation must be a catalog name, an Activation or None, got function"):
        A.Dense(3, lambda x: x)
    with pytest.raises(ValueError, match=r"Dense: initializers.get: unknown initializer 'glorot'\. Did you mean 'glorot_"):
        A.Dense(3, kernel_initializer="glorot")
    with pytest.raises(ValueError, match=r"Dense: prelu weight has shape \(3,\) but the layer has 4 units; give one number or an array of shape \(4,\)"):
        A.Dense(4, A.get("prelu", weight=np.ones(3)))
    with pytest.raises(TypeError, match="Sequential: layers must be a list of layers, got Dense"):
        A.Sequential(A.Dense(2))
    with pytest.raises(TypeError, match="Sequential.add: expected a Dense or Maxout layer, got str"):
        A.Sequential(["relu"])
    with pytest.raises(TypeError, match="Sequential: dtype must be 'float32' or 'float64', got float16"):
        A.Sequential([A.Dense(1)], dtype="float16")
    with pytest.raises(ValueError, match="Sequential: seed must be a non-negative integer, got -3"):
        A.Sequential([A.Dense(1)], seed=-3)
    layer = A.Dense(2, input_dim=2)
    A.Sequential([layer])
    with pytest.raises(ValueError, match="Sequential.add: layer 'dense_0' already belongs to a model; create a new layer"):
        A.Sequential([layer])
    with pytest.raises(ValueError, match="Sequential.add: layer 1 has input_dim=3 but the previous layer outputs 2 values"):
        A.Sequential([A.Dense(2, input_dim=2), A.Dense(1, input_dim=3)])
    X, y = datasets.xor()
    model = xor_model()
    model.fit(X, y)
    with pytest.raises(ValueError, match="Sequential.add: the model has been trained; adding a layer would re-initialize its weights"):
        model.add(A.Dense(1))
    with pytest.raises(ValueError, match=r"losses.get: unknown loss 'binary_crosentropy'\. Did you mean 'binary_crossentropy'"):
        model.compile("binary_crosentropy")
    with pytest.raises(ValueError, match=r"optimizers.get: unknown optimizer 'sdg'\. Did you mean 'sgd'"):
        model.compile("bce", optimizer="sdg")
    with pytest.raises(ValueError, match=r"compile: unknown metric 'acuracy'\. Did you mean 'accuracy'"):
        model.compile("bce", metrics=["acuracy"])
    with pytest.raises(ValueError, match="SGD: learning_rate must be > 0, got -0.1"):
        model.compile("bce", optimizers.SGD(learning_rate=-0.1))
    with pytest.raises(ValueError, match="predict: the model has no layers"):
        A.Sequential().predict([[1.0]])


def test_no_warnings_for_extreme_but_finite_inputs() -> None:
    model = A.Sequential([A.Dense(4, "softplus", input_dim=2), A.Dense(3, "softmax")], seed=0)
    model.compile("sparse_categorical_crossentropy")
    X = np.array([[1e300, -1e300], [-1e300, 1e300]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = model.predict(X)
        model.evaluate(X, [0, 1])
    assert out.shape == (2, 3)


def test_initializers_are_used_with_the_seed() -> None:
    init = initializers.random_normal(stddev=3.0)
    a = A.Sequential([A.Dense(50, input_dim=40, kernel_initializer=init,
                              bias_initializer=initializers.constant(0.5))], seed=9)
    k = a.layers[0].kernel
    assert k.std() == pytest.approx(3.0, rel=0.05) and np.all(a.layers[0].bias == 0.5)
    assert np.array_equal(k, init((40, 50), np.random.default_rng(9).spawn(2)[0]))


def test_build_layer_and_misc_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Sequential.build: the model has no layers"):
        A.Sequential().build(2)
    model = A.Sequential([A.Dense(2, input_dim=3)], seed=0)
    with pytest.raises(ValueError, match="Sequential.build: the model is built for input_dim=3, got 4"):
        model.build(4)
    unbuilt = A.Sequential([A.Dense(2), A.Dense(1)], seed=0)
    unbuilt.layers[1].input_dim = 7  # contradicts the previous layer's width
    with pytest.raises(ValueError, match="Sequential.build: layer 'dense_1' has input_dim=7 but receives 2 values"):
        unbuilt.build(3)
    with pytest.raises(TypeError, match="compile: metrics must be names, got int"):
        model.compile("mse", metrics=[1])
    model.compile("mse", metrics="mae")
    assert model.metrics == ["mae"]
    with pytest.raises(TypeError, match="fit: shuffle must be True or False, got 'yes'"):
        model.fit(np.ones((2, 3)), np.ones((2, 2)), shuffle="yes")
    with pytest.raises(TypeError, match="fit: y must be a numeric array"):
        model.fit(np.ones((2, 3)), [[1.0], [1.0, 2.0]])
    with pytest.raises(TypeError, match="Dense: use_bias must be True or False, got 1"):
        A.Dense(2, use_bias=1)
    with pytest.raises(TypeError, match="Dense: name must be a non-empty string, got ''"):
        A.Dense(2, name="")
    with pytest.raises(ValueError, match="Dense.count_params: input_dim is not known yet"):
        A.Dense(2).count_params()
    assert A.Dense(2).count_params(input_dim=3) == 8

    class ArrayParam:  # an activation whose parameter cannot be written as JSON
        name, params, elementwise = "leaky_relu", {"negative_slope": np.ones(2)}, True

    layer = model.layers[0]
    layer.activation = ArrayParam()
    with pytest.raises(ValueError, match=r"Dense 'dense_0': activation parameter negative_slope=array\(\[1., 1.\]\) cannot be saved; only numbers and strings can"):
        model.save(tmp_path / "x")


def test_architecture_inconsistent_with_its_parameter_list(tmp_path: Path) -> None:
    _, arrays = _saved(tmp_path)
    arch = json.loads(arrays["architecture"].tobytes())
    arch["layers"][1]["use_bias"] = False  # the file still lists the bias array
    with pytest.raises(ValueError, match="the architecture needs 3 parameter arrays, the file has 4"):
        A.Sequential.load(_resaved(tmp_path, arrays, arch))
    arch["parameters"] = "none"
    with pytest.raises(ValueError, match="the architecture has no valid parameter list"):
        A.Sequential.load(_resaved(tmp_path, arrays, arch))


def test_activation_statistics_of_huge_activations_are_inf_without_a_warning():
    # Hidden outputs of 1e160 overflow a sum of squares; the output layer scales them back.
    model = A.Sequential(
        [
            A.Dense(3, "relu", input_dim=2,
                              kernel_initializer=initializers.constant(1e80)),
            A.Dense(1, "linear",
                              kernel_initializer=initializers.constant(1e-170)),
        ],
        seed=0,
    )
    model.compile("mse", optimizers.SGD(1e-30))
    X = np.full((4, 2), 1e80)
    history = model.fit(X, np.zeros((4, 1)), epochs=1)  # warnings are errors in this suite
    assert history.diverged is None
    assert np.isinf(history.history["activation_std"][0, 0]) or np.isnan(
        history.history["activation_std"][0, 0])
    assert np.isfinite(history.history["activation_mean"][0, 1])
