r"""Training: ``compile``, ``fit``, ``evaluate``, the batch loop, the metrics, and a gradient
check.

[`Trainer`][activations.training.Trainer] is the part of [`Model`][activations.model.Model],
and so of [`Sequential`][activations.model.Sequential], that learns (as in Keras): ``compile`` chooses the loss, the optimizer and the metrics; ``fit`` minimises
the loss by mini-batch gradient descent with exact backpropagation; ``evaluate`` scores a data
set. How the loss meets the output layer is decided in one place, `_LossLink`: an output layer
ending in the loss's own activation (sigmoid for binary cross-entropy, softmax for the
categorical ones) is trained with the stable fused form, whose gradient with respect to the
pre-activation is $a - y$; otherwise the loss reads the outputs, as probabilities or, with
``from_logits=True``, as scores.

``fit`` watches for divergence. After each epoch it stops training if the loss or a weight is
NaN or infinite, or if either has run out of range, beyond the square root of the largest
number of the model's dtype ($1.3 \times 10^{154}$ in float64, $1.8 \times 10^{19}$ in
float32), where products and squares overflow and gradients, optimizer moments and statistics
can no longer be computed: the weights' sum of squares overflows, or the loss is beyond that
bound *and* more than ``DIVERGENCE_GROWTH`` ($10^6$) times its lowest value so far. It then
gives the model back the weights it had at the start of its best epoch, resets the
optimizer's state, records the epoch and the reason in ``history.diverged`` and warns, saying
what to change. (A loss that grows a billion-fold but stays below that bound is left alone:
such runs, with saturated units and huge weights, are something to study, and the
diagnostics still describe them.)

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

import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from activations import losses as _losses
from activations import optimizers as _optimizers
from activations._registry import Registry
from activations._validation import check_bool, check_float, check_int
from activations.callbacks import (
    RECORDABLE,
    Callback,
    Divergence,
    History,
    _LayerStatistics,
    _overrides,
    _ProgressBar,
    as_callbacks,
)
from activations.layers import Layer

__all__ = ["DATA_SCALE", "DIVERGENCE_GROWTH", "Trainer", "gradcheck"]

DIVERGENCE_GROWTH = 1e6
"""``fit`` stops when an epoch's loss exceeds this many times the lowest so far while it is
also beyond the square root of the dtype's largest number (see the module description)."""

DATA_SCALE = 1e6
"""Inputs or targets beyond this magnitude are blamed, rather than the learning rate, when
training diverges: standardized data lie within a few units of 0."""


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


# ================================================================================== the loss link


class _LossLink:
    r"""How the compiled loss meets the output layer, decided here and nowhere else.

    ``fused``: the output activation is the loss's ``fused_activation`` (over the last axis)
    and the loss takes probabilities, so the loss is computed from the pre-activation $z$ with
    the stable form and its gradient with respect to $z$ is $a - y$. Otherwise the loss reads
    the outputs $a$, as scores if ``from_logits`` and as probabilities if not.

    Raises ``ValueError`` for a layer whose output does not depend on its input (a softmax over
    one unit): nothing could be learned. Warns when the output layer applies the activation
    that a ``from_logits=True`` loss applies again.
    """

    def __init__(self, loss: _losses.Loss, layers: Sequence[Layer], where: str,
                 warn: bool, stacklevel: int = 4) -> None:
        self.loss = loss
        act = layers[-1].activation
        own = loss.fused_activation
        self.fused = (own is not None and not loss.from_logits and act.name == own
                      and act.params.get("axis", -1) in (-1, 1))
        for layer in layers:
            _check_not_constant(layer, loss, where)
        if warn and own is not None and loss.from_logits and act.name == own:
            warnings.warn(
                f"{where}: the output layer applies {own} and the loss takes scores "
                f"(from_logits=True), so {own} is applied twice and the predictions are "
                f"squashed; use a linear output layer with from_logits=True, or keep {own} "
                "with from_logits=False (the model then uses the stable fused form anyway)",
                RuntimeWarning,
                stacklevel=stacklevel,
            )

    @classmethod
    def of(cls, model: Trainer, where: str, calls: int = 1) -> _LossLink:
        """The link for the model's layers and loss now; warns once per (loss, output layer),
        pointing ``calls`` frames above the public method that asks."""
        key = (id(model._loss), id(model.layers[-1]), id(model.layers[-1].activation))
        link = cls(model._loss, model.layers, where, warn=model._link_seen != key,
                   stacklevel=3 + calls)
        model._link_seen = key
        return link

    def value(self, T: np.ndarray, z: np.ndarray, a: np.ndarray) -> float:
        """The loss of the output layer's pre-activation ``z`` and output ``a``."""
        if self.fused:
            return self.loss._value_logits(T, z)
        return self.loss._value_of_outputs(T, a)

    def value_grad(self, T: np.ndarray, z: np.ndarray, a: np.ndarray) -> tuple[float, np.ndarray]:
        """The loss and its gradient: with respect to ``z`` if `fused`, else to ``a``."""
        if self.fused:
            return self.loss._value_grad_logits(T, z, a)
        return self.loss._value_grad_of_outputs(T, a)


