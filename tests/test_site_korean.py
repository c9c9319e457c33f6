"""The Korean edition (``/ko/``): a Korean page for every English one, written in Korean, with
the English page's executed blocks in order; ``lang="ko"``, a language switch that leads to the
same page in the other edition, Korean search, Korean figures, and the same numbers as the
English edition. The browser tests at the end drive the Korean pages as test_site_browser.py
drives the English ones.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from mkdocs.utils import meta as mkdocs_meta

from conftest import ROOT, site_pages

DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_site"))
import i18n  # noqa: E402

HANGUL_SHARE = 0.5
"""The least share of Hangul among the letters of a Korean page's prose."""

ENGLISH_ONLY = {"api/index.md"}
"""Pages that stay in English in the Korean edition, which links to them: the API reference
(its generated pages too) documents code whose names and docstrings are English."""

NOT_YET_TRANSLATED: set[str] = set()
"""English pages whose Korean page is still to be written: the Korean edition shows them in
English. A translation removes its page from this list (a test fails until it does)."""


def _load_hook(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_under_test", DOCS / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


i18n_exec = _load_hook("i18n_exec")


def activation_pages_of_catalog() -> list[str]:
    """Source paths of the activation pages (``activations/relu.md``)."""
    import activations

    return [f"activations/{name}.md" for name in activations.names()]


def english_pages() -> list[str]:
    """Source paths of the English pages (``learn/xor.md``), as mkdocs publishes them."""
    pages = []
    for path in DOCS.rglob("*.md"):
        relative = path.relative_to(DOCS)
        if {"hooks", "assets", "_site", "_snippets"} & set(relative.parts):
            continue
        if path.name.endswith(f".{i18n.LOCALE}.md"):
            continue
        pages.append(relative.as_posix())
    return sorted(pages)


def korean_pages() -> list[str]:
    """Source paths of the English pages that have a Korean page."""
    return [page for page in english_pages() if _korean(page).is_file()]


def _korean(page: str) -> Path:
    return DOCS / (page.removesuffix(".md") + f".{i18n.LOCALE}.md")


def _url(page: str) -> str:
    """The URL path of a source page (``learn/xor.md`` -> ``learn/xor/``)."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


# ------------------------------------------------------------------------------------ sources


def test_every_english_page_has_a_korean_page_or_is_listed():
    missing = [p for p in english_pages() if not _korean(p).is_file() and p not in ENGLISH_ONLY | NOT_YET_TRANSLATED]
    assert missing == [], f"write docs/<page>.ko.md (see the format of Korean pages) for {missing}"


def test_the_lists_of_english_pages_are_current():
    assert sorted((ENGLISH_ONLY | NOT_YET_TRANSLATED) - set(english_pages())) == [], "no such page"
    translated = sorted(p for p in NOT_YET_TRANSLATED if _korean(p).is_file())
    assert translated == [], "translated: remove them from NOT_YET_TRANSLATED"
    assert [p for p in ENGLISH_ONLY if _korean(p).is_file()] == []


def test_there_are_korean_pages():
    assert {"learn/index.md", "learn/xor.md"} <= set(korean_pages())


def test_no_korean_page_without_an_english_page():
    orphans = [
        path.relative_to(DOCS).as_posix()
        for path in DOCS.rglob(f"*.{i18n.LOCALE}.md")
        if not path.with_name(path.name.replace(f".{i18n.LOCALE}.md", ".md")).is_file()
    ]
    assert orphans == []


@pytest.mark.parametrize("page", korean_pages())
def test_exec_markers_are_the_english_blocks_in_order(page):
    english = (DOCS / page).read_text(encoding="utf-8")
    korean = _korean(page).read_text(encoding="utf-8")
    blocks = i18n_exec.executed_blocks(english)
    assert i18n_exec.exec_markers(korean) == [block_id for block_id, _, _ in blocks]
    indents = [m["indent"] for line in korean.splitlines() if (m := i18n_exec.MARKER.match(line))]
    assert indents == [indent for _, indent, _ in blocks], "each marker is indented as its fence"
    assert not re.search(r'^\s*(```|~~~)\s*py(thon)?\b.*exec="1"', korean, flags=re.M), "no code copied"


KOREAN_KEYS = {"labels"}
"""Front matter a Korean page may add to the English page's."""
KOREAN_ACTIVATION_KEYS = {"summary", "parameters"}
"""What a Korean activation page adds besides: its header's prose in Korean."""


@pytest.mark.parametrize("page", korean_pages())
def test_korean_front_matter_keeps_the_english_keys(page):
    english = mkdocs_meta.get_data((DOCS / page).read_text(encoding="utf-8"))[1]
    korean = mkdocs_meta.get_data(_korean(page).read_text(encoding="utf-8"))[1]
    assert set(english) <= set(korean)
    allowed = KOREAN_KEYS | (KOREAN_ACTIVATION_KEYS if page in activation_pages_of_catalog() else set())
    assert set(korean) - set(english) <= allowed
    for key, value in english.items():
        if key not in {"title", "description"}:
            assert korean[key] == value, key


def prose(markdown: str) -> str:
    """The prose of a page: without front matter, code, math, HTML comments, link targets,
    cross-reference identifiers and heading anchors (``{#key-takeaways}``)."""
    text = mkdocs_meta.get_data(markdown)[0]
    text = re.sub(r"^(\s*)(```|~~~).*?^\1\2[ \t]*$", "", text, flags=re.M | re.S)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$|\\\[.*?\\\]|\$[^$\n]+\$|\\\(.*?\\\)", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]+`", "", text)
    text = re.sub(r"\]\([^)]*\)|\]\[[^\]]*\]", "]", text)
    text = re.sub(r"\{#[^}\n]*\}", "", text)
    return text


