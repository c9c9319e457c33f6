r"""Figures of activation functions, in one style, as matplotlib axes or as inline SVG.

Every figure of the site is drawn by this module at build time, from the catalog; readers can
call the same functions. The style is shared by all figures:

* the same input range, $x \in [-7, 7]$ (`X_RANGE`), and the same aspect ratio for every
  activation, with $f$ solid and $f'$ dashed, a legend, labelled axes and a light grid;
* text, axes and grid drawn in a *sentinel* colour (`FOREGROUND`) that `to_svg` turns into
  ``currentColor``, and transparent backgrounds, so one SVG follows the page's light or dark
  palette;
* series colours (`SERIES_COLORS`) that keep a contrast of at least 3:1 against both a white
  and a dark slate background.

`to_svg` writes deterministic SVG: a fixed hash salt per figure, no date or version metadata
and ids prefixed per figure, so two builds give identical pages and several figures can share a
page.

Vector-valued functions (softmax, log-softmax, sparsemax, GLU, maxout) are drawn along a line:
the first output component for the input vector $(x, 0)$, and its partial derivative with
respect to $x$ computed with ``backward``. Along that line softmax is the sigmoid and maxout
with two pieces is ReLU.

The page helpers `activation_page_header` and `comparison_table` return the Markdown of the
generated parts of the site's activation pages.

Examples
--------
>>> import activations
>>> from activations import plotting
>>> ax = plotting.plot_activation(activations.relu)
>>> [float(limit) for limit in ax.get_xlim()]
[-7.0, 7.0]
>>> svg = plotting.to_svg(ax.figure, salt="relu")
>>> svg.startswith("<svg") and "currentColor" in svg
True
"""

from __future__ import annotations

import contextlib
import html
import io
import math
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import markdown
import matplotlib as mpl
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.ticker import MaxNLocator, MultipleLocator

import activations
from activations import Activation

__all__ = [
    "BACKGROUND",
    "FIGSIZE",
    "FOREGROUND",
    "SERIES_COLORS",
    "THEME",
    "X_RANGE",
    "activation_page_header",
    "activation_svg",
    "comparison_table",
    "contrast_ratio",
    "decision_regions",
    "figure_html",
    "grid_svg",
    "plot_activation",
    "plot_grid",
    "plot_history",
    "style",
    "to_svg",
]

X_RANGE: tuple[float, float] = (-7.0, 7.0)
"""Input range of every activation figure."""
FIGSIZE: tuple[float, float] = (6.4, 4.0)
"""Size in inches of a single-activation figure: the same aspect ratio for all of them."""
FOREGROUND = "#0f0e0d"
"""Sentinel colour for text, axes and grid; `to_svg` replaces it with ``currentColor``."""
BACKGROUND = "#fefdfc"
"""Sentinel colour for legend boxes; `to_svg` replaces it with the page's background colour."""
SERIES_COLORS: tuple[str, ...] = ("#3b82f6", "#e8710a", "#16a34a", "#e0457b", "#9d6cf0", "#0f9fb0")
"""Colours of data series, in order: blue, orange, green, magenta, purple, teal."""

THEME: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10.0,
    "mathtext.fontset": "dejavusans",
    "text.color": FOREGROUND,
    "axes.labelcolor": FOREGROUND,
    "axes.edgecolor": FOREGROUND,
    "axes.facecolor": "none",
    "axes.grid": True,
    "axes.axisbelow": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10.0,
    "axes.titleweight": "bold",
    "axes.prop_cycle": cycler(color=list(SERIES_COLORS)),
    "xtick.color": FOREGROUND,
    "ytick.color": FOREGROUND,
    "grid.color": FOREGROUND,
    "grid.alpha": 0.14,
    "grid.linewidth": 0.6,
    "lines.linewidth": 2.0,
    "legend.facecolor": BACKGROUND,
    "legend.edgecolor": FOREGROUND,
    "legend.framealpha": 0.85,
    "legend.fancybox": False,
    "figure.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
    "svg.fonttype": "path",
    "path.simplify": True,
}
"""The matplotlib rc settings of every figure (see `style`)."""

