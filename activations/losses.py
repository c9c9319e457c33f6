r"""Loss functions: what training minimises, each with its exact gradient.

Every loss is built by a factory (``losses.binary_crossentropy(from_logits=False)``) and is an
object with three public methods: ``loss(y_true, y_pred)`` returns the mean loss over the batch
as a float, ``loss.gradient(y_true, y_pred)`` returns $\partial L / \partial \hat y$ (same shape as
``y_pred``), and ``loss.value_and_gradient`` returns both. The reduction is the mean over samples
(and, for the element-wise losses, over output columns), as in Keras' default.

| name (aliases) | formula per sample | expects |
| --- | --- | --- |
| `mean_squared_error` (`mse`) | $\frac1K\sum_k (\hat y_k - y_k)^2$ | any real targets |
| `mean_absolute_error` (`mae`) | $\frac1K\sum_k \lvert\hat y_k - y_k\rvert$ | any real targets |
| `binary_crossentropy` (`bce`) | $-\frac1K\sum_k y_k\log p_k + (1-y_k)\log(1-p_k)$ | targets in $\{0, 1\}$ |
| `categorical_crossentropy` (`cce`) | $-\sum_k y_k \log p_k$ | one-hot rows |
| `sparse_categorical_crossentropy` | $-\log p_{y}$ | integer class labels |

**Stable fused forms.** With ``from_logits=True`` the cross-entropies take raw scores $z$ and use

$$
\mathrm{BCE}(z, y) = \max(z, 0) - yz + \log\left(1 + e^{-\lvert z\rvert}\right),
\qquad \frac{\partial\,\mathrm{BCE}}{\partial z} = \sigma(z) - y,
$$

$$
\mathrm{CCE}(z, y) = \log\sum_j e^{z_j - m} + m - \sum_k y_k z_k,
\qquad \frac{\partial\,\mathrm{CCE}}{\partial z} = \mathrm{softmax}(z) - y,
$$

with $m = \max_j z_j$: no $\log 0$, no overflow, no NaN however saturated the output. A
[`Sequential`][activations.model.Sequential] model whose output layer ends in ``sigmoid``
(for BCE) or ``softmax`` (for CCE / sparse CCE) uses these forms *whatever the flag*: it hands the loss the
output layer's pre-activation. Called directly on probabilities (``from_logits=False``), the
cross-entropies clip $p$ to $[\epsilon, 1-\epsilon]$ with $\epsilon = 10^{-7}$, as Keras does.

Examples
--------
>>> import numpy as np
>>> from activations import losses
>>> bce = losses.binary_crossentropy(from_logits=True)
>>> value, grad = bce.value_and_gradient([[1.0], [0.0]], [[800.0], [-800.0]])
>>> value, grad.ravel().tolist()
(0.0, [0.0, 0.0])
>>> losses.get("mse")([1.0, 2.0], [1.5, 2.0])
0.125
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

import activations.functions as _catalog
from activations._registry import Registry
from activations._validation import (
    as_float_array,
    check_bool,
    check_finite,
    construct,
)

# The stable forms are the catalog's kernels: sigmoid and log-softmax as declared, softplus
# without PyTorch's threshold (exact everywhere).
_SOFTPLUS = _catalog.softplus.with_params(threshold=float("inf"))

__all__ = [
    "Loss",
    "binary_crossentropy",
    "categorical_crossentropy",
    "get",
    "mean_absolute_error",
    "mean_squared_error",
    "names",
    "sparse_categorical_crossentropy",
]

EPSILON = 1e-7
"""Clipping bound for probabilities given to the cross-entropies (Keras' ``epsilon()``)."""


class Loss:
    r"""A loss function with its gradient (build one with a factory such as `mean_squared_error`).

    Attributes
    ----------
    name : str
        Canonical registry name.
    from_logits : bool
        Whether ``y_pred`` is taken as raw scores (only the cross-entropies can be ``True``).
    fused_activation : str or None
        ``"sigmoid"`` or ``"softmax"`` for the cross-entropies: an output layer ending in that
        activation is trained with the stable fused form. ``None`` for the others.

    Examples
    --------
    >>> from activations import losses
    >>> mse = losses.mean_squared_error()
    >>> mse([[0.0, 1.0]], [[1.0, 1.0]]), mse.gradient([[0.0, 1.0]], [[1.0, 1.0]])
    (0.5, array([[1., 0.]]))
    """

    name: str = ""
    fused_activation: str | None = None

    def __init__(self, from_logits: bool = False) -> None:
        from_logits = check_bool(from_logits, f"losses.{self.name}", "from_logits")
        if from_logits and self.fused_activation is None:
            raise ValueError(
                f"losses.{self.name}: from_logits=True applies only to cross-entropies"
            )
        self.from_logits = from_logits

    # ----------------------------------------------------------------- configuration
    @property
    def params(self) -> dict[str, Any]:
        """Parameters the loss was built with (``{"from_logits": ...}`` for cross-entropies)."""
        return {"from_logits": self.from_logits} if self.fused_activation else {}

    def get_config(self) -> dict[str, Any]:
        """Name and parameters (JSON-serialisable); ``get(c["name"], **c["params"])`` rebuilds."""
        return {"name": self.name, "params": self.params}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.name}({args})"

    # ----------------------------------------------------------------- public API
    def __call__(self, y_true: Any, y_pred: Any) -> float:
        """Mean loss over the batch (see the class description for shapes)."""
        y, p, _ = self._checked(y_true, y_pred, "__call__")
        return self._value_of_outputs(y, p)

    def gradient(self, y_true: Any, y_pred: Any) -> np.ndarray:
        r"""$\partial L / \partial \hat y$, same shape and dtype as ``y_pred``."""
        return self.value_and_gradient(y_true, y_pred)[1]

    def value_and_gradient(self, y_true: Any, y_pred: Any) -> tuple[float, np.ndarray]:
        """The mean loss and its gradient with respect to ``y_pred`` in one pass."""
        y, p, shape = self._checked(y_true, y_pred, "value_and_gradient")
        value, grad = self._value_grad_of_outputs(y, p)
        return value, grad.reshape(shape)

    # ----------------------------------------------------------------- validation
    def _checked(
        self, y_true: Any, y_pred: Any, method: str
    ) -> tuple[np.ndarray, np.ndarray, tuple]:
        where = f"losses.{self.name}.{method}" if method != "__call__" else f"losses.{self.name}"
        p = as_float_array(y_pred, where, "y_pred")
        shape = p.shape
        if p.ndim == 1:
            p = p[:, None]
        if p.ndim != 2 or p.shape[0] == 0:
            raise ValueError(
                f"{where}: y_pred must be 1-D or 2-D (samples, outputs) and non-empty, "
                f"got shape {shape}"
            )
        check_finite(p, where, "y_pred")
        y = self._targets(y_true, p.shape, where, p.dtype)
        return y, p, shape

    def _targets(
        self, y_true: Any, out_shape: tuple[int, int], where: str, dtype: Any, name: str = "y_true"
    ) -> np.ndarray:
        """Validate targets against an output of shape ``(N, K)``; return them as used inside.

        ``name`` is how error messages call the targets (``"y"`` inside ``fit``)."""
        y = as_float_array(y_true, where, name, dtype)
        if y.ndim == 1 and out_shape[1] == 1:
            y = y[:, None]
        if y.shape != tuple(out_shape):
            hint = ""
            if self.name == "categorical_crossentropy" and y.ndim == 1:
                hint = "; for integer class labels use sparse_categorical_crossentropy"
            raise ValueError(
                f"{where}: {name} has shape {y.shape} but the predictions have shape "
                f"{tuple(out_shape)}{hint}"
            )
        check_finite(y, where, name)
        return y

    # ----------------------------------------------------------------- unchecked internals
    # How this loss reads ``y_pred`` (scores with ``from_logits``, else probabilities) is
    # decided in these two methods; how it meets a model's output layer (the fused form) is
    # decided in activations.training, nowhere else.
    def _value_of_outputs(self, y: np.ndarray, p: np.ndarray) -> float:
        return self._value_logits(y, p) if self.from_logits else self._value(y, p)

    def _value_grad_of_outputs(self, y: np.ndarray, p: np.ndarray) -> tuple[float, np.ndarray]:
        if self.from_logits:
            return self._value_grad_logits(y, p, None)
        return self._value_grad(y, p)

    def _value(self, y: np.ndarray, p: np.ndarray) -> float:
        return self._value_grad(y, p)[0]

    def _value_grad(self, y: np.ndarray, p: np.ndarray) -> tuple[float, np.ndarray]:
        raise NotImplementedError

    def _value_logits(self, y: np.ndarray, z: np.ndarray) -> float:
        raise NotImplementedError

    def _value_grad_logits(
        self, y: np.ndarray, z: np.ndarray, a: np.ndarray | None
    ) -> tuple[float, np.ndarray]:
        """Value and gradient with respect to the scores ``z``; ``a`` is ``sigmoid(z)`` or
        ``softmax(z)`` when the caller already has it."""
        raise NotImplementedError


