"""The mkdocs hooks and the KaTeX fetch: warnings become build warnings, the navigation
follows the package, and a package that does not match its pinned hash is refused."""

from __future__ import annotations

import importlib.util
import logging
import re
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


# ----------------------------------------------------------------------- activation pages


@pytest.fixture(scope="module")
def activation_pages():
    return _load("docs/hooks/activation_pages.py", "activation_pages_under_test")


def test_prose_pages_and_catalog_match(activation_pages):
    paths = [f"activations/{name}.md" for name in activations.names()] + ["activations/index.md", "about.md"]
    assert activation_pages.prose_names(paths) == set(activations.names())
    assert activation_pages.mismatches(activations.names(), activation_pages.prose_names(paths)) == []


def test_a_function_without_prose_or_prose_without_function_is_reported(activation_pages):
    problems = activation_pages.mismatches(["relu", "tanh"], {"relu", "rleu"})
    assert problems == [
        "activation 'tanh' has no prose page: add docs/activations/tanh.md",
        "docs/activations/rleu.md has no activation: declare 'rleu' in the catalog or remove the page",
    ]


class _Files:
    """The part of mkdocs' Files that the hooks use."""

    def __init__(self, pages: dict[str, str]):
        self._files = {path: type("File", (), {"src_uri": path, "content_string": text})()
                       for path, text in pages.items()}

    def documentation_pages(self):
        return list(self._files.values())

    def get_file_from_path(self, path):
        return self._files.get(path)


def _page(path: str):
    page = type("Page", (), {"file": type("File", (), {"src_uri": path})()})()
    page.meta = {}
    return page


def test_the_build_fails_when_a_prose_page_is_missing(activation_pages, caplog):
    pages = {f"activations/{name}.md": "" for name in activations.names() if name != "gelu"}
    pages["activations/swishy.md"] = ""
    with caplog.at_level(logging.INFO):
        activation_pages.on_files(_Files(pages), {})
    assert _mkdocs_warnings(caplog) == [
        "activation 'gelu' has no prose page: add docs/activations/gelu.md",
        "docs/activations/swishy.md has no activation: declare 'swishy' in the catalog or remove the page",
    ]


def test_the_header_goes_above_the_prose(activation_pages, caplog):
    prose = "## What it is\n\nText.\n\n```python\n# a comment, not a title\n```\n"
    with caplog.at_level(logging.INFO):
        page = activation_pages.on_page_markdown(prose, _page("activations/relu.md"), {}, None)
    assert page.startswith("# ReLU\n") and page.endswith("\n" + prose)
    assert page.index("<svg") < page.index("## What it is")
    assert _mkdocs_warnings(caplog) == []
    relu = _page("activations/relu.md")
    activation_pages.on_page_markdown(prose, relu, {}, None)
    assert relu.meta["tags"] == activation_pages.search_terms("relu")  # what search ranks first
    other = "# About\n"
    assert activation_pages.on_page_markdown(other, _page("about.md"), {}, None) == other
    index = "# Activations\n"
    assert activation_pages.on_page_markdown(index, _page("activations/index.md"), {}, None) == index


def test_a_prose_page_with_its_own_title_is_reported(activation_pages, caplog):
    with caplog.at_level(logging.INFO):
        activation_pages.on_page_markdown("# ReLU\n\nText.\n", _page("activations/relu.md"), {}, None)
    assert _mkdocs_warnings(caplog) == ["docs/activations/relu.md has a title of its own: the header gives it"]


def test_executed_blocks_can_import_the_site_helpers(activation_pages):
    import sys

    assert str(ROOT / "docs" / "_site") in sys.path
    import site_figures

    assert site_figures.__file__ == str(ROOT / "docs" / "_site" / "site_figures.py")


# ---------------------------------------------------------------------------------- lessons


@pytest.fixture(scope="module")
def lessons():
    return _load("docs/hooks/lessons.py", "lessons_under_test")


def _config_nav() -> list:
    import yaml

    return yaml.safe_load((ROOT / "mkdocs.yml").read_text())["nav"]


