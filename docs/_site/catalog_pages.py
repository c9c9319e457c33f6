r"""The generated parts of the catalog's pages, as Markdown, from the declarations.

`activation_header` is the top of each activation's page, which the hook
``docs/hooks/activation_pages.py`` puts above the page's prose; `comparison_sections` (the
`comparison_table` of each family, as the sidebar groups them: `families`) and
`library_matrix` make the activations index. Everything comes from the declaration of each function: its
title, summary, LaTeX, facts, names in other libraries, parameters (with their meaning from
the docstring's Parameters section) and example, and its figure, drawn by
`activations.plotting` and converted by `site_figures`.

Examples
--------
>>> header = activation_header("relu")
>>> header.startswith("# ReLU") and "\\max(0, x)" in header
True
"""

from __future__ import annotations

import html
import math
import pkgutil
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

import activations
from activations import Activation, plotting
from site_figures import figure_html, inline_markdown, share_glyphs, to_svg

__all__ = [
    "FAMILY_TITLES",
    "Family",
    "LIBRARY_NOTE",
    "MODULE_ORDER",
    "Parameter",
    "activation_groups",
    "activation_header",
    "activation_pages",
    "activation_tiles",
    "comparison_sections",
    "comparison_table",
    "docstring_section",
    "example_code",
    "families",
    "family_title",
    "library_counts",
    "library_matrix",
    "parameters",
    "public_modules",
    "range_latex",
    "signature",
    "summary",
]

MODULE_ORDER = (
    "functions",
    "initializers",
    "layers",
    "losses",
    "optimizers",
    "model",
    "training",
    "callbacks",
    "saving",
    "datasets",
    "diagnostics",
    "plotting",
)
"""The order of the API reference, as the textbook reads: the catalog, the parts of a
network, the engine that trains one, then what a learner looks at. Modules not listed
follow alphabetically. The navigation (``docs/hooks/catalog_nav.py``) and the module table
of the API index both read `public_modules`."""

FRAMEWORKS = (("pytorch", "PyTorch"), ("keras", "Keras"), ("jax", "JAX"))
"""The other libraries whose names the pages give, as (key of ``reference_names``, label)."""
DEFAULT_FAMILY = "other"
"""The family shown for a function whose declaration names none."""

_ATTAIN_TOL = 1e-9


def public_modules() -> list[str]:
    """Names of the package's public submodules, in the order of `MODULE_ORDER`.

    Examples
    --------
    >>> modules = public_modules()
    >>> modules[:3], modules.index("model") < modules.index("training") < modules.index("plotting")
    (['functions', 'initializers', 'layers'], True)
    """
    found = {info.name for info in pkgutil.iter_modules(activations.__path__) if not info.name.startswith("_")}
    ordered = [name for name in MODULE_ORDER if name in found]
    return ordered + sorted(found - set(ordered))


def _as_activation(act: str | Activation) -> Activation:
    return activations.get(act) if isinstance(act, str) else act


#: The families of the catalog in the order the nav lists them, with their nav titles. A family
#: not listed here is titled from its name ("new_family" -> "New family") and comes last.
FAMILY_TITLES = {
    "basic": "Basic functions",
    "relu": "ReLU family",
    "exponential_linear": "Exponential linear units",
    "sigmoid": "Sigmoid and tanh family",
    "smooth": "Smooth ReLU-like functions",
    "self_gated": "Self-gated functions",
    "gated": "Gated and max units",
    "normalising": "Normalising functions",
    "shrinkage": "Shrinkage functions",
    "periodic": "Periodic functions",
}


def family_title(family: str | None) -> str:
    """The nav title of a family of activations."""
    family = family or "other"
    return FAMILY_TITLES.get(family, family.replace("_", " ").capitalize())


def activation_pages() -> list[tuple[str, str]]:
    """``(title, page path)`` for every activation in the catalog, sorted by title."""
    pages = [(activations.get(name).title, f"activations/{name}.md") for name in activations.names()]
    return sorted(pages, key=lambda page: page[0].casefold())


