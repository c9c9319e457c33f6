"""The plotting library and the site's figure helpers.

`activations.plotting` draws matplotlib figures in one style and needs nothing of the site: it
imports no docs package and installs with only matplotlib beside the package. The site's own
helpers (``docs/_site/``) turn those figures into palette-following deterministic SVG and write
the generated parts of the activation pages from the declarations.
"""

from __future__ import annotations

import ast
import doctest
import os
import re
import subprocess
import sys
import textwrap
import types

import numpy as np
import pytest

import activations
from activations import plotting
from conftest import ROOT

sys.path.insert(0, str(ROOT / "docs" / "_site"))
import catalog_pages  # noqa: E402
import site_figures  # noqa: E402

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


def test_along_line_is_what_the_figures_draw():
    x = np.linspace(-3.0, 3.0, 7)
    f, d = plotting.along_line("gelu", x)
    np.testing.assert_array_equal(f, activations.gelu(x))
    np.testing.assert_array_equal(d, activations.gelu.derivative(x))
    f, d = plotting.along_line("softmax", x)
    np.testing.assert_allclose(f, activations.sigmoid(x), atol=1e-12)
    np.testing.assert_allclose(d, activations.sigmoid.derivative(x), atol=1e-12)


# ------------------------------------------------------------------- the library stands alone

PLOTTING_SOURCE = ROOT / "activations" / "plotting.py"
DOCS_PACKAGES = ("markdown", "mkdocs", "pymdownx", "markdown_exec", "material", "mkdocstrings", "griffe")


def _imported_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def test_plotting_imports_nothing_from_the_docs_toolchain():
    imported = _imported_modules(PLOTTING_SOURCE.read_text())
    assert imported, "the check reads the module's imports"
    assert sorted(m for m in imported if m.split(".")[0] in DOCS_PACKAGES) == []


def test_plotting_knows_nothing_of_html_or_the_site():
    source = PLOTTING_SOURCE.read_text().lower()
    for word in ("<svg", "<figure", "figcaption", "html", "markdown", "currentcolor", "--md-", "mkdocs"):
        assert word not in source, word
    assert not {"to_svg", "figure_html", "activation_page_header", "comparison_table"} & set(dir(plotting))


def test_plotting_imports_and_draws_with_the_docs_packages_blocked(tmp_path):
    """In a fresh interpreter where importing any docs package fails, the library draws."""
    script = textwrap.dedent(
        f"""
        import importlib.abc, sys
        BLOCKED = {DOCS_PACKAGES!r}

        class Block(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ImportError(f"{{name}} is a docs package")
                return None

        sys.meta_path.insert(0, Block())
        import io
        from activations import plotting
        fig = plotting.plot_activation("gelu").figure
        fig.savefig(io.BytesIO(), format="png")
        assert not [m for m in sys.modules if m.split(".")[0] in BLOCKED]
        print(type(fig).__name__)
        """
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), MPLBACKEND="Agg")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "Figure"


