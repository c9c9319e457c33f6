r"""Input checks shared by the whole package: activation parameters, initializers, layers,
losses, optimizers, the model and the datasets.

Every public function of the engine validates its arguments once, at the boundary, with these
helpers; the inner loops never check again. Messages name the calling function, what was wrong
and what would be right.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


__all__: list[str] = []

SeedLike = int | np.random.Generator | None
"""What every random function of the engine accepts: an integer seed, a Generator or ``None``."""


def as_rng(seed: Any, where: str) -> np.random.Generator:
    """Return a Generator for an integer seed, a Generator (returned as is) or ``None``."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            f"{where}: seed must be an int, a numpy.random.Generator or None, "
            f"got {type(seed).__name__}"
        )
    if int(seed) < 0:
        raise ValueError(f"{where}: seed must be a non-negative integer, got {int(seed)}")
    return np.random.default_rng(int(seed))


def check_int(value: Any, where: str, name: str, minimum: int | None = 1) -> int:
    """Return ``value`` as an int, requiring an integral type and ``value >= minimum``
    (no bound when ``minimum`` is ``None``, as for an axis)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{where}: {name} must be an integer, got {_described(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        kind = "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
        raise ValueError(f"{where}: {name} must be {kind}, got {value}")
    return value


def check_bool(value: Any, where: str, name: str) -> bool:
    """Return ``value`` as a bool; anything but True/False raises ``TypeError`` naming it."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{where}: {name} must be True or False, got {value!r}")
    return bool(value)


def check_float(
    value: Any,
    where: str,
    name: str,
    *,
    positive: bool = False,
    non_negative: bool = False,
    below: float | None = None,
    allow_inf: bool = False,
) -> float:
    """Return ``value`` as a float, finite unless ``allow_inf`` (NaN never), optionally
    requiring ``> 0``, ``>= 0`` or ``< below``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {name} must be a real number, got {_described(value)}")
    try:
        number = float(value)
    except OverflowError:  # an int beyond float's range
        raise ValueError(
            f"{where}: {name} must be finite, got an integer of {int(value).bit_length()} bits"
        ) from None
    if np.isnan(number) or (np.isinf(number) and not allow_inf):
        wanted = "a number or inf" if allow_inf else "finite"
        raise ValueError(f"{where}: {name} must be {wanted}, got {number}")
    if positive and number <= 0:
        raise ValueError(f"{where}: {name} must be > 0, got {number}")
    if non_negative and number < 0:
        raise ValueError(f"{where}: {name} must be >= 0, got {number}")
    if below is not None and number >= below:
        raise ValueError(f"{where}: {name} must be < {below}, got {number}")
    return number


def check_choice(value: Any, where: str, name: str, choices: Sequence[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``; otherwise ``ValueError`` listing them
    (``TypeError`` if its type matches none of theirs)."""
    if any(type(value) is type(c) and value == c for c in choices):
        return value
    listed = ", ".join(repr(c) for c in choices)
    if not any(isinstance(value, type(c)) for c in choices):
        raise TypeError(f"{where}: {name} must be one of {listed}, got {_described(value)}")
    raise ValueError(f"{where}: {name} must be one of {listed}, got {value!r}")


