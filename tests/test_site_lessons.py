"""The lessons in docs/learn/: teaching code and checking code apart, output shown as what it
is (text as text, tables as tables), and every lesson framed by what to know before, what to
learn, what to take away, and exercises with their solutions.
"""

from __future__ import annotations

import ast
import html.parser
import re
from pathlib import Path

import pytest

from conftest import ROOT

LEARN = ROOT / "docs" / "learn"
LESSONS = sorted(p for p in LEARN.glob("*.md") if p.name != "index.md" and not p.name.endswith(".ko.md"))
FENCE = re.compile(r"^(?P<indent> *)```python (?P<opts>[^\n]*)\n(?P<body>.*?)^(?P=indent)```$", re.S | re.M)
HIDE = "# markdown-exec: hide"


def exec_blocks(path: Path) -> list[tuple[dict[str, str], str]]:
    """The executed Python blocks of a lesson: their options and their code."""
    blocks = []
    for match in FENCE.finditer(path.read_text()):
        opts = dict(re.findall(r'(\w+)="([^"]*)"', match.group("opts")))
        if opts.get("exec") == "1":
            indent = len(match.group("indent"))
            body = "\n".join(line[indent:] for line in match.group("body").splitlines())
            blocks.append((opts, body))
    return blocks


def visible_code(body: str) -> str:
    return "\n".join(line for line in body.splitlines() if HIDE not in line)


def test_there_are_lessons():
    assert len(LESSONS) >= 12


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_no_assert_in_the_code_a_reader_sees(lesson):
    shown = []
    for opts, body in exec_blocks(lesson):
        if "source" not in opts:
            continue
        tree = ast.parse(visible_code(body))
        shown += [f"{opts.get('id')}: line {node.lineno}" for node in ast.walk(tree) if isinstance(node, ast.Assert)]
    assert shown == [], "move these checks into a hidden block in the same session"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_check_block_is_hidden_silent_and_shares_the_teaching_session(lesson):
    blocks = exec_blocks(lesson)
    sessions_before: set[str] = set()
    checks = 0
    for opts, body in blocks:
        if "source" in opts:
            if "session" in opts:
                sessions_before.add(opts["session"])
            continue
        tree = ast.parse(body)
        if not any(isinstance(node, ast.Assert) for node in ast.walk(tree)):
            continue
        checks += 1
        assert opts.get("session") in sessions_before, f"{opts.get('id')}: same session as the code it checks"
        calls = [node.func.id for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)]
        assert "print" not in calls, f"{opts.get('id')}: a check block prints nothing"
    assert checks > 0, "every lesson checks what it teaches"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_html_blocks_print_text_only_inside_pre(lesson):
    """A block whose result is HTML shows printed text in <pre>; otherwise its lines run together."""
    for opts, body in exec_blocks(lesson):
        if opts.get("html") != "1":
            continue
        text_prints = [line for line in body.splitlines()
                       if re.match(r"\s*print\(f?[\"']", line) and HIDE not in line]
        if text_prints:
            assert '<pre><code>' in body and '</code></pre>' in body, opts.get("id")


# ------------------------------------------------------------------------- the built lessons


class _Paragraphs(html.parser.HTMLParser):
    """The text of every <p> of the article."""

    def __init__(self):
        super().__init__()
        self.depth, self.in_article, self.paragraphs, self.current = 0, False, [], None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article = True
        elif self.in_article and tag == "p" and self.current is None:
            self.current = []
        elif tag in ("script", "style", "code", "pre") and self.current is not None:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        elif tag == "p" and self.current is not None:
            self.paragraphs.append("".join(self.current))
            self.current = None
        elif tag in ("script", "style", "code", "pre") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.current is not None and not self.skip:
            self.current.append(data)


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", text)


def _prose(path: Path) -> set[tuple[str, ...]]:
    """Word triples of the lesson's Markdown outside its code blocks (link targets removed)."""
    text = FENCE.sub("", path.read_text())
    text = re.sub(r"\]\([^)]*\)|\]\[[^\]]*\]", " ", text)
    text = re.sub(r"</?[A-Za-z][^>\n]*>|\{[^}\n]*\}", " ", text)
    words = _words(text)
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_built_lesson_has_no_run_together_output(site_dir, lesson):
    """Printed text is shown with result="text" (or in <pre>), not as one Markdown paragraph.

    A paragraph of the built page that is not prose from the lesson's source was printed by a
    block; if it spans several lines, the lines of the output ran together."""
    parser = _Paragraphs()
    parser.feed((site_dir / "learn" / lesson.stem / "index.html").read_text())
    prose = _prose(lesson)
    run_together = []
    for paragraph in parser.paragraphs:
        if "\n" not in paragraph.strip():
            continue
        words = _words(paragraph)
        triples = [tuple(words[i:i + 3]) for i in range(len(words) - 2)]
        if triples and sum(t in prose for t in triples) < 0.5 * len(triples):
            run_together.append(paragraph.strip()[:120])
    assert run_together == []