@pytest.mark.slow
def test_a_fresh_install_with_only_matplotlib_imports_plotting(tmp_path):
    """``pip install <repository> matplotlib`` in a new virtual environment, without the docs
    extra, gives a package whose plotting module imports and draws."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(ROOT), "matplotlib"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=1200,
    )
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-3000:]
    check = textwrap.dedent(
        """
        import importlib.util, io
        import activations.plotting as plotting
        assert "site-packages" in plotting.__file__, plotting.__file__
        missing = [m for m in ("markdown", "mkdocs", "pymdownx") if importlib.util.find_spec(m)]
        assert missing == [], f"the environment has docs packages: {missing}"
        ax = plotting.plot_activation("relu")
        ax.figure.savefig(io.BytesIO(), format="svg")
        print("ok")
        """
    )
    result = subprocess.run([str(python), "-c", check], capture_output=True, text=True,
                            cwd=tmp_path, env=dict(env, MPLBACKEND="Agg"), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"


# ----------------------------------------------------------------- the site's figure helpers


def _activation_svg(name: str) -> str:
    return site_figures.to_svg(plotting.plot_activation(name, title=False).figure, salt=f"fig-{name}")


def test_svg_is_deterministic_and_follows_the_palette():
    first = _activation_svg("gelu")
    assert first == _activation_svg("gelu")
    assert first.startswith("<svg") and first.rstrip().endswith("</svg>")
    assert "currentColor" in first and "var(--md-default-bg-color" in first
    lowered = first.lower()
    assert plotting.FOREGROUND not in lowered and plotting.BACKGROUND not in lowered
    for leftover in ("<?xml", "<!doctype", "<metadata", "<style", "dc:date", "matplotlib v"):
        assert leftover not in lowered
    assert re.search(r'fill:\s*#ffffff', lowered) is None, "backgrounds must be transparent"


def test_figures_on_one_page_have_distinct_ids():
    grid = site_figures.to_svg(plotting.plot_grid(["relu", "tanh"], ncols=2), salt="fig-grid")
    svgs = [_activation_svg("relu"), grid]
    ids = [re.findall(r'\bid="([^"]+)"', svg) for svg in svgs]
    assert all(ids)
    assert not set(ids[0]) & set(ids[1])
    for svg, figure_ids in zip(svgs, ids):
        references = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))
        assert references <= set(figure_ids), "every reference points into its own figure"


@pytest.mark.parametrize("module", [site_figures, catalog_pages], ids=lambda m: m.__name__)
def test_site_helper_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


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
    assert catalog_pages.range_latex(activations.get(name)) == expected


def _in_order(text: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


@pytest.mark.parametrize("name", NAMES)
def test_page_header_comes_from_the_declaration(name):
    act = activations.get(name)
    header = catalog_pages.activation_header(name)
    first_sentence = " ".join(act.__doc__.split("\n\n")[0].split())
    parts = [f"# {act.title}\n", first_sentence, act.latex, act.derivative_latex, "<svg",
             "| Property | Value |", '=== "PyTorch"', '=== "Keras"', '=== "JAX"',
             '<div class="signature" markdown>', catalog_pages.signature(act), "</div>",
             '```python title="Example"']
    assert _in_order(header, parts), "title, summary, f, f', figure, facts, names, signature, example"
    assert header.count("<svg") == 1
    for reference in act.reference_names.values():
        assert f"`{reference}`" in header
    assert str(act.facts.year) in header if act.facts.year else True
    for parameter in catalog_pages.parameters(act):
        assert parameter.meaning, f"{name}: {parameter.name} has no meaning in its docstring"
        assert f"`#!python {parameter.name}=" in header and parameter.meaning in header
    family = act.family or "other"
    assert f"| Family | {family} |" in header


def test_the_signature_lists_every_parameter_with_its_default():
    assert catalog_pages.signature("softplus") == "activations.softplus(x, beta=1.0, threshold=20.0)"
    assert catalog_pages.signature("gelu") == 'activations.gelu(x, approximate="none")'
    assert catalog_pages.signature("relu") == "activations.relu(x)"
    [weight] = catalog_pages.parameters("prelu")
    assert (weight.name, weight.default, weight.learnable) == ("weight", 0.25, True)
    assert "slope" in weight.meaning
    assert "(learnable)" in catalog_pages.activation_header("prelu")
    assert "ReLU has no parameters." in catalog_pages.activation_header("relu")


def test_a_declared_family_is_shown(monkeypatch):
    monkeypatch.setattr(activations.Activation, "family", property(lambda self: "rectifiers"))
    assert "| Family | rectifiers |" in catalog_pages.activation_header("relu")


def test_the_example_is_the_declared_one_or_the_docstrings():
    relu = activations.relu
    declared_example = catalog_pages.example_code(relu)  # declared as a doctest
    assert declared_example.splitlines()[:3] == [
        "import activations", "activations.relu([-2.0, 0.0, 3.0])", "# array([0., 0., 3.])"]
    undeclared = types.SimpleNamespace(example="", __doc__=relu.__doc__)
    docstring_example = catalog_pages.example_code(undeclared)
    assert docstring_example.splitlines()[:3] == [
        "import activations", "activations.relu([-2.0, 0.0, 3.0])", "# array([0., 0., 3.])"]
    assert ">>>" not in docstring_example
    declared = types.SimpleNamespace(example="import activations\nprint(activations.relu(2.0))",
                                     __doc__=relu.__doc__)
    assert catalog_pages.example_code(declared) == "import activations\nprint(activations.relu(2.0))"
    as_doctest = types.SimpleNamespace(
        example=">>> import activations\n>>> for v in (1.0,):\n...     print(v)\n1.0",
        __doc__=relu.__doc__)
    assert catalog_pages.example_code(as_doctest) == (
        "import activations\nfor v in (1.0,):\n    print(v)\n# 1.0")


@pytest.mark.parametrize("name", NAMES)
def test_the_example_runs_as_shown(name, tmp_path):
    code = catalog_pages.example_code(name)
    assert code
    env = dict(os.environ, PYTHONPATH=str(ROOT), MPLBACKEND="Agg")
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True,
                            text=True, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_comparison_table_has_a_row_per_activation():
    lines = [line for line in catalog_pages.comparison_table().splitlines() if line.startswith("|")]
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


def _caption(figure_html: str) -> str:
    import html

    return html.unescape(re.search(r"<figcaption>(.*)</figcaption>", figure_html).group(1))


def test_figure_html_renders_markdown_and_math_in_the_caption():
    out = site_figures.figure_html(_small_figure(), salt="t", caption=r"The boundary $p = \tfrac12$, *dashed*.")
    assert "markdown=" not in out, "no attribute is left for the page's Markdown to act on"
    assert _caption(out) == r'The boundary <span class="arithmatex">\(p = \tfrac12\)</span>, <em>dashed</em>.'


@pytest.mark.parametrize("in_a_tab", [False, True], ids=["block", "tab"])
def test_figure_html_reads_the_same_when_printed_as_markdown(in_a_tab):
    """Printed Markdown goes through the page's Markdown again: at the top level the figure is a
    raw HTML block, in a tab (markdown-exec's ``source="tabbed-right"``) inline HTML whose text
    is processed."""
    import markdown

    caption = r"From $\mathbf{w}_0$ to $\mathbf{w}^*$ (the *star*) on $x \in [-7, 7]$ and `a_b`"
    out = site_figures.figure_html(_small_figure(), salt="t", caption=caption)
    source = '=== "Result"\n\n' + textwrap.indent(out, "    ") if in_a_tab else out
    page = markdown.markdown(
        source,
        extensions=["md_in_html", "pymdownx.arithmatex", "pymdownx.superfences", "pymdownx.tabbed"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    assert _caption(page) == _caption(out), "the page's Markdown leaves the caption as it is"
    assert _caption(out).count('class="arithmatex"') == 3


@pytest.mark.slow
def test_no_built_page_keeps_a_markdown_attribute(site_dir):
    """A `markdown="..."` attribute left in the HTML means its content was never rendered."""
    leftovers = [str(path.relative_to(site_dir)) for path in sorted(site_dir.rglob("*.html"))
                 if 'markdown="' in path.read_text(encoding="utf-8")]
    assert leftovers == []


# ----------------------------------------------------------------------------- decision_regions


def _axes():
    from matplotlib.figure import Figure

    return Figure().add_subplot()


def _linear(points):
    """A probability of class 1 that is 1/2 on the line x1 + x2 = 1."""
    return 1 / (1 + np.exp(-4 * (points.sum(axis=1) - 1)))


def test_decision_regions_draws_the_boundary_where_p_is_one_half():
    from matplotlib.colors import to_rgb
    from matplotlib.contour import ContourSet

    ax = _axes()
    X, y = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.5]]), np.array([0, 1, 1])
    image = plotting.decision_regions(ax, _linear, X, y, extent=(-1, 2, -1, 2))
    assert (ax.get_xlim(), ax.get_ylim()) == ((-1, 2), (-1, 2))
    [contour] = [c for c in ax.collections if isinstance(c, ContourSet)]
    vertices = np.concatenate([path.vertices for path in contour.get_paths()])
    assert np.allclose(_linear(vertices), 0.5, atol=0.01), "the line is where p = 1/2"
    points = [c for c in ax.collections if c.get_label().startswith("class")]
    assert [c.get_label() for c in points] == ["class 0", "class 1"]
    assert [len(c.get_offsets()) for c in points] == [1, 2]
    tint = image.get_array()             # (rows: x2, columns: x1, RGBA), origin lower
    corner_0, corner_1 = tint[0, 0], tint[-1, -1]
    assert tuple(corner_0[:3]) == to_rgb(plotting.SERIES_COLORS[0])
    assert tuple(corner_1[:3]) == to_rgb(plotting.SERIES_COLORS[1])
    middle = tint[len(tint) // 2, len(tint) // 2]  # (0.5, 0.5), on the boundary
    assert middle[3] < 0.01 < corner_1[3] <= 0.45, "the tint fades towards the boundary"


def test_decision_regions_says_when_the_output_is_constant():
    from matplotlib.contour import ContourSet

    ax = _axes()
    plotting.decision_regions(ax, lambda points: np.full(len(points), 0.5), extent=(0, 1, 0, 1))
    assert not [c for c in ax.collections if isinstance(c, ContourSet)], "no boundary to draw"
    assert [t.get_text() for t in ax.texts] == ["$p = 0.50$\neverywhere"]


def test_decision_regions_of_three_classes_and_default_extent():
    from matplotlib.contour import ContourSet

    def three(points):  # class 0 left of x1 = 0, class 1 right and below x2 = 0, class 2 above
        scores = np.column_stack([-points[:, 0], points[:, 0] - points[:, 1], points[:, 1]])
        return activations.softmax(5 * scores)

    ax = _axes()
    X, y = np.array([[-1.0, 0.0], [1.0, -1.0], [1.0, 1.0]]), np.array([0, 1, 2])
    image = plotting.decision_regions(ax, three, X, y, marker_size=12)
    assert ax.get_xlim() == (-1.3, 1.3) and ax.get_ylim() == (-1.3, 1.3)
    assert len([c for c in ax.collections if isinstance(c, ContourSet)]) == 2
    assert len({tuple(pixel[:3]) for row in image.get_array() for pixel in row}) == 3


def test_decision_regions_with_a_colormap_shows_the_probability():
    ax = _axes()
    image = plotting.decision_regions(ax, _linear, extent=(-1, 2, -1, 2), resolution=31, cmap="viridis")
    g = np.linspace(-1, 2, 31)
    g1, g2 = np.meshgrid(g, g)
    expected = _linear(np.column_stack([g1.ravel(), g2.ravel()])).reshape(g1.shape)
    assert np.allclose(image.get_array(), expected)
    assert image.get_clim() == (0.0, 1.0)


def test_decision_regions_needs_a_plane():
    with pytest.raises(ValueError, match="decision_regions: give the plane's extent or the points X"):
        plotting.decision_regions(_axes(), _linear)
    with pytest.raises(ValueError, match="decision_regions: X is given without its classes y"):
        plotting.decision_regions(_axes(), _linear, np.zeros((2, 2)))


def _tick_texts(svg: str, axis: str) -> list[str]:
    """The texts of the tick labels of an SVG tile (matplotlib draws text as paths and writes
    each text in a comment), in the order drawn."""
    texts = []
    for group in re.split(rf'<g id="[^"]*{axis}tick_\d+">', svg)[1:]:
        label = re.search(r"<!-- (.*?) -->", group.split("</g>\n   </g>")[0])
        if label:
            texts.append(label.group(1))
    return texts


def test_a_tile_cut_from_panels_sharing_an_axis_shows_its_tick_labels():
    """Panels that share an axis label it on the outer panels only; each tile may start a row
    on a phone, so each shows the numbers of its axes, and the figure keeps its own labels."""
    from matplotlib.figure import Figure

    with plotting.style():
        fig = Figure(figsize=(6, 4.5), layout="constrained")
        axes = fig.subplots(2, 2, sharex=True, sharey=True)
        for ax in axes.flat:
            ax.plot([0, 1], [10, 40])
        twin = axes[0, 0].twinx()  # a twin shares the x axis within its tile: its own labels
        twin.plot([0, 1], [0, 1])
    out = site_figures.figure_html(fig, salt="shared")
    tiles = re.findall(r'<div class="plot-tile".*?</svg>', out, re.S)
    assert len(tiles) == 4
    for tile in tiles:
        assert {"10", "20", "30", "40"} <= set(_tick_texts(tile, "y")), "every tile numbers its y axis"
        assert {"0.0", "1.0"} <= set(_tick_texts(tile, "x")), "every tile numbers its x axis"
    assert _tick_texts(tiles[0], "x").count("0.0") == 1, "the twin does not repeat the x numbers"
    # the figure is left as it was drawn: inner labels hidden
    assert not axes[0, 1].yaxis.get_tick_params()["labelleft"]
    assert not axes[0, 0].xaxis.get_tick_params()["labelbottom"]
    assert axes[1, 0].yaxis.get_tick_params()["labelleft"]
