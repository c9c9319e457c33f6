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
        for spelling in (name, *activations.get(name).aliases):
            queries[spelling.replace("_", " ")] = name
            queries[spelling.replace("_", "")] = name  # run together: ``leakyrelu``
    return queries


def test_search_finds_relu(browser, site_url):
    links = _search(browser, site_url, "relu")
    relu_page = urlsplit(urljoin(site_url, "activations/relu/"))
    assert any(urlsplit(link)[:3] == relu_page[:3] for link in links), links


@pytest.mark.parametrize("query", list(_search_queries()))
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


# The smallest text of the figures on a phone. matplotlib writes each piece of text as a group
# of glyph outlines, `<g transform="translate(...) scale(s -s)">`, in which one em is 100 units:
# the text's size on screen is 100 times the group's scale on screen (its CTM). Figures in a
# closed <details> or an unselected tab are revealed first, as a reader would.
_FIGURE_TEXT_JS = """
() => {
  const article = document.querySelector("article") || document.body;
  for (const figure of article.querySelectorAll("figure")) {
    for (let node = figure; node && node !== article; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
      if (node.classList && node.classList.contains("tabbed-block")) {
        const blocks = Array.from(node.parentElement.children);
        const input = node.closest(".tabbed-set").querySelectorAll(":scope > input")[blocks.indexOf(node)];
        if (input) input.click();
      }
    }
  }
  const texts = [];
  for (const svg of article.querySelectorAll("figure svg")) {
    if (svg.getBoundingClientRect().width === 0) continue;
    for (const g of svg.querySelectorAll('g[transform*="scale("]')) {
      if (!g.querySelector("use")) continue;
      const ctm = g.getScreenCTM();
      const em = 100 * Math.hypot(ctm.c, ctm.d);
      let note = g.previousSibling;
      while (note && note.nodeType === 3) note = note.previousSibling;
      const label = note && note.nodeType === 8 ? note.nodeValue.trim() : "";
      texts.push({em, label, ink: g.getBoundingClientRect().height});
    }
  }
  texts.sort((a, b) => a.em - b.em);
  // a panel starts inside its (scrolling) box: what scrolls sideways can be scrolled to
  const cut = Array.from(article.querySelectorAll(".plot-tile")).filter((tile) =>
    tile.getBoundingClientRect().left < tile.closest(".plot-tiles").getBoundingClientRect().left - 1).length;
  return {count: texts.length, smallest: texts.slice(0, 3), cut,
          page: document.documentElement.scrollWidth, viewport: window.innerWidth};
}
"""

#: Pages whose figures must stay legible on a phone: the catalog's small multiples, an
#: activation's plot, and lessons whose figures have two to four panels, a colorbar and a
#: figure-level legend.
PHONE_FIGURE_PAGES = [
    "", "activations/", "activations/gelu/", "learn/xor/", "learn/neurons/", "learn/choosing/",
    "learn/vanishing-gradients/", "learn/dying-relu/", "learn/initialization/",
]
PHONE_TEXT_PX = 9.5


def figure_text(browser, url: str, *, width: int = 390, scheme: str = "light") -> dict:
    """The smallest figure text on the page at ``url`` at a viewport ``width`` px wide."""
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return page.evaluate(_FIGURE_TEXT_JS)
    finally:
        context.close()


@pytest.mark.parametrize("path", PHONE_FIGURE_PAGES)
def test_figure_text_is_legible_on_a_phone(browser, site_url, path):
    """At 390 px no text of any figure is smaller than PHONE_TEXT_PX (an em, in CSS px), and
    the figures do not make the page scroll sideways."""
    found = figure_text(browser, site_url + path)
    assert found["count"] > 0, found
    assert found["smallest"][0]["em"] >= PHONE_TEXT_PX, found["smallest"]
    assert found["page"] <= found["viewport"], found
    assert found["cut"] == 0, found


def test_the_catalog_tiles_link_their_pages_two_to_a_row_on_a_phone(browser, site_url):
    import activations

    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + "activations/")
        page.wait_for_load_state("networkidle")
        cards = page.eval_on_selector_all(
            "article .plot-grid > a.plot-card",
            "cards => cards.map(a => ({href: a.href, top: Math.round(a.getBoundingClientRect().top)}))",
        )
    finally:
        context.close()
    expected = {urljoin(site_url, f"activations/{name}/") for name in activations.names()}
    assert {card["href"] for card in cards} == expected
    rows = [top for top in sorted({card["top"] for card in cards})]
    per_row = [sum(card["top"] == top for card in cards) for top in rows]
    assert set(per_row[:-1]) == {2} and per_row[-1] in (1, 2), per_row


_HEADINGS_JS = """
() => Array.from(document.querySelectorAll("article h1, article h2")).map((heading) => {
  const text = Array.from(heading.childNodes).filter(
    (node) => !(node.classList && node.classList.contains("headerlink")));
  const range = document.createRange();
  range.setStartBefore(text[0]);
  range.setEndAfter(text[text.length - 1]);
  return {
    heading: heading.textContent.trim(),
    height: heading.getBoundingClientRect().height,
    text: range.getBoundingClientRect().height,
    line: parseFloat(getComputedStyle(heading).lineHeight),
    tooltips: heading.querySelectorAll("abbr").length,
  };
})
"""


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("learn/")] + ["activations/gelu/"])
def test_headings_on_a_phone_are_as_tall_as_their_text(browser, site_url, path):
    """At 390 px no heading has an empty line (its permalink wrapped onto a line of its own)
    and none carries a tooltip."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        headings = page.evaluate(_HEADINGS_JS)
    finally:
        context.close()
    assert headings
    taller = [h for h in headings if h["height"] - h["text"] > 0.75 * h["line"]]
    assert taller == []
    assert [h["heading"] for h in headings if h["tooltips"]] == []
