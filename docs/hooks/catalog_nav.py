"""Complete the navigation from the package, so that nothing is listed by hand twice.

* Activations: one page per activation in ``activations.names()``, at
  ``activations/<name>.md``, titled with its display name and listed alphabetically by it.
  A catalog entry without a page file is a missing nav target, which fails a strict build.
* API reference: one page per public module of the package, in the order the textbook
  reads (catalog, the parts of a network, then what a learner looks at). A module without a
  hand-written ``api/<module>.md`` gets a generated page holding only its mkdocstrings
  block, whose module heading is the page title.
"""

from __future__ import annotations

import importlib
import pkgutil

from mkdocs.structure.files import File

#: The order of the API reference; modules not listed follow alphabetically.
MODULE_ORDER = (
    "functions",
    "initializers",
    "layers",
    "losses",
    "optimizers",
    "model",
    "datasets",
    "diagnostics",
    "plotting",
)


def public_modules() -> list[str]:
    """Names of the package's public submodules, in textbook order."""
    package = importlib.import_module("activations")
    found = {info.name for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_")}
    ordered = [name for name in MODULE_ORDER if name in found]
    return ordered + sorted(found - set(ordered))


def activation_pages() -> list[tuple[str, str]]:
    """``(title, page path)`` for every activation in the catalog, sorted by title."""
    package = importlib.import_module("activations")
    pages = [(package.get(name).title, f"activations/{name}.md") for name in package.names()]
    return sorted(pages, key=lambda page: page[0].casefold())


def _section(nav: list, title: str) -> list:
    for entry in nav:
        if isinstance(entry, dict) and title in entry:
            return entry[title]
    raise KeyError(f"catalog_nav: mkdocs.yml has no nav section {title!r}")


def _extend(section: list, entries: list[tuple[str, str]]) -> None:
    present = {next(iter(e.values())) if isinstance(e, dict) else e for e in section}
    section.extend({title: path} for title, path in entries if path not in present)


def on_config(config):
    _extend(_section(config.nav, "Activations"), activation_pages())
    _extend(
        _section(config.nav, "API reference"),
        [(f"activations.{name}", f"api/{name}.md") for name in public_modules()],
    )
    return config


def on_files(files, config):
    for name in public_modules():
        path = f"api/{name}.md"
        if files.get_file_from_path(path) is None:
            content = f"::: activations.{name}\n    options:\n      heading_level: 1\n"
            files.append(File.generated(config, path, content=content))
    return files
