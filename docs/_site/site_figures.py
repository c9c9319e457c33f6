r"""Figures of the library as page HTML: deterministic inline SVG that follows the palette.

The library (`activations.plotting`) draws matplotlib figures and knows nothing of this site.
This module, which only the site uses, turns a figure into what a page holds:

* `to_svg` writes deterministic SVG: a fixed hash salt per figure, no date or version
  metadata, and ids prefixed per figure, so two builds give identical pages and several
  figures can share a page. The plotting style's ink colour (`plotting.FOREGROUND`) becomes
  ``currentColor`` and its paper colour (`plotting.BACKGROUND`) the page's background colour,
  so one SVG follows the light or the dark palette.
* `figure_html` wraps it in a ``<figure>`` whose caption is Markdown with math, rendered here
  the way the site renders its pages.

Executed code blocks import it (``from site_figures import figure_html``) on hidden lines: the
code a reader copies ends with the matplotlib figure. The hook ``docs/hooks/activation_pages.py``
puts this folder on ``sys.path``; ``mkdocs.yml`` keeps it out of the built site.

Examples
--------
>>> from activations.plotting import plot_activation
>>> svg = to_svg(plot_activation("relu").figure, salt="relu")
>>> svg.startswith("<svg") and "currentColor" in svg
True
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass

import markdown
import matplotlib as mpl
import matplotlib.mathtext
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from activations import plotting

# The same mathematical labels ($x$, $f(x)$, $f'(x)$) recur in every figure of the site, and
# each is parsed again for every size and renderer: matplotlib keeps the last 50 parses of each
# parser, and every renderer (every SVG written) makes a parser of its own. The site keeps
# 4096 parses, shared by the parsers of one output type (the parse depends on the parser only
# through it) and keyed by the mathtext settings too, which the fonts of a parse read.
_PARSE = getattr(mpl.mathtext.MathTextParser, "_parse_cached", None)
if _PARSE is not None and hasattr(_PARSE, "__wrapped__"):
    _PARSERS: dict[str, mpl.mathtext.MathTextParser] = {}

    @functools.lru_cache(4096)
    def _parse_shared(output_type, settings, s, dpi, prop, antialiased, load_glyph_flags):
        return _PARSE.__wrapped__(_PARSERS[output_type], s, dpi, prop, antialiased, load_glyph_flags)

    def _parse_cached(self, s, dpi, prop, antialiased, load_glyph_flags):
        _PARSERS.setdefault(self._output_type, self)
        settings = tuple((key, str(mpl.rcParams[key])) for key in _MATHTEXT_SETTINGS)
        return _parse_shared(self._output_type, settings, s, dpi, prop, antialiased, load_glyph_flags)

    _MATHTEXT_SETTINGS = tuple(sorted(key for key in mpl.rcParams if key.startswith("mathtext.")))
    mpl.mathtext.MathTextParser._parse_cached = _parse_cached

__all__ = ["FIGURE_LISTENERS", "LEGIBLE_PX", "PHONE_COLUMN_PX", "figure_html", "share_glyphs", "to_svg"]

FIGURE_LISTENERS: list = []
"""Functions that `figure_html` calls with each figure and its HTML,
``listener(fig, html, salt=..., caption=..., wide=..., tiles=...)``, where ``tiles`` are the
parts the figure was cut into (``_tiles``): the site's Korean edition records a Korean variant
of the figure there, drawn in the same layout (``docs/hooks/i18n_exec.py``)."""

_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_ID = re.compile(r'\bid="([^"]+)"')
# The page's background in both palettes (Material's CSS variable), white elsewhere.
_PAGE_BACKGROUND = "var(--md-default-bg-color, #ffffff)"


def to_svg(fig: Figure, *, salt: str) -> str:
    """Render a figure as deterministic SVG markup to inline in an HTML page.

    The ink colour of the plotting style becomes ``currentColor`` and its paper colour the
    page background (the CSS variable ``--md-default-bg-color``, white elsewhere), so the
    figure follows a light or dark palette. The output has no XML prolog, no metadata and no
    global style rule, and its ids are prefixed with ``salt`` so that several figures can share
    a page.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to render.
    salt : str
        A name unique to this figure on its page: matplotlib's ``svg.hashsalt`` and the id
        prefix. The same figure and salt give the same bytes.

    Returns
    -------
    str
        ``<svg ...>...</svg>``.

    Examples
    --------
    >>> from activations.plotting import plot_activation
    >>> first = to_svg(plot_activation("tanh").figure, salt="tanh")
    >>> first == to_svg(plot_activation("tanh").figure, salt="tanh")
    True
    """
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", salt)
    buffer = io.StringIO()
    with plotting.style(), mpl.rc_context({"svg.hashsalt": prefix}):
        fig.savefig(buffer, format="svg", metadata=_SVG_METADATA)
    return _clean_svg(buffer.getvalue(), prefix)


def _clean_svg(svg: str, prefix: str) -> str:
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    # matplotlib's global rule `*{stroke-linejoin: round; ...}` would style the whole page:
    # keep its effect on this figure only, as inherited attributes of the root element.
    svg = re.sub(r"\s*<defs>\s*<style[^>]*>.*?</style>\s*</defs>", "", svg, count=1, flags=re.S)
    svg = svg.replace("<svg ", '<svg stroke-linejoin="round" stroke-linecap="butt" ', 1)
    svg = re.sub(plotting.FOREGROUND, "currentColor", svg, flags=re.I)
    svg = re.sub(plotting.BACKGROUND, _PAGE_BACKGROUND, svg, flags=re.I)
    ids = set(_ID.findall(svg))

    def prefixed(match: re.Match[str]) -> str:
        return match.group(1) + prefix + "-" + match.group(2) if match.group(2) in ids else match.group(0)

    svg = re.sub(r'(\bid="|#)([^"\s)#;]+)(?=["\)])', prefixed, svg)
    return svg.strip() + "\n"


def figure_html(fig: Figure, *, salt: str, caption: str = "", wide: bool = False) -> str:
    r"""A figure as an HTML ``<figure>`` with inline SVG (`to_svg`) and an optional caption,
    laid out so that its text stays legible on a phone.

    A figure of several panels becomes one SVG per panel (a *tile*: the axes of one cell of
    the figure's outermost grid, with their colorbars, twins and insets; a figure-level
    legend is a tile of its own), in rows that wrap on a narrow screen: a tile never shrinks
    below the width at which its smallest text would be `LEGIBLE_PX` tall on a phone. A
    figure of one panel drawn wider than that on a phone is drawn narrower (its layout
    engine re-lays it out) so that its smallest text keeps `LEGIBLE_PX` in the page column
    of a 390 px screen. Either way each piece of the figure is drawn once. The text sizes
    come from the figure's own fonts; nothing is cropped but empty margin.

    The caption is inline Markdown with math between dollars, ``$p = \tfrac12$``. It is
    rendered here, the way the site renders its pages (``pymdownx.arithmatex``, generic
    mode), and the characters that mean something to Markdown are written as character
    references, so the returned HTML is final: it reads the same whether the code block
    prints HTML (markdown-exec ``html="1"``) or Markdown, in a tab or not, and the site's
    KaTeX typesets the math.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure. A figure of one panel may be resized.
    salt : str
        A name unique to the figure on its page (see `to_svg`); tiles add ``-1``, ``-2``, ...
    caption : str, default ""
        The caption, in Markdown; HTML in it is kept as it is.
    wide : bool, default False
        Let the figure take the full width of the page column.

    Returns
    -------
    str
        HTML to print from an executed code block (markdown-exec ``html="1"`` or Markdown
        output) or to put in a page's Markdown.

    Examples
    --------
    >>> import html
    >>> from activations.plotting import plot_activation, plot_grid
    >>> out = figure_html(plot_activation("relu").figure, salt="relu", caption="ReLU, $f(x)$")
    >>> out.startswith('<figure class="plot">')
    True
    >>> print(html.unescape(out[out.index("<figcaption>") :]).strip())
    <figcaption>ReLU, <span class="arithmatex">\(f(x)\)</span></figcaption>
    </figure>
    >>> figure_html(plot_grid(["relu", "tanh"], ncols=2), salt="two").count('class="plot-tile"')
    2
    """
    classes = ["plot"] + (["wide"] if wide else [])
    with plotting.style():
        tiles = _tiles(fig)
        if len(tiles) == 1:
            body, fits = _single_html(fig, salt)
        else:
            body, fits = _tiles_html(fig, tiles, salt)
            classes.append("tiled")
    if not fits:
        classes.append("scrolls")
    out = f'<figure class="{" ".join(classes)}">\n{body}'
    if caption:
        out += f"<figcaption>{inline_markdown(caption)}</figcaption>\n"
    out += "</figure>\n"
    for listener in FIGURE_LISTENERS:
        listener(fig, out, salt=salt, caption=caption, wide=wide, tiles=tiles)
    return out


LEGIBLE_PX = 10.0
"""The height, in CSS pixels, below which no text of a figure falls in the page column of a
phone (`PHONE_COLUMN_PX`)."""
PHONE_COLUMN_PX = 358.0
"""The width of the page column on a 390 px screen (Material's margins of 16 px)."""
_PX_PER_INCH = 96.0  # CSS pixels; SVG sizes are in points, 72 to the inch
_PX_PER_PT = _PX_PER_INCH / 72.0


@dataclass
class _Tile:
    """A part of a figure drawn as its own SVG: some axes, or one figure-level artist."""

    artists: list[Artist]
    box: Bbox  # in display units of the figure (dots)
    grown: bool = False  # the box holds the tick labels `_label_shared_axes` shows

    @property
    def top(self) -> float:
        return self.box.y1


def _smallest_text_pt(artists: list[Artist]) -> float:
    """The size in points of the smallest visible, non-empty text among the artists, tick
    labels included (whose text is known only once the figure is drawn)."""
    sizes = [
        text.get_fontsize()
        for artist in artists
        for text in artist.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    ]
    for ax in (artist for artist in artists if isinstance(artist, Axes)):
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_visible() and axis.get_major_ticks():
                tick = axis.get_major_ticks()[0]
                sizes += [label.get_fontsize() for label in (tick.label1, tick.label2) if label.get_visible()]
    return min(sizes, default=plotting.THEME["font.size"])


def _tiles(fig: Figure) -> list[_Tile]:
    """The figure cut into tiles: one per cell of the outermost grid that holds axes, plus
    one per figure-level legend or title; axes without a grid cell (colorbars) join the
    nearest tile. A single tile means the figure is not cut."""
    cells, loose, others = _parts(fig)
    if len(cells) + len(others) + (len(loose) if not cells else 0) <= 1:
        return [_Tile(list(fig.axes), Bbox.null())]  # one piece: no need to draw it twice
    fig.draw_without_rendering()
    renderer = fig._get_renderer()
    tiles = [
        _Tile(list(group), Bbox.union([ax.get_tightbbox(renderer) for ax in group]))
        for group in cells.values()
    ]
    for ax in loose:
        box = ax.get_tightbbox(renderer)
        if not tiles:
            tiles.append(_Tile([ax], box))
            continue
        nearest = min(tiles, key=lambda tile: _gap(tile.box, box))
        nearest.artists.append(ax)
        nearest.box = Bbox.union([nearest.box, box])
    tiles += [_Tile([artist], artist.get_window_extent(renderer)) for artist in others]
    return tiles


def _parts(fig: Figure) -> tuple[dict[tuple, list[Axes]], list[Axes], list[Artist]]:
    """The visible axes by cell of the outermost grid, the visible axes outside any grid, and
    the figure-level artists with something to show."""
    cells: dict[tuple, list[Axes]] = {}
    loose: list[Axes] = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        spec = ax.get_subplotspec()
        if spec is None:
            loose.append(ax)
            continue
        top = spec.get_topmost_subplotspec()
        key = (id(top.get_gridspec()), top.rowspan.start, top.rowspan.stop, top.colspan.start, top.colspan.stop)
        cells.setdefault(key, []).append(ax)
    candidates = [*fig.legends, *fig.texts]
    candidates += [getattr(fig, name, None) for name in ("_suptitle", "_supxlabel", "_supylabel")]
    others = [a for a in candidates if a is not None and a.get_visible() and _has_content(a)]
    return cells, loose, others


def _has_content(artist: Artist) -> bool:
    return not isinstance(artist, Text) or bool(artist.get_text().strip())


def _gap(a: Bbox, b: Bbox) -> float:
    dx = max(0.0, a.x0 - b.x1, b.x0 - a.x1)
    dy = max(0.0, a.y0 - b.y1, b.y0 - a.y1)
    return float(np.hypot(dx, dy))


def _svg_size_px(svg: str) -> float:
    return float(re.search(r'\bwidth="([\d.]+)pt"', svg).group(1)) * _PX_PER_PT


def _single_html(fig: Figure, salt: str) -> tuple[str, bool]:
    """One SVG; a figure whose layout engine can re-lay it out is drawn narrow enough for a
    phone. Returns the HTML and whether it fits a phone's column."""
    smallest_px = _smallest_text_pt(fig.axes + fig.legends + fig.texts) * _PX_PER_PT
    widest_px = PHONE_COLUMN_PX * smallest_px / LEGIBLE_PX
    width, height = fig.get_size_inches()
    if width * _PX_PER_INCH > widest_px and fig.get_layout_engine() is not None:
        fig.set_size_inches(widest_px / _PX_PER_INCH, height)
    svg = to_svg(fig, salt=salt)
    native = _svg_size_px(svg)
    fits = native * LEGIBLE_PX / smallest_px <= PHONE_COLUMN_PX + 0.5
    style = f"max-width: {native * 1.15:.0f}px" if fits else f"--min: {native * LEGIBLE_PX / smallest_px:.0f}px"
    return f'<div class="plot-single" style="{style}">\n{svg}</div>\n', fits


def _tiles_html(fig: Figure, tiles: list[_Tile], salt: str) -> tuple[str, bool]:
    """One SVG per tile, in rows (tiles that overlap vertically), left to right."""
    tiles = sorted(tiles, key=lambda tile: -tile.top)
    rows: list[list[_Tile]] = []
    for tile in tiles:
        row = rows[-1] if rows else None
        if row and tile.box.y1 > min(t.box.y0 for t in row) + 0.5 * min(t.box.height for t in row):
            row.append(tile)
        else:
            rows.append([tile])
    rows = [sorted(row, key=lambda t: t.box.x0) for row in rows]
    engine = fig.get_layout_engine()
    everything = [ax for ax in fig.axes] + [a for tile in tiles for a in tile.artists if a not in fig.axes]
    shown = {id(a): a.get_visible() for a in everything}
    inches = fig.dpi_scale_trans.inverted()
    fits = True
    html_rows: list[list[str]] = []
    defined: set[str] = set()
    number = 0
    hidden_labels: list[tuple] = []
    try:
        fig.set_layout_engine("none")  # keep every panel where the whole figure put it
        _pin_legends(fig)
        _label_shared_axes(fig, tiles, hidden_labels)
        for row in rows:
            cells = []
            for tile in row:
                number += 1
                members = {id(a) for a in tile.artists}
                for artist in everything:
                    artist.set_visible(shown[id(artist)] and id(artist) in members)
                box = tile.box.padded(2.0).transformed(inches)
                svg = share_glyphs(_crop(fig, box, salt=f"{salt}-{number}"), f"{salt}-{number}", salt, defined)
                native = _svg_size_px(svg)
                smallest_px = _smallest_text_pt(tile.artists) * _PX_PER_PT
                basis = native * LEGIBLE_PX / smallest_px
                fits = fits and basis <= PHONE_COLUMN_PX + 0.5
                style = f"--w: {native:.0f}; --basis: {basis:.0f}px"
                cells.append(f'<div class="plot-tile" style="{style}">\n{svg}</div>\n')
            html_rows.append(cells)
    finally:
        for artist in everything:
            artist.set_visible(shown[id(artist)])
        _restore_labels(hidden_labels)
        fig.set_layout_engine(engine)
    rows_html = "".join('<div class="plot-row">\n' + "".join(cells) + "</div>\n" for cells in html_rows)
    return f'<div class="plot-tiles">\n{rows_html}</div>\n', fits


_LABEL_SIDES = {"x": ("labelbottom", "labeltop"), "y": ("labelleft", "labelright")}


def _labelled(ax: Axes, name: str) -> bool:
    """Whether the axes draw tick labels on their x or y axis (``name``)."""
    axis = getattr(ax, f"{name}axis")
    params = axis.get_tick_params()
    return ax.get_visible() and axis.get_visible() and any(params[side] for side in _LABEL_SIDES[name])


def _label_shared_axes(fig: Figure, tiles: list[_Tile], changed: list[tuple]) -> None:
    """Show on every tile the tick labels that sharing an axis hid; grow the tiles to hold them.

    Panels that share an axis (``sharey=True``) label it on the outer panels only, but each
    tile is a figure of its own: on a phone it may start a row, with no neighbour to read the
    numbers from. So an axis without tick labels takes those of an axis it shares that another
    tile labels (a twin in the same tile, which labels it already, leaves it as it is).
    Each change is appended to ``changed``, for `_restore_labels` to put the figure back."""
    tile_of = {id(a): i for i, tile in enumerate(tiles) for a in tile.artists}
    grown: dict[int, list[Axes]] = {}
    for ax in (a for a in fig.axes if id(a) in tile_of and a.get_visible()):
        for name in ("x", "y"):
            siblings = getattr(ax, f"get_shared_{name}_axes")().get_siblings(ax)
            same_tile = [s for s in siblings if tile_of.get(id(s)) == tile_of[id(ax)]]
            if any(_labelled(s, name) for s in same_tile):
                continue
            model = next((s for s in siblings if id(s) in tile_of and _labelled(s, name)), None)
            if model is None:
                continue
            axis, model_axis = getattr(ax, f"{name}axis"), getattr(model, f"{name}axis")
            for which in ("major", "minor"):
                before = axis.get_tick_params(which=which)
                after = model_axis.get_tick_params(which=which)
                changed.append((axis, which, {side: before[side] for side in _LABEL_SIDES[name]}, None))
                axis.set_tick_params(which=which, **{side: after[side] for side in _LABEL_SIDES[name]})
            if model_axis.offsetText.get_visible() and not axis.offsetText.get_visible():
                changed.append((axis, None, None, False))
                axis.offsetText.set_visible(True)
            grown.setdefault(tile_of[id(ax)], []).append(ax)
    # A tile is grown once, when its figure is first cut: drawing it again (the Korean edition
    # draws the same tiles with translated text) keeps the box, so both have one size.
    grown = {index: axes for index, axes in grown.items() if not tiles[index].grown}
    if grown:
        fig.draw_without_rendering()
        renderer = fig._get_renderer()
        for index, axes in grown.items():
            tiles[index].box = Bbox.union([tiles[index].box, *(ax.get_tightbbox(renderer) for ax in axes)])
            tiles[index].grown = True


def _restore_labels(changed: list[tuple]) -> None:
    """Undo `_label_shared_axes`."""
    for axis, which, params, offset_visible in reversed(changed):
        if which is None:
            axis.offsetText.set_visible(offset_visible)
        else:
            axis.set_tick_params(which=which, **params)


_GLYPH = re.compile(r'\s*<path id="([^"]+)" d="[^"]*"(?: transform="[^"]*")?/>')


def share_glyphs(svg: str, salt: str, shared: str, defined: set[str]) -> str:
    """Let SVGs on one page share their glyphs: the glyph outlines of ``svg`` (whose ids
    `to_svg` prefixed with ``salt``) take the prefix ``shared``, and those already in
    ``defined`` (the ids written by earlier SVGs of the same page) are left out; ``defined``
    is updated. Inline SVGs share one id space, so a ``<use>`` reaches an outline that an
    earlier SVG defines.

    Examples
    --------
    >>> from activations.plotting import plot_grid
    >>> seen = set()
    >>> first = share_glyphs(to_svg(plot_grid(["relu"]), salt="a"), "a", "g", seen)
    >>> second = share_glyphs(to_svg(plot_grid(["relu"]), salt="b"), "b", "g", seen)
    >>> len(second) < len(first) and 'href="#g-DejaVuSans-' in second
    True
    """
    old = re.sub(r"[^A-Za-z0-9_-]", "-", salt) + "-"
    new = re.sub(r"[^A-Za-z0-9_-]", "-", shared) + "-"
    glyphs = {m.group(1) for m in _GLYPH.finditer(svg) if "-" in m.group(1)[len(old) :]}
    svg = re.sub(
        r'(id="|href="#)([^"]+)"',
        lambda m: f'{m[1]}{new}{m[2][len(old):]}"' if m[2] in glyphs else m[0],
        svg,
    )

    def keep_first(match: re.Match[str]) -> str:
        name = match.group(1)
        if not name.startswith(new) or name[len(new) :] not in {g[len(old) :] for g in glyphs}:
            return match.group(0)
        if name in defined:
            return ""
        defined.add(name)
        return match.group(0)

    svg = _GLYPH.sub(keep_first, svg)
    return re.sub(r"\s*<defs>\s*</defs>", "", svg)


def _pin_legends(fig: Figure) -> None:
    """Anchor each figure-level legend where it is now. A legend placed relative to the figure
    (``loc="outside right upper"``) would otherwise be placed relative to the cropped part."""
    renderer = fig._get_renderer()
    for legend in fig.legends:
        corner = fig.transFigure.inverted().transform(legend.get_window_extent(renderer).p0)
        legend.set_loc("lower left")
        legend.set_bbox_to_anchor(tuple(corner), transform=fig.transFigure)
        legend.borderaxespad = 0.0


def _crop(fig: Figure, box: Bbox, *, salt: str) -> str:
    """`to_svg` of the part of the figure inside ``box`` (inches)."""
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", salt)
    buffer = io.StringIO()
    with plotting.style(), mpl.rc_context({"svg.hashsalt": prefix}):
        fig.savefig(buffer, format="svg", metadata=_SVG_METADATA, bbox_inches=box)
    return _clean_svg(buffer.getvalue(), prefix)


# Characters that mean something to Markdown or arithmatex, written as character references
# in rendered text: the browser shows them as they are, and Markdown leaves them alone.
_MARKDOWN_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}$"})


def inline_markdown(text: str) -> str:
    """Markdown with ``$...$`` math as HTML, without the paragraph around a single one.

    The result is inert to Markdown: printed from a code block whose output Markdown
    processes again (markdown-exec's Markdown output inside a tab, say), it stays as it is.

    Examples
    --------
    >>> import html
    >>> print(html.unescape(inline_markdown("*solid* and $f'$")))
    <em>solid</em> and <span class="arithmatex">\\(f'\\)</span>
    """
    converter = markdown.Markdown(
        extensions=["pymdownx.arithmatex"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    out = converter.convert(text).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[len("<p>") : -len("</p>")]
    return re.sub(r"(<[^>]*>)|([^<]+)", lambda m: m[1] or m[2].translate(_MARKDOWN_INERT), out)