# Backgrounds of the site's two palettes (Material's default and slate schemes).
_PAGE_BACKGROUNDS = ("#ffffff", "#1e2129")
_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_SAMPLES = 1401  # points per curve over X_RANGE: a step of 0.01
_Y_CLIP = 7.5  # |y| beyond this is off the plot (exponential, log-sigmoid)
_KINK_GAP = 1e-9


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Apply the site's matplotlib style (`THEME`) inside a ``with`` block.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> from activations import plotting
    >>> with plotting.style():
    ...     mpl.rcParams["text.color"] == plotting.FOREGROUND
    True
    """
    with mpl.rc_context(THEME):
        yield


def contrast_ratio(color: str, background: str) -> float:
    """WCAG contrast ratio between two ``#rrggbb`` colours, from 1 (none) to 21.

    Parameters
    ----------
    color, background : str
        Colours as ``#rrggbb`` strings.

    Returns
    -------
    float
        ``(L1 + 0.05) / (L2 + 0.05)`` with ``L1 >= L2`` the relative luminances.

    Examples
    --------
    >>> from activations.plotting import contrast_ratio
    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    """

    def luminance(hex_color: str) -> float:
        channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(color), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# ------------------------------------------------------------------------------ evaluation


def _as_activation(act: str | Activation) -> Activation:
    return activations.get(act) if isinstance(act, str) else act


def _by_title(names: Sequence[str] | None) -> list[str]:
    """The given names in order, or every catalog name sorted by display name (as the site's
    navigation lists them)."""
    if names is not None:
        return list(names)
    return sorted(activations.names(), key=lambda name: activations.get(name).title.casefold())


def _segments(act: Activation, lo: float, hi: float, samples: int) -> list[np.ndarray]:
    """Sample points of [lo, hi], split at the kinks so that no line is drawn across one."""
    kinks = sorted(k for k in act.kinks if lo < k < hi)
    edges = [lo, *kinks, hi]
    pieces = []
    for a, b in zip(edges[:-1], edges[1:]):
        count = max(3, round(samples * (b - a) / (hi - lo)))
        piece = np.linspace(a, b, count)
        if a != lo:
            piece[0] = a + _KINK_GAP
        if b != hi:
            piece[-1] = b - _KINK_GAP
        pieces.append(piece)
    return pieces


def _along_line(act: Activation, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """f and df/dx for ``x``: elementwise, or first output component at the input (x, 0)."""
    if act.elementwise:
        return act(x), act.derivative(x)
    inputs = np.stack([x, np.zeros_like(x)], axis=-1)
    outputs = act(inputs)
    seed = np.zeros_like(outputs)
    seed[..., 0] = 1.0
    return outputs[..., 0], act.backward(inputs, seed)[..., 0]


def _curves(act: Activation, x_range: tuple[float, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, f(x), f'(x) over ``x_range`` with NaN separating the pieces between kinks."""
    xs, fs, ds = [], [], []
    for piece in _segments(act, *x_range, _SAMPLES):
        f, d = _along_line(act, piece)
        for out, values in ((xs, piece), (fs, f), (ds, d)):
            if out:
                out.append(np.array([np.nan]))
            out.append(values)
    return np.concatenate(xs), np.concatenate(fs), np.concatenate(ds)


def _y_limits(*series: np.ndarray) -> tuple[float, float]:
    values = np.concatenate([s[np.isfinite(s)] for s in series])
    low = max(min(float(values.min()), 0.0), -_Y_CLIP)
    high = min(max(float(values.max()), 1.0), _Y_CLIP)
    pad = 0.06 * (high - low)
    return low - pad, high + pad


def _labels(act: Activation) -> tuple[str, str]:
    if act.elementwise:
        return r"$f(x)$", r"$f\,'(x)$"
    return r"$f(x, 0)_1$", r"$\partial f(x, 0)_1 / \partial x$"


# --------------------------------------------------------------------------------- figures

_CORNERS = (("upper left", 0, 1), ("lower right", 1, 0), ("upper right", 1, 1), ("lower left", 0, 0))