class _MeanSquaredError(Loss):
    name = "mean_squared_error"

    def _value(self, y: np.ndarray, p: np.ndarray) -> float:
        d = p - y
        return float(np.vdot(d, d)) / d.size

    def _value_grad(self, y: np.ndarray, p: np.ndarray) -> tuple[float, np.ndarray]:
        d = p - y
        value = float(np.vdot(d, d)) / d.size
        d *= 2.0 / d.size
        return value, d


class _MeanAbsoluteError(Loss):
    name = "mean_absolute_error"

    def _value(self, y: np.ndarray, p: np.ndarray) -> float:
        return float(np.abs(p - y).mean())

    def _value_grad(self, y: np.ndarray, p: np.ndarray) -> tuple[float, np.ndarray]:
        d = p - y
        value = float(np.abs(d).mean())
        g = np.sign(d)  # sign(0) = 0: the subgradient at the kink
        g *= 1.0 / d.size
        return value, g


class _BinaryCrossentropy(Loss):
    name = "binary_crossentropy"
    fused_activation = "sigmoid"

    def _targets(
        self, y_true: Any, out_shape: tuple[int, int], where: str, dtype: Any, name: str = "y_true"
    ) -> np.ndarray:
        y = super()._targets(y_true, out_shape, where, dtype, name)
        bad = (y != 0) & (y != 1)
        if bad.any():
            first = tuple(int(i) for i in np.argwhere(bad)[0])
            raise ValueError(
                f"{where}: binary cross-entropy needs labels in {{0, 1}}, found "
                f"{float(y[first]):g} at index {first} ({int(bad.sum())} such value(s))"
            )
        return y

    def _value(self, y: np.ndarray, p: np.ndarray) -> float:
        pc = np.clip(p, EPSILON, 1.0 - EPSILON)
        return -float(np.mean(y * np.log(pc) + (1.0 - y) * np.log1p(-pc)))

    def _value_grad(self, y: np.ndarray, p: np.ndarray) -> tuple[float, np.ndarray]:
        pc = np.clip(p, EPSILON, 1.0 - EPSILON)
        value = -float(np.mean(y * np.log(pc) + (1.0 - y) * np.log1p(-pc)))
        g = (pc - y) / (pc * (1.0 - pc))
        g *= 1.0 / g.size
        return value, g

    def _value_logits(self, y: np.ndarray, z: np.ndarray) -> float:
        t = _SOFTPLUS._forward(z)  # max(z, 0) + log1p(exp(-|z|)), exact
        t -= y * z
        return float(t.sum()) / t.size

    def _value_grad_logits(
        self, y: np.ndarray, z: np.ndarray, a: np.ndarray | None
    ) -> tuple[float, np.ndarray]:
        value = self._value_logits(y, z)
        g = (_catalog.sigmoid._forward(z) if a is None else a) - y
        g *= 1.0 / g.size
        return value, g