def _check_not_constant(layer: Layer, loss: _losses.Loss, where: str) -> None:
    """A vector-valued activation whose output is the same for any input (softmax over one
    unit is always 1) passes no gradient: the loss could never change."""
    if layer._kind != "vector":
        return
    z = np.random.default_rng(0).normal(size=(2, layer._width))
    with np.errstate(all="ignore"):
        if not np.array_equal(layer._act._forward(z), layer._act._forward(3.0 * z - 1.0)):
            return
        value = layer._act._forward(z)[0].tolist()
    hint = (f"; for a binary output use Dense(1, {loss.fused_activation!r}) with "
            "binary_crossentropy" if loss.fused_activation == "sigmoid" else "")
    raise ValueError(
        f"{where}: layer {layer.name!r} applies {layer.activation.name} to {layer._width} "
        f"unit(s), which outputs {value} whatever its input, so no gradient passes and the "
        f"loss cannot change; give the layer more units{hint}"
    )


# ================================================================================== trainer


class Trainer:
    """The training half of `Sequential`: compile, fit, evaluate, gradients.

    A mixin: it expects the model's ``layers``, its parameter and gradient buffers (``_flat``,
    ``_grad``), ``build``, ``_check_X`` and ``_infer``, and sets the attributes below.
    """

    _loss: _losses.Loss | None
    _optimizer: _optimizers.Optimizer | None
    _metrics: list[str]
    _link_seen: tuple | None  # the (loss, output layer) pairing last checked
    _outputs: list[np.ndarray]  # the layers' outputs of the last training batch
    history: History | None

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
            Unknown loss, optimizer or metric name (with suggestions); a layer whose output
            cannot depend on its input (softmax over one unit).

        Warns
        -----
        RuntimeWarning
            The output layer applies the sigmoid or softmax that a ``from_logits=True`` loss
            applies again.
        """
        loss = _losses.get(loss)
        optimizer = _optimizers.get(optimizer)
        if isinstance(metrics, str):
            metrics = [metrics]
        names = []
        for m in metrics:
            if not isinstance(m, str):
                raise TypeError(f"compile: metrics must be names, got {type(m).__name__}")
            _METRICS.canonical(m, "compile")
            names.append(m.lower())
        self._loss, self._optimizer, self._metrics = loss, optimizer, names
        self._optimizer.reset()
        if self.layers:
            _LossLink.of(self, "compile")

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

    def _require_compiled(self, where: str) -> None:
        if self._loss is None:
            raise RuntimeError(
                f"{where}: the model is not compiled; call model.compile(loss=..., "
                "optimizer=...) first"
            )

    def _check_Xy(
        self, X: Any, y: Any, where: str, build: bool = True, input_dim: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Validate a batch and its targets completely, then build the model if asked."""
        if y is None:
            raise TypeError(f"{where}: y is None; give the targets, one per row of X "
                            "(for example fit(X, y))")
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
            Passes over the data, >= 1. Memory grows with the epochs that run, not with
            this number.
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
        callbacks : list of Callback or callable
            Called during training (see [`Callback`][activations.callbacks.Callback]).

        Returns
        -------
        History
            Also kept in ``model.history`` from the first epoch on, so that it holds the
            finished epochs even when an exception (``KeyboardInterrupt``) ends training; the
            exception still propagates.

        Raises
        ------
        RuntimeError
            The model is not compiled.
        TypeError, ValueError
            Before any training: ``epochs`` < 1; ``y`` is None; row counts of ``X`` and ``y``
            differ; ``X`` width differs from ``input_dim``; NaN or inf in ``X`` or ``y``, or
            values too large for the model's dtype; labels outside {0, 1} for binary
            cross-entropy or outside the class range for sparse categorical cross-entropy; an
            unknown ``record`` entry; ``callbacks`` not a list; an optimizer hyper-parameter
            changed to an invalid value since ``compile`` (checked again after every epoch).

        Warns
        -----
        RuntimeWarning
            Training diverged (see the module description): the warning names the epoch and
            the reason and says what to change; the model has its best weights back and
            ``history.diverged`` holds the epoch and the reason.
        """
        return _Fit(self, X, y, epochs, batch_size, shuffle, verbose, validation_data, record,
                    callbacks).run()

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
        link = _LossLink.of(self, "evaluate")
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            zs, as_ = self._infer(X)
            return self._scores(link, T, zs, as_, self._metrics)

    def _scores(self, link: _LossLink, T: np.ndarray, zs: list[np.ndarray],
                as_: list[np.ndarray], metrics: list[str]) -> dict[str, float]:
        result = {"loss": link.value(T, zs[-1], as_[-1])}
        for name in metrics:
            result[name] = _metric_fn(name, self._loss, self.output_dim)(T, as_[-1])
        return result

    def gradients(self, X: Any, y: Any) -> list[dict[str, np.ndarray]]:
        r"""Gradients of the loss on ``(X, y)`` (one full batch) for every layer's parameters.

        Returns
        -------
        list of dict
            One dict per layer mapping each of its `param_names` (``"kernel"``, ``"bias"``,
            then any learned activation parameter) to $\partial L / \partial \theta$, arrays
            shaped like the parameters.

        Raises
        ------
        RuntimeError
            The model is not compiled (the loss is needed).
        """
        self._require_compiled("gradients")
        X, T = self._check_Xy(X, y, "gradients")
        return self._gradients(X, T, _LossLink.of(self, "gradients"))

    def _gradients(self, X: np.ndarray, T: np.ndarray,
                   link: _LossLink) -> list[dict[str, np.ndarray]]:
        try:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                self._step_grads(X, T, link)
        finally:
            self._free_buffers()
        out, offset = [], 0
        for layer in self.layers:
            grads = {}
            for name, shape in layer._param_shapes(layer.input_dim):
                size = math.prod(shape)
                grads[name] = self._grad[offset:offset + size].reshape(shape).copy()
                offset += size
            out.append(grads)
        return out

    def _step_grads(self, X: np.ndarray, T: np.ndarray, link: _LossLink,
                    stats: _LayerStatistics | None = None) -> float:
        """One forward and backward pass on a batch; gradients land in the gradient buffer
        and the layers' outputs in ``self._outputs``. No validation: the caller checked."""
        layers = self.layers
        n = X.shape[0]
        caches = [layer._cache(n, i > 0) for i, layer in enumerate(layers)]
        outputs = self._outputs = []
        a, ones = X, None
        for layer, cache in zip(layers, caches):
            a = layer._forward(a, cache, ones)
            # the output with a column of ones, for the next layer's product
            ones = cache.a_ones if a is cache.a else None
            outputs.append(a)
        value, g = link.value_grad(T, caches[-1].z, a)
        fused, last = link.fused, len(layers) - 1
        if stats is None:
            for i in range(last, -1, -1):
                g = layers[i]._backward(g, caches[i], fused and i == last, None)
        else:
            slopes = stats.slope_views(n)
            for i in range(last, -1, -1):
                g = layers[i]._backward(g, caches[i], fused and i == last, slopes[i])
        return value

    def _free_buffers(self) -> None:
        """Drop the training scratch buffers of every layer (allocated again when needed)."""
        self._outputs = []
        for layer in self.layers:
            layer._free_buffers()


