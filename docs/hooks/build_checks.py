"""Build checks: make ``mkdocs build --strict`` fail on what would otherwise scroll past.

* A Python warning raised while the site is built (from an executed code block, the
  library or the plotting code) becomes an mkdocs warning. MkDocs itself only logs them at
  INFO level. Deprecation warnings from third-party packages stay at INFO: they are about
  the build tools, not about the site.
* A warning that matplotlib logs (for example ``findfont: Font family ... not found``)
  becomes an mkdocs warning.
* ``SOURCE_DATE_EPOCH`` defaults to the time of the last commit, so that two builds of the
  same commit give identical files, ``sitemap.xml`` included.
"""

from __future__ import annotations

import logging
import os
import subprocess
import traceback
import warnings
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.build_checks")

ROOT = Path(__file__).resolve().parents[2]
_THIRD_PARTY_OK = (DeprecationWarning, PendingDeprecationWarning)


def _in_project(filename: str) -> bool:
    """Whether a warning was attributed to project code or to an executed code block."""
    if filename.startswith("<"):
        return True
    try:
        path = Path(filename).resolve()
    except OSError:
        return False
    return path.is_relative_to(ROOT) and ".venv" not in path.relative_to(ROOT).parts


def _showwarning(message, category, filename, lineno, file=None, line=None):
    where = f"{filename}:{lineno}"
    if issubclass(category, _THIRD_PARTY_OK) and not _in_project(filename):
        log.info("%s: %s (%s)", category.__name__, message, where)
        return
    stack = "".join(traceback.format_stack(limit=12)[:-1])
    log.warning("%s raised during the build: %s (%s)\n%s", category.__name__, message, where, stack)


class _MatplotlibRelay(logging.Handler):
    """Re-log matplotlib's warnings under the mkdocs logger, where ``--strict`` counts them."""

    def emit(self, record: logging.LogRecord) -> None:
        log.warning("matplotlib logged a warning during the build: %s", record.getMessage())


_relay = _MatplotlibRelay(level=logging.WARNING)
_saved: dict[str, object] = {}


def _install() -> None:
    if "showwarning" not in _saved:
        _saved["showwarning"] = warnings.showwarning
    warnings.showwarning = _showwarning
    # "default": report the first occurrence of each warning at each place it is raised.
    warnings.simplefilter("default")
    for category in _THIRD_PARTY_OK:
        warnings.filterwarnings("module", category=category)
    mpl_logger = logging.getLogger("matplotlib")
    if _relay not in mpl_logger.handlers:
        mpl_logger.addHandler(_relay)


def _uninstall() -> None:
    if "showwarning" in _saved:
        warnings.showwarning = _saved.pop("showwarning")
    logging.getLogger("matplotlib").removeHandler(_relay)


def _last_commit_time() -> str | None:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    stamp = result.stdout.strip()
    return stamp if stamp.isdigit() else None


def on_config(config):
    if "SOURCE_DATE_EPOCH" not in os.environ:
        stamp = _last_commit_time()
        if stamp is not None:
            os.environ["SOURCE_DATE_EPOCH"] = stamp
    _install()
    return config


def on_post_build(config):
    _uninstall()


def on_build_error(error):
    _uninstall()