def _free_corner(ax: Axes, x: np.ndarray, *series: np.ndarray) -> str:
    """The first legend corner whose box (30% by 25% of the axes) no curve crosses.

    Deterministic and cheap, unlike ``loc="best"``, which warns when it is slow. Works on
    linear and logarithmic axes alike (points are mapped to axes fractions).
    """
    ax.autoscale_view()
    to_axes = ax.transData + ax.transAxes.inverted()
    fractions = [to_axes.transform(np.column_stack([x, y])) for y in series]
    for loc, right, top in _CORNERS:
        free = True
        for points in fractions:
            u, v = points[:, 0], points[:, 1]
            in_x = u > 0.7 if right else u < 0.3
            in_y = v > 0.75 if top else v < 0.25
            if np.any(in_x & in_y & np.isfinite(v)):
                free = False
                break
        if free:
            return loc
    return "upper left"


def plot_activation(
    act: str | Activation,
    *,
    ax: Axes | None = None,
    x_range: tuple[float, float] = X_RANGE,
    title: bool = True,
) -> Axes:
    r"""Draw an activation and its derivative on one axes, in the site's style.

    $f$ is drawn solid and $f'$ dashed. Lines are broken at the kinks (``act.kinks``), where
    a dot marks the derivative's value by the function's convention (and $f$'s value where it
    jumps). Vector-valued functions are drawn along the line $(x, 0)$: the first output
    component and its partial derivative in $x$.

    Parameters
    ----------
    act : str or Activation
        A catalog name (``"relu"``) or an `Activation`, possibly with bound parameters.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on. By default a new `matplotlib.figure.Figure` of size `FIGSIZE` is
        made (no pyplot state is touched).
    x_range : tuple of float, default X_RANGE
        The input interval.
    title : bool, default True
        Whether to title the axes with the activation's display name.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; ``ax.figure`` is its figure.

    Examples
    --------
    >>> import activations
    >>> from activations.plotting import plot_activation
    >>> ax = plot_activation(activations.get("leaky_relu", negative_slope=0.2))
    >>> ax.get_legend_handles_labels()[1]
    ['$f(x)$', "$f\\,'(x)$"]
    """
    act = _as_activation(act)
    with style():
        if ax is None:
            ax = Figure(figsize=FIGSIZE, layout="constrained").add_subplot()
        x, f, d = _curves(act, x_range)
        f_label, d_label = _labels(act)
        ax.axhline(0.0, color=FOREGROUND, linewidth=0.8, alpha=0.45, zorder=1)
        ax.axvline(0.0, color=FOREGROUND, linewidth=0.8, alpha=0.45, zorder=1)
        ax.plot(x, f, color=SERIES_COLORS[0], label=f_label, zorder=3)
        ax.plot(x, d, color=SERIES_COLORS[1], linestyle=(0, (5, 2.5)), label=d_label, zorder=3)
        if act.elementwise:
            for k in (k for k in act.kinks if x_range[0] < k < x_range[1]):
                left, right = act([k - _KINK_GAP, k + _KINK_GAP])
                if abs(right - left) > 1e-6:
                    ax.plot([k], act([k]), "o", color=SERIES_COLORS[0], markersize=4.5, zorder=4)
                ax.plot([k], act.derivative([k]), "o", color=SERIES_COLORS[1], markersize=4.5, zorder=4)
        ax.set_xlim(*x_range)
        ax.set_ylim(*_y_limits(f, d))
        ax.xaxis.set_major_locator(MultipleLocator(2.0))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
        ax.set_xlabel(r"input $x$")
        ax.set_ylabel("output")
        if title:
            ax.set_title(act.title, loc="left")
        ax.legend(loc=_free_corner(ax, x, f, d))
    return ax


