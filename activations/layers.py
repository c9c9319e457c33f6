r"""Layers: a fully connected layer with any catalog activation, and the maxout layer.

A [`Dense`][activations.layers.Dense] layer computes

$$z = x W + b, \qquad a = f(z),$$

with $x$ of shape ``(samples, input_dim)``, kernel $W$ of shape ``(input_dim, units)`` and bias
$b$ of shape ``(units,)``. Backpropagation is exact: for an elementwise activation the
gradient reaching $z$ is $\delta = \partial L / \partial a \odot f'(z)$; for a vector-valued one
(softmax, glu, ...) it is the catalog's vector-Jacobian product. The sigmoid, tanh and ReLU
read $f'(z)$ from the output, as PyTorch does: $a(1 - a)$, $1 - a^2$ and $\operatorname{sign}(a)$,
two NumPy calls where the input's form takes six (the same values up to rounding, which in the
saturated tails is absolute, not relative), and write their output into the layer's buffer (the
sigmoid as SciPy's ``expit``, which is 0 where $\sigma(z)$ is below the smallest normal float,
$z < -708$ in float64). Then

$$\frac{\partial L}{\partial W} = x^\top \delta, \qquad
  \frac{\partial L}{\partial b} = \sum_{\text{samples}} \delta, \qquad
  \frac{\partial L}{\partial x} = \delta\, W^\top.$$

An activation that declares learnable parameters (``prelu``'s negative slope $a$) gets one
value per unit, learned like the kernel with the declared elementwise derivative
$\partial f/\partial a$ (for prelu, $\min(z, 0)$):

$$\frac{\partial L}{\partial a_j} = \sum_{\text{samples}}
  \frac{\partial L}{\partial a_j^{\text{out}}}\,\frac{\partial f}{\partial a}(z_j).$$

Such a parameter is named ``<activation>_<parameter>`` (``"prelu_weight"``). A
[`Maxout`][activations.layers.Maxout]
layer is a dense layer with ``units * pieces`` linear outputs followed by the maximum over each
group of ``pieces``.

Layers hold no arrays until a [`Sequential`][activations.model.Sequential] model builds them: the
model then places every parameter in one contiguous buffer (so an optimizer step is a handful
of NumPy calls whatever the depth) and draws the initial values from its seed.

Examples
--------
>>> import activations
>>> layer = activations.Dense(4, activation="relu", input_dim=2)
>>> layer.units, layer.activation.name, layer.built
(4, 'relu', False)
>>> model = activations.Sequential([layer], seed=0)
>>> [p.shape for p in layer.parameters()]
[(2, 4), (4,)]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.special as _sc

from activations import initializers as _initializers
from activations._core import Activation
from activations._core import get as _get
from activations._core import registry as _registry
from activations._validation import check_bool, check_int
from activations.functions._kernels import maximum as _maximum

__all__ = ["Dense", "Layer", "Maxout"]

SATURATION_THRESHOLD = 1e-3
"""A unit counts as saturated on a sample when $|f'(z)|$ is below this value."""


# ``ones`` is an array of ones of the shape of ``a``: on the small arrays of a deep narrow
# network NumPy takes twice as long to subtract from the scalar 1 (the same bits either way).
def _sigmoid_slope(a: np.ndarray, out: np.ndarray, ones: np.ndarray) -> np.ndarray:
    np.subtract(ones, a, out=out)
    return np.multiply(out, a, out=out)


def _tanh_slope(a: np.ndarray, out: np.ndarray, ones: np.ndarray) -> np.ndarray:
    np.multiply(a, a, out=out)
    return np.subtract(ones, out, out=out)


def _relu_slope(a: np.ndarray, out: np.ndarray, ones: np.ndarray) -> np.ndarray:
    return np.sign(a, out=out)  # a = max(z, 0): 1 where z > 0, 0 where z <= 0, NaN for NaN


_FROM_OUTPUT = {"sigmoid": _sigmoid_slope, "tanh": _tanh_slope, "relu": _relu_slope}
_FORWARD_INTO = {
    "sigmoid": lambda z, out: _sc.expit(z, out=out),
    "tanh": lambda z, out: np.tanh(z, out=out),
    "relu": lambda z, out: _maximum(z, 0, out=out),
}
"""f'(z) from a = f(z), into a buffer, for the functions whose derivative is a short
function of their value."""


