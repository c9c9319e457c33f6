r"""Normalising functions: a vector of scores in, a probability distribution out.

Softmax exponentiates and normalises, so every output is positive and each slice along ``axis``
sums to 1; the log-softmax is its logarithm, finite where the softmax rounds to 0; sparsemax
projects onto the probability simplex and gives exact zeros. None is elementwise: each has a
vector-Jacobian product (``backward``) instead of an elementwise derivative.
"""

from __future__ import annotations

import numpy as np

from activations._core import INF, Facts, declare
from activations._floating_point import OVERFLOW, call_ignoring
from activations._validation import check_axis
from activations.functions._kernels import keep_nan
from activations.functions._parameters import integer_axis

__all__ = ["softmax", "log_softmax", "sparsemax", "softmin", "logsumexp"]


def _same_shape(name: str):
    """The output shape of ``name``, which keeps its input's shape, with the axis checked as
    ``name`` checks it (see `declare`'s ``output_shape``)."""

    def shape(input_shape: tuple[int, ...], axis: int = -1) -> tuple[int, ...]:
        check_axis(axis, input_shape, name, nonempty=True)
        return input_shape

    return shape


def _reduced_shape(input_shape: tuple[int, ...], axis: int = -1) -> tuple[int, ...]:
    """logsumexp's output shape: the axis reduced to length 1."""
    axis = check_axis(axis, input_shape, "logsumexp", nonempty=True)
    return input_shape[:axis] + (1,) + input_shape[axis + 1 :]


def _shifted(x: np.ndarray, axis: int, name: str) -> np.ndarray:
    """x - max(x) along ``axis``, each slice's maximum becoming 0, with the limits at infinity.

    Where the maximum is +inf, the infinite entries become 0 and the others -inf: the limit of
    x - max(x) as those entries grow together (so [inf, inf] shares the mass equally, as
    [t, t] does for every t). Where every entry is -inf, all become 0 (uniform, the same
    limit). A slice holding NaN stays NaN. An overflow in the subtraction is a difference below
    -max float, whose exponential is 0 either way, so it is ignored. ``name`` is the function
    named in the error for an axis out of range or of length 0.
    """
    check_axis(axis, x.shape, name, nonempty=True)  # every path of this chapter starts here
    top = np.max(x, axis=axis, keepdims=True)
    infinite = np.isinf(top)
    if not infinite.any():
        return call_ignoring(OVERFLOW, np.subtract, x, top)
    z = call_ignoring(OVERFLOW, np.subtract, x, np.where(infinite, 0, top))
    limit = np.where(x == top, 0, -INF).astype(x.dtype, copy=False)
    return np.where(infinite, limit, z)


# The three functions below run their passes over blocks of whole slices of about _BLOCK
# elements, when ``axis`` is the last one of C-contiguous arrays: a block stays in the core's
# cache from one pass to the next, where the whole array would go through memory every pass.
# Each slice is computed by the same operations in the same order either way, so a value gives
# the same bits whatever the size of the array around it.
_BLOCK = 65536
# Inside the blocks the maximum is subtracted before anyone looks at it: an infinite maximum
# makes inf - inf (invalid, NaN), and those slices are computed again by their limits at the end
_QUIET = OVERFLOW | {"invalid"}


