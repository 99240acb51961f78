"""Serve the bundled fixture portal (``fixtures/portal``) on 127.0.0.1 for a demo crawl or a test.

:class:`PortalServer` is a small threaded ``http.server`` that serves the portal's files as
raw bytes with the behaviours a real portal has: every HTML page is sent as
``charset=utf-8`` (a lie for the GBK pages), ETag/Last-Modified with 304 answers to
conditional requests, ``{base}`` in robots.txt/sitemap/feed replaced by the server's own
address, and the trap pages of ``manifest.json`` (500, a slow page, a redirect loop, a
50 MB page, a gzip bomb). Overlays (``_extra``, ``_changed``) can be switched on while it
runs, to add five articles or change one. Every request path is logged in
:attr:`PortalServer.requests`.

A portal whose manifest names ``hosts`` (``{"news.": "_news"}``, ``fixtures/portal2``) serves
those subdomains by the Host header: crawl it as ``http://localhost:PORT/`` and its
``news.localhost`` pages come from ``site/_news`` (``*.localhost`` is loopback, RFC 6761).
``content_types`` in the manifest gives some URLs their own Content-Type (a missing or lying
charset), ``template_all`` fills ``{base}``/``{main}``/``{host:news}`` in every file, and a
URL with a query is served from ``name@query``.

``python -m crawler.demo [--port N] [--overlay _extra] [--root fixtures/portal2]`` serves it
until interrupted.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import threading
import time
import zlib
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

LAST_MODIFIED = "Mon, 30 Nov 2020 08:00:00 GMT"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".aspx": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".gz": "application/x-gzip",
    ".txt": "text/plain; charset=utf-8",
}
TEMPLATED_NAMES = ("robots.txt", "sitemap.xml", "rss.xml")
CHUNK = 1 << 16


class PortalMissing(FileNotFoundError):
    """The fixture portal is not beside the package (not a source checkout)."""


def portal_dir() -> Path:
    """``fixtures/portal`` of the source checkout this package is installed from (editable install)."""
    root = Path(__file__).resolve().parents[1] / "fixtures" / "portal"
    if not (root / "manifest.json").is_file() or not (root / "site").is_dir():
        raise PortalMissing(
            f"the fixture portal is not at {root}: --demo needs a source checkout of zhnews "
            "installed with `pip install -e .`"
        )
    return root


def load_manifest(root: Path | None = None) -> dict[str, Any]:
    """The portal's manifest: expected articles, list pages, traps."""
    root = root or portal_dir()
    return json.loads((root / "manifest.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


class PortalServer:
    """The fixture portal on ``127.0.0.1`` at a free port, served from a background thread."""

    def __init__(
        self, root: Path | None = None, overlays: Iterable[str] = (), port: int = 0, traps: bool = True
    ) -> None:
        self.root = root or portal_dir()
        self.site = self.root / "site"
        self.manifest = load_manifest(self.root)
        self.traps: dict[str, dict[str, Any]] = self.manifest["traps"] if traps else {}
        self.overlays: list[str] = list(overlays)
        #: host-name prefix -> the folder of ``site`` that host is served from (``{"news.": "_news"}``)
        self.hosts: dict[str, str] = dict(self.manifest.get("hosts", {}))
        #: ``[prefix:]path`` -> the Content-Type it is served with (else one by suffix)
        self.content_types: dict[str, str] = dict(self.manifest.get("content_types", {}))
        self.template_all: bool = bool(self.manifest.get("template_all"))
        self.requests: list[str] = []
        #: (Host header, path) of every request
        self.log: list[tuple[str, str]] = []
        self.stopping = threading.Event()
        self._bomb: dict[int, bytes] = {}
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = str(self._httpd.server_address[0]), self._httpd.server_address[1]
        return f"http://{host!s}:{port}"

    def start(self) -> PortalServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="portal-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> PortalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def hits(self, path: str) -> int:
        """How many times ``path`` (with query) was requested."""
        return sum(1 for p in self.requests if p == path)

    def find(self, path: str, folder: str = "") -> Path | None:
        """The file for a URL path, overlays first; ``/`` and directories are ``index.html``.

        A URL with a query is the file ``name@query`` if there is one whose parameters are all in
        the URL's (a server ignores parameters it does not know), else the file ``name``.
        """
        rel, _, query = path.partition("?")
        rel = rel.lstrip("/")
        if not rel or rel.endswith("/"):
            rel += "index.html"
        if ".." in rel.split("/"):
            return None
        names = [rel]
        if query:
            asked = set(query.split("&"))
            parent, _, name = rel.rpartition("/")
            where = self.site / folder / parent
            if where.is_dir():
                with_query = sorted(p.name for p in where.glob(f"{name}@*"))
                names = [
                    f"{parent}/{n}" if parent else n for n in with_query if set(n.split("@", 1)[1].split("&")) <= asked
                ] + names
        for name in names:
            for overlay in reversed(self.overlays):
                candidate = self.site / folder / overlay / name
                if candidate.is_file():
                    return candidate
            candidate = self.site / folder / name
            if candidate.is_file() and (folder or not name.startswith("_")):
                return candidate
        return None

    def host_folder(self, host: str) -> tuple[str, str, str]:
        """(prefix, folder, main host) of a Host header: ``news.localhost:80`` -> news., _news, localhost:80."""
        for prefix, folder in self.hosts.items():
            if host.startswith(prefix):
                return prefix, folder, host[len(prefix) :]
        return "", "", host

    def fill(self, body: bytes, host: str) -> bytes:
        """``{base}``, ``{main}`` and ``{host:NAME}`` in a served file, for the Host it was asked of."""
        host = host or self.base_url.split("//", 1)[1]
        _, _, main = self.host_folder(host)
        body = body.replace(b"{base}", f"http://{host}".encode()).replace(b"{main}", f"http://{main}".encode())
        for prefix in self.hosts:
            body = body.replace(f"{{host:{prefix.rstrip('.')}}}".encode(), f"http://{prefix}{main}".encode())
        return body

    def gzip_bomb(self, size: int) -> bytes:
        """``size`` zero bytes, gzipped (about 1/1000 of that on the wire)."""
        if size not in self._bomb:
            comp = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip container
            block = b"\0" * CHUNK
            parts = [comp.compress(block) for _ in range(size // CHUNK)]
            self._bomb[size] = b"".join([*parts, comp.flush()])
        return self._bomb[size]


def _handler_for(server: PortalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "PortalFixture/1.0"

        def log_message(self, format: str, *args: Any) -> None:
            logger.debug("portal: " + format, *args)

        def do_GET(self) -> None:
            server.requests.append(self.path)
            server.log.append((self.headers.get("Host") or "", self.path))
            trap = server.traps.get(self.path)
            try:
                if trap is not None:
                    self.trap(trap)
                else:
                    self.serve_file()
            except (BrokenPipeError, ConnectionResetError):
                pass

        def send_body(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def serve_file(self) -> None:
            host = self.headers.get("Host") or ""
            prefix, folder, _ = server.host_folder(host)
            found = server.find(self.path, folder)
            if found is None:
                self.send_body(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html; charset=utf-8")
                return
            body = found.read_bytes()
            if found.name in TEMPLATED_NAMES or server.template_all:
                if found.suffix == ".gz":
                    body = gzip.compress(server.fill(gzip.decompress(body), host), mtime=0)
                else:
                    body = server.fill(body, host)
            etag = f'"{hashlib.md5(body).hexdigest()[:16]}"'
            validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                for k, v in validators.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            url_path = self.path.split("?", 1)[0]
            key = (prefix.rstrip(".") + ":" if prefix else "") + self.path
            suffix = Path(url_path).suffix if not url_path.endswith("/") else ".html"
            ctype = server.content_types.get(key) or CONTENT_TYPES.get(suffix, "application/octet-stream")
            self.send_body(200, body, ctype, validators)

        def trap(self, trap: dict[str, Any]) -> None:
            if "status" in trap:
                self.send_body(trap["status"], b"<html><body>Internal Server Error</body></html>", "text/html")
            elif "sleep" in trap:
                end = time.monotonic() + trap["sleep"]
                while time.monotonic() < end and not server.stopping.is_set():
                    time.sleep(0.1)
                self.send_body(200, b"<html><body>too late</body></html>", "text/html")
            elif "redirect" in trap:
                self.send_response(302)
                port = server._httpd.server_address[1]
                self.send_header("Location", trap["redirect"].replace("{localhost}", f"http://localhost:{port}"))
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif "size" in trap:
                size = int(trap["size"])
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(size))
                self.end_headers()
                chunk = ("<p>" + "大" * (CHUNK // 3 - 3) + "</p>").encode()[:CHUNK].ljust(CHUNK, b" ")
                sent = 0
                while sent < size and not server.stopping.is_set():
                    piece = chunk[: size - sent]
                    self.wfile.write(piece)
                    sent += len(piece)
            elif "gzip_bomb" in trap:
                self.send_body(
                    200,
                    server.gzip_bomb(int(trap["gzip_bomb"])),
                    "text/html; charset=utf-8",
                    {"Content-Encoding": "gzip"},
                )

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the zhnews fixture portal on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--overlay", action="append", default=[], help="_extra (5 new articles), _changed")
    parser.add_argument(
        "--root", type=Path, default=None, help="another fixture portal, e.g. fixtures/portal2 (crawl it as localhost)"
    )
    args = parser.parse_args(argv)
    with PortalServer(args.root, overlays=args.overlay, port=args.port) as server:
        shown = server.base_url.replace("127.0.0.1", "localhost") if server.hosts else server.base_url
        print(f"serving the fixture portal at {shown}/ (Ctrl-C stops)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