CITATIONS = {"references.md"}
"""Pages whose list items are citations, which keep their authors, titles and venues as
published: their Hangul share is that of the prose around the list."""


def _citations_left_out(markdown: str) -> str:
    return re.sub(r"^- .*(?:\n  .*)*", "", markdown, flags=re.M)


@pytest.mark.parametrize("page", korean_pages())
def test_korean_pages_are_mostly_hangul(page):
    text = prose(_korean(page).read_text(encoding="utf-8"))
    share = i18n.hangul_ratio(_citations_left_out(text) if page in CITATIONS else text)
    assert share > HANGUL_SHARE, f"{share:.2f} of the letters are Hangul"


def test_the_prose_filter_leaves_out_code_and_math():
    text = '---\na: 1\n---\n기울기 $x$ `code`\n\n```python\nprint("x")\n```\n[ReLU](relu.md)\n'
    assert prose(text).split() == ["기울기", "[ReLU]"]


@pytest.mark.slow
def test_every_label_translates_something(site_build):
    """Each key of a page's ``labels`` is text of its code, its printed output or its figures:
    the build logs the keys it found nowhere."""
    assert re.findall(r"labels not used on .*", site_build.log) == []


def _string_tokens(code: str):
    import io
    import tokenize

    source = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("```", "~~~")))
    return [t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.STRING]


def test_korean_labels_translate_literals_not_names_nor_fields():
    code = 'ax.set_title(f"accuracy {accuracy:.2f}", loc="left")\nm.compile(metrics=["accuracy"])\n'
    out = i18n.translate_source(code, {"accuracy": "정확도", "left": "왼쪽"})
    assert out == 'ax.set_title(f"정확도 {accuracy:.2f}", loc="left")\nm.compile(metrics=["accuracy"])\n'


