r"""Callbacks: what ``fit`` calls while it trains, and the `History` it returns.

A [`Callback`][activations.callbacks.Callback] has hooks for the start and end of training, of
each epoch and of each batch. ``fit`` runs its own callbacks beside the ones it is given, in this
order: the per-layer statistics (``record=``), the [`History`][activations.callbacks.History],
the progress bar (``verbose=1``), then the caller's. The statistics are computed with a fixed
number of NumPy calls per batch, whatever the depth of the network.

Examples
--------
>>> import activations
>>> model = activations.Sequential([activations.Dense(1, input_dim=1)], seed=0)
>>> model.compile("mse", activations.optimizers.SGD(0.1))
>>> seen = []
>>> history = model.fit([[0.0], [1.0]], [1.0, 3.0], epochs=3,
...                     callbacks=[lambda epoch, logs: seen.append(epoch)])
>>> seen, history is model.history
([0, 1, 2], True)
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from activations.layers import SATURATION_THRESHOLD, Layer, Maxout

if TYPE_CHECKING:
    from activations.model import Sequential

__all__ = ["LAYER_KEYS", "RECORDABLE", "Callback", "Divergence", "History"]

RECORDABLE = ("loss", "metrics", "grad_norms", "activation_stats")
"""What ``fit(record=...)`` can keep per epoch."""

LAYER_KEYS = ("grad_norms", "activation_mean", "activation_std", "dead_fraction",
              "saturated_fraction")
"""History keys holding an ``(epochs, layers)`` array."""


class Callback:
    r"""Base class for objects called during ``fit``; override the hooks you need.

    A plain function ``f(epoch, logs)`` given in ``callbacks`` is called like ``on_epoch_end``.
    Setting ``model.stop_training = True`` in a hook ends training after the current epoch.
    ``on_train_end`` runs however training ends: after the last epoch, after a divergence, or
    when an exception (a ``KeyboardInterrupt`` too) leaves ``fit``.

    Attributes
    ----------
    model : Sequential or None
        The model being trained, set by ``fit`` before ``on_train_begin``.

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

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any]) -> None:
        """Called at the start of each epoch."""

    def on_train_batch_end(self, batch: int, logs: dict[str, float]) -> None:
        """Called after each batch's update with ``{"loss": <the batch's loss>}``; only
        callbacks that override it cost a call per batch."""

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        """Called after each epoch with its loss, metrics and validation values."""

    def on_train_end(self, logs: dict[str, Any]) -> None:
        """Called once when training ends, however it ends."""


def _overrides(callback: Callback, hook: str) -> bool:
    return getattr(type(callback), hook) is not getattr(Callback, hook)


class _FunctionCallback(Callback):
    def __init__(self, fn: Callable[[int, dict[str, float]], Any]) -> None:
        self.fn = fn

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        self.fn(epoch, logs)


def as_callbacks(callbacks: Any, where: str) -> list[Callback]:
    """Validate ``fit``'s ``callbacks`` argument: a list of Callbacks and functions."""
    if isinstance(callbacks, Callback) or callable(callbacks):
        raise TypeError(
            f"{where}: callbacks must be a list of Callback objects or functions, got a single "
            f"{type(callbacks).__name__}; pass callbacks=[...] around it"
        )
    if isinstance(callbacks, (str, bytes, dict)) or not hasattr(callbacks, "__iter__"):
        raise TypeError(f"{where}: callbacks must be a list of Callback objects or functions, "
                        f"got {type(callbacks).__name__}")
    hooks: list[Callback] = []
    for cb in callbacks:
        if isinstance(cb, Callback):
            hooks.append(cb)
        elif callable(cb):
            hooks.append(_FunctionCallback(cb))
        else:
            raise TypeError(f"{where}: callbacks must be Callback objects or functions, "
                            f"got {type(cb).__name__}")
    return hooks


# ================================================================================== history


