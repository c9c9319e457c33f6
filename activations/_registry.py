r"""The one registry type behind every named table: activations, losses, optimizers,
initializers and metrics.

A name is found whatever its case, with ``-`` and spaces read as ``_``, and also without its
underscores, so the spellings of other libraries resolve (``"hardtanh"``, ``"LeakyReLU"``,
``"logsoftmax"``). An unknown name raises `ValueError` with the closest names as a suggestion,
in the same words for every table.

Examples
--------
>>> from activations._registry import Registry
>>> colours = Registry("colour", "colours.names()")
>>> colours.add("dark_red", "#8b0000", aliases=("maroon",))
>>> colours["Dark-Red"], colours["darkred"], colours["maroon"]
('#8b0000', '#8b0000', '#8b0000')
>>> colours.canonical("dark red")
'dark_red'
>>> colours.lookup("dark_rde", "paint")
Traceback (most recent call last):
...
ValueError: paint: unknown colour 'dark_rde'. Did you mean 'dark_red'? Known: dark_red, maroon
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Generic, TypeVar

__all__ = ["Registry"]

T = TypeVar("T")

_LISTED = 12
"""Up to this many known names are listed in an error; past it the message points to
``names()``."""


def normalize(name: str) -> str:
    """The lookup key of a name: stripped, lower-case, ``-`` and spaces as ``_``."""
    return name.strip().lower().replace("-", "_").replace(" ", "_")


def _squeezed(key: str) -> str:
    return key.replace("_", "")


class Registry(Generic[T]):
    """Canonical name -> entry, with aliases and forgiving lookup.

    Parameters
    ----------
    kind : str
        What an entry is, for messages: ``"activation"``, ``"loss"``, ...
    listing : str
        The call that lists every name, for messages: ``"activations.names()"``.
    """

    def __init__(self, kind: str, listing: str) -> None:
        self.kind = kind
        self.listing = listing
        self._entries: dict[str, T] = {}
        self._aliases: dict[str, tuple[str, ...]] = {}
        self._keys: dict[str, str] = {}  # normalized name or alias -> canonical name
        self._squeezed: dict[str, str] = {}  # the same without underscores

    def add(self, name: str, entry: T, aliases: tuple[str, ...] = ()) -> None:
        """Register ``entry`` under ``name`` and ``aliases``; a name already taken (also once
        underscores are ignored) raises `ValueError`."""
        for spelling in (name, *aliases):
            key = normalize(spelling)
            if key in self._keys or self._squeezed.get(_squeezed(key), name) != name:
                raise ValueError(f"{self.kind} registry: the name {spelling!r} is already taken")
            self._keys[key] = name
            self._squeezed[_squeezed(key)] = name
        self._entries[name] = entry
        self._aliases[name] = tuple(aliases)

    def find(self, name: str) -> str | None:
        """The canonical name for ``name`` or one of its spellings, or ``None``."""
        key = normalize(name)
        return self._keys.get(key) or self._squeezed.get(_squeezed(key))

    def unknown(self, name: str, where: str) -> ValueError:
        """The error for a name that is not registered, with suggestions."""
        spellings = sorted(self._keys)
        close = difflib.get_close_matches(normalize(name), spellings, n=3, cutoff=0.6)
        hint = ""
        if close:
            quoted = [repr(c) for c in close]
            hint = " Did you mean " + (
                quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
            ) + "?"
        if len(spellings) <= _LISTED:
            listing = "Known: " + ", ".join(spellings)
        else:
            listing = f"See {self.listing} for all {len(self._entries)}."
        return ValueError(f"{where}: unknown {self.kind} {name!r}.{hint} {listing}")

    def canonical(self, name: str, where: str = "") -> str:
        """The canonical name for ``name``; an unknown one raises `ValueError` naming
        ``where``."""
        if not isinstance(name, str):
            raise TypeError(
                f"{where or self.listing}: a {self.kind} name must be a string, "
                f"got {type(name).__name__}"
            )
        found = self.find(name)
        if found is None:
            raise self.unknown(name, where or f"{self.kind} lookup")
        return found

    def lookup(self, name: str, where: str = "") -> T:
        """The entry registered under ``name`` (or a spelling of it)."""
        return self._entries[self.canonical(name, where)]

    def __getitem__(self, name: str) -> T:
        return self.lookup(name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.find(name) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def names(self) -> list[str]:
        """The sorted canonical names."""
        return sorted(self._entries)

    def aliases(self, name: str) -> tuple[str, ...]:
        """The aliases declared for the canonical ``name``."""
        return self._aliases[self.canonical(name)]

    def values(self) -> list[T]:
        """The entries in registration order."""
        return list(self._entries.values())

    def items(self) -> list[tuple[str, T]]:
        """``(canonical name, entry)`` pairs in registration order."""
        return list(self._entries.items())