def test_markers_are_filled_with_the_english_blocks_indented_as_the_marker():
    english = '# T\n\n??? example\n\n    ```python exec="1" id="a"\n    print(1)\n    ```\n'
    korean = "# 제목\n\n??? example \"예\"\n\n    <!-- exec: a -->\n"
    filled, problems = i18n_exec.fill_markers(korean, english)
    assert problems == []
    assert '    ```python exec="1" id="a"\n    print(1)\n    ```' in filled
    assert i18n_exec.fill_markers("<!-- exec: b -->\n", english)[1], "an unknown id is a problem"


def test_a_korean_activation_page_gets_a_korean_header_and_figure():
    """The header an activation page's Korean file gets: the English header, made once, with
    its generated text and its figure in Korean."""
    from types import SimpleNamespace

    activation_pages = _load_hook("activation_pages")
    i18n_exec.on_config(SimpleNamespace(plugins={}))
    state = i18n_exec._State
    english_page = SimpleNamespace(file=SimpleNamespace(src_uri="activations/relu.md"), meta={})
    korean_page = SimpleNamespace(
        file=SimpleNamespace(src_uri="activations/relu.ko.md", norm_src_uri="activations/relu.md",
                             localization="ko"),
        meta=mkdocs_meta.get_data(_korean("activations/relu.md").read_text(encoding="utf-8"))[1],
    )
    saved = (state.locale, state.page, state.korean_file, state.labels, state.block)
    try:
        state.locale, state.page, state.korean_file, state.labels, state.block = (
            "en", "activations/relu.md", True, {}, None)
        english = activation_pages.on_page_markdown("## What it is\n", english_page, {}, None)
        state.locale = i18n.LOCALE
        korean = activation_pages.on_page_markdown("## 무엇인가 {#what-it-is}\n", korean_page, {}, None)
    finally:
        state.locale, state.page, state.korean_file, state.labels, state.block = saved
    assert "| Property | Value |" in english and "| 성질 | 값 |" in korean
    assert "| 단조성 | 예 |" in korean
    assert not any(f.startswith("NanumGothic") for f in _glyph_fonts(english))
    assert any(f.startswith("NanumGothic") for f in _glyph_fonts(korean)), "output, input x in Korean"
    assert "도함수" in korean, "the caption"
    assert korean_page.meta["summary"] in korean and "| 계열 | ReLU 계열 |" in korean


activation_pages = _load_hook("activation_pages")


def _front_matter(page: str) -> dict:
    return mkdocs_meta.get_data(_korean(page).read_text(encoding="utf-8"))[1]


@pytest.mark.parametrize("page", activation_pages_of_catalog())
def test_every_korean_activation_page_gives_its_header_prose_in_korean(page):
    """The summary of the function and the meaning of each of its parameters, in the Korean
    page's front matter, one for each parameter the function has and none for another."""
    name = page.removeprefix("activations/").removesuffix(".md")
    front_matter = _front_matter(page)
    assert activation_pages.korean_prose_problems(name, front_matter) == []
    texts = [front_matter["summary"], *(front_matter.get("parameters") or {}).values()]
    for text in texts:
        assert i18n.hangul_ratio(prose("\n" + text)) > 0.3, text


def test_korean_prose_problems_name_a_missing_or_unknown_parameter():
    meanings = {"summary": "리키 ReLU.", "parameters": {"negative_slop": "기울기."}}
    problems = activation_pages.korean_prose_problems("leaky_relu", meanings)
    assert any("no Korean meaning for 'negative_slope'" in p for p in problems), problems
    assert any("describes 'negative_slop'" in p for p in problems), problems
    assert activation_pages.korean_prose_problems("relu", {}) == [
        "docs/activations/relu.ko.md: give the Korean summary of the function as `summary:` in its front matter"
    ]


