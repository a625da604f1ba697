"""bench/hostile.py against the site side: markup and links from citizens, erasure on disk, the content checker."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import uuid
from html.parser import HTMLParser
from pathlib import Path

from hostile_common import VALID, WEBHOOK_SECRET, call, copy_fixture, git, klinik, note, post, service, wait_drained, wait_for

# --- 6. script on the public site, links on the status page, erasure -----------------------------------
MARK = "xss9301"
XSS_QUESTION = (f'Apakah <script>alert("{MARK}a")</script> dan <img src=x onerror=alert("{MARK}b")> serta '
                f'"><svg onload=alert("{MARK}c")> boleh ditulis di formulir KPR subsidi?')
LINK_ANSWER = ("Lihat [panduan](javascript:alert('js1')), [unduh](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==), "
               "[ini](JaVaScRiPt:alert('js2')), [itu](<javascript:alert('js3')>), [vb](vbscript:msgbox('js4')) dan [ref][1].\n\n"
               "[1]: javascript:alert('js5')\n\nTautan sah: [situs](https://example.org/) dan [surat](mailto:ta@example.invalid).")
ERASED = {"nama": "Ratna Rahasiawati", "telepon": "0857 1357 2468", "email": "ratna.rahasia@contoh.id",
          "pertanyaan": "Apakah rumah kodeunikrahasia kami bisa direnovasi dengan bantuan BSPS tahun ini?"}
ERASED_BYTES = [b"Ratna Rahasiawati", b"085713572468", b"ratna.rahasia@contoh.id", b"kodeunikrahasia"]


JS_TYPES = {f"{top}/{sub}" for top in ("text", "application") for sub in ("javascript", "ecmascript", "x-javascript", "x-ecmascript", "jscript", "livescript")}


class Live(HTMLParser):
    """Script elements and on* handlers carrying MARK; href-like attributes with an executable scheme."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts = self.handlers = self.bad_links = 0
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            self.handlers += name.startswith("on") and MARK in value
            url = "".join(ch for ch in value if ch not in "\t\n\r").strip().lower()
            if name in ("href", "xlink:href", "formaction", "action") or (name == "src" and tag in ("iframe", "embed", "frame")):
                self.bad_links += url.startswith(("javascript:", "data:", "vbscript:"))
        kind = (dict(attrs).get("type") or "").strip().lower()
        if tag == "script" and (kind in ("", "module") or kind in JS_TYPES):  # any other type is an inert data block
            self._script = [dict(attrs).get("src") or ""]

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts += MARK in "".join(self._script)
            self._script = None


def parse_html(text: str) -> Live:
    page = Live()
    page.feed(text)
    page.close()
    return page


def answer_and_merge(repo: Path, ticket: str, answer: str) -> None:
    """What a TA does: answer on the review branch, merge it into main."""
    git(repo, "checkout", "-q", f"pertanyaan/{ticket}")
    path = next((repo / "submissions").glob(f"*/*/{ticket}.md"))
    text = path.read_text(encoding="utf-8").replace("status: menunggu-jawaban", "status: dijawab")
    path.write_text(text + "\n" + answer + "\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", f"Jawab {ticket}")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", f"Gabung {ticket}", f"pertanyaan/{ticket}")


def scan_var(var: Path, found: set, loose: set) -> None:
    """Add (planted value, file) pairs and group/other-accessible paths under var/."""
    if not var.exists():
        return
    for path in [var, *var.rglob("*")]:
        try:
            if path.lstat().st_mode & 0o077:
                loose.add(path)
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                found.update((value, path.name) for value in ERASED_BYTES if value in data)
        except OSError:
            pass


def review_project(work: Path) -> Path:
    """tests/fixtures/kecil as a git checkout that is also the publish repository (as in test_intake_flow)."""
    project = copy_fixture(work / "situs")
    shutil.rmtree(project / "submissions", ignore_errors=True)
    git(project, "init", "-q", "-b", "main")
    (project / ".git" / "info" / "exclude").write_text("var/\nsite/\n", encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "awal")
    return project


