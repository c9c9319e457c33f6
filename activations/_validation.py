r"""Input checks shared by the training engine (initializers, layers, losses, model, datasets).

Every public function of the engine validates its arguments once, at the boundary, with these
helpers; the inner loops never check again. Messages name the calling function, what was wrong
and what would be right.
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Iterable
from typing import Any

import numpy as np

from activations import _core

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


def check_int(value: Any, where: str, name: str, minimum: int = 1) -> int:
    """Return ``value`` as an int, requiring an integral type and ``value >= minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{where}: {name} must be an integer, got {type(value).__name__}")
    value = int(value)
    if value < minimum:
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
) -> float:
    """Return ``value`` as a finite float, optionally requiring ``> 0``, ``>= 0`` or ``< below``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {name} must be a real number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{where}: {name} must be finite, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{where}: {name} must be > 0, got {value}")
    if non_negative and value < 0:
        raise ValueError(f"{where}: {name} must be >= 0, got {value}")
    if below is not None and value >= below:
        raise ValueError(f"{where}: {name} must be < {below}, got {value}")
    return value


def unknown_name(kind: str, name: str, choices: Iterable[str], where: str) -> ValueError:
    """Build the error for an unknown registry name, with close matches as suggestions."""
    choices = sorted(choices)
    close = difflib.get_close_matches(name, choices, n=3, cutoff=0.6)
    if close:
        quoted = [repr(c) for c in close]
        hint = " Did you mean " + (
            quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
        ) + "?"
    else:
        hint = ""
    return ValueError(
        f"{where}: unknown {kind} {name!r}.{hint} Known: {', '.join(choices)}"
    )


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


def as_float_array(x: Any, where: str, name: str, dtype: Any = None) -> np.ndarray:
    """Convert to a floating array with the catalog's rules, then cast to ``dtype`` if given.

    Ints and bools become float64, float16/32/64 are kept; strings, objects and complex numbers
    raise ``TypeError`` naming ``where`` and the argument.
    """
    arr = _core.as_float_array(x, f"{where}: {name}")
    if dtype is not None and arr.dtype != dtype:
        arr = arr.astype(dtype)
    return arr


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
