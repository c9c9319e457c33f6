"""The Korean edition runs no code: it shows the English edition's executed blocks and output.

``mkdocs-static-i18n`` builds the English edition first and then, in the same process, the
Korean one under ``/ko/``. A Korean page (``X.ko.md``) holds no code: where the English page
has an executed block (a fence with ``exec="1"`` and ``id="ID"``), it has the line
``<!-- exec: ID -->``, indented as the fence is. This hook

* in the English build, records what each executed Python block printed, per page and block,
  by wrapping markdown-exec's Python formatter; and, for a page that has a Korean file, draws
  a Korean variant of every figure the block passes to ``site_figures.figure_html`` (the
  figure's text translated by the Korean page's ``labels``, in a font with Hangul), through
  `site_figures.FIGURE_LISTENERS`. The Korean figure keeps the English one's layout: its
  tiles are cut where the English figure's were, and each is drawn once; only a figure whose
  Korean text would not fit that layout is laid out anew;
* in the Korean build, replaces each marker with the English page's block (the same code, its
  string literals translated by ``labels``) and gives the block its recorded output instead of
  running it: the English SVG swapped for the Korean one, the rest translated by ``labels``. A
  page with no Korean file is shown in English, also from the record.

It also gives the Korean edition what is its own beyond the pages: the tooltips of
abbreviations from ``docs/_snippets/abbreviations.ko.md``, alias pages
(``/ko/activations/swish/``) in Korean, and, in preformatted text, each run of Hangul in a
span two columns wide per letter (`wide_characters_spanned`), so that printed tables line up.

So the code is written once, both editions show the same numbers, and each block runs once.
The build fails (``--strict``) when a Korean page's markers are not the English page's blocks
in order, or when the Korean build meets a block the English build did not record.

Writing a Korean page, beyond the markers (tests/test_site_korean.py checks these):

* ``labels:`` in the front matter maps English text in the blocks' string literals to Korean,
  the longest key first, in the code shown, the printed output and the figures' text
  (titles, axis and tick labels, legends, annotations) and captions. A literal that is one
  word spelled like a Python name (``"accuracy"``) is a name the code uses: the code keeps it,
  though the key still translates that word in the output and the figures. Write keys as the
  text reads at run time, without backslash escapes (a caption's ``$p = \\tfrac12$`` is best
  left outside the keys, between two of them). ``i18n.FIGURE`` already translates the words
  that ``activations.plotting`` writes into figures.
* Every heading keeps the English heading's anchor, ``## 핵심 정리 {#key-takeaways}``, so that
  links to a section (``xor.md#key-takeaways``) reach it in both editions; Korean headings
  would otherwise get anchors such as ``_1``.
* Printed tables are aligned for Hangul taking two columns of monospace text.
"""

from __future__ import annotations

import itertools
import logging
import re
import sys
import time
import unicodedata
from pathlib import Path

import mkdocs.plugins
from markdown_exec._internal import main as markdown_exec_main
from markdown_exec._internal.formatters.base import base_format, default_tabs
from markdown_exec._internal.formatters.python import _run_python
from mkdocs.utils import meta

SITE_MODULES = Path(__file__).resolve().parents[1] / "_site"
if str(SITE_MODULES) not in sys.path:
    sys.path.insert(0, str(SITE_MODULES))

import i18n  # noqa: E402
import site_figures  # noqa: E402

log = logging.getLogger("mkdocs.hooks.i18n_exec")

MARKER = re.compile(r"^(?P<indent>[ \t]*)<!-- exec: (?P<id>[A-Za-z0-9_.:-]+) -->[ \t]*$")
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?:python|py)\b(?P<options>.*)$")
_OPTION_ID = re.compile(r'\bid="([^"]+)"')


def executed_blocks(markdown: str) -> list[tuple[str, str, list[str]]]:
    """``(id, indent, lines)`` of every executed block (``exec="1"`` with an ``id``) of a page, in
    order; ``lines`` are the fence's lines from its opening to its closing line, unindented."""
    blocks, lines, i = [], markdown.splitlines(), 0
    while i < len(lines):
        opening = _FENCE_OPEN.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        j = i + 1
        while j < len(lines) and lines[j].strip() != fence:
            j += 1
        found = _OPTION_ID.search(opening["options"])
        if 'exec="1"' in opening["options"] and found:
            body = [line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in lines[i : j + 1]]
            blocks.append((found.group(1), indent, body))
        i = j + 1
    return blocks