# ================================================================================== one fit


class _Fit:
    """One call of ``fit``: the validated arguments, the callbacks and the epoch loop."""

    def __init__(self, model: Trainer, X: Any, y: Any, epochs: Any, batch_size: Any,
                 shuffle: Any, verbose: Any, validation_data: Any, record: Any,
                 callbacks: Any) -> None:
        model._require_compiled("fit")
        self.model = model
        self.epochs = check_int(epochs, "fit", "epochs")
        if batch_size is not None:
            batch_size = check_int(batch_size, "fit", "batch_size")
        self.shuffle = check_bool(shuffle, "fit", "shuffle")
        if verbose not in (0, 1) or isinstance(verbose, float):
            raise ValueError(f"fit: verbose must be 0 or 1, got {verbose!r}")
        self.verbose = verbose
        record = (record,) if isinstance(record, str) else tuple(record)
        unknown = [r for r in record if r not in RECORDABLE]
        if unknown:
            raise ValueError(f"fit: cannot record {unknown[0]!r}; choose from {list(RECORDABLE)}")
        self.record = record
        self.hooks = as_callbacks(callbacks, "fit")
        self.X, self.T = model._check_Xy(X, y, "fit", build=False)
        self.n = n = self.X.shape[0]
        self.batch_size = n if batch_size is None else min(batch_size, n)
        self.val = None
        if validation_data is not None:
            if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
                raise ValueError("fit: validation_data must be a tuple (X_val, y_val)")
            self.val = model._check_Xy(*validation_data, "fit: validation_data", build=False,
                                       input_dim=self.X.shape[1])
        model._optimizer._check("fit")
        self.link = _LossLink.of(model, "fit", calls=2)
        # everything is valid: only now build (draw the weights) and train
        if not model.built:
            model.build(self.X.shape[1])

    def _callbacks(self, history: History) -> list[Callback]:
        """The statistics recorder, the history and the progress bar, then the caller's."""
        m = self.model
        self.stats = None
        internal: list[Callback] = []
        norms, stats = "grad_norms" in self.record, "activation_stats" in self.record
        if norms or stats:
            recorder = _LayerStatistics(history, m.layers, m._segments, norms, stats)
            internal.append(recorder)
            self.stats = recorder if stats else None
        internal.append(history)
        if self.verbose:
            internal.append(_ProgressBar(self.epochs))
        callbacks = internal + self.hooks
        for cb in callbacks:
            cb.model = m
        return callbacks

    def run(self) -> History:
        m, n = self.model, self.n
        history = History([layer.name for layer in m.layers],
                          {"epochs": self.epochs, "batch_size": self.batch_size,
                           "steps": -(-n // self.batch_size), "samples": n})
        metrics = list(m._metrics) if ("metrics" in self.record or self.verbose
                                       or self.hooks) else []
        kept = (["loss"] if "loss" in self.record else []) + (
            metrics if "metrics" in self.record else [])
        history._keep(kept + (["val_" + k for k in kept] if self.val is not None else []))
        m.history = history
        self.metric_fns = [(name, _metric_fn(name, m._loss, m.output_dim)) for name in metrics]
        callbacks = self._callbacks(history)
        self.batch_hooks = [cb for cb in callbacks if _overrides(cb, "on_train_batch_end")]
        begin_hooks = [cb for cb in callbacks if _overrides(cb, "on_epoch_begin")]
        self.guard = _Guard(m._flat, m._optimizer, max(_magnitude(self.X), _magnitude(self.T)))
        m.stop_training = False
        m._trained = True
        try:
            for cb in callbacks:
                cb.on_train_begin({})
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                for epoch in range(self.epochs):
                    for cb in begin_hooks:
                        cb.on_epoch_begin(epoch, {})
                    logs = self._epoch(epoch, history)
                    for cb in callbacks:
                        cb.on_epoch_end(epoch, logs)
                    if history.diverged is not None or m.stop_training:
                        break
                    self.guard.check_learning_rate("fit")
        finally:
            m._free_buffers()
            history._settle()
            for cb in callbacks:
                cb.on_train_end({})
        if history.diverged is not None:
            warnings.warn(self.guard.message(history.diverged), RuntimeWarning, stacklevel=3)
        return history

    def _epoch(self, epoch: int, history: History) -> dict[str, float]:
        """Train one epoch; return its logs (and set ``history.diverged`` if it diverged)."""
        m, n, bs = self.model, self.n, self.batch_size
        if self.shuffle and bs < n:
            order = m._shuffle_rng.permutation(n)
            Xe, Te = self.X[order], self.T[order]
        else:
            Xe, Te = self.X, self.T
        self.guard.begin_epoch()
        flat, grad, opt = [m._flat], [m._grad], m._optimizer
        loss_sum, metric_sums = 0.0, [0.0] * len(self.metric_fns)
        finite = True
        for batch, start in enumerate(range(0, n, bs)):
            xb, tb = Xe[start:start + bs], Te[start:start + bs]
            value = m._step_grads(xb, tb, self.link, self.stats)
            loss_sum += value * xb.shape[0]
            for j, (_, fn) in enumerate(self.metric_fns):
                metric_sums[j] += fn(tb, m._outputs[-1]) * xb.shape[0]
            if not math.isfinite(value):
                finite = False
                break
            opt._apply(flat, grad)
            if self.batch_hooks:
                batch_logs = {"loss": value}
                for cb in self.batch_hooks:
                    cb.on_train_batch_end(batch, batch_logs)
        logs = {"loss": loss_sum / n if finite else math.nan}
        for j, (name, _) in enumerate(self.metric_fns):
            logs[name] = metric_sums[j] / n
        history.diverged = self.guard.check(epoch, logs["loss"])
        if self.val is not None:
            if history.diverged is None:
                zs, as_ = m._infer(self.val[0])
                scores = m._scores(self.link, self.val[1], zs, as_, [k for k, _ in self.metric_fns])
            else:
                scores = dict.fromkeys(["loss", *(k for k, _ in self.metric_fns)], math.nan)
            logs.update({"val_" + k: v for k, v in scores.items()})
        return logs


def _magnitude(a: np.ndarray) -> float:
    return float(np.max(np.abs(a))) if a.size else 0.0


class _Guard:
    """Watches one ``fit`` for divergence and gives the model its best weights back.

    It keeps two copies of the parameters: those at the start of the current epoch and those at
    the start of the epoch with the lowest loss so far.
    """

    def __init__(self, flat: np.ndarray, optimizer: _optimizers.Optimizer,
                 data_scale: float) -> None:
        self.flat, self.optimizer, self.data_scale = flat, optimizer, data_scale
        self.start = flat.copy()
        self.best = np.empty_like(flat)
        self.best_loss, self.best_epoch = math.inf, None
        self.out_of_range = math.sqrt(float(np.finfo(flat.dtype).max))  # squares overflow

    def begin_epoch(self) -> None:
        np.copyto(self.start, self.flat)

    def check(self, epoch: int, loss: float) -> Divergence | None:
        """None if the epoch went well; else restore the best weights and say why."""
        # one BLAS call: NaN or inf once a weight is NaN or inf or beyond about sqrt(max)
        squares = float(np.vdot(self.flat, self.flat))
        if not math.isfinite(loss):
            reason = "the loss became NaN or infinite"
        elif not math.isfinite(squares):
            largest = float(np.maximum.reduce(np.abs(self.flat)))  # NaN if one is
            reason = ("the weights became NaN or infinite" if not math.isfinite(largest) else
                      f"the weights' sum of squares overflowed {self.flat.dtype} (the largest "
                      f"weight is {largest:.3g}; beyond about {self.out_of_range:.2g}, products "
                      "overflow)")
        elif loss > DIVERGENCE_GROWTH * self.best_loss and loss > self.out_of_range:
            reason = (f"the loss grew to {loss:.3g}, more than {DIVERGENCE_GROWTH:g} times its "
                      f"lowest value so far ({self.best_loss:.3g}) and beyond "
                      f"{self.out_of_range:.2g}, where squares overflow in {self.flat.dtype}")
        else:
            if loss < self.best_loss:
                self.start, self.best = self.best, self.start
                self.best_loss, self.best_epoch = loss, epoch
            return None
        restored = epoch if self.best_epoch is None else self.best_epoch
        np.copyto(self.flat, self.start if self.best_epoch is None else self.best)
        self.optimizer.reset()  # its moments hold the runaway steps
        return Divergence(epoch, reason, restored)

    def check_learning_rate(self, where: str) -> None:
        """Between epochs a callback may have changed the learning rate: check it again."""
        lr = self.optimizer.learning_rate
        if not (isinstance(lr, (int, float)) and 0 < lr < math.inf):
            self.optimizer._check(where)

    def message(self, diverged: Divergence) -> str:
        """The warning: where, why, what to change, and which weights the model now has."""
        if self.data_scale > DATA_SCALE:
            advice = (f"The data reach {self.data_scale:.3g} in magnitude: standardize X (and y "
                      "for regression) to about unit scale first; a lower learning rate does "
                      "not help with values that large")
        else:
            advice = ("Lower the learning rate or change the initializer (the learning rate "
                      f"is {self.optimizer.learning_rate:g})")
        return (f"fit: training diverged in epoch {int(diverged)}: {diverged.reason}; training "
                f"stopped. {advice}. "
                f"The model has the weights it had at the start of epoch {diverged.restored} "
                "back and the optimizer's state is reset; history.diverged holds the epoch and "
                "the reason")


# ================================================================================== gradcheck


def gradcheck(model: Trainer, X: Any, y: Any, step: float = 1e-5, floor: float = 1e-4) -> float:
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
    if not isinstance(model, Trainer):
        raise TypeError(f"gradcheck: expected a Sequential model, got {type(model).__name__}")
    model._require_compiled("gradcheck")
    step = check_float(step, "gradcheck", "step", positive=True)
    floor = check_float(floor, "gradcheck", "floor", positive=True)
    X, T = model._check_Xy(X, y, "gradcheck")
    if model.dtype != np.float64:
        raise ValueError(
            f"gradcheck: the model is {model.dtype}; finite differences need a float64 model"
        )
    link = _LossLink.of(model, "gradcheck")
    grads = np.concatenate([g.ravel() for layer in model._gradients(X, T, link)
                            for g in layer.values()])
    flat = model._flat
    saved = flat.copy()

    def loss_value() -> float:
        zs, as_ = model._infer(X)
        return link.value(T, zs[-1], as_[-1])

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
