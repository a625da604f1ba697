"""A small GitHub REST client that follows GitHub's rules: serial, paced, honouring rate-limit headers."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime

import httpx
import jwt

from generator.intake.model import PublishError, PublishRetry

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
HINTS = {401: "token ditolak", 403: "akses ditolak", 404: "repositori, cabang atau berkas tidak ditemukan (atau token tanpa akses)"}
DEFAULT_RETRY_S = 60.0
"""GitHub's advice when a limit is hit without retry-after or reset: wait at least one minute."""


@dataclass
class Reply:
    """Status and decoded JSON body of one GitHub response."""

    status: int
    data: object

    @property
    def message(self) -> str:
        return str(self.data.get("message", "")) if isinstance(self.data, dict) else ""


def _retry_after(response: httpx.Response, now: float) -> float | None:
    """Seconds to wait from Retry-After or an exhausted x-ratelimit window; None if no header says."""
    headers = response.headers
    if headers.get("retry-after", "").strip().isdigit():
        return float(headers["retry-after"])
    if headers.get("x-ratelimit-remaining") == "0" and headers.get("x-ratelimit-reset", "").isdigit():
        return max(0.0, float(headers["x-ratelimit-reset"]) - now) + 1.0
    return None


class GitHubClient:
    """One request at a time (a lock), at least `min_interval_s` between mutating calls."""

    def __init__(
        self, api_url: str = "https://api.github.com", *, token: str | None = None, app_id: str | None = None,
        app_private_key: str | None = None, installation_id: str | None = None, min_interval_s: float = 1.0,
        timeout_s: float = 20.0,
    ):
        if not token and not (app_id and app_private_key and installation_id):
            raise PublishError("GitHub: isi token, atau app id + kunci privat + installation id GitHub App")
        self._token, self._app = token, (app_id, app_private_key, installation_id)
        self._installation_token: tuple[str, float] | None = None
        self._http = httpx.Client(base_url=api_url.rstrip("/"), timeout=timeout_s, headers={
            "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "klinik-pkp-intake",
        })
        self._lock = threading.Lock()
        self._min_interval_s = min_interval_s
        self._last_mutation = float("-inf")

    def close(self) -> None:
        self._http.close()

    def _app_jwt(self) -> str:
        app_id, key, _ = self._app
        now = int(time.time())
        try:
            return jwt.encode({"iat": now - 60, "exp": now + 540, "iss": str(app_id)}, key, algorithm="RS256")
        except (ValueError, TypeError, jwt.PyJWTError) as exc:
            raise PublishError(f"GitHub App: kunci privat tidak bisa dipakai ({type(exc).__name__})") from None

    def _auth(self) -> str:
        """Bearer token: the fixed token, or an installation token cached until a minute before expiry."""
        if self._token:
            return self._token
        cached = self._installation_token
        if cached and cached[1] - 60 > time.time():
            return cached[0]
        reply = self._send("POST", f"/app/installations/{self._app[2]}/access_tokens", None, self._app_jwt(), "token GitHub App")
        token = reply.data.get("token") if isinstance(reply.data, dict) else None
        if reply.status != 201 or not token:
            raise PublishError(f"GitHub App: {reply.status} saat meminta token instalasi ({reply.message or 'tanpa token'})")
        try:
            expiry = datetime.fromisoformat(str(reply.data.get("expires_at")).replace("Z", "+00:00")).timestamp()
        except ValueError:
            expiry = time.time() + 3000  # GitHub's installation tokens live one hour
        self._installation_token = (token, expiry)
        return token

    def _pace(self, method: str) -> None:
        """Wait until `min_interval_s` has passed since the last mutating call finished."""
        if method in MUTATING:
            wait = self._last_mutation + self._min_interval_s - time.monotonic()
            if wait > 0:
                time.sleep(wait)

    def _send(self, method: str, path: str, body: object, bearer: str, what: str) -> Reply:
        try:
            response = self._http.request(method, path, json=body, headers={"Authorization": f"Bearer {bearer}"})
        except httpx.TimeoutException:
            raise PublishRetry(f"GitHub: waktu habis saat {what}") from None
        except httpx.TransportError as exc:
            raise PublishRetry(f"GitHub tidak terjangkau saat {what} ({type(exc).__name__})") from None
        try:
            data = response.json() if response.content else None
        except ValueError:
            data = None
        reply = Reply(response.status_code, data)
        if response.status_code in (403, 429):
            after = _retry_after(response, time.time())
            limited = after is not None or response.status_code == 429 or "x-ratelimit-remaining" not in response.headers
            if limited or "rate limit" in reply.message.lower():
                raise PublishRetry(f"GitHub membatasi laju ({response.status_code}) saat {what}", after if after is not None else DEFAULT_RETRY_S)
        if response.status_code >= 500:
            raise PublishRetry(f"GitHub galat {response.status_code} saat {what}")
        return reply

    def request(self, method: str, path: str, body: object = None, *, what: str, ok: tuple[int, ...] = ()) -> Reply:
        """Send one request; 2xx and statuses in `ok` return, others raise PublishRetry or PublishError."""
        with self._lock:
            self._pace(method)
            try:
                reply = self._send(method, path, body, self._auth(), what)
                if reply.status == 401 and not self._token:  # an installation token may expire early: renew once
                    self._installation_token = None
                    reply = self._send(method, path, body, self._auth(), what)
            finally:
                if method in MUTATING:
                    self._last_mutation = time.monotonic()
        if 200 <= reply.status < 300 or reply.status in ok:
            return reply
        hint = HINTS.get(reply.status)
        text = f"{hint} ({reply.message})" if hint and reply.message else hint or reply.message or "permintaan ditolak"
        raise PublishError(f"GitHub {reply.status} saat {what}: {text}")
