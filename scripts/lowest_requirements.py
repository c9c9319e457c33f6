"""Print the package's base dependencies pinned at their lower bounds (``>=`` read as ``==``),
for testing that the bounds in pyproject.toml are true."""

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads(Path(__file__).parents[1].joinpath("pyproject.toml").read_text())
for requirement in project["project"]["dependencies"]:
    pinned, count = re.subn(r">=", "==", requirement)
    if count != 1:
        sys.exit(f"lowest_requirements: {requirement!r} has no single lower bound to pin")
    print(pinned)
