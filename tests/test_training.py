"""Training that loses nothing: divergence caught and undone, hyper-parameters checked when
used, the history kept through interruptions, memory that grows with the epochs actually run,
and a clear message for every bad input."""

from __future__ import annotations

import gc
import math
import os
import signal
import threading
import tracemalloc
import warnings
from collections.abc import Callable

import numpy as np
import pytest

import activations as A
from activations import datasets, initializers, losses, optimizers

X2, Y2 = datasets.moons(40, seed=0)
XS, YS = datasets.sine(50, seed=0)


def regression(arch: str, lr: float, dtype: str = "float64") -> A.Sequential:
    hidden = {"linear": [], "tanh": [A.Dense(8, "tanh", input_dim=1)],
              "relu": [A.Dense(8, "relu", input_dim=1)]}[arch]
    layers = hidden + [A.Dense(1, input_dim=None if hidden else 1)]
    model = A.Sequential(layers, seed=0, dtype=dtype)
    model.compile("mse", optimizers.SGD(lr))
    return model


def classifier(lr: float = 0.5, **compile_args: object) -> A.Sequential:
    model = A.Sequential([A.Dense(8, "tanh", input_dim=2), A.Dense(1, "sigmoid")], seed=0)
    model.compile("binary_crossentropy", optimizers.SGD(lr), **compile_args)
    return model


def fit_warning(model: A.Sequential, X: np.ndarray, y: np.ndarray, **kwargs: object
                ) -> tuple[A.History, str]:
    with pytest.warns(RuntimeWarning) as record:
        history = model.fit(X, y, **kwargs)
    assert len(record) == 1
    return history, str(record[0].message)


# ===================================================================== divergence


@pytest.mark.parametrize("epochs", [1, 5])
@pytest.mark.parametrize("arch", ["linear", "tanh", "relu"])
@pytest.mark.parametrize("lr", [1e300, 1e308])
def test_a_runaway_mse_fit_is_stopped_and_undone(arch: str, lr: float, epochs: int) -> None:
    model = regression(arch, lr)
    start = model.get_weights()
    history, message = fit_warning(model, XS, YS, epochs=epochs)
    d = history.diverged
    assert d is not None and (d.reason in ("the loss became NaN or infinite",
                                           "the weights became NaN or infinite")
                              or d.reason.startswith("the weights' sum of squares overflowed"))
    assert message.startswith(f"fit: training diverged in epoch {int(d)}: {d.reason}; "
                              "training stopped. Lower the learning rate or change the "
                              f"initializer (the learning rate is {lr:g}).")
    assert f"weights it had at the start of epoch {d.restored} back" in message
    assert all(np.isfinite(w).all() for w in model.get_weights())
    assert np.isfinite(model.predict(XS)).all()
    if d.restored == 0:
        assert all(np.array_equal(a, b) for a, b in zip(start, model.get_weights(), strict=True))
    assert model.optimizer.iterations == 0  # its runaway moments are forgotten


def test_a_weight_out_of_range_is_divergence_even_in_the_last_epoch() -> None:
    model = regression("relu", 1e300)  # one step takes the weights to 1e300: predictions overflow
    history, message = fit_warning(model, XS, YS, epochs=1)
    assert history.diverged == 0
    assert history.diverged.reason == ("the weights' sum of squares overflowed float64 (the "
                                       "largest weight is 1.04e+300; beyond about 1.3e+154, "
                                       "products overflow)")
    assert history.diverged.reason in message
    assert np.isfinite(model.predict(XS)).all()


def test_a_finite_but_astronomical_loss_is_divergence_too() -> None:
    # binary cross-entropy grows like |z|: at a learning rate of 1e300 the loss reaches 1e298
    # without ever overflowing; the weights that give it are out of range already
    model = classifier(lr=1e300)
    history, message = fit_warning(model, X2, Y2, epochs=20)
    assert history.diverged == 0
    assert history.diverged.reason.startswith("the weights' sum of squares overflowed float64")
    assert np.isfinite(model.predict(X2)).all()
    assert model.evaluate(X2, Y2)["loss"] == pytest.approx(history["loss"][0])


