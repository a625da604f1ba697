"""Operations without personal data: JSON log lines and Prometheus figures."""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import datetime, timezone

from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

# Only these extra keys ever reach a log line: none of them can hold a name, phone, email or question.
LOG_KEYS = ("ticket", "method", "route", "status", "duration_ms", "attempts", "retry_in_s", "error", "reason", "port")


class JsonFormatter(logging.Formatter):
    """One JSON object per line with a fixed set of keys."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage(),
        }
        entry.update({key: getattr(record, key) for key in LOG_KEYS if hasattr(record, key)})
        return json.dumps(entry, ensure_ascii=False)


class AccessLog:
    """One log line per request as plain ASGI (Starlette's BaseHTTPMiddleware costs a task per request)."""

    def __init__(self, app, logger: logging.Logger):
        self.app, self.log = app, logger

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, status = time.perf_counter(), 500

        async def remember_status(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, remember_status)
        finally:
            route = scope.get("route")  # the router writes the matched route into the shared scope
            self.log.info("permintaan", extra={"method": scope["method"], "status": status,
                                               "route": getattr(route, "path", "statis"),
                                               "duration_ms": round((time.perf_counter() - started) * 1000, 1)})


def setup_logging(level: int = logging.INFO) -> None:
    """Send klinik.* logs as JSON to stderr; silence uvicorn's access log (it prints query strings)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("klinik")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = [handler]
        logging.getLogger(name).propagate = False
    logging.getLogger("uvicorn.access").disabled = True


class StoreCollector:
    """Read the queue figures from the store at scrape time."""

    def __init__(self, store, outbox_ref):
        self.store, self.outbox_ref = store, outbox_ref

    def collect(self):
        stats = self.store.stats(datetime.now(timezone.utc))
        yield GaugeMetricFamily("klinik_outbox_queue_depth", "Pertanyaan tersimpan yang belum dipublikasikan.", value=stats["queue_depth"])
        yield GaugeMetricFamily("klinik_outbox_dead_letters", "Pertanyaan yang gagal dipublikasikan secara permanen.", value=stats["dead_letters"])
        yield GaugeMetricFamily("klinik_oldest_unanswered_age_seconds", "Umur pertanyaan tertua yang belum dijawab (detik).",
                                value=stats["oldest_unanswered_seconds"])
        box = self.outbox_ref()
        yield CounterMetricFamily("klinik_publish_failures", "Percobaan publikasi yang gagal sejak proses mulai.",
                                  value=box.failures if box is not None else 0)


class Metrics:
    """The app's registry: counters of requests by outcome plus the store figures."""

    def __init__(self, store, outbox_ref):
        self.registry = CollectorRegistry()
        self.registry.register(StoreCollector(store, outbox_ref))
        self.submissions = Counter("klinik_submissions", "Kiriman formulir menurut hasil.", ["hasil"], registry=self.registry)

    def render(self) -> bytes:
        return generate_latest(self.registry)
