r"""Figures of activation functions and of training, in one style, as matplotlib objects.

Every function here draws with matplotlib and returns what it drew on: a
`matplotlib.figure.Figure`, or the axes (or image) of one. No pyplot state is touched, so the
figures work in a script, a notebook or a web page alike; turning them into image files or
markup is the caller's business (``fig.savefig(...)``). The style is shared by all figures:

* the same input range, $x \in [-7, 7]$ (`X_RANGE`), and the same aspect ratio (`FIGSIZE`)
  for every activation, with $f$ solid and $f'$ dashed, a legend, labelled axes and a light
  grid;
* text, axes and grid in one ink colour (`FOREGROUND`) and legend boxes in one paper colour
  (`BACKGROUND`), each used for nothing else, and transparent backgrounds: a renderer that
  shows a figure on a dark background can swap those two colours by exact match;
* series colours (`SERIES_COLORS`) that keep a contrast of at least 3:1 against both a white
  and a dark background.

Vector-valued functions (softmax, log-softmax, sparsemax, GLU, maxout) are drawn along a line
(`along_line`): the first output component for the input vector $(x, 0)$, and its partial
derivative with respect to $x$ computed with ``backward``. Along that line softmax is the
sigmoid and maxout with two pieces is ReLU.

Examples
--------
>>> import activations
>>> from activations import plotting
>>> ax = plotting.plot_activation(activations.relu)
>>> [float(limit) for limit in ax.get_xlim()]
[-7.0, 7.0]
>>> type(ax.figure).__name__
'Figure'
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import matplotlib as mpl
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.ticker import MaxNLocator, MultipleLocator

from activations._core import Activation, get, names

__all__ = [
    "BACKGROUND",
    "FIGSIZE",
    "FOREGROUND",
    "SERIES_COLORS",
    "THEME",
    "X_RANGE",
    "along_line",
    "contrast_ratio",
    "decision_regions",
    "plot_activation",
    "plot_grid",
    "plot_history",
    "style",
]

X_RANGE: tuple[float, float] = (-7.0, 7.0)
"""Input range of every activation figure."""
FIGSIZE: tuple[float, float] = (6.4, 4.0)
"""Size in inches of a single-activation figure: the same aspect ratio for all of them."""
FOREGROUND = "#0f0e0d"
"""Ink: the colour of text, axes, grid and outlines, a near-black used for nothing else."""
BACKGROUND = "#fefdfc"
"""Paper: the face colour of legend boxes, a near-white used for nothing else."""
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

_SAMPLES = 1401  # points per curve over X_RANGE: a step of 0.01
_Y_CLIP = 7.5  # |y| beyond this is off the plot (exponential, log-sigmoid)
_KINK_GAP = 1e-9


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Apply the plotting style (`THEME`) inside a ``with`` block.

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
    return get(act) if isinstance(act, str) else act


def _by_title(chosen: Sequence[str] | None) -> list[str]:
    """The given names in order, or every catalog name sorted by display name."""
    if chosen is not None:
        return list(chosen)
    return sorted(names(), key=lambda name: get(name).title.casefold())


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


def along_line(act: str | Activation, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""What the figures draw of an activation at the points ``x``: $f$ and $df/dx$.

    For an elementwise function, $f(x)$ and $f'(x)$. For a vector-valued one, the first
    output component at the input vector $(x, 0)$ and its partial derivative in $x$, from
    ``backward``.

    Parameters
    ----------
    act : str or Activation
        A catalog name or an `Activation`.
    x : numpy.ndarray
        One-dimensional array of points.

    Returns
    -------
    tuple of numpy.ndarray
        The values and the derivatives, each the shape of ``x``.

    Examples
    --------
    >>> import numpy as np
    >>> from activations.plotting import along_line
    >>> f, d = along_line("softmax", np.array([0.0]))
    >>> float(f[0]), float(d[0])
    (0.5, 0.25)
    """
    act = _as_activation(act)
    x = np.asarray(x, dtype=float)
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
        f, d = along_line(act, piece)
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
    r"""Draw an activation and its derivative on one axes, in the plotting style.

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
            act = get(name)
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
    """Draw per-epoch training curves from a ``History`` (or a dict of lists), in the style.

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