def exec_markers(markdown: str) -> list[str]:
    """The ids of the ``<!-- exec: ID -->`` lines of a Korean page, in order."""
    return [m["id"] for line in markdown.splitlines() if (m := MARKER.match(line))]


def fill_markers(korean: str, english: str) -> tuple[str, list[str]]:
    """The Korean page with each marker replaced by the English page's block of that id,
    indented as the marker is, and the problems found (missing, extra or reordered ids)."""
    blocks = {block_id: body for block_id, _, body in executed_blocks(english)}
    wanted = [block_id for block_id, _, _ in executed_blocks(english)]
    problems = []
    if exec_markers(korean) != wanted:
        problems.append(f"its exec markers {exec_markers(korean)} are not the English page's blocks {wanted}")
    out = []
    for line in korean.splitlines():
        marker = MARKER.match(line)
        if marker and marker["id"] in blocks:
            out += [marker["indent"] + body if body else body for body in blocks[marker["id"]]]
        else:
            out.append(line)
    return "\n".join(out) + "\n", problems


# ------------------------------------------------------------------------------ the record

RECORD = i18n.RECORD

KOREAN_SEARCH_BOOST = 0.5
"""The weight of a Korean page in the search index that both editions share."""

USED: dict[str, set[str]] = {}
"""For each page, the keys of its Korean ``labels`` found in its code, its recorded output or
its figures: a key found nowhere translates nothing, and the build says so."""


def _mark_used(texts) -> None:
    if _State.labels:
        used = USED.setdefault(_State.page or "", set())
        used.update(key for key in _State.labels if any(key in text for text in texts))


class _State:
    locale: str = "en"
    page: str | None = None
    labels: dict[str, str] = {}
    korean_file = False
    ordinal = 0
    block: tuple[str, str] | None = None
    rendering_variant = False
    variant_seconds = 0.0  # CPU time spent drawing the English build's figures in Korean
    relaid_out = 0  # Korean figures whose text did not fit the English layout


def _page_key(page) -> str:
    return getattr(page.file, "norm_src_uri", page.file.src_uri)


def _current_locale(config) -> str:
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or "en"


def _labels(front_matter: dict) -> dict[str, str]:
    labels = front_matter.get("labels") or {}
    return {str(k): str(v) for k, v in labels.items()}


def _korean_source(config, key: str) -> str | None:
    path = Path(config.docs_dir) / (key.removesuffix(".md") + f".{i18n.LOCALE}.md")
    return path.read_text(encoding="utf-8") if path.exists() else None


def _format_python(**kwargs):
    _State.ordinal += 1
    key = (_State.page or "", kwargs.get("id") or f"#{_State.ordinal}")
    _State.block = key
    if _State.locale == i18n.LOCALE:
        if key not in RECORD:
            log.warning("%s: block %s was not run in the English build; running it", key[0], key[1])
            return base_format(language="python", run=_run_python, **kwargs)
        labels = _State.labels if _State.korean_file else {}
        _mark_used([kwargs["code"], RECORD[key]["output"] or ""])
        kwargs["code"] = i18n.translate_source(kwargs["code"], labels)
        if _State.korean_file and tuple(kwargs.get("tabs", default_tabs)) == tuple(default_tabs):
            kwargs["tabs"] = i18n.EXEC_TABS
        output = replay(RECORD[key], labels)
        return base_format(language="python", run=lambda *args, **options: output, **kwargs)

    def recording_run(*args, **options):
        RECORD[key] = {"output": None, "figures": []}
        output = _run_python(*args, **options)
        RECORD[key]["output"] = output
        return output

    try:
        return base_format(language="python", run=recording_run, **kwargs)
    finally:
        _State.block = None


_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def replay(record: dict, labels: dict[str, str]) -> str:
    """A block's recorded output for the Korean page: its figures' Korean variants, and its
    text, outside the SVG, translated by ``labels``."""
    output = record["output"] or ""
    for english, korean in record["figures"]:
        output = output.replace(english, korean)
    pieces = _SVG.split(output)
    svgs = _SVG.findall(output)
    out = [i18n.translate_text(pieces[0], labels)]
    for svg, piece in zip(svgs, pieces[1:]):
        out += [svg, i18n.translate_text(piece, labels)]
    return "".join(out)


# ------------------------------------------------------------------------ Korean figures


