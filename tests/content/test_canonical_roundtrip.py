"""Every file in content/ and every data file of the editor (site_config/balai.yml, pencarian.yml, hari_libur.yml) opened
and saved unchanged in the CMS gives a zero-byte diff, and reads the same in Decap and in klinik.

Decap's own code does the reading and writing (decap-cms-core's formatter, run by tests/decap/*.mjs in Node),
decap-server in git mode keeps a throwaway clone, and the editorial workflow puts each save on an entry
branch: `git diff main cms/<collection>/<slug>` must show nothing for the file. Per collection the first entry is
saved alone (as the editor saves one entry) and the others in one commit, so ~180 files take seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import time
from pathlib import Path

import pytest

from generator.config import read_site_config
from generator.content.canonical import canonical, data_file_text
from generator.content.loader import CONTENT_SCHEMAS
from generator.site.cms_config import DATA_FILES, decap_config
from generator.util.yaml_io import parse_yaml, split_front_matter
from tests.conftest import ROOT
from tests.decap_server import decap_server, git, throwaway_clone

NODE_DIR = ROOT / "tests" / "decap"
DECAP_EXCEPTIONS: dict[str, str] = {}
"""Files that cannot round-trip for a reason inside Decap itself, with that reason. None today: when one is
added, test_decap_exceptions_still_differ keeps the entry honest."""


def _config_collections() -> list[dict]:
    """The collections of the generated Decap config (its field order is the one Decap writes in)."""
    return decap_config(read_site_config(ROOT), local_backend="http://127.0.0.1:1/api/v1")["collections"]


def _collections() -> list[dict]:
    """The folder collections (content/)."""
    return [c for c in _config_collections() if "folder" in c]


def _content_files(collections: list[dict]) -> list[tuple[str, Path]]:
    """(collection, path) of every Markdown file the loader reads."""
    folders = {c["folder"]: c["name"] for c in collections}
    found = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        rel = path.relative_to(ROOT)
        if any(part.startswith((".", "_")) for part in rel.parts[1:-1]) or path.name.startswith("."):
            continue
        name = folders.get("/".join(rel.parts[:2]))
        assert name is not None, f"{rel}: tidak ada koleksi Decap untuk folder {rel.parts[1]}"
        found.append((name, path))
    return found


def _node(script: str, *args: str, stdin: str | None = None, timeout: float = 240) -> dict:
    done = subprocess.run(["node", str(NODE_DIR / script), *args], input=stdin, capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _jsonable(value: object) -> object:
    """Front matter as JSON sees it: a date is its YYYY-MM-DD text (what Decap holds)."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def collections() -> list[dict]:
    return _collections()


@pytest.fixture(scope="module")
def data_collection() -> dict:
    """The file collection of site_config/ data files."""
    return next(c for c in _config_collections() if "files" in c)


@pytest.fixture(scope="module")
def data_files(data_collection) -> list[tuple[str, Path]]:
    """(collection, path) of every data file the editor opens; each is in the repository."""
    found = [(data_collection["name"], ROOT / f["file"]) for f in data_collection["files"]]
    assert [p.name for _, p in found] == [file for _, _, file, _ in DATA_FILES]
    assert all(p.is_file() for _, p in found)
    return found


@pytest.fixture(scope="module")
def files(collections) -> list[tuple[str, Path]]:
    found = _content_files(collections)
    assert len(found) > 100
    return found


@pytest.fixture(scope="module")
def decap_opened(collections, files) -> dict:
    """Each file opened and saved unchanged by Decap's formatter, without a server (quick)."""
    entries = [{"collection": name, "path": path.relative_to(ROOT).as_posix(), "raw": path.read_text(encoding="utf-8")}
               for name, path in files]
    return _node("format.mjs", stdin=json.dumps({"collections": collections, "entries": entries}))


def test_the_editor_writes_keys_in_schema_order(collections):
    """Decap sorts top-level keys by the collection's fields; the generated config lists them as the schema does."""
    assert {c["name"]: [f["name"] for f in c["fields"]] for c in collections} == {
        name: [*model.model_fields, "body"] for name, model in CONTENT_SCHEMAS.items()}