def _by_blocks(kernel, x: np.ndarray, axis: int, name: str, *inputs: np.ndarray,
               scratch: int = 0, layout_of_x: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """``kernel(axis, top, out, *buffers, x, *inputs)`` over blocks of whole slices along
    ``axis``; returns ``out`` and ``top``, the kernel's maximum (or minimum) of each slice with
    the axis kept. ``buffers`` are ``scratch`` work arrays of the block's shape. Other layouts
    or axes run as one block, ``out`` in the layout of ``x`` if ``layout_of_x`` or the inputs
    share it, else C-ordered (as NumPy orders a product of differently laid out arrays)."""
    axis = check_axis(axis, x.shape, name, nonempty=True)
    n = x.shape[axis]
    last = axis == x.ndim - 1 and x.flags.c_contiguous and \
        all(a.flags.c_contiguous for a in inputs)
    if last or layout_of_x or all(a.strides == x.strides for a in inputs):
        out = np.empty_like(x)  # the layout decides the order of the sums
    else:
        out = np.empty(x.shape, x.dtype)
    if not last or x.size <= 2 * _BLOCK:  # one block
        top = np.empty(x.shape[:axis] + (1,) + x.shape[axis + 1 :], x.dtype)
        buffers = [np.empty_like(x) for _ in range(scratch)]
        call_ignoring(_QUIET, kernel, axis, top, out, *buffers, x, *inputs)
        return out, top
    rows = x.size // n
    step = max(1, _BLOCK // n)
    top = np.empty((rows, 1), x.dtype)
    buffers = [np.empty((min(step, rows), n), x.dtype) for _ in range(scratch)]
    arrays = [a.reshape(rows, n) for a in (out, x, *inputs)]

    def run() -> None:
        for start in range(0, rows, step):
            block = slice(start, start + step)
            k = min(step, rows - start)
            kernel(1, top[block], *[a[block] for a in arrays[:1]], *[b[:k] for b in buffers],
                   *[a[block] for a in arrays[1:]])

    call_ignoring(_QUIET, run)
    return out, top.reshape(x.shape[:-1] + (1,))


def _softmax_kernel(axis: int, top: np.ndarray, out: np.ndarray, x: np.ndarray) -> None:
    """softmax(x) into ``out``, its maximum into ``top``."""
    np.maximum.reduce(x, axis=axis, keepdims=True, out=top)
    np.subtract(x, top, out=out)
    np.exp(out, out=out)
    np.divide(out, np.add.reduce(out, axis=axis, keepdims=True), out=out)


def _softmin_kernel(axis: int, top: np.ndarray, out: np.ndarray, x: np.ndarray) -> None:
    """softmin(x) = softmax(-x) into ``out``, min(x) = -max(-x) into ``top``: min(x) - x is
    exactly -x - max(-x), without the negation's pass."""
    np.minimum.reduce(x, axis=axis, keepdims=True, out=top)
    np.subtract(top, x, out=out)
    np.exp(out, out=out)
    np.divide(out, np.add.reduce(out, axis=axis, keepdims=True), out=out)


def _softmax_backward_kernel(axis, top, out, s, x, g) -> None:
    _softmax_kernel(axis, top, s, x)
    np.multiply(g, s, out=out)  # one buffer: g * s, then (g - <g, s>) * s in place
    np.subtract(g, np.add.reduce(out, axis=axis, keepdims=True), out=out)
    out *= s


def _softmax_backward(x: np.ndarray, g: np.ndarray, axis: int = -1) -> np.ndarray:
    out, top = _by_blocks(_softmax_backward_kernel, x, axis, "softmax", g, scratch=1)
    if np.isinf(top).any():
        out = _softmax_backward_limit(x, g, axis)
    return out


def _softmax_backward_limit(x: np.ndarray, g: np.ndarray, axis: int) -> np.ndarray:
    """The backward pass where some slice has an infinite maximum: at the limits."""
    s = _softmax_limit(x, axis, "softmax")
    out = np.multiply(g, s)
    dot = np.add.reduce(out, axis=axis, keepdims=True)
    np.subtract(g, dot, out=out)
    out *= s
    return out


def _softmax(x: np.ndarray, axis: int, name: str) -> np.ndarray:
    out, top = _by_blocks(_softmax_kernel, x, axis, name)
    if np.isinf(top).any():
        out = _softmax_limit(x, axis, name)
    return out


def _softmax_limit(x: np.ndarray, axis: int, name: str) -> np.ndarray:
    """softmax(x) by `_shifted`, which takes the limits of slices with an infinite maximum."""
    e = _shifted(x, axis, name)
    np.exp(e, out=e)
    e /= np.sum(e, axis=axis, keepdims=True)
    return e


@declare(
    title="Softmax",
    spellings={"dim": "axis"},  # PyTorch's name of the axis
    latex=r"\operatorname{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}",
    derivative_latex=r"\frac{\partial s_i}{\partial x_j} = s_i\,(\delta_{ij} - s_j)",
    backward=_softmax_backward,
    checks={"axis": integer_axis},
    output_shape=_same_shape("softmax"),
    facts=Facts((0.0, 1.0), monotonic=False, zero_centered=False, continuity=INF, year=1990,
                reference="Bridle, Probabilistic interpretation of feedforward classification "
                          "network outputs, 1990"),
    reference_names={"pytorch": "torch.nn.functional.softmax",
                     "keras": "keras.activations.softmax", "jax": "jax.nn.softmax"},
    family="normalising",
    example="""
        >>> import activations
        >>> logits = [[1.0, 2.0, 3.0], [1000.0, 1000.0, -1000.0]]
        >>> activations.softmax(logits)  # each row sums to 1
        array([[0.09003057, 0.24472847, 0.66524096],
               [0.5       , 0.5       , 0.        ]])
        >>> activations.softmax([float("inf"), 0.0])  # the limit
        array([1., 0.])
    """,
)  # fmt: skip
def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Softmax: turns a vector of scores (logits) into probabilities that sum to 1.

    $$
    \operatorname{softmax}(x)_i = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}}, \quad m = \max_j x_j
    $$

    Subtracting the maximum changes nothing mathematically and keeps every exponential in
    $(0, 1]$, so logits of $10^{4}$ do not overflow. Not elementwise: use ``backward`` for
    gradients, $\nabla_x = s \odot (g - \langle g, s\rangle)$.

    Infinite logits give the limits: an entry of $+\infty$ takes all the mass
    (``softmax([inf, 0]) = [1, 0]``), several share it equally (``[inf, inf]`` gives
    ``[0.5, 0.5]``, the limit along the diagonal, as ``[t, t]`` for every $t$), and a slice of
    $-\infty$ only is uniform; the backward pass is the Jacobian at that limit. A NaN makes its
    slice NaN.

    Parameters
    ----------
    x : array_like
        Input.
    axis : int
        The axis that sums to 1.

    Examples
    --------
    >>> import activations
    >>> activations.softmax([1000.0, 1000.0])
    array([0.5, 0.5])
    """
    return _softmax(x, axis, "softmax")


def _log_softmax_kernel(axis, top, out, e, x) -> None:
    """log_softmax(x) into ``out``, its maximum into ``top``; ``e`` is work space."""
    np.maximum.reduce(x, axis=axis, keepdims=True, out=top)
    np.subtract(x, top, out=out)
    np.exp(out, out=e)
    out -= np.log(np.add.reduce(e, axis=axis, keepdims=True))


def _log_softmax_backward_kernel(axis, top, out, x, g) -> None:
    _softmax_kernel(axis, top, out, x)
    out *= np.add.reduce(g, axis=axis, keepdims=True)
    np.subtract(g, out, out=out)


def _log_softmax_backward(x: np.ndarray, g: np.ndarray, axis: int = -1) -> np.ndarray:
    out, top = _by_blocks(_log_softmax_backward_kernel, x, axis, "log_softmax", g,
                          layout_of_x=True)
    if np.isinf(top).any():  # the limits
        out = _softmax_limit(x, axis, "log_softmax")
        out *= np.add.reduce(g, axis=axis, keepdims=True)
        np.subtract(g, out, out=out)
    return out


@declare(
    title="Log-softmax",
    spellings={"dim": "axis"},  # PyTorch's name of the axis
    latex=r"x_i - \log\sum_j e^{x_j}",
    derivative_latex=r"\frac{\partial y_i}{\partial x_j} = \delta_{ij} - "
                     r"\operatorname{softmax}(x)_j",
    backward=_log_softmax_backward,
    checks={"axis": integer_axis},
    output_shape=_same_shape("log_softmax"),
    facts=Facts((-INF, 0.0), monotonic=False, zero_centered=False, continuity=INF, year=1990,
                reference="Bridle, 1990; the log-sum-exp form is standard"),
    reference_names={"pytorch": "torch.nn.functional.log_softmax",
                     "keras": "keras.activations.log_softmax", "jax": "jax.nn.log_softmax"},
    family="normalising",
    example="""
        >>> import activations
        >>> activations.log_softmax([[0.0, 1000.0], [1.0, 2.0]])  # finite where softmax rounds to 0
        array([[-1.00000000e+03,  0.00000000e+00],
               [-1.31326169e+00, -3.13261688e-01]])
    """,
)  # fmt: skip
def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Log of the softmax, by log-sum-exp: finite wherever the softmax would round to 0.

    $$
    \operatorname{log\_softmax}(x)_i = (x_i - m) - \log \sum_j e^{x_j - m}, \quad m = \max_j x_j
    $$

    At infinite logits it is the log of softmax's limits: ``[inf, 0]`` gives ``[0, -inf]`` and
    ``[inf, inf]`` gives $-\log 2$ twice. A NaN makes its slice NaN.

    Parameters
    ----------
    x : array_like
        Input.
    axis : int
        The axis to normalise over.

    Examples
    --------
    >>> import activations
    >>> activations.log_softmax([0.0, 1000.0])
    array([-1000.,     0.])
    """
    out, top = _by_blocks(_log_softmax_kernel, x, axis, "log_softmax", scratch=1)
    if np.isinf(top).any():  # the limits
        out = _shifted(x, axis, "log_softmax")
        out -= np.log(np.sum(np.exp(out), axis=axis, keepdims=True))
    return out


