"""Saving: atomic replacement, path handling, files of the previous version, and files that lie
about their size (refused before anything is allocated)."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

import activations as A
from activations import optimizers, saving

ROOT = Path(__file__).resolve().parent.parent
CHILD_ENV = {**os.environ, "PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1"}


def small_model() -> A.Sequential:
    model = A.Sequential([A.Dense(3, "relu", input_dim=2), A.Dense(1)], seed=0)
    model.compile("mse", optimizers.SGD(0.1))
    return model


# ===================================================================== where save writes


@pytest.mark.parametrize(
    ("name", "written"),
    [("m", "m.npz"), ("m.npz", "m.npz"), ("m.NPZ", "m.NPZ"), ("m.Npz", "m.Npz"),
     ("m.v2", "m.v2.npz"), (".hidden", ".hidden.npz")],
)
def test_save_appends_npz_unless_the_name_ends_in_it_in_any_case(
        tmp_path: Path, name: str, written: str) -> None:
    model = small_model()
    path = model.save(tmp_path / name)
    assert path == tmp_path / written
    assert sorted(p.name for p in tmp_path.iterdir()) == [written]  # no temporary file left
    assert np.array_equal(A.Sequential.load(path).predict([[1.0, 2.0]]),
                          model.predict([[1.0, 2.0]]))


@pytest.mark.parametrize(
    ("target", "error", "message"),
    [
        (lambda d: io.BytesIO(), TypeError,
         r"Sequential.save: path must be a file name \(str or os.PathLike\), got BytesIO; a "
         r"model is written to a temporary file that is then renamed over the target"),
        (lambda d: open(os.devnull, "wb"), TypeError,  # noqa: SIM115 - closed below
         r"Sequential.save: path must be a file name \(str or os.PathLike\), got BufferedWriter"),
        (lambda d: 3, TypeError, r"Sequential.save: path must be a file name .*got int"),
        (lambda d: d, ValueError,
         r"Sequential.save: '.*' is a directory; give a file name inside it, such as "
         r"'.*model.npz'"),
        (lambda d: str(d), ValueError, r"Sequential.save: '.*' is a directory"),
        (lambda d: d / "missing" / "m.npz", ValueError,
         r"Sequential.save: the directory '.*missing' does not exist; create it first"),
    ],
    ids=["BytesIO", "open-file", "int", "directory", "directory-str", "missing-directory"],
)
def test_save_refuses_what_is_not_a_file_name(tmp_path: Path, target, error, message) -> None:
    where = target(tmp_path)
    try:
        with pytest.raises(error, match=message):
            small_model().save(where)
    finally:
        if hasattr(where, "close"):
            where.close()
    assert list(tmp_path.iterdir()) == []  # nothing written, not even dir.npz


def test_save_refuses_a_directory_named_like_the_file(tmp_path: Path) -> None:
    (tmp_path / "m.npz").mkdir()
    with pytest.raises(ValueError, match=r"Sequential.save: '.*m.npz' is a directory; give another file name"):
        small_model().save(tmp_path / "m")


@pytest.mark.parametrize("source", [io.BytesIO(b"PK"), 3, None], ids=["BytesIO", "int", "None"])
def test_load_refuses_what_is_not_a_file_name(source: object) -> None:
    with pytest.raises(TypeError, match=r"Sequential.load: path must be a file name \(str or os.PathLike\), got "):
        A.Sequential.load(source)


def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = small_model().save(tmp_path / "m.npz")
    before = path.read_bytes()

    class ArrayParam:  # an activation parameter that JSON cannot hold: save fails early
        name, params, elementwise = "leaky_relu", {"negative_slope": np.ones(2)}, True

    model = small_model()
    model.layers[0].activation = ArrayParam()
    with pytest.raises(ValueError, match="cannot be saved"):
        model.save(path)
    original = np.savez

    def failing(*args: object, **kwargs: object) -> None:  # fails in the middle of writing
        original(*args, **kwargs)
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", failing)
    with pytest.raises(OSError, match="disk full"):
        A.Sequential([A.Dense(5, input_dim=2)], seed=1).save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]


_RESAVER = """
import sys
import numpy as np
import activations as A

model = A.Sequential([A.Dense(2000, input_dim=2000)], seed=0)   # 4 million weights, 32 MB
kernel = model.layers[0].kernel
print("ready", flush=True)
version = 1
while True:
    kernel[...] = version
    model.save(sys.argv[1])
    version += 1
