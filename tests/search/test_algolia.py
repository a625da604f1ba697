"""`klinik search push` against a local stand-in for Algolia's REST API: exact requests, incremental sync,
full rebuild, one-line errors, and no admin key in the built site."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.config.project import Project
from generator.pipeline import checked
from generator.search import algolia as algolia_sync
from generator.search.algolia_config import AlgoliaError, admin_settings, frontend_settings, parse_hosts
from generator.search.records import build_records
from generator.site.build import build
from tests.conftest import ROOT, write

APP_ID = "UJIAPP"
ADMIN_KEY = "kunci-admin-RAHASIA-7f3a9c1e5b"
SEARCH_KEY = "kunci-cari-publik-2d8e4b"
INDEX = "klinik-uji"
TMP = re.compile(r"_tmp_\d+")
ALGOLIA_JS = ROOT / "generator/theme/assets/javascripts/klinik-algolia.js"

KECIL_IDS = [
    "artikel/rumah-layak/#",
    "faq/apa-itu-kpr-flpp/#", "faq/apa-itu-kpr-flpp/#siapa-yang-bisa", "faq/apa-itu-kpr-flpp/#dasar-hukum",
    "faq/syarat-kpr/#", "faq/syarat-kpr/#dokumen",
    "infografis/alur/#", "infografis/alur/#transkrip",
    "modul/m-01-uji/#", "modul/m-01-uji/#riwayat-versi",
    "prosedur/pbg/#", "prosedur/pbg/#langkah-langkah", "prosedur/pbg/#langkah-1-daftar",
    "prosedur/pbg/#langkah-2-konsultasi", "prosedur/pbg/#dasar-hukum", "prosedur/pbg/#daftar-periksa-dokumen",
]
SYNONYMS = [
    {"objectID": "sinonim-0", "type": "synonym", "synonyms": ["kpr flpp", "rumah subsidi", "kpr subsidi"]},
    {"objectID": "sinonim-1", "type": "synonym", "synonyms": ["pbg", "imb"]},
    {"objectID": "normalisasi-gak", "type": "oneWaySynonym", "input": "gak", "synonyms": ["tidak"]},
    {"objectID": "normalisasi-kpran", "type": "oneWaySynonym", "input": "kpran", "synonyms": ["kpr"]},
]


class FakeAlgolia:
    """Enough of Algolia's search API for the client's helpers, with every request recorded."""

    def __init__(self) -> None:
        self.indexes: dict[str, dict] = {}
        self.requests: list[dict] = []
        self.key = ADMIN_KEY
        self.task = 0
        self.lock = threading.Lock()

    def _index(self, name: str) -> dict:
        return self.indexes.setdefault(name, {"records": {}, "settings": {}, "synonyms": {}, "rules": {}})

    def _task(self, **extra) -> dict:
        self.task += 1
        return {"taskID": self.task, "updatedAt": "2026-11-24T00:00:00Z", **extra}

    def handle(self, method: str, target: str, headers, body: dict | None) -> tuple[int, dict]:
        parts = urlsplit(target)
        path, query = unquote(parts.path), dict(parse_qsl(parts.query))
        with self.lock:
            self.requests.append({"method": method, "path": TMP.sub("_tmp_N", path), "query": query, "body": body})
            key = SEARCH_KEY if path.endswith("/query") else self.key  # browsers may only search
            # Like Algolia: credentials in headers, or in the query string (what browsers send, no preflight).
            app = headers.get("x-algolia-application-id") or query.get("x-algolia-application-id")
            given = headers.get("x-algolia-api-key") or query.get("x-algolia-api-key")
            if app != APP_ID or given != key:
                return 403, {"message": "Invalid Application-ID or API key", "status": 403}
            return self._route(method, path, query, body or {})

    def _route(self, method: str, path: str, query: dict, body: dict) -> tuple[int, dict]:
        match = re.fullmatch(r"/1/indexes/([^/]+)(/.*)?", path)
        if not match:
            return 404, {"message": "unknown path", "status": 404}
        name, rest = match.group(1), match.group(2) or ""
        if (method, rest) == ("PUT", "/settings"):
            self._index(name)["settings"].update(body)
            return 200, self._task()
        if (method, rest) == ("POST", "/synonyms/batch"):
            index = self._index(name)
            if query.get("replaceExistingSynonyms") == "true":
                index["synonyms"] = {}
            index["synonyms"].update({s["objectID"]: s for s in body})
            return 200, self._task()
        if (method, rest) == ("POST", "/browse"):
            if name not in self.indexes:
                return 404, {"message": "Index does not exist", "status": 404}
            records = [self.indexes[name]["records"][k] for k in sorted(self.indexes[name]["records"])]
            start, size = int(body.get("cursor") or 0), int(body.get("hitsPerPage", 1000))
            keep = body.get("attributesToRetrieve", ["*"])
            hits = [{"objectID": r["objectID"], **{k: v for k, v in r.items() if "*" in keep or k in keep}} for r in records[start : start + size]]
            page = {"hits": hits, "nbHits": len(records), "page": 0, "nbPages": 1, "hitsPerPage": size, "processingTimeMS": 1, "query": "", "params": ""}
            if start + size < len(records):
                page["cursor"] = str(start + size)
            return 200, page
        if (method, rest) == ("POST", "/batch"):
            records = self._index(name)["records"]
            for item in body["requests"]:
                if item["action"] in ("addObject", "updateObject"):
                    records[item["body"]["objectID"]] = item["body"]
                elif item["action"] == "deleteObject":
                    records.pop(item["body"]["objectID"], None)
                else:
                    return 400, {"message": f"action {item['action']} not supported here", "status": 400}
            return 200, self._task(objectIDs=[item["body"]["objectID"] for item in body["requests"]])
        if (method, rest) == ("POST", "/query"):
            return 200, self._query(self.indexes.get(name, {"records": {}})["records"], body)
        if method == "GET" and re.fullmatch(r"/task/\d+", rest):
            return 200, {"status": "published", "pendingTask": False}
        if (method, rest) == ("POST", "/operation"):
            source = self._index(name)
            if body["operation"] == "copy":
                target = self._index(body["destination"])
                scopes = body.get("scope") or ["settings", "synonyms", "rules", "records"]
                for scope in scopes:
                    target[scope] = json.loads(json.dumps(source[scope]))
            else:
                self.indexes[body["destination"]] = self.indexes.pop(name)
            return 200, self._task()
        if (method, rest) == ("DELETE", ""):
            self.indexes.pop(name, None)
            return 200, {"taskID": 0, "deletedAt": "2026-11-24T00:00:00Z"}
        return 404, {"message": f"{method} {path} not supported here", "status": 404}

    @staticmethod
    def _query(records: dict, body: dict) -> dict:
        """A crude search: records whose content has every query word, one per page, snippet marked."""
        words = body["query"].lower().split()
        hits, seen = [], set()
        for record in sorted(records.values(), key=lambda r: (r["url_without_anchor"], r["position"])):
            text = record["content"]
            if record["url_without_anchor"] in seen or not all(w in text.lower() for w in words):
                continue
            seen.add(record["url_without_anchor"])
            for word in words:
                text = re.sub(re.escape(word), lambda m: body["highlightPreTag"] + m.group(0) + body["highlightPostTag"], text, flags=re.I)
            keep = body["attributesToRetrieve"]
            hits.append({**{k: record[k] for k in keep if k in record}, "objectID": record["objectID"],
                         "_snippetResult": {"content": {"value": text, "matchLevel": "full"}}})
        return {"hits": hits[: body["hitsPerPage"]], "nbHits": len(hits), "page": 0, "hitsPerPage": body["hitsPerPage"]}

    def calls(self) -> list[str]:
        return [f"{r['method']} {r['path']}" for r in self.requests]

    def records(self) -> dict[str, dict]:
        return self.indexes[INDEX]["records"]


class _Handler(BaseHTTPRequestHandler):
    def _serve(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, payload = self.server.fake.handle(self.command, self.path, headers, json.loads(raw) if raw else None)  # type: ignore[attr-defined]
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _serve

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def fake(monkeypatch):
    """A local Algolia on 127.0.0.1, with the environment pointing `klinik search push` at it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.fake = FakeAlgolia()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    monkeypatch.setenv("ALGOLIA_APP_ID", APP_ID)
    monkeypatch.setenv("ALGOLIA_ADMIN_KEY", ADMIN_KEY)
    monkeypatch.setenv("ALGOLIA_INDEX", INDEX)
    monkeypatch.setenv("ALGOLIA_HOSTS", f"http://127.0.0.1:{server.server_address[1]}")
    for name in ("ALGOLIA_SEARCH_KEY", "ALGOLIA_SEARCH_HOST"):
        monkeypatch.delenv(name, raising=False)
    yield server.fake  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def push(*args: str):
    return CliRunner().invoke(main, ["search", "push", *args])


