"""Tidy each page's HTML: headings without tooltips, no empty paragraphs.

* The abbreviations appended to every page (``docs/_snippets/``, ``abbr``) mark each
  occurrence of a term, headings included, with a dotted underline and a tooltip. A title
  reads as a title: in headings (``h1``-``h6``) the ``<abbr>`` markup is taken out and its text
  kept; body text keeps its tooltips.
* An executed block that prints nothing (a hidden check) leaves an empty paragraph, whose
  margins add a gap to the page: empty paragraphs are removed.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"<(h[1-6])\b([^>]*)>(.*?)</\1>", re.S)
_ABBR = re.compile(r"</?abbr\b[^>]*>")
_EMPTY_PARAGRAPH = re.compile(r"[ \t]*<p>\s*</p>\n?")


def plain_headings(html: str) -> str:
    """``html`` with the ``<abbr>`` tags inside its headings removed (their text stays).

    Examples
    --------
    >>> plain_headings('<h1 id="gelu"><abbr title="Gaussian error linear unit">GELU</abbr></h1>')
    '<h1 id="gelu">GELU</h1>'
    >>> plain_headings('<p><abbr title="t">GELU</abbr></p>')
    '<p><abbr title="t">GELU</abbr></p>'
    """
    return _HEADING.sub(lambda m: f"<{m[1]}{m[2]}>{_ABBR.sub('', m[3])}</{m[1]}>", html)


def drop_empty_paragraphs(html: str) -> str:
    """``html`` without its empty paragraphs (``<p></p>``, ``<p> </p>``).

    Examples
    --------
    >>> drop_empty_paragraphs("<pre>x</pre>\\n<p></p>\\n<h2>Next</h2>")
    '<pre>x</pre>\\n<h2>Next</h2>'
    """
    return _EMPTY_PARAGRAPH.sub("", html)


def on_page_content(html, page, config, files):
    return drop_empty_paragraphs(plain_headings(html))
