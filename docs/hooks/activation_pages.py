"""The activation pages: a generated header from each declaration above a prose file.

``docs/activations/<name>.md`` holds only the prose about one activation. This hook puts above
it what the declaration says (``catalog_pages.activation_header``): title, summary, $f$ and
$f'$, the figure, the facts table, the names in other libraries, the parameters and the
example. A new activation is therefore one declaration plus one prose file, and the build
(with ``--strict``) fails when the two do not match: a catalog function without a prose
file, a prose file without a function, a prose file with a title of its own, or a parameter
whose docstring does not say what it means.

On a Korean page (``<name>.ko.md``) the header is the same, in Korean: the generated words by
`i18n.GENERATED`, the family by its Korean name, and the prose of the declaration's docstring
(its summary and what each parameter means) by the page's own front matter, which holds it
in Korean::

    summary: '정류 선형 유닛(rectified linear unit): ...'
    parameters:
      negative_slope: '$x \\le 0$에서의 기울기 $\\alpha$ ...'

The build (``--strict``) fails when a Korean activation page lacks its summary or the meaning
of one of the function's parameters, or describes a parameter the function does not have.

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


def _name_words(name: str) -> list[str]:
    """The words of an activation's registry name and aliases (``hard_swish`` -> ``hard``,
    ``swish``), in order, each once."""
    act = activations.get(name)
    return list(dict.fromkeys(word for alias in (name, *act.aliases) for word in alias.split("_")))


def search_terms(name: str) -> list[str]:
    """The page's search tags, so that typing any of its names finds it first.

    Material's search ranks a match in the tags far above one in a title or the text, and
    reads each typed word as a prefix: ``relu`` also matches the tag ``relu6``, which, being
    rarer, scores higher than ``relu`` itself. So the tags of a page are

    * every word of its names (``hard_sigmoid`` -> ``hard``, ``sigmoid``), each once: the page
      whose name is typed matches every typed word;
    * its one-word names once more (``relu``, ``relu``): of the pages whose names hold the typed
      word (``relu``, ``leaky_relu``, ...), the one named exactly so matches it twice;
    * every word of the *other* activations' names that starts with one of its own words
      (``relu6`` on ReLU's page, ``thresholded`` on Threshold's): whatever a typed word
      matches on another page as a prefix, it matches on this page too.

    The rule reads only the names, so a new activation needs nothing else; the site tests check
    that every name and alias ranks its page first. The tags are for the search only: the
    site's stylesheet hides them in the results.
    """
    act = activations.get(name)
    words = _name_words(name)
    exact = [alias for alias in (name, *act.aliases) if "_" not in alias]
    others = {word for other in activations.names() if other != name for word in _name_words(other)}
    longer = sorted(word for word in others - set(words) if any(word.startswith(own) for own in words))
    return words + exact + longer


def korean_prose_problems(name: str, front_matter: dict) -> list[str]:
    """What is missing from, or wrong in, the Korean prose of an activation's header: the
    ``summary`` and ``parameters`` of its Korean page's front matter."""
    where = f"docs/{SECTION}/{name}.{i18n.LOCALE}.md"
    problems = []
    summary = front_matter.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        problems.append(f"{where}: give the Korean summary of the function as `summary:` in its front matter")
    meanings = front_matter.get("parameters") or {}
    if not isinstance(meanings, dict):
        return problems + [f"{where}: `parameters:` maps each parameter's name to its Korean meaning"]
    names = [p.name for p in catalog_pages.parameters(name)]
    problems += [
        f"{where}: `parameters:` has no Korean meaning for {p!r}" for p in names if not str(meanings.get(p) or "").strip()
    ]
    problems += [
        f"{where}: `parameters:` describes {p!r}, which {name} does not have (its parameters: {names})"
        for p in meanings if p not in names
    ]
    return problems


def korean_family(name: str) -> str:
    """The Korean name of an activation's family: its nav title, translated by `i18n.NAV`."""
    family = activations.get(name).family or catalog_pages.DEFAULT_FAMILY
    title = catalog_pages.family_title(family)
    return i18n.NAV.get(title, title)


def korean_header(name: str, header: str, front_matter: dict) -> str:
    """The English header of an activation's page with the prose of its declaration replaced
    by the Korean page's (``summary``, ``parameters``) and its family by its Korean name; the
    generated words are left to `i18n.localize_generated`."""
    lines = header.split("\n")
    summary = catalog_pages.summary(name)
    korean_summary = str(front_matter.get("summary") or "").strip()
    if korean_summary and summary in lines:
        lines[lines.index(summary)] = " ".join(korean_summary.split())
    meanings = front_matter.get("parameters") or {}
    for parameter in catalog_pages.parameters(name):
        korean = " ".join(str(meanings.get(parameter.name) or "").split()) if isinstance(meanings, dict) else ""
        term = f"`#!python {parameter.name}="
        for i, line in enumerate(lines[:-1]):
            if korean and line.startswith(term) and lines[i + 1] == f":   {parameter.meaning}":
                lines[i + 1] = f":   {korean}"
    family = activations.get(name).family or catalog_pages.DEFAULT_FAMILY
    row = f"| Family | {family} |"
    if row in lines:
        lines[lines.index(row)] = f"| Family | {korean_family(name)} |"
    return "\n".join(lines)


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
        for problem in korean_prose_problems(name, page.meta):
            log.warning(problem)
        header = i18n.localize_generated(korean_header(name, header, page.meta), source)
    return header + "\n" + markdown
