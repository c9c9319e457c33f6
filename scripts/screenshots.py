"""Take full-page screenshots of the built site in the light and dark palettes.

Usage: ``python scripts/screenshots.py [PAGE ...] [--site site] [--out DIR] [--width PX ...]``

PAGE is a path of the site such as ``activations/relu/`` (default: the home page, the
activations index and the ReLU and Softmax pages); ``--width`` takes one or more viewport
widths (default 1280; 390 is a phone). The site is served from ``--site`` on 127.0.0.1 by a
stdlib HTTP server, and Debian's Chromium (``/usr/bin/chromium``) is driven by Playwright.
Screenshots are written as ``<out>/<page>-<width>-<light|dark>.png`` (default
``build/screenshots/``, git-ignored), once the page's fonts are loaded and its header has
finished fading in.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = ["", "activations/", "activations/relu/", "activations/softmax/"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SETTLE_MS = 600  # Material fades its navigation tabs in after the page has loaded


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    """Serve ``directory`` on 127.0.0.1 at a free port, from a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--width", type=int, nargs="+", default=[1280])
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = serve(args.site)
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            for width in args.width:
                for scheme in ("light", "dark"):
                    page = browser.new_page(
                        viewport={"width": width, "height": 900}, color_scheme=scheme
                    )
                    for path in args.pages:
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        page.evaluate("document.fonts.ready")
                        page.wait_for_timeout(SETTLE_MS)
                        name = path.strip("/").replace("/", "-") or "home"
                        target = args.out / f"{name}-{width}-{scheme}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(target)
                    page.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