def test_the_korean_header_has_the_korean_summary_parameters_and_family():
    import catalog_pages

    english = catalog_pages.activation_header("leaky_relu")
    front_matter = _front_matter("activations/leaky_relu.md")
    korean = activation_pages.korean_header("leaky_relu", english, front_matter)
    assert catalog_pages.summary("leaky_relu") in english
    assert catalog_pages.summary("leaky_relu") not in korean and front_matter["summary"] in korean
    meaning = catalog_pages.parameters("leaky_relu")[0].meaning
    assert meaning not in korean and front_matter["parameters"]["negative_slope"] in korean
    assert "| Family | relu |" in english and "| Family | ReLU 계열 |" in korean


def test_every_family_has_a_korean_name():
    import activations

    for name in activations.names():
        assert i18n.has_hangul(activation_pages.korean_family(name)), name


def test_the_activation_zoo_names_each_family_by_its_korean_name():
    """The lesson prints the family of each function (``act.family``, an id such as ``relu``):
    its Korean page's labels give each family its Korean name, the one the nav and the
    activation pages use."""
    import activations

    labels = _front_matter("learn/activation-zoo.md")["labels"]
    for name in activations.names():
        family = activations.get(name).family
        assert labels.get(f"| {family} |") == f"| {activation_pages.korean_family(name)} |", family


def test_the_korean_activation_zoo_shows_no_family_id(site_dir):
    import activations

    ids = {activations.get(name).family for name in activations.names()}
    cells = re.findall(r"<td>([^<]*)</td>", _html(site_dir, "ko/learn/activation-zoo/"))
    assert cells and not ids & set(cells)
    assert ids & set(re.findall(r"<td>([^<]*)</td>", _html(site_dir, "learn/activation-zoo/")))


# ------------------------------------------------------------------------------- the build


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_both_editions_have_the_same_pages(site_dir):
    pages = site_pages(site_dir)
    english = [p for p in pages if not p.startswith(f"{i18n.LOCALE}/")]
    korean = [p.removeprefix(f"{i18n.LOCALE}/") for p in pages if p.startswith(f"{i18n.LOCALE}/")]
    assert korean == english


def test_korean_pages_say_lang_ko_and_english_pages_lang_en(site_dir):
    for page in english_pages():
        assert '<html lang="en"' in _html(site_dir, _url(page)), page
        assert '<html lang="ko"' in _html(site_dir, f"ko/{_url(page)}"), page


