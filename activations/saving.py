r"""Saving: the ``.npz`` file of a model, written atomically and read without trusting it.

A saved model is one uncompressed NumPy ``.npz`` archive holding

- ``architecture``: the model's configuration as UTF-8 JSON in a 1-D ``uint8`` array, with
  ``format`` (``"activations.Sequential"``), ``format_version`` and ``parameters``, the list
  of ``{"key", "layer", "name", "shape"}`` of every parameter array;
- ``param_000``, ``param_001``, ...: the parameter arrays, in the model's dtype;
- ``checksum``: the SHA-256 of the JSON and of every array (key, dtype, shape and bytes).

Nothing is pickled. ``save`` writes a temporary file in the target's directory, flushes it to
disk and renames it over the target, so the target is always either the old file or the new
one, whatever happens during the write (a killed process can leave a hidden
``.<name>.<random>.tmp`` file beside it). ``load`` checks the archive's directory and every
array's header against the file's real size before it reads any array, then the checksum, then
the layers against the stored shapes before it allocates the model: a file declaring arrays
larger than itself, or a layer larger than its stored weights, is refused with a clear error
and costs no memory.

Examples
--------
>>> import tempfile, pathlib, numpy as np, activations
>>> from activations import saving
>>> model = activations.Sequential([activations.Dense(2, "tanh", input_dim=3)], seed=0)
>>> with tempfile.TemporaryDirectory() as d:
...     path = saving.save_model(model, pathlib.Path(d) / "net")
...     with np.load(path) as data:
...         names = sorted(data.files)
...     same = saving.load_model(path)
>>> path.name, names
('net.npz', ['architecture', 'checksum', 'param_000', 'param_001'])
>>> bool(np.array_equal(same.get_weights()[0], model.get_weights()[0]))
True
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import secrets
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from activations._validation import SeedLike, as_rng

if TYPE_CHECKING:
    from activations.model import Sequential

__all__ = ["FORMAT", "FORMAT_VERSION", "load_model", "save_model"]

FORMAT = "activations.Sequential"
FORMAT_VERSION = 1
"""Version of the ``.npz`` layout written by `save_model`."""

_DTYPES = ("float32", "float64")


# ================================================================================== writing


def _target(path: Any, where: str) -> Path:
    """The file ``save`` writes: ``.npz`` appended unless the name ends in it (any case)."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"{where}: path must be a file name (str or os.PathLike), got "
            f"{type(path).__name__}; a model is written to a temporary file that is then "
            "renamed over the target, which needs a file on disk"
        )
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"{where}: {str(path)!r} is a directory; give a file name inside it, "
                         f"such as {str(path / 'model.npz')!r}")
    if path.suffix.lower() != ".npz":
        path = path.with_name(path.name + ".npz")
    if path.is_dir():
        raise ValueError(f"{where}: {str(path)!r} is a directory; give another file name")
    if not path.parent.is_dir():
        raise ValueError(f"{where}: the directory {str(path.parent)!r} does not exist; "
                         "create it first")
    return path


def _checksum(text: bytes, arrays: dict[str, np.ndarray]) -> bytes:
    h = hashlib.sha256(text)
    for key in sorted(arrays):
        a = np.ascontiguousarray(arrays[key])
        h.update(f"{key}|{a.dtype.str}|{a.shape}|".encode())
        h.update(a.reshape(-1).view(np.uint8).data)
    return h.digest()


def save_model(model: Sequential, path: str | os.PathLike) -> Path:
    """Write ``model`` to ``path`` (see the module description); return the file written.

    Raises
    ------
    TypeError
        ``path`` is not a file name (an open file or a buffer).
    ValueError
        The model is not built; an activation parameter cannot be stored as JSON; ``path``
        names a directory or a file in a missing directory.
    """
    where = "Sequential.save"
    model._require_built(where)
    path = _target(path, where)
    arch = {"format": FORMAT, "format_version": FORMAT_VERSION, **model.get_config(),
            "parameters": []}
    arrays = {}
    for i, layer in enumerate(model.layers):
        for name, p in zip(layer.param_names, layer.parameters(), strict=True):
            key = f"param_{len(arrays):03d}"
            arrays[key] = p
            arch["parameters"].append({"key": key, "layer": i, "name": name,
                                       "shape": list(p.shape)})
    text = json.dumps(arch, sort_keys=True).encode("utf-8")
    checksum = np.frombuffer(_checksum(text, arrays), dtype=np.uint8)
    _write_atomically(path, architecture=np.frombuffer(text, dtype=np.uint8),
                      checksum=checksum, **arrays)
    return path


