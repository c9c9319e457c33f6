"""What a reader sees teaches: no Python block a page shows contains an ``assert``.

A Python fence is shown when it is not executed, or when it is executed with a ``source``
option (markdown-exec shows the code); an executed fence without ``source`` shows only its
output, and that is where the checks belong. The Markdown is read directly, no build: every
page under docs/, English and Korean.
"""

from __future__ import annotations

import ast
import io
import re
import textwrap
import tokenize

import pytest
from conftest import ROOT

DOCS = ROOT / "docs"
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*\{?\.?(?P<lang>[\w-]*)(?P<options>.*)$"
)
PYTHON = {"py", "python", "python3", "pycon"}


def python_blocks(markdown: str) -> list[tuple[int, str, str]]:
    """``(line, options, code)`` of every Python fence of a page; ``code`` is unindented."""
    blocks, lines, i = [], markdown.splitlines(), 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, j = opening["fence"], i + 1
        while j < len(lines) and not (
            lines[j].strip().startswith(fence[0] * len(fence))
            and not lines[j].strip().strip(fence[0])
        ):
            j += 1
        if opening["lang"].lower() in PYTHON:
            body = textwrap.dedent("\n".join(lines[i + 1 : j]))
            blocks.append((i + 1, opening["options"], body))
        i = j + 1
    return blocks


def shown(options: str) -> bool:
    executed = re.search(r'\bexec="(1|true|on)"', options) is not None
    return not executed or re.search(r"\bsource=", options) is not None


def _pycon_source(code: str) -> str:
    """The statements of an interactive session (``>>>`` and ``...`` lines), without its output."""
    out = []
    for line in code.splitlines():
        if line.startswith((">>> ", "... ")) or line in (">>>", "..."):
            out.append(line[4:])
    return "\n".join(out)


def assert_lines(code: str) -> list[int]:
    """The lines of ``code`` where an ``assert`` statement starts. The code is parsed; if it is a
    fragment that does not parse, its tokens are read, so the word inside a string or a comment
    never counts."""
    if code.lstrip().startswith(">>>"):
        code = _pycon_source(code)
    try:
        return sorted(
            node.lineno
            for node in ast.walk(ast.parse(code))
            if isinstance(node, ast.Assert)
        )
    except SyntaxError:
        pass
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.NAME and token.string == "assert":
                found.append(token.start[0])
    except (tokenize.TokenError, IndentationError, SyntaxError):
        found += [
            n
            for n, line in enumerate(code.splitlines(), 1)
            if re.match(r"\s*assert\b", line)
        ]
    return sorted(set(found))


def pages() -> list[str]:
    return sorted(str(path.relative_to(DOCS)) for path in DOCS.rglob("*.md"))


def test_there_are_pages_with_code():
    assert len(pages()) > 50
    assert (
        sum(
            len(python_blocks((DOCS / page).read_text(encoding="utf-8")))
            for page in pages()
        )
        > 100
    )


@pytest.mark.parametrize("page", pages())
def test_no_shown_python_block_asserts(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    offending = [
        f"{page}:{start + line}"
        for start, options, code in python_blocks(text)
        if shown(options)
        for line in assert_lines(code)
    ]
    assert offending == [], "move these asserts into a hidden block of the same session"


def test_a_string_or_comment_saying_assert_does_not_count():
    assert (
        assert_lines('print("assert x")\n# assert y\nmessage = """\nassert z\n"""\n')
        == []
    )
    assert assert_lines("x = 1\nassert x == 1, 'x'\n") == [2]
    assert assert_lines("for i in range(3):\n    assert i < 3\n") == [2]
    assert assert_lines("x = compute(\n  assert_no_nan=True)\nassert x\n") == [3]
    assert assert_lines(">>> x = 2\n>>> assert x == 2\n2\n") == [2]
    assert assert_lines("def f(:\n    assert ok\n") == [2], (
        "a fragment that does not parse"
    )


def test_shown_and_hidden_fences_are_told_apart():
    page = (
        '```python exec="1" source="block" id="a"\nx = 1\n```\n\n'
        '```python exec="1" id="a-check"\nassert x == 1\n```\n\n'
        "??? example\n\n    ```python\n    assert True\n    ```\n\n"
        "```text\nassert nothing\n```\n"
    )
    blocks = python_blocks(page)
    assert [(line, shown(options)) for line, options, _ in blocks] == [
        (1, True),
        (5, False),
        (11, True),
    ]
    assert [assert_lines(code) for _, _, code in blocks] == [[], [1], [1]]
