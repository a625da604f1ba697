"""Spam defence without a third party: honeypot, signed single-use form token (fill time), client IP, ALTCHA."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import json
import secrets
import time
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs

import altcha

from generator.intake.store.replay import Proof
from generator.util.secure import same

TOKEN_MAX_AGE = 24 * 3600
MAX_TOKEN_CHARS, MAX_PAYLOAD_CHARS = 200, 2048
FORM_UNKNOWN = "Formulir tidak dikenali. Muat ulang halaman Ajukan pertanyaan lalu kirim lagi."
ALTCHA_FAILED = "Pemeriksaan anti-spam (ALTCHA) gagal. Muat ulang halaman lalu kirim lagi."
REPLAYED = {
    "form": "Formulir ini sudah dipakai untuk mengirim pertanyaan. Muat ulang halaman Ajukan pertanyaan untuk pertanyaan baru.",
    "altcha": ALTCHA_FAILED,
}
_URLSAFE = str.maketrans("-_", "+/")


def _sign(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def issue_form_token(key: bytes, now: float | None = None) -> str:
    """A single-use token that proves when the form was served: '<unix time>.<random nonce>.<HMAC>'."""
    body = f"{int(now if now is not None else time.time())}.{secrets.token_hex(8)}"
    return f"{body}.{_sign(key, body)}"


def form_token_proof(key: bytes, token: str, min_seconds: float, now: float | None = None) -> tuple[str | None, Proof | None]:
    """(None, proof to spend) when the form was served by us long enough ago; else (Indonesian reason, None)."""
    parts = token.split(".") if len(token) <= MAX_TOKEN_CHARS and token.isascii() else []  # ours are ASCII
    if len(parts) != 3 or not same(parts[2], _sign(key, f"{parts[0]}.{parts[1]}")) or not (parts[0].isascii() and parts[0].isdigit()):
        return FORM_UNKNOWN, None
    issued = int(parts[0])
    age = (now if now is not None else time.time()) - issued
    if age > TOKEN_MAX_AGE:
        return "Formulir sudah kedaluwarsa (lebih dari 24 jam). Muat ulang halaman lalu kirim lagi.", None
    if age < min_seconds:
        return "Formulir dikirim terlalu cepat. Tunggu beberapa detik lalu kirim lagi.", None
    expires = datetime.fromtimestamp(issued + TOKEN_MAX_AGE + 60, timezone.utc)
    return None, Proof("form", parts[2], expires)  # the HMAC names the token: it signs the time and the nonce


def check_form_token(key: bytes, token: str, min_seconds: float, now: float | None = None) -> str | None:
    """None when the form was served by us long enough ago; else the Indonesian reason (spending is separate)."""
    return form_token_proof(key, token, min_seconds, now)[0]


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


def _decode_payload(payload: str) -> dict | None:
    """The ALTCHA payload's JSON object, from standard or URL-safe base64 with or without padding; else None."""
    text = "".join(payload.split())
    if not text or len(text) > MAX_PAYLOAD_CHARS or not text.isascii():
        return None
    text = text.rstrip("=").translate(_URLSAFE)
    try:
        data = json.loads(base64.b64decode(text + "=" * (-len(text) % 4), validate=True).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def altcha_proof(key: bytes, payload: str, now: float | None = None) -> Proof | None:
    """The solved challenge behind a payload, however the payload was re-encoded; None unless the browser solved
    one of our unexpired SHA-256 challenges (same scheme as altcha.create_challenge_v1, checked in constant time)."""
    data = _decode_payload(payload)
    if data is None or data.get("algorithm") != "SHA-256":
        return None
    challenge, salt, signature, number = (data.get(k) for k in ("challenge", "salt", "signature", "number"))
    if not (isinstance(challenge, str) and isinstance(salt, str) and isinstance(signature, str)) or len(salt) > 200:
        return None
    if isinstance(number, int) and not isinstance(number, bool) and 0 <= number < 10**12:
        number = str(number)
    elif not (isinstance(number, str) and number.isascii() and number.isdigit() and len(number) <= 12):
        return None
    expires = parse_qs(salt.partition("?")[2]).get("expires", [])
    if len(expires) != 1 or not (expires[0].isascii() and expires[0].isdigit() and len(expires[0]) <= 12):
        return None
    if int(expires[0]) < (now if now is not None else time.time()):
        return None
    hashed = salt if salt.endswith("&") else salt + "&"  # the library adds this delimiter when hashing, so do we
    expected = hashlib.sha256((hashed + number).encode("utf-8", "surrogatepass")).hexdigest()
    if not same(challenge, expected) or not same(signature, _sign(key, expected)):
        return None
    return Proof("altcha", expected, datetime.fromtimestamp(int(expires[0]) + 60, timezone.utc))