# -------------------------------------------------------------------- glossary and references

GLOSSARY = ROOT / "docs" / "glossary.md"
REFERENCES = ROOT / "docs" / "references.md"
ENTRY = re.compile(r"^\*\*(?P<term>[^*]+)\*\* \((?P<korean>[^)]+)\)\n:   (?P<definition>.+)$", re.M)


def glossary_entries() -> list[re.Match]:
    return list(ENTRY.finditer(GLOSSARY.read_text()))


def test_the_glossary_has_at_least_40_terms_in_english_and_korean():
    entries = glossary_entries()
    assert len(entries) >= 40
    terms = [e["term"] for e in entries]
    assert len(set(terms)) == len(terms), "each term once"
    assert terms == sorted(terms, key=str.lower), "in alphabetical order"
    assert all(re.search("[\uac00-\ud7a3]", e["korean"]) for e in entries), "a Korean term beside each"


def test_every_glossary_term_is_defined_briefly_and_links_the_lesson_that_teaches_it():
    for entry in glossary_entries():
        definition = entry["definition"]
        links = re.findall(r"\]\((learn/[\w-]+\.md)\)", definition)
        assert len(links) == 1 and (ROOT / "docs" / links[0]).is_file(), entry["term"]
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", definition.split(" See [")[0])
        assert 1 <= len(sentences) <= 2, f"{entry['term']}: one or two sentences"


def test_references_name_every_paper_the_catalog_cites():
    import activations

    text = REFERENCES.read_text()
    for name in activations.names():
        reference = activations.get(name).facts.reference
        first_author = re.match(r"[A-Z][\w-]+", reference.replace("In use since", "").replace("Provided by Torch7 (", "").strip())
        if reference and first_author and first_author.group(0) not in ("The", "The log"):
            assert first_author.group(0) in text, f"{name}: {reference}"
        assert f"(activations/{name}.md)" in text, f"{name}: its page is linked from the references"
    for work in ("Glorot & Bengio", "He, Zhang, Ren & Sun", "Hochreiter", "Deep Learning",
                 "Dive into Deep Learning", "CS231n"):
        assert work in text


def test_abbreviations_are_appended_from_a_snippet_that_is_not_a_page():
    config = (ROOT / "mkdocs.yml").read_text()
    assert "docs/_snippets/abbreviations.md" in config and "/_snippets/" in config
    lines = (ROOT / "docs" / "_snippets" / "abbreviations.md").read_text().splitlines()
    assert lines and all(re.match(r"\*\[[^\]]+\]: \S", line) for line in lines)


@pytest.mark.slow
def test_tooltips_stay_out_of_code_and_math(site_dir):
    pages = [site_dir / "learn" / p.stem / "index.html" for p in LESSONS]
    pages += [site_dir / "glossary" / "index.html", site_dir / "references" / "index.html"]
    abbreviations = 0
    for page in pages:
        text = page.read_text()
        abbreviations += text.count("<abbr")
        for inner in re.findall(r"<code\b[^>]*>(.*?)</code>", text, re.S):
            assert "<abbr" not in inner, page
        for inner in re.findall(r'<(?:span|div) class="arithmatex">(.*?)</(?:span|div)>', text, re.S):
            assert "<abbr" not in inner, page
    assert abbreviations > 0, "the tooltips are there"


# ---------------------------------------------------------------------- the frame of a lesson


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_opens_with_what_to_know_and_its_goals(lesson):
    text = lesson.read_text()
    body = text[text.index("\n# "):]
    first_section = body.find("\n## ")
    head = body[:first_section]
    assert '!!! info "You should know"' in head and '!!! abstract "Learning goals"' in head
    know = head[head.index("You should know"):head.index("Learning goals")]
    goals = re.findall(r"^    - ", head[head.index("Learning goals"):], re.M)
    assert re.findall(r"^    - ", know, re.M) and len(goals) >= 2
    for target in re.findall(r"\]\(([\w-]+)\.md\)", know):
        assert (LEARN / f"{target}.md").is_file(), f"{lesson.stem}: prerequisite {target} is a lesson"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_ends_with_takeaways_and_exercises_with_solutions(lesson):
    text = lesson.read_text()
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert "Key takeaways" in headings and "Exercises" in headings
    assert headings.index("Exercises") == headings.index("Key takeaways") + 1
    exercises = text.split("\n## Exercises\n", 1)[1].split("\n## ", 1)[0]
    questions = re.findall(r"^\d+\. \S", exercises, re.M)
    solutions = re.findall(r'^    \?\?\? success "Solution"\n        \S', exercises, re.M)
    assert 2 <= len(questions) <= 3 and len(solutions) == len(questions)


def test_collapsible_solutions_have_their_extension():
    assert "- pymdownx.details" in (ROOT / "mkdocs.yml").read_text()