def _read_docs(path: str) -> str | None:
    file = ROOT / "docs" / path
    return file.read_text() if file.is_file() else None


def _table_rows(table: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()[2:]]


def test_the_learn_table_follows_the_nav(lessons):
    nav = _config_nav()
    entries = lessons.lesson_entries(nav)
    learn_files = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs" / "learn").glob("*.md")
                         if not p.name.endswith(".ko.md"))
    assert sorted(path for _, path in entries) == [p for p in learn_files if p != "learn/index.md"]
    table, problems = lessons.lesson_table(nav, _read_docs)
    assert problems == []
    rows = _table_rows(table)
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(entries) + 1)]
    assert [re.search(r"\]\((.*)\)", row[1]).group(1) for row in rows] == [
        path.removeprefix("learn/") for _, path in entries]
    for row, (_, path) in zip(rows, entries):
        source = _read_docs(path)
        heading = next(line[2:] for line in source.splitlines() if line.startswith("# "))
        assert row[1].startswith(f"[{heading}]"), "the title is the page's heading"
        assert row[2], f"{path} says what it shows"


def test_a_new_lesson_is_one_file_and_one_line(lessons):
    nav = [{"Home": "index.md"}, {"Learn": ["learn/index.md", "learn/a.md", "learn/new.md", "learn/b.md"]}]
    pages = {
        "learn/a.md": "---\ndescription: First.\n---\n\n# Lesson A\n",
        "learn/new.md": "---\ndescription: >-\n  What the new lesson\n  shows.\n---\n\n# A new lesson\n",
        "learn/b.md": "---\ndescription: Last.\n---\n\n# Lesson B\n",
    }
    table, problems = lessons.lesson_table(nav, pages.get)
    assert problems == []
    assert table.splitlines()[2:] == [
        "| 1 | [Lesson A](a.md) | First. |",
        "| 2 | [A new lesson](new.md) | What the new lesson shows. |",
        "| 3 | [Lesson B](b.md) | Last. |",
    ]
    titled = [{"Learn": ["learn/index.md", {"Short title": "learn/a.md"}]}]
    assert "| 1 | [Short title](a.md) | First. |" in lessons.lesson_table(titled, pages.get)[0]


def test_a_lesson_without_description_or_file_is_reported(lessons):
    nav = [{"Learn": ["learn/index.md", "learn/a.md", "learn/gone.md"]}]
    _, problems = lessons.lesson_table(nav, {"learn/a.md": "# Lesson A\n"}.get)
    assert problems == [
        "learn/a.md has no description in its front matter: the Learn index shows it",
        "lesson 2 of the nav, learn/gone.md, is not a page of docs/",
    ]


def test_the_learn_index_gets_its_table_where_it_asks(lessons, caplog):
    config = type("Config", (), {"nav": [{"Learn": ["learn/index.md", "learn/a.md"]}]})()
    files = _Files({"learn/a.md": "---\ndescription: First.\n---\n\n# Lesson A\n"})
    with caplog.at_level(logging.INFO):
        out = lessons.on_page_markdown("# Learn\n\n<!-- lessons -->\n\nMore.\n", _page("learn/index.md"), config, files)
        assert lessons.on_page_markdown("<!-- lessons -->", _page("learn/a.md"), config, files) == "<!-- lessons -->"
    assert out == "# Learn\n\n| | Lesson | What it shows |\n| ---: | --- | --- |\n| 1 | [Lesson A](a.md) | First. |\n\n\nMore.\n"
    assert _mkdocs_warnings(caplog) == []
    with caplog.at_level(logging.INFO):
        lessons.on_page_markdown("# Learn\n", _page("learn/index.md"), config, files)
    assert _mkdocs_warnings(caplog) == ["learn/index.md has no <!-- lessons --> line for the table of lessons"]


def test_the_activations_nav_groups_every_activation_by_family_once():
    nav = _load("docs/hooks/catalog_nav.py", "catalog_nav_groups")
    groups = nav.activation_groups()
    paths = [path for _, pages in groups for _, path in pages]
    assert sorted(paths) == sorted(f"activations/{n}.md" for n in activations.names())
    assert len({title for title, _ in groups}) == len(groups)
    families = {activations.get(n).family for n in activations.names()}
    assert families <= set(nav.FAMILY_TITLES), "give every family a readable title"
    assert nav.family_title("relu") == "ReLU family"
    assert nav.family_title("new_family") == "New family"