def _write_atomically(path: Path, **arrays: np.ndarray) -> None:
    """``np.savez`` into a new file beside ``path``, flushed to disk, then renamed over it."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o666)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 100 collisions of 32 random bits
        raise FileExistsError(f"Sequential.save: could not create a temporary file beside {path}")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **arrays)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable (POSIX); not possible everywhere
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(dir_fd)
    except OSError:  # pragma: no cover - file systems without directory fsync
        pass
    finally:
        os.close(dir_fd)


# ================================================================================== reading


class _Archive:
    """The members of a saved model's ``.npz``, with their headers checked against the file's
    size; arrays are read only on demand."""

    def __init__(self, path: Path, where: str) -> None:
        self.path, self.where = path, where
        self.size = path.stat().st_size
        self.zip = zipfile.ZipFile(path)
        self.headers: dict[str, tuple[tuple[int, ...], np.dtype, int]] = {}
        try:
            for info in self.zip.infolist():
                self._add(info)
        except BaseException:
            self.zip.close()
            raise

    def _add(self, info: zipfile.ZipInfo) -> None:
        """Read one member's .npy header (never its data) and check it against the file."""
        key = info.filename[:-4] if info.filename.endswith(".npy") else info.filename
        if info.compress_type != zipfile.ZIP_STORED:
            raise ValueError(f"the entry {key!r} is compressed, and Sequential.save stores "
                             "arrays uncompressed")
        if info.file_size > self.size:
            raise ValueError(f"the entry {key!r} declares {_bytes(info.file_size)} in a file "
                             f"of {_bytes(self.size)}")
        with self.zip.open(info) as handle:
            version = np.lib.format.read_magic(handle)
            if version == (1, 0):
                shape, _, dtype = np.lib.format.read_array_header_1_0(handle)
            elif version == (2, 0):
                shape, _, dtype = np.lib.format.read_array_header_2_0(handle)
            else:
                raise ValueError(f"the entry {key!r} has .npy version {version}, which "
                                 "Sequential.save does not write")
            offset = handle.tell()
        if dtype.hasobject:
            raise ValueError(f"the entry {key!r} holds Python objects, which are never "
                             "loaded (allow_pickle=False)")
        nbytes = math.prod(shape) * dtype.itemsize
        if offset + nbytes != info.file_size:
            raise ValueError(
                f"the entry {key!r} declares an array of shape {tuple(shape)} "
                f"({_bytes(nbytes)}) but holds {_bytes(info.file_size - offset)} of data"
            )
        self.headers[key] = (tuple(shape), dtype, nbytes)

    def read(self, key: str) -> np.ndarray:
        with self.zip.open(key + ".npy") as handle:
            return np.lib.format.read_array(handle, allow_pickle=False)


def _bytes(n: int) -> str:
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} bytes"


def _open(path: Any, where: str) -> _Archive:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{where}: path must be a file name (str or os.PathLike), got "
                        f"{type(path).__name__}")
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{where}: no such file: {path}")
    try:
        return _Archive(path, where)
    except _UNREADABLE as exc:
        raise _unreadable(path, where, exc) from None
    except ValueError as exc:  # a header that does not match the file
        raise ValueError(f"{where}: {path} is not a readable .npz model file: {exc}") from None


_UNREADABLE = (OSError, EOFError, zipfile.BadZipFile, KeyError)


def _unreadable(path: Path, where: str, exc: BaseException) -> ValueError:
    detail = "it holds a single array, not an archive of arrays" if _is_npy(path) else exc
    return ValueError(f"{where}: {path} is not a readable .npz model file (truncated or "
                      f"corrupted?): {detail}")