def test_copied_decap_code_is_the_installed_one(decap_opened):
    """entry.mjs copies Backend.entryToRaw/fieldsOrder; the installed decap-cms-core must still hold them verbatim."""
    assert decap_opened["sameAsDecap"] is True
    assert decap_opened["versions"]["yaml"].startswith("1.")


def test_decap_reads_what_klinik_reads(files, decap_opened):
    """The data Decap parses from each file is the data the checker validates (no yes/no or 1:05 read two ways)."""
    differ = []
    for (_, path), result in zip(files, decap_opened["results"], strict=True):
        data, body, _ = split_front_matter(path.read_text(encoding="utf-8"), path, [])
        decap = dict(result["data"])
        decap_body = decap.pop("body", "")
        if _jsonable(data) != decap or (decap_body != body and body.strip()):
            differ.append(path.relative_to(ROOT).as_posix())
    assert differ == []


def test_klinik_writes_what_decap_writes(files, decap_opened):
    """content/canonical gives, for every file, the bytes Decap's formatter writes when it saves it."""
    differ = []
    for (name, path), result in zip(files, decap_opened["results"], strict=True):
        text = path.read_text(encoding="utf-8")
        data, _, _ = split_front_matter(text, path, [])
        if canonical(text, data, CONTENT_SCHEMAS[name]) != result["raw"]:
            differ.append(path.relative_to(ROOT).as_posix())
    assert differ == []


def _round_trip(tmp_path: Path, collections: list[dict], texts: dict[str, tuple[str, str]]) -> tuple[dict[str, str], int]:
    """Commit {path: (collection, text)} to a throwaway clone, open and save each file unchanged through decap-server;
    return the diff of each file its entry branch changed, and how many files were saved."""
    project = tmp_path / "proyek"
    for rel, (_, text) in texts.items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    repo = throwaway_clone(project, tmp_path / "repo")
    request = tmp_path / "permintaan.json"
    request.write_text(json.dumps({"collections": collections, "files": [
        {"collection": name, "path": rel} for rel, (name, _) in texts.items()]}), encoding="utf-8")
    with decap_server(repo, tmp_path / "decap-server.log") as api:
        answer = _node("roundtrip.mjs", api, str(request))
    assert answer["sameAsDecap"] is True
    assert {r["status"] for r in answer["results"]} == {"draft"}  # unpublished entries of the editorial workflow
    noisy: dict[str, str] = {}
    for branch, marker in sorted({(r["branch"], r["marker"]) for r in answer["results"]}):
        changed = git(repo, "diff", "--name-only", "main", branch).split()
        assert marker in changed, f"{branch}: cabang entri tidak dibuat"
        for path in changed:
            if path != marker:
                noisy[path] = git(repo, "diff", "main", branch, "--", path)
    return noisy, len(answer["results"])


def test_every_content_file_round_trips_through_decap_server(tmp_path, collections, files):
    """Open and save unchanged through decap-server (git mode, editorial workflow): each entry branch leaves the file as it was."""
    texts = {path.relative_to(ROOT).as_posix(): (name, path.read_text(encoding="utf-8")) for name, path in files}
    started = time.monotonic()
    noisy, saved = _round_trip(tmp_path, collections, texts)
    elapsed = time.monotonic() - started
    assert sorted(noisy) == sorted(DECAP_EXCEPTIONS), "\n".join(noisy.values())
    assert saved == len(files)
    assert elapsed < 90, f"{len(files)} berkas dalam {elapsed:.0f} detik"