def assert_one_line_failure(result, expected_start: str) -> None:
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # not an uncaught exception
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(expected_start), lines[0]
    assert "Traceback" not in result.output and ADMIN_KEY not in result.output


def batch_actions(request: dict) -> list[tuple[str, str]]:
    return [(item["action"], item["body"]["objectID"]) for item in request["body"]["requests"]]


def test_first_push_sets_settings_synonyms_and_saves_every_record(kecil, fake):
    """Settings, synonyms, an (empty) browse, then one batch with every record, each waited for."""
    result = push()
    assert result.exit_code == 0, result.output
    assert result.stdout == "Algolia: 16 baru, 0 berubah, 0 dihapus, 0 tetap.\n"
    assert fake.calls() == [
        f"PUT /1/indexes/{INDEX}/settings", f"GET /1/indexes/{INDEX}/task/1",
        f"POST /1/indexes/{INDEX}/synonyms/batch", f"GET /1/indexes/{INDEX}/task/2",
        f"POST /1/indexes/{INDEX}/browse",
        f"POST /1/indexes/{INDEX}/batch", f"GET /1/indexes/{INDEX}/task/3",
    ]
    settings, synonyms, browse, batch = (fake.requests[i] for i in (0, 2, 4, 5))
    assert settings["body"] == {**algolia_sync.INDEX_SETTINGS_BASE, "optionalWords": ["apa", "gimana", "yang"]}
    assert settings["body"]["queryLanguages"] == settings["body"]["indexLanguages"] == ["id"]
    assert settings["body"]["attributesForFaceting"] == ["topic", "type"]
    assert settings["body"]["attributeForDistinct"] == "url_without_anchor"
    assert synonyms["query"] == {"replaceExistingSynonyms": "true"}
    assert synonyms["body"] == SYNONYMS
    assert browse["body"] == {"attributesToRetrieve": ["hash"], "hitsPerPage": 1000}
    assert batch_actions(batch) == [("addObject", oid) for oid in KECIL_IDS]
    assert [item["body"] for item in batch["body"]["requests"]] == build_records(checked(Project(kecil)))
    assert sorted(fake.records()) == sorted(KECIL_IDS)


