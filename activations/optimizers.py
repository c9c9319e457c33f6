r"""Optimizers: how parameters move against their gradients, with the update rules of Keras 3.

An optimizer updates a list of parameter arrays **in place** from a matching list of gradient
arrays: ``opt.step(params, grads)``. Its state (velocities, moment estimates, accumulators) is
created on the first step and kept between steps, so one optimizer object belongs to one set
of parameters (one model). All arithmetic happens in preallocated buffers of the parameters'
dtype; float32 parameters stay float32.

| optimizer | update (with $g$ the gradient, $\eta$ the learning rate) |
| --- | --- |
| `SGD` | $v \leftarrow \mu v - \eta g$; $\theta \leftarrow \theta + v$ (Nesterov: $\theta \leftarrow \theta + \mu v - \eta g$) |
| `RMSprop` | $s \leftarrow \rho s + (1-\rho) g^2$; $\theta \leftarrow \theta - \eta g / \sqrt{s + \epsilon}$ |
| `Adam` | $m, v$ moving averages of $g, g^2$; $\theta \leftarrow \theta - \hat\eta\, m / (\sqrt{v} + \epsilon)$ |
| `Adagrad` | $s \leftarrow s + g^2$; $\theta \leftarrow \theta - \eta g / \sqrt{s + \epsilon}$ |

Examples
--------
>>> import numpy as np
>>> from activations import optimizers
>>> w = np.array([1.0, -2.0])
>>> opt = optimizers.SGD(learning_rate=0.1)
>>> opt.step([w], [np.array([0.5, -1.0])])
>>> w
array([ 0.95, -1.9 ])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.linalg import blas as _blas

from activations._registry import Registry
from activations._validation import check_bool, check_float, construct

__all__ = ["SGD", "Adagrad", "Adam", "Optimizer", "RMSprop", "get", "names"]


class Optimizer:
    r"""Base class: holds the learning rate, the step counter and per-parameter state.

    Subclasses implement ``_update(p, g, state, tmp)`` for one parameter array, working in place
    with the scratch buffer ``tmp`` (same shape and dtype as ``p``).

    Attributes
    ----------
    learning_rate : float
        May be changed between steps (for schedules); must stay > 0 and finite, which
        ``step`` and the model's ``fit`` check again each time they use it.
    iterations : int
        Number of steps taken so far.

    Examples
    --------
    >>> from activations import optimizers
    >>> opt = optimizers.Adam()
    >>> opt.get_config()["name"], opt.iterations
    ('adam', 0)
    """

    name: str = ""
    _slots: tuple[str, ...] = ()

    def __init__(self, learning_rate: float) -> None:
        self.learning_rate = check_float(
            learning_rate, type(self).__name__, "learning_rate", positive=True
        )
        self.iterations = 0
        self._state: list[dict[str, np.ndarray]] | None = None
        self._shapes: list[tuple[tuple[int, ...], np.dtype]] | None = None

    # ------------------------------------------------------------------------------- config
    @property
    def params(self) -> dict[str, Any]:
        """The hyper-parameters (JSON-serialisable), learning rate first."""
        return {"learning_rate": self.learning_rate}

    def get_config(self) -> dict[str, Any]:
        """``{"name": ..., "params": {...}}``; ``optimizers.get(c["name"], **c["params"])``
        rebuilds the optimizer (without its state)."""
        return {"name": self.name, "params": self.params}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{type(self).__name__}({args})"

    def _check(self, where: str) -> None:
        """Validate the hyper-parameters as they are now: they are plain attributes, which a
        schedule or a user may have changed since the optimizer was built."""
        try:
            construct(type(self), self.params, where, type(self).__name__)
        except (TypeError, ValueError) as exc:
            raise type(exc)(
                f"{where}: the optimizer's hyper-parameters are no longer valid: {exc}; set a "
                "valid value (or compile with a new optimizer) before training"
            ) from None

    def reset(self) -> None:
        """Forget the state (moments, velocities) and the step counter."""
        self.iterations = 0
        self._state = None
        self._shapes = None

    # ------------------------------------------------------------------------------- stepping
    def step(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
        """Update every array of ``params`` in place from the matching gradient.

        Parameters
        ----------
        params : sequence of numpy.ndarray
            Writable float arrays; the same arrays (same shapes) at every step.
        grads : sequence of numpy.ndarray
            One gradient per parameter, same shape.

        Raises
        ------
        ValueError
            Lengths or shapes differ, a parameter is not a writable float array, or the shapes
            differ from those of earlier steps (use a new optimizer or `reset` for new ones),
            or a hyper-parameter was changed to an invalid value.
        """
        where = f"{type(self).__name__}.step"
        if len(params) != len(grads):
            raise ValueError(f"{where}: got {len(params)} parameters but {len(grads)} gradients")
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f" or not p.flags.writeable:
                raise ValueError(f"{where}: parameter {i} must be a writable float numpy array")
            if np.shape(g) != p.shape:
                raise ValueError(
                    f"{where}: gradient {i} has shape {np.shape(g)} but parameter {i} has "
                    f"shape {p.shape}"
                )
        shapes = [(p.shape, p.dtype) for p in params]
        if self._shapes is not None and shapes != self._shapes:
            raise ValueError(
                f"{where}: the parameters differ from those of earlier steps; an optimizer "
                "belongs to one set of parameters (call reset() to start over)"
            )
        self._check(where)
        grads = [np.asarray(g, dtype=p.dtype) for p, g in zip(params, grads, strict=True)]
        self._apply(params, grads)

    def _build(self, params: Sequence[np.ndarray]) -> None:
        self._shapes = [(p.shape, p.dtype) for p in params]
        self._state = [
            {"tmp": np.empty_like(p), **{k: self._initial(k, p) for k in self._slots}}
            for p in params
        ]
        self._axpy = [_axpy_for(p) for p in params]

    def _initial(self, slot: str, p: np.ndarray) -> np.ndarray:
        return np.zeros_like(p)

    def _apply(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
        """Unchecked step for the engine: same arrays every time."""
        if self._state is None:
            self._build(params)
        self.iterations += 1
        for p, g, state, axpy in zip(params, grads, self._state, self._axpy, strict=True):
            if axpy is not None and g.flags.c_contiguous:
                state["axpy"] = axpy
            else:
                state.pop("axpy", None)
            self._update(p, g, state, state["tmp"])

    def _update(
        self, p: np.ndarray, g: np.ndarray, state: dict[str, np.ndarray], tmp: np.ndarray
    ) -> None:
        raise NotImplementedError


def _axpy_for(p: np.ndarray) -> Any:
    """BLAS ``axpy`` for ``p``'s dtype if it updates ``p`` in place (C-contiguous float32 or
    float64), else None. Checked once on a scratch array rather than assumed."""
    if not p.flags.c_contiguous or p.dtype not in (np.float32, np.float64):
        return None
    axpy = _blas.daxpy if p.dtype == np.float64 else _blas.saxpy
    y = np.zeros(3, dtype=p.dtype)
    out = axpy(np.ones(3, dtype=p.dtype), y, a=2.0)
    return axpy if out is y and y[0] == 2.0 else None


class SGD(Optimizer):
    r"""Stochastic gradient descent, optionally with (Nesterov) momentum.

    $$v \leftarrow \mu v - \eta g, \qquad
      \theta \leftarrow \begin{cases} \theta + v & \text{classical} \\
      \theta + \mu v - \eta g & \text{Nesterov} \end{cases}$$

    With $\mu = 0$ this is plain gradient descent, $\theta \leftarrow \theta - \eta g$.

    Parameters
    ----------
    learning_rate : float, default 0.01
        Step size $\eta > 0$.
    momentum : float, default 0.0
        $\mu \in [0, 1)$.
    nesterov : bool, default False
        Use Nesterov momentum.

    Examples
    --------
    >>> import numpy as np
    >>> from activations import optimizers
    >>> w = np.array([1.0])
    >>> opt = optimizers.SGD(learning_rate=0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     opt.step([w], [np.array([1.0])])
    >>> w  # 1 - 0.1 - (0.9 * 0.1 + 0.1)
    array([0.71])
    """

    name = "sgd"

    def __init__(
        self, learning_rate: float = 0.01, momentum: float = 0.0, nesterov: bool = False
    ) -> None:
        super().__init__(learning_rate)
        self.momentum = check_float(momentum, "SGD", "momentum", non_negative=True, below=1.0)
        self.nesterov = check_bool(nesterov, "SGD", "nesterov")
        self._slots = ("velocity",) if self.momentum > 0 else ()

    @property
    def params(self) -> dict[str, Any]:
        """The hyper-parameters."""
        return {**super().params, "momentum": self.momentum, "nesterov": self.nesterov}

    def _update(
        self, p: np.ndarray, g: np.ndarray, state: dict[str, np.ndarray], tmp: np.ndarray
    ) -> None:
        axpy = state.get("axpy")
        if axpy is not None:  # BLAS y += a * x in place: one pass instead of two
            pf, gf = p.reshape(-1), g.reshape(-1)
            if self.momentum == 0:
                axpy(gf, pf, a=-self.learning_rate)
                return
            v = state["velocity"].reshape(-1)
            v *= self.momentum
            axpy(gf, v, a=-self.learning_rate)
            if self.nesterov:
                axpy(gf, pf, a=-self.learning_rate)
                axpy(v, pf, a=self.momentum)
            else:
                axpy(v, pf, a=1.0)
            return
        np.multiply(g, self.learning_rate, out=tmp)
        if self.momentum == 0:
            p -= tmp
            return
        v = state["velocity"]
        v *= self.momentum
        v -= tmp
        if self.nesterov:
            p -= tmp
            np.multiply(v, self.momentum, out=tmp)
            p += tmp
        else:
            p += v


class RMSprop(Optimizer):
    r"""RMSprop: divide the step by a running root-mean-square of recent gradients.

    $$s \leftarrow \rho s + (1 - \rho) g^2, \qquad
      \Delta = \frac{\eta\, g}{\sqrt{s + \epsilon}}, \qquad
      \theta \leftarrow \theta - \Delta$$

    With ``centered=True`` the denominator is $\sqrt{s - \bar g^2 + \epsilon}$ with $\bar g$ a
    running mean of $g$; with ``momentum`` $\mu > 0$, $m \leftarrow \mu m + \Delta$ and
    $\theta \leftarrow \theta - m$ (Keras 3).

    Parameters
    ----------
    learning_rate : float, default 0.001
    rho : float, default 0.9
        Decay of the squared-gradient average, in $[0, 1)$.
    momentum : float, default 0.0
    epsilon : float, default 1e-7
    centered : bool, default False

    Examples
    --------
    >>> import numpy as np
    >>> from activations import optimizers
    >>> w = np.array([1.0])
    >>> optimizers.RMSprop(learning_rate=0.1).step([w], [np.array([2.0])])
    >>> np.round(w, 6)  # 1 - 0.1 * 2 / sqrt(0.1 * 4 + 1e-7)
    array([0.683772])
    """

    name = "rmsprop"

    def __init__(
        self,
        learning_rate: float = 0.001,
        rho: float = 0.9,
        momentum: float = 0.0,
        epsilon: float = 1e-7,
        centered: bool = False,
    ) -> None:
        super().__init__(learning_rate)
        self.rho = check_float(rho, "RMSprop", "rho", non_negative=True, below=1.0)
        self.momentum = check_float(momentum, "RMSprop", "momentum", non_negative=True, below=1.0)
        self.epsilon = check_float(epsilon, "RMSprop", "epsilon", positive=True)
        self.centered = check_bool(centered, "RMSprop", "centered")
        slots = ["velocity"]
        if self.centered:
            slots.append("average_grad")
        if self.momentum > 0:
            slots.append("momentum")
        self._slots = tuple(slots)

    @property
    def params(self) -> dict[str, Any]:
        """The hyper-parameters."""
        return {
            **super().params,
            "rho": self.rho,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "centered": self.centered,
        }

    def _update(
        self, p: np.ndarray, g: np.ndarray, state: dict[str, np.ndarray], tmp: np.ndarray
    ) -> None:
        s = state["velocity"]
        s *= self.rho
        np.multiply(g, g, out=tmp)
        tmp *= 1.0 - self.rho
        s += tmp
        if self.centered:
            ag = state["average_grad"]
            ag *= self.rho
            np.multiply(g, 1.0 - self.rho, out=tmp)
            ag += tmp
            np.multiply(ag, ag, out=tmp)
            np.subtract(s, tmp, out=tmp)
            tmp += self.epsilon
        else:
            np.add(s, self.epsilon, out=tmp)
        np.sqrt(tmp, out=tmp)
        np.divide(g, tmp, out=tmp)
        tmp *= self.learning_rate
        if self.momentum > 0:
            m = state["momentum"]
            m *= self.momentum
            m += tmp
            p -= m
        else:
            p -= tmp


class Adam(Optimizer):
    r"""Adam: momentum on the gradient and on its square, with bias correction.

    $$m \leftarrow m + (1-\beta_1)(g - m), \qquad v \leftarrow v + (1-\beta_2)(g^2 - v),$$

    $$\hat\eta_t = \eta\,\frac{\sqrt{1 - \beta_2^t}}{1 - \beta_1^t}, \qquad
      \theta \leftarrow \theta - \hat\eta_t\,\frac{m}{\sqrt{v} + \epsilon}$$

    (Keras 3's form: $\epsilon$ is added to $\sqrt{v}$ without bias correction.) With
    ``amsgrad=True`` the running maximum of $v$ is used in the denominator.

    Parameters
    ----------
    learning_rate : float, default 0.001
    beta_1 : float, default 0.9
    beta_2 : float, default 0.999
    epsilon : float, default 1e-7
    amsgrad : bool, default False

    Examples
    --------
    >>> import numpy as np
    >>> from activations import optimizers
    >>> w = np.array([1.0])
    >>> optimizers.Adam(learning_rate=0.1).step([w], [np.array([3.0])])
    >>> np.round(w, 6)  # the first step moves by about the learning rate
    array([0.9])
    """

    name = "adam"

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(learning_rate)
        self.beta_1 = check_float(beta_1, "Adam", "beta_1", non_negative=True, below=1.0)
        self.beta_2 = check_float(beta_2, "Adam", "beta_2", non_negative=True, below=1.0)
        self.epsilon = check_float(epsilon, "Adam", "epsilon", positive=True)
        self.amsgrad = check_bool(amsgrad, "Adam", "amsgrad")
        self._slots = ("m", "v", "v_hat") if self.amsgrad else ("m", "v")

    @property
    def params(self) -> dict[str, Any]:
        """The hyper-parameters."""
        return {
            **super().params,
            "beta_1": self.beta_1,
            "beta_2": self.beta_2,
            "epsilon": self.epsilon,
            "amsgrad": self.amsgrad,
        }

    def _apply(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
        t = self.iterations + 1
        self._alpha = (
            self.learning_rate * math.sqrt(1.0 - self.beta_2**t) / (1.0 - self.beta_1**t)
        )
        super()._apply(params, grads)

    def _update(
        self, p: np.ndarray, g: np.ndarray, state: dict[str, np.ndarray], tmp: np.ndarray
    ) -> None:
        m, v = state["m"], state["v"]
        np.subtract(g, m, out=tmp)
        tmp *= 1.0 - self.beta_1
        m += tmp
        np.multiply(g, g, out=tmp)
        tmp -= v
        tmp *= 1.0 - self.beta_2
        v += tmp
        if self.amsgrad:
            v_hat = state["v_hat"]
            np.maximum(v_hat, v, out=v_hat)
            v = v_hat
        np.sqrt(v, out=tmp)
        tmp += self.epsilon
        np.divide(m, tmp, out=tmp)
        tmp *= self._alpha
        p -= tmp


class Adagrad(Optimizer):
    r"""Adagrad: per-parameter steps shrinking with the accumulated squared gradient.

    $$s \leftarrow s + g^2, \qquad \theta \leftarrow \theta - \frac{\eta\, g}{\sqrt{s + \epsilon}}$$

    Parameters
    ----------
    learning_rate : float, default 0.001
    initial_accumulator_value : float, default 0.1
        Starting value of $s$, >= 0.
    epsilon : float, default 1e-7

    Examples
    --------
    >>> import numpy as np
    >>> from activations import optimizers
    >>> w = np.array([1.0])
    >>> optimizers.Adagrad(learning_rate=0.1).step([w], [np.array([1.0])])
    >>> np.round(w, 6)  # 1 - 0.1 / sqrt(1.1 + 1e-7)
    array([0.904654])
    """

    name = "adagrad"
    _slots = ("accumulator",)

    def __init__(
        self,
        learning_rate: float = 0.001,
        initial_accumulator_value: float = 0.1,
        epsilon: float = 1e-7,
    ) -> None:
        super().__init__(learning_rate)
        self.initial_accumulator_value = check_float(
            initial_accumulator_value, "Adagrad", "initial_accumulator_value", non_negative=True
        )
        self.epsilon = check_float(epsilon, "Adagrad", "epsilon", positive=True)

    @property
    def params(self) -> dict[str, Any]:
        """The hyper-parameters."""
        return {
            **super().params,
            "initial_accumulator_value": self.initial_accumulator_value,
            "epsilon": self.epsilon,
        }

    def _initial(self, slot: str, p: np.ndarray) -> np.ndarray:
        return np.full_like(p, self.initial_accumulator_value)

    def _update(
        self, p: np.ndarray, g: np.ndarray, state: dict[str, np.ndarray], tmp: np.ndarray
    ) -> None:
        s = state["accumulator"]
        np.multiply(g, g, out=tmp)
        s += tmp
        np.add(s, self.epsilon, out=tmp)
        np.sqrt(tmp, out=tmp)
        np.divide(g, tmp, out=tmp)
        tmp *= self.learning_rate
        p -= tmp


_REGISTRY: Registry[type[Optimizer]] = Registry("optimizer", "activations.optimizers.names()")
for _cls in (SGD, RMSprop, Adam, Adagrad):
    _REGISTRY.add(_cls.__name__.lower(), _cls)
del _cls


def names() -> list[str]:
    """Sorted optimizer names.

    Examples
    --------
    >>> from activations import optimizers
    >>> optimizers.names()
    ['adagrad', 'adam', 'rmsprop', 'sgd']
    """
    return _REGISTRY.names()


def get(identifier: str | Optimizer, **params: Any) -> Optimizer:
    r"""Build an optimizer by name (case-insensitive) with its Keras defaults, or pass one through.

    Parameters
    ----------
    identifier : str or Optimizer
        ``"sgd"``, ``"rmsprop"``, ``"adam"`` or ``"adagrad"``; an ``Optimizer`` is returned as is.
    **params
        Hyper-parameters for the constructor (``learning_rate=0.1``, ``momentum=0.9``...).

    Returns
    -------
    Optimizer

    Raises
    ------
    ValueError
        Unknown name (with suggestions), unknown or invalid hyper-parameter.

    Examples
    --------
    >>> from activations import optimizers
    >>> optimizers.get("sgd", learning_rate=0.5)
    SGD(learning_rate=0.5, momentum=0.0, nesterov=False)
    >>> optimizers.get("adma")
    Traceback (most recent call last):
    ...
    ValueError: optimizers.get: unknown optimizer 'adma'. Did you mean 'adam'? Known: adagrad, adam, rmsprop, sgd
    """
    where = "optimizers.get"
    if isinstance(identifier, Optimizer):
        if params:
            raise ValueError(f"{where}: parameters {sorted(params)} given with an Optimizer object")
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Optimizer):
        cls = identifier
    elif isinstance(identifier, str):
        cls = _REGISTRY.lookup(identifier, where)
    else:
        raise TypeError(
            f"{where}: expected an optimizer name or an Optimizer, got {type(identifier).__name__}"
        )
    return construct(cls, params, where, cls.__name__)
