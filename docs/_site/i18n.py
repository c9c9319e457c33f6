"""The Korean edition's strings and the translation of labels, in one place.

The site has two editions built from the same files: English at ``/`` and Korean at ``/ko/``
(``mkdocs-static-i18n``, a Korean page is ``X.ko.md`` beside ``X.md``). What the build
generates in text (the nav's section titles, the Learn table's header, the activation pages'
facts table) is English in the code that makes it; this module holds its Korean text as data,
`GENERATED` and `NAV`, and the functions that apply a table of labels:

* `translate_text` to printed output and to the text of figures;
* `translate_source` to the string literals of code, and only to them.

A Korean page's own labels (the ``labels:`` of its front matter) are applied the same way.

Examples
--------
>>> translate_text("accuracy 1.00", {"accuracy": "정확도"})
'정확도 1.00'
>>> print(translate_source('ax.set_title(f"accuracy {accuracy:.2f}")', {"accuracy": "정확도"}))
ax.set_title(f"정확도 {accuracy:.2f}")
>>> round(hangul_ratio("기울기 소실(vanishing gradient)"), 2)
0.23
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Mapping

__all__ = [
    "EXEC_TABS",
    "FIGURE",
    "FONT_FAMILY",
    "MATH_FONT_FAMILY",
    "GENERATED",
    "LOCALE",
    "NAV",
    "HEADER",
    "RECORD",
    "REDIRECT",
    "hangul_ratio",
    "localize_generated",
    "has_hangul",
    "translate_source",
    "translate_text",
]

LOCALE = "ko"
"""The locale of the Korean edition (its folder of the built site)."""

RECORD: dict[tuple[str, str], dict] = {}
"""What the English build recorded, for the Korean build: ``(page, block id) -> {"output":
what the block printed, "figures": [(English figure HTML, Korean figure HTML), ...]}``, where
a page is its English source path (``learn/xor.md``). The figures of what the build generates
outside any block (an activation page's header) are under the block id `HEADER`."""

HEADER = "#header"

FONT_FAMILY = ["DejaVu Sans", "NanumGothic"]
"""Fonts of the Korean figures: DejaVu Sans (the plotting style's font) for Latin letters,
digits and math, and NanumGothic (Debian ``fonts-nanum``) for the Hangul it lacks."""

MATH_FONT_FAMILY = ["NanumGothic", "DejaVu Sans"]
"""Fonts of Korean text that holds math (``"입력 $x$"``): matplotlib's mathtext draws the text
around the math in the first font only, so the Korean font comes first there (its Latin
letters and digits look close to DejaVu Sans); the math keeps the plotting style's fonts."""

FONT_FILES = (
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
)
"""Where Debian's ``fonts-nanum`` puts the font (`use_korean_font` registers it with matplotlib
if matplotlib's font cache predates its installation)."""

NAV = {
    "Home": "홈",
    "Learn": "배우기",
    "Activations": "활성화 함수",
    "API reference": "API 레퍼런스",
    "Engine guide": "엔진 안내",
    "Glossary": "용어집",
    "References": "참고 문헌",
    "About": "소개",
    # the families of the catalog (catalog_pages.FAMILY_TITLES)
    "Basic functions": "기본 함수",
    "ReLU family": "ReLU 계열",
    "Exponential linear units": "지수 선형 유닛",
    "Sigmoid and tanh family": "시그모이드와 tanh 계열",
    "Smooth ReLU-like functions": "매끄러운 ReLU형 함수",
    "Self-gated functions": "자기 게이트 함수",
    "Gated and max units": "게이트 유닛과 맥스 유닛",
    "Normalising functions": "정규화 함수",
    "Shrinkage functions": "축소 함수",
    "Periodic functions": "주기 함수",
}
"""Nav titles: English title -> Korean title (the plugin's ``nav_translations``)."""

FIGURE = {
    "input $x$": "입력 $x$",
    "output": "출력",
    "epoch": "에포크",
    "value": "값",
    "class ": "클래스 ",
    "everywhere": "모든 곳에서",
}
"""The words that `activations.plotting` writes into figures (axis labels, legends): applied
to every figure of a Korean page, below the page's own ``labels``."""

REDIRECT = {
    '<html lang="en">': '<html lang="ko">',
    "<p>This page has moved to ": "<p>이 페이지는 옮겨졌다: ",
}
"""The text of the page that sends a reader from an alias (``/ko/activations/swish/``) to the
Korean page of its function (``docs/hooks/catalog_nav.py`` writes it in English)."""

EXEC_TABS = ("코드", "결과")
"""The labels of markdown-exec's tabs of source and result (``source="tabbed-right"``)."""

GENERATED = {
    # the Learn table (docs/hooks/lessons.py)
    "| | Lesson | What it shows |": "| | 단원 | 무엇을 보여 주는가 |",
    # the facts table of an activation page (catalog_pages.activation_header)
    "| Property | Value |": "| 성질 | 값 |",
    "| Range |": "| 치역 |",
    " (each output component)": " (출력의 각 성분)",
    "| Monotonic |": "| 단조성 |",
    "| Zero-centred |": "| 0 중심 |",
    "| Smoothness |": "| 매끄러움 |",
    "| Saturates |": "| 포화 |",
    "| Kinks |": "| 꺾이는 점 |",
    ", where $f\\,'(": " — $f\\,'(",
    ")$ is taken as $": ")$의 값은 $",
    "| Aliases |": "| 다른 이름 |",
    "| Family |": "| 계열 |",
    "| Introduced |": "| 발표 |",
    "| Reference |": "| 참고 문헌 |",
    " yes |": " 예 |",
    " no |": " 아니요 |",
    " both sides |": " 양쪽 |",
    " left only |": " 왼쪽만 |",
    " right only |": " 오른쪽만 |",
    " discontinuous |": " 불연속 |",
    " continuous, with kinks ($C^0$) |": " 연속, 꺾이는 점이 있음 ($C^0$) |",
    " smooth ($C^\\infty$) |": " 매끄러움 ($C^\\infty$) |",
    # the names in other libraries, the signature box and the example
    "`, also `activations.": "`, 다른 이름 `activations.",
    " has no built-in ": "에는 기본 제공 함수가 없다: ",
    " (learnable)": " (학습 가능)",
    "To use other values, bind them once, ": "다른 값을 쓰려면 한 번 묶어 두거나(",
    "`, or pass them at each call.": "`), 호출할 때마다 넘긴다.",
    " has no parameters.": "에는 매개변수가 없다.",
    '```python title="Example"': '```python title="예제"',
    # the figure caption of an activation page
    " along the line $(x, 0)$: the first output component (solid) and its partial derivative "
    "in $x$ (dashed).": " (직선 $(x, 0)$ 위): 첫 번째 출력 성분(실선)과 그 $x$에 대한 편도함수(점선).",
    ": $f$ (solid) and its derivative $f\\,'$ (dashed) on ": ": $f$(실선)와 도함수 $f\\,'$(점선), 구간 ",
    " Dots mark the values taken at the kinks.": " 점은 꺾이는 점에서 취하는 값이다.",
    "Definition, for an input vector $x$:": "입력 벡터 $x$에 대한 정의:",
    "Jacobian, used by `backward`:": "`backward`가 쓰는 야코비 행렬:",
}
"""Text that the build generates: English -> Korean, applied to the generated Markdown (the
longest key first)."""


def use_korean_font() -> None:
    """Make the Korean font of `FONT_FAMILY` known to matplotlib. Without it a Korean figure
    would draw boxes; the build fails on matplotlib's ``findfont`` warning instead. NanumGothic
    Bold declares the weight 600 (semibold) in its OS/2 table, where its style name and
    fontconfig say bold: it is registered as bold, what titles ask for."""
    import dataclasses

    from matplotlib import font_manager

    manager = font_manager.fontManager
    if not any(font.name == FONT_FAMILY[-1] for font in manager.ttflist):
        for path in FONT_FILES:
            try:
                manager.addfont(path)
            except OSError:
                continue
    for index, font in enumerate(manager.ttflist):
        if font.name == FONT_FAMILY[-1] and font.fname.endswith("Bold.ttf") and font.weight != 700:
            manager.ttflist[index] = dataclasses.replace(font, weight=700)
            font_manager.FontManager._findfont_cached.cache_clear()


def _ordered(labels: Mapping[str, str]) -> list[tuple[str, str]]:
    return sorted(((str(k), str(v)) for k, v in labels.items() if k), key=lambda kv: -len(kv[0]))


def translate_text(text: str, labels: Mapping[str, str]) -> str:
    """``text`` with every key of ``labels`` replaced by its value, the longest key first, and
    no replaced text replaced again."""
    ordered = _ordered(labels)
    if not ordered or not text:
        return text
    pattern = re.compile("|".join(re.escape(key) for key, _ in ordered))
    table = dict(ordered)
    return pattern.sub(lambda match: table[match.group(0)], text)


_FSTRING_PREFIX = re.compile(r"^[rRbBuU]*[fF][rRbB]*")
_BRACED = re.compile(r"(\{\{|\}\}|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})")


def _translate_literal(token: str, labels: Mapping[str, str]) -> str:
    """A string literal's source with its text translated; the ``{...}`` fields of an f-string
    and the prefix and quotes are left alone."""
    prefix = re.match(r"^[A-Za-z]*", token).group(0)
    if "b" in prefix.lower():
        return token
    body = token[len(prefix) :]
    quote = body[:3] if body[:3] in ('"""', "'''") else body[:1]
    inner = body[len(quote) : len(body) - len(quote)]
    if inner.isidentifier():
        # a name the code uses ("accuracy" as a metric or a key), not text: left alone
        return token
    if _FSTRING_PREFIX.match(prefix):
        parts = _BRACED.split(inner)
        inner = "".join(part if i % 2 else translate_text(part, labels) for i, part in enumerate(parts))
    else:
        inner = translate_text(inner, labels)
    return prefix + quote + inner + quote


def translate_source(code: str, labels: Mapping[str, str]) -> str:
    """Python source with the text inside its string literals translated by ``labels``; names,
    comments and everything else unchanged. A literal that is a single word spelled like a
    Python name (``"accuracy"``, ``"sigmoid"``) is a name the code uses, not text, and stays as
    it is. Code that does not tokenize is returned as it is.

    >>> print(translate_source('fit(metrics=["accuracy"]); print("accuracy:")', {"accuracy": "정확도"}))
    fit(metrics=["accuracy"]); print("정확도:")
    """
    if not labels:
        return code
    lines = code.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type == tokenize.STRING]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return code
    out, position = [], 0
    for token in tokens:
        start = offsets[token.start[0] - 1] + token.start[1]
        end = offsets[token.end[0] - 1] + token.end[1]
        out.append(code[position:start])
        out.append(_translate_literal(code[start:end], labels))
        position = end
    out.append(code[position:])
    return "".join(out)


_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def has_hangul(text: str) -> bool:
    """Whether ``text`` holds a Hangul letter."""
    return bool(_HANGUL.search(text))


def hangul_ratio(text: str) -> float:
    """The share of Hangul among the letters of ``text`` (Hangul syllables count as one letter,
    as do Latin letters); 0 for text without letters."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if _HANGUL.match(c)) / len(letters)


def localize_generated(markdown: str, page: str) -> str:
    """Generated Markdown for the Korean page of ``page``: `GENERATED` applied, and the
    figures recorded for it under `HEADER` in their Korean variants."""
    for english, korean in RECORD.get((page, HEADER), {}).get("figures", []):
        markdown = markdown.replace(english, korean)
    return translate_text(markdown, GENERATED)


# The catalog's families that the nav above lacked (the activations index groups by family too).
NAV.update({
    "Self-gated functions": "자기 게이트 함수",
})
