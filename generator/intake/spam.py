"""Spam defence without a third party: honeypot, signed form token (fill time), per-IP limit, ALTCHA."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import threading
import time
from collections import deque
from datetime import datetime, timedelta, timezone

import altcha

TOKEN_MAX_AGE = 24 * 3600


def issue_form_token(key: bytes, now: float | None = None) -> str:
    """A token that proves when the form was served: '<unix time>.<HMAC>'."""
    issued = str(int(now if now is not None else time.time()))
    return f"{issued}.{hmac.new(key, issued.encode(), hashlib.sha256).hexdigest()}"


def check_form_token(key: bytes, token: str, min_seconds: float, now: float | None = None) -> str | None:
    """None when the form was served by us long enough ago; else the Indonesian reason."""
    issued, _, signature = token.partition(".")
    expected = hmac.new(key, issued.encode(), hashlib.sha256).hexdigest()
    if not issued.isdigit() or not hmac.compare_digest(signature, expected):
        return "Formulir tidak dikenali. Muat ulang halaman Ajukan pertanyaan lalu kirim lagi."
    age = (now if now is not None else time.time()) - int(issued)
    if age > TOKEN_MAX_AGE:
        return "Formulir sudah kedaluwarsa (lebih dari 24 jam). Muat ulang halaman lalu kirim lagi."
    if age < min_seconds:
        return "Formulir dikirim terlalu cepat. Tunggu beberapa detik lalu kirim lagi."
    return None


class RateLimiter:
    """Sliding-window counter per client IP, in memory (one intake process)."""

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: str, limit: int, window: float, now: float | None = None) -> int:
        """Seconds until `key` may send again (0 = allowed now)."""
        now = now if now is not None else time.monotonic()
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                return 0
            while hits and hits[0] <= now - window:
                hits.popleft()
            if not hits:
                del self._hits[key]
                return 0
            return 0 if len(hits) < limit else max(1, int(hits[0] + window - now + 0.999))

    def hit(self, key: str, now: float | None = None) -> None:
        with self._lock:
            self._hits.setdefault(key, deque()).append(now if now is not None else time.monotonic())


def client_ip(peer: str | None, forwarded_for: str | None, trusted: list[str]) -> str:
    """The citizen's IP: the peer, or the nearest untrusted address in X-Forwarded-For behind our proxies."""
    peer = peer or "unknown"
    if not forwarded_for or peer not in trusted:
        return peer
    for candidate in reversed([part.strip() for part in forwarded_for.split(",")]):
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            return peer
        if candidate not in trusted:
            return candidate
    return peer


def altcha_challenge(key: bytes, difficulty: int) -> dict:
    """A fresh ALTCHA (protocol v1, SHA-256) challenge valid for 20 minutes, for the self-hosted widget."""
    expires = datetime.now(timezone.utc) + timedelta(minutes=20)
    challenge = altcha.create_challenge_v1(altcha.ChallengeOptionsV1(hmac_key=key.decode(), max_number=difficulty, expires=expires))
    return {
        "algorithm": challenge.algorithm, "challenge": challenge.challenge, "maxnumber": challenge.max_number,
        "salt": challenge.salt, "signature": challenge.signature,
    }


class SeenPayloads:
    """Each solved ALTCHA stores one question (replay protection); a post with field errors may reuse it."""

    def __init__(self) -> None:
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def used(self, payload: str) -> bool:
        with self._lock:
            return payload in self._seen

    def remember(self, payload: str, now: float | None = None) -> None:
        """Called once the question is stored; forgotten after the challenge's 20 minutes are long over."""
        now = now if now is not None else time.monotonic()
        with self._lock:
            self._seen = {p: t for p, t in self._seen.items() if t > now - 1800}
            self._seen[payload] = now


def altcha_ok(key: bytes, payload: str) -> bool:
    """Whether the browser solved one of our unexpired challenges; malformed input is simply False."""
    try:
        ok, _ = altcha.verify_solution_v1(payload, key.decode(), check_expires=True)
    except Exception:  # the payload is attacker-controlled base64/JSON: any parse error means "not solved"
        return False
    return bool(ok)
