"""Check before a build that ``docs/assets/vendor/katex/`` holds the pinned KaTeX, unmodified.

The files are committed with a stamp of their SHA-256 hashes (``scripts/fetch_katex.py``
writes both when KaTeX is upgraded), so a build needs no network and serves exactly the
files that were reviewed.

After each page is rendered, the hook links KaTeX and the site's ``math.js`` into it only if
the page holds math, so a page without math downloads none of KaTeX's 266 KB script.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fetch_katex.py"


def _load_fetcher():
    spec = importlib.util.spec_from_file_location("fetch_katex", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on_pre_build(config):
    problems = _load_fetcher().problems()
    if problems:
        raise PluginError(
            "vendor_katex: docs/assets/vendor/katex is not the pinned KaTeX: "
            + "; ".join(problems)
            + ". Restore it with `git checkout -- docs/assets/vendor/katex`, or rebuild it with "
            "`python scripts/fetch_katex.py` (needs npm)."
        )


#: What a page with math loads, relative to the site root: KaTeX's stylesheet in the head, its
#: script and the site's typesetting script (``math.js``) at the end of the body, after Material's.
KATEX_CSS = ("assets/vendor/katex/katex.min.css",)
KATEX_JS = ("assets/vendor/katex/katex.min.js", "assets/javascripts/math.js")


def has_math(html: str) -> bool:
    """Whether a built page holds math left by ``pymdownx.arithmatex`` (generic mode)."""
    return 'class="arithmatex"' in html


def with_katex(html: str, page_url: str) -> str:
    """``html`` with KaTeX's files linked, when it has math; unchanged otherwise. Pages without
    math (most of the API reference, the home page) load no KaTeX at all."""
    if not has_math(html):
        return html
    css = "".join(f'<link rel="stylesheet" href="{get_relative_url(path, page_url)}">' for path in KATEX_CSS)
    js = "".join(f'<script src="{get_relative_url(path, page_url)}"></script>' for path in KATEX_JS)
    head, body = html.rindex("</head>"), html.rindex("</body>")
    return html[:head] + css + html[head:body] + js + html[body:]


def on_post_page(output, page, config):
    return with_katex(output, page.url)