class _CategoricalCrossentropy(Loss):
    name = "categorical_crossentropy"
    fused_activation = "softmax"

    def _targets(
        self, y_true: Any, out_shape: tuple[int, int], where: str, dtype: Any, name: str = "y_true"
    ) -> np.ndarray:
        y = super()._targets(y_true, out_shape, where, dtype, name)
        if (y < 0).any() or (y > 1).any() or not np.allclose(y.sum(axis=1), 1.0, atol=1e-6):
            raise ValueError(
                f"{where}: categorical cross-entropy needs one-hot (or probability) rows: "
                "values in [0, 1] summing to 1; for integer class labels use "
                "sparse_categorical_crossentropy"
            )
        return y

    def _value(self, y: np.ndarray, p: np.ndarray) -> float:
        pc = np.clip(p, EPSILON, 1.0)
        return -float(np.vdot(y, np.log(pc))) / p.shape[0]

    def _value_grad(self, y: np.ndarray, p: np.ndarray) -> tuple[float, np.ndarray]:
        pc = np.clip(p, EPSILON, 1.0)
        value = -float(np.vdot(y, np.log(pc))) / p.shape[0]
        g = y / pc
        g *= -1.0 / p.shape[0]
        return value, g

    def _value_logits(self, y: np.ndarray, z: np.ndarray) -> float:
        return -float(np.vdot(y, _catalog.log_softmax._forward(z))) / z.shape[0]

    def _value_grad_logits(
        self, y: np.ndarray, z: np.ndarray, a: np.ndarray | None
    ) -> tuple[float, np.ndarray]:
        ls = _catalog.log_softmax._forward(z)  # rows: axis -1 of (N, K)
        value = -float(np.vdot(y, ls)) / z.shape[0]
        g = np.exp(ls) if a is None else a.copy()
        g -= y  # rows of y sum to 1 (checked at the boundary)
        g *= 1.0 / z.shape[0]
        return value, g