def _tick_labels(fig):
    """``(axis, its major tick labels as text)`` for every axis of the figure."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = axis.get_major_formatter().format_ticks(axis.get_majorticklocs())
            yield axis, [str(label) for label in labels]


def _translate_ticks(fig, labels: dict[str, str]) -> list:
    """Give every axis with fixed ticks whose labels change under ``labels`` a formatter of
    the translated labels; return ``(axis, formatter it had)`` to restore."""
    from matplotlib.ticker import FixedFormatter, FixedLocator

    replaced = []
    for axis, english in _tick_labels(fig):
        if not isinstance(axis.get_major_locator(), FixedLocator):
            continue
        korean = [i18n.translate_text(label, labels) for label in english]
        if korean != english:
            replaced.append((axis, axis.get_major_formatter()))
            axis.set_major_formatter(FixedFormatter(korean))
    return replaced


def _figure_texts(fig) -> list[str]:
    """The texts of a figure, its tick labels included."""
    from matplotlib.text import Text

    texts = [text.get_text() for text in fig.findobj(Text)]
    for _, tick_labels in _tick_labels(fig):
        texts += tick_labels
    return texts


def korean_variant(fig, labels: dict[str, str], render) -> str | None:
    """``render(changed, axes)`` of the figure with its text translated by ``labels`` and
    drawn in `i18n.FONT_FAMILY`, or None when no text of the figure changes; ``changed`` are
    the texts that changed and ``axes`` the axes (x or y) whose tick labels did. The figure is
    left as it was."""
    from matplotlib.text import Text

    texts = fig.findobj(Text)
    saved = [(text, text.get_text(), text.get_fontfamily()) for text in texts]
    changed = []
    for text in texts:
        english = text.get_text()
        korean = i18n.translate_text(english, labels)
        if korean != english:
            changed.append(text)
            text.set_text(korean)
            text.set_fontfamily(i18n.MATH_FONT_FAMILY if "$" in korean else i18n.FONT_FAMILY)
    formatters = _translate_ticks(fig, labels)
    try:
        if not changed and not formatters:
            return None
        if formatters:
            # tick labels get their text when the figure is drawn
            for ax in fig.axes:
                for label in ax.get_xticklabels() + ax.get_yticklabels():
                    label.set_fontfamily(i18n.FONT_FAMILY)
        i18n.use_korean_font()
        return render(changed, [axis for axis, _ in formatters])
    finally:
        for text, english, family in saved:
            text.set_text(english)
            text.set_fontfamily(family)
        for axis, formatter in formatters:
            axis.set_major_formatter(formatter)


def _same_layout_body(fig, tiles: list, salt: str) -> str:
    """The body of a figure's HTML (`site_figures.figure_html` without the ``<figure>`` and
    the caption), drawn in the layout the figure already has: the tiles where the English
    figure was cut, a figure of one piece as its layout engine last placed it."""
    from activations import plotting

    with plotting.style():
        if len(tiles) > 1:
            return site_figures._tiles_html(fig, tiles, salt)[0]
        engine = fig.get_layout_engine()
        fig.set_layout_engine("none")
        try:
            return site_figures._single_html(fig, salt)[0]
        finally:
            fig.set_layout_engine(engine)


class _FitCheck:
    """Whether the changed texts of a figure (and the tick labels of the axes whose labels
    changed) lie inside the SVGs drawn while it watches: each draw that writes an SVG checks
    the texts it shows against the part of the figure it writes (a tile, or the figure),
    where it placed them."""

    def __init__(self, fig, tiles: list, changed: list, axes: list):
        from matplotlib.text import Text

        self.fig, self.axes, self.fits = fig, axes, True
        if len(tiles) > 1:
            owner = {id(text): artist for tile in tiles for artist in tile.artists for text in artist.findobj(Text)}
            self.texts = [(text, owner[id(text)]) for text in changed if id(text) in owner]
        else:
            self.texts = [(text, fig) for text in changed]

    def __enter__(self):
        self.connection = self.fig.canvas.mpl_connect("draw_event", self._check)
        return self

    def __exit__(self, *exc):
        self.fig.canvas.mpl_disconnect(self.connection)

    def _shown_tick_labels(self):
        for axis in self.axes:
            low, high = sorted(axis.get_view_interval())
            margin = 1e-9 * max(1.0, high - low)
            for tick, loc in zip(axis.get_major_ticks(), axis.get_majorticklocs()):
                if low - margin <= loc <= high + margin:
                    yield tick.label1, axis.axes
                    yield tick.label2, axis.axes

    def _check(self, event) -> None:
        # while an SVG is written, the figure's box is the part written, in the SVG's dots
        box = self.fig.bbox
        for text, owner in [*self.texts, *self._shown_tick_labels()]:
            if not (owner.get_visible() and text.get_visible() and text.get_text().strip()):
                continue
            extent = text.get_window_extent(event.renderer)
            if (extent.x0 < box.x0 - 0.5 or extent.x1 > box.x1 + 0.5
                    or extent.y0 < box.y0 - 0.5 or extent.y1 > box.y1 + 0.5):
                self.fits = False


def _on_figure(fig, html: str, *, salt: str, caption: str = "", wide: bool = False, tiles=None) -> None:
    """Record the Korean variant of a figure drawn in the English build of a page that has a
    Korean file.

    The Korean figure keeps the English one's layout: each tile is cut where the English
    figure was, a figure of one piece keeps where its layout engine put its axes, and each
    piece is drawn once. Only when a Korean text would not fit in it (it reaches out of its
    tile or the figure) is the figure laid out anew for its Korean text."""
    if _State.rendering_variant or _State.locale == i18n.LOCALE or not _State.korean_file:
        return
    key = _State.block or (_State.page or "", i18n.HEADER)
    # a figure outside any block is one the build generates (an activation page's header)
    labels = {**i18n.FIGURE, **_State.labels}
    if not _State.block:
        labels = {**i18n.GENERATED, **labels}
    record = RECORD.setdefault(key, {"output": None, "figures": []})
    korean_caption = i18n.translate_text(caption, labels)
    _mark_used([caption, *_figure_texts(fig)])

    def render(changed: list, axes: list) -> str:
        _State.rendering_variant = True
        start = time.process_time()
        try:
            if tiles:
                with _FitCheck(fig, tiles, changed, axes) as check:
                    body = _same_layout_body(fig, tiles, salt)
                if check.fits:
                    figcaption = f"<figcaption>{site_figures.inline_markdown(korean_caption)}</figcaption>\n"
                    return html.split("\n", 1)[0] + "\n" + body + (figcaption if caption else "") + "</figure>\n"
                _State.relaid_out += 1
                log.debug("%s: a Korean text of figure %s does not fit the English layout", key[0], salt)
            return site_figures.figure_html(fig, salt=salt, caption=korean_caption, wide=wide)
        finally:
            _State.rendering_variant = False
            _State.variant_seconds += time.process_time() - start

    korean = korean_variant(fig, labels, render)
    if korean is None and korean_caption != caption:
        korean = html.replace(
            f"<figcaption>{site_figures.inline_markdown(caption)}</figcaption>",
            f"<figcaption>{site_figures.inline_markdown(korean_caption)}</figcaption>",
        )
    if korean is not None and korean != html:
        record["figures"].append((html, korean))


# ---------------------------------------------------------------------------------- events


def on_config(config):
    if _current_locale(config) == i18n.LOCALE:
        # what each edition cost (tests/test_site_build.py compares them)
        # the Korean figures are drawn during the English build, from its figures: they are
        # the Korean edition's cost
        log.info("the English edition cost %.1f s of CPU, and drawing its figures in Korean %.1f s "
                 "(%d laid out anew for their Korean text)",
                 time.process_time() - _State.variant_seconds, _State.variant_seconds, _State.relaid_out)
    plugin = config.plugins.get("i18n")
    if plugin is not None:
        for language in plugin.config.languages:
            if language.locale == i18n.LOCALE:
                language.nav_translations = {**i18n.NAV, **(language.nav_translations or {})}
    _use_edition_snippets(config)
    markdown_exec_main.formatters["python"] = _format_python
    markdown_exec_main.formatters["py"] = _format_python
    if _on_figure not in site_figures.FIGURE_LISTENERS:
        site_figures.FIGURE_LISTENERS.append(_on_figure)
    return config


def edition_snippet(path: str, locale: str) -> str:
    """The file of an appended snippet (``docs/_snippets/abbreviations.md``, the tooltips) for
    an edition: the Korean one (``abbreviations.ko.md``) where it exists for the Korean
    edition, the English one otherwise."""
    english = re.sub(rf"\.{i18n.LOCALE}\.md$", ".md", path)
    if locale != i18n.LOCALE:
        return english
    korean = english.removesuffix(".md") + f".{i18n.LOCALE}.md"
    return korean if Path(korean).is_file() else english


def _use_edition_snippets(config) -> None:
    snippets = (getattr(config, "mdx_configs", None) or {}).get("pymdownx.snippets") or {}
    if snippets.get("auto_append"):
        locale = _current_locale(config)
        snippets["auto_append"] = [edition_snippet(path, locale) for path in snippets["auto_append"]]


def on_files(files, config):
    _State.locale = _current_locale(config)
    return files


@mkdocs.plugins.event_priority(100)
def on_page_markdown(markdown, page, config, files):
    key = _page_key(page)
    _State.page, _State.ordinal, _State.block = key, 0, None
    localization = getattr(page.file, "localization", None)
    if _State.locale == i18n.LOCALE:
        _State.korean_file = localization == i18n.LOCALE
        _State.labels = _labels(page.meta) if _State.korean_file else {}
        # Both editions share one search index. A Korean page holds the English names of what it
        # teaches too, so an English query would find both pages alike: the Korean one counts
        # half, and the English page comes first. Korean words are found on Korean pages only.
        search = page.meta.setdefault("search", {})
        if isinstance(search, dict):
            search.setdefault("boost", KOREAN_SEARCH_BOOST)
        if _State.korean_file:
            english = (Path(config.docs_dir) / key).read_text(encoding="utf-8")
            markdown, problems = fill_markers(markdown, meta.get_data(english)[0])
            for problem in problems:
                log.warning("%s: %s", page.file.src_uri, problem)
        return markdown
    korean = _korean_source(config, key)
    _State.korean_file = korean is not None
    _State.labels = _labels(meta.get_data(korean)[1]) if korean is not None else {}
    return markdown


_ALTERNATE_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[a-z]+">')


def without_alternate_links(html: str) -> str:
    """A page without Material's ``<link rel="alternate" hreflang>`` tags.

    The header's language switch links each page to the same page in the other edition
    (mkdocs-static-i18n writes those links into the page). Material also puts the links in
    the head, where its script takes each for the root of an edition and fetches a
    ``sitemap.xml`` beside it: beside a page there is none, and every page would log a 404.
    """
    return _ALTERNATE_LINK.sub("", html)


_REDIRECT = re.compile(r'<meta http-equiv="refresh" content="0; url=[^"]*">')


def korean_redirect(page: str) -> str:
    """An alias's redirect page (``docs/hooks/catalog_nav.py``) in Korean."""
    return i18n.translate_text(page, i18n.REDIRECT)


