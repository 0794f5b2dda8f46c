"""The thin HTTP layer: http.server around App, the PORT variable and a graceful SIGTERM."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Mapping, Optional

from . import __version__
from .app import MAX_BODY_BYTES, App

DEFAULT_PORT = 8080
log = logging.getLogger("checkout")


def port_from_env(env: Mapping[str, str]) -> int:
    """PORT, 8080 when unset; anything but a TCP port is a startup error."""
    raw = env.get("PORT", "").strip() or str(DEFAULT_PORT)
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ValueError(f"PORT must be a TCP port (1-65535), got {raw!r}")
    return int(raw)


class Handler(BaseHTTPRequestHandler):
    server_version = f"checkout/{__version__}"
    server: "Server"

    def _serve(self) -> None:
        length_header = self.headers.get("Content-Length", "0").strip() or "0"
        body: Optional[bytes] = None
        if length_header.isdigit():
            # one byte more than allowed is enough to know the body is too large
            body = self.rfile.read(min(int(length_header), MAX_BODY_BYTES + 1))
        response = self.server.app.handle(self.command, self.path, body)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        log.info("%s %s", self.address_string(), format % args)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, app: App, host: str, port: int) -> None:
        super().__init__((host, port), Handler)
        self.app = app


def on_sigterm(app: App, server: Server) -> Callable[[int, object], None]:
    """The SIGTERM handler: readiness goes to 503, then the server stops after the requests in flight."""

    def handle(_signum: int, _frame: object) -> None:
        app.drain()
        # shutdown() waits for serve_forever(), which runs in the thread the signal interrupted
        threading.Thread(target=server.shutdown, daemon=True).start()

    return handle


def main(env: Mapping[str, str] = os.environ) -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(message)s")
    try:
        port = port_from_env(env)
    except ValueError as invalid:
        log.error("%s", invalid)
        return 2
    app = App()
    server = Server(app, "0.0.0.0", port)
    signal.signal(signal.SIGTERM, on_sigterm(app, server))
    log.info("checkout %s listening on :%d", __version__, port)
    with server:
        server.serve_forever()
    log.info("checkout stopped")
    return 0
