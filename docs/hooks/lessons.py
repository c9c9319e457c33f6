"""The Learn section has one list of lessons: its entries in the ``nav`` of ``mkdocs.yml``.

The table of lessons on ``learn/index.md`` is made from that list, in its order, where the
page says ``<!-- lessons -->``: the lesson's number, its title (the nav entry's title, or else
the first heading of the page, as mkdocs takes it) linked to the page, and what it shows (the
``description`` in the page's front matter, which is also the page's meta description). A new
lesson is one Markdown file and one line in the nav. The build (with ``--strict``) fails when a
lesson has no description or a listed page is missing, and mkdocs itself when a page under
``learn/`` is not in the nav.
"""

from __future__ import annotations

import logging
import posixpath
import re
import sys
from collections.abc import Callable
from pathlib import Path

from mkdocs.utils import meta

SITE_MODULES = Path(__file__).resolve().parents[1] / "_site"
if str(SITE_MODULES) not in sys.path:
    sys.path.insert(0, str(SITE_MODULES))

import i18n  # noqa: E402

log = logging.getLogger("mkdocs.hooks.lessons")

SECTION = "Learn"
"""The title of the nav section that lists the lessons."""
INDEX = "learn/index.md"
"""The page that holds the table of lessons, the first entry of the section."""
MARKER = "<!-- lessons -->"
"""Where the table goes on the index page."""


def lesson_entries(nav: list) -> list[tuple[str | None, str]]:
    """``(title or None, path)`` of every lesson, in the order of the nav's Learn section."""
    for entry in nav or []:
        if isinstance(entry, dict) and SECTION in entry:
            section = entry[SECTION]
            break
    else:
        raise KeyError(f"lessons: the nav has no section {SECTION!r}")
    lessons = []
    for item in section:
        title, path = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if not isinstance(path, str):
            raise TypeError(f"lessons: the {SECTION} section lists {title!r} as a sub-section, not a page")
        if path != INDEX:
            lessons.append((title, path))
    return lessons


def _first_heading(markdown: str) -> str | None:
    for line in markdown.splitlines():
        if line.startswith("# "):
            # without the attribute list of a heading that sets its anchor: `# 배우기 {#learn}`
            return re.sub(r"\s*\{[^{}]*\}\s*$", "", line[2:]).strip()
    return None


def lesson_table(nav: list, read: Callable[[str], str | None]) -> tuple[str, list[str]]:
    """The Markdown table of lessons and the problems found while making it.

    ``read(path)`` returns the source of a page of ``docs/`` (a path such as
    ``learn/xor.md``), or ``None`` if there is no such page.
    """
    rows = ["| | Lesson | What it shows |", "| ---: | --- | --- |"]
    problems = []
    for number, (title, path) in enumerate(lesson_entries(nav), start=1):
        source = read(path)
        if source is None:
            problems.append(f"lesson {number} of the nav, {path}, is not a page of docs/")
            continue
        body, front_matter = meta.get_data(source)
        title = title or _first_heading(body) or path
        description = str(front_matter.get("description", "")).strip()
        if not description:
            problems.append(f"{path} has no description in its front matter: the Learn index shows it")
        link = posixpath.relpath(path, posixpath.dirname(INDEX))
        rows.append(f"| {number} | [{title}]({link}) | {' '.join(description.split())} |")
    return "\n".join(rows) + "\n", problems


def on_page_markdown(markdown, page, config, files):
    if getattr(page.file, "norm_src_uri", page.file.src_uri) != INDEX:
        return markdown
    if MARKER not in markdown:
        log.warning("%s has no %s line for the table of lessons", INDEX, MARKER)
        return markdown

    def read(path: str) -> str | None:
        file = files.get_file_from_path(path)
        return file.content_string if file is not None else None

    table, problems = lesson_table(config.nav, read)
    for problem in problems:
        log.warning(problem)
    if getattr(page.file, "localization", None) == i18n.LOCALE:
        table = i18n.translate_text(table, i18n.GENERATED)
    return markdown.replace(MARKER, table, 1)