def check_float_or_array(
    value: Any, where: str, name: str, *, positive: bool = False
) -> float | np.ndarray:
    """A finite number, or a floating array of finite numbers (one value per unit), kept by
    reference so a layer can update it in place; every one ``> 0`` if ``positive``."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind != "f":
            raise TypeError(
                f"{where}: {name} must be a float array, got dtype {value.dtype}; convert it "
                f"with {name}.astype(float)"
            )
        if not np.all(np.isfinite(value)):
            raise ValueError(f"{where}: {name} must hold finite numbers, got {value!r}")
        if positive and not np.all(value > 0):
            raise ValueError(f"{where}: {name} must hold numbers > 0, got {value!r}")
        return value
    if isinstance(value, (list, tuple)):
        raise TypeError(
            f"{where}: {name} must be a real number or a float ndarray (one value per unit), "
            f"got {_described(value)}; pass np.array({name})"
        )
    return check_float(value, where, name, positive=positive)


def check_axis(axis: int, shape: tuple[int, ...], where: str, *, nonempty: bool = False) -> int:
    """``axis`` (already an integer) as an index from 0 into ``shape``. Out of range, or of
    length 0 when ``nonempty``, it raises ``ValueError`` saying which axes there are."""
    ndim = len(shape)
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"{where}: axis {axis} is out of range for an input of shape {shape}; use an axis "
            f"from {-ndim} to {ndim - 1}"
        )
    if nonempty and shape[axis] == 0:
        raise ValueError(
            f"{where}: axis {axis} of the input (shape {shape}) is empty, so there is nothing "
            "to normalise; give at least one score along it"
        )
    return axis % ndim


def _described(value: Any) -> str:
    """How a wrongly typed value is named in a message: its type, and a short repr."""
    text = repr(value)
    return type(value).__name__ + (f" {text}" if len(text) <= 40 else "")


def construct(factory: Any, params: dict[str, Any], where: str, label: str) -> Any:
    """Call ``factory(**params)``; a parameter it does not take is a ``ValueError`` naming it."""
    try:
        return factory(**params)
    except TypeError as exc:
        if "unexpected keyword" in str(exc):
            raise ValueError(
                f"{where}: {label} has no parameter(s) {sorted(params)}; see its docstring"
            ) from None
        raise


def to_float_array(x: Any, where: str) -> np.ndarray:
    """Convert input to a floating-point array, keeping float16/32/64 and promoting the rest.

    Integers and booleans become float64, Python integers beyond int64 included (NumPy holds
    those as objects), and so do other real numbers NumPy keeps as objects (``Fraction``).
    Strings, other objects and complex numbers raise `TypeError` naming the function `where`;
    an integer beyond float64's range raises `ValueError`.
    """
    if isinstance(x, np.ndarray):
        array = x
    else:
        try:
            array = np.asarray(x)
        except (ValueError, TypeError) as error:
            raise TypeError(f"{where}: expected numbers, could not convert input: {error}") from None
    kind = array.dtype.kind
    if kind == "f":
        if array.dtype.itemsize > 8:
            return array.astype(np.float64)
        return array
    if kind in "biu":
        return array.astype(np.float64)
    if kind == "c":
        raise TypeError(
            f"{where}: complex input is not supported, got dtype {array.dtype}; pass the real "
            "part (x.real) or the magnitude (abs(x))"
        )
    if kind == "O":
        return _real_objects(array, where)
    raise TypeError(
        f"{where}: expected real numbers (int, float or bool), got dtype {array.dtype}"
        + (f" ({x!r:.40})" if kind in "US" else "")
    )


def _real_objects(array: np.ndarray, where: str) -> np.ndarray:
    """An object array of real numbers as float64; anything else named in the error."""
    for item in array.flat:
        if isinstance(item, numbers.Real):
            continue
        if isinstance(item, numbers.Complex):
            raise TypeError(
                f"{where}: complex input is not supported, got {item!r}; pass the real part "
                "or the magnitude"
            )
        shown = "None" if item is None and array.ndim == 0 else (
            f"dtype object holding {_described(item)}")
        raise TypeError(f"{where}: expected real numbers (int, float or bool), got {shown}")
    try:
        return array.astype(np.float64)
    except OverflowError:
        for item in array.flat:
            if isinstance(item, numbers.Integral) and abs(int(item)) > _LARGEST_INTEGER:
                raise ValueError(
                    f"{where}: the integer {_abbreviated(int(item))} ({int(item).bit_length()} "
                    f"bits) is beyond float64's range (up to {_LARGEST_FLOAT:.4g}); scale it "
                    "down, or pass a float (inf if that is what it means)"
                ) from None
        raise


_LARGEST_FLOAT = float(np.finfo(np.float64).max)
_LARGEST_INTEGER = int(_LARGEST_FLOAT)


def _abbreviated(number: int) -> str:
    digits = str(number)
    return digits if len(digits) <= 24 else f"{digits[:10]}...{digits[-6:]}"


def as_float_array(x: Any, where: str, name: str, dtype: Any = None) -> np.ndarray:
    """Convert to a floating array with the catalog's rules, then cast to ``dtype`` if given.

    Ints and bools become float64, float16/32/64 are kept; strings, objects and complex numbers
    raise ``TypeError`` naming ``where`` and the argument. Finite values too large for
    ``dtype`` raise ``ValueError`` saying so, rather than becoming infinities that would later
    be reported as bad data.
    """
    arr = to_float_array(x, f"{where}: {name}")
    if dtype is not None and arr.dtype != dtype:
        with np.errstate(over="ignore"):
            cast = arr.astype(dtype)
        if np.dtype(dtype).itemsize < arr.dtype.itemsize:
            _check_range(arr, cast, where, name)
        arr = cast
    return arr


def _check_range(original: np.ndarray, cast: np.ndarray, where: str, name: str) -> None:
    overflow = np.isinf(cast) & np.isfinite(original)
    if overflow.any():
        bad = np.argwhere(overflow)
        first = tuple(int(i) for i in bad[0])
        largest = float(np.max(np.abs(original[overflow])))
        raise ValueError(
            f"{where}: {name} holds {len(bad)} finite value(s) too large for {cast.dtype} "
            f"(up to {largest:.3g}; {cast.dtype} ends at {float(np.finfo(cast.dtype).max):.3g}), "
            f"first at index {first}; scale them down or use float64"
        )


def check_finite(arr: np.ndarray, where: str, name: str) -> None:
    """Raise ``ValueError`` if ``arr`` holds NaN or infinity, saying how many and where."""
    finite = np.isfinite(arr)
    if not finite.all():
        bad = np.argwhere(~finite)
        first = tuple(int(i) for i in bad[0])
        raise ValueError(
            f"{where}: {name} contains {len(bad)} NaN or infinite value(s) "
            f"(first at index {first}); clean or impute them before training"
        )


def as_2d(x: Any, where: str, name: str, dtype: Any = None) -> np.ndarray:
    """A finite 2-D float array ``(samples, features)``; 1-D input is one feature per sample."""
    arr = as_float_array(x, where, name, dtype)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise ValueError(
            f"{where}: {name} must be 2-D (samples, features), got shape {arr.shape}"
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{where}: {name} has no rows; give at least one sample")
    check_finite(arr, where, name)
    return arr


def respell_parameters(
    params: Mapping[str, Any], spellings: Mapping[str, str], parameters: Mapping[str, Any],
    where: str,
) -> dict[str, Any]:
    """``params`` with other libraries' parameter names replaced by this package's.

    ``spellings`` maps a foreign name to a parameter name (an alias: PyTorch's ``dim`` for
    ``axis``) or to a message naming what to use instead (where accepting the name would be
    ambiguous). Giving a parameter under both names is a ``ValueError``, as is a name whose
    spelling is a message.
    """
    out: dict[str, Any] = {}
    for key, value in params.items():
        target = spellings.get(key)
        if target is None or key in parameters:
            out[key] = value
        elif target not in parameters:
            raise ValueError(f"{where}: unknown parameter {key!r}; {target}")
        elif target in params:
            raise ValueError(
                f"{where}: {key!r} is another spelling of {target!r}; give one of them, not both"
            )
        else:
            out[target] = value
    return out