def plot_grid(
    names: Sequence[str] | None = None,
    *,
    ncols: int = 5,
    x_range: tuple[float, float] = X_RANGE,
    panel_size: tuple[float, float] = (2.05, 1.6),
) -> Figure:
    """Draw small multiples of activation functions: one panel per function, $f$ only.

    Every panel has the same input range; each has its own output range, with the axes
    $x = 0$ and $y = 0$ drawn to compare shapes.

    Parameters
    ----------
    names : sequence of str, optional
        Catalog names; by default every activation, in the alphabetical order of their
        display names.
    ncols : int, default 5
        Panels per row.
    x_range : tuple of float, default X_RANGE
        The input interval of every panel.
    panel_size : tuple of float, default (2.05, 1.6)
        Width and height of one panel in inches; smaller panels make the text relatively
        larger when the figure is scaled to a given width.

    Returns
    -------
    matplotlib.figure.Figure
        The figure; unused panels are hidden.

    Examples
    --------
    >>> from activations.plotting import plot_grid
    >>> fig = plot_grid(["relu", "tanh", "softmax"], ncols=2)
    >>> [ax.get_title(loc="left") for ax in fig.axes if ax.get_visible()]
    ['ReLU', 'Tanh', 'Softmax']
    """
    names = _by_title(names)
    if ncols < 1:
        raise ValueError(f"plot_grid: ncols must be >= 1, got {ncols}")
    nrows = max(1, math.ceil(len(names) / ncols))
    with style():
        fig = Figure(figsize=(panel_size[0] * ncols, panel_size[1] * nrows), layout="constrained")
        axes = fig.subplots(nrows, ncols, sharex=True, squeeze=False).ravel()
        for ax, name in zip(axes, names):
            act = activations.get(name)
            x, f, _ = _curves(act, x_range)
            ax.axhline(0.0, color=FOREGROUND, linewidth=0.6, alpha=0.45)
            ax.axvline(0.0, color=FOREGROUND, linewidth=0.6, alpha=0.45)
            ax.plot(x, f, color=SERIES_COLORS[0], linewidth=1.6)
            ax.set_ylim(*_y_limits(f))
            ax.set_title(act.title, fontsize=9, loc="left")
            ax.xaxis.set_major_locator(MultipleLocator(5.0))
            ax.yaxis.set_major_locator(MaxNLocator(nbins=3, steps=[1, 2, 2.5, 5, 10]))
            ax.tick_params(labelsize=7.5, length=2.5)
        for ax in axes[len(names) :]:
            ax.set_visible(False)
        for ax in axes[max(0, len(names) - ncols) : len(names)]:
            ax.tick_params(labelbottom=True)  # the lowest panel of each column shows x values
        ax = axes[0]
        ax.set_xlim(*x_range)
    return fig


def plot_history(
    history: Any,
    keys: Sequence[str] = ("loss",),
    *,
    ax: Axes | None = None,
    log: bool = False,
    labels: Sequence[str] | None = None,
) -> Axes:
    """Draw per-epoch training curves from a ``History`` (or a dict of lists) in the site style.

    Parameters
    ----------
    history : History or mapping
        What ``Sequential.fit`` returns, or any mapping from a key to per-epoch values.
    keys : sequence of str, default ("loss",)
        The curves to draw, e.g. ``("loss", "val_loss")`` or ``("accuracy",)``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; by default a new figure of size `FIGSIZE`.
    log : bool, default False
        Use a logarithmic vertical axis (for losses that fall over orders of magnitude).
    labels : sequence of str, optional
        Legend labels, one per key; by default the keys.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    KeyError
        If a key is not in the history.

    Examples
    --------
    >>> from activations.plotting import plot_history
    >>> ax = plot_history({"loss": [1.0, 0.5, 0.25]})
    >>> ax.get_xlabel(), ax.get_legend_handles_labels()[1]
    ('epoch', ['loss'])
    """
    values = history.history if hasattr(history, "history") else history
    labels = list(keys) if labels is None else list(labels)
    if len(labels) != len(keys):
        raise ValueError(f"plot_history: {len(keys)} keys but {len(labels)} labels")
    with style():
        if ax is None:
            ax = Figure(figsize=FIGSIZE, layout="constrained").add_subplot()
        curves = []
        for index, (key, label) in enumerate(zip(keys, labels)):
            if key not in values:
                raise KeyError(f"plot_history: no {key!r} in the history; it has {sorted(values)}")
            curve = np.asarray(values[key], dtype=float)
            epochs = np.arange(1, len(curve) + 1, dtype=float)
            ax.plot(epochs, curve, label=label, color=SERIES_COLORS[index % len(SERIES_COLORS)])
            curves.append((epochs, curve))
        if log:
            ax.set_yscale("log")
        ax.set_xlabel("epoch")
        ax.set_ylabel(", ".join(labels) if len(labels) == 1 else "value")
        longest = max(curves, key=lambda c: len(c[0]))[0] if curves else np.zeros(0)
        padded = [np.pad(c, (0, len(longest) - len(c)), constant_values=np.nan) for _, c in curves]
        ax.legend(loc=_free_corner(ax, longest, *padded))
    return ax


