r"""Gated and pooled units: functions of several inputs at once.

A gated linear unit splits its input in two halves and lets one gate the other through a
sigmoid; maxout keeps the largest of each group of inputs, so that a dense layer followed by
maxout learns a convex piecewise-linear activation. Both change the size of the axis they act
on.
"""

from __future__ import annotations

import numpy as np

from activations._core import INF, Facts, declare
from activations._floating_point import OVERFLOW, call_ignoring
from activations._validation import check_axis
from activations.functions._kernels import logistic, logistic_grad
from activations.functions._parameters import (
    gelu_approximation,
    integer_axis,
    positive_integer,
)
from activations.functions.basic import linear
from activations.functions.relu_family import relu
from activations.functions.smooth_relu import gelu, silu

__all__ = ["glu", "maxout", "swiglu", "geglu", "reglu", "bilinear"]


def _halves(x: np.ndarray, axis: int, name: str = "glu") -> tuple[np.ndarray, np.ndarray]:
    _half_shape(x.shape, axis, name)
    return np.split(x, 2, axis=axis)


def _half_shape(shape: tuple[int, ...], axis: int = -1, name: str = "glu") -> tuple[int, ...]:
    """The output shape of a gated unit: ``shape`` with ``axis`` halved (it must be even)."""
    index = check_axis(axis, shape, name)
    size = shape[index]
    if size % 2:
        raise ValueError(f"{name}: the size of axis {axis} must be even, got {size}")
    return shape[:index] + (size // 2,) + shape[index + 1 :]


def _sigmoid_and_slope(b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sigma(b) and sigma'(b) of a float64 array with one exponential: with e = exp(-|b|) and
    d = 1 + e, sigma(|b|) = 1 / d, sigma(-|b|) = e / d and sigma'(b) = e / d^2 (as
    `logistic_grad`). sigma(b) is `logistic`'s 1 / (1 + e^-b) for b >= 0 and e^b / (1 + e^b)
    below, as accurate (within 2 ulp) and exact down to the subnormals by itself."""
    e = np.abs(b)
    np.negative(e, out=e)
    np.exp(e, out=e)
    d = e + 1
    e /= d  # sigma(-|b|)
    s = np.divide(1, d)  # sigma(|b|)
    np.copyto(s, e, where=b < 0)  # (NaN compares False and keeps the NaN of 1 / d)
    np.divide(e, d, out=d)
    return s, d


def _glu_backward(x: np.ndarray, g: np.ndarray, axis: int = -1) -> np.ndarray:
    a, b = _halves(x, axis)
    if b.dtype == np.float64:  # one exponential for both halves
        sigmoid, gate = _sigmoid_and_slope(b)
    else:  # float32: `logistic` in float64 blocks, its slope in float32
        sigmoid, gate = logistic(b), logistic_grad(b)
    sigmoid *= g  # the products in place, in contiguous buffers (faster than writing into
    # the halves of one output, measured), then one concatenation
    gate *= a  # |a sigma'(b)| <= |a| / 4: a product of g with it can only overflow if the
    # gradient itself is beyond the float range, and is inf then
    call_ignoring(OVERFLOW, np.multiply, gate, g, out=gate)
    return np.concatenate([sigmoid, gate], axis=axis)


@declare(
    title="GLU",
    spellings={"dim": "axis"},  # PyTorch's name of the axis
    latex=r"a \odot \sigma(b), \quad [a, b] = x",
    derivative_latex=r"\frac{\partial}{\partial a} = \sigma(b), \quad "
                     r"\frac{\partial}{\partial b} = a\,\sigma(b)\bigl(1 - \sigma(b)\bigr)",
    backward=_glu_backward,
    output_shape=_half_shape,
    checks={"axis": integer_axis},
    facts=Facts((-INF, INF), monotonic=False, zero_centered=False, continuity=INF, year=2016,
                reference="Dauphin, Fan, Auli & Grangier, Language modeling with gated "
                          "convolutional networks, 2016"),
    reference_names={"pytorch": "torch.nn.functional.glu", "keras": "keras.activations.glu",
                     "jax": "jax.nn.glu"},
    family="gated",
    example="""
        >>> import activations
        >>> x = [[2.0, 4.0, 0.0, 1000.0]]  # halves a = [2, 4] and b = [0, 1000]
        >>> activations.glu(x)  # a * sigmoid(b)
        array([[1., 4.]])
    """,
)  # fmt: skip
def glu(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Gated linear unit: splits the input in halves $a, b$ and lets $b$ gate $a$.

    $$
    \operatorname{glu}(x) = a \odot \sigma(b), \qquad x = [a, b] \text{ along } \texttt{axis}
    $$

    The output has half the size of ``x`` along ``axis``.

    Parameters
    ----------
    x : array_like
        Input whose size along ``axis`` is even.
    axis : int
        The axis to split.

    Raises
    ------
    ValueError
        If the size along ``axis`` is odd.

    Examples
    --------
    >>> import activations
    >>> activations.glu([2.0, 4.0, 0.0, 1000.0])
    array([1., 4.])
    """
    a, b = _halves(x, axis)
    out = logistic(b)
    out *= a
    return out


def _pieces(x: np.ndarray, pieces: int, axis: int) -> np.ndarray:
    """View x with ``axis`` (moved last) split into (units, pieces)."""
    _maxout_shape(x.shape, pieces, axis)
    z = np.moveaxis(x, axis, -1)
    return z.reshape(*z.shape[:-1], z.shape[-1] // pieces, pieces)


def _maxout_shape(shape: tuple[int, ...], pieces: int = 2, axis: int = -1) -> tuple[int, ...]:
    """maxout's output shape: ``axis`` divided by ``pieces`` (it must be a multiple)."""
    index = check_axis(axis, shape, "maxout")
    size = shape[index]
    if size % pieces:
        raise ValueError(
            f"maxout: the size of axis {axis} ({size}) must be a multiple of pieces={pieces}"
        )
    return shape[:index] + (size // pieces,) + shape[index + 1 :]


def _maxout_backward(x: np.ndarray, g: np.ndarray, pieces: int = 2, axis: int = -1) -> np.ndarray:
    z = _pieces(x, pieces, axis)
    winner = np.argmax(z, axis=-1)[..., None]
    out = np.zeros_like(z)
    np.put_along_axis(out, winner, np.moveaxis(g, axis, -1)[..., None], axis=-1)
    out = out.reshape(*out.shape[:-2], -1)
    return np.moveaxis(out, -1, axis)


@declare(
    title="Maxout",
    latex=r"\max_{k \le K} x_{(i-1)K + k}",
    derivative_latex=r"\frac{\partial y_i}{\partial x_j} = \begin{cases} 1 & j = "
                     r"\operatorname*{arg\,max} \\ 0 & \text{otherwise} \end{cases}",
    backward=_maxout_backward,
    output_shape=_maxout_shape,
    checks={"pieces": positive_integer, "axis": integer_axis},
    facts=lambda pieces=2, axis=-1: Facts(
        (-INF, INF), monotonic=True,
        zero_centered=pieces == 1,  # E[max of K standard normals] > 0 for K >= 2
        continuity=INF if pieces == 1 else 0,  # one piece is the identity
        year=2013,
        reference="Goodfellow, Warde-Farley, Mirza, Courville & Bengio, Maxout networks, 2013"),
    family="gated",
    example="""
        >>> import activations
        >>> x = [1.0, 3.0, -2.0, -5.0, 0.5, 0.0]
        >>> activations.maxout(x)  # the larger of each pair
        array([ 3. , -2. ,  0.5])
        >>> activations.maxout(x, pieces=3)
        array([3. , 0.5])
    """,
)  # fmt: skip
def maxout(x: np.ndarray, pieces: int = 2, axis: int = -1) -> np.ndarray:
    r"""Maxout: the maximum over consecutive groups of ``pieces`` inputs.

    $$
    \operatorname{maxout}(x)_i = \max_{k = 1}^{K} x_{(i-1)K + k}
    $$

    After a dense layer with $K$ outputs per unit, each unit is the maximum of $K$ linear
    functions: a learned convex piecewise-linear activation. The gradient goes to the first
    maximal piece. See [`Maxout`][activations.Maxout] for the layer.

    Parameters
    ----------
    x : array_like
        Input whose size along ``axis`` is a multiple of ``pieces``.
    pieces : int
        Group size $K \ge 1$; $K = 1$ is the identity.
    axis : int
        The axis to group.

    Raises
    ------
    ValueError
        If the size along ``axis`` is not a multiple of ``pieces``.

    Examples
    --------
    >>> import activations
    >>> activations.maxout([1.0, 3.0, -2.0, -5.0])
    array([ 3., -2.])
    """
    z = _pieces(x, pieces, axis)
    out = z[..., 0].copy()
    for k in range(1, pieces):  # a loop over the few pieces beats a reduction over a short axis
        np.maximum(out, z[..., k], out=out)
    return np.moveaxis(out, -1, axis)


_GATED_REFERENCE = "Shazeer, GLU variants improve transformer, 2020"


def _gated_backward(x: np.ndarray, g: np.ndarray, gate, gate_grad, axis: int, name: str):
    """d/da = g * gate(b), d/db = g * a * gate'(b), for y = a * gate(b)."""
    a, b = _halves(x, axis, name)
    da = call_ignoring(OVERFLOW, np.multiply, g, gate(b))
    db = call_ignoring(OVERFLOW, np.multiply, a, gate_grad(b))
    db = call_ignoring(OVERFLOW, np.multiply, g, db)
    return np.concatenate([da, db], axis=axis)


def _gated(x: np.ndarray, gate, axis: int, name: str) -> np.ndarray:
    a, b = _halves(x, axis, name)
    return call_ignoring(OVERFLOW, np.multiply, a, gate(b))



def _gated_facts(continuity: float):
    return Facts((-INF, INF), monotonic=False, zero_centered=False, continuity=continuity,
                 year=2020, reference=_GATED_REFERENCE)


@declare(
    title="SwiGLU",
    spellings={"dim": "axis"},  # PyTorch's name of the axis
    latex=r"a \odot \operatorname{silu}(b), \quad [a, b] = x",
    derivative_latex=r"\frac{\partial}{\partial a} = \operatorname{silu}(b), \quad "
                     r"\frac{\partial}{\partial b} = a\,\operatorname{silu}'(b)",
    backward=lambda x, g, axis=-1: _gated_backward(x, g, silu._forward, silu._derivative, axis,
                                                   "swiglu"),
    output_shape=lambda shape, axis=-1: _half_shape(shape, axis, "swiglu"),
    checks={"axis": integer_axis},
    facts=_gated_facts(INF),
    family="gated",
    example="""
        >>> import activations
        >>> x = [[2.0, -1.0, 1.0, 3.0]]  # halves a = [2, -1] and b = [1, 3]
        >>> activations.swiglu(x)  # a * silu(b)
        array([[ 1.46211716, -2.85772238]])
    """,
)  # fmt: skip
def swiglu(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""SwiGLU: a gated linear unit whose gate is SiLU (Swish) instead of the sigmoid.

    $$
    \operatorname{swiglu}(x) = a \odot \operatorname{silu}(b), \qquad x = [a, b]
    \text{ along } \texttt{axis}
    $$

    The feed-forward activation of PaLM and LLaMA. As in [`glu`][activations.functions.glu],
    the second half gates the first, and the output has half the size of ``x`` along
    ``axis``. (Shazeer writes the gate on the first projection, $\operatorname{Swish}(xW)
    \otimes xV$; which half is which is a naming of the two projections.)

    Parameters
    ----------
    x : array_like
        Input whose size along ``axis`` is even.
    axis : int
        The axis to split.

    Raises
    ------
    ValueError
        If the size along ``axis`` is odd.

    Examples
    --------
    >>> import activations
    >>> activations.swiglu([2.0, 0.0])
    array([0.])
    """
    return _gated(x, silu._forward, axis, "swiglu")


_GELU_TANH = gelu.with_params(approximate="tanh")


def _gelu_gate(approximate: str):
    return _GELU_TANH if approximate == "tanh" else gelu


@declare(
    title="GEGLU",
    spellings={"dim": "axis"},  # PyTorch's name of the axis
    latex=r"a \odot \operatorname{gelu}(b), \quad [a, b] = x",
    derivative_latex=r"\frac{\partial}{\partial a} = \operatorname{gelu}(b), \quad "
                     r"\frac{\partial}{\partial b} = a\,\operatorname{gelu}'(b)",
    backward=lambda x, g, approximate="none", axis=-1: _gated_backward(
        x, g, _gelu_gate(approximate)._forward, _gelu_gate(approximate)._derivative, axis,
        "geglu"),
    output_shape=lambda shape, approximate="none", axis=-1: _half_shape(shape, axis, "geglu"),
    checks={"approximate": gelu_approximation,
            "axis": integer_axis},
    facts=lambda approximate="none", axis=-1: _gated_facts(INF),
    family="gated",
    example="""
        >>> import activations
        >>> x = [[2.0, -1.0, 1.0, 3.0]]
        >>> activations.geglu(x)
        array([[ 1.68268949, -2.99595031]])
        >>> activations.geglu(x, approximate='tanh')
        array([[ 1.68238398, -2.99636261]])
    """,
)  # fmt: skip
def geglu(x: np.ndarray, approximate: str = "none", axis: int = -1) -> np.ndarray:
    r"""GEGLU: a gated linear unit whose gate is GELU.

    $$
    \operatorname{geglu}(x) = a \odot \operatorname{gelu}(b), \qquad x = [a, b]
    \text{ along } \texttt{axis}
    $$

    Parameters
    ----------
    x : array_like
        Input whose size along ``axis`` is even.
    approximate : {'none', 'tanh'}
        The GELU of the gate: exact, or its tanh approximation (see
        [`gelu`][activations.functions.gelu]).
    axis : int
        The axis to split.

    Raises
    ------
    ValueError
        If the size along ``axis`` is odd.

    Examples
    --------
    >>> import activations
    >>> activations.geglu([2.0, 0.0])
    array([0.])
    """
    return _gated(x, _gelu_gate(approximate)._forward, axis, "geglu")


@declare(
    title="ReGLU",
    spellings={"dim": "axis"},  # PyTorch's name of the axis
    latex=r"a \odot \max(0, b), \quad [a, b] = x",
    derivative_latex=r"\frac{\partial}{\partial a} = \max(0, b), \quad "
                     r"\frac{\partial}{\partial b} = a\,[b > 0]",
    backward=lambda x, g, axis=-1: _gated_backward(x, g, relu._forward, relu._derivative, axis,
                                                   "reglu"),
    output_shape=lambda shape, axis=-1: _half_shape(shape, axis, "reglu"),
    checks={"axis": integer_axis},
    facts=_gated_facts(0),
    family="gated",
    example="""
        >>> import activations
        >>> x = [[2.0, -1.0, 1.0, 3.0]]  # halves a = [2, -1] and b = [1, 3]
        >>> activations.reglu(x)  # a * relu(b)
        array([[ 2., -3.]])
    """,
)  # fmt: skip
def reglu(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""ReGLU: a gated linear unit whose gate is the ReLU.

    $$
    \operatorname{reglu}(x) = a \odot \max(0, b), \qquad x = [a, b]
    \text{ along } \texttt{axis}
    $$

    The derivative with respect to $b$ at $b = 0$ is taken as 0, as ReLU's.

    Parameters
    ----------
    x : array_like
        Input whose size along ``axis`` is even.
    axis : int
        The axis to split.

    Raises
    ------
    ValueError
        If the size along ``axis`` is odd.

    Examples
    --------
    >>> import activations
    >>> activations.reglu([2.0, 3.0])
    array([6.])
    """
    return _gated(x, relu._forward, axis, "reglu")


@declare(
    title="Bilinear",
    spellings={"dim": "axis"},  # PyTorch's name of the axis
    latex=r"a \odot b, \quad [a, b] = x",
    derivative_latex=r"\frac{\partial}{\partial a} = b, \quad \frac{\partial}{\partial b} = a",
    backward=lambda x, g, axis=-1: _gated_backward(x, g, linear._forward, linear._derivative,
                                                   axis, "bilinear"),
    output_shape=lambda shape, axis=-1: _half_shape(shape, axis, "bilinear"),
    checks={"axis": integer_axis},
    facts=_gated_facts(INF),
    family="gated",
    example="""
        >>> import activations
        >>> x = [[2.0, -1.0, 1.0, 3.0]]  # halves a = [2, -1] and b = [1, 3]
        >>> activations.bilinear(x)  # a * b
        array([[ 2., -3.]])
    """,
)  # fmt: skip
def bilinear(x: np.ndarray, axis: int = -1) -> np.ndarray:
    r"""Bilinear unit: a gated linear unit without a gate function, the product of the halves.

    $$
    \operatorname{bilinear}(x) = a \odot b, \qquad x = [a, b] \text{ along } \texttt{axis}
    $$

    Parameters
    ----------
    x : array_like
        Input whose size along ``axis`` is even.
    axis : int
        The axis to split.

    Raises
    ------
    ValueError
        If the size along ``axis`` is odd.

    Examples
    --------
    >>> import activations
    >>> activations.bilinear([2.0, 3.0])
    array([6.])
    """
    return _gated(x, linear._forward, axis, "bilinear")


# The docstrings above belong to Activation objects, which doctest does not collect by itself.
__test__ = {name: globals()[name].__doc__ for name in __all__}
