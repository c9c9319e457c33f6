r"""The model: `Sequential`, a stack of layers with its weights, inference and configuration.

Training follows the three steps of the textbook: define the model (a list of layers), choose
the loss (``compile``), minimise it by gradient descent (``fit``). This module holds the first
step and what a trained model is used for (``predict``, ``summary``, the weights, the
configuration), in two classes as in Keras: `Model`, what any network has (weights, summary,
saving), and `Sequential`, the stack of layers; ``compile``, ``fit`` and ``evaluate`` come from
[`training`][activations.training], the callbacks and the `History` from
[`callbacks`][activations.callbacks], and the ``.npz`` format from
[`saving`][activations.saving]. Backpropagation is exact and runs on NumPy alone;
[`gradcheck`][activations.training.gradcheck] compares it with central differences.

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

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from activations import initializers as _initializers
from activations import losses as _losses
from activations import optimizers as _optimizers
from activations import saving as _saving
from activations._core import get as _get_activation
from activations._validation import SeedLike, as_2d, as_float_array, as_rng, check_int
from activations.callbacks import Callback, History
from activations.layers import Dense, Layer, Maxout
from activations.training import Trainer, gradcheck

# Defined in the modules above, and still importable from here, where they used to live.
from activations.callbacks import LAYER_KEYS, RECORDABLE  # noqa: E402, F401, I001
from activations.saving import FORMAT, FORMAT_VERSION  # noqa: E402, F401

__all__ = ["Model", "Sequential"]


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


class Model(Trainer):
    r"""What every network of this package has, whatever its topology: parameters read and
    written as arrays, a summary, saving and loading, and (from
    [`Trainer`][activations.training.Trainer]) compile, fit and evaluate.

    Not instantiated directly: use [`Sequential`][activations.model.Sequential]. A subclass
    provides ``layers``, ``built``, ``dtype`` and the parameter buffer ``_flat``.
    """

    def parameters(self) -> list[np.ndarray]:
        """All parameter arrays, layer by layer, each layer's in its `param_names` order:
        views into the model's buffer, so in-place changes change the model.

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
            Wrong number of arrays, a shape mismatch, non-finite values, or values too large
            for the model's dtype (1e300 in a float32 model would be stored as infinity).
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
            new.append(as_float_array(w, "set_weights", f"array {i}", p.dtype))
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
        rows = [(f"{layer.name} ({type(layer).__name__})", f"(None, {layer.output_dim})",
                 f"max of {layer.pieces}" if isinstance(layer, Maxout) else layer.activation.name,
                 str(layer.count_params())) for layer in self.layers]
        return _table(f"Model: {type(self).__name__} ({self.dtype})", rows,
                      f"Total params: {self.count_params()}")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.layers!r})"


    def save(self, path: str | os.PathLike) -> Path:
        r"""Write the architecture, the compile settings and the weights to one ``.npz`` file,
        replacing ``path`` atomically (see [`saving`][activations.saving]); ``.npz`` is appended
        unless the name ends in it, in any case. Return the file written.

        Raises
        ------
        TypeError
            ``path`` is not a file name (an open file or ``io.BytesIO``).
        ValueError
            The model is not built; an activation parameter cannot be stored as JSON; ``path``
            is a directory or lies in a directory that does not exist.

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
        return _saving.save_model(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike, seed: SeedLike = None) -> Model:
        r"""Rebuild a model written by `save`, never unpickling and checking the file before
        allocating anything for it (see [`saving`][activations.saving]). The weights are
        bit-identical, so on the same machine and thread count it predicts the same rows in the
        same batches bit-identically to the saved model; it is compiled with the saved loss,
        optimizer (fresh state) and metrics, if any.
        ``seed`` seeds the shuffling order of further training.

        Raises
        ------
        TypeError
            ``path`` is not a file name.
        ValueError
            The file is missing, truncated, compressed or not an ``.npz``; keys, format,
            version, shapes or dtypes are not what this library writes; an array or a layer is
            larger than the file holds; the checksum does not match (the file was edited).
        """
        return _saving.load_model(path, seed, cls)



class Sequential(Model):
    r"""A stack of layers trained by backpropagation: the Keras ``Sequential`` workflow.

    Parameters
    ----------
    layers : sequence of Layer, default ()
        [`Dense`][activations.layers.Dense] and [`Maxout`][activations.layers.Maxout] layers,
        input to output. A layer belongs to one model.
    seed : int, numpy.random.Generator or None, default None
        Source of the initial weights and of the shuffling order. The same seed gives
        bit-identical initial weights and batches and, on the same machine with the same NumPy,
        BLAS library and number of BLAS threads and the same batch layout, bit-identical
        histories and predictions. Across machines, BLAS builds, thread counts or ``predict``
        batch sizes, results agree to rounding (relative differences of about $10^{-16}$ per
        operation, which training can amplify), not bit for bit.
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
    history : History or None
        The `History` of the running or last ``fit``, kept even when training is interrupted.

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
        self._outputs: list[np.ndarray] = []
        self._link_seen: tuple | None = None
        self.history: History | None = None
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

    def _layout(self, input_dim: int) -> list[tuple[Layer, int, list[tuple[str, tuple]]]]:
        """``(layer, input width, [(parameter name, shape), ...])`` for every layer, in buffer
        order, computed without allocating any parameter."""
        layout, width = [], input_dim
        for layer in self.layers:
            if layer.input_dim is not None and layer.input_dim != width:
                raise ValueError(
                    f"Sequential.build: layer {layer.name!r} has input_dim={layer.input_dim} but "
                    f"receives {width} values"
                )
            layout.append((layer, width, layer._param_shapes(width)))
            width = layer.output_dim
        return layout

    def build(self, input_dim: int) -> None:
        """Create the parameters for inputs of width ``input_dim`` and draw their values.

        Called automatically; all parameters live in one contiguous buffer, layer after
        layer, in `parameters` order.

        Raises
        ------
        ValueError
            No layers; a layer's ``input_dim`` contradicts the widths; an initializer returned
            NaN or infinite values (or values too large for the model's dtype).
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
        self._flat, self._grad, self._segments = _allocate(self._layout(input_dim), self.dtype)
        init_rng = np.random.default_rng()
        init_rng.bit_generator.state = self._init_state  # same seed, same weights
        for layer in self.layers:
            with np.errstate(over="ignore"):  # a float64 draw beyond float32: checked next
                layer._initialize(init_rng)
            _check_initial_values(layer, self.dtype)
        self.built = True

    @property
    def input_dim(self) -> int | None:
        """Width of the input, once known."""
        return self.layers[0].input_dim if self.layers else None

    @property
    def output_dim(self) -> int | None:
        """Width of the output."""
        return self.layers[-1].output_dim if self.layers else None


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
            Rows per forward pass (all at once by default). The rows' results agree with a
            single pass to rounding (about $10^{-16}$ relative), not necessarily bit for bit:
            the matrix products may add in another order for another number of rows.

        Raises
        ------
        TypeError, ValueError
            ``batch_size`` not a positive integer; wrong width, NaN/inf in ``X``, no layers.
        """
        if batch_size is not None:
            batch_size = check_int(batch_size, "predict", "batch_size")
        X = self._check_X(X, "predict")
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            if batch_size is None or batch_size >= X.shape[0]:
                return self._infer(X)[1][-1].copy()
            return np.concatenate([self._infer(X[i:i + batch_size])[1][-1]
                                   for i in range(0, X.shape[0], batch_size)])

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

    # ------------------------------------------------------------------------ configuration
    def get_config(self) -> dict[str, Any]:
        """The architecture and compile settings as JSON-serialisable values:
        ``{"dtype", "input_dim", "layers", "compile"}``; `from_config` rebuilds the model.

        Examples
        --------
        >>> import activations
        >>> m = activations.Sequential([activations.Dense(2, "relu", input_dim=3)], seed=0)
        >>> config = m.get_config()
        >>> config["input_dim"], config["layers"][0]["activation"]["name"]
        (3, 'relu')
        >>> activations.Sequential.from_config(config, seed=0).summary() == m.summary()
        True
        """
        config: dict[str, Any] = {
            "dtype": str(self.dtype),
            "input_dim": self.input_dim,
            "layers": [layer.get_config() for layer in self.layers],
            "compile": None,
        }
        if self._loss is not None:
            config["compile"] = {"loss": self._loss.get_config(),
                                 "optimizer": self._optimizer.get_config(),
                                 "metrics": list(self._metrics)}
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any], seed: SeedLike = None) -> Sequential:
        """A new model from `get_config`'s dictionary: built and compiled as described, its
        weights drawn from ``seed`` (weights are not part of the configuration)."""
        model = cls._unbuilt_from_config(config, as_rng(seed, "Sequential.from_config"))
        if config.get("input_dim") is not None:
            model.build(config["input_dim"])
        model._compile_from_config(config)
        return model

    @classmethod
    def _unbuilt_from_config(cls, config: dict[str, Any], rng: np.random.Generator) -> Sequential:
        """The layers of ``config`` in a model that allocates nothing yet."""
        model = cls(seed=rng, dtype=config["dtype"])
        for layer_config in config["layers"]:
            model._add(_layer_from_config(layer_config), build=False)
        return model

    def _compile_from_config(self, config: dict[str, Any]) -> None:
        c = config.get("compile")
        if c:
            self.compile(_losses.get(c["loss"]["name"], **c["loss"]["params"]),
                         _optimizers.get(c["optimizer"]["name"], **c["optimizer"]["params"]),
                         c["metrics"])