def on_post_build(config):
    if _current_locale(config) == i18n.LOCALE:
        # the alias pages of the Korean edition (/ko/activations/swish/), written by the nav's
        # hook in English, send the reader to the Korean page: their text is Korean too
        site = Path(config.site_dir)
        edition = site if site.name == i18n.LOCALE else site / i18n.LOCALE
        for path in (edition / "activations").glob("*/index.html"):
            page = path.read_text(encoding="utf-8")
            if _REDIRECT.search(page) and "<article" not in page:
                path.write_text(korean_redirect(page), encoding="utf-8")
        log.info("both editions cost %.1f s of CPU", time.process_time())


_PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.S)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")
WIDE_CLASS = "wide"
"""The class of a run of wide characters in preformatted text (``docs/assets/stylesheets``)."""


def _is_wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in "WF"


def _spanned(text: str) -> str:
    out = []
    for wide, run in itertools.groupby(text, key=_is_wide):
        run = "".join(run)
        out.append(f'<span class="{WIDE_CLASS}" style="width: {2 * len(run)}ch">{run}</span>' if wide else run)
    return "".join(out)


def wide_characters_spanned(html: str) -> str:
    """The page with each run of wide characters (Hangul) in its preformatted text (printed
    output, code) in a span exactly two columns wide per character.

    Printed tables are aligned for a wide character taking two columns of monospace text,
    as a terminal draws it; a browser draws Hangul in a font of its own, whose letters are
    not quite two columns wide, and the columns after them would drift.

    >>> wide_characters_spanned('<pre><code><span class="s">"정확도"</span> 1</code></pre>')
    '<pre><code><span class="s">"<span class="wide" style="width: 6ch">정확도</span>"</span> 1</code></pre>'
    """
    def pre(match: re.Match[str]) -> str:
        body = _TAG_OR_TEXT.sub(lambda m: m[1] or (_spanned(m[2]) if any(map(_is_wide, m[2])) else m[2]), match[2])
        return match[1] + body + match[3]

    return _PRE.sub(pre, html)


def on_post_page(output, page, config):
    if _State.locale == i18n.LOCALE and _State.korean_file and _State.labels:
        unused = sorted(set(_State.labels) - USED.get(_page_key(page), set()))
        if unused:
            log.info("labels not used on %s: %s", _page_key(page), unused)
    if _State.locale == i18n.LOCALE:
        output = wide_characters_spanned(output)
    return without_alternate_links(output)
