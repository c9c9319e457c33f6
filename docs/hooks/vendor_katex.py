"""Make sure the pinned KaTeX files are in ``docs/assets/vendor/katex/`` before a build.

The files are not committed; ``scripts/fetch_katex.py`` takes them from KaTeX's npm package
and checks its integrity hash. When they are already there this costs one small file read.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.vendor_katex")

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fetch_katex.py"


def _load_fetcher():
    spec = importlib.util.spec_from_file_location("fetch_katex", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on_pre_build(config):
    fetcher = _load_fetcher()
    if fetcher.is_current():
        return
    log.info("Fetching KaTeX %s into %s", fetcher.KATEX_VERSION, fetcher.VENDOR_DIR)
    try:
        fetcher.fetch(quiet=True)
    except RuntimeError as error:
        raise PluginError(str(error)) from error