_CLASS_MARKERS = ("o", "s", "^", "D", "v", "P")
_CONSTANT = 1e-6  # an output that varies less than this over the plane has no boundary


def _class_probabilities(output: np.ndarray) -> np.ndarray:
    """(n, k) class probabilities from a model's output: a probability of class 1, (n,) or
    (n, 1), becomes (n, 2); (n, k) with k >= 2 is kept."""
    output = np.asarray(output, dtype=float)
    if output.ndim == 1 or output.shape[1] == 1:
        p = output.reshape(-1)
        return np.column_stack([1.0 - p, p])
    return output


def decision_regions(
    ax: Axes,
    predict: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray | None = None,
    y: np.ndarray | None = None,
    *,
    extent: tuple[float, float, float, float] | None = None,
    resolution: int = 151,
    cmap: str | None = None,
    marker_size: float = 70.0,
) -> AxesImage:
    r"""Draw what a classifier of two inputs predicts over the plane, and the data.

    The plane is tinted by the predicted class, in the colours of `SERIES_COLORS` and more
    strongly where the model is surer; the boundaries between classes are drawn as lines
    (for one probability $p$, the line $p = \tfrac12$), and the points of ``X`` with one
    marker per class. An output that is the same everywhere has no boundary: the axes then
    say so, "$p = 0.50$ everywhere". The axes get the limits of the plane and no grid.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes to draw on.
    predict : callable
        Maps an ``(n, 2)`` array of points to the probability of class 1, shape ``(n,)`` or
        ``(n, 1)``, or to class probabilities of shape ``(n, k)``: ``model.predict``.
    X : array_like of shape (n, 2), optional
        Points to draw; without them only the prediction is drawn.
    y : array_like of shape (n,), optional
        Their integer classes (required with ``X``).
    extent : tuple of float, optional
        ``(x1_min, x1_max, x2_min, x2_max)``; by default the points' range plus 0.3 on each
        side.
    resolution : int, default 151
        Grid points along each axis at which ``predict`` is evaluated.
    cmap : str, optional
        A matplotlib colormap for a probability of class 1: the plane shows $p$ itself on
        $[0, 1]$, for a colorbar, instead of the class tint.
    marker_size : float, default 70.0
        Area of the point markers, in points squared (``scatter``'s ``s``).

    Returns
    -------
    matplotlib.image.AxesImage
        The tinted plane (pass it to ``fig.colorbar`` when ``cmap`` is given).

    Raises
    ------
    ValueError
        If neither ``extent`` nor ``X`` is given, or ``X`` comes without ``y``.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from activations import plotting
    >>> ax = Figure().add_subplot()
    >>> X, y = np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1])
    >>> image = plotting.decision_regions(ax, lambda P: P.sum(axis=1) > 1, X, y)
    >>> [float(limit) for limit in ax.get_xlim()], len(ax.collections)
    ([-0.3, 1.3], 3)
    """
    if X is not None:
        X = np.asarray(X, dtype=float)
        if y is None:
            raise ValueError("decision_regions: X is given without its classes y")
        y = np.asarray(y)
    if extent is None:
        if X is None:
            raise ValueError("decision_regions: give the plane's extent or the points X")
        (lo1, lo2), (hi1, hi2) = X.min(axis=0) - 0.3, X.max(axis=0) + 0.3
        extent = (float(lo1), float(hi1), float(lo2), float(hi2))
    g1, g2 = np.meshgrid(np.linspace(*extent[:2], resolution), np.linspace(*extent[2:], resolution))
    probabilities = _class_probabilities(predict(np.column_stack([g1.ravel(), g2.ravel()])))
    classes = probabilities.shape[1]
    planes = probabilities.T.reshape(classes, *g1.shape)
    with style():
        if cmap is not None:
            image = ax.imshow(planes[1], extent=extent, origin="lower", cmap=cmap, vmin=0.0,
                              vmax=1.0, interpolation="none", aspect="auto")
        else:
            colors = np.array([to_rgb(SERIES_COLORS[c % len(SERIES_COLORS)])
                               for c in range(classes)])
            surest = planes.max(axis=0)
            confidence = (surest - 1 / classes) / (1 - 1 / classes)   # 0 at a tie, 1 when sure
            tint = np.dstack([colors[planes.argmax(axis=0)], 0.45 * confidence])
            image = ax.imshow(tint, extent=extent, origin="lower", interpolation="none",
                              aspect="auto")
        if np.ptp(planes, axis=(1, 2)).max() <= _CONSTANT:
            ax.text(0.5, 0.5, f"$p = {planes[-1].mean():.2f}$\neverywhere", transform=ax.transAxes,
                    ha="center", va="center", fontsize=9)
        else:
            for c in range(classes - 1):  # each boundary has a class other than the last on a side
                margin = planes[c] - np.delete(planes, c, axis=0).max(axis=0)
                if margin.min() < 0 < margin.max():
                    ax.contour(g1, g2, margin, levels=[0.0], colors=[FOREGROUND], linewidths=1.5)
        if X is not None:
            for c in np.unique(y):
                ax.scatter(*X[y == c].T, s=marker_size, marker=_CLASS_MARKERS[c % len(_CLASS_MARKERS)],
                           color=SERIES_COLORS[c % len(SERIES_COLORS)], edgecolors=FOREGROUND,
                           linewidths=min(1.0, 0.12 * math.sqrt(marker_size)), zorder=3,
                           label=f"class {c}")
        ax.set_xlim(*extent[:2])
        ax.set_ylim(*extent[2:])
        ax.grid(False)
    return image