class _SparseCategoricalCrossentropy(_CategoricalCrossentropy):
    name = "sparse_categorical_crossentropy"

    def _targets(
        self, y_true: Any, out_shape: tuple[int, int], where: str, dtype: Any, name: str = "y_true"
    ) -> np.ndarray:
        """Integer labels of shape ``(N,)`` or ``(N, 1)``; returned one-hot, shape ``(N, K)``."""
        y = as_float_array(y_true, where, name)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        n, k = out_shape
        if y.ndim != 1 or y.shape[0] != n:
            raise ValueError(
                f"{where}: {name} must be integer class labels of shape ({n},), got shape "
                f"{np.shape(y_true)}; for one-hot targets use categorical_crossentropy"
            )
        check_finite(y, where, name)
        bad = (y != np.round(y)) | (y < 0) | (y >= k)
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(
                f"{where}: labels must be integers in [0, {k - 1}] for {k} output classes, "
                f"found {float(y[i]):g} at index {i}"
            )
        onehot = np.zeros(out_shape, dtype=dtype)
        onehot[np.arange(n), y.astype(np.intp)] = 1
        return onehot


def mean_squared_error() -> Loss:
    r"""Mean squared error, the regression loss.

    $$L = \frac{1}{NK}\sum_{i,k} (\hat y_{ik} - y_{ik})^2, \qquad
      \frac{\partial L}{\partial \hat y_{ik}} = \frac{2(\hat y_{ik} - y_{ik})}{NK}$$

    Returns
    -------
    Loss

    Examples
    --------
    >>> from activations import losses
    >>> losses.mean_squared_error()([0.0, 0.0], [1.0, 3.0])
    5.0
    """
    return _MeanSquaredError()


def mean_absolute_error() -> Loss:
    r"""Mean absolute error; its gradient at $\hat y = y$ is taken as 0.

    $$L = \frac{1}{NK}\sum_{i,k} \lvert\hat y_{ik} - y_{ik}\rvert, \qquad
      \frac{\partial L}{\partial \hat y_{ik}} = \frac{\operatorname{sign}(\hat y_{ik} - y_{ik})}{NK}$$

    Returns
    -------
    Loss

    Examples
    --------
    >>> from activations import losses
    >>> losses.mean_absolute_error().gradient([0.0, 0.0], [2.0, -1.0])
    array([ 0.5, -0.5])
    """
    return _MeanAbsoluteError()


