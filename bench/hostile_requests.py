"""bench/hostile.py against the request layer: spent proofs replayed, malformed requests, protection headers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path

from hostile_common import SECRET_KEY, SITE_INDEX, VALID, WEBHOOK_SECRET, Server, call, note, post, question, raw_status, service
from intake_load import make_project


# --- 5. replays, malformed requests, headers ----------------------------------------------------------
def solve(port: int) -> str | None:
    """Solve GET /api/altcha like the widget: sha256(salt + number) == challenge; the base64 JSON payload."""
    status, _, body = call(port, "GET", "/api/altcha")
    if status != 200:
        return None
    ch = json.loads(body)
    for salt in dict.fromkeys((ch["salt"], ch["salt"].rstrip("&") + "&")):  # the verifier appends "&" when missing
        for number in range(min(int(ch["maxnumber"]), 2_000_000) + 1):  # bounded even if the server asks for more
            if hashlib.sha256(f"{salt}{number}".encode()).hexdigest() == ch["challenge"]:
                fields = {"algorithm": ch["algorithm"], "challenge": ch["challenge"], "number": number,
                          "salt": ch["salt"], "signature": ch["signature"]}
                return base64.b64encode(json.dumps(fields).encode()).decode()
    return None


def reencodings(payload: str) -> list[str]:
    """The same solution written seven other ways the verifier accepts."""
    p = json.loads(base64.b64decode(payload))
    b64 = lambda text: base64.b64encode(text.encode()).decode()  # noqa: E731
    return [
        b64(json.dumps(dict(reversed(list(p.items()))))), b64(json.dumps(p, indent=2)),
        b64(json.dumps({**p, "number": str(p["number"])})), b64(json.dumps({**p, "took": 1234})),
        b64(json.dumps(p).replace('"salt"', '"\\u0073alt"')), base64.encodebytes(base64.b64decode(payload)).decode().strip(),
        b64(json.dumps({**p, "salt": p["salt"].rstrip("&")})),
    ]


def form_tokens(port: int, count: int, min_fill: float) -> list[str]:
    """`count` different form tokens (today's are per second, so this may take a second), old enough to use."""
    tokens: list[str] = []
    deadline = time.monotonic() + 3
    while len(tokens) < count and time.monotonic() < deadline:
        status, _, body = call(port, "GET", "/api/formulir")
        token = json.loads(body)["token_formulir"] if status == 200 else ""
        if token not in tokens:
            tokens.append(token)
        else:
            time.sleep(0.1)
    time.sleep(min_fill + 0.2)
    return tokens + [""] * (count - len(tokens))


def replay_run(work: Path, log: Path) -> tuple[dict, Server]:
    """Spent ALTCHA solutions re-sent (no form token needed), then, after a restart, the spent one and a reused token."""
    project, repo = make_project(work / "ulang")
    (project / "site" / "index.html").write_text(SITE_INDEX, encoding="utf-8")
    env = {"KLINIK_REPO_PATH": str(repo), "KLINIK_POW": "true", "KLINIK_POW_DIFFICULTY": "1000", "KLINIK_MIN_FILL_SECONDS": "0",
           "KLINIK_SECRET_KEY": SECRET_KEY, "KLINIK_WEBHOOK_SECRET": WEBHOOK_SECRET}
    server = service(project, env, log)
    spent = solve(server.port)
    first = post(server.port, {**question(600_000), "altcha": spent or ""})[0]
    again = [spent, *reencodings(spent)] if spent else []
    replays = [post(server.port, {**question(600_001 + i), "altcha": payload})[0] for i, payload in enumerate(again)]
    server.stop()
    server = service(project, {**env, "KLINIK_MIN_FILL_SECONDS": "0.5"}, log, port=server.port)
    other, token = form_tokens(server.port, 2, 0.5)
    after_restart = post(server.port, {**question(600_030), "token_formulir": other, "altcha": spent or ""})[0]
    reused = [post(server.port, {**question(600_020 + i), "token_formulir": token, "altcha": solve(server.port) or ""})[0] for i in range(2)]
    accepted = sum(s == 201 for s in replays) + (after_restart == 201) + (reused == [201, 201])
    note("replay", f"baseline {first}, exact+re-encodings {replays}, after restart {after_restart}, token twice {reused}")
    return {"replays_accepted": accepted, "replay_baseline_ok": int(first == 201 and reused[0] == 201)}, server


def malformed(port: int) -> tuple[int, int]:
    """(5xx answers, /etc/passwd bodies) for requests that are wrong in every way we could think of."""
    sig = lambda body: "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()  # noqa: E731
    deep = b"[" * 16000 + b"]" * 16000  # under the 32 KB body limit, far past the parser's recursion limit
    event = json.dumps({"action": "closed", "pull_request": {"merged": True, "head": {"ref": "pertanyaan/KPKP-2026-999999"}}}).encode()
    hook = {"Content-Type": "application/json", "X-GitHub-Event": "pull_request", "X-GitHub-Delivery": "d-1"}
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    as_json = {"Content-Type": "application/json", "Accept": "application/json"}
    valid_form = "&".join(f"{k}={v}" for k, v in VALID.items() if k != "pertanyaan") + "&pertanyaan=" + "Apakah+bisa+KPR+subsidi+untuk+rumah+pertama"
    cases = [
        ("POST", "/api/pertanyaan", json.dumps({**VALID, "token_formulir": "1700000000.é"}).encode(), as_json),
        ("POST", "/api/pertanyaan", json.dumps({**VALID, "token_formulir": "١٧٠٠٠٠٠٠٠٠.ü"}).encode(), as_json),
        ("POST", "/api/pertanyaan", (valid_form + "&token_formulir=1700000000.%C3%A9").encode(), form),
        ("POST", "/api/pertanyaan", json.dumps({**VALID, "token_formulir": "\udc00.\udc00"}).encode(), as_json),
        ("POST", "/api/pertanyaan", json.dumps({**VALID, "altcha": "é" * 50}).encode(), as_json),
        ("POST", "/api/pertanyaan", json.dumps({**VALID, "altcha": base64.b64encode(b'{"salt": 1, "algorithm": "SHA-256"}').decode()}).encode(), as_json),
        ("POST", "/api/pertanyaan", deep, as_json),
        ("POST", "/api/pertanyaan", b'{"a":' * 5000 + b"1" + b"}" * 5000, as_json),
        ("POST", "/api/pertanyaan", json.dumps({**VALID, "nama": 1e308, "pertanyaan": [["x"]]}).encode().replace(b"1e+308", b"1" * 5000), as_json),
        ("POST", "/api/pertanyaan", b'{"nama": NaN, "telepon": Infinity}', as_json),
        ("POST", "/api/pertanyaan", b"\xff\xfe{", as_json),
        ("POST", "/api/pertanyaan", json.dumps(VALID).encode("utf-16"), {"Content-Type": "application/json; charset=utf-16"}),
        ("POST", "/api/pertanyaan", b"&".join([b"a=1"] * 2000), form),
        ("POST", "/api/pertanyaan", b"nama=%ED%B0%80&pertanyaan=%00%ff", form),
        ("POST", "/api/pertanyaan", b"--x\r\n", {"Content-Type": "multipart/form-data; boundary=x"}),
        ("POST", "/api/pertanyaan", json.dumps(VALID).encode(), {"Content-Type": b"application/json\xff", "Accept": b"\xc3\xa9"}),
        ("POST", "/api/webhook/github", event, {**hook, "X-Hub-Signature-256": "sha256=é" + "0" * 63}),
        ("POST", "/api/webhook/github", event, {**hook, "X-Hub-Signature-256": b"sha256=\xff\xfe"}),
        ("POST", "/api/webhook/github", event, {**hook, "X-Hub-Signature-256": sig(event), "X-GitHub-Delivery": b"\xc3\xa9\xff"}),
        ("POST", "/api/webhook/github", deep, {**hook, "X-Hub-Signature-256": sig(deep)}),
        ("POST", "/api/webhook/github", b"\xff", {**hook, "X-Hub-Signature-256": sig(b"\xff")}),
        ("POST", "/api/webhook/github", b"[]", {**hook, "X-Hub-Signature-256": sig(b"[]"), "X-GitHub-Event": b"\xc3\xa9"}),
        ("GET", "/api/status/%00", None, {}), ("GET", "/api/status/%ED%B0%80", None, {}), ("GET", "/api/status/" + "%C3%A9" * 60, None, {}),
        ("GET", "/api/status/x", None, {"Accept": b"application/json\xff"}),
        ("GET", "/%00", None, {}), ("GET", "/" + "a" * 5000, None, {}), ("GET", "/" + "a/" * 3000, None, {}),
        ("GET", "/%ED%B0%80", None, {}), ("GET", "/index.html%00.txt", None, {}),
        ("GET", "/../../../../etc/passwd", None, {}), ("GET", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", None, {}),
        ("GET", "/..%2f..%2f..%2f..%2fetc%2fpasswd", None, {}), ("GET", "/static/..%5c..%5cetc%5cpasswd", None, {}),
        ("OPTIONS", "/api/pertanyaan", None, {}), ("TRACE", "/", None, {}), ("DELETE", "/healthz", None, {}),
        ("GET", "/api/altcha?" + "a=1&" * 2000, None, {}), ("GET", "/api/openapi.json", None, {"Accept": "*/*"}),
    ]
    errors = leaks = 0
    for n, (method, path, body, headers) in enumerate(cases):
        if headers.get("X-GitHub-Delivery") == "d-1":  # a fresh id each, so every case reaches the event itself
            headers = {**headers, "X-GitHub-Delivery": f"bench-{uuid.uuid4()}-{n}"}
        status, _, reply = call(port, method, path, body, headers)
        errors += status is not None and status >= 500
        if status is None or status >= 500:
            note("malformed", f"{status} {method} {path[:60]} {(body or b'')[:70]!r} {str(headers)[:80]}")
        leaks += b"root:x:0:0" in reply
    raws = [b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
            b"POST /api/pertanyaan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            b"POST /api/pertanyaan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999\r\n\r\n{",
            b"GET /\xc3\xa9\xff HTTP/1.1\r\nHost: x\r\n\r\n", b"GET /api/status/\xed\xb0\x80 HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET / HTTP/1.0\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nX-Panjang: " + b"a" * 70000 + b"\r\n\r\n",
            b"POST /api/webhook/github HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: sha256=\xe9\r\nContent-Length: 2\r\n\r\n{}"]
    for data in raws:
        status = raw_status(port, data)
        errors += status is not None and status >= 500
        if status is not None and status >= 500:
            note("malformed", f"{status} raw {data[:60]!r}")
    return errors, leaks


class Scripts(HTMLParser):
    """Script sources of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.sources.append(dict(attrs).get("src") or "")


PATHS = ["/api/formulir", "/api/altcha", "/", "/index.html", "/tidak-ada/", "/healthz", "/api/status/tidak-dikenal", "/ajukan/",
         "/api/openapi.json", "POST /api/pertanyaan", "/api/docs"]


def missing_headers(port: int) -> int:
    """(response, header) pairs lacking a protection header, plus 1 for a third-party script on /api/docs."""
    responses = [call(port, "GET", path) for path in PATHS[:-2]]
    responses.append(call(port, "POST", "/api/pertanyaan", b"{}", {"Content-Type": "application/json"}))
    docs = call(port, "GET", "/api/docs")
    if docs[0] == 200:
        responses.append(docs)
    missing = 0
    for path, (status, headers, _) in zip(PATHS, responses, strict=False):
        csp = headers.get("content-security-policy", "")
        lacking = [name for name, bad in (("csp", not csp), ("nosniff", headers.get("x-content-type-options", "").lower() != "nosniff"),
                                          ("frame-ancestors", "frame-ancestors" not in csp), ("referrer-policy", not headers.get("referrer-policy"))) if bad]
        missing += len(lacking)
        if lacking:
            note("headers", f"{status} {path}: {lacking}")
    if docs[0] == 200:
        page = Scripts()
        page.feed(docs[2].decode("utf-8", "replace"))
        foreign = [src for src in page.sources if src.startswith(("http:", "https:", "//")) and "127.0.0.1" not in src]
        missing += bool(foreign)
        note("headers", f"/api/docs scripts from elsewhere: {foreign}")
    return missing