_SWITCH = re.compile(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link">')


@pytest.mark.parametrize("edition", ["", "ko/"])
def test_the_language_switch_leads_to_the_same_page(site_dir, edition):
    for page in english_pages():
        url = edition + _url(page)
        links = dict((lang, href) for href, lang in _SWITCH.findall(_html(site_dir, url)))
        assert set(links) == {"en", "ko"}, url
        for lang, href in links.items():
            target = urlsplit(urljoin(f"http://site/{url}", href)).path.lstrip("/")
            assert target == ("" if lang == "en" else "ko/") + _url(page), (url, lang, href)
            assert (site_dir / target / "index.html").is_file()


_HEADING_ID = re.compile(r'<h[1-6] id="([^"]+)"')


@pytest.mark.parametrize("page", korean_pages())
def test_korean_headings_keep_the_english_anchors(site_dir, page):
    """A link to a section (`page.md#anchor`) reaches it in both editions: each Korean heading
    sets the English heading's anchor, ``## 핵심 정리 {#key-takeaways}``."""
    english = _HEADING_ID.findall(_html(site_dir, _url(page)))
    assert _HEADING_ID.findall(_html(site_dir, "ko/" + _url(page))) == english


def test_the_interface_and_nav_are_korean(site_dir):
    page = _html(site_dir, "ko/learn/xor/")
    assert 'placeholder="검색"' in page, "Material's Korean interface strings"
    for title in ("배우기", "활성화 함수", "용어집", "ReLU 계열"):
        assert f">{title}<" in page or f"> {title} <" in page or title in re.sub(r"\s+", " ", page)
    assert "XOR 문제" in page


def test_the_learn_table_is_korean_on_the_korean_index(site_dir):
    page = _html(site_dir, "ko/learn/")
    assert "<th>단원</th>" in page
    rows = [re.sub(r"<[^>]+>", "", row) for row in re.findall(r'<a href="xor/">(.*?)</a>', page)]
    assert "XOR 문제" in rows, "the lesson's Korean title, linked to the Korean page"


def _search_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_search_indexes_both_editions_in_both_languages(site_dir):
    index = _search_index(site_dir)
    assert index["config"]["lang"] == ["en", "ko"]
    locations = {doc["location"] for doc in index["docs"]}
    assert "learn/xor/" in locations and "ko/learn/xor/" in locations


def test_korean_search_text_holds_the_korean_terms(site_dir):
    docs = _search_index(site_dir)["docs"]
    xor = " ".join(doc["text"] + doc["title"] for doc in docs if doc["location"].startswith("ko/learn/xor/"))
    assert "은닉층" in xor and "선형 분리 가능" in xor


@pytest.mark.slow
def test_material_search_finds_korean_words_on_korean_pages(site_dir):
    """Material's own search worker (run by Node.js, as test_site_build.py runs it) on the
    built index, with lunr's Korean support."""
    from test_site_build import material_search

    ranks = material_search(site_dir, ["은닉층", "선형 분리"])
    for query in ranks:
        assert ranks[query][0].startswith("ko/"), ranks[query][:5]
        top = [location.split("#")[0] for location in ranks[query][:10]]
        assert "ko/learn/xor/" in top, ranks[query][:10]


@pytest.mark.slow
@pytest.mark.skipif(not _korean("learn/vanishing-gradients.md").is_file(), reason="no Korean lesson yet")
def test_material_search_finds_the_vanishing_gradient_lesson(site_dir):
    from test_site_build import material_search

    ranks = material_search(site_dir, ["기울기 소실"])["기울기 소실"]
    assert ranks and ranks[0].startswith("ko/learn/vanishing-gradients/"), ranks[:5]


@pytest.mark.skipif(not _korean("learn/vanishing-gradients.md").is_file(), reason="no Korean lesson yet")
def test_korean_search_text_of_the_vanishing_gradient_lesson(site_dir):
    docs = _search_index(site_dir)["docs"]
    page = " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].startswith("ko/learn/vanishing-gradients/"))
    assert "기울기 소실" in page


_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
"""An inline SVG: a figure, or one tile of a figure (plot-tiles)."""


def _glyph_fonts(svg: str) -> set[str]:
    return set(re.findall(r'<path id="[^"]*?(DejaVuSans[\w-]*|NanumGothic[\w-]*)-[0-9a-f]+"', svg))


def test_korean_figures_are_drawn_with_korean_labels(site_dir):
    english = _SVG.findall(_html(site_dir, "learn/xor/"))
    korean = _SVG.findall(_html(site_dir, "ko/learn/xor/"))
    assert len(english) == len(korean) >= 2
    for en in english:
        assert not any(font.startswith("NanumGothic") for font in _glyph_fonts(en))
    assert any(font.startswith("NanumGothic") for ko in korean for font in _glyph_fonts(ko)), "Hangul glyphs"
    assert english != korean


def _text_outputs(page_html: str) -> list[str]:
    """The text of the ``<pre>`` blocks of a page (source and output)."""
    texts = []
    for pre in re.findall(r"<pre[^>]*>(?:<span></span>)?<code[^>]*>(.*?)</code></pre>", page_html, re.S):
        texts.append(html.unescape(re.sub(r"<[^>]+>", "", pre)))
    return texts


def _undo(text: str, labels: dict[str, str]) -> str:
    return i18n.translate_text(text, {korean: english for english, korean in labels.items()})


def test_the_two_editions_print_the_same_numbers(site_dir):
    labels = mkdocs_meta.get_data(_korean("learn/xor.md").read_text(encoding="utf-8"))[1]["labels"]
    english = _text_outputs(_html(site_dir, "learn/xor/"))
    korean = [_undo(text, labels) for text in _text_outputs(_html(site_dir, "ko/learn/xor/"))]
    assert len(english) == len(korean) > 4
    assert korean == english
    assert any("정확도" in text for text in _text_outputs(_html(site_dir, "ko/learn/xor/")))


def test_korean_figures_keep_the_english_layout(site_dir):
    """Each Korean figure is drawn in the English figure's layout: its SVGs (one per tile)
    have the English SVGs' sizes, page by page."""
    size = re.compile(r'<svg [^>]*?width="([\d.]+pt)" height="([\d.]+pt)"')
    compared = 0
    for page in korean_pages():
        english = size.findall(_html(site_dir, _url(page)))
        assert size.findall(_html(site_dir, "ko/" + _url(page))) == english, page
        compared += len(english)
    assert compared > 100


def _two_panel_figure(title: str):
    from matplotlib.figure import Figure

    from activations import plotting

    with plotting.style():
        fig = Figure(figsize=(6, 3), layout="constrained")
        for ax in fig.subplots(1, 2):
            ax.plot([0, 1], [0, 1], label="class 0")
            ax.set_title(title)
            ax.legend(loc="upper left")
    return fig


@pytest.mark.parametrize("title, laid_out_anew", [("short", False), ("long", True)])
def test_a_korean_figure_is_laid_out_anew_only_when_its_text_does_not_fit(title, laid_out_anew):
    import site_figures

    labels = {"short": "짧다", "long": "그림 한 칸의 폭을 훌쩍 넘어가는, 아주 아주 긴 한국어 제목", "class 0": "클래스 0"}
    state = i18n_exec._State
    saved = (state.locale, state.page, state.korean_file, state.labels, state.block, state.relaid_out)
    try:
        state.locale, state.page, state.korean_file, state.labels = "en", "test.md", True, labels
        state.block = ("test.md", title)
        if i18n_exec._on_figure not in site_figures.FIGURE_LISTENERS:
            site_figures.FIGURE_LISTENERS.append(i18n_exec._on_figure)
        before = state.relaid_out
        english = site_figures.figure_html(_two_panel_figure(title), salt=title)
        assert (state.relaid_out > before) == laid_out_anew
        [(recorded, korean)] = i18n_exec.RECORD.pop(("test.md", title))["figures"]
    finally:
        state.locale, state.page, state.korean_file, state.labels, state.block, state.relaid_out = saved
        site_figures.FIGURE_LISTENERS.remove(i18n_exec._on_figure)
    assert recorded == english
    assert any(font.startswith("NanumGothic") for font in _glyph_fonts(korean))
    sizes = re.compile(r'<svg [^>]*?width="([\d.]+pt)" height="([\d.]+pt)"')
    assert (sizes.findall(korean) == sizes.findall(english)) != laid_out_anew


catalog_nav = _load_hook("catalog_nav")


def test_korean_alias_pages_send_the_reader_to_the_korean_page(site_dir):
    aliases = catalog_nav.alias_redirects()
    assert "swish" in aliases
    for alias, name in aliases.items():
        page = _html(site_dir, f"ko/activations/{alias}/")
        assert '<html lang="ko">' in page and "이 페이지는 옮겨졌다" in page, alias
        target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page).group(1)
        resolved = urlsplit(urljoin(f"http://site/ko/activations/{alias}/", target)).path.lstrip("/")
        assert resolved == f"ko/activations/{name}/", alias
        assert '<html lang="ko"' in _html(site_dir, resolved)
        assert '<html lang="en">' in _html(site_dir, f"activations/{alias}/"), "the English one stays English"