def binary_crossentropy(from_logits: bool = False) -> Loss:
    r"""Binary cross-entropy (log loss) for targets in $\{0, 1\}$.

    $$L = -\frac{1}{NK}\sum_{i,k} y_{ik}\log p_{ik} + (1 - y_{ik})\log(1 - p_{ik})$$

    Parameters
    ----------
    from_logits : bool, default False
        If True, ``y_pred`` holds scores $z$ and $p = \sigma(z)$ is applied inside with the stable
        fused form (see the module description). A model whose output layer is ``sigmoid`` uses
        that form regardless.

    Returns
    -------
    Loss

    Examples
    --------
    >>> from activations import losses
    >>> round(losses.binary_crossentropy()([1, 0], [0.9, 0.1]), 6)
    0.105361
    >>> losses.binary_crossentropy()([2], [0.5])
    Traceback (most recent call last):
    ...
    ValueError: losses.binary_crossentropy: binary cross-entropy needs labels in {0, 1}, found 2 at index (0, 0) (1 such value(s))
    """
    return _BinaryCrossentropy(from_logits)


def categorical_crossentropy(from_logits: bool = False) -> Loss:
    r"""Categorical cross-entropy for one-hot target rows.

    $$L = -\frac{1}{N}\sum_{i}\sum_k y_{ik}\log p_{ik}$$

    Parameters
    ----------
    from_logits : bool, default False
        If True, ``y_pred`` holds scores and the max-shifted log-softmax is applied inside. A
        model whose output layer is ``softmax`` uses that form regardless.

    Returns
    -------
    Loss

    Examples
    --------
    >>> from activations import losses
    >>> cce = losses.categorical_crossentropy(from_logits=True)
    >>> round(cce([[0, 1]], [[0.0, 0.0]]), 6)
    0.693147
    """
    return _CategoricalCrossentropy(from_logits)


def sparse_categorical_crossentropy(from_logits: bool = False) -> Loss:
    r"""Categorical cross-entropy for integer class labels $y_i \in \{0, \dots, K-1\}$.

    $$L = -\frac{1}{N}\sum_i \log p_{i, y_i}$$

    Parameters
    ----------
    from_logits : bool, default False
        As for [`categorical_crossentropy`][activations.losses.categorical_crossentropy].

    Returns
    -------
    Loss

    Examples
    --------
    >>> from activations import losses
    >>> scce = losses.sparse_categorical_crossentropy()
    >>> round(scce([1, 0], [[0.2, 0.8], [0.5, 0.5]]), 6)
    0.458145
    """
    return _SparseCategoricalCrossentropy(from_logits)


_REGISTRY: Registry[Callable[..., Loss]] = Registry("loss", "activations.losses.names()")
for _factory, _aliases in (
    (mean_squared_error, ("mse",)),
    (mean_absolute_error, ("mae",)),
    (binary_crossentropy, ("bce",)),
    (categorical_crossentropy, ("cce",)),
    (sparse_categorical_crossentropy, ("scce",)),
):
    _REGISTRY.add(_factory.__name__, _factory, _aliases)
del _factory, _aliases


def names() -> list[str]:
    """Sorted canonical loss names.

    Examples
    --------
    >>> from activations import losses
    >>> losses.names()[:2]
    ['binary_crossentropy', 'categorical_crossentropy']
    """
    return _REGISTRY.names()


def get(identifier: str | Loss | Callable[..., Loss], **params: Any) -> Loss:
    r"""Look up a loss by name or alias (``"mse"``, ``"bce"``), or pass a `Loss` through.

    Parameters
    ----------
    identifier : str, Loss or factory
        A registry name or alias, a ``Loss`` (returned unchanged) or one of this module's
        factories (called with ``params``).
    **params
        ``from_logits`` for the cross-entropies.

    Returns
    -------
    Loss

    Raises
    ------
    ValueError
        Unknown name, with suggestions.

    Examples
    --------
    >>> from activations import losses
    >>> losses.get("binary_crossentropy", from_logits=True)
    binary_crossentropy(from_logits=True)
    >>> losses.get("mean_sqared_error")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: losses.get: unknown loss 'mean_sqared_error'. Did you mean 'mean_squared_error'...
    """
    where = "losses.get"
    if isinstance(identifier, Loss):
        if params:
            raise ValueError(f"{where}: parameters {sorted(params)} given with a Loss object")
        return identifier
    if isinstance(identifier, str):
        factory = _REGISTRY.lookup(identifier, where)
    elif identifier in _REGISTRY.values():
        factory = identifier
    else:
        raise TypeError(
            f"{where}: expected a loss name, a Loss or a factory from activations.losses, "
            f"got {type(identifier).__name__}"
        )
    return construct(factory, params, where, factory.__name__)
