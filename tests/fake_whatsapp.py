"""A local stand-in for the WhatsApp Cloud API messages endpoint: checks each request's shape, records messages,
fails as told (429 with Retry-After, 500, 400 with a Graph API error body)."""

from __future__ import annotations

import http.server
import json
import re
import threading
from dataclasses import dataclass, field

TOKEN = "EAAG-token-uji-whatsapp-123"
PHONE_NUMBER_ID = "109876543210987"
VERSION = "v21.0"


@dataclass
class State:
    """Messages accepted, requests refused for their shape, and failures queued for the next requests."""

    messages: list[dict] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    """Each entry answers one request: "429", "500", "400" (invalid parameter), "401" (bad token)."""


def _graph_error(message: str, kind: str, code: int) -> dict:
    return {"error": {"message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEf123"}}


def shape_problem(body: object) -> str | None:
    """What is wrong with a template message body, as the Cloud API would refuse it; None when it is well formed."""
    if not isinstance(body, dict) or body.get("messaging_product") != "whatsapp":
        return "messaging_product harus whatsapp"
    if not isinstance(body.get("to"), str) or not re.fullmatch(r"62[1-9][0-9]{7,11}", body["to"]):
        return "to harus nomor E.164 Indonesia tanpa +"
    if body.get("type") != "template" or not isinstance(body.get("template"), dict):
        return "type harus template"
    template = body["template"]
    if not isinstance(template.get("name"), str) or not re.fullmatch(r"[a-z0-9_]{1,512}", template["name"]):
        return "template.name tidak sah"
    if not isinstance(template.get("language"), dict) or not isinstance(template["language"].get("code"), str):
        return "template.language.code wajib"
    for component in template.get("components", []):
        if component.get("type") != "body":
            return "hanya komponen body yang dipakai"
        for parameter in component.get("parameters", []):
            text = parameter.get("text")
            if parameter.get("type") != "text" or not isinstance(text, str) or not text:
                return "parameter body harus teks yang tidak kosong"
            if re.search(r"[\n\t]| {4}", text) or len(text) > 1024:
                return "parameter tidak boleh memuat baris baru, tab atau empat spasi"
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    state: State

    def log_message(self, *args):  # silence the default stderr log
        pass

    def _reply(self, status: int, data: object, headers: dict | None = None) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # noqa: N802 - http.server naming
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path != f"/{VERSION}/{PHONE_NUMBER_ID}/messages":
            return self._reply(404, _graph_error("Unknown path components", "OAuthException", 2500))
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self.state.refused.append("authorization")
            return self._reply(401, _graph_error("Invalid OAuth access token - Cannot parse access token", "OAuthException", 190))
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            self.state.refused.append("content-type")
            return self._reply(400, _graph_error("Unsupported post request", "GraphMethodException", 100))
        if self.state.failures:
            return self._fail(self.state.failures.pop(0))
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        problem = shape_problem(body)
        if problem is not None:
            self.state.refused.append(problem)
            return self._reply(400, _graph_error(f"(#100) Invalid parameter: {problem}", "OAuthException", 100))
        message_id = f"wamid.uji{len(self.state.messages) + 1:04d}"
        self.state.messages.append({**body, "id": message_id})
        self._reply(200, {"messaging_product": "whatsapp", "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                          "messages": [{"id": message_id}]})

    def _fail(self, kind: str) -> None:
        if kind == "429":
            self._reply(429, _graph_error("(#130429) Rate limit hit", "OAuthException", 130429), {"Retry-After": "23"})
        elif kind == "500":
            self._reply(500, _graph_error("An unknown error has occurred.", "OAuthException", 1))
        elif kind == "401":
            self._reply(401, _graph_error("Error validating access token: Session has expired", "OAuthException", 190))
        else:  # 400: the number echoed back, as some real errors do, so tests can check it is never logged
            self._reply(400, _graph_error("(#131026) Message undeliverable to 6281234567890", "OAuthException", 131026))


class FakeWhatsApp:
    """The stand-in on one 127.0.0.1 port; `settings()` gives the KLINIK_WHATSAPP_* values that point at it."""

    def __init__(self) -> None:
        self.state = State()
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def settings(self) -> dict:
        return {"whatsapp_token": TOKEN, "whatsapp_phone_number_id": PHONE_NUMBER_ID, "whatsapp_api_url": self.url,
                "whatsapp_api_version": VERSION}

    def texts(self, message: dict) -> list[str]:
        """The body parameters of one recorded message."""
        return [p["text"] for c in message["template"]["components"] for p in c["parameters"]]

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
