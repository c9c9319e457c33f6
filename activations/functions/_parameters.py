"""The parameter checks of the catalog, each called as ``check(value, where, name)``.

They are the package's one validation family (`activations._validation`), specialised to the
domains the catalog's parameters have: ``TypeError`` for a wrong type, ``ValueError`` for a
value outside the domain, with a message naming the function and the parameter.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from activations._validation import (
    check_choice,
    check_float,
    check_float_or_array,
    check_int,
)

finite_number = check_float
"""Any finite real number (a slope, a threshold)."""
nonnegative = partial(check_float, non_negative=True)
"""A finite number ``>= 0`` (ELU's ``alpha``, a shrinkage threshold)."""
positive = partial(check_float, positive=True)
"""A finite number ``> 0`` (a sharpness ``beta``, a scale)."""
threshold_number = partial(check_float, allow_inf=True)
"""A number or ``±inf`` (softplus' ``threshold``)."""
integer_axis = partial(check_int, minimum=None)
"""An integer axis, negative ones counting from the end."""
positive_integer = check_int
"""An integer ``>= 1`` (maxout's ``pieces``)."""
slope_array = check_float_or_array
"""A finite number, or a float array of finite numbers, one per unit (PReLU's ``weight``)."""
positive_array = partial(check_float_or_array, positive=True)
"""A number ``> 0``, or a float array of them, one per unit (CELU's ``alpha``, as JAX takes it)."""


def check_per_unit(x: np.ndarray, value: np.ndarray, where: str, what: str = "value") -> None:
    """A parameter array, one ``what`` per unit (`slope_array`, `positive_array`), must
    broadcast against the input ``x`` without changing its shape."""
    if value.shape == x.shape[x.ndim - value.ndim :]:
        return
    try:
        shape = np.broadcast_shapes(x.shape, value.shape)
    except ValueError:
        shape = None
    if shape != x.shape:
        raise ValueError(
            f"{where} has shape {value.shape}, which does not broadcast against the "
            f"input's shape {x.shape}; give a number, or one {what} per unit: shape "
            f"{x.shape[-1:]}"
        )


def gelu_approximation(value: Any, where: str, name: str) -> str:
    """GELU's ``approximate``: ``"none"`` or ``"tanh"`` (PyTorch's spelling), or Keras' and JAX's
    boolean, ``True`` for ``"tanh"`` and ``False`` for ``"none"``."""
    if value is True or value is False:
        return "tanh" if value else "none"
    return check_choice(value, where, name, choices=("none", "tanh"))


def positive_or_array(value: Any, where: str, name: str) -> float | np.ndarray:
    """A number ``> 0`` (Snake's frequency), or a float array of finite numbers, one per unit,
    as a layer that learns the parameter binds it."""
    if isinstance(value, (np.ndarray, list, tuple)):
        return check_float_or_array(value, where, name)
    return positive(value, where, name)


def softplus_beta(value: Any, where: str, name: str) -> float:
    """Softplus' sharpness ``beta > 0``. PyTorch also evaluates its formula for ``beta < 0``,
    where it is a different, concave function; the error says how to write that here."""
    number = check_float(value, where, name)
    if number < 0:
        raise ValueError(
            f"{where}: {name} must be > 0, got {value!r}; PyTorch's formula with beta < 0 is "
            f"the concave -softplus(-x) with |beta|: write -softplus(-x, beta={-number!r})"
        )
    return positive(value, where, name)