def _abbreviations(path: Path) -> dict[str, str]:
    return dict(re.findall(r"^\*\[([^\]]+)\]: (.+)$", path.read_text(encoding="utf-8"), flags=re.M))


def test_the_korean_tooltips_explain_the_same_abbreviations():
    english = _abbreviations(DOCS / "_snippets" / "abbreviations.md")
    korean = _abbreviations(DOCS / "_snippets" / f"abbreviations.{i18n.LOCALE}.md")
    assert sorted(korean) == sorted(english)
    for abbreviation, title in korean.items():
        assert i18n.has_hangul(title), abbreviation
        assert not i18n.has_hangul(english[abbreviation]), abbreviation


def test_each_edition_appends_its_own_tooltips():
    english = "docs/_snippets/abbreviations.md"
    korean = f"docs/_snippets/abbreviations.{i18n.LOCALE}.md"
    assert i18n_exec.edition_snippet(english, i18n.LOCALE) == korean
    assert i18n_exec.edition_snippet(korean, "en") == english
    assert i18n_exec.edition_snippet("docs/_snippets/none.md", i18n.LOCALE) == "docs/_snippets/none.md"


def test_korean_pages_have_korean_tooltips(site_dir):
    titles = re.findall(r'<abbr title="([^"]+)">', _html(site_dir, "ko/learn/dying-relu/"))
    assert titles and all(i18n.has_hangul(html.unescape(title)) for title in titles), titles
    english = re.findall(r'<abbr title="([^"]+)">', _html(site_dir, "learn/dying-relu/"))
    assert english and not any(i18n.has_hangul(html.unescape(title)) for title in english)


