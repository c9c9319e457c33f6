r"""The machinery behind the catalog: declarations, the `Activation` object and the registry.

An activation is declared once with [`declare`][activations._core.declare]; everything else —
lookup by name, parameter checks, input conversion, the site's tables and figures, the tests —
reads that declaration.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from activations._floating_point import OVERFLOW, call_ignoring, ignore_underflow, restore
from activations._registry import Registry
from activations._validation import respell_parameters
from activations._validation import to_float_array as as_float_array

__all__ = ["Activation", "Facts", "declare", "get", "names", "registry"]

INF = math.inf
ZERO_MEAN_TOLERANCE = 0.01
r"""A function is zero-centred when $|\mathbb{E}[f(z)]|$ is at most this, for $z$ standard
normal (see `Facts`)."""


@dataclass(frozen=True)
class Facts:
    r"""What is known about an activation function, checked by the test suite.

    A declaration gives its facts as a `Facts`, or as a function of the parameters returning
    one, when they depend on them (ELU's range is $(-\alpha, \infty)$);
    [`Activation.facts`][activations.Activation.facts] holds them at the bound parameters.

    Attributes
    ----------
    range : tuple of float
        The closure of the set of values $f$ takes, as ``(low, high)``; ``±inf`` when
        unbounded. For vector-valued functions, the range of each output component.
    monotonic : bool
        Whether $f$ is non-decreasing on the whole real line.
    zero_centered : bool
        Whether a unit whose input is standard normal has mean output zero:
        $|\mathbb{E}[f(z)]| \le 0.01$ (``ZERO_MEAN_TOLERANCE``) for $z \sim \mathcal{N}(0, 1)$.
        True for the odd functions (tanh, softsign, the shrinkages) and for SELU, by design;
        false for ReLU (0.40), ELU (0.16), GELU (0.28) and the other one-sided functions.
    continuity : float
        ``-1`` if $f$ jumps somewhere, ``0`` if it is continuous with kinks (C0),
        ``1`` if its first derivative is continuous too (C1), ``math.inf`` if it is smooth.
    saturates : tuple of str
        The sides, among ``"left"`` and ``"right"``, where $f'(x) \to 0$ as
        $x \to \mp\infty$: there a unit passes (almost) no gradient.
    year : int or None
        The year the function was introduced to neural networks, if known.
    reference : str
        The paper or book that introduced it.
    """

    range: tuple[float, float]
    monotonic: bool
    zero_centered: bool
    continuity: float
    saturates: tuple[str, ...] = ()
    year: int | None = None
    reference: str = ""

    def __post_init__(self) -> None:
        low, high = self.range
        if not low <= high:
            raise ValueError(f"Facts: range {self.range} is not ordered")
        if self.continuity not in (-1, 0, 1, INF):
            raise ValueError(f"Facts: continuity must be -1, 0, 1 or inf, got {self.continuity}")
        bad = set(self.saturates) - {"left", "right"}
        if bad:
            raise ValueError(f"Facts: saturates takes 'left' and 'right', got {sorted(bad)}")


# ----------------------------------------------------------------------------------- Activation


@dataclass(frozen=True)
class Declaration:
    """Everything declared about one activation (see `declare`)."""

    name: str
    title: str
    forward: Callable[..., np.ndarray]
    derivative: Callable[..., np.ndarray] | None
    backward: Callable[..., np.ndarray] | None
    latex: str
    derivative_latex: str
    facts: Facts | Callable[..., Facts]
    aliases: tuple[str, ...]
    defaults: Mapping[str, Any]
    checks: Mapping[str, Callable[[Any, str, str], Any]]
    reference_names: Mapping[str, str]
    kinks: tuple[float, ...] | Callable[..., tuple[float, ...]]
    breakpoints: tuple[float, ...] | Callable[..., tuple[float, ...]]
    learnable: tuple[str, ...]
    param_derivative: Callable[..., Mapping[str, np.ndarray]] | None
    family: str
    example: str
    summary: str
    doc: str
    spellings: Mapping[str, str] = field(default_factory=dict)  # see declare
    output_shape: Callable[..., tuple[int, ...]] | None = None  # see declare


class Activation:
    r"""An activation function with its derivative, its facts and bound parameters.

    Obtain one with [`activations.get`][activations.get] or as a module attribute
    (``activations.relu``); call it like a function.

    Examples
    --------
    >>> import activations
    >>> f = activations.get("leaky_relu", negative_slope=0.1)
    >>> f([-2.0, 3.0])
    array([-0.2,  3. ])
    >>> f.derivative([-2.0, 3.0])
    array([0.1, 1. ])
    >>> f.params
    {'negative_slope': 0.1}
    """

    __slots__ = ("_decl", "_params", "__dict__")

    def __init__(self, declaration: Declaration, params: Mapping[str, Any]) -> None:
        self._decl = declaration
        self._params = dict(params)
        self.__doc__ = declaration.doc

    # -- identity ------------------------------------------------------------------------------
    @property
    def name(self) -> str:
        """Canonical snake_case name, e.g. ``"leaky_relu"``."""
        return self._decl.name

    @property
    def title(self) -> str:
        """Display name, e.g. ``"Leaky ReLU"``."""
        return self._decl.title

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names that resolve to this function."""
        return self._decl.aliases

    @property
    def params(self) -> dict[str, Any]:
        """The bound parameter values (the defaults unless overridden)."""
        return dict(self._params)

    @property
    def defaults(self) -> dict[str, Any]:
        """The declared default parameter values."""
        return dict(self._decl.defaults)

    @property
    def latex(self) -> str:
        """LaTeX for $f(x)$, without math delimiters."""
        return self._decl.latex

    @property
    def derivative_latex(self) -> str:
        """LaTeX for $f'(x)$ (or the Jacobian for vector-valued functions), no delimiters."""
        return self._decl.derivative_latex

    @property
    def facts(self) -> Facts:
        """Range, monotonicity, zero-centring, smoothness, saturation, year and reference, at
        the bound parameters."""
        return self._at_params(self._decl.facts)

    @property
    def reference_names(self) -> dict[str, str]:
        """The equivalent function in PyTorch, Keras and JAX, where one exists."""
        return dict(self._decl.reference_names)

    @property
    def kinks(self) -> tuple[float, ...]:
        """Points (at the bound parameters) where $f$ is not differentiable: $f$ or $f'$
        jumps there."""
        return tuple(self._at_params(self._decl.kinks))

    @property
    def breakpoints(self) -> tuple[float, ...]:
        """Points (at the bound parameters) where $f$ is not smooth: the kinks, and the
        points where a higher derivative jumps (softsign's $f''$ at 0)."""
        return tuple(sorted({*self.kinks, *self._at_params(self._decl.breakpoints)}))

    @property
    def learnable(self) -> tuple[str, ...]:
        """Parameters that a layer learns, one value per unit (PReLU's ``weight``); their
        bound values are the initial ones."""
        return self._decl.learnable

    @property
    def family(self) -> str:
        """The chapter of the catalog the function belongs to (``"relu"``, ``"sigmoid"``, ...)."""
        return self._decl.family

    @property
    def example(self) -> str:
        """A short runnable example, as shown on the function's page."""
        return self._decl.example

    def _at_params(self, value: Any) -> Any:
        """A declared fact, evaluated at the bound parameters when it depends on them (with
        underflow ignored, as for the function itself: some facts are integrals)."""
        if not callable(value):
            return value
        token = ignore_underflow()
        try:
            return value(**self._params)
        finally:
            restore(token)

    @property
    def summary(self) -> str:
        """One-line description."""
        return self._decl.summary

    @property
    def elementwise(self) -> bool:
        """Whether $f$ acts on each element independently (and so has `derivative`)."""
        return self._decl.derivative is not None

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self._params.items())
        return f"<activation {self.name}({params})>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Activation):
            return NotImplemented
        return self._decl is other._decl and _params_equal(self._params, other._params)

    def __hash__(self) -> int:
        return hash(self._decl.name)

    # -- parameters ----------------------------------------------------------------------------
    def _bind(self, params: Mapping[str, Any]) -> dict[str, Any]:
        if not params:
            return self._params
        unknown = set(params) - set(self._decl.defaults)
        if unknown and self._decl.spellings:
            params = respell_parameters(params, self._decl.spellings, self._decl.defaults, self.name)
            unknown = set(params) - set(self._decl.defaults)
        if unknown:
            allowed = ", ".join(self._decl.defaults) or "none"
            raise ValueError(
                f"{self.name}: unknown parameter {sorted(unknown)[0]!r}; its parameters are: "
                f"{allowed}"
            )
        bound = dict(self._params)
        for key, value in params.items():
            check = self._decl.checks.get(key)
            bound[key] = check(value, self.name, key) if check else value
        return bound

    def with_params(self, **params: Any) -> Activation:
        """Return the same function with other bound parameters.

        Raises
        ------
        ValueError
            If a parameter is unknown or out of its domain.
        TypeError
            If a parameter has the wrong type.
        """
        return Activation(self._decl, self._bind(params))

    # -- evaluation ----------------------------------------------------------------------------
    def __call__(self, x: ArrayLike, out: np.ndarray | None = None, **params: Any) -> np.ndarray:
        """Evaluate $f(x)$; float16/32/64 are kept, other numbers become float64.

        ``out``, if given, receives the result and is returned: an array of the result's
        shape and dtype (a caller's buffer, reused from call to call).

        Raises
        ------
        ValueError
            If ``out`` has another shape or dtype than the result.
        """
        bound = self._bind(params) if params else self._params
        return _evaluate(self._decl.forward, self, x, bound, "", out)

    def derivative(
        self, x: ArrayLike, out: np.ndarray | None = None, **params: Any
    ) -> np.ndarray:
        """Evaluate $f'(x)$ elementwise (with the documented convention at kinks); ``out``
        as for the call.

        Raises
        ------
        TypeError
            For vector-valued functions (softmax, ...); use `backward` instead.
        ValueError
            If ``out`` has another shape or dtype than the result.
        """
        if self._decl.derivative is None:
            raise TypeError(
                f"{self.name} is not elementwise, so it has no elementwise derivative; use "
                f"activations.{self.name}.backward(x, grad_output) for the vector-Jacobian product"
            )
        bound = self._bind(params) if params else self._params
        return _evaluate(self._decl.derivative, self, x, bound, ".derivative", out)

    def backward(
        self, x: ArrayLike, grad_output: ArrayLike, out: np.ndarray | None = None,
        **params: Any,
    ) -> np.ndarray:
        r"""Vector-Jacobian product: the gradient with respect to $x$ of
        $\sum$ ``grad_output * f(x)``, for every function; ``out`` as for the call (it may
        be ``grad_output`` itself, which is then overwritten).

        Raises
        ------
        ValueError
            If ``grad_output`` does not have the shape of ``f(x)``, or ``out`` has another
            shape or dtype than the result (the shape and dtype of ``x``).
        """
        where = f"{self.name}.backward"
        array = as_float_array(x, where)
        grad = as_float_array(grad_output, f"{where}: grad_output")
        bound = self._bind(params) if params else self._params
        work = array.astype(np.float32) if array.dtype == np.float16 else array
        if work.ndim == 0:
            work, grad = work.reshape(1), grad.reshape(grad.shape or (1,))
        token = ignore_underflow()
        try:
            if self._decl.derivative is not None:
                out_shape = work.shape
            elif self._decl.output_shape is not None:  # checks the parameters as f(x) would
                out_shape = tuple(self._decl.output_shape(work.shape, **bound))
            else:
                out_shape = np.shape(self._decl.forward(work, **bound))
            if grad.shape != out_shape:
                raise ValueError(
                    f"{where}: grad_output has shape {grad.shape} but f(x) has shape {out_shape}"
                )
            grad = _cast(grad, work.dtype)
            if self._decl.backward is not None:
                result = self._decl.backward(work, grad, **bound)
            else:  # the derivative's own array takes the product, unless it is an input
                result = np.asarray(self._decl.derivative(work, **bound))
                if result.dtype == work.dtype and result.shape == grad.shape and \
                        result.flags.writeable and not np.may_share_memory(result, work):
                    result *= grad
                else:
                    result = grad * result
        finally:
            restore(token)
        result = _cast(np.asarray(result), array.dtype).reshape(array.shape)
        return result if out is None else _into(out, result, where)

    # -- fast paths for the package's own engine: no checks, bound parameters --------------------
    def _forward(self, x: np.ndarray) -> np.ndarray:
        return self._decl.forward(x, **self._params)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return self._decl.derivative(x, **self._params)

    def _backward(self, x: np.ndarray, g: np.ndarray) -> np.ndarray:
        if self._decl.backward is not None:
            return self._decl.backward(x, g, **self._params)
        return g * self._decl.derivative(x, **self._params)

    def _param_derivative(self, x: np.ndarray) -> Mapping[str, np.ndarray]:
        """Elementwise $\\partial f / \\partial \\theta$ for each learnable parameter, the
        shape of ``x``."""
        return self._decl.param_derivative(x, **self._params)


