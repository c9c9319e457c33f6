"""Print the size of every module, class and function of the package, largest first, against
the guides the code is kept to: modules up to ~800 lines, classes ~350, functions ~120
(docstrings included)."""

import ast
import sys
from pathlib import Path

GUIDES = {"module": 800, "class": 350, "function": 120}
PACKAGE = Path(__file__).parents[1] / "activations"


def sizes(path: Path) -> list[tuple[str, str, int]]:
    source = path.read_text()
    name = str(path.relative_to(PACKAGE.parent))
    rows = [("module", name, len(source.splitlines()))]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            kind = "class" if isinstance(node, ast.ClassDef) else "function"
            rows.append((kind, f"{name}:{node.lineno} {node.name}",
                         node.end_lineno - node.lineno + 1))
    return rows


def main() -> int:
    rows = [row for path in sorted(PACKAGE.rglob("*.py")) for row in sizes(path)]
    over = 0
    for kind in GUIDES:  # module, class, function
        ranked = sorted((r for r in rows if r[0] == kind), key=lambda r: -r[2])
        print(f"\n{kind} (guide ~{GUIDES[kind]} lines), largest first:")
        for _, name, lines in ranked[:8]:
            mark = "  over" if lines > GUIDES[kind] else ""
            over += bool(mark)
            print(f"  {lines:5d}  {name}{mark}")
    print(f"\n{over} over their guide")
    return 0


if __name__ == "__main__":
    sys.exit(main())
