r"""What the catalog treats as a floating-point error, and a cheap way to say so.

Underflow is not an error here. A value below the smallest normal float rounds to a subnormal
number or to zero: the nearest float to the true value, which is what an activation should
return for $\sigma(-800)$ or $0.01 \times 10^{-310}$. So the public functions run with underflow
ignored, whatever `numpy.errstate` the caller has set. Overflow, invalid operations and division
by zero stay the caller's to trap, and the catalog causes none for finite input; the few kernels
whose true result can exceed the float range (``exponential``, ``selu`` at the largest floats)
ignore overflow too, since ``inf`` is then the correctly rounded answer.

Entering `np.errstate` costs about 3 µs, more than a whole activation of a small array, so
`call_ignoring` switches NumPy's error state through the context variable that holds it, with
the switched-to states cached; where that variable is missing it falls back on `np.errstate`.

Examples
--------
>>> import numpy as np
>>> from activations._floating_point import UNDERFLOW, call_ignoring
>>> with np.errstate(all="raise"):
...     float(call_ignoring(UNDERFLOW, np.exp, np.float64(-800.0)))
0.0
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

try:  # NumPy >= 2.0 keeps its error state in a context variable
    from numpy._core.umath import _extobj_contextvar as _STATE
    from numpy._core.umath import _make_extobj
except ImportError:  # pragma: no cover - another NumPy layout: use the public errstate
    _STATE = None

__all__ = ["OVERFLOW", "UNDERFLOW", "call_ignoring", "ignore_underflow", "restore"]

UNDERFLOW = frozenset({"under"})
"""Underflow only: what every public function of the catalog ignores."""
OVERFLOW = frozenset({"under", "over"})
"""Underflow and overflow: for the kernels whose true value can exceed the float range."""

_CACHE: dict[tuple[Any, frozenset[str]], Any] = {}
_CACHE_SIZE = 64
_last_underflow: tuple[Any, Any] = (None, None)  # (a state, that state with underflow ignored)


def _ignoring(state: Any, flags: frozenset[str]) -> Any:
    """``state`` with ``flags`` ignored: ``state`` itself if they are already."""
    quiet = _CACHE.get((state, flags))
    if quiet is None:
        settings = np.geterr()
        if all(settings[flag] == "ignore" for flag in flags):
            quiet = state
        else:
            quiet = _make_extobj(**dict.fromkeys(flags, "ignore"))
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[state, flags] = quiet
    return quiet


def ignore_underflow() -> Any:
    """Start ignoring underflow; returns the token for `restore`, or ``None`` when the caller's
    state ignores it already (NumPy's default), the case made cheapest."""
    global _last_underflow
    if _STATE is None:  # pragma: no cover
        quiet = np.errstate(under="ignore")
        quiet.__enter__()
        return quiet
    state = _STATE.get()
    seen, quiet = _last_underflow
    if state is not seen:
        quiet = _ignoring(state, UNDERFLOW)
        _last_underflow = (state, quiet)
    return None if quiet is state else _STATE.set(quiet)


def restore(token: Any) -> None:
    """Undo `ignore_underflow` (a ``None`` token: nothing to undo)."""
    if token is None:
        return
    if _STATE is None:  # pragma: no cover
        token.__exit__(None, None, None)
    else:
        _STATE.reset(token)


def call_ignoring(flags: frozenset[str], fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` with the floating-point errors in ``flags`` ignored and the
    caller's settings kept for the others."""
    if _STATE is None:  # pragma: no cover
        with np.errstate(**dict.fromkeys(flags, "ignore")):
            return fn(*args, **kwargs)
    state = _STATE.get()
    quiet = _ignoring(state, flags)
    if quiet is state:
        return fn(*args, **kwargs)
    token = _STATE.set(quiet)
    try:
        return fn(*args, **kwargs)
    finally:
        _STATE.reset(token)
