"""The built site in a real browser: every page loads, stays on its own origin, shows its
figures and math, and switches to the dark palette; search finds the ReLU page.

Each page is visited once (in a fresh browser context, light palette) and what was observed is
shared by the per-page tests below.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Two-word names that the catalog's newest functions made ambiguous for the search tags
# (``threshold`` is a prefix of "thresholded", ``hard_elish`` shares "hard"): their pages are
# found second, not first. A known defect, to be fixed in the search tags.
SEARCH_KNOWN_SECOND = {"hard sigmoid", "thresholded relu"}



def _catalog_nav():
    spec = importlib.util.spec_from_file_location("catalog_nav", ROOT / "docs" / "hooks" / "catalog_nav.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expected_pages() -> list[str]:
    """URL paths of the pages the sources should produce: every Markdown file under docs/
    plus the generated API pages."""
    docs = ROOT / "docs"
    sources = {
        path.relative_to(docs).as_posix()
        for path in docs.rglob("*.md")
        if not {"hooks", "assets", "_site", "_snippets"} & set(path.relative_to(docs).parts)
        and not path.name.endswith(".ko.md")  # the Korean edition: tests/test_site_korean.py
    }
    sources |= {f"api/{name}.md" for name in _catalog_nav().public_modules()}
    pages = []
    for source in sorted(sources):
        stem = source[: -len(".md")]
        if stem == "index":
            pages.append("")
        elif stem.endswith("/index"):
            pages.append(stem[: -len("index")])
        else:
            pages.append(stem + "/")
    return sorted(pages)


PAGES = expected_pages()


@dataclass
class Visit:
    """What one page load showed."""

    status: int | None = None
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    math: dict = field(default_factory=dict)
    dark: dict = field(default_factory=dict)


_FIGURES_JS = """
() => {
  const found = [];
  const article = document.querySelector("article") || document.body;
  for (const el of article.querySelectorAll("figure, img")) {
    // Reveal the figure the way a reader would: open its <details>, select its tab.
    for (let node = el; node && node !== article; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
      if (node.classList && node.classList.contains("tabbed-block")) {
        const blocks = Array.from(node.parentElement.children);
        const set = node.closest(".tabbed-set");
        const inputs = set.querySelectorAll(":scope > input");
        const input = inputs[blocks.indexOf(node)];
        if (input) input.click();
      }
    }
    el.scrollIntoView();
    const target = el.tagName === "FIGURE" ? (el.querySelector("svg, img") || el) : el;
    const rect = target.getBoundingClientRect();
    const style = getComputedStyle(target);
    found.push({
      what: el.tagName.toLowerCase() + (el.className ? "." + el.className : ""),
      inner: target.tagName.toLowerCase(),
      width: rect.width,
      height: rect.height,
      visible: style.visibility !== "hidden" && style.display !== "none" && Number(style.opacity) > 0,
      complete: target.tagName === "IMG" ? target.complete && target.naturalWidth > 0 : true,
    });
  }
  window.scrollTo(0, 0);
  return found;
}
"""

_MATH_JS = """
() => {
  const root = document.querySelector("article") || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      return node.parentElement.closest("pre, code, script, style, .katex")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  let text = "";
  while (walker.nextNode()) text += walker.currentNode.nodeValue;
  const raw = ["$$", "\\\\(", "\\\\)", "\\\\[", "\\\\]"].filter((token) => text.includes(token));
  const snippets = raw.map((token) => {
    const at = text.indexOf(token);
    return text.slice(Math.max(0, at - 40), at + 40);
  });
  return {
    raw, snippets,
    arithmatex: document.querySelectorAll(".arithmatex").length,
    typeset: document.querySelectorAll(".arithmatex > .katex, .arithmatex > .katex-display").length,
    errors: document.querySelectorAll(".katex-error").length,
  };
}
"""

_COLORS_JS = """
() => {
  const rgb = (css) => (css.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  const svg = document.querySelector("article figure svg");
  return {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    background: luminance(rgb(getComputedStyle(document.body).backgroundColor)),
    text: luminance(rgb(getComputedStyle(document.querySelector("article") || document.body).color)),
    figure: svg ? luminance(rgb(getComputedStyle(svg).color)) : null,
  };
}
"""


def _visit(browser, base_url: str, path: str) -> Visit:
    visit = Visit()
    origin = base_url.rstrip("/")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")

    def own(url: str) -> bool:
        return url == origin or url.startswith(origin + "/") or url.startswith(("data:", "blob:", "about:"))

    def route(route):
        if own(route.request.url):
            route.continue_()
        else:
            visit.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    context.on("request", lambda request: None if own(request.url) else visit.foreign_requests.append(request.url))
    page = context.new_page()
    page.on("console", lambda message: visit.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: visit.console_errors.append(f"uncaught: {error}"))
    page.on("response", lambda r: visit.failed_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        response = page.goto(base_url + path, wait_until="load")
        visit.status = response.status if response else None
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        visit.math = page.evaluate(_MATH_JS)
        visit.figures = page.evaluate(_FIGURES_JS)
        light = page.evaluate(_COLORS_JS)
        for _ in range(3):  # auto -> light -> dark: at most two clicks
            if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
                break
            page.locator('form[data-md-component="palette"] label:not([hidden])').first.click()
        visit.dark = {"light": light, "dark": page.evaluate(_COLORS_JS)}
    finally:
        context.close()
    return visit


@pytest.fixture(scope="session")
def visits(browser, site_url):
    """Visit each page once, on demand."""
    cache: dict[str, Visit] = {}

    def get(path: str) -> Visit:
        if path not in cache:
            cache[path] = _visit(browser, site_url, path)
        return cache[path]

    return get


#: The pages that only send the reader on: one per alias (``activations/swish/``).
ALIAS_PAGES = {f"activations/{alias}/": f"activations/{name}/" for alias, name in _catalog_nav().alias_redirects().items()}


def test_every_built_page_is_tested(site_dir: Path):
    english = [page for page in site_pages(site_dir) if not page.startswith("ko/")]
    assert english == sorted(PAGES + list(ALIAS_PAGES))


@pytest.mark.parametrize("path", PAGES)
def test_page_loads(visits, path):
    visit = visits(path)
    assert visit.status == 200
    assert not visit.failed_responses, visit.failed_responses


@pytest.mark.parametrize("path", PAGES)
def test_no_console_errors(visits, path):
    assert visits(path).console_errors == []


@pytest.mark.parametrize("path", PAGES)
def test_no_request_leaves_the_site(visits, path):
    assert visits(path).foreign_requests == []


@pytest.mark.parametrize("path", PAGES)
def test_figures_are_visible(visits, path):
    hidden = [
        figure for figure in visits(path).figures
        if not (figure["visible"] and figure["complete"] and figure["width"] > 0 and figure["height"] > 0)
    ]
    assert hidden == []


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("activations/")])
def test_activation_pages_have_a_figure(visits, path):
    assert any(figure["inner"] == "svg" for figure in visits(path).figures)


@pytest.mark.parametrize("path", PAGES)
def test_math_is_typeset(visits, path):
    math = visits(path).math
    assert math["raw"] == [], math["snippets"]
    assert math["errors"] == 0
    assert math["typeset"] == math["arithmatex"]


@pytest.mark.parametrize("path", PAGES)
def test_palette_toggle_switches_to_dark(visits, path):
    light, dark = visits(path).dark["light"], visits(path).dark["dark"]
    assert light["scheme"] == "default" and light["background"] > 0.9
    assert dark["scheme"] == "slate"
    assert dark["background"] < 0.2 and dark["text"] > 0.6
    if dark["figure"] is not None:  # figures are drawn in currentColor: light text on dark
        assert light["figure"] < 0.3 and dark["figure"] > 0.6


def _search(browser, site_url: str, query: str) -> list[str]:
    """The links of the search results for ``query``, typed key by key, in order."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url)
        page.wait_for_load_state("networkidle")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=50)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        page.wait_for_timeout(300)  # the last keystroke's results replace the earlier ones
        return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    finally:
        context.close()


