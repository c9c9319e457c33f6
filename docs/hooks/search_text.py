"""Keep what a search result previews readable: text, not markup that only a script finishes.

Material's search indexes each page's HTML text. Two kinds of element read badly there, so the
hook marks them ``data-search-exclude`` (Material's search skips such an element and what it
holds; the page itself is unchanged):

* math left by ``pymdownx.arithmatex`` for KaTeX, which is TeX source (``\\frac{1}{1 + e^{-x}}``)
  until the page's script typesets it;
* the labels of a row of tabs (``pymdownx.tabbed``), which run together as one word
  (``This packagePyTorchKerasJAX``); the tabs' contents stay searchable.
"""

from __future__ import annotations

import re

_MARKED = re.compile(r'<(span|div) class="(arithmatex|tabbed-labels)"')


def exclude_from_search(html: str) -> str:
    """``html`` with its math and tab labels marked ``data-search-exclude``."""
    return _MARKED.sub(r'<\1 class="\2" data-search-exclude', html)


def on_page_content(html, page, config, files):
    return exclude_from_search(html)
