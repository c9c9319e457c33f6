"""The benchmark script runs and says what it claims: a row per function with the six ratios,
floors declared for every function PyTorch has, and the float32 floors of the functions that
compute float32 in float64 timed in float64 (which costs more than float32 here)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "bench_activations.py"


def _load():
    spec = importlib.util.spec_from_file_location("bench_activations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_function_pytorch_has_has_a_floor():
    bench = _load()
    assert set(bench.TORCH_CALLS) == set(bench.FLOORS)
    assert set(bench.WIDE) <= set(bench.FLOORS)
    assert bench.HALF <= set(bench.FLOORS)


def test_float32_floors_of_wide_functions_are_timed_in_float64():
    bench = _load()
    x = np.random.default_rng(0).standard_normal((4, 1000)).astype(np.float32)
    narrow = bench._pass_times(x, repeat=2, min_time=0.001)
    wide = bench._wide_pass_times(x, repeat=2, min_time=0.001)
    assert wide["cast"] > 0
    # the float64 floor adds the two casting copies to float64 passes, so it exceeds the
    # sum of those passes alone, whatever their speed
    for name, (forward, backward) in bench.WIDE.items():
        for direction, is_wide in enumerate((forward, backward)):
            form = bench.FLOORS[name][direction].split()
            expected = sum(wide[p] for p in form) if is_wide else sum(narrow[p] for p in form)
            expected += wide["cast"] if is_wide else 0.0
            if name in bench.HALF:
                expected /= 2
            assert bench.floor_time(name, direction, narrow, wide) == expected


def test_the_script_prints_a_table_per_size_and_dtype():
    pytest.importorskip("torch")  # installed with the crosscheck extra; the script's reference
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--names", "relu", "sigmoid", "glu", "softmax", "arctan",
         "--sizes", "2e3", "--min-time", "0.001"],
        capture_output=True, text=True, timeout=600, check=True, cwd=ROOT)
    tables = re.findall(r"^2e\+03 (float32|float64) \(copy floor [\d.]+ µs\)", run.stdout, re.M)
    assert tables == ["float32", "float64"]
    rows = re.findall(r"^\| (\w+) \| ([^\n]+) \|$", run.stdout, re.M)
    cells = {name: [c.strip() for c in rest.split("|")] for name, rest in rows
             if name != "activation"}
    for name in ("relu", "sigmoid", "glu", "softmax"):
        assert all(float(c) > 0 for c in cells[name]), cells[name]
    assert cells["arctan"][2:] == ["—"] * 4  # PyTorch has no arctan activation
    assert "sigmoid: forward exp add div; backward exp add mul div mul; float32 forward in " \
           "float64" in run.stdout