def test_a_loss_out_of_range_with_weights_in_range_is_divergence() -> None:
    # Two layers of weights 1e100 (in range) multiply into scores of 1e200 (a loss out of range)
    class Inflate(A.Callback):
        def on_epoch_end(self, epoch: int, logs: dict) -> None:
            if epoch == 2:
                for layer in self.model.layers:
                    layer.kernel[...] = 1e100

    model = A.Sequential([A.Dense(2, input_dim=2), A.Dense(1, "sigmoid")], seed=0)
    model.compile("bce", optimizers.SGD(1e-3))
    history, message = fit_warning(model, X2, Y2, epochs=10, callbacks=[Inflate()])
    assert history.diverged == 3 and history["loss"][3] > 1e190
    assert message.startswith("fit: training diverged in epoch 3: the loss grew to ")
    assert ("more than 1e+06 times its lowest value so far" in message
            and "and beyond 1.3e+154, where squares overflow in float64" in message)
    assert history.diverged.restored == int(np.argmin(history["loss"][:3]))
    assert np.abs(model.predict(X2) - 0.5).max() < 0.5  # the small weights are back


def test_a_large_but_representable_loss_is_left_alone() -> None:
    # The textbook studies runs whose loss grows a billion-fold and recovers (dying ReLU,
    # exploding ELU): below the overflow bound nothing is stopped.
    model = A.Sequential([A.Dense(1, input_dim=1, kernel_initializer=initializers.constant(1e5))],
                         seed=0)
    model.compile("mse", optimizers.SGD(1e-12))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = model.fit(XS * 1e3, YS, epochs=3)
    assert history.diverged is None and history["loss"][0] > 1e9


def test_the_weights_given_back_are_those_of_the_best_epoch() -> None:
    starts: list[list[np.ndarray]] = []

    class Snapshot(A.Callback):
        def on_epoch_begin(self, epoch: int, logs: dict) -> None:
            starts.append(self.model.get_weights())

    model = classifier(lr=3.0)
    model.compile("binary_crossentropy", optimizers.SGD(3.0, momentum=0.99))
    rate = [1.0]

    class Escalate(A.Callback):  # a schedule that runs away after a few good epochs
        def on_epoch_end(self, epoch: int, logs: dict) -> None:
            if epoch >= 3:
                rate[0] *= 1e60
                self.model.optimizer.learning_rate = rate[0]

    history, _ = fit_warning(model, X2, Y2, epochs=50, callbacks=[Snapshot(), Escalate()])
    d = history.diverged
    losses = history["loss"][:int(d)]
    assert d.restored == int(np.argmin(losses))  # full batch: epoch k's loss is at its start
    assert all(np.array_equal(a, b)
               for a, b in zip(starts[d.restored], model.get_weights(), strict=True))


@pytest.mark.parametrize("scale", [1e300, 1e200])
def test_huge_data_is_blamed_not_the_learning_rate(scale: float) -> None:
    model = regression("relu", 0.01)
    history, message = fit_warning(model, XS * scale, YS, epochs=5)
    assert history.diverged == 0
    assert f"The data reach {float(np.abs(XS * scale).max()):.3g} in magnitude: standardize X" in message
    assert "a lower learning rate does not help" in message
    assert "Lower the learning rate" not in message


def test_float32_models_diverge_cleanly_too() -> None:
    model = regression("tanh", 1e30, dtype="float32")
    history, message = fit_warning(model, XS, YS, epochs=5)
    assert history.diverged is not None and "diverged in epoch" in message
    assert np.isfinite(model.predict(XS)).all() and model.predict(XS).dtype == np.float32


# ===================================================================== hyper-parameters


@pytest.mark.parametrize(
    ("attribute", "value", "error", "message"),
    [
        ("learning_rate", math.nan, ValueError, "SGD: learning_rate must be finite, got nan"),
        ("learning_rate", math.inf, ValueError, "SGD: learning_rate must be finite, got inf"),
        ("learning_rate", 0.0, ValueError, r"SGD: learning_rate must be > 0, got 0\.0"),
        ("learning_rate", -0.1, ValueError, r"SGD: learning_rate must be > 0, got -0\.1"),
        ("learning_rate", "0.1", TypeError, "SGD: learning_rate must be a real number, got str"),
        ("momentum", 1.5, ValueError, r"SGD: momentum must be < 1\.0, got 1\.5"),
        ("momentum", -0.5, ValueError, r"SGD: momentum must be >= 0, got -0\.5"),
    ],
)
def test_hyper_parameters_changed_after_compile_are_checked_at_fit(
        attribute: str, value: object, error: type, message: str) -> None:
    model = classifier()
    before = model.get_weights()
    setattr(model.optimizer, attribute, value)
    with pytest.raises(error, match=rf"^fit: the optimizer's hyper-parameters are no longer valid: {message}.*; set a valid value \(or compile with a new optimizer\) before training$"):
        model.fit(X2, Y2, epochs=3)
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights(), strict=True))
    with pytest.raises(error, match=rf"^SGD.step: the optimizer's hyper-parameters are no longer valid: {message}"):
        model.optimizer.step([np.ones(2)], [np.ones(2)])


