"""Print the weight of the built site's pages (HTML with its inline SVG), heaviest first.

Usage: ``python scripts/page_weight.py [SITE_DIR] [--top N]`` (default ``site/``, top 5).
Exits with status 1 if a page reaches the limit of 1.5 MB that the tests enforce.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

LIMIT = 1_500_000


def page_sizes(site: Path) -> dict[str, int]:
    """Bytes of each page's ``index.html``, keyed by its URL path."""
    sizes = {}
    for path in site.rglob("index.html"):
        url = "/" + path.parent.relative_to(site).as_posix().removeprefix(".").strip("/")
        sizes[url.rstrip("/") + "/" if url != "/" else "/"] = path.stat().st_size
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent / "site")
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args()
    sizes = page_sizes(args.site)
    if not sizes:
        print(f"no pages under {args.site}: build the site first (make docs)", file=sys.stderr)
        return 2
    ranked = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
    url, size = ranked[0]
    print(f"largest page: {url} {size / 1e6:.3f} MB ({size} bytes) of {len(sizes)} pages")
    for url, size in ranked[1 : args.top]:
        print(f"              {url} {size / 1e6:.3f} MB")
    return 1 if ranked[0][1] >= LIMIT else 0


if __name__ == "__main__":
    sys.exit(main())
