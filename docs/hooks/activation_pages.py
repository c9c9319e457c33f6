"""The activation pages: a generated header from each declaration above a prose file.

``docs/activations/<name>.md`` holds only the prose about one activation. This hook puts above
it what the declaration says (``catalog_pages.activation_header``): title, summary, $f$ and
$f'$, the figure, the facts table, the names in other libraries, the parameters and the
example. A new activation is therefore one declaration plus one prose file, and the build
(with ``--strict``) fails when the two do not match: a catalog function without a prose
file, a prose file without a function, a prose file with a title of its own, or a parameter
whose docstring does not say what it means.

The hook also puts ``docs/_site/`` (the site's own Python helpers, kept out of the built
site) on ``sys.path``, for itself and for the code blocks that pages execute.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

SITE_MODULES = Path(__file__).resolve().parents[1] / "_site"
if str(SITE_MODULES) not in sys.path:
    sys.path.insert(0, str(SITE_MODULES))

import activations  # noqa: E402
import catalog_pages  # noqa: E402
import i18n  # noqa: E402

log = logging.getLogger("mkdocs.hooks.activation_pages")

SECTION = "activations"
"""The folder of ``docs/`` that holds one prose file per activation, and its index."""


def prose_names(paths: list[str]) -> set[str]:
    """Names of the activation prose files among documentation paths
    (``activations/relu.md`` -> ``relu``; the section's index is not one)."""
    names = set()
    for path in paths:
        folder, _, file = path.rpartition("/")
        # a translation (relu.ko.md) is not a prose file of its own
        if folder == SECTION and file.endswith(".md") and file != "index.md" and "." not in file[:-3]:
            names.add(file.removesuffix(".md"))
    return names


def mismatches(catalog: list[str], prose: set[str]) -> list[str]:
    """What keeps the catalog and the prose files from matching one to one."""
    problems = [
        f"activation {name!r} has no prose page: add docs/{SECTION}/{name}.md"
        for name in sorted(set(catalog) - prose)
    ]
    problems += [
        f"docs/{SECTION}/{name}.md has no activation: declare {name!r} in the catalog or remove the page"
        for name in sorted(prose - set(catalog))
    ]
    return problems


def _outside_code(markdown: str) -> list[str]:
    """The lines of Markdown that are not inside a fenced code block."""
    lines, fence = [], ""
    for line in markdown.splitlines():
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        else:
            lines.append(line)
    return lines


def prose_problems(name: str, markdown: str) -> list[str]:
    """What is wrong with one activation's prose file and its declaration's docstring."""
    problems = []
    if any(line.startswith("# ") for line in _outside_code(markdown)):
        problems.append(f"docs/{SECTION}/{name}.md has a title of its own: the header gives it")
    for parameter in catalog_pages.parameters(name):
        if not parameter.meaning:
            problems.append(
                f"activation {name!r}: parameter {parameter.name!r} is not described in the "
                "Parameters section of its docstring"
            )
    return problems


def search_terms(name: str) -> list[str]:
    """The page's search tags: the words of its names, so that typing a name finds its page
    first. Material's search ranks tags far above titles and text, and matches what is typed as
    a prefix (``relu`` also finds ``relu6``), where the rarer word scores higher. So each page's
    tags are the words of its registry name and aliases (``hard_swish`` -> ``hard``,
    ``swish``) and the name run together as other libraries spell it (``hardswish``), leaving
    out every word that starts with *another* activation's one-word name: ``relu6`` and the
    ``relu`` of ``leaky_relu`` stay off their pages, whose titles still find them."""
    act = activations.get(name)
    own = {name, *act.aliases}
    others = {n for other in activations.names() for n in (other, *activations.get(other).aliases)
              if "_" not in n and n not in own}  # fmt: skip
    words = [word for alias in (name, *act.aliases) for word in alias.split("_")]
    if "_" in name:
        words.append(name.replace("_", ""))
    terms: list[str] = []
    for word in words:
        if word not in terms and not any(word.startswith(other) for other in others):
            terms.append(word)
    return terms


def on_files(files, config):
    paths = [file.src_uri for file in files.documentation_pages()]
    for problem in mismatches(activations.names(), prose_names(paths)):
        log.warning(problem)
    return files


_headers: dict[str, str] = {}
"""Each page's header, made once for both editions of the site."""


def on_page_markdown(markdown, page, config, files):
    source = getattr(page.file, "norm_src_uri", page.file.src_uri)
    names = prose_names([source])
    if not names or next(iter(names)) not in activations.names():
        return markdown
    name = next(iter(names))
    for problem in prose_problems(name, markdown):
        log.warning(problem)
    page.meta.setdefault("tags", search_terms(name))
    if name not in _headers:
        _headers[name] = catalog_pages.activation_header(name)
    header = _headers[name]
    if getattr(page.file, "localization", None) == i18n.LOCALE:
        header = i18n.localize_generated(header, source)
    return header + "\n" + markdown
