"""Operations without personal data: JSON log lines and Prometheus figures."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import sysconfig
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from starlette.requests import ClientDisconnect

from generator.intake.staff.deadline_watch import counts
from generator.intake.store.sent import SentLog
from generator.util.dates import today

# Only these extra keys ever reach a log line: none of them can hold a name, phone, email or question.
LOG_KEYS = ("ticket", "method", "route", "status", "duration_ms", "attempts", "retry_in_s", "error", "reason", "port")
CLIENT_CLOSED = 499  # nginx's status for "the client closed the connection before the response"
MAX_FRAMES = 40
PROJECT_ROOT = str(Path(__file__).resolve().parents[3]) + "/"  # the checkout holding generator/
STDLIB = sysconfig.get_paths()["stdlib"] + "/"


def where(frame: traceback.FrameSummary) -> str:
    """file:line:function of one frame, the file relative to the project or to site-packages."""
    path = frame.filename
    if "site-packages/" in path:
        path = path.rsplit("site-packages/", 1)[1]
    elif path.startswith(PROJECT_ROOT):
        path = path[len(PROJECT_ROOT):]
    elif path.startswith(STDLIB):
        path = path[len(STDLIB):]
    return f"{path}:{frame.lineno}:{frame.name}"


def exception_fields(exc: BaseException) -> dict:
    """The exception's type, its cause's type and where it was raised: never its message (SQLAlchemy's quotes the
    statement's parameters, i.e. a citizen's data) nor any frame's locals."""
    fields = {"exception": qualified(type(exc))}
    cause = exc.__cause__ or exc.__context__
    if cause is None and isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        cause = exc.exceptions[0]
    if cause is not None:
        fields["cause"] = qualified(type(cause))
    fields["frames"] = [where(frame) for frame in traceback.extract_tb(exc.__traceback__, limit=-MAX_FRAMES)]
    return fields


def qualified(kind: type) -> str:
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


class JsonFormatter(logging.Formatter):
    """One JSON object per line with a fixed set of keys; an exception adds its type and frames only."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage(),
        }
        entry.update({key: getattr(record, key) for key in LOG_KEYS if hasattr(record, key)})
        if record.exc_info and record.exc_info[1] is not None:
            entry.update(exception_fields(record.exc_info[1]))
        return json.dumps(entry, ensure_ascii=False)


class AccessLog:
    """One log line per request as plain ASGI (Starlette's BaseHTTPMiddleware costs a task per request).

    A client that leaves before its response is complete is logged as 499 at info level and nothing is raised
    further (there is no one to answer); any other exception is logged with its type and frames, then re-raised
    so Starlette answers 500."""

    def __init__(self, app, logger: logging.Logger):
        self.app, self.log = app, logger

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, state = time.perf_counter(), {"status": 500, "complete": False, "gone": False}

        async def remember_status(message):
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                state["complete"] = True
            await send(message)

        async def watch_disconnect():
            message = await receive()
            if message["type"] == "http.disconnect" and not state["complete"]:
                state["gone"] = True
            return message

        failure: BaseException | None = None
        try:
            await self.app(scope, watch_disconnect, remember_status)
        except ClientDisconnect:  # Starlette raises it only once the client has gone
            state["gone"] = True
        except BaseException as exc:
            failure = exc
            if not (state["gone"] and isinstance(exc, OSError)):
                raise
        finally:
            route = scope.get("route")  # the router writes the matched route into the shared scope
            extra = {"method": scope["method"], "status": state["status"], "route": getattr(route, "path", "statis"),
                     "duration_ms": round((time.perf_counter() - started) * 1000, 1)}
            if isinstance(failure, Exception) and not (state["gone"] and isinstance(failure, OSError)):
                self.log.error("permintaan gagal", exc_info=failure, extra={**extra, "status": 500})
            elif isinstance(failure, asyncio.CancelledError) or (state["gone"] and not state["complete"]):
                self.log.info("klien memutus koneksi", extra={**extra, "status": CLIENT_CLOSED})
            else:
                self.log.info("permintaan", extra=extra)


def setup_logging(level: int = logging.INFO) -> None:
    """Send klinik.* logs as JSON to stderr; silence uvicorn's access log (it prints query strings). Every other
    library's warnings go through the same formatter: Python's fallback would print exception messages."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    logging.getLogger().handlers[:] = [handler]
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

    def __init__(self, store, outbox_ref, balai: tuple[str, ...] = ()):
        self.store, self.outbox_ref, self.balai = store, outbox_ref, balai  # every Balai slug, so each shows 0 too

    def collect(self):
        stats = self.store.stats(datetime.now(timezone.utc))
        yield GaugeMetricFamily("klinik_outbox_queue_depth", "Pertanyaan tersimpan yang belum dipublikasikan.", value=stats["queue_depth"])
        yield GaugeMetricFamily("klinik_outbox_dead_letters", "Pertanyaan yang gagal dipublikasikan secara permanen.", value=stats["dead_letters"])
        yield GaugeMetricFamily("klinik_oldest_unanswered_age_seconds", "Umur pertanyaan tertua yang belum dijawab (detik).",
                                value=stats["oldest_unanswered_seconds"])
        yield GaugeMetricFamily("klinik_whatsapp_failed", "Pesan WhatsApp yang gagal permanen (ditolak, atau gagal sebanyak "
                                "KLINIK_WHATSAPP_MAX_ATTEMPTS kali).", value=SentLog(self.store).failed_count("-wa"))
        yield from self.per_balai()
        box = self.outbox_ref()
        yield CounterMetricFamily("klinik_publish_failures", "Percobaan publikasi yang gagal sejak proses mulai.",
                                  value=box.failures if box is not None else 0)


    def per_balai(self):
        """Open, due-today and late questions per Balai, from one grouped query (staff/deadline_watch.counts)."""
        figures = counts(self.store, today())
        families = {key: GaugeMetricFamily(name, help_text, labels=["balai"]) for key, name, help_text in (
            ("terbuka", "klinik_layanan_terbuka", "Pertanyaan daring yang belum dijawab, per Balai."),
            ("jatuh_tempo", "klinik_layanan_jatuh_tempo_hari_ini", "Pertanyaan belum dijawab yang tenggatnya hari ini (WIB), per Balai."),
            ("terlambat", "klinik_layanan_terlambat", "Pertanyaan belum dijawab yang sudah lewat tenggat, per Balai."))}
        for balai in sorted(set(self.balai) | set(figures)):
            for key, family in families.items():
                family.add_metric([balai], figures.get(balai, {}).get(key, 0))
        yield from families.values()


class Metrics:
    """The app's registry: counters of requests by outcome plus the store figures."""

    def __init__(self, store, outbox_ref, balai: tuple[str, ...] = ()):
        self.registry = CollectorRegistry()
        self.registry.register(StoreCollector(store, outbox_ref, balai))
        self.submissions = Counter("klinik_submissions", "Kiriman formulir menurut hasil.", ["hasil"], registry=self.registry)

    def render(self) -> bytes:
        return generate_latest(self.registry)