def _search_queries() -> dict[str, str]:
    import activations

    queries = {}
    for name in activations.names():
        queries[name.replace("_", " ")] = name
        for alias in activations.get(name).aliases:
            queries[alias.replace("_", " ")] = name
    return queries


def test_search_finds_relu(browser, site_url):
    links = _search(browser, site_url, "relu")
    relu_page = urlsplit(urljoin(site_url, "activations/relu/"))
    assert any(urlsplit(link)[:3] == relu_page[:3] for link in links), links


@pytest.mark.parametrize("query", [
    pytest.param(q, marks=pytest.mark.xfail(strict=True, reason="found second: see SEARCH_KNOWN_SECOND"))
    if q in SEARCH_KNOWN_SECOND else q for q in _search_queries()
])
def test_search_puts_the_activation_first(browser, site_url, query):
    links = _search(browser, site_url, query)
    expected = urlsplit(urljoin(site_url, f"activations/{_search_queries()[query]}/"))
    assert urlsplit(links[0])[:3] == expected[:3], links[:5]


@pytest.mark.parametrize("alias", sorted(ALIAS_PAGES))
def test_an_alias_url_reaches_its_page(browser, site_url, alias):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + alias)
        page.wait_for_url(site_url + ALIAS_PAGES[alias], timeout=10_000)
        title = page.locator("article h1").first.text_content()
    finally:
        context.close()
    assert page.url == site_url + ALIAS_PAGES[alias] and title