def test_unchanged_content_only_reads_the_index(kecil, fake, monkeypatch):
    """A second push browses (page by page, following the cursor) and writes no record."""
    assert push().exit_code == 0
    fake.requests.clear()
    monkeypatch.setattr(algolia_sync, "BROWSE_PAGE", 4)
    result = push()
    assert result.stdout == "Algolia: 0 baru, 0 berubah, 0 dihapus, 16 tetap.\n"
    assert fake.calls() == [
        f"PUT /1/indexes/{INDEX}/settings", f"GET /1/indexes/{INDEX}/task/4",
        f"POST /1/indexes/{INDEX}/synonyms/batch", f"GET /1/indexes/{INDEX}/task/5",
    ] + [f"POST /1/indexes/{INDEX}/browse"] * 4
    cursors = [r["body"].get("cursor") for r in fake.requests[4:]]
    assert cursors == [None, "4", "8", "12"]


def test_edited_faq_saves_exactly_its_records(kecil, fake):
    """A new question changes every record of that page (lvl1) and nothing else; an edited section only its record."""
    assert push().exit_code == 0
    path = kecil / "content/faq/pembiayaan/syarat-kpr.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Apa syarat mengajukan KPR subsidi?", "Apa saja syarat KPR subsidi?"), encoding="utf-8")
    fake.requests.clear()
    result = push()
    assert result.stdout == "Algolia: 0 baru, 2 berubah, 0 dihapus, 14 tetap.\n"
    writes = [r for r in fake.requests if r["path"].endswith("/batch") and "synonyms" not in r["path"]]
    assert len(writes) == 1
    assert batch_actions(writes[0]) == [("addObject", "faq/syarat-kpr/#"), ("addObject", "faq/syarat-kpr/#dokumen")]
    assert fake.records()["faq/syarat-kpr/#"]["hierarchy"]["lvl1"] == "Apa saja syarat KPR subsidi?"

    path.write_text(path.read_text(encoding="utf-8").replace("- Slip gaji", "- Slip gaji tiga bulan terakhir"), encoding="utf-8")
    fake.requests.clear()
    result = push()
    assert result.stdout == "Algolia: 0 baru, 1 berubah, 0 dihapus, 15 tetap.\n"
    writes = [r for r in fake.requests if r["path"].endswith("/batch") and "synonyms" not in r["path"]]
    assert [batch_actions(w) for w in writes] == [[("addObject", "faq/syarat-kpr/#dokumen")]]
    assert "tiga bulan terakhir" in fake.records()["faq/syarat-kpr/#dokumen"]["content"]