@pytest.mark.parametrize("value", [math.nan, 0.0, -1.0])
def test_a_learning_rate_spoilt_by_a_callback_stops_the_next_epoch(value: float) -> None:
    model = classifier()

    def spoil(epoch: int, logs: dict) -> None:
        if epoch == 1:
            model.optimizer.learning_rate = value

    with pytest.raises(ValueError, match="fit: the optimizer's hyper-parameters are no longer valid: SGD: learning_rate must be"):
        model.fit(X2, Y2, epochs=10, callbacks=[spoil])
    assert model.history.epoch == [0, 1]


@pytest.mark.parametrize(("attribute", "value", "message"), [
    ("beta_1", 1.0, r"Adam: beta_1 must be < 1\.0, got 1\.0"),
    ("epsilon", 0.0, r"Adam: epsilon must be > 0, got 0\.0"),
])
def test_other_optimizers_are_checked_too(attribute: str, value: float, message: str) -> None:
    model = classifier()
    model.compile("bce", optimizers.Adam())
    setattr(model.optimizer, attribute, value)
    with pytest.raises(ValueError, match=f"fit: the optimizer's hyper-parameters are no longer valid: {message}"):
        model.fit(X2, Y2)


# ===================================================================== interruptions


class Recorder(A.Callback):
    def __init__(self, interrupt_epoch: int | None = None,
                 interrupt_batch: tuple[int, int] | None = None) -> None:
        self.interrupt_epoch, self.interrupt_batch = interrupt_epoch, interrupt_batch
        self.ended = 0
        self.epoch = -1

    def on_epoch_begin(self, epoch: int, logs: dict) -> None:
        self.epoch = epoch

    def on_train_batch_end(self, batch: int, logs: dict) -> None:
        if (self.epoch, batch) == self.interrupt_batch:
            raise KeyboardInterrupt

    def on_epoch_end(self, epoch: int, logs: dict) -> None:
        if epoch == self.interrupt_epoch:
            raise KeyboardInterrupt

    def on_train_end(self, logs: dict) -> None:
        self.ended += 1


def assert_consistent(history: A.History, epochs: int) -> None:
    assert history.epoch == list(range(epochs))
    for key, values in history.history.items():
        assert len(values) == epochs, key


@pytest.mark.parametrize(
    ("where", "finished"),
    [(dict(interrupt_epoch=0), 1), (dict(interrupt_epoch=3), 4),
     (dict(interrupt_batch=(0, 1)), 0), (dict(interrupt_batch=(2, 3)), 2)],
    ids=["end-of-epoch-0", "end-of-epoch-3", "batch-1-of-epoch-0", "batch-3-of-epoch-2"],
)
def test_an_interrupt_keeps_the_finished_epochs(where: dict, finished: int) -> None:
    model = classifier(metrics=["accuracy"])
    callback = Recorder(**where)
    with pytest.raises(KeyboardInterrupt):
        model.fit(X2, Y2, epochs=100, batch_size=8, validation_data=(X2, Y2),
                  callbacks=[callback])
    assert callback.ended == 1
    history = model.history
    assert isinstance(history, A.History) and history.diverged is None
    assert_consistent(history, finished)
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy",
                                    *A.callbacks.LAYER_KEYS}
    assert all(np.isfinite(w).all() for w in model.get_weights())
    assert all(not layer._caches for layer in model.layers)  # the buffers are freed
    model.fit(X2, Y2, epochs=2)  # and the model trains on
    assert model.history.epoch == [0, 1]


def test_ctrl_c_at_any_moment_keeps_a_consistent_history() -> None:
    for delay in (0.05, 0.2, 0.4):
        model = A.Sequential([A.Dense(16, "relu", input_dim=2), A.Dense(16, "tanh"),
                              A.Dense(1, "sigmoid")], seed=0)
        model.compile("bce", optimizers.Adam(0.01), metrics=["accuracy"])
        callback = Recorder()
        timer = threading.Timer(delay, os.kill, (os.getpid(), signal.SIGINT))
        timer.start()
        try:
            with pytest.raises(KeyboardInterrupt):
                model.fit(X2, Y2, epochs=10**7, batch_size=4, callbacks=[callback])
        finally:
            timer.cancel()
        assert callback.ended == 1
        assert_consistent(model.history, len(model.history.epoch))


