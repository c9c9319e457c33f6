"""The mkdocs hooks and the KaTeX fetch: warnings become build warnings, the navigation
follows the package, and a package that does not match its pinned hash is refused."""

from __future__ import annotations

import importlib.util
import logging
import warnings

import pytest

import activations
from conftest import ROOT


def _load(relative: str, name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def build_checks():
    module = _load("docs/hooks/build_checks.py", "build_checks_under_test")
    with warnings.catch_warnings():
        module.on_config({})
        yield module
        module.on_post_build({})


def _mkdocs_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("mkdocs") and r.levelno >= logging.WARNING]


def test_a_python_warning_during_the_build_is_a_build_warning(build_checks, caplog):
    with caplog.at_level(logging.INFO):
        warnings.warn("figure drawn twice", UserWarning, stacklevel=1)
    assert any("UserWarning" in m and "figure drawn twice" in m for m in _mkdocs_warnings(caplog))


def test_a_third_party_deprecation_stays_informational(build_checks, caplog):
    with caplog.at_level(logging.INFO):
        warnings.warn_explicit("old option", DeprecationWarning, "/usr/lib/python3/dist-packages/x.py", 1)
    assert _mkdocs_warnings(caplog) == []
    assert any("old option" in r.getMessage() for r in caplog.records)


def test_a_matplotlib_warning_is_a_build_warning(build_checks, caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("matplotlib.font_manager").warning("findfont: Font family 'Nope' not found.")
    assert any("findfont" in m for m in _mkdocs_warnings(caplog))


def test_hooks_are_removed_after_the_build(caplog):
    module = _load("docs/hooks/build_checks.py", "build_checks_removed")
    with warnings.catch_warnings():
        module.on_config({})
        module.on_post_build({})
        with caplog.at_level(logging.INFO):
            logging.getLogger("matplotlib").warning("after the build")
    assert _mkdocs_warnings(caplog) == []


def test_navigation_lists_every_activation_and_public_module():
    nav = _load("docs/hooks/catalog_nav.py", "catalog_nav_under_test")
    pages = nav.activation_pages()
    assert sorted(path for _, path in pages) == sorted(f"activations/{n}.md" for n in activations.names())
    titles = [title for title, _ in pages]
    assert titles == sorted(titles, key=str.casefold)
    modules = nav.public_modules()
    assert modules[0] == "functions" and "plotting" in modules
    assert not any(name.startswith("_") for name in modules)


def test_the_committed_katex_matches_its_stamp():
    fetcher = _load("scripts/fetch_katex.py", "fetch_katex_committed")
    assert fetcher.problems() == []


def test_a_modified_katex_file_stops_the_build(tmp_path, monkeypatch):
    import shutil

    from mkdocs.exceptions import PluginError

    fetcher = _load("scripts/fetch_katex.py", "fetch_katex_modified")
    copy = tmp_path / "katex"
    shutil.copytree(fetcher.VENDOR_DIR, copy)
    (copy / "katex.min.js").write_text("alert('not katex')")
    (copy / "fonts" / "KaTeX_Main-Regular.woff2").unlink()
    monkeypatch.setattr(fetcher, "VENDOR_DIR", copy)
    monkeypatch.setattr(fetcher, "STAMP", copy / ".package")
    hook = _load("docs/hooks/vendor_katex.py", "vendor_katex_under_test")
    monkeypatch.setattr(hook, "_load_fetcher", lambda: fetcher)
    with pytest.raises(PluginError, match=r"katex.min.js differs from its recorded SHA-256") as info:
        hook.on_pre_build({})
    assert "fonts/KaTeX_Main-Regular.woff2 is missing" in str(info.value)
    assert "git checkout -- docs/assets/vendor/katex" in str(info.value)


def test_katex_with_the_wrong_hash_is_refused(tmp_path, monkeypatch):
    fetcher = _load("scripts/fetch_katex.py", "fetch_katex_under_test")
    if fetcher._npm_command() is None:
        pytest.skip("no npm client: upgrading KaTeX needs npm")
    monkeypatch.setattr(fetcher, "VENDOR_DIR", tmp_path / "katex")
    monkeypatch.setattr(fetcher, "STAMP", tmp_path / "katex" / ".package")
    monkeypatch.setattr(fetcher, "KATEX_INTEGRITY", "sha512-" + "A" * 86 + "==")
    with pytest.raises(RuntimeError, match="has integrity sha512-"):
        fetcher.fetch(quiet=True)
    assert not (tmp_path / "katex").exists()


def test_katex_fetch_is_complete_and_idempotent(tmp_path, monkeypatch):
    fetcher = _load("scripts/fetch_katex.py", "fetch_katex_complete")
    if fetcher._npm_command() is None:
        pytest.skip("no npm client: upgrading KaTeX needs npm")
    monkeypatch.setattr(fetcher, "VENDOR_DIR", tmp_path / "katex")
    monkeypatch.setattr(fetcher, "STAMP", tmp_path / "katex" / ".package")
    target = fetcher.fetch(quiet=True)
    names = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert {"katex.min.js", "katex.min.css", "LICENSE", ".package"} <= names
    assert any(name.startswith("fonts/") and name.endswith(".woff2") for name in names)
    assert fetcher.is_current()
    stamp = (target / ".package").stat().st_mtime_ns
    fetcher.fetch(quiet=True)
    assert (target / ".package").stat().st_mtime_ns == stamp