def test_deleted_faq_deletes_its_object_ids(kecil, fake):
    """Removing a FAQ sends one deleteObject batch with its objectIDs; the page that listed it as related is untouched."""
    assert push().exit_code == 0
    (kecil / "content/faq/apa-itu-kpr-flpp.md").unlink()
    other = kecil / "content/faq/pembiayaan/syarat-kpr.md"
    other.write_text(other.read_text(encoding="utf-8").replace("terkait: [apa-itu-kpr-flpp]\n", ""), encoding="utf-8")
    fake.requests.clear()
    result = push()
    assert result.exit_code == 0, result.output
    assert result.stdout == "Algolia: 0 baru, 0 berubah, 3 dihapus, 13 tetap.\n"
    assert fake.calls()[5:] == [f"POST /1/indexes/{INDEX}/batch", f"GET /1/indexes/{INDEX}/task/{fake.task}"]
    assert batch_actions(fake.requests[5]) == [
        ("deleteObject", "faq/apa-itu-kpr-flpp/#"),
        ("deleteObject", "faq/apa-itu-kpr-flpp/#dasar-hukum"),
        ("deleteObject", "faq/apa-itu-kpr-flpp/#siapa-yang-bisa"),
    ]
    assert not any(k.startswith("faq/apa-itu-kpr-flpp/") for k in fake.records())