def test_a_file_not_in_the_editors_form_shows_in_the_diff(tmp_path, collections, files):
    """The check is not blind: a FAQ with `status` last and a quoted question comes back reordered and unquoted."""
    name, path = next((n, p) for n, p in files if n == "faq")
    canonical_text = path.read_text(encoding="utf-8")
    status = next(line for line in canonical_text.split("\n") if line.startswith("status: "))
    hand = canonical_text.replace(status + "\n", "", 1).replace("\n---\n", f"\n{status}\n---\n", 1)
    other_name, other = next((n, p) for n, p in files if n == "faq" and p != path)
    texts = {path.relative_to(ROOT).as_posix(): (name, hand), other.relative_to(ROOT).as_posix(): (other_name, other.read_text(encoding="utf-8"))}
    noisy, _ = _round_trip(tmp_path, collections, texts)
    assert list(noisy) == [path.relative_to(ROOT).as_posix()]
    assert f"-{status}" in noisy[path.relative_to(ROOT).as_posix()] and f"+{status}" in noisy[path.relative_to(ROOT).as_posix()]


def test_decap_exceptions_still_differ(decap_opened, files):
    """A file listed in DECAP_EXCEPTIONS really is changed by Decap (drop it from the list once it is not)."""
    raws = {path.relative_to(ROOT).as_posix(): result["raw"] for (_, path), result in zip(files, decap_opened["results"], strict=True)}
    for listed in DECAP_EXCEPTIONS:
        assert raws[listed] != (ROOT / listed).read_text(encoding="utf-8"), listed


MODELS = {file: model for _, _, file, model in DATA_FILES}


@pytest.fixture(scope="module")
def decap_opened_data(data_collection, data_files) -> dict:
    """Each data file opened and saved unchanged by Decap's `yml` formatter, without a server."""
    entries = [{"collection": name, "path": path.relative_to(ROOT).as_posix(), "raw": path.read_text(encoding="utf-8")}
               for name, path in data_files]
    return _node("format.mjs", stdin=json.dumps({"collections": [data_collection], "entries": entries}))


def test_the_editor_writes_data_keys_in_schema_order(data_collection):
    """The data files' fields are the models' fields in declared order (Decap writes the top-level keys so)."""
    assert {f["file"]: [field["name"] for field in f["fields"]] for f in data_collection["files"]} == {
        f"site_config/{file}": list(model.model_fields) for _, _, file, model in DATA_FILES}


def test_decap_reads_data_files_as_klinik_reads_them(data_files, decap_opened_data):
    """Decap parses each data file to the data `klinik check` validates."""
    for (_, path), result in zip(data_files, decap_opened_data["results"], strict=True):
        data = parse_yaml(path.read_text(encoding="utf-8"), path, 0, [])
        assert _jsonable(data) == result["data"], path.name


def test_data_files_are_in_the_editors_bytes(data_files, decap_opened_data):
    """Each data file is already what Decap writes when it saves it, and content/canonical writes those bytes too."""
    for (_, path), result in zip(data_files, decap_opened_data["results"], strict=True):
        text = path.read_text(encoding="utf-8")
        assert data_file_text(parse_yaml(text, path, 0, []), MODELS[path.name]) == result["raw"], path.name
        assert text == result["raw"], path.name


def test_every_data_file_round_trips_through_decap_server(tmp_path, collections, data_collection, data_files):
    """Open and save each data file unchanged through decap-server (git mode, editorial workflow): no byte changes."""
    texts = {path.relative_to(ROOT).as_posix(): (name, path.read_text(encoding="utf-8")) for name, path in data_files}
    noisy, saved = _round_trip(tmp_path, [*collections, data_collection], texts)
    assert noisy == {}, "\n".join(noisy.values())
    assert saved == len(data_files) == 3


def test_a_data_file_with_comments_shows_in_the_diff(tmp_path, collections, data_collection, data_files):
    """The data check is not blind: a hand-kept hari_libur.yml with a comment and flow lists loses both on save."""
    name, path = next((n, p) for n, p in data_files if p.name == "hari_libur.yml")
    rel = path.relative_to(ROOT).as_posix()
    hand = "# Koreksi kalender hari kerja\n" + path.read_text(encoding="utf-8").replace("tambah: []", "tambah: [  ]")
    noisy, _ = _round_trip(tmp_path, [*collections, data_collection], {rel: (name, hand)})
    assert list(noisy) == [rel]
    assert "-# Koreksi kalender hari kerja" in noisy[rel] and "-tambah: [  ]" in noisy[rel] and "+tambah: []" in noisy[rel]
