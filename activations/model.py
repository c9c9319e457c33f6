r"""The Keras-like model: `Sequential` with compile / fit / evaluate / predict, its `History`
with per-layer diagnostics, saving to ``.npz``, and a gradient check.

Training follows the three steps of the textbook: define the model (a list of layers), choose
the loss (``compile``), minimise it by gradient descent (``fit``). Backpropagation is exact and
runs on NumPy alone; ``gradcheck`` compares it with central differences.

Examples
--------
>>> import activations
>>> from activations import datasets
>>> X, y = datasets.xor()
>>> model = activations.Sequential(
...     [activations.Dense(4, "tanh", input_dim=2), activations.Dense(1, "sigmoid")], seed=0)
>>> model.compile(loss="binary_crossentropy", optimizer=activations.optimizers.SGD(0.5),
...               metrics=["accuracy"])
>>> history = model.fit(X, y, epochs=2000)
>>> model.evaluate(X, y)["accuracy"]
1.0
>>> history.history["grad_norms"].shape  # epochs x layers
(2000, 2)
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import warnings
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

import activations as _catalog
from activations import losses as _losses
from activations import optimizers as _optimizers
from activations._registry import Registry
from activations._validation import SeedLike, as_2d, as_rng, check_bool, check_float, check_int
from activations.layers import SATURATION_THRESHOLD, Dense, Layer, Maxout

__all__ = ["Callback", "History", "Sequential", "gradcheck"]

FORMAT = "activations.Sequential"
FORMAT_VERSION = 1
"""Version of the ``.npz`` layout written by `Sequential.save`."""

RECORDABLE = ("loss", "metrics", "grad_norms", "activation_stats")
"""What ``fit(record=...)`` can keep per epoch."""

LAYER_KEYS = ("grad_norms", "activation_mean", "activation_std", "dead_fraction",
              "saturated_fraction")
"""History keys holding an ``(epochs, layers)`` array."""


# ================================================================================== metrics

_METRICS: Registry[str] = Registry("metric", "compile's docstring")
for _metric, _aliases in (
    ("accuracy", ("acc",)),
    ("binary_accuracy", ()),
    ("categorical_accuracy", ()),
    ("sparse_categorical_accuracy", ()),
    ("mean_squared_error", ("mse",)),
    ("mean_absolute_error", ("mae",)),
):
    _METRICS.add(_metric, _metric, _aliases)
del _metric, _aliases


def _metric_fn(name: str, loss: _losses.Loss, outputs: int) -> Callable[..., float]:
    """Return ``f(targets, outputs) -> float`` for internal targets (one-hot for sparse CCE)."""
    canonical = _METRICS.canonical(name)
    if canonical == "accuracy":
        if loss.name in ("categorical_crossentropy", "sparse_categorical_crossentropy") or (
            outputs > 1 and loss.name != "binary_crossentropy"
        ):
            canonical = "categorical_accuracy"
        else:
            canonical = "binary_accuracy"
    threshold = 0.0 if loss.from_logits else 0.5
    if canonical == "binary_accuracy":
        return lambda t, a: int(np.count_nonzero((a > threshold) == (t > 0.5))) / a.size
    if canonical in ("categorical_accuracy", "sparse_categorical_accuracy"):
        return lambda t, a: (
            int(np.count_nonzero(np.argmax(a, axis=1) == np.argmax(t, axis=1))) / a.shape[0]
        )
    if canonical == "mean_squared_error":
        return lambda t, a: float(np.mean(np.square(a - t)))
    return lambda t, a: float(np.mean(np.abs(a - t)))


# ================================================================================== history


class History:
    r"""What ``fit`` returns: per-epoch values and per-layer diagnostics.

    Attributes
    ----------
    history : dict
        ``"loss"`` and each metric (then ``"val_loss"``, ``"val_<metric>"`` with validation
        data): lists of floats, one per epoch. Per-layer diagnostics are float arrays of shape
        ``(epochs, layers)``:

        - ``"grad_norms"``: the L2 norm of the kernel gradient
          $\lVert \partial L/\partial W \rVert$, averaged over the epoch's batches;
        - ``"activation_mean"``, ``"activation_std"``: of the layer's outputs over every
          sample and unit the epoch trained on;
        - ``"dead_fraction"``: fraction of units whose output was exactly 0 for every sample of
          the epoch;
        - ``"saturated_fraction"``: fraction of (sample, unit) pairs with
          $|f'(z)| < 10^{-3}$ (NaN for vector-valued activations such as softmax, 0 for
          maxout layers).

        Activations and gradients are those of the training passes, before each update.
    epoch : list of int
        Epoch indices (0-based) that ran.
    diverged : int or None
        The epoch (0-based) in which the loss became NaN or infinite, if it did; training
        stopped there.
    layer_names : list of str
        Column labels of the per-layer arrays.
    params : dict
        ``epochs``, ``batch_size``, ``steps`` (batches per epoch), ``samples``.

    Examples
    --------
    >>> import activations
    >>> model = activations.Sequential([activations.Dense(1, input_dim=1)], seed=0)
    >>> model.compile("mse", activations.optimizers.SGD(0.1))
    >>> h = model.fit([[0.0], [1.0]], [1.0, 3.0], epochs=3, record=("loss",))
    >>> len(h["loss"]), h.diverged, sorted(h.history)
    (3, None, ['loss'])
    """

    def __init__(self, layer_names: list[str], params: dict[str, Any]) -> None:
        self.history: dict[str, Any] = {}
        self.epoch: list[int] = []
        self.diverged: int | None = None
        self.layer_names = layer_names
        self.params = params

    def __getitem__(self, key: str) -> Any:
        return self.history[key]

    def __repr__(self) -> str:
        return (f"<History epochs={len(self.epoch)} keys={sorted(self.history)} "
                f"diverged={self.diverged}>")


class Callback:
    r"""Base class for objects called during ``fit``; override the hooks you need.

    A plain function ``f(epoch, logs)`` given in ``callbacks`` is called like ``on_epoch_end``.
    Setting ``model.stop_training = True`` in a hook ends training after the current epoch.

    Examples
    --------
    >>> import activations
    >>> class StopBelow(activations.Callback):
    ...     def on_epoch_end(self, epoch, logs):
    ...         if logs["loss"] < 0.1:
    ...             self.model.stop_training = True
    >>> model = activations.Sequential([activations.Dense(1, input_dim=1)], seed=0)
    >>> model.compile("mse", activations.optimizers.SGD(0.1))
    >>> h = model.fit([[0.0], [1.0]], [1.0, 3.0], epochs=500, callbacks=[StopBelow()])
    >>> len(h.epoch) < 500
    True
    """

    model: Sequential | None = None

    def on_train_begin(self, logs: dict[str, Any]) -> None:
        """Called once before the first epoch."""

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        """Called after each epoch with its loss, metrics and validation values."""

    def on_train_end(self, logs: dict[str, Any]) -> None:
        """Called once after the last epoch."""


class _FunctionCallback(Callback):
    def __init__(self, fn: Callable[[int, dict[str, float]], Any]) -> None:
        self.fn = fn

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        self.fn(epoch, logs)


# ================================================================================== model


def _dtype(dtype: Any) -> np.dtype:
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(
            f"Sequential: dtype must be 'float32' or 'float64', got {dtype!r}"
        ) from None
    if dt not in (np.float32, np.float64):
        raise TypeError(f"Sequential: dtype must be 'float32' or 'float64', got {dt}")
    return dt


class Sequential:
    r"""A stack of layers trained by backpropagation: the Keras ``Sequential`` workflow.

    Parameters
    ----------
    layers : sequence of Layer, default ()
        [`Dense`][activations.layers.Dense] and [`Maxout`][activations.layers.Maxout] layers,
        input to output. A layer belongs to one model.
    seed : int, numpy.random.Generator or None, default None
        Source of the initial weights and of the shuffling order: the same seed gives
        bit-identical weights, batches and histories.
    dtype : {"float64", "float32"}, default "float64"
        Precision of parameters and computation; inputs are converted to it.

    Attributes
    ----------
    layers : list of Layer
    built : bool
        True once the input width is known and the parameters exist (at construction if the
        first layer has ``input_dim``, else at the first ``fit``/``predict``).
    stop_training : bool
        Set to True by a callback to stop ``fit`` after the current epoch.

    Examples
    --------
    >>> import activations
    >>> model = activations.Sequential([
    ...     activations.Dense(4, activation="sigmoid", input_dim=2),
    ...     activations.Dense(1, activation="sigmoid"),
    ... ], seed=42)
    >>> print(model.summary())
    Model: Sequential (float64)
    Layer (type)     Output shape  Activation  Params
    -------------------------------------------------
    dense_0 (Dense)  (None, 4)     sigmoid         12
    dense_1 (Dense)  (None, 1)     sigmoid          5
    -------------------------------------------------
    Total params: 17
    """

    def __init__(
        self, layers: Sequence[Layer] = (), seed: SeedLike = None, dtype: Any = "float64"
    ) -> None:
        rng = as_rng(seed, "Sequential")
        init_rng, self._shuffle_rng = rng.spawn(2)
        self._init_state = init_rng.bit_generator.state
        self._trained = False
        self.dtype = _dtype(dtype)
        self.layers: list[Layer] = []
        self.built = False
        self.stop_training = False
        self._loss: _losses.Loss | None = None
        self._optimizer: _optimizers.Optimizer | None = None
        self._metrics: list[str] = []
        self._flat: np.ndarray | None = None
        self._grad: np.ndarray | None = None
        if isinstance(layers, Layer) or not isinstance(layers, Iterable):
            raise TypeError(
                f"Sequential: layers must be a list of layers, got {type(layers).__name__}"
            )
        for layer in layers:
            self._add(layer, build=False)
        if self.layers and self.layers[0].input_dim is not None:
            self.build(self.layers[0].input_dim)

    # ------------------------------------------------------------------------ structure
    def add(self, layer: Layer) -> None:
        """Append a layer (builds the model if it is the first one and has ``input_dim``).

        Raises
        ------
        TypeError
            Not a layer.
        ValueError
            The layer already belongs to a model, its ``input_dim`` does not match, or the
            model has been trained (adding to a built model draws all weights again from the
            seed, as if the layers had been given together).
        """
        self._add(layer, build=True)

    def _add(self, layer: Layer, build: bool) -> None:
        if not isinstance(layer, Layer):
            raise TypeError(
                f"Sequential.add: expected a Dense or Maxout layer, got {type(layer).__name__}"
            )
        if layer._owner is not None:
            raise ValueError(
                f"Sequential.add: layer {layer.name!r} already belongs to a model; "
                "create a new layer"
            )
        if self._trained:
            raise ValueError("Sequential.add: the model has been trained; adding a layer would "
                             "re-initialize its weights. Build a new model instead")
        if self.layers and layer.input_dim is not None and \
                layer.input_dim != self.layers[-1].output_dim:
            raise ValueError(
                f"Sequential.add: layer {len(self.layers)} has input_dim={layer.input_dim} but "
                f"the previous layer outputs {self.layers[-1].output_dim} values"
            )
        layer._owner = self
        if layer.name is None:
            layer.name = f"{layer.kind_name}_{len(self.layers)}"
        self.layers.append(layer)
        if build and (self.built or self.layers[0].input_dim is not None):
            self.built = False  # (re)build: the weights are drawn again from the seed
            self.build(self.layers[0].input_dim)

    def build(self, input_dim: int) -> None:
        """Create the parameters for inputs of width ``input_dim`` and draw their values.

        Called automatically; all parameters live in one contiguous buffer, layer after
        layer, in `parameters` order.
        """
        input_dim = check_int(input_dim, "Sequential.build", "input_dim")
        if not self.layers:
            raise ValueError("Sequential.build: the model has no layers")
        if self.built:
            if input_dim != self.input_dim:
                raise ValueError(
                    f"Sequential.build: the model is built for input_dim={self.input_dim}, "
                    f"got {input_dim}"
                )
            return
        layout, width = [], input_dim
        for layer in self.layers:
            if layer.input_dim is not None and layer.input_dim != width:
                raise ValueError(
                    f"Sequential.build: layer {layer.name!r} has input_dim={layer.input_dim} but "
                    f"receives {width} values"
                )
            layout.append((layer, width, layer._param_shapes(width)))
            width = layer.output_dim
        total = sum(int(np.prod(s)) for _, _, shapes in layout for _, s in shapes)
        self._flat = np.zeros(total, dtype=self.dtype)
        self._grad = np.zeros(total, dtype=self.dtype)
        offset, self._segments = 0, []
        for layer, d, shapes in layout:
            params, grads = {}, {}
            for name, shape in shapes:
                size = int(np.prod(shape))
                params[name] = self._flat[offset:offset + size].reshape(shape)
                grads[name] = self._grad[offset:offset + size].reshape(shape)
                self._segments.append((offset, name))
                offset += size
            layer._attach(d, self.dtype, params, grads)
        init_rng = np.random.default_rng()
        init_rng.bit_generator.state = self._init_state  # same seed, same weights
        for layer in self.layers:
            layer._initialize(init_rng)
        self.built = True

    @property
    def input_dim(self) -> int | None:
        """Width of the input, once known."""
        return self.layers[0].input_dim if self.layers else None

    @property
    def output_dim(self) -> int | None:
        """Width of the output."""
        return self.layers[-1].output_dim if self.layers else None

    def parameters(self) -> list[np.ndarray]:
        """All parameter arrays, layer by layer (kernel, bias, prelu_weight): views into the
        model's buffer, so in-place changes change the model.

        Examples
        --------
        >>> import activations
        >>> m = activations.Sequential([activations.Dense(3, input_dim=2)], seed=0)
        >>> [p.shape for p in m.parameters()]
        [(2, 3), (3,)]
        """
        return [p for layer in self.layers for p in layer.parameters()]

    def count_params(self) -> int:
        """Total number of scalar parameters."""
        self._require_built("count_params")
        return int(self._flat.size)

    def get_weights(self) -> list[np.ndarray]:
        """Copies of all parameter arrays, in `parameters` order."""
        return [p.copy() for p in self.parameters()]

    def set_weights(self, weights: Sequence[Any]) -> None:
        """Overwrite all parameters (same order, shapes as `get_weights`).

        Raises
        ------
        ValueError
            Wrong number of arrays, a shape mismatch, or non-finite values.
        """
        self._require_built("set_weights")
        params = self.parameters()
        if len(weights) != len(params):
            raise ValueError(f"set_weights: expected {len(params)} arrays, got {len(weights)}")
        new = []
        for i, (p, w) in enumerate(zip(params, weights, strict=True)):
            w = np.asarray(w)
            if w.shape != p.shape:
                raise ValueError(
                    f"set_weights: array {i} has shape {w.shape}, expected {p.shape}"
                )
            if w.dtype.kind not in "fiu" or not np.isfinite(w).all():
                raise ValueError(f"set_weights: array {i} must hold finite numbers")
            new.append(w)
        for p, w in zip(params, new, strict=True):
            p[...] = w

    def _require_built(self, where: str) -> None:
        if not self.layers:
            raise ValueError(f"{where}: the model has no layers")
        if not self.built:
            raise ValueError(
                f"{where}: the model is not built yet; give the first layer input_dim or call "
                "fit or predict first"
            )

    def summary(self) -> str:
        """A table of the layers, their output shapes and parameter counts.

        Raises
        ------
        ValueError
            The model is not built (its input width is unknown).
        """
        self._require_built("summary")
        rows = [("Layer (type)", "Output shape", "Activation", "Params")]
        for layer in self.layers:
            act = "maxout" if isinstance(layer, Maxout) else layer.activation.name
            if isinstance(layer, Maxout):
                act = f"max of {layer.pieces}"
            rows.append((f"{layer.name} ({type(layer).__name__})", f"(None, {layer.output_dim})",
                         act, str(layer.count_params())))
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        lines = [f"Model: Sequential ({self.dtype})"]
        fmt = "{:<%d}  {:<%d}  {:<%d}  {:>%d}" % tuple(widths)
        lines.append(fmt.format(*rows[0]).rstrip())
        rule = "-" * len(lines[-1])
        lines.append(rule)
        lines += [fmt.format(*r) for r in rows[1:]]
        lines.append(rule)
        lines.append(f"Total params: {self.count_params()}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"Sequential({self.layers!r})"

    # ------------------------------------------------------------------------ compile
    def compile(
        self,
        loss: str | _losses.Loss,
        optimizer: str | _optimizers.Optimizer = "sgd",
        metrics: Sequence[str] = (),
    ) -> None:
        r"""Choose the loss, the optimizer and the metrics to report.

        Parameters
        ----------
        loss : str or Loss
            A name or alias from [`losses`][activations.losses] (``"binary_crossentropy"``,
            ``"mse"``) or a `Loss` object. If the output layer ends in ``sigmoid`` (for
            binary cross-entropy) or ``softmax`` (for the categorical ones), training uses the
            stable fused gradient $a - y$ with respect to the pre-activation.
        optimizer : str or Optimizer, default "sgd"
            A name (Keras defaults: SGD uses learning rate 0.01) or an
            [`optimizers`][activations.optimizers] object. Its state is reset.
        metrics : sequence of str, default ()
            Any of ``"accuracy"`` (``"acc"``; binary or categorical according to the loss and
            output width), ``"binary_accuracy"``, ``"categorical_accuracy"``,
            ``"sparse_categorical_accuracy"``, ``"mse"``, ``"mae"``.

        Raises
        ------
        ValueError
            Unknown loss, optimizer or metric name (with suggestions).
        """
        self._loss = _losses.get(loss)
        self._optimizer = _optimizers.get(optimizer)
        self._optimizer.reset()
        if isinstance(metrics, str):
            metrics = [metrics]
        names = []
        for m in metrics:
            if not isinstance(m, str):
                raise TypeError(f"compile: metrics must be names, got {type(m).__name__}")
            _METRICS.canonical(m, "compile")
            names.append(m.lower())
        self._metrics = names

    @property
    def loss(self) -> _losses.Loss | None:
        """The compiled loss."""
        return self._loss

    @property
    def optimizer(self) -> _optimizers.Optimizer | None:
        """The compiled optimizer."""
        return self._optimizer

    @property
    def metrics(self) -> list[str]:
        """The compiled metric names."""
        return list(self._metrics)

    def _fused(self) -> bool:
        """Whether the output layer's activation and the loss combine into the fused form."""
        loss = self._loss
        if loss.fused_activation is None or loss.from_logits:
            return False
        act = self.layers[-1].activation
        if act.name != loss.fused_activation:
            return False
        return act.name == "sigmoid" or act.params.get("axis") in (-1, 1)

    # ------------------------------------------------------------------------ data checks
    def _check_X(
        self, X: Any, where: str, build: bool = True, input_dim: int | None = None
    ) -> np.ndarray:
        if not self.layers:
            raise ValueError(f"{where}: the model has no layers")
        X = as_2d(X, where, "X", self.dtype)
        expected = self.input_dim if self.input_dim is not None else input_dim
        if expected is not None and X.shape[1] != expected:
            raise ValueError(
                f"{where}: X has {X.shape[1]} columns but the model expects input_dim="
                f"{expected}"
            )
        if build and not self.built:
            self.build(X.shape[1])
        return np.ascontiguousarray(X)

    def _check_Xy(
        self, X: Any, y: Any, where: str, build: bool = True, input_dim: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Validate a batch and its targets completely, then build the model if asked."""
        Xa = self._check_X(X, where, build=False, input_dim=input_dim)
        try:
            n_y = np.shape(y)[0] if np.ndim(y) else None
        except ValueError:
            raise TypeError(f"{where}: y must be a numeric array") from None
        if n_y != Xa.shape[0]:
            raise ValueError(f"{where}: X has {Xa.shape[0]} rows but y has "
                             f"{n_y if n_y is not None else 'no'} rows")
        targets = self._loss._targets(y, (Xa.shape[0], self.output_dim), where, self.dtype, "y")
        if build and not self.built:
            self.build(Xa.shape[1])
        return Xa, np.ascontiguousarray(targets)

    def _require_compiled(self, where: str) -> None:
        if self._loss is None:
            raise RuntimeError(
                f"{where}: the model is not compiled; call model.compile(loss=..., "
                "optimizer=...) first"
            )

    # ------------------------------------------------------------------------ inference
    def _infer(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        zs, as_ = [], []
        a = X
        for layer in self.layers:
            z, a = layer._infer(a)
            zs.append(z)
            as_.append(a)
        return zs, as_

    def predict(self, X: Any, batch_size: int | None = None) -> np.ndarray:
        """Outputs of the network, shape ``(samples, output_dim)``, in the model's dtype.

        Parameters
        ----------
        X : array_like, shape (samples, input_dim)
        batch_size : int or None, default None
            Rows per forward pass (all at once by default).

        Raises
        ------
        ValueError
            Wrong width, NaN/inf in ``X``, no layers.
        """
        X = self._check_X(X, "predict")
        if batch_size is None or batch_size >= X.shape[0]:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                return self._infer(X)[1][-1].copy()
        batch_size = check_int(batch_size, "predict", "batch_size")
        return np.concatenate([self.predict(X[i:i + batch_size])
                               for i in range(0, X.shape[0], batch_size)])

    def _scores(
        self,
        T: np.ndarray,
        zs: list[np.ndarray],
        as_: list[np.ndarray],
        metrics: list[str] | None = None,
    ) -> dict[str, float]:
        loss = self._loss
        out = as_[-1]
        if self._fused() or loss.from_logits:
            value = loss._value_logits(T, zs[-1] if self._fused() else out)
        else:
            value = loss._value(T, out)
        result = {"loss": value}
        for name in self._metrics if metrics is None else metrics:
            result[name] = _metric_fn(name, loss, self.output_dim)(T, out)
        return result

    def evaluate(self, X: Any, y: Any) -> dict[str, float]:
        """Loss and compiled metrics on ``(X, y)``.

        Returns
        -------
        dict
            ``{"loss": ..., "<metric>": ...}``.

        Raises
        ------
        RuntimeError
            The model is not compiled.
        ValueError
            Bad inputs (as for `fit`).
        """
        self._require_compiled("evaluate")
        X, T = self._check_Xy(X, y, "evaluate")
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            zs, as_ = self._infer(X)
            return self._scores(T, zs, as_)

    def forward_trace(self, X: Any) -> list[dict[str, np.ndarray]]:
        r"""Pre-activations and activations of every layer for ``X``.

        Returns
        -------
        list of dict
            One ``{"pre_activation": z, "activation": a}`` per layer, arrays of shape
            ``(samples, units)`` (fresh copies).

        Examples
        --------
        >>> import activations
        >>> m = activations.Sequential([activations.Dense(3, "relu", input_dim=2)], seed=0)
        >>> trace = m.forward_trace([[1.0, 2.0]])
        >>> bool((trace[0]["activation"] == trace[0]["pre_activation"].clip(0)).all())
        True
        """
        X = self._check_X(X, "forward_trace")
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            zs, as_ = self._infer(X)
        return [{"pre_activation": z.copy(), "activation": a.copy()}
                for z, a in zip(zs, as_, strict=True)]

    # ------------------------------------------------------------------------ training core
    def _step_grads(self, X: np.ndarray, T: np.ndarray, recorder: _Recorder | None = None) -> float:
        """One forward and backward pass on a batch; gradients land in the gradient buffer
        and the layers' outputs in ``self._outputs``. No validation: the caller checked."""
        layers = self.layers
        n = X.shape[0]
        caches = [layer._cache(n, i > 0) for i, layer in enumerate(layers)]
        outputs = self._outputs = []
        a = X
        for layer, cache in zip(layers, caches):
            a = layer._forward(a, cache)
            outputs.append(a)
        loss = self._loss
        fused = self._fused_flag
        if fused:
            value, g = loss._value_grad_logits(T, caches[-1].z, a)
        elif loss.from_logits:
            value, g = loss._value_grad_logits(T, a, None)
        else:
            value, g = loss._value_grad(T, a)
        last = len(layers) - 1
        if recorder is None:
            for i in range(last, -1, -1):
                g = layers[i]._backward(g, caches[i], fused and i == last, None)
        else:
            slopes = recorder.slope_views(n)
            for i in range(last, -1, -1):
                g = layers[i]._backward(g, caches[i], fused and i == last, slopes[i])
        return value

    def fit(
        self,
        X: Any,
        y: Any,
        epochs: int = 1,
        batch_size: int | None = None,
        shuffle: bool = True,
        verbose: int = 0,
        validation_data: tuple[Any, Any] | None = None,
        record: Sequence[str] = RECORDABLE,
        callbacks: Sequence[Callback | Callable[[int, dict[str, float]], Any]] = (),
    ) -> History:
        r"""Train by mini-batch gradient descent with the compiled loss and optimizer.

        Parameters
        ----------
        X : array_like, shape (samples, input_dim)
        y : array_like
            Targets: shape ``(samples,)`` or ``(samples, outputs)``; integer labels for
            sparse categorical cross-entropy, one-hot rows for categorical cross-entropy,
            0/1 for binary cross-entropy.
        epochs : int, default 1
            Passes over the data, >= 1.
        batch_size : int or None, default None
            Samples per gradient step; ``None`` means the full batch (one step per epoch).
        shuffle : bool, default True
            Reshuffle the samples before each epoch (with the model's seed) when there is more
            than one batch.
        verbose : {0, 1}, default 0
            1 prints a progress bar with the loss and metrics after each block of epochs
            (about ten blocks per call).
        validation_data : tuple (X_val, y_val) or None
            Evaluated after each epoch into ``val_loss`` and ``val_<metric>``.
        record : sequence of str, default all
            Any of ``"loss"``, ``"metrics"``, ``"grad_norms"``, ``"activation_stats"``:
            what the `History` keeps (the diagnostics cost a few extra NumPy calls per layer
            and batch; ``record=("loss",)`` trains fastest).
        callbacks : sequence of Callback or callable
            Called after each epoch (see [`Callback`][activations.model.Callback]).

        Returns
        -------
        History

        Raises
        ------
        RuntimeError
            The model is not compiled.
        ValueError
            Before any training: ``epochs`` < 1; row counts of ``X`` and ``y`` differ; ``X``
            width differs from ``input_dim``; NaN or inf in ``X`` or ``y``; labels outside
            {0, 1} for binary cross-entropy or outside the class range for sparse categorical
            cross-entropy; an unknown ``record`` entry.

        Warns
        -----
        RuntimeWarning
            If the loss becomes NaN or infinite: training stops, ``history.diverged`` holds
            the epoch.
        """
        self._require_compiled("fit")
        epochs = check_int(epochs, "fit", "epochs")
        if batch_size is not None:
            batch_size = check_int(batch_size, "fit", "batch_size")
        shuffle = check_bool(shuffle, "fit", "shuffle")
        if verbose not in (0, 1) or isinstance(verbose, float):
            raise ValueError(f"fit: verbose must be 0 or 1, got {verbose!r}")
        if isinstance(record, str):
            record = (record,)
        unknown = [r for r in record if r not in RECORDABLE]
        if unknown:
            raise ValueError(f"fit: cannot record {unknown[0]!r}; choose from {list(RECORDABLE)}")
        hooks: list[Callback] = []
        for cb in callbacks:
            if isinstance(cb, Callback):
                hooks.append(cb)
            elif callable(cb):
                hooks.append(_FunctionCallback(cb))
            else:
                raise TypeError(f"fit: callbacks must be Callback objects or functions, "
                                f"got {type(cb).__name__}")
        X, T = self._check_Xy(X, y, "fit", build=False)
        n = X.shape[0]
        batch_size = n if batch_size is None else min(batch_size, n)
        val = None
        if validation_data is not None:
            if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
                raise ValueError("fit: validation_data must be a tuple (X_val, y_val)")
            val = self._check_Xy(*validation_data, "fit: validation_data", build=False,
                                 input_dim=X.shape[1])
        # everything is valid: only now build (draw the weights) and train
        if not self.built:
            self.build(X.shape[1])
        for cb in hooks:
            cb.model = self

        steps = -(-n // batch_size)
        history = History([layer.name for layer in self.layers],
                          {"epochs": epochs, "batch_size": batch_size, "steps": steps,
                           "samples": n})
        keep_loss = "loss" in record
        keep_metrics = "metrics" in record
        keep_norms = "grad_norms" in record
        keep_stats = "activation_stats" in record
        hist = history.history
        if keep_loss:
            hist["loss"] = []
        if keep_metrics:
            for m in self._metrics:
                hist[m] = []
        if val is not None:
            if keep_loss:
                hist["val_loss"] = []
            if keep_metrics:
                for m in self._metrics:
                    hist["val_" + m] = []
        self._fused_flag = self._fused()
        # metrics cost a few NumPy calls per batch: computed only if someone looks at them
        wanted = keep_metrics or verbose or hooks
        metric_fns = [(m, _metric_fn(m, self._loss, self.output_dim))
                      for m in (self._metrics if wanted else ())]
        recorder = _Recorder(self.layers, self._segments, keep_norms, keep_stats)
        stats = recorder if keep_stats else None
        recorder.begin(epochs)
        flat, grad = [self._flat], [self._grad]
        opt = self._optimizer
        self.stop_training = False
        self._trained = True
        for cb in hooks:
            cb.on_train_begin({})
        progress = _Progress(epochs, verbose)
        full_batch = batch_size == n
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for epoch in range(epochs):
                if shuffle and not full_batch:
                    order = self._shuffle_rng.permutation(n)
                    Xe, Te = X[order], T[order]
                else:
                    Xe, Te = X, T
                loss_sum = 0.0
                metric_sums = [0.0] * len(metric_fns)
                recorder.begin_epoch()
                bad = False
                for start in range(0, n, batch_size):
                    xb = Xe[start:start + batch_size]
                    tb = Te[start:start + batch_size]
                    value = self._step_grads(xb, tb, stats)
                    m = xb.shape[0]
                    loss_sum += value * m
                    if metric_fns:
                        out = self._outputs[-1]
                        for j, (_, fn) in enumerate(metric_fns):
                            metric_sums[j] += fn(tb, out) * m
                    if not math.isfinite(value):
                        bad = True
                        break
                    recorder.after_batch(self._outputs, self._grad)
                    opt._apply(flat, grad)
                history.epoch.append(epoch)
                logs = {"loss": loss_sum / n if not bad else float("nan")}
                for j, (name, _) in enumerate(metric_fns):
                    logs[name] = metric_sums[j] / n
                recorder.end_epoch()
                if bad or (epoch == epochs - 1 and not np.isfinite(self._flat).all()):
                    history.diverged = epoch
                if val is not None and history.diverged is None:
                    zs, as_ = self._infer(val[0])
                    scores = self._scores(val[1], zs, as_, [m for m, _ in metric_fns])
                    for key, v in scores.items():
                        logs["val_" + key] = v
                elif val is not None:
                    logs["val_loss"] = float("nan")
                    for name, _ in metric_fns:
                        logs["val_" + name] = float("nan")
                for key, v in logs.items():
                    base = key[4:] if key.startswith("val_") else key
                    if (base == "loss" and keep_loss) or (base != "loss" and keep_metrics):
                        hist[key].append(v)
                progress.update(epoch, logs)
                for cb in hooks:
                    cb.on_epoch_end(epoch, logs)
                if history.diverged is not None or self.stop_training:
                    break
        recorder.finish(hist)
        progress.close()
        for cb in hooks:
            cb.on_train_end({})
        if history.diverged is not None:
            warnings.warn(
                f"fit: the loss became NaN or infinite in epoch {history.diverged}; "
                "training stopped. Lower the learning rate or change the initializer "
                "(history.diverged holds the epoch)",
                RuntimeWarning,
                stacklevel=2,
            )
        return history

    def gradients(self, X: Any, y: Any) -> list[dict[str, np.ndarray]]:
        r"""Gradients of the loss on ``(X, y)`` (one full batch) for every layer's parameters.

        Returns
        -------
        list of dict
            One dict per layer mapping ``"kernel"``, ``"bias"`` (and ``"prelu_weight"``) to
            $\partial L / \partial \theta$, arrays shaped like the parameters.

        Raises
        ------
        RuntimeError
            The model is not compiled (the loss is needed).
        """
        self._require_compiled("gradients")
        X, T = self._check_Xy(X, y, "gradients")
        return self._gradients(X, T)

    def _gradients(self, X: np.ndarray, T: np.ndarray) -> list[dict[str, np.ndarray]]:
        self._fused_flag = self._fused()
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            self._step_grads(X, T)
        self._drop_caches(X.shape[0])
        out = []
        for layer in self.layers:
            grads = {"kernel": layer._dW, "bias": layer._db, "prelu_weight": layer._dalpha}
            out.append({name: grads[name].copy() for name in layer.param_names})
        return out

    def _drop_caches(self, n: int) -> None:
        for layer in self.layers:
            for key in [k for k in layer._caches if k[0] == n]:
                del layer._caches[key]

    # ------------------------------------------------------------------------ saving
    def save(self, path: str | Path) -> Path:
        r"""Write the architecture (JSON), the compile settings and the weights to one ``.npz``.

        The JSON is stored as a uint8 array, the weights as plain arrays, with a SHA-256
        checksum of both: nothing is pickled. ``.npz`` is appended if missing.

        Returns
        -------
        pathlib.Path
            The file written.

        Raises
        ------
        ValueError
            The model is not built, or an activation parameter cannot be stored as JSON.

        Examples
        --------
        >>> import tempfile, pathlib, numpy as np, activations
        >>> m = activations.Sequential([activations.Dense(2, "tanh", input_dim=3)], seed=0)
        >>> with tempfile.TemporaryDirectory() as d:
        ...     path = m.save(pathlib.Path(d) / "model")
        ...     same = activations.Sequential.load(path)
        >>> path.name, bool(np.array_equal(same.predict([[1, 2, 3]]), m.predict([[1, 2, 3]])))
        ('model.npz', True)
        """
        self._require_built("save")
        arch = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "dtype": str(self.dtype),
            "input_dim": self.input_dim,
            "layers": [layer.get_config() for layer in self.layers],
            "compile": None,
            "parameters": [],
        }
        if self._loss is not None:
            arch["compile"] = {"loss": self._loss.get_config(),
                               "optimizer": self._optimizer.get_config(),
                               "metrics": list(self._metrics)}
        arrays = {}
        for i, layer in enumerate(self.layers):
            for name, p in zip(layer.param_names, layer.parameters(), strict=True):
                key = f"param_{len(arrays):03d}"
                arrays[key] = p
                arch["parameters"].append({"key": key, "layer": i, "name": name,
                                           "shape": list(p.shape)})
        text = json.dumps(arch, sort_keys=True).encode("utf-8")
        path = Path(path)
        if path.suffix != ".npz":
            path = path.with_name(path.name + ".npz")
        np.savez(path, architecture=np.frombuffer(text, dtype=np.uint8),
                 checksum=np.frombuffer(_checksum(text, arrays), dtype=np.uint8), **arrays)
        return path

    @classmethod
    def load(cls, path: str | Path, seed: SeedLike = None) -> Sequential:
        r"""Rebuild a model written by `save` (never unpickles).

        The loaded model predicts bit-identically to the saved one and is compiled with the
        saved loss, optimizer (fresh state) and metrics, if any.

        Parameters
        ----------
        path : str or pathlib.Path
            The ``.npz`` file.
        seed : int, numpy.random.Generator or None, default None
            Seeds the shuffling order of further training (the weights come from the file).

        Raises
        ------
        ValueError
            The file is missing, truncated or not an ``.npz``; keys, format, version, shapes
            or dtypes are not what this library writes; the checksum does not match (the file
            was edited).
        """
        where = "Sequential.load"
        path = Path(path)
        if not path.is_file():
            raise ValueError(f"{where}: no such file: {path}")
        try:
            with open(path, "rb") as handle:
                data = np.load(handle, allow_pickle=False)
                if not isinstance(data, np.lib.npyio.NpzFile):
                    raise ValueError("it holds a single array, not an archive of arrays")
                with data:
                    arrays = {key: data[key] for key in data.files}
        except (OSError, ValueError, EOFError, zipfile.BadZipFile, KeyError) as exc:
            raise ValueError(
                f"{where}: {path} is not a readable .npz model file (truncated or corrupted?): "
                f"{exc}"
            ) from None
        for key in ("architecture", "checksum"):
            if key not in arrays:
                raise ValueError(f"{where}: {path} has no {key!r} entry; not a saved model")
            if arrays[key].dtype != np.uint8 or arrays[key].ndim != 1:
                raise ValueError(f"{where}: the {key!r} entry must be a 1-D uint8 array")
        text = arrays.pop("architecture").tobytes()
        stored = arrays.pop("checksum").tobytes()
        try:
            arch = json.loads(text.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{where}: the architecture is not valid JSON: {exc}") from None
        if not isinstance(arch, dict) or arch.get("format") != FORMAT:
            found = arch.get("format") if isinstance(arch, dict) else None
            raise ValueError(
                f"{where}: {path} was not written by Sequential.save (format {found!r}, "
                f"expected {FORMAT!r})"
            )
        version = arch.get("format_version")
        if version != FORMAT_VERSION:
            raise ValueError(
                f"{where}: format version {version!r} is not supported (this library reads "
                f"version {FORMAT_VERSION})"
            )
        specs = arch.get("parameters")
        if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
            raise ValueError(f"{where}: the architecture has no valid parameter list")
        expected_keys = [s.get("key") for s in specs]
        if sorted(map(str, expected_keys)) != sorted(arrays):
            raise ValueError(
                f"{where}: the file holds arrays {sorted(arrays)} but the architecture lists "
                f"{expected_keys}"
            )
        if _checksum(text, {k: arrays[k] for k in expected_keys}) != stored:
            raise ValueError(f"{where}: checksum mismatch: the file was modified after saving")
        rng = as_rng(seed, where)
        try:
            model = cls._from_config(arch, rng)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ValueError(f"{where}: invalid architecture: {exc}") from None
        params = model.parameters()
        if len(params) != len(specs):
            raise ValueError(f"{where}: the architecture needs {len(params)} parameter arrays, "
                             f"the file has {len(specs)}")
        for p, spec in zip(params, specs, strict=True):
            a = arrays[spec["key"]]
            if a.shape != p.shape or a.dtype != p.dtype:
                raise ValueError(
                    f"{where}: {spec['key']} has shape {a.shape} and dtype {a.dtype}, expected "
                    f"{p.shape} and {p.dtype}"
                )
            p[...] = a
        return model

    @classmethod
    def _from_config(cls, arch: dict[str, Any], rng: np.random.Generator) -> Sequential:
        layers = []
        for config in arch["layers"]:
            kind = config["class"]
            common = {
                "input_dim": config["input_dim"],
                "use_bias": config["use_bias"],
                "name": config["name"],
                "kernel_initializer": _initializer(config["kernel_initializer"]),
                "bias_initializer": _initializer(config["bias_initializer"]),
            }
            if kind == "Dense":
                spec = config["activation"]
                params = dict(spec["params"])
                if spec["name"] == "prelu":
                    weight = spec["initial_weight"]
                    params["weight"] = (float(weight) if not isinstance(weight, list)
                                        else np.asarray(weight, dtype=float))
                act = _catalog.get(spec["name"], **params)
                layers.append(Dense(config["units"], act, **common))
            elif kind == "Maxout":
                layers.append(Maxout(config["units"], config["pieces"], **common))
            else:
                raise ValueError(f"unknown layer class {kind!r}")
        model = cls(layers, seed=rng, dtype=arch["dtype"])
        model.build(arch["input_dim"])
        if arch.get("compile"):
            c = arch["compile"]
            model.compile(
                _losses.get(c["loss"]["name"], **c["loss"]["params"]),
                _optimizers.get(c["optimizer"]["name"], **c["optimizer"]["params"]),
                c["metrics"],
            )
        return model


def _initializer(config: Any) -> Any:
    from activations import initializers

    if config is None or config.get("name") == "custom":
        return "zeros"  # overwritten by the saved weights
    return initializers.get(config["name"], **config.get("params", {}))


def _checksum(text: bytes, arrays: dict[str, np.ndarray]) -> bytes:
    h = hashlib.sha256(text)
    for key in sorted(arrays):
        a = np.ascontiguousarray(arrays[key])
        h.update(f"{key}|{a.dtype.str}|{a.shape}|".encode())
        h.update(a.tobytes())
    return h.digest()


class _Recorder:
    """Per-layer diagnostics of one ``fit`` call, computed with a fixed number of NumPy calls
    per batch whatever the depth: each layer's output (and $|f'(z)|$) is copied into a column
    block of one wide buffer, then every statistic is one reduction over that buffer."""

    def __init__(
        self, layers: list[Layer], segments: list[tuple[int, str]], norms: bool, stats: bool
    ) -> None:
        self.layers, self.norms, self.stats = layers, norms, stats
        self.n_layers = len(layers)
        starts = np.array([s for s, _ in segments], dtype=np.intp)
        self.starts = starts
        self.kernel_rows = np.array([i for i, (_, nm) in enumerate(segments) if nm == "kernel"],
                                    dtype=np.intp)
        out_w = [layer.output_dim for layer in layers]
        slope_w = [layer._width if layer._has_slope else 0 for layer in layers]
        self.out_off = np.concatenate([[0], np.cumsum(out_w)]).astype(np.intp)
        self.slope_off = np.concatenate([[0], np.cumsum(slope_w)]).astype(np.intp)
        self.out_width, self.slope_width = int(self.out_off[-1]), int(self.slope_off[-1])
        self.slope_w = np.array(slope_w)
        self.out_w = np.array(out_w)
        self.buffers: dict[int, tuple] = {}
        # NaN for vector-valued activations (no elementwise slope), 0 for linear and maxout
        self.no_slope = np.array(
            [0.0 if (layer._kind == "linear" or isinstance(layer, Maxout)) else np.nan
             for layer in layers]
        )

    def _buffers(self, n: int) -> tuple:
        buf = self.buffers.get(n)
        if buf is None:
            dt = self.layers[0]._dtype
            out = np.empty((n, self.out_width), dtype=dt)
            slope = np.empty((n, self.slope_width), dtype=dt)
            buf = (
                out,
                slope,
                np.empty((n, self.out_width), dtype=bool),
                np.empty((n, self.slope_width), dtype=bool),
                np.empty((n, self.out_width), dtype=dt),
                [out[:, a:b] for a, b in zip(self.out_off[:-1], self.out_off[1:])],
                [slope[:, a:b] if b > a else None
                 for a, b in zip(self.slope_off[:-1], self.slope_off[1:])],
            )
            self.buffers[n] = buf
        return buf

    def slope_views(self, n: int) -> list[np.ndarray | None]:
        return self._buffers(n)[6]

    def begin(self, epochs: int) -> None:
        """Allocate the per-epoch rows (epochs x layers) and the running accumulators."""
        L = self.n_layers
        self.epochs_done = 0
        if self.norms:
            self.norm_rows = np.zeros((epochs, len(self.kernel_rows)))
            self.norm_sum = np.zeros(len(self.kernel_rows))
        if self.stats:
            self.sum_rows = np.zeros((epochs, L))
            self.sq_rows = np.zeros((epochs, L))
            self.alive_rows = np.zeros((epochs, L))
            self.small_rows = np.zeros((epochs, L))
            self.seen_rows = np.zeros(epochs)
            self.col_sum = np.zeros(self.out_width)
            self.col_sq = np.zeros(self.out_width)
            self.alive = np.zeros(self.out_width, dtype=bool)
            self.small = np.zeros(self.slope_width, dtype=np.int64)
            self.has_slope = self.slope_w > 0
            self.slope_starts = self.slope_off[:-1][self.has_slope]
            self.slope_blocks = [(int(a), int(b)) for a, b in
                                 zip(self.slope_off[:-1], self.slope_off[1:]) if b > a]
            self.small_layer = np.zeros(len(self.slope_blocks), dtype=np.int64)

    def begin_epoch(self) -> None:
        self.batches = 0
        self.seen = 0
        if self.norms:
            self.norm_sum.fill(0.0)
        if self.stats:
            self.col_sum.fill(0.0)
            self.col_sq.fill(0.0)
            self.alive.fill(False)
            self.small.fill(0)
            self.small_layer.fill(0)

    def after_batch(self, outputs: list[np.ndarray], grad: np.ndarray) -> None:
        # Statistics of activations beyond 1e154 overflow their sums of squares: inf is the
        # honest value there, and the loss, not the diagnostics, decides divergence.
        with np.errstate(over="ignore", invalid="ignore"):
            self._accumulate(outputs, grad)

    def _accumulate(self, outputs: list[np.ndarray], grad: np.ndarray) -> None:
        self.batches += 1
        if self.norms:
            sq = np.add.reduceat(grad * grad, self.starts)
            self.norm_sum += np.sqrt(sq[self.kernel_rows])
        if self.stats:
            n = outputs[0].shape[0]
            out, slope, nonzero, is_small, tmp, out_views, _ = self._buffers(n)
            for view, a in zip(out_views, outputs):
                np.copyto(view, a)
            self.seen += n
            # column sums in the model's dtype (pairwise summation over one batch), then
            # accumulated in float64 across batches
            self.col_sum += np.add.reduce(out, axis=0)
            big = n * self.out_width > 4096  # einsum and per-layer counts pay off on big arrays
            if big:
                self.col_sq += np.einsum("ij,ij->j", out, out)
            else:
                np.multiply(out, out, out=tmp)
                self.col_sq += np.add.reduce(tmp, axis=0)
            np.not_equal(out, 0, out=nonzero)
            self.alive |= np.logical_or.reduce(nonzero, axis=0)
            if self.slope_width:
                np.less(slope, SATURATION_THRESHOLD, out=is_small)
                if big:
                    for j, (a, b) in enumerate(self.slope_blocks):
                        self.small_layer[j] += np.count_nonzero(is_small[:, a:b])
                else:
                    self.small += np.add.reduce(is_small, axis=0, dtype=np.int64)

    def end_epoch(self) -> None:
        e = self.epochs_done
        self.epochs_done += 1
        if self.norms:
            if self.batches:
                np.divide(self.norm_sum, self.batches, out=self.norm_rows[e])
            else:  # diverged in the first batch: nothing was measured
                self.norm_rows[e] = np.nan
        if self.stats:
            off = self.out_off[:-1]
            self.seen_rows[e] = self.seen
            self.sum_rows[e] = np.add.reduceat(self.col_sum, off)
            self.sq_rows[e] = np.add.reduceat(self.col_sq, off)
            self.alive_rows[e] = np.add.reduceat(self.alive, off, dtype=np.int64)
            if self.slope_width:
                self.small_rows[e, self.has_slope] = (
                    np.add.reduceat(self.small, self.slope_starts) + self.small_layer
                )

    def finish(self, hist: dict[str, Any]) -> None:
        """Turn the per-epoch sums into the history's (epochs, layers) arrays."""
        e = self.epochs_done
        if self.norms:
            hist["grad_norms"] = self.norm_rows[:e].copy()
        if not self.stats:
            return
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            count = self.seen_rows[:e, None] * self.out_w  # NaN rows where nothing was seen
            mean = self.sum_rows[:e] / count
            var = self.sq_rows[:e] / count - mean * mean
            hist["activation_mean"] = mean
            hist["activation_std"] = np.sqrt(np.maximum(var, 0.0))
            dead = 1.0 - self.alive_rows[:e] / self.out_w
            dead[self.seen_rows[:e] == 0] = np.nan
            hist["dead_fraction"] = dead
            saturated = np.tile(self.no_slope, (e, 1))
            saturated[:, self.has_slope] = (
                self.small_rows[:e, self.has_slope] / (count[:, self.has_slope])
            )
            saturated[self.seen_rows[:e] == 0] = np.nan
            hist["saturated_fraction"] = saturated


class _Progress:
    """Keras-like text progress: one bar line per block of epochs (about ten per call)."""

    def __init__(self, epochs: int, verbose: int) -> None:
        self.epochs = epochs
        self.verbose = verbose
        self.block = max(1, math.ceil(epochs / 10))

    def update(self, epoch: int, logs: dict[str, float]) -> None:
        if not self.verbose:
            return
        done = epoch + 1
        if done % self.block and done != self.epochs and math.isfinite(logs.get("loss", 0.0)):
            return
        width = 30
        filled = int(width * done / self.epochs)
        bar = "=" * max(filled - 1, 0) + (">" if filled < width else "=") + "." * (width - filled)
        bar = bar[:width]
        digits = len(str(self.epochs))
        values = " - ".join(f"{k}: {v:.4f}" for k, v in logs.items())
        sys.stdout.write(f"Epoch {done:>{digits}}/{self.epochs} [{bar}] - {values}\n")

    def close(self) -> None:
        if self.verbose:
            sys.stdout.flush()


# ================================================================================== gradcheck


def gradcheck(
    model: Sequential, X: Any, y: Any, step: float = 1e-5, floor: float = 1e-4
) -> float:
    r"""Largest relative error between backpropagation and central differences.

    For every scalar parameter $\theta_i$ (all layers, one full batch):

    $$n_i = \frac{L(\theta_i + h) - L(\theta_i - h)}{2h}, \qquad
      e = \max_i \frac{\lvert g_i - n_i \rvert}{\max(\lvert g_i\rvert, \lvert n_i\rvert,
      \text{floor})}$$

    with $g_i$ the backpropagated gradient. The floor keeps components that are zero or
    tinier than the finite-difference noise (about $10^{-10}$ for a loss of order 1) from
    dominating: below it the comparison is absolute. The model must be float64 and compiled;
    its parameters are restored afterwards.

    Parameters
    ----------
    model : Sequential
    X, y : array_like
        A batch and its targets, validated as in ``fit``.
    step : float, default 1e-5
        $h$, about the cube root of the float64 machine epsilon.
    floor : float, default 1e-4

    Returns
    -------
    float

    Raises
    ------
    ValueError
        The model is float32 (finite differences need float64).
    RuntimeError
        The model is not compiled.

    Examples
    --------
    >>> import numpy as np, activations
    >>> m = activations.Sequential([activations.Dense(3, "tanh", input_dim=2),
    ...                             activations.Dense(1, "sigmoid")], seed=0)
    >>> m.compile("binary_crossentropy")
    >>> X = np.random.default_rng(0).normal(size=(5, 2))
    >>> bool(activations.gradcheck(m, X, [0, 1, 1, 0, 1]) < 1e-6)
    True
    """
    if not isinstance(model, Sequential):
        raise TypeError(f"gradcheck: expected a Sequential model, got {type(model).__name__}")
    model._require_compiled("gradcheck")
    step = check_float(step, "gradcheck", "step", positive=True)
    floor = check_float(floor, "gradcheck", "floor", positive=True)
    X, T = model._check_Xy(X, y, "gradcheck")
    if model.dtype != np.float64:
        raise ValueError(
            f"gradcheck: the model is {model.dtype}; finite differences need a float64 model"
        )
    grads = np.concatenate([g.ravel() for layer in model._gradients(X, T)
                            for g in layer.values()])
    flat = model._flat
    fused = model._fused()
    saved = flat.copy()

    def loss_value() -> float:
        zs, as_ = model._infer(X)
        if fused:
            return model._loss._value_logits(T, zs[-1])
        if model._loss.from_logits:
            return model._loss._value_logits(T, as_[-1])
        return model._loss._value(T, as_[-1])

    numeric = np.empty_like(flat)
    try:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for i in range(flat.size):
                flat[i] = saved[i] + step
                up = loss_value()
                flat[i] = saved[i] - step
                down = loss_value()
                flat[i] = saved[i]
                numeric[i] = (up - down) / (2 * step)
    finally:
        flat[...] = saved
    denom = np.maximum(np.maximum(np.abs(grads), np.abs(numeric)), floor)
    return float(np.max(np.abs(grads - numeric) / denom))