# -------------------------------------------------------------------------------------- SVG

_ID = re.compile(r'\bid="([^"]+)"')


def to_svg(fig: Figure, *, salt: str) -> str:
    """Render a figure as deterministic SVG markup to inline in an HTML page.

    The sentinel colours become ``currentColor`` (`FOREGROUND`) and the page background
    (`BACKGROUND`, via the CSS variable ``--md-default-bg-color``, white elsewhere), so the
    figure follows a light or dark palette. The output has no XML prolog, no metadata and no
    global style rule, and its ids are prefixed with ``salt`` so that several figures can share
    a page.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to render.
    salt : str
        A name unique to this figure on its page: matplotlib's ``svg.hashsalt`` and the id
        prefix. The same figure and salt give the same bytes.

    Returns
    -------
    str
        ``<svg ...>...</svg>``.

    Examples
    --------
    >>> from activations.plotting import plot_activation, to_svg
    >>> first = to_svg(plot_activation("tanh").figure, salt="tanh")
    >>> first == to_svg(plot_activation("tanh").figure, salt="tanh")
    True
    """
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", salt)
    buffer = io.StringIO()
    with style(), mpl.rc_context({"svg.hashsalt": prefix}):
        fig.savefig(buffer, format="svg", metadata=_SVG_METADATA)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    # matplotlib's global rule `*{stroke-linejoin: round; ...}` would style the whole page:
    # keep its effect on this figure only, as inherited attributes of the root element.
    svg = re.sub(r"\s*<defs>\s*<style[^>]*>.*?</style>\s*</defs>", "", svg, count=1, flags=re.S)
    svg = svg.replace("<svg ", '<svg stroke-linejoin="round" stroke-linecap="butt" ', 1)
    svg = re.sub(FOREGROUND, "currentColor", svg, flags=re.I)
    svg = re.sub(BACKGROUND, "var(--md-default-bg-color, #ffffff)", svg, flags=re.I)
    ids = set(_ID.findall(svg))

    def prefixed(match: re.Match[str]) -> str:
        return match.group(1) + prefix + "-" + match.group(2) if match.group(2) in ids else match.group(0)

    svg = re.sub(r'(\bid="|#)([^"\s)#;]+)(?=["\)])', prefixed, svg)
    return svg.strip() + "\n"


