"""Complete the navigation from the package, so that nothing is listed by hand twice.

* Activations: one page per activation in ``activations.names()``, at
  ``activations/<name>.md``, titled with its display name, grouped by family ("ReLU family",
  ...) and listed alphabetically within each group. A catalog entry without a page file is a
  missing nav target, which fails a strict build.
* Alias URLs: every alias of an activation (``activations/swish/``) is a small page that
  sends the reader to the canonical one (``activations/silu/``): a meta refresh, a canonical
  link and a visible link, written into the built site after the build.
* API reference: one page per public module of the package, in the order the textbook
  reads (catalog, the parts of a network, then what a learner looks at). A module without a
  hand-written ``api/<module>.md`` gets a generated page holding only its mkdocstrings
  block, whose module heading is the page title.
"""

from __future__ import annotations

import importlib

import html
import posixpath
import sys
from pathlib import Path

from types import SimpleNamespace

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

SITE_MODULES = Path(__file__).resolve().parents[1] / "_site"
if str(SITE_MODULES) not in sys.path:
    sys.path.insert(0, str(SITE_MODULES))

from catalog_pages import (  # noqa: E402  (the API's one order, the families' one order)
    FAMILY_TITLES,
    MODULE_ORDER,
    activation_groups,
    activation_pages,
    family_title,
    public_modules,
)



def alias_redirects() -> dict[str, str]:
    """``{alias: canonical name}`` for every alias in the catalog that is not itself a name."""
    package = importlib.import_module("activations")
    names = set(package.names())
    return {
        alias: name
        for name in package.names()
        for alias in package.get(name).aliases
        if alias not in names
    }


def redirect_html(target: str, title: str) -> str:
    """A page that sends its reader to ``target`` (a URL relative to the page)."""
    target, title = html.escape(target, quote=True), html.escape(title)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<link rel="canonical" href="{target}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        '<meta name="robots" content="noindex">\n'
        f'</head>\n<body>\n<p>This page has moved to <a href="{target}">{title}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def _section(nav: list, title: str) -> list:
    for entry in nav:
        if isinstance(entry, dict) and title in entry:
            return entry[title]
    raise KeyError(f"catalog_nav: mkdocs.yml has no nav section {title!r}")


def _extend(section: list, entries: list[tuple[str, str]]) -> None:
    present = {next(iter(e.values())) if isinstance(e, dict) else e for e in section}
    section.extend({title: path} for title, path in entries if path not in present)


def on_config(config):
    activations_section = _section(config.nav, "Activations")
    # each edition of the site configures the same nav again: add the groups once
    present = {next(iter(entry)) for entry in activations_section if isinstance(entry, dict)}
    for group, pages in activation_groups():
        if group not in present:
            activations_section.append({group: [{title: path} for title, path in pages]})
    _extend(
        _section(config.nav, "API reference"),
        [(f"activations.{name}", f"api/{name}.md") for name in public_modules()],
    )
    return config


def _edition(config) -> str | None:
    """The language of the edition being built (mkdocs-static-i18n), None without the plugin."""
    return getattr(config.plugins.get("i18n"), "current_language", None)


# After mkdocs-static-i18n has sorted the files of the edition: a generated page is the same
# English page in both editions, the Korean one under ko/.
@event_priority(-110)
def on_files(files, config):
    edition = _edition(config)
    for name in public_modules():
        path = f"api/{name}.md"
        if files.get_file_from_path(path) is None:
            content = f"::: activations.{name}\n    options:\n      heading_level: 1\n"
            file = File.generated(config, path, content=content)
            if edition is not None:
                english = file.url
                if edition != "en":
                    file.dest_uri = f"{edition}/{file.dest_uri}"
                    file.url = f"{edition}/{english}"
                file.locale, file.localization, file.norm_src_uri = "en", None, path
                file.locale_alternate_of = edition
                languages = config.plugins["i18n"].build_languages
                file.alternates = {
                    lang: SimpleNamespace(url=english if lang == "en" else f"{lang}/{english}")
                    for lang in languages
                }
            files.append(file)
    return files


def on_post_build(config):
    package = importlib.import_module("activations")
    edition = _edition(config)
    # the Korean edition (mkdocs-static-i18n) is built into a folder of the English one
    site = Path(config.site_dir) / ("" if edition in (None, "en") else edition)
    for alias, name in alias_redirects().items():
        page = site / "activations" / alias / "index.html"
        if page.exists():
            continue
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(redirect_html(f"../{name}/", package.get(name).title))