def test_wide_characters_of_preformatted_text_take_two_columns_each():
    page = '<p>정확도</p><pre><code>정확도 1.00\n<span class="k">w1</span> 값</code></pre>'
    assert i18n_exec.wide_characters_spanned(page) == (
        '<p>정확도</p><pre><code><span class="wide" style="width: 6ch">정확도</span> 1.00\n'
        '<span class="k">w1</span> <span class="wide" style="width: 2ch">값</span></code></pre>'
    )


def test_printed_korean_tables_span_their_wide_characters(site_dir):
    page = _html(site_dir, "ko/learn/xor/")
    assert '<span class="wide" style="width: 6ch">게이트</span>' in page
    assert 'class="wide"' not in _html(site_dir, "learn/xor/")


def test_every_hint_of_the_stylesheet_has_its_korean_text():
    """The stylesheet writes a few hints (``content: "Scroll sideways ..."``); the Korean
    edition's pages get them in Korean."""
    css = re.sub(r"/\*.*?\*/", "", (DOCS / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8"), flags=re.S)
    rules = re.findall(r"([^{}]+)\{[^{}]*?content: \"([^\"]+)\"", css)
    english = {selector.strip() for selector, text in rules if not i18n.has_hangul(text)}
    korean = {selector.strip().removeprefix('html[lang="ko"]').strip() for selector, text in rules if i18n.has_hangul(text)}
    assert english and english == korean


def test_no_page_links_a_sitemap_beside_it(site_dir):
    for page in ("learn/xor/", "ko/learn/xor/"):
        assert '<link rel="alternate"' not in _html(site_dir, page)


def test_korean_tabs_of_source_and_result(site_dir):
    page = _html(site_dir, "ko/learn/xor/")
    assert ">코드</label>" in page and ">결과</label>" in page and ">Source</label>" not in page
    assert ">Source</label>" in _html(site_dir, "learn/xor/"), "the English page keeps its tabs"


def test_the_korean_code_shows_korean_labels_and_runs_the_english_names(site_dir):
    page = html.unescape(re.sub(r"<[^>]+>", "", _html(site_dir, "ko/learn/xor/")))
    assert '"AND, 뉴런 하나"' in page
    assert 'metrics=["accuracy"]' in page, "a name the code uses is not translated"


def test_measured_pages_show_the_same_numbers_in_both_editions(site_dir):
    for page in ("learn/cost/", "learn/xor/"):
        numbers = [re.findall(r"\d+\.\d+", text) for text in _text_outputs(_html(site_dir, page))]
        korean = [re.findall(r"\d+\.\d+", text) for text in _text_outputs(_html(site_dir, "ko/" + page))]
        assert numbers == korean, page


# ------------------------------------------------------------------------------- browser

KOREAN_PAGES = [f"ko/{_url(page)}" for page in english_pages()]


@pytest.fixture(scope="module")
def korean_visits(browser, site_url):
    from test_site_browser import _visit

    cache = {}

    def get(path: str):
        if path not in cache:
            cache[path] = _visit(browser, site_url, path)
        return cache[path]

    return get


@pytest.mark.browser
@pytest.mark.parametrize("path", [f"ko/{_url(p)}" for p in korean_pages()] + ["ko/learn/cost/", "ko/api/layers/"])
def test_korean_page_loads_cleanly_in_both_palettes(korean_visits, path):
    visit = korean_visits(path)
    assert visit.status == 200
    assert not visit.failed_responses and not visit.console_errors and not visit.foreign_requests
    assert visit.math["raw"] == [] and visit.math["errors"] == 0
    assert visit.dark["dark"]["scheme"] == "slate"


def _korean_search(browser, site_url: str, query: str) -> list[str]:
    """Search results on the Korean site. Hangul is not typed key by key (Playwright inserts
    it as text, without the key events Material's search listens to): the query is filled in
    and a key pressed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(urljoin(site_url, "ko/"))
        page.wait_for_load_state("networkidle")
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(query)
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        page.wait_for_timeout(300)
        return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    finally:
        context.close()


@pytest.mark.browser
def test_korean_search_finds_the_xor_lesson(browser, site_url):
    links = _korean_search(browser, site_url, "은닉층")
    assert any(urlsplit(link).path.startswith("/ko/learn/xor/") for link in links), links


@pytest.mark.browser
@pytest.mark.skipif(not _korean("learn/vanishing-gradients.md").is_file(), reason="no Korean lesson yet")
def test_korean_search_finds_the_vanishing_gradient_lesson(browser, site_url):
    links = _korean_search(browser, site_url, "기울기 소실")
    assert urlsplit(links[0]).path.startswith("/ko/learn/vanishing-gradients/"), links[:5]


_CHARACTER_BOXES_JS = """
(pre) => {
  const code = pre.querySelector("code") || pre;
  const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
  const out = [];
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      out.push([node.data[i], box.left]);
    }
  }
  return out;
}
"""


def _column_starts(characters: list) -> list[dict[int, float]]:
    """For each line of preformatted text, the x position at which each character starts, by
    the column of monospace text it starts at (a wide character takes two columns); a word of
    wide characters counts by its first, as what comes after it is what has to line up."""
    import unicodedata

    lines, column, previous_wide = [{}], 0, False
    for character, left in characters:
        if character == "\n":
            lines.append({})
            column, previous_wide = 0, False
            continue
        wide = unicodedata.east_asian_width(character) in "WF"
        if not (wide and previous_wide):
            lines[-1][column] = left
        column += 2 if wide else 1
        previous_wide = wide
    return [line for line in lines if line]


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_columns_of_a_printed_korean_table_line_up(browser, site_url, width):
    """The XOR lesson prints a table whose header is Korean: each of its columns starts at the
    same x on every row, as it would in a terminal."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(urljoin(site_url, "ko/learn/xor/"), wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        table = page.locator("pre", has_text="게이트   레이블").last
        lines = _column_starts(table.evaluate(_CHARACTER_BOXES_JS))
    finally:
        context.close()
    header, rows = lines[0], lines[1:]
    assert len(rows) >= 3
    # where a column of the header starts after Hangul, every row has a character there too
    starts = [column for column in header if column > 6 and column in rows[0]]
    assert len(starts) >= 4, header
    for row in rows:
        for column in starts:
            if column in row:
                assert abs(row[column] - header[column]) < 1.0, (column, row[column], header[column])
