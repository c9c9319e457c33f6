"""The plotting module: one style for every figure, palette-following deterministic SVG, and
the generated parts of the activation pages."""

from __future__ import annotations

import re

import numpy as np
import pytest

import activations
from activations import plotting

NAMES = activations.names()
VECTOR_VALUED = [name for name in NAMES if not activations.get(name).elementwise]


@pytest.mark.parametrize("name", NAMES)
def test_every_activation_is_plotted_on_the_same_axes(name):
    ax = plotting.plot_activation(name)
    assert tuple(float(v) for v in ax.get_xlim()) == plotting.X_RANGE
    assert tuple(ax.figure.get_size_inches()) == plotting.FIGSIZE
    assert ax.get_xlabel() and ax.get_ylabel()
    assert ax.get_title(loc="left") == activations.get(name).title
    assert ax.get_legend() is not None and len(ax.get_legend().get_texts()) == 2
    grid = ax.get_xgridlines() + ax.get_ygridlines()
    assert grid and all(line.get_visible() for line in grid)
    low, high = ax.get_ylim()
    assert low < 0 < 1 < high


@pytest.mark.parametrize("name", ["relu", "sigmoid", "hard_shrink"])
def test_curves_are_the_function_and_its_derivative(name):
    act = activations.get(name)
    ax = plotting.plot_activation(act)
    f_line, d_line = (line for line in ax.get_lines() if line.get_label() in ("$f(x)$", r"$f\,'(x)$"))
    x = f_line.get_xdata()
    finite = np.isfinite(x)
    np.testing.assert_allclose(f_line.get_ydata()[finite], act(x[finite]))
    np.testing.assert_allclose(d_line.get_ydata()[finite], act.derivative(x[finite]))
    # lines are broken (NaN) at every kink rather than drawn across it
    assert np.count_nonzero(~finite) == len(act.kinks)


def test_vector_valued_functions_are_drawn_along_a_line():
    ax = plotting.plot_activation("softmax")
    f_line, d_line = ax.get_lines()[2:4]
    x = f_line.get_xdata()
    sigmoid = activations.sigmoid
    np.testing.assert_allclose(f_line.get_ydata(), sigmoid(x), atol=1e-12)
    np.testing.assert_allclose(d_line.get_ydata(), sigmoid.derivative(x), atol=1e-12)
    maxout = plotting.plot_activation("maxout").get_lines()[2]
    np.testing.assert_allclose(maxout.get_ydata(), activations.relu(maxout.get_xdata()))


@pytest.mark.parametrize("color", plotting.SERIES_COLORS)
@pytest.mark.parametrize("background", ["#ffffff", "#1e2129"])
def test_series_colours_read_in_both_palettes(color, background):
    assert plotting.contrast_ratio(color, background) >= 3.0


def test_svg_is_deterministic_and_follows_the_palette():
    first = plotting.activation_svg("gelu")
    assert first == plotting.activation_svg("gelu")
    assert first.startswith("<svg") and first.rstrip().endswith("</svg>")
    assert "currentColor" in first and "var(--md-default-bg-color" in first
    lowered = first.lower()
    assert plotting.FOREGROUND not in lowered and plotting.BACKGROUND not in lowered
    for leftover in ("<?xml", "<!doctype", "<metadata", "<style", "dc:date", "matplotlib v"):
        assert leftover not in lowered
    assert re.search(r'fill:\s*#ffffff', lowered) is None, "backgrounds must be transparent"


def test_figures_on_one_page_have_distinct_ids():
    svgs = [plotting.activation_svg("relu"), plotting.grid_svg(["relu", "tanh"], ncols=2)]
    ids = [re.findall(r'\bid="([^"]+)"', svg) for svg in svgs]
    assert all(ids)
    assert not set(ids[0]) & set(ids[1])
    for svg, figure_ids in zip(svgs, ids):
        references = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))
        assert references <= set(figure_ids), "every reference points into its own figure"