def _is_npy(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(6) == b"\x93NUMPY"


def _architecture(archive: _Archive) -> tuple[dict[str, Any], bytes, bytes]:
    """The JSON architecture and the stored checksum, with the format and version checked."""
    where, path = archive.where, archive.path
    for key in ("architecture", "checksum"):
        if key not in archive.headers:
            raise ValueError(f"{where}: {path} has no {key!r} entry; not a saved model")
        shape, dtype, _ = archive.headers[key]
        if dtype != np.uint8 or len(shape) != 1:
            raise ValueError(f"{where}: the {key!r} entry must be a 1-D uint8 array")
    try:
        text = archive.read("architecture").tobytes()
        stored = archive.read("checksum").tobytes()
    except _UNREADABLE as exc:
        raise _unreadable(path, where, exc) from None
    try:
        arch = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{where}: the architecture is not valid JSON: {exc}") from None
    if not isinstance(arch, dict) or arch.get("format") != FORMAT:
        found = arch.get("format") if isinstance(arch, dict) else None
        raise ValueError(f"{where}: {path} was not written by Sequential.save (format "
                         f"{found!r}, expected {FORMAT!r})")
    version = arch.get("format_version")
    if version != FORMAT_VERSION:
        raise ValueError(f"{where}: format version {version!r} is not supported (this library "
                         f"reads version {FORMAT_VERSION})")
    return arch, text, stored


def _check_parameters(archive: _Archive, arch: dict[str, Any]) -> list[dict[str, Any]]:
    """The parameter list against the stored arrays: keys, shapes, dtypes, total size."""
    where = archive.where
    specs = arch.get("parameters")
    if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
        raise ValueError(f"{where}: the architecture has no valid parameter list")
    stored = sorted(k for k in archive.headers if k not in ("architecture", "checksum"))
    listed = [s.get("key") for s in specs]
    if sorted(map(str, listed)) != stored:
        raise ValueError(f"{where}: the file holds arrays {stored} but the architecture lists "
                         f"{listed}")
    dtype = arch.get("dtype")
    if dtype not in _DTYPES:
        raise ValueError(f"{where}: invalid architecture: dtype must be one of {_DTYPES}, "
                         f"got {dtype!r}")
    for spec in specs:
        shape, found, _ = archive.headers[spec["key"]]
        if found != np.dtype(dtype) or list(shape) != spec.get("shape"):
            raise ValueError(f"{where}: {spec['key']} has shape {shape} and dtype {found}, "
                             f"expected {spec.get('shape')} and {dtype} as the architecture "
                             "lists")
    total = sum(archive.headers[s["key"]][2] for s in specs)
    if total > archive.size:  # entries that overlap in the archive
        raise ValueError(f"{where}: the parameters declare {_bytes(total)} in a file of "
                         f"{_bytes(archive.size)}")
    return specs


def _check_widths(arch: dict[str, Any], specs: list[dict[str, Any]], where: str) -> None:
    """Every layer's declared width against its stored kernel, before any layer is made."""
    layers = arch.get("layers")
    if not isinstance(layers, list) or not layers:
        raise ValueError(f"{where}: invalid architecture: no layers")
    kernels = {s.get("layer"): s["shape"] for s in specs if s.get("name") == "kernel"}
    itemsize = np.dtype(arch["dtype"]).itemsize
    for i, config in enumerate(layers):
        if not isinstance(config, dict):
            raise ValueError(f"{where}: invalid architecture: layer {i} is not an object")
        units = config.get("units")
        pieces = config.get("pieces") if config.get("class") == "Maxout" else 1
        if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1
                   for v in (units, pieces)):
            raise ValueError(f"{where}: invalid architecture: layer {i} has units={units!r} "
                             f"and pieces={pieces!r}; both must be positive integers")
        kernel = kernels.get(i)
        width = units * pieces
        if kernel is None or len(kernel) != 2 or kernel[1] != width:
            rows = kernel[0] if kernel else 1
            raise ValueError(
                f"{where}: layer {i} declares {width} kernel columns (a kernel of at least "
                f"{_bytes(width * rows * itemsize)}) but the file stores its kernel with shape "
                f"{tuple(kernel) if kernel else None}; the architecture does not match the "
                "stored weights"
            )


def load_model(path: str | os.PathLike, seed: SeedLike = None,
               cls: type[Sequential] | None = None) -> Sequential:
    """Rebuild a model written by `save_model` (see the module description for the checks).

    ``cls`` is the model class to build (`Sequential` by default); ``seed`` seeds the
    shuffling order of further training (the weights come from the file).

    Raises
    ------
    TypeError
        ``path`` is not a file name.
    ValueError
        The file is missing, truncated, compressed or not an ``.npz``; keys, format, version,
        shapes or dtypes are not what this library writes; an array or a layer is larger than
        the file holds; the checksum does not match (the file was edited).
    """
    where = "Sequential.load"
    if cls is None:
        from activations.model import Sequential as cls  # noqa: N813 - the default model class
    rng = as_rng(seed, where)
    archive = _open(path, where)
    with archive.zip:
        arch, text, stored = _architecture(archive)
        specs = _check_parameters(archive, arch)
        _check_widths(arch, specs, where)
        try:
            arrays = {s["key"]: archive.read(s["key"]) for s in specs}
        except _UNREADABLE as exc:
            raise _unreadable(archive.path, where, exc) from None
    if _checksum(text, arrays) != stored:
        raise ValueError(f"{where}: checksum mismatch: the file was modified after saving")
    try:
        model = cls._unbuilt_from_config(arch, rng)
        layout = [(name, shape) for layer, _, shapes in model._layout(arch["input_dim"])
                  for name, shape in shapes]
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ValueError(f"{where}: invalid architecture: {exc}") from None
    if len(layout) != len(specs):
        raise ValueError(f"{where}: the architecture needs {len(layout)} parameter arrays, "
                         f"the file has {len(specs)}")
    for (name, shape), spec in zip(layout, specs, strict=True):
        if tuple(shape) != tuple(spec["shape"]):
            raise ValueError(f"{where}: {spec['key']} has shape {tuple(spec['shape'])} and dtype "
                             f"{arch['dtype']}, expected {tuple(shape)} for {name}")
    model.build(arch["input_dim"])
    model._compile_from_config(arch)
    for p, spec in zip(model.parameters(), specs, strict=True):
        p[...] = arrays[spec["key"]]
    return model
