"""Request metrics in Prometheus' text format, with the names of Switchback's ``prometheus-client`` profile.

``http_requests_total{method,handler,code}`` counts requests by status (the health-monitor's error rate);
``http_request_duration_seconds`` is a classic histogram with a bucket at 0.5 s (its p95 latency check).
"""

from __future__ import annotations

import threading
from typing import Dict, List, Tuple

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(**labels: str) -> str:
    return ",".join(f'{name}="{_escape(value)}"' for name, value in labels.items())


class Metrics:
    """Thread-safe counters for the requests a server answered."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: Dict[Tuple[str, str, str], int] = {}
        # (method, handler) -> [count per bucket (not cumulative)..., count, sum]
        self._latency: Dict[Tuple[str, str], List[float]] = {}

    def observe(self, method: str, handler: str, status: int, seconds: float) -> None:
        with self._lock:
            key = (method, handler, str(status))
            self._requests[key] = self._requests.get(key, 0) + 1
            series = self._latency.setdefault((method, handler), [0] * len(BUCKETS) + [0, 0.0])
            for index, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    series[index] += 1
                    break
            series[-2] += 1
            series[-1] += seconds

    def requests(self, method: str, handler: str, status: int) -> int:
        with self._lock:
            return self._requests.get((method, handler, str(status)), 0)

    def render(self) -> str:
        with self._lock:
            requests = sorted(self._requests.items())
            latency = sorted((key, list(series)) for key, series in self._latency.items())
        lines = [
            "# HELP http_requests_total HTTP requests answered, by method, handler and status code.",
            "# TYPE http_requests_total counter",
        ]
        for (method, handler, code), count in requests:
            lines.append(f"http_requests_total{{{_labels(method=method, handler=handler, code=code)}}} {count}")
        lines += [
            "# HELP http_request_duration_seconds Time to answer an HTTP request.",
            "# TYPE http_request_duration_seconds histogram",
        ]
        for (method, handler), series in latency:
            labels = _labels(method=method, handler=handler)
            cumulative = 0
            for bound, count in zip(BUCKETS, series):
                cumulative += count
                lines.append(f'http_request_duration_seconds_bucket{{{labels},le="{bound}"}} {int(cumulative)}')
            lines.append(f'http_request_duration_seconds_bucket{{{labels},le="+Inf"}} {int(series[-2])}')
            lines.append(f"http_request_duration_seconds_sum{{{labels}}} {series[-1]:.6f}")
            lines.append(f"http_request_duration_seconds_count{{{labels}}} {int(series[-2])}")
        return "\n".join(lines) + "\n"