def _stacked(W: np.ndarray, b: np.ndarray | None) -> np.ndarray | None:
    """``[W; b]``, shape ``(rows + 1, units)``, as one view when ``b`` follows ``W`` in memory
    (as the model lays them out), else None."""
    if b is None or not (W.flags.c_contiguous and b.flags.c_contiguous) or b.dtype != W.dtype \
            or W.ctypes.data + W.nbytes != b.ctypes.data or b.shape != W.shape[1:]:
        return None
    return np.lib.stride_tricks.as_strided(W, shape=(W.shape[0] + 1, W.shape[1]))


def _resolve_activation(activation: Any, where: str) -> Activation:
    if isinstance(activation, str):
        return _registry.lookup(activation, where)
    if activation is None or isinstance(activation, Activation):
        return _get(activation)
    raise TypeError(
        f"{where}: activation must be a catalog name, an Activation or None, "
        f"got {type(activation).__name__}; see activations.names()"
    )


CACHED_BATCH_SIZES = 2
"""Batch sizes whose training buffers a layer keeps at once: a ``fit`` uses at most two (the
batch size and the last, smaller batch); older ones are freed first."""


def _check_per_unit(act: Activation, param: str, width: int, where: str) -> None:
    """A learnable parameter's initial value: one number, or one per unit."""
    shape = np.shape(act.params[param])
    if shape not in ((), (1,), (width,)):
        raise ValueError(
            f"{where}: {act.name} {param} has shape {shape} but the layer has {width} units; "
            f"give one number or an array of shape ({width},)"
        )


SMALL_OUTPUT = 4096
"""Up to this many elements, a layer's training output carries a column of ones, so that the
next layer computes ``[x, 1] @ [W; b]`` and ``[x, 1].T @ delta`` (its bias, and the bias's
gradient, with the kernel's) in one matrix product each: on small arrays a NumPy call costs more than
its arithmetic."""


class _Cache:
    """Preallocated buffers of one layer for one batch size (training only)."""

    __slots__ = ("x", "x_ones", "z", "a", "a_ones", "delta", "dx", "tmp", "slope", "ones")

    def __init__(self, n: int, layer: Layer, need_dx: bool) -> None:
        dt = layer._dtype
        self.x: np.ndarray | None = None
        self.x_ones: np.ndarray | None = None  # the input with a column of ones, if known
        self.z = np.empty((n, layer._width), dtype=dt)
        self.a = self.a_ones = None
        if layer._from_output and n * (layer._width + 1) <= SMALL_OUTPUT:
            # the output with a column of ones: the next layer adds its bias in its product
            self.a_ones = np.ones((n, layer._width + 1), dtype=dt)
            self.a = self.a_ones[:, :-1]
        elif layer._from_output:
            self.a = np.empty((n, layer._width), dtype=dt)
        self.slope = np.empty((n, layer._width), dtype=dt) if layer._from_output else None
        self.ones = np.ones((n, layer._width), dtype=dt) if layer._from_output else None
        self.delta = np.empty((n, layer._width), dtype=dt)
        self.dx = np.empty((n, layer.input_dim), dtype=dt) if need_dx else None
        self.tmp = np.empty((n, layer._width), dtype=dt) if layer._learnable else None


