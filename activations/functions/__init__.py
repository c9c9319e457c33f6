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
| `basic` | ``"basic"`` | step, linear, exponential, gaussian, soft_exponential |
| `sigmoid_tanh` | ``"sigmoid"`` | sigmoid, hard_sigmoid, log_sigmoid, tanh, hard_tanh, softsign, sparse_sigmoid, arctan, isru, sqnl, penalized_tanh, lecun_tanh, bipolar_sigmoid, soft_clipping |
| `relu_family` | ``"relu"`` | relu, relu6, leaky_relu, prelu, thresholded_relu, squared_relu, threshold, rrelu, star_relu |
| `exponential_linear` | ``"exponential_linear"`` | elu, selu, celu, elish, hard_elish, isrlu |
| `smooth_relu` | ``"smooth"`` | gelu, silu, hard_swish, mish, softplus, squareplus, sparse_plus, bent_identity |
| `self_gated` | ``"self_gated"`` | smish, logish, tanhexp, serf, lisht |
| `shrinkage` | ``"shrinkage"`` | hard_shrink, soft_shrink, tanh_shrink |
| `normalising` | ``"normalising"`` | softmax, log_softmax, sparsemax, softmin, logsumexp |
| `gated` | ``"gated"`` | glu, maxout, swiglu, geglu, reglu, bilinear |
| `periodic` | ``"periodic"`` | sinusoid, sinc, snake |

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
from activations.functions.basic import (  # isort: skip
    exponential,
    gaussian,
    linear,
    soft_exponential,
    step,
)
from activations.functions.sigmoid_tanh import (  # isort: skip
    arctan,
    bipolar_sigmoid,
    hard_sigmoid,
    hard_tanh,
    isru,
    lecun_tanh,
    log_sigmoid,
    penalized_tanh,
    sigmoid,
    soft_clipping,
    softsign,
    sparse_sigmoid,
    sqnl,
    tanh,
)
from activations.functions.relu_family import (  # isort: skip
    leaky_relu,
    prelu,
    relu,
    relu6,
    rrelu,
    squared_relu,
    star_relu,
    threshold,
    thresholded_relu,
)
from activations.functions.exponential_linear import (  # isort: skip  # noqa: F401
    SELU_ALPHA,
    SELU_SCALE,
    celu,
    elish,
    elu,
    hard_elish,
    isrlu,
    selu,
)
from activations.functions.smooth_relu import (  # isort: skip
    bent_identity,
    gelu,
    hard_swish,
    mish,
    silu,
    softplus,
    sparse_plus,
    squareplus,
)
from activations.functions.self_gated import lisht, logish, serf, smish, tanhexp  # isort: skip
from activations.functions.shrinkage import hard_shrink, soft_shrink, tanh_shrink  # isort: skip
from activations.functions.normalising import (  # isort: skip
    log_softmax,
    logsumexp,
    softmax,
    softmin,
    sparsemax,
)
from activations.functions.gated import bilinear, geglu, glu, maxout, reglu, swiglu  # isort: skip
from activations.functions.periodic import sinc, sinusoid, snake  # isort: skip

__all__ = [
    "step", "linear", "sigmoid", "hard_sigmoid", "log_sigmoid", "tanh", "hard_tanh", "softsign",
    "relu", "relu6", "leaky_relu", "prelu", "thresholded_relu", "elu", "selu", "celu", "gelu",
    "silu", "hard_swish", "mish", "softplus", "squareplus", "hard_shrink", "soft_shrink",
    "tanh_shrink", "exponential", "softmax", "log_softmax", "sparsemax", "glu", "maxout",
    "gaussian", "sparse_sigmoid", "arctan", "isru", "sqnl", "penalized_tanh", "lecun_tanh",
    "squared_relu", "threshold", "rrelu", "star_relu", "elish", "hard_elish", "sparse_plus",
    "smish", "logish", "tanhexp", "serf", "bent_identity", "lisht", "softmin", "logsumexp",
    "swiglu", "geglu", "reglu", "bilinear", "sinusoid", "sinc", "snake", "isrlu",
    "soft_exponential", "soft_clipping", "bipolar_sigmoid",
]  # fmt: skip