def activation_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """``(family title, [(title, page path), ...])`` for every family of the catalog, in the
    order of `FAMILY_TITLES`, each group sorted by title."""
    order = list(FAMILY_TITLES)
    groups: dict[str, list[tuple[str, str]]] = {}
    families: dict[str, str] = {}
    for title, path in activation_pages():
        family = activations.get(posixpath.basename(path).removesuffix(".md")).family or "other"
        families.setdefault(family_title(family), family)
        groups.setdefault(family_title(family), []).append((title, path))

    def rank(group_title: str) -> tuple[int, str]:
        family = families[group_title]
        return (order.index(family) if family in order else len(order), group_title)

    return [(title, groups[title]) for title in sorted(groups, key=rank)]



@dataclass(frozen=True)
class Family:
    """One family of the catalog, as the sidebar and the activations index group them."""

    key: str
    title: str
    names: tuple[str, ...]
    """Its activations, in the order of their display names."""

    @property
    def anchor(self) -> str:
        """The id of its section on the activations index: ``"ReLU family"`` -> ``relu-family``."""
        return re.sub(r"[^a-z0-9]+", "-", self.title.casefold()).strip("-")


def families() -> list[Family]:
    """The families of the catalog in the order of the sidebar, each with its title there and
    its activations in the order of their display names.

    Examples
    --------
    >>> first = families()[0]
    >>> first.title, first.anchor, "relu" in families()[1].names
    ('Basic functions', 'basic-functions', True)
    """
    found = []
    for title, pages in activation_groups():
        names = tuple(posixpath.basename(path).removesuffix(".md") for _, path in pages)
        found.append(Family(activations.get(names[0]).family or DEFAULT_FAMILY, title, names))
    return found


def by_title(names: Sequence[str] | None = None) -> list[str]:
    """The given names in order, or every catalog name sorted by display name, as the
    navigation lists them."""
    if names is not None:
        return list(names)
    return sorted(activations.names(), key=lambda name: activations.get(name).title.casefold())


# ------------------------------------------------------------------------------- docstrings

_SECTION = re.compile(r"^(?P<title>[A-Z][A-Za-z ]*)\n-{3,}\n", re.M)


def docstring_section(doc: str, title: str) -> str:
    """The body of one section of a NumPy-style docstring (``""`` if it has none).

    Examples
    --------
    >>> docstring_section("Summary.\\n\\nNotes\\n-----\\nA note.\\n", "Notes")
    'A note.'
    """
    sections = list(_SECTION.finditer(doc))
    for i, match in enumerate(sections):
        if match["title"].strip() == title:
            end = sections[i + 1].start() if i + 1 < len(sections) else len(doc)
            return doc[match.end() : end].strip("\n").rstrip()
    return ""


@dataclass(frozen=True)
class Parameter:
    """One parameter of an activation, as its page lists it."""

    name: str
    default: Any
    meaning: str
    learnable: bool


def _parameter_meanings(doc: str) -> dict[str, str]:
    """``{name: description}`` from the Parameters section (``a, b : type`` names several)."""
    meanings: dict[str, str] = {}
    current: list[str] = []
    for line in docstring_section(doc, "Parameters").splitlines():
        if line and not line[0].isspace():
            current = [name.strip() for name in line.split(":", 1)[0].split(",")]
            for name in current:
                meanings[name] = ""
        elif line.strip():
            for name in current:
                meanings[name] = (meanings[name] + " " + line.strip()).strip()
    return meanings


def parameters(act: str | Activation) -> list[Parameter]:
    """The declared parameters of an activation, with their defaults and their meaning.

    The meaning is the parameter's description in the docstring's Parameters section,
    ``""`` when it has none.

    Examples
    --------
    >>> [(p.name, p.default) for p in parameters("leaky_relu")]
    [('negative_slope', 0.01)]
    """
    act = _as_activation(act)
    meanings = _parameter_meanings(act.__doc__ or "")
    return [
        Parameter(name, default, meanings.get(name, ""), name in act.learnable)
        for name, default in act.defaults.items()
    ]


def _literal(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def signature(act: str | Activation) -> str:
    """The call of an activation with its defaults: ``activations.elu(x, alpha=1.0)``."""
    act = _as_activation(act)
    args = ["x", *(f"{name}={_literal(value)}" for name, value in act.defaults.items())]
    return f"activations.{act.name}({', '.join(args)})"


_PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)")
_DIRECTIVE = re.compile(r"\s*# doctest:.*$")