"""


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.3, 0.5, 0.9])
def test_a_save_killed_at_any_moment_leaves_a_loadable_file(tmp_path: Path, delay: float) -> None:
    path = tmp_path / "big.npz"
    model = A.Sequential([A.Dense(2000, input_dim=2000)], seed=0)
    model.layers[0].kernel[...] = 0
    model.save(path)
    child = subprocess.Popen([sys.executable, "-c", _RESAVER, str(path)], env=CHILD_ENV,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    loaded = A.Sequential.load(path)  # the old file or a new one, never a mixture
    kernel = loaded.layers[0].kernel
    assert kernel.shape == (2000, 2000) and (kernel == kernel[0, 0]).all()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "big.npz"]
    assert all(n.startswith(".big.npz.") and n.endswith(".tmp") for n in leftovers), leftovers


# ===================================================================== the previous version's files

# Written by the version before the engine was split into model, training, callbacks and
# saving (commit 17d771c): the format is unchanged, so the same bytes must load and re-save.
_V1_ARCHITECTURE = (
    '{"compile": {"loss": {"name": "binary_crossentropy", "params": {"from_logits": false}}, '
    '"metrics": ["accuracy"], "optimizer": {"name": "adam", "params": {"amsgrad": false, '
    '"beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07, "learning_rate": 0.01}}}, "dtype": '
    '"float64", "format": "activations.Sequential", "format_version": 1, "input_dim": 2, '
    '"layers": [{"activation": {"initial_weight": [0.1, 0.2, 0.3], "name": "prelu", "params": '
    '{}}, "bias_initializer": {"name": "zeros", "params": {}}, "class": "Dense", "input_dim": '
    '2, "kernel_initializer": {"name": "glorot_uniform", "params": {}}, "name": "dense_0", '
    '"units": 3, "use_bias": true}, {"activation": {"name": "sigmoid", "params": {}}, '
    '"bias_initializer": {"name": "zeros", "params": {}}, "class": "Dense", "input_dim": 3, '
    '"kernel_initializer": {"name": "glorot_uniform", "params": {}}, "name": "dense_1", '
    '"units": 1, "use_bias": true}], "parameters": [{"key": "param_000", "layer": 0, "name": '
    '"kernel", "shape": [2, 3]}, {"key": "param_001", "layer": 0, "name": "bias", "shape": '
    '[3]}, {"key": "param_002", "layer": 0, "name": "prelu_weight", "shape": [3]}, {"key": '
    '"param_003", "layer": 1, "name": "kernel", "shape": [3, 1]}, {"key": "param_004", '
    '"layer": 1, "name": "bias", "shape": [1]}]}'
)
_V1_PARAMETERS = {
    "param_000": [[0.9405014376712305, -0.3725595333883989, 0.4572158248259738],
                  [-0.7902464254249081, -0.1390813832648301, 0.2945492878732396]],
    "param_001": [-0.02992239898489383, -0.0023526592528536772, -0.029931305768728145],
    "param_002": [0.12995585451028507, 0.17019741035857913, 0.28430980253393123],
    "param_003": [[-1.0559614971739342], [0.7513402743168089], [-0.5367552281654041]],
    "param_004": [0.02990042420188401],
}
_V1_CHECKSUM = "441fd542df542b602d5c5e2c718c94cb8903df4483c7465ae34f492889109d50"
_V1_PREDICTION = 0.2900536508291816  # predict([[0.5, -0.5]]) in the version that saved it


def test_files_of_the_previous_version_load_and_resave_identically(tmp_path: Path) -> None:
    old = tmp_path / "old.npz"
    np.savez(old, architecture=np.frombuffer(_V1_ARCHITECTURE.encode(), dtype=np.uint8),
             checksum=np.frombuffer(bytes.fromhex(_V1_CHECKSUM), dtype=np.uint8),
             **{k: np.array(v) for k, v in _V1_PARAMETERS.items()})
    model = A.Sequential.load(old)
    layer = model.layers[0]
    assert layer.param_names == ("kernel", "bias", "prelu_weight")
    assert layer.parameter("prelu_weight").tolist() == _V1_PARAMETERS["param_002"]
    assert np.shares_memory(layer.prelu_weight, model._flat)  # the old attribute still reads
    assert model.predict([[0.5, -0.5]])[0, 0] == pytest.approx(_V1_PREDICTION, rel=1e-14)
    assert model.loss.name == "binary_crossentropy" and model.metrics == ["accuracy"]
    new = model.save(tmp_path / "new.npz")
    with np.load(new) as data:
        assert data["architecture"].tobytes().decode() == _V1_ARCHITECTURE
        assert data["checksum"].tobytes().hex() == _V1_CHECKSUM


# ===================================================================== hostile files


def _write(path: Path, arch: dict, params: dict[str, np.ndarray]) -> Path:
    """A file with a valid checksum for whatever it declares."""
    text = json.dumps(arch).encode()
    np.savez(path, architecture=np.frombuffer(text, dtype=np.uint8),
             checksum=np.frombuffer(saving._checksum(text, params), dtype=np.uint8), **params)
    return path


def _saved_parts(tmp_path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    path = A.Sequential([A.Dense(3, "softmax", input_dim=1), A.Dense(1)], seed=0).save(
        tmp_path / "honest.npz")
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    return json.loads(arrays.pop("architecture").tobytes()), {
        k: v for k, v in arrays.items() if k.startswith("param_")}


def _npy_header(shape: tuple[int, ...], dtype: str = "<f8") -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer, {"descr": dtype, "fortran_order": False, "shape": shape})
    return buffer.getvalue()


GIB2 = 2**31 // 8  # float64 values in 2 GiB


def hostile_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Small files that declare a 2 GiB layer or array, with the error each must raise."""
    arch, params = _saved_parts(tmp_path)
    files = {}
    wide = json.loads(json.dumps(arch))
    wide["layers"][0]["units"] = GIB2  # a 2 GiB kernel (and a softmax probe of that width)
    files["layer"] = (_write(tmp_path / "layer.npz", wide, params),
                      r"Sequential.load: layer 0 declares 268435456 kernel columns \(a kernel of "
                      r"at least 2.0 GiB\) but the file stores its kernel with shape \(1, 3\)")
    # an array header that claims 2 GiB of data the entry does not hold
    lying = tmp_path / "array.npz"
    with zipfile.ZipFile(lying, "w") as zf:
        listed = json.loads(json.dumps(arch))
        listed["parameters"][0]["shape"] = [1, GIB2]
        listed["layers"][0]["units"] = GIB2
        text = json.dumps(listed).encode()
        zf.writestr("architecture.npy", _npy_header((len(text),), "|u1") + text)
        zf.writestr("checksum.npy", _npy_header((32,), "|u1") + bytes(32))
        zf.writestr("param_000.npy", _npy_header((1, GIB2)) + bytes(64))
        for key, value in params.items():
            if key != "param_000":
                buffer = io.BytesIO()
                np.save(buffer, value)
                zf.writestr(key + ".npy", buffer.getvalue())
    files["array"] = (lying, r"Sequential.load: .*array.npz is not a readable .npz model file: "
                             r"the entry 'param_000' declares an array of shape \(1, 268435456\) "
                             r"\(2.0 GiB\) but holds 64 bytes of data")
    # a compressed entry: 16 MiB of zeros in a few kilobytes (save never compresses)
    packed = tmp_path / "packed.npz"
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("param_000.npy", _npy_header((2**21,)) + bytes(2**24))
    files["compressed"] = (packed, r"Sequential.load: .*packed.npz is not a readable .npz model "
                                   r"file: the entry 'param_000' is compressed, and "
                                   r"Sequential.save stores arrays uncompressed")
    return files


