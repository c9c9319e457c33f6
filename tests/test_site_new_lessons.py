"""The lessons added to the path (backpropagation, the activation zoo, exploding gradients,
initialization backward, generalization): where they sit in the one list of
lessons, the parts every lesson has (prerequisites, goals, takeaways, exercises with worked
solutions), and, in the built site, a figure and solutions that open and close.
"""

from __future__ import annotations

import re

import pytest
import yaml
from mkdocs.utils import meta as mkdocs_meta

from conftest import ROOT

DOCS = ROOT / "docs"
NEW_LESSONS = ["learn/backpropagation.md", "learn/activation-zoo.md", "learn/exploding-gradients.md",
               "learn/initialization-backward.md", "learn/generalization.md"]


def nav_lessons() -> list[str]:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["nav"]
    learn = next(entry["Learn"] for entry in nav if isinstance(entry, dict) and "Learn" in entry)
    paths = [next(iter(e.values())) if isinstance(e, dict) else e for e in learn]
    return [path for path in paths if path != "learn/index.md"]


def test_training_comes_second_and_backpropagation_follows_it():
    lessons = nav_lessons()
    assert lessons[:3] == ["learn/neurons.md", "learn/training.md", "learn/backpropagation.md"]


def test_exploding_gradients_follows_vanishing_gradients():
    lessons = nav_lessons()
    assert lessons.index("learn/exploding-gradients.md") == lessons.index("learn/vanishing-gradients.md") + 1


def test_the_path_has_at_least_16_lessons():
    assert len(nav_lessons()) >= 16


def test_the_activation_zoo_follows_xor():
    lessons = nav_lessons()
    assert lessons.index("learn/activation-zoo.md") == lessons.index("learn/xor.md") + 1


def test_the_zoo_reads_its_tables_from_the_catalog():
    import activations

    text = (DOCS / "learn" / "activation-zoo.md").read_text()
    assert "activations.names()" in text and ".facts" in text and ".family" in text
    listed = [name for name in activations.names() if f'"{name}"' in text]
    assert len(listed) < len(activations.names()) / 3, "the catalog is read, not copied"


def test_the_backward_half_of_initialization_follows_the_forward_half():
    lessons = nav_lessons()
    assert lessons.index("learn/initialization-backward.md") == lessons.index("learn/initialization.md") + 1
    text = (DOCS / "learn" / "initialization-backward.md").read_text()
    assert "Sequential.gradients" in text and "fan_out" in text, "measured backward gradients"


def test_generalization_comes_after_softmax_and_augmentation():
    lessons = nav_lessons()
    assert lessons.index("learn/generalization.md") > lessons.index("learn/softmax.md")
    assert lessons.index("learn/generalization.md") > lessons.index("learn/augmentation.md")


def test_every_prerequisite_comes_earlier_in_the_path():
    lessons = nav_lessons()
    for position, path in enumerate(lessons):
        body, _ = mkdocs_meta.get_data((DOCS / path).read_text())
        know = body[body.index("You should know"):body.index("Learning goals")]
        for link in re.findall(r"\]\(([a-z-]+\.md)\)", know):
            assert lessons.index(f"learn/{link}") < position, f"{path} assumes {link}, which comes later"


def test_the_digits_of_the_generalization_lesson_are_a_docs_dependency():
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert any(re.match(r"scikit-learn>=\d", req) for req in extras["docs"])
    assert "load_digits" in (DOCS / "learn" / "generalization.md").read_text()


def test_extensions_for_collapsible_solutions_are_on():
    extensions = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]
    names = [next(iter(e)) if isinstance(e, dict) else e for e in extensions]
    assert "pymdownx.details" in names and "admonition" in names


@pytest.mark.parametrize("path", NEW_LESSONS)
def test_lesson_has_its_parts(path):
    body, front_matter = mkdocs_meta.get_data((DOCS / path).read_text())
    assert str(front_matter.get("description", "")).strip(), "a description for the Learn table"
    assert body.index('!!! info "You should know"') < body.index('!!! abstract "Learning goals"')
    assert body.index('!!! abstract "Learning goals"') < body.index("\n## ")
    headings = re.findall(r"^## (.+)$", body, re.M)
    assert headings[-2:] == ["Key takeaways", "Exercises"]
    exercises = body[body.index("## Exercises"):]
    questions = re.findall(r"^\d+\. \S", exercises, re.M)
    solutions = exercises.count('??? success "Solution"')
    assert 2 <= len(questions) == solutions <= 3, "two or three exercises, each with a solution"
    prerequisites = body[body.index("You should know"):body.index("Learning goals")]
    for link in re.findall(r"\]\(([a-z-]+\.md)\)", prerequisites):
        assert f"learn/{link}" in nav_lessons(), f"{link}: prerequisites link lessons of the nav"


@pytest.mark.parametrize("path", NEW_LESSONS)
def test_visible_code_has_no_asserts(path):
    text = (DOCS / path).read_text()
    for header, code in re.findall(r"```python (exec[^\n]*)\n(.*?)```", text, re.S):
        if "source=" in header:
            assert "assert" not in code, f"{path}: checks go in hidden blocks\n{code[:200]}"
        else:
            assert "print(" not in code, f"{path}: a hidden check prints nothing"


@pytest.mark.parametrize("path", NEW_LESSONS)
def test_prose_is_a_full_lesson(path):
    body, _ = mkdocs_meta.get_data((DOCS / path).read_text())
    prose = re.sub(r"```.*?```", "", body, flags=re.S)
    assert 1000 <= len(prose.split()) <= 2200


@pytest.mark.slow
@pytest.mark.parametrize("path", NEW_LESSONS)
def test_built_lesson_has_a_figure_and_collapsed_solutions(site_dir, path):
    page = (site_dir / path.removesuffix(".md") / "index.html").read_text()
    article = page[page.index("<article"):page.index("</article>")]
    assert "<figure" in article and "<svg" in article, "a figure drawn at build time"
    assert article.count('<details class="success">') >= 2, "solutions are collapsed"
    for heading in ("You should know", "Learning goals", "Key takeaways", "Exercises"):
        assert heading in article


@pytest.mark.slow
def test_the_zoo_counts_every_function_of_the_catalog_and_links_its_pages(site_dir):
    import activations

    page = (site_dir / "learn" / "activation-zoo" / "index.html").read_text()
    article = page[page.index("<article"):page.index("</article>")]
    tables = re.findall(r"<table>.*?</table>", article, re.S)
    assert len(tables) == 2
    families = {activations.get(name).family for name in activations.names()}
    rows = re.findall(r"<tr>\s*<td>([a-z_]+)</td>\s*<td[^>]*>(\d+)</td>", tables[1])
    assert {family for family, _ in rows} == families
    assert sum(int(count) for _, count in rows) == len(activations.names())
    for name in ("sigmoid", "tanh", "relu", "gelu", "silu", "mish", "softmax"):
        assert f'href="../../activations/{name}/"' in tables[0]
        assert (site_dir / "activations" / name / "index.html").is_file()


@pytest.mark.slow
def test_learn_table_lists_the_new_lessons(site_dir):
    page = (site_dir / "learn" / "index.html").read_text()
    table = page[page.index("<table>"):page.index("</table>")]
    for path in NEW_LESSONS:
        assert f'href="{path.removeprefix("learn/").removesuffix(".md")}/"' in table
