"""A local stand-in for GitHub's OAuth web flow (github.com/login/oauth/...): authorize and the code exchange.

`GET /login/oauth/authorize` answers as GitHub does for a person who already approved the app: a 302 back to
`redirect_uri` with a one-time `code` and the same `state` (or, told to deny, `error=access_denied`).
`POST /login/oauth/access_token` trades a code once for a token, checking client id, secret and redirect_uri,
and answers GitHub's JSON (an `error` body with status 200 for a bad code, as GitHub does)."""

from __future__ import annotations

import http.server
import json
import secrets
import threading
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

CLIENT_ID = "Iv1.klinikuji0123"
CLIENT_SECRET = "rahasia-oauth-uji-456"


@dataclass
class OAuthState:
    """Issued codes, requests seen, and how the next authorize or exchange should behave."""

    codes: dict[str, dict] = field(default_factory=dict)  # code -> {client_id, redirect_uri, scope, used}
    tokens: list[str] = field(default_factory=list)
    authorize_requests: list[dict] = field(default_factory=list)
    exchange_requests: list[dict] = field(default_factory=list)
    deny: bool = False
    exchange_failure: str = ""  # "500": the token URL answers an HTML error page (a stopped server refuses instead)


class OAuthHandler(http.server.BaseHTTPRequestHandler):
    state: OAuthState

    def log_message(self, *args):  # noqa: D401 - silence the default stderr log
        pass

    def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server naming
        """The authorize page of a person who already approved the app: straight back with a code (or a refusal)."""
        url = urlsplit(self.path)
        if url.path != "/login/oauth/authorize":
            return self._send(404, b"Not Found", "text/plain")
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.state.authorize_requests.append(query)
        if query.get("client_id") != CLIENT_ID or not query.get("redirect_uri"):
            return self._send(404, b"<h1>404</h1>", "text/html")
        back = {"state": query.get("state", "")}
        if self.state.deny:
            back |= {"error": "access_denied", "error_description": "The user has denied your application access."}
        else:
            code = secrets.token_hex(10)
            self.state.codes[code] = {"client_id": CLIENT_ID, "redirect_uri": query["redirect_uri"], "scope": query.get("scope", ""), "used": False}
            back = {"code": code, **back}
        self._send(302, b"", "text/html", {"Location": f"{query['redirect_uri']}?{urlencode(back)}"})

    def do_POST(self):  # noqa: N802
        """The token URL: one use per code, client and redirect_uri checked, GitHub's JSON answers."""
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        self.state.exchange_requests.append({**form, "accept": self.headers.get("Accept", "")})
        if url.path != "/login/oauth/access_token":
            return self._send(404, b"Not Found", "text/plain")
        if self.state.exchange_failure == "500":
            return self._send(500, b"<html><body>Whoa there!</body></html>", "text/html")
        issued = self.state.codes.get(form.get("code", ""))
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return self._json({"error": "incorrect_client_credentials", "error_description": "The client_id and/or client_secret passed are incorrect."})
        if issued is None or issued["used"]:
            return self._json({"error": "bad_verification_code", "error_description": "The code passed is incorrect or expired."})
        if issued["redirect_uri"] != form.get("redirect_uri"):
            return self._json({"error": "redirect_uri_mismatch", "error_description": "The redirect_uri MUST match the registered callback URL."})
        issued["used"] = True
        token = "gho_" + secrets.token_hex(18)
        self.state.tokens.append(token)
        self._json({"access_token": token, "token_type": "bearer", "scope": issued["scope"]})

    def _json(self, data: dict) -> None:
        self._send(200, json.dumps(data).encode(), "application/json; charset=utf-8")


class FakeGitHubOAuth:
    """Start and stop the fake on a 127.0.0.1 port (stopped: connection refused)."""

    def __init__(self) -> None:
        self.state = OAuthState()
        handler = type("BoundOAuthHandler", (OAuthHandler,), {"state": self.state})
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
