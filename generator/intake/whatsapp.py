"""WhatsApp Cloud API template messages, because a citizen always gives a phone and only sometimes an email."""

from __future__ import annotations

import logging
import re

import httpx

from generator.intake.identity import normalise_phone
from generator.intake.settings import IntakeSettings

log = logging.getLogger("klinik.intake.whatsapp")
DEFAULT_RETRY_S = 60.0
RETRY_CODES = {4, 80007, 130429, 131048, 131056}
"""Graph API error codes that mean "too many, slow down" even when the status is 400."""
PARAMETER_MAX = 1000
_DIGIT_RUNS = re.compile(r"[0-9]{6,}+")  # an API message might echo the number; possessive, linear
_SPACING = re.compile(r"[\t\n\r]+| {4,}+")  # a template parameter may hold no new line, tab or four spaces


class WhatsAppRetry(Exception):
    """The message may go through later (429, 5xx, network); `after_seconds` from Retry-After when given."""

    def __init__(self, reason: str, after_seconds: float | None = None):
        super().__init__(reason)
        self.after_seconds = after_seconds


class WhatsAppError(Exception):
    """The API refused the message for good (bad token, unknown template, number not on WhatsApp ...)."""


def configured(settings: IntakeSettings) -> bool:
    """WhatsApp is used only when both the token and the sending number's id are set (KLINIK_WHATSAPP_*)."""
    return settings.whatsapp_token is not None and bool(settings.whatsapp_token.get_secret_value()) and bool(settings.whatsapp_phone_number_id)


def wa_number(phone: str | None) -> str | None:
    """An Indonesian number as the API wants it, E.164 digits without '+': 0812-3456-7890 -> 6281234567890."""
    local = normalise_phone(phone or "")
    return "62" + local[1:] if local else None


def parameter(text: str) -> str:
    """A template body parameter: one line, no tabs or long runs of spaces, within the API's length."""
    return _SPACING.sub(" ", text).strip()[:PARAMETER_MAX] or "-"


def _error_text(response: httpx.Response) -> tuple[str, int | None]:
    """The Graph API's own message and code ({"error": {"message", "type", "code"}}), long digit runs masked."""
    try:
        data = response.json()
    except ValueError:
        data = None
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        return "tanpa keterangan", None
    code = error.get("code") if isinstance(error.get("code"), int) else None
    return _DIGIT_RUNS.sub("…", str(error.get("message", ""))[:300]) or "tanpa keterangan", code


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None


class WhatsApp:
    """A sender for one deployment's number; each send is one POST /{version}/{phone_number_id}/messages."""

    def __init__(self, settings: IntakeSettings, timeout_s: float = 15.0):
        if not configured(settings):
            raise WhatsAppError("WhatsApp belum diatur (KLINIK_WHATSAPP_TOKEN dan KLINIK_WHATSAPP_PHONE_NUMBER_ID)")
        self.settings = settings
        self._path = f"/{settings.whatsapp_api_version}/{settings.whatsapp_phone_number_id}/messages"
        self._http = httpx.Client(base_url=settings.whatsapp_api_url.rstrip("/"), timeout=timeout_s, headers={
            "Authorization": f"Bearer {settings.whatsapp_token.get_secret_value()}", "User-Agent": "klinik-pkp-intake"})

    def __enter__(self) -> WhatsApp:
        return self

    def __exit__(self, *exc) -> None:
        self._http.close()

    def send_template(self, phone: str, template: str, texts: list[str]) -> str:
        """Send one template message; return the API's message id. Raises WhatsAppRetry or WhatsAppError; neither
        message ever holds the number or the token."""
        to = wa_number(phone)
        if to is None:
            raise WhatsAppError("nomor bukan nomor Indonesia yang sah")
        body = {
            "messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": "template",
            "template": {"name": template, "language": {"code": self.settings.whatsapp_language},
                         "components": [{"type": "body", "parameters": [{"type": "text", "text": parameter(t)} for t in texts]}]},
        }
        try:
            response = self._http.post(self._path, json=body)
        except httpx.TimeoutException:
            raise WhatsAppRetry("WhatsApp: waktu habis") from None
        except httpx.TransportError as exc:
            raise WhatsAppRetry(f"WhatsApp tidak terjangkau ({type(exc).__name__})") from None
        status = response.status_code
        if 200 <= status < 300:
            try:
                messages = response.json().get("messages") or [{}]
                return str(messages[0].get("id", ""))
            except (ValueError, AttributeError, IndexError):
                return ""
        message, code = _error_text(response)
        if status == 429 or status >= 500 or code in RETRY_CODES:
            after = _retry_after(response)
            raise WhatsAppRetry(f"WhatsApp {status}: {message}", after if after is not None else DEFAULT_RETRY_S if status == 429 else None)
        raise WhatsAppError(f"WhatsApp {status}{f' (kode {code})' if code is not None else ''}: {message}")


def send_status_link(settings: IntakeSettings, phone: str, ticket: str, link: str) -> bool:
    """Send the asker their private status link (template KLINIK_WHATSAPP_TEMPLATE_STATUS: {{1}} ticket, {{2}} link).
    True when the API accepted it; False when WhatsApp is not configured, the number is not Indonesian, or the API
    refused or was busy (logged with the ticket and reason only: the caller may offer to try again)."""
    if not configured(settings) or wa_number(phone) is None:
        return False
    try:
        with WhatsApp(settings) as wa:
            wa.send_template(phone, settings.whatsapp_template_status, [ticket, link])
    except (WhatsAppRetry, WhatsAppError) as exc:
        log.warning("tautan status belum terkirim lewat WhatsApp", extra={"ticket": ticket, "error": type(exc).__name__, "reason": str(exc)})
        return False
    log.info("tautan status terkirim lewat WhatsApp", extra={"ticket": ticket})
    return True
