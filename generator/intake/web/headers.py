"""Protection headers on every response: a CSP that runs only the site's own script files, and the usual rest."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

log = logging.getLogger("klinik.intake.headers")

# Python-Markdown's "tables" extension aligns cells with exactly these attributes (FAQ, calculators, answers).
TABLE_ALIGN_STYLES = ("text-align: left;", "text-align: center;", "text-align: right;")
ALTCHA_JS = Path("assets/javascripts/vendor/altcha.js")
ALTCHA_CSS_ID = '"__altcha-css"'
SERVER_ERROR = "Terjadi kesalahan pada server. Pertanyaan Anda belum tentu tersimpan; coba lagi beberapa saat lagi."
PERMISSIONS = ("accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
               "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), fullscreen=(self)")
# For what the HTTP layer answers itself (400, 431, 503): plain text, nothing may load or frame it.
PLAIN_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
EDITOR_CSP = "; ".join([
    "default-src 'self'",
    # Decap CMS compiles its config schema at run time (ajv) and injects its own styles (emotion): both blocked by the
    # site's policy. Only /admin/, the staff editor, gets these two; every citizen page keeps the strict policy.
    "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com https://raw.githubusercontent.com",
    "font-src 'self' data:",
    # GitHub's API in production; decap-server (`npx decap-server`, its default port) when a TA edits on their own machine
    "connect-src 'self' https://api.github.com http://localhost:8081 http://127.0.0.1:8081",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
"""The editor's policy (/admin/): what Decap CMS needs to start, and no more."""