class Divergence(int):
    """The epoch (0-based) in which training diverged, as an ``int``, with why.

    Attributes
    ----------
    epoch : int
        The same number as the object itself.
    reason : str
        What was seen: ``"the loss became NaN or infinite"``, ``"the weights became NaN or
        infinite"`` or ``"the loss grew to ..."``.
    restored : int
        The epoch whose starting weights the model was given back.

    Examples
    --------
    >>> from activations.callbacks import Divergence
    >>> d = Divergence(3, "the loss became NaN or infinite", restored=1)
    >>> d == 3, d.reason
    (True, 'the loss became NaN or infinite')
    """

    reason: str
    restored: int

    def __new__(cls, epoch: int, reason: str, restored: int) -> Divergence:
        self = super().__new__(cls, epoch)
        self.reason = reason
        self.restored = restored
        return self

    @property
    def epoch(self) -> int:
        """The epoch, as a plain ``int``."""
        return int(self)

    def __repr__(self) -> str:
        return f"Divergence(epoch={int(self)}, reason={self.reason!r}, restored={self.restored})"


class History(Callback):
    r"""What ``fit`` returns, and keeps in ``model.history``: per-epoch values and per-layer
    diagnostics of the epochs that finished.

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
    diverged : Divergence or None
        The epoch (0-based) in which training diverged, if it did, with the reason (see
        [`Divergence`][activations.callbacks.Divergence]); training stopped there.
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

    def __init__(self, layer_names: list[str] | None = None,
                 params: dict[str, Any] | None = None) -> None:
        self.history: dict[str, Any] = {}
        self.epoch: list[int] = []
        self.diverged: Divergence | None = None
        self.layer_names = list(layer_names or [])
        self.params = dict(params or {})
        self._kept: tuple[str, ...] = ()

    def _keep(self, keys: list[str]) -> None:
        """Record these ``logs`` keys at every epoch end."""
        self._kept = tuple(keys)
        for key in keys:
            self.history[key] = []

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        hist = self.history
        for key in self._kept:
            hist[key].append(logs[key])
        self.epoch.append(epoch)  # last: an epoch counts once all its values are in

    def _settle(self) -> None:
        """After an interruption: keep exactly the values of the epochs in `epoch`."""
        for key in self._kept:
            del self.history[key][len(self.epoch):]

    def __getitem__(self, key: str) -> Any:
        return self.history[key]

    def __repr__(self) -> str:
        return (f"<History epochs={len(self.epoch)} keys={sorted(self.history)} "
                f"diverged={self.diverged!r}>")


# ================================================================================== progress


class _ProgressBar(Callback):
    """Keras-like text progress: one bar line per block of epochs (about ten per call)."""

    def __init__(self, epochs: int) -> None:
        self.epochs = epochs
        self.block = max(1, math.ceil(epochs / 10))

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
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

    def on_train_end(self, logs: dict[str, Any]) -> None:
        sys.stdout.flush()


# ================================================================================== statistics


class _Rows:
    """A float array of shape ``(epochs, width)`` that grows with the epochs actually run
    (doubling), instead of being allocated for every epoch ``fit`` was asked for."""

    def __init__(self, width: int) -> None:
        self.data = np.zeros((8, width))
        self.n = 0

    def next(self) -> np.ndarray:
        """The row of the next epoch (zeros)."""
        if self.n == self.data.shape[0]:
            self.data = np.concatenate([self.data, np.zeros_like(self.data)])
        self.n += 1
        return self.data[self.n - 1]

    def array(self) -> np.ndarray:
        """The rows written so far (a view)."""
        return self.data[:self.n]


class _LayerStatistics(Callback):
    """Per-layer diagnostics of one ``fit`` call, computed with a fixed number of NumPy calls
    per batch whatever the depth: each layer's output (and $|f'(z)|$) is copied into a column
    block of one wide buffer, then every statistic is one reduction over that buffer. Writes
    its arrays into the history at ``on_train_end``."""

    def __init__(self, history: History, layers: list[Layer], segments: list[tuple[int, str]],
                 norms: bool, stats: bool) -> None:
        self.target, self.layers, self.norms, self.stats = history, layers, norms, stats
        self.starts = np.array([s for s, _ in segments], dtype=np.intp)
        self.kernel_rows = np.array([i for i, (_, nm) in enumerate(segments) if nm == "kernel"],
                                    dtype=np.intp)
        out_w = [layer.output_dim for layer in layers]
        slope_w = [layer._width if layer._has_slope else 0 for layer in layers]
        self.out_off = np.concatenate([[0], np.cumsum(out_w)]).astype(np.intp)
        self.slope_off = np.concatenate([[0], np.cumsum(slope_w)]).astype(np.intp)
        self.out_width, self.slope_width = int(self.out_off[-1]), int(self.slope_off[-1])
        self.out_w = np.array(out_w)
        self.has_slope = np.array(slope_w) > 0
        self.buffers: dict[int, tuple] = {}
        # NaN for vector-valued activations (no elementwise slope), 0 for linear and maxout
        self.no_slope = np.array(
            [0.0 if (layer._kind == "linear" or isinstance(layer, Maxout)) else np.nan
             for layer in layers]
        )

    def _buffers(self, n: int) -> tuple:
        buf = self.buffers.get(n)
        if buf is None:
            if len(self.buffers) >= 2:  # a fit has at most two batch sizes
                del self.buffers[next(iter(self.buffers))]
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
        """Where each layer's backward pass writes $|f'(z)|$ for a batch of ``n`` rows."""
        return self._buffers(n)[6]

    def on_train_begin(self, logs: dict[str, Any]) -> None:
        """Create the growing per-epoch rows and the running accumulators."""
        L = len(self.layers)
        if self.norms:
            self.norm_rows = _Rows(len(self.kernel_rows))
            self.norm_sum = np.zeros(len(self.kernel_rows))
        if self.stats:
            self.sum_rows, self.sq_rows = _Rows(L), _Rows(L)
            self.alive_rows, self.small_rows, self.seen_rows = _Rows(L), _Rows(L), _Rows(1)
            self.col_sum = np.zeros(self.out_width)
            self.col_sq = np.zeros(self.out_width)
            self.alive = np.zeros(self.out_width, dtype=bool)
            self.small = np.zeros(self.slope_width, dtype=np.int64)
            self.slope_starts = self.slope_off[:-1][self.has_slope]
            self.slope_blocks = [(int(a), int(b)) for a, b in
                                 zip(self.slope_off[:-1], self.slope_off[1:]) if b > a]
            self.small_layer = np.zeros(len(self.slope_blocks), dtype=np.int64)

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any]) -> None:
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

    def on_train_batch_end(self, batch: int, logs: dict[str, float]) -> None:
        # Statistics of activations beyond 1e154 overflow their sums of squares: inf is the
        # honest value there, and the loss, not the diagnostics, decides divergence.
        with np.errstate(over="ignore", invalid="ignore"):
            self._accumulate(self.model._outputs, self.model._grad)

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

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        if self.norms:
            row = self.norm_rows.next()
            if self.batches:
                np.divide(self.norm_sum, self.batches, out=row)
            else:  # diverged in the first batch: nothing was measured
                row[...] = np.nan
        if self.stats:
            off = self.out_off[:-1]
            self.seen_rows.next()[0] = self.seen
            self.sum_rows.next()[...] = np.add.reduceat(self.col_sum, off)
            self.sq_rows.next()[...] = np.add.reduceat(self.col_sq, off)
            self.alive_rows.next()[...] = np.add.reduceat(self.alive, off, dtype=np.int64)
            small = self.small_rows.next()
            if self.slope_width:
                small[self.has_slope] = (
                    np.add.reduceat(self.small, self.slope_starts) + self.small_layer
                )

    def on_train_end(self, logs: dict[str, Any]) -> None:
        """Turn the per-epoch sums into the history's (epochs, layers) arrays."""
        self.buffers = {}
        hist = self.target.history
        e = len(self.target.epoch)  # the finished epochs, also after an interruption
        if self.norms:
            hist["grad_norms"] = self.norm_rows.array()[:e].copy()
        if not self.stats:
            return
        seen = self.seen_rows.array()[:e, 0]
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            count = seen[:, None] * self.out_w  # NaN rows where nothing was seen
            mean = self.sum_rows.array()[:e] / count
            var = self.sq_rows.array()[:e] / count - mean * mean
            hist["activation_mean"] = mean
            hist["activation_std"] = np.sqrt(np.maximum(var, 0.0))
            dead = 1.0 - self.alive_rows.array()[:e] / self.out_w
            dead[seen == 0] = np.nan
            hist["dead_fraction"] = dead
            saturated = np.tile(self.no_slope, (len(seen), 1))
            saturated[:, self.has_slope] = (
                self.small_rows.array()[:e, self.has_slope] / (count[:, self.has_slope])
            )
            saturated[seen == 0] = np.nan
            hist["saturated_fraction"] = saturated
