"""Routing: a request (method, path, body) to a response, without sockets, so the tests call it directly."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional

from . import pricing
from .metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from .metrics import Metrics

MAX_BODY_BYTES = 64 * 1024
TEXT = "text/plain; charset=utf-8"
JSON = "application/json"


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = TEXT
    headers: Dict[str, str] = field(default_factory=dict)


def text(status: int, body: str) -> Response:
    return Response(status, body.encode("utf-8"))


def as_json(status: int, value: object) -> Response:
    return Response(status, json.dumps(value, sort_keys=True).encode("utf-8"), JSON)


class App:
    """The service: liveness, readiness (503 while draining), metrics and the quote endpoint."""

    def __init__(self, metrics: Optional[Metrics] = None) -> None:
        self.metrics = metrics or Metrics()
        self._draining = threading.Event()
        self._routes: Dict[str, Dict[str, Callable[[Optional[bytes]], Response]]] = {
            "/healthz": {"GET": lambda _: text(200, "ok")},
            "/readyz": {"GET": self._readyz},
            "/metrics": {"GET": lambda _: Response(200, self.metrics.render().encode("utf-8"), METRICS_CONTENT_TYPE)},
            "/quote": {"POST": self._quote},
        }

    @property
    def draining(self) -> bool:
        return self._draining.is_set()

    def drain(self) -> None:
        """Stop taking traffic: /readyz answers 503 from now on, so Kubernetes takes the pod out."""
        self._draining.set()

    def handle(self, method: str, target: str, body: Optional[bytes]) -> Response:
        """Answers one request; ``body`` None means its Content-Length was not a number."""
        started = time.perf_counter()
        path = target.split("?", 1)[0]
        methods = self._routes.get(path)
        handler_label = path if methods else "unmatched"
        if methods is None:
            response = text(404, "not found")
        elif method not in methods:
            response = text(405, "method not allowed")
            response.headers["Allow"] = ", ".join(sorted(methods))
        else:
            response = methods[method](body)
        self.metrics.observe(method, handler_label, response.status, time.perf_counter() - started)
        return response

    def _readyz(self, _: Optional[bytes]) -> Response:
        return text(503, "draining") if self.draining else text(200, "ready")

    def _quote(self, body: Optional[bytes]) -> Response:
        if body is None:
            return as_json(400, {"errors": ["Content-Length must be a number"]})
        if len(body) > MAX_BODY_BYTES:
            return as_json(413, {"errors": [f"the request body must be at most {MAX_BODY_BYTES} bytes"]})
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return as_json(400, {"errors": ["the request body must be JSON"]})
        try:
            return as_json(200, pricing.quote(payload).to_dict())
        except pricing.ValidationError as invalid:
            return as_json(422, {"errors": invalid.errors})