def test_every_alias_gets_a_redirect_to_its_page():
    nav = _load("docs/hooks/catalog_nav.py", "catalog_nav_redirects")
    redirects = nav.alias_redirects()
    assert redirects["swish"] == "silu"
    expected = {alias: n for n in activations.names() for alias in activations.get(n).aliases}
    assert redirects == expected
    page = nav.redirect_html("../silu/", "SiLU (Swish)")
    assert '<meta http-equiv="refresh" content="0; url=../silu/">' in page
    assert '<link rel="canonical" href="../silu/">' in page
    assert '<a href="../silu/">SiLU (Swish)</a>' in page


def test_search_tags_are_the_names_a_reader_types():
    pages = _load("docs/hooks/activation_pages.py", "activation_pages_terms")
    # the words of the names; a one-word name twice; others' words that extend its own words
    assert pages.search_terms("relu") == ["relu", "relu", "relu6"]
    assert pages.search_terms("silu") == ["silu", "swish", "silu", "swish"]
    assert pages.search_terms("leaky_relu") == ["leaky", "relu", "relu6"]
    assert pages.search_terms("relu6") == ["relu6", "relu6"]
    assert pages.search_terms("threshold") == ["threshold", "threshold", "thresholded"]
    assert pages.search_terms("thresholded_relu") == ["thresholded", "relu", "relu6"]


def test_run_together_names_reach_the_search_text_not_the_tags():
    hook = _load("docs/hooks/search_text.py", "search_text_run_together")
    pages = _load("docs/hooks/activation_pages.py", "activation_pages_run_together")
    assert hook.run_together("leaky_relu") == ["leakyrelu"]
    assert hook.run_together("hard_swish") == ["hardswish", "hardsilu"]
    assert hook.run_together("relu") == [] and hook.run_together("silu") == []
    for name in activations.names():
        for spelling in hook.run_together(name):
            assert activations.get(spelling).name == name  # the registry accepts it
            assert spelling not in pages.search_terms(name)  # a tag would outrank "hard sigmoid"
    page = '<h1 id="bent_identity">Bent identity</h1>\n<p>f</p>\n<h2 id="what-it-is">What it is</h2>\n<p>g</p>'
    marked = hook.with_run_together_names(page, "bent_identity")
    first_section = marked[: marked.index("<h2")]
    assert first_section.endswith("<p hidden>bentidentity</p>\n")
    assert marked.replace("<p hidden>bentidentity</p>\n", "") == page


def test_katex_is_linked_only_into_pages_with_math():
    hook = _load("docs/hooks/vendor_katex.py", "vendor_katex_links")
    plain = "<html><head></head><body><p>no math</p></body></html>"
    assert hook.with_katex(plain, "api/layers/") == plain
    math = '<html><head></head><body><span class="arithmatex">\\(x\\)</span></body></html>'
    linked = hook.with_katex(math, "api/layers/")
    assert '<link rel="stylesheet" href="../../assets/vendor/katex/katex.min.css"></head>' in linked
    scripts = re.findall(r'<script src="([^"]+)"></script>', linked)
    assert scripts == ["../../assets/vendor/katex/katex.min.js", "../../assets/javascripts/math.js"]
    assert linked.index("</head>") < linked.index("<script")


def test_math_and_tab_labels_are_left_out_of_search():
    hook = _load("docs/hooks/search_text.py", "search_text_under_test")
    page = (
        '<p>A <span class="arithmatex">\\(x\\)</span>.</p><div class="arithmatex">\\[y\\]</div>'
        '<div class="tabbed-set"><div class="tabbed-labels"><label>A</label></div>'
        '<div class="tabbed-content">kept</div></div>'
    )
    marked = hook.exclude_from_search(page)
    assert marked.count("data-search-exclude") == 3
    assert '<div class="tabbed-content">kept</div>' in marked