def _allocate(layout: list, dtype: np.dtype) -> tuple[np.ndarray, np.ndarray, list]:
    """One parameter buffer and one gradient buffer for the whole layout, each layer bound to
    its views; returns them with ``(offset, name)`` of every parameter."""
    total = sum(int(np.prod(s)) for _, _, shapes in layout for _, s in shapes)
    flat, grad = np.zeros(total, dtype=dtype), np.zeros(total, dtype=dtype)
    offset, segments = 0, []
    for layer, width, shapes in layout:
        params, grads = {}, {}
        for name, shape in shapes:
            size = int(np.prod(shape))
            params[name] = flat[offset:offset + size].reshape(shape)
            grads[name] = grad[offset:offset + size].reshape(shape)
            segments.append((offset, name))
            offset += size
        layer._attach(width, dtype, params, grads)
    return flat, grad, segments


def _table(title: str, rows: list[tuple[str, ...]], total: str) -> str:
    rows = [("Layer (type)", "Output shape", "Activation", "Params"), *rows]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    fmt = "{:<%d}  {:<%d}  {:<%d}  {:>%d}" % tuple(widths)
    head = fmt.format(*rows[0]).rstrip()
    rule = "-" * len(head)
    return "\n".join([title, head, rule, *(fmt.format(*r) for r in rows[1:]), rule, total])