def source_hash(text: str) -> str:
    """A CSP hash source for one inline style (or script) exactly as the browser sees its text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def js_string(code: str, start: int) -> str | None:
    """The value of the JavaScript string literal whose opening quote is at `start` (None if malformed)."""
    quote, out, i = code[start], [], start + 1
    simple = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
    while i < len(code):
        ch = code[i]
        if ch == quote:
            return "".join(out)
        if ch == "\\":
            nxt = code[i + 1: i + 2]
            if nxt == "u" and code[i + 2: i + 3] == "{":
                end = code.find("}", i + 3)
                out.append(chr(int(code[i + 3:end], 16)))
                i = end + 1
                continue
            if nxt in ("x", "u"):
                width = 2 if nxt == "x" else 4
                out.append(chr(int(code[i + 2: i + 2 + width], 16)))
                i += 2 + width
                continue
            if nxt == "\n":
                i += 2
                continue
            out.append(simple.get(nxt, nxt))
            i += 2
            continue
        if ch == "\n" and quote != "`":
            return None
        if ch == "$" and quote == "`" and code[i + 1: i + 2] == "{":
            return None  # a template with substitutions has no fixed text to hash
        out.append(ch)
        i += 1
    return None


def altcha_style(code: str) -> str | None:
    """The stylesheet the vendored ALTCHA widget injects as a <style> element (its text is hashed for the CSP).

    The widget calls a helper `function F(e,t="__altcha-css")` with a constant: find F, the constant's
    name in the call `F(NAME)`, then the literal assigned to NAME."""
    mark = code.find(ALTCHA_CSS_ID)
    head = code.rfind("function ", 0, mark)
    if mark < 0 or head < 0:
        return None
    helper = code[head + len("function "): code.find("(", head)]
    call = re.search(rf"(?<![\w$]){re.escape(helper)}\(([A-Za-z_$][\w$]*+)\)", code)
    if not helper.isidentifier() or call is None:
        return None
    literal = re.search(rf"(?<![\w$.]){re.escape(call.group(1))}=(['\"`])", code)
    try:
        return js_string(code, literal.start(1)) if literal else None
    except (ValueError, IndexError):
        return None


def search_origins(site: Path) -> list[str]:
    """Where the built site's search asks besides its own origin: Algolia's host when it was built for Algolia."""
    try:
        page = (site / "index.html").read_text(encoding="utf-8")
    except OSError:
        return []
    start = page.find('<script id="klinik-search-config" type="application/json">')
    if start < 0:
        return []
    body = page[page.index(">", start) + 1: page.find("</script>", start)]
    try:
        config = json.loads(body)
    except ValueError:
        return []
    if not isinstance(config, dict) or config.get("engine") != "algolia":
        return []
    host, app_id = str(config.get("host") or ""), str(config.get("appId") or "")
    if host:
        return [host] if re.fullmatch(r"https?+://[A-Za-z0-9.-]++(?::[0-9]++)?+", host) else []
    return [f"https://{app_id}-dsn.algolia.net"] if re.fullmatch(r"[A-Za-z0-9]++", app_id) else []


def embed_origins(site: Path) -> list[str]:
    """The video hosts the built video pages embed (their `data-sematan`, checked at build against site.yml's
    allow-list): the only origins a frame may come from, once the citizen presses play."""
    origins: set[str] = set()
    for page in sorted((site / "video").rglob("index.html")) if (site / "video").is_dir() else []:
        try:
            text = page.read_text(encoding="utf-8")
        except OSError:
            continue
        origins.update(re.findall(r'data-sematan="(https://[A-Za-z0-9.-]++)/', text))
    return sorted(origins)


def content_security_policy(site: Path) -> str:
    """The site's policy: script files from its own origin only (Pagefind's WebAssembly allowed), no inline script,
    inline styles only by hash (ALTCHA's sheet, Markdown's table alignment), nothing may frame it."""
    styles = [source_hash(text) for text in TABLE_ALIGN_STYLES]
    try:
        sheet = altcha_style((site / ALTCHA_JS).read_text(encoding="utf-8"))
    except OSError:
        sheet = None  # site not built: no widget to style
    else:
        if sheet is None:
            log.warning("gaya ALTCHA tidak ditemukan", extra={"reason": "csp"})
    if sheet is not None:
        styles.insert(0, source_hash(sheet))
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-hashes' " + " ".join(styles),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src " + " ".join(["'self'", *search_origins(site)]),
        "frame-src " + " ".join(["'self'", *embed_origins(site)]),
        "worker-src 'self' blob:",  # ALTCHA solves its puzzle in workers made from a blob URL
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def protection_headers(csp: str) -> list[tuple[bytes, bytes]]:
    """The headers every response carries unless the route already set its own value."""
    return [(name.encode("latin-1"), value.encode("latin-1")) for name, value in (
        ("content-security-policy", csp),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "strict-origin-when-cross-origin"),
        ("permissions-policy", PERMISSIONS),
        ("cross-origin-opener-policy", "same-origin"),
    )]


PLAIN_HEADERS = protection_headers(PLAIN_CSP)


class Protection:
    """This server's header set; private status links and back-office pages never leak as a referrer."""

    def __init__(self, csp: str):
        self.headers = protection_headers(csp)
        # the editor keeps its handle on the GitHub login popup it opens (web/cms_auth), under its own policy
        self.editor = [(k, b"same-origin-allow-popups" if k == b"cross-origin-opener-policy" else v)
                       for k, v in protection_headers(EDITOR_CSP)]

    def for_path(self, path: str) -> list[tuple[bytes, bytes]]:
        if path.startswith("/admin/"):
            return self.editor
        if not path.startswith(("/api/status/", "/staf/")):
            return self.headers
        return [(k, b"no-referrer" if k == b"referrer-policy" else v) for k, v in self.headers]

    def merged(self, path: str, headers) -> list[tuple[bytes, bytes]]:
        """The response's own headers plus every protection header it did not set itself."""
        present = {name.lower() for name, _ in headers}
        return [*headers, *((k, v) for k, v in self.for_path(path) if k not in present)]

    def server_error(self, request: Request, exc: Exception) -> Response:
        """The 500 answer (Starlette sends it outside every middleware, so it carries the headers itself)."""
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in self.for_path(request.url.path)}
        if "text/html" in request.headers.get("accept", ""):
            body = ('<!doctype html><html lang="id"><meta charset="utf-8"><title>Terjadi kesalahan</title>'
                    f"<h1>Terjadi kesalahan</h1><p>{SERVER_ERROR}</p>")
            return HTMLResponse(body, status_code=500, headers=headers)
        return JSONResponse({"galat": {"server": SERVER_ERROR}}, status_code=500, headers=headers)


class SecurityHeaders:
    """ASGI middleware putting the protection headers on every response that passes through the app."""

    def __init__(self, app, protection: Protection):
        self.app, self.protection = app, protection

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def protected(message):
            if message["type"] == "http.response.start":
                headers = self.protection.merged(scope.get("path", ""), list(message.get("headers", [])))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, protected)
