r"""Weight initializers: how a layer's parameters are drawn before training.

Every initializer is an object called as ``init(shape, rng)`` that returns a new array of that
shape (float64 unless ``dtype`` is given). ``rng`` is an integer seed, a
``numpy.random.Generator`` or ``None``; with the same NumPy the same seed gives the same array,
bit for bit, except that ``orthogonal``, which calls LAPACK's QR decomposition, agrees only to
rounding across BLAS/LAPACK builds and thread counts.

The names, parameters and defaults follow Keras 3:

| name | distribution | variance |
| --- | --- | --- |
| `zeros`, `ones`, `constant(value)` | constant | 0 |
| `random_normal(mean=0, stddev=0.05)` | normal | $\sigma^2$ |
| `random_uniform(minval=-0.05, maxval=0.05)` | uniform | $(b-a)^2/12$ |
| `glorot_normal`, `glorot_uniform` (`xavier_*`) | scaled | $2 / (n_\text{in} + n_\text{out})$ |
| `he_normal`, `he_uniform` (`kaiming_*`) | scaled | $2 / n_\text{in}$ |
| `lecun_normal`, `lecun_uniform` | scaled | $1 / n_\text{in}$ |
| `orthogonal(gain=1)` | orthogonal matrix | $g^2 / n$ per entry |

The "normal" members of the scaled families draw from a normal distribution truncated at two
standard deviations and rescaled so the variance is exactly the one in the table (as Keras
does); the "uniform" members draw from $U(-l, l)$ with $l = \sqrt{3\,\mathrm{Var}}$. For a kernel
of shape ``(n_in, n_out)`` the fans are its two dimensions; for more dimensions the leading
ones form a receptive field that multiplies both fans.

Examples
--------
>>> from activations import initializers
>>> w = initializers.glorot_uniform((2, 3), rng=0)
>>> w.shape, w.dtype
((2, 3), dtype('float64'))
>>> bool(abs(w).max() <= (6 / (2 + 3)) ** 0.5)
True
>>> initializers.get("he_normal") is initializers.kaiming_normal
True

References
----------
Glorot, X. & Bengio, Y. (2010). Understanding the difficulty of training deep feedforward
neural networks. AISTATS.
He, K. et al. (2015). Delving deep into rectifiers. ICCV.
LeCun, Y. et al. (1998). Efficient BackProp. Neural Networks: Tricks of the Trade.
Saxe, A. et al. (2014). Exact solutions to the nonlinear dynamics of learning in deep linear
neural networks. ICLR.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from activations._registry import Registry
from activations._validation import SeedLike, as_rng, check_float, construct

__all__ = [
    "Initializer",
    "constant",
    "get",
    "glorot_normal",
    "glorot_uniform",
    "he_normal",
    "he_uniform",
    "kaiming_normal",
    "kaiming_uniform",
    "lecun_normal",
    "lecun_uniform",
    "names",
    "ones",
    "orthogonal",
    "random_normal",
    "random_uniform",
    "xavier_normal",
    "xavier_uniform",
    "zeros",
]

# Standard deviation of a standard normal truncated to [-2, 2]: dividing by it restores the
# requested variance after truncation (the constant Keras uses).
_TRUNCATED_STD = 0.87962566103423978


def _check_shape(shape: Any, where: str) -> tuple[int, ...]:
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (shape,)
    try:
        dims = tuple(shape)
    except TypeError:
        raise TypeError(
            f"{where}: shape must be an int or a tuple of ints, got {type(shape).__name__}"
        ) from None
    out = []
    for d in dims:
        if isinstance(d, bool) or not isinstance(d, (int, np.integer)):
            raise TypeError(f"{where}: shape must contain integers, got {shape!r}")
        if d < 0:
            raise ValueError(f"{where}: shape must not have negative sizes, got {shape!r}")
        out.append(int(d))
    return tuple(out)


def _check_dtype(dtype: Any, where: str) -> np.dtype:
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"{where}: dtype must be a NumPy float dtype, got {dtype!r}") from None
    if dt.kind != "f":
        raise TypeError(f"{where}: dtype must be float16, float32 or float64, got {dt}")
    return dt


def _fans(shape: tuple[int, ...]) -> tuple[float, float]:
    """Fan-in and fan-out as Keras computes them."""
    if len(shape) == 0:
        return 1.0, 1.0
    if len(shape) == 1:
        return float(shape[0]), float(shape[0])
    if len(shape) == 2:
        return float(shape[0]), float(shape[1])
    receptive = math.prod(shape[:-2])
    return float(shape[-2] * receptive), float(shape[-1] * receptive)


def _truncated_standard_normal(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    out = rng.standard_normal(shape)
    bad = np.abs(out) > 2.0
    while bad.any():
        out[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(out) > 2.0
    return out


class Initializer:
    r"""Base class: a callable ``init(shape, rng=None, dtype=float64) -> ndarray``.

    Subclasses implement ``_draw(shape, rng)`` returning float64; the base class validates the
    arguments, converts the seed and casts to ``dtype``.

    Attributes
    ----------
    name : str
        Registry name (``"glorot_uniform"``) or ``"custom"``.
    params : dict
        The parameters the initializer was built with (JSON-serialisable).

    Examples
    --------
    >>> from activations import initializers
    >>> init = initializers.constant(0.5)
    >>> init((2,), rng=None)
    array([0.5, 0.5])
    >>> init.name, init.params
    ('constant', {'value': 0.5})
    """

    name: str = "custom"

    def __init__(self, name: str = "custom", **params: Any) -> None:
        self.name = name
        self.params = dict(params)

    def _draw(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError

    def __call__(
        self, shape: int | Sequence[int], rng: SeedLike = None, dtype: Any = np.float64
    ) -> np.ndarray:
        where = f"initializers.{self.name}"
        shape = _check_shape(shape, where)
        dt = _check_dtype(dtype, where)
        out = self._draw(shape, as_rng(rng, where))
        return out.astype(dt, copy=False)

    def get_config(self) -> dict[str, Any]:
        """Name and parameters, enough for ``initializers.get(**config)``-style rebuilding."""
        return {"name": self.name, "params": dict(self.params)}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.name}({args})" if args else self.name


class _Constant(Initializer):
    def __init__(self, value: float, name: str) -> None:
        params = {} if name in ("zeros", "ones") else {"value": value}
        super().__init__(name, **params)
        self.value = value

    def _draw(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        return np.full(shape, self.value, dtype=np.float64)


class _RandomNormal(Initializer):
    def _draw(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        return rng.normal(self.params["mean"], self.params["stddev"], shape)


class _RandomUniform(Initializer):
    def _draw(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        return rng.uniform(self.params["minval"], self.params["maxval"], shape)


class _VarianceScaling(Initializer):
    def __init__(self, name: str, scale: float, mode: str, distribution: str) -> None:
        super().__init__(name)
        self.scale, self.mode, self.distribution = scale, mode, distribution

    def variance(self, shape: int | Sequence[int]) -> float:
        """The variance of every entry for a given shape (what the draw is scaled to)."""
        fan_in, fan_out = _fans(_check_shape(shape, f"initializers.{self.name}"))
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        return self.scale / max(1.0, n)

    def _draw(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        var = self.variance(shape)
        if self.distribution == "uniform":
            limit = math.sqrt(3.0 * var)
            return rng.uniform(-limit, limit, shape)
        out = _truncated_standard_normal(rng, shape)
        out *= math.sqrt(var) / _TRUNCATED_STD
        return out


class _Orthogonal(Initializer):
    def _draw(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        if len(shape) < 2:
            raise ValueError(
                f"initializers.orthogonal: shape must have at least 2 dimensions, got {shape}"
            )
        rows, cols = math.prod(shape[:-1]), shape[-1]
        a = rng.standard_normal((max(rows, cols), min(rows, cols)))
        q, r = np.linalg.qr(a)
        q *= np.sign(np.diag(r))  # make the decomposition unique (Haar-distributed q)
        if rows < cols:
            q = q.T
        return self.params["gain"] * q.reshape(shape)


def constant(value: float = 0.0) -> Initializer:
    r"""Fill with one value.

    Parameters
    ----------
    value : float, default 0.0
        The value of every entry.

    Returns
    -------
    Initializer

    Examples
    --------
    >>> from activations import initializers
    >>> initializers.constant(2.0)((1, 2), rng=0)
    array([[2., 2.]])
    """
    return _Constant(check_float(value, "initializers.constant", "value"), "constant")


def random_normal(mean: float = 0.0, stddev: float = 0.05) -> Initializer:
    r"""Independent normal draws $w \sim \mathcal{N}(\mu, \sigma^2)$.

    Parameters
    ----------
    mean : float, default 0.0
    stddev : float, default 0.05
        Must be > 0.

    Returns
    -------
    Initializer

    Examples
    --------
    >>> from activations import initializers
    >>> w = initializers.random_normal(stddev=1.0)((1000, 100), rng=0)
    >>> round(float(w.std()), 1)
    1.0
    """
    where = "initializers.random_normal"
    return _RandomNormal(
        "random_normal",
        mean=check_float(mean, where, "mean"),
        stddev=check_float(stddev, where, "stddev", positive=True),
    )


def random_uniform(minval: float = -0.05, maxval: float = 0.05) -> Initializer:
    r"""Independent uniform draws $w \sim U(a, b)$ with $a$ = ``minval``, $b$ = ``maxval``.

    Parameters
    ----------
    minval : float, default -0.05
    maxval : float, default 0.05
        Must be greater than ``minval``.

    Returns
    -------
    Initializer

    Examples
    --------
    >>> from activations import initializers
    >>> w = initializers.random_uniform(0.0, 1.0)((3,), rng=0)
    >>> bool(((0 <= w) & (w < 1)).all())
    True
    """
    where = "initializers.random_uniform"
    lo = check_float(minval, where, "minval")
    hi = check_float(maxval, where, "maxval")
    if hi <= lo:
        raise ValueError(f"{where}: maxval must be greater than minval, got {lo} and {hi}")
    return _RandomUniform("random_uniform", minval=lo, maxval=hi)


def orthogonal(gain: float = 1.0) -> Initializer:
    r"""A (semi-)orthogonal matrix times ``gain``.

    The shape is flattened to $(\prod \text{shape}[:-1], \text{shape}[-1])$; the result $Q$ has
    orthonormal columns (or rows, whichever are fewer), so $Q^\top Q = g^2 I$ for a tall or square
    kernel. Drawn as the Q factor of the QR decomposition of a Gaussian matrix, with the signs
    fixed so that the distribution is uniform over orthogonal matrices.

    Parameters
    ----------
    gain : float, default 1.0
        Multiplier; must be > 0.

    Returns
    -------
    Initializer

    Examples
    --------
    >>> import numpy as np
    >>> from activations import initializers
    >>> q = initializers.orthogonal()((4, 4), rng=0)
    >>> bool(np.allclose(q.T @ q, np.eye(4)))
    True
    """
    return _Orthogonal(
        "orthogonal", gain=check_float(gain, "initializers.orthogonal", "gain", positive=True)
    )


zeros: Initializer = _Constant(0.0, "zeros")
"""All zeros (the default bias initializer)."""
ones: Initializer = _Constant(1.0, "ones")
"""All ones."""
glorot_uniform: Initializer = _VarianceScaling("glorot_uniform", 1.0, "fan_avg", "uniform")
r"""$U(-l, l)$ with $l = \sqrt{6 / (n_\text{in} + n_\text{out})}$ (the default kernel
initializer)."""
glorot_normal: Initializer = _VarianceScaling("glorot_normal", 1.0, "fan_avg", "normal")
r"""Truncated normal with variance $2 / (n_\text{in} + n_\text{out})$."""
he_uniform: Initializer = _VarianceScaling("he_uniform", 2.0, "fan_in", "uniform")
r"""$U(-l, l)$ with $l = \sqrt{6 / n_\text{in}}$."""
he_normal: Initializer = _VarianceScaling("he_normal", 2.0, "fan_in", "normal")
r"""Truncated normal with variance $2 / n_\text{in}$."""
lecun_uniform: Initializer = _VarianceScaling("lecun_uniform", 1.0, "fan_in", "uniform")
r"""$U(-l, l)$ with $l = \sqrt{3 / n_\text{in}}$."""
lecun_normal: Initializer = _VarianceScaling("lecun_normal", 1.0, "fan_in", "normal")
r"""Truncated normal with variance $1 / n_\text{in}$."""

xavier_uniform = glorot_uniform
xavier_normal = glorot_normal
kaiming_uniform = he_uniform
kaiming_normal = he_normal

_REGISTRY: Registry[Initializer | Callable[..., Initializer]] = Registry(
    "initializer", "activations.initializers.names()"
)
"""A factory (for the initializers with parameters) or a ready initializer, by name."""
for _name, _entry, _aliases in (
    ("constant", constant, ()),
    ("random_normal", random_normal, ()),
    ("random_uniform", random_uniform, ()),
    ("orthogonal", orthogonal, ()),
    ("zeros", zeros, ()),
    ("ones", ones, ()),
    ("glorot_uniform", glorot_uniform, ("xavier_uniform",)),
    ("glorot_normal", glorot_normal, ("xavier_normal",)),
    ("he_uniform", he_uniform, ("kaiming_uniform",)),
    ("he_normal", he_normal, ("kaiming_normal",)),
    ("lecun_uniform", lecun_uniform, ()),
    ("lecun_normal", lecun_normal, ()),
):
    _REGISTRY.add(_name, _entry, _aliases)
del _name, _entry, _aliases


def names() -> list[str]:
    """Sorted canonical initializer names (aliases excluded).

    Examples
    --------
    >>> from activations import initializers
    >>> "orthogonal" in initializers.names()
    True
    """
    return _REGISTRY.names()


class _Custom(Initializer):
    def __init__(self, fn: Callable[..., Any]) -> None:
        super().__init__("custom")
        self.fn = fn

    def _draw(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        out = np.asarray(self.fn(shape, rng), dtype=np.float64)
        if out.shape != shape:
            raise ValueError(
                f"initializers: custom initializer returned shape {out.shape}, expected {shape}"
            )
        return out


def get(identifier: str | Initializer | Callable[..., Any], **params: Any) -> Initializer:
    r"""Look up an initializer by name (with parameters), or pass one through.

    Parameters
    ----------
    identifier : str, Initializer or callable
        A registry name or alias (``"he_normal"``, ``"kaiming_normal"``), an ``Initializer``
        (returned unchanged), or a function ``f(shape, rng) -> array`` (wrapped).
    **params
        Parameters for the parameterised initializers: ``constant(value)``,
        ``random_normal(mean, stddev)``, ``random_uniform(minval, maxval)``, ``orthogonal(gain)``.

    Returns
    -------
    Initializer

    Raises
    ------
    ValueError
        Unknown name (with suggestions), or parameters given to one that takes none.
    TypeError
        Anything else as ``identifier``.

    Examples
    --------
    >>> from activations import initializers
    >>> initializers.get("random_normal", stddev=1.0)
    random_normal(mean=0.0, stddev=1.0)
    >>> initializers.get("glorot_unifrom")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: initializers.get: unknown initializer 'glorot_unifrom'. Did you mean 'glorot_uniform'...
    """
    where = "initializers.get"
    if isinstance(identifier, Initializer):
        if params:
            raise ValueError(
                f"{where}: parameters {sorted(params)} given with an Initializer object"
            )
        return identifier
    if isinstance(identifier, str):
        key = _REGISTRY.canonical(identifier, where)
        entry = _REGISTRY.lookup(key)
        if not isinstance(entry, Initializer):
            return construct(entry, params, where, key)
        if params:
            raise ValueError(f"{where}: {key} takes no parameters, got {sorted(params)}")
        return entry
    if callable(identifier):
        if params:
            raise ValueError(f"{where}: parameters {sorted(params)} given with a callable")
        return _Custom(identifier)
    raise TypeError(
        f"{where}: expected an initializer name, an Initializer or a callable, "
        f"got {type(identifier).__name__}"
    )
