r"""The catalog: every activation function, declared once, in chapters.

Each function is a plain NumPy function of ``x`` and keyword parameters; the decorator
[`declare`][activations._core.declare] attaches its exact derivative (or, for vector-valued
functions, its vector-Jacobian product), its LaTeX, its facts and its names in other libraries,
and registers it. The module attribute of the same name is then an
[`Activation`][activations.Activation]: call it, take its ``derivative`` or its ``backward``.

The chapters, in the order a course would take them (each is a module of this package, and
each function's ``family`` names its chapter):

| module | family | functions |
| --- | --- | --- |
| `basic` | ``"basic"`` | step, linear, exponential |
| `sigmoid_tanh` | ``"sigmoid"`` | sigmoid, hard_sigmoid, log_sigmoid, tanh, hard_tanh, softsign |
| `relu_family` | ``"relu"`` | relu, relu6, leaky_relu, prelu, thresholded_relu |
| `exponential_linear` | ``"exponential_linear"`` | elu, selu, celu |
| `smooth_relu` | ``"smooth"`` | gelu, silu, hard_swish, mish, softplus, squareplus |
| `shrinkage` | ``"shrinkage"`` | hard_shrink, soft_shrink, tanh_shrink |
| `normalising` | ``"normalising"`` | softmax, log_softmax, sparsemax |
| `gated` | ``"gated"`` | glu, maxout |

Conventions:

* Input: scalars, lists or arrays; integers and booleans become float64; float16, float32 and
  float64 are kept (float16 is computed in float32 and rounded once).
* At a kink the derivative takes one side's value, stated in each docstring; most follow
  PyTorch: $\operatorname{relu}'(0) = 0$, $\operatorname{step}'(x) = 0$.
* No formula overflows for finite input: the sigmoid is SciPy's ``expit`` and its derivative
  uses $e^{-|x|}$, softplus uses $\max(x, 0) + \log(1 + e^{-|x|})$, softmax is shifted by its
  maximum, squareplus never squares $x$. NaN propagates; $\pm\infty$ give the mathematical
  limits (softmax's too: ``softmax([inf, 0]) = [1, 0]``).
* One input value gives one result, whatever the size of the array it sits in.
* Underflow is not an error: results below the smallest normal float are subnormal or 0, the
  nearest floats to the truth, and no ``np.errstate`` setting makes them raise.
"""

from __future__ import annotations

from activations._core import INF, Facts, declare  # noqa: F401  (importable from here, as before)
from activations._validation import (  # noqa: F401
    check_choice,
    check_float,
    check_float_or_array,
    check_int,
)
from activations.functions._parameters import (  # noqa: F401
    finite_number,
    integer_axis,
    nonnegative,
    positive,
    positive_integer,
    slope_array,
    threshold_number,
)

# The chapters, imported (and so registered) in the order of the table above.
from activations.functions.basic import exponential, linear, step  # isort: skip
from activations.functions.sigmoid_tanh import (  # isort: skip
    hard_sigmoid,
    hard_tanh,
    log_sigmoid,
    sigmoid,
    softsign,
    tanh,
)
from activations.functions.relu_family import (  # isort: skip
    leaky_relu,
    prelu,
    relu,
    relu6,
    thresholded_relu,
)
from activations.functions.exponential_linear import (  # isort: skip  # noqa: F401
    SELU_ALPHA,
    SELU_SCALE,
    celu,
    elu,
    selu,
)
from activations.functions.smooth_relu import (  # isort: skip
    gelu,
    hard_swish,
    mish,
    silu,
    softplus,
    squareplus,
)
from activations.functions.shrinkage import hard_shrink, soft_shrink, tanh_shrink  # isort: skip
from activations.functions.normalising import log_softmax, softmax, sparsemax  # isort: skip
from activations.functions.gated import glu, maxout  # isort: skip

__all__ = [
    "step", "linear", "sigmoid", "hard_sigmoid", "log_sigmoid", "tanh", "hard_tanh", "softsign",
    "relu", "relu6", "leaky_relu", "prelu", "thresholded_relu", "elu", "selu", "celu", "gelu",
    "silu", "hard_swish", "mish", "softplus", "squareplus", "hard_shrink", "soft_shrink",
    "tanh_shrink", "exponential", "softmax", "log_softmax", "sparsemax", "glu", "maxout",
]  # fmt: skip
