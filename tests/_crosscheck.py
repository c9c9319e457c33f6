"""What the cross-check modules (tests/test_crosscheck_*.py) share: the other library, imported
under the rule CI follows; the input of the vector functions; and a library's function by its
full name, as the declarations' ``reference_names`` give it."""

from __future__ import annotations

import importlib
from types import ModuleType

import numpy as np
import pytest

import activations
from conftest import IN_CI


def required(module: str) -> ModuleType:
    """The library to check against. Without it the module's tests skip locally; with
    ``CI=true`` its absence is an error, since CI installs the ``crosscheck`` extra."""
    if IN_CI:
        return importlib.import_module(module)
    return pytest.importorskip(module)


def neighbours(kinks: np.ndarray, dtype) -> tuple[np.ndarray, np.ndarray]:
    """The floats just below and just above each kink. XLA flushes subnormal numbers to zero on
    the CPU, so next to a kink at 0 they are the smallest normal numbers (JAX would read the
    subnormal ones as the kink itself)."""
    tiny = np.finfo(dtype).tiny
    below = np.where(kinks == 0, -tiny, np.nextafter(kinks, dtype(-np.inf))).astype(dtype)
    above = np.where(kinks == 0, tiny, np.nextafter(kinks, dtype(np.inf))).astype(dtype)
    return below, above


def points(f, dtype, limit: float = np.inf) -> np.ndarray:
    """Inputs for an elementwise function ``f``: random points, a grid, the far tails, and
    every kink with its two neighbours, in ``dtype``, those with ``|x| <= limit``."""
    rng = np.random.default_rng(0)
    kinks = np.array(f.kinks, dtype)
    x = np.concatenate([rng.normal(scale=4.0, size=400), np.linspace(-12, 12, 481),
                        [-700.0, -80.0, -50.0, 50.0, 80.0, 700.0]]).astype(dtype)
    x = np.unique(np.concatenate([x, kinks, *neighbours(kinks, dtype)]))
    return x[np.abs(x) <= limit]


def vector_input(dtype) -> tuple[np.ndarray, np.random.Generator]:
    """Scores for a vector function, 20 rows of 6 in ``dtype``, the first row with entries of
    ±1000 (where a naive exp overflows), and the seeded generator that drew them, to draw the
    output gradient next."""
    rng = np.random.default_rng(0)
    x = rng.normal(scale=3.0, size=(20, 6))
    x[0] = [1000.0, 1000.0, -1000.0, 0.0, 2.0, 3.0]
    return x.astype(dtype), rng


def resolve(name: str):
    """The object a full name (``torch.nn.functional.relu``, ``jax.numpy.heaviside``) names:
    the longest importable module, then attributes."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attribute in parts[i:]:
            found = getattr(found, attribute)
        return found
    raise ImportError(f"no module of {name!r} can be imported")


def assert_library_names_exist(library: str, prefix: str) -> None:
    """Every name in ``library`` that the declarations give (the pages' library tabs and the
    index's matrix show them; tests/test_catalog.py checks that they are the declared ones)
    starts with ``prefix`` and names something callable there."""
    for name in activations.names():
        reference = activations.get(name).reference_names.get(library)
        if reference is not None:
            assert reference.startswith(prefix) and callable(resolve(reference)), name
