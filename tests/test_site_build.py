"""The site's sources and its strict build: every activation has a page, every public module an
API page, the build is fast and deterministic, pages stay light, and every Python block a reader
can copy from the built site runs as pasted.
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import subprocess
import sys
import textwrap
import urllib.parse
from pathlib import Path

import pytest
from mkdocs.utils import meta as mkdocs_meta

import activations
from conftest import ROOT, build_site, site_pages

KOREAN_SHARE_LIMIT = 0.75
"""The Korean edition (its pages, and its figures drawn from the English build's) may cost at
most this share of the English edition's CPU time. Both are measured in the same build, so a
busy machine slows both alike; an edition that ran the blocks again would cost about as much
as the English one. (A bound in seconds would fail on a busy machine: the same build has
cost from 76 s to 94 s of CPU for its English edition here.)"""
PAGE_BYTES_LIMIT = 1_500_000
DOCS = ROOT / "docs"


# ------------------------------------------------------------------------------------ sources


def test_every_activation_has_a_page():
    missing = [name for name in activations.names() if not (DOCS / "activations" / f"{name}.md").is_file()]
    assert missing == [], f"add docs/activations/<name>.md for {missing}"


def test_no_page_for_an_unknown_activation():
    pages = {path.stem for path in (DOCS / "activations").glob("*.md") if "." not in path.stem} - {"index"}
    assert sorted(pages - set(activations.names())) == []


PROSE_HEADINGS = [
    "## What it is",
    "## Why it was introduced",
    "## Strengths and weaknesses",
    "## When to use it",
    "## Example",
]


@pytest.mark.parametrize("name", activations.names())
def test_activation_page_file_holds_only_its_prose(name):
    """The header (title, formulas, figure, facts, names, signature, example) is generated from
    the declaration by docs/hooks/activation_pages.py; the file holds the explanation."""
    text = (DOCS / "activations" / f"{name}.md").read_text()
    assert text.startswith("## What it is\n"), "the prose starts with its first section"
    assert "activation_page_header" not in text and f'id="{name}-header"' not in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[:5] == PROSE_HEADINGS


def test_the_site_helpers_are_not_pages():
    helpers = sorted(p.name for p in (DOCS / "_site").glob("*.py"))
    assert {"site_figures.py", "catalog_pages.py"} <= set(helpers)
    assert not list((DOCS / "_site").glob("*.md"))


def test_no_image_files_are_committed_under_docs():
    tracked = subprocess.run(
        ["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    images = [p for p in tracked if Path(p).suffix.lower() in {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}]
    assert images == []


# -------------------------------------------------------------------------------- the build


@pytest.mark.slow
def test_site_builds_strict_and_the_korean_edition_costs_less(site_build):
    warnings = [line for line in site_build.log.splitlines() if line.startswith("WARNING")]
    assert site_build.ok, "\n".join(warnings) or site_build.log[-3000:]
    costs = re.search(
        r"the English edition cost ([\d.]+) s of CPU, and drawing its figures in Korean ([\d.]+) s",
        site_build.log,
    )
    both = re.search(r"both editions cost ([\d.]+) s of CPU", site_build.log)
    assert costs and both, "the build logs what each edition cost"
    english = float(costs.group(1))
    korean = float(both.group(1)) - english
    print(f"\nCPU time: English edition {english:.1f} s, Korean edition {korean:.1f} s "
          f"(of which figures {float(costs.group(2)):.1f} s)")
    assert korean < KOREAN_SHARE_LIMIT * english, "the Korean edition runs no block again"


@pytest.mark.slow
def test_every_activation_and_module_is_built(site_dir):
    pages = set(site_pages(site_dir))
    assert {f"activations/{name}/" for name in activations.names()} <= pages
    api_pages = {page for page in pages if page.startswith("api/")}
    for page in api_pages - {"api/"}:
        module = "activations." + page.removeprefix("api/").rstrip("/")
        assert f'id="{module}"' in (site_dir / page / "index.html").read_text(), module


@pytest.mark.slow
def test_pages_are_under_the_weight_limit(site_dir):
    sizes = {page: (site_dir / page / "index.html").stat().st_size for page in site_pages(site_dir)}
    heaviest = max(sizes, key=sizes.get)
    print(f"\nlargest page: /{heaviest} {sizes[heaviest] / 1e6:.2f} MB")
    assert {page: size for page, size in sizes.items() if size >= PAGE_BYTES_LIMIT} == {}


@pytest.mark.slow
def test_no_python_file_is_published(site_dir):
    published = sorted(str(p.relative_to(site_dir)) for p in site_dir.rglob("*")
                       if p.suffix in {".py", ".pyc"} or p.name in {"_site", "hooks"})
    assert published == []


class _Text(html.parser.HTMLParser):
    """The text of a page's article, with a marker for each element of interest."""

    MARKERS = {"h1": "[h1]", "h2": "[h2]", "svg": "[figure]", "table": "[table]"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._in_article = False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self._in_article = True
        elif self._in_article:
            if tag in self.MARKERS:
                self.parts.append(self.MARKERS[tag])
            if "signature" in classes:
                self.parts.append("[signature]")
            if "tabbed-set" in classes:
                self.parts.append("[tabs]")
            if "filename" in classes:
                self.parts.append("[code title]")

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article = False
        elif self._in_article and tag == "h1":
            self.parts.append("[/h1]")

    def handle_data(self, data):
        if self._in_article and data.strip():
            self.parts.append(data.strip())


def _article(page_html: str) -> list[str]:
    parser = _Text()
    parser.feed(page_html)
    return parser.parts


@pytest.mark.slow
@pytest.mark.parametrize("name", activations.names())
def test_built_activation_page_has_the_generated_header_above_its_prose(site_dir, name):
    act = activations.get(name)
    parts = _article((site_dir / "activations" / name / "index.html").read_text())
    head = parts[: parts.index("What it is")]
    assert head[0] == "[h1]"
    title = [part for part in head[1:head.index("[/h1]")] if part != "¶"]
    assert " ".join(title) == act.title  # a tooltip (abbr) in the title splits its text
    markers = [part for part in head if re.fullmatch(r"\[[a-z0-9 ]+\]", part)]  # not "[-2.0, ..."
    assert markers[1:] == ["[figure]", "[table]", "[tabs]", "[signature]", "[code title]", "[h2]"]
    for label in ("PyTorch", "Keras", "JAX", "Example"):
        assert label in head
    assert f"activations.{name}" in "".join(head)


def _nav_lessons() -> list[str]:
    import yaml

    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["nav"]
    learn = next(entry["Learn"] for entry in nav if isinstance(entry, dict) and "Learn" in entry)
    paths = [next(iter(e.values())) if isinstance(e, dict) else e for e in learn]
    return [path for path in paths if path != "learn/index.md"]


@pytest.mark.slow
def test_learn_table_and_navigation_list_the_lessons_in_one_order(site_dir):
    page = (site_dir / "learn" / "index.html").read_text()
    expected = [path.removeprefix("learn/").removesuffix(".md") + "/" for path in _nav_lessons()]
    article = page[page.index("<article"):page.index("</article>")]
    table = article[article.index("<table>"):article.index("</table>")]
    assert re.findall(r'<a href="([^"]+)">', table) == expected
    sidebar = page[page.index("md-nav--primary"):page.index("<article")]
    in_sidebar = [link for link in re.findall(r'href="([^"#]+)"', sidebar) if link in expected]
    assert list(dict.fromkeys(in_sidebar)) == expected


MEASURED_KEY = "measured_at_build"


def measured_pages() -> set[str]:
    """URL paths of the pages whose front matter says ``measured_at_build: true``: they report
    measurements of the machine that builds the site (timings), so they differ between
    builds. Every other page must be byte-identical from one build to the next."""
    pages = set()
    for path in DOCS.rglob("*.md"):
        _, meta = mkdocs_meta.get_data(path.read_text())
        if meta.get(MEASURED_KEY) is True:
            stem = path.relative_to(DOCS).with_suffix("").as_posix().removesuffix(".ko")
            page = "" if stem == "index" else stem.removesuffix("index") if stem.endswith("/index") else stem + "/"
            pages |= {page, "ko/" + page}  # the Korean edition shows the same measurements
    return pages


def _search_entries(site: Path, exempt: set[str]) -> list[dict]:
    entries = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    return [e for e in entries if e["location"].split("#")[0] not in exempt]


@pytest.mark.slow
def test_two_builds_are_identical(site_dir, tmp_path):
    second = build_site(tmp_path / "again")
    assert second.ok, second.log[-3000:]
    first_files = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*") if p.is_file())
    second_files = sorted(p.relative_to(second.site_dir) for p in second.site_dir.rglob("*") if p.is_file())
    assert first_files == second_files
    exempt = measured_pages()
    skip = {Path(page) / "index.html" for page in exempt} | {Path("search/search_index.json")}
    differing = [
        str(p) for p in first_files
        if p not in skip and (site_dir / p).read_bytes() != (second.site_dir / p).read_bytes()
    ]
    assert differing == [], f"pages that report build-time measurements say {MEASURED_KEY}: true"
    assert _search_entries(site_dir, exempt) == _search_entries(second.site_dir, exempt)


class _Links(html.parser.HTMLParser):
    """Collect the ids of a page and the URLs it links to or loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attributes[key])
        for key in ("href", "src"):
            if attributes.get(key) and tag in ("a", "link", "script", "img", "source"):
                self.urls.append(attributes[key])


def _parse_links(page_html: str) -> _Links:
    parser = _Links()
    parser.feed(page_html)
    return parser


@pytest.mark.slow
def test_internal_links_and_anchors_resolve(site_dir):
    """Every link within the site reaches a file, and every #anchor an element of its page:
    this also covers links printed by executed code blocks, which mkdocs does not check."""
    parsed = {page: _parse_links((site_dir / page / "index.html").read_text()) for page in site_pages(site_dir)}
    broken = []
    for page, links in parsed.items():
        for url in links.urls:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:")):
                continue  # another origin: a link, never loaded (the browser tests check that)
            target = urllib.parse.urljoin("/" + page, parts.path) if parts.path else "/" + page
            target_page = target.lstrip("/")
            file = site_dir / target_page
            if target.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"/{page}: {url} -> no file {target}")
                continue
            fragment = urllib.parse.unquote(parts.fragment)
            if fragment and target.endswith("/") and target_page in parsed:
                if fragment not in parsed[target_page].ids:
                    broken.append(f"/{page}: {url} -> no #{fragment} in /{target_page}")
    assert broken == []


# ----------------------------------------------------------------------------- code blocks


class _CodeBlocks(html.parser.HTMLParser):
    """Collect the text of every highlighted code block, with its language, as Material's copy
    button copies it (the text of the ``<code>`` element). The signatures that mkdocstrings
    prints above each function (``doc-signature``) are declarations, not code to run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._stack: list[str | None] = []  # language of each open div, None if not a code block
        self._language: str | None = None
        self._in_code = 0
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div":
            language = next((c.removeprefix("language-") for c in classes if c.startswith("language-")), None)
            code = "highlight" in classes and "doc-signature" not in classes
            self._stack.append(language if code else None)
            if self._stack[-1]:
                self._language = self._stack[-1]
        elif tag == "code" and self._language:
            self._in_code += 1

    def handle_endtag(self, tag):
        if tag == "code" and self._in_code:
            self._in_code -= 1
            if not self._in_code:
                self.blocks.append((self._language, "".join(self._text)))
                self._text = []
        elif tag == "div" and self._stack:
            if self._stack.pop():
                self._language = next((lang for lang in reversed(self._stack) if lang), None)

    def handle_data(self, data):
        if self._in_code:
            self._text.append(data)


def code_blocks(page_html: str) -> list[tuple[str, str]]:
    parser = _CodeBlocks()
    parser.feed(page_html)
    return parser.blocks


# Runs a page's Python blocks in order, in one fresh interpreter, as a reader pasting them one
# after the other would; exits with 10 + the index of the first block that fails.
_RUN_BLOCKS = textwrap.dedent(
    """
    import json, sys, traceback
    blocks = json.load(sys.stdin)
    namespace = {"__name__": "__main__"}
    for index, source in enumerate(blocks):
        try:
            exec(compile(source, f"<block {index + 1}>", "exec"), namespace)
        except BaseException:
            traceback.print_exc()
            sys.exit(10 + index)
    """
)

# Runs pycon blocks (prompts and expected output) as doctests, in a fresh interpreter.
_RUN_DOCTESTS = textwrap.dedent(
    """
    import doctest, json, sys
    blocks = json.load(sys.stdin)
    parser, failed = doctest.DocTestParser(), 0
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for index, source in enumerate(blocks):
        test = parser.get_doctest(source, {"__name__": "__main__"}, f"block {index + 1}", None, 0)
        failed += runner.run(test).failed
    sys.exit(1 if failed else 0)
    """
)


def _run(script: str, blocks: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MPLBACKEND="Agg")
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        input=json.dumps(blocks),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )


@pytest.mark.slow
def test_python_blocks_run_as_pasted(site_dir, tmp_path):
    failures = []
    count = 0
    ran = set()  # a Korean page shown in English has the English page's blocks: run them once
    for page in site_pages(site_dir):
        blocks = [text for lang, text in code_blocks((site_dir / page / "index.html").read_text())
                  if lang in {"python", "py"}]
        if not blocks or tuple(blocks) in ran:
            continue
        ran.add(tuple(blocks))
        count += len(blocks)
        result = _run(_RUN_BLOCKS, blocks, tmp_path)
        if result.returncode != 0:
            index = result.returncode - 10
            block = blocks[index] if 0 <= index < len(blocks) else ""
            failures.append(f"/{page} block {index + 1}:\n{block}\n{result.stderr[-2000:]}")
    print(f"\n{count} Python blocks ran")
    assert count > 0
    assert failures == [], "\n\n".join(failures)


@pytest.mark.slow
def test_console_blocks_run_as_doctests(site_dir, tmp_path):
    failures = []
    for page in site_pages(site_dir):
        blocks = [text for lang, text in code_blocks((site_dir / page / "index.html").read_text())
                  if lang == "pycon"]
        if blocks:
            result = _run(_RUN_DOCTESTS, blocks, tmp_path)
            if result.returncode != 0:
                failures.append(f"/{page}:\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
    assert failures == [], "\n\n".join(failures)


def test_code_block_extraction():
    page = (
        '<div class="language-python highlight"><pre><span></span><code>'
        '<span class="kn">import</span> <span class="nn">math</span>\n'
        "print(math.pi &lt; 4)\n</code></pre></div>"
        '<div class="language-text highlight"><pre><code>3.14</code></pre></div>'
    )
    assert code_blocks(page) == [("python", "import math\nprint(math.pi < 4)\n"), ("text", "3.14")]


# --------------------------------------------------------------------------- the reader's site


def _hook(name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"{name}_in_build_test", DOCS / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def search_queries() -> dict[str, str]:
    """``{what a reader types: the activation whose page must come first}``: every registry
    name and alias, written as a reader would (``leaky relu``) and run together
    (``leakyrelu``)."""
    queries = {}
    for name in activations.names():
        for spelling in (name, *activations.get(name).aliases):
            queries[spelling.replace("_", " ")] = name
            queries[spelling.replace("_", "")] = name  # run together: ``leakyrelu``
    return queries


_MATERIAL_SEARCH = """
// Run Material's own search worker (lunr and Material's query handling) on a built index.
const fs = require("fs")
const [worker, index, queries] = process.argv.slice(-3)
const listeners = []
let reply = null
globalThis.self = globalThis
globalThis.addEventListener = (type, fn) => listeners.push(fn)
globalThis.postMessage = (message) => reply(message)
// the lunr language support the index asks for (lang: [en, ko]), from the site's own files
const lunrDir = require("path").join(require("path").dirname(worker), "..", "lunr")
globalThis.importScripts = (...urls) => urls.forEach((url) => {
  const file = require("path").join(lunrDir, ...url.split("/lunr/").pop().split("/"))
  new Function("exports", "module", "define", fs.readFileSync(file, "utf8")).call(globalThis)
})
eval(fs.readFileSync(worker, "utf8"))
const send = (data) => new Promise((resolve) => { reply = resolve; listeners.forEach((fn) => fn({ data })) })
;(async () => {
  // the setup message the page sends: the index, and the search.suggest feature
  await send({ type: 0, data: { ...JSON.parse(fs.readFileSync(index, "utf8")), options: { suggest: true } } })
  const ranked = {}
  for (const query of JSON.parse(queries)) {
    const { data } = await send({ type: 2, data: query })
    ranked[query] = data.items.map((group) => group[0].location)
  }
  console.log(JSON.stringify(ranked))
})()
"""


def material_search(site: Path, queries: list[str]) -> dict[str, list[str]]:
    """``{query: locations of the result groups, best first}`` as Material's search worker
    (run by Node.js) ranks them on the built site's index."""
    import shutil

    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js is not installed: the browser search test covers the ranking")
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    result = subprocess.run(
        [node, "-e", _MATERIAL_SEARCH, "--", str(worker), str(site / "search" / "search_index.json"), json.dumps(queries)],
        capture_output=True, text=True, check=True, timeout=120,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def search_ranks(site_dir):
    return material_search(site_dir, list(search_queries()))


@pytest.mark.slow
@pytest.mark.parametrize("query", list(search_queries()))
def test_search_ranks_the_activation_first_for_its_name(search_ranks, query):
    name = search_queries()[query]
    assert search_ranks[query], f"no result for {query!r}"
    assert search_ranks[query][0].split("#")[0] == f"activations/{name}/", search_ranks[query][:5]


@pytest.mark.slow
def test_search_previews_hold_no_latex_source_or_run_together_tabs(site_dir):
    """What a search result shows is text: no TeX source (``\\frac``, ``\\(``) and no tab
    labels glued together (``ThispackagePyTorchKerasJAX``). Code is shown as code."""
    entries = json.loads((site_dir / "search" / "search_index.json").read_text())["docs"]
    for entry in entries:
        entry["text"] = re.sub(r"<pre>.*?</pre>|<code>.*?</code>", " ", entry["text"], flags=re.S)
    raw_tex = re.compile(r"\\[a-zA-Z]+|\\[()\[\]]|\$\$")
    glued = re.compile(r"PyTorchKeras|KerasJAX|packagePyTorch")
    bad = [
        (entry["location"], match.group(0))
        for entry in entries
        for match in [raw_tex.search(entry["text"]) or glued.search(entry["text"])]
        if match
    ]
    assert bad == []


@pytest.mark.slow
@pytest.mark.parametrize("alias", sorted(_hook("catalog_nav").alias_redirects()))
def test_an_alias_url_leads_to_its_activation(site_dir, alias):
    name = _hook("catalog_nav").alias_redirects()[alias]
    page = (site_dir / "activations" / alias / "index.html").read_text()
    links = _parse_links(page).urls
    assert f'<meta http-equiv="refresh" content="0; url=../{name}/">' in page
    assert f'<link rel="canonical" href="../{name}/">' in page
    assert f"../{name}/" in links and (site_dir / "activations" / name / "index.html").is_file()


@pytest.mark.slow
def test_katex_is_loaded_only_by_pages_with_math(site_dir):
    loads, math = set(), set()
    for page in site_pages(site_dir):
        text = (site_dir / page / "index.html").read_text()
        if any("katex" in url for url in _parse_links(text).urls):
            loads.add(page)
        if 'class="arithmatex"' in text:
            math.add(page)
    assert math, "the catalog pages hold math"
    assert loads == math


@pytest.mark.slow
def test_the_engine_guide_is_listed_once_and_follows_the_api_index(site_dir):
    page = (site_dir / "training" / "index.html").read_text()
    footer = page[page.index('class="md-footer"'):]
    previous = re.search(r'md-footer__link--prev"[^>]*aria-label="Previous: ([^"]+)"', footer)
    assert previous and previous.group(1) == "API reference"
    tabs = page[page.index('class="md-tabs"'):page.index("</nav>", page.index('class="md-tabs"'))]
    assert "Training" not in re.sub(r"<[^>]+>", " ", tabs)


@pytest.mark.slow
def test_the_activations_nav_is_grouped_by_family(site_dir):
    page = (site_dir / "activations" / "index.html").read_text()
    sidebar = page[page.index("md-nav--primary"):page.index("<article")]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", sidebar))
    groups = _hook("catalog_nav").activation_groups()
    positions = [text.index(f" {title} ") for title, _ in groups]
    assert positions == sorted(positions)
    ends = positions[1:] + [text.index(" API reference ", positions[-1])]
    for (title, pages), start, end in zip(groups, positions, ends):
        section = text[start + len(title) + 1:end + 1]
        for page_title, _ in pages:
            assert f" {page_title} " in section, (title, page_title)


@pytest.mark.slow
def test_the_api_table_lists_the_modules_in_the_order_of_the_sidebar(site_dir):
    page = (site_dir / "api" / "index.html").read_text()
    article = page[page.index("<article"):page.index("</article>")]
    table = article[article.index("<table>"):article.index("</table>")]
    in_table = re.findall(r'<a href="(\w+)/">', table)
    sidebar = page[page.index("md-nav--primary"):page.index("<article")]
    in_sidebar = [link.removesuffix("/") for link in re.findall(r'href="(\w+)/"', sidebar)]
    expected = _hook("catalog_nav").public_modules()
    assert in_table == expected
    assert [name for name in in_sidebar if name in expected] == expected
    assert expected.index("model") < expected.index("training") < expected.index("callbacks")


@pytest.mark.slow
def test_headings_have_no_tooltips_and_pages_no_empty_paragraphs(site_dir):
    """A title reads as a title (the glossary's tooltips stay in the text), and a hidden block
    that prints nothing leaves no empty paragraph (a gap) behind."""
    tooltips, empty, in_text = [], [], 0
    for path in sorted(site_dir.rglob("index.html")):
        page = path.read_text(encoding="utf-8")
        if "<article" not in page:
            continue
        article = page[page.index("<article"):page.index("</article>")]
        page_name = str(path.parent.relative_to(site_dir))
        headings = re.findall(r"<(h[1-6])\b[^>]*>(.*?)</\1>", article, flags=re.S)
        tooltips += [(page_name, text) for _, text in headings if "<abbr" in text]
        empty += [page_name] * len(re.findall(r"<p>\s*</p>", article))
        in_text += article.count("<abbr")
    assert tooltips == []
    assert empty == []
    assert in_text > 0, "the body text keeps its tooltips"


def readme_examples() -> list[tuple[str, str]]:
    """``(code, output)`` for each Python block of the README followed by the text block of
    what it prints."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```\s*\n\s*prints\s*\n\s*```text\n(.*?)```", text, flags=re.S)


def test_the_readme_example_prints_what_the_readme_says(tmp_path):
    examples = readme_examples()
    assert examples, "README.md shows an example and what it prints"
    for code, output in examples:
        result = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True,
                                text=True, cwd=tmp_path, timeout=120)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stdout == output


def test_the_readme_sets_up_with_two_commands_and_links_the_site():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text[text.index("## Set up"):]
    commands = re.findall(r"^make \w+", setup[setup.index("```bash"):setup.index("```", setup.index("```bash") + 3)], flags=re.M)
    assert commands == ["make serve", "make test"]
    assert ".venv/bin/python" in text
    for target in ("docs/learn/index.md", "docs/activations/index.md"):
        assert f"]({target})" in text and (ROOT / target).is_file()
