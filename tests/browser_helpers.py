"""Small helpers for the browser tests: a free loopback port and a static file server."""
from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder):
    """Serve a folder on 127.0.0.1 for the duration of a test; yield its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def only_loopback(page, outside: list) -> None:
    """Refuse, and remember, any request that leaves this machine."""
    def handle(route):
        host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    page.route("**/*", handle)


def tab_to(page, selector: str, limit: int = 300) -> None:
    """Press Tab, as a keyboard user would, until the focused element matches selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was not reached with {limit} presses of Tab")


def script_page(folder, body: str) -> None:
    """Write folder/index.html holding body and the book's own script, ready to serve()."""
    from support import ROOT
    (folder / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>t</title></head><body>"
        f"{body}<script src='twitchcourse.js'></script></body></html>", encoding="utf-8")
    (folder / "twitchcourse.js").write_bytes((ROOT / "book/_static/twitchcourse.js").read_bytes())