def test_full_push_replaces_all_objects(kecil, fake):
    """--full: settings and synonyms, then copy → fill temporary index → copy → move, each waited for."""
    assert push().exit_code == 0
    fake.records()["faq/lama/#"] = {"objectID": "faq/lama/#", "hash": "x"}
    fake.requests.clear()
    result = push("--full")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Algolia: indeks {INDEX} diganti penuh, 16 rekaman.\n"
    tmp = f"{INDEX}_tmp_N"
    assert fake.calls() == [
        f"PUT /1/indexes/{INDEX}/settings", f"GET /1/indexes/{INDEX}/task/4",
        f"POST /1/indexes/{INDEX}/synonyms/batch", f"GET /1/indexes/{INDEX}/task/5",
        f"POST /1/indexes/{INDEX}/operation",
        f"POST /1/indexes/{tmp}/batch", f"GET /1/indexes/{tmp}/task/7",
        f"GET /1/indexes/{tmp}/task/6",
        f"POST /1/indexes/{INDEX}/operation", f"GET /1/indexes/{tmp}/task/8",
        f"POST /1/indexes/{tmp}/operation", f"GET /1/indexes/{tmp}/task/9",
    ]
    copy, fill, move = fake.requests[4], fake.requests[5], fake.requests[10]
    assert TMP.sub("_tmp_N", copy["body"]["destination"]) == tmp
    assert copy["body"] == {"operation": "copy", "destination": copy["body"]["destination"], "scope": ["settings", "rules", "synonyms"]}
    assert batch_actions(fill) == [("addObject", oid) for oid in KECIL_IDS]
    assert move["body"] == {"operation": "move", "destination": INDEX}
    assert sorted(fake.records()) == sorted(KECIL_IDS)  # the stale record is gone
    assert fake.indexes[INDEX]["synonyms"] == {s["objectID"]: s for s in SYNONYMS}
    assert list(fake.indexes) == [INDEX]


def test_missing_variable_is_one_line(kecil, fake, monkeypatch):
    monkeypatch.delenv("ALGOLIA_ADMIN_KEY")
    monkeypatch.setenv("ALGOLIA_INDEX", "  ")
    assert_one_line_failure(push(), "Algolia belum dikonfigurasi: isi variabel lingkungan ALGOLIA_ADMIN_KEY, ALGOLIA_INDEX.")
    assert fake.requests == []


def test_rejected_key_is_one_line(kecil, fake):
    fake.key = "kunci-lain"
    result = push()
    assert_one_line_failure(result, "Algolia menolak kunci (HTTP 403: Invalid Application-ID or API key")
    assert fake.calls() == [f"PUT /1/indexes/{INDEX}/settings"]


def test_unreachable_host_is_one_line(kecil, fake, monkeypatch):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("ALGOLIA_HOSTS", f"http://127.0.0.1:{port}")
    assert_one_line_failure(push(), f"Algolia tidak dapat dihubungi (http://127.0.0.1:{port})")


def test_invalid_host_override_is_one_line(kecil, fake, monkeypatch):
    monkeypatch.setenv("ALGOLIA_HOSTS", "127.0.0.1:8765")
    assert_one_line_failure(push(), "ALGOLIA_HOSTS tidak valid: '127.0.0.1:8765'")


def test_invalid_content_stops_before_algolia(kecil, fake):
    write(kecil, {"content/faq/rusak.md": "---\npertanyaan: Pendek\nstatus: terbit\n---\nIsi.\n"})
    result = push()
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines()[-1].startswith("Dibatalkan:")
    assert fake.requests == []


def test_settings_from_environment():
    env = {"ALGOLIA_APP_ID": APP_ID, "ALGOLIA_ADMIN_KEY": ADMIN_KEY, "ALGOLIA_INDEX": INDEX}
    settings = admin_settings(env)
    assert (settings.app_id, settings.index, settings.hosts) == (APP_ID, INDEX, ())
    assert ADMIN_KEY not in repr(settings)
    assert [(h.scheme, h.host, h.port) for h in parse_hosts("http://127.0.0.1:8765, https://a.example")] == [
        ("http", "127.0.0.1", 8765), ("https", "a.example", None)]
    assert frontend_settings(env) is None  # no search key: the site keeps the embedded engine
    env["ALGOLIA_SEARCH_KEY"] = SEARCH_KEY
    assert frontend_settings(env) == {"engine": "algolia", "appId": APP_ID, "searchKey": SEARCH_KEY, "index": INDEX}
    env["ALGOLIA_SEARCH_HOST"] = "http://127.0.0.1:9000"
    assert frontend_settings(env)["host"] == "http://127.0.0.1:9000"
    assert ADMIN_KEY not in json.dumps(frontend_settings(env))
    with pytest.raises(AlgoliaError, match="kunci admin tidak boleh masuk ke situs"):
        frontend_settings({**env, "ALGOLIA_SEARCH_KEY": ADMIN_KEY})


