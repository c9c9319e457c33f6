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

import io
import re

import markdown
import matplotlib as mpl
from matplotlib.figure import Figure

from activations import plotting

__all__ = ["FIGURE_LISTENERS", "figure_html", "to_svg"]

FIGURE_LISTENERS: list = []
"""Functions that `figure_html` calls with each figure and its HTML,
``listener(fig, html, salt=..., caption=..., wide=...)``: the site's Korean edition records
a Korean variant of the figure there (``docs/hooks/i18n_exec.py``)."""

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
    svg = buffer.getvalue()
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
    r"""A figure as an HTML ``<figure>`` with inline SVG (`to_svg`) and an optional caption.

    The caption is inline Markdown with math between dollars, ``$p = \tfrac12$``. It is
    rendered here, the way the site renders its pages (``pymdownx.arithmatex``, generic
    mode), and the characters that mean something to Markdown are written as character
    references, so the returned HTML is final: it reads the same whether the code block
    prints HTML (markdown-exec ``html="1"``) or Markdown, in a tab or not, and the site's
    KaTeX typesets the math.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    salt : str
        A name unique to the figure on its page (see `to_svg`).
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
    >>> from activations.plotting import plot_activation
    >>> out = figure_html(plot_activation("relu").figure, salt="relu", caption="ReLU, $f(x)$")
    >>> out.startswith('<figure class="plot">')
    True
    >>> print(html.unescape(out[out.index("<figcaption>") :]).strip())
    <figcaption>ReLU, <span class="arithmatex">\(f(x)\)</span></figcaption>
    </figure>
    """
    classes = "plot wide" if wide else "plot"
    out = f'<figure class="{classes}">\n{to_svg(fig, salt=salt)}'
    if caption:
        out += f"<figcaption>{inline_markdown(caption)}</figcaption>\n"
    out += "</figure>\n"
    for listener in FIGURE_LISTENERS:
        listener(fig, out, salt=salt, caption=caption, wide=wide)
    return out


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