def _katex_requests(browser, url: str) -> tuple[list[str], dict]:
    context = browser.new_context()
    requested: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        math = page.evaluate(_MATH_JS)
    finally:
        context.close()
    return [url for url in requested if "katex" in url.lower()], math


def test_a_page_without_math_loads_no_katex(browser, site_url):
    requests, math = _katex_requests(browser, site_url + "training/")
    assert math["arithmatex"] == 0
    assert requests == []


def test_a_page_with_math_loads_katex_and_typesets(browser, site_url):
    requests, math = _katex_requests(browser, site_url + "activations/gelu/")
    assert any(url.endswith("katex.min.js") for url in requests)
    assert math["arithmatex"] > 0 and math["typeset"] == math["arithmatex"] and math["errors"] == 0


def test_a_copied_console_example_runs_in_python(browser, site_url, tmp_path):
    """The copy button of the first docstring example on the API page copies code that runs,
    not the prompts and output of the console session."""
    import subprocess
    import sys

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(site_url + "api/")
        page.wait_for_load_state("networkidle")
        example = page.locator("article div.language-pycon").first
        shown = example.locator("pre > code").text_content()
        example.hover()
        example.locator('button[data-md-type="copy"]').first.click()
        page.wait_for_timeout(300)
        copied = page.evaluate("navigator.clipboard.readText()")
    finally:
        context.close()
    assert shown.startswith(">>> ") and ">>> " not in copied
    statements = [line[4:] for line in shown.splitlines() if line.startswith((">>> ", "... "))]
    assert copied.splitlines() == statements
    result = subprocess.run([sys.executable, "-c", copied], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr


_TABLE_JS = """
() => {
  const wrap = document.querySelector("article .comparison .md-typeset__scrollwrap")
  const hint = getComputedStyle(wrap, "::before")
  return {
    page: document.documentElement.scrollWidth, viewport: window.innerWidth,
    scrolls: wrap.scrollWidth > wrap.clientWidth, inside: wrap.getBoundingClientRect().right <= window.innerWidth,
    hint: hint.content, hintShown: hint.display !== "none",
  }
}
"""


def test_the_comparison_table_scrolls_in_its_box_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + "activations/")
        page.wait_for_load_state("networkidle")
        table = page.evaluate(_TABLE_JS)
    finally:
        context.close()
    assert table["page"] <= table["viewport"], table
    assert table["scrolls"] and table["inside"], table
    assert "Scroll" in table["hint"] and table["hintShown"], table


_FITS_JS = """
() => {
  const article = document.querySelector("article");
  const box = document.querySelector("article .signature");
  const right = article.getBoundingClientRect().right + 1;
  return {
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    box: box ? box.getBoundingClientRect().right <= right : null,
    terms: box ? Array.from(box.querySelectorAll("dt code")).every(
      (code) => code.getClientRects().length === 1) : null,
  };
}
"""


@pytest.mark.parametrize("path", ["activations/relu/", "activations/softplus/", "activations/gelu/", "learn/"])
def test_generated_parts_fit_a_phone(browser, site_url, path):
    """At 390 px the page does not scroll sideways, the signature box stays in the column and
    a parameter's name and default are not broken across lines."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        fits = page.evaluate(_FITS_JS)
    finally:
        context.close()
    assert fits["page"] <= fits["viewport"], fits
    if path.startswith("activations/"):
        assert fits["box"] is True, fits
        assert fits["terms"] is not False, fits