def _check_initial_values(layer: Layer, dtype: np.dtype) -> None:
    for name, initializer, values in (("kernel", layer.kernel_initializer, layer.kernel),
                                      ("bias", layer.bias_initializer, layer.bias)):
        if values is not None and not np.isfinite(values).all():
            bad = int(np.count_nonzero(~np.isfinite(values)))
            raise ValueError(
                f"Sequential.build: the {name}_initializer of layer {layer.name!r} "
                f"({initializer!r}) gave {bad} NaN or infinite value(s) in {dtype}; fix its "
                "parameters or use another initializer, such as 'glorot_uniform'"
            )


def _layer_from_config(config: dict[str, Any]) -> Layer:
    kind = config["class"]
    common = {
        "input_dim": config["input_dim"],
        "use_bias": config["use_bias"],
        "name": config["name"],
        "kernel_initializer": _initializer(config["kernel_initializer"]),
        "bias_initializer": _initializer(config["bias_initializer"]),
    }
    if kind == "Maxout":
        return Maxout(config["units"], config["pieces"], **common)
    if kind != "Dense":
        raise ValueError(f"unknown layer class {kind!r}")
    spec = config["activation"]
    params = dict(spec["params"])
    for param in _get_activation(spec["name"]).learnable:  # their initial values
        start = spec[f"initial_{param}"]
        params[param] = (float(start) if not isinstance(start, list)
                         else np.asarray(start, dtype=float))
    return Dense(config["units"], _get_activation(spec["name"], **params), **common)


def _initializer(config: Any) -> Any:
    if config is None or config.get("name") == "custom":
        return "zeros"  # overwritten by the saved weights
    return _initializers.get(config["name"], **config.get("params", {}))