def status_links(port: int, status_url: str) -> int:
    """Live executable links on the status page once the merged answer is recorded."""
    path = "/api/status/" + status_url.rsplit("/api/status/", 1)[1]
    state = lambda: json.loads(call(port, "GET", path, headers={"Accept": "application/json"})[2] or b"{}").get("status")  # noqa: E731
    wait_for(lambda: state() == "dijawab", 20)
    links = parse_html(call(port, "GET", path)[2].decode("utf-8", "replace")).bad_links
    note("xss", f"live javascript:/data:/vbscript: links on the status page: {links}")
    return links


def faq_scripts(project: Path, ticket: str) -> int:
    """`klinik kurasi terbitkan` of the question with markup, `klinik build`, then live markup from it in site/."""
    code, text, _ = klinik("kurasi", "terbitkan", ticket, "--slug", "pertanyaan-bermarkup", "--proyek", str(project), timeout=120)
    note("xss", f"kurasi terbitkan exit {code}: {text.strip().splitlines()[:1]!s:.160}")
    if code != 0:
        return 0
    code, text, _ = klinik("build", "--proyek", str(project), timeout=180)
    note("xss", f"build exit {code}: {text.strip().splitlines()[-1:]!s:.160}")
    live = 0
    for page in (project / "site").rglob("*.html") if code == 0 else []:
        found = parse_html(page.read_text(encoding="utf-8", errors="replace"))
        live += found.scripts + found.handlers
        if found.scripts + found.handlers:
            note("xss", f"{page.relative_to(project)}: {found.scripts} scripts, {found.handlers} handlers")
    return live


def site_run(work: Path) -> dict:
    """A question with markup and one with identity, both answered and merged: status page, webhook replay,
    erasure (var/ scanned while the server runs and after it stopped), then FAQ and build."""
    project = review_project(work)
    env = {"KLINIK_OUTBOX_INTERVAL_SECONDS": "0.2", "KLINIK_ANSWERS_INTERVAL_SECONDS": "0.5", "KLINIK_WEBHOOK_SECRET": WEBHOOK_SECRET}
    server = service(project, env, work / "situs.log")
    found: set = set()
    loose: set = set()
    out = {"xss_live": 0, "replays_accepted": 0}
    tickets: dict[str, str] = {}
    try:
        replies = {"xss": post(server.port, {**VALID, "pertanyaan": XSS_QUESTION}), "hapus": post(server.port, {**VALID, **ERASED})}
        tickets = {name: reply["tiket"] for name, (status, reply) in replies.items() if status == 201}
        note("xss", f"posts answered {[status for status, _ in replies.values()]}")
        wait_for(lambda: all(git(project, "branch", "--list", f"pertanyaan/{t}").strip() for t in tickets.values()), 30)
        wait_drained(server.port, 10)
        for name, ticket in tickets.items():
            answer_and_merge(project, ticket, LINK_ANSWER if name == "hapus" else "Bisa. Ajukan KPR subsidi melalui bank penyalur.")
        if "xss" in tickets:
            out["replays_accepted"] += webhook_replay(server.port, tickets["xss"])
        if "hapus" in tickets:
            out["xss_live"] += status_links(server.port, replies["hapus"][1]["tautan_status"])
            wait_for(lambda: any((project / "var" / "outbox-email").glob("*.eml")), 10)
            code, _, _ = klinik("intake", "hapus-data", "--proyek", str(project), tickets["hapus"], timeout=60)
            note("erasure", f"klinik intake hapus-data exit {code}")
            scan_var(project / "var", found, loose)
    finally:
        server.stop()
    scan_var(project / "var", found, loose)
    modes = sorted(f"{p.relative_to(project)} {p.lstat().st_mode & 0o777:o}" for p in loose if p.exists())
    note("erasure", f"left {sorted(found)}; group/other bits on {modes}")
    if "xss" in tickets:
        out["xss_live"] += faq_scripts(project, tickets["xss"])
    return {**out, "erasure_leftovers": len(found), "world_readable": len(loose)}


