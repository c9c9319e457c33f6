"""Fixtures for the site tests: one strict build per session, a local server, a browser.

The site is built once per test session with ``mkdocs build --strict`` into a temporary
directory and served on 127.0.0.1 by a stdlib HTTP server thread. Browser tests drive Debian's
Chromium (``/usr/bin/chromium``) with Playwright; when it is missing they are skipped locally
with the reason, and fail when ``CI=true``.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
IN_CI = os.environ.get("CI", "").lower() == "true"


@dataclass
class SiteBuild:
    """The outcome of one ``mkdocs build --strict``."""

    site_dir: Path
    returncode: int
    log: str
    seconds: float
    cpu_seconds: float
    """User and system CPU time of the build: what the build costs, whatever else the machine
    is doing (wall-clock time on a busy machine is not)."""

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def build_site(site_dir: Path) -> SiteBuild:
    """Run ``mkdocs build --strict`` into ``site_dir`` and time it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    cpu_before = _children_cpu_seconds()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    cpu = _children_cpu_seconds() - cpu_before
    return SiteBuild(site_dir, result.returncode, result.stdout + result.stderr, seconds, cpu)


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    """The session's strict build of the site (built on first use, whatever its outcome)."""
    build = build_site(tmp_path_factory.mktemp("site"))
    print(f"\nsite built in {build.seconds:.1f} s, {build.cpu_seconds:.1f} s of CPU "
          f"(exit code {build.returncode})")
    return build


@pytest.fixture(scope="session")
def site_dir(site_build: SiteBuild) -> Path:
    """The built site; tests that need it fail when the strict build failed."""
    if not site_build.ok:
        warnings = [line for line in site_build.log.splitlines() if "WARNING" in line or "Error" in line]
        pytest.fail("mkdocs build --strict failed:\n" + "\n".join(warnings[-30:] or [site_build.log[-3000:]]))
    return site_build.site_dir


def site_pages(site: Path) -> list[str]:
    """URL paths of every HTML page of a built site: ``""`` for the home page, ``"about/"``..."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return sorted(pages)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """Base URL of the built site, served on 127.0.0.1 from a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def browser_unavailable() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"{CHROMIUM} is missing (apt-get update && apt-get install -y chromium)"
    return None


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; skipped locally when unavailable."""
    reason = browser_unavailable()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            headless=True,
            args=CHROMIUM_ARGS,
        )
        yield chromium
        chromium.close()