def test_grid_has_one_panel_per_activation():
    fig = plotting.plot_grid()
    visible = [ax for ax in fig.axes if ax.get_visible()]
    titles = [ax.get_title(loc="left") for ax in visible]
    assert titles == sorted((activations.get(n).title for n in NAMES), key=str.casefold)
    assert all(tuple(float(v) for v in ax.get_xlim()) == plotting.X_RANGE for ax in visible)
    # the lowest panel of every column labels its x axis, also above an empty slot
    for column in range(5):
        lowest = visible[column::5][-1]
        assert lowest.xaxis.get_tick_params().get("labelbottom", True)


def test_plot_grid_rejects_bad_columns():
    with pytest.raises(ValueError, match="plot_grid: ncols must be >= 1"):
        plotting.plot_grid(["relu"], ncols=0)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sigmoid", "(0, 1)"),
        ("tanh", "(-1, 1)"),
        ("hard_tanh", "[-1, 1]"),
        ("relu", r"[0, \infty)"),
        ("elu", r"(-1, \infty)"),
        ("mish", r"[-0.3088, \infty)"),
        ("hard_swish", r"[-0.375, \infty)"),
        ("log_sigmoid", r"(-\infty, 0)"),
        ("softmax", "(0, 1)"),
        ("sparsemax", "[0, 1]"),
    ],
)
def test_ranges_say_whether_a_bound_is_reached(name, expected):
    assert plotting._range_latex(activations.get(name)) == expected


@pytest.mark.parametrize("name", NAMES)
def test_page_header_comes_from_the_declaration(name):
    act = activations.get(name)
    header = plotting.activation_page_header(name)
    assert act.latex in header and act.derivative_latex in header
    assert header.count("<svg") == 1
    for label in ("PyTorch", "Keras", "JAX"):
        assert f'=== "{label}"' in header
    for reference in act.reference_names.values():
        assert f"`{reference}`" in header
    assert str(act.facts.year) in header if act.facts.year else True


def test_comparison_table_has_a_row_per_activation():
    lines = [line for line in plotting.comparison_table().splitlines() if line.startswith("|")]
    assert len(lines) == 2 + len(NAMES)
    header_cells = lines[0].count("|") - 1
    assert header_cells == 9
    for line in lines[2:]:
        assert re.search(r"\]\((\w+)/\)", line).group(1) in NAMES
        # a '|' inside a formula would split the row: every row keeps 9 cells
        assert line.count("|") - 1 == header_cells, line
    rows = "\n".join(lines[2:])
    assert all(f"({name}/)" in rows for name in NAMES)
    assert "`F.relu`" in rows and "`keras.layers.PReLU`" in rows

# ---------------------------------------------------------------------------------- figure_html


def _small_figure():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1))
    fig.add_subplot().plot([0, 1], [0, 1])
    return fig


def test_figure_html_renders_markdown_and_math_in_the_caption():
    out = plotting.figure_html(_small_figure(), salt="t", caption=r"The boundary $p = \tfrac12$, *dashed*.")
    assert "markdown=" not in out, "no attribute is left for the page's Markdown to act on"
    caption = re.search(r"<figcaption>(.*)</figcaption>", out).group(1)
    assert caption == r'The boundary <span class="arithmatex">\(p = \tfrac12\)</span>, <em>dashed</em>.'


def test_figure_html_reads_the_same_when_printed_as_markdown():
    import markdown

    out = plotting.figure_html(_small_figure(), salt="t", caption=r"$x \in [-7, 7]$ and `code`")
    page = markdown.markdown(
        out,
        extensions=["md_in_html", "pymdownx.arithmatex"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    assert page.strip() == out.strip(), "the site's Markdown leaves the figure as it is"


@pytest.mark.slow
def test_no_built_page_keeps_a_markdown_attribute(site_dir):
    """A `markdown="..."` attribute left in the HTML means its content was never rendered."""
    leftovers = [str(path.relative_to(site_dir)) for path in sorted(site_dir.rglob("*.html"))
                 if 'markdown="' in path.read_text(encoding="utf-8")]
    assert leftovers == []