def _params_equal(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if a.keys() != b.keys():
        return False
    return all(np.array_equal(a[k], b[k]) if isinstance(a[k], np.ndarray) or isinstance(
        b[k], np.ndarray) else a[k] == b[k] for k in a)


def _into(out: Any, result: np.ndarray, where: str) -> np.ndarray:
    """Copy ``result`` into the caller's buffer ``out`` after checking that it fits."""
    if not isinstance(out, np.ndarray):
        raise TypeError(f"{where}: out must be a NumPy array, got {type(out).__name__}")
    if out.shape != result.shape or out.dtype != result.dtype:
        raise ValueError(
            f"{where}: out has shape {out.shape} and dtype {out.dtype}, but the result has "
            f"shape {result.shape} and dtype {result.dtype}"
        )
    if not out.flags.writeable:
        raise ValueError(f"{where}: out is read-only")
    np.copyto(out, result)
    return out


_FAST_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def _evaluate(
    fn: Callable[..., np.ndarray],
    act: Activation,
    x: ArrayLike,
    bound: dict,
    suffix: str,
    out: np.ndarray | None = None,
) -> np.ndarray:
    if type(x) is np.ndarray and x.ndim and x.dtype in _FAST_DTYPES:  # the common case, quickly
        token = ignore_underflow()
        try:
            result = fn(x, **bound)
        finally:
            restore(token)
        if type(result) is not np.ndarray or result.dtype != x.dtype:
            result = _cast(np.asarray(result), x.dtype)
        return result if out is None else _into(out, result, act.name + suffix)
    array = as_float_array(x, act.name + suffix)
    shape = array.shape
    work = array.reshape(1) if array.ndim == 0 else array  # the kernels write into buffers
    if work.dtype == np.float16:  # compute in float32, round once at the end
        work = work.astype(np.float32)
    token = ignore_underflow()
    try:
        result = np.asarray(fn(work, **bound))
    finally:
        restore(token)
    if result.dtype != array.dtype:
        result = _cast(result, array.dtype)
    result = result.reshape(shape) if array.ndim == 0 else result
    return result if out is None else _into(out, result, act.name + suffix)


def _cast(result: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``result`` in ``dtype``. A float32 result beyond float16's range is inf in float16: the
    true value is not representable, the one case where overflow is the right answer."""
    if result.dtype == dtype:
        return result
    return call_ignoring(OVERFLOW, result.astype, dtype)


# ------------------------------------------------------------------------------------ registry

registry: Registry[Activation] = Registry("activation", "activations.names()")
"""Canonical name -> default-parameter `Activation`; also finds aliases and other spellings."""


def declare(
    *,
    title: str,
    latex: str,
    derivative_latex: str,
    facts: Facts | Callable[..., Facts],
    derivative: Callable[..., np.ndarray] | None = None,
    backward: Callable[..., np.ndarray] | None = None,
    aliases: tuple[str, ...] = (),
    checks: Mapping[str, Callable[[Any, str, str], Any]] | None = None,
    reference_names: Mapping[str, str] | None = None,
    kinks: tuple[float, ...] | Callable[..., tuple[float, ...]] = (),
    breakpoints: tuple[float, ...] | Callable[..., tuple[float, ...]] = (),
    learnable: tuple[str, ...] = (),
    param_derivative: Callable[..., Mapping[str, np.ndarray]] | None = None,
    family: str = "",
    example: str = "",
    spellings: Mapping[str, str] | None = None,
    output_shape: Callable[..., tuple[int, ...]] | None = None,
) -> Callable[[Callable[..., np.ndarray]], Activation]:
    """Declare an activation: decorate its forward function ``f(x, **params)``.

    The function's name is the canonical name, its keyword defaults are the parameters, its
    docstring is the documentation. ``derivative(x, **params)`` is required for elementwise
    functions; vector-valued ones give ``backward(x, grad_output, **params)`` instead.
    ``kinks`` are the points where $f$ is not differentiable; ``breakpoints`` adds the points
    where only a higher derivative jumps (a C1 function's $f''$); ``facts``, ``kinks`` and
    ``breakpoints`` may be functions of the parameters. ``checks`` map a parameter to
    ``check(value, where, name)`` from the package's validation family. ``learnable`` names the
    parameters a layer learns per unit, and ``param_derivative(x, **params)`` returns their
    elementwise derivatives ``{name: df/dparam}``. ``spellings`` maps another library's
    parameter name to this one's (PyTorch's ``dim`` to ``axis``), or to a message saying what
    to use instead where accepting it would be ambiguous. A vector-valued function may give
    ``output_shape(shape, **params)``, the shape of $f(x)$ for an input of ``shape``, raising
    what $f$ would raise for it; without it `Activation.backward` computes $f(x)$ to check the
    gradient's shape against.
    """

    def register(forward: Callable[..., np.ndarray]) -> Activation:
        name = forward.__name__
        signature = inspect.signature(forward)
        defaults = {
            key: p.default
            for key, p in list(signature.parameters.items())[1:]
            if p.default is not inspect.Parameter.empty
        }
        if derivative is None and backward is None:
            raise TypeError(f"declare({name}): give a derivative or a backward function")
        if bool(learnable) != (param_derivative is not None):
            raise TypeError(f"declare({name}): learnable parameters need a param_derivative")
        doc = inspect.cleandoc(forward.__doc__ or "")
        declaration = Declaration(
            name=name,
            title=title,
            forward=forward,
            derivative=derivative,
            backward=backward,
            latex=latex,
            derivative_latex=derivative_latex,
            facts=facts,
            aliases=tuple(aliases),
            defaults=defaults,
            checks=dict(checks or {}),
            reference_names=dict(reference_names or {}),
            kinks=kinks if callable(kinks) else tuple(kinks),
            breakpoints=breakpoints if callable(breakpoints) else tuple(breakpoints),
            learnable=tuple(learnable),
            param_derivative=param_derivative,
            family=family,
            example=inspect.cleandoc(example),
            summary=doc.splitlines()[0] if doc else title,
            doc=doc,
            spellings=dict(spellings or {}),
            output_shape=output_shape,
        )
        activation = Activation(declaration, defaults)
        registry.add(name, activation, tuple(aliases))
        return activation

    return register


def names() -> list[str]:
    """Return the sorted canonical names of every activation in the catalog.

    Examples
    --------
    >>> import activations
    >>> "relu" in activations.names()
    True
    """
    return registry.names()


def get(name_or_callable: str | Activation | Callable | None, **params: Any) -> Activation:
    """Look up an activation by name or alias, optionally binding parameters.

    Parameters
    ----------
    name_or_callable : str, Activation or None
        A canonical name or alias (case-insensitive, ``-`` and spaces read as
        ``_``), an `Activation` (returned with the parameters applied), or ``None`` (the
        identity, as in Keras).
    **params
        Parameter values, e.g. ``negative_slope=0.2`` for ``leaky_relu``.

    Returns
    -------
    Activation
        The activation with the given parameters bound.

    Raises
    ------
    ValueError
        If the name is unknown (the message suggests the closest names) or a
        parameter is unknown or out of its domain.
    TypeError
        If given something that is neither a name nor an `Activation`.

    Examples
    --------
    >>> import activations
    >>> activations.get("swish").name
    'silu'
    >>> activations.get("elu", alpha=0.5)([-100.0])
    array([-0.5])
    """
    if name_or_callable is None:
        name_or_callable = "linear"
    if isinstance(name_or_callable, Activation):
        return name_or_callable.with_params(**params)
    if not isinstance(name_or_callable, str):
        raise TypeError(
            "activations.get: expected an activation name (str), an Activation or None, got "
            f"{type(name_or_callable).__name__}; see activations.names() for the catalog"
        )
    return registry.lookup(name_or_callable, "activations.get").with_params(**params)