def _doctest_to_code(text: str) -> str:
    """Doctest prompts become plain code; expected output and prose become comments."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        prompt = _PROMPT.match(line)
        if prompt:
            lines.append(_DIRECTIVE.sub("", line[prompt.end() :]))
        elif line.strip():
            lines.append("# " + line.strip())
        elif lines and lines[-1]:
            lines.append("")
    return "\n".join(lines).strip()


def example_code(act: str | Activation) -> str:
    """The example of an activation's page, as plain Python code.

    The declaration's ``example`` when it has one (doctest prompts, if any, are removed), or
    else the Examples section of its docstring, converted to plain code: prompts removed,
    expected output written as comments.

    Examples
    --------
    >>> print(example_code("relu").splitlines()[:2])
    ['import activations', 'activations.relu([-2.0, 0.0, 3.0])']
    """
    act = _as_activation(act)
    example = act.example.strip()
    if example:
        return _doctest_to_code(example) if _PROMPT.match(example) else example
    return _doctest_to_code(docstring_section(act.__doc__ or "", "Examples"))


# ------------------------------------------------------------------------------------ facts


def _number(value: float) -> str:
    """LaTeX for a range end: ±∞, integers as such, others to 4 significant digits."""
    if math.isinf(value):
        return r"\infty" if value > 0 else r"-\infty"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4g}"


def _attained(act: Activation, bound: float, x_range: tuple[float, float]) -> bool:
    """Whether ``act`` reaches ``bound`` on ``x_range`` (on the line (x, 0) if vector-valued)."""
    if math.isinf(bound):
        return False
    x = np.linspace(*x_range, 14001)
    f, _ = plotting.along_line(act, x)
    i = int(np.argmin(np.abs(f - bound)))
    best = abs(float(f[i]) - bound)
    if 0 < i < len(x) - 1 and best > _ATTAIN_TOL:  # refine near a smooth extremum
        fine = np.linspace(x[i - 1], x[i + 1], 2001)
        best = min(best, float(np.min(np.abs(plotting.along_line(act, fine)[0] - bound))))
    return best <= _ATTAIN_TOL * max(1.0, abs(bound))


def range_latex(act: str | Activation) -> str:
    """The range as an interval, closed where the bound is reached on the plotted inputs.

    Examples
    --------
    >>> range_latex("relu"), range_latex("sigmoid")
    ('[0, \\\\infty)', '(0, 1)')
    """
    act = _as_activation(act)
    low, high = act.facts.range
    left = "[" if _attained(act, low, plotting.X_RANGE) else "("
    right = "]" if _attained(act, high, plotting.X_RANGE) else ")"
    return rf"{left}{_number(low)}, {_number(high)}{right}"


_SMOOTHNESS = {-1: "discontinuous", 0: "continuous, with kinks ($C^0$)", 1: "$C^1$", math.inf: r"smooth ($C^\infty$)"}
_SMOOTHNESS_SHORT = {-1: "jumps", 0: "$C^0$", 1: "$C^1$", math.inf: r"$C^\infty$"}


def _saturation(act: Activation) -> str:
    sides = act.facts.saturates
    if not sides:
        return "no"
    return "both sides" if len(sides) == 2 else f"{sides[0]} only"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


_REFERENCE_PREFIXES = {"pytorch": ("torch.nn.functional.", "F."), "keras": ("keras.activations.", "")}


def _short_reference(key: str, reference: str) -> str:
    """``torch.nn.functional.relu`` -> ``F.relu``, ``keras.activations.relu`` -> ``relu``."""
    prefix, short = _REFERENCE_PREFIXES.get(key, ("", ""))
    return short + reference.removeprefix(prefix) if prefix and reference.startswith(prefix) else reference


def _cell(text: str) -> str:
    """Make text safe inside a Markdown table cell (``|`` would split the cell)."""
    return text.replace("|", r"\vert ")


def _facts_rows(act: Activation) -> list[tuple[str, str]]:
    facts = act.facts
    rows = [
        ("Range", f"${range_latex(act)}$" + ("" if act.elementwise else " (each output component)")),
        ("Monotonic", _yes_no(facts.monotonic)),
        ("Zero-centred", _yes_no(facts.zero_centered)),
        ("Smoothness", _SMOOTHNESS[facts.continuity]),
        ("Saturates", _saturation(act)),
    ]
    if act.elementwise and act.kinks:
        points = []
        for k in act.kinks:
            value = float(act.derivative([k])[0])
            points.append(f"$x = {_number(k)}$, where $f\\,'({_number(k)})$ is taken as ${_number(value)}$")
        rows.append(("Kinks", "; ".join(points)))
    if act.aliases:
        rows.append(("Aliases", ", ".join(f"`{alias}`" for alias in act.aliases)))
    rows.append(("Family", act.family or DEFAULT_FAMILY))
    rows.append(("Introduced", str(facts.year) if facts.year else "—"))
    if facts.reference:
        rows.append(("Reference", facts.reference))
    return rows


# ---------------------------------------------------------------------------- page header


def _display(latex: str) -> str:
    return f"$$\n{latex}\n$$\n"


def _caption(act: Activation) -> str:
    title = html.escape(act.title)
    if not act.elementwise:
        return (
            f"{title} along the line $(x, 0)$: the first output component (solid) and its "
            "partial derivative in $x$ (dashed)."
        )
    low, high = (_number(end) for end in plotting.X_RANGE)
    caption = f"{title}: $f$ (solid) and its derivative $f\\,'$ (dashed) on $x \\in [{low}, {high}]$."
    if act.kinks:
        caption += " Dots mark the values taken at the kinks."
    return caption


def _names_tabs(act: Activation) -> str:
    own = f"`activations.{act.name}`"
    if act.aliases:
        own += ", also " + ", ".join(f"`activations.{alias}`" for alias in act.aliases)
    tabs = [f'=== "activations"\n\n    {own}\n']
    for key, label in FRAMEWORKS:
        name = act.reference_names.get(key)
        body = f"`{name}`" if name else f"{label} has no built-in {html.escape(act.title)}."
        tabs.append(f'=== "{label}"\n\n    {body}\n')
    return "\n".join(tabs)


def _signature_box(act: Activation) -> str:
    """The call with its defaults, then each parameter (a definition list) and its meaning."""
    lines = ['<div class="signature" markdown>', "", f"`#!python {signature(act)}`", ""]
    listed = parameters(act)
    for p in listed:
        term = f"`#!python {p.name}={_literal(p.default)}`" + (" (learnable)" if p.learnable else "")
        lines += [term, f":   {p.meaning}", ""]
    if listed:
        bound = ", ".join(f"{p.name}={_literal(p.default)}" for p in listed)
        lines.append("To use other values, bind them once, "
                     f'`#!python activations.get("{act.name}", {bound})`, or pass them at each call.')
    else:
        lines.append(f"{html.escape(act.title)} has no parameters.")
    lines += ["", "</div>", ""]
    return "\n".join(lines)


def summary(act: str | Activation) -> str:
    """The first paragraph of the docstring, on one line (the declared summary is its first
    line only, which may stop mid-sentence)."""
    act = _as_activation(act)
    first = (act.__doc__ or "").strip().split("\n\n", 1)[0]
    return " ".join(first.split()) or act.summary.strip()


def activation_header(act: str | Activation) -> str:
    """The generated top of an activation's page, as Markdown.

    In order: the title, the one-line summary, $f$ and its derivative (or Jacobian) as
    display math, the figure of $f$ and $f'$ (drawn by `activations.plotting`, as inline SVG),
    the facts table, tabs with the names in this package, PyTorch, Keras and JAX, a signature
    box with the parameters, their defaults and their meaning, and the example.

    Parameters
    ----------
    act : str or Activation
        A catalog name or an `Activation`.

    Returns
    -------
    str
        Markdown for a page built with ``pymdownx.arithmatex``, ``pymdownx.tabbed``,
        ``pymdownx.inlinehilite``, ``pymdownx.superfences`` and ``md_in_html``.
    """
    act = _as_activation(act)
    parts = [f"# {act.title}\n", summary(act) + "\n"]
    if act.elementwise:
        parts += [_display(f"f(x) = {act.latex}"), _display(f"f\\,'(x) = {act.derivative_latex}")]
    else:
        parts += [
            "Definition, for an input vector $x$:\n",
            _display(act.latex),
            "Jacobian, used by `backward`:\n",
            _display(act.derivative_latex),
        ]
    figure = plotting.plot_activation(act, title=False).figure
    parts.append(figure_html(figure, salt=f"fig-{act.name}", caption=_caption(act)))
    table = ["| Property | Value |", "| --- | --- |"]
    table += [f"| {name} | {_cell(value)} |" for name, value in _facts_rows(act)]
    parts.append("\n".join(table) + "\n")
    parts.append(_names_tabs(act))
    parts.append(_signature_box(act))
    example = example_code(act)
    if example:
        parts.append(f'```python title="Example"\n{example}\n```\n')
    return "\n".join(parts)


# ------------------------------------------------------------------------- activations index


def comparison_table(
    names: Sequence[str] | None = None, *, page_url: str = "{name}/", note: bool = True
) -> str:
    """A Markdown table comparing activations, one row each, from their declarations.

    Columns: name (linked to its page) and aliases, formula, range, monotonic,
    zero-centred, smoothness, saturation, year, and the PyTorch, Keras and JAX names (one
    column, one line each).

    Parameters
    ----------
    names : sequence of str, optional
        Catalog names; by default every activation, in the alphabetical order of their
        display names.
    page_url : str, default "{name}/"
        The link to an activation's page, with ``{name}`` for its canonical name. Markdown
        printed by an executed code block is not rewritten by mkdocs, so this is the final
        URL relative to the page holding the table: the default suits the activations index.
    note : bool, default True
        Whether the note on the abbreviated library names (`LIBRARY_NOTE`) follows the table.

    Returns
    -------
    str
        A Markdown table inside a ``<div class="comparison">`` (for ``md_in_html``), followed
        by the note.

    Examples
    --------
    >>> print(comparison_table(["relu"]).splitlines()[4][:32])
    | [ReLU](relu/) | $\\max(0, x)$ |
    """
    names = by_title(names)
    header = (
        "| Activation | Formula | Range | Monotonic | Zero-centred | Smoothness | Saturates "
        "| Year | PyTorch / Keras / JAX |"
    )
    rows = [header, "| " + " | ".join(["---"] * 9) + " |"]
    for name in names:
        act = activations.get(name)
        title = f"[{act.title}]({page_url.format(name=act.name)})"
        if act.aliases:
            title += "<br>" + ", ".join(f"`{a}`" for a in act.aliases)
        facts = act.facts
        libraries = "<br>".join(
            f"`{_short_reference(key, act.reference_names[key])}`" if key in act.reference_names else "—"
            for key, _ in FRAMEWORKS
        )
        cells = [
            title,
            f"${act.latex}$",
            f"${range_latex(act)}$",
            _yes_no(facts.monotonic),
            _yes_no(facts.zero_centered),
            _SMOOTHNESS_SHORT[facts.continuity],
            _saturation(act).replace(" only", "").replace(" sides", ""),
            str(facts.year) if facts.year else "—",
            libraries,
        ]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    table = '<div class="comparison" markdown="1">\n\n' + "\n".join(rows) + "\n\n</div>\n"
    return table + ("\n" + LIBRARY_NOTE + "\n" if note else "")


LIBRARY_NOTE = (
    "The last column gives the PyTorch, Keras and JAX names, in that order (— where the "
    "library has none); `F.` stands for `torch.nn.functional.`, and Keras names without a "
    "module are in `keras.activations`."
)
"""What the last column of `comparison_table` holds."""


def comparison_sections(*, page_url: str = "{name}/", level: int = 3) -> str:
    """The comparison table of the whole catalog, one section per family in the sidebar's
    order: a heading with the family's title and anchor (`Family.anchor`), then the
    `comparison_table` of its activations; the note on the library names ends the whole.

    markdown-exec prefixes the ids of the headings a block prints with the block's id; print
    this from a block with ``idprefix=""`` so that the sections' ids are the anchors.

    Examples
    --------
    >>> print(comparison_sections().splitlines()[0])
    ### Basic functions {#basic-functions}
    """
    parts = [
        f"{'#' * level} {family.title} {{#{family.anchor}}}\n\n"
        + comparison_table(family.names, page_url=page_url, note=False)
        for family in families()
    ]
    return "\n".join(parts) + "\n" + LIBRARY_NOTE + "\n"


# ------------------------------------------------------------------- which library has it


def library_counts() -> dict[str, int]:
    """How many activations of the catalog each other library has built in, by the label
    of `FRAMEWORKS`, as the declarations' ``reference_names`` say.

    Examples
    --------
    >>> counts = library_counts()
    >>> list(counts), all(0 < n < len(activations.names()) for n in counts.values())
    (['PyTorch', 'Keras', 'JAX'], True)
    """
    return {
        label: sum(key in activations.get(name).reference_names for name in activations.names())
        for key, label in FRAMEWORKS
    }


def library_matrix(*, page_url: str = "{name}/") -> str:
    """Which library has each activation: a Markdown table with one row per activation,
    grouped by family in the sidebar's order (the family named on the group's first row),
    and a column per library (`FRAMEWORKS`) holding its full name for the function, or "—";
    then a line counting, for each library, the functions it has.

    Everything comes from the declarations' ``reference_names``.

    Examples
    --------
    >>> matrix = library_matrix()
    >>> print(matrix.splitlines()[2])
    | Family | Activation | PyTorch | Keras | JAX |
    >>> "| | [ReLU](relu/) | `torch.nn.functional.relu` | `keras.activations.relu` | `jax.nn.relu` |" in matrix
    True
    """
    labels = [label for _, label in FRAMEWORKS]
    rows = [
        "| Family | Activation | " + " | ".join(labels) + " |",
        "| " + " | ".join(["---"] * (2 + len(labels))) + " |",
    ]
    for family in families():
        for i, name in enumerate(family.names):
            act = activations.get(name)
            cells = [family.title if i == 0 else "", f"[{act.title}]({page_url.format(name=act.name)})"]
            cells += [f"`{act.reference_names[key]}`" if key in act.reference_names else "—"
                      for key, _ in FRAMEWORKS]
            rows.append("|" + "|".join(f" {_cell(c)} " if c else " " for c in cells) + "|")
    counts = list(library_counts().items())
    (first, n_first), *rest = counts
    others = [f"{label} {n}" for label, n in rest]
    line = (f"Of the {len(activations.names())} activations, {first} has {n_first}, "
            + ", ".join(others[:-1]) + (" and " if len(others) > 1 else "") + others[-1] + " built in.")
    return '<div class="comparison" markdown="1">\n\n' + "\n".join(rows) + "\n\n</div>\n\n" + line + "\n"


def activation_tiles(
    names: Sequence[str] | None = None,
    *,
    page_url: str = "{name}/",
    salt: str = "tile",
    panel_size: tuple[float, float] = (1.7, 1.35),
    caption: str = "",
) -> str:
    """Small multiples of the catalog as HTML: one tile per function, each its own small
    figure (`activations.plotting.plot_grid` of one name) that links the function's page.

    The page's CSS lays the tiles out in as many columns as fit, two on a phone, where a tile
    of ``panel_size`` keeps its smallest text (the tick labels) at least
    `site_figures.LEGIBLE_PX` tall. The tiles share their glyph outlines (`share_glyphs`).

    Parameters
    ----------
    names : sequence of str, optional
        Catalog names; by default every activation, in the order of their display names.
    page_url : str, default "{name}/"
        The link of each tile, relative to the page, with ``{name}`` for the catalog name.
    salt : str, default "tile"
        A prefix for the tiles' ids, unique on the page.
    panel_size : tuple of float, default (1.7, 1.35)
        The size of one tile's figure, in inches.
    caption : str, default ""
        The caption of the whole, in Markdown (see `site_figures.figure_html`).

    Returns
    -------
    str
        A ``<figure>`` holding ``<div class="plot-grid">``, to print from an executed block
        (``html="1"``).

    Examples
    --------
    >>> out = activation_tiles(["relu", "tanh"])
    >>> out.count('<a class="plot-card" href="relu/"'), out.count("<svg")
    (1, 2)
    """
    defined: set[str] = set()
    cards = []
    for name in by_title(names):
        act = _as_activation(name)
        fig = plotting.plot_grid([act.name], ncols=1, panel_size=panel_size)
        tile_salt = f"{salt}-{act.name}"
        svg = share_glyphs(to_svg(fig, salt=tile_salt), tile_salt, salt, defined)
        href = html.escape(page_url.format(name=act.name))
        label = html.escape(f"{act.title}: its page")
        cards.append(f'<a class="plot-card" href="{href}" aria-label="{label}">\n{svg}</a>\n')
    out = '<figure class="plot wide">\n<div class="plot-grid">\n' + "".join(cards) + "</div>\n"
    if caption:
        out += f"<figcaption>{inline_markdown(caption)}</figcaption>\n"
    return out + "</figure>\n"