def test_an_exception_in_on_train_begin_still_ends_training() -> None:
    class Broken(Recorder):
        def on_train_begin(self, logs: dict) -> None:
            raise RuntimeError("broken callback")

    callback = Broken()
    model = classifier()
    with pytest.raises(RuntimeError, match="broken callback"):
        model.fit(X2, Y2, callbacks=[callback])
    assert callback.ended == 1 and model.history.epoch == []


# ===================================================================== memory


def test_memory_grows_with_the_epochs_run_not_the_epochs_asked() -> None:
    model = classifier()
    tracemalloc.start()
    try:
        history = model.fit(X2, Y2, epochs=10**9, callbacks=[StopAt(3)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert history.epoch == [0, 1, 2, 3]
    assert history["grad_norms"].shape == (4, 2) and history["dead_fraction"].shape == (4, 2)
    assert peak < 2**20, f"{peak / 2**20:.1f} MiB for 4 epochs"


class StopAt(A.Callback):
    def __init__(self, epoch: int) -> None:
        self.last = epoch

    def on_epoch_end(self, epoch: int, logs: dict) -> None:
        if epoch >= self.last:
            self.model.stop_training = True


def test_scratch_buffers_are_freed_after_each_fit() -> None:
    X, y = datasets.moons(400, seed=0)
    model = A.Sequential([A.Dense(64, "relu", input_dim=2), A.Dense(64, "relu"),
                          A.Dense(1, "sigmoid")], seed=0)
    model.compile("bce", optimizers.SGD(0.1))
    model.fit(X[:50], y[:50])
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for n in range(100, 400):  # 300 fits, each on a different number of rows
            model.fit(X[:n], y[:n], batch_size=n // 3 + 1)
        model.gradients(X, y)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert all(not layer._caches for layer in model.layers)
    assert kept < 2**20, f"{kept / 2**20:.1f} MiB kept after 300 fits"


def test_a_fit_keeps_at_most_two_batch_sizes_of_buffers() -> None:
    sizes = []

    class Count(A.Callback):
        def on_train_batch_end(self, batch: int, logs: dict) -> None:
            sizes.append(max(len(layer._caches) for layer in self.model.layers))

    classifier().fit(X2, Y2, epochs=2, batch_size=7, callbacks=[Count()])  # 5 x 7 rows + 5
    assert max(sizes) == 2


# ===================================================================== warnings that say what to change


@pytest.mark.parametrize(
    ("output", "units", "loss"),
    [("sigmoid", 1, losses.binary_crossentropy(from_logits=True)),
     ("softmax", 3, losses.categorical_crossentropy(from_logits=True)),
     ("softmax", 3, losses.sparse_categorical_crossentropy(from_logits=True))],
    ids=["sigmoid-bce", "softmax-cce", "softmax-scce"],
)
def test_a_squashed_output_with_a_logits_loss_warns(output: str, units: int,
                                                    loss: losses.Loss) -> None:
    message = (rf"the output layer applies {output} and the loss takes scores "
               rf"\(from_logits=True\), so {output} is applied twice and the predictions are "
               rf"squashed; use a linear output layer with from_logits=True, or keep {output} "
               r"with from_logits=False")
    model = A.Sequential([A.Dense(4, "tanh", input_dim=2), A.Dense(units, output)], seed=0)
    with pytest.warns(RuntimeWarning, match="compile: " + message) as record:
        model.compile(loss)
    assert record[0].filename == __file__  # it points at the caller's line
    later = A.Sequential([A.Dense(4, "tanh", input_dim=2)], seed=0)
    later.compile(loss)  # no output layer yet: checked when training starts
    later.add(A.Dense(units, output))
    y = np.zeros(4) if loss.name != "categorical_crossentropy" else np.eye(3)[[0, 1, 2, 0]]
    with pytest.warns(RuntimeWarning, match="fit: " + message):
        later.fit(np.ones((4, 2)), y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        later.fit(np.ones((4, 2)), y)  # once per model and loss


@pytest.mark.parametrize("activation", ["softmax", "sparsemax", "log_softmax"])
def test_a_layer_whose_output_cannot_change_is_an_error(activation: str) -> None:
    message = (rf"layer 'dense_1' applies {activation} to 1 unit\(s\), which outputs \[\S+\] "
               r"whatever its input, so no gradient passes and the loss cannot change; give the "
               r"layer more units; for a binary output use Dense\(1, 'sigmoid'\) with "
               r"binary_crossentropy")
    model = A.Sequential([A.Dense(4, "tanh", input_dim=2), A.Dense(1, activation)], seed=0)
    with pytest.raises(ValueError, match="compile: " + message):
        model.compile("bce")
    later = A.Sequential([A.Dense(4, "tanh", input_dim=2)], seed=0)
    later.compile("bce")
    later.add(A.Dense(1, activation))
    with pytest.raises(ValueError, match="fit: " + message):
        later.fit(X2, Y2)


@pytest.mark.parametrize("value", [np.nan, np.inf, 1e300])
def test_an_initializer_that_gives_non_finite_values_is_an_error(value: float) -> None:
    def broken(shape: tuple[int, ...], rng: object) -> np.ndarray:
        return np.full(shape, value)

    dtype = "float32" if value == 1e300 else "float64"  # 1e300 is infinite in float32
    with pytest.raises(ValueError, match=rf"Sequential.build: the kernel_initializer of layer 'dense_0' \(custom\) gave 6 NaN or infinite value\(s\) in {dtype}; fix its parameters or use another initializer, such as 'glorot_uniform'"):
        A.Sequential([A.Dense(3, input_dim=2, kernel_initializer=broken)], seed=0, dtype=dtype)
    with pytest.raises(ValueError, match=r"the bias_initializer of layer 'dense_0' \(custom\) gave 3"):
        A.Sequential([A.Dense(3, input_dim=2, bias_initializer=broken)], seed=0, dtype=dtype)


# ===================================================================== bad inputs, clear errors


def _f32() -> A.Sequential:
    model = A.Sequential([A.Dense(1, input_dim=1)], seed=0, dtype="float32")
    model.compile("mse")
    return model


def _f64() -> A.Sequential:
    model = A.Sequential([A.Dense(2, "relu", input_dim=1), A.Dense(1)], seed=0)
    model.compile("mse")
    return model


BIG = np.array([[1.0], [1e300], [2.0]])
BAD_INPUTS: list[tuple[str, Callable[[], object], type, str]] = [
    ("float32-X", lambda: _f32().fit(BIG, np.ones(3)), ValueError,
     r"fit: X holds 1 finite value\(s\) too large for float32 \(up to 1e\+300; float32 ends at "
     r"3\.4e\+38\), first at index \(1, 0\); scale them down or use float64"),
    ("float32-y", lambda: _f32().fit(np.ones((3, 1)), BIG[:, 0]), ValueError,
     r"fit: y holds 1 finite value\(s\) too large for float32 .*first at index \(1,\)"),
    ("float32-predict", lambda: _f32().predict(BIG), ValueError,
     r"predict: X holds 1 finite value\(s\) too large for float32"),
    ("float32-evaluate", lambda: _f32().evaluate(BIG, np.ones(3)), ValueError,
     r"evaluate: X holds 1 finite value\(s\) too large for float32"),
    ("float32-validation", lambda: _f32().fit(np.ones((3, 1)), np.ones(3),
                                              validation_data=(BIG, np.ones(3))), ValueError,
     r"fit: validation_data: X holds 1 finite value\(s\) too large for float32"),
    ("float32-set_weights", lambda: _f32().set_weights([np.full((1, 1), 1e300), np.zeros(1)]),
     ValueError, r"set_weights: array 0 holds 1 finite value\(s\) too large for float32 \(up to "
     r"1e\+300; float32 ends at 3\.4e\+38\), first at index \(0, 0\); scale them down or use "
     r"float64"),
    ("nan-X-is-still-bad-data", lambda: _f32().fit(np.array([[np.nan]]), [1.0]), ValueError,
     r"fit: X contains 1 NaN or infinite value\(s\) \(first at index \(0, 0\)\); clean or "
     r"impute them before training"),
    ("prelu-3-for-4", lambda: A.Dense(4, A.get("prelu", weight=np.ones(3))), ValueError,
     r"Dense: prelu weight has shape \(3,\) but the layer has 4 units; give one number or an "
     r"array of shape \(4,\)"),
    ("prelu-column", lambda: A.Dense(4, A.get("prelu", weight=np.ones((4, 1)))), ValueError,
     r"Dense: prelu weight has shape \(4, 1\) but the layer has 4 units"),
    ("prelu-row", lambda: A.Dense(4, A.get("prelu", weight=np.ones((1, 4)))), ValueError,
     r"Dense: prelu weight has shape \(1, 4\) but the layer has 4 units"),
    ("prelu-5-for-4", lambda: A.Sequential([A.Dense(4, A.get("prelu", weight=np.ones(5)),
                                                    input_dim=2)]), ValueError,
     r"Dense: prelu weight has shape \(5,\) but the layer has 4 units"),
    ("predict-batch-str", lambda: _f64().predict(np.ones((3, 1)), batch_size="x"), TypeError,
     r"predict: batch_size must be an integer, got str 'x'"),
    ("predict-batch-float", lambda: _f64().predict(np.ones((3, 1)), batch_size=2.5), TypeError,
     r"predict: batch_size must be an integer, got float 2\.5"),
    ("predict-batch-bool", lambda: _f64().predict(np.ones((3, 1)), batch_size=True), TypeError,
     r"predict: batch_size must be an integer, got bool True"),
    ("predict-batch-zero", lambda: _f64().predict(np.ones((3, 1)), batch_size=0), ValueError,
     r"predict: batch_size must be a positive integer, got 0"),
    ("fit-callbacks-function", lambda: _f64().fit(np.ones((3, 1)), np.ones(3),
                                                  callbacks=lambda e, logs: None), TypeError,
     r"fit: callbacks must be a list of Callback objects or functions, got a single function; "
     r"pass callbacks=\[\.\.\.\] around it"),
    ("fit-callbacks-object", lambda: _f64().fit(np.ones((3, 1)), np.ones(3),
                                                callbacks=A.Callback()), TypeError,
     r"fit: callbacks must be a list of Callback objects or functions, got a single Callback"),
    ("fit-callbacks-str", lambda: _f64().fit(np.ones((3, 1)), np.ones(3), callbacks="stop"),
     TypeError, r"fit: callbacks must be a list of Callback objects or functions, got str"),
    ("fit-callbacks-int", lambda: _f64().fit(np.ones((3, 1)), np.ones(3), callbacks=3),
     TypeError, r"fit: callbacks must be a list of Callback objects or functions, got int"),
    ("fit-y-none", lambda: _f64().fit(np.ones((3, 1)), None), TypeError,
     r"fit: y is None; give the targets, one per row of X \(for example fit\(X, y\)\)"),
    ("evaluate-y-none", lambda: _f64().evaluate(np.ones((3, 1)), None), TypeError,
     r"evaluate: y is None"),
    ("gradients-y-none", lambda: _f64().gradients(np.ones((3, 1)), None), TypeError,
     r"gradients: y is None"),
    ("validation-y-none", lambda: _f64().fit(np.ones((3, 1)), np.ones(3),
                                             validation_data=(np.ones((3, 1)), None)), TypeError,
     r"fit: validation_data: y is None"),
    ("parameter-name", lambda: _f64().layers[0].parameter("prelu_weight"), ValueError,
     r"Dense 'dense_0'.parameter: no parameter 'prelu_weight'; this layer has kernel, bias"),
    ("missing-attribute", lambda: _f64().layers[0].prelu_weight, AttributeError,
     r"'Dense' object has no attribute 'prelu_weight'"),
]


@pytest.mark.parametrize(("call", "error", "message"), [c[1:] for c in BAD_INPUTS],
                         ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_gives_a_clear_error(call: Callable[[], object], error: type,
                                       message: str) -> None:
    with pytest.raises(error, match="^" + message):
        call()


# ===================================================================== what is bit-identical


def test_predictions_agree_across_batch_sizes_to_rounding_and_repeat_bit_for_bit() -> None:
    rng = np.random.default_rng(0)
    model = A.Sequential([A.Dense(256, "tanh", input_dim=64), A.Dense(256, "relu"),
                          A.Dense(3)], seed=0)
    X = rng.normal(size=(1000, 64))
    full = model.predict(X)
    assert np.array_equal(model.predict(X), full)  # same batch layout: bit for bit
    for batch_size in (1, 7, 333):
        np.testing.assert_allclose(model.predict(X, batch_size=batch_size), full,
                                   rtol=1e-13, atol=1e-13)