@pytest.mark.parametrize("kind", ["layer", "array", "compressed"])
def test_hostile_files_raise_before_allocating(tmp_path: Path, kind: str) -> None:
    path, message = hostile_files(tmp_path)[kind]
    assert path.stat().st_size < 20_000
    with pytest.raises(ValueError, match=message):
        A.Sequential.load(path)


_LOAD_AND_MEASURE = """
import resource, sys
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux
import activations as A
for path in sys.argv[1:]:
    try:
        A.Sequential.load(path)
    except ValueError as exc:
        print("refused:", str(exc)[:60])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in KiB on Linux")
def test_hostile_files_cost_no_memory(tmp_path: Path) -> None:
    paths = [str(p) for p, _ in hostile_files(tmp_path).values()]
    # Linux carries the peak RSS of the process that execs into the new program, so the child
    # is started by a small shell (which forks it) rather than by this large test process.
    trampoline = ["sh", "-c", '"$@"; exit $?', "sh", sys.executable, "-c", _LOAD_AND_MEASURE]
    out = subprocess.run([*trampoline, *paths], env=CHILD_ENV, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert int(out[0]) / 1024 < 50, f"the child started at {int(out[0]) / 1024:.0f} MiB"
    assert [line.startswith("refused:") for line in out[1:-1]] == [True] * len(paths), out
    peak_mib = int(out[-1]) / 1024
    assert peak_mib < 300, f"peak RSS {peak_mib:.0f} MiB while refusing files declaring 2 GiB"
