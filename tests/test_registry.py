"""One registry type behind all five named tables: the same lookup rules and the same message."""

import pytest

import activations
from activations import initializers, losses, optimizers

TABLES = [
    # get, a canonical name, another spelling of it, a misspelling, the suggestion
    (activations.get, "leaky_relu", "LeakyReLU", "leaky_rleu", "leaky_relu"),
    (losses.get, "binary_crossentropy", "Binary-Crossentropy", "binary_crosentropy",
     "binary_crossentropy"),
    (optimizers.get, "rmsprop", "RMSProp", "rmsporp", "rmsprop"),
    (initializers.get, "glorot_uniform", "GlorotUniform", "glorot_unifrom", "glorot_uniform"),
]


@pytest.mark.parametrize(("get", "name", "spelling", "typo", "hint"), TABLES)
def test_every_table_finds_other_spellings_and_suggests_the_same_way(get, name, spelling, typo,
                                                                     hint):
    assert repr(get(spelling)) == repr(get(name))
    with pytest.raises(ValueError, match=rf": unknown \w+ '{typo}'\. Did you mean '{hint}'"):
        get(typo)


@pytest.mark.parametrize(("get", "name", "spelling", "typo", "hint"), TABLES)
def test_every_table_refuses_a_non_name_with_a_type_error(get, name, spelling, typo, hint):
    with pytest.raises(TypeError, match=r"get: expected an? \w+ name"):
        get(3.5)


def test_metrics_share_the_registry():
    model = activations.Sequential([activations.Dense(1, "sigmoid", input_dim=2)], seed=0)
    model.compile("bce", "sgd", metrics=["Acc"])
    with pytest.raises(ValueError, match=r"compile: unknown metric 'acuracy'\. Did you mean"):
        model.compile("bce", "sgd", metrics=["acuracy"])


def test_a_name_taken_twice_is_refused():
    from activations._registry import Registry

    table = Registry("thing", "things()")
    table.add("hard_tanh", 1, aliases=("hardtanh",))
    with pytest.raises(ValueError, match="the name 'hard_t_anh' is already taken"):
        table.add("hard_t_anh", 2)