def figure_html(fig: Figure, *, salt: str, caption: str = "", wide: bool = False) -> str:
    r"""A figure as an HTML ``<figure>`` with inline SVG (`to_svg`) and an optional caption.

    The caption is inline Markdown with math between dollars, ``$p = \tfrac12$``. It is
    rendered here, the way the site renders its pages (``pymdownx.arithmatex``, generic
    mode), and the characters that mean something to Markdown are written as character
    references, so the returned HTML is final: it reads the same whether the code block
    prints HTML (markdown-exec ``html="1"``) or Markdown, in a tab or not, and the site's
    KaTeX typesets the math.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    salt : str
        A name unique to the figure on its page (see `to_svg`).
    caption : str, default ""
        The caption, in Markdown; HTML in it is kept as it is.
    wide : bool, default False
        Let the figure take the full width of the page column.

    Returns
    -------
    str
        HTML to print from an executed code block (markdown-exec ``html="1"`` or Markdown
        output).

    Examples
    --------
    >>> import html
    >>> from activations.plotting import figure_html, plot_activation
    >>> out = figure_html(plot_activation("relu").figure, salt="relu", caption="ReLU, $f(x)$")
    >>> out.startswith('<figure class="plot">')
    True
    >>> print(html.unescape(out[out.index("<figcaption>") :]).strip())
    <figcaption>ReLU, <span class="arithmatex">\(f(x)\)</span></figcaption>
    </figure>
    """
    classes = "plot wide" if wide else "plot"
    out = f'<figure class="{classes}">\n{to_svg(fig, salt=salt)}'
    if caption:
        out += f"<figcaption>{_inline_markdown(caption)}</figcaption>\n"
    return out + "</figure>\n"


# Characters that mean something to Markdown or arithmatex, written as character references
# in rendered text: the browser shows them as they are, and Markdown leaves them alone.
_MARKDOWN_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}$"})