def test_admin_key_never_reaches_the_built_site(kecil, tmp_path, monkeypatch):
    """With every ALGOLIA_* variable set, no built file holds the admin key; every record's anchor exists in its page."""
    for name, value in {"ALGOLIA_APP_ID": APP_ID, "ALGOLIA_ADMIN_KEY": ADMIN_KEY, "ALGOLIA_SEARCH_KEY": SEARCH_KEY,
                        "ALGOLIA_INDEX": INDEX, "ALGOLIA_HOSTS": "http://127.0.0.1:9", "ALGOLIA_SEARCH_HOST": "http://127.0.0.1:9"}.items():
        monkeypatch.setenv(name, value)
    site = build(Project(kecil), site_dir=tmp_path / "site")
    files = [p for p in list(site.rglob("*")) + list((kecil / "build").rglob("*")) if p.is_file()]
    assert len(files) > 20
    leaking = [p for p in files if ADMIN_KEY.encode() in p.read_bytes()]
    assert leaking == []
    assert any(SEARCH_KEY.encode() in p.read_bytes() for p in files)  # the site does use Algolia: the check is not vacuous
    for record in build_records(checked(Project(kecil))):
        html = (site / record["url_without_anchor"].split("/", 3)[3] / "index.html").read_text(encoding="utf-8")
        if record["anchor"]:
            assert f'id="{record["anchor"]}"' in html, record["objectID"]


NODE_SCRIPT = r"""
const fs = require("fs"), vm = require("vm");
const [file, host, appId, key, index, query] = process.argv.slice(2);
const window = {};
vm.runInNewContext(fs.readFileSync(file, "utf8"), {window, fetch, AbortController, setTimeout, clearTimeout, console});
window.klinikAlgoliaSearch({engine: "algolia", appId, searchKey: key, index, host}, query, 5)
  .then((results) => console.log(JSON.stringify(results)), (error) => { console.log(JSON.stringify({error: String(error)})); });
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed to run the browser module")
def test_browser_module_queries_with_the_search_key(kecil, fake, tmp_path):
    """klinik-algolia.js posts to /1/indexes/<index>/query with the search key and maps hits to the contract."""
    assert push().exit_code == 0
    record = fake.records()["faq/syarat-kpr/#dokumen"]
    record["content"] = "KTP <b>asli</b> & slip gaji"
    fake.requests.clear()
    script = tmp_path / "run.js"
    script.write_text(NODE_SCRIPT, encoding="utf-8")
    host = os.environ["ALGOLIA_HOSTS"]

    def run(key: str, query: str):
        proc = subprocess.run(["node", str(script), str(ALGOLIA_JS), host, APP_ID, key, INDEX, query],
                              capture_output=True, text=True, timeout=10)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    assert run(SEARCH_KEY, "slip") == [{
        "url": "https://klinik.example.go.id/faq/syarat-kpr/",
        "title": "Apa syarat mengajukan KPR subsidi?",
        "excerpt": "Siapkan KTP, NPWP dan <mark>slip</mark> gaji.",
        "topic": "Pembiayaan",
    }]
    assert run(SEARCH_KEY, "asli")[0] == {
        "url": "https://klinik.example.go.id/faq/syarat-kpr/#dokumen",
        "title": "Apa syarat mengajukan KPR subsidi?",
        "excerpt": "KTP &lt;b&gt;<mark>asli</mark>&lt;/b&gt; &amp; slip gaji",
        "topic": "Pembiayaan",
    }
    request = fake.requests[0]
    assert (request["method"], request["path"]) == ("POST", f"/1/indexes/{INDEX}/query")
    assert request["body"]["query"] == "slip" and request["body"]["hitsPerPage"] == 5
    assert request["body"]["distinct"] is True and request["body"]["attributesToSnippet"] == ["content:20"]
    assert run("kunci-salah", "slip") == {"error": "Error: Algolia HTTP 403"}  # a refused key rejects the promise
