"""What Material's search reads of a page: readable previews, and the names a reader types.

Material's search indexes each page's HTML text. Two kinds of element read badly there, so the
hook marks them ``data-search-exclude`` (Material's search skips such an element and what it
holds; the page itself is unchanged):

* math left by ``pymdownx.arithmatex`` for KaTeX, which is TeX source (``\\frac{1}{1 + e^{-x}}``)
  until the page's script typesets it;
* the labels of a row of tabs (``pymdownx.tabbed``), which run together as one word
  (``This packagePyTorchKerasJAX``); the tabs' contents stay searchable.

A reader may also type a name of several words run together (``leakyrelu``, ``hardsilu``), as
the registry accepts it. An activation's page tags hold the words of its names, and a tag
outweighs any other match, so a run-together spelling cannot be a tag: ``hard`` typed as a
prefix would match ``hardswish`` and ``hardsilu`` on the Hard Swish page and rank it above Hard
Sigmoid's for ``hard sigmoid``. The run-together spellings go into the text of the page's
first section instead, in a paragraph the page does not show: text weighs a millionth of a tag,
so they decide only a search that no tag matches.
"""

from __future__ import annotations

import re

import activations

_MARKED = re.compile(r'<(span|div) class="(arithmatex|tabbed-labels)"')
_PAGE = re.compile(r"activations/(?P<name>[a-z0-9_]+)(?:\.[a-z]{2})?\.md")
_FIRST_SECTION_END = re.compile(r"<h2\b")


def exclude_from_search(html: str) -> str:
    """``html`` with its math and tab labels marked ``data-search-exclude``."""
    return _MARKED.sub(r'<\1 class="\2" data-search-exclude', html)


def run_together(name: str) -> list[str]:
    """The spellings of an activation's names of several words with the words run together.

    Examples
    --------
    >>> run_together("hard_swish"), run_together("relu"), run_together("step")
    (['hardswish', 'hardsilu'], [], ['binarystep'])
    """
    act = activations.get(name)
    return [alias.replace("_", "") for alias in (name, *act.aliases) if "_" in alias]


def with_run_together_names(html: str, name: str) -> str:
    """``html`` of an activation's page with its run-together spellings (`run_together`) in a
    hidden paragraph at the end of its first section, before the first ``<h2>``.

    Examples
    --------
    >>> with_run_together_names("<h1>Leaky ReLU</h1><p>f</p><h2>What it is</h2>", "leaky_relu")
    '<h1>Leaky ReLU</h1><p>f</p><p hidden>leakyrelu</p>\\n<h2>What it is</h2>'
    >>> with_run_together_names("<h1>ReLU</h1>", "relu")
    '<h1>ReLU</h1>'
    """
    spellings = run_together(name)
    if not spellings:
        return html
    paragraph = f"<p hidden>{' '.join(spellings)}</p>\n"
    end = _FIRST_SECTION_END.search(html)
    at = end.start() if end else len(html)
    return html[:at] + paragraph + html[at:]


def on_page_content(html, page, config, files):
    html = exclude_from_search(html)
    page_file = _PAGE.fullmatch(getattr(page.file, "norm_src_uri", page.file.src_uri))
    if page_file and page_file["name"] in activations.names():
        html = with_run_together_names(html, page_file["name"])
    return html