class Layer:
    r"""Base class of the trainable layers (a dense map followed by an activation).

    Not instantiated directly: use [`Dense`][activations.layers.Dense] or
    [`Maxout`][activations.layers.Maxout].

    Attributes
    ----------
    units : int
        Number of output units.
    activation : Activation
        The activation applied to the pre-activation $z$.
    input_dim : int or None
        Width of the input; ``None`` until known (given, or set when the model is built).
    use_bias : bool
        Whether the layer adds a bias vector.
    name : str or None
        Set by the model (``"dense_0"``, ...) unless given.

    Examples
    --------
    >>> import activations
    >>> isinstance(activations.Dense(3), activations.layers.Layer)
    True
    """

    kind_name: str = "layer"

    def __init__(
        self,
        units: int,
        activation: Any,
        input_dim: int | None,
        kernel_initializer: Any,
        bias_initializer: Any,
        use_bias: bool,
        name: str | None,
        width: int,
    ) -> None:
        where = type(self).__name__
        self.units = check_int(units, where, "units")
        self.activation = _resolve_activation(activation, where)
        self.input_dim = None if input_dim is None else check_int(input_dim, where, "input_dim")
        try:
            self.kernel_initializer = _initializers.get(kernel_initializer)
            self.bias_initializer = _initializers.get(bias_initializer)
        except (ValueError, TypeError) as exc:
            raise type(exc)(f"{where}: {exc}") from None
        self.use_bias = check_bool(use_bias, where, "use_bias")
        if name is not None and (not isinstance(name, str) or not name):
            raise TypeError(f"{where}: name must be a non-empty string, got {name!r}")
        self.name = name
        self._width = width  # columns of the kernel (units, or units * pieces)
        act = self.activation
        if act.name == "linear":
            self._kind = "linear"
        elif act.elementwise:
            self._kind = "elementwise"
        else:
            self._kind = "vector"
        self._learnable = tuple(act.learnable)  # activation parameters learned per unit
        if self._learnable and self._kind != "elementwise":
            raise ValueError(f"{where}: {act.name} learns parameters per unit, which only an "
                             "elementwise activation can")
        for param in self._learnable:
            _check_per_unit(act, param, width, where)
        self._output_dim = width if self._kind != "vector" else None
        self._owner: object | None = None
        self._dtype = np.dtype(np.float64)
        self._W: np.ndarray | None = None
        self._b: np.ndarray | None = None
        self._dW: np.ndarray | None = None
        self._Wb: np.ndarray | None = None  # [kernel; bias] as one array, when contiguous
        self._dWb: np.ndarray | None = None
        self._db: np.ndarray | None = None
        self._learned: dict[str, np.ndarray] = {}  # activation parameter -> per-unit values
        self._dlearned: dict[str, np.ndarray] = {}
        self._act = act
        # f'(z) from the output a, for the parameterless functions that allow it
        self._from_output = _FROM_OUTPUT.get(act.name) if not act.params else None
        self._forward_into = _FORWARD_INTO.get(act.name) if self._from_output else None
        self._caches: dict[tuple[int, bool], _Cache] = {}

    # ----------------------------------------------------------------------------- structure
    @property
    def built(self) -> bool:
        """Whether the layer's parameters exist (the model has been built)."""
        return self._W is not None

    @property
    def output_dim(self) -> int:
        """Width of the output (``units``; half of it for ``glu``, ... for vector activations)."""
        if self._output_dim is None:
            probe = self._act._forward(np.zeros((1, self._width)))
            self._output_dim = int(probe.shape[-1])
        return self._output_dim

    @property
    def param_names(self) -> tuple[str, ...]:
        """Names of the parameters in `parameters` order: ``kernel``, ``bias`` (if used), then
        ``<activation>_<parameter>`` for each parameter the activation learns per unit
        (``prelu_weight``)."""
        names = ["kernel"]
        if self.use_bias:
            names.append("bias")
        names += [self._learned_name(p) for p in self._learnable]
        return tuple(names)

    def _learned_name(self, param: str) -> str:
        return f"{self.activation.name}_{param}"

    def _param_shapes(self, input_dim: int) -> list[tuple[str, tuple[int, ...]]]:
        """``(name, shape)`` of every parameter for inputs of width ``input_dim``: the kernel
        is ``(input_dim, width)``, every other parameter has one value per column."""
        return [(n, (input_dim, self._width) if n == "kernel" else (self._width,))
                for n in self.param_names]

    def count_params(self, input_dim: int | None = None) -> int:
        """Number of scalar parameters (needs ``input_dim`` if the layer is not built)."""
        d = self.input_dim if input_dim is None else input_dim
        if d is None:
            raise ValueError(f"{self._label()}.count_params: input_dim is not known yet")
        return sum(int(np.prod(s)) for _, s in self._param_shapes(d))

    def parameters(self) -> list[np.ndarray]:
        """The parameter arrays, in `param_names` order (empty before the model is built).

        They are views into the model's parameter buffer: writing into them changes the model.
        """
        if not self.built:
            return []
        out = [self._W]
        if self.use_bias:
            out.append(self._b)
        return out + [self._learned[p] for p in self._learnable]

    def parameter(self, name: str) -> np.ndarray | None:
        """The parameter called ``name`` (one of `param_names`): a view into the model's
        buffer, or None before the model is built.

        Examples
        --------
        >>> import activations
        >>> model = activations.Sequential([activations.Dense(3, "prelu", input_dim=2)], seed=0)
        >>> model.layers[0].parameter("prelu_weight")
        array([0.25, 0.25, 0.25])
        """
        names = self.param_names
        if name not in names:
            raise ValueError(f"{self._label()}.parameter: no parameter {name!r}; this layer "
                             f"has {', '.join(names)}")
        if not self.built:
            return None
        return dict(zip(names, self.parameters(), strict=True))[name]

    def __getattr__(self, name: str) -> Any:
        # Called only when the usual lookup fails: a learned activation parameter reads as an
        # attribute under its parameter name too (see param_names).
        state = self.__dict__
        if not name.startswith("_") and "activation" in state and name in (
            self._learned_name(p) for p in state.get("_learnable", ())
        ):
            return self.parameter(name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def kernel(self) -> np.ndarray | None:
        """The weight matrix $W$, shape ``(input_dim, units)`` (None before building)."""
        return self._W

    @property
    def bias(self) -> np.ndarray | None:
        """The bias vector $b$, shape ``(units,)`` (None without bias or before building)."""
        return self._b

    def _label(self) -> str:
        return f"{type(self).__name__} {self.name!r}" if self.name else type(self).__name__

    # ----------------------------------------------------------------------------- building
    def _attach(
        self,
        input_dim: int,
        dtype: np.dtype,
        params: dict[str, np.ndarray],
        grads: dict[str, np.ndarray],
    ) -> None:
        """Bind the parameter and gradient views the model allocated for this layer."""
        self.input_dim = input_dim
        self._dtype = np.dtype(dtype)
        self._W, self._dW = params["kernel"], grads["kernel"]
        self._b, self._db = params.get("bias"), grads.get("bias")
        self._Wb = _stacked(self._W, self._b)
        self._dWb = _stacked(self._dW, self._db) if self._Wb is not None else None
        self._learned = {p: params[self._learned_name(p)] for p in self._learnable}
        self._dlearned = {p: grads[self._learned_name(p)] for p in self._learnable}
        self._caches = {}
        if self._learnable:
            # the catalog keeps array parameters by reference: the bound activation always
            # sees the current values, which the optimizer updates in place
            self._act = self.activation.with_params(**self._learned)

    def _initialize(self, rng: np.random.Generator) -> None:
        """Draw the initial parameters, kernel first, from ``rng``."""
        self._W[...] = self.kernel_initializer(self._W.shape, rng, self._dtype)
        if self.use_bias:
            self._b[...] = self.bias_initializer(self._b.shape, rng, self._dtype)
        for param, values in self._learned.items():
            start = np.asarray(self.activation.params[param], dtype=self._dtype)
            values[...] = np.broadcast_to(start, values.shape)

    # ----------------------------------------------------------------------------- computing
    def _infer(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pre-activation and output for any batch, in fresh arrays (prediction path)."""
        z = x @ self._W
        if self.use_bias:
            z += self._b
        a = z if self._kind == "linear" else self._act._forward(z)
        return z, a

    def _cache(self, n: int, need_dx: bool) -> _Cache:
        cache = self._caches.get((n, need_dx))
        if cache is None:
            if len(self._caches) >= CACHED_BATCH_SIZES:  # free the oldest batch size
                del self._caches[next(iter(self._caches))]
            cache = self._caches[(n, need_dx)] = _Cache(n, self, need_dx)
        return cache

    def _free_buffers(self) -> None:
        """Drop the training buffers (they are allocated again when needed)."""
        self._caches = {}

    def _forward(self, x: np.ndarray, cache: _Cache, x_ones: np.ndarray | None = None
                 ) -> np.ndarray:
        """Training forward pass into preallocated buffers; remembers ``x`` for backward.
        ``x_ones``, if given, is ``x`` with a column of ones (the previous layer's buffer)."""
        cache.x = x
        z, W = cache.z, self._W
        if x_ones is not None and self._Wb is not None:
            cache.x_ones = x_ones
            np.dot(x_ones, self._Wb, out=z)  # x W + b
        elif self.input_dim == 1:  # an outer product: BLAS is slow for inner dimension 1
            np.multiply(x, W, out=z)
        elif x.dtype == W.dtype:  # np.dot: the same product as matmul, in half the time on
            np.dot(x, W, out=z)  # the small matrices of a narrow network
        else:
            np.matmul(x, W, out=z)
        if x_ones is None or self._Wb is None:
            cache.x_ones = None
            if self.use_bias:
                z += self._b
        if self._kind == "linear":
            return z
        if self._forward_into is not None and self._act is self.activation:
            return self._forward_into(z, cache.a)
        return self._act._forward(z)

    def _backward(
        self, grad: np.ndarray, cache: _Cache, pre_activation: bool, slope_out: np.ndarray | None
    ) -> np.ndarray | None:
        """Write the parameter gradients; return the gradient with respect to the input.

        ``grad`` is $\\partial L/\\partial a$, or $\\partial L/\\partial z$ when
        ``pre_activation`` (the fused output layer). ``slope_out``, if given (elementwise
        activations only), receives $|f'(z)|$ for the saturation diagnostics.
        """
        z = cache.z
        kind = self._kind
        if pre_activation or kind == "linear":
            delta = grad
            if slope_out is not None:
                np.abs(self._act._derivative(z), out=slope_out)
        elif kind == "vector":
            delta = self._act._backward(z, grad)
        elif self._from_output is not None and self._act is self.activation:
            d = self._from_output(cache.a, cache.slope, cache.ones)
            if slope_out is not None:
                np.abs(d, out=slope_out)
            delta = np.multiply(grad, d, out=cache.delta)
        else:
            d = self._act._derivative(z)
            if slope_out is not None:
                np.abs(d, out=slope_out)
            delta = np.multiply(grad, d, out=cache.delta)
            if self._learnable:
                for param, dparam in self._act._param_derivative(z).items():
                    np.multiply(dparam, grad, out=cache.tmp)
                    np.add.reduce(cache.tmp, axis=0, out=self._dlearned[param])
        x, dW = cache.x, self._dW
        same = x.dtype == dW.dtype == delta.dtype
        if cache.x_ones is not None and same:  # the kernel's and the bias's gradients
            np.dot(cache.x_ones.T, delta, out=self._dWb)
        elif x.shape[0] == 1:  # outer products (inner dimension 1) by broadcasting
            np.multiply(x.T, delta, out=dW)
            if self.use_bias:
                np.add.reduce(delta, axis=0, out=self._db)
        else:
            if same:
                np.dot(x.T, delta, out=dW)
            else:
                np.matmul(x.T, delta, out=dW)
            if self.use_bias:
                np.add.reduce(delta, axis=0, out=self._db)
        if cache.dx is None:
            return None
        if self._width == 1:
            return np.multiply(delta, self._W.T, out=cache.dx)
        if same:
            return np.dot(delta, self._W.T, out=cache.dx)
        return np.matmul(delta, self._W.T, out=cache.dx)

    @property
    def _has_slope(self) -> bool:
        """Whether the saturation diagnostic applies (an elementwise, non-linear activation)."""
        return self._kind == "elementwise"

    # ----------------------------------------------------------------------------- config
    def get_config(self) -> dict[str, Any]:
        """The constructor arguments as JSON-serialisable values (used by ``model.save``)."""
        act = self.activation
        params = {k: v for k, v in act.params.items() if k not in self._learnable}
        for key, value in params.items():
            if not isinstance(value, (str, int, float, bool, type(None))):
                raise ValueError(
                    f"{self._label()}: activation parameter {key}={value!r} cannot be saved; "
                    "only numbers and strings can"
                )
        config: dict[str, Any] = {
            "class": type(self).__name__,
            "name": self.name,
            "units": self.units,
            "activation": {"name": act.name, "params": params},
            "input_dim": self.input_dim,
            "use_bias": self.use_bias,
            "kernel_initializer": self.kernel_initializer.get_config(),
            "bias_initializer": self.bias_initializer.get_config(),
        }
        for param in self._learnable:  # the initial values; the learned ones are weights
            start = act.params[param]
            config["activation"][f"initial_{param}"] = (
                float(start) if np.ndim(start) == 0 else np.asarray(start, float).tolist()
            )
        return config

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(units={self.units}, activation={self.activation.name!r}"
            + (f", input_dim={self.input_dim}" if self.input_dim is not None else "")
            + (", use_bias=False" if not self.use_bias else "")
            + ")"
        )


class Dense(Layer):
    r"""Fully connected layer $a = f(xW + b)$ with any activation from the catalog.

    Parameters
    ----------
    units : int
        Number of output units, >= 1.
    activation : str, Activation or None, default "linear"
        A catalog name or alias (``"relu"``, ``"swish"``), an `Activation`, or
        ``activations.get(name, **params)`` with parameters bound (``None`` is linear). An
        activation with learnable parameters learns them per unit, starting from the bound
        values: with ``"prelu"``, the slope ``weight`` (0.25 by default). Vector-valued
        activations (``softmax``, ``glu``, ...) act on each sample's ``units`` values; ``glu``
        halves the output width.
    input_dim : int or None, default None
        Width of the input; needed on the first layer to build the model at construction,
        otherwise inferred from the data.
    kernel_initializer : str, Initializer or callable, default "glorot_uniform"
        See [`initializers`][activations.initializers].
    bias_initializer : str, Initializer or callable, default "zeros"
    use_bias : bool, default True
    name : str or None, default None
        Defaults to ``"dense_<index>"`` in the model.

    Raises
    ------
    ValueError
        ``units`` < 1, an unknown activation or initializer name (with suggestions).

    Examples
    --------
    >>> import activations
    >>> activations.Dense(8, activation=activations.get("leaky_relu", negative_slope=0.2))
    Dense(units=8, activation='leaky_relu')
    >>> activations.Dense(0)
    Traceback (most recent call last):
    ...
    ValueError: Dense: units must be a positive integer, got 0
    """

    kind_name = "dense"

    def __init__(
        self,
        units: int,
        activation: str | Activation | None = "linear",
        input_dim: int | None = None,
        kernel_initializer: str | _initializers.Initializer = "glorot_uniform",
        bias_initializer: str | _initializers.Initializer = "zeros",
        use_bias: bool = True,
        name: str | None = None,
    ) -> None:
        units = check_int(units, "Dense", "units")
        super().__init__(
            units, activation, input_dim, kernel_initializer, bias_initializer, use_bias, name,
            width=units,
        )
        if self._kind == "vector":
            try:
                _ = self.output_dim
            except ValueError as exc:
                raise ValueError(f"Dense: activation {self.activation.name!r} cannot take "
                                 f"{units} units: {exc}") from None


class Maxout(Layer):
    r"""Maxout layer: ``units * pieces`` linear units, then the maximum over each group.

    $$a_j = \max_{k = 1..K} \bigl(x W_{:, (j-1)K + k} + b_{(j-1)K + k}\bigr)$$

    with $K$ = ``pieces`` consecutive columns per output unit (the catalog's ``maxout``). The
    gradient flows only to the winning piece of each unit and sample. A maxout unit is convex
    and piecewise linear in its input: it never saturates and never dies entirely.

    Parameters
    ----------
    units : int
        Number of output units, >= 1.
    pieces : int
        Linear pieces per unit, >= 1 (1 is a plain linear layer).
    input_dim : int or None, default None
    kernel_initializer : str, Initializer or callable, default "glorot_uniform"
        Applied to the kernel of shape ``(input_dim, units * pieces)``.
    bias_initializer : str, Initializer or callable, default "zeros"
    use_bias : bool, default True
    name : str or None, default None
        Defaults to ``"maxout_<index>"`` in the model.

    References
    ----------
    Goodfellow, I. et al. (2013). Maxout networks. ICML.

    Examples
    --------
    >>> import activations
    >>> model = activations.Sequential([activations.Maxout(3, pieces=4, input_dim=2)], seed=0)
    >>> model.layers[0].kernel.shape, model.predict([[1.0, -1.0]]).shape
    ((2, 12), (1, 3))
    """

    kind_name = "maxout"

    def __init__(
        self,
        units: int,
        pieces: int,
        input_dim: int | None = None,
        kernel_initializer: str | _initializers.Initializer = "glorot_uniform",
        bias_initializer: str | _initializers.Initializer = "zeros",
        use_bias: bool = True,
        name: str | None = None,
    ) -> None:
        units = check_int(units, "Maxout", "units")
        self.pieces = check_int(pieces, "Maxout", "pieces")
        super().__init__(
            units,
            _get("maxout", pieces=self.pieces),
            input_dim,
            kernel_initializer,
            bias_initializer,
            use_bias,
            name,
            width=units * self.pieces,
        )
        self._output_dim = units

    def get_config(self) -> dict[str, Any]:
        """Constructor arguments (JSON-serialisable)."""
        config = super().get_config()
        config["pieces"] = self.pieces
        del config["activation"]
        return config

    def __repr__(self) -> str:
        return f"Maxout(units={self.units}, pieces={self.pieces})"