def _inline_markdown(text: str) -> str:
    """Markdown with ``$...$`` math as HTML, without the paragraph around a single one.

    The result is inert to Markdown: printed from a code block whose output Markdown
    processes again (markdown-exec's Markdown output inside a tab, say), it stays as it is.
    """
    converter = markdown.Markdown(
        extensions=["pymdownx.arithmatex"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    out = converter.convert(text).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[len("<p>") : -len("</p>")]
    return re.sub(r"(<[^>]*>)|([^<]+)", lambda m: m[1] or m[2].translate(_MARKDOWN_INERT), out)


def activation_svg(act: str | Activation) -> str:
    """The site's figure of one activation (`plot_activation` without title) as inline SVG.

    Examples
    --------
    >>> from activations.plotting import activation_svg
    >>> activation_svg("relu").count("<svg")
    1
    """
    act = _as_activation(act)
    return to_svg(plot_activation(act, title=False).figure, salt=f"fig-{act.name}")


def grid_svg(
    names: Sequence[str] | None = None,
    *,
    ncols: int = 5,
    panel_size: tuple[float, float] = (2.05, 1.6),
) -> str:
    """The site's small-multiples figure (`plot_grid`) as inline SVG."""
    return to_svg(plot_grid(names, ncols=ncols, panel_size=panel_size), salt="fig-grid")


# ------------------------------------------------------------------------------ page parts

_FRAMEWORKS = (("pytorch", "PyTorch"), ("keras", "Keras"), ("jax", "JAX"))
_ATTAIN_TOL = 1e-9


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
    f, _ = _along_line(act, x)
    i = int(np.argmin(np.abs(f - bound)))
    best = abs(float(f[i]) - bound)
    if 0 < i < len(x) - 1 and best > _ATTAIN_TOL:  # refine near a smooth extremum
        fine = np.linspace(x[i - 1], x[i + 1], 2001)
        best = min(best, float(np.min(np.abs(_along_line(act, fine)[0] - bound))))
    return best <= _ATTAIN_TOL * max(1.0, abs(bound))


def _range_latex(act: Activation) -> str:
    low, high = act.facts.range
    left = "[" if _attained(act, low, X_RANGE) else "("
    right = "]" if _attained(act, high, X_RANGE) else ")"
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


def _display(latex: str) -> str:
    return f"$$\n{latex}\n$$\n"


def _call(act: Activation) -> str:
    if not act.params:
        return f"activations.{act.name}"
    args = ", ".join(f"{k}={v!r}" for k, v in act.params.items())
    return f'activations.get("{act.name}", {args})'


def _facts_rows(act: Activation) -> list[tuple[str, str]]:
    facts = act.facts
    rows = [
        ("Range", f"${_range_latex(act)}$" + ("" if act.elementwise else " (each output component)")),
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
    if act.params:
        rows.append(("Parameters", ", ".join(f"`{k}={v!r}`" for k, v in act.params.items())))
    if act.aliases:
        rows.append(("Aliases", ", ".join(f"`{alias}`" for alias in act.aliases)))
    rows.append(("Introduced", str(facts.year) if facts.year else "—"))
    if facts.reference:
        rows.append(("Reference", facts.reference))
    return rows


def activation_page_header(act: str | Activation) -> str:
    """The generated top of an activation's page, as Markdown.

    It holds the one-line summary, $f$ and its derivative (or Jacobian) in LaTeX, the figure
    (`activation_svg`), the facts table and content tabs with this package's call and the
    PyTorch, Keras and JAX equivalents. Everything comes from the activation's declaration.

    Parameters
    ----------
    act : str or Activation
        A catalog name or an `Activation`.

    Returns
    -------
    str
        Markdown for a page built with ``pymdownx.arithmatex``, ``pymdownx.tabbed`` and
        ``md_in_html``.

    Examples
    --------
    >>> from activations.plotting import activation_page_header
    >>> header = activation_page_header("relu")
    >>> "\\\\max(0, x)" in header and "torch.nn.functional.relu" in header
    True
    """
    act = _as_activation(act)
    parts = [act.summary.strip() + "\n"]
    if act.elementwise:
        parts += [_display(f"f(x) = {act.latex}"), _display(f"f\\,'(x) = {act.derivative_latex}")]
    else:
        parts += [
            "Definition, for an input vector $x$:\n",
            _display(act.latex),
            "Jacobian, used by `backward`:\n",
            _display(act.derivative_latex),
        ]
    if act.elementwise:
        caption = (
            f"{html.escape(act.title)}: $f$ (solid) and its derivative $f\\,'$ (dashed) on "
            f"$x \\in [{_number(X_RANGE[0])}, {_number(X_RANGE[1])}]$."
        )
        if act.kinks:
            caption += " Dots mark the values taken at the kinks."
    else:
        caption = (
            f"{html.escape(act.title)} along the line $(x, 0)$: the first output component "
            "(solid) and its partial derivative in $x$ (dashed)."
        )
    figure = plot_activation(act, title=False).figure
    parts.append(figure_html(figure, salt=f"fig-{act.name}", caption=caption))
    table = ["| Property | Value |", "| --- | --- |"]
    table += [f"| {name} | {_cell(value)} |" for name, value in _facts_rows(act)]
    parts.append("\n".join(table) + "\n")
    tabs = [f'=== "activations"\n\n    `{_call(act)}`\n']
    for key, label in _FRAMEWORKS:
        name = act.reference_names.get(key)
        body = f"`{name}`" if name else f"{label} has no built-in {html.escape(act.title)}."
        tabs.append(f'=== "{label}"\n\n    {body}\n')
    parts.append("\n".join(tabs))
    return "\n".join(parts)


def comparison_table(names: Sequence[str] | None = None, *, page_url: str = "{name}/") -> str:
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
        URL relative to the page holding the table: the default suits the site's activations
        index.

    Returns
    -------
    str
        A Markdown table inside a ``<div class="comparison">`` (for ``md_in_html``), followed
        by a note on the abbreviated library names.

    Examples
    --------
    >>> from activations.plotting import comparison_table
    >>> print(comparison_table(["relu"]).splitlines()[4][:32])
    | [ReLU](relu/) | $\\max(0, x)$ |
    """
    names = _by_title(names)
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
            for key, _ in _FRAMEWORKS
        )
        cells = [
            title,
            f"${act.latex}$",
            f"${_range_latex(act)}$",
            _yes_no(facts.monotonic),
            _yes_no(facts.zero_centered),
            _SMOOTHNESS_SHORT[facts.continuity],
            _saturation(act).replace(" only", "").replace(" sides", ""),
            str(facts.year) if facts.year else "—",
            libraries,
        ]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    note = (
        "The last column gives the PyTorch, Keras and JAX names, in that order (— where the "
        "library has none); `F.` stands for `torch.nn.functional.`, and Keras names without a "
        "module are in `keras.activations`."
    )
    return '<div class="comparison" markdown="1">\n\n' + "\n".join(rows) + "\n\n</div>\n\n" + note + "\n"
