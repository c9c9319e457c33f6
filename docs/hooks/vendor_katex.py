"""Check before a build that ``docs/assets/vendor/katex/`` holds the pinned KaTeX, unmodified.

The files are committed with a stamp of their SHA-256 hashes (``scripts/fetch_katex.py``
writes both when KaTeX is upgraded), so a build needs no network and serves exactly the
files that were reviewed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from mkdocs.exceptions import PluginError

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fetch_katex.py"


def _load_fetcher():
    spec = importlib.util.spec_from_file_location("fetch_katex", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on_pre_build(config):
    problems = _load_fetcher().problems()
    if problems:
        raise PluginError(
            "vendor_katex: docs/assets/vendor/katex is not the pinned KaTeX: "
            + "; ".join(problems)
            + ". Restore it with `git checkout -- docs/assets/vendor/katex`, or rebuild it with "
            "`python scripts/fetch_katex.py` (needs npm)."
        )