def webhook_replay(port: int, ticket: str) -> int:
    """1 when a delivery sent again with the same X-GitHub-Delivery gets the same 2xx answer (processed again)."""
    body = json.dumps({"action": "closed", "pull_request": {"merged": True, "head": {"ref": f"pertanyaan/{ticket}"}}}).encode()
    headers = {"Content-Type": "application/json", "X-GitHub-Event": "pull_request", "X-GitHub-Delivery": str(uuid.uuid4()),
               "X-Hub-Signature-256": "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()}
    first = call(port, "POST", "/api/webhook/github", body, headers)
    again = call(port, "POST", "/api/webhook/github", body, headers)
    return int(first[0] == 200 and again[0] is not None and 200 <= again[0] < 300 and again[2] == first[2])


# --- 7. content checker --------------------------------------------------------------------------------
FAQ = "content/faq/apa-itu-kpr-flpp.md"
BOMB = "[" + ", ".join([f"&a0 [{', '.join(['lol'] * 9)}]"] + [f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]) + "]"


def _edit(old: str, new: str, line_of: str | None = None):
    """Change one FAQ; the message must name it (and the line starting with `line_of`, when given)."""
    def apply(project: Path, _outside: Path) -> str:
        path = project / FAQ
        text = path.read_text(encoding="utf-8")
        text = text.replace(old, new, 1) if old else text + new
        path.write_text(text, encoding="utf-8")
        if line_of is None:
            return path.name
        return f"{path.name}:{next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith(line_of))}:"
    return apply


def _link(rel: str, target):
    """Replace or add `rel` as a symlink to `target` (a path, or a function of the folder outside the project)."""
    def apply(project: Path, outside: Path) -> str:
        path = project / rel
        path.unlink(missing_ok=True)
        path.symlink_to(target(outside) if callable(target) else target)
        return path.name
    return apply


def _folder(project: Path, outside: Path) -> str:
    """A folder in content/ that is a symlink to one outside the project."""
    (outside / "rahasia").mkdir()
    (outside / "rahasia" / "catatan.txt").write_text("bukan untuk situs\n", encoding="utf-8")
    (project / "content" / "faq" / "tautan").symlink_to(outside / "rahasia", target_is_directory=True)
    return "tautan"


def _fifo(project: Path, _outside: Path) -> str:
    """A named pipe where a Markdown file should be: reading it blocks forever."""
    os.mkfifo(project / "content" / "faq" / "x.md")
    return "x.md"


CHECKER_CASES = {
    "gambar-ke-etc-passwd": _link("content/infografis/alur.svg", "/etc/passwd"),
    "folder-symlink": _folder,
    "symlink-menggantung": _link("content/faq/hilang.md", lambda outside: outside / "tidak-ada.md"),
    "fifo": _fifo,
    "dev-zero": _link("content/faq/nol.md", "/dev/zero"),
    "kunci-ganda": _edit("status: terbit", "status: draft\nstatus: terbit"),
    "bom-alias": _edit("status: terbit", "status: " + BOMB),
    "kurung-front-matter": _edit("tag: [kpr, flpp]", "tag: " + "[" * 100_000 + "]" * 100_000),
    "kurung-isi": _edit("", "\n" + "[" * 100_000 + "]" * 100_000 + "\n"),
    "tanggal-mustahil": _edit("ditinjau: 2026-11-20", "ditinjau: 2026-02-30", line_of="ditinjau:"),
}


def checker_case(work: Path, name: str) -> int:
    """1 unless `klinik check` exits 1 within 20 s, briefly, without a traceback, naming the file."""
    project = copy_fixture(work / "periksa" / name)
    outside = work / "periksa" / f"{name}-luar"
    outside.mkdir()
    expected = CHECKER_CASES[name](project, outside)
    code, text, size = klinik("check", "--proyek", str(project), timeout=20, limit_memory=True)
    failed = not (code == 1 and "Traceback" not in text and "Segmentation" not in text and size < 10240 and expected in text)
    if name == "gambar-ke-etc-passwd":
        klinik("build", "--proyek", str(project), timeout=60, limit_memory=True)
        secret = Path("/etc/passwd").read_bytes()
        site = project / "site"
        failed += any(p.is_file() and secret in p.read_bytes() for p in site.rglob("*")) if site.is_dir() else 0
    note("checker", f"{name}: {'FAIL' if failed else 'ok'} exit {code}, {size} bytes: {text.strip().splitlines()[:1]!s:.160}")
    return int(failed)