def _support(zs: np.ndarray, k: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative sums of the sorted scores, and whether each of the k largest is in the
    support: 1 + k z_(k) > sum of the k largest."""
    cums = np.cumsum(zs, axis=-1)
    return cums, 1 + k * zs > cums


def _sparsemax_support(x: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Return tau and the support size k along ``axis`` (moved to the end)."""
    z = np.moveaxis(_shifted(x, axis, "sparsemax"), axis, -1)
    zs = -np.sort(-z, axis=-1)
    k = np.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    # z <= 0 (or NaN): sums of -inf stay -inf, and only a sum or a multiple below -max float
    # overflows, to -inf, which is out of the support either way
    cums, in_support = call_ignoring(OVERFLOW, _support, zs, k)
    size = np.sum(in_support, axis=-1, keepdims=True)
    size = np.maximum(size, 1)
    tau = (np.take_along_axis(cums, size - 1, axis=-1) - 1) / size.astype(z.dtype)
    return z, tau


def _sparsemax_backward(x: np.ndarray, g: np.ndarray, axis: int = -1) -> np.ndarray:
    z, tau = _sparsemax_support(x, axis)
    mask = z > tau
    gm = np.moveaxis(g, axis, -1)
    size = np.maximum(np.sum(mask, axis=-1, keepdims=True), 1)  # 0 only for a NaN row
    mean = np.sum(gm * mask, axis=-1, keepdims=True) / size
    out = np.where(mask, gm - mean, 0).astype(x.dtype, copy=False)
    out = keep_nan(z, out)
    return np.moveaxis(out, -1, axis)


@declare(
    title="Sparsemax",
    latex=r"\operatorname*{arg\,min}_{p \in \Delta} \lVert p - x \rVert^2 = \max(x - \tau, 0)",
    derivative_latex=r"\frac{\partial p_i}{\partial x_j} = \delta_{ij} - \frac{1}{|S|} "
                     r"\quad (i, j \in S = \{i : p_i > 0\})",
    backward=_sparsemax_backward,
    checks={"axis": integer_axis},
    output_shape=_same_shape("sparsemax"),
    facts=Facts((0.0, 1.0), monotonic=False, zero_centered=False, continuity=0, year=2016,
                reference="Martins & Astudillo, From softmax to sparsemax, 2016"),
    reference_names={"keras": "keras.activations.sparsemax"},
    family="normalising",
    example="""
        >>> import activations
        >>> activations.sparsemax([0.0, 0.5, 3.0])  # exact zeros
        array([0., 0., 1.])
        >>> activations.sparsemax([0.0, 0.5])
        array([0.25, 0.75])
    """,
)  # fmt: skip
def sparsemax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Sparsemax: the Euclidean projection onto the probability simplex; unlike softmax, it
    gives exact zeros.

    $$
    \operatorname{sparsemax}(x)_i = \max(x_i - \tau, 0), \quad
    \tau \text{ such that } \textstyle\sum_i \max(x_i - \tau, 0) = 1
    $$

    Infinite scores give the same limits as softmax: ``[inf, 0]`` gives ``[1, 0]``,
    ``[inf, inf]`` gives ``[0.5, 0.5]``, a slice of $-\infty$ only is uniform. A NaN makes its
    slice NaN.

    Parameters
    ----------
    x : array_like
        Input.
    axis : int
        The axis that sums to 1.

    Examples
    --------
    >>> import activations
    >>> activations.sparsemax([0.0, 0.5, 3.0])
    array([0., 0., 1.])
    >>> activations.sparsemax([0.0, 0.5])
    array([0.25, 0.75])
    """
    z, tau = _sparsemax_support(x, axis)
    out = z - tau
    np.maximum(out, 0, out=out)
    return np.moveaxis(out, -1, axis)


def _softmin_backward_kernel(axis, top, out, s, x, g) -> None:
    _softmin_kernel(axis, top, s, x)
    np.multiply(g, s, out=out)  # one buffer: g * s, then (<g, s> - g) * s in place
    np.subtract(np.add.reduce(out, axis=axis, keepdims=True), g, out=out)
    out *= s


def _softmin_backward(x: np.ndarray, g: np.ndarray, axis: int = -1) -> np.ndarray:
    out, top = _by_blocks(_softmin_backward_kernel, x, axis, "softmin", g, scratch=1)
    if np.isinf(top).any():  # the limits
        s = _softmax_limit(-x, axis, "softmin")
        out = np.multiply(g, s)
        np.subtract(np.add.reduce(out, axis=axis, keepdims=True), g, out=out)
        out *= s
    return out


@declare(
    title="Softmin",
    spellings={"dim": "axis"},  # PyTorch's name of the axis
    latex=r"\operatorname{softmin}(x)_i = \frac{e^{-x_i}}{\sum_j e^{-x_j}}",
    derivative_latex=r"\frac{\partial s_i}{\partial x_j} = -s_i\,(\delta_{ij} - s_j)",
    backward=_softmin_backward,
    checks={"axis": integer_axis},
    output_shape=_same_shape("softmin"),
    facts=Facts((0.0, 1.0), monotonic=False, zero_centered=False, continuity=INF),
    reference_names={"pytorch": "torch.nn.functional.softmin"},
    family="normalising",
    example="""
        >>> import activations
        >>> costs = [[1.0, 2.0, 3.0]]
        >>> activations.softmin(costs)
        array([[0.66524096, 0.24472847, 0.09003057]])
    """,
)  # fmt: skip
def softmin(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Softmin: the softmax of $-x$, probabilities that favour the smallest entries.

    $$
    \operatorname{softmin}(x) = \operatorname{softmax}(-x)
    $$

    Parameters
    ----------
    x : array_like
        Input.
    axis : int
        The axis that sums to 1.

    Examples
    --------
    >>> import activations
    >>> activations.softmin([0.0, 1000.0])
    array([1., 0.])
    """
    out, top = _by_blocks(_softmin_kernel, x, axis, "softmin")
    if np.isinf(top).any():  # the limits
        out = _softmax_limit(-x, axis, "softmin")
    return out


def _logsumexp_backward(x: np.ndarray, g: np.ndarray, axis: int = -1) -> np.ndarray:
    s = _softmax(x, axis, "logsumexp")
    s *= g
    return s


@declare(
    title="Log-sum-exp",
    spellings={"dim": "axis"},  # PyTorch's name of the axis
    latex=r"\log \sum_j e^{x_j}",
    derivative_latex=r"\frac{\partial y}{\partial x_j} = \operatorname{softmax}(x)_j",
    backward=_logsumexp_backward,
    checks={"axis": integer_axis},
    output_shape=_reduced_shape,
    facts=Facts((-INF, INF), monotonic=True, zero_centered=False, continuity=INF),
    reference_names={"pytorch": "torch.logsumexp", "keras": "keras.ops.logsumexp",
                     "jax": "jax.nn.logsumexp"},
    family="normalising",
    example="""
        >>> import activations
        >>> x = [[1.0, 2.0, 3.0], [1000.0, 1000.0, -1000.0]]
        >>> activations.logsumexp(x)
        array([[   3.40760596],
               [1000.69314718]])
    """,
)  # fmt: skip
def logsumexp(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Log-sum-exp: a smooth maximum of each slice along ``axis``.

    $$
    \operatorname{logsumexp}(x) = m + \log \sum_j e^{x_j - m}, \quad m = \max_j x_j
    $$

    It lies between $\max_j x_j$ and $\max_j x_j + \log n$; its gradient is the softmax.
    Shifted by the maximum, it never overflows below the largest float. The output keeps the
    reduced axis, with size 1 (PyTorch's ``keepdim=True``), as GLU and maxout keep theirs.

    Parameters
    ----------
    x : array_like
        Input.
    axis : int
        The axis reduced to size 1.

    Examples
    --------
    >>> import activations
    >>> activations.logsumexp([1000.0, 1000.0])
    array([1000.69314718])
    """
    z = _shifted(x, axis, "logsumexp")
    np.exp(z, out=z)
    total = np.log(np.sum(z, axis=axis, keepdims=True))
    top = np.max(x, axis=axis, keepdims=True)
    return call_ignoring(OVERFLOW, np.add, top, total)


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
