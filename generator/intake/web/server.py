"""Read deadlines for the HTTP server: slow or endless requests cannot hold connections (slowloris)."""

from __future__ import annotations

import asyncio
import json

from uvicorn.protocols.http.flow_control import service_unavailable
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from generator.intake.web.headers import PLAIN_HEADERS

MAX_HEADER_BYTES = 65_536  # request line plus headers; a browser sends a few kilobytes
BODY_GRACE_SECONDS = 2.0  # the app answers a stalled body with 408 first; the connection closes after this
MIN_BODY_RATE = 16 * 1024
"""Bytes per second each received body byte buys beyond body_seconds: three photos over a 128 kbit/s phone link
arrive, while a client trickling a few bytes still meets the deadline."""
LINGER_SECONDS = 2.0  # after an answer of our own, read and drop what the client still sends, so it gets the answer
BODY_TIMEOUT = "Kiriman terlalu lambat diterima ({detik} detik). Periksa koneksi Anda lalu kirim lagi."
BUSY = "Server sedang sibuk. Coba lagi dalam beberapa detik."
BAD_REQUEST = "Permintaan HTTP tidak valid."
HEADERS_TOO_LARGE = "Header permintaan terlalu besar."


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with deadlines it lacks: headers must arrive within header_seconds of the
    connection (or of the request's first byte on a kept-alive one), the body within body_seconds after them.
    It hooks uvicorn 0.54's parser callbacks and `_start_asgi_task` (uvicorn is pinned in pyproject.toml)."""

    header_seconds = 10.0
    body_seconds = 30.0

    def connection_made(self, transport) -> None:
        self._read_timer: asyncio.TimerHandle | None = None
        self._header_bytes, self._reading_headers, self._discarding = 0, True, False
        super().connection_made(transport)
        self._arm(self.header_seconds)

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._discarding:
            return
        if self._reading_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        if self._reading_headers and self._header_bytes > MAX_HEADER_BYTES and not self.transport.is_closing():
            self._answer(431, HEADERS_TOO_LARGE)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if not self._reading_headers:  # a further request on a kept-alive connection: its own header deadline
            self._reading_headers, self._header_bytes = True, 0
            self._arm(self.header_seconds)

    def on_headers_complete(self) -> None:
        self._reading_headers = False
        self._body_deadline = self.loop.time() + self.body_seconds + BODY_GRACE_SECONDS
        self._arm(self.body_seconds + BODY_GRACE_SECONDS)
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if self._read_timer is not None:  # a body arriving at a steady pace earns its own time
            self._body_deadline += len(body) / MIN_BODY_RATE
            self._arm(max(0.0, self._body_deadline - self.loop.time()))
        super().on_body(body)

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def send_400_response(self, msg: str) -> None:
        self._answer(400, BAD_REQUEST)

    def _start_asgi_task(self, cycle, app) -> None:
        super()._start_asgi_task(cycle, busy if app is service_unavailable else app)

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._read_timer = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _too_slow(self) -> None:
        """Headers or body still incomplete at the deadline: close (nothing useful can be answered)."""
        self._read_timer = None
        if not self.transport.is_closing():
            self.transport.close()

    def _answer(self, status: int, text: str) -> None:
        """A short plain-text answer written by the HTTP layer itself, then a lingering close: closing at once with
        unread input would reset the connection and the client would lose the answer."""
        body = text.encode("utf-8")
        lines = [STATUS_LINE[status], *(name + b": " + value + b"\r\n" for name, value in PLAIN_HEADERS),
                 b"content-type: text/plain; charset=utf-8\r\n", b"content-length: %d\r\n" % len(body),
                 b"connection: close\r\n\r\n", body]
        self.transport.write(b"".join(lines))
        if not self.transport.can_write_eof():
            self.transport.close()
            return
        self.transport.write_eof()
        self._discarding, self._reading_headers = True, False
        self.flow.resume_reading()
        self._arm(LINGER_SECONDS)


async def busy(scope, receive, send) -> None:
    """503 beyond the concurrency limit, in Indonesian and with the protection headers."""
    body = BUSY.encode("utf-8")
    await send({"type": "http.response.start", "status": 503, "headers": [
        *PLAIN_HEADERS, (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        (b"retry-after", b"5"), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body, "more_body": False})


class BodyTooSlow(Exception):
    """The request body did not arrive within the deadline."""


class BodyTimeout:
    """ASGI middleware: a request body not complete within `seconds` is answered 408 and the connection closed."""

    def __init__(self, app, seconds: float):
        self.app, self.seconds = app, seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        loop = asyncio.get_running_loop()
        deadline, state = loop.time() + self.seconds, {"complete": False, "started": False}

        async def timed_receive():
            nonlocal deadline
            if state["complete"]:
                return await receive()  # after the body only a disconnect can come: no deadline
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise BodyTooSlow from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                state["complete"] = True
            deadline += len(message.get("body", b"")) / MIN_BODY_RATE  # as GuardedProtocol.on_body
            return message

        async def watched_send(message):
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, timed_receive, watched_send)
        except BodyTooSlow:
            if state["started"]:
                raise
            body = json.dumps({"galat": {"formulir": BODY_TIMEOUT.format(detik=f"{self.seconds:g}")}}, ensure_ascii=False).encode()
            await send({"type": "http.response.start", "status": 408, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body, "more_body": False})


def protocol_class(header_seconds: float, body_seconds: float) -> type[GuardedProtocol]:
    """GuardedProtocol with this deployment's deadlines (uvicorn builds one protocol object per connection)."""
    return type("KlinikHttpProtocol", (GuardedProtocol,), {"header_seconds": header_seconds, "body_seconds": body_seconds})


def uvicorn_options(settings) -> dict:
    """What `klinik intake serve` (and the tests' live server) pass to uvicorn besides the app and address."""
    return {
        "http": protocol_class(settings.header_timeout_seconds, settings.body_timeout_seconds),
        "limit_concurrency": settings.max_concurrency,
        "timeout_keep_alive": settings.keep_alive_seconds,
    }
