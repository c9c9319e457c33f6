r"""activations: every common neural-network activation function, with its exact derivative and
its facts, and a small NumPy engine to train networks with them.

Examples
--------
>>> import activations
>>> activations.relu([-1.0, 2.0])
array([0., 2.])
>>> activations.get("leaky_relu", negative_slope=0.1).derivative([-1.0, 2.0])
array([0.1, 1. ])
"""

from activations import functions
from activations._core import Activation, Facts, get, names, registry
from activations.functions import *  # noqa: F403  (the catalog: one Activation per name)

__version__ = "0.1.0"

# Every alias is a module attribute too: activations.swish, activations.identity, ...
for _activation in registry.values():
    for _alias in _activation.aliases:
        globals()[_alias] = _activation
del _activation, _alias

__all__ = ["Activation", "Facts", "get", "names", "functions", *functions.__all__]

# --- engine exports ---
from activations import datasets, initializers, losses, optimizers  # noqa: E402
from activations.layers import Dense, Maxout  # noqa: E402
from activations.callbacks import Callback, History  # noqa: E402
from activations.model import Sequential  # noqa: E402
from activations.training import gradcheck  # noqa: E402

__all__ += [  # noqa: PLE0604
    "Callback", "Dense", "History", "Maxout", "Sequential", "datasets", "gradcheck",
    "initializers", "losses", "optimizers",
]
# --- end engine exports ---
